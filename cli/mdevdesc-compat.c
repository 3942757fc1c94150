/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/*
 * mdevdesc-compat - can a device migrate there, and how must the target be
 * created?  (spec 6)
 *
 * Explains a check rule by rule, with the values compared, so that "why
 * can't this VM move there?" has an answer; ranks targets, computes a
 * baseline, and prints a compatibility matrix as text, JSON or one
 * self-contained HTML page.  This file holds the options, the inputs and
 * the modes; the output is in compat-explain.c (text), compat-json.c and
 * compat-html.c.  Exit status: 0 compatible (baseline found), 1
 * incompatible or undecidable (blocked), 2 usage or input error.
 */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "compat.h"

static const char usage[] =
	"usage: mdevdesc-compat [--json] [--both [--source-type TYPE]] SRC DST\n"
	"       mdevdesc-compat --emit-target SRC DST\n"
	"       mdevdesc-compat [--json] --rank SRC FILE...\n"
	"       mdevdesc-compat [--json] --baseline HOST FILE...\n"
	"       mdevdesc-compat [--json | --html OUT] --matrix FILE...\n"
	"Check whether a device described by SRC can migrate to one created from DST.\n"
	"\n"
	"A descriptor is FILE (a file with one document), FILE#N (its Nth document)\n"
	"or FILE@MDEV_TYPE (the document whose mdev_type is MDEV_TYPE).\n"
	"With --rank, --baseline and --matrix, a FILE#N or FILE@MDEV_TYPE counts as\n"
	"that one document, a plain FILE as every document it holds.\n"
	"\n"
	"  --json                 print JSON (schema/compat-output.schema.json)\n"
	"  --both                 also the way back: the target instance checked against\n"
	"                         the source's type (unknown without --source-type;\n"
	"                         then the exit status is the forward check's)\n"
	"  --source-type TYPE     the type SRC was created from (implies --both)\n"
	"  --emit-target          print the descriptor of the device to create on the\n"
	"                         target (exit 1, with the reasons, when there is none)\n"
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

static void nomem(void)
{
	fprintf(stderr, "mdevdesc-compat: %s\n", mdevdesc_strerror(MDEVDESC_E_NOMEM));
}

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
		fprintf(stderr, "mdevdesc-compat: %s: %s\n", cli_vis(path), strerror(errno));
		free(l->path);
		return NULL;
	}
	if (mdevdesc_parse(l->in.buf, l->in.len, &opt, &l->f) == MDEVDESC_E_NOMEM) {
		fprintf(stderr, "mdevdesc-compat: %s: out of memory\n", cli_vis(path));
		cli_release(&l->in);
		free(l->path);
		return NULL;
	}
	for (i = 0; i < mdevdesc_file_diag_count(l->f); i++)
		cli_print_diag(stderr, &l->in, mdevdesc_file_diag(l->f, i), 1);
	nfiles++;
	if (mdevdesc_file_error_count(l->f)) {
		fprintf(stderr, "mdevdesc-compat: %s: invalid descriptor file\n", cli_vis(path));
		return NULL;
	}
	return l;
}

/*
 * Load the file of a descriptor argument: FILE, FILE#N or FILE@MDEV_TYPE
 * (a '#' or '@' after the last '/').  *@sel receives the "#N" or "@T" part,
 * NULL for a plain FILE; NULL when the file is unusable (said).
 */
static loaded *load_spec(const char *spec, const char **sel)
{
	char path[4096];
	size_t n = strlen(spec);
	const char *at = strrchr(spec, '@'), *hash = strrchr(spec, '#');

	*sel = NULL;
	if (at && (!hash || at > hash))
		*sel = at;
	else if (hash)
		*sel = hash;
	if (*sel && strchr(*sel, '/'))
		*sel = NULL;
	if (*sel)
		n = (size_t)(*sel - spec);
	if (n >= sizeof(path)) {
		fprintf(stderr, "mdevdesc-compat: path too long\n");
		return NULL;
	}
	memcpy(path, spec, n);
	path[n] = '\0';
	return load(path);
}

