/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* cmd/network.h - what the network group's files share: the kind, and the
 * rows of the files other than cmd/network.c, which the group lists in its
 * `more`. */
#pragma once

#include "core/table.h"
#include "cmd/objects.h"

extern const struct objkind network_kind;         /* cmd/network.c */
extern const struct cmd_def network_port_cmds[];   /* cmd/network-port.c */
extern const struct cmd_def network_define_cmds[]; /* cmd/network-define.c */

/* The network a command is about: the first word, required. */
#define ARG_NETWORK(st, field, compl) \
    OPT_STRING(st, "network", field, "network name or uuid", .flags = ARG_REQUIRED, \
               .complete = (compl))
