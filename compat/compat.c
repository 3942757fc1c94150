/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/*
 * compat.c - compatibility resolution (spec 6): the check of one source
 * against one target, its reasons and target configuration, and ranking.
 *
 * Works on the plain descriptor structs, whose hw, params and features
 * arrays are sorted by name, so every comparison is a merge walk.  Nothing
 * is allocated: the report is the caller's.  In "fast" mode (ranking) the
 * check stops at the first failing rule and stores no reasons.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compat/compat.h"

const char *mdevdesc_verdict_name(mdevdesc_verdict v)
{
	switch (v) {
	case MDEVDESC_COMPATIBLE: return "compatible";
	case MDEVDESC_INCOMPATIBLE: return "incompatible";
	case MDEVDESC_UNDECIDABLE: return "undecidable";
	}
	return "unknown";
}

static const struct {
	mdevdesc_reason_code code;
	const char *name, *rule;
} reasons[] = {
	{ MDEVDESC_R_IDENTITY_VENDOR, "identity-vendor", "R-COMPAT-IDENTITY" },
	{ MDEVDESC_R_IDENTITY_TYPE, "identity-type", "R-COMPAT-IDENTITY" },
	{ MDEVDESC_R_IDENTITY_DEVICE_API, "identity-device-api", "R-COMPAT-IDENTITY" },
	{ MDEVDESC_R_VERSION_NOT_ACCEPTED, "version-not-accepted", "R-COMPAT-VERSION" },
	{ MDEVDESC_R_FEATURE_MISSING_BITS, "feature-missing-bits", "R-COMPAT-FEATURE-SUPERSET" },
	{ MDEVDESC_R_FEATURE_NOT_EQUAL, "feature-not-equal", "R-COMPAT-FEATURE-EQUAL" },
	{ MDEVDESC_R_HW_MISSING_IN_TARGET, "hw-missing-in-target", "R-COMPAT-ENTRY-MISSING" },
	{ MDEVDESC_R_HW_NOT_ACCEPTED, "hw-not-accepted", "R-COMPAT-ENTRY-ACCEPTS" },
	{ MDEVDESC_R_HW_NO_DEFAULT, "hw-no-default", "R-COMPAT-ENTRY-DEFAULT" },
	{ MDEVDESC_R_PARAM_MISSING_IN_TARGET, "param-missing-in-target", "R-COMPAT-ENTRY-MISSING" },
	{ MDEVDESC_R_PARAM_NOT_ACCEPTED, "param-not-accepted", "R-COMPAT-ENTRY-ACCEPTS" },
	{ MDEVDESC_R_PARAM_NO_DEFAULT, "param-no-default", "R-COMPAT-ENTRY-DEFAULT" },
	{ MDEVDESC_R_UNKNOWN_KEY, "unknown-key", "R-COMPAT-UNKNOWN" },
	{ MDEVDESC_R_UNKNOWN_ENUM, "unknown-enum", "R-COMPAT-UNKNOWN" },
};

const char *mdevdesc_reason_name(mdevdesc_reason_code code)
{
	size_t i;

	for (i = 0; i < sizeof(reasons) / sizeof(reasons[0]); i++)
		if (reasons[i].code == code)
			return reasons[i].name;
	return "unknown";
}

const char *md_reason_rule(mdevdesc_reason_code code)
{
	size_t i;

	for (i = 0; i < sizeof(reasons) / sizeof(reasons[0]); i++)
		if (reasons[i].code == code)
			return reasons[i].rule;
	return "";
}

typedef struct md_check {
	mdevdesc_report *r;
	int fast;        /* verdict only: stop at the first failure, store nothing */
	size_t fails;    /* understood failing rules */
	size_t defaults; /* hw and params entries only the target has */
} md_check;

/*
 * strcmp for the short names and values of descriptors: an inline loop
 * costs less than a call for strings of a few bytes.
 */
static inline int name_cmp(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return (unsigned char)*a < (unsigned char)*b ? -1 : (unsigned char)*a > (unsigned char)*b;
}

/* ---- reasons: inline, then on the heap (struct mdevdesc_report) --------- */

static mdevdesc_reason *slot(mdevdesc_report *r, size_t i)
{
	return i < MDEVDESC_REPORT_INLINE ? &r->inline_reasons[i] : &r->more[i - MDEVDESC_REPORT_INLINE];
}

