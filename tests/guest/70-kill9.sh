# SPDX-License-Identifier: GPL-2.0
# plan: 1
# kill -9 of a link-based struct_ops at random moments leaves nothing.
# After every other kill: no registration, a trigger finds none; after the
# others: rmmod at once, timed, within 1 s (it can only work when no map of
# the type is left). After each: the next loader attaches right away.
# Prints the figures as a "# kill9: ..." line.

uptime_cs() {	# CLOCK_BOOTTIME in centiseconds
	read up rest < /proc/uptime
	echo "${up%.*}${up#*.}"
}

load_module
t_begin "kill -9 at random moments, 21 times: nothing left behind"
kills=0 orphans=0 rmmod_fail=0 reattach_fail=0 worst=0 total=0 timed=0 checked=0
i=0
while [ $i -lt 21 ]; do
	phase=$((i % 3))
	mark=$(dmesg | wc -l)
	struct_ops -q -i 0.05 > /dev/null 2>&1 &
	pid=$!
	case $phase in
	0)	# during open/load/attach
		usleep $((RANDOM % 400000)) ;;
	1)	# right after the registration
		n=0
		until dmesg | tail -n +$((mark + 1)) | grep -q "implementation .*registered by" || [ $n -ge 200 ]; do
			n=$((n + 1)); usleep 5000
		done ;;
	2)	# between triggers
		n=0
		until [ "$(dmesg | tail -n +$((mark + 1)) | grep -cF 'Calling struct_ops')" -ge 2 ] || [ $n -ge 300 ]; do
			n=$((n + 1)); usleep 10000
		done
		usleep $((RANDOM % 50000)) ;;
	esac
	kill -9 $pid
	wait $pid 2>/dev/null
	kills=$((kills + 1))
	t0=$(uptime_cs)

	if [ $((i % 2)) = 1 ]; then
		# look before unloading: nothing registered, a trigger finds none
		checked=$((checked + 1))
		if struct_ops status -j | grep -q '"registered":true'; then
			orphans=$((orphans + 1))
			t_fail "kill $kills (phase $phase): a registration remains"
		fi
		mark=$(dmesg | wc -l)
		trigger
		dmesg | tail -n +$((mark + 1)) | grep -qF "No struct_ops registered" ||
			t_fail "kill $kills (phase $phase): a trigger after the kill found an implementation"
		unload_module
	else
		# rmmod at once, timed: it works only when no map of the type is left
		ok=0
		while [ $(( $(uptime_cs) - t0 )) -le 100 ]; do
			if rmmod hello 2>/dev/null; then ok=1; break; fi
			usleep 10000
		done
		dt=$(( $(uptime_cs) - t0 ))
		timed=$((timed + 1))
		total=$((total + dt))
		[ $dt -gt $worst ] && worst=$dt
		if [ $ok = 0 ]; then
			rmmod_fail=$((rmmod_fail + 1))
			t_fail "kill $kills (phase $phase): rmmod hello still failing 1 s after the kill"
			unload_module
		fi
	fi
	insmod $KO
	if ! struct_ops -q -c 1 > /dev/null 2>&1; then
		reattach_fail=$((reattach_fail + 1))
		t_fail "kill $kills: the next struct_ops did not attach"
	fi
	i=$((i + 1))
done
echo "# kill9: kills=$kills (checked before rmmod: $checked, rmmod timed: $timed) orphans=$orphans rmmod_failures=$rmmod_fail reattach_failures=$reattach_fail rmmod_after_kill_avg=$((total * 10 / timed))ms worst=$((worst * 10))ms (10 ms resolution)"
expect_dmesg "struct_ops implementation unregistered: link released"
t_end
