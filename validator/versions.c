/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/*
 * versions.c - the versions of a descriptor: the format version of
 * `mdevdesc` (spec 5.1), which decides how the rest is read, the device's
 * `version`, the entries and ranges of `accepts` and `creates`, and the
 * rule that `creates` names no version newer than `version` (spec 5.5).
 */
#include <stdio.h>
#include <string.h>

#include "validator/build.h"

/* ---- the format version (spec 5.1) ------------------------------------- */

/* Read `mdevdesc: "MAJOR.MINOR"` (spec 5.1); -1 stops the document. */
int md_format_version(md_model *m, const md_node *n, struct mdevdesc_descriptor *d)
{
	uint64_t part[2] = { 0, 0 };
	size_t i = 0;
	int k = 0;

	if (want_scalar(m, n, "the format version string \"1.0\"", NULL))
		return -1;
	if (n->style == MD_PLAIN) {
		/* Reported, then read anyway so the rest can be checked. */
		check_plain_string(m, n);
	}
	for (;;) {
		if (i >= n->len || n->str[i] < '0' || n->str[i] > '9' ||
		    (n->str[i] == '0' && i + 1 < n->len && n->str[i + 1] != '.'))
			goto bad;
		while (i < n->len && n->str[i] >= '0' && n->str[i] <= '9') {
			part[k] = part[k] * 10 + (uint64_t)(n->str[i] - '0');
			if (part[k] > UINT32_MAX)
				goto bad; /* no format version is that large */
			i++;
		}
		k++;
		if (i == n->len)
			break;
		if (k == 2 || n->str[i] != '.')
			goto bad;
		i++;
	}
	if (k != 2)
		goto bad;
	d->format_major = (uint32_t)part[0];
	d->format_minor = (uint32_t)part[1];
	if (d->format_major != MDEVDESC_FORMAT_MAJOR) {
		ERR(m, MDEVDESC_E_FORMAT_MAJOR, n, "R-FORMAT-MAJOR",
		    "format version %u.%u is not readable: this parser reads format %u.%u (major %u only)",
		    (unsigned)d->format_major, (unsigned)d->format_minor, (unsigned)MDEVDESC_FORMAT_MAJOR,
		    (unsigned)MDEVDESC_FORMAT_MINOR, (unsigned)MDEVDESC_FORMAT_MAJOR);
		return -1;
	}
	m->minor = d->format_minor;
	m->newer = d->format_minor > MDEVDESC_FORMAT_MINOR;
	return 0;
bad:
	ERR(m, MDEVDESC_E_FORMAT_VERSION, n, "R-FORMAT-VERSION",
	    "expected the format version as \"MAJOR.MINOR\" (e.g. \"1.0\"), found %.*s", md_clip(n), n->str);
	d->format_major = MDEVDESC_FORMAT_MAJOR;
	d->format_minor = MDEVDESC_FORMAT_MINOR;
	return 0;
}

/* ---- versions (spec 5.5) ----------------------------------------------- */

/* Parse MAJOR.MINOR[.PATCH]; returns parts (2 or 3) or 0; *big on overflow. */
static int parse_version(const char *s, size_t n, uint32_t maxc, struct mdevdesc_version *v,
			 int *big)
{
	uint32_t part[3] = { 0, 0, 0 };
	int k = 0;
	size_t i = 0;

	*big = 0;
	for (;;) {
		uint64_t p = 0;

		if (i >= n || s[i] < '0' || s[i] > '9')
			return 0;
		if (s[i] == '0' && i + 1 < n && s[i + 1] >= '0' && s[i + 1] <= '9')
			return 0; /* leading zero */
		do {
			if (p <= UINT32_MAX)
				p = p * 10 + (uint64_t)(s[i] - '0');
			i++;
		} while (i < n && s[i] >= '0' && s[i] <= '9');
		if (p > maxc)
			*big = 1;
		part[k++] = (uint32_t)(p > UINT32_MAX ? UINT32_MAX : p);
		if (i == n)
			break;
		if (s[i] != '.' || k == 3)
			return 0;
		i++;
	}
	if (k < 2)
		return 0;
	v->major = part[0];
	v->minor = part[1];
	v->patch = part[2];
	v->has_patch = k == 3;
	return k;
}

/*
 * MAJOR.MINOR @v, read from @n, where MAJOR.MINOR.PATCH is wanted: the
 * quoting error of a plain scalar of quoting table row @row (0: none), or
 * the version error, either saying to write MAJOR.MINOR.0.  Returns -1.
 */
MD_COLD static int two_parts(md_model *m, const md_node *n, const struct mdevdesc_version *v,
			     int row, const char *rule)
{
	char fix[64];

	snprintf(fix, sizeof(fix), "%u.%u.0%s", (unsigned)v->major, (unsigned)v->minor,
		 row ? ": a version is MAJOR.MINOR.PATCH" : "");
	if (row)
		md_report_quoting_as(m, n, row, fix);
	else
		ERR(m, MDEVDESC_E_VERSION, n, rule,
		    "expected a version MAJOR.MINOR.PATCH (decimal, no leading zeros), found %.*s; "
		    "write %s", md_clip(n), n->str, fix);
	return -1;
}

int md_version_scalar(md_model *m, const md_node *n, int parts_wanted,
		      struct mdevdesc_version *v, const char *rule)
{
	int big, k, row;

