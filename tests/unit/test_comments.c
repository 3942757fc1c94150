/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/*
 * test_comments.c - comments kept with MDEVDESC_KEEP_COMMENTS: every
 * attachment case (banner, before a top-level key, before an entry, inside
 * a block entry, trailing, before "---", at the end, several documents,
 * CRLF input) and mdevdesc_doc_write()'s canonical positions.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "mdevdesc.h"

#include "alloc.h"

#define HEAD "mdevdesc: \"1.0\"\nvendor: test\ntype: widget\ndevice_api: vfio-pci\n"

static const mdevdesc_options keep = { NULL, NULL, MDEVDESC_KEEP_COMMENTS };

static mdevdesc_file *parse(const char *s)
{
	mdevdesc_file *f = NULL;

	assert_int_equal(mdevdesc_parse(s, strlen(s), &keep, &f), MDEVDESC_OK);
	return f;
}

static void expect_comment(const mdevdesc_doc *d, size_t i, const char *text,
			   mdevdesc_comment_place place, const char *path, int trailing)
{
	const mdevdesc_comment *c = mdevdesc_doc_comment(d, i);

	assert_non_null(c);
	assert_int_equal(c->len, strlen(text));
	assert_memory_equal(c->text, text, c->len);
	assert_int_equal(c->text[c->len], '\0');
	assert_int_equal(c->place, place);
	assert_string_equal(c->path, path);
	assert_int_equal(c->trailing, trailing);
}

struct out {
	char buf[4096];
	size_t n;
};

static void out_w(void *ctx, const char *s, size_t n)
{
	struct out *o = ctx;

	assert_true(o->n + n < sizeof(o->buf));
	memcpy(o->buf + o->n, s, n);
	o->n += n;
	o->buf[o->n] = '\0';
}

static void expect_text(const mdevdesc_doc *d, const char *want)
{
	struct out o;

	o.n = 0;
	o.buf[0] = '\0';
	assert_int_equal(mdevdesc_doc_write(d, out_w, &o), MDEVDESC_OK);
	assert_string_equal(o.buf, want);
}

static const char one[] =
	"# SPDX-License-Identifier: MIT\n"
	"#\n"
	"\n"
	"# banner\n"
	HEAD
	"# before version\n"
	"version: 1.0.0   # trailing on version\n"
	"accepts:\n"
	"  - \"0.9\"   # on an item\n"
	"params:\n"
	"  # before an entry\n"
	"  rate:\n"
	"    # inside a block entry\n"
	"    value: 1    # trailing inside\n"
	"  burst: { value: 2 }  # trailing on an entry\n"
	"# at the end\n";

static void test_attach(void **state)
{
	mdevdesc_file *f = parse(one);
	const mdevdesc_doc *d = mdevdesc_file_doc(f, 0);
	(void)state;

	assert_int_equal(mdevdesc_doc_comment_count(d), 11);
	expect_comment(d, 0, "# SPDX-License-Identifier: MIT", MDEVDESC_COMMENT_START, "", 0);
	expect_comment(d, 1, "#", MDEVDESC_COMMENT_START, "", 0);
	expect_comment(d, 2, "# banner", MDEVDESC_COMMENT_START, "", 0);
	expect_comment(d, 3, "# before version", MDEVDESC_COMMENT_BEFORE, "version", 0);
	expect_comment(d, 4, "# trailing on version", MDEVDESC_COMMENT_TRAILING, "version", 1);
	expect_comment(d, 5, "# on an item", MDEVDESC_COMMENT_TRAILING, "accepts", 1);
	expect_comment(d, 6, "# before an entry", MDEVDESC_COMMENT_BEFORE, "params.rate", 0);
	expect_comment(d, 7, "# inside a block entry", MDEVDESC_COMMENT_BEFORE,
		       "params.rate.value", 0);
	expect_comment(d, 8, "# trailing inside", MDEVDESC_COMMENT_TRAILING, "params.rate.value",
		       1);
	expect_comment(d, 9, "# trailing on an entry", MDEVDESC_COMMENT_TRAILING, "params.burst",
		       1);
	expect_comment(d, 10, "# at the end", MDEVDESC_COMMENT_END, "", 0);
	assert_null(mdevdesc_doc_comment(d, 11));
	expect_text(d, "# SPDX-License-Identifier: MIT\n"
		       "#\n"
		       "# banner\n"
		       "mdevdesc: \"1.0\"\nvendor: test\ntype: widget\ndevice_api: vfio-pci\n"
		       "# before version\n"
		       "version: 1.0.0  # trailing on version\n"
		       "accepts: [\"0.9\"]  # on an item\n"
		       "params:\n"
		       "  burst: { value: 2 }  # trailing on an entry\n"
		       "  # before an entry\n"
		       "  # inside a block entry\n"
		       "  # trailing inside\n"
		       "  rate: { value: 1 }\n"
		       "# at the end\n");
	mdevdesc_file_free(f);
}

static void test_documents(void **state)
{
	static const char two[] = "# first\n" HEAD "version: 1.0.0\n"
				  "# before the marker\n"
				  "---  # on the marker\n"
				  "# second banner\n" HEAD "version: 2.0.0\n"
				  "# end\n";
	mdevdesc_file *f = parse(two);
	const mdevdesc_doc *a = mdevdesc_file_doc(f, 0), *b = mdevdesc_file_doc(f, 1);
	(void)state;

	assert_int_equal(mdevdesc_doc_comment_count(a), 1);
	expect_comment(a, 0, "# first", MDEVDESC_COMMENT_START, "", 0);
	assert_int_equal(mdevdesc_doc_comment_count(b), 4);
	expect_comment(b, 0, "# before the marker", MDEVDESC_COMMENT_START, "", 0);
	expect_comment(b, 1, "# on the marker", MDEVDESC_COMMENT_START, "", 1);
	expect_comment(b, 2, "# second banner", MDEVDESC_COMMENT_START, "", 0);
	expect_comment(b, 3, "# end", MDEVDESC_COMMENT_END, "", 0);
	expect_text(b, "# before the marker\n# on the marker\n# second banner\n" HEAD
		       "version: 2.0.0\n# end\n");
	mdevdesc_file_free(f);
}

static void test_crlf_and_canonical(void **state)
{
	static const char crlf[] = "# a\r\nmdevdesc: \"1.0\"  # b\r\nvendor: test\r\n"
				   "type: widget\r\ndevice_api: vfio-pci\r\nversion: 1.0.0\r\n";
	static const char canon[] = "# a\n" HEAD "# before\nversion: 1.0.0  # t\n"
				    "features:\n  # f\n  caps: { bits: \"0x1\", rule: superset }  # c\n";
	mdevdesc_file *f = parse(crlf);
	const mdevdesc_doc *d = mdevdesc_file_doc(f, 0);
	(void)state;

	expect_comment(d, 0, "# a", MDEVDESC_COMMENT_START, "", 0);
	expect_comment(d, 1, "# b", MDEVDESC_COMMENT_TRAILING, "mdevdesc", 1);
	expect_text(d, "# a\nmdevdesc: \"1.0\"  # b\nvendor: test\ntype: widget\n"
		       "device_api: vfio-pci\nversion: 1.0.0\n");
	mdevdesc_file_free(f);
	f = parse(canon);
	expect_text(mdevdesc_file_doc(f, 0), canon); /* canonical with comments: unchanged */
	mdevdesc_file_free(f);
}

