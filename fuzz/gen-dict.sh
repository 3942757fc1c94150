#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
# gen-dict.sh [SPEC [VENDORS]] - write the libFuzzer/AFL++ dictionary of the
# mdevdesc grammar to standard output (committed as fuzz/dict/mdevdesc.dict):
#
#   key_*     the keys of spec/mdevdesc.md: the first column of the top-level
#             key table (section 5), and the keys named by R-PARAM-FORM and
#             R-FEATURE-FORM; each also as "KEY: ";
#   enum_*    the device_api names of R-DEVICE-API, the rules of R-RULE;
#   vendor_*  the registered vendors (spec/vendors.yaml);
#   quote_*   the words of the quoting table (section 4.4), split at '|'
#             and at ", ", regular expressions left out, plus examples;
#   tok_*     the grammar's indicators, document markers, line ends, escapes
#             of R-SYNTAX-ESCAPE and byte sequences of spec 4.1 (BOM,
#             U+2028, NEL, an overlong form, a surrogate, ...);
#   host_*    discovery (spec 9): the directories and attributes of mdev
#             and PCI sysfs, the shipped files' directories, parents
#             entries, link targets and the commands of the `catalog`
#             target (fuzz/catalog.c), mdevctl's JSON.
#
# Run it again after a spec change: sh fuzz/gen-dict.sh > fuzz/dict/mdevdesc.dict
set -eu
spec=${1:-spec/mdevdesc.md}
vendors=${2:-spec/vendors.yaml}
export LC_ALL=C

