/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/*
 * fuzz_util.h - what the fuzz targets share: property checks that abort,
 * growable buffers, strict UTF-8, the invariants every descriptor and
 * diagnostic returned by the parser must satisfy, canonical emission checked
 * against the snprintf contract, the model as JSON (mdevdesc_json_model), and the
 * switches for known library bugs.
 *
 * Known bugs.  A library bug that a target finds is saved as a reproducer in
 * fuzz/crashes/ and reported; until it is fixed, the targets tolerate exactly
 * that bug (the fuzz_known_* predicates), so that fuzzing goes on
 * looking for others and `make fuzz-smoke` stays meaningful.  Building with
 * -DFUZZ_STRICT turns every tolerance off: the replay build (`make
 * fuzz-repro`) does, and so reproduces the saved crashes.  When a bug is
 * fixed, delete its predicate and its uses.
 */
#ifndef MDEVDESC_FUZZ_UTIL_H
#define MDEVDESC_FUZZ_UTIL_H

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mdevdesc.h"

#if defined(__GNUC__)
#define FUZZ_UNUSED __attribute__((unused))
#define FUZZ_NORETURN __attribute__((noreturn))
#define FUZZ_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define FUZZ_UNUSED
#define FUZZ_NORETURN
#define FUZZ_PRINTF(a, b)
#endif

/* ---- failing ------------------------------------------------------------ */

static FUZZ_NORETURN FUZZ_PRINTF(4, 5) FUZZ_UNUSED void
fuzz_fail(const char *file, int line, const char *expr, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "\n%s:%d: property violated: %s\n  ", file, line, expr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	fflush(stderr);
	abort();
}

/* Abort with a message when @cond is false. */
#define FUZZ_ASSERT(cond, ...)                                             \
	do {                                                               \
		if (!(cond))                                               \
			fuzz_fail(__FILE__, __LINE__, #cond, __VA_ARGS__); \
	} while (0)

/* A block from malloc(), never NULL (running out of memory is not a finding). */
static FUZZ_UNUSED void *fuzz_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p)
		abort();
	return p;
}

/* ---- known library bugs (see the top of this file) ---------------------- */

#ifdef FUZZ_STRICT
#define FUZZ_TOLERATE 0
#else
#define FUZZ_TOLERATE 1
#endif

/* ---- growable buffer, usable as an mdevdesc_write_fn ------------------- */

struct fuzz_buf {
	char *p;
	size_t n, cap;
};

static FUZZ_UNUSED void fuzz_buf_put(void *ctx, const char *s, size_t n)
{
	struct fuzz_buf *b = ctx;

	if (b->n + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 256;
		char *p;
		while (cap < b->n + n + 1)
			cap *= 2;
		p = realloc(b->p, cap);
		if (!p)
			abort();
		b->p = p;
		b->cap = cap;
	}
	memcpy(b->p + b->n, s, n);
	b->n += n;
	b->p[b->n] = '\0';
}

static FUZZ_UNUSED void fuzz_buf_puts(struct fuzz_buf *b, const char *s)
{
	fuzz_buf_put(b, s, strlen(s));
}

static FUZZ_UNUSED void fuzz_buf_free(struct fuzz_buf *b)
{
	free(b->p);
	b->p = NULL;
	b->n = b->cap = 0;
}

/* ---- UTF-8 (spec 4.1) --------------------------------------------------- */

/*
 * Length (1-4) of the well-formed UTF-8 sequence at @p (@n bytes left), 0
 * when it is ill-formed: a stray continuation byte, an overlong form, a
 * surrogate, a value above U+10FFFF, or a truncated sequence.
 */
