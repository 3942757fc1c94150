/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/*
 * entries.c - the named entries of `hw`, `params` (spec 5.6, 5.8) and
 * `features` (spec 5.7), and what they hold: typed values (integers,
 * integer ranges and strings, spec 4.5), `accepts` lists, bitmaps and
 * rules.  Each mapping of entries becomes an array sorted by name; an
 * entry that is wrong is reported and the rest are still read.
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "validator/build.h"
#include "emitter/quoting.h"

/* ---- typed values (spec 4.5, 5.8) -------------------------------------- */

/* Parse `-?(0|[1-9][0-9]*)` or `0x[0-9a-fA-F]+` into int64 (spec 4.5). */
static int parse_int(const char *s, size_t n, int64_t *out, int *overflow)
{
	size_t i = 0;
	int neg = 0;
	uint64_t v = 0, max, top;

	*overflow = 0;
	if (n > 2 && s[0] == '0' && s[1] == 'x') {
		for (i = 2; i < n; i++) {
			char c = s[i];
			unsigned d;
			if (c >= '0' && c <= '9')
				d = (unsigned)(c - '0');
			else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
				d = (unsigned)((c | 0x20) - 'a' + 10);
			else
				return 0;
			if (v > (uint64_t)INT64_MAX >> 4)
				*overflow = 1;
			v = v * 16 + d;
		}
		if (v > (uint64_t)INT64_MAX)
			*overflow = 1;
		*out = (int64_t)v;
		return 1;
	}
	if (n && s[0] == '-') {
		neg = 1;
		i = 1;
	}
	if (i == n || (s[i] == '0' && n - i > 1))
		return 0;
	if (n - i <= 18) {
		/* Up to 18 digits fit in int64 whatever they are. */
		for (; i < n; i++) {
			if (s[i] < '0' || s[i] > '9')
				return 0;
			v = v * 10 + (unsigned)(s[i] - '0');
		}
		*out = neg ? -(int64_t)v : (int64_t)v;
		return 1;
	}
	max = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
	/* v * 10 + d > max exactly when v > top, or v == top and d > max % 10. */
	top = max / 10;
	for (; i < n; i++) {
		unsigned d;
		if (s[i] < '0' || s[i] > '9')
			return 0;
		d = (unsigned)(s[i] - '0');
		if (v > top || (v == top && d > max % 10))
			*overflow = 1;
		else
			v = v * 10 + d;
	}
	if (*overflow)
		return 1;
	*out = neg ? (v == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)v) : (int64_t)v;
	return 1;
}

