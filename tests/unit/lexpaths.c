/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/*
 * lexpaths.c - the lexer's SIMD fast paths and its portable byte loops
 * give the same tokens.  The library's lexer (SSE2 where the compiler
 * targets it) is compared with a second build of the same source made with
 * MD_LEX_NO_SIMD, whose entry points are renamed scalar_md_lex*.
 *
 *   lexpaths FILE|DIRECTORY...
 *
 * A directory stands for the files in it.  Every file is lexed to the end by both, resuming after an error the way
 * the parser does (md_lex_skip_document), and every field of every token
 * must match.  Then generated inputs put every byte value at every offset
 * of a long plain, flow, double- and single-quoted scalar, so that each
 * byte is met inside the 16-byte blocks and in the tail.  Each input lives
 * in a heap buffer of its exact size, so AddressSanitizer catches a read
 * past the end.  Prints "lexpaths: N inputs, M tokens, K differences".
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "parser/syntax.h"

void scalar_md_lex_init(md_lexer *lx, const char *buf, size_t len);
void scalar_md_lex(md_lexer *lx, md_token *t);
void scalar_md_lex_skip_document(md_lexer *lx);

static long inputs, tokens, differences;

static int same(const md_token *a, const md_token *b)
{
	if (a->type != b->type || a->line != b->line || a->col != b->col || a->off != b->off ||
	    a->first != b->first)
		return 0;
	if (a->type == T_ERROR)
		return a->err == b->err && a->err_off == b->err_off;
	return a->style == b->style && a->escaped == b->escaped && a->p == b->p && a->n == b->n;
}

/* Lex @len bytes at @src with both lexers; @name labels a difference. */
static void compare(const char *name, const char *src, size_t len)
{
	char *buf = malloc(len ? len : 1);
	md_lexer la, lb;
	md_token ta, tb;
	long n = 0;

	if (!buf) {
		perror("lexpaths");
		exit(2);
	}
	memcpy(buf, src, len);
	memset(&ta, 0, sizeof(ta));
	memset(&tb, 0, sizeof(tb));
	md_lex_init(&la, buf, len);
	scalar_md_lex_init(&lb, buf, len);
	inputs++;
	for (;;) {
		md_lex(&la, &ta);
		scalar_md_lex(&lb, &tb);
		tokens++;
		n++;
		if (!same(&ta, &tb) || la.cur != lb.cur || la.line != lb.line || la.flow != lb.flow) {
			if (differences++ < 10)
				fprintf(stderr,
					"lexpaths: %s: token %ld differs: type %d/%d at offset %zu/%zu, "
					"length %zu/%zu, error %d/%d at %zu/%zu\n",
					name, n, ta.type, tb.type, ta.off, tb.off, ta.n, tb.n, (int)ta.err,
					(int)tb.err, ta.err_off, tb.err_off);
			break;
		}
		if (ta.type == T_EOF)
			break;
		if (ta.type == T_ERROR) {
			md_lex_skip_document(&la);
			scalar_md_lex_skip_document(&lb);
		}
	}
	free(buf);
}

static void compare_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t len = 0, cap = 0, got;

	if (!f) {
		perror(path);
		exit(2);
	}
	do {
		if (len == cap) {
			cap = cap ? cap * 2 : 4096;
			buf = realloc(buf, cap);
			if (!buf) {
				perror("lexpaths");
				exit(2);
			}
		}
		got = fread(buf + len, 1, cap - len, f);
		len += got;
	} while (got);
	fclose(f);
	compare(path, buf, len);
	free(buf);
}

static void compare_path(const char *path)
{
	struct stat st;
	DIR *d;
	struct dirent *e;
	char sub[4096];

	if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode)) {
		compare_file(path);
		return;
	}
	d = opendir(path);
	if (!d) {
		perror(path);
		exit(2);
	}
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(sub, sizeof(sub), "%s/%s", path, e->d_name);
		compare_file(sub);
	}
	closedir(d);
}

/* Every byte value at every offset of a 40-byte scalar in four contexts. */
static void sweep(void)
{
	static const struct {
		const char *name, *pre, *post;
	} ctx[] = {
		{ "plain", "key: ", "\n" },
		{ "flow", "key: [a, ", ", b]\n" },
		{ "double-quoted", "key: \"", "\"\n" },
		{ "single-quoted", "key: '", "'\n" },
	};
	char buf[128], name[64];
	size_t c, at, width;
	unsigned b;

	for (c = 0; c < sizeof(ctx) / sizeof(ctx[0]); c++)
		for (width = 1; width <= 40; width += 13)
			for (b = 0; b < 256; b++)
				for (at = 0; at < width; at++) {
					size_t pre = strlen(ctx[c].pre), post = strlen(ctx[c].post);
					size_t k;

					memcpy(buf, ctx[c].pre, pre);
					for (k = 0; k < width; k++)
						buf[pre + k] = (char)('a' + k % 26);
					buf[pre + at] = (char)b;
					memcpy(buf + pre + width, ctx[c].post, post);
					snprintf(name, sizeof(name), "%s, byte 0x%02x at %zu of %zu",
						 ctx[c].name, b, at, width);
					/* With and without what follows the scalar. */
					compare(name, buf, pre + width + post);
					compare(name, buf, pre + width);
				}
}

int main(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++)
		compare_path(argv[i]);
	sweep();
	printf("lexpaths: %ld inputs, %ld tokens, %ld differences\n", inputs, tokens, differences);
	return differences ? 1 : 0;
}
