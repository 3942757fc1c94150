# SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
"""Run the compat vectors (tests/vectors/compat/) through the reference resolver.

Each vector's YAML is converted to models with mdevdesc-fmt --json, resolved
by resolver.py, and the answer is compared with the vector's expect.json as
parsed JSON (types included: 4 is not "4", true is not 1), ignoring "rules".
A pair with NAME.srctype.yaml is answered both ways (resolver.both); the
target instance of a compatible pair is compared with NAME.instance.yaml:
as a model here, byte for byte (`--emit-target`) with --impl c.
Also checks that every R-COMPAT-* rule ID the spec defines is named by some
vector's "rules", that every named ID is defined by the spec, and the layout
of the directory (tests/vectors/compat/README.md).

    python3 run_compat_vectors.py [--build-dir DIR] [--vectors DIR] [--spec FILE] [-v]

Prints one FAIL line per problem and ends with
`compat vectors (reference): N passed, M failed` (a rule without a vector
and a layout problem count as failures).  Exit status 1 when anything
failed or no vector ran.
"""

import argparse
import subprocess
import json
import os
import re
import sys

sys.dont_write_bytecode = True      # keep the source tree clean
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import resolver  # noqa: E402

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SPDX = "# SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause"
DEFINED_ID = re.compile(r"\*\*\[(R-[A-Z0-9-]+)\]\*\*")
TARGET_FILE = re.compile(r"^t([1-9][0-9]*)\.yaml$")


def differences(expected, actual, path="$"):
    """Paths where two parsed JSON values differ, comparing types strictly."""
    if type(expected) is not type(actual):
        return ["%s: expected %s, got %s" % (path, json.dumps(expected), json.dumps(actual))]
    if isinstance(expected, dict):
        out = []
        for k in expected:
            if k not in actual:
                out.append("%s.%s: missing" % (path, k))
            else:
                out += differences(expected[k], actual[k], "%s.%s" % (path, k))
        for k in actual:
            if k not in expected:
                out.append("%s.%s: unexpected %s" % (path, k, json.dumps(actual[k])))
        return out
    if isinstance(expected, list):
        if len(expected) != len(actual):
            return ["%s: expected %d items, got %d: %s" % (path, len(expected), len(actual),
                                                          json.dumps(actual))]
        out = []
        for i, (e, a) in enumerate(zip(expected, actual)):
            out += differences(e, a, "%s[%d]" % (path, i))
        return out
    if expected != actual:
        return ["%s: expected %s, got %s" % (path, json.dumps(expected), json.dumps(actual))]
    return []


