#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make deb (mk/install.mk, packaging/debian): the three packages build with
# dpkg-buildpackage, lintian reports no error (nor warning), dpkg-deb -c
# lists the right files with the right modes, struct-ops-new (and only it)
# links libclang, with no rpath, and all install into a scratch root
# (dpkg --root) from which struct_ops runs, runs the packaged struct_ops-new
# for 'new', and its man pages render. The guest has no dpkg, so this is all
# on the host.
set -u
cd "$(dirname "$0")/../.."

. tests/host/lib.sh

V=$(cat packaging/VERSION)
ARCH=$(dpkg --print-architecture)
PKG=build/deb/struct-ops_${V}_$ARCH.deb
NEWPKG=build/deb/struct-ops-new_${V}_$ARCH.deb
DKMS=build/deb/struct-ops-dkms_${V}_all.deb
# the guest kernel's headers, as tests/host/new.sh finds them
KDIR=$(ls -d "${STRUCT_OPS_CACHE:-$HOME/.cache/struct-ops}"/guest/current/root/usr/src/linux-headers-*-amd64 2>/dev/null | head -n 1)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

t_begin "make deb builds struct-ops, struct-ops-new and struct-ops-dkms with dpkg-buildpackage"
start=$(date +%s)
make -s deb KERNEL=debian >"$tmp/make.out" 2>&1 || t_fail "make deb failed: $(tail -n 3 "$tmp/make.out" | tr '\n' '|')"
echo "# make deb: $(( $(date +%s) - start )) s"
[ -f "$PKG" ] || t_fail "no $PKG"
[ -f "$NEWPKG" ] || t_fail "no $NEWPKG"
[ -f "$DKMS" ] || t_fail "no $DKMS"
expect_eq "$(dpkg-deb -f "$PKG" Package Version Architecture 2>&1 | tr '\n' ' ')" \
	"Package: struct-ops Version: $V Architecture: $ARCH " "struct-ops control fields"
expect_eq "$(dpkg-deb -f "$NEWPKG" Package Version Architecture 2>&1 | tr '\n' ' ')" \
	"Package: struct-ops-new Version: $V Architecture: $ARCH " "struct-ops-new control fields"
expect_eq "$(dpkg-deb -f "$DKMS" Package Version Architecture 2>&1 | tr '\n' ' ')" \
	"Package: struct-ops-dkms Version: $V Architecture: all " "struct-ops-dkms control fields"
dpkg-deb -f "$PKG" Depends | grep -q 'libbpf1 (>= 1:1.4)' || t_fail "struct-ops does not depend on libbpf1 >= 1:1.4"
dpkg-deb -f "$DKMS" Depends | grep -q 'dkms' || t_fail "struct-ops-dkms does not depend on dkms"
# one dependency per line, version kept: "libclang1-19 (>= ...)"
deps() { dpkg-deb -f "$1" Depends | tr ',' '\n' | sed 's/^ *//'; }
deps "$NEWPKG" >"$tmp/d"
expect_in "$tmp/d" "struct-ops (= $V)"
grep -qx 'clang-19' "$tmp/d" || t_fail "struct-ops-new does not depend on clang-19: $(tr '\n' ' ' <"$tmp/d")"
grep -q '^libclang1-19 ' "$tmp/d" || t_fail "struct-ops-new does not depend on libclang1-19: $(tr '\n' ' ' <"$tmp/d")"
grep -q '^libbpf1 ' "$tmp/d" || t_fail "struct-ops-new does not depend on libbpf1"
deps "$PKG" >"$tmp/d"
expect_not_in "$tmp/d" "libclang"
expect_not_in "$tmp/d" "clang-19"
t_end

t_begin "lintian: no errors and no warnings on any package"
if command -v lintian >/dev/null; then
	lintian -I --tag-display-limit 0 "$PKG" "$NEWPKG" "$DKMS" >"$tmp/lintian" 2>&1
	grep -E '^[EW]: ' "$tmp/lintian" >"$tmp/ew"
	[ -s "$tmp/ew" ] && t_fail "lintian: $(head -n 3 "$tmp/ew" | tr '\n' '|')"
	echo "# lintian: $(grep -c '^[EWIPXO]: ' "$tmp/lintian") tags"
	sed 's/^/#   /' "$tmp/lintian"
