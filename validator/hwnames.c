/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/*
 * hwnames.c - the registered names of `hw` (spec 5.6): each has one type
 * and one form, so that two producers that describe the same property
 * write values that compare equal.  A value, default or accepts item of a
 * registered name that has another type or form is warning `hw-form`
 * [R-HW-REGISTERED], whose message says the registered form.
 *
 * The check runs on every hw entry that was read without error; finding
 * the name is a first-byte test against a table of ten, and a value of the
 * registered form costs a type test and a range or character test.
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
	uint8_t kind;        /* enum hw_kind */
	int64_t max;         /* HW_INT: the largest value */
	const char *form;    /* "an integer 0 to 0xff", "a string ..." */
	const char *example;
};

#define PCI_FORM "a string \"vvvv:dddd\" (4 lower-case hex digits each)"

static const struct hw_name hw_names[] = {
	{ "pci_id", HW_PCI, 0, PCI_FORM, "\"8086:4941\"" },
	{ "pci_subsystem", HW_PCI, 0, PCI_FORM, "\"17aa:1234\"" },
	{ "pci_revision", HW_INT, 0xff, "an integer 0 to 255", "2" },
	{ "class", HW_INT, 0xffffff, "an integer 0 to 0xffffff", "0x070002" },
	{ "cu_type", HW_INT, 0xffff, "an integer 0 to 0xffff", "0x3990" },
	{ "cu_model", HW_INT, 0xff, "an integer 0 to 0xff", "0xe9" },
	{ "dev_type", HW_INT, 0xffff, "an integer 0 to 0xffff", "0x3390" },
	{ "dev_model", HW_INT, 0xff, "an integer 0 to 0xff", "0xc" },
	{ "devno", HW_DEVNO, 0,
	  "a string \"c.s.dddd\" (channel subsystem id and subchannel set id in hex, "
	  "the device number as 4 hex digits)", "fe.0.1234" },
	{ "card_type", HW_CARD, 0, "a string \"CEX\", a digit or two, then A, C or P", "CEX8C" },
};
#define N_HW_NAMES (sizeof(hw_names) / sizeof(hw_names[0]))

static const struct hw_name *hw_name(const char *s)
{
	size_t i;

	for (i = 0; i < N_HW_NAMES; i++)
		if (hw_names[i].name[0] == s[0] && strcmp(hw_names[i].name, s) == 0)
			return &hw_names[i];
	return NULL;
}

static int is_hex(char c, int lower_only)
{
	if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))
		return 1;
	return !lower_only && c >= 'A' && c <= 'F';
}

/* @n hex digits at @s (and at least @min of them, up to @n, when @min < @n):
 * the number of digits read, 0 when too few. */
static size_t hex_run(const char *s, size_t min, size_t n, int lower_only)
{
	size_t i = 0;

	while (i < n && is_hex(s[i], lower_only))
		i++;
	return i >= min ? i : 0;
}

/* Whether string @s is of the registered form of @h. */
static int string_form(const struct hw_name *h, const char *s)
{
	size_t k;

	switch (h->kind) {
	case HW_PCI:
		return hex_run(s, 4, 4, 1) == 4 && s[4] == ':' && hex_run(s + 5, 4, 4, 1) == 4 &&
		       s[9] == '\0';
	case HW_DEVNO:
		k = hex_run(s, 1, 2, 0);
		if (!k || s[k] != '.' || !is_hex(s[k + 1], 0) || s[k + 2] != '.')
			return 0;
		s += k + 3;
		return hex_run(s, 4, 4, 0) == 4 && s[4] == '\0';
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
static const char *hw_problem(const struct hw_name *h, const struct mdevdesc_value *v)
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

MD_COLD static void report_hw_form(md_model *m, const struct hw_name *h, const md_node *n,
				   const struct mdevdesc_value *v, const char *problem)
{
	const char *path = md_path_str(m), *q = v->kind == MDEVDESC_VALUE_STR ? "\"" : "";

	WARN(m, MDEVDESC_W_HW_FORM, n, "R-HW-REGISTERED",
	     "%s %s%.*s%s %s; the registered form of %s is %s, e.g. %s", path, q, md_clip(n), n->str,
	     q, problem, h->name, h->form, h->example);
}

/* Check value @v, read from node @n, against @h. */
static inline void hw_value(md_model *m, const struct hw_name *h, const md_node *n,
			    const struct mdevdesc_value *v)
{
	const char *problem = hw_problem(h, v);

	if (problem)
		report_hw_form(m, h, n, v, problem);
}

/* spec 5.6: the value, accepts items and default of hw entry @p, read from
 * @value, @accepts (NULL when absent) and @def (NULL) [R-HW-REGISTERED]. */
void md_hw_registered(md_model *m, const struct mdevdesc_param *p, const md_node *value,
		      const md_node *accepts, const md_node *def)
{
	const struct hw_name *h = hw_name(p->name);
	const md_node *it;
	size_t old, i;

	if (!h)
		return;
	old = path_key(m, "value", 5);
	hw_value(m, h, value, &p->value);
	path_pop(m, old);
	if (accepts) {
		old = path_key(m, "accepts", 7);
		it = accepts->kind == MD_SEQ ? accepts->child : accepts;
		for (i = 0; it && i < p->n_accepts; i++, it = it->next) {
			size_t o2 = accepts->kind == MD_SEQ ? path_index(m, i) : m->nseg;
			hw_value(m, h, it, &p->accepts[i]);
			path_pop(m, o2);
		}
		path_pop(m, old);
	}
	if (def) {
		old = path_key(m, "default", 7);
		hw_value(m, h, def, &p->def);
		path_pop(m, old);
	}
}
