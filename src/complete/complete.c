/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * complete.c - the completion engine: where in a command the cursor is, and
 * what may stand there, read from the command table.
 *
 * The words before the cursor are walked the way args_parse() reads them
 * (long options with or without "=VALUE", grouped short options for the
 * global ones, positionals in table order, "--", a trailing OT_ARGV that
 * takes every remaining word), but leniently: unknown words are skipped, as
 * a half-typed command is rarely valid yet.
 */
#include "complete/complete.h"

#include <string.h>

#include "core/args.h"
#include "core/globals.h"
#include "core/lex.h"
#include "core/table.h"
#include "core/util.h"
#include "complete/fetch.h"

#define MAX_OPTS 64

struct cands {
    char **v;
    size_t n, cap;
};

struct ctx {
    struct shell *sh;
    const char *cur;     /* the current word, unquoted */
    const char *uri;     /* -c among the words, else the shell's */
    struct cands out;
    enum complete_mode mode;
    size_t value_offset;
};

/* What the words before the cursor said about one command's options. */
struct walk {
    const struct cmd_def *cmd;
    bool seen[MAX_OPTS];
    const char *value[MAX_OPTS];   /* the (last) value each option got */
    const struct opt_def *pending; /* the option whose value the current word is */
    bool only_words;               /* after "--" */
    bool in_argv;                  /* inside the trailing OT_ARGV's words */
    size_t argv_words;             /* words the OT_ARGV option got */
    const char *argv_first;        /* the first of them */
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
    if (c->out.n + 1 >= c->out.cap) {
        c->out.cap = c->out.cap ? c->out.cap * 2 : 16;
        c->out.v = xrealloc(c->out.v, c->out.cap * sizeof(*c->out.v));
    }
    c->out.v[c->out.n++] = pl ? xasprintf("%s%s", prefix, word) : xstrdup(word);
}

static size_t opt_index(const struct walk *w, const struct opt_def *o)
{
    return (size_t)(o - w->cmd->opts);
}

static const struct opt_def *find_short(const struct cmd_def *cmd, char ch)
{
    for (const struct opt_def *o = cmd->opts; o && o->name; o++)
        if (o->short_name && o->short_name == ch)
            return o;
    return NULL;
}

static const struct opt_def *next_positional(const struct walk *w)
{
    for (const struct opt_def *o = w->cmd->opts; o && o->name; o++)
        if (args_opt_positional(o) && (o->type == OT_ARGV || !w->seen[opt_index(w, o)]))
            return o;
    return NULL;
}

static void mark(struct walk *w, const struct opt_def *o, const char *value)
{
    size_t i = opt_index(w, o);
    if (i >= MAX_OPTS)
        return;
    w->seen[i] = true;
    if (value)
        w->value[i] = value;
}

/* Option `o` takes a value: `inline_value` (of --name=VALUE, -xVALUE) or the
 * next word; when there is none yet, the current word is its value. */
static void take_value(struct walk *w, const struct opt_def *o, const char *inline_value,
                       char *const *words, size_t n, size_t *i)
{
    if (inline_value)
        mark(w, o, inline_value);
    else if (*i + 1 < n)
        mark(w, o, words[++*i]);
    else {
        mark(w, o, NULL);
        w->pending = o;
    }
}

/*
 * Walk words[0..n) for w->cmd.  A value-taking option as the last word
 * leaves w->pending set: the current word is its value.  With stop_at_word
 * (the global options) stops at the first plain word and returns its index;
 * otherwise returns n.
 */