# Literal words, one a line, prefixed "NAME<TAB>".
words() {
	# Top-level keys: rows of the table whose header is "| key | kind |...".
	awk -F'|' '
		/^\| key \| kind \|/ { t = 1; next }
		t && /^\|---/ { next }
		t && /^\|/ { k = $2; gsub(/[ `]/, "", k); print "key\t" k; next }
		t { t = 0 }' "$spec" | sed 's/\.\.\.$//'
	# Entry keys: the backquoted names in the R-PARAM-FORM and R-FEATURE-FORM paragraphs.
	awk '
		/\*\*\[R-(PARAM|FEATURE)-FORM\]\*\*/ { p = 1 }
		p && /^$/ { p = 0 }
		p { while (match($0, /`[a-z_]+`/)) { print "key\t" substr($0, RSTART + 1, RLENGTH - 2); $0 = substr($0, RSTART + RLENGTH) } }' "$spec"
	# Enumerations.
	awk '
		/\*\*\[R-(DEVICE-API|RULE)\]\*\*/ { p = 1 }
		p && /^$/ { p = 0 }
		p { while (match($0, /`[a-z][a-z-]*`/)) { print "enum\t" substr($0, RSTART + 1, RLENGTH - 2); $0 = substr($0, RSTART + RLENGTH) } }' "$spec" |
		grep -v -e '	rule$' -e '	device-api$' -e '	unknown-enum$'
	# Vendors.
	sed -n 's/^\([a-z0-9][a-z0-9-]*\):.*/vendor\t\1/p' "$vendors"
	# The quoting table: every backquoted item of its rows, split into words.
	awk -F'|' '
		/^\| # \| name \| pattern \|/ { t = 1; next }
		t && /^\|---/ { next }
		t && /^\|/ {
			line = $0
			gsub(/\\\|/, "\001", line)
			while (match(line, /`[^`]*`/)) {
				item = substr(line, RSTART + 1, RLENGTH - 2)
				line = substr(line, RSTART + RLENGTH)
				n = split(item, w, "\001")
				for (i = 1; i <= n; i++) {
					m = split(w[i], v, " ")
					for (j = 1; j <= m; j++) print "quote\t" v[j]
				}
			}
			next
		}
		t { t = 0 }' "$spec" | grep -v '[][()*?{}\\]' | grep -v '	$' || true
	# Examples of the rows whose patterns are regular expressions.
	for w in .inf -.Inf +.INF .nan .NaN 0x1f 0X1F 0o17 0b101 1e3 1E-3 1.5 .5 1_000 -_5 +_5 \
		010 1:20 1:20.5 2001-12-14 "2001-12-14 21:59:43" 2001-12-14T21:59:43Z 2001-1-2 \
		9223372036854775807 -9223372036854775808 9223372036854775808 65535 65536 \
		1.0 1.1 1.12 2.0 1.0.0 2.3.1 0.0 1.8..1.9 1.8.0..1.8.9 2.0..2.3 0..2000 -5..5 \
		"0x0" 0x 0xffffffffffffffff x- x-vendor- superset equal; do
		printf 'quote\t%s\n' "$w"
	done
}

# Escape a literal for the dictionary: \\ \" and \xNN for bytes outside 0x20-0x7e.
escape() {
	awk -F'\t' '
		BEGIN { for (i = 1; i < 256; i++) ord[sprintf("%c", i)] = i }
		{
			s = ""
			for (i = 1; i <= length($2); i++) {
				c = substr($2, i, 1)
				if (c == "\\" || c == "\"") s = s "\\" c
				else if (ord[c] < 32 || ord[c] > 126) s = s sprintf("\\x%02x", ord[c])
				else s = s c
			}
			print $1 "\t" s
		}'
}

# Tokens, already in dictionary syntax.
tokens() {
	for t in '-' '?' ':' ',' '[' ']' '{' '}' '#' '&' '*' '!' '|' '>' "'" '\"' '%' '@' '`' \
		'- ' ': ' ' #' '# ' '---' '...' '--- ' '---\x0a' '...\x0a' '\x0a---\x0a' '\x0a...\x0a' \
		'\x0a' '\x0d\x0a' '\x0d' '  ' '    ' '\x09' '\x00' '\x7f' '\x0a===\x0a' '..' \
		'<<' '=' "''" '\"\"' '[]' '{}' '{ ' ' }' ', ' '- - ' '? ' '&a ' '*a' '!!str ' \
		'%YAML 1.2' '%TAG ' '|\x0a' '>-\x0a' \
		'\\0' '\\a' '\\b' '\\t' '\\n' '\\v' '\\f' '\\r' '\\e' '\\ ' '\\\"' '\\/' '\\\\' \
		'\\N' '\\_' '\\L' '\\P' '\\x41' '\\x7f' '\\u00e9' '\\u2028' '\\ufeff' '\\uD800' \
		'\\U0001F600' '\\U00110000' '\\q' '\\\x0a' \
		'\xef\xbb\xbf' '\xc2\x85' '\xc2\xa0' '\xe2\x80\xa8' '\xe2\x80\xa9' '\xef\xbf\xbe' \
		'\xef\xbf\xbf' '\xc3\xa9' '\xf0\x9f\x98\x80' '\xc0\xaf' '\xe0\x80\xaf' '\xed\xa0\x80' \
		'\xf4\x90\x80\x80' '\xf8' '\x80' '\xc2'; do
		printf 'tok\t%s\n' "$t"
	done
}

# Discovery, already in dictionary syntax.
host() {
	for t in 'sys/class/mdev_bus/' 'sys/bus/mdev/devices/' 'sys/bus/pci/devices/' \
		'sys/devices/pci0000:00/' 'mdev_supported_types/' 'migration_descriptor' \
		'mdev_type' 'available_instances' 'device_api' 'name' 'description' 'driver' \
		'devices/' 'vendor' 'device' 'etc/mdevdesc/' 'usr/share/mdevdesc/' \
		'etc/mdevctl.d/' '.yaml' '0x8086\\n' '0000:00:02.0' 'matrix' '0.0.fffe' \
		'pci:8086:3e92' 'driver:' 'device:' 'parents: ' '../' '../../../' '/' '//' '.' \
		'D ' 'F ' 'L ' 'P ' 'C ' ' 666' ' 620' '\\n' \
		'J{' '\"attrs\": [' '{\"a\": \"1\"}' '\"mdev_type\": ' '\\u0000' '\\ud800'; do
		printf 'host\t%s\n' "$t"
	done
}

echo "# SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause"
echo "# mdevdesc.dict - libFuzzer/AFL++ dictionary of the mdevdesc grammar."
echo "# Generated by fuzz/gen-dict.sh from spec/mdevdesc.md and spec/vendors.yaml; do not edit."
{
	words | escape
	words | awk -F'\t' '$1 == "key" { print "key\t" $2 ": " }' | escape
	words | awk -F'\t' '$1 == "enum" || $1 == "vendor" { print $1 "\t" $2 "\\x0a" }' | escape |
		sed 's/\\\\x0a$/\\x0a/'
	tokens
	host
} | awk -F'\t' '!seen[$2]++ { n[$1]++; printf "%s_%d=\"%s\"\n", $1, n[$1], $2 }'
