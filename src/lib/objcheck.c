// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <bpf/btf.h>

#include "objcheck.h"
#include "struct_ops.h"

/* BPF objects are small; anything larger is not one of them. */
#define OBJ_MAX_SIZE	(256UL << 20)

static int bad(char *why, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int bad(char *why, size_t size, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, size, fmt, ap);
	va_end(ap);
	return -EINVAL;
}

/* Sections lie in the file; symbols lie in their sections. */
static int check_elf(Elf *elf, size_t file_size, char *why, size_t why_size)
{
	size_t shnum, i, n;
	Elf_Scn *scn = NULL;
	GElf_Shdr sh;

	if (elf_kind(elf) != ELF_K_ELF || elf_getshdrnum(elf, &shnum))
		return bad(why, why_size, "not an ELF object file");
	while ((scn = elf_nextscn(elf, scn))) {
		if (!gelf_getshdr(scn, &sh))
			return bad(why, why_size, "a section header cannot be read");
		if (sh.sh_type != SHT_NOBITS &&
		    (sh.sh_offset > file_size || sh.sh_size > file_size - sh.sh_offset))
			return bad(why, why_size,
				   "section %zu (%llu bytes at %llu) lies past the end of the file (%zu bytes)",
				   elf_ndxscn(scn), (unsigned long long)sh.sh_size,
				   (unsigned long long)sh.sh_offset, file_size);
	}
	while ((scn = elf_nextscn(elf, scn))) {
		Elf_Data *data;

		if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_SYMTAB)
			continue;
		data = elf_getdata(scn, NULL);
		if (!data || !sh.sh_entsize)
			return bad(why, why_size, "the symbol table cannot be read");
		n = sh.sh_size / sh.sh_entsize;
		for (i = 1; i < n; i++) {
			GElf_Shdr target;
			Elf_Scn *tscn;
			const char *name;
			GElf_Sym sym;

			if (!gelf_getsym(data, i, &sym))
				return bad(why, why_size, "symbol %zu cannot be read", i);
			name = elf_strptr(elf, sh.sh_link, sym.st_name);
			if (sym.st_shndx == SHN_UNDEF || sym.st_shndx == SHN_ABS ||
			    sym.st_shndx == SHN_COMMON)
				continue;
			if (sym.st_shndx >= shnum)
				return bad(why, why_size,
					   "symbol '%s' is in section %u, and the object has %zu",
					   name ? name : "?", sym.st_shndx, shnum);
			tscn = elf_getscn(elf, sym.st_shndx);
			if (!tscn || !gelf_getshdr(tscn, &target))
				return bad(why, why_size, "the section of symbol '%s' cannot be read",
					   name ? name : "?");
			if (target.sh_type != SHT_NOBITS &&
			    (sym.st_value > target.sh_size ||
			     sym.st_size > target.sh_size - sym.st_value))
				return bad(why, why_size,
					   "symbol '%s' (%llu bytes at %#llx) lies outside its section %u (%llu bytes)",
					   name ? name : "?", (unsigned long long)sym.st_size,
					   (unsigned long long)sym.st_value, sym.st_shndx,
					   (unsigned long long)target.sh_size);
		}
	}
	return 0;
}

/*
 * A struct_ops variable's BTF type fits in its section: libbpf allocates
 * and copies the type's size (a corrupt size asked it for 4 GB).
 */
static int check_struct_ops_vars(Elf *elf, char *why, size_t why_size)
{
	size_t shstrndx, i;
	GElf_Shdr sh, btf_sh = {};
	Elf_Data *btf_data = NULL;
	Elf_Scn *scn = NULL;
	struct btf *btf;
	int err = 0;
	__u32 id, n;

	if (elf_getshdrstrndx(elf, &shstrndx))
		return 0;
	while ((scn = elf_nextscn(elf, scn))) {
		const char *name;

		if (!gelf_getshdr(scn, &sh))
			continue;
		name = elf_strptr(elf, shstrndx, sh.sh_name);
		if (name && !strcmp(name, ".BTF")) {
			btf_data = elf_getdata(scn, NULL);
			btf_sh = sh;
		}
	}
	if (!btf_data || !btf_data->d_buf)
		return 0;
	btf = btf__new(btf_data->d_buf, btf_sh.sh_size);
	if (!btf)
		return 0;	/* libbpf refuses it itself */
	n = btf__type_cnt(btf);
	for (id = 1; id < n && !err; id++) {
		const struct btf_type *t = btf__type_by_id(btf, id);
		const struct btf_var_secinfo *v;
		const char *sec = btf__name_by_offset(btf, t->name_off);

		if (!btf_is_datasec(t) || !sec || strncmp(sec, ".struct_ops", 11))
			continue;
		v = btf_var_secinfos(t);
		for (i = 0; i < btf_vlen(t) && !err; i++, v++) {
			const struct btf_type *var = btf__type_by_id(btf, v->type);
			__s64 size = var ? btf__resolve_size(btf, var->type) : -1;

			if (size < 0 || (__u64)size > v->size ||
			    (__u64)v->offset + v->size > OBJ_MAX_SIZE)
				err = bad(why, why_size,
					  "struct_ops variable %u in %s: its type is %lld bytes, its slot %u at %u",
					  v->type, sec, (long long)size, v->size, v->offset);
		}
	}
	btf__free(btf);
	return err;
}

int objcheck_mem(const void *buf, size_t size, char *why, size_t why_size)
{
	Elf *elf;
	int err;

	if (elf_version(EV_CURRENT) == EV_NONE)
		return bad(why, why_size, "libelf cannot be initialised");
	elf = elf_memory((char *)buf, size);
	if (!elf)
		return bad(why, why_size, "not an ELF object file (%s)", elf_errmsg(-1));
	err = check_elf(elf, size, why, why_size);
	if (!err)
		err = check_struct_ops_vars(elf, why, why_size);
	elf_end(elf);
	return err;
}

int objcheck_file(const char *path)
{
	char why[256];
	struct stat st;
	void *buf;
	ssize_t n;
	int fd, err;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (fstat(fd, &st) || !S_ISREG(st.st_mode) || (size_t)st.st_size > OBJ_MAX_SIZE) {
		close(fd);
		return 0;	/* not ours to judge: libbpf's open says why */
	}
	buf = malloc(st.st_size ? st.st_size : 1);
	n = buf ? read(fd, buf, st.st_size) : -1;
	close(fd);
	/* not an ELF file at all: libbpf's open says so in its words */
	if (n != st.st_size || n < 4 || memcmp(buf, ELFMAG, SELFMAG)) {
		free(buf);
		return 0;
	}
	err = objcheck_mem(buf, n, why, sizeof(why));
	free(buf);
	if (err)
		p_err("the BPF object %s is malformed: %s; rebuild it (libbpf 1.4 trusts this and would crash or allocate gigabytes)",
		      path, why);
	return err;
}