static FUZZ_UNUSED size_t fuzz_utf8_seq(const unsigned char *p, size_t n, uint32_t *cp)
{
	unsigned c = p[0], lo = 0x80, hi = 0xBF;
	size_t len, i;
	uint32_t v;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c < 0xC2 || c > 0xF4)
		return 0;
	if (c < 0xE0) {
		len = 2;
		v = c & 0x1F;
	} else if (c < 0xF0) {
		len = 3;
		v = c & 0x0F;
		lo = c == 0xE0 ? 0xA0 : 0x80;
		hi = c == 0xED ? 0x9F : 0xBF;
	} else {
		len = 4;
		v = c & 0x07;
		lo = c == 0xF0 ? 0x90 : 0x80;
		hi = c == 0xF4 ? 0x8F : 0xBF;
	}
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if (p[i] < lo || p[i] > hi)
			return 0;
		lo = 0x80;
		hi = 0xBF;
		v = (v << 6) | (p[i] & 0x3Fu);
	}
	*cp = v;
	return len;
}

/* Number of leading bytes of @s that are well-formed UTF-8. */
static FUZZ_UNUSED size_t fuzz_utf8_prefix(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	while (i < n) {
		uint32_t cp;
		size_t k = fuzz_utf8_seq(p + i, n - i, &cp);
		if (!k)
			break;
		i += k;
	}
	return i;
}

static FUZZ_UNUSED int fuzz_utf8_valid(const char *s, size_t n)
{
	return fuzz_utf8_prefix(s, n) == n;
}

/*
 * Whether @s is well-formed UTF-8 except that its last 1-3 bytes are the
 * start of a sequence cut short: what a byte-counting truncation leaves.
 */
static FUZZ_UNUSED int fuzz_utf8_cut_at_end(const char *s, size_t n)
{
	size_t ok = fuzz_utf8_prefix(s, n), i;
	unsigned lead;

	if (ok == n || n - ok > 3)
		return 0;
	lead = (unsigned char)s[ok];
	if (lead < 0xC2 || lead > 0xF4)
		return 0;
	for (i = ok + 1; i < n; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			return 0;
	return (size_t)(lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4) > n - ok;
}

/*
 * KNOWN BUG diag-utf8-cut (fuzz/crashes/json-diag-utf8-cut): md_diag()
 * formats a message into 512 bytes and cuts a longer one at 511; the cut
 * is meant to fall on a character boundary, but it tests msg[511], which
 * vsnprintf() has already overwritten with the NUL, so a long non-ASCII
 * value (device_api, rule) still leaves a message ending inside a UTF-8
 * sequence, and the validator's --json output is then not valid UTF-8.
 * Returns 1 for a message that is invalid only in that way.
 */
static FUZZ_UNUSED int fuzz_known_diag_cut(const char *s)
{
	size_t n = strlen(s);

	/* Fixed: messages are cut at a character boundary.  Kept as a hook for
	 * a known bug while it is open; it tolerates nothing now. */
	(void)n;
	(void)fuzz_utf8_cut_at_end;
	return 0;
}

/* ---- strings and names of the model (spec 4.5, 5) --------------------- */

/* A model string: well-formed UTF-8 without U+0000-U+001F and U+007F (R-TYPE-STRING). */
static FUZZ_UNUSED int fuzz_string_ok(const char *s)
{
	size_t n, i;

	if (!s)
		return 0;
	n = strlen(s);
	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return 0;
	return fuzz_utf8_valid(s, n);
}

/* @s matches [@first][@rest]* (the name patterns of spec 5). */
static FUZZ_UNUSED int fuzz_name_match(const char *s, const char *first, const char *rest)
{
	size_t i;

	if (!s || !s[0] || !strchr(first, s[0]))
		return 0;
	for (i = 1; s[i]; i++)
		if (!strchr(rest, s[i]))
			return 0;
	return 1;
}

#define FUZZ_LOWER "abcdefghijklmnopqrstuvwxyz"
#define FUZZ_DIGIT "0123456789"

static FUZZ_UNUSED int fuzz_vendor_ok(const char *s)
{
	return fuzz_name_match(s, FUZZ_LOWER FUZZ_DIGIT, FUZZ_LOWER FUZZ_DIGIT "-");
}

static FUZZ_UNUSED int fuzz_type_ok(const char *s)
{
	return fuzz_name_match(s, FUZZ_LOWER FUZZ_DIGIT, FUZZ_LOWER FUZZ_DIGIT "._-");
}

static FUZZ_UNUSED int fuzz_entry_name_ok(const char *s)
{
	return fuzz_name_match(s, FUZZ_LOWER, FUZZ_LOWER FUZZ_DIGIT "_");
}

static const char *const fuzz_device_apis[] = { "vfio-pci", "vfio-platform", "vfio-amba",
						 "vfio-ccw", "vfio-ap",       "vfio-fsl-mc",
						 "vfio-cdx" };

static FUZZ_UNUSED int fuzz_device_api_known(const char *s)
{
	size_t i;

	for (i = 0; s && i < sizeof(fuzz_device_apis) / sizeof(fuzz_device_apis[0]); i++)
		if (strcmp(s, fuzz_device_apis[i]) == 0)
			return 1;
	return 0;
}

static const char *const fuzz_top_keys[] = { "mdevdesc", "vendor",   "type",      "device_api",
					     "version",  "accepts",  "creates",   "hw",
					     "features", "params",   "mdev_type", "driver",
					     "description" };

static FUZZ_UNUSED int fuzz_in_list(const char *s, const char *const *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(s, list[i]) == 0)
			return 1;
	return 0;
}

