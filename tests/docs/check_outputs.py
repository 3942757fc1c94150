#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
"""check_outputs.py BUILD FILE... - the tool output that the documentation
quotes is the tools' real output.

A quoted run is a fenced code block preceded by the comment line
`<!-- output: DIR -->` (DIR relative to the top of the tree): its first line
is `$ COMMAND ARGS...`, the rest is what the command prints.  The block may
be indented (inside a list item).  Each run is repeated in DIR with the
tool from BUILD and its standard output must be the block, byte for byte;
`make docs-outputs` rewrites the blocks from the real output instead.
"""
import os
import re
import shlex
import subprocess
import sys

MARK = re.compile(r'^(\s*)<!-- output: (\S+) -->\s*$')


def runs(lines):
    """(index of the command line, end index, indent, dir) of each quoted run."""
    i = 0
    while i < len(lines):
        m = MARK.match(lines[i])
        if not m:
            i += 1
            continue
        indent, where = m.group(1), m.group(2)
        j = i + 1
        while j < len(lines) and not lines[j].strip():
            j += 1
        if j >= len(lines) or not lines[j].strip().startswith('```'):
            raise SystemExit('%d: output marker not followed by a code block' % (i + 1))
        k = j + 1
        while k < len(lines) and lines[k].strip() != '```':
            k += 1
        if k >= len(lines):
            raise SystemExit('%d: code block not closed' % (j + 1))
        yield j + 1, k, indent, where
        i = k + 1


def real_output(build, where, command):
    argv = shlex.split(command)
    tool = os.path.join(build, argv[0])
    if not os.path.exists(tool):
        raise SystemExit('%s: no such tool in %s' % (argv[0], build))
    p = subprocess.run([tool] + argv[1:], cwd=where, stdout=subprocess.PIPE,
                       stderr=subprocess.DEVNULL, check=False)
    return p.stdout.decode('utf-8').splitlines()


def main():
    update = sys.argv[1] == '--update'
    args = sys.argv[2:] if update else sys.argv[1:]
    build = os.path.abspath(args[0])
    passed = failed = 0
    for path in args[1:]:
        with open(path, encoding='utf-8') as f:
            lines = f.read().split('\n')
        out = list(lines)
        # Later blocks first, so that rewriting one keeps the others' indices.
        for first, end, indent, where in reversed(list(runs(lines))):
            block = [l[len(indent):] if l.startswith(indent) else l.lstrip()
                     for l in lines[first:end]]
            if not block or not block[0].startswith('$ '):
                raise SystemExit('%s:%d: a quoted run starts with "$ COMMAND"' % (path, first + 1))
            got = real_output(build, where, block[0][2:])
            if block[1:] == got:
                passed += 1
                continue
            if update:
                out[first + 1:end] = [indent + l if l else l for l in got]
                passed += 1
                continue
            failed += 1
            print('%s:%d: `%s` in %s prints something else now:' % (path, first + 1, block[0][2:], where))
            for l in got:
                print('    | ' + l)
        if update and out != lines:
            with open(path, 'w', encoding='utf-8') as f:
                f.write('\n'.join(out))
    print('doc outputs: %d passed, %d failed' % (passed, failed))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
