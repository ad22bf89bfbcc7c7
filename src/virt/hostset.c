/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "virt/hostset.h"

#include <libvirt/virterror.h>
#include <pthread.h>
#include <string.h>

#include "core/strbuf.h"
#include "core/util.h"
#include "virt/conn.h"
#include "virt/err.h"
#include "virt/shell.h"

struct hostset *hostset_new(const struct selection *sel)
{
    struct hostset *hs = xcalloc(1, sizeof(*hs));
    hs->h = xcalloc(sel->n, sizeof(*hs->h));
    hs->n = sel->n;
    for (size_t i = 0; i < sel->n; i++) {
        hs->h[i].name = xstrdup(sel->h[i].name);
        hs->h[i].uri = xstrdup(sel->h[i].uri);
    }
    return hs;
}

int hostset_find(const struct hostset *hs, const char *name)
{
    for (size_t i = 0; hs && i < hs->n; i++)
        if (str_eq(hs->h[i].name, name))
            return (int)i;
    return -1;
}

struct shell *hostset_shell(struct hostset *hs, struct shell *parent, size_t i)
{
    struct hostctx *h = &hs->h[i];
    if (!h->sh) {
        /* One event loop a process: the parent's, started before any host connects. */
        if (conn_start_event_loop(parent) < 0)
            err_clear(parent);
        h->sh = xmalloc(sizeof(*h->sh));
        shell_init(h->sh);
        h->sh->uri = xstrdup(h->uri);
        h->sh->host = h->name;
    }
    struct shell *c = h->sh;
    c->g = parent->g;
    c->out = parent->out;
    c->out.sink = NULL;
    c->out.contract = NULL;
    c->readonly = parent->readonly;
    c->event_loop_started = parent->event_loop_started;
    c->session = parent->session;
    c->escape_char = parent->escape_char;
    c->log = parent->log;
    return c;
}

struct each_job {
    hostset_fn fn;
    struct shell *sh;
    size_t i;
    void *opaque;
    pthread_t t;
    bool started;
};

static void *each_thread(void *data)
{
    struct each_job *j = data;
    err_init();
    j->fn(j->sh, j->i, j->opaque);
    return NULL;
}

void hostset_each(struct hostset *hs, struct shell *parent, const bool *run, hostset_fn fn,
                  void *opaque)
{
    struct each_job *jobs = xcalloc(hs->n, sizeof(*jobs));
    size_t count = 0;
    for (size_t i = 0; i < hs->n; i++)
        count += !run || run[i];
    for (size_t i = 0; i < hs->n; i++) {
        if (run && !run[i])
            continue;
        jobs[i] = (struct each_job){ fn, hostset_shell(hs, parent, i), i, opaque, 0, false };
        /* One host: no thread to hand over to. */
        if (count > 1 && pthread_create(&jobs[i].t, NULL, each_thread, &jobs[i]) == 0)
            jobs[i].started = true;
        else
            fn(jobs[i].sh, i, opaque);
    }
    for (size_t i = 0; i < hs->n; i++)
        if (jobs[i].started)
            pthread_join(jobs[i].t, NULL);
    free(jobs);
}

char *hostset_names(const struct hostset *hs, const bool *pick)
{
    struct strbuf b = { 0 };
    size_t total = 0, done = 0;
    for (size_t i = 0; i < hs->n; i++)
        total += !pick || pick[i];
    for (size_t i = 0; i < hs->n; i++) {
        if (pick && !pick[i])
            continue;
        if (done)
            strbuf_add(&b, done + 1 == total ? " and " : ", ");
        strbuf_printf(&b, "'%s'", hs->h[i].name);
        done++;
    }
    return b.s ? strbuf_steal(&b) : xstrdup("");
}

/* The selection becomes the shell's: one host is sh->uri, several sh->hosts. */
static void take_selection(struct shell *sh, const struct selection *sel)
{
    if (sel->n == 1) {
        free(sh->uri);
        sh->uri = xstrdup(sel->h[0].uri);
    } else {
        sh->hosts = hostset_new(sel);
    }
}

