# SPDX-License-Identifier: GPL-2.0
#
# Installing and packaging (included by the Makefile):
#
#   make install      struct_ops, struct_ops-new (the generator 'struct_ops
#                     new' runs, beside struct_ops), struct_ops(8) and
#                     struct_ops-new(8), the bash completion, into
#                     $(DESTDIR)$(PREFIX) (PREFIX defaults to /usr/local)
#   make uninstall    remove exactly what install put there
#   make man          build/man/struct_ops.8 from packaging/struct_ops.8.scd (scdoc)
#   make install-dkms the module's source and dkms.conf into
#                     $(DESTDIR)/usr/src/struct-ops-VERSION, for dkms add/build/install
#   make uninstall-dkms  remove that directory
#   make dkms-src     the same tree in build/dkms/src (the tests' DKMS source tree)
#   make deb          build/deb/struct-ops_VERSION_amd64.deb (program, man
#                     page, completion), struct-ops-new_VERSION_amd64.deb
#                     (struct_ops-new) and struct-ops-dkms_VERSION_all.deb,
#                     with dpkg-buildpackage; DEB_REUSE=0 builds from scratch
#   make deb-test     tests/host/deb.sh: make deb, then lintian, contents, a scratch root
#
# The version is packaging/VERSION, and only there.

VERSION      := $(shell cat packaging/VERSION)
PREFIX       ?= /usr/local
SBINDIR      ?= $(PREFIX)/sbin
MANDIR       ?= $(PREFIX)/share/man
BASHCOMPDIR  ?= $(PREFIX)/share/bash-completion/completions
# DKMS looks for its sources in /usr/src whatever the PREFIX.
DKMS_NAME    := struct-ops
DKMS_DIR     := /usr/src/$(DKMS_NAME)-$(VERSION)
DKMS_SOURCES := $(MODULE_SRCS)
MAN          := $(OUT)/man/struct_ops.8
# struct_ops-new(8) is '.so man8/struct_ops.8': man shows struct_ops(8)
MAN_NEW      := packaging/struct_ops-new.8
COMPLETION   := packaging/struct_ops.bash-completion
INSTALL      ?= install

.PHONY: install uninstall man install-dkms install-dkms-src uninstall-dkms dkms-src deb deb-test

man: $(MAN)

$(MAN): packaging/struct_ops.8.scd
	$(call msg,SCDOC,$@)
	$(Q)mkdir -p $(dir $@)
	$(Q)command -v scdoc >/dev/null || { echo "Error: scdoc is missing: run 'make deps' as root (it installs it)"; exit 1; }
	$(Q)scdoc <$< >$@.tmp && mv $@.tmp $@

# struct_ops runs the struct_ops-new in its own directory: both go in SBINDIR.
install: $(PROG) $(GEN_PROG) $(MAN)
	$(call msg,INSTALL,$(DESTDIR)$(PREFIX))
	$(Q)$(INSTALL) -d -m 0755 $(DESTDIR)$(SBINDIR) $(DESTDIR)$(MANDIR)/man8 $(DESTDIR)$(BASHCOMPDIR)
	$(Q)$(INSTALL) -m 0755 $(PROG) $(DESTDIR)$(SBINDIR)/struct_ops
	$(Q)$(INSTALL) -m 0755 $(GEN_PROG) $(DESTDIR)$(SBINDIR)/struct_ops-new
	$(Q)$(INSTALL) -m 0644 $(MAN) $(DESTDIR)$(MANDIR)/man8/struct_ops.8
	$(Q)$(INSTALL) -m 0644 $(MAN_NEW) $(DESTDIR)$(MANDIR)/man8/struct_ops-new.8
	$(Q)$(INSTALL) -m 0644 $(COMPLETION) $(DESTDIR)$(BASHCOMPDIR)/struct_ops

uninstall:
	$(call msg,UNINST,$(DESTDIR)$(PREFIX))
	$(Q)rm -f $(DESTDIR)$(SBINDIR)/struct_ops $(DESTDIR)$(SBINDIR)/struct_ops-new \
		$(DESTDIR)$(MANDIR)/man8/struct_ops.8 $(DESTDIR)$(MANDIR)/man8/struct_ops-new.8 \
		$(DESTDIR)$(BASHCOMPDIR)/struct_ops

# The module's source, as DKMS builds it (dh_dkms adds dkms.conf itself).
install-dkms-src:
	$(Q)$(INSTALL) -d -m 0755 $(DESTDIR)$(DKMS_DIR)
	$(Q)$(INSTALL) -m 0644 $(DKMS_SOURCES) $(DESTDIR)$(DKMS_DIR)/

