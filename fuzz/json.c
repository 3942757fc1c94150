/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/*
 * json.c - fuzz target `json`: the library's JSON writer (mdevdesc.h, "JSON").
 *
 * The input is validated as `mdevdesc-validate --json` validates a file,
 * through mdevdesc_json_validate() under a name that needs every kind of
 * escape (flags from the input's first byte: MDEVDESC_ALLOW_UNKNOWN_VENDOR
 * half the time, MDEVDESC_JSON_STRICT the other bit), and written the way the
 * tool writes it: the output object of schema/validate-output.schema.json,
 * plus, as "models", every valid document through mdevdesc_json_model()
 * (what mdevdesc-fmt --json prints).  json-c is the independent oracle:
 * - the whole text, and each diagnostic written alone by
 *   mdevdesc_json_diag(), is one JSON text to json-c in strict mode with
 *   UTF-8 checked, and also strict UTF-8 without a raw control byte (which
 *   json-c would let through);
 * - it has the expected shape, every object exactly its members (so none
 *   is named twice): each diagnostic equals, field by field, the same
 *   diagnostic of mdevdesc_parse() on the input; the counts and "valid"
 *   agree with them; each model's members equal the descriptor's fields;
 * - every writer returns the number of bytes it wrote.
 */
#include <json-c/json.h>
#include <limits.h>

#include "driver.h"
#include "fuzz_util.h"

/* The input's name, and what a JSON reader gets back: \xe9 is not UTF-8. */
#define NAME "fuzz\"input\\\x01\xc3\xa9\xe9"
#define NAME_READ "fuzz\"input\\\x01\xc3\xa9\xef\xbf\xbd"

/* The deepest output: extension nodes (max_depth 16) inside a model inside "models". */
#define JSON_DEPTH 64

typedef struct json_object jo;

/* @s (@n bytes) as json-c reads it; aborts unless it is strict JSON. */
static jo *parse_json(const char *what, const char *s, size_t n)
{
	struct json_tokener *tok = json_tokener_new_ex(JSON_DEPTH);
	enum json_tokener_error e;
	size_t i;
	jo *j;

	FUZZ_ASSERT(tok && n < INT_MAX, "json_tokener_new_ex");
	for (i = 0; i < n; i++)
		FUZZ_ASSERT((unsigned char)s[i] >= 0x20, "%s: raw control byte 0x%02x at offset %zu\n%.*s",
			    what, (unsigned char)s[i], i, (int)(n > 4000 ? 4000 : n), s);
	FUZZ_ASSERT(fuzz_utf8_valid(s, n), "%s is not UTF-8\n%.*s", what, (int)(n > 4000 ? 4000 : n), s);
	json_tokener_set_flags(tok, JSON_TOKENER_STRICT | JSON_TOKENER_VALIDATE_UTF8);
	j = json_tokener_parse_ex(tok, s, (int)n);
	e = json_tokener_get_error(tok);
	FUZZ_ASSERT(j && e == json_tokener_success && json_tokener_get_parse_end(tok) == n,
		    "%s is not JSON: %s at offset %zu\n--- JSON\n%.*s\n---", what,
		    json_tokener_error_desc(e), json_tokener_get_parse_end(tok),
		    (int)(n > 4000 ? 4000 : n), s);
	json_tokener_free(tok);
	return j;
}

/* ---- shape ---------------------------------------------------------------- */

static jo *member(jo *o, const char *key)
{
	jo *v = NULL;

	FUZZ_ASSERT(json_object_object_get_ex(o, key, &v), "no member \"%s\" in %s", key,
		    json_object_to_json_string(o));
	return v;
}

/* @o is an object of @n members: those looked up, no other, none twice. */
static void members(jo *o, size_t n)
{
	FUZZ_ASSERT(json_object_is_type(o, json_type_object) &&
			    (size_t)json_object_object_length(o) == n,
		    "not an object of %zu members: %s", n, json_object_to_json_string(o));
}

static jo *array(jo *j, size_t n)
{
	FUZZ_ASSERT(json_object_is_type(j, json_type_array) && json_object_array_length(j) == n,
		    "not an array of %zu items: %s", n, json_object_to_json_string(j));
	return j;
}

