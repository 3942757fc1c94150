/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/*
 * report.c - the answer of a compatibility check (spec 6.1, 6.6): the
 * report object, its reasons, checks and target configuration, their
 * accessors, and the rendering of paths and values as text.
 *
 * A report owns growable arrays from its allocator and keeps them across
 * checks: a check empties them and fills them again, so that checking many
 * pairs with one report allocates only until it has held the largest.
 * Reasons and checks point into the descriptors checked or at constants.
 */
#include <stdarg.h>
#include <stdio.h>
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

/* ---- the object ------------------------------------------------------ */

mdevdesc_report *md_report_alloc(const mdevdesc_alc *alc)
{
	mdevdesc_report *r = md_zalloc(alc, sizeof(*r));

	if (r) {
		r->alc = *alc;
		r->verdict = MDEVDESC_UNDECIDABLE;
	}
	return r;
}

mdevdesc_code mdevdesc_report_new(const mdevdesc_options *opt, mdevdesc_report **out)
{
	const mdevdesc_alc *alc = md_options_alc(opt);

	if (!out)
		return MDEVDESC_E_INVALID_ARGUMENT;
	*out = NULL;
	if (!alc)
		return MDEVDESC_E_INVALID_ARGUMENT;
	*out = md_report_alloc(alc);
	return *out ? MDEVDESC_OK : MDEVDESC_E_NOMEM;
}

void mdevdesc_report_free(mdevdesc_report *r)
{
	mdevdesc_alc alc;

	if (!r)
		return;
	alc = r->alc;
	md_free(&alc, r->reasons);
	md_free(&alc, r->checks);
	md_free(&alc, r->settings[0]);
	md_free(&alc, r->settings[1]);
	md_free(&alc, r->features);
	md_free(&alc, r->inst_entries[0]);
	md_free(&alc, r->inst_entries[1]);
	md_free(&alc, r->inst_features);
	md_free(&alc, r);
}

void md_report_start(mdevdesc_report *r, const struct mdevdesc_descriptor *s,
		     const struct mdevdesc_descriptor *d)
{
	md_report_clear(r);
	r->src = s;
	r->dst = d;
}

void md_report_clear(mdevdesc_report *r)
{
	r->filled = 0;
	r->nomem = 0;
	r->verdict = MDEVDESC_UNDECIDABLE;
	r->src = r->dst = NULL;
	r->n_reasons = r->n_checks = r->n_features = 0;
	r->n_settings[0] = r->n_settings[1] = 0;
	r->same_minor = 0;
	r->defaults_applied = 0;
}

void *md_report_room(mdevdesc_report *r, void *v, size_t n, size_t *cap, size_t size)
{
	size_t nc;
	void *p;

	if (r->nomem)
		return NULL;
	if (n < *cap)
		return v;
	nc = *cap ? *cap * 2 : 16;
	p = nc <= (size_t)-1 / size ? md_realloc(&r->alc, v, *cap * size, nc * size) : NULL;
	if (!p) {
		r->nomem = 1;
		return NULL;
	}
	*cap = nc;
	return p;
}

static void set_path(const char **path, const char *seg0, const char *seg1, const char *seg2)
{
	path[0] = seg0;
	path[1] = seg1;
	path[2] = seg1 ? seg2 : NULL;
	path[3] = NULL;
}

mdevdesc_reason *md_report_add(mdevdesc_report *r, mdevdesc_reason_code code, const char *seg0,
			       const char *seg1, const char *seg2)
{
	mdevdesc_reason *v = md_report_room(r, r->reasons, r->n_reasons, &r->cap_reasons, sizeof(*v)), *x;

	if (!v)
		return NULL;
	r->reasons = v;
	x = &v[r->n_reasons++];
	memset(x, 0, sizeof(*x));
	x->code = code;
	x->rule = md_reason_rule(code);
	set_path(x->path, seg0, seg1, seg2);
	return x;
}

mdevdesc_check *md_report_add_check(mdevdesc_report *r, const char *rule, const char *seg0,
				    const char *seg1, const char *seg2)
{
	mdevdesc_check *v = md_report_room(r, r->checks, r->n_checks, &r->cap_checks, sizeof(*v)), *k;

	if (!v)
		return NULL;
	r->checks = v;
	k = &v[r->n_checks++];
	memset(k, 0, sizeof(*k));
	k->rule = rule;
	set_path(k->path, seg0, seg1, seg2);
	return k;
}