const mdevdesc_reason *mdevdesc_report_reason(const mdevdesc_report *r, size_t i)
{
	if (!r || i >= r->n_reasons)
		return NULL;
	if (i >= MDEVDESC_REPORT_INLINE && (r->nomem || i - MDEVDESC_REPORT_INLINE >= r->more_cap))
		return NULL;
	return slot((mdevdesc_report *)(uintptr_t)r, i);
}

void mdevdesc_report_fini(mdevdesc_report *r)
{
	if (!r)
		return;
	free(r->more);
	r->more = NULL;
	r->more_cap = 0;
}

void md_report_start(mdevdesc_report *r, const struct mdevdesc_descriptor *s,
		     const struct mdevdesc_descriptor *d)
{
	r->n_reasons = 0;
	r->nomem = 0;
	r->more = NULL;
	r->more_cap = 0;
	r->src = s;
	r->dst = d;
}

/*
 * Room for one more reason, or NULL when it can only be counted (the heap
 * allocation failed).  Counts it in any case.
 */
mdevdesc_reason *md_report_add(mdevdesc_report *r, mdevdesc_reason_code code, const char *seg0,
			       const char *seg1, const char *seg2)
{
	size_t i = r->n_reasons++;
	mdevdesc_reason *x;

	if (r->nomem)
		return NULL;
	if (i >= MDEVDESC_REPORT_INLINE && i - MDEVDESC_REPORT_INLINE >= r->more_cap) {
		size_t cap = r->more_cap ? r->more_cap * 2 : 32;
		mdevdesc_reason *m = realloc(r->more, cap * sizeof(*m));
		if (!m) {
			r->nomem = 1;
			return NULL;
		}
		r->more = m;
		r->more_cap = cap;
	}
	x = slot(r, i);
	x->code = code;
	x->rule = md_reason_rule(code);
	x->path[0] = seg0;
	x->path[1] = seg1;
	x->path[2] = seg1 ? seg2 : NULL;
	x->path[3] = NULL;
	x->side = 0;
	x->src_text = x->dst_text = NULL;
	x->src_entry = x->dst_entry = NULL;
	return x;
}

/* Record a reason; NULL when it is only counted (fast mode, no memory). */
static mdevdesc_reason *add(md_check *c, mdevdesc_reason_code code, const char *seg0,
			    const char *seg1, const char *seg2)
{
	if (code != MDEVDESC_R_UNKNOWN_KEY && code != MDEVDESC_R_UNKNOWN_ENUM)
		c->fails++;
	if (c->fast) {
		c->r->n_reasons++;
		return NULL;
	}
	return md_report_add(c->r, code, seg0, seg1, seg2);
}

long mdevdesc_reason_path(const mdevdesc_reason *x, char *buf, size_t size)
{
	size_t len = 0, i, n;

	if (!x)
		return -1;
	for (i = 0; i < 3 && x->path[i]; i++) {
		const char *seg = x->path[i];
		n = strlen(seg);
		if (i) {
			if (len + 1 < size)
				buf[len] = '.';
			len++;
		}
		if (len < size)
			memcpy(buf + len, seg, len + n < size ? n : size - 1 - len);
		len += n;
	}
	if (size)
		buf[len < size ? len : size - 1] = '\0';
	return (long)len;
}

/* Compare two reasons' paths as the joined texts would compare, byte-wise. */
int md_path_cmp(const mdevdesc_reason *a, const mdevdesc_reason *b)
{
	int ia = 0, ib = 0;
	const char *pa = a->path[0] ? a->path[0] : "", *pb = b->path[0] ? b->path[0] : "";

	for (;;) {
		unsigned ca, cb;
		if (!*pa && ia < 2 && a->path[ia + 1]) {
			ca = '.';
			pa = a->path[++ia];
		} else {
			ca = (unsigned char)*pa;
			if (ca)
				pa++;
		}
		if (!*pb && ib < 2 && b->path[ib + 1]) {
			cb = '.';
			pb = b->path[++ib];
		} else {
			cb = (unsigned char)*pb;
			if (cb)
				pb++;
		}
		if (ca != cb)
			return ca < cb ? -1 : 1;
		if (!ca)
			return 0;
	}
}

