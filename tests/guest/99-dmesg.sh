# SPDX-License-Identifier: GPL-2.0
# plan: 1
# Last: the kernel log of the whole run has none of the failures that
# vm/failure-patterns lists (vm/run also scans every message as it arrives).

t_begin "dmesg of the whole run: no panic, Oops, BUG, WARNING, KASAN, UBSAN, lockdep or RCU report"
# tests that clear the ring buffer save what they cleared in /tmp/dmesg.saved
bad=$( { cat /tmp/dmesg.saved 2>/dev/null; dmesg; } | grep -E -f vm/failure-patterns | head -n 3)
[ -z "$bad" ] || t_fail "$(echo "$bad" | tr '\n' '|')"
t_end
