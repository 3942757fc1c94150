# SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
"""Reference resolver for mdevdesc 1.0 compatibility (spec/mdevdesc.md, section 6).

An independent, deliberately plain implementation of check (6.1 to 6.6,
with the target instance), the way back (6.6), rank (6.7) and baseline
(6.8), used as the oracle for the compat vectors and for comparing the C
library against.  It reads descriptors as canonical JSON
models, the form `mdevdesc-fmt --json` prints (tests/vectors/README.md), and
answers in the result JSON of the compat vectors (tests/vectors/compat/).
Clarity comes before speed; only the Python standard library is used.

Module API (all on model dicts, one dict per document):

    check(src, dst)                         -> result dict
    both(src, dst, source_type=None)        -> {"forward", "reversible"[, "backward"]}
    satisfies(instance, type_)              -> bool (R-COMPAT-SATISFIES)
    rank(src, targets, source="", names=None)      -> ranking dict
    baseline(host, targets, host_name="", names=None) -> baseline dict
    load_models(path, build_dir=None)       -> list of model dicts

`names` is a list of (file, document) pairs, one per target, used in the
answers; it defaults to (None, index).  Input errors (R-COMPAT-INPUT) raise
InputError.

Command line:

    python3 resolver.py [--build-dir DIR] [--pretty] check SRC DST
    python3 resolver.py [--build-dir DIR] [--pretty] both SRC DST [SOURCE_TYPE]
    python3 resolver.py [--build-dir DIR] [--pretty] rank SRC TARGET...
    python3 resolver.py [--build-dir DIR] [--pretty] baseline HOST TARGET...

Each file holds model JSON lines, or is YAML (.yaml, .yml), which is
converted with DIR/mdevdesc-fmt --json (DIR defaults to build/ of the
repository holding this file).  SRC, DST and HOST must hold exactly one
document; every document of every TARGET file is a target.  Exit status:
check 0 compatible, 1 incompatible or undecidable; both 0 when compatible
and, given SOURCE_TYPE, reversible, else 1; rank 0; baseline 0, or 1 when
blocked; 2 on input or usage errors.
"""

import json
import os
import subprocess
import sys

# ----------------------------------------------------------------------------
# What format 1.0 defines (spec 5).  Anything else in a model is an unknown
# item (R-COMPAT-UNKNOWN); the parser puts unknown keys under "unknown".

DEVICE_APIS = ("vfio-pci", "vfio-platform", "vfio-amba", "vfio-ccw", "vfio-ap",
               "vfio-fsl-mc", "vfio-cdx")
RULES = ("superset", "equal")
SECTIONS = (("hw", "hw"), ("params", "param"))   # (model key, reason prefix)

# A PATCH greater than every number (the "∞" of spec 6.1).
PATCH_ANY = float("inf")

RULE_OF_CODE = {
    "identity-vendor": "R-COMPAT-IDENTITY",
    "identity-type": "R-COMPAT-IDENTITY",
    "identity-device-api": "R-COMPAT-IDENTITY",
    "version-not-accepted": "R-COMPAT-VERSION",
    "feature-missing-bits": "R-COMPAT-FEATURE-SUPERSET",
    "feature-not-equal": "R-COMPAT-FEATURE-EQUAL",
    "hw-missing-in-target": "R-COMPAT-ENTRY-MISSING",
    "hw-not-accepted": "R-COMPAT-ENTRY-ACCEPTS",
    "hw-no-default": "R-COMPAT-ENTRY-DEFAULT",
    "param-missing-in-target": "R-COMPAT-ENTRY-MISSING",
    "param-not-accepted": "R-COMPAT-ENTRY-ACCEPTS",
    "param-no-default": "R-COMPAT-ENTRY-DEFAULT",
    "unknown-key": "R-COMPAT-UNKNOWN",
    "unknown-enum": "R-COMPAT-UNKNOWN",
}


class InputError(Exception):
    """A descriptor the resolver cannot take as input (R-COMPAT-INPUT)."""


def reason(code, path, source, target, **extra):
    r = {"code": code, "rule": RULE_OF_CODE[code], "path": path,
         "source": source, "target": target}
    r.update(extra)
    return r


