/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* cmd/monitor-stats.c - statistics: domstats, domblkstat, domifstat, dommemstat. */
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
#include <stdint.h>
#include <string.h>

#include "core/strbuf.h"
#include "core/util.h"
#include "virt/conn.h"
#include "virt/context.h"
#include "virt/domain.h"
#include "virt/err.h"
#include "virt/statsample.h"
#include "virt/typed-params.h"
#include "cmd/groups.h"
#include "cmd/monitor-stats.h"
#include "cmd/scope.h"

void report_json_only(struct shell *sh, struct json_object *o)
{
    if (sh->out.mode == OUT_JSON)
        out_value(&sh->out, o, "");
}

void report_value(struct shell *sh, struct json_object *o, const char *text)
{
    if (sh->out.mode == OUT_JSON || *text)
        out_value(&sh->out, o, text);
}

/* ---- domstats ------------------------------------------------------------ */

struct domstats_args {
    bool groups[11];   /* in the order of stat_groups */
    bool lists[8];     /* in the order of list_filters */
    bool raw, enforce, backing, nowait;
    struct strv domains;
};

static const unsigned int stat_groups[] = {
    VIR_DOMAIN_STATS_STATE, VIR_DOMAIN_STATS_CPU_TOTAL, VIR_DOMAIN_STATS_BALLOON,
    VIR_DOMAIN_STATS_VCPU, VIR_DOMAIN_STATS_INTERFACE, VIR_DOMAIN_STATS_BLOCK,
    VIR_DOMAIN_STATS_PERF, VIR_DOMAIN_STATS_IOTHREAD, VIR_DOMAIN_STATS_MEMORY,
    VIR_DOMAIN_STATS_DIRTYRATE, VIR_DOMAIN_STATS_VM,
};

static const unsigned int list_filters[] = {
    VIR_CONNECT_GET_ALL_DOMAINS_STATS_ACTIVE, VIR_CONNECT_GET_ALL_DOMAINS_STATS_INACTIVE,
    VIR_CONNECT_GET_ALL_DOMAINS_STATS_PERSISTENT, VIR_CONNECT_GET_ALL_DOMAINS_STATS_TRANSIENT,
    VIR_CONNECT_GET_ALL_DOMAINS_STATS_RUNNING, VIR_CONNECT_GET_ALL_DOMAINS_STATS_PAUSED,
    VIR_CONNECT_GET_ALL_DOMAINS_STATS_SHUTOFF, VIR_CONNECT_GET_ALL_DOMAINS_STATS_OTHER,
};

_Static_assert(ARRAY_SIZE(stat_groups) == ARRAY_SIZE(((struct domstats_args *)0)->groups),
               "one flag a stats group");
_Static_assert(ARRAY_SIZE(list_filters) == ARRAY_SIZE(((struct domstats_args *)0)->lists),
               "one flag a list filter");

static void records_freep(virDomainStatsRecordPtr **r)
{
    if (*r)
        virDomainStatsRecordListFree(*r);
}

/* The domains named on the command line, NULL-terminated; NULL with the
 * error recorded. */
static virDomainPtr *lookup_all(struct shell *sh, const struct strv *names)
{
    virDomainPtr *doms = xcalloc(names->n + 1, sizeof(*doms));
    for (size_t i = 0; i < names->n; i++) {
        doms[i] = conn_lookup_domain(sh, names->v[i]);
        if (!doms[i]) {
            for (size_t k = 0; k < i; k++)
                virDomainFree(doms[k]);
            free(doms);
            return NULL;
        }
    }
    return doms;
}

/* A record with its name, asked once (not at every comparison). */
struct sort_key {
    virDomainStatsRecordPtr rec;
    const char *name;
};

static int key_cmp(const void *a, const void *b)
{
    return strcmp(((const struct sort_key *)a)->name, ((const struct sort_key *)b)->name);
}

/* By name: libvirt's order changes from run to run.  (Not by id as list
 * does: every virDomainGetID costs libvirt a debug message's formatting.) */
static void sort_records(virDomainStatsRecordPtr *recs, int n)
{
    struct sort_key *k = xcalloc((size_t)n + 1, sizeof(*k));
    for (int i = 0; i < n; i++)
        k[i] = (struct sort_key){ recs[i], virDomainGetName(recs[i]->dom) };
    qsort(k, (size_t)n, sizeof(*k), key_cmp);
    for (int i = 0; i < n; i++)
        recs[i] = k[i].rec;
    free(k);
}

