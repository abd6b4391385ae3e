#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The pin scan under odd and hostile bpffs trees, on the host kernel: a
# legacy BPF TCP congestion control whose loader was killed is held only
# by a pin, put where the old scan did not look (deep, long, on a second
# bpffs); a user swapping entries in /sys/fs/bpf; a bpffs mounted over.
# repair must never remove what a pin keeps. Then hostile process and pin
# names in list's output.
set -u
cd "$(dirname "$0")/../.."

. tests/host/lib.sh

SO=${SO:-build/bin/struct_ops}
tmp=$(mktemp -d)
chmod 755 "$tmp"	# the racing user walks into it
bpffs=/sys/fs/bpf
second="$tmp/second bpffs"
hidden=$tmp/hidden
shared=$tmp/shared
pids=()
map=
cleanup() {
	local p m
	for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null; wait "$p" 2>/dev/null; done
	[ -n "$map" ] && $SO repair -f "$map" >/dev/null 2>&1
	rm -rf "$bpffs/so_pins_$$"
	for m in "$hidden" "$hidden" "$second" "$shared"; do umount "$m" 2>/dev/null; done
	[ -n "${bpffs_mounted:-}" ] && umount $bpffs
	rm -rf "$tmp"
}
trap cleanup EXIT

if ! grep -q " $bpffs bpf " /proc/mounts; then
	mount -t bpf bpf $bpffs && bpffs_mounted=1
fi

# Register a legacy tcp_congestion_ops as EXE (a copy of struct_ops under
# another name, to control the process name) and kill it with -9: the
# registration stays, held by nothing. Sets $map.
legacy_lingering() {	# EXE NAME
	"$1" run -o build/bpf/tests/tcp_cc_legacy.bpf.o -N -n "$2" >"$tmp/leg.out" 2>&1 &
	local pid=$! i
	for i in $(seq 100); do grep -q "^attached" "$tmp/leg.out" && break; sleep 0.1; done
	map=$(sed -n 's/.*(legacy, no link): map id \([0-9]*\),.*/\1/p' "$tmp/leg.out")
	[ -n "$map" ] || t_fail "the legacy loader did not attach: $(cat "$tmp/leg.out")"
	kill -9 $pid
	wait $pid 2>/dev/null
}

map_field() {	# FIELD: .FIELD of map $map in list -j
	$SO list -j >"$tmp/l.json" 2>/dev/null
	"$JSONGET" ".[$(map_index)]$1" <"$tmp/l.json"
}

map_index() {
	local i=0 id
	while id=$("$JSONGET" ".[$i].id" <"$tmp/l.json" 2>/dev/null) && [ -n "$id" ]; do
		[ "$id" = "$map" ] && { echo $i; return; }
		i=$((i + 1))
	done
	echo -1
}

# The map is pinned at PATH (its first argument): not lingering, listed
# with the pin, and repair MAP refuses it, naming the pin.
expect_kept_by_pin() {	# PATH WHERE
	expect_eq "$(map_field .lingering)" false "lingering with a pin $2"
	expect_eq "$(map_field .pins[0].path)" "$1" "the pin $2 in list -j"
	$SO repair "$map" >"$tmp/r.out" 2>"$tmp/r.err"
	expect_eq $? 1 "repair's exit status with a pin $2"
	expect_in "$tmp/r.err" "is pinned at $1, which keeps it on purpose, not lingering"
	$SO repair >"$tmp/r.out" 2>"$tmp/r.err"
	expect_not_in "$tmp/r.out" "unregistered map $map"
	expect_eq "$(map_field .registered)" true "still registered after repair ($2)"
}

t_begin "a legacy registration killed with -9 and not pinned is lingering"
legacy_lingering $SO so_pins_$$
expect_eq "$(map_field .lingering)" true "lingering"
t_end

t_begin "a pin 12 directories deep keeps it: listed, not lingering, repair refuses"
deep=$bpffs/so_pins_$$/1/2/3/4/5/6/7/8/9/10/11
mkdir -p $deep
bpftool map pin id "$map" $deep/keep || t_fail "bpftool map pin"
expect_kept_by_pin $deep/keep "12 levels deep"
rm -rf $bpffs/so_pins_$$
t_end

t_begin "a pin at a path of more than 256 bytes keeps it"
long=$bpffs/so_pins_$$/$(printf 'd%.0s' $(seq 100))/$(printf 'e%.0s' $(seq 100))
mkdir -p "$long"
bpftool map pin id "$map" "$long/keep_$(printf 'f%.0s' $(seq 60))" || t_fail "bpftool map pin"
expect_kept_by_pin "$long/keep_$(printf 'f%.0s' $(seq 60))" "at a long path"
rm -rf $bpffs/so_pins_$$
t_end

t_begin "a pin on a second bpffs mount (with a space in its path) keeps it"
mkdir -p "$second"
mount -t bpf bpf "$second" || t_fail "mount a second bpffs"
bpftool map pin id "$map" "$second/keep" || t_fail "bpftool map pin"
expect_kept_by_pin "$second/keep" "on a second bpffs"
$SO list -j >"$tmp/l.json"
rm -f "$second/keep"
expect_eq "$(map_field .lingering)" true "lingering once the pin is gone"
t_end

