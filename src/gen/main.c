// SPDX-License-Identifier: GPL-2.0
/*
 * struct_ops-new: the generator behind 'struct_ops new' (see src/cmd/new.h).
 * Its command line is new's: struct_ops-new [GLOBAL OPTIONS] NAME HEADER.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "new.h"
#include "struct_ops.h"

const struct cli_cmd *const cli_cmds[] = { &cmd_new, NULL };

const struct cli_cmd *cli_find(const char *name)
{
	return strcmp(name, cmd_new.name) ? NULL : &cmd_new;
}

void cli_main_usage(FILE *f)
{
	cli_usage(&cmd_new, f);
}

int main(int argc, char **argv)
{
	char *args[argc + 1];
	int i;

	setvbuf(stdout, NULL, _IOLBF, 0);
	out_setup();
	new_generator = new_generate;
	/* new's main() takes its own name first, as every command does */
	args[0] = "new";
	for (i = 1; i <= argc; i++)
		args[i] = argv[i];
	return out_finish(cmd_new.main(argc, args));
}
