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
}
