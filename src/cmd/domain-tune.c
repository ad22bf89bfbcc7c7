/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* cmd/domain-tune.c - resource tuning: memtune, blkiotune, numatune,
 * schedinfo, perf; and what the tuning files share. */
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
#include <limits.h>
#include <string.h>

#include "core/args.h"
#include "core/cpulist.h"
#include "core/strbuf.h"
#include "core/util.h"
#include "virt/conn.h"
#include "virt/context.h"
#include "virt/domain.h"
#include "virt/err.h"
#include "virt/typed-params.h"
#include "cmd/domain-tune.h"
#include "cmd/groups.h"
#include "cmd/monitor-stats.h"
#include "cmd/scope.h"

/* ---- shared -------------------------------------------------------------- */

int host_cpu_count(struct shell *sh)
{
    int n = virNodeGetCPUMap(sh->conn, NULL, NULL, 0);
    if (n > 0)
        return n;
    virNodeInfo info;
    virResetLastError();
    if (virNodeGetInfo(sh->conn, &info) < 0) {
        err_libvirt(sh, "cannot get the number of host CPUs");
        return -1;
    }
    return (int)VIR_NODEINFO_MAXCPUS(info);
}

struct json_object *cpuset_value(struct shell *sh, const unsigned char *map, int ncpus)
{
    if (sh->out.mode == OUT_JSON)
        return cpulist_json(map, ncpus);
    _cleanup_free_ char *s = cpulist_format(map, ncpus);
    return json_object_new_string(s);
}

unsigned char *cpuset_parse(struct shell *sh, const char *opt, const char *list, int ncpus)
{
    char why[200];
    unsigned char *map = xcalloc(1, cpumap_len(ncpus));
    int rc = cpulist_parse(list, ncpus, map, why, sizeof(why));
    if (rc == 0)
        return map;
    free(map);
    if (rc == -1)
        usage_error(sh, "invalid value for '%s': %s", opt, why);
    else
        error(sh, "%s", why);
    return NULL;
}

void report_tuned(struct shell *sh, virDomainPtr d, const char *result, unsigned int flags)
{
    _cleanup_json_ struct json_object *o = domain_ident_json(d);
    json_object_object_add(o, "result", json_object_new_string(result));
    scope_json(o, d, flags);
    report_json_only(sh, o);
}

int get_params(virDomainPtr d, params_getter get, unsigned int flags, struct typed_list *l)
{
    int n = 0;
    if (get(d, NULL, &n, flags) < 0)
        return -1;
    l->params = xcalloc((size_t)n + 1, sizeof(*l->params));
    l->max = n;
    if (n && get(d, l->params, &n, flags) < 0)
        return -1;
    l->n = n;
    return 0;
}

/* Rows "FIELD          : VALUE" as virsh's tuning commands print them. */
static char *tune_text(const struct typed_list *l)
{
    return typed_params_text(l->params, l->n, "", 15, 0);
}

/* ---- memtune ------------------------------------------------------------- */

struct memtune_args {
    const char *domain;
    const char *limit[4]; /* in the order of memtune_keys */
    struct scope_args scope;
};

static const struct typed_key memtune_keys[] = {
    { VIR_DOMAIN_MEMORY_HARD_LIMIT, "hard_limit_kib" },
    { VIR_DOMAIN_MEMORY_SOFT_LIMIT, "soft_limit_kib" },
    { VIR_DOMAIN_MEMORY_SWAP_HARD_LIMIT, "swap_hard_limit_kib" },
    { VIR_DOMAIN_MEMORY_MIN_GUARANTEE, "min_guarantee_kib" },
    { NULL, NULL },
};

static const char *const memtune_opts[] = { "--hard-limit", "--soft-limit", "--swap-hard-limit",
                                            "--min-guarantee" };

/* A limit as virsh reads it: a negative number is "unlimited", else a
 * scaled size (a bare number is KiB), rounded up to KiB. */
