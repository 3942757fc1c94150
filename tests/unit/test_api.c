/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/*
 * test_api.c - the public API of mdevdesc.h: ownership, allocator hook,
 * allocation failure at every point, limits set at run time, structured
 * diagnostics, lookup by mdev_type, the streaming reader, threads, the
 * syntax event stream, files that cannot be mapped.
 */
#include <fcntl.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "mdevdesc.h"

#include "alloc.h"
#include "text.h"

static const char two_docs[] =
	"mdevdesc: \"1.0\"\n"
	"vendor: intel\n"
	"type: qat-sym\n"
	"device_api: vfio-pci\n"
	"version: 2.3.1\n"
	"accepts: [\"1.9\", 1.8.0..1.8.9]\n"
	"features:\n"
	"  caps: { bits: \"0x3F0F\", rule: superset }\n"
	"params:\n"
	"  rate_limit: { value: 2000, accepts: 0..2000 }\n"
	"mdev_type: qat_4xxxvf-sym\n"
	"---\n"
	"mdevdesc: \"1.0\"\n"
	"vendor: intel\n"
	"type: qat-dc\n"
	"device_api: vfio-pci\n"
	"version: 2.3.1\n"
	"mdev_type: qat_4xxxvf-dc\n";

static void test_parse_and_access(void **state)
{
	mdevdesc_file *f = NULL;
	const struct mdevdesc_descriptor *d;
	(void)state;

	assert_int_equal(mdevdesc_parse(two_docs, strlen(two_docs), NULL, &f), MDEVDESC_OK);
	assert_non_null(f);
	assert_int_equal(mdevdesc_file_doc_count(f), 2);
	assert_int_equal(mdevdesc_file_error_count(f), 0);
	d = mdevdesc_doc_descriptor(mdevdesc_file_doc(f, 0));
	assert_string_equal(d->vendor, "intel");
	assert_string_equal(d->features[0].bits, "0x3f0f");
	assert_int_equal(d->params[0].accepts[0].kind, MDEVDESC_VALUE_RANGE);
	assert_int_equal(d->params[0].accepts[0].hi, 2000);
	assert_int_equal(d->accepts[0].low.has_patch, 0);
	assert_int_equal(d->accepts[1].is_range, 1);
	assert_int_equal(mdevdesc_doc_line(mdevdesc_file_doc(f, 1)), 12);
	assert_null(mdevdesc_file_doc(f, 2));
	assert_null(mdevdesc_file_diag(f, 0));
	mdevdesc_file_free(f);
}

static void test_lookup(void **state)
{
	mdevdesc_file *f = NULL;
	(void)state;

	assert_int_equal(mdevdesc_parse(two_docs, strlen(two_docs), NULL, &f), MDEVDESC_OK);
	assert_ptr_equal(mdevdesc_file_lookup(f, "qat_4xxxvf-dc"), mdevdesc_file_doc(f, 1));
	assert_ptr_equal(mdevdesc_file_lookup(f, "qat_4xxxvf-sym"), mdevdesc_file_doc(f, 0));
	assert_null(mdevdesc_file_lookup(f, "qat_4xxxvf-asym"));
	assert_null(mdevdesc_file_lookup(f, NULL));
	mdevdesc_file_free(f);
}

static void test_diag_fields(void **state)
{
	static const char bad[] = "mdevdesc: \"1.0\"\nvendor: intel\ntype: t\n"
				  "device_api: vfio-pci\nversion: 1.0.0\n"
				  "params:\n  agg: { value: 3, accepts: [1, 2, 4] }\n";
	mdevdesc_file *f = NULL;
	const mdevdesc_diag *d;
	(void)state;

	assert_int_equal(mdevdesc_parse(bad, strlen(bad), NULL, &f), MDEVDESC_E_NOT_ACCEPTED);
	assert_int_equal(mdevdesc_file_diag_count(f), 1);
	d = mdevdesc_file_diag(f, 0);
	assert_int_equal(d->severity, MDEVDESC_ERROR);
	assert_int_equal(d->line, 7);
	assert_int_equal(d->column, 17);
	assert_int_equal(d->offset, (size_t)(strstr(bad, "3,") - bad));
	assert_string_equal(d->path, "params.agg.value");
	assert_string_equal(d->rule, "R-PARAM-SELF");
	assert_string_equal(mdevdesc_code_name(d->code), "not-accepted");
	assert_null(mdevdesc_file_doc(f, 0));
	mdevdesc_file_free(f);
}

