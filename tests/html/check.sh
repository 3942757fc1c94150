#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
#
# tests/html/check.sh [BUILD] - the HTML compatibility matrix in a browser.
#
# Writes the page for the shipped examples with
#   BUILD/mdevdesc-compat --html OUT --matrix examples/*.yaml
# (from the top of the tree), opens it in Debian's headless Chromium, and
# checks
#   - the DOM after the page's scripts ran (--dump-dom): body data-ready="1",
#     N*N td.cell elements (N counted by mdevdesc-fmt --json), the cells of
#     each class as `mdevdesc-compat --json --matrix` says, titles naming the
#     reason codes; a click shows a cell's reasons in #detail;
#   - the screenshot's pixels: the color of each class in the matrix appears
#     in the grid, no other class color does, each cell is painted its color.
# The helpers are in page.py (Python standard library only).
#
# BUILD defaults to build.  CHROMIUM overrides /usr/bin/chromium, HTML_TIMEOUT
# the 60 s a Chromium run may take before it is killed.  Set
# KEEP=1 to keep the work directory (page, DOM dumps, screenshot, logs).
# Last line: "html: N passed, M failed"; the exit status is 0 when M is 0.

set -u

BUILD=${1:-build}
case $BUILD in /*) ;; *) BUILD=$(pwd)/$BUILD ;; esac
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PYTHON=${PYTHON:-/usr/bin/python3}
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
TIMEOUT=${HTML_TIMEOUT:-60}
cd "$ROOT" || exit 2

pass=0
fail=0
ok() { pass=$((pass + 1)); echo "ok   $*"; }
bad() { fail=$((fail + 1)); echo "FAIL $*"; }
finish() {
	echo "html: $pass passed, $fail failed"
	[ "$fail" -eq 0 ]
	exit
}

WORK=$(mktemp -d "${TMPDIR:-/tmp}/mdevdesc-html.XXXXXX") || exit 2
# shellcheck disable=SC2317 # called by the EXIT trap
cleanup() {
	if [ "${KEEP:-0}" = 1 ]; then
		echo "work directory kept: $WORK"
	else
		rm -rf "$WORK"
	fi
}
trap cleanup EXIT
trap 'exit 2' HUP INT TERM

# Chromium: installed through the package list of the project.
if sh mk/deps.sh html; then
	ok "chromium installed (mk/deps.sh html)"
else
	bad "chromium is not installed (mk/deps.sh html)"
	finish
fi
if [ ! -x "$CHROMIUM" ]; then
	bad "no executable $CHROMIUM"
	finish
fi

set -- examples/*.yaml
[ -f "$1" ] || { bad "no examples/*.yaml"; finish; }

# N, counted independently of mdevdesc-compat: one JSON line per document.
if "$BUILD/mdevdesc-fmt" --json examples/*.yaml > "$WORK/models.jsonl" 2> "$WORK/fmt.err"; then
	N=$(wc -l < "$WORK/models.jsonl" | tr -d ' ')
	ok "mdevdesc-fmt --json: N = $N descriptors"
else
	bad "mdevdesc-fmt --json examples/*.yaml failed"
	sed 's/^/  /' "$WORK/fmt.err"
	finish
fi

if "$BUILD/mdevdesc-compat" --json --matrix examples/*.yaml > "$WORK/matrix.json" 2> "$WORK/compat.err" &&
	"$PYTHON" -c 'import json,sys; json.load(open(sys.argv[1]))' "$WORK/matrix.json"; then
	ok "mdevdesc-compat --json --matrix"
else
	bad "mdevdesc-compat --json --matrix examples/*.yaml failed or printed no JSON"
	sed 's/^/  /' "$WORK/compat.err"
	finish
fi

PAGE=$WORK/matrix.html
if "$BUILD/mdevdesc-compat" --html "$PAGE" --matrix examples/*.yaml > "$WORK/html.out" 2> "$WORK/html.err" &&
	[ -s "$PAGE" ]; then
	ok "mdevdesc-compat --html OUT --matrix: $(cat "$WORK/html.out")"
else
	bad "mdevdesc-compat --html OUT --matrix examples/*.yaml failed"
	sed 's/^/  /' "$WORK/html.err"
	finish
fi
if ! "$PYTHON" tests/html/page.py probe "$PAGE" "$WORK/probe.html"; then
	bad "could not write the layout probe page"
	finish
fi

# One headless Chromium run: a fresh profile, no network, killed after
# TIMEOUT seconds.  Its stderr (always noisy) goes to a log shown on failure.
run=0
chromium() {
	run=$((run + 1))
	flags="--headless --disable-gpu --disable-quic --no-first-run
		--disable-background-networking --disable-component-update --disable-sync
		--disable-extensions --disable-default-apps --no-default-browser-check
		--hide-scrollbars --force-device-scale-factor=1 --mute-audio
		--window-size=1400,1000 --user-data-dir=$WORK/profile-$run"
	[ "$(id -u)" = 0 ] && flags="$flags --no-sandbox"
	# shellcheck disable=SC2086
	timeout -k 5 "$TIMEOUT" "$CHROMIUM" $flags "$@" 2> "$WORK/chromium-$run.log"
}
show_log() {
	[ "$1" -eq 124 ] && echo "  chromium was killed after $TIMEOUT s"
	echo "  its stderr, last lines:"
	grep -v 'dbus/bus.cc' "$WORK/chromium-$run.log" | tail -n 15 | sed 's/^/  | /'
}
url() { echo "file://$1"; }

t0=$(date +%s)
if chromium --virtual-time-budget=10000 --dump-dom "$(url "$PAGE")" > "$WORK/dom.html" &&
	grep -q '<body' "$WORK/dom.html"; then
	ok "chromium --dump-dom"
else
	rc=$?
	bad "chromium --dump-dom (exit $rc)"
	show_log "$rc"
fi
if chromium --virtual-time-budget=10000 --dump-dom "$(url "$WORK/probe.html")" > "$WORK/probe-dom.html" &&
	grep -q 'probe-result' "$WORK/probe-dom.html"; then
	ok "chromium --dump-dom of the layout probe"
else
	rc=$?
	bad "chromium --dump-dom of the layout probe (exit $rc)"
	show_log "$rc"
fi
if chromium --virtual-time-budget=10000 --screenshot="$WORK/shot.png" "$(url "$PAGE")" \
	> "$WORK/shot.out" && [ -s "$WORK/shot.png" ]; then
	ok "chromium --screenshot"
else
	rc=$?
	bad "chromium --screenshot (exit $rc)"
	show_log "$rc"
fi
t1=$(date +%s)
echo "note chromium: 3 runs in $((t1 - t0)) s"

if [ -s "$WORK/dom.html" ] && [ -s "$WORK/probe-dom.html" ] && [ -s "$WORK/shot.png" ]; then
	"$PYTHON" tests/html/page.py check --page "$PAGE" --matrix-json "$WORK/matrix.json" \
		--n "$N" --dom "$WORK/dom.html" --probe "$WORK/probe-dom.html" \
		--png "$WORK/shot.png" > "$WORK/checks.out" 2>&1
	rc=$?
	cat "$WORK/checks.out"
	p=$(grep -c '^ok ' "$WORK/checks.out")
	f=$(grep -c '^FAIL ' "$WORK/checks.out")
	pass=$((pass + p))
	fail=$((fail + f))
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		bad "page.py check exited with status $rc"
	fi
fi
finish
