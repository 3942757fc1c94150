/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/*
 * instance.c - the target instance of a compatible check and the way back
 * (spec 6.6): the instance descriptor of the device created on the target,
 * built into the report from its configuration, and the check of that
 * instance against the source's type.
 *
 * The instance is a plain struct mdevdesc_descriptor, so that the emitter
 * writes it and a check takes it like any parsed descriptor.  Its arrays
 * live in the report and grow like the report's items; every string,
 * value and x- node points into the two descriptors checked.
 */
#include <string.h>

#include "compat/compat.h"

/* Entry @i of the instance's section @sec; NULL (and r->nomem) when it cannot be stored. */
static struct mdevdesc_param *add_entry(mdevdesc_report *r, mdevdesc_section sec, size_t i)
{
	struct mdevdesc_param *v =
		md_report_room(r, r->inst_entries[sec], i, &r->cap_inst_entries[sec], sizeof(*v));

	if (!v)
		return NULL;
	r->inst_entries[sec] = v;
	memset(&v[i], 0, sizeof(v[i]));
	return &v[i];
}

static struct mdevdesc_feature *add_feature(mdevdesc_report *r, size_t i)
{
	struct mdevdesc_feature *v =
		md_report_room(r, r->inst_features, i, &r->cap_inst_features, sizeof(*v));

	if (!v)
		return NULL;
	r->inst_features = v;
	memset(&v[i], 0, sizeof(v[i]));
	return &v[i];
}

/*
 * One entry per entry of the target's section @sec, holding the configured
 * value (the report's settings, in the target's order) and the target
 * entry's x- keys; no accepts, no default.  The count, or 0 on failure.
 */
static size_t entries(mdevdesc_report *r, mdevdesc_section sec, const struct mdevdesc_param *d,
		      size_t nd)
{
	size_t i;

	for (i = 0; i < nd && i < r->n_settings[sec]; i++) {
		struct mdevdesc_param *e = add_entry(r, sec, i);

		if (!e)
			return 0;
		e->name = d[i].name;
		e->value = *r->settings[sec][i].value;
		e->extra = d[i].extra;
		e->n_extra = d[i].n_extra;
	}
	return i;
}

/*
 * One feature per feature of the target: the source's bits (the report's
 * feature settings, every name of either side in byte order, hold them, or
 * "0x0"), the target's rule and x- keys.  A feature only the source has is
 * left out: the check passed, so its bits are zero, as an absent bitmap's.
 */
static size_t features(mdevdesc_report *r, const struct mdevdesc_descriptor *d)
{
	size_t i, k = 0;

	for (i = 0; i < d->n_features; i++) {
		const struct mdevdesc_feature *fd = &d->features[i];
		struct mdevdesc_feature *f;

		while (k < r->n_features && strcmp(r->features[k].name, fd->name) != 0)
			k++;
		f = add_feature(r, i);
		if (!f)
			return 0;
		f->name = fd->name;
		f->bits = k < r->n_features ? r->features[k].bits : "0x0";
		f->rule = fd->rule;
		f->rule_name = fd->rule_name;
		f->extra = fd->extra;
		f->n_extra = fd->n_extra;
	}
	return i;
}

void md_target_instance(mdevdesc_report *r)
{
	const struct mdevdesc_descriptor *s = r->src, *d = r->dst;
	struct mdevdesc_descriptor *in = &r->instance;

	memset(in, 0, sizeof(*in));
	in->format_major = d->format_major;
	in->format_minor = d->format_minor;
	in->vendor = d->vendor;
	in->type = d->type;
	in->device_api = d->device_api;
	/* Created at the source's MAJOR.MINOR, it resumes data of the source's version. */
	in->version = r->same_minor ? s->version : d->version;
	in->n_hw = entries(r, MDEVDESC_SECTION_HW, d->hw, d->n_hw);
	in->hw = r->inst_entries[MDEVDESC_SECTION_HW];
	in->n_features = features(r, d);
	in->features = r->inst_features;
	in->n_params = entries(r, MDEVDESC_SECTION_PARAMS, d->params, d->n_params);
	in->params = r->inst_entries[MDEVDESC_SECTION_PARAMS];
	in->mdev_type = d->mdev_type;
	in->driver = d->driver;
	in->description = d->description;
	in->extra = d->extra;
	in->n_extra = d->n_extra;
}

mdevdesc_code mdevdesc_check_reverse(const mdevdesc_report *fw,
				     const struct mdevdesc_descriptor *src_type,
				     mdevdesc_report *bw)
{
	const struct mdevdesc_descriptor *in;

	if (!bw || bw == fw)
		return MDEVDESC_E_INVALID_ARGUMENT;
	in = mdevdesc_report_target_instance(fw);
	if (!in || !src_type) {
		md_report_clear(bw);
		return MDEVDESC_E_INVALID_ARGUMENT;
	}
	return mdevdesc_check_compat(in, src_type, bw);
}
