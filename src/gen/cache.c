// SPDX-License-Identifier: GPL-2.0
/*
 * The cache of what 'new' derives from the kernel's BTF alone, so that a
 * second run skips the work: $STRUCT_OPS_CACHE/new/KEY/ (by default
 * ~/.cache/struct-ops/new/KEY/), KEY a 128-bit hash of the BTF's bytes
 * and their count (the .BTF section of an ELF file). pch.c and verdict.c
 * say what is kept there.
 *
 * An entry is a file and NAME.sum beside it: the format, the key, a tag
 * (what the file was made with), the file's size and a 64-bit hash of its
 * bytes. An entry whose file does not match its .sum, for any reason, is
 * not used but made again. Both are written to a temporary file in the
 * directory, synced and renamed, so a reader sees an old entry or a new
 * one, never part of one; two runs that write the same entry at once each
 * write a whole one. The cache is only ever a shortcut: when it cannot be
 * read or written, 'new' does what it did without it, and says nothing.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <inttypes.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <bpf/libbpf.h>
#include <xxhash.h>

#include "gen.h"

#define CACHE_FORMAT	1
/* the key is two XXH64s of the BTF, seeds 0 and this, and its length */
#define KEY_SEED2	0x165667b19e3779f9ULL

static struct {
	char key[64];
	char dir[PATH_MAX - 64];	/* "" when there is no cache */
} cache;

/* XXH64, from Debian's libxxhash: 50 MB of precompiled headers in a few ms. */
uint64_t gen_hash64(const void *data, size_t n, uint64_t seed)
{
	return XXH64(data, n, seed);
}

struct map {
	unsigned char *p;
	size_t size;
	bool heap;	/* read, not mapped: sysfs files before 6.15 cannot be */
};

static int read_file(int fd, struct map *m)
{
	size_t got = 0;
	ssize_t n;

	m->p = malloc(m->size);
	if (!m->p)
		return -1;
	m->heap = true;
	while (got < m->size && (n = read(fd, m->p + got, m->size - got)) > 0)
		got += n;
	m->size = got;
	return got ? 0 : -1;
}

/* A file's bytes (not an empty one), mapped or else read. */
static int map_file(const char *path, struct map *m, bool populate)
{
	struct stat st;
	int fd = open(path, O_RDONLY | O_CLOEXEC), err = 0;

	memset(m, 0, sizeof(*m));
	if (fd < 0)
		return -1;
	if (fstat(fd, &st) || !S_ISREG(st.st_mode) || !st.st_size) {
		close(fd);
		return -1;
	}
	m->size = st.st_size;
	m->p = mmap(NULL, m->size, PROT_READ, MAP_PRIVATE | (populate ? MAP_POPULATE : 0), fd, 0);
	if (m->p == MAP_FAILED)
		err = read_file(fd, m);
	close(fd);
	return err;
}

static void unmap_file(struct map *m)
{
	if (m->heap)
		free(m->p);
	else if (m->p)
		munmap(m->p, m->size);
	m->p = NULL;
}

int gen_hash_file(const char *path, uint64_t *h)
{
	struct map m;
	struct stat st;

	if (map_file(path, &m, true)) {
		/* an empty file cannot be mapped */
		if (stat(path, &st) || !S_ISREG(st.st_mode) || st.st_size)
			return -1;
		*h = gen_hash64("", 0, 0);
		return 0;
	}
	*h = gen_hash64(m.p, m.size, 0);
	unmap_file(&m);
	return 0;
}

/* The bytes of an ELF file's .BTF section (a vmlinux), or of the whole file. */
static void btf_bytes(const struct map *m, const unsigned char **p, size_t *n)
{
	Elf_Scn *scn = NULL;
	size_t shstrndx;
	GElf_Shdr sh;
	Elf *elf;

	*p = m->p;
	*n = m->size;
	if (m->size < 4 || memcmp(m->p, ELFMAG, 4) || elf_version(EV_CURRENT) == EV_NONE)
		return;
	elf = elf_memory((char *)m->p, m->size);
	if (!elf || elf_getshdrstrndx(elf, &shstrndx))
		goto out;
	while ((scn = elf_nextscn(elf, scn))) {
		const char *name;

		if (!gelf_getshdr(scn, &sh))
			break;
		name = elf_strptr(elf, shstrndx, sh.sh_name);
		if (name && !strcmp(name, ".BTF") && sh.sh_type != SHT_NOBITS &&
		    sh.sh_offset <= m->size && sh.sh_size <= m->size - sh.sh_offset) {
			*p = m->p + sh.sh_offset;
			*n = sh.sh_size;
			break;
		}
	}
out:
	elf_end(elf);
}

/* mkdir -p, each directory made 0700 (an existing one is left as it is) */
static int make_dirs(char *path)
{
	char *s;

	for (s = strchr(path + 1, '/'); ; s = strchr(s + 1, '/')) {
		if (s)
			*s = 0;
		if (mkdir(path, 0700) && errno != EEXIST) {
			if (s)
				*s = '/';
			return -1;
		}
		if (!s)
			return 0;
		*s = '/';
	}
}

