#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
"""hostile_output.py BUILD - no byte of a descriptor reaches the terminal raw
(spec 11.4): for each hostile sequence below, placed in a scalar, in a
comment and in the file's name, the text output of mdevdesc-validate holds
only printable UTF-8, newlines and tabs, shows the sequence escaped, and
keeps the caret under the reported column.
"""
import os
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
    print('hostile output: %d passed, %d failed' % (passed, failed))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