/* A value in a param position (spec 4.5); @in_accepts allows ranges. */
static int typed_value(md_model *m, const md_node *n, int in_accepts, struct mdevdesc_value *v)
{
	int overflow, row;
	const char *dots = NULL;
	size_t i;

	memset(v, 0, sizeof(*v));
	if (want_scalar(m, n, "an integer or a string", NULL))
		return -1;
	if (n->style != MD_PLAIN) {
		if (md_check_chars(m, n))
			return -1;
		v->kind = MDEVDESC_VALUE_STR;
		v->s = dup(m, n->str, n->len);
		return v->s ? 0 : -1;
	}
	if (parse_int(n->str, n->len, &v->i, &overflow)) {
		if (overflow) {
			ERR(m, MDEVDESC_E_INTEGER, n, "R-TYPE-INTEGER",
			    "integer %.*s does not fit in a signed 64-bit integer", md_clip(n), n->str);
			return -1;
		}
		v->kind = MDEVDESC_VALUE_INT;
		return 0;
	}
	for (i = 0; in_accepts && i + 1 < n->len; i++)
		if (n->str[i] == '.' && n->str[i + 1] == '.') {
			dots = n->str + i;
			break;
		}
	if (dots) {
		/* [R-TYPE-RANGE]: a plain accepts item with ".." is a range. */
		size_t nl = (size_t)(dots - n->str);
		int o1 = 1, o2 = 1, ints;

		ints = parse_int(n->str, nl, &v->i, &o1) &&
		       parse_int(dots + 2, n->len - nl - 2, &v->hi, &o2) && !o1 && !o2;
		if (ints && v->i <= v->hi) {
			v->kind = MDEVDESC_VALUE_RANGE;
			return 0;
		}
		ERR(m, MDEVDESC_E_INTEGER_RANGE, n, "R-TYPE-RANGE",
		    ints ? "integer range %.*s: the low end is above the high end"
			 : "expected an integer range LOW..HIGH of 64-bit integers, found %.*s "
			   "(quote a string that contains '..')",
		    md_clip(n), n->str);
		return -1;
	}
	row = md_quote_class(n->str, n->len);
	if (row == MDEVDESC__QUOTE_NULL) {
		md_report_null(m, n);
		return -1;
	}
	if (MDEVDESC__QUOTE_ROW_IS_NUMBER(row)) {
		ERR(m, MDEVDESC_E_INTEGER, n, "R-TYPE-INTEGER",
		    "%.*s is not an integer of the subset (decimal without leading zeros, or 0x hex); "
		    "YAML loaders read it as %s; quote it to make it a string",
		    md_clip(n), n->str, md_quote_row_reading(row));
		return -1;
	}
	if (row) {
		md_report_quoting(m, n, row);
		return -1;
	}
	v->kind = MDEVDESC_VALUE_STR;
	v->s = dup(m, n->str, n->len);
	return v->s ? 0 : -1;
}

/* Items of a one-item-or-list value; *count = 0 and NULL on error. */
const md_node *md_items_of(md_model *m, const md_node *n, size_t *count)
{
	if (n->kind == MD_SEQ) {
		if (n->count == 0) {
			ERR(m, MDEVDESC_E_EMPTY_LIST, n, "R-LIST-NONEMPTY",
			    "empty list: omit the key instead");
			*count = 0;
			return NULL;
		}
		*count = n->count;
		return n->child;
	}
	if (n->kind == MD_MAP) {
		ERR(m, MDEVDESC_E_TYPE, n, "R-TYPE-KIND", "expected one item or a list, found a mapping");
		*count = 0;
		return NULL;
	}
	*count = 1;
	return n;
}

/* ---- mappings of named entries ----------------------------------------- */

/* Entries of hw, params and features start with their name: sort by it. */
_Static_assert(offsetof(struct mdevdesc_param, name) == 0, "name first");
_Static_assert(offsetof(struct mdevdesc_feature, name) == 0, "name first");

static int cmp_entry_name(const void *a, const void *b)
{
	const char *x = *(const char *const *)a, *y = *(const char *const *)b;

	/* Names mostly differ in their first byte: decide those without a call. */
	if (*x != *y)
		return (unsigned char)*x < (unsigned char)*y ? -1 : 1;
	return strcmp(x, y);
}

typedef int (*entry_fn)(md_model *m, const md_node *k, const md_node *v, void *out);

/*
 * A mapping of named entries (hw, params, features): each read by @read
 * into an array of @size-byte structs, sorted by name.  NULL when invalid.
 */
static void *entry_map(md_model *m, const md_node *n, size_t size, entry_fn read,
		       const char *what, size_t *count)
{
	char *v;
	const md_node *c;
	size_t i = 0;
	int bad = 0;

	*count = 0;
	if (n->kind != MD_MAP) {
		if (is_empty_plain(n))
			ERR(m, MDEVDESC_E_NULL, n, "R-QUOTE-NULL", "empty value: omit the key or add entries");
		else
			ERR(m, MDEVDESC_E_TYPE, n, "R-TYPE-KIND", "expected a mapping of %s, found %s", what,
			    md_kind_name(n));
		return NULL;
	}
	v = alloc(m, (n->count ? n->count : 1) * size);
	if (!v)
		return NULL;
	for (c = n->child; c; c = c->next->next, i++) {
		size_t old = path_key(m, c->str, c->len);
		if (read(m, c, c->next, v + i * size))
			bad = 1;
		path_pop(m, old);
	}
	if (bad)
		return NULL;
	sort_unless_sorted(v, i, size, cmp_entry_name);
	*count = i;
	return v;
}