static int memtune_size(struct shell *sh, const char *opt, const char *s, unsigned long long *kib)
{
    long long neg;
    unsigned long long bytes;
    if (parse_ll(s, LLONG_MIN, -1, &neg) == 0) {
        *kib = VIR_DOMAIN_MEMORY_PARAM_UNLIMITED;
        return 0;
    }
    if (args_parse_scaled(s, 1024, &bytes) < 0)
        return usage_error(sh, "invalid value '%s' for '%s': expected a size (1024, 512M, 2G; "
                           "a bare number is KiB) or -1 for unlimited", s, opt);
    *kib = bytes / 1024 + (bytes % 1024 != 0);
    return 0;
}

static int memtune_set(struct shell *sh, virDomainPtr d, const struct memtune_args *a,
                       unsigned int flags)
{
    _cleanup_typed_list_ struct typed_list l = { 0 };
    for (size_t i = 0; i < ARRAY_SIZE(a->limit); i++) {
        unsigned long long kib = 0;
        if (!a->limit[i])
            continue;
        if (memtune_size(sh, memtune_opts[i], a->limit[i], &kib) != 0)
            return CMD_USAGE;
        virTypedParamsAddULLong(&l.params, &l.n, &l.max, memtune_keys[i].field, kib);
    }
    if (virDomainSetMemoryParameters(d, l.params, l.n, flags) < 0)
        return err_libvirt(sh, "cannot change the memory limits of domain '%s'", a->domain);
    report_tuned(sh, d, "memory_tuned", flags);
    return CMD_OK;
}

static int cmd_domain_memtune(struct shell *sh, void *opaque)
{
    struct memtune_args *a = opaque;
    unsigned int flags = scope_flags(&a->scope);
    _cleanup_domain_ virDomainPtr d = conn_lookup_domain(sh, a->domain);
    if (!d)
        return CMD_FAILED;
    for (size_t i = 0; i < ARRAY_SIZE(a->limit); i++)
        if (a->limit[i])
            return memtune_set(sh, d, a, flags);
    _cleanup_typed_list_ struct typed_list l = { 0 };
    if (get_params(d, virDomainGetMemoryParameters, flags, &l) < 0)
        return err_libvirt(sh, "cannot get the memory limits of domain '%s'", a->domain);
    _cleanup_json_ struct json_object *o = typed_params_json_keys(l.params, l.n, memtune_keys);
    _cleanup_strbuf_ struct strbuf b = { 0 };
    for (int i = 0; i < l.n; i++) {
        const virTypedParameter *p = &l.params[i];
        bool unlimited = p->type == VIR_TYPED_PARAM_ULLONG &&
                         p->value.ul == VIR_DOMAIN_MEMORY_PARAM_UNLIMITED;
        _cleanup_free_ char *v = unlimited ? xstrdup("unlimited") : typed_param_text(p, 0);
        strbuf_printf(&b, "%-15s: %s\n", p->field, v ? v : "");
        for (const struct typed_key *k = memtune_keys; unlimited && k->key; k++)
            if (str_eq(k->field, p->field))
                json_object_object_add(o, k->key, NULL);
    }
    report_value(sh, o, strbuf_str(&b));
    return CMD_OK;
}

/* ---- blkiotune ----------------------------------------------------------- */

struct blkiotune_args {
    const char *domain;
    const char *weight;
    const char *device[5]; /* in the order of blkio_fields, after weight */
    struct scope_args scope;
};

static const char *const blkio_fields[] = {
    VIR_DOMAIN_BLKIO_WEIGHT,
    VIR_DOMAIN_BLKIO_DEVICE_WEIGHT,
    VIR_DOMAIN_BLKIO_DEVICE_READ_IOPS,
    VIR_DOMAIN_BLKIO_DEVICE_WRITE_IOPS,
    VIR_DOMAIN_BLKIO_DEVICE_READ_BPS,
    VIR_DOMAIN_BLKIO_DEVICE_WRITE_BPS,
};

