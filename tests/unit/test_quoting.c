/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/*
 * test_quoting.c - unit tests of the quoting table (spec 4.4).
 *
 * Every row of the table is exercised with scalars that match it and with
 * near misses that match no row (and must stay plain), including the
 * three-part versions and ranges that spec 4.4 names as strings.  The tests
 * also check that the whole scalar is matched, that a NUL byte inside the
 * scalar is data rather than an end, that no byte past the given length is
 * read (run them under AddressSanitizer), and the row names and readings
 * that the validator prints.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "mdevdesc_emit.h"
#include "emitter/quoting.h"

/** struct row_case - a scalar and the row it must match (0: none). */
struct row_case {
	const char *text;
	int row;
};

/**
 * class_of - mdevdesc_quote_class() on an exact-size heap copy of @text, so
 * that AddressSanitizer reports any read past the scalar.
 */
static int class_of(const char *text)
{
	size_t n = strlen(text);
	char *copy = test_malloc(n != 0 ? n : 1);
	int row;

	memcpy(copy, text, n);
	row = mdevdesc_quote_class(copy, n);
	test_free(copy);
	return row;
}

/** check_cases - each case of @cases must give its row. */
static void check_cases(const struct row_case *cases, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		int got = class_of(cases[i].text);

		if (got != cases[i].row)
			fail_msg("\"%s\": row %d, expected %d", cases[i].text, got, cases[i].row);
	}
}

#define CHECK_CASES(cases) check_cases(cases, sizeof(cases) / sizeof(cases[0]))

/* Row 1 null, spec 4.4. */
static void test_row_null(void **state)
{
	static const struct row_case cases[] = {
		{ "", 1 },      { "~", 1 },     { "null", 1 },  { "Null", 1 },
		{ "NULL", 1 },  { "nULL", 0 },  { "nul", 0 },   { "nulls", 0 },
		{ "~~", 0 },    { " ~", 0 },    { "none", 0 },  { "None", 0 },
	};

	(void)state;
	CHECK_CASES(cases);
	/* The empty scalar needs no readable byte at all. */
	assert_int_equal(mdevdesc_quote_class(NULL, 0), 1);
	assert_int_equal(mdevdesc_quote_class("yes", 0), 1);
}

/* Row 2 bool-1.2. */
static void test_row_bool_1_2(void **state)
{
	static const struct row_case cases[] = {
		{ "true", 2 },  { "True", 2 },  { "TRUE", 2 },  { "false", 2 },
		{ "False", 2 }, { "FALSE", 2 }, { "tRue", 0 },  { "truE", 0 },
		{ "true!", 0 }, { "t", 0 },     { "f", 0 },     { "falsey", 0 },
	};

	(void)state;
	CHECK_CASES(cases);
}

/* Row 3 bool-1.1: what PyYAML and Go yaml read as booleans. */
static void test_row_bool_1_1(void **state)
{
	static const struct row_case cases[] = {
		{ "y", 3 },     { "Y", 3 },     { "yes", 3 },   { "Yes", 3 },
		{ "YES", 3 },   { "n", 3 },     { "N", 3 },     { "no", 3 },
		{ "No", 3 },    { "NO", 3 },    { "on", 3 },    { "On", 3 },
		{ "ON", 3 },    { "off", 3 },   { "Off", 3 },   { "OFF", 3 },
		{ "yesno", 0 }, { "yES", 0 },   { "nO", 0 },    { "oN", 0 },
		{ "oFF", 0 },   { "of", 0 },    { "onn", 0 },   { "yes ", 0 },
		{ "y2", 0 },    { "o", 0 },
	};

	(void)state;
	CHECK_CASES(cases);
}