int hostset_select(struct shell *sh)
{
    const char *c = sh->g.connect;
    const struct strv *h = &sh->g.hosts;
    char why[512];
    if (!c && !h->n)
        return CMD_OK;
    if (c && !h->n && strchr(c, ':')) { /* one URI: no files to read */
        sh->uri = xstrdup(c);
        return CMD_OK;
    }
    struct inventory inv;
    struct selection sel = { 0 };
    int rc = CMD_OK;
    if (inventory_load(&inv, why, sizeof(why)) < 0)
        rc = error(sh, "%s", why);
    if (rc == CMD_OK && c && selection_add_lenient(&inv, c, &sel, why, sizeof(why)) < 0)
        rc = usage_error(sh, "%s", why);
    for (size_t i = 0; rc == CMD_OK && i < h->n; i++)
        if (inventory_select(&inv, h->v[i], &sel, why, sizeof(why)) < 0)
            rc = usage_error(sh, "%s", why);
    if (rc == CMD_OK)
        take_selection(sh, &sel);
    selection_free(&sel);
    inventory_free(&inv);
    return rc;
}

/* The hosts selected now, to add to. */
static void current_selection(struct shell *sh, const struct inventory *inv, struct selection *sel)
{
    char why[512];
    for (size_t i = 0; sh->hosts && i < sh->hosts->n; i++)
        selection_add(sel, sh->hosts->h[i].name, sh->hosts->h[i].uri);
    if (sh->hosts)
        return;
    _cleanup_free_ char *uri = sh->uri ? xstrdup(sh->uri)
                             : sh->conn ? virConnectGetURI(sh->conn) : NULL;
    virResetLastError();
    if (uri && selection_add_lenient(inv, uri, sel, why, sizeof(why)) < 0)
        selection_add(sel, uri, uri);
}

/* New contexts for sel, keeping those of hosts already selected. */
static struct hostset *carry_over(struct hostset *old, const struct selection *sel)
{
    struct hostset *hs = hostset_new(sel);
    for (size_t i = 0; old && i < hs->n; i++) {
        int k = hostset_find(old, hs->h[i].name);
        if (k >= 0 && old->h[k].sh) {
            hs->h[i].sh = TAKE_PTR(old->h[k].sh);
            hs->h[i].sh->host = hs->h[i].name;
        }
    }
    return hs;
}

struct reopen {
    bool readonly;
    int *status;
};

static void reopen_host(struct shell *hsh, size_t i, void *opaque)
{
    struct reopen *r = opaque;
    r->status[i] = conn_open(hsh, hsh->uri, r->readonly);
}

/* Open every host's connection again; report those that fail. */
static int reopen_all(struct shell *sh, bool readonly)
{
    int *status = xcalloc(sh->hosts->n, sizeof(*status));
    struct reopen r = { readonly, status };
    size_t failed = 0;
    hostset_each(sh->hosts, sh, NULL, reopen_host, &r);
    for (size_t i = 0; i < sh->hosts->n; i++) {
        if (status[i] != CMD_OK) {
            failed++;
            err_report(sh->hosts->h[i].sh);
        }
    }
    free(status);
    return !failed ? CMD_OK : failed < sh->hosts->n ? CMD_PARTIAL : CMD_FAILED;
}

int hostset_connect(struct shell *sh, const char *spec, bool add, bool readonly)
{
    char why[512];
    if (!spec && sh->hosts) {
        sh->readonly = readonly;
        return reopen_all(sh, readonly);
    }
    struct inventory inv;
    if (inventory_load(&inv, why, sizeof(why)) < 0) {
        inventory_free(&inv);
        return error(sh, "%s", why);
    }
    struct selection sel = { 0 };
    if (add)
        current_selection(sh, &inv, &sel);
    int rc = spec && selection_add_lenient(&inv, spec, &sel, why, sizeof(why)) < 0
                 ? usage_error(sh, "%s", why) : CMD_OK;
    inventory_free(&inv);
    if (rc == CMD_OK && sel.n > 1) {
        struct hostset *hs = carry_over(sh->hosts, &sel);
        shell_free_hosts(sh->hosts);
        conn_close(sh);
        free(sh->uri);
        sh->uri = NULL;
        sh->hosts = hs;
        sh->readonly = readonly;
        rc = reopen_all(sh, readonly);
    } else if (rc == CMD_OK) {
        const char *uri = sel.n ? sel.h[0].uri : sh->uri;
        _cleanup_free_ char *keep = uri ? xstrdup(uri) : NULL;
        rc = conn_open(sh, keep, readonly);
        if (rc == CMD_OK) {
            shell_free_hosts(sh->hosts);
            sh->hosts = NULL;
        }
    }
    selection_free(&sel);
    return rc;
}
