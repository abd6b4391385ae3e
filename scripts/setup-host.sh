#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Install what the build, the guest and the tests need on a Debian 12 host.
# Idempotent: when everything is present it prints one line and returns.
# With --debug-kernel, also what vm/build-kernel needs (the kernel source
# and its build tools). With --check, install nothing: exit 1 naming what
# is missing (a plain 'make' checks; 'make deps', 'make demo' and 'make
# test' install).
#
# libbpf >= 1.4 (module-defined struct_ops) and bpftool 7.5 come from
# bookworm-backports; the suite is added on the mirror the machine already
# uses. Nothing else is taken from backports.
set -euo pipefail

say() { printf 'setup: %s\n' "$*" >&2; }
die() { printf 'setup: error: %s\n' "$*" >&2; exit 1; }

# Packages from the main suites.
# clang-19 builds the BPF objects: clang 14 (Debian's default clang) turns
# common clamps into code the 6.12 verifier refuses (docs/DESIGN.md).
MAIN_PKGS=(make gcc clang clang-19 llvm libc6-dev pkg-config zlib1g-dev libzstd-dev
	   busybox-static cpio qemu-system-x86 dwarves kmod xz-utils
	   ca-certificates python3 iproute2 procps valgrind)
# Packages that must come from bookworm-backports.
BPO_PKGS=(libbpf-dev bpftool)
# ...but not their libelf: backports' libelf.a 0.192 needs libeu.a, which
# Debian does not ship, so a static link fails (eu_search_tree_init).
PIN_PKGS=(libelf-dev/bookworm libelf1/bookworm)
BPO_LIST=/etc/apt/sources.list.d/struct-ops-backports.sources
# For the debug guest kernel (vm/build-kernel), on request.
DEBUG_PKGS=(linux-source-6.12 flex bison bc libssl-dev)
check=0
for arg in "$@"; do
	case "$arg" in
	--debug-kernel) MAIN_PKGS+=("${DEBUG_PKGS[@]}"); DEBUG_ARG=" KERNEL=debug" ;;
	--check) check=1 ;;
	*) die "unknown argument '$arg' (takes --check and --debug-kernel)" ;;
	esac
done

have_all() {
	local p
	for p in "${MAIN_PKGS[@]}" "${BPO_PKGS[@]}"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
			grep -q 'install ok installed' || return 1
	done
	# the backports versions, not bookworm's 1.1 / 7.1
	dpkg --compare-versions "$(dpkg-query -W -f='${Version}' libbpf-dev)" ge 1:1.4 &&
		dpkg --compare-versions "$(dpkg-query -W -f='${Version}' bpftool)" ge 7.5 &&
		dpkg --compare-versions "$(dpkg-query -W -f='${Version}' libelf-dev 2>/dev/null)" lt 0.189
}

if have_all; then
	[ "$check" = 1 ] ||
		say "host packages present (libbpf-dev $(dpkg-query -W -f='${Version}' libbpf-dev), bpftool $(dpkg-query -W -f='${Version}' bpftool))"
	exit 0
fi
# --check (a plain 'make'): building never changes the system
if [ "$check" = 1 ]; then
	missing=
	for p in "${MAIN_PKGS[@]}" "${BPO_PKGS[@]}"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
			missing="$missing $p"
	done
	die "packages missing or at the wrong version:${missing:- libbpf-dev/bpftool from backports, libelf-dev from bookworm}: run 'make deps${DEBUG_ARG:-}' as root (it installs them)"
fi

[ "$(id -u)" -eq 0 ] || die "missing packages and not root: run 'make deps' as root"
command -v apt-get >/dev/null || die "apt-get not found: this set-up supports Debian 12 (bookworm) only"

mirror=
if [ -r /etc/apt/sources.list.d/debian.sources ]; then
	mirror=$(awk '/^URIs:/ && $2 !~ /security/ { print $2; exit }' \
		/etc/apt/sources.list.d/debian.sources)
fi
if [ -z "$mirror" ] && [ -r /etc/apt/sources.list ]; then
	mirror=$(awk '/^deb / && $0 !~ /security/ { print $2; exit }' /etc/apt/sources.list)
fi
[ -n "$mirror" ] || die "cannot find the Debian mirror in /etc/apt/sources.list{,.d/debian.sources}"

if ! grep -rqs 'bookworm-backports' /etc/apt/sources.list /etc/apt/sources.list.d/; then
	say "adding bookworm-backports from $mirror"
	cat >"$BPO_LIST" <<EOF
Types: deb
URIs: $mirror
Suites: bookworm-backports
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
fi

export DEBIAN_FRONTEND=noninteractive
APT=(apt-get -o DPkg::Lock::Timeout=600 -y -q)
say "apt-get update"
"${APT[@]}" update >/dev/null
say "installing ${BPO_PKGS[*]} from bookworm-backports"
"${APT[@]}" install --allow-downgrades -t bookworm-backports "${BPO_PKGS[@]}" \
	"${PIN_PKGS[@]}" >/dev/null
say "installing ${MAIN_PKGS[*]}"
"${APT[@]}" install --no-install-recommends "${MAIN_PKGS[@]}" >/dev/null
have_all || die "packages still missing after apt-get install"
say "done"
