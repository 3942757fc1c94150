/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/*
 * walk.c - the descriptor files of a directory, in byte order of names.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "common.h"
#include "walk.h"

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void free_names(char **names, size_t n)
{
	while (n)
		free(names[--n]);
	free(names);
}

/* The names in @dir but . and .., sorted; NULL with errno when unreadable. */
static char **list_dir(const char *dir, size_t *n)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **names = NULL;
	size_t cap = 0;
	int err = 0;

	*n = 0;
	if (!d)
		return NULL;
	for (errno = 0; (e = readdir(d)) != NULL; errno = 0) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if (*n == cap) {
			char **nn = realloc(names, (cap = cap ? cap * 2 : 32) * sizeof(*names));
			if (!nn)
				break;
			names = nn;
		}
		if (!(names[*n] = strdup(e->d_name)))
			break;
		++*n;
	}
	err = errno;
	closedir(d);
	if (err) {
		free_names(names, *n);
		errno = err;
		return NULL;
	}
	if (*n)
		qsort(names, *n, sizeof(*names), by_name);
	return names ? names : calloc(1, sizeof(*names));
}

static int is_descriptor_name(const char *name)
{
	size_t n = strlen(name);

	return (n >= 5 && strcmp(name + n - 5, ".yaml") == 0) ||
	       (n >= 4 && strcmp(name + n - 4, ".yml") == 0);
}

static void failed(struct cli_walk *w, const char *path, const char *why)
{
	fprintf(stderr, "%s: %s: %s\n", w->tool, cli_vis(path), why);
	w->worst = EXIT_USAGE;
}

/* One entry @path of a directory, named @name. */
static void walk_entry(struct cli_walk *w, const char *path, const char *name)
{
	struct stat ln, st;
	int desc = is_descriptor_name(name), status;

	if (lstat(path, &ln) != 0) {
		if (desc)
			failed(w, path, strerror(errno));
		return;
	}
	if (S_ISDIR(ln.st_mode)) {
		if (w->recursive)
			cli_walk_dir(w, path);
		else
			w->skipped++;
		return;
	}
	if (!desc)
		return;
	if (S_ISLNK(ln.st_mode) && stat(path, &st) == 0) {
		if (S_ISDIR(st.st_mode))
			return; /* a link to a directory: not followed */
		ln = st;
	}
	if (!S_ISREG(ln.st_mode) && !S_ISLNK(ln.st_mode)) {
		failed(w, path, "not a regular file");
		return;
	}
	w->found++;
	status = w->fn(w->ctx, path);
	if (status > w->worst)
		w->worst = status;
}

void cli_walk_dir(struct cli_walk *w, const char *dir)
{
	size_t n, i, dn = strlen(dir);
	char **names = list_dir(dir, &n);

	if (!names) {
		failed(w, dir, strerror(errno));
		return;
	}
	while (dn > 1 && dir[dn - 1] == '/')
		dn--;
	for (i = 0; i < n; i++) {
		size_t nn = strlen(names[i]);
		char *path = malloc(dn + nn + 2);

		if (!path) {
			failed(w, dir, strerror(ENOMEM));
			break;
		}
		memcpy(path, dir, dn);
		path[dn] = '/';
		memcpy(path + dn + (dir[dn - 1] != '/'), names[i], nn + 1);
		walk_entry(w, path, names[i]);
		free(path);
	}
	free_names(names, n);
}

void cli_walk_none(const struct cli_walk *w, const char *dir)
{
	fprintf(stderr, "%s: %s: no descriptor file (*.yaml, *.yml)%s\n", w->tool, cli_vis(dir),
		w->recursive ? " in it or below it"
		: w->skipped ? " in it; its subdirectories are read with -r"
			     : " in it");
}
