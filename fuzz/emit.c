/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/*
 * emit.c - fuzz target `emit`: mdevdesc_emit() on a struct mdevdesc_descriptor
 * filled from the fuzz bytes.
 *
 * The bytes drive a generator (gen_*) that fills every field: strings of
 * the name patterns, words of the quoting table and the grammar, chosen
 * code points or raw bytes; integers small, large and extreme; versions;
 * every value kind, also out-of-range ones; extension nodes of every kind,
 * nested up to past the emitter's depth bound; counts bounded; arrays sorted
 * by name, or not.  Properties, in three tiers:
 *
 * 1. Any descriptor.  mdevdesc_emit() returns -1 exactly when the emitter
 *    must refuse the descriptor (expect_refusal(): a value, node or rule kind
 *    out of range, an absent accepts item, an array NULL with a count, nodes
 *    deeper than 64), and then writes nothing but a NUL at buf[0].
 *    Otherwise it keeps the snprintf contract (fuzz_emit(): exact-size,
 *    too-small, zero-size and larger buffers, each allocated at its size),
 *    and the text starts with `mdevdesc: "`, ends with a line feed and holds
 *    only printable characters of spec 4.1 in well-formed UTF-8 (whatever
 *    bytes the strings held: the emitter escapes or replaces them).
 * 2. Syntax-clean descriptors (syntax_clean()): every key and entry name is
 *    well-formed UTF-8 and no mapping the emitter writes gets a key twice.
 *    Then the text is valid at the syntax layer: it parses with
 *    MDEVDESC_SYNTAX_ONLY (limits raised: depth to the ceiling, lengths,
 *    sizes and entries out of reach) as one document.
 * 3. Well-formed descriptors (wellformed(), rules below).  Then the text
 *    parses, with MDEVDESC_ALLOW_UNKNOWN_VENDOR and the default limits, as
 *    one valid document whose model as JSON (cli_json_model) equals the
 *    descriptor's with its bitmaps in canonical form, and whose canonical
 *    text is the same bytes.
 *
 * Well-formedness (what spec 4.4 to 8 require of a model, so that a valid
 * descriptor is exactly one the parser could have returned):
 * - format 1.MINOR; MINOR 0 is this library's own minor, a larger one a
 *   newer minor, which allows unknown keys and enum values (spec 7);
 * - strings: well-formed UTF-8 without U+0000-U+001F and U+007F (R-TYPE-
 *   STRING), at most 2048 bytes (the emitter at most doubles a string's
 *   length by escaping, within max_scalar_length 4096); keys and names at
 *   most 64 bytes (max_key_length 128);
 * - vendor [a-z0-9][a-z0-9-]*, type [a-z0-9][a-z0-9._-]*, entry and feature
 *   names [a-z][a-z0-9_]*; device_api one of spec 5.4, or any string in a
 *   newer minor;
 * - version MAJOR.MINOR.PATCH; accepts entries two- or three-part, ranges
 *   not reversed; creates entries no range and not newer than version;
 *   every component <= 65535;
 * - hw and params entries sorted by name, no name twice; value an integer
 *   or a string; accepts items integers, strings or ranges LOW <= HIGH;
 *   value and default accepted by accepts, or default equal to value
 *   without accepts (R-PARAM-SELF);
 * - features sorted, no name twice; bits "0x" (or "0X") and hex digits, at
 *   most 4096 bits once leading zeros are gone; rule superset or equal, or
 *   a rule name (any string in a newer minor, superset/equal otherwise);
 * - extension entries sorted by key, no key twice, none equal to a key the
 *   mapping defines, each `x-...` unless the minor is newer; values of any
 *   node kind: plain text not matching rows 1, 11 or 12 of the quoting
 *   table (R-QUOTE-NULL; such a plain scalar is invalid wherever the
 *   emitter writes it plain), strings, and collections with distinct keys
 *   nested within max_depth 16 (the root is depth 1, a top-level extension
 *   value 2, an entry's extension value 4);
 * - counts within max_entries.
 */
#include "driver.h"
#include "fuzz_util.h"

/* ---- allocation pool: everything the generator makes, freed at once ---- */

struct pool {
	void **v;
	size_t n, cap;
};

static void *palloc(struct pool *pl, size_t size)
{
	void *p = calloc(1, size ? size : 1);

	if (!p)
		abort();
	if (pl->n == pl->cap) {
		size_t cap = pl->cap ? pl->cap * 2 : 64;
		void **v = realloc(pl->v, cap * sizeof(*v));
		if (!v)
			abort();
		pl->v = v;
		pl->cap = cap;
	}
	pl->v[pl->n++] = p;
	return p;
}

static void pool_free(struct pool *pl)
{
	size_t i;

	for (i = 0; i < pl->n; i++)
		free(pl->v[i]);
	free(pl->v);
}

/* ---- the byte source ------------------------------------------------------ */

/*
 * The generator reads its choices from the input, one byte each (zeros past
 * the end).  The first byte picks a temper: tame (7 inputs in 8), where each
 * choice that makes the descriptor ill-formed is rare (rare(): 1 in 16), so
 * that well-formed descriptors are common, or wild, where it is even.
 */
struct src {
	const uint8_t *p;
	size_t n;
	struct pool *pool;
	size_t budget; /* nodes and entries left */
	int wild;
};

static unsigned take(struct src *s)
{
	if (!s->n)
		return 0;
	s->n--;
	return *s->p++;
}

static uint64_t take_bytes(struct src *s, int k)
{
	uint64_t v = 0;
	int i;

	for (i = 0; i < k; i++)
		v = v << 8 | take(s);
	return v;
}

/* A choice that breaks well-formedness: 1 in 16 when tame, 1 in 2 when wild. */
static int rare(struct src *s)
{
	unsigned c = take(s);

	return s->wild ? (int)(c & 1) : c >= 0xF0;
}

/* ---- strings ------------------------------------------------------------ */

enum str_class { S_ANY, S_VENDOR, S_TYPE, S_NAME, S_EXTKEY, S_DEVAPI, S_RULE };