static void test_columns_count_characters(void **state)
{
	/* "é" is two bytes; the tab error sits at character 6. */
	static const char s[] = "a: \"\xC3\xA9\" \t# x\n";
	mdevdesc_file *f = NULL;
	(void)state;

	mdevdesc_parse(s, strlen(s), NULL, &f);
	assert_int_equal(mdevdesc_file_diag(f, 0)->code, MDEVDESC_E_TAB);
	assert_int_equal(mdevdesc_file_diag(f, 0)->column, 8);
	mdevdesc_file_free(f);
}

static void test_allocator_hook_no_leak(void **state)
{
	struct counting c = { 0, 0, 0 };
	mdevdesc_alc alc = { c_malloc, c_realloc, c_free, &c };
	mdevdesc_options opt = { &alc, NULL, 0 };
	mdevdesc_file *f = NULL;
	(void)state;

	assert_int_equal(mdevdesc_parse(two_docs, strlen(two_docs), &opt, &f), MDEVDESC_OK);
	assert_true(c.calls > 0);
	mdevdesc_file_free(f);
	assert_int_equal(c.live, 0);
}

/* Fail each allocation of a normal run in turn: NOMEM, nothing leaked. */
static void test_allocation_failure_each_point(void **state)
{
	struct counting c = { 0, 0, 0 };
	mdevdesc_alc alc = { c_malloc, c_realloc, c_free, &c };
	mdevdesc_limits lim = mdevdesc_limits_default();
	mdevdesc_options opt = { &alc, &lim, 0 };
	mdevdesc_file *f = NULL;
	long total, i;
	(void)state;

	assert_int_equal(mdevdesc_parse(two_docs, strlen(two_docs), &opt, &f), MDEVDESC_OK);
	mdevdesc_file_free(f);
	total = c.calls;
	assert_true(total >= 2);
	for (i = 1; i <= total; i++) {
		mdevdesc_code rc;
		c.calls = 0;
		c.live = 0;
		c.fail_at = i;
		f = NULL;
		rc = mdevdesc_parse(two_docs, strlen(two_docs), &opt, &f);
		assert_int_equal(rc, MDEVDESC_E_NOMEM);
		assert_null(f);
		assert_int_equal(c.live, 0);
	}
}

/*
 * A mapping large enough that its hashed key set needs a chunk of its own:
 * failing each allocation in turn reaches the key set's too.
 */
static void test_allocation_failure_large_mapping(void **state)
{
	enum { KEYS = 6000 };
	struct counting c = { 0, 0, 0 };
	mdevdesc_alc alc = { c_malloc, c_realloc, c_free, &c };
	mdevdesc_limits lim = mdevdesc_limits_default();
	mdevdesc_options opt = { &alc, &lim, MDEVDESC_SYNTAX_ONLY };
	mdevdesc_file *f = NULL;
	size_t cap = (size_t)KEYS * 16 + 16, n = 0;
	char *doc = malloc(cap);
	long total, i;
	int k;
	(void)state;

	assert_non_null(doc);
	for (k = 0; k < KEYS; k++)
		n += (size_t)snprintf(doc + n, cap - n, "k%d: 1\n", k);
	lim.max_entries = KEYS;
	assert_int_equal(mdevdesc_parse(doc, n, &opt, &f), MDEVDESC_OK);
	mdevdesc_file_free(f);
	total = c.calls;
	assert_true(total >= 3);
	for (i = 1; i <= total; i++) {
		c.calls = 0;
		c.live = 0;
		c.fail_at = i;
		f = NULL;
		assert_int_equal(mdevdesc_parse(doc, n, &opt, &f), MDEVDESC_E_NOMEM);
		assert_null(f);
		assert_int_equal(c.live, 0);
	}
	free(doc);
}

