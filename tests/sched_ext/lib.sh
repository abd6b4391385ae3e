# SPDX-License-Identifier: GPL-2.0
# Helpers of the sched_ext suite (tests/sched_ext/, busybox sh, after
# tests/guest/lib.sh), and sched_cycle: one example scheduler's three tests.
SCX=/kit/scx
STATE=/sys/kernel/sched_ext/state
WORKERS=4
LOOPS=20000

# Milliseconds of uptime into NOW_MS, and the state into ST, with shell
# builtins only: a fork under TCG costs tens of milliseconds, which would
# blur the figures.
now_ms() {
	local up rest cs
	read -r up rest < /proc/uptime
	cs=${up#*.}
	cs=${cs#0}
	NOW_MS=$(( ${up%.*} * 1000 + ${cs:-0} * 10 ))
}
read_state() {
	read -r ST < $STATE
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

# Pin sched_ext's enable helper kthread to CPU $1. The kernel creates it
# at the first enable and keeps it: if none has run yet, scx_simple is
# started and stopped first.
find_enable_helper() {
	local d
	HELPERS=
	for d in /proc/[0-9]*; do
		# a kthread's comm is its full name: scx_ops_enable_helper
		# on 6.12, scx_enable_helper on 7.x
		case "$(cat $d/comm 2>/dev/null)" in
		scx_ops_enable_*|scx_enable_helper) HELPERS="$HELPERS ${d#/proc/}" ;;
		esac
	done
}
pin_enable_helper() {
	local p i=0 pid
	find_enable_helper
	if [ -z "$HELPERS" ]; then
		"$SCX/scx_simple" > /tmp/prime.out 2>&1 &
		p=$!
		while [ "$(cat $STATE)" != enabled ] && [ $i -lt 300 ] && kill -0 $p 2>/dev/null; do
			i=$((i + 1))
			sleep 0.1
		done
		kill -INT $p 2>/dev/null
		wait $p
		find_enable_helper
	fi
	[ -n "$HELPERS" ] || t_fail "no scx_ops_enable_helper (6.12) or scx_enable_helper (7.x) kthread to pin"
	for pid in $HELPERS; do
		taskset -p $((1 << $1)) "$pid" > /dev/null || t_fail "taskset of $pid failed"
	done
}

# Wait (up to $1 hundredths of a second) until the state is disabled and no
# sched_ext_ops map (nor one of the scheduler's type, SCX_MAP_TYPE) is
# registered; WAITED_MS is how long it took.
wait_fair() {	# TENTHS START_MS
	local i=0
	read_state
	while [ "$ST" != disabled ]; do
		i=$((i + 1))
		[ $i -lt "$1" ] || { t_fail "state still '$ST' after $(( $1 / 100 )) s"; return 1; }
		sleep 0.01
		read_state
	done
	now_ms
	WAITED_MS=$(( NOW_MS - $2 ))
	struct_ops -j status -t sched_ext_ops > /tmp/fair.json
	expect_json /tmp/fair.json .registered false
	expect_json /tmp/fair.json .sched_ext.root_ops null
	if [ "${SCX_MAP_TYPE:-sched_ext_ops}" != sched_ext_ops ]; then
		struct_ops -j status -t "$SCX_MAP_TYPE" > /tmp/fair-type.json
		expect_json /tmp/fair-type.json .registered false
	fi
}

# The kernel type of struct_ops map NAME as list shows it, into
# SCX_MAP_TYPE. 6.12's schedulers and most of 7.x's register a
# sched_ext_ops map; 7.x's scx_qmap is written against the cid form
# (SCX_OPS_CID_DEFINE: select_cid, set_cmask, ...) and registers a
# sched_ext_ops_cid map. Anything else fails the test.
scx_map_type() {	# NAME
	SCX_MAP_TYPE=$(struct_ops list 2>&1 | awk -v n="$1" '$2 == n { print $3; exit }')
	case "$SCX_MAP_TYPE" in
	sched_ext_ops|sched_ext_ops_cid) ;;
	*) t_fail "list shows map $1 with type '$SCX_MAP_TYPE', want sched_ext_ops or sched_ext_ops_cid"
	   SCX_MAP_TYPE=sched_ext_ops ;;
	esac
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
# sched_cycle NAME PROG END: scheduler scx_NAME starts and status names
# it, its holder and program PROG (longer than 15 characters) in full; a
# CPU-bound workload completes under it; it ends by END (kill: kill -9;
# detach: struct_ops detach link ID) and status says why. Three tests.
sched_cycle() {
	local name=$1 prog=$2 end=$3 bin=scx_$1 m link t0 took pids w i p alive enq0 enq1 type

	local t_work="$WORKERS CPU-bound processes run to completion under $bin"
	local t_kill="kill -9 of $bin: state disabled and nothing registered within 1 s; status says why"
	local t_detach="detach link of $bin: disabled, $bin sees it and exits, status says why"

	SCX_MAP_TYPE=sched_ext_ops
	t_begin "$bin starts; status -j names its map (sched_ext_ops or 7.x's sched_ext_ops_cid), its holder, its programs in full"
	# 6.12 runs ops.init() in its enable helper kthread, not in the loading
	# thread that scx_central pins to its central CPU (0): pin the helper
	# too, else init fails ("init from non-central CPU") on the other CPU
	[ "$name" != central ] || pin_enable_helper 0
	if ! start_sched $bin; then
		t_end
		t_begin "$t_work"; t_fail "$bin did not start"; t_end
		[ $end = kill ] && t_begin "$t_kill" || t_begin "$t_detach"
		t_fail "$bin did not start"
		t_end
		return
	fi
	# the map, its holder and programs under the scheduler's own type;
	# what sched_ext says (the system's state, whatever the type) under
	# sched_ext_ops, where status always shows it
	scx_map_type "${name}_ops"
	type=$SCX_MAP_TYPE
	struct_ops -j status -t $type > /tmp/st.json
	expect_eq "$?" 0 "status exit status"
	emit_json "status -t $type -j under $bin" /tmp/st.json
	expect_json /tmp/st.json .registered true
	m=$(registered_map /tmp/st.json)
	if [ -z "$m" ]; then
		t_fail "no registered map in status -j"
		m=0
	fi
	expect_json /tmp/st.json ".maps[$m].type" $type
	expect_json /tmp/st.json ".maps[$m].holders[0].pid" "$SCHED_PID"
	expect_json /tmp/st.json ".maps[$m].holders[0].comm" "$bin"
	expect_json /tmp/st.json ".maps[$m].sched_ext.root_ops" "$name"
	link=$(json_get /tmp/st.json ".maps[$m].link_id")
	grep -qF "\"prog_name\":\"$prog\"" /tmp/st.json || t_fail "status -j lacks program $prog in full"
	struct_ops -j status -t sched_ext_ops > /tmp/scx.json
	expect_eq "$?" 0 "status -t sched_ext_ops exit status"
	expect_json /tmp/scx.json .sched_ext.state enabled
	expect_json /tmp/scx.json .sched_ext.root_ops "$name"
	expect_json /tmp/scx.json .sched_ext.switch_all 1
	# either of sched_ext's types is the running scheduler
	expect_json /tmp/scx.json .registered true
	# 7.x's root/events counters; 6.12 has no such file
	case "$(uname -r)" in
	6.12.*) expect_json /tmp/scx.json .sched_ext.counters null ;;
	*) [ "$($JSONGET -t .sched_ext.counters < /tmp/scx.json)" = object ] ||
		t_fail "status -j has no sched_ext.counters object on $(uname -r)" ;;
	esac
	struct_ops status -t $type > $OUT 2>&1
	expect_in $OUT "$type: registered (type defined by vmlinux)"
	expect_in $OUT "held by: $SCHED_PID ($bin)"
	expect_in $OUT "'$prog'"
	struct_ops status -t sched_ext_ops > $OUT 2>&1
	expect_in $OUT "sched_ext: state enabled, scheduler '$name' (all tasks)"
	case "$(uname -r)" in
	6.12.*) expect_not_in $OUT "counters (root/events)" ;;
	*) expect_in $OUT "counters (root/events): " ;;
	esac
	struct_ops doctor -t sched_ext_ops > /tmp/doc.out 2>&1
	expect_eq "$?" 0 "doctor -t sched_ext_ops exit status under $bin ($(grep -i problem /tmp/doc.out | head -n 2 | tr '\n' '|'))"
	t_end

	t_begin "$t_work"
	# evidence that the scheduler scheduled them: switch_all (every task
	# in the ext class) throughout, and its enqueue operator's run count
	echo 1 > /proc/sys/kernel/bpf_stats_enabled
	struct_ops -j dump "${name}_ops" > /tmp/d0.json
	expect_json /tmp/d0.json '[0].members[1].name' enqueue
	enq0=$(json_get /tmp/d0.json '[0].members[1].run_cnt')
	now_ms
	t0=$NOW_MS
	pids=
	w=0
	while [ $w -lt $WORKERS ]; do
		sh -c 'i=0; while [ $i -lt '$LOOPS' ]; do i=$((i + 1)); done' &
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
	now_ms
	took=$(( NOW_MS - t0 ))
	struct_ops -j dump "${name}_ops" > /tmp/d1.json
	enq1=$(json_get /tmp/d1.json '[0].members[1].run_cnt')
	echo 0 > /proc/sys/kernel/bpf_stats_enabled
	[ -n "$enq0" ] && [ -n "$enq1" ] && [ "$enq1" -ge $((enq0 + WORKERS)) ] ||
		t_fail "enqueue ran '$enq0' then '$enq1' times: not once per worker"
	expect_eq "$(cat $STATE)" enabled "state after the workload"
	expect_eq "$(cat /sys/kernel/sched_ext/switch_all)" 1 "switch_all after the workload"
	expect_eq "$(cat /sys/kernel/sched_ext/root/ops 2>&1)" "$name" "root scheduler after the workload"
	kill -0 $SCHED_PID 2>/dev/null || t_fail "$bin died during the workload"
	echo "# figure: $bin: $WORKERS processes x $LOOPS shell loop iterations completed in $took ms ($((enq1 - enq0)) enqueues)"
	t_end

	if [ $end = kill ]; then
		t_begin "$t_kill"
		read_state
		[ "$ST" = enabled ] || t_fail "$bin had already left before the kill: $(struct_ops status -t sched_ext_ops | tail -n 1)"
		now_ms
		t0=$NOW_MS
		kill -9 $SCHED_PID
		wait_fair 500 $t0
		wait $SCHED_PID
		[ "$WAITED_MS" -le 1000 ] || t_fail "fair class after $WAITED_MS ms, want <= 1000"
		echo "# figure: $bin: kill -9 to state disabled (fair class) in $WAITED_MS ms"
	else
		t_begin "$t_detach"
		read_state
		[ "$ST" = enabled ] || t_fail "$bin had already left before the detach: $(struct_ops status -t sched_ext_ops | tail -n 1)"
		now_ms
		t0=$NOW_MS
		struct_ops detach link "$link" > $OUT 2>&1
		expect_eq "$?" 0 "detach exit status"
		expect_in $OUT "detached link $link"
		wait_fair 500 $t0
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
}
