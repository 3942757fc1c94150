#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
# run.sh BUILD - the command-line contract of mdevdesc-validate and
# mdevdesc-fmt: exit statuses, output formats, options, standard input.
set -u
build=$1
V=$build/mdevdesc-validate
F=$build/mdevdesc-fmt
PY=${PYTHON:-/usr/bin/python3}
pass=0; fail=0
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

# expect STATUS DESCRIPTION COMMAND...: run, compare the exit status.
expect() {
	want=$1; what=$2; shift 2
	"$@" > "$tmp/out" 2> "$tmp/err"
	got=$?
	if [ "$got" -eq "$want" ]; then
		pass=$((pass + 1))
	else
		echo "FAIL $what: exit $got, expected $want"; sed 's/^/  | /' "$tmp/out" "$tmp/err" | head -10
		fail=$((fail + 1))
	fi
}
# check DESCRIPTION SHELL-CONDITION
check() {
	if sh -c "$2"; then pass=$((pass + 1)); else echo "FAIL $1"; fail=$((fail + 1)); fi
}

ok=examples/mtty.yaml
bad=examples/broken/qat-sym-unquoted-format.yaml
warn=tests/vectors/valid/format-minor-unknown-key.yaml

expect 0 "valid file" "$V" "$ok"
check "summary line" "grep -q '^1 file, 1 valid, 0 invalid, 0 errors, 0 warnings$' $tmp/out"
expect 1 "invalid file" "$V" "$bad"
check "gcc-style diagnostic" "grep -q '^$bad:8:11: error: .* \[quoting\] (R-QUOTE-TABLE)$' $tmp/out"
check "caret under the column" "grep -q '^              ^$' $tmp/out"
expect 1 "one valid, one invalid" "$V" "$ok" "$bad"
expect 2 "missing file" "$V" /nonexistent/x.yaml
check "names the file" "grep -q 'nonexistent/x.yaml' $tmp/err"
expect 2 "a directory" "$V" examples
expect 2 "no arguments" "$V"
expect 2 "unknown option" "$V" --bogus "$ok"
expect 0 "--help" "$V" --help
check "--help prints usage" "grep -q '^usage: mdevdesc-validate' $tmp/out"
expect 0 "--version" "$V" --version
check "--version prints the version" "grep -q '^mdevdesc-validate [0-9]' $tmp/out"
expect 0 "standard input" sh -c "\"$V\" - < $ok"
expect 1 "invalid standard input" sh -c "\"$V\" - < $bad"
expect 0 "--quiet, valid" "$V" --quiet "$ok"
check "--quiet prints nothing for a valid file" "[ ! -s $tmp/out ]"
expect 1 "--quiet, invalid" "$V" --quiet "$bad"
check "--quiet prints no source line" "[ \$(wc -l < $tmp/out) -eq 1 ]"
expect 0 "a warning is not an error" "$V" "$warn"
check "warning printed" "grep -q 'warning: .*\[unknown-key\] (R-FORMAT-MINOR)' $tmp/out"
expect 1 "--strict makes warnings errors" "$V" --strict "$warn"
expect 1 "unregistered vendor" "$V" tests/vectors/invalid/vendor-unregistered.yaml
expect 0 "--allow-unknown-vendor" "$V" --allow-unknown-vendor tests/vectors/invalid/vendor-unregistered.yaml
expect 1 "--limit max_depth=2" "$V" --limit max_depth=2 "$ok"
check "limit-depth reported" "grep -q '\[limit-depth\]' $tmp/out"
expect 2 "--limit with a bad name" "$V" --limit max_bogus=2 "$ok"
expect 2 "--limit with a bad value" "$V" --limit max_depth=x "$ok"
expect 2 "--json, an I/O error wins" "$V" --json "$ok" "$bad" /nonexistent/x.yaml
check "--json is one JSON object" "$PY -c 'import json,sys; d=json.load(open(\"$tmp/out\")); sys.exit(0 if d[\"summary\"][\"files\"]==3 and d[\"summary\"][\"invalid\"]==2 else 1)'"
expect 0 "--events" "$V" --events "$ok"
check "--events starts with +STR" "[ \"\$(head -1 $tmp/out)\" = '+STR' ]"
check "--events ends with -STR" "[ \"\$(tail -1 $tmp/out)\" = '-STR' ]"
expect 1 "--events outside the subset" "$V" --events tests/vectors/invalid/syntax-anchor.yaml
check "--events error has a location" "grep -q 'syntax-anchor.yaml:[0-9]*:[0-9]*: error:' $tmp/err"

