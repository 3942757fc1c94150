/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/*
 * compat.h - the compatibility resolver of libmdevdesc, never installed:
 * the report object (report.c), the check of one source against one target
 * and ranking (compat.c), the target instance and the way back
 * (instance.c), descriptors compiled to ids for fleet queries
 * (compiled.c, index.c) and the baseline of a host (baseline.c), spec 6.
 */
#ifndef MDEVDESC_COMPAT_H
#define MDEVDESC_COMPAT_H

#include "validator/model.h"

/* ---- report.c: the report object and its rendering --------------------- */

/* The report, opaque in mdevdesc.h: arrays of items grown through its
 * allocator and kept across checks, so that a warm report allocates nothing. */
struct mdevdesc_report {
	mdevdesc_alc alc;
	int filled;  /* holds a verdict */
	int nomem;   /* an item could not be stored during this check */
	mdevdesc_verdict verdict;
	const struct mdevdesc_descriptor *src, *dst;
	mdevdesc_reason *reasons;
	size_t n_reasons, cap_reasons;
	mdevdesc_check *checks;
	size_t n_checks, cap_checks;
	mdevdesc_setting *settings[2]; /* by mdevdesc_section */
	size_t n_settings[2], cap_settings[2];
	mdevdesc_feature_setting *features;
	size_t n_features, cap_features;
	struct mdevdesc_version resume_version, create_version;
	int same_minor;
	size_t defaults_applied;
	/* The target instance (instance.c), when compatible: its arrays grow
	 * like the items above and are kept across checks. */
	struct mdevdesc_descriptor instance;
	struct mdevdesc_param *inst_entries[2]; /* by mdevdesc_section */
	size_t cap_inst_entries[2];
	struct mdevdesc_feature *inst_features;
	size_t cap_inst_features;
};

/* A report allocated from @alc (not NULL). */
mdevdesc_report *md_report_alloc(const mdevdesc_alc *alc);
/* Drop every item (keeping the storage) and start a check of @s against @d. */
void md_report_start(mdevdesc_report *r, const struct mdevdesc_descriptor *s,
		     const struct mdevdesc_descriptor *d);
/* Empty @r: no verdict, no items, no descriptors. */
void md_report_clear(mdevdesc_report *r);
/* A new reason or check at path seg0[.seg1[.seg2]], zeroed but for its code,
 * rule and path; NULL (and r->nomem) when it cannot be stored. */
mdevdesc_reason *md_report_add(mdevdesc_report *r, mdevdesc_reason_code code, const char *seg0,
			       const char *seg1, const char *seg2);
mdevdesc_check *md_report_add_check(mdevdesc_report *r, const char *rule, const char *seg0,
				    const char *seg1, const char *seg2);
mdevdesc_setting *md_report_add_setting(mdevdesc_report *r, mdevdesc_section s);
/* Room for item @n of @size bytes in @v (@cap allocated): @v, or the array
 * grown through @r's allocator; NULL (and r->nomem) when that fails. */
void *md_report_room(mdevdesc_report *r, void *v, size_t n, size_t *cap, size_t size);
mdevdesc_feature_setting *md_report_add_feature(mdevdesc_report *r);
const char *md_reason_rule(mdevdesc_reason_code code);
int md_path_cmp(const mdevdesc_reason *a, const mdevdesc_reason *b);

/* ---- compat.c: the rules, the check and ranking ------------------------- */

/* How @d accepts version @v (spec 6.3); MDEVDESC_PASS_NONE when it does not. */
mdevdesc_pass md_accepts_version(const struct mdevdesc_descriptor *d,
				 const struct mdevdesc_version *v);
int md_entry_accepts(const struct mdevdesc_param *e, const struct mdevdesc_value *v);
int md_creates_minor(const struct mdevdesc_descriptor *d, uint32_t major, uint32_t minor);
/* Bitmaps (canonical or not): bits of @s not in @d; equal as numbers. */
int md_bm_missing(const char *s, const char *d);
int md_bm_equal(const char *s, const char *d);
/* The unknown items of @d (spec 6.1 R-COMPAT-UNKNOWN), appended to @r as
 * reasons of @side sorted by path, or only counted when @r is NULL. */
size_t md_unknown_items(mdevdesc_report *r, const struct mdevdesc_descriptor *d,
			mdevdesc_side side);
int md_has_unknown(const struct mdevdesc_descriptor *d);
/* The ranking keys of a compatible pair (spec 6.7). */
void md_rank_keys(const struct mdevdesc_descriptor *s, const struct mdevdesc_descriptor *d,
		  size_t defaults, size_t index, mdevdesc_ranked *k);
void md_rank_sort(mdevdesc_ranked *v, size_t n);
int md_rank_cmp(const void *a, const void *b);

/* ---- instance.c: the target instance and the way back (spec 6.6) ------- */

/* Build r->instance from the configured report @r (compatible). */
void md_target_instance(mdevdesc_report *r);

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