static FUZZ_UNUSED int fuzz_is_top_key(const char *s)
{
	return fuzz_in_list(s, fuzz_top_keys, sizeof(fuzz_top_keys) / sizeof(fuzz_top_keys[0]));
}

static FUZZ_UNUSED int fuzz_is_ext(const char *s)
{
	return s[0] == 'x' && s[1] == '-';
}

/* Canonical bitmap text (spec 5.7): "0x0" or "0x" + lower-case hex without leading zeros. */
static FUZZ_UNUSED int fuzz_bits_canonical(const char *b)
{
	size_t i;

	if (!b || b[0] != '0' || b[1] != 'x' || !b[2])
		return 0;
	if (b[2] == '0')
		return b[3] == '\0';
	for (i = 2; b[i]; i++)
		if (!((b[i] >= '0' && b[i] <= '9') || (b[i] >= 'a' && b[i] <= 'f')))
			return 0;
	return 1;
}

/* ---- versions and values (spec 5.5, 5.8) -------------------------------- */

/*
 * Versions as keys (spec 5.5, R-COMPAT-VERSION-ENTRY).  A version is the
 * point (MAJOR, MINOR, PATCH); a two-part entry's missing PATCH is 0 at a
 * low end and infinity at a high end.  The key writes the point as one
 * big-endian number of FUZZ_VERSION_KEY bytes: MAJOR in 4 bytes, MINOR in 4,
 * PATCH in 5, infinity being 2^32, one above every uint32_t patch.  Keys
 * compare with memcmp() as their versions do.  (A 64-bit integer is too
 * small: each component is a uint32_t, since max_version_component may be
 * raised that far, so a point with infinity takes 97 bits.)  This oracle is
 * written from the spec, not from the library's md_version_cmp().
 */
#define FUZZ_VERSION_KEY 13

/* Write the low @n bytes of @x at @p, most significant first. */
static FUZZ_UNUSED void fuzz_put_be(unsigned char *p, uint64_t x, size_t n)
{
	while (n > 0) {
		n--;
		p[n] = (unsigned char)(x & 0xffu);
		x >>= 8;
	}
}

/* The key of @v; @high: @v is the high end of an entry. */
static FUZZ_UNUSED void fuzz_version_key(const struct mdevdesc_version *v, int high,
					 unsigned char key[FUZZ_VERSION_KEY])
{
	uint64_t patch = v->has_patch ? v->patch : high ? (uint64_t)1 << 32 : 0;

	fuzz_put_be(key, v->major, 4);
	fuzz_put_be(key + 4, v->minor, 4);
	fuzz_put_be(key + 8, patch, 5);
}

