# SPDX-License-Identifier: GPL-2.0
# plan: 3
# A pinned link outlives its program on purpose; detach by path removes it.

load_module
PIN=/sys/fs/bpf/testmod_pin

t_begin "pin, exit, trigger still works, detach by pin path"
struct_ops -c 1 -P $PIN > $OUT 2>&1
expect_eq "$?" 0 "exit status"
expect_in $OUT "left attached, pinned at $PIN"
[ -e $PIN ] || t_fail "$PIN missing"
trigger
expect_dmesg_count "hello: test_1() returned: 42" 2
struct_ops status > $OUT 2>&1
expect_in $OUT "pinned: $PIN (link)"
expect_in $OUT "held by: no process"
expect_not_in $OUT "LINGERING"
rmmod hello 2>/dev/null && t_fail "rmmod succeeded while pinned"
struct_ops detach $PIN > $OUT 2>&1
expect_eq "$?" 0 "detach exit status"
expect_in $OUT "removed pin $PIN"
[ -e $PIN ] && t_fail "$PIN still there"
trigger
expect_dmesg "hello: No struct_ops registered"
unload_module
t_end

load_module

t_begin "pin errors leave nothing behind; detach errors are one line"
struct_ops -c 1 -P /tmp/not-bpffs > $OUT 2> $ERR
expect_eq "$?" 1 "exit status for a pin outside bpffs"
expect_in $ERR "must be in a bpffs mount such as /sys/fs/bpf"
trigger
expect_dmesg "hello: No struct_ops registered"
struct_ops detach /sys/fs/bpf/nothing > $OUT 2> $ERR
expect_eq "$?" 1 "exit status for a missing pin"
expect_in $ERR "cannot open pin /sys/fs/bpf/nothing: no such pin"
expect_lines $ERR 1
struct_ops detach > $OUT 2> $ERR
expect_eq "$?" 1 "exit status with nothing registered"
expect_in $ERR "no bpf_testmod_ops implementation is registered: nothing to detach"
struct_ops -c 1 -L -P $PIN > $OUT 2> $ERR
expect_eq "$?" 2 "exit status for -L with -P"
t_end

t_begin "detach with no argument detaches the running loader's link (EPOLLHUP, exit 4)"
start_bg $OUT -i 0.3
struct_ops detach > /tmp/d.out 2>&1
expect_eq "$?" 0 "detach exit status"
wait $BG_PID
expect_eq "$?" 4 "the loader's exit status"
expect_in $OUT "exiting: implementation detached by the kernel"
grep -q 'reason="user detach"' /proc/bpf_testmod_status || t_fail "status file lacks the user detach"
t_end
