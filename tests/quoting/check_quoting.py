# SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
"""check_quoting.py BUILD - the generated test of the quoting table (spec 4.4).

Scalars are drawn from every row of the table, from near-misses and from a
seeded random walk over the characters the rows are made of, and placed as
plain scalars in string fields and in a param value.  Whatever
mdevdesc-validate accepts must load, in PyYAML (YAML 1.1) and in
ruamel.yaml (YAML 1.2), as exactly the model mdevdesc-fmt --json prints,
types included.  Then every scalar is written through the canonical
emitter (from a quoted input) and must load back as the same string in both.
"""
import json
import random
import subprocess
import sys

import yaml
from ruamel.yaml import YAML

BUILD = sys.argv[1] if len(sys.argv) > 1 else "build"
SEED = 20261127

ROWS = [
    "~", "null", "Null", "NULL", "true", "True", "TRUE", "false", "FALSE",
    "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "on", "On", "ON",
    "off", "Off", "OFF", "0", "7", "-3", "+5", "010", "1_000", "0b101", "-0b1",
    "0x3f0f", "0X3F", "0o17", "0x_", "1:20", "-1:20:30", "190:20:30", "1.0", "1.10",
    ".5", "-.5", "+1.", "1e3", "1E+3", "-2e-2", "1_0.5", "1:20.5", ".inf", "-.Inf",
    "+.INF", ".nan", ".NaN", "2001-12-14", "2001-1-1", "2001-12-14t21:59:43.10-05:00",
    "<<", "=",
]
NEAR = [
    "2.3.1", "1.8.0..1.8.9", "0..2000", "yesno", "nope", "onoff", "0x", "0xg",
    ".", "+", "-", "..", "1.2.3", "8086:4941", "1:60", "1:2:3:4x", "2001-12", "200-12-14",
    "2001-12-14x", "truex", "Yes!", "NULLx", "~~", "<", "<<<", "==", "e3", "1e", "1e3x",
    ".infx", "inf", "nan", "._", "0b", "0o", "0b2", "0o8", "v1.0", "1.0a", "a1", "gold",
    "x-y", "-x", "+x", "1_", "_1", "0_", "1__0", "1.0.0.0", "00", "-0", "+0", "0.", "-.",
]
ALPHABET = "0123456789._-:+eExXobYNyn~ai"


def candidates():
    rnd = random.Random(SEED)
    seen = set()
    for s in ROWS + NEAR:
        if s not in seen:
            seen.add(s)
            yield s
    while len(seen) < 3000:
        s = "".join(rnd.choice(ALPHABET) for _ in range(rnd.randint(1, 7)))
        if s in seen or not plain_safe(s):
            continue
        seen.add(s)
        yield s


def plain_safe(s):
    """A plain scalar that stays one scalar where it is placed (spec 4.2)."""
    if s[0] in "-?:" and (len(s) == 1 or s[1] == " "):
        return False
    if s[0] in "[]{},#&*!|>'\"%@`":
        return False
    if s.startswith("---") or s.startswith("...") or s.endswith(":") or ": " in s:
        return False
    return True


def document(s):
    return ("mdevdesc: \"1.0\"\nvendor: test\ntype: t\ndevice_api: vfio-pci\n"
            "version: 1.0.0\nparams:\n  p:\n    value: %s\ndescription: %s\n" % (s, s))


def run(args, text):
    return subprocess.run(args, input=text.encode(), capture_output=True, check=False)


def load_each(make_loader, texts):
    """Each document loaded alone; an exception is kept as the result."""
    out = []
    load = make_loader()
    for t in texts:
        try:
            out.append(load(t))
        except Exception as e:  # a loader that cannot read it at all
            out.append(e)
            load = make_loader()  # ruamel.yaml keeps state after an error
    return out


def loaders(texts):
    return [("PyYAML", load_each(lambda: yaml.safe_load, texts)),
            ("ruamel.yaml", load_each(lambda: YAML(typ="safe", pure=True).load, texts))]


def expected_model(d):
    return {"mdevdesc": d["mdevdesc"], "vendor": d["vendor"], "type": d["type"],
            "device_api": d["device_api"], "version": d["version"],
            "params": {"p": {"value": d["params"]["p"]["value"]}},
            "description": d["description"]}


def main():
    cands = [s for s in candidates() if plain_safe(s)]
    text = "---\n".join(document(s) for s in cands)
    out = run([BUILD + "/mdevdesc-validate", "--json", "-"], text)
    report = json.loads(out.stdout)
    rejected = {d["document"] for d in report["files"][0]["diagnostics"]
                if d["severity"] == "error"}
    accepted = [i for i in range(len(cands)) if i not in rejected]
    passed = failed = 0

    # 1. What the validator accepts means the same to every loader.
    acc_text = "---\n".join(document(cands[i]) for i in accepted)
    fmt = run([BUILD + "/mdevdesc-fmt", "--json", "-"], acc_text)
    ours = [json.loads(line) for line in fmt.stdout.decode().splitlines()]
    if fmt.returncode != 0 or len(ours) != len(accepted):
        print("FAIL mdevdesc-fmt --json on the accepted documents: %s" % fmt.stderr.decode()[:500])
        failed += 1
    else:
        for name, docs in loaders([document(cands[i]) for i in accepted]):
            for k, d in enumerate(docs):
                if isinstance(d, Exception):
                    print("FAIL %r accepted, but %s fails on it: %s" % (cands[accepted[k]], name, d))
                    failed += 1
                    continue
                want = expected_model(d)
                got = dict(ours[k])
                got.pop("mdevdesc", None)
                want.pop("mdevdesc", None)
                if json.dumps(want, sort_keys=True) != json.dumps(got, sort_keys=True):
                    print("FAIL %r accepted, but %s reads %r (mdevdesc: %r)" % (
                        cands[accepted[k]], name, d["description"], ours[k].get("description")))
                    failed += 1
                else:
                    passed += 1

    # 2. The canonical emitter quotes exactly enough: every string loads back.
    quoted = "---\n".join(document('"%s"' % s) for s in cands)
    fmt = run([BUILD + "/mdevdesc-fmt", "-"], quoted)
    if fmt.returncode != 0:
        print("FAIL mdevdesc-fmt on quoted strings: %s" % fmt.stderr.decode()[:500])
        failed += 1
    else:
        canon = fmt.stdout.decode().split("---\n")
        for name, docs in loaders(canon):
            for k, d in enumerate(docs):
                if isinstance(d, Exception):
                    print("FAIL emitter: %r written so that %s fails: %s" % (cands[k], name, d))
                    failed += 1
                    continue
                for field in (d["description"], d["params"]["p"]["value"]):
                    if field != cands[k] or not isinstance(field, str):
                        print("FAIL emitter: %r written so that %s reads %r" % (cands[k], name, field))
                        failed += 1
                    else:
                        passed += 1
    print("quoting: %d scalars, %d accepted plain, %d rejected"
          % (len(cands), len(accepted), len(rejected)))
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed or not passed else 0


if __name__ == "__main__":
    sys.exit(main())
