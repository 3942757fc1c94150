/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/*
 * compat.c - fuzz target `compat`: compatibility resolution (spec 6) on
 * descriptors carved from one input.
 *
 * The input is split at the first "\n===\n" (or, without one, in half) into
 * A and B; each is parsed with MDEVDESC_ALLOW_UNKNOWN_VENDOR, and the valid
 * documents of both (at most MAX_SIDE of each) form the set D.  Properties:
 *
 * - mdevdesc_check_compat(s, d) for every ordered pair of D (s == d
 *   included), all into one report: it succeeds and the report holds the
 *   pair and a verdict; every one of its reasons is there
 *   (mdevdesc_report_reason()); compatible has no reason, incompatible a
 *   failing (not unknown-*) reason first, undecidable only unknown-*
 *   reasons; every reason has a known code, a rule and a path of one to
 *   three segments; mdevdesc_reason_path() and mdevdesc_reason_text() of
 *   each value keep the snprintf contract (-1 for a value that is not an
 *   mdevdesc_text); the checks (mdevdesc_report_check()) start with the
 *   three identity keys and the version, their failing ones are the
 *   failing reasons in order, and a compatible report's all passed;
 *   mdevdesc_report_free() releases every report (LeakSanitizer checks it);
 * - the verdict is never compatible when either side has unknown items
 *   (mdevdesc_doc_has_unknown), and never undecidable when neither has;
 *   check(d, d) is compatible when d has none (R-PARAM-SELF);
 * - for a compatible pair, mdevdesc_report_setting() gives each target
 *   entry, in order, with a value the target entry accepts (the source's,
 *   or the target's default, which must exist), and
 *   mdevdesc_report_feature() each feature name of either side once, in
 *   byte order, with the source's bits or "0x0"; a same-minor target
 *   configuration creates a two-part version; defaults_applied counts the
 *   settings taken from target defaults;
 * - for a compatible pair, the target instance (spec 6.6
 *   R-COMPAT-TARGET-INSTANCE): emitted, it parses with the same options to
 *   one valid document without diagnostics, whose canonical text is the
 *   same bytes; that document, and the instance struct itself, satisfy
 *   the target (compatible, and same-minor: R-COMPAT-SATISFIES); its
 *   version is the source's when same-minor, else the target's; it has the
 *   target's entries and features, no accepts, no creates, no default.
 *   The way back (mdevdesc_check_reverse()) to a type T of the set that the
 *   source satisfies never fails on the version when the pair is
 *   same-minor, and leaves the forward report untouched;
 * - mdevdesc_rank(s, D) lists exactly the compatible targets, each once,
 *   in the order of spec 6.7, with the keys of its report;
 * - the fleet index (its own compiled comparison) agrees: after adding D
 *   (ids 0..n-1), mdevdesc_index_rank() equals mdevdesc_rank() for every
 *   source, also with a capacity of 1; after removing every other id, it
 *   equals mdevdesc_rank() over the remaining targets;
 * - mdevdesc_baseline_compute(h, targets) for each h of A's documents
 *   against B's documents (and against none): when blocked at k, the
 *   targets before k have a baseline (R-COMPAT-BASELINE-BLOCK); when not, a
 *   source made of h's identity, each version of the baseline's entry
 *   (patch 0 and 65535 for a two-part one) and the baseline's bits and
 *   values is compatible with h and with every target (R-COMPAT-BASELINE).
 */
#include "driver.h"
#include "fuzz_util.h"

#define MAX_SIDE 6
#define MAX_DOCS (2 * MAX_SIDE)

struct set {
	const struct mdevdesc_descriptor *d[MAX_DOCS];
	int unknown[MAX_DOCS];
	size_t n, n_a; /* d[0..n_a) from A, d[n_a..n) from B */
};

static int is_unknown_reason(mdevdesc_reason_code c)
{
	return c == MDEVDESC_R_UNKNOWN_KEY || c == MDEVDESC_R_UNKNOWN_ENUM;
}

/* mdevdesc_reason_text() of @x, value @which, under the snprintf contract. */
static void check_reason_text(const mdevdesc_report *r, const mdevdesc_reason *x,
			      mdevdesc_text which)
{
	long need = mdevdesc_reason_text(r, x, which, NULL, 0), got;
	size_t n, half;
	char *full, *b;

	FUZZ_ASSERT(need >= 0, "reason_text returned %ld", need);
	n = (size_t)need;
	full = fuzz_xmalloc(n + 1);
	got = mdevdesc_reason_text(r, x, which, full, n + 1);
	FUZZ_ASSERT(got == need && full[n] == '\0' && strlen(full) == n,
		    "reason_text into %zu bytes: %ld, sizing call %ld", n + 1, got, need);
	FUZZ_ASSERT(fuzz_utf8_valid(full, n), "reason text not UTF-8");
	if (n) {
		half = n / 2 + 1;
		b = fuzz_xmalloc(half);
		got = mdevdesc_reason_text(r, x, which, b, half);
		FUZZ_ASSERT(got == need && b[half - 1] == '\0' && memcmp(b, full, half - 1) == 0,
			    "reason_text truncated to %zu bytes", half);
		free(b);
	}
	free(full);
}

