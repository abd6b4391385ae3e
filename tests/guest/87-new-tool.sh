# SPDX-License-Identifier: GPL-2.0
# plan: 7
# The tool (run, types, status, dump, doctor) on types that 'struct_ops
# new' wrote (tests/new/*.h, make test-fixtures), as a user sees it: the
# module's own reason for a refusal, a program no map uses, one type name
# in two modules, signed data members, the name's limit and the help.

t_begin "tool on kits: an EINVAL attach quotes the line the module logged, not the seed's text"
kit_load pktsched
struct_ops run -o "$(kit_obj pktsched)" -N -f 0x8 > $OUT 2> $ERR
expect_eq "$?" 1 "exit status: flags 0x8"
expect_in $ERR "Error: the module refused the implementation (EINVAL): pktsched: rejecting implementation: flags: unknown bits 0x8 (known: 0x3)"
expect_lines $ERR 1
! grep -q "test_1" $ERR || t_fail "the seed's text for another type: $(cat $ERR)"
expect_dmesg "pktsched: rejecting implementation: flags: unknown bits 0x8 (known: 0x3)"
struct_ops run -o "$(kit_obj pktsched pktsched_noenqueue)" -N > $OUT 2> $ERR
expect_eq "$?" 1 "exit status: no enqueue"
expect_in $ERR "Error: the module refused the implementation (EINVAL): pktsched: rejecting implementation: operator enqueue is required"
struct_ops -j run -o "$(kit_obj pktsched)" -N -f 0x4 > $OUT 2> $ERR
expect_eq "$?" 1 "exit status under -j"
expect_in $OUT '"error":"the module refused the implementation (EINVAL): pktsched: rejecting implementation: flags: unknown bits 0x4 (known: 0x3)"'
kit_call pktsched tick
expect_in $OUT "registered no"
t_end

t_begin "tool on kits: a program left out of the map's value is named with its fixes (libbpf: isn't referenced anywhere)"
kit_load toolkit
why="program 'tu_spare' (SEC(\"struct_ops/spare\")) is in no struct_ops map's value, so libbpf refuses to load the object (\"isn't referenced anywhere\"): add it to the map's value (.spare = (void *)tu_spare), or remove it, or mark it SEC(\"?struct_ops/spare\") so that libbpf does not load it"
struct_ops types "$(kit_obj toolkit toolkit_unref)" > $OUT 2> $ERR
expect_eq "$?" 1 "types' exit status"
expect_in $ERR "Error: $why"
struct_ops run -o "$(kit_obj toolkit toolkit_unref)" -N > $OUT 2> $ERR
expect_eq "$?" 1 "run's exit status"
expect_in $ERR "Error: $why"
expect_lines $ERR 1
! grep -q "before any program reached the verifier" $ERR || t_fail "the old text: $(cat $ERR)"
# the fix it names: SEC("?struct_ops/spare") loads and attaches
kit_attach toolkit "$(kit_obj toolkit toolkit_optional)"
kit_call toolkit run
expect_in $OUT "registered yes"
expect_in $OUT 'name "optional"'
stop_bg INT
expect_eq "$BG_RC" 0 "exit status of the fixed object after SIGINT"
t_end

