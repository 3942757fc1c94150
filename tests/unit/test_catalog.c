/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/*
 * test_catalog.c - the host catalog of mdevdesc.h ("Hosts", spec 9) over
 * small trees made in a scratch directory: arguments and accessors, a root
 * that cannot be read, the choice of each descriptor, lookups, options,
 * allocation failure at every point; and the pieces of host/ on their own:
 * path resolution inside the root (links, loops, "..", absolute targets,
 * lengths), bounded reads, listings, name checks and escapes, and
 * mdevctl's attrs.
 */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "host/host.h"

#include "alloc.h"

static char top[256];

/* ---- trees --------------------------------------------------------------------- */

static void mkdirs(const char *rel)
{
	char p[4096];
	size_t i;

	snprintf(p, sizeof(p), "%s/%s", top, rel);
	for (i = strlen(top) + 1; p[i]; i++) {
		if (p[i] != '/')
			continue;
		p[i] = '\0';
		mkdir(p, 0755);
		p[i] = '/';
	}
	mkdir(p, 0755);
}

static void parent_dirs(const char *rel)
{
	char d[4096];
	char *slash;

	snprintf(d, sizeof(d), "%s", rel);
	slash = strrchr(d, '/');
	if (slash) {
		*slash = '\0';
		mkdirs(d);
	}
}

static void put(const char *rel, const char *text, mode_t mode)
{
	char p[4096];
	int fd;

	parent_dirs(rel);
	snprintf(p, sizeof(p), "%s/%s", top, rel);
	unlink(p);
	fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	chmod(p, mode);
}

static void ln(const char *rel, const char *target)
{
	char p[4096];

	parent_dirs(rel);
	snprintf(p, sizeof(p), "%s/%s", top, rel);
	unlink(p);
	assert_int_equal(symlink(target, p), 0);
}

/* A descriptor of test type @type for mdev type @mdev (NULL: none) and @extra lines. */
static const char *doc(const char *type, const char *mdev, const char *extra)
{
	static char b[4][1024];
	static int k;
	char *o = b[k++ % 4];

	snprintf(o, 1024,
		 "mdevdesc: \"1.0\"\nvendor: test\ntype: %s\ndevice_api: vfio-pci\n"
		 "version: 1.0.0\n%s%s%s%s",
		 type, mdev ? "mdev_type: " : "", mdev ? mdev : "", mdev ? "\n" : "",
		 extra ? extra : "");
	return o;
}

#define GPU "sys/devices/pci0000:00/0000:00:02.0"
#define TYPES GPU "/mdev_supported_types"
#define UUID "4a0a190f-dcf3-4def-9342-c48768f0c940"

static void type_dir(const char *type, const char *attr)
{
	char p[512];

	snprintf(p, sizeof(p), TYPES "/%s/name", type);
	put(p, "a name\n", 0444);
	snprintf(p, sizeof(p), TYPES "/%s/device_api", type);
	put(p, "vfio-pci\n", 0444);
	snprintf(p, sizeof(p), TYPES "/%s/available_instances", type);
	put(p, "3\n", 0444);
	snprintf(p, sizeof(p), TYPES "/%s/description", type);
	put(p, "fence: 4\n", 0444);
	if (attr) {
		snprintf(p, sizeof(p), TYPES "/%s/migration_descriptor", type);
		put(p, attr, 0444);
	}
}

/* A GVT-g-like parent with five types, one mdev device, a variant VF and
 * the shipped files that exercise each level. */
