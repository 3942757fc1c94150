/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/*
 * text.c - the emitter's text primitives: hex digits, decimal numbers
 * without 64-bit division (32-bit kernels have no __udivdi3), and strict
 * UTF-8 decoding.  Freestanding like the rest of the emitter (text.h).
 */
#include "mdevdesc_emit.h"
#include "text.h"

/** md_hex_digit - the lower-case hex digit of the low four bits of @v. */
char md_hex_digit(unsigned v)
{
	v &= 0xfu;
	return (char)(v < 10u ? '0' + v : 'a' + (v - 10u));
}

/**
 * md_u64_to_dec - write @v in decimal.
 * @v:   the number.
 * @out: at least 20 bytes; not NUL-terminated.
 *
 * Each digit is found by subtracting its power of ten, so that 32-bit
 * targets need no 64-bit division helper (__udivdi3) from libgcc.
 *
 * returns: the number of digits written.
 */
size_t md_u64_to_dec(uint64_t v, char *out)
{
	static const uint64_t pow10[20] = {
		1ULL,
		10ULL,
		100ULL,
		1000ULL,
		10000ULL,
		100000ULL,
		1000000ULL,
		10000000ULL,
		100000000ULL,
		1000000000ULL,
		10000000000ULL,
		100000000000ULL,
		1000000000000ULL,
		10000000000000ULL,
		100000000000000ULL,
		1000000000000000ULL,
		10000000000000000ULL,
		100000000000000000ULL,
		1000000000000000000ULL,
		10000000000000000000ULL,
	};
	size_t len = 0;
	int k;

	for (k = 19; k >= 0; k--) {
		char d = '0';

		while (v >= pow10[k]) {
			v -= pow10[k];
			d++;
		}
		if (d != '0' || len != 0 || k == 0)
			out[len++] = d;
	}
	return len;
}

/**
 * md_i64_to_dec - write @v in decimal with a leading '-' when negative.
 * @out: at least 21 bytes; not NUL-terminated.
 * returns: the number of bytes written.
 */
size_t md_i64_to_dec(int64_t v, char *out)
{
	if (v < 0) {
		/* The magnitude of INT64_MIN only fits the unsigned type. */
		out[0] = '-';
		return 1 + md_u64_to_dec(0 - (uint64_t)v, out + 1);
	}
	return md_u64_to_dec((uint64_t)v, out);
}

/**
 * md_utf8_decode - decode one UTF-8 sequence strictly (spec 4.1).
 * @p:  the bytes.
 * @n:  bytes available at @p (>= 1).
 * @cp: receives the code point.
 *
 * Overlong forms, surrogates, values above U+10FFFF and truncated
 * sequences are ill-formed.
 *
 * returns: the length of the sequence (1-4), or 0 when it is ill-formed.
 */
size_t md_utf8_decode(const unsigned char *p, size_t n, uint32_t *cp)
{
	unsigned c = p[0];
	unsigned lo = 0x80u, hi = 0xbfu;
	size_t len, i;
	uint32_t v;

	if (c < 0x80u) {
		*cp = c;
		return 1;
	}
	if (c < 0xc2u) {
		return 0; /* continuation byte or overlong 2-byte form */
	} else if (c < 0xe0u) {
		len = 2;
		v = c & 0x1fu;
	} else if (c < 0xf0u) {
		len = 3;
		v = c & 0x0fu;
		if (c == 0xe0u)
			lo = 0xa0u; /* overlong */
		else if (c == 0xedu)
			hi = 0x9fu; /* surrogates */
	} else if (c < 0xf5u) {
		len = 4;
		v = c & 0x07u;
		if (c == 0xf0u)
			lo = 0x90u; /* overlong */
		else if (c == 0xf4u)
			hi = 0x8fu; /* above U+10FFFF */
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		unsigned b = p[i];

		if (b < lo || b > hi)
			return 0;
		lo = 0x80u;
		hi = 0xbfu;
		v = (v << 6) | (b & 0x3fu);
	}
	*cp = v;
	return len;
}
