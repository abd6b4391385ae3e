# SPDX-License-Identifier: GPL-2.0
# plan: 4
# The module detaches the implementation itself; the loader sees EPOLLHUP.

uptime_cs() {
	read up rest < /proc/uptime
	echo "${up%.*}${up#*.}"
}

load_module

t_begin "detach through /proc/bpf_testmod_ctl: loader exits 4 within 1 s"
start_bg $OUT -i 5
t0=$(uptime_cs)
echo detach > /proc/bpf_testmod_ctl || t_fail "write to bpf_testmod_ctl failed"
wait $BG_PID
rc=$?
dt=$(( $(uptime_cs) - t0 ))
echo "# kernel-detach: loader exited $((dt * 10)) ms after the write"
expect_eq "$rc" 4 "exit status"
[ $dt -le 100 ] || t_fail "the loader took $((dt * 10)) ms to exit"
tail -n 1 $OUT | grep -qF "exiting: implementation detached by the kernel (requested through bpf_testmod_ctl)" ||
	t_fail "last line: $(tail -n 1 $OUT)"
grep -q "reason=\"kernel detach\" .*owner=\"struct_ops\" pid=$BG_PID .*detail=\"requested through bpf_testmod_ctl\"" /proc/bpf_testmod_status ||
	t_fail "status file lacks the kernel detach: $(tr '\n' '|' < /proc/bpf_testmod_status)"
trigger
expect_dmesg "hello: No struct_ops registered"
unload_module
t_end

load_module

t_begin "the module ejects an implementation whose test_1 fails"
struct_ops -o build/bpf/tests/fail_test1.bpf.o -i 5 > $OUT 2>&1
expect_eq "$?" 4 "exit status"
expect_in $OUT "kernel: test_1() returned: -22"
expect_in $OUT "exiting: implementation detached by the kernel (test_1 returned -22)"
grep -q 'reason="kernel detach".*detail="test_1 returned -22"' /proc/bpf_testmod_status ||
	t_fail "status file lacks the automatic detach"
struct_ops status > /tmp/s.out
expect_in /tmp/s.out "kernel detach (test_1 returned -22)"
t_end

t_begin "ctl detach of a legacy registration: EOPNOTSUPP, still registered"
start_bg $OUT -L -i 5
echo detach > /proc/bpf_testmod_ctl 2> $ERR && t_fail "detach of a legacy registration succeeded"
expect_in $ERR "Operation not supported"
expect_dmesg "kernel detach: the implementation has no link; delete its map from user space"
kill -0 $BG_PID 2>/dev/null || t_fail "the legacy loader died"
stop_bg INT
expect_eq "$BG_RC" 0 "legacy loader's exit status"
t_end

t_begin "ctl errors: nothing registered, unknown command"
echo detach > /proc/bpf_testmod_ctl 2>/dev/null && t_fail "detach with nothing registered succeeded"
expect_dmesg "kernel detach: no implementation registered"
echo frob > /proc/bpf_testmod_ctl 2>/dev/null && t_fail "unknown command accepted"
expect_eq "$(ls -l /proc/bpf_testmod_ctl | cut -c1-10)" "--w-------" "mode of the ctl file"
unload_module
t_end
