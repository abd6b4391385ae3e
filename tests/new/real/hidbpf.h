/* SPDX-License-Identifier: GPL-2.0 */
/* expect: operator 'hid_device_event': argument 'report_type' is an enum nobody defines */
/*
 * Modeled on struct hid_bpf_ops (include/linux/hid_bpf.h, 6.12 and 7.3):
 * the HID-BPF context argument named ctx, the report type and request
 * enums of <linux/hid.h> by value (hid is a module: they are in its BTF,
 * not in vmlinux's), an unsigned char report number, the u64 source, the
 * hid_id and flags data members and the members' kernel-doc. The private
 * list_head is left out (no struct data members in a BPF-set table).
 */
#ifndef __HIDBPF_H
#define __HIDBPF_H

#include <linux/types.h>
#include <linux/hid.h>

/* the bits a program may set in hidbpf_ops.flags */
#define HIDBPF_FLAG_INSERT_HEAD		0x1
#define HIDBPF_FLAGS_KNOWN		0x1

struct hid_bpf_ctx;

/**
 * struct hidbpf_ops - a HID-BPF program attached to one HID device
 *
 * The operators are called by hid-core for the device @hid_id names.
 */
struct hidbpf_ops {
	/**
	 * @hid_id: the HID unique id of the device to attach to; it stays
	 * first so that user space can set it before loading.
	 */
	int			hid_id;
	/** @flags: HIDBPF_FLAG_* */
	u32			flags;

	/**
	 * @hid_device_event: an input report arrived from the device.
	 *
	 * ``ctx``: the HID-BPF context, its data is the report.
	 *
	 * Return: 0 to go on with the report as it is, a positive size to
	 * make it that long, a negative errno to drop it.
	 *
	 * Context: interrupt context.
	 */
	int (*hid_device_event)(struct hid_bpf_ctx *ctx, enum hid_report_type report_type,
				u64 source);

	/**
	 * @hid_rdesc_fixup: the report descriptor is being parsed at probe.
	 *
	 * @sleepable: called from probe, in process context.
	 *
	 * Return: 0 to keep the descriptor, a positive size for a rewritten
	 * one, a negative errno to stop the probe.
	 */
	int (*hid_rdesc_fixup)(struct hid_bpf_ctx *ctx);

	/**
	 * @hid_hw_request: hid_hw_raw_request() was called for the device.
	 *
	 * ``reportnum``: the report number; ``rtype``: input, output or
	 * feature; ``reqtype``: the class request; ``source``: 0 for the
	 * kernel, else who asked (the struct file of a hidraw node).
	 *
	 * @sleepable: called in process context.
	 *
	 * Return: 0 to let hid-core handle the request, a positive byte
	 * count when the program answered it, a negative errno to fail it.
	 */
	int (*hid_hw_request)(struct hid_bpf_ctx *ctx, unsigned char reportnum,
			      enum hid_report_type rtype, enum hid_class_request reqtype,
			      u64 source);

	/**
	 * @hid_hw_output_report: hid_hw_output_report() was called.
	 *
	 * @sleepable: called in process context.
	 *
	 * Return: as @hid_hw_request.
	 */
	int (*hid_hw_output_report)(struct hid_bpf_ctx *ctx, u64 source);
};

#endif /* __HIDBPF_H */
