/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/*
 * test_json.c - the JSON writer of mdevdesc.h: string escapes (every
 * control byte, quote, backslash, non-ASCII, bytes that are not UTF-8, read
 * back by json-c), NULL arguments, typed values and version lists, a
 * diagnostic, a model with every kind of field, and the per-input object of
 * mdevdesc_json_validate() for valid, invalid and empty input, strict mode
 * and allocation failures.
 */
#include <json-c/json.h>
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
#include "text.h"

/* A writer returned @r after writing @o: the number of bytes written. */
static void sized(long r, const struct text *o)
{
	assert_int_equal(r, (long)o->n);
}

/* mdevdesc_json_string() of @n bytes of @s: the text, its length returned. */
static const char *jstr(struct text *o, const char *s, size_t n)
{
	memset(o, 0, sizeof(*o));
	sized(mdevdesc_json_string(s, n, text_put, o), o);
	return o->buf;
}

/* @text read back by json-c (strict, UTF-8 checked) as one string: its bytes. */
static void read_back(const char *text, const char *want, size_t want_n)
{
	struct json_tokener *tok = json_tokener_new();
	struct json_object *j;

	json_tokener_set_flags(tok, JSON_TOKENER_STRICT | JSON_TOKENER_VALIDATE_UTF8);
	j = json_tokener_parse_ex(tok, text, (int)strlen(text));
	assert_non_null(j);
	assert_int_equal(json_tokener_get_parse_end(tok), strlen(text));
	assert_true(json_object_is_type(j, json_type_string));
	assert_int_equal(json_object_get_string_len(j), want_n);
	assert_memory_equal(json_object_get_string(j), want, want_n);
	json_object_put(j);
	json_tokener_free(tok);
}

static void test_string_controls(void **state)
{
	struct text o;
	char c, want[16];
	(void)state;

	for (c = 0; c < 0x20; c++) {
		snprintf(want, sizeof(want), "\"\\u%04x\"", (unsigned)c);
		assert_string_equal(jstr(&o, &c, 1), want);
		read_back(o.buf, &c, 1);
	}
	c = 0x7f;
	assert_string_equal(jstr(&o, &c, 1), "\"\\u007f\"");
	read_back(o.buf, &c, 1);
	assert_string_equal(jstr(&o, "a\nb\tc\0d", 7), "\"a\\u000ab\\u0009c\\u0000d\"");
	read_back(o.buf, "a\nb\tc\0d", 7);
}

static void test_string_quote_backslash_ascii(void **state)
{
	struct text o;
	(void)state;

	assert_string_equal(jstr(&o, "say \"hi\" \\ bye", 14), "\"say \\\"hi\\\" \\\\ bye\"");
	read_back(o.buf, "say \"hi\" \\ bye", 14);
	/* '/' and the other printable ASCII characters are not escaped. */
	assert_string_equal(jstr(&o, "a/b ~{}[]:,'", 12), "\"a/b ~{}[]:,'\"");
	assert_string_equal(jstr(&o, "", 0), "\"\"");
	assert_string_equal(jstr(&o, NULL, 0), "\"\"");
}

static void test_string_non_ascii(void **state)
{
	/* é, €, U+1F600, and the C1 control NEL: valid UTF-8 is copied. */
	static const char s[] = "caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80 \xC2\x85";
	struct text o;
	(void)state;

	assert_string_equal(jstr(&o, s, strlen(s)), "\"caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80 \xC2\x85\"");
	read_back(o.buf, s, strlen(s));
}

static void test_string_not_utf8(void **state)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
		{ "caf\xE9.yaml", "\"caf\\ufffd.yaml\"" },     /* Latin-1 file name */
		{ "\x80", "\"\\ufffd\"" },                     /* lone continuation */
		{ "\xC0\xAF", "\"\\ufffd\\ufffd\"" },          /* overlong '/' */
		{ "\xED\xA0\x80", "\"\\ufffd\\ufffd\\ufffd\"" }, /* surrogate U+D800 */
		{ "\xF4\x90\x80\x80", "\"\\ufffd\\ufffd\\ufffd\\ufffd\"" }, /* above U+10FFFF */
		{ "a\xE2\x82", "\"a\\ufffd\\ufffd\"" },        /* cut at the end */
		{ "\xE2\x82\"", "\"\\ufffd\\ufffd\\\"\"" },    /* cut before a quote */
	};
	char all[256], want[256 * 3];
	struct text o;
	size_t i, k = 0;
	(void)state;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_string_equal(jstr(&o, cases[i].in, strlen(cases[i].in)), cases[i].out);
	/* Every byte value in turn: ASCII reads back as itself, each byte from
	 * 0x80 up (none starts a sequence its neighbour ends) as U+FFFD. */
	for (i = 0; i < 256; i++) {
		all[i] = (char)i;
		if (i < 0x80) {
			want[k++] = (char)i;
		} else {
			memcpy(want + k, "\xEF\xBF\xBD", 3);
			k += 3;
		}
	}
	jstr(&o, all, sizeof(all));
	read_back(o.buf, want, k);
}

