/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/*
 * model.c - syntax tree -> descriptor model, with every validity rule of
 * spec 4.4, 4.5, 5 and 7.
 *
 * Reads one document's tree and fills a struct mdevdesc_descriptor in the
 * model arena.  Every problem is reported with its field path and rule ID;
 * checking goes on after an error wherever the rest of the document can
 * still be read, so one run lists all of a document's errors.  A document
 * with any error has no model.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "validator/model.h"
#include "emitter/quoting.h"
#include "vendors.h"

/*
 * The path of the node being read is kept as a stack of segments and
 * rendered only when a diagnostic needs it: most documents have none.
 */
typedef struct md_seg {
	const char *key; /* NULL for a list index */
	size_t n;        /* key length, or the index */
} md_seg;

/* A rendered path; room for the deepest path the limits allow. */
typedef struct md_path {
	char *b;
	size_t n, size;
} md_path;

typedef struct md_model {
	md_arena *arena;
	md_diags *diags;
	const mdevdesc_limits *lim;
	unsigned flags;
	uint32_t minor;     /* format minor of the document */
	int newer;          /* minor newer than the library's */
	int has_unknown;
	size_t errors0;
	md_seg *seg;
	size_t nseg, segcap;
	md_path path;
} md_model;

/* ---- paths and reporting ---------------------------------------------- */

static void put_key(md_path *p, const char *key, size_t len)
{
	size_t room;

	if (p->n && p->n < p->size - 1)
		p->b[p->n++] = '.';
	room = p->size - 1 - p->n;
	if (len > room) {
		/* Only past the limits; never split a character. */
		len = room;
		while (len > 0 && ((unsigned char)key[len] & 0xC0) == 0x80)
			len--;
	}
	memcpy(p->b + p->n, key, len);
	p->n += len;
	p->b[p->n] = '\0';
}

static void put_index(md_path *p, size_t i)
{
	size_t k = 0;
	char digits[24];

	do
		digits[k++] = (char)('0' + i % 10);
	while ((i /= 10) != 0);
	if (p->n + k + 3 > p->size)
		return;
	p->b[p->n++] = '[';
	while (k)
		p->b[p->n++] = digits[--k];
	p->b[p->n++] = ']';
	p->b[p->n] = '\0';
}

/* The path of the node being read, as a diagnostic shows it. */
static const char *path_str(md_model *m)
{
	md_path *p = &m->path;
	size_t i;

	p->n = 0;
	p->b[0] = '\0';
	for (i = 0; i < m->nseg; i++) {
		if (m->seg[i].key)
			put_key(p, m->seg[i].key, m->seg[i].n);
		else
			put_index(p, m->seg[i].n);
	}
	return p->b;
}

/*
 * Enter a key or an index; returns what path_pop() restores.  The stack
 * holds one segment per collection level, so it never fills up.
 */
static size_t push_seg(md_model *m, const char *key, size_t n)
{
	size_t old = m->nseg;

	if (old < m->segcap) {
		m->seg[old].key = key;
		m->seg[old].n = n;
		m->nseg = old + 1;
	}
	return old;
}

static size_t path_key(md_model *m, const char *key, size_t len)
{
	return push_seg(m, key ? key : "", len);
}

static size_t path_index(md_model *m, size_t i)
{
	return push_seg(m, NULL, i);
}

static void path_pop(md_model *m, size_t old)
{
	m->nseg = old;
}

#define REPORT(m, sev, code, node, rule, ...) \
	md_diag((m)->diags, (code), (sev), (node)->off, (node)->line, path_str(m), (rule), __VA_ARGS__)
#define ERR(m, code, node, rule, ...) REPORT(m, MDEVDESC_ERROR, code, node, rule, __VA_ARGS__)
#define WARN(m, code, node, rule, ...) REPORT(m, MDEVDESC_WARNING, code, node, rule, __VA_ARGS__)

/* Up to 40 characters of a scalar for a message, never splitting UTF-8. */
static int clip(const md_node *n)
{
	size_t len = n->len;

	if (len <= 40)
		return (int)len;
	len = 40;
	while (len > 0 && ((unsigned char)n->str[len] & 0xC0) == 0x80)
		len--;
	return (int)len;
}

static const char *kind_name(const md_node *n)
{
	if (n->kind == MD_MAP)
		return "a mapping";
	if (n->kind == MD_SEQ)
		return "a list";
	return "a scalar";
}

static inline void *alloc(md_model *m, size_t n)
{
	void *p = md_alloc(m->arena, n);

	if (!p)
		m->diags->nomem = 1;
	return p;
}

static inline const char *dup(md_model *m, const char *s, size_t n)
{
	char *p = md_strndup(m->arena, s, n);

	if (!p)
		m->diags->nomem = 1;
	return p;
}

static int key_is_n(const md_node *k, const char *name, size_t n)
{
	return k->len == n && memcmp(k->str, name, n) == 0;
}

/* @name is a string literal: its length is known at compile time. */
#define key_is(k, name) key_is_n((k), (name), sizeof(name) - 1)

static int is_ext(const md_node *k)
{
	return k->len >= 2 && k->str[0] == 'x' && k->str[1] == '-';
}

/* ---- scalars ----------------------------------------------------------- */

static int is_empty_plain(const md_node *n)
{
	return n->kind == MD_SCALAR && n->style == MD_PLAIN && n->len == 0;
}

MD_COLD static int not_scalar(md_model *m, const md_node *n, const char *what, const char *rule)
{
	ERR(m, MDEVDESC_E_TYPE, n, rule ? rule : "R-TYPE-KIND", "expected %s, found %s", what,
	    kind_name(n));
	return -1;
}

static inline int want_scalar(md_model *m, const md_node *n, const char *what, const char *rule)
{
	return n->kind == MD_SCALAR ? 0 : not_scalar(m, n, what, rule);
}

/*
 * mdevdesc_quote_class() for the common case: every row of the quoting
 * table (spec 4.4) starts with one of a few bytes, and the rows that start
 * with a letter are at most five bytes long ("false").  Most keys and
 * names are neither, and skip the table.
 */
static int quote_class(const char *s, size_t n)
{
	if (n == 0)
		return mdevdesc_quote_class(s, n);
	switch (s[0]) {
	case 'n': case 'N': case 't': case 'T': case 'f': case 'F':
	case 'y': case 'Y': case 'o': case 'O':
		if (n > 5)
			return MDEVDESC__QUOTE_NONE;
		/* fall through */
	case '0': case '1': case '2': case '3': case '4':
	case '5': case '6': case '7': case '8': case '9':
	case '+': case '-': case '.': case '~': case '<': case '=':
		return mdevdesc_quote_class(s, n);
	default:
		return MDEVDESC__QUOTE_NONE;
	}
}

