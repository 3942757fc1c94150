/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/*
 * driver.h - the entry points every fuzz target shares.
 *
 * A target includes this header and defines
 *
 *     static void fuzz_one(const uint8_t *data, size_t size);
 *
 * which must free everything it allocates and abort() (through FUZZ_ASSERT)
 * when a property is violated.  The header then provides, depending on how
 * the target is built:
 *
 * - libFuzzer (clang -fsanitize=fuzzer -DFUZZ_LIBFUZZER):
 *   LLVMFuzzerTestOneInput() only; libFuzzer brings main().
 * - AFL++ (afl-clang-fast, which defines __AFL_FUZZ_TESTCASE_LEN): a main()
 *   in persistent mode with shared-memory test cases (__AFL_FUZZ_INIT,
 *   __AFL_LOOP, __AFL_FUZZ_TESTCASE_BUF/LEN).  Each test case is copied into
 *   a heap block of its exact size, so that AddressSanitizer sees a read one
 *   byte past the input.
 * - neither: a main() that runs fuzz_one() on standard input, or on each
 *   FILE given as an argument, and prints one line per input.  This is the
 *   replay build: `build/fuzz/repro/TARGET fuzz/crashes/TARGET-*`.
 */
#ifndef MDEVDESC_FUZZ_DRIVER_H
#define MDEVDESC_FUZZ_DRIVER_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void fuzz_one(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_one(data, size);
	return 0;
}

/* Run fuzz_one() on an exact-size heap copy of @data. */
static inline void fuzz_run_copy(const uint8_t *data, size_t size)
{
	uint8_t *copy = malloc(size ? size : 1);

	if (!copy)
		abort();
	if (size)
		memcpy(copy, data, size);
	fuzz_one(copy, size);
	free(copy);
}

#if defined(__AFL_FUZZ_TESTCASE_LEN)

#include <unistd.h> /* read(), which __AFL_FUZZ_TESTCASE_LEN may use */

/* AFL++'s macros mix signed and unsigned types. */
#pragma GCC diagnostic ignored "-Wsign-conversion"
#pragma GCC diagnostic ignored "-Wconversion"

__AFL_FUZZ_INIT();

int main(void)
{
	const unsigned char *buf;

#ifdef __AFL_HAVE_MANUAL_CONTROL
	__AFL_INIT();
#endif
	buf = __AFL_FUZZ_TESTCASE_BUF;
	while (__AFL_LOOP(100000)) {
		size_t len = (size_t)__AFL_FUZZ_TESTCASE_LEN;
		fuzz_run_copy(buf, len);
	}
	return 0;
}

#elif !defined(FUZZ_LIBFUZZER)

/* Read all of @f into a heap block; NULL on error. */
static uint8_t *fuzz_slurp(FILE *f, size_t *len)
{
	size_t cap = 0, n = 0, r;
	uint8_t *buf = NULL, *nb;

	for (;;) {
		if (n == cap) {
			cap = cap ? cap * 2 : 65536;
			nb = realloc(buf, cap);
			if (!nb) {
				free(buf);
				return NULL;
			}
			buf = nb;
		}
		r = fread(buf + n, 1, cap - n, f);
		n += r;
		if (r == 0) {
			if (ferror(f)) {
				free(buf);
				return NULL;
			}
			break;
		}
	}
	*len = n;
	return buf;
}

int main(int argc, char **argv)
{
	int i;

	for (i = argc > 1 ? 1 : 0; i < argc; i++) {
		FILE *f = i ? fopen(argv[i], "rb") : stdin;
		uint8_t *buf;
		size_t len = 0;

		if (!f) {
			perror(argv[i]);
			return 2;
		}
		buf = fuzz_slurp(f, &len);
		if (i)
			fclose(f);
		if (!buf) {
			fprintf(stderr, "%s: read error\n", i ? argv[i] : "stdin");
			return 2;
		}
		fuzz_run_copy(buf, len);
		free(buf);
		printf("ok %s (%zu bytes)\n", i ? argv[i] : "-", len);
	}
	return 0;
}

#endif

#endif /* MDEVDESC_FUZZ_DRIVER_H */
