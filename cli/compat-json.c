/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/*
 * compat-json.c - the JSON output of mdevdesc-compat
 * (schema/compat-output.schema.json): a check with its reasons and target
 * configuration, the ranked and unranked targets, a baseline, and the
 * matrix that the HTML page (compat-html.c) also carries.
 */
#include <stdlib.h>
#include <string.h>

#include "compat.h"

static void jstr(FILE *o, const char *s)
{
	if (s)
		cli_json_string(o, s, strlen(s));
	else
		fputs("null", o);
}

static void jversion(FILE *o, const struct mdevdesc_version *v)
{
	putc('"', o);
	cli_json_version(o, v);
	putc('"', o);
}

/* What a target entry accepts: its value, or the list of its accepts. */
static void jentry_target(FILE *o, const struct mdevdesc_param *e)
{
	size_t i;

	if (!e) {
		fputs("null", o);
		return;
	}
	if (!e->n_accepts) {
		cli_json_value(o, &e->value);
		return;
	}
	putc('[', o);
	for (i = 0; i < e->n_accepts; i++) {
		if (i)
			putc(',', o);
		cli_json_value(o, &e->accepts[i]);
	}
	putc(']', o);
}

/* "source" and "target" of a version-not-accepted reason. */
static void jversion_reason(FILE *o, const mdevdesc_report *r, int baseline)
{
	const struct mdevdesc_descriptor *s = mdevdesc_report_source(r), *d = mdevdesc_report_target(r);
	size_t i;

	if (baseline) {
		/* The versions the host creates, none accepted by all. */
		putc('[', o);
		jversion(o, &s->version);
		for (i = 0; i < s->n_creates; i++) {
			putc(',', o);
			jversion(o, &s->creates[i].low);
		}
		fputs("],\"target\":null", o);
		return;
	}
	jversion(o, &s->version);
	fputs(",\"target\":{\"version\":", o);
	jversion(o, &d->version);
	if (d->n_accepts)
		cli_json_entries(o, "accepts", d->accepts, d->n_accepts);
	else
		fputs(",\"accepts\":[]", o);
	putc('}', o);
}

static void jfeature_reason(FILE *o, const mdevdesc_report *r, const mdevdesc_reason *x)
{
	jstr(o, x->src_text ? x->src_text : "0x0");
	fputs(",\"target\":", o);
	jstr(o, x->dst_text ? x->dst_text : "0x0");
	if (x->code == MDEVDESC_R_FEATURE_MISSING_BITS) {
		/* Up to 4096 bit numbers (spec 8): size the text first. */
		long n = mdevdesc_reason_text(r, x, MDEVDESC_TEXT_MISSING_BITS, NULL, 0);
		char *bits = n >= 0 ? malloc((size_t)n + 1) : NULL;
		if (bits)
			mdevdesc_reason_text(r, x, MDEVDESC_TEXT_MISSING_BITS, bits, (size_t)n + 1);
		fprintf(o, ",\"missing_bits\":[%s]", bits ? bits : "");
		free(bits);
	}
}

/* @baseline: the reason of a baseline (spec 6.8): the host is the source. */
static void jreason(FILE *o, const mdevdesc_report *r, const mdevdesc_reason *x, int baseline)
{
	const char *side = x->side == MDEVDESC_TARGET ? "target" : "source";

	fprintf(o, "{\"code\":\"%s\",\"rule\":\"%s\",\"path\":", mdevdesc_reason_name(x->code), x->rule);
	jstr(o, compat_reason_path(x));
	fputs(",\"source\":", o);
	switch (x->code) {
	case MDEVDESC_R_VERSION_NOT_ACCEPTED:
		jversion_reason(o, r, baseline);
		break;
	case MDEVDESC_R_FEATURE_MISSING_BITS:
	case MDEVDESC_R_FEATURE_NOT_EQUAL:
		jfeature_reason(o, r, x);
		break;
	case MDEVDESC_R_HW_MISSING_IN_TARGET:
	case MDEVDESC_R_PARAM_MISSING_IN_TARGET:
	case MDEVDESC_R_HW_NOT_ACCEPTED:
	case MDEVDESC_R_PARAM_NOT_ACCEPTED:
		if (x->src_entry)
			cli_json_value(o, &x->src_entry->value);
		else
			fputs("null", o);
		fputs(",\"target\":", o);
		jentry_target(o, x->dst_entry);
		break;
	case MDEVDESC_R_HW_NO_DEFAULT:
	case MDEVDESC_R_PARAM_NO_DEFAULT:
		fputs("null,\"target\":", o);
		if (x->dst_entry)
			cli_json_value(o, &x->dst_entry->value);
		else
			fputs("null", o);
		break;
	case MDEVDESC_R_UNKNOWN_KEY:
		fprintf(o, "null,\"target\":null,\"side\":\"%s\"", side);
		break;
	case MDEVDESC_R_UNKNOWN_ENUM:
		jstr(o, x->side == MDEVDESC_TARGET ? NULL : x->src_text);
		fputs(",\"target\":", o);
		jstr(o, x->side == MDEVDESC_TARGET ? x->dst_text : NULL);
		fprintf(o, ",\"side\":\"%s\"", side);
		break;
	default:
		jstr(o, x->src_text);
		fputs(",\"target\":", o);
		jstr(o, x->dst_text);
		break;
	}
	putc('}', o);
}

