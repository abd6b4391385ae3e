// SPDX-License-Identifier: GPL-2.0
/*
 * struct_ops: load, attach and inspect BPF struct_ops implementations of
 * the bpf_testmod_ops type defined by hello.ko.
 */
#include <stdio.h>
#include <string.h>

#include <bpf/libbpf.h>

#include "struct_ops.h"

struct cmd {
	const char *name;
	int (*func)(int argc, char **argv);
	const char *summary;
};

static int do_help(int argc, char **argv);

static const struct cmd cmds[] = {
	{ "run",	do_run,		"load, attach and trigger the implementation (default)" },
	{ "trigger",	do_trigger,	"write once to the trigger file, show the kernel's lines" },
	{ "list",	do_list,	"every struct_ops map on the system, any type" },
	{ "dump",	do_dump,	"one map's value decoded: programs, data, run counts" },
	{ "types",	do_types,	"struct_ops types the kernel offers; does an object match?" },
	{ "doctor",	do_doctor,	"check every known cause of trouble; say the fix" },
	{ "status",	do_status,	"who holds what: maps, links, programs, holders, pins, reasons" },
	{ "detach",	do_detach,	"detach a struct_ops link (by pin path, by id, or the registered one)" },
	{ "repair",	do_repair,	"unregister a lingering legacy registration" },
	{ "swap",	do_swap,	"replace the implementation behind a link, atomically" },
	{ "help",	do_help,	"this text" },
	{}
};

static void usage(FILE *f)
{
	const struct cmd *c;

	fprintf(f,
		"Usage: %s [COMMAND] [OPTIONS]\n"
		"\n"
		"With no COMMAND, or options only, runs 'run'.\n"
		"\n"
		"Commands:\n", PROG_NAME);
	for (c = cmds; c->name; c++)
		fprintf(f, "  %-10s %s\n", c->name, c->summary);
	fprintf(f,
		"\n"
		"'%s COMMAND -h' (or 'COMMAND help') describes a command. Options every command\n"
		"takes: -j/--json, -p/--pretty (indented JSON), -v/--verbose, -q/--quiet.\n"
		"libbpf %s\n", PROG_NAME, libbpf_version_string());
}

static int do_help(int argc, char **argv)
{
	usage(stdout);
	return EXIT_OK;
}

int main(int argc, char **argv)
{
	const struct cmd *c;

	setvbuf(stdout, NULL, _IOLBF, 0);
	libbpf_output_setup();

	if (argc < 2 || argv[1][0] == '-') {
		if (argc >= 2 && (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help"))) {
			usage(stdout);
			return EXIT_OK;
		}
		return do_run(argc, argv);
	}
	for (c = cmds; c->name; c++) {
		if (strcmp(argv[1], c->name))
			continue;
		/* bpftool style: "struct_ops CMD help" is "struct_ops CMD -h" */
		if (argc == 3 && !strcmp(argv[2], "help")) {
			char *help_argv[] = { argv[1], "-h", NULL };

			return c->func(2, help_argv);
		}
		return c->func(argc - 1, argv + 1);
	}
	fprintf(stderr, "Error: unknown command '%s'\n\n", argv[1]);
	usage(stderr);
	return EXIT_USAGE;
}
