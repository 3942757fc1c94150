/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/*
 * common.c - input, diagnostics and JSON output shared by the tools.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"

int cli_read(cli_input *in, const char *path)
{
	mdevdesc_code rc;

	memset(in, 0, sizeof(*in));
	in->name = path;
	rc = mdevdesc_input_read(path, NULL, &in->input);
	if (rc != MDEVDESC_OK) {
		if (rc == MDEVDESC_E_NOMEM)
			errno = ENOMEM;
		return -1;
	}
	in->buf = mdevdesc_input_data(in->input);
	in->len = mdevdesc_input_size(in->input);
	return 0;
}

void cli_release(cli_input *in)
{
	mdevdesc_input_free(in->input);
	in->input = NULL;
	in->buf = NULL;
}

void cli_print_diag(FILE *out, const cli_input *in, const mdevdesc_diag *d, int show_source)
{
	size_t start, end, i;
	uint32_t col;

	fprintf(out, "%s:%u:%u: %s: %s [%s] (%s)\n", in->name, (unsigned)d->line, (unsigned)d->column,
		d->severity == MDEVDESC_ERROR ? "error" : "warning", d->message,
		mdevdesc_code_name(d->code), d->rule);
	if (!show_source || !in->buf || d->offset > in->len)
		return;
	start = d->offset;
	while (start > 0 && in->buf[start - 1] != '\n')
		start--;
	if (start == 0 && in->len >= 3 && memcmp(in->buf, "\xEF\xBB\xBF", 3) == 0)
		start = 3;
	end = d->offset;
	while (end < in->len && in->buf[end] != '\n' && in->buf[end] != '\r')
		end++;
	if (end - start > 160)
		return; /* a long line is shown by its position only */
	fputs("    ", out);
	for (i = start; i < end; i++) {
		unsigned char c = (unsigned char)in->buf[i];
		fputc(c < 0x20 && c != '\t' ? '?' : c == 0x7f ? '?' : c, out);
	}
	fputs("\n    ", out);
	for (i = start, col = 1; i < d->offset && col < d->column; i++) {
		if (((unsigned char)in->buf[i] & 0xC0) == 0x80)
			continue;
		fputc(in->buf[i] == '\t' ? '\t' : ' ', out);
		col++;
	}
	fputs("^\n", out);
}

void cli_fwrite(void *ctx, const char *s, size_t n)
{
	fwrite(s, 1, n, (FILE *)ctx);
}

void cli_json_string(FILE *out, const char *s, size_t n)
{
	mdevdesc_json_string(s, n, cli_fwrite, out);
}

void cli_json_version(FILE *out, const struct mdevdesc_version *v)
{
	if (v->has_patch)
		fprintf(out, "%u.%u.%u", (unsigned)v->major, (unsigned)v->minor, (unsigned)v->patch);
	else
		fprintf(out, "%u.%u", (unsigned)v->major, (unsigned)v->minor);
}

void cli_json_entries(FILE *out, const char *key, const struct mdevdesc_version_entry *e, size_t n)
{
	fprintf(out, ",\"%s\":", key);
	mdevdesc_json_versions(e, n, cli_fwrite, out);
}

void cli_json_value(FILE *out, const struct mdevdesc_value *v)
{
	mdevdesc_json_value(v, cli_fwrite, out);
}
