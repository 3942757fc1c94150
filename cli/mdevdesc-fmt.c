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
	"  -i, --in-place          rewrite each FILE in canonical form; a FILE with\n"
	"                          comments is refused (the canonical form does not\n"
	"                          keep them yet) and left unchanged\n"
	"      --check             write nothing; print a unified diff (--- FILE,\n"
	"                          +++ FILE (canonical)) for each FILE that is not\n"
	"                          in canonical form, and exit 1 if there is one\n"
	"      --json              print each document's model as one JSON line\n"
	"      --allow-unknown-vendor  accept vendor namespaces not in the registry\n"
	"      --help, --version\n"
	"\n"
	"Invalid input is reported like mdevdesc-validate does and left unchanged.\n"
	"Exit status: 0 success (with --check: every FILE canonical), 1 invalid input\n"
	"(with --check: also a FILE not canonical), 2 usage or I/O error, or a FILE\n"
	"that -i refused.\n";

enum mode { PRINT, IN_PLACE, CHECK, JSON };

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

/*
 * The line of the first comment in @s[0..n), a valid descriptor file; 0 if
 * none.  A comment starts at a '#' at the start of a line or after a blank,
 * outside a quoted scalar.  A quote opens a quoted scalar only where a
 * scalar starts (at the start of a line, after "- ", ": ", '[', '{' or
 * ','), so that a quote inside a plain scalar (don't) is text; a quoted
 * scalar closes on its line (R-SYNTAX-QUOTE) at an unescaped '"' or at a
 * '\'' that is not doubled.
 */
static unsigned long first_comment(const char *s, size_t n)
{
	unsigned long line = 1;
	size_t i = n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	char quote = 0, prev = '\n';
	int start = 1;

	for (; i < n; prev = s[i++]) {
		char c = s[i], next = i + 1 < n ? s[i + 1] : '\n';
		int blank_next = next == ' ' || next == '\t' || next == '\r' || next == '\n';

		if (c == '\n') {
			line++, quote = 0, start = 1;
		} else if (quote) {
			if ((quote == '"' && c == '\\' && next != '\n') ||
			    (quote == '\'' && c == '\'' && next == '\''))
				i++; /* an escape, or '' in single quotes */
			else if (c == quote)
				quote = 0, start = 0;
		} else if (c == '#' && (prev == ' ' || prev == '\t' || prev == '\n')) {
			return line;
		} else if ((c == '"' || c == '\'') && start) {
			quote = c;
		} else if (c == '[' || c == '{' || c == ',' || (c == ':' && blank_next)) {
			start = 1;
		} else if (c != ' ' && c != '\t' && !(c == '-' && blank_next && start)) {
			start = 0;
		}
	}
	return 0;
}

/* Format one file as @mode asks; its exit status. */
static int format(const char *path, enum mode mode, const mdevdesc_options *opt)
{
	cli_input in;
	mdevdesc_file *f = NULL;
	size_t k, len;
	unsigned long comment;
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
	} else if (mode == IN_PLACE && (comment = first_comment(in.buf, in.len)) != 0) {
		fprintf(stderr,
			"mdevdesc-fmt: %s has comments (the first on line %lu), which the canonical form "
			"does not keep yet; the file is left unchanged: run without -i to see the "
			"canonical text\n",
			cli_vis(path), comment);
		rc = EXIT_USAGE;
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
	mdevdesc_options opt = { NULL, NULL, 0 };
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
