// SPDX-License-Identifier: GPL-2.0
/* struct_ops trigger: run the attached implementation once. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bpf_testmod.h"
#include "cli.h"
#include "json.h"
#include "kmsg.h"
#include "struct_ops.h"
#include "trigfile.h"

#define MAX_TRIGGER_SIZE	(64UL << 20)

struct trigger_opts {
	bool sized;		/* -e or -s: a pattern of size bytes */
	unsigned long size;
	unsigned long repeat;
};

static int trigger_opt(void *ctx, int key, const char *arg)
{
	struct trigger_opts *o = ctx;

	switch (key) {
	case 'e':
		o->sized = true;
		o->size = 0;
		return 0;
	case 's':
		o->sized = true;
		return parse_uint(arg, "size", MAX_TRIGGER_SIZE, &o->size) ? EXIT_USAGE : 0;
	default:
		return parse_count(arg, "repeat count", 100000000UL, &o->repeat) ?
		       EXIT_USAGE : 0;
	}
}

static int do_trigger(int argc, char **argv);

const struct cli_cmd cmd_trigger = {
	.name = "trigger",
	.summary = "write once to the trigger file, show the kernel's lines",
	.synopsis = "[MESSAGE]",
	.descr =
		"Write once to " BPF_TESTMOD_TRIGGER ", which calls test_1(),\n"
		"test_2(10, 20) and test_3(MESSAGE, length) of the attached\n"
		"implementation, and print the lines the module logged for it (from\n"
		"/dev/kmsg; under -j: {\"bytes\": N, \"kernel\": [lines]}). MESSAGE\n"
		"defaults to \"" DEFAULT_TRIGGER_MESSAGE "\".",
	.opts = (const struct cli_opt[]){
		{ 'e', "empty", NULL, "write zero bytes (test_3 gets NULL, 0)" },
		{ 's', "size", "SIZE", "write SIZE bytes of a pattern instead of MESSAGE;\n"
				       "the module passes at most " BPF_TESTMOD_BUF_SIZE_STR " of them to test_3" },
		{ 'r', "repeat", "N", "write N times and print the mean time per write\n"
				      "(a benchmark: the kernel's lines are not shown)" },
		{}
	},
	.max_args = 1,
	.opt = trigger_opt,
	.main = do_trigger,
};

static void report_repeat(unsigned long repeat, size_t len, double ns)
{
	struct json j;

	if (!g_opts.json) {
		printf("%lu writes of %zu bytes, %.0f ns per write (open, write, close)\n",
		       repeat, len, ns / repeat);
		return;
	}
	json_init(&j, out_json(), g_opts.pretty);
	json_begin_object(&j);
	json_kv_uint(&j, "writes", repeat);
	json_kv_uint(&j, "bytes", len);
	json_key(&j, "ns_per_write");
	json_double(&j, ns / repeat, 0);
	json_end_object(&j);
	json_finish(&j);
}

/* The module's lines for this trigger: printed, or the JSON document. */
static void report_once(int kfd, size_t len)
{
	struct json j;

	if (!g_opts.json) {
		p_info("wrote %zu bytes to %s", len, BPF_TESTMOD_TRIGGER);
		if (kfd >= 0)
			kmsg_print_new(kfd, OPS_MODULE ": ", "  kernel: ", NULL);
		return;
	}
	json_init(&j, out_json(), g_opts.pretty);
	json_begin_object(&j);
	json_kv_uint(&j, "bytes", len);
	json_key(&j, "kernel");
	json_begin_array(&j);
	if (kfd >= 0)
		kmsg_print_new(kfd, OPS_MODULE ": ", NULL, &j);
	json_end_array(&j);
	json_end_object(&j);
	json_finish(&j);
}

static int do_trigger(int argc, char **argv)
{
	struct trigger_opts o = {};
	const char *msg = DEFAULT_TRIGGER_MESSAGE;
	struct timespec t0, t1;
	int first, kfd, err;
	char *buf = NULL;
	unsigned long i;
	size_t len;

	err = cli_parse(&cmd_trigger, argc, argv, &o, &first);
	if (err != CLI_GO)
		return err;
	if (o.sized && first < argc) {
		p_err("trigger takes one MESSAGE, or -e, or -s SIZE (see '%s trigger -h')",
		      PROG_NAME);
		return EXIT_USAGE;
	}
	if (first < argc)
		msg = argv[first];

	if (o.sized) {
		buf = malloc(o.size ? o.size : 1);
		if (!buf) {
			p_err("cannot allocate %lu bytes", o.size);
			return EXIT_FAIL;
		}
		for (i = 0; i < o.size; i++)
			buf[i] = 'A' + i % 26;
		msg = buf;
		len = o.size;
	} else {
		len = strlen(msg);
	}

	if (o.repeat) {
		clock_gettime(CLOCK_MONOTONIC, &t0);
		for (i = 0, err = 0; i < o.repeat && !err; i++)
			err = trigger_write(BPF_TESTMOD_TRIGGER, msg, len);
		clock_gettime(CLOCK_MONOTONIC, &t1);
		free(buf);
		if (err) {
			trigger_report_error(BPF_TESTMOD_TRIGGER, err);
			return EXIT_FAIL;
		}
		report_repeat(o.repeat, len, (t1.tv_sec - t0.tv_sec) * 1e9 +
					     (t1.tv_nsec - t0.tv_nsec));
		return EXIT_OK;
	}
	kfd = g_opts.quiet ? -1 : kmsg_open();
	err = trigger_write(BPF_TESTMOD_TRIGGER, msg, len);
	free(buf);
	if (!err)
		report_once(kfd, len);
	else
		trigger_report_error(BPF_TESTMOD_TRIGGER, err);
	if (kfd >= 0)
		close(kfd);
	return err ? EXIT_FAIL : EXIT_OK;
}
