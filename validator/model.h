/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/*
 * model.h - the descriptor model of libmdevdesc, never installed: the
 * syntax tree of one document becomes struct mdevdesc_descriptor
 * (model.c, with the files it drives: validator/build.h), checked against
 * spec 5, and the typed values that the model and the resolver (compat/)
 * compare (values.c).
 */
#ifndef MDEVDESC_MODEL_H
#define MDEVDESC_MODEL_H

#include "parser/syntax.h"

/* ---- model.c ------------------------------------------------ */

struct mdevdesc_doc {
	struct mdevdesc_descriptor d;
	uint32_t line;
	int has_unknown;
	const mdevdesc_alc *alc;        /* the file's, for mdevdesc_doc_write() */
	const mdevdesc_comment *comments; /* MDEVDESC_KEEP_COMMENTS (comments.c) */
	size_t ncomments;
};

/* ---- comments.c -------------------------------------------------------- */

/* A key of a kept document: its line, its dotted path, its document. */
typedef struct md_key_mark {
	uint32_t line;
	size_t doc;
	const char *path;
} md_key_mark;

typedef struct md_key_marks {
	md_key_mark *v;
	size_t n, cap;
	int nomem;
} md_key_marks;

/* Append the keys of @root, document @doc, to @km, in document order. */
void md_marks_add(md_key_marks *km, md_arena *arena, const md_node *root, size_t doc);
/* Attach the comments of @log to @docs[0..n) by @km; -1 when out of memory. */
int md_comments_attach(const md_comment_log *log, const md_key_marks *km, md_arena *arena,
		       struct mdevdesc_doc **docs, size_t n);

/* Build the model of @doc; NULL when it has errors (reported to @diags). */
struct mdevdesc_doc *md_model_build(const md_syntax_doc *doc, md_arena *arena, md_diags *diags,
				    const mdevdesc_limits *lim, unsigned flags);

/* The kinds of a `parents` match entry (spec 5.9, R-INFO-PARENTS). */
enum md_parent_kind { MD_PARENT_INVALID = 0, MD_PARENT_PCI, MD_PARENT_DRIVER, MD_PARENT_DEVICE };
/* The kind of entry @s[0..n); *@arg and *@arg_n (when @arg is not NULL)
 * receive what follows the prefix: "8086:3e92", a driver or a device name. */
enum md_parent_kind md_parent_entry(const char *s, size_t n, const char **arg, size_t *arg_n);

/* ---- values.c ---------------------------------------------- */

/* Compare versions; a missing PATCH counts as 0, or as "every" when *_high. */
int md_version_cmp(const struct mdevdesc_version *a, int a_high, const struct mdevdesc_version *b,
		   int b_high);
int md_value_eq(const struct mdevdesc_value *a, const struct mdevdesc_value *b);
int md_value_in(const struct mdevdesc_value *v, const struct mdevdesc_value *acc, size_t n);
/* Whether @v (not absent) has another type than all the @n values of @acc
 * (none absent): an integer among strings, or a string among integers. */
int md_type_differs(const struct mdevdesc_value *v, const struct mdevdesc_value *acc, size_t n);
/*
 * The text of @v as messages and reasons show it: 4, 1..8, "gold"; like
 * snprintf into @buf.  A string longer than @clip bytes (0: no limit) is
 * cut at a character and ends with "...".
 */
size_t md_value_text(char *buf, size_t size, const struct mdevdesc_value *v, size_t clip);
/* Bitmap "0x...": number of hex digits, and digit @i from the right (0 past the end). */
size_t md_bm_digits(const char *bits);
unsigned md_bm_digit(const char *bits, size_t ndig, size_t i);

/* Spec 5.4: nonzero when @api is a device API of format 1.0. */
int md_device_api_known(const char *api);
/* Those device APIs: *@names, and their number. */
size_t md_device_api_names(const char *const **names);
/* Those device APIs as a message lists them: "vfio-pci, ... or vfio-cdx". */
void md_device_api_list(char *buf, size_t size);

#endif /* MDEVDESC_MODEL_H */
