#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The command contract, for every command (docs/DESIGN.md, "One command contract"):
# a bad option or argument is one "Error:" line and exit 2; -h is usage on
# stdout, exit 0; global options work before and after the command; under
# -j stdout is exactly one JSON document, on success and on failure.
set -u
cd "$(dirname "$0")/../.."

. tests/host/lib.sh

SO=build/bin/struct_ops
CMDS="run trigger list dump types doctor status detach repair swap help"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# one JSON document on stdout: print its top-level kind (object, array, null)
json_kind() {
	python3 -c '
import json, sys
text = sys.stdin.read()
try:
    doc, end = json.JSONDecoder().raw_decode(text)
except ValueError as e:
    print("invalid: %s" % e); sys.exit(0)
if text[end:].strip():
    print("two documents"); sys.exit(0)
print({dict: "object", list: "array", type(None): "null"}.get(type(doc), "other"))
if isinstance(doc, dict) and "error" in doc:
    print("error")' < "$1"
}

t_begin "every command: an unknown option is one Error line naming it, exit 2"
for c in $CMDS; do
	$SO $c -x >"$tmp/out" 2>"$tmp/err"; expect_eq $? 2 "$c -x"
	expect_eq "$(wc -l < "$tmp/err")" 1 "lines on stderr for $c -x"
	expect_in "$tmp/err" "Error: unknown option '-x' for '$c' (see 'struct_ops $c -h')"
	[ -s "$tmp/out" ] && t_fail "$c -x wrote to stdout"
	$SO $c --no-such-option=1 >"$tmp/out" 2>"$tmp/err"; expect_eq $? 2 "$c --no-such-option"
	expect_in "$tmp/err" "unknown option '--no-such-option'"
done
$SO -x >"$tmp/out" 2>"$tmp/err"; expect_eq $? 2 "-x"
expect_eq "$(cat "$tmp/err")" "Error: unknown option '-x' for 'run' (see 'struct_ops run -h')" "-x"
$SO frobnicate >"$tmp/out" 2>"$tmp/err"; expect_eq $? 2 "unknown command"
expect_eq "$(cat "$tmp/err")" "Error: unknown command 'frobnicate' (see 'struct_ops help')" "unknown command"
t_end

t_begin "every command: too many arguments, or a missing value, is one Error line, exit 2"
for c in $CMDS; do
	$SO $c a b c >"$tmp/out" 2>"$tmp/err"; expect_eq $? 2 "$c a b c"
	expect_eq "$(wc -l < "$tmp/err")" 1 "lines on stderr for $c a b c"
	grep -q "^Error: " "$tmp/err" || t_fail "$c a b c: $(cat "$tmp/err")"
done
for a in "run -c" "run --interval" "status -t" "swap -o" "trigger -s" "doctor --ko"; do
	$SO $a >"$tmp/out" 2>"$tmp/err"; expect_eq $? 2 "$a"
	expect_in "$tmp/err" "needs a value (see 'struct_ops ${a%% *} -h')"
done
for a in "swap -c 0" "trigger -r 0" "detach link 0" "repair 0" "dump 0" "run -c x"; do
	$SO $a >"$tmp/out" 2>"$tmp/err"; expect_eq $? 2 "$a"
	expect_eq "$(wc -l < "$tmp/err")" 1 "lines on stderr for $a"
	expect_in "$tmp/err" "Error: invalid "
done
t_end

t_begin "every command: -h, --help and 'CMD help' print its usage, exit 0"
for c in $CMDS; do
	for h in -h --help help; do
		$SO $c $h >"$tmp/out" 2>"$tmp/err"; expect_eq $? 0 "$c $h"
		grep -q "^Usage: struct_ops \(\[run\]\|$c\) \[OPTIONS\]" "$tmp/out" ||
			t_fail "'$c $h' has no usage line: $(head -1 "$tmp/out")"
		expect_in "$tmp/out" "  -j, --json"
		[ -s "$tmp/err" ] && t_fail "$c $h wrote to stderr"
	done
done
$SO -h >"$tmp/out"; expect_in "$tmp/out" "Usage: struct_ops [GLOBAL OPTIONS] [COMMAND] [OPTIONS]"
$SO -h status >"$tmp/out"; expect_in "$tmp/out" "Usage: struct_ops status [OPTIONS]"
$SO help swap >"$tmp/out"; expect_in "$tmp/out" "Usage: struct_ops swap [OPTIONS] [PIN_PATH | link LINK_ID]"
t_end

t_begin "under -j, help is on stderr and stdout is null"
for c in $CMDS; do
	$SO -j $c -h >"$tmp/out" 2>"$tmp/err"; expect_eq $? 0 "-j $c -h"
	expect_eq "$(json_kind "$tmp/out")" null "-j $c -h"
	expect_in "$tmp/err" "Usage: struct_ops"
done
t_end

