/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "complete.h"

#include <readline/readline.h>
#include <string.h>

#include "args.h"
#include "commands.h"
#include "lex.h"
#include "util.h"

struct cands {
    char **v;
    size_t n;
};

static void add(struct cands *c, const char *prefix, const char *word)
{
    if (!str_startswith(word, prefix))
        return;
    c->v = xrealloc(c->v, (c->n + 2) * sizeof(*c->v));
    c->v[c->n++] = xstrdup(word);
    c->v[c->n] = NULL;
}

static void complete_commands(struct cands *c, const char *prefix)
{
    const struct cmd_group *g;
    const struct cmd_def *cmd;
    FOREACH_CMD(g, cmd) {
        if (cmd->flags & CMD_HIDDEN)
            continue;
        add(c, prefix, cmd->name);
        for (const char *const *a = cmd->aliases; a && *a; a++)
            add(c, prefix, *a);
    }
}

char **complete_line(struct shell *sh, const char *line, size_t cursor)
{
    struct lex_result lr;
    struct cands c = { 0 };
    (void)sh;

    if (lex_split(line, cursor, LEX_PARTIAL, &lr) < 0)
        return NULL;
    struct lex_cmd *last = lr.ncmds ? &lr.cmds[lr.ncmds - 1] : NULL;
    /* The word being completed: the last token if it runs to the cursor. */
    const char *cur = "";
    size_t nwords = last ? last->n : 0;
    if (last && lr.ends_in_word && last->tok[last->n - 1].end == cursor) {
        cur = last->tok[last->n - 1].text;
        nwords--;
    }
    /* A separator after the last command starts a new one. */
    if (cursor && (line[cursor - 1] == ';' || line[cursor - 1] == '\n') && !lr.ends_in_word)
        nwords = 0;

    if (nwords == 0) {
        complete_commands(&c, cur);
    } else {
        const struct cmd_def *cmd = cmd_lookup(last->tok[0].text);
        if (cmd && cur[0] == '-') {
            for (const struct opt_def *o = cmd->opts; o && o->name; o++) {
                if (o->flags & OPT_HIDDEN || o->type == OPT_ARGV)
                    continue;
                _cleanup_free_ char *w = xasprintf("--%s", o->name);
                add(&c, cur, w);
            }
        }
    }
    lex_result_free(&lr);
    return c.v;
}

static struct shell *rl_shell;

static char *rl_generator(const char *text, int state)
{
    static char **cands;
    static size_t idx;
    (void)text;
    if (!state) {
        if (cands) {
            for (size_t i = 0; cands[i]; i++)
                free(cands[i]);
            free(cands);
        }
        cands = complete_line(rl_shell, rl_line_buffer, (size_t)rl_point);
        idx = 0;
    }
    if (!cands || !cands[idx])
        return NULL;
    return xstrdup(cands[idx++]);
}

static char **rl_complete_cb(const char *text, int start, int end)
{
    (void)start;
    (void)end;
    rl_attempted_completion_over = 1;
    return rl_completion_matches(text, rl_generator);
}

void complete_install_readline(struct shell *sh)
{
    rl_shell = sh;
    rl_attempted_completion_function = rl_complete_cb;
}
