/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * cmd/devices-blockjob.c - block jobs that run on in the daemon: blockcopy,
 * blockcommit, blockpull; with --wait the command follows the job (events
 * and virDomainGetBlockJobInfo, a progress line on a terminal), and Ctrl-C
 * or --timeout aborts it.  Re-running a --wait/--pivot command whose job
 * is already running follows that job instead of starting another (the
 * continuation after a cut: man page, WHEN A COMMAND IS CUT SHORT).
 */
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "core/args.h"
#include "core/interrupt.h"
#include "core/progress.h"
#include "core/strbuf.h"
#include "core/util.h"
#include "core/xml.h"
#include "virt/conn.h"
#include "virt/context.h"
#include "virt/domain.h"
#include "virt/err.h"
#include "cmd/devices.h"

/* The disk a job runs on: the names its events may use, its current
 * source and the destination of a copy (<mirror>). */
struct bj_disk {
    const char *path;
    char *target, *source, *mirror;
    const char *names[4];
};

static void bj_disk_clear(struct bj_disk *b)
{
    free(b->target);
    free(b->source);
    free(b->mirror);
}

static void bj_disk_read(struct shell *sh, virDomainPtr d, const char *path, struct bj_disk *ret)
{
    size_t n = 0;
    *ret = (struct bj_disk){ .path = path };
    _cleanup_(xml_doc_freep) xmlDocPtr doc = dev_domain_xml(sh, d, false, false);
    xmlNodePtr disk = doc ? dev_find_disk(doc, path, false) : NULL;
    err_clear(sh);
    if (disk) {
        ret->target = dev_get(disk, "target/@dev");
        ret->source = dev_get(disk, "source/@file");
        if (!ret->source)
            ret->source = dev_get(disk, "source/@dev");
        ret->mirror = dev_get(disk, "mirror/@file");
        if (!ret->mirror)
            ret->mirror = dev_get(disk, "mirror/source/@file");
        if (!ret->mirror)
            ret->mirror = dev_get(disk, "mirror/source/@dev");
    }
    ret->names[n++] = path;
    if (ret->target)
        ret->names[n++] = ret->target;
    if (ret->source)
        ret->names[n++] = ret->source;
    ret->names[n] = NULL;
}

struct bj_wait {
    const char *label;    /* "Block Copy" */
    long long timeout_s;  /* 0: none */
    bool async;           /* abort without waiting for the job to end */
    bool aborted_by_user; /* out: Ctrl-C (not the timeout) aborted it */
};

/* The job is gone: its event may still be on its way. */
static int bj_vanished(struct dev_events *e, const struct bj_disk *disk)
{
    for (int i = 0; i < 4; i++) {
        int st = dev_events_job_status(e, disk->names);
        if (st >= 0)
            return st;
        if (dev_events_wait(e, 250) < 0)
            break;
    }
    return VIR_DOMAIN_BLOCK_JOB_COMPLETED;
}

/* Does the live XML call the disk's mirror ready?  (A job this command
 * adopted may have been ready before its events were registered.) */
static bool bj_mirror_ready(struct shell *sh, virDomainPtr d, const char *path)
{
    _cleanup_(xml_doc_freep) xmlDocPtr doc = dev_domain_xml(sh, d, false, false);
    xmlNodePtr disk = doc ? dev_find_disk(doc, path, false) : NULL;
    err_clear(sh);
    _cleanup_free_ char *ready = disk ? dev_get(disk, "mirror/@ready") : NULL;
    return ready && str_eq(ready, "yes");
}

/* Abort the job after Ctrl-C or the timeout.  CANCELED, or -1 (error recorded). */
static int bj_abort(struct shell *sh, virDomainPtr d, const struct bj_disk *disk, struct bj_wait *w)
{
    w->aborted_by_user = shell_interrupted;
    if (virDomainBlockJobAbort(d, disk->path, w->async ? VIR_DOMAIN_BLOCK_JOB_ABORT_ASYNC : 0) < 0) {
        err_libvirt(sh, "cannot abort the block job on disk '%s'", disk->path);
        return -1;
    }
    return VIR_DOMAIN_BLOCK_JOB_CANCELED;
}

