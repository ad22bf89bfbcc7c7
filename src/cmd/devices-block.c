/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * cmd/devices-block.c - a running domain's disks: blockjob (a job's
 * progress, speed, abort, pivot), blockresize, blkdeviotune,
 * domblkthreshold.
 */
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "core/args.h"
#include "core/util.h"
#include "virt/conn.h"
#include "virt/context.h"
#include "virt/domain.h"
#include "virt/err.h"
#include "virt/typed-params.h"
#include "cmd/devices.h"

/* ---- blockjob ------------------------------------------------------------------- */

struct blockjob_args {
    const char *domain, *path;
    bool abort, async, pivot, info, bytes, raw;
    const char *bandwidth;
};

/* A job type: its JSON word, and virsh's name for it. */
static const struct out_word job_types[] = {
    [VIR_DOMAIN_BLOCK_JOB_TYPE_UNKNOWN] = { "unknown", "Unknown job" },
    [VIR_DOMAIN_BLOCK_JOB_TYPE_PULL] = { "pull", "Block Pull" },
    [VIR_DOMAIN_BLOCK_JOB_TYPE_COPY] = { "copy", "Block Copy" },
    [VIR_DOMAIN_BLOCK_JOB_TYPE_COMMIT] = { "commit", "Block Commit" },
    [VIR_DOMAIN_BLOCK_JOB_TYPE_ACTIVE_COMMIT] = { "active_commit", "Active Block Commit" },
    [VIR_DOMAIN_BLOCK_JOB_TYPE_BACKUP] = { "backup", "Backup" },
    { NULL, NULL },
};

static const struct out_word *job_type(int t)
{
    return t > 0 && t <= VIR_DOMAIN_BLOCK_JOB_TYPE_BACKUP ? &job_types[t] : &job_types[0];
}

/* virsh's "[ 45 %]": whole percents cut (not rounded), 100 only when done. */
static int job_percent(unsigned long long cur, unsigned long long end)
{
    if (cur >= end)
        return 100;
    int p = (int)(100 - (end - cur) * 100.0 / (double)end);
    return p >= 100 ? 99 : p;
}

/* "1.500 MiB": virsh's pretty capacity. */
static char *pretty_speed(unsigned long long b)
{
    static const char *const units[] = { "B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB" };
    double v = (double)b;
    size_t u = 0;
    while (v >= 1024 && u + 1 < ARRAY_SIZE(units)) {
        v /= 1024;
        u++;
    }
    return xasprintf("%-.3lf %s", v, units[u]);
}

/* The job's figures, bandwidth in bytes/s where the daemon can say so. */
static int job_info(virDomainPtr d, const char *path, bool raw, bool bytes,
                    virDomainBlockJobInfo *info, unsigned long long *ret_speed)
{
    int rc = -1;
    if (bytes || !raw) {
        rc = virDomainGetBlockJobInfo(d, path, info, VIR_DOMAIN_BLOCK_JOB_INFO_BANDWIDTH_BYTES);
        virErrorPtr e = rc < 0 ? virGetLastError() : NULL;
        if (rc < 0 && !bytes && e && (e->code == VIR_ERR_INVALID_ARG || e->code == VIR_ERR_OVERFLOW))
            virResetLastError(); /* an older daemon: ask in MiB/s */
        else if (rc < 0)
            return -1;
        *ret_speed = info->bandwidth;
    }
    if (rc < 0) {
        if ((rc = virDomainGetBlockJobInfo(d, path, info, 0)) < 0)
            return -1;
        *ret_speed = raw ? info->bandwidth : (unsigned long long)info->bandwidth << 20;
    }
    return rc;
}

