/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "shell/fanout.h"

#include <libvirt/virterror.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "core/args.h"
#include "core/outmerge.h"
#include "core/util.h"
#include "virt/conn.h"
#include "virt/err.h"
#include "virt/evqueue.h"
#include "virt/hostset.h"

bool fanout_take_all_hosts(int *argc, char **argv)
{
    for (int i = 1; i < *argc; i++) {
        if (str_eq(argv[i], "--"))
            return false;
        if (str_eq(argv[i], "--all-hosts")) {
            memmove(&argv[i], &argv[i + 1], (size_t)(*argc - i) * sizeof(*argv));
            (*argc)--;
            return true;
        }
    }
    return false;
}

/* VIRTSH_CHECK_JSON=1: the command's name, for the merged JSON's check. */
static const char *checked_name(const struct cmd_def *cmd)
{
    const char *v = getenv("VIRTSH_CHECK_JSON");
    return v && str_eq(v, "1") ? cmd->name : NULL;
}

/* The domain a command is about: its positional "domain" word, if given. */
static const char *domain_word(const struct cmd_def *cmd, void *args)
{
    const struct opt_def *o = args_find_opt(cmd, "domain");
    if (!o || o->type != OT_STRING || !(o->flags & OPT_POSITIONAL))
        return NULL;
    return *(const char **)((char *)args + o->offset);
}

/* -------------------------------------------------------- finding a domain */

enum found { F_NO, F_YES, F_FAILED };

struct find {
    const char *ident;
    enum found *found;
};

static void find_on_host(struct shell *hsh, size_t i, void *opaque)
{
    struct find *f = opaque;
    f->found[i] = F_FAILED;
    if (!conn_get(hsh))
        return;
    _cleanup_domain_ virDomainPtr d = conn_lookup_domain(hsh, f->ident);
    if (d) {
        f->found[i] = F_YES;
    } else if (!hsh->err.source) { /* ours, not libvirt's: "not found", an answer */
        err_clear(hsh);
        f->found[i] = F_NO;
    }
}

/* Which hosts have the domain: run[i] for each.  A host that cannot tell
 * reports its error and counts in *ret_failed.  CMD_OK, or the error
 * recorded (nowhere, or on several hosts without --all-hosts). */
static int find_domain(struct shell *sh, const char *ident, bool all_hosts, bool *run,
                       size_t *ret_failed)
{
    struct hostset *hs = sh->hosts;
    _cleanup_free_ enum found *found = xcalloc(hs->n, sizeof(*found));
    _cleanup_free_ bool *failed = xcalloc(hs->n, sizeof(*failed));
    struct find f = { ident, found };
    size_t yes = 0;
    hostset_each(hs, sh, NULL, find_on_host, &f);
    *ret_failed = 0;
    for (size_t i = 0; i < hs->n; i++) {
        run[i] = found[i] == F_YES;
        yes += run[i];
        if (found[i] == F_FAILED) {
            failed[i] = true;
            (*ret_failed)++;
            err_report(hs->h[i].sh);
        }
    }
    if (yes > 1 && !all_hosts) {
        _cleanup_free_ char *where = hostset_names(hs, run);
        return error(sh, "domain '%s' is on several hosts: %s; name one with -c, or add "
                     "--all-hosts to mean every one", ident, where);
    }
    if (!yes) {
        _cleanup_free_ char *asked = hostset_names(hs, NULL);
        if (*ret_failed) {
            _cleanup_free_ char *silent = hostset_names(hs, failed);
            return error(sh, "domain '%s' not found on the hosts that answered (%s did not)",
                         ident, silent);
        }
        return error(sh, "domain '%s' not found on hosts %s", ident, asked);
    }
    return CMD_OK;
}

/* -------------------------------------------------------- running */

struct fan {
    const struct cmd_def *cmd;
    int argc;
    char **argv;
    void *args;               /* one host: the parsed args, used as they are */
    struct out *out;          /* the shell's, where one host's output goes at once */
    struct host_out *outs;    /* several: what each host printed */
    int *status;
    const char *check;        /* VIRTSH_CHECK_JSON: the command's name */
};

/* One host: each result printed at once, with the host added. */
static void print_now(struct out *o, struct out_item *it)
{
    struct fan *f = o->sink_data;
    const char *host = f->outs->host;
    outmerge_print_one(f->out, host, it, f->cmd->result, f->check);
    fflush(f->out->fp);
    out_item_free(it);
}

/* Several hosts: each result kept, for the merge. */
static void keep(struct out *o, struct out_item *it)
{
    host_out_add(o->sink_data, it);
}

/* A command that waits for events (--loop): each host's results printed as
 * they come, one at a time, with the host named: one merged stream. */
static pthread_mutex_t stream_lock = PTHREAD_MUTEX_INITIALIZER;
static struct fan *stream_fan;

static void stream(struct out *o, struct out_item *it)
{
    struct host_out *ho = o->sink_data;
    pthread_mutex_lock(&stream_lock);
    outmerge_print_one(stream_fan->out, ho->host, it, stream_fan->cmd->result, stream_fan->check);
    fflush(stream_fan->out->fp);
    pthread_mutex_unlock(&stream_lock);
    out_item_free(it);
}

static bool streams(const struct cmd_def *cmd)
{
    return args_find_opt(cmd, "loop") != NULL;
}