static void test_null_arguments(void **state)
{
	static const struct mdevdesc_value v = { MDEVDESC_VALUE_INT, 1, 0, NULL };
	static const mdevdesc_diag d = { MDEVDESC_E_SYNTAX, MDEVDESC_ERROR, 1, 1, 0, 0, "", "R-X", "m" };
	struct mdevdesc_descriptor desc = { 0 };
	mdevdesc_json_summary sum;
	struct text o;
	(void)state;

	memset(&o, 0, sizeof(o));
	assert_int_equal(mdevdesc_json_string("a", 1, NULL, &o), -1);
	assert_int_equal(mdevdesc_json_string(NULL, 1, text_put, &o), -1);
	assert_int_equal(mdevdesc_json_value(NULL, text_put, &o), -1);
	assert_int_equal(mdevdesc_json_value(&v, NULL, &o), -1);
	assert_int_equal(mdevdesc_json_versions(NULL, 1, text_put, &o), -1);
	assert_int_equal(mdevdesc_json_versions(NULL, 0, NULL, &o), -1);
	assert_int_equal(mdevdesc_json_diag(NULL, text_put, &o), -1);
	assert_int_equal(mdevdesc_json_diag(&d, NULL, &o), -1);
	assert_int_equal(mdevdesc_json_model(NULL, text_put, &o), -1);
	assert_int_equal(mdevdesc_json_model(&desc, NULL, &o), -1);
	memset(&sum, 0xff, sizeof(sum));
	assert_int_equal(mdevdesc_json_validate(NULL, "", 0, NULL, 0, text_put, &o, &sum),
			 MDEVDESC_E_INVALID_ARGUMENT);
	assert_int_equal(sum.documents + sum.errors + sum.warnings, 0);
	assert_int_equal(sum.valid, 0);
	assert_int_equal(mdevdesc_json_validate("f", "", 0, NULL, 0, NULL, &o, &sum),
			 MDEVDESC_E_INVALID_ARGUMENT);
	assert_int_equal(mdevdesc_json_validate("f", NULL, 1, NULL, 0, text_put, &o, &sum),
			 MDEVDESC_E_INVALID_ARGUMENT);
	assert_int_equal(o.n, 0);
	/* No bytes: an empty input.  No summary wanted. */
	assert_int_equal(mdevdesc_json_validate("f", NULL, 0, NULL, 0, text_put, &o, NULL), MDEVDESC_OK);
	assert_true(o.n > 0);
}

static void test_values_and_versions(void **state)
{
	static const struct mdevdesc_value vals[] = {
		{ MDEVDESC_VALUE_INT, INT64_MIN, 0, NULL },
		{ MDEVDESC_VALUE_INT, INT64_MAX, 0, NULL },
		{ MDEVDESC_VALUE_RANGE, -3, 8, NULL },
		{ MDEVDESC_VALUE_STR, 0, 0, "gold \"1\"" },
		{ MDEVDESC_VALUE_STR, 0, 0, NULL },
		{ MDEVDESC_VALUE_NONE, 0, 0, NULL },
	};
	static const char *const want[] = {
		"-9223372036854775808", "9223372036854775807", "{\"range\":[-3,8]}",
		"\"gold \\\"1\\\"\"",  "\"\"",                "\"\"",
	};
	static const struct mdevdesc_version_entry e[] = {
		{ { 1, 9, 0, 0 }, { 0, 0, 0, 0 }, 0 },
		{ { 1, 8, 0, 1 }, { 1, 8, 9, 1 }, 1 },
		{ { 4294967295u, 0, 4294967295u, 1 }, { 0, 0, 0, 0 }, 0 },
	};
	struct text o;
	size_t i;
	(void)state;

	for (i = 0; i < sizeof(vals) / sizeof(vals[0]); i++) {
		memset(&o, 0, sizeof(o));
		assert_int_equal(mdevdesc_json_value(&vals[i], text_put, &o), (long)strlen(want[i]));
		assert_string_equal(o.buf, want[i]);
	}
	memset(&o, 0, sizeof(o));
	sized(mdevdesc_json_versions(e, 3, text_put, &o), &o);
	assert_string_equal(o.buf, "[\"1.9\",\"1.8.0..1.8.9\",\"4294967295.0.4294967295\"]");
	memset(&o, 0, sizeof(o));
	assert_int_equal(mdevdesc_json_versions(NULL, 0, text_put, &o), 2);
	assert_string_equal(o.buf, "[]");
}

