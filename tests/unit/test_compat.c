/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/*
 * test_compat.c - the C API of compatibility resolution (spec 6): argument
 * errors, the reason cap, rendering, configuration accessors, ranking, the
 * fleet index (add, remove, top-N, agreement with the pairwise ranking) and
 * the baseline, with allocation failures injected through the hook.  The
 * rules themselves are tested by tests/vectors/compat/ and the property
 * tests against the reference resolver.
 */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "mdevdesc.h"

#include "alloc.h"

static mdevdesc_file *parse(const char *text)
{
	mdevdesc_file *f = NULL;

	assert_int_equal(mdevdesc_parse(text, strlen(text), NULL, &f), MDEVDESC_OK);
	return f;
}

static const struct mdevdesc_descriptor *doc(const mdevdesc_file *f, size_t i)
{
	return mdevdesc_doc_descriptor(mdevdesc_file_doc(f, i));
}

#define HEAD "mdevdesc: \"1.0\"\nvendor: test\ntype: widget\ndevice_api: vfio-pci\n"

static void test_arguments(void **state)
{
	mdevdesc_file *f = parse(HEAD "version: 1.0.0\n");
	struct mdevdesc_descriptor other;
	mdevdesc_report r;
	(void)state;

	assert_int_equal(mdevdesc_check_compat(NULL, doc(f, 0), &r), -1);
	assert_int_equal(mdevdesc_check_compat(doc(f, 0), NULL, &r), -1);
	assert_int_equal(mdevdesc_check_compat(doc(f, 0), doc(f, 0), NULL), -1);
	other = *doc(f, 0);
	other.format_major = 2;
	assert_int_equal(mdevdesc_check_compat(doc(f, 0), &other, &r), -1);
	assert_int_equal(mdevdesc_check_compat(doc(f, 0), doc(f, 0), &r), MDEVDESC_COMPATIBLE);
	assert_string_equal(mdevdesc_verdict_name(MDEVDESC_UNDECIDABLE), "undecidable");
	assert_string_equal(mdevdesc_reason_name(MDEVDESC_R_PARAM_NO_DEFAULT), "param-no-default");
	assert_string_equal(mdevdesc_reason_name((mdevdesc_reason_code)999), "unknown");
	assert_string_equal(mdevdesc_verdict_name((mdevdesc_verdict)7), "unknown");
	mdevdesc_file_free(f);
}

/* More reasons than the report holds inline: all kept, in order, freed by fini. */
static void test_reason_cap(void **state)
{
	char *src = malloc(64 * 1024), *p;
	mdevdesc_file *f, *g;
	mdevdesc_report *r = malloc(sizeof(*r));
	int i;
	(void)state;

	p = src + sprintf(src, HEAD "version: 1.0.0\nparams:\n");
	for (i = 0; i < 100; i++)
		p += sprintf(p, "  p%03d: { value: %d }\n", i, i);
	f = parse(src);
	g = parse(HEAD "version: 1.0.0\n");
	assert_int_equal(mdevdesc_check_compat(doc(f, 0), doc(g, 0), r), MDEVDESC_INCOMPATIBLE);
	assert_int_equal(r->n_reasons, 100);
	assert_int_equal(r->nomem, 0);
	for (i = 0; i < 100; i++) {
		char want[32], got[32];
		const mdevdesc_reason *x = mdevdesc_report_reason(r, (size_t)i);
		assert_non_null(x);
		assert_int_equal(x->code, MDEVDESC_R_PARAM_MISSING_IN_TARGET);
		snprintf(want, sizeof(want), "params.p%03d", i);
		assert_int_equal(mdevdesc_reason_path(x, got, sizeof(got)), 11);
		assert_string_equal(got, want);
	}
	assert_null(mdevdesc_report_reason(r, 100));
	{
		char small[8];
		assert_int_equal(mdevdesc_reason_path(mdevdesc_report_reason(r, 0), small, sizeof(small)), 11);
		assert_string_equal(small, "params.");
	}
	mdevdesc_report_fini(r);
	mdevdesc_report_fini(r);
	mdevdesc_report_fini(NULL);
	mdevdesc_file_free(f);
	mdevdesc_file_free(g);
	free(src);
	free(r);
}

