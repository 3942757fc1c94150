/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/*
 * mdevdesc.h - libmdevdesc, the reference implementation of mdevdesc 1.0.
 *
 * mdevdesc describes the migration-compatible identity of a mediated or
 * VFIO variant device so that a management tool can tell, before it picks
 * a target host, whether a device can resume another's migration data.
 * This header parses and validates descriptor files (spec/mdevdesc.md),
 * exposes each descriptor as a plain struct (mdevdesc_emit.h) and writes
 * canonical text.
 *
 * API conventions (every function of this header follows them):
 *
 * - Names.  Everything public starts with mdevdesc_ or MDEVDESC_.  The
 *   library's internals use md_ and are never exported: libmdevdesc.so and
 *   libmdevdesc.a define no other global symbol.
 * - Errors.  A function that can fail returns an mdevdesc_code: MDEVDESC_OK
 *   (0) or the reason.  Results come back through out-parameters, which
 *   are set (to NULL or 0) even when the call fails.  Codes are stable
 *   (spec 10.1); mdevdesc_code_name() and mdevdesc_strerror() render them.
 *   Two kinds of function cannot fail and say so by their type: accessors
 *   (counts, the i-th item, a field) return the value, and 0 or NULL when
 *   the object is NULL or the index out of range; renderers into a
 *   caller's buffer work like snprintf: they return the length the whole
 *   text needs as a long (-1 when an argument is invalid) and always
 *   NUL-terminate when the size is not 0.
 * - Objects.  Every object the library creates is opaque (but the
 *   baseline, a read-only struct), comes from one constructor (…_new,
 *   mdevdesc_parse…, mdevdesc_baseline_compute) and is released by one
 *   …_free call that accepts NULL.  Pointers obtained from
 *   an object stay valid until it is freed (or, for a reader or a report,
 *   until its next use, as documented there).  Input buffers are never
 *   modified and, unless documented, not referenced after the call.
 * - Memory.  Every allocation goes through the mdevdesc_alc hook of
 *   struct mdevdesc_options (NULL: malloc, realloc and free); the library
 *   allocates nowhere else.  The emitter (mdevdesc_emit.h) allocates
 *   nothing at all.
 * - Choices are enums, never magic integers; flags are MDEVDESC_* bits.
 * - Threads.  There is no global state.  Distinct objects may be used from
 *   distinct threads at once; an object that is not being modified may be
 *   shared by readers.  A shared allocator hook must be thread-safe.
 *
 * The header compiles as C99 and as C++.
 */
#ifndef MDEVDESC_H
#define MDEVDESC_H

#include <stddef.h>
#include <stdint.h>

#include "mdevdesc_emit.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Library version (not the format version). */
#define MDEVDESC_VERSION_MAJOR 0
#define MDEVDESC_VERSION_MINOR 2
#define MDEVDESC_VERSION_PATCH 0
#define MDEVDESC_VERSION_STRING "0.2.0"
#define MDEVDESC_VERSION_HEX \
	((MDEVDESC_VERSION_MAJOR << 16) | (MDEVDESC_VERSION_MINOR << 8) | MDEVDESC_VERSION_PATCH)

/* The newest format version this library reads and writes. */
#define MDEVDESC_FORMAT_MAJOR 1
#define MDEVDESC_FORMAT_MINOR 0

/** mdevdesc_version_string - the library version of the running binary. */
const char *mdevdesc_version_string(void);

/* ------------------------------------------------------------------------
 * Limits (spec 8).  Every limit has a named default; a parser may lower or
 * raise each at run time through struct mdevdesc_limits.
 */
#define MDEVDESC_MAX_INPUT ((size_t)1 << 30)       /* bytes in one input */
#define MDEVDESC_MAX_DOCUMENT_SIZE ((size_t)1 << 20) /* bytes in one document */
#define MDEVDESC_MAX_DEPTH 16                      /* nested collections */
#define MDEVDESC_MAX_DEPTH_CEILING 1024            /* max_depth is capped here */
#define MDEVDESC_MAX_KEY_LENGTH 128                /* bytes in a key */
#define MDEVDESC_MAX_SCALAR_LENGTH 4096            /* bytes in a scalar */
#define MDEVDESC_MAX_BITMAP_BITS 4096              /* bits in a bitmap */
#define MDEVDESC_MAX_VERSION_COMPONENT 65535u      /* MAJOR, MINOR, PATCH */
#define MDEVDESC_MAX_DOCUMENTS 1048576             /* documents in one input */
#define MDEVDESC_MAX_ENTRIES 1024                  /* entries of one list or map */
#define MDEVDESC_MAX_DIAGNOSTICS 64                /* reported per document */

/**
 * struct mdevdesc_limits - run-time limits; start from
 * mdevdesc_limits_default() and change what you need.
 */
typedef struct mdevdesc_limits {
	size_t max_input;
	size_t max_document_size;
	uint32_t max_depth;
	uint32_t max_key_length;
	uint32_t max_scalar_length;
	uint32_t max_bitmap_bits;
	uint32_t max_version_component;
	uint32_t max_documents;
	uint32_t max_entries;
	uint32_t max_diagnostics;
} mdevdesc_limits;

/** mdevdesc_limits_default - the MDEVDESC_MAX_* defaults. */
mdevdesc_limits mdevdesc_limits_default(void);

/**
 * struct mdevdesc_alc - allocator hook.  @realloc may be NULL (the library
 * then allocates, copies and frees).  All calls receive @ctx.
 */
typedef struct mdevdesc_alc {
	void *(*malloc)(void *ctx, size_t size);
	void *(*realloc)(void *ctx, void *ptr, size_t old_size, size_t size);
	void (*free)(void *ctx, void *ptr);
	void *ctx;
} mdevdesc_alc;

/* Option flags. */
#define MDEVDESC_ALLOW_UNKNOWN_VENDOR 0x1u /* private vendor namespaces (spec 5.2) */
#define MDEVDESC_SYNTAX_ONLY 0x2u          /* stop after the syntax layer */
#define MDEVDESC_KEEP_COMMENTS 0x4u        /* keep comments (mdevdesc_doc_comment) */

/**
 * struct mdevdesc_options - parse options; NULL means all defaults.
 * @alc:    allocator, NULL for malloc/realloc/free.
 * @limits: limits, NULL for mdevdesc_limits_default().
 * @flags:  MDEVDESC_ALLOW_UNKNOWN_VENDOR, MDEVDESC_SYNTAX_ONLY,
 *          MDEVDESC_KEEP_COMMENTS.
 */
typedef struct mdevdesc_options {
	const mdevdesc_alc *alc;
	const mdevdesc_limits *limits;
	unsigned flags;
} mdevdesc_options;

/* ------------------------------------------------------------------------
 * Diagnostics.  Codes are stable: a code is never renumbered or reused
 * (spec 10.1).  mdevdesc_code_name() gives the stable text name printed
 * by the tools, e.g. "duplicate-key".  Every code, with its number, name and
 * text, is a row of mdevdesc_codes.h.
 */
typedef enum mdevdesc_code {
#define MDEVDESC_CODE(id, number, name, text) id = number,
#include "mdevdesc_codes.h"
#undef MDEVDESC_CODE
} mdevdesc_code;

/** mdevdesc_code_name - stable text name of @code, "unknown" if none. */
const char *mdevdesc_code_name(mdevdesc_code code);

