#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
"""host.py - fake host trees for discovery (spec 9), built from .host files.

    host.py build [--fmt TOOL] FILE.host ROOT   build the tree under ROOT
    host.py run BUILD FILE.host                 build it in a scratch root, scan it
                                                at each `scan` line, print the summaries
    host.py check BUILD FILE.host...            run each, compare with FILE.expect
    host.py compare BUILD FILE.host TREE        build it, compare its files and links
                                                with those of TREE (a committed host)
    host.py ops FILE.host                       build it, print the tree as a program
                                                of the `catalog` fuzz target (fuzz/catalog.c)

A .host file is one command per line (`#` starts a comment line; words are
split as by a POSIX shell, and `\\xHH` in a word is that byte).  Paths are
under the root.  The sysfs commands lay the tree out as the kernel documents
it (Documentation/driver-api/vfio-mediated-device.rst, sysfs-bus-pci):

  pci BDF VVVV:DDDD [DRIVER]      /sys/devices/pci0000:00/BDF with `vendor`,
                                  `device`, a `driver` link to
                                  /sys/bus/pci/drivers/DRIVER, and the link
                                  /sys/bus/pci/devices/BDF
  device PATH [DRIVER BUS]        /sys/devices/PATH, a `driver` link to
                                  /sys/bus/BUS/drivers/DRIVER
  parent NAME                     /sys/class/mdev_bus/NAME, a link to the
                                  device NAME made before
  type PARENT TYPE [name=S] [api=S] [avail=N] [description=S]
                                  PARENT's mdev_supported_types/TYPE/ with
                                  those attributes, `create` and `devices/`
  mdev UUID PARENT TYPE           the mdev device: its directory under the
                                  parent, its `mdev_type` link, the links in
                                  /sys/bus/mdev/devices/ and TYPE/devices/
  attr type PARENT TYPE CONTENT   a migration_descriptor attribute: of a type,
  attr mdev UUID CONTENT          of an mdev device,
  attr pci BDF CONTENT            of a PCI device
  mdevctl PARENT UUID CONTENT     /etc/mdevctl.d/PARENT/UUID
  file PATH [mode=O] [uid=N] CONTENT
  dir PATH [mode=O] [uid=N]
  link PATH TARGET | fifo PATH | big PATH SIZE | chmod PATH MODE
  chown PATH UID | rm PATH
  requires root                   skip the vector unless run as root
  scan                            (run, check) scan the host now

CONTENT is `<<END` followed by lines up to END (`\\xHH` is that byte),
or `doc=FILE` (every document of FILE) or `doc=FILE#N,M...` (its Nth and
Mth documents, counted from 1), optionally
with `parents=ENTRY,...` added to each document; with --fmt (and always in
run and check, with BUILD's mdevdesc-fmt) such documents are written in
canonical form, as a driver's attribute holds them.

The summary of a scan, which FILE.expect holds after its comment and
`rules:` lines, has one line per entry with its source, then its
diagnostics as `  SEVERITY CODE RULE`:

  type PARENT TYPE <- SOURCE [FILE#DOC]
  instance UUID PARENT TYPE <- SOURCE       (then `  attr NAME=VALUE` lines)
  device ADDRESS DRIVER <- SOURCE [FILE#DOC]
  file PATH STATE documents=N
  host                                      (only when the host has diagnostics)
  exit STATUS
"""
import json
import os
import shlex
import shutil
import stat
import subprocess
import sys
import tempfile

ROOT_DIR = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def word(w):
    """A word with \\xHH escapes, as bytes."""
    out, i = bytearray(), 0
    b = w.encode('utf-8')
    while i < len(b):
        if b[i:i + 2] == b'\\x' and i + 4 <= len(b):
            out.append(int(b[i + 2:i + 4], 16))
            i += 4
        else:
            out.append(b[i])
            i += 1
    return bytes(out)


