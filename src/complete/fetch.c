/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * complete/fetch.c - what completion asks the hypervisor, without ever
 * waiting long for it.
 *
 * Each lookup runs in a worker thread while the caller waits until a
 * deadline.  When the daemon does not answer in time the caller gives up
 * with nothing and the worker is left to finish (or to be cut off by the
 * keepalive) on its own; until it has, further lookups answer nothing at
 * once instead of piling up threads behind the same silent daemon.
 *
 * The one-shot `complete` process (a bash Tab) does better than waiting on
 * a worker: a watchdog thread sleeps until the deadline and ends the
 * process there, with nothing printed, so the lookup runs on the main
 * thread without a thread hand-over on its way (on a busy machine each
 * wake-up costs).  That _exit is the one exit outside main.c, and the
 * reason is the process has nothing left to do.
 *
 * The shell's connection is used when it is open.  Otherwise completion
 * opens its own, read-only (listing needs no more, and a read-only socket
 * needs no polkit; only agent and QMP commands need read-write), with an
 * auth callback that refuses every credential and with ssh told not to use
 * the terminal: a Tab never asks for a password.
 *
 * Agent and QMP names come through guest/agent.c and guest/qmp.c, which keep what they
 * learn (guest-info, the QMP schema) in caches on the shell.  The worker
 * gets a private shell to run them on, the REPL's caches moved into it, and
 * they move back when it finishes in time: the shell's own commands never
 * share them with a thread.
 */
#include "complete/fetch.h"
#include "complete/fetch-hostobj.h"

#include <errno.h>
#include <libvirt/virterror.h>
#include <pthread.h>
#include <stdatomic.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/strv.h"
#include "core/util.h"
#include "core/worker.h"
#include "core/xml.h"
#include "virt/conn.h"
#include "virt/err.h"
#include "virt/shell.h"
#include "guest/agent.h"
#include "guest/qmp.h"

#define DEFAULT_TIMEOUT_MS 1500

struct job {
    /* in */
    virConnectPtr conn;   /* a reference, or NULL: open `uri` */
    char *uri;
    bool rw;              /* needs a read-write connection */
    bool keepalive;       /* the event loop runs: let keepalive cut a dead daemon off */
    compl_kind kind;
    char *domain;
    char *command;        /* QMP: the command whose argument words are wanted */
    struct shell *priv;   /* agent and QMP: the shell guest/agent.c and guest/qmp.c run on */
    /* out */
    bool opened;          /* conn was opened by the worker */
    struct strv names;
};

/* Lookups given up on whose worker still waits for the daemon. */
static atomic_int hung_jobs;
/* A one-shot process: lookups run on the main thread, the watchdog bounds them. */
static bool watchdog_armed;
/* The completion's own connection, kept between Tabs (main thread only). */
static virConnectPtr own_conn;
static char *own_uri;
static bool own_rw;

/* Names are words: an empty one is no candidate. */
static void names_add(struct strv *l, const char *s)
{
    if (s && *s)
        strv_add(l, s);
}

static int refuse_credentials(virConnectCredentialPtr cred, unsigned int ncred, void *opaque)
{
    (void)cred;
    (void)ncred;
    (void)opaque;
    return -1;
}

/* ssh must not prompt on the terminal: ask libvirt's ssh transport for no tty. */
static char *quiet_uri(const char *uri)
{
    if (!uri)
        return NULL;
    if (!strstr(uri, "+ssh://") || strstr(uri, "no_tty="))
        return xstrdup(uri);
    return xasprintf("%s%sno_tty=1", uri, strchr(uri, '?') ? "&" : "?");
}

static virConnectPtr open_quiet(const char *uri, bool rw)
{
    static int types[] = {
        VIR_CRED_AUTHNAME, VIR_CRED_ECHOPROMPT, VIR_CRED_REALM,
        VIR_CRED_PASSPHRASE, VIR_CRED_NOECHOPROMPT, VIR_CRED_EXTERNAL,
    };
    virConnectAuth auth = { types, ARRAY_SIZE(types), refuse_credentials, NULL };
    _cleanup_free_ char *u = quiet_uri(uri);
    return virConnectOpenAuth(u, &auth, rw ? 0 : VIR_CONNECT_RO);
}

