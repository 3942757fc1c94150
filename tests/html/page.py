# SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
"""page.py - helpers of tests/html/check.sh (Python standard library only).

  page.py probe PAGE OUT
      Write a copy of PAGE with one more script after the page's own: it
      records where the page laid out the table and each td.cell, clicks one
      cell and records #detail, and stores all of it as JSON in
      <script id="probe-result">.  The copy only tells the pixel checks where
      to look (and tests the click); the DOM and screenshot checks run on
      PAGE itself.

  page.py check --page PAGE --matrix-json JSON --n N --dom DOM \
                --probe PROBE_DOM --png PNG
      The assertions.  Prints one line per check, "ok   ..." or "FAIL ...".
      Exit status 0 when every check passed.
"""
import argparse
import html.parser
import json
import re
import struct
import sys
import zlib

CLASSES = ("compatible", "oneway", "incompatible", "undecidable")
COLORS = {
    "compatible": (0x2E, 0x9E, 0x44),
    "oneway": (0x9E, 0xD3, 0x6A),
    "incompatible": (0xD7, 0x26, 0x3D),
    "undecidable": (0xF4, 0xB4, 0x00),
}
# spec/mdevdesc.md 6.9
REASON_CODES = (
    "identity-vendor", "identity-type", "identity-device-api",
    "version-not-accepted", "feature-missing-bits", "feature-not-equal",
    "hw-missing-in-target", "hw-not-accepted", "hw-no-default",
    "param-missing-in-target", "param-not-accepted", "param-no-default",
    "unknown-key", "unknown-enum",
)
TOLERANCE = 10          # per channel, 0..255
PRESENT_MIN = 200       # pixels of a class color in the table: it appears
ABSENT_MAX = 20         # fewer than this: it does not appear

PROBE_SCRIPT = r"""<script>
(function(){
 function r(e){var b=e.getBoundingClientRect();return [b.left,b.top,b.right,b.bottom];}
 var o={ready:document.body.getAttribute('data-ready'),dpr:window.devicePixelRatio,
        vw:window.innerWidth,vh:window.innerHeight,sx:window.scrollX,sy:window.scrollY,
        table:null,cells:[],click:null};
 var t=document.getElementById('matrix');
 if(t)o.table=r(t);
 var cells=document.querySelectorAll('td.cell'),i,pick=null,k=-1;
 for(i=0;i<cells.length;i++){o.cells.push(r(cells[i]));
  if(pick===null&&!cells[i].classList.contains('compatible')){pick=cells[i];k=i;}}
 if(pick===null&&cells.length){pick=cells[0];k=0;}
 if(pick!==null){pick.click();var det=document.getElementById('detail');
  o.click={index:k,title:pick.title,detail:det?det.textContent:null,
           selected:document.querySelectorAll('td.selected').length,
           picked:pick.classList.contains('selected')};}
 var s=document.createElement('script');s.type='application/json';s.id='probe-result';
 s.textContent=JSON.stringify(o).replace(/</g,'\\u003c');document.body.appendChild(s);
})();
</script>
"""


# ---- PNG ---------------------------------------------------------------------

def _add_bytes(a, b):
    """Byte-wise (a + b) mod 256 of two equal-length byte strings."""
    n = len(a)
    x = int.from_bytes(a, "big")
    y = int.from_bytes(b, "big")
    low = int.from_bytes(b"\x7f" * n, "big")
    high = int.from_bytes(b"\x80" * n, "big")
    return (((x & low) + (y & low)) ^ ((x ^ y) & high)).to_bytes(n, "big")