static size_t walk_words(struct walk *w, char *const *words, size_t n, bool short_opts,
                         bool stop_at_word)
{
    for (size_t i = 0; i < n; i++) {
        const char *x = words[i];
        const struct opt_def *o;

        if (!w->only_words && str_eq(x, "--")) {
            w->only_words = true;
            continue;
        }
        if (w->in_argv) {
            w->argv_words++;
            continue;
        }
        if (!w->only_words && x[0] == '-' && x[1] == '-' && x[2]) {
            const char *eq = strchr(x + 2, '=');
            _cleanup_free_ char *name = eq ? xstrndup(x + 2, (size_t)(eq - x - 2)) : xstrdup(x + 2);
            o = args_find_opt(w->cmd, name);
            if (!o || o->type == OT_ARGV)
                continue;
            if (!args_opt_takes_value(o))
                mark(w, o, NULL);
            else
                take_value(w, o, eq ? eq + 1 : NULL, words, n, &i);
            continue;
        }
        if (!w->only_words && short_opts && x[0] == '-' && x[1] && x[1] != '-') {
            for (size_t k = 1; x[k]; k++) {
                o = find_short(w->cmd, x[k]);
                if (!o)
                    break;
                if (!args_opt_takes_value(o)) {
                    mark(w, o, NULL);
                    continue;
                }
                take_value(w, o, x[k + 1] ? x + k + 1 : NULL, words, n, &i);
                break;
            }
            continue;
        }
        if (stop_at_word)
            return i;
        o = next_positional(w);
        if (!o)
            continue; /* one word too many: the parser will say so */
        mark(w, o, x);
        if (o->type == OT_ARGV) {
            w->in_argv = true;
            w->argv_words++;
            w->argv_first = x;
        }
    }
    return n;
}

static void add_commands(struct ctx *c, bool groups)
{
    const struct cmd_group *g;
    const struct cmd_def *cmd;
    FOREACH_CMD(g, cmd) {
        if (cmd->flags & CMD_HIDDEN)
            continue;
        add(c, "", cmd->name);
        for (const char *const *a = cmd->aliases; a && *a; a++)
            add(c, "", *a);
    }
    for (const struct cmd_group *const *gp = cmd_groups; groups && *gp; gp++)
        add(c, "", (*gp)->name);
}

static bool excluded(const struct walk *w, const struct opt_def *o)
{
    if (!o->excl)
        return false;
    for (const struct opt_def *p = w->cmd->opts; p->name; p++)
        if (p != o && p->excl == o->excl && w->seen[opt_index(w, p)])
            return true;
    return false;
}

/* --NAME for every option still worth offering. */
static void add_options(struct ctx *c, const struct walk *w)
{
    for (const struct opt_def *o = w->cmd->opts; o && o->name; o++) {
        if ((o->flags & OPT_HIDDEN) || o->type == OT_ARGV)
            continue;
        if (w->seen[opt_index(w, o)] && o->type != OT_LIST)
            continue;
        if (excluded(w, o))
            continue;
        add(c, "--", o->name);
    }
}

/* The domain the command is about, for kinds that list a domain's things. */
static const char *walk_domain(const struct walk *w)
{
    for (const struct opt_def *o = w->cmd->opts; o && o->name; o++)
        if (compl_kind_is_domain(o->complete) && w->value[opt_index(w, o)])
            return w->value[opt_index(w, o)];
    return NULL;
}

/* Values of option `o`, each written after `prefix` ("--name=" or "").  With
 * `command` (a command name the OT_ARGV got first), that command's
 * argument words instead. */
static void add_values(struct ctx *c, const struct walk *w, const struct opt_def *o,
                       const char *prefix, const char *command)
{
    const char *domain = NULL;

    c->value_offset = strlen(prefix);
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
        add_commands(c, true);
        return;
    case COMPL_INTERFACE:
    case COMPL_DISK:
    case COMPL_AGENT_CMD:
    case COMPL_QMP_CMD:
        domain = walk_domain(w);
        if (!domain)
            return;
        break;
    default:
        break;
    }
    char **names = complete_fetch(c->sh, c->uri, o->complete, domain, command);
    for (size_t i = 0; names[i]; i++) {
        add(c, prefix, names[i]);
        free(names[i]);
    }
    free(names);
}

/* Kinds that name a command: in an OT_ARGV only its first word is one. */
static bool names_a_command(compl_kind k)
{
    return k == COMPL_COMMAND || k == COMPL_AGENT_CMD || k == COMPL_QMP_CMD;
}