/*
 * mdevdesc_parse sizes its arenas' first chunks from the input, as the
 * reader does: a 40 KB descriptor with 400 params is read with the file
 * object and one chunk for the tree and one for the model (the arenas'
 * 16 KiB default would take about a dozen).
 */
static void test_parse_sizes_arenas_from_input(void **state)
{
	enum { PARAMS = 400 };
	struct counting c = { 0, 0, 0 };
	mdevdesc_alc alc = { c_malloc, c_realloc, c_free, &c };
	mdevdesc_options opt = { &alc, NULL, 0 };
	mdevdesc_file *f = NULL;
	size_t cap = (size_t)PARAMS * 64 + 256, n = 0;
	char *doc = malloc(cap);
	int k;
	(void)state;

	assert_non_null(doc);
	n += (size_t)snprintf(doc + n, cap - n,
			      "mdevdesc: \"1.0\"\nvendor: intel\ntype: qat-sym\n"
			      "device_api: vfio-pci\nversion: 2.3.1\nparams:\n");
	for (k = 0; k < PARAMS; k++)
		n += (size_t)snprintf(doc + n, cap - n,
				      "  p%d: { value: %d, accepts: [1, 2, 4, 8, %d] }\n", k, k, k);
	assert_true(n > 16384);
	assert_int_equal(mdevdesc_parse(doc, n, &opt, &f), MDEVDESC_OK);
	assert_int_equal(mdevdesc_file_doc_count(f), 1);
	assert_int_equal(mdevdesc_doc_descriptor(mdevdesc_file_doc(f, 0))->n_params, PARAMS);
	assert_int_equal(c.calls, 3);
	mdevdesc_file_free(f);
	assert_int_equal(c.live, 0);
	free(doc);
}

/*
 * The 1024-character span from a key to its ':' counts characters, not
 * bytes: 42 three-byte characters and 960 spaces are 1002 characters.
 */
static void test_key_span_counts_characters(void **state)
{
	mdevdesc_options opt = { NULL, NULL, MDEVDESC_SYNTAX_ONLY };
	mdevdesc_file *f = NULL;
	char doc[2048];
	size_t n = 0;
	int i;
	(void)state;

	for (i = 0; i < 42; i++) {
		memcpy(doc + n, "\xE6\x97\xA5", 3);
		n += 3;
	}
	memset(doc + n, ' ', 960);
	n += 960;
	memcpy(doc + n, ": 1\n", 4);
	assert_int_equal(mdevdesc_parse(doc, n + 4, &opt, &f), MDEVDESC_OK);
	mdevdesc_file_free(f);
	/* 23 more spaces: the ':' is character 1026, one past the limit. */
	memmove(doc + n + 23, doc + n, 4);
	memset(doc + n, ' ', 23);
	assert_int_equal(mdevdesc_parse(doc, n + 27, &opt, &f), MDEVDESC_E_SYNTAX);
	assert_int_equal(mdevdesc_file_diag(f, 0)->column, 1026);
	mdevdesc_file_free(f);
}

