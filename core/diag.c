/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/*
 * diag.c - structured diagnostics: stable code names, messages, and the
 * mapping from a byte offset to a 1-based line and character column.
 *
 * The code names are the registry of spec 10.1: a name, like its number,
 * is never changed or reused.
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

static const struct code_info codes[] = {
	{ MDEVDESC_OK, "ok", "no error" },
	{ MDEVDESC_E_NOMEM, "nomem", "out of memory" },
	{ MDEVDESC_E_IO, "io", "input/output error" },
	{ MDEVDESC_E_INVALID_ARGUMENT, "invalid-argument", "invalid argument" },
	{ MDEVDESC_DONE, "done", "end of input" },
	{ MDEVDESC_E_LIMIT_INPUT, "limit-input", "input larger than the limit" },
	{ MDEVDESC_E_LIMIT_DOCUMENT_SIZE, "limit-document-size", "document larger than the limit" },
	{ MDEVDESC_E_LIMIT_DEPTH, "limit-depth", "collections nested deeper than the limit" },
	{ MDEVDESC_E_LIMIT_KEY_LENGTH, "limit-key-length", "key longer than the limit" },
	{ MDEVDESC_E_LIMIT_SCALAR_LENGTH, "limit-scalar-length", "scalar longer than the limit" },
	{ MDEVDESC_E_LIMIT_BITMAP_BITS, "limit-bitmap-bits", "bitmap wider than the limit" },
	{ MDEVDESC_E_LIMIT_VERSION_COMPONENT, "limit-version-component",
	  "version component larger than the limit" },
	{ MDEVDESC_E_LIMIT_DOCUMENTS, "limit-documents", "more documents than the limit" },
	{ MDEVDESC_E_LIMIT_ENTRIES, "limit-entries", "more entries than the limit" },
	{ MDEVDESC_E_UTF8, "utf8", "invalid UTF-8" },
	{ MDEVDESC_E_CONTROL_CHAR, "control-char", "non-printable character" },
	{ MDEVDESC_E_BOM, "bom", "byte order mark after the start of the input" },
	{ MDEVDESC_E_LONE_CR, "lone-cr", "carriage return not followed by a line feed" },
	{ MDEVDESC_E_TAB, "tab", "tab outside a comment or quoted scalar" },
	{ MDEVDESC_E_SYNTAX, "syntax", "syntax error" },
	{ MDEVDESC_E_INDENT, "indent", "bad indentation" },
	{ MDEVDESC_E_ANCHOR, "anchor", "anchors are not supported" },
	{ MDEVDESC_E_ALIAS, "alias", "aliases are not supported" },
	{ MDEVDESC_E_TAG, "tag", "tags are not supported" },
	{ MDEVDESC_E_DIRECTIVE, "directive", "directives are not supported" },
	{ MDEVDESC_E_COMPLEX_KEY, "complex-key", "complex keys are not supported" },
	{ MDEVDESC_E_BLOCK_SCALAR, "block-scalar", "block scalars are not supported" },
	{ MDEVDESC_E_RESERVED_INDICATOR, "reserved-indicator", "reserved indicator" },
	{ MDEVDESC_E_UNTERMINATED_QUOTE, "unterminated-quote", "quoted scalar not closed on its line" },
	{ MDEVDESC_E_BAD_ESCAPE, "bad-escape", "invalid escape sequence" },
	{ MDEVDESC_E_MULTILINE_SCALAR, "multiline-scalar", "scalar continues on another line" },
	{ MDEVDESC_E_MULTILINE_FLOW, "multiline-flow", "flow collection not closed on its line" },
	{ MDEVDESC_E_DUPLICATE_KEY, "duplicate-key", "duplicate key" },
	{ MDEVDESC_E_MERGE_KEY, "merge-key", "merge keys are not supported" },
	{ MDEVDESC_E_MISSING_VALUE, "missing-value", "flow entry without a value" },
	{ MDEVDESC_E_DOCUMENT_MARKER, "document-marker", "misplaced document marker" },
	{ MDEVDESC_E_NO_DOCUMENT, "no-document", "input holds no document" },
	{ MDEVDESC_E_EMPTY_DOCUMENT, "empty-document", "empty document" },
	{ MDEVDESC_E_TYPE, "type", "value of the wrong type" },
	{ MDEVDESC_E_MISSING_KEY, "missing-key", "required key missing" },
	{ MDEVDESC_E_UNKNOWN_KEY, "unknown-key", "unknown key" },
	{ MDEVDESC_E_QUOTING, "quoting", "plain scalar that loaders read as a non-string" },
	{ MDEVDESC_E_NULL, "null", "empty value" },
	{ MDEVDESC_E_FORMAT_VERSION, "format-version", "malformed format version" },
	{ MDEVDESC_E_FORMAT_MAJOR, "format-major", "unsupported format major version" },
	{ MDEVDESC_E_VENDOR_UNREGISTERED, "vendor-unregistered", "vendor not registered" },
	{ MDEVDESC_E_NAME, "name", "malformed name" },
	{ MDEVDESC_E_DEVICE_API, "device-api", "unknown device API" },
	{ MDEVDESC_E_VERSION, "version", "malformed version" },
	{ MDEVDESC_E_VERSION_RANGE, "version-range", "version range low end above high end" },
	{ MDEVDESC_E_CREATES_NEWER, "creates-newer", "creates a version newer than version" },
	{ MDEVDESC_E_INTEGER, "integer", "malformed integer" },
	{ MDEVDESC_E_INTEGER_RANGE, "integer-range", "integer range low end above high end" },
	{ MDEVDESC_E_BITMAP, "bitmap", "malformed bitmap" },
	{ MDEVDESC_E_RULE, "rule", "unknown bitmap rule" },
	{ MDEVDESC_E_NOT_ACCEPTED, "not-accepted", "value not in its own accepts" },
	{ MDEVDESC_E_STRING, "string", "string holds a control character" },
	{ MDEVDESC_E_EMPTY_LIST, "empty-list", "empty list" },
	{ MDEVDESC_W_UNKNOWN_KEY, "unknown-key", "key of a newer format minor" },
	{ MDEVDESC_W_UNKNOWN_ENUM, "unknown-enum", "enum value of a newer format minor" },
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