class Host:
    def __init__(self, root, fmt=None):
        self.root = os.fsencode(root)
        self.fmt = fmt
        self.devices = {}   # device name -> path under /sys/devices
        self.parents = {}   # parent name -> path under /sys/devices

    def p(self, path):
        """The real path of @path (bytes, under the root)."""
        return self.root + b'/' + path.lstrip(b'/')

    def mkdir(self, path, mode=0o755):
        os.makedirs(self.p(path), mode=mode, exist_ok=True)

    def write(self, path, data, mode=0o644):
        self.mkdir(os.path.dirname(path))
        real = self.p(path)
        if os.path.lexists(real):
            os.unlink(real)
        with open(real, 'wb') as f:
            f.write(data)
        os.chmod(real, mode)

    def link(self, path, target):
        """A link at @path to @target, relative when @target is absolute
        under the root (as sysfs links are)."""
        self.mkdir(os.path.dirname(path))
        if target.startswith(b'/'):
            target = os.path.relpath(target, os.path.dirname(path))
        real = self.p(path)
        if os.path.lexists(real):
            os.unlink(real)
        os.symlink(target, real)

    # ---- content ----------------------------------------------------------

    def documents(self, spec, parents):
        name, _, n = spec.partition('#')
        with open(os.path.join(ROOT_DIR, name), encoding='utf-8') as f:
            text = f.read()
        docs, cur = [], []
        for line in text.split('\n'):
            if line.rstrip() == '---':
                docs.append(cur)
                cur = []
            elif line.rstrip() != '...':
                cur.append(line)
        docs.append(cur)
        docs = ['\n'.join(d).strip('\n') + '\n' for d in docs
                if any(l.strip() and not l.lstrip().startswith('#') for l in d)]
        if n:
            docs = [docs[int(k) - 1] for k in n.split(',')]
        if parents:
            entries = ', '.join('"%s"' % e for e in parents.split(','))
            docs = [d + 'parents: [%s]\n' % entries for d in docs]
        text = '---\n'.join(docs)
        if self.fmt:
            r = subprocess.run([self.fmt, '-'], input=text.encode(), stdout=subprocess.PIPE,
                               check=True)
            return r.stdout
        return text.encode()

    def content(self, args, lines):
        """CONTENT from the remaining @args (and heredoc @lines): bytes."""
        opts = dict(a.split('=', 1) for a in args if '=' in a and not a.startswith('<<'))
        here = [a for a in args if a.startswith('<<')]
        if here:
            end, body = here[0][2:], []
            while True:
                line = lines.pop(0)
                if line == end:
                    break
                body.append(line)
            return word('\n'.join(body) + '\n') if body else b''
        if 'doc' in opts:
            return self.documents(opts['doc'], opts.get('parents'))
        return b''

    # ---- commands ---------------------------------------------------------

    def driver_link(self, dev, driver, bus):
        drv = b'/sys/bus/' + bus + b'/drivers/' + driver
        self.mkdir(drv)
        self.link(dev + b'/driver', drv)

    def cmd_pci(self, a, lines):
        bdf, ids = word(a[0]), a[1].split(':')
        dev = b'/sys/devices/pci0000:00/' + bdf
        self.mkdir(dev)
        self.write(dev + b'/vendor', b'0x%s\n' % ids[0].encode())
        self.write(dev + b'/device', b'0x%s\n' % ids[1].encode())
        if len(a) > 2:
            self.driver_link(dev, word(a[2]), b'pci')
        self.link(b'/sys/bus/pci/devices/' + bdf, dev)
        self.devices[bdf] = dev

    def cmd_device(self, a, lines):
        dev = b'/sys/devices/' + word(a[0])
        self.mkdir(dev)
        if len(a) > 2:
            self.driver_link(dev, word(a[1]), word(a[2]))
        self.devices[os.path.basename(dev)] = dev

    def cmd_parent(self, a, lines):
        name = word(a[0])
        self.link(b'/sys/class/mdev_bus/' + name, self.devices[name])
        self.parents[name] = self.devices[name]

    def type_dir(self, parent, t):
        return self.parents[parent] + b'/mdev_supported_types/' + t

    def cmd_type(self, a, lines):
        d = self.type_dir(word(a[0]), word(a[1]))
        opts = dict(x.split('=', 1) for x in a[2:])
        self.mkdir(d + b'/devices')
        self.write(d + b'/create', b'', 0o200)
        for key, attr in (('name', b'name'), ('description', b'description'),
                          ('api', b'device_api'), ('avail', b'available_instances')):
            if key in opts:
                self.write(d + b'/' + attr, word(opts[key]) + b'\n', 0o444)

    def cmd_mdev(self, a, lines):
        uuid, parent, t = word(a[0]), word(a[1]), word(a[2])
        dev = self.parents[parent] + b'/' + uuid
        self.mkdir(dev)
        self.link(dev + b'/mdev_type', self.type_dir(parent, t))
        self.write(dev + b'/remove', b'', 0o200)
        self.link(b'/sys/bus/mdev/devices/' + uuid, dev)
        self.link(self.type_dir(parent, t) + b'/devices/' + uuid, dev)

    def cmd_attr(self, a, lines):
        kind = a[0]
        if kind == 'type':
            d, rest = self.type_dir(word(a[1]), word(a[2])), a[3:]
        elif kind == 'mdev':
            d, rest = b'/sys/bus/mdev/devices/' + word(a[1]), a[2:]
        else:
            d, rest = b'/sys/bus/pci/devices/' + word(a[1]), a[2:]
        self.write(d + b'/migration_descriptor', self.content(rest, lines), 0o444)

    def cmd_mdevctl(self, a, lines):
        self.write(b'/etc/mdevctl.d/' + word(a[0]) + b'/' + word(a[1]), self.content(a[2:], lines))

    def cmd_file(self, a, lines):
        opts = dict(x.split('=', 1) for x in a[1:] if x.startswith(('mode=', 'uid=')))
        path = word(a[0])
        self.write(path, self.content(a[1:], lines), int(opts.get('mode', '644'), 8))
        if 'uid' in opts:
            os.lchown(self.p(path), int(opts['uid']), -1)

    def cmd_dir(self, a, lines):
        opts = dict(x.split('=', 1) for x in a[1:])
        path = word(a[0])
        self.mkdir(path)
        os.chmod(self.p(path), int(opts.get('mode', '755'), 8))
        if 'uid' in opts:
            os.lchown(self.p(path), int(opts['uid']), -1)

    def cmd_link(self, a, lines):
        self.mkdir(os.path.dirname(word(a[0])))
        real = self.p(word(a[0]))
        if os.path.lexists(real):
            os.unlink(real)
        os.symlink(word(a[1]), real)  # as written: loops and escapes are the point

    def cmd_fifo(self, a, lines):
        self.mkdir(os.path.dirname(word(a[0])))
        os.mkfifo(self.p(word(a[0])))

    def cmd_big(self, a, lines):
        size = a[1]
        n = int(size[:-1]) << {'K': 10, 'M': 20, 'G': 30}[size[-1]] if size[-1] in 'KMG' \
            else int(size)
        self.mkdir(os.path.dirname(word(a[0])))
        with open(self.p(word(a[0])), 'wb') as f:
            f.write(b'mdevdesc: "1.0"\n')
            f.truncate(n)

    def cmd_chmod(self, a, lines):
        os.chmod(self.p(word(a[0])), int(a[1], 8))

    def cmd_chown(self, a, lines):
        os.lchown(self.p(word(a[0])), int(a[1]), -1)

    def cmd_rm(self, a, lines):
        real = self.p(word(a[0]))
        if os.path.isdir(real) and not os.path.islink(real):
            shutil.rmtree(real)
        elif os.path.lexists(real):
            os.unlink(real)