/* mdevdesc_reason_path() of @x under the snprintf contract: its segments joined by '.'. */
static void check_reason_path(const mdevdesc_reason *x)
{
	long need = mdevdesc_reason_path(x, NULL, 0), got;
	size_t n, k, len = 0;
	char *full, *b;

	for (k = 0; k < 4 && x->path[k]; k++) {
		FUZZ_ASSERT(k < 3, "path of more than three segments");
		len += (k ? 1 : 0) + strlen(x->path[k]);
	}
	FUZZ_ASSERT(k >= 1, "reason without a path");
	FUZZ_ASSERT(need >= 0 && (size_t)need == len, "reason_path needs %ld, segments make %zu",
		    need, len);
	n = (size_t)need;
	full = fuzz_xmalloc(n + 1);
	got = mdevdesc_reason_path(x, full, n + 1);
	FUZZ_ASSERT(got == need && full[n] == '\0' && strlen(full) == n &&
			    strncmp(full, x->path[0], strlen(x->path[0])) == 0,
		    "reason_path into %zu bytes", n + 1);
	b = fuzz_xmalloc(n / 2 + 1);
	got = mdevdesc_reason_path(x, b, n / 2 + 1);
	FUZZ_ASSERT(got == need && b[n / 2] == '\0' && memcmp(b, full, n / 2) == 0,
		    "reason_path truncated to %zu bytes", n / 2 + 1);
	free(b);
	free(full);
}

/* Every reason of @r; returns the first, NULL when there is none. */
static const mdevdesc_reason *check_reasons(const mdevdesc_report *r)
{
	size_t i;
	int which;

	for (i = 0; i < mdevdesc_report_reason_count(r); i++) {
		const mdevdesc_reason *x = mdevdesc_report_reason(r, i);
		FUZZ_ASSERT(x, "reason %zu of %zu missing", i, mdevdesc_report_reason_count(r));
		FUZZ_ASSERT(strcmp(mdevdesc_reason_name(x->code), "unknown") != 0, "reason code %d",
			    (int)x->code);
		FUZZ_ASSERT(x->rule && strncmp(x->rule, "R-COMPAT-", 9) == 0, "reason rule");
		FUZZ_ASSERT(x->side == MDEVDESC_SOURCE || x->side == MDEVDESC_TARGET, "side %d",
			    (int)x->side);
		check_reason_path(x);
		for (which = 0; which < 3; which++)
			check_reason_text(r, x, (mdevdesc_text)which);
		FUZZ_ASSERT(mdevdesc_reason_text(r, x, (mdevdesc_text)3, NULL, 0) == -1,
			    "reason_text of value 3");
	}
	FUZZ_ASSERT(mdevdesc_report_reason(r, mdevdesc_report_reason_count(r)) == NULL,
		    "reason past the end");
	return mdevdesc_report_reason(r, 0);
}

/* The rules checked: identity and version first; the failing ones are the failing reasons. */
static void check_checks(const mdevdesc_report *r)
{
	static const char *const first[4] = { "vendor", "type", "device_api", "version" };
	size_t n = mdevdesc_report_check_count(r), i, fails = 0;
	int compatible = mdevdesc_report_verdict(r) == MDEVDESC_COMPATIBLE;

	FUZZ_ASSERT(n >= 4, "%zu checks", n);
	for (i = 0; i < n; i++) {
		const mdevdesc_check *k = mdevdesc_report_check(r, i);
		const mdevdesc_reason *x;
		FUZZ_ASSERT(k && k->rule && strncmp(k->rule, "R-COMPAT-", 9) == 0 && k->path[0],
			    "check %zu", i);
		FUZZ_ASSERT(i >= 4 || (strcmp(k->path[0], first[i]) == 0 && !k->path[1]),
			    "check %zu at %s", i, k->path[0]);
		FUZZ_ASSERT(!compatible || (k->outcome == MDEVDESC_PASSED && k->pass != MDEVDESC_PASS_NONE),
			    "compatible with check %zu not passed", i);
		if (k->outcome != MDEVDESC_FAILED) {
			FUZZ_ASSERT(!k->reason && !k->code, "check %zu has a reason", i);
			FUZZ_ASSERT((k->outcome == MDEVDESC_PASSED) == (k->pass != MDEVDESC_PASS_NONE),
				    "check %zu: outcome %d, pass %d", i, (int)k->outcome, (int)k->pass);
			continue;
		}
		x = mdevdesc_report_reason(r, fails++);
		FUZZ_ASSERT(x && k->reason == x && k->code == x->code && !is_unknown_reason(x->code) &&
				    strcmp(k->rule, x->rule) == 0,
			    "failing check %zu is not failing reason %zu", i, fails - 1);
	}
	FUZZ_ASSERT(fails == mdevdesc_report_reason_count(r) ||
			    is_unknown_reason(mdevdesc_report_reason(r, fails)->code),
		    "%zu failing checks, reason %zu is a failing rule", fails, fails);
	FUZZ_ASSERT(mdevdesc_report_check(r, n) == NULL, "check past the end");
}