struct records {
    virDomainStatsRecordPtr *recs;
    bool raw;
};

/* A shut off domain has no id: no need to ask (each virDomainGetID costs
 * libvirt the formatting of a debug message). */
static bool record_shutoff(const virDomainStatsRecord *r)
{
    const virTypedParameter *p = typed_params_find(r->params, r->nparams, "state.state");
    return p && p->type == VIR_TYPED_PARAM_INT && p->value.i == VIR_DOMAIN_SHUTOFF;
}

/* Record r as the values of name, id, uuid, stats (out_table_gen): made
 * and printed one at a time, so a large answer is never held twice. */
static struct json_object *record_row(void *opaque, size_t r)
{
    const struct records *rs = opaque;
    const virDomainStatsRecord *rec = rs->recs[r];
    unsigned char u[VIR_UUID_BUFLEN];
    char uuid[VIR_UUID_STRING_BUFLEN];
    unsigned int id = record_shutoff(rec) ? (unsigned int)-1 : virDomainGetID(rec->dom);
    virDomainGetUUID(rec->dom, u);
    sample_uuid_text(u, uuid);
    struct json_object *row = json_object_new_array_ext(4);
    json_object_array_add(row, json_object_new_string(virDomainGetName(rec->dom)));
    json_object_array_add(row, id == (unsigned int)-1 ? NULL : json_object_new_int64(id));
    json_object_array_add(row, json_object_new_string(uuid));
    json_object_array_add(row, typed_params_json(rec->params, rec->nparams,
                                                 rs->raw ? 0 : TYPED_PARAMS_NEST));
    return row;
}

static void record_text(struct strbuf *b, const virDomainStatsRecord *r)
{
    strbuf_add(b, "Domain: '");
    strbuf_add(b, virDomainGetName(r->dom));
    strbuf_add(b, "'\n");
    typed_params_text_add(b, r->params, r->nparams, "  ", 0, TYPED_PARAMS_ASSIGN);
}

static int cmd_monitor_domstats(struct shell *sh, void *opaque)
{
    struct domstats_args *a = opaque;
    unsigned int stats = 0, flags = 0;
    for (size_t i = 0; i < ARRAY_SIZE(stat_groups); i++)
        stats |= a->groups[i] ? stat_groups[i] : 0;
    for (size_t i = 0; i < ARRAY_SIZE(list_filters); i++)
        flags |= a->lists[i] ? list_filters[i] : 0;
    flags |= (a->enforce ? VIR_CONNECT_GET_ALL_DOMAINS_STATS_ENFORCE_STATS : 0) |
             (a->backing ? VIR_CONNECT_GET_ALL_DOMAINS_STATS_BACKING : 0) |
             (a->nowait ? VIR_CONNECT_GET_ALL_DOMAINS_STATS_NOWAIT : 0);

    _cleanup_(records_freep) virDomainStatsRecordPtr *recs = NULL;
    int n;
    if (a->domains.n) {
        virDomainPtr *doms = lookup_all(sh, &a->domains);
        if (!doms)
            return CMD_FAILED;
        n = virDomainListGetStats(doms, stats, &recs, flags);
        if (n < 0) /* before the frees, which reset libvirt's error */
            err_libvirt(sh, "cannot get domain statistics");
        for (size_t i = 0; doms[i]; i++)
            virDomainFree(doms[i]);
        free(doms);
        if (n < 0)
            return CMD_FAILED;
    } else {
        n = virConnectGetAllDomainStats(sh->conn, stats, &recs, flags);
        if (n > 1) /* libvirt's order changes from run to run */
            sort_records(recs, n);
    }
    if (n < 0)
        return err_libvirt(sh, "cannot get domain statistics");

    if (sh->out.mode == OUT_JSON) {
        static const char *const keys[] = { "name", "id", "uuid", "stats" };
        struct records rs = { recs, a->raw };
        out_table_gen(&sh->out, (size_t)n, record_row, &rs, keys, ARRAY_SIZE(keys), NULL, 0);
        return CMD_OK;
    }
    _cleanup_strbuf_ struct strbuf b = { 0 };
    for (int i = 0; i < n; i++) {
        if (i)
            strbuf_addc(&b, '\n');
        record_text(&b, recs[i]);
    }
    report_value(sh, NULL, strbuf_str(&b));
    return CMD_OK;
}