/* "/dev/sda,500,/dev/sdb,300" as [{device, value}]; null for "" or a
 * string that is not such a list. */
static struct json_object *device_list_json(const char *s)
{
    if (!s || !*s)
        return NULL;
    _cleanup_free_ char *copy = xstrdup(s);
    struct json_object *arr = json_object_new_array();
    char *save = NULL;
    for (char *dev = strtok_r(copy, ",", &save); dev; dev = strtok_r(NULL, ",", &save)) {
        char *val = strtok_r(NULL, ",", &save);
        unsigned long long v;
        if (!val || parse_ull(val, &v) < 0) {
            json_object_put(arr);
            return NULL;
        }
        struct json_object *o = json_object_new_object();
        json_object_object_add(o, "device", json_object_new_string(dev));
        json_object_object_add(o, "value", json_object_new_uint64(v));
        json_object_array_add(arr, o);
    }
    return arr;
}

static int blkiotune_set(struct shell *sh, virDomainPtr d, const struct blkiotune_args *a,
                         unsigned int flags)
{
    _cleanup_typed_list_ struct typed_list l = { 0 };
    long long w;
    if (a->weight) {
        if (parse_ll(a->weight, 1, UINT_MAX, &w) < 0)
            return usage_error(sh, "invalid value '%s' for '--weight': expected a number from 1",
                               a->weight);
        virTypedParamsAddUInt(&l.params, &l.n, &l.max, VIR_DOMAIN_BLKIO_WEIGHT, (unsigned int)w);
    }
    for (size_t i = 0; i < ARRAY_SIZE(a->device); i++)
        if (a->device[i])
            virTypedParamsAddString(&l.params, &l.n, &l.max, blkio_fields[i + 1], a->device[i]);
    if (virDomainSetBlkioParameters(d, l.params, l.n, flags) < 0)
        return err_libvirt(sh, "cannot change the I/O tuning of domain '%s'", a->domain);
    report_tuned(sh, d, "blkio_tuned", flags);
    return CMD_OK;
}

static int cmd_domain_blkiotune(struct shell *sh, void *opaque)
{
    struct blkiotune_args *a = opaque;
    unsigned int flags = scope_flags(&a->scope);
    _cleanup_domain_ virDomainPtr d = conn_lookup_domain(sh, a->domain);
    if (!d)
        return CMD_FAILED;
    bool set = a->weight;
    for (size_t i = 0; i < ARRAY_SIZE(a->device); i++)
        set = set || a->device[i];
    if (set)
        return blkiotune_set(sh, d, a, flags);
    _cleanup_typed_list_ struct typed_list l = { 0 };
    if (get_params(d, virDomainGetBlkioParameters, flags, &l) < 0)
        return err_libvirt(sh, "cannot get the I/O tuning of domain '%s'", a->domain);
    _cleanup_json_ struct json_object *o = json_object_new_object();
    unsigned long long weight;
    json_object_object_add(o, "weight", typed_params_ull(l.params, l.n, blkio_fields[0], &weight) == 0
                                            ? json_object_new_uint64(weight) : NULL);
    for (size_t i = 1; i < ARRAY_SIZE(blkio_fields); i++) {
        const virTypedParameter *p = typed_params_find(l.params, l.n, blkio_fields[i]);
        bool str = p && p->type == VIR_TYPED_PARAM_STRING;
        json_object_object_add(o, blkio_fields[i], device_list_json(str ? p->value.s : NULL));
    }
    _cleanup_free_ char *text = tune_text(&l);
    report_value(sh, o, text);
    return CMD_OK;
}

/* ---- numatune ------------------------------------------------------------ */

struct numatune_args {
    const char *domain, *mode, *nodeset;
    struct scope_args scope;
};

/* VIR_DOMAIN_NUMATUNE_MEM_* in order. */
static const char *const numa_modes[] = { "strict", "preferred", "interleave", "restrictive" };

