/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/*
 * mdevdesc_codes.h - the registry of libmdevdesc's codes (spec 10.1), one
 * row per code:
 *
 *     MDEVDESC_CODE(enumerator, number, "name", "text")
 *
 * The number is the value of the enumerator in enum mdevdesc_code, the
 * name is what mdevdesc_code_name() returns and the tools print, the text
 * what mdevdesc_strerror() returns.  A number or a name is never changed
 * or reused; a new code is one new row, with an unused number in its
 * block.
 *
 * mdevdesc.h includes this file to define enum mdevdesc_code.  It has no
 * include guard: define MDEVDESC_CODE, include the file, and undefine it
 * again, to make a table of the codes.
 */
MDEVDESC_CODE(MDEVDESC_OK, 0, "ok", "no error")
/* input and resources */
MDEVDESC_CODE(MDEVDESC_E_NOMEM, 1, "nomem", "out of memory")
MDEVDESC_CODE(MDEVDESC_E_IO, 2, "io", "input/output error")
MDEVDESC_CODE(MDEVDESC_E_INVALID_ARGUMENT, 3, "invalid-argument", "invalid argument")
/* a status, not an error: mdevdesc_reader_next() is at the end */
MDEVDESC_CODE(MDEVDESC_DONE, 4, "done", "end of input")
/* limits */
MDEVDESC_CODE(MDEVDESC_E_LIMIT_INPUT, 10, "limit-input", "input larger than the limit")
MDEVDESC_CODE(MDEVDESC_E_LIMIT_DOCUMENT_SIZE, 11, "limit-document-size",
	      "document larger than the limit")
MDEVDESC_CODE(MDEVDESC_E_LIMIT_DEPTH, 12, "limit-depth", "collections nested deeper than the limit")
MDEVDESC_CODE(MDEVDESC_E_LIMIT_KEY_LENGTH, 13, "limit-key-length", "key longer than the limit")
MDEVDESC_CODE(MDEVDESC_E_LIMIT_SCALAR_LENGTH, 14, "limit-scalar-length",
	      "scalar longer than the limit")
MDEVDESC_CODE(MDEVDESC_E_LIMIT_BITMAP_BITS, 15, "limit-bitmap-bits", "bitmap wider than the limit")
MDEVDESC_CODE(MDEVDESC_E_LIMIT_VERSION_COMPONENT, 16, "limit-version-component",
	      "version component larger than the limit")
MDEVDESC_CODE(MDEVDESC_E_LIMIT_DOCUMENTS, 17, "limit-documents", "more documents than the limit")
MDEVDESC_CODE(MDEVDESC_E_LIMIT_ENTRIES, 18, "limit-entries", "more entries than the limit")
/* characters (spec 4.1) */
MDEVDESC_CODE(MDEVDESC_E_UTF8, 20, "utf8", "invalid UTF-8")
MDEVDESC_CODE(MDEVDESC_E_CONTROL_CHAR, 21, "control-char", "non-printable character")
MDEVDESC_CODE(MDEVDESC_E_BOM, 22, "bom", "byte order mark after the start of the input")
MDEVDESC_CODE(MDEVDESC_E_LONE_CR, 23, "lone-cr", "carriage return not followed by a line feed")
MDEVDESC_CODE(MDEVDESC_E_TAB, 24, "tab", "tab outside a comment or quoted scalar")
/* syntax subset (spec 4.2, 4.3) */
MDEVDESC_CODE(MDEVDESC_E_SYNTAX, 30, "syntax", "syntax error")
MDEVDESC_CODE(MDEVDESC_E_INDENT, 31, "indent", "bad indentation")
MDEVDESC_CODE(MDEVDESC_E_ANCHOR, 32, "anchor", "anchors are not supported")
MDEVDESC_CODE(MDEVDESC_E_ALIAS, 33, "alias", "aliases are not supported")
MDEVDESC_CODE(MDEVDESC_E_TAG, 34, "tag", "tags are not supported")
MDEVDESC_CODE(MDEVDESC_E_DIRECTIVE, 35, "directive", "directives are not supported")
MDEVDESC_CODE(MDEVDESC_E_COMPLEX_KEY, 36, "complex-key", "complex keys are not supported")
MDEVDESC_CODE(MDEVDESC_E_BLOCK_SCALAR, 37, "block-scalar", "block scalars are not supported")
MDEVDESC_CODE(MDEVDESC_E_RESERVED_INDICATOR, 38, "reserved-indicator", "reserved indicator")
MDEVDESC_CODE(MDEVDESC_E_UNTERMINATED_QUOTE, 39, "unterminated-quote",
	      "quoted scalar not closed on its line")