def commands(path):
    with open(path, encoding='utf-8') as f:
        lines = f.read().split('\n')
    while lines:
        line = lines.pop(0)
        if not line.strip() or line.lstrip().startswith('#'):
            continue
        lex = shlex.shlex(line, posix=True)
        lex.whitespace_split = True
        lex.commenters = ''
        lex.escape = ''  # keep \xHH for word()
        yield list(lex), lines


def needs_root(path):
    return any(a[:2] == ['requires', 'root'] for a, _ in commands(path))


def build(path, root, fmt=None, scan=None):
    """Run the commands of @path in @root; call @scan() at each `scan`."""
    h = Host(root, fmt)
    for args, rest in commands(path):
        if args[0] == 'scan':
            if scan:
                scan()
            continue
        if args[0] == 'requires':
            continue
        getattr(h, 'cmd_' + args[0])(args[1:], rest)


def found(e):
    src = e['source'] or 'none'
    if e['source'] in ('etc', 'usr-share'):
        return '<- %s %s#%d' % (src, e['file'], e['document'])
    return '<- ' + src


def diags(ds):
    return ['  %s %s %s' % (d['severity'], d['code'], d['rule'] or '-') for d in ds]


def summary(out, status):
    """The summary lines of one `mdevdesc-scan --json` output."""
    j = json.loads(out)
    lines = []
    for t in j['types']:
        lines.append('type %s %s %s' % (t['parent'], t['mdev_type'], found(t)))
        lines += diags(t['diagnostics'])
    for i in j['instances']:
        lines.append('instance %s %s %s %s' % (i['uuid'], i['parent'], i['mdev_type'], found(i)))
        lines += ['  attr %s=%s' % (n, v) for n, v in i['attrs']]
        lines += diags(i['diagnostics'])
    for d in j['devices']:
        lines.append('device %s %s %s' % (d['address'], d['driver'], found(d)))
        lines += diags(d['diagnostics'])
    for f in j['files']:
        lines.append('file %s %s documents=%d' % (f['path'], f['state'], f['documents']))
        lines += diags(f['diagnostics'])
    if j['diagnostics']:
        lines.append('host')
        lines += diags(j['diagnostics'])
    lines.append('exit %d' % status)
    return lines


