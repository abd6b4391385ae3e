# SPDX-License-Identifier: GPL-2.0
# plan: 4
# The module on its own: load line, BTF, trigger file, no implementation.

t_begin "insmod hello.ko logs the load line and exposes module BTF"
load_module
expect_dmesg "hello: bpf_testmod loaded with struct_ops support"
[ -f /sys/kernel/btf/hello ] || t_fail "/sys/kernel/btf/hello missing"
expect_no_dmesg "missing module BTF"
t_end

t_begin "trigger file is write-only for root (mode 0200)"
mode=$(ls -l "$TRIGGER" | cut -c1-10)
expect_eq "$mode" "--w-------" "mode of $TRIGGER"
expect_eq "$(stat -c %u "$TRIGGER")" "0" "owner of $TRIGGER"
t_end

t_begin "trigger without an implementation logs 'No struct_ops registered'"
printf 'x' > "$TRIGGER" || t_fail "write to $TRIGGER failed"
expect_dmesg_count "hello: No struct_ops registered" 1
expect_no_dmesg "Calling struct_ops callbacks"
t_end

t_begin "rmmod hello with nothing attached"
unload_module
module_loaded && t_fail "hello still loaded"
[ -e "$TRIGGER" ] && t_fail "$TRIGGER still exists after rmmod"
expect_dmesg "hello: bpf_testmod unloaded"
t_end
