/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/*
 * lexer.re - the mdevdesc tokenizer, an re2c specification.
 *
 * Turns the bytes of one input into the tokens of the YAML subset of spec
 * 4.2: document markers, block indicators, flow indicators and scalars.
 * It validates UTF-8 and the printable-character rule (spec 4.1) on every
 * byte it passes, so no later layer sees an invalid character.  Scalars
 * are returned as slices of the input (zero-copy); the parser decodes the
 * escapes of quoted scalars.
 *
 * The lexer never reads outside [buf, buf + len): re2c's generic input
 * API is used with a bounds-checked YYPEEK that yields 0 at the end, and
 * the end-of-input rule ($) tells a real NUL byte from the end.
 */
#include <string.h>
#if defined(__SSE2__) && !defined(MD_LEX_NO_SIMD)
#include <emmintrin.h>
#endif

#include "parser/syntax.h"

#define YYPEEK() (lx->cur < lx->lim ? *lx->cur : 0u)
#define YYSKIP() (++lx->cur)
#define YYBACKUP() (lx->mar = lx->cur)
#define YYRESTORE() (lx->cur = lx->mar)
#define YYLESSTHAN(n) ((size_t)(lx->lim - lx->cur) < (size_t)(n))

/*!re2c
	re2c:api = custom;
	re2c:api:style = functions;
	re2c:define:YYCTYPE = "unsigned char";
	re2c:yyfill:enable = 0;
	re2c:eof = 0;

	eol      = "\n" | "\r\n";
	// Printable non-ASCII (spec 4.1): U+00A0..U+D7FF, U+E000..U+FFFD and
	// U+10000..U+10FFFF, less U+2028/U+2029 (line breaks to YAML 1.1
	// parsers) and U+FEFF (a BOM is accepted only as the first character).
	u8print  = [\xC2][\xA0-\xBF]
	         | [\xC3-\xDF][\x80-\xBF]
	         | [\xE0][\xA0-\xBF][\x80-\xBF]
	         | [\xE1][\x80-\xBF][\x80-\xBF]
	         | [\xE2][\x81-\xBF][\x80-\xBF]
	         | [\xE2][\x80][\x80-\xA7\xAA-\xBF]
	         | [\xE3-\xEC][\x80-\xBF][\x80-\xBF]
	         | [\xED][\x80-\x9F][\x80-\xBF]
	         | [\xEE][\x80-\xBF][\x80-\xBF]
	         | [\xEF][\x80-\xBA\xBC-\xBE][\x80-\xBF]
	         | [\xEF][\xBB][\x80-\xBE]
	         | [\xEF][\xBF][\x80-\xBD]
	         | [\xF0][\x90-\xBF][\x80-\xBF][\x80-\xBF]
	         | [\xF1-\xF3][\x80-\xBF][\x80-\xBF][\x80-\xBF]
	         | [\xF4][\x80-\x8F][\x80-\xBF][\x80-\xBF];
	bom      = [\xEF][\xBB][\xBF];
	// Valid UTF-8 that is not printable: C0 and C1 controls (U+0085
	// included), DEL, U+2028, U+2029, U+FFFE, U+FFFF.
	ctl      = [\x00-\x08\x0B\x0C\x0E-\x1F\x7F]
	         | [\xC2][\x80-\x9F]
	         | [\xE2][\x80][\xA8\xA9]
	         | [\xEF][\xBF][\xBE\xBF];
	hex      = [0-9a-fA-F];
*/

static void tok_error(md_token *t, mdevdesc_code code, const unsigned char *at,
		      const md_lexer *lx)
{
	t->type = T_ERROR;
	t->err = code;
	t->err_off = (size_t)(at - lx->buf);
}

/* Classify the bad character at @at (a byte re2c matched as bom/ctl/other). */
static mdevdesc_code bad_char(md_lexer *lx, const unsigned char *at)
{
	lx->cur = at;
	/*!re2c
		bom { return MDEVDESC_E_BOM; }
		ctl { return MDEVDESC_E_CONTROL_CHAR; }
		"\r" { return MDEVDESC_E_LONE_CR; }
		"\t" { return MDEVDESC_E_TAB; }
		*   { return MDEVDESC_E_UTF8; }
		$   { return MDEVDESC_E_UTF8; }
	*/
}

