/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/*
 * extensions.c - the keys a place holds beyond its own (spec 5.10, 7): an
 * `x-` key, or any key of a document of a newer format minor, is kept with
 * its value as untyped content (struct mdevdesc_node, sorted by key), on
 * which only the rules of spec 4.5 for untyped scalars apply; any other
 * unknown key is an error.
 */
#include <string.h>

#include "validator/build.h"
#include "emitter/quoting.h"

/* ---- untyped content (spec 4.5) ---------------------------------------- */

/* Untyped content (spec 4.5): only R-QUOTE-NULL, rows 11-12 and R-TYPE-STRING. */
static int untyped_scalar(md_model *m, const md_node *n, int is_key)
{
	if (n->style != MD_PLAIN)
		return md_check_chars(m, n);
	{
		int row = md_quote_class(n->str, n->len);
		if (row == MDEVDESC__QUOTE_NULL && !is_key) {
			md_report_null(m, n);
			return -1;
		}
		if (row == MDEVDESC__QUOTE_MERGE || row == MDEVDESC__QUOTE_VALUE) {
			md_report_quoting(m, n, row);
			return -1;
		}
	}
	return 0;
}

static int to_node(md_model *m, const md_node *n, struct mdevdesc_node *out)
{
	size_t cnt = n->count, i = 0;
	struct mdevdesc_node *items;
	const md_node *c;
	int bad = 0;

	memset(out, 0, sizeof(*out));
	if (n->kind == MD_SCALAR) {
		if (untyped_scalar(m, n, 0))
			return -1;
		out->kind = n->style == MD_PLAIN ? MDEVDESC_NODE_PLAIN : MDEVDESC_NODE_STRING;
		out->s = dup(m, n->str, n->len);
		return out->s ? 0 : -1;
	}
	items = cnt ? alloc(m, cnt * sizeof(*items)) : NULL;
	if (cnt && !items)
		return -1;
	out->kind = n->kind == MD_SEQ ? MDEVDESC_NODE_SEQ : MDEVDESC_NODE_MAP;
	out->items = items;
	out->n_items = cnt;
	for (c = n->child; c; c = c->next, i++) {
		size_t old;
		if (n->kind == MD_MAP) {
			old = path_key(m, c->str, c->len);
			if (untyped_scalar(m, c, 1) || to_node(m, c->next, &items[i]))
				bad = 1;
			else if (!(items[i].key = dup(m, c->str, c->len)))
				bad = 1;
			c = c->next;
		} else {
			old = path_index(m, i);
			if (to_node(m, c, &items[i]))
				bad = 1;
		}
		path_pop(m, old);
	}
	return bad ? -1 : 0;
}

/* ---- keys beyond a place's own (spec 5.10, 7) -------------------------- */

static int is_ext(const md_node *k)
{
	return k->len >= 2 && k->str[0] == 'x' && k->str[1] == '-';
}

/* A key no rule of this library knows: an error, or a warning when newer;
 * either names the key of @place that it is likely a misspelling of. */
MD_COLD static void unknown_key(md_model *m, const md_node *k, const struct md_place *place)
{
	const char *sug = md_suggest(k->str, k->len, place->keys, place->n_keys);

	if (m->newer) {
		WARN(m, MDEVDESC_W_UNKNOWN_KEY, k, "R-FORMAT-MINOR",
		     "key '%.*s' %s is not defined by format 1.%u; kept, and a resolver answers "
		     "undecidable%s%s%s",
		     md_clip(k), k->str, place->where, (unsigned)MDEVDESC_FORMAT_MINOR,
		     DID_YOU_MEAN(sug));
		m->has_unknown = 1;
	} else if (sug) {
		ERR(m, MDEVDESC_E_UNKNOWN_KEY, k, "R-KEY-UNKNOWN", "unknown key '%.*s' %s%s%s%s",
		    md_clip(k), k->str, place->where, DID_YOU_MEAN(sug));
	} else {
		ERR(m, MDEVDESC_E_UNKNOWN_KEY, k, "R-KEY-UNKNOWN",
		    "unknown key '%.*s' %s (vendor keys start with 'x-')", md_clip(k), k->str,
		    place->where);
	}
}

static void extra_add(md_model *m, struct extras *x, const md_node *k, const md_node *val)
{
	if (x->n == x->cap) {
		size_t cap = x->cap ? x->cap * 2 : 4;
		struct mdevdesc_node *v = alloc(m, cap * sizeof(*v));
		if (!v)
			return;
		if (x->n)
			memcpy(v, x->v, x->n * sizeof(*v));
		x->v = v;
		x->cap = cap;
	}
	if (to_node(m, val, &x->v[x->n]))
		return;
	x->v[x->n].key = dup(m, k->str, k->len);
	if (x->v[x->n].key)
		x->n++;
}

int md_cmp_node_key(const void *a, const void *b)
{
	return strcmp(((const struct mdevdesc_node *)a)->key, ((const struct mdevdesc_node *)b)->key);
}

/*
 * A key that is not one of the place's own: an `x-` extension, a key of a
 * newer minor (kept as untyped content), or an error.  Returns 1 when the
 * document is invalid because of it.
 */
int md_other_key(md_model *m, struct extras *x, const md_node *k, const struct md_place *place)
{
	size_t errors = m->diags->errors;

	if (!is_ext(k)) {
		unknown_key(m, k, place);
		if (!m->newer)
			return 1;
	}
	extra_add(m, x, k, k->next);
	return m->diags->errors != errors;
}

