#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
#
# check.sh - prove that the emitter and the quoting table are freestanding.
#
# A kernel driver links emitter/emit.c and emitter/quoting.c (generated
# from quoting.re by re2c) without libc, libgcc or an allocator.  This script
# builds both with -ffreestanding -nostdlib -fno-builtin, for the host and
# for 32-bit x86 (-m32, where 64-bit arithmetic could pull in libgcc helpers
# such as __udivdi3), links each pair with `ld -r`, and fails when the result
# still references any symbol (memcpy, __stack_chk_fail, ...) or defines
# writable data (the emitter must be reentrant and usable from read-only
# memory).  Run it from the repository root as `check.sh [BUILD]`; CC, LD,
# NM and RE2C may be overridden.  The quoting table is taken from QUOTING_C
# when set, else from BUILD/gen/quoting.c when BUILD is given, else it is
# generated afresh from emitter/quoting.re with the build's re2c command.

set -u

CC=${CC:-gcc}
LD=${LD:-ld}
NM=${NM:-nm}
RE2C=${RE2C:-re2c}
# -Iemitter lets a quoting.c generated outside emitter/ find quoting.h.
CFLAGS="-std=c11 -ffreestanding -nostdlib -fno-builtin -fno-stack-protector -O2"
CFLAGS="$CFLAGS -Wall -Wextra -Werror -Iinclude -Iemitter"

fail() {
	echo "freestanding check: FAIL: $*" >&2
	exit 1
}

for src in emitter/emit.c emitter/quoting.re; do
	[ -f "$src" ] || fail "$src not found (run from the repository root)"
done

tmp="${TMPDIR:-/tmp}/mdevdesc-freestanding.$$"
mkdir "$tmp" || fail "cannot create $tmp"
trap 'rm -rf "$tmp"' 0
trap 'exit 2' HUP INT TERM

if [ -z "${QUOTING_C:-}" ] && [ $# -gt 0 ]; then
	QUOTING_C="$1/gen/quoting.c"
fi
if [ -n "${QUOTING_C:-}" ]; then
	[ -f "$QUOTING_C" ] || fail "$QUOTING_C not found (generate it from emitter/quoting.re)"
else
	QUOTING_C="$tmp/quoting.c"
	$RE2C -W --no-generation-date --no-version -o "$QUOTING_C" emitter/quoting.re ||
		fail "re2c could not generate quoting.c from emitter/quoting.re"
fi
SOURCES="emitter/emit.c $QUOTING_C"

# check_target NAME CC-FLAGS LD-FLAGS
check_target() {
	name=$1
	objs=
	for src in $SOURCES; do
		obj="$tmp/$name-$(basename "$src" .c).o"
		# shellcheck disable=SC2086 # word splitting of the flag lists is intended
		$CC $CFLAGS $2 -c "$src" -o "$obj" ||
			fail "$src does not build freestanding ($name: $CC $CFLAGS $2)"
		objs="$objs $obj"
	done
	# shellcheck disable=SC2086
	$LD $3 -r -o "$tmp/$name.o" $objs || fail "ld -r failed ($name)"

	# _GLOBAL_OFFSET_TABLE_ is not a dependency: every linker defines it.  A
	# position-independent i386 object (gcc's default) names it to reach its
	# own string constants; a -fno-pic build (the kernel's) does not.
	undefined=$($NM -u "$tmp/$name.o" | awk '{ print $NF }' | grep -v '^_GLOBAL_OFFSET_TABLE_$')
	if [ -n "$undefined" ]; then
		echo "freestanding check: $name: undefined symbols once the emitter" \
			"and the quoting table are linked together:" >&2
		echo "$undefined" | sed 's/^/  /' >&2
		fail "the emitter must need nothing from libc or libgcc"
	fi

	writable=$($NM "$tmp/$name.o" | awk 'NF >= 2 && $(NF - 1) ~ /^[BbCDdGgSs]$/ { print $NF }')
	if [ -n "$writable" ]; then
		echo "freestanding check: $name: writable data:" >&2
		echo "$writable" | sed 's/^/  /' >&2
		fail "the emitter and the quoting table must have no writable globals"
	fi
	echo "freestanding check: $name: ok"
}

check_target host "" ""
check_target m32 "-m32" "-m elf_i386"
echo "freestanding check: passed"
