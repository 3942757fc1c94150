#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
#
# kbuild.sh DIR - build a tiny out-of-tree kernel module that links the
# emitter through Kbuild.mdevdesc-emit, as a driver would.
#
# DIR holds the fragment: a directory written by `make emitter-dist`, with
# mdevdesc_emit.h beside the sources, or this repository's emitter/, whose
# header is in ../include.  The script copies DIR into a module directory
# as mdevdesc/ (and DIR/../include/mdevdesc_emit.h to include/ when the
# header is not in DIR), writes a Kbuild file that includes
# the fragment and a main.c that emits a descriptor from a sysfs-style show
# function, and runs `make -C KDIR M=... modules` with -Werror.  The
# kernel's modpost then fails on any symbol the kernel does not export, and
# objtool checks the emitter's code.  The module is only built, never loaded.
#
# KDIR is the kernel build tree: $KDIR when set, else
# /lib/modules/$(uname -r)/build, else the newest /usr/src/linux-headers-*
# with a .config (Debian: apt-get install linux-headers-amd64).  Without
# one the check is skipped, with a message, and succeeds: make check does
# not need kernel headers.

set -u

fail() {
	echo "kbuild check: FAIL: $*" >&2
	exit 1
}

dir=${1:-}
[ -n "$dir" ] && [ -f "$dir/Kbuild.mdevdesc-emit" ] ||
	fail "usage: kbuild.sh DIR (emitter/ or a directory written by make emitter-dist)"

kdir=${KDIR:-}
if [ -n "$kdir" ]; then
	[ -f "$kdir/Makefile" ] || fail "KDIR=$kdir is not a kernel build tree"
else
	kdir=/lib/modules/$(uname -r)/build
	if [ ! -f "$kdir/Makefile" ]; then
		kdir=
		for d in /usr/src/linux-headers-*; do
			[ -f "$d/Makefile" ] && [ -f "$d/.config" ] && kdir=$d
		done
	fi
fi
if [ -z "$kdir" ] || [ ! -f "$kdir/Makefile" ]; then
	echo "kbuild check: SKIP: no kernel build tree (set KDIR, or install the" \
		"kernel headers, e.g. apt-get install linux-headers-amd64)"
	exit 0
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/mdevdesc-kbuild.XXXXXX") || fail "mktemp"
trap 'rm -rf "$tmp"' 0
trap 'exit 2' HUP INT TERM

mkdir "$tmp/drv" && cp -R "$dir" "$tmp/drv/mdevdesc" || fail "cannot copy $dir"
layout="mdevdesc_emit.h beside the sources"
if [ ! -f "$dir/mdevdesc_emit.h" ]; then
	mkdir "$tmp/drv/include" && cp "$dir/../include/mdevdesc_emit.h" "$tmp/drv/include/" ||
		fail "no mdevdesc_emit.h in $dir or $dir/../include"
	layout="mdevdesc_emit.h in ../include"
fi

cat > "$tmp/drv/Kbuild" <<'EOF'
mdevdesc-emit-dir := mdevdesc
include $(src)/$(mdevdesc-emit-dir)/Kbuild.mdevdesc-emit

obj-m := mdevdesc_kbuild_test.o
mdevdesc_kbuild_test-y := main.o $(mdevdesc-emit-y)
ccflags-y += $(mdevdesc-emit-ccflags)
EOF

cat > "$tmp/drv/main.c" <<'EOF'
// SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
#include <linux/module.h>
#include <linux/printk.h>
#include <linux/sizes.h>

#include "mdevdesc_emit.h"

static const struct mdevdesc_param test_params[] = {
	{ .name = "queues", .value = { .kind = MDEVDESC_VALUE_INT, .i = 4 } },
};

static const struct mdevdesc_descriptor test_desc = {
	.format_major = 1,
	.vendor = "example",
	.type = "kbuild-test",
	.device_api = "vfio-pci",
	.version = { .major = 1, .minor = 0, .patch = 0, .has_patch = 1 },
	.params = test_params,
	.n_params = ARRAY_SIZE(test_params),
};

static char test_buf[SZ_4K];

/* What a sysfs show() callback returns. */
static ssize_t test_show(char *buf)
{
	long n = mdevdesc_emit(&test_desc, buf, SZ_4K);

	return n < 0 || n >= SZ_4K ? -EINVAL : n;
}

static int __init test_init(void)
{
	ssize_t n = test_show(test_buf);

	if (n < 0)
		return (int)n;
	pr_info("mdevdesc kbuild test: %zd bytes\n", n);
	return 0;
}
module_init(test_init);

MODULE_DESCRIPTION("mdevdesc: the emitter linked through Kbuild.mdevdesc-emit");
MODULE_LICENSE("GPL");
EOF

# The calling make's MAKEFLAGS would hand its command-line variables
# (BUILD=, CFLAGS=) to Kbuild: the kernel build gets only its own.
log=$tmp/build.log
(
	unset MAKEFLAGS MFLAGS MAKELEVEL
	make -C "$kdir" M="$tmp/drv" KCFLAGS=-Werror modules
) > "$log" 2>&1
rc=$?
if [ $rc -ne 0 ] || grep -q 'warning:' "$log"; then
	sed 's/^/  /' "$log" >&2
	fail "the module does not build cleanly against $kdir"
fi
ko=$tmp/drv/mdevdesc_kbuild_test.ko
[ -f "$ko" ] || fail "no module was written"
nm "$ko" | grep -q ' T mdevdesc_emit$' || fail "mdevdesc_emit is not in the module"
echo "kbuild check: ok: a module linking the emitter from $dir ($layout) through" \
	"Kbuild.mdevdesc-emit builds against $kdir"
