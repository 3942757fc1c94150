/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/*
 * test_emit.c - unit tests of the freestanding canonical emitter.
 *
 * Descriptors are written the way a kernel driver writes them (static
 * const structs with designated initialisers) and emitted with
 * mdevdesc_emit(); the text is compared byte for byte with the canonical
 * form (spec 11): key order of spec 5, one-line flow entries, the quoting
 * rule of spec 4.4 and 4.2, bitmap normalisation (spec 5.7), extension
 * nodes (spec 5.10).  Every emission is also repeated for every buffer
 * size from 0 to one past the text, checking snprintf behaviour: the same
 * return value, a NUL terminator, and no byte written past the size.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "mdevdesc_emit.h"

#define CANARY ((char)0x5a)
#define SLACK 16

/**
 * check_emit - @d must emit exactly @expect, at every buffer size.
 */
static void check_emit(const struct mdevdesc_descriptor *d, const char *expect)
{
	const size_t len = strlen(expect);
	char *buf = test_malloc(len + SLACK);
	size_t size, i;

	assert_int_equal(mdevdesc_emit(d, NULL, 0), (long)len);
	for (size = 0; size <= len + 1; size++) {
		memset(buf, CANARY, len + SLACK);
		assert_int_equal(mdevdesc_emit(d, buf, size), (long)len);
		if (size > 0) {
			size_t kept = len < size - 1 ? len : size - 1;

			assert_memory_equal(buf, expect, kept);
			assert_int_equal(buf[kept], '\0');
		}
		for (i = size; i < len + SLACK; i++)
			if (buf[i] != CANARY)
				fail_msg("size %zu: byte %zu written", size, i);
	}
	memset(buf, CANARY, len + SLACK);
	assert_int_equal(mdevdesc_emit(d, buf, len + 1), (long)len);
	assert_string_equal(buf, expect);
	test_free(buf);
}

/* The example of the information model, as a driver would declare it. */
static const struct mdevdesc_version_entry qat_accepts[] = {
	{ .low = { .major = 1, .minor = 9 } },
	{ .low = { 1, 8, 0, 1 }, .high = { 1, 8, 9, 1 }, .is_range = 1 },
};

static const struct mdevdesc_version_entry qat_creates[] = {
	{ .low = { .major = 2, .minor = 2 } },
	{ .low = { .major = 2, .minor = 3, .patch = 1, .has_patch = 1 } },
};

static const struct mdevdesc_value qat_pci_ids[] = {
	{ .kind = MDEVDESC_VALUE_STR, .s = "8086:4941" },
	{ .kind = MDEVDESC_VALUE_STR, .s = "8086:4943" },
};

static const struct mdevdesc_param qat_hw[] = {
	{
		.name = "pci_id",
		.value = { .kind = MDEVDESC_VALUE_STR, .s = "8086:4941" },
		.accepts = qat_pci_ids,
		.n_accepts = 2,
	},
};

static const struct mdevdesc_feature qat_features[] = {
	{ .name = "caps", .bits = "0x3F0F", .rule = MDEVDESC_RULE_SUPERSET },
	{ .name = "svcmap", .bits = "0x05", .rule = MDEVDESC_RULE_EQUAL },
};

static const struct mdevdesc_value qat_aggregation[] = {
	{ .kind = MDEVDESC_VALUE_INT, .i = 1 },
	{ .kind = MDEVDESC_VALUE_INT, .i = 2 },
	{ .kind = MDEVDESC_VALUE_INT, .i = 4 },
	{ .kind = MDEVDESC_VALUE_INT, .i = 8 },
};

static const struct mdevdesc_value qat_qos[] = {
	{ .kind = MDEVDESC_VALUE_STR, .s = "gold" },
	{ .kind = MDEVDESC_VALUE_STR, .s = "silver" },
};

static const struct mdevdesc_value qat_rate[] = {
	{ .kind = MDEVDESC_VALUE_RANGE, .i = 0, .hi = 2000 },
};

static const struct mdevdesc_param qat_params[] = {
	{
		.name = "aggregation",
		.value = { .kind = MDEVDESC_VALUE_INT, .i = 4 },
		.accepts = qat_aggregation,
		.n_accepts = 4,
	},
	{
		.name = "qos_class",
		.value = { .kind = MDEVDESC_VALUE_STR, .s = "gold" },
		.accepts = qat_qos,
		.n_accepts = 2,
		.def = { .kind = MDEVDESC_VALUE_STR, .s = "silver" },
	},
	{
		.name = "rate_limit",
		.value = { .kind = MDEVDESC_VALUE_INT, .i = 2000 },
		.accepts = qat_rate,
		.n_accepts = 1,
	},
};

static const struct mdevdesc_node qat_extra[] = {
	{ .kind = MDEVDESC_NODE_STRING, .key = "x-intel-fw", .s = "4.26.0" },
	{ .kind = MDEVDESC_NODE_STRING, .key = "x-intel-fw-api", .s = "4.26" },
};

