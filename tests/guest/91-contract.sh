# SPDX-License-Identifier: GPL-2.0
# plan: 5
# The command contract where the module is loaded: under -j, run and
# trigger print one JSON document whose fields carry the kernel's lines
# (never plain "kernel:" text), and a failure is one error object. Each
# document is also handed to the host's JSON parser (emit_json).

load_module

t_begin "run -j: one document with the map, link, programs and each trigger's kernel lines"
struct_ops run -j -c 2 -i 0.05 > /tmp/run.json 2> $ERR
expect_eq "$?" 0 "exit status"
emit_json "run -j" /tmp/run.json
expect_lines /tmp/run.json 1
expect_not_in /tmp/run.json "kernel: "
grep -q '^{"type":"bpf_testmod_ops","implementation":"testmod_ops","map_id":[0-9]*,"link_id":[0-9]*,"programs":{"test_1":[0-9]*,' /tmp/run.json ||
	t_fail "the document does not start with the attachment: $(head -c 200 /tmp/run.json)"
expect_in /tmp/run.json '"pinned":null,"triggers":[{"trigger":1,"bytes":21,"kernel":["'
expect_in /tmp/run.json '{"trigger":2,"bytes":21,'
expect_in /tmp/run.json '"test_1() returned: 42"'
expect_in /tmp/run.json '"stopped":"count","attached":false,"timing_ms":{"open":'
expect_json /tmp/run.json .stopped count
expect_json /tmp/run.json .attached false
for step in open btf load attach detach; do
	[ -n "$(json_get /tmp/run.json .timing_ms.$step)" ] || t_fail "no timing_ms.$step"
done
[ -s $ERR ] && t_fail "stderr: $(head -c 200 $ERR)"
t_end

t_begin "run -j stopped by SIGTERM, and run -j while another implementation is registered"
start_bg /tmp/run.json -j -i 3600
struct_ops run -j -c 1 > /tmp/busy.json 2> $ERR
expect_eq "$?" 3 "exit status of the second loader"
emit_json "run -j, busy" /tmp/busy.json
grep -q '^{"error":"bpf_testmod_ops already has an implementation: map ' /tmp/busy.json ||
	t_fail "not an error object: $(head -c 200 /tmp/busy.json)"
stop_bg TERM
expect_eq "$BG_RC" 0 "exit status after SIGTERM"
emit_json "run -j, SIGTERM" /tmp/run.json
expect_in /tmp/run.json '"stopped":"signal","signal":"SIGTERM","attached":false,'
t_end

t_begin "trigger -j: the module's lines as a JSON array; -r as figures"
start_bg /tmp/bg.out -i 3600 -q
struct_ops trigger -j hi > /tmp/trig.json 2> $ERR
expect_eq "$?" 0 "exit status"
emit_json "trigger -j" /tmp/trig.json
grep -q '^{"bytes":2,"kernel":\[.*"test_1() returned: 42".*\]}$' /tmp/trig.json ||
	t_fail "trigger document: $(head -c 300 /tmp/trig.json)"
struct_ops trigger -j -r 3 > /tmp/rep.json
emit_json "trigger -j -r 3" /tmp/rep.json
grep -q '^{"writes":3,"bytes":21,"ns_per_write":[0-9]*}$' /tmp/rep.json ||
	t_fail "repeat document: $(cat /tmp/rep.json)"
stop_bg TERM
t_end

t_begin "under -j a failed command prints only its error object: swap, detach, dump"
struct_ops swap -j > /tmp/e.json 2> $ERR
expect_eq "$?" 1 "swap with nothing attached"
emit_json "swap -j, nothing attached" /tmp/e.json
grep -q '^{"error":"no bpf_testmod_ops implementation is registered' /tmp/e.json ||
	t_fail "swap: $(cat /tmp/e.json)"
struct_ops detach -j > /tmp/e.json 2> $ERR
expect_eq "$?" 1 "detach with nothing attached"
emit_json "detach -j, nothing attached" /tmp/e.json
expect_in /tmp/e.json '{"error":'
struct_ops dump -j 99999 > /tmp/e.json 2> $ERR
expect_eq "$(cat /tmp/e.json)" '{"error":"no struct_ops map with id 99999 (see '"'"'struct_ops list'"'"')"}' "dump -j 99999"
[ -s $ERR ] && t_fail "stderr: $(head -c 200 $ERR)"
t_end

t_begin "a closed stdout (a pipe's reader exits) detaches and exits 1, even legacy"
# before any trigger: the reader is gone at once
{ struct_ops run -L -N 2> $ERR; echo $? > /tmp/rc; } | true
expect_eq "$(cat /tmp/rc)" 1 "exit status, -N"
expect_in $ERR "Error: standard output was closed (its reader exited?): detaching and stopping"
expect_eq "$(status_value registered)" no "registered after -N | true"
# while triggering: head exits after two lines
{ struct_ops run -L -i 0.1 2> $ERR; echo $? > /tmp/rc; } | head -n 2 > $OUT
expect_eq "$(cat /tmp/rc)" 1 "exit status, | head -n 2"
expect_lines $OUT 2
expect_in $ERR "standard output was closed"
expect_eq "$(status_value registered)" no "registered after | head"
grep -q 'reason="user detach"' /proc/bpf_testmod_status || t_fail "no user detach recorded"
t_end
