/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/*
 * parser.c - tokens -> syntax tree for the YAML subset of spec 4.2.
 *
 * A recursive-descent parser over the lexer's tokens, one document at a
 * time, driven by the column of each token: block collections
 * (indentation), flow collections (one line), scalars (one line).  It
 * enforces the structural limits of spec 8 and rejects duplicate keys and
 * merge keys.  On the first syntax error in a document the rest of the
 * document is skipped: the parser resumes at the next "---" line.  It
 * knows nothing of the descriptor model; validator/model.c reads the tree.
 */
#include <stdio.h>
#include <string.h>

#include "parser/syntax.h"

static const char *syntax_rule(mdevdesc_code code)
{
	switch (code) {
	case MDEVDESC_E_UTF8: return "R-CHAR-UTF8";
	case MDEVDESC_E_CONTROL_CHAR: return "R-CHAR-PRINTABLE";
	case MDEVDESC_E_BOM: return "R-CHAR-BOM";
	case MDEVDESC_E_LONE_CR: return "R-CHAR-EOL";
	case MDEVDESC_E_TAB: return "R-CHAR-TAB";
	case MDEVDESC_E_INDENT: return "R-SYNTAX-INDENT";
	case MDEVDESC_E_ANCHOR: return "R-SYNTAX-ANCHOR";
	case MDEVDESC_E_ALIAS: return "R-SYNTAX-ALIAS";
	case MDEVDESC_E_TAG: return "R-SYNTAX-TAG";
	case MDEVDESC_E_DIRECTIVE: return "R-SYNTAX-DIRECTIVE";
	case MDEVDESC_E_COMPLEX_KEY: return "R-SYNTAX-COMPLEX-KEY";
	case MDEVDESC_E_BLOCK_SCALAR: return "R-SYNTAX-BLOCK-SCALAR";
	case MDEVDESC_E_RESERVED_INDICATOR: return "R-SYNTAX-RESERVED";
	case MDEVDESC_E_UNTERMINATED_QUOTE: return "R-SYNTAX-QUOTE";
	case MDEVDESC_E_BAD_ESCAPE: return "R-SYNTAX-ESCAPE";
	case MDEVDESC_E_MULTILINE_SCALAR: return "R-SYNTAX-SINGLE-LINE";
	case MDEVDESC_E_MULTILINE_FLOW: return "R-SYNTAX-SINGLE-LINE";
	case MDEVDESC_E_DUPLICATE_KEY: return "R-SYNTAX-DUPLICATE-KEY";
	case MDEVDESC_E_MERGE_KEY: return "R-SYNTAX-MERGE-KEY";
	case MDEVDESC_E_MISSING_VALUE: return "R-SYNTAX-FLOW-VALUE";
	case MDEVDESC_E_DOCUMENT_MARKER: return "R-SYNTAX-MARKER";
	case MDEVDESC_E_LIMIT_DOCUMENT_SIZE: return "R-LIMIT-DOCUMENT-SIZE";
	case MDEVDESC_E_LIMIT_DEPTH: return "R-LIMIT-DEPTH";
	case MDEVDESC_E_LIMIT_KEY_LENGTH: return "R-LIMIT-KEY-LENGTH";
	case MDEVDESC_E_LIMIT_SCALAR_LENGTH: return "R-LIMIT-SCALAR-LENGTH";
	case MDEVDESC_E_LIMIT_DOCUMENTS: return "R-LIMIT-DOCUMENTS";
	case MDEVDESC_E_LIMIT_ENTRIES: return "R-LIMIT-ENTRIES";
	default: return "R-SYNTAX-GRAMMAR";
	}
}

