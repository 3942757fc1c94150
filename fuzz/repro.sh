#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
# repro.sh BINDIR CRASHDIR - replay every saved input CRASHDIR/TARGET-NAME
# through BINDIR/TARGET, the strict replay build (every known-bug tolerance
# off).  Prints one line per input; exits 1 while any still fails, which is
# what an open bug's reproducer does.  A fixed bug's input becomes a vector
# in tests/vectors/ and leaves CRASHDIR (fuzz/README.md).
set -u
bindir=$1 dir=$2
open=0 fixed=0
for f in "$dir"/*; do
	[ -f "$f" ] || continue
	name=$(basename "$f")
	target=${name%%-*}
	if [ ! -x "$bindir/$target" ]; then
		echo "SKIP  $name: no target '$target'"
		continue
	fi
	if "$bindir/$target" "$f" > /dev/null 2> "$bindir/$name.err"; then
		echo "FIXED $name: passes now; turn it into a regression vector"
		fixed=$((fixed + 1))
	else
		echo "OPEN  $name: $(grep -m 1 -A 1 -e 'property violated' -e 'ERROR:' -e 'runtime error' \
			"$bindir/$name.err" | tr -s ' \n' ' ' | cut -c 1-200)"
		open=$((open + 1))
	fi
done
echo "fuzz-repro: $open open, $fixed fixed"
[ "$open" -eq 0 ]
