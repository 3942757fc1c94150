/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/*
 * mdevdesc-validate - check descriptor files against spec/mdevdesc.md.
 *
 * For vendors' CI: compiler-style FILE:LINE:COL diagnostics with the rule
 * each one breaks, or one JSON object (--json, described by
 * schema/validate-output.schema.json).  Files are read one document at a
 * time.  A directory stands for its *.yaml and *.yml files (cli/walk.c),
 * and with -r for those of its subdirectories too.  Exit status: 0 every
 * file valid, 1 any invalid (or any warning with --strict), 2 usage or I/O
 * error.
 */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "common.h"
#include "walk.h"

static const char usage[] =
	"usage: mdevdesc-validate [OPTION]... FILE|DIR...\n"
	"Check mdevdesc descriptor files (FILE '-' is standard input).\n"
	"\n"
	"A directory DIR stands for its descriptor files, the names ending in .yaml\n"
	"or .yml, in byte order of names; its subdirectories are skipped unless -r is\n"
	"given.  Symbolic links to files are followed, links to directories are not.\n"
	"A directory without descriptor files is said on stderr but, as in yamllint,\n"
	"is no error by itself (0 files is exit status 0).\n"
	"\n"
	"  -r, --recursive         read the subdirectories of each DIR too\n"
	"  --json                  print one JSON object (schema/validate-output.schema.json)\n"
	"  --quiet                 print diagnostics only: no source lines, no summary\n"
	"  --strict                treat warnings as errors\n"
	"  --allow-unknown-vendor  accept vendor namespaces not in the registry\n"
	"  --limit NAME=VALUE      set a parser limit (spec 8), e.g. max_depth=8\n"
	"  --events                print the YAML test suite event stream of FILE\n"
	"  --help, --version\n"
	"\n"
	"Exit status: 0 all valid, 1 any invalid, 2 usage or I/O error (a file or a\n"
	"directory that cannot be read; the other files are still checked).\n";

struct totals {
	size_t files, valid, invalid, errors, warnings;
};

/* What validate() needs besides a file's name. */
struct run {
	const mdevdesc_options *opt;
	int json, quiet;
	unsigned flags;
	struct totals t;
};

static int run_events(const char *path, const mdevdesc_options *opt)
{
	cli_input in;
	mdevdesc_file *f = NULL;
	mdevdesc_code rc;
	size_t i;

	if (cli_read(&in, path)) {
		fprintf(stderr, "mdevdesc-validate: %s: %s\n", cli_vis(path), strerror(errno));
		return EXIT_USAGE;
	}
	rc = mdevdesc_events(in.buf, in.len, opt, cli_fwrite, stdout, &f);
	if (rc == MDEVDESC_E_NOMEM) {
		fprintf(stderr, "mdevdesc-validate: %s: out of memory\n", cli_vis(path));
		cli_release(&in);
		return EXIT_USAGE;
	}
	for (i = 0; i < mdevdesc_file_diag_count(f); i++)
		cli_print_diag(stderr, &in, mdevdesc_file_diag(f, i), 1);
	mdevdesc_file_free(f);
	cli_release(&in);
	return rc == MDEVDESC_OK ? EXIT_VALID : EXIT_INVALID;
}

/* The text output of one input: its diagnostics the way compilers print them. */
static mdevdesc_code print_text(const cli_input *in, const mdevdesc_options *opt, int quiet,
				unsigned flags, mdevdesc_json_summary *sum)
{
	mdevdesc_reader *r = NULL;
	const mdevdesc_doc *doc;
	mdevdesc_code got = mdevdesc_reader_new(in->buf, in->len, opt, &r);
	size_t i;

	memset(sum, 0, sizeof(*sum));
	if (got != MDEVDESC_OK)
		return got;
	do {
		got = mdevdesc_reader_next(r, &doc);
		for (i = 0; i < mdevdesc_reader_diag_count(r); i++) {
			const mdevdesc_diag *d = mdevdesc_reader_diag(r, i);

			*(d->severity == MDEVDESC_ERROR ? &sum->errors : &sum->warnings) += 1;
			cli_print_diag(stdout, in, d, !quiet);
		}
	} while (got == MDEVDESC_OK);
	sum->valid = got == MDEVDESC_DONE && !sum->errors &&
		     !(sum->warnings && (flags & MDEVDESC_JSON_STRICT));
	mdevdesc_reader_free(r);
	return MDEVDESC_OK;
}