static const char *const words[] = {
	"", "x-", "x-a", "..", "a..b", "0..5", "-1..1", "-", "--", "---", "...", "--- x", "#", "a #b",
	"a#b", ": ", "a: b", "a:b", "a:", ":a", "?", "?a", "? a", "- a", "-a", " a", "a ", "a  b",
	",", "a,b", "[a", "a]", "{a}", "&a", "*a", "!a", "|", ">", "%a", "@a", "`a", "'a'", "\"a\"",
	"a\"b", "a'b", "a\\b", "null", "Null", "NULL", "~", "true", "False", "yes", "No", "on", "OFF",
	"y", "n", "0", "-0", "01", "1_000", "0x1f", "0X1F", "0o17", "0b1", "1.0", "1.10", ".5", "1e3",
	"1:20", "1:20.5", ".inf", "-.Inf", ".nan", "2001-12-14", "2001-12-14 21:59", "<<", "=",
	"superset", "equal", "vfio-pci", "vfio-ap", "value", "accepts", "default", "bits", "rule",
	"mdevdesc", "vendor", "type", "device_api", "version", "hw", "features", "params",
	"mdev_type", "driver", "description", "\xc3\xa9", "\xc2\x85", "\xc2\xa0", "\xe2\x80\xa8",
	"\xef\xbb\xbf", "\xef\xbf\xbe", "\xf0\x9f\x98\x80", "\xc0\xaf", "\xed\xa0\x80", "\xff",
	"a\tb", "a\nb", "\x01", "\x7f", "9223372036854775807", "-9223372036854775808",
	"9223372036854775808",
};

