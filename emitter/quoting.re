/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/*
 * quoting.re - the quoting table of spec 4.4, as an re2c specification.
 *
 * The table lists, row by row, the plain scalars that some YAML loader the
 * spec names (libyaml, PyYAML and Go yaml with YAML 1.1 rules, ruamel.yaml
 * with YAML 1.2 rules) would read as something other than a string.  The
 * validator uses it to reject such a scalar where the model expects a string
 * and to explain the misreading; the emitter uses it to decide which strings
 * to double-quote.  Each row is one rule below, in row order, matched against
 * the WHOLE scalar.  The generated code is freestanding (no libc, only the
 * headers below) so that the kernel-friendly emitter can link it, and it
 * never reads outside [s, s + n): input is read through a bounds-checked
 * YYPEEK and the end is found by comparing the cursor with the length, so a
 * NUL byte inside the scalar is an ordinary character.
 */
/* The freestanding types come from mdevdesc_emit.h, also in a kernel build. */
#include "mdevdesc_emit.h"
#include "quoting.h"

/**
 * whole - the result of a row that matched a prefix of the scalar.
 * @row: the row whose pattern matched.
 * @cur: the number of bytes the match covers.
 * @n:   the length of the scalar.
 *
 * The table matches whole scalars only (spec 4.4): `yes` is a boolean,
 * `yesno` is a string.  Longest-match semantics guarantee that when any row
 * matches the whole scalar, the matched prefix is the whole scalar, and that
 * among the rows that do, the first one listed wins.
 *
 * returns: @row when the match covers all @n bytes, else 0.
 */
static int whole(int row, size_t cur, size_t n)
{
	return cur == n ? row : MDEVDESC__QUOTE_NONE;
}

/*
 * match_rows - the rows of spec 4.4 in order; the comments give the row
 * number and name.  With @us set every '_' is skipped as if it were not
 * there, which is how Go yaml reads numbers (spec 4.4: `0_x1f` is 31).
 */
static int match_rows(const unsigned char *str, size_t n, int us)
{
	size_t cur = 0;
	size_t mar = 0;

	/*!re2c
	re2c:api = custom;
	re2c:api:style = free-form;
	re2c:define:YYCTYPE = "unsigned char";
	re2c:define:YYPEEK = "(cur < n ? str[cur] : 0u)";
	re2c:define:YYSKIP = "++cur; while (us && cur < n && str[cur] == '_') ++cur;";
	re2c:define:YYBACKUP = "mar = cur;";
	re2c:define:YYRESTORE = "cur = mar;";
	re2c:define:YYLESSTHAN = "n - cur < @@{len}";
	re2c:yyfill:enable = 0;
	re2c:eof = 0;
	re2c:indent:string = "\t";
	re2c:indent:top = 1;

	sign    = [-+];
	digits  = [0-9] [0-9_]*;
	exp     = [eE] sign? [0-9]+;
	sexa    = (":" [0-5]? [0-9])+;

	null    = "~" | "null" | "Null" | "NULL";
	bool12  = "true" | "True" | "TRUE" | "false" | "False" | "FALSE";
	bool11  = "y" | "Y" | "yes" | "Yes" | "YES" | "n" | "N" | "no" | "No" | "NO"
		| "on" | "On" | "ON" | "off" | "Off" | "OFF";
	// YAML 1.2 loaders (ruamel.yaml) also read a sign followed by [0-9_]+.
	int     = sign? digits | sign [0-9_]+;
	intbase = sign? "0" [bB] [01_]+
		| sign? "0" [xX] [0-9a-fA-F_]+
		| sign? "0" [oO] [0-7_]+;
	int60   = sign? [1-9] [0-9_]* sexa;
	// [-+]?([0-9][0-9_]*)?\.[0-9_]*([eE][-+]?[0-9]+)? without the lone
	// ".", "+." and "-.", or [-+]?[0-9][0-9_]*[eE][-+]?[0-9]+
	float   = sign? digits "." [0-9_]* exp?
		| sign? "." [0-9_]+ exp?
		| sign? "." exp
		| sign? digits exp;
	float60 = sign? digits sexa "." [0-9_]*;
	special = sign? "." ("inf" | "Inf" | "INF")
		| "." ("nan" | "NaN" | "NAN");
	stamp   = [0-9]{4} "-" [0-9]{1,2} "-" [0-9]{1,2} (([Tt] | [ ]+) [^]*)?;

	$       { return MDEVDESC__QUOTE_NULL; }                 // row 1, the empty scalar
	null    { return whole(MDEVDESC__QUOTE_NULL, cur, n); }          // row 1 null
	bool12  { return whole(MDEVDESC__QUOTE_BOOL_1_2, cur, n); }      // row 2 bool-1.2
	bool11  { return whole(MDEVDESC__QUOTE_BOOL_1_1, cur, n); }      // row 3 bool-1.1
	int     { return whole(MDEVDESC__QUOTE_INT, cur, n); }           // row 4 int
	intbase { return whole(MDEVDESC__QUOTE_INT_BASE, cur, n); }      // row 5 int-base
	int60   { return whole(MDEVDESC__QUOTE_INT_BASE60, cur, n); }    // row 6 int-base60
	float   { return whole(MDEVDESC__QUOTE_FLOAT, cur, n); }         // row 7 float
	float60 { return whole(MDEVDESC__QUOTE_FLOAT_BASE60, cur, n); }  // row 8 float-base60
	special { return whole(MDEVDESC__QUOTE_FLOAT_SPECIAL, cur, n); } // row 9 float-special
	stamp   { return whole(MDEVDESC__QUOTE_TIMESTAMP, cur, n); }     // row 10 timestamp
	"<<"    { return whole(MDEVDESC__QUOTE_MERGE, cur, n); }         // row 11 merge
	"="     { return whole(MDEVDESC__QUOTE_VALUE, cur, n); }         // row 12 value
	*       { return MDEVDESC__QUOTE_NONE; }                 // no row: a string
	*/
}

