/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/*
 * quoting.h - internal interface of the quoting table (spec 4.4).
 *
 * The table itself is mdevdesc_quote_class(), declared in the public header
 * mdevdesc_emit.h because the freestanding emitter needs it.  This header
 * adds what only the library needs: names for the row numbers, so that the
 * typing rules of spec 4.5 ("rows 4-9 are numbers") read as such, and the
 * text the validator uses to explain how a loader would misread a scalar.
 * Everything here is freestanding and reentrant, like the table.
 */
#ifndef MDEVDESC_QUOTING_H
#define MDEVDESC_QUOTING_H

#include "mdevdesc_emit.h"

/**
 * enum md_quote_row - the rows of the quoting table (spec 4.4), as
 * returned by mdevdesc_quote_class().  The numbers are those of the spec
 * and never change.
 */
enum md_quote_row {
	MDEVDESC__QUOTE_NONE = 0,          /* a string in every loader */
	MDEVDESC__QUOTE_NULL = 1,          /* "", ~, null, Null, NULL */
	MDEVDESC__QUOTE_BOOL_1_2 = 2,      /* true, False, ... */
	MDEVDESC__QUOTE_BOOL_1_1 = 3,      /* yes, no, on, off, y, n, ... */
	MDEVDESC__QUOTE_INT = 4,           /* 10, -3, 010, 1_000 */
	MDEVDESC__QUOTE_INT_BASE = 5,      /* 0x1f, 0o17, 0b101 */
	MDEVDESC__QUOTE_INT_BASE60 = 6,    /* 1:20 */
	MDEVDESC__QUOTE_FLOAT = 7,         /* 1.0, 1.10, .5, 1e3 */
	MDEVDESC__QUOTE_FLOAT_BASE60 = 8,  /* 1:20.5 */
	MDEVDESC__QUOTE_FLOAT_SPECIAL = 9, /* .inf, -.Inf, .nan */
	MDEVDESC__QUOTE_TIMESTAMP = 10,    /* 2001-12-14, 2001-12-14T21:59 */
	MDEVDESC__QUOTE_MERGE = 11,        /* << */
	MDEVDESC__QUOTE_VALUE = 12         /* = */
};

/* The number of rows; row numbers are 1 .. MDEVDESC__QUOTE_ROWS. */
#define MDEVDESC__QUOTE_ROWS 12

/*
 * Rows whose scalars some loader reads as a number (spec 4.5: a plain param
 * value matching one of them is an `integer` error, not a `quoting` one).
 */
#define MDEVDESC__QUOTE_ROW_IS_NUMBER(row) \
	((row) >= MDEVDESC__QUOTE_INT && (row) <= MDEVDESC__QUOTE_FLOAT_SPECIAL)

/**
 * md_quote_row_name - the spec's name of a quoting-table row.
 * @row: a row number, 1 .. MDEVDESC__QUOTE_ROWS.
 *
 * returns: a constant string such as "bool-1.1", or NULL when @row is not
 * a row number (0 included).
 */
const char *md_quote_row_name(int row);

/**
 * md_quote_row_reading - how loaders read a scalar of @row, as a
 * short noun phrase for messages ("... would be read as <phrase>").
 * @row: a row number, 1 .. MDEVDESC__QUOTE_ROWS.
 *
 * returns: a constant string such as "a boolean in YAML 1.1 loaders
 * (PyYAML, Go yaml)", or NULL when @row is not a row number.
 */
const char *md_quote_row_reading(int row);

#endif /* MDEVDESC_QUOTING_H */
