/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/*
 * json_check.h - a small strict JSON checker (RFC 8259, plus the I-JSON
 * restrictions of RFC 7493 that a consumer may rely on).
 *
 * json_check() accepts exactly one JSON value surrounded by optional
 * whitespace (space, TAB, LF, CR), where
 * - objects and arrays nest at most JSON_CHECK_MAX_DEPTH deep;
 * - strings are well-formed UTF-8 (no overlong forms, surrogates or values
 *   above U+10FFFF), hold no raw U+0000-U+001F, and use only the escapes
 *   \" \\ \/ \b \f \n \r \t \uXXXX, where a \u escape of a surrogate must
 *   be a high surrogate followed by a \u escape of a low one;
 * - numbers follow the grammar: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?;
 * - the literals are exactly true, false and null;
 * - no object has two members whose names are equal after unescaping.
 * It allocates only for the member names of the objects being checked and
 * frees them before returning.
 */
#ifndef MDEVDESC_FUZZ_JSON_CHECK_H
#define MDEVDESC_FUZZ_JSON_CHECK_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define JSON_CHECK_MAX_DEPTH 256

struct json_check {
	const unsigned char *p, *end;
	const char *error; /* what was wrong, for the failure message */
	const unsigned char *where;
	unsigned depth;
};

/* A decoded member name, kept to find duplicates. */
struct json_name {
	char *s;
	size_t n;
};

static int json_fail(struct json_check *c, const char *what)
{
	if (!c->error) {
		c->error = what;
		c->where = c->p;
	}
	return -1;
}

static void json_ws(struct json_check *c)
{
	while (c->p < c->end && (*c->p == ' ' || *c->p == '\t' || *c->p == '\n' || *c->p == '\r'))
		c->p++;
}

static int json_hex4(struct json_check *c, uint32_t *v)
{
	int i;

	*v = 0;
	if (c->end - c->p < 4)
		return json_fail(c, "truncated \\u escape");
	for (i = 0; i < 4; i++) {
		unsigned char h = c->p[i];
		uint32_t d;
		if (h >= '0' && h <= '9')
			d = (uint32_t)(h - '0');
		else if (h >= 'a' && h <= 'f')
			d = (uint32_t)(h - 'a' + 10);
		else if (h >= 'A' && h <= 'F')
			d = (uint32_t)(h - 'A' + 10);
		else
			return json_fail(c, "bad hex digit in \\u escape");
		*v = *v * 16 + d;
	}
	c->p += 4;
	return 0;
}

/* Append code point @cp as UTF-8 to @out (room for 4 bytes), if @out. */
static size_t json_put_utf8(char *out, uint32_t cp)
{
	if (!out)
		return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/*
 * A string; c->p at its opening quote.  With @name, its decoded text is
 * returned there (malloc'ed; the decoded text is never longer than the raw
 * one).
 */
static int json_string(struct json_check *c, struct json_name *name)
{
	const unsigned char *start;
	char *out = NULL;
	size_t n = 0;

	c->p++;
	start = c->p;
	if (name) {
		/* The decoded text is no longer than the raw text up to the closing quote. */
		const unsigned char *q = start;
		while (q < c->end && *q != '"')
			q += *q == '\\' && q + 1 < c->end ? 2 : 1;
		out = malloc((size_t)(q - start) + 1);
		if (!out)
			abort();
	}
	for (;;) {
		unsigned ch;

		if (c->p >= c->end) {
			free(out);
			return json_fail(c, "unterminated string");
		}
		ch = *c->p;
		if (ch == '"') {
			c->p++;
			break;
		}
		if (ch < 0x20) {
			free(out);
			return json_fail(c, "raw control character in a string");
		}
		if (ch == '\\') {
			uint32_t cp;
			c->p++;
			if (c->p >= c->end) {
				free(out);
				return json_fail(c, "truncated escape");
			}
			switch (*c->p++) {
			case '"': cp = '"'; break;
			case '\\': cp = '\\'; break;
			case '/': cp = '/'; break;
			case 'b': cp = '\b'; break;
			case 'f': cp = '\f'; break;
			case 'n': cp = '\n'; break;
			case 'r': cp = '\r'; break;
			case 't': cp = '\t'; break;
			case 'u':
				if (json_hex4(c, &cp)) {
					free(out);
					return -1;
				}
				if (cp >= 0xDC00 && cp <= 0xDFFF) {
					free(out);
					return json_fail(c, "lone low surrogate escape");
				}
				if (cp >= 0xD800 && cp <= 0xDBFF) {
					uint32_t lo;
					if (c->end - c->p < 2 || c->p[0] != '\\' || c->p[1] != 'u') {
						free(out);
						return json_fail(c, "high surrogate escape without a low one");
					}
					c->p += 2;
					if (json_hex4(c, &lo)) {
						free(out);
						return -1;
					}
					if (lo < 0xDC00 || lo > 0xDFFF) {
						free(out);
						return json_fail(c, "high surrogate escape without a low one");
					}
					cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
				}
				break;
			default:
				free(out);
				return json_fail(c, "invalid escape");
			}
			n += json_put_utf8(out ? out + n : NULL, cp);
			continue;
		}
		if (ch < 0x80) {
			if (out)
				out[n] = (char)ch;
			n++;
			c->p++;
			continue;
		}
		{
			/* Well-formed UTF-8 (RFC 3629). */
			unsigned lo = 0x80, hi = 0xBF;
			size_t len, i;
			if (ch < 0xC2 || ch > 0xF4) {
				free(out);
				return json_fail(c, "invalid UTF-8 lead byte");
			}
			len = ch < 0xE0 ? 2 : ch < 0xF0 ? 3 : 4;
			if (ch == 0xE0)
				lo = 0xA0;
			else if (ch == 0xED)
				hi = 0x9F;
			else if (ch == 0xF0)
				lo = 0x90;
			else if (ch == 0xF4)
				hi = 0x8F;
			if ((size_t)(c->end - c->p) < len) {
				free(out);
				return json_fail(c, "truncated UTF-8 sequence");
			}
			for (i = 1; i < len; i++) {
				if (c->p[i] < lo || c->p[i] > hi) {
					free(out);
					return json_fail(c, "invalid UTF-8 continuation");
				}
				lo = 0x80;
				hi = 0xBF;
			}
			if (out)
				memcpy(out + n, c->p, len);
			n += len;
			c->p += len;
		}
	}
	if (name) {
		out[n] = '\0';
		name->s = out;
		name->n = n;
	}
	return 0;
}

static int json_digits(struct json_check *c)
{
	if (c->p >= c->end || *c->p < '0' || *c->p > '9')
		return json_fail(c, "digit expected");
	while (c->p < c->end && *c->p >= '0' && *c->p <= '9')
		c->p++;
	return 0;
}

static int json_number(struct json_check *c)
{
	if (*c->p == '-')
		c->p++;
	if (c->p < c->end && *c->p == '0')
		c->p++;
	else if (json_digits(c))
		return -1;
	if (c->p < c->end && *c->p == '.') {
		c->p++;
		if (json_digits(c))
			return -1;
	}
	if (c->p < c->end && (*c->p == 'e' || *c->p == 'E')) {
		c->p++;
		if (c->p < c->end && (*c->p == '+' || *c->p == '-'))
			c->p++;
		if (json_digits(c))
			return -1;
	}
	return 0;
}

static int json_literal(struct json_check *c, const char *lit)
{
	size_t n = strlen(lit);

	if ((size_t)(c->end - c->p) < n || memcmp(c->p, lit, n) != 0)
		return json_fail(c, "unexpected character");
	c->p += n;
	return 0;
}

static int json_value(struct json_check *c);

static void json_names_free(struct json_name *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i].s);
	free(v);
}