/* The index of the document "#N" or "@MDEV_TYPE" of @l, or -1 (said). */
static long select_doc(const loaded *l, const char *sel)
{
	size_t k, count = mdevdesc_file_doc_count(l->f);

	if (*sel == '@') {
		const mdevdesc_doc *d = mdevdesc_file_lookup(l->f, sel + 1);
		for (k = 0; d && k < count; k++)
			if (mdevdesc_file_doc(l->f, k) == d)
				return (long)k;
		fprintf(stderr, "mdevdesc-compat: %s: no document has mdev_type %s\n",
			cli_vis(l->path), cli_vis(sel + 1));
	} else {
		char *end;
		unsigned long n = strtoul(sel + 1, &end, 10);
		if (!*end && n > 0 && n <= count && sel[1] >= '0' && sel[1] <= '9')
			return (long)(n - 1);
		fprintf(stderr, "mdevdesc-compat: %s: no document %s (the file holds %zu)\n",
			cli_vis(l->path), cli_vis(sel + 1), count);
	}
	return -1;
}

/* FILE, FILE#N or FILE@MDEV_TYPE -> one descriptor. */
static const struct mdevdesc_descriptor *load_one(const char *spec)
{
	const char *sel;
	loaded *l = load_spec(spec, &sel);
	long k = 0;

	if (!l)
		return NULL;
	if (sel) {
		k = select_doc(l, sel);
	} else if (mdevdesc_file_doc_count(l->f) != 1) {
		fprintf(stderr,
			"mdevdesc-compat: %s holds %zu documents: choose one with %s#N or %s@MDEV_TYPE\n",
			cli_vis(l->path), mdevdesc_file_doc_count(l->f), cli_vis(l->path),
			cli_vis(l->path));
		k = -1;
	}
	return k < 0 ? NULL : mdevdesc_doc_descriptor(mdevdesc_file_doc(l->f, (size_t)k));
}

/* Append document @k of @l to @t[0..*m), growing it; -1 when out of memory. */
static int add_target(struct target **t, size_t *m, size_t *cap, const loaded *l, size_t k,
		      const char *label)
{
	struct target *x;

	if (*m == *cap) {
		struct target *nt;
		*cap = *cap ? *cap * 2 : 16;
		nt = realloc(*t, *cap * sizeof(**t));
		if (!nt)
			return -1;
		*t = nt;
	}
	x = &(*t)[(*m)++];
	x->d = mdevdesc_doc_descriptor(mdevdesc_file_doc(l->f, k));
	x->file = l->path;
	x->doc = k;
	if (label)
		snprintf(x->label, sizeof(x->label), "%s", label);
	else if (mdevdesc_file_doc_count(l->f) == 1)
		snprintf(x->label, sizeof(x->label), "%s", l->path);
	else
		snprintf(x->label, sizeof(x->label), "%s#%zu", l->path, k + 1);
	return 0;
}

/*
 * The targets of FILE... arguments: the one document of a FILE#N or
 * FILE@MDEV_TYPE, labelled as given, every document of a plain FILE,
 * labelled "file" or "file#N".  NULL when one is unusable (said).
 */
static struct target *load_all(char **paths, int n, size_t *count)
{
	struct target *t = NULL;
	size_t m = 0, cap = 0, k;
	int i, bad = 0;

	for (i = 0; i < n && !bad; i++) {
		const char *sel;
		loaded *l = load_spec(paths[i], &sel);
		long one = l && sel ? select_doc(l, sel) : 0;

		if (!l || one < 0) {
			bad = 1;
		} else if (sel) {
			bad = add_target(&t, &m, &cap, l, (size_t)one, paths[i]) ? 2 : 0;
		} else {
			for (k = 0; k < mdevdesc_file_doc_count(l->f) && !bad; k++)
				bad = add_target(&t, &m, &cap, l, k, NULL) ? 2 : 0;
		}
	}
	if (bad == 2)
		nomem();
	if (!bad && !t && !(t = malloc(sizeof(*t)))) {
		nomem();
		bad = 2;
	}
	if (bad) {
		free(t);
		return NULL;
	}
	*count = m;
	return t;
}

/* ---- modes ------------------------------------------------------------------ */

int compat_check(const struct mdevdesc_descriptor *s, const struct mdevdesc_descriptor *d,
		 mdevdesc_report *r)
{
	mdevdesc_code rc = mdevdesc_check_compat(s, d, r);

	if (rc != MDEVDESC_OK)
		fprintf(stderr, "mdevdesc-compat: %s\n", mdevdesc_strerror(rc));
	return rc != MDEVDESC_OK;
}

/* A report from the tool's options; NULL (said) when out of memory. */
static mdevdesc_report *new_report(void)
{
	mdevdesc_report *r = NULL;
	mdevdesc_code rc = mdevdesc_report_new(&opt, &r);

	if (rc != MDEVDESC_OK)
		fprintf(stderr, "mdevdesc-compat: %s\n", mdevdesc_strerror(rc));
	return r;
}