static const struct mdevdesc_descriptor qat_sym = {
	.format_major = 1,
	.format_minor = 0,
	.vendor = "intel",
	.type = "qat-sym",
	.device_api = "vfio-pci",
	.version = { .major = 2, .minor = 3, .patch = 1, .has_patch = 1 },
	.accepts = qat_accepts,
	.n_accepts = 2,
	.creates = qat_creates,
	.n_creates = 2,
	.hw = qat_hw,
	.n_hw = 1,
	.features = qat_features,
	.n_features = 2,
	.params = qat_params,
	.n_params = 3,
	.mdev_type = "qat_4xxxvf-sym",
	.driver = "qat_4xxx",
	.description = "Symmetric crypto VF slice",
	.extra = qat_extra,
	.n_extra = 2,
};

static const char qat_sym_text[] =
	"mdevdesc: \"1.0\"\n"
	"vendor: intel\n"
	"type: qat-sym\n"
	"device_api: vfio-pci\n"
	"version: 2.3.1\n"
	"accepts: [\"1.9\", 1.8.0..1.8.9]\n"
	"creates: [\"2.2\", 2.3.1]\n"
	"hw:\n"
	"  pci_id: { value: \"8086:4941\", accepts: [\"8086:4941\", \"8086:4943\"] }\n"
	"features:\n"
	"  caps: { bits: \"0x3f0f\", rule: superset }\n"
	"  svcmap: { bits: \"0x5\", rule: equal }\n"
	"params:\n"
	"  aggregation: { value: 4, accepts: [1, 2, 4, 8] }\n"
	"  qos_class: { value: gold, accepts: [gold, silver], default: silver }\n"
	"  rate_limit: { value: 2000, accepts: [0..2000] }\n"
	"mdev_type: qat_4xxxvf-sym\n"
	"driver: qat_4xxx\n"
	"description: Symmetric crypto VF slice\n"
	"x-intel-fw: 4.26.0\n"
	"x-intel-fw-api: \"4.26\"\n";

/* The full example, at every buffer size. */
static void test_full_example(void **state)
{
	(void)state;
	check_emit(&qat_sym, qat_sym_text);
}

/* Exact-size buffer, too small a buffer, size 0 with a NULL buffer. */
static void test_buffer_sizes(void **state)
{
	const long len = (long)strlen(qat_sym_text);
	char exact[sizeof(qat_sym_text)];
	char small[11];

	(void)state;
	assert_int_equal(mdevdesc_emit(&qat_sym, NULL, 0), len);
	assert_int_equal(mdevdesc_emit(&qat_sym, exact, sizeof(exact)), len);
	assert_string_equal(exact, qat_sym_text);

	memset(small, 'z', sizeof(small));
	assert_int_equal(mdevdesc_emit(&qat_sym, small, 10), len);
	assert_string_equal(small, "mdevdesc:");
	assert_int_equal(small[10], 'z');

	memset(small, 'z', sizeof(small));
	assert_int_equal(mdevdesc_emit(&qat_sym, small, 1), len);
	assert_int_equal(small[0], '\0');
	assert_int_equal(small[1], 'z');

	small[0] = 'z';
	assert_int_equal(mdevdesc_emit(&qat_sym, small, 0), len);
	assert_int_equal(small[0], 'z');
}

/* Only the required keys; every optional key is absent. */
static void test_minimal(void **state)
{
	static const struct mdevdesc_descriptor d = {
		.format_major = 1,
		.vendor = "nvidia",
		.type = "grid-a100-4c",
		.device_api = "vfio-pci",
		.version = { .major = 1, .minor = 0, .patch = 0, .has_patch = 1 },
	};

	(void)state;
	check_emit(&d, "mdevdesc: \"1.0\"\n"
		       "vendor: nvidia\n"
		       "type: grid-a100-4c\n"
		       "device_api: vfio-pci\n"
		       "version: 1.0.0\n");
}

/* Format version, version forms and version entries (spec 5.1, 5.5). */
static void test_versions(void **state)
{
	static const struct mdevdesc_version_entry accepts[] = {
		{ .low = { 1, 0, 0, 0 }, .high = { 1, 2, 0, 0 }, .is_range = 1 },
		{ .low = { 1, 0, 0, 0 }, .high = { 1, 2, 7, 1 }, .is_range = 1 },
		{ .low = { 0, 10, 0, 0 } },
		{ .low = { 4294967295u, 4294967295u, 4294967295u, 1 } },
	};
	static const struct mdevdesc_version_entry creates[] = {
		{ .low = { 3, 0, 0, 1 } },
	};
	static const struct mdevdesc_descriptor d = {
		.format_major = 1,
		.format_minor = 10,
		.vendor = "v",
		.type = "t",
		.device_api = "vfio-ap",
		.version = { .major = 3, .minor = 1 }, /* two parts: quoted */
		.accepts = accepts,
		.n_accepts = 4,
		.creates = creates,
		.n_creates = 1,
	};

	(void)state;
	check_emit(&d, "mdevdesc: \"1.10\"\n"
		       "vendor: v\n"
		       "type: t\n"
		       "device_api: vfio-ap\n"
		       "version: \"3.1\"\n"
		       "accepts: [1.0..1.2, 1.0..1.2.7, \"0.10\", "
		       "4294967295.4294967295.4294967295]\n"
		       "creates: [3.0.0]\n");
}

