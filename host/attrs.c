/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/*
 * attrs.c - the vendor attributes that mdevctl records for an mdev device:
 * /etc/mdevctl.d/PARENT/UUID is one JSON object (RFC 8259) whose `attrs`
 * member is a list of objects of one member each,
 *
 *     {"mdev_type": "vfio_ap-passthrough", "start": "auto",
 *      "attrs": [{"assign_adapter": "5"}, {"assign_domain": "0xab"}]}
 *
 * applied in order, a name may repeat.  This reader keeps every pair of
 * `attrs` in order (an object of several members gives several pairs) and
 * skips the other members.  It is strict JSON in bounded recursion: UTF-8
 * checked, no control character in strings, escapes decoded (surrogate
 * pairs joined), a string value kept as its text and any other value as
 * the JSON text written.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "emitter/text.h"
#include "host/host.h"

#define JSON_MAX_DEPTH 32

struct jp {
	const char *s;
	size_t n, i;
	md_arena *arena;
	char *why;
	size_t why_size;
	int nomem;
};

static int fail(struct jp *p, const char *what)
{
	if (p->why && p->why_size)
		snprintf(p->why, p->why_size, "at byte %zu: %s", p->i, what);
	return -1;
}

static void ws(struct jp *p)
{
	while (p->i < p->n && strchr(" \t\r\n", p->s[p->i]) && p->s[p->i])
		p->i++;
}

static int eat(struct jp *p, char c, const char *what)
{
	ws(p);
	if (p->i < p->n && p->s[p->i] == c) {
		p->i++;
		return 0;
	}
	return fail(p, what);
}

static int hex4(struct jp *p, uint32_t *v)
{
	size_t k;

	*v = 0;
	if (p->n - p->i < 4)
		return fail(p, "a \\u escape needs four hex digits");
	for (k = 0; k < 4; k++) {
		char c = p->s[p->i++];
		unsigned d = c >= '0' && c <= '9'   ? (unsigned)(c - '0')
			     : c >= 'a' && c <= 'f' ? (unsigned)(c - 'a' + 10)
			     : c >= 'A' && c <= 'F' ? (unsigned)(c - 'A' + 10)
						    : 16u;
		if (d == 16)
			return fail(p, "a \\u escape needs four hex digits");
		*v = *v << 4 | d;
	}
	return 0;
}

/* Append code point @cp as UTF-8 to @out (room for 4 more bytes). */
static size_t put_utf8(char *out, uint32_t cp)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xc0 | cp >> 6);
		out[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xe0 | cp >> 12);
		out[1] = (char)(0x80 | (cp >> 6 & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | cp >> 18);
	out[1] = (char)(0x80 | (cp >> 12 & 0x3f));
	out[2] = (char)(0x80 | (cp >> 6 & 0x3f));
	out[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

/* One escape after its backslash; the code point in *@cp. */
static int escape(struct jp *p, uint32_t *cp)
{
	static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
	const char *k;
	uint32_t lo;

	if (p->i == p->n)
		return fail(p, "unterminated string");
	k = p->s[p->i] ? strchr(from, p->s[p->i]) : NULL;
	p->i++;
	if (k) {
		*cp = (unsigned char)to[k - from];
		return 0;
	}
	if (p->s[p->i - 1] != 'u')
		return fail(p, "unknown escape");
	if (hex4(p, cp))
		return -1;
	if (*cp >= 0xdc00 && *cp <= 0xdfff)
		return fail(p, "a lone low surrogate");
	if (*cp < 0xd800 || *cp > 0xdbff)
		return 0;
	if (p->n - p->i < 2 || p->s[p->i] != '\\' || p->s[p->i + 1] != 'u')
		return fail(p, "a high surrogate without its low half");
	p->i += 2;
	if (hex4(p, &lo) || lo < 0xdc00 || lo > 0xdfff)
		return fail(p, "a high surrogate without its low half");
	*cp = 0x10000 + ((*cp - 0xd800) << 10) + (lo - 0xdc00);
	return 0;
}

/* A string at p->i (its opening quote), decoded into the arena (*@out may
 * be NULL: checked and skipped). */
static int string(struct jp *p, const char **out)
{
	char *buf = NULL;
	size_t o = 0;

	if (eat(p, '"', "expected a string"))
		return -1;
	if (out) {
		/* Decoding never makes a string longer than its text: find its
		 * end, so that the room taken is that of this string only. */
		size_t end = p->i;

		while (end < p->n && p->s[end] != '"')
			end += p->s[end] == '\\' ? 2 : 1;
		buf = md_alloc(p->arena, (end < p->n ? end : p->n) - p->i + 1);
		if (!buf) {
			p->nomem = 1;
			return -1;
		}
	}
	for (;;) {
		uint32_t cp;
		size_t k;

		if (p->i == p->n)
			return fail(p, "unterminated string");
		if (p->s[p->i] == '"') {
			p->i++;
			break;
		}
		if (p->s[p->i] == '\\') {
			p->i++;
			if (escape(p, &cp))
				return -1;
			if (buf)
				o += put_utf8(buf + o, cp);
			continue;
		}
		k = md_utf8_decode((const unsigned char *)p->s + p->i, p->n - p->i, &cp);
		if (k == 0 || cp < 0x20)
			return fail(p, k ? "a control character in a string" : "not UTF-8");
		if (buf)
			memcpy(buf + o, p->s + p->i, k);
		o += k;
		p->i += k;
	}
	if (out) {
		buf[o] = '\0';
		*out = buf;
	}
	return 0;
}

static int skip_value(struct jp *p, int depth);

/* A number, true, false or null: its text. */
static int scalar(struct jp *p, size_t *start)
{
	static const char *const words[] = { "true", "false", "null" };
	size_t k;

	ws(p);
	*start = p->i;
	for (k = 0; k < 3; k++) {
		size_t len = strlen(words[k]);
		if (p->n - p->i >= len && memcmp(p->s + p->i, words[k], len) == 0) {
			p->i += len;
			return 0;
		}
	}
	if (p->i < p->n && p->s[p->i] == '-')
		p->i++;
	if (p->i == p->n || !strchr("0123456789", p->s[p->i]) || !p->s[p->i])
		return fail(p, "expected a value");
	if (p->s[p->i] == '0')
		p->i++;
	while (p->i < p->n && p->s[p->i] >= '0' && p->s[p->i] <= '9')
		p->i++;
	if (p->i < p->n && p->s[p->i] == '.') {
		p->i++;
		if (p->i == p->n || p->s[p->i] < '0' || p->s[p->i] > '9')
			return fail(p, "a digit must follow the decimal point");
		while (p->i < p->n && p->s[p->i] >= '0' && p->s[p->i] <= '9')
			p->i++;
	}
	if (p->i < p->n && (p->s[p->i] == 'e' || p->s[p->i] == 'E')) {
		p->i++;
		if (p->i < p->n && (p->s[p->i] == '+' || p->s[p->i] == '-'))
			p->i++;
		if (p->i == p->n || p->s[p->i] < '0' || p->s[p->i] > '9')
			return fail(p, "a digit must follow the exponent");
		while (p->i < p->n && p->s[p->i] >= '0' && p->s[p->i] <= '9')
			p->i++;
	}
	return 0;
}

/* The members of an object or the items of an array, opened already. */
static int skip_items(struct jp *p, char close, int depth)
{
	ws(p);
	if (p->i < p->n && p->s[p->i] == close) {
		p->i++;
		return 0;
	}
	for (;;) {
		if (close == '}' && (string(p, NULL) || eat(p, ':', "expected ':'")))
			return -1;
		if (skip_value(p, depth))
			return -1;
		ws(p);
		if (p->i < p->n && p->s[p->i] == close) {
			p->i++;
			return 0;
		}
		if (eat(p, ',', close == '}' ? "expected ',' or '}'" : "expected ',' or ']'"))
			return -1;
	}
}

static int skip_value(struct jp *p, int depth)
{
	size_t start;

	ws(p);
	if (depth >= JSON_MAX_DEPTH)
		return fail(p, "nested too deep");
	if (p->i < p->n && p->s[p->i] == '"')
		return string(p, NULL);
	if (p->i < p->n && (p->s[p->i] == '{' || p->s[p->i] == '[')) {
		char close = p->s[p->i] == '{' ? '}' : ']';
		p->i++;
		return skip_items(p, close, depth + 1);
	}
	return scalar(p, &start);
}

/* A value of an attribute: a string's text, or any other value as written. */
static int attr_value(struct jp *p, const char **out)
{
	size_t start;
	char *v;

	ws(p);
	if (p->i < p->n && p->s[p->i] == '"')
		return string(p, out);
	start = p->i;
	if (skip_value(p, 1))
		return -1;
	v = md_strndup(p->arena, p->s + start, p->i - start);
	if (!v) {
		p->nomem = 1;
		return -1;
	}
	*out = v;
	return 0;
}

struct pairs {
	mdevdesc_attr *v;
	size_t n, cap;
};

static int add_pair(struct jp *p, struct pairs *a, const char *name, const char *value)
{
	if (a->n == a->cap) {
		size_t cap = a->cap ? a->cap * 2 : 8;
		mdevdesc_attr *nv = md_alloc(p->arena, cap * sizeof(*nv));

		if (!nv) {
			p->nomem = 1;
			return -1;
		}
		if (a->n)
			memcpy(nv, a->v, a->n * sizeof(*nv));
		a->v = nv;
		a->cap = cap;
	}
	a->v[a->n].name = name;
	a->v[a->n].value = value;
	a->n++;
	return 0;
}

/* `attrs`: a list of objects, every member a pair. */
static int attrs_list(struct jp *p, struct pairs *a)
{
	if (eat(p, '[', "attrs must be a list"))
		return -1;
	ws(p);
	if (p->i < p->n && p->s[p->i] == ']') {
		p->i++;
		return 0;
	}
	for (;;) {
		if (eat(p, '{', "an item of attrs must be an object"))
			return -1;
		ws(p);
		if (p->i < p->n && p->s[p->i] == '}')
			p->i++;
		else
			for (;;) {
				const char *name, *value;

				if (string(p, &name) || eat(p, ':', "expected ':'") ||
				    attr_value(p, &value) || add_pair(p, a, name, value))
					return -1;
				ws(p);
				if (p->i < p->n && p->s[p->i] == '}') {
					p->i++;
					break;
				}
				if (eat(p, ',', "expected ',' or '}'"))
					return -1;
			}
		ws(p);
		if (p->i < p->n && p->s[p->i] == ']') {
			p->i++;
			return 0;
		}
		if (eat(p, ',', "expected ',' or ']'"))
			return -1;
	}
}

static int device_file(struct jp *p, struct pairs *a)
{
	int seen = 0;

	if (eat(p, '{', "an mdevctl device file is a JSON object"))
		return -1;
	ws(p);
	if (p->i < p->n && p->s[p->i] == '}') {
		p->i++;
		return 0;
	}
	for (;;) {
		const char *key;

		if (string(p, &key) || eat(p, ':', "expected ':'"))
			return -1;
		if (strcmp(key, "attrs") == 0) {
			if (seen++)
				return fail(p, "attrs given twice");
			if (attrs_list(p, a))
				return -1;
		} else if (skip_value(p, 1)) {
			return -1;
		}
		ws(p);
		if (p->i < p->n && p->s[p->i] == '}') {
			p->i++;
			return 0;
		}
		if (eat(p, ',', "expected ',' or '}'"))
			return -1;
	}
}

int md_attrs_parse(const char *buf, size_t len, md_arena *arena, mdevdesc_attr **attrs,
		   size_t *n, char *why, size_t why_size)
{
	struct jp p = { buf, len, 0, arena, why, why_size, 0 };
	struct pairs a = { NULL, 0, 0 };

	*attrs = NULL;
	*n = 0;
	if (why && why_size)
		why[0] = '\0';
	if (device_file(&p, &a) == 0) {
		ws(&p);
		if (p.i == p.n) {
			*attrs = a.v;
			*n = a.n;
			return 0;
		}
		fail(&p, "text after the object");
	}
	return p.nomem ? ENOMEM : EINVAL;
}
