#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
# check.sh BUILD - `make install` into a staging directory, then build and
# run a program against the installed headers, pkg-config file and shared
# library; check the soname and that only mdevdesc_* symbols are exported.
set -eu
build=$1
stage=$(mktemp -d); trap 'rm -rf "$stage"' EXIT
# The default LIBDIR is Debian's multiarch folder when the compiler names one.
ma=$(${CC:-cc} -print-multiarch 2>/dev/null || true)
libdir=usr/lib${ma:+/$ma}
make --no-print-directory -s install BUILD="$build" DESTDIR="$stage" PREFIX=/usr >/dev/null
lib=$stage/$libdir
for f in usr/include/mdevdesc.h usr/include/mdevdesc_codes.h usr/include/mdevdesc_emit.h $libdir/libmdevdesc.a \
	 $libdir/libmdevdesc.so.2 $libdir/libmdevdesc.so $libdir/pkgconfig/mdevdesc.pc \
	 usr/bin/mdevdesc-validate usr/bin/mdevdesc-fmt usr/bin/mdevdesc-compat \
	 usr/bin/mdevdesc-scan \
	 usr/share/mdevdesc/vendors.yaml usr/share/mdevdesc/schema/mdevdesc.schema.json \
	 usr/share/mdevdesc/schema/validate-output.schema.json \
	 usr/share/mdevdesc/schema/scan-output.schema.json \
	 usr/share/doc/mdevdesc/mdevdesc.md usr/share/doc/mdevdesc/examples/mtty.yaml; do
	[ -e "$stage/$f" ] || { echo "install: FAIL: $f not installed"; exit 1; }
done
soname=$(readelf -d "$lib/libmdevdesc.so.2" | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')
[ "$soname" = libmdevdesc.so.2 ] || { echo "install: FAIL: soname is '$soname'"; exit 1; }
extra=$(nm -D --defined-only "$lib/libmdevdesc.so.2" | awk '{print $3}' | grep -v '^mdevdesc_' | grep -v '^MDEVDESC_' || true)
[ -z "$extra" ] || { echo "install: FAIL: exported beyond mdevdesc_*: $extra"; exit 1; }
cat > "$stage/prog.c" <<'PROG'
#include <mdevdesc.h>
#include <stdio.h>
#include <string.h>
int main(void)
{
	static const char d[] = "mdevdesc: \"1.0\"\nvendor: example\ntype: t\n"
				"device_api: vfio-ap\nversion: 1.0.0\n";
	mdevdesc_file *f = NULL;
	mdevdesc_code rc = mdevdesc_parse(d, strlen(d), NULL, &f);
	printf("%s %s\n", mdevdesc_version_string(), mdevdesc_code_name(rc));
	mdevdesc_file_free(f);
	return rc != MDEVDESC_OK;
}
PROG
flags=$(PKG_CONFIG_SYSROOT_DIR="$stage" PKG_CONFIG_LIBDIR="$lib/pkgconfig" pkg-config --cflags --libs mdevdesc)
# shellcheck disable=SC2086
cc -std=c99 -o "$stage/prog" "$stage/prog.c" $flags
LD_LIBRARY_PATH=$lib "$stage/prog" | grep -q '^0\.2\.0 ok$' || { echo "install: FAIL: program against the installed library"; exit 1; }
# The installed tools validate the installed examples.
LD_LIBRARY_PATH=$lib "$stage/usr/bin/mdevdesc-validate" --quiet "$stage"/usr/share/doc/mdevdesc/examples/*.yaml ||
	{ echo "install: FAIL: installed examples do not validate"; exit 1; }
# uninstall removes what install put there.
make --no-print-directory -s uninstall BUILD="$build" DESTDIR="$stage" PREFIX=/usr >/dev/null
left=$(cd "$stage" && find usr -type f -o -type l | sort)
[ -z "$left" ] || { echo "install: FAIL: uninstall left:"; echo "$left"; exit 1; }
echo "install: 1 passed, 0 failed"
