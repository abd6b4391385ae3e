/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Modeled on struct vdpa_config_ops (include/linux/vdpa.h), a virtio
 * data path device's driver operators, a subset that a BPF-emulated
 * device could implement: the virtqueue ones taking a u16 idx, status
 * and config space access, the ids. struct vdpa_device is a module's
 * type (vdpa.ko): it is not in vmlinux's BTF, so the header declares it.
 * The data are the device's virtqueue count and alignment.
 */
#ifndef _VDPAX_H
#define _VDPAX_H

#include <linux/types.h>
#include <linux/vdpa.h>

struct vdpa_device;

struct vdpax_ops {
	/* Virtqueue ops */
	void (*set_vq_num)(struct vdpa_device *vdev, u16 idx, u32 num);
	void (*kick_vq)(struct vdpa_device *vdev, u16 idx);
	void (*set_vq_ready)(struct vdpa_device *vdev, u16 idx, bool ready);
	bool (*get_vq_ready)(struct vdpa_device *vdev, u16 idx);
	u32 (*get_vq_align)(struct vdpa_device *vdev);

	/* Device ops */
	/* @required */
	u32 (*get_device_id)(struct vdpa_device *vdev);
	/* @required */
	u32 (*get_vendor_id)(struct vdpa_device *vdev);
	u8 (*get_status)(struct vdpa_device *vdev);
	void (*set_status)(struct vdpa_device *vdev, u8 status);
	/* @sleepable: may wait for the device */
	int (*reset)(struct vdpa_device *vdev);
	void (*get_config)(struct vdpa_device *vdev, unsigned int offset,
			   void *buf, unsigned int len);
	void (*set_config)(struct vdpa_device *vdev, unsigned int offset,
			   const void *buf, unsigned int len);
	u32 (*get_generation)(struct vdpa_device *vdev);

	u16 nvqs;
	u16 vq_align;
};

#endif /* _VDPAX_H */