static int numatune_set(struct shell *sh, virDomainPtr d, const struct numatune_args *a,
                        unsigned int flags)
{
    _cleanup_typed_list_ struct typed_list l = { 0 };
    if (a->mode) {
        long long m = -1;
        for (size_t i = 0; i < ARRAY_SIZE(numa_modes); i++)
            if (str_eq(a->mode, numa_modes[i]))
                m = (long long)i;
        if (m < 0 && parse_ll(a->mode, 0, INT_MAX, &m) < 0)
            return usage_error(sh, "invalid value '%s' for '--mode': expected strict, preferred, "
                               "interleave, restrictive or a number", a->mode);
        virTypedParamsAddInt(&l.params, &l.n, &l.max, VIR_DOMAIN_NUMA_MODE, (int)m);
    }
    if (a->nodeset)
        virTypedParamsAddString(&l.params, &l.n, &l.max, VIR_DOMAIN_NUMA_NODESET, a->nodeset);
    if (virDomainSetNumaParameters(d, l.params, l.n, flags) < 0)
        return err_libvirt(sh, "cannot change the NUMA tuning of domain '%s'", a->domain);
    report_tuned(sh, d, "numa_tuned", flags);
    return CMD_OK;
}

static int cmd_domain_numatune(struct shell *sh, void *opaque)
{
    struct numatune_args *a = opaque;
    unsigned int flags = scope_flags(&a->scope);
    _cleanup_domain_ virDomainPtr d = conn_lookup_domain(sh, a->domain);
    if (!d)
        return CMD_FAILED;
    if (a->mode || a->nodeset)
        return numatune_set(sh, d, a, flags);
    _cleanup_typed_list_ struct typed_list l = { 0 };
    if (get_params(d, virDomainGetNumaParameters, flags, &l) < 0)
        return err_libvirt(sh, "cannot get the NUMA tuning of domain '%s'", a->domain);
    _cleanup_json_ struct json_object *o = json_object_new_object();
    _cleanup_strbuf_ struct strbuf b = { 0 };
    json_object_object_add(o, "mode", NULL);
    json_object_object_add(o, "nodeset", NULL);
    for (int i = 0; i < l.n; i++) {
        const virTypedParameter *p = &l.params[i];
        _cleanup_free_ char *v = NULL;
        if (str_eq(p->field, VIR_DOMAIN_NUMA_MODE) && p->type == VIR_TYPED_PARAM_INT &&
            p->value.i >= 0 && p->value.i < (int)ARRAY_SIZE(numa_modes)) {
            v = xstrdup(numa_modes[p->value.i]);
            json_object_object_add(o, "mode", json_object_new_string(v));
        } else {
            v = typed_param_text(p, 0);
        }
        if (str_eq(p->field, VIR_DOMAIN_NUMA_NODESET) && p->type == VIR_TYPED_PARAM_STRING &&
            p->value.s && *p->value.s)
            json_object_object_add(o, "nodeset", json_object_new_string(p->value.s));
        strbuf_printf(&b, "%-15s: %s\n", p->field, v ? v : "");
    }
    report_value(sh, o, strbuf_str(&b));
    return CMD_OK;
}

/* ---- schedinfo ----------------------------------------------------------- */

struct schedinfo_args {
    const char *domain, *weight, *cap;
    struct scope_args scope;
    struct strv set, words; /* --set NAME=VALUE, and as plain words */
};

/* One NAME=VALUE for the scheduler: its type is the one the domain's
 * parameter of that name has.  0, or the status with the error recorded. */
static int sched_update(struct shell *sh, const char *dom, const struct typed_list *cur,
                        const char *assign, struct typed_list *upd)
{
    const char *eq = strchr(assign, '=');
    if (!eq)
        return usage_error(sh, "invalid value '%s' for '--set': expected NAME=VALUE", assign);
    _cleanup_free_ char *name = xstrndup(assign, (size_t)(eq - assign));
    const virTypedParameter *p = typed_params_find(cur->params, cur->n, name);
    if (!p)
        return error(sh, "the scheduler of domain '%s' has no parameter '%s'", dom, name);
    char why[200];
    if (typed_list_add_text(upd, name, p->type, eq + 1, why, sizeof(why)) < 0)
        return usage_error(sh, "%s", why);
    return 0;
}

