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

. tests/expect.sh

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

# Directories: their *.yaml and *.yml files in byte order of names;
# subdirectories with -r only; links to directories are not followed.
D=$tmp/tree
mkdir -p "$D/sub/deeper" "$D/empty" "$D/onlysub/s" "$D/x.yaml"
cp "$ok" "$D/a.yaml"; cp "$ok" "$D/a.yml"; cp "$ok" "$D/B.yaml"; echo 'not yaml' > "$D/notes.txt"
cp "$bad" "$D/sub/c.yaml"; cp "$ok" "$D/sub/deeper/d.yaml"; cp "$ok" "$D/onlysub/s/e.yaml"
cp "$ok" "$D/x.yaml/f.yaml"
ln -s .. "$D/sub/up"; ln -s .. "$D/sub/deeper/loop.yaml"
# the files of --json output, relative to $D
echo 'import json,sys; print(" ".join(f["file"][len(sys.argv[2]) + 1:] for f in json.load(open(sys.argv[1]))["files"]))' > "$tmp/order.py"
order="$PY $tmp/order.py $tmp/out $D"
expect 0 "a directory: its files" "$V" "$D"
check "a directory: three files, subdirectories skipped" "grep -q '^3 files, 3 valid, 0 invalid' $tmp/out"
expect 0 "a directory, --json" "$V" --json "$D"
check "a directory: byte order of names" "[ \"\$($order)\" = 'B.yaml a.yaml a.yml' ]"
expect 1 "-r: subdirectories too" timeout 20 "$V" -r --json "$D"
check "-r: every file in order, no link followed" "[ \"\$($order)\" = 'B.yaml a.yaml a.yml onlysub/s/e.yaml sub/c.yaml sub/deeper/d.yaml x.yaml/f.yaml' ]"
expect 1 "--recursive" timeout 20 "$V" --recursive "$D"
check "--recursive: seven files, one invalid" "grep -q '^7 files, 6 valid, 1 invalid' $tmp/out"
expect 0 "an empty directory" "$V" "$D/empty"
check "an empty directory is said" "grep -q 'empty: no descriptor file (\*.yaml, \*.yml) in it\$' $tmp/err"
check "an empty directory: no file" "grep -q '^0 files, 0 valid' $tmp/out"
expect 0 "a directory with subdirectories only" "$V" "$D/onlysub"
check "points to -r" "grep -q 'onlysub: no descriptor file .* its subdirectories are read with -r' $tmp/err"
expect 0 "-r on an empty directory and a file" "$V" -r "$D/empty" "$ok"
check "-r: the empty directory is said" "grep -q 'empty: no descriptor file (\*.yaml, \*.yml) in it or below it' $tmp/err"
ln -s nowhere "$D/sub/gone.yaml"; ln -s self.yaml "$D/sub/self.yaml"
expect 2 "unreadable files in a directory" timeout 20 "$V" "$D/sub"
check "unreadable files named" "grep -q 'gone.yaml: No such file' $tmp/err && grep -q 'self.yaml: Too many levels' $tmp/err"
check "the other files are still validated" "grep -q '^sub/c.yaml:8:11: error:' $tmp/out || grep -q 'sub/c.yaml:8:11: error:' $tmp/out"
check "unreadable files count as invalid" "grep -q '^3 files, 0 valid, 3 invalid' $tmp/out"
if [ "$(id -u)" -ne 0 ]; then
	cp "$ok" "$D/sub/deeper/locked.yaml"; chmod 000 "$D/sub/deeper/locked.yaml"
	expect 2 "a file without read permission" "$V" "$D/sub/deeper"
	check "the readable file still validated" "grep -q '^2 files, 1 valid, 1 invalid' $tmp/out"
	mkdir "$D/closed"; chmod 000 "$D/closed"
	expect 2 "a directory without read permission" "$V" -r "$D/closed" "$ok"
	chmod 700 "$D/closed"
fi
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
grep -v '^#' tests/vectors/valid/full-flow.yaml | "$F" - > "$tmp/canon-full.yaml"
expect 0 "fmt of canonical text" "$F" "$tmp/canon.yaml"
check "fmt is idempotent" "cmp -s $tmp/out $tmp/canon.yaml"
grep -v '^#' tests/vectors/valid/full-flow.yaml > "$tmp/rewrite.yaml"
cp "$tmp/rewrite.yaml" "$tmp/before.yaml"
expect 0 "fmt -i" "$F" -i "$tmp/rewrite.yaml"
"$F" "$tmp/rewrite.yaml" > "$tmp/again.yaml"
check "fmt -i wrote canonical text" "cmp -s $tmp/rewrite.yaml $tmp/again.yaml"

