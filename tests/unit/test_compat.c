/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/*
 * test_compat.c - the C API of compatibility resolution (spec 6): the
 * report object (arguments, errors, accessors, reuse without allocation,
 * failure of each allocation), the rules checked with their passing and
 * failing outcomes, rendering, the target configuration, ranking, the
 * fleet index (add, remove, top-N, agreement with the pairwise ranking)
 * and the baseline, with allocation failures injected through the hook.
 * The rules themselves are tested by tests/vectors/compat/ and the
 * property tests against the reference resolver.
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

/* Fleet fixture: ten targets of two identities, some incompatible. */
static const char fleet[] =
	HEAD "version: 1.2.0\n---\n"                           /* 0: source */
	HEAD "version: 1.2.5\n---\n"                           /* 1: compatible */
	HEAD "version: 1.1.0\n---\n"                           /* 2: older: no */
	HEAD "version: 1.3.0\ncreates: [\"1.2\"]\n---\n"       /* 3: same-minor */
	"mdevdesc: \"1.0\"\nvendor: test\ntype: gadget\ndevice_api: vfio-pci\nversion: 1.2.0\n---\n"
	HEAD "version: 1.2.0\nparams:\n  q: { value: 1, default: 1 }\n---\n" /* 5: a default */
	HEAD "version: 2.0.0\naccepts: [1.0.0..1.9.9]\n---\n" /* 6: other major */
	HEAD "version: 1.2.0\n---\n"                           /* 7: same as 0 */
	HEAD "version: 1.5.0\n---\n"                           /* 8: far minor */
	"mdevdesc: \"1.1\"\nvendor: test\ntype: widget\ndevice_api: vfio-pci\nversion: 1.2.0\n"
	"future: 1\n";                                          /* 9: undecidable */

static mdevdesc_report *report(void)
{
	mdevdesc_report *r = NULL;

	assert_int_equal(mdevdesc_report_new(NULL, &r), MDEVDESC_OK);
	assert_non_null(r);
	return r;
}

/* A report holding no verdict answers as an empty one. */
static void assert_empty(const mdevdesc_report *r)
{
	assert_int_equal(mdevdesc_report_verdict(r), MDEVDESC_UNDECIDABLE);
	assert_int_equal(mdevdesc_report_reason_count(r), 0);
	assert_null(mdevdesc_report_reason(r, 0));
	assert_int_equal(mdevdesc_report_check_count(r), 0);
	assert_null(mdevdesc_report_check(r, 0));
	assert_null(mdevdesc_report_source(r));
	assert_null(mdevdesc_report_target(r));
	assert_null(mdevdesc_report_resume_version(r));
	assert_null(mdevdesc_report_create_version(r));
	assert_int_equal(mdevdesc_report_reversible(r), 0);
	assert_int_equal(mdevdesc_report_same_minor(r), 0);
	assert_null(mdevdesc_report_target_instance(r));
	assert_int_equal(mdevdesc_report_defaults_applied(r), 0);
	assert_int_equal(mdevdesc_report_setting_count(r, MDEVDESC_SECTION_HW), 0);
	assert_int_equal(mdevdesc_report_setting_count(r, MDEVDESC_SECTION_PARAMS), 0);
	assert_null(mdevdesc_report_setting(r, MDEVDESC_SECTION_PARAMS, 0));
	assert_int_equal(mdevdesc_report_feature_count(r), 0);
	assert_null(mdevdesc_report_feature(r, 0));
}

static void test_arguments(void **state)
{
	mdevdesc_file *f = parse(HEAD "version: 1.0.0\n");
	struct mdevdesc_descriptor other;
	mdevdesc_alc no_free = { c_malloc, NULL, NULL, NULL }, no_malloc = { NULL, NULL, c_free, NULL };
	mdevdesc_options bad1 = { &no_free, NULL, 0 }, bad2 = { &no_malloc, NULL, 0 };
	mdevdesc_report *r = (mdevdesc_report *)&other;
	(void)state;

	assert_int_equal(mdevdesc_report_new(NULL, NULL), MDEVDESC_E_INVALID_ARGUMENT);
	assert_int_equal(mdevdesc_report_new(&bad1, &r), MDEVDESC_E_INVALID_ARGUMENT);
	assert_null(r);
	assert_int_equal(mdevdesc_report_new(&bad2, &r), MDEVDESC_E_INVALID_ARGUMENT);
	assert_null(r);
	r = report();
	assert_empty(r);
	assert_empty(NULL);
	assert_int_equal(mdevdesc_check_compat(doc(f, 0), doc(f, 0), NULL), MDEVDESC_E_INVALID_ARGUMENT);
	assert_int_equal(mdevdesc_check_compat(doc(f, 0), doc(f, 0), r), MDEVDESC_OK);
	assert_int_equal(mdevdesc_report_verdict(r), MDEVDESC_COMPATIBLE);
	/* An error empties the report: no verdict is left from before. */
	assert_int_equal(mdevdesc_check_compat(NULL, doc(f, 0), r), MDEVDESC_E_INVALID_ARGUMENT);
	assert_empty(r);
	assert_int_equal(mdevdesc_check_compat(doc(f, 0), NULL, r), MDEVDESC_E_INVALID_ARGUMENT);
	assert_empty(r);
	other = *doc(f, 0);
	other.format_major = 2;
	assert_int_equal(mdevdesc_check_compat(doc(f, 0), &other, r), MDEVDESC_E_INVALID_ARGUMENT);
	assert_empty(r);
	assert_int_equal(mdevdesc_check_compat(&other, doc(f, 0), r), MDEVDESC_E_INVALID_ARGUMENT);
	assert_empty(r);
	/* Accessors and renderers with NULL or out of range. */
	assert_int_equal(mdevdesc_reason_path(NULL, NULL, 0), -1);
	assert_int_equal(mdevdesc_check_path(NULL, NULL, 0), -1);
	assert_int_equal(mdevdesc_reason_text(NULL, NULL, MDEVDESC_TEXT_SOURCE, NULL, 0), -1);
	assert_int_equal(mdevdesc_report_setting_count(r, (mdevdesc_section)2), 0);
	assert_null(mdevdesc_report_setting(r, (mdevdesc_section)-1, 0));
	assert_string_equal(mdevdesc_verdict_name(MDEVDESC_UNDECIDABLE), "undecidable");
	assert_string_equal(mdevdesc_reason_name(MDEVDESC_R_PARAM_NO_DEFAULT), "param-no-default");
	assert_string_equal(mdevdesc_reason_name((mdevdesc_reason_code)999), "unknown");
	assert_string_equal(mdevdesc_verdict_name((mdevdesc_verdict)7), "unknown");
	mdevdesc_report_free(r);
	mdevdesc_report_free(NULL);
	mdevdesc_file_free(f);
}