def byte_order(text):
    """Sort key: byte-wise order of the UTF-8 text (spec 6.1)."""
    return text.encode("utf-8")


# ----------------------------------------------------------------------------
# Input

def require_input(doc):
    """R-COMPAT-INPUT: a model of format MAJOR 1 (warnings allowed)."""
    if not isinstance(doc, dict):
        raise InputError("a descriptor model must be a JSON object")
    fmt = doc.get("mdevdesc", "")
    major = fmt.split(".")[0]
    if major != "1":
        raise InputError("format %s; this resolver reads 1.x" % fmt)
    for key in ("vendor", "type", "device_api", "version"):
        if not isinstance(doc.get(key), str):
            raise InputError("model lacks '%s'" % key)


# ----------------------------------------------------------------------------
# Versions (5.5, 6.3)

def parse_version(text):
    """'2.3.1' -> (2, 3, 1); '2.3' -> (2, 3)."""
    return tuple(int(part) for part in text.split("."))


def interval(entry):
    """R-COMPAT-VERSION-ENTRY: the [lo, hi] a version entry covers."""
    if ".." in entry:
        low, high = entry.split("..")
        return interval(low)[0], interval(high)[1]
    v = parse_version(entry)
    if len(v) == 3:
        return v, v
    return (v[0], v[1], 0), (v[0], v[1], PATCH_ANY)


def default_rule(v, dst_version):
    """Same MAJOR and MINOR not newer (PATCH ignored)."""
    return v[0] == dst_version[0] and v[1] <= dst_version[1]


def accepts_version(dst, v):
    if default_rule(v, parse_version(dst["version"])):
        return True
    for entry in dst.get("accepts", []):
        lo, hi = interval(entry)
        if lo <= v <= hi:
            return True
    return False


# ----------------------------------------------------------------------------
# Bitmaps (5.7)

def bits_value(text):
    return int(text, 16)          # accepts the "0x" prefix and either case


def canonical_bits(value):
    return "0x%x" % value


def bit_numbers(value):
    numbers, i = [], 0
    while value:
        if value & 1:
            numbers.append(i)
        value >>= 1
        i += 1
    return numbers


# ----------------------------------------------------------------------------
# Values of hw and params entries (4.5, 5.8, 6.5)

def is_int(v):
    return isinstance(v, int) and not isinstance(v, bool)


def is_str(v):
    return isinstance(v, str)


def is_range(v):
    return isinstance(v, dict) and "range" in v


def accepted_items(entry):
    return entry["accepts"] if "accepts" in entry else [entry["value"]]


def accepts_value(entry, v):
    """Typed: an integer never equals a string (R-COMPAT-ENTRY-ACCEPTS)."""
    for item in accepted_items(entry):
        if is_int(item) and is_int(v) and item == v:
            return True
        if is_str(item) and is_str(v) and item == v:
            return True
        if is_range(item) and is_int(v):
            low, high = item["range"]
            if low <= v <= high:
                return True
    return False


def accepts_or_value(entry):
    """The target value of a *-not-accepted reason."""
    return entry["accepts"] if "accepts" in entry else entry["value"]


# ----------------------------------------------------------------------------
# 6.1 Unknown items

def unknown_items(doc, side):
    """R-COMPAT-UNKNOWN: one reason per unknown key or enum value, by path."""
    found = []

    def enum(path, value):
        if side == "source":
            found.append(reason("unknown-enum", path, value, None, side=side))
        else:
            found.append(reason("unknown-enum", path, None, value, side=side))

    def keys(prefix, unknown):
        for key in unknown:
            found.append(reason("unknown-key", prefix + key, None, None, side=side))

    keys("", doc.get("unknown", {}))
    if doc["device_api"] not in DEVICE_APIS:
        enum("device_api", doc["device_api"])
    for name, entry in doc.get("features", {}).items():
        keys("features.%s." % name, entry.get("unknown", {}))
        if entry["rule"] not in RULES:
            enum("features.%s.rule" % name, entry["rule"])
    for section, _ in SECTIONS:
        for name, entry in doc.get(section, {}).items():
            keys("%s.%s." % (section, name), entry.get("unknown", {}))
    found.sort(key=lambda r: byte_order(r["path"]))
    return found


# ----------------------------------------------------------------------------
# 6.2 Identity

