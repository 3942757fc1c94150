/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/*
 * compat-html.c - the compatibility matrix of mdevdesc-compat as one
 * self-contained HTML page: the matrix as JSON data (compat-json.c) inside
 * a <script> block, drawn by a small script; no network, no external file.
 */
#include <ctype.h>
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
	"/* a value as JSON, the visible escapes of the data shown with one backslash */\n"
	"function show(v){return JSON.stringify(v).replace(/\\\\\\\\/g,'\\\\');}\n"
	"function txt(c,i,j){var s=d.descriptors[i].label+' \\u2192 '+d.descriptors[j].label+': '+c.verdict;\n"
	" if(c.verdict==='compatible')s+=c.reversible?' (same minor)':' (other minor)';\n"
	" c.reasons.forEach(function(r){s+='\\n  '+r.code+' at '+r.path+' (source '+show(r.source)+', target '+show(r.target)+')';});\n"
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

/*
 * The escape that shows the code point @cp (below U+10000, not a
 * surrogate) in the page, as cli_visible_char() gives it; "" if none.
 */
static void cp_escape(unsigned cp, char esc[12])
{
	char u[3];
	size_t n = 1;

	if (cp < 0x80) {
		u[0] = (char)cp;
	} else if (cp < 0x800) {
		u[0] = (char)(0xC0 | cp >> 6), u[1] = (char)(0x80 | (cp & 0x3F)), n = 2;
	} else {
		u[0] = (char)(0xE0 | cp >> 12), u[1] = (char)(0x80 | (cp >> 6 & 0x3F));
		u[2] = (char)(0x80 | (cp & 0x3F)), n = 3;
	}
	cli_visible_char(u, n, 0, esc);
}

/*
 * Write the JSON text @s[0..n) so that it is inert inside <script> ('<' as
 * \u003c) and so that every character a terminal would act on or that
 * reorders text (cli_visible_char()) reaches the page as its visible
 * escape: a JSON string then holds the six characters \u202e, not U+202E,
 * and a bidi override in a name cannot reorder the page.
 */
static void put_page_json(FILE *f, const char *s, size_t n)
{
	size_t i = 0, len;
	char esc[12];

	while (i < n) {
		unsigned cp = 0, k;

		esc[0] = '\0';
		len = 1;
		if (s[i] == '\\' && i + 5 < n && s[i + 1] == 'u') {
			/* \uHHHH: the JSON writer's escape of a control character */
			for (k = 0; k < 4 && isxdigit((unsigned char)s[i + 2 + k]); k++)
				cp = cp << 4 |
				     (unsigned)(isdigit((unsigned char)s[i + 2 + k])
							? s[i + 2 + k] - '0'
							: (s[i + 2 + k] | 0x20) - 'a' + 10);
			len = k == 4 ? 6 : 2;
			if (k == 4 && (cp < 0xD800 || cp > 0xDFFF))
				cp_escape(cp, esc);
		} else if (s[i] == '\\' && i + 1 < n) {
			len = 2;
		} else if ((unsigned char)s[i] >= 0x80) {
			len = cli_visible_char(s, n, i, esc);
		}
		if (esc[0])
			fprintf(f, "\\%s", esc); /* a JSON backslash, then the escape's text */
		else if (s[i] == '<')
			fputs("\\u003c", f);
		else
			fwrite(s + i, 1, len, f);
		i += len;
	}
}

int compat_html(const char *path, const struct target *t, size_t n, mdevdesc_report *r)
{
	char *buf = NULL;
	struct target *shown;
	size_t len = 0, i;
	FILE *m = open_memstream(&buf, &len), *f;
	int ok;

	if (!m) {
		fprintf(stderr, "mdevdesc-compat: %s\n", strerror(errno));
		return -1;
	}
	/* The labels as cli_vis() shows them: a file name need not be UTF-8. */
	shown = malloc((n ? n : 1) * sizeof(*shown));
	for (i = 0; shown && i < n; i++) {
		shown[i] = t[i];
		snprintf(shown[i].label, sizeof(shown[i].label), "%s", cli_vis(t[i].label));
	}
	if (!shown)
		fprintf(stderr, "mdevdesc-compat: %s\n", strerror(ENOMEM));
	ok = shown && compat_json_matrix(m, shown, n, r) == 0;
	free(shown);
	if (fclose(m) || !ok) {
		free(buf);
		return -1;
	}
	f = fopen(path, "w");
	if (!f) {
		fprintf(stderr, "mdevdesc-compat: %s: %s\n", cli_vis(path), strerror(errno));
		free(buf);
		return -1;
	}
	fputs(html_head, f);
	put_page_json(f, buf, len);
	fputs(html_tail, f);
	ok = fclose(f) == 0;
	free(buf);
	if (!ok) {
		fprintf(stderr, "mdevdesc-compat: %s: %s\n", cli_vis(path), strerror(errno));
		return -1;
	}
	printf("%s: %zu x %zu matrix written\n", cli_vis(path), n, n);
	return 0;
}
