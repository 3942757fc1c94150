/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/*
 * parse.c - parse and validate one corpus with libmdevdesc and with what a
 * user would pick instead (Debian's libyaml, libfyaml and libcyaml), plus
 * the limit: a memchr pass over the same mapped bytes.  bench/README.md
 * explains the columns; bench/corpus.c generates the corpus.
 *
 *   parse [--only PEER] [--corpus NAME] [--budget SECONDS] CORPUSDIR EXAMPLE.yaml...
 *
 * Peers (each reads the mmap'd file; each input gets its own parser):
 *   mdevdesc   mdevdesc_reader_new/next: one document at a time, parse and
 *              validate (spec 4 and 5), the model consumed through
 *              mdevdesc_doc_descriptor()
 *   yaml-scan  libyaml's bare event scan: yaml_parser_parse() until the end
 *   yaml-load  yaml_parser_load() one document at a time, then walk() below
 *   fyaml      fy_parse_load_document() one document at a time, then walk()
 *   cyaml      cyaml_load_data() on each document (cyaml reads only the first
 *              document of a stream, so documents are cut at '---' lines;
 *              the cut is timed) with the schema that cyaml can express
 *   memchr     memchr() counting newlines: the floor of any parser
 *   md-lex     libmdevdesc's lexer alone (md_lex, an internal function):
 *              every token of the input, no tree, no model
 *   md-syntax  the reader with MDEVDESC_SYNTAX_ONLY: lexer and syntax tree
 *              (spec 4), no model
 * The last two are not peers: they split libmdevdesc's time by layer.
 *
 * walk() is what a vendor's C tool would write on top of a YAML loader: it
 * fills a struct with the fields of struct mdevdesc_descriptor (strings point
 * into the loader's tree, arrays come from a bump arena reset per document,
 * which is cheaper than malloc) and checks required keys, unknown and
 * duplicate keys, node kinds, the format version, vendor (syntax and
 * registry), type, device_api, version syntax and ranges, accepts and creates
 * entries, creates not newer than version, entry names, integer syntax and
 * range, integer ranges, bitmap syntax and width, rule, values and defaults
 * in accepts, duplicate entry names (entries are sorted by name, as
 * libmdevdesc returns them).  It does not apply the quoting table (4.4), the
 * string rule (R-TYPE-STRING) or the limits of spec 8, which libmdevdesc
 * does: the peers do less work than libmdevdesc, never more.
 *
 * Every peer counts what it saw; the counts must agree with libmdevdesc's
 * (documents; scalars, which is keys plus values; keys; values; the
 * top-level strings present), and no peer may find an invalid document.
 * The exit status is 1 when a count differs or a document is invalid.
 *
 * Each peer runs on each corpus in a forked child (so that peak RSS,
 * getrusage's ru_maxrss, is its own), pinned to one CPU: a warm-up pass,
 * then timed runs until at least MIN_RUNS runs and BUDGET seconds; the
 * median run is reported.  Cycles are TSC reference cycles (rdtsc), not
 * core cycles: this machine's perf has no hardware counters.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#if defined(__x86_64__) || defined(__i386__)
#include <x86intrin.h>
#define HAVE_TSC 1
#else
#define HAVE_TSC 0
#endif

#include <cyaml/cyaml.h>
#include <libfyaml.h>
#include <yaml.h>

#include "mdevdesc.h"
#include "parser/syntax.h" /* md_lex, for the layer split only */

#define MIN_RUNS 3
#define MAX_RUNS 31
#define RUN_MIN_SECONDS 0.05 /* a run repeats the corpus until it lasts this long */
static double budget = 1.5;  /* timed seconds per peer and corpus, at least */

