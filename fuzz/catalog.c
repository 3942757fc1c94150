/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/*
 * catalog.c - fuzz target `catalog`: the host catalog (spec 9) over a small
 * tree that the input builds, and mdevctl's attrs reader on its own.
 *
 * An input that starts with 'J' is the text of an mdevctl device file for
 * md_attrs_parse().  Any other input is a program, one command a line, that
 * builds a host's tree in a scratch root:
 *
 *     D PATH            a directory (and its parents)
 *     F PATH TEXT       a file holding TEXT, in which \n is a line break
 *     L PATH TARGET     a symbolic link to TARGET, as written
 *     P PATH            a FIFO
 *     C PATH MODE       chmod, octal
 *
 * PATH is under the root (no "." or ".." component); TARGET may be
 * anything, absolute or climbing.  Beside the root lies a directory that a
 * link can name with "../", holding a descriptor, an attribute and a
 * sysfs-like tree whose descriptor type is secret (made up when the
 * harness starts), so that an input cannot write it.  Properties:
 *
 * - loading a directory succeeds; it ends (libFuzzer's timeout) and frees
 *   everything (LeakSanitizer);
 * - nothing outside the root is read: no descriptor of the secret type;
 * - every entry's origin agrees with its document and path: none, or a
 *   document from sysfs, /etc/mdevdesc or /usr/share/mdevdesc, whose
 *   mdev_type is the type's (mdev types), with no mdev_type and the device's
 *   driver (variant devices); an mdev device's only from sysfs;
 * - every diagnostic has a known code of matching severity, a UTF-8 message
 *   and a rule that is empty or an R- ID; the error counts add up to
 *   mdevdesc_catalog_error_count();
 * - types, mdev devices and PCI devices are sorted by their keys and each
 *   is found by its key; files come /etc first, each level by name; an
 *   ignored file has an error, a masked one no diagnostic;
 * - a second load of the same tree (for one input in four) gives the same
 *   answer.
 *
 * attrs: every pair is UTF-8 without NUL; a failure says why.
 */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "driver.h"
#include "fuzz_util.h"
#include "host/host.h"

static char base[256], root[300], secret[64];

static int rm_one(const char *p, const struct stat *st, int flag, struct FTW *f)
{
	(void)f;
	if (flag == FTW_DP && (st->st_mode & 0700) != 0700)
		chmod(p, 0700); /* C made it unreadable: as another user than root */
	return remove(p);
}

/* Write @text to @path; 0, or -1 when the tree has something else there. */
static int put_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC,
		      0644);

	if (fd < 0)
		return -1;
	FUZZ_ASSERT(write(fd, text, strlen(text)) == (ssize_t)strlen(text), "short write");
	close(fd);
	return 0;
}

/* The same, where it must work. */
static void must_put(const char *path, const char *text)
{
	FUZZ_ASSERT(put_file(path, text) == 0, "cannot write %s: %s", path, strerror(errno));
}

