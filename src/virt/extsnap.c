/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "virt/extsnap.h"

#include <libvirt/virterror.h>

#include "core/util.h"
#include "virt/err.h"
#include "virt/moment.h"

bool extsnap_applies(virDomainSnapshotPtr m)
{
    (void)m;
    return false;
}

int extsnap_revert(struct shell *sh, virDomainPtr d, virDomainSnapshotPtr m, unsigned int flags)
{
    (void)d;
    (void)m;
    (void)flags;
    return error(sh, "not yet");
}

int extsnap_delete(struct shell *sh, virDomainPtr d, virDomainSnapshotPtr m, unsigned int flags)
{
    (void)d;
    (void)m;
    (void)flags;
    return error(sh, "not yet");
}