/** mdevdesc_strerror - a short English description of @code. */
const char *mdevdesc_strerror(mdevdesc_code code);

typedef enum mdevdesc_severity {
	MDEVDESC_ERROR = 0,
	MDEVDESC_WARNING = 1
} mdevdesc_severity;

/**
 * struct mdevdesc_diag - one error or warning.
 * @line, @column: 1-based; columns count characters (code points).
 * @offset:   0-based byte offset in the input.
 * @document: 0-based index of the document in the input.
 * @path:     field path, e.g. "params.aggregation.accepts[2]"; "" at the
 *            syntax layer or the document root.
 * @rule:     the spec's rule ID, e.g. "R-SYNTAX-ANCHOR".
 * @message:  what was found and what was expected.
 * All strings are owned by the object the diagnostic came from.
 */
typedef struct mdevdesc_diag {
	mdevdesc_code code;
	mdevdesc_severity severity;
	uint32_t line;
	uint32_t column;
	size_t offset;
	size_t document;
	const char *path;
	const char *rule;
	const char *message;
} mdevdesc_diag;

/* ------------------------------------------------------------------------
 * Parsing a whole input.
 */
typedef struct mdevdesc_file mdevdesc_file;

/**
 * mdevdesc_parse - parse and validate every document of @buf.
 * @buf: UTF-8 input of @len bytes; not modified, not referenced afterwards.
 * @opt: options, may be NULL.
 * @out: receives the result, to be freed with mdevdesc_file_free().
 *
 * A result is returned even when the input is invalid: its diagnostics say
 * why.  When an allocation fails, everything is freed and *@out is NULL.
 *
 * returns: MDEVDESC_OK when the input is valid (warnings allowed), the code
 * of the first error otherwise, MDEVDESC_E_NOMEM or MDEVDESC_E_INVALID_ARGUMENT.
 */
mdevdesc_code mdevdesc_parse(const char *buf, size_t len, const mdevdesc_options *opt,
			     mdevdesc_file **out);

/**
 * mdevdesc_parse_file - mdevdesc_parse() on the contents of @path.
 * returns: as mdevdesc_parse(), or as mdevdesc_input_read() when @path
 * cannot be read (then *@out is NULL).
 */
mdevdesc_code mdevdesc_parse_file(const char *path, const mdevdesc_options *opt,
				  mdevdesc_file **out);

/**
 * mdevdesc_input_read - read the whole of @path ("-": standard input) for
 * parsing: a regular file is mapped read-only, anything else is read into
 * memory from @opt's allocator (at most limits.max_input + 1 bytes, enough
 * for the parser to report the limit).
 * @out: receives the input, freed with mdevdesc_input_free().
 * returns: MDEVDESC_OK, MDEVDESC_E_IO (errno tells why), MDEVDESC_E_NOMEM
 * or MDEVDESC_E_INVALID_ARGUMENT.
 */
typedef struct mdevdesc_input mdevdesc_input;
mdevdesc_code mdevdesc_input_read(const char *path, const mdevdesc_options *opt,
				  mdevdesc_input **out);
/** mdevdesc_input_data - the bytes of @in (not NUL-terminated); "" for NULL. */
const char *mdevdesc_input_data(const mdevdesc_input *in);
/** mdevdesc_input_size - the number of bytes of @in; 0 for NULL. */
size_t mdevdesc_input_size(const mdevdesc_input *in);
/** mdevdesc_input_free - release @in; NULL is fine. */
void mdevdesc_input_free(mdevdesc_input *in);

/** mdevdesc_file_free - free @f and everything obtained from it; NULL is fine. */
void mdevdesc_file_free(mdevdesc_file *f);

/** mdevdesc_file_diag_count - number of diagnostics (errors and warnings). */
size_t mdevdesc_file_diag_count(const mdevdesc_file *f);
/** mdevdesc_file_diag - diagnostic @i, in input order; NULL when out of range. */
const mdevdesc_diag *mdevdesc_file_diag(const mdevdesc_file *f, size_t i);
/** mdevdesc_file_error_count - number of diagnostics that are errors. */
size_t mdevdesc_file_error_count(const mdevdesc_file *f);

typedef struct mdevdesc_doc mdevdesc_doc;

/** mdevdesc_file_doc_count - number of documents in the input. */
size_t mdevdesc_file_doc_count(const mdevdesc_file *f);
/**
 * mdevdesc_file_doc - document @i; NULL when out of range or when that
 * document has errors (an invalid document has no model).
 */
const mdevdesc_doc *mdevdesc_file_doc(const mdevdesc_file *f, size_t i);

/**
 * mdevdesc_file_lookup - the first valid document whose `mdev_type` is
 * @mdev_type (a sysfs type id such as "qat_4xxxvf-sym"); NULL if none.
 */
const mdevdesc_doc *mdevdesc_file_lookup(const mdevdesc_file *f, const char *mdev_type);

/**
 * typedef mdevdesc_write_fn - output callback: write @n bytes of @s.
 */
typedef void (*mdevdesc_write_fn)(void *ctx, const char *s, size_t n);

/**
 * mdevdesc_events - the syntax layer's event stream of @buf, in the notation
 * of the YAML test suite's test.event files (+STR, +DOC ---, +MAP {},
 * =VAL :plain, -DOC ..., -STR), written through @w.  Only the syntax of
 * spec 4 is checked.  Writing stops at the first error: @out receives the
 * diagnostics (free it with mdevdesc_file_free(); it holds no documents).
 * returns: as mdevdesc_parse().
 */
mdevdesc_code mdevdesc_events(const char *buf, size_t len, const mdevdesc_options *opt,
			      mdevdesc_write_fn w, void *ctx, mdevdesc_file **out);

/* ------------------------------------------------------------------------
 * Streaming: one document at a time in bounded memory.
 */
typedef struct mdevdesc_reader mdevdesc_reader;

/**
 * mdevdesc_reader_new - prepare to read the documents of @buf one by one.
 * @buf must stay valid and unchanged until mdevdesc_reader_free().
 * returns: MDEVDESC_OK, MDEVDESC_E_NOMEM or MDEVDESC_E_INVALID_ARGUMENT.
 */
mdevdesc_code mdevdesc_reader_new(const char *buf, size_t len, const mdevdesc_options *opt,
				  mdevdesc_reader **out);

/**
 * mdevdesc_reader_next - parse and validate the next document.
 * @doc: receives the document, or NULL when it has errors.  It and the
 *       document's diagnostics stay valid until the next call.
 * returns: MDEVDESC_OK when a document was read (valid or not),
 * MDEVDESC_DONE at the end of the input (then *@doc is NULL and there are
 * no diagnostics), or the error that ends the input: a limit on the whole
 * input (MDEVDESC_E_LIMIT_INPUT, MDEVDESC_E_LIMIT_DOCUMENTS) or
 * MDEVDESC_E_NOMEM, whose diagnostic is among those of this call; every
 * later call returns MDEVDESC_DONE.  An input with no document at all
 * yields one MDEVDESC_OK with *@doc NULL and the `no-document` diagnostic.
 * MDEVDESC_E_INVALID_ARGUMENT when @r or @doc is NULL.
 */
mdevdesc_code mdevdesc_reader_next(mdevdesc_reader *r, const mdevdesc_doc **doc);

