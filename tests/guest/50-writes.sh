# SPDX-License-Identifier: GPL-2.0
# plan: 6
# Trigger writes of every size: empty -> test_3(NULL, 0); longer than
# BPF_TESTMOD_BUF_SIZE (256) -> truncated to 256, whole write accepted.

load_module
start_bg /tmp/bg.out -i 3600 -q -m start

t_begin "empty write: test_3 gets NULL, 0 and returns 0"
trace_clear
struct_ops trigger -e > $OUT 2>&1
expect_eq "$?" 0 "exit status"
expect_in $OUT "wrote 0 bytes"
expect_dmesg "hello: test_3() called with buffer of 0 bytes, returned: 0"
expect_trace "BPF test_3 called with buffer length 0 (empty write)"
t_end

t_begin "1-byte write"
trace_clear
trigger -s 1
expect_dmesg "hello: test_3() called with buffer of 1 bytes, returned: 1"
expect_trace "BPF test_3 called with buffer length 1, first char 'A'"
t_end

t_begin "256-byte write (the buffer's size) is passed whole"
trigger -s 256
expect_dmesg "hello: test_3() called with buffer of 256 bytes, returned: 256"
expect_no_dmesg "truncated"
t_end

t_begin "1 MiB write is accepted whole and truncated to 256 bytes"
struct_ops trigger -s 1048576 > $OUT 2>&1
expect_eq "$?" 0 "exit status"
expect_in $OUT "wrote 1048576 bytes"
expect_dmesg "hello: trigger: write of 1048576 bytes truncated to 256"
expect_dmesg "hello: test_3() called with buffer of 256 bytes, returned: 256"
expect_dmesg_count "hello: Calling struct_ops callbacks:" 1
t_end

t_begin "a shell redirect triggers too (echo adds the newline)"
echo hi > "$TRIGGER"
expect_dmesg "hello: test_3() called with buffer of 3 bytes, returned: 3"
t_end

t_begin "trigger -r 5 writes five times and reports the time per write"
before=$(status_value triggers_total)
struct_ops trigger -r 5 -s 3 > $OUT 2>&1
expect_eq "$?" 0 "exit status"
grep -q "^5 writes of 3 bytes, [0-9]* ns per write" $OUT || t_fail "$(cat $OUT)"
expect_eq "$(( $(status_value triggers_total) - before ))" 5 "triggers counted by the module"
expect_dmesg_count "hello: test_3() called with buffer of 3 bytes, returned: 3" 5
t_end

stop_bg INT
