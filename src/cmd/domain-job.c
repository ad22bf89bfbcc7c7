/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * cmd/domain-job.c - a domain's long job (save, dump, migration, backup,
 * snapshot): domjobinfo and domjobabort (domain group).
 */
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
#include <string.h>

#include "core/strbuf.h"
#include "core/util.h"
#include "virt/conn.h"
#include "virt/context.h"
#include "virt/domain.h"
#include "virt/err.h"
#include "virt/typed-params.h"
#include "cmd/groups.h"

/* How virsh prints a figure. */
enum fig {
    FIG_MS,        /* "%-12llu ms" */
    FIG_SIZE,      /* "%.3f UNIT", binary units from B */
    FIG_RATE,      /* "%.3f UNIT/s" */
    FIG_PAGES_S,   /* "%-12llu pages/s" */
    FIG_BYTES,     /* "%-12llu bytes" */
    FIG_COUNT,     /* "%-12llu" */
    FIG_COUNT13,   /* "%-13llu" */
    FIG_INT13,     /* "%-13d" */
    FIG_TEXT,      /* "%s" */
};

/* When a figure is printed. */
enum when {
    W_PRESENT,     /* libvirt gave it */
    W_NONZERO,     /* libvirt gave it and it is not 0 */
    W_BOUNDED,     /* a job of known size (time remaining) */
    W_GROUP,       /* with its group: any of the three figures of the group not 0 */
};

struct figure {
    const char *field;  /* libvirt's */
    const char *key;    /* ours, in JSON */
    const char *label;  /* virsh's */
    enum fig fig;
    enum when when;
    const char *group;  /* W_GROUP: the fields' common prefix ("data_") */
};

