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
 * - Objects.  Every object the library creates is opaque, comes from one
 *   constructor (…_new, mdevdesc_parse…, mdevdesc_check_compat…) and is
 *   released by one …_free call that accepts NULL.  Pointers obtained from
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

/**
 * struct mdevdesc_options - parse options; NULL means all defaults.
 * @alc:    allocator, NULL for malloc/realloc/free.
 * @limits: limits, NULL for mdevdesc_limits_default().
 * @flags:  MDEVDESC_ALLOW_UNKNOWN_VENDOR, MDEVDESC_SYNTAX_ONLY.
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
 * Compatibility (spec 6): can a device described by SRC migrate to one
 * created from DST?  These functions work on the plain descriptor struct,
 * whose hw, params and features arrays are sorted by name (as the parser
 * returns them).  They are pure: no allocation (but the baseline), no
 * global state, safe from any thread.
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

/* Reasons a report holds without allocating; more go to the heap. */
#define MDEVDESC_REPORT_INLINE 32

/**
 * struct mdevdesc_reason - one failing rule or unknown item (spec 6.1).
 * @path:  the field path as up to three segments joined by '.', NULL after
 *         the last: {"params", "aggregation", "value"}; strings owned by the
 *         descriptors or constant.  mdevdesc_reason_path() renders it.
 * @side:  for unknown items, 0 when in the source, 1 when in the target.
 * @src_text, @dst_text: the strings compared (identity values, bitmaps,
 *         an unknown enum value), NULL when absent; owned by the
 *         descriptors.
 * @src_entry, @dst_entry: the hw or params entries compared, or NULL.
 * Use mdevdesc_reason_text() to render the values.
 */
typedef struct mdevdesc_reason {
	mdevdesc_reason_code code;
	const char *rule;
	const char *path[4];
	int side;
	const char *src_text, *dst_text;
	const struct mdevdesc_param *src_entry, *dst_entry;
} mdevdesc_reason;

/**
 * struct mdevdesc_report - the answer of mdevdesc_check_compat().
 * @n_reasons: every reason found (spec 6.1 R-COMPAT-REPORT): read them in
 *             order with mdevdesc_report_reason().  The first
 *             MDEVDESC_REPORT_INLINE live in the report; when there are more
 *             the rest are allocated (malloc) and mdevdesc_report_fini()
 *             frees them.  @nomem is set when that allocation failed: then
 *             only the inline reasons are there, and @n_reasons still counts
 *             them all.
 * @resume_version, @create_version, @reversible, @defaults_applied: the
 *             target configuration (spec 6.6), set when @verdict is
 *             MDEVDESC_COMPATIBLE; @create_version has no PATCH when
 *             @reversible.  mdevdesc_report_setting() and
 *             mdevdesc_report_feature() give the values to set.
 * @src, @dst: the descriptors checked (not owned).
 * A report holding allocated reasons must not be copied by assignment.
 */
typedef struct mdevdesc_report {
	mdevdesc_verdict verdict;
	size_t n_reasons;
	int nomem;
	mdevdesc_reason inline_reasons[MDEVDESC_REPORT_INLINE];
	mdevdesc_reason *more;
	size_t more_cap;
	struct mdevdesc_version resume_version;
	struct mdevdesc_version create_version;
	int reversible;
	size_t defaults_applied;
	const struct mdevdesc_descriptor *src, *dst;
} mdevdesc_report;

/** mdevdesc_report_reason - reason @i (0-based) of @r, NULL past the end. */
const mdevdesc_reason *mdevdesc_report_reason(const mdevdesc_report *r, size_t i);

/**
 * mdevdesc_report_fini - free what a check allocated for @r (only when it
 * found more than MDEVDESC_REPORT_INLINE reasons).  Call it once after each
 * mdevdesc_check_compat() whose report is done with; NULL is fine.
 */
void mdevdesc_report_fini(mdevdesc_report *r);

/**
 * mdevdesc_reason_path - @x's path as text, e.g. "features.caps.bits".
 * Like snprintf: returns the length needed.
 */
long mdevdesc_reason_path(const mdevdesc_reason *x, char *buf, size_t size);

/**
 * mdevdesc_check_compat - can @src migrate to a device created from @dst?
 * @r: receives the verdict, every reason and the target configuration.
 *
 * Direction matters: @src migrates to @dst.  Both must be valid
 * descriptors of format major 1 (from mdevdesc_doc_descriptor()).  @r is
 * output only; release it with mdevdesc_report_fini() when done.
 *
 * returns: the verdict (also in @r->verdict), or -1 when an argument is
 * NULL or a descriptor is of another format major.
 */
int mdevdesc_check_compat(const struct mdevdesc_descriptor *src,
			  const struct mdevdesc_descriptor *dst, mdevdesc_report *r);

/**
 * mdevdesc_reason_text - render a value of @x as canonical text.
 * @which: 0 the source value, 1 the target value, 2 the missing bit numbers
 *         of a feature-missing-bits reason ("3,12"), ...
 * Like snprintf: returns the length needed; "" when there is no such value.
 */