MD_COLD static int bad_entry_name(md_model *m, const md_node *k)
{
	ERR(m, MDEVDESC_E_NAME, k, "R-ENTRY-NAME",
	    "entry name '%.*s' must match [a-z][a-z0-9_]*", md_clip(k), k->str);
	return -1;
}

static inline int check_entry_name(md_model *m, const md_node *k)
{
	if (match_name(k->str, k->len, C_LOWER, C_LOWER | C_DIGIT | C_UNDER))
		return 0;
	return bad_entry_name(m, k);
}

/* The index of own key @c of an entry in its array of found keys, or -1. */
typedef int (*own_key_fn)(const md_node *c);

/*
 * What every entry @k: @v of hw, params and features starts with: its
 * name [R-ENTRY-NAME], a mapping for its value (else reported under @rule
 * as not @form), and its keys: the value of each own key, as @own tells,
 * into @found, any other key kept in @x or reported (@place: "in this
 * entry", and the own keys).  Returns -1 when @v is not a mapping, 1 after
 * another error, 0 otherwise.
 */
static inline int entry_keys(md_model *m, const md_node *k, const md_node *v, own_key_fn own,
			     const md_node **found, struct extras *x, const char *rule,
			     const char *form, const struct md_place *place)
{
	const md_node *c;
	int bad = md_check_key(m, k) || check_entry_name(m, k);

	if (v->kind != MD_MAP) {
		ERR(m, MDEVDESC_E_TYPE, v, rule, "expected %s, found %s", form, md_kind_name(v));
		return -1;
	}
	for (c = v->child; c; c = c->next->next) {
		size_t old = path_key(m, c->str, c->len);
		int i = own(c);

		/* A key of the entry's own passes md_check_key(): those go first. */
		if (i >= 0)
			found[i] = c->next;
		else if (md_check_key(m, c))
			bad = 1;
		else
			bad |= md_other_key(m, x, c, place);
		path_pop(m, old);
	}
	return bad;
}

/* ---- hw and params (spec 5.6, 5.8) ------------------------------------- */

enum { P_VALUE, P_ACCEPTS, P_DEFAULT, P_COUNT };

static const char *const param_keys[P_COUNT] = { "value", "accepts", "default" };
static const struct md_place param_place = { "in this entry", param_keys, P_COUNT };

static int param_key(const md_node *c)
{
	return key_is(c, "value") ? P_VALUE : key_is(c, "accepts") ? P_ACCEPTS
	       : key_is(c, "default") ? P_DEFAULT : -1;
}

/* The `accepts` of a param entry: one typed value or range, or a list. */
static int param_accepts(md_model *m, const md_node *accepts, struct mdevdesc_param *p)
{
	size_t old = path_key(m, "accepts", 7), cnt, i = 0;
	const md_node *it = md_items_of(m, accepts, &cnt);
	struct mdevdesc_value *acc = it ? alloc(m, cnt * sizeof(*acc)) : NULL;
	int bad = !acc;

	for (; acc && it && i < cnt; it = accepts->kind == MD_SEQ ? it->next : NULL, i++) {
		size_t o2 = accepts->kind == MD_SEQ ? path_index(m, i) : m->nseg;
		if (typed_value(m, it, 1, &acc[i]))
			bad = 1;
		path_pop(m, o2);
	}
	p->accepts = acc;
	p->n_accepts = acc ? cnt : 0;
	path_pop(m, old);
	return bad;
}

/* The accepts of @p as a message shows them: 1..128 (one range), or
 * [1, 2, "x"] (cut with "..." to fit @size bytes, which are at least 16). */
