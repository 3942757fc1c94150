/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/*
 * compat.c - compatibility resolution (spec 6): the rules of one source
 * against one target, the check that records them in a report (report.c)
 * with the target configuration, the unknown items of a descriptor, and
 * ranking.
 *
 * Works on the plain descriptor structs, whose hw, params and features
 * arrays are sorted by name, so every comparison is a merge walk.  A check
 * records every rule it evaluates, passing or failing, and every reason.
 * Ranking runs the same rules without a report: it stops at the first
 * failing rule, stores nothing and allocates nothing.
 */
#include <stdlib.h>
#include <string.h>

#include "compat/compat.h"

typedef struct md_check {
	mdevdesc_report *r; /* NULL: ranking, count only and stop at the first failure */
	size_t fails;       /* understood failing rules */
	size_t found;       /* reasons: failing rules and unknown items */
	size_t defaults;    /* hw and params entries only the target has */
} md_check;

/* Ranking stops at the first failing rule. */
static int stop(const md_check *c)
{
	return !c->r && c->fails;
}

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

/* A failing rule: a check and its reason; the reason to fill in, or NULL. */
static mdevdesc_reason *fail(md_check *c, mdevdesc_reason_code code, const char *seg0,
			     const char *seg1, const char *seg2)
{
	mdevdesc_check *k;

	c->found++;
	c->fails++;
	if (!c->r)
		return NULL;
	k = md_report_add_check(c->r, md_reason_rule(code), seg0, seg1, seg2);
	if (k) {
		k->outcome = MDEVDESC_FAILED;
		k->code = code;
	}
	return md_report_add(c->r, code, seg0, seg1, seg2);
}

/* A passing rule: the check to fill in, or NULL. */
static mdevdesc_check *pass(md_check *c, mdevdesc_pass how, const char *rule, const char *seg0,
			    const char *seg1, const char *seg2)
{
	mdevdesc_check *k = c->r ? md_report_add_check(c->r, rule, seg0, seg1, seg2) : NULL;

	if (k)
		k->pass = how;
	return k;
}

/* An unknown item of @side: the reason to fill in, or NULL. */
static mdevdesc_reason *unknown(md_check *c, mdevdesc_reason_code code, mdevdesc_side side,
				const char *seg0, const char *seg1, const char *seg2)
{
	mdevdesc_reason *x;

	c->found++;
	if (!c->r)
		return NULL;
	x = md_report_add(c->r, code, seg0, seg1, seg2);
	if (x)
		x->side = side;
	return x;
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

		if (str_eq(a, b)) {
			mdevdesc_check *k = pass(c, MDEVDESC_PASS_IDENTITY_EQUAL, "R-COMPAT-IDENTITY",
						 keys[i].key, NULL, NULL);
			if (k) {
				k->src_text = a;
				k->dst_text = b;
			}
		} else {
			mdevdesc_reason *x = fail(c, keys[i].code, keys[i].key, NULL, NULL);
			if (x) {
				x->src_text = a;
				x->dst_text = b;
			}
		}
	}
}

/* ---- 6.3 version ---------------------------------------------------- */

static int in_entry(const struct mdevdesc_version *v, const struct mdevdesc_version_entry *e)
{
	const struct mdevdesc_version *hi = e->is_range ? &e->high : &e->low;

	return md_version_cmp(&e->low, 0, v, 0) <= 0 && md_version_cmp(v, 0, hi, 1) <= 0;
}

mdevdesc_pass md_accepts_version(const struct mdevdesc_descriptor *d,
				 const struct mdevdesc_version *v)
{
	size_t i;

	if (v->major == d->version.major && v->minor <= d->version.minor)
		return MDEVDESC_PASS_VERSION_DEFAULT;
	for (i = 0; i < d->n_accepts; i++)
		if (in_entry(v, &d->accepts[i]))
			return MDEVDESC_PASS_VERSION_ACCEPTS;
	return MDEVDESC_PASS_NONE;
}

