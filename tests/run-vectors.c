/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/*
 * run-vectors.c - runs the conformance vectors of tests/vectors/ against
 * libmdevdesc, as tests/vectors/README.md tells any implementation to.
 *
 * For every NAME.yaml given: read NAME.expect (rules, limits, flags and
 * the exact list of diagnostics), parse, and compare the diagnostics
 * (severity, line, column, code name, in order).  A valid vector's model
 * must equal NAME.json byte for byte, and its canonical text must parse
 * back to the same model and re-emit identically.  An invalid vector's
 * NAME.twin.yaml must be valid.  Prints one line per failure and a
 * closing "N passed, N failed".
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "limit.h" /* cli/limit.h: cli_set_limit() */
#include "mdevdesc.h"

static int failures;

static char *read_all(const char *path, size_t *len)
{
	mdevdesc_input *in;
	size_t n;
	char *copy;

	if (mdevdesc_input_read(path, NULL, &in) != MDEVDESC_OK)
		return NULL;
	n = mdevdesc_input_size(in);
	copy = malloc(n + 1);
	if (copy) {
		memcpy(copy, mdevdesc_input_data(in), n);
		copy[n] = '\0';
		*len = n;
	}
	mdevdesc_input_free(in);
	return copy;
}

static void fail(const char *name, const char *fmt, const char *a, const char *b)
{
	printf("FAIL %s: ", name);
	printf(fmt, a, b);
	putchar('\n');
	failures++;
}

struct expect {
	char diags[8192]; /* "error L:C code\n..." as written in the file */
	mdevdesc_limits lim;
	unsigned flags;
	int has_rules;
};

static int read_expect(const char *path, struct expect *e)
{
	size_t len;
	char *text = read_all(path, &len), *line, *save = NULL;

	if (!text)
		return -1;
	memset(e, 0, sizeof(*e));
	e->lim = mdevdesc_limits_default();
	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		if (strncmp(line, "rules:", 6) == 0) {
			e->has_rules = 1;
		} else if (strncmp(line, "limits:", 7) == 0) {
			char *tok, *s2 = NULL;
			for (tok = strtok_r(line + 7, " ", &s2); tok; tok = strtok_r(NULL, " ", &s2))
				if (cli_set_limit(&e->lim, tok))
					fprintf(stderr, "%s: bad limit %s\n", path, tok);
		} else if (strncmp(line, "flags:", 6) == 0) {
			if (strstr(line, "allow-unknown-vendor"))
				e->flags |= MDEVDESC_ALLOW_UNKNOWN_VENDOR;
		} else if (strncmp(line, "error ", 6) == 0 || strncmp(line, "warning ", 8) == 0) {
			strncat(e->diags, line, sizeof(e->diags) - strlen(e->diags) - 2);
			strcat(e->diags, "\n");
		}
	}
	free(text);
	return 0;
}

static void write_file(void *ctx, const char *s, size_t n)
{
	fwrite(s, 1, n, (FILE *)ctx);
}

/* The models of every document, one JSON line each. */
static char *models_json(const mdevdesc_file *f)
{
	char *buf = NULL;
	size_t len = 0, i;
	FILE *m = open_memstream(&buf, &len);

	if (!m)
		return NULL;
	for (i = 0; i < mdevdesc_file_doc_count(f); i++) {
		const mdevdesc_doc *d = mdevdesc_file_doc(f, i);
		if (d)
			mdevdesc_json_model(mdevdesc_doc_descriptor(d), write_file, m);
		fputs(d ? "\n" : "(invalid)\n", m);
	}
	fclose(m);
	return buf;
}

static char *canonical(const mdevdesc_file *f)
{
	char *buf = NULL;
	size_t len = 0, i;
	FILE *m = open_memstream(&buf, &len);

	if (!m)
		return NULL;
	for (i = 0; i < mdevdesc_file_doc_count(f); i++) {
		const mdevdesc_doc *d = mdevdesc_file_doc(f, i);
		long need = mdevdesc_doc_emit(d, NULL, 0);
		char *t = need >= 0 ? malloc((size_t)need + 1) : NULL;
		if (!t)
			continue;
		mdevdesc_doc_emit(d, t, (size_t)need + 1);
		if (i)
			fputs("---\n", m);
		fputs(t, m);
		free(t);
	}
	fclose(m);
	return buf;
}

/* Diagnostics are UTF-8 text, whatever the input (spec 4.1). */
static int utf8_ok(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	while (*p) {
		int n = *p < 0x80 ? 0 : (*p & 0xE0) == 0xC0 ? 1 : (*p & 0xF0) == 0xE0 ? 2
			: (*p & 0xF8) == 0xF0 ? 3 : -1;
		if (n < 0)
			return 0;
		for (p++; n > 0; n--, p++)
			if ((*p & 0xC0) != 0x80)
				return 0;
	}
	return 1;
}