static void test_rendering_and_configuration(void **state)
{
	mdevdesc_file *f = parse(HEAD "version: 2.3.1\n"
				      "features:\n  caps: { bits: \"0x1f00\", rule: superset }\n"
				      "params:\n  agg: { value: 16 }\n"
				      "---\n" HEAD "version: 2.4.0\naccepts: [\"1.9\"]\n"
				      "features:\n  caps: { bits: \"0x0f00\", rule: superset }\n"
				      "params:\n  agg: { value: 4, accepts: [1, 2, 4, 8..12] }\n"
				      "  qos: { value: gold, accepts: [gold, silver], default: silver }\n"
				      "---\n" HEAD "version: 2.4.0\ncreates: [\"2.3\"]\n"
				      "features:\n  caps: { bits: \"0xff00\", rule: superset }\n"
				      "params:\n  agg: { value: 16, accepts: [16] }\n"
				      "  qos: { value: gold, accepts: [gold, silver], default: silver }\n");
	mdevdesc_report r;
	char buf[64];
	const char *name, *bits;
	const struct mdevdesc_value *v;
	int def;
	(void)state;

	assert_int_equal(mdevdesc_check_compat(doc(f, 0), doc(f, 1), &r), MDEVDESC_INCOMPATIBLE);
	assert_int_equal(r.n_reasons, 2);
	assert_int_equal(mdevdesc_report_reason(&r, 0)->code, MDEVDESC_R_FEATURE_MISSING_BITS);
	assert_int_equal(mdevdesc_reason_text(&r, mdevdesc_report_reason(&r, 0), 2, buf, sizeof(buf)), 2);
	assert_string_equal(buf, "12");
	assert_int_equal(mdevdesc_reason_text(&r, mdevdesc_report_reason(&r, 1), 1, buf, sizeof(buf)), 16);
	assert_string_equal(buf, "[1, 2, 4, 8..12]");
	/* snprintf semantics: truncated, NUL-terminated, full length returned. */
	assert_int_equal(mdevdesc_reason_text(&r, mdevdesc_report_reason(&r, 1), 1, buf, 5), 16);
	assert_string_equal(buf, "[1, ");
	assert_int_equal(mdevdesc_reason_text(&r, mdevdesc_report_reason(&r, 1), 0, NULL, 0), 2);
	/* An incompatible check configures no target. */
	assert_int_equal(mdevdesc_report_setting(&r, 1, 0, &name, &v, &def), 0);
	assert_int_equal(mdevdesc_report_feature(&r, 0, &name, &bits), 0);

	assert_int_equal(mdevdesc_check_compat(doc(f, 0), doc(f, 2), &r), MDEVDESC_COMPATIBLE);
	assert_int_equal(r.n_reasons, 0);
	assert_true(r.reversible);
	assert_int_equal(r.create_version.major, 2);
	assert_int_equal(r.create_version.minor, 3);
	assert_int_equal(r.create_version.has_patch, 0);
	assert_int_equal(r.defaults_applied, 1);
	assert_int_equal(mdevdesc_report_feature(&r, 0, &name, &bits), 1);
	assert_string_equal(name, "caps");
	assert_string_equal(bits, "0x1f00");
	assert_int_equal(mdevdesc_report_feature(&r, 1, &name, &bits), 0);
	assert_int_equal(mdevdesc_report_setting(&r, 1, 0, &name, &v, &def), 1);
	assert_string_equal(name, "agg");
	assert_int_equal(v->i, 16);
	assert_int_equal(def, 0);
	assert_int_equal(mdevdesc_report_setting(&r, 1, 1, &name, &v, &def), 1);
	assert_string_equal(name, "qos");
	assert_string_equal(v->s, "silver");
	assert_int_equal(def, 1);
	assert_int_equal(mdevdesc_report_setting(&r, 1, 2, &name, &v, &def), 0);
	assert_int_equal(mdevdesc_report_setting(&r, 0, 0, &name, &v, &def), 0);
	mdevdesc_file_free(f);
}