/* Follow the job on `disk` until it completes, is ready (a copy, an active
 * commit), fails, or is aborted (Ctrl-C, the timeout): a
 * VIR_DOMAIN_BLOCK_JOB_* status, or -1 with the error recorded. */
static int bj_follow(struct shell *sh, virDomainPtr d, struct dev_events *e,
                     const struct bj_disk *disk, struct bj_wait *w)
{
    struct progress p;
    double start = now_ms();
    int result = -1;
    progress_begin(&p, stderr, sh->out.quiet, w->label);
    for (;;) {
        virDomainBlockJobInfo info = { 0 };
        int rc = virDomainGetBlockJobInfo(d, disk->path, &info, 0);
        if (rc < 0) {
            err_libvirt(sh, "cannot follow the block job on disk '%s'", disk->path);
            break;
        }
        /* A Ctrl-C is seen before readiness, even a readiness whose event
         * came already: a copy that became ready at once is still aborted,
         * not pivoted, as the user asked (while the job is there to abort). */
        if (rc > 0 &&
            (shell_interrupted || (w->timeout_s && now_ms() - start > w->timeout_s * 1000.0))) {
            result = bj_abort(sh, d, disk, w);
            break;
        }
        int st = dev_events_job_status(e, disk->names);
        if (st >= 0) {
            result = st;
            break;
        }
        if (rc == 0) {
            result = bj_vanished(e, disk);
            break;
        }
        if (info.end && info.cur == info.end &&
            (!dev_events_have_jobs(e) || bj_mirror_ready(sh, d, disk->path))) {
            result = VIR_DOMAIN_BLOCK_JOB_READY;
            break;
        }
        progress_update(&p, info.cur, info.end, now_ms());
        dev_events_wait(e, 500);
    }
    progress_end(&p);
    return result;
}

/* A job already on the disk that this command may follow instead of
 * starting one: 1 (adopt it), 0 (none), -1 (another job: error recorded). */
static int bj_existing(struct shell *sh, virDomainPtr d, const struct bj_disk *disk, int type,
                       const char *dest)
{
    virDomainBlockJobInfo info = { 0 };
    int rc = virDomainGetBlockJobInfo(d, disk->path, &info, 0);
    if (rc <= 0) {
        virResetLastError();
        return 0;
    }
    if ((int)info.type == type && (!dest || (disk->mirror && str_eq(disk->mirror, dest)))) {
        if (!sh->out.quiet)
            err_note(sh, "disk '%s' of domain '%s' already runs this job: following it",
                     disk->path, virDomainGetName(d));
        return 1;
    }
    error(sh, "disk '%s' of domain '%s' already has another block job: see 'blockjob %s %s "
          "--info'", disk->path, virDomainGetName(d), virDomainGetName(d), disk->path);
    return -1;
}

/* --bandwidth: MiB/s, or bytes/s (a scaled number) with --bytes. */
static int parse_bandwidth(struct shell *sh, const char *s, bool bytes, unsigned long *ret)
{
    unsigned long long v = 0;
    *ret = 0;
    if (!s)
        return 0;
    if ((bytes ? args_parse_scaled(s, 1, &v) : parse_ull(s, &v)) < 0 || v > ULONG_MAX)
        return usage_error(sh, "invalid value '%s' for '--bandwidth': expected %s", s,
                           bytes ? "bytes per second (a number, or with a unit: 10M)"
                                 : "MiB per second"), -1;
    *ret = (unsigned long)v;
    return 0;
}

/* {name, id, uuid, job, disk, result}: what every block job command prints. */
static int bj_report(struct shell *sh, virDomainPtr d, const char *job, const char *path,
                     const char *result, const char *text)
{
    _cleanup_json_ struct json_object *o = domain_ident_json(d);
    json_object_object_add(o, "job", json_object_new_string(job));
    json_object_object_add(o, "disk", json_object_new_string(path));
    json_object_object_add(o, "result", json_object_new_string(result));
    out_message(&sh->out, o, text);
    return CMD_OK;
}

