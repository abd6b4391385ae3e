#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# scripts/setup-host.sh's apt step against scratch apt roots with odd
# source files (options in one-line entries, deb822, comments, disabled
# stanzas, files apt ignores, malformed entries), on Debian 12 and 13 (a
# stand-in os-release) and on a system that is neither; what each release
# and make target installs (--list). Nothing touches the machine's own apt
# configuration.
set -u
cd "$(dirname "$0")/../.."

. tests/host/lib.sh

SETUP=scripts/setup-host.sh
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# A scratch apt root in $tmp/$1; APT_CONFIG points apt at it.
scratch() {
	root=$tmp/$1
	mkdir -p "$root"/etc/sources.list.d "$root"/etc/preferences.d \
		"$root"/etc/apt.conf.d "$root"/state/lists/partial "$root"/cache/archives/partial
	: >"$root/etc/sources.list"
	printf 'Dir::Etc "%s/etc";\nDir::State "%s/state";\nDir::Cache "%s/cache";\n' \
		"$root" "$root" "$root" >"$root/apt.conf"
	export APT_CONFIG=$root/apt.conf
}

targets() {
	apt-get indextargets --no-release-info --format '$(TARGET_OF) $(RELEASE) $(REPO_URI)' | sort -u
}

printf 'PRETTY_NAME="Debian GNU/Linux 13 (trixie)"\nNAME="Debian GNU/Linux"\nVERSION_ID="13"\nVERSION_CODENAME=trixie\nID=debian\n' \
	>"$tmp/os13"
printf 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nVERSION_CODENAME=bookworm\nID=debian\n' \
	>"$tmp/os12"

# Debian 12 unless the test says otherwise, whatever the host runs
run_setup() {	# writes $tmp/out, $tmp/err; returns the exit status
	SETUP_OS_RELEASE=${SETUP_OS_RELEASE:-$tmp/os12} "$SETUP" --sources >"$tmp/out" 2>"$tmp/err"
}

added=struct-ops-backports.sources

t_begin "one-line entry with [options], a commented and an ignored backports line"
scratch oneline
cat >"$root/etc/sources.list" <<'EOF'
# deb http://deb.debian.org/debian bookworm-backports main
deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg arch=amd64] http://mirror.example.net/debian bookworm main
deb http://security.example.net/debian-security bookworm-security main
EOF
echo 'deb http://deb.debian.org/debian bookworm-backports main' \
	>"$root/etc/sources.list.d/old.list.disabled"
run_setup; expect_eq $? 0 "exit status"
expect_in "$tmp/err" "adding bookworm-backports from http://mirror.example.net/debian/"
expect_in "$root/etc/sources.list.d/$added" "URIs: http://mirror.example.net/debian/"
targets >"$tmp/t" 2>&1 || t_fail "apt cannot read the result: $(cat "$tmp/t")"
expect_in "$tmp/t" "deb bookworm-backports http://mirror.example.net/debian/"
expect_not_in "$tmp/t" "[signed-by"
sum=$(md5sum <"$root/etc/sources.list.d/$added")
run_setup; expect_eq $? 0 "exit status, second run"
expect_eq "$(md5sum <"$root/etc/sources.list.d/$added")" "$sum" "the file after a second run"
expect_not_in "$tmp/err" "adding"
expect_eq "$(ls -A "$root/etc/sources.list.d" | tr '\n' ' ')" "old.list.disabled $added " "files in sources.list.d"
t_end

t_begin "deb822 sources: several URIs and suites, a disabled backports stanza"
scratch deb822
cat >"$root/etc/sources.list.d/debian.sources" <<'EOF'
Types: deb deb-src
URIs: http://one.example.net/debian http://two.example.net/debian
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

# kept for later
Enabled: no
Types: deb
URIs: http://one.example.net/debian
Suites: bookworm-backports
Components: main
EOF
run_setup; expect_eq $? 0 "exit status"
expect_in "$root/etc/sources.list.d/$added" "URIs: http://one.example.net/debian/"
targets >"$tmp/t" 2>&1
expect_in "$tmp/t" "deb bookworm-backports http://one.example.net/debian/"
t_end

t_begin "backports already configured: nothing is written"
scratch present
printf 'deb http://deb.debian.org/debian bookworm main\ndeb http://deb.debian.org/debian bookworm-backports main\n' \
	>"$root/etc/sources.list"
run_setup; expect_eq $? 0 "exit status"
[ -e "$root/etc/sources.list.d/$added" ] && t_fail "a file was added"
t_end

t_begin "malformed sources, or no bookworm source: one clear error, nothing written"
scratch malformed
echo 'deb [signed-by=/x bookworm main' >"$root/etc/sources.list"
run_setup; expect_eq $? 1 "exit status (malformed)"
expect_in "$tmp/err" "setup: error: apt cannot read its sources ("
expect_in "$tmp/err" "): fix them first"
expect_lines "$tmp/err" 1
scratch nobookworm
echo 'deb http://deb.debian.org/debian trixie main' >"$root/etc/sources.list"
run_setup; expect_eq $? 1 "exit status (no bookworm source)"
expect_in "$tmp/err" "apt has no 'deb' source for bookworm to take the mirror from"
for d in malformed nobookworm; do
	[ -z "$(ls -A "$tmp/$d/etc/sources.list.d")" ] || t_fail "$d: a file was left: $(ls -A "$tmp/$d/etc/sources.list.d")"
done
t_end