/** mdevdesc_reader_diag_count - diagnostics of the last document read. */
size_t mdevdesc_reader_diag_count(const mdevdesc_reader *r);
/** mdevdesc_reader_diag - diagnostic @i of the last document read. */
const mdevdesc_diag *mdevdesc_reader_diag(const mdevdesc_reader *r, size_t i);

/** mdevdesc_reader_free - free @r; NULL is fine. */
void mdevdesc_reader_free(mdevdesc_reader *r);

/* ------------------------------------------------------------------------
 * Documents.
 */

/**
 * mdevdesc_doc_descriptor - the document as a plain struct; every pointer
 * in it is owned by the document's file or reader.
 */
const struct mdevdesc_descriptor *mdevdesc_doc_descriptor(const mdevdesc_doc *d);

/** mdevdesc_doc_line - the line where the document's content starts. */
uint32_t mdevdesc_doc_line(const mdevdesc_doc *d);

/**
 * mdevdesc_doc_has_unknown - nonzero when the document carries keys or enum
 * values of a newer format minor that this library does not understand
 * (the resolver answers `undecidable` for it, spec 6.1).
 */
int mdevdesc_doc_has_unknown(const mdevdesc_doc *d);

/**
 * mdevdesc_doc_emit - canonical text of @d, as mdevdesc_emit().
 */
long mdevdesc_doc_emit(const mdevdesc_doc *d, char *buf, size_t size);

/* ------------------------------------------------------------------------
 * Comments.  With MDEVDESC_KEEP_COMMENTS, mdevdesc_parse() keeps every
 * comment of each valid document and attaches it:
 *
 * - a comment alone on its line to the key that follows it in the same
 *   document (MDEVDESC_COMMENT_BEFORE, @path that key's path, e.g.
 *   "params.rate_limit" or "params.rate_limit.accepts"); before the first
 *   key of a document (a banner, an SPDX header, a comment before "---")
 *   to the start of that document (MDEVDESC_COMMENT_START); when no key
 *   follows in the input, to the end of the last document
 *   (MDEVDESC_COMMENT_END);
 * - a comment after content on its line to the first key of that line
 *   (MDEVDESC_COMMENT_TRAILING), or, on a line without a key (a block
 *   sequence entry, a value alone), to the key before it in the same
 *   document; without one, as a comment alone on its line.
 *
 * A reader (mdevdesc_reader) keeps no comments.
 */
typedef enum mdevdesc_comment_place {
	MDEVDESC_COMMENT_START = 0,
	MDEVDESC_COMMENT_BEFORE = 1,
	MDEVDESC_COMMENT_TRAILING = 2,
	MDEVDESC_COMMENT_END = 3
} mdevdesc_comment_place;

/**
 * struct mdevdesc_comment - a comment kept with its document.
 * @text:     from '#' to the end of its line, without the line break
 *            (@len bytes, NUL-terminated).
 * @line:     its line in the input (1-based).
 * @trailing: nonzero when content precedes it on its line.
 * @place:    where it is attached.
 * @path:     the key it is attached to, dot-separated, "" for START and END.
 */
typedef struct mdevdesc_comment {
	const char *text;
	size_t len;
	uint32_t line;
	int trailing;
	mdevdesc_comment_place place;
	const char *path;
} mdevdesc_comment;

/** mdevdesc_doc_comment_count - comments kept with @d, in input order. */
size_t mdevdesc_doc_comment_count(const mdevdesc_doc *d);
/** mdevdesc_doc_comment - the @i-th comment kept with @d. */
const mdevdesc_comment *mdevdesc_doc_comment(const mdevdesc_doc *d, size_t i);

/**
 * mdevdesc_doc_write - canonical text of @d with its comments, to @w.
 *
 * The canonical text (mdevdesc_doc_emit()) with each kept comment in a
 * canonical position: START comments before the first line, END comments
 * after the last, both at column 0; a comment attached to a key before the
 * canonical line of that key (or, when the key has no line of its own, as
 * a key inside a flow mapping, of the nearest enclosing key that has one),
 * indented like it; a TRAILING comment at the end of its key's line, two
 * spaces after the content, when the key has a line of its own and no
 * other trailing comment took it, otherwise alone before that line.
 * Without comments the text is the canonical text.  MDEVDESC_E_NOMEM when
 * the allocator fails (nothing is written then).
 */
mdevdesc_code mdevdesc_doc_write(const mdevdesc_doc *d, mdevdesc_write_fn w, void *ctx);

/* ------------------------------------------------------------------------
 * JSON: the descriptor model and diagnostics as the tools print them (the
 * models of tests/vectors/README.md, the output of
 * schema/validate-output.schema.json), one writer for the tools and the
 * bindings.  Output is compact (no white space, no final newline), with
 * keys in a fixed order, and goes to @w in pieces.
 *
 * Strings are escaped as RFC 8259 asks: `"` and `\` as \" and \\, the
 * control characters U+0000-U+001F and DEL as \u00XX (lower-case hex);
 * every other character is copied as UTF-8.  The output is always valid
 * UTF-8: a byte that does not begin a well-formed UTF-8 sequence (spec 4.1),
 * as in a file name in another encoding, is written as \ufffd.  The
 * library's own strings (diagnostics, models) are UTF-8 already and are
 * never altered.
 *
 * Like renderers, the writers cannot fail: they return the number of bytes
 * written, or -1 without writing anything when an argument is NULL.
 */

/**
 * mdevdesc_json_string - @n bytes of @s as a JSON string, quotes included.
 * @s may hold NUL bytes (written as \u0000); it may be NULL when @n is 0.
 * returns: the number of bytes written, -1 when @w is NULL or @s is NULL
 * with @n > 0.
 */
long mdevdesc_json_string(const char *s, size_t n, mdevdesc_write_fn w, void *ctx);

/**
 * mdevdesc_json_value - a typed value: an integer as a JSON number, a
 * string as a JSON string, an integer range as {"range":[LOW,HIGH]}
 * (MDEVDESC_VALUE_NONE, and a string whose @s is NULL, as "").
 * returns: the number of bytes written, -1 when @v or @w is NULL.
 */
long mdevdesc_json_value(const struct mdevdesc_value *v, mdevdesc_write_fn w, void *ctx);

/**
 * mdevdesc_json_versions - @n `accepts` or `creates` entries as an array of
 * their texts: ["1.9","1.8.0..1.8.9"]; @e may be NULL when @n is 0.
 * returns: the number of bytes written, -1 when @w is NULL or @e is NULL
 * with @n > 0.
 */
long mdevdesc_json_versions(const struct mdevdesc_version_entry *e, size_t n,
			    mdevdesc_write_fn w, void *ctx);

/**
 * mdevdesc_json_diag - one diagnostic as the object of
 * schema/validate-output.schema.json: {"severity":...,"code":...,
 * "code_number":...,"line":...,"column":...,"offset":...,"document":...,
 * "path":...,"rule":...,"message":...}.  A NULL string is written as "".
 * returns: the number of bytes written, -1 when @d or @w is NULL.
 */
long mdevdesc_json_diag(const mdevdesc_diag *d, mdevdesc_write_fn w, void *ctx);

/**
 * mdevdesc_json_model - the model of descriptor @d as one object, in the
 * form of tests/vectors/README.md ("The .json file"): keys in the order of
 * spec 5, absent optional keys left out, `extensions` and `unknown` last.
 * @d is a descriptor from mdevdesc_doc_descriptor() or one built by hand
 * with the same shape; a NULL string is written as "".
 * returns: the number of bytes written, -1 when @d or @w is NULL.
 */
