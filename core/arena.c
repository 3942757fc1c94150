/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/*
 * arena.c - bump allocation for syntax trees, models and diagnostics.
 *
 * One arena serves one document (or one file); it is reset, not freed,
 * between documents, keeping its largest chunk so that a stream of
 * similar documents runs without touching the allocator.  All memory goes
 * through the caller's mdevdesc_alc hook.
 */
#include <stdlib.h>
#include <string.h>

#include "core/core.h"

struct md_chunk {
	md_chunk *prev;
	size_t size; /* usable bytes after the header */
};

#define MD_CHUNK_MIN ((size_t)16 * 1024)
#define MD_CHUNK_MAX ((size_t)1024 * 1024) /* largest first chunk md_arena_expect picks */
#define MD_ALIGN ((size_t)8)

static void *std_malloc(void *ctx, size_t n)
{
	(void)ctx;
	return malloc(n);
}

static void *std_realloc(void *ctx, void *p, size_t old, size_t n)
{
	(void)ctx;
	(void)old;
	return realloc(p, n);
}

static void std_free(void *ctx, void *p)
{
	(void)ctx;
	free(p);
}

const mdevdesc_alc md_default_alc = { std_malloc, std_realloc, std_free, NULL };

const mdevdesc_alc *md_options_alc(const mdevdesc_options *opt)
{
	const mdevdesc_alc *alc = opt && opt->alc ? opt->alc : &md_default_alc;

	return alc->malloc && alc->free ? alc : NULL;
}

void *md_malloc(const mdevdesc_alc *alc, size_t n)
{
	return alc->malloc(alc->ctx, n);
}

void *md_zalloc(const mdevdesc_alc *alc, size_t n)
{
	void *p = alc->malloc(alc->ctx, n);

	if (p)
		memset(p, 0, n);
	return p;
}

void *md_realloc(const mdevdesc_alc *alc, void *p, size_t old, size_t n)
{
	void *q;

	if (alc->realloc)
		return alc->realloc(alc->ctx, p, old, n);
	q = alc->malloc(alc->ctx, n);
	if (q && p) {
		memcpy(q, p, old < n ? old : n);
		alc->free(alc->ctx, p);
	}
	return q;
}

void md_free(const mdevdesc_alc *alc, void *p)
{
	if (p)
		alc->free(alc->ctx, p);
}

void md_arena_init(md_arena *a, const mdevdesc_alc *alc)
{
	memset(a, 0, sizeof(*a));
	a->alc = alc ? alc : &md_default_alc;
	a->chunk_size = MD_CHUNK_MIN;
}

void md_arena_expect(md_arena *a, size_t input_len)
{
	size_t want = input_len > MD_CHUNK_MAX / 16 ? MD_CHUNK_MAX : input_len * 16;

	while (a->chunk_size < want)
		a->chunk_size *= 2;
}

static size_t header_size(void)
{
	return (sizeof(md_chunk) + MD_ALIGN - 1) & ~(MD_ALIGN - 1);
}

/* A new chunk for @n bytes (already rounded up) when the current one is full. */
void *md_alloc_chunk(md_arena *a, size_t n)
{
	size_t size = a->chunk_size;
	md_chunk *c;
	char *p;

	while (size < n) {
		if (size > ((size_t)-1) / 4)
			return NULL;
		size *= 2;
	}
	c = md_malloc(a->alc, header_size() + size);
	if (!c)
		return NULL;
	c->prev = a->head;
	c->size = size;
	a->head = c;
	a->cur = (char *)c + header_size();
	a->end = a->cur + size;
	if (a->chunk_size < ((size_t)1 << 26))
		a->chunk_size = size * 2;
	p = a->cur;
	a->cur += n;
	return p;
}


void md_arena_reset(md_arena *a)
{
	md_chunk *keep = NULL, *c, *prev;

	for (c = a->head; c; c = prev) {
		prev = c->prev;
		if (!keep || c->size > keep->size) {
			if (keep)
				md_free(a->alc, keep);
			keep = c;
		} else {
			md_free(a->alc, c);
		}
	}
	a->head = keep;
	if (keep) {
		keep->prev = NULL;
		a->cur = (char *)keep + header_size();
		a->end = a->cur + keep->size;
	} else {
		a->cur = a->end = NULL;
	}
}

void md_arena_free(md_arena *a)
{
	md_chunk *c, *prev;

	for (c = a->head; c; c = prev) {
		prev = c->prev;
		md_free(a->alc, c);
	}
	a->head = NULL;
	a->cur = a->end = NULL;
}
