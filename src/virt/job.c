/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "virt/job.h"

#include <libvirt/virterror.h>

#include "core/interrupt.h"
#include "core/progress.h"
#include "core/util.h"
#include "core/worker.h"

/* How often the progress line and Ctrl-C are looked at. */
#define TICK_MS 250

struct call {
    job_fn fn;
    void *opaque;
    int rc;
    virErrorPtr err; /* the worker thread's error: libvirt keeps it per thread */
};

static void call_run(struct worker *w, void *data)
{
    struct call *c = data;
    (void)w;
    c->rc = c->fn(c->opaque);
    if (c->rc < 0)
        c->err = virSaveLastError();
}

static const struct worker_ops call_ops = { .run = call_run };

int job_progress(virDomainPtr dom, unsigned long long *ret_done, unsigned long long *ret_total)
{
    virTypedParameterPtr params = NULL;
    int n = 0, type = VIR_DOMAIN_JOB_NONE;
    unsigned long long done = 0, total = 0;
    *ret_done = *ret_total = 0;
    if (!dom || virDomainGetJobStats(dom, &type, &params, &n, 0) < 0) {
        virResetLastError(); /* no figures is no error: the call goes on */
        return 0;
    }
    if (type != VIR_DOMAIN_JOB_NONE &&
        virTypedParamsGetULLong(params, n, VIR_DOMAIN_JOB_DATA_PROCESSED, &done) == 1 &&
        virTypedParamsGetULLong(params, n, VIR_DOMAIN_JOB_DATA_TOTAL, &total) == 1) {
        *ret_done = done;
        *ret_total = total;
    }
    virTypedParamsFree(params, n);
    return 0;
}

void job_result_clear(struct job_result *r)
{
    virFreeError(r->err);
    *r = (struct job_result){ 0 };
}

int job_run(struct shell *sh, virDomainPtr dom, const char *what, job_fn fn, void *opaque,
            struct job_result *ret)
{
    return job_run_hooks(sh, dom, what, fn, opaque, NULL, ret);
}

int job_run_hooks(struct shell *sh, virDomainPtr dom, const char *what, job_fn fn, void *opaque,
                  const struct job_hooks *hooks, struct job_result *ret)
{
    struct call c = { .fn = fn, .opaque = opaque };
    struct progress p;
    job_result_clear(ret);

    struct worker *w = worker_start(&call_ops, &c, 0);
    if (!w) { /* no thread: make the call here, without progress */
        int rc = fn(opaque);
        if (rc < 0)
            ret->err = virSaveLastError();
        return rc;
    }
    progress_begin(&p, stderr, sh->out.quiet, what);
    while (!worker_poll(w, TICK_MS)) {
        if (shell_interrupted && !ret->aborted && dom) {
            ret->aborted = true;
            if (virDomainAbortJob(dom) < 0) {
                ret->abort_failed = true;
                virResetLastError();
            }
        }
        unsigned long long done, total;
        if (hooks && hooks->tick)
            hooks->tick(dom, now_ms() - p.start_ms, hooks->opaque, p.note, sizeof(p.note));
        job_progress(dom, &done, &total);
        progress_update(&p, done, total, now_ms());
    }
    worker_wait(w, -1);
    worker_release(w);
    progress_end(&p);
    ret->err = c.err;
    if (c.rc == 0)
        ret->aborted = false; /* it finished before the abort reached it, or despite it */
    return c.rc < 0 ? -1 : 0;
}