def identity(src, dst):
    r = []
    for key, code in (("vendor", "identity-vendor"), ("type", "identity-type"),
                      ("device_api", "identity-device-api")):
        if src[key] != dst[key]:
            r.append(reason(code, key, src[key], dst[key]))
    return r


# ----------------------------------------------------------------------------
# 6.3 Version

def version(src, dst):
    if accepts_version(dst, parse_version(src["version"])):
        return []
    return [reason("version-not-accepted", "version", src["version"],
                   {"version": dst["version"], "accepts": list(dst.get("accepts", []))})]


# ----------------------------------------------------------------------------
# 6.4 Feature bitmaps

def feature_names(*docs):
    names = set()
    for d in docs:
        names.update(d.get("features", {}))
    return sorted(names, key=byte_order)


def features(src, dst):
    r = []
    sf, df = src.get("features", {}), dst.get("features", {})
    for n in feature_names(src, dst):
        s = bits_value(sf[n]["bits"]) if n in sf else 0
        if n in df:
            d, rule = bits_value(df[n]["bits"]), df[n]["rule"]
        else:
            d, rule = 0, "superset"
        if rule not in RULES:
            continue                      # already an unknown item
        path = "features.%s.bits" % n
        if rule == "superset" and s & ~d:
            r.append(reason("feature-missing-bits", path, canonical_bits(s),
                            canonical_bits(d), missing_bits=bit_numbers(s & ~d)))
        if rule == "equal" and s != d:
            r.append(reason("feature-not-equal", path, canonical_bits(s), canonical_bits(d)))
    return r


# ----------------------------------------------------------------------------
# 6.5 Params and hw

def entries(section, prefix, src, dst):
    r = []
    se, de = src.get(section, {}), dst.get(section, {})
    for n in sorted(se, key=byte_order):
        if n not in de:
            r.append(reason(prefix + "-missing-in-target", "%s.%s" % (section, n),
                            se[n]["value"], None))
        elif not accepts_value(de[n], se[n]["value"]):
            r.append(reason(prefix + "-not-accepted", "%s.%s.value" % (section, n),
                            se[n]["value"], accepts_or_value(de[n])))
    for n in sorted(set(de) - set(se), key=byte_order):
        if "default" not in de[n]:
            r.append(reason(prefix + "-no-default", "%s.%s" % (section, n),
                            None, de[n]["value"]))
    return r


# ----------------------------------------------------------------------------
# 6.6 Target configuration, target instance and the way back

def creates_major_minor(dst, major, minor):
    """R-COMPAT-SAME-MINOR: DST creates MAJOR.MINOR."""
    for entry in [dst["version"]] + list(dst.get("creates", [])):
        v = parse_version(entry)
        if (v[0], v[1]) == (major, minor):
            return True
    return False


def configuration(src, dst):
    """R-COMPAT-CONFIG.  Same-minor is answered as "reversible", the member's
    former name (tests/vectors/compat/README.md)."""
    v = parse_version(src["version"])
    c = {"resume_version": src["version"]}
    if creates_major_minor(dst, v[0], v[1]):
        c["create_version"] = "%d.%d" % (v[0], v[1])
        c["reversible"] = True                  # same-minor
    else:
        c["create_version"] = dst["version"]
        c["reversible"] = False
    sf = src.get("features", {})
    c["features"] = {n: canonical_bits(bits_value(sf[n]["bits"]) if n in sf else 0)
                     for n in feature_names(src, dst)}
    defaults = 0
    for section, _ in SECTIONS:
        se, de = src.get(section, {}), dst.get(section, {})
        c[section] = {}
        for n in sorted(de, key=byte_order):
            if n in se:
                c[section][n] = {"value": se[n]["value"], "from": "source"}
            else:
                c[section][n] = {"value": de[n]["default"], "from": "default"}
                defaults += 1
    c["defaults_applied"] = defaults
    return c


def with_extensions(entry, base):
    """BASE, followed by the "extensions" of ENTRY when it has any."""
    if entry.get("extensions"):
        base["extensions"] = entry["extensions"]
    return base