/* Every value kind, integer extremes, strings that need quotes (spec 4.5, 5.8). */
static void test_values(void **state)
{
	static const struct mdevdesc_value acc_int[] = {
		{ .kind = MDEVDESC_VALUE_INT, .i = INT64_MIN },
		{ .kind = MDEVDESC_VALUE_RANGE, .i = -5, .hi = 5 },
		{ .kind = MDEVDESC_VALUE_RANGE, .i = INT64_MIN, .hi = INT64_MAX },
		{ .kind = MDEVDESC_VALUE_INT, .i = INT64_MAX },
		{ .kind = MDEVDESC_VALUE_INT, .i = 0 },
	};
	static const struct mdevdesc_value acc_str[] = {
		{ .kind = MDEVDESC_VALUE_STR, .s = "4" },
		{ .kind = MDEVDESC_VALUE_STR, .s = "yes" },
		{ .kind = MDEVDESC_VALUE_STR, .s = "" },
		{ .kind = MDEVDESC_VALUE_STR, .s = "a,b" },
		{ .kind = MDEVDESC_VALUE_STR, .s = "a b" },
		{ .kind = MDEVDESC_VALUE_STR, .s = "-x" },
		{ .kind = MDEVDESC_VALUE_STR, .s = "?x" },
		{ .kind = MDEVDESC_VALUE_STR, .s = "a?b" },
		{ .kind = MDEVDESC_VALUE_STR, .s = "x]" },
		{ .kind = MDEVDESC_VALUE_STR, .s = "2.3.1" },
		{ .kind = MDEVDESC_VALUE_STR, .s = "0x1f" },
		{ .kind = MDEVDESC_VALUE_STR, .s = NULL },
		{ .kind = MDEVDESC_VALUE_INT, .i = 4 },
	};
	static const struct mdevdesc_param params[] = {
		{
			.name = "ints",
			.value = { .kind = MDEVDESC_VALUE_INT, .i = -1 },
			.accepts = acc_int,
			.n_accepts = 5,
			.def = { .kind = MDEVDESC_VALUE_INT, .i = 0 },
		},
		{
			.name = "strs",
			.value = { .kind = MDEVDESC_VALUE_STR, .s = "4" },
			.accepts = acc_str,
			.n_accepts = 13,
			.def = { .kind = MDEVDESC_VALUE_STR, .s = "on" },
		},
		{ .name = "only_value", .value = { .kind = MDEVDESC_VALUE_INT, .i = 7 } },
		{ .name = "only_default", .def = { .kind = MDEVDESC_VALUE_INT, .i = 1 } },
		{ .name = "empty" },
		{ .name = "range_value", .value = { .kind = MDEVDESC_VALUE_RANGE, .i = 1, .hi = 2 } },
	};
	static const struct mdevdesc_descriptor d = {
		.format_major = 1,
		.vendor = "v",
		.type = "t",
		.device_api = "vfio-ccw",
		.version = { 1, 0, 0, 1 },
		.params = params,
		.n_params = 6,
	};

	(void)state;
	check_emit(&d,
		   "mdevdesc: \"1.0\"\n"
		   "vendor: v\n"
		   "type: t\n"
		   "device_api: vfio-ccw\n"
		   "version: 1.0.0\n"
		   "params:\n"
		   "  ints: { value: -1, accepts: [-9223372036854775808, -5..5, "
		   "-9223372036854775808..9223372036854775807, 9223372036854775807, 0], "
		   "default: 0 }\n"
		   "  strs: { value: \"4\", accepts: [\"4\", \"yes\", \"\", \"a,b\", a b, -x, "
		   "\"?x\", \"a?b\", \"x]\", 2.3.1, \"0x1f\", \"\", 4], default: \"on\" }\n"
		   "  only_value: { value: 7 }\n"
		   "  only_default: { default: 1 }\n"
		   "  empty: {}\n"
		   "  range_value: { value: 1..2 }\n");
}

/*
 * A string with `..` is quoted only in an accepts item of a hw or params
 * entry, where a plain one is a range (spec 4.4, 4.5); elsewhere it reads as
 * the same string to every loader and stays plain.
 */
