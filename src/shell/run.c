/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "shell/run.h"

#include <errno.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/args.h"
#include "core/help.h"
#include "core/lex.h"
#include "core/strbuf.h"
#include "core/strv.h"
#include "core/table.h"
#include "core/util.h"
#include "virt/conn.h"
#include "virt/err.h"
#include "shell/fanout.h"

/* The option `w` (--name or --name=value) names, or NULL. */
static const struct opt_def *named_opt(const struct cmd_def *cmd, const char *w, bool *ret_eq)
{
    char name[128];
    snprintf(name, sizeof(name), "%s", w + 2);
    char *eq = strchr(name, '=');
    if (eq)
        *eq = '\0';
    *ret_eq = eq != NULL;
    return args_find_opt(cmd, name);
}

/* The positional option the next plain word fills: the first in table
 * order not given by name (an OT_ARGV keeps every word after it). */
static const struct opt_def *next_positional(const struct cmd_def *cmd, const struct strv *named,
                                             const struct opt_def **at)
{
    const struct opt_def *o = *at ? *at : cmd->opts;
    for (; o && o->name; o++)
        if ((o->flags & OPT_POSITIONAL || o->type == OT_ARGV) && !strv_contains(named, o->name))
            break;
    if (!o || !o->name)
        return NULL;
    *at = o->type == OT_ARGV ? o : o + 1;
    return o;
}

/* A command's words with every secret option value masked, for logs:
 * `set-user-password web1 root ***`. */
static char *masked_line(const struct cmd_def *cmd, int argc, char **argv)
{
    _cleanup_(strv_free) struct strv named = { 0 };
    bool eq;
    for (int i = 1; cmd && i < argc && !str_eq(argv[i], "--"); i++) {
        const struct opt_def *o = str_startswith(argv[i], "--") ? named_opt(cmd, argv[i], &eq) : NULL;
        if (o) {
            strv_add(&named, o->name);
            i += o->type != OT_BOOL && !eq;
        }
    }
    struct strbuf s = { 0 };
    const struct opt_def *at = NULL;
    enum { WORD, VALUE, SECRET_VALUE } next = WORD;
    bool words = false;
    for (int i = 0; i < argc; i++) {
        const char *w = argv[i];
        if (next != WORD) {
            w = next == SECRET_VALUE ? "***" : w; /* an option's value */
            next = WORD;
        } else if (cmd && i > 0 && !words && str_eq(w, "--")) {
            words = true;
        } else if (cmd && i > 0 && !words && str_startswith(w, "--")) {
            const struct opt_def *o = named_opt(cmd, w, &eq);
            bool secret = o && (o->flags & OPT_SECRET);
            if (secret && eq)
                w = "--***=***";
            if (o && o->type != OT_BOOL && !eq)
                next = secret ? SECRET_VALUE : VALUE;
        } else if (cmd && i > 0 && (cmd->flags & CMD_SECRET)) {
            const struct opt_def *o = next_positional(cmd, &named, &at);
            if (!o || (o->flags & OPT_SECRET))
                w = "***"; /* a secret, or a word no option takes */
        }
        strbuf_printf(&s, "%s%s", i ? " " : "", w);
    }
    return strbuf_steal(&s);
}

/* VIRTSH_CHECK_JSON=1: check every JSON result against its declaration
 * (the test suites set it). */
static bool check_json(void)
{
    static int on = -1;
    if (on < 0) {
        const char *v = getenv("VIRTSH_CHECK_JSON");
        on = v && str_eq(v, "1");
    }
    return on;
}

static bool wants_help(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        if (str_eq(argv[i], "--"))
            return false;
        if (str_eq(argv[i], "--help"))
            return true;
    }
    return false;
}

/* One command of a line, parsed and ready to run: a line runs none of its
 * commands unless every one of them parses, as virsh does. */
