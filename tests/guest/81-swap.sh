# SPDX-License-Identifier: GPL-2.0
# plan: 1
# Hot swap: 1001 switches between two implementations while triggers run;
# every trigger finds one of them.

load_module

t_begin "1001 swaps under triggers: every trigger sees 42 or 43, never none"
start_bg /tmp/bg.out -i 3600 -q
dmesg -c >> /tmp/dmesg.saved
idle0=$(status_value triggers_idle)
total0=$(status_value triggers_total)
( i=0; while [ ! -e /tmp/stop ]; do echo x > $TRIGGER; i=$((i + 1)); done; echo $i > /tmp/triggers ) &
loop=$!
struct_ops swap -c 1001 > $OUT 2> $ERR
expect_eq "$?" 0 "swap exit status"
touch /tmp/stop
wait $loop
rm -f /tmp/stop
dmesg > /tmp/dmesg.swap
cat /tmp/dmesg.swap >> /tmp/dmesg.saved
n=$(cat /tmp/triggers)
# the module counts every trigger, and those that found no implementation;
# the ring buffer keeps only the last few thousand lines, a sample
idle=$(( $(status_value triggers_idle) - idle0 ))
total=$(( $(status_value triggers_total) - total0 ))
r42=$(grep -c "test_1() returned: 42" /tmp/dmesg.swap)
r43=$(grep -c "test_1() returned: 43" /tmp/dmesg.swap)
other=$(grep "test_1() returned: " /tmp/dmesg.swap | grep -cv "returned: 4[23]$")
echo "# swap: $(cat $OUT); $total triggers meanwhile, $idle found no implementation; in the kept log: $r42 saw 42, $r43 saw 43, $other other"
expect_eq "$idle" 0 "triggers that found no implementation"
expect_eq "$total" "$n" "triggers counted by the module"
expect_eq "$other" 0 "triggers that saw neither 42 nor 43"
[ "$n" -gt 0 ] || t_fail "no trigger ran during the swaps"
[ $((r42 + r43)) -gt 0 ] || t_fail "the kept log shows no trigger at all"
expect_in $OUT "(1001 switches,"
grep -q 'implementation: name="alt"' /proc/bpf_testmod_status || t_fail "alt is not the one attached after an odd count"
grep -c 'reason="replaced"' /proc/bpf_testmod_status | grep -qv '^0$' || t_fail "no replaced reason recorded"
# per-trigger lines are rate-limited by now: count through the status file
before=$(status_value triggers)
trigger
expect_eq "$(( $(status_value triggers) - before ))" 1 "triggers served by alt after the swaps"
stop_bg INT
expect_eq "$BG_RC" 0 "the loader's exit status"
idle0=$(status_value triggers_idle)
trigger
expect_eq "$(( $(status_value triggers_idle) - idle0 ))" 1 "triggers that found nothing after the detach"
unload_module
t_end
