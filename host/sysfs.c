/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/*
 * sysfs.c - the sysfs part of a host (spec 9.1), laid out as the kernel
 * documents it (Documentation/driver-api/vfio-mediated-device.rst): the
 * parents linked from /sys/class/mdev_bus/, their mdev_supported_types/
 * with name, description, device_api and available_instances, the mdev
 * devices linked from /sys/bus/mdev/devices/ with their mdev_type link,
 * and the PCI devices of /sys/bus/pci/devices/ with their driver link;
 * each type and device with its migration_descriptor attribute and the
 * descriptor that spec 9.3 picks.  A problem with one entry is that
 * entry's diagnostic (or the host's, for a parent or a directory), and
 * every other entry is still read.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "host/host.h"

#define CLASS_MDEV_BUS "/sys/class/mdev_bus"
#define BUS_MDEV "/sys/bus/mdev/devices"
#define BUS_PCI "/sys/bus/pci/devices"
#define ATTR "migration_descriptor"

/* Whether @path, that cannot be read for ENOENT, is there as a link to nothing. */
static int dangling(mdevdesc_catalog *c, const char *path)
{
	md_resolved res;
	int there = md_resolve(&c->r, path, 0, &res) == 0;

	md_resolved_close(&res);
	return there;
}

const char *md_sysfs_attr(mdevdesc_catalog *c, md_entry_diags *e, const char *dir,
			  const char *name, int required)
{
	char path[MD_HOST_PATH_MAX], *buf;
	struct stat st;
	size_t len;
	const char *v;
	int err;

	if (md_cat_path(c, e, path, "%s/%s", dir, name))
		return NULL;
	err = md_read_file(&c->r, path, MD_HOST_ATTR_MAX, &c->alc, &buf, &len, &st);
	if (err) {
		if (err == MD_READ_NOMEM)
			c->nomem = 1;
		else if (e && (err != ENOENT || required || dangling(c, path)))
			md_cat_read_error(c, e, "R-DISCOVERY-BOUNDS", path, err, MD_HOST_ATTR_MAX);
		return NULL;
	}
	if (len && buf[len - 1] == '\n')
		buf[len - 1] = '\0';
	v = md_cat_strdup(c, buf);
	md_free(&c->alc, buf);
	return v;
}

/* "vvvv:dddd" from the `vendor` and `device` attributes of @dir ("0x8086"). */
static const char *pci_id(mdevdesc_catalog *c, const char *dir)
{
	const char *v = md_sysfs_attr(c, NULL, dir, "vendor", 0);
	const char *d = md_sysfs_attr(c, NULL, dir, "device", 0);
	char id[10];
	size_t i;

	if (!v || !d || strlen(v) != 6 || strlen(d) != 6 || strncmp(v, "0x", 2) ||
	    strncmp(d, "0x", 2))
		return NULL;
	snprintf(id, sizeof(id), "%s:%s", v + 2, d + 2);
	for (i = 0; i < 9; i++) {
		if (i == 4)
			continue;
		if (id[i] >= 'A' && id[i] <= 'F')
			id[i] = (char)(id[i] - 'A' + 'a');
		if (!strchr("0123456789abcdef", id[i]))
			return NULL;
	}
	return md_cat_strdup(c, id);
}

/* The name of the driver @dir is bound to, NULL when none. */
static const char *driver_of(mdevdesc_catalog *c, const char *dir)
{
	char path[MD_HOST_PATH_MAX], name[256];

	if (md_cat_path(c, NULL, path, "%s/driver", dir) ||
	    md_link_name(&c->r, path, name, sizeof(name)) || !md_name_ok(name))
		return NULL;
	return md_cat_strdup(c, name);
}

/*
 * The migration_descriptor attribute in @dir, shown as @shown: its valid
 * document, or NULL (problems reported to @e; none when it is absent).
 */