static void test_dots_quoting(void **state)
{
	static const struct mdevdesc_value acc[] = {
		{ .kind = MDEVDESC_VALUE_STR, .s = "0..5" },
		{ .kind = MDEVDESC_VALUE_RANGE, .i = 1, .hi = 3 },
		{ .kind = MDEVDESC_VALUE_STR, .s = "a..b" },
	};
	static const struct mdevdesc_param params[] = {
		{ .name = "p",
		  .value = { .kind = MDEVDESC_VALUE_STR, .s = "0..5" },
		  .accepts = acc,
		  .n_accepts = 3,
		  .def = { .kind = MDEVDESC_VALUE_STR, .s = "a..b" } },
	};
	static const struct mdevdesc_node ext[] = {
		{ .kind = MDEVDESC_NODE_PLAIN, .key = "x-a", .s = "1..2" },
		{ .kind = MDEVDESC_NODE_STRING, .key = "x-b", .s = "c..d" },
	};
	static const struct mdevdesc_descriptor d = {
		.format_major = 1,
		.vendor = "v",
		.type = "t..u",
		.device_api = "vfio-pci",
		.version = { 1, 0, 0, 1 },
		.params = params,
		.n_params = 1,
		.description = "wait.. ok",
		.extra = ext,
		.n_extra = 2,
	};

	(void)state;
	check_emit(&d, "mdevdesc: \"1.0\"\n"
		       "vendor: v\n"
		       "type: t..u\n"
		       "device_api: vfio-pci\n"
		       "version: 1.0.0\n"
		       "params:\n"
		       "  p: { value: 0..5, accepts: [\"0..5\", 1..3, \"a..b\"], default: a..b }\n"
		       "description: wait.. ok\n"
		       "x-a: 1..2\n"
		       "x-b: c..d\n");
}

/* Top-level strings: plain when safe, else double-quoted (spec 4.2, 4.4). */
static void test_string_quoting(void **state)
{
	static const struct {
		const char *in;
		const char *out;
	} cases[] = {
		{ "intel", "intel" },
		{ "Symmetric crypto VF slice", "Symmetric crypto VF slice" },
		{ "8086:4941", "8086:4941" },  /* a block value may hold ':' */
		{ "a,b [c] {d}", "a,b [c] {d}" }, /* and flow indicators */
		{ "say \"hi\" \\o/", "say \"hi\" \\o/" },
		{ "C# rocks", "C# rocks" },
		{ "-x", "-x" },
		{ "?x", "?x" },
		{ ":x", ":x" },
		{ "caf\xc3\xa9 \xe2\x82\xac", "caf\xc3\xa9 \xe2\x82\xac" },
		{ "a\xc2\xa0" "b", "a\xc2\xa0" "b" },
		{ "", "\"\"" },
		{ "null", "\"null\"" },
		{ "~", "\"~\"" },
		{ "True", "\"True\"" },
		{ "no", "\"no\"" },
		{ "010", "\"010\"" },
		{ "0x3f0f", "\"0x3f0f\"" },
		{ "1:20", "\"1:20\"" },
		{ "1.10", "\"1.10\"" },
		{ "1e3", "\"1e3\"" },
		{ "1:20.5", "\"1:20.5\"" },
		{ ".inf", "\".inf\"" },
		{ "2001-12-14", "\"2001-12-14\"" },
		{ "<<", "\"<<\"" },
		{ "=", "\"=\"" },
		{ "a: b", "\"a: b\"" },
		{ "a #b", "\"a #b\"" },
		{ "key:", "\"key:\"" },
		{ " lead", "\" lead\"" },
		{ "trail ", "\"trail \"" },
		{ "- item", "\"- item\"" },
		{ "-", "\"-\"" },
		{ "?", "\"?\"" },
		{ ":", "\":\"" },
		{ "? q", "\"? q\"" },
		{ ": c", "\": c\"" },
		{ "[x", "\"[x\"" },
		{ "]x", "\"]x\"" },
		{ "{x", "\"{x\"" },
		{ "}x", "\"}x\"" },
		{ ",x", "\",x\"" },
		{ "#x", "\"#x\"" },
		{ "&x", "\"&x\"" },
		{ "*x", "\"*x\"" },
		{ "!x", "\"!x\"" },
		{ "|x", "\"|x\"" },
		{ ">x", "\">x\"" },
		{ "'x'", "\"'x'\"" },
		{ "\"x\"", "\"\\\"x\\\"\"" },
		{ "%x", "\"%x\"" },
		{ "@x", "\"@x\"" },
		{ "`x", "\"`x\"" },
		{ "a\\b: c", "\"a\\\\b: c\"" },
		{ "a\tb", "\"a\\tb\"" },
		{ "a\nb", "\"a\\nb\"" },
		{ "a\rb", "\"a\\rb\"" },
		{ "\x01\x1b\x7f", "\"\\x01\\x1b\\x7f\"" },
		{ "a\xc2\x85" "b", "\"a\\x85b\"" },          /* NEL */
		{ "a\xc2\x80" "b", "\"a\\x80b\"" },
		{ "a\xc2\x9f" "b", "\"a\\x9fb\"" },
		{ "a\xe2\x80\xa8" "b", "\"a\\u2028b\"" },
		{ "a\xe2\x80\xa9" "b", "\"a\\u2029b\"" },
		{ "a\xe2\x80\xae" "b", "\"a\\u202eb\"" },       /* RLO */
		{ "\xe2\x80\xaa\xe2\x80\xac", "\"\\u202a\\u202c\"" },
		{ "a\xe2\x81\xa6" "b\xe2\x81\xa9", "\"a\\u2066b\\u2069\"" },
		{ "\xe2\x80\x8e\xe2\x80\x8f", "\"\\u200e\\u200f\"" },
		{ "a\xd8\x9c", "\"a\\u061c\"" },              /* ALM */
		{ "a\xe2\x80\x8d" "b", "a\xe2\x80\x8d" "b" },      /* ZWJ: no bidi control */
		{ "\xef\xbb\xbf" "bom", "\"\\ufeffbom\"" },
		{ "\xef\xbf\xbe\xef\xbf\xbf", "\"\\ufffe\\uffff\"" },
		{ "\xef\xbf\xbd", "\xef\xbf\xbd" },            /* U+FFFD is printable */
		{ "bad\xff", "\"bad\\ufffd\"" },
		{ "\xc0\xaf", "\"\\ufffd\\ufffd\"" },         /* overlong '/' */
		{ "\xed\xa0\x80", "\"\\ufffd\\ufffd\\ufffd\"" }, /* surrogate */
		{ "\xf4\x90\x80\x80", "\"\\ufffd\\ufffd\\ufffd\\ufffd\"" },
		{ "\xe2\x82", "\"\\ufffd\\ufffd\"" },            /* truncated */
		{ "\xe2\x82" "a", "\"\\ufffd\\ufffda\"" },
		{ "\xf0\x9f\x98\x80", "\xf0\x9f\x98\x80" },     /* U+1F600 */
	};
	char expect[256];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct mdevdesc_descriptor d = {
			.format_major = 1,
			.vendor = "v",
			.type = "t",
			.device_api = "vfio-pci",
			.version = { 1, 0, 0, 1 },
			.description = cases[i].in,
		};
		char out[256];
		long len;

		strcpy(expect, "mdevdesc: \"1.0\"\nvendor: v\ntype: t\ndevice_api: vfio-pci\n"
			       "version: 1.0.0\ndescription: ");
		strcat(expect, cases[i].out);
		strcat(expect, "\n");
		len = mdevdesc_emit(&d, out, sizeof(out));
		if (len != (long)strlen(expect) || strcmp(out, expect) != 0)
			fail_msg("case %zu: got <%s>, expected <%s>", i, out, expect);
	}
}

