/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * complete.c - the completion engine: where in a command the cursor is, and
 * what may stand there, read from the command table.
 *
 * Where the cursor's word stands is the parser's answer: args_partial()
 * walks the words by args_parse()'s own grammar, leniently (a half-typed
 * command is rarely valid yet), and says whether the word is a command, an
 * option's name, an option's value or a positional (which one, or which
 * word of an OT_ARGV).  This file only turns that into candidates.
 */
#include "complete/complete.h"

#include <string.h>

#include "core/args.h"
#include "core/globals.h"
#include "core/inventory.h"
#include "core/lex.h"
#include "core/strbuf.h"
#include "core/strv.h"
#include "core/table.h"
#include "core/util.h"
#include "complete/fetch.h"


struct ctx {
    struct shell *sh;
    const char *cur;     /* the current word, unquoted */
    const char *uri;     /* -c among the words, else the shell's */
    struct strv out;
    enum complete_mode mode;
    size_t value_offset;
};

/* Add prefix+word if it extends what is typed. */
static void add(struct ctx *c, const char *prefix, const char *word)
{
    size_t pl = strlen(prefix);
    if (strncmp(prefix, c->cur, pl) == 0) {
        if (!str_startswith(word, c->cur + pl))
            return;
    } else if (!str_startswith(prefix, c->cur)) {
        return;
    }
    strv_addf(&c->out, "%s%s", prefix, word);
}

/* The inventory's host names and @groups (several hosts), each after `prefix`. */
static void add_hosts(struct ctx *c, const char *prefix)
{
    char why[256];
    struct inventory inv;
    if (inventory_load(&inv, why, sizeof(why)) == 0) {
        _cleanup_strv_ struct strv groups = { 0 };
        inventory_groups(&inv, &groups);
        for (size_t i = 0; i < inv.n; i++)
            add(c, prefix, inv.h[i].name);
        for (size_t i = 0; i < groups.n; i++) {
            _cleanup_free_ char *g = xasprintf("@%s", groups.v[i]);
            add(c, prefix, g);
        }
    }
    inventory_free(&inv);
}

/* Command names and aliases (and group names), each after `prefix`. */
static void add_commands(struct ctx *c, const char *prefix, bool groups)
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
    for (const struct cmd_group *const *gp = cmd_groups; groups && *gp; gp++)
        add(c, prefix, (*gp)->name);
}

/* What the words before the cursor gave a command: see args_partial(). */
struct given {
    const struct cmd_def *cmd;
    const struct args_cursor *at;
};

static bool excluded(const struct given *g, const struct opt_def *o)
{
    for (const struct opt_def *p = g->cmd->opts; o->excl && p->name; p++)
        if (p != o && (p->excl & o->excl) && g->at->seen[p - g->cmd->opts])
            return true;
    return false;
}

/* --NAME for every option still worth offering (only flags with `flags_only`). */
static void add_options(struct ctx *c, const struct given *g, bool flags_only)
{
    for (const struct opt_def *o = g->cmd->opts; o && o->name; o++) {
        if ((o->flags & OPT_HIDDEN) || o->type == OT_ARGV || (flags_only && o->type != OT_BOOL))
            continue;
        if (g->at->seen[o - g->cmd->opts] && o->type != OT_LIST)
            continue;
        if (excluded(g, o))
            continue;
        add(c, "--", o->name);
    }
}

/* The domain the command is about, for kinds that list a domain's things. */
static const char *given_domain(const struct given *g)
{
    for (const struct opt_def *o = g->cmd->opts; o && o->name; o++)
        if (compl_kind_is_domain(o->complete) && g->at->value[o - g->cmd->opts])
            return g->at->value[o - g->cmd->opts];
    return NULL;
}

/* The pool given to a command whose volume is being completed, or NULL. */
static const char *given_pool(const struct given *g)
{
    for (const struct opt_def *o = g->cmd->opts; o && o->name; o++)
        if (o->complete >= COMPL_POOL && o->complete <= COMPL_POOL_PERSISTENT &&
            g->at->value[o - g->cmd->opts])
            return g->at->value[o - g->cmd->opts];
    return NULL;
}

/* Values of option `o`, each written after `prefix` ("--name=" or "").  With
 * `command` (a command name the OT_ARGV got first), that command's
 * argument words instead. */
