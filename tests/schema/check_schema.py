# SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
"""check_schema.py BUILD - the JSON Schemas of schema/ against the vectors.

schema/mdevdesc.schema.json must be valid draft-07, accept every document
of every valid vector as a YAML 1.2 language server loads it (ruamel.yaml),
and reject every invalid vector whose .expect says `schema: reject`.
schema/validate-output.schema.json must accept what `mdevdesc-validate
--json` prints for every vector and example.
"""
import glob
import json
import os
import subprocess
import sys

import jsonschema
from ruamel.yaml import YAML

BUILD = sys.argv[1] if len(sys.argv) > 1 else "build"
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def load_schema(name):
    with open(os.path.join(ROOT, "schema", name)) as f:
        schema = json.load(f)
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema)


def load_docs(path):
    with open(path, "rb") as f:
        data = f.read()
    text = data.decode("utf-8-sig")
    return [d for d in YAML(typ="safe", pure=True).load_all(text)]


def expect_says(path, word):
    base = path[:-len(".yaml")]
    try:
        with open(base + ".expect") as f:
            return any(line.strip() == word for line in f)
    except OSError:
        return False


def main():
    passed = failed = 0
    desc = load_schema("mdevdesc.schema.json")
    out = load_schema("validate-output.schema.json")
    valid = sorted(glob.glob(os.path.join(ROOT, "tests/vectors/valid/*.yaml")))
    valid += sorted(glob.glob(os.path.join(ROOT, "tests/vectors/invalid/*.twin.yaml")))
    valid += sorted(glob.glob(os.path.join(ROOT, "examples/*.yaml")))
    for path in valid:
        if expect_says(path, "schema: skip"):
            continue
        for doc in load_docs(path):
            errors = list(desc.iter_errors(doc))
            if errors:
                print("FAIL %s: the schema rejects a valid document: %s"
                      % (os.path.relpath(path, ROOT), errors[0].message))
                failed += 1
            else:
                passed += 1
    for path in sorted(glob.glob(os.path.join(ROOT, "tests/vectors/invalid/*.yaml"))):
        if path.endswith(".twin.yaml") or not expect_says(path, "schema: reject"):
            continue
        try:
            docs = load_docs(path)
        except Exception:
            passed += 1  # not even loadable as YAML: rejected
            continue
        if any(list(desc.iter_errors(d)) for d in docs) or not docs:
            passed += 1
        else:
            print("FAIL %s: marked schema: reject, but the schema accepts it"
                  % os.path.relpath(path, ROOT))
            failed += 1
    files = sorted(glob.glob(os.path.join(ROOT, "tests/vectors/*/*.yaml")))
    files += sorted(glob.glob(os.path.join(ROOT, "examples/*.yaml")))
    files += sorted(glob.glob(os.path.join(ROOT, "examples/broken/*.yaml")))
    files.append("/nonexistent/file.yaml")
    res = subprocess.run([os.path.join(BUILD, "mdevdesc-validate"), "--json"] + files,
                         capture_output=True, check=False)
    errors = list(out.iter_errors(json.loads(res.stdout)))
    if errors:
        print("FAIL validate --json output: %s" % errors[0].message)
        failed += 1
    else:
        passed += 1
    print("schema: %d passed, %d failed" % (passed, failed))
    return 1 if failed or not passed else 0


if __name__ == "__main__":
    sys.exit(main())
