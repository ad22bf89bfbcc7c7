/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* cmd/migrate.h - the rows of the migration commands (group "multihost", cmd/hosts.c). */
#pragma once

#include "core/table.h"

extern const struct cmd_def migrate_cmds[];     /* migrate.c: migrate, move */
extern const struct cmd_def migrate_job_cmds[]; /* migrate-job.c: the job's knobs, domjobinfo */
