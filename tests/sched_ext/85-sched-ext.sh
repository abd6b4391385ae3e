# SPDX-License-Identifier: GPL-2.0
# plan: 15
# The kernel tree's example sched_ext schedulers (vm/build-scx, carried by
# vm/run --scx as /kit/scx/) on the debug kernel: each starts and status
# names it, its holder and its programs in full; a CPU-bound workload runs
# to completion under it; kill -9 and 'detach link ID' return the system to
# the fair class, with the exit reason in status; a watchdog stall is
# ejected and explained; doctor -t sched_ext_ops is clean with one running.
# Figures are printed as "# figure: ..." lines.

SCX=/kit/scx
STATE=/sys/kernel/sched_ext/state
WORKERS=4
LOOPS=20000

now_ms() {
	awk '{ printf "%d\n", $1 * 1000 }' /proc/uptime
}

# The index of the registered map in a status -j document, or nothing.
registered_map() {	# FILE
	local i=0
	while [ $i -lt 8 ]; do
		[ "$(json_get "$1" ".maps[$i].registered")" = true ] && { echo $i; return; }
		i=$((i + 1))
	done
}

# Start scheduler $1 (more arguments go to it) in the background, wait
# until sched_ext says enabled; SCHED_PID, SCHED_OUT.
start_sched() {
	local i=0
	SCHED_OUT=/tmp/$1.out
	"$SCX/$@" > "$SCHED_OUT" 2>&1 &
	SCHED_PID=$!
	until [ "$(cat $STATE)" = enabled ] && [ -e /sys/kernel/sched_ext/root/ops ]; do
		i=$((i + 1))
		if [ $i -ge 300 ] || ! kill -0 $SCHED_PID 2>/dev/null; then
			t_fail "$1 did not enable within 30 s: $(tail -n 5 "$SCHED_OUT" | tr '\n' '|')"
			return 1
		fi
		sleep 0.1
	done
}

# Wait (up to $1 tenths of a second) until the state is disabled and no
# sched_ext_ops map is registered; WAITED_MS is how long it took.
wait_fair() {	# TENTHS START_MS
	local i=0
	while [ "$(cat $STATE)" != disabled ]; do
		i=$((i + 1))
		[ $i -lt "$1" ] || { t_fail "state still '$(cat $STATE)' after $(( $1 / 10 )) s"; return 1; }
		sleep 0.01
	done
	WAITED_MS=$(( $(now_ms) - $2 ))
	struct_ops -j status -t sched_ext_ops > /tmp/fair.json
	expect_json /tmp/fair.json .registered false
	expect_json /tmp/fair.json .sched_ext.root_ops null
}

# Wait for the scheduler process to end by itself; SCHED_RC.
wait_sched_exit() {
	local i=0
	while kill -0 $SCHED_PID 2>/dev/null; do
		i=$((i + 1))
		if [ $i -ge 100 ]; then
			t_fail "the scheduler process did not exit within 10 s"
			kill -9 $SCHED_PID
			break
		fi
		sleep 0.1
	done
	wait $SCHED_PID
	SCHED_RC=$?
}

