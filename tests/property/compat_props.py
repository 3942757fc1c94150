# SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
"""Property tests of compatibility resolution (spec/mdevdesc.md, section 6).

Generates random valid descriptors from a seed, writes them as YAML in many
textual forms (block and flow collections, shuffled keys, quoting styles,
comments, bitmap case and leading zeros, hex integers, CRLF, document
markers), and checks the C library, through mdevdesc-compat, against the
independent reference resolver (tests/reference/resolver.py).  The
reference reads the models the generator built, not what the C parser made
of the text, so the library is never its own oracle.

Properties, each counted separately:

  model      every rendering parses (mdevdesc-fmt --json) to the generated
             model, and validates with exactly the expected warnings
  agree      C and reference give the same result JSON for every pair
  reflexive  a descriptor without unknown items is compatible with itself
  format     re-rendering either side changes nothing in the result
  bits       adding bits to a superset bitmap of DST keeps compatibility
             (and never adds a reason)
  accepts    adding entries to DST's accepts (version or a hw/params entry)
             keeps compatibility (and never adds a reason)
  reasons    the reasons are exactly the failing rules, and the verdict
             follows from them
  config     the configured target is accepted by DST; a same-minor one
             ("reversible" in the JSON) is created at SRC's MAJOR.MINOR
  instance   the target instance of every compatible pair satisfies DST
             (the reference's check: compatible, same-minor) and has no
             accepts, creates or default; --emit-target prints it as text
             that validates and parses to the same model
  rank       --rank returns what checking every pair returns, in the
             reference's order
  baseline   C and reference agree on --baseline; a source made from a
             baseline is compatible with the host and every target

    python3 compat_props.py [--build-dir DIR] [--cases N] [--seed S]
                            [--keep DIR] [--jobs N] [--max-fail N]

--cases is the number of base pair checks (rounded up to whole groups); a
failure line names the seed, the case and a command that reproduces it on
the files written to --keep DIR (or to a kept temporary directory).  Ends
with `property tests: N passed, M failed`; exit status 1 when anything
failed or nothing ran.
"""

import argparse
import concurrent.futures
import copy
import json
import os
import random
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time

sys.dont_write_bytecode = True      # keep the source tree clean
REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(REPO, "tests", "reference"))
import resolver as ref  # noqa: E402

GROUP_SIZE = 8                      # descriptors per group; all ordered pairs are checked
PROPERTIES = ("model", "agree", "reflexive", "format", "bits", "accepts",
              "reasons", "config", "instance", "rank", "baseline")
UNKNOWN_CODES = ("unknown-key", "unknown-enum")

# ----------------------------------------------------------------------------
# Quoting (spec 4.2, 4.4, 4.5): when may a string be written as a plain scalar?

TABLE_ROWS = [
    r"|~|null|Null|NULL",                                                       # 1 null
    r"true|True|TRUE|false|False|FALSE",                                        # 2
    r"y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF",                       # 3
    r"[-+]?[0-9][0-9_]*|[-+][0-9_]+",                                           # 4 int
    r"[-+]?0[bB][01_]+|[-+]?0[xX][0-9a-fA-F_]+|[-+]?0[oO][0-7_]+",              # 5
    r"[-+]?[1-9][0-9_]*(:[0-5]?[0-9])+",                                        # 6
    r"[-+]?([0-9][0-9_]*)?\.[0-9_]*([eE][-+]?[0-9]+)?|[-+]?[0-9][0-9_]*[eE][-+]?[0-9]+",  # 7
    r"[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+\.[0-9_]*",                               # 8
    r"[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)",                                    # 9
    r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(([Tt]|[ ]+).*)?",                          # 10
    r"<<",                                                                      # 11
    r"=",                                                                       # 12
]
TABLE = [re.compile(r"(?:%s)\Z" % row) for row in TABLE_ROWS]
INDICATORS = set("-?:,[]{}#&*!|>'\"%@`")
FLOW_SPECIAL = set(",[]{}:?")


def table_row(text):
    """The first row of the quoting table that TEXT matches, or 0."""
    for number, pattern in enumerate(TABLE, 1):
        if pattern.match(text):
            return number
        if 4 <= number <= 9 and text[:1] in "0123456789+-" \
                and pattern.match(text.replace("_", "")):
            return number
    return 0


def plain_grammar_ok(text, flow):
    """TEXT can be written as a plain scalar (or key) of the grammar in this context."""
    if not text or text != text.strip(" ") or text[0] in INDICATORS:
        return False
    if any(ord(c) < 0x20 or c == "\x7f" for c in text):
        return False
    if ": " in text or " #" in text or text.endswith(":"):
        return False
    if flow and any(c in FLOW_SPECIAL for c in text):
        return False
    return True


def plain_ok(text, kind, flow):
    """May the string TEXT of position KIND be written plain and keep its meaning?

    kind: 'str' (string positions and keys), 'pstr' (a string value or
    default of a hw/params entry), 'pacc' (a string item of such an accepts),
    'untyped' (x- and newer-minor content)."""
    if not plain_grammar_ok(text, flow):
        return False
    if kind == "untyped":
        return table_row(text) not in (1, 11, 12)
    if table_row(text):
        return False
    if kind == "pacc" and ".." in text:
        return False                # a plain LOW..HIGH is a range, anything else an error
    return True


# ----------------------------------------------------------------------------
# Values, independent of the reference resolver

def is_int(v):
    return isinstance(v, int) and not isinstance(v, bool)


def accepts_value(entry, v):
    """A hw/params entry accepts V (typed; ranges inclusive)."""
    items = entry["accepts"] if "accepts" in entry else [entry["value"]]
    for item in items:
        if isinstance(item, dict):
            if is_int(v) and item["range"][0] <= v <= item["range"][1]:
                return True
        elif type(item) is type(v) and item == v:
            return True
    return False


def vtuple(text):
    return tuple(int(p) for p in text.split("."))


def bump(component, delta):
    """A version component moved by DELTA, inside 0..65535 (R-LIMIT-VERSION-COMPONENT)."""
    return min(65535, max(0, component + delta))


def vtext(t):
    return ".".join(str(p) for p in t)


def canonical_bits(value):
    return "0x%x" % value


def unknown_paths(model):
    """The unknown items of a model as (code, path), sorted by path."""
    out = [("unknown-key", k) for k in model.get("unknown", {})]
    if model["device_api"] not in ref.DEVICE_APIS:
        out.append(("unknown-enum", "device_api"))
    for name, e in model.get("features", {}).items():
        out += [("unknown-key", "features.%s.%s" % (name, k)) for k in e.get("unknown", {})]
        if e["rule"] not in ref.RULES:
            out.append(("unknown-enum", "features.%s.rule" % name))
    for section in ("hw", "params"):
        for name, e in model.get(section, {}).items():
            out += [("unknown-key", "%s.%s.%s" % (section, name, k)) for k in e.get("unknown", {})]
    return sorted(out, key=lambda cp: cp[1].encode())


def differences(expected, actual, path="$"):
    """Where two parsed JSON values differ, comparing types strictly (1 is not true)."""
    if json.dumps(expected, sort_keys=True) == json.dumps(actual, sort_keys=True):
        return []
    if type(expected) is not type(actual):
        return ["%s: expected %s, got %s" % (path, json.dumps(expected), json.dumps(actual))]
    if isinstance(expected, dict):
        out = []
        for k in expected:
            if k not in actual:
                out.append("%s.%s: missing" % (path, k))
            else:
                out += differences(expected[k], actual[k], "%s.%s" % (path, k))
        out += ["%s.%s: unexpected %s" % (path, k, json.dumps(actual[k]))
                for k in actual if k not in expected]
        return out
    if isinstance(expected, list):
        if len(expected) != len(actual):
            return ["%s: expected %s, got %s" % (path, json.dumps(expected), json.dumps(actual))]
        out = []
        for i, (e, a) in enumerate(zip(expected, actual)):
            out += differences(e, a, "%s[%d]" % (path, i))
        return out
    if expected != actual:
        return ["%s: expected %s, got %s" % (path, json.dumps(expected), json.dumps(actual))]
    return []