/* ---- domblkstat ---------------------------------------------------------- */

struct blkstat_args {
    const char *domain, *device;
    bool human;
};

/* The statistics virsh prints first, in this order: libvirt's field, the
 * name virsh gives it (and JSON), its --human label. */
static const struct blkstat_field {
    const char *field, *name, *human, *key;
} blkstat_fields[] = {
    { VIR_DOMAIN_BLOCK_STATS_READ_REQ, "rd_req", "number of read operations:", "rd_req" },
    { VIR_DOMAIN_BLOCK_STATS_READ_BYTES, "rd_bytes", "number of bytes read:", "rd_bytes" },
    { VIR_DOMAIN_BLOCK_STATS_WRITE_REQ, "wr_req", "number of write operations:", "wr_req" },
    { VIR_DOMAIN_BLOCK_STATS_WRITE_BYTES, "wr_bytes", "number of bytes written:", "wr_bytes" },
    { VIR_DOMAIN_BLOCK_STATS_ERRS, "errs", "error count:", "errs" },
    { VIR_DOMAIN_BLOCK_STATS_FLUSH_REQ, VIR_DOMAIN_BLOCK_STATS_FLUSH_REQ,
      "number of flush operations:", "flush_req" },
    { VIR_DOMAIN_BLOCK_STATS_READ_TOTAL_TIMES, VIR_DOMAIN_BLOCK_STATS_READ_TOTAL_TIMES,
      "total duration of reads (ns):", "rd_total_times_ns" },
    { VIR_DOMAIN_BLOCK_STATS_WRITE_TOTAL_TIMES, VIR_DOMAIN_BLOCK_STATS_WRITE_TOTAL_TIMES,
      "total duration of writes (ns):", "wr_total_times_ns" },
    { VIR_DOMAIN_BLOCK_STATS_FLUSH_TOTAL_TIMES, VIR_DOMAIN_BLOCK_STATS_FLUSH_TOTAL_TIMES,
      "total duration of flushes (ns):", "flush_total_times_ns" },
};

/* The old call's numbers as typed parameters (-1: not supported, left out). */
static int legacy_blkstats(virDomainPtr d, const char *device, struct typed_list *l)
{
    virDomainBlockStatsStruct st;
    if (virDomainBlockStats(d, device, &st, sizeof(st)) < 0)
        return -1;
    const long long v[] = { st.rd_req, st.rd_bytes, st.wr_req, st.wr_bytes, st.errs };
    for (size_t i = 0; i < ARRAY_SIZE(v); i++)
        if (v[i] >= 0)
            virTypedParamsAddLLong(&l->params, &l->n, &l->max, blkstat_fields[i].field, v[i]);
    return 0;
}

/* The device's statistics: the typed call, or the old one where the driver
 * has only that.  -1 with libvirt's error set. */
static int get_blkstats(virDomainPtr d, const char *device, struct typed_list *l)
{
    int n = 0;
    if (virDomainBlockStatsFlags(d, device, NULL, &n, 0) < 0) {
        if (virGetLastErrorCode() != VIR_ERR_NO_SUPPORT)
            return -1;
        virResetLastError();
        return legacy_blkstats(d, device, l);
    }
    l->params = xcalloc((size_t)n + 1, sizeof(*l->params));
    l->max = n;
    if (virDomainBlockStatsFlags(d, device, l->params, &n, 0) < 0)
        return -1;
    l->n = n;
    return 0;
}

static char *blkstat_text(const struct typed_list *l, const char *device, bool human)
{
    struct strbuf b = { 0 };
    const char *dev = device;
    if (human) {
        strbuf_printf(&b, "Device: %s\n", device);
        dev = "";
    }
    bool *shown = xcalloc((size_t)l->n + 1, sizeof(*shown));
    for (size_t i = 0; i < ARRAY_SIZE(blkstat_fields); i++) {
        const virTypedParameter *p = typed_params_find(l->params, l->n, blkstat_fields[i].field);
        if (!p)
            continue;
        shown[p - l->params] = true;
        _cleanup_free_ char *v = typed_param_text(p, 0);
        strbuf_printf(&b, "%s %-*s %s\n", dev, human ? 31 : 0,
                      human ? blkstat_fields[i].human : blkstat_fields[i].name, v);
    }
    for (int i = 0; i < l->n; i++) {
        _cleanup_free_ char *v = shown[i] ? NULL : typed_param_text(&l->params[i], 0);
        if (v)
            strbuf_printf(&b, "%s %s %s\n", dev, l->params[i].field, v);
    }
    free(shown);
    return strbuf_steal(&b);
}

