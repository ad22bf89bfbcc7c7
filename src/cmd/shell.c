/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* cmd/shell.c - shell built-ins: help, quit, echo, cd, pwd, connect. */
#include <errno.h>
#include <limits.h>
#include <string.h>
#include <unistd.h>

#include "core/help.h"
#include "core/strbuf.h"
#include "core/util.h"
#include "virt/conn.h"
#include "virt/context.h"
#include "virt/err.h"
#include "complete/complete.h"
#include "cmd/groups.h"

struct help_args {
    const char *topic;
};

static int cmd_shell_help(struct shell *sh, void *opaque)
{
    struct help_args *a = opaque;
    if (!a->topic)
        return help_overview(&sh->out);
    const struct cmd_def *c = cmd_lookup(a->topic);
    if (c)
        return help_command(&sh->out, c);
    const struct cmd_group *g = cmd_group_lookup(a->topic);
    if (g)
        return help_group(&sh->out, g);
    const char *hint = cmd_suggest(a->topic);
    /* A usage error (2), like an unknown command anywhere else. */
    if (hint)
        return usage_error(sh, "no command or group '%s'; did you mean '%s'?", a->topic, hint);
    return usage_error(sh, "no command or group '%s'; try 'help'", a->topic);
}

static int cmd_shell_quit(struct shell *sh, void *opaque)
{
    (void)opaque;
    sh->quit = true;
    return CMD_OK;
}

struct echo_args {
    bool shell, xml, split, err;
    struct strv words;
};

/* Quote a word so the shell (or XML) reads it back as it was, into b. */
static void echo_quoted(struct strbuf *b, const char *w, bool as_shell, bool as_xml)
{
    if (as_xml) {
        for (const char *p = w; *p; p++) {
            switch (*p) {
            case '<': strbuf_add(b, "&lt;"); break;
            case '>': strbuf_add(b, "&gt;"); break;
            case '&': strbuf_add(b, "&amp;"); break;
            case '"': strbuf_add(b, "&quot;"); break;
            case '\'': strbuf_add(b, "&apos;"); break;
            default: strbuf_addn(b, p, 1);
            }
        }
        return;
    }
    if (as_shell && (!*w || strpbrk(w, " \t\r\n!'\"\\;#$`*?[]^{}()<>|&~"))) {
        strbuf_add(b, "'");
        for (const char *p = w; *p; p++) {
            if (*p == '\'')
                strbuf_add(b, "'\\''");
            else
                strbuf_addn(b, p, 1);
        }
        strbuf_add(b, "'");
        return;
    }
    strbuf_add(b, w);
}

/* One argument: with --split, its pieces between commas (",," stands for a
 * comma), each ending its line, as virsh prints them. */
static void echo_word(struct strbuf *b, const char *w, const struct echo_args *a)
{
    if (!a->split) {
        echo_quoted(b, w, a->shell, a->xml);
        return;
    }
    struct strbuf piece = { 0 };
    for (const char *p = w;; p++) {
        if (*p == ',' && p[1] == ',') {
            strbuf_addn(&piece, p++, 1);
        } else if (*p == ',' || !*p) {
            echo_quoted(b, piece.s ? piece.s : "", a->shell, a->xml);
            strbuf_add(b, "\n");
            strbuf_free(&piece);
            if (!*p)
                break;
        } else {
            strbuf_addn(&piece, p, 1);
        }
    }
}

static int cmd_shell_echo(struct shell *sh, void *opaque)
{
    struct echo_args *a = opaque;
    if (sh->out.mode == OUT_JSON) {
        _cleanup_json_ struct json_object *arr = json_object_new_array();
        for (size_t i = 0; i < a->words.n; i++)
            json_object_array_add(arr, json_object_new_string(a->words.v[i]));
        if (a->err)
            out_print_json(stderr, arr, JSON_C_TO_STRING_PLAIN);
        else
            out_value(&sh->out, arr, "");
        return CMD_OK;
    }
    struct strbuf b = { 0 };
    for (size_t i = 0; i < a->words.n; i++) {
        if (i)
            strbuf_add(&b, " ");
        echo_word(&b, a->words.v[i], a);
    }
    /* virsh prints the text without a final newline: the blank line after
     * every command ends it, unless --split ended its last piece. */
    bool ended = b.len && b.s[b.len - 1] == '\n';
    if (a->err) {
        fprintf(stderr, "error: %s\n", b.s ? b.s : "");
    } else {
        fprintf(sh->out.fp, "%s%s", b.s ? b.s : "", ended ? "" : "\n");
        if (!ended)
            out_line_ends_command(&sh->out);
    }
    strbuf_free(&b);
    return CMD_OK;
}

