/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/*
 * comments.c - comments kept with their documents (MDEVDESC_KEEP_COMMENTS)
 * and canonical text with comments (mdevdesc_doc_write).
 *
 * The lexer records every comment of the input (md_comment_log); while each
 * document's syntax tree exists, md_marks_add() records the line and path
 * of each of its keys; md_comments_attach() then gives each comment its
 * place by the rules of mdevdesc.h.  mdevdesc_doc_write() places them in
 * the canonical text, whose key of each line it reads back from the
 * indentation (spec 11.2: two spaces per level, one key per line).
 */
#include <string.h>

#include "validator/model.h"

static int marks_push(md_key_marks *km, md_arena *arena, uint32_t line, size_t doc,
		      const char *path)
{
	if (km->n == km->cap) {
		size_t cap = km->cap ? km->cap * 2 : 64;
		md_key_mark *v = md_alloc(arena, cap * sizeof(*v));

		if (!v)
			return -1;
		if (km->n)
			memcpy(v, km->v, km->n * sizeof(*v));
		km->v = v;
		km->cap = cap;
	}
	km->v[km->n].line = line;
	km->v[km->n].doc = doc;
	km->v[km->n++].path = path;
	return 0;
}

static void marks_walk(md_key_marks *km, md_arena *arena, const md_node *n, const char *prefix,
		       size_t doc)
{
	const md_node *c;

	if (km->nomem || !n || n->kind == MD_SCALAR)
		return;
	if (n->kind == MD_SEQ) {
		for (c = n->child; c; c = c->next)
			marks_walk(km, arena, c, prefix, doc);
		return;
	}
	for (c = n->child; c && c->next; c = c->next->next) {
		size_t pl = strlen(prefix), kl = c->kind == MD_SCALAR ? c->len : 0;
		char *path = md_alloc(arena, pl + kl + 2);

		if (!path || marks_push(km, arena, c->line, doc, path)) {
			km->nomem = 1;
			return;
		}
		memcpy(path, prefix, pl);
		if (pl)
			path[pl++] = '.';
		if (kl)
			memcpy(path + pl, c->str, kl);
		path[pl + kl] = '\0';
		marks_walk(km, arena, c->next, path, doc);
	}
}

void md_marks_add(md_key_marks *km, md_arena *arena, const md_node *root, size_t doc)
{
	marks_walk(km, arena, root, "", doc);
}

/* Place @c by the marks: its document in *@doc, its place and path in *@out. */
static void attach_one(const md_raw_comment *c, const md_key_marks *km, size_t *j, size_t ndocs,
		       size_t *doc, mdevdesc_comment *out)
{
	const md_key_mark *m = km->v;
	size_t i;

	while (*j < km->n && m[*j].line < c->line)
		(*j)++;
	i = *j;
	out->len = c->n;
	out->line = c->line;
	out->trailing = c->trailing;
	out->path = "";
	if (c->trailing && i < km->n && m[i].line == c->line) {
		out->place = MDEVDESC_COMMENT_TRAILING, out->path = m[i].path, *doc = m[i].doc;
		return;
	}
	if (c->trailing && i > 0 && (i == km->n || m[i].doc == m[i - 1].doc)) {
		out->place = MDEVDESC_COMMENT_TRAILING, out->path = m[i - 1].path,
		*doc = m[i - 1].doc;
		return;
	}
	if (i == km->n) {
		out->place = MDEVDESC_COMMENT_END;
		*doc = km->n ? m[km->n - 1].doc : ndocs - 1;
	} else if (i == 0 || m[i - 1].doc != m[i].doc) {
		out->place = MDEVDESC_COMMENT_START, *doc = m[i].doc;
	} else {
		out->place = MDEVDESC_COMMENT_BEFORE, out->path = m[i].path, *doc = m[i].doc;
	}
}

int md_comments_attach(const md_comment_log *log, const md_key_marks *km, md_arena *arena,
		       struct mdevdesc_doc **docs, size_t n)
{
	mdevdesc_comment *v;
	size_t i, j = 0, doc = 0;

	if (log->nomem || km->nomem)
		return -1;
	if (!log->n || !n)
		return 0;
	v = md_alloc(arena, log->n * sizeof(*v));
	if (!v)
		return -1;
	/* Documents come in input order, and so do the comments' documents. */
	for (i = 0; i < log->n; i++) {
		attach_one(&log->v[i], km, &j, n, &doc, &v[i]);
		v[i].text = md_strndup(arena, log->v[i].p, log->v[i].n);
		if (!v[i].text)
			return -1;
		if (doc < n && docs[doc]) {
			if (!docs[doc]->comments)
				docs[doc]->comments = &v[i];
			if (docs[doc]->comments + docs[doc]->ncomments == &v[i])
				docs[doc]->ncomments++;
		}
	}
	return 0;
}

size_t mdevdesc_doc_comment_count(const mdevdesc_doc *d)
{
	return d ? d->ncomments : 0;
}

const mdevdesc_comment *mdevdesc_doc_comment(const mdevdesc_doc *d, size_t i)
{
	return d && i < d->ncomments ? &d->comments[i] : NULL;
}

/* ---- writing ------------------------------------------------------------ */

#define MAX_LEVELS 8

/* One line of canonical text and the key path it stands for. */
typedef struct cline {
	const char *p;
	size_t n, indent;
	size_t depth;                 /* levels in key[] */
	const char *key[MAX_LEVELS];
	size_t klen[MAX_LEVELS];
} cline;

