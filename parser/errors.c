/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/*
 * errors.c - the syntax errors of a document (spec 4): the rule of each
 * code, the message of each error the lexer finds, and the reports of the
 * parser.  Only the first syntax error of a document is reported: the
 * parser skips the rest of it, and the message says so.
 */
#include <stdio.h>
#include <string.h>

#include "parser/parser.h"

/*
 * The rule of each code of a syntax error, and the message of those the
 * lexer reports (NULL: the parser writes the message).  Any other code is
 * R-SYNTAX-GRAMMAR, and the lexer's message for it "unexpected character".
 */
static const struct syntax_code {
	const char *rule, *lex_message;
} syntax_codes[MDEVDESC_E_DOCUMENT_MARKER + 1] = {
	[MDEVDESC_E_UTF8] = { "R-CHAR-UTF8", NULL },
	[MDEVDESC_E_CONTROL_CHAR] = { "R-CHAR-PRINTABLE",
	  "non-printable character (control characters, U+2028, U+2029 and U+FFFE/U+FFFF are not allowed)" },
	[MDEVDESC_E_BOM] = { "R-CHAR-BOM",
	  "byte order mark (U+FEFF) is allowed only as the first character" },
	[MDEVDESC_E_LONE_CR] = { "R-CHAR-EOL",
	  "carriage return not followed by a line feed; lines end with LF or CRLF" },
	[MDEVDESC_E_TAB] = { "R-CHAR-TAB",
	  "tab character; indent and separate with spaces (tabs only inside comments and quotes)" },
	[MDEVDESC_E_INDENT] = { "R-SYNTAX-INDENT", NULL },
	[MDEVDESC_E_ANCHOR] = { "R-SYNTAX-ANCHOR",
	  "anchor ('&'): anchors and aliases are not part of the mdevdesc YAML subset" },
	[MDEVDESC_E_ALIAS] = { "R-SYNTAX-ALIAS",
	  "alias ('*'): anchors and aliases are not part of the mdevdesc YAML subset; quote a value that starts with '*'" },
	[MDEVDESC_E_TAG] = { "R-SYNTAX-TAG",
	  "tag ('!'): tags are not part of the mdevdesc YAML subset; quote a value that starts with '!'" },
	[MDEVDESC_E_DIRECTIVE] = { "R-SYNTAX-DIRECTIVE",
	  "directive ('%'): directives are not part of the mdevdesc YAML subset" },
	[MDEVDESC_E_COMPLEX_KEY] = { "R-SYNTAX-COMPLEX-KEY",
	  "complex key ('? '): keys are single-line scalars" },
	[MDEVDESC_E_BLOCK_SCALAR] = { "R-SYNTAX-BLOCK-SCALAR",
	  "block scalar ('|' or '>'): scalars are single-line; quote the value" },
	[MDEVDESC_E_RESERVED_INDICATOR] = { "R-SYNTAX-RESERVED",
	  "reserved indicator ('@', '`' or '%'): quote the value" },
	[MDEVDESC_E_UNTERMINATED_QUOTE] = { "R-SYNTAX-QUOTE",
	  "quoted scalar not closed on the line where it opens" },
	[MDEVDESC_E_BAD_ESCAPE] = { "R-SYNTAX-ESCAPE",
	  "invalid escape sequence in a double-quoted scalar" },
	[MDEVDESC_E_MULTILINE_SCALAR] = { "R-SYNTAX-SINGLE-LINE",
	  "escaped line break: scalars are single-line" },
	[MDEVDESC_E_MULTILINE_FLOW] = { "R-SYNTAX-FLOW", NULL },
	[MDEVDESC_E_DUPLICATE_KEY] = { "R-SYNTAX-DUPLICATE-KEY", NULL },
	[MDEVDESC_E_MERGE_KEY] = { "R-SYNTAX-MERGE-KEY", NULL },
	[MDEVDESC_E_MISSING_VALUE] = { "R-SYNTAX-FLOW-VALUE", NULL },
	[MDEVDESC_E_DOCUMENT_MARKER] = { "R-SYNTAX-MARKER", NULL },
	[MDEVDESC_E_LIMIT_DOCUMENT_SIZE] = { "R-LIMIT-DOCUMENT-SIZE", NULL },
	[MDEVDESC_E_LIMIT_DEPTH] = { "R-LIMIT-DEPTH", NULL },
	[MDEVDESC_E_LIMIT_KEY_LENGTH] = { "R-LIMIT-KEY-LENGTH", NULL },
	[MDEVDESC_E_LIMIT_SCALAR_LENGTH] = { "R-LIMIT-SCALAR-LENGTH", NULL },
	[MDEVDESC_E_LIMIT_DOCUMENTS] = { "R-LIMIT-DOCUMENTS", NULL },
	[MDEVDESC_E_LIMIT_ENTRIES] = { "R-LIMIT-ENTRIES", NULL },
};

static const struct syntax_code *syntax_code(mdevdesc_code code)
{
	if ((size_t)code >= sizeof(syntax_codes) / sizeof(syntax_codes[0]) || !syntax_codes[code].rule)
		return NULL;
	return &syntax_codes[code];
}