/* ---- time ------------------------------------------------------------------ */

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static uint64_t tsc(void)
{
#if HAVE_TSC
	return __rdtsc();
#else
	return 0;
#endif
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* ---- inputs ----------------------------------------------------------------- */

struct input {
	const char *p;
	size_t n;
};

struct counts {
	uint64_t docs;   /* documents */
	uint64_t keys;   /* mapping keys at every depth */
	uint64_t values; /* scalars that are not keys */
	uint64_t scalars; /* keys + values (the event scan sees no difference) */
	uint64_t top;    /* top-level strings present (mdevdesc, vendor, type,
			    device_api, version, mdev_type, driver, description) */
	uint64_t lines;  /* newlines (memchr) */
	uint64_t errors; /* invalid documents, parse errors */
};

/* The first error a peer met, for the report. */
static char first_error[256];

static void note_error(struct counts *c, const char *fmt, const char *arg)
{
	if (!c->errors++ && !first_error[0])
		snprintf(first_error, sizeof(first_error), fmt, arg ? arg : "");
}

/* Is @p..@p+n a line "---" followed by a space, TAB, CR, LF or the end? */
static int start_line(const char *p, const char *end)
{
	return end - p >= 3 && p[0] == '-' && p[1] == '-' && p[2] == '-' &&
	       (end - p == 3 || p[3] == ' ' || p[3] == '\t' || p[3] == '\r' || p[3] == '\n');
}

/* Does a piece of a stream hold anything but blank and comment lines? */
static int has_content(const char *p, const char *end)
{
	while (p < end) {
		const char *q = p;
		while (q < end && (*q == ' ' || *q == '\t' || *q == '\r'))
			q++;
		if (q < end && *q != '\n' && *q != '#')
			return 1;
		q = memchr(q, '\n', (size_t)(end - q));
		if (!q)
			return 0;
		p = q + 1;
	}
	return 0;
}

/*
 * The documents of @in, cut before each '---' line; pieces without content
 * are dropped.  Calls @fn on each.
 */
static void each_document(const struct input *in, void (*fn)(const char *, size_t, struct counts *),
			  struct counts *c)
{
	const char *p = in->p, *end = in->p + in->n, *start = p, *q = p;

	while (q < end) {
		const char *nl;
		if (q != start && start_line(q, end)) {
			if (has_content(start, q))
				fn(start, (size_t)(q - start), c);
			start = q;
		}
		nl = memchr(q, '\n', (size_t)(end - q));
		q = nl ? nl + 1 : end;
	}
	if (start < end && has_content(start, end))
		fn(start, (size_t)(end - start), c);
}

/* ---- libmdevdesc --------------------------------------------------------------- */

struct alc_stats {
	uint64_t calls;  /* malloc and realloc calls */
	uint64_t bytes;  /* bytes requested by them */
	size_t live, peak;
};

static struct alc_stats alc_stats;

static void *count_malloc(void *ctx, size_t n)
{
	size_t *p = malloc(n + 16);
	(void)ctx;
	if (!p)
		return NULL;
	alc_stats.calls++;
	alc_stats.bytes += n;
	alc_stats.live += n;
	if (alc_stats.live > alc_stats.peak)
		alc_stats.peak = alc_stats.live;
	p[0] = n;
	return (char *)p + 16;
}

static void count_free(void *ctx, void *ptr)
{
	size_t *p;
	(void)ctx;
	if (!ptr)
		return;
	p = (size_t *)((char *)ptr - 16);
	alc_stats.live -= p[0];
	free(p);
}

static void *count_realloc(void *ctx, void *ptr, size_t old, size_t n)
{
	size_t *p = ptr ? (size_t *)((char *)ptr - 16) : NULL, prev = p ? p[0] : 0;
	(void)ctx;
	(void)old;
	p = realloc(p, n + 16);
	if (!p)
		return NULL;
	alc_stats.calls++;
	alc_stats.bytes += n;
	alc_stats.live += n - prev;
	if (alc_stats.live > alc_stats.peak)
		alc_stats.peak = alc_stats.live;
	p[0] = n;
	return (char *)p + 16;
}

static const mdevdesc_alc counting_alc = { count_malloc, count_realloc, count_free, NULL };
static const mdevdesc_options counting_opt = { &counting_alc, NULL, 0 };
static const mdevdesc_options *md_opt; /* NULL (malloc) while timed */

static void md_count_node(const struct mdevdesc_node *n, struct counts *c)
{
	size_t i;

	if (n->key)
		c->keys++;
	if (n->kind == MDEVDESC_NODE_PLAIN || n->kind == MDEVDESC_NODE_STRING) {
		c->values++;
		return;
	}
	for (i = 0; i < n->n_items; i++)
		md_count_node(&n->items[i], c);
}

static void md_count_params(const struct mdevdesc_param *p, size_t n, struct counts *c)
{
	size_t i, k;

	for (i = 0; i < n; i++) {
		c->keys += 2; /* the name, value */
		c->values += 1;
		if (p[i].n_accepts) {
			c->keys++;
			c->values += p[i].n_accepts;
		}
		if (p[i].def.kind != MDEVDESC_VALUE_NONE) {
			c->keys++;
			c->values++;
		}
		for (k = 0; k < p[i].n_extra; k++)
			md_count_node(&p[i].extra[k], c);
	}
}

/* Counts what the model holds, the way the peers count the YAML. */
static void md_count(const struct mdevdesc_descriptor *d, struct counts *c)
{
	uint64_t top = 5u + (d->mdev_type != NULL) + (d->driver != NULL) + (d->description != NULL);
	size_t i, k;

	c->top += top;
	c->keys += top + !!d->n_accepts + !!d->n_creates + !!d->n_hw + !!d->n_features +
		   !!d->n_params;
	c->values += top + d->n_accepts + d->n_creates;
	md_count_params(d->hw, d->n_hw, c);
	md_count_params(d->params, d->n_params, c);
	for (i = 0; i < d->n_features; i++) {
		c->keys += 3;
		c->values += 2;
		for (k = 0; k < d->features[i].n_extra; k++)
			md_count_node(&d->features[i].extra[k], c);
	}
	for (i = 0; i < d->n_extra; i++)
		md_count_node(&d->extra[i], c);
}

static void run_mdevdesc(const struct input *in, struct counts *c)
{
	mdevdesc_reader *r;
	const mdevdesc_doc *d;
	mdevdesc_code got;

	if (mdevdesc_reader_new(in->p, in->n, md_opt, &r) != MDEVDESC_OK) {
		note_error(c, "mdevdesc_reader_new failed%s", NULL);
		return;
	}
	while ((got = mdevdesc_reader_next(r, &d)) == MDEVDESC_OK) {
		c->docs++;
		if (!d) {
			const mdevdesc_diag *g = mdevdesc_reader_diag(r, 0);
			note_error(c, "libmdevdesc: %s", g ? g->message : "invalid document");
			continue;
		}
		md_count(mdevdesc_doc_descriptor(d), c);
	}
	if (got != MDEVDESC_DONE)
		note_error(c, "libmdevdesc: reading stopped%s", NULL);
	c->scalars = c->keys + c->values;
	mdevdesc_reader_free(r);
}

/* ---- the walk: a vendor's C tool on top of a YAML loader ------------------------ */

struct w_str {
	const char *p;
	size_t n;
};

enum { WV_NONE, WV_INT, WV_STR, WV_RANGE };

struct w_value {
	int kind;
	int64_t i, hi;
	struct w_str s;
};

struct w_version {
	uint32_t major, minor, patch;
	int has_patch;
};

struct w_ventry {
	struct w_version low, high;
	int is_range;
};

struct w_param {
	struct w_str name;
	struct w_value value;
	struct w_value *accepts;
	size_t n_accepts;
	struct w_value def;
	size_t n_extra;
};

struct w_feature {
	struct w_str name, bits;
	int rule;
	size_t n_extra;
};

struct w_desc {
	uint32_t format_major, format_minor;
	struct w_str vendor, type, device_api;
	struct w_version version;
	struct w_ventry *accepts;
	size_t n_accepts;
	struct w_ventry *creates;
	size_t n_creates;
	struct w_param *hw;
	size_t n_hw;
	struct w_feature *features;
	size_t n_features;
	struct w_param *params;
	size_t n_params;
	struct w_str mdev_type, driver, description;
	size_t n_extra;
};

/* A bump arena for the walk's arrays, reset per document. */
static struct {
	char *p;
	size_t used, cap;
} arena;

static void *arena_alloc(size_t n)
{
	void *p;

	n = (n + 15) & ~(size_t)15;
	if (arena.used + n > arena.cap) {
		fprintf(stderr, "parse: walk arena exhausted\n");
		exit(2);
	}
	p = arena.p + arena.used;
	arena.used += n;
	return p;
}

/* The loader's tree, seen through four calls. */
enum { N_SCALAR, N_SEQ, N_MAP, N_OTHER };

struct tree_ops {
	int (*kind)(void *doc, void *node);
	/* the text of a scalar; returns 1 when plain */
	int (*scalar)(void *doc, void *node, struct w_str *s);
	size_t (*count)(void *doc, void *node);
	/* next item (sequence) or key (mapping, *value gets the value); NULL at the end */
	void *(*next)(void *doc, void *node, void **it, void **value);
};

struct walker {
	const struct tree_ops *o;
	void *doc;
	struct counts *c;
	unsigned errors;
	const char *why;
};

static void fail(struct walker *w, const char *why)
{
	if (!w->errors++)
		w->why = why;
}

#define EQ(s, lit) ((s).n == sizeof(lit) - 1 && memcmp((s).p, lit, sizeof(lit) - 1) == 0)

static int is_ext(struct w_str s)
{
	return s.n > 2 && s.p[0] == 'x' && s.p[1] == '-';
}

/* A scalar where one is required; counts it as a value. */
static int scalar_value(struct walker *w, void *node, struct w_str *s, int *plain)
{
	int pl;

	if (w->o->kind(w->doc, node) != N_SCALAR) {
		fail(w, "a scalar was expected");
		return 0;
	}
	pl = w->o->scalar(w->doc, node, s);
	if (plain)
		*plain = pl;
	w->c->values++;
	return 1;
}

static int scalar_key(struct walker *w, void *node, struct w_str *s)
{
	if (w->o->kind(w->doc, node) != N_SCALAR) {
		fail(w, "a key must be a scalar");
		return 0;
	}
	w->o->scalar(w->doc, node, s);
	w->c->keys++;
	return 1;
}

/* Untyped content (extension values): counted, kinds checked. */
static void untyped(struct walker *w, void *node)
{
	int k = w->o->kind(w->doc, node);
	void *it = NULL, *v, *x;
	struct w_str s;

	if (k == N_SCALAR) {
		w->c->values++;
		return;
	}
	if (k == N_OTHER) {
		fail(w, "alias");
		return;
	}
	while ((x = w->o->next(w->doc, node, &it, &v))) {
		if (k == N_MAP) {
			if (scalar_key(w, x, &s))
				untyped(w, v);
		} else {
			untyped(w, x);
		}
	}
}

/* Decimal without leading zeros, at most @max. */
static int dec(const char *p, size_t n, uint64_t max, uint64_t *out)
{
	uint64_t v = 0;
	size_t i;

	if (n == 0 || (n > 1 && p[0] == '0'))
		return 0;
	for (i = 0; i < n; i++) {
		if (p[i] < '0' || p[i] > '9')
			return 0;
		v = v * 10 + (uint64_t)(p[i] - '0');
		if (v > max)
			return 0;
	}
	*out = v;
	return 1;
}

/* MAJOR.MINOR or MAJOR.MINOR.PATCH with @min..@max parts, each <= 65535. */
static int parse_version(const char *p, size_t n, int min, int max, struct w_version *v)
{
	uint64_t part[3];
	int np = 0;
	size_t i = 0, start = 0;

	for (;;) {
		if (i == n || p[i] == '.') {
			if (np == 3 || !dec(p + start, i - start, 65535, &part[np]))
				return 0;
			np++;
			if (i == n)
				break;
			start = i + 1;
		}
		i++;
	}
	if (np < min || np > max)
		return 0;
	v->major = (uint32_t)part[0];
	v->minor = (uint32_t)part[1];
	v->patch = np == 3 ? (uint32_t)part[2] : 0;
	v->has_patch = np == 3;
	return 1;
}

/* An accepts (ranges allowed) or creates entry. */
static int parse_ventry(struct w_str s, int allow_range, struct w_ventry *e)
{
	const char *dd = s.n >= 2 ? memmem(s.p, s.n, "..", 2) : NULL;
	uint64_t lo, hi;

	e->is_range = dd != NULL;
	if (!dd)
		return parse_version(s.p, s.n, 2, 3, &e->low);
	if (!allow_range || !parse_version(s.p, (size_t)(dd - s.p), 2, 3, &e->low) ||
	    !parse_version(dd + 2, s.n - (size_t)(dd + 2 - s.p), 2, 3, &e->high))
		return 0;
	/* A missing PATCH is 0 at LOW, unbounded at HIGH. */
	lo = ((uint64_t)e->low.major << 40) | ((uint64_t)e->low.minor << 20) | e->low.patch;
	hi = ((uint64_t)e->high.major << 40) | ((uint64_t)e->high.minor << 20) |
	     (e->high.has_patch ? e->high.patch : 0xfffff);
	return lo <= hi ? 1 : -1;
}

/* Integer syntax of R-TYPE-INTEGER: 1 integer, 0 not one, -1 out of range. */
static int parse_int(const char *p, size_t n, int64_t *out)
{
	uint64_t v = 0;
	size_t i;
	int neg = 0;

	if (n > 2 && p[0] == '0' && p[1] == 'x') {
		for (i = 2; i < n; i++) {
			int d = p[i] >= '0' && p[i] <= '9' ? p[i] - '0'
				: p[i] >= 'a' && p[i] <= 'f' ? p[i] - 'a' + 10
				: p[i] >= 'A' && p[i] <= 'F' ? p[i] - 'A' + 10 : -1;
			if (d < 0)
				return 0;
			if (v >> 59)
				return -1;
			v = v << 4 | (uint64_t)d;
		}
		if (v > (uint64_t)INT64_MAX)
			return -1;
		*out = (int64_t)v;
		return 1;
	}
	if (n && p[0] == '-') {
		neg = 1;
		p++;
		n--;
	}
	if (n == 0 || (n > 1 && p[0] == '0'))
		return 0;
	for (i = 0; i < n; i++)
		if (p[i] < '0' || p[i] > '9')
			return 0;
	for (i = 0; i < n; i++) {
		if (v > (UINT64_MAX - 9) / 10)
			return -1;
		v = v * 10 + (uint64_t)(p[i] - '0');
	}
	if (v > (uint64_t)INT64_MAX + (uint64_t)neg)
		return -1;
	*out = neg ? (int64_t)(0 - v) : (int64_t)v;
	return 1;
}

/* A value, default or accepts item of a hw or params entry. */
static void param_value(struct walker *w, void *node, int item, struct w_value *v)
{
	struct w_str s;
	int plain, r;
	const char *dd;

	v->kind = WV_NONE;
	if (!scalar_value(w, node, &s, &plain))
		return;
	if (plain) {
		r = parse_int(s.p, s.n, &v->i);
		if (r > 0) {
			v->kind = WV_INT;
			return;
		}
		if (r < 0) {
			fail(w, "integer out of range");
			return;
		}
		if (item && (dd = s.n >= 2 ? memmem(s.p, s.n, "..", 2) : NULL)) {
			size_t nlo = (size_t)(dd - s.p);
			if (parse_int(s.p, nlo, &v->i) <= 0 ||
			    parse_int(dd + 2, s.n - nlo - 2, &v->hi) <= 0 || v->i > v->hi)
				fail(w, "bad integer range");
			v->kind = WV_RANGE;
			return;
		}
		if (s.n == 0) {
			fail(w, "null value");
			return;
		}
	}
	v->kind = WV_STR;
	v->s = s;
}

static int accepted(const struct w_value *v, const struct w_value *acc, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (v->kind == WV_INT && acc[i].kind == WV_INT && acc[i].i == v->i)
			return 1;
		if (v->kind == WV_INT && acc[i].kind == WV_RANGE && acc[i].i <= v->i && v->i <= acc[i].hi)
			return 1;
		if (v->kind == WV_STR && acc[i].kind == WV_STR && acc[i].s.n == v->s.n &&
		    memcmp(acc[i].s.p, v->s.p, v->s.n) == 0)
			return 1;
	}
	return 0;
}

