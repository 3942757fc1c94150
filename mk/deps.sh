#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
# deps.sh [--verify] GROUP... - make sure the Debian packages of each GROUP
# in mk/packages.txt are installed: installs them with apt-get when run as
# root, otherwise names the missing ones and fails.  With --verify it never
# installs (a plain `make` uses it): it names what is missing and fails.
set -eu
here=$(dirname "$0")
verify=
if [ "${1:-}" = --verify ]; then
	verify=1
	shift
fi
missing=
for group in "$@"; do
	pkgs=$(sed -n "s/^$group:[[:space:]]*//p" "$here/packages.txt")
	[ -n "$pkgs" ] || { echo "deps.sh: no package group '$group'" >&2; exit 2; }
	for p in $pkgs; do
		case " $missing " in *" $p "*) continue ;; esac
		if ! dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed'; then
			missing="$missing $p"
		fi
	done
done
[ -z "$missing" ] && exit 0
if [ -n "$verify" ]; then
	echo "deps.sh: missing Debian packages:$missing" >&2
	echo "deps.sh: install them with 'make deps' (as root) or: sudo apt-get install$missing" >&2
	exit 1
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
	echo "deps.sh: installing:$missing"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	# shellcheck disable=SC2086
	apt-get install -y -qq --no-install-recommends $missing
else
	echo "deps.sh: missing Debian packages:$missing" >&2
	echo "deps.sh: install them with: sudo apt-get install$missing" >&2
	exit 1
fi
