/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* complete/fetch.h - what completion asks the hypervisor, bounded in time. */
#pragma once

#include "core/table.h"
#include "virt/context.h"

/*
 * The hypervisor side, for the engine: the names of kind `kind` (domains in
 * the wanted state, machine types, the disks or interfaces of `domain`,
 * agent or QMP commands of `domain`; with `command`, the argument words
 * "name=" / "name:=" of that QMP command), from the shell's connection when
 * it is open, else from one of the completion's own to `uri` (read-only but
 * for agent and QMP).  Bounded in time; NULL-terminated (caller frees),
 * empty rather than an error.
 */
char **complete_fetch(struct shell *sh, const char *uri, compl_kind kind, const char *domain,
                      const char *command);

/* For a one-shot process: from now on, lookups run on the calling thread, and
 * the process ends (printing nothing more, status 0) if they are not done
 * within the bound. */
void complete_arm_watchdog(void);
