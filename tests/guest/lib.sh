# SPDX-License-Identifier: GPL-2.0
# Helpers for the guest tests (busybox sh): the shared ones (tests/lib.sh),
# with "ok - guest: NAME" lines, and the guest's own.
T_SUITE=guest
JSONGET=build/tests/tools/jsonget
. tests/lib.sh

KO=build/module/hello.ko
KO_NOBTF=build/module-nobtf/hello.ko
TRIGGER=/proc/bpf_testmod_trigger
TRACE=/sys/kernel/tracing/trace
OUT=/tmp/t.out
ERR=/tmp/t.err

# Each test starts with an empty kernel ring buffer (so that "since the
# test began" stays exact even after a test floods it); what is cleared is
# kept in /tmp/dmesg.saved for the final scan (99-dmesg.sh).
t_begin() {
	T_NAME=$1
	T_FAIL=
	dmesg -c >> /tmp/dmesg.saved
	DMESG_MARK=0
}

trace_clear() {
	echo > "$TRACE"
}

# Kernel log lines since t_begin.
dmesg_new() {
	dmesg | tail -n +$((DMESG_MARK + 1))
}

expect_dmesg() {
	dmesg_new | grep -qF -- "$1" || t_fail "dmesg lacks '$1'"
}

expect_no_dmesg() {
	! dmesg_new | grep -qF -- "$1" || t_fail "dmesg has '$1'"
}

expect_dmesg_count() {	# TEXT N
	local n
	n=$(dmesg_new | grep -cF -- "$1")
	[ "$n" = "$2" ] || t_fail "dmesg has '$1' $n times, want $2"
}

expect_trace() {
	grep -qF -- "$1" "$TRACE" || t_fail "trace buffer lacks '$1'"
}

module_loaded() {
	grep -q '^hello ' /proc/modules
}

load_module() {
	module_loaded || insmod "${1:-$KO}" || t_fail "insmod ${1:-$KO} failed"
}

# rmmod, retried for up to 2 s: the kernel frees a struct_ops map (and the
# module reference it holds) from a workqueue after an RCU grace period.
unload_module() {
	local i=0
	while module_loaded; do
		rmmod hello 2>/dev/null && return 0
		i=$((i + 1))
		[ $i -lt 20 ] || { t_fail "rmmod hello still failing after 2 s"; return 1; }
		sleep 0.1
	done
}

# Kits 'struct_ops new' wrote from tests/new/*.h (make test-fixtures).
kit_ko() { echo "build/new/$1/module/$1.ko"; }
kit_obj() { echo "build/new/$1/build/${2:-$1}.bpf.o"; }

kit_load() {
	insmod "$(kit_ko "$1")" || t_fail "insmod $(kit_ko "$1") failed"
}

# Call operators (all, or one, and " null") and keep what the file says.
# the test file of a kit that 'struct_ops new' wrote
kit_test() { echo "/sys/kernel/debug/$1/test"; }
kit_call() {	# KIT WHAT
	echo "$2" > "$(kit_test "$1")" || t_fail "write '$2' to $(kit_test "$1") failed"
	cat "$(kit_test "$1")" > $OUT
}

# struct_ops run -N in the background, until the kit says it is registered.
kit_attach() {	# KIT OBJECT [RUN OPTIONS]
	local kit=$1 obj=$2 i=0
	shift 2
	struct_ops run -o "$obj" -N "$@" > /tmp/bg.out 2>&1 &
	BG_PID=$!
	until grep -q '^registered yes$' "$(kit_test "$kit")"; do
		i=$((i + 1))
		if [ $i -ge 100 ] || ! kill -0 $BG_PID 2>/dev/null; then
			t_fail "struct_ops run -o $obj did not attach within 10 s: $(tr '\n' '|' < /tmp/bg.out)"
			return 1
		fi
		sleep 0.1
	done
}

# rmmod MODULE (a kit's or a fixture's), retried for up to 2 s (the
# kernel drops the map's module reference from a workqueue after a grace
# period)
kit_unload() {
	local i=0
	while grep -q "^$1 " /proc/modules; do
		rmmod "$1" 2>/dev/null && return 0
		i=$((i + 1))
		[ $i -lt 20 ] || { t_fail "rmmod $1 still failing after 2 s"; return 1; }
		sleep 0.1
	done
}

# Start struct_ops in the background (output in $1, pid in $BG_PID) and
# wait until the module logged the registration.
start_bg() {
	local out=$1 mark i
	shift
	mark=$(dmesg | wc -l)
	struct_ops "$@" > "$out" 2>&1 &
	BG_PID=$!
	i=0
	until dmesg | tail -n +$((mark + 1)) | grep -q "hello: struct_ops implementation .*registered by"; do
		i=$((i + 1))
		if [ $i -ge 100 ] || ! kill -0 $BG_PID 2>/dev/null; then
			t_fail "struct_ops $* did not attach within 10 s: $(tr '\n' '|' < "$out")"
			return 1
		fi
		sleep 0.1
	done
}

# Stop it with a signal; BG_RC gets its exit status.
stop_bg() {
	kill -"${1:-INT}" "$BG_PID" 2>/dev/null
	wait "$BG_PID"
	BG_RC=$?
}

# A number from /proc/bpf_testmod_status: status_value KEY
status_value() {
	sed -n "s/^$1: //p" /proc/bpf_testmod_status
}

# Check a JSON document here (jsonget), and hand it to the host too,
# whose parser checks every "json - NAME: ..." line as a test of its own.
emit_json() {	# NAME FILE
	json_ok "$2"
	echo "json - $1: $(tr -d '\n' < "$2")"
}

trigger() {
	struct_ops trigger -q "$@"
}
