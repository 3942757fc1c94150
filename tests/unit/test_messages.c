/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/*
 * test_messages.c - what the diagnostics say: that a message names what
 * was found and how to fix it ("did you mean", the registered form of a
 * hw name, the version or bitmap to write, the accepted set).  The codes
 * and positions are the conformance vectors' business (tests/vectors/);
 * these tests look for the words of the message.  Also the distance that
 * "did you mean" rests on (md_suggest, validator/suggest.c).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "mdevdesc.h"

/* validator/suggest.c, reached through libmdevdesc-internal.a. */
const char *md_suggest(const char *s, size_t n, const char *const *names, size_t count);

#define HEAD "mdevdesc: \"1.0\"\nvendor: test\ntype: widget\ndevice_api: vfio-pci\n"
#define V100 "version: 1.0.0\n"

/*
 * Parse @text and check that diagnostic @i has @code and a message that
 * holds every one of the NULL-terminated strings that follow.
 */
static void expect_message(const char *text, size_t i, mdevdesc_code code, ...)
{
	mdevdesc_file *f = NULL;
	const mdevdesc_diag *d;
	const char *want;
	va_list ap;

	mdevdesc_parse(text, strlen(text), NULL, &f);
	assert_non_null(f);
	d = mdevdesc_file_diag(f, i);
	if (!d)
		fail_msg("no diagnostic %zu for:\n%s", i, text);
	if (d->code != code)
		fail_msg("diagnostic %zu is %s, not %s: %s", i, mdevdesc_code_name(d->code),
			 mdevdesc_code_name(code), d->message);
	va_start(ap, code);
	while ((want = va_arg(ap, const char *)) != NULL)
		if (!strstr(d->message, want))
			fail_msg("no \"%s\" in \"%s\"", want, d->message);
	va_end(ap);
	mdevdesc_file_free(f);
}

/* ---- did you mean -------------------------------------------------------- */

static void test_suggest_distance(void **state)
{
	static const char *const keys[] = { "value", "accepts", "default" };
	static const char *const apis[] = { "vfio-pci", "vfio-ccw", "vfio-ap" };
	static const char *const top[] = { "hw", "features", "params", "type" };
	char long_name[200];
	(void)state;

	assert_string_equal(md_suggest("valeu", 5, keys, 3), "value");      /* transposition */
	assert_string_equal(md_suggest("acepts", 6, keys, 3), "accepts");   /* deletion */
	assert_string_equal(md_suggest("defaults", 8, keys, 3), "default"); /* insertion */
	assert_string_equal(md_suggest("DEFAULT", 7, keys, 3), "default");  /* case */
	assert_string_equal(md_suggest("vfio_pci", 8, apis, 3), "vfio-pci");
	assert_string_equal(md_suggest("VFIO_CCW", 8, apis, 3), "vfio-ccw");
	assert_string_equal(md_suggest("vfio-cw", 7, apis, 3), "vfio-ccw");
	assert_string_equal(md_suggest("feature", 7, top, 4), "features");
	assert_string_equal(md_suggest("hx", 2, top, 4), "hw");
	assert_string_equal(md_suggest("tpye", 4, top, 4), "type");
	/* Too far, or as many edits as the shorter name has characters. */
	assert_null(md_suggest("maximum", 7, keys, 3));
	assert_null(md_suggest("ab", 2, top, 4));
	assert_null(md_suggest("h", 1, top, 4));
	assert_null(md_suggest("", 0, top, 4));
	assert_null(md_suggest("valuexyz", 8, keys, 3));
	/* Long names are never close; the work stays bounded. */
	memset(long_name, 'a', sizeof(long_name));
	assert_null(md_suggest(long_name, sizeof(long_name), keys, 3));
	assert_null(md_suggest("value", 5, keys, 0));
}

