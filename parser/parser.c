/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/*
 * parser.c - tokens -> syntax tree for the YAML subset of spec 4.2.
 *
 * A recursive-descent parser over the lexer's tokens, one document at a
 * time, driven by the column of each token: block collections
 * (indentation), flow collections (one line), scalars (one line).  It
 * enforces the structural limits of spec 8 and rejects duplicate keys
 * (keyset.c) and merge keys (scalars.c).  On the first syntax error in a
 * document the rest of the document is skipped: the parser resumes at the
 * next "---" line.  It knows nothing of the descriptor model;
 * validator/model.c reads the tree.
 */
#include <string.h>

#include "parser/parser.h"

/* The current document starts at @off: where its size limit ends. */
static void set_doc_off(md_parser *p, size_t off)
{
	size_t max = p->lim->max_document_size;

	p->doc_end = max > (size_t)-1 - off ? (size_t)-1 : off + max;
	if (p->comments) {
		p->size_end = p->doc_end;
		p->doc_end = 0;
	}
}

static md_node *empty_scalar(md_parser *p, size_t off, uint32_t line)
{
	md_token t;

	memset(&t, 0, sizeof(t));
	t.off = off;
	t.line = line;
	t.p = "";
	t.style = MD_PLAIN;
	return scalar(p, &t, 0);
}

static int enter(md_parser *p, const md_token *t)
{
	uint32_t max = p->lim->max_depth < MD_DEPTH_CEILING ? p->lim->max_depth : MD_DEPTH_CEILING;

	if (++p->depth > max) {
		md_syn_err(p, MDEVDESC_E_LIMIT_DEPTH, t->off, t->line,
			"collections nested deeper than the max_depth limit");
		return -1;
	}
	return 0;
}

static int add_item(md_parser *p, md_node *seq, md_node *item)
{
	if (++seq->count > p->lim->max_entries) {
		md_syn_err(p, MDEVDESC_E_LIMIT_ENTRIES, item->off, item->line,
			"sequence with more entries than the max_entries limit");
		return -1;
	}
	append(seq, item);
	return 0;
}

/*
 * YAML limits an implicit key to 1024 characters up to its ':' (spec 4.2);
 * libyaml rejects a ':' further on.  Columns count characters, and a key
 * and its ':' share a line.
 */
MD_COLD static int key_span_slow(md_parser *p, size_t key_off)
{
	const md_token *colon = &p->tok;

	if (md_column(p->diags, colon->off, NULL) - md_column(p->diags, key_off, NULL) <= 1024)
		return 0;
	md_syn_err(p, MDEVDESC_E_SYNTAX, colon->off, colon->line,
		"':' more than 1024 characters after the start of its key (YAML's limit for implicit keys)");
	return -1;
}

static inline int key_span(md_parser *p, size_t key_off)
{
	return p->tok.off - key_off > 1024 ? key_span_slow(p, key_off) : 0;
}

static md_node *parse_block_node(md_parser *p, long parent);