/* Code points (as UTF-8) and bytes the emitter treats specially. */
static const char *const chars[] = {
	"a", "z", "0", "9", "_", "-", ".", " ", ":", "#", ",", "[", "]", "{", "}", "?", "!", "&",
	"*", "|", ">", "'", "\"", "\\", "%", "@", "`", "~", "=", "<", "x", "\t", "\n", "\r", "\x01",
	"\x1b", "\x7f", "\xc2\x80", "\xc2\x85", "\xc2\x9f", "\xc2\xa0", "\xc3\xa9", "\xe2\x80\xa8",
	"\xe2\x80\xa9", "\xef\xbb\xbf", "\xef\xbf\xbd", "\xef\xbf\xbe", "\xef\xbf\xbf", "\xee\x80\x80",
	"\xf0\x9f\x98\x80", "\xf4\x8f\xbf\xbf",
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static char *str_from(struct src *s, const char *text, size_t n)
{
	char *p = palloc(s->pool, n + 1);

	memcpy(p, text, n);
	p[n] = '\0';
	return p;
}

/* @prefix then 1 to 12 characters, the first from @first (when no prefix), the others from @rest. */
static char *gen_pattern(struct src *s, const char *prefix, const char *first, const char *rest)
{
	char buf[80];
	size_t n = strlen(prefix), len = 1 + take(s) % 12, i;

	memcpy(buf, prefix, n);
	for (i = 0; i < len; i++) {
		const char *set = i == 0 && n == 0 ? first : rest;
		buf[n++] = set[take(s) % strlen(set)];
	}
	return str_from(s, buf, n);
}

/* A string of class @cls: its pattern, unless rare(); S_ANY strings are of every kind. */
static char *gen_str(struct src *s, enum str_class cls)
{
	unsigned mode;
	char buf[256];
	size_t n = 0, len, i;

	if (cls != S_ANY && !rare(s)) {
		switch (cls) {
		case S_VENDOR:
			return gen_pattern(s, "", FUZZ_LOWER FUZZ_DIGIT, FUZZ_LOWER FUZZ_DIGIT "-");
		case S_TYPE:
			return gen_pattern(s, "", FUZZ_LOWER FUZZ_DIGIT, FUZZ_LOWER FUZZ_DIGIT "._-");
		case S_NAME:
			return gen_pattern(s, "", FUZZ_LOWER, FUZZ_LOWER FUZZ_DIGIT "_");
		case S_EXTKEY:
			return gen_pattern(s, "x-", "", FUZZ_LOWER FUZZ_DIGIT "-_.");
		case S_DEVAPI: {
			const char *api = fuzz_device_apis[take(s) % NELEM(fuzz_device_apis)];
			return str_from(s, api, strlen(api));
		}
		default: /* S_RULE */
			return take(s) & 1 ? str_from(s, "superset", 8) : str_from(s, "equal", 5);
		}
	}
	mode = take(s);
	switch (mode % 5) {
	case 0:
		return gen_pattern(s, "", FUZZ_LOWER, FUZZ_LOWER FUZZ_DIGIT " .-_:/");
	case 1: {
		const char *w = words[take(s) % NELEM(words)];
		return str_from(s, w, strlen(w));
	}
	case 2:
		/* Characters the emitter treats specially. */
		len = 1 + take(s) % 10;
		for (i = 0; i < len; i++) {
			const char *c = chars[take(s) % NELEM(chars)];
			size_t k = strlen(c);
			memcpy(buf + n, c, k);
			n += k;
		}
		return str_from(s, buf, n);
	case 3:
		/* Raw bytes (a NUL ends the string early, as in C). */
		len = take(s) % 16;
		for (i = 0; i < len; i++)
			buf[n++] = (char)take(s);
		return str_from(s, buf, n);
	default: {
		/* A pattern string with a word or a character appended. */
		const char *w = mode & 8 ? words[take(s) % NELEM(words)] : chars[take(s) % NELEM(chars)];
		char *p = gen_pattern(s, cls == S_EXTKEY ? "x-" : "", FUZZ_LOWER, FUZZ_LOWER FUZZ_DIGIT "_");
		n = strlen(p);
		memcpy(buf, p, n);
		memcpy(buf + n, w, strlen(w));
		n += strlen(w);
		return str_from(s, buf, n);
	}
	}
}

/* ---- numbers, versions, values ------------------------------------------ */

static int64_t gen_int(struct src *s)
{
	static const int64_t extremes[] = { 0, 1, -1, 9, 10, 255, 65535, 65536, INT64_MAX, INT64_MIN,
					    INT64_MIN + 1, INT64_MAX - 1, 4294967296 };
	unsigned mode = take(s);

	switch (mode % 4) {
	case 0:
	case 1:
		return (int64_t)(take(s) % 16) - 4;
	case 2:
		return extremes[take(s) % NELEM(extremes)];
	default:
		return (int64_t)take_bytes(s, 8);
	}
}

/* A version component: small, or rare(): near or above the 65535 limit, or any. */
static uint32_t gen_component(struct src *s)
{
	unsigned mode = take(s);

	if (!rare(s))
		return mode % 4 == 3 ? mode % 64 : mode % 4;
	switch (mode % 3) {
	case 0:
		return 65535u - 3u + take(s) % 8;
	case 1:
		return (uint32_t)take_bytes(s, 2);
	default:
		return (uint32_t)take_bytes(s, 4);
	}
}

static struct mdevdesc_version gen_version(struct src *s, int need_patch)
{
	struct mdevdesc_version v;

	v.major = gen_component(s);
	v.minor = gen_component(s);
	v.patch = gen_component(s);
	v.has_patch = need_patch ? !rare(s) : (int)(take(s) & 1);
	if (!v.has_patch)
		v.patch = 0;
	return v;
}

/* An accepts (@ranges) or creates entry; ranges are in order unless rare(). */
static struct mdevdesc_version_entry gen_entry(struct src *s, int ranges)
{
	struct mdevdesc_version_entry e;

	memset(&e, 0, sizeof(e));
	e.low = gen_version(s, 0);
	if (ranges && take(s) % 3 == 0) {
		e.is_range = 1;
		e.high = gen_version(s, 0);
		if (!rare(s) && fuzz_version_cmp(&e.low, 0, &e.high, 1) > 0) {
			struct mdevdesc_version t = e.low;
			e.low = e.high;
			e.high = t;
		}
	}
	return e;
}

/* A value: an integer or a string; rare(): a range, none, or a kind out of range. */
static struct mdevdesc_value gen_value(struct src *s, int item)
{
	struct mdevdesc_value v;
	unsigned k = take(s);

	memset(&v, 0, sizeof(v));
	if (item && k % 8 == 0) {
		v.kind = MDEVDESC_VALUE_RANGE;
		v.i = gen_int(s);
		k = take(s) % 8;
		v.hi = take(s) % 4 ? (v.i > INT64_MAX - 8 ? INT64_MAX : v.i + (int64_t)k) : gen_int(s);
		if (v.hi < v.i && !rare(s))
			v.hi = v.i;
	} else if (rare(s)) {
		switch (k % 3) {
		case 0:
			v.kind = MDEVDESC_VALUE_RANGE;
			v.i = gen_int(s);
			v.hi = gen_int(s);
			break;
		case 1:
			v.kind = MDEVDESC_VALUE_NONE;
			break;
		default:
			v.kind = (enum mdevdesc_value_kind)(take(s) % 8); /* also out of range */
			v.i = gen_int(s);
			v.s = v.kind == MDEVDESC_VALUE_STR ? gen_str(s, S_ANY) : NULL;
			break;
		}
	} else if (k & 1) {
		v.kind = MDEVDESC_VALUE_INT;
		v.i = gen_int(s);
	} else {
		v.kind = MDEVDESC_VALUE_STR;
		v.s = gen_str(s, S_ANY);
	}
	return v;
}

/* ---- extension nodes -------------------------------------------------- */

static void gen_node(struct src *s, struct mdevdesc_node *x, unsigned depth, int deep)
{
	unsigned k = take(s);
	size_t n, i;

	memset(x, 0, sizeof(*x));
	if (deep && depth < 70) {
		/* A chain of one-item sequences and mappings, past the emitter's bound. */
		struct mdevdesc_node *item = palloc(s->pool, sizeof(*item));
		x->kind = k & 1 ? MDEVDESC_NODE_MAP : MDEVDESC_NODE_SEQ;
		x->items = item;
		x->n_items = 1;
		gen_node(s, item, depth + 1, take(s) % 64 != 0);
		if (x->kind == MDEVDESC_NODE_MAP)
			item->key = gen_str(s, S_ANY);
		return;
	}
	if (rare(s) && rare(s)) {
		x->kind = (enum mdevdesc_node_kind)(take(s) % 8); /* also out of range */
		x->s = gen_str(s, S_ANY);
		return;
	}
	switch (k % 7) {
	case 0: case 1:
		x->kind = MDEVDESC_NODE_PLAIN;
		x->s = rare(s) && rare(s) ? NULL : gen_str(s, S_ANY);
		return;
	case 2: case 3:
		x->kind = MDEVDESC_NODE_STRING;
		x->s = rare(s) && rare(s) ? NULL : gen_str(s, S_ANY);
		return;
	case 4: case 5:
		x->kind = MDEVDESC_NODE_SEQ;
		break;
	default:
		x->kind = MDEVDESC_NODE_MAP;
		break;
	}
	n = take(s) % 4;
	if (n > s->budget)
		n = s->budget;
	s->budget -= n;
	if (!n)
		return;
	{
		struct mdevdesc_node *items = palloc(s->pool, n * sizeof(*items));
		for (i = 0; i < n; i++) {
			gen_node(s, &items[i], depth + 1, 0);
			if (x->kind == MDEVDESC_NODE_MAP)
				items[i].key = rare(s) ? gen_str(s, S_ANY) : gen_str(s, S_NAME);
		}
		x->items = items;
		x->n_items = n;
	}
}

static int cmp_node_key(const void *a, const void *b)
{
	const char *x = ((const struct mdevdesc_node *)a)->key, *y = ((const struct mdevdesc_node *)b)->key;

	return strcmp(x ? x : "", y ? y : "");
}

/* Extension entries (keys `x-...`, or rare(): any key), sorted when @sorted. */
static void gen_extras(struct src *s, const struct mdevdesc_node **out, size_t *count, int sorted)
{
	size_t n = take(s) % 4, i;
	struct mdevdesc_node *x;

	if (take(s) % 2 || n > s->budget)
		n = 0;
	s->budget -= n;
	*out = NULL;
	*count = 0;
	if (!n)
		return;
	x = palloc(s->pool, n * sizeof(*x));
	for (i = 0; i < n; i++) {
		gen_node(s, &x[i], 1, rare(s) && rare(s));
		x[i].key = rare(s) ? gen_str(s, S_ANY) : gen_str(s, S_EXTKEY);
	}
	if (sorted)
		qsort(x, n, sizeof(*x), cmp_node_key);
	*out = x;
	*count = n;
}

/* ---- hw, params, features ------------------------------------------------ */

static void gen_param(struct src *s, struct mdevdesc_param *p, int sorted)
{
	unsigned mode = take(s);
	size_t n, i;

	p->name = gen_str(s, S_NAME);
	p->value = gen_value(s, 0);
	if (mode & 1) {
		struct mdevdesc_value *acc;
		n = 1 + take(s) % 4;
		acc = palloc(s->pool, n * sizeof(*acc));
		for (i = 0; i < n; i++)
			acc[i] = gen_value(s, 1);
		if (!rare(s)) {
			/* The entry accepts its value (R-PARAM-SELF), maybe through a range. */
			size_t at = take(s) % n;
			acc[at] = p->value;
			if (p->value.kind == MDEVDESC_VALUE_INT && take(s) % 2) {
				acc[at].kind = MDEVDESC_VALUE_RANGE;
				acc[at].i = p->value.i - (p->value.i > INT64_MIN + 3 ? (int64_t)(take(s) % 3) : 0);
				acc[at].hi = p->value.i + (p->value.i < INT64_MAX - 3 ? (int64_t)(take(s) % 3) : 0);
			}
		}
		p->accepts = acc;
		p->n_accepts = n;
	}
	if (mode & 2) {
		if (rare(s))
			p->def = gen_value(s, 0);
		else if (p->n_accepts && mode & 4)
			p->def = p->accepts[take(s) % p->n_accepts];
		else
			p->def = p->value;
		if (p->def.kind == MDEVDESC_VALUE_RANGE && !rare(s))
			p->def.kind = MDEVDESC_VALUE_INT;
	}
	gen_extras(s, &p->extra, &p->n_extra, sorted);
}

static int cmp_param(const void *a, const void *b)
{
	const char *x = ((const struct mdevdesc_param *)a)->name, *y = ((const struct mdevdesc_param *)b)->name;

	return strcmp(x ? x : "", y ? y : "");
}

static int cmp_feature(const void *a, const void *b)
{
	const char *x = ((const struct mdevdesc_feature *)a)->name;
	const char *y = ((const struct mdevdesc_feature *)b)->name;

	return strcmp(x ? x : "", y ? y : "");
}

static const struct mdevdesc_param *gen_params(struct src *s, size_t *count, int sorted)
{
	size_t n = take(s) % 5, i;
	struct mdevdesc_param *p;

	if (n > s->budget)
		n = s->budget;
	s->budget -= n;
	*count = n;
	if (!n)
		return NULL;
	p = palloc(s->pool, n * sizeof(*p));
	for (i = 0; i < n; i++)
		gen_param(s, &p[i], sorted);
	if (sorted)
		qsort(p, n, sizeof(*p), cmp_param);
	return p;
}

/* "0x" (or "0X") and hex digits, maybe with leading zeros or upper case; rare(): anything. */
static const char *gen_bits(struct src *s)
{
	static const char hex[] = "0123456789abcdefABCDEF";
	unsigned mode = take(s);
	size_t n, i, at = 2;
	char *b;

	if (rare(s))
		return mode & 1 ? gen_str(s, S_ANY) : mode & 2 ? NULL : "0x";
	n = mode % 16 == 0 ? 1020 + take(s) % 8 : 1 + take(s) % 24; /* near the 4096-bit limit */
	b = palloc(s->pool, n + 3);
	b[0] = '0';
	b[1] = mode & 16 ? 'X' : 'x';
	if (mode & 32)
		for (; at < 2 + n / 3; at++)
			b[at] = '0';
	for (i = at; i < n + 2; i++)
		b[i] = hex[take(s) % (mode & 64 ? 22 : 16)];
	b[n + 2] = '\0';
	return b;
}

static const struct mdevdesc_feature *gen_features(struct src *s, size_t *count, int sorted,
						   uint32_t minor)
{
	size_t n = take(s) % 5, i;
	struct mdevdesc_feature *f;

	if (n > s->budget)
		n = s->budget;
	s->budget -= n;
	*count = n;
	if (!n)
		return NULL;
	f = palloc(s->pool, n * sizeof(*f));
	for (i = 0; i < n; i++) {
		unsigned r = take(s);
		f[i].name = gen_str(s, S_NAME);
		f[i].bits = gen_bits(s);
		f[i].rule = r & 1 ? MDEVDESC_RULE_SUPERSET : MDEVDESC_RULE_EQUAL;
		if ((minor && r % 8 == 0) || rare(s)) {
			f[i].rule = MDEVDESC_RULE_UNKNOWN;
			f[i].rule_name = take(s) % 2 ? gen_str(s, S_RULE) : gen_str(s, S_ANY);
		}
		if (rare(s) && rare(s))
			f[i].rule = (enum mdevdesc_rule)(take(s) % 8); /* also out of range */
		gen_extras(s, &f[i].extra, &f[i].n_extra, sorted);
	}
	if (sorted)
		qsort(f, n, sizeof(*f), cmp_feature);
	return f;
}

/* ---- the descriptor --------------------------------------------------------- */

static void gen_descriptor(struct src *s, struct mdevdesc_descriptor *d)
{
	int sorted;
	struct mdevdesc_version_entry *e;
	size_t n, i;

	s->wild = take(s) % 8 == 7;
	sorted = !rare(s);
	memset(d, 0, sizeof(*d));
	d->format_major = rare(s) && rare(s) ? take(s) % 4 : 1;
	if (take(s) % 4 == 0)
		d->format_minor = rare(s) ? (uint32_t)take_bytes(s, 1 + (int)(take(s) % 4))
					  : 1 + take(s) % 12;
	d->vendor = rare(s) && rare(s) ? NULL : gen_str(s, S_VENDOR);
	d->type = rare(s) && rare(s) ? NULL : gen_str(s, S_TYPE);
	d->device_api = rare(s) && rare(s) ? NULL : gen_str(s, d->format_minor && take(s) & 1 ? S_ANY : S_DEVAPI);
	d->version = gen_version(s, 1);
	n = take(s) % 4;
	if (n) {
		e = palloc(s->pool, n * sizeof(*e));
		for (i = 0; i < n; i++)
			e[i] = gen_entry(s, 1);
		d->accepts = e;
		d->n_accepts = n;
	}
	n = take(s) % 3;
	if (n) {
		e = palloc(s->pool, n * sizeof(*e));
		for (i = 0; i < n; i++) {
			e[i] = gen_entry(s, rare(s));
			if (!rare(s) && fuzz_version_cmp(&e[i].low, 0, &d->version, 0) > 0) {
				/* not newer than version */
				e[i].low = d->version;
				e[i].low.has_patch = take(s) & 1;
				e[i].low.patch = e[i].low.has_patch ? d->version.patch : 0;
			}
		}
		d->creates = e;
		d->n_creates = n;
	}
	d->hw = gen_params(s, &d->n_hw, sorted);
	d->features = gen_features(s, &d->n_features, sorted, d->format_minor);
	d->params = gen_params(s, &d->n_params, sorted);
	d->mdev_type = take(s) % 2 ? gen_str(s, S_ANY) : NULL;
	d->driver = take(s) % 4 == 0 ? gen_str(s, S_ANY) : NULL;
	d->description = take(s) % 4 == 0 ? gen_str(s, S_ANY) : NULL;
	gen_extras(s, &d->extra, &d->n_extra, sorted);
	if (rare(s) && rare(s)) {
		/* An array NULL with a count: the emitter must refuse it. */
		switch (take(s) % 4) {
		case 0: d->accepts = NULL; d->n_accepts = 1; break;
		case 1: d->hw = NULL; d->n_hw = 2; break;
		case 2: d->features = NULL; d->n_features = 1; break;
		default: d->extra = NULL; d->n_extra = 1; break;
		}
	}
}

/* ---- tier 1: what the emitter must refuse (mdevdesc_emit.h, emit.c) ---- */

static int refuse_node(const struct mdevdesc_node *x, unsigned depth)
{
	size_t i;

	if (depth > 64)
		return 1;
	switch (x->kind) {
	case MDEVDESC_NODE_PLAIN:
	case MDEVDESC_NODE_STRING:
		return 0;
	case MDEVDESC_NODE_SEQ:
	case MDEVDESC_NODE_MAP:
		if (!x->items && x->n_items)
			return 1;
		for (i = 0; i < x->n_items; i++)
			if (refuse_node(&x->items[i], depth + 1))
				return 1;
		return 0;
	default:
		return 1;
	}
}

static int refuse_nodes(const struct mdevdesc_node *x, size_t n)
{
	size_t i;

	if (!x && n)
		return 1;
	for (i = 0; i < n; i++)
		if (refuse_node(&x[i], 1))
			return 1;
	return 0;
}

static int kind_ok(const struct mdevdesc_value *v, int none_ok)
{
	return v->kind == MDEVDESC_VALUE_INT || v->kind == MDEVDESC_VALUE_STR ||
	       v->kind == MDEVDESC_VALUE_RANGE || (none_ok && v->kind == MDEVDESC_VALUE_NONE);
}

static int refuse_params(const struct mdevdesc_param *p, size_t n)
{
	size_t i, j;

	if (!p && n)
		return 1;
	for (i = 0; i < n; i++) {
		if (!kind_ok(&p[i].value, 1) || !kind_ok(&p[i].def, 1) ||
		    (!p[i].accepts && p[i].n_accepts) || refuse_nodes(p[i].extra, p[i].n_extra))
			return 1;
		for (j = 0; j < p[i].n_accepts; j++)
			if (!kind_ok(&p[i].accepts[j], 0))
				return 1;
	}
	return 0;
}

static int expect_refusal(const struct mdevdesc_descriptor *d)
{
	size_t i;

	if ((!d->accepts && d->n_accepts) || (!d->creates && d->n_creates) ||
	    (!d->features && d->n_features) || refuse_params(d->hw, d->n_hw) ||
	    refuse_params(d->params, d->n_params) || refuse_nodes(d->extra, d->n_extra))
		return 1;
	for (i = 0; i < d->n_features; i++) {
		if (d->features[i].rule != MDEVDESC_RULE_UNKNOWN &&
		    d->features[i].rule != MDEVDESC_RULE_SUPERSET && d->features[i].rule != MDEVDESC_RULE_EQUAL)
			return 1;
		if (refuse_nodes(d->features[i].extra, d->features[i].n_extra))
			return 1;
	}
	return 0;
}

/* Tier 1: printable characters of spec 4.1 only, no bidi control (spec 12),
 * in well-formed UTF-8. */
static void check_text_chars(const char *t, size_t n)
{
	const unsigned char *p = (const unsigned char *)t;
	size_t i = 0;

	FUZZ_ASSERT(n >= 11 && memcmp(t, "mdevdesc: \"", 11) == 0, "text does not start with mdevdesc");
	FUZZ_ASSERT(t[n - 1] == '\n', "text does not end with a line feed");
	while (i < n) {
		uint32_t cp;
		size_t k = fuzz_utf8_seq(p + i, n - i, &cp);
		FUZZ_ASSERT(k, "ill-formed UTF-8 at offset %zu of the text\n%s", i, t);
		FUZZ_ASSERT(cp == '\n' || (cp >= 0x20 && cp != 0x7f && !(cp >= 0x80 && cp <= 0x9f) &&
					   cp != 0x2028 && cp != 0x2029 && cp != 0xfeff && cp != 0xfffe &&
					   cp != 0xffff && cp != 0x061c && cp != 0x200e && cp != 0x200f &&
					   !(cp >= 0x202a && cp <= 0x202e) &&
					   !(cp >= 0x2066 && cp <= 0x2069)),
			    "character U+%04X at offset %zu of the text\n%s", (unsigned)cp, i, t);
		i += k;
	}
}

/* ---- tier 2: syntax-clean --------------------------------------------------- */

static const char *key_text(const char *k)
{
	return k ? k : ""; /* the emitter writes a NULL key as "" */
}

static int utf8_key(const char *k)
{
	return fuzz_utf8_valid(key_text(k), strlen(key_text(k)));
}

/* No two of @n keys (and of the @own keys written before them) are equal. */
static int keys_distinct(const char *const *own, size_t n_own, const struct mdevdesc_node *x, size_t n)
{
	size_t i, j;

	for (i = 0; i < n; i++) {
		if (!utf8_key(x[i].key) || fuzz_in_list(key_text(x[i].key), own, n_own))
			return 0;
		for (j = 0; j < i; j++)
			if (strcmp(key_text(x[i].key), key_text(x[j].key)) == 0)
				return 0;
	}
	return 1;
}

static int clean_node(const struct mdevdesc_node *x)
{
	size_t i;

	if (x->kind == MDEVDESC_NODE_MAP && !keys_distinct(NULL, 0, x->items, x->n_items))
		return 0;
	for (i = 0; (x->kind == MDEVDESC_NODE_MAP || x->kind == MDEVDESC_NODE_SEQ) && i < x->n_items; i++)
		if (!clean_node(&x->items[i]))
			return 0;
	return 1;
}

static int clean_extras(const char *const *own, size_t n_own, const struct mdevdesc_node *x, size_t n)
{
	size_t i;

	if (!keys_distinct(own, n_own, x, n))
		return 0;
	for (i = 0; i < n; i++)
		if (!clean_node(&x[i]))
			return 0;
	return 1;
}

static int clean_params(const struct mdevdesc_param *p, size_t n)
{
	size_t i, j;

	for (i = 0; i < n; i++) {
		const char *own[3];
		size_t k = 0;
		if (!utf8_key(p[i].name))
			return 0;
		for (j = 0; j < i; j++)
			if (strcmp(key_text(p[i].name), key_text(p[j].name)) == 0)
				return 0;
		if (p[i].value.kind != MDEVDESC_VALUE_NONE)
			own[k++] = "value";
		if (p[i].n_accepts)
			own[k++] = "accepts";
		if (p[i].def.kind != MDEVDESC_VALUE_NONE)
			own[k++] = "default";
		if (!clean_extras(own, k, p[i].extra, p[i].n_extra))
			return 0;
	}
	return 1;
}

static int syntax_clean(const struct mdevdesc_descriptor *d)
{
	static const char *const feature_own[] = { "bits", "rule" };
	const char *own[16];
	size_t k = 0, i, j;

	own[k++] = "mdevdesc";
	own[k++] = "vendor";
	own[k++] = "type";
	own[k++] = "device_api";
	own[k++] = "version";
	if (d->n_accepts)
		own[k++] = "accepts";
	if (d->n_creates)
		own[k++] = "creates";
	if (d->n_hw)
		own[k++] = "hw";
	if (d->n_features)
		own[k++] = "features";
	if (d->n_params)
		own[k++] = "params";
	if (d->mdev_type)
		own[k++] = "mdev_type";
	if (d->driver)
		own[k++] = "driver";
	if (d->description)
		own[k++] = "description";
	if (!clean_extras(own, k, d->extra, d->n_extra) || !clean_params(d->hw, d->n_hw) ||
	    !clean_params(d->params, d->n_params))
		return 0;
	for (i = 0; i < d->n_features; i++) {
		if (!utf8_key(d->features[i].name))
			return 0;
		for (j = 0; j < i; j++)
			if (strcmp(key_text(d->features[i].name), key_text(d->features[j].name)) == 0)
				return 0;
		if (!clean_extras(feature_own, 2, d->features[i].extra, d->features[i].n_extra))
			return 0;
	}
	return 1;
}

/* ---- tier 3: well-formed (the rules at the top of this file) ------------- */

#define W_SCALAR_MAX 2048
#define W_KEY_MAX 64

static const char *why_not; /* the first rule a descriptor breaks, for debugging */

#define NOT_W(msg)             \
	do {                   \
		why_not = msg; \
		return 0;      \
	} while (0)

static int w_string(const char *s)
{
	return s && fuzz_string_ok(s) && strlen(s) <= W_SCALAR_MAX;
}

static int w_key(const char *s)
{
	return s && fuzz_string_ok(s) && strlen(s) <= W_KEY_MAX;
}

static int w_version(const struct mdevdesc_version *v)
{
	return v->major <= 65535 && v->minor <= 65535 && v->patch <= 65535;
}

static int w_node(const struct mdevdesc_node *x, uint32_t depth)
{
	size_t i, j;
	int row;

	switch (x->kind) {
	case MDEVDESC_NODE_PLAIN:
		if (!w_string(x->s))
			NOT_W("plain node text");
		row = mdevdesc_quote_class(x->s, strlen(x->s));
		if (row == 1 || row == 11 || row == 12)
			NOT_W("plain node matching rows 1, 11, 12");
		return 1;
	case MDEVDESC_NODE_STRING:
		if (x->s && !w_string(x->s))
			NOT_W("string node text");
		return 1;
	case MDEVDESC_NODE_SEQ:
	case MDEVDESC_NODE_MAP:
		if (depth > MDEVDESC_MAX_DEPTH)
			NOT_W("nodes nested too deep");
		if (x->n_items > MDEVDESC_MAX_ENTRIES || (x->n_items && !x->items))
			NOT_W("node items");
		for (i = 0; i < x->n_items; i++) {
			if (x->kind == MDEVDESC_NODE_MAP) {
				if (!w_key(x->items[i].key))
					NOT_W("node key");
				for (j = 0; j < i; j++)
					if (strcmp(x->items[i].key, x->items[j].key) == 0)
						NOT_W("node key twice");
			}
			if (!w_node(&x->items[i], depth + 1))
				return 0;
		}
		return 1;
	default:
		NOT_W("node kind");
	}
}

static int w_extras(const struct mdevdesc_node *x, size_t n, uint32_t depth, const char *const *own,
		    size_t n_own, uint32_t minor)
{
	size_t i;

	if (n && !x)
		NOT_W("extras NULL");
	if (n > MDEVDESC_MAX_ENTRIES)
		NOT_W("extras count");
	for (i = 0; i < n; i++) {
		if (!w_key(x[i].key))
			NOT_W("extra key");
		if (fuzz_in_list(x[i].key, own, n_own))
			NOT_W("extra key defined by the mapping");
		if (minor == MDEVDESC_FORMAT_MINOR && !fuzz_is_ext(x[i].key))
			NOT_W("unknown key in a document of this minor");
		if (i && strcmp(x[i - 1].key, x[i].key) >= 0)
			NOT_W("extras not sorted or key twice");
		if (!w_node(&x[i], depth))
			return 0;
	}
	return 1;
}

static int w_value(const struct mdevdesc_value *v)
{
	if (v->kind == MDEVDESC_VALUE_INT)
		return 1;
	return v->kind == MDEVDESC_VALUE_STR && w_string(v->s);
}

static int w_params(const struct mdevdesc_param *p, size_t n, uint32_t minor)
{
	static const char *const own[] = { "value", "accepts", "default" };
	size_t i, j;

	if (n && !p)
		NOT_W("entries NULL");
	if (n > MDEVDESC_MAX_ENTRIES)
		NOT_W("entries count");
	for (i = 0; i < n; i++) {
		const struct mdevdesc_param *e = &p[i];
		if (!e->name || !fuzz_entry_name_ok(e->name) || strlen(e->name) > W_KEY_MAX)
			NOT_W("entry name");
		if (i && strcmp(p[i - 1].name, e->name) >= 0)
			NOT_W("entries not sorted or name twice");
		if (!w_value(&e->value))
			NOT_W("entry value");
		if (e->def.kind != MDEVDESC_VALUE_NONE && !w_value(&e->def))
			NOT_W("entry default");
		if (e->n_accepts && !e->accepts)
			NOT_W("accepts NULL");
		if (e->n_accepts > MDEVDESC_MAX_ENTRIES)
			NOT_W("accepts count");
		for (j = 0; j < e->n_accepts; j++) {
			const struct mdevdesc_value *a = &e->accepts[j];
			if (a->kind == MDEVDESC_VALUE_RANGE) {
				if (a->i > a->hi)
					NOT_W("range reversed");
			} else if (!w_value(a)) {
				NOT_W("accepts item");
			}
		}
		if (e->n_accepts) {
			if (!fuzz_value_in(&e->value, e->accepts, e->n_accepts))
				NOT_W("value not accepted");
			if (e->def.kind != MDEVDESC_VALUE_NONE &&
			    !fuzz_value_in(&e->def, e->accepts, e->n_accepts))
				NOT_W("default not accepted");
		} else if (e->def.kind != MDEVDESC_VALUE_NONE && !fuzz_value_eq(&e->def, &e->value)) {
			NOT_W("default differs from value");
		}
		/* root 1, hw/params 2, entry 3, extension value 4 */
		if (!w_extras(e->extra, e->n_extra, 4, own, 3, minor))
			return 0;
	}
	return 1;
}

/* Width in bits of well-formed bits "0x..." once leading zeros are gone; -1 if malformed. */
static long bits_width(const char *b)
{
	size_t i, first;

	if (!b || b[0] != '0' || (b[1] != 'x' && b[1] != 'X') || !b[2])
		return -1;
	for (i = 2; b[i]; i++)
		if (!strchr("0123456789abcdefABCDEF", b[i]))
			return -1;
	for (first = 2; b[first] == '0' && b[first + 1]; first++)
		;
	return (long)(strlen(b + first) * 4);
}

static int wellformed(const struct mdevdesc_descriptor *d)
{
	static const char *const feature_own[] = { "bits", "rule" };
	uint32_t minor = d->format_minor;
	size_t i;

	why_not = NULL;
	if (d->format_major != MDEVDESC_FORMAT_MAJOR)
		NOT_W("format major");
	if (!d->vendor || !fuzz_vendor_ok(d->vendor) || strlen(d->vendor) > W_SCALAR_MAX)
		NOT_W("vendor");
	if (!d->type || !fuzz_type_ok(d->type) || strlen(d->type) > W_SCALAR_MAX)
		NOT_W("type");
	if (!w_string(d->device_api))
		NOT_W("device_api string");
	if (minor == MDEVDESC_FORMAT_MINOR && !fuzz_device_api_known(d->device_api))
		NOT_W("device_api unknown in a document of this minor");
	if (!d->version.has_patch || !w_version(&d->version))
		NOT_W("version");
	if (d->n_accepts > MDEVDESC_MAX_ENTRIES || d->n_creates > MDEVDESC_MAX_ENTRIES)
		NOT_W("version list count");
	for (i = 0; i < d->n_accepts; i++) {
		const struct mdevdesc_version_entry *e = &d->accepts[i];
		if (!w_version(&e->low) || (e->is_range && !w_version(&e->high)))
			NOT_W("accepts component");
		if (e->is_range && fuzz_version_cmp(&e->low, 0, &e->high, 1) > 0)
			NOT_W("accepts range reversed");
	}
	for (i = 0; i < d->n_creates; i++) {
		const struct mdevdesc_version_entry *e = &d->creates[i];
		if (e->is_range || !w_version(&e->low))
			NOT_W("creates entry");
		if (fuzz_version_cmp(&e->low, 0, &d->version, 0) > 0)
			NOT_W("creates newer than version");
	}
	if (!w_params(d->hw, d->n_hw, minor) || !w_params(d->params, d->n_params, minor))
		return 0;
	if (d->n_features > MDEVDESC_MAX_ENTRIES)
		NOT_W("features count");
	for (i = 0; i < d->n_features; i++) {
		const struct mdevdesc_feature *f = &d->features[i];
		long w = bits_width(f->bits);
		if (!f->name || !fuzz_entry_name_ok(f->name) || strlen(f->name) > W_KEY_MAX)
			NOT_W("feature name");
		if (i && strcmp(d->features[i - 1].name, f->name) >= 0)
			NOT_W("features not sorted or name twice");
		if (w < 0 || w > MDEVDESC_MAX_BITMAP_BITS)
			NOT_W("bits");
		if (f->rule == MDEVDESC_RULE_UNKNOWN) {
			if (!w_string(f->rule_name))
				NOT_W("rule name");
			if (minor == MDEVDESC_FORMAT_MINOR && strcmp(f->rule_name, "superset") != 0 &&
			    strcmp(f->rule_name, "equal") != 0)
				NOT_W("rule unknown in a document of this minor");
		}
		if (!w_extras(f->extra, f->n_extra, 4, feature_own, 2, minor))
			return 0;
	}
	if ((d->mdev_type && !w_string(d->mdev_type)) || (d->driver && !w_string(d->driver)) ||
	    (d->description && !w_string(d->description)))
		NOT_W("informational string");
	return w_extras(d->extra, d->n_extra, 2, fuzz_top_keys, NELEM(fuzz_top_keys), minor);
}

/* @d with canonical bitmaps (spec 5.7): lower case, no leading zeros. */
static void canonical_copy(struct src *s, const struct mdevdesc_descriptor *d,
			   struct mdevdesc_descriptor *c)
{
	struct mdevdesc_feature *f = d->n_features ? palloc(s->pool, d->n_features * sizeof(*f)) : NULL;
	size_t i, j, k;

	*c = *d;
	for (i = 0; i < d->n_features; i++) {
		const char *b = d->features[i].bits;
		char *o = palloc(s->pool, strlen(b) + 1);
		f[i] = d->features[i];
		for (j = 2; b[j] == '0' && b[j + 1]; j++)
			;
		o[0] = '0';
		o[1] = 'x';
		for (k = 2; b[j]; j++, k++)
			o[k] = (char)(b[j] >= 'A' && b[j] <= 'F' ? b[j] - 'A' + 'a' : b[j]);
		o[k] = '\0';
		f[i].bits = o;
	}
	c->features = f;
}

static void check_wellformed(struct src *s, const struct mdevdesc_descriptor *d, const char *text,
			     size_t len)
{
	mdevdesc_options opt = { NULL, NULL, MDEVDESC_ALLOW_UNKNOWN_VENDOR };
	struct mdevdesc_descriptor canon;
	mdevdesc_file *f = NULL;
	const mdevdesc_doc *doc;
	mdevdesc_code rc;
	char *j1, *j2, *t2;
	size_t n1, n2;
	long l2;

	rc = mdevdesc_parse(text, len, &opt, &f);
	FUZZ_ASSERT(f, "parse returned no result");
	if (rc != MDEVDESC_OK) {
		const mdevdesc_diag *x = mdevdesc_file_diag(f, 0);
		FUZZ_ASSERT(0, "well-formed descriptor emitted as invalid text: %u:%u %s: %s\n--- text\n%s---",
			    x ? (unsigned)x->line : 0, x ? (unsigned)x->column : 0, mdevdesc_code_name(rc),
			    x ? x->message : "", text);
	}
	FUZZ_ASSERT(mdevdesc_file_doc_count(f) == 1, "%zu documents", mdevdesc_file_doc_count(f));
	doc = mdevdesc_file_doc(f, 0);
	FUZZ_ASSERT(doc, "no model");
	canonical_copy(s, d, &canon);
	j1 = fuzz_json_model(&canon, &n1);
	j2 = fuzz_json_model(mdevdesc_doc_descriptor(doc), &n2);
	FUZZ_ASSERT(n1 == n2 && memcmp(j1, j2, n1) == 0,
		    "parsed model differs from the descriptor\n--- descriptor\n%s--- parsed\n%s--- text\n%s---",
		    j1, j2, text);
	t2 = fuzz_emit(mdevdesc_doc_descriptor(doc), &l2, 0);
	FUZZ_ASSERT(t2 && (size_t)l2 == len && memcmp(t2, text, len) == 0,
		    "canonical text of the parsed model differs\n--- first\n%s--- second\n%s---", text,
		    t2 ? t2 : "(null)");
	free(t2);
	free(j1);
	free(j2);
	mdevdesc_file_free(f);
}

static void check_syntax(const char *text, size_t len)
{
	mdevdesc_limits lim = mdevdesc_limits_default();
	mdevdesc_options opt = { NULL, &lim, MDEVDESC_SYNTAX_ONLY };
	mdevdesc_file *f = NULL;
	mdevdesc_code rc;

	lim.max_depth = MDEVDESC_MAX_DEPTH_CEILING;
	lim.max_key_length = UINT32_MAX;
	lim.max_scalar_length = UINT32_MAX;
	lim.max_entries = UINT32_MAX;
	lim.max_document_size = SIZE_MAX;
	rc = mdevdesc_parse(text, len, &opt, &f);
	FUZZ_ASSERT(f, "parse returned no result");
	if (rc != MDEVDESC_OK) {
		const mdevdesc_diag *x = mdevdesc_file_diag(f, 0);
		FUZZ_ASSERT(0, "syntax-clean descriptor emitted as text with a syntax error: %u:%u %s: %s\n--- text\n%s---",
			    x ? (unsigned)x->line : 0, x ? (unsigned)x->column : 0, mdevdesc_code_name(rc),
			    x ? x->message : "", text);
	}
	FUZZ_ASSERT(mdevdesc_file_doc_count(f) == 1, "syntax-only parse: %zu documents",
		    mdevdesc_file_doc_count(f));
	mdevdesc_file_free(f);
}

/*
 * With FUZZ_STATS set in the environment, print at exit how many inputs
 * reached each tier and why the others were not well-formed (to tune the
 * generator): FUZZ_STATS=1 build/fuzz/repro/emit fuzz/corpus/emit/\*
 */
static size_t n_inputs, n_refused, n_clean, n_wellformed;
static const char *why_seen[64];
static size_t why_count[64];

static void count_why(const char *why)
{
	size_t i;

	for (i = 0; i < 64 && why_seen[i] && why_seen[i] != why; i++)
		;
	if (i < 64) {
		why_seen[i] = why;
		why_count[i]++;
	}
}

static void print_stats(void)
{
	size_t i;

	if (!getenv("FUZZ_STATS"))
		return;
	fprintf(stderr, "emit: %zu inputs, %zu refused, %zu syntax-clean, %zu well-formed\n", n_inputs,
		n_refused, n_clean, n_wellformed);
	for (i = 0; i < 64 && why_seen[i]; i++)
		fprintf(stderr, "  not well-formed: %6zu  %s\n", why_count[i], why_seen[i]);
}

static void fuzz_one(const uint8_t *data, size_t size)
{
	struct pool pool = { NULL, 0, 0 };
	struct src s = { data, size, &pool, 48, 0 };
	struct mdevdesc_descriptor d;
	char *text;
	long len;
	int refuse;

	if (n_inputs++ == 0)
		atexit(print_stats);
	gen_descriptor(&s, &d);
	refuse = expect_refusal(&d);
	n_refused += refuse != 0;
	text = fuzz_emit(&d, &len, 1);
	FUZZ_ASSERT((text == NULL) == (refuse != 0), "emit returned %ld; a refusal was %sexpected", len,
		    refuse ? "" : "not ");
	if (text) {
		check_text_chars(text, (size_t)len);
		if (syntax_clean(&d)) {
			n_clean++;
			check_syntax(text, (size_t)len);
		}
		if (wellformed(&d)) {
			n_wellformed++;
			check_wellformed(&s, &d, text, (size_t)len);
		} else {
			count_why(why_not);
		}
		free(text);
	}
	pool_free(&pool);
}
