# SPDX-License-Identifier: GPL-2.0
# plan: 2
# Everything at once for STRESS_RACE_SECONDS (default 60, split in two
# halves): triggers as fast as possible, attach/detach loops, hot swaps on
# a pinned link, kernel detaches through ctl, failing implementations,
# status reads; in the first half also rmmod/insmod attempts. Afterwards:
# use counts consistent, detach and rmmod work, and (second half) every
# trigger written was counted by the module. vm/run fails the run on any
# kernel WARNING, BUG, lockdep or KASAN report.

FW=build/tests/tools/fuzzwrite
STATUS=/proc/bpf_testmod_status
PIN=/sys/fs/bpf/stress_link
SECS=${STRESS_RACE_SECONDS:-60}
HALF=$((SECS / 2))

# loop NAME DEADLINE CMD...: run CMD until the deadline, and on while
# /tmp/race.more exists; count exit statuses
loop() {
	local name=$1 end=$2 rc
	shift 2
	: > /tmp/loop.$name
	# (never past end + 310 s, even if the test dies and leaves the file)
	while [ "$(date +%s)" -lt "$end" ] ||
	      { [ -e /tmp/race.more ] && [ "$(date +%s)" -lt $((end + 310)) ]; }; do
		"$@" > /dev/null 2>&1
		rc=$?
		echo $rc >> /tmp/loop.$name
	done
}

# happened NAME STATUS: the loop ended with STATUS at least once
happened() {
	grep -qx "$2" /tmp/loop.$1 || t_fail "$1: never exited $2 (the race did not exercise it)"
}

# statuses NAME ALLOWED...: a summary line; fails on any other status
statuses() {
	local name=$1 bad
	shift
	echo "# $name: $(sort /tmp/loop.$name | uniq -c | awk '{printf "%s x%s ", $2, $1}')"
	bad=$(grep -vxE "$(echo "$@" | tr ' ' '|')" /tmp/loop.$name | sort -u | tr '\n' ' ')
	[ -z "$bad" ] || t_fail "$name: unexpected exit statuses $bad"
}

# Keep an implementation on a pinned link and swap it back and forth:
# 0 swapped, 1 the swap failed (a kernel detach took the link's map: the
# pin is dropped and made again), 3 could not pin (another registered).
# While it pins and swaps (seconds under TCG: the swap loads two objects),
# the kdetach loop holds off: a kernel detach in that window always wins,
# and a swap racing a kernel detach is 82-hardening.sh's own test.
swapper() {
	local rc=0 i=0
	touch /tmp/swapping
	if [ ! -e $PIN ]; then
		struct_ops -q -c 1 -P $PIN || rc=3
	fi
	if [ $rc = 0 ] && ! struct_ops swap -c 20 $PIN; then
		struct_ops detach $PIN
		rm -f $PIN
		rc=1
	fi
	rm -f /tmp/swapping
	# the kernel detaches' turn: wait (at most 30 s) until the kdetach
	# loop has tried once, with this round's registration still there
	touch /tmp/kdetach.turn
	while [ -e /tmp/kdetach.turn ] && [ $i -lt 300 ]; do usleep 100000; i=$((i + 1)); done
	return $rc
}

# A kernel detach every 20 ms, except while the swapper works (exit 2);
# after each swap round the swapper waits for one (/tmp/kdetach.turn).
kdetach() {
	local rc
	[ -e /tmp/swapping ] && { usleep 20000; return 2; }
	echo detach > /proc/bpf_testmod_ctl
	rc=$?
	rm -f /tmp/kdetach.turn
	usleep 20000
	return $rc
}
reader() { cat $STATUS && struct_ops status; }
reload() { rmmod hello && insmod $KO; usleep 50000; }
failing() { struct_ops -q -o build/bpf/tests/fail_test1.bpf.o -i 0.05 -c 3; }