MDEVDESC_CODE(MDEVDESC_E_BAD_ESCAPE, 40, "bad-escape", "invalid escape sequence")
MDEVDESC_CODE(MDEVDESC_E_MULTILINE_SCALAR, 41, "multiline-scalar",
	      "scalar continues on another line")
MDEVDESC_CODE(MDEVDESC_E_MULTILINE_FLOW, 42, "multiline-flow",
	      "flow collection not closed on its line")
MDEVDESC_CODE(MDEVDESC_E_DUPLICATE_KEY, 43, "duplicate-key", "duplicate key")
MDEVDESC_CODE(MDEVDESC_E_MERGE_KEY, 44, "merge-key", "merge keys are not supported")
MDEVDESC_CODE(MDEVDESC_E_MISSING_VALUE, 45, "missing-value", "flow entry without a value")
MDEVDESC_CODE(MDEVDESC_E_DOCUMENT_MARKER, 46, "document-marker", "misplaced document marker")
/* model (spec 5) */
MDEVDESC_CODE(MDEVDESC_E_NO_DOCUMENT, 60, "no-document", "input holds no document")
MDEVDESC_CODE(MDEVDESC_E_EMPTY_DOCUMENT, 61, "empty-document", "empty document")
MDEVDESC_CODE(MDEVDESC_E_TYPE, 62, "type", "value of the wrong type")
MDEVDESC_CODE(MDEVDESC_E_MISSING_KEY, 63, "missing-key", "required key missing")
MDEVDESC_CODE(MDEVDESC_E_UNKNOWN_KEY, 64, "unknown-key", "unknown key")
MDEVDESC_CODE(MDEVDESC_E_QUOTING, 65, "quoting", "plain scalar that loaders read as a non-string")
MDEVDESC_CODE(MDEVDESC_E_NULL, 66, "null", "empty value")
MDEVDESC_CODE(MDEVDESC_E_FORMAT_VERSION, 67, "format-version", "malformed format version")
MDEVDESC_CODE(MDEVDESC_E_FORMAT_MAJOR, 68, "format-major", "unsupported format major version")
MDEVDESC_CODE(MDEVDESC_E_VENDOR_UNREGISTERED, 69, "vendor-unregistered", "vendor not registered")
MDEVDESC_CODE(MDEVDESC_E_NAME, 70, "name", "malformed name")
MDEVDESC_CODE(MDEVDESC_E_DEVICE_API, 71, "device-api", "unknown device API")
MDEVDESC_CODE(MDEVDESC_E_VERSION, 72, "version", "malformed version")
MDEVDESC_CODE(MDEVDESC_E_VERSION_RANGE, 73, "version-range", "version range low end above high end")
MDEVDESC_CODE(MDEVDESC_E_CREATES_NEWER, 74, "creates-newer", "creates a version newer than version")
MDEVDESC_CODE(MDEVDESC_E_INTEGER, 75, "integer", "malformed integer")
MDEVDESC_CODE(MDEVDESC_E_INTEGER_RANGE, 76, "integer-range", "integer range low end above high end")
MDEVDESC_CODE(MDEVDESC_E_BITMAP, 77, "bitmap", "malformed bitmap")
MDEVDESC_CODE(MDEVDESC_E_RULE, 78, "rule", "unknown bitmap rule")
MDEVDESC_CODE(MDEVDESC_E_NOT_ACCEPTED, 79, "not-accepted", "value not in its own accepts")
MDEVDESC_CODE(MDEVDESC_E_STRING, 80, "string", "string holds a control character")
MDEVDESC_CODE(MDEVDESC_E_EMPTY_LIST, 81, "empty-list", "empty list")
/* warnings (spec 7; hw-form, spec 5.6) */
MDEVDESC_CODE(MDEVDESC_W_UNKNOWN_KEY, 100, "unknown-key", "key of a newer format minor")
MDEVDESC_CODE(MDEVDESC_W_UNKNOWN_ENUM, 101, "unknown-enum", "enum value of a newer format minor")
MDEVDESC_CODE(MDEVDESC_W_HW_FORM, 102, "hw-form", "registered hw name with a value of another form")