/* The target configuration of a compatible report (spec 6.6). */
static void check_config(const mdevdesc_report *r)
{
	const struct mdevdesc_descriptor *s = mdevdesc_report_source(r), *d = mdevdesc_report_target(r);
	const struct mdevdesc_version *resume = mdevdesc_report_resume_version(r);
	const struct mdevdesc_version *create = mdevdesc_report_create_version(r);
	size_t i, a, b, k, defaults = 0;
	int sec;

	FUZZ_ASSERT(resume && create, "compatible without versions");
	FUZZ_ASSERT(fuzz_version_cmp(resume, 0, &s->version, 0) == 0 && resume->has_patch,
		    "resume version is not the source's");
	if (mdevdesc_report_same_minor(r))
		FUZZ_ASSERT(!create->has_patch && create->major == s->version.major &&
				    create->minor == s->version.minor,
			    "same-minor configuration with a three-part create version");
	for (sec = 0; sec < 2; sec++) {
		const struct mdevdesc_param *de = sec ? d->params : d->hw;
		size_t nd = sec ? d->n_params : d->n_hw;
		FUZZ_ASSERT(mdevdesc_report_setting_count(r, (mdevdesc_section)sec) == nd,
			    "%zu settings", mdevdesc_report_setting_count(r, (mdevdesc_section)sec));
		for (i = 0; i < nd; i++) {
			const mdevdesc_setting *x = mdevdesc_report_setting(r, (mdevdesc_section)sec, i);
			const char *name = x ? x->name : NULL;
			const struct mdevdesc_value *v = x ? x->value : NULL;
			int from_default = x ? x->from_default : -1;
			FUZZ_ASSERT(x, "setting %zu missing", i);
			FUZZ_ASSERT(name == de[i].name && v && (from_default == 0 || from_default == 1),
				    "setting %zu", i);
			FUZZ_ASSERT(v->kind != MDEVDESC_VALUE_NONE,
				    "setting '%s' without a value (target entry without default)", name);
			FUZZ_ASSERT(fuzz_entry_accepts(&de[i], v),
				    "setting '%s' is a value its target entry does not accept", name);
			defaults += (size_t)from_default;
		}
		FUZZ_ASSERT(mdevdesc_report_setting(r, (mdevdesc_section)sec, nd) == NULL,
			    "setting past the end");
	}
	FUZZ_ASSERT(defaults == mdevdesc_report_defaults_applied(r),
		    "%zu settings from defaults, defaults_applied %zu", defaults,
		    mdevdesc_report_defaults_applied(r));
	/* Features: the union of names, in byte order. */
	a = b = k = 0;
	while (a < s->n_features || b < d->n_features) {
		int cmp = a == s->n_features   ? 1
			  : b == d->n_features ? -1
					       : strcmp(s->features[a].name, d->features[b].name);
		const mdevdesc_feature_setting *x = mdevdesc_report_feature(r, k);
		const char *name = x ? x->name : NULL, *bits = x ? x->bits : NULL;
		FUZZ_ASSERT(x, "feature %zu missing", k);
		FUZZ_ASSERT(strcmp(name, cmp <= 0 ? s->features[a].name : d->features[b].name) == 0,
			    "feature %zu is '%s'", k, name);
		FUZZ_ASSERT(strcmp(bits, cmp <= 0 ? s->features[a].bits : "0x0") == 0,
			    "feature '%s' bits '%s'", name, bits);
		if (cmp <= 0)
			a++;
		if (cmp >= 0)
			b++;
		k++;
	}
	FUZZ_ASSERT(mdevdesc_report_feature(r, k) == NULL && mdevdesc_report_feature_count(r) == k,
		    "feature past the end");
}

static int check(const struct set *S, size_t is, size_t id, mdevdesc_report *r)
{
	mdevdesc_code code = mdevdesc_check_compat(S->d[is], S->d[id], r);
	int v = (int)mdevdesc_report_verdict(r);
	const mdevdesc_reason *first;
	char path[256] = "-";

	FUZZ_ASSERT(code == MDEVDESC_OK, "check_compat returned %s", mdevdesc_code_name(code));
	FUZZ_ASSERT(v >= 0 && v <= 2, "verdict %d", v);
	FUZZ_ASSERT(mdevdesc_report_source(r) == S->d[is] && mdevdesc_report_target(r) == S->d[id],
		    "report src/dst");
	FUZZ_ASSERT(strcmp(mdevdesc_verdict_name((mdevdesc_verdict)v), "unknown") != 0, "verdict name");
	first = check_reasons(r);
	check_checks(r);
	if (first)
		mdevdesc_reason_path(first, path, sizeof(path));
	if (v == MDEVDESC_COMPATIBLE) {
		FUZZ_ASSERT(mdevdesc_report_reason_count(r) == 0, "compatible with %zu reasons",
			    mdevdesc_report_reason_count(r));
		check_config(r);
	} else if (v == MDEVDESC_INCOMPATIBLE) {
		FUZZ_ASSERT(first && !is_unknown_reason(first->code),
			    "incompatible without a failing reason first");
	} else {
		size_t i;
		FUZZ_ASSERT(first, "undecidable without a reason");
		for (i = 0; i < mdevdesc_report_reason_count(r); i++)
			FUZZ_ASSERT(is_unknown_reason(mdevdesc_report_reason(r, i)->code),
				    "undecidable with failing reason %s",
				    mdevdesc_reason_name(mdevdesc_report_reason(r, i)->code));
	}
	if (S->unknown[is] || S->unknown[id])
		FUZZ_ASSERT(v != MDEVDESC_COMPATIBLE, "compatible although a side has unknown items");
	else
		FUZZ_ASSERT(v != MDEVDESC_UNDECIDABLE, "undecidable although no side has unknown items");
	if (is == id && !S->unknown[is])
		FUZZ_ASSERT(v == MDEVDESC_COMPATIBLE, "descriptor %zu not compatible with itself: %s %s",
			    is, first ? mdevdesc_reason_name(first->code) : "-", path);
	return v;
}