/* The message of an error the lexer found. */
static const char *lex_message(mdevdesc_code code)
{
	switch (code) {
	case MDEVDESC_E_UTF8: return "invalid UTF-8 byte sequence";
	case MDEVDESC_E_CONTROL_CHAR:
		return "non-printable character (control characters, U+2028, U+2029 and U+FFFE/U+FFFF are not allowed)";
	case MDEVDESC_E_BOM: return "byte order mark (U+FEFF) is allowed only as the first character";
	case MDEVDESC_E_LONE_CR: return "carriage return not followed by a line feed; lines end with LF or CRLF";
	case MDEVDESC_E_TAB: return "tab character; indent and separate with spaces (tabs only inside comments and quotes)";
	case MDEVDESC_E_ANCHOR: return "anchor ('&'): anchors and aliases are not part of the mdevdesc YAML subset";
	case MDEVDESC_E_ALIAS: return "alias ('*'): anchors and aliases are not part of the mdevdesc YAML subset; quote a value that starts with '*'";
	case MDEVDESC_E_TAG: return "tag ('!'): tags are not part of the mdevdesc YAML subset; quote a value that starts with '!'";
	case MDEVDESC_E_DIRECTIVE: return "directive ('%'): directives are not part of the mdevdesc YAML subset";
	case MDEVDESC_E_RESERVED_INDICATOR: return "reserved indicator ('@', '`' or '%'): quote the value";
	case MDEVDESC_E_COMPLEX_KEY: return "complex key ('? '): keys are single-line scalars";
	case MDEVDESC_E_BLOCK_SCALAR: return "block scalar ('|' or '>'): scalars are single-line; quote the value";
	case MDEVDESC_E_UNTERMINATED_QUOTE: return "quoted scalar not closed on the line where it opens";
	case MDEVDESC_E_BAD_ESCAPE: return "invalid escape sequence in a double-quoted scalar";
	case MDEVDESC_E_MULTILINE_SCALAR: return "escaped line break: scalars are single-line";
	default: return "unexpected character";
	}
}

MD_COLD static void syn_err(md_parser *p, mdevdesc_code code, size_t off, uint32_t line, const char *msg)
{
	if (p->failed)
		return;
	p->failed = 1;
	md_diag(p->diags, code, MDEVDESC_ERROR, off, line, "", syntax_rule(code), "%s", msg);
}

/* The current document starts at @off: where its size limit ends. */
static void set_doc_off(md_parser *p, size_t off)
{
	size_t max = p->lim->max_document_size;

	p->doc_end = max > (size_t)-1 - off ? (size_t)-1 : off + max;
}

/* next()'s rare cases: a lexer error, or a token past the document size limit. */
MD_COLD static void next_check(md_parser *p)
{
	md_token *t = &p->tok;

	if (t->type == T_ERROR) {
		uint32_t line = p->lx.line;
		const char *msg = lex_message(t->err);

		if (t->err == MDEVDESC_E_UNTERMINATED_QUOTE)
			line = t->line;
		else if (t->err == MDEVDESC_E_SYNTAX) {
			const unsigned char c = p->lx.buf[t->err_off];
			msg = c == '#' ? "'#' starts a comment only after a space"
			    : c == ':' ? "':' inside a flow collection must be followed by a space; quote the value"
			    : c == '-' ? "'- ' block entry inside a flow collection"
			    : c == '?' ? "'?' inside a flow collection: quote the value"
			    : "unexpected character";
		}
		syn_err(p, t->err, t->err_off, line, msg);
		return;
	}
	if (t->type != T_EOF) {
		syn_err(p, MDEVDESC_E_LIMIT_DOCUMENT_SIZE, t->off, t->line,
			"document larger than the max_document_size limit");
	}
}

/* Read the next token into p->tok. */
static inline void next(md_parser *p)
{
	md_lex(&p->lx, &p->tok);
	if (p->tok.type == T_ERROR || p->tok.off + p->tok.n > p->doc_end)
		next_check(p);
}

static const char *tok_name(const md_token *t)
{
	switch (t->type) {
	case T_EOF: return "end of input";
	case T_DOC_START: return "'---'";
	case T_DOC_END: return "'...'";
	case T_DASH: return "'- '";
	case T_COLON: return "':'";
	case T_LBRACK: return "'['";
	case T_RBRACK: return "']'";
	case T_LBRACE: return "'{'";
	case T_RBRACE: return "'}'";
	case T_COMMA: return "','";
	case T_SCALAR: return "a scalar";
	default: return "an invalid token";
	}
}