/* Fleet fixture: ten targets of two identities, some incompatible. */
static const char fleet[] =
	HEAD "version: 1.2.0\n---\n"                           /* 0: source */
	HEAD "version: 1.2.5\n---\n"                           /* 1: compatible */
	HEAD "version: 1.1.0\n---\n"                           /* 2: older: no */
	HEAD "version: 1.3.0\ncreates: [\"1.2\"]\n---\n"       /* 3: reversible */
	"mdevdesc: \"1.0\"\nvendor: test\ntype: gadget\ndevice_api: vfio-pci\nversion: 1.2.0\n---\n"
	HEAD "version: 1.2.0\nparams:\n  q: { value: 1, default: 1 }\n---\n" /* 5: a default */
	HEAD "version: 2.0.0\naccepts: [1.0.0..1.9.9]\n---\n" /* 6: other major */
	HEAD "version: 1.2.0\n---\n"                           /* 7: same as 0 */
	HEAD "version: 1.5.0\n---\n"                           /* 8: far minor */
	"mdevdesc: \"1.1\"\nvendor: test\ntype: widget\ndevice_api: vfio-pci\nversion: 1.2.0\n"
	"future: 1\n";                                          /* 9: undecidable */

static void test_rank_and_index_agree(void **state)
{
	mdevdesc_file *f = NULL;
	const struct mdevdesc_descriptor *t[9];
	mdevdesc_ranked a[9], b[9], top[2];
	mdevdesc_index *ix = NULL;
	size_t i, n, m, id;
	(void)state;

	assert_int_equal(mdevdesc_parse(fleet, strlen(fleet), NULL, &f), MDEVDESC_OK);
	for (i = 0; i < 9; i++)
		t[i] = doc(f, i + 1);
	n = mdevdesc_rank(doc(f, 0), t, 9, a);
	/*
	 * Reversible before one-way, then fewer defaults, the same major, the
	 * smaller minor distance, the newer version (spec 6.7):
	 * 1.2.5, 1.2.0, 1.3.0, 1.2.0 with a default; then one-way 1.5.0, 2.0.0.
	 */
	assert_int_equal(n, 6);
	{
		static const size_t want[6] = { 0, 6, 2, 4, 7, 5 };
		for (i = 0; i < 6; i++)
			assert_int_equal(a[i].index, want[i]);
	}
	assert_true(a[0].reversible && a[3].reversible && !a[4].reversible);
	assert_int_equal(a[3].defaults_applied, 1);
	assert_false(a[5].same_major);
	assert_int_equal(mdevdesc_index_new(NULL, &ix), MDEVDESC_OK);
	for (i = 0; i < 9; i++) {
		assert_int_equal(mdevdesc_index_add(ix, t[i], &id), MDEVDESC_OK);
		assert_int_equal(id, i);
	}
	assert_int_equal(mdevdesc_index_count(ix), 9);
	m = mdevdesc_index_rank(ix, doc(f, 0), b, 9);
	assert_int_equal(m, n);
	for (i = 0; i < n; i++) {
		assert_int_equal(a[i].index, b[i].index);
		assert_int_equal(a[i].reversible, b[i].reversible);
		assert_int_equal(a[i].defaults_applied, b[i].defaults_applied);
	}
	/* Only the best two kept, still n counted. */
	assert_int_equal(mdevdesc_index_rank(ix, doc(f, 0), top, 2), n);
	assert_int_equal(top[0].index, a[0].index);
	assert_int_equal(top[1].index, a[1].index);
	/* Removing a target removes it from the answers; ids stay. */
	assert_int_equal(mdevdesc_index_remove(ix, a[0].index), MDEVDESC_OK);
	assert_int_equal(mdevdesc_index_remove(ix, a[0].index), MDEVDESC_E_INVALID_ARGUMENT);
	assert_null(mdevdesc_index_get(ix, a[0].index));
	assert_ptr_equal(mdevdesc_index_get(ix, a[1].index), t[a[1].index]);
	assert_int_equal(mdevdesc_index_rank(ix, doc(f, 0), b, 9), n - 1);
	assert_int_equal(b[0].index, a[1].index);
	assert_int_equal(mdevdesc_index_add(ix, t[a[0].index], &id), MDEVDESC_OK);
	assert_int_equal(id, 9);
	/* A source of an identity no target has. */
	{
		struct mdevdesc_descriptor s = *doc(f, 0);
		s.type = "nothing-like-it";
		assert_int_equal(mdevdesc_index_rank(ix, &s, b, 9), 0);
	}
	mdevdesc_index_free(ix);
	mdevdesc_file_free(f);
}