/* Many reasons: every one kept, in order. */
static void test_many_reasons(void **state)
{
	char *src = malloc(64 * 1024), *p;
	mdevdesc_file *f, *g;
	mdevdesc_report *r = report();
	int i;
	(void)state;

	p = src + sprintf(src, HEAD "version: 1.0.0\nparams:\n");
	for (i = 0; i < 100; i++)
		p += sprintf(p, "  p%03d: { value: %d }\n", i, i);
	f = parse(src);
	g = parse(HEAD "version: 1.0.0\n");
	assert_int_equal(mdevdesc_check_compat(doc(f, 0), doc(g, 0), r), MDEVDESC_OK);
	assert_int_equal(mdevdesc_report_verdict(r), MDEVDESC_INCOMPATIBLE);
	assert_int_equal(mdevdesc_report_reason_count(r), 100);
	/* Identity, version, then one check per source entry. */
	assert_int_equal(mdevdesc_report_check_count(r), 104);
	for (i = 0; i < 100; i++) {
		char want[32], got[32];
		const mdevdesc_reason *x = mdevdesc_report_reason(r, (size_t)i);
		const mdevdesc_check *k = mdevdesc_report_check(r, (size_t)i + 4);
		assert_non_null(x);
		assert_int_equal(x->code, MDEVDESC_R_PARAM_MISSING_IN_TARGET);
		assert_int_equal(x->side, MDEVDESC_SOURCE);
		snprintf(want, sizeof(want), "params.p%03d", i);
		assert_int_equal(mdevdesc_reason_path(x, got, sizeof(got)), 11);
		assert_string_equal(got, want);
		assert_int_equal(k->outcome, MDEVDESC_FAILED);
		assert_ptr_equal(k->reason, x);
		assert_int_equal(mdevdesc_check_path(k, got, sizeof(got)), 11);
		assert_string_equal(got, want);
	}
	assert_null(mdevdesc_report_reason(r, 100));
	{
		char small[8];
		assert_int_equal(mdevdesc_reason_path(mdevdesc_report_reason(r, 0), small, sizeof(small)), 11);
		assert_string_equal(small, "params.");
		assert_int_equal(mdevdesc_reason_path(mdevdesc_report_reason(r, 0), NULL, 0), 11);
	}
	mdevdesc_report_free(r);
	mdevdesc_file_free(f);
	mdevdesc_file_free(g);
	free(src);
}

static const char rendering[] =
	HEAD "version: 2.3.1\n"
	"features:\n  caps: { bits: \"0x1f00\", rule: superset }\n"
	"params:\n  agg: { value: 16 }\n"
	"---\n" HEAD "version: 2.4.0\naccepts: [\"1.9\"]\n"
	"features:\n  caps: { bits: \"0x0f00\", rule: superset }\n"
	"params:\n  agg: { value: 4, accepts: [1, 2, 4, 8..12] }\n"
	"  qos: { value: gold, accepts: [gold, silver], default: silver }\n"
	"---\n" HEAD "version: 2.4.0\ncreates: [\"2.3\"]\n"
	"features:\n  caps: { bits: \"0xff00\", rule: superset }\n"
	"params:\n  agg: { value: 16, accepts: [16] }\n"
	"  qos: { value: gold, accepts: [gold, silver], default: silver }\n";

/* Values of two types: each text names its type (spec 5.6, 6.5). */
static const char typed[] =
	HEAD "version: 1.0.0\nhw:\n  cu_type: { value: 3990 }\n"
	"params:\n  mode: { value: \"4\" }\n  q: { value: 4 }\n  r: { value: 1 }\n"
	"---\n" HEAD "version: 1.0.0\nhw:\n  cu_type: { value: \"3990\" }\n"
	"params:\n  mode: { value: 4, accepts: [4, 0..2] }\n  q: { value: \"4\", accepts: [\"4\"] }\n"
	"  r: { value: 2, accepts: [2, \"1\"] }\n";

static void test_rendering_types(void **state)
{
	mdevdesc_file *f = parse(typed);
	mdevdesc_report *r = report();
	static const char *const want[][2] = {
		{ "3990 (integer)", "\"3990\" (string)" },
		{ "\"4\" (string)", "[4, 0..2] (integers)" },
		{ "4 (integer)", "[\"4\"] (string)" },
		{ "1", "[2, \"1\"]" }, /* a value of its type is there: no types */
	};
	char buf[64];
	size_t i;
	(void)state;

	assert_int_equal(mdevdesc_check_compat(doc(f, 0), doc(f, 1), r), MDEVDESC_OK);
	assert_int_equal(mdevdesc_report_reason_count(r), 4);
	for (i = 0; i < 4; i++) {
		const mdevdesc_reason *x = mdevdesc_report_reason(r, i);

		mdevdesc_reason_text(r, x, MDEVDESC_TEXT_SOURCE, buf, sizeof(buf));
		assert_string_equal(buf, want[i][0]);
		mdevdesc_reason_text(r, x, MDEVDESC_TEXT_TARGET, buf, sizeof(buf));
		assert_string_equal(buf, want[i][1]);
	}
	mdevdesc_report_free(r);
	mdevdesc_file_free(f);
}

