/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/* c99.c - the public headers compile as strict C99 (and c++.cc as C++). */
#include "mdevdesc.h"

/* The compatibility API's types and calls, as a C99 caller writes them. */
static int verdict_of(const struct mdevdesc_descriptor *s, const struct mdevdesc_descriptor *d)
{
	mdevdesc_report *r = NULL;
	mdevdesc_verdict v = MDEVDESC_UNDECIDABLE;
	const mdevdesc_check *k;
	const mdevdesc_setting *x;

	if (mdevdesc_report_new(NULL, &r) != MDEVDESC_OK)
		return -1;
	if (mdevdesc_check_compat(s, d, r) == MDEVDESC_OK)
		v = mdevdesc_report_verdict(r);
	k = mdevdesc_report_check(r, 0);
	x = mdevdesc_report_setting(r, MDEVDESC_SECTION_PARAMS, 0);
	mdevdesc_report_free(r);
	return (int)v + (k && k->outcome == MDEVDESC_PASSED) + (x && x->from_default);
}

/* The hosts API, as a C99 caller writes it: the source of a type's descriptor. */
static const char *source_of(const char *root, const char *parent, const char *type)
{
	mdevdesc_catalog *c = NULL;
	const mdevdesc_host_type *t;
	const char *s = NULL;

	if (mdevdesc_catalog_load(root, NULL, &c) != MDEVDESC_OK)
		return NULL;
	t = mdevdesc_catalog_find_type(c, parent, type);
	if (t && t->found.origin != MDEVDESC_ORIGIN_NONE)
		s = mdevdesc_origin_name(t->found.origin);
	mdevdesc_catalog_free(c);
	return s;
}

int main(void)
{
	mdevdesc_limits lim = mdevdesc_limits_default();
	struct mdevdesc_descriptor d = { 0 };
	return (int)(lim.max_depth == 0) + (int)(mdevdesc_emit(&d, 0, 0) < -1) +
	       (int)(verdict_of(0, 0) > 2) + (source_of("/", "p", "t") != 0);
}