static const struct figure figures[] = {
    { VIR_DOMAIN_JOB_TIME_ELAPSED, "time_elapsed_ms", "Time elapsed:", FIG_MS, W_PRESENT, NULL },
    { VIR_DOMAIN_JOB_TIME_ELAPSED_NET, "time_elapsed_net_ms", "Time elapsed w/o network:", FIG_MS,
      W_PRESENT, NULL },
    { VIR_DOMAIN_JOB_TIME_REMAINING, "time_remaining_ms", "Time remaining:", FIG_MS, W_BOUNDED,
      NULL },
    { VIR_DOMAIN_JOB_DATA_PROCESSED, "data_processed_bytes", "Data processed:", FIG_SIZE, W_GROUP,
      "data_" },
    { VIR_DOMAIN_JOB_DATA_REMAINING, "data_remaining_bytes", "Data remaining:", FIG_SIZE, W_GROUP,
      "data_" },
    { VIR_DOMAIN_JOB_DATA_TOTAL, "data_total_bytes", "Data total:", FIG_SIZE, W_GROUP, "data_" },
    { VIR_DOMAIN_JOB_MEMORY_PROCESSED, "memory_processed_bytes", "Memory processed:", FIG_SIZE,
      W_GROUP, "memory_" },
    { VIR_DOMAIN_JOB_MEMORY_REMAINING, "memory_remaining_bytes", "Memory remaining:", FIG_SIZE,
      W_GROUP, "memory_" },
    { VIR_DOMAIN_JOB_MEMORY_TOTAL, "memory_total_bytes", "Memory total:", FIG_SIZE, W_GROUP,
      "memory_" },
    { VIR_DOMAIN_JOB_MEMORY_BPS, "memory_bytes_per_s", "Memory bandwidth:", FIG_RATE, W_NONZERO,
      NULL },
    { VIR_DOMAIN_JOB_MEMORY_DIRTY_RATE, "memory_dirty_pages_per_s", "Dirty rate:", FIG_PAGES_S,
      W_PRESENT, NULL },
    { VIR_DOMAIN_JOB_MEMORY_PAGE_SIZE, "memory_page_size_bytes", "Page size:", FIG_BYTES,
      W_PRESENT, NULL },
    { VIR_DOMAIN_JOB_MEMORY_ITERATION, "memory_iteration", "Iteration:", FIG_COUNT, W_PRESENT,
      NULL },
    { VIR_DOMAIN_JOB_MEMORY_POSTCOPY_REQS, "memory_postcopy_requests", "Postcopy requests:",
      FIG_COUNT, W_PRESENT, NULL },
    { VIR_DOMAIN_JOB_DISK_PROCESSED, "disk_processed_bytes", "File processed:", FIG_SIZE, W_GROUP,
      "disk_" },
    { VIR_DOMAIN_JOB_DISK_REMAINING, "disk_remaining_bytes", "File remaining:", FIG_SIZE, W_GROUP,
      "disk_" },
    { VIR_DOMAIN_JOB_DISK_TOTAL, "disk_total_bytes", "File total:", FIG_SIZE, W_GROUP, "disk_" },
    { VIR_DOMAIN_JOB_DISK_BPS, "disk_bytes_per_s", "File bandwidth:", FIG_RATE, W_NONZERO, NULL },
    { VIR_DOMAIN_JOB_MEMORY_CONSTANT, "memory_constant_pages", "Constant pages:", FIG_COUNT,
      W_PRESENT, NULL },
    { VIR_DOMAIN_JOB_MEMORY_NORMAL, "memory_normal_pages", "Normal pages:", FIG_COUNT, W_PRESENT,
      NULL },
    { VIR_DOMAIN_JOB_MEMORY_NORMAL_BYTES, "memory_normal_bytes", "Normal data:", FIG_SIZE,
      W_PRESENT, NULL },
    { VIR_DOMAIN_JOB_DOWNTIME, "downtime_ms", NULL /* total or expected */, FIG_MS, W_PRESENT,
      NULL },
    { VIR_DOMAIN_JOB_DOWNTIME_NET, "downtime_net_ms", "Downtime w/o network:", FIG_MS, W_PRESENT,
      NULL },
    { VIR_DOMAIN_JOB_SETUP_TIME, "setup_time_ms", "Setup time:", FIG_MS, W_PRESENT, NULL },
    { VIR_DOMAIN_JOB_COMPRESSION_CACHE, "compression_cache_bytes", "Compression cache:", FIG_SIZE,
      W_PRESENT, NULL },
    { VIR_DOMAIN_JOB_COMPRESSION_BYTES, "compression_bytes", "Compressed data:", FIG_SIZE,
      W_PRESENT, NULL },
    { VIR_DOMAIN_JOB_COMPRESSION_PAGES, "compression_pages", "Compressed pages:", FIG_COUNT13,
      W_PRESENT, NULL },
    { VIR_DOMAIN_JOB_COMPRESSION_CACHE_MISSES, "compression_cache_misses",
      "Compression cache misses:", FIG_COUNT13, W_PRESENT, NULL },
    { VIR_DOMAIN_JOB_COMPRESSION_OVERFLOW, "compression_overflows", "Compression overflows:",
      FIG_COUNT13, W_PRESENT, NULL },
    { VIR_DOMAIN_JOB_AUTO_CONVERGE_THROTTLE, "auto_converge_throttle", "Auto converge throttle:",
      FIG_INT13, W_PRESENT, NULL },
    { VIR_DOMAIN_JOB_DISK_TEMP_USED, "disk_temp_used_bytes", "Temporary disk space use:",
      FIG_SIZE, W_PRESENT, NULL },
    { VIR_DOMAIN_JOB_DISK_TEMP_TOTAL, "disk_temp_total_bytes", "Temporary disk space total:",
      FIG_SIZE, W_PRESENT, NULL },
    { VIR_DOMAIN_JOB_ERRMSG, "error_message", "Error message:", FIG_TEXT, W_PRESENT, NULL },
};

static const char *const job_types[] = { "none", "bounded", "unbounded", "completed", "failed",
                                         "cancelled" };
static const struct out_word job_type_words[] = {
    { "none", "None" }, { "bounded", "Bounded" }, { "unbounded", "Unbounded" },
    { "completed", "Completed" }, { "failed", "Failed" }, { "cancelled", "Cancelled" },
    { NULL, NULL },
};
static const char *const operations[] = {
    "unknown", "start", "save", "restore", "incoming_migration", "outgoing_migration",
    "snapshot", "snapshot_revert", "dump", "backup", "snapshot_delete",
};
static const struct out_word operation_words[] = {
    { "unknown", "Unknown" }, { "start", "Start" }, { "save", "Save" }, { "restore", "Restore" },
    { "incoming_migration", "Incoming migration" }, { "outgoing_migration", "Outgoing migration" },
    { "snapshot", "Snapshot" }, { "snapshot_revert", "Snapshot revert" }, { "dump", "Dump" },
    { "backup", "Backup" }, { "snapshot_delete", "Snapshot delete" }, { NULL, NULL },
};

