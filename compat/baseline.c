/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/*
 * baseline.c - what should new devices on a host be created with so that
 * they can migrate to every target type of a set (spec 6.8)?
 *
 * baseline_of() follows the spec's pseudo-code for the host and a prefix of
 * the targets.  Failing is monotone in the prefix (every target only adds
 * constraints), so the blocking target of R-COMPAT-BASELINE-BLOCK is found
 * by binary search.  The result lives in one arena from the allocator of
 * the caller's options; a blocked result's report (report.c) comes from
 * the same allocator.
 */
#include <stdlib.h>
#include <string.h>

#include "compat/compat.h"

struct mdevdesc_baseline_priv {
	mdevdesc_baseline pub; /* first: the public pointer is this struct's */
	md_arena arena;
	mdevdesc_alc alc;
	mdevdesc_report *report; /* when blocked */
	int nomem;
};

static struct mdevdesc_baseline_priv *priv(mdevdesc_baseline *o)
{
	return (struct mdevdesc_baseline_priv *)(void *)o;
}

typedef struct md_base {
	const struct mdevdesc_descriptor *h;
	const struct mdevdesc_descriptor *const *t;
	size_t k;              /* targets[0..k) are in the set */
	mdevdesc_report *r;    /* reasons, or NULL */
	int fast;              /* stop at the first failure */
	size_t fails;
	mdevdesc_baseline *out; /* the result, on the final successful pass */
	md_arena *arena;
	const mdevdesc_alc *alc;
	int nomem;
} md_base;

static mdevdesc_reason *fail(md_base *b, mdevdesc_reason_code code, const char *sec,
			     const char *name, const char *leaf)
{
	b->fails++;
	if (b->fast || !b->r)
		return NULL;
	return md_report_add(b->r, code, sec, name, leaf);
}

/* The descriptor @i of the set S = [H] ++ targets. */
static const struct mdevdesc_descriptor *member(const md_base *b, size_t i)
{
	return i == 0 ? b->h : b->t[i - 1];
}

/* Unknown items of every member, then identity with every target (spec 6.8). */
static void unknown_and_identity(md_base *b)
{
	static const char *const keys[] = { "vendor", "type", "device_api" };
	static const mdevdesc_reason_code codes[] = { MDEVDESC_R_IDENTITY_VENDOR,
						      MDEVDESC_R_IDENTITY_TYPE,
						      MDEVDESC_R_IDENTITY_DEVICE_API };
	size_t i, j;

	for (i = 0; i <= b->k; i++) {
		b->fails += md_unknown_items(b->fast ? NULL : b->r, member(b, i),
					     i == 0 ? MDEVDESC_SOURCE : MDEVDESC_TARGET);
		if (b->fast && b->fails)
			return;
	}
	for (i = 1; i <= b->k; i++) {
		const struct mdevdesc_descriptor *d = member(b, i);
		const char *hv[3] = { b->h->vendor, b->h->type, b->h->device_api };
		const char *tv[3] = { d->vendor, d->type, d->device_api };

		for (j = 0; j < 3; j++) {
			if (strcmp(hv[j], tv[j]) != 0) {
				mdevdesc_reason *x = fail(b, codes[j], keys[j], NULL, NULL);
				if (x) {
					x->src_text = hv[j];
					x->dst_text = tv[j];
				}
			}
		}
		if (b->fast && b->fails)
			return;
	}
}

/* ---- version -------------------------------------------------------- */

static int entry_within(const struct mdevdesc_version_entry *e, const struct mdevdesc_version_entry *a)
{
	const struct mdevdesc_version *ehi = e->is_range ? &e->high : &e->low;
	const struct mdevdesc_version *ahi = a->is_range ? &a->high : &a->low;

	return md_version_cmp(&a->low, 0, &e->low, 0) <= 0 && md_version_cmp(ehi, 1, ahi, 1) <= 0;
}

static int accepted_by_all(const md_base *b, const struct mdevdesc_version_entry *e)
{
	size_t i, j;

	for (i = 0; i <= b->k; i++) {
		const struct mdevdesc_descriptor *t = member(b, i);
		int ok = e->low.major == t->version.major && e->low.minor <= t->version.minor;
		for (j = 0; !ok && j < t->n_accepts; j++)
			ok = entry_within(e, &t->accepts[j]);
		if (!ok)
			return 0;
	}
	return 1;
}

static void version(md_base *b)
{
	const struct mdevdesc_descriptor *h = b->h;
	struct mdevdesc_version_entry best, e;
	int found = 0;
	size_t i;

	for (i = 0; i <= h->n_creates; i++) {
		if (i == 0) {
			memset(&e, 0, sizeof(e));
			e.low = h->version;
		} else {
			e = h->creates[i - 1];
		}
		if (accepted_by_all(b, &e) &&
		    (!found || md_version_cmp(&e.low, 1, &best.low, 1) > 0)) {
			best = e;
			found = 1;
		}
	}
	if (!found)
		fail(b, MDEVDESC_R_VERSION_NOT_ACCEPTED, "version", NULL, NULL);
	else if (b->out)
		b->out->version = best;
}

