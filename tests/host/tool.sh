#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# On the host kernel (no modules; tcp_congestion_ops and bpf_dummy_ops):
# types, list, dump on a BPF TCP congestion control registered for the
# test's duration, doctor, help and errors, non-root.
set -u
cd "$(dirname "$0")/../.."

. tests/host/lib.sh

SO=build/bin/struct_ops
tmp=$(mktemp -d)
cc_pid=
mounted=
cleanup() {
	[ -n "$cc_pid" ] && kill -INT "$cc_pid" 2>/dev/null && wait "$cc_pid" 2>/dev/null
	[ -n "$mounted" ] && umount /sys/fs/bpf
	rm -rf "$tmp"
}
trap cleanup EXIT

bpffs_dir=/sys/fs/bpf
# pins and doctor's bpffs check want bpffs; CI machines may not mount it
if ! grep -q ' /sys/fs/bpf bpf ' /proc/mounts; then
	mount -t bpf bpf /sys/fs/bpf && mounted=1
fi

t_begin "types lists tcp_congestion_ops and bpf_dummy_ops with members"
$SO types >"$tmp/out" 2>&1; expect_eq $? 0 "exit status"
expect_in "$tmp/out" "tcp_congestion_ops (vmlinux):"
expect_in "$tmp/out" "bpf_dummy_ops (vmlinux):"
grep -qE '^  ssthresh +operator +8 bytes at 0$' "$tmp/out" || t_fail "no ssthresh member line"
grep -qE '^  name +array +16 bytes' "$tmp/out" || t_fail "no name data member line"
$SO types -j >"$tmp/j"; json_ok "$tmp/j"
t_end

name=so_kit_$$
t_begin "a BPF TCP congestion control ($name) registers for the test's duration"
$SO run -o build/bpf/tests/tcp_cc.bpf.o -N -n "$name" >"$tmp/cc.out" 2>&1 &
cc_pid=$!
for _ in $(seq 50); do grep -q "attached" "$tmp/cc.out" && break; sleep 0.1; done
expect_in "$tmp/cc.out" "attached tcp_congestion_ops implementation 'so_kit_cc'"
# the map by its id: another so_kit_cc on this host (a second checkout's
# tests) must not be taken for ours
map_id=$(sed -n 's/^attached .*: map id \([0-9]*\),.*/\1/p' "$tmp/cc.out")
[ -n "$map_id" ] || t_fail "no map id in: $(tr '\n' '|' <"$tmp/cc.out")"
t_end

t_begin "list shows it: type tcp_congestion_ops, vmlinux, link, holder PID"
$SO list >"$tmp/out" 2>&1; expect_eq $? 0 "exit status"
grep -E "^$map_id +so_kit_cc +tcp_congestion_ops +vmlinux +link +ready +yes +[0-9]+ +$cc_pid \(struct_ops\)" "$tmp/out" >/dev/null ||
	t_fail "no list line for so_kit_cc held by $cc_pid: $(tr '\n' '|' <"$tmp/out")"
$SO list -j >"$tmp/j"; json_ok "$tmp/j"
python3 - "$tmp/j" "$cc_pid" "$map_id" <<'PY' || t_fail "list JSON lacks the facts"
import json, sys
maps = [m for m in json.load(open(sys.argv[1])) if m["id"] == int(sys.argv[3])]
assert maps[0]["name"] == "so_kit_cc"
m = maps[0]
assert m["type"] == "tcp_congestion_ops" and m["btf"] == "vmlinux" and m["registered"]
assert m["link_id"] > 0 and m["mode"] == "link"
assert int(sys.argv[2]) in [h["pid"] for h in m["holders"]]
progs = {x["name"]: x.get("prog_name") for x in m["members"] if x["kind"] == "operator"}
assert progs["ssthresh"] == "so_ssthresh" and progs["undo_cwnd"] == "so_undo_cwnd"
PY
t_end

t_begin "dump decodes it: programs behind operators, the name member"
$SO dump "$map_id" >"$tmp/out" 2>&1; expect_eq $? 0 "exit status"
expect_in "$tmp/out" "tcp_congestion_ops (btf vmlinux), link mode"
grep -qE "^  ssthresh +prog [0-9]+ 'so_ssthresh'" "$tmp/out" || t_fail "no ssthresh line"
grep -qE "^  cong_avoid +prog [0-9]+ 'so_cong_avoid'" "$tmp/out" || t_fail "no cong_avoid line"
grep -qE "^  set_state +\(none\)" "$tmp/out" || t_fail "no empty set_state line"
grep -qE "^  name +\"$name\"" "$tmp/out" || t_fail "no name line with $name"
$SO dump -j "$map_id" >"$tmp/j"; json_ok "$tmp/j"
grep -qF "\"value\":\"$name\"" "$tmp/j" || t_fail "JSON dump lacks the name value"
t_end

t_begin "after SIGINT it is gone"
kill -INT "$cc_pid"; wait "$cc_pid"; expect_eq $? 0 "exit status"
cc_pid=
$SO list >"$tmp/out" 2>&1
grep -qE "^$map_id +so_kit_cc " "$tmp/out" && t_fail "so_kit_cc (map $map_id) still listed"
$SO dump "$map_id" >"$tmp/out" 2>&1; expect_eq $? 1 "dump of a gone map"
expect_in "$tmp/out" "no struct_ops map with id $map_id (see 'struct_ops list')"
# by name, where no other so_kit_cc is registered meanwhile
if ! $SO list | grep -q ' so_kit_cc '; then
	$SO dump so_kit_cc >"$tmp/out" 2>&1; expect_eq $? 1 "dump of a gone map by name"
	expect_in "$tmp/out" "no struct_ops map named so_kit_cc"
fi
t_end