/* NULL required strings are written as "", NULL optional ones are omitted. */
static void test_null_strings(void **state)
{
	static const struct mdevdesc_descriptor d = {
		.format_major = 2,
		.format_minor = 1,
		.version = { 0, 0, 0, 1 },
		.driver = "",
	};

	(void)state;
	check_emit(&d, "mdevdesc: \"2.1\"\n"
		       "vendor: \"\"\n"
		       "type: \"\"\n"
		       "device_api: \"\"\n"
		       "version: 0.0.0\n"
		       "driver: \"\"\n");
}

/* Bitmaps: always quoted, lower case, no leading zeros (spec 5.7). */
static void test_bitmaps(void **state)
{
	static const struct mdevdesc_feature features[] = {
		{ .name = "a", .bits = "0x3F0F", .rule = MDEVDESC_RULE_SUPERSET },
		{ .name = "b", .bits = "0x0000", .rule = MDEVDESC_RULE_EQUAL },
		{ .name = "c", .bits = "0X00ff", .rule = MDEVDESC_RULE_EQUAL },
		{ .name = "d", .bits = "0x0", .rule = MDEVDESC_RULE_EQUAL },
		{ .name = "e", .bits = "0x00A", .rule = MDEVDESC_RULE_EQUAL },
		{ .name = "f", .bits = "0xfedcba9876543210FEDCBA98", .rule = 1 },
		/* not a bitmap: written as given, for the validator to reject */
		{ .name = "g", .bits = "0x", .rule = MDEVDESC_RULE_EQUAL },
		{ .name = "h", .bits = "ff", .rule = MDEVDESC_RULE_EQUAL },
		{ .name = "i", .bits = "0x1g", .rule = MDEVDESC_RULE_EQUAL },
		{ .name = "j", .bits = NULL, .rule = MDEVDESC_RULE_EQUAL },
		/* a newer minor's rule */
		{ .name = "k", .bits = "0x1", .rule = MDEVDESC_RULE_UNKNOWN, .rule_name = "subset" },
		{ .name = "l", .bits = "0x1", .rule = MDEVDESC_RULE_UNKNOWN, .rule_name = "no" },
		{ .name = "m", .bits = "0x1", .rule = MDEVDESC_RULE_UNKNOWN },
	};
	static const struct mdevdesc_descriptor d = {
		.format_major = 1,
		.vendor = "v",
		.type = "t",
		.device_api = "vfio-pci",
		.version = { 1, 0, 0, 1 },
		.features = features,
		.n_features = 13,
	};

	(void)state;
	check_emit(&d, "mdevdesc: \"1.0\"\n"
		       "vendor: v\n"
		       "type: t\n"
		       "device_api: vfio-pci\n"
		       "version: 1.0.0\n"
		       "features:\n"
		       "  a: { bits: \"0x3f0f\", rule: superset }\n"
		       "  b: { bits: \"0x0\", rule: equal }\n"
		       "  c: { bits: \"0xff\", rule: equal }\n"
		       "  d: { bits: \"0x0\", rule: equal }\n"
		       "  e: { bits: \"0xa\", rule: equal }\n"
		       "  f: { bits: \"0xfedcba9876543210fedcba98\", rule: superset }\n"
		       "  g: { bits: \"0x\", rule: equal }\n"
		       "  h: { bits: \"ff\", rule: equal }\n"
		       "  i: { bits: \"0x1g\", rule: equal }\n"
		       "  j: { bits: \"\", rule: equal }\n"
		       "  k: { bits: \"0x1\", rule: subset }\n"
		       "  l: { bits: \"0x1\", rule: \"no\" }\n"
		       "  m: { bits: \"0x1\", rule: \"\" }\n");
}