/* A size as virsh writes it: three decimals, B to EiB. */
static void add_size(struct strbuf *b, unsigned long long v, const char *suffix)
{
    static const char *const units[] = { "B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB" };
    double x = (double)v;
    size_t u = 0;
    while (x >= 1024 && u + 1 < ARRAY_SIZE(units)) {
        x /= 1024;
        u++;
    }
    strbuf_printf(b, "%-.3f %s%s\n", x, units[u], suffix);
}

/* One figure's line. */
static void add_line(struct strbuf *b, const char *label, enum fig fig, const virTypedParameter *p)
{
    unsigned long long v = p->type == VIR_TYPED_PARAM_INT ? (unsigned long long)p->value.i
                           : p->type == VIR_TYPED_PARAM_ULLONG ? p->value.ul
                           : p->type == VIR_TYPED_PARAM_LLONG ? (unsigned long long)p->value.l
                                                              : 0;
    strbuf_printf(b, "%-17s ", label);
    switch (fig) {
    case FIG_MS: strbuf_printf(b, "%-12llu ms\n", v); break;
    case FIG_SIZE: add_size(b, v, ""); break;
    case FIG_RATE: add_size(b, v, "/s"); break;
    case FIG_PAGES_S: strbuf_printf(b, "%-12llu pages/s\n", v); break;
    case FIG_BYTES: strbuf_printf(b, "%-12llu bytes\n", v); break;
    case FIG_COUNT: strbuf_printf(b, "%-12llu\n", v); break;
    case FIG_COUNT13: strbuf_printf(b, "%-13llu\n", v); break;
    case FIG_INT13: strbuf_printf(b, "%-13d\n", p->value.i); break;
    case FIG_TEXT: strbuf_printf(b, "%s\n", p->type == VIR_TYPED_PARAM_STRING ? p->value.s : ""); break;
    }
}

static const virTypedParameter *param(const virTypedParameter *params, int n, const char *field)
{
    for (int i = 0; i < n; i++)
        if (str_eq(params[i].field, field))
            return &params[i];
    return NULL;
}

static bool nonzero(const virTypedParameter *p)
{
    return p && p->value.ul != 0;
}

/* Whether any of the group's three figures is not 0 (virsh prints all
 * three then). */
static bool group_shown(const virTypedParameter *params, int n, const char *prefix)
{
    static const char *const tails[] = { "processed", "remaining", "total" };
    for (size_t i = 0; i < ARRAY_SIZE(tails); i++) {
        _cleanup_free_ char *f = xasprintf("%s%s", prefix, tails[i]);
        if (nonzero(param(params, n, f)))
            return true;
    }
    return false;
}

/* The figures: JSON members (null when libvirt gave none) and virsh's lines. */
static void add_figures(struct json_object *o, struct strbuf *b, int type,
                        const virTypedParameter *params, int n)
{
    for (size_t i = 0; i < ARRAY_SIZE(figures); i++) {
        const struct figure *f = &figures[i];
        const virTypedParameter *p = param(params, n, f->field);
        json_object_object_add(o, f->key, p ? typed_param_json(p) : NULL);
        bool show = p && (f->when == W_PRESENT || (f->when == W_NONZERO && nonzero(p)) ||
                          (f->when == W_BOUNDED && type == VIR_DOMAIN_JOB_BOUNDED) ||
                          (f->when == W_GROUP && group_shown(params, n, f->group)));
        if (!show)
            continue;
        const char *label = f->label ? f->label
                            : type == VIR_DOMAIN_JOB_COMPLETED ? "Total downtime:"
                                                               : "Expected downtime:";
        add_line(b, label, f->fig, p);
    }
}

struct jobinfo_args {
    const char *domain;
    bool completed, keep_completed, anystats, rawstats;
};

