/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/*
 * index.c - a fleet of targets, indexed by identity (spec 6.2).
 *
 * Only targets whose vendor, type and device_api equal the source's can be
 * compatible, so targets are grouped by interned identity and a query
 * checks one group, on compiled descriptors (compiled.c): integer
 * comparisons only.  A descriptor added many times (many hosts offering the
 * same type) is compiled once.  Targets can be added and removed; ids are
 * never reused.  Queries do not modify the index and may run concurrently
 * with each other, not with add or remove.
 */
#include <stdlib.h>
#include <string.h>

#include "compat/compat.h"

struct md_group {
	uint32_t vendor, type, api;
	size_t *ids; /* members, in insertion order */
	size_t n, cap;
};

struct md_slot {
	const md_compiled *c;
	size_t group; /* index into groups, SIZE_MAX once removed */
	size_t pos;   /* position in the group's ids */
};

struct md_cached {
	const struct mdevdesc_descriptor *d;
	md_compiled *c;
};

struct mdevdesc_index {
	mdevdesc_alc alc;
	md_arena arena; /* compiled descriptors and interned strings */
	md_interner in;
	struct md_slot *slots;
	size_t nslots, capslots, live;
	struct md_group *groups;
	size_t ngroups, capgroups;
	size_t *gtable; /* open addressing: group index + 1, 0 empty */
	size_t gsize;
	struct md_cached *cache; /* open addressing by descriptor address */
	size_t csize, ccount;
};

/* Ids of strings a query brings that no target has start here. */
#define FRESH_BASE 0x80000000u

static size_t mix(uint64_t h)
{
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdull;
	h ^= h >> 33;
	return (size_t)h;
}

static size_t group_hash(uint32_t v, uint32_t t, uint32_t a)
{
	return mix(((uint64_t)v << 42) ^ ((uint64_t)t << 21) ^ a);
}

/* Room for item @n in @p (@cap allocated): @p, or @p grown; NULL when out of memory. */
static void *grow(const mdevdesc_alc *alc, void *p, size_t *cap, size_t n, size_t size)
{
	size_t nc;
	void *q;

	if (n < *cap)
		return p;
	nc = *cap ? *cap * 2 : 16;
	q = nc <= (size_t)-1 / size ? md_realloc(alc, p, *cap * size, nc * size) : NULL;
	if (!q)
		return NULL;
	*cap = nc;
	return q;
}

mdevdesc_code mdevdesc_index_new(const mdevdesc_options *opt, mdevdesc_index **out)
{
	const mdevdesc_alc *alc = md_options_alc(opt);
	mdevdesc_index *ix;

	if (!out)
		return MDEVDESC_E_INVALID_ARGUMENT;
	*out = NULL;
	if (!alc)
		return MDEVDESC_E_INVALID_ARGUMENT;
	ix = md_zalloc(alc, sizeof(*ix));
	if (!ix)
		return MDEVDESC_E_NOMEM;
	ix->alc = *alc;
	md_arena_init(&ix->arena, &ix->alc);
	md_interner_init(&ix->in, &ix->arena);
	*out = ix;
	return MDEVDESC_OK;
}

void mdevdesc_index_free(mdevdesc_index *ix)
{
	mdevdesc_alc a;
	size_t i;

	if (!ix)
		return;
	a = ix->alc;
	for (i = 0; i < ix->ngroups; i++)
		md_free(&a, ix->groups[i].ids);
	md_free(&a, ix->groups);
	md_free(&a, ix->slots);
	md_free(&a, ix->gtable);
	md_free(&a, ix->cache);
	md_interner_fini(&ix->in, &a);
	md_arena_free(&ix->arena);
	md_free(&a, ix);
}

static size_t find_group(const mdevdesc_index *ix, uint32_t v, uint32_t t, uint32_t a)
{
	size_t mask = ix->gsize - 1, i;

	if (!ix->gsize)
		return SIZE_MAX;
	for (i = group_hash(v, t, a) & mask; ix->gtable[i]; i = (i + 1) & mask) {
		const struct md_group *g = &ix->groups[ix->gtable[i] - 1];
		if (g->vendor == v && g->type == t && g->api == a)
			return ix->gtable[i] - 1;
	}
	return SIZE_MAX;
}

