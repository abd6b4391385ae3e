// SPDX-License-Identifier: GPL-2.0
/*
 * tcp_cc.bpf.c as a legacy (.struct_ops) map: registered by a map update,
 * it stays registered when its loader is killed, held by nothing but a pin
 * if there is one. The host's pin-scan tests need such a registration.
 */
#define TCP_CC_LEGACY
#include "tcp_cc.bpf.c"
