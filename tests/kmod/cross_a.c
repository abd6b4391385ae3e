// SPDX-License-Identifier: GPL-2.0
/* cross_a.ko: op takes a number (see cross.h). */
#define CROSS_OPS	cross_a_ops
#define CROSS_TYPE	u64
#define CROSS_ARG	42

#include "cross.h"

MODULE_DESCRIPTION("Test fixture: a struct_ops type whose operator takes a number");