struct ready {
    const struct cmd_def *cmd; /* NULL: not a command (nothing to run) */
    int argc;
    char **argv;
    void *args;                /* the parsed options; NULL for COMMAND --help */
    char *late;                /* a bad value, reported when the command's turn comes */
    char **words;              /* argv without an -o FORMAT among the words (owned) */
    int mode;                  /* that -o FORMAT (enum out_mode), or -1 */
    bool all_hosts;            /* --all-hosts was among the words (shell/fanout.c) */
};

/* The output option (-o FORMAT, --output FORMAT, --output=FORMAT) may follow
 * the command words too, unless the command could take those words itself
 * (an option of that name, or words of its own).  Takes it out of r's words:
 * CMD_OK, or a usage error for a bad format. */
static int take_output_option(struct shell *sh, struct ready *r)
{
    for (const struct opt_def *o = r->cmd->opts; o && o->name; o++)
        if (o->type == OT_ARGV || str_eq(o->name, "output"))
            return CMD_OK;
    r->words = xcalloc((size_t)r->argc + 1, sizeof(*r->words));
    int n = 0;
    for (int i = 0; i < r->argc; i++) {
        const char *w = r->argv[i], *v = NULL;
        if (i > 0 && str_eq(w, "--")) {
            while (i < r->argc)
                r->words[n++] = r->argv[i++];
            break;
        }
        if (i > 0 && (str_eq(w, "-o") || str_eq(w, "--output")) && i + 1 < r->argc)
            v = r->argv[++i];
        else if (i > 0 && str_startswith(w, "--output="))
            v = w + strlen("--output=");
        else if (i > 0 && str_startswith(w, "-o") && w[2])
            v = w + 2;
        if (!v) {
            r->words[n++] = r->argv[i];
            continue;
        }
        if (!str_eq(v, "text") && !str_eq(v, "json"))
            return usage_error(sh, "invalid value '%s' for '--output': expected one of text, json", v);
        r->mode = str_eq(v, "json") ? OUT_JSON : OUT_TEXT;
    }
    r->argv = r->words;
    r->argc = n;
    return CMD_OK;
}

/* Look argv's command up and parse its words into r.  CMD_OK, or the
 * usage error recorded. */
static int ready_parse(struct shell *sh, int argc, char **argv, struct ready *r)
{
    struct args_error aerr;
    *r = (struct ready){ .argc = argc, .argv = argv, .mode = -1 };
    r->cmd = cmd_lookup(argv[0]);
    if (!r->cmd) {
        const char *hint = cmd_suggest(argv[0]);
        if (hint)
            return usage_error(sh, "unknown command '%s'; did you mean '%s'?", argv[0], hint);
        return usage_error(sh, "unknown command '%s'; try 'help'", argv[0]);
    }
    int rc = take_output_option(sh, r);
    if (rc != CMD_OK)
        return rc;
    r->all_hosts = fanout_take_all_hosts(&r->argc, r->argv); /* several hosts: shell/fanout.c */
    if (wants_help(r->argc, r->argv) && !args_find_opt(r->cmd, "help"))
        return CMD_OK;
    r->args = xcalloc(1, r->cmd->args_size ? r->cmd->args_size : 1);
    if (args_parse(r->cmd, r->argc - 1, r->argv + 1, 0, r->args, &aerr) < 0) {
        if (!aerr.late)
            return usage_error(sh, "%s", aerr.msg);
        r->late = xstrdup(aerr.msg);
    }
    return CMD_OK;
}

/* What a command was and how it ended, for -d and -l; secrets masked. */
static void log_command(struct shell *sh, const struct ready *r, int rc)
{
    if (sh->g.debug < 0 && !sh->log)
        return;
    _cleanup_free_ char *line = masked_line(r->cmd, r->argc, r->argv);
    if (sh->g.debug >= 0 && sh->g.debug <= 2)
        fprintf(stderr, "debug: ran '%s': status %d\n", line, rc);
    if (sh->log) {
        time_t now = time(NULL);
        char ts[32];
        strftime(ts, sizeof(ts), "%Y-%m-%dT%H:%M:%S", localtime(&now));
        fprintf(sh->log, "%s %s: status %d\n", ts, line, rc);
        fflush(sh->log);
    }
}

