#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
#
# check.sh - prove that the emitter and the quoting table are freestanding.
#
# A kernel driver links the emitter (emitter/emit.c and emitter/quoting.c,
# generated from quoting.re by re2c) without libc, libgcc or an allocator.
# This script builds it the way another project would, through
# tests/freestanding/Makefile, which takes the sources and the include
# directory from the emitter's Makefile fragment (Makefile.mdevdesc-emit):
# with -ffreestanding -nostdlib -fno-builtin, for the host and for 32-bit x86
# (-m32, where 64-bit arithmetic could pull in libgcc helpers such as
# __udivdi3), each linked into one object with `ld -r`.  It fails when an
# object still references any symbol (memcpy, __stack_chk_fail, ...) or
# defines writable data (the emitter must be reentrant and usable from
# read-only memory).  Run it from the repository root as `check.sh [DIR]`,
# DIR being the directory of the fragment: emitter (the default) or a
# directory written by `make emitter-dist`.  CC, LD, NM and MAKE may be
# overridden.

set -u

CC=${CC:-gcc}
LD=${LD:-ld}
NM=${NM:-nm}
MAKE=${MAKE:-make}
EMITTER=${1:-emitter}

fail() {
	echo "freestanding check: FAIL: $*" >&2
	exit 1
}

[ -f tests/freestanding/Makefile ] || fail "tests/freestanding/Makefile not found (run from the repository root)"
[ -f "$EMITTER/Makefile.mdevdesc-emit" ] || fail "$EMITTER/Makefile.mdevdesc-emit not found"

tmp="${TMPDIR:-/tmp}/mdevdesc-freestanding.$$"
mkdir "$tmp" || fail "cannot create $tmp"
trap 'rm -rf "$tmp"' 0
trap 'exit 2' HUP INT TERM

# check_target NAME CC-FLAGS LD-FLAGS
check_target() {
	name=$1
	# MAKEFLAGS from a calling make would carry its command-line variables
	# (BUILD=, CFLAGS=) into the consumer's build: it gets only its own.
	(
		unset MAKEFLAGS MFLAGS MAKELEVEL
		$MAKE -s -f tests/freestanding/Makefile EMITTER="$EMITTER" O="$tmp" NAME="$name" \
			CC="$CC" LD="$LD" TARGET_CFLAGS="$2" TARGET_LDFLAGS="$3"
	) || fail "the emitter does not build freestanding from $EMITTER ($name: CC=$CC $2)"

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
	echo "freestanding check: $name: ok ($EMITTER)"
}

check_target host "" ""
check_target m32 "-m32" "-m elf_i386"
echo "freestanding check: passed"
