/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/*
 * text.h - an output callback (mdevdesc_write_fn) for the unit tests that
 * collects what a writer writes into a NUL-terminated buffer.
 */
#ifndef MDEVDESC_TEST_TEXT_H
#define MDEVDESC_TEST_TEXT_H

#include <string.h>

struct text {
	char buf[8192];
	size_t n;
};

static inline void text_put(void *ctx, const char *s, size_t n)
{
	struct text *t = ctx;

	assert_true(t->n + n < sizeof(t->buf));
	memcpy(t->buf + t->n, s, n);
	t->n += n;
	t->buf[t->n] = '\0';
}

#endif /* MDEVDESC_TEST_TEXT_H */
