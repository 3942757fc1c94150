/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/*
 * emit.c - the canonical emitter: struct mdevdesc_descriptor -> YAML text.
 *
 * mdevdesc_emit() writes one descriptor in the canonical form of spec 11:
 * top-level keys in the order of spec 5, hw/features/params as block
 * mappings whose entries are one-line flow mappings, version lists and
 * accepts lists as flow sequences, and every string double-quoted exactly
 * when the quoting table (spec 4.4) lists it or when it cannot be written
 * as a plain scalar where it stands (spec 4.2).  It is what a kernel driver
 * calls from a sysfs show() callback, so it is freestanding: no libc, no
 * allocation, no writable globals, bounded recursion; it builds with
 * -ffreestanding -nostdlib -fno-builtin, also for 32-bit targets (integers
 * are converted to decimal without 64-bit division, which would need libgcc
 * helpers there).  Its only external reference is mdevdesc_quote_class()
 * from emitter/quoting.c.  Its number and UTF-8 primitives are in text.c,
 * the checks of what it is given in check.c; md_utf8_decode() and
 * md_version_text() serve the library's JSON writer too (text.h).
 */
/* The freestanding types come from mdevdesc_emit.h, also in a kernel build. */
#include "mdevdesc_emit.h"
#include "text.h"

/* The largest value of type long, without <limits.h>. */
#define EMIT_LONG_MAX ((long)(~0UL >> 1))

/* Where a scalar is written; decides which plain scalars are valid (spec 4.2). */
#define CTX_BLOCK 0u      /* a block mapping value or key */
#define CTX_FLOW 1u       /* inside [...] or {...} */
#define CTX_LINE_START 2u /* a key in column 1 (top-level key) */
#define CTX_ACCEPTS 4u    /* an accepts item of a hw/params entry: a plain ".." is a range */

/**
 * struct sink - the caller's buffer and the length of the text so far.
 * @buf:  output buffer (NULL allowed when @size is 0).
 * @size: size of @buf.
 * @len:  bytes of text produced so far, also those that did not fit;
 *        saturates at SIZE_MAX instead of wrapping.
 */
struct sink {
	char *buf;
	size_t size;
	size_t len;
};

/**
 * put_byte - append one byte of text.
 * @o: the sink.
 * @c: the byte.
 *
 * The byte is stored only when it leaves room for the final NUL; the length
 * counts it either way (snprintf semantics).
 */
static void put_byte(struct sink *o, char c)
{
	if (o->size != 0 && o->len < o->size - 1)
		o->buf[o->len] = c;
	if (o->len != SIZE_MAX)
		o->len++;
}

/** put_mem - append @n bytes of @s. */
static void put_mem(struct sink *o, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		put_byte(o, s[i]);
}

/** put_str - append the NUL-terminated string @s. */
static void put_str(struct sink *o, const char *s)
{
	while (*s != '\0')
		put_byte(o, *s++);
}

/** str_len - length of the NUL-terminated string @s. */
static size_t str_len(const char *s)
{
	size_t n = 0;

	while (s[n] != '\0')
		n++;
	return n;
}


/**
 * needs_escape - whether code point @cp must be written as an escape.
 *
 * C0 controls, DEL, C1 controls (NEL included), U+FFFE and U+FFFF are not
 * printable (spec 4.1).  LINE SEPARATOR and PARAGRAPH SEPARATOR are line
 * breaks to YAML 1.1 loaders, and a BOM inside a document is rejected
 * (spec 4.1), so those are escaped too although YAML 1.2 calls them
 * printable.  The bidirectional controls (U+061C, U+200E, U+200F,
 * U+202A-U+202E, U+2066-U+2069), which the spec allows in strings, are
 * escaped so that canonical text is safe to print (spec 12): a terminal
 * or an editor would reorder the text around them.
 */