/* A flow collection on one line (spec 4.2); p->tok is its '[' or '{'. */
static md_node *parse_flow(md_parser *p)
{
	int is_map = p->tok.type == T_LBRACE;
	uint8_t close = is_map ? T_RBRACE : T_RBRACK;
	md_node *coll = new_node(p, is_map ? MD_MAP : MD_SEQ, MD_FLOW, &p->tok);
	size_t open_off = p->tok.off;
	uint32_t open_line = p->tok.line;

	if (!coll || enter(p, &p->tok))
		return NULL;
	next(p);
	for (;;) {
		md_node *item, *val;
		const md_token *at = &p->tok; /* no token is read while it is used */

		if (p->failed)
			return NULL;
		if (p->tok.first || p->tok.type == T_EOF) {
			md_flow_not_closed(p, coll, open_off, open_line);
			return NULL;
		}
		if (p->tok.type == close) {
			next(p);
			p->depth--;
			return coll;
		}
		if (at->type == T_SCALAR) {
			item = scalar(p, at, is_map);
			if (!item)
				return NULL;
			next(p);
		} else if (at->type == T_LBRACK || at->type == T_LBRACE) {
			if (is_map) {
				md_syn_err(p, MDEVDESC_E_COMPLEX_KEY, at->off, at->line,
					"a collection used as a key: keys are single-line scalars");
				return NULL;
			}
			item = parse_flow(p);
		} else {
			md_unexpected(p, is_map ? "a key or '}'" : "a value or ']'");
			return NULL;
		}
		if (!item || p->failed)
			return NULL;
		if (!is_map) {
			if (p->tok.type == T_COLON && !p->tok.first) {
				md_syn_err(p, MDEVDESC_E_MISSING_VALUE, item->off, item->line,
					"'key: value' pair inside a flow sequence: use a flow mapping '{ }'");
				return NULL;
			}
			if (add_item(p, coll, item))
				return NULL;
		} else {
			if (p->tok.type != T_COLON || p->tok.first) {
				if (p->tok.type == T_COMMA || p->tok.type == T_RBRACE)
					md_syn_err(p, MDEVDESC_E_MISSING_VALUE, item->off, item->line,
						"flow mapping entry without ': value'");
				else
					md_unexpected(p, "':'");
				return NULL;
			}
			if (key_span(p, item->off))
				return NULL;
			next(p);
			if (p->failed)
				return NULL;
			if (!at->first && (at->type == T_COMMA || at->type == T_RBRACE)) {
				md_syn_err(p, MDEVDESC_E_MISSING_VALUE, item->off, item->line,
					"flow mapping entry without a value");
				return NULL;
			}
			if (at->first || at->type == T_EOF)
				continue; /* reported as multi-line above */
			if (at->type == T_SCALAR) {
				val = scalar(p, at, 0);
				if (!val)
					return NULL;
				next(p);
			} else if (at->type == T_LBRACK || at->type == T_LBRACE) {
				val = parse_flow(p);
			} else {
				md_unexpected(p, "a value");
				return NULL;
			}
			if (!val || p->failed || add_pair(p, coll, item, val))
				return NULL;
		}
		if (p->tok.first || p->tok.type == T_EOF)
			continue;
		if (p->tok.type == T_COMMA) {
			next(p);
			continue;
		}
		if (p->tok.type != close) {
			md_unexpected(p, is_map ? "',' or '}'" : "',' or ']'");
			return NULL;
		}
	}
}

/* What may follow a complete node on its line: only a line break. */
static int end_of_line(md_parser *p)
{
	if (p->failed)
		return -1;
	if (!p->tok.first && p->tok.type != T_EOF) {
		if (p->tok.type == T_COLON)
			md_syn_err(p, MDEVDESC_E_SYNTAX, p->tok.off, p->tok.line,
				"a mapping cannot start on the line of another key or entry value");
		else
			md_unexpected(p, "end of line");
		return -1;
	}
	return 0;
}

static int ends_document(const md_token *t)
{
	return t->type == T_EOF || t->type == T_DOC_START || t->type == T_DOC_END;
}

/* After a node of a block collection at column @c: anything deeper is wrong. */
static int check_deeper(md_parser *p, uint32_t c, const md_node *last)
{
	if (ends_document(&p->tok) || p->tok.col <= c)
		return 0;
	if (last->kind == MD_SCALAR)
		md_syn_err(p, MDEVDESC_E_MULTILINE_SCALAR, p->tok.off, p->tok.line,
			"line continues the scalar above: scalars are single-line (quote it on one line)");
	else
		md_syn_err(p, MDEVDESC_E_INDENT, p->tok.off, p->tok.line,
			"bad indentation: deeper than the entries above");
	return -1;
}

static md_node *parse_block_seq(md_parser *p, uint32_t c)
{
	md_node *seq = new_node(p, MD_SEQ, MD_BLOCK, &p->tok);

	if (!seq || enter(p, &p->tok))
		return NULL;
	for (;;) {
		size_t dash_off = p->tok.off;
		uint32_t dash_line = p->tok.line;
		md_node *item;

		next(p);
		if (p->failed)
			return NULL;
		if (!p->tok.first && p->tok.type != T_EOF) {
			if (p->tok.type == T_DASH) {
				md_syn_err(p, MDEVDESC_E_SYNTAX, p->tok.off, p->tok.line,
					"compact nested sequence '- -': put the inner sequence on its own lines");
				return NULL;
			}
			item = parse_block_node(p, c);
			if (item && item->style != MD_BLOCK && end_of_line(p))
				return NULL;
		} else if (ends_document(&p->tok) || p->tok.col <= c) {
			item = empty_scalar(p, dash_off + 1, dash_line);
		} else {
			item = parse_block_node(p, c);
		}
		if (!item || p->failed || add_item(p, seq, item))
			return NULL;
		if (check_deeper(p, c, item))
			return NULL;
		if (ends_document(&p->tok) || p->tok.col < c || p->tok.type != T_DASH)
			break;
	}
	p->depth--;
	return seq;
}

