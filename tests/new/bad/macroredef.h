/* SPDX-License-Identifier: GPL-2.0 */
/* expect: macro 'rcu_read_lock' would change the code 'new' writes */
#define rcu_read_lock() do { } while (0)
struct bad_ops {
	int (*op)(void);
};
