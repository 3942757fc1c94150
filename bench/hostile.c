/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/*
 * hostile.c - work stays linear in the input: bytes per second on 1 MB and
 * 64 MB adversarial inputs, which should be within 2x of each other.  The
 * adversarial stream mixes documents that hit every limit and error path:
 * nesting at the depth limit, a long plain scalar, duplicate-heavy
 * mappings, invalid UTF-8, unterminated quotes, runs of empty documents.
 * Medians of repeated runs; not a pass/fail test.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mdevdesc.h"

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* One block of adversarial documents, about 16 KiB. */
static size_t block(char *p, size_t cap, unsigned seed)
{
	size_t n = 0, i;

	n += (size_t)snprintf(p + n, cap - n, "---\na: ");
	for (i = 0; i < 15; i++)
		p[n++] = '[';
	for (i = 0; i < 15; i++)
		p[n++] = ']';
	n += (size_t)snprintf(p + n, cap - n, "\n---\nmdevdesc: 1.%u\nvendor: Intel\ndescription: ", seed % 7);
	for (i = 0; i < 4000; i++)
		p[n++] = (char)('a' + (i * 7 + seed) % 26);
	n += (size_t)snprintf(p + n, cap - n, "\n---\n");
	for (i = 0; i < 300; i++)
		n += (size_t)snprintf(p + n, cap - n, "k%zu: %zu\n", i % 17, i);
	n += (size_t)snprintf(p + n, cap - n, "---\nbad: \xff\xfe\n---\nq: \"unterminated\n");
	for (i = 0; i < 200; i++)
		n += (size_t)snprintf(p + n, cap - n, "---\n");
	n += (size_t)snprintf(p + n, cap - n, "---\nx: [[[[[[[[[[[[[[[[[[[[[[[\n");
	return n;
}

static double rate(size_t size)
{
	char *buf = malloc(size + 65536);
	size_t n = 0, k;
	unsigned seed = 1;
	double samples[9];

	while (n < size)
		n += block(buf + n, size + 65536 - n, seed++);
	for (k = 0; k < 9; k++) {
		mdevdesc_reader *r = NULL;
		const mdevdesc_doc *d;
		double t0 = now();
		mdevdesc_reader_new(buf, n, NULL, &r);
		while (mdevdesc_reader_next(r, &d) == MDEVDESC_OK)
			;
		mdevdesc_reader_free(r);
		samples[k] = (double)n / (now() - t0);
	}
	qsort(samples, 9, sizeof(samples[0]), cmp_double);
	free(buf);
	return samples[4];
}

int main(void)
{
	double small = rate((size_t)1 << 20), large = rate((size_t)64 << 20);

	printf("adversarial input, parse + validate, one core (medians)\n");
	printf("  | input  | MB/s     |\n  |--------|----------|\n");
	printf("  | 1 MB   | %8.1f |\n  | 64 MB  | %8.1f |\n", small / 1e6, large / 1e6);
	printf("  ratio 1 MB / 64 MB: %.2f (linear: within 2x)\n", small / large);
	return 0;
}