static int sched_updates(struct shell *sh, const struct schedinfo_args *a,
                         const struct typed_list *cur, struct typed_list *upd)
{
    _cleanup_free_ char *w = a->weight ? xasprintf("weight=%s", a->weight) : NULL;
    _cleanup_free_ char *c = a->cap ? xasprintf("cap=%s", a->cap) : NULL;
    const char *extra[] = { w, c };
    for (size_t i = 0; i < ARRAY_SIZE(extra); i++)
        if (extra[i] && sched_update(sh, a->domain, cur, extra[i], upd) != 0)
            return sh->err.status;
    for (size_t i = 0; i < a->set.n; i++)
        if (sched_update(sh, a->domain, cur, a->set.v[i], upd) != 0)
            return sh->err.status;
    for (size_t i = 0; i < a->words.n; i++)
        if (sched_update(sh, a->domain, cur, a->words.v[i], upd) != 0)
            return sh->err.status;
    return 0;
}

/* The scheduler's parameters by libvirt's flagged calls when a scope was
 * given (they take --current too), else by the plain ones, as virsh does:
 * some drivers have only those. */
static int sched_get(virDomainPtr d, const struct scope_args *scope, unsigned int flags,
                     struct typed_list *l)
{
    int n = l->max;
    int rc = flags || scope->current
                 ? virDomainGetSchedulerParametersFlags(d, l->params, &n,
                                                        flags | VIR_TYPED_PARAM_STRING_OKAY)
                 : virDomainGetSchedulerParameters(d, l->params, &n);
    l->n = rc < 0 ? 0 : n;
    return rc;
}

static int sched_set(virDomainPtr d, const struct scope_args *scope, unsigned int flags,
                     const struct typed_list *upd)
{
    return flags || scope->current
               ? virDomainSetSchedulerParametersFlags(d, upd->params, upd->n, flags)
               : virDomainSetSchedulerParameters(d, upd->params, upd->n);
}

static int cmd_domain_schedinfo(struct shell *sh, void *opaque)
{
    struct schedinfo_args *a = opaque;
    unsigned int flags = scope_flags(&a->scope);
    _cleanup_domain_ virDomainPtr d = conn_lookup_domain(sh, a->domain);
    if (!d)
        return CMD_FAILED;
    int n = 0;
    _cleanup_free_ char *type = virDomainGetSchedulerType(d, &n);
    if (!type)
        return err_libvirt(sh, "cannot get the scheduler of domain '%s'", a->domain);
    _cleanup_typed_list_ struct typed_list cur = { xcalloc((size_t)n + 1, sizeof(virTypedParameter)),
                                                   0, n };
    if (n && sched_get(d, &a->scope, flags, &cur) < 0)
        return err_libvirt(sh, "cannot get the scheduler parameters of domain '%s'", a->domain);
    _cleanup_typed_list_ struct typed_list upd = { 0 };
    if (sched_updates(sh, a, &cur, &upd) != 0)
        return sh->err.status;
    if (upd.n) {
        if (sched_set(d, &a->scope, flags, &upd) < 0)
            return err_libvirt(sh, "cannot change the scheduler parameters of domain '%s'",
                               a->domain);
        virTypedParamsClear(cur.params, cur.n);
        unsigned int again = a->scope.live && a->scope.config ? VIR_DOMAIN_AFFECT_LIVE : flags;
        if (sched_get(d, &a->scope, again, &cur) < 0)
            return err_libvirt(sh, "cannot get the scheduler parameters of domain '%s'", a->domain);
    } else if (a->scope.live && a->scope.config) {
        return usage_error(sh, "'--live' and '--config' cannot be shown together: ask for one");
    }
    _cleanup_json_ struct json_object *o = json_object_new_object();
    json_object_object_add(o, "scheduler", json_object_new_string(type));
    json_object_object_add(o, "params", typed_params_json(cur.params, cur.n, 0));
    _cleanup_free_ char *rows = tune_text(&cur);
    _cleanup_free_ char *text = xasprintf("%-15s: %s\n%s", "Scheduler", type, rows);
    report_value(sh, o, text);
    return CMD_OK;
}

