/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Modeled on struct elevator_mq_ops (block/elevator.h), for a BPF I/O
 * scheduler: init_sched and init_hctx (its hardware queue index as idx),
 * allow_merge, bio_merge, request_merge's struct request ** (the request
 * found to merge with), limit_depth's blk_opf_t by value and struct
 * blk_mq_alloc_data (private to block/: declared only), prepare, finish,
 * requeue, completed_request's u64 time, has_work's bool. The operators
 * taking enum elv_merge or blk_insert_t are left out: those types live in
 * block/'s private headers, which no module can include. The data are
 * the elevator's name and alias (ELV_NAME_MAX, 16) and its feature bits.
 */
#ifndef _BLKIOSCHED_H
#define _BLKIOSCHED_H

#include <linux/types.h>
#include <linux/blk_types.h>
#include <linux/blkdev.h>
#include <linux/blk-mq.h>

#define BLKIOSCHED_NAME_MAX		16	/* ELV_NAME_MAX */

#define BLKIOSCHED_F_ZONED_WRITES	0x1
#define BLKIOSCHED_FEATURES_KNOWN	BLKIOSCHED_F_ZONED_WRITES

struct elevator_queue;
struct blk_mq_alloc_data;

struct blkiosched_ops {
	/* @sleepable: the scheduler is set up for q */
	int (*init_sched)(struct request_queue *q, struct elevator_queue *eq);
	/* @sleepable */
	void (*exit_sched)(struct elevator_queue *eq);
	/* @sleepable: one of the device's hardware queues */
	int (*init_hctx)(struct blk_mq_hw_ctx *hctx, unsigned int idx);
	/* @sleepable */
	void (*exit_hctx)(struct blk_mq_hw_ctx *hctx, unsigned int idx);

	bool (*allow_merge)(struct request_queue *q, struct request *rq, struct bio *bio);
	bool (*bio_merge)(struct request_queue *q, struct bio *bio, unsigned int nr_segs);
	/* find a request bio can merge with: store it in *req, return the kind */
	int (*request_merge)(struct request_queue *q, struct request **req, struct bio *bio);
	void (*requests_merged)(struct request_queue *q, struct request *rq,
				struct request *next);
	void (*limit_depth)(blk_opf_t opf, struct blk_mq_alloc_data *data);
	void (*prepare_request)(struct request *rq);
	void (*finish_request)(struct request *rq);
	/* @required: does the hardware queue have requests to dispatch? */
	bool (*has_work)(struct blk_mq_hw_ctx *hctx);
	void (*completed_request)(struct request *rq, u64 now);
	void (*requeue_request)(struct request *rq);

	char elevator_name[BLKIOSCHED_NAME_MAX];
	char elevator_alias[BLKIOSCHED_NAME_MAX];
	u32 features;
};

#endif /* _BLKIOSCHED_H */
