# SPDX-License-Identifier: GPL-2.0
# plan: 11
# Kits written by 'struct_ops new' from tests/new/*.h and built with their
# own Makefile (make test-fixtures): each module registers its type, the
# generated BPF implementation answers every operator through
# /sys/kernel/debug/KIT/test, and the generated callbacks refuse what they
# must.
# Expected values: operator K (from 1) returns K + its integer arguments
# (the test file passes 10, 20, ... and true) + its non-NULL pointers.

t_begin "new: the three generated modules load and register their types; nothing attached, every operator returns 0"
for k in seed pktsched wide; do
	kit_load $k
done
expect_dmesg "seed: struct_ops type seed_ops registered (3 operators)"
expect_dmesg "pktsched: struct_ops type pktsched_ops registered (6 operators)"
expect_dmesg "wide: struct_ops type wide_ops registered (44 operators)"
struct_ops types > /tmp/types.out 2>&1
for t in seed_ops pktsched_ops wide_ops; do
	grep -q "$t" /tmp/types.out || t_fail "types does not list $t"
done
kit_call pktsched all
expect_in $OUT "registered no"
expect_in $OUT "enqueue 0"
expect_in $OUT "tick void"
expect_in $OUT "wide 0"
expect_lines $OUT 7
ls -l "$(kit_test pktsched)" | grep -q '^-rw-------' || t_fail "$(kit_test pktsched) is not 0600"
t_end

t_begin "new seed: the generated implementation answers test_1..3; a second one is refused"
trace_clear
kit_attach seed "$(kit_obj seed)"
kit_call seed all
expect_in $OUT "registered yes"
expect_in $OUT "test_1 1"
expect_in $OUT "test_2 32"
expect_in $OUT "test_3 24"
expect_trace "seed: test_2 returns 32"
expect_dmesg "seed: implementation registered by struct_ops["
struct_ops run -o "$(kit_obj seed)" -N > /tmp/second.out 2> $ERR
expect_eq "$?" 3 "exit status of a second attach"
expect_dmesg "seed: refused a second implementation from struct_ops["
struct_ops status -t seed_ops -j > /tmp/status.json 2>&1
emit_json "new seed status" /tmp/status.json
expect_json /tmp/status.json .registered true
grep -qF '"seed_test_2"' /tmp/status.json || t_fail "status -j does not name the program seed_test_2"
struct_ops list > /tmp/list.out 2>&1
expect_in /tmp/list.out "seed_ops"
struct_ops dump seed_default -j > /tmp/dump.json 2>&1
emit_json "new seed dump" /tmp/dump.json
grep -qF '"seed_test_3"' /tmp/dump.json || t_fail "dump -j lacks the program seed_test_3"
struct_ops doctor -t seed_ops > /tmp/doctor.out 2>&1
expect_eq "$?" 0 "doctor -t seed_ops's exit status"
expect_in /tmp/doctor.out "type in BTF: bpf_struct_ops_seed_ops is in seed's BTF"
expect_in /tmp/doctor.out "registration: map "
expect_in /tmp/doctor.out "0 problems"
stop_bg INT
expect_eq "$BG_RC" 0 "struct_ops run's exit status after SIGINT"
kit_call seed test_2
expect_in $OUT "registered no"
expect_in $OUT "test_2 0"
expect_dmesg "seed: implementation unregistered"
kit_unload seed
t_end

t_begin "new pktsched: struct pointers, void, u64, bool, 6 arguments, a sleepable operator, data members"
trace_clear
kit_attach pktsched "$(kit_obj pktsched)"
kit_call pktsched all
expect_in $OUT "registered yes"
expect_in $OUT 'name "default"'
expect_in $OUT "flags 0"
expect_in $OUT "enqueue 22"
expect_in $OUT "tick void"
expect_in $OUT "pick 24"
expect_in $OUT "classify 6"
expect_in $OUT "reclaim 16"
expect_in $OUT "wide 157"
expect_trace "pktsched: tick called"
expect_trace "pktsched: reclaim returns 16"
t_end

