#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
"""hostile_output.py BUILD - no byte of a descriptor reaches the terminal raw
(spec 11.4, 12): for each hostile sequence below, placed in a scalar, in a
comment and in the file's name, the text output of mdevdesc-validate holds
only printable UTF-8, newlines and tabs, shows the sequence escaped, and
keeps the caret under the reported column.

The same sequences go through mdevdesc-compat: in the names of a pair of
files and, where a valid descriptor can hold them, in a params string value
(written as \\uXXXX escapes).  Every text mode (a check, --both, --rank,
--baseline, --matrix, an error that quotes the argument, an unknown option
in any tool), mdevdesc-fmt's messages and the file names of its --check
diffs must be as safe; the --html page must hold none of them raw, and the
strings of its data (what the page shows) none either, but their visible
escapes.
"""
import json
import os
import re
import subprocess
import sys
import tempfile

# (bytes, how the text output must show them)
HOSTILE = [
    (b'\x9b', r'\x9b'),                      # 8-bit CSI, not UTF-8
    (b'\x1b[31m', r'\x1b[31m'),              # ESC: a colour change
    (b'\x07', r'\x07'),                      # BEL
    (b'\x00', r'\x00'),                      # NUL
    (b'\x7f', r'\x7f'),                      # DEL
    (b'\r', r'\x0d'),                        # a lone CR
    (b'\xc2\x9b', r'\u009b'),                # U+009B, the C1 CSI as UTF-8
    (b'\xc2\x85', r'\u0085'),                # NEL
    (b'\xe2\x80\xae', r'\u202e'),            # RIGHT-TO-LEFT OVERRIDE
    (b'\xe2\x80\xaa', r'\u202a'),            # LEFT-TO-RIGHT EMBEDDING
    (b'\xe2\x81\xa6', r'\u2066'),            # LEFT-TO-RIGHT ISOLATE
    (b'\xe2\x81\xa9', r'\u2069'),            # POP DIRECTIONAL ISOLATE
    (b'\xe2\x80\x8f', r'\u200f'),            # RIGHT-TO-LEFT MARK
    (b'\xe2\x80\xa8', r'\u2028'),            # LINE SEPARATOR
    (b'\xef\xbf\xbf', r'\uffff'),            # a noncharacter
    (b'\xed\xa0\x80', r'\xed\xa0\x80'),      # a UTF-16 surrogate
    (b'\xe9', r'\xe9'),                      # Latin-1 e-acute
    (b'\xf8\x88\x80\x80\x80', r'\xf8\x88\x80\x80\x80'),  # 5-byte form
]

HEAD = b'mdevdesc: "1.0"\nvendor: intel\ntype: t\ndevice_api: vfio-pci\nversion: 1.0.0\n'


def safe(out):
    """The first unsafe thing in @out, or None."""
    try:
        text = out.decode('utf-8')
    except UnicodeDecodeError as e:
        return 'invalid UTF-8 at byte %d' % e.start
    for i, ch in enumerate(text):
        cp = ord(ch)
        if (cp < 0x20 and ch not in '\n\t') or 0x7f <= cp <= 0x9f or cp in (0x61c, 0x200e, 0x200f) \
                or 0x2028 <= cp <= 0x202e or 0x2066 <= cp <= 0x2069 or cp in (0xfffe, 0xffff):
            return 'U+%04X at character %d' % (cp, i)
    return None


def value_escape(raw):
    """@raw as the escapes of a double-quoted YAML scalar, or None when a
    valid descriptor cannot hold it (not UTF-8, or a C0 control or DEL,
    which R-TYPE-STRING rejects)."""
    try:
        text = raw.decode('utf-8')
    except UnicodeDecodeError:
        return None
    if any(ord(c) < 0x20 or ord(c) == 0x7f for c in text):
        return None
    return ''.join('\\u%04x' % ord(c) if ord(c) > 0x7e or ord(c) < 0x20 else c for c in text)


def page_strings(node):
    """Every string of a JSON value."""
    if isinstance(node, str):
        yield node
    elif isinstance(node, list):
        for x in node:
            yield from page_strings(x)
    elif isinstance(node, dict):
        for k, v in node.items():
            yield k
            yield from page_strings(v)


def check_page(page, shown, in_name):
    """The first problem of the HTML page @page, or None."""
    with open(page, 'rb') as f:
        src = f.read()
    problem = safe(src)
    if problem:
        return 'page source: ' + problem
    m = re.search(rb'<script id="data" type="application/json">(.*?)</script>', src, re.S)
    if not m:
        return 'no data in the page'
    data = json.loads(m.group(1).decode('utf-8'))
    for text in page_strings(data):
        problem = safe(text.encode('utf-8'))
        if problem:
            return 'page data %r: %s' % (text, problem)
    if in_name and not any(shown in d['label'] for d in data['descriptors']):
        return 'no label of the page shows %s' % shown
    return None


