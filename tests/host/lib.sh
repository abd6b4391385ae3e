# SPDX-License-Identifier: GPL-2.0
# Helpers for the host tests (bash): t_begin NAME; checks; t_end prints
# "ok - host: NAME" or "not ok - host: NAME: first failure".
T=
FAIL=
t_begin() { T=$1; FAIL=; }
t_fail() { [ -n "$FAIL" ] || FAIL=$*; echo "#   $T: $*"; }
t_end() { if [ -z "$FAIL" ]; then echo "ok - host: $T"; else echo "not ok - host: $T: $FAIL"; fi; }
expect_eq() { [ "$1" = "$2" ] || t_fail "$3: got '$1', want '$2'"; }
expect_in() { grep -qF -- "$2" "$1" || t_fail "$(basename "$1") lacks '$2': $(head -c 400 "$1" | tr '\n' '|')"; }