t_begin "under -j, every usage error is one error object on stdout, nothing on stderr"
for c in $CMDS; do
	for j in "-j $c -x" "$c -x -j" "$c --json a b c" "-p $c -x"; do
		$SO $j >"$tmp/out" 2>"$tmp/err"; expect_eq $? 2 "$j"
		expect_eq "$(json_kind "$tmp/out" | tr '\n' ' ')" "object error " "$j"
		[ -s "$tmp/err" ] && t_fail "'$j' wrote to stderr: $(head -1 "$tmp/err")"
	done
done
t_end

t_begin "under -j, each command's result or failure is one document"
# on this host: no hello module, tcp_congestion_ops and bpf_dummy_ops only
check_doc() {	# WANT ARGS...
	local want=$1; shift
	$SO "$@" >"$tmp/out" 2>"$tmp/err"
	expect_eq "$(json_kind "$tmp/out" | tr '\n' ' ' | sed 's/ $//')" "$want" "$*"
}
check_doc array -j list
check_doc array list -j
check_doc array -j types
check_doc "object error" -j types /nonexistent.bpf.o
check_doc object -j status
check_doc object -j status -t tcp_congestion_ops
check_doc object -j doctor
check_doc "object error" -j dump 99999
check_doc "object error" -j dump no_such_map
check_doc "object error" -j detach
check_doc "object error" -j detach link 99999
check_doc "object error" -j detach /sys/fs/bpf/no-such-pin
check_doc "object error" -j swap link 99999
check_doc "object error" -j repair 99999
check_doc object -j repair
check_doc "object error" -j trigger
check_doc "object error" -j trigger -r 3
check_doc "object error" -j run -c 1
check_doc "object error" -j -o /nonexistent.bpf.o
check_doc null -j help
t_end

t_begin "global options are the same before and after the command"
$SO -q -j list >"$tmp/a" 2>&1
$SO list -q -j >"$tmp/b" 2>&1
expect_eq "$(cat "$tmp/a")" "$(cat "$tmp/b")" "-q -j list and list -q -j"
$SO -jp status >"$tmp/a" 2>&1
$SO status --pretty >"$tmp/b" 2>&1
expect_eq "$(cat "$tmp/a")" "$(cat "$tmp/b")" "-jp status and status --pretty"
t_end

t_begin "jsonget (the guest's JSON reader) agrees with Python's parser on 2000 mutated documents"
python3 - "$JSONGET" <<'PY' >"$tmp/out" 2>&1 || t_fail "$(head -3 "$tmp/out")"
import json, random, subprocess, sys
random.seed(7)
docs = ['{"a":[1,2,{"b":null}],"c":"x\\u0041\\n"}', '[true,false,-0.5e-3,0,1E+2]',
        '{}', '[]', '"s"', '{"k":{"l":[[],{}]}}']
bad = 0
for i in range(2000):
    d = random.choice(docs)
    for _ in range(random.randrange(3)):
        l = list(d); k = random.randrange(len(l))
        l[k] = random.choice('{}[],:"a1 -.e\\')
        d = ''.join(l)
    try:
        json.loads(d); ok = True
    except ValueError:
        ok = False
    r = subprocess.run([sys.argv[1]], input=d.encode(), capture_output=True).returncode
    if (r == 0) != ok:
        bad += 1
        print("disagree on %r: python %s, jsonget %d" % (d, ok, r))
sys.exit(1 if bad else 0)
PY
echo '{"maps":[{"id":7,"name":"a\"b"}]}' >"$tmp/j"
expect_json "$tmp/j" '.maps[0].id' 7
expect_json "$tmp/j" '.maps[0].name' 'a"b'
"$JSONGET" '.maps[1]' <"$tmp/j"; expect_eq $? 1 "exit status for a missing path"
echo '[]{}' | "$JSONGET" 2>/dev/null; expect_eq $? 2 "exit status for two documents"
t_end

t_begin "run's own option rules: conflicts and values are one Error line, exit 2"
for a in "-o x.bpf.o -L|-o and -L both choose the object" \
	 "-N -c 2|-N waits for a signal without triggering: -c has nothing to count" \
	 "-P /sys/fs/bpf/x -L|-P pins a link, and the legacy object (-L) has none" \
	 "-c abc|invalid count 'abc': expected a whole number" \
	 "-i 0|invalid interval '0': expected seconds between 0.001 and 86400" \
	 "-i nan|invalid interval 'nan'" \
	 "-f 0x100000000|invalid flags '0x100000000'" \
	 "-n 0123456789abcdef|invalid name '0123456789abcdef': give 1 to 15 characters (bpf_testmod_ops's member name is char[16])"; do
	$SO ${a%%|*} >"$tmp/out" 2>"$tmp/err"; expect_eq $? 2 "run ${a%%|*}"
	expect_eq "$(wc -l < "$tmp/err")" 1 "lines for run ${a%%|*}"
	expect_in "$tmp/err" "Error: ${a#*|}"
done
$SO -m "$(head -c 300 /dev/zero | tr '\0' x)" -o /nonexistent.bpf.o >"$tmp/out" 2>"$tmp/err"
expect_in "$tmp/err" "Warning: message is 300 bytes; the module passes only the first 256 to test_3"
t_end
