#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# On the host: the build's artefacts, the program's behaviour on a kernel
# without modules, and vm/run as a tool (status, --add, crash, timeout).
set -u
cd "$(dirname "$0")/../.."

. tests/host/lib.sh

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

t_begin "hello.ko has .BTF; the no-BTF fixture has none"
readelf -SW build/module/hello.ko | grep -qE '\] \.BTF +PROGBITS' || t_fail "build/module/hello.ko has no .BTF"
readelf -SW build/module-nobtf/hello.ko | grep -qE '\] \.BTF +PROGBITS' && t_fail "module-nobtf has .BTF"
expect_eq "$(modinfo -F license build/module/hello.ko)" "GPL" "license"
expect_eq "$(modinfo -F name build/module/hello.ko)" "hello" "module name"
t_end

t_begin "struct_ops -h, help, trigger -h"
build/bin/struct_ops -h >"$tmp/out" 2>&1; expect_eq $? 0 "-h status"
expect_in "$tmp/out" "Usage: struct_ops [GLOBAL OPTIONS] [COMMAND] [OPTIONS]"
build/bin/struct_ops run -h >"$tmp/out" 2>&1; expect_eq $? 0 "run -h status"
expect_in "$tmp/out" "--count COUNT"
build/bin/struct_ops trigger -h >"$tmp/out" 2>&1; expect_eq $? 0 "trigger -h status"
expect_in "$tmp/out" "Usage: struct_ops trigger"
t_end

if [ ! -e /proc/modules ]; then
	t_begin "on this module-less host kernel, struct_ops says why and exits 1"
	build/bin/struct_ops -c 1 >"$tmp/out" 2>"$tmp/err"; expect_eq $? 1 "status"
	expect_in "$tmp/err" "this kernel cannot load modules (no /proc/modules: CONFIG_MODULES is off): run in the guest"
	expect_eq "$(wc -l <"$tmp/err")" 1 "error lines"
	t_end
fi

t_begin "vm/run: usage errors exit 2"
vm/run --no-build >"$tmp/out" 2>&1; expect_eq $? 2 "no command"
expect_in "$tmp/out" "no command given"
vm/run --bogus -- true >"$tmp/out" 2>&1; expect_eq $? 2 "unknown option"
vm/run -h >"$tmp/out" 2>&1; expect_eq $? 0 "-h"
expect_in "$tmp/out" "Usage: vm/run"
t_end

t_begin "vm/run: COMMAND's exit status, output and --add files come through"
mkdir -p build/tests
echo "relative-added" >build/tests/rel.txt
rel=build/tests/rel.txt
echo "absolute-added" >"$tmp/abs.txt"
vm/run -q --no-build --add "$rel" --add "$tmp/abs.txt" -- \
	sh -c "cat '/kit/$rel' '$tmp/abs.txt'; echo \"it's quoted\"; mount | grep -c -E ' (bpf|tracefs|debugfs) '; exit 7" \
	>"$tmp/out" 2>&1
expect_eq $? 7 "exit status"
expect_in "$tmp/out" "relative-added"
expect_in "$tmp/out" "absolute-added"
expect_in "$tmp/out" "it's quoted"
grep -qx 3 "$tmp/out" || t_fail "bpffs, tracefs and debugfs are not all mounted"
t_end

t_begin "vm/run: a guest kernel crash is exit 125 with a clear message"
vm/run -q --no-build -- sh -c 'echo c > /proc/sysrq-trigger; sleep 30' >"$tmp/out" 2>&1
expect_eq $? 125 "exit status"
expect_in "$tmp/out" "vm: error: the guest kernel reported a failure: Kernel panic - not syncing: sysrq triggered crash"
t_end

t_begin "vm/run: a kernel WARNING fails the run, with or without panic_on_warn"
vm/run -q --no-build -- insmod build/module-provoke/provoke.ko what=warn >"$tmp/out" 2>&1
expect_eq $? 125 "exit status"
expect_in "$tmp/out" "vm: error: the guest kernel reported a failure: WARNING: CPU: "
vm/run -q --no-build --no-panic-on-warn -- sh -c 'insmod build/module-provoke/provoke.ko what=warn; echo still running' >"$tmp/out" 2>&1
expect_eq $? 125 "exit status without panic_on_warn"
expect_in "$tmp/out" "still running"
expect_in "$tmp/out" "vm: kernel: ["
t_end

t_begin "vm/run: words in COMMAND's output or a module's message are not kernel failures"
vm/run -q --no-build -- sh -c 'echo "checking: BUG: none found"; echo "Oops: no"; insmod build/module-provoke/provoke.ko what=words; dmesg | grep -q "the words BUG:" && echo message-found' >"$tmp/out" 2>&1
expect_eq $? 0 "exit status"
expect_in "$tmp/out" "checking: BUG: none found"
expect_in "$tmp/out" message-found
t_end

t_begin "vm/run: COMMAND cannot forge the status line"
vm/run -q --no-build -- sh -c 'echo "@@STRUCT_OPS_VM_EXIT 0@@"; echo "@@STRUCT_OPS_VM_EXIT $(cat /kit/.vm-nonce 2>/dev/null) 0@@" > /dev/ttyS2; echo after; exit 3' >"$tmp/out" 2>&1
expect_eq $? 3 "exit status"
expect_in "$tmp/out" "after"
t_end

t_begin "vm/run: a signal stops the guest; concurrent runs keep their own logs"
vm/run -q --no-build -- sh -c 'echo first-run; sleep 600' >"$tmp/a" 2>&1 &
a=$!
vm/run -q --no-build -- sh -c 'echo second-run' >"$tmp/b" 2>&1
expect_eq $? 0 "second run's status"
i=0
until grep -q first-run "$tmp/a" || [ $i -ge 300 ]; do sleep 0.2; i=$((i + 1)); done
# (a background job ignores SIGINT; TERM takes the same path as Ctrl-C)
kill -TERM $a
wait $a
expect_eq $? 130 "interrupted run's status"
expect_in "$tmp/a" "vm: interrupted; guest stopped"
sleep 1
# the interrupted run's QEMU, found by its run directory (other QEMUs may run)
adir=$(dirname "$(grep -l first-run $(ls -t build/vm/run.*/output.log) | head -n 1)")
[ "$adir" != . ] || t_fail "the interrupted run's log is missing"
pgrep -f "qemu-system-x86_64.*$adir/initrd" >"$tmp/q" && t_fail "its QEMU is still running: $(cat "$tmp/q")"
n=$(grep -l -e first-run -e second-run build/vm/run.*/output.log 2>/dev/null | wc -l)
[ "$n" -ge 2 ] || t_fail "the two runs' outputs are not in two logs ($n)"
t_end
