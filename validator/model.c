/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/*
 * model.c - syntax tree -> descriptor model, with every validity rule of
 * spec 4.4, 4.5, 5 and 7: the driver.
 *
 * Reads one document's tree and fills a struct mdevdesc_descriptor in the
 * model arena.  The top-level keys are the rows of a table (name, whether
 * required, reader, field); each reader hands the value to the file of
 * its concern (validator/build.h lists them).  Every problem is reported
 * with its field path and rule ID; checking goes on after an error
 * wherever the rest of the document can still be read, so one run lists
 * all of a document's errors.  A document with any error has no model.
 */
#include <stddef.h>
#include <string.h>

#include "validator/build.h"
#include "vendors.h"

/* ---- paths and reporting ----------------------------------------------- */

static void put_key(md_path *p, const char *key, size_t len)
{
	size_t room;

	if (p->n && p->n < p->size - 1)
		p->b[p->n++] = '.';
	room = p->size - 1 - p->n;
	if (len > room) {
		/* Only past the limits; never split a character. */
		len = room;
		while (len > 0 && ((unsigned char)key[len] & 0xC0) == 0x80)
			len--;
	}
	memcpy(p->b + p->n, key, len);
	p->n += len;
	p->b[p->n] = '\0';
}

static void put_index(md_path *p, size_t i)
{
	size_t k = 0;
	char digits[24];

	do
		digits[k++] = (char)('0' + i % 10);
	while ((i /= 10) != 0);
	if (p->n + k + 3 > p->size)
		return;
	p->b[p->n++] = '[';
	while (k)
		p->b[p->n++] = digits[--k];
	p->b[p->n++] = ']';
	p->b[p->n] = '\0';
}

/* The path of the node being read, as a diagnostic shows it. */
const char *md_path_str(md_model *m)
{
	md_path *p = &m->path;
	size_t i;

	p->n = 0;
	p->b[0] = '\0';
	for (i = 0; i < m->nseg; i++) {
		if (m->seg[i].key)
			put_key(p, m->seg[i].key, m->seg[i].n);
		else
			put_index(p, m->seg[i].n);
	}
	return p->b;
}

/* ---- the top-level keys (spec 5) --------------------------------------- */

static int vendor_registered(const char *v)
{
	size_t i;

	for (i = 0; i < sizeof(md_vendors) / sizeof(md_vendors[0]); i++)
		if (md_vendors[i][0] == v[0] && strcmp(md_vendors[i], v) == 0)
			return 1;
	return 0;
}

/* The checks of a string beyond its being one: @s is the copy of @v. */
typedef void (*check_fn)(md_model *m, const md_node *v, const char *s);

#define N_VENDORS (sizeof(md_vendors) / sizeof(md_vendors[0]))

MD_COLD static void bad_vendor_name(md_model *m, const md_node *v)
{
	const char *sug = md_suggest(v->str, v->len, md_vendors, N_VENDORS);

	ERR(m, MDEVDESC_E_NAME, v, "R-VENDOR-NAME", "vendor '%.*s' must match [a-z0-9][a-z0-9-]*%s%s%s",
	    md_clip(v), v->str, DID_YOU_MEAN(sug));
}

MD_COLD static void unregistered_vendor(md_model *m, const md_node *v, const char *s)
{
	const char *sug = md_suggest(v->str, v->len, md_vendors, N_VENDORS);

	ERR(m, MDEVDESC_E_VENDOR_UNREGISTERED, v, "R-VENDOR-REGISTERED",
	    "vendor '%s' is not in the registry (spec/vendors.yaml); register it, "
	    "or allow private namespaces (--allow-unknown-vendor)%s%s%s", s, DID_YOU_MEAN(sug));
}

static void check_vendor(md_model *m, const md_node *v, const char *s)
{
	if (!match_name(s, v->len, C_LOWER | C_DIGIT, C_LOWER | C_DIGIT | C_HYPHEN))
		bad_vendor_name(m, v);
	else if (!(m->flags & MDEVDESC_ALLOW_UNKNOWN_VENDOR) && !vendor_registered(s))
		unregistered_vendor(m, v, s);
}

static void check_type(md_model *m, const md_node *v, const char *s)
{
	if (!match_name(s, v->len, C_LOWER | C_DIGIT, C_LOWER | C_DIGIT | C_DOT | C_UNDER | C_HYPHEN))
		ERR(m, MDEVDESC_E_NAME, v, "R-TYPE-NAME",
		    "type '%.*s' must match [a-z0-9][a-z0-9._-]*", md_clip(v), v->str);
}

