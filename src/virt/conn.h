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

/* What an identifier may be, for conn_lookup_domain_by. */
enum {
    LOOKUP_ID = 1 << 0,
    LOOKUP_UUID = 1 << 1,
    LOOKUP_NAME = 1 << 2,
    LOOKUP_ANY = LOOKUP_ID | LOOKUP_UUID | LOOKUP_NAME,
};

/* Find a domain by ID, UUID or name, tried in that order as virsh does: an
 * ID is a decimal number ("+1" too), a UUID has its 36 characters.  NULL
 * with "domain 'X' not found" recorded. */
virDomainPtr conn_lookup_domain(struct shell *sh, const char *ident);
/* The same, trying only the kinds in `by` (LOOKUP_*): commands that only
 * make sense for an inactive domain take no ID, as in virsh. */
virDomainPtr conn_lookup_domain_by(struct shell *sh, const char *ident, unsigned by);

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
