/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Modeled on struct file_operations (include/linux/fs.h, 6.12), as a
 * FUSE-BPF style or stacking filesystem could hand it to a program: the
 * read and write of __user buffers with a loff_t *pos, the iter operators
 * as members of a typedef'd function type behind an __rcu pointer (the
 * style of the kernel's rcu-protected callbacks), llseek's loff_t return,
 * poll's __poll_t, unlocked_ioctl's long, setlease's pointer to a pointer
 * and void **, ki_complete's (struct kiocb's) long ret, a FUSE-BPF style
 * postfilter that gets the read's result as ret and returns a value, and
 * fop_flags, a fop_flags_t, as the data.
 */
#ifndef _VFSFILE_H
#define _VFSFILE_H

#include <linux/types.h>
#include <linux/compiler_types.h>
#include <linux/fs.h>
#include <linux/poll.h>
#include <linux/uio.h>

/* FOP_BUFFER_RASYNC .. FOP_UNSIGNED_OFFSET */
#define VFSFILE_FOP_FLAGS_KNOWN		0x3f

struct file_lease;

typedef ssize_t (vfsfile_iter_fn_t)(struct kiocb *iocb, struct iov_iter *iter);

struct vfsfile_ops {
	fop_flags_t fop_flags;
	loff_t (*llseek)(struct file *file, loff_t offset, int whence);
	/* @sleepable: copies to user space */
	ssize_t (*read)(struct file *file, char __user *buf, size_t count, loff_t *pos);
	/* @sleepable: copies from user space */
	ssize_t (*write)(struct file *file, const char __user *buf, size_t count,
			 loff_t *pos);
	/* @sleepable */
	vfsfile_iter_fn_t __rcu *read_iter;
	/* @sleepable */
	vfsfile_iter_fn_t __rcu *write_iter;
	__poll_t (*poll)(struct file *file, struct poll_table_struct *wait);
	/* @sleepable */
	long (*unlocked_ioctl)(struct file *file, unsigned int cmd, unsigned long arg);
	/* @required: @sleepable */
	int (*open)(struct inode *inode, struct file *file);
	/* @sleepable */
	int (*fsync)(struct file *file, loff_t start, loff_t end, int datasync);
	int (*setlease)(struct file *file, int arg, struct file_lease **lease, void **priv);
	/* an asynchronous read or write of iocb ended with ret */
	void (*ki_complete)(struct kiocb *iocb, long ret);
	/*
	 * After a read_iter that returned ret (FUSE-BPF's postfilter):
	 * return ret, or what the read should return instead.
	 */
	ssize_t (*read_iter_done)(struct kiocb *iocb, struct iov_iter *iter, ssize_t ret);
};

#endif /* _VFSFILE_H */