/* ---- 6.2 identity ---------------------------------------------------- */

static int str_eq(const char *a, const char *b)
{
	return a == b || (a && b && name_cmp(a, b) == 0);
}

static void identity(md_check *c, const struct mdevdesc_descriptor *s,
		     const struct mdevdesc_descriptor *d)
{
	static const struct {
		mdevdesc_reason_code code;
		const char *key;
		size_t off;
	} keys[] = {
		{ MDEVDESC_R_IDENTITY_VENDOR, "vendor", offsetof(struct mdevdesc_descriptor, vendor) },
		{ MDEVDESC_R_IDENTITY_TYPE, "type", offsetof(struct mdevdesc_descriptor, type) },
		{ MDEVDESC_R_IDENTITY_DEVICE_API, "device_api",
		  offsetof(struct mdevdesc_descriptor, device_api) },
	};
	size_t i;

	for (i = 0; i < 3; i++) {
		const char *a = *(const char *const *)(const void *)((const char *)s + keys[i].off);
		const char *b = *(const char *const *)(const void *)((const char *)d + keys[i].off);
		mdevdesc_reason *x;

		if (str_eq(a, b))
			continue;
		x = add(c, keys[i].code, keys[i].key, NULL, NULL);
		if (x) {
			x->src_text = a;
			x->dst_text = b;
		}
	}
}

/* ---- 6.3 version ---------------------------------------------------- */

static int in_entry(const struct mdevdesc_version *v, const struct mdevdesc_version_entry *e)
{
	const struct mdevdesc_version *hi = e->is_range ? &e->high : &e->low;

	return md_version_cmp(&e->low, 0, v, 0) <= 0 && md_version_cmp(v, 0, hi, 1) <= 0;
}

int md_accepts_version(const struct mdevdesc_descriptor *d, const struct mdevdesc_version *v)
{
	size_t i;

	if (v->major == d->version.major && v->minor <= d->version.minor)
		return 1;
	for (i = 0; i < d->n_accepts; i++)
		if (in_entry(v, &d->accepts[i]))
			return 1;
	return 0;
}

/* ---- 6.4 feature bitmaps -------------------------------------------- */

/* Bits set in @s and not in @d; superset holds when there are none. */
static int missing_any(const char *s, const char *d)
{
	size_t ns = md_bm_digits(s), nd = md_bm_digits(d), i;

	for (i = 0; i < ns; i++)
		if (md_bm_digit(s, ns, i) & ~md_bm_digit(d, nd, i))
			return 1;
	return 0;
}

static int bitmap_eq(const char *s, const char *d)
{
	size_t ns = md_bm_digits(s), nd = md_bm_digits(d), i, n = ns > nd ? ns : nd;

	for (i = 0; i < n; i++)
		if (md_bm_digit(s, ns, i) != md_bm_digit(d, nd, i))
			return 0;
	return 1;
}

static void features(md_check *c, const struct mdevdesc_descriptor *s,
		     const struct mdevdesc_descriptor *d)
{
	size_t i = 0, j = 0;

	while (i < s->n_features || j < d->n_features) {
		const struct mdevdesc_feature *fs = NULL, *fd = NULL;
		const char *sb, *db;
		enum mdevdesc_rule rule;
		int cmp;

		if (i == s->n_features)
			cmp = 1;
		else if (j == d->n_features)
			cmp = -1;
		else
			cmp = name_cmp(s->features[i].name, d->features[j].name);
		if (cmp <= 0)
			fs = &s->features[i++];
		if (cmp >= 0)
			fd = &d->features[j++];
		sb = fs ? fs->bits : NULL;
		db = fd ? fd->bits : NULL;
		rule = fd ? fd->rule : MDEVDESC_RULE_SUPERSET;
		if (rule == MDEVDESC_RULE_SUPERSET && sb && missing_any(sb, db)) {
			mdevdesc_reason *x = add(c, MDEVDESC_R_FEATURE_MISSING_BITS, "features",
						 fs->name, "bits");
			if (x) {
				x->src_text = sb;
				x->dst_text = db;
			}
		} else if (rule == MDEVDESC_RULE_EQUAL && !bitmap_eq(sb, db)) {
			mdevdesc_reason *x = add(c, MDEVDESC_R_FEATURE_NOT_EQUAL, "features",
						 fd->name, "bits");
			if (x) {
				x->src_text = sb;
				x->dst_text = db;
			}
		}
		if (c->fast && c->fails)
			return;
	}
}