def compat_case(build, tmp, raw, shown):
    """Run mdevdesc-compat and mdevdesc-fmt on a pair of descriptors that
    carry @raw; the first problem, with the output, or None."""
    tool = os.path.abspath(os.path.join(build, 'mdevdesc-compat'))
    fmt = os.path.abspath(os.path.join(build, 'mdevdesc-fmt'))
    validate = os.path.abspath(os.path.join(build, 'mdevdesc-validate'))
    d = os.path.join(tmp.encode(), b'compat')
    os.makedirs(d, exist_ok=True)
    part = raw.replace(b'\x00', b'0').replace(b'/', b'_')
    in_name = part == raw
    esc = value_escape(raw)
    value = ('a%sb' % esc) if esc else 'ab'
    src = os.path.join(d, b's-' + part + b'.yaml')
    dst1 = os.path.join(d, b'd1-' + part + b'.yaml')
    dst2 = os.path.join(d, b'd2-' + part + b'.yaml')
    page = os.path.join(d, b'm-' + part + b'.html')
    for path, params in ((src, '{ value: "%s" }' % value),
                         (dst1, '{ value: "o", accepts: ["o"] }'),
                         (dst2, '{ value: "o", accepts: ["o", "%s"] }' % value)):
        with open(path, 'wb') as f:
            f.write(HEAD + b'params:\n  mode: ' + params.encode() + b'\n')
    runs = [
        ([tool, src, dst1], 1), ([tool, src, dst2], 0), ([tool, '--both', src, dst2], 0),
        ([tool, '--rank', src, dst1, dst2], 0), ([tool, '--baseline', src, dst2], 0),
        ([tool, '--baseline', src, dst1], 1), ([tool, '--matrix', src, dst1, dst2], 0),
        ([tool, src + b'#9', dst1], 2), ([tool, src + b'@' + part, dst1], 2),
        ([tool, '--html', page, '--matrix', src, dst1, dst2], 0),
        ([fmt, src + b'.missing'], 2), ([fmt, '--check', src + b'#'], 2),
        ([tool, b'--x' + part, src, dst1], 2), ([fmt, b'--x' + part, src], 2),
        ([validate, b'--x' + part, src], 2),
        # the diff's lines are data (a patch), as mdevdesc-fmt's YAML output is;
        # only its --- and +++ lines must be safe
        ([fmt, '--check', src, dst1], (0, 1)),
    ]
    shown_any = False
    for argv, want in runs:
        p = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False)
        out = p.stdout + p.stderr
        if '--check' in argv and p.returncode != 2:
            out = b''.join(l for l in p.stdout.splitlines(True) if l.startswith((b'--- ', b'+++ ')))
            out += p.stderr
        text = out.decode('utf-8', 'replace')
        problem = safe(out)
        if problem is None and p.returncode not in (want if isinstance(want, tuple) else (want,)):
            problem = 'exit status %d, expected %d' % (p.returncode, want)
        if problem:
            return '%s: %s\n  | %s' % (os.path.basename(argv[0]), problem,
                                       text.replace('\n', '\n  | '))
        shown_any |= shown in text
    if (in_name or esc) and not shown_any:
        return 'mdevdesc-compat never shows the sequence as %s' % shown
    return check_page(page, shown, in_name)


def main():
    build = sys.argv[1]
    tool = os.path.abspath(os.path.join(build, 'mdevdesc-validate'))
    passed = failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        for raw, shown in HOSTILE:
            # In a quoted scalar after a known column, in a comment, and in the name.
            name = b'f-' + raw.replace(b'\x00', b'0').replace(b'/', b'_') + b'.yaml'
            # A reserved indicator after the scalar makes the line an error
            # even when the sequence itself is allowed (bidi controls are).
            doc = HEAD + b'x-a: "ab' + raw + b'" @\n# ' + raw + b'\n'
            path = os.path.join(tmp.encode(), name)
            with open(path, 'wb') as f:
                f.write(doc)
            p = subprocess.run([tool, path], stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False)
            out = p.stdout + p.stderr
            problem = safe(out)
            text = out.decode('utf-8', 'replace')
            lines = text.split('\n')
            if problem is None and shown not in text:
                problem = 'the sequence is not shown as %s' % shown
            if problem is None and p.returncode != 1:
                problem = 'exit status %d, expected 1 (invalid)' % p.returncode
            if problem is None:
                # The first diagnostic's caret sits under its column of line 6.
                for k, l in enumerate(lines):
                    if l.startswith('    x-a: "ab') and k + 1 < len(lines):
                        caret = lines[k + 1].index('^') - 4
                        at = l[4:][caret:]
                        # at the sequence, at the '@', or at the end of a line cut by a lone CR
                        if not (at.startswith(shown[:2]) or at.startswith('@') or at == ''):
                            problem = 'caret at %d points at %r' % (caret, at)
                        break
                else:
                    problem = 'the source line is not shown'
            if problem:
                failed += 1
                print('FAIL %r: %s' % (raw, problem))
                print('  | ' + text.replace('\n', '\n  | '))
            else:
                passed += 1
        for raw, shown in HOSTILE:
            problem = compat_case(build, tmp, raw, shown)
            if problem:
                failed += 1
                print('FAIL compat %r: %s' % (raw, problem))
            else:
                passed += 1
    print('hostile output: %d passed, %d failed' % (passed, failed))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
