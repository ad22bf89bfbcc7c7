/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "cmd/monitor-stats.h"

const struct cmd_def monitor_top_cmds[] = {
    { 0 },
};
