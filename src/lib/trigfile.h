/* SPDX-License-Identifier: GPL-2.0 */
#ifndef TRIGFILE_H
#define TRIGFILE_H

#include <stddef.h>

/*
 * Write buf (len bytes, 0 allowed) to the trigger file in one write(2), so
 * that the module runs the attached implementation once. Returns 0 or
 * -errno; reports nothing itself.
 */
int trigger_write(const char *path, const void *buf, size_t len);
/* One line naming the cause of a failed trigger and the fix. */
void trigger_report_error(const char *path, int err);

#endif /* TRIGFILE_H */
