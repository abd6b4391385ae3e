# SPDX-License-Identifier: GPL-2.0
# plan: 4
# Fuzz every file the module exposes, and init_member through the
# program's options: every call returns the documented count or errno.
# STRESS_FUZZ_CALLS (default 10000) calls on the trigger file.

FW=build/tests/tools/fuzzwrite
STATUS=/proc/bpf_testmod_status
N=${STRESS_FUZZ_CALLS:-10000}
load_module

t_begin "fuzz the trigger: $N calls from 4 processes, lengths 0 to 1 MiB; each write returns its length"
start_bg /tmp/bg.out -i 3600 -q
total=$(status_value triggers_total)
$FW -n "$N" -p 4 -w count -r EIO $TRIGGER > $OUT 2>&1 || t_fail "$(tr '\n' '|' < $OUT)"
sed 's/^/# /' $OUT
[ "$(status_value triggers_total)" -gt "$total" ] || t_fail "no trigger counted"
kill -0 $BG_PID 2>/dev/null || t_fail "the implementation's loader died"
stop_bg INT
expect_eq "$BG_RC" 0 "loader's exit status"
t_end

t_begin "fuzz the control file: every write refused with EINVAL, nothing detached"
start_bg /tmp/bg.out -i 3600 -q
$FW -n $((N / 4)) -p 2 -w EINVAL -r EIO /proc/bpf_testmod_ctl > $OUT 2>&1 || t_fail "$(tr '\n' '|' < $OUT)"
sed 's/^/# /' $OUT
kill -0 $BG_PID 2>/dev/null || t_fail "a fuzzed write detached the implementation"
stop_bg INT
t_end

t_begin "fuzz the status file: writes fail with EIO, reads return the file"
$FW -n $((N / 4)) -p 2 -w EIO -r data $STATUS > $OUT 2>&1 || t_fail "$(tr '\n' '|' < $OUT)"
sed 's/^/# /' $OUT
t_end

t_begin "fuzz init_member through --name and --flags: accepted, or refused with one error line"
accepted=0 refused=0 i=0
while [ $i -lt 40 ]; do
	name=$(head -c $((1 + RANDOM % 20)) /dev/urandom | tr -d '\000')
	case $((i % 4)) in
	0) name=$(echo "$name" | tr -cd 'a-zA-Z0-9_.-' | head -c 15) ;;
	esac
	flags=$((RANDOM % 8))
	struct_ops -c 1 -q --name "$name" --flags $flags > $OUT 2> $ERR
	rc=$?
	case $rc in
	0) accepted=$((accepted + 1)) ;;
	1|2) refused=$((refused + 1))
	     [ "$(wc -l < $ERR)" = 1 ] || t_fail "--name/--flags #$i: $(wc -l < $ERR) lines on stderr: $(tr '\n' '|' < $ERR | head -c 200)"
	     grep -q '^Error: ' $ERR || t_fail "--name/--flags #$i: no Error line" ;;
	*) t_fail "--name/--flags #$i: exit status $rc" ;;
	esac
	i=$((i + 1))
done
echo "# init_member fuzz: $accepted accepted, $refused refused"
[ $accepted -gt 0 ] || t_fail "no valid name was accepted"
expect_eq "$(status_value registered)" no "registered afterwards"
t_end