/* Extension and newer-minor nodes (spec 5.10, 7), at the top and in entries. */
static void test_extra_nodes(void **state)
{
	static const struct mdevdesc_node inner_seq[] = {
		{ .kind = MDEVDESC_NODE_PLAIN, .s = "1" },
		{ .kind = MDEVDESC_NODE_PLAIN, .s = "2" },
	};
	static const struct mdevdesc_node inner_map[] = {
		{ .kind = MDEVDESC_NODE_PLAIN, .key = "k", .s = "v" },
		{ .kind = MDEVDESC_NODE_STRING, .key = "on", .s = "off" },
		{ .kind = MDEVDESC_NODE_SEQ, .key = "a:b", .items = inner_seq, .n_items = 2 },
	};
	static const struct mdevdesc_node seq_items[] = {
		{ .kind = MDEVDESC_NODE_PLAIN, .s = "a" },
		{ .kind = MDEVDESC_NODE_STRING, .s = "yes" },
		{ .kind = MDEVDESC_NODE_SEQ, .items = inner_seq, .n_items = 2 },
		{ .kind = MDEVDESC_NODE_MAP },
		{ .kind = MDEVDESC_NODE_SEQ },
		{ .kind = MDEVDESC_NODE_PLAIN, .s = "b,c" },
		{ .kind = MDEVDESC_NODE_MAP, .items = inner_map, .n_items = 1 },
	};
	static const struct mdevdesc_node top[] = {
		{ .kind = MDEVDESC_NODE_PLAIN, .key = "x-a", .s = "12" },
		{ .kind = MDEVDESC_NODE_STRING, .key = "x-b", .s = "12" },
		{ .kind = MDEVDESC_NODE_PLAIN, .key = "x-c", .s = "yes" },
		{ .kind = MDEVDESC_NODE_PLAIN, .key = "x-d", .s = "b,c" },
		{ .kind = MDEVDESC_NODE_PLAIN, .key = "x-e", .s = "a: b" },
		{ .kind = MDEVDESC_NODE_PLAIN, .key = "x-f", .s = "" },
		{ .kind = MDEVDESC_NODE_PLAIN, .key = "x-g", .s = NULL },
		{ .kind = MDEVDESC_NODE_SEQ, .key = "x-h", .items = seq_items, .n_items = 7 },
		{ .kind = MDEVDESC_NODE_MAP, .key = "x-i", .items = inner_map, .n_items = 3 },
		{ .kind = MDEVDESC_NODE_MAP, .key = "x-j" },
		{ .kind = MDEVDESC_NODE_STRING, .key = "--- x", .s = "doc" },
		{ .kind = MDEVDESC_NODE_STRING, .key = "...", .s = "end" },
		{ .kind = MDEVDESC_NODE_STRING, .key = "y", .s = "key" },
		{ .kind = MDEVDESC_NODE_STRING, .key = NULL, .s = "nokey" },
	};
	static const struct mdevdesc_node entry_extra[] = {
		{ .kind = MDEVDESC_NODE_STRING, .key = "x-note", .s = "hi there" },
		{ .kind = MDEVDESC_NODE_SEQ, .key = "x-list", .items = inner_seq, .n_items = 2 },
	};
	static const struct mdevdesc_param hw[] = {
		{
			.name = "on",
			.value = { .kind = MDEVDESC_VALUE_INT, .i = 1 },
			.extra = entry_extra,
			.n_extra = 2,
		},
		{ .name = "only_extra", .extra = entry_extra, .n_extra = 1 },
	};
	static const struct mdevdesc_feature features[] = {
		{
			.name = "caps",
			.bits = "0x1",
			.rule = MDEVDESC_RULE_EQUAL,
			.extra = entry_extra,
			.n_extra = 1,
		},
	};
	static const struct mdevdesc_descriptor d = {
		.format_major = 1,
		.format_minor = 1,
		.vendor = "v",
		.type = "t",
		.device_api = "vfio-pci",
		.version = { 1, 0, 0, 1 },
		.hw = hw,
		.n_hw = 2,
		.features = features,
		.n_features = 1,
		.extra = top,
		.n_extra = 14,
	};

	(void)state;
	check_emit(&d, "mdevdesc: \"1.1\"\n"
		       "vendor: v\n"
		       "type: t\n"
		       "device_api: vfio-pci\n"
		       "version: 1.0.0\n"
		       "hw:\n"
		       "  \"on\": { value: 1, x-note: hi there, x-list: [1, 2] }\n"
		       "  only_extra: { x-note: hi there }\n"
		       "features:\n"
		       "  caps: { bits: \"0x1\", rule: equal, x-note: hi there }\n"
		       "x-a: 12\n"
		       "x-b: \"12\"\n"
		       "x-c: yes\n"
		       "x-d: b,c\n"
		       "x-e: \"a: b\"\n"
		       "x-f: \"\"\n"
		       "x-g: \"\"\n"
		       "x-h: [a, \"yes\", [1, 2], {}, [], \"b,c\", { k: v }]\n"
		       "x-i: { k: v, \"on\": \"off\", \"a:b\": [1, 2] }\n"
		       "x-j: {}\n"
		       "\"--- x\": doc\n"
		       "\"...\": end\n"
		       "\"y\": key\n"
		       "\"\": nokey\n");
}