long mdevdesc_json_model(const struct mdevdesc_descriptor *d, mdevdesc_write_fn w, void *ctx);

/* Flags of mdevdesc_json_validate(). */
#define MDEVDESC_JSON_STRICT 0x1u /* a warning makes the input invalid */

/**
 * struct mdevdesc_json_summary - what mdevdesc_json_validate() found.
 * @documents: documents read (an input without any counts none).
 * @errors, @warnings: the diagnostics written, by severity.
 * @valid:     nonzero when the input is valid: no error, no warning either
 *             with MDEVDESC_JSON_STRICT, and read to its end.
 */
typedef struct mdevdesc_json_summary {
	size_t documents;
	size_t errors;
	size_t warnings;
	int valid;
} mdevdesc_json_summary;

/**
 * mdevdesc_json_validate - validate the input @buf one document at a time
 * (mdevdesc_reader) and write its result as the per-file object of
 * schema/validate-output.schema.json, as `mdevdesc-validate --json` prints
 * it: {"file":@name,"diagnostics":[...],"valid":...,"documents":...,
 * "errors":...,"warnings":...}.
 * @name:  the input's name, as given (a file name need not be UTF-8).
 * @buf:   the input, @len bytes; not modified, not referenced afterwards.
 * @opt:   options, may be NULL.
 * @flags: 0 or MDEVDESC_JSON_STRICT.
 * @sum:   receives the counts and the verdict; may be NULL.
 *
 * An input whose reading ended early (a limit on the whole input, or memory
 * that ran out while reading) is written whole and is not valid; the
 * diagnostic that says why is among those written unless max_diagnostics
 * or the lack of memory left it out.
 *
 * returns: MDEVDESC_OK when the object was written, valid input or not;
 * MDEVDESC_E_NOMEM when the reader could not be created, or
 * MDEVDESC_E_INVALID_ARGUMENT (@name or @w NULL, @buf NULL with @len > 0):
 * then nothing was written and *@sum is zeroed.
 */
mdevdesc_code mdevdesc_json_validate(const char *name, const char *buf, size_t len,
				     const mdevdesc_options *opt, unsigned flags,
				     mdevdesc_write_fn w, void *ctx, mdevdesc_json_summary *sum);


/* ------------------------------------------------------------------------
 * Compatibility (spec 6): can a device described by SRC migrate to one
 * created from DST?  These functions work on the plain descriptor struct,
 * whose hw, params and features arrays are sorted by name (as the parser
 * returns them); they keep pointers into the descriptors, which must
 * outlive every answer obtained from them.
 *
 * A check fills a report, an opaque object made once by
 * mdevdesc_report_new() and reused: its storage grows to the largest
 * check it has held, so that repeated checks allocate nothing once warm.
 * Ranking (mdevdesc_rank()) allocates nothing; the baseline and the fleet
 * index allocate through the allocator of their options.
 */

typedef enum mdevdesc_verdict {
	MDEVDESC_COMPATIBLE = 0,
	MDEVDESC_INCOMPATIBLE = 1,
	MDEVDESC_UNDECIDABLE = 2  /* treat as "do not migrate" */
} mdevdesc_verdict;

/** mdevdesc_verdict_name - "compatible", "incompatible" or "undecidable". */
const char *mdevdesc_verdict_name(mdevdesc_verdict v);

/* Reason codes of spec 6.9: stable, never renumbered or reused (spec 10.2). */
typedef enum mdevdesc_reason_code {
	MDEVDESC_R_IDENTITY_VENDOR = 1,
	MDEVDESC_R_IDENTITY_TYPE = 2,
	MDEVDESC_R_IDENTITY_DEVICE_API = 3,
	MDEVDESC_R_VERSION_NOT_ACCEPTED = 10,
	MDEVDESC_R_FEATURE_MISSING_BITS = 20,
	MDEVDESC_R_FEATURE_NOT_EQUAL = 21,
	MDEVDESC_R_HW_MISSING_IN_TARGET = 30,
	MDEVDESC_R_HW_NOT_ACCEPTED = 31,
	MDEVDESC_R_HW_NO_DEFAULT = 32,
	MDEVDESC_R_PARAM_MISSING_IN_TARGET = 40,
	MDEVDESC_R_PARAM_NOT_ACCEPTED = 41,
	MDEVDESC_R_PARAM_NO_DEFAULT = 42,
	MDEVDESC_R_UNKNOWN_KEY = 50,
	MDEVDESC_R_UNKNOWN_ENUM = 51
} mdevdesc_reason_code;

/** mdevdesc_reason_name - the spec's name of @code, e.g. "param-not-accepted". */
const char *mdevdesc_reason_name(mdevdesc_reason_code code);

/* The descriptor of a check that an item belongs to. */
typedef enum mdevdesc_side {
	MDEVDESC_SOURCE = 0,
	MDEVDESC_TARGET = 1
} mdevdesc_side;

/**
 * struct mdevdesc_reason - one failing rule or unknown item (spec 6.1).
 * @rule:  the spec's rule ID, e.g. "R-COMPAT-ENTRY-ACCEPTS".
 * @path:  the field path as up to three segments joined by '.', NULL after
 *         the last: {"params", "aggregation", "value"}.
 *         mdevdesc_reason_path() renders it.
 * @side:  for unknown items, the descriptor that holds it; MDEVDESC_SOURCE
 *         for failing rules.
 * @src_text, @dst_text: the strings compared (identity values, bitmaps,
 *         an unknown enum value), NULL when absent (a bitmap a side lacks
 *         is compared as 0x0).
 * @src_entry, @dst_entry: the hw or params entries compared, or NULL.
 * Strings and entries point into the descriptors checked or are constant.
 * Use mdevdesc_reason_text() to render the values.
 */
typedef struct mdevdesc_reason {
	mdevdesc_reason_code code;
	const char *rule;
	const char *path[4];
	mdevdesc_side side;
	const char *src_text, *dst_text;
	const struct mdevdesc_param *src_entry, *dst_entry;
} mdevdesc_reason;

/* The outcome of one rule of a check. */
typedef enum mdevdesc_outcome {
	MDEVDESC_PASSED = 0,
	MDEVDESC_FAILED = 1,
	MDEVDESC_NOT_EVALUATED = 2 /* the target's feature rule is not understood */
} mdevdesc_outcome;

/* Why a rule passed: what a tool explains to its user. */
typedef enum mdevdesc_pass {
	MDEVDESC_PASS_NONE = 0,             /* the rule did not pass */
	MDEVDESC_PASS_IDENTITY_EQUAL = 1,   /* 6.2: both sides hold the same value */
	MDEVDESC_PASS_VERSION_DEFAULT = 2,  /* 6.3: same MAJOR, MINOR not newer */
	MDEVDESC_PASS_VERSION_ACCEPTS = 3,  /* 6.3: in an entry of the target's accepts */
	MDEVDESC_PASS_FEATURE_SUPERSET = 4, /* 6.4: the source's bits within the target's */
	MDEVDESC_PASS_FEATURE_EQUAL = 5,    /* 6.4: equal bits under `equal` */
	MDEVDESC_PASS_ENTRY_ACCEPTED = 6,   /* 6.5: the target accepts the source's value */
	MDEVDESC_PASS_ENTRY_DEFAULT = 7     /* 6.5: only the target has it; its default applies */
} mdevdesc_pass;