/* ---- 6.5 params and hw ---------------------------------------------- */

int md_entry_accepts(const struct mdevdesc_param *e, const struct mdevdesc_value *v)
{
	if (e->n_accepts)
		return md_value_in(v, e->accepts, e->n_accepts);
	return md_value_eq(v, &e->value);
}

/*
 * One merge walk over both sorted entry lists: the source's entries are
 * checked in name order; the target's own entries are counted (each needs
 * a default) and, when one lacks it, reported afterwards in name order
 * (spec 6.1 R-COMPAT-REPORT: source entries first).
 */
static void entries(md_check *c, int hw, const struct mdevdesc_param *s, size_t ns,
		    const struct mdevdesc_param *d, size_t nd)
{
	const char *sec = hw ? "hw" : "params";
	size_t i = 0, j = 0, only = 0;
	int no_default = 0;

	while (i < ns || j < nd) {
		int cmp = i == ns ? 1 : j == nd ? -1 : name_cmp(s[i].name, d[j].name);
		mdevdesc_reason *x = NULL;

		if (cmp > 0) {
			only++;
			no_default |= d[j].def.kind == MDEVDESC_VALUE_NONE;
			j++;
			continue;
		}
		if (cmp < 0)
			x = add(c, hw ? MDEVDESC_R_HW_MISSING_IN_TARGET : MDEVDESC_R_PARAM_MISSING_IN_TARGET,
				sec, s[i].name, NULL);
		else if (!md_entry_accepts(&d[j], &s[i].value))
			x = add(c, hw ? MDEVDESC_R_HW_NOT_ACCEPTED : MDEVDESC_R_PARAM_NOT_ACCEPTED,
				sec, s[i].name, "value");
		if (x) {
			x->src_entry = &s[i];
			x->dst_entry = cmp == 0 ? &d[j] : NULL;
		}
		if (c->fast && c->fails)
			return;
		i++;
		if (cmp == 0)
			j++;
	}
	c->defaults += only;
	if (!no_default)
		return;
	for (i = 0, j = 0; j < nd; j++) {
		mdevdesc_reason *x;

		while (i < ns && name_cmp(s[i].name, d[j].name) < 0)
			i++;
		if (d[j].def.kind != MDEVDESC_VALUE_NONE || (i < ns && name_cmp(s[i].name, d[j].name) == 0))
			continue;
		x = add(c, hw ? MDEVDESC_R_HW_NO_DEFAULT : MDEVDESC_R_PARAM_NO_DEFAULT, sec, d[j].name,
			NULL);
		if (x)
			x->dst_entry = &d[j];
		if (c->fast)
			return;
	}
}

/* ---- 6.1 unknown items ------------------------------------------------ */

static int is_ext(const char *key)
{
	return key[0] == 'x' && key[1] == '-';
}

static void unknown_extras(md_check *c, int side, const char *prefix, const char *name,
			   const struct mdevdesc_node *x, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		mdevdesc_reason *r;

		if (is_ext(x[i].key))
			continue;
		r = prefix ? add(c, MDEVDESC_R_UNKNOWN_KEY, prefix, name, x[i].key)
			   : add(c, MDEVDESC_R_UNKNOWN_KEY, x[i].key, NULL, NULL);
		if (r)
			r->side = side;
	}
}

static int cmp_path(const void *a, const void *b)
{
	return md_path_cmp(a, b);
}

/* Sort reasons [first, r->n_reasons) by path; they may span inline and heap. */
static void sort_by_path(mdevdesc_report *r, size_t first)
{
	size_t n = r->n_reasons - first, i;
	mdevdesc_reason *tmp;

	if (n < 2 || r->nomem)
		return;
	if (first + n <= MDEVDESC_REPORT_INLINE) {
		qsort(&r->inline_reasons[first], n, sizeof(mdevdesc_reason), cmp_path);
		return;
	}
	if (first >= MDEVDESC_REPORT_INLINE) {
		qsort(&r->more[first - MDEVDESC_REPORT_INLINE], n, sizeof(mdevdesc_reason), cmp_path);
		return;
	}
	tmp = malloc(n * sizeof(*tmp));
	if (!tmp) {
		r->nomem = 1;
		return;
	}
	for (i = 0; i < n; i++)
		tmp[i] = *slot(r, first + i);
	qsort(tmp, n, sizeof(*tmp), cmp_path);
	for (i = 0; i < n; i++)
		*slot(r, first + i) = tmp[i];
	free(tmp);
}

