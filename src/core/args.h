/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * args.h - the table-driven argument parser.
 *
 * One parser serves argv, interactive lines, scripts and the global options:
 * it reads a command's opt_def table and writes typed values into the
 * command's own args struct.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "core/table.h"

enum {
    ARGS_SHORT = 1 << 0,        /* accept -x short options (global options) */
    ARGS_STOP_AT_WORD = 1 << 1, /* stop at the first non-option word (global options) */
};

struct args_error {
    char msg[512];
};

/*
 * Parse argv[0..argc) for `cmd` into `out` (cmd->args_size bytes, zeroed
 * here).  Returns the number of words consumed (argc unless
 * ARGS_STOP_AT_WORD), or -1 with err->msg set (a usage error).
 * Strings in `out` point into argv: keep argv alive while using them.
 */
int args_parse(const struct cmd_def *cmd, int argc, char *const *argv, unsigned flags,
               void *out, struct args_error *err);
/* Free the lists args_parse allocated in `out`; call it after a failed parse too. */
void args_free(const struct cmd_def *cmd, void *out);

/* The first OPT_MODIFIES option given in a parsed `out`, or NULL. */
const struct opt_def *args_modifying_option(const struct cmd_def *cmd, const void *out);
/* Look an option up by long name, or NULL. */
const struct opt_def *args_find_opt(const struct cmd_def *cmd, const char *name);
/* "--name VALUE" / "<name>" as shown in help. */
char *args_opt_synopsis(const struct opt_def *o);
/* Parse a scaled size: "512", "512k", "2GiB", "1.5G" is rejected. */
int args_parse_scaled(const char *s, unsigned long long default_unit,
                      unsigned long long *ret_bytes);
/* True if the option may be given as a plain word (OPT_POSITIONAL, OT_ARGV). */
bool args_opt_positional(const struct opt_def *o);
/* True if the option expects a value word after it. */
bool args_opt_takes_value(const struct opt_def *o);
