/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/*
 * build.h - what the files of the model builder share, included by them
 * only: the builder's state, the field path of the node being read, the
 * reporting macros, and the checks that more than one file uses.
 * md_model_build() (model.c) reads the top level through its table of
 * keys and hands each value to its reader:
 *
 *   model.c       the table of top-level keys, the driver, field paths
 *   scalars.c     kinds, strings, the quoting table, control characters, names
 *   versions.c    the format version, versions and version lists
 *   entries.c     typed values, the entries of hw, params and features
 *   hwnames.c     the registered hw names and their forms
 *   suggest.c     "did you mean": the known name nearest to a misspelled one
 *   extensions.c  `x-` keys and keys of a newer minor, kept as untyped nodes
 */
#ifndef MDEVDESC_BUILD_H
#define MDEVDESC_BUILD_H

#include <stdlib.h>

#include "validator/model.h"

/*
 * The path of the node being read is kept as a stack of segments and
 * rendered only when a diagnostic needs it: most documents have none.
 */
typedef struct md_seg {
	const char *key; /* NULL for a list index */
	size_t n;        /* key length, or the index */
} md_seg;

/* A rendered path; room for the deepest path the limits allow. */
typedef struct md_path {
	char *b;
	size_t n, size;
} md_path;

typedef struct md_model {
	md_arena *arena;
	md_diags *diags;
	const mdevdesc_limits *lim;
	unsigned flags;
	uint32_t minor;     /* format minor of the document */
	int newer;          /* minor newer than the library's */
	int has_unknown;
	size_t errors0;
	md_seg *seg;
	size_t nseg, segcap;
	md_path path;
} md_model;

/* ---- paths and reporting (model.c) ------------------------------------- */

/* The path of the node being read, as a diagnostic shows it. */
const char *md_path_str(md_model *m);

/*
 * Enter a key or an index; returns what path_pop() restores.  The stack
 * holds one segment per collection level, so it never fills up.
 */
static inline size_t push_seg(md_model *m, const char *key, size_t n)
{
	size_t old = m->nseg;

	if (old < m->segcap) {
		m->seg[old].key = key;
		m->seg[old].n = n;
		m->nseg = old + 1;
	}
	return old;
}

static inline size_t path_key(md_model *m, const char *key, size_t len)
{
	return push_seg(m, key ? key : "", len);
}

static inline size_t path_index(md_model *m, size_t i)
{
	return push_seg(m, NULL, i);
}

static inline void path_pop(md_model *m, size_t old)
{
	m->nseg = old;
}

#define REPORT(m, sev, code, node, rule, ...) \
	md_diag((m)->diags, (code), (sev), (node)->off, (node)->line, md_path_str(m), (rule), \
		__VA_ARGS__)
#define ERR(m, code, node, rule, ...) REPORT(m, MDEVDESC_ERROR, code, node, rule, __VA_ARGS__)
#define WARN(m, code, node, rule, ...) REPORT(m, MDEVDESC_WARNING, code, node, rule, __VA_ARGS__)

/* ---- memory, keys, sorting --------------------------------------------- */

static inline void *alloc(md_model *m, size_t n)
{
	void *p = md_alloc(m->arena, n);

	if (!p)
		m->diags->nomem = 1;
	return p;
}

static inline const char *dup(md_model *m, const char *s, size_t n)
{
	char *p = md_strndup(m->arena, s, n);

	if (!p)
		m->diags->nomem = 1;
	return p;
}

static inline int key_is_n(const md_node *k, const char *name, size_t n)
{
	return k->len == n && memcmp(k->str, name, n) == 0;
}

/* @name is a string literal: its length is known at compile time. */
#define key_is(k, name) key_is_n((k), (name), sizeof(name) - 1)

static inline int is_empty_plain(const md_node *n)
{
	return n->kind == MD_SCALAR && n->style == MD_PLAIN && n->len == 0;
}

/*
 * qsort() unless already in order, as entries are usually written.  Keys
 * of a mapping are distinct, so skipping the sort gives the same order.
 */
static inline void sort_unless_sorted(void *base, size_t n, size_t size,
				      int (*cmp)(const void *, const void *))
{
	const char *p = base;
	size_t i;

	for (i = 1; i < n; i++) {
		if (cmp(p + (i - 1) * size, p + i * size) > 0) {
			qsort(base, n, size, cmp);
			return;
		}
	}
}

/* ---- scalars.c --------------------------------------------------------- */

/* Up to 40 characters of a scalar for a message, never splitting UTF-8. */
int md_clip(const md_node *n);
const char *md_kind_name(const md_node *n);
MD_COLD int md_not_scalar(md_model *m, const md_node *n, const char *what, const char *rule);

/* 0 when @n is a scalar; -1 after reporting that it is @what (rule @rule,
 * NULL for R-TYPE-KIND) when it is not. */
static inline int want_scalar(md_model *m, const md_node *n, const char *what, const char *rule)
{
	return n->kind == MD_SCALAR ? 0 : md_not_scalar(m, n, what, rule);
}

/* The row of the quoting table (spec 4.4) that plain @s matches, 0 for none. */
int md_quote_class(const char *s, size_t n);
MD_COLD void md_report_null(md_model *m, const md_node *n);
MD_COLD void md_report_quoting(md_model *m, const md_node *n, int row);
/* The same, saying to write @fix instead of the quoted scalar (NULL). */
MD_COLD void md_report_quoting_as(md_model *m, const md_node *n, int row, const char *fix);
/* Report @n for quoting table row @row (not 0): md_report_null() or
 * md_report_quoting(); returns -1. */