class Run:
    def __init__(self, args):
        self.args = args
        self.passed = 0
        self.failed = 0
        self.rules = set()

    def fail(self, name, message):
        self.failed += 1
        print("FAIL %s: %s" % (name, message))

    def compare(self, name, expect, answer):
        expect = dict(expect)
        expect.pop("rules", None)
        diffs = differences(expect, answer)
        if diffs:
            self.fail(name, "; ".join(diffs[:4]) + (" ..." if len(diffs) > 4 else ""))
            if self.args.verbose:
                print("  got: " + json.dumps(answer, ensure_ascii=False))
        else:
            self.passed += 1
            if self.args.verbose:
                print("ok   %s" % name)

    def c_tool(self, cwd, args):
        """The answer of build/mdevdesc-compat, run in the vector's directory."""
        tool = os.path.join(os.path.abspath(self.args.build_dir), "mdevdesc-compat")
        res = subprocess.run([tool] + args, cwd=cwd, capture_output=True, check=False)
        if res.returncode not in (0, 1):
            raise resolver.InputError("mdevdesc-compat exit %d: %s"
                                      % (res.returncode, res.stderr.decode(errors="replace")[:300]))
        return json.loads(res.stdout)

    def read_expect(self, name, path):
        with open(path, encoding="utf-8") as f:
            expect = json.load(f)
        rules = expect.get("rules")
        if not isinstance(rules, list) or not rules:
            raise resolver.InputError("expect.json: \"rules\" must be a non-empty list")
        self.rules.update(rules)
        return expect

    def check_spdx(self, path):
        with open(path, encoding="utf-8") as f:
            first = f.readline().rstrip("\n")
        if first != SPDX:
            raise resolver.InputError("%s: first line is not the SPDX line" % os.path.basename(path))

    # NAME.src.yaml, NAME.dst.yaml, NAME.expect.json [NAME.srctype.yaml] [NAME.instance.yaml]
    def pair(self, name):
        d = self.args.vectors
        path = {k: os.path.join(d, "%s.%s.yaml" % (name, k))
                for k in ("src", "dst", "srctype", "instance")}
        srctype = os.path.exists(path["srctype"])
        try:
            expect = self.read_expect(name, os.path.join(d, name + ".expect.json"))
            for k in ("src", "dst") + (("srctype",) if srctype else ()):
                self.check_spdx(path[k])
            if self.args.impl == "c":
                args = ["--both", "--source-type", name + ".srctype.yaml"] if srctype else []
                answer = self.c_tool(d, ["--json"] + args + [name + ".src.yaml", name + ".dst.yaml"])
            else:
                src, dst = (resolver.load_one(path[k], self.args.build_dir) for k in ("src", "dst"))
                if srctype:
                    answer = resolver.both(src, dst,
                                           resolver.load_one(path["srctype"], self.args.build_dir))
                else:
                    answer = resolver.check(src, dst)
        except (resolver.InputError, OSError, ValueError) as e:
            self.fail(name, str(e))
            return
        self.compare(name, expect, answer)
        forward = answer.get("forward", answer)
        if forward.get("verdict") == "compatible" or os.path.exists(path["instance"]):
            self.instance(name, path["instance"], forward.get("target_instance"))

    def instance(self, name, path, model):
        """NAME.instance.yaml: the licence line, then the canonical text of the target instance."""
        what = name + " target instance"
        try:
            if model is None:
                raise resolver.InputError("the pair is not compatible, yet %s exists"
                                          % os.path.basename(path))
            self.check_spdx(path)
            if self.args.impl == "c":
                with open(path, "rb") as f:
                    expected = f.read().split(b"\n", 1)[1]
                res = subprocess.run([os.path.join(os.path.abspath(self.args.build_dir),
                                                   "mdevdesc-compat"), "--emit-target",
                                      name + ".src.yaml", name + ".dst.yaml"],
                                     cwd=self.args.vectors, capture_output=True, check=False)
                if res.returncode != 0 or res.stdout != expected:
                    self.fail(what, "--emit-target exit %d, output differs from %s:\n%s"
                              % (res.returncode, os.path.basename(path),
                                 res.stdout.decode(errors="replace")[:400]))
                    return
                self.passed += 1
            else:
                self.compare(what, resolver.load_one(path, self.args.build_dir), model)
        except (resolver.InputError, OSError, ValueError, IndexError) as e:
            self.fail(what, str(e))

    # rank-NAME/ and baseline-NAME/: src.yaml or host.yaml, t1.yaml t2.yaml ..., expect.json
    def group(self, name, kind):
        d = os.path.join(self.args.vectors, name)
        first = "src.yaml" if kind == "rank" else "host.yaml"
        try:
            files = sorted(os.listdir(d))
            numbered = sorted((int(m.group(1)), f) for f in files
                              for m in [TARGET_FILE.match(f)] if m)
            if [n for n, _ in numbered] != list(range(1, len(numbered) + 1)):
                raise resolver.InputError("targets must be t1.yaml, t2.yaml, ... without gaps")
            stray = set(files) - {first, "expect.json"} - {f for _, f in numbered}
            if stray:
                raise resolver.InputError("unexpected files: " + " ".join(sorted(stray)))
            expect = self.read_expect(name, os.path.join(d, "expect.json"))
            for f in [first] + [f for _, f in numbered]:
                self.check_spdx(os.path.join(d, f))
            if self.args.impl == "c":
                answer = self.c_tool(d, ["--json", "--" + kind, first] + [f for _, f in numbered])
            else:
                head = resolver.load_one(os.path.join(d, first), self.args.build_dir)
                targets, names = resolver.load_targets(
                    [os.path.join(d, f) for _, f in numbered], self.args.build_dir)
                if kind == "rank":
                    answer = resolver.rank(head, targets, first, names)
                else:
                    answer = resolver.baseline(head, targets, first, names)
        except (resolver.InputError, OSError, ValueError) as e:
            self.fail(name, str(e))
            return
        self.compare(name, expect, answer)

    def run(self):
        d = self.args.vectors
        entries = sorted(os.listdir(d))
        pairs = []
        for e in entries:
            full = os.path.join(d, e)
            if os.path.isdir(full):
                kind = e.split("-")[0]
                if kind in ("rank", "baseline"):
                    self.group(e, kind)
                else:
                    self.fail(e, "a directory must be named rank-NAME or baseline-NAME")
            elif e.endswith(".src.yaml"):
                pairs.append(e[:-len(".src.yaml")])
            elif e.endswith((".dst.yaml", ".expect.json", ".srctype.yaml", ".instance.yaml")):
                stem = e.rsplit(".", 2)[0]
                if not os.path.exists(os.path.join(d, stem + ".src.yaml")):
                    self.fail(e, "no %s.src.yaml" % stem)
            elif e != "README.md":
                self.fail(e, "unexpected file")
        for name in pairs:
            self.pair(name)
        self.coverage()

    def coverage(self):
        with open(self.args.spec, encoding="utf-8") as f:
            defined = set(DEFINED_ID.findall(f.read()))
        for rule in sorted(r for r in defined if r.startswith("R-COMPAT-")):
            if rule not in self.rules:
                self.fail("coverage", "%s has no compat vector" % rule)
        for rule in sorted(self.rules - defined):
            self.fail("coverage", "%s is named by a vector but not defined by the spec" % rule)


def main(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--build-dir", default=os.path.join(REPO, "build"),
                   help="directory holding mdevdesc-fmt (default: %(default)s)")
    p.add_argument("--vectors", default=os.path.join(REPO, "tests", "vectors", "compat"),
                   help="the compat vector directory (default: %(default)s)")
    p.add_argument("--spec", default=os.path.join(REPO, "spec", "mdevdesc.md"),
                   help="the spec, for the rule IDs (default: %(default)s)")
    p.add_argument("-v", "--verbose", action="store_true", help="print passing vectors too")
    p.add_argument("--impl", choices=("reference", "c"), default="reference",
                   help="run the reference resolver or build/mdevdesc-compat (default: %(default)s)")
    args = p.parse_args(argv)
    run = Run(args)
    run.run()
    print("compat vectors (%s): %d passed, %d failed" % (args.impl, run.passed, run.failed))
    return 1 if run.failed or run.passed == 0 else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