static int cmd_monitor_domblkstat(struct shell *sh, void *opaque)
{
    struct blkstat_args *a = opaque;
    const char *device = a->device ? a->device : "";
    _cleanup_domain_ virDomainPtr d = conn_lookup_domain(sh, a->domain);
    if (!d)
        return CMD_FAILED;
    _cleanup_typed_list_ struct typed_list l = { 0 };
    if (get_blkstats(d, device, &l) < 0) {
        if (*device)
            return err_libvirt(sh, "cannot get the statistics of disk '%s' of domain '%s'", device,
                               a->domain);
        return err_libvirt(sh, "cannot get the disk statistics of domain '%s'", a->domain);
    }
    _cleanup_json_ struct json_object *o = json_object_new_object();
    json_object_object_add(o, "device", *device ? json_object_new_string(device) : NULL);
    for (size_t i = 0; i < ARRAY_SIZE(blkstat_fields); i++) {
        const virTypedParameter *p = typed_params_find(l.params, l.n, blkstat_fields[i].field);
        json_object_object_add(o, blkstat_fields[i].key, p ? typed_param_json(p) : NULL);
    }
    _cleanup_free_ char *text = blkstat_text(&l, device, a->human);
    out_value(&sh->out, o, text);
    return CMD_OK;
}

/* ---- domifstat ----------------------------------------------------------- */

struct ifstat_args {
    const char *domain, *interface;
};

static int cmd_monitor_domifstat(struct shell *sh, void *opaque)
{
    struct ifstat_args *a = opaque;
    _cleanup_domain_ virDomainPtr d = conn_lookup_domain(sh, a->domain);
    if (!d)
        return CMD_FAILED;
    virDomainInterfaceStatsStruct st;
    if (virDomainInterfaceStats(d, a->interface, &st, sizeof(st)) < 0)
        return err_libvirt(sh, "cannot get the statistics of interface '%s' of domain '%s'",
                           a->interface, a->domain);
    const struct {
        const char *name;
        long long v;
    } f[] = {
        { "rx_bytes", st.rx_bytes }, { "rx_packets", st.rx_packets }, { "rx_errs", st.rx_errs },
        { "rx_drop", st.rx_drop },   { "tx_bytes", st.tx_bytes },     { "tx_packets", st.tx_packets },
        { "tx_errs", st.tx_errs },   { "tx_drop", st.tx_drop },
    };
    _cleanup_json_ struct json_object *o = json_object_new_object();
    _cleanup_strbuf_ struct strbuf b = { 0 };
    json_object_object_add(o, "interface", json_object_new_string(a->interface));
    for (size_t i = 0; i < ARRAY_SIZE(f); i++) {
        json_object_object_add(o, f[i].name, f[i].v >= 0 ? json_object_new_int64(f[i].v) : NULL);
        if (f[i].v >= 0)
            strbuf_printf(&b, "%s %s %lld\n", a->interface, f[i].name, f[i].v);
    }
    report_value(sh, o, strbuf_str(&b));
    return CMD_OK;
}

/* ---- dommemstat ---------------------------------------------------------- */

struct memstat_args {
    const char *domain;
    const char *period;
    struct scope_args scope;
};