static unsigned domain_flags(compl_kind k)
{
    switch (k) {
    case COMPL_DOMAIN_ACTIVE: return VIR_CONNECT_LIST_DOMAINS_ACTIVE;
    case COMPL_DOMAIN_INACTIVE: return VIR_CONNECT_LIST_DOMAINS_INACTIVE;
    case COMPL_DOMAIN_PERSISTENT: return VIR_CONNECT_LIST_DOMAINS_PERSISTENT;
    case COMPL_DOMAIN_RUNNING: return VIR_CONNECT_LIST_DOMAINS_RUNNING;
    case COMPL_DOMAIN_PAUSED: return VIR_CONNECT_LIST_DOMAINS_PAUSED;
    default: return 0;
    }
}

/* One bulk call; the names come with the domain objects, no round trip each. */
static void fetch_domains(virConnectPtr c, compl_kind k, struct strv *out)
{
    virDomainPtr *doms = NULL;
    int n = virConnectListAllDomains(c, &doms, domain_flags(k));
    for (int i = 0; i < n; i++) {
        names_add(out, virDomainGetName(doms[i]));
        virDomainFree(doms[i]);
    }
    free(doms);
}

/* The text of every node `expr` selects, into out. */
static void xml_collect(const char *xml, const char *expr, struct strv *out)
{
    char err[256];
    xmlDocPtr doc = xml ? xml_parse(xml, strlen(xml), err, sizeof(err)) : NULL;
    if (!doc)
        return;
    xmlXPathObjectPtr r = xml_xpath(doc, NULL, expr, err, sizeof(err));
    if (r && r->type == XPATH_NODESET && r->nodesetval) {
        for (int i = 0; i < r->nodesetval->nodeNr; i++) {
            xmlChar *s = xmlNodeGetContent(r->nodesetval->nodeTab[i]);
            names_add(out, (const char *)s);
            xmlFree(s);
        }
    }
    xmlXPathFreeObject(r);
    xmlFreeDoc(doc);
}

static void fetch_machines(virConnectPtr c, struct strv *out)
{
    _cleanup_free_ char *caps = virConnectGetCapabilities(c);
    xml_collect(caps, "/capabilities/guest/arch//machine | /capabilities/guest/arch//machine/@canonical",
                out);
}

static virDomainPtr lookup_domain(virConnectPtr c, const char *ident)
{
    long long id;
    virDomainPtr d = virDomainLookupByName(c, ident);
    if (!d && parse_ll(ident, 0, INT32_MAX, &id) == 0)
        d = virDomainLookupByID(c, (int)id);
    if (!d)
        d = virDomainLookupByUUIDString(c, ident);
    return d;
}

static void fetch_devices(virConnectPtr c, const char *domain, const char *expr, struct strv *out)
{
    _cleanup_domain_ virDomainPtr d = lookup_domain(c, domain);
    if (!d)
        return;
    _cleanup_free_ char *xml = virDomainGetXMLDesc(d, 0);
    xml_collect(xml, expr, out);
}

static void fetch_pools(virConnectPtr c, compl_kind k, struct strv *out)
{
    unsigned int flags = k == COMPL_POOL_ACTIVE ? VIR_CONNECT_LIST_STORAGE_POOLS_ACTIVE
                         : k == COMPL_POOL_INACTIVE ? VIR_CONNECT_LIST_STORAGE_POOLS_INACTIVE
                         : k == COMPL_POOL_PERSISTENT ? VIR_CONNECT_LIST_STORAGE_POOLS_PERSISTENT
                                                      : 0;
    virStoragePoolPtr *pools = NULL;
    int n = virConnectListAllStoragePools(c, &pools, flags);
    for (int i = 0; i < n; i++) {
        names_add(out, virStoragePoolGetName(pools[i]));
        virStoragePoolFree(pools[i]);
    }
    free(pools);
}

/* With a pool: its volumes' names; without: every active pool's volumes'
 * keys (a volume's path in most pools), which need no pool. */
static void fetch_volumes(virConnectPtr c, const char *pool, struct strv *out)
{
    virStoragePoolPtr *pools = NULL;
    int n = 0;
    if (pool) {
        virStoragePoolPtr p = virStoragePoolLookupByName(c, pool);
        if (!p)
            p = virStoragePoolLookupByUUIDString(c, pool);
        if (p) {
            pools = xmalloc(sizeof(*pools));
            pools[n++] = p;
        }
    } else {
        n = virConnectListAllStoragePools(c, &pools, VIR_CONNECT_LIST_STORAGE_POOLS_ACTIVE);
    }
    for (int i = 0; i < n; i++) {
        virStorageVolPtr *vols = NULL;
        int m = virStoragePoolListAllVolumes(pools[i], &vols, 0);
        for (int j = 0; j < m; j++) {
            names_add(out, pool ? virStorageVolGetName(vols[j]) : virStorageVolGetKey(vols[j]));
            virStorageVolFree(vols[j]);
        }
        free(vols);
        virStoragePoolFree(pools[i]);
    }
    free(pools);
}