MD_COLD static void report_null(md_model *m, const md_node *n)
{
	if (n->len == 0)
		ERR(m, MDEVDESC_E_NULL, n, "R-QUOTE-NULL",
		    "empty value: YAML loaders read it as null; write a value or \"\"");
	else
		ERR(m, MDEVDESC_E_NULL, n, "R-QUOTE-NULL",
		    "plain %.*s reads as null in every YAML loader; write \"%.*s\" for the string",
		    clip(n), n->str, clip(n), n->str);
}

MD_COLD static void report_quoting(md_model *m, const md_node *n, int row)
{
	ERR(m, MDEVDESC_E_QUOTING, n, "R-QUOTE-TABLE",
	    "plain %.*s reads as %s, not as a string; write \"%.*s\" (quoting table row %d, %s)",
	    clip(n), n->str, md_quote_row_reading(row), clip(n), n->str, row,
	    md_quote_row_name(row));
}

/* The quoting rule for a plain scalar in a string position (spec 4.4, 4.5). */
static int check_plain_string(md_model *m, const md_node *n)
{
	int row;

	if (n->style != MD_PLAIN)
		return 0;
	row = quote_class(n->str, n->len);
	if (row == MDEVDESC__QUOTE_NULL)
		report_null(m, n);
	else if (row)
		report_quoting(m, n, row);
	return row ? -1 : 0;
}

/* Whether any of the 8 bytes of @w is below 0x20 or is 0x7f. */
static int has_control(uint64_t w)
{
	const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
	uint64_t del = w ^ 0x7f7f7f7f7f7f7f7fu;

	/* The classic has-zero-byte test, for bytes below 0x20 and for 0x7f. */
	return (((w - 0x20 * ones) & ~w) | ((del - ones) & ~del)) & high ? 1 : 0;
}

static int check_chars(md_model *m, const md_node *n)
{
	size_t i = 0;

	/* Strings are clean but for rare escapes and tabs: find none fast. */
	for (; i + 8 <= n->len; i += 8) {
		uint64_t w;
		memcpy(&w, n->str + i, 8);
		if (has_control(w))
			break;
	}
	for (; i < n->len; i++) {
		unsigned char c = (unsigned char)n->str[i];
		if (c < 0x20 || c == 0x7f) {
			ERR(m, MDEVDESC_E_STRING, n, "R-TYPE-STRING",
			    "string holds control character U+%04X (through an escape or a tab)", c);
			return -1;
		}
	}
	return 0;
}

/* A key of a typed mapping: any row of the quoting table, even row 1 (spec 4.4). */
static int check_key(md_model *m, const md_node *k)
{
	int row = k->style == MD_PLAIN ? quote_class(k->str, k->len) : 0;

	if (row) {
		report_quoting(m, k, row);
		return -1;
	}
	return k->style == MD_PLAIN ? 0 : check_chars(m, k);
}

/* Whether @n is a string value; reported when it is not. */
static int is_string(md_model *m, const md_node *n, const char *what)
{
	/* A plain scalar holds no control character: the lexer saw to it. */
	return !(want_scalar(m, n, what, NULL) || check_plain_string(m, n) ||
		 (n->style != MD_PLAIN && check_chars(m, n)));
}

/* A string value; NULL after reporting when it is not one. */
static const char *get_string(md_model *m, const md_node *n, const char *what)
{
	return is_string(m, n, what) ? dup(m, n->str, n->len) : NULL;
}

/* Character classes of the name patterns of spec 5 (bit per pattern). */
enum { C_LOWER = 1, C_DIGIT = 2, C_HYPHEN = 4, C_DOT = 8, C_UNDER = 16 };

#define L_(c) [c] = C_LOWER
#define D_(c) [c] = C_DIGIT
static const unsigned char name_classes[256] = {
	L_('a'), L_('b'), L_('c'), L_('d'), L_('e'), L_('f'), L_('g'), L_('h'), L_('i'),
	L_('j'), L_('k'), L_('l'), L_('m'), L_('n'), L_('o'), L_('p'), L_('q'), L_('r'),
	L_('s'), L_('t'), L_('u'), L_('v'), L_('w'), L_('x'), L_('y'), L_('z'),
	D_('0'), D_('1'), D_('2'), D_('3'), D_('4'), D_('5'), D_('6'), D_('7'), D_('8'), D_('9'),
	['-'] = C_HYPHEN, ['.'] = C_DOT, ['_'] = C_UNDER,
};
#undef L_
#undef D_

static unsigned char name_class(unsigned char c)
{
	return name_classes[c];
}

static int match_name(const char *s, size_t n, unsigned first, unsigned rest)
{
	size_t i;

	if (n == 0 || !(name_class((unsigned char)s[0]) & first))
		return 0;
	for (i = 1; i < n; i++)
		if (!(name_class((unsigned char)s[i]) & rest))
			return 0;
	return 1;
}


/* ---- integers and versions --------------------------------------------- */

/* Parse `-?(0|[1-9][0-9]*)` or `0x[0-9a-fA-F]+` into int64 (spec 4.5). */
static int parse_int(const char *s, size_t n, int64_t *out, int *overflow)
{
	size_t i = 0;
	int neg = 0;
	uint64_t v = 0, max, top;

	*overflow = 0;
	if (n > 2 && s[0] == '0' && s[1] == 'x') {
		for (i = 2; i < n; i++) {
			char c = s[i];
			unsigned d;
			if (c >= '0' && c <= '9')
				d = (unsigned)(c - '0');
			else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
				d = (unsigned)((c | 0x20) - 'a' + 10);
			else
				return 0;
			if (v > (uint64_t)INT64_MAX >> 4)
				*overflow = 1;
			v = v * 16 + d;
		}
		if (v > (uint64_t)INT64_MAX)
			*overflow = 1;
		*out = (int64_t)v;
		return 1;
	}
	if (n && s[0] == '-') {
		neg = 1;
		i = 1;
	}
	if (i == n || (s[i] == '0' && n - i > 1))
		return 0;
	if (n - i <= 18) {
		/* Up to 18 digits fit in int64 whatever they are. */
		for (; i < n; i++) {
			if (s[i] < '0' || s[i] > '9')
				return 0;
			v = v * 10 + (unsigned)(s[i] - '0');
		}
		*out = neg ? -(int64_t)v : (int64_t)v;
		return 1;
	}
	max = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
	/* v * 10 + d > max exactly when v > top, or v == top and d > max % 10. */
	top = max / 10;
	for (; i < n; i++) {
		unsigned d;
		if (s[i] < '0' || s[i] > '9')
			return 0;
		d = (unsigned)(s[i] - '0');
		if (v > top || (v == top && d > max % 10))
			*overflow = 1;
		else
			v = v * 10 + d;
	}
	if (*overflow)
		return 1;
	*out = neg ? (v == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)v) : (int64_t)v;
	return 1;
}

