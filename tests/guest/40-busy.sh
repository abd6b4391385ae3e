# SPDX-License-Identifier: GPL-2.0
# plan: 1
# One implementation at a time: the second loader names the first.

load_module

t_begin "a second struct_ops exits 3 naming the holder; the first keeps serving"
start_bg /tmp/first.out -i 3600
struct_ops -c 1 > $OUT 2> $ERR
expect_eq "$?" 3 "exit status of the second"
expect_in $ERR "Error: bpf_testmod_ops already has an implementation: map "
expect_in $ERR "'testmod_ops', link "
expect_in $ERR "held by process $BG_PID (struct_ops); stop it first (kill $BG_PID)"
expect_lines $ERR 1
expect_not_in $OUT "attached"
trigger
expect_dmesg "hello: test_1() returned: 42"
expect_no_dmesg "No struct_ops registered"
kill -0 "$BG_PID" 2>/dev/null || t_fail "the first struct_ops died"
stop_bg INT
expect_eq "$BG_RC" 0 "exit status of the first"
t_end
