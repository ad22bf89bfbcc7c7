/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "virt/conn.h"

#include <errno.h>

#include <libvirt/virterror.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "core/prompt.h"
#include "core/util.h"
#include "core/worker.h"
#include "virt/domcache.h"
#include "virt/err.h"

static pthread_t event_thread;
static int event_loop_stop;

static void *event_loop_thread(void *opaque)
{
    (void)opaque;
    while (!__atomic_load_n(&event_loop_stop, __ATOMIC_ACQUIRE))
        virEventRunDefaultImpl();
    return NULL;
}

int conn_start_event_loop(struct shell *sh)
{
    if (sh->event_loop_started)
        return 0;
    if (virEventRegisterDefaultImpl() < 0)
        return err_libvirt(sh, "cannot start the event loop");
    if (pthread_create(&event_thread, NULL, event_loop_thread, NULL) != 0)
        return error(sh, "cannot start the event loop thread");
    sh->event_loop_started = true;
    return 0;
}

static void wake_cb(int timer, void *opaque)
{
    (void)opaque;
    virEventRemoveTimeout(timer);
}

void conn_stop_event_loop(struct shell *sh)
{
    if (!sh->event_loop_started)
        return;
    /* The loop frees what a closed connection left behind: let it finish
     * before exit() runs the libraries' destructors under its feet. */
    __atomic_store_n(&event_loop_stop, 1, __ATOMIC_RELEASE);
    if (virEventAddTimeout(0, wake_cb, NULL, NULL) >= 0)
        pthread_join(event_thread, NULL);
    else
        pthread_detach(event_thread);
    sh->event_loop_started = false;
}

static int auth_prompt(virConnectCredentialPtr cred, unsigned int ncred);

/*
 * Opening a connection waits for the daemon's answers, and libvirt bounds
 * that wait by nothing: keepalive needs an open connection.  A daemon that
 * accepts but never answers (stopped, wedged) would hang the shell.  So the
 * open runs in a worker thread (core/worker.h), and the shell waits for it
 * at most as long as keepalive would wait on an open connection, interval x
 * (count + 1) (with -k 0, without a bound); Ctrl-C ends the wait too, and
 * the time spent at a credentials prompt does not count.  A worker given up
 * on closes the connection it gets, if it ever gets one.
 * libvirt's in-process test driver (test:///...) has no daemon to wait for:
 * it opens in the shell's own thread, which spares a thread hand-off
 * (about half a millisecond of a one-shot run).
 */
struct open_job {
    char *uri;
    unsigned int flags;
    struct shell *sh;  /* where the worker records its error, if still awaited */
    virConnectPtr conn;
};

/*
 * Credentials are asked for only on a terminal: a script or a completion
 * request must never hang waiting for a password nobody will type.
 */
static int auth_cb(virConnectCredentialPtr cred, unsigned int ncred, void *opaque)
{
    int rc;
    if (!isatty(STDIN_FILENO) || !isatty(STDERR_FILENO))
        return -1;
    worker_hold(opaque, true);
    rc = auth_prompt(cred, ncred);
    worker_hold(opaque, false);
    return rc;
}

static int auth_prompt(virConnectCredentialPtr cred, unsigned int ncred)
{
    for (unsigned i = 0; i < ncred; i++) {
        _cleanup_(secret_wipe) struct secret s = { 0 };
        bool secret = cred[i].type == VIR_CRED_PASSPHRASE || cred[i].type == VIR_CRED_NOECHOPROMPT;
        _cleanup_free_ char *prompt = xasprintf("%s: ", cred[i].prompt ? cred[i].prompt : "value");
        if (prompt_line(prompt, !secret, &s) < 0)
            return -1;
        cred[i].result = xstrndup(s.buf, s.len);
        cred[i].resultlen = (unsigned)s.len;
    }
    return 0;
}

static int auth_types[] = {
    VIR_CRED_AUTHNAME, VIR_CRED_ECHOPROMPT, VIR_CRED_REALM,
    VIR_CRED_PASSPHRASE, VIR_CRED_NOECHOPROMPT,
};

static void close_cb(virConnectPtr c, int reason, void *opaque)
{
    struct shell *sh = opaque;
    (void)c;
    if (reason != VIR_CONNECT_CLOSE_REASON_CLIENT)
        sh->conn_lost = 1;
}

void conn_close(struct shell *sh)
{
    if (!sh->conn)
        return;
    domcache_free(sh->domcache);
    sh->domcache = NULL;
    free(sh->secmodel);
    sh->secmodel = NULL;
    virConnectUnregisterCloseCallback(sh->conn, close_cb);
    virConnectClose(sh->conn);
    sh->conn = NULL;
    sh->conn_lost = 0;
}

static void open_run(struct worker *w, void *data)
{
    struct open_job *j = data;
    virConnectAuth auth = { auth_types, ARRAY_SIZE(auth_types), auth_cb, w };

    err_init();
    if (!j->uri || str_startswith(j->uri, "test:")) /* a driver in this process, maybe */
        err_quiet_xml();
    j->conn = virConnectOpenAuth(j->uri, &auth, j->flags);
}

/* In the worker's thread, whose libvirt error it is, while the waiter (on
 * the worker's lock) does not touch the shell. */
static void open_done(void *data, bool abandoned)
{
    struct open_job *j = data;
    if (abandoned && j->conn) {
        virConnectClose(j->conn);
        j->conn = NULL;
    } else if (!j->conn && !abandoned) {
        err_libvirt(j->sh, "failed to connect to the hypervisor");
    }
    virResetLastError();
}

static void open_free(void *data)
{
    struct open_job *j = data;
    free(j->uri);
    free(j);
}

static const struct worker_ops open_ops = { open_run, open_done, open_free };