static void add_values(struct ctx *c, const struct given *g, const struct opt_def *o,
                       const char *prefix, const char *command)
{
    const char *domain = NULL;

    c->value_offset = strlen(prefix);
    if (o->values && o->type == OT_STRING) {
        /* A list of the words, comma-separated: the next one after the
         * last comma, each word once. */
        size_t pl = strlen(prefix);
        const char *typed = strncmp(prefix, c->cur, pl) == 0 ? c->cur + pl : "";
        const char *comma = strrchr(typed, ',');
        _cleanup_free_ char *head = xasprintf("%s%.*s", prefix,
                                              comma ? (int)(comma + 1 - typed) : 0, typed);
        c->value_offset = strlen(head);
        for (const char *const *v = o->values; *v; v++) {
            _cleanup_free_ char *in = xasprintf(",%s,", *v), *list = xasprintf(",%s", typed);
            if (!strstr(list, in))
                add(c, head, *v);
        }
        return;
    }
    if (o->values) {
        for (const char *const *v = o->values; *v; v++)
            add(c, prefix, *v);
        return;
    }
    switch (o->complete) {
    case COMPL_NONE:
        return;
    case COMPL_FILE:
        c->mode = COMPLETE_FILES;
        return;
    case COMPL_DIR:
        c->mode = COMPLETE_DIRS;
        return;
    case COMPL_COMMAND:
        add_commands(c, prefix, true);
        return;
    case COMPL_HOST:
        add_hosts(c, prefix);
        return;
    case COMPL_INTERFACE:
    case COMPL_DISK:
    case COMPL_DEVICE_ALIAS:
    case COMPL_MAC:
    case COMPL_SNAPSHOT:
    case COMPL_CHECKPOINT:
    case COMPL_AGENT_CMD:
    case COMPL_QMP_CMD:
        domain = given_domain(g);
        if (!domain)
            return;
        break;
    case COMPL_VOLUME:
        domain = given_pool(g); /* NULL: the keys of every volume */
        break;
    default:
        break;
    }
    _cleanup_strv_array_ char **names = complete_fetch(c->sh, c->uri, o->complete, domain, command);
    for (size_t i = 0; names[i]; i++)
        add(c, prefix, names[i]);
}

/* Kinds that name a command: in an OT_ARGV only its first word is one. */
static bool names_a_command(compl_kind k)
{
    return k == COMPL_COMMAND || k == COMPL_AGENT_CMD || k == COMPL_QMP_CMD;
}

/* The current word, where args_partial() put it. */
static void complete_at(struct ctx *c, const struct given *g)
{
    const struct args_cursor *at = g->at;
    const struct opt_def *p = at->opt;
    const char *command = NULL;

    switch (at->at) {
    case ARGS_AT_COMMAND:
        add_commands(c, "", false);
        return;
    case ARGS_AT_OPTION:
        add_options(c, g, at->flags_only);
        return;
    case ARGS_AT_VALUE:
        if (p && args_opt_takes_value(p)) {
            _cleanup_free_ char *prefix = xstrndup(c->cur, at->value_offset);
            add_values(c, g, p, prefix, NULL);
        }
        return;
    case ARGS_AT_WORD:
        break;
    }
    if (p && p->type == OT_ARGV && at->index > 0 && names_a_command(p->complete)) {
        /* The words after a command name are its arguments: QMP's schema knows them. */
        if (p->complete == COMPL_QMP_CMD)
            command = at->value[p - g->cmd->opts];
        else
            p = NULL;
    }
    if (p)
        add_values(c, g, p, "", command);
    if (at->options_ok && !c->cur[0] && c->mode == COMPLETE_WORDS &&
        (!p || !(p->flags & OPT_REQUIRED)))
        add_options(c, g, false);
}

/* Words of one command (with the global options first when `globals`), the
 * current word last. */
static void complete_words(struct ctx *c, char *const *words, size_t n, bool globals)
{
    struct args_cursor at;
    size_t i = 0;

    if (globals) {
        struct given gg = { .cmd = &global_cmd, .at = &at };
        i = (size_t)args_partial(&global_cmd, (int)n + 1, words, ARGS_SHORT | ARGS_STOP_AT_WORD,
                                 &at);
        const struct opt_def *conn_opt = args_find_opt(&global_cmd, "connect");
        if (conn_opt && at.value[conn_opt - global_cmd.opts])
            c->uri = at.value[conn_opt - global_cmd.opts];
        if (i >= n) {
            complete_at(c, &gg); /* among the global options, or at the command's name */
            return;
        }
    } else if (n == 0) {
        add_commands(c, "", false);
        return;
    }
    struct given g = { .cmd = cmd_lookup(words[i]), .at = &at };
    if (!g.cmd || (g.cmd->flags & CMD_HIDDEN))
        return;
    args_partial(g.cmd, (int)(n - i), words + i + 1, 0, &at);
    complete_at(c, &g);
}