static int rehash_groups(mdevdesc_index *ix)
{
	size_t ns = ix->gsize ? ix->gsize * 2 : 64, i, j;
	size_t *t = md_zalloc(&ix->alc, ns * sizeof(*t));

	if (!t)
		return -1;
	for (i = 0; i < ix->ngroups; i++) {
		const struct md_group *g = &ix->groups[i];
		for (j = group_hash(g->vendor, g->type, g->api) & (ns - 1); t[j]; j = (j + 1) & (ns - 1))
			;
		t[j] = i + 1;
	}
	md_free(&ix->alc, ix->gtable);
	ix->gtable = t;
	ix->gsize = ns;
	return 0;
}

static int rehash_cache(mdevdesc_index *ix)
{
	size_t ns = ix->csize ? ix->csize * 2 : 1024, i, j;
	struct md_cached *t = md_zalloc(&ix->alc, ns * sizeof(*t));

	if (!t)
		return -1;
	for (i = 0; i < ix->csize; i++) {
		if (!ix->cache[i].d)
			continue;
		for (j = mix((uint64_t)(uintptr_t)ix->cache[i].d) & (ns - 1); t[j].d; j = (j + 1) & (ns - 1))
			;
		t[j] = ix->cache[i];
	}
	md_free(&ix->alc, ix->cache);
	ix->cache = t;
	ix->csize = ns;
	return 0;
}

/* The compiled form of @d, compiled once per descriptor. */
static md_compiled *compiled_of(mdevdesc_index *ix, const struct mdevdesc_descriptor *d)
{
	size_t i;
	md_compiled *c;

	if ((ix->ccount + 1) * 2 > ix->csize && rehash_cache(ix))
		return NULL;
	for (i = mix((uint64_t)(uintptr_t)d) & (ix->csize - 1); ix->cache[i].d;
	     i = (i + 1) & (ix->csize - 1))
		if (ix->cache[i].d == d)
			return ix->cache[i].c;
	c = md_compile(&ix->in, &ix->alc, &ix->arena, d, NULL);
	if (!c)
		return NULL;
	ix->cache[i].d = d;
	ix->cache[i].c = c;
	ix->ccount++;
	return c;
}

mdevdesc_code mdevdesc_index_add(mdevdesc_index *ix, const struct mdevdesc_descriptor *d, size_t *id)
{
	md_compiled *c;
	struct md_group *grp;
	size_t g, slot;
	void *p;

	if (!ix || !d || !id || !d->vendor || !d->type || !d->device_api)
		return MDEVDESC_E_INVALID_ARGUMENT;
	c = compiled_of(ix, d);
	if (!c)
		return MDEVDESC_E_NOMEM;
	g = find_group(ix, c->vendor, c->type, c->api);
	if (g == SIZE_MAX) {
		if ((ix->ngroups + 1) * 2 > ix->gsize && rehash_groups(ix))
			return MDEVDESC_E_NOMEM;
		p = grow(&ix->alc, ix->groups, &ix->capgroups, ix->ngroups, sizeof(*ix->groups));
		if (!p)
			return MDEVDESC_E_NOMEM;
		ix->groups = p;
		g = ix->ngroups++;
		grp = &ix->groups[g];
		memset(grp, 0, sizeof(*grp));
		grp->vendor = c->vendor;
		grp->type = c->type;
		grp->api = c->api;
		{
			size_t mask = ix->gsize - 1, i;
			for (i = group_hash(c->vendor, c->type, c->api) & mask; ix->gtable[i];
			     i = (i + 1) & mask)
				;
			ix->gtable[i] = g + 1;
		}
	}
	grp = &ix->groups[g];
	p = grow(&ix->alc, grp->ids, &grp->cap, grp->n, sizeof(*grp->ids));
	if (!p)
		return MDEVDESC_E_NOMEM;
	grp->ids = p;
	/* Ids are never reused, so they follow insertion order (spec 6.7 key 6). */
	p = grow(&ix->alc, ix->slots, &ix->capslots, ix->nslots, sizeof(*ix->slots));
	if (!p)
		return MDEVDESC_E_NOMEM;
	ix->slots = p;
	slot = ix->nslots++;
	ix->slots[slot].c = c;
	ix->slots[slot].group = g;
	ix->slots[slot].pos = grp->n;
	grp->ids[grp->n++] = slot;
	ix->live++;
	*id = slot;
	return MDEVDESC_OK;
}