static void test_limits_at_run_time(void **state)
{
	static const char s[] = "a: [[[1]]]\n";
	mdevdesc_limits lim = mdevdesc_limits_default();
	mdevdesc_options opt = { NULL, &lim, MDEVDESC_SYNTAX_ONLY };
	mdevdesc_file *f = NULL;
	(void)state;

	lim.max_depth = 4;
	assert_int_equal(mdevdesc_parse(s, strlen(s), &opt, &f), MDEVDESC_OK);
	mdevdesc_file_free(f);
	lim.max_depth = 3;
	assert_int_equal(mdevdesc_parse(s, strlen(s), &opt, &f), MDEVDESC_E_LIMIT_DEPTH);
	assert_int_equal(mdevdesc_file_diag(f, 0)->column, 6);
	mdevdesc_file_free(f);
	lim = mdevdesc_limits_default();
	lim.max_input = 4;
	assert_int_equal(mdevdesc_parse(s, strlen(s), &opt, &f), MDEVDESC_E_LIMIT_INPUT);
	mdevdesc_file_free(f);
	/* A huge depth limit is capped: no stack exhaustion. */
	{
		size_t n = 100000, k;
		char *deep = malloc(2 * n + 8);
		memcpy(deep, "a: ", 3);
		for (k = 0; k < n; k++)
			deep[3 + k] = '[';
		deep[3 + n] = '\n';
		lim = mdevdesc_limits_default();
		lim.max_depth = UINT32_MAX;
		assert_int_equal(mdevdesc_parse(deep, n + 4, &opt, &f), MDEVDESC_E_LIMIT_DEPTH);
		mdevdesc_file_free(f);
		free(deep);
	}
}

/* A limit on the whole input ends the reader with its code, then DONE. */
static void test_reader_fatal(void **state)
{
	mdevdesc_limits lim = mdevdesc_limits_default();
	mdevdesc_options opt = { NULL, &lim, 0 };
	mdevdesc_reader *r = NULL;
	const mdevdesc_doc *doc = (const mdevdesc_doc *)&lim;
	mdevdesc_code got;
	int n = 0;
	(void)state;

	assert_int_equal(mdevdesc_reader_next(NULL, &doc), MDEVDESC_E_INVALID_ARGUMENT);
	assert_null(doc);
	lim.max_documents = 1;
	assert_int_equal(mdevdesc_reader_new(two_docs, strlen(two_docs), &opt, &r), MDEVDESC_OK);
	assert_int_equal(mdevdesc_reader_next(r, NULL), MDEVDESC_E_INVALID_ARGUMENT);
	while ((got = mdevdesc_reader_next(r, &doc)) == MDEVDESC_OK)
		n++;
	assert_int_equal(got, MDEVDESC_E_LIMIT_DOCUMENTS);
	assert_int_equal(n, 1);
	assert_int_equal(mdevdesc_reader_diag(r, mdevdesc_reader_diag_count(r) - 1)->code,
			 MDEVDESC_E_LIMIT_DOCUMENTS);
	assert_int_equal(mdevdesc_reader_next(r, &doc), MDEVDESC_DONE);
	assert_int_equal(mdevdesc_code_name(MDEVDESC_DONE)[0], 'd');
	mdevdesc_reader_free(r);

	/* The limit's code even when its diagnostic is past max_diagnostics:
	 * the document's first token was already an error. */
	lim.max_documents = 0;
	lim.max_diagnostics = 1;
	assert_int_equal(mdevdesc_reader_new("\"x", 2, &opt, &r), MDEVDESC_OK);
	assert_int_equal(mdevdesc_reader_next(r, &doc), MDEVDESC_E_LIMIT_DOCUMENTS);
	assert_int_equal(mdevdesc_reader_diag_count(r), 1);
	assert_int_equal(mdevdesc_reader_diag(r, 0)->code, MDEVDESC_E_UNTERMINATED_QUOTE);
	mdevdesc_reader_free(r);
}

static void test_reader(void **state)
{
	mdevdesc_reader *r = NULL;
	const mdevdesc_doc *doc;
	int n = 0;
	(void)state;

	assert_int_equal(mdevdesc_reader_new(two_docs, strlen(two_docs), NULL, &r), MDEVDESC_OK);
	while (mdevdesc_reader_next(r, &doc) == MDEVDESC_OK) {
		assert_non_null(doc);
		assert_int_equal(mdevdesc_reader_diag_count(r), 0);
		n++;
	}
	assert_int_equal(n, 2);
	assert_int_equal(mdevdesc_reader_next(r, &doc), MDEVDESC_DONE);
	mdevdesc_reader_free(r);

	assert_int_equal(mdevdesc_reader_new("", 0, NULL, &r), MDEVDESC_OK);
	assert_int_equal(mdevdesc_reader_next(r, &doc), MDEVDESC_OK);
	assert_null(doc);
	assert_int_equal(mdevdesc_reader_diag(r, 0)->code, MDEVDESC_E_NO_DOCUMENT);
	assert_int_equal(mdevdesc_reader_next(r, &doc), MDEVDESC_DONE);
	assert_int_equal(mdevdesc_reader_diag_count(r), 0);
	mdevdesc_reader_free(r);
}