/* A block mapping at column @c; @key is its first key, p->tok its ':'. */
static md_node *parse_block_map(md_parser *p, uint32_t c, md_token key)
{
	md_node *map = new_node(p, MD_MAP, MD_BLOCK, &key);

	if (!map || enter(p, &key))
		return NULL;
	for (;;) {
		md_node *k = scalar(p, &key, 1), *v;
		size_t colon_off = p->tok.off;
		uint32_t colon_line = p->tok.line;

		if (!k || key_span(p, key.off))
			return NULL;
		next(p);
		if (p->failed)
			return NULL;
		if (!p->tok.first && p->tok.type != T_EOF) {
			const md_token *at = &p->tok;

			if (at->type == T_SCALAR) {
				v = scalar(p, at, 0);
				if (v)
					next(p);
			} else if (at->type == T_LBRACK || at->type == T_LBRACE) {
				v = parse_flow(p);
			} else if (at->type == T_DASH) {
				md_syn_err(p, MDEVDESC_E_SYNTAX, at->off, at->line,
					"a block sequence cannot start on the line of its key");
				return NULL;
			} else {
				md_unexpected(p, "a value");
				return NULL;
			}
			if (!v || end_of_line(p))
				return NULL;
		} else if (ends_document(&p->tok) || p->tok.col < c ||
			   (p->tok.col == c && p->tok.type != T_DASH)) {
			v = empty_scalar(p, colon_off + 1, colon_line);
		} else if (p->tok.col == c) {
			v = parse_block_seq(p, c); /* "key:\n- item" */
		} else {
			v = parse_block_node(p, c);
		}
		if (!v || p->failed || add_pair(p, map, k, v))
			return NULL;
		if (check_deeper(p, c, v))
			return NULL;
		if (ends_document(&p->tok) || p->tok.col < c)
			break;
		if (p->tok.type == T_LBRACK || p->tok.type == T_LBRACE) {
			md_syn_err(p, MDEVDESC_E_COMPLEX_KEY, p->tok.off, p->tok.line,
				"a collection used as a key: keys are single-line scalars");
			return NULL;
		}
		if (p->tok.type != T_SCALAR) {
			md_unexpected(p, "a key");
			return NULL;
		}
		key = p->tok;
		next(p);
		if (p->failed)
			return NULL;
		if (p->tok.type != T_COLON || p->tok.first) {
			if (p->tok.first || p->tok.type == T_EOF)
				md_syn_err(p, MDEVDESC_E_SYNTAX, key.off, key.line,
					"expected ':' after this key");
			else
				md_unexpected(p, "':'");
			return NULL;
		}
	}
	p->depth--;
	return map;
}

/*
 * A block node whose first token is p->tok, in a collection at column
 * @parent (-1 at the document root).
 */
static md_node *parse_block_node(md_parser *p, long parent)
{
	md_token t = p->tok;
	md_node *n;

	(void)parent;
	switch (t.type) {
	case T_DASH:
		return parse_block_seq(p, t.col);
	case T_LBRACK:
	case T_LBRACE:
		n = parse_flow(p);
		if (n && p->tok.type == T_COLON && !p->tok.first) {
			md_syn_err(p, MDEVDESC_E_COMPLEX_KEY, t.off, t.line,
				"a collection used as a key: keys are single-line scalars");
			return NULL;
		}
		return n;
	case T_SCALAR:
		next(p);
		if (p->failed)
			return NULL;
		if (p->tok.type == T_COLON && !p->tok.first)
			return parse_block_map(p, t.col, t);
		return scalar(p, &t, 0);
	case T_COLON:
		md_syn_err(p, MDEVDESC_E_SYNTAX, t.off, t.line, "':' without a key");
		return NULL;
	default:
		md_unexpected(p, "a value");
		return NULL;
	}
}