static int needs_escape(uint32_t cp)
{
	return cp < 0x20u || (cp >= 0x7fu && cp <= 0x9fu) || cp == 0x2028u ||
	       cp == 0x2029u || cp == 0xfeffu || cp == 0xfffeu || cp == 0xffffu ||
	       cp == 0x061cu || cp == 0x200eu || cp == 0x200fu ||
	       (cp >= 0x202au && cp <= 0x202eu) || (cp >= 0x2066u && cp <= 0x2069u);
}

/** is_indicator - a character that cannot start a plain scalar (spec 4.2). */
static int is_indicator(char c)
{
	switch (c) {
	case '[': case ']': case '{': case '}': case ',': case '#': case '&':
	case '*': case '!': case '|': case '>': case '\'': case '"': case '%':
	case '@': case '`':
		return 1;
	default:
		return 0;
	}
}

/**
 * is_flow_special - a character a plain scalar cannot hold in flow context:
 * `, [ ] { } :` (spec 4.2), and `?`, at which PyYAML's pure-Python scanner
 * ends a plain scalar inside flow collections.
 */
static int is_flow_special(char c)
{
	return c == ',' || c == '[' || c == ']' || c == '{' || c == '}' || c == ':' || c == '?';
}

/**
 * plain_ok - whether @s can be written as a plain scalar in context @ctx
 * and reads back as exactly these characters (spec 4.2).
 * @s:   the text, @n bytes.
 * @ctx: CTX_* flags.
 *
 * A plain scalar is not empty; does not start with an indicator, nor with
 * `-`, `?` or `:` followed by a space or alone; has no leading or trailing
 * space; contains neither `: ` nor ` #` and does not end with `:`; holds
 * only characters that need no escape and valid UTF-8.  In flow context it
 * also contains none of `, [ ] { } : ?` (see is_flow_special()); in an
 * accepts item of a hw/params entry (CTX_ACCEPTS) it contains no `..`.  In
 * column 1 it does not start with a document marker.
 */
static int plain_ok(const char *s, size_t n, unsigned ctx)
{
	const int flow = (ctx & CTX_FLOW) != 0;
	size_t i;

	if (n == 0 || is_indicator(s[0]) || s[0] == ' ' || s[n - 1] == ' ' ||
	    s[n - 1] == ':')
		return 0;
	if ((s[0] == '-' || s[0] == '?' || s[0] == ':') && (n == 1 || s[1] == ' '))
		return 0;
	if ((ctx & CTX_LINE_START) != 0 && n >= 3 &&
	    ((s[0] == '-' && s[1] == '-' && s[2] == '-') ||
	     (s[0] == '.' && s[1] == '.' && s[2] == '.')))
		return 0;
	for (i = 0; i < n;) {
		const unsigned char c = (unsigned char)s[i];
		uint32_t cp;
		size_t len;

		if (c < 0x80u) {
			if (needs_escape(c))
				return 0;
			if (c == ':' && i + 1 < n && s[i + 1] == ' ')
				return 0;
			if (c == '#' && i > 0 && s[i - 1] == ' ')
				return 0;
			/* In an accepts item a plain "a..b" reads as a range (spec 4.5). */
			if (c == '.' && i + 1 < n && s[i + 1] == '.' && (ctx & CTX_ACCEPTS))
				return 0;
			if (flow && is_flow_special((char)c))
				return 0;
			i++;
			continue;
		}
		len = md_utf8_decode((const unsigned char *)s + i, n - i, &cp);
		if (len == 0 || needs_escape(cp))
			return 0;
		i += len;
	}
	return 1;
}

/**
 * put_escape - append `\xXX` for a code point below U+0100, else `\uXXXX`
 * (@cp is at most U+FFFF here), with lower-case hex digits like bitmaps.
 */
static void put_escape(struct sink *o, uint32_t cp)
{
	int shift = cp < 0x100u ? 4 : 12;

	put_byte(o, '\\');
	put_byte(o, cp < 0x100u ? 'x' : 'u');
	for (; shift >= 0; shift -= 4)
		put_byte(o, md_hex_digit((unsigned)(cp >> shift)));
}