static int blockjob_info(struct shell *sh, virDomainPtr d, const struct blockjob_args *a)
{
    virDomainBlockJobInfo info = { 0 };
    unsigned long long speed = 0;
    int rc = job_info(d, a->path, a->raw, a->bytes, &info, &speed);
    if (rc < 0)
        return err_libvirt(sh, "cannot get the block job of disk '%s' of domain '%s'", a->path,
                           a->domain);
    _cleanup_json_ struct json_object *o = json_object_new_object();
    json_object_object_add(o, "disk", json_object_new_string(a->path));
    json_object_object_add(o, "active", json_object_new_boolean(rc > 0));
    json_object_object_add(o, "type", rc > 0 ? json_object_new_string(job_type(info.type)->json) : NULL);
    json_object_object_add(o, "bandwidth_bytes_per_s", rc > 0 && !a->raw ? json_object_new_uint64(speed) : NULL);
    json_object_object_add(o, "cur", rc > 0 ? json_object_new_uint64(info.cur) : NULL);
    json_object_object_add(o, "end", rc > 0 ? json_object_new_uint64(info.end) : NULL);
    _cleanup_free_ char *text = NULL;
    if (rc == 0) {
        text = a->raw ? xstrdup("") : xasprintf("No current block job for %s", a->path);
    } else if (a->raw) {
        json_object_object_add(o, "bandwidth_raw", json_object_new_uint64(info.bandwidth));
        text = xasprintf(" type=%s\n bandwidth=%lu\n cur=%llu\n end=%llu\n",
                         job_type(info.type)->text, info.bandwidth, info.cur, info.end);
    } else {
        _cleanup_free_ char *pretty = speed ? pretty_speed(speed) : NULL;
        _cleanup_free_ char *bw = speed ? xasprintf("    Bandwidth limit: %llu bytes/s (%s/s)",
                                                    speed, pretty) : xstrdup("");
        text = xasprintf("%s: [%3d %%]%s", job_type(info.type)->text,
                         job_percent(info.cur, info.end), bw);
    }
    if (!json_object_object_get_ex(o, "bandwidth_raw", NULL))
        json_object_object_add(o, "bandwidth_raw", NULL);
    if (sh->out.mode == OUT_TEXT && !*text)
        return CMD_OK;
    out_value(&sh->out, o, text);
    return CMD_OK;
}

static int cmd_devices_blockjob(struct shell *sh, void *opaque)
{
    struct blockjob_args *a = opaque;
    /* (checked here: --bandwidth may come as a plain word) */
    if (a->bandwidth && (a->raw || a->info))
        return usage_error(sh, "option '--bandwidth' sets the speed: it goes without '--%s'",
                           a->raw ? "raw" : "info");
    _cleanup_domain_ virDomainPtr d = conn_lookup_domain(sh, a->domain);
    if (!d)
        return CMD_FAILED;
    if (a->bandwidth) {
        unsigned long long v;
        if ((a->bytes ? args_parse_scaled(a->bandwidth, 1, &v) : parse_ull(a->bandwidth, &v)) < 0 ||
            v > ULONG_MAX)
            return usage_error(sh, "invalid value '%s' for '--bandwidth'", a->bandwidth);
        if (virDomainBlockJobSetSpeed(d, a->path, (unsigned long)v,
                                      a->bytes ? VIR_DOMAIN_BLOCK_JOB_SPEED_BANDWIDTH_BYTES : 0) < 0)
            return err_libvirt(sh, "cannot set the speed of the block job on disk '%s'", a->path);
        _cleanup_json_ struct json_object *o = domain_ident_json(d);
        json_object_object_add(o, "disk", json_object_new_string(a->path));
        json_object_object_add(o, "result", json_object_new_string("bandwidth_set"));
        return dev_json_only(sh, o);
    }
    if (a->abort || a->pivot || a->async) {
        unsigned int flags = (a->async ? VIR_DOMAIN_BLOCK_JOB_ABORT_ASYNC : 0) |
                             (a->pivot ? VIR_DOMAIN_BLOCK_JOB_ABORT_PIVOT : 0);
        if (virDomainBlockJobAbort(d, a->path, flags) < 0)
            return err_libvirt(sh, "cannot %s the block job on disk '%s'",
                               a->pivot ? "pivot" : "abort", a->path);
        conn_state_changed(sh);
        _cleanup_json_ struct json_object *o = domain_ident_json(d);
        json_object_object_add(o, "disk", json_object_new_string(a->path));
        json_object_object_add(o, "result", json_object_new_string(a->pivot ? "pivoted" : "aborted"));
        return dev_json_only(sh, o);
    }
    return blockjob_info(sh, d, a);
}