/* The names of a domain's snapshots or checkpoints. */
static void fetch_moments(virConnectPtr c, const char *domain, compl_kind kind, struct strv *out)
{
    _cleanup_domain_ virDomainPtr d = domain ? lookup_domain(c, domain) : NULL;
    if (!d)
        return;
    if (kind == COMPL_SNAPSHOT) {
        virDomainSnapshotPtr *s = NULL;
        int n = virDomainListAllSnapshots(d, &s, 0);
        for (int i = 0; i < n; i++) {
            names_add(out, virDomainSnapshotGetName(s[i]));
            virDomainSnapshotFree(s[i]);
        }
        free(s);
        return;
    }
    virDomainCheckpointPtr *cp = NULL;
    int n = virDomainListAllCheckpoints(d, &cp, 0);
    for (int i = 0; i < n; i++) {
        names_add(out, virDomainCheckpointGetName(cp[i]));
        virDomainCheckpointFree(cp[i]);
    }
    free(cp);
}

/* Agent and QMP names, from guest/agent.c and guest/qmp.c on the private shell. */
static void fetch_on_shell(struct job *j)
{
    struct shell *sh = j->priv;
    _cleanup_strv_array_ char **names = NULL;

    sh->conn = j->conn;
    if (j->kind == COMPL_AGENT_CMD)
        names = agent_command_names(sh, j->domain);
    else if (j->command)
        names = qmp_argument_words(sh, j->domain, j->command);
    else
        names = qmp_command_names(sh, j->domain);
    sh->conn = NULL;
    for (size_t i = 0; names && names[i]; i++)
        names_add(&j->names, names[i]);
    err_clear(sh);
}

static void fetch(struct job *j)
{
    if (compl_kind_is_domain(j->kind)) {
        fetch_domains(j->conn, j->kind, &j->names);
        return;
    }
    switch (j->kind) {
    case COMPL_MACHINE:
        fetch_machines(j->conn, &j->names);
        break;
    case COMPL_INTERFACE:
        fetch_devices(j->conn, j->domain,
                      "/domain/devices/interface/target/@dev | /domain/devices/interface/mac/@address",
                      &j->names);
        break;
    case COMPL_DISK:
        fetch_devices(j->conn, j->domain, "/domain/devices/disk/target/@dev", &j->names);
        break;
    case COMPL_DEVICE_ALIAS:
        fetch_devices(j->conn, j->domain, "/domain/devices/*/alias/@name", &j->names);
        break;
    case COMPL_MAC:
        fetch_devices(j->conn, j->domain, "/domain/devices/interface/mac/@address", &j->names);
        break;
    case COMPL_SNAPSHOT:
    case COMPL_CHECKPOINT:
        fetch_moments(j->conn, j->domain, j->kind, &j->names);
        break;
    case COMPL_AGENT_CMD:
    case COMPL_QMP_CMD:
        fetch_on_shell(j);
        break;
    case COMPL_POOL:
    case COMPL_POOL_ACTIVE:
    case COMPL_POOL_INACTIVE:
    case COMPL_POOL_PERSISTENT:
        fetch_pools(j->conn, j->kind, &j->names);
        break;
    case COMPL_VOLUME:
        fetch_volumes(j->conn, j->domain, &j->names);
        break;
    default:
        if (fetch_hostobj_kind(j->kind))
            fetch_hostobj_names(j->conn, j->kind, &j->names);
        break;
    }
}

static void shell_freep_private(struct shell *sh)
{
    if (!sh)
        return;
    sh->conn = NULL; /* not ours: the job holds that reference */
    shell_free(sh);
    free(sh);
}

static void job_free(struct job *j)
{
    if (j->conn)
        virConnectClose(j->conn);
    strv_free(&j->names);
    shell_freep_private(j->priv);
    free(j->uri);
    free(j->domain);
    free(j->command);
    free(j);
}

static void job_run(struct worker *w, void *data)
{
    struct job *j = data;

    (void)w;
    if (!j->conn) {
        j->conn = open_quiet(j->uri, j->rw);
        j->opened = j->conn != NULL;
        if (j->conn && j->keepalive)
            virConnectSetKeepAlive(j->conn, 5, 2);
    }
    if (j->conn)
        fetch(j);
    virResetLastError();
}

static void job_done(void *data, bool abandoned)
{
    (void)data;
    if (abandoned)
        atomic_fetch_sub(&hung_jobs, 1);
}

