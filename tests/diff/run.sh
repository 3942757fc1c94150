#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
# run.sh BUILD FILE... - the differential test of spec 4: for every input
# mdevdesc accepts at the syntax layer, libyaml must produce the identical
# event stream; an input libyaml rejects must not be accepted by mdevdesc.
set -u
build=$1; shift
pass=0; fail=0
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
for f in "$@"; do
	if "$build/mdevdesc-validate" --events "$f" > "$tmp/ours" 2> "$tmp/ours.err"; then
		if ! "$build/tests/libyaml-events" "$f" > "$tmp/theirs" 2> "$tmp/theirs.err"; then
			echo "FAIL $f: accepted by mdevdesc, rejected by libyaml: $(cat "$tmp/theirs.err")"
			fail=$((fail + 1)); continue
		fi
		if ! cmp -s "$tmp/ours" "$tmp/theirs"; then
			echo "FAIL $f: event streams differ (< mdevdesc, > libyaml)"
			diff "$tmp/ours" "$tmp/theirs" | head -20
			fail=$((fail + 1)); continue
		fi
		pass=$((pass + 1))
	else
		# Rejected by mdevdesc: nothing to compare (the subset is stricter).
		pass=$((pass + 1))
	fi
done
echo "libyaml differential: $pass passed, $fail failed"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
