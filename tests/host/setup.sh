#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# scripts/setup-host.sh's apt step against scratch apt roots with odd
# source files (options in one-line entries, deb822, comments, disabled
# stanzas, files apt ignores, malformed entries), and on a system that is
# not Debian 12. Nothing touches the machine's own apt configuration.
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

run_setup() {	# writes $tmp/out, $tmp/err; returns the exit status
	"$SETUP" --sources >"$tmp/out" 2>"$tmp/err"
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

t_begin "not Debian 12: it says so and stops"
scratch other
printf 'PRETTY_NAME="Ubuntu 24.04 LTS"\nID=ubuntu\nVERSION_ID="24.04"\n' >"$tmp/os-release"
SETUP_OS_RELEASE=$tmp/os-release run_setup; expect_eq $? 1 "exit status"
expect_in "$tmp/err" "this set-up supports Debian 12 (bookworm) only, and this is Ubuntu 24.04 LTS"
[ -z "$(ls -A "$root/etc/sources.list.d")" ] || t_fail "a file was added"
t_end