/**
 * struct mdevdesc_check - one rule evaluated by mdevdesc_check_compat(),
 * passing or not, in the order of spec 6.1 R-COMPAT-REPORT: the three
 * identity keys, the version, every feature name of either side, then for
 * hw and for params each source entry (R-COMPAT-ENTRY-MISSING and, when
 * the target has it, R-COMPAT-ENTRY-ACCEPTS: the check names the rule that
 * decided) and each entry only the target has (R-COMPAT-ENTRY-DEFAULT).
 * Unknown items are not checks: they are reasons only.
 * @rule:    the spec's rule ID; "R-COMPAT-FEATURE" when not evaluated.
 * @path:    as in struct mdevdesc_reason; features.NAME.rule when not
 *           evaluated.  mdevdesc_check_path() renders it.
 * @outcome: passed, failed, or not evaluated (a feature whose rule in the
 *           target is an unknown item, spec 6.4).
 * @pass:    why it passed, MDEVDESC_PASS_NONE otherwise.
 * @code, @reason: when failed, the reason's code and the reason itself
 *           (among the report's); 0 and NULL otherwise.
 * @src_text, @dst_text, @src_entry, @dst_entry: the values compared, as in
 *           struct mdevdesc_reason (identity values, bitmaps, entries);
 *           when not evaluated, @dst_text is the target's rule.
 */
typedef struct mdevdesc_check {
	const char *rule;
	const char *path[4];
	mdevdesc_outcome outcome;
	mdevdesc_pass pass;
	mdevdesc_reason_code code;
	const mdevdesc_reason *reason;
	const char *src_text, *dst_text;
	const struct mdevdesc_param *src_entry, *dst_entry;
} mdevdesc_check;

/* A section of entries of a descriptor. */
typedef enum mdevdesc_section {
	MDEVDESC_SECTION_HW = 0,
	MDEVDESC_SECTION_PARAMS = 1
} mdevdesc_section;

/**
 * struct mdevdesc_setting - one hw or params entry of the configured
 * target (spec 6.6): its @name, the @value to set (the source's, or the
 * target's default when @from_default).
 */
typedef struct mdevdesc_setting {
	const char *name;
	const struct mdevdesc_value *value;
	int from_default;
} mdevdesc_setting;

/**
 * struct mdevdesc_feature_setting - one feature of the configured target:
 * its @name and the @bits to present (the source's, "0x0" when the source
 * lacks it).
 */
typedef struct mdevdesc_feature_setting {
	const char *name;
	const char *bits;
} mdevdesc_feature_setting;

/*
 * The answer of a check.  Everything obtained from a report (reasons,
 * checks, settings, versions) stays valid until the next
 * mdevdesc_check_compat() on it or mdevdesc_report_free().
 */
typedef struct mdevdesc_report mdevdesc_report;

/**
 * mdevdesc_report_new - an empty report, to be filled by
 * mdevdesc_check_compat() as often as needed.
 * @opt: its allocator (opt->alc); NULL for malloc/realloc/free.  The
 *       allocator hook is copied; its ctx must stay valid until
 *       mdevdesc_report_free().
 * @out: receives the report (NULL on failure).
 * returns: MDEVDESC_OK, MDEVDESC_E_NOMEM, or MDEVDESC_E_INVALID_ARGUMENT
 * when @out is NULL or the hook lacks malloc or free.
 */
mdevdesc_code mdevdesc_report_new(const mdevdesc_options *opt, mdevdesc_report **out);

/** mdevdesc_report_free - free @r and what it holds; NULL is fine. */
void mdevdesc_report_free(mdevdesc_report *r);

/**
 * mdevdesc_check_compat - can @src migrate to a device created from @dst?
 * @r: receives the verdict, every reason, every rule checked and the
 *     target configuration; what it held before is dropped (its storage
 *     is reused).
 *
 * Direction matters: @src migrates to @dst.  Both must be valid
 * descriptors of format major 1 (from mdevdesc_doc_descriptor()).
 *
 * returns: MDEVDESC_OK (read the verdict with mdevdesc_report_verdict()),
 * MDEVDESC_E_INVALID_ARGUMENT when an argument is NULL or a descriptor is
 * of another format major, MDEVDESC_E_NOMEM when the report could not
 * grow.  After an error @r is empty: no verdict (mdevdesc_report_verdict()
 * says MDEVDESC_UNDECIDABLE), no reason, no check, no configuration, no
 * source or target; it can be reused or freed.
 */
mdevdesc_code mdevdesc_check_compat(const struct mdevdesc_descriptor *src,
				    const struct mdevdesc_descriptor *dst, mdevdesc_report *r);

/**
 * mdevdesc_report_verdict - the verdict of @r.  MDEVDESC_UNDECIDABLE
 * ("do not migrate") when @r is NULL or empty: the one accessor whose
 * empty answer is not 0, which would read as compatible.
 */
mdevdesc_verdict mdevdesc_report_verdict(const mdevdesc_report *r);

/** mdevdesc_report_source - the source descriptor checked, NULL if empty. */
const struct mdevdesc_descriptor *mdevdesc_report_source(const mdevdesc_report *r);
/** mdevdesc_report_target - the target descriptor checked, NULL if empty. */
const struct mdevdesc_descriptor *mdevdesc_report_target(const mdevdesc_report *r);

/**
 * mdevdesc_report_reason_count - every failing rule and unknown item found
 * (spec 6.1 R-COMPAT-REPORT); 0 when compatible.
 */
size_t mdevdesc_report_reason_count(const mdevdesc_report *r);
/** mdevdesc_report_reason - reason @i (0-based) of @r in report order, NULL past the end. */
const mdevdesc_reason *mdevdesc_report_reason(const mdevdesc_report *r, size_t i);

/** mdevdesc_report_check_count - the rules evaluated (struct mdevdesc_check). */
size_t mdevdesc_report_check_count(const mdevdesc_report *r);
/** mdevdesc_report_check - check @i (0-based) of @r, NULL past the end. */
const mdevdesc_check *mdevdesc_report_check(const mdevdesc_report *r, size_t i);

/*
 * The target configuration (spec 6.6), when the verdict is compatible:
 * the version the target resumes (the source's), the version to create it
 * with (two parts when the pair is same-minor), whether it is same-minor,
 * the number of settings taken from target defaults, and the values to
 * set.  NULL or 0 when the verdict is not compatible.
 */
const struct mdevdesc_version *mdevdesc_report_resume_version(const mdevdesc_report *r);
const struct mdevdesc_version *mdevdesc_report_create_version(const mdevdesc_report *r);
size_t mdevdesc_report_defaults_applied(const mdevdesc_report *r);

/**
 * mdevdesc_report_same_minor - nonzero when the pair checked is compatible
 * and the target creates the source's MAJOR.MINOR (spec 6.6
 * R-COMPAT-SAME-MINOR): the version rule of the way back passes for every
 * source type the source satisfies.  A property of the versions alone, not
 * the answer to "can the VM come back?" (mdevdesc_check_reverse() is).
 * With an instance as source and a type as target, it is the second half
 * of "the instance satisfies the type" (R-COMPAT-SATISFIES): compatible
 * and same-minor.
 */
int mdevdesc_report_same_minor(const mdevdesc_report *r);