/* ---- blockresize ------------------------------------------------------------------ */

struct blockresize_args {
    const char *domain, *path;
    unsigned long long size;
};

static int cmd_devices_blockresize(struct shell *sh, void *opaque)
{
    struct blockresize_args *a = opaque;
    _cleanup_domain_ virDomainPtr d = conn_lookup_domain(sh, a->domain);
    if (!d)
        return CMD_FAILED;
    /* KiB, the older interface, when the size is a whole number of them */
    bool kib = a->size % 1024 == 0;
    if (virDomainBlockResize(d, a->path, kib ? a->size / 1024 : a->size,
                             kib ? 0 : VIR_DOMAIN_BLOCK_RESIZE_BYTES) < 0)
        return err_libvirt(sh, "cannot resize disk '%s' of domain '%s'", a->path, a->domain);
    _cleanup_json_ struct json_object *o = domain_ident_json(d);
    json_object_object_add(o, "disk", json_object_new_string(a->path));
    json_object_object_add(o, "size_bytes", json_object_new_uint64(a->size));
    _cleanup_free_ char *text = xasprintf("Block device '%s' is resized", a->path);
    out_message(&sh->out, o, text);
    return CMD_OK;
}

/* ---- blkdeviotune ------------------------------------------------------------- */

#define UNSET_BYTES "18446744073709551615"
#define UNSET ULLONG_MAX

struct iotune_args {
    const char *domain, *device;
    unsigned long long v[19]; /* in the order of `iotune_params`; UNSET when not given */
    const char *group_name;
    struct hp_scope scope;
};

/* The options in virsh's order: name (and libvirt's parameter), scaled? */
static const struct {
    const char *param;
    bool scaled;
} iotune_params[19] = {
    { VIR_DOMAIN_BLOCK_IOTUNE_TOTAL_BYTES_SEC, true },
    { VIR_DOMAIN_BLOCK_IOTUNE_READ_BYTES_SEC, true },
    { VIR_DOMAIN_BLOCK_IOTUNE_WRITE_BYTES_SEC, true },
    { VIR_DOMAIN_BLOCK_IOTUNE_TOTAL_IOPS_SEC, false },
    { VIR_DOMAIN_BLOCK_IOTUNE_READ_IOPS_SEC, false },
    { VIR_DOMAIN_BLOCK_IOTUNE_WRITE_IOPS_SEC, false },
    { VIR_DOMAIN_BLOCK_IOTUNE_TOTAL_BYTES_SEC_MAX, true },
    { VIR_DOMAIN_BLOCK_IOTUNE_READ_BYTES_SEC_MAX, true },
    { VIR_DOMAIN_BLOCK_IOTUNE_WRITE_BYTES_SEC_MAX, true },
    { VIR_DOMAIN_BLOCK_IOTUNE_TOTAL_IOPS_SEC_MAX, false },
    { VIR_DOMAIN_BLOCK_IOTUNE_READ_IOPS_SEC_MAX, false },
    { VIR_DOMAIN_BLOCK_IOTUNE_WRITE_IOPS_SEC_MAX, false },
    { VIR_DOMAIN_BLOCK_IOTUNE_SIZE_IOPS_SEC, false },
    { VIR_DOMAIN_BLOCK_IOTUNE_TOTAL_BYTES_SEC_MAX_LENGTH, false },
    { VIR_DOMAIN_BLOCK_IOTUNE_READ_BYTES_SEC_MAX_LENGTH, false },
    { VIR_DOMAIN_BLOCK_IOTUNE_WRITE_BYTES_SEC_MAX_LENGTH, false },
    { VIR_DOMAIN_BLOCK_IOTUNE_TOTAL_IOPS_SEC_MAX_LENGTH, false },
    { VIR_DOMAIN_BLOCK_IOTUNE_READ_IOPS_SEC_MAX_LENGTH, false },
    { VIR_DOMAIN_BLOCK_IOTUNE_WRITE_IOPS_SEC_MAX_LENGTH, false },
};