bool fanout_applies(const struct cmd_def *cmd)
{
    if (cmd->flags & CMD_HOSTS)
        return false;
    return !(cmd->flags & CMD_NOCONN) || streams(cmd);
}

static int call(struct shell *hsh, struct fan *f, void *args)
{
    int rc;
    if (!(f->cmd->flags & CMD_NOCONN) && !conn_get(hsh))
        return CMD_FAILED;
    hsh->current = f->cmd;
    rc = f->cmd->run(hsh, args);
    hsh->current = NULL;
    if (f->cmd->flags & CMD_MODIFIES)
        conn_state_changed(hsh);
    return rc;
}

/* In host i's thread: the command with words of its own, its output captured. */
static void run_on_host(struct shell *hsh, size_t i, void *opaque)
{
    struct fan *f = opaque;
    struct host_out *ho = &f->outs[i];
    struct args_error aerr;
    size_t len = 0;
    FILE *raw = open_memstream(&ho->raw, &len);
    hsh->out.sink = streams(f->cmd) ? stream : keep;
    hsh->out.sink_data = ho;
    if (raw)
        hsh->out.fp = raw;
    void *args = xcalloc(1, f->cmd->args_size ? f->cmd->args_size : 1);
    if (args_parse(f->cmd, f->argc - 1, f->argv + 1, 0, args, &aerr) < 0)
        f->status[i] = usage_error(hsh, "%s", aerr.msg);
    else
        f->status[i] = call(hsh, f, args);
    args_free(f->cmd, args);
    free(args);
    if (raw)
        fclose(raw);
    hsh->out.sink = NULL;
    hsh->out.fp = f->out->fp;
}

/* The worst of the hosts' statuses, or CMD_PARTIAL when some failed and
 * some did not. */
static int combine(const int *status, const bool *ran, size_t n, size_t failed_before)
{
    int worst = CMD_OK;
    size_t ok = 0, bad = failed_before;
    for (size_t i = 0; i < n; i++) {
        if (!ran[i])
            continue;
        if (status[i] == CMD_OK) {
            ok++;
        } else {
            bad++;
            worst = status[i] > worst ? status[i] : worst;
        }
    }
    if (bad && ok)
        return CMD_PARTIAL;
    return bad ? (worst ? worst : CMD_FAILED) : CMD_OK;
}

static int run_hosts(struct shell *sh, struct fan *f, const bool *run, size_t count,
                     size_t failed_before)
{
    struct hostset *hs = sh->hosts;
    _cleanup_free_ int *status = xcalloc(hs->n, sizeof(*status));
    _cleanup_free_ struct host_out *outs = xcalloc(hs->n, sizeof(*outs));
    int merged_end = CMD_OK;
    for (size_t i = 0; i < hs->n; i++)
        outs[i].host = hs->h[i].name;
    f->status = status;
    f->outs = outs;
    if (count == 1) { /* in this thread, printed as it comes: a console, an editor work */
        size_t i = 0;
        while (!run[i])
            i++;
        struct shell *hsh = hostset_shell(hs, sh, i);
        f->outs = &outs[i];
        hsh->out.sink = print_now;
        hsh->out.sink_data = f;
        status[i] = call(hsh, f, f->args);
        hsh->out.sink = NULL;
    } else {
        bool merge = streams(f->cmd); /* one stream of events, ended once */
        stream_fan = f;
        if (merge)
            evqueue_merge_begin();
        hostset_each(hs, sh, run, run_on_host, f);
        outmerge_print(&sh->out, outs, hs->n, f->cmd->result, f->check);
        if (merge)
            merged_end = evqueue_merge_end(sh, CMD_OK);
        stream_fan = NULL;
    }
    fflush(sh->out.fp);
    for (size_t i = 0; i < hs->n; i++) {
        if (run[i])
            err_report(hs->h[i].sh);
        host_out_clear(&outs[i]);
    }
    int rc = combine(status, run, hs->n, failed_before);
    return rc == CMD_OK ? merged_end : rc;
}

int fanout_run(struct shell *sh, const struct cmd_def *cmd, void *args, int argc, char **argv,
               bool all_hosts)
{
    struct hostset *hs = sh->hosts;
    _cleanup_free_ bool *run = xcalloc(hs->n, sizeof(*run));
    const char *dom = domain_word(cmd, args);
    bool modifies = (cmd->flags & CMD_MODIFIES) || args_modifying_option(cmd, args);
    size_t failed = 0, count = 0;
    int rc;

    if (dom) {
        rc = find_domain(sh, dom, all_hosts, run, &failed);
        if (rc != CMD_OK)
            return rc;
    } else if (modifies && !all_hosts) {
        _cleanup_free_ char *all = hostset_names(hs, NULL);
        return error(sh, "'%s' would change every selected host (%s): add --all-hosts to mean "
                     "that, or name one host with -c", cmd->name, all);
    } else {
        for (size_t i = 0; i < hs->n; i++)
            run[i] = true;
    }
    for (size_t i = 0; i < hs->n; i++)
        count += run[i];
    struct fan f = { .cmd = cmd, .argc = argc, .argv = argv, .args = args, .out = &sh->out,
                     .check = checked_name(cmd) };
    return run_hosts(sh, &f, run, count, failed);
}