/* The job ended other than as hoped: virsh's line, and the error. */
static int bj_failed(struct shell *sh, virDomainPtr d, int st, const char *noun,
                     const char *path, const struct bj_wait *w)
{
    if (st < 0)
        return CMD_FAILED;
    if (sh->out.mode == OUT_TEXT && !sh->out.quiet)
        fprintf(sh->out.fp, "\n%s %s\n", noun, st == VIR_DOMAIN_BLOCK_JOB_FAILED ? "failed" : "aborted");
    if (st == VIR_DOMAIN_BLOCK_JOB_FAILED)
        return error(sh, "the block job on disk '%s' of domain '%s' failed", path,
                     virDomainGetName(d));
    return error(sh, "the block job on disk '%s' of domain '%s' was aborted%s", path,
                 virDomainGetName(d), w->aborted_by_user ? " (Ctrl-C)"
                 : w->timeout_s ? " (--timeout)" : "");
}

/* The second step of a copy or an active commit, once the job is ready:
 * pivot to the new image, or finish keeping the old one. */
static int bj_conclude(struct shell *sh, virDomainPtr d, const char *path, bool pivot, bool async)
{
    unsigned int flags = (pivot ? VIR_DOMAIN_BLOCK_JOB_ABORT_PIVOT : 0) |
                         (async ? VIR_DOMAIN_BLOCK_JOB_ABORT_ASYNC : 0);
    if (virDomainBlockJobAbort(d, path, flags) < 0)
        return err_libvirt(sh, "cannot %s the block job on disk '%s'", pivot ? "pivot" : "finish",
                           path);
    conn_state_changed(sh);
    return CMD_OK;
}

/* ---- blockcopy ------------------------------------------------------------------ */

struct blockcopy_args {
    const char *domain, *path, *dest, *bandwidth;
    bool shallow, reuse_external, blockdev, wait, verbose;
    long long timeout;
    bool pivot, finish, async;
    const char *xml, *format;
    long long granularity;
    unsigned long long buf_size;
    bool bytes, transient_job, synchronous_writes, print_xml, raw;
};

static char *copy_dest_xml(const struct blockcopy_args *a)
{
    struct strbuf b = { 0 };
    strbuf_printf(&b, "<disk type='%s'>\n  <source", a->blockdev ? "block" : "file");
    dev_attr(&b, a->blockdev ? "dev" : "file", a->dest);
    strbuf_add(&b, "/>\n");
    if (a->format) {
        strbuf_add(&b, "  <driver");
        dev_attr(&b, "type", a->format);
        strbuf_add(&b, "/>\n");
    }
    strbuf_add(&b, "</disk>\n");
    return strbuf_steal(&b);
}

/* Start the copy: virDomainBlockCopy when an option needs it, else the
 * older virDomainBlockRebase, as virsh chooses. */
static int copy_start(struct shell *sh, virDomainPtr d, const struct blockcopy_args *a,
                      const char *xml, unsigned long bw)
{
    unsigned int flags = (a->shallow ? VIR_DOMAIN_BLOCK_COPY_SHALLOW : 0) |
                         (a->reuse_external ? VIR_DOMAIN_BLOCK_COPY_REUSE_EXT : 0) |
                         (a->transient_job ? VIR_DOMAIN_BLOCK_COPY_TRANSIENT_JOB : 0) |
                         (a->synchronous_writes ? VIR_DOMAIN_BLOCK_COPY_SYNCHRONOUS_WRITES : 0);
    bool new_api = a->granularity || a->buf_size || (a->format && !str_eq(a->format, "raw")) ||
                   a->xml || a->transient_job || a->synchronous_writes;
    int rc;
    const char *name = virDomainGetName(d); /* before: it resets libvirt's error */
    if (new_api) {
        virTypedParameterPtr params = NULL;
        int n = 0, max = 0;
        if (bw)
            virTypedParamsAddULLong(&params, &n, &max, VIR_DOMAIN_BLOCK_COPY_BANDWIDTH,
                                    a->bytes ? bw : (unsigned long long)bw << 20);
        if (a->granularity)
            virTypedParamsAddUInt(&params, &n, &max, VIR_DOMAIN_BLOCK_COPY_GRANULARITY,
                                  (unsigned int)a->granularity);
        if (a->buf_size)
            virTypedParamsAddULLong(&params, &n, &max, VIR_DOMAIN_BLOCK_COPY_BUF_SIZE, a->buf_size);
        rc = virDomainBlockCopy(d, a->path, xml, params, n, flags);
        virTypedParamsFree(params, n);
    } else {
        flags |= VIR_DOMAIN_BLOCK_REBASE_COPY | (a->blockdev ? VIR_DOMAIN_BLOCK_REBASE_COPY_DEV : 0) |
                 (str_eq(a->format, "raw") ? VIR_DOMAIN_BLOCK_REBASE_COPY_RAW : 0) |
                 (a->bytes ? VIR_DOMAIN_BLOCK_REBASE_BANDWIDTH_BYTES : 0);
        rc = virDomainBlockRebase(d, a->path, a->dest, bw, flags);
    }
    if (rc < 0) {
        virErrorPtr e = virGetLastError();
        bool hint = !a->transient_job && e && e->message && strstr(e->message, "not transient");
        return err_libvirt(sh, "cannot start copying disk '%s' of domain '%s'%s", a->path, name,
                           hint ? " (a persistent domain's disk is copied with --transient-job)"
                                : "");
    }
    conn_state_changed(sh);
    return CMD_OK;
}

