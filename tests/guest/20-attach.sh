# SPDX-License-Identifier: GPL-2.0
# plan: 4
# The seed's scenario: load, attach, trigger once, detach.

load_module

t_begin "struct_ops -c 1: 42, 30, and test_3's length in dmesg"
trace_clear
struct_ops -c 1 > $OUT 2> $ERR
expect_eq "$?" 0 "exit status"
expect_in $OUT "attached bpf_testmod_ops implementation 'testmod_ops': map id"
expect_in $OUT "trigger 1: wrote 21 bytes to /proc/bpf_testmod_trigger"
expect_in $OUT "  kernel: test_1() returned: 42"
expect_in $OUT "exiting: 1 trigger done; detached"
expect_lines $ERR 0
expect_dmesg_count "hello: Calling struct_ops callbacks:" 1
expect_dmesg "hello: test_1() returned: 42"
expect_dmesg "hello: test_2(10, 20) returned: 30"
expect_dmesg "hello: test_3() called with buffer of 21 bytes, returned: 21"
expect_dmesg "hello: struct_ops implementation 'seed' registered by struct_ops["
expect_dmesg "hello: struct_ops implementation unregistered: user detach"
expect_dmesg_count "hello: bpf: BPF test_1 called!" 1
t_end

t_begin "bpf_printk lines are in the trace buffer; the kfunc's line is in dmesg"
expect_trace "BPF test_1 called!"
expect_trace "BPF test_2 called: 10 + 20 = 30"
expect_trace "BPF test_3 called with buffer length 21, first char 'H'"
expect_trace "BPF test_4 called with 21 bytes"
expect_no_dmesg "BPF test_2 called"
t_end

t_begin "after exit the implementation is gone"
trigger
expect_dmesg_count "hello: No struct_ops registered" 1
t_end

t_begin "-m sets the bytes test_3 sees; -c 3 triggers three times"
trace_clear
struct_ops -q -c 3 -i 0.1 -m "xyz" > $OUT 2>&1
expect_eq "$?" 0 "exit status"
expect_lines $OUT 0
expect_dmesg_count "hello: test_3() called with buffer of 3 bytes, returned: 3" 3
expect_trace "BPF test_3 called with buffer length 3, first char 'x'"
t_end