static void test_rendering_and_configuration(void **state)
{
	mdevdesc_file *f = parse(rendering);
	mdevdesc_report *r = report();
	const mdevdesc_reason *x;
	const mdevdesc_setting *set;
	const mdevdesc_feature_setting *feat;
	char buf[64];
	(void)state;

	assert_int_equal(mdevdesc_check_compat(doc(f, 0), doc(f, 1), r), MDEVDESC_OK);
	assert_int_equal(mdevdesc_report_verdict(r), MDEVDESC_INCOMPATIBLE);
	assert_ptr_equal(mdevdesc_report_source(r), doc(f, 0));
	assert_ptr_equal(mdevdesc_report_target(r), doc(f, 1));
	assert_int_equal(mdevdesc_report_reason_count(r), 2);
	x = mdevdesc_report_reason(r, 0);
	assert_int_equal(x->code, MDEVDESC_R_FEATURE_MISSING_BITS);
	assert_string_equal(x->rule, "R-COMPAT-FEATURE-SUPERSET");
	assert_int_equal(mdevdesc_reason_text(r, x, MDEVDESC_TEXT_MISSING_BITS, buf, sizeof(buf)), 2);
	assert_string_equal(buf, "12");
	assert_int_equal(mdevdesc_reason_text(r, x, MDEVDESC_TEXT_SOURCE, buf, sizeof(buf)), 6);
	assert_string_equal(buf, "0x1f00");
	assert_int_equal(mdevdesc_reason_text(r, x, (mdevdesc_text)3, buf, sizeof(buf)), -1);
	x = mdevdesc_report_reason(r, 1);
	assert_int_equal(mdevdesc_reason_text(r, x, MDEVDESC_TEXT_TARGET, buf, sizeof(buf)), 16);
	assert_string_equal(buf, "[1, 2, 4, 8..12]");
	/* snprintf semantics: truncated, NUL-terminated, full length returned. */
	assert_int_equal(mdevdesc_reason_text(r, x, MDEVDESC_TEXT_TARGET, buf, 5), 16);
	assert_string_equal(buf, "[1, ");
	assert_int_equal(mdevdesc_reason_text(r, x, MDEVDESC_TEXT_SOURCE, NULL, 0), 2);
	/* No missing bits but for feature-missing-bits. */
	assert_int_equal(mdevdesc_reason_text(r, x, MDEVDESC_TEXT_MISSING_BITS, buf, sizeof(buf)), 0);
	assert_string_equal(buf, "");
	/* An incompatible check configures no target. */
	assert_null(mdevdesc_report_setting(r, MDEVDESC_SECTION_PARAMS, 0));
	assert_null(mdevdesc_report_feature(r, 0));
	assert_null(mdevdesc_report_create_version(r));

	assert_int_equal(mdevdesc_check_compat(doc(f, 0), doc(f, 2), r), MDEVDESC_OK);
	assert_int_equal(mdevdesc_report_verdict(r), MDEVDESC_COMPATIBLE);
	assert_int_equal(mdevdesc_report_reason_count(r), 0);
	assert_true(mdevdesc_report_same_minor(r));
	assert_int_equal(mdevdesc_report_reversible(r), mdevdesc_report_same_minor(r));
	assert_int_equal(mdevdesc_report_resume_version(r)->minor, 3);
	assert_int_equal(mdevdesc_report_resume_version(r)->patch, 1);
	assert_int_equal(mdevdesc_report_create_version(r)->major, 2);
	assert_int_equal(mdevdesc_report_create_version(r)->minor, 3);
	assert_int_equal(mdevdesc_report_create_version(r)->has_patch, 0);
	assert_int_equal(mdevdesc_report_defaults_applied(r), 1);
	assert_int_equal(mdevdesc_report_feature_count(r), 1);
	feat = mdevdesc_report_feature(r, 0);
	assert_string_equal(feat->name, "caps");
	assert_string_equal(feat->bits, "0x1f00");
	assert_null(mdevdesc_report_feature(r, 1));
	assert_int_equal(mdevdesc_report_setting_count(r, MDEVDESC_SECTION_PARAMS), 2);
	set = mdevdesc_report_setting(r, MDEVDESC_SECTION_PARAMS, 0);
	assert_string_equal(set->name, "agg");
	assert_int_equal(set->value->i, 16);
	assert_int_equal(set->from_default, 0);
	set = mdevdesc_report_setting(r, MDEVDESC_SECTION_PARAMS, 1);
	assert_string_equal(set->name, "qos");
	assert_string_equal(set->value->s, "silver");
	assert_int_equal(set->from_default, 1);
	assert_null(mdevdesc_report_setting(r, MDEVDESC_SECTION_PARAMS, 2));
	assert_int_equal(mdevdesc_report_setting_count(r, MDEVDESC_SECTION_HW), 0);
	assert_null(mdevdesc_report_setting(r, MDEVDESC_SECTION_HW, 0));
	mdevdesc_report_free(r);
	mdevdesc_file_free(f);
}

struct want_check {
	const char *rule, *path;
	mdevdesc_outcome outcome;
	mdevdesc_pass pass;
	mdevdesc_reason_code code;
};

/* The checks of @r are @want[0..n), in order; failing ones point at their reason. */
static void assert_checks(const mdevdesc_report *r, const struct want_check *want, size_t n)
{
	size_t i, fails = 0;
	char path[64];

	for (i = 0; i < n; i++) {
		const mdevdesc_check *k = mdevdesc_report_check(r, i);
		assert_non_null(k);
		assert_string_equal(k->rule, want[i].rule);
		mdevdesc_check_path(k, path, sizeof(path));
		assert_string_equal(path, want[i].path);
		assert_int_equal(k->outcome, want[i].outcome);
		assert_int_equal(k->pass, want[i].pass);
		assert_int_equal(k->code, want[i].code);
		if (k->outcome == MDEVDESC_FAILED) {
			assert_ptr_equal(k->reason, mdevdesc_report_reason(r, fails++));
			assert_int_equal(k->reason->code, k->code);
			assert_ptr_equal(k->src_text, k->reason->src_text);
			assert_ptr_equal(k->dst_entry, k->reason->dst_entry);
		} else {
			assert_null(k->reason);
		}
	}
	assert_int_equal(mdevdesc_report_check_count(r), n);
	assert_null(mdevdesc_report_check(r, n));
}

