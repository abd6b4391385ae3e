// SPDX-License-Identifier: GPL-2.0
/*
 * provoke.ko - a test fixture for the guest harness: makes the kernel
 * report a failure on purpose, so the tests can check that vm/run notices
 * (and that an ordinary message naming a failure does not count).
 *
 *   insmod provoke.ko what=warn     a WARNING (a panic with panic_on_warn)
 *   insmod provoke.ko what=atomic   might_sleep() inside rcu_read_lock():
 *                                   "BUG: sleeping function called from
 *                                   invalid context" on a debug kernel
 *   insmod provoke.ko what=words    only a message containing "BUG: " and
 *                                   "WARNING:" after its prefix
 *
 * Loading always fails (-EAGAIN), so nothing stays behind.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/bug.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/rcupdate.h>
#include <linux/string.h>

static char *what = "words";
module_param(what, charp, 0444);
MODULE_PARM_DESC(what, "warn, atomic or words");

static int __init provoke_init(void)
{
	if (!strcmp(what, "warn")) {
		WARN(1, "provoke: a warning on purpose\n");
	} else if (!strcmp(what, "atomic")) {
		rcu_read_lock();
		might_sleep();
		rcu_read_unlock();
	} else if (!strcmp(what, "words")) {
		pr_info("a message with the words BUG: and WARNING: is not a failure\n");
	} else {
		pr_err("unknown what=%s\n", what);
		return -EINVAL;
	}
	return -EAGAIN;
}

module_init(provoke_init);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Test fixture: provoke kernel failure reports");
