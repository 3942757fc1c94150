#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
# seed.sh [OUTDIR] - build the seed corpora of every target from the
# conformance vectors and the examples, one directory per target in OUTDIR
# (default build/fuzz/seeds), each file named by the SHA-1 of its bytes.
# minimise.sh merges them (and what campaigns found) into fuzz/corpus/.
#
#   parse, roundtrip, json, diff_libyaml, emit
#       every tests/vectors/{valid,invalid}/*.yaml, every descriptor of
#       tests/vectors/compat/, examples/*.yaml and examples/broken/*.yaml
#       (emit reads its input as generator bytes, so text is a poor start:
#       it also gets 256 pseudo-random inputs of 16 to 1024 bytes, the same
#       on every run);
#   compat
#       SRC "\n===\n" DST for each check vector of tests/vectors/compat/,
#       SOURCE or HOST "\n===\n" the targets (joined by "---" lines) for each
#       rank-* and baseline-* vector, and each example against itself;
#   catalog
#       the tree of each discovery vector (tests/vectors/discovery/) and
#       sample host (examples/hosts/) as a program of fuzz/catalog.c
#       (tests/hosts/host.py ops), and 'J' followed by each mdevctl device
#       file of those hosts.
set -eu
out=${1:-build/fuzz/seeds}
export LC_ALL=C

add() { # add TARGET FILE: copy FILE into OUTDIR/TARGET under its SHA-1
	sum=$(sha1sum < "$2" | cut -c 1-40)
	cp "$2" "$out/$1/$sum"
}

rm -rf "$out"
for t in parse compat roundtrip diff_libyaml emit json catalog; do
	mkdir -p "$out/$t"
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

for f in tests/vectors/valid/*.yaml tests/vectors/invalid/*.yaml tests/vectors/compat/*.yaml \
	tests/vectors/compat/*/*.yaml examples/*.yaml examples/broken/*.yaml; do
	[ -f "$f" ] || continue
	for t in parse roundtrip diff_libyaml emit json; do
		add "$t" "$f"
	done
done

# emit: pseudo-random generator bytes (perl is in every Debian system).
perl -e '
	my $x = 20261127;
	sub next_byte { $x = ($x * 1103515245 + 12345) % 2147483648; return ($x >> 16) & 255; }
	for my $i (1 .. 256) {
		my $n = 16 + (next_byte() * 256 + next_byte()) % 1009;
		open(my $f, ">", sprintf("%s/r%03d", $ARGV[0], $i)) or die;
		binmode $f;
		print $f join("", map { chr(next_byte()) } 1 .. $n);
		close $f;
	}' "$tmp"
for f in "$tmp"/r*; do
	add emit "$f"
done

# compat: two inputs in one, split at the first "\n===\n".
pair() { # pair OUT A B...: A, then "\n===\n", then the B files joined by "---" lines
	o=$1 a=$2
	shift 2
	{
		cat "$a"
		printf '\n===\n'
		first=1
		for b in "$@"; do
			[ "$first" -eq 1 ] || printf -- '---\n'
			first=0
			cat "$b"
		done
	} > "$o"
}
for src in tests/vectors/compat/*.src.yaml; do
	[ -f "$src" ] || continue
	pair "$tmp/p" "$src" "${src%.src.yaml}.dst.yaml"
	add compat "$tmp/p"
done
for d in tests/vectors/compat/rank-* tests/vectors/compat/baseline-*; do
	[ -d "$d" ] || continue
	first=$d/src.yaml
	[ -f "$first" ] || first=$d/host.yaml
	set --
	for t in "$d"/t*.yaml; do
		[ -f "$t" ] && set -- "$@" "$t"
	done
	if [ "$#" -eq 0 ]; then
		pair "$tmp/p" "$first" /dev/null
	else
		pair "$tmp/p" "$first" "$@"
	fi
	add compat "$tmp/p"
done
for f in examples/*.yaml; do
	pair "$tmp/p" "$f" "$f"
	add compat "$tmp/p"
done

# catalog: host trees as programs, mdevctl files after a 'J'.
for h in tests/vectors/discovery/*.host examples/hosts/*.host; do
	python3 tests/hosts/host.py ops "$h" > "$tmp/h"
	add catalog "$tmp/h"
done
for m in examples/hosts/*/etc/mdevctl.d/*/*; do
	[ -f "$m" ] || continue
	{ printf J; cat "$m"; } > "$tmp/h"
	add catalog "$tmp/h"
done

for t in parse compat roundtrip diff_libyaml emit json catalog; do
	echo "seed.sh: $t: $(ls "$out/$t" | wc -l) seeds"
done