/* Parse MAJOR.MINOR[.PATCH]; returns parts (2 or 3) or 0; *big on overflow. */
static int parse_version(const char *s, size_t n, uint32_t maxc, struct mdevdesc_version *v,
			 int *big)
{
	uint32_t part[3] = { 0, 0, 0 };
	int k = 0;
	size_t i = 0;

	*big = 0;
	for (;;) {
		uint64_t p = 0;

		if (i >= n || s[i] < '0' || s[i] > '9')
			return 0;
		if (s[i] == '0' && i + 1 < n && s[i + 1] >= '0' && s[i + 1] <= '9')
			return 0; /* leading zero */
		do {
			if (p <= UINT32_MAX)
				p = p * 10 + (uint64_t)(s[i] - '0');
			i++;
		} while (i < n && s[i] >= '0' && s[i] <= '9');
		if (p > maxc)
			*big = 1;
		part[k++] = (uint32_t)(p > UINT32_MAX ? UINT32_MAX : p);
		if (i == n)
			break;
		if (s[i] != '.' || k == 3)
			return 0;
		i++;
	}
	if (k < 2)
		return 0;
	v->major = part[0];
	v->minor = part[1];
	v->patch = part[2];
	v->has_patch = k == 3;
	return k;
}

static int version_scalar(md_model *m, const md_node *n, int parts_wanted,
			  struct mdevdesc_version *v, const char *rule)
{
	int big, k;

	if (want_scalar(m, n, "a version", NULL))
		return -1;
	k = parse_version(n->str, n->len, m->lim->max_version_component, v, &big);
	/* No row of the quoting table reads MAJOR.MINOR.PATCH: skip the check. */
	if (k != 3 && check_plain_string(m, n))
		return -1;
	if (k && big) {
		ERR(m, MDEVDESC_E_LIMIT_VERSION_COMPONENT, n, "R-LIMIT-VERSION-COMPONENT",
		    "version component of %.*s above the max_version_component limit (%u)", clip(n),
		    n->str, (unsigned)m->lim->max_version_component);
		return -1;
	}
	if (!k || (parts_wanted && k != parts_wanted)) {
		ERR(m, MDEVDESC_E_VERSION, n, rule,
		    parts_wanted == 3
			    ? "expected a version MAJOR.MINOR.PATCH (decimal, no leading zeros), found %.*s"
			    : "expected a version MAJOR.MINOR[.PATCH] (decimal, no leading zeros), found %.*s",
		    clip(n), n->str);
		return -1;
	}
	return 0;
}

/* One `accepts` (ranges allowed) or `creates` entry. */
static int version_entry(md_model *m, const md_node *n, int allow_range,
			 struct mdevdesc_version_entry *e)
{
	const char *dots;
	size_t i;

	memset(e, 0, sizeof(*e));
	if (want_scalar(m, n, "a version entry", NULL))
		return -1;
	dots = NULL;
	for (i = 0; i + 1 < n->len; i++)
		if (n->str[i] == '.' && n->str[i + 1] == '.') {
			dots = n->str + i;
			break;
		}
	if (!dots)
		return version_scalar(m, n, 0, &e->low, "R-VERSION-ENTRY");
	if (!allow_range) {
		ERR(m, MDEVDESC_E_VERSION, n, "R-VERSION-ENTRY",
		    "creates lists versions, not ranges: found %.*s", clip(n), n->str);
		return -1;
	}
	{
		md_node lo = *n, hi = *n;
		int big1 = 0, big2 = 0, k1, k2;

		lo.len = (size_t)(dots - n->str);
		hi.str = dots + 2;
		hi.len = n->len - lo.len - 2;
		k1 = parse_version(lo.str, lo.len, m->lim->max_version_component, &e->low, &big1);
		k2 = parse_version(hi.str, hi.len, m->lim->max_version_component, &e->high, &big2);
		if (k1 && k2 && (big1 || big2)) {
			ERR(m, MDEVDESC_E_LIMIT_VERSION_COMPONENT, n, "R-LIMIT-VERSION-COMPONENT",
			    "version component of %.*s above the max_version_component limit (%u)",
			    clip(n), n->str, (unsigned)m->lim->max_version_component);
			return -1;
		}
		if (!k1 || !k2) {
			ERR(m, MDEVDESC_E_VERSION, n, "R-VERSION-ENTRY",
			    "expected a version range LOW..HIGH of MAJOR.MINOR[.PATCH] versions, found %.*s",
			    clip(n), n->str);
			return -1;
		}
		if (md_version_cmp(&e->low, 0, &e->high, 1) > 0) {
			ERR(m, MDEVDESC_E_VERSION_RANGE, n, "R-VERSION-RANGE",
			    "version range %.*s: the low end is above the high end", clip(n), n->str);
			return -1;
		}
		e->is_range = 1;
	}
	return 0;
}

/* Items of a one-item-or-list value; *count = 0 and NULL on error. */
static const md_node *items_of(md_model *m, const md_node *n, size_t *count)
{
	if (n->kind == MD_SEQ) {
		if (n->count == 0) {
			ERR(m, MDEVDESC_E_EMPTY_LIST, n, "R-LIST-NONEMPTY",
			    "empty list: omit the key instead");
			*count = 0;
			return NULL;
		}
		*count = n->count;
		return n->child;
	}
	if (n->kind == MD_MAP) {
		ERR(m, MDEVDESC_E_TYPE, n, "R-TYPE-KIND", "expected one item or a list, found a mapping");
		*count = 0;
		return NULL;
	}
	*count = 1;
	return n;
}

static struct mdevdesc_version_entry *version_list(md_model *m, const md_node *n, int allow_range,
						   size_t *count)
{
	size_t cnt, i = 0;
	const md_node *it = items_of(m, n, &cnt);
	struct mdevdesc_version_entry *v;
	int bad = 0;

	*count = 0;
	if (!it)
		return NULL;
	v = alloc(m, cnt * sizeof(*v));
	if (!v)
		return NULL;
	for (; it && i < cnt; it = n->kind == MD_SEQ ? it->next : NULL, i++) {
		size_t old = n->kind == MD_SEQ ? path_index(m, i) : m->nseg;
		if (version_entry(m, it, allow_range, &v[i]))
			bad = 1;
		path_pop(m, old);
	}
	if (bad)
		return NULL;
	*count = cnt;
	return v;
}

/* ---- typed values (spec 4.5, 5.8) -------------------------------------- */

