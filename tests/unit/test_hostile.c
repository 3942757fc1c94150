/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/*
 * test_hostile.c - hostile inputs (issue "hostile-input hardening"): each
 * must end in a clear error with a location, within the limits of spec 8,
 * and never crash, hang or read out of bounds (the suite also runs under
 * AddressSanitizer and UndefinedBehaviorSanitizer).  Inputs are built in
 * heap buffers of exactly their size.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "mdevdesc.h"

#define HEAD "mdevdesc: \"1.0\"\nvendor: test\ntype: t\ndevice_api: vfio-pci\nversion: 1.0.0\n"

struct buf {
	char *p;
	size_t n, cap;
};

static void put(struct buf *b, const char *s, size_t n)
{
	if (b->n + n > b->cap) {
		b->cap = (b->n + n) * 2;
		b->p = realloc(b->p, b->cap);
		assert_non_null(b->p);
	}
	memcpy(b->p + b->n, s, n);
	b->n += n;
}

static void puts_(struct buf *b, const char *s)
{
	put(b, s, strlen(s));
}

static void repeat(struct buf *b, const char *s, size_t times)
{
	size_t i, n = strlen(s);

	for (i = 0; i < times; i++)
		put(b, s, n);
}

/* Parse from an exact-size copy; the first error must be @code, located. */
static mdevdesc_file *expect_error(struct buf *b, mdevdesc_code code)
{
	char *exact = malloc(b->n ? b->n : 1);
	mdevdesc_file *f = NULL;
	const mdevdesc_diag *d;
	size_t i;

	assert_non_null(exact);
	if (b->n)
		memcpy(exact, b->p, b->n);
	assert_int_equal(mdevdesc_parse(b->n ? exact : NULL, b->n, NULL, &f), code);
	assert_non_null(f);
	assert_true(mdevdesc_file_error_count(f) >= 1);
	for (i = 0; i < mdevdesc_file_diag_count(f); i++) {
		d = mdevdesc_file_diag(f, i);
		assert_true(d->line >= 1 && d->column >= 1);
		assert_true(d->offset <= b->n);
		assert_true(d->message[0] != '\0');
	}
	free(exact);
	free(b->p);
	memset(b, 0, sizeof(*b));
	return f;
}

static void test_16mib_of_brackets(void **state)
{
	struct buf b = { 0 };
	mdevdesc_file *f;
	(void)state;

	repeat(&b, "[", (size_t)16 << 20);
	f = expect_error(&b, MDEVDESC_E_LIMIT_DEPTH);
	assert_int_equal(mdevdesc_file_diag(f, 0)->column, MDEVDESC_MAX_DEPTH + 1);
	mdevdesc_file_free(f);
}

static void test_deep_flow_mappings(void **state)
{
	struct buf b = { 0 };
	(void)state;

	puts_(&b, "a: ");
	repeat(&b, "{a: ", 100000);
	puts_(&b, "1");
	repeat(&b, "}", 100000);
	puts_(&b, "\n");
	mdevdesc_file_free(expect_error(&b, MDEVDESC_E_LIMIT_DEPTH));
}

static void test_a_million_keys(void **state)
{
	struct buf b = { 0 };
	char key[32];
	size_t i;
	mdevdesc_file *f;
	(void)state;

	puts_(&b, HEAD);
	for (i = 0; i < 1000000; i++) {
		snprintf(key, sizeof(key), "x-k%zu: 1\n", i);
		puts_(&b, key);
	}
	f = expect_error(&b, MDEVDESC_E_LIMIT_ENTRIES);
	/* The 1025th entry of the root mapping: 5 required keys, then x-k1019. */
	assert_int_equal(mdevdesc_file_diag(f, 0)->line, MDEVDESC_MAX_ENTRIES + 1);
	mdevdesc_file_free(f);
}