/* <0, 0, >0 as version @a (a high end when @a_high) is below, at, above @b. */
static FUZZ_UNUSED int fuzz_version_cmp(const struct mdevdesc_version *a, int a_high,
					const struct mdevdesc_version *b, int b_high)
{
	unsigned char ka[FUZZ_VERSION_KEY], kb[FUZZ_VERSION_KEY];
	int c;

	fuzz_version_key(a, a_high, ka);
	fuzz_version_key(b, b_high, kb);
	c = memcmp(ka, kb, sizeof(ka));
	return (c > 0) - (c < 0);
}

static FUZZ_UNUSED int fuzz_value_eq(const struct mdevdesc_value *a, const struct mdevdesc_value *b)
{
	if (a->kind != b->kind)
		return 0;
	if (a->kind == MDEVDESC_VALUE_INT)
		return a->i == b->i;
	if (a->kind == MDEVDESC_VALUE_STR)
		return a->s && b->s && strcmp(a->s, b->s) == 0;
	return 0;
}

/* @v is accepted by the items @acc (R-PARAM-SELF, R-TYPE-RANGE). */
static FUZZ_UNUSED int fuzz_value_in(const struct mdevdesc_value *v, const struct mdevdesc_value *acc,
				     size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (acc[i].kind == MDEVDESC_VALUE_RANGE) {
			if (v->kind == MDEVDESC_VALUE_INT && v->i >= acc[i].i && v->i <= acc[i].hi)
				return 1;
		} else if (fuzz_value_eq(v, &acc[i])) {
			return 1;
		}
	}
	return 0;
}

/* The values entry @e accepts: its accepts items, or only its value (spec 5.8). */
static FUZZ_UNUSED int fuzz_entry_accepts(const struct mdevdesc_param *e, const struct mdevdesc_value *v)
{
	return e->n_accepts ? fuzz_value_in(v, e->accepts, e->n_accepts) : fuzz_value_eq(v, &e->value);
}

/* ---- invariants of a parsed descriptor --------------------------------- */

static FUZZ_UNUSED void fuzz_check_node(const struct mdevdesc_node *x, uint32_t depth,
					const mdevdesc_limits *lim)
{
	size_t i, j;

	switch (x->kind) {
	case MDEVDESC_NODE_PLAIN:
		FUZZ_ASSERT(fuzz_string_ok(x->s) && x->s[0], "plain node %s", x->s ? x->s : "(null)");
		/* R-QUOTE-NULL and rows 11, 12 of the quoting table apply to untyped content. */
		FUZZ_ASSERT(mdevdesc_quote_class(x->s, strlen(x->s)) != 1 &&
				    mdevdesc_quote_class(x->s, strlen(x->s)) != 11 &&
				    mdevdesc_quote_class(x->s, strlen(x->s)) != 12,
			    "plain node '%s' matches row %d", x->s,
			    mdevdesc_quote_class(x->s, strlen(x->s)));
		break;
	case MDEVDESC_NODE_STRING:
		FUZZ_ASSERT(fuzz_string_ok(x->s), "string node");
		break;
	case MDEVDESC_NODE_SEQ:
	case MDEVDESC_NODE_MAP:
		FUZZ_ASSERT(depth <= lim->max_depth, "node at depth %u", (unsigned)depth);
		FUZZ_ASSERT(x->n_items == 0 || x->items, "items NULL");
		FUZZ_ASSERT(x->n_items <= lim->max_entries, "%zu items", x->n_items);
		for (i = 0; i < x->n_items; i++) {
			if (x->kind == MDEVDESC_NODE_MAP) {
				FUZZ_ASSERT(fuzz_string_ok(x->items[i].key), "map key");
				for (j = 0; j < i; j++)
					FUZZ_ASSERT(strcmp(x->items[j].key, x->items[i].key) != 0,
						    "duplicate key '%s' in untyped mapping", x->items[i].key);
			}
			fuzz_check_node(&x->items[i], depth + 1, lim);
		}
		break;
	default:
		FUZZ_ASSERT(0, "node kind %d", (int)x->kind);
	}
}

