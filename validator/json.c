/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/*
 * json.c - the descriptor model and diagnostics as JSON (mdevdesc.h,
 * "JSON"): the one writer behind mdevdesc-validate --json, mdevdesc-fmt
 * --json, the building blocks of mdevdesc-compat --json, the bindings and
 * the fuzz targets.  Compact output, written to the caller's callback in
 * pieces; nothing is allocated here but the reader of
 * mdevdesc_json_validate().
 */
#include <inttypes.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "emitter/text.h"
#include "mdevdesc.h"

/* The caller's callback and the bytes written to it so far (saturating). */
struct jw {
	mdevdesc_write_fn w;
	void *ctx;
	long n;
};

static void put(struct jw *o, const char *s, size_t n)
{
	if (n == 0)
		return;
	o->w(o->ctx, s, n);
	o->n = n > (size_t)(LONG_MAX - o->n) ? LONG_MAX : o->n + (long)n;
}

static void put_str(struct jw *o, const char *s)
{
	put(o, s, strlen(s));
}

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static void put_fmt(struct jw *o, const char *fmt, ...)
{
	char buf[256]; /* the longest use, a diagnostic's numbers, needs under 200 */
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n > 0)
		put(o, buf, (size_t)n < sizeof(buf) ? (size_t)n : sizeof(buf) - 1);
}

/*
 * A JSON string: runs of characters that need no escape go out as they are,
 * `"` and `\` as \" and \\, C0 controls and DEL as \u00xx, a byte that does
 * not begin a well-formed UTF-8 sequence as \ufffd.
 */
static void put_string(struct jw *o, const char *s, size_t n)
{
	size_t i = 0, run = 0;

	put(o, "\"", 1);
	while (i < n) {
		const unsigned char c = (unsigned char)s[i];
		uint32_t cp;
		size_t len = c < 0x80u ? 1 : md_utf8_decode((const unsigned char *)s + i, n - i, &cp);
		char esc[8];

		if (len != 0 && c >= 0x20u && c != '"' && c != '\\' && c != 0x7fu) {
			i += len;
			continue;
		}
		put(o, s + run, i - run);
		if (len == 0)
			put(o, "\\ufffd", 6);
		else if (c == '"' || c == '\\')
			put(o, c == '"' ? "\\\"" : "\\\\", 2);
		else
			put(o, esc, (size_t)snprintf(esc, sizeof(esc), "\\u%04x", c));
		run = ++i;
	}
	put(o, s + run, n - run);
	put(o, "\"", 1);
}

/* A NUL-terminated string; NULL is written as "". */
static void put_cstr(struct jw *o, const char *s)
{
	put_string(o, s ? s : "", s ? strlen(s) : 0);
}

/* ,"KEY":"VALUE" for an optional string; nothing when @v is NULL. */
static void put_field(struct jw *o, const char *key, const char *v)
{
	if (!v)
		return;
	put_fmt(o, ",\"%s\":", key);
	put_cstr(o, v);
}

static void put_value(struct jw *o, const struct mdevdesc_value *v)
{
	if (v->kind == MDEVDESC_VALUE_INT)
		put_fmt(o, "%" PRId64, v->i);
	else if (v->kind == MDEVDESC_VALUE_RANGE)
		put_fmt(o, "{\"range\":[%" PRId64 ",%" PRId64 "]}", v->i, v->hi);
	else
		put_cstr(o, v->s);
}

/* The text of a version, or of the range LOW..HIGH when @high, as a JSON string. */
static void put_version(struct jw *o, const struct mdevdesc_version *low,
			const struct mdevdesc_version *high)
{
	char text[2 * MD_VERSION_TEXT_SIZE + 4];
	size_t len = 1 + md_version_text(low, text + 1);

	text[0] = '"';
	if (high) {
		memcpy(text + len, "..", 2);
		len += 2 + md_version_text(high, text + len + 2);
	}
	text[len++] = '"';
	put(o, text, len);
}

static void put_versions(struct jw *o, const struct mdevdesc_version_entry *e, size_t n)
{
	size_t i;

	put(o, "[", 1);
	for (i = 0; i < n; i++) {
		if (i)
			put(o, ",", 1);
		put_version(o, &e[i].low, e[i].is_range ? &e[i].high : NULL);
	}
	put(o, "]", 1);
}

