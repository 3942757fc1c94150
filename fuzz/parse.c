/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/*
 * parse.c - fuzz target `parse`: mdevdesc_parse() and mdevdesc_reader on
 * the same bytes.
 *
 * The input is parsed twice: run A with the default limits, run B with
 * limits lowered as a hash of the input decides (so every limit's error
 * path is reached without changing the bytes the corpus holds), both with
 * the same flags (MDEVDESC_ALLOW_UNKNOWN_VENDOR and MDEVDESC_SYNTAX_ONLY also
 * chosen by the hash).  Each run goes through the whole-input API and then
 * through the streaming reader.  Properties:
 *
 * - every diagnostic: a known code whose severity matches it, line and
 *   column >= 1, the offset inside the input and on the line reported,
 *   rule ID, path and message present and valid UTF-8, document indexes
 *   non-decreasing, at most max_diagnostics stored per document;
 * - the return code is the first stored error's code; MDEVDESC_OK exactly
 *   when the error count is 0; then every document has a model (unless
 *   MDEVDESC_SYNTAX_ONLY, when none has);
 * - every document's model satisfies the invariants of spec 4.4 to 7
 *   (fuzz_check_descriptor()); mdevdesc_file_lookup() finds the first
 *   document of each mdev_type;
 * - the reader yields the same diagnostics, field by field and in order, and
 *   the same documents (same canonical text, has_unknown, line) as the
 *   whole-input API, then keeps returning 0;
 * - spec 8, "a document valid under the default limits is valid under any
 *   larger ones": when run B is valid, run A is valid with the same
 *   documents.
 */
#include "driver.h"
#include "fuzz_util.h"
#include "vendors.h" /* generated from spec/vendors.yaml: md_vendors[] */