static void run(const char *yaml)
{
	char base[1024], path[1100];
	struct expect e;
	mdevdesc_options opt;
	mdevdesc_file *f = NULL;
	size_t len, i;
	char *text, got[8192] = "";
	int valid;

	snprintf(base, sizeof(base), "%.*s", (int)(strlen(yaml) - 5), yaml);
	snprintf(path, sizeof(path), "%s.expect", base);
	if (read_expect(path, &e)) {
		fail(yaml, "cannot read %s%s", path, "");
		return;
	}
	if (!e.has_rules)
		fail(yaml, "%s has no rules: line%s", path, "");
	opt.alc = NULL;
	opt.limits = &e.lim;
	opt.flags = e.flags;
	text = read_all(yaml, &len);
	if (!text) {
		fail(yaml, "cannot read %s%s", yaml, "");
		return;
	}
	if (mdevdesc_parse(text, len, &opt, &f) == MDEVDESC_E_NOMEM) {
		fail(yaml, "out of memory%s%s", "", "");
		free(text);
		return;
	}
	for (i = 0; i < mdevdesc_file_diag_count(f); i++) {
		const mdevdesc_diag *d = mdevdesc_file_diag(f, i);
		char line[128];

		if (!utf8_ok(d->message) || !utf8_ok(d->path))
			fail(yaml, "diagnostic %s is not UTF-8%s", mdevdesc_code_name(d->code), "");
		snprintf(line, sizeof(line), "%s %u:%u %s\n",
			 d->severity == MDEVDESC_ERROR ? "error" : "warning", (unsigned)d->line,
			 (unsigned)d->column, mdevdesc_code_name(d->code));
		strncat(got, line, sizeof(got) - strlen(got) - 1);
	}
	if (strcmp(got, e.diags) != 0)
		fail(yaml, "diagnostics differ\n--- expected\n%s--- got\n%s", e.diags, got);
	valid = mdevdesc_file_error_count(f) == 0;
	if (valid) {
		char *json = models_json(f), *want, *canon, *json2, *canon2;
		mdevdesc_file *g = NULL;

		snprintf(path, sizeof(path), "%s.json", base);
		want = read_all(path, &len);
		if (!want)
			fail(yaml, "valid, but no %s%s", path, "");
		else if (!json || strcmp(json, want) != 0)
			fail(yaml, "model differs\n--- expected\n%s--- got\n%s", want, json ? json : "");
		/* spec 11.2: parse -> emit -> parse gives an equal model; emit is idempotent. */
		canon = canonical(f);
		mdevdesc_parse(canon, strlen(canon), &opt, &g);
		json2 = g ? models_json(g) : NULL;
		canon2 = g ? canonical(g) : NULL;
		if (!json2 || !json || strcmp(json, json2) != 0)
			fail(yaml, "canonical text parses to another model:\n%s%s", canon, "");
		if (!canon2 || strcmp(canon, canon2) != 0)
			fail(yaml, "emit is not idempotent:\n%s--- then\n%s", canon, canon2 ? canon2 : "");
		mdevdesc_file_free(g);
		free(json);
		free(want);
		free(canon);
		free(json2);
		free(canon2);
	} else {
		mdevdesc_file *g = NULL;
		char *twin;

		snprintf(path, sizeof(path), "%s.twin.yaml", base);
		twin = read_all(path, &len);
		if (!twin && strstr(yaml, "/invalid/"))
			fail(yaml, "invalid vector without %s%s", path, "");
		if (twin) {
			mdevdesc_parse(twin, len, &opt, &g);
			if (!g || mdevdesc_file_error_count(g))
				fail(yaml, "twin %s is not valid%s", path, "");
			mdevdesc_file_free(g);
			free(twin);
		}
	}
	mdevdesc_file_free(f);
	free(text);
}

int main(int argc, char **argv)
{
	int i, n = 0, bad = 0;

	for (i = 1; i < argc; i++) {
		size_t len = strlen(argv[i]);
		if (len < 6 || strcmp(argv[i] + len - 5, ".yaml") != 0 ||
		    (len > 10 && strcmp(argv[i] + len - 10, ".twin.yaml") == 0))
			continue;
		int before = failures;
		n++;
		run(argv[i]);
		bad += failures > before;
	}
	printf("vectors: %d passed, %d failed\n", n - bad, bad);
	return bad || n == 0 ? 1 : 0;
}