static int json_object(struct json_check *c)
{
	struct json_name *names = NULL;
	size_t n = 0, cap = 0, i;

	c->p++;
	json_ws(c);
	if (c->p < c->end && *c->p == '}') {
		c->p++;
		return 0;
	}
	for (;;) {
		struct json_name nm;

		json_ws(c);
		if (c->p >= c->end || *c->p != '"') {
			json_names_free(names, n);
			return json_fail(c, "member name expected");
		}
		if (json_string(c, &nm)) {
			json_names_free(names, n);
			return -1;
		}
		for (i = 0; i < n; i++) {
			if (names[i].n == nm.n && memcmp(names[i].s, nm.s, nm.n) == 0) {
				free(nm.s);
				json_names_free(names, n);
				return json_fail(c, "duplicate member name");
			}
		}
		if (n == cap) {
			struct json_name *v;
			cap = cap ? cap * 2 : 8;
			v = realloc(names, cap * sizeof(*v));
			if (!v)
				abort();
			names = v;
		}
		names[n++] = nm;
		json_ws(c);
		if (c->p >= c->end || *c->p != ':') {
			json_names_free(names, n);
			return json_fail(c, "':' expected");
		}
		c->p++;
		if (json_value(c)) {
			json_names_free(names, n);
			return -1;
		}
		json_ws(c);
		if (c->p < c->end && *c->p == ',') {
			c->p++;
			continue;
		}
		if (c->p < c->end && *c->p == '}') {
			c->p++;
			json_names_free(names, n);
			return 0;
		}
		json_names_free(names, n);
		return json_fail(c, "',' or '}' expected");
	}
}

static int json_array(struct json_check *c)
{
	c->p++;
	json_ws(c);
	if (c->p < c->end && *c->p == ']') {
		c->p++;
		return 0;
	}
	for (;;) {
		if (json_value(c))
			return -1;
		json_ws(c);
		if (c->p < c->end && *c->p == ',') {
			c->p++;
			continue;
		}
		if (c->p < c->end && *c->p == ']') {
			c->p++;
			return 0;
		}
		return json_fail(c, "',' or ']' expected");
	}
}

static int json_value(struct json_check *c)
{
	int r;

	json_ws(c);
	if (c->p >= c->end)
		return json_fail(c, "value expected");
	switch (*c->p) {
	case '{':
	case '[':
		if (++c->depth > JSON_CHECK_MAX_DEPTH)
			return json_fail(c, "nested too deeply");
		r = *c->p == '{' ? json_object(c) : json_array(c);
		c->depth--;
		return r;
	case '"':
		return json_string(c, NULL);
	case 't':
		return json_literal(c, "true");
	case 'f':
		return json_literal(c, "false");
	case 'n':
		return json_literal(c, "null");
	default:
		if (*c->p == '-' || (*c->p >= '0' && *c->p <= '9'))
			return json_number(c);
		return json_fail(c, "unexpected character");
	}
}

/*
 * json_check - whether @s (@n bytes) is exactly one valid JSON text.
 * returns: NULL when it is, else what is wrong; *@off receives the offset.
 */
static const char *json_check(const char *s, size_t n, size_t *off)
{
	struct json_check c;

	memset(&c, 0, sizeof(c));
	c.p = (const unsigned char *)s;
	c.end = c.p + n;
	if (json_value(&c) == 0) {
		json_ws(&c);
		if (c.p != c.end)
			json_fail(&c, "text after the value");
	}
	if (c.error) {
		*off = (size_t)(c.where - (const unsigned char *)s);
		return c.error;
	}
	*off = n;
	return NULL;
}

#endif /* MDEVDESC_FUZZ_JSON_CHECK_H */