t_begin "new pktsched: __nullable arguments reach the programs as NULL; operators left out return 0"
kit_call pktsched "all null"
expect_in $OUT "pick 24"
expect_in $OUT "classify 5"
expect_in $OUT "enqueue 22"
kit_call pktsched "classify null"
expect_lines $OUT 4
stop_bg INT
# an implementation that leaves operators out: their wrappers return 0
kit_attach pktsched "$(kit_obj pktsched pktsched_partial)"
kit_call pktsched all
expect_in $OUT 'name "partial"'
expect_in $OUT "flags 1"
expect_in $OUT "enqueue 7"
expect_in $OUT "tick void"
for op in pick classify reclaim wide; do
	grep -qx "$op 0" $OUT || t_fail "$op of a partial implementation: $(grep "^$op " $OUT)"
done
echo bogus > "$(kit_test pktsched)" 2>/dev/null && t_fail "writing 'bogus' succeeded"
stop_bg INT
expect_eq "$BG_RC" 0 "struct_ops run's exit status after SIGINT"
t_end

t_begin "new pktsched: kernel objects are real (a new sk_buff, current): kfuncs that follow them work"
trace_clear
kit_attach pktsched "$(kit_obj pktsched pktsched_kobj)"
kit_call pktsched all
expect_in $OUT "enqueue 500"
expect_in $OUT "reclaim 1000"
expect_trace "pktsched: reclaim for pid"
expect_trace "under the root cgroup: 1"
stop_bg INT
expect_eq "$BG_RC" 0 "struct_ops run's exit status after SIGINT"
t_end

t_begin "new kobj: a kernel-style header (includes, kernel-doc, annotations, ctx): real objects, NULL, or skipped"
kit_load kobj
expect_dmesg "kobj: struct_ops type kobj_ops registered (9 operators)"
kit_attach kobj "$(kit_obj kobj)"
kit_call kobj all
expect_in $OUT "registered yes"
expect_in $OUT "event 22"
expect_in $OUT "order 23"
expect_in $OUT "bio skipped: bio is a kernel object the test file cannot make"
expect_in $OUT "maybe 24"
expect_in $OUT "drop 6"
expect_in $OUT "cookie 26"
expect_in $OUT "copy 28"
expect_in $OUT "files 11"
expect_in $OUT "grade 159"
expect_in $OUT 'tag "default"'
expect_in $OUT "hwaddr 000000000000"
expect_in $OUT "id 0"
stop_bg INT
expect_eq "$BG_RC" 0 "struct_ops run's exit status after SIGINT"
kit_unload kobj
[ ! -e "$(kit_test kobj)" ] || t_fail "$(kit_test kobj) is still there after rmmod"
t_end

t_begin "new pktsched: the verifier and the generated callbacks refuse bad implementations"
struct_ops run -o "$(kit_obj pktsched pktsched_nullderef)" -N > $OUT 2> $ERR
expect_eq "$?" 1 "exit status: unchecked __nullable dereference"
expect_in $ERR "it dereferences a pointer that may be NULL (a __nullable argument) without checking it first"
struct_ops run -o "$(kit_obj pktsched pktsched_sleepable)" -N > $OUT 2> $ERR
expect_eq "$?" 1 "exit status: sleepable program for tick"
expect_dmesg "pktsched: rejecting program 'sl_tick': sleepable programs cannot implement an operator called under RCU"
struct_ops run -o "$(kit_obj pktsched pktsched_noenqueue)" -N > $OUT 2> $ERR
expect_eq "$?" 1 "exit status: no enqueue"
expect_dmesg "pktsched: rejecting implementation: operator enqueue is required"
struct_ops run -o "$(kit_obj pktsched)" -N -f 0x8 > $OUT 2> $ERR
expect_eq "$?" 1 "exit status: flags 0x8"
expect_dmesg "pktsched: rejecting implementation: flags: unknown bits 0x8 (known: 0x3)"
kit_call pktsched tick
expect_in $OUT "registered no"
t_end