/* A NULL descriptor and out-of-range kinds give -1 and an empty buffer. */
static void test_errors(void **state)
{
	static const struct mdevdesc_value bad_item[] = {
		{ .kind = MDEVDESC_VALUE_INT, .i = 1 },
		{ .kind = MDEVDESC_VALUE_NONE },
	};
	static const struct mdevdesc_value bad_kind[] = {
		{ .kind = (enum mdevdesc_value_kind)7, .i = 1 },
	};
	static const struct mdevdesc_param p_bad_value[] = {
		{ .name = "p", .value = { .kind = (enum mdevdesc_value_kind)4 } },
	};
	static const struct mdevdesc_param p_bad_def[] = {
		{
			.name = "p",
			.value = { .kind = MDEVDESC_VALUE_INT },
			.def = { .kind = (enum mdevdesc_value_kind)-1 },
		},
	};
	static const struct mdevdesc_param p_bad_item[] = {
		{ .name = "p", .value = { .kind = MDEVDESC_VALUE_INT }, .accepts = bad_item, .n_accepts = 2 },
	};
	static const struct mdevdesc_param p_bad_kind[] = {
		{ .name = "p", .value = { .kind = MDEVDESC_VALUE_INT }, .accepts = bad_kind, .n_accepts = 1 },
	};
	static const struct mdevdesc_param p_null_accepts[] = {
		{ .name = "p", .value = { .kind = MDEVDESC_VALUE_INT }, .n_accepts = 1 },
	};
	static const struct mdevdesc_feature f_bad_rule[] = {
		{ .name = "f", .bits = "0x1", .rule = (enum mdevdesc_rule)3 },
	};
	static const struct mdevdesc_node bad_node_kind[] = {
		{ .kind = (enum mdevdesc_node_kind)0, .key = "x-a" },
	};
	static const struct mdevdesc_node bad_child[] = {
		{ .kind = MDEVDESC_NODE_PLAIN, .s = "ok" },
		{ .kind = (enum mdevdesc_node_kind)5, .s = "bad" },
	};
	static const struct mdevdesc_node bad_nested[] = {
		{ .kind = MDEVDESC_NODE_SEQ, .key = "x-a", .items = bad_child, .n_items = 2 },
	};
	static const struct mdevdesc_node null_items[] = {
		{ .kind = MDEVDESC_NODE_MAP, .key = "x-a", .n_items = 1 },
	};
	static const struct mdevdesc_node f_extra_bad[] = {
		{ .kind = (enum mdevdesc_node_kind)9, .key = "x-a" },
	};
	static const struct mdevdesc_feature f_bad_extra[] = {
		{ .name = "f", .bits = "0x1", .rule = MDEVDESC_RULE_EQUAL, .extra = f_extra_bad, .n_extra = 1 },
	};
	static const struct mdevdesc_param p_bad_extra[] = {
		{ .name = "p", .value = { .kind = MDEVDESC_VALUE_INT }, .extra = f_extra_bad, .n_extra = 1 },
	};
	/* A node that contains itself: bounded by the depth limit. */
	static const struct mdevdesc_node cycle[1] = {
		{ .kind = MDEVDESC_NODE_SEQ, .key = "x-loop", .items = cycle, .n_items = 1 },
	};
	const struct mdevdesc_descriptor base = {
		.format_major = 1,
		.vendor = "v",
		.type = "t",
		.device_api = "vfio-pci",
		.version = { 1, 0, 0, 1 },
	};
	struct mdevdesc_descriptor d;
	char buf[64];

	(void)state;
	memset(buf, 'z', sizeof(buf));
	assert_int_equal(mdevdesc_emit(NULL, buf, sizeof(buf)), -1);
	assert_int_equal(buf[0], '\0');
	assert_int_equal(buf[1], 'z');
	assert_int_equal(mdevdesc_emit(NULL, NULL, 0), -1);

#define EXPECT_FAIL(field_assignments)                                        \
	do {                                                                  \
		d = base;                                                     \
		field_assignments;                                            \
		memset(buf, 'z', sizeof(buf));                                \
		assert_int_equal(mdevdesc_emit(&d, buf, sizeof(buf)), -1);    \
		assert_int_equal(buf[0], '\0');                               \
		assert_int_equal(buf[1], 'z');                                \
		assert_int_equal(mdevdesc_emit(&d, NULL, 0), -1);             \
	} while (0)

	EXPECT_FAIL((d.params = p_bad_value, d.n_params = 1));
	EXPECT_FAIL((d.params = p_bad_def, d.n_params = 1));
	EXPECT_FAIL((d.hw = p_bad_item, d.n_hw = 1));
	EXPECT_FAIL((d.hw = p_bad_kind, d.n_hw = 1));
	EXPECT_FAIL((d.params = p_null_accepts, d.n_params = 1));
	EXPECT_FAIL((d.params = p_bad_extra, d.n_params = 1));
	EXPECT_FAIL((d.features = f_bad_rule, d.n_features = 1));
	EXPECT_FAIL((d.features = f_bad_extra, d.n_features = 1));
	EXPECT_FAIL((d.extra = bad_node_kind, d.n_extra = 1));
	EXPECT_FAIL((d.extra = bad_nested, d.n_extra = 1));
	EXPECT_FAIL((d.extra = null_items, d.n_extra = 1));
	EXPECT_FAIL((d.extra = cycle, d.n_extra = 1));
	EXPECT_FAIL((d.accepts = NULL, d.n_accepts = 1));
	EXPECT_FAIL((d.creates = NULL, d.n_creates = 2));
	EXPECT_FAIL((d.features = NULL, d.n_features = 1));
	EXPECT_FAIL((d.hw = NULL, d.n_hw = 1));
	EXPECT_FAIL((d.extra = NULL, d.n_extra = 1));
#undef EXPECT_FAIL

	/* the base itself is fine */
	d = base;
	assert_true(mdevdesc_emit(&d, buf, sizeof(buf)) > 0);
}