/* Read the line at @p (of @end) into @l, after the line before it in @l. */
static const char *cline_next(cline *l, const char *p, const char *end)
{
	const char *e = memchr(p, '\n', (size_t)(end - p));
	size_t in = 0, lvl, k;

	if (!e)
		e = end;
	while (p + in < e && p[in] == ' ')
		in++;
	lvl = in / 2 < MAX_LEVELS - 1 ? in / 2 : MAX_LEVELS - 1;
	for (k = in; p + k < e && !(p[k] == ':' && (p + k + 1 == e || p[k + 1] == ' ')); k++)
		;
	l->p = p, l->n = (size_t)(e - p), l->indent = in;
	l->key[lvl] = p + in, l->klen[lvl] = k - in;
	l->depth = lvl + 1;
	return e < end ? e + 1 : e;
}

/* Levels of @path that @l's key path matches (all of @l's, or 0). */
static size_t cline_match(const cline *l, const char *path)
{
	size_t lvl;

	for (lvl = 0; lvl < l->depth; lvl++) {
		size_t n = strcspn(path, ".");

		if (n != l->klen[lvl] || memcmp(path, l->key[lvl], n) != 0)
			return 0;
		path += n;
		if (*path == '.')
			path++;
		else if (lvl + 1 < l->depth)
			return 0;
	}
	return l->depth + (*path == '\0'); /* one more for an exact match */
}

/* The line of @text (lines@nl) that best takes @c; nl when none.  *@exact. */
static size_t target_line(const char *text, size_t len, const mdevdesc_comment *c, int *exact)
{
	cline l;
	const char *p = text, *end = text + len;
	size_t i = 0, best = (size_t)-1, best_score = 0;

	memset(&l, 0, sizeof(l));
	*exact = 0;
	while (p < end) {
		size_t score;

		p = cline_next(&l, p, end);
		score = cline_match(&l, c->path);
		if (score > best_score) {
			best_score = score, best = i;
			*exact = score == l.depth + 1;
		}
		i++;
	}
	return best;
}

typedef struct placed {
	size_t line;
	int exact;
} placed;

static void put(mdevdesc_write_fn w, void *ctx, const char *s, size_t n)
{
	if (n)
		w(ctx, s, n);
}

static void put_comments(const mdevdesc_doc *d, const placed *pl, size_t line, size_t indent,
			 mdevdesc_write_fn w, void *ctx, int *taken)
{
	size_t i;

	for (i = 0; i < d->ncomments; i++) {
		const mdevdesc_comment *c = &d->comments[i];

		if (pl[i].line != line)
			continue;
		if (c->place == MDEVDESC_COMMENT_TRAILING && pl[i].exact && !*taken) {
			*taken = 1;
			continue;
		}
		put(w, ctx, "                ", indent < 16 ? indent : 16);
		put(w, ctx, c->text, c->len);
		put(w, ctx, "\n", 1);
	}
}

static void put_trailing(const mdevdesc_doc *d, const placed *pl, size_t line,
			 mdevdesc_write_fn w, void *ctx)
{
	size_t i;

	for (i = 0; i < d->ncomments; i++) {
		const mdevdesc_comment *c = &d->comments[i];

		if (pl[i].line == line && c->place == MDEVDESC_COMMENT_TRAILING && pl[i].exact) {
			put(w, ctx, "  ", 2);
			put(w, ctx, c->text, c->len);
			return;
		}
	}
}

/* Write @text (canonical, @nl lines) with @d's comments placed by @pl. */
static void write_placed(const mdevdesc_doc *d, const char *text, size_t len, size_t nl,
			 const placed *pl, mdevdesc_write_fn w, void *ctx)
{
	const char *p = text, *end = text + len;
	cline l;
	size_t i = 0;
	int taken;

	memset(&l, 0, sizeof(l));
	put_comments(d, pl, (size_t)-2, 0, w, ctx, &taken); /* START */
	while (p < end) {
		const char *next = cline_next(&l, p, end);

		taken = 0;
		put_comments(d, pl, i, l.indent, w, ctx, &taken);
		put(w, ctx, l.p, l.n);
		if (taken)
			put_trailing(d, pl, i, w, ctx);
		put(w, ctx, "\n", next > p + l.n ? 1 : 0);
		p = next;
		i++;
	}
	put_comments(d, pl, nl, 0, w, ctx, &taken); /* END and the homeless */
}

mdevdesc_code mdevdesc_doc_write(const mdevdesc_doc *d, mdevdesc_write_fn w, void *ctx)
{
	long need;
	char *text;
	placed *pl;
	size_t i, nl = 0, len;

	if (!d || !w || !d->alc)
		return MDEVDESC_E_INVALID_ARGUMENT;
	need = mdevdesc_emit(&d->d, NULL, 0);
	if (need < 0)
		return MDEVDESC_E_INVALID_ARGUMENT;
	len = (size_t)need;
	text = d->alc->malloc(d->alc->ctx,
			      ((len + 1 + 7) & ~(size_t)7) + (d->ncomments + 1) * sizeof(placed));
	if (!text)
		return MDEVDESC_E_NOMEM;
	mdevdesc_emit(&d->d, text, len + 1);
	for (i = 0; i < len; i++)
		nl += text[i] == '\n';
	nl += len && text[len - 1] != '\n';
	pl = (placed *)(void *)(text + ((len + 1 + 7) & ~(size_t)7));
	for (i = 0; i < d->ncomments; i++) {
		const mdevdesc_comment *c = &d->comments[i];

		pl[i].exact = 0;
		if (c->place == MDEVDESC_COMMENT_START)
			pl[i].line = (size_t)-2;
		else if (c->place == MDEVDESC_COMMENT_END)
			pl[i].line = nl;
		else if ((pl[i].line = target_line(text, len, c, &pl[i].exact)) == (size_t)-1)
			pl[i].line = nl;
	}
	write_placed(d, text, len, nl, pl, w, ctx);
	d->alc->free(d->alc->ctx, text);
	return MDEVDESC_OK;
}
