# SPDX-License-Identifier: GPL-2.0
# Last: the kernel log of the whole run has no warning, bug, oops or
# refcount complaint.

t_begin "dmesg of the whole run: no WARNING, BUG, Oops, refcount_t"
# tests that clear the ring buffer save what they cleared in /tmp/dmesg.saved
bad=$( { cat /tmp/dmesg.saved 2>/dev/null; dmesg; } |
	grep -E 'WARNING|BUG|Oops|refcount_t|Call Trace|general protection' | head -n 3)
[ -z "$bad" ] || t_fail "$(echo "$bad" | tr '\n' '|')"
t_end
