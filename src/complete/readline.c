/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * complete/readline.c - the engine's two front ends: readline in the REPL, and the
 * hidden `complete` command the bash completion script calls.
 *
 * Both keep what the user typed and append the rest of the candidate quoted
 * for the quote left open in the word, or escaped when none is: a domain
 * named "my vm" completes as 'my vm' after a quote and as my\ vm without.
 */
#include <fcntl.h>
#include <readline/readline.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/args.h"
#include "core/strv.h"
#include "core/util.h"
#include "virt/err.h"
#include "complete/complete.h"
#include "complete/fetch.h"

/* ------------------------------------------------------------ readline */

static struct shell *rl_shell;
/* What a listing shows: the raw candidates (basenames for files). */
static struct strv rl_shown;

/* Is the character at `index` quoted or escaped (not a word break)? */
static int rl_char_quoted(char *text, int index)
{
    char quote = 0;
    for (int i = 0; i < index; i++) {
        if (quote == '\'') {
            if (text[i] == '\'')
                quote = 0;
        } else if (text[i] == '\\') {
            if (i + 1 == index)
                return 1;
            i++;
        } else if (quote == '"') {
            if (text[i] == '"')
                quote = 0;
        } else if (text[i] == '\'' || text[i] == '"') {
            quote = text[i];
        }
    }
    return quote != 0;
}