static void test_invalid_arguments(void **state)
{
	mdevdesc_file *f = NULL;
	mdevdesc_alc broken = { NULL, NULL, NULL, NULL };
	mdevdesc_options opt = { &broken, NULL, 0 };
	(void)state;

	assert_int_equal(mdevdesc_parse(NULL, 3, NULL, &f), MDEVDESC_E_INVALID_ARGUMENT);
	assert_int_equal(mdevdesc_parse("a", 1, NULL, NULL), MDEVDESC_E_INVALID_ARGUMENT);
	assert_int_equal(mdevdesc_parse("a", 1, &opt, &f), MDEVDESC_E_INVALID_ARGUMENT);
	assert_int_equal(mdevdesc_parse_file("/nonexistent/x.yaml", NULL, &f), MDEVDESC_E_IO);
	assert_null(f);
	assert_string_equal(mdevdesc_code_name(MDEVDESC_E_DUPLICATE_KEY), "duplicate-key");
	assert_string_equal(mdevdesc_code_name((mdevdesc_code)9999), "unknown");
	assert_int_equal(mdevdesc_doc_emit(NULL, NULL, 0), -1);
	mdevdesc_file_free(NULL);
	mdevdesc_reader_free(NULL);
}

static void *parse_many(void *arg)
{
	int i;
	(void)arg;
	for (i = 0; i < 200; i++) {
		mdevdesc_file *f = NULL;
		if (mdevdesc_parse(two_docs, strlen(two_docs), NULL, &f) != MDEVDESC_OK)
			return (void *)1;
		mdevdesc_file_free(f);
	}
	return NULL;
}

static void test_threads(void **state)
{
	pthread_t t[4];
	void *ret;
	int i;
	(void)state;

	for (i = 0; i < 4; i++)
		assert_int_equal(pthread_create(&t[i], NULL, parse_many, NULL), 0);
	for (i = 0; i < 4; i++) {
		assert_int_equal(pthread_join(t[i], &ret), 0);
		assert_null(ret);
	}
}

static void test_emit_matches_parse(void **state)
{
	mdevdesc_file *f = NULL, *g = NULL;
	char buf[2048];
	long n;
	(void)state;

	assert_int_equal(mdevdesc_parse(two_docs, strlen(two_docs), NULL, &f), MDEVDESC_OK);
	n = mdevdesc_doc_emit(mdevdesc_file_doc(f, 0), buf, sizeof(buf));
	assert_true(n > 0 && (size_t)n < sizeof(buf));
	assert_int_equal(mdevdesc_doc_emit(mdevdesc_file_doc(f, 0), NULL, 0), n);
	assert_int_equal(mdevdesc_parse(buf, (size_t)n, NULL, &g), MDEVDESC_OK);
	mdevdesc_file_free(g);
	mdevdesc_file_free(f);
}

static void test_parse_file(void **state)
{
	char path[] = "/tmp/mdevdesc-test-XXXXXX";
	int fd = mkstemp(path);
	mdevdesc_file *f = NULL;
	(void)state;

	assert_true(fd >= 0);
	assert_int_equal(write(fd, two_docs, strlen(two_docs)), (ssize_t)strlen(two_docs));
	close(fd);
	assert_int_equal(mdevdesc_parse_file(path, NULL, &f), MDEVDESC_OK);
	assert_int_equal(mdevdesc_file_doc_count(f), 2);
	mdevdesc_file_free(f);
	/* An empty file is read, not mapped: no document. */
	fd = open(path, O_WRONLY | O_TRUNC);
	close(fd);
	assert_int_equal(mdevdesc_parse_file(path, NULL, &f), MDEVDESC_E_NO_DOCUMENT);
	mdevdesc_file_free(f);
	unlink(path);
	/* A directory cannot be read. */
	assert_int_equal(mdevdesc_parse_file("/", NULL, &f), MDEVDESC_E_IO);
	assert_null(f);
	assert_int_equal(mdevdesc_parse_file(NULL, NULL, &f), MDEVDESC_E_INVALID_ARGUMENT);
}