/* Extension and newer-minor entries: sorted by key, none of the place's own keys. */
static FUZZ_UNUSED void fuzz_check_extras(const struct mdevdesc_node *x, size_t n, int has_unknown,
					  const char *const *own, size_t n_own, uint32_t depth,
					  const mdevdesc_limits *lim)
{
	size_t i;

	FUZZ_ASSERT(n == 0 || x, "extras NULL");
	for (i = 0; i < n; i++) {
		FUZZ_ASSERT(fuzz_string_ok(x[i].key), "extra key");
		FUZZ_ASSERT(i == 0 || strcmp(x[i - 1].key, x[i].key) < 0, "extras not sorted: '%s' '%s'",
			    x[i - 1].key, x[i].key);
		FUZZ_ASSERT(!fuzz_in_list(x[i].key, own, n_own), "defined key '%s' kept as extra",
			    x[i].key);
		FUZZ_ASSERT(fuzz_is_ext(x[i].key) || has_unknown,
			    "unknown key '%s' kept but has_unknown is 0", x[i].key);
		fuzz_check_node(&x[i], depth, lim);
	}
}

static FUZZ_UNUSED void fuzz_check_value(const struct mdevdesc_value *v, int range_ok, int none_ok)
{
	switch (v->kind) {
	case MDEVDESC_VALUE_NONE:
		FUZZ_ASSERT(none_ok, "value of kind none");
		break;
	case MDEVDESC_VALUE_INT:
		break;
	case MDEVDESC_VALUE_STR:
		FUZZ_ASSERT(fuzz_string_ok(v->s), "string value");
		break;
	case MDEVDESC_VALUE_RANGE:
		FUZZ_ASSERT(range_ok && v->i <= v->hi, "range %lld..%lld", (long long)v->i,
			    (long long)v->hi);
		break;
	default:
		FUZZ_ASSERT(0, "value kind %d", (int)v->kind);
	}
}

static FUZZ_UNUSED void fuzz_check_params(const struct mdevdesc_param *p, size_t n, int has_unknown,
					  const mdevdesc_limits *lim)
{
	static const char *const own[] = { "value", "accepts", "default" };
	size_t i, j;

	FUZZ_ASSERT(n == 0 || p, "entries NULL");
	FUZZ_ASSERT(n <= lim->max_entries, "%zu entries", n);
	for (i = 0; i < n; i++) {
		FUZZ_ASSERT(fuzz_entry_name_ok(p[i].name), "entry name '%s'", p[i].name);
		FUZZ_ASSERT(i == 0 || strcmp(p[i - 1].name, p[i].name) < 0, "entries not sorted");
		fuzz_check_value(&p[i].value, 0, 0);
		fuzz_check_value(&p[i].def, 0, 1);
		FUZZ_ASSERT(p[i].n_accepts == 0 || p[i].accepts, "accepts NULL");
		for (j = 0; j < p[i].n_accepts; j++)
			fuzz_check_value(&p[i].accepts[j], 1, 0);
		/* R-PARAM-SELF */
		if (p[i].n_accepts) {
			FUZZ_ASSERT(fuzz_value_in(&p[i].value, p[i].accepts, p[i].n_accepts),
				    "value of '%s' not in its accepts", p[i].name);
			FUZZ_ASSERT(p[i].def.kind == MDEVDESC_VALUE_NONE ||
					    fuzz_value_in(&p[i].def, p[i].accepts, p[i].n_accepts),
				    "default of '%s' not in its accepts", p[i].name);
		} else {
			FUZZ_ASSERT(p[i].def.kind == MDEVDESC_VALUE_NONE ||
					    fuzz_value_eq(&p[i].def, &p[i].value),
				    "default of '%s' differs from value", p[i].name);
		}
		/* root (1) > hw/params (2) > entry (3) > extension value (4) */
		fuzz_check_extras(p[i].extra, p[i].n_extra, has_unknown, own, 3, 4, lim);
	}
}