static int name_ok(struct w_str s, int first_digit, const char *more)
{
	size_t i;

	if (s.n == 0 || !((s.p[0] >= 'a' && s.p[0] <= 'z') ||
			  (first_digit && s.p[0] >= '0' && s.p[0] <= '9')))
		return 0;
	for (i = 1; i < s.n; i++) {
		char ch = s.p[i];
		if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || strchr(more, ch)))
			return 0;
	}
	return 1;
}

static const char *const registry[] = {
	"amd", "arm", "broadcom", "example", "hisilicon", "huawei", "ibm", "intel",
	"linux", "marvell", "nvidia", "nxp", "qualcomm", "test",
};

static const char *const device_apis[] = {
	"vfio-pci", "vfio-platform", "vfio-amba", "vfio-ccw", "vfio-ap", "vfio-fsl-mc", "vfio-cdx",
};

static int in_list(struct w_str s, const char *const *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strlen(list[i]) == s.n && memcmp(list[i], s.p, s.n) == 0)
			return 1;
	return 0;
}

static int cmp_str(struct w_str a, struct w_str b)
{
	int r = memcmp(a.p, b.p, a.n < b.n ? a.n : b.n);
	return r ? r : (a.n > b.n) - (a.n < b.n);
}

static int cmp_param(const void *a, const void *b)
{
	return cmp_str(((const struct w_param *)a)->name, ((const struct w_param *)b)->name);
}

static int cmp_feature(const void *a, const void *b)
{
	return cmp_str(((const struct w_feature *)a)->name, ((const struct w_feature *)b)->name);
}

/* accepts / creates: one entry or a non-empty list. */
static struct w_ventry *ventries(struct walker *w, void *node, int accepts, size_t *n)
{
	int k = w->o->kind(w->doc, node);
	struct w_ventry *v;
	void *it = NULL, *x, *unused;
	struct w_str s;
	size_t i = 0;

	*n = 0;
	if (k != N_SCALAR && k != N_SEQ) {
		fail(w, "accepts/creates: one entry or a list");
		return NULL;
	}
	*n = k == N_SCALAR ? 1 : w->o->count(w->doc, node);
	if (*n == 0) {
		fail(w, "empty list");
		return NULL;
	}
	v = arena_alloc(*n * sizeof(*v));
	if (k == N_SCALAR) {
		if (scalar_value(w, node, &s, NULL) && parse_ventry(s, accepts, &v[0]) <= 0)
			fail(w, "bad version entry");
		return v;
	}
	while ((x = w->o->next(w->doc, node, &it, &unused)))
		if (scalar_value(w, x, &s, NULL) && parse_ventry(s, accepts, &v[i++]) <= 0)
			fail(w, "bad version entry");
	return v;
}

/* hw or params. */
static struct w_param *params(struct walker *w, void *node, size_t *n)
{
	struct w_param *v;
	void *it = NULL, *x, *val;
	size_t i = 0;

	*n = 0;
	if (w->o->kind(w->doc, node) != N_MAP) {
		fail(w, "hw/params: a mapping was expected");
		return NULL;
	}
	*n = w->o->count(w->doc, node);
	v = arena_alloc(*n * sizeof(*v) + 1);
	while ((x = w->o->next(w->doc, node, &it, &val))) {
		struct w_param *p = &v[i++];
		void *it2 = NULL, *k2, *v2;
		unsigned seen = 0;

		memset(p, 0, sizeof(*p));
		if (!scalar_key(w, x, &p->name))
			continue;
		if (!name_ok(p->name, 0, "_"))
			fail(w, "bad entry name");
		if (w->o->kind(w->doc, val) != N_MAP) {
			fail(w, "an entry must be a mapping");
			continue;
		}
		while ((k2 = w->o->next(w->doc, val, &it2, &v2))) {
			struct w_str key;
			unsigned bit;

			if (!scalar_key(w, k2, &key))
				continue;
			if (EQ(key, "value")) {
				bit = 1;
				param_value(w, v2, 0, &p->value);
			} else if (EQ(key, "default")) {
				bit = 2;
				param_value(w, v2, 0, &p->def);
			} else if (EQ(key, "accepts")) {
				int k = w->o->kind(w->doc, v2);
				bit = 4;
				if (k == N_SCALAR) {
					p->n_accepts = 1;
					p->accepts = arena_alloc(sizeof(*p->accepts));
					param_value(w, v2, 1, &p->accepts[0]);
				} else if (k == N_SEQ) {
					void *it3 = NULL, *item, *unused;
					size_t j = 0;
					p->n_accepts = w->o->count(w->doc, v2);
					if (!p->n_accepts)
						fail(w, "empty list");
					p->accepts = arena_alloc(p->n_accepts * sizeof(*p->accepts) + 1);
					while ((item = w->o->next(w->doc, v2, &it3, &unused)))
						param_value(w, item, 1, &p->accepts[j++]);
				} else {
					fail(w, "accepts: one item or a list");
				}
			} else if (is_ext(key)) {
				bit = 0;
				p->n_extra++;
				untyped(w, v2);
			} else {
				fail(w, "unknown key in an entry");
				untyped(w, v2);
				continue;
			}
			if (seen & bit)
				fail(w, "duplicate key");
			seen |= bit;
		}
		if (!(seen & 1)) {
			fail(w, "missing value");
			continue;
		}
		if (p->n_accepts) {
			if (!accepted(&p->value, p->accepts, p->n_accepts) ||
			    (p->def.kind != WV_NONE && !accepted(&p->def, p->accepts, p->n_accepts)))
				fail(w, "value not accepted");
		} else if (p->def.kind != WV_NONE && !accepted(&p->def, &p->value, 1)) {
			fail(w, "default differs from value");
		}
	}
	qsort(v, i, sizeof(*v), cmp_param);
	for (size_t j = 1; j < i; j++)
		if (cmp_str(v[j - 1].name, v[j].name) == 0)
			fail(w, "duplicate entry");
	return v;
}

static struct w_feature *features(struct walker *w, void *node, size_t *n)
{
	struct w_feature *v;
	void *it = NULL, *x, *val;
	size_t i = 0;

