// SPDX-License-Identifier: GPL-2.0
/*
 * One parser for every command line, from each command's table: the global
 * options are accepted before and after the command, help is generated,
 * and bad usage is one "Error:" line with exit status 2.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/libbpf.h>

#include "cli.h"
#include "struct_ops.h"

#define MAX_OPTS	32
#define HELP_COLUMN	26

static const struct cli_opt global_opts[] = {
	{ 'j', "json",    NULL, "JSON output: one document on stdout, even on failure" },
	{ 'p', "pretty",  NULL, "indented JSON (implies -j)" },
	{ 'v', "verbose", NULL, "show libbpf's messages (-vv: its debug messages too)" },
	{ 'q', "quiet",   NULL, "print errors only" },
	{ 'h', "help",    NULL, "this text" },
	{}
};

const struct cli_cmd *const cli_cmds[] = {
	&cmd_run, &cmd_trigger, &cmd_list, &cmd_dump, &cmd_types, &cmd_doctor,
	&cmd_status, &cmd_detach, &cmd_repair, &cmd_swap, &cmd_help, NULL
};

const struct cli_cmd *cli_find(const char *name)
{
	const struct cli_cmd *const *c;

	for (c = cli_cmds; *c; c++)
		if (!strcmp((*c)->name, name))
			return *c;
	return NULL;
}

static bool global_opt(int key)
{
	switch (key) {
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

bool cli_global_arg(const char *arg)
{
	const char *p;

	if (!strcmp(arg, "--json"))
		return global_opt('j');
	if (!strcmp(arg, "--pretty"))
		return global_opt('p');
	if (!strcmp(arg, "--verbose"))
		return global_opt('v');
	if (!strcmp(arg, "--quiet"))
		return global_opt('q');
	if (arg[0] != '-' || !arg[1] || arg[1] == '-' ||
	    strspn(arg + 1, "jpvq") != strlen(arg + 1))
		return false;
	for (p = arg + 1; *p; p++)
		global_opt(*p);
	return true;
}

static void print_opt(FILE *f, const struct cli_opt *o)
{
	const char *h = o->help, *nl;
	int n;

	if (o->key > CLI_LONG_ONLY)
		n = fprintf(f, "      --%s", o->name);
	else
		n = fprintf(f, "  -%c, --%s", o->key, o->name);
	if (o->arg)
		n += fprintf(f, " %s", o->arg);
	for (;;) {
		nl = strchr(h, '\n');
		fprintf(f, "%*s%.*s\n", n < HELP_COLUMN ? HELP_COLUMN - n : 1, "",
			nl ? (int)(nl - h) : (int)strlen(h), h);
		if (!nl)
			break;
		h = nl + 1;
		n = 0;
	}
}

void cli_usage(const struct cli_cmd *cmd, FILE *f)
{
	const struct cli_opt *o;

	fprintf(f, "Usage: %s %s [OPTIONS]%s%s\n\n%s\n", PROG_NAME,
		cmd == &cmd_run ? "[run]" : cmd->name,
		cmd->synopsis ? " " : "", cmd->synopsis ? cmd->synopsis : "",
		cmd->descr);
	fprintf(f, "\nOptions:\n");
	for (o = cmd->opts; o && o->key; o++)
		print_opt(f, o);
	for (o = global_opts; o->key; o++)
		print_opt(f, o);
	if (cmd->footer)
		fprintf(f, "\n%s", cmd->footer);
}

/* The option as the user wrote it, for an error message. */
static void opt_as_given(char *buf, size_t size, char **argv, int key)
{
	const char *arg = argv[optind - 1];

	if (!strncmp(arg, "--", 2) || key > CLI_LONG_ONLY)
		snprintf(buf, size, "%.*s", (int)strcspn(arg, "="), arg);
	else
		snprintf(buf, size, "-%c", key);
}

/*
 * After a usage error getopt has not seen the rest of the line: take the
 * global options there too, so that "status -x -j" answers in JSON.
 */
static void scan_global(int argc, char **argv)
{
	int i;

	for (i = optind; i < argc && strcmp(argv[i], "--"); i++)
		cli_global_arg(argv[i]);
}