static void finish(struct ctx *c, struct complete_result *ret, const char *cur, char quote)
{
    strv_sort(&c->out, true);
    ret->n = c->out.n;
    ret->cands = strv_steal(&c->out);
    ret->mode = c->mode;
    ret->word = xstrdup(cur);
    ret->quote = quote;
    ret->value_offset = c->mode == COMPLETE_WORDS ? 0 : c->value_offset;
}

void complete_result_free(struct complete_result *r)
{
    if (!r)
        return;
    strv_freev(r->cands);
    free(r->word);
    *r = (struct complete_result){ 0 };
}

void complete_line(struct shell *sh, const char *line, size_t cursor, struct complete_result *ret)
{
    struct ctx c = { .sh = sh, .cur = "", .uri = sh->uri };
    struct lex_result lr;
    const char *cur = "";
    char quote = 0;
    bool comment = false;

    lex_split(line, cursor, LEX_PARTIAL, &lr); /* never fails in partial mode */
    struct lex_cmd *last = lr.ncmds ? &lr.cmds[lr.ncmds - 1] : NULL;
    size_t nwords = last ? last->n : 0;

    if (last && lr.ends_in_word) {
        cur = last->tok[--nwords].text;
        quote = lr.open_quote;
    } else {
        /* Between the last word and the cursor: blanks, maybe a separator
         * (a new command starts) or a comment (nothing to complete). */
        for (size_t p = last ? last->tok[last->n - 1].end : 0; p < cursor; p++) {
            if (line[p] == '\\' && p + 1 < cursor) {
                p++;
            } else if (line[p] == '#') {
                comment = true;
                break;
            } else if (line[p] == ';' || line[p] == '\n') {
                nwords = 0;
            }
        }
    }
    c.cur = cur;
    if (!comment) {
        char **words = xcalloc(nwords + 2, sizeof(*words));
        for (size_t i = 0; i < nwords; i++)
            words[i] = last->tok[i].text;
        words[nwords] = (char *)cur;
        complete_words(&c, words, nwords, false);
        free(words);
    }
    finish(&c, ret, cur, quote);
    lex_result_free(&lr);
}

/* A shell word without its quotes and escapes; *quote gets the quote left open. */
static char *dequote(const char *raw, char *quote)
{
    struct lex_result lr;
    struct strbuf s = { 0 };

    lex_split(raw, strlen(raw), LEX_PARTIAL, &lr);
    for (size_t i = 0; i < lr.ncmds; i++)
        for (size_t k = 0; k < lr.cmds[i].n; k++)
            strbuf_add(&s, lr.cmds[i].tok[k].text);
    if (quote)
        *quote = lr.ends_in_word ? lr.open_quote : 0;
    lex_result_free(&lr);
    return strbuf_steal(&s);
}

void complete_argv(struct shell *sh, char *const *words, size_t n, struct complete_result *ret)
{
    struct ctx c = { .sh = sh, .uri = sh->uri };
    char quote = 0;
    size_t nw = n ? n : 1; /* no words: the current one is empty */
    char **dq = xcalloc(nw + 1, sizeof(*dq));

    for (size_t i = 0; i < nw; i++)
        dq[i] = i < n ? dequote(words[i], i + 1 == n ? &quote : NULL) : xstrdup("");
    c.cur = dq[nw - 1];
    complete_words(&c, dq, nw - 1, true);
    finish(&c, ret, c.cur, quote);
    for (size_t i = 0; i < nw; i++)
        free(dq[i]);
    free(dq);
}

char *complete_replacement(const struct complete_result *r, const char *typed, const char *cand,
                           enum complete_dialect d)
{
    const char *special = d == QUOTE_BASH ? " \t\n'\"\\$`&|;()<>*?[]{}!#~" : " \t\r\n'\"\\;#";
    const char *in_double = d == QUOTE_BASH ? "\"\\$`" : "\"\\";
    size_t tlen = strlen(typed);

    if (!str_startswith(cand, r->word) || strchr(cand, '\n'))
        return NULL;
    if (!r->quote) {
        /* A lone trailing backslash escapes what comes next: the rest's own
         * quoting takes its place. */
        size_t bs = 0;
        while (bs < tlen && typed[tlen - 1 - bs] == '\\')
            bs++;
        tlen -= bs % 2;
    }
    const char *rest = cand + strlen(r->word);
    char *out = xmalloc(tlen + 4 * strlen(rest) + 1);
    size_t k = tlen;
    memcpy(out, typed, tlen);
    for (const char *p = rest; *p; p++) {
        if (r->quote == '\'' && *p == '\'') {
            memcpy(out + k, "'\\''", 4);
            k += 4;
            continue;
        }
        if ((r->quote == '"' && strchr(in_double, *p)) || (!r->quote && strchr(special, *p)))
            out[k++] = '\\';
        out[k++] = *p;
    }
    out[k] = '\0';
    return out;
}
