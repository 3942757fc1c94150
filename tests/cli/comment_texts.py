#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
"""comment_texts.py A B: exit 0 when descriptor files A and B hold the same
multiset of comment texts (from '#' to the end of the line, trailing blanks
and CR dropped), else print the difference and exit 1.

A comment starts at a '#' at the start of a line or after a blank, outside
a quoted scalar; a quote opens a quoted scalar only where a scalar starts
(at the start of a line, after "- ", ": ", '[', '{' or ','); a quoted scalar
closes on its line at an unescaped '"' or at a "'" that is not doubled.
"""
import collections
import sys


def comments(path):
    out = []
    data = open(path, 'rb').read().decode('utf-8')
    if data.startswith('\ufeff'):
        data = data[1:]
    for line in data.split('\n'):
        line = line.rstrip('\r')
        quote, start, prev, i = None, True, ' ', 0
        while i < len(line):
            c = line[i]
            nxt = line[i + 1] if i + 1 < len(line) else ' '
            if quote:
                if (quote == '"' and c == '\\') or (quote == "'" and c == "'" and nxt == "'"):
                    i += 1
                elif c == quote:
                    quote, start = None, False
            elif c == '#' and prev in ' \t':
                out.append(line[i:].rstrip(' \t'))
                break
            elif c in '"\'' and start:
                quote = c
            elif c in '[{,' or (c == ':' and nxt in ' \t'):
                start = True
            elif c not in ' \t' and not (c == '-' and nxt in ' \t' and start):
                start = False
            prev = c
            i += 1
    return collections.Counter(out)


def main():
    a, b = comments(sys.argv[1]), comments(sys.argv[2])
    if a == b:
        return 0
    print('only in %s: %r' % (sys.argv[1], sorted((a - b).elements())))
    print('only in %s: %r' % (sys.argv[2], sorted((b - a).elements())))
    return 1


if __name__ == '__main__':
    sys.exit(main())