def decode_png(data):
    """Decode an 8-bit, non-interlaced RGB or RGBA PNG.

    Returns (width, height, channels, rows): rows[y] holds width * channels
    bytes."""
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG file")
    pos = 8
    ihdr = None
    idat = []
    while pos + 12 <= len(data):
        length, = struct.unpack(">I", data[pos:pos + 4])
        ctype = data[pos + 4:pos + 8]
        body = data[pos + 8:pos + 8 + length]
        crc, = struct.unpack(">I", data[pos + 8 + length:pos + 12 + length])
        if zlib.crc32(ctype + body) & 0xFFFFFFFF != crc:
            raise ValueError("bad CRC in chunk %r" % ctype)
        if ctype == b"IHDR":
            ihdr = struct.unpack(">IIBBBBB", body)
        elif ctype == b"IDAT":
            idat.append(body)
        elif ctype == b"IEND":
            break
        pos += 12 + length
    if ihdr is None:
        raise ValueError("no IHDR chunk")
    width, height, depth, color, comp, filt, interlace = ihdr
    if depth != 8 or color not in (2, 6) or comp or filt or interlace:
        raise ValueError("unsupported PNG: depth %d, color type %d, interlace %d"
                         % (depth, color, interlace))
    bpp = 3 if color == 2 else 4
    raw = zlib.decompress(b"".join(idat))
    stride = width * bpp
    if len(raw) != height * (stride + 1):
        raise ValueError("image data has %d bytes, expected %d"
                         % (len(raw), height * (stride + 1)))
    rows = []
    prev = bytes(stride)
    for y in range(height):
        start = y * (stride + 1)
        ftype = raw[start]
        line = raw[start + 1:start + 1 + stride]
        if ftype == 0:
            cur = bytes(line)
        elif ftype == 2:
            cur = _add_bytes(line, prev)
        elif ftype in (1, 3, 4):
            cur = bytearray(line)
            for i in range(stride):
                a = cur[i - bpp] if i >= bpp else 0
                if ftype == 1:
                    cur[i] = (cur[i] + a) & 0xFF
                elif ftype == 3:
                    cur[i] = (cur[i] + ((a + prev[i]) >> 1)) & 0xFF
                else:
                    b = prev[i]
                    c = prev[i - bpp] if i >= bpp else 0
                    p = a + b - c
                    pa = abs(p - a)
                    pb = abs(p - b)
                    pc = abs(p - c)
                    if pa <= pb and pa <= pc:
                        pred = a
                    elif pb <= pc:
                        pred = b
                    else:
                        pred = c
                    cur[i] = (cur[i] + pred) & 0xFF
            cur = bytes(cur)
        else:
            raise ValueError("row %d: unknown filter type %d" % (y, ftype))
        rows.append(cur)
        prev = cur
    return width, height, bpp, rows


def near(px, color):
    return all(abs(px[k] - color[k]) <= TOLERANCE for k in range(3))


# ---- DOM ---------------------------------------------------------------------

