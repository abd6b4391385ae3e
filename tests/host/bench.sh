#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make bench's smoke mode: the guest benchmark with few calls and writes,
# then bench/report --check: every figure present and positive; the host
# loopback bench on a few MB. Nothing here asserts a time.
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

# make bench's real-CPU figure (bench/src/loopback.c): kit_reno, the
# kernel's Reno in BPF, must really carry the traffic it times, and leave
# nothing registered behind. Few bytes: this checks it works, not its speed.
lb=build/bench/loopback
t_begin "loopback bench: kit_reno (BPF Reno) carries the transfer, its operators are counted, nothing stays registered"
if [ ! -x $lb ]; then
	t_fail "$lb is not built (make test-fixtures)"
elif ! grep -qw reno /proc/sys/net/ipv4/tcp_allowed_congestion_control 2>/dev/null &&
	! grep -qw reno /proc/sys/net/ipv4/tcp_available_congestion_control 2>/dev/null; then
	t_fail "this host kernel has no reno"
else
	$lb -p 1 -m 16 -o build/bench/reno.bpf.o >$out/loopback.out 2>&1
	expect_eq $? 0 "loopback's exit status ($(tr '\n' '|' <$out/loopback.out))"
	calls=$(awk '$2 == "host.loopback.cong_avoid_calls" { print $3 }' $out/loopback.out)
	[ "${calls:-0}" -gt 0 ] || t_fail "kit_reno's cong_avoid was never called: $(tr '\n' '|' <$out/loopback.out)"
	for k in native_gbps bpf_gbps native_cpu_s_per_gb bpf_cpu_s_per_gb cong_avoid_avg_ns; do
		awk -v k="host.loopback.$k" '$2 == k && $3 > 0 { f = 1 } END { exit !f }' $out/loopback.out ||
			t_fail "no positive $k: $(tr '\n' '|' <$out/loopback.out)"
	done
	expect_not_in /proc/sys/net/ipv4/tcp_available_congestion_control kit_reno
fi
t_end

t_begin "loopback bench: bad arguments get one line naming the limits and exit 2"
$lb -p 0 >$out/lb-bad.out 2>&1
expect_eq $? 2 "exit status of loopback -p 0"
expect_in $out/lb-bad.out "loopback: error: PAIRS must be 1..100, MB 1..1048576, MTU 1280..65536"
expect_lines $out/lb-bad.out 1
$lb -o /nonexistent.bpf.o -p 1 -m 1 >$out/lb-bad.out 2>&1
expect_eq $? 1 "exit status of loopback -o /nonexistent.bpf.o"
expect_in $out/lb-bad.out "loopback: error: /nonexistent.bpf.o: No such file or directory (make bench builds it)"
t_end
