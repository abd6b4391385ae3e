// SPDX-License-Identifier: GPL-2.0
#include <dirent.h>
#include <stdbool.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/btf.h>

#include "kbtf.h"

#define KBTF_DIR	"/sys/kernel/btf"
#define KBTF_MAX	256	/* cached BTF objects: vmlinux and modules */

struct kbtf_entry {
	char name[64];
	__u32 id;		/* kernel BTF object id, 0 if loaded by name */
	bool kernel;		/* vmlinux or a module, not a program's BTF */
	struct btf *btf;
};

static struct btf *vmlinux;
static struct kbtf_entry cache[KBTF_MAX];
static int ncache;

const struct btf *kbtf_vmlinux(void)
{
	if (!vmlinux)
		vmlinux = btf__load_vmlinux_btf();
	return vmlinux;
}

static struct kbtf_entry *cache_add(const char *name, __u32 id, bool kernel,
				    struct btf *btf)
{
	struct kbtf_entry *e;

	if (ncache == KBTF_MAX) {
		btf__free(btf);
		errno = ENOSPC;
		return NULL;
	}
	e = &cache[ncache++];
	snprintf(e->name, sizeof(e->name), "%s", name);
	e->id = id;
	e->kernel = kernel;
	e->btf = btf;
	return e;
}

const struct btf *kbtf_module(const char *name)
{
	struct btf *btf;
	int i;

	if (!strcmp(name, "vmlinux"))
		return kbtf_vmlinux();
	for (i = 0; i < ncache; i++)
		if (cache[i].kernel && !strcmp(cache[i].name, name))
			return cache[i].btf;
	if (!kbtf_vmlinux())
		return NULL;
	btf = btf__load_module_btf(name, vmlinux);
	if (!btf)
		return NULL;
	return cache_add(name, 0, true, btf) ? btf : NULL;
}

int kbtf_name_by_id(__u32 id, char *name, size_t name_size, bool *kernel)
{
	struct bpf_btf_info info = {};
	__u32 len = sizeof(info);
	char buf[64] = "";
	int err, fd;

	fd = bpf_btf_get_fd_by_id(id);
	if (fd < 0)
		return -errno;
	info.name = (__u64)(unsigned long)buf;
	info.name_len = sizeof(buf);
	err = bpf_btf_get_info_by_fd(fd, &info, &len) ? -errno : 0;
	close(fd);
	if (err)
		return err;
	snprintf(name, name_size, "%s", buf[0] ? buf : "vmlinux");
	*kernel = info.kernel_btf;
	return 0;
}

const struct btf *kbtf_by_id(__u32 id, char *name, size_t name_size)
{
	struct btf *btf;
	bool kernel;
	int i;

	for (i = 0; i < ncache; i++) {
		if (cache[i].id == id) {
			snprintf(name, name_size, "%s", cache[i].name);
			return cache[i].btf;
		}
	}
	if (kbtf_name_by_id(id, name, name_size, &kernel))
		return NULL;
	if (kernel && !strcmp(name, "vmlinux"))
		return kbtf_vmlinux();
	/* a kernel module's BTF already loaded by name: the same object */
	for (i = 0; kernel && i < ncache; i++) {
		if (!strcmp(cache[i].name, name)) {
			cache[i].id = id;
			return cache[i].btf;
		}
	}
	if (!kernel)
		btf = btf__load_from_kernel_by_id(id);
	else
		btf = kbtf_vmlinux() ? btf__load_from_kernel_by_id_split(id, vmlinux) : NULL;
	if (!btf)
		return NULL;
	return cache_add(name, id, kernel, btf) ? btf : NULL;
}

int kbtf_for_each(int (*fn)(const struct btf *btf, const char *owner, void *ctx),
		  void *ctx)
{
	const struct btf *btf;
	struct dirent *de;
	int ret;
	DIR *dir;

	if (!kbtf_vmlinux())
		return -errno;
	ret = fn(vmlinux, "vmlinux", ctx);
	if (ret)
		return ret;
	dir = opendir(KBTF_DIR);
	if (!dir)
		return 0;	/* vmlinux alone: no module BTF */
	while (!ret && (de = readdir(dir))) {
		if (de->d_name[0] == '.' || !strcmp(de->d_name, "vmlinux"))
			continue;
		btf = kbtf_module(de->d_name);
		if (btf)
			ret = fn(btf, de->d_name, ctx);
	}
	closedir(dir);
	return ret;
}

