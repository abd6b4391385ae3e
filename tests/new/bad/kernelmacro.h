/* SPDX-License-Identifier: GPL-2.0 */
/* expect: BTF holds the kernel's types, not its macros: #define it in the header */
#include <net/tcp.h>
struct bad_ops {
	int (*op)(void);
	char name[TCP_CA_NAME_MAX];
};
