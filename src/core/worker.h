/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * core/worker.h - a worker thread with a deadline.
 *
 * Some calls wait for a peer that may never answer, and nothing bounds them
 * (opening a libvirt connection, completion's lookups).  Such a call runs in
 * a worker thread while the caller waits for it until a deadline; a caller
 * that gives up (deadline, Ctrl-C) leaves the worker to finish on its own:
 * the worker then cleans up what it got, and the job's data is freed when
 * the last of the two lets go of it.
 *
 *   w = worker_start(&ops, job, 0);
 *   if (worker_wait(w, 1500) == WORKER_DONE)
 *       ... read the results in job ...
 *   worker_release(w);
 */
#pragma once

#include <stdbool.h>

struct worker;

struct worker_ops {
    /* The blocking call, in the worker thread. */
    void (*run)(struct worker *w, void *data);
    /* Optional, in the worker thread after run, with the worker's lock held
     * (so the waiter is not running): `abandoned` tells whether the waiter
     * gave up - then nobody will read the results, clean them up here. */
    void (*done)(void *data, bool abandoned);
    /* Optional: free data, when both the waiter and the worker let go. */
    void (*free)(void *data);
};

enum {
    WORKER_INLINE = 1 << 0,        /* run on the calling thread, in worker_start */
    WORKER_INTERRUPTIBLE = 1 << 1, /* Ctrl-C (shell_interrupted) ends the wait too */
};

enum worker_status {
    WORKER_DONE,        /* run returned: the results are the waiter's */
    WORKER_TIMEOUT,     /* the deadline passed: the worker was given up on */
    WORKER_INTERRUPTED, /* Ctrl-C: the worker was given up on */
};

/* Start ops->run(w, data) in a thread.  NULL when no thread can be started
 * (data is untouched then: it is still the caller's). */
struct worker *worker_start(const struct worker_ops *ops, void *data, unsigned flags);
/* Wait until run returned, or at most timeout_ms (< 0: no limit) of time
 * that counts (see worker_hold).  Call it once. */
enum worker_status worker_wait(struct worker *w, long long timeout_ms);
/* Wait at most ms for run to return, without giving up on the worker: true
 * when it has.  For a waiter that does something between its waits (a
 * progress line); it still ends with worker_wait. */
bool worker_poll(struct worker *w, long long ms);
/* The waiter lets go of the worker (after worker_wait). */
void worker_release(struct worker *w);
/* From run: while on, the deadline stands still (a credentials prompt
 * waits for the user, not for the peer); it restarts in full after. */
void worker_hold(struct worker *w, bool on);