mdevdesc_setting *md_report_add_setting(mdevdesc_report *r, mdevdesc_section s)
{
	mdevdesc_setting *v = md_report_room(r, r->settings[s], r->n_settings[s], &r->cap_settings[s],
				   sizeof(*v));

	if (!v)
		return NULL;
	r->settings[s] = v;
	return &v[r->n_settings[s]++];
}

mdevdesc_feature_setting *md_report_add_feature(mdevdesc_report *r)
{
	mdevdesc_feature_setting *v = md_report_room(r, r->features, r->n_features, &r->cap_features,
					   sizeof(*v));

	if (!v)
		return NULL;
	r->features = v;
	return &v[r->n_features++];
}

/* ---- accessors ----------------------------------------------------------- */

mdevdesc_verdict mdevdesc_report_verdict(const mdevdesc_report *r)
{
	return r && r->filled ? r->verdict : MDEVDESC_UNDECIDABLE;
}

const struct mdevdesc_descriptor *mdevdesc_report_source(const mdevdesc_report *r)
{
	return r ? r->src : NULL;
}

const struct mdevdesc_descriptor *mdevdesc_report_target(const mdevdesc_report *r)
{
	return r ? r->dst : NULL;
}

size_t mdevdesc_report_reason_count(const mdevdesc_report *r)
{
	return r ? r->n_reasons : 0;
}

const mdevdesc_reason *mdevdesc_report_reason(const mdevdesc_report *r, size_t i)
{
	return r && i < r->n_reasons ? &r->reasons[i] : NULL;
}

size_t mdevdesc_report_check_count(const mdevdesc_report *r)
{
	return r ? r->n_checks : 0;
}

const mdevdesc_check *mdevdesc_report_check(const mdevdesc_report *r, size_t i)
{
	return r && i < r->n_checks ? &r->checks[i] : NULL;
}

static int configured(const mdevdesc_report *r)
{
	return r && r->filled && r->verdict == MDEVDESC_COMPATIBLE;
}

const struct mdevdesc_version *mdevdesc_report_resume_version(const mdevdesc_report *r)
{
	return configured(r) ? &r->resume_version : NULL;
}

const struct mdevdesc_version *mdevdesc_report_create_version(const mdevdesc_report *r)
{
	return configured(r) ? &r->create_version : NULL;
}

int mdevdesc_report_same_minor(const mdevdesc_report *r)
{
	return configured(r) ? r->same_minor : 0;
}

int mdevdesc_report_reversible(const mdevdesc_report *r)
{
	return mdevdesc_report_same_minor(r);
}

const struct mdevdesc_descriptor *mdevdesc_report_target_instance(const mdevdesc_report *r)
{
	return configured(r) ? &r->instance : NULL;
}

size_t mdevdesc_report_defaults_applied(const mdevdesc_report *r)
{
	return configured(r) ? r->defaults_applied : 0;
}

size_t mdevdesc_report_setting_count(const mdevdesc_report *r, mdevdesc_section s)
{
	return r && (s == MDEVDESC_SECTION_HW || s == MDEVDESC_SECTION_PARAMS) ? r->n_settings[s] : 0;
}

const mdevdesc_setting *mdevdesc_report_setting(const mdevdesc_report *r, mdevdesc_section s,
						size_t i)
{
	return i < mdevdesc_report_setting_count(r, s) ? &r->settings[s][i] : NULL;
}

size_t mdevdesc_report_feature_count(const mdevdesc_report *r)
{
	return r ? r->n_features : 0;
}

const mdevdesc_feature_setting *mdevdesc_report_feature(const mdevdesc_report *r, size_t i)
{
	return r && i < r->n_features ? &r->features[i] : NULL;
}

/* ---- paths --------------------------------------------------------------- */