static int at_blank_or_end(const md_lexer *lx, const unsigned char *p)
{
	return p >= lx->lim || *p == ' ' || *p == '\n' || *p == '\r' || *p == '\t';
}

static int is_flow_ind(unsigned char c)
{
	return c == ',' || c == '[' || c == ']' || c == '{' || c == '}';
}

/* Skip a comment body up to (not including) the line break. */
static void lex_comment(md_lexer *lx, md_token *t)
{
	for (;;) {
		const unsigned char *s = lx->cur;
		/*!re2c
			[\x20-\x7E\t]+ { continue; }
			u8print       { continue; }
			"\n" | "\r\n" { lx->cur = s; return; }
			$             { return; }
			*             { tok_error(t, bad_char(lx, s), s, lx); return; }
		*/
	}
}

/*
 * The end of the run of printable ASCII from @p that holds no quote and no
 * backslash: most of a quoted scalar's body, for the rules to go on from.
 * With SSE2, 16 bytes at a time (see run_end()); without, the rules do it.
 */
static inline const unsigned char *quoted_run_end(const unsigned char *p, const unsigned char *lim)
{
#if defined(__SSE2__) && !defined(MD_LEX_NO_SIMD)
	while (lim - p >= 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
		__m128i ok = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8(0x1F)),
					   _mm_cmplt_epi8(v, _mm_set1_epi8(0x7F)));
		__m128i bad = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')),
							_mm_cmpeq_epi8(v, _mm_set1_epi8('\''))),
					   _mm_cmpeq_epi8(v, _mm_set1_epi8('\\')));
		unsigned stop = ~(unsigned)_mm_movemask_epi8(_mm_andnot_si128(bad, ok)) & 0xFFFFu;

		if (stop)
			return p + __builtin_ctz(stop);
		p += 16;
	}
#endif
	(void)lim;
	return p;
}

/* A quoted scalar body; lx->cur is just past the opening quote. */
static void lex_quoted(md_lexer *lx, md_token *t, const unsigned char *open, int dq)
{
	const unsigned char *body = lx->cur;
	t->type = T_SCALAR;
	t->style = dq ? MD_DQUOTE : MD_SQUOTE;
	for (;;) {
		const unsigned char *s = lx->cur = quoted_run_end(lx->cur, lx->lim);
		if (dq) {
			/*!re2c
				[\x20-\x21\x23-\x5B\x5D-\x7E\t]+ { continue; }
				u8print                           { continue; }
				"\\" [0abtnvfre "/\\N_LP \t]      { t->escaped = 1; continue; }
				"\\x" hex{2}                      { t->escaped = 1; continue; }
				"\\u" hex{4}                      { t->escaped = 1; continue; }
				"\\U" hex{8}                      { t->escaped = 1; continue; }
				"\\" eol                          { lx->cur = s + 1; tok_error(t, MDEVDESC_E_MULTILINE_SCALAR, s, lx); return; }
				"\\"                              { tok_error(t, MDEVDESC_E_BAD_ESCAPE, s, lx); return; }
				"\""                              { break; }
				eol                               { lx->cur = s; tok_error(t, MDEVDESC_E_UNTERMINATED_QUOTE, open, lx); return; }
				$                                 { tok_error(t, MDEVDESC_E_UNTERMINATED_QUOTE, open, lx); return; }
				*                                 { tok_error(t, bad_char(lx, s), s, lx); return; }
			*/
		} else {
			/*!re2c
				[\x20-\x26\x28-\x7E\t]+ { continue; }
				u8print                 { continue; }
				"''"                    { t->escaped = 1; continue; }
				"'"                     { break; }
				eol                     { lx->cur = s; tok_error(t, MDEVDESC_E_UNTERMINATED_QUOTE, open, lx); return; }
				$                       { tok_error(t, MDEVDESC_E_UNTERMINATED_QUOTE, open, lx); return; }
				*                       { tok_error(t, bad_char(lx, s), s, lx); return; }
			*/
		}
	}
	t->p = (const char *)body;
	t->n = (size_t)(lx->cur - 1 - body);
}

/*
 * Byte classes of the fast paths, which handle the common bytes before the
 * re2c rules see the rest.  C_RUN: continues a plain scalar with nothing
 * more to check (printable ASCII except ':' and '#'); C_RUN_FLOW: the same
 * inside a flow collection, where ',' '?' and the brackets end it or are
 * errors; C_START: starts a plain scalar in any context (letters, digits,
 * '_' and '/').
 */