class Dom(html.parser.HTMLParser):
    """What the checks need from a serialized DOM."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.body = None
        self.cells = []          # (classes, title)
        self.ids = set()
        self.row_heads = []      # text of the th of each tbody row
        self.scripts = {}        # id -> text
        self._in_tbody = False
        self._th = None
        self._script = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "body":
            self.body = a
        elif tag == "tbody":
            self._in_tbody = True
        elif tag == "td":
            classes = (a.get("class") or "").split()
            if "cell" in classes:
                self.cells.append((classes, a.get("title") or ""))
        elif tag == "th" and self._in_tbody:
            self._th = []
        elif tag == "script":
            self._script = (a.get("id"), [])

    def handle_endtag(self, tag):
        if tag == "tbody":
            self._in_tbody = False
        elif tag == "th" and self._th is not None:
            self.row_heads.append("".join(self._th))
            self._th = None
        elif tag == "script" and self._script is not None:
            if self._script[0]:
                self.scripts[self._script[0]] = "".join(self._script[1])
            self._script = None

    def handle_data(self, data):
        if self._th is not None:
            self._th.append(data)
        if self._script is not None:
            self._script[1].append(data)


def parse_dom(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        text = f.read()
    d = Dom()
    d.feed(text)
    d.close()
    return d


# ---- checks ------------------------------------------------------------------

class Results:
    def __init__(self):
        self.failed = 0

    def check(self, cond, what, detail=""):
        if cond:
            print("ok   " + what)
        else:
            self.failed += 1
            print("FAIL " + what + (": " + detail if detail else ""))
        return cond


def count_classes(seq):
    counts = dict.fromkeys(CLASSES, 0)
    for c in seq:
        counts[c] = counts.get(c, 0) + 1
    return counts


def fmt_counts(counts):
    return ", ".join("%s %d" % (k, v) for k, v in counts.items() if v)


def check_page_file(res, path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    # The embedded data is JSON text; everything else is the page's code.
    code = re.sub(r'(<script id="data" type="application/json">).*?(</script>)',
                  r"\1\2", text, count=1, flags=re.S)
    bad = [p for p in (r"<link\b", r"<img\b", r"<iframe\b", r"<object\b", r"<embed\b",
                       r"\bsrc\s*=", r"\bhref\s*=", r"url\(", r"@import", r"://",
                       r"\bfetch\(", r"XMLHttpRequest", r"WebSocket", r"\bimport\(")
           if re.search(p, code, re.I)]
    res.check(not bad, "page is self-contained (no external references)",
              "found " + ", ".join(bad))


def check_dom(res, dom, matrix, n):
    descs = matrix["descriptors"]
    want = [c["class"] for row in matrix["matrix"] for c in row]
    res.check(len(descs) == n and len(matrix["matrix"]) == n
              and all(len(row) == n for row in matrix["matrix"]),
              "--json --matrix is %d x %d" % (n, n),
              "descriptors %d, rows %d" % (len(descs), len(matrix["matrix"])))
    res.check(dom.body is not None and dom.body.get("data-ready") == "1",
              'body has data-ready="1" after the scripts ran',
              "body attributes %r" % (dom.body,))
    res.check(len(dom.cells) == n * n, "td.cell count is N*N = %d" % (n * n),
              "found %d" % len(dom.cells))
    known = [c for c, _ in dom.cells
             if len([k for k in c if k in CLASSES]) == 1]
    res.check(len(known) == len(dom.cells),
              "every td.cell has exactly one verdict class",
              "%d of %d do not" % (len(dom.cells) - len(known), len(dom.cells)))
    got = [next((k for k in c if k in CLASSES), "?") for c, _ in dom.cells]
    gc, wc = count_classes(got), count_classes(want)
    res.check(gc == wc, "cells per class match --json --matrix (%s)" % fmt_counts(wc),
              "page has %s" % fmt_counts(gc))
    wrong = [i for i in range(min(len(got), len(want))) if got[i] != want[i]]
    res.check(not wrong and len(got) == len(want),
              "each cell has the class of its (source, target) pair",
              "first differing cell row %d column %d" % divmod(wrong[0], n)
              if wrong else "lengths differ")
    res.check(dom.row_heads == [d["label"] for d in descs],
              "rows are labelled with the descriptors in input order",
              "got %r" % dom.row_heads[:3])
    titled = [t for _, t in dom.cells if any(code in t for code in REASON_CODES)]
    res.check(titled, "a cell's title names a reason code",
              "no title mentions any of the 6.9 codes")
    cells = [c for row in matrix["matrix"] for c in row]
    missing = []
    for i, (cell, (_, title)) in enumerate(zip(cells, dom.cells)):
        codes = [r["code"] for r in cell["reasons"]]
        if cell["verdict"] not in title or any(c not in title for c in codes):
            missing.append(i)
    res.check(not missing and len(cells) == len(dom.cells),
              "every cell's title gives its verdict and all its reason codes",
              "first at row %d column %d" % divmod(missing[0], n) if missing else "")
    res.check("detail" in dom.ids, "the page has #detail")


def check_probe(res, probe, matrix, n):
    text = probe.scripts.get("probe-result")
    if not res.check(text is not None, "layout probe ran"):
        return None
    info = json.loads(text)
    click = info.get("click")
    if res.check(click is not None, "clicking a cell"):
        cell = [c for row in matrix["matrix"] for c in row][click["index"]]
        codes = [r["code"] for r in cell["reasons"]]
        res.check(click["detail"] == click["title"] and click["detail"]
                  and all(c in click["detail"] for c in codes),
                  "clicking a cell shows its reasons in #detail",
                  "detail %.120r, title %.120r" % (click["detail"], click["title"]))
        res.check(click["picked"] and click["selected"] == 1,
                  "the clicked cell, only it, is marked selected")
    res.check(len(info["cells"]) == n * n, "probe sees N*N cells",
              "saw %d" % len(info["cells"]))
    return info


def check_pixels(res, png_path, info, matrix):
    with open(png_path, "rb") as f:
        data = f.read()
    try:
        width, height, bpp, rows = decode_png(data)
    except (ValueError, zlib.error) as e:
        res.check(False, "screenshot decodes as PNG", str(e))
        return
    res.check(True, "screenshot decodes as PNG (%dx%d, %s)"
              % (width, height, "RGB" if bpp == 3 else "RGBA"))
    scale = info.get("dpr") or 1
    # Headless Chromium keeps the width of --window-size for every run, but
    # a --dump-dom run's viewport may be shorter than the screenshot's; the
    # page's layout does not depend on the height.
    res.check(abs(width - info["vw"] * scale) <= 1,
              "screenshot width matches the probe's viewport (%d px)" % width,
              "%d vs %s at scale %s" % (width, info["vw"], scale))
    if info.get("sx") or info.get("sy"):
        res.check(False, "page laid out unscrolled", "scroll %s,%s" % (info["sx"], info["sy"]))
        return

    def px(x, y):
        o = x * bpp
        return rows[y][o:o + 3]

    classes = [c["class"] for row in matrix["matrix"] for c in row]
    present = {c for c in classes}

    # The table region only: the legend above it shows all four colors.
    t = info["table"]
    x0, y0 = max(0, int(t[0] * scale)), max(0, int(t[1] * scale))
    x1, y1 = min(width, int(t[2] * scale)), min(height, int(t[3] * scale))
    found = dict.fromkeys(CLASSES, 0)
    for y in range(y0, y1):
        row = rows[y]
        for x in range(x0, x1):
            o = x * bpp
            p = (row[o], row[o + 1], row[o + 2])
            for k, col in COLORS.items():
                if near(p, col):
                    found[k] += 1
                    break
    for k in CLASSES:
        if k in present:
            res.check(found[k] >= PRESENT_MIN,
                      "color of %s cells (#%02x%02x%02x) appears in the grid"
                      % ((k,) + COLORS[k]), "%d pixels" % found[k])
        else:
            res.check(found[k] < ABSENT_MAX,
                      "color of %s cells (#%02x%02x%02x) does not appear in the grid"
                      % ((k,) + COLORS[k]), "%d pixels" % found[k])

    # Each cell: a patch inside its top-left corner (away from the border
    # and the centered symbol) has the color of its class.
    wrong = []
    outside = 0
    painted = dict.fromkeys(CLASSES, 0)
    for i, (r, k) in enumerate(zip(info["cells"], classes)):
        cx, cy = int(r[0] * scale) + 4, int(r[1] * scale) + 4
        if cx + 6 > width or cy + 6 > height:
            outside += 1
            continue
        patch = [px(x, y) for y in range(cy, cy + 6) for x in range(cx, cx + 6)]
        good = sum(1 for p in patch if near(p, COLORS[k]))
        if good >= len(patch) * 0.8:
            painted[k] += 1
        else:
            wrong.append((i, k, tuple(patch[0])))
    if outside:
        print("note %d cells lie outside the %dx%d screenshot" % (outside, width, height))
    res.check(not wrong, "every cell in the screenshot is painted its class color (%s)"
              % fmt_counts(painted),
              "%d wrong, first row %d column %d: %s, pixel %r"
              % ((len(wrong),) + divmod(wrong[0][0], len(matrix["matrix"])) + wrong[0][1:])
              if wrong else "")


def main():
    if len(sys.argv) >= 2 and sys.argv[1] == "probe":
        if len(sys.argv) != 4:
            sys.exit("usage: page.py probe PAGE OUT")
        with open(sys.argv[2], encoding="utf-8") as f:
            text = f.read()
        cut = text.rfind("</body>")
        if cut < 0:
            sys.exit("page.py: %s: no </body>" % sys.argv[2])
        with open(sys.argv[3], "w", encoding="utf-8") as f:
            f.write(text[:cut] + PROBE_SCRIPT + text[cut:])
        return 0

    ap = argparse.ArgumentParser(prog="page.py check")
    ap.add_argument("cmd", choices=["check"])
    ap.add_argument("--page", required=True)
    ap.add_argument("--matrix-json", required=True)
    ap.add_argument("--n", type=int, required=True)
    ap.add_argument("--dom", required=True)
    ap.add_argument("--probe", required=True)
    ap.add_argument("--png", required=True)
    a = ap.parse_args()

    res = Results()
    with open(a.matrix_json, encoding="utf-8") as f:
        matrix = json.load(f)
    check_page_file(res, a.page)
    check_dom(res, parse_dom(a.dom), matrix, a.n)
    info = check_probe(res, parse_dom(a.probe), matrix, a.n)
    if info is not None:
        check_pixels(res, a.png, info, matrix)
    return 1 if res.failed else 0


if __name__ == "__main__":
    sys.exit(main())