else
	t_fail "lintian is not installed: run 'make deps' (as root)"
fi
t_end

# "MODE PATH" per file of a package, directories left out
listing() { dpkg-deb -c "$1" | awk '$1 !~ /^d/ { print $1, $2, $6 }'; }

t_begin "dpkg-deb -c: struct-ops has the program, struct_ops(8) and the completion"
listing "$PKG" >"$tmp/c"
expect_in "$tmp/c" "-rwxr-xr-x root/root ./usr/sbin/struct_ops"
expect_in "$tmp/c" "-rw-r--r-- root/root ./usr/share/man/man8/struct_ops.8.gz"
expect_in "$tmp/c" "-rw-r--r-- root/root ./usr/share/bash-completion/completions/struct_ops"
expect_in "$tmp/c" "-rw-r--r-- root/root ./usr/share/doc/struct-ops/copyright"
expect_not_in "$tmp/c" "./usr/src/"
expect_not_in "$tmp/c" "struct_ops-new"
t_end

t_begin "dpkg-deb -c: struct-ops-new has struct_ops-new, linked to libclang-19's SONAME without an rpath"
listing "$NEWPKG" >"$tmp/c"
expect_in "$tmp/c" "-rwxr-xr-x root/root ./usr/sbin/struct_ops-new"
expect_in "$tmp/c" "-rw-r--r-- root/root ./usr/share/man/man8/struct_ops-new.8.gz"
expect_in "$tmp/c" "-rw-r--r-- root/root ./usr/share/doc/struct-ops-new/copyright"
expect_eq "$(grep -c '/usr/sbin/' "$tmp/c")" 1 "files in /usr/sbin"
dpkg-deb -x "$NEWPKG" "$tmp/x"
readelf -d "$tmp/x/usr/sbin/struct_ops-new" >"$tmp/dyn" 2>&1 || t_fail "readelf -d: $(head -n 1 "$tmp/dyn")"
expect_in "$tmp/dyn" "Shared library: [libclang-19.so.19]"
expect_not_in "$tmp/dyn" "RPATH"
expect_not_in "$tmp/dyn" "RUNPATH"
t_end

t_begin "dpkg-deb -c: struct-ops-dkms has the module's source and dkms.conf in /usr/src"
listing "$DKMS" >"$tmp/c"
for f in dkms.conf Kbuild main.c seed.c verifier.c many.c detach.c status.c kfuncs.c bench.c \
	hello.h bpf_testmod.h compat.h; do
	expect_in "$tmp/c" "-rw-r--r-- root/root ./usr/src/struct-ops-$V/$f"
done
expect_eq "$(grep -c '/usr/src/' "$tmp/c")" 13 "files under /usr/src"
dpkg-deb --ctrl-tarfile "$DKMS" | tar -xO ./postinst 2>/dev/null | grep -q 'dkms' ||
	t_fail "no postinst running dkms"
t_end

R=$tmp/root
t_begin "all three install into a scratch root (dpkg --root); struct_ops runs from it"
mkdir -p "$R/var/lib/dpkg/info" "$R/var/lib/dpkg/updates"
touch "$R/var/lib/dpkg/status" "$R/var/lib/dpkg/available"
# No dependency is in the scratch root, and the dkms postinst would run
# dkms chrooted into it: unpack all three, configure the programs only.
dpkg --root="$R" --force-depends --force-not-root --unpack "$PKG" "$NEWPKG" "$DKMS" >"$tmp/dpkg.out" 2>&1 ||
	t_fail "dpkg --unpack: $(tail -n 2 "$tmp/dpkg.out" | tr '\n' '|')"
dpkg --root="$R" --force-depends --configure struct-ops struct-ops-new >>"$tmp/dpkg.out" 2>&1 ||
	t_fail "dpkg --configure struct-ops struct-ops-new: $(tail -n 2 "$tmp/dpkg.out" | tr '\n' '|')"