/* The copy's outcome once the job is ready: pivot, finish, or leave it mirroring. */
static int copy_done(struct shell *sh, virDomainPtr d, const struct blockcopy_args *a)
{
    if ((a->pivot || a->finish) && bj_conclude(sh, d, a->path, a->pivot, a->async) != CMD_OK)
        return CMD_FAILED;
    const char *result = a->pivot ? "pivoted" : a->finish ? "finished" : "mirroring";
    const char *text = a->pivot ? "\nSuccessfully pivoted" : a->finish ? "\nSuccessfully copied"
                                                                       : "\nNow in mirroring phase";
    return bj_report(sh, d, "copy", a->path, result, text);
}

static int cmd_devices_blockcopy(struct shell *sh, void *opaque)
{
    struct blockcopy_args *a = opaque;
    bool blocking = a->wait || a->pivot || a->finish || a->timeout;
    unsigned long bw;
    /* (checked here: --dest, --xml and --format may all come as plain words) */
    if (a->xml && (a->dest || a->format || a->blockdev || a->raw))
        return usage_error(sh, "option '--xml' describes the destination: it goes without "
                           "'--dest', '--format', '--blockdev' and '--raw'");
    if (a->raw && a->format)
        return usage_error(sh, "options '--raw' and '--format' cannot be used together");
    if (a->raw)
        a->format = "raw";
    if (parse_bandwidth(sh, a->bandwidth, a->bytes, &bw) < 0)
        return CMD_USAGE;
    _cleanup_free_ char *xml = a->xml ? domain_read_xml_file(sh, a->xml) : copy_dest_xml(a);
    if (!xml)
        return CMD_FAILED;
    if (a->print_xml) {
        out_xml(&sh->out, xml);
        return CMD_OK;
    }
    _cleanup_domain_ virDomainPtr d = conn_lookup_domain(sh, a->domain);
    if (!d)
        return CMD_FAILED;
    _cleanup_(bj_disk_clear) struct bj_disk disk;
    bj_disk_read(sh, d, a->path, &disk);
    if (blocking && a->pivot && a->dest && disk.source && str_eq(disk.source, a->dest)) {
        err_note(sh, "disk '%s' of domain '%s' already runs on '%s': nothing to copy", a->path,
                 a->domain, a->dest);
        return bj_report(sh, d, "copy", a->path, "pivoted", "\nSuccessfully pivoted");
    }
    struct dev_events *e = blocking ? dev_events_start(sh, d, DEV_EV_BLOCKJOB) : NULL;
    if (blocking && !e)
        return CMD_FAILED;
    int adopt = blocking ? bj_existing(sh, d, &disk, VIR_DOMAIN_BLOCK_JOB_TYPE_COPY, a->dest) : 0;
    int st = adopt < 0 ? CMD_FAILED : adopt ? CMD_OK : copy_start(sh, d, a, xml, bw);
    if (st == CMD_OK && !blocking) {
        dev_events_free(e);
        return bj_report(sh, d, "copy", a->path, "started", "Block Copy started");
    }
    if (st == CMD_OK) {
        struct bj_wait w = { .label = "Block Copy", .timeout_s = a->timeout, .async = a->async };
        int job = bj_follow(sh, d, e, &disk, &w);
        if (job == VIR_DOMAIN_BLOCK_JOB_READY || job == VIR_DOMAIN_BLOCK_JOB_COMPLETED)
            st = copy_done(sh, d, a);
        else
            st = bj_failed(sh, d, job, "Copy", a->path, &w);
    }
    dev_events_free(e);
    return st;
}

