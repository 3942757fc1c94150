/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/*
 * check.c - what mdevdesc_emit() checks of the descriptor it is given
 * before it writes a byte: array pointers against their counts, value
 * kinds, and the depth of extension nodes.  Not validation (spec 5): the
 * emitter writes what it is given.  Freestanding (text.h).
 */
#include "mdevdesc_emit.h"
#include "text.h"

/*
 * Deepest nesting of extension nodes (struct mdevdesc_node) accepted, counting
 * the node that is the value of a key as depth 1.  The parser's default limit
 * (spec 8) is far below; the bound keeps the recursion's stack use small and
 * turns a cyclic node graph into an error instead of a stack overflow.
 */
#define EMIT_MAX_NODE_DEPTH 64

/**
 * check_array - an array pointer must not be NULL when its count is not 0.
 * returns: 0 when consistent, -1 otherwise.
 */
static int check_array(const void *p, size_t n)
{
	return p == NULL && n != 0 ? -1 : 0;
}

/**
 * check_value - validate the kind of a value (only what emission relies on).
 * @none_ok: nonzero where an absent value is allowed (`value`, `default`);
 *           an `accepts` item cannot be absent.
 * returns: 0, or -1 when the kind is out of range.
 */
static int check_value(const struct mdevdesc_value *v, int none_ok)
{
	switch (v->kind) {
	case MDEVDESC_VALUE_NONE:
		return none_ok ? 0 : -1;
	case MDEVDESC_VALUE_INT:
	case MDEVDESC_VALUE_STR:
	case MDEVDESC_VALUE_RANGE:
		return 0;
	default:
		return -1;
	}
}

/**
 * check_node - validate the kinds, array pointers and depth of a node tree.
 * @depth: depth of @nd, 1 for the value of a key.
 * returns: 0, or -1.
 */
static int check_node(const struct mdevdesc_node *nd, unsigned depth)
{
	size_t i;

	if (depth > EMIT_MAX_NODE_DEPTH)
		return -1;
	switch (nd->kind) {
	case MDEVDESC_NODE_PLAIN:
	case MDEVDESC_NODE_STRING:
		return 0;
	case MDEVDESC_NODE_SEQ:
	case MDEVDESC_NODE_MAP:
		if (check_array(nd->items, nd->n_items) != 0)
			return -1;
		for (i = 0; i < nd->n_items; i++)
			if (check_node(&nd->items[i], depth + 1) != 0)
				return -1;
		return 0;
	default:
		return -1;
	}
}

/** check_nodes - check_node() on each of @n extension nodes at depth 1. */
static int check_nodes(const struct mdevdesc_node *nd, size_t n)
{
	size_t i;

	if (check_array(nd, n) != 0)
		return -1;
	for (i = 0; i < n; i++)
		if (check_node(&nd[i], 1) != 0)
			return -1;
	return 0;
}

/** check_params - validate the value kinds and arrays of @n params or hw entries. */
static int check_params(const struct mdevdesc_param *p, size_t n)
{
	size_t i, j;

	if (check_array(p, n) != 0)
		return -1;
	for (i = 0; i < n; i++) {
		if (check_value(&p[i].value, 1) != 0 || check_value(&p[i].def, 1) != 0 ||
		    check_array(p[i].accepts, p[i].n_accepts) != 0 ||
		    check_nodes(p[i].extra, p[i].n_extra) != 0)
			return -1;
		for (j = 0; j < p[i].n_accepts; j++)
			if (check_value(&p[i].accepts[j], 0) != 0)
				return -1;
	}
	return 0;
}

/**
 * md_emit_check - everything mdevdesc_emit() relies on, checked before
 * a byte is written, so that a -1 leaves no partial text behind.  It is not
 * validation (spec 5): the emitter writes what it is given.
 * returns: 0, or -1.
 */
int md_emit_check(const struct mdevdesc_descriptor *d)
{
	size_t i;

	if (check_array(d->accepts, d->n_accepts) != 0 ||
	    check_array(d->creates, d->n_creates) != 0 || check_params(d->hw, d->n_hw) != 0 ||
	    check_params(d->params, d->n_params) != 0 ||
	    check_array(d->features, d->n_features) != 0 || check_nodes(d->extra, d->n_extra) != 0 ||
	    check_array(d->parents, d->n_parents) != 0)
		return -1;
	for (i = 0; i < d->n_features; i++) {
		switch (d->features[i].rule) {
		case MDEVDESC_RULE_UNKNOWN:
		case MDEVDESC_RULE_SUPERSET:
		case MDEVDESC_RULE_EQUAL:
			break;
		default:
			return -1;
		}
		if (check_nodes(d->features[i].extra, d->features[i].n_extra) != 0)
			return -1;
	}
	return 0;
}
