#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Install what a make target needs on a Debian 12 (bookworm) or Debian 13
# (trixie) host, from that release's own suites. Idempotent: when
# everything is present it prints one line and returns.
#
#   --for SET      demo, new, bench, deb or test (repeatable; default test,
#                  which is everything make test uses): each target installs
#                  its own set, once
#   --debug-kernel also what vm/build-kernel needs (kernel source and tools)
#   --check        install nothing: exit 1 naming what is missing (a plain
#                  'make' checks; make deps/demo/test install)
#   --sources      only make sure apt has the backports suite (APT_CONFIG may
#                  point apt at a scratch root: tests/host/setup.sh)
#   --list         print the packages the sets need on this release, one
#                  per line ("PACKAGE SUITE"), and install nothing
#
# Everything that differs between the two releases is decided in release()
# below, from /etc/os-release (SETUP_OS_RELEASE: the tests' stand-in).
set -euo pipefail

say() { printf 'setup: %s\n' "$*" >&2; }
die() { printf 'setup: error: %s\n' "$*" >&2; exit 1; }

# The build of the module, BPF objects and struct_ops (every target).
# clang-19 builds the BPF objects: clang 14 (Debian 12's default clang)
# turns common clamps into code the 6.12 verifier refuses (docs/DESIGN.md).
BUILD_PKGS=(make gcc clang-19 llvm libc6-dev pkg-config zlib1g-dev libzstd-dev
	    libelf-dev dwarves kmod libbpf-dev bpftool)
# The guest: QEMU, an initramfs of busybox and the kit, the kernel download.
DEMO_PKGS=(busybox-static cpio qemu-system-x86 xz-utils ca-certificates)
# struct_ops new: the C API it reads headers with; xxhash keys its cache.
NEW_PKGS=(libclang-19-dev libxxhash-dev)
# make bench: its plots.
BENCH_PKGS=(gnuplot-nox python3)
# make deb: the packages and their checks.
DEB_PKGS=(debhelper dh-dkms dkms dpkg-dev fakeroot lintian scdoc man-db bash-completion)
# make test, besides all of the above: libFuzzer's runtime (make fuzz),
# valgrind (make check), linux-source-6.12 (checkpatch.pl: make test checks
# what new writes), the tests' own tools.
TEST_PKGS=(libclang-rt-19-dev valgrind linux-source-6.12 python3 iproute2 procps)
# For the debug guest kernel (vm/build-kernel), on request.
DEBUG_PKGS=(flex bison bc libssl-dev linux-source-6.12)

BPO_LIST=/etc/apt/sources.list.d/struct-ops-backports.sources

# release: what differs between Debian 12 and 13, in one place.
#   SUITE      the release's suite; its -backports is added when needed
#   BPO_PKGS   what must come from backports
#   KEEP_PKGS  what must stay at the release's own version meanwhile
#   TEST_REL   the test set's release-specific part
#   LATEST_HDR make test's 7.x kernel (guest "latest") builds its modules
#              natively (13) or in a Debian 13 root (12: vm/build-root)
release() {
	local os_release=${SETUP_OS_RELEASE:-/etc/os-release}
	os_id=$(. "$os_release" 2>/dev/null; echo "${ID:-}:${VERSION_ID:-}")
	os_name=$(. "$os_release" 2>/dev/null; echo "${PRETTY_NAME:-an unknown system}")
	case "$os_id" in
	debian:12)
		SUITE=bookworm
		# libbpf >= 1.4 (module-defined struct_ops types) and
		# bpftool >= 7.5: bookworm has 1.1 and 7.1
		BPO_PKGS=(libbpf-dev bpftool)
		# ...whose libelf-dev would come from backports too (0.192),
		# and bookworm's libdw1 (0.188: dwarves, llvm) needs libelf1
		# at exactly its own version: keep bookworm's
		KEEP_PKGS=(libelf-dev libelf1)
		# clang (14): the test that shows what clang 14 gets wrong;
		# debootstrap: the Debian 13 root for the 7.x kernel's modules
		TEST_REL=(clang debootstrap)
		LATEST_HDR=0
		;;
	debian:13)
		SUITE=trixie
		# trixie has libbpf 1.5 and bpftool 7.5 itself
		BPO_PKGS=()
		KEEP_PKGS=()
		# no clang-14 in Debian 13 (its default clang is 19);
		# the 7.x headers are installed here (below)
		TEST_REL=()
		LATEST_HDR=1
		;;
	*)
		SUITE=
		;;
	esac
}

