/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/*
 * corpus.c - the corpus of the parse benchmark (bench/parse.c), generated
 * from a fixed seed so that every run and every machine sees the same bytes.
 *
 *   corpus-gen [--seed N] OUTDIR EXAMPLE.yaml...
 *
 * writes into OUTDIR:
 *
 *   typical.yaml     TYPICAL_DOCS typical descriptors (about 400 bytes each,
 *                    shaped like the example of spec 3.2: identity, version,
 *                    accepts/creates, one hw entry, 1-2 feature bitmaps, 1-3
 *                    params, informational keys; flow or block entries)
 *   large.yaml       LARGE_DOCS large descriptors (about 32 KB each: 64
 *                    accepts entries, half of them version ranges, 32 creates,
 *                    16 hw entries, 16 features of which 4 are 4096-bit
 *                    bitmaps, 256 params whose accepts hold up to 8 integer
 *                    ranges or 16 integers, extension keys)
 *   stream-64m.yaml  one multi-document stream of at least 64 MiB, drawn
 *                    document by document: 94.8 % typical, 5 % a whole file
 *                    of examples/ (comments and all, round robin), 0.2 % large
 *   stream-16m.yaml  the prefix of stream-64m.yaml that ends at the first
 *                    unit boundary at or after 16 MiB
 *   MANIFEST         what was written: documents, bytes, byte shares
 *
 * Every document is valid under the default limits (the benchmark checks
 * that libmdevdesc reports no error, and make runs mdevdesc-validate on the
 * files).  The generator is plain C with its own PRNG (splitmix64), so the
 * output depends on the seed only.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_SEED UINT64_C(0x6d64657664657363) /* "mdevdesc" */
#define TYPICAL_DOCS 1024
#define LARGE_DOCS 32
#define STREAM_BYTES ((size_t)64 << 20)
#define STREAM16_BYTES ((size_t)16 << 20)
/* Stream mix, per 1000 units drawn. */
#define MIX_LARGE 2     /* 0.2 % large descriptors */
#define MIX_EXAMPLE 50  /* 5 % example files */

static uint64_t rng_state;