static void is_string(jo *j, const char *s)
{
	size_t n = strlen(s);

	FUZZ_ASSERT(json_object_is_type(j, json_type_string) &&
			    (size_t)json_object_get_string_len(j) == n &&
			    memcmp(json_object_get_string(j), s, n) == 0,
		    "%s, not the string \"%s\"", json_object_to_json_string(j), s);
}

static void is_int(jo *j, int64_t v)
{
	FUZZ_ASSERT(json_object_is_type(j, json_type_int) && json_object_get_int64(j) == v,
		    "%s, not the integer %lld", json_object_to_json_string(j), (long long)v);
}

static void is_bool(jo *j, int v)
{
	FUZZ_ASSERT(json_object_is_type(j, json_type_boolean) && json_object_get_boolean(j) == !!v,
		    "%s, not %s", json_object_to_json_string(j), v ? "true" : "false");
}

/* ---- diagnostics ------------------------------------------------------------ */

static void check_diag(jo *j, const mdevdesc_diag *d)
{
	members(j, 10);
	is_string(member(j, "severity"), d->severity == MDEVDESC_ERROR ? "error" : "warning");
	is_string(member(j, "code"), mdevdesc_code_name(d->code));
	is_int(member(j, "code_number"), d->code);
	is_int(member(j, "line"), d->line);
	is_int(member(j, "column"), d->column);
	is_int(member(j, "offset"), (int64_t)d->offset);
	is_int(member(j, "document"), (int64_t)d->document);
	is_string(member(j, "path"), d->path);
	is_string(member(j, "rule"), d->rule);
	is_string(member(j, "message"), d->message);
}

/* mdevdesc_json_diag() of @d on its own. */
static void check_diag_alone(const mdevdesc_diag *d)
{
	struct fuzz_buf b = { NULL, 0, 0 };
	long r = mdevdesc_json_diag(d, fuzz_buf_put, &b);
	jo *j;

	FUZZ_ASSERT(r > 0 && (size_t)r == b.n, "mdevdesc_json_diag returned %ld, wrote %zu", r, b.n);
	j = parse_json("a diagnostic", b.p, b.n);
	check_diag(j, d);
	json_object_put(j);
	fuzz_buf_free(&b);
}

/* ---- models ----------------------------------------------------------------- */

static void is_version(jo *j, const struct mdevdesc_version *lo, const struct mdevdesc_version *hi)
{
	char t[96];
	int n = 0, k;

	for (k = 0; k < (hi ? 2 : 1); k++) {
		const struct mdevdesc_version *v = k ? hi : lo;
		n += snprintf(t + n, sizeof(t) - (size_t)n, "%s%u.%u", k ? ".." : "",
			      (unsigned)v->major, (unsigned)v->minor);
		if (v->has_patch)
			n += snprintf(t + n, sizeof(t) - (size_t)n, ".%u", (unsigned)v->patch);
	}
	is_string(j, t);
}

static void check_value(jo *j, const struct mdevdesc_value *v)
{
	if (v->kind == MDEVDESC_VALUE_INT) {
		is_int(j, v->i);
	} else if (v->kind == MDEVDESC_VALUE_RANGE) {
		jo *r;
		members(j, 1);
		r = array(member(j, "range"), 2);
		is_int(json_object_array_get_idx(r, 0), v->i);
		is_int(json_object_array_get_idx(r, 1), v->hi);
	} else {
		is_string(j, v->s ? v->s : "");
	}
}

static void check_node(jo *j, const struct mdevdesc_node *x)
{
	size_t i;

	if (x->kind == MDEVDESC_NODE_SEQ)
		array(j, x->n_items);
	else if (x->kind == MDEVDESC_NODE_MAP)
		members(j, x->n_items);
	else
		is_string(j, x->s);
	for (i = 0; x->kind == MDEVDESC_NODE_SEQ && i < x->n_items; i++)
		check_node(json_object_array_get_idx(j, i), &x->items[i]);
	for (i = 0; x->kind == MDEVDESC_NODE_MAP && i < x->n_items; i++)
		check_node(member(j, x->items[i].key), &x->items[i]);
}