MD_COLD int md_report_row(md_model *m, const md_node *n, int row);
/* No control character in a quoted scalar (spec 4.5) [R-TYPE-STRING]. */
int md_check_chars(md_model *m, const md_node *n);
/* A key of a typed mapping: any row of the quoting table, even row 1. */
int md_check_key(md_model *m, const md_node *k);
/* A string value; NULL after reporting when it is not one. */
const char *md_get_string(md_model *m, const md_node *n, const char *what);

/* The quoting rule for a plain scalar in a string position (spec 4.4, 4.5). */
static inline int check_plain_string(md_model *m, const md_node *n)
{
	int row;

	if (n->style != MD_PLAIN)
		return 0;
	row = md_quote_class(n->str, n->len);
	return row ? md_report_row(m, n, row) : 0;
}

/* Whether @n is a string value; reported when it is not. */
static inline int is_string(md_model *m, const md_node *n, const char *what)
{
	/* A plain scalar holds no control character: the lexer saw to it. */
	return !(want_scalar(m, n, what, NULL) || check_plain_string(m, n) ||
		 (n->style != MD_PLAIN && md_check_chars(m, n)));
}

/* Character classes of the name patterns of spec 5 (bit per pattern). */
enum { C_LOWER = 1, C_DIGIT = 2, C_HYPHEN = 4, C_DOT = 8, C_UNDER = 16 };
extern const unsigned char md_name_classes[256];

/* Whether @s is one character of class @first and then any of class @rest. */
static inline int match_name(const char *s, size_t n, unsigned first, unsigned rest)
{
	size_t i;

	if (n == 0 || !(md_name_classes[(unsigned char)s[0]] & first))
		return 0;
	for (i = 1; i < n; i++)
		if (!(md_name_classes[(unsigned char)s[i]] & rest))
			return 0;
	return 1;
}

/* ---- versions.c -------------------------------------------------------- */

/* Read `mdevdesc: "MAJOR.MINOR"` (spec 5.1); -1 stops the document. */
int md_format_version(md_model *m, const md_node *n, struct mdevdesc_descriptor *d);
/* A version of @parts_wanted parts (0: 2 or 3); -1 after reporting. */
int md_version_scalar(md_model *m, const md_node *n, int parts_wanted,
		      struct mdevdesc_version *v, const char *rule);
/* `accepts` (@allow_range) or `creates`; NULL after reporting. */
struct mdevdesc_version_entry *md_version_list(md_model *m, const md_node *n, int allow_range,
					       size_t *count);
/* spec 5.5: no entry of `creates` (node @list) newer than d->version. */
void md_creates_not_newer(md_model *m, const struct mdevdesc_descriptor *d, const md_node *list);

/* ---- entries.c --------------------------------------------------------- */

/* Items of a one-item-or-list value; *count = 0 and NULL on error. */
const md_node *md_items_of(md_model *m, const md_node *n, size_t *count);
/* The entries of `hw` (@hw) or `params`, and of `features`, sorted by
 * name; NULL when invalid. */
struct mdevdesc_param *md_params(md_model *m, const md_node *n, int hw, size_t *count);
struct mdevdesc_feature *md_features(md_model *m, const md_node *n, size_t *count);

/* ---- hwnames.c --------------------------------------------------------- */

/* spec 5.6: warn when hw entry @p, of key @k, is of a registered name and
 * holds a value of another type or form; read from @value, @accepts (NULL
 * when absent) and @def (NULL) [R-HW-REGISTERED]. */
void md_hw_registered(md_model *m, const md_node *k, const struct mdevdesc_param *p,
		      const md_node *value, const md_node *accepts, const md_node *def);

/* ---- suggest.c --------------------------------------------------------- */

/*
 * The name of @names (@count of them) that @s (@n bytes) is likely a
 * misspelling of: equal but for case and '_' for '-', or within 2 edits;
 * NULL when none is close.
 */
MD_COLD const char *md_suggest(const char *s, size_t n, const char *const *names, size_t count);

/* A message's "; did you mean 'NAME'?" for md_suggest()'s @sug, as the
 * arguments of "%s%s%s" ("" when @sug is NULL). */
#define DID_YOU_MEAN(sug) (sug) ? "; did you mean '" : "", (sug) ? (sug) : "", (sug) ? "'?" : ""

/* ---- extensions.c ------------------------------------------------------ */

/* A place that holds keys: how messages name it, and its own keys. */
struct md_place {
	const char *where;        /* "at the top level", "in this entry" */
	const char *const *keys;  /* its own keys, for "did you mean" */
	size_t n_keys;
};

/* The keys a place keeps beyond its own: `x-` keys, keys of a newer minor. */
struct extras {
	struct mdevdesc_node *v;
	size_t n, cap;
};

/*
 * A key that is not one of the place's own: an `x-` extension, a key of a
 * newer minor (kept as untyped content), or an error.  Returns 1 when the
 * document is invalid because of it.
 */
int md_other_key(md_model *m, struct extras *x, const md_node *k, const struct md_place *place);
int md_cmp_node_key(const void *a, const void *b);

/* Sort @x by key into the `extra` array of a struct. */
static inline void extras_put(struct extras *x, const struct mdevdesc_node **extra,
			      size_t *n_extra)
{
	sort_unless_sorted(x->v, x->n, sizeof(*x->v), md_cmp_node_key);
	*extra = x->v;
	*n_extra = x->n;
}

#endif /* MDEVDESC_BUILD_H */