def run(build_dir, path, keep=None):
    """Build @path in a scratch root and scan it at each `scan`: the summary
    lines, or None when the vector needs root and this is not root."""
    if needs_root(path) and os.geteuid() != 0:
        return None
    scan_tool = os.path.join(build_dir, 'mdevdesc-scan')
    fmt = os.path.join(build_dir, 'mdevdesc-fmt')
    tmp = tempfile.mkdtemp(prefix='mdevdesc-host-')
    root = os.path.join(tmp, 'root')
    os.mkdir(root)
    out = []

    def scan():
        r = subprocess.run(['timeout', '60', scan_tool, '--root', root, '--json'],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False)
        if r.returncode not in (0, 1):
            raise SystemExit('%s: mdevdesc-scan exited %d: %s'
                             % (path, r.returncode, r.stderr.decode(errors='replace')))
        if keep is not None:
            keep.append(r.stdout)
        out.append('scan')
        out.extend(summary(r.stdout, r.returncode))

    try:
        build(path, root, fmt, scan)
    finally:
        subprocess.run(['chmod', '-R', 'u+rwX', tmp], check=False)
        shutil.rmtree(tmp, ignore_errors=True)
    return out


def tree(root):
    """{relative path: ('file', bytes) or ('link', target)} of @root;
    directories and modes left out (git keeps neither empty directories nor
    modes but the executable bit)."""
    out = {}
    for d, dirs, files in os.walk(os.fsencode(root)):
        for n in dirs + files:
            full = os.path.join(d, n)
            rel = os.path.relpath(full, os.fsencode(root))
            if os.path.islink(full):
                out[rel] = ('link', os.readlink(full))
            elif os.path.isfile(full):
                with open(full, 'rb') as f:
                    out[rel] = ('file', f.read())
    return out


