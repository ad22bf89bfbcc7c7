/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "core/worker.h"

#include <errno.h>
#include <pthread.h>
#include <time.h>

#include "core/interrupt.h"
#include "core/util.h"

/* How often an interruptible wait looks at the Ctrl-C flag: SIGINT sets a
 * flag, it does not wake a thread waiting on a condition. */
#define POLL_MS 100

struct worker {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    const struct worker_ops *ops;
    void *data;
    unsigned flags;
    int refs;        /* the waiter and the worker */
    bool done;       /* run returned */
    bool abandoned;  /* the waiter gave up */
    bool held;       /* worker_hold: the deadline stands still */
    unsigned holds;  /* worker_hold calls so far: the deadline restarts after one */
};

static void unref_locked(struct worker *w)
{
    bool last = --w->refs == 0;
    pthread_mutex_unlock(&w->mu);
    if (!last)
        return;
    if (w->ops->free)
        w->ops->free(w->data);
    pthread_mutex_destroy(&w->mu);
    pthread_cond_destroy(&w->cv);
    free(w);
}

static void *worker_main(void *opaque)
{
    struct worker *w = opaque;
    w->ops->run(w, w->data);
    pthread_mutex_lock(&w->mu);
    w->done = true;
    if (w->ops->done)
        w->ops->done(w->data, w->abandoned);
    pthread_cond_broadcast(&w->cv);
    unref_locked(w);
    return NULL;
}

struct worker *worker_start(const struct worker_ops *ops, void *data, unsigned flags)
{
    struct worker *w = xcalloc(1, sizeof(*w));
    pthread_condattr_t ca;
    pthread_t t;

    pthread_mutex_init(&w->mu, NULL);
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_cond_init(&w->cv, &ca);
    pthread_condattr_destroy(&ca);
    w->ops = ops;
    w->data = data;
    w->flags = flags;
    w->refs = 2;
    if (flags & WORKER_INLINE) {
        worker_main(w);
        return w;
    }
    if (pthread_create(&t, NULL, worker_main, w) != 0) {
        pthread_mutex_destroy(&w->mu);
        pthread_cond_destroy(&w->cv);
        free(w);
        return NULL;
    }
    pthread_detach(t);
    return w;
}

static long long mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

enum worker_status worker_wait(struct worker *w, long long timeout_ms)
{
    bool poll = w->flags & WORKER_INTERRUPTIBLE;
    long long deadline = timeout_ms < 0 ? -1 : mono_ms() + timeout_ms;
    enum worker_status st = WORKER_DONE;
    unsigned holds = 0;

    pthread_mutex_lock(&w->mu);
    while (!w->done) {
        long long now = mono_ms();
        if ((w->held || w->holds != holds) && deadline >= 0)
            deadline = now + timeout_ms;
        holds = w->holds;
        if (poll && shell_interrupted) {
            st = WORKER_INTERRUPTED;
            break;
        }
        if (deadline >= 0 && now >= deadline) {
            st = WORKER_TIMEOUT;
            break;
        }
        long long until = deadline;
        if (poll && (until < 0 || until > now + POLL_MS))
            until = now + POLL_MS;
        if (until < 0) {
            pthread_cond_wait(&w->cv, &w->mu);
            continue;
        }
        struct timespec ts = { .tv_sec = until / 1000, .tv_nsec = until % 1000 * 1000000L };
        int rc = pthread_cond_timedwait(&w->cv, &w->mu, &ts);
        if (rc != 0 && rc != ETIMEDOUT && rc != EINTR) {
            st = WORKER_TIMEOUT; /* cannot wait: give up rather than spin */
            break;
        }
    }
    if (!w->done)
        w->abandoned = true;
    pthread_mutex_unlock(&w->mu);
    return st;
}

bool worker_poll(struct worker *w, long long ms)
{
    long long until = mono_ms() + ms;
    struct timespec ts = { .tv_sec = until / 1000, .tv_nsec = until % 1000 * 1000000L };
    pthread_mutex_lock(&w->mu);
    while (!w->done) {
        int rc = pthread_cond_timedwait(&w->cv, &w->mu, &ts);
        if (rc != 0 && rc != EINTR)
            break; /* ETIMEDOUT, or cannot wait: the caller comes back */
    }
    bool done = w->done;
    pthread_mutex_unlock(&w->mu);
    return done;
}

void worker_release(struct worker *w)
{
    pthread_mutex_lock(&w->mu);
    unref_locked(w);
}

void worker_hold(struct worker *w, bool on)
{
    pthread_mutex_lock(&w->mu);
    w->held = on;
    w->holds++;
    pthread_cond_broadcast(&w->cv);
    pthread_mutex_unlock(&w->mu);
}