static int cmd_domain_domjobinfo(struct shell *sh, void *opaque)
{
    struct jobinfo_args *a = opaque;
    _cleanup_domain_ virDomainPtr d = conn_lookup_domain(sh, a->domain);
    if (!d)
        return CMD_FAILED;
    unsigned int flags = (a->completed ? VIR_DOMAIN_JOB_STATS_COMPLETED : 0) |
                         (a->keep_completed ? VIR_DOMAIN_JOB_STATS_KEEP_COMPLETED : 0);
    virTypedParameterPtr params = NULL;
    int n = 0, type = VIR_DOMAIN_JOB_NONE;
    if (virDomainGetJobStats(d, &type, &params, &n, flags) < 0)
        return err_libvirt(sh, "cannot get the job of domain '%s'", a->domain);
    const virTypedParameter *op = param(params, n, VIR_DOMAIN_JOB_OPERATION);
    int opi = op && op->value.i >= 0 && (size_t)op->value.i < ARRAY_SIZE(operations) ? op->value.i : 0;
    const char *typew = type >= 0 && (size_t)type < ARRAY_SIZE(job_types) ? job_types[type] : "none";

    _cleanup_json_ struct json_object *o = domain_ident_json(d);
    _cleanup_strbuf_ struct strbuf b = { 0 };
    json_object_object_add(o, "type", json_object_new_string(typew));
    json_object_object_add(o, "operation", op ? json_object_new_string(operations[opi]) : NULL);
    if (a->rawstats) {
        strbuf_printf(&b, "Job type: %d\n\n", type);
        _cleanup_free_ char *rows = typed_params_text(params, n, "", 0, 0);
        strbuf_add(&b, rows);
    } else {
        strbuf_printf(&b, "%-17s %-12s\n", "Job type:", out_word_text(job_type_words, typew));
    }
    /* What there is to show: a job going on, or one that ended when asked for. */
    bool stats = type == VIR_DOMAIN_JOB_BOUNDED || type == VIR_DOMAIN_JOB_UNBOUNDED ||
                 (a->completed && type == VIR_DOMAIN_JOB_COMPLETED) || a->anystats;
    _cleanup_strbuf_ struct strbuf figs = { 0 };
    if (op && stats)
        strbuf_printf(&figs, "%-17s %-12s\n", "Operation:",
                      out_word_text(operation_words, operations[opi]));
    add_figures(o, &figs, type, params, n);
    if (stats && !a->rawstats)
        strbuf_add(&b, strbuf_str(&figs));
    json_object_object_add(o, "raw", a->rawstats ? typed_params_json(params, n, 0) : NULL);
    virTypedParamsFree(params, n);
    out_value(&sh->out, o, strbuf_str(&b));
    return CMD_OK;
}

struct jobabort_args {
    const char *domain;
    bool postcopy;
};

static int cmd_domain_domjobabort(struct shell *sh, void *opaque)
{
    struct jobabort_args *a = opaque;
    _cleanup_domain_ virDomainPtr d = conn_lookup_domain(sh, a->domain);
    if (!d)
        return CMD_FAILED;
    int rc = a->postcopy ? virDomainAbortJobFlags(d, VIR_DOMAIN_ABORT_JOB_POSTCOPY)
                         : virDomainAbortJob(d);
    if (rc < 0)
        return err_libvirt(sh, "cannot abort the job of domain '%s'", a->domain);
    if (sh->out.mode != OUT_JSON)
        return CMD_OK; /* virsh says nothing */
    _cleanup_json_ struct json_object *o = domain_ident_json(d);
    json_object_object_add(o, "result", json_object_new_string("aborted"));
    out_message(&sh->out, o, "");
    return CMD_OK;
}

#define FIGURE(k, what) { k, RT_NUMBER | RT_NULL, what }

