# SPDX-License-Identifier: GPL-2.0
# plan: 3
# scx_central, alone (tests/sched_ext/run runs it only with SCX_ALL=1):
# 6.12's scx_central has two faults that end it at random here, both
# reported by the kernel and shown by status: ops.init() runs in the
# enable helper kthread, so on the other CPU it fails with "init from
# non-central CPU" (sched_cycle pins the helper to CPU 0 against that),
# and it may dispatch a migration-disabled task to another CPU's local
# DSQ: "runtime error (error): SCX_DSQ_LOCAL[_ON] cannot move migration
# disabled sh[75] from CPU 1 to 0" (1 run in 5 that started here).

. tests/sched_ext/lib.sh

sched_cycle central central_select_cpu kill
