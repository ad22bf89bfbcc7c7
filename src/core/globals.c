/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "core/globals.h"

#include <stddef.h>

const struct cmd_def global_cmd = {
    .name = "virtsh",
    .summary = "a command-line virtualization shell",
    .args_size = sizeof(struct global_args),
    .opts = OPTS(
        OPT_STRING(struct global_args, "connect", connect, "hypervisor connection URI (default: "
                   "$LIBVIRT_DEFAULT_URI, then libvirt's choice)", .short_name = 'c',
                   .metavar = "URI"),
        OPT_FLAG(struct global_args, "readonly", readonly,
                 "connect read-only; commands that change state are refused", .short_name = 'r'),
        OPT_FLAG(struct global_args, "quiet", quiet, "print data only, no informational messages",
                 .short_name = 'q'),
        OPT_FLAG(struct global_args, "timing", timing,
                 "print how long each command took (to stderr)", .short_name = 't'),
        OPT_INT(struct global_args, "keepalive-interval", keepalive_interval, 0, 3600,
                "keepalive interval in seconds, 0 to disable", .short_name = 'k',
                .metavar = "SECONDS", .def = "5"),
        OPT_INT(struct global_args, "keepalive-count", keepalive_count, 0, 1000,
                "unanswered keepalives before the connection is closed", .short_name = 'K',
                .metavar = "COUNT", .def = "6"),
        OPT_STRING(struct global_args, "escape", escape,
                   "console escape sequence, ^X form (default ^])", .short_name = 'e',
                   .metavar = "STRING"),
        /* any number: out of 0-4 it draws a warning and is ignored, as in virsh */
        OPT_INT(struct global_args, "debug", debug, 0, 0,
                "debug messages on stderr, 0 (most) to 4 (least)", .short_name = 'd',
                .metavar = "LEVEL", .def = "-1"),
        OPT_STRING(struct global_args, "log", log,
                   "append a log of the commands run (secrets masked) to FILE", .short_name = 'l',
                   .metavar = "FILE", .complete = COMPL_FILE),
        OPT_ENUM(struct global_args, "output", output, VALUES("text", "json"),
                 "output format: text (default) or json", .short_name = 'o', .metavar = "FORMAT",
                 .def = "text"),
        OPT_FLAG(struct global_args, "halt-on-error", halt_on_error,
                 "in strings, scripts and batch input, stop at the first failing command"),
        OPT_STRING(struct global_args, "file", file, "run the commands in FILE ('-' for stdin)",
                   .short_name = 'f', .metavar = "FILE", .complete = COMPL_FILE),
        OPT_FLAG(struct global_args, "help", help, "show this help and exit", .short_name = 'h'),
        OPT_ENUM(struct global_args, "version", version, VALUES("short", "long"),
                 "show the version (long: and what it was built with) and exit",
                 .short_name = 'v', .implicit = "short", .metavar = "short|long"),
        OPT_FLAG(struct global_args, "version-long", version_long,
                 "show the version and what it was built with, and exit (--version=long)",
                 .short_name = 'V')),
};

