/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/*
 * hwnames.c - the registered names of `hw` (spec 5.6): each has one type
 * and one form, so that two producers that describe the same property
 * write values that compare equal.  A value, default or accepts item of a
 * registered name that has another type or form is warning `hw-form`
 * [R-HW-REGISTERED], whose message says the registered form.
 *
 * The check runs on every hw entry that was read without error, valid
 * documents too: finding the name takes a length and a first-byte test
 * per row of a table of ten, a value of the registered form a type test
 * and a range or character test; only a warning renders the path.
 */
#include <string.h>

#include "validator/build.h"

/* How a registered string is written. */
enum hw_kind {
	HW_INT,     /* an integer 0 to max */
	HW_PCI,     /* "vvvv:dddd", lower-case hex */
	HW_DEVNO,   /* "c.s.dddd", hex */
	HW_CARD,    /* "CEX", one or two digits, A, C or P */
};

struct hw_name {
	const char *name;
	uint8_t len;         /* of the name */
	uint8_t kind;        /* enum hw_kind */
	int64_t max;         /* HW_INT: the largest value */
	const char *form;    /* "an integer 0 to 0xff", "a string ..." */
	const char *example;
};

#define PCI_FORM "a string \"vvvv:dddd\" (4 lower-case hex digits each)"
#define NAME(s) s, sizeof(s) - 1

static const struct hw_name hw_names[] = {
	{ NAME("pci_id"), HW_PCI, 0, PCI_FORM, "\"8086:4941\"" },
	{ NAME("pci_subsystem"), HW_PCI, 0, PCI_FORM, "\"17aa:1234\"" },
	{ NAME("pci_revision"), HW_INT, 0xff, "an integer 0 to 255", "2" },
	{ NAME("class"), HW_INT, 0xffffff, "an integer 0 to 0xffffff", "0x070002" },
	{ NAME("cu_type"), HW_INT, 0xffff, "an integer 0 to 0xffff", "0x3990" },
	{ NAME("cu_model"), HW_INT, 0xff, "an integer 0 to 0xff", "0xe9" },
	{ NAME("dev_type"), HW_INT, 0xffff, "an integer 0 to 0xffff", "0x3390" },
	{ NAME("dev_model"), HW_INT, 0xff, "an integer 0 to 0xff", "0xc" },
	{ NAME("devno"), HW_DEVNO, 0,
	  "a string \"c.s.dddd\" (channel subsystem id and subchannel set id in hex, "
	  "the device number as 4 hex digits)", "fe.0.1234" },
	{ NAME("card_type"), HW_CARD, 0, "a string \"CEX\", a digit or two, then A, C or P", "CEX8C" },
};
#define N_HW_NAMES (sizeof(hw_names) / sizeof(hw_names[0]))

/* The registered name that key @k is, or NULL: a length and a first byte
 * rule out most names without a call. */
static const struct hw_name *hw_name(const md_node *k)
{
	size_t i;

	for (i = 0; i < N_HW_NAMES; i++)
		if (hw_names[i].len == k->len && hw_names[i].name[0] == k->str[0] &&
		    memcmp(hw_names[i].name, k->str, k->len) == 0)
			return &hw_names[i];
	return NULL;
}

/* Hex digits: H_LOWER for 0-9 and a-f, H_ANY for those and A-F. */
enum { H_LOWER = 1, H_ANY = 2 };
#define HL_(c) [c] = H_LOWER | H_ANY
#define HU_(c) [c] = H_ANY
static const unsigned char hex_class[256] = {
	HL_('0'), HL_('1'), HL_('2'), HL_('3'), HL_('4'), HL_('5'), HL_('6'), HL_('7'), HL_('8'),
	HL_('9'), HL_('a'), HL_('b'), HL_('c'), HL_('d'), HL_('e'), HL_('f'),
	HU_('A'), HU_('B'), HU_('C'), HU_('D'), HU_('E'), HU_('F'),
};
#undef HL_
#undef HU_

static inline int is_hex(char c, unsigned cls)
{
	return (hex_class[(unsigned char)c] & cls) != 0;
}

