/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/*
 * mdevdesc-scan - the descriptors of a host (spec 9), as the library's
 * catalog finds them: every mdev type of every parent, every mdev device,
 * every PCI device of a VFIO variant driver, each with the descriptor
 * that spec 9.3 picks and where it came from, the shipped files and every
 * problem met.  Human text by default; --json prints one object described
 * by schema/scan-output.schema.json.  Exit status: 0 nothing wrong, 1 some
 * descriptor, file or entry has an error (everything else is still
 * listed), 2 usage error or a root that cannot be read.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"

static const char usage[] =
	"usage: mdevdesc-scan [--root DIR] [--json] [--allow-unknown-vendor]\n"
	"List the migration descriptors of this host (or of the host tree under DIR):\n"
	"mdev types, mdev devices and VFIO variant PCI devices, from sysfs and from\n"
	"/etc/mdevdesc and /usr/share/mdevdesc (spec 9).\n"
	"\n"
	"  --root DIR              read the host's tree under DIR (default /)\n"
	"  --json                  print one JSON object (schema/scan-output.schema.json)\n"
	"  --allow-unknown-vendor  accept vendor namespaces not in the registry\n"
	"  --help, --version\n"
	"\n"
	"Exit status: 0 no error, 1 any error (all else listed), 2 usage or I/O error.\n";

/* ---- JSON ------------------------------------------------------------------------ */

static void j_str(const char *s)
{
	if (s)
		cli_json_string(stdout, s, strlen(s));
	else
		fputs("null", stdout);
}

/* ,"KEY":"value" or ,"KEY":null */
static void j_field(const char *key, const char *s)
{
	printf(",\"%s\":", key);
	j_str(s);
}

static void j_diags(const mdevdesc_diag *d, size_t n)
{
	size_t i;

	fputs(",\"diagnostics\":[", stdout);
	for (i = 0; i < n; i++) {
		fputs(i ? "," : "", stdout);
		mdevdesc_json_diag(&d[i], cli_fwrite, stdout);
	}
	fputs("]", stdout);
}

/* source, file, document, descriptor and diagnostics of @f */
static void j_found(const mdevdesc_found *f)
{
	j_field("source", mdevdesc_origin_name(f->origin));
	j_field("file", f->path);
	if (f->doc)
		printf(",\"document\":%zu,\"descriptor\":", f->document);
	else
		fputs(",\"document\":null,\"descriptor\":null", stdout);
	if (f->doc)
		mdevdesc_json_model(mdevdesc_doc_descriptor(f->doc), cli_fwrite, stdout);
	j_diags(f->diags, f->n_diags);
}

static void j_types(const mdevdesc_catalog *c)
{
	size_t i;

	fputs(",\"types\":[", stdout);
	for (i = 0; i < mdevdesc_catalog_type_count(c); i++) {
		const mdevdesc_host_type *t = mdevdesc_catalog_type(c, i);

		fputs(i ? ",{\"parent\":" : "{\"parent\":", stdout);
		j_str(t->parent);
		j_field("parent_driver", t->parent_driver);
		j_field("parent_pci_id", t->parent_pci_id);
		j_field("mdev_type", t->mdev_type);
		j_field("name", t->name);
		j_field("description", t->description);
		j_field("device_api", t->device_api);
		if (t->available_instances >= 0)
			printf(",\"available_instances\":%" PRId64, t->available_instances);
		else
			fputs(",\"available_instances\":null", stdout);
		j_found(&t->found);
		fputs("}", stdout);
	}
	fputs("]", stdout);
}

static void j_instances(const mdevdesc_catalog *c)
{
	size_t i, k;

	fputs(",\"instances\":[", stdout);
	for (i = 0; i < mdevdesc_catalog_instance_count(c); i++) {
		const mdevdesc_host_instance *in = mdevdesc_catalog_instance(c, i);

		fputs(i ? ",{\"uuid\":" : "{\"uuid\":", stdout);
		j_str(in->uuid);
		j_field("parent", in->parent);
		j_field("mdev_type", in->mdev_type);
		fputs(",\"attrs\":[", stdout);
		for (k = 0; k < in->n_attrs; k++) {
			fputs(k ? ",[" : "[", stdout);
			j_str(in->attrs[k].name);
			fputs(",", stdout);
			j_str(in->attrs[k].value);
			fputs("]", stdout);
		}
		fputs("]", stdout);
		j_found(&in->found);
		fputs("}", stdout);
	}
	fputs("]", stdout);
}

static void j_devices(const mdevdesc_catalog *c)
{
	size_t i;

	fputs(",\"devices\":[", stdout);
	for (i = 0; i < mdevdesc_catalog_device_count(c); i++) {
		const mdevdesc_host_device *d = mdevdesc_catalog_device(c, i);

		fputs(i ? ",{\"address\":" : "{\"address\":", stdout);
		j_str(d->address);
		j_field("driver", d->driver);
		j_field("pci_id", d->pci_id);
		j_found(&d->found);
		fputs("}", stdout);
	}
	fputs("]", stdout);
}

