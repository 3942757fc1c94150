/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/*
 * compat-instance.c - the target instance and the way back in
 * mdevdesc-compat (spec 6.6): --emit-target writes the instance descriptor
 * of the device to create on the target, or why there is none; --both
 * explains the check of that instance against the source's type, or says
 * that reversibility is unknown without it.  Both print what the library
 * answered (mdevdesc_report_target_instance(), mdevdesc_check_reverse()).
 */
#include <stdlib.h>
#include <string.h>

#include "compat.h"

/* @s for a terminal (spec 12): control characters escaped. */
static void visible(FILE *o, const char *s)
{
	cli_put_visible(o, s, strlen(s));
}

/* Value @which of reason @x, rendered by the library, for a terminal. */
static void reason_value(FILE *o, const mdevdesc_report *r, const mdevdesc_reason *x,
			 mdevdesc_text which)
{
	long n = mdevdesc_reason_text(r, x, which, NULL, 0);
	char *t = n > 0 ? malloc((size_t)n + 1) : NULL;

	if (t) {
		mdevdesc_reason_text(r, x, which, t, (size_t)n + 1);
		cli_put_visible(o, t, (size_t)n);
	} else {
		fputs(n == 0 ? "(none)" : "?", o);
	}
	free(t);
}

void compat_reasons(FILE *o, const mdevdesc_report *r)
{
	size_t i;

	for (i = 0; i < mdevdesc_report_reason_count(r); i++) {
		const mdevdesc_reason *x = mdevdesc_report_reason(r, i);
		mdevdesc_text which =
			x->side == MDEVDESC_TARGET ? MDEVDESC_TEXT_TARGET : MDEVDESC_TEXT_SOURCE;

		fputs("  ", o);
		visible(o, compat_reason_path(x));
		fprintf(o, ": %s (%s)", mdevdesc_reason_name(x->code), x->rule);
		if (x->code == MDEVDESC_R_UNKNOWN_KEY) {
			fprintf(o, " in the %s\n",
				x->side == MDEVDESC_TARGET ? "target" : "source");
			continue;
		}
		if (x->code == MDEVDESC_R_UNKNOWN_ENUM) {
			fputs(": ", o);
			reason_value(o, r, x, which);
			fprintf(o, " in the %s\n",
				x->side == MDEVDESC_TARGET ? "target" : "source");
			continue;
		}
		fputs(": source ", o);
		reason_value(o, r, x, MDEVDESC_TEXT_SOURCE);
		fputs(", target ", o);
		reason_value(o, r, x, MDEVDESC_TEXT_TARGET);
		putc('\n', o);
	}
}

int compat_emit_target(const char *sname, const char *dname, const mdevdesc_report *r)
{
	const struct mdevdesc_descriptor *in = mdevdesc_report_target_instance(r);
	long n;
	char *buf;

	if (!in) {
		fputs("mdevdesc-compat: ", stderr);
		visible(stderr, sname);
		fputs(" cannot migrate to ", stderr);
		visible(stderr, dname);
		fprintf(stderr, " (%s): no target to create\n",
			mdevdesc_verdict_name(mdevdesc_report_verdict(r)));
		compat_reasons(stderr, r);
		return EXIT_INVALID;
	}
	n = mdevdesc_emit(in, NULL, 0);
	buf = n >= 0 ? malloc((size_t)n + 1) : NULL;
	if (!buf) {
		fprintf(stderr, "mdevdesc-compat: %s\n",
			mdevdesc_strerror(n < 0 ? MDEVDESC_E_INVALID_ARGUMENT : MDEVDESC_E_NOMEM));
		return EXIT_USAGE;
	}
	mdevdesc_emit(in, buf, (size_t)n + 1);
	fwrite(buf, 1, (size_t)n, stdout);
	free(buf);
	return EXIT_VALID;
}

void compat_satisfies_warning(const char *sname, const char *tname, const mdevdesc_report *r)
{
	if (mdevdesc_report_verdict(r) == MDEVDESC_COMPATIBLE && mdevdesc_report_same_minor(r))
		return;
	fputs("mdevdesc-compat: warning: ", stderr);
	visible(stderr, sname);
	fputs(" does not satisfy the source type ", stderr);
	visible(stderr, tname);
	if (mdevdesc_report_verdict(r) == MDEVDESC_COMPATIBLE)
		fputs(": the type does not create its MAJOR.MINOR", stderr);
	else
		fprintf(stderr, ": %s", mdevdesc_verdict_name(mdevdesc_report_verdict(r)));
	fputs(" (spec 6.6 R-COMPAT-SATISFIES); the way back below leads to another type\n", stderr);
	compat_reasons(stderr, r);
}

int compat_both_text(const char *tname, const mdevdesc_report *fw, const mdevdesc_report *bw)
{
	if (mdevdesc_report_verdict(fw) != MDEVDESC_COMPATIBLE) {
		printf("\nboth directions: not compatible (the VM cannot move there)\n");
		return EXIT_INVALID;
	}
	if (!tname) {
		printf("\nreversibility: unknown (the source's type is not known; name it with"
		       " --source-type FILE)\n");
		return EXIT_VALID;
	}
	putchar('\n');
	compat_explain("target instance", tname, bw);
	if (mdevdesc_report_verdict(bw) == MDEVDESC_COMPATIBLE) {
		printf("\nboth directions: compatible (the VM can move there and come back)\n");
		return EXIT_VALID;
	}
	printf("\nboth directions: not compatible (the VM can move there but not come back)\n");
	return EXIT_INVALID;
}