static void test_diag(void **state)
{
	static const mdevdesc_diag d = {
		MDEVDESC_W_UNKNOWN_KEY, MDEVDESC_WARNING, 7, 12, 345, 2,
		"params.x", "R-FORMAT-MINOR", "key 'a\"b' is \\ new\n"
	};
	struct text o;
	(void)state;

	memset(&o, 0, sizeof(o));
	sized(mdevdesc_json_diag(&d, text_put, &o), &o);
	assert_string_equal(o.buf, "{\"severity\":\"warning\",\"code\":\"unknown-key\",\"code_number\":100,"
				 "\"line\":7,\"column\":12,\"offset\":345,\"document\":2,"
				 "\"path\":\"params.x\",\"rule\":\"R-FORMAT-MINOR\","
				 "\"message\":\"key 'a\\\"b' is \\\\ new\\u000a\"}");
}

/* Every kind of field: a newer minor (unknown key, unknown rule), ranges,
 * two- and three-part versions, string and integer values, defaults,
 * extensions at the top and in an entry, nested untyped content. */
static const char every[] =
	"mdevdesc: \"1.1\"\n"
	"vendor: test\n"
	"type: widget\n"
	"device_api: vfio-pci\n"
	"version: 1.2.3\n"
	"accepts: [\"1.1\", 1.0.0..1.0.9]\n"
	"creates: [\"1.2\"]\n"
	"hw:\n"
	"  pci_id: { value: \"8086:4941\", accepts: [\"8086:4941\", \"8086:4943\"] }\n"
	"features:\n"
	"  caps: { bits: \"0xF0\", rule: superset, x-note: \"a \\\"quoted\\\" \\\\ note\" }\n"
	"  svc: { bits: \"0x0\", rule: equal }\n"
	"  tiles: { bits: \"0x1\", rule: subset }\n"
	"params:\n"
	"  agg: { value: -9223372036854775808, accepts: [-9223372036854775808, 0..8], default: 0 }\n"
	"  mode: { value: \"4\", accepts: [\"4\", fast] }\n"
	"mdev_type: widget-1\n"
	"driver: wdrv\n"
	"description: \"Caf\\u00e9 / \\u20ac \\U0001F600\"\n"
	"x-vendor: { list: [a, \"b c\", \"1.0\"], map: { k: v } }\n"
	"x-empty: \"\"\n"
	"migration_window: 30\n";

static const char every_json[] =
	"{\"mdevdesc\":\"1.1\",\"vendor\":\"test\",\"type\":\"widget\",\"device_api\":\"vfio-pci\","
	"\"version\":\"1.2.3\",\"accepts\":[\"1.1\",\"1.0.0..1.0.9\"],\"creates\":[\"1.2\"],"
	"\"hw\":{\"pci_id\":{\"value\":\"8086:4941\",\"accepts\":[\"8086:4941\",\"8086:4943\"]}},"
	"\"features\":{\"caps\":{\"bits\":\"0xf0\",\"rule\":\"superset\","
	"\"extensions\":{\"x-note\":\"a \\\"quoted\\\" \\\\ note\"}},"
	"\"svc\":{\"bits\":\"0x0\",\"rule\":\"equal\"},\"tiles\":{\"bits\":\"0x1\",\"rule\":\"subset\"}},"
	"\"params\":{\"agg\":{\"value\":-9223372036854775808,"
	"\"accepts\":[-9223372036854775808,{\"range\":[0,8]}],\"default\":0},"
	"\"mode\":{\"value\":\"4\",\"accepts\":[\"4\",\"fast\"]}},"
	"\"mdev_type\":\"widget-1\",\"driver\":\"wdrv\","
	"\"description\":\"Caf\xC3\xA9 / \xE2\x82\xAC \xF0\x9F\x98\x80\","
	"\"extensions\":{\"x-empty\":\"\",\"x-vendor\":{\"list\":[\"a\",\"b c\",\"1.0\"],\"map\":{\"k\":\"v\"}}},"
	"\"unknown\":{\"migration_window\":\"30\"}}";