static void test_index_allocation_failures(void **state)
{
	struct counting c = { 0, 0, 0 };
	mdevdesc_alc alc = { c_malloc, NULL, c_free, &c };
	mdevdesc_file *f = NULL;
	mdevdesc_index *ix;
	long total, k;
	size_t i, id;
	(void)state;

	assert_int_equal(mdevdesc_parse(fleet, strlen(fleet), NULL, &f), MDEVDESC_OK);
	assert_int_equal(mdevdesc_index_new(&alc, &ix), MDEVDESC_OK);
	for (i = 0; i < 10; i++)
		assert_int_equal(mdevdesc_index_add(ix, doc(f, i), &id), MDEVDESC_OK);
	mdevdesc_index_free(ix);
	assert_int_equal(c.live, 0);
	total = c.calls;
	for (k = 1; k <= total; k++) {
		mdevdesc_code rc = MDEVDESC_OK;
		c.calls = 0;
		c.fail_at = k;
		ix = NULL;
		if (mdevdesc_index_new(&alc, &ix) != MDEVDESC_OK) {
			assert_null(ix);
			assert_int_equal(c.live, 0);
			continue;
		}
		for (i = 0; i < 10 && rc == MDEVDESC_OK; i++)
			rc = mdevdesc_index_add(ix, doc(f, i), &id);
		assert_int_equal(rc, MDEVDESC_E_NOMEM);
		mdevdesc_index_free(ix);
		assert_int_equal(c.live, 0);
	}
	mdevdesc_file_free(f);
}

static void test_baseline(void **state)
{
	mdevdesc_file *f = parse(HEAD "version: 1.4.0\ncreates: [\"1.2\", \"1.3\"]\n"
				      "features:\n  caps: { bits: \"0xff\", rule: superset }\n"
				      "params:\n  rate: { value: 100, accepts: 0..1000 }\n"
				      "---\n" HEAD "version: 1.3.2\n"
				      "features:\n  caps: { bits: \"0x0f\", rule: superset }\n"
				      "params:\n  rate: { value: 8, accepts: [7..9, 50..60] }\n"
				      "---\n" HEAD "version: 1.2.0\n"
				      "features:\n  caps: { bits: \"0x3c\", rule: superset }\n"
				      "params:\n  rate: { value: 55, accepts: 55..2000 }\n"
				      "---\n" HEAD "version: 1.1.0\n");
	const struct mdevdesc_descriptor *t[3] = { doc(f, 1), doc(f, 2), doc(f, 3) };
	mdevdesc_baseline *b = NULL;
	struct counting c = { 0, 0, 0 };
	mdevdesc_alc alc = { c_malloc, NULL, c_free, &c };
	long total, k;
	(void)state;

	assert_int_equal(mdevdesc_baseline_compute(doc(f, 0), t, 2, NULL, &b), MDEVDESC_OK);
	assert_int_equal(b->blocked, 0);
	assert_int_equal(b->version.low.major, 1);
	assert_int_equal(b->version.low.minor, 2);
	assert_int_equal(b->n_features, 1);
	assert_string_equal(b->features[0].bits, "0xc");
	assert_int_equal(b->n_params, 1);
	assert_int_equal(b->params[0].value.i, 55); /* first of 0..1000 every target accepts */
	mdevdesc_baseline_free(b);

	/* The third target accepts nothing the host creates: it blocks. */
	assert_int_equal(mdevdesc_baseline_compute(doc(f, 0), t, 3, NULL, &b), MDEVDESC_OK);
	assert_int_equal(b->blocked, 1);
	assert_int_equal(b->blocker, 3);
	assert_true(b->report.n_reasons >= 1);
	mdevdesc_baseline_free(b);

	/* The host alone has a baseline: itself. */
	assert_int_equal(mdevdesc_baseline_compute(doc(f, 0), t, 0, NULL, &b), MDEVDESC_OK);
	assert_int_equal(b->blocked, 0);
	assert_int_equal(b->version.low.minor, 4);
	mdevdesc_baseline_free(b);
	mdevdesc_baseline_free(NULL);
	assert_int_equal(mdevdesc_baseline_compute(NULL, t, 0, NULL, &b), MDEVDESC_E_INVALID_ARGUMENT);

	/* Each allocation failing in turn: NOMEM, nothing leaked. */
	assert_int_equal(mdevdesc_baseline_compute(doc(f, 0), t, 2, &alc, &b), MDEVDESC_OK);
	mdevdesc_baseline_free(b);
	assert_int_equal(c.live, 0);
	total = c.calls;
	for (k = 1; k <= total; k++) {
		c.calls = 0;
		c.fail_at = k;
		b = NULL;
		assert_int_equal(mdevdesc_baseline_compute(doc(f, 0), t, 2, &alc, &b), MDEVDESC_E_NOMEM);
		assert_null(b);
		assert_int_equal(c.live, 0);
	}
	mdevdesc_file_free(f);
}