static size_t unknown_items(md_check *c, const struct mdevdesc_descriptor *d, int side)
{
	size_t first = c->r->n_reasons, i, n;

	if (!md_device_api_known(d->device_api)) {
		mdevdesc_reason *x = add(c, MDEVDESC_R_UNKNOWN_ENUM, "device_api", NULL, NULL);
		if (x) {
			x->side = side;
			*(side ? &x->dst_text : &x->src_text) = d->device_api;
		}
	}
	unknown_extras(c, side, NULL, NULL, d->extra, d->n_extra);
	for (i = 0; i < d->n_features; i++) {
		const struct mdevdesc_feature *f = &d->features[i];
		if (f->rule != MDEVDESC_RULE_SUPERSET && f->rule != MDEVDESC_RULE_EQUAL) {
			mdevdesc_reason *x = add(c, MDEVDESC_R_UNKNOWN_ENUM, "features", f->name, "rule");
			if (x) {
				x->side = side;
				*(side ? &x->dst_text : &x->src_text) = f->rule_name;
			}
		}
		unknown_extras(c, side, "features", f->name, f->extra, f->n_extra);
	}
	for (i = 0; i < d->n_hw; i++)
		unknown_extras(c, side, "hw", d->hw[i].name, d->hw[i].extra, d->hw[i].n_extra);
	for (i = 0; i < d->n_params; i++)
		unknown_extras(c, side, "params", d->params[i].name, d->params[i].extra,
			       d->params[i].n_extra);
	n = c->r->n_reasons - first;
	if (!c->fast)
		sort_by_path(c->r, first);
	return n;
}

/* ---- 6.6 configuration, and the check ---------------------------------- */

int md_creates_minor(const struct mdevdesc_descriptor *d, uint32_t major, uint32_t minor)
{
	size_t i;

	if (d->version.major == major && d->version.minor == minor)
		return 1;
	for (i = 0; i < d->n_creates; i++)
		if (d->creates[i].low.major == major && d->creates[i].low.minor == minor)
			return 1;
	return 0;
}

static void configure(mdevdesc_report *r, size_t defaults)
{
	const struct mdevdesc_descriptor *s = r->src, *d = r->dst;

	r->resume_version = s->version;
	r->reversible = md_creates_minor(d, s->version.major, s->version.minor);
	if (r->reversible) {
		r->create_version = s->version;
		r->create_version.patch = 0;
		r->create_version.has_patch = 0;
	} else {
		r->create_version = d->version;
	}
	r->defaults_applied = defaults;
}

int md_check_compat(const struct mdevdesc_descriptor *s, const struct mdevdesc_descriptor *d,
		    mdevdesc_report *r, int fast)
{
	md_check c = { r, fast, 0, 0 };
	size_t unknown;

	if (!s || !d || !r || s->format_major != MDEVDESC_FORMAT_MAJOR ||
	    d->format_major != MDEVDESC_FORMAT_MAJOR)
		return -1;
	md_report_start(r, s, d);
	identity(&c, s, d);
	if (!(fast && c.fails) && !md_accepts_version(d, &s->version)) {
		mdevdesc_reason *x = add(&c, MDEVDESC_R_VERSION_NOT_ACCEPTED, "version", NULL, NULL);
		(void)x;
	}
	if (!(fast && c.fails))
		features(&c, s, d);
	if (!(fast && c.fails))
		entries(&c, 1, s->hw, s->n_hw, d->hw, d->n_hw);
	if (!(fast && c.fails))
		entries(&c, 0, s->params, s->n_params, d->params, d->n_params);
	if (fast && c.fails) {
		r->verdict = MDEVDESC_INCOMPATIBLE;
		return r->verdict;
	}
	unknown = unknown_items(&c, s, 0);
	unknown += unknown_items(&c, d, 1);
	if (c.fails)
		r->verdict = MDEVDESC_INCOMPATIBLE;
	else if (unknown)
		r->verdict = MDEVDESC_UNDECIDABLE;
	else {
		r->verdict = MDEVDESC_COMPATIBLE;
		configure(r, c.defaults);
	}
	return r->verdict;
}