# name in sched_ext, a program name longer than 15 characters, how it ends
for s in "simple simple_select_cpu kill" "qmap qmap_core_sched_before detach" \
	 "central central_select_cpu kill" "flatcg fcg_cgroup_set_weight detach"; do
	set -- $s
	name=$1 prog=$2 end=$3 bin=scx_$1

	t_begin "$bin starts; status -t sched_ext_ops -j names it, its holder, its programs in full"
	start_sched $bin
	struct_ops -j status -t sched_ext_ops > /tmp/st.json
	expect_eq "$?" 0 "status exit status"
	emit_json "status -t sched_ext_ops -j under $bin" /tmp/st.json
	expect_json /tmp/st.json .registered true
	expect_json /tmp/st.json .sched_ext.state enabled
	expect_json /tmp/st.json .sched_ext.root_ops "$name"
	expect_json /tmp/st.json .sched_ext.switch_all 1
	m=$(registered_map /tmp/st.json)
	if [ -z "$m" ]; then
		t_fail "no registered map in status -j"
		m=0
	fi
	expect_json /tmp/st.json ".maps[$m].type" sched_ext_ops
	expect_json /tmp/st.json ".maps[$m].holders[0].pid" "$SCHED_PID"
	expect_json /tmp/st.json ".maps[$m].holders[0].comm" "$bin"
	expect_json /tmp/st.json ".maps[$m].sched_ext.root_ops" "$name"
	link=$(json_get /tmp/st.json ".maps[$m].link_id")
	grep -qF "\"prog_name\":\"$prog\"" /tmp/st.json || t_fail "status -j lacks program $prog in full"
	struct_ops status -t sched_ext_ops > $OUT 2>&1
	expect_in $OUT "sched_ext_ops: registered (type defined by vmlinux)"
	expect_in $OUT "held by: $SCHED_PID ($bin)"
	expect_in $OUT "'$prog'"
	expect_in $OUT "sched_ext: state enabled, scheduler '$name' (all tasks)"
	t_end

	t_begin "$WORKERS CPU-bound processes run to completion under $bin"
	t0=$(now_ms)
	pids=
	w=0
	while [ $w -lt $WORKERS ]; do
		sh -c 'i=0; while [ $i -lt '$LOOPS' ]; do i=$((i + 1)); done
		       sed -n "s/^ext.enabled *: *//p" /proc/$$/sched' > /tmp/worker.$w 2>&1 &
		pids="$pids $!"
		w=$((w + 1))
	done
	i=0
	while [ $i -lt 1200 ]; do
		alive=0
		for p in $pids; do kill -0 $p 2>/dev/null && alive=1; done
		[ $alive = 0 ] && break
		i=$((i + 1))
		sleep 0.1
	done
	[ $alive = 0 ] || { t_fail "the workload did not finish within 120 s"; kill -9 $pids; }
	for p in $pids; do wait $p || t_fail "worker $p exited with $?"; done
	took=$(( $(now_ms) - t0 ))
	w=0
	while [ $w -lt $WORKERS ]; do
		expect_eq "$(cat /tmp/worker.$w)" 1 "worker $w's ext.enabled (on sched_ext)"
		w=$((w + 1))
	done
	expect_eq "$(cat $STATE)" enabled "state after the workload"
	expect_eq "$(cat /sys/kernel/sched_ext/root/ops 2>&1)" "$name" "root scheduler after the workload"
	kill -0 $SCHED_PID 2>/dev/null || t_fail "$bin died during the workload"
	echo "# figure: $bin: $WORKERS processes x $LOOPS shell loop iterations completed in $took ms"
	t_end

	if [ $end = kill ]; then
		t_begin "kill -9 of $bin: state disabled and nothing registered within 1 s; status says why"
		t0=$(now_ms)
		kill -9 $SCHED_PID
		wait_fair 100 $t0
		wait $SCHED_PID
		[ "$WAITED_MS" -le 1000 ] || t_fail "fair class after $WAITED_MS ms, want <= 1000"
		echo "# figure: $bin: kill -9 to state disabled (fair class) in $WAITED_MS ms"
	else
		t_begin "detach link $link of $bin: disabled, $bin sees it and exits, status says why"
		t0=$(now_ms)
		struct_ops detach link "$link" > $OUT 2>&1
		expect_eq "$?" 0 "detach exit status"
		expect_in $OUT "detached link $link"
		wait_fair 100 $t0
		echo "# figure: $bin: detach link to state disabled (fair class) in $WAITED_MS ms"
		wait_sched_exit
		expect_eq "$SCHED_RC" 0 "$bin's exit status"
		expect_in "$SCHED_OUT" "EXIT: unregistered from user space"
	fi
	struct_ops status -t sched_ext_ops > $OUT 2>&1
	expect_in $OUT "sched_ext_ops: not registered"
	expect_in $OUT "sched_ext: state disabled, no BPF scheduler: the fair class runs every task"
	grep -qE "s ago: '$name' disabled: unregistered from user space \(unreg\)$" $OUT ||
		t_fail "status lacks $name's exit: $(tail -n 3 $OUT | tr '\n' '|')"
	struct_ops -j status -t sched_ext_ops > /tmp/st.json
	expect_json /tmp/st.json .sched_ext.state disabled
	expect_json /tmp/st.json .sched_ext.last_exit.scheduler "$name"
	expect_json /tmp/st.json .sched_ext.last_exit.exit_kind unreg
	expect_json /tmp/st.json .sched_ext.last_exit.reason "unregistered from user space"
	expect_json /tmp/st.json .sched_ext.last_exit.error false
	t_end
done

t_begin "scx_qmap -t 2 stalls tasks: the watchdog ejects it, status names the reason and the task"
seq0=$(cat /sys/kernel/sched_ext/enable_seq)
start_sched scx_qmap -t 2
t0=$(now_ms)
# new user threads, every second one stalled by qmap
i=0
while [ $i -lt 300 ] && [ "$(cat $STATE)" != disabled ]; do
	sleep 0.1 &
	i=$((i + 1))
	sleep 0.1
done
ejected=$(( $(now_ms) - t0 ))
expect_eq "$(cat $STATE)" disabled "state after the stall"
wait_sched_exit
expect_in "$SCHED_OUT" "EXIT: runnable task stall"
expect_eq "$(cat /sys/kernel/sched_ext/enable_seq)" $((seq0 + 1)) "enable_seq"
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
stalled=$(json_get /tmp/st.json .sched_ext.last_exit.message | sed -n 's/.*failed to run for \([0-9.]*\)s/\1/p')
echo "# figure: scx_qmap -t 2 (timeout_ms 5000): ejected $ejected ms after its start; the stalled task had waited ${stalled}s"
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
