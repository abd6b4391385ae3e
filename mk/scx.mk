# SPDX-License-Identifier: GPL-2.0
#
# sched_ext (included by the Makefile): the debug kernel's own example
# schedulers (scx_simple, scx_qmap, scx_central, scx_flatcg), built by
# vm/build-scx, statically, cached beside the debug kernel; vm/run --scx
# carries them. The sched_ext suite (tests/sched_ext/) needs them, the
# debug kernel and the kit built for it:
#   make scx                  the schedulers (needs vm/build-kernel's kernel)
#   make KERNEL=debug         the kit for the debug kernel, and the schedulers
#   make test                 also builds both when the debug kernel is cached;
#                             the suite says it skipped when it is not

.PHONY: scx scx-test-prep

scx: $(if $(filter debug,$(KERNEL)),$(KERNEL_OK))
	$(call msg,SCX,example sched_ext schedulers (vm/build-scx))
	$(Q)vm/build-scx >/dev/null

ifeq ($(KERNEL),debug)
all: scx
else
# Never builds the debug kernel (20+ minutes): only uses a cached one.
scx-test-prep:
	$(Q)if vm/build-kernel --print >/dev/null 2>&1; then \
		$(MAKE) --no-print-directory KERNEL=debug all test-fixtures; \
	else \
		echo "  SKIP     sched_ext suite: no debug kernel cached (vm/build-kernel)"; \
	fi
test-run: scx-test-prep
endif
