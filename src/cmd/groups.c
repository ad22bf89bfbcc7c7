/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* cmd/groups.c - the registry: every command group, in the order help lists them. */
#include "cmd/groups.h"

const struct cmd_group *const cmd_groups[] = {
    &cmd_group_domain,
    &cmd_group_monitor,
    &cmd_group_config,
    &cmd_group_devices,
    &cmd_group_snapshot,
    &cmd_group_checkpoint,
    &cmd_group_backup,
    &cmd_group_install,
    &cmd_group_agent,
    &cmd_group_qemu,
    &cmd_group_events,
    &cmd_group_network,
    &cmd_group_nodedev,
    &cmd_group_secret,
    &cmd_group_interface,
    &cmd_group_nwfilter,
    &cmd_group_host,
    &cmd_group_hosts,
    &cmd_group_pool,
    &cmd_group_volume,
    &cmd_group_shell,
    NULL,
};