MD_COLD static void accepts_text(char *buf, size_t size, const struct mdevdesc_param *p)
{
	char item[64]; /* a clipped string, or a range of two int64 */
	size_t n = 0, i, k;

	if (p->n_accepts == 1 && p->accepts[0].kind == MDEVDESC_VALUE_RANGE) {
		md_value_text(buf, size, &p->accepts[0], 40);
		return;
	}
	for (i = 0; i < p->n_accepts; i++) {
		k = md_value_text(item, sizeof(item), &p->accepts[i], 40);
		if (n + 2 + k + 6 >= size) {
			snprintf(buf + n, size - n, "%s...]", i ? ", " : "[");
			return;
		}
		n += (size_t)snprintf(buf + n, size - n, "%s%s", i ? ", " : "[", item);
	}
	snprintf(buf + n, size - n, "]");
}

/*
 * Report that @what ("value", "default", the path key), @v read from @n,
 * is not in @p's accepts, or (without accepts) differs from the value;
 * says both, and their types when they differ (4 is not "4").
 */
MD_COLD static void not_accepted(md_model *m, const char *what, const md_node *n,
				 const struct mdevdesc_value *v, const struct mdevdesc_param *p)
{
	size_t old = path_key(m, what, strlen(what));
	char val[64], set[200];

	int str = v->kind == MDEVDESC_VALUE_STR;

	md_value_text(val, sizeof(val), v, 40);
	if (p->accepts) {
		accepts_text(set, sizeof(set), p);
		ERR(m, MDEVDESC_E_NOT_ACCEPTED, n, "R-PARAM-SELF", "%s %s is not in %s, the entry's %saccepts%s",
		    what, val, set, *what == 'v' ? "own " : "",
		    !md_type_differs(v, p->accepts, p->n_accepts) ? ""
		    : str ? ": a string never equals an integer (unquote it, or quote the accepts)"
			  : ": an integer never equals a string (quote it, or unquote the accepts)");
	} else {
		md_value_text(set, sizeof(set), &p->value, 40);
		ERR(m, MDEVDESC_E_NOT_ACCEPTED, n, "R-PARAM-SELF",
		    "default %s differs from value %s%s", val, set,
		    !md_type_differs(v, &p->value, 1)
			    ? " and there is no accepts: add accepts listing both"
		    : str ? ": a string never equals an integer; write both alike, or add accepts "
			    "listing both"
			  : ": an integer never equals a string; write both alike, or add accepts "
			    "listing both");
	}
	path_pop(m, old);
}

/* spec 5.8: an entry accepts its own value and default [R-PARAM-SELF]. */
static int param_self(md_model *m, const struct mdevdesc_param *p, const md_node *value,
		      const md_node *def)
{
	int bad = 0;

	if (p->accepts) {
		if (!md_value_in(&p->value, p->accepts, p->n_accepts)) {
			not_accepted(m, "value", value, &p->value, p);
			bad = 1;
		}
		if (def && !md_value_in(&p->def, p->accepts, p->n_accepts)) {
			not_accepted(m, "default", def, &p->def, p);
			bad = 1;
		}
	} else if (def && !md_value_eq(&p->def, &p->value)) {
		not_accepted(m, "default", def, &p->def, p);
		bad = 1;
	}
	return bad;
}