/* ---- blockcommit ---------------------------------------------------------------- */

struct blockcommit_args {
    const char *domain, *path, *bandwidth, *base;
    bool shallow;
    const char *top;
    bool active, delete, wait, verbose;
    long long timeout;
    bool pivot, keep_overlay, async, keep_relative, bytes;
};

static int commit_done(struct shell *sh, virDomainPtr d, const struct blockcommit_args *a,
                       bool active)
{
    const char *job = active ? "active_commit" : "commit";
    if (!active)
        return bj_report(sh, d, job, a->path, "completed", "\nCommit complete");
    if ((a->pivot || a->keep_overlay) &&
        bj_conclude(sh, d, a->path, a->pivot, a->async) != CMD_OK)
        return CMD_FAILED;
    if (a->pivot)
        return bj_report(sh, d, job, a->path, "pivoted", "\nSuccessfully pivoted");
    if (a->keep_overlay)
        return bj_report(sh, d, job, a->path, "finished", "\nCommit complete, overlay image kept");
    return bj_report(sh, d, job, a->path, "synchronized", "\nNow in synchronized phase");
}

static int cmd_devices_blockcommit(struct shell *sh, void *opaque)
{
    struct blockcommit_args *a = opaque;
    bool active = a->active || a->pivot || a->keep_overlay;
    bool blocking = a->wait || a->pivot || a->keep_overlay || a->timeout;
    unsigned long bw;
    if (parse_bandwidth(sh, a->bandwidth, a->bytes, &bw) < 0)
        return CMD_USAGE;
    unsigned int flags = (a->bytes ? VIR_DOMAIN_BLOCK_COMMIT_BANDWIDTH_BYTES : 0) |
                         (a->shallow ? VIR_DOMAIN_BLOCK_COMMIT_SHALLOW : 0) |
                         (a->delete ? VIR_DOMAIN_BLOCK_COMMIT_DELETE : 0) |
                         (active ? VIR_DOMAIN_BLOCK_COMMIT_ACTIVE : 0) |
                         (a->keep_relative ? VIR_DOMAIN_BLOCK_COMMIT_RELATIVE : 0);
    _cleanup_domain_ virDomainPtr d = conn_lookup_domain(sh, a->domain);
    if (!d)
        return CMD_FAILED;
    _cleanup_(bj_disk_clear) struct bj_disk disk;
    bj_disk_read(sh, d, a->path, &disk);
    struct dev_events *e = blocking ? dev_events_start(sh, d, DEV_EV_BLOCKJOB) : NULL;
    if (blocking && !e)
        return CMD_FAILED;
    int type = active ? VIR_DOMAIN_BLOCK_JOB_TYPE_ACTIVE_COMMIT : VIR_DOMAIN_BLOCK_JOB_TYPE_COMMIT;
    int adopt = blocking ? bj_existing(sh, d, &disk, type, NULL) : 0;
    int st = adopt < 0 ? CMD_FAILED : CMD_OK;
    if (!adopt && virDomainBlockCommit(d, a->path, a->base, a->top, bw, flags) < 0)
        st = err_libvirt(sh, "cannot start committing disk '%s' of domain '%s'", a->path,
                         a->domain);
    if (st == CMD_OK && !blocking) {
        dev_events_free(e);
        return bj_report(sh, d, active ? "active_commit" : "commit", a->path, "started",
                         active ? "Active Block Commit started" : "Block Commit started");
    }
    if (st == CMD_OK) {
        conn_state_changed(sh);
        struct bj_wait w = { .label = "Block commit", .timeout_s = a->timeout, .async = a->async };
        int job = bj_follow(sh, d, e, &disk, &w);
        if (job == VIR_DOMAIN_BLOCK_JOB_READY || job == VIR_DOMAIN_BLOCK_JOB_COMPLETED)
            st = commit_done(sh, d, a, active);
        else
            st = bj_failed(sh, d, job, "Commit", a->path, &w);
    }
    dev_events_free(e);
    return st;
}

/* ---- blockpull ---------------------------------------------------------------------- */

