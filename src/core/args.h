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
    ARGS_LAST_WINS = 1 << 2,    /* an option given again replaces its value (global
                                 * options, as virsh's: a wrapper's -c can be overridden) */
};

/* The most options one command may have. */
#define ARGS_MAX_OPTS 64

struct args_error {
    char msg[512];
    /* A bad value or a clash of options (exclusions, needs): virsh finds
     * these only when the command runs, after the commands before it in a
     * line ran.  false: the words themselves are wrong (an unknown option,
     * a missing or extra argument), and no command of the line may run. */
    bool late;
};

/*
 * Parse argv[0..argc) for `cmd` into `out` (cmd->args_size bytes, zeroed
 * here).  Returns the number of words consumed (argc unless
 * ARGS_STOP_AT_WORD), or -1 with err->msg set (a usage error).
 * Strings in `out` point into argv: keep argv alive while using them.
 */
int args_parse(const struct cmd_def *cmd, int argc, char *const *argv, unsigned flags,
               void *out, struct args_error *err);
/* Where the cursor's word stands, as args_partial() reports it. */
enum args_at {
    ARGS_AT_WORD,    /* a plain word: the value of positional `opt` (NULL: none is left), or
                      * word `index` (from 0) of the OT_ARGV `opt` */
    ARGS_AT_OPTION,  /* an option's name being typed ("-", "--", "--na"); a positional the
                      * word would fill as it stands is still in `opt`.  Among an OT_ARGV's
                      * words (OPT_ARGV_FLAGS) `flags_only`: only flags may stand there */
    ARGS_AT_VALUE,   /* the value of option `opt` (NULL: an unknown --name=); with
                      * --name=VALUE it starts `value_offset` bytes into the word */
    ARGS_AT_COMMAND, /* ARGS_STOP_AT_WORD: the first plain word, where a command starts */
};

struct args_cursor {
    enum args_at at;
    const struct opt_def *opt;
    size_t index;
    size_t value_offset;
    bool flags_only;
    bool after_dashdash;                /* after "--": every word is a plain word */
    bool options_ok;                    /* an option may stand here (not after "--", not
                                         * among an OT_ARGV's words) */
    /* What the words before the cursor gave, by option index. */
    bool seen[ARGS_MAX_OPTS];
    const char *value[ARGS_MAX_OPTS];   /* the last value given (an OT_ARGV's: its first word) */
};

/*
 * The parser's lenient twin, for completion: walk argv[0..argc) for `cmd` by
 * args_parse's grammar, where argv[argc - 1] is the word under the cursor
 * (maybe ""), and report where that word stands.  Never fails: a word the
 * parser would refuse is skipped, and nothing is stored.  Returns what
 * args_parse would: with ARGS_STOP_AT_WORD the index of the first plain word
 * (argc - 1 when it is the cursor's: ARGS_AT_COMMAND), otherwise argc.
 */
int args_partial(const struct cmd_def *cmd, int argc, char *const *argv, unsigned flags,
                 struct args_cursor *ret);

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