/**
 * mdevdesc_report_reversible - the former name of
 * mdevdesc_report_same_minor(), which it returns; kept for existing
 * callers.  Despite the name, not the reversibility of spec 6.6.
 */
int mdevdesc_report_reversible(const mdevdesc_report *r);

/**
 * mdevdesc_report_target_instance - the target instance (spec 6.6
 * R-COMPAT-TARGET-INSTANCE): the instance descriptor of the device created
 * on the target with the configuration, ready for mdevdesc_emit() or
 * mdevdesc_check_compat().  Its identity, format version, informational
 * and x- keys are the target's; its version is the source's when the pair
 * is same-minor, else the target's; one feature per feature of the target
 * (the source's bits, the target's rule), one hw and params entry per entry
 * of the target (the configured value only: no accepts, no default); no
 * accepts, no creates.  It satisfies the target (R-COMPAT-SATISFIES).
 *
 * The descriptor and its arrays are owned by @r (allocated through its
 * allocator during mdevdesc_check_compat()); its strings, values and
 * x- nodes point into the two descriptors checked.  Valid until the next
 * check on @r or mdevdesc_report_free().
 *
 * returns: the target instance, NULL when @r is NULL or its verdict is not
 * compatible.
 */
const struct mdevdesc_descriptor *mdevdesc_report_target_instance(const mdevdesc_report *r);

/**
 * mdevdesc_check_reverse - can the VM come back (spec 6.6 R-COMPAT-REVERSE)?
 * Checks the target instance of @fw (mdevdesc_report_target_instance()) as
 * the source against @src_type, the type the source device was created
 * from on the source host, into @bw: the move is reversible when
 * mdevdesc_report_verdict(@bw) is MDEVDESC_COMPATIBLE, and @bw holds every
 * reason when it is not.  Without the source's type there is no answer:
 * reversibility is unknown (never check the target against the source
 * instead).
 * @fw:       a report whose verdict is compatible; only read.
 * @src_type: the source's type, a valid descriptor of format major 1.
 * @bw:       the report to fill, not @fw.  It points into the target
 *            instance, so @fw must not be checked again or freed while
 *            @bw's answers are in use.
 *
 * returns: as mdevdesc_check_compat(); MDEVDESC_E_INVALID_ARGUMENT also
 * when @fw is NULL or not compatible, @src_type is NULL, or @bw is NULL or
 * @fw (then @bw, unless NULL or @fw, is left empty).
 */
mdevdesc_code mdevdesc_check_reverse(const mdevdesc_report *fw,
				     const struct mdevdesc_descriptor *src_type,
				     mdevdesc_report *bw);

/**
 * mdevdesc_report_setting_count - entries of section @s of the configured
 * target: one per entry of the target, in byte order of names.
 */
size_t mdevdesc_report_setting_count(const mdevdesc_report *r, mdevdesc_section s);
/** mdevdesc_report_setting - entry @i of section @s, NULL past the end. */
const mdevdesc_setting *mdevdesc_report_setting(const mdevdesc_report *r, mdevdesc_section s,
						size_t i);

/**
 * mdevdesc_report_feature_count - features of the configured target: every
 * name of either side, in byte order.
 */
size_t mdevdesc_report_feature_count(const mdevdesc_report *r);
/** mdevdesc_report_feature - feature @i, NULL past the end. */
const mdevdesc_feature_setting *mdevdesc_report_feature(const mdevdesc_report *r, size_t i);

/**
 * mdevdesc_reason_path - @x's path as text, e.g. "features.caps.bits".
 * Like snprintf: returns the length needed, -1 when @x is NULL.
 */
long mdevdesc_reason_path(const mdevdesc_reason *x, char *buf, size_t size);

/** mdevdesc_check_path - @c's path as text, as mdevdesc_reason_path(). */
long mdevdesc_check_path(const mdevdesc_check *c, char *buf, size_t size);

/* The values of a reason that mdevdesc_reason_text() renders. */
typedef enum mdevdesc_text {
	MDEVDESC_TEXT_SOURCE = 0,      /* the source's value */
	MDEVDESC_TEXT_TARGET = 1,      /* the target's value (with its accepts) */
	MDEVDESC_TEXT_MISSING_BITS = 2 /* feature-missing-bits: the bit numbers, "3,12" */
} mdevdesc_text;

/**
 * mdevdesc_reason_text - render value @which of reason @x of report @r as
 * canonical text.  Like snprintf: returns the length needed ("" when the
 * reason has no such value), -1 when @r or @x is NULL or @which is not an
 * mdevdesc_text.  When a hw or params value is not accepted because it has
 * another type than all the target accepts (spec 6.5: 3990 is not "3990"),
 * each side's text ends with its type: "3990 (integer)", "\"3990\" (string)",
 * "[\"a\", \"b\"] (strings)".
 */
long mdevdesc_reason_text(const mdevdesc_report *r, const mdevdesc_reason *x, mdevdesc_text which,
			  char *buf, size_t size);

/**
 * struct mdevdesc_ranked - a compatible target and the keys that rank it
 * (spec 6.7 R-COMPAT-RANK-ORDER): same-minor first, then fewer defaults,
 * the same MAJOR, the smaller MINOR distance, the newer version, the
 * earlier @index.
 * @same_minor: the target creates the source's MAJOR.MINOR (as
 *              mdevdesc_report_same_minor()).
 * @distance:   |target MINOR - source MINOR| for a target of the source's
 *              MAJOR, 0 for a target of another MAJOR.
 * @version:    the target's version.
 */
typedef struct mdevdesc_ranked {
	size_t index; /* position in the targets given */
	int same_minor;
	size_t defaults_applied;
	int same_major;
	uint32_t distance;
	struct mdevdesc_version version;
} mdevdesc_ranked;

/**
 * mdevdesc_rank - the targets @src can migrate to, best first (spec 6.7).
 * @targets: @n descriptors; @out: room for @n entries.
 * Allocates nothing.  returns: how many targets are compatible, the entries
 * filled in @out; 0 when an argument is NULL.
 */
size_t mdevdesc_rank(const struct mdevdesc_descriptor *src,
		     const struct mdevdesc_descriptor *const *targets, size_t n, mdevdesc_ranked *out);

/**
 * struct mdevdesc_baseline - the answer of mdevdesc_baseline_compute()
 * (spec 6.8): with what new devices on a host should be created so that
 * they can migrate to every target of a set.
 * @blocked: nonzero when no baseline exists; then @blocker names the first
 *           target that makes it impossible (k: targets[k - 1]; 0: the host
 *           itself) and @report says why: its verdict is incompatible, its
 *           source the host, its target the blocker, its reasons those of
 *           spec 6.8 (it has no checks and no configuration).  @report is
 *           NULL when not blocked; it is owned by the baseline.
 * @version: the version entry of the host to create with (two parts: the
 *           driver picks the PATCH).
 * @features, @hw, @params: bits and values to create with, by name.
 * Names and strings point into the descriptors given, which must outlive
 * the result.
 */
typedef struct mdevdesc_baseline_feature {
	const char *name;
	const char *bits;
} mdevdesc_baseline_feature;

typedef struct mdevdesc_baseline_value {
	const char *name;
	struct mdevdesc_value value;
} mdevdesc_baseline_value;