struct blockpull_args {
    const char *domain, *path, *bandwidth, *base;
    bool wait, verbose;
    long long timeout;
    bool async, keep_relative, bytes;
};

static int cmd_devices_blockpull(struct shell *sh, void *opaque)
{
    struct blockpull_args *a = opaque;
    unsigned long bw;
    if (parse_bandwidth(sh, a->bandwidth, a->bytes, &bw) < 0)
        return CMD_USAGE;
    _cleanup_domain_ virDomainPtr d = conn_lookup_domain(sh, a->domain);
    if (!d)
        return CMD_FAILED;
    _cleanup_(bj_disk_clear) struct bj_disk disk;
    bj_disk_read(sh, d, a->path, &disk);
    struct dev_events *e = a->wait ? dev_events_start(sh, d, DEV_EV_BLOCKJOB) : NULL;
    if (a->wait && !e)
        return CMD_FAILED;
    int rc;
    if (a->base || a->keep_relative)
        rc = virDomainBlockRebase(d, a->path, a->base, bw,
                                  (a->keep_relative ? VIR_DOMAIN_BLOCK_REBASE_RELATIVE : 0) |
                                  (a->bytes ? VIR_DOMAIN_BLOCK_REBASE_BANDWIDTH_BYTES : 0));
    else
        rc = virDomainBlockPull(d, a->path, bw, a->bytes ? VIR_DOMAIN_BLOCK_PULL_BANDWIDTH_BYTES : 0);
    int st = CMD_OK;
    if (rc < 0) {
        st = err_libvirt(sh, "cannot start pulling into disk '%s' of domain '%s'", a->path,
                         a->domain);
    } else if (!a->wait) {
        st = bj_report(sh, d, "pull", a->path, "started", "Block Pull started");
    } else {
        conn_state_changed(sh);
        struct bj_wait w = { .label = "Block Pull", .timeout_s = a->timeout, .async = a->async };
        int job = bj_follow(sh, d, e, &disk, &w);
        if (job == VIR_DOMAIN_BLOCK_JOB_READY || job == VIR_DOMAIN_BLOCK_JOB_COMPLETED)
            st = bj_report(sh, d, "pull", a->path, "completed", "\nPull complete");
        else
            st = bj_failed(sh, d, job, "Pull", a->path, &w);
    }
    dev_events_free(e);
    return st;
}

/* ---- the rows ------------------------------------------------------------------------ */

#define BJ_RESULT(what) \
    RESULT_OBJECT(DOMAIN_IDENT_FIELDS, \
                  { "job", RT_STRING, "copy, commit, active_commit or pull" }, \
                  { "disk", RT_STRING, "the disk, as given" }, \
                  { "result", RT_STRING, what })

#define BJ_PATH(st) \
    OPT_STRING(st, "path", path, "the disk: its target (vda) or source path", \
               .flags = ARG_REQUIRED, .complete = COMPL_DISK)
#define BJ_BANDWIDTH(st) \
    OPT_STRING(st, "bandwidth", bandwidth, "limit the job to this many MiB/s (bytes/s with --bytes)", \
               .flags = OPT_POSITIONAL, .metavar = "SPEED")
#define BJ_TIMEOUT(st, what) \
    OPT_INT(st, "timeout", timeout, 1, INT_MAX / 1000, what, .flags = OPT_POSITIONAL, \
            .metavar = "SECONDS")
#define BJ_WAITERS "wait|timeout|pivot|finish"

#define BJ_WAIT_DESC \
    "With --wait (or an option that implies it) a progress line shows on a terminal (--verbose " \
    "is accepted: the line shows without it), and Ctrl-C or --timeout aborts the job (--async: " \
    "without waiting for the abort to finish).  "

