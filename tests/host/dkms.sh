#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The module through DKMS (packaging/dkms/dkms.conf): dkms add, build and
# install for the guest kernel, against its headers (--kernelsourcedir),
# with scratch DKMS, source and install trees, so that the host's
# /lib/modules, /var/lib/dkms and /usr/src stay as they were; then one
# guest boot loads the DKMS-built hello.ko and runs the seed scenario
# (struct_ops -c 1: attach, trigger once, detach); then dkms remove.
set -u
cd "$(dirname "$0")/../.."

. tests/host/lib.sh

S=build/tests/dkms
V=$(cat packaging/VERSION)
KROOT=$(realpath "${STRUCT_OPS_CACHE:-$HOME/.cache/struct-ops}/guest/current/root" 2>/dev/null)
KDIR=$(ls -d "$KROOT"/usr/src/linux-headers-*-amd64 2>/dev/null | head -n 1)
KVER=${KDIR##*/linux-headers-}
rm -rf "$S"
mkdir -p "$S"
S=$(realpath "$S")

# Everything DKMS might touch on the host, with sizes and times.
host_state() {
	for d in /lib/modules /var/lib/dkms /usr/src /etc/dkms; do
		[ -e "$d" ] && find "$d" -printf '%p %y %s %T@\n' 2>/dev/null || echo "$d absent"
	done | sort
}
host_state >"$S/before"

dk() {		# ACTION [ARGS]: dkms with the scratch trees
	dkms "$@" --dkmstree "$S/tree" --sourcetree "$S/src" --installtree "$S/lib/modules"
}

t_begin "dkms add, build, install struct-ops/$V for $KVER into scratch trees"
if ! command -v dkms >/dev/null; then
	t_fail "dkms is not installed: run 'make deps' (as root)"
elif [ -z "$KDIR" ]; then
	t_fail "no guest kernel headers under $KROOT/usr/src: run 'make' first"
else
	make -s dkms-src KERNEL=debian >"$S/make.out" 2>&1 || t_fail "make dkms-src failed: $(tail -n 2 "$S/make.out")"
	mv build/dkms/src "$S/src"
	mkdir -p "$S/tree" "$S/lib/modules/$KVER"
	dk add "struct-ops/$V" >"$S/add.log" 2>&1 || t_fail "dkms add: $(tail -n 2 "$S/add.log" | tr '\n' '|')"
	dk build "struct-ops/$V" -k "$KVER" --kernelsourcedir "$KDIR" -j 2 >"$S/build.log" 2>&1 ||
		t_fail "dkms build: $(tail -n 3 "$S/build.log" | tr '\n' '|')"
	dk install "struct-ops/$V" -k "$KVER" --kernelsourcedir "$KDIR" --no-depmod >"$S/install.log" 2>&1 ||
		t_fail "dkms install: $(tail -n 3 "$S/install.log" | tr '\n' '|')"
	dk status "struct-ops/$V" >"$S/status" 2>&1
	expect_in "$S/status" "struct-ops/$V, $KVER, x86_64: installed"
fi
t_end

KO=$S/lib/modules/$KVER/updates/dkms/hello.ko
LOG=$S/tree/struct-ops/$V/$KVER/x86_64/log/make.log
t_begin "the DKMS-built hello.ko: in updates/dkms, for $KVER, with .BTF, built without warnings"
if [ -f "$KO" ]; then
	expect_eq "$(modinfo -F vermagic "$KO" | awk '{print $1}')" "$KVER" "vermagic"
	readelf -SW "$KO" | grep -qE '\] \.BTF +PROGBITS' || t_fail "$KO has no .BTF section"
	grep -i warning "$LOG" >"$S/warnings"
	[ -s "$S/warnings" ] && t_fail "make.log has warnings: $(head -n 2 "$S/warnings" | tr '\n' '|')"
	echo "# DKMS make.log, last lines:"
	tail -n 6 "$LOG" | sed 's/^/#   /'
else
	t_fail "no $KO"
fi
t_end

t_begin "the guest loads the DKMS-built hello.ko and runs the seed scenario (struct_ops -c 1)"
if [ -f "$KO" ]; then
	vm/run -q --no-build --kernel debian --timeout 300 --add "$KO" -- sh -c "
		insmod ${KO#"$PWD"/} && struct_ops -c 1 -i 0.1
		echo status=\$?; dmesg | grep 'hello: '" >"$S/guest.log" 2>&1
	expect_eq $? 0 "vm/run exit status ($(tail -n 3 "$S/guest.log" | tr '\n' '|'))"
	expect_in "$S/guest.log" "status=0"
	expect_in "$S/guest.log" "hello: test_1() returned: 42"
	expect_in "$S/guest.log" "exiting: 1 trigger done; detached"
else
	t_fail "no DKMS-built module to load"
fi
t_end

t_begin "dkms remove takes the module out of the scratch install tree"
if [ -f "$KO" ]; then
	dk remove "struct-ops/$V" --all --no-depmod >"$S/remove.log" 2>&1 ||
		t_fail "dkms remove: $(tail -n 2 "$S/remove.log" | tr '\n' '|')"
	[ -e "$KO" ] && t_fail "$KO is still there"
	[ -e "$S/tree/struct-ops/$V" ] && t_fail "the DKMS tree still has struct-ops/$V"
else
	t_fail "nothing was installed"
fi
t_end

t_begin "the host's /lib/modules, /var/lib/dkms, /usr/src and /etc/dkms are unchanged"
host_state >"$S/after"
cmp -s "$S/before" "$S/after" ||
	t_fail "changed: $(diff "$S/before" "$S/after" | grep '^[<>]' | head -n 3 | tr '\n' '|')"
t_end