/* virsh's names, in its order, and the JSON keys (memory in KiB). */
static const struct memstat_field {
    int tag;
    const char *name, *key;
} memstat_fields[] = {
    { VIR_DOMAIN_MEMORY_STAT_SWAP_IN, "swap_in", "swap_in_kib" },
    { VIR_DOMAIN_MEMORY_STAT_SWAP_OUT, "swap_out", "swap_out_kib" },
    { VIR_DOMAIN_MEMORY_STAT_MAJOR_FAULT, "major_fault", "major_fault" },
    { VIR_DOMAIN_MEMORY_STAT_MINOR_FAULT, "minor_fault", "minor_fault" },
    { VIR_DOMAIN_MEMORY_STAT_UNUSED, "unused", "unused_kib" },
    { VIR_DOMAIN_MEMORY_STAT_AVAILABLE, "available", "available_kib" },
    { VIR_DOMAIN_MEMORY_STAT_USABLE, "usable", "usable_kib" },
    { VIR_DOMAIN_MEMORY_STAT_ACTUAL_BALLOON, "actual", "actual_kib" },
    { VIR_DOMAIN_MEMORY_STAT_RSS, "rss", "rss_kib" },
    { VIR_DOMAIN_MEMORY_STAT_LAST_UPDATE, "last_update", "last_update_s" },
    { VIR_DOMAIN_MEMORY_STAT_DISK_CACHES, "disk_caches", "disk_caches_kib" },
    { VIR_DOMAIN_MEMORY_STAT_HUGETLB_PGALLOC, "hugetlb_pgalloc", "hugetlb_pgalloc" },
    { VIR_DOMAIN_MEMORY_STAT_HUGETLB_PGFAIL, "hugetlb_pgfail", "hugetlb_pgfail" },
};

static int set_memstat_period(struct shell *sh, virDomainPtr d, const struct memstat_args *a,
                              unsigned int flags)
{
    long long period;
    if (parse_ll(a->period, 0, INT32_MAX, &period) < 0)
        return usage_error(sh, "invalid value '%s' for '--period': expected seconds from 0 to %d",
                           a->period, INT32_MAX);
    if (virDomainSetMemoryStatsPeriod(d, (int)period, flags) < 0)
        return err_libvirt(sh, "cannot change the memory statistics period of domain '%s'",
                           a->domain);
    _cleanup_json_ struct json_object *o = domain_ident_json(d);
    json_object_object_add(o, "result", json_object_new_string("period_set"));
    json_object_object_add(o, "period_s", json_object_new_int64(period));
    scope_json(o, d, flags);
    report_json_only(sh, o);
    return CMD_OK;
}

static int cmd_monitor_dommemstat(struct shell *sh, void *opaque)
{
    struct memstat_args *a = opaque;
    unsigned int flags = scope_flags(&a->scope);
    _cleanup_domain_ virDomainPtr d = conn_lookup_domain(sh, a->domain);
    if (!d)
        return CMD_FAILED;
    if (!flags && !a->scope.current && virDomainIsActive(d) == 1)
        flags = VIR_DOMAIN_AFFECT_LIVE;
    if (a->period)
        return set_memstat_period(sh, d, a, flags);

    virDomainMemoryStatStruct st[VIR_DOMAIN_MEMORY_STAT_NR];
    int n = virDomainMemoryStats(d, st, VIR_DOMAIN_MEMORY_STAT_NR, 0);
    if (n < 0)
        return err_libvirt(sh, "cannot get the memory statistics of domain '%s'", a->domain);
    _cleanup_json_ struct json_object *o = json_object_new_object();
    _cleanup_strbuf_ struct strbuf b = { 0 };
    for (size_t f = 0; f < ARRAY_SIZE(memstat_fields); f++)
        json_object_object_add(o, memstat_fields[f].key, NULL);
    for (int i = 0; i < n; i++) {
        for (size_t f = 0; f < ARRAY_SIZE(memstat_fields); f++) {
            if (st[i].tag != memstat_fields[f].tag)
                continue;
            strbuf_printf(&b, "%s %llu\n", memstat_fields[f].name, st[i].val);
            json_object_object_add(o, memstat_fields[f].key, json_object_new_uint64(st[i].val));
        }
    }
    report_value(sh, o, strbuf_str(&b));
    return CMD_OK;
}

#define STAT_GROUP(nm, i, what) \
    OPT_FLAG(struct domstats_args, nm, groups[i], what)
#define LIST_FILTER(nm, i, what) \
    OPT_FLAG(struct domstats_args, nm, lists[i], what)

