/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "core/table.h"

#include <string.h>

#include "core/suggest.h"
#include "core/util.h"

/* Does the array `part` (ending with { 0 }) hold `c`? */
static bool part_holds(const struct cmd_def *part, const struct cmd_def *c)
{
    for (const struct cmd_def *p = part; p->name; p++)
        if (p == c)
            return true;
    return false;
}

const struct cmd_def *cmd_next(const struct cmd_group *g, const struct cmd_def *c)
{
    if (c->name && c[1].name)
        return c + 1;
    /* c ends its part (or is an empty part's end): the next part with a command. */
    bool after = !c->name ? c == g->cmds : part_holds(g->cmds, c);
    for (const struct cmd_def *const *m = g->more; m && *m; m++) {
        if (after && (*m)->name)
            return *m;
        if (!after)
            after = c->name ? part_holds(*m, c) : c == *m;
    }
    return NULL;
}

const struct cmd_def *cmd_lookup(const char *name)
{
    const struct cmd_group *g;
    const struct cmd_def *c;
    FOREACH_CMD(g, c) {
        if (str_eq(c->name, name))
            return c;
        for (const char *const *a = c->aliases; a && *a; a++)
            if (str_eq(*a, name))
                return c;
    }
    return NULL;
}

const struct cmd_group *cmd_group_lookup(const char *name)
{
    for (const struct cmd_group *const *g = cmd_groups; *g; g++)
        if (str_eq((*g)->name, name))
            return *g;
    return NULL;
}

const struct cmd_group *cmd_group_of(const struct cmd_def *cmd)
{
    const struct cmd_group *g;
    const struct cmd_def *c;
    FOREACH_CMD(g, c)
        if (c == cmd)
            return g;
    return NULL;
}

const char *cmd_suggest(const char *name)
{
    const struct cmd_group *g;
    const struct cmd_def *c;
    struct suggest s;

    suggest_init(&s, name);
    FOREACH_CMD(g, c)
        if (!(c->flags & CMD_HIDDEN))
            suggest_consider(&s, c->name);
    return suggest_result(&s);
}

bool compl_kind_is_domain(compl_kind k)
{
    switch (k) {
    case COMPL_DOMAIN:
    case COMPL_DOMAIN_ACTIVE:
    case COMPL_DOMAIN_INACTIVE:
    case COMPL_DOMAIN_PERSISTENT:
    case COMPL_DOMAIN_RUNNING:
    case COMPL_DOMAIN_PAUSED:
        return true;
    default:
        return false;
    }
}
