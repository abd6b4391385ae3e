// SPDX-License-Identifier: GPL-2.0
/*
 * asuser: run a command as another user, or as root without capabilities,
 * for the guest's privilege tests (busybox has neither setpriv's cap
 * options nor capsh).
 *
 *   asuser -u UID -- CMD [ARGS]   setgid/setuid to UID (no supplementary groups)
 *   asuser -n -- CMD [ARGS]       stay uid 0, drop every capability
 */
#include <errno.h>
#include <grp.h>
#include <linux/capability.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

static int drop_all_caps(void)
{
	struct __user_cap_header_struct hdr = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct data[2];
	int cap;

	/* an empty bounding set: exec as root cannot regain anything */
	for (cap = 0; cap <= 63; cap++)
		if (prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) && errno != EINVAL)
			return -1;
	if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) && errno != EINVAL)
		return -1;
	memset(data, 0, sizeof(data));
	return syscall(SYS_capset, &hdr, data);
}

int main(int argc, char **argv)
{
	int opt, nocaps = 0;
	long uid = -1;

	while ((opt = getopt(argc, argv, "+u:nh")) != -1) {
		switch (opt) {
		case 'u':
			uid = strtol(optarg, NULL, 10);
			break;
		case 'n':
			nocaps = 1;
			break;
		default:
			fprintf(stderr, "usage: asuser -u UID | -n -- CMD [ARGS]\n");
			return opt == 'h' ? 0 : 2;
		}
	}
	if (optind >= argc || (uid < 0 && !nocaps)) {
		fprintf(stderr, "usage: asuser -u UID | -n -- CMD [ARGS]\n");
		return 2;
	}
	if (uid >= 0 && (setgroups(0, NULL) || setgid(uid) || setuid(uid))) {
		perror("asuser: switching user");
		return 1;
	}
	if (nocaps && drop_all_caps()) {
		perror("asuser: dropping capabilities");
		return 1;
	}
	execvp(argv[optind], argv + optind);
	fprintf(stderr, "asuser: %s: %s\n", argv[optind], strerror(errno));
	return 127;
}
