// SPDX-License-Identifier: GPL-2.0
/* Host unit tests of the struct_ops program's kernel-free parts. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "struct_ops.h"
#include "unit.h"

bool unit_failed;

static char captured[16384];
static int saved_stderr = -1;
static FILE *capture_file;
static char scratch[64];

void capture_stderr_begin(void)
{
	fflush(stderr);
	capture_file = tmpfile();
	saved_stderr = dup(STDERR_FILENO);
	dup2(fileno(capture_file), STDERR_FILENO);
}

const char *capture_stderr_end(void)
{
	size_t n;

	fflush(stderr);
	dup2(saved_stderr, STDERR_FILENO);
	close(saved_stderr);
	rewind(capture_file);
	n = fread(captured, 1, sizeof(captured) - 1, capture_file);
	captured[n] = '\0';
	fclose(capture_file);
	return captured;
}

static void remove_scratch(void)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", scratch);
	if (system(cmd))
		fprintf(stderr, "cannot remove %s\n", scratch);
}

const char *scratch_dir(void)
{
	if (!scratch[0]) {
		snprintf(scratch, sizeof(scratch), "/tmp/struct_ops_unit.XXXXXX");
		if (!mkdtemp(scratch))
			abort();
		atexit(remove_scratch);
	}
	return scratch;
}

int main(int argc, char **argv)
{
	const struct unit_test *suites[] = {
		holders_tests, opts_tests, explain_tests, misc_tests,
		modstatus_tests, input_tests, gen_tests, scx_tests,
	};
	int passed = 0, failed = 0;
	size_t i;

	for (i = 0; i < sizeof(suites) / sizeof(suites[0]); i++) {
		const struct unit_test *t;

		for (t = suites[i]; t->name; t++) {
			if (argc > 1 && !strstr(t->name, argv[1]))
				continue;
			unit_failed = false;
			memset(&g_opts, 0, sizeof(g_opts));
			t->fn();
			printf("%s - unit: %s\n", unit_failed ? "not ok" : "ok",
			       t->name);
			if (unit_failed)
				failed++;
			else
				passed++;
		}
	}
	printf("# unit: %d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
