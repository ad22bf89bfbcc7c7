/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* help.h - help text, usage lines and the man page reference, all from the command table. */
#pragma once

#include <stdio.h>

#include "core/out.h"
#include "core/table.h"

/* `virtsh --help`: usage and the global options. */
void help_global(FILE *fp);
/* `help`: every group with its commands. */
int help_overview(struct out *out);
int help_group(struct out *out, const struct cmd_group *g);
/* `help CMD` and `CMD --help`. */
int help_command(struct out *out, const struct cmd_def *cmd);
/* One-line synopsis: "start <domain> [--paused] ..." (caller frees). */
char *help_synopsis(const struct cmd_def *cmd);
/* The command reference in reStructuredText, for the man page. */
void help_write_rst(FILE *fp);
