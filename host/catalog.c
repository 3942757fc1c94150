/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/*
 * catalog.c - the host catalog (mdevdesc.h, "Hosts"; spec 9): loading in
 * the order the choice of descriptors needs (the shipped files first, then
 * the sysfs types, mdev devices and PCI devices), the diagnostics that
 * entries gather, the accessors and the lookups by key.  Everything of a
 * catalog lives in its arena but the parsed inputs, which it frees.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "host/host.h"

const char *mdevdesc_origin_name(mdevdesc_origin o)
{
	switch (o) {
	case MDEVDESC_ORIGIN_SYSFS:
		return "sysfs";
	case MDEVDESC_ORIGIN_ETC:
		return "etc";
	case MDEVDESC_ORIGIN_USR_SHARE:
		return "usr-share";
	default:
		return NULL;
	}
}

void *md_vec_push(mdevdesc_catalog *c, md_vec *v, size_t size)
{
	char *p;

	if (c->nomem)
		return NULL;
	if (v->n == v->cap) {
		size_t cap = v->cap ? v->cap * 2 : 8;
		void *nv = md_alloc(&c->arena, cap * size);

		if (!nv) {
			c->nomem = 1;
			return NULL;
		}
		if (v->n)
			memcpy(nv, v->v, v->n * size);
		v->v = nv;
		v->cap = cap;
	}
	p = (char *)v->v + v->n * size;
	v->n++;
	memset(p, 0, size);
	return p;
}

const char *md_cat_strdup(mdevdesc_catalog *c, const char *s)
{
	const char *p;

	if (!s || c->nomem)
		return NULL;
	p = md_strndup(&c->arena, s, strlen(s));
	if (!p)
		c->nomem = 1;
	return p;
}

void md_cat_error(mdevdesc_catalog *c, md_entry_diags *e, mdevdesc_code code, const char *rule,
		  const char *fmt, ...)
{
	char msg[1024];
	mdevdesc_diag *d;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (!e)
		e = &c->host;
	d = md_vec_push(c, &e->diags, sizeof(*d));
	if (!d)
		return;
	d->code = code;
	d->severity = MDEVDESC_ERROR;
	d->line = 1;
	d->column = 1;
	d->path = "";
	d->rule = rule ? rule : "";
	d->message = md_cat_strdup(c, msg);
	if (!d->message)
		d->message = "";
	e->errors++;
	c->errors++;
}

int md_cat_path(mdevdesc_catalog *c, md_entry_diags *e, char *out, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(out, MD_HOST_PATH_MAX, fmt, ap);
	va_end(ap);
	if (n >= 0 && n < (int)MD_HOST_PATH_MAX)
		return 0;
	md_cat_read_error(c, e, "R-DISCOVERY-BOUNDS", out, ENAMETOOLONG, 0);
	return -1;
}

void md_cat_read_error(mdevdesc_catalog *c, md_entry_diags *e, const char *rule, const char *path,
		       int err, size_t max)
{
	char p[512];

	md_escape(path, p, sizeof(p));
	switch (err) {
	case MD_READ_NOMEM:
	case ENOMEM:
		c->nomem = 1;
		return;
	case MD_READ_TOO_BIG:
		md_cat_error(c, e, MDEVDESC_E_LIMIT_INPUT, rule, "%s: larger than %zu bytes; not read",
			     p, max);
		return;
	case MD_READ_NOT_FILE:
		md_cat_error(c, e, MDEVDESC_E_IO, "R-DISCOVERY-BOUNDS",
			     "%s: not a regular file; not opened", p);
		return;
	case ELOOP:
		md_cat_error(c, e, MDEVDESC_E_IO, "R-DISCOVERY-BOUNDS",
			     "%s: a loop of symbolic links, or more than %u of them", p,
			     MD_HOST_MAX_LINKS);
		return;
	case ENOENT:
		md_cat_error(c, e, MDEVDESC_E_IO, "R-DISCOVERY-BOUNDS",
			     "%s: missing, or a symbolic link to nothing", p);
		return;
	default:
		md_cat_error(c, e, MDEVDESC_E_IO, "R-DISCOVERY-BOUNDS", "%s: %s", p, strerror(err));
	}
}

void md_cat_copy_diags(mdevdesc_catalog *c, md_entry_diags *e, const mdevdesc_file *f)
{
	size_t i;

	for (i = 0; i < mdevdesc_file_diag_count(f); i++) {
		const mdevdesc_diag *src = mdevdesc_file_diag(f, i);
		mdevdesc_diag *d = md_vec_push(c, &e->diags, sizeof(*d));

		if (!d)
			return;
		*d = *src;
		if (d->severity == MDEVDESC_ERROR) {
			e->errors++;
			c->errors++;
		}
	}
}

mdevdesc_file *md_cat_parse(mdevdesc_catalog *c, const char *buf, size_t len,
			    uint32_t max_documents)
{
	mdevdesc_limits lim = c->lim;
	mdevdesc_options opt = { &c->alc, &lim, c->flags };
	mdevdesc_file *f = NULL, **slot;
	mdevdesc_code rc;

	if (c->nomem)
		return NULL;
	if (max_documents)
		lim.max_documents = max_documents;
	slot = md_vec_push(c, &c->inputs, sizeof(*slot));
	if (!slot)
		return NULL;
	rc = mdevdesc_parse(buf, len, &opt, &f);
	if (rc == MDEVDESC_E_NOMEM || !f) {
		c->inputs.n--;
		c->nomem = 1;
		return NULL;
	}
	*slot = f;
	return f;
}

void md_cat_take_diags(mdevdesc_catalog *c, md_entry_diags *e, const mdevdesc_diag **diags,
		       size_t *n, size_t *errors)
{
	(void)c;
	*diags = e->diags.v;
	*n = e->diags.n;
	*errors = e->errors;
}

/* ---- loading ----------------------------------------------------------------- */

