#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make bench's smoke mode: the guest benchmark with few calls and writes,
# then bench/report --check: every figure present and positive. Nothing
# here asserts a time.
set -u
cd "$(dirname "$0")/../.."

. tests/host/lib.sh

out=build/tests/bench-smoke
mkdir -p $out

t_begin "bench smoke: every figure of the guest benchmark present and positive"
vm/run -q --no-build --add bench -- bench/guest-bench --smoke >$out/guest.log 2>&1
expect_eq $? 0 "guest-bench's exit status ($(tail -n 3 $out/guest.log | tr '\n' '|'))"
bench/report --check $out >$out/check.out 2>&1 || t_fail "$(cat $out/check.out)"
bench/report $out >$out/table.txt 2>&1
expect_eq $? 0 "report's exit status ($(tail -n 2 $out/table.txt | tr '\n' '|'))"
json_ok $out/results.json
t_end