t_begin "tool on kits: one struct name in two modules: run says which it binds to, doctor calls it a problem"
kit_load dupa
kit_load dupb
struct_ops doctor -t dupe_ops > $OUT 2>&1
expect_eq "$?" 1 "doctor's exit status with two dupe_ops"
expect_in $OUT "problem  type name: struct dupe_ops is defined by 2 kernel BTFs (dupa, dupb): an implementation binds to the first, dupa's (libbpf looks in vmlinux, then in modules in load order)"
expect_in $OUT "unload the module(s) you do not mean, or give one of the types another name"
expect_in $OUT "1 problem"
# dupb's own object binds to dupa's type, loaded first
kit_attach dupa "$(kit_obj dupb)"
expect_in /tmp/bg.out "Warning: struct dupe_ops is defined by more than one kernel BTF (dupa, dupb): this implementation binds to dupa's, the first libbpf finds (vmlinux, then modules in load order); to use another, unload dupa"
kit_call dupb ping
expect_in $OUT "registered no"
struct_ops status -t dupe_ops > $OUT 2>&1
expect_in $OUT "dupe_ops"
stop_bg INT
expect_eq "$BG_RC" 0 "exit status after SIGINT"
kit_unload dupa
struct_ops doctor -t dupe_ops > $OUT 2>&1
expect_eq "$?" 0 "doctor's exit status with dupb alone"
expect_in $OUT "ok       type name: struct dupe_ops is defined once (dupb)"
kit_attach dupb "$(kit_obj dupb)"
! grep -q "Warning" /tmp/bg.out || t_fail "a warning with one definition: $(cat /tmp/bg.out)"
stop_bg INT
kit_unload dupb
t_end

t_begin "tool on kits: a signed data member (s32 id = -1) is shown signed in status and dump"
kit_attach toolkit "$(kit_obj toolkit toolkit_signed)"
struct_ops status -t toolkit_ops > $OUT 2>&1
grep -q '^ *id  *-1 (0xffffffff)$' $OUT || t_fail "status: $(grep ' id ' $OUT)"
! grep -qE '18446744073709551615|4294967295' $OUT || t_fail "status shows id unsigned"
struct_ops status -t toolkit_ops -j > /tmp/status.json 2>&1
emit_json "new-tool signed status" /tmp/status.json
grep -qF '"name":"id","kind":"data","size":4,"value":-1' /tmp/status.json ||
	t_fail "status -j: $(grep -o '"name":"id"[^}]*' /tmp/status.json)"
struct_ops dump toolkit_signed > $OUT 2>&1
grep -q '^ *id  *-1 (0xffffffff)$' $OUT || t_fail "dump: $(grep ' id ' $OUT)"
kit_call toolkit run
expect_in $OUT "id -1"
stop_bg INT
t_end

t_begin "tool on kits: -n's limit is the type's member (char name[64]: 63; char name[16]: 15)"
n63=abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz0123456789a
n64=${n63}b
struct_ops run -o "$(kit_obj toolkit)" -N -n "$n64" > $OUT 2> $ERR
expect_eq "$?" 2 "exit status for 64 characters"
expect_in $ERR "Error: invalid name '$n64': give 1 to 63 characters (toolkit_ops's member name is char[64])"
expect_lines $ERR 1
kit_attach toolkit "$(kit_obj toolkit)" -n "$n63"
kit_call toolkit run
expect_in $OUT "name \"$n63\""
stop_bg INT
expect_eq "$BG_RC" 0 "exit status with 63 characters after SIGINT"
struct_ops run -o "$(kit_obj pktsched)" -N -n 0123456789abcdef > $OUT 2> $ERR
expect_eq "$?" 2 "exit status for 16 characters in pktsched_ops"
expect_in $ERR "Error: invalid name '0123456789abcdef': give 1 to 15 characters (pktsched_ops's member name is char[16])"
t_end

t_begin "tool on kits: run -h describes -n and -f for any type, the example's values marked as such"
struct_ops run -h > $OUT 2>&1
expect_eq "$?" 0 "run -h's exit status"
expect_in $OUT "set the data member flags, a 32-bit number; the type's"
expect_in $OUT "module checks its bits (the example's bpf_testmod_ops:"
expect_in $OUT "set the data member name, a char array: 1 to its size - 1"
expect_in $OUT "characters (the example's bpf_testmod_ops: 1 to 15)"
! grep -q "flags (0x1 echo, 0x2 timing)" $OUT || t_fail "the example's flags as every type's"
t_end

t_begin "tool on kits: the kits unload"
kit_unload toolkit
kit_unload pktsched
grep -qE '^(toolkit|pktsched|dupa|dupb) ' /proc/modules && t_fail "a kit's module is still loaded"
t_end
