/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/*
 * mdevdesc-fmt - print descriptors in canonical form (spec 11.2).
 *
 * Canonical text is what mdevdesc_emit() writes: the same bytes a driver's
 * sysfs attribute holds.  Documents are separated by "---" lines.  With
 * -i each file is rewritten in place (only when it is valid and has no
 * comment: the canonical form does not keep comments yet); with --check
 * nothing is written, a file that is not canonical is shown as a unified
 * diff against its canonical text (cli/diff.c); with --json the model of
 * each document is printed as one JSON line, the form the conformance
 * vectors use (tests/vectors/README.md).
 */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common.h"
#include "diff.h"

static const char usage[] =
	"usage: mdevdesc-fmt [-i | --check | --json] [--allow-unknown-vendor] FILE...\n"
	"Print mdevdesc descriptors in canonical form (FILE '-' is standard input).\n"
	"\n"
	"  -i, --in-place          rewrite each FILE in canonical form (comments are\n"
	"                          kept, each before or after the line of its key)\n"
	"      --check             write nothing; print a unified diff (--- FILE,\n"
	"                          +++ FILE (canonical)) for each FILE that is not\n"
	"                          in canonical form, and exit 1 if there is one\n"
	"      --json              print each document's model as one JSON line\n"
	"      --allow-unknown-vendor  accept vendor namespaces not in the registry\n"
	"      --help, --version\n"
	"\n"
	"Invalid input is reported like mdevdesc-validate does and left unchanged.\n"
	"Exit status: 0 success (with --check: every FILE canonical), 1 invalid input\n"
	"(with --check: also a FILE not canonical), 2 usage or I/O error.\n";

enum mode { PRINT, IN_PLACE, CHECK, JSON };

/* A growing output buffer for mdevdesc_doc_write(). */
typedef struct outbuf {
	char *p;
	size_t n, cap;
	int nomem;
} outbuf;

static void out_write(void *ctx, const char *s, size_t n)
{
	outbuf *o = ctx;

	if (o->nomem || n == 0)
		return;
	if (n > o->cap - o->n) {
		size_t cap = o->cap ? o->cap : 4096;
		char *nb;

		while (n > cap - o->n)
			cap *= 2;
		nb = realloc(o->p, cap);
		if (!nb) {
			o->nomem = 1;
			return;
		}
		o->p = nb, o->cap = cap;
	}
	memcpy(o->p + o->n, s, n);
	o->n += n;
}

/* Canonical text of every document of @f with its comments, malloc'd. */
static char *canonical(const mdevdesc_file *f, size_t *len)
{
	outbuf o = { NULL, 0, 0, 0 };
	size_t i;

	for (i = 0; i < mdevdesc_file_doc_count(f); i++) {
		if (i)
			out_write(&o, "---\n", 4);
		if (mdevdesc_doc_write(mdevdesc_file_doc(f, i), out_write, &o) != MDEVDESC_OK)
			o.nomem = 1;
	}
	if (o.nomem || (!o.p && (o.p = malloc(1)) == NULL)) {
		free(o.p);
		return NULL;
	}
	*len = o.n;
	return o.p;
}

/* Replace @path atomically: a temporary file beside it, then rename. */
static int write_file(const char *path, const char *buf, size_t len)
{
	size_t n = strlen(path);
	char *tmp = malloc(n + 16);
	struct stat st;
	int fd, ok;

	if (!tmp)
		return -1;
	memcpy(tmp, path, n);
	memcpy(tmp + n, ".fmt-XXXXXX", 12);
	fd = mkstemp(tmp);
	if (fd < 0) {
		free(tmp);
		return -1;
	}
	if (stat(path, &st) == 0)
		fchmod(fd, st.st_mode & 07777);
	ok = write(fd, buf, len) == (ssize_t)len;
	ok &= close(fd) == 0;
	if (ok && rename(tmp, path) == 0) {
		free(tmp);
		return 0;
	}
	unlink(tmp);
	free(tmp);
	return -1;
}