static const mdevdesc_doc *read_attr(mdevdesc_catalog *c, md_entry_diags *e, const char *dir,
				     const char *shown)
{
	char path[MD_HOST_PATH_MAX], *buf;
	mdevdesc_file *f;
	struct stat st;
	size_t len;
	int err;

	if (md_cat_path(c, e, path, "%s/" ATTR, dir))
		return NULL;
	err = md_read_file(&c->r, path, MD_HOST_ATTR_MAX, &c->alc, &buf, &len, &st);
	if (err == ENOENT && !dangling(c, path))
		return NULL;
	if (err) {
		md_cat_read_error(c, e, "R-DISCOVERY-ATTR", shown, err, MD_HOST_ATTR_MAX);
		return NULL;
	}
	/* R-DISCOVERY-ATTR: one document; a second is limit-documents. */
	f = md_cat_parse(c, buf, len, 1);
	md_free(&c->alc, buf);
	if (!f)
		return NULL;
	md_cat_copy_diags(c, e, f);
	if (mdevdesc_file_error_count(f) || mdevdesc_file_doc_count(f) != 1)
		return NULL;
	return mdevdesc_file_doc(f, 0);
}

/* The directory @path resolves to, in @canon; 0, or reported to the host. */
static int resolve_dir(mdevdesc_catalog *c, const char *path, char *canon)
{
	md_resolved res;
	char p[512];
	int err = md_resolve(&c->r, path, 1, &res);

	if (err) {
		md_cat_read_error(c, NULL, "R-DISCOVERY-BOUNDS", path, err, 0);
		return -1;
	}
	md_resolved_close(&res);
	if (!S_ISDIR(res.st.st_mode)) {
		md_escape(path, p, sizeof(p));
		md_cat_error(c, NULL, MDEVDESC_E_IO, "R-DISCOVERY-BOUNDS",
			     "%s: not a directory; ignored", p);
		return -1;
	}
	memcpy(canon, res.canon, MD_HOST_PATH_MAX);
	return 0;
}

/* The sorted entries of directory @path; *@n = 0 when it is absent. */
static char **list(mdevdesc_catalog *c, const char *path, size_t *n)
{
	char **names;
	int err = md_list_dir(&c->r, path, &c->arena, &names, n);

	if (err == ENOMEM) {
		c->nomem = 1;
		*n = 0;
		return NULL;
	}
	if (err && err != ENOENT)
		md_cat_read_error(c, NULL, "R-DISCOVERY-BOUNDS", path, err, 0);
	return names;
}

/* Whether entry @name of @dir may be read; reported to the host when not. */
static int name_ok(mdevdesc_catalog *c, const char *dir, const char *name)
{
	char path[MD_HOST_PATH_MAX], p[512];

	if (md_name_ok(name))
		return 1;
	if (md_cat_path(c, NULL, path, "%s/%s", dir, name))
		return 0;
	md_escape(path, p, sizeof(p));
	md_cat_error(c, NULL, MDEVDESC_E_IO, "R-DISCOVERY-BOUNDS",
		     "%s: the name is not UTF-8 (or holds a control character); not read", p);
	return 0;
}

/* The decimal value @v of available_instances; -1 when absent or not one. */
static int64_t instances(mdevdesc_catalog *c, md_entry_diags *e, const char *v, const char *dir)
{
	int64_t n = 0;
	size_t i;

	if (!v)
		return -1;
	for (i = 0; v[i] || i == 0; i++) {
		if (v[i] < '0' || v[i] > '9' || n > (INT64_MAX - 9) / 10) {
			char p[512];

			md_escape(dir, p, sizeof(p));
			md_cat_error(c, e, MDEVDESC_E_IO, "R-DISCOVERY-BOUNDS",
				     "%s/available_instances: not a decimal count", p);
			return -1;
		}
		n = n * 10 + (v[i] - '0');
	}
	return n;
}

