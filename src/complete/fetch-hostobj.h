/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* complete/fetch-hostobj.h - the names of the host's objects for completion
 * (networks, node devices, secrets, interfaces, network filters), for
 * complete/fetch.c's worker. */
#pragma once

#include <libvirt/libvirt.h>
#include <stdbool.h>

#include "core/strv.h"
#include "core/table.h"

/* Is `k` one of the kinds this file fetches? */
bool fetch_hostobj_kind(compl_kind k);
/* The names of kind `k` on `c` into out (one bulk call; nothing on error). */
void fetch_hostobj_names(virConnectPtr c, compl_kind k, struct strv *out);
