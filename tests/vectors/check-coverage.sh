#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
#
# check-coverage.sh - every rule of the specification has a test vector, and
# every rule a vector names exists.
#
# usage: check-coverage.sh [-l] [SPEC]
#
#   SPEC  the specification, spec/mdevdesc.md by default.  A rule is defined
#         where its ID is written in bold brackets, e.g. **[R-CHAR-UTF8]**.
#   -l    SPEC is a plain list instead: every word of the form R-NAME in it
#         is a rule ID (useful before the specification text exists).
#
# Rules R-COMPAT-* are exercised by the resolver's tests, not by these
# vectors: they need no vector, but a vector may still only name rules the
# specification defines.  The script also checks the layout of the vectors
# (README.md): each valid/NAME.yaml has NAME.expect and NAME.json, each
# invalid/NAME.yaml has NAME.expect and NAME.twin.yaml, each
# discovery/NAME.host has NAME.expect, and each .expect has exactly one
# rules: line.
#
# Exit status: 0 when everything is covered, 1 when something is missing,
# 2 on a usage error or an unreadable specification.  POSIX sh and awk only.

set -u

here=$(cd "$(dirname "$0")" && pwd) || exit 2
list=0
if [ "${1:-}" = "-l" ]; then
	list=1
	shift
fi
if [ $# -gt 1 ]; then
	echo "usage: $0 [-l] [SPEC]" >&2
	exit 2
fi
spec=${1:-$here/../../spec/mdevdesc.md}
if [ ! -r "$spec" ]; then
	echo "$0: cannot read specification: $spec" >&2
	exit 2
fi

# Rule IDs defined by the specification, one per line.
spec_ids() {
	awk -v list="$list" '
	{
		s = $0
		if (list) {
			while (match(s, /R-[A-Z0-9]+(-[A-Z0-9]+)*/)) {
				print substr(s, RSTART, RLENGTH)
				s = substr(s, RSTART + RLENGTH)
			}
		} else {
			while (match(s, /\*\*\[R-[A-Z0-9-]+\]\*\*/)) {
				print substr(s, RSTART + 3, RLENGTH - 6)
				s = substr(s, RSTART + RLENGTH)
			}
		}
	}' "$spec"
}

# Rule IDs named by the vectors, as "FILE ID" lines.
vector_ids() {
	for f in "$here"/valid/*.expect "$here"/invalid/*.expect "$here"/discovery/*.expect; do
		[ -f "$f" ] || continue
		awk -v f="${f#"$here"/}" '
		/^rules:/ {
			for (i = 2; i <= NF; i++)
				print f, $i
		}' "$f"
	done
}

status=0

# Layout of the vector directories: each input (valid/NAME.yaml,
# invalid/NAME.yaml, discovery/NAME.host) has NAME.expect with one rules:
# line, a valid one NAME.json, an invalid one NAME.twin.yaml.
for y in "$here"/valid/*.yaml "$here"/invalid/*.yaml "$here"/discovery/*.host; do
	[ -f "$y" ] || continue
	case $y in
	*.twin.yaml) continue ;;
	esac
	stem=${y%.*}
	name=${stem#"$here"/}
	if [ ! -f "$stem.expect" ]; then
		echo "missing $name.expect"
		status=1
		continue
	fi
	n=$(awk '/^rules:/ { n++ } END { print n + 0 }' "$stem.expect")
	if [ "$n" -ne 1 ]; then
		echo "$name.expect: $n rules: lines (want exactly 1)"
		status=1
	fi
	case $name in
	valid/*)
		[ -f "$stem.json" ] || { echo "missing $name.json"; status=1; }
		;;
	invalid/*)
		[ -f "$stem.twin.yaml" ] || { echo "missing $name.twin.yaml"; status=1; }
		;;
	esac
done

# Coverage, both ways.  awk prints "E message" for each problem and one
# "I message" summary; problems are sorted so the output is stable.
report=$(
	{
		spec_ids | sed 's/^/S - /'
		vector_ids | sed 's/^/V /'
	} | awk '
	$1 == "S" { defined[$3] = 1; if ($3 !~ /^R-COMPAT(-|$)/) need[$3] = 1; next }
	$1 == "V" { covered[$3] = 1; if (!($3 in named)) named[$3] = $2; next }
	END {
		ndef = 0
		n = 0
		for (id in need) {
			ndef++
			if (id in covered)
				n++
			else
				print "E no vector covers " id
		}
		for (id in covered)
			if (!(id in defined))
				print "E " named[id] ": rule " id " is not defined in the specification"
		if (ndef == 0)
			print "E no rule IDs found in the specification"
		printf "I %d of %d rules covered by vectors\n", n, ndef
	}'
)
errors=$(printf '%s\n' "$report" | sed -n 's/^E //p' | sort)
if [ -n "$errors" ]; then
	printf '%s\n' "$errors"
	status=1
fi
printf '%s\n' "$report" | sed -n 's/^I //p'

exit $status
