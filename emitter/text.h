/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/*
 * text.h - the emitter's text primitives that the library's other writers
 * share (validator/json.c): strict UTF-8 decoding and the text of a
 * version.  Defined in emit.c; freestanding and reentrant like the rest of
 * the emitter.
 */
#ifndef MDEVDESC_EMITTER_TEXT_H
#define MDEVDESC_EMITTER_TEXT_H

#include "mdevdesc_emit.h"

/* Length (1-4) of the well-formed UTF-8 sequence at @p (@n >= 1 bytes),
 * its code point in *@cp; 0 when the sequence is ill-formed (spec 4.1). */
size_t md_utf8_decode(const unsigned char *p, size_t n, uint32_t *cp);

/* Room md_version_text() needs: three 10-digit components, two dots. */
#define MD_VERSION_TEXT_SIZE 33

/* Write MAJOR.MINOR[.PATCH] (spec 5.5) to @out, not NUL-terminated;
 * returns the number of bytes written. */
size_t md_version_text(const struct mdevdesc_version *v, char *out);

#endif /* MDEVDESC_EMITTER_TEXT_H */
