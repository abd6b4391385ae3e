# SPDX-License-Identifier: GPL-2.0
#
# The second guest kernel and sched_ext (included by the Makefile).
#
# make test covers both Debian kernels: besides the default build (lts,
# build/), it builds the kit for the latest 7.x kernel (build/latest/, its
# modules in the Debian 13 root of vm/build-root, or natively on a Debian
# 13 host) and that kernel's own example sched_ext schedulers (scx_simple,
# scx_qmap, scx_central, scx_flatcg: vm/build-scx, cached beside the
# kernel); vm/run --scx carries them and the libraries they need.
#   make scx                  the schedulers of the latest kernel (or, with
#                             KERNEL=debug, of the debug kernel)
#   make KERNEL=latest        the kit for the latest kernel (make scx KERNEL=latest:
#                             its schedulers too; make test builds both)
#   make KERNEL=debug         the kit for the debug kernel, and its schedulers

.PHONY: scx latest-test-prep

SCX_KERNEL := $(if $(filter debug,$(KERNEL)),debug,latest)

scx: $(if $(filter debug latest,$(KERNEL)),$(KERNEL_OK))
	$(call msg,SCX,example sched_ext schedulers (vm/build-scx --kernel $(SCX_KERNEL)))
	$(Q)vm/build-scx --kernel $(SCX_KERNEL) >/dev/null

# The debug kernel's are part of its build; the latest kernel's are part
# of make test's (and make scx KERNEL=latest).
ifeq ($(KERNEL),debug)
all: scx
endif

ifeq ($(KERNEL),lts)
# The latest kernel's build of the kit, for the guest suite's second run,
# and its schedulers, for the sched_ext suite.
latest-test-prep:
	$(Q)$(MAKE) --no-print-directory KERNEL=latest all test-fixtures scx
test-run: latest-test-prep
endif
