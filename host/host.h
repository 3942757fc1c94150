/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/*
 * host.h - the host catalog of libmdevdesc (spec 9), never installed: the
 * careful reading of a host's tree inside a root directory (fs.c), the
 * sysfs walk of mdev parents, types, devices and VFIO variant PCI devices
 * (sysfs.c), the shipped files of /etc/mdevdesc and /usr/share/mdevdesc
 * with the choice of each key's descriptor (files.c), mdevctl's recorded
 * attributes of an mdev device (attrs.c), and the catalog object with its
 * diagnostics (catalog.c).
 *
 * The top floor of the library beside compat/: it includes core/,
 * validator/ (the model and md_parent_entry()) and the emitter's text
 * primitives, never compat/.
 */
#ifndef MDEVDESC_HOST_H
#define MDEVDESC_HOST_H

#include <sys/stat.h>
#include <sys/types.h>

#include "core/core.h"

/* Bounds of spec 9.4 (R-DISCOVERY-BOUNDS). */
#define MD_HOST_ATTR_MAX 4096u       /* bytes of a sysfs attribute */
#define MD_HOST_MAX_LINKS 40u        /* symbolic links followed for one path */
#define MD_HOST_MAX_DIR_ENTRIES 65536u /* entries of one directory */
#define MD_HOST_PATH_MAX 4096u       /* bytes of a path under the root */
#define MD_HOST_MAX_DEPTH 128u       /* directories in a path */
#define MD_HOST_MDEVCTL_MAX 65536u   /* bytes of an mdevctl device file */

/* ---- fs.c: paths inside the root ----------------------------------------- */

typedef struct md_root {
	int fd;    /* the root directory (O_PATH) */
	uid_t uid; /* its owner, trusted besides root (R-DISCOVERY-TRUST) */
} md_root;

/*
 * A path resolved inside the root: the directory that holds its last
 * component (@dirfd, -1 for the root itself, closed by md_resolved_close()),
 * that component's name (@name, a suffix of @canon), the canonical path
 * under the root without links, "." or ".." (@canon, "/" for the root) and
 * the lstat of the last component (@st).
 */
typedef struct md_resolved {
	int dirfd;
	const char *name;
	struct stat st;
	char canon[MD_HOST_PATH_MAX];
} md_resolved;

/*
 * Resolve @path (under the root, "/sys/class/mdev_bus/x") as the root's own
 * kernel would if it were "/": absolute link targets start at the root,
 * ".." stops there, at most MD_HOST_MAX_LINKS links (the last component's
 * only when @follow_last).  returns: 0, or an errno value (ENOENT for a
 * dangling link, ELOOP, ENOTDIR, ENAMETOOLONG, EACCES...).
 */
int md_resolve(const md_root *r, const char *path, int follow_last, md_resolved *out);
void md_resolved_close(md_resolved *res);

/* Why a read failed, beyond errno values. */
#define MD_READ_TOO_BIG (-1)  /* more than the bound */
#define MD_READ_NOT_FILE (-2) /* not a regular file (never opened) */
#define MD_READ_NOMEM (-3)

/*
 * Read the regular file @path (links followed inside the root) into a
 * NUL-terminated buffer from @alc, at most @max bytes: MD_READ_TOO_BIG when
 * a byte more can be read (its size is not asked: sysfs says 4096 for every
 * attribute).  Never opens anything that could block.  @st receives the
 * file's stat.
 * returns: 0, an errno value or MD_READ_*.
 */
int md_read_file(const md_root *r, const char *path, size_t max, const mdevdesc_alc *alc,
		 char **buf, size_t *len, struct stat *st);

/* The last component of the target of link @path (not followed), e.g. the
 * driver's name of a sysfs `driver` link, into @out (@size bytes).
 * returns: 0 or an errno value (EINVAL when @path is not a link). */
int md_link_name(const md_root *r, const char *path, char *out, size_t size);

/* The entries of directory @path (links followed), "." and ".." left out,
 * sorted in byte order: *@names, @n of them, from @arena.  At most
 * MD_HOST_MAX_DIR_ENTRIES (E2BIG beyond, the first ones kept).
 * returns: 0, ENOMEM (the arena ran out) or an errno value. */
int md_list_dir(const md_root *r, const char *path, md_arena *arena, char ***names, size_t *n);

/* Whether @s is well-formed UTF-8 without control characters. */
int md_name_ok(const char *s);
/* @s with every byte outside printable UTF-8 as \xHH, into @out (@size
 * bytes, always NUL-terminated, cut when too small). */
void md_escape(const char *s, char *out, size_t size);

/* ---- catalog.c: the catalog and its diagnostics --------------------------- */

/* A growable array in the catalog's arena (old copies stay there). */
typedef struct md_vec {
	void *v;
	size_t n, cap;
} md_vec;

