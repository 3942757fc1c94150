/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/*
 * roundtrip.c - fuzz target `roundtrip`: parse -> canonical emit -> parse
 * (spec 11.2).
 *
 * The input is parsed with MDEVDESC_ALLOW_UNKNOWN_VENDOR (so that private
 * namespaces reach the emitter too).  For every document that has a model:
 *
 * - mdevdesc_doc_emit() keeps the snprintf contract (fuzz_emit());
 * - the canonical text T parses as exactly one valid document;
 * - that document's model, as JSON (cli_json_model), equals the original's,
 *   and its has_unknown flag is the same;
 * - emitting it again gives T, byte for byte.
 *
 * The input is parsed again with MDEVDESC_KEEP_COMMENTS, and for every
 * document, its canonical text with comments (mdevdesc_doc_write()) C:
 *
 * - C parses as one valid document with the same model;
 * - that document keeps the same comment texts (as a multiset);
 * - writing it with its comments again gives C, byte for byte.
 *
 * T is parsed with the key, scalar and document size limits raised: a
 * string the input wrote with few escapes (`'a"b'`, `"\L"`) may need more
 * bytes in canonical form (`"a\"b"`, `"\u2028"`), so near a limit the
 * canonical text may exceed it; every other limit stays at its default.
 */
#include "driver.h"
#include "fuzz_util.h"

static void check_doc(const mdevdesc_doc *doc, size_t index)
{
	const struct mdevdesc_descriptor *d = mdevdesc_doc_descriptor(doc);
	mdevdesc_limits lim = mdevdesc_limits_default();
	mdevdesc_options opt = { NULL, &lim, MDEVDESC_ALLOW_UNKNOWN_VENDOR };
	mdevdesc_file *f = NULL;
	const mdevdesc_doc *doc2;
	char *text, *text2, *j1, *j2;
	long len, len2;
	size_t n1, n2, i;
	mdevdesc_code rc;

	text = fuzz_emit(d, &len, 1);
	FUZZ_ASSERT(text, "document %zu of a valid parse cannot be emitted", index);
	FUZZ_ASSERT(mdevdesc_doc_emit(doc, NULL, 0) == len, "doc_emit and emit disagree");

	lim.max_key_length = 1u << 20;
	lim.max_scalar_length = 1u << 20;
	lim.max_document_size = (size_t)1 << 30;
	rc = mdevdesc_parse(text, (size_t)len, &opt, &f);
	FUZZ_ASSERT(f, "parse of canonical text returned %s and no result", mdevdesc_code_name(rc));
	if (rc != MDEVDESC_OK) {
		const mdevdesc_diag *x = NULL;
		for (i = 0; i < mdevdesc_file_diag_count(f); i++) {
			x = mdevdesc_file_diag(f, i);
			if (x->severity == MDEVDESC_ERROR)
				break;
		}
		FUZZ_ASSERT(0, "canonical text of document %zu is invalid: %u:%u %s: %s\n--- text\n%s---",
			    index, x ? (unsigned)x->line : 0, x ? (unsigned)x->column : 0,
			    mdevdesc_code_name(rc), x ? x->message : "", text);
	}
	FUZZ_ASSERT(mdevdesc_file_doc_count(f) == 1, "canonical text holds %zu documents",
		    mdevdesc_file_doc_count(f));
	doc2 = mdevdesc_file_doc(f, 0);
	FUZZ_ASSERT(doc2, "canonical text: no model");
	FUZZ_ASSERT(mdevdesc_doc_has_unknown(doc2) == mdevdesc_doc_has_unknown(doc),
		    "has_unknown changed in the round trip");

	j1 = fuzz_json_model(d, &n1);
	j2 = fuzz_json_model(mdevdesc_doc_descriptor(doc2), &n2);
	FUZZ_ASSERT(n1 == n2 && memcmp(j1, j2, n1) == 0,
		    "model changed in the round trip\n--- before\n%s--- after\n%s--- text\n%s---", j1,
		    j2, text);

	text2 = fuzz_emit(mdevdesc_doc_descriptor(doc2), &len2, 0);
	FUZZ_ASSERT(text2 && len2 == len && memcmp(text, text2, (size_t)len) == 0,
		    "emit is not idempotent\n--- first\n%s--- second\n%s---", text,
		    text2 ? text2 : "(null)");

	free(text2);
	free(j1);
	free(j2);
	mdevdesc_file_free(f);
	free(text);
}

static int text_cmp(const void *a, const void *b)
{
	const mdevdesc_comment *x = *(const mdevdesc_comment *const *)a;
	const mdevdesc_comment *y = *(const mdevdesc_comment *const *)b;
	size_t n = x->len < y->len ? x->len : y->len;
	int c = memcmp(x->text, y->text, n);

	return c ? c : (x->len > y->len) - (x->len < y->len);
}