static uint64_t mix(uint64_t *s)
{
	uint64_t z = (*s += 0x9E3779B97F4A7C15ull);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

static uint64_t hash(const uint8_t *d, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ull;
	size_t i;

	for (i = 0; i < n; i++)
		h = (h ^ d[i]) * 0x100000001b3ull;
	return h;
}

/* Lower some limits (one chance in four each) to small values. */
static void lower_limits(mdevdesc_limits *l, uint64_t seed, size_t len)
{
	uint64_t s = seed;

#define PICK(field, expr)                  \
	do {                               \
		if (mix(&s) % 4 == 0)      \
			l->field = (expr); \
	} while (0)
	PICK(max_input, len ? (size_t)(mix(&s) % len) : 0);
	PICK(max_document_size, (size_t)(mix(&s) % 512));
	PICK(max_depth, (uint32_t)(mix(&s) % 5));
	PICK(max_key_length, (uint32_t)(mix(&s) % 24));
	PICK(max_scalar_length, (uint32_t)(mix(&s) % 40));
	PICK(max_bitmap_bits, (uint32_t)(mix(&s) % 17) * 4);
	PICK(max_version_component, (uint32_t)(mix(&s) % 12));
	PICK(max_documents, (uint32_t)(mix(&s) % 4));
	PICK(max_entries, (uint32_t)(mix(&s) % 6));
	PICK(max_diagnostics, (uint32_t)(mix(&s) % 4));
#undef PICK
}

/* Whole-input API: every diagnostic and document. */
static void check_file(const char *buf, size_t len, const mdevdesc_options *opt,
		       const mdevdesc_file *f, mdevdesc_code rc)
{
	size_t nd = mdevdesc_file_diag_count(f), ndocs = mdevdesc_file_doc_count(f);
	size_t i, j, errors = 0, per_doc = 0, cap;
	const mdevdesc_diag *first_error = NULL;

	cap = opt->limits->max_diagnostics ? opt->limits->max_diagnostics : 1;
	for (i = 0; i < nd; i++) {
		const mdevdesc_diag *x = mdevdesc_file_diag(f, i);
		fuzz_check_diag(x, buf, len);
		FUZZ_ASSERT(x->document <= ndocs, "diagnostic of document %zu, %zu documents",
			    x->document, ndocs);
		if (i) {
			const mdevdesc_diag *p = mdevdesc_file_diag(f, i - 1);
			FUZZ_ASSERT(p->document <= x->document, "documents out of order");
			per_doc = p->document == x->document ? per_doc + 1 : 1;
		} else {
			per_doc = 1;
		}
		FUZZ_ASSERT(per_doc <= cap, "%zu diagnostics stored for one document, cap %zu",
			    per_doc, cap);
		if (x->severity == MDEVDESC_ERROR) {
			errors++;
			if (!first_error)
				first_error = x;
		}
	}
	FUZZ_ASSERT(mdevdesc_file_diag(f, nd) == NULL, "diagnostic past the end");
	FUZZ_ASSERT(errors <= mdevdesc_file_error_count(f), "more stored errors than counted");
	FUZZ_ASSERT((rc == MDEVDESC_OK) == (mdevdesc_file_error_count(f) == 0),
		    "rc %s with %zu errors", mdevdesc_code_name(rc), mdevdesc_file_error_count(f));
	if (first_error)
		FUZZ_ASSERT(rc == first_error->code, "rc %s, first error %s", mdevdesc_code_name(rc),
			    mdevdesc_code_name(first_error->code));
	if (rc == MDEVDESC_OK)
		FUZZ_ASSERT(ndocs >= 1, "valid input without a document");

	for (i = 0; i < ndocs; i++) {
		const mdevdesc_doc *doc = mdevdesc_file_doc(f, i);
		const struct mdevdesc_descriptor *d;

		if (opt->flags & MDEVDESC_SYNTAX_ONLY) {
			FUZZ_ASSERT(!doc, "a model with MDEVDESC_SYNTAX_ONLY");
			continue;
		}
		if (rc == MDEVDESC_OK)
			FUZZ_ASSERT(doc, "valid input, document %zu without a model", i);
		if (!doc)
			continue;
		d = mdevdesc_doc_descriptor(doc);
		FUZZ_ASSERT(d, "document without a descriptor");
		FUZZ_ASSERT(mdevdesc_doc_line(doc) >= 1, "document line 0");
		fuzz_check_descriptor(d, mdevdesc_doc_has_unknown(doc), opt->limits);
		if (!(opt->flags & MDEVDESC_ALLOW_UNKNOWN_VENDOR))
			FUZZ_ASSERT(fuzz_in_list(d->vendor, md_vendors,
						 sizeof(md_vendors) / sizeof(md_vendors[0])),
				    "unregistered vendor '%s' accepted", d->vendor);
		if (d->mdev_type) {
			const mdevdesc_doc *hit = mdevdesc_file_lookup(f, d->mdev_type);
			for (j = 0; j < i; j++) {
				const mdevdesc_doc *e = mdevdesc_file_doc(f, j);
				if (e && mdevdesc_doc_descriptor(e)->mdev_type &&
				    strcmp(mdevdesc_doc_descriptor(e)->mdev_type, d->mdev_type) == 0)
					break;
			}
			FUZZ_ASSERT(hit == (j < i ? mdevdesc_file_doc(f, j) : doc),
				    "lookup of '%s' did not find the first document", d->mdev_type);
		}
	}
	FUZZ_ASSERT(mdevdesc_file_doc(f, ndocs) == NULL, "document past the end");
	FUZZ_ASSERT(mdevdesc_file_lookup(f, NULL) == NULL, "lookup of NULL");
}

static int same_text(const mdevdesc_doc *a, const mdevdesc_doc *b)
{
	long na, nb;
	char *ta = fuzz_emit(mdevdesc_doc_descriptor(a), &na, 0);
	char *tb = fuzz_emit(mdevdesc_doc_descriptor(b), &nb, 0);
	int same = na == nb && (!ta || memcmp(ta, tb, (size_t)na) == 0);

	free(ta);
	free(tb);
	return same;
}

/* The reader gives what the whole-input API gave. */
static void check_reader(const char *buf, size_t len, const mdevdesc_options *opt,
			 const mdevdesc_file *f)
{
	size_t nd = mdevdesc_file_diag_count(f), ndocs = mdevdesc_file_doc_count(f);
	size_t k = 0, docs = 0, calls = 0, i;
	mdevdesc_reader *r = NULL;
	const mdevdesc_doc *doc;
	mdevdesc_code got;

	FUZZ_ASSERT(mdevdesc_reader_new(buf, len, opt, &r) == MDEVDESC_OK && r, "reader_new");
	do {
		size_t n;

		got = mdevdesc_reader_next(r, &doc);
		FUZZ_ASSERT(got == MDEVDESC_OK || got == MDEVDESC_DONE || got == MDEVDESC_E_NOMEM ||
				    got == MDEVDESC_E_LIMIT_INPUT || got == MDEVDESC_E_LIMIT_DOCUMENTS,
			    "reader_next returned %s", mdevdesc_code_name(got));
		FUZZ_ASSERT(got != MDEVDESC_DONE || (doc == NULL && mdevdesc_reader_diag_count(r) == 0),
			    "reader_next: done with a document or diagnostics");
		FUZZ_ASSERT(++calls <= ndocs + 2, "reader yields more than %zu documents", ndocs);
		n = mdevdesc_reader_diag_count(r);
		for (i = 0; i < n; i++) {
			const mdevdesc_diag *x = mdevdesc_reader_diag(r, i);
			FUZZ_ASSERT(k < nd, "reader reports more diagnostics than the file API (%zu)", nd);
			FUZZ_ASSERT(fuzz_diag_eq(x, mdevdesc_file_diag(f, k)),
				    "diagnostic %zu differs: reader %s %u:%u '%s', file %s %u:%u '%s'", k,
				    mdevdesc_code_name(x->code), (unsigned)x->line, (unsigned)x->column,
				    x->message, mdevdesc_code_name(mdevdesc_file_diag(f, k)->code),
				    (unsigned)mdevdesc_file_diag(f, k)->line,
				    (unsigned)mdevdesc_file_diag(f, k)->column,
				    mdevdesc_file_diag(f, k)->message);
			k++;
		}
		FUZZ_ASSERT(mdevdesc_reader_diag(r, n) == NULL, "reader diagnostic past the end");
		if (got == MDEVDESC_OK && !(doc == NULL && ndocs == 0 && n &&
				  mdevdesc_reader_diag(r, 0)->code == MDEVDESC_E_NO_DOCUMENT)) {
			const mdevdesc_doc *fd;
			FUZZ_ASSERT(docs < ndocs, "reader yields more documents than the file API");
			fd = mdevdesc_file_doc(f, docs);
			FUZZ_ASSERT(!doc == !fd, "document %zu: a model in one API only", docs);
			if (doc) {
				FUZZ_ASSERT(mdevdesc_doc_has_unknown(doc) == mdevdesc_doc_has_unknown(fd) &&
						    mdevdesc_doc_line(doc) == mdevdesc_doc_line(fd),
					    "document %zu differs", docs);
				FUZZ_ASSERT(same_text(doc, fd), "document %zu: canonical text differs",
					    docs);
			}
			docs++;
		}
	} while (got == MDEVDESC_OK);
	FUZZ_ASSERT(k == nd, "reader reported %zu diagnostics, the file API %zu", k, nd);
	FUZZ_ASSERT(docs == ndocs, "reader read %zu documents, the file API %zu", docs, ndocs);
	FUZZ_ASSERT(mdevdesc_reader_next(r, &doc) == MDEVDESC_DONE && doc == NULL &&
			    mdevdesc_reader_diag_count(r) == 0,
		    "reader did not stay at the end");
	mdevdesc_reader_free(r);
}

static mdevdesc_file *run(const char *buf, size_t len, const mdevdesc_options *opt,
			  mdevdesc_code *rc)
{
	mdevdesc_file *f = NULL;

	*rc = mdevdesc_parse(buf, len, opt, &f);
	FUZZ_ASSERT(f != NULL, "parse returned %s and no result", mdevdesc_code_name(*rc));
	check_file(buf, len, opt, f, *rc);
	check_reader(buf, len, opt, f);
	return f;
}

static void fuzz_one(const uint8_t *data, size_t size)
{
	const char *buf = (const char *)data;
	uint64_t seed = hash(data, size), s = seed;
	mdevdesc_limits def = mdevdesc_limits_default(), low = def;
	mdevdesc_options oa = { NULL, &def, 0 }, ob;
	mdevdesc_file *fa, *fb;
	mdevdesc_code ra, rb;
	size_t i;

	if (mix(&s) & 1)
		oa.flags |= MDEVDESC_ALLOW_UNKNOWN_VENDOR;
	if (mix(&s) % 8 == 0)
		oa.flags |= MDEVDESC_SYNTAX_ONLY;
	lower_limits(&low, mix(&s), size);
	ob = oa;
	ob.limits = &low;

	fa = run(buf, size, &oa, &ra);
	fb = run(buf, size, &ob, &rb);
	if (rb == MDEVDESC_OK) {
		FUZZ_ASSERT(ra == MDEVDESC_OK, "valid under lower limits, %s under the defaults",
			    mdevdesc_code_name(ra));
		FUZZ_ASSERT(mdevdesc_file_doc_count(fa) == mdevdesc_file_doc_count(fb),
			    "document counts differ between limits");
		for (i = 0; i < mdevdesc_file_doc_count(fa); i++) {
			const mdevdesc_doc *a = mdevdesc_file_doc(fa, i), *b = mdevdesc_file_doc(fb, i);
			FUZZ_ASSERT(!a == !b, "document %zu: a model under one limit set only", i);
			if (a)
				FUZZ_ASSERT(same_text(a, b), "document %zu differs between limits", i);
		}
	}
	mdevdesc_file_free(fa);
	mdevdesc_file_free(fb);
}
