/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/*
 * keyset.c - the mapping entries that add_pair() (parser.h) leaves: a key
 * that may be a duplicate (spec 4.3), reported with where it was first
 * defined, and the mappings of many keys, whose keys are kept in an
 * open-addressing hash set (linear probing, at most half full) so that a
 * mapping of n keys costs O(n) to check.  Smaller mappings are searched
 * in order, after a filter on the keys' signatures.
 */
#include <stdio.h>
#include <string.h>

#include "parser/parser.h"

struct md_keyset {
	size_t mask;
	const md_node *slot[];
};

static size_t key_hash(const md_node *k)
{
	uint64_t h = 0xcbf29ce484222325u; /* FNV-1a */
	size_t i;

	for (i = 0; i < k->len; i++)
		h = (h ^ (unsigned char)k->str[i]) * 0x100000001b3u;
	return (size_t)(h ^ (h >> 29));
}

static int key_eq(const md_node *a, const md_node *b)
{
	return a->len == b->len && (a->len == 0 || (a->str[0] == b->str[0] &&
						   memcmp(a->str, b->str, a->len) == 0));
}

/* The key equal to @key in @set, or NULL after inserting @key. */
static const md_node *keyset_put(struct md_keyset *set, const md_node *key)
{
	size_t i = key_hash(key) & set->mask;

	while (set->slot[i]) {
		if (key_eq(set->slot[i], key))
			return set->slot[i];
		i = (i + 1) & set->mask;
	}
	set->slot[i] = key;
	return NULL;
}

/* Rebuild @map's key set for at least @n keys; -1 when out of memory. */
static int keyset_grow(md_parser *p, md_node *map, size_t n)
{
	size_t size = MD_KEYSET_MIN * 4;
	struct md_keyset *set;
	const md_node *k;

	while (size < 2 * n)
		size *= 2;
	set = md_alloc(p->arena, sizeof(*set) + size * sizeof(set->slot[0]));
	if (!set) {
		md_syn_err(p, MDEVDESC_E_NOMEM, map->off, map->line, "out of memory");
		p->fatal = MDEVDESC_E_NOMEM;
		return -1;
	}
	memset(set->slot, 0, size * sizeof(set->slot[0]));
	set->mask = size - 1;
	for (k = map->child; k; k = k->next->next)
		keyset_put(set, k);
	map->keys = set;
	return 0;
}

MD_COLD static void dup_key(md_parser *p, const md_node *first, const md_node *key)
{
	char msg[96];
	uint32_t col = md_column(p->diags, first->off, NULL);

	snprintf(msg, sizeof(msg), "duplicate key (first defined at line %u, column %u)",
		 (unsigned)first->line, (unsigned)col);
	md_syn_err(p, MDEVDESC_E_DUPLICATE_KEY, key->off, key->line, msg);
}

int md_add_pair_search(md_parser *p, md_node *map, md_node *key, md_node *val)
{
	const md_node *k = NULL;

	if (map->count >= MD_KEYSET_MIN) {
		if ((!map->keys || map->count * 2 >= map->keys->mask) &&
		    keyset_grow(p, map, (size_t)map->count + 1))
			return -1;
		k = keyset_put(map->keys, key);
	} else {
		uint64_t bit = key_bit(key);

		if (map->seen & bit) {
			for (k = map->child; k && !key_eq(k, key); k = k->next->next)
				;
		}
		map->seen |= bit;
	}
	if (k) {
		dup_key(p, k, key);
		return -1;
	}
	if (++map->count > p->lim->max_entries) {
		md_syn_err(p, MDEVDESC_E_LIMIT_ENTRIES, key->off, key->line,
			"mapping with more entries than the max_entries limit");
		return -1;
	}
	append(map, key);
	append(map, val);
	return 0;
}