MD_COLD static void unknown_device_api(md_model *m, const md_node *v, const char *s)
{
	const char *const *names;
	size_t n = md_device_api_names(&names);
	const char *sug = md_suggest(v->str, v->len, names, n);
	char apis[128];

	if (m->newer) {
		WARN(m, MDEVDESC_W_UNKNOWN_ENUM, v, "R-FORMAT-MINOR",
		     "device_api '%s' is not defined by format 1.%u; kept, and a resolver answers "
		     "undecidable%s%s%s", s, (unsigned)MDEVDESC_FORMAT_MINOR, DID_YOU_MEAN(sug));
		m->has_unknown = 1;
	} else {
		md_device_api_list(apis, sizeof(apis));
		ERR(m, MDEVDESC_E_DEVICE_API, v, "R-DEVICE-API",
		    "unknown device_api '%s': expected %s%s%s%s", s, apis, DID_YOU_MEAN(sug));
	}
}

static void check_device_api(md_model *m, const md_node *v, const char *s)
{
	if (!md_device_api_known(s))
		unknown_device_api(m, v, s);
}

/* What a top-level value is, which decides how it is read. */
enum top_kind {
	T_FORMAT,   /* `mdevdesc`, read before the others */
	T_STRING,   /* const char * */
	T_VERSION,  /* struct mdevdesc_version, MAJOR.MINOR.PATCH */
	T_VERSIONS, /* struct mdevdesc_version_entry * and its count */
	T_RANGES,   /* the same, ranges allowed */
	T_HW,       /* struct mdevdesc_param * and its count, registered names checked */
	T_PARAMS,   /* struct mdevdesc_param * and its count */
	T_FEATURES, /* struct mdevdesc_feature * and its count */
	T_PARENTS,  /* const char *const * and its count (spec 5.9) */
};

struct top_key {
	const char *name;
	uint8_t len;
	uint8_t kind;        /* enum top_kind */
	uint8_t required;
	uint16_t off, n_off; /* the field in struct mdevdesc_descriptor, and its count */
	const char *what;    /* what a string is, for messages */
	check_fn check;      /* NULL, or more checks of a string */
};

#define AT(f) offsetof(struct mdevdesc_descriptor, f)

/* ---- parents (spec 5.9, R-INFO-PARENTS) ------------------------------ */

/* Whether @s[0..n) is made of bytes of @set, @first among its first byte's. */
static int all_of(const char *s, size_t n, const char *first, const char *set)
{
	size_t i;

	if (n == 0 || !strchr(first, s[0]) || s[0] == '\0')
		return 0;
	for (i = 1; i < n; i++)
		if (s[i] == '\0' || !strchr(set, s[i]))
			return 0;
	return 1;
}

#define NAME_FIRST "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_"
enum md_parent_kind md_parent_entry(const char *s, size_t n, const char **arg, size_t *arg_n)
{
	enum md_parent_kind k = MD_PARENT_INVALID;
	size_t skip = 0;

	if (n > 4 && memcmp(s, "pci:", 4) == 0 && n == 13 && s[8] == ':' &&
	    all_of(s + 4, 4, "0123456789abcdef", "0123456789abcdef") &&
	    all_of(s + 9, 4, "0123456789abcdef", "0123456789abcdef"))
		k = MD_PARENT_PCI, skip = 4;
	else if (n > 7 && memcmp(s, "driver:", 7) == 0 &&
		 all_of(s + 7, n - 7, NAME_FIRST, NAME_FIRST ".-"))
		k = MD_PARENT_DRIVER, skip = 7;
	else if (n > 7 && memcmp(s, "device:", 7) == 0 &&
		 all_of(s + 7, n - 7, NAME_FIRST, NAME_FIRST ".:-"))
		k = MD_PARENT_DEVICE, skip = 7;
	if (arg) {
		*arg = s + skip;
		*arg_n = k == MD_PARENT_INVALID ? 0 : n - skip;
	}
	return k;
}
#undef NAME_FIRST

/* `parents`: one match entry or a non-empty list of them, in order. */
static const char *const *parents_list(md_model *m, const md_node *n, size_t *count)
{
	size_t cnt, i = 0;
	const md_node *it = md_items_of(m, n, &cnt);
	const char **v;
	int bad = 0;

	*count = 0;
	if (!it)
		return NULL;
	v = alloc(m, cnt * sizeof(*v));
	if (!v)
		return NULL;
	for (; it && i < cnt; it = n->kind == MD_SEQ ? it->next : NULL, i++) {
		size_t old = n->kind == MD_SEQ ? path_index(m, i) : m->nseg;

		v[i] = md_get_string(m, it, "a parent match entry");
		if (!v[i])
			bad = 1;
		else if (md_parent_entry(v[i], it->len, NULL, NULL) == MD_PARENT_INVALID) {
			ERR(m, MDEVDESC_E_NAME, it, "R-INFO-PARENTS",
			    "parent entry '%.*s' must be pci:VVVV:DDDD (lower-case hex), "
			    "driver:NAME or device:NAME", md_clip(it), it->str);
			bad = 1;
		}
		path_pop(m, old);
	}
	if (bad)
		return NULL;
	*count = cnt;
	return v;
}

