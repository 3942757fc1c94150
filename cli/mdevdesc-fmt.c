/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/*
 * mdevdesc-fmt - print descriptors in canonical form (spec 11.2).
 *
 * Canonical text is what mdevdesc_emit() writes: the same bytes a driver's
 * sysfs attribute holds.  Documents are separated by "---" lines.  With
 * -i each file is rewritten in place (only when it is valid); with --json
 * the model of each document is printed as one JSON line, the form the
 * conformance vectors use (tests/vectors/README.md).
 */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common.h"

static const char usage[] =
	"usage: mdevdesc-fmt [-i] [--json] [--allow-unknown-vendor] FILE...\n"
	"Print mdevdesc descriptors in canonical form (FILE '-' is standard input).\n"
	"\n"
	"  -i, --in-place          rewrite each FILE in canonical form\n"
	"      --json              print each document's model as one JSON line\n"
	"      --allow-unknown-vendor  accept vendor namespaces not in the registry\n"
	"      --help, --version\n"
	"\n"
	"Invalid input is reported like mdevdesc-validate does and left unchanged.\n"
	"Exit status: 0 success, 1 invalid input, 2 usage or I/O error.\n";

/* Canonical text of every document of @f, in a malloc'd buffer. */
static char *canonical(const mdevdesc_file *f, size_t *len)
{
	size_t cap = 4096, n = 0, i;
	char *out = malloc(cap);

	if (!out)
		return NULL;
	for (i = 0; i < mdevdesc_file_doc_count(f); i++) {
		const mdevdesc_doc *d = mdevdesc_file_doc(f, i);
		long need;

		if (i) {
			memcpy(out + n, "---\n", 4);
			n += 4;
		}
		need = mdevdesc_doc_emit(d, out + n, cap - n);
		if (need < 0) {
			free(out);
			return NULL;
		}
		while ((size_t)need + 5 > cap - n) {
			char *nb;
			cap *= 2;
			nb = realloc(out, cap);
			if (!nb) {
				free(out);
				return NULL;
			}
			out = nb;
		}
		need = mdevdesc_doc_emit(d, out + n, cap - n);
		n += (size_t)need;
	}
	*len = n;
	return out;
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

int main(int argc, char **argv)
{
	enum { O_JSON = 256, O_ALLOW, O_HELP, O_VERSION };
	static const struct option longopts[] = {
		{ "in-place", no_argument, NULL, 'i' },
		{ "json", no_argument, NULL, O_JSON },
		{ "allow-unknown-vendor", no_argument, NULL, O_ALLOW },
		{ "help", no_argument, NULL, O_HELP },
		{ "version", no_argument, NULL, O_VERSION },
		{ NULL, 0, NULL, 0 },
	};
	mdevdesc_options opt = { NULL, NULL, 0 };
	int inplace = 0, json = 0, c, i, worst = EXIT_VALID;

	while ((c = getopt_long(argc, argv, "i", longopts, NULL)) != -1) {
		switch (c) {
		case 'i': inplace = 1; break;
		case O_JSON: json = 1; break;
		case O_ALLOW: opt.flags |= MDEVDESC_ALLOW_UNKNOWN_VENDOR; break;
		case O_HELP: fputs(usage, stdout); return EXIT_VALID;
		case O_VERSION:
			printf("mdevdesc-fmt %s (format %d.%d)\n", mdevdesc_version_string(),
			       MDEVDESC_FORMAT_MAJOR, MDEVDESC_FORMAT_MINOR);
			return EXIT_VALID;
		default: fputs(usage, stderr); return EXIT_USAGE;
		}
	}
	if (optind >= argc || (inplace && json)) {
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	for (i = optind; i < argc; i++) {
		cli_input in;
		mdevdesc_file *f = NULL;
		mdevdesc_code rc;
		size_t k, len;
		char *text;

		if (cli_read(&in, argv[i])) {
			fprintf(stderr, "mdevdesc-fmt: %s: %s\n", cli_vis(argv[i]), strerror(errno));
			worst = EXIT_USAGE;
			continue;
		}
		rc = mdevdesc_parse(in.buf, in.len, &opt, &f);
		if (rc == MDEVDESC_E_NOMEM) {
			fprintf(stderr, "mdevdesc-fmt: %s: out of memory\n", cli_vis(argv[i]));
			cli_release(&in);
			return EXIT_USAGE;
		}
		for (k = 0; k < mdevdesc_file_diag_count(f); k++)
			cli_print_diag(stderr, &in, mdevdesc_file_diag(f, k), 1);
		if (mdevdesc_file_error_count(f)) {
			if (worst < EXIT_INVALID)
				worst = EXIT_INVALID;
		} else if (json) {
			for (k = 0; k < mdevdesc_file_doc_count(f); k++) {
				mdevdesc_json_model(mdevdesc_doc_descriptor(mdevdesc_file_doc(f, k)),
						    cli_fwrite, stdout);
				putchar('\n');
			}
		} else if ((text = canonical(f, &len)) == NULL) {
			fprintf(stderr, "mdevdesc-fmt: %s: out of memory\n", cli_vis(argv[i]));
			worst = EXIT_USAGE;
		} else {
			if (!inplace)
				fwrite(text, 1, len, stdout);
			else if (write_file(argv[i], text, len)) {
				fprintf(stderr, "mdevdesc-fmt: %s: %s\n", cli_vis(argv[i]), strerror(errno));
				worst = EXIT_USAGE;
			}
			free(text);
		}
		mdevdesc_file_free(f);
		cli_release(&in);
	}
	return fflush(stdout) ? EXIT_USAGE : worst;
}