/* A value in a param position (spec 4.5); @in_accepts allows ranges. */
static int typed_value(md_model *m, const md_node *n, int in_accepts, struct mdevdesc_value *v)
{
	int overflow, row;
	const char *dots = NULL;
	size_t i;

	memset(v, 0, sizeof(*v));
	if (want_scalar(m, n, "an integer or a string", NULL))
		return -1;
	if (n->style != MD_PLAIN) {
		if (check_chars(m, n))
			return -1;
		v->kind = MDEVDESC_VALUE_STR;
		v->s = dup(m, n->str, n->len);
		return v->s ? 0 : -1;
	}
	if (parse_int(n->str, n->len, &v->i, &overflow)) {
		if (overflow) {
			ERR(m, MDEVDESC_E_INTEGER, n, "R-TYPE-INTEGER",
			    "integer %.*s does not fit in a signed 64-bit integer", clip(n), n->str);
			return -1;
		}
		v->kind = MDEVDESC_VALUE_INT;
		return 0;
	}
	for (i = 0; in_accepts && i + 1 < n->len; i++)
		if (n->str[i] == '.' && n->str[i + 1] == '.') {
			dots = n->str + i;
			break;
		}
	if (dots) {
		/* [R-TYPE-RANGE]: a plain accepts item with ".." is a range. */
		size_t nl = (size_t)(dots - n->str);
		int o1 = 1, o2 = 1, ints;

		ints = parse_int(n->str, nl, &v->i, &o1) &&
		       parse_int(dots + 2, n->len - nl - 2, &v->hi, &o2) && !o1 && !o2;
		if (ints && v->i <= v->hi) {
			v->kind = MDEVDESC_VALUE_RANGE;
			return 0;
		}
		ERR(m, MDEVDESC_E_INTEGER_RANGE, n, "R-TYPE-RANGE",
		    ints ? "integer range %.*s: the low end is above the high end"
			 : "expected an integer range LOW..HIGH of 64-bit integers, found %.*s "
			   "(quote a string that contains '..')",
		    clip(n), n->str);
		return -1;
	}
	row = quote_class(n->str, n->len);
	if (row == MDEVDESC__QUOTE_NULL) {
		report_null(m, n);
		return -1;
	}
	if (MDEVDESC__QUOTE_ROW_IS_NUMBER(row)) {
		ERR(m, MDEVDESC_E_INTEGER, n, "R-TYPE-INTEGER",
		    "%.*s is not an integer of the subset (decimal without leading zeros, or 0x hex); "
		    "YAML loaders read it as %s; quote it to make it a string",
		    clip(n), n->str, md_quote_row_reading(row));
		return -1;
	}
	if (row) {
		report_quoting(m, n, row);
		return -1;
	}
	v->kind = MDEVDESC_VALUE_STR;
	v->s = dup(m, n->str, n->len);
	return v->s ? 0 : -1;
}

/* ---- generic nodes: extensions and newer-minor keys (spec 5.10, 7) ------ */

/* Untyped content (spec 4.5): only R-QUOTE-NULL, rows 11-12 and R-TYPE-STRING. */
static int untyped_scalar(md_model *m, const md_node *n, int is_key)
{
	if (n->style != MD_PLAIN)
		return check_chars(m, n);
	{
		int row = quote_class(n->str, n->len);
		if (row == MDEVDESC__QUOTE_NULL && !is_key) {
			report_null(m, n);
			return -1;
		}
		if (row == MDEVDESC__QUOTE_MERGE || row == MDEVDESC__QUOTE_VALUE) {
			report_quoting(m, n, row);
			return -1;
		}
	}
	return 0;
}

static int to_node(md_model *m, const md_node *n, struct mdevdesc_node *out)
{
	size_t cnt = n->count, i = 0;
	struct mdevdesc_node *items;
	const md_node *c;
	int bad = 0;

	memset(out, 0, sizeof(*out));
	if (n->kind == MD_SCALAR) {
		if (untyped_scalar(m, n, 0))
			return -1;
		out->kind = n->style == MD_PLAIN ? MDEVDESC_NODE_PLAIN : MDEVDESC_NODE_STRING;
		out->s = dup(m, n->str, n->len);
		return out->s ? 0 : -1;
	}
	items = cnt ? alloc(m, cnt * sizeof(*items)) : NULL;
	if (cnt && !items)
		return -1;
	out->kind = n->kind == MD_SEQ ? MDEVDESC_NODE_SEQ : MDEVDESC_NODE_MAP;
	out->items = items;
	out->n_items = cnt;
	for (c = n->child; c; c = c->next, i++) {
		size_t old;
		if (n->kind == MD_MAP) {
			old = path_key(m, c->str, c->len);
			if (untyped_scalar(m, c, 1) || to_node(m, c->next, &items[i]))
				bad = 1;
			else if (!(items[i].key = dup(m, c->str, c->len)))
				bad = 1;
			c = c->next;
		} else {
			old = path_index(m, i);
			if (to_node(m, c, &items[i]))
				bad = 1;
		}
		path_pop(m, old);
	}
	return bad ? -1 : 0;
}

/* A key no rule of this library knows: an error, or a warning when newer. */
static void unknown_key(md_model *m, const md_node *k, const char *where)
{
	if (m->newer) {
		WARN(m, MDEVDESC_W_UNKNOWN_KEY, k, "R-FORMAT-MINOR",
		     "key '%.*s' %s is not defined by format 1.%u; kept, and a resolver answers undecidable",
		     clip(k), k->str, where, (unsigned)MDEVDESC_FORMAT_MINOR);
		m->has_unknown = 1;
	} else {
		ERR(m, MDEVDESC_E_UNKNOWN_KEY, k, "R-KEY-UNKNOWN",
		    "unknown key '%.*s' %s (vendor keys start with 'x-')", clip(k), k->str, where);
	}
}

struct extras {
	struct mdevdesc_node *v;
	size_t n, cap;
};

static void extra_add(md_model *m, struct extras *x, const md_node *k, const md_node *val)
{
	if (x->n == x->cap) {
		size_t cap = x->cap ? x->cap * 2 : 4;
		struct mdevdesc_node *v = alloc(m, cap * sizeof(*v));
		if (!v)
			return;
		if (x->n)
			memcpy(v, x->v, x->n * sizeof(*v));
		x->v = v;
		x->cap = cap;
	}
	if (to_node(m, val, &x->v[x->n]))
		return;
	x->v[x->n].key = dup(m, k->str, k->len);
	if (x->v[x->n].key)
		x->n++;
}

static int cmp_node_key(const void *a, const void *b)
{
	return strcmp(((const struct mdevdesc_node *)a)->key, ((const struct mdevdesc_node *)b)->key);
}

/*
 * qsort() unless already in order, as entries are usually written.  Keys
 * of a mapping are distinct, so skipping the sort gives the same order.
 */
static void sort_unless_sorted(void *base, size_t n, size_t size,
			       int (*cmp)(const void *, const void *))
{
	const char *p = base;
	size_t i;

	for (i = 1; i < n; i++) {
		if (cmp(p + (i - 1) * size, p + i * size) > 0) {
			qsort(base, n, size, cmp);
			return;
		}
	}
}

static void extras_sort(struct extras *x)
{
	sort_unless_sorted(x->v, x->n, sizeof(*x->v), cmp_node_key);
}

/*
 * A key that is not one of the place's own: an `x-` extension, a key of a
 * newer minor (kept as untyped content), or an error.  Returns 1 when the
 * document is invalid because of it.
 */