/**
 * put_quoted - append @s as a double-quoted scalar (spec 4.2).
 * @s: the text, @n bytes.
 *
 * `"` and `\` are escaped, TAB, LF and CR are written `\t`, `\n`, `\r`,
 * other C0 and C1 controls and DEL `\xXX`, the other characters that
 * needs_escape() lists `\uXXXX`; every other character is copied as UTF-8.
 * A byte that does not start a well-formed UTF-8 sequence is written as
 * `\ufffd` (REPLACEMENT CHARACTER), so that the output is always valid UTF-8.
 * Only the escapes that every loader the spec names understands are used.
 */
static void put_quoted(struct sink *o, const char *s, size_t n)
{
	size_t i;

	put_byte(o, '"');
	for (i = 0; i < n;) {
		const unsigned char c = (unsigned char)s[i];
		uint32_t cp;
		size_t len;

		if (c < 0x80u) {
			if (c == '"' || c == '\\') {
				put_byte(o, '\\');
				put_byte(o, (char)c);
			} else if (c == '\t') {
				put_str(o, "\\t");
			} else if (c == '\n') {
				put_str(o, "\\n");
			} else if (c == '\r') {
				put_str(o, "\\r");
			} else if (needs_escape(c)) {
				put_escape(o, c);
			} else {
				put_byte(o, (char)c);
			}
			i++;
			continue;
		}
		len = md_utf8_decode((const unsigned char *)s + i, n - i, &cp);
		if (len == 0) {
			put_escape(o, 0xfffdu);
			i++;
			continue;
		}
		if (needs_escape(cp))
			put_escape(o, cp);
		else
			put_mem(o, s + i, len);
		i += len;
	}
	put_byte(o, '"');
}

/**
 * put_text - append a scalar, plain when that is safe, else double-quoted.
 * @s:     the text, @n bytes.
 * @ctx:   CTX_* flags of the place where it is written.
 * @table: nonzero for a string, which is quoted when the quoting table
 *         (spec 4.4) lists it; zero for a plain scalar written as given.
 */
static void put_text(struct sink *o, const char *s, size_t n, unsigned ctx, int table)
{
	if ((table && mdevdesc_quote_class(s, n) != 0) || !plain_ok(s, n, ctx))
		put_quoted(o, s, n);
	else
		put_mem(o, s, n);
}

/** put_string - put_text() of a NUL-terminated string; NULL is written as `""`. */
static void put_string(struct sink *o, const char *s, unsigned ctx)
{
	if (s == NULL)
		s = "";
	put_text(o, s, str_len(s), ctx, 1);
}

/**
 * put_key - append `KEY: ` for a key that is data (an entry name or an
 * extension key): a string like any other, quoted by the same rule.
 */
static void put_key(struct sink *o, const char *key, unsigned ctx)
{
	put_string(o, key, ctx);
	put_str(o, ": ");
}

/**
 * md_version_text - write MAJOR.MINOR[.PATCH] (spec 5.5) to @out (>= 33 bytes).
 * returns: the number of bytes written.
 */
size_t md_version_text(const struct mdevdesc_version *v, char *out)
{
	size_t len = md_u64_to_dec(v->major, out);

	out[len++] = '.';
	len += md_u64_to_dec(v->minor, out + len);
	if (v->has_patch) {
		out[len++] = '.';
		len += md_u64_to_dec(v->patch, out + len);
	}
	return len;
}

/**
 * put_version - append a version (`version:`, spec 5.5).  A three-part
 * version matches no row and stays plain; a two-part one matches the float
 * row and is quoted.  The table decides, nothing is special-cased.
 */
static void put_version(struct sink *o, const struct mdevdesc_version *v, unsigned ctx)
{
	char text[40];

	put_text(o, text, md_version_text(v, text), ctx, 1);
}

/** put_version_entry - append an `accepts`/`creates` entry: a version or LOW..HIGH. */
static void put_version_entry(struct sink *o, const struct mdevdesc_version_entry *e)
{
	char text[80];
	size_t len = md_version_text(&e->low, text);

	if (e->is_range) {
		text[len++] = '.';
		text[len++] = '.';
		len += md_version_text(&e->high, text + len);
	}
	put_text(o, text, len, CTX_FLOW, 1);
}