# fmt --check: 0 when canonical; 1 and diff -u's output when not
expect 0 "fmt --check of canonical text" "$F" --check "$tmp/canon.yaml" "$tmp/rewrite.yaml"
check "fmt --check prints nothing for canonical text" "[ ! -s $tmp/out ]"
expect 1 "fmt --check of other text" "$F" --check "$tmp/canon.yaml" "$tmp/before.yaml"
check "fmt --check: the diff's header" "[ \"\$(head -2 $tmp/out)\" = \"--- $tmp/before.yaml
+++ $tmp/before.yaml (canonical)\" ]"
check "fmt --check: as diff -u prints it" "diff -u --label $tmp/before.yaml --label '$tmp/before.yaml (canonical)' $tmp/before.yaml $tmp/canon-full.yaml | cmp -s - $tmp/out"
check "fmt --check left the file unchanged" "grep -v '^#' tests/vectors/valid/full-flow.yaml | cmp -s - $tmp/before.yaml"
if command -v patch > /dev/null; then
	check "fmt --check: the diff applies" "cp $tmp/before.yaml $tmp/patched.yaml && patch -s $tmp/patched.yaml < $tmp/out && cmp -s $tmp/patched.yaml $tmp/rewrite.yaml"
fi
printf 'version: 1.0.0\nmdevdesc: "1.0"\nvendor: test\ntype: widget\ndevice_api: vfio-pci' > "$tmp/nonl.yaml"
expect 1 "fmt --check, no newline at the end" "$F" --check "$tmp/nonl.yaml"
check "fmt --check: no newline said" "grep -q '^\\\\ No newline at end of file$' $tmp/out && grep -q '^@@ -1,5 +1,5 @@$' $tmp/out"
expect 1 "fmt --check: one file canonical, one invalid" "$F" --check "$tmp/canon.yaml" "$bad"
check "fmt --check: the invalid file's diagnostic" "grep -q 'error:' $tmp/err && [ ! -s $tmp/out ]"
expect 0 "fmt --check of standard input" sh -c "\"$F\" --check - < $tmp/canon.yaml"
expect 2 "fmt --check, a missing file" "$F" --check "$tmp/canon.yaml" /nonexistent/x.yaml
expect 2 "fmt --check with -i" "$F" --check -i "$tmp/canon.yaml"
expect 2 "fmt --check with --json" "$F" --check --json "$tmp/canon.yaml"

# fmt keeps comments: -i rewrites a file with comments, keeping each one
cp tests/vectors/valid/full-flow.yaml "$tmp/spdx.yaml"
expect 0 "fmt -i, an SPDX header" "$F" -i "$tmp/spdx.yaml"
check "fmt -i kept the SPDX header first" "head -1 $tmp/spdx.yaml | grep -q '^# SPDX-License-Identifier:'"
expect 0 "fmt --check after fmt -i" "$F" --check "$tmp/spdx.yaml"
head='mdevdesc: "1.0"\nvendor: test\ntype: widget\ndevice_api: vfio-pci\nversion: 1.0.0\n'
n=0
for c in 'description: "a" # c1' "driver: 'it''s' # c2" "description: don 't # c3" \
	'x-test-a: [1, "#"] # c4' "x-test-b: { k: \"a # b\", l: '#' } # c5" 'x-test-q: a "b # c6' \
	'accepts:\n  - "1.0" # c7' '    # c8 indented'; do
	n=$((n + 1))
	printf "$head$c\n" > "$tmp/comment$n.yaml"
	expect 0 "fmt -i, comment $n" "$F" -i "$tmp/comment$n.yaml"
	check "fmt -i, comment $n kept" "grep -q '# c$n' $tmp/comment$n.yaml"
	cp "$tmp/comment$n.yaml" "$tmp/comment$n.once"
	expect 0 "fmt -i, comment $n, again" "$F" -i "$tmp/comment$n.yaml"
	check "fmt -i, comment $n: formatting twice changes nothing" "cmp -s $tmp/comment$n.yaml $tmp/comment$n.once"
	expect 0 "fmt --check, comment $n" "$F" --check "$tmp/comment$n.yaml"
