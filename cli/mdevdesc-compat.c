/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/*
 * mdevdesc-compat - can a device migrate there, and how must the target be
 * created?  (spec 6)
 *
 * Explains a check rule by rule, with the values compared, so that "why
 * can't this VM move there?" has an answer; ranks targets, computes a
 * baseline, and prints a compatibility matrix as text, JSON or one
 * self-contained HTML page.  Exit status: 0 compatible (baseline found),
 * 1 incompatible or undecidable (blocked), 2 usage or input error.
 */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"

static const char usage[] =
	"usage: mdevdesc-compat [--json] [--both] SRC DST\n"
	"       mdevdesc-compat [--json] --rank SRC FILE...\n"
	"       mdevdesc-compat [--json] --baseline HOST FILE...\n"
	"       mdevdesc-compat [--json | --html OUT] --matrix FILE...\n"
	"Check whether a device described by SRC can migrate to one created from DST.\n"
	"\n"
	"A descriptor is FILE (a file with one document), FILE#N (its Nth document)\n"
	"or FILE@MDEV_TYPE (the document whose mdev_type is MDEV_TYPE).\n"
	"With --rank, --baseline and --matrix every document of each FILE counts.\n"
	"\n"
	"  --json                 print JSON (schema/compat-output.schema.json)\n"
	"  --both                 check both directions (can the VM come back?)\n"
	"  --rank SRC FILE...     the compatible targets, best first (spec 6.7)\n"
	"  --baseline HOST FILE...  what to create devices on HOST with (spec 6.8)\n"
	"  --matrix FILE...       every descriptor against every other\n"
	"  --html OUT             with --matrix: write a self-contained HTML page\n"
	"  --allow-unknown-vendor accept vendor namespaces not in the registry\n"
	"  --help, --version\n"
	"\n"
	"Exit status: 0 compatible, 1 incompatible or undecidable, 2 usage or input error.\n";

static mdevdesc_options opt;

/* ---- inputs ---------------------------------------------------------------- */

typedef struct loaded {
	cli_input in;
	mdevdesc_file *f;
	char *path;
} loaded;

static loaded files[256];
static size_t nfiles;

/* Parse a file once; print its diagnostics; NULL when unusable. */
static loaded *load(const char *path)
{
	loaded *l;
	size_t i;

	for (i = 0; i < nfiles; i++)
		if (strcmp(files[i].path, path) == 0)
			return &files[i];
	if (nfiles == sizeof(files) / sizeof(files[0])) {
		fprintf(stderr, "mdevdesc-compat: too many files\n");
		return NULL;
	}
	l = &files[nfiles];
	memset(l, 0, sizeof(*l));
	l->path = strdup(path);
	if (!l->path || cli_read(&l->in, path)) {
		fprintf(stderr, "mdevdesc-compat: %s: %s\n", path, strerror(errno));
		free(l->path);
		return NULL;
	}
	if (mdevdesc_parse(l->in.buf, l->in.len, &opt, &l->f) == MDEVDESC_E_NOMEM) {
		fprintf(stderr, "mdevdesc-compat: %s: out of memory\n", path);
		cli_release(&l->in);
		free(l->path);
		return NULL;
	}
	for (i = 0; i < mdevdesc_file_diag_count(l->f); i++)
		cli_print_diag(stderr, &l->in, mdevdesc_file_diag(l->f, i), 1);
	nfiles++;
	if (mdevdesc_file_error_count(l->f)) {
		fprintf(stderr, "mdevdesc-compat: %s: invalid descriptor file\n", path);
		return NULL;
	}
	return l;
}

/* FILE, FILE#N or FILE@MDEV_TYPE -> one descriptor. */
static const struct mdevdesc_descriptor *load_one(const char *spec)
{
	char path[4096];
	const char *sel = NULL;
	size_t n = strlen(spec);
	const char *at = strrchr(spec, '@'), *hash = strrchr(spec, '#');
	loaded *l;
	const mdevdesc_doc *d;

	if (at && (!hash || at > hash))
		sel = at;
	else if (hash)
		sel = hash;
	if (sel && strchr(sel, '/'))
		sel = NULL;
	if (sel)
		n = (size_t)(sel - spec);
	if (n >= sizeof(path)) {
		fprintf(stderr, "mdevdesc-compat: path too long\n");
		return NULL;
	}
	memcpy(path, spec, n);
	path[n] = '\0';
	l = load(path);
	if (!l)
		return NULL;
	if (sel && *sel == '@') {
		d = mdevdesc_file_lookup(l->f, sel + 1);
		if (!d)
			fprintf(stderr, "mdevdesc-compat: %s: no document has mdev_type %s\n", path, sel + 1);
	} else if (sel) {
		char *end;
		unsigned long k = strtoul(sel + 1, &end, 10);
		d = *end || k == 0 ? NULL : mdevdesc_file_doc(l->f, k - 1);
		if (!d)
			fprintf(stderr, "mdevdesc-compat: %s: no document %s (the file holds %zu)\n", path,
				sel + 1, mdevdesc_file_doc_count(l->f));
	} else {
		if (mdevdesc_file_doc_count(l->f) != 1) {
			fprintf(stderr,
				"mdevdesc-compat: %s holds %zu documents: choose one with %s#N or %s@MDEV_TYPE\n",
				path, mdevdesc_file_doc_count(l->f), path, path);
			return NULL;
		}
		d = mdevdesc_file_doc(l->f, 0);
	}
	return d ? mdevdesc_doc_descriptor(d) : NULL;
}