static void test_not_asked(void **state)
{
	mdevdesc_file *f = NULL;
	struct out o;
	char plain[512];
	long n;
	(void)state;

	assert_int_equal(mdevdesc_parse(one, strlen(one), NULL, &f), MDEVDESC_OK);
	assert_int_equal(mdevdesc_doc_comment_count(mdevdesc_file_doc(f, 0)), 0);
	assert_null(mdevdesc_doc_comment(mdevdesc_file_doc(f, 0), 0));
	o.n = 0;
	assert_int_equal(mdevdesc_doc_write(mdevdesc_file_doc(f, 0), out_w, &o), MDEVDESC_OK);
	n = mdevdesc_doc_emit(mdevdesc_file_doc(f, 0), plain, sizeof(plain));
	assert_int_equal((long)o.n, n);
	assert_memory_equal(o.buf, plain, o.n);
	assert_int_equal(mdevdesc_doc_write(NULL, out_w, &o), MDEVDESC_E_INVALID_ARGUMENT);
	assert_int_equal(mdevdesc_doc_write(mdevdesc_file_doc(f, 0), NULL, &o),
			 MDEVDESC_E_INVALID_ARGUMENT);
	assert_int_equal(mdevdesc_doc_comment_count(NULL), 0);
	mdevdesc_file_free(f);
}

static void test_allocation_failures(void **state)
{
	struct counting c = { 0, 0, 0 };
	mdevdesc_alc alc = { c_malloc, c_realloc, c_free, &c };
	mdevdesc_options opt = { &alc, NULL, MDEVDESC_KEEP_COMMENTS };
	long all;
	(void)state;

	for (c.fail_at = 1;; c.fail_at++) {
		mdevdesc_file *f = NULL;
		mdevdesc_code rc;

		c.calls = 0;
		rc = mdevdesc_parse(one, strlen(one), &opt, &f);
		if (rc == MDEVDESC_OK) {
			struct out o;

			o.n = 0;
			rc = mdevdesc_doc_write(mdevdesc_file_doc(f, 0), out_w, &o);
			mdevdesc_file_free(f);
			assert_int_equal(c.live, 0);
			if (rc == MDEVDESC_OK)
				break;
		} else {
			assert_int_equal(rc, MDEVDESC_E_NOMEM);
			assert_null(f);
		}
		assert_int_equal(rc, MDEVDESC_E_NOMEM);
		assert_int_equal(c.live, 0);
	}
	all = c.calls;
	assert_true(all > 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_attach),
		cmocka_unit_test(test_documents),
		cmocka_unit_test(test_crlf_and_canonical),
		cmocka_unit_test(test_not_asked),
		cmocka_unit_test(test_allocation_failures),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