static const char *state_name(mdevdesc_file_state s)
{
	return s == MDEVDESC_FILE_READ ? "read" : s == MDEVDESC_FILE_MASKED ? "masked" : "ignored";
}

static void j_files(const mdevdesc_catalog *c)
{
	size_t i;

	fputs(",\"files\":[", stdout);
	for (i = 0; i < mdevdesc_catalog_file_count(c); i++) {
		const mdevdesc_host_file *f = mdevdesc_catalog_file(c, i);

		fputs(i ? ",{\"path\":" : "{\"path\":", stdout);
		j_str(f->path);
		j_field("source", mdevdesc_origin_name(f->origin));
		j_field("state", state_name(f->state));
		printf(",\"documents\":%zu", mdevdesc_file_doc_count(f->file));
		j_diags(f->diags, f->n_diags);
		fputs("}", stdout);
	}
	fputs("]", stdout);
}

static void print_json(const mdevdesc_catalog *c)
{
	size_t i, n = mdevdesc_catalog_diag_count(c);

	fputs("{\"format\":\"mdevdesc-scan\",\"version\":1", stdout);
	j_field("root", mdevdesc_catalog_root(c));
	j_types(c);
	j_instances(c);
	j_devices(c);
	j_files(c);
	fputs(",\"diagnostics\":[", stdout);
	for (i = 0; i < n; i++) {
		fputs(i ? "," : "", stdout);
		mdevdesc_json_diag(mdevdesc_catalog_diag(c, i), cli_fwrite, stdout);
	}
	printf("],\"summary\":{\"types\":%zu,\"instances\":%zu,\"devices\":%zu,\"files\":%zu,"
	       "\"errors\":%zu}}\n",
	       mdevdesc_catalog_type_count(c), mdevdesc_catalog_instance_count(c),
	       mdevdesc_catalog_device_count(c), mdevdesc_catalog_file_count(c),
	       mdevdesc_catalog_error_count(c));
}

/* ---- text ------------------------------------------------------------------------ */

static void t_str(const char *s)
{
	cli_put_visible(stdout, s ? s : "-", strlen(s ? s : "-"));
}

/* Each diagnostic on its own line, indented; @where is the input parsed. */
static void t_diags(const mdevdesc_diag *d, size_t n, const char *where)
{
	size_t i;

	for (i = 0; i < n; i++) {
		fputs("    ", stdout);
		/* The catalog's own name their path; a parser's are positions in @where. */
		if (where && !(d[i].code == MDEVDESC_E_IO || d[i].rule[0] == '\0' ||
			       strncmp(d[i].rule, "R-DISCOVERY-", 12) == 0)) {
			t_str(where);
			printf(":%" PRIu32 ":%" PRIu32 ": ", d[i].line, d[i].column);
		}
		printf("%s: ", d[i].severity == MDEVDESC_ERROR ? "error" : "warning");
		t_str(d[i].message);
		printf(" [%s]", mdevdesc_code_name(d[i].code));
		if (d[i].rule[0])
			printf(" (%s)", d[i].rule);
		putchar('\n');
	}
}

static void t_found(const mdevdesc_found *f, const char *attr)
{
	fputs("    descriptor: ", stdout);
	if (f->doc) {
		const struct mdevdesc_descriptor *d = mdevdesc_doc_descriptor(f->doc);

		t_str(d->vendor);
		putchar('/');
		t_str(d->type);
		printf(" %u.%u.%u from %s ", (unsigned)d->version.major, (unsigned)d->version.minor,
		       (unsigned)d->version.patch, mdevdesc_origin_name(f->origin));
		t_str(f->path);
		if (f->origin != MDEVDESC_ORIGIN_SYSFS)
			printf("#%zu", f->document);
		putchar('\n');
	} else {
		fputs("none\n", stdout);
	}
	t_diags(f->diags, f->n_diags, attr);
}