/* Type @type of parent @dev, whose directory is @canon. */
static void read_type(mdevdesc_catalog *c, const md_match_dev *dev, const char *canon,
		      const char *type)
{
	char dir[MD_HOST_PATH_MAX], shown[MD_HOST_PATH_MAX], tcanon[MD_HOST_PATH_MAX];
	mdevdesc_host_type t, *slot;
	md_entry_diags e;
	const mdevdesc_doc *attr;

	if (md_cat_path(c, NULL, dir, "%s/mdev_supported_types/%s", canon, type) ||
	    resolve_dir(c, dir, tcanon))
		return;
	memset(&t, 0, sizeof(t));
	memset(&e, 0, sizeof(e));
	t.parent = md_cat_strdup(c, dev->name);
	t.parent_driver = dev->driver;
	t.parent_pci_id = dev->pci_id;
	t.mdev_type = md_cat_strdup(c, type);
	t.name = md_sysfs_attr(c, &e, tcanon, "name", 0);
	t.description = md_sysfs_attr(c, &e, tcanon, "description", 0);
	t.device_api = md_sysfs_attr(c, &e, tcanon, "device_api", 1);
	t.available_instances =
		instances(c, &e, md_sysfs_attr(c, &e, tcanon, "available_instances", 1), dir);
	if (md_cat_path(c, &e, shown, CLASS_MDEV_BUS "/%s/mdev_supported_types/%s/" ATTR,
			dev->name, type))
		shown[0] = '\0';
	attr = read_attr(c, &e, tcanon, shown);
	md_files_choose(c, dev, type, attr, md_cat_strdup(c, shown), &t.found);
	md_cat_take_diags(c, &e, &t.found.diags, &t.found.n_diags, &t.found.errors);
	slot = md_vec_push(c, &c->types, sizeof(*slot));
	if (slot)
		*slot = t;
}

void md_sysfs_types(mdevdesc_catalog *c)
{
	size_t n, i, nt, j;
	char **parents = list(c, CLASS_MDEV_BUS, &n);

	for (i = 0; i < n && !c->nomem; i++) {
		char path[MD_HOST_PATH_MAX], canon[MD_HOST_PATH_MAX], **types;
		md_match_dev dev;

		if (!name_ok(c, CLASS_MDEV_BUS, parents[i]))
			continue;
		if (md_cat_path(c, NULL, path, CLASS_MDEV_BUS "/%s", parents[i]) ||
		    resolve_dir(c, path, canon))
			continue;
		dev.name = parents[i];
		dev.driver = driver_of(c, canon);
		dev.pci_id = pci_id(c, canon);
		if (md_cat_path(c, NULL, path, "%s/mdev_supported_types", canon))
			continue;
		types = list(c, path, &nt);
		for (j = 0; j < nt && !c->nomem; j++)
			if (name_ok(c, path, types[j]))
				read_type(c, &dev, canon, types[j]);
	}
}

/* The parent and type of the mdev device in @canon, from its mdev_type link. */
static void instance_type(mdevdesc_catalog *c, md_entry_diags *e, const char *canon,
			  mdevdesc_host_instance *in)
{
	static const char types[] = "/mdev_supported_types/";
	md_resolved res;
	char path[MD_HOST_PATH_MAX], *slash, *t;
	int err;

	if (md_cat_path(c, e, path, "%s/mdev_type", canon))
		return;
	err = md_resolve(&c->r, path, 1, &res);
	if (err) {
		md_cat_read_error(c, e, "R-DISCOVERY-BOUNDS", path, err, 0);
		return;
	}
	md_resolved_close(&res);
	/* .../<parent>/mdev_supported_types/<type> */
	t = strrchr(res.canon, '/');
	if (!S_ISDIR(res.st.st_mode) || !t || t - res.canon < (long)sizeof(types) - 1 ||
	    memcmp(t - (sizeof(types) - 2), types, sizeof(types) - 1) != 0) {
		char p[512];

		md_escape(path, p, sizeof(p));
		md_cat_error(c, e, MDEVDESC_E_IO, "R-DISCOVERY-KEY",
			     "%s: does not lead to a type directory of a parent", p);
		return;
	}
	in->mdev_type = md_cat_strdup(c, t + 1);
	*(t - (sizeof(types) - 2)) = '\0';
	slash = strrchr(res.canon, '/');
	in->parent = md_cat_strdup(c, slash ? slash + 1 : res.canon);
}

/* mdevctl's record of the device's vendor attributes, if any. */
static void instance_attrs(mdevdesc_catalog *c, md_entry_diags *e, mdevdesc_host_instance *in)
{
	char path[MD_HOST_PATH_MAX], why[256], *buf;
	mdevdesc_attr *attrs;
	struct stat st;
	size_t len, n;
	int err;

	if (!in->parent)
		return;
	if (md_cat_path(c, e, path, "/etc/mdevctl.d/%s/%s", in->parent, in->uuid))
		return;
	err = md_read_file(&c->r, path, MD_HOST_MDEVCTL_MAX, &c->alc, &buf, &len, &st);
	if (err == ENOENT)
		return;
	if (err) {
		md_cat_read_error(c, e, "R-DISCOVERY-BOUNDS", path, err, MD_HOST_MDEVCTL_MAX);
		return;
	}
	err = md_attrs_parse(buf, len, &c->arena, &attrs, &n, why, sizeof(why));
	md_free(&c->alc, buf);
	if (err == ENOMEM) {
		c->nomem = 1;
	} else if (err) {
		char p[512];

		md_escape(path, p, sizeof(p));
		md_cat_error(c, e, MDEVDESC_E_IO, "", "%s: not an mdevctl device file: %s", p, why);
	} else {
		in->attrs = attrs;
		in->n_attrs = n;
	}
}