long mdevdesc_reason_text(const mdevdesc_report *r, const mdevdesc_reason *x, int which,
			  char *buf, size_t size);

/**
 * mdevdesc_report_setting - hw (@section 0) or params (@section 1) entry @i
 * of the configured target, in byte order of names: its @name, the @value to
 * set and whether it is the target's default.  returns: 1, or 0 when @i is
 * out of range or the verdict is not compatible.
 */
int mdevdesc_report_setting(const mdevdesc_report *r, int section, size_t i, const char **name,
			    const struct mdevdesc_value **value, int *from_default);

/**
 * mdevdesc_report_feature - feature @i of the configured target (every name
 * of either side, byte order): its @name and the @bits to present (the
 * source's, "0x0" when the source lacks it).  returns: 1, or 0 past the end.
 */
int mdevdesc_report_feature(const mdevdesc_report *r, size_t i, const char **name,
			    const char **bits);

/**
 * struct mdevdesc_ranked - a compatible target and the keys that rank it
 * (spec 6.7): reversible first, then fewer defaults, the same MAJOR, the
 * smaller MINOR distance, the newer version, the earlier @index.
 */
typedef struct mdevdesc_ranked {
	size_t index; /* position in the targets given */
	int reversible;
	size_t defaults_applied;
	int same_major;
	uint32_t distance;
	struct mdevdesc_version version;
} mdevdesc_ranked;

/**
 * mdevdesc_rank - the targets @src can migrate to, best first (spec 6.7).
 * @targets: @n descriptors; @out: room for @n entries.
 * Allocates nothing.  returns: how many targets are compatible, the entries
 * filled in @out.
 */
size_t mdevdesc_rank(const struct mdevdesc_descriptor *src,
		     const struct mdevdesc_descriptor *const *targets, size_t n, mdevdesc_ranked *out);

/**
 * struct mdevdesc_baseline - the answer of mdevdesc_baseline_compute()
 * (spec 6.8): with what new devices on a host should be created so that
 * they can migrate to every target of a set.
 * @blocked: nonzero when no baseline exists; then @blocker names the first
 *           target that makes it impossible (k: targets[k - 1]; 0: the host
 *           itself) and @report.reasons say why (src is the host, dst the
 *           blocker).
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
	mdevdesc_report report;
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
 * @alc: allocator for the result, NULL for malloc/free.
 * @out: receives the result, freed with mdevdesc_baseline_free().
 * returns: MDEVDESC_OK (look at (*out)->blocked), MDEVDESC_E_NOMEM or
 * MDEVDESC_E_INVALID_ARGUMENT.
 */
mdevdesc_code mdevdesc_baseline_compute(const struct mdevdesc_descriptor *host,
					const struct mdevdesc_descriptor *const *targets, size_t n,
					const mdevdesc_alc *alc, mdevdesc_baseline **out);

/** mdevdesc_baseline_free - free @b; NULL is fine. */
void mdevdesc_baseline_free(mdevdesc_baseline *b);

/* ------------------------------------------------------------------------
 * Fleet index: many targets, grouped by identity, so that a query checks
 * only the targets of the source's vendor, type and device_api.
 * Queries are read-only and may run concurrently; add and remove may not
 * run concurrently with anything else on the same index.
 */
typedef struct mdevdesc_index mdevdesc_index;

/** mdevdesc_index_new - an empty index; @alc NULL for malloc/free. */
mdevdesc_code mdevdesc_index_new(const mdevdesc_alc *alc, mdevdesc_index **out);
/** mdevdesc_index_free - free @ix (not the descriptors); NULL is fine. */
void mdevdesc_index_free(mdevdesc_index *ix);
/**
 * mdevdesc_index_add - add target @d, which must stay valid while it is in
 * the index; *@id receives its id.  Ids increase with every add and are
 * never reused; ties in ranking go to the smaller id.
 * returns: MDEVDESC_OK, MDEVDESC_E_NOMEM or MDEVDESC_E_INVALID_ARGUMENT.
 */
mdevdesc_code mdevdesc_index_add(mdevdesc_index *ix, const struct mdevdesc_descriptor *d,
				 size_t *id);
/** mdevdesc_index_remove - remove target @id. */
mdevdesc_code mdevdesc_index_remove(mdevdesc_index *ix, size_t id);
/** mdevdesc_index_count - targets in the index. */
size_t mdevdesc_index_count(const mdevdesc_index *ix);
/** mdevdesc_index_get - the descriptor of target @id, NULL if removed. */
const struct mdevdesc_descriptor *mdevdesc_index_get(const mdevdesc_index *ix, size_t id);
/**
 * mdevdesc_index_rank - the targets @src can migrate to, best first (spec
 * 6.7); @out[i].index is a target id.  At most @cap are stored.
 * returns: how many targets are compatible (may exceed @cap).
 */
size_t mdevdesc_index_rank(const mdevdesc_index *ix, const struct mdevdesc_descriptor *src,
			   mdevdesc_ranked *out, size_t cap);

#ifdef __cplusplus
}
#endif

#endif /* MDEVDESC_H */