sets=()
list=0
check=0
sources_only=0
debug=0
while [ $# -gt 0 ]; do
	case "$1" in
	--for)
		[ $# -ge 2 ] || die "--for needs a set: demo, new, bench, deb or test"
		case "$2" in
		demo|new|bench|deb|test) sets+=("$2") ;;
		*) die "unknown set '$2' (--for takes demo, new, bench, deb or test)" ;;
		esac
		shift 2 ;;
	--debug-kernel) debug=1; shift ;;
	--check) check=1; shift ;;
	--sources) sources_only=1; shift ;;
	--list) list=1; shift ;;
	*) die "unknown argument '$1' (takes --for SET, --check, --list, --debug-kernel and --sources)" ;;
	esac
done
[ ${#sets[@]} -gt 0 ] || sets=(test)
release

# The packages the chosen sets need on this release.
want=("${BUILD_PKGS[@]}")
latest=0
for s in "${sets[@]}"; do
	case "$s" in
	demo) want+=("${DEMO_PKGS[@]}") ;;
	new) want+=("${NEW_PKGS[@]}") ;;
	bench) want+=("${DEMO_PKGS[@]}" "${BENCH_PKGS[@]}") ;;
	deb) want+=("${NEW_PKGS[@]}" "${DEB_PKGS[@]}") ;;
	test) want+=("${DEMO_PKGS[@]}" "${NEW_PKGS[@]}" "${BENCH_PKGS[@]}" "${DEB_PKGS[@]}"
		     "${TEST_PKGS[@]}" ${TEST_REL[@]+"${TEST_REL[@]}"})
	      latest=${LATEST_HDR:-0} ;;
	esac
done
[ "$debug" = 0 ] || want+=("${DEBUG_PKGS[@]}")
mapfile -t want < <(printf '%s\n' "${want[@]}" | awk '!seen[$0]++')

unsupported() {
	die "this set-up supports Debian 12 (bookworm) and Debian 13 (trixie), and this is $os_name: install the equivalents of ${want[*]} (libbpf-dev >= 1.4, bpftool >= 7.5) yourself, then run 'make all'"
}
if [ "$list" = 1 ]; then
	[ -n "$SUITE" ] || unsupported
	for p in "${want[@]}"; do
		case " ${BPO_PKGS[*]-} " in
		*" $p "*) echo "$p $SUITE-backports" ;;
		*) echo "$p $SUITE" ;;
		esac
	done
	for p in ${KEEP_PKGS[@]+"${KEEP_PKGS[@]}"}; do
		echo "$p $SUITE"
	done
	[ "$latest" = 0 ] || echo "linux-headers-7.*-amd64 $SUITE-backports"
	exit 0
fi

installed() {
	dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}
# The newest installed 7.x headers (Debian 13: make test's latest guest).
latest_headers() {
	dpkg-query -W -f='${Package} ${Status}\n' 'linux-headers-7.*-amd64' 2>/dev/null |
		awk '/install ok installed/ { print $1 }' | grep -v -- '-common' | sort -V | tail -n 1
}

missing() {
	local p
	for p in "${want[@]}"; do
		installed "$p" || printf ' %s' "$p"
	done
	if installed libbpf-dev &&
	   ! dpkg --compare-versions "$(dpkg-query -W -f='${Version}' libbpf-dev)" ge 1:1.4; then
		printf ' libbpf-dev(>=1.4)'
	fi
	if installed bpftool &&
	   ! dpkg --compare-versions "$(dpkg-query -W -f='${Version}' bpftool)" ge 7.5; then
		printf ' bpftool(>=7.5)'
	fi
	if [ "$latest" = 1 ] && [ -z "$(latest_headers)" ]; then
		printf ' linux-headers-7.*-amd64'
	fi
}

if [ "$sources_only" = 0 ]; then
	gone=$(missing)
	if [ -z "$gone" ]; then
		[ "$check" = 1 ] ||
			say "host packages present for ${sets[*]} (libbpf-dev $(dpkg-query -W -f='${Version}' libbpf-dev), bpftool $(dpkg-query -W -f='${Version}' bpftool))"
		exit 0
	fi
	# --check (a plain 'make'): building never changes the system
	[ "$check" = 0 ] ||
		die "packages missing or too old:$gone: run 'make deps' as root (it installs them)"
	[ "$(id -u)" -eq 0 ] || die "packages missing:$gone, and not root: run 'make deps' as root"
