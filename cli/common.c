/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/*
 * common.c - input, diagnostics and JSON output shared by the tools.
 */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"

int cli_read(cli_input *in, const char *path)
{
	mdevdesc_code rc;

	memset(in, 0, sizeof(*in));
	in->name = path;
	rc = mdevdesc_input_read(path, NULL, &in->input);
	if (rc != MDEVDESC_OK) {
		if (rc == MDEVDESC_E_NOMEM)
			errno = ENOMEM;
		return -1;
	}
	in->buf = mdevdesc_input_data(in->input);
	in->len = mdevdesc_input_size(in->input);
	return 0;
}

void cli_release(cli_input *in)
{
	mdevdesc_input_free(in->input);
	in->input = NULL;
	in->buf = NULL;
}

/*
 * One character of @s[0..n) at @i: its length in bytes and the code point,
 * or 0 when the bytes there are not UTF-8 (spec 4.1 rules out overlongs,
 * surrogates and values above U+10FFFF).
 */
static size_t utf8_char(const unsigned char *s, size_t n, size_t i, uint32_t *cp)
{
	unsigned char c = s[i];
	size_t len, k;
	uint32_t v, min;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		len = 2, v = c & 0x1Fu, min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		len = 3, v = c & 0x0Fu, min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4, v = c & 0x07u, min = 0x10000;
	} else {
		return 0;
	}
	if (n - i < len)
		return 0;
	for (k = 1; k < len; k++) {
		if ((s[i + k] & 0xC0) != 0x80)
			return 0;
		v = v << 6 | (s[i + k] & 0x3Fu);
	}
	if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
		return 0;
	*cp = v;
	return len;
}

/* Characters a terminal would act on or that reorder text (spec 11.4). */
static int unsafe_char(uint32_t cp)
{
	return (cp < 0x20 && cp != '\t') || (cp >= 0x7F && cp <= 0x9F) || cp == 0x061C ||
	       cp == 0x200E || cp == 0x200F || (cp >= 0x2028 && cp <= 0x202E) ||
	       (cp >= 0x2066 && cp <= 0x2069) || cp == 0xFFFE || cp == 0xFFFF;
}

size_t cli_visible_char(const char *s, size_t n, size_t i, char esc[12])
{
	const unsigned char *p = (const unsigned char *)s;
	uint32_t cp = 0;
	size_t len = utf8_char(p, n, i, &cp);

	esc[0] = '\0';
	if (len == 0) {
		snprintf(esc, 12, "\\x%02x", p[i]);
		return 1;
	}
	if (unsafe_char(cp))
		snprintf(esc, 12, cp < 0x80 ? "\\x%02x" : "\\u%04x", (unsigned)cp);
	return len;
}

/*
 * Write @s[0..n) as cli_put_visible() does.  With @blank, write instead the
 * blanks that take the same columns as the text before @upto (tabs stay
 * tabs), to put a caret below it.
 */
static void put_visible(FILE *out, const char *s, size_t n, size_t upto, int blank)
{
	size_t i = 0;
	char esc[12];

	while (i < n && (!blank || i < upto)) {
		size_t len = cli_visible_char(s, n, i, esc);

		if (!blank)
			fwrite(esc[0] ? esc : s + i, 1, esc[0] ? strlen(esc) : len, out);
		else if (len == 1 && s[i] == '\t')
			putc('\t', out);
		else
			fprintf(out, "%*s", esc[0] ? (int)strlen(esc) : 1, "");
		i += len;
	}
}

void cli_put_visible(FILE *out, const char *s, size_t n)
{
	put_visible(out, s, n, 0, 0);
}

static void put_visible_str(FILE *out, const char *s)
{
	put_visible(out, s, strlen(s), 0, 0);
}

/* The buffers of cli_vis(), used in turn. */
static struct {
	char *buf;
	size_t cap;
} vis_slot[8];
static unsigned vis_next;

const char *cli_vis(const char *s)
{
	size_t n = s ? strlen(s) : 0, i = 0, o = 0;
	unsigned k = vis_next++ % 8;
	char esc[12];

	/* An escape is at most four bytes for each byte it replaces. */
	if (4 * n + 1 > vis_slot[k].cap) {
		char *nb = realloc(vis_slot[k].buf, 4 * n + 1);
		if (!nb)
			return "?";
		vis_slot[k].buf = nb;
		vis_slot[k].cap = 4 * n + 1;
	}
	while (i < n) {
		size_t len = cli_visible_char(s, n, i, esc);

		size_t m = esc[0] ? strlen(esc) : len;

		memcpy(vis_slot[k].buf + o, esc[0] ? esc : s + i, m);
		o += m;
		i += len;
	}
	vis_slot[k].buf[o] = '\0';
	return vis_slot[k].buf;
}

void cli_bad_option(const char *tool, char *const *argv, const char *usage)
{
	char c[2] = { (char)optopt, '\0' };

	if (optopt > 0 && optopt < 256)
		fprintf(stderr, "%s: unknown option '-%s'\n", tool, cli_vis(c));
	else
		fprintf(stderr, "%s: unknown, ambiguous or incomplete option '%s'\n", tool,
			cli_vis(argv[optind - 1]));
	fputs(usage, stderr);
}

void cli_print_diag(FILE *out, const cli_input *in, const mdevdesc_diag *d, int show_source)
{
	size_t start, end;

	put_visible_str(out, in->name);
	fprintf(out, ":%u:%u: %s: ", (unsigned)d->line, (unsigned)d->column,
		d->severity == MDEVDESC_ERROR ? "error" : "warning");
	put_visible_str(out, d->message);
	fprintf(out, " [%s] (%s)\n", mdevdesc_code_name(d->code), d->rule);
	if (!show_source || !in->buf || d->offset > in->len)
		return;
	start = d->offset;
	while (start > 0 && in->buf[start - 1] != '\n')
		start--;
	if (start == 0 && in->len >= 3 && memcmp(in->buf, "\xEF\xBB\xBF", 3) == 0)
		start = 3;
	end = d->offset;
	while (end < in->len && in->buf[end] != '\n' && in->buf[end] != '\r')
		end++;
	if (end - start > 160)
		return; /* a long line is shown by its position only */
	fputs("    ", out);
	put_visible(out, in->buf + start, end - start, 0, 0);
	fputs("\n    ", out);
	put_visible(out, in->buf + start, end - start, d->offset - start, 1);
	fputs("^\n", out);
}

void cli_fwrite(void *ctx, const char *s, size_t n)
{
	fwrite(s, 1, n, (FILE *)ctx);
}

void cli_json_string(FILE *out, const char *s, size_t n)
{
	mdevdesc_json_string(s, n, cli_fwrite, out);
}

void cli_json_version(FILE *out, const struct mdevdesc_version *v)
{
	if (v->has_patch)
		fprintf(out, "%u.%u.%u", (unsigned)v->major, (unsigned)v->minor, (unsigned)v->patch);
	else
		fprintf(out, "%u.%u", (unsigned)v->major, (unsigned)v->minor);
}

void cli_json_entries(FILE *out, const char *key, const struct mdevdesc_version_entry *e, size_t n)
{
	fprintf(out, ",\"%s\":", key);
	mdevdesc_json_versions(e, n, cli_fwrite, out);
}

void cli_json_value(FILE *out, const struct mdevdesc_value *v)
{
	mdevdesc_json_value(v, cli_fwrite, out);
}
