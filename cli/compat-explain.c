/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/*
 * compat-explain.c - the text output of mdevdesc-compat: a check explained
 * rule by rule from the checks and reasons of its report (pass, FAIL, or ?
 * for what is not understood), the verdict and the target configuration;
 * the ranked targets, the baseline and the matrix.
 */
#include <stdlib.h>
#include <string.h>

#include "compat.h"

static char *pathbuf;
static size_t pathcap;

/* Render a path of @need bytes with @fill into the shared buffer. */
static const char *path_text(long need, const void *item,
			     long (*fill)(const void *item, char *buf, size_t size))
{
	if (need < 0)
		return "";
	if ((size_t)need + 1 > pathcap) {
		char *nb = realloc(pathbuf, (size_t)need + 1);
		if (!nb)
			return "";
		pathbuf = nb;
		pathcap = (size_t)need + 1;
	}
	fill(item, pathbuf, pathcap);
	return pathbuf;
}

static long fill_reason(const void *x, char *buf, size_t size)
{
	return mdevdesc_reason_path(x, buf, size);
}

static long fill_check(const void *k, char *buf, size_t size)
{
	return mdevdesc_check_path(k, buf, size);
}

const char *compat_reason_path(const mdevdesc_reason *x)
{
	return path_text(mdevdesc_reason_path(x, NULL, 0), x, fill_reason);
}

/* The first @segs segments of @k's path (the entry of an entry's value), for a terminal. */
static const char *check_path(const mdevdesc_check *k, int segs)
{
	mdevdesc_check head = *k;

	if (segs < 3)
		head.path[segs] = NULL;
	return cli_vis(path_text(mdevdesc_check_path(&head, NULL, 0), &head, fill_check));
}

static void print_value(const struct mdevdesc_value *v)
{
	switch (v->kind) {
	case MDEVDESC_VALUE_INT: printf("%lld", (long long)v->i); break;
	case MDEVDESC_VALUE_RANGE: printf("%lld..%lld", (long long)v->i, (long long)v->hi); break;
	case MDEVDESC_VALUE_STR: printf("\"%s\"", cli_vis(v->s)); break;
	default: printf("(none)"); break;
	}
}

static void print_version(const struct mdevdesc_version *v)
{
	if (v->has_patch)
		printf("%u.%u.%u", (unsigned)v->major, (unsigned)v->minor, (unsigned)v->patch);
	else
		printf("%u.%u", (unsigned)v->major, (unsigned)v->minor);
}

static const char *text(const mdevdesc_report *r, const mdevdesc_reason *x, mdevdesc_text which,
			char *buf, size_t size)
{
	if (mdevdesc_reason_text(r, x, which, buf, size) < 0)
		buf[0] = '\0';
	return buf;
}

static int is_unknown(const mdevdesc_reason *x)
{
	return x->code == MDEVDESC_R_UNKNOWN_KEY || x->code == MDEVDESC_R_UNKNOWN_ENUM;
}

/* ---- one check ------------------------------------------------------------ */

static void fail_line(const mdevdesc_reason *x, const char *what)
{
	printf("  FAIL  %-28s %s  [%s] (%s)\n", cli_vis(compat_reason_path(x)), cli_vis(what),
	       mdevdesc_reason_name(x->code), x->rule);
}

static void explain_missing_bits(const mdevdesc_report *r, const mdevdesc_reason *x)
{
	/* Up to 4096 bit numbers (spec 8): size the text first. */
	long n = mdevdesc_reason_text(r, x, MDEVDESC_TEXT_MISSING_BITS, NULL, 0);
	char *bits = n >= 0 ? malloc((size_t)n + 1) : NULL, b[1100], c[1100];

	if (bits)
		mdevdesc_reason_text(r, x, MDEVDESC_TEXT_MISSING_BITS, bits, (size_t)n + 1);
	printf("  FAIL  %-28s source %s not within target %s: missing bit%s %s  [%s] (%s)\n",
	       cli_vis(compat_reason_path(x)),
	       cli_vis(text(r, x, MDEVDESC_TEXT_SOURCE, b, sizeof(b))),
	       cli_vis(text(r, x, MDEVDESC_TEXT_TARGET, c, sizeof(c))),
	       bits && strchr(bits, ',') ? "s" : "", bits ? bits : "?",
	       mdevdesc_reason_name(x->code), x->rule);
	free(bits);
}

