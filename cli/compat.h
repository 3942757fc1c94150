/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/*
 * compat.h - the parts of mdevdesc-compat: options, inputs and modes
 * (mdevdesc-compat.c), text output: a check explained rule by rule, rank,
 * baseline and matrix answers (compat-explain.c), the same as JSON
 * (compat-json.c), the matrix as one HTML page (compat-html.c), and the
 * target instance and the way back (compat-instance.c).  The
 * printers only print what the library answered: no rule of spec 6 is
 * evaluated here.
 */
#ifndef MDEVDESC_CLI_COMPAT_H
#define MDEVDESC_CLI_COMPAT_H

#include "common.h"

/* One descriptor of a FILE... argument, labelled "file" or "file#N". */
struct target {
	const struct mdevdesc_descriptor *d;
	const char *file;
	size_t doc;
	char label[4200];
};

/* ---- mdevdesc-compat.c ---------------------------------------------------- */

/* mdevdesc_check_compat(), its error said on stderr; 0 on success. */
int compat_check(const struct mdevdesc_descriptor *s, const struct mdevdesc_descriptor *d,
		 mdevdesc_report *r);

/* ---- compat-explain.c ----------------------------------------------------- */

/* The path of @x, in a buffer reused by the next call. */
const char *compat_reason_path(const mdevdesc_reason *x);
/* The class of a matrix cell: compatible, oneway, incompatible or undecidable. */
const char *compat_cell_class(const mdevdesc_report *r);
/* SNAME -> DNAME, every rule checked, the verdict and the configuration. */
void compat_explain(const char *sname, const char *dname, const mdevdesc_report *r);

/*
 * The answers of --rank (@out[0..m) ranked, ranked[i] nonzero for the
 * targets among them; the others are checked again from @s with @r to
 * list their reasons), --baseline and --matrix over the targets @t[0..n),
 * as text and as JSON.  Those that check return 0, or -1 when a check failed.
 */
int compat_rank_text(const char *sname, const struct mdevdesc_descriptor *s, const struct target *t,
		     size_t n, const mdevdesc_ranked *out, size_t m, const char *ranked,
		     mdevdesc_report *r);
void compat_baseline_text(const char *hname, const mdevdesc_baseline *b, const struct target *t,
			  size_t n);
int compat_matrix_text(const struct target *t, size_t n, mdevdesc_report *r);

/* ---- compat-json.c -------------------------------------------------------- */

/* {"verdict":...,"reasons":[...],"configuration":...} */
void compat_json_result(FILE *o, const mdevdesc_report *r);
int compat_json_rank(FILE *o, const char *sname, const struct mdevdesc_descriptor *s,
		     const struct target *t, size_t n, const mdevdesc_ranked *out, size_t m,
		     const char *ranked, mdevdesc_report *r);
void compat_json_baseline(FILE *o, const char *hname, const mdevdesc_baseline *b,
			  const struct target *t);
/* {"descriptors":[...],"matrix":[[...]]}, without a line break. */
int compat_json_matrix(FILE *o, const struct target *t, size_t n, mdevdesc_report *r);

/*
 * --both: {"forward":...,"reversible":true|false|null[,"backward":...]}, the
 * backward check when it ran (@bw not NULL), with a line break.
 */
void compat_json_both(FILE *o, const mdevdesc_report *fw, const mdevdesc_report *bw);

/* ---- compat-instance.c ---------------------------------------------------- */

/* Every reason of @r, one line each, for a terminal. */
void compat_reasons(FILE *o, const mdevdesc_report *r);
/* --emit-target: the target instance of @r as canonical YAML on standard
 * output, or why there is none on standard error; the exit status. */
int compat_emit_target(const char *sname, const char *dname, const mdevdesc_report *r);
/* A warning on standard error unless @r says that SNAME satisfies TNAME. */
void compat_satisfies_warning(const char *sname, const char *tname, const mdevdesc_report *r);
/* --both, after the forward check was explained: the way back (@bw, the
 * check against the source's type TNAME) or why there is no answer; the
 * exit status. */
int compat_both_text(const char *tname, const mdevdesc_report *fw, const mdevdesc_report *bw);

/* ---- compat-html.c -------------------------------------------------------- */

/* Write the matrix as one self-contained page to @path; 0, or -1 (said). */
int compat_html(const char *path, const struct target *t, size_t n, mdevdesc_report *r);

#endif