static void jreasons(FILE *o, const mdevdesc_report *r, int baseline)
{
	size_t i;

	fputs("\"reasons\":[", o);
	for (i = 0; i < mdevdesc_report_reason_count(r); i++) {
		if (i)
			putc(',', o);
		jreason(o, r, mdevdesc_report_reason(r, i), baseline);
	}
	putc(']', o);
}

static void jconfiguration(FILE *o, const mdevdesc_report *r)
{
	static const char *const sections[] = { "hw", "params" };
	size_t i;
	int sec;

	fputs("{\"resume_version\":", o);
	jversion(o, mdevdesc_report_resume_version(r));
	fputs(",\"create_version\":", o);
	jversion(o, mdevdesc_report_create_version(r));
	fprintf(o, ",\"reversible\":%s,\"features\":{", mdevdesc_report_same_minor(r) ? "true" : "false");
	for (i = 0; i < mdevdesc_report_feature_count(r); i++) {
		const mdevdesc_feature_setting *f = mdevdesc_report_feature(r, i);
		if (i)
			putc(',', o);
		jstr(o, f->name);
		putc(':', o);
		jstr(o, f->bits);
	}
	putc('}', o);
	for (sec = MDEVDESC_SECTION_HW; sec <= MDEVDESC_SECTION_PARAMS; sec++) {
		fprintf(o, ",\"%s\":{", sections[sec]);
		for (i = 0; i < mdevdesc_report_setting_count(r, (mdevdesc_section)sec); i++) {
			const mdevdesc_setting *x = mdevdesc_report_setting(r, (mdevdesc_section)sec, i);
			if (i)
				putc(',', o);
			jstr(o, x->name);
			fputs(":{\"value\":", o);
			cli_json_value(o, x->value);
			fprintf(o, ",\"from\":\"%s\"}", x->from_default ? "default" : "source");
		}
		putc('}', o);
	}
	fprintf(o, ",\"defaults_applied\":%zu}", mdevdesc_report_defaults_applied(r));
}

void compat_json_result(FILE *o, const mdevdesc_report *r)
{
	fprintf(o, "{\"verdict\":\"%s\",", mdevdesc_verdict_name(mdevdesc_report_verdict(r)));
	jreasons(o, r, 0);
	fputs(",\"configuration\":", o);
	if (mdevdesc_report_verdict(r) == MDEVDESC_COMPATIBLE) {
		jconfiguration(o, r);
		fputs(",\"target_instance\":", o);
		mdevdesc_json_model(mdevdesc_report_target_instance(r), cli_fwrite, o);
	} else {
		fputs("null", o);
	}
	putc('}', o);
}

void compat_json_both(FILE *o, const mdevdesc_report *fw, const mdevdesc_report *bw)
{
	fputs("{\"forward\":", o);
	compat_json_result(o, fw);
	fprintf(o, ",\"reversible\":%s",
		!bw ? "null" : mdevdesc_report_verdict(bw) == MDEVDESC_COMPATIBLE ? "true" : "false");
	if (bw) {
		fputs(",\"backward\":", o);
		compat_json_result(o, bw);
	}
	fputs("}\n", o);
}

