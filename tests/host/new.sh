#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# struct_ops new on the host: the kits that make test-fixtures generated
# and built from tests/new/*.h (-Werror) pass checkpatch; generating again
# gives the same files; -j describes the kit; every header in
# tests/new/bad/ is refused with the error its "expect:" line documents,
# exit 1 and nothing written; usage errors; struct_ops without the
# generator beside it. The kits run in the guest: tests/guest/86-new.sh.
set -u
cd "$(dirname "$0")/../.."

. tests/host/lib.sh

SO=build/bin/struct_ops
KDIR=$(ls -d "${STRUCT_OPS_CACHE:-$HOME/.cache/struct-ops}"/guest/current/root/usr/src/linux-headers-*-amd64 2>/dev/null | head -n 1)
VMLINUX=$KDIR/vmlinux
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/scratch"
export TMPDIR=$tmp/scratch

# nothing but the expected entries in a directory
expect_only() {		# DIR ENTRIES...
	local dir=$1 got want=
	shift
	got=$(ls -A "$dir" | sort | tr '\n' ' ')
	[ $# = 0 ] || want=$(printf '%s\n' "$@" | sort | tr '\n' ' ')
	expect_eq "$got" "$want" "entries of $dir"
}

t_begin "new: the generated kits built with -Werror (make test-fixtures); checkpatch finds nothing in their kernel code"
for k in seed pktsched wide kobj; do
	[ -f build/new/$k/module/$k.ko ] || t_fail "build/new/$k/module/$k.ko was not built"
	[ -f build/new/$k/build/$k.bpf.o ] || t_fail "build/new/$k/build/$k.bpf.o was not built"
done
if make -s checkpatch >"$tmp/cp.out" 2>&1; then
	for k in seed pktsched wide kobj; do
		build/checkpatch/scripts/checkpatch.pl --no-tree --quiet -f \
			build/new/$k/module/$k.c build/new/$k/module/$k.h >"$tmp/cp.$k" 2>&1
		[ -s "$tmp/cp.$k" ] && t_fail "checkpatch on the $k kit: $(head -n 4 "$tmp/cp.$k" | tr '\n' '|')"
	done
else
	t_fail "make checkpatch: $(tail -n 2 "$tmp/cp.out" | tr '\n' '|')"
fi
t_end

t_begin "new: generating a kit again gives the same files"
$SO new -q seed tests/new/seed.h -o "$tmp/seed" -k "$VMLINUX" >"$tmp/out" 2>&1
expect_eq "$?" 0 "exit status"
for f in module/seed.c module/seed.h module/Kbuild module/compat.h bpf/seed.bpf.c Makefile README.md; do
	cmp -s "$tmp/seed/$f" "build/new/seed/$f" || t_fail "$f differs from build/new/seed/$f"
done
expect_only "$tmp/seed" Makefile README.md bpf module
expect_lines "$tmp/out" 0
t_end

t_begin "new -j: one document: operators, arguments, default results, data members, files with line counts"
$SO new -j pktsched tests/new/pktsched.h -o "$tmp/pk" -k "$VMLINUX" >"$tmp/pk.json" 2>"$tmp/pk.err"
expect_eq "$?" 0 "exit status"
expect_json "$tmp/pk.json" .struct pktsched_ops
expect_json "$tmp/pk.json" '.operators[0].name' enqueue
expect_json "$tmp/pk.json" '.operators[0].default_returns' 22
expect_json "$tmp/pk.json" '.operators[1].returns' void
expect_json "$tmp/pk.json" '.operators[3].args[0].name' req__nullable
expect_json "$tmp/pk.json" '.operators[3].args[0].nullable' true
expect_json "$tmp/pk.json" '.operators[3].default_returns_null' 5
expect_json "$tmp/pk.json" '.operators[4].sleepable' true
expect_json "$tmp/pk.json" '.operators[0].required' true
expect_json "$tmp/pk.json" '.operators[5].default_returns' 157
expect_json "$tmp/pk.json" '.data_members[1].known' PKTSCHED_FLAGS_KNOWN
expect_json "$tmp/pk.json" '.files[0].path' module/pktsched.c
lines=$(json_get "$tmp/pk.json" '.files[0].lines')
expect_eq "$lines" "$(wc -l < "$tmp/pk/module/pktsched.c")" "line count of module/pktsched.c"
expect_lines "$tmp/pk.err" 0
t_end

t_begin "new: each header in tests/new/bad (and tests/new/real's refused ones) is refused with its documented error, exit 1, nothing written"
n=0
for h in tests/new/bad/*.h $(grep -l '^/\* expect: ' tests/new/real/*.h); do
	want=$(sed -n 's|^/\* expect: \(.*\) \*/$|\1|p' "$h")
	[ -n "$want" ] || { t_fail "$h has no expect: line"; continue; }
	name=bad
	case $h in tests/new/real/*) name=$(basename "$h" .h) ;; esac
	$SO new $name "$h" -o "$tmp/bad" -k "$VMLINUX" >"$tmp/bad.out" 2>"$tmp/bad.err"
	rc=$?
	[ "$rc" = 1 ] || t_fail "$(basename "$h"): exit status $rc, want 1"
	grep -qF -- "$want" "$tmp/bad.err" || t_fail "$(basename "$h"): stderr lacks '$want': $(cat "$tmp/bad.err")"
	grep -q "^Error: $h" "$tmp/bad.err" || t_fail "$(basename "$h"): the error does not start with the header's name"
	expect_lines "$tmp/bad.err" 1
	[ ! -e "$tmp/bad" ] || { t_fail "$(basename "$h"): $tmp/bad was written"; rm -rf "$tmp/bad"; }
	n=$((n + 1))
done
[ "$n" -ge 15 ] || t_fail "only $n bad headers"
# the kit is written beside its destination, as .NAME.new-XXXXXX: none left
[ -z "$(ls -A "$tmp" | grep '^\.')" ] || t_fail "left behind in $tmp: $(ls -A "$tmp" | grep '^\.' | tr '\n' ' ')"
expect_only "$tmp/scratch"
t_end

t_begin "new: the trial build: a module that cannot see a kernel type names the #include; nothing written"
sed '/net\/tcp.h/d' tests/new/kobj.h > "$tmp/noinc.h"
$SO new kobj "$tmp/noinc.h" -o "$tmp/noinc" -k "$VMLINUX" -K "$KDIR" >"$tmp/o" 2>"$tmp/e"
expect_eq "$?" 1 "exit status"
expect_in "$tmp/e" "enum tcp_ca_event is a kernel type the module's includes do not declare: add '#include <net/tcp.h>' to $tmp/noinc.h"
expect_lines "$tmp/e" 1
[ ! -e "$tmp/noinc" ] || t_fail "$tmp/noinc was written"
$SO new kobj tests/new/kobj.h -o "$tmp/kobj" -k "$VMLINUX" -K "$KDIR" >"$tmp/o" 2>"$tmp/e"
expect_eq "$?" 0 "exit status with the #include"
expect_in "$tmp/o" "Built on trial: the BPF program, and the module against $KDIR"
grep -q '^#include <net/tcp.h>$' "$tmp/kobj/module/kobj.h" || t_fail "module/kobj.h does not include net/tcp.h for the kernel"
grep -qF '/* #include <net/tcp.h>: above, for the kernel only */' "$tmp/kobj/module/kobj.h" ||
	t_fail "the header's own #include line is not marked in module/kobj.h"
# a program whose default does not compile is not written either
printf 'struct bad_ops {\n\tint (*op)(int a);\n};\n#define bpf_printk(...) (undefined_thing)\n' > "$tmp/printk.h"
$SO new bad "$tmp/printk.h" -o "$tmp/printk" -k "$VMLINUX" -K none >"$tmp/o" 2>"$tmp/e"
expect_eq "$?" 1 "exit status for a macro over bpf_printk"
expect_in "$tmp/e" "macro 'bpf_printk' would change the code 'new' writes"
[ ! -e "$tmp/printk" ] || t_fail "$tmp/printk was written"
expect_only "$tmp/scratch"
t_end

t_begin "new: kits named like kernel symbols, and the second ops table of a header (-s), build on trial"
for n in mutex rcu module; do
	sed "s/seed_ops/${n}_ops/" tests/new/seed.h > "$tmp/$n.h"
	$SO new -q $n "$tmp/$n.h" -o "$tmp/k_$n" -k "$VMLINUX" -K "$KDIR" >"$tmp/o" 2>"$tmp/e"
	expect_eq "$?" 0 "exit status for NAME $n: $(cat "$tmp/e")"
done
cat > "$tmp/two.h" <<'EOF2'
/* two ops tables; the second's operators name structs only the first's mention */
struct oom_ctl;
struct first_ops {
	int (*pick)(struct oom_control *oc, struct oom_ctl **out);
};
struct second_ops {
	int (*handle)(int, struct oom_control *oc, int arg0);
	int (*local)(struct oom_ctl **pp);
};
EOF2
$SO new -j two "$tmp/two.h" -s second_ops -o "$tmp/two" -k "$VMLINUX" -K "$KDIR" >"$tmp/two.json" 2>"$tmp/e"
expect_eq "$?" 0 "exit status for -s second_ops: $(cat "$tmp/e")"
expect_json "$tmp/two.json" '.operators[0].args[0].name' arg0_
expect_json "$tmp/two.json" '.operators[1].args[0].unreadable' "it points to a pointer"
grep -q '^struct oom_control;$' "$tmp/two/module/two.h" || t_fail "no forward declaration of struct oom_control"
t_end

t_begin "new: hostile paths: a header named like an option, a path that would end a comment"
cp tests/new/seed.h "$tmp/-seed.h"
(cd "$tmp" && "$OLDPWD/$SO" new -q seed -o "$tmp/dash" -k "$VMLINUX" -K none -- -seed.h) >"$tmp/o" 2>"$tmp/e"
expect_eq "$?" 0 "exit status for HEADER -seed.h"
[ -f "$tmp/dash/module/seed.h" ] || t_fail "no kit for -seed.h: $(cat "$tmp/e")"
mkdir -p "$tmp/a*"
cp tests/new/seed.h "$tmp/a*/x.h"
$SO new seed "$tmp/a*/x.h" -o "$tmp/star" -k "$VMLINUX" -K none >"$tmp/o" 2>"$tmp/e"
expect_eq "$?" 1 "exit status for a path with */"
expect_in "$tmp/e" "the header's path contains '/*', '*/'"
[ ! -e "$tmp/star" ] || t_fail "$tmp/star was written"
$SO new kobj tests/new/kobj.h -s "$(printf 'a%.0s' $(seq 113))" -o "$tmp/long" -k "$VMLINUX" >"$tmp/o" 2>"$tmp/e"
expect_eq "$?" 2 "exit status for -s of 113 characters"
expect_in "$tmp/e" "which must fit in 128 bytes (at most 112)"
expect_only "$tmp/scratch"
t_end

t_begin "new: usage and input errors: one line each, exit 2 for usage, 1 otherwise"
$SO new >"$tmp/o" 2>"$tmp/e"
expect_eq "$?" 2 "exit status without arguments"
expect_in "$tmp/e" "new takes NAME and HEADER"
$SO new Bad-Name tests/new/seed.h -o "$tmp/x" -k "$VMLINUX" >"$tmp/o" 2>"$tmp/e"
expect_eq "$?" 2 "exit status for a bad NAME"
expect_in "$tmp/e" "must be a lower-case C identifier"
for n in vmlinux compat; do
	$SO new $n tests/new/seed.h -o "$tmp/x" -k "$VMLINUX" >"$tmp/o" 2>"$tmp/e"
	expect_eq "$?" 2 "exit status for NAME $n"
	expect_in "$tmp/e" "NAME '$n' would name module/$n.h"
done
$SO new seed tests/new/seed.h -o "$tmp/seed" -k "$VMLINUX" >"$tmp/o" 2>"$tmp/e"
expect_eq "$?" 1 "exit status for an existing directory"
expect_in "$tmp/e" "$tmp/seed already exists: 'new' never overwrites"
expect_lines "$tmp/e" 1
$SO new seed "$tmp/nonexistent.h" -o "$tmp/x" -k "$VMLINUX" >"$tmp/o" 2>"$tmp/e"
expect_eq "$?" 1 "exit status for a missing header"
expect_in "$tmp/e" "cannot open $tmp/nonexistent.h: No such file or directory"
$SO new seed tests/new/seed.h -o "$tmp/x" -k "$tmp/nonexistent" >"$tmp/o" 2>"$tmp/e"
expect_eq "$?" 1 "exit status for a missing kernel BTF"
expect_in "$tmp/e" "cannot read kernel BTF from $tmp/nonexistent"
$SO new pktsched tests/new/pktsched.h -s no_such_ops -o "$tmp/x" -k "$VMLINUX" >"$tmp/o" 2>"$tmp/e"
expect_eq "$?" 1 "exit status for -s naming no struct"
expect_in "$tmp/e" "has no definition of struct no_such_ops"
[ ! -e "$tmp/x" ] || t_fail "$tmp/x was written"
expect_only "$tmp/scratch"
t_end

t_begin "new: struct_ops without struct_ops-new beside it names what is missing; -h needs no generator"
mkdir "$tmp/alone"
cp $SO "$tmp/alone/struct_ops"
STRUCT_OPS_LIBEXEC=$tmp/none "$tmp/alone/struct_ops" new seed tests/new/seed.h >"$tmp/o" 2>"$tmp/e"
expect_eq "$?" 1 "exit status"
expect_in "$tmp/e" "'new' needs struct_ops-new (linked with libclang), which is neither next to this program nor in \$STRUCT_OPS_LIBEXEC ($tmp/none)"
"$tmp/alone/struct_ops" new -h >"$tmp/o" 2>&1
expect_eq "$?" 0 "exit status of new -h"
expect_in "$tmp/o" "-k, --kernel-btf FILE"
STRUCT_OPS_LIBEXEC=$PWD/build/bin "$tmp/alone/struct_ops" -q new seed tests/new/seed.h -o "$tmp/alone/kit" -k "$VMLINUX" >"$tmp/o" 2>&1
expect_eq "$?" 0 "exit status with STRUCT_OPS_LIBEXEC"
[ -f "$tmp/alone/kit/module/seed.c" ] || t_fail "no kit written through STRUCT_OPS_LIBEXEC"
t_end