/* The monitor group's rows of this file (see cmd/monitor.c). */
const struct cmd_def monitor_stats_cmds[] = {
    { .name = "domstats", .summary = "show statistics of one, several or all domains",
      .desc = "One call for all the domains asked (or all of them): their statistics as libvirt "
              "names them, \"FIELD=VALUE\" rows under \"Domain: 'NAME'\". Without a group, every "
              "group the driver supports; without --enforce, groups it does not support are left "
              "out silently. The --list-* filters choose domains when none is named (filters of "
              "one kind combine with OR). JSON: an array of {name, id, uuid, stats}; stats nests "
              "libvirt's dotted fields (\"block.0.rd.bytes\" is stats.block[0].rd.bytes), or with "
              "--raw keeps them flat. Unlike virsh, all the domains come sorted by name.",
      .run = cmd_monitor_domstats, .args_size = sizeof(struct domstats_args),
      .opts = OPTS(STAT_GROUP("state", 0, "the state and its reason"),
                   STAT_GROUP("cpu-total", 1, "host CPU time used"),
                   STAT_GROUP("balloon", 2, "memory balloon statistics"),
                   STAT_GROUP("vcpu", 3, "virtual CPUs: count, state and time of each"),
                   STAT_GROUP("interface", 4, "network interfaces: bytes, packets, errors"),
                   STAT_GROUP("block", 5, "disks: requests, bytes, times, sizes"),
                   STAT_GROUP("perf", 6, "perf event counters"),
                   STAT_GROUP("iothread", 7, "IOThreads: polling parameters"),
                   STAT_GROUP("memory", 8, "memory bandwidth"),
                   STAT_GROUP("dirtyrate", 9, "the rate at which memory pages get dirty"),
                   STAT_GROUP("vm", 10, "hypervisor-specific statistics"),
                   LIST_FILTER("list-active", 0, "only running or paused domains"),
                   LIST_FILTER("list-inactive", 1, "only shut off domains"),
                   LIST_FILTER("list-persistent", 2, "only persistent domains"),
                   LIST_FILTER("list-transient", 3, "only transient domains"),
                   LIST_FILTER("list-running", 4, "only running domains"),
                   LIST_FILTER("list-paused", 5, "only paused domains"),
                   LIST_FILTER("list-shutoff", 6, "only shut off domains"),
                   LIST_FILTER("list-other", 7, "only domains in other states"),
                   OPT_FLAG(struct domstats_args, "raw", raw,
                            "JSON: libvirt's flat field names (text is always raw)"),
                   OPT_FLAG(struct domstats_args, "enforce", enforce,
                            "fail if a group asked for is not supported"),
                   OPT_FLAG(struct domstats_args, "backing", backing,
                            "block: the backing chain of each disk too"),
                   OPT_FLAG(struct domstats_args, "nowait", nowait,
                            "only what can be had without waiting for a busy domain"),
                   OPT_ARGV(struct domstats_args, "domain", domains,
                            "the domains (name, id or uuid); default: all",
                            .complete = COMPL_DOMAIN, .flags = OPT_ARGV_FLAGS)),
      .result = RESULT_ARRAY(
          DOMAIN_IDENT_FIELDS,
          { "stats", RT_ANY, "libvirt's fields, with their types (nested unless --raw)" }) },
    { .name = "domblkstat", .summary = "show a disk's I/O statistics",
      .desc = "Requests, bytes, errors and times of a disk of a running domain (without DEVICE, "
              "of all its disks where the driver can sum them). --human labels each number. "
              "JSON: device, and each statistic (null when the driver does not give it).",
      .run = cmd_monitor_domblkstat, .args_size = sizeof(struct blkstat_args),
      .opts = OPTS(ARG_DOMAIN(struct blkstat_args, domain, COMPL_DOMAIN_ACTIVE),
                   OPT_STRING(struct blkstat_args, "device", device, "the disk (target or path)",
                              .flags = OPT_POSITIONAL, .complete = COMPL_DISK),
                   OPT_FLAG(struct blkstat_args, "human", human, "label each number")),
      .result = RESULT_OBJECT(
          { "device", RT_STRING | RT_NULL, "the disk; null: all of them" },
          { "rd_req", RT_INT | RT_NULL, "read requests" },
          { "rd_bytes", RT_INT | RT_NULL, "bytes read" },
          { "wr_req", RT_INT | RT_NULL, "write requests" },
          { "wr_bytes", RT_INT | RT_NULL, "bytes written" },
          { "errs", RT_INT | RT_NULL, "errors" },
          { "flush_req", RT_INT | RT_NULL, "flush requests" },
          { "rd_total_times_ns", RT_INT | RT_NULL, "time spent reading" },
          { "wr_total_times_ns", RT_INT | RT_NULL, "time spent writing" },
          { "flush_total_times_ns", RT_INT | RT_NULL, "time spent flushing" }) },
    { .name = "domifstat", .summary = "show a network interface's statistics",
      .desc = "Bytes, packets, errors and drops received and sent by an interface of a running "
              "domain, named by its device (vnet0) or MAC address. JSON: interface and each "
              "counter (null when the driver does not give it).",
      .run = cmd_monitor_domifstat, .args_size = sizeof(struct ifstat_args),
      .opts = OPTS(ARG_DOMAIN(struct ifstat_args, domain, COMPL_DOMAIN_ACTIVE),
                   OPT_STRING(struct ifstat_args, "interface", interface,
                              "the interface: device name or MAC address",
                              .flags = ARG_REQUIRED, .complete = COMPL_INTERFACE)),
      .result = RESULT_OBJECT(
          { "interface", RT_STRING, "the interface as given" },
          { "rx_bytes", RT_INT | RT_NULL, "bytes received" },
          { "rx_packets", RT_INT | RT_NULL, "packets received" },
          { "rx_errs", RT_INT | RT_NULL, "receive errors" },
          { "rx_drop", RT_INT | RT_NULL, "received packets dropped" },
          { "tx_bytes", RT_INT | RT_NULL, "bytes sent" },
          { "tx_packets", RT_INT | RT_NULL, "packets sent" },
          { "tx_errs", RT_INT | RT_NULL, "send errors" },
          { "tx_drop", RT_INT | RT_NULL, "sent packets dropped" }) },
    { .name = "dommemstat", .summary = "show a domain's memory statistics",
      .desc = "The memory balloon's statistics of a running domain (what the guest reports "
              "needs a balloon driver in it). --period N asks the balloon to refresh them every "
              "N seconds (0: never) and prints nothing. JSON: each statistic, memory in KiB, "
              "null when not reported; with --period name, id, uuid, result \"period_set\", "
              "period_s, live, config.",
      .run = cmd_monitor_dommemstat, .args_size = sizeof(struct memstat_args),
      .opts = OPTS(ARG_DOMAIN(struct memstat_args, domain, COMPL_DOMAIN_ACTIVE),
                   OPT_STRING(struct memstat_args, "period", period,
                              "refresh the statistics every SECONDS", .metavar = "SECONDS",
                              .flags = OPT_MODIFIES),
                   SCOPE_OPTS_RW(struct memstat_args)),
      .result = RESULT_OR(RESULT_OBJECT(
                              { "name", RT_STRING, "with --period: the domain's name" },
                              { "id", RT_INT | RT_NULL, "its id" },
                              { "uuid", RT_STRING, "its UUID" },
                              { "result", RT_STRING, "\"period_set\"" },
                              { "period_s", RT_INT, "the new period" },
                              { "live", RT_BOOL, "the running domain changed" },
                              { "config", RT_BOOL, "its persistent configuration changed" }),
                          RS_OBJECT,
                          { "swap_in_kib", RT_INT | RT_NULL, "swapped in" },
                          { "swap_out_kib", RT_INT | RT_NULL, "swapped out" },
                          { "major_fault", RT_INT | RT_NULL, "major page faults" },
                          { "minor_fault", RT_INT | RT_NULL, "minor page faults" },
                          { "unused_kib", RT_INT | RT_NULL, "memory the guest leaves unused" },
                          { "available_kib", RT_INT | RT_NULL, "memory the guest sees" },
                          { "usable_kib", RT_INT | RT_NULL, "memory the guest could use" },
                          { "actual_kib", RT_INT | RT_NULL, "the balloon's current size" },
                          { "rss_kib", RT_INT | RT_NULL, "resident on the host" },
                          { "last_update_s", RT_INT | RT_NULL, "when the guest last reported" },
                          { "disk_caches_kib", RT_INT | RT_NULL, "the guest's disk caches" },
                          { "hugetlb_pgalloc", RT_INT | RT_NULL, "huge pages allocated" },
                          { "hugetlb_pgfail", RT_INT | RT_NULL, "huge page allocations failed" }) },
    { 0 },
};