/*
 * The top-level keys in canonical order, which is also the order of the
 * reports of missing keys: TOP_KEYS(X, a) is X(a, ID, "name", kind,
 * required, field, count field, what, check) for each.
 */
#define TOP_KEYS(X, a) \
	X(a, MDEVDESC, "mdevdesc", T_FORMAT, 1, 0, 0, NULL, NULL) \
	X(a, VENDOR, "vendor", T_STRING, 1, AT(vendor), 0, "a vendor name", check_vendor) \
	X(a, TYPE, "type", T_STRING, 1, AT(type), 0, "a type name", check_type) \
	X(a, DEVICE_API, "device_api", T_STRING, 1, AT(device_api), 0, "a device API name", \
	  check_device_api) \
	X(a, VERSION, "version", T_VERSION, 1, AT(version), 0, NULL, NULL) \
	X(a, ACCEPTS, "accepts", T_RANGES, 0, AT(accepts), AT(n_accepts), NULL, NULL) \
	X(a, CREATES, "creates", T_VERSIONS, 0, AT(creates), AT(n_creates), NULL, NULL) \
	X(a, HW, "hw", T_HW, 0, AT(hw), AT(n_hw), NULL, NULL) \
	X(a, FEATURES, "features", T_FEATURES, 0, AT(features), AT(n_features), NULL, NULL) \
	X(a, PARAMS, "params", T_PARAMS, 0, AT(params), AT(n_params), NULL, NULL) \
	X(a, MDEV_TYPE, "mdev_type", T_STRING, 0, AT(mdev_type), 0, "a sysfs mdev type id", NULL) \
	X(a, PARENTS, "parents", T_PARENTS, 0, AT(parents), AT(n_parents), NULL, NULL) \
	X(a, DRIVER, "driver", T_STRING, 0, AT(driver), 0, "a driver name", NULL) \
	X(a, DESCRIPTION, "description", T_STRING, 0, AT(description), 0, "a description", NULL)

#define ROW_ID(a, id, ...) K_##id,
enum { TOP_KEYS(ROW_ID, 0) K_COUNT };
#undef ROW_ID

#define ROW(a, id, name, ...) { name, sizeof(name) - 1, __VA_ARGS__ },
static const struct top_key top_keys[K_COUNT] = { TOP_KEYS(ROW, 0) };
#undef ROW

/* The names, for "did you mean", and the place they are keys of. */
#define ROW_NAME(a, id, name, ...) name,
static const char *const top_names[K_COUNT] = { TOP_KEYS(ROW_NAME, 0) };
#undef ROW_NAME
static const struct md_place top_place = { "at the top level", top_names, K_COUNT };

/* One bit per required key. */
#define REQUIRED_BIT(a, id, name, kind, required, ...) | (required ? 1u << K_##id : 0u)
static const unsigned required_keys = 0u TOP_KEYS(REQUIRED_BIT, 0);
#undef REQUIRED_BIT

/* The row of top-level key @k, K_COUNT for any other: a test per row, of
 * a length and then of bytes of a known number, that the compiler inlines. */
#define MATCH(k, id, name, ...) \
	if (key_is(k, name)) \
		return K_##id;
static inline int top_key(const md_node *k)
{
	TOP_KEYS(MATCH, k)
	return K_COUNT;
}
#undef MATCH

/* Read the value @v of top-level key @t into @d. */
static inline void read_top(md_model *m, const md_node *v, struct mdevdesc_descriptor *d,
			    const struct top_key *t)
{
	char *field = (char *)d + t->off;
	const char *s;

	switch (t->kind) {
	case T_FORMAT:
		break;
	case T_STRING:
		s = *(const char **)(void *)field = md_get_string(m, v, t->what);
		if (s && t->check)
			t->check(m, v, s);
		break;
	case T_VERSION:
		md_version_scalar(m, v, 3, (void *)field, "R-VERSION-SYNTAX");
		break;
	case T_VERSIONS:
	case T_RANGES:
		*(struct mdevdesc_version_entry **)(void *)field =
			md_version_list(m, v, t->kind == T_RANGES, (void *)((char *)d + t->n_off));
		break;
	case T_HW:
	case T_PARAMS:
		*(struct mdevdesc_param **)(void *)field =
			md_params(m, v, t->kind == T_HW, (void *)((char *)d + t->n_off));
		break;
	case T_FEATURES:
		*(struct mdevdesc_feature **)(void *)field =
			md_features(m, v, (void *)((char *)d + t->n_off));
		break;
	case T_PARENTS:
		*(const char *const **)(void *)field =
			parents_list(m, v, (void *)((char *)d + t->n_off));
		break;
	}
}

