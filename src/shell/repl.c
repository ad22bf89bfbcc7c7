/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * shell/repl.c - the interactive shell: readline's callback interface, so Ctrl-C
 * can abandon the line being edited without killing the shell, and a
 * history file that is private (0600) and never records a secret.
 */
#include <errno.h>
#include <readline/history.h>
#include <readline/readline.h>
#include <string.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "core/args.h"
#include "core/lex.h"
#include "core/table.h"
#include "core/util.h"
#include "virt/err.h"
#include "complete/complete.h"
#include "shell/run.h"

static struct shell *repl_shell;
static bool repl_eof;

static char *history_path(void)
{
    const char *state = getenv("XDG_STATE_HOME");
    const char *home = getenv("HOME");
    if (state && *state)
        return xasprintf("%s/virtsh/history", state);
    if (home && *home)
        return xasprintf("%s/.local/state/virtsh/history", home);
    return NULL;
}

/* mkdir -p for the directory part of `path`, private to the user. */
static void make_parent_dirs(const char *path)
{
    _cleanup_free_ char *dir = xstrdup(path);
    for (char *p = dir + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        mkdir(dir, 0700);
        *p = '/';
    }
}

static long history_size(void)
{
    const char *s = getenv("VIRTSH_HISTSIZE");
    long long n;
    if (s && parse_ll(s, 0, 1000000, &n) == 0)
        return (long)n;
    return 500;
}

/* A line is kept out of history if any command on it handles a secret. */
static bool line_has_secret(const char *line)
{
    struct lex_result lr;
    bool secret = false;
    if (lex_split(line, strlen(line), LEX_PARTIAL, &lr) < 0)
        return true; /* cannot tell: do not record it */
    for (size_t i = 0; i < lr.ncmds && !secret; i++) {
        const struct cmd_def *c = cmd_lookup(lr.cmds[i].tok[0].text);
        if (!c)
            continue;
        if (c->flags & CMD_SECRET)
            secret = true;
        for (const struct opt_def *o = c->opts; o && o->name && !secret; o++)
            if (o->flags & OPT_SECRET)
                secret = true;
    }
    lex_result_free(&lr);
    return secret;
}

static void record_history(const char *line)
{
    if (!*line || line_has_secret(line))
        return;
    HIST_ENTRY *last = history_length > 0 ? history_get(history_base + history_length - 1) : NULL;
    if (last && str_eq(last->line, line))
        return;
    add_history(line);
}

static void save_history(const char *path)
{
    if (!path)
        return;
    make_parent_dirs(path);
    mode_t old = umask(077);
    write_history(path);
    umask(old);
    chmod(path, 0600);
}

static const char *prompt(void)
{
    return geteuid() == 0 ? "virtsh # " : "virtsh $ ";
}

static void on_line(char *line)
{
    if (!line) {
        repl_eof = true;
        rl_callback_handler_remove();
        return;
    }
    record_history(line);
    /* Run the command with readline's terminal settings put back. */
    rl_callback_handler_remove();
    shell_interrupted = 0;
    shell_run_string(repl_shell, line, strlen(line));
    shell_interrupted = 0;
    free(line);
    if (!repl_shell->quit)
        rl_callback_handler_install(prompt(), on_line);
}

int shell_run_interactive(struct shell *sh)
{
    _cleanup_free_ char *hist = history_path();

    repl_shell = sh;
    repl_eof = false;
    sh->interactive = true;
    rl_readline_name = "virtsh";
    complete_install_readline(sh);
    stifle_history((int)history_size());
    if (hist)
        read_history(hist);

    if (!sh->g.quiet)
        printf("Welcome to virtsh %s, the virtualization shell.\n"
               "Type 'help' for commands, 'quit' or Ctrl-D to leave.\n\n", VIRTSH_VERSION);
    rl_callback_handler_install(prompt(), on_line);
    while (!repl_eof && !sh->quit) {
        fd_set fds;
        FD_ZERO(&fds);
        FD_SET(STDIN_FILENO, &fds);
        int r = select(STDIN_FILENO + 1, &fds, NULL, NULL, NULL);
        if (r < 0) {
            if (errno != EINTR)
                break;
            if (shell_interrupted) {
                /* Ctrl-C: drop the line being edited, start a fresh prompt. */
                shell_interrupted = 0;
                rl_free_line_state();
                rl_callback_sigcleanup();
                rl_replace_line("", 0);
                rl_crlf();
                rl_on_new_line();
                rl_redisplay();
            }
            continue;
        }
        rl_callback_read_char();
    }
    rl_callback_handler_remove();
    if (repl_eof)
        putchar('\n');
    save_history(hist);
    return CMD_OK;
}