enum { C_RUN = 1, C_RUN_FLOW = 2, C_START = 4 };

static const unsigned char cls[256] = {
	/* 0x00 */ 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	/* 0x10 */ 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	/* 0x20 */ 0, 3, 3, 0, 3, 3, 3, 3, 3, 3, 3, 3, 1, 3, 3, 7,
	/* 0x30 */ 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 0, 3, 3, 3, 3, 1,
	/* 0x40 */ 3, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7,
	/* 0x50 */ 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 1, 3, 1, 3, 7,
	/* 0x60 */ 3, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7,
	/* 0x70 */ 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 1, 3, 1, 3, 0,
	/* 0x80-0xFF: 0, UTF-8 is left to the re2c rules */
};

/*
 * The end of the run of bytes of class @mask (C_RUN or C_RUN_FLOW) from @p.
 * With SSE2, 16 bytes are classified at once and the first byte outside
 * the class is found with a bit scan, which saves a mispredicted loop exit
 * per scalar; the table decides the last 15 bytes of the input.  Both ways
 * give the same answer for every input (tests/unit/lexpaths.c).
 */
static inline const unsigned char *run_end(const unsigned char *p, const unsigned char *lim,
					   unsigned mask)
{
#if defined(__SSE2__) && !defined(MD_LEX_NO_SIMD)
	while (lim - p >= 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
		/* Printable ASCII, 0x21..0x7E (signed compares), less ':' and '#'. */
		__m128i ok = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8(0x20)),
					   _mm_cmplt_epi8(v, _mm_set1_epi8(0x7F)));
		__m128i bad = _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(':')),
					   _mm_cmpeq_epi8(v, _mm_set1_epi8('#')));
		unsigned stop;

		if (mask == C_RUN_FLOW) {
			/* ',' '?' and the brackets: '[' '{' and ']' '}' differ by 0x20. */
			__m128i lc = _mm_or_si128(v, _mm_set1_epi8(0x20));

			bad = _mm_or_si128(bad, _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(',')),
							     _mm_cmpeq_epi8(v, _mm_set1_epi8('?'))));
			bad = _mm_or_si128(bad, _mm_or_si128(_mm_cmpeq_epi8(lc, _mm_set1_epi8('{')),
							     _mm_cmpeq_epi8(lc, _mm_set1_epi8('}'))));
		}
		stop = ~(unsigned)_mm_movemask_epi8(_mm_andnot_si128(bad, ok)) & 0xFFFFu;
		if (stop)
			return p + __builtin_ctz(stop);
		p += 16;
	}
#endif
	while (p < lim && (cls[*p] & mask))
		p++;
	return p;
}

/*
 * A plain scalar (spec 4.2); lx->cur is at its first character, which the
 * caller has checked may start one.  Trailing spaces are left to the
 * caller's whitespace rule.
 */
static void lex_plain(md_lexer *lx, md_token *t)
{
	const unsigned char *start = lx->cur, *end = lx->cur;
	int flow = lx->flow > 0;
	unsigned mask = flow ? C_RUN_FLOW : C_RUN;
	for (;;) {
		const unsigned char *s = lx->cur, *p = s;

		/* Runs of ordinary printable ASCII, the bulk of every scalar. */
		p = run_end(p, lx->lim, mask);
		if (p != s) {
			lx->cur = end = p;
			s = p;
		}
		/* The usual ends: a line break, ': ', a flow indicator, spaces. */
		if (p < lx->lim) {
			unsigned c = *p;

			if (c == '\n')
				break;
			if (c == ' ') {
				do
					p++;
				while (p < lx->lim && *p == ' ');
				lx->cur = p;
				continue;
			}
			if (c == ':' && (p + 1 == lx->lim || p[1] == ' ' || p[1] == '\n')) {
				lx->colon = p; /* the next token, handed out at once */
				break;
			}
			if (flow && (c == ',' || c == ']' || c == '}'))
				break;
		}
		/*!re2c
			" "+ { continue; }
			":"  {
				if (at_blank_or_end(lx, lx->cur) || (flow && is_flow_ind(YYPEEK()))) {
					lx->cur = s;
					break;
				}
				if (flow) {
					/* libyaml and YAML 1.2 disagree on "a:b" in flow context. */
					tok_error(t, MDEVDESC_E_SYNTAX, s, lx);
					return;
				}
				end = lx->cur;
				continue;
			}
			"?" {
				if (flow) {
					/* YAML 1.1 loaders end a plain scalar at '?' in flow context. */
					tok_error(t, MDEVDESC_E_SYNTAX, s, lx);
					return;
				}
				end = lx->cur;
				continue;
			}
			"#" {
				if (s[-1] == ' ') {
					lx->cur = s;
					break;
				}
				end = lx->cur;
				continue;
			}
			[,[\]{}] {
				if (flow) {
					lx->cur = s;
					break;
				}
				end = lx->cur;
				continue;
			}
			"\t"           { tok_error(t, MDEVDESC_E_TAB, s, lx); return; }
			"\n" | "\r\n"  { lx->cur = s; break; }
			$              { break; }
			[\x21-\x7E]    { end = lx->cur; continue; }
			u8print        { end = lx->cur; continue; }
			*              { tok_error(t, bad_char(lx, s), s, lx); return; }
		*/
	}
	lx->cur = end;
	t->type = T_SCALAR;
	t->style = MD_PLAIN;
	t->p = (const char *)start;
	t->n = (size_t)(end - start);
}