	*n = 0;
	if (w->o->kind(w->doc, node) != N_MAP) {
		fail(w, "features: a mapping was expected");
		return NULL;
	}
	*n = w->o->count(w->doc, node);
	v = arena_alloc(*n * sizeof(*v) + 1);
	while ((x = w->o->next(w->doc, node, &it, &val))) {
		struct w_feature *f = &v[i++];
		void *it2 = NULL, *k2, *v2;
		unsigned seen = 0;

		memset(f, 0, sizeof(*f));
		if (!scalar_key(w, x, &f->name))
			continue;
		if (!name_ok(f->name, 0, "_"))
			fail(w, "bad entry name");
		if (w->o->kind(w->doc, val) != N_MAP) {
			fail(w, "a feature must be a mapping");
			continue;
		}
		while ((k2 = w->o->next(w->doc, val, &it2, &v2))) {
			struct w_str key, s;
			unsigned bit;

			if (!scalar_key(w, k2, &key))
				continue;
			if (EQ(key, "bits")) {
				bit = 1;
				if (scalar_value(w, v2, &s, NULL)) {
					size_t j = 2;
					f->bits = s;
					if (s.n < 3 || s.p[0] != '0' || s.p[1] != 'x')
						fail(w, "bad bitmap");
					for (j = 2; j < s.n; j++)
						if (!((s.p[j] >= '0' && s.p[j] <= '9') ||
						      (s.p[j] >= 'a' && s.p[j] <= 'f') ||
						      (s.p[j] >= 'A' && s.p[j] <= 'F')))
							break;
					if (j != s.n)
						fail(w, "bad bitmap");
					for (j = 2; j < s.n && s.p[j] == '0'; j++)
						;
					if ((s.n - j) * 4 > 4096)
						fail(w, "bitmap too wide");
				}
			} else if (EQ(key, "rule")) {
				bit = 2;
				if (scalar_value(w, v2, &s, NULL)) {
					f->rule = EQ(s, "superset") ? 1 : EQ(s, "equal") ? 2 : 0;
					if (!f->rule)
						fail(w, "bad rule");
				}
			} else if (is_ext(key)) {
				bit = 0;
				f->n_extra++;
				untyped(w, v2);
			} else {
				fail(w, "unknown key in a feature");
				untyped(w, v2);
				continue;
			}
			if (seen & bit)
				fail(w, "duplicate key");
			seen |= bit;
		}
		if (seen != 3)
			fail(w, "bits and rule are required");
	}
	qsort(v, i, sizeof(*v), cmp_feature);
	for (size_t j = 1; j < i; j++)
		if (cmp_str(v[j - 1].name, v[j].name) == 0)
			fail(w, "duplicate entry");
	return v;
}

enum {
	K_MDEVDESC, K_VENDOR, K_TYPE, K_DEVICE_API, K_VERSION, K_ACCEPTS, K_CREATES,
	K_HW, K_FEATURES, K_PARAMS, K_MDEV_TYPE, K_DRIVER, K_DESCRIPTION, K_EXT, K_UNKNOWN
};

static int top_key(struct w_str s)
{
	static const char *const names[] = {
		"mdevdesc", "vendor", "type", "device_api", "version", "accepts", "creates",
		"hw", "features", "params", "mdev_type", "driver", "description",
	};
	int i;

	for (i = 0; i < K_EXT; i++)
		if (strlen(names[i]) == s.n && memcmp(names[i], s.p, s.n) == 0)
			return i;
	return is_ext(s) ? K_EXT : K_UNKNOWN;
}

#define TOP_STRINGS ((1u << K_MDEVDESC) | (1u << K_VENDOR) | (1u << K_TYPE) | \
		     (1u << K_DEVICE_API) | (1u << K_VERSION) | (1u << K_MDEV_TYPE) | \
		     (1u << K_DRIVER) | (1u << K_DESCRIPTION))

/* The checks shared with the cyaml peer, on the top-level strings. */
static void check_format(struct walker *w, struct w_str s, struct w_desc *d)
{
	const char *dot = memchr(s.p, '.', s.n);
	uint64_t M, m;

	if (!dot || !dec(s.p, (size_t)(dot - s.p), UINT32_MAX, &M) ||
	    !dec(dot + 1, s.n - (size_t)(dot + 1 - s.p), UINT32_MAX, &m))
		fail(w, "bad format version");
	else if (M != 1)
		fail(w, "format major");
	else {
		d->format_major = (uint32_t)M;
		d->format_minor = (uint32_t)m;
	}
}

static void check_vendor(struct walker *w, struct w_str s)
{
	if (!name_ok(s, 1, "-"))
		fail(w, "bad vendor");
	else if (!in_list(s, registry, sizeof(registry) / sizeof(registry[0])))
		fail(w, "vendor not registered");
}

static void check_type(struct walker *w, struct w_str s)
{
	if (!name_ok(s, 1, "._-"))
		fail(w, "bad type");
}

static int walk(const struct tree_ops *o, void *doc, void *root, struct counts *c)
{
	struct walker w = { o, doc, c, 0, NULL };
	struct w_desc d;
	void *it = NULL, *k, *v;
	unsigned seen = 0;
	size_t i;
	int have_version = 0;

	memset(&d, 0, sizeof(d));
	arena.used = 0;
	if (o->kind(doc, root) != N_MAP) {
		fail(&w, "the root must be a mapping");
		goto out;
	}
	while ((k = o->next(doc, root, &it, &v))) {
		struct w_str key, s;
		int id;

		if (!scalar_key(&w, k, &key))
			continue;
		id = top_key(key);
		if (id == K_EXT) {
			d.n_extra++;
			untyped(&w, v);
			continue;
		}
		if (id == K_UNKNOWN) {
			fail(&w, "unknown key");
			untyped(&w, v);
			continue;
		}
		if (seen & (1u << id))
			fail(&w, "duplicate key");
		seen |= 1u << id;
		switch (id) {
		case K_MDEVDESC:
			if (scalar_value(&w, v, &s, NULL))
				check_format(&w, s, &d);
			break;
		case K_VENDOR:
			if (scalar_value(&w, v, &d.vendor, NULL))
				check_vendor(&w, d.vendor);
			break;
		case K_TYPE:
			if (scalar_value(&w, v, &d.type, NULL))
				check_type(&w, d.type);
			break;
		case K_DEVICE_API:
			if (scalar_value(&w, v, &d.device_api, NULL) &&
			    !in_list(d.device_api, device_apis, sizeof(device_apis) / sizeof(device_apis[0])))
				fail(&w, "bad device_api");
			break;
		case K_VERSION:
			if (scalar_value(&w, v, &s, NULL)) {
				have_version = parse_version(s.p, s.n, 3, 3, &d.version);
				if (!have_version)
					fail(&w, "bad version");
			}
			break;
		case K_ACCEPTS:
			d.accepts = ventries(&w, v, 1, &d.n_accepts);
			break;
		case K_CREATES:
			d.creates = ventries(&w, v, 0, &d.n_creates);
			break;
		case K_HW:
			d.hw = params(&w, v, &d.n_hw);
			break;
		case K_FEATURES:
			d.features = features(&w, v, &d.n_features);
			break;
		case K_PARAMS:
			d.params = params(&w, v, &d.n_params);
			break;
		case K_MDEV_TYPE:
			scalar_value(&w, v, &d.mdev_type, NULL);
			break;
		case K_DRIVER:
			scalar_value(&w, v, &d.driver, NULL);
			break;
		default:
			scalar_value(&w, v, &d.description, NULL);
			break;
		}
	}
	if ((seen & 0x1f) != 0x1f)
		fail(&w, "missing required key");
	if (have_version) {
		const struct w_version *V = &d.version;
		for (i = 0; i < d.n_creates; i++) {
			const struct w_version *e = &d.creates[i].low;
			if (e->major > V->major || (e->major == V->major && e->minor > V->minor) ||
			    (e->has_patch && e->major == V->major && e->minor == V->minor &&
			     e->patch > V->patch))
				fail(&w, "creates newer than version");
		}
	}
	c->top += (uint64_t)__builtin_popcount(seen & TOP_STRINGS);
out:
	if (w.errors && !first_error[0])
		snprintf(first_error, sizeof(first_error), "walk: %s", w.why);
	return w.errors != 0;
}

/* ---- libyaml ------------------------------------------------------------------ */

static void run_yaml_scan(const struct input *in, struct counts *c)
{
	yaml_parser_t p;
	yaml_event_t e;
	int done = 0;

	if (!yaml_parser_initialize(&p)) {
		note_error(c, "yaml_parser_initialize failed%s", NULL);
		return;
	}
	yaml_parser_set_input_string(&p, (const unsigned char *)in->p, in->n);
	while (!done) {
		if (!yaml_parser_parse(&p, &e)) {
			note_error(c, "libyaml: %s", p.problem);
			break;
		}
		if (e.type == YAML_DOCUMENT_START_EVENT)
			c->docs++;
		else if (e.type == YAML_SCALAR_EVENT)
			c->scalars++;
		else if (e.type == YAML_STREAM_END_EVENT)
			done = 1;
		yaml_event_delete(&e);
	}
	yaml_parser_delete(&p);
}

