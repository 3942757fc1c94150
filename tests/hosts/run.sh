#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
# run.sh BUILD - discovery (spec 9) end to end: the discovery vectors, the
# hostile host (every family of examples/ and every broken or hostile entry,
# scanned under a timeout), the sample hosts of examples/hosts/ (the
# committed trees are what their .host files make, and scan clean), and the
# command-line contract of mdevdesc-scan.  Ownership cases need root; run as
# another user, those vectors say SKIP.
set -u
build=$1
S=$build/mdevdesc-scan
PY=${PYTHON:-/usr/bin/python3}
H=tests/hosts/host.py
pass=0; fail=0
tmp=$(mktemp -d); trap 'chmod -R u+rwX "$tmp"; rm -rf "$tmp"' EXIT

. tests/expect.sh

# The vectors and the hostile host: each scan runs under `timeout 60`.
"$PY" $H check "$build" tests/vectors/discovery/*.host tests/hosts/hostile.host || fail=$((fail + 1))

# The sample hosts: committed trees equal what the .host files make.
for h in examples/hosts/*.host; do
	expect 0 "$h makes ${h%.host}/" "$PY" $H compare "$build" "$h" "${h%.host}"
	expect 0 "mdevdesc-scan --root ${h%.host}" "$S" --root "${h%.host}"
	check "${h%.host}: a summary line" "tail -1 $tmp/out | grep -q ' 0 errors\$'"
done

# The hostile host in text: only printable UTF-8, names escaped, every
# problem listed, a stable order; twice the same JSON.
if [ "$(id -u)" -eq 0 ]; then
	mkdir "$tmp/hostile"
	"$PY" $H build --fmt "$build/mdevdesc-fmt" tests/hosts/hostile.host "$tmp/hostile"
	expect 1 "hostile host, text" timeout 60 "$S" --root "$tmp/hostile"
	check "text output is printable" "! LC_ALL=C tr -d '\n' < $tmp/out | LC_ALL=C grep -q '[[:cntrl:]]'"
	check "text output is UTF-8" "iconv -f UTF-8 -t UTF-8 < $tmp/out > /dev/null"
	check "a name that is not UTF-8 is escaped" "grep -qF '/etc/mdevdesc/\\xff\\xfe.yaml: the name is not UTF-8' $tmp/out"
	check "the 64 MiB attribute" "grep -q 'i915-GVTg_V5_1/migration_descriptor: larger than 4096 bytes' $tmp/out"
	check "the FIFO" "grep -q '0000:5e:00.3/migration_descriptor: not a regular file; not opened' $tmp/out"
	check "the loop" "grep -q '/sys/class/mdev_bus/loop: a loop of symbolic links' $tmp/out"
	check "the world-writable file" "grep -q '20-world-writable.yaml: file writable by others (mode 0666)' $tmp/out"
	check "the file of another owner" "grep -q '30-not-root.yaml: file owned by uid 12345, not by root' $tmp/out"
	check "the summary" "tail -1 $tmp/out | grep -q '^9 types, 3 instances, 5 devices, 16 files, [0-9]* errors\$'"
	"$S" --root "$tmp/hostile" --json > "$tmp/j1"
	"$S" --root "$tmp/hostile" --json > "$tmp/j2"
	check "the same JSON twice" "cmp -s $tmp/j1 $tmp/j2"
else
	echo "SKIP hostile host text checks: need root"
fi

# The command line.
expect 0 "--help" "$S" --help
check "--help prints usage" "grep -q '^usage: mdevdesc-scan' $tmp/out"
expect 0 "--version" "$S" --version
check "--version prints the version" "grep -q '^mdevdesc-scan [0-9]' $tmp/out"
expect 2 "unknown option" "$S" --bogus
expect 2 "an operand" "$S" extra
expect 2 "an empty root" "$S" --root ""
expect 2 "a root that does not exist" "$S" --root /nonexistent/host
check "names the root" "grep -q '/nonexistent/host: No such file or directory' $tmp/err"
expect 2 "a root that is a file" "$S" --root examples/mtty.yaml
mkdir "$tmp/empty"
expect 0 "an empty host" "$S" --root "$tmp/empty" --json
check "an empty host's JSON" "grep -q '\"types\":\[\],\"instances\":\[\],\"devices\":\[\],\"files\":\[\]' $tmp/out"

echo "hosts: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
