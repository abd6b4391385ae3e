# SPDX-License-Identifier: GPL-2.0
# plan: 8
# The modern struct_ops features: __nullable, data members, hot swap,
# many operators, ___flavors, kfuncs.

load_module

t_begin "nullable: an empty write passes test_4 NULL, answered without an oops"
start_bg /tmp/bg.out -i 3600 -q
trace_clear
struct_ops trigger -e > $OUT 2>&1
expect_eq "$?" 0 "exit status"
expect_dmesg "hello: test_4(NULL) returned: -61"
expect_trace "BPF test_4 called with NULL (empty write)"
trigger -s 5
expect_dmesg "hello: test_4(msg of 5 bytes) returned: 5"
stop_bg INT
t_end

t_begin "nullable: an implementation that skips the NULL check does not load"
struct_ops -o build/bpf/tests/reject_null_deref.bpf.o -c 1 > $OUT 2> $ERR
expect_eq "$?" 1 "exit status"
expect_in $ERR "Error: the verifier rejected program 'test_4' (Permission denied): it dereferences a pointer that may be NULL (a __nullable argument) without checking it first"
expect_in $ERR "verifier: R1 invalid mem access 'trusted_ptr_or_null_'"
trigger
expect_dmesg "hello: No struct_ops registered"
t_end

t_begin "data members: --name mine --flags 0x3 reach the module and status"
start_bg /tmp/bg.out -i 3600 -n mine -f 0x3
grep -q 'implementation: name="mine" flags=0x3 ' /proc/bpf_testmod_status ||
	t_fail "status file: $(head -n 2 /proc/bpf_testmod_status | tr '\n' '|')"
struct_ops status > $OUT 2>&1
expect_in $OUT "module hello: implementation 'mine' (flags 0x3)"
grep -qE '^    name +"mine"$' $OUT || t_fail "status lacks the name member line"
grep -qE '^    flags +3 \(0x3\)$' $OUT || t_fail "status lacks the flags member line"
struct_ops status -j | grep -qF '"name":"name","kind":"data","size":16,"value":"mine"' ||
	t_fail "JSON lacks the name member's value"
trigger hello
expect_dmesg "hello: echo: hello"
expect_dmesg "hello: test_1() took "
stop_bg INT
t_end

t_begin "data members: a bad flag or name fails at attach, nothing registered"
struct_ops -c 1 -f 0x8 > $OUT 2> $ERR
expect_eq "$?" 1 "exit status for flags 0x8"
expect_in $ERR "Error: the module refused the implementation: unknown flags 0x8 (known: 0x3)"
expect_lines $ERR 1
# the reason comes from the status file, not the kernel log
grep -q '^rejected: count=[0-9]* pid=[0-9]* detail="unknown flags 0x8 (known: 0x3)"$' /proc/bpf_testmod_status ||
	t_fail "status file: $(grep '^rejected' /proc/bpf_testmod_status)"
struct_ops -c 1 -o build/bpf/tests/bad_name.bpf.o > $OUT 2> $ERR
expect_eq "$?" 1 "exit status for an unterminated name"
expect_in $ERR "Error: the module refused the implementation: name is not NUL-terminated (at most 15 characters)"
struct_ops -c 1 -n "" > $OUT 2> $ERR
expect_eq "$?" 2 "exit status for an empty --name"
expect_in $ERR "invalid name '': give 1 to 15 characters"
struct_ops status -j | grep -q '"registered":false' || t_fail "something is registered"
trigger
expect_dmesg "hello: No struct_ops registered"
t_end

t_begin "many operators: 44 operators, one trigger calls each, all right"
struct_ops -o build/bpf/many_ops.bpf.o -c 1 > $OUT 2>&1
expect_eq "$?" 0 "exit status"
expect_in $OUT "attached bpf_testmod_many_ops implementation 'many_ops'"
expect_in $OUT "op_43="
expect_dmesg "hello: many_ops: 44 of 44 operators called, 44 returned x + N"
expect_no_dmesg "want 10"
t_end

t_begin "flavors: ___v1 (the seed's three ops) loads and works"
struct_ops -o build/bpf/compat_v1.bpf.o -c 1 > $OUT 2> $ERR
expect_eq "$?" 0 "exit status"
expect_lines $ERR 0
expect_dmesg "hello: test_1() returned: 42"
expect_dmesg "hello: test_3() called with buffer of 21 bytes, returned: 21"
t_end

t_begin "flavors: ___v2 loads with test_5 disabled and a warning; --require test_5 refuses"
struct_ops -o build/bpf/compat_v2.bpf.o -c 1 > $OUT 2> $ERR
expect_eq "$?" 0 "exit status"
expect_in $ERR "Warning: operator test_5 of bpf_testmod_ops___v2 is not in the running kernel's bpf_testmod_ops: disabled"
expect_lines $ERR 1
expect_not_in $OUT "test_5="
expect_dmesg "hello: test_2(10, 20) returned: 30"
struct_ops -o build/bpf/compat_v2.bpf.o -c 1 -r test_5 > $OUT 2> $ERR
expect_eq "$?" 1 "exit status with --require test_5"
expect_in $ERR "Error: operator test_5 is required but the running kernel's bpf_testmod_ops lacks it"
t_end

t_begin "kfuncs: the log line in dmesg, counters equal to the triggers"
start_bg /tmp/bg.out -i 3600 -q
trigger
trigger -e
struct_ops status -j > /tmp/st.json
grep -qF '"kfunc_counts":{"test_1":3,"test_2":3,"test_3":3,"test_4":3}' /tmp/st.json ||
	t_fail "kfunc counts: $(grep -o '"kfunc_counts":{[^}]*}' /tmp/st.json)"
grep -qF '"triggers":3' /tmp/st.json || t_fail "trigger count is not 3"
expect_dmesg_count "hello: bpf: BPF test_1 called!" 3
stop_bg INT
t_end