/* "extensions" (x- keys) and "unknown" of @o; returns how many of the two there are. */
static size_t check_extras(jo *o, const struct mdevdesc_node *x, size_t n)
{
	static const char *const group[2] = { "unknown", "extensions" };
	size_t count[2] = { 0, 0 }, i, k, found = 0;

	for (i = 0; i < n; i++)
		count[fuzz_is_ext(x[i].key)]++;
	for (k = 0; k < 2; k++)
		if (count[k]) {
			members(member(o, group[k]), count[k]);
			found++;
		}
	for (i = 0; i < n; i++)
		check_node(member(member(o, group[fuzz_is_ext(x[i].key)]), x[i].key), &x[i]);
	return found;
}

static size_t check_versions(jo *o, const char *key, const struct mdevdesc_version_entry *e, size_t n)
{
	size_t i;
	jo *a;

	if (!n)
		return 0;
	a = array(member(o, key), n);
	for (i = 0; i < n; i++)
		is_version(json_object_array_get_idx(a, i), &e[i].low, e[i].is_range ? &e[i].high : NULL);
	return 1;
}

static size_t check_entries(jo *o, const char *key, const struct mdevdesc_param *p, size_t n)
{
	size_t i, j;
	jo *m;

	if (!n)
		return 0;
	m = member(o, key);
	members(m, n);
	for (i = 0; i < n; i++) {
		jo *e = member(m, p[i].name), *a;
		size_t k = 1;

		check_value(member(e, "value"), &p[i].value);
		if (p[i].n_accepts) {
			a = array(member(e, "accepts"), p[i].n_accepts);
			for (j = 0; j < p[i].n_accepts; j++)
				check_value(json_object_array_get_idx(a, j), &p[i].accepts[j]);
			k++;
		}
		if (p[i].def.kind != MDEVDESC_VALUE_NONE) {
			check_value(member(e, "default"), &p[i].def);
			k++;
		}
		members(e, k + check_extras(e, p[i].extra, p[i].n_extra));
	}
	return 1;
}

static size_t check_field(jo *o, const char *key, const char *s)
{
	if (!s)
		return 0;
	is_string(member(o, key), s);
	return 1;
}

static void check_model(jo *o, const struct mdevdesc_descriptor *d)
{
	struct mdevdesc_version format = { d->format_major, d->format_minor, 0, 0 };
	size_t k = 2, i;

	is_version(member(o, "mdevdesc"), &format, NULL);
	is_version(member(o, "version"), &d->version, NULL);
	k += check_field(o, "vendor", d->vendor) + check_field(o, "type", d->type) +
	     check_field(o, "device_api", d->device_api) + check_field(o, "mdev_type", d->mdev_type) +
	     check_field(o, "driver", d->driver) + check_field(o, "description", d->description);
	k += check_versions(o, "accepts", d->accepts, d->n_accepts) +
	     check_versions(o, "creates", d->creates, d->n_creates);
	k += check_entries(o, "hw", d->hw, d->n_hw) + check_entries(o, "params", d->params, d->n_params);
	if (d->n_parents) {
		jo *a = array(member(o, "parents"), d->n_parents);
		for (i = 0; i < d->n_parents; i++)
			is_string(json_object_array_get_idx(a, i), d->parents[i]);
		k++;
	}
	if (d->n_features) {
		jo *fs = member(o, "features");
		members(fs, d->n_features);
		for (i = 0; i < d->n_features; i++) {
			const struct mdevdesc_feature *f = &d->features[i];
			jo *j = member(fs, f->name);
			is_string(member(j, "bits"), f->bits);
			is_string(member(j, "rule"), f->rule == MDEVDESC_RULE_SUPERSET ? "superset"
						     : f->rule == MDEVDESC_RULE_EQUAL  ? "equal"
										       : f->rule_name);
			members(j, 2 + check_extras(j, f->extra, f->n_extra));
		}
		k++;
	}
	members(o, k + check_extras(o, d->extra, d->n_extra));
}

/* ---- the target --------------------------------------------------------------- */