/* Whether the 4 bytes at @s are hex digits of class @cls; a NUL ends the
 * test. */
static inline int hex4(const char *s, unsigned cls)
{
	return is_hex(s[0], cls) && is_hex(s[1], cls) && is_hex(s[2], cls) && is_hex(s[3], cls);
}

/* Whether string @s is of the registered form of @h. */
static int string_form(const struct hw_name *h, const char *s)
{
	size_t k;

	switch (h->kind) {
	case HW_PCI:
		return hex4(s, H_LOWER) && s[4] == ':' && hex4(s + 5, H_LOWER) && s[9] == '\0';
	case HW_DEVNO:
		k = is_hex(s[0], H_ANY) ? 1 + (size_t)is_hex(s[1], H_ANY) : 0;
		return k && s[k] == '.' && is_hex(s[k + 1], H_ANY) && s[k + 2] == '.' &&
		       hex4(s + k + 3, H_ANY) && s[k + 7] == '\0';
	case HW_CARD:
		if (strncmp(s, "CEX", 3) != 0 || s[3] < '0' || s[3] > '9')
			return 0;
		k = s[4] >= '0' && s[4] <= '9' ? 5 : 4;
		return (s[k] == 'A' || s[k] == 'C' || s[k] == 'P') && s[k + 1] == '\0';
	default:
		return 0;
	}
}

/* What is wrong with @v for @h: NULL when it is of the registered form. */
static inline const char *hw_problem(const struct hw_name *h, const struct mdevdesc_value *v)
{
	if (h->kind == HW_INT) {
		if (v->kind == MDEVDESC_VALUE_STR)
			return "is a string";
		if (v->i < 0 || (v->kind == MDEVDESC_VALUE_RANGE ? v->hi : v->i) > h->max)
			return "is out of range";
		return NULL;
	}
	if (v->kind == MDEVDESC_VALUE_INT)
		return "is an integer";
	if (v->kind == MDEVDESC_VALUE_RANGE)
		return "is an integer range";
	return string_form(h, v->s) ? NULL : "has another form";
}

/*
 * Warn that @v, read from node @n, is not of @h's form (@problem): the
 * entry's @key ("value", "accepts", "default") and, for an item of a list
 * of accepts, its @index (-1 for none) make the path.
 */
MD_COLD static void report_hw_form(md_model *m, const struct hw_name *h, const md_node *n,
				   const struct mdevdesc_value *v, const char *problem,
				   const char *key, long index)
{
	size_t old = path_key(m, key, strlen(key)), o2 = index >= 0 ? path_index(m, (size_t)index)
								    : m->nseg;
	const char *path = md_path_str(m), *q = v->kind == MDEVDESC_VALUE_STR ? "\"" : "";

	WARN(m, MDEVDESC_W_HW_FORM, n, "R-HW-REGISTERED",
	     "%s %s%.*s%s %s; the registered form of %s is %s, e.g. %s", path, q, md_clip(n), n->str,
	     q, problem, h->name, h->form, h->example);
	path_pop(m, o2);
	path_pop(m, old);
}

/* Check value @v, read from node @n, against @h. */
static inline void hw_value(md_model *m, const struct hw_name *h, const md_node *n,
			    const struct mdevdesc_value *v, const char *key, long index)
{
	const char *problem = hw_problem(h, v);

	if (problem)
		report_hw_form(m, h, n, v, problem, key, index);
}

void md_hw_registered(md_model *m, const md_node *k, const struct mdevdesc_param *p,
		      const md_node *value, const md_node *accepts, const md_node *def)
{
	const struct hw_name *h = hw_name(k);
	const md_node *it;
	size_t i;

	if (!h)
		return;
	hw_value(m, h, value, &p->value, "value", -1);
	if (accepts) {
		it = accepts->kind == MD_SEQ ? accepts->child : accepts;
		for (i = 0; it && i < p->n_accepts; i++, it = it->next)
			hw_value(m, h, it, &p->accepts[i], "accepts",
				 accepts->kind == MD_SEQ ? (long)i : -1);
	}
	if (def)
		hw_value(m, h, def, &p->def, "default", -1);
}