t_begin "Debian 13: trixie-backports is added from the trixie mirror (deb822), once"
scratch trixie
cat >"$root/etc/sources.list.d/debian.sources" <<'EOF2'
Types: deb
URIs: http://mirror.example.net/debian
Suites: trixie trixie-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF2
SETUP_OS_RELEASE=$tmp/os13 run_setup; expect_eq $? 0 "exit status"
expect_in "$tmp/err" "adding trixie-backports from http://mirror.example.net/debian/"
targets >"$tmp/t" 2>&1 || t_fail "apt cannot read the result: $(cat "$tmp/t")"
expect_in "$tmp/t" "deb trixie-backports http://mirror.example.net/debian/"
expect_not_in "$tmp/t" "bookworm"
sum=$(md5sum <"$root/etc/sources.list.d/$added")
SETUP_OS_RELEASE=$tmp/os13 run_setup; expect_eq $? 0 "exit status, second run"
expect_eq "$(md5sum <"$root/etc/sources.list.d/$added")" "$sum" "the file after a second run"
t_end

t_begin "Debian 13 with only a bookworm source: names trixie, writes nothing"
scratch trixie-none
echo 'deb http://deb.debian.org/debian bookworm main' >"$root/etc/sources.list"
SETUP_OS_RELEASE=$tmp/os13 run_setup; expect_eq $? 1 "exit status"
expect_in "$tmp/err" "apt has no 'deb' source for trixie to take the mirror from"
expect_lines "$tmp/err" 1
[ -z "$(ls -A "$root/etc/sources.list.d")" ] || t_fail "a file was added"
t_end

# What each release and target installs (--list: "PACKAGE SUITE").
list() {	# OS SET...: the list in $tmp/l
	local os=$1
	shift
	SETUP_OS_RELEASE=$tmp/$os "$SETUP" --list $(printf -- '--for %s ' "$@") >"$tmp/l" 2>"$tmp/err"
}

t_begin "make demo's set is the build and the guest only: no generator, packaging, test or bench tools"
for os in os12 os13; do
	list $os demo; expect_eq $? 0 "exit status ($os)"
	for p in gcc clang-19 libbpf-dev bpftool busybox-static qemu-system-x86 dwarves; do
		grep -q "^$p " "$tmp/l" || t_fail "$os: demo's set lacks $p"
	done
	for p in libclang-19-dev lintian dkms dh-dkms debhelper valgrind gnuplot-nox linux-source-6.12 libclang-rt-19-dev debootstrap clang; do
		grep -q "^$p " "$tmp/l" && t_fail "$os: demo's set has $p"
	done
done
t_end

t_begin "each target its own set; make test's holds all the others'"
for os in os12 os13; do
	list $os test; sort "$tmp/l" >"$tmp/test.$os"
	for set in demo new bench deb; do
		list $os $set
		sort "$tmp/l" | comm -23 - "$tmp/test.$os" >"$tmp/extra"
		[ -s "$tmp/extra" ] && t_fail "$os: $set needs what test's set lacks: $(tr '\n' ' ' <"$tmp/extra")"
	done
	list $os new; grep -q "^libclang-19-dev " "$tmp/l" || t_fail "$os: new's set lacks libclang-19-dev"
	list $os deb; grep -q "^lintian " "$tmp/l" || t_fail "$os: deb's set lacks lintian"
	list $os bench; grep -q "^gnuplot-nox " "$tmp/l" || t_fail "$os: bench's set lacks gnuplot-nox"
done
SETUP_OS_RELEASE=$tmp/os12 "$SETUP" --list --for frob >"$tmp/l" 2>"$tmp/err"; expect_eq $? 1 "exit status (--for frob)"
expect_in "$tmp/err" "unknown set 'frob' (--for takes demo, new, bench, deb or test)"
expect_lines "$tmp/err" 1
t_end

t_begin "the two releases: what comes from where"
list os12 test
expect_in "$tmp/l" "libbpf-dev bookworm-backports"
expect_in "$tmp/l" "bpftool bookworm-backports"
expect_in "$tmp/l" "clang bookworm"
expect_in "$tmp/l" "debootstrap bookworm"
expect_not_in "$tmp/l" "linux-headers-7"
list os13 test
expect_in "$tmp/l" "libbpf-dev trixie"
expect_in "$tmp/l" "bpftool trixie"
expect_in "$tmp/l" "linux-headers-7.*-amd64 trixie-backports"
expect_not_in "$tmp/l" "clang trixie"
expect_not_in "$tmp/l" "debootstrap"
expect_not_in "$tmp/l" "bookworm"
t_end

t_begin "neither Debian 12 nor 13: it says so and stops"
scratch other
printf 'PRETTY_NAME="Ubuntu 24.04 LTS"\nID=ubuntu\nVERSION_ID="24.04"\n' >"$tmp/os-release"
SETUP_OS_RELEASE=$tmp/os-release run_setup; expect_eq $? 1 "exit status"
expect_in "$tmp/err" "this set-up supports Debian 12 (bookworm) and Debian 13 (trixie), and this is Ubuntu 24.04 LTS"
expect_lines "$tmp/err" 1
[ -z "$(ls -A "$root/etc/sources.list.d")" ] || t_fail "a file was added"
SETUP_OS_RELEASE=$tmp/os-release "$SETUP" --list >"$tmp/l" 2>"$tmp/err"; expect_eq $? 1 "exit status (--list)"
expect_in "$tmp/err" "and this is Ubuntu 24.04 LTS"
t_end
