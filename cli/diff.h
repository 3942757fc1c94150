/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/*
 * diff.h - a unified line diff, as `diff -u` prints it, for mdevdesc-fmt
 * --check.
 */
#ifndef MDEVDESC_CLI_DIFF_H
#define MDEVDESC_CLI_DIFF_H

#include <stddef.h>
#include <stdio.h>

/* Lines of context around a change, as diff -u. */
#define CLI_DIFF_CONTEXT 3

/*
 * The lines between the common first and last lines of both texts are
 * matched (a longest common subsequence) when they make at most this many
 * pairs, in one byte each; a larger change is one hunk that replaces them
 * whole.
 */
#define CLI_DIFF_MAX_PAIRS ((size_t)4 << 20)

/*
 * Write to @out the unified diff of @a[0..alen) (the old text, labelled
 * @alabel in the --- line) and @b[0..blen) (the new one, @blabel in the +++
 * line): hunks "@@ -L,N +L,N @@" with CLI_DIFF_CONTEXT lines of context,
 * and "\ No newline at end of file" after a last line without one.  The
 * labels are shown as cli_vis() shows them (a name without control
 * characters as it is), the lines as they are: they are data, and the
 * output is a patch.
 * returns: 0 when the texts are equal (nothing written), 1 when a diff
 * was written, -1 when out of memory (nothing written).
 */
int cli_diff(FILE *out, const char *alabel, const char *a, size_t alen, const char *blabel,
	     const char *b, size_t blen);

#endif