mdevdesc_code mdevdesc_index_remove(mdevdesc_index *ix, size_t id)
{
	struct md_slot *s;
	struct md_group *g;
	size_t i;

	if (!ix || id >= ix->nslots || ix->slots[id].group == SIZE_MAX)
		return MDEVDESC_E_INVALID_ARGUMENT;
	s = &ix->slots[id];
	g = &ix->groups[s->group];
	/* Keep the group in insertion order: ranking ties fall back to it. */
	memmove(&g->ids[s->pos], &g->ids[s->pos + 1], (g->n - s->pos - 1) * sizeof(*g->ids));
	g->n--;
	for (i = s->pos; i < g->n; i++)
		ix->slots[g->ids[i]].pos = i;
	s->group = SIZE_MAX;
	s->c = NULL;
	ix->live--;
	return MDEVDESC_OK;
}

size_t mdevdesc_index_count(const mdevdesc_index *ix)
{
	return ix ? ix->live : 0;
}

const struct mdevdesc_descriptor *mdevdesc_index_get(const mdevdesc_index *ix, size_t id)
{
	return ix && id < ix->nslots && ix->slots[id].c ? ix->slots[id].c->d : NULL;
}

size_t mdevdesc_index_rank(const mdevdesc_index *ix, const struct mdevdesc_descriptor *src,
			   mdevdesc_ranked *out, size_t cap)
{
	const struct md_group *g;
	md_compiled *s;
	md_arena scratch;
	uint32_t fresh = FRESH_BASE;
	size_t gi, i, m = 0, stored = 0;
	int sorted = 0;

	if (!ix || !src || !src->vendor || !src->type || !src->device_api || (cap && !out))
		return 0;
	/* The interner is only read: strings it lacks get fresh ids. */
	md_arena_init(&scratch, &ix->alc);
	s = md_compile((md_interner *)(uintptr_t)&ix->in, &ix->alc, &scratch, src, &fresh);
	gi = s ? find_group(ix, s->vendor, s->type, s->api) : SIZE_MAX;
	if (gi == SIZE_MAX) {
		md_arena_free(&scratch);
		return 0;
	}
	g = &ix->groups[gi];
	for (i = 0; i < g->n; i++) {
		mdevdesc_ranked k;

		if (md_ccheck(s, ix->slots[g->ids[i]].c, g->ids[i], &k) != MDEVDESC_COMPATIBLE)
			continue;
		m++;
		if (stored < cap) {
			out[stored++] = k;
			continue;
		}
		if (!cap)
			continue;
		if (!sorted) {
			md_rank_sort(out, stored);
			sorted = 1;
		}
		if (md_rank_cmp(&k, &out[cap - 1]) < 0) {
			/* Insert in order, dropping the last. */
			size_t lo = 0, hi = cap - 1;
			while (lo < hi) {
				size_t mid = lo + (hi - lo) / 2;
				if (md_rank_cmp(&out[mid], &k) < 0)
					lo = mid + 1;
				else
					hi = mid;
			}
			memmove(&out[lo + 1], &out[lo], (cap - 1 - lo) * sizeof(*out));
			out[lo] = k;
		}
	}
	if (!sorted)
		md_rank_sort(out, stored);
	md_arena_free(&scratch);
	return m;
}
