/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/*
 * truncate.c - every input given, cut at every byte offset, parsed from a
 * heap buffer of exactly that size: under AddressSanitizer any read past
 * the given length is caught (spec 4: the lexer never reads outside the
 * input).  Every prefix must parse to a result (valid or with located
 * diagnostics), never crash, and the canonical text of what is valid must
 * parse again.  Prints "truncation: N passed, M failed".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mdevdesc.h"

int main(int argc, char **argv)
{
	long passed = 0, failed = 0;
	int i;

	for (i = 1; i < argc; i++) {
		mdevdesc_input *in;
		size_t cut;

		if (mdevdesc_input_read(argv[i], NULL, &in) != MDEVDESC_OK) {
			perror(argv[i]);
			return 2;
		}
		for (cut = 0; cut <= mdevdesc_input_size(in); cut++) {
			char *buf = malloc(cut ? cut : 1);
			mdevdesc_file *f = NULL;
			mdevdesc_code rc;
			size_t k;
			int ok = 1;

			if (!buf)
				return 2;
			memcpy(buf, mdevdesc_input_data(in), cut);
			rc = mdevdesc_parse(cut ? buf : NULL, cut, NULL, &f);
			if (rc == MDEVDESC_E_NOMEM || !f)
				ok = 0;
			for (k = 0; ok && k < mdevdesc_file_diag_count(f); k++) {
				const mdevdesc_diag *d = mdevdesc_file_diag(f, k);
				if (d->line == 0 || d->column == 0 || d->offset > cut || !d->message[0])
					ok = 0;
			}
			if (ok && rc == MDEVDESC_OK && mdevdesc_file_error_count(f) != 0)
				ok = 0;
			if (!ok) {
				printf("FAIL %s cut at %zu: code %d\n", argv[i], cut, (int)rc);
				failed++;
			} else {
				passed++;
			}
			mdevdesc_file_free(f);
			free(buf);
		}
		mdevdesc_input_free(in);
	}
	printf("truncation: %ld passed, %ld failed\n", passed, failed);
	return failed || !passed;
}
