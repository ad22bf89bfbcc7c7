/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * cmd/devices-events.c - a domain's device and block job events, recorded
 * on libvirt's event loop thread for the command that waits for them
 * (cmd/devices.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <libvirt/virterror.h>
#include <poll.h>
#include <pthread.h>
#include <string.h>
#include <unistd.h>

#include "core/interrupt.h"
#include "core/strv.h"
#include "core/util.h"
#include "virt/err.h"
#include "cmd/devices.h"

#define MAX_JOBS 16

struct dev_events {
    virConnectPtr conn;
    int cb[4];
    int ncb;
    bool jobs;
    int fd[2];
    int refs; /* the command's, and one per registered callback */
    double start_ms;
    pthread_mutex_t lock;
    struct strv removed, failed;   /* aliases */
    struct strv job_disks;         /* the disk of each job event */
    int job_status[MAX_JOBS];      /* parallel to job_disks (the latest MAX_JOBS kept) */
};

static void events_unref(void *opaque)
{
    struct dev_events *e = opaque;
    if (__atomic_sub_fetch(&e->refs, 1, __ATOMIC_ACQ_REL) > 0)
        return;
    close(e->fd[0]);
    close(e->fd[1]);
    strv_free(&e->removed);
    strv_free(&e->failed);
    strv_free(&e->job_disks);
    pthread_mutex_destroy(&e->lock);
    free(e);
}

static void wake(struct dev_events *e)
{
    (void)!write(e->fd[1], "e", 1);
}

static void note(struct dev_events *e, struct strv *list, const char *alias)
{
    pthread_mutex_lock(&e->lock);
    strv_add(list, alias ? alias : "");
    pthread_mutex_unlock(&e->lock);
    wake(e);
}

static void on_removed(virConnectPtr c, virDomainPtr d, const char *alias, void *opaque)
{
    struct dev_events *e = opaque;
    (void)c, (void)d;
    note(e, &e->removed, alias);
}

static void on_failed(virConnectPtr c, virDomainPtr d, const char *alias, void *opaque)
{
    struct dev_events *e = opaque;
    (void)c, (void)d;
    note(e, &e->failed, alias);
}

static void on_job(virConnectPtr c, virDomainPtr d, const char *disk, int type, int status,
                   void *opaque)
{
    struct dev_events *e = opaque;
    (void)c, (void)d, (void)type;
    pthread_mutex_lock(&e->lock);
    if (e->job_disks.n < MAX_JOBS) {
        e->job_status[e->job_disks.n] = status;
        strv_add(&e->job_disks, disk ? disk : "");
    }
    pthread_mutex_unlock(&e->lock);
    wake(e);
}

static void add_callback(struct dev_events *e, virDomainPtr d, int id,
                         virConnectDomainEventGenericCallback cb)
{
    __atomic_add_fetch(&e->refs, 1, __ATOMIC_ACQ_REL);
    int r = virConnectDomainEventRegisterAny(e->conn, d, id, cb, e, events_unref);
    if (r < 0) {
        __atomic_sub_fetch(&e->refs, 1, __ATOMIC_ACQ_REL);
        virResetLastError(); /* without events, the domain itself still tells */
        return;
    }
    e->cb[e->ncb++] = r;
    if (id == VIR_DOMAIN_EVENT_ID_BLOCK_JOB_2)
        e->jobs = true;
}

struct dev_events *dev_events_start(struct shell *sh, virDomainPtr d, unsigned what)
{
    struct dev_events *e = xcalloc(1, sizeof(*e));
    e->conn = virDomainGetConnect(d);
    e->refs = 1;
    e->start_ms = now_ms();
    e->fd[0] = e->fd[1] = -1;
    pthread_mutex_init(&e->lock, NULL);
    if (pipe2(e->fd, O_CLOEXEC | O_NONBLOCK) < 0) {
        events_unref(e);
        error(sh, "cannot create a pipe: %s", strerror(errno));
        return NULL;
    }
    if (what & DEV_EV_REMOVAL) {
        add_callback(e, d, VIR_DOMAIN_EVENT_ID_DEVICE_REMOVED, VIR_DOMAIN_EVENT_CALLBACK(on_removed));
        add_callback(e, d, VIR_DOMAIN_EVENT_ID_DEVICE_REMOVAL_FAILED,
                     VIR_DOMAIN_EVENT_CALLBACK(on_failed));
    }
    if (what & DEV_EV_BLOCKJOB) {
        add_callback(e, d, VIR_DOMAIN_EVENT_ID_BLOCK_JOB, VIR_DOMAIN_EVENT_CALLBACK(on_job));
        add_callback(e, d, VIR_DOMAIN_EVENT_ID_BLOCK_JOB_2, VIR_DOMAIN_EVENT_CALLBACK(on_job));
    }
    return e;
}

void dev_events_free(struct dev_events *e)
{
    if (!e)
        return;
    for (int i = 0; i < e->ncb; i++)
        virConnectDomainEventDeregisterAny(e->conn, e->cb[i]);
    virResetLastError();
    events_unref(e);
}

int dev_events_wait(struct dev_events *e, int ms)
{
    struct pollfd pf = { .fd = e->fd[0], .events = POLLIN };
    int n = poll(&pf, 1, ms);
    if ((n < 0 && errno == EINTR && shell_interrupted) || shell_interrupted)
        return -1;
    if (n <= 0)
        return 0;
    char buf[64];
    while (read(e->fd[0], buf, sizeof(buf)) > 0)
        ;
    return 1;
}

static bool listed(struct dev_events *e, const struct strv *list, const char *alias)
{
    pthread_mutex_lock(&e->lock);
    bool r = alias ? strv_contains(list, alias) : list->n > 0;
    pthread_mutex_unlock(&e->lock);
    return r;
}

bool dev_events_removed(struct dev_events *e, const char *alias)
{
    return listed(e, &e->removed, alias);
}

bool dev_events_refused(struct dev_events *e, const char *alias)
{
    return listed(e, &e->failed, alias);
}

bool dev_events_have_jobs(const struct dev_events *e)
{
    return e->jobs;
}

int dev_events_job_status(struct dev_events *e, const char *const *names)
{
    int status = -1;
    pthread_mutex_lock(&e->lock);
    for (size_t i = 0; i < e->job_disks.n; i++)
        for (const char *const *n = names; *n; n++)
            if (str_eq(e->job_disks.v[i], *n))
                status = e->job_status[i];
    pthread_mutex_unlock(&e->lock);
    return status;
}

/* Is the device with `alias` still in the live XML?  (true when unsure) */
static bool still_there(virDomainPtr d, const char *alias)
{
    _cleanup_free_ char *xml = virDomainGetXMLDesc(d, 0);
    if (!xml) {
        virResetLastError();
        return true;
    }
    _cleanup_free_ char *needle = xasprintf("<alias name='%s'/>", alias);
    return strstr(xml, needle) != NULL;
}

int dev_wait_removal(struct dev_events *e, virDomainPtr d, const char *alias, double timeout_s)
{
    double last_check = now_ms();
    if (alias && !still_there(d, alias))
        return DEV_GONE;
    for (;;) {
        if (dev_events_removed(e, alias))
            return DEV_GONE;
        if (dev_events_refused(e, alias))
            return DEV_REFUSED;
        double now = now_ms();
        if (now - e->start_ms >= timeout_s * 1000)
            return alias && !still_there(d, alias) ? DEV_GONE : DEV_PENDING;
        /* Every few seconds the live XML too, for a daemon without events. */
        if (alias && now - last_check >= 3000) {
            last_check = now;
            if (!still_there(d, alias))
                return DEV_GONE;
        }
        if (dev_events_wait(e, 500) < 0)
            return DEV_INTERRUPTED;
    }
}
