# SPDX-License-Identifier: GPL-2.0
# plan: 8
# Each failure: one line naming the cause and the fix, non-zero exit,
# nothing left registered.

t_begin "module not loaded: one line, exit 1"
struct_ops -c 1 > $OUT 2> $ERR
expect_eq "$?" 1 "exit status"
expect_in $ERR "Error: struct_ops type bpf_testmod_ops is not in the kernel: module hello is not loaded; load it with 'insmod hello.ko'"
expect_lines $ERR 1
struct_ops trigger > $OUT 2> $ERR
expect_eq "$?" 1 "exit status of trigger"
expect_in $ERR "Error: /proc/bpf_testmod_trigger does not exist: module hello is not loaded"
t_end

t_begin "module without BTF: loads, but struct_ops names the missing BTF"
insmod $KO_NOBTF || t_fail "insmod of the BTF-less module failed"
[ -e /sys/kernel/btf/hello ] && t_fail "/sys/kernel/btf/hello exists for the BTF-less build"
expect_dmesg "missing module BTF, cannot register struct_ops"
expect_dmesg "hello: bpf_testmod loaded without BTF: no struct_ops type registered"
expect_no_dmesg "loaded with struct_ops support"
struct_ops -c 1 > $OUT 2> $ERR
expect_eq "$?" 1 "exit status"
expect_in $ERR "Error: module hello is loaded but has no BTF (/sys/kernel/btf/hello is missing)"
expect_lines $ERR 1
unload_module
t_end

load_module

t_begin "verifier rejection: the program named, the verifier's last lines"
struct_ops -o build/bpf/tests/reject_unbounded.bpf.o -c 1 > $OUT 2> $ERR
expect_eq "$?" 1 "exit status"
expect_in $ERR "Error: the verifier rejected program 'test_3' (Permission denied)"
expect_in $ERR "  verifier: "
grep -q "verifier: R2 .*\(negative\|unbounded\)" $ERR ||
	t_fail "no verifier line about the unbounded size R2: $(tr '\n' '|' < $ERR)"
expect_not_in $OUT "attached"
trigger
expect_dmesg "hello: No struct_ops registered"
t_end

# clang-14 is Debian 12's default clang; Debian 13 has none (its default is 19)
if [ -f build/bpf/tests/clamp_clang14.bpf.o ]; then
t_begin "a clamp clang 14 miscompiles for the verifier: refused, explained"
struct_ops -o build/bpf/tests/clamp_clang14.bpf.o -c 1 > $OUT 2> $ERR
expect_eq "$?" 1 "exit status (clang 14)"
expect_in $ERR "Error: the verifier rejected program 'test_3' (Permission denied): a size or index may be negative"
expect_in $ERR "build with clang-19"
expect_in $ERR "verifier: R2 min value is negative"
expect_eq "$(status_value registered)" no "registered after the refusal"
t_end
else
	echo "# skip guest: the clamp built by clang 14: the host has no clang-14 (Debian 13's default clang is 19)"
fi

t_begin "the same clamp built by clang-19 passes the verifier and runs"
struct_ops -o build/bpf/tests/clamp.bpf.o -c 1 -m hello > $OUT 2> $ERR
expect_eq "$?" 0 "exit status (clang-19)"
expect_in $OUT "kernel: test_3() called with buffer of 5 bytes, returned: 104"
t_end

t_begin "missing object file"
struct_ops -o /nonexistent.bpf.o > $OUT 2> $ERR
expect_eq "$?" 1 "exit status"
expect_in $ERR "Error: cannot open BPF object /nonexistent.bpf.o: No such file or directory"
expect_lines $ERR 1
t_end

t_begin "usage errors exit 2"
struct_ops -c x > $OUT 2> $ERR
expect_eq "$?" 2 "exit status"
expect_in $ERR "invalid count 'x'"
struct_ops frobnicate > $OUT 2> $ERR
expect_eq "$?" 2 "exit status of an unknown command"
expect_in $ERR "unknown command 'frobnicate'"
t_end

t_begin "after all the failures the module unloads"
unload_module
t_end