/* Untyped content: every scalar a string, sequences arrays, mappings objects. */
static void put_node(struct jw *o, const struct mdevdesc_node *x)
{
	size_t i;

	if (x->kind != MDEVDESC_NODE_SEQ && x->kind != MDEVDESC_NODE_MAP) {
		put_cstr(o, x->s);
		return;
	}
	put(o, x->kind == MDEVDESC_NODE_SEQ ? "[" : "{", 1);
	for (i = 0; i < x->n_items; i++) {
		if (i)
			put(o, ",", 1);
		if (x->kind == MDEVDESC_NODE_MAP) {
			put_cstr(o, x->items[i].key);
			put(o, ":", 1);
		}
		put_node(o, &x->items[i]);
	}
	put(o, x->kind == MDEVDESC_NODE_SEQ ? "]" : "}", 1);
}

/* ,"extensions":{x- keys},"unknown":{keys of a newer minor}, each when not empty. */
static void put_extras(struct jw *o, const struct mdevdesc_node *x, size_t n)
{
	int pass;

	for (pass = 0; pass < 2; pass++) {
		size_t i, k = 0;

		for (i = 0; i < n; i++) {
			const char *key = x[i].key ? x[i].key : "";
			int ext = key[0] == 'x' && key[1] == '-';

			if (ext != (pass == 0))
				continue;
			put_str(o, k++ ? "," : pass == 0 ? ",\"extensions\":{" : ",\"unknown\":{");
			put_cstr(o, key);
			put(o, ":", 1);
			put_node(o, &x[i]);
		}
		if (k)
			put(o, "}", 1);
	}
}

/* ,"KEY":{NAME:{"value":...,"accepts":[...],"default":...},...} when @n > 0. */
static void put_entries(struct jw *o, const char *key, const struct mdevdesc_param *p, size_t n)
{
	size_t i, j;

	if (!n)
		return;
	put_fmt(o, ",\"%s\":{", key);
	for (i = 0; i < n; i++) {
		if (i)
			put(o, ",", 1);
		put_cstr(o, p[i].name);
		put_str(o, ":{\"value\":");
		put_value(o, &p[i].value);
		if (p[i].n_accepts) {
			put_str(o, ",\"accepts\":[");
			for (j = 0; j < p[i].n_accepts; j++) {
				if (j)
					put(o, ",", 1);
				put_value(o, &p[i].accepts[j]);
			}
			put(o, "]", 1);
		}
		if (p[i].def.kind != MDEVDESC_VALUE_NONE) {
			put_str(o, ",\"default\":");
			put_value(o, &p[i].def);
		}
		put_extras(o, p[i].extra, p[i].n_extra);
		put(o, "}", 1);
	}
	put(o, "}", 1);
}

static void put_features(struct jw *o, const struct mdevdesc_feature *f, size_t n)
{
	size_t i;

	if (!n)
		return;
	put_str(o, ",\"features\":{");
	for (i = 0; i < n; i++) {
		if (i)
			put(o, ",", 1);
		put_cstr(o, f[i].name);
		put_str(o, ":{\"bits\":");
		put_cstr(o, f[i].bits);
		put_str(o, ",\"rule\":");
		put_cstr(o, f[i].rule == MDEVDESC_RULE_SUPERSET ? "superset"
			    : f[i].rule == MDEVDESC_RULE_EQUAL  ? "equal"
								: f[i].rule_name);
		put_extras(o, f[i].extra, f[i].n_extra);
		put(o, "}", 1);
	}
	put(o, "}", 1);
}

static void put_model(struct jw *o, const struct mdevdesc_descriptor *d)
{
	put_fmt(o, "{\"mdevdesc\":\"%u.%u\"", (unsigned)d->format_major, (unsigned)d->format_minor);
	put_field(o, "vendor", d->vendor);
	put_field(o, "type", d->type);
	put_field(o, "device_api", d->device_api);
	put_str(o, ",\"version\":");
	put_version(o, &d->version, NULL);
	if (d->n_accepts) {
		put_str(o, ",\"accepts\":");
		put_versions(o, d->accepts, d->n_accepts);
	}
	if (d->n_creates) {
		put_str(o, ",\"creates\":");
		put_versions(o, d->creates, d->n_creates);
	}
	put_entries(o, "hw", d->hw, d->n_hw);
	put_features(o, d->features, d->n_features);
	put_entries(o, "params", d->params, d->n_params);
	put_field(o, "mdev_type", d->mdev_type);
	if (d->n_parents) {
		size_t i;

		put_str(o, ",\"parents\":[");
		for (i = 0; i < d->n_parents; i++) {
			put(o, ",", i ? 1 : 0);
			put_cstr(o, d->parents[i] ? d->parents[i] : "");
		}
		put(o, "]", 1);
	}
	put_field(o, "driver", d->driver);
	put_field(o, "description", d->description);
	put_extras(o, d->extra, d->n_extra);
	put(o, "}", 1);
}

