# SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
"""check_scan_schema.py BUILD - schema/scan-output.schema.json against what
`mdevdesc-scan --json` prints.

The schema must be valid draft-07 (its diagnostics refer to those of
schema/validate-output.schema.json) and accept the tool's output for the
sample hosts of examples/hosts/, for the host of every discovery vector
(tests/vectors/discovery/) and for tests/hosts/hostile.host (as root), each
built whole.  A few altered outputs must be rejected, so that the schema is
not vacuous.  Last line: "scan schema: N passed, M failed".
"""
import copy
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile

import jsonschema

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BUILD = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "build")
sys.path.insert(0, os.path.join(ROOT, "tests", "hosts"))
import host  # noqa: E402  (tests/hosts/host.py)


def load(name):
    with open(os.path.join(ROOT, "schema", name)) as f:
        schema = json.load(f)
    jsonschema.Draft7Validator.check_schema(schema)
    return schema


def scan(root):
    r = subprocess.run([os.path.join(BUILD, "mdevdesc-scan"), "--root", root, "--json"],
                       stdout=subprocess.PIPE, check=False)
    if r.returncode not in (0, 1):
        raise SystemExit("mdevdesc-scan --root %s exited %d" % (root, r.returncode))
    return json.loads(r.stdout)


def outputs():
    """(name, output) of every host."""
    for d in sorted(glob.glob(os.path.join(ROOT, "examples", "hosts", "host-*"))):
        if os.path.isdir(d):
            yield os.path.relpath(d, ROOT), scan(d)
    hosts = sorted(glob.glob(os.path.join(ROOT, "tests", "vectors", "discovery", "*.host")))
    hosts.append(os.path.join(ROOT, "tests", "hosts", "hostile.host"))
    for path in hosts:
        if host.needs_root(path) and os.geteuid() != 0:
            continue
        tmp = tempfile.mkdtemp(prefix="mdevdesc-schema-")
        try:
            root = os.path.join(tmp, "root")
            os.mkdir(root)
            host.build(path, root, os.path.join(BUILD, "mdevdesc-fmt"))
            yield os.path.relpath(path, ROOT), scan(root)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)


def altered(out):
    """Outputs the schema must reject, made from a good one."""
    bad = []
    x = copy.deepcopy(out)
    del x["types"]
    bad.append(("no types", x))
    if out["types"]:
        x = copy.deepcopy(out)
        x["types"][0]["source"] = "proc"
        bad.append(("unknown source", x))
        x = copy.deepcopy(out)
        x["types"][0]["available_instances"] = "2"
        bad.append(("available_instances a string", x))
        x = copy.deepcopy(out)
        x["types"][0]["source"] = None
        bad.append(("no source but a descriptor", x))
    if out["instances"]:
        x = copy.deepcopy(out)
        x["instances"][0]["attrs"] = [["a", "b", "c"]]
        bad.append(("an attrs pair of three", x))
    x = copy.deepcopy(out)
    x["summary"]["extra"] = 1
    bad.append(("an unknown summary key", x))
    return bad


def main():
    validate = load("validate-output.schema.json")
    schema = load("scan-output.schema.json")
    try:  # jsonschema >= 4.18 resolves references through a registry
        from referencing import Registry, Resource
        registry = Registry().with_resource(validate["$id"], Resource.from_contents(validate))
        v = jsonschema.Draft7Validator(schema, registry=registry)
    except ImportError:  # Debian 12's 4.10
        resolver = jsonschema.RefResolver.from_schema(schema, store={validate["$id"]: validate})
        v = jsonschema.Draft7Validator(schema, resolver=resolver)
    passed = failed = 0
    sample = None
    for name, out in outputs():
        errors = list(v.iter_errors(out))
        if errors:
            print("FAIL %s: the schema rejects the output: %s at %s"
                  % (name, errors[0].message, list(errors[0].absolute_path)))
            failed += 1
        else:
            passed += 1
            if sample is None and out["types"] and out["instances"]:
                sample = out
    for what, out in altered(sample) if sample else []:
        if list(v.iter_errors(out)):
            passed += 1
        else:
            print("FAIL the schema accepts an output with %s" % what)
            failed += 1
    print("scan schema: %d passed, %d failed" % (passed, failed))
    return 1 if failed or not passed else 0


if __name__ == "__main__":
    sys.exit(main())