static void test_did_you_mean(void **state)
{
	(void)state;
	expect_message(HEAD V100 "feature:\n  caps: {bits: \"0x1\", rule: equal}\n", 0,
		       MDEVDESC_E_UNKNOWN_KEY, "'feature'", "did you mean 'features'?", NULL);
	expect_message(HEAD V100 "maximum: 1\n", 0, MDEVDESC_E_UNKNOWN_KEY, "'maximum'",
		       "vendor keys start with 'x-'", NULL);
	expect_message(HEAD V100 "params:\n  p: {value: 1, defualt: 1}\n", 0,
		       MDEVDESC_E_UNKNOWN_KEY, "did you mean 'default'?", NULL);
	expect_message(HEAD V100 "features:\n  caps: {bits: \"0x1\", rule: equal, Bits: 1}\n", 0,
		       MDEVDESC_E_UNKNOWN_KEY, "did you mean 'bits'?", NULL);
	expect_message(HEAD V100 "features:\n  caps: {bits: \"0x1\", rule: superest}\n", 0,
		       MDEVDESC_E_RULE, "'superest'", "expected superset or equal",
		       "did you mean 'superset'?", NULL);
	expect_message("mdevdesc: \"1.0\"\nvendor: test\ntype: widget\ndevice_api: vfio_pci\n" V100,
		       0, MDEVDESC_E_DEVICE_API, "did you mean 'vfio-pci'?", NULL);
	expect_message("mdevdesc: \"1.0\"\nvendor: Intel\ntype: widget\ndevice_api: vfio-pci\n" V100,
		       0, MDEVDESC_E_NAME, "did you mean 'intel'?", NULL);
	expect_message("mdevdesc: \"1.0\"\nvendor: nvdia\ntype: widget\ndevice_api: vfio-pci\n" V100,
		       0, MDEVDESC_E_VENDOR_UNREGISTERED, "did you mean 'nvidia'?", NULL);
	/* In a document of a newer minor, the warnings suggest too. */
	expect_message("mdevdesc: \"1.1\"\nvendor: test\ntype: widget\ndevice_api: vfio-pci\n" V100
		       "parms: {}\n", 0, MDEVDESC_W_UNKNOWN_KEY, "did you mean 'params'?", NULL);
}

/* ---- what to write instead ------------------------------------------------ */

static void test_versions_and_bitmaps(void **state)
{
	(void)state;
	expect_message(HEAD "version: \"2.1\"\n", 0, MDEVDESC_E_VERSION, "found 2.1",
		       "write 2.1.0", NULL);
	/* A plain 2.1 is a float first: the quoting error says what to write. */
	expect_message(HEAD "version: 2.1\n", 0, MDEVDESC_E_QUOTING, "floating-point",
		       "write 2.1.0", NULL);
	/* accepts and creates take two parts: no PATCH suggested there. */
	expect_message(HEAD V100 "accepts: 1.9\n", 0, MDEVDESC_E_QUOTING, "write \"1.9\"", NULL);
	expect_message(HEAD "version: \"2\"\n", 0, MDEVDESC_E_VERSION, "found 2", NULL);
	expect_message(HEAD V100 "features:\n  caps: {bits: \"00ff\", rule: equal}\n", 0,
		       MDEVDESC_E_BITMAP, "found 00ff; write \"0x00ff\"", NULL);
	expect_message(HEAD V100 "features:\n  caps: {bits: \"0X3f\", rule: equal}\n", 0,
		       MDEVDESC_E_BITMAP, "write \"0x3f\"", NULL);
	expect_message(HEAD V100 "features:\n  caps: {bits: \"0xfg\", rule: equal}\n", 0,
		       MDEVDESC_E_BITMAP, "found 0xfg", NULL);
}

static void test_not_accepted(void **state)
{
	(void)state;
	expect_message(HEAD V100 "params:\n  q: {value: 256, accepts: 1..128}\n", 0,
		       MDEVDESC_E_NOT_ACCEPTED, "value 256 is not in 1..128", NULL);
	expect_message(HEAD V100 "params:\n  q: {value: gold, accepts: [silver, bronze]}\n", 0,
		       MDEVDESC_E_NOT_ACCEPTED, "\"gold\" is not in [\"silver\", \"bronze\"]",
		       NULL);
	expect_message(HEAD V100 "params:\n  q: {value: 1, accepts: [1, 2], default: 7}\n", 0,
		       MDEVDESC_E_NOT_ACCEPTED, "default 7 is not in [1, 2]", NULL);
	expect_message(HEAD V100 "params:\n  q: {value: 1, default: 2}\n", 0,
		       MDEVDESC_E_NOT_ACCEPTED, "default 2 differs from value 1",
		       "add accepts listing both", NULL);
	/* Values of two types never agree: the message says so. */
	expect_message(HEAD V100 "params:\n  q: {value: 2, accepts: [\"1\", \"2\"]}\n", 0,
		       MDEVDESC_E_NOT_ACCEPTED, "value 2 is not in [\"1\", \"2\"]",
		       "an integer never equals a string", NULL);
	expect_message(HEAD V100 "params:\n  q: {value: \"2\", accepts: 1..8}\n", 0,
		       MDEVDESC_E_NOT_ACCEPTED, "a string never equals an integer", NULL);
	expect_message(HEAD V100 "params:\n  q: {value: 1, default: \"1\"}\n", 0,
		       MDEVDESC_E_NOT_ACCEPTED, "default \"1\" differs from value 1",
		       "a string never equals an integer", NULL);
}

