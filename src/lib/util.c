// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "struct_ops.h"

static int parse_range(const char *s, const char *what, unsigned long min,
		       unsigned long max, unsigned long *out)
{
	unsigned long v;
	char *end;

	errno = 0;
	if (!s || !*s || *s == '-' || *s == '+')
		goto bad;
	v = strtoul(s, &end, 10);
	if (errno || *end || v < min || v > max)
		goto bad;
	*out = v;
	return 0;
bad:
	p_err("invalid %s '%s': expected a whole number from %lu to %lu",
	      what, s ? s : "", min, max);
	return -EINVAL;
}

/* Parse a decimal unsigned number in [0, max]; reports its own error. */
int parse_uint(const char *s, const char *what, unsigned long max,
	       unsigned long *out)
{
	return parse_range(s, what, 0, max, out);
}

/* The same in [1, max]: a count, or an id. */
int parse_count(const char *s, const char *what, unsigned long max,
		unsigned long *out)
{
	return parse_range(s, what, 1, max, out);
}

/* Parse a positive duration in seconds, fractions allowed (0.5). */
int parse_seconds(const char *s, const char *what, double *out)
{
	double v;
	char *end;

	errno = 0;
	if (!s || !*s)
		goto bad;
	v = strtod(s, &end);
	if (errno || *end || !isfinite(v) || v < 0.001 || v > 86400)
		goto bad;
	*out = v;
	return 0;
bad:
	p_err("invalid %s '%s': expected seconds between 0.001 and 86400",
	      what, s ? s : "");
	return -EINVAL;
}


bool mem_all_zero(const void *p, size_t n)
{
	const unsigned char *b = p;

	while (n--)
		if (*b++)
			return false;
	return true;
}

int read_small(const char *path, char *buf, size_t size)
{
	ssize_t n;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = read(fd, buf, size - 1);
	close(fd);
	if (n < 0)
		return -errno;
	buf[n] = '\0';
	return 0;
}
