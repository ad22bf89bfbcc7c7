/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libFuzzer target for the table-driven argument parser (src/args.c),
 * against the real command table.
 *
 * The input is lexed like a script line; each command's first word picks
 * the command (by name, or by its first byte among all commands when it is
 * unknown) and the rest is parsed for it, with and without the global
 * options' short-option mode.  Invariants: a failure always says why; a
 * success consumed every word; lists hold exactly the words counted.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/args.h"
#include "core/lex.h"
#include "core/table.h"
#include "virt/context.h"
#include "fuzz.h"

static const struct cmd_def *pick(const char *name, unsigned char byte)
{
    const struct cmd_def *c = cmd_lookup(name);
    if (c)
        return c;
    size_t n = 0, want;
    const struct cmd_group *g;
    FOREACH_CMD(g, c)
        n++;
    want = byte % (n + 1);
    if (want == n)
        return &global_cmd;
    FOREACH_CMD(g, c)
        if (want-- == 0)
            return c;
    return &global_cmd;
}

static void parse_one(const struct cmd_def *cmd, int argc, char **argv, unsigned flags)
{
    struct args_error err;
    void *out = calloc(1, cmd->args_size ? cmd->args_size : 1);
    int n = args_parse(cmd, argc, argv, flags, out, &err);
    if (n < 0) {
        check(err.msg[0] != '\0', "a usage error has a message");
        check(strchr(err.msg, '\n') == NULL, "a usage error is one line");
    } else if (!(flags & ARGS_STOP_AT_WORD)) {
        check(n == argc, "success consumes every word");
        for (const struct opt_def *o = cmd->opts; o && o->name; o++) {
            if (o->type != OT_LIST && o->type != OT_ARGV)
                continue;
            const struct strv *sv = (const struct strv *)((const char *)out + o->offset);
            check(sv->n <= (size_t)argc, "a list holds at most every word");
            check(!sv->v || sv->v[sv->n] == NULL, "a list is NULL-terminated");
        }
    } else {
        check(n <= argc, "stopping consumes at most every word");
    }
    args_free(cmd, out);
    free(out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct lex_result r;
    if (size == 0 || lex_split((const char *)data + 1, size - 1, LEX_PARTIAL, &r) < 0)
        return 0;
    for (size_t i = 0; i < r.ncmds; i++) {
        struct lex_cmd *c = &r.cmds[i];
        char **argv = calloc(c->n + 1, sizeof(*argv));
        for (size_t k = 0; k < c->n; k++)
            argv[k] = c->tok[k].text;
        const struct cmd_def *cmd = pick(argv[0], data[0]);
        parse_one(cmd, (int)c->n - 1, argv + 1, 0);
        parse_one(&global_cmd, (int)c->n, argv, ARGS_SHORT | ARGS_STOP_AT_WORD);
        free(argv);
    }
    lex_result_free(&r);
    return 0;
}