/*
 * Walk every field of @d, a descriptor the parser returned under @lim, and
 * check what spec 4.4 to 7 guarantee about a valid document's model.
 */
static FUZZ_UNUSED void fuzz_check_descriptor(const struct mdevdesc_descriptor *d, int has_unknown,
					      const mdevdesc_limits *lim)
{
	static const char *const feature_own[] = { "bits", "rule" };
	size_t i;

	FUZZ_ASSERT(d->format_major == MDEVDESC_FORMAT_MAJOR, "format major %u",
		    (unsigned)d->format_major);
	FUZZ_ASSERT(!has_unknown || d->format_minor > MDEVDESC_FORMAT_MINOR,
		    "unknown items in a document of format 1.%u", (unsigned)d->format_minor);
	FUZZ_ASSERT(fuzz_vendor_ok(d->vendor), "vendor");
	FUZZ_ASSERT(fuzz_type_ok(d->type), "type");
	FUZZ_ASSERT(fuzz_string_ok(d->device_api), "device_api");
	FUZZ_ASSERT(fuzz_device_api_known(d->device_api) || has_unknown,
		    "unknown device_api '%s' but has_unknown is 0", d->device_api);
	FUZZ_ASSERT(d->version.has_patch, "version without patch");
	FUZZ_ASSERT(d->version.major <= lim->max_version_component &&
			    d->version.minor <= lim->max_version_component &&
			    d->version.patch <= lim->max_version_component,
		    "version component above the limit");
	FUZZ_ASSERT(d->n_accepts == 0 || d->accepts, "accepts NULL");
	for (i = 0; i < d->n_accepts; i++) {
		const struct mdevdesc_version_entry *e = &d->accepts[i];
		FUZZ_ASSERT(e->low.major <= lim->max_version_component &&
				    e->low.minor <= lim->max_version_component &&
				    e->low.patch <= lim->max_version_component,
			    "accepts component above the limit");
		if (e->is_range) {
			FUZZ_ASSERT(e->high.major <= lim->max_version_component &&
					    e->high.minor <= lim->max_version_component &&
					    e->high.patch <= lim->max_version_component,
				    "accepts component above the limit");
			FUZZ_ASSERT(fuzz_version_cmp(&e->low, 0, &e->high, 1) <= 0, "accepts range reversed");
		}
	}
	FUZZ_ASSERT(d->n_creates == 0 || d->creates, "creates NULL");
	for (i = 0; i < d->n_creates; i++) {
		FUZZ_ASSERT(!d->creates[i].is_range, "range in creates");
		FUZZ_ASSERT(fuzz_version_cmp(&d->creates[i].low, 0, &d->version, 0) <= 0,
			    "creates newer than version");
	}
	fuzz_check_params(d->hw, d->n_hw, has_unknown, lim);
	fuzz_check_params(d->params, d->n_params, has_unknown, lim);
	FUZZ_ASSERT(d->n_features == 0 || d->features, "features NULL");
	for (i = 0; i < d->n_features; i++) {
		const struct mdevdesc_feature *f = &d->features[i];
		FUZZ_ASSERT(fuzz_entry_name_ok(f->name), "feature name");
		FUZZ_ASSERT(i == 0 || strcmp(d->features[i - 1].name, f->name) < 0, "features not sorted");
		FUZZ_ASSERT(fuzz_bits_canonical(f->bits), "bits '%s' not canonical", f->bits);
		FUZZ_ASSERT(strcmp(f->bits, "0x0") == 0 ||
				    (strlen(f->bits) - 2) * 4 <= lim->max_bitmap_bits,
			    "bitmap wider than the limit");
		if (f->rule == MDEVDESC_RULE_UNKNOWN)
			FUZZ_ASSERT(has_unknown && fuzz_string_ok(f->rule_name) &&
					    strcmp(f->rule_name, "superset") != 0 &&
					    strcmp(f->rule_name, "equal") != 0,
				    "unknown rule");
		else
			FUZZ_ASSERT(f->rule == MDEVDESC_RULE_SUPERSET || f->rule == MDEVDESC_RULE_EQUAL,
				    "rule %d", (int)f->rule);
		fuzz_check_extras(f->extra, f->n_extra, has_unknown, feature_own, 2, 4, lim);
	}
	FUZZ_ASSERT(!d->mdev_type || fuzz_string_ok(d->mdev_type), "mdev_type");
	FUZZ_ASSERT(!d->driver || fuzz_string_ok(d->driver), "driver");
	FUZZ_ASSERT(!d->description || fuzz_string_ok(d->description), "description");
	fuzz_check_extras(d->extra, d->n_extra, has_unknown, fuzz_top_keys,
			  sizeof(fuzz_top_keys) / sizeof(fuzz_top_keys[0]), 2, lim);
}

