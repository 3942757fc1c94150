/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/*
 * compiled.c - descriptors compiled for fleet queries (compat/index.c).
 *
 * A compiled descriptor replaces every name and string by an id from the
 * index's interner and every bitmap by 64-bit words, so that the check of
 * spec 6 between two compiled descriptors compares integers only.  It
 * answers the verdict and the ranking keys, not the reasons: a caller that
 * wants to explain a verdict runs mdevdesc_check_compat() on the pair.
 */
#include <stdlib.h>
#include <string.h>

#include "compat/compat.h"

/* ---- interner --------------------------------------------------------- */

static uint64_t hash_str(const char *s)
{
	uint64_t h = 14695981039346656037ull;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

void md_interner_init(md_interner *in, md_arena *arena)
{
	memset(in, 0, sizeof(*in));
	in->arena = arena;
}

void md_interner_fini(md_interner *in, const mdevdesc_alc *alc)
{
	md_free(alc, in->slots);
	in->slots = NULL;
}

static int intern_grow(md_interner *in, const mdevdesc_alc *alc)
{
	size_t ns = in->size ? in->size * 2 : 1024, i, j;
	struct md_istr *t = md_zalloc(alc, ns * sizeof(*t));

	if (!t)
		return -1;
	for (i = 0; i < in->size; i++) {
		if (!in->slots[i].s)
			continue;
		for (j = (size_t)in->slots[i].hash & (ns - 1); t[j].s; j = (j + 1) & (ns - 1))
			;
		t[j] = in->slots[i];
	}
	md_free(alc, in->slots);
	in->slots = t;
	in->size = ns;
	return 0;
}

uint32_t md_intern(md_interner *in, const mdevdesc_alc *alc, const char *s, uint32_t *fresh)
{
	uint64_t h = hash_str(s);
	size_t i;

	if (in->size) {
		for (i = (size_t)h & (in->size - 1); in->slots[i].s; i = (i + 1) & (in->size - 1))
			if (in->slots[i].hash == h && strcmp(in->slots[i].s, s) == 0)
				return in->slots[i].id;
	}
	if (fresh)
		return (*fresh)++; /* a query's string no target has: unique, never equal */
	if ((in->count + 1) * 2 > in->size && intern_grow(in, alc))
		return MD_NO_ID;
	for (i = (size_t)h & (in->size - 1); in->slots[i].s; i = (i + 1) & (in->size - 1))
		;
	in->slots[i].s = md_strndup(in->arena, s, strlen(s));
	if (!in->slots[i].s)
		return MD_NO_ID;
	in->slots[i].hash = h;
	in->slots[i].id = (uint32_t)in->count++;
	return in->slots[i].id;
}

/* ---- compiling -------------------------------------------------------- */

static unsigned hexdig(char c)
{
	if (c >= '0' && c <= '9')
		return (unsigned)(c - '0');
	c = (char)(c | 0x20);
	return c >= 'a' && c <= 'f' ? (unsigned)(c - 'a' + 10) : 0;
}

/* Bitmap text -> little-endian words without high zero words. */
static int words_of(md_arena *a, const char *bits, const uint64_t **out, uint32_t *n)
{
	size_t nd = md_bm_digits(bits), nw = (nd + 15) / 16, i;
	uint64_t *w;

	*out = NULL;
	*n = 0;
	if (!nw)
		return 0;
	w = md_alloc(a, nw * sizeof(*w));
	if (!w)
		return -1;
	memset(w, 0, nw * sizeof(*w));
	for (i = 0; i < nd; i++)
		w[i / 16] |= (uint64_t)hexdig(bits[2 + nd - 1 - i]) << (4 * (i % 16));
	while (nw && !w[nw - 1])
		nw--;
	*out = w;
	*n = (uint32_t)nw;
	return 0;
}

static int cmp_feat(const void *a, const void *b)
{
	uint32_t x = ((const md_cfeat *)a)->name, y = ((const md_cfeat *)b)->name;
	return x < y ? -1 : x > y;
}

static int cmp_entry(const void *a, const void *b)
{
	uint32_t x = ((const md_centry *)a)->name, y = ((const md_centry *)b)->name;
	return x < y ? -1 : x > y;
}

struct cctx {
	md_interner *in;
	const mdevdesc_alc *alc;
	md_arena *a;
	uint32_t *fresh;
	int bad;
};

static uint32_t id_of(struct cctx *c, const char *s)
{
	uint32_t id = md_intern(c->in, c->alc, s ? s : "", c->fresh);

	if (id == MD_NO_ID)
		c->bad = 1;
	return id;
}

static void cvalue(struct cctx *c, const struct mdevdesc_value *v, md_cvalue *o)
{
	o->kind = (uint32_t)v->kind;
	o->i = v->i;
	o->hi = v->hi;
	o->s = v->kind == MDEVDESC_VALUE_STR ? id_of(c, v->s) : 0;
}

static md_centry *centries(struct cctx *c, const struct mdevdesc_param *p, size_t n)
{
	md_centry *e = n ? md_alloc(c->a, n * sizeof(*e)) : NULL;
	size_t i, j;

	if (n && !e) {
		c->bad = 1;
		return NULL;
	}
	for (i = 0; i < n; i++) {
		md_cvalue *acc = NULL;
		e[i].name = id_of(c, p[i].name);
		cvalue(c, &p[i].value, &e[i].value);
		e[i].has_default = p[i].def.kind != MDEVDESC_VALUE_NONE;
		e[i].nacc = (uint32_t)p[i].n_accepts;
		if (p[i].n_accepts) {
			acc = md_alloc(c->a, p[i].n_accepts * sizeof(*acc));
			if (!acc) {
				c->bad = 1;
				return NULL;
			}
			for (j = 0; j < p[i].n_accepts; j++)
				cvalue(c, &p[i].accepts[j], &acc[j]);
		}
		e[i].acc = acc;
	}
	if (n > 1)
		qsort(e, n, sizeof(*e), cmp_entry);
	return e;
}

md_compiled *md_compile(md_interner *in, const mdevdesc_alc *alc, md_arena *a,
			const struct mdevdesc_descriptor *d, uint32_t *fresh)
{
	struct cctx c = { in, alc, a, fresh, 0 };
	md_compiled *o = md_alloc(a, sizeof(*o));
	md_cfeat *f;
	size_t i;

	if (!o)
		return NULL;
	memset(o, 0, sizeof(*o));
	o->d = d;
	o->vendor = id_of(&c, d->vendor);
	o->type = id_of(&c, d->type);
	o->api = id_of(&c, d->device_api);
	o->unknown = md_has_unknown(d);
	f = d->n_features ? md_alloc(a, d->n_features * sizeof(*f)) : NULL;
	if (d->n_features && !f)
		return NULL;
	for (i = 0; i < d->n_features; i++) {
		f[i].name = id_of(&c, d->features[i].name);
		f[i].rule = (uint32_t)d->features[i].rule;
		if (words_of(a, d->features[i].bits, &f[i].w, &f[i].nwords))
			return NULL;
	}
	if (d->n_features > 1)
		qsort(f, d->n_features, sizeof(*f), cmp_feat);
	o->f = f;
	o->nf = (uint32_t)d->n_features;
	o->hw = centries(&c, d->hw, d->n_hw);
	o->nhw = (uint32_t)d->n_hw;
	o->params = centries(&c, d->params, d->n_params);
	o->nparams = (uint32_t)d->n_params;
	return c.bad ? NULL : o;
}

/* ---- the check (spec 6, verdict and ranking keys) --------------------- */

static int accepts_value(const md_centry *e, const md_cvalue *v)
{
	const md_cvalue *it = e->nacc ? e->acc : &e->value;
	uint32_t n = e->nacc ? e->nacc : 1, i;

	for (i = 0; i < n; i++) {
		if (it[i].kind == MDEVDESC_VALUE_RANGE) {
			if (v->kind == MDEVDESC_VALUE_INT && v->i >= it[i].i && v->i <= it[i].hi)
				return 1;
		} else if (it[i].kind == v->kind &&
			   (v->kind == MDEVDESC_VALUE_INT ? it[i].i == v->i : it[i].s == v->s)) {
			return 1;
		}
	}
	return 0;
}

static int entries_ok(const md_centry *s, uint32_t ns, const md_centry *d, uint32_t nd,
		      size_t *defaults)
{
	uint32_t i = 0, j = 0;

	while (i < ns || j < nd) {
		if (j == nd || (i < ns && s[i].name < d[j].name))
			return 0; /* missing in the target */
		if (i == ns || s[i].name > d[j].name) {
			if (!d[j].has_default)
				return 0;
			(*defaults)++;
			j++;
			continue;
		}
		if (!accepts_value(&d[j], &s[i].value))
			return 0;
		i++;
		j++;
	}
	return 1;
}

static int features_ok(const md_compiled *s, const md_compiled *d)
{
	uint32_t i = 0, j = 0, k;

	while (i < s->nf || j < d->nf) {
		const md_cfeat *fs = NULL, *fd = NULL;
		if (j == d->nf || (i < s->nf && s->f[i].name < d->f[j].name))
			fs = &s->f[i++];
		else if (i == s->nf || s->f[i].name > d->f[j].name)
			fd = &d->f[j++];
		else {
			fs = &s->f[i++];
			fd = &d->f[j++];
		}
		if (!fd || fd->rule == MDEVDESC_RULE_SUPERSET) {
			uint32_t nd = fd ? fd->nwords : 0;
			if (!fs)
				continue;
			for (k = 0; k < fs->nwords; k++)
				if (fs->w[k] & ~(k < nd ? fd->w[k] : 0))
					return 0;
		} else if (fd->rule == MDEVDESC_RULE_EQUAL) {
			uint32_t ns = fs ? fs->nwords : 0;
			if (ns != fd->nwords)
				return 0;
			for (k = 0; k < ns; k++)
				if (fs->w[k] != fd->w[k])
					return 0;
		}
	}
	return 1;
}

int md_ccheck(const md_compiled *s, const md_compiled *d, size_t index, mdevdesc_ranked *k)
{
	size_t defaults = 0;

	if (s->vendor != d->vendor || s->type != d->type || s->api != d->api ||
	    !md_accepts_version(d->d, &s->d->version) || !features_ok(s, d) ||
	    !entries_ok(s->hw, s->nhw, d->hw, d->nhw, &defaults) ||
	    !entries_ok(s->params, s->nparams, d->params, d->nparams, &defaults))
		return MDEVDESC_INCOMPATIBLE;
	if (s->unknown || d->unknown)
		return MDEVDESC_UNDECIDABLE;
	if (k)
		md_rank_keys(s->d, d->d, defaults, index, k);
	return MDEVDESC_COMPATIBLE;
}
