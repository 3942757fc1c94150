#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
# smoke.sh TARGET BINARY CORPUS DICT SECONDS MIN_EXECS OUTDIR - one fuzz-smoke
# run: BINARY (libFuzzer) for MIN_EXECS inputs on a scratch copy of CORPUS,
# so the committed corpus is never written.  The run is a number of inputs,
# not a time, so a busy machine makes it slower but not weaker; SECONDS only
# caps it (a target that cannot run MIN_EXECS inputs in that time fails).  Prints one line, PASS or FAIL, and
# always exits 0 (fuzz-smoke counts the lines).  The log and any crash
# input are kept in OUTDIR.
set -u
target=$1 bin=$2 corpus=$3 dict=$4 seconds=$5 min=$6 out=$7
mkdir -p "$out"
work="$out/$target.corpus"
log="$out/$target.log"
rm -rf "$work" "$out/$target"-crash-* "$out/$target"-leak-* "$out/$target"-timeout-* \
	"$out/$target"-oom-*
mkdir -p "$work"
start=$(date +%s)
"$bin" "$work" "$corpus" -dict="$dict" -runs="$min" -max_total_time="$seconds" -print_final_stats=1 \
	-timeout=10 -rss_limit_mb=2048 -max_len=4096 \
	-artifact_prefix="$out/$target-" > "$log" 2>&1
status=$?
end=$(date +%s)
echo "seconds $((end - start))" > "$out/$target.info"
execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
cov=$(sed -n 's/.*[[:space:]]cov: \([0-9]*\).*/\1/p' "$log" | tail -n 1)
execs=${execs:-0}
artifact=$(ls "$out/$target"-crash-* "$out/$target"-leak-* "$out/$target"-timeout-* \
	"$out/$target"-oom-* 2>/dev/null | head -n 1)
why=
if [ "$status" -ne 0 ]; then
	why="libFuzzer exit status $status${artifact:+, input $artifact}; see $log"
elif [ "$execs" -lt "$min" ]; then
	why="only $execs executions (need $min)"
fi
line=$(printf '%-13s %9s execs %7s/s  cov %5s  %3ss' "$target" "$execs" "${rate:-0}" \
	"${cov:-?}" "$((end - start))")
if [ -n "$why" ]; then
	echo "FAIL $line: $why"
else
	echo "PASS $line"
fi
exit 0