/* Done with r: a secret may be among a secret command's words, whether it
 * ran or its words were refused: none outlives the command. */
static void ready_free(struct ready *r)
{
    free(r->late);
    r->late = NULL;
    if (r->args) {
        args_free(r->cmd, r->args);
        free(r->args);
        r->args = NULL;
    }
    for (int i = 1; r->cmd && (r->cmd->flags & CMD_SECRET) && i < r->argc; i++)
        explicit_bzero(r->argv[i], strlen(r->argv[i]));
    free(r->words);
    r->words = NULL;
}

/* The output mode of r's own -o for the time it runs: the previous one. */
static enum out_mode mode_enter(struct shell *sh, const struct ready *r)
{
    enum out_mode was = sh->out.mode;
    if (r->mode >= 0)
        sh->out.mode = (enum out_mode)r->mode;
    return was;
}

/* The handler, after what may refuse it before it starts. */
static int ready_call(struct shell *sh, const struct ready *r)
{
    const struct cmd_def *cmd = r->cmd;
    const struct opt_def *mo;
    int rc;
    if (!r->args) {
        help_command(&sh->out, cmd);
        return CMD_OK;
    }
    if (r->late)
        return usage_error(sh, "%s", r->late);
    if ((cmd->flags & CMD_MODIFIES) && sh->readonly)
        return error(sh, "'%s' changes state: refused on a read-only connection", cmd->name);
    if (sh->readonly && (mo = args_modifying_option(cmd, r->args)))
        return error(sh, "'%s --%s' changes state: refused on a read-only connection", cmd->name,
                     mo->name);
    if (sh->hosts && fanout_applies(cmd)) /* several hosts: shell/fanout.c */
        return fanout_run(sh, cmd, r->args, r->argc, r->argv, r->all_hosts);
    bool own_hosts = sh->hosts && (cmd->flags & CMD_HOSTS); /* it connects to each */
    if (!(cmd->flags & CMD_NOCONN) && !own_hosts && !conn_get(sh))
        return CMD_FAILED;
    /* A command that declares nothing breaks its promise with any JSON. */
    static const struct result_def undeclared = { RS_UNDECLARED, NULL, NULL };
    if (check_json())
        sh->out.contract = cmd->result ? cmd->result : &undeclared, sh->out.contract_cmd = cmd->name;
    rc = cmd->run(sh, r->args);
    sh->out.contract = NULL;
    if (cmd->flags & CMD_MODIFIES)
        conn_state_changed(sh);
    return rc;
}

/* Run a parsed command: its output, its error, then (text mode) the blank
 * line virsh ends each command with. */
static int ready_run(struct shell *sh, const struct ready *r)
{
    double t0 = now_ms();
    enum out_mode was = mode_enter(sh, r);
    sh->current = r->cmd;
    int rc = ready_call(sh, r);
    fflush(stdout);
    log_command(sh, r, rc);
    err_report(sh);
    if (!sh->quit) /* virsh's quit ends before its blank line */
        out_command_done(&sh->out, sh->g.timing);
    if (sh->g.timing)
        fprintf(stderr, "(Time: %.3f ms)\n", now_ms() - t0);
    sh->current = NULL;
    sh->out.mode = was;
    return rc;
}

/* A command that did not parse: its error, in the log too. */
static int refused(struct shell *sh, const struct ready *r, int rc)
{
    enum out_mode was = mode_enter(sh, r);
    log_command(sh, r, rc);
    err_report(sh);
    sh->out.mode = was;
    return rc;
}

int shell_run_argv(struct shell *sh, int argc, char **argv)
{
    struct ready r;
    int rc;
    if (argc == 0)
        return CMD_OK;
    rc = ready_parse(sh, argc, argv, &r);
    rc = rc == CMD_OK ? ready_run(sh, &r) : refused(sh, &r, rc);
    ready_free(&r);
    return rc;
}