static void explain_entry_failure(const mdevdesc_report *r, const mdevdesc_reason *x)
{
	char a[2048], b[512], c[512];

	switch (x->code) {
	case MDEVDESC_R_HW_MISSING_IN_TARGET:
	case MDEVDESC_R_PARAM_MISSING_IN_TARGET:
		snprintf(a, sizeof(a), "source %s; the target has no such entry",
			 text(r, x, MDEVDESC_TEXT_SOURCE, b, sizeof(b)));
		break;
	case MDEVDESC_R_HW_NOT_ACCEPTED:
	case MDEVDESC_R_PARAM_NOT_ACCEPTED:
		snprintf(a, sizeof(a), "source %s not accepted by the target's %s",
			 text(r, x, MDEVDESC_TEXT_SOURCE, b, sizeof(b)),
			 text(r, x, MDEVDESC_TEXT_TARGET, c, sizeof(c)));
		break;
	default:
		snprintf(a, sizeof(a), "absent in the source; the target (value %s) has no default",
			 text(r, x, MDEVDESC_TEXT_TARGET, b, sizeof(b)));
		break;
	}
	fail_line(x, a);
}

static void explain_failure(const mdevdesc_report *r, const mdevdesc_reason *x)
{
	char a[2400], b[1100], c[1100];

	switch (x->code) {
	case MDEVDESC_R_IDENTITY_VENDOR:
	case MDEVDESC_R_IDENTITY_TYPE:
	case MDEVDESC_R_IDENTITY_DEVICE_API:
		snprintf(a, sizeof(a), "%s differs from %s", x->src_text, x->dst_text);
		break;
	case MDEVDESC_R_VERSION_NOT_ACCEPTED:
		snprintf(a, sizeof(a), "%s not accepted by %s", text(r, x, MDEVDESC_TEXT_SOURCE, b, sizeof(b)),
			 text(r, x, MDEVDESC_TEXT_TARGET, c, sizeof(c)));
		break;
	case MDEVDESC_R_FEATURE_MISSING_BITS:
		explain_missing_bits(r, x);
		return;
	case MDEVDESC_R_FEATURE_NOT_EQUAL:
		snprintf(a, sizeof(a), "source %s differs from target %s (equal)",
			 text(r, x, MDEVDESC_TEXT_SOURCE, b, sizeof(b)),
			 text(r, x, MDEVDESC_TEXT_TARGET, c, sizeof(c)));
		break;
	default:
		explain_entry_failure(r, x);
		return;
	}
	fail_line(x, a);
}

static void explain_pass(const mdevdesc_report *r, const mdevdesc_check *k)
{
	int equal = k->pass == MDEVDESC_PASS_FEATURE_EQUAL;

	switch (k->pass) {
	case MDEVDESC_PASS_IDENTITY_EQUAL:
		printf("  pass  %-28s %s\n", check_path(k, 3), cli_vis(k->src_text));
		break;
	case MDEVDESC_PASS_VERSION_DEFAULT:
	case MDEVDESC_PASS_VERSION_ACCEPTS:
		printf("  pass  %-28s ", check_path(k, 3));
		print_version(&mdevdesc_report_source(r)->version);
		printf(" accepted by ");
		print_version(&mdevdesc_report_target(r)->version);
		printf(k->pass == MDEVDESC_PASS_VERSION_DEFAULT ? " (same major, minor not newer)\n"
								: " (its accepts)\n");
		break;
	case MDEVDESC_PASS_FEATURE_SUPERSET:
	case MDEVDESC_PASS_FEATURE_EQUAL:
		printf("  pass  %-28s source %s %s target %s (%s)\n", check_path(k, 3),
		       cli_vis(k->src_text ? k->src_text : "0x0"), equal ? "equals" : "within",
		       cli_vis(k->dst_text ? k->dst_text : "0x0"), equal ? "equal" : "superset");
		break;
	case MDEVDESC_PASS_ENTRY_ACCEPTED:
		printf("  pass  %-28s source ", check_path(k, 3));
		print_value(&k->src_entry->value);
		printf(" accepted by the target\n");
		break;
	case MDEVDESC_PASS_ENTRY_DEFAULT:
		printf("  pass  %-28s absent in the source; the target's default ", check_path(k, 2));
		print_value(&k->dst_entry->def);
		printf(" applies\n");
		break;
	default:
		break;
	}
}

