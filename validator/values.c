/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/*
 * values.c - comparisons of versions, typed values and bitmaps, shared by
 * validation (a descriptor accepts its own values, spec 5.8) and
 * compatibility resolution (spec 6).  Pure functions over the plain
 * descriptor structs.
 */
#include <stdio.h>
#include <string.h>

#include "validator/model.h"

int md_version_cmp(const struct mdevdesc_version *a, int a_high, const struct mdevdesc_version *b,
		   int b_high)
{
	uint64_t pa = a->has_patch ? a->patch : a_high ? UINT64_MAX : 0;
	uint64_t pb = b->has_patch ? b->patch : b_high ? UINT64_MAX : 0;

	if (a->major != b->major)
		return a->major < b->major ? -1 : 1;
	if (a->minor != b->minor)
		return a->minor < b->minor ? -1 : 1;
	if (pa != pb)
		return pa < pb ? -1 : 1;
	return 0;
}

int md_value_eq(const struct mdevdesc_value *a, const struct mdevdesc_value *b)
{
	if (a->kind != b->kind)
		return 0;
	if (a->kind == MDEVDESC_VALUE_INT)
		return a->i == b->i;
	if (a->kind != MDEVDESC_VALUE_STR || !a->s || !b->s)
		return 0;
	{
		const char *x = a->s, *y = b->s;
		while (*x && *x == *y) {
			x++;
			y++;
		}
		return *x == *y;
	}
}

int md_value_in(const struct mdevdesc_value *v, const struct mdevdesc_value *acc, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (acc[i].kind == MDEVDESC_VALUE_RANGE) {
			if (v->kind == MDEVDESC_VALUE_INT && v->i >= acc[i].i && v->i <= acc[i].hi)
				return 1;
		} else if (v->kind == MDEVDESC_VALUE_INT && acc[i].kind == MDEVDESC_VALUE_INT) {
			/* md_value_eq() for the common case, without the call. */
			if (v->i == acc[i].i)
				return 1;
		} else if (md_value_eq(v, &acc[i])) {
			return 1;
		}
	}
	return 0;
}

/* Whether @v is of the integer type (spec 4.5): an integer or a range. */
static int is_int(const struct mdevdesc_value *v)
{
	return v->kind == MDEVDESC_VALUE_INT || v->kind == MDEVDESC_VALUE_RANGE;
}

int md_type_differs(const struct mdevdesc_value *v, const struct mdevdesc_value *acc, size_t n)
{
	size_t i;

	if (v->kind == MDEVDESC_VALUE_NONE || n == 0)
		return 0;
	for (i = 0; i < n; i++)
		if (acc[i].kind == MDEVDESC_VALUE_NONE || is_int(&acc[i]) == is_int(v))
			return 0;
	return 1;
}

size_t md_value_text(char *buf, size_t size, const struct mdevdesc_value *v, size_t clip)
{
	size_t n;
	int k = 0;

	if (size)
		buf[0] = '\0';
	switch (v->kind) {
	case MDEVDESC_VALUE_INT:
		k = snprintf(buf, size, "%lld", (long long)v->i);
		break;
	case MDEVDESC_VALUE_RANGE:
		k = snprintf(buf, size, "%lld..%lld", (long long)v->i, (long long)v->hi);
		break;
	case MDEVDESC_VALUE_STR:
		n = strlen(v->s);
		if (!clip || n <= clip) {
			k = snprintf(buf, size, "\"%s\"", v->s);
			break;
		}
		/* Never split a character. */
		for (n = clip; n > 0 && ((unsigned char)v->s[n] & 0xC0) == 0x80; n--)
			;
		k = snprintf(buf, size, "\"%.*s...\"", (int)n, v->s);
		break;
	default:
		break;
	}
	return k > 0 ? (size_t)k : 0;
}

/* ---- bitmaps: "0x" and hex digits, compared by value (spec 5.7) -------- */

static unsigned hexdig(char c)
{
	if (c >= '0' && c <= '9')
		return (unsigned)(c - '0');
	c = (char)(c | 0x20);
	return c >= 'a' && c <= 'f' ? (unsigned)(c - 'a' + 10) : 0;
}

size_t md_bm_digits(const char *bits)
{
	size_t n = bits ? strlen(bits) : 0;

	return n > 2 ? n - 2 : 0;
}

unsigned md_bm_digit(const char *bits, size_t ndig, size_t i)
{
	return i < ndig ? hexdig(bits[2 + ndig - 1 - i]) : 0;
}

/* Spec 5.4: the device APIs of format 1.0, each "vfio-" and a suffix (the
 * rest are unknown enum values). */
#define PREFIX_LEN 5 /* "vfio-" */
static const char *const device_apis[] = { "vfio-pci", "vfio-platform", "vfio-amba", "vfio-ccw",
					   "vfio-ap", "vfio-fsl-mc", "vfio-cdx" };
#define N_DEVICE_APIS (sizeof(device_apis) / sizeof(device_apis[0]))

int md_device_api_known(const char *api)
{
	const char *prefix = "vfio-";
	size_t i;

	/* Match the prefix once, then the suffixes. */
	if (!api)
		return 0;
	while (*prefix && *prefix == *api) {
		prefix++;
		api++;
	}
	if (*prefix)
		return 0;
	for (i = 0; i < N_DEVICE_APIS; i++)
		if (api[0] == device_apis[i][PREFIX_LEN] && strcmp(api, device_apis[i] + PREFIX_LEN) == 0)
			return 1;
	return 0;
}

size_t md_device_api_names(const char *const **names)
{
	*names = device_apis;
	return N_DEVICE_APIS;
}

void md_device_api_list(char *buf, size_t size)
{
	size_t i, n = 0;

	if (size)
		buf[0] = '\0';
	for (i = 0; i < N_DEVICE_APIS && n < size; i++) {
		int k = snprintf(buf + n, size - n, "%s%s",
				 i == 0 ? "" : i + 1 == N_DEVICE_APIS ? " or " : ", ", device_apis[i]);

		if (k < 0)
			return;
		n += (size_t)k;
	}
}
