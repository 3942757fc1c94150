/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/*
 * mdevdesc_emit.h - the plain descriptor struct and the freestanding emitter.
 *
 * A driver fills a struct mdevdesc_descriptor (statically or at run time)
 * and calls mdevdesc_emit() to write the canonical text of that descriptor
 * into a caller buffer, for example from a sysfs show() callback.  The
 * emitter needs no allocator and no libc: this header uses only the
 * freestanding headers <stddef.h> and <stdint.h> (in a kernel build, where
 * -nostdinc hides them, the same types from <linux/types.h>), and
 * emitter/emit.c builds with -ffreestanding -nostdlib -fno-builtin.  The library's canonical output
 * (mdevdesc_doc_emit(), mdevdesc-fmt) is produced by the same code, so a
 * driver's attribute and a management tool's rewrite are byte-identical.
 *
 * Strings are NUL-terminated UTF-8.  Nothing here is ever written to by the
 * emitter; the struct may live in read-only memory.
 */
#ifndef MDEVDESC_EMIT_H
#define MDEVDESC_EMIT_H

/*
 * size_t, NULL, SIZE_MAX and the exact-width integer types.  Kbuild compiles
 * with -nostdinc, so a kernel module takes them from the kernel's headers.
 */
#ifdef __KERNEL__
#include <linux/limits.h>
#include <linux/stddef.h>
#include <linux/types.h>
#else
#include <stddef.h>
#include <stdint.h>
#endif

#ifdef __cplusplus
extern "C" {
#endif

/** enum mdevdesc_value_kind - the type of a param or hw value (spec 5.8). */
enum mdevdesc_value_kind {
	MDEVDESC_VALUE_NONE = 0, /* absent (e.g. no default) */
	MDEVDESC_VALUE_INT = 1,  /* signed 64-bit integer: @i */
	MDEVDESC_VALUE_STR = 2,  /* string: @s */
	MDEVDESC_VALUE_RANGE = 3 /* inclusive integer range: @i .. @hi (accepts only) */
};

/** struct mdevdesc_value - one typed value or accepts item. */
struct mdevdesc_value {
	enum mdevdesc_value_kind kind;
	int64_t i;     /* INT value, RANGE low end */
	int64_t hi;    /* RANGE high end */
	const char *s; /* STR value */
};

/**
 * struct mdevdesc_version - MAJOR.MINOR[.PATCH] (spec 5.5).
 * @has_patch: 0 for a two-part entry, which covers every patch.
 */
struct mdevdesc_version {
	uint32_t major, minor, patch;
	int has_patch;
};

/** struct mdevdesc_version_entry - an `accepts` or `creates` entry. */
struct mdevdesc_version_entry {
	struct mdevdesc_version low;
	struct mdevdesc_version high; /* used when @is_range */
	int is_range;
};

/** enum mdevdesc_node_kind - kinds of struct mdevdesc_node. */
enum mdevdesc_node_kind {
	MDEVDESC_NODE_PLAIN = 1,  /* plain scalar, emitted as written */
	MDEVDESC_NODE_STRING = 2, /* string, quoted when the quoting table says so */
	MDEVDESC_NODE_SEQ = 3,
	MDEVDESC_NODE_MAP = 4
};

/**
 * struct mdevdesc_node - a generic YAML node: the value of an `x-` extension
 * key, or of a key that a newer format minor defines (spec 7).
 * @key:   the key when this node is an entry of a MAP, else NULL.
 * @s:     PLAIN and STRING text.
 * @items: SEQ items or MAP entries, @n_items of them.
 */
struct mdevdesc_node {
	enum mdevdesc_node_kind kind;
	const char *key;
	const char *s;
	const struct mdevdesc_node *items;
	size_t n_items;
};

/** enum mdevdesc_rule - the comparison rule of a feature bitmap (spec 5.7). */
enum mdevdesc_rule {
	MDEVDESC_RULE_UNKNOWN = 0, /* a newer minor's rule; see @rule_name */
	MDEVDESC_RULE_SUPERSET = 1,
	MDEVDESC_RULE_EQUAL = 2
};

/**
 * struct mdevdesc_feature - one named feature bitmap.
 * @bits: "0x" followed by hex digits; emitted lower-case without leading
 *        zeros ("0x0" for no bits).
 * @rule_name: emitted when @rule is MDEVDESC_RULE_UNKNOWN.
 */
struct mdevdesc_feature {
	const char *name;
	const char *bits;
	enum mdevdesc_rule rule;
	const char *rule_name;
	const struct mdevdesc_node *extra; /* x- and newer-minor keys */
	size_t n_extra;
};

/**
 * struct mdevdesc_param - one `params` or `hw` entry (spec 5.8).
 * @accepts: NULL/0 when absent (then only @value is accepted).
 * @def:     @def.kind is MDEVDESC_VALUE_NONE when there is no default.
 */
struct mdevdesc_param {
	const char *name;
	struct mdevdesc_value value;
	const struct mdevdesc_value *accepts;
	size_t n_accepts;
	struct mdevdesc_value def;
	const struct mdevdesc_node *extra;
	size_t n_extra;
};

/**
 * struct mdevdesc_descriptor - one descriptor (one YAML document).
 * Optional strings are NULL when absent; optional arrays have a zero count.
 * @format_major, @format_minor: the `mdevdesc` key, e.g. 1 and 0.
 * @device_api: one of the spec 5.4 names, or a newer minor's name.
 */
struct mdevdesc_descriptor {
	uint32_t format_major, format_minor;
	const char *vendor;
	const char *type;
	const char *device_api;
	struct mdevdesc_version version;
	const struct mdevdesc_version_entry *accepts;
	size_t n_accepts;
	const struct mdevdesc_version_entry *creates;
	size_t n_creates;
	const struct mdevdesc_param *hw;
	size_t n_hw;
	const struct mdevdesc_feature *features;
	size_t n_features;
	const struct mdevdesc_param *params;
	size_t n_params;
	const char *mdev_type;
	const char *const *parents; /* match entries (spec 5.9), in the order written */
	size_t n_parents;
	const char *driver;
	const char *description;
	const struct mdevdesc_node *extra; /* top-level x- and newer-minor keys */
	size_t n_extra;
};

/**
 * mdevdesc_emit - write the canonical text of one descriptor.
 * @d:   the descriptor; not modified.
 * @buf: output buffer, may be NULL when @size is 0.
 * @size: size of @buf in bytes.
 *
 * Like snprintf: writes at most @size - 1 bytes followed by a NUL (when
 * @size > 0) and returns the length the full text needs, excluding the NUL.
 * The text starts with the `mdevdesc` key and ends with a newline; no
 * document marker is written.  The output is truncated when the return
 * value is >= @size.  Reentrant; uses no allocator, no libc and no globals.
 *
 * The emitter writes what it is given: it does not validate.  Strings that
 * the quoting table (spec 4.4) lists are double-quoted, so the output means
 * the same to every YAML loader.
 *
 * returns: the length needed (>= 0), or -1 when @d is NULL or a value kind
 * is out of range.
 */
long mdevdesc_emit(const struct mdevdesc_descriptor *d, char *buf, size_t size);

/**
 * mdevdesc_quote_class - look a plain scalar up in the quoting table.
 * @s: the scalar text, @n bytes (need not be NUL-terminated).
 *
 * returns: 0 when the scalar reads as a string in every loader the spec
 * names, else the row number (1-based) of spec 4.4 that it matches.
 * Freestanding and reentrant.
 */
int mdevdesc_quote_class(const char *s, size_t n);

#ifdef __cplusplus
}
#endif

#endif /* MDEVDESC_EMIT_H */