t_begin "doctor: missing module support is the one problem"
$SO doctor >"$tmp/out" 2>&1; expect_eq $? 1 "exit status"
expect_eq "$(grep -c '^problem' "$tmp/out")" 1 "problems"
grep -q '^problem  CONFIG_MODULES: ' "$tmp/out" || t_fail "the problem is not CONFIG_MODULES: $(grep '^problem' "$tmp/out")"
expect_in "$tmp/out" "run the kit in its guest"
expect_in "$tmp/out" "1 problem"
$SO doctor -j >"$tmp/j"; json_ok "$tmp/j"
grep -qF '"problems":1' "$tmp/j" || t_fail "JSON problems is not 1"
t_end

t_begin "help and errors in bpftool's style"
$SO help >"$tmp/out" 2>&1; expect_eq $? 0 "help"
for c in list dump types doctor status detach repair swap trigger run; do
	$SO $c help >"$tmp/out" 2>&1 || t_fail "'$c help' failed"
	grep -q "^Usage: struct_ops $c\|^Usage: struct_ops \[run\]" "$tmp/out" || t_fail "'$c help' has no usage"
done
$SO frobnicate >"$tmp/out" 2>"$tmp/err"; expect_eq $? 2 "unknown command"
expect_eq "$(cat "$tmp/err")" "Error: unknown command 'frobnicate' (see 'struct_ops help')" "the one error line"
[ -s "$tmp/out" ] && t_fail "an error went to stdout"
$SO dump >"$tmp/out" 2>&1; expect_eq $? 2 "dump without an argument"
t_end

t_begin "a hostile object (a member through 41 typedefs): types names it, run refuses it, no crash"
$SO types build/bpf/tests/typedef_chain.bpf.o >"$tmp/out" 2>"$tmp/err"; expect_eq $? 1 "types' exit status"
grep -qE '^  flags +MISMATCH: its type cannot be resolved in the object.s BTF' "$tmp/out" ||
	t_fail "types does not name the member: $(cat "$tmp/out")"
expect_eq "$(cat "$tmp/err")" "Error: map 'so_chain_cc' (tcp_congestion_ops___chain): member flags: its type cannot be resolved in the object's BTF (a chain of more than 32 typedefs or modifiers, or a loop?)" "types' error"
$SO types -j build/bpf/tests/typedef_chain.bpf.o >"$tmp/j" 2>/dev/null
json_ok "$tmp/j"
$SO run -N -o build/bpf/tests/typedef_chain.bpf.o >"$tmp/out" 2>"$tmp/err"; expect_eq $? 1 "run's exit status"
expect_in "$tmp/err" "before any program reached the verifier: 'struct_ops types FILE' checks the object's struct_ops maps"
expect_lines "$tmp/err" 1
t_end

t_begin "objects that crash libbpf 1.4 or make it allocate 4 GB (found by make fuzz): refused before libbpf reads them"
bad=tests/fuzz/seeds/object/libbpf-crash-shndx.o
for cmd in "types $bad" "run -N -o $bad"; do
	$SO $cmd >"$tmp/out" 2>"$tmp/err"; expect_eq $? 1 "exit status of $cmd"
	expect_eq "$(cat "$tmp/err")" "Error: the BPF object $bad is malformed: symbol 'testmod_ops' is in section 65535, and the object has 13; rebuild it (libbpf 1.4 trusts this and would crash or allocate gigabytes)" "$cmd's error"
done
$SO types tests/fuzz/seeds/object/libbpf-oom-size.o >"$tmp/out" 2>"$tmp/err"
expect_eq $? 1 "exit status for a struct_ops variable of 4 GB"
expect_in "$tmp/err" "in .struct_ops.link: its type is 4160749503 bytes, its slot 192 at 0; rebuild it"
$SO types /etc/hostname >"$tmp/out" 2>"$tmp/err"; expect_eq $? 1 "types of a file that is not ELF"
expect_not_in "$tmp/err" "malformed"
t_end

t_begin "swap on a pin that is not a struct_ops link: one error, exit 1, before loading"
bpftool map create $bpffs_dir/so_notlink_$$ type array key 4 value 4 entries 1 name so_notlink ||
	t_fail "bpftool map create"
$SO swap $bpffs_dir/so_notlink_$$ >"$tmp/out" 2>"$tmp/err"; expect_eq $? 1 "exit status"
expect_eq "$(cat "$tmp/err")" "Error: $bpffs_dir/so_notlink_$$ is not a pinned struct_ops link: give the pin of one ('struct_ops list' shows them)" "the error"
rm -f $bpffs_dir/so_notlink_$$
$SO swap $bpffs_dir/so_notlink_$$ >"$tmp/out" 2>"$tmp/err"; expect_eq $? 1 "exit status for a missing pin"
expect_in "$tmp/err" "cannot open pin $bpffs_dir/so_notlink_$$: No such file or directory"
t_end

# As nobody; where / is closed to others (a root unpacked with mode 0700, as
# fresh-check's are), nobody cannot even reach struct_ops's shared
# libraries, so there: root without a single capability, which the kernel
# refuses the same way.
unpriv="setpriv --reuid=65534 --regid=65534 --clear-groups"
$unpriv test -x / 2>/dev/null || unpriv="setpriv --bounding-set=-all --inh-caps=-all"
t_begin "as non-root: list and dump say which capabilities they need"
$unpriv $SO list >"$tmp/out" 2>&1
expect_eq $? 1 "exit status ($unpriv)"
expect_in "$tmp/out" "Error: reading BPF objects needs privileges (Operation not permitted): run as root (CAP_BPF and CAP_SYS_ADMIN)"
$unpriv $SO dump 1 >"$tmp/out" 2>&1
expect_eq $? 1 "exit status of dump"
expect_in "$tmp/out" "needs privileges"
t_end