typedef struct mdevdesc_baseline {
	int blocked;
	size_t blocker;
	const mdevdesc_report *report;
	struct mdevdesc_version_entry version;
	const mdevdesc_baseline_feature *features;
	size_t n_features;
	const mdevdesc_baseline_value *hw;
	size_t n_hw;
	const mdevdesc_baseline_value *params;
	size_t n_params;
} mdevdesc_baseline;

/**
 * mdevdesc_baseline_compute - the baseline of @host for @targets.
 * @opt: its allocator (opt->alc), NULL for malloc/realloc/free.
 * @out: receives the result (NULL on failure), freed with
 *       mdevdesc_baseline_free().
 * returns: MDEVDESC_OK (look at (*out)->blocked), MDEVDESC_E_NOMEM (then
 * nothing is left allocated), or MDEVDESC_E_INVALID_ARGUMENT when @host or
 * @out is NULL, @targets is NULL while @n is not 0, or the hook lacks
 * malloc or free.
 */
mdevdesc_code mdevdesc_baseline_compute(const struct mdevdesc_descriptor *host,
					const struct mdevdesc_descriptor *const *targets, size_t n,
					const mdevdesc_options *opt, mdevdesc_baseline **out);

/** mdevdesc_baseline_free - free @b and its report; NULL is fine. */
void mdevdesc_baseline_free(mdevdesc_baseline *b);

/* ------------------------------------------------------------------------
 * Fleet index: many targets, grouped by identity, so that a query checks
 * only the targets of the source's vendor, type and device_api.
 * Queries are read-only and may run concurrently; add and remove may not
 * run concurrently with anything else on the same index.
 */
typedef struct mdevdesc_index mdevdesc_index;

/**
 * mdevdesc_index_new - an empty index.
 * @opt: its allocator (opt->alc), NULL for malloc/realloc/free; the hook is
 *       copied, its ctx must stay valid until mdevdesc_index_free().
 * @out: receives the index (NULL on failure).
 * returns: MDEVDESC_OK, MDEVDESC_E_NOMEM, or MDEVDESC_E_INVALID_ARGUMENT
 * when @out is NULL or the hook lacks malloc or free.
 */
mdevdesc_code mdevdesc_index_new(const mdevdesc_options *opt, mdevdesc_index **out);
/** mdevdesc_index_free - free @ix (not the descriptors); NULL is fine. */
void mdevdesc_index_free(mdevdesc_index *ix);
/**
 * mdevdesc_index_add - add target @d, which must stay valid while it is in
 * the index; *@id receives its id.  Ids increase with every add and are
 * never reused; ties in ranking go to the smaller id.
 * returns: MDEVDESC_OK, MDEVDESC_E_NOMEM (then @d is not added) or
 * MDEVDESC_E_INVALID_ARGUMENT.
 */
mdevdesc_code mdevdesc_index_add(mdevdesc_index *ix, const struct mdevdesc_descriptor *d,
				 size_t *id);
/**
 * mdevdesc_index_remove - remove target @id.
 * returns: MDEVDESC_OK, or MDEVDESC_E_INVALID_ARGUMENT when @ix is NULL or
 * @id is not in the index.
 */
mdevdesc_code mdevdesc_index_remove(mdevdesc_index *ix, size_t id);
/** mdevdesc_index_count - targets in the index. */
size_t mdevdesc_index_count(const mdevdesc_index *ix);
/** mdevdesc_index_get - the descriptor of target @id, NULL if removed. */
const struct mdevdesc_descriptor *mdevdesc_index_get(const mdevdesc_index *ix, size_t id);
/**
 * mdevdesc_index_rank - the targets @src can migrate to, best first (spec
 * 6.7); @out[i].index is a target id.  At most @cap are stored.  The
 * source is compiled in scratch memory from the index's allocator: 0 when
 * that fails.
 * returns: how many targets are compatible (may exceed @cap).
 */
size_t mdevdesc_index_rank(const mdevdesc_index *ix, const struct mdevdesc_descriptor *src,
			   mdevdesc_ranked *out, size_t cap);


/* ------------------------------------------------------------------------
 * Hosts (spec 9): the descriptors of one host.  A catalog reads the mdev
 * parents, their types and devices, and the PCI devices of VFIO variant
 * drivers from sysfs, and the shipped files of /etc/mdevdesc and
 * /usr/share/mdevdesc, all under one root directory ("/" for the running
 * host, another for a copy of a host's tree), and gives each type and
 * device the descriptor that spec 9.3 picks, with where it came from.
 *
 * Reading is careful (spec 9.4): every read is bounded, no link leads out
 * of the root, nothing that could block is opened, and a bad entry is
 * reported in the diagnostics of that entry (or of the host) while every
 * other entry is still read.  Diagnostics of the catalog's own are error
 * `io` (or `limit-input` for a file or attribute too large) at line 1,
 * column 1, with the spec's R-DISCOVERY-* rule and a message that names
 * the path (names that are not UTF-8 escaped as \xHH); those of a parsed
 * attribute or file are the parser's.
 *
 * Everything obtained from a catalog stays valid until
 * mdevdesc_catalog_free().  A catalog is a snapshot: load a new one on a
 * udev add or change event (R-DISCOVERY-CHANGE).
 */
typedef struct mdevdesc_catalog mdevdesc_catalog;

/* Where a descriptor came from: the levels of R-DISCOVERY-PRECEDENCE. */
typedef enum mdevdesc_origin {
	MDEVDESC_ORIGIN_NONE = 0,     /* no descriptor */
	MDEVDESC_ORIGIN_SYSFS = 1,    /* the driver's migration_descriptor attribute */
	MDEVDESC_ORIGIN_ETC = 2,      /* a file of /etc/mdevdesc (the administrator) */
	MDEVDESC_ORIGIN_USR_SHARE = 3 /* a file of /usr/share/mdevdesc (the vendor) */
} mdevdesc_origin;

/** mdevdesc_origin_name - "sysfs", "etc" or "usr-share"; NULL for none or another value. */
const char *mdevdesc_origin_name(mdevdesc_origin o);

/**
 * struct mdevdesc_found - the descriptor of a type or device, and what went
 * wrong on the way to it.
 * @origin:   where it came from; MDEVDESC_ORIGIN_NONE when there is none.
 * @doc:      the document; NULL when none.
 * @path:     the attribute or file it came from, as a path under the root
 *            ("/etc/mdevdesc/10-gvt.yaml"); NULL when none.
 * @document: the index of @doc in that attribute or file.
 * @diags:    the entry's own diagnostics, @n_diags of them (@errors errors):
 *            reading its sysfs directory and attributes, and those of its
 *            migration_descriptor attribute, whichever level won.  The
 *            diagnostics of a shipped file are the file's
 *            (mdevdesc_catalog_file()).
 */
typedef struct mdevdesc_found {
	mdevdesc_origin origin;
	const mdevdesc_doc *doc;
	const char *path;
	size_t document;
	const mdevdesc_diag *diags;
	size_t n_diags;
	size_t errors;
} mdevdesc_found;

/**
 * struct mdevdesc_host_type - an mdev type offered by a parent, the key
 * (@parent, @mdev_type) of R-DISCOVERY-KEY.
 * @parent:        the parent's sysfs device name ("0000:00:02.0", "matrix").
 * @parent_driver: the driver it is bound to, NULL when none.
 * @parent_pci_id: "vvvv:dddd" for a PCI parent, NULL otherwise.
 * @mdev_type:     the type id, e.g. "i915-GVTg_V5_4".
 * @name, @description, @device_api: its sysfs attributes (one final newline
 *                 dropped), NULL when absent or unreadable.
 * @available_instances: the attribute's value, -1 when absent or unreadable.
 */