def target_instance(src, dst, c):
    """R-COMPAT-TARGET-INSTANCE: the model of the device created on the target."""
    inst = {key: dst[key] for key in ("mdevdesc", "vendor", "type", "device_api")}
    inst["version"] = src["version"] if c["reversible"] else dst["version"]
    for section, _ in SECTIONS:
        if dst.get(section):
            inst[section] = {n: with_extensions(e, {"value": c[section][n]["value"]})
                             for n, e in sorted(dst[section].items(), key=lambda i: byte_order(i[0]))}
    if dst.get("features"):
        inst["features"] = {n: with_extensions(f, {"bits": c["features"][n], "rule": f["rule"]})
                            for n, f in sorted(dst["features"].items(),
                                               key=lambda i: byte_order(i[0]))}
    for key in ("mdev_type", "driver", "description", "extensions"):
        if key in dst:
            inst[key] = dst[key]
    # The model's keys in the canonical order of spec 5.
    order = ("mdevdesc", "vendor", "type", "device_api", "version", "hw", "features",
             "params", "mdev_type", "driver", "description", "extensions")
    return {key: inst[key] for key in order if key in inst}


# ----------------------------------------------------------------------------
# 6.1 check

def check(src, dst):
    """Can a device described by SRC migrate to one created from DST?"""
    require_input(src)
    require_input(dst)
    unknown = unknown_items(src, "source") + unknown_items(dst, "target")
    fail = identity(src, dst) + version(src, dst) + features(src, dst)
    for section, prefix in SECTIONS:
        fail += entries(section, prefix, src, dst)
    if fail:
        return {"verdict": "incompatible", "reasons": fail + unknown, "configuration": None}
    if unknown:
        return {"verdict": "undecidable", "reasons": unknown, "configuration": None}
    c = configuration(src, dst)
    return {"verdict": "compatible", "reasons": [], "configuration": c,
            "target_instance": target_instance(src, dst, c)}


def satisfies(instance, type_):
    """R-COMPAT-SATISFIES: compatible with the type, which creates its MAJOR.MINOR."""
    result = check(instance, type_)
    return result["verdict"] == "compatible" and result["configuration"]["reversible"]


def both(src, dst, source_type=None):
    """R-COMPAT-REVERSE: the forward check and the way back, the target
    instance checked against SOURCE_TYPE (the type SRC was created from);
    "reversible" is None when there is no target or no source type."""
    forward = check(src, dst)
    if forward["verdict"] != "compatible" or source_type is None:
        return {"forward": forward, "reversible": None}
    backward = check(forward["target_instance"], source_type)
    return {"forward": forward, "reversible": backward["verdict"] == "compatible",
            "backward": backward}


# ----------------------------------------------------------------------------
# 6.7 Ranking (R-COMPAT-RANK-ORDER)

def target_names(targets, names):
    if names is None:
        return [(None, i) for i in range(len(targets))]
    if len(names) != len(targets):
        raise ValueError("names and targets differ in length")
    return list(names)


def rank(src, targets, source="", names=None):
    """R-COMPAT-RANK-ORDER: compatible targets best first, the others after them."""
    names = target_names(targets, names)
    sv = parse_version(src["version"])
    ranked, unranked = [], []
    for position, (dst, (file, document)) in enumerate(zip(targets, names)):
        result = check(src, dst)
        if result["verdict"] != "compatible":
            unranked.append({"file": file, "document": document,
                             "verdict": result["verdict"], "reasons": result["reasons"]})
            continue
        c = result["configuration"]
        dv = parse_version(dst["version"])
        same_major = dv[0] == sv[0]
        key = (0 if c["reversible"] else 1,                 # 1. same-minor first
               c["defaults_applied"],                       # 2. fewer defaults
               0 if same_major else 1,                      # 3. same MAJOR first
               abs(dv[1] - sv[1]) if same_major else 0,     # 4. closer MINOR, same MAJOR
               (-dv[0], -dv[1], -dv[2]),                    # 5. newer version
               position)                                    # 6. input order
        ranked.append((key, {"file": file, "document": document,
                             "reversible": c["reversible"],
                             "defaults_applied": c["defaults_applied"],
                             "version": dst["version"]}))
    ranked.sort(key=lambda pair: pair[0])
    return {"source": source, "ranked": [entry for _, entry in ranked], "unranked": unranked}


# ----------------------------------------------------------------------------
# 6.8 Baseline