/* ---- perf ---------------------------------------------------------------- */

struct perf_args {
    const char *domain, *enable, *disable;
    struct scope_args scope;
};

static void add_events(struct typed_list *l, const char *list, bool on)
{
    _cleanup_free_ char *copy = xstrdup(list);
    char *save = NULL;
    for (char *e = strtok_r(copy, ",", &save); e; e = strtok_r(NULL, ",", &save))
        virTypedParamsAddBoolean(&l->params, &l->n, &l->max, e, on);
}

static int cmd_domain_perf(struct shell *sh, void *opaque)
{
    struct perf_args *a = opaque;
    unsigned int flags = scope_flags(&a->scope);
    _cleanup_domain_ virDomainPtr d = conn_lookup_domain(sh, a->domain);
    if (!d)
        return CMD_FAILED;
    _cleanup_typed_list_ struct typed_list l = { 0 };
    if (a->enable)
        add_events(&l, a->enable, true);
    if (a->disable)
        add_events(&l, a->disable, false);
    if (l.n) {
        if (virDomainSetPerfEvents(d, l.params, l.n, flags) < 0)
            return err_libvirt(sh, "cannot change the perf events of domain '%s'", a->domain);
    } else if (virDomainGetPerfEvents(d, &l.params, &l.n, flags) < 0) {
        return err_libvirt(sh, "cannot get the perf events of domain '%s'", a->domain);
    }
    _cleanup_json_ struct json_object *events = json_object_new_object();
    _cleanup_strbuf_ struct strbuf b = { 0 };
    for (int i = 0; i < l.n; i++) {
        bool on = l.params[i].type == VIR_TYPED_PARAM_BOOLEAN && l.params[i].value.b;
        json_object_object_add(events, l.params[i].field, json_object_new_boolean(on));
        strbuf_printf(&b, "%-15s: %s\n", l.params[i].field, on ? "enabled" : "disabled");
    }
    _cleanup_json_ struct json_object *o = json_object_new_object();
    json_object_object_add(o, "events", json_object_get(events));
    report_value(sh, o, strbuf_str(&b));
    return CMD_OK;
}

#define LIMIT_OPT(nm, i, what) \
    OPT_STRING(struct memtune_args, nm, limit[i], what " (512M, 2G; a bare number is KiB; " \
               "-1: unlimited)", .flags = OPT_POSITIONAL | OPT_MODIFIES, .metavar = "SIZE")

#define DEVICE_OPT(nm, i, what) \
    OPT_STRING(struct blkiotune_args, nm, device[i], what, \
               .flags = OPT_POSITIONAL | OPT_MODIFIES, .metavar = "DEVICE,VALUE,...")

