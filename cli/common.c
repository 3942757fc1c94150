/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/*
 * common.c - input, diagnostics and JSON output shared by the tools.
 */
#include <errno.h>
#include <inttypes.h>
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

void cli_json_string(FILE *out, const char *s, size_t n)
{
	size_t i;

	fputc('"', out);
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '"' || c == '\\')
			fprintf(out, "\\%c", c);
		else if (c < 0x20 || c == 0x7f)
			fprintf(out, "\\u%04x", c);
		else
			fputc(c, out);
	}
	fputc('"', out);
}

static void jstr(FILE *out, const char *s)
{
	cli_json_string(out, s, strlen(s));
}

void cli_json_diag(FILE *out, const mdevdesc_diag *d)
{
	fprintf(out, "{\"severity\":\"%s\",\"code\":\"%s\",\"code_number\":%d,\"line\":%u,\"column\":%u,"
		     "\"offset\":%zu,\"document\":%zu,\"path\":",
		d->severity == MDEVDESC_ERROR ? "error" : "warning", mdevdesc_code_name(d->code),
		(int)d->code, (unsigned)d->line, (unsigned)d->column, d->offset, d->document);
	jstr(out, d->path);
	fputs(",\"rule\":", out);
	jstr(out, d->rule);
	fputs(",\"message\":", out);
	jstr(out, d->message);
	fputc('}', out);
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
	size_t i;

	fprintf(out, ",\"%s\":[", key);
	for (i = 0; i < n; i++) {
		fputs(i ? ",\"" : "\"", out);
		cli_json_version(out, &e[i].low);
		if (e[i].is_range) {
			fputs("..", out);
			cli_json_version(out, &e[i].high);
		}
		fputc('"', out);
	}
	fputc(']', out);
}

void cli_json_value(FILE *out, const struct mdevdesc_value *v)
{
	if (v->kind == MDEVDESC_VALUE_INT)
		fprintf(out, "%" PRId64, v->i);
	else if (v->kind == MDEVDESC_VALUE_RANGE)
		fprintf(out, "{\"range\":[%" PRId64 ",%" PRId64 "]}", v->i, v->hi);
	else
		jstr(out, v->s ? v->s : "");
}

static void json_node(FILE *out, const struct mdevdesc_node *n)
{
	size_t i;

	switch (n->kind) {
	case MDEVDESC_NODE_SEQ:
	case MDEVDESC_NODE_MAP:
		fputc(n->kind == MDEVDESC_NODE_SEQ ? '[' : '{', out);
		for (i = 0; i < n->n_items; i++) {
			if (i)
				fputc(',', out);
			if (n->kind == MDEVDESC_NODE_MAP) {
				jstr(out, n->items[i].key);
				fputc(':', out);
			}
			json_node(out, &n->items[i]);
		}
		fputc(n->kind == MDEVDESC_NODE_SEQ ? ']' : '}', out);
		break;
	default:
		jstr(out, n->s ? n->s : "");
		break;
	}
}

/* x- keys under "extensions", newer-minor keys under "unknown". */
static void json_extras(FILE *out, const struct mdevdesc_node *x, size_t n)
{
	int pass;

	for (pass = 0; pass < 2; pass++) {
		size_t i, k = 0;
		for (i = 0; i < n; i++) {
			int ext = x[i].key[0] == 'x' && x[i].key[1] == '-';
			if (ext != (pass == 0))
				continue;
			fputs(k++ ? "," : pass == 0 ? ",\"extensions\":{" : ",\"unknown\":{", out);
			jstr(out, x[i].key);
			fputc(':', out);
			json_node(out, &x[i]);
		}
		if (k)
			fputc('}', out);
	}
}

static void json_params(FILE *out, const char *key, const struct mdevdesc_param *p, size_t n)
{
	size_t i, j;

	if (!n)
		return;
	fprintf(out, ",\"%s\":{", key);
	for (i = 0; i < n; i++) {
		if (i)
			fputc(',', out);
		jstr(out, p[i].name);
		fputs(":{\"value\":", out);
		cli_json_value(out, &p[i].value);
		if (p[i].n_accepts) {
			fputs(",\"accepts\":[", out);
			for (j = 0; j < p[i].n_accepts; j++) {
				if (j)
					fputc(',', out);
				cli_json_value(out, &p[i].accepts[j]);
			}
			fputc(']', out);
		}
		if (p[i].def.kind != MDEVDESC_VALUE_NONE) {
			fputs(",\"default\":", out);
			cli_json_value(out, &p[i].def);
		}
		json_extras(out, p[i].extra, p[i].n_extra);
		fputc('}', out);
	}
	fputc('}', out);
}

static void json_field(FILE *out, const char *key, const char *v)
{
	if (!v)
		return;
	fprintf(out, ",\"%s\":", key);
	jstr(out, v);
}

void cli_json_model(FILE *out, const struct mdevdesc_descriptor *d)
{
	size_t i;

	fprintf(out, "{\"mdevdesc\":\"%u.%u\"", (unsigned)d->format_major, (unsigned)d->format_minor);
	json_field(out, "vendor", d->vendor);
	json_field(out, "type", d->type);
	json_field(out, "device_api", d->device_api);
	fputs(",\"version\":\"", out);
	cli_json_version(out, &d->version);
	fputc('"', out);
	if (d->n_accepts)
		cli_json_entries(out, "accepts", d->accepts, d->n_accepts);
	if (d->n_creates)
		cli_json_entries(out, "creates", d->creates, d->n_creates);
	json_params(out, "hw", d->hw, d->n_hw);
	if (d->n_features) {
		fputs(",\"features\":{", out);
		for (i = 0; i < d->n_features; i++) {
			const struct mdevdesc_feature *f = &d->features[i];
			if (i)
				fputc(',', out);
			jstr(out, f->name);
			fputs(":{\"bits\":", out);
			jstr(out, f->bits);
			fputs(",\"rule\":", out);
			jstr(out, f->rule == MDEVDESC_RULE_SUPERSET ? "superset"
				  : f->rule == MDEVDESC_RULE_EQUAL  ? "equal"
								    : f->rule_name ? f->rule_name : "");
			json_extras(out, f->extra, f->n_extra);
			fputc('}', out);
		}
		fputc('}', out);
	}
	json_params(out, "params", d->params, d->n_params);
	json_field(out, "mdev_type", d->mdev_type);
	json_field(out, "driver", d->driver);
	json_field(out, "description", d->description);
	json_extras(out, d->extra, d->n_extra);
	fputs("}\n", out);
}
