/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/*
 * events.c - the event stream of the YAML test suite (+DOC, +MAP, =VAL
 * ...) for a syntax tree, which mdevdesc_events() and the differential
 * test against libyaml compare.
 */
#include <string.h>

#include "parser/parser.h"

static void ev_scalar(const md_node *n, md_write_fn w, void *ctx)
{
	size_t i, run = 0;
	const char *s = n->str;

	w(ctx, "=VAL ", 5);
	w(ctx, n->style == MD_SQUOTE ? "'" : n->style == MD_DQUOTE ? "\"" : ":", 1);
	for (i = 0; i < n->len; i++) {
		const char *esc = NULL;
		switch (s[i]) {
		case '\\': esc = "\\\\"; break;
		case '\0': esc = "\\0"; break;
		case '\b': esc = "\\b"; break;
		case '\n': esc = "\\n"; break;
		case '\r': esc = "\\r"; break;
		case '\t': esc = "\\t"; break;
		default: break;
		}
		if (esc) {
			if (run)
				w(ctx, s + i - run, run);
			run = 0;
			w(ctx, esc, strlen(esc));
		} else {
			run++;
		}
	}
	if (run)
		w(ctx, s + n->len - run, run);
	w(ctx, "\n", 1);
}

static void ev_node(const md_node *n, md_write_fn w, void *ctx)
{
	const md_node *c;

	if (n->kind == MD_SCALAR) {
		ev_scalar(n, w, ctx);
		return;
	}
	if (n->kind == MD_MAP)
		w(ctx, n->style == MD_FLOW ? "+MAP {}\n" : "+MAP\n", n->style == MD_FLOW ? 8 : 5);
	else
		w(ctx, n->style == MD_FLOW ? "+SEQ []\n" : "+SEQ\n", n->style == MD_FLOW ? 8 : 5);
	for (c = n->child; c; c = c->next)
		ev_node(c, w, ctx);
	w(ctx, n->kind == MD_MAP ? "-MAP\n" : "-SEQ\n", 5);
}

void md_events_document(const md_syntax_doc *doc, md_write_fn w, void *ctx)
{
	if (doc->explicit_start)
		w(ctx, "+DOC ---\n", 9);
	else
		w(ctx, "+DOC\n", 5);
	ev_node(doc->root, w, ctx);
	if (doc->explicit_end)
		w(ctx, "-DOC ...\n", 9);
	else
		w(ctx, "-DOC\n", 5);
}
