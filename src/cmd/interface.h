/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* cmd/interface.h - what the interface group's files share: the rows of
 * cmd/interface-bridge.c, which the group lists in its `more`. */
#pragma once

#include "core/table.h"
#include "cmd/objects.h"

extern const struct cmd_def iface_bridge_cmds[]; /* cmd/interface-bridge.c */

/* A host interface argument, the first word, required. */
#define ARG_IFACE(st, field, what) \
    OPT_STRING(st, "interface", field, what, .flags = ARG_REQUIRED, .complete = COMPL_HOST_IFACE)