const struct cmd_def devices_blockjob_cmds[] = {
    { .name = "blockcopy", .summary = "copy a running domain's disk to a new image",
      .desc = "Copy the disk PATH (its whole backing chain, or with --shallow the top image) "
              "to DEST, or to the destination --xml describes.  The copy then mirrors the "
              "guest's writes until it is concluded: --pivot switches the domain to the copy, "
              "--finish ends the job keeping the original (both wait for the mirror first).  "
              BJ_WAIT_DESC "Re-running a --wait, --pivot or --finish copy whose job already "
              "runs follows that job; after a pivot, re-running it has nothing to do.  libvirt "
              "copies a persistent domain's disk only with --transient-job; the pivot then "
              "changes its next boot's definition too.  JSON: name, id, uuid, job \"copy\", disk, result (started, mirroring, "
              "pivoted, finished).",
      .run = cmd_devices_blockcopy, .args_size = sizeof(struct blockcopy_args),
      .flags = CMD_MODIFIES, .needs = "dest|xml",
      .result = RESULT_OR(RESULT_OBJECT({ "xml", RT_STRING, "the destination (--print-xml)" }),
                          RS_OBJECT, DOMAIN_IDENT_FIELDS,
                          { "job", RT_STRING, "\"copy\"" },
                          { "disk", RT_STRING, "the disk, as given" },
                          { "result", RT_STRING, "started, mirroring, pivoted or finished" }),
      .opts = OPTS(ARG_DOMAIN(struct blockcopy_args, domain, COMPL_DOMAIN_ACTIVE),
                   BJ_PATH(struct blockcopy_args),
                   OPT_STRING(struct blockcopy_args, "dest", dest, "the copy's path",
                              .flags = OPT_POSITIONAL, .complete = COMPL_FILE),
                   BJ_BANDWIDTH(struct blockcopy_args),
                   OPT_FLAG(struct blockcopy_args, "shallow", shallow,
                            "copy the top image only: the copy shares the backing chain"),
                   OPT_FLAG(struct blockcopy_args, "reuse-external", reuse_external,
                            "copy into an existing destination"),
                   OPT_FLAG(struct blockcopy_args, "blockdev", blockdev,
                            "the destination is a block device"),
                   OPT_FLAG(struct blockcopy_args, "wait", wait, "wait until the copy mirrors"),
                   OPT_FLAG(struct blockcopy_args, "verbose", verbose, "show the progress",
                            .needs = BJ_WAITERS),
                   BJ_TIMEOUT(struct blockcopy_args, "wait, and abort the copy after SECONDS"),
                   OPT_FLAG(struct blockcopy_args, "pivot", pivot,
                            "wait, then switch the domain to the copy", .excl = EXCL(3)),
                   OPT_FLAG(struct blockcopy_args, "finish", finish,
                            "wait, then end the job keeping the original", .excl = EXCL(3)),
                   OPT_FLAG(struct blockcopy_args, "async", async,
                            "abort without waiting for the job to end", .needs = BJ_WAITERS),
                   OPT_STRING(struct blockcopy_args, "xml", xml,
                              "an XML file describing the destination (a <disk>)",
                              .flags = OPT_POSITIONAL, .complete = COMPL_FILE),
                   OPT_STRING(struct blockcopy_args, "format", format,
                              "the destination's format (raw, qcow2)", .flags = OPT_POSITIONAL),
                   OPT_INT(struct blockcopy_args, "granularity", granularity, 0, UINT_MAX,
                           "the copy's granularity in bytes (a power of two)",
                           .flags = OPT_POSITIONAL),
                   OPT_SCALED(struct blockcopy_args, "buf-size", buf_size, 1,
                              "the most data in flight, in bytes", .flags = OPT_POSITIONAL),
                   OPT_FLAG(struct blockcopy_args, "bytes", bytes,
                            "--bandwidth is in bytes/s rather than MiB/s"),
                   OPT_FLAG(struct blockcopy_args, "transient-job", transient_job,
                            "the job does not survive the domain's power-off"),
                   OPT_FLAG(struct blockcopy_args, "synchronous-writes", synchronous_writes,
                            "guest writes reach the copy before they complete"),
                   OPT_FLAG(struct blockcopy_args, "print-xml", print_xml,
                            "print the destination's XML instead of copying"),
                   OPT_FLAG(struct blockcopy_args, "raw", raw, "the same as --format raw",
                            .flags = OPT_HIDDEN)) },
    { .name = "blockcommit", .summary = "commit a disk's top images into a lower one",
      .desc = "Merge the images of the disk PATH's backing chain from --top (default: the "
              "top) down into --base (default: the bottom; --shallow: the image below top).  "
              "Committing the active top image (--active) mirrors like a copy until it is "
              "concluded: --pivot switches the domain to the base, --keep-overlay ends the job "
              "keeping the overlay (both imply --active and wait).  --delete removes the "
              "committed images.  " BJ_WAIT_DESC "Re-running a waiting commit whose job "
              "already runs follows that job.  JSON: name, id, uuid, job (commit or "
              "active_commit), disk, result (started, completed, synchronized, pivoted, "
              "finished).",
      .run = cmd_devices_blockcommit, .args_size = sizeof(struct blockcommit_args),
      .flags = CMD_MODIFIES, .result = BJ_RESULT("started, completed, synchronized, pivoted or finished"),
      .opts = OPTS(ARG_DOMAIN(struct blockcommit_args, domain, COMPL_DOMAIN_ACTIVE),
                   BJ_PATH(struct blockcommit_args),
                   BJ_BANDWIDTH(struct blockcommit_args),
                   OPT_STRING(struct blockcommit_args, "base", base,
                              "the image to commit into (default: the bottom of the chain)",
                              .flags = OPT_POSITIONAL),
                   OPT_FLAG(struct blockcommit_args, "shallow", shallow,
                            "commit into the image right below --top"),
                   OPT_STRING(struct blockcommit_args, "top", top,
                              "the top image to commit (default: the active one)",
                              .flags = OPT_POSITIONAL),
                   OPT_FLAG(struct blockcommit_args, "active", active,
                            "commit the active image (two phases, like a copy)"),
                   OPT_FLAG(struct blockcommit_args, "delete", delete,
                            "delete the committed images afterwards"),
                   OPT_FLAG(struct blockcommit_args, "wait", wait,
                            "wait for the commit (with --active: until it is synchronized)"),
                   OPT_FLAG(struct blockcommit_args, "verbose", verbose, "show the progress",
                            .needs = "wait|timeout|pivot|keep-overlay"),
                   BJ_TIMEOUT(struct blockcommit_args, "wait, and abort the commit after SECONDS"),
                   OPT_FLAG(struct blockcommit_args, "pivot", pivot,
                            "commit the active image, wait, then switch to the base",
                            .excl = EXCL(0)),
                   OPT_FLAG(struct blockcommit_args, "keep-overlay", keep_overlay,
                            "commit the active image, wait, then end keeping the overlay",
                            .excl = EXCL(0)),
                   OPT_FLAG(struct blockcommit_args, "async", async,
                            "abort without waiting for the job to end",
                            .needs = "wait|timeout|pivot|keep-overlay"),
                   OPT_FLAG(struct blockcommit_args, "keep-relative", keep_relative,
                            "keep relative backing file names"),
                   OPT_FLAG(struct blockcommit_args, "bytes", bytes,
                            "--bandwidth is in bytes/s rather than MiB/s")) },
    { .name = "blockpull", .summary = "fill a disk's top image from its backing images",
      .desc = "Copy into the disk PATH's top image the data of its backing chain (down to "
              "--base), so it no longer needs them.  " BJ_WAIT_DESC "JSON: name, id, uuid, job "
              "\"pull\", disk, result (started, completed).",
      .run = cmd_devices_blockpull, .args_size = sizeof(struct blockpull_args),
      .flags = CMD_MODIFIES, .result = BJ_RESULT("started or completed"),
      .opts = OPTS(ARG_DOMAIN(struct blockpull_args, domain, COMPL_DOMAIN_ACTIVE),
                   BJ_PATH(struct blockpull_args),
                   BJ_BANDWIDTH(struct blockpull_args),
                   OPT_STRING(struct blockpull_args, "base", base,
                              "pull down to this backing image only", .flags = OPT_POSITIONAL),
                   OPT_FLAG(struct blockpull_args, "wait", wait, "wait for the pull to finish"),
                   OPT_FLAG(struct blockpull_args, "verbose", verbose, "show the progress",
                            .needs = "wait"),
                   BJ_TIMEOUT(struct blockpull_args, "with --wait, abort the pull after SECONDS"),
                   OPT_FLAG(struct blockpull_args, "async", async,
                            "abort without waiting for the job to end", .needs = "wait"),
                   OPT_FLAG(struct blockpull_args, "keep-relative", keep_relative,
                            "keep relative backing file names"),
                   OPT_FLAG(struct blockpull_args, "bytes", bytes,
                            "--bandwidth is in bytes/s rather than MiB/s")) },
    { 0 },
};