/* An entry of hw (@hw) or params, into *@out. */
static inline int param_or_hw_entry(md_model *m, const md_node *k, const md_node *v, void *out,
				    int hw)
{
	struct mdevdesc_param *p = out;
	const md_node *own[P_COUNT] = { NULL, NULL, NULL }, *value, *def;
	struct extras x = { NULL, 0, 0 };
	int bad;

	memset(p, 0, sizeof(*p));
	bad = entry_keys(m, k, v, param_key, own, &x, "R-PARAM-FORM",
			 "a mapping { value: ..., accepts: ..., default: ... }", &param_place);
	if (bad < 0)
		return -1;
	value = own[P_VALUE];
	def = own[P_DEFAULT];
	p->name = dup(m, k->str, k->len);
	if (!value) {
		ERR(m, MDEVDESC_E_MISSING_KEY, v, "R-PARAM-FORM", "required key 'value' is missing");
		bad = 1;
	} else {
		size_t old = path_key(m, "value", 5);
		if (typed_value(m, value, 0, &p->value))
			bad = 1;
		path_pop(m, old);
	}
	if (own[P_ACCEPTS] && param_accepts(m, own[P_ACCEPTS], p))
		bad = 1;
	if (def) {
		size_t old = path_key(m, "default", 7);
		if (typed_value(m, def, 0, &p->def))
			bad = 1;
		path_pop(m, old);
	}
	if (!bad && param_self(m, p, value, def))
		bad = 1;
	if (hw && !bad)
		md_hw_registered(m, k, p, value, own[P_ACCEPTS], def);
	extras_put(&x, &p->extra, &p->n_extra);
	return bad ? -1 : 0;
}

/* An entry of params, and one of hw, into *@out (entry_fns). */
static int param_entry(md_model *m, const md_node *k, const md_node *v, void *out)
{
	return param_or_hw_entry(m, k, v, out, 0);
}

static int hw_entry(md_model *m, const md_node *k, const md_node *v, void *out)
{
	return param_or_hw_entry(m, k, v, out, 1);
}

struct mdevdesc_param *md_params(md_model *m, const md_node *n, int hw, size_t *count)
{
	return entry_map(m, n, sizeof(struct mdevdesc_param), hw ? hw_entry : param_entry, "entries",
			 count);
}

/* ---- features (spec 5.7) ----------------------------------------------- */

/* Whether the @n bytes at @s are hex digits, at least one. */
static int all_hex(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || ((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'f')))
			return 0;
	return n > 0;
}

/* A bitmap that is not "0x" and hex digits: with the bitmap meant, when
 * only the prefix is missing or in upper case ("00ff", "0X00ff"). */
MD_COLD static void bad_bitmap(md_model *m, const md_node *n)
{
	size_t skip = n->len > 2 && n->str[0] == '0' && n->str[1] == 'X' ? 2 : 0;
	int fix = all_hex(n->str + skip, n->len - skip) && n->len - skip <= 40;

	ERR(m, MDEVDESC_E_BITMAP, n, "R-BITMAP",
	    "expected a bitmap \"0x\" followed by hex digits, found %.*s%s%.*s%s", md_clip(n), n->str,
	    fix ? "; write \"0x" : "", fix ? (int)(n->len - skip) : 0, n->str + skip, fix ? "\"" : "");
}

static const char *bitmap(md_model *m, const md_node *n)
{
	size_t i, first, digits, bits;
	char *out;

	if (want_scalar(m, n, "a bitmap string \"0x...\"", NULL) || check_plain_string(m, n))
		return NULL;
	if (n->len < 3 || n->str[0] != '0' || n->str[1] != 'x' || !all_hex(n->str + 2, n->len - 2))
		goto bad;
	for (first = 2; first < n->len - 1 && n->str[first] == '0'; first++)
		;
	digits = n->len - first;
	/* spec 8: the width is 4 bits per digit once leading zeros are gone. */
	bits = digits * 4;
	if (bits > m->lim->max_bitmap_bits) {
		ERR(m, MDEVDESC_E_LIMIT_BITMAP_BITS, n, "R-LIMIT-BITMAP-BITS",
		    "bitmap of %zu bits is wider than the max_bitmap_bits limit (%u)", bits,
		    (unsigned)m->lim->max_bitmap_bits);
		return NULL;
	}
	out = md_alloc(m->arena, digits + 3);
	if (!out) {
		m->diags->nomem = 1;
		return NULL;
	}
	out[0] = '0';
	out[1] = 'x';
	/* Hex digits only: setting bit 5 lowers a letter and keeps a digit. */
	for (i = 0; i < digits; i++)
		out[2 + i] = (char)(n->str[first + i] | 0x20);
	out[2 + digits] = '\0';
	return out;
bad:
	bad_bitmap(m, n);
	return NULL;
}