static void make_host(void)
{
	char etc[2048], share[4096];

	put(GPU "/vendor", "0x8086\n", 0444);
	put(GPU "/device", "0x3E92\n", 0444);
	mkdirs("sys/bus/pci/drivers/i915");
	ln(GPU "/driver", "../../../bus/pci/drivers/i915");
	ln("sys/class/mdev_bus/0000:00:02.0", "../../devices/pci0000:00/0000:00:02.0");
	type_dir("t-etc", doc("sysfs", "t-etc", NULL));
	type_dir("t-sysfs", doc("sysfs", "t-sysfs", NULL));
	type_dir("t-share", NULL);
	type_dir("t-none", NULL);
	type_dir("t-bad", "mdevdesc: 1.0\n");
	mkdirs(GPU "/" UUID);
	ln(GPU "/" UUID "/mdev_type", "../mdev_supported_types/t-sysfs");
	put(GPU "/" UUID "/migration_descriptor", doc("running", "t-sysfs", NULL), 0444);
	ln("sys/bus/mdev/devices/" UUID, "../../../devices/pci0000:00/0000:00:02.0/" UUID);
	put("etc/mdevctl.d/0000:00:02.0/" UUID,
	    "{\"mdev_type\": \"t-sysfs\", \"start\": \"auto\", \"attrs\": "
	    "[{\"a\": \"1\"}, {\"a\": \"2\"}, {\"b\": 3}]}\n", 0644);
	put("sys/devices/pci0000:00/0000:5e:00.2/vendor", "0x15b3\n", 0444);
	put("sys/devices/pci0000:00/0000:5e:00.2/device", "0x101e\n", 0444);
	ln("sys/devices/pci0000:00/0000:5e:00.2/driver", "../../../bus/pci/drivers/mlx5_vfio_pci");
	ln("sys/bus/pci/devices/0000:5e:00.2", "../../../devices/pci0000:00/0000:5e:00.2");
	ln("sys/bus/pci/devices/0000:00:02.0", "../../../devices/pci0000:00/0000:00:02.0");
	snprintf(etc, sizeof(etc), "%s", doc("etc", "t-etc", "parents: pci:8086:3e92\n"));
	put("etc/mdevdesc/a.yaml", etc, 0644);
	snprintf(share, sizeof(share), "%s---\n%s---\n%s---\n%s", doc("share", "t-etc", NULL),
		 doc("share", "t-share", "parents: [\"pci:8086:1234\"]\n"),
		 doc("share", "t-share", "parents: [\"driver:i915\"]\n"),
		 doc("vf", NULL, "driver: mlx5_vfio_pci\n"));
	put("usr/share/mdevdesc/b.yaml", share, 0644);
}

static int rm_one(const char *p, const struct stat *st, int flag, struct FTW *f)
{
	(void)st;
	(void)flag;
	(void)f;
	return remove(p);
}