/* The target instance of the compatible report @fw (spec 6.6): its form and
 * that it satisfies the target. */
static void check_instance(const mdevdesc_report *fw, mdevdesc_report *r)
{
	const struct mdevdesc_descriptor *s = mdevdesc_report_source(fw), *d = mdevdesc_report_target(fw);
	const struct mdevdesc_descriptor *in = mdevdesc_report_target_instance(fw);
	const struct mdevdesc_version *want;
	size_t i;

	FUZZ_ASSERT(in, "compatible without a target instance");
	want = mdevdesc_report_same_minor(fw) ? &s->version : &d->version;
	FUZZ_ASSERT(fuzz_version_cmp(&in->version, 0, want, 0) == 0 && in->version.has_patch,
		    "target instance version is neither the source's (same-minor) nor the target's");
	FUZZ_ASSERT(in->vendor == d->vendor && in->type == d->type && in->device_api == d->device_api &&
			    in->format_minor == d->format_minor && in->mdev_type == d->mdev_type &&
			    in->n_extra == d->n_extra,
		    "target instance identity, format or informational keys not the target's");
	FUZZ_ASSERT(in->n_accepts == 0 && in->n_creates == 0 && in->n_hw == d->n_hw &&
			    in->n_params == d->n_params && in->n_features == d->n_features,
		    "target instance keys");
	for (i = 0; i < in->n_params + in->n_hw; i++) {
		const struct mdevdesc_param *e = i < in->n_hw ? &in->hw[i] : &in->params[i - in->n_hw];
		FUZZ_ASSERT(e->n_accepts == 0 && e->def.kind == MDEVDESC_VALUE_NONE,
			    "target instance entry '%s' with accepts or default", e->name);
	}
	FUZZ_ASSERT(mdevdesc_check_compat(in, d, r) == MDEVDESC_OK, "check_compat");
	FUZZ_ASSERT(mdevdesc_report_verdict(r) == MDEVDESC_COMPATIBLE && mdevdesc_report_same_minor(r),
		    "the target instance does not satisfy the target: %s, %s",
		    mdevdesc_verdict_name(mdevdesc_report_verdict(r)),
		    mdevdesc_report_reason_count(r)
			    ? mdevdesc_reason_name(mdevdesc_report_reason(r, 0)->code)
			    : "not same-minor");
}

/* The target instance of @fw emitted and parsed back (lengths raised, as for
 * any canonical text near a limit, fuzz/roundtrip.c): one valid document,
 * canonical already, that satisfies the target. */
static void check_instance_text(const mdevdesc_report *fw, mdevdesc_report *r)
{
	const struct mdevdesc_descriptor *in = mdevdesc_report_target_instance(fw);
	mdevdesc_limits lim = mdevdesc_limits_default();
	mdevdesc_options opt = { NULL, &lim, MDEVDESC_ALLOW_UNKNOWN_VENDOR };
	mdevdesc_file *f = NULL;
	char *text, *again;
	long len, len2;

	text = fuzz_emit(in, &len, 0);
	FUZZ_ASSERT(text, "the target instance cannot be emitted");
	/* An escape grows by at most 3 times (\L is written \u2028); the path
	 * buffer of the model is sized by max_key_length: keep it small. */
	lim.max_key_length = 4 * MDEVDESC_MAX_KEY_LENGTH;
	lim.max_scalar_length = 4 * MDEVDESC_MAX_SCALAR_LENGTH;
	lim.max_document_size = (size_t)1 << 30;
	mdevdesc_parse(text, (size_t)len, &opt, &f);
	/* Valid: warnings (hw-form, spec 5.6) come with the source's values. */
	FUZZ_ASSERT(f && mdevdesc_file_doc_count(f) == 1 && mdevdesc_file_error_count(f) == 0 &&
			    mdevdesc_file_doc(f, 0),
		    "the target instance does not parse back as one valid document: %s",
		    f && mdevdesc_file_diag_count(f) ? mdevdesc_file_diag(f, 0)->message : "-");
	len2 = mdevdesc_doc_emit(mdevdesc_file_doc(f, 0), NULL, 0);
	again = fuzz_xmalloc((size_t)len2 + 1);
	mdevdesc_doc_emit(mdevdesc_file_doc(f, 0), again, (size_t)len2 + 1);
	FUZZ_ASSERT(len2 == len && memcmp(again, text, (size_t)len) == 0,
		    "the target instance's text is not canonical");
	free(again);
	FUZZ_ASSERT(mdevdesc_check_compat(mdevdesc_doc_descriptor(mdevdesc_file_doc(f, 0)),
					  mdevdesc_report_target(fw), r) == MDEVDESC_OK,
		    "check_compat");
	FUZZ_ASSERT(mdevdesc_report_verdict(r) == MDEVDESC_COMPATIBLE && mdevdesc_report_same_minor(r),
		    "the parsed target instance does not satisfy the target");
	mdevdesc_file_free(f);
	free(text);
}

