// SPDX-License-Identifier: GPL-2.0
/* struct_ops trigger: run the attached implementation once. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../module/bpf_testmod.h"
#include "kmsg.h"
#include "struct_ops.h"
#include "trigger.h"

#define MAX_TRIGGER_SIZE	(64UL << 20)

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

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: %s trigger [-q] [-v] [-r N] [MESSAGE | -e | -s SIZE]\n"
		"\n"
		"Write once to %s, which calls test_1(), test_2(10, 20) and\n"
		"test_3(MESSAGE, length) of the attached implementation, and print the\n"
		"lines the module logged for it (from /dev/kmsg).\n"
		"\n"
		"  MESSAGE          bytes to write (default: \"Hello from userspace!\")\n"
		"  -e, --empty      write zero bytes (test_3 gets NULL, 0)\n"
		"  -s, --size SIZE  write SIZE bytes of a pattern instead of MESSAGE;\n"
		"                   the module passes at most %d of them to test_3\n"
		"  -r, --repeat N   write N times and print the mean time per write\n"
		"                   (a benchmark: the kernel's lines are not shown)\n"
		"  -q, --quiet      do not print the kernel log lines\n"
		"  -h, --help       this text\n",
		PROG_NAME, BPF_TESTMOD_TRIGGER, BPF_TESTMOD_BUF_SIZE);
}

int do_trigger(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "empty",	no_argument,		NULL, 'e' },
		{ "size",	required_argument,	NULL, 's' },
		{ "repeat",	required_argument,	NULL, 'r' },
		{ "help",	no_argument,		NULL, 'h' },
		GLOBAL_LONG_OPTS,
		{}
	};
	const char *msg = "Hello from userspace!";
	unsigned long size = 0, repeat = 0, i;
	struct timespec t0, t1;
	double ns;
	bool sized = false;
	char *buf = NULL;
	size_t len;
	int c, kfd, err;

	optind = 1;
	while ((c = getopt_long(argc, argv, "es:r:h" GLOBAL_SHORT_OPTS, longopts,
				NULL)) != -1) {
		if (global_opt(c))
			continue;
		switch (c) {
		case 'e':
			sized = true;
			size = 0;
			break;
		case 's':
			if (parse_uint(optarg, "size", MAX_TRIGGER_SIZE, &size))
				return EXIT_USAGE;
			sized = true;
			break;
		case 'r':
			if (parse_uint(optarg, "repeat count", 100000000UL, &repeat) ||
			    !repeat)
				return EXIT_USAGE;
			break;
		case 'h':
			usage(stdout);
			return EXIT_OK;
		default:
			usage(stderr);
			return EXIT_USAGE;
		}
	}
	if (optind < argc - 1 || (sized && optind < argc)) {
		p_err("trigger takes one MESSAGE, or -e, or -s SIZE; see '%s trigger -h'",
		      PROG_NAME);
		return EXIT_USAGE;
	}
	if (optind < argc)
		msg = argv[optind];

	if (sized) {
		unsigned long i;

		buf = malloc(size ? size : 1);
		if (!buf) {
			p_err("cannot allocate %lu bytes", size);
			return EXIT_FAIL;
		}
		for (i = 0; i < size; i++)
			buf[i] = 'A' + i % 26;
		len = size;
	} else {
		len = strlen(msg);
	}

	if (repeat) {
		clock_gettime(CLOCK_MONOTONIC, &t0);
		for (i = 0, err = 0; i < repeat && !err; i++)
			err = trigger_write(BPF_TESTMOD_TRIGGER, sized ? buf : msg, len);
		clock_gettime(CLOCK_MONOTONIC, &t1);
		free(buf);
		if (err) {
			trigger_report_error(BPF_TESTMOD_TRIGGER, err);
			return EXIT_FAIL;
		}
		ns = (t1.tv_sec - t0.tv_sec) * 1e9 + (t1.tv_nsec - t0.tv_nsec);
		if (g_opts.json)
			printf("{\"writes\":%lu,\"ns_per_write\":%.0f}\n", repeat, ns / repeat);
		else
			printf("%lu writes of %zu bytes, %.0f ns per write (open, write, close)\n",
			       repeat, len, ns / repeat);
		return EXIT_OK;
	}
	kfd = g_opts.quiet ? -1 : kmsg_open();
	err = trigger_write(BPF_TESTMOD_TRIGGER, sized ? buf : msg, len);
	free(buf);
	if (err) {
		trigger_report_error(BPF_TESTMOD_TRIGGER, err);
		if (kfd >= 0)
			close(kfd);
		return EXIT_FAIL;
	}
	p_info("wrote %zu bytes to %s", len, BPF_TESTMOD_TRIGGER);
	if (kfd >= 0) {
		kmsg_print_new(kfd, OPS_MODULE ": ", "  kernel: ");
		close(kfd);
	}
	return EXIT_OK;
}