void md_lex_init(md_lexer *lx, const char *buf, size_t len)
{
	memset(lx, 0, sizeof(*lx));
	lx->buf = (const unsigned char *)buf;
	lx->cur = lx->buf;
	lx->lim = lx->buf + len;
	lx->line = 1;
	/* spec 4.1: one leading BOM is ignored [R-CHAR-BOM]. */
	if (len >= 3 && lx->buf[0] == 0xEF && lx->buf[1] == 0xBB && lx->buf[2] == 0xBF)
		lx->cur += 3;
	lx->line_start = lx->cur;
	lx->newline = 1;
}

/* Where token @t starts: at @s, the first token of its line when @first. */
static inline void tok_at(const md_lexer *lx, md_token *t, const unsigned char *s, int first)
{
	t->off = (size_t)(s - lx->buf);
	t->line = lx->line;
	t->col = (uint32_t)(s - lx->line_start);
	t->first = (uint8_t)first;
	t->p = (const char *)s;
}

/* The ':' that ended the last plain scalar, handed out at once: it is on that line. */
static inline void lex_colon(md_lexer *lx, md_token *t)
{
	const unsigned char *s = lx->colon;

	lx->colon = NULL;
	lx->cur = s + 1;
	t->type = T_COLON;
	t->n = 1;
	tok_at(lx, t, s, 0);
	lx->newline = 0;
}

/* Past a line break: the next line starts at @p. */
static inline void new_line(md_lexer *lx, const unsigned char *p)
{
	lx->cur = p;
	lx->line++;
	lx->line_start = p;
	lx->newline = 1;
}

/*
 * The token at @s when its first byte is a common one: a plain scalar,
 * ': ', ',' or a quoted scalar.  Returns 0, having read nothing, for the
 * rules of md_lex() to decide.
 */
static inline int lex_fast(md_lexer *lx, md_token *t, const unsigned char *s)
{
	unsigned c;

	if (s == lx->lim)
		return 0;
	c = *s;
	if (cls[c] & C_START) {
		lex_plain(lx, t);
		return 1;
	}
	if (c == ':' && (s + 1 == lx->lim || s[1] == ' ' || s[1] == '\n')) {
		lx->cur = s + 1;
		t->type = T_COLON;
		t->n = 1;
		return 1;
	}
	if (c == ',') {
		lx->cur = s + 1;
		t->type = T_COMMA;
		t->n = 1;
		return 1;
	}
	if (c == '"' || c == '\'') {
		lx->cur = s + 1;
		lex_quoted(lx, t, s, c == '"');
		return 1;
	}
	return 0;
}