/* @d's comments, sorted by text, in a malloc'd array. */
static const mdevdesc_comment **sorted_comments(const mdevdesc_doc *d)
{
	size_t i, n = mdevdesc_doc_comment_count(d);
	const mdevdesc_comment **v = fuzz_xmalloc((n + 1) * sizeof(*v));

	for (i = 0; i < n; i++)
		v[i] = mdevdesc_doc_comment(d, i);
	qsort(v, n, sizeof(*v), text_cmp);
	return v;
}

static void check_comments(const mdevdesc_doc *doc, size_t index)
{
	mdevdesc_limits lim = mdevdesc_limits_default();
	mdevdesc_options opt = { NULL, &lim,
				 MDEVDESC_ALLOW_UNKNOWN_VENDOR | MDEVDESC_KEEP_COMMENTS };
	struct fuzz_buf c1 = { NULL, 0, 0 }, c2 = { NULL, 0, 0 };
	mdevdesc_file *f = NULL;
	const mdevdesc_doc *doc2;
	const mdevdesc_comment **v1, **v2;
	char *j1, *j2;
	size_t n1, n2, i;

	FUZZ_ASSERT(mdevdesc_doc_write(doc, fuzz_buf_put, &c1) == MDEVDESC_OK,
		    "document %zu cannot be written with its comments", index);
	fuzz_buf_put(&c1, "", 0);
	lim.max_key_length = 1u << 20;
	lim.max_scalar_length = 1u << 20;
	lim.max_document_size = (size_t)1 << 30;
	mdevdesc_parse(c1.p, c1.n, &opt, &f);
	FUZZ_ASSERT(f && mdevdesc_file_error_count(f) == 0 && mdevdesc_file_doc_count(f) == 1 &&
			    (doc2 = mdevdesc_file_doc(f, 0)) != NULL,
		    "text with comments of document %zu is not one valid document\n--- text\n%s---",
		    index, c1.p);
	j1 = fuzz_json_model(mdevdesc_doc_descriptor(doc), &n1);
	j2 = fuzz_json_model(mdevdesc_doc_descriptor(doc2), &n2);
	FUZZ_ASSERT(n1 == n2 && memcmp(j1, j2, n1) == 0,
		    "model changed by writing comments\n--- text\n%s---", c1.p);
	n1 = mdevdesc_doc_comment_count(doc);
	FUZZ_ASSERT(mdevdesc_doc_comment_count(doc2) == n1,
		    "%zu comments written, %zu read back\n--- text\n%s---", n1,
		    mdevdesc_doc_comment_count(doc2), c1.p);
	v1 = sorted_comments(doc);
	v2 = sorted_comments(doc2);
	for (i = 0; i < n1; i++)
		FUZZ_ASSERT(text_cmp(&v1[i], &v2[i]) == 0, "comment texts changed\n--- text\n%s---",
			    c1.p);
	FUZZ_ASSERT(mdevdesc_doc_write(doc2, fuzz_buf_put, &c2) == MDEVDESC_OK,
		    "the text with comments cannot be written again");
	fuzz_buf_put(&c2, "", 0);
	FUZZ_ASSERT(c1.n == c2.n && memcmp(c1.p, c2.p, c1.n) == 0,
		    "writing with comments is not idempotent\n--- first\n%s--- second\n%s---", c1.p,
		    c2.p);
	free(v1);
	free(v2);
	free(j1);
	free(j2);
	fuzz_buf_free(&c1);
	fuzz_buf_free(&c2);
	mdevdesc_file_free(f);
}

static void fuzz_one(const uint8_t *data, size_t size)
{
	mdevdesc_options opt = { NULL, NULL, MDEVDESC_ALLOW_UNKNOWN_VENDOR };
	mdevdesc_file *f = NULL;
	size_t i;

	mdevdesc_parse((const char *)data, size, &opt, &f);
	FUZZ_ASSERT(f, "parse returned no result");
	for (i = 0; i < mdevdesc_file_doc_count(f); i++) {
		const mdevdesc_doc *doc = mdevdesc_file_doc(f, i);
		if (doc)
			check_doc(doc, i);
	}
	mdevdesc_file_free(f);
	f = NULL;
	opt.flags |= MDEVDESC_KEEP_COMMENTS;
	mdevdesc_parse((const char *)data, size, &opt, &f);
	FUZZ_ASSERT(f, "parse with comments returned no result");
	for (i = 0; i < mdevdesc_file_doc_count(f); i++) {
		const mdevdesc_doc *doc = mdevdesc_file_doc(f, i);
		if (doc)
			check_comments(doc, i);
	}
	mdevdesc_file_free(f);
}
