/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/*
 * diag.c - structured diagnostics: stable code names, messages, and the
 * mapping from a byte offset to a 1-based line and character column.
 *
 * The code names are the registry of spec 10.1 (include/mdevdesc_codes.h):
 * a name, like its number, is never changed or reused.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/core.h"

struct code_info {
	mdevdesc_code code;
	const char *name;
	const char *text;
};

/* The registry, one row per code: include/mdevdesc_codes.h. */
static const struct code_info codes[] = {
#define MDEVDESC_CODE(id, number, name, text) { id, name, text },
#include "mdevdesc_codes.h"
#undef MDEVDESC_CODE
};

static const struct code_info *find_code(mdevdesc_code code)
{
	size_t i;

	for (i = 0; i < sizeof(codes) / sizeof(codes[0]); i++)
		if (codes[i].code == code)
			return &codes[i];
	return NULL;
}

const char *mdevdesc_code_name(mdevdesc_code code)
{
	const struct code_info *c = find_code(code);

	return c ? c->name : "unknown";
}

const char *mdevdesc_strerror(mdevdesc_code code)
{
	const struct code_info *c = find_code(code);

	return c ? c->text : "unknown error";
}

uint32_t md_column(const md_diags *d, size_t off, uint32_t *line_out)
{
	size_t start = off, i;
	uint32_t col = 1;

	(void)line_out;
	if (off > d->len)
		off = start = d->len;
	while (start > d->bom && d->buf[start - 1] != '\n')
		start--;
	for (i = start; i < off; i++)
		if ((d->buf[i] & 0xC0) != 0x80)
			col++;
	return col;
}

void md_diag(md_diags *d, mdevdesc_code code, mdevdesc_severity sev, size_t off, uint32_t line,
	     const char *path, const char *rule, const char *fmt, ...)
{
	mdevdesc_diag *x;
	char msg[512];
	va_list ap;
	int n;

	if (sev == MDEVDESC_ERROR)
		d->errors++;
	else
		d->warnings++;
	if (d->n - d->doc_first >= d->max)
		return;
	if (d->n == d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 16;
		mdevdesc_diag *v = md_alloc(d->arena, cap * sizeof(*v));

		if (!v) {
			d->nomem = 1;
			return;
		}
		if (d->n)
			memcpy(v, d->v, d->n * sizeof(*v));
		d->v = v;
		d->cap = cap;
	}
	va_start(ap, fmt);
	n = vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (n < 0)
		n = 0;
	if ((size_t)n >= sizeof(msg)) {
		/* Cut at a character boundary: messages are UTF-8. */
		int lead = (int)sizeof(msg) - 2, need;
		unsigned char c;

		n = (int)sizeof(msg) - 1;
		while (lead > 0 && ((unsigned char)msg[lead] & 0xC0) == 0x80)
			lead--;
		c = (unsigned char)msg[lead];
		need = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
		if (lead + need > n)
			n = lead; /* the last character did not fit whole */
	}
	x = &d->v[d->n];
	memset(x, 0, sizeof(*x));
	x->code = code;
	x->severity = sev;
	x->offset = off;
	x->line = line;
	x->column = md_column(d, off, NULL);
	x->document = d->document;
	x->path = md_strndup(d->arena, path ? path : "", path ? strlen(path) : 0);
	x->rule = rule ? rule : "";
	x->message = md_strndup(d->arena, msg, (size_t)n);
	if (!x->path || !x->message) {
		d->nomem = 1;
		return;
	}
	d->n++;
}
