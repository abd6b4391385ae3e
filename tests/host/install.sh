#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make install / make uninstall into a DESTDIR (mk/install.mk): the files,
# their modes, the program running from there (and running the installed
# struct_ops-new for 'new'), struct_ops(8) rendering and true to --help,
# the bash completion offering commands, options, map ids and names, pin
# paths, object files and headers; nothing left after uninstall.
set -u
cd "$(dirname "$0")/../.."

. tests/host/lib.sh

tmp=$(mktemp -d)
cc_pid=
cleanup() {
	[ -n "$cc_pid" ] && kill "$cc_pid" 2>/dev/null && wait "$cc_pid" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
D=$tmp/dest
P=/opt/so-kit
SO=$D$P/sbin/struct_ops
NEW=$D$P/sbin/struct_ops-new
MAN8=$D$P/share/man/man8/struct_ops.8
BC=$D$P/share/bash-completion/completions/struct_ops

t_begin "make install PREFIX DESTDIR: programs 0755, man pages and completion 0644"
make -s install KERNEL=debian DESTDIR="$D" PREFIX=$P >"$tmp/make.out" 2>&1 || t_fail "make install failed: $(tail -n 3 "$tmp/make.out" | tr '\n' '|')"
expect_eq "$(stat -c %a "$SO" 2>&1)" 755 "mode of sbin/struct_ops"
expect_eq "$(stat -c %a "$NEW" 2>&1)" 755 "mode of sbin/struct_ops-new"
expect_eq "$(stat -c %a "$MAN8" 2>&1)" 644 "mode of man8/struct_ops.8"
expect_eq "$(stat -c %a "${MAN8%/*}/struct_ops-new.8" 2>&1)" 644 "mode of man8/struct_ops-new.8"
expect_eq "$(stat -c %a "$BC" 2>&1)" 644 "mode of the completion"
expect_eq "$(cd "$D" && find . -type f -o -type l | sort | tr '\n' ' ')" \
	"./opt/so-kit/sbin/struct_ops ./opt/so-kit/sbin/struct_ops-new ./opt/so-kit/share/bash-completion/completions/struct_ops ./opt/so-kit/share/man/man8/struct_ops-new.8 ./opt/so-kit/share/man/man8/struct_ops.8 " \
	"installed files"
cmp -s "$SO" build/bin/struct_ops || t_fail "installed struct_ops differs from build/bin/struct_ops"
cmp -s "$NEW" build/bin/struct_ops-new || t_fail "installed struct_ops-new differs from build/bin/struct_ops-new"
t_end

t_begin "make install: default PREFIX is /usr/local"
make -s -n install DESTDIR=/nonexistent V=1 >"$tmp/n" 2>&1
expect_in "$tmp/n" "/nonexistent/usr/local/sbin/struct_ops"
expect_in "$tmp/n" "/nonexistent/usr/local/sbin/struct_ops-new"
expect_in "$tmp/n" "/nonexistent/usr/local/share/man/man8/struct_ops.8"
expect_in "$tmp/n" "/nonexistent/usr/local/share/bash-completion/completions/struct_ops"
t_end

t_begin "the installed struct_ops runs: -h, help, CMD -h"
"$SO" -h >"$tmp/out" 2>&1; expect_eq $? 0 "struct_ops -h"
expect_in "$tmp/out" "Usage: struct_ops"
"$SO" status -h >"$tmp/out" 2>&1; expect_eq $? 0 "struct_ops status -h"
expect_in "$tmp/out" "Usage: struct_ops status"
t_end

# the guest kernel's headers, as tests/host/new.sh finds them
KDIR=$(ls -d "${STRUCT_OPS_CACHE:-$HOME/.cache/struct-ops}"/guest/current/root/usr/src/linux-headers-*-amd64 2>/dev/null | head -n 1)
t_begin "the installed struct_ops runs the installed struct_ops-new: new writes a kit"
[ -f "$KDIR/vmlinux" ] || t_fail "no guest kernel headers with a vmlinux (KDIR '$KDIR'): run make first"
# $STRUCT_OPS_LIBEXEC points nowhere: only the struct_ops-new beside it can answer
STRUCT_OPS_LIBEXEC=$tmp/nowhere "$SO" new -q seed tests/new/seed.h -o "$tmp/kit" -k "$KDIR/vmlinux" >"$tmp/out" 2>&1
expect_eq $? 0 "struct_ops new"
[ -f "$tmp/kit/module/seed.c" ] || t_fail "no $tmp/kit/module/seed.c: $(head -n 3 "$tmp/out" | tr '\n' '|')"
expect_lines "$tmp/out" 0
mv "$NEW" "$tmp/struct_ops-new.away"
STRUCT_OPS_LIBEXEC=$tmp/nowhere "$SO" new -q seed tests/new/seed.h -o "$tmp/kit2" -k "$KDIR/vmlinux" >"$tmp/out" 2>&1
expect_eq $? 1 "struct_ops new without the installed struct_ops-new"
expect_in "$tmp/out" "'new' needs struct_ops-new"
mv "$tmp/struct_ops-new.away" "$NEW"
t_end

t_begin "man -l renders struct_ops(8) without warnings; man struct_ops-new shows it too"
MANWIDTH=80 man -l "$MAN8" >"$tmp/man" 2>"$tmp/man.err"; expect_eq $? 0 "man -l"
expect_in "$tmp/man" "struct_ops - load, attach, inspect and detach BPF struct_ops"
expect_in "$tmp/man" "EXIT STATUS"
LC_ALL=C MANROFFSEQ= man --warnings -l "$MAN8" >/dev/null 2>"$tmp/warn"
[ -s "$tmp/warn" ] && t_fail "groff warnings: $(head -n 3 "$tmp/warn" | tr '\n' '|')"
MANWIDTH=80 MANPATH=$D$P/share/man man 8 struct_ops-new >"$tmp/man-new" 2>&1
expect_eq $? 0 "man struct_ops-new"
cmp -s "$tmp/man" "$tmp/man-new" || t_fail "man struct_ops-new is not struct_ops(8): $(head -n 2 "$tmp/man-new" | tr '\n' '|')"
t_end

t_begin "struct_ops(8) is true to --help: every command and every option"
cmds=$("$SO" help 2>&1 | sed -n '/^Commands:/,/^$/p' | awk 'NF > 1 { print $1 }')
[ "$(echo $cmds)" = "run trigger list dump types doctor status detach repair swap new help" ] ||
	t_fail "help lists commands '$(echo $cmds)'"
for c in $cmds; do
	grep -q "^   $c\$\|^   $c " "$tmp/man" || t_fail "no section for command '$c' in the man page"
	"$SO" "$c" -h 2>&1 | grep -oE '^  (-[a-zA-Z], )?--[a-z-]+' | grep -oE -- '--[a-z-]+' >"$tmp/opts"
	[ -s "$tmp/opts" ] || t_fail "no options in '$c -h'"
	while read -r o; do
		grep -qE -- "$o([^a-z-]|$)" "$tmp/man" || t_fail "'$c -h' has $o, the man page has not"
	done <"$tmp/opts"
done
t_end

# Completion: source it into a bash with bash-completion's helpers, set
# COMP_WORDS as readline would, print COMPREPLY one per line.
complete_words() {	# WORD...: the last is the word being completed
	bash -c '
		. /usr/share/bash-completion/bash_completion 2>/dev/null
		. "$1"; shift
		COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
		COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
		_struct_ops "$1" "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
		printf "%s\n" "${COMPREPLY[@]}"' _ "$BC" "$@"
}

t_begin "bash completion: commands, options, option arguments"
expect_eq "$(complete_words "$SO" '' | sort | tr '\n' ' ')" \
	"detach doctor dump help list new repair run status swap trigger types " "commands"
expect_eq "$(complete_words "$SO" st | sort | tr '\n' ' ')" "status " "'st'"
complete_words "$SO" run --c >"$tmp/c"; expect_in "$tmp/c" "--count"
complete_words "$SO" doctor --k >"$tmp/c"
expect_eq "$(sort "$tmp/c" | tr '\n' ' ')" "--kdir --ko " "doctor --k"
complete_words "$SO" status -t '' >"$tmp/c"; expect_in "$tmp/c" "tcp_congestion_ops"
complete_words "$SO" help sw >"$tmp/c"; expect_eq "$(cat "$tmp/c")" swap "help sw"
complete_words "$SO" new - >"$tmp/c"
for o in -o --output -s --struct -k --kernel-btf; do grep -qx -- "$o" "$tmp/c" || t_fail "new -: $o not offered"; done
expect_not_in "$tmp/c" "--object"
complete_words "$SO" trigger -r '' >"$tmp/c"; expect_eq "$(cat "$tmp/c")" "" "trigger -r (a count)"
t_end

t_begin "bash completion for new: HEADER (*.h), -k FILE, -o DIR"
mkdir -p "$tmp/hdrs/sub" && touch "$tmp/hdrs/a.h" "$tmp/hdrs/b.c" "$tmp/hdrs/vmlinux"
complete_words "$SO" new "$tmp/hdrs/" >"$tmp/c"; expect_eq "$(cat "$tmp/c")" "" "new NAME: nothing offered"
complete_words "$SO" new pkt "$tmp/hdrs/" >"$tmp/c"
expect_eq "$(sort "$tmp/c" | tr '\n' ' ')" "$tmp/hdrs/a.h $tmp/hdrs/sub " "new NAME DIR/"
complete_words "$SO" new -o "$tmp/kitdir" pkt "$tmp/hdrs/a" >"$tmp/c"
expect_eq "$(cat "$tmp/c")" "$tmp/hdrs/a.h" "new -o DIR NAME DIR/a"
complete_words "$SO" new pkt "$tmp/hdrs/a.h" "$tmp/hdrs/" >"$tmp/c"; expect_eq "$(cat "$tmp/c")" "" "new NAME HEADER: nothing more"
complete_words "$SO" new -k "$tmp/hdrs/" >"$tmp/c"
expect_eq "$(sort "$tmp/c" | tr '\n' ' ')" "$tmp/hdrs/a.h $tmp/hdrs/b.c $tmp/hdrs/sub $tmp/hdrs/vmlinux " "new -k DIR/"
complete_words "$SO" new --kernel-btf "$tmp/hdrs/vm" >"$tmp/c"; expect_eq "$(cat "$tmp/c")" "$tmp/hdrs/vmlinux" "new --kernel-btf DIR/vm"
complete_words "$SO" new -o "$tmp/hdrs/" >"$tmp/c"; expect_eq "$(cat "$tmp/c")" "$tmp/hdrs/sub" "new -o DIR/"
complete_words "$SO" new -s '' >"$tmp/c"; expect_eq "$(cat "$tmp/c")" "" "new -s"
t_end

t_begin "bash completion: object files (*.o, *.bpf.o) and pin paths under bpffs"
mkdir -p "$tmp/objs/sub" && touch "$tmp/objs/a.bpf.o" "$tmp/objs/b.o" "$tmp/objs/c.txt"
complete_words "$SO" -o "$tmp/objs/" >"$tmp/c"
expect_eq "$(sort "$tmp/c" | tr '\n' ' ')" "$tmp/objs/a.bpf.o $tmp/objs/b.o $tmp/objs/sub " "run -o DIR/"
complete_words "$SO" types "$tmp/objs/a" >"$tmp/c"
expect_eq "$(cat "$tmp/c")" "$tmp/objs/a.bpf.o" "types DIR/a"
complete_words "$SO" -P '' >"$tmp/c"
grep -q '^/sys/fs/bpf/' "$tmp/c" || [ ! -d /sys/fs/bpf ] || [ -z "$(ls -A /sys/fs/bpf)" ] ||
	t_fail "run -P offers no path under /sys/fs/bpf: $(tr '\n' ' ' <"$tmp/c")"
complete_words "$SO" detach '' >"$tmp/c"; expect_in "$tmp/c" "link"
t_end

name=so_cmpl_$$
t_begin "bash completion: map ids and names from list -j, link ids (a BPF TCP congestion control)"
build/bin/struct_ops run -o build/bpf/tests/tcp_cc.bpf.o -N -n "$name" >"$tmp/cc.out" 2>&1 &
cc_pid=$!
for _ in $(seq 50); do grep -q "attached" "$tmp/cc.out" && break; sleep 0.1; done
expect_in "$tmp/cc.out" "attached"
build/bin/struct_ops list -j >"$tmp/j"
ids=$(python3 -c 'import json,sys; print(" ".join(str(m["id"]) for m in json.load(open(sys.argv[1])) if m["name"] == "so_kit_cc"))' "$tmp/j")
link=$(python3 -c 'import json,sys; print(" ".join(str(m["link_id"]) for m in json.load(open(sys.argv[1])) if m["name"] == "so_kit_cc"))' "$tmp/j")
[ -n "$ids" ] || t_fail "list -j has no so_kit_cc map"
complete_words "$SO" dump '' >"$tmp/c"
for id in $ids; do grep -qx "$id" "$tmp/c" || t_fail "dump: map id $id not offered"; done
expect_in "$tmp/c" so_kit_cc
complete_words "$SO" dump so_kit >"$tmp/c"; expect_in "$tmp/c" so_kit_cc
complete_words "$SO" detach link '' >"$tmp/c"
for l in $link; do grep -qx "$l" "$tmp/c" || t_fail "detach link: link id $l not offered"; done
complete_words "$SO" repair '' >"$tmp/c"
for id in $ids; do grep -qx "$id" "$tmp/c" || t_fail "repair: map id $id not offered"; done
kill "$cc_pid"; wait "$cc_pid" 2>/dev/null; cc_pid=
t_end

t_begin "make uninstall removes every installed file"
make -s uninstall KERNEL=debian DESTDIR="$D" PREFIX=$P >"$tmp/make.out" 2>&1 || t_fail "make uninstall failed"
left=$(find "$D" -type f -o -type l)
[ -z "$left" ] || t_fail "left behind: $(echo $left)"
make -s uninstall KERNEL=debian DESTDIR="$D" PREFIX=$P >/dev/null 2>&1 || t_fail "a second make uninstall fails"
t_end

t_begin "make install-dkms / uninstall-dkms: the module's source and dkms.conf in /usr/src"
make -s install-dkms DESTDIR="$tmp/dk" >"$tmp/make.out" 2>&1 || t_fail "make install-dkms failed"
v=$(cat packaging/VERSION)
src=$tmp/dk/usr/src/struct-ops-$v
expect_eq "$(cd "$src" 2>/dev/null && LC_ALL=C ls | tr '\n' ' ')" \
	"Kbuild bench.c bpf_testmod.h compat.h detach.c dkms.conf hello.h kfuncs.c main.c many.c seed.c status.c verifier.c " \
	"files in $src"
expect_eq "$(stat -c %a "$src/seed.c" "$src/dkms.conf" 2>&1 | tr '\n' ' ')" "644 644 " "modes"
grep -qx "PACKAGE_VERSION=\"$v\"" "$src/dkms.conf" || t_fail "dkms.conf lacks PACKAGE_VERSION=\"$v\""
make -s uninstall-dkms DESTDIR="$tmp/dk" >/dev/null 2>&1 || t_fail "make uninstall-dkms failed"
[ -e "$src" ] && t_fail "$src is still there"
t_end