static void test_not_accepted_long(void **state)
{
	char text[4096], *p = text;
	size_t i;
	(void)state;

	/* A long accepts list and long strings are cut, never the message. */
	p += sprintf(p, HEAD V100 "params:\n  q: {value: 0, accepts: [");
	for (i = 1; i <= 100; i++)
		p += sprintf(p, "%s%zu", i > 1 ? ", " : "", i);
	sprintf(p, "]}\n  s: {value: \"%s\", accepts: [\"b\"]}\n",
		"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
	expect_message(text, 0, MDEVDESC_E_NOT_ACCEPTED, "value 0 is not in [1, 2, 3,", ", ...]",
		       "the entry's own accepts", NULL);
	expect_message(text, 1, MDEVDESC_E_NOT_ACCEPTED, "aaaa...\" is not in [\"b\"]", NULL);
}

/* ---- characters and syntax --------------------------------------------------- */

static void test_utf8(void **state)
{
	(void)state;
	expect_message(HEAD V100 "description: \"caf\xe9 serial\"\n", 0, MDEVDESC_E_UTF8,
		       "byte \\xe9 is not a UTF-8 character", "must be UTF-8",
		       "iconv -f latin1 -t utf-8", NULL);
	expect_message(HEAD V100 "description: \"\xc0\xaf\"\n", 0, MDEVDESC_E_UTF8,
		       "bytes \\xc0\\xaf are not", NULL);
	/* At the end of the input: only the bytes that are there. */
	expect_message(HEAD V100 "description: x\xe2\x82", 0, MDEVDESC_E_UTF8,
		       "bytes \\xe2\\x82 are not", NULL);
}

static void test_syntax_error_stops(void **state)
{
	(void)state;
	expect_message(HEAD V100 "driver: &d mtty\ndescription: 1.0\n", 0, MDEVDESC_E_ANCHOR,
		       "checking of this document stopped here (spec 4.2)", NULL);
	expect_message("mdevdesc: \"1.0\"\nvendor test\n", 0, MDEVDESC_E_SYNTAX,
		       "expected ':' after this key; checking of this document stopped here", NULL);
	/* The next document is checked again. */
	expect_message(HEAD V100 "driver: &d mtty\n---\n" HEAD V100 "description: 1.0\n", 1,
		       MDEVDESC_E_QUOTING, "plain 1.0", NULL);
}

static void test_json(void **state)
{
	(void)state;
	/* Pretty-printed: '{' alone on its line, the keys double quoted. */
	expect_message("{\n  \"mdevdesc\": \"1.0\",\n  \"vendor\": \"test\"\n}\n", 0,
		       MDEVDESC_E_MULTILINE_FLOW, "a JSON document?", "reads the YAML form",
		       "block form", "mdevdesc-fmt", NULL);
	expect_message("{\"mdevdesc\": \"1.0\",\n \"vendor\": \"test\"}\n", 0,
		       MDEVDESC_E_MULTILINE_FLOW, "a JSON document?", NULL);
	/* Other flow mappings over lines are not taken for JSON. */
	expect_message(HEAD V100 "params: {\n  \"a\": {value: 1}}\n", 0, MDEVDESC_E_MULTILINE_FLOW,
		       "flow collection not closed on the line where it opens", NULL);
	expect_message("{\n  mdevdesc: \"1.0\"}\n", 0, MDEVDESC_E_MULTILINE_FLOW,
		       "flow collection not closed on the line where it opens", NULL);
	/* Compact JSON: "key":value wants a space after the ':'. */
	expect_message("{\"mdevdesc\":\"1.0\"}\n", 0, MDEVDESC_E_SYNTAX,
		       "JSON's \"key\":value is written \"key\": value", NULL);
}

/* ---- hw-form --------------------------------------------------------------- */

static void test_hw_form(void **state)
{
	(void)state;
	expect_message(HEAD V100 "hw:\n  pci_id: {value: 3990}\n", 0, MDEVDESC_W_HW_FORM,
		       "hw.pci_id.value 3990 is an integer; the registered form of pci_id is a string "
		       "\"vvvv:dddd\"", "e.g. \"8086:4941\"", NULL);
	expect_message(HEAD V100 "hw:\n  cu_type: {value: \"3990\"}\n", 0, MDEVDESC_W_HW_FORM,
		       "hw.cu_type.value \"3990\" is a string", "an integer 0 to 0xffff", NULL);
	expect_message(HEAD V100 "hw:\n  cu_model: {value: 1, accepts: [1, 0x100]}\n", 0,
		       MDEVDESC_W_HW_FORM, "hw.cu_model.accepts[1] 0x100 is out of range", NULL);
	expect_message(HEAD V100 "hw:\n  card_type: {value: cex8c}\n", 0, MDEVDESC_W_HW_FORM,
		       "\"cex8c\" has another form", "e.g. CEX8C", NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_suggest_distance),
		cmocka_unit_test(test_did_you_mean),
		cmocka_unit_test(test_versions_and_bitmaps),
		cmocka_unit_test(test_not_accepted),
		cmocka_unit_test(test_not_accepted_long),
		cmocka_unit_test(test_utf8),
		cmocka_unit_test(test_syntax_error_stops),
		cmocka_unit_test(test_json),
		cmocka_unit_test(test_hw_form),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