static void fuzz_one(const uint8_t *data, size_t size)
{
	mdevdesc_options opt = { NULL, NULL, 0 };
	unsigned flags = size && (data[0] & 2) ? MDEVDESC_JSON_STRICT : 0;
	struct fuzz_buf out = { NULL, 0, 0 };
	mdevdesc_json_summary sum;
	mdevdesc_file *f = NULL;
	size_t errors = 0, warnings = 0, nmodels = 0, i;
	char tail[256];
	jo *root, *file, *diags, *s, *models;
	int valid;

	if (size && (data[0] & 1))
		opt.flags |= MDEVDESC_ALLOW_UNKNOWN_VENDOR;
	fuzz_buf_puts(&out, "{\"format\":\"mdevdesc-validate\",\"version\":1,\"files\":[");
	FUZZ_ASSERT(mdevdesc_json_validate(NAME, (const char *)data, size, &opt, flags, fuzz_buf_put,
					   &out, &sum) == MDEVDESC_OK, "mdevdesc_json_validate failed");
	snprintf(tail, sizeof(tail),
		 "],\"summary\":{\"files\":1,\"valid\":%d,\"invalid\":%d,\"errors\":%zu,\"warnings\":%zu},"
		 "\"models\":[", sum.valid ? 1 : 0, sum.valid ? 0 : 1, sum.errors, sum.warnings);
	fuzz_buf_puts(&out, tail);
	FUZZ_ASSERT(mdevdesc_parse((const char *)data, size, &opt, &f) != MDEVDESC_E_NOMEM && f, "parse");
	for (i = 0; i < mdevdesc_file_doc_count(f); i++) {
		const mdevdesc_doc *doc = mdevdesc_file_doc(f, i);
		size_t before;
		long r;

		if (!doc)
			continue;
		if (nmodels++)
			fuzz_buf_puts(&out, ",");
		before = out.n;
		r = mdevdesc_json_model(mdevdesc_doc_descriptor(doc), fuzz_buf_put, &out);
		FUZZ_ASSERT(r > 0 && (size_t)r == out.n - before, "mdevdesc_json_model returned %ld, wrote %zu",
			    r, out.n - before);
	}
	fuzz_buf_puts(&out, "]}");

	root = parse_json("the output", out.p, out.n);
	members(root, 5);
	is_string(member(root, "format"), "mdevdesc-validate");
	is_int(member(root, "version"), 1);
	file = json_object_array_get_idx(array(member(root, "files"), 1), 0);
	members(file, 6);
	is_string(member(file, "file"), NAME_READ);
	diags = array(member(file, "diagnostics"), mdevdesc_file_diag_count(f));
	for (i = 0; i < mdevdesc_file_diag_count(f); i++) {
		const mdevdesc_diag *d = mdevdesc_file_diag(f, i);

		*(d->severity == MDEVDESC_ERROR ? &errors : &warnings) += 1;
		check_diag(json_object_array_get_idx(diags, i), d);
		check_diag_alone(d);
	}
	valid = !errors && !(warnings && flags);
	FUZZ_ASSERT(sum.errors == errors && sum.warnings == warnings && !sum.valid == !valid,
		    "summary %zu errors, %zu warnings, valid %d; diagnostics: %zu, %zu", sum.errors,
		    sum.warnings, sum.valid, errors, warnings);
	is_bool(member(file, "valid"), valid);
	is_int(member(file, "documents"), (int64_t)sum.documents);
	is_int(member(file, "errors"), (int64_t)errors);
	is_int(member(file, "warnings"), (int64_t)warnings);
	FUZZ_ASSERT(sum.documents >= nmodels, "%zu documents, %zu valid", sum.documents, nmodels);
	s = member(root, "summary");
	members(s, 5);
	is_int(member(s, "valid"), valid);
	is_int(member(s, "errors"), (int64_t)errors);
	models = array(member(root, "models"), nmodels);
	for (i = 0, nmodels = 0; i < mdevdesc_file_doc_count(f); i++)
		if (mdevdesc_file_doc(f, i))
			check_model(json_object_array_get_idx(models, nmodels++),
				    mdevdesc_doc_descriptor(mdevdesc_file_doc(f, i)));
	json_object_put(root);
	mdevdesc_file_free(f);
	fuzz_buf_free(&out);
}