/* Row 4 int. */
static void test_row_int(void **state)
{
	static const struct row_case cases[] = {
		{ "0", 4 },     { "4", 4 },     { "2000", 4 },  { "-3", 4 },
		{ "+5", 4 },    { "010", 4 },   { "1_000", 4 }, { "1_", 4 },
		{ "-0", 4 },    { "_1", 0 },    { "+", 0 },     { "-", 0 },
		{ "1 000", 0 }, { "--1", 0 },   { "1-", 0 },    { "12a", 0 },
	};

	(void)state;
	CHECK_CASES(cases);
}

/* Go yaml drops '_' before reading a number (spec 4.4). */
static void test_underscores_removed(void **state)
{
	static const struct row_case cases[] = {
		{ "0_x1f", 5 }, { "1e2_", 7 },  { "+_", 4 },   { "-_5", 4 },
		{ "1_.5", 7 },  { "_1", 0 },    { "a_1", 0 },  { "1_a", 0 },
		{ "2001-1_2-14", 0 }, { "1__:2_0", 6 },
	};

	(void)state;
	CHECK_CASES(cases);
}

/* Row 5 int-base. */
static void test_row_int_base(void **state)
{
	static const struct row_case cases[] = {
		{ "0b101", 5 }, { "-0b1", 5 },    { "0b_", 5 },    { "0x3f0f", 5 },
		{ "0xFF", 5 },  { "+0x1_f", 5 },  { "0o17", 5 },   { "-0o7", 5 },
		{ "0x", 0 },    { "0b", 0 },      { "0o", 0 },     { "0b2", 0 },
		{ "0o8", 0 },   { "0xg", 0 },     { "0X1f", 5 },   { "0B1", 5 },
		{ "0O7", 5 },   { "x1f", 0 },     { "00x1", 0 },
	};

	(void)state;
	CHECK_CASES(cases);
}

/* Row 6 int-base60 (YAML 1.1 sexagesimal). */
static void test_row_int_base60(void **state)
{
	static const struct row_case cases[] = {
		{ "1:20", 6 },      { "190:20:30", 6 }, { "-1:59", 6 },  { "+1_0:5", 6 },
		{ "1:2:3", 6 },     { "1:60", 0 },      { "0:20", 0 },   { "1:", 0 },
		{ "1:200", 0 },     { ":20", 0 },       { "1::20", 0 },
		/* a PCI vendor:device pair is no base-60 number: 4941 is not [0-5]?[0-9] */
		{ "8086:4941", 0 }, { "8086:49", 6 },
	};

	(void)state;
	CHECK_CASES(cases);
}

/* Row 7 float. */
static void test_row_float(void **state)
{
	static const struct row_case cases[] = {
		{ "1.0", 7 },    { "1.10", 7 },   { "1.9", 7 },    { "2.3", 7 },
		{ ".5", 7 },     { "-.5", 7 },    { "+1.", 7 },    { "1.", 7 },
		{ "1e3", 7 },    { "1E-3", 7 },   { "1.5e+10", 7 }, { "._", 7 },
		{ ".e5", 7 },    { "1_0.0_1", 7 }, { "-1.5E3", 7 },
		/* the lone ".", "+." and "-." are excluded */
		{ ".", 0 },      { "+.", 0 },     { "-.", 0 },
		/* three-part versions and ranges are strings (spec 4.4) */
		{ "2.3.1", 0 },  { "1.2.3", 0 },  { "1.8.0..1.8.9", 0 }, { "2.0..2.3", 0 },
		{ "0..2000", 0 }, { "1..2", 0 },  { "1.0.0", 0 },
		{ "1e", 0 },     { "e3", 0 },     { "1.0e", 0 },   { "1e3.0", 0 },
		{ "1.0 ", 0 },   { "v1.0", 0 },   { "1.0a", 0 },   { "1e+", 0 },
	};

	(void)state;
	CHECK_CASES(cases);
}