static void version(md_check *c, const struct mdevdesc_descriptor *s,
		    const struct mdevdesc_descriptor *d)
{
	mdevdesc_pass how = md_accepts_version(d, &s->version);

	if (how)
		pass(c, how, "R-COMPAT-VERSION", "version", NULL, NULL);
	else
		fail(c, MDEVDESC_R_VERSION_NOT_ACCEPTED, "version", NULL, NULL);
}

/* ---- 6.4 feature bitmaps -------------------------------------------- */

int md_bm_missing(const char *s, const char *d)
{
	size_t ns = md_bm_digits(s), nd = md_bm_digits(d), i;

	for (i = 0; i < ns; i++)
		if (md_bm_digit(s, ns, i) & ~md_bm_digit(d, nd, i))
			return 1;
	return 0;
}

int md_bm_equal(const char *s, const char *d)
{
	size_t ns = md_bm_digits(s), nd = md_bm_digits(d), i, n = ns > nd ? ns : nd;

	for (i = 0; i < n; i++)
		if (md_bm_digit(s, ns, i) != md_bm_digit(d, nd, i))
			return 0;
	return 1;
}

/* Feature @fs of the source against @fd of the target; either may be NULL. */
static void feature(md_check *c, const struct mdevdesc_feature *fs,
		    const struct mdevdesc_feature *fd)
{
	const char *name = fs ? fs->name : fd->name;
	const char *sb = fs ? fs->bits : NULL, *db = fd ? fd->bits : NULL;
	enum mdevdesc_rule rule = fd ? fd->rule : MDEVDESC_RULE_SUPERSET;
	mdevdesc_reason *x = NULL;
	mdevdesc_check *k = NULL;

	if (rule == MDEVDESC_RULE_SUPERSET) {
		if (md_bm_missing(sb, db))
			x = fail(c, MDEVDESC_R_FEATURE_MISSING_BITS, "features", name, "bits");
		else
			k = pass(c, MDEVDESC_PASS_FEATURE_SUPERSET, "R-COMPAT-FEATURE-SUPERSET",
				 "features", name, "bits");
	} else if (rule == MDEVDESC_RULE_EQUAL) {
		if (!md_bm_equal(sb, db))
			x = fail(c, MDEVDESC_R_FEATURE_NOT_EQUAL, "features", name, "bits");
		else
			k = pass(c, MDEVDESC_PASS_FEATURE_EQUAL, "R-COMPAT-FEATURE-EQUAL", "features",
				 name, "bits");
	} else if (c->r) {
		/* A rule of a newer format minor: an unknown item, not evaluated. */
		k = md_report_add_check(c->r, "R-COMPAT-FEATURE", "features", name, "rule");
		if (k) {
			k->outcome = MDEVDESC_NOT_EVALUATED;
			k->dst_text = fd->rule_name;
		}
		return;
	}
	if (x) {
		x->src_text = sb;
		x->dst_text = db;
	}
	if (k) {
		k->src_text = sb;
		k->dst_text = db;
	}
}