/* ---- features --------------------------------------------------------- */

static const struct mdevdesc_feature *feature_of(const struct mdevdesc_descriptor *d,
						 const char *name)
{
	size_t i;

	for (i = 0; i < d->n_features; i++)
		if (strcmp(d->features[i].name, name) == 0)
			return &d->features[i];
	return NULL;
}

/* The canonical text of the AND of every superset bitmap for @name. */
static const char *and_bits(md_base *b, const char *name)
{
	size_t i, n = (size_t)-1, k, len;
	char *out;
	static const char digits[] = "0123456789abcdef";

	for (i = 0; i <= b->k; i++) {
		const struct mdevdesc_feature *f = feature_of(member(b, i), name);
		size_t nd = f ? md_bm_digits(f->bits) : 0;
		if (nd < n)
			n = nd; /* a missing bitmap is zero: the AND is zero */
	}
	out = md_alloc(b->arena, n + 4);
	if (!out) {
		b->nomem = 1;
		return "0x0";
	}
	for (k = 0; k < n; k++) {
		unsigned v = 0xF;
		for (i = 0; i <= b->k; i++) {
			const struct mdevdesc_feature *f = feature_of(member(b, i), name);
			if (f->rule == MDEVDESC_RULE_SUPERSET)
				v &= md_bm_digit(f->bits, md_bm_digits(f->bits), k);
		}
		out[2 + n - 1 - k] = digits[v];
	}
	out[0] = '0';
	out[1] = 'x';
	len = n;
	out[2 + len] = '\0';
	/* Strip leading zeros, keep one digit. */
	for (k = 2; k + 1 < 2 + len && out[k] == '0'; k++)
		;
	if (len == 0)
		return "0x0";
	memmove(out + 2, out + k, len - (k - 2) + 1);
	return out;
}

static int cmp_str(const void *a, const void *c)
{
	return strcmp(*(const char *const *)a, *(const char *const *)c);
}

static void features(md_base *b)
{
	size_t total = 0, i, j, m = 0;
	const char **names;

	for (i = 0; i <= b->k; i++)
		total += member(b, i)->n_features;
	if (!total)
		return;
	names = md_malloc(b->alc, total * sizeof(*names));
	if (!names) {
		b->nomem = 1;
		return;
	}
	for (i = 0; i <= b->k; i++)
		for (j = 0; j < member(b, i)->n_features; j++)
			names[m++] = member(b, i)->features[j].name;
	qsort(names, m, sizeof(*names), cmp_str);
	for (i = 0; i < m; i++) {
		const char *name = names[i], *eq = NULL, *conflict = NULL, *bits;
		int eq_conflict = 0, super_all = 1;

		if (i && strcmp(names[i - 1], name) == 0)
			continue;
		for (j = 0; j <= b->k; j++) {
			const struct mdevdesc_feature *f = feature_of(member(b, j), name);
			if (!f || f->rule == MDEVDESC_RULE_SUPERSET)
				continue;
			super_all = 0;
			if (f->rule != MDEVDESC_RULE_EQUAL)
				continue; /* an unknown rule: already a reason */
			if (!eq)
				eq = f->bits;
			else if (!eq_conflict && !md_bm_equal(eq, f->bits)) {
				eq_conflict = 1;
				conflict = f->bits;
			}
		}
		if (eq_conflict) {
			mdevdesc_reason *x = fail(b, MDEVDESC_R_FEATURE_NOT_EQUAL, "features", name, "bits");
			if (x) {
				x->src_text = eq;
				x->dst_text = conflict;
			}
		} else if (eq) {
			int bad = 0;
			for (j = 0; j <= b->k && !bad; j++) {
				const struct mdevdesc_feature *f = feature_of(member(b, j), name);
				const char *d = f ? f->bits : "0x0";
				if ((!f || f->rule == MDEVDESC_RULE_SUPERSET) && md_bm_missing(eq, d)) {
					mdevdesc_reason *x = fail(b, MDEVDESC_R_FEATURE_MISSING_BITS,
								  "features", name, "bits");
					if (x) {
						x->src_text = eq;
						x->dst_text = d;
					}
					bad = 1;
				}
			}
			if (!bad && b->out)
				md_baseline_add_feature(b->out, name, eq);
		} else if (b->out && super_all) {
			bits = and_bits(b, name);
			md_baseline_add_feature(b->out, name, bits);
		}
		if (b->fast && b->fails)
			break;
	}
	md_free(b->alc, names);
}

/* ---- hw and params ---------------------------------------------------- */

