# SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
"""check_compat_schema.py BUILD - schema/compat-output.schema.json against
what `mdevdesc-compat --json` prints.

The schema must be valid draft-07 and accept the tool's output for:
  - every pair of tests/vectors/compat/ (NAME.src.yaml NAME.dst.yaml), and
    the same pair with --both, and with --source-type NAME.srctype.yaml
    where the pair has one;
  - every rank-*/ case: --rank src.yaml t1.yaml t2.yaml ...;
  - every baseline-*/ case: --baseline host.yaml t1.yaml t2.yaml ...;
  - --matrix examples/*.yaml (from the top of the tree), whose matrix must
    also be N x N.
The tool runs from the directory of the case, so file names print as in the
vectors.  A generated pair with more reasons than a report lists checks
"reasons_omitted" in every form of answer.  Each expect.json, without its "rules", must be accepted too, and a
few altered answers must be rejected, so the schema is not vacuous.
Last line: "compat schema: N passed, M failed".
"""
import copy
import glob
import json
import os
import re
import subprocess
import sys
import tempfile

import jsonschema

BUILD = sys.argv[1] if len(sys.argv) > 1 else "build"
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BUILD = os.path.abspath(BUILD)
TOOL = os.path.join(BUILD, "mdevdesc-compat")
VECTORS = os.path.join(ROOT, "tests", "vectors", "compat")


class Counter:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def ok(self):
        self.passed += 1

    def fail(self, what, why):
        self.failed += 1
        print("FAIL %s: %s" % (what, why))


def numeric(names):
    """t1.yaml, t2.yaml, ..., t10.yaml in numeric order."""
    def key(n):
        m = re.match(r"t(\d+)\.yaml$", n)
        return (int(m.group(1)) if m else 1 << 30, n)
    return sorted(names, key=key)


def run(args, cwd):
    """The tool's JSON answer, or raise RuntimeError."""
    p = subprocess.run([TOOL, "--json"] + args, cwd=cwd, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, timeout=60)
    if p.returncode not in (0, 1):
        raise RuntimeError("exit %d: %s" % (p.returncode,
                                            p.stderr.decode("utf-8", "replace").strip()[:300]))
    try:
        return json.loads(p.stdout.decode("utf-8"))
    except ValueError as e:
        raise RuntimeError("stdout is not one JSON value: %s" % e)


def first_error(validator, doc):
    errors = sorted(validator.iter_errors(doc), key=lambda e: len(list(e.absolute_path)))
    if not errors:
        return None
    e = errors[0]
    best = jsonschema.exceptions.best_match(errors) or e
    return "at /%s: %s" % ("/".join(str(p) for p in best.absolute_path), best.message[:300])


def accept(c, validator, what, doc):
    err = first_error(validator, doc)
    if err:
        c.fail(what, "the schema rejects the output " + err)
        return False
    c.ok()
    return True


def tool_case(c, validator, what, args, cwd, extra=None):
    try:
        doc = run(args, cwd)
    except (RuntimeError, subprocess.TimeoutExpired) as e:
        c.fail(what, str(e))
        return None
    if accept(c, validator, what, doc) and extra:
        extra(doc)
    return doc


def altered(doc, change):
    """A copy of DOC, changed by CHANGE (a function of the copy)."""
    d = copy.deepcopy(doc)
    change(d)
    return d