/*
 * Every compatible pair (@verdict: the pairs' verdicts): its target
 * instance, as a struct and as text, and the way back to one type of the
 * set that the source satisfies (compatible with it, same-minor).
 */
static void check_instances(const struct set *S, const int verdict[MAX_DOCS][MAX_DOCS])
{
	mdevdesc_report *fw = NULL, *bw = NULL, *r = NULL;
	int sat[MAX_DOCS][MAX_DOCS];
	size_t is, id, it, k, j;

	FUZZ_ASSERT(mdevdesc_report_new(NULL, &fw) == MDEVDESC_OK &&
			    mdevdesc_report_new(NULL, &bw) == MDEVDESC_OK &&
			    mdevdesc_report_new(NULL, &r) == MDEVDESC_OK,
		    "report_new");
	for (is = 0; is < S->n; is++) {
		for (it = 0; it < S->n; it++) {
			sat[is][it] = 0;
			if (verdict[is][it] != MDEVDESC_COMPATIBLE)
				continue;
			FUZZ_ASSERT(mdevdesc_check_compat(S->d[is], S->d[it], r) == MDEVDESC_OK,
				    "check_compat");
			sat[is][it] = mdevdesc_report_same_minor(r);
		}
	}
	for (is = 0; is < S->n; is++) {
		for (id = 0; id < S->n; id++) {
			const struct mdevdesc_descriptor *in;
			if (verdict[is][id] != MDEVDESC_COMPATIBLE)
				continue;
			FUZZ_ASSERT(mdevdesc_check_compat(S->d[is], S->d[id], fw) == MDEVDESC_OK,
				    "check_compat");
			check_instance(fw, r);
			check_instance_text(fw, r);
			in = mdevdesc_report_target_instance(fw);
			for (j = 1; j <= S->n && !sat[is][(id + j) % S->n]; j++)
				;
			if (j > S->n)
				continue; /* the source satisfies no type of the set */
			it = (id + j) % S->n;
			FUZZ_ASSERT(mdevdesc_check_reverse(fw, S->d[it], bw) == MDEVDESC_OK,
				    "check_reverse");
			FUZZ_ASSERT(mdevdesc_report_source(bw) == in && mdevdesc_report_target(bw) == S->d[it] &&
					    mdevdesc_report_target_instance(fw) == in &&
					    mdevdesc_report_verdict(fw) == MDEVDESC_COMPATIBLE,
				    "check_reverse: reports");
			for (k = 0; k < mdevdesc_report_reason_count(bw); k++)
				FUZZ_ASSERT(!mdevdesc_report_same_minor(fw) ||
						    mdevdesc_report_reason(bw, k)->code !=
							    MDEVDESC_R_VERSION_NOT_ACCEPTED,
					    "same-minor, yet the way back to %zu fails on the version", it);
		}
	}
	FUZZ_ASSERT(mdevdesc_check_reverse(fw, NULL, bw) == MDEVDESC_E_INVALID_ARGUMENT &&
			    mdevdesc_report_verdict(bw) == MDEVDESC_UNDECIDABLE,
		    "check_reverse without a type");
	mdevdesc_report_free(r);
	mdevdesc_report_free(bw);
	mdevdesc_report_free(fw);
}

/*
 * The rank key of spec 6.7 (R-COMPAT-RANK-ORDER), written from the spec
 * rather than from the library's md_rank_cmp(): the six keys as fixed-width
 * big-endian fields, each oriented so that the smaller bytes rank first,
 * then compared as one byte string.  1 same-minor (0) before not (1);
 * 2 defaults_applied; 3 same MAJOR (0) before another (1); 4 the MINOR
 * distance between the same MAJOR, 0 across MAJORs;
 * 5 the version key with every byte inverted, so that newer ranks first;
 * 6 the position in the input.
 */
#define RANK_KEY (1 + 8 + 1 + 4 + FUZZ_VERSION_KEY + 8)