def without_carried(answer):
    """ANSWER without what the target instance carries from DST unchanged: its
    informational and x- keys, which R-COMPAT-IGNORED leaves out of verdicts,
    reasons and configurations, not out of the target instance."""
    inst = answer.get("target_instance") if isinstance(answer, dict) else None
    if not inst:
        return answer
    inst = copy.deepcopy(inst)
    for key in ("mdev_type", "driver", "description", "extensions"):
        inst.pop(key, None)
    for section in ("hw", "params", "features"):
        for e in inst.get(section, {}).values():
            e.pop("extensions", None)
    return dict(answer, target_instance=inst)


def omitted(answer):
    """A note when the tool cut a list of reasons short ("reasons_omitted" anywhere)."""
    cut = []

    def walk(v):
        if isinstance(v, dict):
            if "reasons_omitted" in v:
                cut.append((len(v.get("reasons", [])), v["reasons_omitted"]))
            for x in v.values():
                walk(x)
        elif isinstance(v, list):
            for x in v:
                walk(x)
    walk(answer)
    if not cut:
        return []
    return ["%d list(s) of reasons cut short (first: %d listed, %s omitted); R-COMPAT-REPORT "
            "requires every reason" % (len(cut), cut[0][0], cut[0][1])]


# ----------------------------------------------------------------------------
# The generator: models (the dicts of `mdevdesc-fmt --json`) from a seed

TYPES = ["widget", "gadget", "qat-sym", "vf.2", "1.5", "a_b-c"]
OTHER_APIS = ["vfio-ccw", "vfio-ap", "vfio-platform", "vfio-cdx"]
NEW_APIS = ["vfio-cxl", "vfio-next"]
NEW_RULES = ["intersect", "mask"]
MINORS = [0, 1, 2, 3, 9, 10]
LONG = "l" + "o" * 125 + "ng"         # 128 bytes: R-LIMIT-KEY-LENGTH
FEATURE_NAMES = ["caps", "svcmap", "wide", "f2", "f_2", "on", "zz_bits", LONG[:-1]]
FEATURE_WIDTHS = [3, 8, 16, 63, 64, 65, 100, 128, 130, 257, 4096]
# Free names: the registered ones (spec 5.6) warn about values of another
# type or form, and the generator draws values of every type.
HW_NAMES = ["dev_id", "revision", "subsys", LONG]
PARAM_NAMES = ["aggregation", "rate_limit", "qos_class", "pv_mode", "ports", "y", "null",
               "mode_2", "mode2", "modea", LONG]
INT_SETS = [[1, 2, 4, 8], [0, 1], [-3, 0, 7, 100], [16, 255, 4096],
            [2 ** 40, -2 ** 63, 2 ** 63 - 1, 0]]
STR_SETS = [["gold", "silver", "bronze", "Gold"], ["on", "off", "yes"],
            ["8086:4941", "8086:4943", "1:20"], ["0..5", "a b", "x#y", "fast-path"],
            ["2001-12-14", "1.10", "0x1f", "~"], ["\u00fcber", "caf\u00e9", "it's", 'say "hi"']]
MIXED_SETS = [[4, "4", 8, "8"], [0, "0", "zero"], [1, "1.0", -1]]
RANGE_SETS = [([0, 1500, 2000, 2001, -1], [(0, 2000), (1000, 3000), (-5, 5)]),
              ([1, 64, 65, 1024], [(1, 64), (64, 1024), (2, 2)]),
              ([-2 ** 63, 0, 2 ** 63 - 1], [(-2 ** 63, -1), (0, 2 ** 63 - 1)])]
UNTYPED = ["1", "30", "on", "4.26.0", "fast", "0x1f", "a b", "yes", "1.0", "=x", "\u00e9t\u00e9"]
UNKNOWN_TOP = ["migration_window", "zz_limit", "aa_first", "features-x", "value", "bits", LONG]
UNKNOWN_ENTRY = ["burst", "mask", "zeta", "rule", "accepts2", "k" + LONG[1:]]
UNKNOWN_FEATURE = ["mask", "width", "value", "accepts", "k" + LONG[1:]]
INFO = {"mdev_type": ["qat_4xxxvf-sym", "i915-GVTg_V5_4", "nvidia-35"],
        "driver": ["qat_4xxx", "qat_c62x", "i915"],
        "description": ["Symmetric crypto VF slice", "half: a slice", "50% #1", "caf\u00e9 card"]}


def untyped(rng, depth=0):
    r = rng.random()
    if depth < 2 and r < 0.2:
        return [untyped(rng, depth + 1) for _ in range(rng.randint(1, 3))]
    if depth < 2 and r < 0.35:
        keys = rng.sample(["a", "deep", "k-1", "n"], rng.randint(1, 3))
        return {k: untyped(rng, depth + 1) for k in keys}
    return rng.choice(UNTYPED)


def extensions(rng, probability):
    if rng.random() >= probability:
        return {}
    names = rng.sample(["x-test-fw", "x-intel-n", "x-test-a", "x-z"], rng.randint(1, 2))
    return {n: untyped(rng) for n in sorted(names)}


def random_version(rng, major):
    if rng.random() < 0.15:
        major = max(0, major + rng.choice([-1, 1]))
    if rng.random() < 0.03:
        return (major, rng.choice([0, 65535]), 65535)       # R-LIMIT-VERSION-COMPONENT
    return (major, rng.choice(MINORS), rng.choice([0, 0, 1, 2, 10]))


def version_entry(rng, major, ranged):
    """An accepts (ranged) or creates entry near MAJOR, as text."""
    def part():
        v = random_version(rng, major)
        return v if rng.random() < 0.5 else v[:2]
    if ranged and rng.random() < 0.4:
        a, b = part(), part()
        if ref.interval(vtext(a))[0] > ref.interval(vtext(b))[1]:
            a, b = b, a
        if ref.interval(vtext(a))[0] > ref.interval(vtext(b))[1]:
            a = b[:2]                           # R-VERSION-RANGE: LOW <= HIGH
        return vtext(a) + ".." + vtext(b)
    return vtext(part())


class Template:
    """What the descriptors of one group share, so pairs are interesting."""

    def __init__(self, rng, large=False):
        self.vendor = rng.choice(["test", "test", "test", "intel"])
        self.type = rng.choice(TYPES)
        self.device_api = "vfio-pci" if rng.random() < 0.8 else rng.choice(OTHER_APIS)
        self.major = rng.choice([1, 2, 2, 3])
        feature_names = rng.sample(FEATURE_NAMES, rng.choice([0, 1, 1, 2, 2, 3]))
        hw_names = rng.sample(HW_NAMES, rng.choice([0, 0, 1, 2]))
        param_names = rng.sample(PARAM_NAMES, rng.choice([0, 1, 2, 3, 4]))
        if large:                   # enough entries for well over 64 reasons at once
            feature_names += ["f%03d" % i for i in range(rng.randint(10, 40))]
            hw_names += ["h%03d" % i for i in range(rng.randint(5, 20))]
            param_names += ["p%03d" % i for i in range(rng.randint(20, 80))]
        self.features = {}
        for name in feature_names:
            width = rng.choice(FEATURE_WIDTHS)
            self.features[name] = (width, rng.getrandbits(width) | 1 << (width - 1))
        self.hw = {n: self.domain(rng) for n in hw_names}
        self.params = {n: self.domain(rng) for n in param_names}

    @staticmethod
    def domain(rng):
        """(candidate values, candidate range items) of one entry."""
        kind = rng.random()
        if kind < 0.3:
            return rng.choice(INT_SETS), []
        if kind < 0.6:
            return rng.choice(STR_SETS), []
        if kind < 0.75:
            return rng.choice(MIXED_SETS), []
        values, ranges = rng.choice(RANGE_SETS)
        return values, [{"range": list(r)} for r in ranges]


