// SPDX-License-Identifier: GPL-2.0
/*
 * Attaching an implementation the way run does it: is the type there, is
 * it free, attach (naming the module's reason for a refusal), pin, detach.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "attach.h"
#include "explain.h"
#include "holders.h"
#include "kbtf.h"
#include "kmsg.h"
#include "modstatus.h"
#include "pins.h"
#include "registry.h"
#include "snapshot.h"
#include "struct_ops.h"

static bool path_exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0;
}

/* Is the type there to implement? Reports the cause if not. */
int attach_check_type(const char *type, char *owner, size_t owner_size)
{
	enum type_absence why;
	char msg[512];
	int err;

	err = so_type_find(type, owner, owner_size);
	if (!err) {
		char list[512], first[1][64];

		if (g_opts.verbose)
			p_info("%s is defined by %s", type, owner);
		if (so_type_owners(type, list, sizeof(list)) > 1 &&
		    kbtf_struct_owners(type, first, 1) > 0)
			p_warn("struct %s is defined by more than one kernel BTF (%s): this implementation binds to %s's, the first libbpf finds (vmlinux, then modules in load order)%s; to use another, unload %s",
			       type, list, first[0],
			       strcmp(first[0], owner) ? ", where it is no struct_ops type" : "",
			       first[0]);
		return 0;
	}
	if (!path_exists("/sys/kernel/btf/vmlinux"))
		why = ABSENT_NO_KERNEL_BTF;
	else if (!path_exists("/proc/modules"))
		why = ABSENT_NO_MODULES;
	else if (!path_exists("/sys/module/" OPS_MODULE))
		why = ABSENT_MODULE_NOT_LOADED;
	else if (!path_exists("/sys/kernel/btf/" OPS_MODULE))
		why = ABSENT_MODULE_NO_BTF;
	else
		why = ABSENT_MODULE_NO_TYPE;
	explain_missing_type(msg, sizeof(msg), type, OPS_MODULE, why);
	p_err("%s", msg);
	return -ENOENT;
}

/*
 * After a load that needed no look of ours at the kernel's BTF (run's
 * first try): the kernel BTF the map bound to, read from the map, nothing
 * parsed. A module's type still gets attach_check_type()'s look, for its
 * warning about one struct name in two kernel BTFs; vmlinux comes first
 * in libbpf's search, so a vmlinux type has nothing to warn about.
 */
int attach_loaded_owner(struct bpf_map *map, const char *type, char *owner,
			size_t owner_size)
{
	struct bpf_map_info info = {};
	__u32 len = sizeof(info);
	bool kernel;

	if (bpf_map_get_info_by_fd(bpf_map__fd(map), &info, &len) ||
	    !info.btf_vmlinux_id ||
	    kbtf_name_by_id(info.btf_vmlinux_id, owner, owner_size, &kernel))
		return attach_check_type(type, owner, owner_size);
	if (strcmp(owner, "vmlinux"))
		return attach_check_type(type, owner, owner_size);
	if (g_opts.verbose)
		p_info("%s is defined by %s", type, owner);
	return 0;
}

static void attach_report_busy(const struct so_map *m)
{
	struct holder_table fds = {};
	char holders[512] = "", msg[1024];
	const char *pin = NULL;
	struct pin_table pins;
	int pid = 0, n = 0;
	size_t i;

	if (!holders_scan("/proc", &fds)) {
		n = holders_find(&fds, m->id, m->link_id, holders,
				 sizeof(holders), &pid, 1);
		holders_free(&fds);
	}
	pins_scan_all(MOUNTINFO, &pins);
	for (i = 0; i < pins.n && !pin; i++)
		if (so_pin_holds(&pins.pins[i], m))
			pin = pins.pins[i].path;
	explain_busy(msg, sizeof(msg), m->type, m, holders, n, pid, pin);
	pins_free(&pins);
	p_err("%s", msg);
}