const struct cmd_def domain_job_cmds[] = {
    { .name = "domjobinfo", .summary = "show a domain's running (or last) job",
      .desc = "What the domain's job is (save, dump, migration, backup, snapshot, ...) and how "
              "far it got; --completed the last one that ended (--keep-completed: and keep its "
              "figures for the next look); --anystats figures of any job, even a failed one; "
              "--rawstats libvirt's figures as they come.  JSON: the domain, type, operation, "
              "each figure under a key that says its unit (null when libvirt gave none), raw "
              "(--rawstats: libvirt's own fields, else null).",
      .run = cmd_domain_domjobinfo, .args_size = sizeof(struct jobinfo_args),
      .opts = OPTS(ARG_DOMAIN(struct jobinfo_args, domain, COMPL_DOMAIN_ACTIVE),
                   OPT_FLAG(struct jobinfo_args, "completed", completed,
                            "the last job that ended"),
                   OPT_FLAG(struct jobinfo_args, "keep-completed", keep_completed,
                            "keep the ended job's figures for the next look",
                            .needs = "completed"),
                   OPT_FLAG(struct jobinfo_args, "anystats", anystats,
                            "figures of any kind of job, even a failed one"),
                   OPT_FLAG(struct jobinfo_args, "rawstats", rawstats,
                            "libvirt's figures as they come")),
      .result = RESULT_OBJECT(
          { "name", RT_STRING, "the domain" }, { "id", RT_INT | RT_NULL, "its id" },
          { "uuid", RT_STRING, "its UUID" },
          { "type", RT_STRING, "none, bounded, unbounded, completed, failed or cancelled" },
          { "operation", RT_STRING | RT_NULL, "save, restore, dump, snapshot, backup, "
            "outgoing_migration, ... (null if libvirt does not say)" },
          FIGURE("time_elapsed_ms", "time since it began"),
          FIGURE("time_elapsed_net_ms", "the same, without the network's part"),
          FIGURE("time_remaining_ms", "estimated time left"),
          FIGURE("data_processed_bytes", "data done"), FIGURE("data_remaining_bytes", "data left"),
          FIGURE("data_total_bytes", "all data"),
          FIGURE("memory_processed_bytes", "memory done"),
          FIGURE("memory_remaining_bytes", "memory left"),
          FIGURE("memory_total_bytes", "all memory"),
          FIGURE("memory_bytes_per_s", "memory transfer rate"),
          FIGURE("memory_dirty_pages_per_s", "pages dirtied per second"),
          FIGURE("memory_page_size_bytes", "page size"),
          FIGURE("memory_iteration", "memory passes so far"),
          FIGURE("memory_postcopy_requests", "post-copy page requests"),
          FIGURE("disk_processed_bytes", "disk (file) data done"),
          FIGURE("disk_remaining_bytes", "disk data left"),
          FIGURE("disk_total_bytes", "all disk data"),
          FIGURE("disk_bytes_per_s", "disk transfer rate"),
          FIGURE("memory_constant_pages", "pages of one repeated byte"),
          FIGURE("memory_normal_pages", "other pages"),
          FIGURE("memory_normal_bytes", "their bytes"),
          FIGURE("downtime_ms", "the guest's downtime (expected, or total once completed)"),
          FIGURE("downtime_net_ms", "downtime without the network's part"),
          FIGURE("setup_time_ms", "setup time"),
          FIGURE("compression_cache_bytes", "compression cache size"),
          FIGURE("compression_bytes", "compressed data"),
          FIGURE("compression_pages", "compressed pages"),
          FIGURE("compression_cache_misses", "compression cache misses"),
          FIGURE("compression_overflows", "compression overflows"),
          FIGURE("auto_converge_throttle", "CPU throttle of auto-converge, percent"),
          FIGURE("disk_temp_used_bytes", "temporary disk space used"),
          FIGURE("disk_temp_total_bytes", "temporary disk space reserved"),
          { "error_message", RT_STRING | RT_NULL, "why a failed job failed" },
          { "raw", RT_ANY | RT_NULL, "--rawstats: libvirt's fields and values" }) },
    { .name = "domjobabort", .summary = "abort a domain's running job",
      .desc = "Abort the save, dump, migration, backup or other job running on the domain; "
              "--postcopy interrupts a migration in post-copy.  Prints nothing in text; JSON: "
              "name, id, uuid, result \"aborted\".",
      .run = cmd_domain_domjobabort, .args_size = sizeof(struct jobabort_args),
      .flags = CMD_MODIFIES,
      .opts = OPTS(ARG_DOMAIN(struct jobabort_args, domain, COMPL_DOMAIN_ACTIVE),
                   OPT_FLAG(struct jobabort_args, "postcopy", postcopy,
                            "interrupt a post-copy migration")),
      .result = RESULT_OBJECT({ "name", RT_STRING, "the domain" },
                              { "id", RT_INT | RT_NULL, "its id" },
                              { "uuid", RT_STRING, "its UUID" },
                              { "result", RT_STRING, "aborted" }) },
    { 0 },
};
