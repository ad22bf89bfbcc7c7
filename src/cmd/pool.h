/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* cmd/pool.h - what the files of the pool and volume groups share. */
#pragma once

#include "core/table.h"

/* The rows of the pool group's other files (cmd_group_pool's .more). */
extern const struct cmd_def pool_define_cmds[];
extern const struct cmd_def pool_state_cmds[];
extern const struct cmd_def pool_event_cmds[];
/* The rows of the volume group's other files. */
extern const struct cmd_def volume_create_cmds[];
extern const struct cmd_def volume_xfer_cmds[];

/* The pool a command is about: the first word, required. */
#define ARG_POOL(st, field, compl) \
    OPT_STRING(st, "pool", field, "pool name or UUID", .flags = ARG_REQUIRED, .complete = (compl))

/* --pool of the volume commands: where to look a volume up by name
 * (positional after the volume, as in virsh). */
#define OPT_VOL_POOL(st, field) \
    OPT_STRING(st, "pool", field, "the pool to look the volume up in (name or UUID)", \
               .flags = OPT_POSITIONAL, .complete = COMPL_POOL_ACTIVE)

/* The volume a command is about: its name (with --pool), key or path. */
#define ARG_VOL(st, field) \
    OPT_STRING(st, "vol", field, "volume name (with --pool), key or path", .flags = ARG_REQUIRED, \
               .complete = COMPL_VOLUME)