/* Every document of every file, with a label "file#N" each. */
struct target {
	const struct mdevdesc_descriptor *d;
	const char *file;
	size_t doc;
	char label[4200];
};

static struct target *load_all(char **paths, int n, size_t *count)
{
	struct target *t = malloc(sizeof(*t));
	size_t m = 0, cap = 1, k;
	int i;

	if (!t)
		return NULL;
	for (i = 0; i < n; i++) {
		loaded *l = load(paths[i]);
		if (!l) {
			free(t);
			return NULL;
		}
		for (k = 0; k < mdevdesc_file_doc_count(l->f); k++) {
			if (m == cap) {
				struct target *nt;
				cap = cap ? cap * 2 : 16;
				nt = realloc(t, cap * sizeof(*t));
				if (!nt) {
					free(t);
					return NULL;
				}
				t = nt;
			}
			t[m].d = mdevdesc_doc_descriptor(mdevdesc_file_doc(l->f, k));
			t[m].file = l->path;
			t[m].doc = k;
			if (mdevdesc_file_doc_count(l->f) == 1)
				snprintf(t[m].label, sizeof(t[m].label), "%s", l->path);
			else
				snprintf(t[m].label, sizeof(t[m].label), "%s#%zu", l->path, k + 1);
			m++;
		}
	}
	*count = m;
	return t;
}

/* ---- text ---------------------------------------------------------------- */

static const char *text(const mdevdesc_report *r, const mdevdesc_reason *x, int which, char *buf,
			size_t size)
{
	mdevdesc_reason_text(r, x, which, buf, size);
	return buf;
}

/* The reason's path as text, in a buffer reused by the next call. */
static const char *path_of(const mdevdesc_reason *x)
{
	static char *buf;
	static size_t cap;
	long n = mdevdesc_reason_path(x, NULL, 0);

	if (n < 0)
		return "";
	if ((size_t)n + 1 > cap) {
		char *nb = realloc(buf, (size_t)n + 1);
		if (!nb)
			return "";
		buf = nb;
		cap = (size_t)n + 1;
	}
	mdevdesc_reason_path(x, buf, cap);
	return buf;
}

static int seg_eq(const char *a, const char *b)
{
	return a && b ? strcmp(a, b) == 0 : a == b;
}

/* The failing rule at path seg0[.seg1[.seg2]], if any. */
static const mdevdesc_reason *find_reason(const mdevdesc_report *r, const char *seg0,
					  const char *seg1, const char *seg2)
{
	size_t i;

	for (i = 0; i < r->n_reasons; i++) {
		const mdevdesc_reason *x = mdevdesc_report_reason(r, i);
		if (x && x->code != MDEVDESC_R_UNKNOWN_KEY && x->code != MDEVDESC_R_UNKNOWN_ENUM &&
		    seg_eq(x->path[0], seg0) && seg_eq(x->path[1], seg1) && seg_eq(x->path[2], seg2))
			return x;
	}
	return NULL;
}

static void fail_line(const mdevdesc_report *r, const mdevdesc_reason *x, const char *what)
{
	printf("  FAIL  %-28s %s  [%s] (%s)\n", path_of(x), what, mdevdesc_reason_name(x->code), x->rule);
	(void)r;
}

