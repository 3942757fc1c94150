/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/*
 * compare.c - the freestanding emitter writes what the library writes.
 *
 * emitter/emit.c and the quoting table are compiled a second time with
 * -ffreestanding -nostdlib -fno-builtin and their symbols renamed with an
 * fs_ prefix (tests/tests.mk).  For every document of every file given,
 * the driver-side build must produce byte-identical canonical text to
 * mdevdesc_doc_emit(), also into buffers that are too small.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mdevdesc.h"

long fs_mdevdesc_emit(const struct mdevdesc_descriptor *d, char *buf, size_t size);

int main(int argc, char **argv)
{
	int i, docs = 0, bad = 0;

	for (i = 1; i < argc; i++) {
		mdevdesc_input *in;
		mdevdesc_file *f = NULL;
		size_t k;

		if (mdevdesc_input_read(argv[i], NULL, &in) != MDEVDESC_OK) {
			perror(argv[i]);
			return 2;
		}
		mdevdesc_parse(mdevdesc_input_data(in), mdevdesc_input_size(in), NULL, &f);
		for (k = 0; k < mdevdesc_file_doc_count(f); k++) {
			const mdevdesc_doc *d = mdevdesc_file_doc(f, k);
			const struct mdevdesc_descriptor *s;
			char a[65536], b[65536];
			long na, nb;
			size_t cut;

			if (!d)
				continue;
			s = mdevdesc_doc_descriptor(d);
			na = mdevdesc_doc_emit(d, a, sizeof(a));
			nb = fs_mdevdesc_emit(s, b, sizeof(b));
			docs++;
			if (na != nb || na < 0 || strcmp(a, b) != 0) {
				printf("FAIL %s document %zu: freestanding output differs\n", argv[i], k);
				bad++;
				continue;
			}
			for (cut = 0; cut < (size_t)na; cut += 1 + (size_t)na / 7) {
				memset(b, 'X', sizeof(b));
				if (fs_mdevdesc_emit(s, b, cut) != na ||
				    (cut && (memcmp(a, b, cut - 1) != 0 || b[cut - 1] != '\0')) ||
				    b[cut] != 'X') {
					printf("FAIL %s document %zu: truncation at %zu\n", argv[i], k, cut);
					bad++;
					break;
				}
			}
		}
		mdevdesc_file_free(f);
		mdevdesc_input_free(in);
	}
	printf("freestanding emitter: %d passed, %d failed\n", docs - bad, bad);
	return bad || !docs;
}
