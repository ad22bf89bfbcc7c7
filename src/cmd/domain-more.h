/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* cmd/domain-more.h - the rows of the domain group's files other than
 * cmd/domain.c, which the group lists in its `more`. */
#pragma once

#include "core/table.h"

extern const struct cmd_def domain_misc_cmds[];   /* cmd/domain-misc.c */
extern const struct cmd_def domain_guest_cmds[];  /* cmd/domain-guest.c */
