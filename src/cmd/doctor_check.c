// SPDX-License-Identifier: GPL-2.0
/*
 * struct_ops doctor's shared checks, which doctor.c, doctor_type.c and
 * doctor_build.c call (this file calls none of them): how one check is
 * reported (ok, problem, skip), CONFIG_* with its evidence, and the
 * system's part every doctor run ends with: libbpf, bpffs, privileges,
 * lingering registrations.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <unistd.h>

#include <bpf/libbpf.h>

#include "doctor.h"
#include "escape.h"
#include "json.h"
#include "kconfig.h"
#include "snapshot.h"
#include "struct_ops.h"

#define BPF_FS_MAGIC	0xcafe4a11
#define CAP_SYS_ADMIN	21
#define CAP_PERFMON	38
#define CAP_BPF		39

/* Print one check; returns verdict == OK, so callers can chain on it. */
bool doctor_report(struct doctor *d, const char *name, enum verdict v,
		   const char *fix, const char *fmt, ...)
{
	static const char *const words[] = { "ok", "problem", "skip" };
	char raw[512], msg[4 * sizeof(raw)];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(raw, sizeof(raw), fmt, ap);
	va_end(ap);
	str_sanitize(msg, sizeof(msg), raw);
	if (v == PROBLEM)
		d->problems++;
	if (g_opts.json) {
		json_begin_object(&d->j);
		json_kv_string(&d->j, "check", name);
		json_kv_string(&d->j, "status", words[v]);
		json_kv_string(&d->j, "message", raw);
		json_key(&d->j, "fix");
		if (v == PROBLEM && fix)
			json_string(&d->j, fix);
		else
			json_null(&d->j);
		json_end_object(&d->j);
	} else if (v == PROBLEM && fix) {
		printf("%-8s %s: %s; fix: %s\n", words[v], name, msg, fix);
	} else {
		printf("%-8s %s: %s\n", words[v], name, msg);
	}
	return v == OK;
}

bool doctor_exists(const char *path)
{
	struct stat st;

	return !stat(path, &st);
}

/* CONFIG_name from the running kernel's config, or NULL. */
static const char *config(struct doctor *d, const char *name, char *buf,
			  size_t size)
{
	return kconfig_get(&d->kc, name, buf, size);
}

/* Check CONFIG_name=y, or infer it from what the system shows. */
bool check_config(struct doctor *d, const char *name, bool inferred,
			 const char *evidence, const char *fix)
{
	char key[64], val[32];

	snprintf(key, sizeof(key), "CONFIG_%s", name);
	if (d->kc.text) {
		if (config(d, name, val, sizeof(val)) && !strcmp(val, "y"))
			return doctor_report(d, key, OK, NULL, "y (%s)", d->kc.source);
		return doctor_report(d, key, PROBLEM, fix, "not set in %s", d->kc.source);
	}
	if (inferred)
		return doctor_report(d, key, OK, NULL, "no kernel config to read; inferred from %s",
				     evidence);
	return doctor_report(d, key, PROBLEM, fix, "no kernel config to read, and %s is missing",
			     evidence);
}

/* CapEff from /proc/self/status has CAP_BPF, CAP_PERFMON and CAP_SYS_ADMIN? */
bool doctor_privileged(void)
{
	unsigned long long eff = 0;
	char line[256];
	FILE *f = fopen("/proc/self/status", "r");

	if (!f)
		return geteuid() == 0;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "CapEff: %llx", &eff) == 1)
			break;
	fclose(f);
	return (eff >> CAP_SYS_ADMIN & 1) && (eff >> CAP_BPF & 1) &&
	       (eff >> CAP_PERFMON & 1);
}

/* libbpf, bpffs, privileges, lingering registrations (of d->type, if set) */
void check_system(struct doctor *d)
{
	struct statfs fs;
	struct so_world w;
	bool priv;
	size_t i;
	int n = 0;

	if (libbpf_major_version() > 1 ||
	    (libbpf_major_version() == 1 && libbpf_minor_version() >= 4))
		doctor_report(d, "libbpf", OK, NULL, "%s (module-defined struct_ops need 1.4)",
			      libbpf_version_string());
	else
		doctor_report(d, "libbpf", PROBLEM,
			      "build with libbpf 1.4 or later (Debian: libbpf-dev from bookworm-backports)",
			      "%s cannot find struct_ops types in module BTF", libbpf_version_string());

	if (!statfs(BPFFS_ROOT, &fs) && fs.f_type == BPF_FS_MAGIC)
		doctor_report(d, "bpffs", OK, NULL, "mounted at %s", BPFFS_ROOT);
	else
		doctor_report(d, "bpffs", PROBLEM, "mount -t bpf bpf " BPFFS_ROOT,
			      "no bpffs at %s: links cannot be pinned", BPFFS_ROOT);

	priv = doctor_privileged();
	doctor_report(d, "privileges", priv ? OK : PROBLEM,
		      "run as root (CAP_BPF, CAP_PERFMON and CAP_SYS_ADMIN)",
		      priv ? "CAP_BPF, CAP_PERFMON and CAP_SYS_ADMIN" :
		      "missing CAP_BPF, CAP_PERFMON or CAP_SYS_ADMIN: cannot load, attach or list");
	if (!priv) {
		doctor_report(d, "lingering registrations", SKIP, NULL, "needs privileges");
		return;
	}
	if (so_world_collect(&w)) {
		doctor_report(d, "lingering registrations", SKIP, NULL, "cannot read BPF objects");
		return;
	}
	for (i = 0; i < w.maps.n; i++) {
		const struct so_map *m = &w.maps.maps[i];
		char fix[96];

		if (d->type && strcmp(m->type, d->type))
			continue;
		if (!so_map_unheld(&w, m))
			continue;
		n++;
		if (!so_map_lingering(&w, m)) {
			doctor_report(d, "lingering registrations", PROBLEM,
				      "remove what hides part of bpffs (see the message) and run doctor again; or check for a pin by hand, and '" PROG_NAME " repair -f ID' removes it anyway",
				      "map %u '%s' (%s) is registered without a link and held by no process, but the pin scan was incomplete (%s): a pin may keep it",
				      m->id, m->name, m->type, w.pins.incomplete);
			continue;
		}
		snprintf(fix, sizeof(fix), "%s repair %u", PROG_NAME, m->id);
		doctor_report(d, "lingering registrations", PROBLEM, fix,
			      "map %u '%s' (%s) is registered without a link and held by no process or pin",
			      m->id, m->name, m->type);
	}
	if (!n)
		doctor_report(d, "lingering registrations", OK, NULL,
			      "none (%zu struct_ops map%s)", w.maps.n, w.maps.n == 1 ? "" : "s");
	so_world_free(&w);
}