/* ---- diagnostics --------------------------------------------------------- */

/* 1-based line of byte offset @off: one more than the line feeds before it. */
static FUZZ_UNUSED uint32_t fuzz_line_of(const char *buf, size_t len, size_t off)
{
	uint32_t line = 1;
	size_t i;

	for (i = 0; i < off && i < len; i++)
		if (buf[i] == '\n')
			line++;
	return line;
}

/* Touch and check every field of diagnostic @x of an input @buf of @len bytes. */
static FUZZ_UNUSED void fuzz_check_diag(const mdevdesc_diag *x, const char *buf, size_t len)
{
	uint32_t line;

	FUZZ_ASSERT(x, "NULL diagnostic");
	FUZZ_ASSERT(strcmp(mdevdesc_code_name(x->code), "unknown") != 0, "code %d", (int)x->code);
	FUZZ_ASSERT(mdevdesc_strerror(x->code) && mdevdesc_strerror(x->code)[0], "strerror");
	FUZZ_ASSERT(x->severity == ((int)x->code >= 100 ? MDEVDESC_WARNING : MDEVDESC_ERROR),
		    "severity %d of code %d", (int)x->severity, (int)x->code);
	FUZZ_ASSERT(x->code != MDEVDESC_OK && x->code != MDEVDESC_E_IO &&
			    x->code != MDEVDESC_E_INVALID_ARGUMENT,
		    "code %s in a diagnostic", mdevdesc_code_name(x->code));
	FUZZ_ASSERT(x->line >= 1 && x->column >= 1, "position %u:%u", (unsigned)x->line,
		    (unsigned)x->column);
	FUZZ_ASSERT(x->offset <= len, "offset %zu past the input (%zu)", x->offset, len);
	line = fuzz_line_of(buf, len, x->offset);
	FUZZ_ASSERT(x->line == line,
		    "%s at offset %zu reported on line %u, which is line %u",
		    mdevdesc_code_name(x->code), x->offset, (unsigned)x->line, (unsigned)line);
	FUZZ_ASSERT(x->path && x->rule && x->message, "NULL string");
	FUZZ_ASSERT(strncmp(x->rule, "R-", 2) == 0, "rule '%s'", x->rule);
	FUZZ_ASSERT(x->message[0], "empty message");
	FUZZ_ASSERT(fuzz_utf8_valid(x->message, strlen(x->message)) || fuzz_known_diag_cut(x->message),
		    "message not UTF-8: %s", x->message);
	FUZZ_ASSERT(fuzz_utf8_valid(x->path, strlen(x->path)), "path not UTF-8: %s", x->path);
}

static FUZZ_UNUSED int fuzz_diag_eq(const mdevdesc_diag *a, const mdevdesc_diag *b)
{
	return a->code == b->code && a->severity == b->severity && a->line == b->line &&
	       a->column == b->column && a->offset == b->offset && a->document == b->document &&
	       strcmp(a->path, b->path) == 0 && strcmp(a->rule, b->rule) == 0 &&
	       strcmp(a->message, b->message) == 0;
}