static int iotune_show(struct shell *sh, virDomainPtr d, const char *disk, unsigned int flags)
{
    int n = 0;
    if (virDomainGetBlockIoTune(d, NULL, NULL, &n, flags) < 0)
        return err_libvirt(sh, "cannot get the I/O limits of disk '%s'", disk);
    virTypedParameterPtr params = xcalloc(n ? (size_t)n : 1, sizeof(*params));
    if (n && virDomainGetBlockIoTune(d, disk, params, &n, flags) < 0) {
        free(params);
        return err_libvirt(sh, "cannot get the I/O limits of disk '%s'", disk);
    }
    _cleanup_json_ struct json_object *o = typed_params_json(params, n, 0);
    struct json_object *group = NULL;
    if (json_object_object_get_ex(o, "group_name", &group) && !*json_object_get_string(group))
        json_object_object_add(o, "group_name", NULL); /* no group: null, not "" */
    _cleanup_free_ char *text = typed_params_text(params, n, "", 15, 0);
    virTypedParamsFree(params, n);
    if (sh->out.mode == OUT_TEXT && !*text)
        return CMD_OK;
    out_value(&sh->out, o, text);
    return CMD_OK;
}

static int cmd_devices_blkdeviotune(struct shell *sh, void *opaque)
{
    struct iotune_args *a = opaque;
    _cleanup_domain_ virDomainPtr d = conn_lookup_domain(sh, a->domain);
    if (!d)
        return CMD_FAILED;
    unsigned int flags = hp_flags(&a->scope, d, NULL);
    virTypedParameterPtr params = NULL;
    int n = 0, max = 0;
    for (size_t i = 0; i < ARRAY_SIZE(iotune_params); i++)
        if (iotune_params[i].param && a->v[i] != UNSET)
            virTypedParamsAddULLong(&params, &n, &max, iotune_params[i].param, a->v[i]);
    if (a->group_name)
        virTypedParamsAddString(&params, &n, &max, VIR_DOMAIN_BLOCK_IOTUNE_GROUP_NAME,
                                a->group_name);
    if (n == 0)
        return iotune_show(sh, d, a->device, flags);
    int rc = virDomainSetBlockIoTune(d, a->device, params, n, flags);
    if (rc < 0)
        err_libvirt(sh, "cannot change the I/O limits of disk '%s' of domain '%s'", a->device,
                    a->domain);
    else
        conn_state_changed(sh);
    _cleanup_json_ struct json_object *o = rc < 0 ? NULL : hp_result(d, "set", flags, false);
    if (o)
        json_object_object_add(o, "disk", json_object_new_string(a->device));
    virTypedParamsFree(params, n);
    return rc < 0 ? CMD_FAILED : dev_json_only(sh, o);
}

/* ---- domblkthreshold ------------------------------------------------------------- */

struct threshold_args {
    const char *domain, *dev;
    unsigned long long threshold;
};

static int cmd_devices_domblkthreshold(struct shell *sh, void *opaque)
{
    struct threshold_args *a = opaque;
    _cleanup_domain_ virDomainPtr d = conn_lookup_domain(sh, a->domain);
    if (!d)
        return CMD_FAILED;
    if (virDomainSetBlockThreshold(d, a->dev, a->threshold, 0) < 0)
        return err_libvirt(sh, "cannot set the write threshold of '%s' of domain '%s'", a->dev,
                           a->domain);
    _cleanup_json_ struct json_object *o = domain_ident_json(d);
    json_object_object_add(o, "disk", json_object_new_string(a->dev));
    json_object_object_add(o, "threshold_bytes", json_object_new_uint64(a->threshold));
    return dev_json_only(sh, o);
}

