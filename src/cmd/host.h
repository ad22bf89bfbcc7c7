/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* cmd/host.h - what the host group's files share: the rows of the files
 * other than cmd/host.c, which the group lists in its `more`. */
#pragma once

#include "core/table.h"

extern const struct cmd_def host_node_cmds[]; /* cmd/host-node.c */
extern const struct cmd_def host_cpu_cmds[];  /* cmd/host-cpu.c */