/*
 * Unknown items are reported sorted by path (R-COMPAT-REPORT), also where
 * they straddle the reasons held inline and those on the heap, or lie all
 * on the heap.
 */
static void check_unknown_order(size_t before)
{
	char *src = malloc(64 * 1024), *p;
	mdevdesc_file *f, *g;
	mdevdesc_report r;
	static const char *const want[3] = { "beta", "params.a.future", "zeta" };
	size_t i;

	/* Input order: zeta, beta (top level), then params.a.future. */
	p = src + sprintf(src, "mdevdesc: \"1.1\"\nvendor: test\ntype: widget\n"
			       "device_api: vfio-pci\nversion: 1.0.0\nzeta: 1\nbeta: 2\n"
			       "params:\n  a: { value: 1, future: 3 }\n");
	for (i = 1; i < before; i++)
		p += sprintf(p, "  p%03zu: { value: %zu }\n", i, i);
	f = parse(src);
	g = parse(HEAD "version: 1.0.0\n");
	assert_int_equal(mdevdesc_check_compat(doc(f, 0), doc(g, 0), &r), MDEVDESC_INCOMPATIBLE);
	assert_int_equal(r.n_reasons, before + 3);
	assert_int_equal(mdevdesc_report_reason(&r, 0)->code, MDEVDESC_R_PARAM_MISSING_IN_TARGET);
	assert_int_equal(mdevdesc_report_reason(&r, before - 1)->code,
			 MDEVDESC_R_PARAM_MISSING_IN_TARGET);
	for (i = 0; i < 3; i++) {
		const mdevdesc_reason *x = mdevdesc_report_reason(&r, before + i);
		char path[32];
		assert_non_null(x);
		assert_int_equal(x->code, MDEVDESC_R_UNKNOWN_KEY);
		assert_int_equal(x->side, 0);
		mdevdesc_reason_path(x, path, sizeof(path));
		assert_string_equal(path, want[i]);
	}
	mdevdesc_report_fini(&r);
	mdevdesc_file_free(f);
	mdevdesc_file_free(g);
	free(src);
}

static void test_unknown_items_sorted(void **state)
{
	(void)state;
	check_unknown_order(3);                          /* all inline */
	check_unknown_order(MDEVDESC_REPORT_INLINE - 1); /* across the boundary */
	check_unknown_order(MDEVDESC_REPORT_INLINE + 5); /* all on the heap */
}

/*
 * An index past its initial table sizes: 600 identities (group table,
 * interned strings and the descriptor cache all rehash), one identity with
 * 40 members.  Its answers stay those of mdevdesc_rank().
 */