# mdevdesc-fmt
expect 0 "fmt" "$F" "$ok"
cp "$tmp/out" "$tmp/canon.yaml"
expect 0 "fmt of canonical text" "$F" "$tmp/canon.yaml"
check "fmt is idempotent" "cmp -s $tmp/out $tmp/canon.yaml"
cp tests/vectors/valid/full-flow.yaml "$tmp/rewrite.yaml"
expect 0 "fmt -i" "$F" -i "$tmp/rewrite.yaml"
"$F" "$tmp/rewrite.yaml" > "$tmp/again.yaml"
check "fmt -i wrote canonical text" "cmp -s $tmp/rewrite.yaml $tmp/again.yaml"
cp "$bad" "$tmp/bad.yaml"
expect 1 "fmt -i on invalid input" "$F" -i "$tmp/bad.yaml"
check "invalid input left unchanged" "cmp -s $bad $tmp/bad.yaml"
expect 0 "fmt --json" "$F" --json "$ok"
check "fmt --json prints one object per document" "$PY -c 'import json; [json.loads(l) for l in open(\"$tmp/out\")]'"
expect 2 "fmt -i with --json" "$F" -i --json "$ok"
expect 2 "fmt missing file" "$F" /nonexistent/x.yaml
expect 0 "fmt --help" "$F" --help
expect 0 "fmt --version" "$F" --version

# mdevdesc-compat
C=$build/mdevdesc-compat
cv=tests/vectors/compat
expect 0 "compat: compatible" "$C" "$cv/worked-example.src.yaml" "$cv/worked-example.dst.yaml"
check "compat: verdict line" "grep -q '^verdict: compatible$' $tmp/out"
check "compat: configuration printed" "grep -q '^target configuration:' $tmp/out"
expect 1 "compat: incompatible" "$C" "$cv/identity-vendor.src.yaml" "$cv/identity-vendor.dst.yaml"
check "compat: failing rule named" "grep -q 'FAIL  vendor .*\[identity-vendor\] (R-COMPAT-IDENTITY)' $tmp/out"
expect 1 "compat: undecidable" "$C" "$cv/unknown-key-target.src.yaml" "$cv/unknown-key-target.dst.yaml"
check "compat: undecidable said" "grep -q '^verdict: undecidable' $tmp/out"
expect 2 "compat: invalid input" "$C" "$bad" "$ok#1"
check "compat: invalid input located" "grep -q '^$bad:8:11: error:' $tmp/err"
expect 2 "compat: several documents, none chosen" "$C" "$ok" "$ok"
check "compat: asks to choose" "grep -q 'holds 2 documents' $tmp/err"
expect 0 "compat: FILE#N" "$C" "$ok#1" "$ok#1"
expect 0 "compat: FILE@MDEV_TYPE" "$C" "examples/nvidia-vgpu.yaml@nvidia-474" "examples/nvidia-vgpu.yaml#1"
expect 2 "compat: no such document" "$C" "$ok#9" "$ok#1"
expect 2 "compat: no such mdev_type" "$C" "$ok@nope" "$ok#1"
expect 0 "compat: --both without the source's type" "$C" --both "$ok#1" "$ok#1"
check "compat: --both says reversibility is unknown" "grep -q '^reversibility: unknown' $tmp/out"
check "compat: --both does not guess" "! grep -q '^both directions' $tmp/out"
we="$cv/worked-example.src.yaml $cv/worked-example.dst.yaml"
expect 0 "compat: --both --source-type" "$C" --both --source-type "$cv/worked-example.srctype.yaml" $we
check "compat: the way back checks the target instance" "grep -q '^target instance -> ' $tmp/out"
check "compat: --both says both" "grep -q '^both directions: compatible' $tmp/out"
check "compat: no swapped check" "! grep -q 'worked-example.dst.yaml -> ' $tmp/out"
expect 0 "compat: --source-type implies --both" "$C" --source-type "$cv/worked-example.srctype.yaml" $we
check "compat: --source-type alone says both" "grep -q '^both directions: compatible' $tmp/out"
rv=$cv/reverse-same-minor-entry-missing
expect 1 "compat: --both, no way back" "$C" --both --source-type "$rv.srctype.yaml" "$rv.src.yaml" "$rv.dst.yaml"
check "compat: no way back said" "grep -q '^both directions: not compatible (the VM can move there but not come back)' $tmp/out"
expect 1 "compat: --both, forward incompatible" "$C" --both --source-type "$rv.srctype.yaml" "$cv/identity-vendor.src.yaml" "$cv/identity-vendor.dst.yaml"
expect 0 "compat: --both --json, unknown" "$C" --json --both $we
check "compat: --both --json, reversible null" "$PY -c 'import json; d=json.load(open(\"$tmp/out\")); assert d[\"reversible\"] is None and \"backward\" not in d'"
expect 2 "compat: --source-type, no such file" "$C" --source-type /nonexistent/t.yaml $we
expect 1 "compat: a source type the source does not satisfy" "$C" --both --source-type "$cv/reverse-other-minor-accepted.dst.yaml" "$rv.src.yaml" "$rv.dst.yaml"
check "compat: warns that the source does not satisfy its type" "grep -q 'warning: .* does not satisfy the source type' $tmp/err"
expect 0 "compat: --emit-target" "$C" --emit-target $we
sed 1d "$cv/worked-example.instance.yaml" > "$tmp/inst.yaml"
check "compat: --emit-target prints the instance" "cmp -s $tmp/out $tmp/inst.yaml"
expect 1 "compat: --emit-target, incompatible" "$C" --emit-target "$cv/identity-vendor.src.yaml" "$cv/identity-vendor.dst.yaml"
check "compat: --emit-target says why on stderr" "grep -q 'cannot migrate to' $tmp/err && grep -q 'identity-vendor (R-COMPAT-IDENTITY)' $tmp/err && [ ! -s $tmp/out ]"
expect 2 "compat: --emit-target with --json" "$C" --emit-target --json $we
expect 2 "compat: --emit-target with --both" "$C" --emit-target --both $we