def smallest_accepted_from(entry, x):
    """The smallest integer >= x that entry accepts, or None."""
    best = None
    for item in accepted_items(entry):
        if is_int(item) and item >= x:
            y = item
        elif is_range(item) and item["range"][1] >= x:
            y = max(item["range"][0], x)
        else:
            continue
        if best is None or y < best:
            best = y
    return best


def first_in_range_accepted_by_all(low, high, holders):
    """The smallest integer of LOW..HIGH that every entry accepts, or None.

    Finds it without enumerating the range: move x up to the smallest value
    each entry accepts from x on, until all agree.  x only takes values of
    item bounds, so this ends."""
    x = low
    while x <= high:
        nxt = x
        for entry in holders:
            y = smallest_accepted_from(entry, x)
            if y is None:
                return None
            nxt = max(nxt, y)
        if nxt == x:
            return x
        x = nxt
    return None


def baseline_value(host_entry, holders):
    """First of [value] ++ expand(accepts) that every holder accepts."""
    prefs = [host_entry["value"]] + list(host_entry.get("accepts", []))
    for p in prefs:
        if is_range(p):
            v = first_in_range_accepted_by_all(p["range"][0], p["range"][1], holders)
            if v is not None:
                return True, v
        elif all(accepts_value(e, p) for e in holders):
            return True, p
    return False, None


def accepted_by_all(entry, docs):
    """Every doc accepts every version of the (non-range) entry."""
    e = parse_version(entry)
    lo, hi = interval(entry)
    for t in docs:
        if default_rule(e, parse_version(t["version"])):
            continue
        if any(interval(a)[0] <= lo and hi <= interval(a)[1] for a in t.get("accepts", [])):
            continue
        return False
    return True


def version_key(entry):
    """(M, m, p) with a two-part entry's p taken as unbounded."""
    return interval(entry)[1]


def baseline_of(host, targets):
    """Returns (reasons, B); B is meaningful only when reasons is empty."""
    S = [host] + targets
    fail = unknown_items(host, "source")
    for t in targets:
        fail += unknown_items(t, "target")
    for t in targets:
        fail += identity(host, t)
    B = {}

    candidates = [host["version"]] + list(host.get("creates", []))
    V = [e for e in candidates if accepted_by_all(e, S)]
    if not V:
        fail.append(reason("version-not-accepted", "version", candidates, None))
    else:
        B["version"] = max(V, key=version_key)    # max keeps the first of equals

    B["features"] = {}
    for n in feature_names(*S):
        constraints = []
        for t in S:
            f = t.get("features", {}).get(n)
            constraints.append((bits_value(f["bits"]), f["rule"]) if f else (0, "superset"))
        eq = []
        for d, rule in constraints:
            if rule == "equal" and d not in eq:
                eq.append(d)
        sup = [d for d, rule in constraints if rule == "superset"]
        path = "features.%s.bits" % n
        if len(eq) > 1:
            fail.append(reason("feature-not-equal", path,
                               canonical_bits(eq[0]), canonical_bits(eq[-1])))
        elif len(eq) == 1:
            b = eq[0]
            lacking = [d for d in sup if b & ~d]
            if lacking:
                d = lacking[0]
                fail.append(reason("feature-missing-bits", path, canonical_bits(b),
                                   canonical_bits(d), missing_bits=bit_numbers(b & ~d)))
            else:
                B["features"][n] = canonical_bits(b)
        elif sup:                                  # no rule unknown everywhere
            b = sup[0]
            for d in sup[1:]:
                b &= d
            B["features"][n] = canonical_bits(b)

    for section, prefix in SECTIONS:
        B[section] = {}
        he = host.get(section, {})
        for n in sorted(he, key=byte_order):
            for t in targets:
                if n not in t.get(section, {}):
                    fail.append(reason(prefix + "-missing-in-target", "%s.%s" % (section, n),
                                       he[n]["value"], None))
            holders = [t[section][n] for t in S if n in t.get(section, {})]
            ok, v = baseline_value(he[n], holders)
            if ok:
                B[section][n] = v
            else:
                fail.append(reason(prefix + "-not-accepted", "%s.%s.value" % (section, n),
                                   he[n]["value"], accepts_or_value(holders[-1])))
        for t in targets:
            te = t.get(section, {})
            for n in sorted(set(te) - set(he), key=byte_order):
                if "default" not in te[n]:
                    fail.append(reason(prefix + "-no-default", "%s.%s" % (section, n),
                                       None, te[n]["value"]))
    return fail, B