static uint64_t rnd(void)
{
	uint64_t z = (rng_state += UINT64_C(0x9e3779b97f4a7c15));
	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

/* Uniform in [0, n). */
static unsigned below(unsigned n)
{
	return (unsigned)(rnd() % n);
}

/* True with probability pct %. */
static int chance(unsigned pct)
{
	return below(100) < pct;
}

/* ---- output buffer ------------------------------------------------------ */

struct buf {
	char *p;
	size_t n, cap;
};

static void reserve(struct buf *b, size_t more)
{
	if (b->n + more + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 4096;
		while (b->n + more + 1 > cap)
			cap *= 2;
		b->p = realloc(b->p, cap);
		if (!b->p) {
			perror("corpus-gen");
			exit(1);
		}
		b->cap = cap;
	}
}

__attribute__((format(printf, 2, 3))) static void out(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	reserve(b, 256);
	va_start(ap, fmt);
	n = vsnprintf(b->p + b->n, b->cap - b->n, fmt, ap);
	va_end(ap);
	if (n < 0)
		exit(1);
	if ((size_t)n >= b->cap - b->n) {
		reserve(b, (size_t)n);
		va_start(ap, fmt);
		vsnprintf(b->p + b->n, b->cap - b->n, fmt, ap);
		va_end(ap);
	}
	b->n += (size_t)n;
}

static void put(struct buf *b, const char *s, size_t n)
{
	reserve(b, n);
	memcpy(b->p + b->n, s, n);
	b->n += n;
}

/* ---- vocabulary --------------------------------------------------------- */

static const char *const vendors[] = {
	"amd", "arm", "broadcom", "hisilicon", "huawei", "ibm", "intel", "linux",
	"marvell", "nvidia", "nxp", "qualcomm", "example", "test",
};
#define N_VENDORS (sizeof(vendors) / sizeof(vendors[0]))

static const char *const apis[] = {
	"vfio-pci", "vfio-pci", "vfio-pci", "vfio-pci", "vfio-pci", "vfio-pci",
	"vfio-ccw", "vfio-ap", "vfio-platform", "vfio-amba", "vfio-fsl-mc", "vfio-cdx",
};
#define N_APIS (sizeof(apis) / sizeof(apis[0]))

static const char *const words[] = {
	"sym", "asym", "dc", "gpu", "vf", "slice", "crypto", "net", "rdma", "nvme",
	"compute", "render", "video", "serial", "tty", "ap", "ccw", "qos", "ring",
	"queue", "engine", "tile", "port", "lane", "card",
};
#define N_WORDS (sizeof(words) / sizeof(words[0]))

/* Param names of typical descriptors (distinct; none matches the quoting
 * table); name i has the value kind i % 5 of param(). */
static const char *const pnames[] = {
	"aggregation", "rate_limit", "qos_class", "heads", "ecc",
	"queues", "bandwidth_mbps", "priority_class", "mtu", "pv_mode",
};
#define N_PNAMES (sizeof(pnames) / sizeof(pnames[0]))

static const char *const classes[] = { "gold", "silver", "bronze", "best_effort", "realtime" };

static const char *const descriptions[] = {
	"Symmetric crypto VF slice",
	"Time-sliced compute profile",
	"Virtual workstation profile",
	"\"Dual port serial, \\\"mtty\\\" sample driver\"",
	"'Compression VF slice (rev. B)'",
	"\"Caf\\u00e9 r\\u00e9seau: VF with 4 queues\"",
	"Network VF with SR-IOV live migration",
};
#define N_DESCRIPTIONS (sizeof(descriptions) / sizeof(descriptions[0]))

/* ---- version entries ------------------------------------------------------ */

struct version {
	unsigned major, minor, patch;
};

/* One accepts entry older than @v: "M.m" (quoted), M.m.p or a range. */
static void accepts_entry(struct buf *b, const struct version *v)
{
	unsigned M = v->major > 1 ? v->major - 1 - below(v->major > 2 ? 2 : 1) : 0;
	unsigned m = below(10), p = below(10);

	switch (below(3)) {
	case 0:
		out(b, "\"%u.%u\"", M, m);
		break;
	case 1:
		out(b, "%u.%u.%u", M, m, p);
		break;
	default:
		if (chance(50))
			out(b, "%u.%u.0..%u.%u.%u", M, m, M, m, p + 1);
		else
			out(b, "%u.%u..%u.%u", M, m, M, m + 1 + below(3));
		break;
	}
}

/* One creates entry not newer than @v. */
static void creates_entry(struct buf *b, const struct version *v)
{
	if (chance(50))
		out(b, "\"%u.%u\"", v->major, v->minor ? below(v->minor + 1) : 0);
	else
		out(b, "%u.%u.%u", v->major, v->minor, v->patch ? below(v->patch + 1) : 0);
}

/* ---- typical descriptor --------------------------------------------------- */

static void bits(struct buf *b, unsigned hexdigits)
{
	static const char hex[] = "0123456789abcdef";
	unsigned i;

	out(b, "\"0x%c", hex[1 + below(15)]);
	reserve(b, hexdigits);
	for (i = 1; i < hexdigits; i++)
		b->p[b->n++] = hex[below(16)];
	put(b, "\"", 1);
}

/* A param entry of kind @k, written in flow (one line) or block style. */
static void param(struct buf *b, const char *indent, const char *name, unsigned k, int flow)
{
	const char *sep = flow ? ", " : "";
	char item_indent[32];
	int have_default = chance(30);

	snprintf(item_indent, sizeof(item_indent), "\n%s  ", indent);
	if (flow)
		out(b, "%s%s: { ", indent, name);
	else
		out(b, "%s%s:%s", indent, name, item_indent);
#define NEXT() out(b, "%s", flow ? sep : item_indent)
	switch (k % 5) {
	case 0: { /* integer from a list of powers of two */
		unsigned n = 2 + below(4), v = below(n);
		out(b, "value: %u", 1u << v);
		NEXT();
		out(b, "accepts: [");
		for (unsigned i = 0; i < n; i++)
			out(b, "%s%u", i ? ", " : "", 1u << i);
		out(b, "]");
		if (have_default) {
			NEXT();
			out(b, "default: %u", 1u << below(n));
		}
		break;
	}
	case 1: { /* integer within a range */
		unsigned hi = 1000 * (1 + below(16)), v = below(hi + 1);
		out(b, "value: %u", v);
		NEXT();
		out(b, "accepts: 0..%u", hi);
		if (have_default) {
			NEXT();
			out(b, "default: %u", hi);
		}
		break;
	}
	case 2: { /* string from a list */
		unsigned n = 2 + below(3);
		out(b, "value: %s", classes[below(n)]);
		NEXT();
		out(b, "accepts: [");
		for (unsigned i = 0; i < n; i++)
			out(b, "%s%s", i ? ", " : "", classes[i]);
		out(b, "]");
		if (have_default) {
			NEXT();
			out(b, "default: %s", classes[below(n)]);
		}
		break;
	}
	case 3: /* a value only: decimal, hex or negative */
		switch (below(3)) {
		case 0:
			out(b, "value: %u", below(65536));
			break;
		case 1:
			out(b, "value: 0x%x", below(1u << 20));
			break;
		default:
			out(b, "value: -%u", 1 + below(100));
			break;
		}
		break;
	default: /* a string value only, quoted because the table says so */
		out(b, "value: \"%s\"", chance(50) ? "on" : "off");
		break;
	}
#undef NEXT
	out(b, "%s\n", flow ? " }" : "");
}

static void typical(struct buf *b, unsigned serial)
{
	struct version v = { 1 + below(20), below(12), below(40) };
	const char *vendor = vendors[below(N_VENDORS)];
	int flow = chance(75);
	unsigned nparams, first, i;

	out(b, "---\nmdevdesc: \"1.0\"\nvendor: %s\ntype: %s-%s-%u\ndevice_api: %s\n", vendor,
	    words[below(N_WORDS)], words[below(N_WORDS)], serial % 997, apis[below(N_APIS)]);
	out(b, "version: %u.%u.%u\n", v.major, v.minor, v.patch);
	if (chance(50)) {
		out(b, "accepts: ");
		if (chance(30)) {
			accepts_entry(b, &v);
		} else {
			unsigned n = 1 + below(2);
			out(b, "[");
			for (i = 0; i < n; i++) {
				if (i)
					out(b, ", ");
				accepts_entry(b, &v);
			}
			out(b, "]");
		}
		out(b, "\n");
	}
	if (chance(40)) {
		out(b, "creates: [");
		creates_entry(b, &v);
		out(b, "]\n");
	}
	if (chance(80)) {
		unsigned dev = 0x4940 + below(16);
		out(b, "hw:\n  pci_id: { value: \"8086:%04x\", accepts: [\"8086:%04x\", \"8086:%04x\"] }\n",
		    dev, dev, dev ^ 1);
	}
	out(b, "features:\n");
	out(b, "  caps: { bits: ");
	bits(b, 2 + below(6));
	out(b, ", rule: superset }\n");
	if (chance(50)) {
		out(b, "  svcmap: { bits: ");
		bits(b, 1);
		out(b, ", rule: equal }\n");
	}
	out(b, "params:\n");
	nparams = 1 + below(3);
	first = below(N_PNAMES);
	for (i = 0; i < nparams; i++)
		param(b, "  ", pnames[(first + i) % N_PNAMES], (first + i) % N_PNAMES, flow);
	if (chance(90))
		out(b, "mdev_type: %s_%s-%u\n", vendor, words[below(N_WORDS)], serial % 64);
	if (chance(80))
		out(b, "driver: %s_%s\n", vendor, words[below(N_WORDS)]);
	if (chance(30))
		out(b, "description: %s\n", descriptions[below(N_DESCRIPTIONS)]);
	if (chance(10))
		out(b, "x-%s-fw: \"%u.%u.%u\"\n", vendor, below(9), below(99), below(9));
}

/* ---- large descriptor ------------------------------------------------------ */

static void large(struct buf *b, unsigned serial)
{
	struct version v = { 40 + below(20), 10 + below(20), below(100) };
	unsigned i, k;

	out(b, "---\n# large descriptor %u\nmdevdesc: \"1.0\"\nvendor: test\ntype: large-%u\n"
	       "device_api: vfio-pci\nversion: %u.%u.%u\n",
	    serial, serial, v.major, v.minor, v.patch);
	out(b, "accepts:\n");
	for (i = 0; i < 64; i++) {
		unsigned M = 1 + i / 4, m = i % 16;
		if (i % 2)
			out(b, "  - %u.%u.0..%u.%u.%u\n", M, m, M, m, 1 + below(50));
		else
			out(b, "  - \"%u.%u\"\n", M, m);
	}
	out(b, "creates: [");
	for (i = 0; i < 32; i++) {
		if (i)
			out(b, ", ");
		if (i % 2)
			out(b, "\"%u.%u\"", v.major, below(v.minor + 1));
		else
			out(b, "%u.%u.%u", v.major - 1 - below(5), below(100), below(100));
	}
	out(b, "]\n");
	out(b, "hw:\n");
	for (i = 0; i < 16; i++) {
		unsigned dev = 0x1000 + 16 * i;
		out(b, "  dev_%02u: { value: \"10de:%04x\", accepts: [\"10de:%04x\", \"10de:%04x\", \"10de:%04x\"] }\n",
		    i, dev, dev, dev + 1, dev + 2);
	}
	out(b, "features:\n");
	for (i = 0; i < 16; i++) {
		out(b, "  bitmap_%02u:\n    bits: ", i);
		bits(b, i < 4 ? 1024 : 16 + below(48)); /* 1024 hex digits = 4096 bits */
		out(b, "\n    rule: %s\n", i % 3 ? "superset" : "equal");
		if (i % 5 == 0)
			out(b, "    x-test-note: \"bitmap %u\"\n", i);
	}
	out(b, "params:\n");
	for (i = 0; i < 256; i++) {
		if (i % 4 == 3) {
			/* Block style, up to 8 ranges. */
			unsigned n = 1 + below(8), lo = 0, pick = below(n), value = 0;
			out(b, "  p%03u_%s:\n    accepts:\n", i, words[i % N_WORDS]);
			for (k = 0; k < n; k++) {
				unsigned a = lo + below(100), z = a + below(1000);
				out(b, "      - %u..%u\n", a, z);
				if (k == pick)
					value = a + (z - a) / 2;
				lo = z + 1;
			}
			out(b, "    value: %u\n", value);
			if (i % 8 == 3)
				out(b, "    x-test-unit: MiB\n");
		} else if (i % 4 == 2) {
			/* Flow style, up to 16 integers. */
			unsigned n = 1 + below(16), pick = below(n);
			int64_t x = -(int64_t)below(1000), value = 0;
			out(b, "  p%03u_%s: { accepts: [", i, words[i % N_WORDS]);
			for (k = 0; k < n; k++) {
				x += 1 + below(1000);
				out(b, "%s%" PRId64, k ? ", " : "", x);
				if (k == pick)
					value = x;
			}
			out(b, "], value: %" PRId64 ", default: %" PRId64 " }\n", value, value);
		} else if (i % 4 == 1) {
			unsigned lo = below(100), hi = lo + 1 + below(100000);
			out(b, "  p%03u_%s: { value: %u, accepts: %u..%u }\n", i, words[i % N_WORDS],
			    lo + (hi - lo) / 3, lo, hi);
		} else {
			out(b, "  p%03u_%s: { value: %s, accepts: [gold, silver, bronze], default: bronze }\n",
			    i, words[i % N_WORDS], classes[below(3)]);
		}
	}
	out(b, "mdev_type: large-%u\ndriver: large_drv\n", serial);
	out(b, "description: \"Large descriptor %u: many params, 4096-bit bitmaps, many ranges\"\n",
	    serial);
	out(b, "x-test-build: { id: %u, tags: [bench, large, generated], host: \"gen:%u\" }\n", serial,
	    below(1000));
}

/* ---- files ------------------------------------------------------------------ */

static void write_file(const char *dir, const char *name, const char *p, size_t n)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "wb");
	if (!f || fwrite(p, 1, n, f) != n || fclose(f) != 0) {
		fprintf(stderr, "corpus-gen: %s: %s\n", path, strerror(errno));
		exit(1);
	}
}

