/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * cmd/migrate-job.c - a migration's knobs and a domain's job: migrate-
 * setmaxdowntime/-getmaxdowntime, migrate-setspeed/-getspeed, migrate-
 * compcache, migrate-postcopy (virsh's names, options and text; a domain's
 * job: domjobinfo and domjobabort in cmd/domain-job.c).
 */
#include <libvirt/libvirt.h>

#include "core/util.h"
#include "virt/conn.h"
#include "virt/context.h"
#include "virt/domain.h"
#include "virt/err.h"
#include "cmd/groups.h"
#include "cmd/migrate.h"

struct job_args {
    const char *domain;
    long long value;           /* downtime (ms), bandwidth (MiB/s) */
    unsigned long long size;   /* migrate-compcache --size */
    bool postcopy;
};

/* A number the command reads, printed bare (virsh) or as {KEY: N}. */
static void print_number(struct shell *sh, virDomainPtr d, const char *key, unsigned long long v)
{
    _cleanup_json_ struct json_object *o = domain_ident_json(d);
    json_object_object_add(o, key, json_object_new_uint64(v));
    _cleanup_free_ char *text = xasprintf("%llu", v);
    out_value(&sh->out, o, text);
}

/* A change that prints nothing in text (virsh), {"result": WHAT} in JSON. */
static void print_done(struct shell *sh, virDomainPtr d, const char *what)
{
    _cleanup_json_ struct json_object *o = domain_ident_json(d);
    json_object_object_add(o, "result", json_object_new_string(what));
    if (sh->out.mode == OUT_JSON)
        out_message(&sh->out, o, "");
}

#define LOOKUP(sh, a, d) \
    _cleanup_domain_ virDomainPtr d = conn_lookup_domain((sh), (a)->domain); \
    if (!d) \
        return CMD_FAILED

static int cmd_setmaxdowntime(struct shell *sh, void *opaque)
{
    struct job_args *a = opaque;
    LOOKUP(sh, a, d);
    if (virDomainMigrateSetMaxDowntime(d, (unsigned long long)a->value, 0) < 0)
        return err_libvirt(sh, "cannot set the maximum downtime of domain '%s'", a->domain);
    print_done(sh, d, "max_downtime_set");
    return CMD_OK;
}

static int cmd_getmaxdowntime(struct shell *sh, void *opaque)
{
    struct job_args *a = opaque;
    unsigned long long v = 0;
    LOOKUP(sh, a, d);
    if (virDomainMigrateGetMaxDowntime(d, &v, 0) < 0)
        return err_libvirt(sh, "cannot get the maximum downtime of domain '%s'", a->domain);
    print_number(sh, d, "max_downtime_ms", v);
    return CMD_OK;
}

static int cmd_setspeed(struct shell *sh, void *opaque)
{
    struct job_args *a = opaque;
    LOOKUP(sh, a, d);
    unsigned flags = a->postcopy ? VIR_DOMAIN_MIGRATE_MAX_SPEED_POSTCOPY : 0;
    if (virDomainMigrateSetMaxSpeed(d, (unsigned long)a->value, flags) < 0)
        return err_libvirt(sh, "cannot set the migration speed of domain '%s'", a->domain);
    print_done(sh, d, "max_speed_set");
    return CMD_OK;
}

static int cmd_getspeed(struct shell *sh, void *opaque)
{
    struct job_args *a = opaque;
    unsigned long v = 0;
    LOOKUP(sh, a, d);
    unsigned flags = a->postcopy ? VIR_DOMAIN_MIGRATE_MAX_SPEED_POSTCOPY : 0;
    if (virDomainMigrateGetMaxSpeed(d, &v, flags) < 0)
        return err_libvirt(sh, "cannot get the migration speed of domain '%s'", a->domain);
    print_number(sh, d, "bandwidth_mib_s", v);
    return CMD_OK;
}