/* Validate one file (a cli_walk_fn); returns 0 valid, 1 invalid, 2 I/O error. */
static int validate(void *ctx, const char *path)
{
	struct run *run = ctx;
	const mdevdesc_options *opt = run->opt;
	struct totals *t = &run->t;
	int json = run->json;
	cli_input in;
	mdevdesc_json_summary sum;
	mdevdesc_code rc;

	if (json)
		fputs(t->files ? "," : "", stdout);
	t->files++;
	if (cli_read(&in, path)) {
		int e = errno;
		t->invalid++;
		if (json) {
			fputs("{\"file\":", stdout);
			cli_json_string(stdout, path, strlen(path));
			fputs(",\"valid\":false,\"documents\":0,\"errors\":0,\"warnings\":0,\"io_error\":", stdout);
			cli_json_string(stdout, strerror(e), strlen(strerror(e)));
			fputs(",\"diagnostics\":[]}", stdout);
		}
		fprintf(stderr, "mdevdesc-validate: %s: %s\n", cli_vis(path), strerror(e));
		return EXIT_USAGE;
	}
	if (json)
		rc = mdevdesc_json_validate(path, in.buf, in.len, opt, run->flags, cli_fwrite,
					    stdout, &sum);
	else
		rc = print_text(&in, opt, run->quiet, run->flags, &sum);
	cli_release(&in);
	if (rc != MDEVDESC_OK) {
		fprintf(stderr, "mdevdesc-validate: %s: out of memory\n", cli_vis(path));
		return EXIT_USAGE;
	}
	if (sum.valid)
		t->valid++;
	else
		t->invalid++;
	t->errors += sum.errors;
	t->warnings += sum.warnings;
	return sum.valid ? EXIT_VALID : EXIT_INVALID;
}

/* Validate FILE, or the descriptor files of DIR; the worst exit status. */
static int validate_arg(struct run *run, const char *arg, int recursive)
{
	struct cli_walk w = { "mdevdesc-validate", recursive, validate, run, 0, 0, EXIT_VALID };
	struct stat st;

	if (strcmp(arg, "-") == 0 || stat(arg, &st) != 0 || !S_ISDIR(st.st_mode))
		return validate(run, arg);
	cli_walk_dir(&w, arg);
	if (!w.found)
		cli_walk_none(&w, arg);
	return w.worst;
}

int main(int argc, char **argv)
{
	enum { O_JSON = 256, O_QUIET, O_STRICT, O_ALLOW, O_LIMIT, O_EVENTS, O_HELP, O_VERSION };
	static const struct option longopts[] = {
		{ "recursive", no_argument, NULL, 'r' },
		{ "json", no_argument, NULL, O_JSON },
		{ "quiet", no_argument, NULL, O_QUIET },
		{ "strict", no_argument, NULL, O_STRICT },
		{ "allow-unknown-vendor", no_argument, NULL, O_ALLOW },
		{ "limit", required_argument, NULL, O_LIMIT },
		{ "events", no_argument, NULL, O_EVENTS },
		{ "help", no_argument, NULL, O_HELP },
		{ "version", no_argument, NULL, O_VERSION },
		{ NULL, 0, NULL, 0 },
	};
	mdevdesc_limits lim = mdevdesc_limits_default();
	mdevdesc_options opt = { NULL, &lim, 0 };
	struct run run = { &opt, 0, 0, 0, { 0, 0, 0, 0, 0 } };
	struct totals *t = &run.t;
	int recursive = 0, events = 0, c, i, worst = EXIT_VALID;

	opterr = 0;
	while ((c = getopt_long(argc, argv, "r", longopts, NULL)) != -1) {
		switch (c) {
		case 'r': recursive = 1; break;
		case O_JSON: run.json = 1; break;
		case O_QUIET: run.quiet = 1; break;
		case O_STRICT: run.flags |= MDEVDESC_JSON_STRICT; break;
		case O_ALLOW: opt.flags |= MDEVDESC_ALLOW_UNKNOWN_VENDOR; break;
		case O_LIMIT:
			if (cli_set_limit(&lim, optarg)) {
				fprintf(stderr, "mdevdesc-validate: bad --limit '%s'\n",
					cli_vis(optarg));
				return EXIT_USAGE;
			}
			break;
		case O_EVENTS: events = 1; break;
		case O_HELP: fputs(usage, stdout); return EXIT_VALID;
		case O_VERSION:
			printf("mdevdesc-validate %s (format %d.%d)\n", mdevdesc_version_string(),
			       MDEVDESC_FORMAT_MAJOR, MDEVDESC_FORMAT_MINOR);
			return EXIT_VALID;
		default: cli_bad_option("mdevdesc-validate", argv, usage); return EXIT_USAGE;
		}
	}
	if (optind >= argc || (events && argc - optind != 1)) {
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	if (events)
		return run_events(argv[optind], &opt);
	if (run.json)
		fputs("{\"format\":\"mdevdesc-validate\",\"version\":1,\"files\":[", stdout);
	for (i = optind; i < argc; i++) {
		int s = validate_arg(&run, argv[i], recursive);
		if (s > worst)
			worst = s;
	}
	if (run.json)
		printf("],\"summary\":{\"files\":%zu,\"valid\":%zu,\"invalid\":%zu,\"errors\":%zu,"
		       "\"warnings\":%zu}}\n",
		       t->files, t->valid, t->invalid, t->errors, t->warnings);
	else if (!run.quiet)
		printf("%zu file%s, %zu valid, %zu invalid, %zu error%s, %zu warning%s\n", t->files,
		       t->files == 1 ? "" : "s", t->valid, t->invalid, t->errors,
		       t->errors == 1 ? "" : "s", t->warnings, t->warnings == 1 ? "" : "s");
	return fflush(stdout) ? EXIT_USAGE : worst;
}