static int other_key(md_model *m, struct extras *x, const md_node *k, const char *where)
{
	size_t errors = m->diags->errors;

	if (!is_ext(k)) {
		unknown_key(m, k, where);
		if (!m->newer)
			return 1;
	}
	extra_add(m, x, k, k->next);
	return m->diags->errors != errors;
}

/* ---- hw and params (spec 5.6, 5.8) ------------------------------------- */

MD_COLD static int bad_entry_name(md_model *m, const md_node *k)
{
	ERR(m, MDEVDESC_E_NAME, k, "R-ENTRY-NAME",
	    "entry name '%.*s' must match [a-z][a-z0-9_]*", clip(k), k->str);
	return -1;
}

static inline int check_entry_name(md_model *m, const md_node *k)
{
	if (match_name(k->str, k->len, C_LOWER, C_LOWER | C_DIGIT | C_UNDER))
		return 0;
	return bad_entry_name(m, k);
}

static int param_entry(md_model *m, const md_node *k, const md_node *v, struct mdevdesc_param *p)
{
	const md_node *c, *value = NULL, *accepts = NULL, *def = NULL;
	struct extras x = { NULL, 0, 0 };
	int bad = 0;

	memset(p, 0, sizeof(*p));
	if (check_key(m, k) || check_entry_name(m, k))
		bad = 1;
	if (v->kind != MD_MAP) {
		ERR(m, MDEVDESC_E_TYPE, v, "R-PARAM-FORM",
		    "expected a mapping { value: ..., accepts: ..., default: ... }, found %s",
		    kind_name(v));
		return -1;
	}
	for (c = v->child; c; c = c->next->next) {
		size_t old = path_key(m, c->str, c->len);

		/* A key of the entry's own passes check_key(): those go first. */
		if (key_is(c, "value"))
			value = c->next;
		else if (key_is(c, "accepts"))
			accepts = c->next;
		else if (key_is(c, "default"))
			def = c->next;
		else if (check_key(m, c))
			bad = 1;
		else
			bad |= other_key(m, &x, c, "in this entry");
		path_pop(m, old);
	}
	p->name = dup(m, k->str, k->len);
	if (!value) {
		ERR(m, MDEVDESC_E_MISSING_KEY, v, "R-PARAM-FORM", "required key 'value' is missing");
		bad = 1;
	} else {
		size_t old = path_key(m, "value", 5);
		if (typed_value(m, value, 0, &p->value))
			bad = 1;
		path_pop(m, old);
	}
	if (accepts) {
		size_t old = path_key(m, "accepts", 7), cnt, i = 0;
		const md_node *it = items_of(m, accepts, &cnt);
		struct mdevdesc_value *acc = it ? alloc(m, cnt * sizeof(*acc)) : NULL;

		if (!acc)
			bad = 1;
		for (; acc && it && i < cnt; it = accepts->kind == MD_SEQ ? it->next : NULL, i++) {
			size_t o2 = accepts->kind == MD_SEQ ? path_index(m, i) : m->nseg;
			if (typed_value(m, it, 1, &acc[i]))
				bad = 1;
			path_pop(m, o2);
		}
		p->accepts = acc;
		p->n_accepts = acc ? cnt : 0;
		path_pop(m, old);
	}
	if (def) {
		size_t old = path_key(m, "default", 7);
		if (typed_value(m, def, 0, &p->def))
			bad = 1;
		path_pop(m, old);
	}
	if (!bad && p->accepts) {
		/* spec 5.8: an entry accepts its own value and default [R-PARAM-SELF]. */
		if (!md_value_in(&p->value, p->accepts, p->n_accepts)) {
			size_t old = path_key(m, "value", 5);
			ERR(m, MDEVDESC_E_NOT_ACCEPTED, value, "R-PARAM-SELF",
			    "value is not in the entry's own accepts");
			path_pop(m, old);
			bad = 1;
		}
		if (def && !md_value_in(&p->def, p->accepts, p->n_accepts)) {
			size_t old = path_key(m, "default", 7);
			ERR(m, MDEVDESC_E_NOT_ACCEPTED, def, "R-PARAM-SELF",
			    "default is not in the entry's accepts");
			path_pop(m, old);
			bad = 1;
		}
	} else if (!bad && def && !md_value_eq(&p->def, &p->value)) {
		size_t old = path_key(m, "default", 7);
		ERR(m, MDEVDESC_E_NOT_ACCEPTED, def, "R-PARAM-SELF",
		    "default differs from value and there is no accepts: add accepts listing both");
		path_pop(m, old);
		bad = 1;
	}
	extras_sort(&x);
	p->extra = x.v;
	p->n_extra = x.n;
	return bad ? -1 : 0;
}

/* Entries of hw, params and features start with their name: sort by it. */
_Static_assert(offsetof(struct mdevdesc_param, name) == 0, "name first");
_Static_assert(offsetof(struct mdevdesc_feature, name) == 0, "name first");

static int cmp_entry_name(const void *a, const void *b)
{
	const char *x = *(const char *const *)a, *y = *(const char *const *)b;

	/* Names mostly differ in their first byte: decide those without a call. */
	if (*x != *y)
		return (unsigned char)*x < (unsigned char)*y ? -1 : 1;
	return strcmp(x, y);
}

typedef int (*entry_fn)(md_model *m, const md_node *k, const md_node *v, void *out);

/*
 * A mapping of named entries (hw, params, features): each read by @read
 * into an array of @size-byte structs, sorted by name.  NULL when invalid.
 */
static void *entry_map(md_model *m, const md_node *n, size_t size, entry_fn read,
		       const char *what, size_t *count)
{
	char *v;
	const md_node *c;
	size_t i = 0;
	int bad = 0;

	*count = 0;
	if (n->kind != MD_MAP) {
		if (is_empty_plain(n))
			ERR(m, MDEVDESC_E_NULL, n, "R-QUOTE-NULL", "empty value: omit the key or add entries");
		else
			ERR(m, MDEVDESC_E_TYPE, n, "R-TYPE-KIND", "expected a mapping of %s, found %s", what,
			    kind_name(n));
		return NULL;
	}
	v = alloc(m, (n->count ? n->count : 1) * size);
	if (!v)
		return NULL;
	for (c = n->child; c; c = c->next->next, i++) {
		size_t old = path_key(m, c->str, c->len);
		if (read(m, c, c->next, v + i * size))
			bad = 1;
		path_pop(m, old);
	}
	if (bad)
		return NULL;
	sort_unless_sorted(v, i, size, cmp_entry_name);
	*count = i;
	return v;
}

static int read_param(md_model *m, const md_node *k, const md_node *v, void *out)
{
	return param_entry(m, k, v, out);
}

/* ---- features (spec 5.7) ----------------------------------------------- */