/* ---- the document (spec 5) --------------------------------------------- */

/* Set up the builder's state; -1 when out of memory. */
static int model_init(md_model *m, md_arena *arena, md_diags *diags, const mdevdesc_limits *lim,
		      unsigned flags)
{
	/* Every segment a key within the limit plus an index or a dot. */
	uint32_t depth = lim->max_depth < MD_DEPTH_CEILING ? lim->max_depth : MD_DEPTH_CEILING;

	memset(m, 0, sizeof(*m));
	m->arena = arena;
	m->diags = diags;
	m->lim = lim;
	m->flags = flags;
	m->segcap = (size_t)depth + 2;
	m->path.size = m->segcap * ((size_t)lim->max_key_length + 24);
	m->seg = md_alloc(arena, m->segcap * sizeof(*m->seg) + m->path.size);
	if (!m->seg) {
		diags->nomem = 1;
		return -1;
	}
	m->path.b = (char *)(m->seg + m->segcap);
	return 0;
}

/* A descriptor is a mapping [R-DOC-ROOT]; 0 after reporting when @root is not. */
static int root_is_mapping(md_model *m, const md_node *root)
{
	if (is_empty_plain(root)) {
		ERR(m, MDEVDESC_E_EMPTY_DOCUMENT, root, "R-DOC-ROOT",
		    "empty document: a descriptor is a mapping that starts with mdevdesc: \"1.0\"");
		return 0;
	}
	if (root->kind != MD_MAP) {
		ERR(m, MDEVDESC_E_TYPE, root, "R-DOC-ROOT",
		    "a descriptor is a mapping of keys, found %s at the document root",
		    md_kind_name(root));
		return 0;
	}
	return 1;
}

struct mdevdesc_doc *md_model_build(const md_syntax_doc *doc, md_arena *arena, md_diags *diags,
				    const mdevdesc_limits *lim, unsigned flags)
{
	md_model mm, *m = &mm;
	struct mdevdesc_doc *out;
	struct mdevdesc_descriptor *d;
	const md_node *root = doc->root, *key[K_COUNT], *c;
	struct extras x = { NULL, 0, 0 };
	size_t errors0 = diags->errors, pos;
	unsigned char idx[32]; /* top_key() of the first keys, for the second pass */
	unsigned present = 0;  /* one bit per key found */
	int i;

	if (model_init(m, arena, diags, lim, flags))
		return NULL;
	out = alloc(m, sizeof(*out));
	if (!out)
		return NULL;
	memset(out, 0, sizeof(*out));
	d = &out->d;
	out->line = doc->line;
	if (!root_is_mapping(m, root))
		return NULL;
	memset(key, 0, sizeof(key));
	for (c = root->child, pos = 0; c; c = c->next->next, pos++) {
		i = top_key(c);
		if (pos < sizeof(idx))
			idx[pos] = (unsigned char)i;
		if (i < K_COUNT) {
			key[i] = c;
			present |= 1u << i;
		}
	}
	/* The format version decides how unknown keys are treated (spec 7). */
	if (key[K_MDEVDESC]) {
		size_t old = path_key(m, "mdevdesc", 8);
		int stop = md_format_version(m, key[K_MDEVDESC]->next, d);
		path_pop(m, old);
		if (stop)
			return NULL;
	} else {
		d->format_major = MDEVDESC_FORMAT_MAJOR;
		d->format_minor = MDEVDESC_FORMAT_MINOR;
	}
	for (i = 0; (present & required_keys) != required_keys && i < K_COUNT; i++) {
		if (top_keys[i].required && !key[i])
			ERR(m, MDEVDESC_E_MISSING_KEY, root, "R-KEY-REQUIRED",
			    "required key '%s' is missing", top_keys[i].name);
	}
	for (c = root->child, pos = 0; c; c = c->next->next, pos++) {
		size_t old = path_key(m, c->str, c->len);

		/* The top-level keys pass md_check_key(); any other is checked. */
		i = pos < sizeof(idx) ? idx[pos] : top_key(c);
		if (i < K_COUNT)
			read_top(m, c->next, d, &top_keys[i]);
		else if (!md_check_key(m, c))
			md_other_key(m, &x, c, &top_place);
		path_pop(m, old);
	}
	if (d->creates && key[K_VERSION] && diags->errors == errors0)
		md_creates_not_newer(m, d, key[K_CREATES]->next);
	extras_put(&x, &d->extra, &d->n_extra);
	out->has_unknown = m->has_unknown;
	if (diags->nomem || diags->errors != errors0)
		return NULL;
	return out;
}
