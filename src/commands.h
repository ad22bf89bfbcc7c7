/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* commands.h - the registry of command groups. */
#pragma once

#include <stddef.h>

#include "cmd.h"

/* Every group, NULL-terminated, in the order help lists them. */
extern const struct cmd_group *const cmd_groups[];

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

/* A command by name or alias, or NULL. */
const struct cmd_def *cmd_lookup(const char *name);
/* A group by name, or NULL. */
const struct cmd_group *cmd_group_lookup(const char *name);
/* The closest command name to an unknown one, or NULL. */
const char *cmd_suggest(const char *name);
/* The group a command belongs to. */
const struct cmd_group *cmd_group_of(const struct cmd_def *cmd);

#define FOREACH_CMD(g, c) \
    for (const struct cmd_group *const *g##_it = cmd_groups; ((g) = *g##_it); g##_it++) \
        for ((c) = (g)->cmds; (c)->name; (c)++)
