// SPDX-License-Identifier: GPL-2.0
/*
 * A name with bytes after its NUL ("ab\0xyz"): the module must refuse it
 * at attach, as it refuses "\0xyz" (struct_ops --name cannot produce this).
 */
#define BAD_NAME "ab\0xyz"
#include "bad_name.bpf.c"
