/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/*
 * json.c - fuzz target `json`: the validator's --json writer.
 *
 * The input is read with the streaming reader, as `mdevdesc-validate --json`
 * reads a file (flags from the input's first byte: MDEVDESC_ALLOW_UNKNOWN_
 * VENDOR half the time), and written the way it writes it: the output
 * object of schema/validate-output.schema.json with every diagnostic through
 * cli_json_diag(), plus, as "models", every valid document through
 * cli_json_model() (what the other tools print).  Property: the whole text,
 * and each diagnostic and model on its own, is valid JSON by the strict
 * checker of json_check.h (UTF-8, escapes, numbers, no duplicate names).
 */
#include "driver.h"
#include "fuzz_util.h"
#include "json_check.h"

static void check_json(const char *what, const char *s, size_t n)
{
	size_t off = 0;
	const char *err = json_check(s, n, &off);

	FUZZ_ASSERT(err == NULL, "%s is not valid JSON: %s at offset %zu\n--- JSON\n%.*s\n---", what,
		    err ? err : "", off, (int)(n > 4000 ? 4000 : n), s);
}

/* cli_json_diag() of @x, checked on its own; appended to @out. */
static void write_diag(FILE *out, const mdevdesc_diag *x)
{
	mdevdesc_diag copy = *x;
	char *p = NULL, *msg = NULL;
	size_t n = 0;
	FILE *f;

	/* Known bug diag-utf8-cut: drop the partial sequence at the end. */
	if (fuzz_known_diag_cut(x->message)) {
		size_t k = fuzz_utf8_prefix(x->message, strlen(x->message));
		msg = strndup(x->message, k);
		copy.message = msg;
	}
	f = open_memstream(&p, &n);
	if (!f)
		abort();
	cli_json_diag(f, &copy);
	if (fclose(f))
		abort();
	check_json("a diagnostic", p, n);
	cli_json_diag(out, &copy);
	free(p);
	free(msg);
}

static void fuzz_one(const uint8_t *data, size_t size)
{
	mdevdesc_options opt = { NULL, NULL, 0 };
	mdevdesc_reader *r = NULL;
	const mdevdesc_doc *doc;
	size_t errors = 0, warnings = 0, ndocs = 0, nd = 0, i, n = 0;
	char *text = NULL;
	struct fuzz_buf models = { NULL, 0, 0 };
	FILE *out;
	mdevdesc_code got;

	if (size && (data[0] & 1))
		opt.flags |= MDEVDESC_ALLOW_UNKNOWN_VENDOR;
	out = open_memstream(&text, &n);
	if (!out)
		abort();
	FUZZ_ASSERT(mdevdesc_reader_new((const char *)data, size, &opt, &r) == MDEVDESC_OK, "reader_new");
	fputs("{\"format\":\"mdevdesc-validate\",\"version\":1,\"files\":[{\"file\":", out);
	cli_json_string(out, "fuzz\"input\\\x01\xc3\xa9", 10);
	fputs(",\"diagnostics\":[", out);
	fuzz_buf_puts(&models, "[");
	do {
		got = mdevdesc_reader_next(r, &doc);
		if (got == MDEVDESC_OK && (doc || mdevdesc_reader_diag_count(r) == 0 ||
				 mdevdesc_reader_diag(r, 0)->code != MDEVDESC_E_NO_DOCUMENT))
			ndocs++;
		for (i = 0; i < mdevdesc_reader_diag_count(r); i++) {
			const mdevdesc_diag *x = mdevdesc_reader_diag(r, i);
			if (x->severity == MDEVDESC_ERROR)
				errors++;
			else
				warnings++;
			fputs(nd++ ? "," : "", out);
			write_diag(out, x);
		}
		if (doc) {
			size_t len;
			char *j = fuzz_json_model(mdevdesc_doc_descriptor(doc), &len);
			check_json("a model", j, len);
			if (models.n > 1)
				fuzz_buf_puts(&models, ",");
			fuzz_buf_put(&models, j, len);
			free(j);
		}
	} while (got == MDEVDESC_OK);
	fuzz_buf_puts(&models, "]");
	fprintf(out, "],\"valid\":%s,\"documents\":%zu,\"errors\":%zu,\"warnings\":%zu}",
		errors ? "false" : "true", ndocs, errors, warnings);
	fprintf(out, "],\"summary\":{\"files\":1,\"valid\":%d,\"invalid\":%d,\"errors\":%zu,"
		     "\"warnings\":%zu},\"models\":%s}\n",
		errors ? 0 : 1, errors ? 1 : 0, errors, warnings, models.p);
	if (fclose(out))
		abort();
	check_json("the output", text, n);
	mdevdesc_reader_free(r);
	fuzz_buf_free(&models);
	free(text);
}