/* ---- the rows ---------------------------------------------------------------------- */

#define IOT(nm, i, what, ...) \
    OPT_SCALED(struct iotune_args, nm, v[i], 1, what, .flags = OPT_POSITIONAL | OPT_UNDERSCORES, \
               .def = UNSET_BYTES, ##__VA_ARGS__)
#define IOT_BYTES(nm, i, what) IOT(nm, i, what " (bytes/s: 10M, 1G)", .metavar = "BYTES")
#define IOT_N(nm, i, what) IOT(nm, i, what, .metavar = "N")

#define IOT_KEY(k, what) { k, RT_INT | RT_OPTIONAL, what }
#define IOTUNE_KEYS \
    IOT_KEY("total_bytes_sec", "total throughput limit, bytes/s (0: none)"), \
    IOT_KEY("read_bytes_sec", "read throughput limit"), \
    IOT_KEY("write_bytes_sec", "write throughput limit"), \
    IOT_KEY("total_iops_sec", "total I/O operations per second"), \
    IOT_KEY("read_iops_sec", "read I/O operations per second"), \
    IOT_KEY("write_iops_sec", "write I/O operations per second"), \
    IOT_KEY("total_bytes_sec_max", "total burst"), \
    IOT_KEY("read_bytes_sec_max", "read burst"), \
    IOT_KEY("write_bytes_sec_max", "write burst"), \
    IOT_KEY("total_iops_sec_max", "total I/O operations burst"), \
    IOT_KEY("read_iops_sec_max", "read I/O operations burst"), \
    IOT_KEY("write_iops_sec_max", "write I/O operations burst"), \
    IOT_KEY("size_iops_sec", "the I/O size counted as one operation"), \
    { "group_name", RT_STRING | RT_NULL | RT_OPTIONAL, "the group sharing the limits" }, \
    IOT_KEY("total_bytes_sec_max_length", "seconds the total burst may last"), \
    IOT_KEY("read_bytes_sec_max_length", "seconds the read burst may last"), \
    IOT_KEY("write_bytes_sec_max_length", "seconds the write burst may last"), \
    IOT_KEY("total_iops_sec_max_length", "seconds the total I/O burst may last"), \
    IOT_KEY("read_iops_sec_max_length", "seconds the read I/O burst may last"), \
    IOT_KEY("write_iops_sec_max_length", "seconds the write I/O burst may last")

const struct cmd_def devices_block_cmds[] = {
    { .name = "blockjob", .summary = "show, speed up, abort or pivot a disk's block job",
      .desc = "Without options, show the block job running on the disk PATH: its kind, "
              "progress and bandwidth limit (--raw: virsh's raw figures, --bytes: the limit in "
              "bytes/s).  --bandwidth sets its speed limit (MiB/s, or bytes/s with --bytes); "
              "--abort stops it (--async: without waiting); --pivot concludes a copy or an "
              "active commit by switching the domain to the new image.  The progress is a line "
              "of standard output (virsh writes it to standard error).  JSON: disk, active, "
              "type, bandwidth_bytes_per_s, cur, end, bandwidth_raw; after a change: name, "
              "id, uuid, disk, result.",
      .run = cmd_devices_blockjob, .args_size = sizeof(struct blockjob_args),
      .flags = CMD_MODIFIES,
      .result = RESULT_OR(RESULT_OBJECT(DOMAIN_IDENT_FIELDS,
                                        { "disk", RT_STRING, "the disk, as given" },
                                        { "result", RT_STRING, "bandwidth_set, aborted or pivoted" }),
                          RS_OBJECT,
                          { "disk", RT_STRING, "the disk, as given" },
                          { "active", RT_BOOL, "a job runs on it" },
                          { "type", RT_STRING | RT_NULL, "pull, copy, commit, active_commit, backup" },
                          { "bandwidth_bytes_per_s", RT_INT | RT_NULL, "its speed limit (0: none)" },
                          { "cur", RT_INT | RT_NULL, "how far it got" },
                          { "end", RT_INT | RT_NULL, "where it ends" },
                          { "bandwidth_raw", RT_INT | RT_NULL, "--raw: the limit as libvirt gave it" }),
      .opts = OPTS(ARG_DOMAIN(struct blockjob_args, domain, COMPL_DOMAIN_ACTIVE),
                   OPT_STRING(struct blockjob_args, "path", path,
                              "the disk: its target (vda) or source path", .flags = ARG_REQUIRED,
                              .complete = COMPL_DISK),
                   OPT_FLAG(struct blockjob_args, "abort", abort, "abort the job",
                            .excl = EXCL(0) | EXCL(1) | EXCL(2)),
                   OPT_FLAG(struct blockjob_args, "async", async,
                            "abort without waiting for the job to end",
                            .excl = EXCL(0) | EXCL(1) | EXCL(2)),
                   OPT_FLAG(struct blockjob_args, "pivot", pivot,
                            "conclude a copy or active commit by switching to the new image",
                            .excl = EXCL(0) | EXCL(1) | EXCL(2)),
                   OPT_FLAG(struct blockjob_args, "info", info, "show the job (the default)",
                            .excl = EXCL(1)),
                   OPT_FLAG(struct blockjob_args, "bytes", bytes,
                            "the bandwidth in bytes/s rather than MiB/s", .excl = EXCL(2)),
                   OPT_FLAG(struct blockjob_args, "raw", raw, "virsh's raw figures",
                            .excl = EXCL(0)),
                   OPT_STRING(struct blockjob_args, "bandwidth", bandwidth,
                              "set the speed limit, in MiB/s (bytes/s with --bytes)",
                              .flags = OPT_POSITIONAL, .metavar = "SPEED")) },
    { .name = "blockresize", .summary = "grow a running domain's disk",
      .desc = "Resize the disk PATH (its target or source path) of a running domain to SIZE "
              "(a bare number is KiB; 10G, 512M).  The guest sees the new size at once.  JSON: "
              "name, id, uuid, disk, size_bytes.",
      .run = cmd_devices_blockresize, .args_size = sizeof(struct blockresize_args),
      .flags = CMD_MODIFIES,
      .result = RESULT_OBJECT(DOMAIN_IDENT_FIELDS, { "disk", RT_STRING, "the disk, as given" },
                              { "size_bytes", RT_INT, "its new size" }),
      .opts = OPTS(ARG_DOMAIN(struct blockresize_args, domain, COMPL_DOMAIN_ACTIVE),
                   OPT_STRING(struct blockresize_args, "path", path,
                              "the disk: its target (vda) or source path", .flags = ARG_REQUIRED,
                              .complete = COMPL_DISK),
                   OPT_SCALED(struct blockresize_args, "size", size, 1024,
                              "the new size (10G, 512M; a bare number is KiB)",
                              .flags = ARG_REQUIRED)) },
    { .name = "blkdeviotune", .summary = "show or set a disk's I/O limits",
      .desc = "Without limits, show the disk DEVICE's I/O limits (throughput in bytes/s, I/O "
              "operations per second, their bursts and how long a burst may last).  With "
              "some, set those.  JSON: the limits as an object of numbers (and group_name); "
              "after a change: name, id, uuid, result \"set\", live, config, disk.",
      .run = cmd_devices_blkdeviotune, .args_size = sizeof(struct iotune_args),
      .flags = CMD_MODIFIES,
      .result = RESULT_OR(RESULT_OBJECT(DOMAIN_IDENT_FIELDS, { "result", RT_STRING, "\"set\"" },
                                        { "live", RT_BOOL, "the running domain changed" },
                                        { "config", RT_BOOL, "the next boot's definition changed" },
                                        { "disk", RT_STRING, "the disk, as given" }),
                          RS_OBJECT, IOTUNE_KEYS),
      .opts = OPTS(ARG_DOMAIN(struct iotune_args, domain, COMPL_DOMAIN),
                   OPT_STRING(struct iotune_args, "device", device, "the disk's target or path",
                              .flags = ARG_REQUIRED, .complete = COMPL_DISK),
                   IOT_BYTES("total-bytes-sec", 0, "total throughput limit"),
                   IOT_BYTES("read-bytes-sec", 1, "read throughput limit"),
                   IOT_BYTES("write-bytes-sec", 2, "write throughput limit"),
                   IOT_N("total-iops-sec", 3, "total I/O operations per second"),
                   IOT_N("read-iops-sec", 4, "read I/O operations per second"),
                   IOT_N("write-iops-sec", 5, "write I/O operations per second"),
                   IOT_BYTES("total-bytes-sec-max", 6, "total burst"),
                   IOT_BYTES("read-bytes-sec-max", 7, "read burst"),
                   IOT_BYTES("write-bytes-sec-max", 8, "write burst"),
                   IOT_N("total-iops-sec-max", 9, "total I/O operations burst"),
                   IOT_N("read-iops-sec-max", 10, "read I/O operations burst"),
                   IOT_N("write-iops-sec-max", 11, "write I/O operations burst"),
                   IOT_N("size-iops-sec", 12, "the I/O size counted as one operation, in bytes"),
                   OPT_STRING(struct iotune_args, "group-name", group_name,
                              "share the limits with the other disks of this group",
                              .flags = OPT_POSITIONAL | OPT_UNDERSCORES),
                   IOT_N("total-bytes-sec-max-length", 13,
                         "seconds the total burst may last"),
                   IOT_N("read-bytes-sec-max-length", 14,
                         "seconds the read burst may last"),
                   IOT_N("write-bytes-sec-max-length", 15,
                         "seconds the write burst may last"),
                   IOT_N("total-iops-sec-max-length", 16,
                         "seconds the total I/O operations burst may last"),
                   IOT_N("read-iops-sec-max-length", 17,
                         "seconds the read I/O operations burst may last"),
                   IOT_N("write-iops-sec-max-length", 18,
                         "seconds the write I/O operations burst may last"),
                   SCOPE3_OPTS(struct iotune_args)) },
    { .name = "domblkthreshold", .summary = "raise an event when a disk's writes pass a mark",
      .desc = "Ask for a block-threshold event (event --event block-threshold) when the guest "
              "writes beyond THRESHOLD bytes (10G, 512M) of the disk DEV (its target, or a "
              "backing image as vda[1]).  0 cancels it.  The event fires once.  JSON: name, id, "
              "uuid, disk, threshold_bytes.",
      .run = cmd_devices_domblkthreshold, .args_size = sizeof(struct threshold_args),
      .flags = CMD_MODIFIES,
      .result = RESULT_OBJECT(DOMAIN_IDENT_FIELDS, { "disk", RT_STRING, "the disk, as given" },
                              { "threshold_bytes", RT_INT, "the mark" }),
      .opts = OPTS(ARG_DOMAIN(struct threshold_args, domain, COMPL_DOMAIN_ACTIVE),
                   OPT_STRING(struct threshold_args, "dev", dev, "the disk (vda, vda[1])",
                              .flags = ARG_REQUIRED, .complete = COMPL_DISK),
                   OPT_SCALED(struct threshold_args, "threshold", threshold, 1,
                              "the mark, in bytes (10G, 512M)", .flags = ARG_REQUIRED)) },
    { 0 },
};