install-dkms: install-dkms-src
	$(call msg,INSTALL,$(DESTDIR)$(DKMS_DIR))
	$(Q)sed 's/#MODULE_VERSION#/$(VERSION)/' packaging/dkms/dkms.conf >$(DESTDIR)$(DKMS_DIR)/dkms.conf
	$(Q)chmod 0644 $(DESTDIR)$(DKMS_DIR)/dkms.conf
	$(Q)[ -n "$(DESTDIR)" ] || echo "then: dkms install $(DKMS_NAME)/$(VERSION) (as root; -k KERNEL for another kernel)"

uninstall-dkms:
	$(call msg,UNINST,$(DESTDIR)$(DKMS_DIR))
	$(Q)rm -f $(addprefix $(DESTDIR)$(DKMS_DIR)/,dkms.conf $(notdir $(DKMS_SOURCES)))
	$(Q)! [ -d $(DESTDIR)$(DKMS_DIR) ] || rmdir $(DESTDIR)$(DKMS_DIR)

# --source-tree for 'dkms --sourcetree build/dkms/src': build/dkms/src/struct-ops-VERSION
dkms-src:
	$(Q)rm -rf $(OUT)/dkms/src
	$(Q)$(MAKE) --no-print-directory install-dkms DESTDIR=$(abspath $(OUT)/dkms/stage) Q=$(Q)
	$(Q)mkdir -p $(OUT)/dkms/src
	$(Q)mv $(OUT)/dkms/stage$(DKMS_DIR) $(OUT)/dkms/src/
	$(Q)rm -rf $(OUT)/dkms/stage

# --- Debian packages ----------------------------------------------------------
# dpkg-buildpackage runs in a copy of the sources (build/deb/struct-ops-VERSION,
# with packaging/debian as debian/) and leaves the .deb files in build/deb.
# With DEB_REUSE=1 (the default) the copy starts from this tree's BPF
# objects and vmlinux.h (timestamps kept: built the same way, whatever the
# C flags), so the package build compiles only the C program, with
# Debian's flags; DEB_REUSE=0 compiles everything again.
DEB_DIR     := $(OUT)/deb
DEB_SRC     := $(DEB_DIR)/$(DKMS_NAME)-$(VERSION)
DEB_REUSE   ?= 1
DEB_COPY    := Makefile mk src bpf module scripts packaging README.md docs
DEB_ARCH    := $(shell dpkg --print-architecture 2>/dev/null)
DEB_FILES   := $(DEB_DIR)/$(DKMS_NAME)_$(VERSION)_$(DEB_ARCH).deb \
	       $(DEB_DIR)/$(DKMS_NAME)-new_$(VERSION)_$(DEB_ARCH).deb \
	       $(DEB_DIR)/$(DKMS_NAME)-dkms_$(VERSION)_all.deb
ifeq ($(DEB_REUSE),1)
DEB_PREREQ  := $(BPF_OBJS) $(OUT)/vmlinux.h $(OUT)/.deps-new-ok
endif

deb: $(DEB_PREREQ)
	$(call msg,DEB,$(DEB_FILES))
	$(Q)command -v dpkg-buildpackage dh dh_dkms >/dev/null || \
		{ echo "Error: dpkg-dev, debhelper or dh-dkms is missing: run 'make deps' as root"; exit 1; }
	$(Q)rm -rf $(DEB_DIR) && mkdir -p $(DEB_SRC)/vm
	$(Q)cp -a $(DEB_COPY) $(DEB_SRC)/ && cp -a vm/fetch-kernel $(DEB_SRC)/vm/
	$(Q)cp -a packaging/debian $(DEB_SRC)/debian
	$(Q)sed 's/@VERSION@/$(VERSION)/' packaging/debian/changelog.in >$(DEB_SRC)/debian/changelog && \
		rm $(DEB_SRC)/debian/changelog.in
	$(Q)if [ "$(DEB_REUSE)" = 1 ]; then mkdir -p $(DEB_SRC)/build && \
		cp -a $(OUT)/.deps-ok $(OUT)/.deps-new-ok $(OUT)/vmlinux.h $(DEB_SRC)/build/ && \
		mkdir -p $(DEB_SRC)/build/bpf && cp -a $(BPF_OBJS) $(DEB_SRC)/build/bpf/; fi
	$(Q)cd $(DEB_SRC) && dpkg-buildpackage -b -us -uc --no-pre-clean >../build.log 2>&1 || \
		{ tail -n 40 ../build.log; echo "Error: dpkg-buildpackage failed: the whole log is $(DEB_DIR)/build.log"; exit 1; }
	$(Q)ls $(DEB_FILES) >/dev/null

deb-test:
	$(Q)tests/host/deb.sh
