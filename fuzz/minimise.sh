#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
# minimise.sh FUZZ_DIR TARGET... - rebuild the committed corpus
# fuzz/corpus/TARGET of each TARGET from a pool of candidates: the seeds
# (FUZZ_DIR/seeds/TARGET, from seed.sh), the committed corpus itself and what
# campaigns kept (FUZZ_DIR/lf/TARGET/corpus, the AFL++ queues
# FUZZ_DIR/afl/TARGET/*/queue, the last smoke run), each at most MAX_LEN
# bytes (default 4096).
#
# 1. libFuzzer -merge=1 (FUZZ_DIR/bin/lf/TARGET, edges only: -use_counters=0)
#    keeps the inputs that add coverage;
# 2. when more than MAX_FILES (default 300) remain, afl-showmap -e
#    (FUZZ_DIR/bin/afl/TARGET) gives the edges of each of them and of each
#    seed, and cover.awk keeps the MAX_FILES that cover the most edges,
#    greedily, the first third from the seeds (whole documents).  The rarest
#    edges, mostly the byte cases of the re2c lexer's switches that only one
#    input in thousands reaches, are left to the fuzzers to find again: the
#    committed corpus stays a few hundred small files.
#
# Every reproducer fuzz/crashes/TARGET-* is added to the committed corpus of
# TARGET, named by SHA-1, beyond the MAX_FILES.
#
# It prints the coverage (libFuzzer "cov:") of the merged set and of the
# committed one.
set -eu
dir=$1
shift
max_len=${MAX_LEN:-4096}
max_files=${MAX_FILES:-300}
export LC_ALL=C
export ASAN_OPTIONS="abort_on_error=1:symbolize=0:detect_leaks=0"

cov_of() { # cov_of BINARY DIR: libFuzzer's coverage of the inputs in DIR
	"$1" -runs=0 -max_len="$max_len" "$2" 2>&1 | sed -n 's/.*INITED cov: \([0-9]*\).*/\1/p'
}

for t in "$@"; do
	bin=$dir/bin/lf/$t
	afl=$dir/bin/afl/$t
	[ -x "$bin" ] || { echo "minimise.sh: build $bin first" >&2; exit 2; }
	work=$dir/minimise/$t
	rm -rf "$work"
	mkdir -p "$work/pool" "$work/merged" "$work/final" "fuzz/corpus/$t"
	for src in "$dir/seeds/$t" "fuzz/corpus/$t" "$dir/lf/$t/corpus" "$dir/smoke/$t.corpus" \
		"$dir"/afl/"$t"/*/queue; do
		[ -d "$src" ] || continue
		# Same names are the same bytes (libFuzzer names by SHA-1), except
		# AFL++ queue entries of different instances: keep both.
		find "$src" -maxdepth 1 -type f -size -"$((max_len + 1))"c \
			-exec cp --backup=numbered -t "$work/pool" {} +
	done
	"$bin" -merge=1 -use_counters=0 -max_len="$max_len" -timeout=10 \
		"$work/merged" "$work/pool" > "$work/merge.log" 2>&1 || {
		echo "minimise.sh: merge of $t failed; see $work/merge.log" >&2
		exit 1
	}
	merged=$(ls "$work/merged" | wc -l)
	if [ "$merged" -gt "$max_files" ] && [ -x "$afl" ] && command -v afl-showmap > /dev/null; then
		# Candidates: the merged inputs and the seeds, seeds first.
		mkdir -p "$work/cand"
		cp "$work/merged"/* "$work/cand/"
		: > "$work/seeds"
		if [ -d "$dir/seeds/$t" ]; then
			find "$dir/seeds/$t" -type f -size -"$((max_len + 1))"c \
				-exec cp -t "$work/cand" {} + -printf '%f\n' > "$work/seeds"
		fi
		afl-showmap -q -e -m none -t 5000 -i "$work/cand" -o "$work/maps" -- "$afl" \
			> "$work/showmap.log" 2>&1 || true
		find "$work/cand" -type f -printf '%f %s\n' > "$work/sizes"
		find "$work/maps" -type f -exec awk '{ n = FILENAME; sub(/.*\//, "", n); sub(/:.*/, ""); print n, $0 }' {} + |
			awk 'FILENAME == ARGV[1] { seed[$1] = 1; next }
			     FILENAME == ARGV[2] { size[$1] = $2; next }
			     { print $1, size[$1], ($1 in seed) ? 1 : 0, $2 }' "$work/seeds" "$work/sizes" - |
			awk -v MAX="$max_files" -v MAXP="$((max_files / 3))" -f fuzz/cover.awk > "$work/chosen"
		while read -r f; do
			cp "$work/cand/$f" "$work/final/$f"
		done < "$work/chosen"
	else
		cp "$work/merged"/* "$work/final/" 2>/dev/null || true
	fi
	rm -rf "fuzz/corpus/$t"
	cp -r "$work/final" "fuzz/corpus/$t"
	# Every reproducer of fuzz/crashes/ stays in its target's corpus (make
	# fuzz-replay relies on it), whatever its coverage.
	for c in fuzz/crashes/"$t"-*; do
		[ -f "$c" ] || continue
		cp "$c" "fuzz/corpus/$t/$(sha1sum < "$c" | cut -d' ' -f1)"
	done
	echo "minimise.sh: $t: $(ls "$work/pool" | wc -l) inputs, merged $merged" \
		"(cov $(cov_of "$bin" "$work/merged")), committed $(ls "fuzz/corpus/$t" | wc -l)" \
		"(cov $(cov_of "$bin" "fuzz/corpus/$t"), $(cat "fuzz/corpus/$t"/* | wc -c) bytes)"
	rm -rf "$work/pool" "$work/maps" "$work/cand"
done