	if (want_scalar(m, n, "a version", NULL))
		return -1;
	k = parse_version(n->str, n->len, m->lim->max_version_component, v, &big);
	/* No row of the quoting table reads MAJOR.MINOR.PATCH: skip the check. */
	if (k != 3 && n->style == MD_PLAIN && (row = md_quote_class(n->str, n->len)) != 0)
		return k == 2 && parts_wanted == 3 ? two_parts(m, n, v, row, rule)
						   : md_report_row(m, n, row);
	if (k && big) {
		ERR(m, MDEVDESC_E_LIMIT_VERSION_COMPONENT, n, "R-LIMIT-VERSION-COMPONENT",
		    "version component of %.*s above the max_version_component limit (%u)",
		    md_clip(n), n->str, (unsigned)m->lim->max_version_component);
		return -1;
	}
	if (k == 2 && parts_wanted == 3)
		return two_parts(m, n, v, 0, rule);
	if (!k || (parts_wanted && k != parts_wanted)) {
		ERR(m, MDEVDESC_E_VERSION, n, rule,
		    parts_wanted == 3
			    ? "expected a version MAJOR.MINOR.PATCH (decimal, no leading zeros), found %.*s"
			    : "expected a version MAJOR.MINOR[.PATCH] (decimal, no leading zeros), found %.*s",
		    md_clip(n), n->str);
		return -1;
	}
	return 0;
}

/* One `accepts` (ranges allowed) or `creates` entry. */
static int version_entry(md_model *m, const md_node *n, int allow_range,
			 struct mdevdesc_version_entry *e)
{
	const char *dots;
	size_t i;

	memset(e, 0, sizeof(*e));
	if (want_scalar(m, n, "a version entry", NULL))
		return -1;
	dots = NULL;
	for (i = 0; i + 1 < n->len; i++)
		if (n->str[i] == '.' && n->str[i + 1] == '.') {
			dots = n->str + i;
			break;
		}
	if (!dots)
		return md_version_scalar(m, n, 0, &e->low, "R-VERSION-ENTRY");
	if (!allow_range) {
		ERR(m, MDEVDESC_E_VERSION, n, "R-VERSION-ENTRY",
		    "creates lists versions, not ranges: found %.*s", md_clip(n), n->str);
		return -1;
	}
	{
		md_node lo = *n, hi = *n;
		int big1 = 0, big2 = 0, k1, k2;

		lo.len = (size_t)(dots - n->str);
		hi.str = dots + 2;
		hi.len = n->len - lo.len - 2;
		k1 = parse_version(lo.str, lo.len, m->lim->max_version_component, &e->low, &big1);
		k2 = parse_version(hi.str, hi.len, m->lim->max_version_component, &e->high, &big2);
		if (k1 && k2 && (big1 || big2)) {
			ERR(m, MDEVDESC_E_LIMIT_VERSION_COMPONENT, n, "R-LIMIT-VERSION-COMPONENT",
			    "version component of %.*s above the max_version_component limit (%u)",
			    md_clip(n), n->str, (unsigned)m->lim->max_version_component);
			return -1;
		}
		if (!k1 || !k2) {
			ERR(m, MDEVDESC_E_VERSION, n, "R-VERSION-ENTRY",
			    "expected a version range LOW..HIGH of MAJOR.MINOR[.PATCH] versions, found %.*s",
			    md_clip(n), n->str);
			return -1;
		}
		if (md_version_cmp(&e->low, 0, &e->high, 1) > 0) {
			ERR(m, MDEVDESC_E_VERSION_RANGE, n, "R-VERSION-RANGE",
			    "version range %.*s: the low end is above the high end", md_clip(n), n->str);
			return -1;
		}
		e->is_range = 1;
	}
	return 0;
}

/* `accepts` (@allow_range) or `creates`: one entry or a list of them. */
struct mdevdesc_version_entry *md_version_list(md_model *m, const md_node *n, int allow_range,
					       size_t *count)
{
	size_t cnt, i = 0;
	const md_node *it = md_items_of(m, n, &cnt);
	struct mdevdesc_version_entry *v;
	int bad = 0;

	*count = 0;
	if (!it)
		return NULL;
	v = alloc(m, cnt * sizeof(*v));
	if (!v)
		return NULL;
	for (; it && i < cnt; it = n->kind == MD_SEQ ? it->next : NULL, i++) {
		size_t old = n->kind == MD_SEQ ? path_index(m, i) : m->nseg;
		if (version_entry(m, it, allow_range, &v[i]))
			bad = 1;
		path_pop(m, old);
	}
	if (bad)
		return NULL;
	*count = cnt;
	return v;
}

/* spec 5.5: a device cannot create versions newer than its own [R-CREATES-NOT-NEWER]. */
void md_creates_not_newer(md_model *m, const struct mdevdesc_descriptor *d, const md_node *list)
{
	const md_node *it = list->kind == MD_SEQ ? list->child : list;
	size_t j;

	for (j = 0; j < d->n_creates; j++, it = it ? it->next : NULL) {
		const struct mdevdesc_version *cv = &d->creates[j].low;
		/* A two-part entry compares as MAJOR.MINOR.0. */
		if (md_version_cmp(cv, 0, &d->version, 0) > 0) {
			size_t old = path_key(m, "creates", 7);
			size_t o2 = list->kind == MD_SEQ ? path_index(m, j) : m->nseg;
			ERR(m, MDEVDESC_E_CREATES_NEWER, it ? it : list, "R-CREATES-NOT-NEWER",
			    "creates %.*s, newer than version %u.%u.%u",
			    it ? md_clip(it) : 0, it ? it->str : "", (unsigned)d->version.major,
			    (unsigned)d->version.minor, (unsigned)d->version.patch);
			path_pop(m, o2);
			path_pop(m, old);
		}
	}
}
