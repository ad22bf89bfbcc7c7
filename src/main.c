/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * main.c - process arguments, choose the mode (one-shot, command string,
 * script, batch, interactive) and turn the result into the exit status.
 * The only place that calls exit().
 */
#include <errno.h>
#include <libvirt/libvirt.h>
#include <locale.h>
#include <malloc.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "core/args.h"
#include "core/help.h"
#include "core/util.h"
#include "virt/err.h"
#include "virt/hostset.h"
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

/* Was "-o json" among the global options?  For an error in them, before
 * the parser could say: the words up to the first command word are read
 * leniently, the last -o/--output winning. */
static bool json_requested(int argc, char **argv)
{
    bool json = false;
    for (int i = 1; i < argc && argv[i][0] == '-'; i++) {
        const char *w = argv[i], *v = NULL;
        if (str_eq(w, "--"))
            break;
        if (str_eq(w, "-o") || str_eq(w, "--output"))
            v = i + 1 < argc ? argv[++i] : "";
        else if (str_startswith(w, "--output="))
            v = w + strlen("--output=");
        else if (str_startswith(w, "-o"))
            v = w + 2;
        if (v)
            json = str_eq(v, "json");
    }
    return json;
}

/* -v (short): the version; -V, --version=long: and what it was built with. */
static void print_version(bool full)
{
    unsigned long lib = 0;
    printf("%s\n", VIRTSH_VERSION);
    if (!full)
        return;
    virGetVersion(&lib, NULL, NULL);
    printf("Compiled against libvirt %d.%d.%d\nUsing libvirt %lu.%lu.%lu\n",
           LIBVIR_VERSION_NUMBER / 1000000, LIBVIR_VERSION_NUMBER / 1000 % 1000,
           LIBVIR_VERSION_NUMBER % 1000, lib / 1000000, lib / 1000 % 1000, lib % 1000);
}

/* Report an error of main's own (before or around the run loops) the way
 * every error is reported: one line, or the JSON error object. */
PRINTF(3, 4) static int fail(struct shell *sh, int status, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    _cleanup_free_ char *msg = xvasprintf(fmt, ap);
    va_end(ap);
    err_set(sh, status, "%s", msg);
    err_report(sh);
    return status;
}

static int run(int argc, char **argv)
{
    struct shell sh;
    _cleanup_(globals_freep) struct global_args *lists = &sh.g; /* after shell_free */
    struct args_error aerr;
    int n, status;

    shell_init(&sh);
    n = args_parse(&global_cmd, argc - 1, argv + 1, ARGS_SHORT | ARGS_STOP_AT_WORD | ARGS_LAST_WINS,
                   &sh.g, &aerr);
    if (n < 0) {
        bool hint = str_startswith(aerr.msg, "unknown option") && !strstr(aerr.msg, "did you mean");
        sh.out.mode = json_requested(argc, argv) ? OUT_JSON : OUT_TEXT;
        return fail(&sh, CMD_USAGE, "%s%s", aerr.msg, hint ? "; try 'virtsh --help'" : "");
    }
    if (sh.g.help) {
        help_global(stdout);
        return CMD_OK;
    }
    if (sh.g.version >= 0 || sh.g.version_long) {
        print_version(sh.g.version_long || sh.g.version == 1);
        return CMD_OK;
    }
    if (sh.g.debug < -1 || sh.g.debug > 4) {
        fprintf(stderr, "warning: ignoring debug level %lld: it must be from 0 to 4\n", sh.g.debug);
        sh.g.debug = -1;
    }

    sh.out.mode = (enum out_mode)sh.g.output;
    sh.out.quiet = sh.g.quiet;
    sh.readonly = sh.g.readonly;
    if (sh.g.escape) {
        int e = parse_escape(sh.g.escape);
        if (e < 0) {
            return fail(&sh, CMD_USAGE, "invalid escape '%s': expected ^ and a letter, like ^]",
                        sh.g.escape);
        }
        sh.escape_char = (char)e;
    }
    if (sh.g.log) {
        sh.log = fopen(sh.g.log, "ae");
        if (!sh.log) {
            return fail(&sh, CMD_FAILED, "cannot open log file '%s': %s", sh.g.log,
                        strerror(errno));
        }
    }
    /* Allocated last: the early returns above have nothing to free. */
    if (sh.g.connect || sh.g.hosts.n) {
        /* -c URI or NAME, --hosts for several (virt/hostset.h) */
        if ((status = hostset_select(&sh)) != CMD_OK) {
            err_report(&sh);
            shell_free(&sh);
            return status;
        }
    } else if (getenv("LIBVIRT_DEFAULT_URI") && *getenv("LIBVIRT_DEFAULT_URI")) {
        sh.uri = xstrdup(getenv("LIBVIRT_DEFAULT_URI"));
    }
    err_init();
    interrupt_install();

    int rest = argc - 1 - n;
    char **words = argv + 1 + n;
    /* Scripts, batch input and the interactive shell run many commands. */
    sh.session = sh.g.file || rest == 0;
    if (sh.g.file) {
        if (rest > 0) {
            status = fail(&sh, CMD_USAGE, "'-f' and a command cannot be used together");
        } else if (str_eq(sh.g.file, "-")) {
            status = shell_run_stream(&sh, stdin, "<stdin>");
        } else {
            FILE *f = fopen(sh.g.file, "re");
            if (!f) {
                status = fail(&sh, CMD_FAILED, "cannot open script '%s': %s", sh.g.file,
                              strerror(errno));
            } else {
                status = shell_run_stream(&sh, f, sh.g.file);
                fclose(f);
            }
        }
    } else if (rest == 1 && !*words[0]) {
        status = fail(&sh, CMD_USAGE, "the command string is empty");
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

    if (fflush(stdout) != 0 && errno != EPIPE) {
        int rc = fail(&sh, CMD_FAILED, "cannot write output: %s", strerror(errno));
        if (status == CMD_OK)
            status = rc;
    }
    shell_free(&sh);
    return status;
}

/* One malloc arena for every thread, unless the user chose: each thread
 * that allocates would get an arena of its own (the connection's worker,
 * the event loop, one per host), pages that stay resident for the little
 * they hold.  Our threads mostly wait on sockets, and glibc's per-thread
 * cache serves their small allocations without the arena's lock.  Measured
 * (contrib/BENCHMARKS-*.md): 150 KiB less at the peak of a transfer,
 * 340 KiB less for four hosts at once, the same times. */
static void one_malloc_arena(void)
{
    const char *tunables = getenv("GLIBC_TUNABLES");
    if (!getenv("MALLOC_ARENA_MAX") && !(tunables && strstr(tunables, "arena_max")))
        mallopt(M_ARENA_MAX, 1);
}

int main(int argc, char **argv)
{
    one_malloc_arena();
    setlocale(LC_ALL, "");
    exit(run(argc, argv));
}