/*
 * mdevdesc_quote_class - see mdevdesc_emit.h.  A scalar that starts with a
 * digit or a sign also matches rows 4 to 9 when it does so once every '_'
 * is removed (spec 4.4); the first matching row wins.
 */
int mdevdesc_quote_class(const char *s, size_t n)
{
	const unsigned char *const str = (const unsigned char *)s;
	int row = match_rows(str, n, 0), bare;
	size_t i;

	if ((row && row <= MDEVDESC__QUOTE_FLOAT_SPECIAL) || n == 0 ||
	    !((str[0] >= '0' && str[0] <= '9') || str[0] == '+' || str[0] == '-'))
		return row;
	for (i = 0; i < n && str[i] != '_'; i++)
		;
	if (i == n)
		return row;
	bare = match_rows(str, n, 1);
	return MDEVDESC__QUOTE_ROW_IS_NUMBER(bare) ? bare : row;
}

/*
 * md_quote_row_name - see quoting.h.  A switch rather than a table
 * of pointers keeps the object free of data relocations.
 */
const char *md_quote_row_name(int row)
{
	switch (row) {
	case MDEVDESC__QUOTE_NULL:
		return "null";
	case MDEVDESC__QUOTE_BOOL_1_2:
		return "bool-1.2";
	case MDEVDESC__QUOTE_BOOL_1_1:
		return "bool-1.1";
	case MDEVDESC__QUOTE_INT:
		return "int";
	case MDEVDESC__QUOTE_INT_BASE:
		return "int-base";
	case MDEVDESC__QUOTE_INT_BASE60:
		return "int-base60";
	case MDEVDESC__QUOTE_FLOAT:
		return "float";
	case MDEVDESC__QUOTE_FLOAT_BASE60:
		return "float-base60";
	case MDEVDESC__QUOTE_FLOAT_SPECIAL:
		return "float-special";
	case MDEVDESC__QUOTE_TIMESTAMP:
		return "timestamp";
	case MDEVDESC__QUOTE_MERGE:
		return "merge";
	case MDEVDESC__QUOTE_VALUE:
		return "value";
	default:
		return NULL;
	}
}

/* md_quote_row_reading - see quoting.h; the "read as" column of spec 4.4. */
const char *md_quote_row_reading(int row)
{
	switch (row) {
	case MDEVDESC__QUOTE_NULL:
		return "null in every YAML loader";
	case MDEVDESC__QUOTE_BOOL_1_2:
		return "a boolean in every YAML loader";
	case MDEVDESC__QUOTE_BOOL_1_1:
		return "a boolean in YAML 1.1 loaders (PyYAML, Go yaml)";
	case MDEVDESC__QUOTE_INT:
		return "an integer (YAML 1.1 loaders read a leading 0 as octal and drop '_')";
	case MDEVDESC__QUOTE_INT_BASE:
		return "a binary, octal or hexadecimal integer";
	case MDEVDESC__QUOTE_INT_BASE60:
		return "a base-60 integer in YAML 1.1 loaders (PyYAML, Go yaml)";
	case MDEVDESC__QUOTE_FLOAT:
		return "a floating-point number (1.10 reads as 1.1)";
	case MDEVDESC__QUOTE_FLOAT_BASE60:
		return "a base-60 floating-point number in YAML 1.1 loaders (PyYAML, Go yaml)";
	case MDEVDESC__QUOTE_FLOAT_SPECIAL:
		return "an infinite or not-a-number floating-point value";
	case MDEVDESC__QUOTE_TIMESTAMP:
		return "a timestamp in YAML 1.1 loaders and ruamel.yaml";
	case MDEVDESC__QUOTE_MERGE:
		return "a merge key in YAML 1.1 loaders (PyYAML, Go yaml)";
	case MDEVDESC__QUOTE_VALUE:
		return "a value key in YAML 1.1 loaders (PyYAML)";
	default:
		return NULL;
	}
}
