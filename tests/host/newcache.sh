#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# struct_ops new's cache ($STRUCT_OPS_CACHE/new/KEY/, docs/DESIGN.md "The
# generator"): a warm run writes the same kit and -j as a cold one and as
# one without a cache; corrupt or truncated entries are made again; another
# kernel's BTF gets its own entry; runs at once share it; a cache that
# cannot be written changes nothing; errors are the same. Times are not
# checked here (bench/README.md has them).
set -u
cd "$(dirname "$0")/../.."

. tests/host/lib.sh

SO=build/bin/struct_ops
kernels=${STRUCT_OPS_CACHE:-$HOME/.cache/struct-ops}
# two kernels' BTF: the 6.12 guest's (else the host's), and the host's (else the 7.x guest's)
VMLINUX=$(ls "$kernels"/guest/current/root/usr/src/linux-headers-*-amd64/vmlinux 2>/dev/null | head -n 1)
OTHER=/sys/kernel/btf/vmlinux
if [ -z "$VMLINUX" ]; then
	VMLINUX=$OTHER
	OTHER=$(ls "$kernels"/trixie/root/usr/src/linux-headers-*-amd64/vmlinux 2>/dev/null | head -n 1)
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/scratch"
export TMPDIR=$tmp/scratch
cache=$tmp/cache

# gen OUT CACHE [ARGS...]: 'new -j' for pktsched into OUT/kit, run in OUT
# (the same -o in every OUT, so the -j documents compare); stdout in
# OUT/json, stderr in OUT/err, the exit status in OUT/rc
gen() {
	local out=$1 c=$2
	shift 2
	mkdir -p "$out"
	(cd "$out" && STRUCT_OPS_CACHE=$c "$OLDPWD/$SO" new -j -K none pktsched \
		"$OLDPWD/tests/new/pktsched.h" -o kit "$@" >json 2>err; echo $? >rc)
}

# same_run A B WHAT: the same kit, -j, stderr and exit status
same_run() {
	diff -r "$1" "$2" >"$tmp/diff" 2>&1 || t_fail "$3: $(head -c 300 "$tmp/diff" | tr '\n' '|')"
}

t_begin "new's cache: a cold and a warm run write what a run without it writes; the cache is 0700"
gen "$tmp/none" /dev/null/no-cache -k "$VMLINUX"
expect_eq "$(cat "$tmp/none/rc")" 0 "exit status without a cache: $(cat "$tmp/none/err")"
gen "$tmp/cold" "$cache" -k "$VMLINUX"
gen "$tmp/warm" "$cache" -k "$VMLINUX"
same_run "$tmp/none" "$tmp/cold" "cold against no cache"
same_run "$tmp/none" "$tmp/warm" "warm against no cache"
expect_lines "$tmp/warm/err" 0
key=$(ls "$cache/new")
expect_eq "$(echo "$key" | wc -l)" 1 "entries in $cache/new"
for f in vmlinux.h header.pch layout.pch trial.pch; do
	[ -s "$cache/new/$key/$f" ] && [ -s "$cache/new/$key/$f.sum" ] || t_fail "no $f in the cache"
done
expect_eq "$(ls "$cache/new/$key" | grep -c '^verdict-.*[0-9a-f]$')" 2 "verdicts (layout, trial)"
expect_eq "$(stat -c %a "$cache" "$cache/new" "$cache/new/$key" | sort -u)" 700 "mode of the cache's directories"
[ -z "$(ls -A "$cache/new/$key" | grep '^\.')" ] || t_fail "temporary files left in the cache"
t_end