/* Nesting up to the depth limit is written; one more level is refused. */
static void test_depth_limit(void **state)
{
	enum { LIMIT = 64 };
	struct mdevdesc_node chain[LIMIT + 1];
	struct mdevdesc_descriptor d = {
		.format_major = 1,
		.vendor = "v",
		.type = "t",
		.device_api = "vfio-pci",
		.version = { 1, 0, 0, 1 },
		.n_extra = 1,
	};
	char buf[512];
	size_t i;

	(void)state;
	memset(chain, 0, sizeof(chain));
	for (i = 0; i < LIMIT; i++) {
		chain[i].kind = MDEVDESC_NODE_SEQ;
		chain[i].items = &chain[i + 1];
		chain[i].n_items = 1;
	}
	chain[0].key = "x-deep";
	chain[LIMIT].kind = MDEVDESC_NODE_PLAIN;
	chain[LIMIT].s = "z";

	/* chain[1] .. chain[LIMIT]: LIMIT levels deep, the last a scalar */
	chain[1].key = "x-deep";
	d.extra = &chain[1];
	assert_true(mdevdesc_emit(&d, buf, sizeof(buf)) > 0);
	assert_non_null(strstr(buf, "x-deep: [[[["));
	/* chain[0] .. chain[LIMIT]: one level more */
	d.extra = &chain[0];
	assert_int_equal(mdevdesc_emit(&d, buf, sizeof(buf)), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_full_example),
		cmocka_unit_test(test_buffer_sizes),
		cmocka_unit_test(test_minimal),
		cmocka_unit_test(test_versions),
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_dots_quoting),
		cmocka_unit_test(test_string_quoting),
		cmocka_unit_test(test_null_strings),
		cmocka_unit_test(test_bitmaps),
		cmocka_unit_test(test_extra_nodes),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_depth_limit),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