static void rank_key(const mdevdesc_ranked *r, unsigned char key[RANK_KEY])
{
	unsigned char *p = key;
	size_t i;

	*p++ = r->same_minor ? 0 : 1;
	fuzz_put_be(p, r->defaults_applied, 8);
	p += 8;
	*p++ = r->same_major ? 0 : 1;
	fuzz_put_be(p, r->distance, 4);
	p += 4;
	fuzz_version_key(&r->version, 0, p);
	for (i = 0; i < FUZZ_VERSION_KEY; i++)
		p[i] = (unsigned char)~p[i];
	p += FUZZ_VERSION_KEY;
	fuzz_put_be(p, r->index, 8);
}

static int rank_cmp(const mdevdesc_ranked *a, const mdevdesc_ranked *b)
{
	unsigned char ka[RANK_KEY], kb[RANK_KEY];

	rank_key(a, ka);
	rank_key(b, kb);
	return memcmp(ka, kb, sizeof(ka));
}

static int ranked_eq(const mdevdesc_ranked *a, const mdevdesc_ranked *b)
{
	return a->index == b->index && a->same_minor == b->same_minor &&
	       a->defaults_applied == b->defaults_applied && a->same_major == b->same_major &&
	       a->distance == b->distance && fuzz_version_cmp(&a->version, 0, &b->version, 0) == 0 &&
	       a->version.has_patch == b->version.has_patch;
}

/* mdevdesc_rank() of source @is over the targets @t[0..n) (ids @ids[]). */
static size_t rank_of(const struct set *S, size_t is, const size_t *ids, size_t n,
		      mdevdesc_ranked *out)
{
	const struct mdevdesc_descriptor *t[MAX_DOCS];
	size_t i, m;

	for (i = 0; i < n; i++)
		t[i] = S->d[ids[i]];
	m = mdevdesc_rank(S->d[is], t, n, out);
	for (i = 0; i < m; i++)
		out[i].index = ids[out[i].index]; /* position -> id */
	return m;
}

static void check_rank(const struct set *S, const int verdict[MAX_DOCS][MAX_DOCS])
{
	mdevdesc_ranked out[MAX_DOCS], ix_out[MAX_DOCS], one;
	size_t ids[MAX_DOCS], half[MAX_DOCS], nhalf = 0, is, i, j, m, compat;
	mdevdesc_index *ix = NULL;
	mdevdesc_report *r = NULL;

	FUZZ_ASSERT(mdevdesc_index_new(NULL, &ix) == MDEVDESC_OK && ix, "index_new");
	FUZZ_ASSERT(mdevdesc_report_new(NULL, &r) == MDEVDESC_OK && r, "report_new");
	for (i = 0; i < S->n; i++) {
		size_t id = 99;
		ids[i] = i;
		FUZZ_ASSERT(mdevdesc_index_add(ix, S->d[i], &id) == MDEVDESC_OK && id == i,
			    "index_add gave id %zu for target %zu", id, i);
	}
	FUZZ_ASSERT(mdevdesc_index_count(ix) == S->n, "index_count");
	for (i = 0; i < S->n; i++)
		FUZZ_ASSERT(mdevdesc_index_get(ix, i) == S->d[i], "index_get(%zu)", i);

	for (is = 0; is < S->n; is++) {
		m = rank_of(S, is, ids, S->n, out);
		for (i = 0, compat = 0; i < S->n; i++)
			compat += verdict[is][i] == MDEVDESC_COMPATIBLE;
		FUZZ_ASSERT(m == compat, "rank found %zu targets, check_compat %zu", m, compat);
		for (i = 0; i < m; i++) {
			mdevdesc_ranked k;
			FUZZ_ASSERT(out[i].index < S->n &&
					    verdict[is][out[i].index] == MDEVDESC_COMPATIBLE,
				    "rank lists target %zu", out[i].index);
			FUZZ_ASSERT(i == 0 || rank_cmp(&out[i - 1], &out[i]) < 0,
				    "rank order wrong at %zu", i);
			FUZZ_ASSERT(mdevdesc_check_compat(S->d[is], S->d[out[i].index], r) == MDEVDESC_OK,
				    "check_compat");
			k.index = out[i].index;
			k.same_minor = mdevdesc_report_same_minor(r);
			k.defaults_applied = mdevdesc_report_defaults_applied(r);
			k.same_major = S->d[is]->version.major == S->d[out[i].index]->version.major;
			k.distance = !k.same_major ? 0
				     : S->d[out[i].index]->version.minor > S->d[is]->version.minor
					     ? S->d[out[i].index]->version.minor - S->d[is]->version.minor
					     : S->d[is]->version.minor - S->d[out[i].index]->version.minor;
			k.version = S->d[out[i].index]->version;
			FUZZ_ASSERT(ranked_eq(&k, &out[i]), "rank keys of target %zu differ from its report",
				    out[i].index);
		}
		/* The index, with room for all and with room for one. */
		FUZZ_ASSERT(mdevdesc_index_rank(ix, S->d[is], ix_out, MAX_DOCS) == m,
			    "index_rank count differs from rank (%zu)", m);
		for (i = 0; i < m; i++)
			FUZZ_ASSERT(ranked_eq(&ix_out[i], &out[i]),
				    "index_rank entry %zu: target %zu, rank says %zu", i, ix_out[i].index,
				    out[i].index);
		FUZZ_ASSERT(mdevdesc_index_rank(ix, S->d[is], &one, 1) == m, "index_rank cap 1");
		if (m)
			FUZZ_ASSERT(ranked_eq(&one, &out[0]), "index_rank cap 1: not the best target");
	}
	/* Remove every other target; the index ranks the rest. */
	for (i = 0; i < S->n; i++) {
		if (i % 2) {
			FUZZ_ASSERT(mdevdesc_index_remove(ix, i) == MDEVDESC_OK, "index_remove");
			FUZZ_ASSERT(mdevdesc_index_get(ix, i) == NULL, "removed target still there");
		} else {
			half[nhalf++] = i;
		}
	}
	if (S->n >= 2)
		FUZZ_ASSERT(mdevdesc_index_remove(ix, 1) != MDEVDESC_OK, "target removed twice");
	FUZZ_ASSERT(mdevdesc_index_remove(ix, S->n) != MDEVDESC_OK, "removed an id never given");
	FUZZ_ASSERT(mdevdesc_index_count(ix) == nhalf, "index_count after removal");
	for (is = 0; is < S->n; is++) {
		m = rank_of(S, is, half, nhalf, out);
		FUZZ_ASSERT(mdevdesc_index_rank(ix, S->d[is], ix_out, MAX_DOCS) == m,
			    "index_rank after removal");
		for (j = 0; j < m; j++)
			FUZZ_ASSERT(ranked_eq(&ix_out[j], &out[j]), "index_rank after removal, entry %zu",
				    j);
	}
	mdevdesc_index_free(ix);
	mdevdesc_report_free(r);
}

