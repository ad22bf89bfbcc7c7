/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * virt/extsnap.h - reverting to and deleting external snapshots where
 * libvirt refuses to (libvirt 9.0), with libvirt's own calls only, so it
 * works on a remote host too: storage volumes for new overlays, block
 * commit for merging one.  Each step is one libvirt call; the man page's
 * WHEN A COMMAND IS CUT SHORT says what each leaves and how to go on.
 */
#pragma once

#include <libvirt/libvirt.h>
#include <stdbool.h>

#include "virt/context.h"

/* Whether m is a snapshot these functions handle (an external one). */
bool extsnap_applies(virDomainSnapshotPtr m);
/* Revert d to the external snapshot m (flags: libvirt's REVERT_RUNNING,
 * REVERT_PAUSED).  CMD_OK, or CMD_FAILED with the error recorded. */
int extsnap_revert(struct shell *sh, virDomainPtr d, virDomainSnapshotPtr m, unsigned int flags);
/* Whether libvirt's error `code` from deleting an external snapshot means
 * it cannot (rather than that the delete failed): unsupported, and the
 * invalid argument libvirt 9.0 reports once an earlier delete was cut
 * short after the merge (the overlay no longer in the chain). */
bool extsnap_delete_refused(int code);
/* Delete m (flags: libvirt's DELETE_CHILDREN, DELETE_CHILDREN_ONLY). */
int extsnap_delete(struct shell *sh, virDomainPtr d, virDomainSnapshotPtr m, unsigned int flags);
