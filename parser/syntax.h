/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/*
 * syntax.h - the syntax layer of libmdevdesc, never installed: tokens
 * (lexer.re) and the syntax tree (parser.c, with the files of
 * parser/parser.h) of the YAML subset of spec 4.
 *
 * Data flows one way: bytes -> lexer -> tokens -> parser -> syntax tree
 * (md_node), which the model (validator/) reads.  Nodes live in an md_arena;
 * problems go to an md_diags sink (core/core.h).
 */
#ifndef MDEVDESC_SYNTAX_H
#define MDEVDESC_SYNTAX_H

#include "core/core.h"

/* Hard ceiling on run-time max_depth: the parser recurses once per level. */
#define MD_DEPTH_CEILING ((uint32_t)MDEVDESC_MAX_DEPTH_CEILING)

/* ---- lexer.re --------------------------------------------------------- */

enum md_tok_type {
	T_EOF = 0,
	T_ERROR,
	T_DOC_START, /* --- */
	T_DOC_END,   /* ... */
	T_DASH,      /* "- " block sequence entry */
	T_COLON,     /* ": " value indicator */
	T_LBRACK, T_RBRACK, T_LBRACE, T_RBRACE, T_COMMA,
	T_SCALAR
};

enum md_style { MD_PLAIN = 0, MD_SQUOTE = 1, MD_DQUOTE = 2, MD_BLOCK = 3, MD_FLOW = 4 };

typedef struct md_token {
	uint8_t type;
	uint8_t style;     /* scalars: MD_PLAIN, MD_SQUOTE, MD_DQUOTE */
	uint8_t first;     /* first token on its line */
	uint8_t escaped;   /* quoted scalar holds escapes or '' */
	uint32_t line;
	uint32_t col;      /* 0-based byte column; equals characters for indentation */
	mdevdesc_code err; /* T_ERROR */
	const char *p;     /* token text; for quoted scalars, inside the quotes */
	size_t n;
	size_t off;        /* byte offset of the token's first character */
	size_t err_off;
} md_token;

/*
 * A comment of the input (MDEVDESC_KEEP_COMMENTS): its text from '#' to the
 * end of its line (no line break), its line, and whether content precedes it
 * on that line.  Recorded into @arena only when md_parser.comments is set
 * (comments.c).
 */
typedef struct md_raw_comment {
	const char *p;
	size_t n;
	uint32_t line;
	int trailing;
} md_raw_comment;

typedef struct md_comment_log {
	md_arena *arena;
	md_raw_comment *v;
	size_t n, cap;
	int nomem;
} md_comment_log;

typedef struct md_lexer {
	const unsigned char *buf, *cur, *lim, *line_start, *mar;
	const unsigned char *colon; /* a ": " found at the end of a plain scalar */
	uint32_t line;
	uint32_t flow;     /* depth of open flow collections */
	int newline;       /* a line break was crossed since the last token */
} md_lexer;

void md_lex_init(md_lexer *lx, const char *buf, size_t len);
void md_lex(md_lexer *lx, md_token *t);
/* After an error: move to the next line that starts with "---". */
void md_lex_skip_document(md_lexer *lx);

/* ---- parser.c --------------------------------------------------------- */

enum md_kind { MD_SCALAR = 1, MD_SEQ = 2, MD_MAP = 3 };

/*
 * A syntax tree node.  MAP children alternate key, value; SEQ children are
 * the items.  Scalar text is zero-copy unless it had escapes.
 */
typedef struct md_node {
	uint8_t kind;
	uint8_t style;
	uint32_t line;
	uint32_t count;     /* children (MAP: pairs) */
	size_t off;
	union {
		struct {               /* scalars */
			const char *str;
			size_t len;
		};
		struct {               /* MAPs */
			struct md_keyset *keys; /* hash set of the keys when large */
			uint64_t seen;          /* one bit per key signature */
		};
	};
	struct md_node *child, *last, *next;
} md_node;

typedef struct md_syntax_doc {
	md_node *root;      /* NULL when the document had a syntax error */
	int explicit_start, explicit_end;
	size_t off;         /* where the document starts */
	uint32_t line;
} md_syntax_doc;

typedef struct md_parser {
	md_lexer lx;
	md_token tok;
	md_arena *arena;
	md_diags *diags;
	const mdevdesc_limits *lim;
	size_t len;
	size_t doc_end;     /* where the current document's size limit ends */
	size_t ndocs;
	int failed;
	mdevdesc_code fatal; /* the error that stops reading the input, or MDEVDESC_OK */
	int after_end;      /* the last document ended with "..." */
	uint32_t depth;
	/* Comments, when md_parser_keep_comments() asked for them: doc_end is
	 * then 0, so that next() hands every token to md_next_check(), which
	 * records the comments between tokens and checks size_end. */
	md_comment_log *comments;
	size_t size_end;
	const unsigned char *gap;  /* where the text after the last token starts */
	uint32_t gap_line;
	size_t comments_mark;      /* comments recorded before this document */
} md_parser;

void md_parser_init(md_parser *p, const char *buf, size_t len, const mdevdesc_limits *lim,
		    md_diags *diags);
/* Record every comment of the input in @log from now on (comments.c). */
void md_parser_keep_comments(md_parser *p, md_comment_log *log);
/* Record the comments between the last token and p->tok (comments.c). */
void md_note_comments(md_parser *p);

/* Parse the next document into p->arena.  Returns 1, or 0 at the end. */
int md_parse_document(md_parser *p, md_syntax_doc *doc);

/* Print the YAML test suite event of every node of @doc (events.c). */
typedef void (*md_write_fn)(void *ctx, const char *s, size_t n);
void md_events_document(const md_syntax_doc *doc, md_write_fn w, void *ctx);

#endif /* MDEVDESC_SYNTAX_H */
