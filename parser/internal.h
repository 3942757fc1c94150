/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/*
 * internal.h - types shared by the layers of libmdevdesc, never installed.
 *
 * Data flows one way: bytes -> lexer (lexer.re) -> tokens -> parser
 * (parser.c) -> syntax tree (md_node) -> model (validator/model.c) ->
 * struct mdevdesc_descriptor.  Every layer allocates from an md_arena, so
 * a document costs no per-token allocation, and reports problems through
 * an md_diags sink that turns byte offsets into line and column.
 */
#ifndef MDEVDESC_INTERNAL_H
#define MDEVDESC_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "mdevdesc.h"

/* Paths taken once per error or per chunk, kept out of the hot loops. */
#if defined(__GNUC__)
#define MD_COLD __attribute__((cold, noinline))
#else
#define MD_COLD
#endif

/* Hard ceiling on run-time max_depth: the parser recurses once per level. */
#define MD_DEPTH_CEILING ((uint32_t)MDEVDESC_MAX_DEPTH_CEILING)

/* ---- arena.c ---------------------------------------------------------- */

typedef struct md_chunk md_chunk;

typedef struct md_arena {
	const mdevdesc_alc *alc;
	md_chunk *head;   /* current chunk; older ones linked behind it */
	char *cur, *end;  /* free space in head */
	size_t chunk_size; /* size of the next chunk to allocate */
} md_arena;

void md_arena_init(md_arena *a, const mdevdesc_alc *alc);
/* Size the first chunk for the tree and model of a document of about
 * @input_len bytes (16 bytes of arena per input byte, at most 1 MiB), so
 * that one chunk usually holds a whole document. */
void md_arena_expect(md_arena *a, size_t input_len);
MD_COLD void *md_alloc_chunk(md_arena *a, size_t n); /* md_alloc's slow path */

/* @n bytes, 8-aligned; NULL when out of memory. */
static inline void *md_alloc(md_arena *a, size_t n)
{
	char *p;

	if (n > (size_t)-1 - 8)
		return NULL;
	n = n ? (n + 7) & ~(size_t)7 : 8;
	if ((size_t)(a->end - a->cur) < n)
		return md_alloc_chunk(a, n);
	p = a->cur;
	a->cur += n;
	return p;
}
/* A NUL-terminated copy of @n bytes of @s; NULL when out of memory.
 * Inline: the model copies a string for most nodes. */
static inline char *md_strndup(md_arena *a, const char *s, size_t n)
{
	char *p = md_alloc(a, n + 1);

	if (!p)
		return NULL;
	if (n)
		memcpy(p, s, n);
	p[n] = '\0';
	return p;
}
void md_arena_reset(md_arena *a);       /* keep the largest chunk */
void md_arena_free(md_arena *a);

void *md_malloc(const mdevdesc_alc *alc, size_t n);
void md_free(const mdevdesc_alc *alc, void *p);
extern const mdevdesc_alc md_default_alc;

/* ---- diag.c ----------------------------------------------------------- */

typedef struct md_diags {
	md_arena *arena;          /* holds the array and the strings */
	const unsigned char *buf; /* the whole input, for line/column */
	size_t len;
	size_t bom;               /* 3 when the input starts with a BOM */
	mdevdesc_diag *v;
	size_t n, cap;
	size_t errors, warnings;
	uint32_t max;             /* limits.max_diagnostics per document */
	size_t doc_first;         /* index of the current document's first diag */
	size_t document;          /* current document index */
	int nomem;
} md_diags;

/* Record a diagnostic at byte offset @off on line @line (1-based). */
void md_diag(md_diags *d, mdevdesc_code code, mdevdesc_severity sev, size_t off,
	     uint32_t line, const char *path, const char *rule, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 8, 9)))
#endif
	;
/* 1-based column, in characters, of byte offset @off on its line. */
uint32_t md_column(const md_diags *d, size_t off, uint32_t *line_out);

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
	int fatal;          /* stop reading the input */
	int after_end;      /* the last document ended with "..." */
	uint32_t depth;
} md_parser;

void md_parser_init(md_parser *p, const char *buf, size_t len, const mdevdesc_limits *lim,
		    md_diags *diags);
/* Parse the next document into p->arena.  Returns 1, or 0 at the end. */
int md_parse_document(md_parser *p, md_syntax_doc *doc);

/* Print the YAML test suite event of every node of @doc. */
typedef void (*md_write_fn)(void *ctx, const char *s, size_t n);
void md_events_document(const md_syntax_doc *doc, md_write_fn w, void *ctx);

/* ---- validator/model.c ------------------------------------------------ */

struct mdevdesc_doc {
	struct mdevdesc_descriptor d;
	uint32_t line;
	int has_unknown;
};

