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
#include "core/table.h"
#include "core/util.h"
#include "virt/conn.h"
#include "virt/err.h"
#include "shell/fanout.h"

/* A command's words with every secret option value masked, for logs. */
static char *masked_line(const struct cmd_def *cmd, int argc, char **argv)
{
    struct strbuf s = { 0 };
    bool mask_next = false;
    for (int i = 0; i < argc; i++) {
        const char *w = argv[i];
        if (mask_next)
            w = "***";
        mask_next = false;
        if (cmd && i > 0 && str_startswith(argv[i], "--")) {
            char name[128];
            snprintf(name, sizeof(name), "%s", argv[i] + 2);
            char *eq = strchr(name, '=');
            if (eq)
                *eq = '\0';
            const struct opt_def *o = args_find_opt(cmd, name);
            if (o && (o->flags & OPT_SECRET)) {
                if (eq)
                    w = "--***=***";
                else
                    mask_next = true;
            }
        } else if (cmd && i > 0 && (cmd->flags & CMD_SECRET)) {
            w = "***"; /* positional words of a secret command may be the secret */
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

int shell_run_argv(struct shell *sh, int argc, char **argv)
{
    const struct cmd_def *cmd;
    struct args_error aerr;
    int rc;

    if (argc == 0)
        return CMD_OK;
    cmd = cmd_lookup(argv[0]);
    if (!cmd) {
        const char *hint = cmd_suggest(argv[0]);
        if (hint)
            rc = usage_error(sh, "unknown command '%s'; did you mean '%s'?", argv[0], hint);
        else
            rc = usage_error(sh, "unknown command '%s'; try 'help'", argv[0]);
        err_report(sh);
        return rc;
    }
    if (wants_help(argc, argv) && !args_find_opt(cmd, "help")) {
        help_command(&sh->out, cmd);
        return CMD_OK;
    }

    bool all_hosts = fanout_take_all_hosts(&argc, argv); /* several hosts: shell/fanout.c */
    void *args = xcalloc(1, cmd->args_size ? cmd->args_size : 1);
    const struct opt_def *mo;
    double t0 = now_ms();
    sh->current = cmd;
    if (args_parse(cmd, argc - 1, argv + 1, 0, args, &aerr) < 0) {
        rc = usage_error(sh, "%s", aerr.msg);
    } else if ((cmd->flags & CMD_MODIFIES) && sh->readonly) {
        rc = error(sh, "'%s' changes state: refused on a read-only connection", cmd->name);
    } else if (sh->readonly && (mo = args_modifying_option(cmd, args))) {
        rc = error(sh, "'%s --%s' changes state: refused on a read-only connection", cmd->name,
                   mo->name);
    } else if (sh->hosts && !(cmd->flags & CMD_NOCONN)) {
        rc = fanout_run(sh, cmd, args, argc, argv, all_hosts); /* several hosts: shell/fanout.c */
    } else if (!(cmd->flags & CMD_NOCONN) && !conn_get(sh)) {
        rc = CMD_FAILED;
    } else {
        if (check_json())
            sh->out.contract = cmd->result, sh->out.contract_cmd = cmd->name;
        rc = cmd->run(sh, args);
        sh->out.contract = NULL;
        if (cmd->flags & CMD_MODIFIES)
            conn_state_changed(sh);
    }
    args_free(cmd, args);
    free(args);
    fflush(stdout);

    if (sh->g.debug >= 0 || sh->log) {
        _cleanup_free_ char *line = masked_line(cmd, argc, argv);
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
    /* A secret may be among a secret command's words, whether it ran or
     * its words were refused: none outlives the command. */
    for (int i = 1; (cmd->flags & CMD_SECRET) && i < argc; i++)
        explicit_bzero(argv[i], strlen(argv[i]));
    err_report(sh);
    if (sh->g.timing)
        fprintf(stderr, "(Time: %.3f ms)\n", now_ms() - t0);
    sh->current = NULL;
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
    for (size_t i = 0; i < lr.ncmds && !sh->quit; i++) {
        struct lex_cmd *c = &lr.cmds[i];
        char **argv = xcalloc(c->n + 1, sizeof(*argv));
        for (size_t k = 0; k < c->n; k++)
            argv[k] = c->tok[k].text;
        int rc = shell_run_argv(sh, (int)c->n, argv);
        free(argv);
        status = worse(status, rc);
        if (rc != CMD_OK && sh->g.halt_on_error)
            break;
        if (shell_interrupted && !sh->interactive)
            break;
    }
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
            status = worse(status, shell_run_string(sh, pending.s, pending.len));
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
