/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/*
 * alloc.h - a counting allocator for the allocator hook (mdevdesc_alc),
 * shared by the unit tests: it counts calls and live blocks, and fails the
 * call numbered fail_at (1-based; 0 never), so that a test can make each
 * allocation of a run fail in turn and check that nothing leaks.
 */
#ifndef MDEVDESC_TEST_ALLOC_H
#define MDEVDESC_TEST_ALLOC_H

#include <stdlib.h>

struct counting {
	long calls, live, fail_at;
};

static inline void *c_malloc(void *ctx, size_t n)
{
	struct counting *c = ctx;
	if (++c->calls == c->fail_at)
		return NULL;
	c->live++;
	return malloc(n);
}

static inline void *c_realloc(void *ctx, void *p, size_t old, size_t n)
{
	struct counting *c = ctx;
	(void)old;
	if (++c->calls == c->fail_at)
		return NULL;
	if (!p)
		c->live++;
	return realloc(p, n);
}

static inline void c_free(void *ctx, void *p)
{
	struct counting *c = ctx;
	if (p)
		c->live--;
	free(p);
}

#endif /* MDEVDESC_TEST_ALLOC_H */
