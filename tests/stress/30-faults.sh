# SPDX-License-Identifier: GPL-2.0
# plan: 4
# Faults: kill -9 at random points of load/attach/trigger/swap/detach
# (STRESS_KILLS, default 100); broken objects; a missing module or bpffs;
# an unprivileged user for every command and file. After each: a non-zero
# exit with one error line, nothing registered, and rmmod works.

ASUSER=build/tests/tools/asuser
STATUS=/proc/bpf_testmod_status
PIN=/sys/fs/bpf/fault_link
KILLS=${STRESS_KILLS:-100}

registered_now() { grep -q '^registered: yes' $STATUS; }

# nothing registered within 1 s of a kill (link mode)
expect_gone() {
	local i=0
	while registered_now; do
		i=$((i + 1))
		[ $i -lt 20 ] || { t_fail "$1: still registered 1 s after the kill"; return 1; }
		usleep 50000
	done
}

load_module
t_begin "kill -9 at random points of run, swap and detach, $KILLS times: nothing left"
k=0
while [ $k -lt "$KILLS" ]; do
	case $((k % 4)) in
	0|1)	# open, load, attach or the trigger loop
		struct_ops -q -i 0.01 > /dev/null 2>&1 &
		pid=$!
		usleep $((RANDOM % 600000)) ;;
	2)	# in the middle of hot swaps on a pinned link
		struct_ops -q -c 1 -P $PIN > /dev/null 2>&1 || t_fail "kill $k: pinning failed"
		struct_ops swap -c 100000 $PIN > /dev/null 2>&1 &
		pid=$!
		usleep $((RANDOM % 600000)) ;;
	3)	# during a detach of a pinned link
		struct_ops -q -c 1 -P $PIN > /dev/null 2>&1 || t_fail "kill $k: pinning failed"
		struct_ops detach $PIN > /dev/null 2>&1 &
		pid=$!
		usleep $((RANDOM % 20000)) ;;
	esac
	kill -9 $pid 2>/dev/null
	wait $pid 2>/dev/null
	if [ -e $PIN ]; then
		struct_ops detach $PIN > /dev/null 2>&1
		rm -f $PIN
	fi
	expect_gone "kill $k"
	k=$((k + 1))
done
echo "# faults: $k kills"
struct_ops -q -c 1 > $OUT 2>&1 || t_fail "attach after the kills failed: $(tr '\n' '|' < $OUT)"
unload_module
t_end

load_module
t_begin "broken and wrong objects: one error line, exit 1, nothing registered"
head -c 1000 build/bpf/struct_ops.bpf.o > /tmp/truncated.bpf.o
cp build/bpf/struct_ops.bpf.o /tmp/corrupt.bpf.o
size=$(wc -c < /tmp/corrupt.bpf.o)
dd if=/dev/urandom of=/tmp/corrupt.bpf.o bs=1 seek=$((size / 3)) count=512 conv=notrunc 2>/dev/null
: > /tmp/empty.bpf.o
for obj in /tmp/truncated.bpf.o /tmp/corrupt.bpf.o /tmp/empty.bpf.o /tmp /tmp/none.bpf.o \
	   build/bpf/tests/reject_null_deref.bpf.o build/bpf/tests/reject_unbounded.bpf.o \
	   build/bpf/tests/mismatch.bpf.o; do
	struct_ops -q -c 1 -o $obj > $OUT 2> $ERR
	rc=$?
	[ $rc = 1 ] || [ $rc = 2 ] || t_fail "$obj: exit status $rc"
	grep -q '^Error: ' $ERR || t_fail "$obj: no Error line: $(tr '\n' '|' < $ERR | head -c 200)"
	registered_now && t_fail "$obj: registered"
done
unload_module
t_end

t_begin "no module, no bpffs: one clear error, exit 1"
struct_ops -q -c 1 > $OUT 2> $ERR
expect_eq "$?" 1 "exit status without the module"
expect_in $ERR "module hello is not loaded; load it with 'insmod hello.ko'"
expect_eq "$(wc -l < $ERR)" 1 "error lines without the module"
load_module
umount /sys/fs/bpf
struct_ops -q -c 1 -P /sys/fs/bpf/nobpffs > $OUT 2> $ERR
expect_eq "$?" 1 "exit status without bpffs"
grep -q '^Error: .*/sys/fs/bpf' $ERR || t_fail "no error naming bpffs: $(tr '\n' '|' < $ERR)"
registered_now && t_fail "registered without bpffs"
mount -t bpf bpf /sys/fs/bpf
unload_module
t_end

load_module
# ('types' reads only /sys/kernel/btf, which anyone may: it works)
t_begin "an unprivileged user: every command and file refused, nothing changed"
start_bg /tmp/bg.out -i 3600 -q
total=$(status_value triggers_total)
for cmd in "run -c 1" "trigger" "list" "dump testmod_ops" "status" "detach link 1" \
	   "repair 1" "swap link 1" "doctor"; do
	$ASUSER -u 65534 -- struct_ops $cmd > $OUT 2> $ERR
	rc=$?
	[ $rc -ge 1 ] && [ $rc -lt 128 ] || t_fail "'$cmd' as uid 65534: exit status $rc"
	cat $OUT $ERR | grep -qiE 'privilege|permission|root|not permitted' ||
		t_fail "'$cmd' as uid 65534 does not say why: $(cat $OUT $ERR | tr '\n' '|' | head -c 200)"
done
for f in $TRIGGER /proc/bpf_testmod_ctl; do
	$ASUSER -u 65534 -- sh -c "echo detach > $f" 2> /dev/null && t_fail "uid 65534 wrote $f"
	$ASUSER -n -- sh -c "echo detach > $f" 2> /dev/null && t_fail "uid 0 without capabilities wrote $f"
done
kill -0 $BG_PID 2>/dev/null || t_fail "the implementation was detached"
expect_eq "$(status_value triggers_total)" "$total" "triggers counted"
stop_bg INT
unload_module
t_end