static bool is_dir(const char *path)
{
    struct stat st;
    _cleanup_free_ char *p = path[0] == '~' ? tilde_expand(path) : xstrdup(path);
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* File candidates for a COMPLETE_FILES/DIRS result, through readline's own
 * filename generator; directories end in '/'. */
static void rl_file_cands(struct complete_result *r)
{
    const char *lead = r->word;
    const char *value = r->word + r->value_offset;
    struct strv cands = { 0 };
    char *f;

    for (int state = 0; (f = rl_filename_completion_function(value, state)); state++) {
        bool dir = is_dir(f);
        if (r->mode != COMPLETE_DIRS || dir)
            strv_addf(&cands, "%.*s%s%s", (int)r->value_offset, lead, f, dir ? "/" : "");
        free(f);
    }
    strv_sort(&cands, false);
    strv_freev(r->cands);
    r->n = cands.n;
    r->cands = strv_steal(&cands);
    /* The generator asks readline to treat matches as file names (quoting,
     * stat()ing them): ours are quoted already. */
    rl_filename_completion_desired = 0;
}

static size_t common_prefix(char **v, size_t n)
{
    size_t len = strlen(v[0]);
    for (size_t i = 1; i < n; i++) {
        size_t k = 0;
        while (k < len && v[i][k] == v[0][k])
            k++;
        len = k;
    }
    return len;
}

static char **rl_attempt(const char *text, int start, int end)
{
    struct complete_result r;
    (void)start;

    rl_attempted_completion_over = 1; /* never fall back to readline's file names */
    strv_free(&rl_shown);

    complete_line(rl_shell, rl_line_buffer, (size_t)end, &r);
    err_clear(rl_shell);
    if (r.mode != COMPLETE_WORDS)
        rl_file_cands(&r);
    if (r.n == 0) {
        complete_result_free(&r);
        return NULL;
    }

    char **m = xcalloc(r.n + 2, sizeof(char *));
    size_t k = 1;
    for (size_t i = 0; i < r.n; i++) {
        char *rep = complete_replacement(&r, text, r.cands[i], QUOTE_VIRTSH);
        if (!rep)
            continue;
        const char *shown = r.cands[i] + r.value_offset;
        if (r.mode != COMPLETE_WORDS) {
            /* a listing of files shows names, not paths */
            size_t len = strlen(shown);
            const char *slash = len > 1 ? memrchr(shown, '/', len - 1) : NULL;
            if (slash)
                shown = slash + 1;
        }
        strv_add(&rl_shown, shown);
        m[k++] = rep;
    }
    if (k == 1) {
        free(m);
        complete_result_free(&r);
        return NULL;
    }
    if (k == 2) {
        m[0] = m[1];
        m[1] = NULL;
        /* A directory goes on: no closing quote, no space; nor after the
         * '=' of an argument word (name=, name:=). */
        size_t len = strlen(m[0]);
        if (len && ((r.mode != COMPLETE_WORDS && m[0][len - 1] == '/') || m[0][len - 1] == '=')) {
            rl_completion_suppress_append = 1;
            rl_completion_suppress_quote = 1;
        }
    } else {
        m[0] = xstrndup(m[1], common_prefix(m + 1, k - 1));
    }
    complete_result_free(&r);
    return m;
}

/* A second Tab lists the candidates as they are, not as they would be typed. */
static void rl_show(char **matches, int num, int max)
{
    size_t width = 0;
    (void)matches;
    (void)num;
    (void)max;
    if (!rl_shown.n)
        return;
    char **list = xcalloc(rl_shown.n + 2, sizeof(char *));
    list[0] = (char *)"";
    for (size_t i = 0; i < rl_shown.n; i++) {
        list[i + 1] = rl_shown.v[i];
        if (strlen(rl_shown.v[i]) > width)
            width = strlen(rl_shown.v[i]);
    }
    rl_crlf();
    rl_display_match_list(list, (int)rl_shown.n, (int)width);
    free(list);
    rl_forced_update_display();
}

void complete_install_readline(struct shell *sh)
{
    rl_shell = sh;
    rl_attempted_completion_function = rl_attempt;
    rl_completion_display_matches_hook = rl_show;
    rl_basic_word_break_characters = " \t\n;";
    rl_completer_word_break_characters = (char *)" \t\n;";
    rl_completer_quote_characters = "'\"";
    rl_char_is_quoted_p = rl_char_quoted;
    rl_ignore_completion_duplicates = 0; /* the engine's lists are unique already */
    rl_sort_completion_matches = 0;      /* ... and sorted */
}

/* ------------------------------------------------------------ complete */

const struct opt_def complete_opts[] = {
    OPT_STRING(struct complete_args, "bash", bash, "answer for bash, in a process of its own: TEXT "
               "is the part of the word readline replaces (the completion function's $2)",
               .metavar = "TEXT"),
    OPT_ARGV(struct complete_args, "words", words,
             "the command line's words up to the cursor, as the shell split them",
             .metavar = "WORDS"),
    { 0 },
};

/* Nothing may reach the terminal or read from it: not an error message, not
 * a password prompt.  (ssh reads passwords from /dev/tty: the completion's
 * connections ask libvirt's ssh transport for no_tty=1, which runs ssh in
 * batch mode; leaving the session with setsid() would be surer but costs
 * about 4 ms a Tab, measured.) */
static void detach_from_terminal(void)
{
    int fd = open("/dev/null", O_RDWR | O_CLOEXEC);
    if (fd >= 0) {
        dup2(fd, STDIN_FILENO);
        if (!getenv("VIRTSH_COMPLETE_DEBUG"))
            dup2(fd, STDERR_FILENO);
        close(fd);
    }
    setenv("SSH_ASKPASS_REQUIRE", "never", 1);
}

int cmd_shell_complete(struct shell *sh, void *opaque)
{
    struct complete_args *a = opaque;
    struct complete_result r;
    static const char *const modes[] = { "words", "files", "dirs" };

    /* The bash script runs a process of ours per Tab: that process may give
     * up its terminal and end itself at the deadline.  Typed in the REPL or
     * a script, the command must leave the shell as it is. */
    if (a->bash && !sh->interactive) {
        detach_from_terminal();
        complete_arm_watchdog();
    }
    complete_argv(sh, a->words.v, a->words.n, &r);
    err_clear(sh);
    if (a->bash)
        fprintf(sh->out.fp, "%s\n", modes[r.mode]);
    for (size_t i = 0; i < r.n; i++) {
        if (!a->bash) {
            if (!strchr(r.cands[i], '\n'))
                fprintf(sh->out.fp, "%s\n", r.cands[i]);
            continue;
        }
        _cleanup_free_ char *rep = complete_replacement(&r, a->bash, r.cands[i], QUOTE_BASH);
        if (rep)
            fprintf(sh->out.fp, "%s\n", rep);
    }
    complete_result_free(&r);
    /* One candidate a line and nothing else: no blank line after them, as
     * the scripts that read the list would take it for an empty candidate. */
    out_line_ends_command(&sh->out);
    return CMD_OK;
}