static const struct mdevdesc_param *entry_of(const struct mdevdesc_param *v, size_t n,
					     const char *name)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(v[mid].name, name);
		if (c == 0)
			return &v[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static const struct mdevdesc_param *section_entry(const struct mdevdesc_descriptor *d, int hw,
						  const char *name)
{
	return hw ? entry_of(d->hw, d->n_hw, name) : entry_of(d->params, d->n_params, name);
}

/* The smallest integer >= @x that @e accepts; 0 when there is none. */
static int next_accepted(const struct mdevdesc_param *e, int64_t x, int64_t *out)
{
	const struct mdevdesc_value *it = e->n_accepts ? e->accepts : &e->value;
	size_t n = e->n_accepts ? e->n_accepts : 1, i;
	int64_t best = INT64_MAX;
	int found = 0;

	for (i = 0; i < n; i++) {
		int64_t y;
		if (it[i].kind == MDEVDESC_VALUE_INT && it[i].i >= x)
			y = it[i].i;
		else if (it[i].kind == MDEVDESC_VALUE_RANGE && it[i].hi >= x)
			y = it[i].i > x ? it[i].i : x;
		else
			continue;
		if (y <= best)
			best = y;
		found = 1;
	}
	*out = best;
	return found;
}

/* The first integer of [lo, hi] that every member having entry @name accepts. */
static int first_in_range(const md_base *b, int hw, const char *name, int64_t lo, int64_t hi,
			  int64_t *out)
{
	int64_t x = lo;
	size_t i;

	for (;;) {
		int moved = 0;
		for (i = 0; i <= b->k; i++) {
			const struct mdevdesc_param *e = section_entry(member(b, i), hw, name);
			int64_t y;
			if (!e)
				continue;
			if (!next_accepted(e, x, &y) || y > hi)
				return 0;
			if (y > x) {
				x = y;
				moved = 1;
			}
		}
		if (!moved)
			break;
	}
	*out = x;
	return 1;
}

static int all_accept(const md_base *b, int hw, const char *name, const struct mdevdesc_value *v)
{
	size_t i;

	for (i = 0; i <= b->k; i++) {
		const struct mdevdesc_param *e = section_entry(member(b, i), hw, name);
		if (e && !md_entry_accepts(e, v))
			return 0;
	}
	return 1;
}

static void entries(md_base *b, int hw)
{
	const struct mdevdesc_descriptor *h = b->h;
	const struct mdevdesc_param *hs = hw ? h->hw : h->params;
	size_t nh = hw ? h->n_hw : h->n_params, i, j;
	const char *sec = hw ? "hw" : "params";

	for (i = 0; i < nh && !(b->fast && b->fails); i++) {
		const struct mdevdesc_param *e = &hs[i];
		struct mdevdesc_value v;
		int found = 0;

		for (j = 1; j <= b->k; j++)
			if (!section_entry(member(b, j), hw, e->name)) {
				mdevdesc_reason *x = fail(b, hw ? MDEVDESC_R_HW_MISSING_IN_TARGET
								: MDEVDESC_R_PARAM_MISSING_IN_TARGET,
							  sec, e->name, NULL);
				if (x)
					x->src_entry = e;
			}
		if (all_accept(b, hw, e->name, &e->value)) {
			v = e->value;
			found = 1;
		}
		for (j = 0; !found && j < e->n_accepts; j++) {
			const struct mdevdesc_value *a = &e->accepts[j];
			if (a->kind == MDEVDESC_VALUE_RANGE) {
				memset(&v, 0, sizeof(v));
				v.kind = MDEVDESC_VALUE_INT;
				found = first_in_range(b, hw, e->name, a->i, a->hi, &v.i);
			} else if (all_accept(b, hw, e->name, a)) {
				v = *a;
				found = 1;
			}
		}
		if (!found) {
			mdevdesc_reason *x = fail(b, hw ? MDEVDESC_R_HW_NOT_ACCEPTED
							: MDEVDESC_R_PARAM_NOT_ACCEPTED,
						  sec, e->name, "value");
			if (x) {
				/* The host's value against the last target's entry. */
				x->src_entry = e;
				x->dst_entry = section_entry(member(b, b->k), hw, e->name);
			}
		} else if (b->out) {
			md_baseline_add_value(b->out, hw, e->name, &v);
		}
	}
	for (j = 1; j <= b->k && !(b->fast && b->fails); j++) {
		const struct mdevdesc_descriptor *t = member(b, j);
		const struct mdevdesc_param *ts = hw ? t->hw : t->params;
		size_t nt = hw ? t->n_hw : t->n_params;
		for (i = 0; i < nt; i++) {
			if (ts[i].def.kind != MDEVDESC_VALUE_NONE || section_entry(h, hw, ts[i].name))
				continue;
			{
				mdevdesc_reason *x = fail(b, hw ? MDEVDESC_R_HW_NO_DEFAULT
								: MDEVDESC_R_PARAM_NO_DEFAULT,
							  sec, ts[i].name, NULL);
				if (x)
					x->dst_entry = &ts[i];
			}
		}
	}
}

/* baseline_of(H, targets[0..k)) of spec 6.8: the number of failures. */
static size_t baseline_of(md_base *b)
{
	b->fails = 0;
	unknown_and_identity(b);
	if (!(b->fast && b->fails))
		version(b);
	if (!(b->fast && b->fails))
		features(b);
	if (!(b->fast && b->fails))
		entries(b, 1);
	if (!(b->fast && b->fails))
		entries(b, 0);
	return b->fails;
}

mdevdesc_code mdevdesc_baseline_compute(const struct mdevdesc_descriptor *host,
					const struct mdevdesc_descriptor *const *targets, size_t n,
					const mdevdesc_options *opt, mdevdesc_baseline **out)
{
	const mdevdesc_alc *alc = md_options_alc(opt);
	struct mdevdesc_baseline_priv *p;
	md_base b;
	size_t lo, hi;

	if (!out)
		return MDEVDESC_E_INVALID_ARGUMENT;
	*out = NULL;
	if (!alc || !host || (n && !targets))
		return MDEVDESC_E_INVALID_ARGUMENT;
	p = md_zalloc(alc, sizeof(*p));
	if (!p)
		return MDEVDESC_E_NOMEM;
	p->alc = *alc;
	md_arena_init(&p->arena, &p->alc);
	memset(&b, 0, sizeof(b));
	b.h = host;
	b.t = targets;
	b.arena = &p->arena;
	b.alc = &p->alc;
	/* Does the whole set have a baseline? */
	b.k = n;
	b.fast = 1;
	if (baseline_of(&b)) {
		/* The smallest failing prefix: failing is monotone in k. */
		lo = 0;
		hi = n;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			b.k = mid;
			if (baseline_of(&b))
				hi = mid;
			else
				lo = mid + 1;
		}
		b.k = lo;
		p->pub.blocked = 1;
		p->pub.blocker = lo;
		p->report = md_report_alloc(&p->alc);
		if (!p->report) {
			mdevdesc_baseline_free(&p->pub);
			return MDEVDESC_E_NOMEM;
		}
		p->pub.report = p->report;
		b.fast = 0;
		b.r = p->report;
		md_report_start(b.r, host, lo ? targets[lo - 1] : host);
		baseline_of(&b);
		b.r->verdict = MDEVDESC_INCOMPATIBLE;
		b.r->filled = 1;
		if (b.r->nomem)
			b.nomem = 1;
	} else {
		b.k = n;
		b.fast = 0;
		b.out = &p->pub;
		baseline_of(&b);
	}
	if (b.nomem || p->nomem) {
		mdevdesc_baseline_free(&p->pub);
		return MDEVDESC_E_NOMEM;
	}
	*out = &p->pub;
	return MDEVDESC_OK;
}