static int y_kind(void *doc, void *node)
{
	(void)doc;
	switch (((yaml_node_t *)node)->type) {
	case YAML_SCALAR_NODE:
		return N_SCALAR;
	case YAML_SEQUENCE_NODE:
		return N_SEQ;
	case YAML_MAPPING_NODE:
		return N_MAP;
	default:
		return N_OTHER;
	}
}

static int y_scalar(void *doc, void *node, struct w_str *s)
{
	yaml_node_t *n = node;
	(void)doc;
	s->p = (const char *)n->data.scalar.value;
	s->n = n->data.scalar.length;
	return n->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
}

static size_t y_count(void *doc, void *node)
{
	yaml_node_t *n = node;
	(void)doc;
	if (n->type == YAML_SEQUENCE_NODE)
		return (size_t)(n->data.sequence.items.top - n->data.sequence.items.start);
	return (size_t)(n->data.mapping.pairs.top - n->data.mapping.pairs.start);
}

static void *y_next(void *doc, void *node, void **it, void **value)
{
	yaml_node_t *n = node;

	if (n->type == YAML_SEQUENCE_NODE) {
		yaml_node_item_t *i = *it ? (yaml_node_item_t *)*it + 1 : n->data.sequence.items.start;
		if (i >= n->data.sequence.items.top)
			return NULL;
		*it = i;
		return yaml_document_get_node(doc, *i);
	} else {
		yaml_node_pair_t *p = *it ? (yaml_node_pair_t *)*it + 1 : n->data.mapping.pairs.start;
		if (p >= n->data.mapping.pairs.top)
			return NULL;
		*it = p;
		*value = yaml_document_get_node(doc, p->value);
		return yaml_document_get_node(doc, p->key);
	}
}

static const struct tree_ops yaml_ops = { y_kind, y_scalar, y_count, y_next };

static void run_yaml_load(const struct input *in, struct counts *c)
{
	yaml_parser_t p;
	yaml_document_t d;
	yaml_node_t *root;

	if (!yaml_parser_initialize(&p)) {
		note_error(c, "yaml_parser_initialize failed%s", NULL);
		return;
	}
	yaml_parser_set_input_string(&p, (const unsigned char *)in->p, in->n);
	for (;;) {
		if (!yaml_parser_load(&p, &d)) {
			note_error(c, "libyaml: %s", p.problem);
			break;
		}
		root = yaml_document_get_root_node(&d);
		if (!root) {
			yaml_document_delete(&d);
			break;
		}
		c->docs++;
		if (walk(&yaml_ops, &d, root, c))
			c->errors++;
		yaml_document_delete(&d);
	}
	c->scalars = c->keys + c->values;
	yaml_parser_delete(&p);
}

/* ---- libfyaml ---------------------------------------------------------------- */

static int f_kind(void *doc, void *node)
{
	(void)doc;
	switch (fy_node_get_type(node)) {
	case FYNT_SCALAR:
		return fy_node_is_alias(node) ? N_OTHER : N_SCALAR;
	case FYNT_SEQUENCE:
		return N_SEQ;
	case FYNT_MAPPING:
		return N_MAP;
	default:
		return N_OTHER;
	}
}

static int f_scalar(void *doc, void *node, struct w_str *s)
{
	(void)doc;
	s->p = fy_node_get_scalar(node, &s->n);
	if (!s->p) {
		s->p = "";
		s->n = 0;
	}
	return fy_node_get_style(node) == FYNS_PLAIN;
}

static size_t f_count(void *doc, void *node)
{
	(void)doc;
	return (size_t)(fy_node_is_sequence(node) ? fy_node_sequence_item_count(node)
						  : fy_node_mapping_item_count(node));
}

static void *f_next(void *doc, void *node, void **it, void **value)
{
	struct fy_node_pair *p;

	(void)doc;
	if (fy_node_is_sequence(node))
		return fy_node_sequence_iterate(node, it);
	p = fy_node_mapping_iterate(node, it);
	if (!p)
		return NULL;
	*value = fy_node_pair_value(p);
	return fy_node_pair_key(p);
}

static const struct tree_ops fyaml_ops = { f_kind, f_scalar, f_count, f_next };

static void run_fyaml(const struct input *in, struct counts *c)
{
	struct fy_parse_cfg cfg = { NULL, FYPCF_QUIET, NULL, NULL };
	struct fy_parser *p = fy_parser_create(&cfg);
	struct fy_document *d;

	if (!p || fy_parser_set_string(p, in->p, in->n)) {
		note_error(c, "libfyaml: cannot create a parser%s", NULL);
		fy_parser_destroy(p);
		return;
	}
	while ((d = fy_parse_load_document(p))) {
		struct fy_node *root = fy_document_root(d);
		if (root) {
			c->docs++;
			if (walk(&fyaml_ops, d, root, c))
				c->errors++;
		}
		fy_parse_document_destroy(p, d);
	}
	if (fy_parser_get_stream_error(p))
		note_error(c, "libfyaml: stream error%s", NULL);
	c->scalars = c->keys + c->values;
	fy_parser_destroy(p);
}

/* ---- libcyaml ---------------------------------------------------------------- */

/*
 * What cyaml's schema can express of a descriptor: the top-level strings,
 * device_api as a strict enum.  accepts and creates take one entry or a
 * list, hw, params and features are mappings keyed by free names whose
 * values are integers or strings: cyaml has no schema for either, so they
 * are skipped (CYAML_IGNORE), and so are x- keys (CYAML_CFG_IGNORE_UNKNOWN_KEYS,
 * which accepts any unknown key).  The strings get walk()'s checks.
 */
struct cy_desc {
	char *mdevdesc, *vendor, *type;
	int device_api;
	char *version, *mdev_type, *driver, *description;
};

static const cyaml_strval_t cy_apis[] = {
	{ "vfio-pci", 0 }, { "vfio-platform", 1 }, { "vfio-amba", 2 }, { "vfio-ccw", 3 },
	{ "vfio-ap", 4 },  { "vfio-fsl-mc", 5 },   { "vfio-cdx", 6 },
};

static const cyaml_schema_field_t cy_fields[] = {
	CYAML_FIELD_STRING_PTR("mdevdesc", CYAML_FLAG_POINTER, struct cy_desc, mdevdesc, 1, 64),
	CYAML_FIELD_STRING_PTR("vendor", CYAML_FLAG_POINTER, struct cy_desc, vendor, 1, 4096),
	CYAML_FIELD_STRING_PTR("type", CYAML_FLAG_POINTER, struct cy_desc, type, 1, 4096),
	CYAML_FIELD_ENUM("device_api", CYAML_FLAG_STRICT, struct cy_desc, device_api, cy_apis,
			 CYAML_ARRAY_LEN(cy_apis)),
	CYAML_FIELD_STRING_PTR("version", CYAML_FLAG_POINTER, struct cy_desc, version, 1, 64),
	CYAML_FIELD_IGNORE("accepts", CYAML_FLAG_OPTIONAL),
	CYAML_FIELD_IGNORE("creates", CYAML_FLAG_OPTIONAL),
	CYAML_FIELD_IGNORE("hw", CYAML_FLAG_OPTIONAL),
	CYAML_FIELD_IGNORE("features", CYAML_FLAG_OPTIONAL),
	CYAML_FIELD_IGNORE("params", CYAML_FLAG_OPTIONAL),
	CYAML_FIELD_STRING_PTR("mdev_type", CYAML_FLAG_POINTER | CYAML_FLAG_OPTIONAL, struct cy_desc,
			       mdev_type, 0, 4096),
	CYAML_FIELD_STRING_PTR("driver", CYAML_FLAG_POINTER | CYAML_FLAG_OPTIONAL, struct cy_desc,
			       driver, 0, 4096),
	CYAML_FIELD_STRING_PTR("description", CYAML_FLAG_POINTER | CYAML_FLAG_OPTIONAL,
			       struct cy_desc, description, 0, 4096),
	CYAML_FIELD_END
};

static const cyaml_schema_value_t cy_schema = {
	CYAML_VALUE_MAPPING(CYAML_FLAG_POINTER, struct cy_desc, cy_fields),
};

static const cyaml_config_t cy_config = {
	.log_fn = NULL,
	.mem_fn = cyaml_mem,
	.log_level = CYAML_LOG_ERROR,
	.flags = CYAML_CFG_IGNORE_UNKNOWN_KEYS | CYAML_CFG_NO_ALIAS,
};

static struct w_str cstr(const char *s)
{
	struct w_str r = { s, strlen(s) };
	return r;
}

