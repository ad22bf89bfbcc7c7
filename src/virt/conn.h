/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * conn.h - the libvirt connection: opened lazily on the first command that
 * needs it, kept alive, and reopened on the next command after the daemon
 * went away.
 */
#pragma once

#include <libvirt/libvirt.h>

#include "virt/context.h"

/* The open connection, opening (or reopening) it first.  NULL with the error recorded. */
virConnectPtr conn_get(struct shell *sh);
/* Open `uri` (NULL: libvirt's default) replacing the current connection. */
int conn_open(struct shell *sh, const char *uri, bool readonly);
void conn_close(struct shell *sh);
/* Start libvirt's default event loop in a thread (idempotent). */
int conn_start_event_loop(struct shell *sh);
/* Stop and join it, after the last connection is closed (at exit). */
void conn_stop_event_loop(struct shell *sh);

/* 32 hex digits, dashes anywhere: what a UUID lookup may accept. */
bool conn_looks_like_uuid(const char *s);

/* Find a domain by ID, UUID or name.  NULL with "domain 'X' not found" recorded. */
virDomainPtr conn_lookup_domain(struct shell *sh, const char *ident);

/* The host's security model, asked once per connection; NULL if unknown. */
virSecurityModelPtr conn_security_model(struct shell *sh);
/* A command changed state: forget what lookups remembered. */
void conn_state_changed(struct shell *sh);

static inline void domain_freep(virDomainPtr *d)
{
    if (*d)
        virDomainFree(*d);
}
#define _cleanup_domain_ _cleanup_(domain_freep)