static int setup(void **state)
{
	(void)state;
	snprintf(top, sizeof(top), "/tmp/mdevdesc-catalog-XXXXXX");
	return mkdtemp(top) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	return nftw(top, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* ---- the public API ------------------------------------------------------------- */

static void test_arguments(void **state)
{
	mdevdesc_alc no_free = { c_malloc, NULL, NULL, NULL };
	mdevdesc_options bad = { &no_free, NULL, 0 };
	mdevdesc_catalog *c = (mdevdesc_catalog *)1;
	(void)state;

	assert_int_equal(mdevdesc_catalog_load(top, NULL, NULL), MDEVDESC_E_INVALID_ARGUMENT);
	assert_int_equal(mdevdesc_catalog_load(top, &bad, &c), MDEVDESC_E_INVALID_ARGUMENT);
	assert_null(c);
	mdevdesc_catalog_free(NULL);
	assert_null(mdevdesc_catalog_root(NULL));
	assert_int_equal(mdevdesc_catalog_type_count(NULL), 0);
	assert_null(mdevdesc_catalog_type(NULL, 0));
	assert_int_equal(mdevdesc_catalog_instance_count(NULL), 0);
	assert_null(mdevdesc_catalog_instance(NULL, 0));
	assert_int_equal(mdevdesc_catalog_device_count(NULL), 0);
	assert_null(mdevdesc_catalog_device(NULL, 0));
	assert_int_equal(mdevdesc_catalog_file_count(NULL), 0);
	assert_null(mdevdesc_catalog_file(NULL, 0));
	assert_int_equal(mdevdesc_catalog_diag_count(NULL), 0);
	assert_null(mdevdesc_catalog_diag(NULL, 0));
	assert_int_equal(mdevdesc_catalog_error_count(NULL), 0);
	assert_null(mdevdesc_catalog_find_type(NULL, "p", "t"));
	assert_null(mdevdesc_catalog_find_instance(NULL, "u"));
	assert_null(mdevdesc_catalog_find_device(NULL, "a"));
	assert_string_equal(mdevdesc_origin_name(MDEVDESC_ORIGIN_SYSFS), "sysfs");
	assert_string_equal(mdevdesc_origin_name(MDEVDESC_ORIGIN_ETC), "etc");
	assert_string_equal(mdevdesc_origin_name(MDEVDESC_ORIGIN_USR_SHARE), "usr-share");
	assert_null(mdevdesc_origin_name(MDEVDESC_ORIGIN_NONE));
	assert_null(mdevdesc_origin_name((mdevdesc_origin)42));
}

static void test_bad_root(void **state)
{
	mdevdesc_catalog *c = (mdevdesc_catalog *)1;
	char p[512];
	(void)state;

	snprintf(p, sizeof(p), "%s/missing", top);
	assert_int_equal(mdevdesc_catalog_load(p, NULL, &c), MDEVDESC_E_IO);
	assert_int_equal(errno, ENOENT);
	assert_null(c);
	put("file", "x", 0644);
	snprintf(p, sizeof(p), "%s/file", top);
	assert_int_equal(mdevdesc_catalog_load(p, NULL, &c), MDEVDESC_E_IO);
	assert_int_equal(errno, ENOTDIR);
	assert_null(c);
}

static void test_empty_and_default_root(void **state)
{
	mdevdesc_catalog *c = NULL;
	char p[512];
	(void)state;

	snprintf(p, sizeof(p), "%s/empty", top);
	mkdir(p, 0755);
	assert_int_equal(mdevdesc_catalog_load(p, NULL, &c), MDEVDESC_OK);
	assert_string_equal(mdevdesc_catalog_root(c), p);
	assert_int_equal(mdevdesc_catalog_type_count(c) + mdevdesc_catalog_instance_count(c) +
				 mdevdesc_catalog_device_count(c) + mdevdesc_catalog_file_count(c) +
				 mdevdesc_catalog_diag_count(c) + mdevdesc_catalog_error_count(c),
			 0);
	assert_null(mdevdesc_catalog_find_type(c, "p", "t"));
	assert_null(mdevdesc_catalog_find_instance(c, "u"));
	assert_null(mdevdesc_catalog_find_device(c, "a"));
	mdevdesc_catalog_free(c);
	/* NULL is the running host's "/": whatever it holds, it loads. */
	c = NULL;
	assert_int_equal(mdevdesc_catalog_load(NULL, NULL, &c), MDEVDESC_OK);
	assert_string_equal(mdevdesc_catalog_root(c), "/");
	mdevdesc_catalog_free(c);
}

static const char *type_of(const mdevdesc_host_type *t)
{
	return t->found.doc ? mdevdesc_doc_descriptor(t->found.doc)->type : NULL;
}

static void test_choice(void **state)
{
	mdevdesc_catalog *c = NULL;
	const mdevdesc_host_type *t;
	const mdevdesc_host_instance *in;
	const mdevdesc_host_device *d;
	const mdevdesc_host_file *f;
	(void)state;

	make_host();
	assert_int_equal(mdevdesc_catalog_load(top, NULL, &c), MDEVDESC_OK);
	assert_int_equal(mdevdesc_catalog_type_count(c), 5);
	/* sorted by (parent, type): t-bad t-etc t-none t-share t-sysfs */
	t = mdevdesc_catalog_type(c, 0);
	assert_string_equal(t->mdev_type, "t-bad");
	assert_int_equal(t->found.origin, MDEVDESC_ORIGIN_NONE);
	assert_null(t->found.path);
	assert_true(t->found.errors > 0 && t->found.n_diags >= t->found.errors);
	assert_int_equal(t->found.diags[0].code, MDEVDESC_E_QUOTING);
	t = mdevdesc_catalog_find_type(c, "0000:00:02.0", "t-etc");
	assert_non_null(t);
	assert_int_equal(t->found.origin, MDEVDESC_ORIGIN_ETC);
	assert_string_equal(t->found.path, "/etc/mdevdesc/a.yaml");
	assert_string_equal(type_of(t), "etc");
	assert_string_equal(t->parent_driver, "i915");
	assert_string_equal(t->parent_pci_id, "8086:3e92");
	assert_string_equal(t->name, "a name");
	assert_string_equal(t->description, "fence: 4");
	assert_string_equal(t->device_api, "vfio-pci");
	assert_int_equal(t->available_instances, 3);
	t = mdevdesc_catalog_find_type(c, "0000:00:02.0", "t-sysfs");
	assert_int_equal(t->found.origin, MDEVDESC_ORIGIN_SYSFS);
	assert_string_equal(t->found.path, "/sys/class/mdev_bus/0000:00:02.0/mdev_supported_types/"
					   "t-sysfs/migration_descriptor");
	t = mdevdesc_catalog_find_type(c, "0000:00:02.0", "t-share");
	assert_int_equal(t->found.origin, MDEVDESC_ORIGIN_USR_SHARE);
	assert_int_equal(t->found.document, 2); /* the pci:8086:1234 document covers another GPU */
	t = mdevdesc_catalog_find_type(c, "0000:00:02.0", "t-none");
	assert_int_equal(t->found.origin, MDEVDESC_ORIGIN_NONE);
	assert_int_equal(t->found.n_diags, 0);
	assert_null(mdevdesc_catalog_find_type(c, "0000:00:02.0", "t-missing"));
	assert_null(mdevdesc_catalog_find_type(c, "other", "t-etc"));
	assert_null(mdevdesc_catalog_find_type(c, NULL, "t-etc"));
	assert_null(mdevdesc_catalog_type(c, 5));

	assert_int_equal(mdevdesc_catalog_instance_count(c), 1);
	in = mdevdesc_catalog_find_instance(c, UUID);
	assert_ptr_equal(in, mdevdesc_catalog_instance(c, 0));
	assert_string_equal(in->parent, "0000:00:02.0");
	assert_string_equal(in->mdev_type, "t-sysfs");
	assert_int_equal(in->found.origin, MDEVDESC_ORIGIN_SYSFS);
	assert_int_equal(in->n_attrs, 3);
	assert_string_equal(in->attrs[1].name, "a");
	assert_string_equal(in->attrs[1].value, "2");
	assert_string_equal(in->attrs[2].value, "3");
	assert_null(mdevdesc_catalog_find_instance(c, "nope"));
	assert_null(mdevdesc_catalog_instance(c, 1));

	/* the GPU is no variant device: only the VF a document covers */
	assert_int_equal(mdevdesc_catalog_device_count(c), 1);
	d = mdevdesc_catalog_find_device(c, "0000:5e:00.2");
	assert_ptr_equal(d, mdevdesc_catalog_device(c, 0));
	assert_string_equal(d->driver, "mlx5_vfio_pci");
	assert_string_equal(d->pci_id, "15b3:101e");
	assert_int_equal(d->found.origin, MDEVDESC_ORIGIN_USR_SHARE);
	assert_int_equal(d->found.document, 3);
	assert_null(mdevdesc_catalog_find_device(c, "0000:00:02.0"));
	assert_null(mdevdesc_catalog_device(c, 1));

	assert_int_equal(mdevdesc_catalog_file_count(c), 2);
	f = mdevdesc_catalog_file(c, 0);
	assert_int_equal(f->origin, MDEVDESC_ORIGIN_ETC);
	assert_int_equal(f->state, MDEVDESC_FILE_READ);
	assert_int_equal(mdevdesc_file_doc_count(f->file), 1);
	assert_null(mdevdesc_catalog_file(c, 2));
	assert_int_equal(mdevdesc_catalog_diag_count(c), 0);
	assert_null(mdevdesc_catalog_diag(c, 0));
	assert_int_equal(mdevdesc_catalog_error_count(c), mdevdesc_catalog_type(c, 0)->found.errors);
	mdevdesc_catalog_free(c);
}

static void test_options(void **state)
{
	mdevdesc_limits lim = mdevdesc_limits_default();
	mdevdesc_options opt = { NULL, &lim, MDEVDESC_SYNTAX_ONLY };
	mdevdesc_catalog *c = NULL;
	const mdevdesc_host_type *t;
	char acme[512];
	(void)state;

	make_host();
	snprintf(acme, sizeof(acme), "%s", doc("acme", "t-none", NULL));
	memcpy(strstr(acme, "vendor: test"), "vendor: acme", 12);
	put("etc/mdevdesc/z.yaml", acme, 0644);
	/* SYNTAX_ONLY would leave no model: the catalog ignores it. */
	assert_int_equal(mdevdesc_catalog_load(top, &opt, &c), MDEVDESC_OK);
	t = mdevdesc_catalog_find_type(c, "0000:00:02.0", "t-sysfs");
	assert_int_equal(t->found.origin, MDEVDESC_ORIGIN_SYSFS);
	/* an unregistered vendor is an error of the file... */
	assert_int_equal(mdevdesc_catalog_find_type(c, "0000:00:02.0", "t-none")->found.origin,
			 MDEVDESC_ORIGIN_NONE);
	assert_true(mdevdesc_catalog_file(c, 1)->errors > 0);
	mdevdesc_catalog_free(c);
	/* ...unless allowed */
	opt.flags = MDEVDESC_ALLOW_UNKNOWN_VENDOR;
	assert_int_equal(mdevdesc_catalog_load(top, &opt, &c), MDEVDESC_OK);
	assert_int_equal(mdevdesc_catalog_find_type(c, "0000:00:02.0", "t-none")->found.origin,
			 MDEVDESC_ORIGIN_ETC);
	mdevdesc_catalog_free(c);
	/* a shipped file over max_input is limit-input and not read */
	lim.max_input = 64;
	opt.flags = 0;
	assert_int_equal(mdevdesc_catalog_load(top, &opt, &c), MDEVDESC_OK);
	assert_int_equal(mdevdesc_catalog_file(c, 0)->state, MDEVDESC_FILE_IGNORED);
	assert_int_equal(mdevdesc_catalog_file(c, 0)->diags[0].code, MDEVDESC_E_LIMIT_INPUT);
	assert_string_equal(mdevdesc_catalog_file(c, 0)->diags[0].rule, "R-LIMIT-INPUT");
	mdevdesc_catalog_free(c);
}

static void test_allocation_failure(void **state)
{
	struct counting cnt = { 0, 0, 0 };
	mdevdesc_alc alc = { c_malloc, c_realloc, c_free, &cnt };
	mdevdesc_options opt = { &alc, NULL, 0 };
	mdevdesc_catalog *c = NULL;
	long calls, k;
	(void)state;

	make_host();
	put("etc/mdevdesc/ww.yaml", doc("x", "t-none", NULL), 0666); /* an error of our own */
	assert_int_equal(mdevdesc_catalog_load(top, &opt, &c), MDEVDESC_OK);
	assert_true(mdevdesc_catalog_error_count(c) > 0);
	mdevdesc_catalog_free(c);
	assert_int_equal(cnt.live, 0);
	calls = cnt.calls;
	alc.realloc = NULL; /* the library then allocates, copies and frees */
	for (k = 1; k <= calls + 8; k++) {
		mdevdesc_code rc;

		cnt.calls = cnt.live = 0;
		cnt.fail_at = k;
		c = (mdevdesc_catalog *)1;
		rc = mdevdesc_catalog_load(top, &opt, &c);
		if (rc == MDEVDESC_OK) {
			assert_true(cnt.calls < k); /* every allocation succeeded */
			mdevdesc_catalog_free(c);
		} else {
			assert_int_equal(rc, MDEVDESC_E_NOMEM);
			assert_null(c);
		}
		assert_int_equal(cnt.live, 0);
	}
}

/* ---- host/ on its own --------------------------------------------------------- */

static md_root open_root(void)
{
	md_root r;
	struct stat st;

	r.fd = open(top, O_PATH | O_DIRECTORY | O_CLOEXEC);
	assert_true(r.fd >= 0);
	assert_int_equal(fstat(r.fd, &st), 0);
	r.uid = st.st_uid;
	return r;
}

static void test_resolve(void **state)
{
	md_root r = open_root();
	md_resolved res;
	char deep[6000], name[64];
	int i;
	(void)state;

	mkdirs("a/b");
	put("a/b/f", "x", 0644);
	ln("a/abs", "/a/b");                    /* absolute: inside the root */
	ln("a/climb", "../../../../../a/b/f"); /* ".." stops at the root */
	ln("a/self", "self");
	ln("a/dangling", "nothing");
	ln("a/l0", "b/f");
	for (i = 1; i <= 40; i++) { /* l40 -> l39 -> ... -> l0 -> b/f: 41 links */
		char from[32], to[32];
		snprintf(from, sizeof(from), "a/l%d", i);
		snprintf(to, sizeof(to), "l%d", i - 1);
		ln(from, to);
	}
	assert_int_equal(md_resolve(&r, "/a/abs/f", 1, &res), 0);
	assert_string_equal(res.canon, "/a/b/f");
	assert_string_equal(res.name, "f");
	assert_true(S_ISREG(res.st.st_mode));
	md_resolved_close(&res);
	assert_int_equal(md_resolve(&r, "/a/climb", 1, &res), 0);
	assert_string_equal(res.canon, "/a/b/f");
	md_resolved_close(&res);
	assert_int_equal(md_resolve(&r, "/a/climb", 0, &res), 0); /* the link itself */
	assert_true(S_ISLNK(res.st.st_mode));
	assert_string_equal(res.canon, "/a/climb");
	md_resolved_close(&res);
	assert_int_equal(md_resolve(&r, "/", 1, &res), 0);
	assert_string_equal(res.canon, "/");
	assert_int_equal(res.dirfd, -1);
	assert_int_equal(md_resolve(&r, "/../..", 1, &res), 0);
	assert_string_equal(res.canon, "/");
	assert_int_equal(md_resolve(&r, "//a/./b/..", 1, &res), 0);
	assert_string_equal(res.canon, "/a");
	md_resolved_close(&res);
	assert_int_equal(md_resolve(&r, "/a/b/.", 1, &res), 0);
	assert_string_equal(res.canon, "/a/b");
	md_resolved_close(&res);
	assert_int_equal(md_resolve(&r, "/a/self", 1, &res), ELOOP);
	assert_int_equal(md_resolve(&r, "/a/l39", 1, &res), 0);
	md_resolved_close(&res);
	assert_int_equal(md_resolve(&r, "/a/l40", 1, &res), ELOOP);
	assert_int_equal(md_resolve(&r, "/a/dangling", 1, &res), ENOENT);
	assert_int_equal(md_resolve(&r, "/a/b/f/x", 1, &res), ENOTDIR);
	memset(deep, 'x', sizeof(deep) - 1);
	deep[0] = '/';
	deep[sizeof(deep) - 1] = '\0';
	assert_int_equal(md_resolve(&r, deep, 1, &res), ENAMETOOLONG);
	memset(deep, 0, sizeof(deep));
	for (i = 0; i < 300; i++) /* a component longer than a name may be */
		deep[i] = 'y';
	deep[0] = '/';
	assert_int_equal(md_resolve(&r, deep, 1, &res), ENAMETOOLONG);
	for (i = 0; i < 2000; i++) /* deeper than MD_HOST_MAX_DEPTH directories */
		memcpy(deep + 2 * i, "/.", 2);
	deep[4000] = '\0';
	assert_int_equal(md_resolve(&r, deep, 1, &res), 0);
	assert_string_equal(res.canon, "/");
	strcpy(deep, "");
	for (i = 0; i <= (int)MD_HOST_MAX_DEPTH; i++) /* one directory too deep */
		strcat(deep, "/n");
	mkdirs(deep + 1);
	strcat(deep, "/f");
	put(deep + 1, "x", 0644);
	assert_int_equal(md_resolve(&r, deep, 1, &res), ENAMETOOLONG);
	strcpy(deep, "");
	for (i = 0; i < 130; i++)
		strcat(deep, "/a/b/..");
	strcat(deep, "/zz");
	assert_int_equal(md_resolve(&r, deep, 1, &res), ENOENT);
	assert_int_equal(md_link_name(&r, "/a/abs", name, sizeof(name)), 0);
	assert_string_equal(name, "b");
	assert_int_equal(md_link_name(&r, "/a/b", name, sizeof(name)), EINVAL);
	assert_int_equal(md_link_name(&r, "/a/abs", name, 1), ENAMETOOLONG);
	assert_int_equal(md_link_name(&r, "/a/none", name, sizeof(name)), ENOENT);
	close(r.fd);
}

static void test_read_and_list(void **state)
{
	struct counting cnt = { 0, 0, 0 };
	mdevdesc_alc alc = { c_malloc, c_realloc, c_free, &cnt };
	md_root r = open_root();
	struct stat st;
	md_arena arena;
	char *buf, **names, p[512];
	size_t len, n, i;
	(void)state;

	put("d/small", "hello\n", 0644);
	put("d/empty", "", 0644);
	mkdirs("d/sub");
	snprintf(p, sizeof(p), "%s/d/fifo", top);
	assert_int_equal(mkfifo(p, 0644), 0);
	assert_int_equal(md_read_file(&r, "/d/small", 6, &alc, &buf, &len, &st), 0);
	assert_int_equal(len, 6);
	assert_string_equal(buf, "hello\n");
	c_free(&cnt, buf);
	assert_int_equal(md_read_file(&r, "/d/small", 5, &alc, &buf, &len, &st), MD_READ_TOO_BIG);
	assert_null(buf);
	assert_int_equal(md_read_file(&r, "/d/empty", 5, &alc, &buf, &len, &st), 0);
	assert_int_equal(len, 0);
	c_free(&cnt, buf);
	assert_int_equal(md_read_file(&r, "/d/fifo", 5, &alc, &buf, &len, &st), MD_READ_NOT_FILE);
	assert_int_equal(md_read_file(&r, "/d/sub", 5, &alc, &buf, &len, &st), MD_READ_NOT_FILE);
	assert_int_equal(md_read_file(&r, "/d/none", 5, &alc, &buf, &len, &st), ENOENT);
	cnt.fail_at = cnt.calls + 1;
	assert_int_equal(md_read_file(&r, "/d/small", 6, &alc, &buf, &len, &st), MD_READ_NOMEM);
	cnt.fail_at = 0;
	assert_int_equal(cnt.live, 0);

	md_arena_init(&arena, &md_default_alc);
	assert_int_equal(md_list_dir(&r, "/d", &arena, &names, &n), 0);
	assert_int_equal(n, 4);
	assert_string_equal(names[0], "empty");
	assert_string_equal(names[3], "sub");
	assert_int_equal(md_list_dir(&r, "/d/small", &arena, &names, &n), ENOTDIR);
	assert_int_equal(md_list_dir(&r, "/d/none", &arena, &names, &n), ENOENT);
	assert_int_equal(md_list_dir(&r, "/", &arena, &names, &n), 0);
	mkdirs("many");
	for (i = 0; i <= MD_HOST_MAX_DIR_ENTRIES; i++) {
		int fd;

		snprintf(p, sizeof(p), "%s/many/%zu", top, i);
		fd = open(p, O_WRONLY | O_CREAT, 0644);
		assert_true(fd >= 0);
		close(fd);
	}
	assert_int_equal(md_list_dir(&r, "/many", &arena, &names, &n), E2BIG);
	assert_int_equal(n, MD_HOST_MAX_DIR_ENTRIES);
	md_arena_free(&arena);
	close(r.fd);
}

static void test_names(void **state)
{
	char out[64];
	(void)state;

	assert_true(md_name_ok("0000:00:02.0"));
	assert_true(md_name_ok("caf\xc3\xa9"));
	assert_false(md_name_ok("\xff\xfe"));
	assert_false(md_name_ok("a\x1b[31m"));
	assert_false(md_name_ok("a\x7f"));
	assert_false(md_name_ok("\xc2\x9b"));
	md_escape("a\xff\\b\x01\xc3\xa9", out, sizeof(out));
	assert_string_equal(out, "a\\xff\\x5cb\\x01\xc3\xa9");
	md_escape("\xff\xff\xff", out, 6); /* cut at a whole escape */
	assert_string_equal(out, "\\xff");
	md_escape("abcdef", out, 4);
	assert_string_equal(out, "abc");
	md_escape("x", out, 0);
}

/* md_attrs_parse() of @text: the pairs as "n=v;..." or "error: WHY". */
static const char *attrs(const char *text)
{
	static char out[512];
	md_arena arena;
	mdevdesc_attr *a;
	size_t n, i, o = 0;
	char why[128];
	int e;

	md_arena_init(&arena, &md_default_alc);
	e = md_attrs_parse(text, strlen(text), &arena, &a, &n, why, sizeof(why));
	if (e)
		snprintf(out, sizeof(out), "error: %s", why);
	else
		for (out[0] = '\0', i = 0; i < n; i++)
			o += (size_t)snprintf(out + o, sizeof(out) - o, "%s=%s;", a[i].name,
					      a[i].value);
	md_arena_free(&arena);
	return out;
}

static void test_attrs(void **state)
{
	struct counting cnt = { 0, 0, 0 };
	mdevdesc_alc alc = { c_malloc, c_realloc, c_free, &cnt };
	md_arena arena;
	mdevdesc_attr *a;
	size_t n;
	long k;
	static const char big[] = "{\"attrs\": [{\"a\": \"1\"}, {\"a\": \"2\"}, {\"b\": \"3\"}, "
				  "{\"c\": \"4\"}, {\"d\": \"5\"}, {\"e\": \"6\"}, {\"f\": \"7\"}, "
				  "{\"g\": \"8\"}, {\"h\": \"9\"}]}";
	(void)state;

	assert_string_equal(attrs("{}"), "");
	assert_string_equal(attrs(" {\"mdev_type\": \"x\", \"attrs\": []} \n"), "");
	assert_string_equal(attrs("{\"start\": {\"x\": [1, 2.5e-3, true, null, false, -0]}, "
				  "\"attrs\": [{\"a\": \"1\", \"b\": 2}, {}, {\"a\": -1.5E+2}]}"),
			    "a=1;b=2;a=-1.5E+2;");
	assert_string_equal(attrs("{\"attrs\": [{\"q\": \"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9"
				  "\\ud83d\\ude00\"}]}"),
			    "q=\"\\/\b\f\n\r\t\xc3\xa9\xf0\x9f\x98\x80;");
	assert_string_equal(attrs("{\"attrs\": [{\"k\": [1, {\"z\": \"y\"}]}]}"), "k=[1, {\"z\": \"y\"}];");
	assert_string_equal(attrs("[]"), "error: at byte 0: an mdevctl device file is a JSON object");
	assert_string_equal(attrs("{\"attrs\": 5}"), "error: at byte 10: attrs must be a list");
	assert_string_equal(attrs("{\"attrs\": [5]}"),
			    "error: at byte 11: an item of attrs must be an object");
	assert_string_equal(attrs("{\"attrs\": [], \"attrs\": []}"), "error: at byte 22: attrs given twice");
	assert_string_equal(attrs("{} x"), "error: at byte 3: text after the object");
	assert_string_equal(attrs("{\"a\" 1}"), "error: at byte 5: expected ':'");
	assert_string_equal(attrs("{\"a\": 1 \"b\": 2}"), "error: at byte 8: expected ',' or '}'");
	assert_string_equal(attrs("{\"a\": [1 2]}"), "error: at byte 9: expected ',' or ']'");
	assert_string_equal(attrs("{\"attrs\": [{\"a\": \"1\"} {}]}"),
			    "error: at byte 22: expected ',' or ']'");
	assert_string_equal(attrs("{\"attrs\": [{\"a\": \"1\" \"b\"}]}"),
			    "error: at byte 21: expected ',' or '}'");
	assert_string_equal(attrs("{\"a\": \"x"), "error: at byte 8: unterminated string");
	assert_string_equal(attrs("{\"a\": \"x\\"), "error: at byte 9: unterminated string");
	assert_string_equal(attrs("{\"a\": \"\\q\"}"), "error: at byte 9: unknown escape");
	assert_string_equal(attrs("{\"a\": \"\\u12\"}"), "error: at byte 12: a \\u escape needs four hex digits");
	assert_string_equal(attrs("{\"a\": \"\\u12g4\"}"), "error: at byte 12: a \\u escape needs four hex digits");
	assert_string_equal(attrs("{\"a\": \"\\udc00\"}"), "error: at byte 13: a lone low surrogate");
	assert_string_equal(attrs("{\"a\": \"\\ud800x\"}"),
			    "error: at byte 13: a high surrogate without its low half");
	assert_string_equal(attrs("{\"a\": \"\\ud800\\u0041\"}"),
			    "error: at byte 19: a high surrogate without its low half");
	assert_string_equal(attrs("{\"a\": \"\x01\"}"), "error: at byte 7: a control character in a string");
	assert_string_equal(attrs("{\"a\": \"\xff\"}"), "error: at byte 7: not UTF-8");
	assert_string_equal(attrs("{\"a\": tru}"), "error: at byte 6: expected a value");
	assert_string_equal(attrs("{\"a\": 1.}"), "error: at byte 8: a digit must follow the decimal point");
	assert_string_equal(attrs("{\"a\": 1e}"), "error: at byte 8: a digit must follow the exponent");
	assert_string_equal(attrs("{\"a\": [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}"),
			    "error: at byte 37: nested too deep");
	assert_string_equal(attrs("{\"a\":"), "error: at byte 5: expected a value");
	assert_string_equal(attrs("{\"a\": 1,"), "error: at byte 8: expected a string");
	assert_string_equal(attrs(""), "error: at byte 0: an mdevctl device file is a JSON object");
	assert_int_equal(md_attrs_parse("{}", 2, NULL, &a, &n, NULL, 0), 0);
	/* allocation failure at each point of a list that grows */
	for (k = 1;; k++) {
		int e;

		cnt.calls = cnt.live = 0;
		cnt.fail_at = k;
		md_arena_init(&arena, &alc);
		e = md_attrs_parse(big, strlen(big), &arena, &a, &n, NULL, 0);
		md_arena_free(&arena);
		assert_int_equal(cnt.live, 0);
		if (e == 0)
			break;
		assert_int_equal(e, ENOMEM);
	}
	assert_int_equal(n, 9);
	assert_true(k > 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_arguments),
		cmocka_unit_test_setup_teardown(test_bad_root, setup, teardown),
		cmocka_unit_test_setup_teardown(test_empty_and_default_root, setup, teardown),
		cmocka_unit_test_setup_teardown(test_choice, setup, teardown),
		cmocka_unit_test_setup_teardown(test_options, setup, teardown),
		cmocka_unit_test_setup_teardown(test_allocation_failure, setup, teardown),
		cmocka_unit_test_setup_teardown(test_resolve, setup, teardown),
		cmocka_unit_test_setup_teardown(test_read_and_list, setup, teardown),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_attrs),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