MD_COLD static void unexpected(md_parser *p, const char *expected)
{
	char msg[160];
	size_t n = strlen(expected);

	memcpy(msg, "expected ", 9);
	if (n > 100)
		n = 100;
	memcpy(msg + 9, expected, n);
	n += 9;
	memcpy(msg + n, ", found ", 8);
	n += 8;
	{
		const char *f = tok_name(&p->tok);
		size_t m = strlen(f);
		memcpy(msg + n, f, m + 1);
	}
	syn_err(p, MDEVDESC_E_SYNTAX, p->tok.off, p->tok.line, msg);
}

static inline md_node *new_node(md_parser *p, uint8_t kind, uint8_t style, const md_token *t)
{
	md_node *n = md_alloc(p->arena, sizeof(*n));

	if (!n) {
		syn_err(p, MDEVDESC_E_NOMEM, t->off, t->line, "out of memory");
		p->fatal = MDEVDESC_E_NOMEM;
		return NULL;
	}
	*n = (md_node){ .kind = kind, .style = style, .line = t->line, .off = t->off };
	return n;
}

static void append(md_node *parent, md_node *child)
{
	if (parent->last)
		parent->last->next = child;
	else
		parent->child = child;
	parent->last = child;
}

static int put_utf8(char *o, uint32_t cp)
{
	if (cp < 0x80) {
		o[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (char)(0xC0 | (cp >> 6));
		o[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (char)(0xE0 | (cp >> 12));
		o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (char)(0xF0 | (cp >> 18));
	o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

static uint32_t hexval(const char *s, int n)
{
	uint32_t v = 0;
	int i;

	for (i = 0; i < n; i++) {
		char c = s[i];
		v = v * 16 + (uint32_t)(c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
	}
	return v;
}

/* Decode the escapes of a quoted scalar (spec 4.2); the lexer checked the form. */
static int decode(md_parser *p, const md_token *t, md_node *n)
{
	/* \L and \P write three bytes for two: at most 3/2 of the input. */
	char *o = md_alloc(p->arena, t->n + t->n / 2 + 1), *start = o;
	const char *s = t->p, *e = t->p + t->n;

	if (!o) {
		syn_err(p, MDEVDESC_E_NOMEM, t->off, t->line, "out of memory");
		p->fatal = MDEVDESC_E_NOMEM;
		return -1;
	}
	while (s < e) {
		if (t->style == MD_SQUOTE) {
			if (*s == '\'')
				s++;
			*o++ = *s++;
			continue;
		}
		if (*s != '\\') {
			*o++ = *s++;
			continue;
		}
		s++;
		switch (*s++) {
		case '0': *o++ = '\0'; break;
		case 'a': *o++ = '\a'; break;
		case 'b': *o++ = '\b'; break;
		case 't': case '\t': *o++ = '\t'; break;
		case 'n': *o++ = '\n'; break;
		case 'v': *o++ = '\v'; break;
		case 'f': *o++ = '\f'; break;
		case 'r': *o++ = '\r'; break;
		case 'e': *o++ = '\x1b'; break;
		case ' ': *o++ = ' '; break;
		case '"': *o++ = '"'; break;
		case '/': *o++ = '/'; break;
		case '\\': *o++ = '\\'; break;
		case 'N': o += put_utf8(o, 0x85); break;
		case '_': o += put_utf8(o, 0xA0); break;
		case 'L': o += put_utf8(o, 0x2028); break;
		case 'P': o += put_utf8(o, 0x2029); break;
		default: {
			int w = s[-1] == 'x' ? 2 : s[-1] == 'u' ? 4 : 8;
			uint32_t cp = hexval(s, w);

			if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) {
				syn_err(p, MDEVDESC_E_BAD_ESCAPE, t->off + (size_t)(s - 2 - t->p) + 1,
					t->line, "escape of a surrogate or of a code point above U+10FFFF");
				return -1;
			}
			o += put_utf8(o, cp);
			s += w;
			break;
		}
		}
	}
	*o = '\0';
	n->str = start;
	n->len = (size_t)(o - start);
	return 0;
}

/* scalar()'s rare cases: a limit, escapes, a merge key. */
MD_COLD static md_node *scalar_slow(md_parser *p, const md_token *t, int is_key)
{
	md_node *n;

	if (is_key && t->n > p->lim->max_key_length) {
		syn_err(p, MDEVDESC_E_LIMIT_KEY_LENGTH, t->off, t->line,
			"key longer than the max_key_length limit");
		return NULL;
	}
	if (t->n > p->lim->max_scalar_length) {
		syn_err(p, MDEVDESC_E_LIMIT_SCALAR_LENGTH, t->off, t->line,
			"scalar longer than the max_scalar_length limit");
		return NULL;
	}
	n = new_node(p, MD_SCALAR, t->style, t);
	if (!n)
		return NULL;
	if (t->escaped) {
		if (decode(p, t, n))
			return NULL;
	} else {
		n->str = t->p;
		n->len = t->n;
	}
	if (is_key && t->style == MD_PLAIN && t->n == 2 && t->p[0] == '<' && t->p[1] == '<') {
		syn_err(p, MDEVDESC_E_MERGE_KEY, t->off, t->line,
			"merge key '<<': merge keys are not part of the mdevdesc YAML subset");
		return NULL;
	}
	return n;
}

/*
 * The node of scalar token @t (@is_key: a mapping key).  The common case is
 * inlined into the callers; the rest is scalar_slow().  A quoted scalar's
 * node starts at its opening quote, which is where its token starts.
 */
static inline md_node *scalar(md_parser *p, const md_token *t, int is_key)
{
	md_node *n;

	if (t->n > p->lim->max_scalar_length || t->escaped ||
	    (is_key && (t->n > p->lim->max_key_length || (t->n == 2 && t->p[0] == '<'))))
		return scalar_slow(p, t, is_key);
	n = new_node(p, MD_SCALAR, t->style, t);
	if (n) {
		n->str = t->p;
		n->len = t->n;
	}
	return n;
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
		syn_err(p, MDEVDESC_E_LIMIT_DEPTH, t->off, t->line,
			"collections nested deeper than the max_depth limit");
		return -1;
	}
	return 0;
}

/*
 * The keys of a mapping with many entries, in an open-addressing hash set
 * (linear probing, at most half full), so that a mapping of n keys costs
 * O(n) to check for duplicates.  Smaller mappings are searched in order.
 */
#define MD_KEYSET_MIN 16

struct md_keyset {
	size_t mask;
	const md_node *slot[];
};

static size_t key_hash(const md_node *k)
{
	uint64_t h = 0xcbf29ce484222325u; /* FNV-1a */
	size_t i;

	for (i = 0; i < k->len; i++)
		h = (h ^ (unsigned char)k->str[i]) * 0x100000001b3u;
	return (size_t)(h ^ (h >> 29));
}

static int key_eq(const md_node *a, const md_node *b)
{
	return a->len == b->len && (a->len == 0 || (a->str[0] == b->str[0] &&
						   memcmp(a->str, b->str, a->len) == 0));
}

/* The key equal to @key in @set, or NULL after inserting @key. */
static const md_node *keyset_put(struct md_keyset *set, const md_node *key)
{
	size_t i = key_hash(key) & set->mask;

	while (set->slot[i]) {
		if (key_eq(set->slot[i], key))
			return set->slot[i];
		i = (i + 1) & set->mask;
	}
	set->slot[i] = key;
	return NULL;
}

/* Rebuild @map's key set for at least @n keys; -1 when out of memory. */
static int keyset_grow(md_parser *p, md_node *map, size_t n)
{
	size_t size = MD_KEYSET_MIN * 4;
	struct md_keyset *set;
	const md_node *k;

	while (size < 2 * n)
		size *= 2;
	set = md_alloc(p->arena, sizeof(*set) + size * sizeof(set->slot[0]));
	if (!set) {
		syn_err(p, MDEVDESC_E_NOMEM, map->off, map->line, "out of memory");
		p->fatal = MDEVDESC_E_NOMEM;
		return -1;
	}
	memset(set->slot, 0, size * sizeof(set->slot[0]));
	set->mask = size - 1;
	for (k = map->child; k; k = k->next->next)
		keyset_put(set, k);
	map->keys = set;
	return 0;
}

/*
 * A key's signature for the small-mapping filter: keys of different
 * signatures differ, so a key whose bit is not yet set needs no search.
 */
static uint64_t key_bit(const md_node *k)
{
	unsigned h = (unsigned)k->len * 7;

	if (k->len)
		h += (unsigned char)k->str[0] * 3u + (unsigned char)k->str[k->len - 1];
	return (uint64_t)1 << (h & 63);
}

MD_COLD static void dup_key(md_parser *p, const md_node *first, const md_node *key)
{
	char msg[96];
	uint32_t col = md_column(p->diags, first->off, NULL);

	snprintf(msg, sizeof(msg), "duplicate key (first defined at line %u, column %u)",
		 (unsigned)first->line, (unsigned)col);
	syn_err(p, MDEVDESC_E_DUPLICATE_KEY, key->off, key->line, msg);
}

/* add_pair() when the key may be a duplicate, the mapping is large or full. */
static int add_pair_search(md_parser *p, md_node *map, md_node *key, md_node *val)
{
	const md_node *k = NULL;

	if (map->count >= MD_KEYSET_MIN) {
		if ((!map->keys || map->count * 2 >= map->keys->mask) &&
		    keyset_grow(p, map, (size_t)map->count + 1))
			return -1;
		k = keyset_put(map->keys, key);
	} else {
		uint64_t bit = key_bit(key);

		if (map->seen & bit) {
			for (k = map->child; k && !key_eq(k, key); k = k->next->next)
				;
		}
		map->seen |= bit;
	}
	if (k) {
		dup_key(p, k, key);
		return -1;
	}
	if (++map->count > p->lim->max_entries) {
		syn_err(p, MDEVDESC_E_LIMIT_ENTRIES, key->off, key->line,
			"mapping with more entries than the max_entries limit");
		return -1;
	}
	append(map, key);
	append(map, val);
	return 0;
}

/*
 * Add @key: @val to @map unless the key is already there (spec 4.3).  The
 * common case, a small mapping and a key whose signature is new, is
 * inlined; add_pair_search() does the rest.
 */
static inline int add_pair(md_parser *p, md_node *map, md_node *key, md_node *val)
{
	uint64_t bit = key_bit(key);

	if (map->count >= MD_KEYSET_MIN || (map->seen & bit) || map->count >= p->lim->max_entries)
		return add_pair_search(p, map, key, val);
	map->seen |= bit;
	map->count++;
	append(map, key);
	append(map, val);
	return 0;
}

static int add_item(md_parser *p, md_node *seq, md_node *item)
{
	if (++seq->count > p->lim->max_entries) {
		syn_err(p, MDEVDESC_E_LIMIT_ENTRIES, item->off, item->line,
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
	syn_err(p, MDEVDESC_E_SYNTAX, colon->off, colon->line,
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
			syn_err(p, MDEVDESC_E_MULTILINE_FLOW, open_off, open_line,
				"flow collection not closed on the line where it opens");
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
				syn_err(p, MDEVDESC_E_COMPLEX_KEY, at->off, at->line,
					"a collection used as a key: keys are single-line scalars");
				return NULL;
			}
			item = parse_flow(p);
		} else {
			unexpected(p, is_map ? "a key or '}'" : "a value or ']'");
			return NULL;
		}
		if (!item || p->failed)
			return NULL;
		if (!is_map) {
			if (p->tok.type == T_COLON && !p->tok.first) {
				syn_err(p, MDEVDESC_E_MISSING_VALUE, item->off, item->line,
					"'key: value' pair inside a flow sequence: use a flow mapping '{ }'");
				return NULL;
			}
			if (add_item(p, coll, item))
				return NULL;
		} else {
			if (p->tok.type != T_COLON || p->tok.first) {
				if (p->tok.type == T_COMMA || p->tok.type == T_RBRACE)
					syn_err(p, MDEVDESC_E_MISSING_VALUE, item->off, item->line,
						"flow mapping entry without ': value'");
				else
					unexpected(p, "':'");
				return NULL;
			}
			if (key_span(p, item->off))
				return NULL;
			next(p);
			if (p->failed)
				return NULL;
			if (!at->first && (at->type == T_COMMA || at->type == T_RBRACE)) {
				syn_err(p, MDEVDESC_E_MISSING_VALUE, item->off, item->line,
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
				unexpected(p, "a value");
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
			unexpected(p, is_map ? "',' or '}'" : "',' or ']'");
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
			syn_err(p, MDEVDESC_E_SYNTAX, p->tok.off, p->tok.line,
				"a mapping cannot start on the line of another key or entry value");
		else
			unexpected(p, "end of line");
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
		syn_err(p, MDEVDESC_E_MULTILINE_SCALAR, p->tok.off, p->tok.line,
			"line continues the scalar above: scalars are single-line (quote it on one line)");
	else
		syn_err(p, MDEVDESC_E_INDENT, p->tok.off, p->tok.line,
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
				syn_err(p, MDEVDESC_E_SYNTAX, p->tok.off, p->tok.line,
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
				syn_err(p, MDEVDESC_E_SYNTAX, at->off, at->line,
					"a block sequence cannot start on the line of its key");
				return NULL;
			} else {
				unexpected(p, "a value");
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
			syn_err(p, MDEVDESC_E_COMPLEX_KEY, p->tok.off, p->tok.line,
				"a collection used as a key: keys are single-line scalars");
			return NULL;
		}
		if (p->tok.type != T_SCALAR) {
			unexpected(p, "a key");
			return NULL;
		}
		key = p->tok;
		next(p);
		if (p->failed)
			return NULL;
		if (p->tok.type != T_COLON || p->tok.first) {
			if (p->tok.first || p->tok.type == T_EOF)
				syn_err(p, MDEVDESC_E_SYNTAX, key.off, key.line,
					"expected ':' after this key");
			else
				unexpected(p, "':'");
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
			syn_err(p, MDEVDESC_E_COMPLEX_KEY, t.off, t.line,
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
		syn_err(p, MDEVDESC_E_SYNTAX, t.off, t.line, "':' without a key");
		return NULL;
	default:
		unexpected(p, "a value");
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
	set_doc_off(p, (size_t)(p->lx.cur - p->lx.buf));
	if (p->tok.type == T_ERROR)
		next(p);
	while (!p->failed && p->tok.type == T_DOC_END) {
		/* Another "..." after a document's end is allowed; one before any
		 * document is not (libyaml reads an empty document there). */
		if (!p->after_end) {
			syn_err(p, MDEVDESC_E_DOCUMENT_MARKER, p->tok.off, p->tok.line,
				"'...' ends a document, but no document comes before it");
			break;
		}
		next(p);
	}
	if (!p->failed && p->tok.type == T_EOF)
		return 0;
	if (++p->ndocs > p->lim->max_documents) {
		p->failed = 0;
		syn_err(p, MDEVDESC_E_LIMIT_DOCUMENTS, p->tok.off, p->tok.line,
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
		syn_err(p, MDEVDESC_E_DOCUMENT_MARKER, p->tok.off, p->tok.line,
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
			syn_err(p, MDEVDESC_E_DOCUMENT_MARKER, p->tok.off, p->tok.line,
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
				syn_err(p, MDEVDESC_E_MULTILINE_SCALAR, p->tok.off, p->tok.line,
					"line continues the scalar above: scalars are single-line");
			else
				unexpected(p, "end of document ('---', '...' or end of input)");
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
			syn_err(p, MDEVDESC_E_DOCUMENT_MARKER, p->tok.off, p->tok.line,
				"content on the line of '...'");
			goto fail;
		}
		p->after_end = 1;
	}
	return 1;
fail:
	doc->root = NULL;
	p->after_end = 0;
	if (p->fatal)
		return 1;
	if (p->tok.type != T_DOC_START) {
		md_lex_skip_document(&p->lx);
		p->tok.type = T_ERROR;
	}
	return 1;
}

/* ---- YAML test suite events ------------------------------------------- */

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