/** put_version_list - append `KEY: [E1, E2]\n` (spec 5.5); nothing when empty. */
static void put_version_list(struct sink *o, const char *key,
			     const struct mdevdesc_version_entry *list, size_t n)
{
	size_t i;

	if (n == 0)
		return;
	put_str(o, key);
	put_str(o, ": [");
	for (i = 0; i < n; i++) {
		if (i != 0)
			put_str(o, ", ");
		put_version_entry(o, &list[i]);
	}
	put_str(o, "]\n");
}

/**
 * put_value - append a param/hw value or accepts item (spec 4.5, 5.8) in
 * flow context: integers in decimal, ranges as LOW..HIGH, strings by the
 * quoting rule (so `"4"` stays distinct from `4`).
 * @ctx: CTX_FLOW, or CTX_FLOW | CTX_ACCEPTS for an accepts item, where a
 *       string containing `..` is quoted (plain, it would be a range).
 */
static void put_value(struct sink *o, const struct mdevdesc_value *v, unsigned ctx)
{
	char text[48];
	size_t len;

	switch (v->kind) {
	case MDEVDESC_VALUE_INT:
		put_mem(o, text, md_i64_to_dec(v->i, text));
		break;
	case MDEVDESC_VALUE_RANGE:
		len = md_i64_to_dec(v->i, text);
		text[len++] = '.';
		text[len++] = '.';
		len += md_i64_to_dec(v->hi, text + len);
		put_text(o, text, len, CTX_FLOW, 1);
		break;
	case MDEVDESC_VALUE_STR:
		put_string(o, v->s, ctx);
		break;
	case MDEVDESC_VALUE_NONE:
	default:
		break; /* callers skip these; check_value() rejects bad kinds */
	}
}

/**
 * put_node - append an extension node (spec 5.10, 7) in flow style.
 * @ctx: CTX_BLOCK when the node is the value of a top-level key (then a
 *       scalar is judged as a block value), else CTX_FLOW.
 *
 * PLAIN text is written as given unless it cannot be a plain scalar there
 * (then it is double-quoted); STRING text is quoted by the quoting rule.
 * Depth is bounded by check_node().
 */
static void put_node(struct sink *o, const struct mdevdesc_node *nd, unsigned ctx)
{
	const char *s = nd->s != NULL ? nd->s : "";
	size_t i;

	switch (nd->kind) {
	case MDEVDESC_NODE_PLAIN:
		put_text(o, s, str_len(s), ctx, 0);
		break;
	case MDEVDESC_NODE_STRING:
		put_text(o, s, str_len(s), ctx, 1);
		break;
	case MDEVDESC_NODE_SEQ:
		put_byte(o, '[');
		for (i = 0; i < nd->n_items; i++) {
			if (i != 0)
				put_str(o, ", ");
			put_node(o, &nd->items[i], CTX_FLOW);
		}
		put_byte(o, ']');
		break;
	case MDEVDESC_NODE_MAP:
		if (nd->n_items == 0) {
			put_str(o, "{}");
			break;
		}
		put_str(o, "{ ");
		for (i = 0; i < nd->n_items; i++) {
			if (i != 0)
				put_str(o, ", ");
			put_key(o, nd->items[i].key, CTX_FLOW);
			put_node(o, &nd->items[i], CTX_FLOW);
		}
		put_str(o, " }");
		break;
	default:
		break; /* rejected by check_node() */
	}
}

/**
 * put_extra_entries - append `, KEY: NODE` for each entry-level extension
 * node inside a one-line entry mapping.
 * @first: nonzero when nothing precedes them in the mapping.
 */
static void put_extra_entries(struct sink *o, const struct mdevdesc_node *extra, size_t n,
			      int first)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (!first)
			put_str(o, ", ");
		first = 0;
		put_key(o, extra[i].key, CTX_FLOW);
		put_node(o, &extra[i], CTX_FLOW);
	}
}