static void cy_document(const char *p, size_t n, struct counts *c)
{
	struct cy_desc *d = NULL;
	cyaml_err_t e;
	struct walker w = { NULL, NULL, c, 0, NULL };
	struct w_desc wd;
	struct w_version v;

	c->docs++;
	e = cyaml_load_data((const uint8_t *)p, n, &cy_config, &cy_schema, (cyaml_data_t **)&d, NULL);
	if (e != CYAML_OK) {
		note_error(c, "libcyaml: %s", cyaml_strerror(e));
		return;
	}
	check_format(&w, cstr(d->mdevdesc), &wd);
	check_vendor(&w, cstr(d->vendor));
	check_type(&w, cstr(d->type));
	if (!parse_version(d->version, strlen(d->version), 3, 3, &v))
		fail(&w, "bad version");
	if (w.errors)
		note_error(c, "libcyaml checks: %s", w.why);
	c->top += 5u + !!d->mdev_type + !!d->driver + !!d->description;
	cyaml_free(&cy_config, &cy_schema, d, 0);
}

static void run_cyaml(const struct input *in, struct counts *c)
{
	each_document(in, cy_document, c);
}

/* ---- memchr --------------------------------------------------------------------- */

static void run_memchr(const struct input *in, struct counts *c)
{
	const char *p = in->p, *end = in->p + in->n;

	while ((p = memchr(p, '\n', (size_t)(end - p)))) {
		c->lines++;
		p++;
	}
}

/* ---- libmdevdesc by layer ------------------------------------------------------ */

/* The lexer alone: every token up to the end (or the first error). */
static void run_md_lex(const struct input *in, struct counts *c)
{
	md_lexer lx;
	md_token t;

	md_lex_init(&lx, in->p, in->n);
	do
		md_lex(&lx, &t);
	while (t.type != T_EOF && t.type != T_ERROR);
	if (t.type == T_ERROR)
		note_error(c, "libmdevdesc lexer: error%s", NULL);
}

/* Lexer and syntax tree (spec 4), no model: MDEVDESC_SYNTAX_ONLY. */
static void run_md_syntax(const struct input *in, struct counts *c)
{
	static const mdevdesc_options opt = { NULL, NULL, MDEVDESC_SYNTAX_ONLY };
	mdevdesc_reader *r;
	const mdevdesc_doc *d;
	mdevdesc_code got;

	if (mdevdesc_reader_new(in->p, in->n, &opt, &r) != MDEVDESC_OK) {
		note_error(c, "mdevdesc_reader_new failed%s", NULL);
		return;
	}
	while ((got = mdevdesc_reader_next(r, &d)) == MDEVDESC_OK) {
		c->docs++;
		if (mdevdesc_reader_diag_count(r))
			note_error(c, "libmdevdesc (syntax): %s", mdevdesc_reader_diag(r, 0)->message);
	}
	if (got != MDEVDESC_DONE)
		note_error(c, "libmdevdesc (syntax): reading stopped%s", NULL);
	mdevdesc_reader_free(r);
}

/* ---- peers and corpora -------------------------------------------------------- */

enum { C_DOCS = 1, C_SCALARS = 2, C_KEYS = 4, C_TOP = 8 };

struct peer {
	const char *id;
	const char *label;
	const char *work;
	unsigned counts;
	void (*run)(const struct input *, struct counts *);
};

static const struct peer peers[] = {
	{ "mdevdesc", "libmdevdesc (reader)", "parse + validate, all of spec 4-5",
	  C_DOCS | C_SCALARS | C_KEYS | C_TOP, run_mdevdesc },
	{ "yaml-scan", "libyaml event scan", "events only, no tree, no checks", C_DOCS | C_SCALARS,
	  run_yaml_scan },
	{ "yaml-load", "libyaml load + walk", "tree, struct, checks (walk)",
	  C_DOCS | C_SCALARS | C_KEYS | C_TOP, run_yaml_load },
	{ "fyaml", "libfyaml load + walk", "tree, struct, checks (walk)",
	  C_DOCS | C_SCALARS | C_KEYS | C_TOP, run_fyaml },
	{ "cyaml", "libcyaml schema load", "top-level strings, device_api enum",
	  C_DOCS | C_TOP, run_cyaml },
	{ "memchr", "memchr newline count", "the limit: touch every byte", 0, run_memchr },
	{ "md-lex", "libmdevdesc layer: lexer", "tokens only (spec 4.1-4.2)", 0, run_md_lex },
	{ "md-syntax", "libmdevdesc layers: lexer + tree", "syntax only (spec 4)", C_DOCS,
	  run_md_syntax },
};
enum { P_MDEVDESC, P_SCAN, P_LOAD, P_FYAML, P_CYAML, P_MEMCHR, P_LEX, P_SYNTAX };
#define N_PEERS (sizeof(peers) / sizeof(peers[0]))

enum { SPLIT_NONE, SPLIT_DOCS };

struct corpus {
	const char *id;
	const char *title;
	const char *file; /* under the corpus directory; NULL: the example files */
	int split;        /* SPLIT_DOCS: each document its own input */
	int all_peers;    /* 0: libmdevdesc and memchr only (RSS check) */
};

static const struct corpus corpora[] = {
	{ "stream-64m", "64 MiB multi-document stream (one input)", "stream-64m.yaml", SPLIT_NONE, 1 },
	{ "typical", "typical descriptor (each document its own input)", "typical.yaml", SPLIT_DOCS, 1 },
	{ "large", "large descriptor (each document its own input)", "large.yaml", SPLIT_DOCS, 1 },
	{ "examples", "examples/*.yaml (each file its own input)", NULL, SPLIT_NONE, 1 },
	{ "stream-16m", "16 MiB stream (RSS check)", "stream-16m.yaml", SPLIT_NONE, 0 },
};
#define N_CORPORA (sizeof(corpora) / sizeof(corpora[0]))

static const char *corpus_dir;
static char **example_files;
static int n_example_files;

struct loaded {
	struct input *in;
	size_t n_in;
	size_t bytes;
};

static const char *map_file(const char *path, size_t *len)
{
	int fd = open(path, O_RDONLY);
	struct stat st;
	void *p;

	if (fd < 0 || fstat(fd, &st) < 0) {
		fprintf(stderr, "parse: %s: %s\n", path, strerror(errno));
		exit(2);
	}
	*len = (size_t)st.st_size;
	p = mmap(NULL, *len ? *len : 1, PROT_READ, MAP_PRIVATE, fd, 0);
	if (p == MAP_FAILED) {
		fprintf(stderr, "parse: mmap %s: %s\n", path, strerror(errno));
		exit(2);
	}
	close(fd);
	return p;
}

static void add_input(struct loaded *l, const char *p, size_t n)
{
	l->in = realloc(l->in, (l->n_in + 1) * sizeof(*l->in));
	if (!l->in)
		exit(2);
	l->in[l->n_in].p = p;
	l->in[l->n_in].n = n;
	l->n_in++;
	l->bytes += n;
}

static struct loaded load_corpus(const struct corpus *cp)
{
	struct loaded l = { NULL, 0, 0 };
	char path[4096];
	size_t len;
	const char *p;
	int i;

	if (!cp->file) {
		for (i = 0; i < n_example_files; i++) {
			p = map_file(example_files[i], &len);
			add_input(&l, p, len);
		}
		return l;
	}
	snprintf(path, sizeof(path), "%s/%s", corpus_dir, cp->file);
	p = map_file(path, &len);
	if (cp->split == SPLIT_NONE) {
		add_input(&l, p, len);
	} else {
		/* Cut before every '---' line (the generator starts each document with one). */
		const char *q = p, *end = p + len, *start = p;
		while (q < end) {
			const char *nl;
			if (q != start && start_line(q, end)) {
				add_input(&l, start, (size_t)(q - start));
				start = q;
			}
			nl = memchr(q, '\n', (size_t)(end - q));
			q = nl ? nl + 1 : end;
		}
		if (start < end)
			add_input(&l, start, (size_t)(end - start));
	}
	return l;
}

/* ---- one measurement, in a child ------------------------------------------------ */

struct result {
	int ok;
	double sec, sec_min, sec_max; /* per pass over the corpus */
	double cycles;
	unsigned runs, reps;
	struct counts c;
	long maxrss_kb, base_rss_kb;
	struct alc_stats alc;
	size_t n_in, bytes;
	char error[256];
};

static void run_pass(const struct peer *pe, const struct loaded *l, struct counts *c)
{
	size_t i;

	memset(c, 0, sizeof(*c));
	for (i = 0; i < l->n_in; i++)
		pe->run(&l->in[i], c);
}