static int cmp_types(const void *a, const void *b)
{
	const mdevdesc_host_type *x = a, *y = b;
	int r = strcmp(x->parent, y->parent);

	return r ? r : strcmp(x->mdev_type, y->mdev_type);
}

static int cmp_instances(const void *a, const void *b)
{
	return strcmp(((const mdevdesc_host_instance *)a)->uuid,
		      ((const mdevdesc_host_instance *)b)->uuid);
}

static int cmp_devices(const void *a, const void *b)
{
	return strcmp(((const mdevdesc_host_device *)a)->address,
		      ((const mdevdesc_host_device *)b)->address);
}

static void sort_vec(md_vec *v, size_t size, int (*cmp)(const void *, const void *))
{
	if (v->n > 1)
		qsort(v->v, v->n, size, cmp);
}

/* The catalog's part of mdevdesc_catalog_load(): 0, or the failing code. */
static mdevdesc_code load(mdevdesc_catalog *c, const char *root)
{
	struct stat st;

	c->root = md_cat_strdup(c, root);
	if (!c->root)
		return MDEVDESC_E_NOMEM;
	c->r.fd = open(root, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (c->r.fd < 0)
		return MDEVDESC_E_IO;
	if (fstat(c->r.fd, &st) != 0) {
		int e = errno;
		close(c->r.fd);
		errno = e;
		return MDEVDESC_E_IO;
	}
	c->r.uid = st.st_uid;
	md_files_load(c);
	md_sysfs_types(c);
	md_sysfs_instances(c);
	md_sysfs_devices(c);
	close(c->r.fd);
	c->r.fd = -1;
	if (c->nomem)
		return MDEVDESC_E_NOMEM;
	sort_vec(&c->types, sizeof(mdevdesc_host_type), cmp_types);
	sort_vec(&c->instances, sizeof(mdevdesc_host_instance), cmp_instances);
	sort_vec(&c->devices, sizeof(mdevdesc_host_device), cmp_devices);
	return MDEVDESC_OK;
}

mdevdesc_code mdevdesc_catalog_load(const char *root, const mdevdesc_options *opt,
				    mdevdesc_catalog **out)
{
	const mdevdesc_alc *alc = md_options_alc(opt);
	mdevdesc_catalog *c;
	mdevdesc_code rc;

	if (!out)
		return MDEVDESC_E_INVALID_ARGUMENT;
	*out = NULL;
	if (!alc)
		return MDEVDESC_E_INVALID_ARGUMENT;
	c = md_zalloc(alc, sizeof(*c));
	if (!c)
		return MDEVDESC_E_NOMEM;
	c->alc = *alc;
	c->lim = opt && opt->limits ? *opt->limits : mdevdesc_limits_default();
	c->flags = (opt ? opt->flags : 0) & ~MDEVDESC_SYNTAX_ONLY;
	c->r.fd = -1;
	md_arena_init(&c->arena, &c->alc);
	rc = load(c, root ? root : "/");
	if (rc != MDEVDESC_OK) {
		int e = errno;
		mdevdesc_catalog_free(c);
		errno = e;
		return rc;
	}
	*out = c;
	return MDEVDESC_OK;
}

void mdevdesc_catalog_free(mdevdesc_catalog *c)
{
	mdevdesc_alc alc;
	size_t i;

	if (!c)
		return;
	for (i = 0; i < c->inputs.n; i++)
		mdevdesc_file_free(((mdevdesc_file **)c->inputs.v)[i]);
	alc = c->alc;
	md_arena_free(&c->arena);
	md_free(&alc, c);
}

/* ---- accessors ------------------------------------------------------------------- */

const char *mdevdesc_catalog_root(const mdevdesc_catalog *c)
{
	return c ? c->root : NULL;
}

#define ITEM(c, vec, type, i) ((c) && (i) < (c)->vec.n ? &((const type *)(c)->vec.v)[i] : NULL)

size_t mdevdesc_catalog_type_count(const mdevdesc_catalog *c)
{
	return c ? c->types.n : 0;
}

const mdevdesc_host_type *mdevdesc_catalog_type(const mdevdesc_catalog *c, size_t i)
{
	return ITEM(c, types, mdevdesc_host_type, i);
}

size_t mdevdesc_catalog_instance_count(const mdevdesc_catalog *c)
{
	return c ? c->instances.n : 0;
}

const mdevdesc_host_instance *mdevdesc_catalog_instance(const mdevdesc_catalog *c, size_t i)
{
	return ITEM(c, instances, mdevdesc_host_instance, i);
}

size_t mdevdesc_catalog_device_count(const mdevdesc_catalog *c)
{
	return c ? c->devices.n : 0;
}

const mdevdesc_host_device *mdevdesc_catalog_device(const mdevdesc_catalog *c, size_t i)
{
	return ITEM(c, devices, mdevdesc_host_device, i);
}

size_t mdevdesc_catalog_file_count(const mdevdesc_catalog *c)
{
	return c ? c->files.n : 0;
}

const mdevdesc_host_file *mdevdesc_catalog_file(const mdevdesc_catalog *c, size_t i)
{
	return ITEM(c, files, mdevdesc_host_file, i);
}

size_t mdevdesc_catalog_diag_count(const mdevdesc_catalog *c)
{
	return c ? c->host.diags.n : 0;
}

const mdevdesc_diag *mdevdesc_catalog_diag(const mdevdesc_catalog *c, size_t i)
{
	return ITEM(c, host.diags, mdevdesc_diag, i);
}

size_t mdevdesc_catalog_error_count(const mdevdesc_catalog *c)
{
	return c ? c->errors : 0;
}

/* ---- lookups: binary search over the sorted arrays ------------------------------- */

const mdevdesc_host_type *mdevdesc_catalog_find_type(const mdevdesc_catalog *c, const char *parent,
						     const char *mdev_type)
{
	mdevdesc_host_type key;

	if (!c || !parent || !mdev_type || !c->types.n)
		return NULL;
	memset(&key, 0, sizeof(key));
	key.parent = parent;
	key.mdev_type = mdev_type;
	return bsearch(&key, c->types.v, c->types.n, sizeof(key), cmp_types);
}

const mdevdesc_host_instance *mdevdesc_catalog_find_instance(const mdevdesc_catalog *c,
							     const char *uuid)
{
	mdevdesc_host_instance key;

	if (!c || !uuid || !c->instances.n)
		return NULL;
	memset(&key, 0, sizeof(key));
	key.uuid = uuid;
	return bsearch(&key, c->instances.v, c->instances.n, sizeof(key), cmp_instances);
}

const mdevdesc_host_device *mdevdesc_catalog_find_device(const mdevdesc_catalog *c,
							 const char *address)
{
	mdevdesc_host_device key;

	if (!c || !address || !c->devices.n)
		return NULL;
	memset(&key, 0, sizeof(key));
	key.address = address;
	return bsearch(&key, c->devices.v, c->devices.n, sizeof(key), cmp_devices);
}
