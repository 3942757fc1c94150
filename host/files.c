/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/*
 * files.c - the shipped files of /etc/mdevdesc and /usr/share/mdevdesc
 * (spec 9.2) and the choice of a key's descriptor (spec 9.3).  A file is
 * read only when its directory and itself pass R-DISCOVERY-TRUST, and not
 * at all when /etc/mdevdesc masks it (R-DISCOVERY-MASK); its documents then
 * take part in R-DISCOVERY-PRECEDENCE in the order of the catalog's files:
 * the administrator's level, then the vendor's, each in byte order of
 * names, documents in order.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "host/host.h"
#include "validator/model.h"

static const struct level {
	const char *dir;
	mdevdesc_origin origin;
} levels[2] = {
	{ "/etc/mdevdesc", MDEVDESC_ORIGIN_ETC },
	{ "/usr/share/mdevdesc", MDEVDESC_ORIGIN_USR_SHARE },
};

/* Owned by root, or by the owner of the root of a host's tree. */
static int trusted_owner(const mdevdesc_catalog *c, uid_t uid)
{
	return uid == 0 || uid == c->r.uid;
}

/* R-DISCOVERY-TRUST for @st of @what (@p escaped); 0 when it passes. */
static int check_trust(mdevdesc_catalog *c, md_entry_diags *e, const struct stat *st,
		       const char *p, const char *what)
{
	if (!trusted_owner(c, st->st_uid)) {
		md_cat_error(c, e, MDEVDESC_E_IO, "R-DISCOVERY-TRUST",
			     "%s: %s owned by uid %lu, not by root; ignored", p, what,
			     (unsigned long)st->st_uid);
		return -1;
	}
	if (st->st_mode & 022) {
		md_cat_error(c, e, MDEVDESC_E_IO, "R-DISCOVERY-TRUST",
			     "%s: %s writable by %s (mode %04o); ignored", p, what,
			     st->st_mode & 02 ? "others" : "its group",
			     (unsigned)(st->st_mode & 07777));
		return -1;
	}
	return 0;
}

/* Whether @name is that of a shipped file: NAME.yaml, not hidden. */
static int shipped_name(const char *name)
{
	size_t n = strlen(name);

	return name[0] != '.' && n > 5 && strcmp(name + n - 5, ".yaml") == 0;
}

