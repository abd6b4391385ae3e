// SPDX-License-Identifier: GPL-2.0
/* Writing to the module's trigger file, and saying why it failed. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "struct_ops.h"
#include "trigfile.h"

int trigger_write(const char *path, const void *buf, size_t len)
{
	ssize_t n;
	int fd, err = 0;

	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = write(fd, buf, len);
	if (n < 0)
		err = -errno;
	else if ((size_t)n != len)
		err = -EIO;
	close(fd);
	return err;
}

void trigger_report_error(const char *path, int err)
{
	switch (-err) {
	case ENOENT:
		p_err("%s does not exist: module %s is not loaded; load it with 'insmod hello.ko'",
		      path, OPS_MODULE);
		break;
	case EACCES:
	case EPERM:
		p_err("cannot write %s: only root may trigger the module (it is mode 0200); run as root",
		      path);
		break;
	default:
		p_err("write to %s failed: %s", path, strerror(-err));
	}
}