def compare(build_dir, path, committed):
    tmp = tempfile.mkdtemp(prefix='mdevdesc-host-')
    try:
        root = os.path.join(tmp, 'root')
        os.mkdir(root)
        build(path, root, os.path.join(build_dir, 'mdevdesc-fmt'))
        want, got = tree(root), tree(committed)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    bad = sorted(set(want) ^ set(got)) + sorted(k for k in set(want) & set(got)
                                                if want[k] != got[k])
    for k in bad:
        print('%s: %s differs from what %s makes' % (committed, os.fsdecode(k), path))
    return not bad


def ops(path):
    """The tree of @path as commands of fuzz/catalog.c (bytes): leaf
    directories, files (at most 4 KiB, \\n for line breaks), links, FIFOs;
    `create`, `remove` and empty `devices/` left out, to keep it short."""
    tmp = tempfile.mkdtemp(prefix='mdevdesc-host-')
    out = []
    try:
        root = os.path.join(tmp, 'root')
        os.mkdir(root)
        build(path, root)
        broot = os.fsencode(root)
        for d, dirs, files in os.walk(broot):
            dirs.sort()
            rel = os.path.relpath(d, broot)
            for n in sorted(dirs + files):
                full = os.path.join(d, n)
                r = os.path.normpath(os.path.join(rel, n))
                if n in (b'create', b'remove'):
                    continue
                if os.path.islink(full):
                    out.append(b'L ' + r + b' ' + os.readlink(full))
                elif os.path.isdir(full):
                    if not os.listdir(full) and n != b'devices':
                        out.append(b'D ' + r)
                elif stat.S_ISFIFO(os.lstat(full).st_mode):
                    out.append(b'P ' + r)
                elif os.path.getsize(full) <= 4096:
                    with open(full, 'rb') as f:
                        out.append(b'F ' + r + b' ' + f.read().replace(b'\n', b'\\n'))
                mode = os.lstat(full).st_mode
                if not os.path.islink(full) and mode & 0o022:
                    out.append(b'C ' + r + b' %o' % (mode & 0o7777))
    finally:
        subprocess.run(['chmod', '-R', 'u+rwX', tmp], check=False)
        shutil.rmtree(tmp, ignore_errors=True)
    return b'\n'.join(out) + b'\n'


def expected(path):
    with open(path[:-len('.host')] + '.expect', encoding='utf-8') as f:
        return [l for l in f.read().split('\n')
                if l and not l.startswith('#') and not l.startswith('rules:')]


def main():
    if len(sys.argv) >= 4 and sys.argv[1] == 'build':
        args = sys.argv[2:]
        fmt = None
        if args[0] == '--fmt':
            fmt, args = args[1], args[2:]
        build(args[0], args[1], fmt)
        return 0
    if len(sys.argv) == 4 and sys.argv[1] == 'run':
        out = run(sys.argv[2], sys.argv[3])
        print('\n'.join(out) if out is not None else 'SKIP (needs root)')
        return 0
    if len(sys.argv) == 3 and sys.argv[1] == 'ops':
        sys.stdout.buffer.write(ops(sys.argv[2]))
        return 0
    if len(sys.argv) == 5 and sys.argv[1] == 'compare':
        return 0 if compare(sys.argv[2], sys.argv[3], sys.argv[4]) else 1
    if len(sys.argv) >= 4 and sys.argv[1] == 'check':
        passed = failed = skipped = 0
        for path in sys.argv[3:]:
            got = run(sys.argv[2], path)
            if got is None:
                print('SKIP %s: needs root' % path)
                skipped += 1
                continue
            want = expected(path)
            if got == want:
                passed += 1
                continue
            failed += 1
            print('FAIL %s:' % path)
            for line in got:
                print('  | ' + line)
            print('  expected:')
            for line in want:
                print('  | ' + line)
        print('discovery vectors: %d passed, %d failed, %d skipped' % (passed, failed, skipped))
        return 1 if failed else 0
    sys.stderr.write(__doc__)
    return 2


if __name__ == '__main__':
    sys.exit(main())