/*
 * The way back (spec 6.6 R-COMPAT-REVERSE): when SRC can migrate (@fw is
 * compatible) and its type @t is known, warn unless SRC satisfies @t and
 * check the target instance against @t into *@bw.  0, or -1 (said).
 */
static int way_back(const char *sname, const char *tname, const struct mdevdesc_descriptor *s,
		    const struct mdevdesc_descriptor *t, const mdevdesc_report *fw,
		    mdevdesc_report **bw)
{
	mdevdesc_code rc;

	if (!t || mdevdesc_report_verdict(fw) != MDEVDESC_COMPATIBLE)
		return 0;
	if (!(*bw = new_report()) || compat_check(s, t, *bw))
		return -1;
	compat_satisfies_warning(sname, tname, *bw);
	rc = mdevdesc_check_reverse(fw, t, *bw);
	if (rc != MDEVDESC_OK)
		fprintf(stderr, "mdevdesc-compat: %s\n", mdevdesc_strerror(rc));
	return rc != MDEVDESC_OK ? -1 : 0;
}

/* SRC DST: one check, --both (with the source's type @tname, or without), --emit-target. */
static int run_check(const char *sname, const char *dname, int json, int both, const char *tname,
		     int emit)
{
	const struct mdevdesc_descriptor *s = load_one(sname), *d = s ? load_one(dname) : NULL;
	const struct mdevdesc_descriptor *t = d && tname ? load_one(tname) : NULL;
	mdevdesc_report *fw = NULL, *bw = NULL;
	int rc = EXIT_USAGE;

	if (!s || !d || (tname && !t) || !(fw = new_report()) || compat_check(s, d, fw) ||
	    (both && way_back(sname, tname, s, t, fw, &bw)))
		goto out;
	rc = mdevdesc_report_verdict(fw) == MDEVDESC_COMPATIBLE ? EXIT_VALID : EXIT_INVALID;
	if (emit) {
		rc = compat_emit_target(sname, dname, fw);
	} else if (json && both) {
		compat_json_both(stdout, fw, bw);
		if (bw && mdevdesc_report_verdict(bw) != MDEVDESC_COMPATIBLE)
			rc = EXIT_INVALID;
	} else if (json) {
		compat_json_result(stdout, fw);
		putchar('\n');
	} else {
		compat_explain(sname, dname, fw);
		if (both)
			rc = compat_both_text(tname, fw, bw);
	}
out:
	mdevdesc_report_free(bw);
	mdevdesc_report_free(fw);
	return rc;
}

/* Through the fleet index, as a management tool would (ids = input order). */
static int rank_by_index(const struct mdevdesc_descriptor *s, const struct target *t, size_t n,
			 mdevdesc_ranked *out, size_t *m)
{
	mdevdesc_index *ix = NULL;
	size_t i, id;

	if (mdevdesc_index_new(&opt, &ix) != MDEVDESC_OK) {
		nomem();
		return -1;
	}
	for (i = 0; i < n; i++) {
		if (mdevdesc_index_add(ix, t[i].d, &id) != MDEVDESC_OK) {
			nomem();
			mdevdesc_index_free(ix);
			return -1;
		}
	}
	*m = mdevdesc_index_rank(ix, s, out, n);
	mdevdesc_index_free(ix);
	return 0;
}

static int run_rank(const char *sname, char **paths, int argc, int json)
{
	const struct mdevdesc_descriptor *s = load_one(sname);
	struct target *t;
	mdevdesc_ranked *out = NULL;
	mdevdesc_report *r = NULL;
	size_t count, m = 0, i;
	char *ranked = NULL;
	int rc = EXIT_USAGE;

	if (!s || !(t = load_all(paths, argc, &count)))
		return EXIT_USAGE;
	out = malloc((count + 1) * sizeof(*out));
	ranked = calloc(count + 1, 1);
	if (!out || !ranked) {
		nomem();
		goto out;
	}
	if (!(r = new_report()) || rank_by_index(s, t, count, out, &m))
		goto out;
	for (i = 0; i < m; i++)
		ranked[out[i].index] = 1;
	if (json ? compat_json_rank(stdout, sname, s, t, count, out, m, ranked, r)
		 : compat_rank_text(sname, s, t, count, out, m, ranked, r))
		goto out;
	rc = m ? EXIT_VALID : EXIT_INVALID;
out:
	mdevdesc_report_free(r);
	free(out);
	free(ranked);
	free(t);
	return rc;
}