static const char *bitmap(md_model *m, const md_node *n)
{
	size_t i = 2, first, digits, bits;
	char *out;

	if (want_scalar(m, n, "a bitmap string \"0x...\"", NULL) || check_plain_string(m, n))
		return NULL;
	if (n->len < 3 || n->str[0] != '0' || n->str[1] != 'x')
		goto bad;
	for (i = 2; i < n->len; i++) {
		char c = n->str[i];
		if (!((c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')))
			goto bad;
	}
	for (first = 2; first < n->len - 1 && n->str[first] == '0'; first++)
		;
	digits = n->len - first;
	/* spec 8: the width is 4 bits per digit once leading zeros are gone. */
	bits = digits * 4;
	if (bits > m->lim->max_bitmap_bits) {
		ERR(m, MDEVDESC_E_LIMIT_BITMAP_BITS, n, "R-LIMIT-BITMAP-BITS",
		    "bitmap of %zu bits is wider than the max_bitmap_bits limit (%u)", bits,
		    (unsigned)m->lim->max_bitmap_bits);
		return NULL;
	}
	out = md_alloc(m->arena, digits + 3);
	if (!out) {
		m->diags->nomem = 1;
		return NULL;
	}
	out[0] = '0';
	out[1] = 'x';
	/* Hex digits only: setting bit 5 lowers a letter and keeps a digit. */
	for (i = 0; i < digits; i++)
		out[2 + i] = (char)(n->str[first + i] | 0x20);
	out[2 + digits] = '\0';
	return out;
bad:
	ERR(m, MDEVDESC_E_BITMAP, n, "R-BITMAP",
	    "expected a bitmap \"0x\" followed by hex digits, found %.*s", clip(n), n->str);
	return NULL;
}

static int feature_entry(md_model *m, const md_node *k, const md_node *v,
			 struct mdevdesc_feature *f)
{
	const md_node *c, *bits = NULL, *rule = NULL;
	struct extras x = { NULL, 0, 0 };
	int bad = 0;

	memset(f, 0, sizeof(*f));
	if (check_key(m, k) || check_entry_name(m, k))
		bad = 1;
	if (v->kind != MD_MAP) {
		ERR(m, MDEVDESC_E_TYPE, v, "R-FEATURE-FORM",
		    "expected a mapping { bits: \"0x...\", rule: superset|equal }, found %s", kind_name(v));
		return -1;
	}
	for (c = v->child; c; c = c->next->next) {
		size_t old = path_key(m, c->str, c->len);

		/* As in param_entry(): the feature's own keys pass check_key(). */
		if (key_is(c, "bits"))
			bits = c->next;
		else if (key_is(c, "rule"))
			rule = c->next;
		else if (check_key(m, c))
			bad = 1;
		else
			bad |= other_key(m, &x, c, "in this feature");
		path_pop(m, old);
	}
	f->name = dup(m, k->str, k->len);
	if (!bits || !rule) {
		ERR(m, MDEVDESC_E_MISSING_KEY, v, "R-FEATURE-FORM", "required key '%s' is missing",
		    bits ? "rule" : "bits");
		bad = 1;
	}
	if (bits) {
		size_t old = path_key(m, "bits", 4);
		f->bits = bitmap(m, bits);
		if (!f->bits)
			bad = 1;
		path_pop(m, old);
	}
	if (rule) {
		size_t old = path_key(m, "rule", 4);
		const char *r;

		/* The two known rules are matched in place; only another is kept. */
		if (!is_string(m, rule, "superset or equal"))
			bad = 1;
		else if (key_is(rule, "superset"))
			f->rule = MDEVDESC_RULE_SUPERSET;
		else if (key_is(rule, "equal"))
			f->rule = MDEVDESC_RULE_EQUAL;
		else if (!(r = dup(m, rule->str, rule->len)))
			bad = 1;
		else if (m->newer) {
			WARN(m, MDEVDESC_W_UNKNOWN_ENUM, rule, "R-FORMAT-MINOR",
			     "rule '%s' is not defined by format 1.%u; kept, and a resolver answers undecidable",
			     r, (unsigned)MDEVDESC_FORMAT_MINOR);
			m->has_unknown = 1;
			f->rule = MDEVDESC_RULE_UNKNOWN;
			f->rule_name = r;
		} else {
			ERR(m, MDEVDESC_E_RULE, rule, "R-RULE",
			    "unknown rule '%s': expected superset or equal", r);
			bad = 1;
		}
		path_pop(m, old);
	}
	extras_sort(&x);
	f->extra = x.v;
	f->n_extra = x.n;
	return bad ? -1 : 0;
}

static int read_feature(md_model *m, const md_node *k, const md_node *v, void *out)
{
	return feature_entry(m, k, v, out);
}

/* ---- the document (spec 5) --------------------------------------------- */

static int vendor_registered(const char *v)
{
	size_t i;

	for (i = 0; i < sizeof(md_vendors) / sizeof(md_vendors[0]); i++)
		if (md_vendors[i][0] == v[0] && strcmp(md_vendors[i], v) == 0)
			return 1;
	return 0;
}

/* Read `mdevdesc: "MAJOR.MINOR"` (spec 5.1); -1 stops the document. */
static int format_version(md_model *m, const md_node *n, struct mdevdesc_descriptor *d)
{
	uint64_t part[2] = { 0, 0 };
	size_t i = 0;
	int k = 0;

	if (want_scalar(m, n, "the format version string \"1.0\"", NULL))
		return -1;
	if (n->style == MD_PLAIN) {
		/* Reported, then read anyway so the rest can be checked. */
		check_plain_string(m, n);
	}
	for (;;) {
		if (i >= n->len || n->str[i] < '0' || n->str[i] > '9' ||
		    (n->str[i] == '0' && i + 1 < n->len && n->str[i + 1] != '.'))
			goto bad;
		while (i < n->len && n->str[i] >= '0' && n->str[i] <= '9') {
			part[k] = part[k] * 10 + (uint64_t)(n->str[i] - '0');
			if (part[k] > UINT32_MAX)
				goto bad; /* no format version is that large */
			i++;
		}
		k++;
		if (i == n->len)
			break;
		if (k == 2 || n->str[i] != '.')
			goto bad;
		i++;
	}
	if (k != 2)
		goto bad;
	d->format_major = (uint32_t)part[0];
	d->format_minor = (uint32_t)part[1];
	if (d->format_major != MDEVDESC_FORMAT_MAJOR) {
		ERR(m, MDEVDESC_E_FORMAT_MAJOR, n, "R-FORMAT-MAJOR",
		    "format version %u.%u is not readable: this parser reads format %u.%u (major %u only)",
		    (unsigned)d->format_major, (unsigned)d->format_minor, (unsigned)MDEVDESC_FORMAT_MAJOR,
		    (unsigned)MDEVDESC_FORMAT_MINOR, (unsigned)MDEVDESC_FORMAT_MAJOR);
		return -1;
	}
	m->minor = d->format_minor;
	m->newer = d->format_minor > MDEVDESC_FORMAT_MINOR;
	return 0;
bad:
	ERR(m, MDEVDESC_E_FORMAT_VERSION, n, "R-FORMAT-VERSION",
	    "expected the format version as \"MAJOR.MINOR\" (e.g. \"1.0\"), found %.*s", clip(n), n->str);
	d->format_major = MDEVDESC_FORMAT_MAJOR;
	d->format_minor = MDEVDESC_FORMAT_MINOR;
	return 0;
}

/* ---- parents (spec 5.9, R-INFO-PARENTS) ------------------------------ */

/* Whether @s[0..n) is made of bytes of @set, @first among its first byte's. */
static int all_of(const char *s, size_t n, const char *first, const char *set)
{
	size_t i;

	if (n == 0 || !strchr(first, s[0]) || s[0] == '\0')
		return 0;
	for (i = 1; i < n; i++)
		if (s[i] == '\0' || !strchr(set, s[i]))
			return 0;
	return 1;
}

#define NAME_FIRST "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_"
enum md_parent_kind md_parent_entry(const char *s, size_t n, const char **arg, size_t *arg_n)
{
	enum md_parent_kind k = MD_PARENT_INVALID;
	size_t skip = 0;

	if (n > 4 && memcmp(s, "pci:", 4) == 0 && n == 13 && s[8] == ':' &&
	    all_of(s + 4, 4, "0123456789abcdef", "0123456789abcdef") &&
	    all_of(s + 9, 4, "0123456789abcdef", "0123456789abcdef"))
		k = MD_PARENT_PCI, skip = 4;
	else if (n > 7 && memcmp(s, "driver:", 7) == 0 &&
		 all_of(s + 7, n - 7, NAME_FIRST, NAME_FIRST ".-"))
		k = MD_PARENT_DRIVER, skip = 7;
	else if (n > 7 && memcmp(s, "device:", 7) == 0 &&
		 all_of(s + 7, n - 7, NAME_FIRST, NAME_FIRST ".:-"))
		k = MD_PARENT_DEVICE, skip = 7;
	if (arg) {
		*arg = s + skip;
		*arg_n = k == MD_PARENT_INVALID ? 0 : n - skip;
	}
	return k;
}
#undef NAME_FIRST

/* `parents`: one match entry or a non-empty list of them, in order. */
static const char *const *parents_list(md_model *m, const md_node *n, size_t *count)
{
	size_t cnt, i = 0;
	const md_node *it = items_of(m, n, &cnt);
	const char **v;
	int bad = 0;

	*count = 0;
	if (!it)
		return NULL;
	v = alloc(m, cnt * sizeof(*v));
	if (!v)
		return NULL;
	for (; it && i < cnt; it = n->kind == MD_SEQ ? it->next : NULL, i++) {
		size_t old = n->kind == MD_SEQ ? path_index(m, i) : m->nseg;

		v[i] = get_string(m, it, "a parent match entry");
		if (!v[i])
			bad = 1;
		else if (md_parent_entry(v[i], it->len, NULL, NULL) == MD_PARENT_INVALID) {
			ERR(m, MDEVDESC_E_NAME, it, "R-INFO-PARENTS",
			    "parent entry '%.*s' must be pci:VVVV:DDDD (lower-case hex), "
			    "driver:NAME or device:NAME", clip(it), it->str);
			bad = 1;
		}
		path_pop(m, old);
	}
	if (bad)
		return NULL;
	*count = cnt;
	return v;
}

enum { K_MDEVDESC, K_VENDOR, K_TYPE, K_DEVICE_API, K_VERSION, K_ACCEPTS, K_CREATES, K_HW,
       K_FEATURES, K_PARAMS, K_MDEV_TYPE, K_PARENTS, K_DRIVER, K_DESCRIPTION, K_COUNT };

#define KEY(s) { s, sizeof(s) - 1 }
static const struct {
	const char *s;
	size_t n;
} top_keys[K_COUNT] = {
	KEY("mdevdesc"), KEY("vendor"),   KEY("type"),     KEY("device_api"), KEY("version"),
	KEY("accepts"),  KEY("creates"),  KEY("hw"),       KEY("features"),   KEY("params"),
	KEY("mdev_type"), KEY("parents"), KEY("driver"),  KEY("description"),
};
#undef KEY

/*
 * The K_ index of top-level key @k, K_COUNT for any other.  One switch on
 * the length, then comparisons of a known size that the compiler inlines.
 */
static int top_key(const md_node *k)
{
	switch (k->len) {
	case 2:
		return key_is(k, "hw") ? K_HW : K_COUNT;
	case 4:
		return key_is(k, "type") ? K_TYPE : K_COUNT;
	case 6:
		return key_is(k, "vendor") ? K_VENDOR : key_is(k, "params") ? K_PARAMS
		       : key_is(k, "driver") ? K_DRIVER : K_COUNT;
	case 7:
		return key_is(k, "version") ? K_VERSION : key_is(k, "accepts") ? K_ACCEPTS
		       : key_is(k, "creates") ? K_CREATES : key_is(k, "parents") ? K_PARENTS
		       : K_COUNT;
	case 8:
		return key_is(k, "mdevdesc") ? K_MDEVDESC : key_is(k, "features") ? K_FEATURES : K_COUNT;
	case 9:
		return key_is(k, "mdev_type") ? K_MDEV_TYPE : K_COUNT;
	case 10:
		return key_is(k, "device_api") ? K_DEVICE_API : K_COUNT;
	case 11:
		return key_is(k, "description") ? K_DESCRIPTION : K_COUNT;
	default:
		return K_COUNT;
	}
}

struct mdevdesc_doc *md_model_build(const md_syntax_doc *doc, md_arena *arena, md_diags *diags,
				    const mdevdesc_limits *lim, unsigned flags)
{
	md_model mm, *m = &mm;
	struct mdevdesc_doc *out;
	struct mdevdesc_descriptor *d;
	const md_node *root = doc->root, *key[K_COUNT], *c;
	struct extras x = { NULL, 0, 0 };
	size_t errors0 = diags->errors, pos;
	unsigned char idx[32]; /* top_key() of the first keys, for the second pass */
	int i;

	memset(m, 0, sizeof(*m));
	m->arena = arena;
	m->diags = diags;
	m->lim = lim;
	m->flags = flags;
	{
		/* Every segment a key within the limit plus an index or a dot. */
		uint32_t depth = lim->max_depth < MD_DEPTH_CEILING ? lim->max_depth : MD_DEPTH_CEILING;
		m->segcap = (size_t)depth + 2;
		m->path.size = m->segcap * ((size_t)lim->max_key_length + 24);
		m->seg = md_alloc(arena, m->segcap * sizeof(*m->seg) + m->path.size);
		if (!m->seg) {
			diags->nomem = 1;
			return NULL;
		}
		m->path.b = (char *)(m->seg + m->segcap);
	}
	out = alloc(m, sizeof(*out));
	if (!out)
		return NULL;
	memset(out, 0, sizeof(*out));
	d = &out->d;
	out->line = doc->line;

	if (is_empty_plain(root)) {
		ERR(m, MDEVDESC_E_EMPTY_DOCUMENT, root, "R-DOC-ROOT",
		    "empty document: a descriptor is a mapping that starts with mdevdesc: \"1.0\"");
		return NULL;
	}
	if (root->kind != MD_MAP) {
		ERR(m, MDEVDESC_E_TYPE, root, "R-DOC-ROOT",
		    "a descriptor is a mapping of keys, found %s at the document root", kind_name(root));
		return NULL;
	}
	memset(key, 0, sizeof(key));
	for (c = root->child, pos = 0; c; c = c->next->next, pos++) {
		i = top_key(c);
		if (pos < sizeof(idx))
			idx[pos] = (unsigned char)i;
		if (i < K_COUNT)
			key[i] = c;
	}
	/* The format version decides how unknown keys are treated (spec 7). */
	if (key[K_MDEVDESC]) {
		size_t old = path_key(m, "mdevdesc", 8);
		int stop = format_version(m, key[K_MDEVDESC]->next, d);
		path_pop(m, old);
		if (stop)
			return NULL;
	} else {
		d->format_major = MDEVDESC_FORMAT_MAJOR;
		d->format_minor = MDEVDESC_FORMAT_MINOR;
	}
	for (i = 0; i <= K_VERSION; i++) {
		if (!key[i])
			ERR(m, MDEVDESC_E_MISSING_KEY, root, "R-KEY-REQUIRED",
			    "required key '%s' is missing", top_keys[i].s);
	}
	for (c = root->child, pos = 0; c; c = c->next->next, pos++) {
		const md_node *v = c->next;
		size_t old = path_key(m, c->str, c->len);

		/* The top-level keys pass check_key(); any other is checked. */
		i = pos < sizeof(idx) ? idx[pos] : top_key(c);
		if (i == K_COUNT && check_key(m, c))
			i = K_MDEVDESC; /* reported; nothing more to check here */
		switch (i) {
		case K_MDEVDESC:
			break;
		case K_VENDOR:
			d->vendor = get_string(m, v, "a vendor name");
			if (!d->vendor)
				break;
			if (!match_name(d->vendor, v->len, C_LOWER | C_DIGIT, C_LOWER | C_DIGIT | C_HYPHEN))
				ERR(m, MDEVDESC_E_NAME, v, "R-VENDOR-NAME",
				    "vendor '%.*s' must match [a-z0-9][a-z0-9-]*", clip(v), v->str);
			else if (!(flags & MDEVDESC_ALLOW_UNKNOWN_VENDOR) && !vendor_registered(d->vendor))
				ERR(m, MDEVDESC_E_VENDOR_UNREGISTERED, v, "R-VENDOR-REGISTERED",
				    "vendor '%s' is not in the registry (spec/vendors.yaml); register it, "
				    "or allow private namespaces (--allow-unknown-vendor)", d->vendor);
			break;
		case K_TYPE:
			d->type = get_string(m, v, "a type name");
			if (d->type && !match_name(d->type, v->len, C_LOWER | C_DIGIT,
						      C_LOWER | C_DIGIT | C_DOT | C_UNDER | C_HYPHEN))
				ERR(m, MDEVDESC_E_NAME, v, "R-TYPE-NAME",
				    "type '%.*s' must match [a-z0-9][a-z0-9._-]*", clip(v), v->str);
			break;
		case K_DEVICE_API: {
			d->device_api = get_string(m, v, "a device API name");
			if (!d->device_api)
				break;
			if (md_device_api_known(d->device_api))
				break;
			if (m->newer) {
				WARN(m, MDEVDESC_W_UNKNOWN_ENUM, v, "R-FORMAT-MINOR",
				     "device_api '%s' is not defined by format 1.%u; kept, and a resolver answers undecidable",
				     d->device_api, (unsigned)MDEVDESC_FORMAT_MINOR);
				m->has_unknown = 1;
			} else {
				ERR(m, MDEVDESC_E_DEVICE_API, v, "R-DEVICE-API",
				    "unknown device_api '%s': expected vfio-pci, vfio-platform, vfio-amba, "
				    "vfio-ccw, vfio-ap, vfio-fsl-mc or vfio-cdx", d->device_api);
			}
			break;
		}
		case K_VERSION:
			version_scalar(m, v, 3, &d->version, "R-VERSION-SYNTAX");
			break;
		case K_ACCEPTS:
			d->accepts = version_list(m, v, 1, &d->n_accepts);
			break;
		case K_CREATES:
			d->creates = version_list(m, v, 0, &d->n_creates);
			break;
		case K_HW:
			d->hw = entry_map(m, v, sizeof(*d->hw), read_param, "entries", &d->n_hw);
			break;
		case K_FEATURES:
			d->features = entry_map(m, v, sizeof(*d->features), read_feature, "features",
					      &d->n_features);
			break;
		case K_PARAMS:
			d->params = entry_map(m, v, sizeof(*d->params), read_param, "entries", &d->n_params);
			break;
		case K_MDEV_TYPE:
			d->mdev_type = get_string(m, v, "a sysfs mdev type id");
			break;
		case K_PARENTS:
			d->parents = parents_list(m, v, &d->n_parents);
			break;
		case K_DRIVER:
			d->driver = get_string(m, v, "a driver name");
			break;
		case K_DESCRIPTION:
			d->description = get_string(m, v, "a description");
			break;
		default:
			other_key(m, &x, c, "at the top level");
			break;
		}
		path_pop(m, old);
	}
	/* spec 5.5: a device cannot create versions newer than its own [R-CREATES-NOT-NEWER]. */
	if (d->creates && key[K_VERSION] && diags->errors == errors0) {
		const md_node *list = key[K_CREATES]->next, *it = list->kind == MD_SEQ ? list->child : list;
		size_t j;

		for (j = 0; j < d->n_creates; j++, it = it ? it->next : NULL) {
			const struct mdevdesc_version *cv = &d->creates[j].low;
			/* A two-part entry compares as MAJOR.MINOR.0. */
			if (md_version_cmp(cv, 0, &d->version, 0) > 0) {
				size_t old = path_key(m, "creates", 7);
				size_t o2 = list->kind == MD_SEQ ? path_index(m, j) : m->nseg;
				ERR(m, MDEVDESC_E_CREATES_NEWER, it ? it : list, "R-CREATES-NOT-NEWER",
				    "creates %.*s, newer than version %u.%u.%u",
				    it ? clip(it) : 0, it ? it->str : "", (unsigned)d->version.major,
				    (unsigned)d->version.minor, (unsigned)d->version.patch);
				path_pop(m, o2);
				path_pop(m, old);
			}
		}
	}
	extras_sort(&x);
	d->extra = x.v;
	d->n_extra = x.n;
	out->has_unknown = m->has_unknown;
	if (diags->nomem || diags->errors != errors0)
		return NULL;
	return out;
}