/* Row 8 float-base60. */
static void test_row_float_base60(void **state)
{
	static const struct row_case cases[] = {
		{ "1:20.5", 8 },   { "0:30.", 8 },  { "-190:20:30.15", 8 }, { "1:2.3_", 8 },
		{ "1:20.5.1", 0 }, { "1:20e5", 0 }, { "1:60.5", 0 },
	};

	(void)state;
	CHECK_CASES(cases);
}

/* Row 9 float-special. */
static void test_row_float_special(void **state)
{
	static const struct row_case cases[] = {
		{ ".inf", 9 },  { ".Inf", 9 },  { ".INF", 9 },  { "-.inf", 9 },
		{ "+.Inf", 9 }, { ".nan", 9 },  { ".NaN", 9 },  { ".NAN", 9 },
		{ "inf", 0 },   { "nan", 0 },   { ".iNf", 0 },  { ".nAn", 0 },
		{ "+.nan", 0 }, { "-.NaN", 0 }, { ".inf.", 0 }, { ".infinity", 0 },
	};

	(void)state;
	CHECK_CASES(cases);
}

/* Row 10 timestamp: a date, optionally followed by T or spaces and anything. */
static void test_row_timestamp(void **state)
{
	static const struct row_case cases[] = {
		{ "2001-12-14", 10 },
		{ "2001-1-1", 10 },
		{ "2001-12-14T21:59:43.10-05:00", 10 },
		{ "2001-12-14t0", 10 },
		{ "2001-12-14 21:59:43.10 -5", 10 },
		{ "2001-12-14   x", 10 },
		{ "2001-12-14T", 10 },
		{ "2001-12-14x", 0 },
		{ "2001-12-145", 0 },
		{ "01-12-14", 0 },
		{ "20011-12-14", 0 },
		{ "2001-123-1", 0 },
		{ "2001-12", 0 },
		{ "2001/12/14", 0 },
	};

	(void)state;
	CHECK_CASES(cases);
}

/* Rows 11 merge and 12 value. */
static void test_row_merge_value(void **state)
{
	static const struct row_case cases[] = {
		{ "<<", 11 }, { "=", 12 },  { "<", 0 },  { "<<<", 0 },
		{ "<< ", 0 }, { "==", 0 },  { "=x", 0 }, { "a=b", 0 },
	};

	(void)state;
	CHECK_CASES(cases);
}

/* Ordinary strings of the model: names, PCI ids, descriptions. */
static void test_strings(void **state)
{
	static const struct row_case cases[] = {
		{ "intel", 0 },        { "qat-sym", 0 },        { "vfio-pci", 0 },
		{ "qat_4xxxvf-sym", 0 }, { "gold", 0 },         { "superset", 0 },
		{ "x-intel-fw", 0 },   { "4.26.0", 0 },         { "Symmetric crypto VF slice", 0 },
		{ "0x3f0g", 0 },       { "-", 0 },              { "a", 0 },
	};

	(void)state;
	CHECK_CASES(cases);
}

/* Every single byte on its own: only ~, y, Y, n, N, digits and = match. */
static void test_single_bytes(void **state)
{
	unsigned c;

	(void)state;
	for (c = 0; c < 256; c++) {
		char b = (char)c;
		int expect = 0;

		if (c == '~')
			expect = 1;
		else if (c == 'y' || c == 'Y' || c == 'n' || c == 'N')
			expect = 3;
		else if (c >= '0' && c <= '9')
			expect = 4;
		else if (c == '=')
			expect = 12;
		if (mdevdesc_quote_class(&b, 1) != expect)
			fail_msg("byte 0x%02x: row %d, expected %d", c, mdevdesc_quote_class(&b, 1),
				 expect);
	}
}