static void measure(const struct peer *pe, const struct corpus *cp, struct result *r)
{
	struct rusage ru;
	struct loaded l;
	struct counts c;
	double t0, warm, sec[MAX_RUNS], total = 0;
	double cyc[MAX_RUNS];
	uint64_t c0;
	unsigned k, runs = 0, reps;

	memset(r, 0, sizeof(*r));
	getrusage(RUSAGE_SELF, &ru);
	r->base_rss_kb = ru.ru_maxrss;
	arena.cap = (size_t)8 << 20;
	arena.p = malloc(arena.cap);
	if (!arena.p)
		exit(2);
	l = load_corpus(cp);
	r->n_in = l.n_in;
	r->bytes = l.bytes;

	t0 = now();
	run_pass(pe, &l, &c); /* warm-up; these counts are reported */
	warm = now() - t0;
	r->c = c;
	reps = warm >= RUN_MIN_SECONDS ? 1 : (unsigned)(RUN_MIN_SECONDS / (warm > 1e-7 ? warm : 1e-7)) + 1;
	while (runs < MAX_RUNS) {
		struct counts cr;
		t0 = now();
		c0 = tsc();
		for (k = 0; k < reps; k++)
			run_pass(pe, &l, &cr);
		cyc[runs] = (double)(tsc() - c0) / reps;
		sec[runs] = (now() - t0) / reps;
		total += sec[runs] * reps;
		runs++;
		if (runs >= MIN_RUNS && total >= budget)
			break;
	}
	getrusage(RUSAGE_SELF, &ru);
	r->maxrss_kb = ru.ru_maxrss;
	qsort(sec, runs, sizeof(double), cmp_double);
	qsort(cyc, runs, sizeof(double), cmp_double);
	r->sec = sec[runs / 2];
	r->sec_min = sec[0];
	r->sec_max = sec[runs - 1];
	r->cycles = HAVE_TSC ? cyc[runs / 2] : 0;
	r->runs = runs;
	r->reps = reps;
	if (pe->run == run_mdevdesc) {
		/* One more pass, untimed, with the counting allocator. */
		memset(&alc_stats, 0, sizeof(alc_stats));
		md_opt = &counting_opt;
		run_pass(pe, &l, &c);
		md_opt = NULL;
		r->alc = alc_stats;
	}
	memcpy(r->error, first_error, sizeof(r->error));
	r->ok = 1;
}

static int in_child(const struct peer *pe, const struct corpus *cp, struct result *r)
{
	int fd[2], status;
	pid_t pid;
	ssize_t got;

	fflush(stdout);
	fflush(stderr);
	if (pipe(fd) < 0)
		return -1;
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		struct result res;
		close(fd[0]);
		measure(pe, cp, &res);
		if (write(fd[1], &res, sizeof(res)) != (ssize_t)sizeof(res))
			_exit(3);
		_exit(0);
	}
	close(fd[1]);
	got = read(fd[0], r, sizeof(*r));
	close(fd[0]);
	waitpid(pid, &status, 0);
	if (got != (ssize_t)sizeof(*r) || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		memset(r, 0, sizeof(*r));
		snprintf(r->error, sizeof(r->error), "child failed (status 0x%x)", status);
		return -1;
	}
	return 0;
}

/* ---- report ------------------------------------------------------------------------ */

static double tsc_hz;

static const char *human(double v, char *buf, size_t size)
{
	if (v >= 1e6)
		snprintf(buf, size, "%.2f M", v / 1e6);
	else if (v >= 1e3)
		snprintf(buf, size, "%.1f k", v / 1e3);
	else
		snprintf(buf, size, "%.0f", v);
	return buf;
}

static void calibrate_tsc(void)
{
#if HAVE_TSC
	struct timespec ts = { 0, 200 * 1000 * 1000 };
	double t0 = now();
	uint64_t c0 = tsc();
	nanosleep(&ts, NULL);
	tsc_hz = (double)(tsc() - c0) / (now() - t0);
#endif
}

static int pin_one_cpu(void)
{
	cpu_set_t set;
	unsigned cpu, last = CPU_SETSIZE;

	if (sched_getaffinity(0, sizeof(set), &set) < 0)
		return -1;
	for (cpu = 0; cpu < CPU_SETSIZE; cpu++)
		if (CPU_ISSET(cpu, &set))
			last = cpu;
	if (last == CPU_SETSIZE)
		return -1;
	CPU_ZERO(&set);
	CPU_SET(last, &set);
	return sched_setaffinity(0, sizeof(set), &set) < 0 ? -1 : (int)last;
}

static int agree(const struct corpus *cp, const struct result *res, const int *ran)
{
	const struct counts *ref = &res[0].c;
	int bad = 0;
	size_t i;

	for (i = 1; i < N_PEERS; i++) {
		const struct counts *c = &res[i].c;
		unsigned f = peers[i].counts;
		if (!ran[i] || !ran[0])
			continue;
#define CHECK(flag, field, what)                                                              \
	if ((f & (flag)) && c->field != ref->field) {                                          \
		printf("COUNTS DIFFER on %s: %s saw %" PRIu64 " %s, libmdevdesc %" PRIu64 "\n", \
		       cp->id, peers[i].id, c->field, what, ref->field);                        \
		bad = 1;                                                                       \
	}
		CHECK(C_DOCS, docs, "documents")
		CHECK(C_SCALARS, scalars, "scalars")
		CHECK(C_KEYS, keys, "keys")
		CHECK(C_KEYS, values, "values")
		CHECK(C_TOP, top, "top-level strings")
#undef CHECK
	}
	for (i = 0; i < N_PEERS; i++)
		if (ran[i] && (res[i].c.errors || !res[i].ok)) {
			printf("ERRORS on %s: %s: %" PRIu64 " (first: %s)\n", cp->id, peers[i].id,
			       res[i].c.errors, res[i].error[0] ? res[i].error : "?");
			bad = 1;
		}
	if (!bad && ran[0]) {
		int others = 0;
		for (i = 1; i < N_PEERS; i++)
			others += ran[i] && peers[i].counts;
		if (others)
			printf("Counts: %" PRIu64 " documents, %" PRIu64 " keys, %" PRIu64 " values, %" PRIu64
			       " top-level strings, no invalid document: every peer agrees with "
			       "libmdevdesc on what it counts.\n",
			       ref->docs, ref->keys, ref->values, ref->top);
		else
			printf("%s: libmdevdesc read %" PRIu64 " documents, no invalid document.\n",
			       cp->id, ref->docs);
	}
	return bad;
}

static void table(const struct corpus *cp, const struct result *res, const int *ran)
{
	const struct result *ours = ran[0] ? &res[0] : NULL;
	size_t i;
	char b1[32];

	printf("\n#### %s\n\n", cp->title);
	for (i = 0; i < N_PEERS; i++)
		if (ran[i]) {
			printf("%s: %zu bytes in %zu input%s, %" PRIu64 " documents; median of runs after a warm-up pass.\n\n",
			       cp->file ? cp->file : "examples/*.yaml", res[i].bytes, res[i].n_in,
			       res[i].n_in == 1 ? "" : "s", (ours ? ours : &res[i])->c.docs);
			break;
		}
	printf("| parser | work | MB/s | descriptors/s | cycles/byte (TSC) | peak RSS | libmdevdesc faster by | runs (spread) |\n");
	printf("|---|---|---:|---:|---:|---:|---:|---:|\n");
	for (i = 0; i < N_PEERS; i++) {
		const struct result *r = &res[i];
		char cyc[32], ratio[32];
		if (!ran[i])
			continue;
		if (!r->ok) {
			printf("| %s | %s | failed: %s | | | | | |\n", peers[i].label, peers[i].work, r->error);
			continue;
		}
		if (HAVE_TSC && r->cycles > 0)
			snprintf(cyc, sizeof(cyc), "%.2f", r->cycles / (double)r->bytes);
		else
			snprintf(cyc, sizeof(cyc), "n/a");
		if (ours && ours->ok)
			snprintf(ratio, sizeof(ratio), "%.2fx", r->sec / ours->sec);
		else
			snprintf(ratio, sizeof(ratio), "n/a");
		printf("| %s | %s | %.1f | %s | %s | %.1f MiB | %s | %u (%.0f %%) |\n", peers[i].label,
		       peers[i].work, (double)r->bytes / r->sec / 1e6,
		       human((double)(ours ? ours->c.docs : r->c.docs) / r->sec, b1, sizeof(b1)),
		       cyc, (double)r->maxrss_kb / 1024.0, ratio, r->runs,
		       100.0 * (r->sec_max - r->sec_min) / r->sec);
	}
	printf("\n");
}

static int want(const char *only, const char *id)
{
	return !only || strcmp(only, id) == 0;
}