/*
 * The first syntax error of a document stops its checking (spec 4.2): no
 * model, no model errors.  Its message says so, but for the errors that
 * stop more than the document (out of memory, too many documents).
 */
MD_COLD void md_syn_err(md_parser *p, mdevdesc_code code, size_t off, uint32_t line, const char *msg)
{
	const struct syntax_code *row = syntax_code(code);
	int all = code == MDEVDESC_E_NOMEM || code == MDEVDESC_E_LIMIT_DOCUMENTS;

	if (p->failed)
		return;
	p->failed = 1;
	md_diag(p->diags, code, MDEVDESC_ERROR, off, line, "", row ? row->rule : "R-SYNTAX-GRAMMAR",
		"%s%s", msg, all ? "" : "; checking of this document stopped here (spec 4.2)");
}

/*
 * Ill-formed UTF-8 at @off (spec 4.1): the message shows the bytes, the
 * first and the continuation bytes after it (up to 4), and says what to do.
 */
MD_COLD static void utf8_error(md_parser *p, size_t off, uint32_t line)
{
	const unsigned char *s = p->lx.buf + off;
	size_t avail = (size_t)(p->lx.lim - s), i, n = 0;
	char bytes[4 * 4 + 1] = "", msg[240];

	for (i = 0; i < 4 && i < avail && (i == 0 || (s[i] & 0xC0) == 0x80); i++)
		n += (size_t)snprintf(bytes + n, sizeof(bytes) - n, "\\x%02x", s[i]);
	snprintf(msg, sizeof(msg),
		 "invalid UTF-8: %s %s %s not a UTF-8 character; the file must be UTF-8 text "
		 "(convert it, e.g. from Latin-1 with iconv -f latin1 -t utf-8)",
		 i > 1 ? "bytes" : "byte", bytes, i > 1 ? "are" : "is");
	md_syn_err(p, MDEVDESC_E_UTF8, off, line, msg);
}

/*
 * A JSON document is a flow mapping at the root whose keys are double
 * quoted, pretty-printed over many lines.  mdevdesc reads the YAML form
 * only: one form for every tool, and a flow collection on one line (spec
 * 4.2).  The error says so, and how to get the YAML form.
 */
static int looks_like_json(const md_parser *p, const md_node *coll)
{
	if (coll->kind != MD_MAP || p->depth != 1)
		return 0;
	if (coll->child)
		return coll->child->style == MD_DQUOTE;
	return p->tok.type == T_SCALAR && p->tok.style == MD_DQUOTE;
}

MD_COLD void md_flow_not_closed(md_parser *p, const md_node *coll, size_t off, uint32_t line)
{
	md_syn_err(p, MDEVDESC_E_MULTILINE_FLOW, off, line,
		   looks_like_json(p, coll)
			   ? "flow mapping not closed on its line: a JSON document? mdevdesc reads the "
			     "YAML form, where a flow collection closes on the line it opens on; write "
			     "the descriptor in block form, e.g. with mdevdesc-fmt on a one-line version "
			     "(a space after each ':')"
			   : "flow collection not closed on the line where it opens");
}

/* The message of the syntax error that the lexer found at byte @off: a
 * '#' without a space before it, or a character a flow collection rejects. */
static const char *flow_syntax_message(const md_parser *p, size_t off)
{
	const unsigned char c = p->lx.buf[off];

	if (c == ':' && off > 0 && p->lx.buf[off - 1] == '"')
		return "':' right after a quoted key inside a flow collection: JSON's \"key\":value "
		       "is written \"key\": value, with a space";
	return c == '#' ? "'#' starts a comment only after a space"
	     : c == ':' ? "':' inside a flow collection must be followed by a space; quote the value"
	     : c == '-' ? "'- ' block entry inside a flow collection"
	     : c == '?' ? "'?' inside a flow collection: quote the value"
	     : "unexpected character";
}

/* next()'s rare cases: a lexer error, or a token past the document size limit. */
MD_COLD void md_next_check(md_parser *p)
{
	md_token *t = &p->tok;

	if (p->comments) {
		md_note_comments(p);
		if (t->type != T_ERROR && t->off + t->n <= p->size_end)
			return;
	}

	if (t->type == T_ERROR) {
		const struct syntax_code *row = syntax_code(t->err);
		uint32_t line = p->lx.line;
		const char *msg = row && row->lex_message ? row->lex_message : "unexpected character";

		if (t->err == MDEVDESC_E_UTF8) {
			utf8_error(p, t->err_off, line);
			return;
		}
		if (t->err == MDEVDESC_E_UNTERMINATED_QUOTE)
			line = t->line;
		else if (t->err == MDEVDESC_E_SYNTAX)
			msg = flow_syntax_message(p, t->err_off);
		md_syn_err(p, t->err, t->err_off, line, msg);
		return;
	}
	if (t->type != T_EOF) {
		md_syn_err(p, MDEVDESC_E_LIMIT_DOCUMENT_SIZE, t->off, t->line,
			"document larger than the max_document_size limit");
	}
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

MD_COLD void md_unexpected(md_parser *p, const char *expected)
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
	md_syn_err(p, MDEVDESC_E_SYNTAX, p->tok.off, p->tok.line, msg);
}
