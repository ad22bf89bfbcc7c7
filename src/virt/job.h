/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * virt/job.h - a long domain operation made by one blocking libvirt call
 * (save, restore, managed save, dump, an external snapshot with memory, a
 * migration, a backup): the call runs in a worker thread while the
 * command's thread draws a progress line from the domain's job stats and
 * turns Ctrl-C into virDomainAbortJob.
 *
 *   static int do_save(void *opaque) { ... return virDomainSaveFlags(...); }
 *   ...
 *   _cleanup_(job_result_clear) struct job_result r = { 0 };
 *   if (job_run(sh, dom, "saving 'web1'", do_save, &args, &r) < 0)
 *       return r.aborted ? error(sh, "save of 'web1' stopped by Ctrl-C; ...")
 *                        : err_libvirt_saved(sh, r.err, "cannot save domain 'web1'");
 *
 * Ctrl-C is left set when it aborted the job: a script stops there with
 * status 130, as on any Ctrl-C.
 */
#pragma once

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
#include <stdbool.h>

#include "virt/context.h"

struct job_result {
    bool aborted;      /* the call failed after Ctrl-C asked libvirt to abort the job */
    bool abort_failed; /* Ctrl-C came, and libvirt refused to abort the job */
    virErrorPtr err;   /* the call's libvirt error when it failed (libvirt keeps
                        * errors per thread): for err_libvirt_saved */
};

void job_result_clear(struct job_result *r);

/* The blocking call, in the worker thread: 0, or -1 with libvirt's error. */
typedef int (*job_fn)(void *opaque);

/* Run fn(opaque) and wait for it, showing progress as `what` (on a
 * terminal, unless -q).  `dom` is the domain whose job it is (NULL: no
 * progress figures, Ctrl-C still waits for the call).  0 on success; -1
 * with the call's libvirt error in ret->err. */
int job_run(struct shell *sh, virDomainPtr dom, const char *what, job_fn fn, void *opaque,
            struct job_result *ret);

/* Called at every tick of job_run_hooks (about 4 times a second) in the
 * command's thread, while the call runs: may act on the job (a timeout's
 * suspend), and may write more figures for the progress line into note. */
struct job_hooks {
    void (*tick)(virDomainPtr dom, double elapsed_ms, void *opaque, char *note, size_t len);
    void *opaque;
};

/* job_run with hooks (NULL: none). */
int job_run_hooks(struct shell *sh, virDomainPtr dom, const char *what, job_fn fn, void *opaque,
                  const struct job_hooks *hooks, struct job_result *ret);

/* The domain's current job as (processed, total) bytes, 0 if no job or
 * no figures (the test driver has none). */
int job_progress(virDomainPtr dom, unsigned long long *ret_done, unsigned long long *ret_total);
