/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/*
 * common.h - what the mdevdesc command-line tools share: reading inputs,
 * printing diagnostics the way compilers do, and JSON output.
 */
#ifndef MDEVDESC_CLI_COMMON_H
#define MDEVDESC_CLI_COMMON_H

#include <stdio.h>

#include "limit.h"
#include "mdevdesc.h"

/* Exit statuses shared by every tool (stable, documented in README.md). */
#define EXIT_VALID 0
#define EXIT_INVALID 1
#define EXIT_USAGE 2

typedef struct cli_input {
	const char *name; /* as given; "-" is standard input */
	mdevdesc_input *input;
	const char *buf;
	size_t len;
} cli_input;

/* Read a whole input (mmap for files, read for pipes); -1 with errno. */
int cli_read(cli_input *in, const char *path);
void cli_release(cli_input *in);

/*
 * Write @s[0..n) for a terminal: printable UTF-8 as it is; any other byte as
 * \xHH; C0 and C1 controls, DEL, line and paragraph separators and bidi
 * controls as \xHH or \uHHHH (spec 11.4).
 */
void cli_put_visible(FILE *out, const char *s, size_t n);
/*
 * @s as cli_put_visible() writes it, for printf's %s: in one of eight
 * buffers used in turn, so the text stays valid for seven more calls;
 * "?" when out of memory.  NULL is "".
 */
const char *cli_vis(const char *s);
/*
 * The character at @s[i] (@i < @n): its length in bytes (1 for a byte that
 * is not UTF-8), and in @esc the escape that shows it (\xHH or \uHHHH),
 * or "" when it can be written as it is.
 */
size_t cli_visible_char(const char *s, size_t n, size_t i, char esc[12]);

/*
 * After getopt_long() returned '?' (with opterr 0): say on stderr which
 * argument of @argv was refused, through cli_vis(), then @usage.
 */
void cli_bad_option(const char *tool, char *const *argv, const char *usage);

/* FILE:LINE:COL: severity: message [code] (rule), the source line, a caret;
 * every text shown through cli_put_visible(). */
void cli_print_diag(FILE *out, const cli_input *in, const mdevdesc_diag *d, int show_source);

/* An mdevdesc_write_fn that writes to the FILE * @ctx. */
void cli_fwrite(void *ctx, const char *s, size_t n);

/* JSON output: the library's writers (mdevdesc.h, "JSON") on a FILE. */
void cli_json_string(FILE *out, const char *s, size_t n);
/* A typed value: integer, "string" or {"range":[lo,hi]}. */
void cli_json_value(FILE *out, const struct mdevdesc_value *v);
/* A version's text, without quotes: 2.3.1 or 1.9. */
void cli_json_version(FILE *out, const struct mdevdesc_version *v);
/* ,"KEY":["1.9","1.8.0..1.8.9"] */
void cli_json_entries(FILE *out, const char *key, const struct mdevdesc_version_entry *e, size_t n);

#endif
