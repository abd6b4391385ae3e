// SPDX-License-Identifier: GPL-2.0
/*
 * struct_ops doctor -t TYPE: what matters for a struct_ops type other than
 * the module's (no module, build or compiler checks): the kernel, the type
 * in its BTF, the registration of that type; for sched_ext_ops also
 * CONFIG_SCHED_CLASS_EXT, /sys/kernel/sched_ext, the current scheduler and
 * the last exit the kernel logged.
 */
#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>

#include "doctor.h"
#include "holders.h"
#include "registry.h"
#include "scx.h"
#include "snapshot.h"
#include "struct_ops.h"

void check_type_kernel(struct doctor *d)
{
	struct utsname u;
	int major = 0, minor = 0;

	uname(&u);
	sscanf(u.release, "%d.%d", &major, &minor);
	if (!scx_is_type(d->type) || major * 100 + minor >= 612)
		doctor_report(d, "kernel", OK, NULL, "%s", u.release);
	else
		doctor_report(d, "kernel", PROBLEM,
			      "use Linux 6.12 or later built with CONFIG_SCHED_CLASS_EXT=y (the kit's debug kernel: vm/build-kernel)",
			      "%s is older than 6.12, the first with sched_ext", u.release);
}

/* sched_ext's own view: its sysfs directory and what it says. */
static bool check_scx_sysfs(struct doctor *d, struct scx_sysfs *s)
{
	if (scx_sysfs_read(SCX_SYSFS, s))
		return doctor_report(d, "sched_ext", PROBLEM,
				     "use a kernel built with CONFIG_SCHED_CLASS_EXT=y",
				     "%s is missing: this kernel has no sched_ext", SCX_SYSFS);
	return doctor_report(d, "sched_ext", OK, NULL,
			     "%s: state %s, enable_seq %lld, nr_rejected %lld",
			     SCX_SYSFS, s->state, s->enable_seq, s->nr_rejected);
}

/* The registered map of the type: who holds it; for sched_ext, agreement. */
static void check_current(struct doctor *d, const struct scx_sysfs *s)
{
	const char *name = s ? "current scheduler" : "registration";
	const struct so_map *m;
	char holders[256];
	struct so_world w;

	if (!doctor_privileged()) {
		doctor_report(d, name, SKIP, NULL, "needs privileges");
		return;
	}
	if (so_world_collect(&w)) {
		doctor_report(d, name, SKIP, NULL, "cannot read BPF objects");
		return;
	}
	m = so_maps_find_registered(&w.maps, d->type);
	/* either of sched_ext's types is the current scheduler */
	if (!m && s)
		m = so_maps_find_registered(&w.maps, strcmp(d->type, SCX_TYPE) ? SCX_TYPE : SCX_TYPE_CID);
	if (m && !holders_find(&w.fds, m->id, m->link_id, holders,
			       sizeof(holders), NULL, 0))
		snprintf(holders, sizeof(holders), "no process");
	if (!s) {
		if (m)
			doctor_report(d, name, OK, NULL, "map %u '%s', %s %u, held by %s",
				      m->id, m->name, m->link_id ? "link" : "legacy, no link",
				      m->link_id, holders);
		else
			doctor_report(d, name, OK, NULL, "none registered");
	} else if (!strcmp(s->state, "enabled") && m) {
		doctor_report(d, name, OK, NULL, "'%s' (map %u '%s', link %u, held by %s)",
			      s->has_root ? s->root_ops : "?", m->id, m->name,
			      m->link_id, holders);
	} else if (!strcmp(s->state, "disabled") && !m) {
		doctor_report(d, name, OK, NULL, "none: every task runs in the fair class");
	} else if (!strcmp(s->state, "enabled") || !strcmp(s->state, "disabled")) {
		doctor_report(d, name, PROBLEM,
			      "look again in a second (a scheduler coming or going); if it stays, see dmesg",
			      "sched_ext is %s but %s",
			      s->state, m ? "a sched_ext_ops map is registered" :
			      "no sched_ext_ops map is registered");
	} else {
		doctor_report(d, name, OK, NULL, "sched_ext is %s a scheduler%s%s",
			      !strcmp(s->state, "enabling") ? "enabling" : "disabling",
			      s->has_root ? ": " : "", s->has_root ? s->root_ops : "");
	}
	so_world_free(&w);
}

/* History, not a fault of the system: always ok, says how the last one left. */
static void check_last_exit(struct doctor *d)
{
	const struct scx_event *ev;
	struct scx_history h;
	char line[512];

	scx_history_read(&h);
	if (h.err) {
		doctor_report(d, "last exit", SKIP, NULL,
			      "the kernel log (/dev/kmsg) cannot be read: %s", strerror(-h.err));
		return;
	}
	ev = scx_last_exit(&h);
	if (!ev) {
		doctor_report(d, "last exit", OK, NULL, "none in the kernel log");
		return;
	}
	scx_event_format(ev, -1, line, sizeof(line));
	doctor_report(d, "last exit", OK, NULL, "%s", line);
}

void check_type_unique(struct doctor *d, const char *type)
{
	char list[512];
	int n = so_type_owners(type, list, sizeof(list));

	if (n <= 1) {
		doctor_report(d, "type name", OK, NULL, "struct %s is defined once (%s)",
			      type, n == 1 ? list : "nowhere");
		return;
	}
	doctor_report(d, "type name", PROBLEM,
		      "unload the module(s) you do not mean, or give one of the types another name",
		      "struct %s is defined by %d kernel BTFs (%s): an implementation binds to the first, %.*s's (libbpf looks in vmlinux, then in modules in load order)",
		      type, n, list, (int)strcspn(list, ","), list);
}

void check_type(struct doctor *d)
{
	bool scx = scx_is_type(d->type), have = true;
	const char *cur = scx ? "current scheduler" : "registration";
	struct scx_sysfs s;
	char owner[64];

	/* one cause, one problem: without sched_ext the rest only follows */
	if (scx && !check_config(d, "SCHED_CLASS_EXT", doctor_exists(SCX_SYSFS), SCX_SYSFS,
				 "use a kernel built with CONFIG_SCHED_CLASS_EXT=y (Debian's 6.12 has none; the kit's debug kernel has: vm/build-kernel)")) {
		doctor_report(d, "type in BTF", SKIP, NULL, "needs CONFIG_SCHED_CLASS_EXT");
		doctor_report(d, "sched_ext", SKIP, NULL, "needs CONFIG_SCHED_CLASS_EXT");
		check_system(d);
		doctor_report(d, cur, SKIP, NULL, "needs CONFIG_SCHED_CLASS_EXT");
		return;
	}
	have = !so_type_find(d->type, owner, sizeof(owner));
	if (have) {
		doctor_report(d, "type in BTF", OK, NULL, "bpf_struct_ops_%s is in %s's BTF",
			      d->type, owner);
		check_type_unique(d, d->type);
	} else {
		doctor_report(d, "type in BTF", PROBLEM,
			      "load the module that defines it, or use a kernel that has it ('" PROG_NAME " types' lists this one's)",
			      "no BTF of this kernel defines bpf_struct_ops_%s", d->type);
		doctor_report(d, "type name", SKIP, NULL, "needs the type");
	}
	if (scx && !check_scx_sysfs(d, &s))
		have = false;
	check_system(d);
	if (!have)
		doctor_report(d, cur, SKIP, NULL, "needs the type and, for %s, %s",
			      SCX_TYPE, SCX_SYSFS);
	else
		check_current(d, scx ? &s : NULL);
	if (scx)
		check_last_exit(d);
}