#define PASS(rule, path, how) { rule, path, MDEVDESC_PASSED, MDEVDESC_PASS_##how, 0 }
#define FAIL(rule, path, code) \
	{ rule, path, MDEVDESC_FAILED, MDEVDESC_PASS_NONE, MDEVDESC_R_##code }
#define ID "R-COMPAT-IDENTITY"

/* Every rule evaluated, passing or not, for the three verdicts. */
static void test_checks(void **state)
{
	mdevdesc_file *f = parse(
		HEAD "version: 2.3.1\n"
		"hw:\n  pci: { value: \"8086:4941\" }\n"
		"features:\n  caps: { bits: \"0xf\", rule: superset }\n  map: { bits: \"0x5\", rule: equal }\n"
		"params:\n  agg: { value: 2 }\n  rate: { value: 9 }\n"
		"---\n" HEAD "version: 2.4.0\n"
		"hw:\n  pci: { value: \"8086:4941\", accepts: [\"8086:4941\", \"8086:4943\"] }\n"
		"features:\n  caps: { bits: \"0xff\", rule: superset }\n  map: { bits: \"0x5\", rule: equal }\n"
		"  zero: { bits: \"0x0\", rule: superset }\n"
		"params:\n  agg: { value: 2, accepts: [1, 2] }\n  qos: { value: 1, default: 1 }\n"
		"  rate: { value: 9, accepts: 1..10 }\n"
		"---\n" HEAD "version: 3.0.0\n"
		"features:\n  caps: { bits: \"0x3\", rule: superset }\n  map: { bits: \"0x4\", rule: equal }\n"
		"params:\n  agg: { value: 3 }\n  extra: { value: 1 }\n"
		"---\nmdevdesc: \"1.1\"\nvendor: test\ntype: widget\ndevice_api: vfio-pci\n"
		"version: 2.2.0\naccepts: [\"2.3\"]\nhw:\n  pci: { value: \"8086:4941\" }\n"
		"features:\n  caps: { bits: \"0xf\", rule: superset }\n"
		"  map: { bits: \"0x5\", rule: intersect }\n"
		"params:\n  agg: { value: 2 }\n  rate: { value: 9, window: 3 }\n");
	static const struct want_check compatible[] = {
		PASS(ID, "vendor", IDENTITY_EQUAL),
		PASS(ID, "type", IDENTITY_EQUAL),
		PASS(ID, "device_api", IDENTITY_EQUAL),
		PASS("R-COMPAT-VERSION", "version", VERSION_DEFAULT),
		PASS("R-COMPAT-FEATURE-SUPERSET", "features.caps.bits", FEATURE_SUPERSET),
		PASS("R-COMPAT-FEATURE-EQUAL", "features.map.bits", FEATURE_EQUAL),
		PASS("R-COMPAT-FEATURE-SUPERSET", "features.zero.bits", FEATURE_SUPERSET),
		PASS("R-COMPAT-ENTRY-ACCEPTS", "hw.pci.value", ENTRY_ACCEPTED),
		PASS("R-COMPAT-ENTRY-ACCEPTS", "params.agg.value", ENTRY_ACCEPTED),
		PASS("R-COMPAT-ENTRY-ACCEPTS", "params.rate.value", ENTRY_ACCEPTED),
		PASS("R-COMPAT-ENTRY-DEFAULT", "params.qos", ENTRY_DEFAULT),
	};
	static const struct want_check incompatible[] = {
		PASS(ID, "vendor", IDENTITY_EQUAL),
		PASS(ID, "type", IDENTITY_EQUAL),
		PASS(ID, "device_api", IDENTITY_EQUAL),
		FAIL("R-COMPAT-VERSION", "version", VERSION_NOT_ACCEPTED),
		FAIL("R-COMPAT-FEATURE-SUPERSET", "features.caps.bits", FEATURE_MISSING_BITS),
		FAIL("R-COMPAT-FEATURE-EQUAL", "features.map.bits", FEATURE_NOT_EQUAL),
		FAIL("R-COMPAT-ENTRY-MISSING", "hw.pci", HW_MISSING_IN_TARGET),
		FAIL("R-COMPAT-ENTRY-ACCEPTS", "params.agg.value", PARAM_NOT_ACCEPTED),
		FAIL("R-COMPAT-ENTRY-MISSING", "params.rate", PARAM_MISSING_IN_TARGET),
		FAIL("R-COMPAT-ENTRY-DEFAULT", "params.extra", PARAM_NO_DEFAULT),
	};
	static const struct want_check undecidable[] = {
		PASS(ID, "vendor", IDENTITY_EQUAL),
		PASS(ID, "type", IDENTITY_EQUAL),
		PASS(ID, "device_api", IDENTITY_EQUAL),
		PASS("R-COMPAT-VERSION", "version", VERSION_ACCEPTS),
		PASS("R-COMPAT-FEATURE-SUPERSET", "features.caps.bits", FEATURE_SUPERSET),
		{ "R-COMPAT-FEATURE", "features.map.rule", MDEVDESC_NOT_EVALUATED, MDEVDESC_PASS_NONE, 0 },
		PASS("R-COMPAT-ENTRY-ACCEPTS", "hw.pci.value", ENTRY_ACCEPTED),
		PASS("R-COMPAT-ENTRY-ACCEPTS", "params.agg.value", ENTRY_ACCEPTED),
		PASS("R-COMPAT-ENTRY-ACCEPTS", "params.rate.value", ENTRY_ACCEPTED),
	};
	mdevdesc_report *r = report();
	const mdevdesc_check *k;
	(void)state;

	assert_int_equal(mdevdesc_check_compat(doc(f, 0), doc(f, 1), r), MDEVDESC_OK);
	assert_int_equal(mdevdesc_report_verdict(r), MDEVDESC_COMPATIBLE);
	assert_checks(r, compatible, sizeof(compatible) / sizeof(compatible[0]));
	k = mdevdesc_report_check(r, 0);
	assert_string_equal(k->src_text, "test");
	assert_string_equal(k->dst_text, "test");
	k = mdevdesc_report_check(r, 6); /* the source lacks it: compared as 0x0 */
	assert_null(k->src_text);
	assert_string_equal(k->dst_text, "0x0");
	k = mdevdesc_report_check(r, 9);
	assert_ptr_equal(k->src_entry, &doc(f, 0)->params[1]);
	assert_ptr_equal(k->dst_entry, &doc(f, 1)->params[2]);
	k = mdevdesc_report_check(r, 10);
	assert_null(k->src_entry);
	assert_ptr_equal(k->dst_entry, &doc(f, 1)->params[1]);

	assert_int_equal(mdevdesc_check_compat(doc(f, 0), doc(f, 2), r), MDEVDESC_OK);
	assert_int_equal(mdevdesc_report_verdict(r), MDEVDESC_INCOMPATIBLE);
	assert_checks(r, incompatible, sizeof(incompatible) / sizeof(incompatible[0]));
	assert_int_equal(mdevdesc_report_reason_count(r), 7);

	/* A rule and a key of a newer minor in the target: two unknown items. */
	assert_int_equal(mdevdesc_check_compat(doc(f, 0), doc(f, 3), r), MDEVDESC_OK);
	assert_int_equal(mdevdesc_report_verdict(r), MDEVDESC_UNDECIDABLE);
	assert_checks(r, undecidable, sizeof(undecidable) / sizeof(undecidable[0]));
	assert_string_equal(mdevdesc_report_check(r, 5)->dst_text, "intersect");
	assert_int_equal(mdevdesc_report_reason_count(r), 2);
	assert_int_equal(mdevdesc_report_reason(r, 0)->code, MDEVDESC_R_UNKNOWN_ENUM);
	assert_int_equal(mdevdesc_report_reason(r, 0)->side, MDEVDESC_TARGET);
	assert_string_equal(mdevdesc_report_reason(r, 0)->dst_text, "intersect");
	assert_int_equal(mdevdesc_report_reason(r, 1)->code, MDEVDESC_R_UNKNOWN_KEY);
	assert_null(mdevdesc_report_resume_version(r));
	mdevdesc_report_free(r);
	mdevdesc_file_free(f);
}

/*
 * One report for many checks: once it has held the largest, checking
 * again allocates nothing, and every answer is that of a fresh report.
 */
static void test_report_reuse(void **state)
{
	struct counting c = { 0, 0, 0 };
	mdevdesc_alc alc = { c_malloc, c_realloc, c_free, &c };
	mdevdesc_options opt = { &alc, NULL, 0 };
	mdevdesc_file *f = parse(rendering), *g = NULL;
	mdevdesc_report *r = NULL, *fresh = report();
	size_t n = mdevdesc_file_doc_count(f), i, j, k, round;
	long warm = 0;
	(void)state;

	assert_int_equal(mdevdesc_parse(fleet, strlen(fleet), NULL, &g), MDEVDESC_OK);
	assert_int_equal(mdevdesc_report_new(&opt, &r), MDEVDESC_OK);
	for (round = 0; round < 3; round++) {
		if (round == 2)
			warm = c.calls;
		for (i = 0; i < n + 10; i++) {
			for (j = 0; j < n + 10; j++) {
				const struct mdevdesc_descriptor *s = i < n ? doc(f, i) : doc(g, i - n);
				const struct mdevdesc_descriptor *d = j < n ? doc(f, j) : doc(g, j - n);
				assert_int_equal(mdevdesc_check_compat(s, d, r), MDEVDESC_OK);
				assert_int_equal(mdevdesc_check_compat(s, d, fresh), MDEVDESC_OK);
				assert_int_equal(mdevdesc_report_verdict(r), mdevdesc_report_verdict(fresh));
				assert_int_equal(mdevdesc_report_reason_count(r),
						 mdevdesc_report_reason_count(fresh));
				assert_int_equal(mdevdesc_report_check_count(r),
						 mdevdesc_report_check_count(fresh));
				for (k = 0; k < mdevdesc_report_check_count(r); k++)
					assert_int_equal(mdevdesc_report_check(r, k)->outcome,
							 mdevdesc_report_check(fresh, k)->outcome);
				assert_int_equal(mdevdesc_report_setting_count(r, MDEVDESC_SECTION_PARAMS),
						 mdevdesc_report_setting_count(fresh, MDEVDESC_SECTION_PARAMS));
			}
		}
	}
	assert_true(warm > 1);
	assert_int_equal(c.calls, warm);
	mdevdesc_report_free(r);
	assert_int_equal(c.live, 0);
	mdevdesc_report_free(fresh);
	mdevdesc_file_free(f);
	mdevdesc_file_free(g);
}

/*
 * Each allocation of a check failing in turn, with and without a realloc
 * hook: MDEVDESC_E_NOMEM, an empty report that can check again, nothing
 * leaked.
 */
static void check_allocation_failures(mdevdesc_alc *alc, struct counting *c)
{
	mdevdesc_options opt = { alc, NULL, 0 };
	mdevdesc_file *f = parse(rendering), *g;
	char *src = malloc(64 * 1024), *p;
	mdevdesc_report *r = NULL;
	long total, k;
	size_t want;
	int i;

	p = src + sprintf(src, "mdevdesc: \"1.1\"\nvendor: test\ntype: widget\n"
			       "device_api: vfio-pci\nversion: 1.0.0\nfuture: 1\nparams:\n");
	for (i = 0; i < 40; i++)
		p += sprintf(p, "  p%03d: { value: %d, later: 1 }\n", i, i);
	g = parse(src);
	/* A compatible pair, then one with 42 failing rules and 41 unknown items. */
	c->calls = 0;
	assert_int_equal(mdevdesc_report_new(&opt, &r), MDEVDESC_OK);
	assert_int_equal(mdevdesc_check_compat(doc(f, 0), doc(f, 2), r), MDEVDESC_OK);
	assert_int_equal(mdevdesc_report_verdict(r), MDEVDESC_COMPATIBLE);
	assert_int_equal(mdevdesc_check_compat(doc(g, 0), doc(f, 0), r), MDEVDESC_OK);
	want = mdevdesc_report_reason_count(r);
	assert_int_equal(want, 83);
	mdevdesc_report_free(r);
	assert_int_equal(c->live, 0);
	total = c->calls;
	assert_true(total >= 5);
	for (k = 1; k <= total; k++) {
		mdevdesc_code rc;
		c->calls = 0;
		c->fail_at = k;
		r = NULL;
		rc = mdevdesc_report_new(&opt, &r);
		if (rc != MDEVDESC_OK) {
			assert_int_equal(rc, MDEVDESC_E_NOMEM);
			assert_null(r);
			assert_int_equal(c->live, 0);
			continue;
		}
		rc = mdevdesc_check_compat(doc(f, 0), doc(f, 2), r);
		if (rc == MDEVDESC_OK)
			rc = mdevdesc_check_compat(doc(g, 0), doc(f, 0), r);
		assert_int_equal(rc, MDEVDESC_E_NOMEM);
		assert_empty(r);
		/* Usable again once memory is back. */
		c->fail_at = 0;
		assert_int_equal(mdevdesc_check_compat(doc(g, 0), doc(f, 0), r), MDEVDESC_OK);
		assert_int_equal(mdevdesc_report_reason_count(r), want);
		mdevdesc_report_free(r);
		assert_int_equal(c->live, 0);
	}
	c->fail_at = 0;
	mdevdesc_file_free(f);
	mdevdesc_file_free(g);
	free(src);
}

static void test_check_allocation_failures(void **state)
{
	struct counting c = { 0, 0, 0 }, d = { 0, 0, 0 };
	mdevdesc_alc with_realloc = { c_malloc, c_realloc, c_free, &c };
	mdevdesc_alc without = { c_malloc, NULL, c_free, &d };
	(void)state;

	check_allocation_failures(&with_realloc, &c);
	check_allocation_failures(&without, &d);
}

/*
 * The target instance (spec 6.6): the source's version (same-minor) or the
 * target's, the target's features with the source's bits, the configured
 * values only, the target's informational and x- keys; emitted, it parses
 * to a valid descriptor that satisfies the target.  The way back checks it
 * against the source's type.
 */
static const char ways[] =
	/* 0: the source instance */
	HEAD "version: 2.2.4\nhw:\n  pci: { value: \"8086:4943\" }\n"
	"features:\n  caps: { bits: \"0x0F0F\", rule: equal }\n  spare: { bits: \"0x0\", rule: superset }\n"
	"params:\n  rate: { value: 1500 }\n"
	"mdev_type: old\n"
	/* 1: the target type */
	"---\nmdevdesc: \"1.2\"\nvendor: test\ntype: widget\ndevice_api: vfio-pci\n"
	"version: 2.3.1\naccepts: [\"1.9\"]\ncreates: [\"2.2\"]\n"
	"hw:\n  pci: { value: \"8086:4941\", accepts: [\"8086:4941\", \"8086:4943\"], x-test-n: 1 }\n"
	"features:\n  caps: { bits: \"0x3f0f\", rule: superset }\n  more: { bits: \"0x1\", rule: superset }\n"
	"params:\n  qos: { value: gold, accepts: [gold, silver], default: silver }\n"
	"  rate: { value: 2000, accepts: 0..2000 }\n"
	"mdev_type: new\ndriver: drv\nx-test-fw: \"4.2\"\n"
	/* 2: the source's type, with qos: the way back is open */
	"---\n" HEAD "version: 2.2.4\nhw:\n  pci: { value: \"8086:4943\" }\n"
	"features:\n  caps: { bits: \"0xf0f\", rule: superset }\n"
	"params:\n  qos: { value: silver, accepts: [gold, silver], default: silver }\n"
	"  rate: { value: 1500, accepts: 0..1500 }\n"
	/* 3: the source's type without qos: no way back */
	"---\n" HEAD "version: 2.2.4\nhw:\n  pci: { value: \"8086:4943\" }\n"
	"features:\n  caps: { bits: \"0xf0f\", rule: superset }\n"
	"params:\n  rate: { value: 1500, accepts: 0..1500 }\n"
	/* 4: a target that does not create 2.2 */
	"---\n" HEAD "version: 2.3.1\n"
	"hw:\n  pci: { value: \"8086:4943\" }\n"
	"features:\n  caps: { bits: \"0xf0f\", rule: superset }\n"
	"params:\n  rate: { value: 1500 }\n";

static void test_target_instance_and_way_back(void **state)
{
	static const char want[] =
		"mdevdesc: \"1.2\"\nvendor: test\ntype: widget\ndevice_api: vfio-pci\n"
		"version: 2.2.4\n"
		"hw:\n  pci: { value: \"8086:4943\", x-test-n: 1 }\n"
		"features:\n  caps: { bits: \"0xf0f\", rule: superset }\n"
		"  more: { bits: \"0x0\", rule: superset }\n"
		"params:\n  qos: { value: silver }\n  rate: { value: 1500 }\n"
		"mdev_type: new\ndriver: drv\nx-test-fw: \"4.2\"\n";
	mdevdesc_file *f = parse(ways), *g = NULL;
	mdevdesc_report *fw = report(), *bw = report(), *sat = report();
	const struct mdevdesc_descriptor *in;
	char buf[1024];
	(void)state;

	assert_int_equal(mdevdesc_check_compat(doc(f, 0), doc(f, 1), fw), MDEVDESC_OK);
	assert_int_equal(mdevdesc_report_verdict(fw), MDEVDESC_COMPATIBLE);
	assert_true(mdevdesc_report_same_minor(fw));
	in = mdevdesc_report_target_instance(fw);
	assert_non_null(in);
	assert_int_equal(in->n_accepts + in->n_creates, 0);
	assert_int_equal(in->params[0].n_accepts, 0);
	assert_int_equal(in->params[0].def.kind, MDEVDESC_VALUE_NONE);
	assert_int_equal(mdevdesc_emit(in, buf, sizeof(buf)), (long)strlen(want));
	assert_string_equal(buf, want);
	/* It parses back to a valid descriptor that satisfies the target. */
	assert_int_equal(mdevdesc_parse(buf, strlen(buf), NULL, &g), MDEVDESC_OK);
	assert_int_equal(mdevdesc_check_compat(doc(g, 0), doc(f, 1), sat), MDEVDESC_OK);
	assert_int_equal(mdevdesc_report_verdict(sat), MDEVDESC_COMPATIBLE);
	assert_true(mdevdesc_report_same_minor(sat));
	mdevdesc_file_free(g);
	/* The instance itself checks too, before any emission. */
	assert_int_equal(mdevdesc_check_compat(in, doc(f, 1), sat), MDEVDESC_OK);
	assert_int_equal(mdevdesc_report_verdict(sat), MDEVDESC_COMPATIBLE);

	/* The way back: open to the type with qos, closed to the one without. */
	assert_int_equal(mdevdesc_check_reverse(fw, doc(f, 2), bw), MDEVDESC_OK);
	assert_int_equal(mdevdesc_report_verdict(bw), MDEVDESC_COMPATIBLE);
	assert_ptr_equal(mdevdesc_report_source(bw), in);
	assert_ptr_equal(mdevdesc_report_target(bw), doc(f, 2));
	assert_int_equal(mdevdesc_check_reverse(fw, doc(f, 3), bw), MDEVDESC_OK);
	assert_int_equal(mdevdesc_report_verdict(bw), MDEVDESC_INCOMPATIBLE);
	assert_int_equal(mdevdesc_report_reason_count(bw), 1);
	assert_int_equal(mdevdesc_report_reason(bw, 0)->code, MDEVDESC_R_PARAM_MISSING_IN_TARGET);

	/* Arguments: no answer without a compatible forward report and a type. */
	assert_int_equal(mdevdesc_check_reverse(fw, doc(f, 2), NULL), MDEVDESC_E_INVALID_ARGUMENT);
	assert_int_equal(mdevdesc_check_reverse(fw, doc(f, 2), fw), MDEVDESC_E_INVALID_ARGUMENT);
	assert_int_equal(mdevdesc_report_verdict(fw), MDEVDESC_COMPATIBLE);
	assert_int_equal(mdevdesc_check_reverse(fw, NULL, bw), MDEVDESC_E_INVALID_ARGUMENT);
	assert_empty(bw);
	assert_int_equal(mdevdesc_check_reverse(NULL, doc(f, 2), bw), MDEVDESC_E_INVALID_ARGUMENT);
	assert_empty(bw);
	assert_int_equal(mdevdesc_check_compat(doc(f, 1), doc(f, 0), fw), MDEVDESC_OK);
	assert_int_equal(mdevdesc_report_verdict(fw), MDEVDESC_INCOMPATIBLE);
	assert_null(mdevdesc_report_target_instance(fw));
	assert_int_equal(mdevdesc_check_reverse(fw, doc(f, 2), bw), MDEVDESC_E_INVALID_ARGUMENT);
	assert_empty(bw);
	assert_null(mdevdesc_report_target_instance(NULL));

	/* Not same-minor: the instance runs the target's version. */
	assert_int_equal(mdevdesc_check_compat(doc(f, 0), doc(f, 4), fw), MDEVDESC_OK);
	assert_int_equal(mdevdesc_report_verdict(fw), MDEVDESC_COMPATIBLE);
	assert_false(mdevdesc_report_same_minor(fw));
	in = mdevdesc_report_target_instance(fw);
	assert_int_equal(in->version.minor, 3);
	assert_int_equal(in->version.patch, 1);
	assert_int_equal(in->format_minor, 0);
	assert_null(in->mdev_type);
	assert_int_equal(mdevdesc_check_reverse(fw, doc(f, 2), bw), MDEVDESC_OK);
	assert_int_equal(mdevdesc_report_verdict(bw), MDEVDESC_INCOMPATIBLE);
	assert_int_equal(mdevdesc_report_reason(bw, 0)->code, MDEVDESC_R_VERSION_NOT_ACCEPTED);

	mdevdesc_report_free(sat);
	mdevdesc_report_free(bw);
	mdevdesc_report_free(fw);
	mdevdesc_file_free(f);
}

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
	 * Same-minor before not, then fewer defaults, the same major, the
	 * smaller minor distance, the newer version (spec 6.7):
	 * 1.2.5, 1.2.0, 1.3.0, 1.2.0 with a default; then 1.5.0, 2.0.0.
	 */
	assert_int_equal(n, 6);
	{
		static const size_t want[6] = { 0, 6, 2, 4, 7, 5 };
		for (i = 0; i < 6; i++)
			assert_int_equal(a[i].index, want[i]);
	}
	assert_true(a[0].same_minor && a[3].same_minor && !a[4].same_minor);
	assert_int_equal(a[5].distance, 0); /* another MAJOR: no MINOR distance */
	assert_int_equal(a[4].distance, 3);
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
		assert_int_equal(a[i].same_minor, b[i].same_minor);
		assert_int_equal(a[i].distance, b[i].distance);
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

/* Each allocation of building an index failing in turn: NOMEM, nothing leaked. */
static void index_allocation_failures(mdevdesc_alc *alc, struct counting *c)
{
	mdevdesc_options opt = { alc, NULL, 0 };
	mdevdesc_file *f = NULL;
	mdevdesc_index *ix;
	mdevdesc_ranked out[10];
	long total, k;
	size_t i, id, want;

	assert_int_equal(mdevdesc_parse(fleet, strlen(fleet), NULL, &f), MDEVDESC_OK);
	c->calls = 0;
	assert_int_equal(mdevdesc_index_new(&opt, &ix), MDEVDESC_OK);
	for (i = 0; i < 10; i++)
		assert_int_equal(mdevdesc_index_add(ix, doc(f, i), &id), MDEVDESC_OK);
	want = mdevdesc_index_rank(ix, doc(f, 0), out, 10);
	assert_int_equal(want, 7);
	mdevdesc_index_free(ix);
	assert_int_equal(c->live, 0);
	total = c->calls;
	for (k = 1; k <= total; k++) {
		mdevdesc_code rc = MDEVDESC_OK;
		c->calls = 0;
		c->fail_at = k;
		ix = NULL;
		rc = mdevdesc_index_new(&opt, &ix);
		if (rc != MDEVDESC_OK) {
			assert_int_equal(rc, MDEVDESC_E_NOMEM);
			assert_null(ix);
			assert_int_equal(c->live, 0);
			continue;
		}
		for (i = 0; i < 10 && rc == MDEVDESC_OK; i++)
			rc = mdevdesc_index_add(ix, doc(f, i), &id);
		if (rc == MDEVDESC_OK) {
			/* The query's scratch allocation failed: no answer. */
			assert_int_equal(mdevdesc_index_rank(ix, doc(f, 0), out, 10), 0);
		} else {
			assert_int_equal(rc, MDEVDESC_E_NOMEM);
			/* The targets added before still answer. */
			c->fail_at = 0;
			assert_true(mdevdesc_index_rank(ix, doc(f, 0), out, 10) <= want);
		}
		mdevdesc_index_free(ix);
		assert_int_equal(c->live, 0);
	}
	c->fail_at = 0;
	mdevdesc_file_free(f);
}

static void test_index_allocation_failures(void **state)
{
	struct counting c = { 0, 0, 0 }, d = { 0, 0, 0 };
	mdevdesc_alc with_realloc = { c_malloc, c_realloc, c_free, &c };
	mdevdesc_alc without = { c_malloc, NULL, c_free, &d };
	(void)state;

	index_allocation_failures(&with_realloc, &c);
	index_allocation_failures(&without, &d);
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
	const mdevdesc_reason *x;
	(void)state;

	assert_int_equal(mdevdesc_baseline_compute(doc(f, 0), t, 2, NULL, &b), MDEVDESC_OK);
	assert_int_equal(b->blocked, 0);
	assert_int_equal(b->version.low.major, 1);
	assert_int_equal(b->version.low.minor, 2);
	assert_int_equal(b->n_features, 1);
	assert_string_equal(b->features[0].bits, "0xc");
	assert_int_equal(b->n_params, 1);
	assert_int_equal(b->params[0].value.i, 55); /* first of 0..1000 every target accepts */
	assert_null(b->report);
	mdevdesc_baseline_free(b);

	/* The third target accepts nothing the host creates: it blocks. */
	assert_int_equal(mdevdesc_baseline_compute(doc(f, 0), t, 3, NULL, &b), MDEVDESC_OK);
	assert_int_equal(b->blocked, 1);
	assert_int_equal(b->blocker, 3);
	assert_int_equal(mdevdesc_report_verdict(b->report), MDEVDESC_INCOMPATIBLE);
	assert_ptr_equal(mdevdesc_report_source(b->report), doc(f, 0));
	assert_ptr_equal(mdevdesc_report_target(b->report), doc(f, 3));
	assert_int_equal(mdevdesc_report_reason_count(b->report), 2);
	x = mdevdesc_report_reason(b->report, 0);
	assert_int_equal(x->code, MDEVDESC_R_VERSION_NOT_ACCEPTED);
	assert_int_equal(mdevdesc_report_reason(b->report, 1)->code, MDEVDESC_R_PARAM_MISSING_IN_TARGET);
	assert_int_equal(mdevdesc_report_check_count(b->report), 0);
	assert_null(mdevdesc_report_create_version(b->report));
	{
		char buf[32];
		assert_int_equal(mdevdesc_reason_text(b->report, x, MDEVDESC_TEXT_TARGET, buf, sizeof(buf)), 5);
		assert_string_equal(buf, "1.1.0");
	}
	mdevdesc_baseline_free(b);

	/* The host alone has a baseline: itself. */
	assert_int_equal(mdevdesc_baseline_compute(doc(f, 0), t, 0, NULL, &b), MDEVDESC_OK);
	assert_int_equal(b->blocked, 0);
	assert_int_equal(b->version.low.minor, 4);
	mdevdesc_baseline_free(b);
	mdevdesc_file_free(f);
}

static void test_baseline_arguments(void **state)
{
	mdevdesc_file *f = parse(HEAD "version: 1.0.0\n");
	const struct mdevdesc_descriptor *t[1] = { doc(f, 0) };
	mdevdesc_alc no_free = { c_malloc, c_realloc, NULL, NULL };
	mdevdesc_options bad = { &no_free, NULL, 0 };
	mdevdesc_baseline *b = (mdevdesc_baseline *)(void *)f;
	(void)state;

	assert_int_equal(mdevdesc_baseline_compute(doc(f, 0), t, 1, NULL, NULL),
			 MDEVDESC_E_INVALID_ARGUMENT);
	assert_int_equal(mdevdesc_baseline_compute(NULL, t, 0, NULL, &b), MDEVDESC_E_INVALID_ARGUMENT);
	assert_null(b);
	b = (mdevdesc_baseline *)(void *)f;
	assert_int_equal(mdevdesc_baseline_compute(doc(f, 0), NULL, 1, NULL, &b),
			 MDEVDESC_E_INVALID_ARGUMENT);
	assert_null(b);
	assert_int_equal(mdevdesc_baseline_compute(doc(f, 0), t, 1, &bad, &b),
			 MDEVDESC_E_INVALID_ARGUMENT);
	assert_null(b);
	assert_int_equal(mdevdesc_baseline_compute(doc(f, 0), NULL, 0, NULL, &b), MDEVDESC_OK);
	assert_int_equal(b->blocked, 0);
	mdevdesc_baseline_free(b);
	mdevdesc_baseline_free(NULL);
	mdevdesc_file_free(f);
}

/*
 * Each allocation of a baseline failing in turn, for one found and for one
 * blocked (whose report is allocated too): NOMEM, nothing leaked.
 */
static void baseline_allocation_failures(mdevdesc_alc *alc, struct counting *c, size_t n)
{
	mdevdesc_file *f = parse(HEAD "version: 1.4.0\ncreates: [\"1.2\"]\n"
				      "features:\n  caps: { bits: \"0xff\", rule: superset }\n"
				      "  eq: { bits: \"0x3\", rule: equal }\n"
				      "params:\n  rate: { value: 100, accepts: 0..1000 }\n"
				      "---\n" HEAD "version: 1.3.2\n"
				      "features:\n  caps: { bits: \"0x0f\", rule: superset }\n"
				      "  eq: { bits: \"0x3\", rule: equal }\n  more: { bits: \"0x1\", rule: superset }\n"
				      "params:\n  rate: { value: 8, accepts: [7..9, 50..60] }\n"
				      "---\nmdevdesc: \"1.1\"\nvendor: test\ntype: widget\n"
				      "device_api: vfio-pci\nversion: 1.0.0\nfuture: 1\nfeatures:\n"
				      "  eq: { bits: \"0x1\", rule: equal }\n"
				      "params:\n  rate: { value: 2000 }\n  only: { value: 1 }\n");
	const struct mdevdesc_descriptor *t[2] = { doc(f, 1), doc(f, 2) };
	mdevdesc_options opt = { alc, NULL, 0 };
	mdevdesc_baseline *b = NULL;
	long total, k;
	size_t reasons;

	c->calls = 0;
	assert_int_equal(mdevdesc_baseline_compute(doc(f, 0), t, n, &opt, &b), MDEVDESC_OK);
	assert_int_equal(b->blocked, n == 2);
	reasons = mdevdesc_report_reason_count(b->report);
	if (n == 2)
		assert_true(reasons >= 5);
	else
		assert_int_equal(b->n_features, 3);
	mdevdesc_baseline_free(b);
	assert_int_equal(c->live, 0);
	total = c->calls;
	for (k = 1; k <= total; k++) {
		c->calls = 0;
		c->fail_at = k;
		b = NULL;
		assert_int_equal(mdevdesc_baseline_compute(doc(f, 0), t, n, &opt, &b), MDEVDESC_E_NOMEM);
		assert_null(b);
		assert_int_equal(c->live, 0);
	}
	c->fail_at = 0;
	mdevdesc_file_free(f);
}

static void test_baseline_allocation_failures(void **state)
{
	struct counting c = { 0, 0, 0 }, d = { 0, 0, 0 };
	mdevdesc_alc with_realloc = { c_malloc, c_realloc, c_free, &c };
	mdevdesc_alc without = { c_malloc, NULL, c_free, &d };
	(void)state;

	baseline_allocation_failures(&with_realloc, &c, 1);
	baseline_allocation_failures(&with_realloc, &c, 2);
	baseline_allocation_failures(&without, &d, 1);
	baseline_allocation_failures(&without, &d, 2);
}

/*
 * Unknown items are reported sorted by path (R-COMPAT-REPORT), after few
 * or many failing rules, also in a report that held more before.
 */
static void check_unknown_order(mdevdesc_report *r, size_t before)
{
	char *src = malloc(64 * 1024), *p;
	mdevdesc_file *f, *g;
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
	assert_int_equal(mdevdesc_check_compat(doc(f, 0), doc(g, 0), r), MDEVDESC_OK);
	assert_int_equal(mdevdesc_report_verdict(r), MDEVDESC_INCOMPATIBLE);
	assert_int_equal(mdevdesc_report_reason_count(r), before + 3);
	assert_int_equal(mdevdesc_report_reason(r, 0)->code, MDEVDESC_R_PARAM_MISSING_IN_TARGET);
	assert_int_equal(mdevdesc_report_reason(r, before - 1)->code,
			 MDEVDESC_R_PARAM_MISSING_IN_TARGET);
	for (i = 0; i < 3; i++) {
		const mdevdesc_reason *x = mdevdesc_report_reason(r, before + i);
		char path[32];
		assert_non_null(x);
		assert_int_equal(x->code, MDEVDESC_R_UNKNOWN_KEY);
		assert_int_equal(x->side, MDEVDESC_SOURCE);
		mdevdesc_reason_path(x, path, sizeof(path));
		assert_string_equal(path, want[i]);
	}
	mdevdesc_file_free(f);
	mdevdesc_file_free(g);
	free(src);
}

static void test_unknown_items_sorted(void **state)
{
	mdevdesc_report *r = report();
	(void)state;

	check_unknown_order(r, 3);
	check_unknown_order(r, 40);
	check_unknown_order(r, 100);
	check_unknown_order(r, 3);
	mdevdesc_report_free(r);
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
	mdevdesc_alc no_malloc = { NULL, c_realloc, c_free, NULL };
	mdevdesc_options bad = { &no_malloc, NULL, 0 };
	mdevdesc_index *ix = (mdevdesc_index *)(void *)f;
	mdevdesc_ranked out[1];
	size_t id = 7;
	(void)state;

	assert_int_equal(mdevdesc_index_new(NULL, NULL), MDEVDESC_E_INVALID_ARGUMENT);
	assert_int_equal(mdevdesc_index_new(&bad, &ix), MDEVDESC_E_INVALID_ARGUMENT);
	assert_null(ix);
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
	assert_int_equal(mdevdesc_report_reason(b->report, 0)->code, MDEVDESC_R_PARAM_NOT_ACCEPTED);
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
	mdevdesc_report *r = NULL;
	void *ret = NULL;
	int i;

	if (mdevdesc_report_new(NULL, &r) != MDEVDESC_OK)
		return (void *)1;
	for (i = 0; i < 2000 && !ret; i++) {
		if (mdevdesc_index_rank(sh->ix, sh->src, out, 9) != sh->want ||
		    mdevdesc_check_compat(sh->src, sh->t[i % 9], r) != MDEVDESC_OK ||
		    mdevdesc_report_source(r) != sh->src)
			ret = (void *)1;
	}
	mdevdesc_report_free(r);
	return ret;
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
		cmocka_unit_test(test_many_reasons),
		cmocka_unit_test(test_rendering_and_configuration),
		cmocka_unit_test(test_checks),
		cmocka_unit_test(test_report_reuse),
		cmocka_unit_test(test_check_allocation_failures),
		cmocka_unit_test(test_target_instance_and_way_back),
		cmocka_unit_test(test_rank_and_index_agree),
		cmocka_unit_test(test_index_allocation_failures),
		cmocka_unit_test(test_baseline),
		cmocka_unit_test(test_baseline_arguments),
		cmocka_unit_test(test_baseline_allocation_failures),
		cmocka_unit_test(test_concurrent_queries),
		cmocka_unit_test(test_unknown_items_sorted),
		cmocka_unit_test(test_index_grows),
		cmocka_unit_test(test_index_arguments),
		cmocka_unit_test(test_baseline_integer_list),
		cmocka_unit_test(test_rendering_types),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
