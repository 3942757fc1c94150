/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/*
 * diff.c - a unified line diff: the common first and last lines are set
 * aside, the lines between are matched by a longest common subsequence
 * (a table of one byte per pair of lines, CLI_DIFF_MAX_PAIRS at most),
 * and the changes are printed in hunks with their context as diff -u
 * prints them.  It is written here rather than run as `diff -u`, although
 * Debian's diffutils is Essential: the tool then needs no temporary file
 * (standard input and the canonical text are in memory), no other program
 * on hosts that lack one (minimal containers, BusyBox has another diff),
 * and prints the same hunks everywhere.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "diff.h"

struct line {
	const char *s;
	size_t n; /* with its '\n', when it has one */
};

/* A change: lines [a, a + na) of the old text replaced by [b, b + nb) of the new. */
struct change {
	size_t a, na, b, nb;
};

/* The lines of @s[0..len); NULL when out of memory (an empty text has none). */
static struct line *split(const char *s, size_t len, size_t *count)
{
	size_t n = 0, i, start = 0;
	struct line *l;

	for (i = 0; i < len; i++)
		n += s[i] == '\n';
	n += len && s[len - 1] != '\n';
	l = malloc((n ? n : 1) * sizeof(*l));
	if (!l)
		return NULL;
	for (n = 0, i = 0; i < len; i++) {
		if (s[i] == '\n' || i + 1 == len) {
			l[n].s = s + start;
			l[n++].n = i + 1 - start;
			start = i + 1;
		}
	}
	*count = n;
	return l;
}

static int same(const struct line *x, const struct line *y)
{
	return x->n == y->n && memcmp(x->s, y->s, x->n) == 0;
}

/*
 * The changes that turn @a[0..n) into @b[0..m), none of them adjacent to
 * another, into @c (room for n + m + 1); their number, or -1 when out of
 * memory.  Above CLI_DIFF_MAX_PAIRS pairs, one change replaces all.
 */
static long match(const struct line *a, size_t n, const struct line *b, size_t m, struct change *c)
{
	unsigned char *dir = NULL; /* 0 same line, 1 drop a line of a, 2 take one of b */
	uint32_t *row = NULL, *next = NULL;
	size_t i, j, k = 0;

	if (!n || !m || n > CLI_DIFF_MAX_PAIRS / m) {
		if (!n && !m)
			return 0;
		c[0] = (struct change){ 0, n, 0, m };
		return 1;
	}
	dir = malloc(n * m);
	row = calloc(m + 1, sizeof(*row));
	next = calloc(m + 1, sizeof(*next));
	if (!dir || !row || !next) {
		free(dir), free(row), free(next);
		return -1;
	}
	/* row[j]: the longest common subsequence of a[i..n) and b[j..m). */
	for (i = n; i-- > 0;) {
		uint32_t *t = next;
		next = row, row = t;
		row[m] = 0;
		for (j = m; j-- > 0;) {
			unsigned char d = same(&a[i], &b[j]) ? 0 : next[j] >= row[j + 1] ? 1 : 2;
			dir[i * m + j] = d;
			row[j] = d == 0 ? next[j + 1] + 1 : d == 1 ? next[j] : row[j + 1];
		}
	}
	for (i = 0, j = 0; i < n || j < m;) {
		unsigned char d = i == n ? 2 : j == m ? 1 : dir[i * m + j];
		if (d == 0) {
			i++, j++;
			continue;
		}
		if (!k || c[k - 1].a + c[k - 1].na != i || c[k - 1].b + c[k - 1].nb != j)
			c[k++] = (struct change){ i, 0, j, 0 };
		if (d == 1)
			i++, c[k - 1].na++;
		else
			j++, c[k - 1].nb++;
	}
	free(dir), free(row), free(next);
	return (long)k;
}

static void put_lines(FILE *out, char mark, const struct line *l, size_t from, size_t to)
{
	for (; from < to; from++) {
		putc(mark, out);
		fwrite(l[from].s, 1, l[from].n, out);
		if (!l[from].n || l[from].s[l[from].n - 1] != '\n')
			fputs("\n\\ No newline at end of file\n", out);
	}
}

/* -L,N: the first line (the one before when N is 0) and the count, ",1" left out. */
static void put_range(FILE *out, char side, size_t start, size_t n)
{
	fprintf(out, n == 1 ? "%c%zu" : "%c%zu,%zu", side, n ? start + 1 : start, n);
}

/* One hunk: changes c[0..k), with their context in @a and @b. */
static void put_hunk(FILE *out, const struct line *a, size_t na, const struct line *b,
		     const struct change *c, size_t k)
{
	const struct change *z = &c[k - 1];
	size_t before = c[0].a < CLI_DIFF_CONTEXT ? c[0].a : CLI_DIFF_CONTEXT;
	size_t after = na - (z->a + z->na), i, at;

	if (after > CLI_DIFF_CONTEXT)
		after = CLI_DIFF_CONTEXT;
	fputs("@@ ", out);
	put_range(out, '-', c[0].a - before, z->a + z->na + after - (c[0].a - before));
	putc(' ', out);
	put_range(out, '+', c[0].b - before, z->b + z->nb + after - (c[0].b - before));
	fputs(" @@\n", out);
	at = c[0].a - before;
	for (i = 0; i < k; i++) {
		put_lines(out, ' ', a, at, c[i].a);
		put_lines(out, '-', a, c[i].a, c[i].a + c[i].na);
		put_lines(out, '+', b, c[i].b, c[i].b + c[i].nb);
		at = c[i].a + c[i].na;
	}
	put_lines(out, ' ', a, at, at + after);
}

int cli_diff(FILE *out, const char *alabel, const char *a, size_t alen, const char *blabel,
	     const char *b, size_t blen)
{
	size_t na = 0, nb = 0, head = 0, tail = 0, i, first;
	struct line *la = split(a, alen, &na), *lb = split(b, blen, &nb);
	struct change *c = la && lb ? malloc((na + nb + 1) * sizeof(*c)) : NULL;
	long k = -1;

	if (c) {
		while (head < na && head < nb && same(&la[head], &lb[head]))
			head++;
		while (tail < na - head && tail < nb - head &&
		       same(&la[na - 1 - tail], &lb[nb - 1 - tail]))
			tail++;
		k = match(la + head, na - head - tail, lb + head, nb - head - tail, c);
	}
	for (i = 0; i < (size_t)(k > 0 ? k : 0); i++)
		c[i].a += head, c[i].b += head;
	if (k > 0) {
		fprintf(out, "--- %s\n+++ %s\n", cli_vis(alabel), cli_vis(blabel));
		/* A hunk ends where more than twice the context separates two changes. */
		for (first = 0, i = 1; i <= (size_t)k; i++) {
			if (i < (size_t)k &&
			    c[i].a - (c[i - 1].a + c[i - 1].na) <= 2 * CLI_DIFF_CONTEXT)
				continue;
			put_hunk(out, la, na, lb, c + first, i - first);
			first = i;
		}
	}
	free(la), free(lb), free(c);
	return k < 0 ? -1 : k > 0;
}