static void cleanup(void)
{
	nftw(base, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* The scratch directories, once per process: the root and, beside it, what
 * no link may reach; removed at exit. */
static void prepare(void)
{
	char p[512], d[512];
	const char *tmp = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";

	if (base[0])
		return;
	snprintf(base, sizeof(base), "%s/mdevdesc-fuzz-%ld", tmp, (long)getpid());
	snprintf(root, sizeof(root), "%s/root", base);
	snprintf(secret, sizeof(secret), "s%lx-%lx", (unsigned long)getpid(),
		 (unsigned long)time(NULL));
	nftw(base, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	FUZZ_ASSERT(mkdir(base, 0755) == 0, "mkdir %s: %s", base, strerror(errno));
	atexit(cleanup);
	snprintf(d, sizeof(d),
		 "mdevdesc: \"1.0\"\nvendor: test\ntype: %s\ndevice_api: vfio-pci\n"
		 "version: 1.0.0\nmdev_type: t\n",
		 secret);
	snprintf(p, sizeof(p), "%s/outside", base);
	mkdir(p, 0755);
	snprintf(p, sizeof(p), "%s/outside/x.yaml", base);
	must_put(p, d);
	snprintf(p, sizeof(p), "%s/outside/migration_descriptor", base);
	must_put(p, d);
	snprintf(p, sizeof(p), "%s/outside/mdev_supported_types", base);
	mkdir(p, 0755);
	snprintf(p, sizeof(p), "%s/outside/mdev_supported_types/t", base);
	mkdir(p, 0755);
	snprintf(p, sizeof(p), "%s/outside/mdev_supported_types/t/migration_descriptor", base);
	must_put(p, d);
}

/* mkdir -p of @p (absolute), up to the root: one call when the parent is
 * there already, as it mostly is. */
static void mkdir_p(char *p)
{
	char *slash;

	if (mkdir(p, 0755) == 0 || errno != ENOENT)
		return;
	slash = strrchr(p, '/');
	if (!slash || (size_t)(slash - p) <= strlen(root))
		return;
	*slash = '\0';
	mkdir_p(p);
	*slash = '/';
	mkdir(p, 0755);
}

/* The directories of @rel (and @rel itself when @self). */
static void mkdirs(const char *rel, int self)
{
	char p[700], *slash;

	snprintf(p, sizeof(p), "%s/%s", root, rel);
	if (!self) {
		slash = strrchr(p, '/');
		if (!slash || (size_t)(slash - p) <= strlen(root))
			return;
		*slash = '\0';
	}
	mkdir_p(p);
}

/* A path under the root: no ".", ".." or empty component, at most 200 bytes. */
static int path_ok(const char *rel)
{
	const char *c = rel;

	if (!*rel || strlen(rel) > 200 || *rel == '/')
		return 0;
	while (*c) {
		size_t n = strcspn(c, "/");

		if (n == 0 || (n == 1 && c[0] == '.') || (n == 2 && c[0] == '.' && c[1] == '.'))
			return 0;
		c += n;
		if (*c == '/')
			c++;
	}
	return c[-1] != '/';
}

static void run_command(char *line)
{
	char op = line[0], *path, *arg, full[700];

	if (!op || line[1] != ' ')
		return;
	path = line + 2;
	arg = strchr(path, ' ');
	if (arg)
		*arg++ = '\0';
	if (!path_ok(path))
		return;
	snprintf(full, sizeof(full), "%s/%s", root, path);
	switch (op) {
	case 'D':
		mkdirs(path, 1);
		break;
	case 'F': {
		char *r = arg ? arg : path + strlen(path), *w = r;

		for (; *r; r++, w++) {
			if (r[0] == '\\' && r[1] == 'n')
				*w = '\n', r++;
			else
				*w = *r;
		}
		*w = '\0';
		mkdirs(path, 0);
		unlink(full);
		(void)put_file(full, arg ? arg : ""); /* not over a directory or a FIFO */
		break;
	}
	case 'L':
		if (!arg)
			return;
		mkdirs(path, 0);
		unlink(full);
		if (symlink(arg, full) != 0)
			return;
		break;
	case 'P':
		mkdirs(path, 0);
		mkfifo(full, 0644);
		break;
	case 'C':
		if (arg)
			chmod(full, (mode_t)(strtoul(arg, NULL, 8) & 07777));
		break;
	default:
		break;
	}
}

static void build(const uint8_t *data, size_t size)
{
	char *text = fuzz_xmalloc(size + 1), *line, *next;
	int n = 0;

	memcpy(text, data, size);
	text[size] = '\0';
	nftw(root, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	FUZZ_ASSERT(mkdir(root, 0755) == 0, "mkdir %s: %s", root, strerror(errno));
	for (line = text; line && n < 128; line = next, n++) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		run_command(line);
	}
	free(text);
}

/* ---- properties ------------------------------------------------------------- */

static size_t check_diags(const mdevdesc_diag *d, size_t n)
{
	size_t i, errors = 0;

	for (i = 0; i < n; i++) {
		const char *name = mdevdesc_code_name(d[i].code);

		FUZZ_ASSERT(strcmp(name, "unknown") != 0, "diagnostic of unknown code %d",
			    (int)d[i].code);
		FUZZ_ASSERT(d[i].severity == ((int)d[i].code >= 100 ? MDEVDESC_WARNING
								  : MDEVDESC_ERROR),
			    "severity of %s", name);
		FUZZ_ASSERT(d[i].message && fuzz_utf8_valid(d[i].message, strlen(d[i].message)),
			    "message of %s is not UTF-8", name);
		FUZZ_ASSERT(d[i].rule && (!*d[i].rule || strncmp(d[i].rule, "R-", 2) == 0),
			    "rule '%s'", d[i].rule ? d[i].rule : "(null)");
		FUZZ_ASSERT(d[i].line >= 1 && d[i].column >= 1, "position of %s", name);
		errors += d[i].severity == MDEVDESC_ERROR;
	}
	return errors;
}

/* @f agrees with itself; @mdev_type the type's id (NULL for a variant
 * device, "" for an mdev device); returns its errors. */
static size_t check_found(const mdevdesc_found *f, const char *mdev_type, const char *driver)
{
	const struct mdevdesc_descriptor *d = f->doc ? mdevdesc_doc_descriptor(f->doc) : NULL;
	size_t errors = check_diags(f->diags, f->n_diags);

	FUZZ_ASSERT(errors == f->errors, "%zu errors counted, %zu listed", f->errors, errors);
	FUZZ_ASSERT((f->origin == MDEVDESC_ORIGIN_NONE) == !f->doc && !f->doc == !f->path,
		    "origin %d, doc %p, path %p", (int)f->origin, (const void *)f->doc,
		    (const void *)f->path);
	if (!d)
		return errors;
	FUZZ_ASSERT(strcmp(d->type, secret) != 0, "a descriptor read outside the root (%s)",
		    f->path);
	if (f->origin == MDEVDESC_ORIGIN_SYSFS) {
		FUZZ_ASSERT(strncmp(f->path, "/sys/", 5) == 0, "sysfs path %s", f->path);
		return errors;
	}
	FUZZ_ASSERT(mdev_type == NULL || *mdev_type, "an mdev device from a shipped file");
	FUZZ_ASSERT(strncmp(f->path, f->origin == MDEVDESC_ORIGIN_ETC ? "/etc/mdevdesc/"
								      : "/usr/share/mdevdesc/",
			    f->origin == MDEVDESC_ORIGIN_ETC ? 14 : 20) == 0,
		    "origin %d, path %s", (int)f->origin, f->path);
	if (mdev_type)
		FUZZ_ASSERT(d->mdev_type && strcmp(d->mdev_type, mdev_type) == 0,
			    "document of %s for type %s", d->mdev_type, mdev_type);
	else
		FUZZ_ASSERT(!d->mdev_type && d->driver && driver && strcmp(d->driver, driver) == 0,
			    "document of driver %s for a device of %s", d->driver, driver);
	return errors;
}

static void check_catalog(const mdevdesc_catalog *c)
{
	size_t i, n, errors = check_diags(mdevdesc_catalog_diag(c, 0), mdevdesc_catalog_diag_count(c));
	int etc = 1;

	for (i = 0, n = mdevdesc_catalog_type_count(c); i < n; i++) {
		const mdevdesc_host_type *t = mdevdesc_catalog_type(c, i);

		errors += check_found(&t->found, t->mdev_type, NULL);
		FUZZ_ASSERT(mdevdesc_catalog_find_type(c, t->parent, t->mdev_type) == t,
			    "type %s %s not found by its key", t->parent, t->mdev_type);
		if (i) {
			const mdevdesc_host_type *p = mdevdesc_catalog_type(c, i - 1);
			int r = strcmp(p->parent, t->parent);
			FUZZ_ASSERT(r < 0 || (r == 0 && strcmp(p->mdev_type, t->mdev_type) < 0),
				    "types out of order");
		}
	}
	for (i = 0, n = mdevdesc_catalog_instance_count(c); i < n; i++) {
		const mdevdesc_host_instance *in = mdevdesc_catalog_instance(c, i);
		size_t k;

		errors += check_found(&in->found, "", NULL);
		FUZZ_ASSERT(in->found.origin == MDEVDESC_ORIGIN_NONE ||
				    in->found.origin == MDEVDESC_ORIGIN_SYSFS,
			    "mdev device from level %d", (int)in->found.origin);
		FUZZ_ASSERT(mdevdesc_catalog_find_instance(c, in->uuid) == in, "%s", in->uuid);
		FUZZ_ASSERT(!i || strcmp(mdevdesc_catalog_instance(c, i - 1)->uuid, in->uuid) < 0,
			    "mdev devices out of order");
		for (k = 0; k < in->n_attrs; k++)
			FUZZ_ASSERT(fuzz_utf8_valid(in->attrs[k].name, strlen(in->attrs[k].name)) &&
					    fuzz_utf8_valid(in->attrs[k].value,
							    strlen(in->attrs[k].value)),
				    "attr %zu not UTF-8", k);
	}
	for (i = 0, n = mdevdesc_catalog_device_count(c); i < n; i++) {
		const mdevdesc_host_device *d = mdevdesc_catalog_device(c, i);

		errors += check_found(&d->found, NULL, d->driver);
		FUZZ_ASSERT(mdevdesc_catalog_find_device(c, d->address) == d, "%s", d->address);
		FUZZ_ASSERT(!i || strcmp(mdevdesc_catalog_device(c, i - 1)->address, d->address) < 0,
			    "devices out of order");
	}
	for (i = 0, n = mdevdesc_catalog_file_count(c); i < n; i++) {
		const mdevdesc_host_file *f = mdevdesc_catalog_file(c, i), *p;
		size_t e = check_diags(f->diags, f->n_diags), k;

		FUZZ_ASSERT(e == f->errors, "file %s: %zu errors counted, %zu listed", f->path,
			    f->errors, e);
		errors += e;
		if (f->origin == MDEVDESC_ORIGIN_USR_SHARE)
			etc = 0;
		FUZZ_ASSERT(f->origin == (etc ? MDEVDESC_ORIGIN_ETC : MDEVDESC_ORIGIN_USR_SHARE),
			    "files out of level order");
		p = i ? mdevdesc_catalog_file(c, i - 1) : NULL;
		FUZZ_ASSERT(!p || p->origin != f->origin || strcmp(p->path, f->path) < 0,
			    "files out of order");
		FUZZ_ASSERT(f->state != MDEVDESC_FILE_IGNORED || (f->errors && !f->file),
			    "file %s ignored without an error", f->path);
		FUZZ_ASSERT(f->state != MDEVDESC_FILE_MASKED || (!f->n_diags && !f->file),
			    "file %s masked with diagnostics", f->path);
		for (k = 0; k < mdevdesc_file_doc_count(f->file); k++) {
			const mdevdesc_doc *d = mdevdesc_file_doc(f->file, k);
			FUZZ_ASSERT(!d || strcmp(mdevdesc_doc_descriptor(d)->type, secret) != 0,
				    "file %s read outside the root", f->path);
		}
	}
	FUZZ_ASSERT(errors == mdevdesc_catalog_error_count(c), "%zu errors listed, %zu counted",
		    errors, mdevdesc_catalog_error_count(c));
}

/* The same answer: the counts and each entry's origin and path. */
static void same(const mdevdesc_catalog *a, const mdevdesc_catalog *b)
{
	size_t i;

	FUZZ_ASSERT(mdevdesc_catalog_type_count(a) == mdevdesc_catalog_type_count(b) &&
			    mdevdesc_catalog_instance_count(a) == mdevdesc_catalog_instance_count(b) &&
			    mdevdesc_catalog_device_count(a) == mdevdesc_catalog_device_count(b) &&
			    mdevdesc_catalog_file_count(a) == mdevdesc_catalog_file_count(b) &&
			    mdevdesc_catalog_error_count(a) == mdevdesc_catalog_error_count(b),
		    "a second load differs");
	for (i = 0; i < mdevdesc_catalog_type_count(a); i++) {
		const mdevdesc_found *x = &mdevdesc_catalog_type(a, i)->found;
		const mdevdesc_found *y = &mdevdesc_catalog_type(b, i)->found;
		FUZZ_ASSERT(x->origin == y->origin && x->document == y->document &&
				    (!x->path) == (!y->path) && (!x->path || !strcmp(x->path, y->path)),
			    "a second load chose otherwise for type %zu", i);
	}
}

static void fuzz_attrs(const uint8_t *data, size_t size)
{
	md_arena arena;
	mdevdesc_attr *a;
	size_t n, i;
	char why[128];
	int e;

	md_arena_init(&arena, &md_default_alc);
	e = md_attrs_parse((const char *)data, size, &arena, &a, &n, why, sizeof(why));
	FUZZ_ASSERT(e == 0 || e == EINVAL, "attrs: %d", e);
	if (e)
		FUZZ_ASSERT(why[0] && n == 0 && !a, "a failure without a reason");
	for (i = 0; !e && i < n; i++)
		FUZZ_ASSERT(fuzz_utf8_valid(a[i].name, strlen(a[i].name)) &&
				    fuzz_utf8_valid(a[i].value, strlen(a[i].value)),
			    "pair %zu not UTF-8", i);
	md_arena_free(&arena);
}

static void fuzz_one(const uint8_t *data, size_t size)
{
	mdevdesc_catalog *c = NULL, *again = NULL;

	if (size && data[0] == 'J') {
		fuzz_attrs(data + 1, size - 1);
		return;
	}
	prepare();
	build(data, size);
	FUZZ_ASSERT(mdevdesc_catalog_load(root, NULL, &c) == MDEVDESC_OK, "load failed: %s",
		    strerror(errno));
	check_catalog(c);
	/* One input in four: a second load (file systems are slow). */
	if (size && data[size - 1] % 4 == 0) {
		FUZZ_ASSERT(mdevdesc_catalog_load(root, NULL, &again) == MDEVDESC_OK, "second load");
		same(c, again);
		mdevdesc_catalog_free(again);
	}
	mdevdesc_catalog_free(c);
}