static void test_model_every_field(void **state)
{
	mdevdesc_file *f = NULL;
	struct text o;
	(void)state;

	assert_int_equal(mdevdesc_parse(every, strlen(every), NULL, &f), MDEVDESC_OK);
	assert_int_equal(mdevdesc_file_diag_count(f), 2); /* the two unknown items */
	memset(&o, 0, sizeof(o));
	assert_int_equal(mdevdesc_json_model(mdevdesc_doc_descriptor(mdevdesc_file_doc(f, 0)), text_put, &o),
			 (long)strlen(every_json));
	assert_string_equal(o.buf, every_json);
	mdevdesc_file_free(f);
}

/* A descriptor built by hand: absent optional keys left out, NULL strings as "". */
static void test_model_by_hand(void **state)
{
	struct mdevdesc_feature feat = { 0 };
	struct mdevdesc_descriptor d = { 0 };
	struct text o;
	(void)state;

	d.format_major = 1;
	d.version.major = 2;
	d.version.minor = 1;
	feat.name = "caps";
	feat.rule = MDEVDESC_RULE_UNKNOWN;
	d.features = &feat;
	d.n_features = 1;
	memset(&o, 0, sizeof(o));
	sized(mdevdesc_json_model(&d, text_put, &o), &o);
	assert_string_equal(o.buf, "{\"mdevdesc\":\"1.0\",\"version\":\"2.1\","
				 "\"features\":{\"caps\":{\"bits\":\"\",\"rule\":\"\"}}}");
}

static const char valid_doc[] =
	"mdevdesc: \"1.0\"\nvendor: intel\ntype: t\ndevice_api: vfio-pci\nversion: 1.0.0\n";

/* mdevdesc_json_validate() of @in under @name into @o: its summary is @documents,
 * @errors, @warnings and @valid. */
static void validate(struct text *o, const char *name, const char *in, unsigned flags,
		     size_t documents, size_t errors, size_t warnings, int valid)
{
	mdevdesc_json_summary sum;

	memset(o, 0, sizeof(*o));
	assert_int_equal(mdevdesc_json_validate(name, in, strlen(in), NULL, flags, text_put, o, &sum),
			 MDEVDESC_OK);
	assert_int_equal(sum.documents, documents);
	assert_int_equal(sum.errors, errors);
	assert_int_equal(sum.warnings, warnings);
	assert_int_equal(!!sum.valid, valid);
}

static void test_validate_valid(void **state)
{
	static const char two[] = "mdevdesc: \"1.0\"\nvendor: intel\ntype: t\n"
				  "device_api: vfio-pci\nversion: 1.0.0\n---\n"
				  "mdevdesc: \"1.0\"\nvendor: intel\ntype: u\n"
				  "device_api: vfio-pci\nversion: 1.0.0\n";
	struct text o;
	(void)state;

	validate(&o, "ok.yaml", two, 0, 2, 0, 0, 1);
	assert_string_equal(o.buf, "{\"file\":\"ok.yaml\",\"diagnostics\":[],\"valid\":true,"
				   "\"documents\":2,\"errors\":0,\"warnings\":0}");
}