/* virConnectOpenAuth within the keepalive bound.  NULL with the error recorded. */
static virConnectPtr open_bounded(struct shell *sh, const char *uri, unsigned int flags)
{
    long long bound = sh->g.keepalive_interval > 0
        ? sh->g.keepalive_interval * (sh->g.keepalive_count + 1) * 1000 : -1;
    struct open_job *j = xcalloc(1, sizeof(*j));
    bool inline_open = uri && str_startswith(uri, "test:///");

    j->uri = uri ? xstrdup(uri) : NULL;
    j->flags = flags;
    j->sh = sh;
    struct worker *w = worker_start(&open_ops, j,
                                    inline_open ? WORKER_INLINE : WORKER_INTERRUPTIBLE);
    if (!w) {
        open_free(j);
        error(sh, "cannot start a thread to connect");
        return NULL;
    }
    enum worker_status st = worker_wait(w, bound);
    virConnectPtr c = st == WORKER_DONE ? TAKE_PTR(j->conn) : NULL;
    worker_release(w);
    if (st == WORKER_INTERRUPTED)
        err_set(sh, 130, "interrupted: no answer from the hypervisor%s%s%s",
                uri ? " at '" : "", uri ? uri : "", uri ? "'" : "");
    else if (st == WORKER_TIMEOUT)
        error(sh, "failed to connect to the hypervisor: no answer%s%s%s within %lld s "
              "(the keepalive bound, -k/-K)", uri ? " from '" : "", uri ? uri : "",
              uri ? "'" : "", bound / 1000);
    return c;
}

int conn_open(struct shell *sh, const char *uri, bool readonly)
{
    virConnectPtr c;

    /* Keepalive and the close callback need the event loop. */
    if (conn_start_event_loop(sh) < 0)
        return CMD_FAILED;
    c = open_bounded(sh, uri, readonly ? VIR_CONNECT_RO : 0);
    if (!c)
        return CMD_FAILED;
    sh->reconnect_due = false;
    conn_close(sh);
    sh->conn = c;
    sh->readonly = readonly;
    if (uri != sh->uri) {
        free(sh->uri);
        sh->uri = uri ? xstrdup(uri) : NULL;
    }
    virConnectRegisterCloseCallback(c, close_cb, sh, NULL);
    if (sh->g.keepalive_interval > 0)
        virConnectSetKeepAlive(c, (int)sh->g.keepalive_interval, (unsigned)sh->g.keepalive_count);
    virResetLastError(); /* local drivers do not support keepalive: not an error */
    return CMD_OK;
}

virConnectPtr conn_get(struct shell *sh)
{
    if (sh->conn && (sh->conn_lost || virConnectIsAlive(sh->conn) != 1)) {
        conn_close(sh);
        /* (a failed reopen keeps it due: the note comes with the reopen that works) */
        sh->reconnect_due = true;
    }
    if (!sh->conn) {
        /* (conn_open clears it: an explicit `connect` needs no note) */
        bool lost = sh->reconnect_due;
        if (conn_open(sh, sh->uri, sh->readonly) != CMD_OK)
            return NULL;
        if (lost)
            err_note(sh, "the connection was lost: reconnected to '%s'",
                     sh->uri ? sh->uri : "default");
    }
    return sh->conn;
}

/* As virsh reads an ID: a decimal int, maybe with leading blanks and a
 * sign ("+1" is 1), not negative. */
static bool ident_as_id(const char *s, int *ret)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (end == s || *end || errno || v < 0 || v > INT32_MAX)
        return false;
    *ret = (int)v;
    return true;
}

virDomainPtr conn_lookup_domain_by(struct shell *sh, const char *ident, unsigned by)
{
    virConnectPtr c = conn_get(sh);
    virDomainPtr d = NULL;
    int id;

    if (!c)
        return NULL;
    /* A session looks the same domains up again and again: remember them,
     * coherently with lifecycle events (domcache.h).  One-shot runs don't
     * pay for the event subscription. */
    if (sh->session && !sh->domcache)
        sh->domcache = domcache_new(c);
    _cleanup_free_ char *key = xasprintf("%u:%s", by, ident);
    d = domcache_get(sh->domcache, key);
    if (d)
        return d;

    /* virsh's order: an ID, a UUID (36 characters), a name. */
    if ((by & LOOKUP_ID) && ident_as_id(ident, &id))
        d = virDomainLookupByID(c, id);
    if (!d && (by & LOOKUP_UUID) && strlen(ident) == VIR_UUID_STRING_BUFLEN - 1)
        d = virDomainLookupByUUIDString(c, ident);
    if (!d && (by & LOOKUP_NAME))
        d = virDomainLookupByName(c, ident);
    if (!d) {
        virErrorPtr e = virGetLastError();
        if (!e || e->code == VIR_ERR_NO_DOMAIN || e->code == VIR_ERR_INVALID_ARG) {
            virResetLastError();
            error(sh, "domain '%s' not found", ident);
        } else {
            err_libvirt(sh, "cannot look up domain '%s'", ident);
        }
    } else {
        domcache_put(sh->domcache, key, d);
    }
    virResetLastError();
    return d;
}

virDomainPtr conn_lookup_domain(struct shell *sh, const char *ident)
{
    return conn_lookup_domain_by(sh, ident, LOOKUP_ANY);
}

virSecurityModelPtr conn_security_model(struct shell *sh)
{
    if (!sh->secmodel) {
        virSecurityModelPtr m = xcalloc(1, sizeof(*m));
        if (virNodeGetSecurityModel(sh->conn, m) < 0) {
            virResetLastError();
            free(m);
            return NULL;
        }
        sh->secmodel = m;
    }
    return sh->secmodel;
}

void conn_state_changed(struct shell *sh)
{
    domcache_clear(sh->domcache);
}