static void print_text(const mdevdesc_catalog *c)
{
	size_t i, k;

	for (i = 0; i < mdevdesc_catalog_type_count(c); i++) {
		const mdevdesc_host_type *t = mdevdesc_catalog_type(c, i);
		char attr[4200];

		snprintf(attr, sizeof(attr), "/sys/class/mdev_bus/%s/mdev_supported_types/%s/"
			 "migration_descriptor", t->parent, t->mdev_type);
		fputs("type ", stdout);
		t_str(t->parent);
		putchar(' ');
		t_str(t->mdev_type);
		fputs(" (", stdout);
		t_str(t->name);
		fputs(", ", stdout);
		t_str(t->device_api);
		if (t->available_instances >= 0)
			printf(", %" PRId64 " available", t->available_instances);
		fputs(")\n", stdout);
		t_found(&t->found, attr);
	}
	for (i = 0; i < mdevdesc_catalog_instance_count(c); i++) {
		const mdevdesc_host_instance *in = mdevdesc_catalog_instance(c, i);
		char attr[4200];

		snprintf(attr, sizeof(attr), "/sys/bus/mdev/devices/%s/migration_descriptor",
			 in->uuid);
		fputs("instance ", stdout);
		t_str(in->uuid);
		fputs(" of ", stdout);
		t_str(in->parent);
		putchar(' ');
		t_str(in->mdev_type);
		putchar('\n');
		for (k = 0; k < in->n_attrs; k++) {
			fputs(k ? ", " : "    attrs: ", stdout);
			t_str(in->attrs[k].name);
			putchar('=');
			t_str(in->attrs[k].value);
		}
		if (in->n_attrs)
			putchar('\n');
		t_found(&in->found, attr);
	}
	for (i = 0; i < mdevdesc_catalog_device_count(c); i++) {
		const mdevdesc_host_device *d = mdevdesc_catalog_device(c, i);
		char attr[4200];

		snprintf(attr, sizeof(attr), "/sys/bus/pci/devices/%s/migration_descriptor",
			 d->address);
		fputs("device ", stdout);
		t_str(d->address);
		fputs(" (", stdout);
		t_str(d->driver);
		fputs(", ", stdout);
		t_str(d->pci_id);
		fputs(")\n", stdout);
		t_found(&d->found, attr);
	}
	for (i = 0; i < mdevdesc_catalog_file_count(c); i++) {
		const mdevdesc_host_file *f = mdevdesc_catalog_file(c, i);

		fputs("file ", stdout);
		t_str(f->path);
		printf(": %s", state_name(f->state));
		if (f->state == MDEVDESC_FILE_READ)
			printf(", %zu document%s", mdevdesc_file_doc_count(f->file),
			       mdevdesc_file_doc_count(f->file) == 1 ? "" : "s");
		putchar('\n');
		t_diags(f->diags, f->n_diags, f->path);
	}
	if (mdevdesc_catalog_diag_count(c)) {
		fputs("host\n", stdout);
		t_diags(mdevdesc_catalog_diag(c, 0), mdevdesc_catalog_diag_count(c), NULL);
	}
	printf("%zu type%s, %zu instance%s, %zu device%s, %zu file%s, %zu error%s\n",
	       mdevdesc_catalog_type_count(c), mdevdesc_catalog_type_count(c) == 1 ? "" : "s",
	       mdevdesc_catalog_instance_count(c),
	       mdevdesc_catalog_instance_count(c) == 1 ? "" : "s",
	       mdevdesc_catalog_device_count(c), mdevdesc_catalog_device_count(c) == 1 ? "" : "s",
	       mdevdesc_catalog_file_count(c), mdevdesc_catalog_file_count(c) == 1 ? "" : "s",
	       mdevdesc_catalog_error_count(c), mdevdesc_catalog_error_count(c) == 1 ? "" : "s");
}

int main(int argc, char **argv)
{
	enum { O_ROOT = 256, O_JSON, O_ALLOW, O_HELP, O_VERSION };
	static const struct option longopts[] = {
		{ "root", required_argument, NULL, O_ROOT },
		{ "json", no_argument, NULL, O_JSON },
		{ "allow-unknown-vendor", no_argument, NULL, O_ALLOW },
		{ "help", no_argument, NULL, O_HELP },
		{ "version", no_argument, NULL, O_VERSION },
		{ NULL, 0, NULL, 0 },
	};
	mdevdesc_options opt = { NULL, NULL, 0 };
	mdevdesc_catalog *c = NULL;
	const char *root = "/";
	mdevdesc_code rc;
	int json = 0, ch, status;

	while ((ch = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (ch) {
		case O_ROOT: root = optarg; break;
		case O_JSON: json = 1; break;
		case O_ALLOW: opt.flags |= MDEVDESC_ALLOW_UNKNOWN_VENDOR; break;
		case O_HELP: fputs(usage, stdout); return EXIT_VALID;
		case O_VERSION:
			printf("mdevdesc-scan %s (format %d.%d)\n", mdevdesc_version_string(),
			       MDEVDESC_FORMAT_MAJOR, MDEVDESC_FORMAT_MINOR);
			return EXIT_VALID;
		default: fputs(usage, stderr); return EXIT_USAGE;
		}
	}
	if (optind != argc || !*root) {
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	rc = mdevdesc_catalog_load(root, &opt, &c);
	if (rc != MDEVDESC_OK) {
		fputs("mdevdesc-scan: ", stderr);
		cli_put_visible(stderr, root, strlen(root));
		fprintf(stderr, ": %s\n", rc == MDEVDESC_E_IO ? strerror(errno) : mdevdesc_strerror(rc));
		return EXIT_USAGE;
	}
	if (json)
		print_json(c);
	else
		print_text(c);
	status = mdevdesc_catalog_error_count(c) ? EXIT_INVALID : EXIT_VALID;
	mdevdesc_catalog_free(c);
	return fflush(stdout) ? EXIT_USAGE : status;
}
