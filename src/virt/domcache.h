/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * domcache.h - domain lookups remembered across the commands of one
 * session, and what their definitions say of OS type and persistence,
 * kept coherent by libvirt's lifecycle events.
 *
 * A batch of commands names the same domains again and again; each lookup
 * is a round trip to the daemon.  The cache answers repeated lookups
 * locally.  Any lifecycle event (define, undefine, start, stop, rename...)
 * for any domain, from this client or another, empties it, and so does every
 * command that changes state, before the next command runs.  Operations
 * themselves always go to the daemon, addressed by UUID.
 */
#pragma once

#include <libvirt/libvirt.h>

struct domcache;

/* Watch `conn`'s lifecycle events.  NULL if events are not available (then
 * simply do not cache). */
struct domcache *domcache_new(virConnectPtr conn);
void domcache_free(struct domcache *c);
/* A new reference to the domain remembered for `ident`, or NULL. */
virDomainPtr domcache_get(struct domcache *c, const char *ident);
/* Remember `dom` (not consumed) as what `ident` names. */
void domcache_put(struct domcache *c, const char *ident, virDomainPtr dom);
/* The OS type (a new string; NULL with libvirt's error set) and the
 * persistence (1, 0; -1 with libvirt's error set) of `dom`.  Both change
 * only by define, undefine, start or stop, which are lifecycle events, so
 * the daemon is asked once per domain while no event intervenes; always
 * when `c` is NULL. */
char *domcache_os_type(struct domcache *c, virDomainPtr dom);
int domcache_persistent(struct domcache *c, virDomainPtr dom);
/* Forget everything. */
void domcache_clear(struct domcache *c);
