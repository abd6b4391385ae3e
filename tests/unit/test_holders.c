// SPDX-License-Identifier: GPL-2.0
/* fdinfo parsing and holder discovery over a fake /proc tree. */
#include <errno.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "holders.h"
#include "unit.h"

/* As Linux 6.12 prints them (kernel/bpf/syscall.c, bpf_struct_ops.c). */
#define MAP_FDINFO							\
	"pos:\t0\nflags:\t02000002\nmnt_id:\t15\nino:\t1057\n"		\
	"map_type:\t26\nkey_size:\t4\nvalue_size:\t64\nmax_entries:\t1\n" \
	"map_flags:\t0x2000\nmap_extra:\t0x0\nmemlock:\t8192\n"		\
	"map_id:\t%u\nfrozen:\t0\n"
#define LINK_FDINFO							\
	"pos:\t0\nflags:\t02000000\nmnt_id:\t15\nino:\t1057\n"		\
	"link_type:\tstruct_ops\nlink_id:\t%u\nmap_id:\t%u\n"
#define PROG_LINK_FDINFO						\
	"pos:\t0\nflags:\t02000000\nmnt_id:\t15\nino:\t1057\n"		\
	"link_type:\ttracing\nlink_id:\t%u\nprog_tag:\t0123456789abcdef\n" \
	"prog_id:\t33\nattach_type:\t24\n"
#define FILE_FDINFO "pos:\t0\nflags:\t0100002\nmnt_id:\t25\nino:\t12\n"

static void parse_map(void)
{
	struct holder_fdinfo fi;
	char text[512];

	snprintf(text, sizeof(text), MAP_FDINFO, 12u);
	holder_fdinfo_parse(text, &fi);
	CHECK_INT(fi.kind, BPF_FD_MAP);
	CHECK_INT(fi.map_id, 12);
	CHECK_INT(fi.map_type, 26);
	CHECK_INT(fi.link_id, 0);
}

static void parse_link(void)
{
	struct holder_fdinfo fi;
	char text[512];

	snprintf(text, sizeof(text), LINK_FDINFO, 7u, 12u);
	holder_fdinfo_parse(text, &fi);
	CHECK_INT(fi.kind, BPF_FD_LINK);
	CHECK_INT(fi.link_id, 7);
	CHECK_INT(fi.map_id, 12);
	CHECK_STR(fi.link_type, "struct_ops");
}

static void parse_detached_link(void)
{
	struct holder_fdinfo fi;

	/* a detached struct_ops link prints no map_id */
	holder_fdinfo_parse("pos:\t0\nlink_type:\tstruct_ops\nlink_id:\t9\n", &fi);
	CHECK_INT(fi.kind, BPF_FD_LINK);
	CHECK_INT(fi.map_id, 0);
}

static void parse_other(void)
{
	struct holder_fdinfo fi;

	holder_fdinfo_parse(FILE_FDINFO, &fi);
	CHECK_INT(fi.kind, BPF_FD_OTHER);
	holder_fdinfo_parse("", &fi);
	CHECK_INT(fi.kind, BPF_FD_OTHER);
	/* a prefix of a key is not the key */
	holder_fdinfo_parse("map_id_x:\t5\nmap_typo:\t3\n", &fi);
	CHECK_INT(fi.kind, BPF_FD_OTHER);
}

static void put(const char *root, const char *rel, const char *text)
{
	char path[512], dir[512], *slash;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	snprintf(dir, sizeof(dir), "%s", path);
	for (slash = strchr(dir + strlen(root) + 1, '/'); slash;
	     slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		mkdir(dir, 0755);
		*slash = '/';
	}
	f = fopen(path, "w");
	if (!f)
		abort();
	fputs(text, f);
	fclose(f);
}

/*
 * pid 101 (struct_ops) holds map 12 and its link 7; pid 202 (bpftool) the
 * map only; pid 303 an unrelated tracing link and a file; pid 404 map 99.
 */
static const char *fake_proc(void)
{
	static char root[256];
	char text[512];

	snprintf(root, sizeof(root), "%s/proc", scratch_dir());
	mkdir(root, 0755);
	put(root, "101/comm", "struct_ops\n");
	snprintf(text, sizeof(text), MAP_FDINFO, 12u);
	put(root, "101/fdinfo/3", text);
	snprintf(text, sizeof(text), LINK_FDINFO, 7u, 12u);
	put(root, "101/fdinfo/9", text);
	put(root, "202/comm", "bpftool\n");
	snprintf(text, sizeof(text), MAP_FDINFO, 12u);
	put(root, "202/fdinfo/4", text);
	put(root, "303/comm", "tracer\n");
	snprintf(text, sizeof(text), PROG_LINK_FDINFO, 8u);
	put(root, "303/fdinfo/5", text);
	put(root, "303/fdinfo/6", FILE_FDINFO);
	put(root, "404/comm", "other\n");
	snprintf(text, sizeof(text), MAP_FDINFO, 99u);
	put(root, "404/fdinfo/3", text);
	put(root, "self/comm", "ignored\n");	/* not a pid */
	return root;
}

static void scan_fake_proc(void)
{
	struct holder_table t;
	char buf[256];
	int pids[4] = { 0 }, n;

	CHECK_INT(holders_scan(fake_proc(), &t), 0);
	/* 2 fds of 101, 1 of 202, 1 link of 303, 1 of 404 */
	CHECK_INT(t.n, 5);

	n = holders_find(&t, 12, 7, buf, sizeof(buf), pids, 4);
	CHECK_INT(n, 2);
	/* readdir order is not sorted: accept either order */
	CHECK(!strcmp(buf, "101 (struct_ops), 202 (bpftool)") ||
	      !strcmp(buf, "202 (bpftool), 101 (struct_ops)"), "got \"%s\"", buf);
	CHECK(pids[0] == 101 || pids[0] == 202, "pid %d", pids[0]);

	n = holders_find(&t, 99, 0, buf, sizeof(buf), NULL, 0);
	CHECK_INT(n, 1);
	CHECK_STR(buf, "404 (other)");

	/* the tracing link with id 8 does not hold map 8 */
	n = holders_find(&t, 8, 0, buf, sizeof(buf), NULL, 0);
	CHECK_INT(n, 0);
	CHECK_STR(buf, "");
	holders_free(&t);
}

static void scan_link_only(void)
{
	struct holder_table t;
	char buf[64];
	int n;

	CHECK_INT(holders_scan(fake_proc(), &t), 0);
	/* looking the map up by its link alone still finds 101 */
	n = holders_find(&t, 0, 7, buf, sizeof(buf), NULL, 0);
	CHECK_INT(n, 1);
	CHECK_STR(buf, "101 (struct_ops)");
	/* a small buffer truncates, the count stays right */
	n = holders_find(&t, 12, 7, buf, 8, NULL, 0);
	CHECK_INT(n, 2);
	CHECK_INT(strlen(buf), 7);
	holders_free(&t);
}

static void scan_missing_root(void)
{
	struct holder_table t;

	CHECK_INT(holders_scan("/nonexistent/proc", &t), -ENOENT);
	CHECK_INT(t.n, 0);
}

const struct unit_test holders_tests[] = {
	{ "fdinfo of a map", parse_map },
	{ "fdinfo of a struct_ops link", parse_link },
	{ "fdinfo of a detached link", parse_detached_link },
	{ "fdinfo of a non-BPF fd", parse_other },
	{ "holders in a fake /proc", scan_fake_proc },
	{ "holders through the link only", scan_link_only },
	{ "holders with no /proc", scan_missing_root },
	{}
};