int compat_json_rank(FILE *o, const char *sname, const struct mdevdesc_descriptor *s,
		     const struct target *t, size_t n, const mdevdesc_ranked *out, size_t m,
		     const char *ranked, mdevdesc_report *r)
{
	size_t i, k;

	fputs("{\"source\":", o);
	jstr(o, sname);
	fputs(",\"ranked\":[", o);
	for (i = 0; i < m; i++) {
		fputs(i ? ",{\"file\":" : "{\"file\":", o);
		jstr(o, t[out[i].index].file);
		fprintf(o, ",\"document\":%zu,\"reversible\":%s,\"defaults_applied\":%zu,\"version\":",
			t[out[i].index].doc, out[i].same_minor ? "true" : "false", out[i].defaults_applied);
		jversion(o, &out[i].version);
		putc('}', o);
	}
	fputs("],\"unranked\":[", o);
	for (i = 0, k = 0; i < n; i++) {
		if (ranked[i])
			continue;
		if (compat_check(s, t[i].d, r))
			return -1;
		fputs(k++ ? ",{\"file\":" : "{\"file\":", o);
		jstr(o, t[i].file);
		fprintf(o, ",\"document\":%zu,\"verdict\":\"%s\",", t[i].doc,
			mdevdesc_verdict_name(mdevdesc_report_verdict(r)));
		jreasons(o, r, 0);
		putc('}', o);
	}
	fputs("]}\n", o);
	return 0;
}

static void jvalues(FILE *o, const char *key, const mdevdesc_baseline_value *v, size_t n)
{
	size_t i;

	fprintf(o, "},\"%s\":{", key);
	for (i = 0; i < n; i++) {
		if (i)
			putc(',', o);
		jstr(o, v[i].name);
		putc(':', o);
		cli_json_value(o, &v[i].value);
	}
}

void compat_json_baseline(FILE *o, const char *hname, const mdevdesc_baseline *b,
			  const struct target *t)
{
	size_t i;

	fputs("{\"host\":", o);
	jstr(o, hname);
	if (b->blocked) {
		fputs(",\"blocked\":{\"file\":", o);
		jstr(o, b->blocker ? t[b->blocker - 1].file : hname);
		if (b->blocker)
			fprintf(o, ",\"document\":%zu,", t[b->blocker - 1].doc);
		else
			fputs(",\"document\":null,", o);
		jreasons(o, b->report, 1);
		fputs("}}\n", o);
		return;
	}
	fputs(",\"baseline\":{\"version\":\"", o);
	cli_json_version(o, &b->version.low);
	fputs("\",\"features\":{", o);
	for (i = 0; i < b->n_features; i++) {
		if (i)
			putc(',', o);
		jstr(o, b->features[i].name);
		putc(':', o);
		jstr(o, b->features[i].bits);
	}
	jvalues(o, "hw", b->hw, b->n_hw);
	jvalues(o, "params", b->params, b->n_params);
	fputs("}}}\n", o);
}

int compat_json_matrix(FILE *o, const struct target *t, size_t n, mdevdesc_report *r)
{
	size_t i, j;

	fputs("{\"descriptors\":[", o);
	for (i = 0; i < n; i++) {
		fputs(i ? ",{\"file\":" : "{\"file\":", o);
		jstr(o, t[i].file);
		fprintf(o, ",\"document\":%zu,\"label\":", t[i].doc);
		jstr(o, t[i].label);
		putc('}', o);
	}
	fputs("],\"matrix\":[", o);
	for (i = 0; i < n; i++) {
		fputs(i ? ",[" : "[", o);
		for (j = 0; j < n; j++) {
			if (compat_check(t[i].d, t[j].d, r))
				return -1;
			fprintf(o, "%s{\"class\":\"%s\",\"verdict\":\"%s\",\"reversible\":%s,", j ? "," : "",
				compat_cell_class(r), mdevdesc_verdict_name(mdevdesc_report_verdict(r)),
				mdevdesc_report_same_minor(r) ? "true" : "false");
			jreasons(o, r, 0);
			putc('}', o);
		}
		putc(']', o);
	}
	fputs("]}", o);
	return 0;
}