struct cd_args {
    const char *dir;
};

static int cmd_shell_cd(struct shell *sh, void *opaque)
{
    struct cd_args *a = opaque;
    const char *dir = a->dir ? a->dir : getenv("HOME");
    if (!dir)
        return error(sh, "no directory given and HOME is not set");
    if (chdir(dir) < 0)
        return error(sh, "cannot change to directory '%s': %s", dir, strerror(errno));
    return CMD_OK;
}

static int cmd_shell_pwd(struct shell *sh, void *opaque)
{
    char buf[PATH_MAX];
    (void)opaque;
    if (!getcwd(buf, sizeof(buf)))
        return error(sh, "cannot get the current directory: %s", strerror(errno));
    _cleanup_json_ struct json_object *o = json_object_new_object();
    json_object_object_add(o, "cwd", json_object_new_string(buf));
    out_value(&sh->out, o, buf);
    return CMD_OK;
}

struct connect_args {
    const char *name;
    bool readonly;
};

static int cmd_shell_connect(struct shell *sh, void *opaque)
{
    struct connect_args *a = opaque;
    const char *uri = a->name ? a->name : sh->uri;
    _cleanup_free_ char *keep = uri ? xstrdup(uri) : NULL;
    if (conn_open(sh, keep, a->readonly) != CMD_OK)
        return CMD_FAILED;
    return CMD_OK;
}

/* The man page's command reference (reStructuredText), made at build time. */
static int cmd_shell_gen_reference(struct shell *sh, void *opaque)
{
    (void)opaque;
    help_write_rst(sh->out.fp);
    return CMD_OK;
}

const struct cmd_group cmd_group_shell = {
    .name = "shell",
    .title = "Shell commands",
    .cmds = (const struct cmd_def[]){
        { .name = "help", .summary = "show the commands, a group's commands, or one command's help",
          .run = cmd_shell_help, .args_size = sizeof(struct help_args), .flags = CMD_NOCONN,
          .opts = OPTS(OPT_STRING(struct help_args, "command", topic, "a command or group name",
                                  .flags = OPT_POSITIONAL, .metavar = "COMMAND|GROUP",
                                  .complete = COMPL_COMMAND)) },
        { .name = "quit", .aliases = ALIASES("exit"), .summary = "leave the shell",
          .run = cmd_shell_quit, .flags = CMD_NOCONN },
        { .name = "echo", .summary = "print the arguments",
          .run = cmd_shell_echo, .args_size = sizeof(struct echo_args),
          .flags = CMD_NOCONN,
          .opts = OPTS(OPT_FLAG(struct echo_args, "shell", shell, "quote for the shell",
                                .excl = EXCL(0)),
                       OPT_FLAG(struct echo_args, "xml", xml, "escape for XML", .excl = EXCL(0)),
                       OPT_FLAG(struct echo_args, "split", split,
                                "split each argument at commas (',,' is a comma), one line each"),
                       OPT_FLAG(struct echo_args, "err", err,
                                "print to standard error, as an error line"),
                       OPT_ARGV(struct echo_args, "string", words, "the words to print",
                                .metavar = "STRING")) },
        { .name = "cd", .summary = "change the current directory",
          .run = cmd_shell_cd, .args_size = sizeof(struct cd_args), .flags = CMD_NOCONN,
          .opts = OPTS(OPT_STRING(struct cd_args, "dir", dir, "directory (default: $HOME)",
                                  .flags = OPT_POSITIONAL, .complete = COMPL_DIR)) },
        { .name = "pwd", .summary = "print the current directory",
          .run = cmd_shell_pwd, .flags = CMD_NOCONN },
        { .name = "connect", .summary = "connect (again) to a hypervisor",
          .desc = "Closes the current connection and opens URI, or the current URI again.",
          .run = cmd_shell_connect, .args_size = sizeof(struct connect_args), .flags = CMD_NOCONN,
          .opts = OPTS(OPT_STRING(struct connect_args, "name", name, "hypervisor connection URI",
                                  .flags = OPT_POSITIONAL, .metavar = "URI"),
                       OPT_FLAG(struct connect_args, "readonly", readonly, "read-only connection")) },
        { .name = "gen-reference", .summary = "print the command reference for the man page",
          .run = cmd_shell_gen_reference, .flags = CMD_NOCONN | CMD_HIDDEN },
        COMPLETE_CMD,
        { 0 },
    },
};