void mdevdesc_baseline_free(mdevdesc_baseline *pub)
{
	struct mdevdesc_baseline_priv *p = priv(pub);
	mdevdesc_alc alc;

	if (!p)
		return;
	alc = p->alc;
	mdevdesc_report_free(p->report);
	md_arena_free(&p->arena);
	md_free(&alc, p);
}

/* ---- the result's arrays (grown in the arena) ---------------------------- */

static void *grow(mdevdesc_baseline *o, void *old, size_t n, size_t size)
{
	/* Capacities are powers of two: grow when n reaches one. */
	void *p;

	if (n && (n & (n - 1)))
		return old;
	p = md_alloc(&priv(o)->arena, (n ? n * 2 : 4) * size);
	if (!p) {
		priv(o)->nomem = 1;
		return NULL;
	}
	if (n)
		memcpy(p, old, n * size);
	return p;
}

void md_baseline_add_feature(mdevdesc_baseline *o, const char *name, const char *bits)
{
	mdevdesc_baseline_feature *v = grow(o, (void *)o->features, o->n_features, sizeof(*v));

	if (!v)
		return;
	v[o->n_features].name = name;
	v[o->n_features].bits = bits;
	o->features = v;
	o->n_features++;
}

void md_baseline_add_value(mdevdesc_baseline *o, int hw, const char *name,
			   const struct mdevdesc_value *value)
{
	mdevdesc_baseline_value **arr = hw ? (mdevdesc_baseline_value **)&o->hw
					   : (mdevdesc_baseline_value **)&o->params;
	size_t *n = hw ? &o->n_hw : &o->n_params;
	mdevdesc_baseline_value *v = grow(o, *arr, *n, sizeof(*v));

	if (!v)
		return;
	v[*n].name = name;
	v[*n].value = *value;
	*arr = v;
	(*n)++;
}