static long join_path(const char *const *path, char *buf, size_t size)
{
	size_t len = 0, i, n;

	if (!buf)
		size = 0;
	for (i = 0; i < 3 && path[i]; i++) {
		const char *seg = path[i];
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

long mdevdesc_reason_path(const mdevdesc_reason *x, char *buf, size_t size)
{
	return x ? join_path(x->path, buf, size) : -1;
}

long mdevdesc_check_path(const mdevdesc_check *c, char *buf, size_t size)
{
	return c ? join_path(c->path, buf, size) : -1;
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

/* ---- values as text ------------------------------------------------------ */

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
	int room = o->len < o->size;

	o->len += md_value_text(room ? o->buf + o->len : NULL, room ? o->size - o->len : 0, v, 0);
}

static void put_version(struct out *o, const struct mdevdesc_version *v)
{
	if (v->has_patch)
		put(o, "%u.%u.%u", (unsigned)v->major, (unsigned)v->minor, (unsigned)v->patch);
	else
		put(o, "%u.%u", (unsigned)v->major, (unsigned)v->minor);
}

/* The numbers of the bits set in @s and not in @d (NULL: 0x0), ascending: "3,12". */
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

/*
 * Whether the source's value of hw or params reason @x has another type
 * than everything the target accepts (spec 6.5: 3990 is not "3990"): then
 * the texts name the types.
 */
static int other_type(const mdevdesc_reason *x)
{
	const struct mdevdesc_param *s = x->src_entry, *d = x->dst_entry;

	if (!s || !d)
		return 0;
	return d->n_accepts ? md_type_differs(&s->value, d->accepts, d->n_accepts)
			    : md_type_differs(&s->value, &d->value, 1);
}

/* " (integer)", " (strings)": the type of the values of @e that a text shows. */
static void put_type(struct out *o, const struct mdevdesc_param *e, int accepts)
{
	int plural = accepts && e->n_accepts > 1;

	put(o, " (%s%s)", (accepts ? e->accepts[0].kind : e->value.kind) == MDEVDESC_VALUE_STR
				  ? "string" : "integer", plural ? "s" : "");
}

/* The target's version and accepts: "2.3.1 (accepts 1.9, 1.8.0..1.8.9)". */
static void put_accepts(struct out *o, const struct mdevdesc_descriptor *d)
{
	size_t i;

	put_version(o, &d->version);
	for (i = 0; i < d->n_accepts; i++) {
		const struct mdevdesc_version_entry *a = &d->accepts[i];
		put(o, i ? ", " : " (accepts ");
		put_version(o, &a->low);
		if (a->is_range) {
			put(o, "..");
			put_version(o, &a->high);
		}
	}
	if (d->n_accepts)
		put(o, ")");
}

long mdevdesc_reason_text(const mdevdesc_report *r, const mdevdesc_reason *x, mdevdesc_text which,
			  char *buf, size_t size)
{
	struct out o = { buf, buf ? size : 0, 0 };
	const struct mdevdesc_param *e;
	const char *text;
	size_t i;

	if (!r || !x || (which != MDEVDESC_TEXT_SOURCE && which != MDEVDESC_TEXT_TARGET &&
			 which != MDEVDESC_TEXT_MISSING_BITS))
		return -1;
	e = which == MDEVDESC_TEXT_SOURCE ? x->src_entry : x->dst_entry;
	text = which == MDEVDESC_TEXT_SOURCE ? x->src_text : x->dst_text;
	if (o.size)
		buf[0] = '\0';
	switch (x->code) {
	case MDEVDESC_R_VERSION_NOT_ACCEPTED:
		if (which == MDEVDESC_TEXT_SOURCE && r->src)
			put_version(&o, &r->src->version);
		else if (which == MDEVDESC_TEXT_TARGET && r->dst)
			put_accepts(&o, r->dst);
		break;
	case MDEVDESC_R_FEATURE_MISSING_BITS:
	case MDEVDESC_R_FEATURE_NOT_EQUAL:
		if (which != MDEVDESC_TEXT_MISSING_BITS)
			put(&o, "%s", text ? text : "0x0");
		else if (x->code == MDEVDESC_R_FEATURE_MISSING_BITS)
			put_missing(&o, x->src_text, x->dst_text);
		break;
	case MDEVDESC_R_HW_NOT_ACCEPTED:
	case MDEVDESC_R_PARAM_NOT_ACCEPTED:
		if (which == MDEVDESC_TEXT_MISSING_BITS || !e)
			break;
		if (which == MDEVDESC_TEXT_TARGET && e->n_accepts) {
			for (i = 0; i < e->n_accepts; i++) {
				put(&o, i ? ", " : "[");
				put_value(&o, &e->accepts[i]);
			}
			put(&o, "]");
		} else {
			put_value(&o, &e->value);
		}
		if (other_type(x))
			put_type(&o, e, which == MDEVDESC_TEXT_TARGET && e->n_accepts);
		break;
	case MDEVDESC_R_HW_MISSING_IN_TARGET:
	case MDEVDESC_R_PARAM_MISSING_IN_TARGET:
	case MDEVDESC_R_HW_NO_DEFAULT:
	case MDEVDESC_R_PARAM_NO_DEFAULT:
		if (which != MDEVDESC_TEXT_MISSING_BITS && e)
			put_value(&o, &e->value);
		break;
	default:
		if (which != MDEVDESC_TEXT_MISSING_BITS && text)
			put(&o, "%s", text);
		break;
	}
	return (long)o.len;
}