static struct buf read_example(const char *path)
{
	struct buf b = { 0 };
	FILE *f = fopen(path, "rb");
	char tmp[65536];
	size_t n;

	if (!f) {
		fprintf(stderr, "corpus-gen: %s: %s\n", path, strerror(errno));
		exit(1);
	}
	/* A unit starts with its own start line: the file's first document may
	 * have none, and the previous unit may end without a newline. */
	out(&b, "---\n");
	while ((n = fread(tmp, 1, sizeof(tmp), f)) > 0)
		put(&b, tmp, n);
	fclose(f);
	if (b.n && b.p[b.n - 1] != '\n')
		put(&b, "\n", 1);
	return b;
}

int main(int argc, char **argv)
{
	uint64_t seed = DEFAULT_SEED;
	struct buf b = { 0 }, *ex;
	const char *dir;
	size_t nex, i, cut16 = 0, units[3] = { 0 }, bytes[3] = { 0 };
	size_t typical_bytes, large_bytes;
	unsigned serial = 0;
	int argi = 1;
	FILE *m;
	char path[4096];

	if (argc > 2 && strcmp(argv[1], "--seed") == 0) {
		seed = strtoull(argv[2], NULL, 0);
		argi = 3;
	}
	if (argc - argi < 2) {
		fprintf(stderr, "usage: corpus-gen [--seed N] OUTDIR EXAMPLE.yaml...\n");
		return 2;
	}
	dir = argv[argi++];
	nex = (size_t)(argc - argi);
	ex = calloc(nex, sizeof(*ex));
	if (!ex)
		return 1;
	for (i = 0; i < nex; i++)
		ex[i] = read_example(argv[argi + (int)i]);

	rng_state = seed;
	for (i = 0; i < TYPICAL_DOCS; i++)
		typical(&b, serial++);
	write_file(dir, "typical.yaml", b.p, b.n);
	typical_bytes = b.n;
	b.n = 0;

	for (i = 0; i < LARGE_DOCS; i++)
		large(&b, serial++);
	write_file(dir, "large.yaml", b.p, b.n);
	large_bytes = b.n;
	b.n = 0;

	/* The stream: units drawn one by one until 64 MiB. */
	{
		size_t next_ex = 0;
		while (b.n < STREAM_BYTES) {
			unsigned r = below(1000);
			size_t before = b.n;
			int kind;

			if (r < MIX_LARGE) {
				large(&b, serial++);
				kind = 2;
			} else if (r < MIX_LARGE + MIX_EXAMPLE && nex) {
				put(&b, ex[next_ex].p, ex[next_ex].n);
				next_ex = (next_ex + 1) % nex;
				kind = 1;
			} else {
				typical(&b, serial++);
				kind = 0;
			}
			units[kind]++;
			bytes[kind] += b.n - before;
			if (!cut16 && b.n >= STREAM16_BYTES)
				cut16 = b.n;
		}
	}
	write_file(dir, "stream-64m.yaml", b.p, b.n);
	write_file(dir, "stream-16m.yaml", b.p, cut16);

	snprintf(path, sizeof(path), "%s/MANIFEST", dir);
	m = fopen(path, "w");
	if (!m)
		return 1;
	fprintf(m, "seed 0x%016" PRIx64 "\n", seed);
	fprintf(m, "typical.yaml %d documents, %zu bytes, %.0f bytes/document\n", TYPICAL_DOCS,
		typical_bytes, (double)typical_bytes / TYPICAL_DOCS);
	fprintf(m, "large.yaml %d documents, %zu bytes, %.0f bytes/document\n", LARGE_DOCS,
		large_bytes, (double)large_bytes / LARGE_DOCS);
	fprintf(m, "stream-64m.yaml %zu bytes: %zu typical (%.1f %% of bytes), %zu example files "
		   "(%.1f %%), %zu large (%.1f %%)\n",
		b.n, units[0], 100.0 * (double)bytes[0] / (double)b.n, units[1],
		100.0 * (double)bytes[1] / (double)b.n, units[2], 100.0 * (double)bytes[2] / (double)b.n);
	fprintf(m, "stream-16m.yaml %zu bytes (prefix of stream-64m.yaml)\n", cut16);
	fclose(m);
	for (i = 0; i < nex; i++)
		free(ex[i].p);
	free(ex);
	free(b.p);
	return 0;
}