/**
 * put_params - append a `hw:` or `params:` block (spec 5.6, 5.8): one line
 * per entry, `  NAME: { value: V, accepts: [..], default: D, x-..: .. }`.
 */
static void put_params(struct sink *o, const char *key, const struct mdevdesc_param *p,
		       size_t n)
{
	size_t i, j;

	if (n == 0)
		return;
	put_str(o, key);
	put_str(o, ":\n");
	for (i = 0; i < n; i++) {
		int first = 1;

		put_str(o, "  ");
		put_key(o, p[i].name, CTX_BLOCK);
		if (p[i].value.kind == MDEVDESC_VALUE_NONE && p[i].n_accepts == 0 &&
		    p[i].def.kind == MDEVDESC_VALUE_NONE && p[i].n_extra == 0) {
			put_str(o, "{}\n");
			continue;
		}
		put_str(o, "{ ");
		if (p[i].value.kind != MDEVDESC_VALUE_NONE) {
			put_str(o, "value: ");
			put_value(o, &p[i].value, CTX_FLOW);
			first = 0;
		}
		if (p[i].n_accepts != 0) {
			put_str(o, first ? "accepts: [" : ", accepts: [");
			for (j = 0; j < p[i].n_accepts; j++) {
				if (j != 0)
					put_str(o, ", ");
				put_value(o, &p[i].accepts[j], CTX_FLOW | CTX_ACCEPTS);
			}
			put_byte(o, ']');
			first = 0;
		}
		if (p[i].def.kind != MDEVDESC_VALUE_NONE) {
			put_str(o, first ? "default: " : ", default: ");
			put_value(o, &p[i].def, CTX_FLOW);
			first = 0;
		}
		put_extra_entries(o, p[i].extra, p[i].n_extra, first);
		put_str(o, " }\n");
	}
}

/** is_hex - whether @c is a hex digit. */
static int is_hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/**
 * put_bitmap - append a feature bitmap (spec 5.7), always double-quoted
 * (a bare 0x3f0f would load as an integer).  A well-formed `0x` + hex
 * digits is normalised to lower case without leading zeros, "0x0" when no
 * bit is set; anything else is written as given, for the validator to
 * reject.
 */
static void put_bitmap(struct sink *o, const char *bits)
{
	size_t n, i;

	if (bits == NULL)
		bits = "";
	n = str_len(bits);
	if (n < 3 || bits[0] != '0' || (bits[1] != 'x' && bits[1] != 'X')) {
		put_quoted(o, bits, n);
		return;
	}
	for (i = 2; i < n; i++) {
		if (!is_hex(bits[i])) {
			put_quoted(o, bits, n);
			return;
		}
	}
	for (i = 2; i + 1 < n && bits[i] == '0'; i++)
		;
	put_str(o, "\"0x");
	for (; i < n; i++) {
		char c = bits[i];

		put_byte(o, c >= 'A' && c <= 'F' ? (char)(c - 'A' + 'a') : c);
	}
	put_byte(o, '"');
}

/**
 * put_features - append the `features:` block (spec 5.7): one line per
 * entry, `  NAME: { bits: "0x..", rule: superset, x-..: .. }`.
 */
static void put_features(struct sink *o, const struct mdevdesc_feature *f, size_t n)
{
	size_t i;

	if (n == 0)
		return;
	put_str(o, "features:\n");
	for (i = 0; i < n; i++) {
		put_str(o, "  ");
		put_key(o, f[i].name, CTX_BLOCK);
		put_str(o, "{ bits: ");
		put_bitmap(o, f[i].bits);
		put_str(o, ", rule: ");
		switch (f[i].rule) {
		case MDEVDESC_RULE_SUPERSET:
			put_str(o, "superset");
			break;
		case MDEVDESC_RULE_EQUAL:
			put_str(o, "equal");
			break;
		case MDEVDESC_RULE_UNKNOWN:
		default:
			put_string(o, f[i].rule_name, CTX_FLOW);
			break;
		}
		put_extra_entries(o, f[i].extra, f[i].n_extra, 0);
		put_str(o, " }\n");
	}
}