static void test_index_grows(void **state)
{
	enum { NTYPES = 600, NMEMBERS = 40 };
	size_t cap = (NTYPES + NMEMBERS) * 128, i, id, n;
	char *text = malloc(cap), *p = text;
	const struct mdevdesc_descriptor *t[NMEMBERS];
	mdevdesc_ranked a[NMEMBERS], b[NMEMBERS];
	mdevdesc_file *f = NULL;
	mdevdesc_index *ix = NULL;
	(void)state;

	for (i = 0; i < NTYPES; i++)
		p += sprintf(p, "mdevdesc: \"1.0\"\nvendor: test\ntype: t%03zu\n"
				"device_api: vfio-pci\nversion: 1.0.0\n---\n", i);
	for (i = 0; i < NMEMBERS; i++)
		p += sprintf(p, HEAD "version: 1.%zu.0\n%s", i % 7, i + 1 < NMEMBERS ? "---\n" : "");
	assert_int_equal(mdevdesc_parse(text, strlen(text), NULL, &f), MDEVDESC_OK);
	assert_int_equal(mdevdesc_index_new(NULL, &ix), MDEVDESC_OK);
	for (i = 0; i < NTYPES + NMEMBERS; i++) {
		assert_int_equal(mdevdesc_index_add(ix, doc(f, i), &id), MDEVDESC_OK);
		assert_int_equal(id, i);
	}
	assert_int_equal(mdevdesc_index_count(ix), NTYPES + NMEMBERS);
	for (i = 0; i < NTYPES; i += 97) {
		assert_int_equal(mdevdesc_index_rank(ix, doc(f, i), b, 1), 1);
		assert_int_equal(b[0].index, i);
	}
	for (i = 0; i < NMEMBERS; i++)
		t[i] = doc(f, NTYPES + i);
	n = mdevdesc_rank(t[3], t, NMEMBERS, a);
	assert_true(n > 16);
	assert_int_equal(mdevdesc_index_rank(ix, t[3], b, NMEMBERS), n);
	for (i = 0; i < n; i++)
		assert_int_equal(b[i].index, NTYPES + a[i].index);
	/* Only counting: no room needed. */
	assert_int_equal(mdevdesc_index_rank(ix, t[3], NULL, 0), n);
	assert_int_equal(mdevdesc_rank(t[3], NULL, 0, NULL), 0);
	mdevdesc_index_free(ix);
	mdevdesc_file_free(f);
	free(text);
}

static void test_index_arguments(void **state)
{
	mdevdesc_file *f = parse(HEAD "version: 1.0.0\n");
	struct mdevdesc_descriptor nameless = *doc(f, 0);
	mdevdesc_index *ix = NULL;
	mdevdesc_ranked out[1];
	size_t id = 7;
	(void)state;

	assert_int_equal(mdevdesc_index_new(NULL, NULL), MDEVDESC_E_INVALID_ARGUMENT);
	assert_int_equal(mdevdesc_index_new(NULL, &ix), MDEVDESC_OK);
	assert_int_equal(mdevdesc_index_add(NULL, doc(f, 0), &id), MDEVDESC_E_INVALID_ARGUMENT);
	assert_int_equal(mdevdesc_index_add(ix, NULL, &id), MDEVDESC_E_INVALID_ARGUMENT);
	assert_int_equal(mdevdesc_index_add(ix, doc(f, 0), NULL), MDEVDESC_E_INVALID_ARGUMENT);
	nameless.type = NULL;
	assert_int_equal(mdevdesc_index_add(ix, &nameless, &id), MDEVDESC_E_INVALID_ARGUMENT);
	assert_int_equal(id, 7);
	assert_int_equal(mdevdesc_index_count(ix), 0);
	assert_int_equal(mdevdesc_index_add(ix, doc(f, 0), &id), MDEVDESC_OK);
	assert_int_equal(mdevdesc_index_rank(ix, doc(f, 0), out, 1), 1);
	assert_int_equal(mdevdesc_index_rank(ix, &nameless, out, 1), 0);
	assert_int_equal(mdevdesc_index_rank(ix, doc(f, 0), NULL, 1), 0);
	assert_int_equal(mdevdesc_index_remove(NULL, 0), MDEVDESC_E_INVALID_ARGUMENT);
	assert_int_equal(mdevdesc_index_remove(ix, 1), MDEVDESC_E_INVALID_ARGUMENT);
	assert_null(mdevdesc_index_get(ix, 1));
	mdevdesc_index_free(ix);
	mdevdesc_index_free(NULL);
	mdevdesc_file_free(f);
}