def gen_entry(rng, domain):
    values, ranges = domain
    e = {"value": rng.choice(values)}
    if rng.random() < 0.6:
        pool = values + ranges
        items = rng.sample(pool, rng.randint(1, min(3, len(pool))))
        if not accepts_value({"accepts": items}, e["value"]):
            items.insert(rng.randint(0, len(items)), e["value"])
        e["accepts"] = items
        if rng.random() < 0.4:
            candidates = [v for v in values if accepts_value(e, v)]
            candidates += [r["range"][1] for r in items if isinstance(r, dict)]
            e["default"] = rng.choice(candidates)
    elif rng.random() < 0.25:
        e["default"] = e["value"]
    return e


def random_mask(rng, width, ones):
    """WIDTH random bits, each set with probability 2**-ONES (ONES > 0), or none."""
    mask = (1 << width) - 1
    for _ in range(ones):
        mask &= rng.getrandbits(width)
    return mask


def gen_bits(rng, width, base):
    """Mostly the template's bits, some dropped, a few added."""
    drop = rng.choice([0, 0, 4, 2])            # drop each bit with probability 0, 1/16, 1/4
    bits = base & ~random_mask(rng, width, drop) if drop else base
    bits |= random_mask(rng, width, 6)
    return 0 if rng.random() < 0.08 else bits


def gen_member(rng, t):
    """One descriptor of template T (a model dict, keys in canonical order)."""
    m = {"mdevdesc": "1.0", "vendor": t.vendor, "type": t.type, "device_api": t.device_api}
    newer = rng.random() < 0.15
    if newer:
        m["mdevdesc"] = rng.choice(["1.1", "1.2", "1.10"])
    r = rng.random()
    if r < 0.03:
        m["vendor"] = "intel" if t.vendor == "test" else "test"
    elif r < 0.06:
        m["type"] = rng.choice([x for x in TYPES if x != t.type])
    elif r < 0.08:
        m["device_api"] = rng.choice([x for x in OTHER_APIS + ["vfio-pci"] if x != t.device_api])
    v = random_version(rng, t.major)
    m["version"] = vtext(v)
    if rng.random() < 0.35:
        m["accepts"] = [version_entry(rng, t.major, True) for _ in range(rng.randint(1, 3))]
    if rng.random() < 0.5:
        creates = []
        for minor in sorted(rng.sample(range(v[1] + 1), min(v[1] + 1, rng.randint(1, 3)))):
            c = min((v[0], minor, rng.randint(0, 3)), v)
            creates.append(vtext(c if rng.random() < 0.5 else c[:2]))
        m["creates"] = creates
    for section, domains, p in (("hw", t.hw, 0.9), ("params", t.params, 0.8)):
        entries = {}
        for name in sorted(domains):
            if rng.random() < p:
                e = gen_entry(rng, domains[name])
                ext = extensions(rng, 0.08)
                if ext:
                    e["extensions"] = ext
                entries[name] = e
        if entries:
            m[section] = entries
    features = {}
    for name in sorted(t.features):
        if rng.random() < 0.8:
            width, base = t.features[name]
            f = {"bits": canonical_bits(gen_bits(rng, width, base)),
                 "rule": "superset" if rng.random() < 0.85 else "equal"}
            ext = extensions(rng, 0.08)
            if ext:
                f["extensions"] = ext
            features[name] = f
    if features:
        m["features"] = features
    for key, texts in INFO.items():
        if rng.random() < 0.25:
            m[key] = rng.choice(texts)
    ext = extensions(rng, 0.2)
    if ext:
        m["extensions"] = ext
    if newer and rng.random() < 0.75:
        add_unknown(rng, m)
    return order_model(m)


def perturb(rng, base, t):
    """A descriptor close to BASE: one to three small changes, kept valid."""
    m = copy.deepcopy(base)
    for _ in range(rng.randint(1, 3)):
        r = rng.random()
        if r < 0.25:
            v = vtuple(m["version"])
            w = rng.random()
            if w < 0.45:
                v = (v[0], bump(v[1], rng.choice([-1, 1, 1, 2])), rng.randint(0, 2))
            elif w < 0.9:
                v = (v[0], v[1], rng.choice([0, 1, 2, 10]))
            else:
                v = (bump(v[0], rng.choice([-1, 1])), rng.choice(MINORS), 0)
            m["version"] = vtext(v)
        elif r < 0.33:
            if m.get("accepts") and rng.random() < 0.4:
                del m["accepts"]
            else:
                m["accepts"] = m.get("accepts", []) + [version_entry(rng, t.major, True)]
        elif r < 0.41:
            if m.get("creates") and rng.random() < 0.4:
                del m["creates"]
            else:
                v = vtuple(m["version"])
                c = (v[0], rng.randint(0, v[1]), rng.randint(0, 2))
                m["creates"] = m.get("creates", []) + [vtext(c if rng.random() < 0.5 else c[:2])]
        elif r < 0.6 and t.features:
            name = rng.choice(sorted(t.features))
            width, tbits = t.features[name]
            f = m.setdefault("features", {}).get(name)
            w = rng.random()
            if f is None:
                m["features"][name] = {"bits": canonical_bits(gen_bits(rng, width, tbits)),
                                       "rule": "superset"}
            elif w < 0.35:
                f["bits"] = canonical_bits(int(f["bits"], 16) | 1 << rng.randrange(width + 70))
            elif w < 0.7:
                value = int(f["bits"], 16)
                if value:
                    f["bits"] = canonical_bits(value & ~(1 << rng.choice(ref.bit_numbers(value))))
            elif w < 0.85 and f["rule"] in ref.RULES:
                f["rule"] = "equal" if f["rule"] == "superset" else "superset"
            else:
                del m["features"][name]
        elif r < 0.92 and (t.hw or t.params):
            section = rng.choice([s for s, d in (("hw", t.hw), ("params", t.params)) if d])
            domains = t.hw if section == "hw" else t.params
            name = rng.choice(sorted(domains))
            values, ranges = domains[name]
            entries = m.setdefault(section, {})
            e = entries.get(name)
            w = rng.random()
            if e is None:
                entries[name] = gen_entry(rng, domains[name])
            elif w < 0.3:
                e["value"] = rng.choice(values)
            elif w < 0.55:
                e["accepts"] = e.get("accepts", [e["value"]]) + rng.sample(
                    values + ranges, rng.randint(1, min(2, len(values + ranges))))
            elif w < 0.7 and "accepts" in e:
                e["accepts"] = e["accepts"][:-1] or [e["value"]]
            elif w < 0.85:
                if "default" in e:
                    del e["default"]
                else:
                    e["default"] = rng.choice(values)
            else:
                del entries[name]
        else:
            m["description"] = rng.choice(INFO["description"])
            m["extensions"] = extensions(rng, 1.0)
    return repair(m)


def repair(m):
    """Restore the validity rules a perturbation may break (R-PARAM-SELF, R-CREATES-NOT-NEWER)."""
    v = vtuple(m["version"])
    if "creates" in m:
        m["creates"] = [c for c in m["creates"]
                        if (vtuple(c)[:2] <= v[:2] if len(vtuple(c)) == 2 else vtuple(c) <= v)]
        if not m["creates"]:
            del m["creates"]
    for section in ("hw", "params", "features"):
        if section in m and not m[section]:
            del m[section]
    for section in ("hw", "params"):
        for e in m.get(section, {}).values():
            if "accepts" in e and not accepts_value(e, e["value"]):
                e["accepts"].append(e["value"])
            if "default" in e and not accepts_value(e, e["default"]):
                del e["default"]
    return order_model(m)


def gen_group(rng, t, size):
    """SIZE descriptors of template T: a few unrelated, most close to a common base."""
    base = gen_member(rng, t)
    members = []
    for _ in range(size):
        if rng.random() < 0.3:
            members.append(gen_member(rng, t))
        else:
            members.append(perturb(rng, base, t))
    return members