static void test_64mib_line(void **state)
{
	struct buf b = { 0 };
	mdevdesc_file *f;
	mdevdesc_code c;
	(void)state;

	puts_(&b, HEAD "description: ");
	repeat(&b, "xxxxxxxxxxxxxxxx", (size_t)4 << 20);
	puts_(&b, "\n");
	{
		char *exact = malloc(b.n);
		memcpy(exact, b.p, b.n);
		c = mdevdesc_parse(exact, b.n, NULL, &f);
		assert_true(c == MDEVDESC_E_LIMIT_DOCUMENT_SIZE || c == MDEVDESC_E_LIMIT_SCALAR_LENGTH);
		assert_int_equal(mdevdesc_file_diag(f, 0)->line, 6);
		free(exact);
	}
	free(b.p);
	mdevdesc_file_free(f);
}

static void test_unterminated_quote_spanning_megabytes(void **state)
{
	struct buf b = { 0 };
	mdevdesc_file *f;
	mdevdesc_code c;
	(void)state;

	puts_(&b, HEAD "description: \"");
	repeat(&b, "yyyyyyyy", (size_t)1 << 20); /* 8 MiB, no closing quote, no newline */
	{
		char *exact = malloc(b.n);
		memcpy(exact, b.p, b.n);
		c = mdevdesc_parse(exact, b.n, NULL, &f);
		assert_true(c == MDEVDESC_E_UNTERMINATED_QUOTE || c == MDEVDESC_E_LIMIT_DOCUMENT_SIZE);
		assert_int_equal(mdevdesc_file_diag(f, 0)->line, 6);
		free(exact);
	}
	free(b.p);
	mdevdesc_file_free(f);
}

static void test_numbers_beyond_the_limits(void **state)
{
	struct buf b = { 0 };
	(void)state;

	puts_(&b, HEAD "params:\n  a: { value: 123456789012345678901234567890 }\n");
	mdevdesc_file_free(expect_error(&b, MDEVDESC_E_INTEGER));
	puts_(&b, HEAD "params:\n  a: { value: 0x10000000000000000 }\n");
	mdevdesc_file_free(expect_error(&b, MDEVDESC_E_INTEGER));
	puts_(&b, "mdevdesc: \"1.0\"\nvendor: test\ntype: t\ndevice_api: vfio-pci\n"
		  "version: 99999999999999999999999999.0.0\n");
	mdevdesc_file_free(expect_error(&b, MDEVDESC_E_LIMIT_VERSION_COMPONENT));
	puts_(&b, HEAD "accepts: [1.0.0..4294967296.0.0]\n");
	mdevdesc_file_free(expect_error(&b, MDEVDESC_E_LIMIT_VERSION_COMPONENT));
}

static void test_bitmaps_far_beyond_the_maximum(void **state)
{
	struct buf b = { 0 };
	(void)state;

	puts_(&b, HEAD "features:\n  caps: { bits: \"0x");
	repeat(&b, "f", 1025); /* 4100 bits: over the bit limit, under the scalar limit */
	puts_(&b, "\", rule: superset }\n");
	mdevdesc_file_free(expect_error(&b, MDEVDESC_E_LIMIT_BITMAP_BITS));
	puts_(&b, HEAD "features:\n  caps: { bits: \"0x");
	repeat(&b, "f", 1000000);
	puts_(&b, "\", rule: superset }\n");
	mdevdesc_file_free(expect_error(&b, MDEVDESC_E_LIMIT_SCALAR_LENGTH));
}

static void test_thousands_of_ranges(void **state)
{
	struct buf b = { 0 };
	char item[48];
	size_t i;
	mdevdesc_file *f = NULL;
	(void)state;

	/* 1,024 ranges are allowed; one more is over the entries limit. */
	puts_(&b, HEAD "params:\n  r: { value: 0, accepts: [");
	for (i = 0; i < MDEVDESC_MAX_ENTRIES; i++) {
		snprintf(item, sizeof(item), "%s%zu..%zu", i ? ", " : "", 2 * i, 2 * i + 1);
		puts_(&b, item);
	}
	puts_(&b, "] }\n");
	assert_int_equal(mdevdesc_parse(b.p, b.n, NULL, &f), MDEVDESC_OK);
	mdevdesc_file_free(f);
	b.n -= 4;
	puts_(&b, ", 5000..6000] }\n");
	mdevdesc_file_free(expect_error(&b, MDEVDESC_E_LIMIT_ENTRIES));
}