/* What one entry (type, instance, device, file) gathers while it is read. */
typedef struct md_entry_diags {
	md_vec diags; /* mdevdesc_diag */
	size_t errors;
} md_entry_diags;

struct mdevdesc_catalog {
	mdevdesc_alc alc;
	mdevdesc_limits lim;
	unsigned flags;
	md_arena arena;
	const char *root;  /* as given, "/" by default */
	md_vec types;      /* mdevdesc_host_type, sorted by (parent, mdev_type) */
	md_vec instances;  /* mdevdesc_host_instance, by uuid */
	md_vec devices;    /* mdevdesc_host_device, by address */
	md_vec files;      /* mdevdesc_host_file: /etc, then /usr/share, by name */
	md_entry_diags host; /* problems of no one entry */
	md_vec inputs;     /* mdevdesc_file *, freed with the catalog */
	size_t errors;     /* every error of the catalog */
	int nomem;
	md_root r;         /* while loading */
};

/* Room for one more item of @size bytes in @v; NULL (and c->nomem) on failure. */
void *md_vec_push(mdevdesc_catalog *c, md_vec *v, size_t size);
/* A copy of @s in the arena; NULL (and c->nomem) on failure or when @s is NULL. */
const char *md_cat_strdup(mdevdesc_catalog *c, const char *s);
/* Record error @code of rule @rule for @e (the host when NULL). */
void md_cat_error(mdevdesc_catalog *c, md_entry_diags *e, mdevdesc_code code, const char *rule,
		  const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 5, 6)))
#endif
	;
/* Format a path under the root into @out (MD_HOST_PATH_MAX bytes); -1,
 * reported to @e (the host when NULL), when it is too long. */
int md_cat_path(mdevdesc_catalog *c, md_entry_diags *e, char *out, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 4, 5)))
#endif
	;
/* Record the failure @err (an errno value or MD_READ_*) to read @path. */
void md_cat_read_error(mdevdesc_catalog *c, md_entry_diags *e, const char *rule, const char *path,
		       int err, size_t max);
/* Copy the diagnostics of @f to @e. */
void md_cat_copy_diags(mdevdesc_catalog *c, md_entry_diags *e, const mdevdesc_file *f);
/* Parse @len bytes of @buf (with @max_documents, 0 for the options'); the
 * file is kept until the catalog is freed.  NULL when memory ran out. */
mdevdesc_file *md_cat_parse(mdevdesc_catalog *c, const char *buf, size_t len,
			    uint32_t max_documents);
/* Store @e's diagnostics in @found-like fields. */
void md_cat_take_diags(mdevdesc_catalog *c, md_entry_diags *e, const mdevdesc_diag **diags,
		       size_t *n, size_t *errors);

/* ---- sysfs.c ------------------------------------------------------------- */

/* The devices a `parents` entry is matched against (spec 5.9). */
typedef struct md_match_dev {
	const char *name;   /* sysfs device name */
	const char *driver; /* NULL when unbound */
	const char *pci_id; /* "8086:3e92", NULL when not PCI */
} md_match_dev;

/* A sysfs attribute of @dir (under the root): bounded, one final newline
 * dropped; NULL when absent (or unreadable: then reported to @e when
 * @required or when it exists). */
const char *md_sysfs_attr(mdevdesc_catalog *c, md_entry_diags *e, const char *dir,
			  const char *name, int required);
/* The parents, their types, the mdev devices, the PCI devices. */
void md_sysfs_types(mdevdesc_catalog *c);
void md_sysfs_instances(mdevdesc_catalog *c);
void md_sysfs_devices(mdevdesc_catalog *c);

/* ---- files.c ------------------------------------------------------------- */

/* Read the shipped files of both levels (spec 9.2). */
void md_files_load(mdevdesc_catalog *c);
/*
 * The descriptor of a type (@mdev_type set) or a variant device (@mdev_type
 * NULL, @dev->driver the driver to match) of device @dev (spec 9.3), @attr
 * the valid document of its sysfs attribute or NULL; fills @found.
 */
void md_files_choose(const mdevdesc_catalog *c, const md_match_dev *dev, const char *mdev_type,
		     const mdevdesc_doc *attr, const char *attr_path, mdevdesc_found *found);
/* Whether some valid shipped document covers variant device @dev. */
int md_files_cover_device(const mdevdesc_catalog *c, const md_match_dev *dev);

/* ---- attrs.c ------------------------------------------------------------- */

/*
 * The `attrs` of an mdevctl device file (a JSON object): every [name,
 * value] pair in order, repeats kept, from @arena.  A value that is not a
 * string is kept as its JSON text.  returns: 0, ENOMEM, or EINVAL with a
 * message in @why (@why_size bytes) when the text is not such an object.
 */
int md_attrs_parse(const char *buf, size_t len, md_arena *arena, mdevdesc_attr **attrs,
		   size_t *n, char *why, size_t why_size);

#endif /* MDEVDESC_HOST_H */
