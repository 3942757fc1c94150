/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/*
 * walk.h - the descriptor files of a directory (names ending in .yaml or
 * .yml), for the tools that take a directory argument.
 */
#ifndef MDEVDESC_CLI_WALK_H
#define MDEVDESC_CLI_WALK_H

#include <stddef.h>

/* Handle one file; returns an exit status (0, 1 or 2). */
typedef int (*cli_walk_fn)(void *ctx, const char *path);

struct cli_walk {
	const char *tool; /* prefix of the messages on stderr */
	int recursive;    /* descend into subdirectories */
	cli_walk_fn fn;
	void *ctx;
	size_t found;   /* descriptor files handed to fn */
	size_t skipped; /* subdirectories not read (without recursive) */
	int worst;      /* the highest status: fn's, or 2 for an I/O error */
};

/*
 * Hand every descriptor file of directory @dir to @w->fn, in byte order of
 * names; with @w->recursive, the files of its subdirectories too, each
 * subdirectory at its place in that order.  A symbolic link to a file is
 * followed; one to a directory is not (so no link loop can hang the walk),
 * like find and yamllint.  A directory that cannot be read, and a name
 * ending in .yaml or .yml that is neither a file nor a directory (a FIFO,
 * a device), are said on stderr and make @w->worst 2; a dangling link goes
 * to @w->fn, which reports that it cannot be read.  Counts add up in @w.
 */
void cli_walk_dir(struct cli_walk *w, const char *dir);

/* Write "TOOL: DIR: no descriptor file (*.yaml, *.yml) ..." on stderr. */
void cli_walk_none(const struct cli_walk *w, const char *dir);

#endif