static void test_bad_encodings(void **state)
{
	static const struct {
		const char *bytes;
		mdevdesc_code code;
	} cases[] = {
		{ "a: \xff\n", MDEVDESC_E_UTF8 },
		{ "a: \xc0\xaf\n", MDEVDESC_E_UTF8 },          /* overlong '/' */
		{ "a: \xe0\x80\xaf\n", MDEVDESC_E_UTF8 },      /* overlong, 3 bytes */
		{ "a: \xf0\x80\x80\xaf\n", MDEVDESC_E_UTF8 },  /* overlong, 4 bytes */
		{ "a: \xed\xa0\x80\n", MDEVDESC_E_UTF8 },      /* surrogate U+D800 */
		{ "a: \xf4\x90\x80\x80\n", MDEVDESC_E_UTF8 },  /* above U+10FFFF */
		{ "a: \xe2\x82\n", MDEVDESC_E_UTF8 },          /* truncated */
		{ "a: \xe2\x80\xa8\n", MDEVDESC_E_CONTROL_CHAR }, /* U+2028 */
		{ "a: x\xef\xbb\xbf\n", MDEVDESC_E_BOM },
	};
	size_t i;
	(void)state;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct buf b = { 0 };
		mdevdesc_file *f;
		puts_(&b, cases[i].bytes);
		f = expect_error(&b, cases[i].code);
		assert_int_equal(mdevdesc_file_diag(f, 0)->line, 1);
		mdevdesc_file_free(f);
	}
}

static void test_nul_bytes(void **state)
{
	struct buf b = { 0 };
	mdevdesc_file *f;
	(void)state;

	put(&b, "a: b\0c\n\0\0\0", 10);
	f = expect_error(&b, MDEVDESC_E_CONTROL_CHAR);
	assert_int_equal(mdevdesc_file_diag(f, 0)->column, 5);
	mdevdesc_file_free(f);
	put(&b, "\0", 1);
	mdevdesc_file_free(expect_error(&b, MDEVDESC_E_CONTROL_CHAR));
}

static void test_nothing_there(void **state)
{
	struct buf b = { 0 };
	mdevdesc_file *f;
	(void)state;

	mdevdesc_file_free(expect_error(&b, MDEVDESC_E_NO_DOCUMENT));
	puts_(&b, "\xef\xbb\xbf");
	mdevdesc_file_free(expect_error(&b, MDEVDESC_E_NO_DOCUMENT));
	repeat(&b, "---\n", 100000);
	f = expect_error(&b, MDEVDESC_E_EMPTY_DOCUMENT);
	assert_int_equal(mdevdesc_file_doc_count(f), 100000);
	assert_int_equal(mdevdesc_file_error_count(f), 100000);
	mdevdesc_file_free(f);
	repeat(&b, "...\n", 100000);
	mdevdesc_file_free(expect_error(&b, MDEVDESC_E_DOCUMENT_MARKER));
}

/* Many documents, each with errors: the input is read to the end. */
static void test_every_document_reported(void **state)
{
	struct buf b = { 0 };
	mdevdesc_file *f;
	(void)state;

	repeat(&b, "---\nmdevdesc: 1.0\nvendor: Intel\n", 50000);
	f = expect_error(&b, MDEVDESC_E_QUOTING);
	assert_int_equal(mdevdesc_file_doc_count(f), 50000);
	/* quoting, name, and three missing keys per document. */
	assert_int_equal(mdevdesc_file_error_count(f), 50000 * 5);
	mdevdesc_file_free(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_16mib_of_brackets),
		cmocka_unit_test(test_deep_flow_mappings),
		cmocka_unit_test(test_a_million_keys),
		cmocka_unit_test(test_64mib_line),
		cmocka_unit_test(test_unterminated_quote_spanning_megabytes),
		cmocka_unit_test(test_numbers_beyond_the_limits),
		cmocka_unit_test(test_bitmaps_far_beyond_the_maximum),
		cmocka_unit_test(test_thousands_of_ranges),
		cmocka_unit_test(test_bad_encodings),
		cmocka_unit_test(test_nul_bytes),
		cmocka_unit_test(test_nothing_there),
		cmocka_unit_test(test_every_document_reported),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