def baseline(host, targets, host_name="", names=None):
    """R-COMPAT-BASELINE / R-COMPAT-BASELINE-BLOCK."""
    require_input(host)
    for t in targets:
        require_input(t)
    names = target_names(targets, names)
    for k in range(len(targets) + 1):
        fail, B = baseline_of(host, targets[:k])
        if fail:
            if k == 0:
                file, document = host_name, None
            else:
                file, document = names[k - 1]
            return {"host": host_name,
                    "blocked": {"file": file, "document": document, "reasons": fail}}
    return {"host": host_name,
            "baseline": {"version": B["version"], "features": B["features"],
                         "hw": B["hw"], "params": B["params"]}}


# ----------------------------------------------------------------------------
# Files

def default_build_dir():
    return os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(
        os.path.abspath(__file__)))), "build")


def load_models(path, build_dir=None):
    """The models of one file: JSON lines, or YAML through mdevdesc-fmt --json."""
    if path.endswith((".yaml", ".yml")):
        fmt = os.path.join(build_dir or default_build_dir(), "mdevdesc-fmt")
        try:
            run = subprocess.run([fmt, "--json", path], stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE)
        except OSError as e:
            raise InputError("%s: cannot run %s: %s" % (path, fmt, e))
        if run.returncode != 0:
            raise InputError("%s: not a valid descriptor file:\n%s"
                             % (path, run.stderr.decode("utf-8", "replace")))
        text = run.stdout.decode("utf-8")
    else:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    models = [json.loads(line) for line in text.splitlines() if line.strip()]
    if not models:
        raise InputError("%s: no document" % path)
    return models


def load_one(path, build_dir=None):
    models = load_models(path, build_dir)
    if len(models) != 1:
        raise InputError("%s: holds %d documents; one is expected" % (path, len(models)))
    return models[0]


def load_targets(paths, build_dir=None):
    targets, names = [], []
    for path in paths:
        for i, m in enumerate(load_models(path, build_dir)):
            targets.append(m)
            names.append((os.path.basename(path), i))
    return targets, names


def main(argv):
    import argparse
    p = argparse.ArgumentParser(description="mdevdesc reference resolver (spec section 6)")
    p.add_argument("--build-dir", help="directory holding mdevdesc-fmt (default: %(default)s)",
                   default=default_build_dir())
    p.add_argument("--pretty", action="store_true", help="indent the JSON answer")
    p.add_argument("command", choices=("check", "both", "rank", "baseline"))
    p.add_argument("files", nargs="+")
    args = p.parse_args(argv)
    try:
        if args.command == "check":
            if len(args.files) != 2:
                p.error("check takes SRC DST")
            answer = check(load_one(args.files[0], args.build_dir),
                           load_one(args.files[1], args.build_dir))
            status = 0 if answer["verdict"] == "compatible" else 1
        elif args.command == "both":
            if len(args.files) not in (2, 3):
                p.error("both takes SRC DST [SOURCE_TYPE]")
            models = [load_one(f, args.build_dir) for f in args.files]
            answer = both(models[0], models[1], models[2] if len(models) == 3 else None)
            ok = answer["forward"]["verdict"] == "compatible" and answer["reversible"] is not False
            status = 0 if ok else 1
        elif args.command == "rank":
            targets, names = load_targets(args.files[1:], args.build_dir)
            answer = rank(load_one(args.files[0], args.build_dir), targets,
                          os.path.basename(args.files[0]), names)
            status = 0
        else:
            targets, names = load_targets(args.files[1:], args.build_dir)
            answer = baseline(load_one(args.files[0], args.build_dir), targets,
                              os.path.basename(args.files[0]), names)
            status = 1 if "blocked" in answer else 0
    except (InputError, OSError, ValueError) as e:
        print("resolver.py: %s" % e, file=sys.stderr)
        return 2
    print(json.dumps(answer, ensure_ascii=False, indent=1 if args.pretty else None))
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
