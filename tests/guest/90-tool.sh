# SPDX-License-Identifier: GPL-2.0
# plan: 9
# list, dump, types and doctor on the guest kernel, and the doctor's
# fault cases: each cause its one named problem.

load_module

t_begin "list and dump show the bpf_testmod_ops registration, module hello"
start_bg /tmp/bg.out -i 3600 -q -n listed
struct_ops list > $OUT 2>&1
expect_eq "$?" 0 "exit status"
grep -qE "testmod_ops +bpf_testmod_ops +hello +link +ready +yes +[0-9]+ +$BG_PID \(struct_ops\)" $OUT ||
	t_fail "no list line: $(tr '\n' '|' < $OUT)"
struct_ops list -j > /tmp/list.json
emit_json "list -j" /tmp/list.json
grep -qF '"type":"bpf_testmod_ops","btf":"hello"' /tmp/list.json || t_fail "list JSON"
struct_ops dump -j testmod_ops > /tmp/dump.json
emit_json "dump -j" /tmp/dump.json
struct_ops types -j > /tmp/types.json
emit_json "types -j" /tmp/types.json
struct_ops dump testmod_ops > $OUT 2>&1
expect_eq "$?" 0 "dump exit status"
expect_in $OUT "bpf_testmod_ops (btf hello), link mode, state ready, registered through link"
grep -qE "^  test_4 +prog [0-9]+ 'test_4'" $OUT || t_fail "no test_4 line"
grep -qE '^  name +"listed"' $OUT || t_fail "no name line"
expect_in $OUT "(run counts are off: sysctl kernel.bpf_stats_enabled=1 turns them on)"
t_end

t_begin "dump with kernel.bpf_stats_enabled=1: run counts equal the calls"
echo 1 > /proc/sys/kernel/bpf_stats_enabled
trigger; trigger; trigger -e
struct_ops dump testmod_ops > $OUT 2>&1
grep -qE "^  test_1 +prog [0-9]+ 'test_1': run_cnt 3, run_time_ns [0-9]+" $OUT ||
	t_fail "test_1's run count is not 3: $(grep test_1 $OUT)"
grep -qE "^  test_4 +prog [0-9]+ 'test_4': run_cnt 3," $OUT || t_fail "test_4's run count is not 3"
struct_ops dump -j testmod_ops | grep -qF '"stats_enabled":true' || t_fail "JSON stats_enabled"
echo 0 > /proc/sys/kernel/bpf_stats_enabled
stop_bg INT
t_end

t_begin "dump and status show programs' full names, and an unnamed implementation as such"
start_bg /tmp/bg.out -o build/bpf/tests/long_names.bpf.o -i 3600 -q
struct_ops dump testmod_ops > $OUT 2>&1
grep -qE "^  test_1 +prog [0-9]+ 'bpf_testmod_test_1_with_a_long_name'" $OUT ||
	t_fail "dump: no full name: $(grep test_1 $OUT)"
grep -qE "^  test_2 +prog [0-9]+ 'short_t2'" $OUT || t_fail "dump: $(grep test_2 $OUT)"
struct_ops dump -j testmod_ops > /tmp/dump.json
expect_in /tmp/dump.json '"prog_name":"bpf_testmod_test_1_with_a_long_name"'
struct_ops status > $OUT 2>&1
expect_in $OUT "module hello: implementation (unnamed) (flags 0)"
expect_not_in $OUT "implementation ''"
expect_in $OUT "'bpf_testmod_test_1_with_a_long_name'"
stop_bg INT
t_end

t_begin "types shows our two types and their members"
struct_ops types > $OUT 2>&1
expect_eq "$?" 0 "exit status"
expect_in $OUT "bpf_testmod_ops (hello): 6 members"
expect_in $OUT "bpf_testmod_many_ops (hello): 44 members"
grep -qE '^  test_4 +operator +8 bytes at 24$' $OUT || t_fail "no test_4 member line"
grep -qE '^  name +array +16 bytes at 32$' $OUT || t_fail "no name member line"
grep -qE '^  flags +int +4 bytes at 48$' $OUT || t_fail "no flags member line"
t_end

t_begin "types OBJECT: the seed's object matches; a mismatched one is named"
struct_ops types build/bpf/struct_ops.bpf.o > $OUT 2>&1
expect_eq "$?" 0 "exit status for the seed's object"
struct_ops types build/bpf/compat_v2.bpf.o > $OUT 2>&1
expect_eq "$?" 1 "exit status for ___v2 (test_5 is set, the kernel lacks it)"
expect_in $OUT "member test_5: set, but the kernel's bpf_testmod_ops has no member test_5"
struct_ops types build/bpf/tests/mismatch.bpf.o > $OUT 2> $ERR
expect_eq "$?" 1 "exit status for the mismatched object"
expect_in $ERR "Error: map 'testmod_ops' (bpf_testmod_ops___bad): member name: 8 bytes in the object, 16 in the kernel"
expect_lines $ERR 1
expect_in $OUT "  test_1               ok"
t_end

t_begin "doctor: all ok with the module loaded"
struct_ops doctor > $OUT 2>&1
expect_eq "$?" 0 "exit status"
expect_in $OUT "0 problems"
grep -q '^problem' $OUT && t_fail "$(grep '^problem' $OUT)"
struct_ops doctor -j > /tmp/doctor.json
emit_json "doctor -j" /tmp/doctor.json
grep -qF '"problems":0' /tmp/doctor.json || t_fail "JSON problems is not 0"
unload_module
t_end

t_begin "doctor fault: module not loaded is the one problem"
struct_ops doctor > $OUT 2>&1
expect_eq "$?" 1 "exit status"
expect_eq "$(grep -c '^problem' $OUT)" 1 "problems"
expect_in $OUT "problem  module loaded: module hello is not loaded; fix: load it: insmod build/module/hello.ko"
t_end

t_begin "doctor fault: a module without BTF is the one problem"
insmod $KO_NOBTF
struct_ops doctor > $OUT 2>&1
expect_eq "$?" 1 "exit status"
expect_eq "$(grep -c '^problem' $OUT)" 1 "problems"
expect_in $OUT "problem  module BTF: module hello is loaded without BTF (/sys/kernel/btf/hello is missing)"
expect_in $OUT "skip     type registered: needs the module's BTF"
struct_ops doctor --ko $KO_NOBTF > $OUT 2>&1
expect_in $OUT "problem  module file BTF: $KO_NOBTF has no .BTF section"
unload_module
t_end

t_begin "doctor fault: a lingering legacy registration is the one problem"
load_module
start_bg $OUT -L -i 3600
stop_bg KILL
struct_ops doctor > $OUT 2>&1
expect_eq "$?" 1 "exit status"
expect_eq "$(grep -c '^problem' $OUT)" 1 "problems"
grep -q "^problem  lingering registrations: map [0-9]* 'testmod_ops' (bpf_testmod_ops) is registered without a link and held by no process or pin; fix: struct_ops repair [0-9]*$" $OUT ||
	t_fail "$(grep '^problem' $OUT)"
struct_ops repair > /dev/null
struct_ops doctor > $OUT 2>&1
expect_eq "$?" 0 "exit status after repair"
unload_module
t_end