static int run_baseline(const char *hname, char **paths, int argc, int json)
{
	const struct mdevdesc_descriptor *h = load_one(hname);
	const struct mdevdesc_descriptor **ds;
	mdevdesc_baseline *b = NULL;
	struct target *t;
	size_t count, i;
	mdevdesc_code code;
	int rc;

	if (!h || !(t = load_all(paths, argc, &count)))
		return EXIT_USAGE;
	ds = malloc((count + 1) * sizeof(*ds));
	if (!ds) {
		nomem();
		free(t);
		return EXIT_USAGE;
	}
	for (i = 0; i < count; i++)
		ds[i] = t[i].d;
	code = mdevdesc_baseline_compute(h, ds, count, &opt, &b);
	if (code != MDEVDESC_OK) {
		fprintf(stderr, "mdevdesc-compat: %s\n", mdevdesc_strerror(code));
		free(ds);
		free(t);
		return EXIT_USAGE;
	}
	rc = b->blocked ? EXIT_INVALID : EXIT_VALID;
	if (json)
		compat_json_baseline(stdout, hname, b, t);
	else
		compat_baseline_text(hname, b, t, count);
	mdevdesc_baseline_free(b);
	free(ds);
	free(t);
	return rc;
}

static int run_matrix(char **paths, int argc, int json, const char *html)
{
	struct target *t;
	mdevdesc_report *r;
	size_t count;
	int bad;

	if (!(t = load_all(paths, argc, &count)))
		return EXIT_USAGE;
	if (!(r = new_report())) {
		free(t);
		return EXIT_USAGE;
	}
	if (html) {
		bad = compat_html(html, t, count, r);
	} else if (json) {
		bad = compat_json_matrix(stdout, t, count, r);
		if (!bad)
			putchar('\n');
	} else {
		bad = compat_matrix_text(t, count, r);
	}
	mdevdesc_report_free(r);
	free(t);
	return bad ? EXIT_USAGE : EXIT_VALID;
}

int main(int argc, char **argv)
{
	enum { O_JSON = 256, O_BOTH, O_RANK, O_BASELINE, O_MATRIX, O_HTML, O_ALLOW, O_HELP, O_VERSION,
	       O_SOURCE_TYPE, O_EMIT };
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, O_JSON },
		{ "both", no_argument, NULL, O_BOTH },
		{ "rank", no_argument, NULL, O_RANK },
		{ "baseline", no_argument, NULL, O_BASELINE },
		{ "matrix", no_argument, NULL, O_MATRIX },
		{ "html", required_argument, NULL, O_HTML },
		{ "allow-unknown-vendor", no_argument, NULL, O_ALLOW },
		{ "source-type", required_argument, NULL, O_SOURCE_TYPE },
		{ "emit-target", no_argument, NULL, O_EMIT },
		{ "help", no_argument, NULL, O_HELP },
		{ "version", no_argument, NULL, O_VERSION },
		{ NULL, 0, NULL, 0 },
	};
	int json = 0, both = 0, mode = 0, emit = 0, c, rc;
	const char *html = NULL, *tname = NULL;
	size_t i;

	opterr = 0;
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
		case O_SOURCE_TYPE: tname = optarg; both = 1; break;
		case O_EMIT: emit = 1; break;
		case O_ALLOW: opt.flags |= MDEVDESC_ALLOW_UNKNOWN_VENDOR; break;
		case O_HELP: fputs(usage, stdout); return EXIT_VALID;
		case O_VERSION:
			printf("mdevdesc-compat %s (format %d.%d)\n", mdevdesc_version_string(),
			       MDEVDESC_FORMAT_MAJOR, MDEVDESC_FORMAT_MINOR);
			return EXIT_VALID;
		default: cli_bad_option("mdevdesc-compat", argv, usage); return EXIT_USAGE;
		}
	}
	argc -= optind;
	argv += optind;
	if ((html && (mode != O_MATRIX || json)) || (both && mode) ||
	    (emit && (mode || json || both)) ||
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
		rc = run_check(argv[0], argv[1], json, both, tname, emit);
	for (i = 0; i < nfiles; i++) {
		mdevdesc_file_free(files[i].f);
		cli_release(&files[i].in);
		free(files[i].path);
	}
	if (fflush(stdout))
		return EXIT_USAGE;
	return rc;
}