/* The baseline value of a host range against a target's list of integers. */
static void test_baseline_integer_list(void **state)
{
	mdevdesc_file *f = parse(HEAD "version: 1.0.0\n"
				      "params:\n  rate: { value: 100, accepts: 0..1000 }\n"
				      "---\n" HEAD "version: 1.0.0\n"
				      "params:\n  rate: { value: 9, accepts: [60, 9, 7, 2000] }\n"
				      "---\n" HEAD "version: 1.0.0\n"
				      "params:\n  rate: { value: 2000, accepts: [2000] }\n");
	const struct mdevdesc_descriptor *t[2] = { doc(f, 1), doc(f, 2) };
	mdevdesc_baseline *b = NULL;
	(void)state;

	/* 100 is not in the list: the smallest of 0..1000 that it holds. */
	assert_int_equal(mdevdesc_baseline_compute(doc(f, 0), t, 1, NULL, &b), MDEVDESC_OK);
	assert_int_equal(b->blocked, 0);
	assert_int_equal(b->n_params, 1);
	assert_string_equal(b->params[0].name, "rate");
	assert_int_equal(b->params[0].value.kind, MDEVDESC_VALUE_INT);
	assert_int_equal(b->params[0].value.i, 7);
	mdevdesc_baseline_free(b);
	/* 2000 is outside the host's range: no baseline, the second target blocks. */
	assert_int_equal(mdevdesc_baseline_compute(doc(f, 0), t, 2, NULL, &b), MDEVDESC_OK);
	assert_int_equal(b->blocked, 1);
	assert_int_equal(b->blocker, 2);
	assert_int_equal(mdevdesc_report_reason(&b->report, 0)->code, MDEVDESC_R_PARAM_NOT_ACCEPTED);
	mdevdesc_baseline_free(b);
	mdevdesc_file_free(f);
}

struct shared {
	const mdevdesc_index *ix;
	const struct mdevdesc_descriptor *src;
	const struct mdevdesc_descriptor *const *t;
	size_t want;
};

static void *query_many(void *arg)
{
	const struct shared *sh = arg;
	mdevdesc_ranked out[9];
	mdevdesc_report r;
	int i;

	for (i = 0; i < 2000; i++) {
		if (mdevdesc_index_rank(sh->ix, sh->src, out, 9) != sh->want)
			return (void *)1;
		mdevdesc_check_compat(sh->src, sh->t[i % 9], &r);
		mdevdesc_report_fini(&r);
	}
	return NULL;
}

/* Queries share an index and descriptors across threads (no global state). */
static void test_concurrent_queries(void **state)
{
	mdevdesc_file *f = NULL;
	const struct mdevdesc_descriptor *t[9];
	mdevdesc_ranked a[9];
	mdevdesc_index *ix = NULL;
	struct shared sh;
	pthread_t th[4];
	void *ret;
	size_t i, id;
	(void)state;

	assert_int_equal(mdevdesc_parse(fleet, strlen(fleet), NULL, &f), MDEVDESC_OK);
	assert_int_equal(mdevdesc_index_new(NULL, &ix), MDEVDESC_OK);
	for (i = 0; i < 9; i++) {
		t[i] = doc(f, i + 1);
		assert_int_equal(mdevdesc_index_add(ix, t[i], &id), MDEVDESC_OK);
	}
	sh.ix = ix;
	sh.src = doc(f, 0);
	sh.t = t;
	sh.want = mdevdesc_rank(doc(f, 0), t, 9, a);
	for (i = 0; i < 4; i++)
		assert_int_equal(pthread_create(&th[i], NULL, query_many, &sh), 0);
	for (i = 0; i < 4; i++) {
		assert_int_equal(pthread_join(th[i], &ret), 0);
		assert_null(ret);
	}
	mdevdesc_index_free(ix);
	mdevdesc_file_free(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_arguments),
		cmocka_unit_test(test_reason_cap),
		cmocka_unit_test(test_rendering_and_configuration),
		cmocka_unit_test(test_rank_and_index_agree),
		cmocka_unit_test(test_index_allocation_failures),
		cmocka_unit_test(test_baseline),
		cmocka_unit_test(test_concurrent_queries),
		cmocka_unit_test(test_unknown_items_sorted),
		cmocka_unit_test(test_index_grows),
		cmocka_unit_test(test_index_arguments),
		cmocka_unit_test(test_baseline_integer_list),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