static void features(md_check *c, const struct mdevdesc_descriptor *s,
		     const struct mdevdesc_descriptor *d)
{
	size_t i = 0, j = 0;

	while (i < s->n_features || j < d->n_features) {
		int cmp;

		if (i == s->n_features)
			cmp = 1;
		else if (j == d->n_features)
			cmp = -1;
		else
			cmp = name_cmp(s->features[i].name, d->features[j].name);
		feature(c, cmp <= 0 ? &s->features[i] : NULL, cmp >= 0 ? &d->features[j] : NULL);
		if (cmp <= 0)
			i++;
		if (cmp >= 0)
			j++;
		if (stop(c))
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

/* The target's entries the source lacks, in name order: each needs a default. */
static void target_only(md_check *c, const char *sec, const struct mdevdesc_param *s, size_t ns,
			const struct mdevdesc_param *d, size_t nd)
{
	int hw = sec[0] == 'h';
	size_t i, j;

	for (i = 0, j = 0; j < nd; j++) {
		while (i < ns && name_cmp(s[i].name, d[j].name) < 0)
			i++;
		if (i < ns && name_cmp(s[i].name, d[j].name) == 0)
			continue;
		if (d[j].def.kind == MDEVDESC_VALUE_NONE) {
			mdevdesc_reason *x = fail(c, hw ? MDEVDESC_R_HW_NO_DEFAULT
							: MDEVDESC_R_PARAM_NO_DEFAULT,
						  sec, d[j].name, NULL);
			if (x)
				x->dst_entry = &d[j];
			if (stop(c))
				return;
		} else {
			mdevdesc_check *k = pass(c, MDEVDESC_PASS_ENTRY_DEFAULT, "R-COMPAT-ENTRY-DEFAULT",
						 sec, d[j].name, NULL);
			if (k)
				k->dst_entry = &d[j];
		}
	}
}

/*
 * One merge walk over both sorted entry lists: the source's entries are
 * checked in name order; the target's own entries are counted (each needs
 * a default) and walked again afterwards, when a check records them or one
 * lacks its default (spec 6.1 R-COMPAT-REPORT: source entries first).
 */
static void entries(md_check *c, const char *sec, const struct mdevdesc_param *s, size_t ns,
		    const struct mdevdesc_param *d, size_t nd)
{
	int hw = sec[0] == 'h';
	size_t i = 0, j = 0, only = 0;
	int no_default = 0;

	while (i < ns || j < nd) {
		int cmp = i == ns ? 1 : j == nd ? -1 : name_cmp(s[i].name, d[j].name);
		mdevdesc_reason *x = NULL;
		mdevdesc_check *k = NULL;

		if (cmp > 0) {
			only++;
			no_default |= d[j].def.kind == MDEVDESC_VALUE_NONE;
			j++;
			continue;
		}
		if (cmp < 0)
			x = fail(c, hw ? MDEVDESC_R_HW_MISSING_IN_TARGET : MDEVDESC_R_PARAM_MISSING_IN_TARGET,
				 sec, s[i].name, NULL);
		else if (!md_entry_accepts(&d[j], &s[i].value))
			x = fail(c, hw ? MDEVDESC_R_HW_NOT_ACCEPTED : MDEVDESC_R_PARAM_NOT_ACCEPTED, sec,
				 s[i].name, "value");
		else
			k = pass(c, MDEVDESC_PASS_ENTRY_ACCEPTED, "R-COMPAT-ENTRY-ACCEPTS", sec, s[i].name,
				 "value");
		if (x) {
			x->src_entry = &s[i];
			x->dst_entry = cmp == 0 ? &d[j] : NULL;
		}
		if (k) {
			k->src_entry = &s[i];
			k->dst_entry = &d[j];
		}
		if (stop(c))
			return;
		i++;
		if (cmp == 0)
			j++;
	}
	c->defaults += only;
	if (only && (no_default || c->r))
		target_only(c, sec, s, ns, d, nd);
}

/* ---- 6.1 unknown items ------------------------------------------------ */

static int is_ext(const char *key)
{
	return key[0] == 'x' && key[1] == '-';
}

static void unknown_extras(md_check *c, mdevdesc_side side, const char *prefix, const char *name,
			   const struct mdevdesc_node *x, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (is_ext(x[i].key))
			continue;
		if (prefix)
			unknown(c, MDEVDESC_R_UNKNOWN_KEY, side, prefix, name, x[i].key);
		else
			unknown(c, MDEVDESC_R_UNKNOWN_KEY, side, x[i].key, NULL, NULL);
	}
}

static int cmp_path(const void *a, const void *b)
{
	return md_path_cmp(a, b);
}

/* The unknown items of @d, as reasons of @side sorted by path; how many. */
static size_t unknown_items(md_check *c, const struct mdevdesc_descriptor *d, mdevdesc_side side)
{
	size_t found = c->found, first = c->r ? c->r->n_reasons : 0, i;
	mdevdesc_reason *x;

	if (!md_device_api_known(d->device_api)) {
		x = unknown(c, MDEVDESC_R_UNKNOWN_ENUM, side, "device_api", NULL, NULL);
		if (x)
			*(side == MDEVDESC_TARGET ? &x->dst_text : &x->src_text) = d->device_api;
	}
	unknown_extras(c, side, NULL, NULL, d->extra, d->n_extra);
	for (i = 0; i < d->n_features; i++) {
		const struct mdevdesc_feature *f = &d->features[i];
		if (f->rule != MDEVDESC_RULE_SUPERSET && f->rule != MDEVDESC_RULE_EQUAL) {
			x = unknown(c, MDEVDESC_R_UNKNOWN_ENUM, side, "features", f->name, "rule");
			if (x)
				*(side == MDEVDESC_TARGET ? &x->dst_text : &x->src_text) = f->rule_name;
		}
		unknown_extras(c, side, "features", f->name, f->extra, f->n_extra);
	}
	for (i = 0; i < d->n_hw; i++)
		unknown_extras(c, side, "hw", d->hw[i].name, d->hw[i].extra, d->hw[i].n_extra);
	for (i = 0; i < d->n_params; i++)
		unknown_extras(c, side, "params", d->params[i].name, d->params[i].extra,
			       d->params[i].n_extra);
	if (c->r && !c->r->nomem && c->r->n_reasons - first > 1)
		qsort(&c->r->reasons[first], c->r->n_reasons - first, sizeof(mdevdesc_reason), cmp_path);
	return c->found - found;
}

size_t md_unknown_items(mdevdesc_report *r, const struct mdevdesc_descriptor *d, mdevdesc_side side)
{
	md_check c = { r, 0, 0, 0 };

	return unknown_items(&c, d, side);
}

int md_has_unknown(const struct mdevdesc_descriptor *d)
{
	return md_unknown_items(NULL, d, MDEVDESC_SOURCE) != 0;
}

/* ---- the check (6.1) and the target configuration (6.6) ----------------- */

static int checkable(const struct mdevdesc_descriptor *s, const struct mdevdesc_descriptor *d)
{
	return s && d && s->format_major == MDEVDESC_FORMAT_MAJOR &&
	       d->format_major == MDEVDESC_FORMAT_MAJOR;
}

/* check(SRC, DST) of spec 6.1: the verdict. */
static mdevdesc_verdict run(md_check *c, const struct mdevdesc_descriptor *s,
			    const struct mdevdesc_descriptor *d)
{
	size_t n;

	identity(c, s, d);
	if (!stop(c))
		version(c, s, d);
	if (!stop(c))
		features(c, s, d);
	if (!stop(c))
		entries(c, "hw", s->hw, s->n_hw, d->hw, d->n_hw);
	if (!stop(c))
		entries(c, "params", s->params, s->n_params, d->params, d->n_params);
	if (stop(c))
		return MDEVDESC_INCOMPATIBLE;
	n = unknown_items(c, s, MDEVDESC_SOURCE);
	n += unknown_items(c, d, MDEVDESC_TARGET);
	if (c->fails)
		return MDEVDESC_INCOMPATIBLE;
	return n ? MDEVDESC_UNDECIDABLE : MDEVDESC_COMPATIBLE;
}

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

/* Every entry of the target's section @sec: the source's value or the default. */
static void settings(mdevdesc_report *r, mdevdesc_section sec, const struct mdevdesc_param *s,
		     size_t ns, const struct mdevdesc_param *d, size_t nd)
{
	size_t i, j = 0;

	for (i = 0; i < nd; i++) {
		mdevdesc_setting *x = md_report_add_setting(r, sec);
		int from_default;

		if (!x)
			return;
		while (j < ns && name_cmp(s[j].name, d[i].name) < 0)
			j++;
		from_default = !(j < ns && name_cmp(s[j].name, d[i].name) == 0);
		x->name = d[i].name;
		x->value = from_default ? &d[i].def : &s[j].value;
		x->from_default = from_default;
	}
}

/* Every feature name of either side, with the source's bits or "0x0". */
static void feature_settings(mdevdesc_report *r, const struct mdevdesc_descriptor *s,
			     const struct mdevdesc_descriptor *d)
{
	size_t a = 0, b = 0;

	while (a < s->n_features || b < d->n_features) {
		int cmp = a == s->n_features ? 1 : b == d->n_features ? -1
					: name_cmp(s->features[a].name, d->features[b].name);
		mdevdesc_feature_setting *x = md_report_add_feature(r);

		if (!x)
			return;
		x->name = cmp <= 0 ? s->features[a].name : d->features[b].name;
		x->bits = cmp <= 0 ? s->features[a].bits : "0x0";
		if (cmp <= 0)
			a++;
		if (cmp >= 0)
			b++;
	}
}

static void configure(mdevdesc_report *r, size_t defaults)
{
	const struct mdevdesc_descriptor *s = r->src, *d = r->dst;

	r->resume_version = s->version;
	r->same_minor = md_creates_minor(d, s->version.major, s->version.minor);
	if (r->same_minor) {
		r->create_version = s->version;
		r->create_version.patch = 0;
		r->create_version.has_patch = 0;
	} else {
		r->create_version = d->version;
	}
	r->defaults_applied = defaults;
	feature_settings(r, s, d);
	settings(r, MDEVDESC_SECTION_HW, s->hw, s->n_hw, d->hw, d->n_hw);
	settings(r, MDEVDESC_SECTION_PARAMS, s->params, s->n_params, d->params, d->n_params);
	md_target_instance(r);
}

mdevdesc_code mdevdesc_check_compat(const struct mdevdesc_descriptor *src,
				    const struct mdevdesc_descriptor *dst, mdevdesc_report *r)
{
	md_check c = { r, 0, 0, 0 };
	mdevdesc_verdict v;
	size_t i, j;

	if (!r)
		return MDEVDESC_E_INVALID_ARGUMENT;
	if (!checkable(src, dst)) {
		md_report_clear(r);
		return MDEVDESC_E_INVALID_ARGUMENT;
	}
	md_report_start(r, src, dst);
	v = run(&c, src, dst);
	if (v == MDEVDESC_COMPATIBLE)
		configure(r, c.defaults);
	if (r->nomem) {
		md_report_clear(r);
		return MDEVDESC_E_NOMEM;
	}
	/* Each failing rule added its check and its reason together, before
	 * any unknown item: the failing checks and reasons pair in order. */
	for (i = 0, j = 0; i < r->n_checks; i++) {
		mdevdesc_check *k = &r->checks[i];
		const mdevdesc_reason *x;

		if (k->outcome != MDEVDESC_FAILED)
			continue;
		x = &r->reasons[j++];
		k->reason = x;
		k->src_text = x->src_text;
		k->dst_text = x->dst_text;
		k->src_entry = x->src_entry;
		k->dst_entry = x->dst_entry;
	}
	r->verdict = v;
	r->filled = 1;
	return MDEVDESC_OK;
}

/* ---- 6.7 ranking -------------------------------------------------------- */

int md_rank_cmp(const void *pa, const void *pb)
{
	const mdevdesc_ranked *a = pa, *b = pb;
	int v;

	if (a->same_minor != b->same_minor)
		return a->same_minor ? -1 : 1;
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

void md_rank_keys(const struct mdevdesc_descriptor *s, const struct mdevdesc_descriptor *d,
		  size_t defaults, size_t index, mdevdesc_ranked *k)
{
	const struct mdevdesc_version *sv = &s->version, *dv = &d->version;

	k->index = index;
	k->same_minor = md_creates_minor(d, sv->major, sv->minor);
	k->defaults_applied = defaults;
	k->same_major = sv->major == dv->major;
	/* MINORs of different MAJORs count from different origins: no distance. */
	if (!k->same_major)
		k->distance = 0;
	else
		k->distance = dv->minor > sv->minor ? dv->minor - sv->minor : sv->minor - dv->minor;
	k->version = *dv;
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
	size_t i, m = 0;

	if (!src || (n && (!targets || !out)))
		return 0;
	for (i = 0; i < n; i++) {
		md_check c = { NULL, 0, 0, 0 };

		if (checkable(src, targets[i]) && run(&c, src, targets[i]) == MDEVDESC_COMPATIBLE)
			md_rank_keys(src, targets[i], c.defaults, i, &out[m++]);
	}
	md_rank_sort(out, m);
	return m;
}
