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
		cmd->usage_name ? cmd->usage_name : cmd->name,
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
