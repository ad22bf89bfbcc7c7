/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "conn.h"

#include <libvirt/virterror.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "domcache.h"
#include "err.h"
#include "util.h"

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

/*
 * Credentials are asked for only on a terminal: a script or a completion
 * request must never hang waiting for a password nobody will type.
 */
static int auth_cb(virConnectCredentialPtr cred, unsigned int ncred, void *opaque)
{
    (void)opaque;
    if (!isatty(STDIN_FILENO) || !isatty(STDERR_FILENO))
        return -1;
    for (unsigned i = 0; i < ncred; i++) {
        char buf[1024];
        bool secret = cred[i].type == VIR_CRED_PASSPHRASE || cred[i].type == VIR_CRED_NOECHOPROMPT;
        struct termios old, quiet;
        fprintf(stderr, "%s: ", cred[i].prompt ? cred[i].prompt : "value");
        fflush(stderr);
        if (secret) {
            tcgetattr(STDIN_FILENO, &old);
            quiet = old;
            quiet.c_lflag &= ~(tcflag_t)ECHO;
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
        }
        char *got = fgets(buf, sizeof(buf), stdin);
        if (secret) {
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
            fputc('\n', stderr);
        }
        if (!got)
            return -1;
        buf[strcspn(buf, "\n")] = '\0';
        cred[i].result = xstrdup(buf);
        cred[i].resultlen = (unsigned)strlen(buf);
        explicit_bzero(buf, sizeof(buf));
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

int conn_open(struct shell *sh, const char *uri, bool readonly)
{
    virConnectAuth auth = { auth_types, ARRAY_SIZE(auth_types), auth_cb, NULL };
    virConnectPtr c;

    /* Keepalive and the close callback need the event loop. */
    if (conn_start_event_loop(sh) < 0)
        return CMD_FAILED;
    c = virConnectOpenAuth(uri, &auth, readonly ? VIR_CONNECT_RO : 0);
    if (!c) {
        err_libvirt(sh, "failed to connect to the hypervisor");
        return CMD_FAILED;
    }
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
        if (conn_open(sh, sh->uri, sh->readonly) != CMD_OK)
            return NULL;
        err_note(sh, "the connection was lost: reconnected to '%s'", sh->uri ? sh->uri : "default");
        return sh->conn;
    }
    if (!sh->conn && conn_open(sh, sh->uri, sh->readonly) != CMD_OK)
        return NULL;
    return sh->conn;
}

static bool looks_like_uuid(const char *s)
{
    size_t hex = 0;
    for (const char *p = s; *p; p++) {
        if ((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f') || (*p >= 'A' && *p <= 'F'))
            hex++;
        else if (*p != '-')
            return false;
    }
    return hex == 32;
}

virDomainPtr conn_lookup_domain(struct shell *sh, const char *ident)
{
    virConnectPtr c = conn_get(sh);
    virDomainPtr d = NULL;
    long long id;

    if (!c)
        return NULL;
    /* A session looks the same domains up again and again: remember them,
     * coherently with lifecycle events (domcache.h).  One-shot runs don't
     * pay for the event subscription. */
    if (sh->session && !sh->domcache)
        sh->domcache = domcache_new(c);
    d = domcache_get(sh->domcache, ident);
    if (d)
        return d;

    if (parse_ll(ident, 0, INT32_MAX, &id) == 0)
        d = virDomainLookupByID(c, (int)id);
    if (!d && looks_like_uuid(ident))
        d = virDomainLookupByUUIDString(c, ident);
    if (!d)
        d = virDomainLookupByName(c, ident);
    if (!d) {
        virErrorPtr e = virGetLastError();
        if (!e || e->code == VIR_ERR_NO_DOMAIN) {
            virResetLastError();
            error(sh, "domain '%s' not found", ident);
        } else {
            err_libvirt(sh, "cannot look up domain '%s'", ident);
        }
    } else {
        domcache_put(sh->domcache, ident, d);
    }
    virResetLastError();
    return d;
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