/* Build the model of @doc; NULL when it has errors (reported to @diags). */
struct mdevdesc_doc *md_model_build(const md_syntax_doc *doc, md_arena *arena, md_diags *diags,
				    const mdevdesc_limits *lim, unsigned flags);

/* ---- validator/api.c -------------------------------------------------- */

/* Map or read the whole file @path ("-": standard input); NULL with errno. */
char *md_slurp(const char *path, size_t *len, int *mapped);
void md_unslurp(char *buf, size_t len, int mapped);

/* ---- validator/values.c ---------------------------------------------- */

/* Compare versions; a missing PATCH counts as 0, or as "every" when *_high. */
int md_version_cmp(const struct mdevdesc_version *a, int a_high, const struct mdevdesc_version *b,
		   int b_high);
int md_value_eq(const struct mdevdesc_value *a, const struct mdevdesc_value *b);
int md_value_in(const struct mdevdesc_value *v, const struct mdevdesc_value *acc, size_t n);
/* Bitmap "0x...": number of hex digits, and digit @i from the right (0 past the end). */
size_t md_bm_digits(const char *bits);
unsigned md_bm_digit(const char *bits, size_t ndig, size_t i);

/* ---- validator/compat.c ---------------------------------------------- */

int md_check_compat(const struct mdevdesc_descriptor *s, const struct mdevdesc_descriptor *d,
		    mdevdesc_report *r, int fast);
int md_accepts_version(const struct mdevdesc_descriptor *d, const struct mdevdesc_version *v);
int md_entry_accepts(const struct mdevdesc_param *e, const struct mdevdesc_value *v);
int md_device_api_known(const char *api);
const char *md_reason_rule(mdevdesc_reason_code code);
void md_report_start(mdevdesc_report *r, const struct mdevdesc_descriptor *s,
		     const struct mdevdesc_descriptor *d);
mdevdesc_reason *md_report_add(mdevdesc_report *r, mdevdesc_reason_code code, const char *seg0,
			       const char *seg1, const char *seg2);
int md_path_cmp(const mdevdesc_reason *a, const mdevdesc_reason *b);
void md_ranked_from(const mdevdesc_report *r, size_t index, mdevdesc_ranked *k);
void md_rank_sort(mdevdesc_ranked *v, size_t n);
int md_rank_cmp(const void *a, const void *b);

int md_creates_minor(const struct mdevdesc_descriptor *d, uint32_t major, uint32_t minor);

/* ---- validator/compiled.c -------------------------------------------- */

#define MD_NO_ID UINT32_MAX

struct md_istr {
	const char *s;
	uint64_t hash;
	uint32_t id;
};

typedef struct md_interner {
	md_arena *arena; /* the strings */
	struct md_istr *slots;
	size_t size, count;
} md_interner;

typedef struct md_cvalue {
	uint32_t kind, s; /* s: interned string id */
	int64_t i, hi;
} md_cvalue;

typedef struct md_centry {
	uint32_t name, nacc;
	int has_default;
	md_cvalue value;
	const md_cvalue *acc;
} md_centry;

typedef struct md_cfeat {
	uint32_t name, rule, nwords;
	const uint64_t *w; /* little-endian 64-bit words, no high zero words */
} md_cfeat;

/* A descriptor compiled for fleet queries: ids and words only. */
typedef struct md_compiled {
	const struct mdevdesc_descriptor *d;
	uint32_t vendor, type, api;
	int unknown;
	const md_cfeat *f;
	uint32_t nf;
	const md_centry *hw, *params; /* sorted by name id */
	uint32_t nhw, nparams;
} md_compiled;

void md_interner_init(md_interner *in, md_arena *arena);
void md_interner_fini(md_interner *in, const mdevdesc_alc *alc);
/* The id of @s; with @fresh, a string not interned gets (*fresh)++ and
 * the interner is not modified. MD_NO_ID when out of memory. */
uint32_t md_intern(md_interner *in, const mdevdesc_alc *alc, const char *s, uint32_t *fresh);
md_compiled *md_compile(md_interner *in, const mdevdesc_alc *alc, md_arena *a,
			const struct mdevdesc_descriptor *d, uint32_t *fresh);
/* Verdict of @s migrating to @d; on compatible, the ranking keys in @k. */
int md_ccheck(const md_compiled *s, const md_compiled *d, size_t index, mdevdesc_ranked *k);

/* ---- validator/baseline.c -------------------------------------------- */

void md_baseline_add_feature(mdevdesc_baseline *o, const char *name, const char *bits);
void md_baseline_add_value(mdevdesc_baseline *o, int hw, const char *name,
			   const struct mdevdesc_value *value);

#endif /* MDEVDESC_INTERNAL_H */
