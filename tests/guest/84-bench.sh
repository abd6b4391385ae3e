# SPDX-License-Identifier: GPL-2.0
# plan: 4
# /proc/bpf_testmod_bench, the benchmark's entry in the module: what it
# refuses, and that a run reports four positive times. (make bench runs
# it for figures; nothing here asserts a time.)

ASUSER=build/tests/tools/asuser
BENCH=/proc/bpf_testmod_bench
load_module

bench_write() {	# TEXT: "ok" or the error
	echo "$1" > $BENCH 2> /tmp/bench.err && echo ok || sed 's/.*: //' /tmp/bench.err
}

t_begin "the bench file refuses bad commands, non-root, and an operator nothing implements"
expect_eq "$(cat $BENCH)" none "before any run"
for bad in "" "test_1" "test_1 0" "test_1 -5" "test_1 x" "nope 10" "test_1 100000001" "test_1 10 20" "$(printf 'test_1 1%.0s' $(seq 10))"; do
	expect_eq "$(bench_write "$bad")" "Invalid argument" "'$bad'"
done
expect_eq "$(bench_write "test_1 10")" "No such file or directory" "with nothing registered"
"$ASUSER" -u 65534 -- cat $BENCH > $OUT 2>&1 && t_fail "nobody read the bench file"
"$ASUSER" -n -- sh -c "echo 'test_1 10' > $BENCH" > $OUT 2>&1 && t_fail "root without capabilities ran a bench"
expect_eq "$(stat -c %a $BENCH)" 600 "mode"
t_end

t_begin "with the bench implementation: four positive times for each operator it has"
start_bg /tmp/bench-bg.out -N -o build/bpf/bench.bpf.o
for op in test_1 test_2 test_3; do
	expect_eq "$(bench_write "$op 1000")" ok "$op"
	line=$(cat $BENCH)
	for way in bpf native direct empty; do
		v=$(echo "$line" | sed -n "s/.* ${way}_ns=\([0-9]*\).*/\1/p")
		[ -n "$v" ] && [ "$v" -gt 0 ] || t_fail "$op: ${way}_ns is '$v' in '$line'"
	done
	expect_in_text() { case "$1" in *"$2"*) ;; *) t_fail "'$1' lacks '$2'" ;; esac; }
	expect_in_text "$line" "op=$op calls=1000 chunks="
done
expect_eq "$(bench_write "op_0 10")" "No such file or directory" "op_0 without a many_ops implementation"
stop_bg INT
expect_eq "$BG_RC" 0 "the bench implementation's exit status"
t_end

t_begin "a bench racing a detach ends cleanly: a result or ENOENT, never a crash"
start_bg /tmp/bench-bg.out -N -o build/bpf/bench.bpf.o
( r=$(bench_write "test_2 3000000"); echo "$r" > /tmp/bench.race ) &
racer=$!
sleep 0.5
stop_bg INT
wait $racer
case "$(cat /tmp/bench.race)" in
ok|"No such file or directory") ;;
*) t_fail "the raced bench said '$(cat /tmp/bench.race)'" ;;
esac
expect_eq "$(bench_write "test_1 10")" "No such file or directory" "after the detach"
t_end

t_begin "a slow implementation (bpf_loop in test_1): the bench finishes in small chunks, no lockup"
start_bg /tmp/bench-bg.out -N -o build/bpf/tests/slow.bpf.o
expect_eq "$(bench_write "test_1 40")" ok "test_1 40 with the slow implementation"
line=$(cat $BENCH)
case "$line" in "op=test_1 calls=40 "*) ;; *) t_fail "result: '$line'" ;; esac
# a call takes milliseconds here: chunks of one or two calls, not one of 40
chunks=$(echo "$line" | sed -n 's/.* chunks=\([0-9]*\) .*/\1/p')
[ -n "$chunks" ] && [ "$chunks" -ge 20 ] || t_fail "40 slow calls ran in '$chunks' chunks: $line"
stop_bg INT
expect_eq "$BG_RC" 0 "the slow implementation's exit status"
t_end

unload_module