static void print_value(const struct mdevdesc_value *v)
{
	switch (v->kind) {
	case MDEVDESC_VALUE_INT: printf("%lld", (long long)v->i); break;
	case MDEVDESC_VALUE_RANGE: printf("%lld..%lld", (long long)v->i, (long long)v->hi); break;
	case MDEVDESC_VALUE_STR: printf("\"%s\"", v->s); break;
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

static void explain_entries(const mdevdesc_report *r, int hw)
{
	const struct mdevdesc_descriptor *s = r->src, *d = r->dst;
	const struct mdevdesc_param *se = hw ? s->hw : s->params, *de = hw ? d->hw : d->params;
	size_t ns = hw ? s->n_hw : s->n_params, nd = hw ? d->n_hw : d->n_params, i, j;
	const char *sec = hw ? "hw" : "params";
	char a[2048], b[512];

	for (i = 0; i < ns; i++) {
		const mdevdesc_reason *x;
		if ((x = find_reason(r, sec, se[i].name, NULL)) != NULL) {
			snprintf(a, sizeof(a), "source %s; the target has no such entry",
				 text(r, x, 0, b, sizeof(b)));
			fail_line(r, x, a);
			continue;
		}
		if ((x = find_reason(r, sec, se[i].name, "value")) != NULL) {
			char c[512];
			snprintf(a, sizeof(a), "source %s not accepted by the target's %s",
				 text(r, x, 0, b, sizeof(b)), text(r, x, 1, c, sizeof(c)));
			fail_line(r, x, a);
			continue;
		}
		printf("  pass  %s.%-*s source ", sec, (int)(27 - strlen(sec)), se[i].name);
		print_value(&se[i].value);
		printf(" accepted by the target\n");
	}
	for (j = 0; j < nd; j++) {
		const mdevdesc_reason *x;
		int in_src = 0;
		for (i = 0; i < ns; i++)
			in_src |= strcmp(se[i].name, de[j].name) == 0;
		if (in_src)
			continue;
		if ((x = find_reason(r, sec, de[j].name, NULL)) != NULL) {
			snprintf(a, sizeof(a), "absent in the source; the target (value %s) has no default",
				 text(r, x, 1, b, sizeof(b)));
			fail_line(r, x, a);
			continue;
		}
		printf("  pass  %s.%-*s absent in the source; the target's default ", sec,
		       (int)(27 - strlen(sec)), de[j].name);
		print_value(&de[j].def);
		printf(" applies\n");
	}
}

static int md_same_minor_rule(const struct mdevdesc_descriptor *s, const struct mdevdesc_descriptor *d)
{
	return s->version.major == d->version.major && s->version.minor <= d->version.minor;
}

static void explain(const char *sname, const char *dname, const mdevdesc_report *r)
{
	const struct mdevdesc_descriptor *s = r->src, *d = r->dst;
	static const char *const keys[] = { "vendor", "type", "device_api" };
	const char *sv[3] = { s->vendor, s->type, s->device_api };
	const char *dv[3] = { d->vendor, d->type, d->device_api };
	char a[2400], b[1100], c[1100];
	size_t i, j, fails = 0, unknown = 0;
	const mdevdesc_reason *x;

	printf("%s -> %s\n", sname, dname);
	for (i = 0; i < 3; i++) {
		if ((x = find_reason(r, keys[i], NULL, NULL)) != NULL) {
			snprintf(a, sizeof(a), "%s differs from %s", sv[i], dv[i]);
			fail_line(r, x, a);
		} else {
			printf("  pass  %-28s %s\n", keys[i], sv[i]);
		}
	}
	if ((x = find_reason(r, "version", NULL, NULL)) != NULL) {
		snprintf(a, sizeof(a), "%s not accepted by %s", text(r, x, 0, b, sizeof(b)),
			 text(r, x, 1, c, sizeof(c)));
		fail_line(r, x, a);
	} else {
		printf("  pass  %-28s ", "version");
		print_version(&s->version);
		printf(" accepted by ");
		print_version(&d->version);
		printf(md_same_minor_rule(s, d) ? " (same major, minor not newer)\n" : " (its accepts)\n");
	}
	for (i = 0, j = 0; i < s->n_features || j < d->n_features;) {
		int cmp = i == s->n_features ? 1 : j == d->n_features ? -1
				: strcmp(s->features[i].name, d->features[j].name);
		const struct mdevdesc_feature *fs = cmp <= 0 ? &s->features[i] : NULL;
		const struct mdevdesc_feature *fd = cmp >= 0 ? &d->features[j] : NULL;
		const char *name = fs ? fs->name : fd->name;

		if ((x = find_reason(r, "features", name, "bits")) != NULL) {
			if (x->code == MDEVDESC_R_FEATURE_MISSING_BITS) {
				long n = mdevdesc_reason_text(r, x, 2, NULL, 0);
				char *bits = n >= 0 ? malloc((size_t)n + 1) : NULL;
				if (bits)
					mdevdesc_reason_text(r, x, 2, bits, (size_t)n + 1);
				printf("  FAIL  %-28s source %s not within target %s: missing bit%s %s  [%s] (%s)\n",
				       path_of(x), text(r, x, 0, b, sizeof(b)), text(r, x, 1, c, sizeof(c)),
				       bits && strchr(bits, ',') ? "s" : "", bits ? bits : "?",
				       mdevdesc_reason_name(x->code), x->rule);
				free(bits);
				a[0] = '\0';
			} else
				snprintf(a, sizeof(a), "source %s differs from target %s (equal)",
					 text(r, x, 0, b, sizeof(b)), text(r, x, 1, c, sizeof(c)));
			if (a[0])
				fail_line(r, x, a);
		} else if (fd && fd->rule != MDEVDESC_RULE_SUPERSET && fd->rule != MDEVDESC_RULE_EQUAL) {
			printf("  ?     features.%-19s the target's rule '%s' is not understood\n", name,
			       fd->rule_name);
		} else {
			printf("  pass  features.%s.bits%*s source %s %s target %s (%s)\n", name,
			       (int)(strlen(name) < 14 ? 14 - strlen(name) : 0), "", fs ? fs->bits : "0x0",
			       fd && fd->rule == MDEVDESC_RULE_EQUAL ? "equals" : "within",
			       fd ? fd->bits : "0x0", fd && fd->rule == MDEVDESC_RULE_EQUAL ? "equal" : "superset");
		}
		if (cmp <= 0)
			i++;
		if (cmp >= 0)
			j++;
	}
	explain_entries(r, 1);
	explain_entries(r, 0);
	for (i = 0; i < r->n_reasons; i++) {
		x = mdevdesc_report_reason(r, i);
		if (!x)
			continue;
		if (x->code != MDEVDESC_R_UNKNOWN_KEY && x->code != MDEVDESC_R_UNKNOWN_ENUM) {
			fails++;
			continue;
		}
		unknown++;
		if (x->code == MDEVDESC_R_UNKNOWN_KEY)
			snprintf(a, sizeof(a), "key of a newer format minor in the %s", x->side ? "target" : "source");
		else
			snprintf(a, sizeof(a), "value '%s' of a newer format minor in the %s",
				 text(r, x, x->side, b, sizeof(b)), x->side ? "target" : "source");
		printf("  ?     %-28s %s  [%s] (%s)\n", path_of(x), a, mdevdesc_reason_name(x->code), x->rule);
	}
	if (r->nomem)
		printf("  (out of memory: only %d of %zu reasons could be listed)\n", MDEVDESC_REPORT_INLINE,
		       r->n_reasons);
	if (r->verdict == MDEVDESC_INCOMPATIBLE)
		printf("verdict: incompatible (%zu failing rule%s%s)\n", fails, fails == 1 ? "" : "s",
		       unknown ? "; unknown items as well" : "");
	else if (r->verdict == MDEVDESC_UNDECIDABLE)
		printf("verdict: undecidable: %zu item%s not understood (a newer format minor); do not migrate\n",
		       unknown, unknown == 1 ? "" : "s");
	else {
		const char *name, *bits;
		const struct mdevdesc_value *v;
		int def, sec;

		printf("verdict: compatible\n");
		printf("target configuration:\n  resume version  ");
		print_version(&r->resume_version);
		printf("\n  create version  ");
		print_version(&r->create_version);
		printf(r->reversible ? " (reversible: the VM can migrate back)\n"
				     : " (one-way: the target cannot create the source's version)\n");
		for (i = 0; mdevdesc_report_feature(r, i, &name, &bits); i++)
			printf("  features.%s = %s\n", name, bits);
		for (sec = 0; sec < 2; sec++)
			for (i = 0; mdevdesc_report_setting(r, sec, i, &name, &v, &def); i++) {
				printf("  %s.%s = ", sec ? "params" : "hw", name);
				print_value(v);
				printf(def ? " (target default)\n" : " (from the source)\n");
			}
		printf("  defaults applied: %zu\n", r->defaults_applied);
	}
}

/* ---- JSON ---------------------------------------------------------------- */

static void jstr(const char *s)
{
	if (s)
		cli_json_string(stdout, s, strlen(s));
	else
		fputs("null", stdout);
}

static void json_version_str(const struct mdevdesc_version *v)
{
	putchar('"');
	cli_json_version(stdout, v);
	putchar('"');
}

static void json_entry_target(const struct mdevdesc_param *e)
{
	size_t i;

	if (!e) {
		fputs("null", stdout);
		return;
	}
	if (!e->n_accepts) {
		cli_json_value(stdout, &e->value);
		return;
	}
	putchar('[');
	for (i = 0; i < e->n_accepts; i++) {
		if (i)
			putchar(',');
		cli_json_value(stdout, &e->accepts[i]);
	}
	putchar(']');
}

/* @baseline: the reason of a baseline (spec 6.8): the host is the source. */
static void json_reason(const mdevdesc_report *r, const mdevdesc_reason *x, int baseline)
{
	size_t i;

	printf("{\"code\":\"%s\",\"rule\":\"%s\",\"path\":", mdevdesc_reason_name(x->code), x->rule);
	jstr(path_of(x));
	fputs(",\"source\":", stdout);
	switch (x->code) {
	case MDEVDESC_R_VERSION_NOT_ACCEPTED:
		if (baseline) {
			/* The versions the host creates, none accepted by all. */
			putchar('[');
			json_version_str(&r->src->version);
			for (i = 0; i < r->src->n_creates; i++) {
				putchar(',');
				json_version_str(&r->src->creates[i].low);
			}
			fputs("],\"target\":null", stdout);
			break;
		}
		json_version_str(&r->src->version);
		fputs(",\"target\":{\"version\":", stdout);
		json_version_str(&r->dst->version);
		if (r->dst->n_accepts)
			cli_json_entries(stdout, "accepts", r->dst->accepts, r->dst->n_accepts);
		else
			fputs(",\"accepts\":[]", stdout);
		putchar('}');
		break;
	case MDEVDESC_R_FEATURE_MISSING_BITS:
	case MDEVDESC_R_FEATURE_NOT_EQUAL:
		jstr(x->src_text ? x->src_text : "0x0");
		fputs(",\"target\":", stdout);
		jstr(x->dst_text ? x->dst_text : "0x0");
		if (x->code == MDEVDESC_R_FEATURE_MISSING_BITS) {
			/* Up to 4096 bit numbers (spec 8): size the text first. */
			long n = mdevdesc_reason_text(r, x, 2, NULL, 0);
			char *bits = n >= 0 ? malloc((size_t)n + 1) : NULL;
			if (bits)
				mdevdesc_reason_text(r, x, 2, bits, (size_t)n + 1);
			printf(",\"missing_bits\":[%s]", bits ? bits : "");
			free(bits);
		}
		break;
	case MDEVDESC_R_HW_MISSING_IN_TARGET:
	case MDEVDESC_R_PARAM_MISSING_IN_TARGET:
	case MDEVDESC_R_HW_NOT_ACCEPTED:
	case MDEVDESC_R_PARAM_NOT_ACCEPTED:
		if (x->src_entry)
			cli_json_value(stdout, &x->src_entry->value);
		else
			fputs("null", stdout);
		fputs(",\"target\":", stdout);
		json_entry_target(x->dst_entry);
		break;
	case MDEVDESC_R_HW_NO_DEFAULT:
	case MDEVDESC_R_PARAM_NO_DEFAULT:
		fputs("null,\"target\":", stdout);
		if (x->dst_entry)
			cli_json_value(stdout, &x->dst_entry->value);
		else
			fputs("null", stdout);
		break;
	case MDEVDESC_R_UNKNOWN_KEY:
		printf("null,\"target\":null,\"side\":\"%s\"", x->side ? "target" : "source");
		break;
	case MDEVDESC_R_UNKNOWN_ENUM:
		jstr(x->side ? NULL : x->src_text);
		fputs(",\"target\":", stdout);
		jstr(x->side ? x->dst_text : NULL);
		printf(",\"side\":\"%s\"", x->side ? "target" : "source");
		break;
	default:
		jstr(x->src_text);
		fputs(",\"target\":", stdout);
		jstr(x->dst_text);
		break;
	}
	putchar('}');
}

static void json_reasons(const mdevdesc_report *r, int baseline)
{
	size_t i;

	fputs("\"reasons\":[", stdout);
	for (i = 0; i < r->n_reasons; i++) {
		const mdevdesc_reason *x = mdevdesc_report_reason(r, i);
		if (!x)
			break;
		if (i)
			putchar(',');
		json_reason(r, x, baseline);
	}
	putchar(']');
	if (r->nomem)
		printf(",\"reasons_omitted\":%zu", r->n_reasons - MDEVDESC_REPORT_INLINE);
}

static void json_result(const mdevdesc_report *r)
{
	const char *name, *bits;
	const struct mdevdesc_value *v;
	size_t i;
	int sec, def;

	printf("{\"verdict\":\"%s\",", mdevdesc_verdict_name(r->verdict));
	json_reasons(r, 0);
	fputs(",\"configuration\":", stdout);
	if (r->verdict != MDEVDESC_COMPATIBLE) {
		fputs("null}", stdout);
		return;
	}
	fputs("{\"resume_version\":", stdout);
	json_version_str(&r->resume_version);
	fputs(",\"create_version\":", stdout);
	json_version_str(&r->create_version);
	printf(",\"reversible\":%s,\"features\":{", r->reversible ? "true" : "false");
	for (i = 0; mdevdesc_report_feature(r, i, &name, &bits); i++) {
		if (i)
			putchar(',');
		jstr(name);
		putchar(':');
		jstr(bits);
	}
	putchar('}');
	for (sec = 0; sec < 2; sec++) {
		printf(",\"%s\":{", sec ? "params" : "hw");
		for (i = 0; mdevdesc_report_setting(r, sec, i, &name, &v, &def); i++) {
			if (i)
				putchar(',');
			jstr(name);
			fputs(":{\"value\":", stdout);
			cli_json_value(stdout, v);
			printf(",\"from\":\"%s\"}", def ? "default" : "source");
		}
		putchar('}');
	}
	printf(",\"defaults_applied\":%zu}}", r->defaults_applied);
}

/* ---- modes ------------------------------------------------------------------ */

static int run_check(const char *sname, const char *dname, int json, int both)
{
	const struct mdevdesc_descriptor *s = load_one(sname), *d = s ? load_one(dname) : NULL;
	mdevdesc_report *fw, *bw;
	int rc;

	if (!s || !d)
		return EXIT_USAGE;
	fw = malloc(sizeof(*fw));
	bw = malloc(sizeof(*bw));
	if (!fw || !bw) {
		free(fw);
		free(bw);
		return EXIT_USAGE;
	}
	mdevdesc_check_compat(s, d, fw);
	rc = fw->verdict == MDEVDESC_COMPATIBLE ? EXIT_VALID : EXIT_INVALID;
	if (both) {
		mdevdesc_check_compat(d, s, bw);
		if (bw->verdict != MDEVDESC_COMPATIBLE)
			rc = EXIT_INVALID;
	}
	if (json) {
		if (both) {
			fputs("{\"forward\":", stdout);
			json_result(fw);
			fputs(",\"backward\":", stdout);
			json_result(bw);
			fputs("}\n", stdout);
		} else {
			json_result(fw);
			putchar('\n');
		}
	} else {
		explain(sname, dname, fw);
		if (both) {
			putchar('\n');
			explain(dname, sname, bw);
			printf("\nboth directions: %s\n",
			       rc == EXIT_VALID ? "compatible (the VM can move there and come back)"
						: "not compatible both ways");
		}
	}
	mdevdesc_report_fini(fw);
	if (both)
		mdevdesc_report_fini(bw);
	free(fw);
	free(bw);
	return rc;
}

static int run_rank(const char *sname, char **paths, int n, int json)
{
	const struct mdevdesc_descriptor *s = load_one(sname);
	const struct mdevdesc_descriptor **ds;
	struct target *t;
	mdevdesc_ranked *out;
	mdevdesc_report *r;
	size_t count, m, i, k;
	char *ranked;

	if (!s || !(t = load_all(paths, n, &count)))
		return EXIT_USAGE;
	ds = malloc((count + 1) * sizeof(*ds));
	out = malloc((count + 1) * sizeof(*out));
	ranked = calloc(count + 1, 1);
	r = malloc(sizeof(*r));
	if (!ds || !out || !ranked || !r) {
		free(ds), free(out), free(ranked), free(r), free(t);
		return EXIT_USAGE;
	}
	for (i = 0; i < count; i++)
		ds[i] = t[i].d;
	/* Through the fleet index, as a management tool would (ids = input order). */
	{
		mdevdesc_index *ix = NULL;
		size_t id;
		if (mdevdesc_index_new(NULL, &ix) != MDEVDESC_OK) {
			free(ds), free(out), free(ranked), free(r), free(t);
			return EXIT_USAGE;
		}
		for (i = 0; i < count; i++)
			if (mdevdesc_index_add(ix, ds[i], &id) != MDEVDESC_OK) {
				mdevdesc_index_free(ix);
				free(ds), free(out), free(ranked), free(r), free(t);
				return EXIT_USAGE;
			}
		m = mdevdesc_index_rank(ix, s, out, count);
		mdevdesc_index_free(ix);
	}
	for (i = 0; i < m; i++)
		ranked[out[i].index] = 1;
	if (json) {
		fputs("{\"source\":", stdout);
		jstr(sname);
		fputs(",\"ranked\":[", stdout);
		for (i = 0; i < m; i++) {
			printf(i ? ",{\"file\":" : "{\"file\":");
			jstr(t[out[i].index].file);
			printf(",\"document\":%zu,\"reversible\":%s,\"defaults_applied\":%zu,\"version\":",
			       t[out[i].index].doc, out[i].reversible ? "true" : "false",
			       out[i].defaults_applied);
			json_version_str(&out[i].version);
			putchar('}');
		}
		fputs("],\"unranked\":[", stdout);
		for (i = 0, k = 0; i < count; i++) {
			if (ranked[i])
				continue;
			mdevdesc_check_compat(s, ds[i], r);
			printf(k++ ? ",{\"file\":" : "{\"file\":");
			jstr(t[i].file);
			printf(",\"document\":%zu,\"verdict\":\"%s\",", t[i].doc, mdevdesc_verdict_name(r->verdict));
			json_reasons(r, 0);
			mdevdesc_report_fini(r);
			putchar('}');
		}
		fputs("]}\n", stdout);
	} else {
		printf("targets for %s, best first:\n", sname);
		for (i = 0; i < m; i++) {
			printf("  %zu. %s  version ", i + 1, t[out[i].index].label);
			print_version(&out[i].version);
			printf(", %s, %zu default%s applied\n", out[i].reversible ? "reversible" : "one-way",
			       out[i].defaults_applied, out[i].defaults_applied == 1 ? "" : "s");
		}
		if (!m)
			printf("  (none)\n");
		for (i = 0; i < count; i++) {
			if (ranked[i])
				continue;
			mdevdesc_check_compat(s, ds[i], r);
			printf("  -  %s: %s", t[i].label, mdevdesc_verdict_name(r->verdict));
			for (k = 0; k < r->n_reasons; k++) {
				const mdevdesc_reason *x = mdevdesc_report_reason(r, k);
				if (k == 6) {
					printf(", and %zu more", r->n_reasons - k);
					break;
				}
				if (x)
					printf("%s%s at %s", k ? ", " : " (", mdevdesc_reason_name(x->code),
					       path_of(x));
			}
			printf(r->n_reasons ? ")\n" : "\n");
			mdevdesc_report_fini(r);
		}
	}
	free(ds), free(out), free(ranked), free(r), free(t);
	return m ? EXIT_VALID : EXIT_INVALID;
}

static int run_baseline(const char *hname, char **paths, int n, int json)
{
	const struct mdevdesc_descriptor *h = load_one(hname);
	const struct mdevdesc_descriptor **ds;
	mdevdesc_baseline *b = NULL;
	struct target *t;
	size_t count, i;
	int rc;

	if (!h || !(t = load_all(paths, n, &count)))
		return EXIT_USAGE;
	ds = malloc((count + 1) * sizeof(*ds));
	if (!ds) {
		free(t);
		return EXIT_USAGE;
	}
	for (i = 0; i < count; i++)
		ds[i] = t[i].d;
	if (mdevdesc_baseline_compute(h, ds, count, NULL, &b) != MDEVDESC_OK) {
		fprintf(stderr, "mdevdesc-compat: out of memory\n");
		free(ds);
		free(t);
		return EXIT_USAGE;
	}
	rc = b->blocked ? EXIT_INVALID : EXIT_VALID;
	if (json) {
		fputs("{\"host\":", stdout);
		jstr(hname);
		if (b->blocked) {
			fputs(",\"blocked\":{\"file\":", stdout);
			jstr(b->blocker ? t[b->blocker - 1].file : hname);
			if (b->blocker)
				printf(",\"document\":%zu,", t[b->blocker - 1].doc);
			else
				fputs(",\"document\":null,", stdout);
			json_reasons(&b->report, 1);
			fputs("}}\n", stdout);
		} else {
			fputs(",\"baseline\":{\"version\":\"", stdout);
			cli_json_version(stdout, &b->version.low);
			fputs("\",\"features\":{", stdout);
			for (i = 0; i < b->n_features; i++) {
				if (i)
					putchar(',');
				jstr(b->features[i].name);
				putchar(':');
				jstr(b->features[i].bits);
			}
			fputs("},\"hw\":{", stdout);
			for (i = 0; i < b->n_hw; i++) {
				if (i)
					putchar(',');
				jstr(b->hw[i].name);
				putchar(':');
				cli_json_value(stdout, &b->hw[i].value);
			}
			fputs("},\"params\":{", stdout);
			for (i = 0; i < b->n_params; i++) {
				if (i)
					putchar(',');
				jstr(b->params[i].name);
				putchar(':');
				cli_json_value(stdout, &b->params[i].value);
			}
			fputs("}}}\n", stdout);
		}
	} else if (b->blocked) {
		printf("no baseline for %s: blocked by %s\n", hname,
		       b->blocker ? t[b->blocker - 1].label : "the host itself");
		for (i = 0; i < b->report.n_reasons; i++) {
			const mdevdesc_reason *x = mdevdesc_report_reason(&b->report, i);
			if (x)
				printf("  %s  [%s] (%s)\n", path_of(x), mdevdesc_reason_name(x->code), x->rule);
		}
	} else {
		printf("baseline for %s over %zu target%s: create devices with\n", hname, count,
		       count == 1 ? "" : "s");
		printf("  version  ");
		print_version(&b->version.low);
		putchar('\n');
		for (i = 0; i < b->n_features; i++)
			printf("  features.%s = %s\n", b->features[i].name, b->features[i].bits);
		for (i = 0; i < b->n_hw; i++) {
			printf("  hw.%s = ", b->hw[i].name);
			print_value(&b->hw[i].value);
			putchar('\n');
		}
		for (i = 0; i < b->n_params; i++) {
			printf("  params.%s = ", b->params[i].name);
			print_value(&b->params[i].value);
			putchar('\n');
		}
	}
	mdevdesc_baseline_free(b);
	free(ds);
	free(t);
	return rc;
}

/* ---- matrix -------------------------------------------------------------- */

static const char *cell_class(const mdevdesc_report *r)
{
	if (r->verdict == MDEVDESC_COMPATIBLE)
		return r->reversible ? "compatible" : "oneway";
	return r->verdict == MDEVDESC_INCOMPATIBLE ? "incompatible" : "undecidable";
}

/* The page: the matrix as JSON data, drawn by a script; no network. */
static const char html_head[] =
	"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
	"<title>mdevdesc compatibility matrix</title>\n<style>\n"
	"body{font:14px system-ui,sans-serif;margin:1.5em;color:#222}\n"
	"table{border-collapse:collapse}th,td{border:1px solid #999;padding:0}\n"
	"th{font-weight:normal;padding:4px 8px;text-align:left;white-space:nowrap}\n"
	"thead th{writing-mode:vertical-rl;transform:rotate(180deg);vertical-align:bottom}\n"
	"td.cell{width:36px;height:36px;text-align:center;cursor:pointer;font-weight:bold}\n"
	"td.compatible{background:#2e9e44;color:#fff}td.oneway{background:#9ed36a}\n"
	"td.incompatible{background:#d7263d;color:#fff}td.undecidable{background:#f4b400}\n"
	"td.selected{outline:3px solid #000}#detail{margin-top:1em;white-space:pre-wrap;"
	"font-family:monospace;max-width:60em}\n.legend span{display:inline-block;padding:2px 8px;margin-right:6px}\n"
	"</style></head><body>\n<h1>Compatibility matrix</h1>\n"
	"<p>Row: source (the running device). Column: target (what a host creates). "
	"Hover or click a cell for its reasons.</p>\n<p class=\"legend\">"
	"<span class=\"compatible\" style=\"background:#2e9e44;color:#fff\">compatible</span>"
	"<span style=\"background:#9ed36a\">compatible, one-way (the target cannot create the source's version)</span>"
	"<span style=\"background:#d7263d;color:#fff\">incompatible</span>"
	"<span style=\"background:#f4b400\">undecidable</span></p>\n"
	"<table id=\"matrix\"></table>\n<div id=\"detail\"></div>\n<script id=\"data\" type=\"application/json\">";

static const char html_tail[] =
	"</script>\n<script>\n"
	"(function(){\n"
	"var d=JSON.parse(document.getElementById('data').textContent);\n"
	"var t=document.getElementById('matrix'),det=document.getElementById('detail');\n"
	"var sym={compatible:'\\u2713',oneway:'\\u2192',incompatible:'\\u2717',undecidable:'?'};\n"
	"function txt(c,i,j){var s=d.descriptors[i].label+' \\u2192 '+d.descriptors[j].label+': '+c.verdict;\n"
	" if(c.verdict==='compatible')s+=c.reversible?' (reversible)':' (one-way)';\n"
	" c.reasons.forEach(function(r){s+='\\n  '+r.code+' at '+r.path+' (source '+JSON.stringify(r.source)+', target '+JSON.stringify(r.target)+')';});\n"
	" return s;}\n"
	"var hr=document.createElement('tr');hr.appendChild(document.createElement('th'));\n"
	"d.descriptors.forEach(function(x){var th=document.createElement('th');th.textContent=x.label;hr.appendChild(th);});\n"
	"var th=document.createElement('thead');th.appendChild(hr);t.appendChild(th);\n"
	"var tb=document.createElement('tbody');\n"
	"d.matrix.forEach(function(row,i){var tr=document.createElement('tr');\n"
	" var h=document.createElement('th');h.textContent=d.descriptors[i].label;tr.appendChild(h);\n"
	" row.forEach(function(c,j){var td=document.createElement('td');td.className='cell '+c['class'];\n"
	"  td.textContent=sym[c['class']];td.title=txt(c,i,j);\n"
	"  td.addEventListener('click',function(){var s=t.querySelectorAll('td.selected');\n"
	"   for(var k=0;k<s.length;k++)s[k].classList.remove('selected');td.classList.add('selected');det.textContent=txt(c,i,j);});\n"
	"  tr.appendChild(td);});\n"
	" tb.appendChild(tr);});\n"
	"t.appendChild(tb);document.body.setAttribute('data-ready','1');\n"
	"})();\n</script>\n</body></html>\n";

/* JSON for an HTML <script> block: "</" must not appear. */
static void json_matrix(struct target *t, size_t count, mdevdesc_report *r, FILE *out)
{
	size_t i, j;
	FILE *saved = stdout;

	stdout = out;
	fputs("{\"descriptors\":[", stdout);
	for (i = 0; i < count; i++) {
		printf(i ? ",{\"file\":" : "{\"file\":");
		jstr(t[i].file);
		printf(",\"document\":%zu,\"label\":", t[i].doc);
		jstr(t[i].label);
		putchar('}');
	}
	fputs("],\"matrix\":[", stdout);
	for (i = 0; i < count; i++) {
		putchar(i ? ',' : '[');
		if (i)
			putchar('[');
		for (j = 0; j < count; j++) {
			mdevdesc_check_compat(t[i].d, t[j].d, r);
			printf(j ? ",{\"class\":\"%s\",\"verdict\":\"%s\",\"reversible\":%s,"
				 : "{\"class\":\"%s\",\"verdict\":\"%s\",\"reversible\":%s,",
			       cell_class(r), mdevdesc_verdict_name(r->verdict),
			       r->verdict == MDEVDESC_COMPATIBLE && r->reversible ? "true" : "false");
			json_reasons(r, 0);
			mdevdesc_report_fini(r);
			putchar('}');
		}
		putchar(']');
	}
	fputs("]}", stdout);
	stdout = saved;
}

static int run_matrix(char **paths, int n, int json, const char *html)
{
	struct target *t;
	mdevdesc_report *r;
	size_t count, i, j;

	if (!(t = load_all(paths, n, &count)))
		return EXIT_USAGE;
	r = malloc(sizeof(*r));
	if (!r) {
		free(t);
		return EXIT_USAGE;
	}
	if (html) {
		char *buf = NULL;
		size_t len = 0;
		FILE *m = open_memstream(&buf, &len), *f;
		int ok;

		if (!m) {
			free(r), free(t);
			return EXIT_USAGE;
		}
		json_matrix(t, count, r, m);
		fclose(m);
		f = fopen(html, "w");
		if (!f) {
			fprintf(stderr, "mdevdesc-compat: %s: %s\n", html, strerror(errno));
			free(buf), free(r), free(t);
			return EXIT_USAGE;
		}
		fputs(html_head, f);
		for (i = 0; i < len; i++) {
			/* Keep the data inert inside <script>: escape '<'. */
			if (buf[i] == '<')
				fputs("\\u003c", f);
			else
				fputc(buf[i], f);
		}
		fputs(html_tail, f);
		ok = fclose(f) == 0;
		free(buf);
		if (!ok) {
			fprintf(stderr, "mdevdesc-compat: %s: %s\n", html, strerror(errno));
			free(r), free(t);
			return EXIT_USAGE;
		}
		printf("%s: %zu x %zu matrix written\n", html, count, count);
	} else if (json) {
		json_matrix(t, count, r, stdout);
		putchar('\n');
	} else {
		printf("rows: source, columns: target; C compatible, 1 one-way, - incompatible, ? undecidable\n");
		for (i = 0; i < count; i++)
			printf("%4zu  %s\n", i + 1, t[i].label);
		printf("\n     ");
		for (j = 0; j < count; j++)
			printf("%4zu", j + 1);
		putchar('\n');
		for (i = 0; i < count; i++) {
			printf("%4zu ", i + 1);
			for (j = 0; j < count; j++) {
				const char *c;
				mdevdesc_check_compat(t[i].d, t[j].d, r);
				c = cell_class(r);
				mdevdesc_report_fini(r);
				printf("   %c", c[0] == 'c' ? 'C' : c[0] == 'o' ? '1' : c[0] == 'i' ? '-' : '?');
			}
			putchar('\n');
		}
	}
	free(r);
	free(t);
	return EXIT_VALID;
}

int main(int argc, char **argv)
{
	enum { O_JSON = 256, O_BOTH, O_RANK, O_BASELINE, O_MATRIX, O_HTML, O_ALLOW, O_HELP, O_VERSION };
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, O_JSON },
		{ "both", no_argument, NULL, O_BOTH },
		{ "rank", no_argument, NULL, O_RANK },
		{ "baseline", no_argument, NULL, O_BASELINE },
		{ "matrix", no_argument, NULL, O_MATRIX },
		{ "html", required_argument, NULL, O_HTML },
		{ "allow-unknown-vendor", no_argument, NULL, O_ALLOW },
		{ "help", no_argument, NULL, O_HELP },
		{ "version", no_argument, NULL, O_VERSION },
		{ NULL, 0, NULL, 0 },
	};
	int json = 0, both = 0, mode = 0, c, rc;
	const char *html = NULL;
	size_t i;

	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case O_JSON: json = 1; break;
		case O_BOTH: both = 1; break;
		case O_RANK:
		case O_BASELINE:
		case O_MATRIX:
			if (mode && mode != c) {
				fputs(usage, stderr);
				return EXIT_USAGE;
			}
			mode = c;
			break;
		case O_HTML: html = optarg; break;
		case O_ALLOW: opt.flags |= MDEVDESC_ALLOW_UNKNOWN_VENDOR; break;
		case O_HELP: fputs(usage, stdout); return EXIT_VALID;
		case O_VERSION:
			printf("mdevdesc-compat %s (format %d.%d)\n", mdevdesc_version_string(),
			       MDEVDESC_FORMAT_MAJOR, MDEVDESC_FORMAT_MINOR);
			return EXIT_VALID;
		default: fputs(usage, stderr); return EXIT_USAGE;
		}
	}
	argc -= optind;
	argv += optind;
	if ((html && (mode != O_MATRIX || json)) || (both && mode) ||
	    (!mode && argc != 2) || (mode == O_MATRIX && argc < 1) ||
	    ((mode == O_RANK || mode == O_BASELINE) && argc < 1)) {
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	if (mode == O_RANK)
		rc = run_rank(argv[0], argv + 1, argc - 1, json);
	else if (mode == O_BASELINE)
		rc = run_baseline(argv[0], argv + 1, argc - 1, json);
	else if (mode == O_MATRIX)
		rc = run_matrix(argv, argc, json, html);
	else
		rc = run_check(argv[0], argv[1], json, both);
	for (i = 0; i < nfiles; i++) {
		mdevdesc_file_free(files[i].f);
		cli_release(&files[i].in);
		free(files[i].path);
	}
	if (fflush(stdout))
		return EXIT_USAGE;
	return rc;
}