/* Format one file as @mode asks; its exit status. */
static int format(const char *path, enum mode mode, const mdevdesc_options *opt)
{
	cli_input in;
	mdevdesc_file *f = NULL;
	size_t k, len;
	char *text = NULL, *label = NULL;
	int rc = EXIT_VALID;

	if (cli_read(&in, path)) {
		fprintf(stderr, "mdevdesc-fmt: %s: %s\n", cli_vis(path), strerror(errno));
		return EXIT_USAGE;
	}
	if (mdevdesc_parse(in.buf, in.len, opt, &f) == MDEVDESC_E_NOMEM) {
		rc = -1;
		goto out;
	}
	for (k = 0; k < mdevdesc_file_diag_count(f); k++)
		cli_print_diag(stderr, &in, mdevdesc_file_diag(f, k), 1);
	if (mdevdesc_file_error_count(f)) {
		rc = EXIT_INVALID;
	} else if (mode == JSON) {
		for (k = 0; k < mdevdesc_file_doc_count(f); k++) {
			mdevdesc_json_model(mdevdesc_doc_descriptor(mdevdesc_file_doc(f, k)),
					    cli_fwrite, stdout);
			putchar('\n');
		}
	} else if ((text = canonical(f, &len)) == NULL) {
		rc = -1;
	} else if (mode == PRINT) {
		fwrite(text, 1, len, stdout);
	} else if (mode == IN_PLACE) {
		if (write_file(path, text, len)) {
			fprintf(stderr, "mdevdesc-fmt: %s: %s\n", cli_vis(path), strerror(errno));
			rc = EXIT_USAGE;
		}
	} else if ((label = malloc(strlen(path) + sizeof(" (canonical)"))) == NULL) {
		rc = -1;
	} else {
		sprintf(label, "%s (canonical)", path);
		rc = cli_diff(stdout, path, in.buf, in.len, label, text, len);
	}
out:
	if (rc < 0) {
		fprintf(stderr, "mdevdesc-fmt: %s: out of memory\n", cli_vis(path));
		rc = EXIT_USAGE;
	}
	free(label);
	free(text);
	mdevdesc_file_free(f);
	cli_release(&in);
	return rc;
}

int main(int argc, char **argv)
{
	enum { O_JSON = 256, O_CHECK, O_ALLOW, O_HELP, O_VERSION };
	static const struct option longopts[] = {
		{ "in-place", no_argument, NULL, 'i' },
		{ "check", no_argument, NULL, O_CHECK },
		{ "json", no_argument, NULL, O_JSON },
		{ "allow-unknown-vendor", no_argument, NULL, O_ALLOW },
		{ "help", no_argument, NULL, O_HELP },
		{ "version", no_argument, NULL, O_VERSION },
		{ NULL, 0, NULL, 0 },
	};
	mdevdesc_options opt = { NULL, NULL, MDEVDESC_KEEP_COMMENTS };
	enum mode mode = PRINT;
	int modes = 0, c, i, worst = EXIT_VALID;

	opterr = 0;
	while ((c = getopt_long(argc, argv, "i", longopts, NULL)) != -1) {
		switch (c) {
		case 'i': mode = IN_PLACE, modes |= 1; break;
		case O_CHECK: mode = CHECK, modes |= 2; break;
		case O_JSON: mode = JSON, modes |= 4; break;
		case O_ALLOW: opt.flags |= MDEVDESC_ALLOW_UNKNOWN_VENDOR; break;
		case O_HELP: fputs(usage, stdout); return EXIT_VALID;
		case O_VERSION:
			printf("mdevdesc-fmt %s (format %d.%d)\n", mdevdesc_version_string(),
			       MDEVDESC_FORMAT_MAJOR, MDEVDESC_FORMAT_MINOR);
			return EXIT_VALID;
		default: cli_bad_option("mdevdesc-fmt", argv, usage); return EXIT_USAGE;
		}
	}
	if (optind >= argc || (modes & (modes - 1))) {
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	for (i = optind; i < argc; i++) {
		int s = format(argv[i], mode, &opt);
		if (s > worst)
			worst = s;
	}
	return fflush(stdout) ? EXIT_USAGE : worst;
}