struct find_ctx {
	const char *type;
	const struct btf *btf;
	int id;
	const char *owner;
	char owner_buf[64];
};

static int find_in(const struct btf *btf, const char *owner, void *ctx)
{
	struct find_ctx *f = ctx;
	int id = btf__find_by_name_kind(btf, f->type, BTF_KIND_STRUCT);

	if (id <= 0)
		return 0;
	f->btf = btf;
	f->id = id;
	snprintf(f->owner_buf, sizeof(f->owner_buf), "%s", owner);
	return 1;
}

int kbtf_find_struct(const char *type, const struct btf **btf, int *id,
		     char *owner, size_t owner_size)
{
	struct find_ctx f = { .type = type };
	int ret = kbtf_for_each(find_in, &f);

	if (ret < 0)
		return ret;
	if (!ret)
		return -ENOENT;
	if (btf)
		*btf = f.btf;
	if (id)
		*id = f.id;
	if (owner)
		snprintf(owner, owner_size, "%s", f.owner_buf);
	return 0;
}

#define KBTF_ORDER_MAX	KBTF_MAX

/*
 * The modules with BTF in the order libbpf searches them: by kernel BTF
 * object id, which is the order they were loaded (needs CAP_SYS_ADMIN);
 * else the order of /proc/modules reversed (it lists the newest first).
 */
static int module_order(char (*names)[64], int max)
{
	struct bpf_btf_info info;
	char buf[64], line[512];
	__u32 id = 0, len;
	int n = 0, fd, i;
	FILE *f;

	while (n < max && !bpf_btf_get_next_id(id, &id)) {
		fd = bpf_btf_get_fd_by_id(id);
		if (fd < 0)
			continue;
		memset(&info, 0, sizeof(info));
		buf[0] = '\0';
		info.name = (__u64)(unsigned long)buf;
		info.name_len = sizeof(buf);
		len = sizeof(info);
		if (!bpf_btf_get_info_by_fd(fd, &info, &len) && info.kernel_btf &&
		    buf[0] && strcmp(buf, "vmlinux"))
			snprintf(names[n++], sizeof(names[0]), "%s", buf);
		close(fd);
	}
	if (n || (errno != EPERM && errno != EACCES))
		return n;
	f = fopen("/proc/modules", "r");
	if (!f)
		return 0;
	while (n < max && fgets(line, sizeof(line), f))
		if (sscanf(line, "%63s", names[n]) == 1)
			n++;
	fclose(f);
	for (i = 0; i < n / 2; i++) {
		memcpy(buf, names[i], sizeof(buf));
		memcpy(names[i], names[n - 1 - i], sizeof(buf));
		memcpy(names[n - 1 - i], buf, sizeof(buf));
	}
	return n;
}

int kbtf_struct_owners(const char *type, char (*owners)[64], int max)
{
	static char order[KBTF_ORDER_MAX][64];
	const struct btf *btf;
	int n = 0, i, norder, id;

	if (!kbtf_vmlinux())
		return -errno;
	if (btf__find_by_name_kind(vmlinux, type, BTF_KIND_STRUCT) > 0) {
		if (n < max)
			snprintf(owners[n], sizeof(owners[0]), "vmlinux");
		n++;
	}
	norder = module_order(order, KBTF_ORDER_MAX);
	for (i = 0; i < norder; i++) {
		btf = kbtf_module(order[i]);
		if (!btf)
			continue;	/* no BTF */
		id = btf__find_by_name_kind(btf, type, BTF_KIND_STRUCT);
		/* the module's own types come after vmlinux's */
		if (id <= 0 || id < (int)btf__type_cnt(vmlinux))
			continue;
		if (n < max)
			snprintf(owners[n], sizeof(owners[0]), "%.63s", order[i]);
		n++;
	}
	return n;
}

void kbtf_free_all(void)
{
	int i;

	for (i = 0; i < ncache; i++)
		btf__free(cache[i].btf);
	ncache = 0;
	btf__free(vmlinux);
	vmlinux = NULL;
}
