#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
#
# layers.sh - the include lines show the flow bytes -> tokens -> syntax tree
# -> model -> verdict, and this script keeps it so.  Each room of the
# library may include the public headers, its own headers and those of the
# rooms below it (by path from the top, "core/core.h"); never a room above
# or beside it.  The emitter is self-contained (a kernel tree builds it
# alone): it includes its own headers and mdevdesc_emit.h, no other public
# header and no system header (mdevdesc_emit.h brings the freestanding
# types, from the kernel's headers in a kernel build).  The tools include
# only public headers and their own.
#
#   room        may include
#   core/       (public headers)
#   parser/     core/
#   emitter/    (its own headers and mdevdesc_emit.h only)
#   validator/  core/ parser/ emitter/
#   compat/     core/ parser/ validator/
#   host/       core/ parser/ emitter/ validator/
#   cli/        (public headers and cli/)
#
# `layers.sh [TOP]` (default: the current directory) prints each offending
# line and fails; `layers.sh --self-test` checks that it does.
set -u
if [ "${1:-}" = --self-test ]; then
	t=$(mktemp -d)
	trap 'rm -rf "$t"' EXIT
	cp -r include core parser "$t"/
	printf '#include "parser/syntax.h"\n' >> "$t/core/arena.c"
	if sh "$0" "$t" > "$t/out" 2>&1; then
		echo "layers: FAIL: core/ including parser/ was not caught"; exit 1
	fi
	grep -q 'core/arena.c:.*parser/ is not below core/' "$t/out" ||
		{ echo "layers: FAIL: unexpected report:"; cat "$t/out"; exit 1; }
	rm -rf "$t/core" "$t/parser"
	mkdir "$t/emitter"
	printf '#include "mdevdesc.h"\n#include <string.h>\n' > "$t/emitter/emit.c"
	if sh "$0" "$t" > "$t/out" 2>&1; then
		echo "layers: FAIL: the emitter including mdevdesc.h and <string.h> was not caught"; exit 1
	fi
	grep -q 'emitter/emit.c:1:.*"mdevdesc.h"' "$t/out" && grep -q 'emitter/emit.c:2:.*<string.h>' "$t/out" ||
		{ echo "layers: FAIL: unexpected report:"; cat "$t/out"; exit 1; }
	echo "layers: self-test passed (an include running up, and the emitter reaching past" \
		"mdevdesc_emit.h, are caught)"
	exit 0
fi
cd "${1:-.}" || exit 2
tmpfail=$(mktemp)
trap 'rm -f "$tmpfail"' EXIT
allowed() {
	case $1 in
	core) echo "core" ;;
	parser) echo "core parser" ;;
	emitter) echo "emitter" ;;
	validator) echo "core parser emitter validator" ;;
	compat) echo "core parser validator compat" ;;
	host) echo "core parser emitter validator host" ;;
	cli) echo "cli" ;;
	esac
}
public=$(cd include && ls *.h)
for room in core parser emitter validator compat host cli; do
	ok=$(allowed "$room")
	for f in "$room"/*.c "$room"/*.h "$room"/*.re; do
		[ -f "$f" ] || continue
		# quoted includes only: <...> are system and public headers
		grep -n '^[[:space:]]*#[[:space:]]*include[[:space:]]*"' "$f" |
		while IFS= read -r line; do
			hdr=$(printf '%s\n' "$line" | sed 's/.*include[[:space:]]*"\([^"]*\)".*/\1/')
			case $hdr in
			*/*) target=${hdr%%/*} ;;
			*)
				# a bare name: a public header, a generated one
				# (vendors.h) or a header beside the file
				if [ "$room" = emitter ] && [ ! -f "$room/$hdr" ] &&
					[ "$hdr" != mdevdesc_emit.h ]; then
					echo "$f:${line%%:*}: emitter/ includes \"$hdr\": only its own" \
						"headers and mdevdesc_emit.h"
					echo x >> "$tmpfail"
					continue
				fi
				if printf '%s\n' $public | grep -qx "$hdr"; then continue; fi
				[ "$hdr" = vendors.h ] && [ "$room" = validator ] && continue
				[ -f "$room/$hdr" ] && continue
				echo "$f:${line%%:*}: includes \"$hdr\", which is not public or in $room/"
				echo x >> "$tmpfail"
				continue ;;
			esac
			case " $ok " in
			*" $target "*) ;;
			*)
				echo "$f:${line%%:*}: $room/ includes \"$hdr\": $target/ is not below $room/"
				echo x >> "$tmpfail" ;;
			esac
		done
	done
done
# The emitter builds where no libc headers exist (-nostdinc in Kbuild).
for f in emitter/*.c emitter/*.h emitter/*.re; do
	[ -f "$f" ] || continue
	grep -n '^[[:space:]]*#[[:space:]]*include[[:space:]]*<' "$f" |
	while IFS= read -r line; do
		echo "$f:${line%%:*}: emitter/ includes${line#*include}: no system header" \
			"(mdevdesc_emit.h brings the types)"
		echo x >> "$tmpfail"
	done
done
if [ -s "$tmpfail" ]; then
	echo "layers: $(wc -l < "$tmpfail") include(s) cross the layering"
	exit 1
fi
echo "layers: every include of core/ parser/ emitter/ validator/ compat/ host/ cli/ stays in its floor"