done
printf "$head"'accepts: ["1.0"]  # t\n' > "$tmp/trail.yaml"
expect 0 "fmt --check: a canonical file with a trailing comment" "$F" --check "$tmp/trail.yaml"
printf "$head"'accepts: ["1.0"] # t\n' > "$tmp/trail1.yaml"
expect 1 "fmt --check: a trailing comment one space after" "$F" --check "$tmp/trail1.yaml"
check "fmt --check: the diff moves the comment" "grep -q '^+accepts: \\[\"1.0\"\\]  # t$' $tmp/out"
printf '# a\r\nmdevdesc: "1.0"  # b\r\nvendor: test\r\ntype: widget\r\ndevice_api: vfio-pci\r\nversion: 1.0.0\r\n# c\r\n' > "$tmp/crlf.yaml"
expect 0 "fmt, CRLF input with comments" "$F" "$tmp/crlf.yaml"
check "fmt, CRLF: comments without CR, in place" "printf '# a\nmdevdesc: \"1.0\"  # b\nvendor: test\ntype: widget\ndevice_api: vfio-pci\nversion: 1.0.0\n# c\n' | cmp -s - $tmp/out"
# every example and valid vector: -i keeps the comments' texts and is idempotent
for f in examples/*.yaml tests/vectors/valid/*.yaml; do
	case $f in *unknown-vendor*) continue ;; esac
	g="$tmp/ex-$(basename "$f")"
	cp "$f" "$g"
	"$F" --allow-unknown-vendor -i "$g" 2> /dev/null || continue
	cp "$g" "$g.once"
	"$F" --allow-unknown-vendor -i "$g"
	check "fmt -i $(basename "$f"): comments kept" "$PY tests/cli/comment_texts.py $f $g"
	check "fmt -i $(basename "$f"): idempotent" "cmp -s $g $g.once"
done
printf '\357\273\277# c\n'"$head" > "$tmp/bom.yaml"
expect 0 "fmt -i, a comment after a byte order mark" "$F" -i "$tmp/bom.yaml"
check "fmt -i, the comment after the byte order mark kept" "head -1 $tmp/bom.yaml | grep -q '^# c$'"
printf "$head"'description: "a # b \\" # c"\ndriver: '"'it''s # d'"'\nmdev_type: a#b\nx-test-n: { k: "x # y", l: ['"'#'"', "#"] }\nx-test-q: a "b#c"\n' > "$tmp/nocomment.yaml"
expect 0 "fmt -i, '#' only inside scalars" "$F" -i "$tmp/nocomment.yaml"
check "fmt -i rewrote it in canonical form" "\"$F\" --check $tmp/nocomment.yaml > /dev/null"
# bidi controls are written as escapes (spec 11.2, 12)
printf "$head"'description: a\342\200\256b\342\201\246c\n' > "$tmp/bidi.yaml"
expect 0 "fmt, a string with bidi controls" "$F" "$tmp/bidi.yaml"
check "fmt writes bidi controls as \\u escapes" "grep -qF 'description: \"a\\u202eb\\u2066c\"' $tmp/out && ! grep -q \"\$(printf '\\342\\200\\256')\" $tmp/out"
expect 1 "fmt --check, a string with bidi controls" "$F" --check "$tmp/bidi.yaml"
check "fmt --check: the canonical side has no raw bidi control" "! grep '^+' $tmp/out | grep -q \"\$(printf '\\342\\200\\256')\""
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
# FILE#N and FILE@MDEV_TYPE among the FILE... of --rank, --baseline, --matrix
nv=examples/nvidia-vgpu.yaml
expect 0 "compat: --rank over FILE#N" "$C" --rank "$ok#1" "$ok#1"
check "compat: --rank FILE#N is that one document" "grep -q '^  1\. $ok#1  version' $tmp/out && ! grep -q '#2' $tmp/out"
expect 1 "compat: --rank over another FILE#N" "$C" --rank "$ok#1" "$ok#2"
check "compat: --rank lists it as not compatible" "grep -q '^  -  $ok#2: incompatible' $tmp/out"
expect 0 "compat: --rank over FILE@MDEV_TYPE" "$C" --rank "$nv#1" "$nv@nvidia-474"
check "compat: --rank labels FILE@MDEV_TYPE as given" "grep -q '^  1\. $nv@nvidia-474  version' $tmp/out"
expect 1 "compat: --rank over a plain FILE counts every document" "$C" --rank "$ok#2" "$nv"
check "compat: --rank plain FILE: three documents" "[ \$(grep -c '^  -  $nv#[123]: ' $tmp/out) -eq 3 ]"
expect 0 "compat: --baseline over FILE#N" "$C" --baseline "$ok#1" "$ok#1"
expect 1 "compat: --baseline over a plain FILE" "$C" --baseline "$ok#1" "$ok"
check "compat: --baseline blocked by the second document" "grep -q 'blocked by $ok#2$' $tmp/out"
expect 0 "compat: --baseline over FILE@MDEV_TYPE" "$C" --baseline "$ok#1" "$ok@mtty-1"
expect 0 "compat: --matrix over FILE#N and FILE@MDEV_TYPE" "$C" --json --matrix "$ok@mtty-2" "$nv#3"
check "compat: --matrix holds the two documents chosen" "$PY -c 'import json,sys; d=json.load(open(\"$tmp/out\"))[\"descriptors\"]; sys.exit(0 if [(x[\"document\"], x[\"label\"]) for x in d]==[(1, \"$ok@mtty-2\"), (2, \"$nv#3\")] else 1)'"
expect 2 "compat: --matrix FILE#N past the end" "$C" --matrix "$ok#3"
check "compat: --matrix says which document" "grep -q 'no document 3 (the file holds 2)' $tmp/err"
expect 2 "compat: --rank FILE@MDEV_TYPE unknown" "$C" --rank "$ok#1" "$ok@nope"
check "compat: --rank says no such mdev_type" "grep -q 'no document has mdev_type nope' $tmp/err"
expect 2 "compat: --baseline FILE#0" "$C" --baseline "$ok#1" "$ok#0"
expect 2 "compat: --html without --matrix" "$C" --html "$tmp/x.html" "$ok#1" "$ok#1"
expect 2 "compat: one argument" "$C" "$ok#1"
expect 2 "compat: --rank and --baseline" "$C" --rank --baseline "$ok#1" "$ok"
expect 0 "compat: --help" "$C" --help
expect 0 "compat: --version" "$C" --version

echo "cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
