/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/*
 * compat-html.c - the compatibility matrix of mdevdesc-compat as one
 * self-contained HTML page: the matrix as JSON data (compat-json.c) inside
 * a <script> block, drawn by a small script; no network, no external file.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "compat.h"

/* The page: the matrix as JSON data, drawn by a script; no network. */
static const char html_head[] =
	"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
	"<title>mdevdesc compatibility matrix</title>\n<style>\n"
	"body{font:14px system-ui,sans-serif;margin:1.5em;color:#222}\n"
	"table{border-collapse:collapse}th,td{border:1px solid #999;padding:0}\n"
	"th{font-weight:normal;padding:4px 8px;text-align:left;white-space:nowrap}\n"
	"thead th{writing-mode:vertical-rl;transform:rotate(180deg);vertical-align:bottom}\n"
	"td.cell{width:36px;height:36px;text-align:center;cursor:pointer;font-weight:bold}\n"
	"td.compatible{background:#2e9e44;color:#fff}td.oneway{background:#9ed36a}\n"
	"td.incompatible{background:#d7263d;color:#fff}td.undecidable{background:#f4b400}\n"
	"td.selected{outline:3px solid #000}#detail{margin-top:1em;white-space:pre-wrap;"
	"font-family:monospace;max-width:60em}\n.legend span{display:inline-block;padding:2px 8px;margin-right:6px}\n"
	"</style></head><body>\n<h1>Compatibility matrix</h1>\n"
	"<p>Row: source (the running device). Column: target (what a host creates). "
	"Hover or click a cell for its reasons.</p>\n<p class=\"legend\">"
	"<span class=\"compatible\" style=\"background:#2e9e44;color:#fff\">compatible</span>"
	"<span style=\"background:#9ed36a\">compatible, one-way (the target cannot create the source's version)</span>"
	"<span style=\"background:#d7263d;color:#fff\">incompatible</span>"
	"<span style=\"background:#f4b400\">undecidable</span></p>\n"
	"<table id=\"matrix\"></table>\n<div id=\"detail\"></div>\n<script id=\"data\" type=\"application/json\">";

static const char html_tail[] =
	"</script>\n<script>\n"
	"(function(){\n"
	"var d=JSON.parse(document.getElementById('data').textContent);\n"
	"var t=document.getElementById('matrix'),det=document.getElementById('detail');\n"
	"var sym={compatible:'\\u2713',oneway:'\\u2192',incompatible:'\\u2717',undecidable:'?'};\n"
	"function txt(c,i,j){var s=d.descriptors[i].label+' \\u2192 '+d.descriptors[j].label+': '+c.verdict;\n"
	" if(c.verdict==='compatible')s+=c.reversible?' (same minor)':' (other minor)';\n"
	" c.reasons.forEach(function(r){s+='\\n  '+r.code+' at '+r.path+' (source '+JSON.stringify(r.source)+', target '+JSON.stringify(r.target)+')';});\n"
	" return s;}\n"
	"var hr=document.createElement('tr');hr.appendChild(document.createElement('th'));\n"
	"d.descriptors.forEach(function(x){var th=document.createElement('th');th.textContent=x.label;hr.appendChild(th);});\n"
	"var th=document.createElement('thead');th.appendChild(hr);t.appendChild(th);\n"
	"var tb=document.createElement('tbody');\n"
	"d.matrix.forEach(function(row,i){var tr=document.createElement('tr');\n"
	" var h=document.createElement('th');h.textContent=d.descriptors[i].label;tr.appendChild(h);\n"
	" row.forEach(function(c,j){var td=document.createElement('td');td.className='cell '+c['class'];\n"
	"  td.textContent=sym[c['class']];td.title=txt(c,i,j);\n"
	"  td.addEventListener('click',function(){var s=t.querySelectorAll('td.selected');\n"
	"   for(var k=0;k<s.length;k++)s[k].classList.remove('selected');td.classList.add('selected');det.textContent=txt(c,i,j);});\n"
	"  tr.appendChild(td);});\n"
	" tb.appendChild(tr);});\n"
	"t.appendChild(tb);document.body.setAttribute('data-ready','1');\n"
	"})();\n</script>\n</body></html>\n";

int compat_html(const char *path, const struct target *t, size_t n, mdevdesc_report *r)
{
	char *buf = NULL;
	size_t len = 0, i;
	FILE *m = open_memstream(&buf, &len), *f;
	int ok;

	if (!m) {
		fprintf(stderr, "mdevdesc-compat: %s\n", strerror(errno));
		return -1;
	}
	ok = compat_json_matrix(m, t, n, r) == 0;
	if (fclose(m) || !ok) {
		free(buf);
		return -1;
	}
	f = fopen(path, "w");
	if (!f) {
		fprintf(stderr, "mdevdesc-compat: %s: %s\n", path, strerror(errno));
		free(buf);
		return -1;
	}
	fputs(html_head, f);
	for (i = 0; i < len; i++) {
		/* Keep the data inert inside <script>: escape '<'. */
		if (buf[i] == '<')
			fputs("\\u003c", f);
		else
			fputc(buf[i], f);
	}
	fputs(html_tail, f);
	ok = fclose(f) == 0;
	free(buf);
	if (!ok) {
		fprintf(stderr, "mdevdesc-compat: %s: %s\n", path, strerror(errno));
		return -1;
	}
	printf("%s: %zu x %zu matrix written\n", path, n, n);
	return 0;
}
