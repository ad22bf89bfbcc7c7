/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * main.c - process arguments, choose the mode (one-shot, command string,
 * script, batch, interactive) and turn the result into the exit status.
 * The only place that calls exit().
 */
#include <errno.h>
#include <locale.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "core/args.h"
#include "core/help.h"
#include "core/util.h"
#include "virt/err.h"
#include "virt/shell.h"
#include "shell/run.h"

/* "^]" style escape to the character it stands for; -1 if malformed. */
static int parse_escape(const char *s)
{
    if (strlen(s) == 2 && s[0] == '^' && s[1] >= '@' && s[1] <= '_')
        return s[1] - '@';
    if (strlen(s) == 2 && s[0] == '^' && s[1] >= 'a' && s[1] <= 'z')
        return s[1] - 'a' + 1;
    return -1;
}

static int run(int argc, char **argv)
{
    struct shell sh;
    struct args_error aerr;
    int n, status;

    shell_init(&sh);
    n = args_parse(&global_cmd, argc - 1, argv + 1, ARGS_SHORT | ARGS_STOP_AT_WORD, &sh.g, &aerr);
    if (n < 0) {
        /* One line, like every other error. */
        bool hint = str_startswith(aerr.msg, "unknown option") && !strstr(aerr.msg, "did you mean");
        fprintf(stderr, "error: %s%s\n", aerr.msg, hint ? "; try 'virtsh --help'" : "");
        return CMD_USAGE;
    }
    if (sh.g.help) {
        help_global(stdout);
        return CMD_OK;
    }
    if (sh.g.version) {
        printf("%s\n", VIRTSH_VERSION);
        return CMD_OK;
    }

    sh.out.mode = (enum out_mode)sh.g.output;
    sh.out.quiet = sh.g.quiet;
    sh.readonly = sh.g.readonly;
    if (sh.g.escape) {
        int e = parse_escape(sh.g.escape);
        if (e < 0) {
            fprintf(stderr, "error: invalid escape '%s': expected ^ and a letter, like ^]\n",
                    sh.g.escape);
            return CMD_USAGE;
        }
        sh.escape_char = (char)e;
    }
    if (sh.g.log) {
        sh.log = fopen(sh.g.log, "ae");
        if (!sh.log) {
            fprintf(stderr, "error: cannot open log file '%s': %s\n", sh.g.log, strerror(errno));
            return CMD_FAILED;
        }
    }
    /* Allocated last: the early returns above have nothing to free. */
    if (sh.g.connect)
        sh.uri = xstrdup(sh.g.connect);
    else if (getenv("LIBVIRT_DEFAULT_URI") && *getenv("LIBVIRT_DEFAULT_URI"))
        sh.uri = xstrdup(getenv("LIBVIRT_DEFAULT_URI"));
    err_init();
    interrupt_install();

    int rest = argc - 1 - n;
    char **words = argv + 1 + n;
    /* Scripts, batch input and the interactive shell run many commands. */
    sh.session = sh.g.file || rest == 0;
    if (sh.g.file) {
        if (rest > 0) {
            fprintf(stderr, "error: '-f' and a command cannot be used together\n");
            status = CMD_USAGE;
        } else if (str_eq(sh.g.file, "-")) {
            status = shell_run_stream(&sh, stdin, "<stdin>");
        } else {
            FILE *f = fopen(sh.g.file, "re");
            if (!f) {
                fprintf(stderr, "error: cannot open script '%s': %s\n", sh.g.file, strerror(errno));
                status = CMD_FAILED;
            } else {
                status = shell_run_stream(&sh, f, sh.g.file);
                fclose(f);
            }
        }
    } else if (rest == 1) {
        /* One word: a command string, like virsh ("start a; dominfo a"). */
        status = shell_run_string(&sh, words[0], strlen(words[0]));
    } else if (rest > 1) {
        status = shell_run_argv(&sh, rest, words);
    } else if (isatty(STDIN_FILENO)) {
        status = shell_run_interactive(&sh);
    } else {
        status = shell_run_stream(&sh, stdin, "<stdin>");
    }

    shell_free(&sh);
    if (fflush(stdout) != 0 && errno != EPIPE) {
        fprintf(stderr, "error: cannot write output: %s\n", strerror(errno));
        if (status == CMD_OK)
            status = CMD_FAILED;
    }
    return status;
}

int main(int argc, char **argv)
{
    setlocale(LC_ALL, "");
    exit(run(argc, argv));
}