/* R-COMPAT-BASELINE: a source built from baseline @b is compatible with @h and each target. */
static void check_baseline_source(const mdevdesc_baseline *b, const struct mdevdesc_descriptor *h,
				  const struct mdevdesc_descriptor *const *t, size_t n)
{
	struct mdevdesc_feature f[64];
	struct mdevdesc_param hw[64], pa[64];
	struct mdevdesc_descriptor s;
	mdevdesc_report *r = NULL;
	size_t i, k;
	int pass;

	if (b->n_features > 64 || b->n_hw > 64 || b->n_params > 64)
		return;
	FUZZ_ASSERT(mdevdesc_report_new(NULL, &r) == MDEVDESC_OK && r, "report_new");
	memset(&s, 0, sizeof(s));
	memset(f, 0, sizeof(f));
	memset(hw, 0, sizeof(hw));
	memset(pa, 0, sizeof(pa));
	s.format_major = MDEVDESC_FORMAT_MAJOR;
	s.vendor = h->vendor;
	s.type = h->type;
	s.device_api = h->device_api;
	for (i = 0; i < b->n_features; i++) {
		f[i].name = b->features[i].name;
		f[i].bits = b->features[i].bits;
		f[i].rule = MDEVDESC_RULE_SUPERSET;
		FUZZ_ASSERT(f[i].bits && f[i].bits[0] == '0' && f[i].bits[1] == 'x' && f[i].bits[2] &&
				    strspn(f[i].bits + 2, "0123456789abcdefABCDEF") == strlen(f[i].bits + 2),
			    "baseline bits '%s'", f[i].bits ? f[i].bits : "(null)");
		FUZZ_ASSERT(i == 0 || strcmp(f[i - 1].name, f[i].name) < 0, "baseline features order");
	}
	for (i = 0; i < b->n_hw; i++) {
		hw[i].name = b->hw[i].name;
		hw[i].value = b->hw[i].value;
		FUZZ_ASSERT(i == 0 || strcmp(hw[i - 1].name, hw[i].name) < 0, "baseline hw order");
	}
	for (i = 0; i < b->n_params; i++) {
		pa[i].name = b->params[i].name;
		pa[i].value = b->params[i].value;
		FUZZ_ASSERT(i == 0 || strcmp(pa[i - 1].name, pa[i].name) < 0, "baseline params order");
	}
	s.features = f;
	s.n_features = b->n_features;
	s.hw = hw;
	s.n_hw = b->n_hw;
	s.params = pa;
	s.n_params = b->n_params;
	FUZZ_ASSERT(!b->version.is_range, "baseline version is a range");
	for (pass = 0; pass < 2; pass++) {
		s.version = b->version.low;
		if (!s.version.has_patch) {
			s.version.has_patch = 1;
			s.version.patch = pass ? 65535 : 0;
		} else if (pass) {
			break;
		}
		for (k = 0; k <= n; k++) {
			const struct mdevdesc_descriptor *d = k ? t[k - 1] : h;
			mdevdesc_code code = mdevdesc_check_compat(&s, d, r);
			int v = (int)mdevdesc_report_verdict(r);
			const mdevdesc_reason *x = mdevdesc_report_reason(r, 0);
			char path[256] = "-";
			FUZZ_ASSERT(code == MDEVDESC_OK, "check_compat of the baseline source: %s",
				    mdevdesc_code_name(code));
			if (x)
				mdevdesc_reason_path(x, path, sizeof(path));
			FUZZ_ASSERT(v == MDEVDESC_COMPATIBLE,
				    "baseline source %u.%u.%u is %s with %s %zu: %s at %s",
				    (unsigned)s.version.major, (unsigned)s.version.minor,
				    (unsigned)s.version.patch, mdevdesc_verdict_name((mdevdesc_verdict)v),
				    k ? "target" : "the host", k, x ? mdevdesc_reason_name(x->code) : "-",
				    path);
		}
	}
	mdevdesc_report_free(r);
}