t_begin "new's cache: corrupt, truncated or missing entries are made again; the output stays the same"
d=$cache/new/$key
cp "$d/vmlinux.h" "$tmp/prelude"
for case in truncate garbage sum missing; do
	case $case in
	truncate)
		truncate -s 1000 "$d/vmlinux.h"
		truncate -s 4096 "$d/trial.pch" ;;
	garbage)
		for f in header.pch layout.pch vmlinux.h; do
			printf 'garbage' | dd of="$d/$f" bs=1 seek=200000 conv=notrunc status=none
		done
		for f in "$d"/verdict-*[0-9a-f]; do echo "/etc/passwd 0" > "$f"; done ;;
	sum)
		for f in "$d"/*.sum; do echo garbage > "$f"; done ;;
	missing)
		rm -f "$d"/*.pch "$d"/verdict-* ;;
	esac
	rm -rf "$tmp/$case"
	gen "$tmp/$case" "$cache" -k "$VMLINUX"
	same_run "$tmp/none" "$tmp/$case" "after a $case cache"
	cmp -s "$d/vmlinux.h" "$tmp/prelude" || t_fail "after a $case cache: the prelude was not made again"
	# every run needs these two; the others are made again when a compile runs
	for f in vmlinux.h header.pch; do
		[ -f "$d/$f.sum" ] || t_fail "after a $case cache: $f was not made again"
	done
	for f in "$d"/*.sum; do
		# the size field: "... SIZE HASH"
		[ "$(stat -c %s "${f%.sum}" 2>/dev/null)" = "$(awk '{ print $(NF - 1) }' "$f")" ] ||
			t_fail "after a $case cache: $(basename "${f%.sum}") does not match its .sum"
	done
	rm -rf "$tmp/again"
	gen "$tmp/again" "$cache" -k "$VMLINUX"
	same_run "$tmp/none" "$tmp/again" "the run after a $case cache"
done
t_end

t_begin "new's cache: another kernel's BTF gets an entry of its own; each kit as without a cache"
[ -f "$OTHER" ] && ! cmp -s "$VMLINUX" "$OTHER" || t_fail "no second kernel BTF (have $VMLINUX)"
gen "$tmp/other_none" /dev/null/no-cache -k "$OTHER"
gen "$tmp/other" "$cache" -k "$OTHER"
same_run "$tmp/other_none" "$tmp/other" "the other BTF"
expect_eq "$(ls "$cache/new" | wc -l)" 2 "entries in $cache/new"
rm -rf "$tmp/warm"
gen "$tmp/warm" "$cache" -k "$VMLINUX"
same_run "$tmp/none" "$tmp/warm" "the first BTF again"
cmp -s "$tmp/none/kit/bpf/pktsched.bpf.c" "$tmp/other/kit/bpf/pktsched.bpf.c" ||
	t_fail "the two kernels' kits differ"
t_end

t_begin "new's cache: three cold runs at once write whole entries and the same kits"
rm -rf "$cache"
for i in 1 2 3; do
	gen "$tmp/par$i" "$cache" -k "$VMLINUX" &
done
wait
for i in 1 2 3; do
	same_run "$tmp/none" "$tmp/par$i" "run $i of 3 at once"
done
rm -rf "$tmp/warm"
gen "$tmp/warm" "$cache" -k "$VMLINUX"
same_run "$tmp/none" "$tmp/warm" "the run after them"
[ -z "$(ls -A "$cache"/new/* | grep '^\.')" ] || t_fail "temporary files left in the cache"
t_end

t_begin "new's cache: one that cannot be written (under a file, a read-only HOME) changes nothing and says nothing"
touch "$tmp/file"
rm -rf "$tmp/under"
gen "$tmp/under" "$tmp/file/cache" -k "$VMLINUX"
same_run "$tmp/none" "$tmp/under" "a cache under a file"
rm -rf "$tmp/home"
mkdir "$tmp/home"
(HOME=$tmp/file; unset STRUCT_OPS_CACHE; mkdir -p "$tmp/home" && cd "$tmp/home" &&
	"$OLDPWD/$SO" new -j -K none pktsched "$OLDPWD/tests/new/pktsched.h" -o kit -k "$VMLINUX" >json 2>err; echo $? >rc)
same_run "$tmp/none" "$tmp/home" "HOME a file"
if unshare -m true 2>/dev/null; then
	mkdir -p "$tmp/ro/home"
	rm -rf "$tmp/rohome"
	mkdir "$tmp/rohome"
	unshare -m bash -c "mount --bind -o ro '$tmp/ro' '$tmp/ro' &&
		cd '$tmp/rohome' && HOME='$tmp/ro/home' STRUCT_OPS_CACHE= '$PWD/$SO' new -j -K none pktsched \
		'$PWD/tests/new/pktsched.h' -o kit -k '$VMLINUX' >json 2>err; echo \$? >rc"
	same_run "$tmp/none" "$tmp/rohome" "a read-only HOME"
	[ -z "$(ls -A "$tmp/ro/home")" ] || t_fail "something was written under the read-only HOME"
fi
[ ! -e "$tmp/file/cache" ] || t_fail "a cache under a file"
# an entry others may write is not used, nor written to
cp -a "$cache" "$tmp/shared"
chmod 770 "$tmp/shared/new/$key"
rm -f "$tmp/shared/new/$key"/verdict-*
rm -rf "$tmp/sharedrun"
gen "$tmp/sharedrun" "$tmp/shared" -k "$VMLINUX"
same_run "$tmp/none" "$tmp/sharedrun" "a group-writable entry"
[ -z "$(ls "$tmp/shared/new/$key" | grep verdict)" ] || t_fail "a group-writable entry was written to"
t_end

t_begin "new's cache: each refused header is refused warm with the error it gets without a cache"
n=0
for h in tests/new/bad/*.h $(grep -l '^/\* expect: ' tests/new/real/*.h); do
	name=bad
	case $h in tests/new/real/*) name=$(basename "$h" .h) ;; esac
	i=0
	for c in /dev/null/no-cache "$cache" "$cache"; do
		i=$((i + 1))
		STRUCT_OPS_CACHE=$c $SO new $name "$h" -o "$tmp/bad" -k "$VMLINUX" -K none >"$tmp/bad.out" 2>"$tmp/bad$i.err"
		echo "exit $?" >>"$tmp/bad$i.err"
		# a trial build's error names the kit's temporary directory
		sed -i "s|/\.$name\.new-[A-Za-z0-9]*/|/.$name.new-X/|g" "$tmp/bad$i.err"
	done
	for i in 2 3; do
		cmp -s "$tmp/bad1.err" "$tmp/bad$i.err" ||
			t_fail "$(basename "$h"): run $i says '$(tr '\n' '|' < "$tmp/bad$i.err")', without a cache '$(tr '\n' '|' < "$tmp/bad1.err")'"
	done
	[ ! -e "$tmp/bad" ] || { t_fail "$(basename "$h"): $tmp/bad was written"; rm -rf "$tmp/bad"; }
	n=$((n + 1))
done
[ "$n" -ge 15 ] || t_fail "only $n refused headers"
t_end