/* ---- emission and JSON --------------------------------------------------- */

/*
 * mdevdesc_emit() of @d, checked against its snprintf contract: the length
 * with no buffer; the full text, NUL-terminated, in an exact-size buffer;
 * truncated prefixes, NUL-terminated, in buffers of 1, half and all but one
 * byte (each allocated at its exact size, so a write past it is caught); no
 * write at all with size 0; nothing touched after the NUL in a larger
 * buffer.  With @thorough 0 only the exact-size call is made.
 * returns: the full text (free() it), or NULL when mdevdesc_emit() returns
 * -1; *@len receives the return value.
 */
static FUZZ_UNUSED char *fuzz_emit(const struct mdevdesc_descriptor *d, long *len, int thorough)
{
	long need = mdevdesc_emit(d, NULL, 0), r;
	size_t n, sizes[3], k, i;
	char *full, *b, c;

	*len = need;
	FUZZ_ASSERT(need >= -1, "emit returned %ld", need);
	if (need < 0) {
		char probe[4] = { 'x', 'y', 'z', 'w' };
		r = mdevdesc_emit(d, probe, sizeof(probe));
		FUZZ_ASSERT(r == -1 && probe[0] == '\0' && probe[1] == 'y' && probe[3] == 'w',
			    "failing emit wrote more than the NUL");
		return NULL;
	}
	n = (size_t)need;
	full = fuzz_xmalloc(n + 1);
	memset(full, 0xA5, n + 1);
	r = mdevdesc_emit(d, full, n + 1);
	FUZZ_ASSERT(r == need, "emit into %zu bytes returned %ld, sizing call %ld", n + 1, r, need);
	FUZZ_ASSERT(full[n] == '\0', "no NUL after the text");
	FUZZ_ASSERT(memchr(full, '\0', n) == NULL, "NUL inside the text");
	if (!thorough)
		return full;
	sizes[0] = 1;
	sizes[1] = n / 2 + 1;
	sizes[2] = n;
	for (k = 0; k < 3; k++) {
		size_t sz = sizes[k];
		if (sz == 0 || sz > n)
			continue;
		b = fuzz_xmalloc(sz);
		memset(b, 0xA5, sz);
		r = mdevdesc_emit(d, b, sz);
		FUZZ_ASSERT(r == need, "emit into %zu bytes returned %ld, not %ld", sz, r, need);
		FUZZ_ASSERT(b[sz - 1] == '\0', "truncated text not NUL-terminated at %zu", sz - 1);
		FUZZ_ASSERT(memcmp(b, full, sz - 1) == 0, "truncated text differs from the full text");
		free(b);
	}
	c = 'q';
	r = mdevdesc_emit(d, &c, 0);
	FUZZ_ASSERT(r == need && c == 'q', "emit with size 0 wrote to the buffer");
	b = fuzz_xmalloc(n + 9);
	memset(b, 0xA5, n + 9);
	r = mdevdesc_emit(d, b, n + 9);
	FUZZ_ASSERT(r == need && memcmp(b, full, n + 1) == 0, "emit into a larger buffer differs");
	for (i = n + 1; i < n + 9; i++)
		FUZZ_ASSERT((unsigned char)b[i] == 0xA5, "emit wrote past the NUL, at %zu", i);
	free(b);
	return full;
}

/* The model of @d as JSON (mdevdesc_json_model(), as mdevdesc-fmt --json prints it), its
 * return value checked against what it wrote. */
static FUZZ_UNUSED char *fuzz_json_model(const struct mdevdesc_descriptor *d, size_t *len)
{
	struct fuzz_buf b = { NULL, 0, 0 };
	long n = mdevdesc_json_model(d, fuzz_buf_put, &b);

	FUZZ_ASSERT(n > 0 && (size_t)n == b.n, "mdevdesc_json_model returned %ld, wrote %zu bytes",
		    n, b.n);
	*len = b.n;
	return b.p;
}

#endif /* MDEVDESC_FUZZ_UTIL_H */