typedef struct mdevdesc_host_type {
	const char *parent;
	const char *parent_driver;
	const char *parent_pci_id;
	const char *mdev_type;
	const char *name;
	const char *description;
	const char *device_api;
	int64_t available_instances;
	mdevdesc_found found;
} mdevdesc_host_type;

/* One vendor attribute of an mdev device, as mdevctl records it. */
typedef struct mdevdesc_attr {
	const char *name;
	const char *value;
} mdevdesc_attr;

/**
 * struct mdevdesc_host_instance - a created mdev device.
 * @uuid, @parent, @mdev_type: the device, its parent and its type.
 * @attrs: the `attrs` that mdevctl recorded for it
 *         (/etc/mdevctl.d/PARENT/UUID), @n_attrs of them in order, repeats
 *         kept; none when mdevctl recorded none.
 * @found: its own attribute only (R-DISCOVERY-KEY): origin sysfs or none.
 */
typedef struct mdevdesc_host_instance {
	const char *uuid;
	const char *parent;
	const char *mdev_type;
	const mdevdesc_attr *attrs;
	size_t n_attrs;
	mdevdesc_found found;
} mdevdesc_host_instance;

/**
 * struct mdevdesc_host_device - a PCI device of a VFIO variant driver: one
 * with a migration_descriptor attribute, or one that a shipped document
 * covers (R-DISCOVERY-COVER).
 * @address: its PCI address, "0000:3b:00.2".
 * @driver:  the driver it is bound to, NULL when none.
 * @pci_id:  "vvvv:dddd", NULL when unreadable.
 */
typedef struct mdevdesc_host_device {
	const char *address;
	const char *driver;
	const char *pci_id;
	mdevdesc_found found;
} mdevdesc_host_device;

/* What became of a shipped file. */
typedef enum mdevdesc_file_state {
	MDEVDESC_FILE_READ = 0,    /* read and parsed; its documents take part */
	MDEVDESC_FILE_IGNORED = 1, /* not read: the diagnostics say why (R-DISCOVERY-TRUST) */
	MDEVDESC_FILE_MASKED = 2   /* not read: /etc/mdevdesc has its name (R-DISCOVERY-MASK) */
} mdevdesc_file_state;

/**
 * struct mdevdesc_host_file - a shipped file (spec 9.2).
 * @path:   "/etc/mdevdesc/NAME" or "/usr/share/mdevdesc/NAME".
 * @origin: MDEVDESC_ORIGIN_ETC or MDEVDESC_ORIGIN_USR_SHARE.
 * @file:   the parsed file when @state is MDEVDESC_FILE_READ, else NULL.
 * @diags:  its diagnostics: the parser's, or why it was not read.
 */
typedef struct mdevdesc_host_file {
	const char *path;
	mdevdesc_origin origin;
	mdevdesc_file_state state;
	const mdevdesc_file *file;
	const mdevdesc_diag *diags;
	size_t n_diags;
	size_t errors;
} mdevdesc_host_file;

/**
 * mdevdesc_catalog_load - read the descriptors of the host whose tree is
 * under @root (NULL: "/").
 * @opt: options (may be NULL): the allocator, the limits of the parser
 *       (max_input bounds a shipped file; an attribute is bounded at 4096
 *       bytes and one document whatever they say) and
 *       MDEVDESC_ALLOW_UNKNOWN_VENDOR.
 * @out: receives the catalog, freed with mdevdesc_catalog_free().
 *
 * A host without mdev or shipped files gives an empty catalog.  Problems
 * with entries are diagnostics of the catalog, not failures.
 *
 * returns: MDEVDESC_OK; MDEVDESC_E_IO when @root is not a directory that
 * can be opened (errno tells why); MDEVDESC_E_NOMEM (then nothing is left
 * allocated); MDEVDESC_E_INVALID_ARGUMENT when @out is NULL or the hook
 * lacks malloc or free.  *@out is NULL on failure.
 */
mdevdesc_code mdevdesc_catalog_load(const char *root, const mdevdesc_options *opt,
				    mdevdesc_catalog **out);

/** mdevdesc_catalog_free - free @c and everything obtained from it; NULL is fine. */
void mdevdesc_catalog_free(mdevdesc_catalog *c);

/** mdevdesc_catalog_root - the root @c was read from, as given ("/" by default). */
const char *mdevdesc_catalog_root(const mdevdesc_catalog *c);

/** mdevdesc_catalog_type_count - the mdev types, sorted by (parent, mdev_type). */
size_t mdevdesc_catalog_type_count(const mdevdesc_catalog *c);
/** mdevdesc_catalog_type - type @i, NULL past the end. */
const mdevdesc_host_type *mdevdesc_catalog_type(const mdevdesc_catalog *c, size_t i);
/** mdevdesc_catalog_instance_count - the mdev devices, sorted by UUID. */
size_t mdevdesc_catalog_instance_count(const mdevdesc_catalog *c);
/** mdevdesc_catalog_instance - mdev device @i, NULL past the end. */
const mdevdesc_host_instance *mdevdesc_catalog_instance(const mdevdesc_catalog *c, size_t i);
/** mdevdesc_catalog_device_count - the variant PCI devices, sorted by address. */
size_t mdevdesc_catalog_device_count(const mdevdesc_catalog *c);
/** mdevdesc_catalog_device - device @i, NULL past the end. */
const mdevdesc_host_device *mdevdesc_catalog_device(const mdevdesc_catalog *c, size_t i);
/** mdevdesc_catalog_file_count - the shipped files: /etc, then /usr/share, each by name. */
size_t mdevdesc_catalog_file_count(const mdevdesc_catalog *c);
/** mdevdesc_catalog_file - shipped file @i, NULL past the end. */
const mdevdesc_host_file *mdevdesc_catalog_file(const mdevdesc_catalog *c, size_t i);
/** mdevdesc_catalog_diag_count - diagnostics of the host that belong to no entry. */
size_t mdevdesc_catalog_diag_count(const mdevdesc_catalog *c);
/** mdevdesc_catalog_diag - host diagnostic @i, NULL past the end. */
const mdevdesc_diag *mdevdesc_catalog_diag(const mdevdesc_catalog *c, size_t i);
/** mdevdesc_catalog_error_count - every error of @c: host, files, types, devices. */
size_t mdevdesc_catalog_error_count(const mdevdesc_catalog *c);

/** mdevdesc_catalog_find_type - the type @mdev_type of parent @parent, NULL if none. */
const mdevdesc_host_type *mdevdesc_catalog_find_type(const mdevdesc_catalog *c, const char *parent,
						     const char *mdev_type);
/** mdevdesc_catalog_find_instance - the mdev device @uuid (lower case), NULL if none. */
const mdevdesc_host_instance *mdevdesc_catalog_find_instance(const mdevdesc_catalog *c,
							     const char *uuid);
/** mdevdesc_catalog_find_device - the variant PCI device at @address, NULL if none. */
const mdevdesc_host_device *mdevdesc_catalog_find_device(const mdevdesc_catalog *c,
							 const char *address);

#ifdef __cplusplus
}
#endif

#endif /* MDEVDESC_H */