void md_sysfs_instances(mdevdesc_catalog *c)
{
	size_t n, i;
	char **uuids = list(c, BUS_MDEV, &n);

	for (i = 0; i < n && !c->nomem; i++) {
		char path[MD_HOST_PATH_MAX], canon[MD_HOST_PATH_MAX];
		mdevdesc_host_instance in, *slot;
		md_entry_diags e;
		const mdevdesc_doc *attr;

		if (!name_ok(c, BUS_MDEV, uuids[i]))
			continue;
		if (md_cat_path(c, NULL, path, BUS_MDEV "/%s", uuids[i]) ||
		    resolve_dir(c, path, canon))
			continue;
		memset(&in, 0, sizeof(in));
		memset(&e, 0, sizeof(e));
		in.uuid = uuids[i];
		instance_type(c, &e, canon, &in);
		instance_attrs(c, &e, &in);
		attr = md_cat_path(c, &e, path, BUS_MDEV "/%s/" ATTR, uuids[i])
			       ? NULL
			       : read_attr(c, &e, canon, path);
		if (attr) {
			in.found.origin = MDEVDESC_ORIGIN_SYSFS;
			in.found.doc = attr;
			in.found.path = md_cat_strdup(c, path);
		}
		md_cat_take_diags(c, &e, &in.found.diags, &in.found.n_diags, &in.found.errors);
		slot = md_vec_push(c, &c->instances, sizeof(*slot));
		if (slot)
			*slot = in;
	}
}

/* PCI device @bdf, whose directory is @canon: listed when it has the
 * attribute or a shipped document covers it (R-DISCOVERY-COVER). */
static void read_device(mdevdesc_catalog *c, const char *bdf, const char *canon)
{
	char path[MD_HOST_PATH_MAX];
	mdevdesc_host_device d, *slot;
	md_entry_diags e;
	md_match_dev dev;
	md_resolved res;
	const mdevdesc_doc *attr;
	int has_attr;

	if (md_cat_path(c, NULL, path, "%s/" ATTR, canon))
		return;
	has_attr = md_resolve(&c->r, path, 0, &res) != ENOENT;
	md_resolved_close(&res);
	dev.name = bdf;
	dev.driver = driver_of(c, canon);
	dev.pci_id = pci_id(c, canon);
	if (!has_attr && !md_files_cover_device(c, &dev))
		return;
	memset(&d, 0, sizeof(d));
	memset(&e, 0, sizeof(e));
	d.address = bdf;
	d.driver = dev.driver;
	d.pci_id = dev.pci_id;
	if (md_cat_path(c, &e, path, BUS_PCI "/%s/" ATTR, bdf))
		has_attr = 0;
	attr = has_attr ? read_attr(c, &e, canon, path) : NULL;
	md_files_choose(c, &dev, NULL, attr, md_cat_strdup(c, path), &d.found);
	md_cat_take_diags(c, &e, &d.found.diags, &d.found.n_diags, &d.found.errors);
	slot = md_vec_push(c, &c->devices, sizeof(*slot));
	if (slot)
		*slot = d;
}

void md_sysfs_devices(mdevdesc_catalog *c)
{
	size_t n, i;
	char **bdfs = list(c, BUS_PCI, &n);

	for (i = 0; i < n && !c->nomem; i++) {
		char path[MD_HOST_PATH_MAX], canon[MD_HOST_PATH_MAX];

		if (!name_ok(c, BUS_PCI, bdfs[i]))
			continue;
		if (md_cat_path(c, NULL, path, BUS_PCI "/%s", bdfs[i]) == 0 &&
		    resolve_dir(c, path, canon) == 0)
			read_device(c, bdfs[i], canon);
	}
}
