// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "struct_ops.h"

/* Parse a decimal unsigned number in [0, max]; reports its own error. */
int parse_uint(const char *s, const char *what, unsigned long max,
	       unsigned long *out)
{
	unsigned long v;
	char *end;

	errno = 0;
	if (!s || !*s || *s == '-' || *s == '+')
		goto bad;
	v = strtoul(s, &end, 10);
	if (errno || *end || v > max)
		goto bad;
	*out = v;
	return 0;
bad:
	p_err("invalid %s '%s': expected a whole number from 0 to %lu",
	      what, s ? s : "", max);
	return -EINVAL;
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

bool global_opt(int c)
{
	switch (c) {
	case 'j':
		g_opts.json = true;
		return true;
	case 'p':
		g_opts.json = true;
		g_opts.pretty = true;
		return true;
	case 'v':
		g_opts.verbose++;
		return true;
	case 'q':
		g_opts.quiet = true;
		return true;
	}
	return false;
}

int parse_help_only(int argc, char **argv, void (*usage)(FILE *f), bool *done)
{
	static const struct option longopts[] = {
		{ "help",	no_argument,	NULL, 'h' },
		GLOBAL_LONG_OPTS,
		{}
	};
	int c;

	*done = true;
	optind = 1;
	while ((c = getopt_long(argc, argv, "h" GLOBAL_SHORT_OPTS, longopts,
				NULL)) != -1) {
		if (global_opt(c))
			continue;
		if (c == 'h') {
			usage(stdout);
			return EXIT_OK;
		}
		usage(stderr);
		return EXIT_USAGE;
	}
	*done = false;
	return EXIT_OK;
}