/* A NUL byte inside the scalar is a character, not the end of the input. */
static void test_nul_inside(void **state)
{
	(void)state;
	assert_int_equal(mdevdesc_quote_class("\0", 1), 0);
	assert_int_equal(mdevdesc_quote_class("yes\0", 4), 0);
	assert_int_equal(mdevdesc_quote_class("1\0", 2), 0);
	assert_int_equal(mdevdesc_quote_class("\0" "1", 2), 0);
	assert_int_equal(mdevdesc_quote_class("0x1f\0", 5), 0);
	assert_int_equal(mdevdesc_quote_class("nu\0ll", 5), 0);
	/* "anything" after a timestamp's T includes NUL */
	assert_int_equal(mdevdesc_quote_class("2001-12-14T\0x", 13), 10);
	assert_int_equal(mdevdesc_quote_class("2001-12-14 \0", 12), 10);
}

/* Only the first n bytes are looked at, even when more follow. */
static void test_length_bounds(void **state)
{
	static const char yes[3] = { 'y', 'e', 's' }; /* not NUL-terminated */
	static const char one[3] = { '1', '.', '0' };

	(void)state;
	assert_int_equal(mdevdesc_quote_class(yes, sizeof(yes)), 3);
	assert_int_equal(mdevdesc_quote_class(one, sizeof(one)), 7);
	assert_int_equal(mdevdesc_quote_class("yesno", 3), 3);
	assert_int_equal(mdevdesc_quote_class("1.0x", 3), 7);
	assert_int_equal(mdevdesc_quote_class("1.2.3", 3), 7);
	assert_int_equal(mdevdesc_quote_class("2001-12-14x", 10), 10);
	assert_int_equal(mdevdesc_quote_class("nullx", 4), 1);
}

/* Row names and readings (used by the validator's messages). */
static void test_row_names(void **state)
{
	static const char *const names[MDEVDESC__QUOTE_ROWS] = {
		"null",  "bool-1.2",     "bool-1.1",      "int",       "int-base", "int-base60",
		"float", "float-base60", "float-special", "timestamp", "merge",    "value",
	};
	int row;

	(void)state;
	for (row = 1; row <= MDEVDESC__QUOTE_ROWS; row++) {
		const char *reading = md_quote_row_reading(row);

		assert_string_equal(md_quote_row_name(row), names[row - 1]);
		assert_non_null(reading);
		assert_true(strlen(reading) > 0);
	}
	assert_string_equal(md_quote_row_reading(3),
			    "a boolean in YAML 1.1 loaders (PyYAML, Go yaml)");
	assert_null(md_quote_row_name(0));
	assert_null(md_quote_row_name(MDEVDESC__QUOTE_ROWS + 1));
	assert_null(md_quote_row_name(-1));
	assert_null(md_quote_row_reading(0));
	assert_null(md_quote_row_reading(MDEVDESC__QUOTE_ROWS + 1));
	assert_true(MDEVDESC__QUOTE_ROW_IS_NUMBER(MDEVDESC__QUOTE_INT));
	assert_true(MDEVDESC__QUOTE_ROW_IS_NUMBER(MDEVDESC__QUOTE_FLOAT_SPECIAL));
	assert_false(MDEVDESC__QUOTE_ROW_IS_NUMBER(MDEVDESC__QUOTE_BOOL_1_1));
	assert_false(MDEVDESC__QUOTE_ROW_IS_NUMBER(MDEVDESC__QUOTE_TIMESTAMP));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_row_null),
		cmocka_unit_test(test_row_bool_1_2),
		cmocka_unit_test(test_row_bool_1_1),
		cmocka_unit_test(test_row_int),
		cmocka_unit_test(test_row_int_base),
		cmocka_unit_test(test_underscores_removed),
		cmocka_unit_test(test_row_int_base60),
		cmocka_unit_test(test_row_float),
		cmocka_unit_test(test_row_float_base60),
		cmocka_unit_test(test_row_float_special),
		cmocka_unit_test(test_row_timestamp),
		cmocka_unit_test(test_row_merge_value),
		cmocka_unit_test(test_strings),
		cmocka_unit_test(test_single_bytes),
		cmocka_unit_test(test_nul_inside),
		cmocka_unit_test(test_length_bounds),
		cmocka_unit_test(test_row_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
