/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * core/globals.h - virtsh's own options (-c, -r, -o, ...), declared as a
 * table like any command's, so one parser reads them and help, the man page
 * and completion show them.
 */
#pragma once

#include <stdbool.h>

#include "core/table.h"

/* The global options, bound by the same option machinery as commands. */
struct global_args {
    const char *connect;
    bool readonly;
    bool quiet;
    bool timing;
    long long keepalive_interval;
    long long keepalive_count;
    const char *escape;
    long long debug;
    const char *log;
    bool help;
    int version;           /* -v, --version[=short|long]: 0 short, 1 long; -1 not asked */
    bool version_long;     /* -V: --version=long */
    int output;            /* enum out_mode */
    bool halt_on_error;
    const char *file;
};

extern const struct cmd_def global_cmd;
