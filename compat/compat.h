/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/*
 * compat.h - the compatibility resolver of libmdevdesc, never installed:
 * the check of one source against one target and its report (compat.c),
 * descriptors compiled to ids for fleet queries (compiled.c, index.c) and
 * the baseline of a host (baseline.c), spec 6.
 */
#ifndef MDEVDESC_COMPAT_H
#define MDEVDESC_COMPAT_H

#include "validator/model.h"

/* ---- compat.c ---------------------------------------------- */

int md_check_compat(const struct mdevdesc_descriptor *s, const struct mdevdesc_descriptor *d,
		    mdevdesc_report *r, int fast);
int md_accepts_version(const struct mdevdesc_descriptor *d, const struct mdevdesc_version *v);
int md_entry_accepts(const struct mdevdesc_param *e, const struct mdevdesc_value *v);
const char *md_reason_rule(mdevdesc_reason_code code);
void md_report_start(mdevdesc_report *r, const struct mdevdesc_descriptor *s,
		     const struct mdevdesc_descriptor *d);
mdevdesc_reason *md_report_add(mdevdesc_report *r, mdevdesc_reason_code code, const char *seg0,
			       const char *seg1, const char *seg2);
int md_path_cmp(const mdevdesc_reason *a, const mdevdesc_reason *b);
void md_ranked_from(const mdevdesc_report *r, size_t index, mdevdesc_ranked *k);
void md_rank_sort(mdevdesc_ranked *v, size_t n);
int md_rank_cmp(const void *a, const void *b);

int md_creates_minor(const struct mdevdesc_descriptor *d, uint32_t major, uint32_t minor);

/* ---- compiled.c -------------------------------------------- */

#define MD_NO_ID UINT32_MAX

struct md_istr {
	const char *s;
	uint64_t hash;
	uint32_t id;
};

typedef struct md_interner {
	md_arena *arena; /* the strings */
	struct md_istr *slots;
	size_t size, count;
} md_interner;

typedef struct md_cvalue {
	uint32_t kind, s; /* s: interned string id */
	int64_t i, hi;
} md_cvalue;

typedef struct md_centry {
	uint32_t name, nacc;
	int has_default;
	md_cvalue value;
	const md_cvalue *acc;
} md_centry;

typedef struct md_cfeat {
	uint32_t name, rule, nwords;
	const uint64_t *w; /* little-endian 64-bit words, no high zero words */
} md_cfeat;

/* A descriptor compiled for fleet queries: ids and words only. */
typedef struct md_compiled {
	const struct mdevdesc_descriptor *d;
	uint32_t vendor, type, api;
	int unknown;
	const md_cfeat *f;
	uint32_t nf;
	const md_centry *hw, *params; /* sorted by name id */
	uint32_t nhw, nparams;
} md_compiled;

void md_interner_init(md_interner *in, md_arena *arena);
void md_interner_fini(md_interner *in, const mdevdesc_alc *alc);
/* The id of @s; with @fresh, a string not interned gets (*fresh)++ and
 * the interner is not modified. MD_NO_ID when out of memory. */
uint32_t md_intern(md_interner *in, const mdevdesc_alc *alc, const char *s, uint32_t *fresh);
md_compiled *md_compile(md_interner *in, const mdevdesc_alc *alc, md_arena *a,
			const struct mdevdesc_descriptor *d, uint32_t *fresh);
/* Verdict of @s migrating to @d; on compatible, the ranking keys in @k. */
int md_ccheck(const md_compiled *s, const md_compiled *d, size_t index, mdevdesc_ranked *k);

/* ---- baseline.c -------------------------------------------- */

void md_baseline_add_feature(mdevdesc_baseline *o, const char *name, const char *bits);
void md_baseline_add_value(mdevdesc_baseline *o, int hw, const char *name,
			   const struct mdevdesc_value *value);

#endif /* MDEVDESC_COMPAT_H */