/* The unknown items; counts the failing rules in *@fails. */
static size_t explain_unknown(const mdevdesc_report *r, size_t *fails)
{
	size_t i, unknown = 0;
	char a[2400], b[1100];

	*fails = 0;
	for (i = 0; i < mdevdesc_report_reason_count(r); i++) {
		const mdevdesc_reason *x = mdevdesc_report_reason(r, i);
		const char *side = x->side == MDEVDESC_TARGET ? "target" : "source";

		if (!is_unknown(x)) {
			(*fails)++;
			continue;
		}
		unknown++;
		if (x->code == MDEVDESC_R_UNKNOWN_KEY)
			snprintf(a, sizeof(a), "key of a newer format minor in the %s", side);
		else
			snprintf(a, sizeof(a), "value '%s' of a newer format minor in the %s",
				 text(r, x, x->side == MDEVDESC_TARGET ? MDEVDESC_TEXT_TARGET
								      : MDEVDESC_TEXT_SOURCE,
				      b, sizeof(b)),
				 side);
		printf("  ?     %-28s %s  [%s] (%s)\n", cli_vis(compat_reason_path(x)), cli_vis(a),
		       mdevdesc_reason_name(x->code), x->rule);
	}
	return unknown;
}

static void explain_configuration(const mdevdesc_report *r)
{
	static const char *const sections[] = { "hw", "params" };
	size_t i;
	int sec;

	printf("verdict: compatible\n");
	printf("target configuration:\n  resume version  ");
	print_version(mdevdesc_report_resume_version(r));
	printf("\n  create version  ");
	print_version(mdevdesc_report_create_version(r));
	printf(mdevdesc_report_same_minor(r) ? " (same minor: the target creates the source's)\n"
					     : " (the target's: it cannot create the source's minor)\n");
	for (i = 0; i < mdevdesc_report_feature_count(r); i++) {
		const mdevdesc_feature_setting *f = mdevdesc_report_feature(r, i);
		printf("  features.%s = %s\n", cli_vis(f->name), cli_vis(f->bits));
	}
	for (sec = MDEVDESC_SECTION_HW; sec <= MDEVDESC_SECTION_PARAMS; sec++) {
		for (i = 0; i < mdevdesc_report_setting_count(r, (mdevdesc_section)sec); i++) {
			const mdevdesc_setting *x = mdevdesc_report_setting(r, (mdevdesc_section)sec, i);
			printf("  %s.%s = ", sections[sec], cli_vis(x->name));
			print_value(x->value);
			printf(x->from_default ? " (target default)\n" : " (from the source)\n");
		}
	}
	printf("  defaults applied: %zu\n", mdevdesc_report_defaults_applied(r));
}

void compat_explain(const char *sname, const char *dname, const mdevdesc_report *r)
{
	size_t i, fails, unknown;

	printf("%s -> %s\n", cli_vis(sname), cli_vis(dname));
	for (i = 0; i < mdevdesc_report_check_count(r); i++) {
		const mdevdesc_check *k = mdevdesc_report_check(r, i);

		if (k->outcome == MDEVDESC_FAILED)
			explain_failure(r, k->reason);
		else if (k->outcome == MDEVDESC_NOT_EVALUATED)
			printf("  ?     %-28s the target's rule '%s' is not understood\n",
			       check_path(k, 2), cli_vis(k->dst_text));
		else
			explain_pass(r, k);
	}
	unknown = explain_unknown(r, &fails);
	switch (mdevdesc_report_verdict(r)) {
	case MDEVDESC_INCOMPATIBLE:
		printf("verdict: incompatible (%zu failing rule%s%s)\n", fails, fails == 1 ? "" : "s",
		       unknown ? "; unknown items as well" : "");
		break;
	case MDEVDESC_UNDECIDABLE:
		printf("verdict: undecidable: %zu item%s not understood (a newer format minor); do not migrate\n",
		       unknown, unknown == 1 ? "" : "s");
		break;
	case MDEVDESC_COMPATIBLE:
		explain_configuration(r);
		break;
	}
}

/* ---- rank, baseline, matrix ----------------------------------------------- */