/*
 * Is another implementation registered? Returns 0 if not, EXIT_BUSY after
 * naming it, EXIT_FAIL if the maps cannot be read.
 */
int attach_check_free(const char *type)
{
	struct so_map_list maps;
	const struct so_map *m;
	int err, ret = 0;

	err = so_maps_read(&maps);
	if (err)
		return EXIT_FAIL;
	m = so_maps_find_registered(&maps, type);
	if (m) {
		attach_report_busy(m);
		ret = EXIT_BUSY;
	}
	so_maps_free(&maps);
	return ret;
}

/* How many implementations the module has refused so far (0 if unknown). */
static unsigned long long module_rejections(void)
{
	struct mod_status ms;

	return mod_status_read(&ms) ? 0 : ms.rejected;
}

/*
 * The module's reason, from its status file, if it refused an
 * implementation of this process's after the first `before`.
 */
static bool module_rejection(unsigned long long before, char *why, size_t size)
{
	struct mod_status ms;

	if (mod_status_read(&ms) || ms.rejected <= before ||
	    ms.rejected_pid != getpid())
		return false;
	snprintf(why, size, "%s", ms.rejected_detail);
	return true;
}

struct bpf_link *attach_map(struct bpf_map *map, const char *type,
			    const char *owner)
{
	unsigned long long before = module_rejections();
	char msg[1024], why[256], line[512], prefix[80];
	bool hello = !strcmp(owner, OPS_MODULE);
	struct so_map_list maps;
	struct bpf_link *link;
	int err, kfd;

	/* what the module logs while it refuses: its own reason */
	kfd = strcmp(owner, "vmlinux") ? kmsg_open() : -1;
	link = bpf_map__attach_struct_ops(map);
	err = link ? 0 : -errno;
	if (err == -EINVAL && hello && module_rejection(before, why, sizeof(why))) {
		p_err("the module refused the implementation: %s", why);
		goto fail;
	}
	if (link) {
		if (kfd >= 0)
			close(kfd);
		return link;
	}
	/* Lost a race with another loader: name it like check_free() does. */
	if (err == -EEXIST && !so_maps_collect(&maps)) {
		const struct so_map *m = so_maps_find_registered(&maps, type);

		if (m)
			attach_report_busy(m);
		so_maps_free(&maps);
		if (m)
			goto fail;
	}
	snprintf(prefix, sizeof(prefix), "%s: ", owner);
	if (err != -EINVAL || kfd < 0 ||
	    !kmsg_find_new(kfd, prefix, "reject", line, sizeof(line)))
		line[0] = '\0';
	explain_attach_error(msg, sizeof(msg), type, owner, err, line);
	p_err("%s", msg);
fail:
	if (kfd >= 0)
		close(kfd);
	errno = -err;
	return NULL;
}

/*
 * Detach on purpose (BPF_LINK_DETACH, so the module records a user detach
 * rather than a released link), then close. Legacy: delete the element.
 */
int attach_detach(struct bpf_link *link, bool link_mode)
{
	int err = 0;

	if (link_mode && bpf_link__detach(link))
		err = -errno;
	if (!err)
		err = bpf_link__destroy(link);
	else
		bpf_link__destroy(link);
	if (err)
		p_err("detaching failed: %s", strerror(-err));
	return err;
}

int attach_pin(struct bpf_link *link, const char *path)
{
	int err = bpf_link__pin(link, path);

	if (!err) {
		p_info("pinned link at %s", path);
		return 0;
	}
	if (err == -EEXIST)
		p_err("cannot pin at %s: it exists; choose another path or remove it", path);
	else if (err == -EPERM || err == -EINVAL)
		p_err("cannot pin at %s (%s): the path must be in a bpffs mount such as /sys/fs/bpf",
		      path, strerror(-err));
	else
		p_err("cannot pin at %s: %s", path, strerror(-err));
	return err;
}