static void test_diagnostics_cap_and_text(void **state)
{
	mdevdesc_limits lim = mdevdesc_limits_default();
	mdevdesc_options opt = { NULL, &lim, 0 };
	static const char bad[] = "a: 1\nb: 2\nc: 3\nd: 4\n---\ne: 1\n";
	mdevdesc_file *f = NULL;
	(void)state;

	/* Each document: 5 missing keys and unknown keys; 2 kept per document. */
	lim.max_diagnostics = 2;
	mdevdesc_parse(bad, strlen(bad), &opt, &f);
	assert_int_equal(mdevdesc_file_diag_count(f), 4);
	assert_true(mdevdesc_file_error_count(f) > 4); /* counted, not kept */
	assert_int_equal(mdevdesc_file_diag(f, 2)->document, 1);
	mdevdesc_file_free(f);
	assert_string_equal(mdevdesc_strerror(MDEVDESC_E_TAB), "tab outside a comment or quoted scalar");
	assert_string_equal(mdevdesc_strerror((mdevdesc_code)9999), "unknown error");
	assert_string_equal(mdevdesc_version_string(), MDEVDESC_VERSION_STRING);
}

static void test_newer_minor_has_unknown(void **state)
{
	static const char newer[] = "mdevdesc: \"1.7\"\nvendor: test\ntype: t\n"
				    "device_api: vfio-pci\nversion: 1.0.0\nwindow: 3\n";
	mdevdesc_file *f = NULL;
	(void)state;

	assert_int_equal(mdevdesc_parse(newer, strlen(newer), NULL, &f), MDEVDESC_OK);
	assert_int_equal(mdevdesc_file_diag(f, 0)->severity, MDEVDESC_WARNING);
	assert_true(mdevdesc_doc_has_unknown(mdevdesc_file_doc(f, 0)));
	mdevdesc_file_free(f);
	assert_int_equal(mdevdesc_parse(two_docs, strlen(two_docs), NULL, &f), MDEVDESC_OK);
	assert_false(mdevdesc_doc_has_unknown(mdevdesc_file_doc(f, 0)));
	assert_int_equal(mdevdesc_doc_has_unknown(NULL), 0);
	mdevdesc_file_free(f);
}

/* The reader under allocation failure at each point: -1, nothing leaked. */
static void test_reader_allocation_failures(void **state)
{
	struct counting c = { 0, 0, 0 };
	mdevdesc_alc alc = { c_malloc, c_realloc, c_free, &c };
	mdevdesc_options opt = { &alc, NULL, 0 };
	mdevdesc_reader *r = NULL;
	const mdevdesc_doc *doc;
	long total, i;
	mdevdesc_code got;
	(void)state;

	assert_int_equal(mdevdesc_reader_new(two_docs, strlen(two_docs), &opt, &r), MDEVDESC_OK);
	while (mdevdesc_reader_next(r, &doc) == MDEVDESC_OK)
		;
	mdevdesc_reader_free(r);
	assert_int_equal(c.live, 0);
	total = c.calls;
	for (i = 1; i <= total; i++) {
		c.calls = 0;
		c.fail_at = i;
		r = NULL;
		if (mdevdesc_reader_new(two_docs, strlen(two_docs), &opt, &r) != MDEVDESC_OK) {
			assert_null(r);
			assert_int_equal(c.live, 0);
			continue;
		}
		do
			got = mdevdesc_reader_next(r, &doc);
		while (got == MDEVDESC_OK);
		assert_int_equal(got, MDEVDESC_E_NOMEM);
		assert_int_equal(mdevdesc_reader_next(r, &doc), MDEVDESC_DONE);
		mdevdesc_reader_free(r);
		assert_int_equal(c.live, 0);
	}
}