int compat_rank_text(const char *sname, const struct mdevdesc_descriptor *s, const struct target *t,
		     size_t n, const mdevdesc_ranked *out, size_t m, const char *ranked,
		     mdevdesc_report *r)
{
	size_t i, k, nr;

	printf("targets for %s, best first:\n", cli_vis(sname));
	for (i = 0; i < m; i++) {
		printf("  %zu. %s  version ", i + 1, cli_vis(t[out[i].index].label));
		print_version(&out[i].version);
		printf(", %s, %zu default%s applied\n", out[i].same_minor ? "same minor" : "other minor",
		       out[i].defaults_applied, out[i].defaults_applied == 1 ? "" : "s");
	}
	if (!m)
		printf("  (none)\n");
	for (i = 0; i < n; i++) {
		if (ranked[i])
			continue;
		if (compat_check(s, t[i].d, r))
			return -1;
		nr = mdevdesc_report_reason_count(r);
		printf("  -  %s: %s", cli_vis(t[i].label),
		       mdevdesc_verdict_name(mdevdesc_report_verdict(r)));
		for (k = 0; k < nr; k++) {
			const mdevdesc_reason *x = mdevdesc_report_reason(r, k);
			if (k == 6) {
				printf(", and %zu more", nr - k);
				break;
			}
			printf("%s%s at %s", k ? ", " : " (", mdevdesc_reason_name(x->code),
			       cli_vis(compat_reason_path(x)));
		}
		printf(nr ? ")\n" : "\n");
	}
	return 0;
}

void compat_baseline_text(const char *hname, const mdevdesc_baseline *b, const struct target *t,
			  size_t n)
{
	size_t i;

	if (b->blocked) {
		printf("no baseline for %s: blocked by %s\n", cli_vis(hname),
		       b->blocker ? cli_vis(t[b->blocker - 1].label) : "the host itself");
		for (i = 0; i < mdevdesc_report_reason_count(b->report); i++) {
			const mdevdesc_reason *x = mdevdesc_report_reason(b->report, i);
			printf("  %s  [%s] (%s)\n", cli_vis(compat_reason_path(x)),
			       mdevdesc_reason_name(x->code), x->rule);
		}
		return;
	}
	printf("baseline for %s over %zu target%s: create devices with\n", cli_vis(hname), n,
	       n == 1 ? "" : "s");
	printf("  version  ");
	print_version(&b->version.low);
	putchar('\n');
	for (i = 0; i < b->n_features; i++)
		printf("  features.%s = %s\n", cli_vis(b->features[i].name),
		       cli_vis(b->features[i].bits));
	for (i = 0; i < b->n_hw; i++) {
		printf("  hw.%s = ", cli_vis(b->hw[i].name));
		print_value(&b->hw[i].value);
		putchar('\n');
	}
	for (i = 0; i < b->n_params; i++) {
		printf("  params.%s = ", cli_vis(b->params[i].name));
		print_value(&b->params[i].value);
		putchar('\n');
	}
}

const char *compat_cell_class(const mdevdesc_report *r)
{
	switch (mdevdesc_report_verdict(r)) {
	case MDEVDESC_COMPATIBLE: return mdevdesc_report_same_minor(r) ? "compatible" : "oneway";
	case MDEVDESC_INCOMPATIBLE: return "incompatible";
	default: return "undecidable";
	}
}

int compat_matrix_text(const struct target *t, size_t n, mdevdesc_report *r)
{
	size_t i, j;

	printf("rows: source, columns: target; C compatible, same minor; 1 compatible, other minor;"
	       " - incompatible; ? undecidable\n");
	for (i = 0; i < n; i++)
		printf("%4zu  %s\n", i + 1, cli_vis(t[i].label));
	printf("\n     ");
	for (j = 0; j < n; j++)
		printf("%4zu", j + 1);
	putchar('\n');
	for (i = 0; i < n; i++) {
		printf("%4zu ", i + 1);
		for (j = 0; j < n; j++) {
			const char *c;
			if (compat_check(t[i].d, t[j].d, r))
				return -1;
			c = compat_cell_class(r);
			printf("   %c", c[0] == 'c' ? 'C' : c[0] == 'o' ? '1' : c[0] == 'i' ? '-' : '?');
		}
		putchar('\n');
	}
	return 0;
}