expect_eq "$(dpkg-query --root="$R" -W -f='${Status}' struct-ops 2>&1)" "install ok installed" "struct-ops status"
expect_eq "$(dpkg-query --root="$R" -W -f='${Status}' struct-ops-new 2>&1)" "install ok installed" "struct-ops-new status"
"$R/usr/sbin/struct_ops" -h >"$tmp/out" 2>&1; expect_eq $? 0 "struct_ops -h from the root"
expect_in "$tmp/out" "Usage: struct_ops"
"$R/usr/sbin/struct_ops" types >"$tmp/out" 2>&1; expect_eq $? 0 "struct_ops types from the root"
expect_in "$tmp/out" "tcp_congestion_ops (vmlinux):"
MANWIDTH=80 man -l "$R/usr/share/man/man8/struct_ops.8.gz" >"$tmp/man" 2>&1; expect_eq $? 0 "man -l"
expect_in "$tmp/man" "struct_ops - load, attach, inspect and detach BPF struct_ops"
cmp -s "$R/usr/share/bash-completion/completions/struct_ops" packaging/struct_ops.bash-completion ||
	t_fail "the packaged completion differs from packaging/"
MANWIDTH=80 MANPATH=$R/usr/share/man man 8 struct_ops-new >"$tmp/man-new" 2>&1; expect_eq $? 0 "man struct_ops-new"
cmp -s "$tmp/man" "$tmp/man-new" || t_fail "man struct_ops-new is not struct_ops(8): $(head -n 2 "$tmp/man-new" | tr '\n' '|')"
t_end

t_begin "the packaged struct_ops runs the packaged struct_ops-new: new -h, new writes the kit make's struct_ops-new writes"
"$R/usr/sbin/struct_ops" new -h >"$tmp/out" 2>&1; expect_eq $? 0 "struct_ops new -h from the root"
expect_in "$tmp/out" "Usage: struct_ops new [OPTIONS] NAME HEADER"
[ -f "$KDIR/vmlinux" ] || t_fail "no guest kernel headers with a vmlinux (KDIR '$KDIR'): run make first"
# $STRUCT_OPS_LIBEXEC points nowhere: only the struct_ops-new beside it can answer
STRUCT_OPS_LIBEXEC=$tmp/nowhere "$R/usr/sbin/struct_ops" new -q seed tests/new/seed.h -o "$tmp/kit" -k "$KDIR/vmlinux" >"$tmp/out" 2>&1
expect_eq $? 0 "struct_ops new from the root"
expect_lines "$tmp/out" 0
build/bin/struct_ops-new -q seed tests/new/seed.h -o "$tmp/kit.make" -k "$KDIR/vmlinux" >"$tmp/out" 2>&1 ||
	t_fail "build/bin/struct_ops-new: $(head -n 2 "$tmp/out" | tr '\n' '|')"
diff -r "$tmp/kit.make" "$tmp/kit" >"$tmp/diff" 2>&1 || t_fail "the kits differ: $(head -n 3 "$tmp/diff" | tr '\n' '|')"
[ -f "$tmp/kit/module/seed.c" ] || t_fail "no $tmp/kit/module/seed.c"
t_end

t_begin "the packaged /usr/src tree is make install-dkms's, and dpkg removes every file"
make -s install-dkms DESTDIR="$tmp/mk" >/dev/null 2>&1
diff -r "$tmp/mk/usr/src/struct-ops-$V" "$R/usr/src/struct-ops-$V" >"$tmp/diff" 2>&1 ||
	t_fail "differs: $(head -n 3 "$tmp/diff" | tr '\n' '|')"
dpkg --root="$R" --force-depends --force-remove-reinstreq --purge struct-ops struct-ops-new struct-ops-dkms >"$tmp/dpkg.out" 2>&1 ||
	t_fail "dpkg --purge: $(tail -n 2 "$tmp/dpkg.out" | tr '\n' '|')"
left=$(cd "$R" && find usr -type f 2>/dev/null)
[ -z "$left" ] || t_fail "left after purge: $(echo $left)"
t_end