t_begin "new pktsched: struct_ops detach of the link unregisters it; the loader exits 4"
kit_attach pktsched "$(kit_obj pktsched)" -n mine -f 0x3
kit_call pktsched enqueue
expect_in $OUT 'name "mine"'
expect_in $OUT "flags 3"
struct_ops status -t pktsched_ops -j > /tmp/status.json 2>&1
link=$(json_get /tmp/status.json '.maps[0].link_id')
if [ -n "$link" ] && struct_ops detach link "$link" > $OUT 2>&1; then
	wait "$BG_PID"
	expect_eq "$?" 4 "struct_ops run's exit status after the detach"
else
	t_fail "detach link '$link' failed: $(tr '\n' '|' < $OUT)"
	stop_bg INT
fi
kit_call pktsched enqueue
expect_in $OUT "registered no"
expect_in $OUT "enqueue 0"
kit_unload pktsched
t_end

t_begin "new pktsched: calls from two writers race attaches, link updates and detaches"
kit_load pktsched
rm -f /tmp/race.stop
for w in 1 2; do
	( n=0
	  while [ ! -e /tmp/race.stop ]; do
		echo all > "$(kit_test pktsched)" || { echo "write failed" > /tmp/race.err$w; break; }
		echo "reclaim null" > "$(kit_test pktsched)"
		n=$((n + 1))
	  done
	  echo $n > /tmp/race.n$w ) &
done
for i in 1 2 3; do
	kit_attach pktsched "$(kit_obj pktsched)"
	stop_bg INT
	expect_eq "$BG_RC" 0 "exit status of attach $i after SIGINT"
done
kit_attach pktsched "$(kit_obj pktsched)"
struct_ops status -t pktsched_ops -j > /tmp/status.json 2>&1
link=$(json_get /tmp/status.json '.maps[0].link_id')
for i in 1 2 3 4; do
	struct_ops swap link "$link" -o "$(kit_obj pktsched)" > $OUT 2>&1 ||
		t_fail "swap $i: $(tr '\n' '|' < $OUT)"
done
stop_bg INT
touch /tmp/race.stop
wait
for w in 1 2; do
	[ ! -e /tmp/race.err$w ] || t_fail "writer $w: $(cat /tmp/race.err$w)"
	echo "# writer $w: $(cat /tmp/race.n$w 2>/dev/null) rounds of 'all' and 'reclaim null'"
done
expect_dmesg_count "pktsched: implementation replaced" 4
expect_dmesg_count "pktsched: implementation registered by" 4
expect_dmesg_count "pktsched: implementation unregistered" 4
kit_call pktsched enqueue
expect_in $OUT "registered no"
kit_unload pktsched
t_end

t_begin "new wide: 44 operators, every one answered (more than a page of trampolines)"
kit_attach wide "$(kit_obj wide)"
kit_call wide all
n=0
bad=
while [ $n -lt 44 ]; do
	grep -qx "op_$n $((n + 11))" $OUT || bad="$bad op_$n"
	n=$((n + 1))
done
[ -z "$bad" ] || t_fail "wrong or missing results:$bad ($(head -c 200 $OUT | tr '\n' '|'))"
struct_ops status -t wide_ops -j > /tmp/status.json 2>&1
emit_json "new wide status" /tmp/status.json
[ "$(grep -o '"wide_op_[0-9]*"' /tmp/status.json | sort -u | wc -l)" = 44 ] ||
	t_fail "status -j does not name 44 programs"
stop_bg INT
t_end

t_begin "new: the generated modules unload; the test file is gone"
kit_unload wide
[ ! -e "$(kit_test wide)" ] || t_fail "$(kit_test wide) is still there"
grep -qE '^(seed|pktsched|wide) ' /proc/modules && t_fail "a generated module is still loaded"
struct_ops doctor -t seed_ops > /tmp/doctor.out 2>&1
expect_eq "$?" 1 "doctor -t seed_ops's exit status without the module"
grep -q '^problem .*seed_ops' /tmp/doctor.out || t_fail "doctor names no problem with seed_ops: $(tr '\n' '|' < /tmp/doctor.out)"
t_end