static void check_baseline(const struct mdevdesc_descriptor *h, const struct mdevdesc_descriptor *const *t,
			   size_t n, int depth)
{
	mdevdesc_baseline *b = NULL;

	FUZZ_ASSERT(mdevdesc_baseline_compute(h, t, n, NULL, &b) == MDEVDESC_OK && b,
		    "baseline_compute failed");
	if (b->blocked) {
		FUZZ_ASSERT(b->blocker <= n, "blocker %zu of %zu targets", b->blocker, n);
		FUZZ_ASSERT(mdevdesc_report_reason_count(b->report) >= 1, "blocked without a reason");
		FUZZ_ASSERT(mdevdesc_report_verdict(b->report) == MDEVDESC_INCOMPATIBLE &&
				    mdevdesc_report_check_count(b->report) == 0,
			    "blocked report verdict or checks");
		FUZZ_ASSERT(mdevdesc_report_source(b->report) == h &&
				    mdevdesc_report_target(b->report) == (b->blocker ? t[b->blocker - 1] : h),
			    "blocked report src/dst");
		check_reasons(b->report);
		/* With the targets before the blocker a baseline exists. */
		if (b->blocker && depth == 0) {
			mdevdesc_baseline *b2 = NULL;
			FUZZ_ASSERT(mdevdesc_baseline_compute(h, t, b->blocker - 1, NULL, &b2) ==
						    MDEVDESC_OK &&
					    b2 && !b2->blocked,
				    "no baseline with the %zu targets before blocker %zu",
				    b->blocker - 1, b->blocker);
			mdevdesc_baseline_free(b2);
		}
	} else {
		FUZZ_ASSERT(!b->report, "a baseline with a report");
		check_baseline_source(b, h, t, n);
	}
	mdevdesc_baseline_free(b);
}

static size_t collect(struct set *S, const mdevdesc_file *f)
{
	size_t i, got = 0;

	for (i = 0; f && i < mdevdesc_file_doc_count(f) && got < MAX_SIDE; i++) {
		const mdevdesc_doc *doc = mdevdesc_file_doc(f, i);
		if (!doc)
			continue;
		S->d[S->n] = mdevdesc_doc_descriptor(doc);
		S->unknown[S->n] = mdevdesc_doc_has_unknown(doc);
		S->n++;
		got++;
	}
	return got;
}

static void fuzz_one(const uint8_t *data, size_t size)
{
	static const char sep[] = "\n===\n";
	mdevdesc_options opt = { NULL, NULL, MDEVDESC_ALLOW_UNKNOWN_VENDOR };
	const char *buf = (const char *)data, *cut = NULL;
	size_t la, lb, i, j;
	mdevdesc_file *fa = NULL, *fb = NULL;
	struct set S;
	static int verdict[MAX_DOCS][MAX_DOCS];
	mdevdesc_report *r = NULL;

	for (i = 0; i + 5 <= size; i++)
		if (memcmp(buf + i, sep, 5) == 0) {
			cut = buf + i;
			break;
		}
	if (cut) {
		la = (size_t)(cut - buf) + 1; /* A keeps its last line break */
		lb = size - la - 4;
	} else {
		la = size / 2;
		lb = size - la;
	}
	mdevdesc_parse(buf, la, &opt, &fa);
	mdevdesc_parse(buf + size - lb, lb, &opt, &fb);
	FUZZ_ASSERT(fa && fb, "parse returned no result");
	memset(&S, 0, sizeof(S));
	S.n_a = collect(&S, fa);
	collect(&S, fb);

	FUZZ_ASSERT(mdevdesc_report_new(&opt, &r) == MDEVDESC_OK && r, "report_new");
	for (i = 0; i < S.n; i++)
		for (j = 0; j < S.n; j++)
			verdict[i][j] = check(&S, i, j, r);
	mdevdesc_report_free(r);
	check_rank(&S, (const int(*)[MAX_DOCS])verdict);
	check_instances(&S, (const int(*)[MAX_DOCS])verdict);
	for (i = 0; i < S.n_a; i++) {
		check_baseline(S.d[i], S.d + S.n_a, S.n - S.n_a, 0);
		check_baseline(S.d[i], NULL, 0, 0);
	}
	mdevdesc_file_free(fa);
	mdevdesc_file_free(fb);
}