/** put_field - append `KEY: VALUE\n` for a string field; nothing when @s is NULL. */
static void put_field(struct sink *o, const char *key, const char *s)
{
	if (s == NULL)
		return;
	put_str(o, key);
	put_str(o, ": ");
	put_string(o, s, CTX_BLOCK);
	put_byte(o, '\n');
}

/** put_string_list - append `KEY: [S1, S2]\n` (`parents`, spec 5.9); nothing when empty. */
static void put_string_list(struct sink *o, const char *key, const char *const *list, size_t n)
{
	size_t i;

	if (n == 0)
		return;
	put_str(o, key);
	put_str(o, ": [");
	for (i = 0; i < n; i++) {
		if (i != 0)
			put_str(o, ", ");
		put_string(o, list[i], CTX_FLOW);
	}
	put_str(o, "]\n");
}


/**
 * mdevdesc_emit - write the canonical text of one descriptor (spec 11).
 * @d:    the descriptor; not modified.
 * @buf:  output buffer, may be NULL when @size is 0.
 * @size: size of @buf in bytes.
 *
 * See mdevdesc_emit.h.  Keys are written in the canonical order of spec 5;
 * entries and extension nodes in array order (the library sorts them).
 * Besides the cases in the header, -1 is also returned when an array
 * pointer is NULL with a nonzero count, when extension nodes nest deeper
 * than EMIT_MAX_NODE_DEPTH, or when the text would be longer than LONG_MAX.
 * On -1 nothing is written except a NUL at @buf[0] (when @size > 0).
 *
 * returns: the length of the full text, excluding the NUL, or -1.
 */
long mdevdesc_emit(const struct mdevdesc_descriptor *d, char *buf, size_t size)
{
	struct sink o;
	char num[24];
	size_t i;

	if (buf == NULL)
		size = 0;
	if (size != 0)
		buf[0] = '\0';
	if (d == NULL || md_emit_check(d) != 0)
		return -1;

	o.buf = buf;
	o.size = size;
	o.len = 0;

	/* spec 5.1: always the quoted "MAJOR.MINOR" */
	put_str(&o, "mdevdesc: \"");
	put_mem(&o, num, md_u64_to_dec(d->format_major, num));
	put_byte(&o, '.');
	put_mem(&o, num, md_u64_to_dec(d->format_minor, num));
	put_str(&o, "\"\n");

	/* spec 5.2 - 5.4: identity; required, so written even when NULL */
	put_str(&o, "vendor: ");
	put_string(&o, d->vendor, CTX_BLOCK);
	put_str(&o, "\ntype: ");
	put_string(&o, d->type, CTX_BLOCK);
	put_str(&o, "\ndevice_api: ");
	put_string(&o, d->device_api, CTX_BLOCK);

	/* spec 5.5 */
	put_str(&o, "\nversion: ");
	put_version(&o, &d->version, CTX_BLOCK);
	put_byte(&o, '\n');
	put_version_list(&o, "accepts", d->accepts, d->n_accepts);
	put_version_list(&o, "creates", d->creates, d->n_creates);

	/* spec 5.6 - 5.8 */
	put_params(&o, "hw", d->hw, d->n_hw);
	put_features(&o, d->features, d->n_features);
	put_params(&o, "params", d->params, d->n_params);

	/* spec 5.9: informational keys */
	put_field(&o, "mdev_type", d->mdev_type);
	put_string_list(&o, "parents", d->parents, d->n_parents);
	put_field(&o, "driver", d->driver);
	put_field(&o, "description", d->description);

	/* spec 5.10, 7: extensions and newer-minor keys, flow style on the key's line */
	for (i = 0; i < d->n_extra; i++) {
		put_key(&o, d->extra[i].key, CTX_BLOCK | CTX_LINE_START);
		put_node(&o, &d->extra[i], CTX_BLOCK);
		put_byte(&o, '\n');
	}

	if (size != 0)
		buf[o.len < size ? o.len : size - 1] = '\0';
	if (o.len > (size_t)EMIT_LONG_MAX)
		return -1;
	return (long)o.len;
}
