/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/*
 * limit.c - "NAME=VALUE" limits (spec 8), as mdevdesc-validate --limit and
 * the `limits:` lines of the conformance vectors (tests/run-vectors.c)
 * give them.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "limit.h"

int cli_set_limit(mdevdesc_limits *lim, const char *arg)
{
	static const struct {
		const char *name;
		size_t off;
		int wide;
	} names[] = {
#define L(f, w) { #f, offsetof(mdevdesc_limits, f), w }
		L(max_input, 1), L(max_document_size, 1), L(max_depth, 0), L(max_key_length, 0),
		L(max_scalar_length, 0), L(max_bitmap_bits, 0), L(max_version_component, 0),
		L(max_documents, 0), L(max_entries, 0), L(max_diagnostics, 0),
#undef L
	};
	const char *eq = strchr(arg, '=');
	unsigned long long v;
	char *end;
	size_t i;

	if (!eq || eq[1] < '0' || eq[1] > '9')
		return -1;
	errno = 0;
	v = strtoull(eq + 1, &end, 10);
	if (*end || errno)
		return -1;
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (strlen(names[i].name) != (size_t)(eq - arg) || memcmp(names[i].name, arg, (size_t)(eq - arg)))
			continue;
		if (names[i].wide) {
			*(size_t *)(void *)((char *)lim + names[i].off) = (size_t)v;
		} else {
			if (v > UINT32_MAX)
				return -1;
			*(uint32_t *)(void *)((char *)lim + names[i].off) = (uint32_t)v;
		}
		return 0;
	}
	return -1;
}