static int cmd_compcache(struct shell *sh, void *opaque)
{
    struct job_args *a = opaque;
    unsigned long long v = 0;
    LOOKUP(sh, a, d);
    if (a->size && virDomainMigrateSetCompressionCache(d, a->size, 0) < 0)
        return err_libvirt(sh, "cannot set the compression cache of domain '%s'", a->domain);
    if (virDomainMigrateGetCompressionCache(d, &v, 0) < 0)
        return err_libvirt(sh, "cannot get the compression cache of domain '%s'", a->domain);
    _cleanup_json_ struct json_object *o = domain_ident_json(d);
    json_object_object_add(o, "cache_bytes", json_object_new_uint64(v));
    static const char *const units[] = { "B", "KiB", "MiB", "GiB", "TiB" };
    double val = (double)v;
    size_t u = 0;
    while (val >= 1024 && u + 1 < sizeof(units) / sizeof(units[0]))
        val /= 1024, u++;
    _cleanup_free_ char *text = xasprintf("Compression cache: %.3f %s", val, units[u]);
    out_value(&sh->out, o, text);
    return CMD_OK;
}

static int cmd_postcopy(struct shell *sh, void *opaque)
{
    struct job_args *a = opaque;
    LOOKUP(sh, a, d);
    if (virDomainMigrateStartPostCopy(d, 0) < 0)
        return err_libvirt(sh, "cannot switch the migration of domain '%s' to post-copy",
                           a->domain);
    print_done(sh, d, "postcopy_started");
    return CMD_OK;
}

#define DOM ARG_DOMAIN(struct job_args, domain, COMPL_DOMAIN)
#define DONE RESULT_OBJECT(DOMAIN_IDENT_FIELDS, { "result", RT_STRING, "what was done" })

const struct cmd_def migrate_job_cmds[] = {
    { .name = "migrate-setmaxdowntime", .summary = "set the most downtime a live migration may have",
      .run = cmd_setmaxdowntime, .args_size = sizeof(struct job_args), .flags = CMD_MODIFIES,
      .opts = OPTS(DOM, OPT_INT(struct job_args, "downtime", value, 1, 0x7fffffff,
                                "maximum downtime, milliseconds", .flags = ARG_REQUIRED)),
      .result = DONE },
    { .name = "migrate-getmaxdowntime", .summary = "print the most downtime a live migration may have",
      .run = cmd_getmaxdowntime, .args_size = sizeof(struct job_args), .opts = OPTS(DOM),
      .result = RESULT_OBJECT(DOMAIN_IDENT_FIELDS, { "max_downtime_ms", RT_INT, "milliseconds" }) },
    { .name = "migrate-setspeed", .summary = "set the most bandwidth a migration may use",
      .run = cmd_setspeed, .args_size = sizeof(struct job_args), .flags = CMD_MODIFIES,
      .opts = OPTS(DOM, OPT_INT(struct job_args, "bandwidth", value, 0, 0x7fffffffffffLL,
                                "bandwidth limit, MiB/s", .flags = ARG_REQUIRED),
                   OPT_FLAG(struct job_args, "postcopy", postcopy, "the post-copy phase's")),
      .result = DONE },
    { .name = "migrate-getspeed", .summary = "print the most bandwidth a migration may use",
      .run = cmd_getspeed, .args_size = sizeof(struct job_args),
      .opts = OPTS(DOM, OPT_FLAG(struct job_args, "postcopy", postcopy, "the post-copy phase's")),
      .result = RESULT_OBJECT(DOMAIN_IDENT_FIELDS, { "bandwidth_mib_s", RT_INT, "MiB/s" }) },
    { .name = "migrate-compcache", .summary = "show (or set) the compression cache of migration",
      .run = cmd_compcache, .args_size = sizeof(struct job_args), .flags = CMD_MODIFIES,
      .opts = OPTS(DOM, OPT_SCALED(struct job_args, "size", size, 1,
                                   "new cache size (bytes, or scaled: 64M)")),
      .result = RESULT_OBJECT(DOMAIN_IDENT_FIELDS, { "cache_bytes", RT_INT, "the cache's size" }) },
    { .name = "migrate-postcopy", .summary = "switch a running migration to post-copy",
      .run = cmd_postcopy, .args_size = sizeof(struct job_args), .flags = CMD_MODIFIES,
      .opts = OPTS(DOM), .result = DONE },
    { 0 },
};