def mutations(samples):
    """Altered answers the schema must reject: (what, doc)."""
    out = []
    check = samples.get("incompatible")
    if check:
        d = copy.deepcopy(check)
        d["reasons"][0]["code"] = "no-such-code"
        out.append(("an unknown reason code", d))
        d = copy.deepcopy(check)
        d["reasons"][0]["rule"] = "R-COMPAT-NOPE"
        out.append(("an unknown rule", d))
        d = copy.deepcopy(check)
        d["reasons"] = []
        out.append(("incompatible without reasons", d))
        d = copy.deepcopy(check)
        d["reasons"][0]["extra"] = 1
        out.append(("a reason with an extra member", d))
        d = copy.deepcopy(check)
        d["reasons_omitted"] = "3"
        out.append(("reasons_omitted as a string", d))
    comp = samples.get("compatible")
    if comp:
        d = copy.deepcopy(comp)
        d["configuration"] = None
        out.append(("compatible without a configuration", d))
        d = copy.deepcopy(comp)
        del d["configuration"]["defaults_applied"]
        out.append(("a configuration without defaults_applied", d))
        d = copy.deepcopy(comp)
        d["configuration"]["reversible"] = not d["configuration"]["reversible"]
        out.append(("reversible not matching the create_version form", d))
        d = copy.deepcopy(comp)
        d["configuration"]["features"]["caps"] = "0x00F"
        out.append(("a bitmap not in canonical text", d))
    miss = samples.get("feature-missing-bits")
    if miss:
        d = copy.deepcopy(miss)
        del d["reasons"][0]["missing_bits"]
        out.append(("feature-missing-bits without missing_bits", d))
    unk = samples.get("unknown-key")
    if unk:
        d = copy.deepcopy(unk)
        del d["reasons"][0]["side"]
        out.append(("unknown-key without side", d))
    matrix = samples.get("matrix")
    if matrix:
        d = copy.deepcopy(matrix)
        cell = d["matrix"][0][0]
        cell["class"] = "oneway" if cell["class"] == "compatible" else "compatible"
        out.append(("a matrix cell whose class contradicts its verdict", d))
    if comp:
        ti = [("a target instance with creates", lambda d: d["target_instance"].update(creates=["1.0"])),
              ("a target instance entry with a default", lambda d: d["target_instance"].update(
                  params={"p": {"value": 1, "default": 1}})),
              ("a target instance without a version", lambda d: d["target_instance"].pop("version"))]
        out += [(what, altered(comp, change)) for what, change in ti]
    if check and comp:
        out.append(("a target instance of an incompatible check",
                    altered(check, lambda d: d.update(target_instance=comp["target_instance"]))))
    both = samples.get("both")
    if both:
        out += [(what, altered(both, change)) for what, change in (
            ("--both, reversible known, without backward", lambda d: d.pop("backward")),
            ("--both, reversible contradicting the backward verdict",
             lambda d: d.update(reversible=not d["reversible"])),
            ("--both, reversible unknown with a backward check", lambda d: d.update(reversible=None)),
            ("--both, reversible as a string", lambda d: d.update(reversible="unknown")))]
    if samples.get("both unknown"):
        out.append(("--both without forward", altered(samples["both unknown"], lambda d: d.pop("forward"))))
    return out


