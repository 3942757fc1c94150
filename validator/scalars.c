/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/*
 * scalars.c - the checks of a single scalar, wherever it stands: its kind,
 * the quoting table for plain scalars (spec 4.4), control characters in
 * strings (spec 4.5), typed-mapping keys, string values, and the name
 * patterns of vendors, types and entries (spec 5).  Each check reports
 * what it finds with the node's path and returns -1 (or NULL, or 0 for a
 * yes/no question).
 */
#include <stdio.h>
#include <string.h>

#include "validator/build.h"
#include "emitter/quoting.h"

int md_clip(const md_node *n)
{
	size_t len = n->len;

	if (len <= 40)
		return (int)len;
	len = 40;
	while (len > 0 && ((unsigned char)n->str[len] & 0xC0) == 0x80)
		len--;
	return (int)len;
}

const char *md_kind_name(const md_node *n)
{
	if (n->kind == MD_MAP)
		return "a mapping";
	if (n->kind == MD_SEQ)
		return "a list";
	return "a scalar";
}

MD_COLD int md_not_scalar(md_model *m, const md_node *n, const char *what, const char *rule)
{
	ERR(m, MDEVDESC_E_TYPE, n, rule ? rule : "R-TYPE-KIND", "expected %s, found %s", what,
	    md_kind_name(n));
	return -1;
}

/*
 * mdevdesc_quote_class() for the common case: every row of the quoting
 * table (spec 4.4) starts with one of a few bytes, and the rows that start
 * with a letter are at most five bytes long ("false").  Most keys and
 * names are neither, and skip the table.
 */
int md_quote_class(const char *s, size_t n)
{
	if (n == 0)
		return mdevdesc_quote_class(s, n);
	switch (s[0]) {
	case 'n': case 'N': case 't': case 'T': case 'f': case 'F':
	case 'y': case 'Y': case 'o': case 'O':
		if (n > 5)
			return MDEVDESC__QUOTE_NONE;
		/* fall through */
	case '0': case '1': case '2': case '3': case '4':
	case '5': case '6': case '7': case '8': case '9':
	case '+': case '-': case '.': case '~': case '<': case '=':
		return mdevdesc_quote_class(s, n);
	default:
		return MDEVDESC__QUOTE_NONE;
	}
}

MD_COLD void md_report_null(md_model *m, const md_node *n)
{
	if (n->len == 0)
		ERR(m, MDEVDESC_E_NULL, n, "R-QUOTE-NULL",
		    "empty value: YAML loaders read it as null; write a value or \"\"");
	else
		ERR(m, MDEVDESC_E_NULL, n, "R-QUOTE-NULL",
		    "plain %.*s reads as null in every YAML loader; write \"%.*s\" for the string",
		    md_clip(n), n->str, md_clip(n), n->str);
}

MD_COLD void md_report_quoting_as(md_model *m, const md_node *n, int row, const char *fix)
{
	char quoted[48]; /* md_clip() bytes in quotes */

	if (!fix) {
		snprintf(quoted, sizeof(quoted), "\"%.*s\"", md_clip(n), n->str);
		fix = quoted;
	}
	ERR(m, MDEVDESC_E_QUOTING, n, "R-QUOTE-TABLE",
	    "plain %.*s reads as %s, not as a string; write %s (quoting table row %d, %s)",
	    md_clip(n), n->str, md_quote_row_reading(row), fix, row, md_quote_row_name(row));
}

MD_COLD void md_report_quoting(md_model *m, const md_node *n, int row)
{
	md_report_quoting_as(m, n, row, NULL);
}

MD_COLD int md_report_row(md_model *m, const md_node *n, int row)
{
	if (row == MDEVDESC__QUOTE_NULL)
		md_report_null(m, n);
	else
		md_report_quoting(m, n, row);
	return -1;
}

/* Whether any of the 8 bytes of @w is below 0x20 or is 0x7f. */
static int has_control(uint64_t w)
{
	const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
	uint64_t del = w ^ 0x7f7f7f7f7f7f7f7fu;

	/* The classic has-zero-byte test, for bytes below 0x20 and for 0x7f. */
	return (((w - 0x20 * ones) & ~w) | ((del - ones) & ~del)) & high ? 1 : 0;
}

int md_check_chars(md_model *m, const md_node *n)
{
	size_t i = 0;

	/* Strings are clean but for rare escapes and tabs: find none fast. */
	for (; i + 8 <= n->len; i += 8) {
		uint64_t w;
		memcpy(&w, n->str + i, 8);
		if (has_control(w))
			break;
	}
	for (; i < n->len; i++) {
		unsigned char c = (unsigned char)n->str[i];
		if (c < 0x20 || c == 0x7f) {
			ERR(m, MDEVDESC_E_STRING, n, "R-TYPE-STRING",
			    "string holds control character U+%04X (through an escape or a tab)", c);
			return -1;
		}
	}
	return 0;
}

/* A key of a typed mapping: any row of the quoting table, even row 1 (spec 4.4). */
int md_check_key(md_model *m, const md_node *k)
{
	int row = k->style == MD_PLAIN ? md_quote_class(k->str, k->len) : 0;

	if (row) {
		md_report_quoting(m, k, row);
		return -1;
	}
	return k->style == MD_PLAIN ? 0 : md_check_chars(m, k);
}

/* A string value; NULL after reporting when it is not one. */
const char *md_get_string(md_model *m, const md_node *n, const char *what)
{
	return is_string(m, n, what) ? dup(m, n->str, n->len) : NULL;
}

/* ---- names (spec 5.2, 5.3, 5.6) ---------------------------------------- */

#define L_(c) [c] = C_LOWER
#define D_(c) [c] = C_DIGIT
const unsigned char md_name_classes[256] = {
	L_('a'), L_('b'), L_('c'), L_('d'), L_('e'), L_('f'), L_('g'), L_('h'), L_('i'),
	L_('j'), L_('k'), L_('l'), L_('m'), L_('n'), L_('o'), L_('p'), L_('q'), L_('r'),
	L_('s'), L_('t'), L_('u'), L_('v'), L_('w'), L_('x'), L_('y'), L_('z'),
	D_('0'), D_('1'), D_('2'), D_('3'), D_('4'), D_('5'), D_('6'), D_('7'), D_('8'), D_('9'),
	['-'] = C_HYPHEN, ['.'] = C_DOT, ['_'] = C_UNDER,
};
#undef L_
#undef D_