int main(int argc, char **argv)
{
	const char *only_peer = NULL, *only_corpus = NULL;
	struct result res[N_CORPORA][N_PEERS];
	int ran[N_CORPORA][N_PEERS];
	int argi = 1, cpu, bad = 0;
	size_t ci, pi;
	double t_start = now();

	while (argi < argc && argv[argi][0] == '-') {
		if (strcmp(argv[argi], "--only") == 0 && argi + 1 < argc)
			only_peer = argv[++argi];
		else if (strcmp(argv[argi], "--corpus") == 0 && argi + 1 < argc)
			only_corpus = argv[++argi];
		else if (strcmp(argv[argi], "--budget") == 0 && argi + 1 < argc)
			budget = atof(argv[++argi]);
		else {
			fprintf(stderr, "parse: unknown option %s\n", argv[argi]);
			return 2;
		}
		argi++;
	}
	if (argc - argi < 1) {
		fprintf(stderr, "usage: parse [--only PEER] [--corpus NAME] [--budget SECONDS] "
				"CORPUSDIR EXAMPLE.yaml...\n");
		return 2;
	}
	corpus_dir = argv[argi++];
	example_files = argv + argi;
	n_example_files = argc - argi;

	cpu = pin_one_cpu();
	calibrate_tsc();
	memset(ran, 0, sizeof(ran));
	printf("### Parse benchmark\n\n");
	printf("libmdevdesc %s; libyaml %s; libfyaml %s; libcyaml %u.%u.%u. One CPU (%s%d); ",
	       mdevdesc_version_string(), yaml_get_version_string(), fy_library_version(),
	       (cyaml_version >> 16) & 0xff, (cyaml_version >> 8) & 0xff, cyaml_version & 0xff,
	       cpu >= 0 ? "pinned to CPU " : "not pinned", cpu >= 0 ? cpu : 0);
	if (HAVE_TSC)
		printf("cycles are TSC reference cycles at %.3f GHz.\n", tsc_hz / 1e9);
	else
		printf("cycles n/a (no TSC).\n");

	for (ci = 0; ci < N_CORPORA; ci++) {
		const struct corpus *cp = &corpora[ci];
		if (only_corpus && strcmp(only_corpus, cp->id) != 0)
			continue;
		if (!cp->file && n_example_files == 0)
			continue;
		for (pi = 0; pi < N_PEERS; pi++) {
			if (!want(only_peer, peers[pi].id))
				continue;
			if (!cp->all_peers && pi != 0 && peers[pi].run != run_memchr)
				continue;
			fprintf(stderr, "parse: %s on %s...\n", peers[pi].id, cp->id);
			in_child(&peers[pi], cp, &res[ci][pi]);
			ran[ci][pi] = 1;
		}
		if (cp->all_peers)
			table(cp, res[ci], ran[ci]);
		bad |= agree(cp, res[ci], ran[ci]);
		fflush(stdout);
	}

	/* Memory of libmdevdesc. */
	if (want(only_peer, "mdevdesc")) {
		printf("\n#### libmdevdesc memory\n\n");
		printf("Heap use counted through the mdevdesc_alc hook, one pass over each corpus, every "
		       "mdevdesc_reader_new/free included:\n\n");
		printf("| corpus | inputs | documents | heap allocations | per document | bytes allocated | per document | peak live heap |\n");
		printf("|---|---:|---:|---:|---:|---:|---:|---:|\n");
		for (ci = 0; ci < N_CORPORA; ci++) {
			const struct result *r = &res[ci][0];
			if (!ran[ci][0] || !r->ok || !r->c.docs)
				continue;
			printf("| %s | %zu | %" PRIu64 " | %" PRIu64 " | %.3f | %" PRIu64 " | %.0f | %.1f KiB |\n",
			       corpora[ci].id, r->n_in, r->c.docs, r->alc.calls,
			       (double)r->alc.calls / (double)r->c.docs, r->alc.bytes,
			       (double)r->alc.bytes / (double)r->c.docs, (double)r->alc.peak / 1024.0);
		}
		printf("\nPeak RSS while validating a stream (the mapped file's pages count in RSS; the "
		       "memchr child maps and touches the same file and allocates nothing, so the "
		       "difference is what libmdevdesc adds):\n\n");
		printf("| stream | input | documents | peak RSS libmdevdesc | peak RSS memchr | libmdevdesc above the mapped file |\n");
		printf("|---|---:|---:|---:|---:|---:|\n");
		for (ci = 0; ci < N_CORPORA; ci++) {
			const struct result *r = &res[ci][0], *m = &res[ci][P_MEMCHR];
			if (strncmp(corpora[ci].id, "stream", 6) != 0 || !ran[ci][0] ||
			    !ran[ci][P_MEMCHR] || !r->ok || !m->ok)
				continue;
			printf("| %s | %.1f MiB | %" PRIu64 " | %.1f MiB | %.1f MiB | %.1f MiB |\n",
			       corpora[ci].id, (double)r->bytes / 1048576.0, r->c.docs,
			       (double)r->maxrss_kb / 1024.0, (double)m->maxrss_kb / 1024.0,
			       (double)(r->maxrss_kb - m->maxrss_kb) / 1024.0);
		}
	}

	/* The targets of issue 5, from the ratios of this run. */
	if (!only_peer && !only_corpus) {
		const struct result *s = res[0], *t = res[1], *m64 = &res[0][0];
		const struct result *m16 = &res[4][0];
		double v;
		printf("\n#### Targets (issue 5), from this run\n\n");
		printf("| target | measured | |\n|---|---:|---|\n");
		v = s[P_SCAN].sec / s[0].sec;
		printf("| 64 MiB stream: >= 15x libyaml event scan | %.1fx | %s |\n", v, v >= 15 ? "met" : "not met");
		v = s[P_LOAD].sec / s[0].sec;
		printf("| 64 MiB stream: >= 30x libyaml load + walk | %.1fx | %s |\n", v, v >= 30 ? "met" : "not met");
		v = s[0].sec / s[P_MEMCHR].sec;
		printf("| 64 MiB stream: within 2x of the memchr pass | %.1fx the memchr time | %s |\n", v,
		       v <= 2 ? "met" : "not met");
		v = t[P_SCAN].sec / t[0].sec;
		printf("| typical descriptor: >= 15x libyaml event scan | %.1fx | %s |\n", v, v >= 15 ? "met" : "not met");
		v = (double)t[0].alc.calls / (double)(t[0].c.docs ? t[0].c.docs : 1);
		printf("| typical descriptor, own input: <= 2 heap allocations per document | %.2f | %s |\n", v,
		       v <= 2 ? "met" : "not met");
		v = (double)(m64->maxrss_kb - s[P_MEMCHR].maxrss_kb) / 1024.0;
		printf("| 64 MiB stream: peak RSS <= 16 MiB above the mapped file | %.1f MiB | %s |\n", v,
		       v <= 16 ? "met" : "not met");
		if (ran[4][0] && ran[4][P_MEMCHR]) {
			double v16 = (double)(m16->maxrss_kb - res[4][P_MEMCHR].maxrss_kb) / 1024.0;
			printf("| RSS does not grow with the documents: above the file, 16 MiB vs 64 MiB stream | %.1f vs %.1f MiB | %s |\n",
			       v16, v, v - v16 <= 1.0 ? "met" : "not met");
		}
	}
	/* Where libmdevdesc's time goes on the stream, layer by layer. */
	if (ran[0][P_MDEVDESC] && ran[0][P_LEX] && ran[0][P_SYNTAX] && res[0][P_MDEVDESC].ok &&
	    res[0][P_LEX].ok && res[0][P_SYNTAX].ok) {
		const struct result *s = res[0];
		double all = s[P_MDEVDESC].sec, lex = s[P_LEX].sec, syn = s[P_SYNTAX].sec;
		double mb = (double)s[P_MDEVDESC].bytes / 1e6;
		const struct {
			const char *what;
			double sec;
		} layer[] = {
			{ "lexer (bytes -> tokens, spec 4.1-4.2)", lex },
			{ "parser (tokens -> syntax tree, spec 4.2-4.3)", syn - lex },
			{ "model (syntax tree -> descriptor, spec 5)", all - syn },
		};
		size_t i;

		printf("\n#### libmdevdesc by layer, 64 MiB stream\n\n");
		printf("Each layer's time is the difference of two rows above (lexer alone; lexer + "
		       "tree; everything). The last column is what the layers up to this one would "
		       "reach against the libyaml event scan if the later layers cost nothing.\n\n");
		printf("| layer | ms per pass | share | MB/s of this layer alone | layers so far vs libyaml scan |\n");
		printf("|---|---:|---:|---:|---:|\n");
		for (i = 0; i < sizeof(layer) / sizeof(layer[0]); i++) {
			double upto = i == 0 ? lex : i == 1 ? syn : all;
			printf("| %s | %.1f | %.0f %% | %.0f | %.1fx |\n", layer[i].what,
			       layer[i].sec * 1e3, 100.0 * layer[i].sec / all,
			       layer[i].sec > 0 ? mb / layer[i].sec : 0.0, s[P_SCAN].sec / upto);
		}
	}
	printf("\nTotal benchmark time %.0f s.%s\n", now() - t_start,
	       bad ? " COUNTS OR VALIDITY CHECKS FAILED (see above)." : "");
	return bad;
}
