# SPDX-License-Identifier: GPL-2.0
# plan: 9
# The kernel tree's example sched_ext schedulers (vm/build-scx, carried by
# vm/run --scx as /kit/scx/) on Debian's 7.x or the debug 6.12 kernel,
# scx_simple and scx_qmap here (central/ and flatcg/ hold the other two):
# each starts and status names its map (7.x's scx_qmap registers a
# sched_ext_ops_cid one), its holder and its programs in full; a CPU-bound
# workload runs to completion under it; kill -9 and 'detach link ID' return
# the system to the fair class, with the exit reason in status; a watchdog
# stall is ejected and explained; doctor -t sched_ext_ops is clean with one
# running.
# Figures are printed as "# figure: ..." lines.

. tests/sched_ext/lib.sh

# scx_central and scx_flatcg: tests/sched_ext/central/ and flatcg/, each
# in a boot of its own with SCX_ALL=1 (their 6.12 faults end them at random)
sched_cycle simple simple_select_cpu kill
sched_cycle qmap qmap_core_sched_before detach

t_begin "scx_qmap -t 2 stalls tasks: the watchdog ejects it, status names the reason and the task"
seq0=$(cat /sys/kernel/sched_ext/enable_seq)
"$SCX/scx_qmap" -t 2 > /tmp/qmap.out 2>&1 &
SCHED_PID=$!
# every second new user thread (these sleeps, this shell's commands, the
# scheduler's own threads) is left unscheduled until the watchdog fires
i=0
while [ $i -lt 600 ]; do
	read_state
	[ "$ST" = disabled ] && [ "$(cat /sys/kernel/sched_ext/enable_seq)" != "$seq0" ] && break
	sleep 0.1 &
	i=$((i + 1))
	sleep 0.1
done
expect_eq "$ST" disabled "state after the stall"
expect_eq "$(cat /sys/kernel/sched_ext/enable_seq)" $((seq0 + 1)) "enable_seq"
SCHED_OUT=/tmp/qmap.out
wait_sched_exit
expect_in "$SCHED_OUT" "EXIT: runnable task stall"
struct_ops status -t sched_ext_ops > $OUT 2>&1
grep -qE "s ago: 'qmap' disabled: runnable task stall \(error_stall\): .*\[[0-9]+\] failed to run for [0-9.]+s$" $OUT ||
	t_fail "status lacks the stall: $(tail -n 3 $OUT | tr '\n' '|')"
struct_ops -j status -t sched_ext_ops > /tmp/st.json
emit_json "status -t sched_ext_ops -j after a stall" /tmp/st.json
expect_json /tmp/st.json .sched_ext.last_exit.scheduler qmap
expect_json /tmp/st.json .sched_ext.last_exit.exit_kind error_stall
expect_json /tmp/st.json .sched_ext.last_exit.error true
json_get /tmp/st.json .sched_ext.last_exit.message | grep -q "failed to run for" ||
	t_fail "last_exit.message: '$(json_get /tmp/st.json .sched_ext.last_exit.message)'"
# the kernel's own timestamps: qmap's enable and its exit
n=0
while [ -n "$(json_get /tmp/st.json ".sched_ext.events[$n].time")" ]; do n=$((n + 1)); done
on=$(json_get /tmp/st.json ".sched_ext.events[$((n - 2))].time")
off=$(json_get /tmp/st.json ".sched_ext.events[$((n - 1))].time")
expect_eq "$(json_get /tmp/st.json ".sched_ext.events[$((n - 2))].event")" enabled "the event before the stall"
stalled=$(json_get /tmp/st.json .sched_ext.last_exit.message | sed -n 's/.*failed to run for \([0-9.]*\)s/\1/p')
echo "# figure: scx_qmap -t 2 (timeout_ms 5000): enabled at $on s, ejected by the watchdog at $off s (kernel log times); the stalled task had waited ${stalled}s"
t_end

t_begin "doctor -t sched_ext_ops is clean with scx_simple running; doctor sched_ext_ops the same"
start_sched scx_simple
struct_ops doctor -t sched_ext_ops > $OUT 2>&1
expect_eq "$?" 0 "doctor exit status"
expect_in $OUT "ok       CONFIG_SCHED_CLASS_EXT: y"
expect_in $OUT "ok       type in BTF: bpf_struct_ops_sched_ext_ops is in vmlinux's BTF"
expect_in $OUT "ok       current scheduler: 'simple' (map "
expect_in $OUT "held by $SCHED_PID (scx_simple))"
expect_in $OUT "ok       last exit: 'qmap' disabled: runnable task stall (error_stall)"
expect_in $OUT "0 problems"
expect_not_in $OUT "module hello"
expect_not_in $OUT "problem  "
struct_ops -j doctor sched_ext_ops > /tmp/doc.json
expect_eq "$?" 0 "doctor -j exit status"
emit_json "doctor sched_ext_ops -j with scx_simple" /tmp/doc.json
expect_json /tmp/doc.json .problems 0
t_end

t_begin "list and dump show sched_ext's state next to the scheduler's map"
struct_ops list > $OUT 2>&1
expect_eq "$?" 0 "list exit status"
grep -qE "^[0-9]+ +simple_ops +sched_ext_ops +vmlinux +link +ready +yes +[0-9]+ +$SCHED_PID \(scx_simple\)" $OUT ||
	t_fail "list lacks simple_ops: $(tr '\n' '|' < $OUT)"
expect_in $OUT "sched_ext: state enabled, scheduler 'simple' (all tasks)"
struct_ops dump simple_ops > $OUT 2>&1
expect_eq "$?" 0 "dump exit status"
expect_in $OUT "  sched_ext: state enabled, scheduler 'simple'"
expect_in $OUT "name         \"simple\""
expect_in $OUT "'simple_select_cpu'"
struct_ops -j dump simple_ops > /tmp/dump.json
emit_json "dump simple_ops -j" /tmp/dump.json
expect_json /tmp/dump.json '[0].sched_ext.root_ops' simple
kill -INT $SCHED_PID
wait_sched_exit
expect_eq "$SCHED_RC" 0 "scx_simple's exit status after SIGINT"
t_end