def add_unknown(rng, m):
    """Give a newer-minor model one to three unknown items."""
    for _ in range(rng.randint(1, 3)):
        r = rng.random()
        if r < 0.4:
            m.setdefault("unknown", {})[rng.choice(UNKNOWN_TOP)] = untyped(rng)
        elif r < 0.6 and (m.get("hw") or m.get("params")):
            section = rng.choice([s for s in ("hw", "params") if m.get(s)])
            e = m[section][rng.choice(sorted(m[section]))]
            e.setdefault("unknown", {})[rng.choice(UNKNOWN_ENTRY)] = untyped(rng)
        elif r < 0.75 and m.get("features"):
            f = m["features"][rng.choice(sorted(m["features"]))]
            f.setdefault("unknown", {})[rng.choice(UNKNOWN_FEATURE)] = untyped(rng)
        elif r < 0.9 and m.get("features"):
            m["features"][rng.choice(sorted(m["features"]))]["rule"] = rng.choice(NEW_RULES)
        elif r < 0.93:
            m["device_api"] = rng.choice(NEW_APIS)
        else:
            m.setdefault("unknown", {})["zz_limit"] = untyped(rng)
    for section in ("hw", "params", "features"):
        for e in m.get(section, {}).values():
            if "unknown" in e:
                e["unknown"] = dict(sorted(e["unknown"].items()))
    if "unknown" in m:
        m["unknown"] = dict(sorted(m["unknown"].items(), key=lambda kv: kv[0].encode()))


CANONICAL_KEYS = ["mdevdesc", "vendor", "type", "device_api", "version", "accepts", "creates",
                  "hw", "features", "params", "mdev_type", "driver", "description",
                  "extensions", "unknown"]


def order_model(m):
    out = {k: m[k] for k in CANONICAL_KEYS if k in m}
    for section in ("hw", "features", "params"):
        if section in out:
            out[section] = dict(sorted(out[section].items(), key=lambda kv: kv[0].encode()))
    return out


def vary_ignored(rng, m):
    """M with its informational and x- keys changed (R-COMPAT-IGNORED)."""
    v = copy.deepcopy(m)
    if rng.random() < 0.5:
        return v
    for key, texts in INFO.items():
        if rng.random() < 0.3:
            v.pop(key, None)
        elif rng.random() < 0.3:
            v[key] = rng.choice(texts)
    for e in [v] + [e for s in ("hw", "params", "features") for e in v.get(s, {}).values()]:
        if rng.random() < 0.3:
            e.pop("extensions", None)
            ext = extensions(rng, 0.5)
            if ext:
                e["extensions"] = ext
    return order_model(v)


def has_unknown(m):
    return bool(unknown_paths(m))


# ----------------------------------------------------------------------------
# Mutations that may only widen what DST accepts (properties bits and accepts)

def add_bits(rng, dst, src):
    """DST with bits added to a superset bitmap (possibly a new one)."""
    d = copy.deepcopy(dst)
    features = d.setdefault("features", {})
    names = [n for n, f in features.items() if f["rule"] == "superset"]
    names += [n for n in src.get("features", {}) if n not in features]
    if not names or rng.random() < 0.15:
        names.append(rng.choice(FEATURE_NAMES))
    name = rng.choice(names)
    f = features.setdefault(name, {"bits": "0x0", "rule": "superset"})
    if f["rule"] != "superset":
        name = "zz_new"
        f = features.setdefault(name, {"bits": "0x0", "rule": "superset"})
    value = int(f["bits"], 16)
    srcf = src.get("features", {}).get(name)
    if srcf and rng.random() < 0.6:
        value |= int(srcf["bits"], 16)            # often exactly what was missing
    for _ in range(rng.randint(1, 4)):
        value |= 1 << rng.choice([0, 1, 5, 63, 64, 65, 127, 128, rng.randrange(300)])
    f["bits"] = canonical_bits(value)
    return order_model(d)


def add_accepts(rng, dst, src, template):
    """DST with entries added to its version accepts or an entry's accepts."""
    d = copy.deepcopy(dst)
    holders = [(s, n) for s in ("hw", "params") for n in d.get(s, {})]
    if holders and rng.random() < 0.6:
        section, name = rng.choice(holders)
        e = d[section][name]
        domains = template.hw if section == "hw" else template.params
        values, ranges = domains.get(name, ([e["value"]], []))
        extra = rng.sample(values + ranges, rng.randint(1, min(2, len(values + ranges))))
        srce = src.get(section, {}).get(name)
        if srce and rng.random() < 0.5:
            extra.append(srce["value"])
        if is_int(e["value"]) and rng.random() < 0.2:
            extra.append({"range": [e["value"] - 10, e["value"]]} if e["value"] > -2 ** 63 + 10
                         else {"range": [e["value"], e["value"] + 1]})
        e["accepts"] = list(e.get("accepts", [e["value"]])) + extra
    else:
        extra = [version_entry(rng, vtuple(src["version"])[0], True)
                 for _ in range(rng.randint(1, 2))]
        if rng.random() < 0.4:
            sv = vtuple(src["version"])
            extra.append(vtext(sv) if rng.random() < 0.5 else vtext(sv[:2]))
        d["accepts"] = list(d.get("accepts", [])) + extra
    return order_model(d)


# ----------------------------------------------------------------------------
# Baseline sets: a host and targets derived from it

def derive_target(rng, host, template):
    """A target type for HOST: mostly HOST widened a little, sometimes not."""
    if rng.random() < 0.08:
        return gen_member(rng, template)
    t = copy.deepcopy(host)
    t.pop("unknown", None)
    if rng.random() < 0.7:
        t["mdevdesc"] = "1.0"
    v = vtuple(t["version"])
    if rng.random() < 0.5:
        t["version"] = vtext((v[0], bump(v[1], rng.choice([0, 1, 2])), rng.randint(0, 3)))
    if rng.random() < 0.2:
        t["accepts"] = [version_entry(rng, v[0], True)]
    for f in t.get("features", {}).values():
        f.pop("unknown", None)
        if f["rule"] not in ref.RULES:
            f["rule"] = "superset"
        value = int(f["bits"], 16)
        if f["rule"] == "superset":
            value |= rng.getrandbits(70) if rng.random() < 0.5 else 0
            if rng.random() < 0.1:
                value &= ~(1 << rng.randrange(max(1, value.bit_length())))
        elif rng.random() < 0.1:
            value ^= 1
        f["bits"] = canonical_bits(value)
    for section in ("hw", "params"):
        entries = t.get(section, {})
        domains = template.hw if section == "hw" else template.params
        for name in list(entries):
            entries[name].pop("unknown", None)
            if rng.random() < 0.03:
                del entries[name]
            elif rng.random() < 0.2 and name in domains:
                value = entries[name]["value"]
                entries[name] = gen_entry(rng, domains[name])
                if "accepts" in entries[name] and rng.random() < 0.5:
                    entries[name]["accepts"].append(value)
            elif rng.random() < 0.3 and "accepts" in entries[name] and name in domains:
                values, ranges = domains[name]
                entries[name]["accepts"] = entries[name]["accepts"] + [rng.choice(values + ranges)]
        if rng.random() < 0.1:
            e = {"value": rng.choice(INT_SETS[0])}
            if rng.random() < 0.85:
                e["default"] = e["value"]
            entries["extra_%d" % rng.randint(0, 2)] = e
        if entries:
            t[section] = entries
        else:
            t.pop(section, None)
    if t["device_api"] not in ref.DEVICE_APIS:
        t["device_api"] = "vfio-pci"
    return repair(t)


def baseline_sources(host, b):
    """Sources with HOST's identity running the baseline B (spec 6.8): B's bits
    and values, at a version inside B's version entry (PATCH 0 and 65535 for a
    two-part entry)."""
    versions = [b["version"]] if len(vtuple(b["version"])) == 3 else \
        [b["version"] + ".0", b["version"] + ".65535"]
    out = []
    for v in versions:
        vtuple(v)                               # a malformed version raises
        m = {"mdevdesc": "1.0", "vendor": host["vendor"], "type": host["type"],
             "device_api": host["device_api"], "version": v}
        for section in ("hw", "params"):
            if b[section]:
                m[section] = {n: {"value": val} for n, val in b[section].items()}
        if b["features"]:
            m["features"] = {n: {"bits": bits, "rule": "superset"}
                             for n, bits in b["features"].items()}
        out.append(order_model(m))
    return out


# ----------------------------------------------------------------------------
# The renderer: one model, many texts

