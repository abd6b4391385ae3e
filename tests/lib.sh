# SPDX-License-Identifier: GPL-2.0
# Test helpers shared by the host tests (bash) and the guest tests (busybox
# sh): set T_SUITE (host, guest), then t_begin NAME; checks, each calling
# t_fail on a mismatch; t_end prints "ok - SUITE: NAME" or
# "not ok - SUITE: NAME: first failure". The guest's lib.sh adds to
# t_begin (a fresh kernel log per test).

t_begin() {
	T_NAME=$1
	T_FAIL=
}

t_fail() {
	[ -n "$T_FAIL" ] || T_FAIL=$*
	echo "#   $T_NAME: $*"
}

t_end() {
	if [ -z "$T_FAIL" ]; then
		echo "ok - $T_SUITE: $T_NAME"
	else
		echo "not ok - $T_SUITE: $T_NAME: $T_FAIL"
	fi
}

expect_eq() {		# GOT WANT WHAT
	[ "$1" = "$2" ] || t_fail "$3: got '$1', want '$2'"
}

expect_in() {		# FILE TEXT
	grep -qF -- "$2" "$1" || t_fail "$(basename "$1") lacks '$2' (has: $(head -c 300 "$1" | tr '\n' '|'))"
}

expect_not_in() {	# FILE TEXT
	! grep -qF -- "$2" "$1" || t_fail "$(basename "$1") has '$2'"
}

expect_lines() {	# FILE N
	local n
	n=$(wc -l < "$1")
	[ "$n" = "$2" ] || t_fail "$(basename "$1") has $n lines, want $2: $(tr '\n' '|' < "$1")"
}

# JSON read as JSON, with tests/tools/jsonget (static: the guest has no
# parser). JSONGET is where it was built.
json_ok() {		# FILE: exactly one valid document
	"$JSONGET" < "$1" 2> /tmp/jsonget.err ||
		t_fail "$(basename "$1") is not one JSON document: $(cat /tmp/jsonget.err)"
}

json_get() {		# FILE PATH: the value at PATH (.key, [N]); empty if none
	"$JSONGET" "$2" < "$1" 2>/dev/null
}

expect_json() {		# FILE PATH WANT
	local got
	json_ok "$1"
	got=$(json_get "$1" "$2") || got="(no $2)"
	[ "$got" = "$3" ] || t_fail "$(basename "$1") $2: got '$got', want '$3'"
}