/* The current word, after the words `w` walked. */
static void complete_after(struct ctx *c, const struct walk *w)
{
    const char *cur = c->cur;
    bool options_ok = !w->only_words && !w->in_argv;

    if (w->pending) {
        add_values(c, w, w->pending, "", NULL);
        return;
    }
    if (options_ok && cur[0] == '-') {
        const char *eq = strchr(cur, '=');
        if (cur[1] == '-' && eq) {
            _cleanup_free_ char *name = xstrndup(cur + 2, (size_t)(eq - cur - 2));
            _cleanup_free_ char *prefix = xstrndup(cur, (size_t)(eq - cur + 1));
            const struct opt_def *o = args_find_opt(w->cmd, name);
            if (o && o->type != OT_ARGV && args_opt_takes_value(o))
                add_values(c, w, o, prefix, NULL);
            return;
        }
        add_options(c, w);
        return;
    }
    const struct opt_def *p = next_positional(w);
    const char *command = NULL;
    if (p && p->type == OT_ARGV && w->argv_words > 0 && names_a_command(p->complete)) {
        /* The words after a command name are its arguments: QMP's schema knows them. */
        if (p->complete == COMPL_QMP_CMD)
            command = w->argv_first;
        else
            p = NULL;
    }
    if (p)
        add_values(c, w, p, "", command);
    if (options_ok && !cur[0] && c->mode == COMPLETE_WORDS &&
        (!p || !(p->flags & OPT_REQUIRED)))
        add_options(c, w);
}

/* Words of one command (with the global options first when `globals`). */
static void complete_words(struct ctx *c, char *const *words, size_t n, bool globals)
{
    size_t i = 0;

    if (globals) {
        struct walk gw = { .cmd = &global_cmd };
        i = walk_words(&gw, words, n, true, true);
        const struct opt_def *conn_opt = args_find_opt(&global_cmd, "connect");
        if (conn_opt && gw.value[opt_index(&gw, conn_opt)])
            c->uri = gw.value[opt_index(&gw, conn_opt)];
        if (i == n) {
            if (gw.pending || c->cur[0] == '-')
                complete_after(c, &gw);
            else
                add_commands(c, false);
            return;
        }
    }
    if (i == n) {
        add_commands(c, false);
        return;
    }
    struct walk w = { .cmd = cmd_lookup(words[i]) };
    if (!w.cmd || (w.cmd->flags & CMD_HIDDEN))
        return;
    walk_words(&w, words + i + 1, n - i - 1, false, false);
    complete_after(c, &w);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void finish(struct ctx *c, struct complete_result *ret, const char *cur, char quote)
{
    size_t k = 0;
    if (c->out.n)
        qsort(c->out.v, c->out.n, sizeof(*c->out.v), cmp_str);
    for (size_t i = 0; i < c->out.n; i++) {
        if (k && str_eq(c->out.v[k - 1], c->out.v[i]))
            free(c->out.v[i]);
        else
            c->out.v[k++] = c->out.v[i];
    }
    ret->cands = c->out.v ? c->out.v : xmalloc(sizeof(char *));
    ret->cands[k] = NULL;
    ret->n = k;
    ret->mode = c->mode;
    ret->word = xstrdup(cur);
    ret->quote = quote;
    ret->value_offset = c->mode == COMPLETE_WORDS ? 0 : c->value_offset;
}

void complete_result_free(struct complete_result *r)
{
    if (!r)
        return;
    for (size_t i = 0; r->cands && i < r->n; i++)
        free(r->cands[i]);
    free(r->cands);
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
        char **words = xcalloc(nwords + 1, sizeof(*words));
        for (size_t i = 0; i < nwords; i++)
            words[i] = last->tok[i].text;
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
    size_t len = 0, cap = strlen(raw) + 1;
    char *s = xmalloc(cap);

    s[0] = '\0';
    lex_split(raw, strlen(raw), LEX_PARTIAL, &lr);
    for (size_t i = 0; i < lr.ncmds; i++) {
        for (size_t k = 0; k < lr.cmds[i].n; k++) {
            size_t tl = strlen(lr.cmds[i].tok[k].text);
            if (len + tl + 1 > cap)
                s = xrealloc(s, cap = len + tl + 1);
            memcpy(s + len, lr.cmds[i].tok[k].text, tl + 1);
            len += tl;
        }
    }
    if (quote)
        *quote = lr.ends_in_word ? lr.open_quote : 0;
    lex_result_free(&lr);
    return s;
}

void complete_argv(struct shell *sh, char *const *words, size_t n, struct complete_result *ret)
{
    struct ctx c = { .sh = sh, .uri = sh->uri };
    char quote = 0;
    char **dq = xcalloc(n + 1, sizeof(*dq));

    for (size_t i = 0; i < n; i++)
        dq[i] = dequote(words[i], i + 1 == n ? &quote : NULL);
    c.cur = n ? dq[n - 1] : "";
    complete_words(&c, dq, n ? n - 1 : 0, true);
    finish(&c, ret, c.cur, quote);
    for (size_t i = 0; i < n; i++)
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
