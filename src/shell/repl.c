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

/* readline's own, exported since 6.x: revert every history line that was
 * edited and not accepted, and free the line saved when history browsing
 * began (what bash does on Ctrl-C). */
extern void _rl_revert_all_lines(void);
extern void _rl_free_saved_history_line(void);

static struct shell *repl_shell;
static bool repl_eof;
/* The lines of a command that goes on (an open quote, a trailing
 * backslash), joined with newlines; NULL when none is pending. */
static char *repl_pending;

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

/* The prompt; "> " while a command goes on over several lines. */
static const char *prompt(void)
{
    if (repl_pending)
        return "> ";
    return geteuid() == 0 ? "virtsh # " : "virtsh $ ";
}

/* Does `text` end inside quotes or after a backslash, so that the next
 * line continues it (as in a script)? */
static bool goes_on(const char *text)
{
    struct lex_result lr;
    if (lex_split(text, strlen(text), 0, &lr) == 0) {
        lex_result_free(&lr);
        return false;
    }
    return lex_error_is_incomplete(lr.error);
}

static void on_line(char *line)
{
    if (!line) {
        repl_eof = true;
        rl_callback_handler_remove();
        if (repl_pending) { /* Ctrl-D inside quotes: the error a script gets */
            putchar('\n');
            shell_run_string(repl_shell, repl_pending, strlen(repl_pending));
        }
        return;
    }
    if (repl_pending) {
        char *joined = xasprintf("%s\n%s", repl_pending, line);
        free(repl_pending);
        free(line);
        repl_pending = NULL;
        line = joined;
    }
    if (goes_on(line)) {
        repl_pending = line;
        rl_set_prompt(prompt());
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

/* Ctrl-C: drop the line being edited (and a command that went on over
 * several lines).  A history line recalled and edited stays as it was, and
 * Up starts again from the newest line. */
static void abandon_line(void)
{
    free(repl_pending);
    repl_pending = NULL;
    rl_maybe_replace_line(); /* the current line's edits into its history entry... */
    _rl_revert_all_lines();  /* ...so they are undone with every other entry's */
    _rl_free_saved_history_line();
    using_history();
    rl_free_line_state();
    rl_callback_sigcleanup();
    rl_replace_line("", 1);
    rl_crlf();
    rl_set_prompt(prompt());
    rl_on_new_line();
    rl_redisplay();
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
                shell_interrupted = 0;
                abandon_line();
            }
            continue;
        }
        rl_callback_read_char();
    }
    rl_callback_handler_remove();
    if (repl_eof)
        putchar('\n');
    free(repl_pending);
    repl_pending = NULL;
    save_history(hist);
    return CMD_OK;
}