void md_parser_init(md_parser *p, const char *buf, size_t len, const mdevdesc_limits *lim,
		    md_diags *diags)
{
	memset(p, 0, sizeof(*p));
	md_lex_init(&p->lx, buf, len);
	p->len = len;
	p->lim = lim;
	p->diags = diags;
	p->tok.type = T_ERROR; /* no token read yet */
}

int md_parse_document(md_parser *p, md_syntax_doc *doc)
{
	memset(doc, 0, sizeof(*doc));
	p->failed = 0;
	p->depth = 0;
	p->diags->document = p->ndocs;
	p->diags->doc_first = p->diags->n;
	if (p->fatal)
		return 0;
	if (p->comments)
		p->comments_mark = p->comments->n;
	set_doc_off(p, (size_t)(p->lx.cur - p->lx.buf));
	if (p->tok.type == T_ERROR)
		next(p);
	while (!p->failed && p->tok.type == T_DOC_END) {
		/* Another "..." after a document's end is allowed; one before any
		 * document is not (libyaml reads an empty document there). */
		if (!p->after_end) {
			md_syn_err(p, MDEVDESC_E_DOCUMENT_MARKER, p->tok.off, p->tok.line,
				"'...' ends a document, but no document comes before it");
			break;
		}
		next(p);
	}
	if (!p->failed && p->tok.type == T_EOF)
		return 0;
	if (++p->ndocs > p->lim->max_documents) {
		p->failed = 0;
		md_syn_err(p, MDEVDESC_E_LIMIT_DOCUMENTS, p->tok.off, p->tok.line,
			"more documents than the max_documents limit; the rest of the input is not read");
		p->fatal = MDEVDESC_E_LIMIT_DOCUMENTS;
		return 0;
	}
	if (p->failed)
		goto fail;
	doc->off = p->tok.off;
	doc->line = p->tok.line;
	set_doc_off(p, p->tok.off);
	if (p->after_end && p->tok.type != T_DOC_START) {
		md_syn_err(p, MDEVDESC_E_DOCUMENT_MARKER, p->tok.off, p->tok.line,
			"a document after '...' must start with '---'");
		goto fail;
	}
	p->after_end = 0;
	if (p->tok.type == T_DOC_START) {
		md_token marker = p->tok;

		doc->explicit_start = 1;
		next(p);
		if (p->failed)
			goto fail;
		if (!p->tok.first && p->tok.type != T_EOF) {
			md_syn_err(p, MDEVDESC_E_DOCUMENT_MARKER, p->tok.off, p->tok.line,
				"content on the line of '---': start it on the next line");
			goto fail;
		}
		if (ends_document(&p->tok))
			doc->root = empty_scalar(p, marker.off, marker.line);
	}
	if (!doc->root) {
		doc->root = parse_block_node(p, -1);
		if (!doc->root || p->failed)
			goto fail;
		if (doc->root->kind == MD_SCALAR || doc->root->style == MD_FLOW)
			if (end_of_line(p))
				goto fail;
		if (!ends_document(&p->tok)) {
			if (doc->root->kind == MD_SCALAR && p->tok.col > 0)
				md_syn_err(p, MDEVDESC_E_MULTILINE_SCALAR, p->tok.off, p->tok.line,
					"line continues the scalar above: scalars are single-line");
			else
				md_unexpected(p, "end of document ('---', '...' or end of input)");
			goto fail;
		}
	}
	if (!doc->root)
		goto fail;
	if (p->tok.type == T_DOC_END) {
		doc->explicit_end = 1;
		next(p);
		if (p->failed)
			goto fail;
		if (!p->tok.first && p->tok.type != T_EOF) {
			md_syn_err(p, MDEVDESC_E_DOCUMENT_MARKER, p->tok.off, p->tok.line,
				"content on the line of '...'");
			goto fail;
		}
		p->after_end = 1;
	}
	return 1;
fail:
	doc->root = NULL;
	p->after_end = 0;
	if (p->comments) /* an invalid document keeps no comment */
		p->comments->n = p->comments_mark;
	if (p->fatal)
		return 1;
	if (p->tok.type != T_DOC_START) {
		md_lex_skip_document(&p->lx);
		p->tok.type = T_ERROR;
		p->gap = p->lx.cur; /* the skipped text's '#' are not comments */
		p->gap_line = p->lx.line;
	}
	return 1;
}