enum { F_BITS, F_RULE, F_COUNT };

static const char *const feature_keys[F_COUNT] = { "bits", "rule" };
static const struct md_place feature_place = { "in this feature", feature_keys, F_COUNT };

static int feature_key(const md_node *c)
{
	return key_is(c, "bits") ? F_BITS : key_is(c, "rule") ? F_RULE : -1;
}

static const char *const rules[] = { "superset", "equal" };

/* A rule that format 1.0 does not define: a warning in a document of a
 * newer minor (@r kept as the rule's name), else an error; -1 after one. */
MD_COLD static int unknown_rule(md_model *m, const md_node *rule, const char *r,
				struct mdevdesc_feature *f)
{
	const char *sug = md_suggest(rule->str, rule->len, rules, 2);

	if (m->newer) {
		WARN(m, MDEVDESC_W_UNKNOWN_ENUM, rule, "R-FORMAT-MINOR",
		     "rule '%s' is not defined by format 1.%u; kept, and a resolver answers "
		     "undecidable%s%s%s", r, (unsigned)MDEVDESC_FORMAT_MINOR, DID_YOU_MEAN(sug));
		m->has_unknown = 1;
		f->rule = MDEVDESC_RULE_UNKNOWN;
		f->rule_name = r;
		return 0;
	}
	ERR(m, MDEVDESC_E_RULE, rule, "R-RULE", "unknown rule '%s': expected superset or equal%s%s%s",
	    r, DID_YOU_MEAN(sug));
	return -1;
}

/* An entry of features, into *@out (an entry_fn). */
static int feature_entry(md_model *m, const md_node *k, const md_node *v, void *out)
{
	struct mdevdesc_feature *f = out;
	const md_node *own[F_COUNT] = { NULL, NULL }, *bits, *rule;
	struct extras x = { NULL, 0, 0 };
	int bad;

	memset(f, 0, sizeof(*f));
	bad = entry_keys(m, k, v, feature_key, own, &x, "R-FEATURE-FORM",
			 "a mapping { bits: \"0x...\", rule: superset|equal }", &feature_place);
	if (bad < 0)
		return -1;
	bits = own[F_BITS];
	rule = own[F_RULE];
	f->name = dup(m, k->str, k->len);
	if (!bits || !rule) {
		ERR(m, MDEVDESC_E_MISSING_KEY, v, "R-FEATURE-FORM", "required key '%s' is missing",
		    bits ? "rule" : "bits");
		bad = 1;
	}
	if (bits) {
		size_t old = path_key(m, "bits", 4);
		f->bits = bitmap(m, bits);
		if (!f->bits)
			bad = 1;
		path_pop(m, old);
	}
	if (rule) {
		size_t old = path_key(m, "rule", 4);
		const char *r;

		/* The two known rules are matched in place; only another is kept. */
		if (!is_string(m, rule, "superset or equal"))
			bad = 1;
		else if (key_is(rule, "superset"))
			f->rule = MDEVDESC_RULE_SUPERSET;
		else if (key_is(rule, "equal"))
			f->rule = MDEVDESC_RULE_EQUAL;
		else if (!(r = dup(m, rule->str, rule->len)) || unknown_rule(m, rule, r, f))
			bad = 1;
		path_pop(m, old);
	}
	extras_put(&x, &f->extra, &f->n_extra);
	return bad ? -1 : 0;
}

struct mdevdesc_feature *md_features(md_model *m, const md_node *n, size_t *count)
{
	return entry_map(m, n, sizeof(struct mdevdesc_feature), feature_entry, "features", count);
}
