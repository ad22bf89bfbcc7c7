/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* cmd/guest.h - what the guest group's files share: the rows of the files
 * other than cmd/guest.c, which the group lists in its `more`. */
#pragma once

#include "core/table.h"

/* The domain a guest agent command is about: a running one. */
#define DOM_ACTIVE(st) ARG_DOMAIN(st, domain, COMPL_DOMAIN_ACTIVE)

extern const struct cmd_def guest_exec_cmds[]; /* cmd/guest-exec.c */
extern const struct cmd_def guest_wait_cmds[]; /* cmd/guest-wait.c */
