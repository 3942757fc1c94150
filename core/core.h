/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/*
 * core.h - what every layer of libmdevdesc shares, never installed: the
 * arena every layer allocates from (so a document costs no per-token
 * allocation), the allocator hook's defaults, the diagnostics sink that
 * turns byte offsets into line and column, and whole-file reading.
 *
 * The ground floor: it includes only public headers, and every other room
 * (parser/, validator/, compat/) may include it.
 */
#ifndef MDEVDESC_CORE_H
#define MDEVDESC_CORE_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "mdevdesc.h"

/* Paths taken once per error or per chunk, kept out of the hot loops. */
#if defined(__GNUC__)
#define MD_COLD __attribute__((cold, noinline))
#else
#define MD_COLD
#endif

/* ---- arena.c ---------------------------------------------------------- */

typedef struct md_chunk md_chunk;

typedef struct md_arena {
	const mdevdesc_alc *alc;
	md_chunk *head;   /* current chunk; older ones linked behind it */
	char *cur, *end;  /* free space in head */
	size_t chunk_size; /* size of the next chunk to allocate */
} md_arena;

void md_arena_init(md_arena *a, const mdevdesc_alc *alc);
/* Size the first chunk for the tree and model of a document of about
 * @input_len bytes (16 bytes of arena per input byte, at most 1 MiB), so
 * that one chunk usually holds a whole document. */
void md_arena_expect(md_arena *a, size_t input_len);
MD_COLD void *md_alloc_chunk(md_arena *a, size_t n); /* md_alloc's slow path */

/* @n bytes, 8-aligned; NULL when out of memory. */
static inline void *md_alloc(md_arena *a, size_t n)
{
	char *p;

	if (n > (size_t)-1 - 8)
		return NULL;
	n = n ? (n + 7) & ~(size_t)7 : 8;
	if ((size_t)(a->end - a->cur) < n)
		return md_alloc_chunk(a, n);
	p = a->cur;
	a->cur += n;
	return p;
}
/* A NUL-terminated copy of @n bytes of @s; NULL when out of memory.
 * Inline: the model copies a string for most nodes. */
static inline char *md_strndup(md_arena *a, const char *s, size_t n)
{
	char *p = md_alloc(a, n + 1);

	if (!p)
		return NULL;
	if (n)
		memcpy(p, s, n);
	p[n] = '\0';
	return p;
}
void md_arena_reset(md_arena *a);       /* keep the largest chunk */
void md_arena_free(md_arena *a);

/* The allocator of @opt (the default one when @opt or its alc is NULL);
 * NULL when the hook lacks malloc or free. */
const mdevdesc_alc *md_options_alc(const mdevdesc_options *opt);
void *md_malloc(const mdevdesc_alc *alc, size_t n);
void *md_zalloc(const mdevdesc_alc *alc, size_t n); /* zero-filled */
/* Grow or shrink @p from @old to @n bytes; through malloc, copy and free
 * when the hook has no realloc.  NULL (and @p untouched) on failure. */
void *md_realloc(const mdevdesc_alc *alc, void *p, size_t old, size_t n);
void md_free(const mdevdesc_alc *alc, void *p);
extern const mdevdesc_alc md_default_alc;

/* ---- diag.c ----------------------------------------------------------- */

typedef struct md_diags {
	md_arena *arena;          /* holds the array and the strings */
	const unsigned char *buf; /* the whole input, for line/column */
	size_t len;
	size_t bom;               /* 3 when the input starts with a BOM */
	mdevdesc_diag *v;
	size_t n, cap;
	size_t errors, warnings;
	uint32_t max;             /* limits.max_diagnostics per document */
	size_t doc_first;         /* index of the current document's first diag */
	size_t document;          /* current document index */
	int nomem;
} md_diags;

/* Record a diagnostic at byte offset @off on line @line (1-based). */
void md_diag(md_diags *d, mdevdesc_code code, mdevdesc_severity sev, size_t off,
	     uint32_t line, const char *path, const char *rule, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 8, 9)))
#endif
	;
/* 1-based column, in characters, of byte offset @off on its line. */
uint32_t md_column(const md_diags *d, size_t off, uint32_t *line_out);

#endif /* MDEVDESC_CORE_H */