# Every compatible pair: the target instance is valid and satisfies the
# target (compatible with it, and the target creates its MAJOR.MINOR).
n=0
for s in "$cv"/*.src.yaml; do
	d=${s%.src.yaml}.dst.yaml
	"$C" --json "$s" "$d" > /dev/null 2>&1 || continue
	n=$((n + 1))
	if ! "$C" --emit-target "$s" "$d" > "$tmp/inst.yaml" 2> "$tmp/err"; then
		echo "FAIL --emit-target $s"; fail=$((fail + 1)); continue
	fi
	if ! "$V" --quiet "$tmp/inst.yaml" > "$tmp/out" 2>&1; then
		echo "FAIL target instance of $s is not valid"; sed 's/^/  | /' "$tmp/out" | head -5
		fail=$((fail + 1)); continue
	fi
	if "$C" --json "$tmp/inst.yaml" "$d" > "$tmp/out" 2>&1 &&
	   $PY -c 'import json,sys; c=json.load(open(sys.argv[1]))["configuration"]; sys.exit(0 if c["reversible"] else 1)' "$tmp/out"; then
		pass=$((pass + 1))
	else
		echo "FAIL target instance of $s does not satisfy $d"; fail=$((fail + 1))
	fi
done
check "compat: target instances of the compatible pairs checked" "[ $n -ge 40 ]"
expect 0 "compat: --json" "$C" --json "$cv/worked-example.src.yaml" "$cv/worked-example.dst.yaml"
check "compat: --json parses" "$PY -c 'import json; d=json.load(open(\"$tmp/out\")); assert d[\"verdict\"]==\"compatible\"'"
expect 0 "compat: --rank" "$C" --rank "$ok#1" "$ok"
expect 0 "compat: --baseline" "$C" --baseline "$cv/baseline-basic/host.yaml" "$cv/baseline-basic/t1.yaml"
check "compat: baseline printed" "grep -q '^baseline for' $tmp/out"
expect 1 "compat: --baseline blocked" "$C" --baseline "$cv/baseline-blocked-identity/host.yaml" "$cv/baseline-blocked-identity/t1.yaml" "$cv/baseline-blocked-identity/t2.yaml"
check "compat: blocker named" "grep -q '^no baseline for .*: blocked by .*t2.yaml' $tmp/out"
expect 0 "compat: --matrix" "$C" --matrix examples/mtty.yaml examples/intel-qat-4xxx.yaml
expect 2 "compat: --html without --matrix" "$C" --html "$tmp/x.html" "$ok#1" "$ok#1"
expect 2 "compat: one argument" "$C" "$ok#1"
expect 2 "compat: --rank and --baseline" "$C" --rank --baseline "$ok#1" "$ok"
expect 0 "compat: --help" "$C" --help
expect 0 "compat: --version" "$C" --version

echo "cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
