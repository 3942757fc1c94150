# SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
# expect.sh - the helpers the shell tests share; sourced after they set
# $tmp (a scratch directory) and pass=0 fail=0.

# expect STATUS DESCRIPTION COMMAND...: run, compare the exit status.
expect() {
	want=$1; what=$2; shift 2
	"$@" > "$tmp/out" 2> "$tmp/err"
	got=$?
	if [ "$got" -eq "$want" ]; then
		pass=$((pass + 1))
	else
		echo "FAIL $what: exit $got, expected $want"; sed 's/^/  | /' "$tmp/out" "$tmp/err" | head -10
		fail=$((fail + 1))
	fi
}
# check DESCRIPTION SHELL-CONDITION
check() {
	if sh -c "$2"; then pass=$((pass + 1)); else echo "FAIL $1"; fail=$((fail + 1)); fi
}
