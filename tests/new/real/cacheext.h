/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Modeled on cache_ext (Zussman et al., "cache_ext: Customizing the Page
 * Cache with eBPF", SOSP 2025): a page-cache eviction policy per memory
 * cgroup, told of folios added, accessed and evicted, and asked to
 * propose folios to evict through an eviction context (ctx) it fills in.
 * The context is the proposal's own type, defined here.
 */
#ifndef _CACHEEXT_H
#define _CACHEEXT_H

#include <linux/types.h>
#include <linux/mm_types.h>
#include <linux/memcontrol.h>

#define CACHEEXT_OPS_NAME_LEN		32
#define CACHEEXT_MAX_EVICT_BATCH	32

/**
 * struct cache_ext_eviction_ctx - one eviction request
 * @request_nr_folios_to_evict: how many folios the kernel wants gone
 * @nr_folios_to_evict: how many the policy proposed
 * @folios_to_evict: the proposals
 */
struct cache_ext_eviction_ctx {
	u64 request_nr_folios_to_evict;
	u64 nr_folios_to_evict;
	struct folio *folios_to_evict[CACHEEXT_MAX_EVICT_BATCH];
};

/**
 * struct cacheext_ops - a page-cache eviction policy
 * @init: @sleepable: the policy is attached to @memcg; 0 or a -errno
 * @evict_folios: @required: fill in @ctx with folios of @memcg to evict
 * @folio_accessed: @folio was accessed
 * @folio_evicted: @folio left the page cache
 * @folio_added: @folio entered the page cache
 * @name: the policy's name
 */
struct cacheext_ops {
	s32 (*init)(struct mem_cgroup *memcg);
	void (*evict_folios)(struct cache_ext_eviction_ctx *ctx, struct mem_cgroup *memcg);
	void (*folio_accessed)(struct folio *folio);
	void (*folio_evicted)(struct folio *folio);
	void (*folio_added)(struct folio *folio);
	char name[CACHEEXT_OPS_NAME_LEN];
};

#endif /* _CACHEEXT_H */
