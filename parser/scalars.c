/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/*
 * scalars.c - the scalar nodes that scalar() (parser.h) leaves: a key or a
 * scalar past its length limit (spec 8), a merge key '<<', and quoted
 * scalars with escapes or '' (spec 4.2), decoded into the arena as UTF-8.
 * The common scalar, plain or quoted without escapes, stays a slice of
 * the input.
 */
#include <string.h>

#include "parser/parser.h"

static int put_utf8(char *o, uint32_t cp)
{
	if (cp < 0x80) {
		o[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (char)(0xC0 | (cp >> 6));
		o[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (char)(0xE0 | (cp >> 12));
		o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (char)(0xF0 | (cp >> 18));
	o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

static uint32_t hexval(const char *s, int n)
{
	uint32_t v = 0;
	int i;

	for (i = 0; i < n; i++) {
		char c = s[i];
		v = v * 16 + (uint32_t)(c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
	}
	return v;
}

/* Decode the escapes of a quoted scalar (spec 4.2); the lexer checked the form. */
static int decode(md_parser *p, const md_token *t, md_node *n)
{
	/* \L and \P write three bytes for two: at most 3/2 of the input. */
	char *o = md_alloc(p->arena, t->n + t->n / 2 + 1), *start = o;
	const char *s = t->p, *e = t->p + t->n;

	if (!o) {
		md_syn_err(p, MDEVDESC_E_NOMEM, t->off, t->line, "out of memory");
		p->fatal = MDEVDESC_E_NOMEM;
		return -1;
	}
	while (s < e) {
		if (t->style == MD_SQUOTE) {
			if (*s == '\'')
				s++;
			*o++ = *s++;
			continue;
		}
		if (*s != '\\') {
			*o++ = *s++;
			continue;
		}
		s++;
		switch (*s++) {
		case '0': *o++ = '\0'; break;
		case 'a': *o++ = '\a'; break;
		case 'b': *o++ = '\b'; break;
		case 't': case '\t': *o++ = '\t'; break;
		case 'n': *o++ = '\n'; break;
		case 'v': *o++ = '\v'; break;
		case 'f': *o++ = '\f'; break;
		case 'r': *o++ = '\r'; break;
		case 'e': *o++ = '\x1b'; break;
		case ' ': *o++ = ' '; break;
		case '"': *o++ = '"'; break;
		case '/': *o++ = '/'; break;
		case '\\': *o++ = '\\'; break;
		case 'N': o += put_utf8(o, 0x85); break;
		case '_': o += put_utf8(o, 0xA0); break;
		case 'L': o += put_utf8(o, 0x2028); break;
		case 'P': o += put_utf8(o, 0x2029); break;
		default: {
			int w = s[-1] == 'x' ? 2 : s[-1] == 'u' ? 4 : 8;
			uint32_t cp = hexval(s, w);

			if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) {
				md_syn_err(p, MDEVDESC_E_BAD_ESCAPE, t->off + (size_t)(s - 2 - t->p) + 1,
					t->line, "escape of a surrogate or of a code point above U+10FFFF");
				return -1;
			}
			o += put_utf8(o, cp);
			s += w;
			break;
		}
		}
	}
	*o = '\0';
	n->str = start;
	n->len = (size_t)(o - start);
	return 0;
}

MD_COLD md_node *md_scalar_slow(md_parser *p, const md_token *t, int is_key)
{
	md_node *n;

	if (is_key && t->n > p->lim->max_key_length) {
		md_syn_err(p, MDEVDESC_E_LIMIT_KEY_LENGTH, t->off, t->line,
			"key longer than the max_key_length limit");
		return NULL;
	}
	if (t->n > p->lim->max_scalar_length) {
		md_syn_err(p, MDEVDESC_E_LIMIT_SCALAR_LENGTH, t->off, t->line,
			"scalar longer than the max_scalar_length limit");
		return NULL;
	}
	n = new_node(p, MD_SCALAR, t->style, t);
	if (!n)
		return NULL;
	if (t->escaped) {
		if (decode(p, t, n))
			return NULL;
	} else {
		n->str = t->p;
		n->len = t->n;
	}
	if (is_key && t->style == MD_PLAIN && t->n == 2 && t->p[0] == '<' && t->p[1] == '<') {
		md_syn_err(p, MDEVDESC_E_MERGE_KEY, t->off, t->line,
			"merge key '<<': merge keys are not part of the mdevdesc YAML subset");
		return NULL;
	}
	return n;
}