# race SECONDS WITH_RELOAD [NAME:STATUS]...: every loop at once for
# SECONDS, then on (all of them, still racing) until each NAME loop has
# ended with STATUS once, for at most 300 s more: under software emulation
# a slow loop (a swap loads two objects: 150 s on the debug kernel) may not
# get its turn in time.
race() {
	local secs=$1 end=$(( $(date +%s) + $1 )) reload=$2 pids= need now
	shift 2
	touch /tmp/race.more
	rm -f /tmp/kdetach.turn /tmp/swapping
	$FW -t "$secs" -p 1 -m 4096 -w count -r EIO $TRIGGER > /tmp/fw.out 2>&1 &
	FW_PID=$!
	loop attach $end struct_ops -q -c 1 & pids="$pids $!"
	loop swap $end swapper & pids="$pids $!"
	loop kdetach $end kdetach & pids="$pids $!"
	loop failing $end failing & pids="$pids $!"
	loop status $end reader & pids="$pids $!"
	if [ "$reload" = 1 ]; then
		loop reload $end reload & pids="$pids $!"
	fi
	now=$(date +%s)
	[ "$now" -ge "$end" ] || sleep $((end - now))
	while [ "$(date +%s)" -lt $((end + 300)) ]; do
		need=
		for n in "$@"; do
			grep -qx "${n#*:}" /tmp/loop.${n%%:*} || need="$need $n"
		done
		[ -z "$need" ] && break
		sleep 1
	done
	[ -z "$need" ] || echo "# race: still not seen after 300 s more:$need"
	echo "# race: ran $(( $(date +%s) - end + secs )) s"
	rm -f /tmp/race.more
	wait $pids
	wait $FW_PID
	FW_RC=$?
}

# afterwards: nothing left, use count 0, rmmod works
settle() {
	local i=0
	struct_ops detach $PIN > /dev/null 2>&1
	rm -f $PIN
	module_loaded || insmod $KO
	while grep -q '"registered":true' /tmp/st.json 2>/dev/null || [ $i = 0 ]; do
		struct_ops status -j > /tmp/st.json 2>&1
		i=$((i + 1)); [ $i -lt 30 ] || break; usleep 100000
	done
	grep -q '"registered":true' /tmp/st.json && t_fail "still registered after the race"
	pidof struct_ops > /dev/null && t_fail "a struct_ops process is left: $(pidof struct_ops)"
	unload_module
}

load_module
t_begin "race for $HALF s with rmmod/insmod: no kernel report, nothing left, rmmod works"
race $HALF 1
sed 's/^/# /' /tmp/fw.out
# the trigger file vanishes while the module is out: writes then fail
[ $FW_RC -le 1 ] || t_fail "fuzzwrite exit status $FW_RC"
statuses attach 0 1 3
statuses swap 0 1 2 3
statuses kdetach 0 1 2
statuses failing 0 1 3 4
statuses status 0 1
statuses reload 0 1
settle
t_end

load_module
t_begin "race for $HALF s: no trigger lost (counted >= written), swaps and kernel detaches happened, nothing left, rmmod works"
total=$(status_value triggers_total)
race $HALF 0 swap:0 kdetach:0 failing:4
sed 's/^/# /' /tmp/fw.out
expect_eq "$FW_RC" 0 "fuzzwrite's exit status (every write returned its length)"
statuses attach 0 3
statuses swap 0 1 3
statuses kdetach 0 1 2
statuses failing 0 3 4
statuses status 0
happened swap 0
happened kdetach 0
happened failing 4
# every write and every writev segment of fuzzwrite is one trigger
writes=$(sed -n 's/.* \([0-9]*\) writes, .*/\1/p' /tmp/fw.out)
counted=$(( $(status_value triggers_total) - total ))
echo "# races: $writes writes (plus writev segments), $counted triggers counted"
[ "$counted" -ge "${writes:-0}" ] || t_fail "$counted triggers counted, fewer than the $writes writes"
settle
t_end