static void job_free_data(void *data)
{
    job_free(data);
}

static const struct worker_ops job_ops = { job_run, job_done, job_free_data };

static long timeout_ms(void)
{
    const char *s = getenv("VIRTSH_COMPLETE_TIMEOUT_MS");
    long long v;
    if (s && parse_ll(s, 1, 600000, &v) == 0)
        return (long)v;
    return DEFAULT_TIMEOUT_MS;
}

/* `ms` milliseconds from now on the monotonic clock. */
static void deadline_in(struct timespec *ts, long ms)
{
    clock_gettime(CLOCK_MONOTONIC, ts);
    ts->tv_sec += ms / 1000;
    ts->tv_nsec += (ms % 1000) * 1000000L;
    if (ts->tv_nsec >= 1000000000L) {
        ts->tv_sec++;
        ts->tv_nsec -= 1000000000L;
    }
}

static void *watchdog(void *opaque)
{
    const struct timespec *deadline = opaque;
    while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, deadline, NULL) == EINTR)
        ;
    _exit(0); /* the daemon did not answer: complete with nothing */
}

void complete_arm_watchdog(void)
{
    static struct timespec deadline;
    pthread_t t;

    if (watchdog_armed)
        return;
    deadline_in(&deadline, timeout_ms());
    if (pthread_create(&t, NULL, watchdog, &deadline) == 0) {
        pthread_detach(t);
        watchdog_armed = true;
    }
}

static bool same_uri(const char *a, const char *b)
{
    return (!a && !b) || (a && b && str_eq(a, b));
}

/* The connection a lookup may borrow (a new reference), or NULL. */
static virConnectPtr borrow_conn(struct shell *sh, const char *uri, bool rw)
{
    if (sh->conn && !sh->conn_lost && same_uri(sh->uri, uri) && virConnectIsAlive(sh->conn) == 1) {
        virConnectRef(sh->conn);
        return sh->conn;
    }
    if (own_conn && (!same_uri(own_uri, uri) || (rw && !own_rw) ||
                     virConnectIsAlive(own_conn) != 1)) {
        virConnectClose(own_conn);
        own_conn = NULL;
        free(own_uri);
        own_uri = NULL;
    }
    if (own_conn) {
        virConnectRef(own_conn);
        return own_conn;
    }
    return NULL;
}

/* The shell's caches that guest/agent.c and guest/qmp.c fill, moved from `from` to `to`. */
static void move_caches(struct shell *from, struct shell *to)
{
    shell_cache_move(&to->agent_cache, &from->agent_cache);
    shell_cache_move(&to->qmp_cache, &from->qmp_cache);
}

char **complete_fetch(struct shell *sh, const char *uri, compl_kind kind, const char *domain,
                      const char *command)
{
    struct strv out = { 0 };

    if (atomic_load(&hung_jobs) > 0)
        return strv_steal(&out);

    struct job *j = xcalloc(1, sizeof(*j));
    j->kind = kind;
    j->domain = domain ? xstrdup(domain) : NULL;
    j->command = command ? xstrdup(command) : NULL;
    j->rw = kind == COMPL_AGENT_CMD || kind == COMPL_QMP_CMD;
    j->conn = borrow_conn(sh, uri, j->rw);
    j->uri = uri ? xstrdup(uri) : NULL;
    if (!j->conn && sh->interactive && conn_start_event_loop(sh) == 0)
        j->keepalive = true;
    err_clear(sh);
    if (j->rw) {
        j->priv = xmalloc(sizeof(*j->priv));
        shell_init(j->priv);
        j->priv->uri = uri ? xstrdup(uri) : NULL;
        if (same_uri(sh->uri, uri))
            move_caches(sh, j->priv);
    }

    /* With the watchdog armed, no thread hand-over on the way: it keeps the bound. */
    struct worker *w = worker_start(&job_ops, j, watchdog_armed ? WORKER_INLINE : 0);
    if (!w) {
        job_free(j);
        return strv_steal(&out);
    }
    if (worker_wait(w, timeout_ms()) == WORKER_DONE) {
        out = j->names;
        j->names = (struct strv){ 0 };
        if (j->opened) {
            virConnectRef(j->conn);
            own_conn = j->conn;
            own_uri = uri ? xstrdup(uri) : NULL;
            own_rw = j->rw;
        }
        if (j->priv && same_uri(sh->uri, uri))
            move_caches(j->priv, sh);
    } else {
        atomic_fetch_add(&hung_jobs, 1);
    }
    worker_release(w);
    return strv_steal(&out);
}