static int add_opts(const struct cli_opt *o, struct option *lo, char *so,
		    int n)
{
	for (; o && o->key; o++, n++) {
		if (n == MAX_OPTS)
			abort();	/* a table too long: a bug, found by any test */
		lo[n] = (struct option){ o->name, o->arg ? required_argument : no_argument,
					 NULL, o->key };
		if (o->key < CLI_LONG_ONLY)
			strcat(so, o->arg ? (char[]){ (char)o->key, ':', 0 } :
					    (char[]){ (char)o->key, 0 });
	}
	return n;
}

int cli_parse(const struct cli_cmd *cmd, int argc, char **argv, void *ctx,
	      int *first)
{
	struct option longopts[MAX_OPTS + 1] = {};
	char shortopts[2 * MAX_OPTS + 2] = ":";
	char given[64];
	int c, n, r;

	n = add_opts(cmd->opts, longopts, shortopts, 0);
	add_opts(global_opts, longopts, shortopts, n);

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
		if (c == 'h') {
			cli_usage(cmd, out_help());
			return EXIT_OK;
		}
		if (global_opt(c))
			continue;
		if (c == ':' || c == '?') {
			opt_as_given(given, sizeof(given), argv, optopt);
			scan_global(argc, argv);
			if (c == ':')
				p_err("option '%s' needs a value (see '%s %s -h')",
				      given, PROG_NAME, cmd->name);
			else
				p_err("unknown option '%s' for '%s' (see '%s %s -h')",
				      given, cmd->name, PROG_NAME, cmd->name);
			return EXIT_USAGE;
		}
		r = cmd->opt ? cmd->opt(ctx, c, optarg) : EXIT_USAGE;
		if (r)
			return r;
	}
	if (argc - optind > cmd->max_args) {
		scan_global(argc, argv);
		p_err("unexpected argument '%s' (see '%s %s -h')",
		      argv[optind + cmd->max_args], PROG_NAME, cmd->name);
		return EXIT_USAGE;
	}
	*first = optind;
	return CLI_GO;
}

void cli_main_usage(FILE *f)
{
	const struct cli_cmd *const *c;

	fprintf(f,
		"Usage: %s [GLOBAL OPTIONS] [COMMAND] [OPTIONS]\n"
		"\n"
		"With no COMMAND, or options only, runs 'run'.\n"
		"\n"
		"Commands:\n", PROG_NAME);
	for (c = cli_cmds; *c; c++)
		fprintf(f, "  %-10s %s\n", (*c)->name, (*c)->summary);
	fprintf(f,
		"\n"
		"'%s COMMAND -h' (or 'COMMAND help') describes a command. Global options,\n"
		"before or after COMMAND: -j/--json, -p/--pretty (indented JSON),\n"
		"-v/--verbose, -q/--quiet, -h/--help. Under -j, stdout is one JSON\n"
		"document: the result, null when there is none, or {\"error\": \"...\"}.\n"
		"\n"
		"Exit status: 0 success, 1 failure, 2 bad usage, 3 another implementation\n"
		"is registered, 4 the kernel detached the implementation.\n"
		"libbpf %s\n", PROG_NAME, libbpf_version_string());
}

static int do_help(int argc, char **argv)
{
	int first, r = cli_parse(&cmd_help, argc, argv, NULL, &first);

	if (r != CLI_GO)
		return r;
	if (first < argc) {
		const struct cli_cmd *c = cli_find(argv[first]);

		if (!c) {
			p_err("unknown command '%s' (see '%s help')", argv[first], PROG_NAME);
			return EXIT_USAGE;
		}
		cli_usage(c, out_help());
		return EXIT_OK;
	}
	cli_main_usage(out_help());
	return EXIT_OK;
}

const struct cli_cmd cmd_help = {
	.name = "help",
	.summary = "this text ('help COMMAND': that command's)",
	.synopsis = "[COMMAND]",
	.descr = "List the commands, or describe COMMAND.",
	.max_args = 1,
	.main = do_help,
};