def main():
    c = Counter()
    if not os.access(TOOL, os.X_OK):
        c.fail(TOOL, "not built")
        print("compat schema: %d passed, %d failed" % (c.passed, c.failed))
        return 1
    with open(os.path.join(ROOT, "schema", "compat-output.schema.json")) as f:
        schema = json.load(f)
    try:
        jsonschema.Draft7Validator.check_schema(schema)
        c.ok()
    except jsonschema.exceptions.SchemaError as e:
        c.fail("schema/compat-output.schema.json", "not a valid draft-07 schema: %s" % e.message)
        print("compat schema: %d passed, %d failed" % (c.passed, c.failed))
        return 1
    v = jsonschema.Draft7Validator(schema)
    samples = {}

    def keep(doc):
        if "verdict" in doc:
            samples.setdefault(doc["verdict"], doc)
            for r in doc["reasons"]:
                samples.setdefault(r["code"], doc)

    # Pairs, one way and both ways, and their expectations.
    pairs = sorted(p[:-len(".src.yaml")] for p in os.listdir(VECTORS) if p.endswith(".src.yaml"))
    if not pairs:
        c.fail(VECTORS, "no NAME.src.yaml vectors")
    for name in pairs:
        src, dst = name + ".src.yaml", name + ".dst.yaml"
        tool_case(c, v, "compat/" + name, [src, dst], VECTORS, keep)
        tool_case(c, v, "compat/%s --both" % name, ["--both", src, dst], VECTORS,
                  lambda d: samples.setdefault("both unknown", d))
        if os.path.exists(os.path.join(VECTORS, name + ".srctype.yaml")):
            tool_case(c, v, "compat/%s --both --source-type" % name,
                      ["--both", "--source-type", name + ".srctype.yaml", src, dst], VECTORS,
                      lambda d: d.get("backward") and samples.setdefault("both", d))

    # Rankings and baselines, each run from its own directory.
    for d in sorted(glob.glob(os.path.join(VECTORS, "rank-*"))):
        targets = numeric(n for n in os.listdir(d) if re.match(r"t\d+\.yaml$", n))
        tool_case(c, v, "compat/" + os.path.basename(d), ["--rank", "src.yaml"] + targets, d)
    for d in sorted(glob.glob(os.path.join(VECTORS, "baseline-*"))):
        targets = numeric(n for n in os.listdir(d) if re.match(r"t\d+\.yaml$", n))
        tool_case(c, v, "compat/" + os.path.basename(d), ["--baseline", "host.yaml"] + targets, d)

    # The matrix of the shipped examples.
    examples = sorted(os.path.relpath(p, ROOT) for p in glob.glob(os.path.join(ROOT, "examples", "*.yaml")))

    def square(doc):
        samples["matrix"] = doc
        n = len(doc["descriptors"])
        if len(doc["matrix"]) == n and all(len(row) == n for row in doc["matrix"]):
            c.ok()
        else:
            c.fail("--matrix examples/*.yaml", "the matrix is not %d x %d" % (n, n))

    tool_case(c, v, "--matrix examples/*.yaml", ["--matrix"] + examples, ROOT, square)

    # More reasons than a report holds inline: 70 params the target lacks, all listed.
    head = 'mdevdesc: "1.0"\nvendor: test\ntype: widget\ndevice_api: vfio-pci\nversion: 1.0.0\n'
    with tempfile.TemporaryDirectory() as tmp:
        with open(os.path.join(tmp, "many.yaml"), "w") as f:
            f.write(head + "params:\n" + "".join("  p%d: {value: %d}\n" % (i, i) for i in range(70)))
        with open(os.path.join(tmp, "none.yaml"), "w") as f:
            f.write(head)

        def omitted(doc):
            text = json.dumps(doc)
            if "reasons_omitted" not in text and all('"params.p%d"' % i in text for i in range(70)):
                c.ok()
            else:
                c.fail("70 reasons", "not all listed in %.200s" % text)

        for args in (["many.yaml", "none.yaml"], ["--both", "many.yaml", "none.yaml"],
                     ["--rank", "many.yaml", "none.yaml"], ["--baseline", "many.yaml", "none.yaml"],
                     ["--matrix", "many.yaml", "none.yaml"]):
            tool_case(c, v, "70 reasons: " + " ".join(args), args, tmp, omitted)

    # The expectations of the vectors are answers of the same form.
    for path in sorted(glob.glob(os.path.join(VECTORS, "*.expect.json"))
                       + glob.glob(os.path.join(VECTORS, "*", "expect.json"))):
        with open(path) as f:
            doc = json.load(f)
        doc.pop("rules", None)
        accept(c, v, os.path.relpath(path, ROOT), doc)

    # And it rejects what it should.
    for what, doc in mutations(samples):
        if v.is_valid(doc):
            c.fail("schema", "accepts " + what)
        else:
            c.ok()

    print("compat schema: %d passed, %d failed" % (c.passed, c.failed))
    return 1 if c.failed else 0


if __name__ == "__main__":
    sys.exit(main())