int mdevdesc_check_compat(const struct mdevdesc_descriptor *src,
			  const struct mdevdesc_descriptor *dst, mdevdesc_report *r)
{
	return md_check_compat(src, dst, r, 0);
}

/* ---- rendering ---------------------------------------------------------- */

struct out {
	char *buf;
	size_t size, len;
};

static void put(struct out *o, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;

static void put(struct out *o, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(o->len < o->size ? o->buf + o->len : NULL,
		      o->len < o->size ? o->size - o->len : 0, fmt, ap);
	va_end(ap);
	if (n > 0)
		o->len += (size_t)n;
}

static void put_value(struct out *o, const struct mdevdesc_value *v)
{
	switch (v->kind) {
	case MDEVDESC_VALUE_INT: put(o, "%lld", (long long)v->i); break;
	case MDEVDESC_VALUE_RANGE: put(o, "%lld..%lld", (long long)v->i, (long long)v->hi); break;
	case MDEVDESC_VALUE_STR: put(o, "\"%s\"", v->s); break;
	default: break;
	}
}

static void put_version(struct out *o, const struct mdevdesc_version *v)
{
	if (v->has_patch)
		put(o, "%u.%u.%u", (unsigned)v->major, (unsigned)v->minor, (unsigned)v->patch);
	else
		put(o, "%u.%u", (unsigned)v->major, (unsigned)v->minor);
}

static void put_missing(struct out *o, const char *s, const char *d)
{
	size_t ns = md_bm_digits(s), nd = md_bm_digits(d), i;
	unsigned b;
	int first = 1;

	for (i = 0; i < ns; i++) {
		unsigned m = md_bm_digit(s, ns, i) & ~md_bm_digit(d, nd, i);
		for (b = 0; b < 4; b++)
			if (m & (1u << b)) {
				put(o, first ? "%zu" : ",%zu", i * 4 + b);
				first = 0;
			}
	}
}

long mdevdesc_reason_text(const mdevdesc_report *r, const mdevdesc_reason *x, int which,
			  char *buf, size_t size)
{
	struct out o = { buf, size, 0 };
	const struct mdevdesc_param *e = which == 0 ? x->src_entry : x->dst_entry;
	const char *text = which == 0 ? x->src_text : x->dst_text;
	size_t i;

	if (!r || !x)
		return -1;
	if (size)
		buf[0] = '\0';
	switch (x->code) {
	case MDEVDESC_R_VERSION_NOT_ACCEPTED:
		if (which == 0) {
			put_version(&o, &r->src->version);
		} else if (which == 1) {
			put_version(&o, &r->dst->version);
			for (i = 0; i < r->dst->n_accepts; i++) {
				const struct mdevdesc_version_entry *a = &r->dst->accepts[i];
				put(&o, i ? ", " : " (accepts ");
				put_version(&o, &a->low);
				if (a->is_range) {
					put(&o, "..");
					put_version(&o, &a->high);
				}
			}
			if (r->dst->n_accepts)
				put(&o, ")");
		}
		break;
	case MDEVDESC_R_FEATURE_MISSING_BITS:
	case MDEVDESC_R_FEATURE_NOT_EQUAL:
		if (which == 2 && x->code == MDEVDESC_R_FEATURE_MISSING_BITS)
			put_missing(&o, x->src_text, x->dst_text);
		else if (which < 2)
			put(&o, "%s", text ? text : "0x0");
		break;
	case MDEVDESC_R_HW_NOT_ACCEPTED:
	case MDEVDESC_R_PARAM_NOT_ACCEPTED:
		if (which == 1 && e && e->n_accepts) {
			for (i = 0; i < e->n_accepts; i++) {
				put(&o, i ? ", " : "[");
				put_value(&o, &e->accepts[i]);
			}
			put(&o, "]");
			break;
		}
		/* fall through */
	case MDEVDESC_R_HW_MISSING_IN_TARGET:
	case MDEVDESC_R_PARAM_MISSING_IN_TARGET:
	case MDEVDESC_R_HW_NO_DEFAULT:
	case MDEVDESC_R_PARAM_NO_DEFAULT:
		if (which < 2 && e)
			put_value(&o, &e->value);
		break;
	default:
		if (which < 2 && text)
			put(&o, "%s", text);
		break;
	}
	return (long)o.len;
}

int mdevdesc_report_setting(const mdevdesc_report *r, int section, size_t i, const char **name,
			    const struct mdevdesc_value **value, int *from_default)
{
	const struct mdevdesc_param *s, *d, *e;
	size_t ns, nd, hint = 0;

	if (!r || r->verdict != MDEVDESC_COMPATIBLE)
		return 0;
	s = section ? r->src->params : r->src->hw;
	ns = section ? r->src->n_params : r->src->n_hw;
	d = section ? r->dst->params : r->dst->hw;
	nd = section ? r->dst->n_params : r->dst->n_hw;
	if (i >= nd)
		return 0;
	while (hint < ns && strcmp(s[hint].name, d[i].name) < 0)
		hint++;
	e = hint < ns && strcmp(s[hint].name, d[i].name) == 0 ? &s[hint] : NULL;
	if (name)
		*name = d[i].name;
	if (value)
		*value = e ? &e->value : &d[i].def;
	if (from_default)
		*from_default = !e;
	return 1;
}

int mdevdesc_report_feature(const mdevdesc_report *r, size_t i, const char **name,
			    const char **bits)
{
	const struct mdevdesc_descriptor *s, *d;
	size_t a = 0, b = 0, k = 0;

	if (!r || r->verdict != MDEVDESC_COMPATIBLE)
		return 0;
	s = r->src;
	d = r->dst;
	while (a < s->n_features || b < d->n_features) {
		int cmp = a == s->n_features ? 1 : b == d->n_features ? -1
					: strcmp(s->features[a].name, d->features[b].name);
		const struct mdevdesc_feature *f = cmp <= 0 ? &s->features[a] : &d->features[b];

		if (k++ == i) {
			if (name)
				*name = f->name;
			if (bits)
				*bits = cmp <= 0 ? s->features[a].bits : "0x0";
			return 1;
		}
		if (cmp <= 0)
			a++;
		if (cmp >= 0)
			b++;
	}
	return 0;
}

/* ---- 6.7 ranking -------------------------------------------------------- */

int md_rank_cmp(const void *pa, const void *pb)
{
	const mdevdesc_ranked *a = pa, *b = pb;
	int v;

	if (a->reversible != b->reversible)
		return a->reversible ? -1 : 1;
	if (a->defaults_applied != b->defaults_applied)
		return a->defaults_applied < b->defaults_applied ? -1 : 1;
	if (a->same_major != b->same_major)
		return a->same_major ? -1 : 1;
	if (a->distance != b->distance)
		return a->distance < b->distance ? -1 : 1;
	v = md_version_cmp(&a->version, 0, &b->version, 0);
	if (v)
		return -v; /* newer first */
	return a->index < b->index ? -1 : a->index > b->index;
}

void md_ranked_from(const mdevdesc_report *r, size_t index, mdevdesc_ranked *k)
{
	const struct mdevdesc_version *s = &r->src->version, *d = &r->dst->version;

	k->index = index;
	k->reversible = r->reversible;
	k->defaults_applied = r->defaults_applied;
	k->same_major = s->major == d->major;
	k->distance = d->minor > s->minor ? d->minor - s->minor : s->minor - d->minor;
	k->version = *d;
}

void md_rank_sort(mdevdesc_ranked *v, size_t n)
{
	/* @v may be NULL when there is nothing to sort: qsort must not see it. */
	if (n > 1)
		qsort(v, n, sizeof(*v), md_rank_cmp);
}

size_t mdevdesc_rank(const struct mdevdesc_descriptor *src,
		     const struct mdevdesc_descriptor *const *targets, size_t n, mdevdesc_ranked *out)
{
	mdevdesc_report r;
	size_t i, m = 0;

	if (!src || (n && (!targets || !out)))
		return 0;
	for (i = 0; i < n; i++)
		if (md_check_compat(src, targets[i], &r, 1) == MDEVDESC_COMPATIBLE)
			md_ranked_from(&r, i, &out[m++]);
	md_rank_sort(out, m);
	return m;
}
