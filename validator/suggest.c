/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/*
 * suggest.c - "did you mean": the known name nearest to a misspelled key,
 * enum value or vendor, for the message that reports it.  Runs only on
 * the error path, once per unknown name.
 *
 * Names are compared after folding case and '_' to '-' (Intel, vfio_pci),
 * by the optimal string alignment distance (Damerau-Levenshtein with
 * adjacent transpositions, each edit at most once): a name within 2 edits,
 * and fewer edits than the shorter name has characters, is close.  Names
 * longer than MAX_NAME are never close, which bounds the work to
 * MAX_NAME^2 steps per known name.
 */
#include <string.h>

#include "validator/build.h"

#define MAX_NAME 32
#define MAX_EDITS 2

/* @s folded into @out (MAX_NAME + 1 bytes): lower case, '_' as '-'. */
static size_t fold(const char *s, size_t n, char *out)
{
	size_t i;

	for (i = 0; i < n; i++) {
		char c = s[i];
		out[i] = c >= 'A' && c <= 'Z' ? (char)(c | 0x20) : c == '_' ? '-' : c;
	}
	out[n] = '\0';
	return n;
}

static size_t min3(size_t a, size_t b, size_t c)
{
	size_t m = a < b ? a : b;

	return m < c ? m : c;
}

/* The optimal string alignment distance of @a and @b (each <= MAX_NAME). */
static size_t osa(const char *a, size_t na, const char *b, size_t nb)
{
	size_t row[3][MAX_NAME + 1], i, j;
	size_t *prev2 = row[0], *prev = row[1], *cur = row[2], *t;

	for (j = 0; j <= nb; j++)
		prev[j] = j;
	for (i = 1; i <= na; i++) {
		cur[0] = i;
		for (j = 1; j <= nb; j++) {
			size_t cost = a[i - 1] != b[j - 1];

			cur[j] = min3(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    prev2[j - 2] + 1 < cur[j])
				cur[j] = prev2[j - 2] + 1;
		}
		t = prev2;
		prev2 = prev;
		prev = cur;
		cur = t;
	}
	return prev[nb];
}

MD_COLD const char *md_suggest(const char *s, size_t n, const char *const *names, size_t count)
{
	char a[MAX_NAME + 1], b[MAX_NAME + 1];
	const char *best = NULL;
	size_t i, best_d = MAX_EDITS + 1;

	if (n == 0 || n > MAX_NAME)
		return NULL;
	fold(s, n, a);
	for (i = 0; i < count; i++) {
		size_t nb = strlen(names[i]), d, shorter = n < nb ? n : nb;

		if (nb > MAX_NAME || (n > nb ? n - nb : nb - n) > MAX_EDITS)
			continue;
		fold(names[i], nb, b);
		d = osa(a, n, b, nb);
		if (d < best_d && d < shorter) {
			best = names[i];
			best_d = d;
		}
	}
	return best;
}
