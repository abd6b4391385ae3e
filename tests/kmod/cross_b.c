// SPDX-License-Identifier: GPL-2.0
/* cross_b.ko: op takes a task pointer (see cross.h). */
#define CROSS_OPS	cross_b_ops
#define CROSS_TYPE	struct task_struct *
#define CROSS_ARG	current

#include "cross.h"

MODULE_DESCRIPTION("Test fixture: a struct_ops type whose operator takes a task");
