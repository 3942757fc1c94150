/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/*
 * text.h - the emitter's internal interface: its text primitives
 * (text.c), the checks of its input (check.c) and the text of a version
 * (emit.c).  md_utf8_decode() and md_version_text() serve the library's
 * other writers too (validator/json.c).  Freestanding and reentrant like
 * the rest of the emitter.
 */
#ifndef MDEVDESC_EMITTER_TEXT_H
#define MDEVDESC_EMITTER_TEXT_H

#include "mdevdesc_emit.h"

/* Length (1-4) of the well-formed UTF-8 sequence at @p (@n >= 1 bytes),
 * its code point in *@cp; 0 when the sequence is ill-formed (spec 4.1). */
size_t md_utf8_decode(const unsigned char *p, size_t n, uint32_t *cp);

/* The lower-case hex digit of the low four bits of @v. */
char md_hex_digit(unsigned v);
/* @v in decimal at @out (20 bytes at most, 21 with a sign), not
 * NUL-terminated; the number of bytes written.  No 64-bit division. */
size_t md_u64_to_dec(uint64_t v, char *out);
size_t md_i64_to_dec(int64_t v, char *out);

/* 0 when mdevdesc_emit() can write @d, -1 otherwise (check.c). */
int md_emit_check(const struct mdevdesc_descriptor *d);

/* Room md_version_text() needs: three 10-digit components, two dots. */
#define MD_VERSION_TEXT_SIZE 33

/* Write MAJOR.MINOR[.PATCH] (spec 5.5) to @out, not NUL-terminated;
 * returns the number of bytes written. */
size_t md_version_text(const struct mdevdesc_version *v, char *out);

#endif /* MDEVDESC_EMITTER_TEXT_H */
