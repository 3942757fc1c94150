#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
# report.sh [FUZZ_DIR] - one table of every fuzzing campaign found in
# FUZZ_DIR (default build/fuzz): AFL++ (afl/TARGET/*/fuzzer_stats, summed
# over the instances), libFuzzer (lf/TARGET/log) and the last fuzz-smoke run
# (smoke/TARGET.log).  Columns: run time, executions, executions per second,
# corpus size (AFL++: the main instance's queue; libFuzzer: files in the
# corpus directory), coverage (AFL++: bitmap_cvg and edges found; libFuzzer:
# the last "cov:" and "ft:" of the log), crashes and hangs (saved inputs).
set -u
dir=${1:-build/fuzz}
export LC_ALL=C

stat() { # stat FILE KEY
	sed -n "s/^$2 *: *//p" "$1" | head -n 1
}

row() {
	printf '%-13s %-10s %7s %12s %9s %7s  %-28s %7s %5s\n' "$@"
}

row target engine time execs execs/s corpus coverage crashes hangs
rows=0
for t in parse compat roundtrip diff_libyaml emit json catalog; do
	# AFL++
	if ls "$dir/afl/$t"/*/fuzzer_stats > /dev/null 2>&1; then
		execs=0 time=0 cvg= edges= corpus= n=0
		for s in "$dir/afl/$t"/*/fuzzer_stats; do
			e=$(stat "$s" execs_done)
			r=$(stat "$s" run_time)
			execs=$((execs + ${e:-0}))
			[ "${r:-0}" -gt "$time" ] && time=${r:-0}
			c=$(stat "$s" bitmap_cvg)
			if [ -z "$cvg" ] || awk -v a="${c%\%}" -v b="${cvg%\%}" 'BEGIN { exit !(a + 0 > b + 0) }'; then
				cvg=$c
				edges="$(stat "$s" edges_found)/$(stat "$s" total_edges)"
			fi
			n=$((n + 1))
		done
		main=$dir/afl/$t/main/fuzzer_stats
		[ -f "$main" ] || main=$(ls "$dir/afl/$t"/*/fuzzer_stats | head -n 1)
		corpus=$(stat "$main" corpus_count)
		crashes=$(find "$dir/afl/$t"/*/crashes -type f ! -name README.txt 2>/dev/null | wc -l)
		hangs=$(find "$dir/afl/$t"/*/hangs -type f 2>/dev/null | wc -l)
		rate=$([ "$time" -gt 0 ] && echo $((execs / time)) || echo 0)
		row "$t" "afl++ x$n" "${time}s" "$execs" "$rate" "$corpus" "$cvg ($edges edges)" \
			"$crashes" "$hangs"
		rows=$((rows + 1))
	fi
	# libFuzzer campaign, then the last smoke run
	for kind in libfuzzer smoke; do
		if [ "$kind" = libfuzzer ]; then
			log=$dir/lf/$t/log corpus_dir=$dir/lf/$t/corpus art=$dir/lf/$t/ info=$dir/lf/$t/run.info
		else
			log=$dir/smoke/$t.log corpus_dir=$dir/smoke/$t.corpus art=$dir/smoke/$t- \
				info=$dir/smoke/$t.info
		fi
		[ -f "$log" ] || continue
		execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
		last=$(grep -E '^#[0-9]+' "$log" | tail -n 1)
		[ -n "$execs" ] || execs=$(echo "$last" | sed -n 's/^#\([0-9]*\).*/\1/p')
		cov=$(echo "$last" | sed -n 's/.* cov: \([0-9]*\) ft: \([0-9]*\).*/\1 edges, \2 features/p')
		time=$(sed -n 's/^seconds //p' "$info" 2>/dev/null)
		rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
		if [ -n "${time:-}" ] && [ "${time:-0}" -gt 0 ] && [ -n "$execs" ]; then
			rate=$((execs / time))
		fi
		corpus=$(ls "$corpus_dir" 2>/dev/null | wc -l)
		crashes=$(ls -d "$art"crash-* "$art"leak-* "$art"oom-* 2>/dev/null | wc -l)
		hangs=$(ls -d "$art"timeout-* 2>/dev/null | wc -l)
		row "$t" "$kind" "${time:-?}s" "${execs:-?}" "${rate:-?}" "$corpus" "${cov:-?}" \
			"$crashes" "$hangs"
		rows=$((rows + 1))
	done
done
[ "$rows" -gt 0 ] || echo "fuzz-report: no campaign output in $dir (make fuzz, fuzz-libfuzzer or fuzz-smoke)"