static void test_validate_invalid(void **state)
{
	static const char bad[] = "mdevdesc: \"1.0\"\nvendor: intel\ntype: t\n"
				  "device_api: vfio-pci\nversion: 1.0.0\n"
				  "params:\n  agg: { value: 3, accepts: [1, 2, 4] }\n"
				  "---\n"
				  "mdevdesc: \"1.0\"\nvendor: intel\ntype: t\n"
				  "device_api: vfio-pci\nversion: 1.0.0\n";
	struct text o;
	(void)state;

	/* The name is not UTF-8 (\xE9, a Latin-1 é) and holds a quote. */
	validate(&o, "caf\xE9\".yaml", bad, 0, 2, 1, 0, 0);
	assert_string_equal(o.buf, "{\"file\":\"caf\\ufffd\\\".yaml\",\"diagnostics\":[{\"severity\":\"error\","
				   "\"code\":\"not-accepted\",\"code_number\":79,\"line\":7,\"column\":17,"
				   "\"offset\":98,\"document\":0,\"path\":\"params.agg.value\","
				   "\"rule\":\"R-PARAM-SELF\","
				   "\"message\":\"value 3 is not in [1, 2, 4], the entry's own accepts\"}],"
				   "\"valid\":false,\"documents\":2,\"errors\":1,\"warnings\":0}");
}

static void test_validate_empty(void **state)
{
	struct text o;
	(void)state;

	validate(&o, "-", "", 0, 0, 1, 0, 0);
	assert_string_equal(o.buf, "{\"file\":\"-\",\"diagnostics\":[{\"severity\":\"error\","
				   "\"code\":\"no-document\",\"code_number\":60,\"line\":1,\"column\":1,"
				   "\"offset\":0,\"document\":0,\"path\":\"\",\"rule\":\"R-DOC-NONE\","
				   "\"message\":\"the input holds no document: a descriptor starts with "
				   "mdevdesc: \\\"1.0\\\"\"}],"
				   "\"valid\":false,\"documents\":0,\"errors\":1,\"warnings\":0}");
}

/* Warnings alone: valid, unless MDEVDESC_JSON_STRICT. */
static void test_validate_strict(void **state)
{
	struct text o;
	(void)state;

	validate(&o, "e", every, 0, 1, 0, 2, 1);
	assert_non_null(strstr(o.buf, "],\"valid\":true,\"documents\":1,\"errors\":0,\"warnings\":2}"));
	validate(&o, "e", every, MDEVDESC_JSON_STRICT, 1, 0, 2, 0);
	assert_non_null(strstr(o.buf, "],\"valid\":false,\"documents\":1,\"errors\":0,\"warnings\":2}"));
}

/* Each allocation failing in turn: the reader's first, nothing written;
 * any later one, a whole JSON object that is not valid; nothing leaks. */
static void test_validate_allocation_failure(void **state)
{
	struct counting c = { 0, 0, 0 };
	mdevdesc_alc alc = { c_malloc, c_realloc, c_free, &c };
	mdevdesc_options opt = { &alc, NULL, 0 };
	mdevdesc_json_summary sum;
	struct text o;
	long total, i;
	(void)state;

	memset(&o, 0, sizeof(o));
	assert_int_equal(mdevdesc_json_validate("v", valid_doc, strlen(valid_doc), &opt, 0, text_put, &o,
						&sum),
			 MDEVDESC_OK);
	assert_true(sum.valid);
	total = c.calls;
	assert_true(total > 1);
	for (i = 1; i <= total; i++) {
		struct json_object *j;
		mdevdesc_code rc;

		c.calls = 0;
		c.fail_at = i;
		memset(&o, 0, sizeof(o));
		rc = mdevdesc_json_validate("v", valid_doc, strlen(valid_doc), &opt, 0, text_put, &o, &sum);
		assert_int_equal(c.live, 0);
		if (i == 1) {
			assert_int_equal(rc, MDEVDESC_E_NOMEM);
			assert_int_equal(o.n, 0);
			continue;
		}
		assert_int_equal(rc, MDEVDESC_OK);
		assert_false(sum.valid);
		j = json_tokener_parse(o.buf);
		assert_non_null(j);
		json_object_put(j);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_string_controls),
		cmocka_unit_test(test_string_quote_backslash_ascii),
		cmocka_unit_test(test_string_non_ascii),
		cmocka_unit_test(test_string_not_utf8),
		cmocka_unit_test(test_null_arguments),
		cmocka_unit_test(test_values_and_versions),
		cmocka_unit_test(test_diag),
		cmocka_unit_test(test_model_every_field),
		cmocka_unit_test(test_model_by_hand),
		cmocka_unit_test(test_validate_valid),
		cmocka_unit_test(test_validate_invalid),
		cmocka_unit_test(test_validate_empty),
		cmocka_unit_test(test_validate_strict),
		cmocka_unit_test(test_validate_allocation_failure),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