class Renderer:
    """Writes a model as YAML; the style is drawn from RNG per document."""

    def __init__(self, rng):
        self.rng = rng

    # Scalars ---------------------------------------------------------------

    def quoted(self, text):
        """TEXT single- or double-quoted; escapes only where the written form
        stays within R-LIMIT-KEY-LENGTH."""
        rng = self.rng
        escapes = len(text.encode()) < 100
        if "'" not in text and rng.random() < 0.45:
            return "'" + text + "'"
        if rng.random() < 0.3 and "'" in text:
            return "'" + text.replace("'", "''") + "'"
        out = []
        for c in text:
            if c == '"':
                out.append('\\"')
            elif c == "\\":
                out.append("\\\\")
            elif c == "/" and escapes and rng.random() < 0.5:
                out.append("\\/")
            elif c.isalpha() and c.isascii() and escapes and rng.random() < 0.08:
                out.append("\\x%02x" % ord(c))
            elif not c.isascii() and escapes and rng.random() < 0.5:
                out.append("\\u%04x" % ord(c))
            else:
                out.append(c)
        return '"' + "".join(out) + '"'

    def string(self, text, kind, flow):
        if plain_ok(text, kind, flow) and self.rng.random() < self.plain_bias:
            return text
        return self.quoted(text)

    def integer(self, v):
        if v >= 0 and self.rng.random() < 0.25:
            digits = "%x" % v
            if self.rng.random() < 0.5:
                digits = digits.upper()
            return "0x" + "0" * self.rng.choice([0, 0, 1, 3]) + digits
        return str(v)

    def param(self, v, flow, in_accepts=False):
        if isinstance(v, dict):
            lo, hi = v["range"]
            return self.integer(lo) + ".." + self.integer(hi)
        if is_int(v):
            return self.integer(v)
        return self.string(v, "pacc" if in_accepts else "pstr", flow)

    def bits(self, canonical):
        digits = canonical[2:].lstrip("0") or "0"
        digits = "0" * self.rng.choice([0, 0, 1, 2, 17]) + digits
        case = self.rng.random()
        if case < 0.3:
            digits = digits.upper()
        elif case < 0.5:
            digits = "".join(c.upper() if self.rng.random() < 0.5 else c for c in digits)
        return self.quoted("0x" + digits)

    # Nodes: ("s", text, kind) | ("p", value, in_accepts) | ("b", bits) |
    #        ("map", [(key, node)], key kind) | ("seq", [node], single item allowed)

    def node(self, n, flow):
        kind = n[0]
        if kind == "s":
            return self.string(n[1], n[2], flow)
        if kind == "p":
            return self.param(n[1], flow, n[2])
        if kind == "b":
            return self.bits(n[1])
        if kind == "map":
            sep = self.rng.choice([", ", ",  ", " , ", ","]) if self.rng.random() < 0.2 else ", "
            pad = " " if self.rng.random() < 0.3 else ""
            trailing = "," if self.rng.random() < 0.1 else ""
            pairs = [self.key(k, n[2], True) + ": " + self.node(v, True)
                     for k, v in self.order(n[1])]
            return "{" + pad + sep.join(pairs) + trailing + pad + "}"
        if n[2] and len(n[1]) == 1 and self.rng.random() < 0.3:
            return self.node(n[1][0], flow)
        pad = " " if self.rng.random() < 0.2 else ""
        trailing = "," if self.rng.random() < 0.1 else ""
        return "[" + pad + ", ".join(self.node(v, True) for v in n[1]) + trailing + pad + "]"

    def key(self, text, kind, flow):
        if plain_ok(text, kind, flow) and self.rng.random() < 0.9:
            return text
        return self.quoted(text)

    def order(self, entries):
        if self.shuffle:
            entries = list(entries)
            self.rng.shuffle(entries)
        return entries

    # Block layout ------------------------------------------------------------

    def comment(self):
        return self.rng.choice(["# note", "#", "# key: value", "# ---", "#\u00e9", "# [x]"])

    def trail(self):
        return "  " + self.comment() if self.rng.random() < self.comment_rate else ""

    def void_lines(self, indent, lines):
        if self.rng.random() < self.comment_rate / 2:
            lines.append(" " * self.rng.choice([0, indent, indent + 3]) + self.comment())
        if self.rng.random() < self.comment_rate / 4:
            lines.append("")

    def block_map(self, entries, key_kind, indent, lines):
        for k, v in self.order(entries):
            self.void_lines(indent, lines)
            head = " " * indent + self.key(k, key_kind, False) + ":"
            self.block_value(head, v, indent, lines)

    def block_value(self, head, v, indent, lines):
        rng = self.rng
        if v[0] in ("s", "p", "b") or rng.random() < self.flow_bias:
            lines.append(head + " " + self.node(v, False) + self.trail())
        elif v[0] == "map":
            lines.append(head + self.trail())
            self.block_map(v[1], v[2], indent + self.step, lines)
        else:
            lines.append(head + self.trail())
            seq_indent = indent if rng.random() < 0.4 else indent + self.step
            for item in v[1]:
                self.void_lines(seq_indent, lines)
                if item[0] == "map" and rng.random() < 0.5:
                    first, rest = item[1][0], item[1][1:]
                    self.block_value(" " * seq_indent + "- " + self.key(first[0], item[2], False)
                                     + ":", first[1], seq_indent + 2, lines)
                    self.block_map(rest, item[2], seq_indent + 2, lines)
                else:
                    lines.append(" " * seq_indent + "- " + self.node(item, False) + self.trail())

    # Documents ---------------------------------------------------------------

    def document(self, model, first):
        rng = self.rng
        self.plain_bias = rng.choice([0.5, 0.9, 1.0])
        self.flow_bias = rng.choice([0.0, 0.3, 0.6, 1.0])
        self.comment_rate = rng.choice([0.0, 0.1, 0.3])
        self.shuffle = rng.random() < 0.6
        self.step = rng.choice([1, 2, 2, 4])
        root = model_node(model)
        lines = []
        if not first or rng.random() < 0.5:
            lines.append("---" + ("  # doc" if rng.random() < 0.1 else ""))
        self.void_lines(0, lines)
        if rng.random() < 0.04:
            lines.append(self.node(root, False))
        else:
            self.block_map(root[1], "str", rng.choice([0, 0, 0, 0, 0, 0, 0, 1, 2]), lines)
        if rng.random() < 0.1:
            lines.append("...")
        eol = "\r\n" if rng.random() < 0.1 else "\n"
        return eol.join(lines) + eol


def entry_node(e, bitmap):
    out = []
    if bitmap:
        out += [("bits", ("b", e["bits"])), ("rule", ("s", e["rule"], "str"))]
    else:
        out.append(("value", ("p", e["value"], False)))
        if "accepts" in e:
            out.append(("accepts", ("seq", [("p", a, True) for a in e["accepts"]], True)))
        if "default" in e:
            out.append(("default", ("p", e["default"], False)))
    out += [(k, untyped_node(v)) for k, v in e.get("extensions", {}).items()]
    out += [(k, untyped_node(v)) for k, v in e.get("unknown", {}).items()]
    return ("map", out, "str")


def untyped_node(v):
    if isinstance(v, dict):
        return ("map", [(k, untyped_node(x)) for k, x in v.items()], "untyped")
    if isinstance(v, list):
        return ("seq", [untyped_node(x) for x in v], False)
    return ("s", v, "untyped")


def model_node(m):
    out = []
    for k in ("mdevdesc", "vendor", "type", "device_api", "version"):
        out.append((k, ("s", m[k], "str")))
    for k in ("accepts", "creates"):
        if k in m:
            out.append((k, ("seq", [("s", e, "str") for e in m[k]], True)))
    for k in ("hw", "features", "params"):
        if k in m:
            out.append((k, ("map", [(n, entry_node(e, k == "features"))
                                    for n, e in m[k].items()], "str")))
    for k in ("mdev_type", "driver", "description"):
        if k in m:
            out.append((k, ("s", m[k], "str")))
    for k in ("extensions", "unknown"):
        out += [(x, untyped_node(v)) for x, v in m.get(k, {}).items()]
    return ("map", out, "str")


# ----------------------------------------------------------------------------
# Files and tools

