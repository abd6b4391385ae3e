# SPDX-License-Identifier: GPL-2.0
# plan: 3
# scx_flatcg, alone (tests/sched_ext/run runs it only with SCX_ALL=1):
# on the debug kernel under TCG it left a runnable struct_ops process
# unscheduled for 30 s or more in 5 of 7 runs (the kernel's RCU stall
# report at 21 s, then sched_ext's watchdog ejecting flatcg), which fails
# the whole guest run; see docs/DESIGN.md.

. tests/sched_ext/lib.sh

sched_cycle flatcg fcg_cgroup_set_weight detach
