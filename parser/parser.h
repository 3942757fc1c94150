/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/*
 * parser.h - what the files of the parser share, included by them only:
 * syntax errors, the next token, and new nodes, scalars and mapping
 * entries, with their common cases inline and the rest in the file of its
 * concern:
 *
 *   parser.c   tokens -> syntax tree: block and flow collections, documents
 *   errors.c   syntax errors: the rule of each code, the lexer's messages
 *   scalars.c  scalar nodes past the common case: limits, escapes, merge keys
 *   keyset.c   mapping entries past the common case: duplicate keys
 *   events.c   the YAML test suite event stream of a tree
 */
#ifndef MDEVDESC_PARSER_H
#define MDEVDESC_PARSER_H

#include "parser/syntax.h"

/* ---- syntax errors (errors.c) ----------------------------------------- */

/* Report the document's first syntax error; later ones are not reported. */
MD_COLD void md_syn_err(md_parser *p, mdevdesc_code code, size_t off, uint32_t line,
			const char *msg);
/* "expected @expected, found <the current token>". */
MD_COLD void md_unexpected(md_parser *p, const char *expected);
/* Flow collection @coll, opened at @off on @line, is not closed on that line. */
MD_COLD void md_flow_not_closed(md_parser *p, const md_node *coll, size_t off, uint32_t line);
/* next()'s rare cases: a lexer error, or a token past the document size limit. */
MD_COLD void md_next_check(md_parser *p);

/* ---- tokens and nodes ------------------------------------------------- */

/* Read the next token into p->tok. */
static inline void next(md_parser *p)
{
	md_lex(&p->lx, &p->tok);
	if (p->tok.type == T_ERROR || p->tok.off + p->tok.n > p->doc_end)
		md_next_check(p);
}

static inline md_node *new_node(md_parser *p, uint8_t kind, uint8_t style, const md_token *t)
{
	md_node *n = md_alloc(p->arena, sizeof(*n));

	if (!n) {
		md_syn_err(p, MDEVDESC_E_NOMEM, t->off, t->line, "out of memory");
		p->fatal = MDEVDESC_E_NOMEM;
		return NULL;
	}
	*n = (md_node){ .kind = kind, .style = style, .line = t->line, .off = t->off };
	return n;
}

static inline void append(md_node *parent, md_node *child)
{
	if (parent->last)
		parent->last->next = child;
	else
		parent->child = child;
	parent->last = child;
}

/* ---- scalar nodes (scalars.c) ----------------------------------------- */

/* scalar()'s rare cases: a limit, escapes, a merge key. */
MD_COLD md_node *md_scalar_slow(md_parser *p, const md_token *t, int is_key);

/*
 * The node of scalar token @t (@is_key: a mapping key).  The common case is
 * inlined into the callers; the rest is md_scalar_slow().  A quoted scalar's
 * node starts at its opening quote, which is where its token starts.
 */
static inline md_node *scalar(md_parser *p, const md_token *t, int is_key)
{
	md_node *n;

	if (t->n > p->lim->max_scalar_length || t->escaped ||
	    (is_key && (t->n > p->lim->max_key_length || (t->n == 2 && t->p[0] == '<'))))
		return md_scalar_slow(p, t, is_key);
	n = new_node(p, MD_SCALAR, t->style, t);
	if (n) {
		n->str = t->p;
		n->len = t->n;
	}
	return n;
}

/* ---- mapping entries (keyset.c) --------------------------------------- */

/* The number of keys from which a mapping keeps them in a hash set. */
#define MD_KEYSET_MIN 16

/*
 * A key's signature for the small-mapping filter: keys of different
 * signatures differ, so a key whose bit is not yet set needs no search.
 */
static inline uint64_t key_bit(const md_node *k)
{
	unsigned h = (unsigned)k->len * 7;

	if (k->len)
		h += (unsigned char)k->str[0] * 3u + (unsigned char)k->str[k->len - 1];
	return (uint64_t)1 << (h & 63);
}

/* add_pair() when the key may be a duplicate, the mapping is large or full. */
int md_add_pair_search(md_parser *p, md_node *map, md_node *key, md_node *val);

/*
 * Add @key: @val to @map unless the key is already there (spec 4.3).  The
 * common case, a small mapping and a key whose signature is new, is
 * inlined; md_add_pair_search() does the rest.
 */
static inline int add_pair(md_parser *p, md_node *map, md_node *key, md_node *val)
{
	uint64_t bit = key_bit(key);

	if (map->count >= MD_KEYSET_MIN || (map->seen & bit) || map->count >= p->lim->max_entries)
		return md_add_pair_search(p, map, key, val);
	map->seen |= bit;
	map->count++;
	append(map, key);
	append(map, val);
	return 0;
}

#endif /* MDEVDESC_PARSER_H */