/* ---- mdevdesc_events ----------------------------------------------------- */

static const char events_in[] = "a: 1\nb: [x, \"y\"]\n---\nc: {d: e}\n";

static void test_events(void **state)
{
	static const char bad[] = "a: 1\n---\nb: [\n";
	struct text t = { "", 0 };
	mdevdesc_file *f = NULL;
	(void)state;

	assert_int_equal(mdevdesc_events(events_in, strlen(events_in), NULL, text_put, &t, &f),
			 MDEVDESC_OK);
	assert_string_equal(t.buf, "+STR\n+DOC\n+MAP\n=VAL :a\n=VAL :1\n=VAL :b\n+SEQ []\n"
				   "=VAL :x\n=VAL \"y\n-SEQ\n-MAP\n-DOC\n+DOC ---\n+MAP\n=VAL :c\n"
				   "+MAP {}\n=VAL :d\n=VAL :e\n-MAP\n-MAP\n-DOC\n-STR\n");
	assert_int_equal(mdevdesc_file_diag_count(f), 0);
	assert_int_equal(mdevdesc_file_doc_count(f), 0); /* events only, no model */
	mdevdesc_file_free(f);

	/* Writing stops at the first error, without -STR; the diagnostic says why. */
	t.n = 0;
	assert_int_equal(mdevdesc_events(bad, strlen(bad), NULL, text_put, &t, &f),
			 MDEVDESC_E_MULTILINE_FLOW);
	assert_string_equal(t.buf, "+STR\n+DOC\n+MAP\n=VAL :a\n=VAL :1\n-MAP\n-DOC\n");
	assert_int_equal(mdevdesc_file_diag_count(f), 1);
	assert_int_equal(mdevdesc_file_diag(f, 0)->line, 3);
	assert_int_equal(mdevdesc_file_diag(f, 0)->column, 4);
	mdevdesc_file_free(f);

	f = (mdevdesc_file *)&t; /* must be overwritten */
	assert_int_equal(mdevdesc_events(NULL, 3, NULL, text_put, &t, &f),
			 MDEVDESC_E_INVALID_ARGUMENT);
	assert_null(f);
	assert_int_equal(mdevdesc_events("a", 1, NULL, NULL, &t, &f), MDEVDESC_E_INVALID_ARGUMENT);
	assert_int_equal(mdevdesc_events("a", 1, NULL, text_put, &t, NULL),
			 MDEVDESC_E_INVALID_ARGUMENT);
}

/* The event stream under allocation failure at each point: NOMEM, nothing leaked. */
static void test_events_allocation_failures(void **state)
{
	struct counting c = { 0, 0, 0 };
	mdevdesc_alc alc = { c_malloc, c_realloc, c_free, &c };
	mdevdesc_options opt = { &alc, NULL, 0 };
	struct text t = { "", 0 };
	mdevdesc_file *f = NULL;
	long total, i;
	(void)state;

	assert_int_equal(mdevdesc_events(events_in, strlen(events_in), &opt, text_put, &t, &f),
			 MDEVDESC_OK);
	mdevdesc_file_free(f);
	assert_int_equal(c.live, 0);
	total = c.calls;
	assert_true(total >= 2);
	for (i = 1; i <= total; i++) {
		c.calls = 0;
		c.fail_at = i;
		t.n = 0;
		f = NULL;
		assert_int_equal(mdevdesc_events(events_in, strlen(events_in), &opt, text_put, &t, &f),
				 MDEVDESC_E_NOMEM);
		assert_null(f);
		assert_int_equal(c.live, 0);
	}
}

/* ---- files that cannot be mapped --------------------------------------- */

struct feed {
	int fd;
	const char *s;
	size_t n;
};

