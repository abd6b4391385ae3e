/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Modeled on struct net_device_ops (include/linux/netdevice.h), the
 * operators a BPF-programmable virtual device could leave to a program:
 * open and stop, start_xmit's netdev_tx_t return (a typedef'd enum),
 * select_queue's u16, the MAC address as void *addr, change_mtu,
 * eth_ioctl's struct ifreq, get_stats64's rtnl_link_stats64, set_vf_mac's
 * u8 * and get_phys_port_name's char *name (the table also has a name
 * member). The data are the device's defaults: name (IFNAMSIZ), hwaddr
 * (ETH_ALEN bytes, not a string), mtu and the feature flags.
 */
#ifndef _NETDEVX_H
#define _NETDEVX_H

#include <linux/types.h>
#include <linux/netdevice.h>
#include <linux/if_link.h>

#define NETDEVX_NAMSIZ		16	/* IFNAMSIZ */
#define NETDEVX_ALEN		6	/* ETH_ALEN */

#define NETDEVX_F_RXCSUM	0x1
#define NETDEVX_F_TSO		0x2
#define NETDEVX_F_LLTX		0x4
#define NETDEVX_FEATURES_KNOWN	(NETDEVX_F_RXCSUM | NETDEVX_F_TSO | NETDEVX_F_LLTX)

struct netdevx_ops {
	/* @required: the device goes up */
	int			(*ndo_open)(struct net_device *dev);
	int			(*ndo_stop)(struct net_device *dev);
	/* @required: transmit skb; NETDEV_TX_OK or NETDEV_TX_BUSY */
	netdev_tx_t		(*ndo_start_xmit)(struct sk_buff *skb,
						  struct net_device *dev);
	u16			(*ndo_select_queue)(struct net_device *dev,
						    struct sk_buff *skb,
						    struct net_device *sb_dev);
	int			(*ndo_set_mac_address)(struct net_device *dev,
						       void *addr);
	int			(*ndo_change_mtu)(struct net_device *dev,
						  int new_mtu);
	int			(*ndo_eth_ioctl)(struct net_device *dev,
						 struct ifreq *ifr, int cmd);
	void			(*ndo_get_stats64)(struct net_device *dev,
						   struct rtnl_link_stats64 *storage);
	int			(*ndo_set_vf_mac)(struct net_device *dev,
						  int queue, u8 *mac);
	int			(*ndo_get_phys_port_name)(struct net_device *dev,
							  char *name, size_t len);

	char			name[NETDEVX_NAMSIZ];
	u8			hwaddr[NETDEVX_ALEN];
	u32			mtu;
	u32			features;
};

#endif /* _NETDEVX_H */
