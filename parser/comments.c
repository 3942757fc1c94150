/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/*
 * comments.c - the comments of an input, recorded only when asked
 * (MDEVDESC_KEEP_COMMENTS).
 *
 * The lexer skips comments.  Between two tokens there is nothing but
 * blanks, line breaks and comments, so each '#' in the text between the
 * end of one token and the start of the next starts a comment that runs
 * to the end of its line.  md_parser_keep_comments() sets the parser's
 * doc_end to 0, so that next() passes every token through md_next_check(),
 * which calls md_note_comments(): the parser's hot path is the same
 * whether comments are kept or not.
 */
#include <string.h>

#include "parser/syntax.h"

void md_parser_keep_comments(md_parser *p, md_comment_log *log)
{
	p->comments = log;
	p->gap = p->lx.cur;
	p->gap_line = p->lx.line;
	p->size_end = p->doc_end;
	p->doc_end = 0;
}

static void note(md_parser *p, const unsigned char *s, const unsigned char *e, uint32_t line)
{
	md_comment_log *log = p->comments;
	const unsigned char *q = s, *first = p->lx.buf;
	md_raw_comment *c;

	if (log->n == log->cap) {
		size_t cap = log->cap ? log->cap * 2 : 16;
		md_raw_comment *v = md_alloc(log->arena, cap * sizeof(*v));

		if (!v) {
			log->nomem = 1;
			return;
		}
		if (log->n)
			memcpy(v, log->v, log->n * sizeof(*v));
		log->v = v;
		log->cap = cap;
	}
	if (p->lx.lim - first >= 3 && memcmp(first, "\xEF\xBB\xBF", 3) == 0)
		first += 3;
	while (q > first && (q[-1] == ' ' || q[-1] == '\t'))
		q--;
	if (e > s && e[-1] == '\r')
		e--;
	c = &log->v[log->n++];
	c->p = (const char *)s;
	c->n = (size_t)(e - s);
	c->line = line;
	c->trailing = q > first && q[-1] != '\n';
}

void md_note_comments(md_parser *p)
{
	const unsigned char *s = p->gap, *end = p->lx.buf + p->tok.off;
	uint32_t line = p->gap_line;

	/* After a lexer error (perhaps inside a comment) nothing is recorded:
	 * the document is invalid, and keeps no comment. */
	if (p->tok.type == T_ERROR)
		end = s;
	else if (p->tok.type == T_EOF || end < s)
		end = p->lx.cur;
	for (; s && s < end; s++) {
		if (*s == '\n') {
			line++;
		} else if (*s == '#') {
			const unsigned char *e = memchr(s, '\n', (size_t)(p->lx.lim - s));

			if (!e)
				e = p->lx.lim;
			note(p, s, e, line);
			s = e - 1;
		}
	}
	p->gap = p->lx.cur;
	p->gap_line = p->lx.line;
}
