#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
# libfuzzer.sh TARGET BINARY CORPUS DICT SECONDS OUTDIR - a libFuzzer
# campaign (make fuzz-libfuzzer): BINARY for SECONDS on OUTDIR/corpus, which
# is seeded from the committed CORPUS and grows from run to run.  The log is
# OUTDIR/log, crash, leak, timeout and oom inputs OUTDIR/<kind>-<sha1>.
set -u
target=$1 bin=$2 corpus=$3 dict=$4 seconds=$5 out=$6
mkdir -p "$out/corpus"
cp -n "$corpus"/* "$out/corpus/" 2>/dev/null || true
echo "fuzz-libfuzzer: $target for ${seconds}s, corpus $out/corpus, log $out/log"
start=$(date +%s)
"$bin" "$out/corpus" -dict="$dict" -max_total_time="$seconds" -print_final_stats=1 \
	-timeout=10 -rss_limit_mb=2048 -max_len=8192 -artifact_prefix="$out/" > "$out/log" 2>&1
status=$?
end=$(date +%s)
echo "seconds $((end - start))" > "$out/run.info"
tail -n 8 "$out/log"
if [ "$status" -ne 0 ]; then
	echo "fuzz-libfuzzer: $target: libFuzzer exit status $status; see $out/log" >&2
	exit 1
fi