static void put_diag(struct jw *o, const mdevdesc_diag *d)
{
	put_fmt(o, "{\"severity\":\"%s\",\"code\":\"%s\",\"code_number\":%d,\"line\":%" PRIu32
		   ",\"column\":%" PRIu32 ",\"offset\":%zu,\"document\":%zu,\"path\":",
		d->severity == MDEVDESC_ERROR ? "error" : "warning", mdevdesc_code_name(d->code),
		(int)d->code, d->line, d->column, d->offset, d->document);
	put_cstr(o, d->path);
	put_str(o, ",\"rule\":");
	put_cstr(o, d->rule);
	put_str(o, ",\"message\":");
	put_cstr(o, d->message);
	put(o, "}", 1);
}

/* ---- the public writers ---------------------------------------------------- */

long mdevdesc_json_string(const char *s, size_t n, mdevdesc_write_fn w, void *ctx)
{
	struct jw o = { w, ctx, 0 };

	if (!w || (!s && n))
		return -1;
	put_string(&o, s ? s : "", n);
	return o.n;
}

long mdevdesc_json_value(const struct mdevdesc_value *v, mdevdesc_write_fn w, void *ctx)
{
	struct jw o = { w, ctx, 0 };

	if (!v || !w)
		return -1;
	put_value(&o, v);
	return o.n;
}

long mdevdesc_json_versions(const struct mdevdesc_version_entry *e, size_t n,
			    mdevdesc_write_fn w, void *ctx)
{
	struct jw o = { w, ctx, 0 };

	if (!w || (!e && n))
		return -1;
	put_versions(&o, e, n);
	return o.n;
}

long mdevdesc_json_diag(const mdevdesc_diag *d, mdevdesc_write_fn w, void *ctx)
{
	struct jw o = { w, ctx, 0 };

	if (!d || !w)
		return -1;
	put_diag(&o, d);
	return o.n;
}

long mdevdesc_json_model(const struct mdevdesc_descriptor *d, mdevdesc_write_fn w, void *ctx)
{
	struct jw o = { w, ctx, 0 };

	if (!d || !w)
		return -1;
	put_model(&o, d);
	return o.n;
}

/* The reader's "no document" answer: an input without any document. */
static int no_document(const mdevdesc_reader *r, const mdevdesc_doc *doc)
{
	return !doc && mdevdesc_reader_diag_count(r) != 0 &&
	       mdevdesc_reader_diag(r, 0)->code == MDEVDESC_E_NO_DOCUMENT;
}

mdevdesc_code mdevdesc_json_validate(const char *name, const char *buf, size_t len,
				     const mdevdesc_options *opt, unsigned flags,
				     mdevdesc_write_fn w, void *ctx, mdevdesc_json_summary *sum)
{
	struct jw o = { w, ctx, 0 };
	mdevdesc_json_summary s = { 0, 0, 0, 0 };
	mdevdesc_reader *r = NULL;
	const mdevdesc_doc *doc;
	mdevdesc_code got;
	size_t i;

	if (sum)
		*sum = s;
	if (!name || !w)
		return MDEVDESC_E_INVALID_ARGUMENT;
	got = mdevdesc_reader_new(buf, len, opt, &r);
	if (got != MDEVDESC_OK)
		return got;
	put_str(&o, "{\"file\":");
	put_cstr(&o, name);
	put_str(&o, ",\"diagnostics\":[");
	do {
		got = mdevdesc_reader_next(r, &doc);
		if (got == MDEVDESC_OK && !no_document(r, doc))
			s.documents++;
		for (i = 0; i < mdevdesc_reader_diag_count(r); i++) {
			const mdevdesc_diag *d = mdevdesc_reader_diag(r, i);

			if (s.errors + s.warnings)
				put(&o, ",", 1);
			if (d->severity == MDEVDESC_ERROR)
				s.errors++;
			else
				s.warnings++;
			put_diag(&o, d);
		}
	} while (got == MDEVDESC_OK);
	s.valid = got == MDEVDESC_DONE && !s.errors && !(s.warnings && (flags & MDEVDESC_JSON_STRICT));
	put_fmt(&o, "],\"valid\":%s,\"documents\":%zu,\"errors\":%zu,\"warnings\":%zu}",
		s.valid ? "true" : "false", s.documents, s.errors, s.warnings);
	mdevdesc_reader_free(r);
	if (sum)
		*sum = s;
	return MDEVDESC_OK;
}