class Corpus:
    """Descriptor files in one directory: each document's model and its place."""

    def __init__(self, directory, rng):
        self.dir = directory
        self.rng = rng
        self.files = {}             # name -> list of models

    def write(self, name, models):
        renderer = Renderer(self.rng)
        text = "".join(renderer.document(m, i == 0) for i, m in enumerate(models))
        if self.rng.random() < 0.05:
            text = "\ufeff" + text
        with open(os.path.join(self.dir, name), "w", encoding="utf-8", newline="") as f:
            f.write(text)
        self.files[name] = models
        return name


class Tools:
    def __init__(self, build_dir, workdir, jobs):
        self.build = build_dir
        self.cwd = workdir
        self.pool = concurrent.futures.ThreadPoolExecutor(max_workers=jobs)

    def run(self, tool, args):
        try:
            p = subprocess.run([os.path.join(self.build, tool)] + args, cwd=self.cwd,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        except OSError as e:
            return 127, "", "cannot run %s: %s" % (tool, e)
        return (p.returncode, p.stdout.decode("utf-8", "replace"),
                p.stderr.decode("utf-8", "replace"))

    def run_all(self, calls):
        """calls: list of (tool, args); returns the list of (status, stdout, stderr)."""
        return list(self.pool.map(lambda c: self.run(*c), calls))

    def command(self, tool, args):
        return "cd %s && %s %s" % (shlex.quote(self.cwd), os.path.join(self.build, tool),
                                   " ".join(shlex.quote(a) for a in args))


# ----------------------------------------------------------------------------
# The run

class Run:
    """One seeded run: the generated corpus, the tool calls and the counts."""

    def __init__(self, args, workdir):
        self.args = args
        self.seed = args.seed
        self.rng = random.Random(args.seed)
        self.tools = Tools(os.path.abspath(args.build_dir), workdir, args.jobs)
        self.corpus = Corpus(workdir, random.Random(args.seed ^ 0x5eed))
        self.passed = dict.fromkeys(PROPERTIES, 0)
        self.failed = dict.fromkeys(PROPERTIES, 0)
        self.printed = 0
        self.stats = {}             # what the generated cases exercised

    def count(self, what):
        self.stats[what] = self.stats.get(what, 0) + 1

    def ok(self, prop):
        self.passed[prop] += 1

    def fail(self, prop, case, message, command=None):
        self.failed[prop] += 1
        self.printed += 1
        if self.printed > self.args.max_fail:
            return
        print("FAIL [%s] seed=%d case=%s: %s" % (prop, self.seed, case, message))
        if command:
            print("     reproduce: %s" % command)

    def check(self, prop, case, problems, command=None):
        if problems:
            self.fail(prop, case, "; ".join(p if len(p) < 400 else p[:400] + "..."
                                            for p in problems[:4]), command)
        else:
            self.ok(prop)

    def c_json(self, result, case, prop, command):
        status, out, err = result
        if status not in (0, 1) or not out.strip():
            self.fail(prop, case, "tool status %d: %s" % (status, err.strip()[:300]), command)
            return None
        try:
            return json.loads(out)
        except ValueError as e:
            self.fail(prop, case, "bad JSON (%s): %s" % (e, out[:200]), command)
            return None

    # Generation --------------------------------------------------------------

    def generate(self):
        rng = self.rng
        n_groups = max(1, -(-self.args.cases // (GROUP_SIZE * GROUP_SIZE)))
        self.groups = []
        for g in range(n_groups):
            t = Template(rng, large=g % 16 == 15)
            models = gen_group(rng, t, GROUP_SIZE)
            base = self.corpus.write("g%03d.yaml" % g, models)
            variant = self.corpus.write("g%03d-v.yaml" % g, [vary_ignored(rng, m) for m in models])
            pairs = [(i, j) for i in range(GROUP_SIZE) for j in range(GROUP_SIZE)]
            mutations, muts = [], []
            for i, j in pairs:
                if rng.random() < 0.5:
                    mutations.append(("bits", i, j))
                    muts.append(add_bits(rng, models[j], models[i]))
                else:
                    mutations.append(("accepts", i, j))
                    muts.append(add_accepts(rng, models[j], models[i], t))
            mutated = self.corpus.write("g%03d-m.yaml" % g, muts)
            self.groups.append({"template": t, "models": models, "base": base,
                                "variant": variant, "mutated": mutated,
                                "mutations": mutations, "id": g})
        self.sets = []
        hosts = []
        for s in range(max(1, n_groups * 3)):
            t = Template(rng, large=s % 32 == 31)
            host = gen_member(rng, t)
            targets = [derive_target(rng, host, t) for _ in range(rng.randint(1, 4))]
            hosts.append(host)
            self.sets.append({"host": host, "targets": targets, "id": s,
                              "file": self.corpus.write("b%03d.yaml" % s, targets)})
        self.hosts = self.corpus.write("hosts.yaml", hosts)

    # Property: model ---------------------------------------------------------

    def check_models(self, names):
        """Every file validates with exactly the expected warnings and parses to its models."""
        calls = [("mdevdesc-validate", ["--json", n]) for n in names]
        calls += [("mdevdesc-fmt", ["--json", n]) for n in names]
        results = self.tools.run_all(calls)
        ok = True
        for name, (status, out, err) in zip(names, results[:len(names)]):
            models = self.corpus.files[name]
            try:
                diags = json.loads(out)["files"][0]["diagnostics"]
            except (ValueError, KeyError, IndexError):
                self.fail("model", name, "validate status %d: %s" % (status, err.strip()[:300]),
                          self.tools.command("mdevdesc-validate", [name]))
                ok = False
                continue
            for i, m in enumerate(models):
                got = sorted((d["severity"], d["code"], d.get("path", "")) for d in diags
                             if d.get("document") == i)
                want = sorted(("warning", code, path) for code, path in unknown_paths(m))
                if got != want:
                    ok = False
                self.check("model", "%s#%d" % (name, i + 1),
                           ["diagnostics %s, expected %s" % (got, want)] if got != want else [],
                           self.tools.command("mdevdesc-validate", [name]))
        for name, (status, out, err) in zip(names, results[len(names):]):
            models = self.corpus.files[name]
            lines = [line for line in out.splitlines() if line.strip()]
            if status != 0 or len(lines) != len(models):
                self.fail("model", name, "fmt status %d, %d models for %d documents: %s"
                          % (status, len(lines), len(models), err.strip()[:300]),
                          self.tools.command("mdevdesc-fmt", ["--json", name]))
                ok = False
                continue
            for i, (m, line) in enumerate(zip(models, lines)):
                problems = differences(m, json.loads(line))
                ok = ok and not problems
                self.check("model", "%s#%d" % (name, i + 1), problems,
                           self.tools.command("mdevdesc-fmt", ["--json", name]))
        return ok

    # Pairs -------------------------------------------------------------------

    def pair_properties(self):
        """Every ordered pair of each group: as written, with either side
        re-rendered, and with DST widened."""
        def sel(name, index):
            return "%s#%d" % (name, index + 1)
        calls, cases = [], []
        for g in self.groups:
            models, n = g["models"], len(g["models"])
            variants, mutated = self.corpus.files[g["variant"]], self.corpus.files[g["mutated"]]
            for k, (i, j) in enumerate((i, j) for i in range(n) for j in range(n)):
                calls.append(("mdevdesc-compat", ["--json", sel(g["base"], i), sel(g["base"], j)]))
                cases.append(("base", g, i, j, models[i], models[j]))
                side = self.rng.choice(["src", "dst", "both"])
                s = (g["variant"], variants[i]) if side != "dst" else (g["base"], models[i])
                d = (g["variant"], variants[j]) if side != "src" else (g["base"], models[j])
                calls.append(("mdevdesc-compat", ["--json", sel(s[0], i), sel(d[0], j)]))
                cases.append(("format", g, i, j, s[1], d[1]))
                kind, _, _ = g["mutations"][k]
                calls.append(("mdevdesc-compat",
                              ["--json", sel(g["base"], i), sel(g["mutated"], k)]))
                cases.append((kind, g, i, j, models[i], mutated[k]))
        results = self.tools.run_all(calls)
        base, texts = {}, []
        for (role, g, i, j, src, dst), call, result in zip(cases, calls, results):
            command = self.tools.command(*call)
            case = "group %d pair %d->%d (%s)" % (g["id"], i + 1, j + 1, role)
            got = self.c_json(result, case, "agree", command)
            if got is None:
                continue
            expected = ref.check(src, dst)
            self.check("agree", case, omitted(got) + differences(expected, got), command)
            self.check_reasons(case, src, dst, got, command)
            if got["verdict"] == "compatible":
                self.check_config(case, src, dst, got["configuration"], command)
                self.check_instance(case, dst, got.get("target_instance"), command)
                if role == "base" and got.get("target_instance"):
                    texts.append((case, call[1][1], call[1][2], got["target_instance"]))
            if role == "base":
                self.count(got["verdict"])
                for r in got["reasons"]:
                    self.count(r["code"])
                if got["verdict"] == "compatible" and i != j:
                    c = got["configuration"]
                    if not c["reversible"]:
                        self.count("one-way")
                    elif vtuple(dst["version"])[:2] == vtuple(c["create_version"]):
                        self.count("reversible by version")
                    else:
                        self.count("reversible by creates")
                base[(g["id"], i, j)] = got
                if i == j and not has_unknown(src):
                    self.check("reflexive", case, [] if got["verdict"] == "compatible" else
                               ["verdict %s: %s" % (got["verdict"], json.dumps(got["reasons"]))],
                               command)
            elif role == "format":
                before = base.get((g["id"], i, j))
                if before is not None:
                    self.check("format", case,
                               differences(without_carried(before), without_carried(got)), command)
            else:
                before = base.get((g["id"], i, j))
                if before is None:
                    continue
                self.count("%s %s->%s" % (role, before["verdict"][:6], got["verdict"][:6]))
                problems = []
                if before["verdict"] == "compatible" and got["verdict"] != "compatible":
                    problems.append("was compatible, now %s: %s"
                                    % (got["verdict"], json.dumps(got["reasons"])))
                old = {(r["code"], r["path"]) for r in before["reasons"]}
                new = [(r["code"], r["path"]) for r in got["reasons"]
                       if (r["code"], r["path"]) not in old]
                if new and not omitted(before):     # a cut-short list is reported by agree
                    problems.append("new reasons %s" % new)
                self.check(role, case, problems, command)
        self.instance_texts(texts)
        return base

    def check_reasons(self, case, src, dst, got, command):
        """The reasons are exactly the failing rules, rule by rule."""
        failing = ref.identity(src, dst) + ref.version(src, dst) + ref.features(src, dst)
        for section, prefix in ref.SECTIONS:
            failing += ref.entries(section, prefix, src, dst)
        unknown = ref.unknown_items(src, "source") + ref.unknown_items(dst, "target")
        want = [(r["code"], r["path"]) for r in failing + unknown]
        have = [(r["code"], r["path"]) for r in got["reasons"]]
        problems = omitted(got)
        if sorted(want) != sorted(have):
            missing = [r for r in want if r not in have]
            extra = [r for r in have if r not in want]
            problems.append("failing rules not reported: %s; reported but not failing: %s"
                            % (missing or "none", extra or "none"))
        elif want != have:
            problems.append("reasons out of order: %s, expected %s" % (have, want))
        for r in got["reasons"]:
            if ref.RULE_OF_CODE.get(r["code"]) != r.get("rule"):
                problems.append("reason %s names rule %s" % (r["code"], r.get("rule")))
        known = [c for c, _ in have if c not in UNKNOWN_CODES]
        verdict = ("incompatible" if known else "undecidable" if have else "compatible")
        if got["verdict"] != verdict:
            problems.append("verdict %s with reasons %s" % (got["verdict"], have))
        if (got["configuration"] is not None) != (got["verdict"] == "compatible"):
            problems.append("configuration %s with verdict %s"
                            % (json.dumps(got["configuration"]), got["verdict"]))
        self.check("reasons", case, problems, command)

    def check_instance(self, case, dst, inst, command):
        """The target instance (a model) satisfies DST and is an instance's form."""
        problems = []
        if inst is None:
            self.fail("instance", case, "compatible without a target_instance", command)
            return
        if "accepts" in inst or "creates" in inst:
            problems.append("target instance with accepts or creates")
        for section in ("hw", "params"):
            for n, e in inst.get(section, {}).items():
                if "accepts" in e or "default" in e:
                    problems.append("target instance %s.%s with accepts or default" % (section, n))
        if not ref.satisfies(inst, dst):
            r = ref.check(inst, dst)
            problems.append("target instance does not satisfy DST: %s %s"
                            % (r["verdict"], json.dumps(r["reasons"])[:300]))
        self.check("instance", case, problems, command)

    def instance_texts(self, pairs):
        """--emit-target for PAIRS [(case, src selector, dst selector, model)]: the
        texts, in one file, parse to the models (and validate)."""
        calls = [("mdevdesc-compat", ["--emit-target", s, d]) for _, s, d, _ in pairs]
        texts = []
        for (case, s, d, model), call, (status, out, err) in zip(pairs, calls,
                                                               self.tools.run_all(calls)):
            if status != 0 or not out.startswith("mdevdesc: "):
                self.fail("instance", case, "--emit-target status %d: %s" % (status, err[:300]),
                          self.tools.command(*call))
                return
            texts.append(out)
        if not texts:
            return
        name = "instances.yaml"
        with open(os.path.join(self.tools.cwd, name), "w", encoding="utf-8") as f:
            f.write("---\n".join(texts))
        (vs, vout, verr), (fs, fout, ferr) = self.tools.run_all(
            [("mdevdesc-validate", ["--quiet", name]), ("mdevdesc-fmt", ["--json", name])])
        if vs != 0:
            self.fail("instance", name, "the target instances do not validate: %s"
                      % (vout + verr)[:400], self.tools.command("mdevdesc-validate", [name]))
        lines = [line for line in fout.splitlines() if line.strip()]
        if fs != 0 or len(lines) != len(pairs):
            self.fail("instance", name, "fmt status %d, %d models for %d texts"
                      % (fs, len(lines), len(pairs)))
            return
        for (case, _, _, model), line in zip(pairs, lines):
            self.check("instance", case + " (text)", differences(model, json.loads(line)))

    def check_config(self, case, src, dst, c, command):
        """The configured target is accepted by DST; same-minor is created at SRC's MAJOR.MINOR."""
        problems = []
        sv, dv = vtuple(src["version"]), vtuple(dst["version"])
        creates = [vtuple(x) for x in [dst["version"]] + dst.get("creates", [])]
        if c["resume_version"] != src["version"]:
            problems.append("resume_version %s" % c["resume_version"])
        cv = vtuple(c["create_version"])
        if c["reversible"]:
            if len(cv) != 2 or not any(x[:2] == cv for x in creates):
                problems.append("create_version %s is not one DST creates" % c["create_version"])
            if not (cv[0] == sv[0] and cv[1] <= sv[1]):
                problems.append("reversible, but SRC %s does not accept %s by default"
                                % (src["version"], c["create_version"]))
        elif cv != dv:
            problems.append("one-way create_version %s is not DST.version" % c["create_version"])
        if not ((sv[0] == dv[0] and sv[1] <= dv[1])
                or any(lo <= sv <= hi for lo, hi in map(ref.interval, dst.get("accepts", [])))):
            problems.append("DST does not accept resume_version %s" % src["version"])
        names = set(src.get("features", {})) | set(dst.get("features", {}))
        if set(c["features"]) != names:
            problems.append("features %s for names %s" % (sorted(c["features"]), sorted(names)))
        for n, bits in c["features"].items():
            b = int(bits, 16)
            sf, df = src.get("features", {}).get(n), dst.get("features", {}).get(n)
            if b != (int(sf["bits"], 16) if sf else 0) or bits != canonical_bits(b):
                problems.append("features.%s %s is not the source's bits" % (n, bits))
            d = int(df["bits"], 16) if df else 0
            if (df and df["rule"] == "equal" and b != d) or b & ~d:
                problems.append("features.%s %s cannot be presented by DST" % (n, bits))
        for section in ("features", "hw", "params"):
            if list(c[section]) != sorted(c[section], key=str.encode):
                problems.append("%s not in byte order of names: %s" % (section, list(c[section])))
        defaults = 0
        for section in ("hw", "params"):
            se, de, cs = src.get(section, {}), dst.get(section, {}), c[section]
            if set(cs) != set(de):
                problems.append("%s %s, DST has %s" % (section, sorted(cs), sorted(de)))
                continue
            for n, setting in cs.items():
                v = setting["value"]
                if not accepts_value(de[n], v):
                    problems.append("%s.%s %s not accepted by DST" % (section, n, json.dumps(v)))
                if n in se:
                    if setting["from"] != "source" or type(v) is not type(se[n]["value"]) \
                            or v != se[n]["value"]:
                        problems.append("%s.%s %s is not the source's" % (section, n, setting))
                    if c["reversible"] and not accepts_value(se[n], v):
                        problems.append("%s.%s %s not accepted by SRC"
                                        % (section, n, json.dumps(v)))
                else:
                    defaults += 1
                    if setting["from"] != "default" or v != de[n].get("default"):
                        problems.append("%s.%s %s is not DST's default" % (section, n, setting))
        if c["defaults_applied"] != defaults:
            problems.append("defaults_applied %d, counted %d" % (c["defaults_applied"], defaults))
        self.check("config", case, problems, command)

    # Rank --------------------------------------------------------------------

    def rank_property(self, base):
        calls, cases = [], []
        for g in self.groups:
            others = [h["base"] for h in self.groups if h is not g]
            for i in range(GROUP_SIZE):
                # The group's own descriptors, then two other groups' (other identities).
                files = [g["base"]] + self.rng.sample(others, min(2, len(others)))
                calls.append(("mdevdesc-compat", ["--json", "--rank", "%s#%d" % (g["base"], i + 1)]
                              + files))
                cases.append((g, i, files))
        for (g, i, files), call, result in zip(cases, calls, self.tools.run_all(calls)):
            command = self.tools.command(*call)
            case = "group %d rank of %d" % (g["id"], i + 1)
            got = self.c_json(result, case, "rank", command)
            if got is None:
                continue
            targets, names = [], []
            for f in files:
                for k, m in enumerate(self.corpus.files[f]):
                    targets.append(m)
                    names.append((f, k))
            expected = ref.rank(g["models"][i], targets, "%s#%d" % (g["base"], i + 1), names)
            problems = omitted(got) + differences(expected, got)
            # The same answer as checking every pair of the group with the tool.
            ranked = {(r["file"], r["document"]) for r in got.get("ranked", [])}
            unranked = {(u["file"], u["document"]): u for u in got.get("unranked", [])}
            for j in range(GROUP_SIZE):
                pair = base.get((g["id"], i, j))
                if pair is None:
                    continue
                where = (g["base"], j)
                if pair["verdict"] == "compatible":
                    if where not in ranked:
                        problems.append("target %d compatible by pair check, not ranked" % (j + 1))
                elif where not in unranked:
                    problems.append("target %d %s by pair check, not unranked"
                                    % (j + 1, pair["verdict"]))
                else:
                    u = unranked[where]
                    problems += differences(
                        {"verdict": pair["verdict"], "reasons": pair["reasons"]},
                        {"verdict": u["verdict"], "reasons": u["reasons"]},
                        "$.unranked[target %d]" % (j + 1))
            self.check("rank", case, problems, command)

    # Baseline ----------------------------------------------------------------

    def baseline_property(self):
        calls = [("mdevdesc-compat", ["--json", "--baseline", "%s#%d" % (self.hosts, s["id"] + 1),
                                      s["file"]]) for s in self.sets]
        sources, found = [], []
        for s, call, result in zip(self.sets, calls, self.tools.run_all(calls)):
            command = self.tools.command(*call)
            case = "baseline set %d" % s["id"]
            got = self.c_json(result, case, "baseline", command)
            if got is None:
                continue
            names = [(s["file"], k) for k in range(len(s["targets"]))]
            host = "%s#%d" % (self.hosts, s["id"] + 1)
            expected = ref.baseline(s["host"], s["targets"], host, names)
            self.check("baseline", case, omitted(got) + differences(expected, got), command)
            b = got.get("baseline")
            self.count("baseline found" if b is not None else "baseline blocked")
            if b is None:
                continue
            try:
                made = baseline_sources(s["host"], b)
            except (KeyError, TypeError, ValueError, AttributeError) as e:
                self.fail("baseline", case, "malformed baseline %s (%s)" % (json.dumps(b), e),
                          command)
                continue
            sources += made
            found += [s] * len(made)
        if not sources:
            return
        bfile = self.corpus.write("baseline-sources.yaml", sources)
        self.check_models([bfile])
        calls, cases = [], []
        for k, (s, src) in enumerate(zip(found, sources)):
            sel = "%s#%d" % (bfile, k + 1)
            for j, t in enumerate(s["targets"]):
                calls.append(("mdevdesc-compat", ["--json", sel, "%s#%d" % (s["file"], j + 1)]))
                cases.append((s, src, t, "target %d" % (j + 1)))
            calls.append(("mdevdesc-compat", ["--json", sel, "%s#%d" % (self.hosts, s["id"] + 1)]))
            cases.append((s, src, s["host"], "host"))
        for (s, src, t, role), call, result in zip(cases, calls, self.tools.run_all(calls)):
            command = self.tools.command(*call)
            case = "baseline set %d source vs %s" % (s["id"], role)
            expected = ref.check(src, t)
            got = self.c_json(result, case, "baseline", command)
            problems = []
            if expected["verdict"] != "compatible":
                problems.append("reference: %s %s"
                                % (expected["verdict"], json.dumps(expected["reasons"])))
            if got is not None and got["verdict"] != "compatible":
                problems.append("C: %s %s" % (got["verdict"], json.dumps(got["reasons"])))
            self.check("baseline", case, problems, command)


def main(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--build-dir", default=os.path.join(REPO, "build"),
                   help="directory holding the mdevdesc tools (default: %(default)s)")
    p.add_argument("--cases", type=int, default=2048,
                   help="base pair checks (default %(default)s)")
    p.add_argument("--seed", type=int, default=None, help="random seed (default: time based)")
    p.add_argument("--keep", metavar="DIR", help="write the generated files to DIR and keep them")
    p.add_argument("--jobs", type=int, default=max(2, (os.cpu_count() or 1) * 2),
                   help="tool processes at once (default %(default)s)")
    p.add_argument("--max-fail", type=int, default=40, help="FAIL lines to print at most")
    args = p.parse_args(argv)
    if args.seed is None:
        args.seed = int(time.time()) % 100000
    start = time.time()
    if args.keep:
        os.makedirs(args.keep, exist_ok=True)
        workdir = os.path.abspath(args.keep)
    else:
        workdir = tempfile.mkdtemp(prefix="mdevdesc-props-")
    print("property tests: seed %d, %d cases (reproduce: %s --seed %d --cases %d --keep DIR)"
          % (args.seed, args.cases, os.path.relpath(os.path.abspath(__file__)),
             args.seed, args.cases))
    run = Run(args, workdir)
    run.generate()
    all_files = sorted(run.corpus.files)
    if run.check_models(all_files):
        base = run.pair_properties()
        run.rank_property(base)
        run.baseline_property()
    else:
        print("generated documents do not parse to their models; pair properties skipped")
    passed, failed = sum(run.passed.values()), sum(run.failed.values())
    for prop in PROPERTIES:
        print("  %-10s %6d passed, %d failed" % (prop, run.passed[prop], run.failed[prop]))
    print("  exercised: " + ", ".join("%s %d" % kv for kv in sorted(run.stats.items())))
    print("  %d files, %.1f s" % (len(all_files), time.time() - start))
    if failed and not args.keep:
        print("generated files kept in %s" % workdir)
    elif not args.keep:
        shutil.rmtree(workdir, ignore_errors=True)
    print("property tests: %d passed, %d failed" % (passed, failed))
    return 1 if failed or not passed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
