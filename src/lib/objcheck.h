/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A BPF object file checked before libbpf reads it: libbpf 1.4 trusts an
 * object's symbol table and crashes on some corrupt ones (found by
 * tests/fuzz/object.c). What is checked is what libbpf uses unchecked.
 */
#ifndef OBJCHECK_H
#define OBJCHECK_H

#include <stddef.h>

/*
 * 0 if the ELF object in buf looks sound; otherwise -EINVAL with why
 * filled in ("symbol 'x' lies outside its section ...").
 */
int objcheck_mem(const void *buf, size_t size, char *why, size_t why_size);
/*
 * The same for a file. Returns 0, -EINVAL (reported: one error naming the
 * file and the cause) or -errno if the file cannot be read (not reported:
 * libbpf's open says it in its words).
 */
int objcheck_file(const char *path);

#endif /* OBJCHECK_H */