static void *feed_pipe(void *arg)
{
	struct feed *w = arg;
	size_t off = 0;

	while (off < w->n) {
		ssize_t k = write(w->fd, w->s + off, w->n - off);
		if (k <= 0)
			break;
		off += (size_t)k;
	}
	close(w->fd);
	return NULL;
}

/* A pipe is read, not mapped, in blocks: more than the first 64 KiB block. */
static void test_parse_file_pipe(void **state)
{
	size_t pad = 100000, n = strlen(two_docs) + pad + 3;
	char *in = malloc(n + 1), path[64];
	struct feed w;
	pthread_t th;
	mdevdesc_file *f = NULL;
	int fds[2];
	(void)state;

	/* The documents, then one long comment line. */
	memcpy(in, two_docs, strlen(two_docs));
	memcpy(in + strlen(two_docs), "# ", 2);
	memset(in + strlen(two_docs) + 2, 'x', pad);
	in[n - 1] = '\n';
	in[n] = '\0';
	assert_int_equal(pipe(fds), 0);
	w.fd = fds[1];
	w.s = in;
	w.n = n;
	assert_int_equal(pthread_create(&th, NULL, feed_pipe, &w), 0);
	snprintf(path, sizeof(path), "/dev/fd/%d", fds[0]);
	assert_int_equal(mdevdesc_parse_file(path, NULL, &f), MDEVDESC_OK);
	assert_int_equal(pthread_join(th, NULL), 0);
	close(fds[0]);
	assert_int_equal(mdevdesc_file_doc_count(f), 2);
	assert_string_equal(mdevdesc_doc_descriptor(mdevdesc_file_doc(f, 1))->type, "qat-dc");
	mdevdesc_file_free(f);
	free(in);

	assert_int_equal(mdevdesc_parse_file("/dev/null", NULL, NULL), MDEVDESC_E_INVALID_ARGUMENT);
}

static void test_reader_invalid_arguments(void **state)
{
	mdevdesc_alc broken = { NULL, NULL, NULL, NULL };
	mdevdesc_options opt = { &broken, NULL, 0 };
	mdevdesc_reader *r = NULL;
	(void)state;

	assert_int_equal(mdevdesc_reader_new("a", 1, NULL, NULL), MDEVDESC_E_INVALID_ARGUMENT);
	assert_int_equal(mdevdesc_reader_new(NULL, 1, NULL, &r), MDEVDESC_E_INVALID_ARGUMENT);
	assert_null(r);
	assert_int_equal(mdevdesc_reader_new("a", 1, &opt, &r), MDEVDESC_E_INVALID_ARGUMENT);
	assert_null(r);
	/* No input at all is an empty input. */
	assert_int_equal(mdevdesc_reader_new(NULL, 0, NULL, &r), MDEVDESC_OK);
	mdevdesc_reader_free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_and_access),
		cmocka_unit_test(test_lookup),
		cmocka_unit_test(test_diag_fields),
		cmocka_unit_test(test_columns_count_characters),
		cmocka_unit_test(test_allocator_hook_no_leak),
		cmocka_unit_test(test_allocation_failure_each_point),
		cmocka_unit_test(test_allocation_failure_large_mapping),
		cmocka_unit_test(test_parse_sizes_arenas_from_input),
		cmocka_unit_test(test_key_span_counts_characters),
		cmocka_unit_test(test_limits_at_run_time),
		cmocka_unit_test(test_reader),
		cmocka_unit_test(test_reader_fatal),
		cmocka_unit_test(test_invalid_arguments),
		cmocka_unit_test(test_threads),
		cmocka_unit_test(test_emit_matches_parse),
		cmocka_unit_test(test_parse_file),
		cmocka_unit_test(test_diagnostics_cap_and_text),
		cmocka_unit_test(test_newer_minor_has_unknown),
		cmocka_unit_test(test_reader_allocation_failures),
		cmocka_unit_test(test_events),
		cmocka_unit_test(test_events_allocation_failures),
		cmocka_unit_test(test_parse_file_pipe),
		cmocka_unit_test(test_reader_invalid_arguments),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
