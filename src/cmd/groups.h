/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* cmd/groups.h - the command groups, one per file (or files) of this folder. */
#pragma once

#include "core/table.h"

extern const struct cmd_group cmd_group_shell;
extern const struct cmd_group cmd_group_host;
extern const struct cmd_group cmd_group_domain;
extern const struct cmd_group cmd_group_monitor;
extern const struct cmd_group cmd_group_config;
extern const struct cmd_group cmd_group_devices;
extern const struct cmd_group cmd_group_install;
extern const struct cmd_group cmd_group_agent;
extern const struct cmd_group cmd_group_qemu;
extern const struct cmd_group cmd_group_events;
extern const struct cmd_group cmd_group_pool;
extern const struct cmd_group cmd_group_volume;
extern const struct cmd_group cmd_group_network;
extern const struct cmd_group cmd_group_nodedev;
extern const struct cmd_group cmd_group_secret;
extern const struct cmd_group cmd_group_interface;
extern const struct cmd_group cmd_group_nwfilter;
extern const struct cmd_group cmd_group_hosts;
extern const struct cmd_group cmd_group_snapshot;
extern const struct cmd_group cmd_group_checkpoint;
extern const struct cmd_group cmd_group_backup;

/* The domain group's other files (cmd/domain-*.c). */
extern const struct cmd_def domain_save_cmds[];
extern const struct cmd_def domain_job_cmds[];