static int worse(int a, int b)
{
    return b > a ? b : a;
}

int shell_run_string(struct shell *sh, const char *s, size_t len)
{
    struct lex_result lr;
    int status = CMD_OK;

    if (lex_split(s, len, 0, &lr) < 0) {
        int rc = usage_error(sh, "%s at offset %zu", lex_strerror(lr.error), lr.error_pos);
        err_report(sh);
        return rc;
    }
    if (lr.ncmds > 1)
        sh->session = true;
    /* Every command parsed first: one that does not parse runs none. */
    struct ready *rs = xcalloc(lr.ncmds + 1, sizeof(*rs));
    size_t words = 0, n = 0;
    for (size_t i = 0; i < lr.ncmds; i++)
        words += lr.cmds[i].n + 1;
    char **all = xcalloc(words + 1, sizeof(*all)), **argv = all;
    for (; n < lr.ncmds && status == CMD_OK; n++) {
        struct lex_cmd *c = &lr.cmds[n];
        for (size_t k = 0; k < c->n; k++)
            argv[k] = c->tok[k].text;
        status = ready_parse(sh, (int)c->n, argv, &rs[n]);
        if (status != CMD_OK)
            refused(sh, &rs[n], status);
        argv += c->n + 1;
    }
    bool parsed = status == CMD_OK;
    for (size_t i = 0; parsed && i < n && !sh->quit; i++) {
        int rc = ready_run(sh, &rs[i]);
        status = worse(status, rc);
        if (rc != CMD_OK && sh->g.halt_on_error)
            break;
        if (shell_interrupted && !sh->interactive)
            break;
    }
    for (size_t i = 0; i < n; i++)
        ready_free(&rs[i]);
    free(rs);
    free(all);
    lex_result_free(&lr);
    return status;
}

/* Joined lines are lexed without the final newline, so a trailing backslash
 * shows as "incomplete" rather than as a continuation into nothing. */
static size_t body_len(const struct strbuf *b)
{
    return b->len && b->s[b->len - 1] == '\n' ? b->len - 1 : b->len;
}

int shell_run_stream(struct shell *sh, FILE *in, const char *name)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    struct strbuf pending = { 0 }; /* lines joined while a quote or backslash is open */
    int status = CMD_OK;
    unsigned lineno = 0, start_line = 0;

    while (!sh->quit && (n = getline(&line, &cap, in)) >= 0) {
        lineno++;
        if (!pending.len)
            start_line = lineno;
        strbuf_addn(&pending, line, (size_t)n);

        struct lex_result lr;
        if (lex_split(pending.s, body_len(&pending), 0, &lr) < 0) {
            if (lex_error_is_incomplete(lr.error) && !feof(in))
                continue; /* the command goes on on the next line */
            status = worse(status, usage_error(sh, "%s:%u: %s", name, start_line,
                                               lex_strerror(lr.error)));
            err_report(sh);
        } else {
            lex_result_free(&lr);
            sh->script = name, sh->script_line = start_line;
            status = worse(status, shell_run_string(sh, pending.s, pending.len));
            sh->script = NULL;
        }
        strbuf_free(&pending);
        if (status != CMD_OK && sh->g.halt_on_error)
            break;
        if (shell_interrupted) {
            status = worse(status, 130);
            break;
        }
    }
    if (pending.len) { /* EOF inside quotes or after a backslash */
        struct lex_result lr;
        if (lex_split(pending.s, body_len(&pending), 0, &lr) < 0) {
            status = worse(status, usage_error(sh, "%s:%u: %s", name, start_line,
                                               lex_strerror(lr.error)));
            err_report(sh);
        } else {
            lex_result_free(&lr);
        }
        strbuf_free(&pending);
    }
    if (ferror(in)) { /* a directory, an I/O error: not the end of the script */
        status = worse(status, error(sh, "cannot read '%s': %s", name, strerror(errno)));
        err_report(sh);
    }
    free(line);
    return status;
}