void md_lex(md_lexer *lx, md_token *t)
{
	const unsigned char *s;

	/* Every field a token's users read is set here or by its rule. */
	t->type = T_EOF;
	t->style = MD_PLAIN;
	t->escaped = 0;
	t->n = 0;
	t->err = MDEVDESC_OK;
	if (lx->colon) {
		lex_colon(lx, t);
		return;
	}
	for (;;) {
		s = lx->cur;
		/* Fast paths for the common bytes; the rules below do the rest. */
		while (s < lx->lim && *s == ' ')
			s++;
		lx->cur = s;
		if (s < lx->lim && *s == '\n') {
			new_line(lx, s + 1);
			continue;
		}
		tok_at(lx, t, s, lx->newline);
		if (lex_fast(lx, t, s))
			break;
		/*!re2c
			$     { t->type = T_EOF; return; }
			" "+  { continue; }
			eol   { new_line(lx, lx->cur); continue; }
			"#" {
				if (s != lx->line_start && s[-1] != ' ') {
					tok_error(t, MDEVDESC_E_SYNTAX, s, lx);
					return;
				}
				lex_comment(lx, t);
				if (t->type == T_ERROR)
					return;
				continue;
			}
			"---" | "..." {
				if (s == lx->line_start && at_blank_or_end(lx, lx->cur)) {
					t->type = *s == '-' ? T_DOC_START : T_DOC_END;
					t->n = 3;
					break;
				}
				lx->cur = s;
				lex_plain(lx, t);
				break;
			}
			"-" {
				if (at_blank_or_end(lx, lx->cur) || (lx->flow && is_flow_ind(YYPEEK()))) {
					if (lx->flow) {
						tok_error(t, MDEVDESC_E_SYNTAX, s, lx);
						return;
					}
					t->type = T_DASH;
					t->n = 1;
					break;
				}
				lx->cur = s;
				lex_plain(lx, t);
				break;
			}
			"?" {
				if (at_blank_or_end(lx, lx->cur) || (lx->flow && is_flow_ind(YYPEEK()))) {
					tok_error(t, MDEVDESC_E_COMPLEX_KEY, s, lx);
					return;
				}
				lx->cur = s;
				lex_plain(lx, t);
				break;
			}
			":" {
				/* A value indicator is followed by a space, in flow context too:
				 * libyaml rejects "{a:[b]}" (spec 4.2). */
				if (at_blank_or_end(lx, lx->cur)) {
					t->type = T_COLON;
					t->n = 1;
					break;
				}
				if (lx->flow) {
					tok_error(t, MDEVDESC_E_SYNTAX, s, lx);
					return;
				}
				lx->cur = s;
				lex_plain(lx, t);
				break;
			}
			"[" { lx->flow++; t->type = T_LBRACK; t->n = 1; break; }
			"{" { lx->flow++; t->type = T_LBRACE; t->n = 1; break; }
			"]" { if (lx->flow) lx->flow--; t->type = T_RBRACK; t->n = 1; break; }
			"}" { if (lx->flow) lx->flow--; t->type = T_RBRACE; t->n = 1; break; }
			"," { t->type = T_COMMA; t->n = 1; break; }
			"&" { tok_error(t, MDEVDESC_E_ANCHOR, s, lx); return; }
			"*" { tok_error(t, MDEVDESC_E_ALIAS, s, lx); return; }
			"!" { tok_error(t, MDEVDESC_E_TAG, s, lx); return; }
			"%" {
				tok_error(t, s == lx->line_start ? MDEVDESC_E_DIRECTIVE
							 : MDEVDESC_E_RESERVED_INDICATOR, s, lx);
				return;
			}
			[|>] { tok_error(t, MDEVDESC_E_BLOCK_SCALAR, s, lx); return; }
			[@`] { tok_error(t, MDEVDESC_E_RESERVED_INDICATOR, s, lx); return; }
			"'"  { lex_quoted(lx, t, s, 0); break; }
			"\"" { lex_quoted(lx, t, s, 1); break; }
			[\x21-\x7E] | u8print { lx->cur = s; lex_plain(lx, t); break; }
			* { tok_error(t, bad_char(lx, s), s, lx); return; }
		*/
	}
	lx->newline = 0;
}

void md_lex_skip_document(md_lexer *lx)
{
	lx->flow = 0;
	lx->colon = NULL;
	/* Move to the start of the next line, then look for a "---" line. */
	for (;;) {
		const unsigned char *nl = memchr(lx->cur, '\n', (size_t)(lx->lim - lx->cur));
		if (!nl) {
			lx->cur = lx->lim;
			return;
		}
		new_line(lx, nl + 1);
		if (lx->lim - lx->cur >= 3 && memcmp(lx->cur, "---", 3) == 0 &&
		    at_blank_or_end(lx, lx->cur + 3))
			return;
	}
}
