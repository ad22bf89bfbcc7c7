/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * virt/migrate.h - what migrate and move need beside the one libvirt call:
 * the destination (a URI, or a host name of the inventory) with a
 * connection of its own, and the checks before anything moves (man page,
 * SEVERAL HOSTS):
 *
 *   - the destination has the domain's machine type under the same
 *     canonical name (an alias such as "pc" stands for another versioned
 *     type on another QEMU);
 *   - it accepts the domain's CPU model (virConnectCompareHypervisorCPU);
 *   - it has the memory a running domain uses free;
 *   - no other domain of the same name (another UUID) is defined there, and
 *     the domain does not run there already.
 *
 * A check the destination's driver cannot answer (no such API) is skipped.
 */
#pragma once

#include <libvirt/libvirt.h>
#include <stdbool.h>

#include "virt/context.h"

/* The destination of a migration: the URI virtsh connects to (and a
 * peer-to-peer source daemon is given), and a context for its connection. */
struct migrate_dest {
    char *name;            /* as the user gave it */
    char *uri;             /* a host name resolved through the inventory */
    struct shell *sh;      /* its own context (the selection's when it is one of them) */
    bool own;              /* sh is ours to free */
};

/* Resolve `word` (a URI or a host name) for the shell sh.  CMD_OK, or the
 * error recorded in sh. */
int migrate_dest_resolve(struct shell *sh, const char *word, struct migrate_dest *d);
/* Its connection, opened within the connect bound: NULL with the error
 * copied into sh. */
virConnectPtr migrate_dest_conn(struct shell *sh, struct migrate_dest *d);
void migrate_dest_free(struct migrate_dest *d);

/* The checks above for moving dom to dconn (live: a running domain that
 * keeps running, so its memory counts).  CMD_OK, or the first failed
 * check's error recorded in sh. */
int migrate_check(struct shell *sh, virDomainPtr dom, virConnectPtr dconn, const char *dest_name,
                  bool live);