fi

[ -n "$SUITE" ] || unsupported

# apt's own view of its sources (one-line and deb822 files, Enabled: no,
# comments and ignored file names all handled by apt itself): "TYPE SUITE URI".
apt_targets() {
	apt-get indextargets --no-release-info --format '$(TARGET_OF) $(RELEASE) $(REPO_URI)' | sort -u
}

ensure_backports() {
	local targets mirror dir file tmp bpo=$SUITE-backports
	targets=$(apt_targets 2>&1) ||
		die "apt cannot read its sources ($(echo "$targets" | head -n 1)): fix them first"
	if echo "$targets" | grep -q "^deb $bpo "; then
		return 0
	fi
	mirror=$(echo "$targets" | awk -v s="$SUITE" '$1 == "deb" && $2 == s { print $3; exit }')
	[ -n "$mirror" ] ||
		die "apt has no 'deb' source for $SUITE to take the mirror from: add one (for example deb http://deb.debian.org/debian $SUITE main)"
	eval "$(apt-config shell dir Dir::Etc::sourceparts/d)"
	[ -d "${dir:-}" ] || die "apt's sources directory (Dir::Etc::sourceparts) '${dir:-}' is missing"
	file=${dir%/}/$(basename "$BPO_LIST")
	say "adding $bpo from $mirror ($file)"
	tmp=$(mktemp "$dir/.struct-ops.XXXXXX")
	printf 'Types: deb\nURIs: %s\nSuites: %s\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
		"$mirror" "$bpo" >"$tmp"
	chmod 644 "$tmp"
	mv -f "$tmp" "$file"
	targets=$(apt_targets 2>&1)
	if ! echo "$targets" | grep -q "^deb $bpo "; then
		rm -f "$file"
		die "apt does not take the added source ($(echo "$targets" | head -n 1)): $file removed"
	fi
}

# Debian 12 needs backports for libbpf and bpftool; Debian 13 for the 7.x
# kernel only (make test).
[ ${#BPO_PKGS[@]} -gt 0 ] || [ "$latest" = 1 ] || [ "$sources_only" = 1 ] || NO_BPO=1
[ "${NO_BPO:-0}" = 1 ] || ensure_backports
# --sources (the set-up's tests): the apt sources step only
[ "$sources_only" = 0 ] || exit 0

export DEBIAN_FRONTEND=noninteractive
APT=(apt-get -o DPkg::Lock::Timeout=600 -y -q)
start=$(date +%s)
say "apt-get update"
"${APT[@]}" update >/dev/null
if [ ${#BPO_PKGS[@]} -gt 0 ]; then
	keep=()
	for p in ${KEEP_PKGS[@]+"${KEEP_PKGS[@]}"}; do
		keep+=("$p/$SUITE")
	done
	say "installing ${BPO_PKGS[*]} from $SUITE-backports${keep[*]+ (with ${keep[*]})}"
	# (--allow-downgrades: a libelf already taken from backports goes back)
	"${APT[@]}" install --no-install-recommends --allow-downgrades -t "$SUITE-backports" \
		"${BPO_PKGS[@]}" ${keep[@]+"${keep[@]}"} >/dev/null
fi
say "installing ${want[*]}"
"${APT[@]}" install --no-install-recommends "${want[@]}" >/dev/null
if [ "$latest" = 1 ] && [ -z "$(latest_headers)" ]; then
	# make test's latest guest: Debian's newest 7.x, whose modules build
	# here with this release's gcc-14 (vm/build-root: the root is /)
	kver=$(apt-cache search --names-only '^linux-headers-7\.[0-9]+\.[0-9]+\+deb13-amd64$' |
		awk '{ sub(/^linux-headers-/, "", $1); print $1 }' | sort -V | tail -n 1)
	[ -n "$kver" ] || die "no linux-headers-7.*+deb13-amd64 in $SUITE-backports"
	src=linux-source-$(echo "$kver" | cut -d. -f1-2)
	say "installing linux-headers-$kver and $src from $SUITE-backports (about 250 MB)"
	"${APT[@]}" install --no-install-recommends -t "$SUITE-backports" \
		"linux-headers-$kver" "$src" >/dev/null
fi
gone=$(missing)
[ -z "$gone" ] || die "still missing after apt-get install:$gone"
say "done in $(( $(date +%s) - start )) s"