bool gen_cache_open(const char *btf_path)
{
	const char *root = getenv("STRUCT_OPS_CACHE"), *home = getenv("HOME");
	const unsigned char *p;
	char dir[sizeof(cache.dir)];
	struct map m;
	struct stat st;
	size_t n;
	int len;

	cache.dir[0] = 0;
	if (map_file(btf_path, &m, false))
		return false;
	btf_bytes(&m, &p, &n);
	snprintf(cache.key, sizeof(cache.key), "%016" PRIx64 "%016" PRIx64 "-%zu",
		 gen_hash64(p, n, 0), gen_hash64(p, n, KEY_SEED2), n);
	unmap_file(&m);
	if (root && *root)
		len = snprintf(dir, sizeof(dir), "%s/new/%s", root, cache.key);
	else if (home && *home == '/')
		len = snprintf(dir, sizeof(dir), "%s/.cache/struct-ops/new/%s", home, cache.key);
	else
		return false;
	/* the path goes into an #include line and a -I; the entry is ours alone */
	if (len >= (int)sizeof(dir) || *dir != '/' || !gen_path_is_plain(dir) || make_dirs(dir) ||
	    lstat(dir, &st) || !S_ISDIR(st.st_mode) || st.st_uid != geteuid() ||
	    (st.st_mode & 077) || access(dir, W_OK | X_OK))
		return false;
	memcpy(cache.dir, dir, sizeof(dir));
	return true;
}

const char *gen_cache_dir(void)
{
	return cache.dir[0] ? cache.dir : NULL;
}

int gen_cache_path(const char *name, char *buf, size_t size)
{
	if (!cache.dir[0] || snprintf(buf, size, "%s/%s", cache.dir, name) >= (int)size)
		return -1;
	return 0;
}

/* The hash of a tag's strings: what an entry was made with. */
uint64_t gen_cache_tag(char *const strs[], int n)
{
	uint64_t h = 0;
	int i;

	for (i = 0; i < n; i++)
		h = gen_hash64((const unsigned char *)strs[i], strlen(strs[i]) + 1, h);
	return h;
}

static void sum_line(char *buf, size_t size, uint64_t tag, const struct map *m)
{
	snprintf(buf, size, "struct_ops-new cache %d libbpf %u.%u %s %016" PRIx64 " %zu %016" PRIx64 "\n",
		 CACHE_FORMAT, libbpf_major_version(), libbpf_minor_version(), cache.key,
		 tag, m->size, gen_hash64(m->p, m->size, 0));
}

bool gen_cache_valid(const char *name, uint64_t tag)
{
	char path[PATH_MAX], want[256], got[256];
	struct map m;
	ssize_t n;
	int fd;

	if (gen_cache_path(name, path, sizeof(path) - 8))
		return false;
	if (map_file(path, &m, true))
		return false;
	sum_line(want, sizeof(want), tag, &m);
	unmap_file(&m);
	strcat(path, ".sum");
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	n = read(fd, got, sizeof(got) - 1);
	close(fd);
	if (n < 0)
		return false;
	got[n] = 0;
	return !strcmp(got, want);
}

/* A new temporary file in the cache's directory: its path in tmp, its fd. */
int gen_cache_temp(const char *name, char *tmp, size_t size)
{
	if (!cache.dir[0] ||
	    snprintf(tmp, size, "%s/.%s.XXXXXX", cache.dir, name) >= (int)size)
		return -1;
	return mkostemp(tmp, O_CLOEXEC);
}

static int sync_rename(const char *tmp, const char *to)
{
	int fd = open(tmp, O_RDONLY | O_CLOEXEC), err;

	if (fd < 0)
		return -1;
	err = fsync(fd);
	close(fd);
	return err || rename(tmp, to) ? -1 : 0;
}

bool gen_cache_commit(const char *tmp, const char *name, uint64_t tag)
{
	char path[PATH_MAX], sum[PATH_MAX], stmp[PATH_MAX], line[256];
	struct map m;
	int fd, len;
	bool ok;

	if (gen_cache_path(name, path, sizeof(path)) ||
	    snprintf(sum, sizeof(sum), "%s.sum", path) >= (int)sizeof(sum) ||
	    chmod(tmp, 0600) || map_file(tmp, &m, true))
		goto fail;
	sum_line(line, sizeof(line), tag, &m);
	unmap_file(&m);
	if (sync_rename(tmp, path))
		goto fail;
	fd = gen_cache_temp("sum", stmp, sizeof(stmp));
	if (fd < 0)
		return false;
	len = strlen(line);
	ok = write(fd, line, len) == len;
	ok &= !close(fd);
	if (ok && !sync_rename(stmp, sum))
		return true;
	unlink(stmp);
	return false;
fail:
	unlink(tmp);
	return false;
}

void gen_cache_drop(const char *name)
{
	char sum[PATH_MAX];

	if (!gen_cache_path(name, sum, sizeof(sum) - 8))
		unlink(strcat(sum, ".sum"));
}