/* Whether the sorted @names hold @name. */
static int has_name(char **names, size_t n, const char *name)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int r = strcmp(names[mid], name);

		if (r == 0)
			return 1;
		if (r < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

/* Check the entry @path of directory @canon_dir; its stat in *@st.  0 when
 * it may be read. */
static int check_entry(mdevdesc_catalog *c, md_entry_diags *e, const char *path,
		       const char *canon_dir, struct stat *st)
{
	md_resolved res;
	char p[512];
	size_t dl = strlen(canon_dir);
	int err = md_resolve(&c->r, path, 1, &res);

	md_escape(path, p, sizeof(p));
	if (err) {
		md_cat_read_error(c, e, "R-DISCOVERY-BOUNDS", path, err, 0);
		return -1;
	}
	md_resolved_close(&res);
	*st = res.st;
	/* A link may lead to a file of its own directory, nowhere else. */
	if (strncmp(res.canon, canon_dir, dl) != 0 || res.canon[dl] != '/' ||
	    strchr(res.canon + dl + 1, '/')) {
		char to[512];

		md_escape(res.canon, to, sizeof(to));
		md_cat_error(c, e, MDEVDESC_E_IO, "R-DISCOVERY-TRUST",
			     "%s: a symbolic link out of its directory (to %s); ignored", p, to);
		return -1;
	}
	if (!S_ISREG(st->st_mode)) {
		md_cat_error(c, e, MDEVDESC_E_IO, "R-DISCOVERY-BOUNDS",
			     "%s: not a regular file; not opened", p);
		return -1;
	}
	if (check_trust(c, e, st, p, "file"))
		return -1;
	if ((uint64_t)st->st_size > (uint64_t)c->lim.max_input) {
		md_cat_error(c, e, MDEVDESC_E_LIMIT_INPUT, "R-LIMIT-INPUT",
			     "%s: %llu bytes, larger than the max_input limit (%zu); not read", p,
			     (unsigned long long)st->st_size, c->lim.max_input);
		return -1;
	}
	return 0;
}

/* Read and parse the checked file @path into @f. */
static void read_file(mdevdesc_catalog *c, md_entry_diags *e, const char *path,
		      const struct stat *checked, mdevdesc_host_file *f)
{
	struct stat st;
	char *buf;
	size_t len;
	int err = md_read_file(&c->r, path, c->lim.max_input, &c->alc, &buf, &len, &st);

	if (!err && (st.st_ino != checked->st_ino || st.st_dev != checked->st_dev))
		err = EAGAIN; /* replaced between the check and the read */
	if (err) {
		md_free(&c->alc, buf);
		md_cat_read_error(c, e, "R-LIMIT-INPUT", path, err, c->lim.max_input);
		return;
	}
	f->state = MDEVDESC_FILE_READ;
	/* An empty file of /etc/mdevdesc masks the vendor's and holds nothing. */
	if (len == 0 && f->origin == MDEVDESC_ORIGIN_ETC) {
		md_free(&c->alc, buf);
		return;
	}
	f->file = md_cat_parse(c, buf, len, 0);
	md_free(&c->alc, buf);
	if (f->file)
		md_cat_copy_diags(c, e, f->file);
}

/* One entry @name of level @lv, whose directory is @canon_dir. */
static void load_entry(mdevdesc_catalog *c, const struct level *lv, const char *canon_dir,
		       const char *name, char **etc, size_t n_etc)
{
	md_entry_diags e;
	mdevdesc_host_file f, *slot;
	struct stat st;
	char path[MD_HOST_PATH_MAX];

	memset(&e, 0, sizeof(e));
	memset(&f, 0, sizeof(f));
	if (md_cat_path(c, NULL, path, "%s/%s", lv->dir, name))
		return;
	f.path = md_cat_strdup(c, path);
	f.origin = lv->origin;
	f.state = MDEVDESC_FILE_IGNORED;
	if (!md_name_ok(name)) {
		char p[512];

		md_escape(path, p, sizeof(p));
		md_cat_error(c, &e, MDEVDESC_E_IO, "R-DISCOVERY-BOUNDS",
			     "%s: the name is not UTF-8 (or holds a control character); not read", p);
	} else if (etc && has_name(etc, n_etc, name)) {
		f.state = MDEVDESC_FILE_MASKED;
	} else if (check_entry(c, &e, path, canon_dir, &st) == 0) {
		read_file(c, &e, path, &st, &f);
	}
	md_cat_take_diags(c, &e, &f.diags, &f.n_diags, &f.errors);
	slot = md_vec_push(c, &c->files, sizeof(*slot));
	if (slot)
		*slot = f;
}

/* The level @lv; its sorted names in *@names (for masking). */
static void load_level(mdevdesc_catalog *c, const struct level *lv, char **etc, size_t n_etc,
		       char ***names, size_t *n)
{
	md_resolved res;
	char canon[MD_HOST_PATH_MAX];
	size_t i;
	int err = md_resolve(&c->r, lv->dir, 1, &res);

	*names = NULL;
	*n = 0;
	if (err == ENOENT)
		return; /* no such level on this host */
	if (err) {
		md_cat_read_error(c, NULL, "R-DISCOVERY-BOUNDS", lv->dir, err, 0);
		return;
	}
	md_resolved_close(&res);
	if (!S_ISDIR(res.st.st_mode)) {
		md_cat_error(c, NULL, MDEVDESC_E_IO, "R-DISCOVERY-BOUNDS",
			     "%s: not a directory; ignored", lv->dir);
		return;
	}
	if (check_trust(c, NULL, &res.st, lv->dir, "directory"))
		return;
	memcpy(canon, res.canon, sizeof(canon));
	err = md_list_dir(&c->r, lv->dir, &c->arena, names, n);
	if (err == ENOMEM) {
		c->nomem = 1;
		return;
	}
	if (err)
		md_cat_read_error(c, NULL, "R-DISCOVERY-BOUNDS", lv->dir, err, 0);
	for (i = 0; i < *n && !c->nomem; i++)
		if (shipped_name((*names)[i]))
			load_entry(c, lv, canon, (*names)[i], etc, n_etc);
}

void md_files_load(mdevdesc_catalog *c)
{
	char **etc, **share;
	size_t n_etc, n_share;

	load_level(c, &levels[0], NULL, 0, &etc, &n_etc);
	load_level(c, &levels[1], etc, n_etc, &share, &n_share);
}

/* ---- coverage and precedence (spec 9.3) ------------------------------------------ */

static int same(const char *a, const char *s, size_t n)
{
	return a && strlen(a) == n && memcmp(a, s, n) == 0;
}

/* Whether one of @d's parents matches @dev, or it has none (R-DISCOVERY-COVER). */
static int parents_match(const struct mdevdesc_descriptor *d, const md_match_dev *dev)
{
	size_t i;

	if (d->n_parents == 0)
		return 1;
	for (i = 0; i < d->n_parents; i++) {
		const char *arg;
		size_t n;

		switch (md_parent_entry(d->parents[i], strlen(d->parents[i]), &arg, &n)) {
		case MD_PARENT_PCI:
			if (same(dev->pci_id, arg, n))
				return 1;
			break;
		case MD_PARENT_DRIVER:
			if (same(dev->driver, arg, n))
				return 1;
			break;
		case MD_PARENT_DEVICE:
			if (same(dev->name, arg, n))
				return 1;
			break;
		default:
			break;
		}
	}
	return 0;
}

static int covers(const struct mdevdesc_descriptor *d, const md_match_dev *dev,
		  const char *mdev_type)
{
	if (mdev_type) {
		if (!d->mdev_type || strcmp(d->mdev_type, mdev_type) != 0)
			return 0;
	} else if (d->mdev_type || !d->driver || !dev->driver || strcmp(d->driver, dev->driver)) {
		return 0;
	}
	return parents_match(d, dev);
}

/* The first covering document of level @origin into @found; 1 when found. */
static int search_level(const mdevdesc_catalog *c, mdevdesc_origin origin, const md_match_dev *dev,
			const char *mdev_type, mdevdesc_found *found)
{
	const mdevdesc_host_file *files = c->files.v;
	size_t i, j;

	for (i = 0; i < c->files.n; i++) {
		if (files[i].origin != origin || !files[i].file)
			continue;
		for (j = 0; j < mdevdesc_file_doc_count(files[i].file); j++) {
			const mdevdesc_doc *d = mdevdesc_file_doc(files[i].file, j);

			if (d && covers(mdevdesc_doc_descriptor(d), dev, mdev_type)) {
				found->origin = origin;
				found->doc = d;
				found->path = files[i].path;
				found->document = j;
				return 1;
			}
		}
	}
	return 0;
}

void md_files_choose(const mdevdesc_catalog *c, const md_match_dev *dev, const char *mdev_type,
		     const mdevdesc_doc *attr, const char *attr_path, mdevdesc_found *found)
{
	found->origin = MDEVDESC_ORIGIN_NONE;
	found->doc = NULL;
	found->path = NULL;
	found->document = 0;
	if (search_level(c, MDEVDESC_ORIGIN_ETC, dev, mdev_type, found))
		return;
	if (attr) {
		found->origin = MDEVDESC_ORIGIN_SYSFS;
		found->doc = attr;
		found->path = attr_path;
		return;
	}
	search_level(c, MDEVDESC_ORIGIN_USR_SHARE, dev, mdev_type, found);
}

int md_files_cover_device(const mdevdesc_catalog *c, const md_match_dev *dev)
{
	mdevdesc_found f;

	return search_level(c, MDEVDESC_ORIGIN_ETC, dev, NULL, &f) ||
	       search_level(c, MDEVDESC_ORIGIN_USR_SHARE, dev, NULL, &f);
}
