/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* cmd/guest.h - what the guest group's files share. */
#pragma once

#include <stdbool.h>

#include "core/table.h"
#include "virt/context.h"

struct exec_args {
    const char *domain;
    long long timeout;  /* seconds, 0: no limit */
    struct strv env;
    const char *stdin_path;
    struct strv argv;
};
int cmd_agent_guest_exec(struct shell *sh, void *args);

struct file_get_args {
    const char *domain;
    const char *guest_path;
    const char *local;
};
int cmd_agent_file_get(struct shell *sh, void *args);

struct file_put_args {
    const char *domain;
    const char *local;
    const char *guest_path;
};
int cmd_agent_file_put(struct shell *sh, void *args);

struct wait_args {
    const char *domain;
    bool agent;
    const char *state;  /* a state word (running, shutoff, ...) or NULL */
    long long timeout;  /* seconds, 0: no limit */
};
int cmd_agent_wait(struct shell *sh, void *args);
