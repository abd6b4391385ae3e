#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Install what the build, the guest and the tests need on a Debian 12 host.
# Idempotent: when everything is present it prints one line and returns.
# With --debug-kernel, also what vm/build-kernel needs (the kernel source
# and its build tools). With --check, install nothing: exit 1 naming what
# is missing (a plain 'make' checks; 'make deps', 'make demo' and 'make
# test' install). With --sources, only make sure apt has bookworm-backports
# (APT_CONFIG may point apt at a scratch root: tests/host/setup.sh).
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
# libclang-rt-19-dev: its libFuzzer runtime (make fuzz). libclang-19-dev:
# the C API struct_ops new reads headers with. linux-source-6.12: the
# debug kernel's source and checkpatch.pl (make test checks what new writes).
# debootstrap: the Debian 13 root the latest kernel's modules are built in
# (vm/build-root).
MAIN_PKGS=(make gcc clang clang-19 libclang-rt-19-dev libclang-19-dev llvm libc6-dev pkg-config zlib1g-dev libzstd-dev
	   busybox-static cpio qemu-system-x86 dwarves kmod xz-utils
	   ca-certificates python3 iproute2 procps valgrind gnuplot-nox
	   dkms dh-dkms debhelper scdoc lintian bash-completion fakeroot man-db
	   linux-source-6.12 debootstrap)
# Packages that must come from bookworm-backports.
BPO_PKGS=(libbpf-dev bpftool)
# ...but not their libelf: backports' libelf.a 0.192 needs libeu.a, which
# Debian does not ship, so a static link fails (eu_search_tree_init).
PIN_PKGS=(libelf-dev/bookworm libelf1/bookworm)
BPO_LIST=/etc/apt/sources.list.d/struct-ops-backports.sources
# For the debug guest kernel (vm/build-kernel), on request.
DEBUG_PKGS=(flex bison bc libssl-dev)
check=0
for arg in "$@"; do
	case "$arg" in
	--debug-kernel) MAIN_PKGS+=("${DEBUG_PKGS[@]}"); DEBUG_ARG=" KERNEL=debug" ;;
	--check) check=1 ;;
	--sources) SETUP_SOURCES_ONLY=1 ;;
	*) die "unknown argument '$arg' (takes --check, --debug-kernel and --sources)" ;;
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

if [ "${SETUP_SOURCES_ONLY:-0}" = 1 ]; then
	:	# straight to the sources step
elif have_all; then
	[ "$check" = 1 ] ||
		say "host packages present (libbpf-dev $(dpkg-query -W -f='${Version}' libbpf-dev), bpftool $(dpkg-query -W -f='${Version}' bpftool))"
	exit 0
fi
# --check (a plain 'make'): building never changes the system
if [ "$check" = 1 ] && [ "${SETUP_SOURCES_ONLY:-0}" != 1 ]; then
	missing=
	for p in "${MAIN_PKGS[@]}" "${BPO_PKGS[@]}"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
			missing="$missing $p"
	done
	die "packages missing or at the wrong version:${missing:- libbpf-dev/bpftool from backports, libelf-dev from bookworm}: run 'make deps${DEBUG_ARG:-}' as root (it installs them)"
fi

[ "$(id -u)" -eq 0 ] || die "missing packages and not root: run 'make deps' as root"

# Debian 12 only: elsewhere the package names, the backports suite and the
# libelf pin do not hold. (SETUP_OS_RELEASE: the tests' stand-in file.)
os_release=${SETUP_OS_RELEASE:-/etc/os-release}
os_id=$(. "$os_release" 2>/dev/null; echo "${ID:-}:${VERSION_ID:-}")
if [ "$os_id" != debian:12 ]; then
	os_name=$(. "$os_release" 2>/dev/null; echo "${PRETTY_NAME:-an unknown system}")
	die "this set-up supports Debian 12 (bookworm) only, and this is $os_name: install the equivalents of ${MAIN_PKGS[*]}, libbpf-dev >= 1.4 and bpftool >= 7.5 yourself, then run 'make all'"
fi

# apt's own view of its sources (one-line and deb822 files, Enabled: no,
# comments and ignored file names all handled by apt itself): "TYPE SUITE URI".
apt_targets() {
	apt-get indextargets --no-release-info --format '$(TARGET_OF) $(RELEASE) $(REPO_URI)' | sort -u
}

ensure_backports() {
	local targets mirror dir file tmp
	targets=$(apt_targets 2>&1) ||
		die "apt cannot read its sources ($(echo "$targets" | head -n 1)): fix them first"
	if echo "$targets" | grep -q '^deb bookworm-backports '; then
		return 0
	fi
	mirror=$(echo "$targets" | awk '$1 == "deb" && $2 == "bookworm" { print $3; exit }')
	[ -n "$mirror" ] ||
		die "apt has no 'deb' source for bookworm to take the mirror from: add one (for example deb http://deb.debian.org/debian bookworm main)"
	eval "$(apt-config shell dir Dir::Etc::sourceparts/d)"
	[ -d "${dir:-}" ] || die "apt's sources directory (Dir::Etc::sourceparts) '${dir:-}' is missing"
	file=${dir%/}/$(basename "$BPO_LIST")
	say "adding bookworm-backports from $mirror ($file)"
	tmp=$(mktemp "$dir/.struct-ops.XXXXXX")
	printf 'Types: deb\nURIs: %s\nSuites: bookworm-backports\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
		"$mirror" >"$tmp"
	chmod 644 "$tmp"
	mv -f "$tmp" "$file"
	targets=$(apt_targets 2>&1)
	if ! echo "$targets" | grep -q '^deb bookworm-backports '; then
		rm -f "$file"
		die "apt does not take the added source ($(echo "$targets" | head -n 1)): $file removed"
	fi
}

ensure_backports
# --sources (the set-up's tests): the apt sources step only
[ "${SETUP_SOURCES_ONLY:-0}" = 1 ] && exit 0

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