/* The domain group's rows of this file (see cmd/domain.c). */
const struct cmd_def domain_tune_cmds[] = {
    { .name = "memtune", .summary = "show or change a domain's memory limits",
      .desc = "Without a limit, the domain's memory limits; with one, change it and print "
              "nothing. JSON: hard_limit_kib, soft_limit_kib, swap_hard_limit_kib, "
              "min_guarantee_kib (null: unlimited or not reported); after a change name, id, "
              "uuid, result \"memory_tuned\", live, config.",
      .run = cmd_domain_memtune, .args_size = sizeof(struct memtune_args),
      .opts = OPTS(ARG_DOMAIN(struct memtune_args, domain, COMPL_DOMAIN),
                   LIMIT_OPT("hard-limit", 0, "the most memory it may use"),
                   LIMIT_OPT("soft-limit", 1, "what it is held to when memory is short"),
                   LIMIT_OPT("swap-hard-limit", 2, "the most memory and swap it may use"),
                   LIMIT_OPT("min-guarantee", 3, "the memory it is guaranteed"),
                   SCOPE_OPTS_RW(struct memtune_args)),
      .result = RESULT_OR(RESULT_OBJECT(TUNED_FIELDS("\"memory_tuned\"")), RS_OBJECT,
                          { "hard_limit_kib", RT_INT | RT_NULL, "the most memory it may use" },
                          { "soft_limit_kib", RT_INT | RT_NULL, "its limit when memory is short" },
                          { "swap_hard_limit_kib", RT_INT | RT_NULL, "memory and swap" },
                          { "min_guarantee_kib", RT_INT | RT_NULL, "memory it is guaranteed" }) },
    { .name = "blkiotune", .summary = "show or change a domain's disk I/O weights and limits",
      .desc = "Without a value, the domain's I/O weight and per-device weights and limits; "
              "with one, change it and print nothing. Per-device values are "
              "\"/dev/sda,500,/dev/sdb,300\" (0 removes a device's value). JSON: weight, and "
              "device_weight, device_read_iops_sec, device_write_iops_sec, "
              "device_read_bytes_sec, device_write_bytes_sec as arrays of {device, value} "
              "(null when none); after a change name, id, uuid, result \"blkio_tuned\", live, "
              "config.",
      .run = cmd_domain_blkiotune, .args_size = sizeof(struct blkiotune_args),
      .opts = OPTS(ARG_DOMAIN(struct blkiotune_args, domain, COMPL_DOMAIN),
                   OPT_STRING(struct blkiotune_args, "weight", weight,
                              "its I/O weight against other domains (100 to 1000)",
                              .flags = OPT_POSITIONAL | OPT_MODIFIES, .metavar = "NUMBER"),
                   DEVICE_OPT("device-weights", 0, "per-device weights"),
                   DEVICE_OPT("device-read-iops-sec", 1, "per-device reads a second"),
                   DEVICE_OPT("device-write-iops-sec", 2, "per-device writes a second"),
                   DEVICE_OPT("device-read-bytes-sec", 3, "per-device bytes read a second"),
                   DEVICE_OPT("device-write-bytes-sec", 4, "per-device bytes written a second"),
                   SCOPE_OPTS_RW(struct blkiotune_args)),
      .result = RESULT_OR(RESULT_OBJECT(TUNED_FIELDS("\"blkio_tuned\"")), RS_OBJECT,
                          { "weight", RT_INT | RT_NULL, "its I/O weight" },
                          { "device_weight", RT_ARRAY | RT_NULL, "per-device weights" },
                          { "device_weight[].device", RT_STRING, "the device" },
                          { "device_weight[].value", RT_INT, "its value" },
                          { "device_read_iops_sec", RT_ARRAY | RT_NULL, "reads a second" },
                          { "device_read_iops_sec[].device", RT_STRING, "the device" },
                          { "device_read_iops_sec[].value", RT_INT, "its value" },
                          { "device_write_iops_sec", RT_ARRAY | RT_NULL, "writes a second" },
                          { "device_write_iops_sec[].device", RT_STRING, "the device" },
                          { "device_write_iops_sec[].value", RT_INT, "its value" },
                          { "device_read_bytes_sec", RT_ARRAY | RT_NULL, "bytes read a second" },
                          { "device_read_bytes_sec[].device", RT_STRING, "the device" },
                          { "device_read_bytes_sec[].value", RT_INT, "its value" },
                          { "device_write_bytes_sec", RT_ARRAY | RT_NULL, "bytes written a second" },
                          { "device_write_bytes_sec[].device", RT_STRING, "the device" },
                          { "device_write_bytes_sec[].value", RT_INT, "its value" }) },
    { .name = "numatune", .summary = "show or change which host NUMA nodes a domain's memory uses",
      .desc = "Without a value, the NUMA memory mode and node set; with --mode (strict, "
              "preferred, interleave, restrictive) or --nodeset (\"0-1\"), change them and print "
              "nothing. JSON: mode, nodeset (null when not set); after a change name, id, uuid, "
              "result \"numa_tuned\", live, config.",
      .run = cmd_domain_numatune, .args_size = sizeof(struct numatune_args),
      .opts = OPTS(ARG_DOMAIN(struct numatune_args, domain, COMPL_DOMAIN),
                   OPT_STRING(struct numatune_args, "mode", mode,
                              "strict, preferred, interleave, restrictive (or its number)",
                              .flags = OPT_POSITIONAL | OPT_MODIFIES),
                   OPT_STRING(struct numatune_args, "nodeset", nodeset, "the host NUMA nodes",
                              .flags = OPT_POSITIONAL | OPT_MODIFIES),
                   SCOPE_OPTS_RW(struct numatune_args)),
      .result = RESULT_OR(RESULT_OBJECT(TUNED_FIELDS("\"numa_tuned\"")), RS_OBJECT,
                          { "mode", RT_STRING | RT_NULL, "strict, preferred, interleave or "
                                                        "restrictive" },
                          { "nodeset", RT_STRING | RT_NULL, "the host NUMA nodes, as \"0-1\"" }) },
    { .name = "schedinfo", .summary = "show or change a domain's CPU scheduler parameters",
      .desc = "The host scheduler of the domain and its parameters (cpu_shares, vcpu_period, "
              "vcpu_quota, ... for QEMU); NAME=VALUE (or --set NAME=VALUE) changes one, then "
              "all are shown. --weight and --cap are Xen's weight= and cap=. JSON: scheduler, "
              "params (name to value, with their types).",
      .run = cmd_domain_schedinfo, .args_size = sizeof(struct schedinfo_args),
      .opts = OPTS(ARG_DOMAIN(struct schedinfo_args, domain, COMPL_DOMAIN),
                   OPT_STRING(struct schedinfo_args, "weight", weight, "Xen: weight=VALUE",
                              .flags = OPT_MODIFIES, .metavar = "NUMBER"),
                   OPT_STRING(struct schedinfo_args, "cap", cap, "Xen: cap=VALUE",
                              .flags = OPT_MODIFIES, .metavar = "NUMBER"),
                   SCOPE_OPTS_RW(struct schedinfo_args),
                   OPT_LIST(struct schedinfo_args, "set", set, "change a parameter",
                            .flags = OPT_MODIFIES, .metavar = "NAME=VALUE"),
                   OPT_ARGV(struct schedinfo_args, "params", words,
                            "NAME=VALUE changes, as virsh takes them",
                            .flags = OPT_HIDDEN, .metavar = "NAME=VALUE")),
      .result = RESULT_OBJECT(
          { "scheduler", RT_STRING, "the scheduler (posix, fair, credit, ...)" },
          { "params", RT_ANY, "its parameters, name to value" }) },
    { .name = "perf", .summary = "show or change which perf events a domain counts",
      .desc = "Without --enable or --disable, every perf event and whether it is counted for "
              "the domain; with them (comma-separated event names: cmt,cpu_cycles), turn those "
              "on or off and show them. The counts are in domstats --perf. JSON: events (name "
              "to true or false).",
      .run = cmd_domain_perf, .args_size = sizeof(struct perf_args),
      .opts = OPTS(ARG_DOMAIN(struct perf_args, domain, COMPL_DOMAIN),
                   OPT_STRING(struct perf_args, "enable", enable, "count these events",
                              .flags = OPT_POSITIONAL | OPT_MODIFIES, .metavar = "EVENTS"),
                   OPT_STRING(struct perf_args, "disable", disable, "stop counting these",
                              .flags = OPT_POSITIONAL | OPT_MODIFIES, .metavar = "EVENTS"),
                   SCOPE_OPTS_RW(struct perf_args)),
      .result = RESULT_OBJECT({ "events", RT_ANY, "each event: counted (true) or not" }) },
    { 0 },
};
