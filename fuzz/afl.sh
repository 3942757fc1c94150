#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
# afl.sh TARGET BINARY CMPLOG_BINARY CORPUS DICT SECONDS JOBS OUTDIR - an
# AFL++ campaign (make fuzz): JOBS instances for SECONDS each (afl-fuzz -V),
# the main one (-M main) with the CMPLOG binary (-c), the others secondaries
# (-S secN) with different power schedules.  Output in OUTDIR/<instance>/
# (fuzzer_stats, queue/, crashes/, hangs/), logs in OUTDIR/<instance>.log.
# Runs unattended, also as root in a container; a second run resumes.
set -eu
target=$1 bin=$2 cmplog=$3 corpus=$4 dict=$5 seconds=$6 jobs=$7 out=$8

export AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_UI=1
export AFL_AUTORESUME=1 AFL_SKIP_CRASHES=1
export AFL_NO_AFFINITY="${AFL_NO_AFFINITY-1}"
# A sanitizer report must end in a signal for AFL++ to see a crash.
export ASAN_OPTIONS="${ASAN_OPTIONS-abort_on_error=1:symbolize=0:detect_leaks=0:allocator_may_return_null=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS-halt_on_error=1:abort_on_error=1:symbolize=0}"

mkdir -p "$out"
echo "fuzz: AFL++ on $target for ${seconds}s, $jobs instance(s), output in $out"
pids=
i=0
while [ "$i" -lt "$jobs" ]; do
	if [ "$i" -eq 0 ]; then
		name=main
		set -- -M main -c "$cmplog" -l 2
	else
		name=sec$i
		case $((i % 3)) in
		1) schedule=explore ;;
		2) schedule=fast ;;
		*) schedule=coe ;;
		esac
		set -- -S "$name" -p "$schedule"
	fi
	${AFL_FUZZ:-afl-fuzz} "$@" -i "$corpus" -o "$out" -x "$dict" -m none -t 1000+ -V "$seconds" \
		-- "$bin" > "$out/$name.log" 2>&1 &
	pids="$pids $!"
	i=$((i + 1))
done
status=0
for p in $pids; do
	wait "$p" || status=1
done
if [ "$status" -ne 0 ]; then
	echo "fuzz: afl-fuzz failed; see $out/*.log" >&2
	tail -n 20 "$out"/*.log >&2
	exit 1
fi
crashes=$(find "$out"/*/crashes -type f ! -name README.txt 2>/dev/null | wc -l)
hangs=$(find "$out"/*/hangs -type f 2>/dev/null | wc -l)
echo "fuzz: $target done: $crashes crash(es), $hangs hang(s) (make fuzz-report for the numbers)"
[ "$crashes" -eq 0 ]