t_begin "a bpffs mounted over: the scan says it is incomplete, repair refuses"
mkdir -p $hidden
mount -t bpf bpf $hidden && mount -t tmpfs tmpfs $hidden || t_fail "mount over a bpffs"
$SO status -j >"$tmp/s.json" 2>"$tmp/s.err"
expect_json "$tmp/s.json" .pin_scan.complete false
expect_in "$tmp/s.err" "the pin scan was incomplete ($hidden is not a bpffs (mounted over?))"
expect_eq "$(map_field .lingering)" false "lingering while the scan is incomplete"
$SO repair "$map" >"$tmp/r.out" 2>"$tmp/r.err"
expect_eq $? 1 "repair's exit status while the scan is incomplete"
expect_in "$tmp/r.err" "may be pinned where the pin scan could not look ($hidden is not a bpffs"
$SO repair -j "$map" >"$tmp/r.json" 2>/dev/null
json_ok "$tmp/r.json"
umount $hidden; umount $hidden
$SO status -j >"$tmp/s.json" 2>"$tmp/s.err"
expect_json "$tmp/s.json" .pin_scan.complete true
t_end

t_begin "a mount inside a bpffs, a tree 1100 levels deep: incomplete, said, repair refuses"
mkdir -p "$second/sub"
mount -t tmpfs tmpfs "$second/sub" || t_fail "mount tmpfs inside a bpffs"
$SO status -j >"$tmp/s.json" 2>"$tmp/s.err"
expect_json "$tmp/s.json" .pin_scan.complete false
expect_in "$tmp/s.err" "$second/sub is a mount point inside a bpffs"
$SO repair "$map" >"$tmp/r.out" 2>"$tmp/r.err"
expect_eq $? 1 "repair's exit status with a mount inside a bpffs"
umount "$second/sub"
rmdir "$second/sub"
deep=$second/$(printf 'd/%.0s' $(seq 1100))
mkdir -p "$deep" || t_fail "mkdir -p 1100 levels"
$SO status -j >"$tmp/s.json" 2>"$tmp/s.err"
expect_json "$tmp/s.json" .pin_scan.complete false
expect_in "$tmp/s.err" "is more than 1024 directories deep"
$SO repair "$map" >"$tmp/r.out" 2>"$tmp/r.err"
expect_eq $? 1 "repair's exit status with a tree deeper than the walk goes"
rm -rf "$second/d"
$SO status -j >"$tmp/s.json" 2>/dev/null
expect_json "$tmp/s.json" .pin_scan.complete true
t_end

t_begin "a user swapping a directory and a symlink in a bpffs fails no scan of root's"
# A bpffs mounted without options is mode 1777, as /sys/fs/bpf is where
# nothing else mounts it (the guest, for one). As nobody: exchange a
# directory and a symlink to a file there, as fast as possible (swapdir).
mkdir -p $shared
mount -t bpf bpf $shared || t_fail "mount a bpffs"
expect_eq "$(stat -c %a $shared)" 1777 "mode of a fresh bpffs"
race=$shared/race
build/tests/tools/swapdir -u 65534 $shared race &
pids+=($!)
sleep 0.5
kill -0 "${pids[-1]}" 2>/dev/null || t_fail "the racing user is not running"
[ "$(stat -c %u $shared/race)" = 65534 ] || t_fail "the race's entry is not nobody's"
fails=0
for i in $(seq 300); do
	$SO list >"$tmp/race.out" 2>&1 || { fails=$((fails + 1)); cp "$tmp/race.out" "$tmp/race.fail"; }
done
kill -9 "${pids[-1]}"; wait "${pids[-1]}" 2>/dev/null
expect_eq $fails 0 "failed runs of list out of 300 (last: $(cat "$tmp/race.fail" 2>/dev/null))"
t_end

t_begin "hostile process and pin names are escaped in list and status, valid in JSON"
$SO repair -f "$map" >/dev/null 2>&1
map=
# a loader whose process name holds an escape sequence, a newline and a
# byte that is not UTF-8, and whose pin name forges a line
evil="$tmp/$(printf 'so\033[2J\n\xff')"
pin="$bpffs/$(printf 'so_pins_%s\nheld by: 1 (init)\033[31m' $$)"
cp $SO "$evil"
"$evil" run -o build/bpf/tests/tcp_cc.bpf.o -N -n so_evil_$$ -P "$pin" >"$tmp/evil.out" 2>&1 &
pids+=($!)
for i in $(seq 100); do grep -q "^attached;" "$tmp/evil.out" && break; sleep 0.1; done
$SO list >"$tmp/list.out" 2>&1
$SO status -t tcp_congestion_ops >"$tmp/status.out" 2>&1
for f in list status; do
	LC_ALL=C grep -q $'\033' "$tmp/$f.out" && t_fail "$f printed a raw escape byte"
	LC_ALL=C grep -q $'\xff' "$tmp/$f.out" && t_fail "$f printed a byte that is not UTF-8"
	expect_in "$tmp/$f.out" "${pids[-1]} (so\\x1b[2J\\x0a\\xff)"
	expect_in "$tmp/$f.out" "so_pins_$$\\x0aheld by: 1 (init)\\x1b[31m"
done
expect_lines "$tmp/list.out" "$(($($SO list -j | "$JSONGET" -n .) + 1))"
[ "$(grep -c '^    held by:' "$tmp/status.out")" = "$(grep -c '^  map ' "$tmp/status.out")" ] ||
	t_fail "status has a forged 'held by:' line: $(cat "$tmp/status.out")"
$SO list -j >"$tmp/l.json"
json_ok "$tmp/l.json"
$SO status -j -t tcp_congestion_ops >"$tmp/s.json" 2>/dev/null
json_ok "$tmp/s.json"
grep -q 'so\\u001b\[2J\\n\\ufffd' "$tmp/l.json" || t_fail "the process name in list -j: $(grep -o '"comm":"[^"]*"' "$tmp/l.json")"
kill -INT "${pids[-1]}"; wait "${pids[-1]}" 2>/dev/null
$SO detach "$pin" >/dev/null 2>&1
rm -f "$pin"
t_end
