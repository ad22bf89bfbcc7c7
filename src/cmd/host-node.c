/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * cmd/host-node.c - the host's memory and CPUs: sysinfo, freecell,
 * freepages, allocpages, nodecpustats, nodememstats, nodecpumap,
 * node-memory-tune, nodesuspend (rows of the host group, through its
 * `more`).
 */
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
#include <limits.h>
#include <math.h>
#include <poll.h>
#include <string.h>

#include "core/interrupt.h"
#include "core/strbuf.h"
#include "core/util.h"
#include "core/xml.h"
#include "virt/conn.h"
#include "virt/context.h"
#include "virt/err.h"
#include "virt/typed-params.h"
#include "cmd/host.h"

static int cmd_host_sysinfo(struct shell *sh, void *opaque)
{
    (void)opaque;
    _cleanup_free_ char *xml = virConnectGetSysinfo(sh->conn, 0);
    if (!xml)
        return err_libvirt(sh, "cannot get the host's sysinfo");
    out_xml(&sh->out, xml);
    return CMD_OK;
}

/* The numbers the first of `xpaths` that selects any selects in the
 * host's capabilities (values from lo to hi), into out (at most max).  The
 * count, or -1 with the error recorded. */
static int caps_numbers(struct shell *sh, const char *const *xpaths, long long lo, long long hi,
                        long long *out, int max)
{
    char err[200];
    _cleanup_free_ char *caps = virConnectGetCapabilities(sh->conn);
    if (!caps)
        return err_libvirt(sh, "cannot get the host's capabilities"), -1;
    _cleanup_(xml_doc_freep) xmlDocPtr doc = xml_parse(caps, strlen(caps), err, sizeof(err));
    int n = 0;
    for (; doc && *xpaths && n == 0; xpaths++) {
        xmlXPathObjectPtr r = xml_xpath(doc, NULL, *xpaths, err, sizeof(err));
        for (int i = 0; r && r->nodesetval && i < r->nodesetval->nodeNr && n < max; i++) {
            _cleanup_free_ char *v = xml_node_text(doc, r->nodesetval->nodeTab[i]);
            if (parse_ll(v, lo, hi, &out[n]) == 0)
                n++;
        }
        xmlXPathFreeObject(r);
    }
    return n;
}

/* The NUMA cells the capabilities list, by id.  As caps_numbers. */
static int cell_ids(struct shell *sh, int *ids, int max)
{
    static const char *const xp[] = { "/capabilities/host/topology/cells/cell/@id", NULL };
    long long v[1024];
    int n = caps_numbers(sh, xp, 0, INT_MAX, v, max < 1024 ? max : 1024);
    for (int i = 0; i < n; i++)
        ids[i] = (int)v[i];
    return n;
}

#define MAX_CELLS 1024

/* ------------------------------------------------------------ freecell */

struct freecell_args {
    long long cellno;
    bool all;
};

static struct json_object *cell_row(int cell, unsigned long long kib)
{
    struct json_object *o = json_object_new_object();
    json_object_object_add(o, "cell", json_object_new_int(cell));
    json_object_object_add(o, "free_kib", json_object_new_uint64(kib));
    return o;
}

static int cmd_host_freecell(struct shell *sh, void *opaque)
{
    struct freecell_args *a = opaque;
    _cleanup_json_ struct json_object *o = json_object_new_object();
    struct json_object *cells = json_object_new_array();
    json_object_object_add(o, "cells", cells);
    _cleanup_strbuf_ struct strbuf t = { 0 };
    unsigned long long bytes = 0, total = 0;
    if (a->cellno >= 0 || a->all) {
        int ids[MAX_CELLS], n = 1;
        ids[0] = (int)a->cellno;
        if (a->all && (n = cell_ids(sh, ids, MAX_CELLS)) < 0)
            return CMD_FAILED;
        for (int i = 0; i < n; i++) {
            if (virNodeGetCellsFreeMemory(sh->conn, &bytes, ids[i], 1) != 1)
                return err_libvirt(sh, "cannot get the free memory of NUMA cell %d", ids[i]);
            json_object_array_add(cells, cell_row(ids[i], bytes / 1024));
            strbuf_printf(&t, a->all ? "%5d: %10llu KiB\n" : "%d: %llu KiB\n", ids[i], bytes / 1024);
            total += bytes;
        }
        if (a->all)
            strbuf_printf(&t, "--------------------\n%5s: %10llu KiB\n", "Total", total / 1024);
    } else {
        if ((total = virNodeGetFreeMemory(sh->conn)) == 0)
            return err_libvirt(sh, "cannot get the host's free memory");
        strbuf_printf(&t, "Total: %llu KiB\n", total / 1024);
    }
    json_object_object_add(o, "total_kib", a->cellno >= 0 ? NULL : json_object_new_uint64(total / 1024));
    out_value(&sh->out, o, strbuf_str(&t));
    return CMD_OK;
}

/* ------------------------------------------------------------ freepages */

struct freepages_args {
    long long cellno;
    unsigned long long pagesize;
    bool all;
};

static int uint_cmp(const void *x, const void *y)
{
    unsigned a = *(const unsigned *)x, b = *(const unsigned *)y;
    return a < b ? -1 : a > b;
}

/* The page sizes (KiB) the host has, sorted, without repeats. */
static int page_sizes(struct shell *sh, unsigned *sizes, int max)
{
    /* some drivers list them per cell only */
    static const char *const xp[] = {
        "/capabilities/host/cpu/pages/@size", "/capabilities/host/topology/cells/cell/pages/@size", NULL,
    };
    long long v[256];
    int n = caps_numbers(sh, xp, 1, UINT_MAX, v, max < 256 ? max : 256);
    if (n == 0)
        return error(sh, "the host's capabilities list no page sizes"), -1;
    for (int i = 0; i < n; i++)
        sizes[i] = (unsigned)v[i];
    qsort(sizes, (size_t)(n < 0 ? 0 : n), sizeof(*sizes), uint_cmp);
    int k = 0;
    for (int i = 0; i < n; i++)
        if (k == 0 || sizes[k - 1] != sizes[i])
            sizes[k++] = sizes[i];
    return n < 0 ? -1 : k;
}

static struct json_object *page_row(int cell, unsigned kib, unsigned long long count)
{
    struct json_object *o = json_object_new_object();
    json_object_object_add(o, "cell", json_object_new_int(cell));
    json_object_object_add(o, "page_size_kib", json_object_new_int64(kib));
    json_object_object_add(o, "free_pages", json_object_new_uint64(count));
    return o;
}

static int cmd_host_freepages(struct shell *sh, void *opaque)
{
    struct freepages_args *a = opaque;
    unsigned sizes[64];
    int ids[MAX_CELLS], ncells = 1, nsizes = 1;
    if (a->pagesize > (unsigned long long)UINT_MAX * 1024)
        return usage_error(sh, "invalid page size: at most %u KiB", UINT_MAX);
    sizes[0] = (unsigned)((a->pagesize + 1023) / 1024);
    ids[0] = (int)a->cellno;
    bool one = a->cellno >= 0 && !a->all;
    if (one && !a->pagesize)
        return usage_error(sh, "--cellno needs --pagesize (or use --all)");
    if (!one && a->pagesize && !a->all)
        return usage_error(sh, "--pagesize needs --cellno or --all");
    if (!one && (ncells = cell_ids(sh, ids, MAX_CELLS)) < 0)
        return CMD_FAILED;
    if (!a->pagesize && (nsizes = page_sizes(sh, sizes, ARRAY_SIZE(sizes))) < 0)
        return CMD_FAILED;
    _cleanup_json_ struct json_object *rows = json_object_new_array();
    _cleanup_strbuf_ struct strbuf t = { 0 };
    for (int c = 0; c < ncells; c++) {
        unsigned long long counts[64] = { 0 };
        /* (what it returns beyond success varies by driver: the test driver's is 0) */
        if (virNodeGetFreePages(sh->conn, (unsigned)nsizes, sizes, ids[c], 1, counts, 0) < 0)
            return err_libvirt(sh, "cannot get the free pages of NUMA cell %d", ids[c]);
        if (!one)
            strbuf_printf(&t, "Node %d:\n", ids[c]);
        for (int s = 0; s < nsizes; s++) {
            json_object_array_add(rows, page_row(ids[c], sizes[s], counts[s]));
            strbuf_printf(&t, "%uKiB: %llu\n", sizes[s], counts[s]);
        }
        if (!one)
            strbuf_add(&t, "\n");
    }
    if (sh->out.mode == OUT_JSON)
        out_value(&sh->out, rows, "");
    else
        fputs(strbuf_str(&t), sh->out.fp);
    return CMD_OK;
}

/* ------------------------------------------------------------ allocpages */

struct allocpages_args {
    unsigned long long pagesize;
    long long pagecount, cellno;
    bool add, all;
};

static int cmd_host_allocpages(struct shell *sh, void *opaque)
{
    struct allocpages_args *a = opaque;
    if (a->pagesize == 0 || a->pagesize > (unsigned long long)UINT_MAX * 1024)
        return usage_error(sh, "invalid page size: from 1 KiB to %u KiB", UINT_MAX);
    unsigned size = (unsigned)((a->pagesize + 1023) / 1024);
    unsigned long long count = (unsigned long long)a->pagecount;
    unsigned int flags = a->add ? VIR_NODE_ALLOC_PAGES_ADD : VIR_NODE_ALLOC_PAGES_SET;
    int ids[MAX_CELLS], n = 1;
    ids[0] = (int)a->cellno; /* -1: the whole host */
    if (a->all && (n = cell_ids(sh, ids, MAX_CELLS)) < 0)
        return CMD_FAILED;
    for (int i = 0; i < n; i++)
        if (virNodeAllocPages(sh->conn, 1, &size, &count, ids[i], 1, flags) < 0)
            return err_libvirt(sh, "cannot %s %llu pages of %u KiB%s", a->add ? "add" : "allocate", count,
                               size, i ? " on every cell (the first cells have them)" : "");
    if (sh->out.mode == OUT_JSON) { /* virsh prints nothing */
        _cleanup_json_ struct json_object *o = json_object_new_object();
        json_object_object_add(o, "result", json_object_new_string(a->add ? "added" : "allocated"));
        json_object_object_add(o, "page_size_kib", json_object_new_int64(size));
        json_object_object_add(o, "page_count", json_object_new_uint64(count));
        json_object_object_add(o, "cell", a->cellno >= 0 ? json_object_new_int((int)a->cellno) : NULL);
        json_object_object_add(o, "all", json_object_new_boolean(a->all));
        out_message(&sh->out, o, "");
    }
    return CMD_OK;
}

/* ------------------------------------------------------------ nodecpustats */

struct cpustats_args {
    long long cpu;
    bool percent;
};

/* virsh's rows, in its order, and libvirt's fields for them. */
static const char *const cpu_fields[] = {
    VIR_NODE_CPU_STATS_USER, VIR_NODE_CPU_STATS_KERNEL, VIR_NODE_CPU_STATS_IDLE,
    VIR_NODE_CPU_STATS_IOWAIT, VIR_NODE_CPU_STATS_INTR, VIR_NODE_CPU_STATS_UTILIZATION,
};
static const char *const cpu_labels[] = { "user:", "system:", "idle:", "iowait:", "intr:", "usage:" };
static const char *const cpu_keys[] = { "user", "system", "idle", "iowait", "intr", "usage" };
enum { CPU_USAGE = 5, CPU_N = 6 };

/* One reading into v (and which fields came into present).  -1 with the error recorded. */
static int cpu_read(struct shell *sh, int cpu, unsigned long long *v, bool *present)
{
    virNodeCPUStats params[16];
    int n = 0; /* the number first: drivers want exactly theirs */
    if (virNodeGetCPUStats(sh->conn, cpu, NULL, &n, 0) < 0 || n > (int)ARRAY_SIZE(params) ||
        virNodeGetCPUStats(sh->conn, cpu, params, &n, 0) < 0)
        return err_libvirt(sh, "cannot get the host's CPU statistics"), -1;
    for (int i = 0; i < n; i++)
        for (int k = 0; k < CPU_N; k++)
            if (str_eq(params[i].field, cpu_fields[k])) {
                v[k] = params[i].value;
                present[k] = true;
            }
    return 0;
}

/* One second, Ctrl-C cutting it short. */
static bool wait_a_second(void)
{
    for (int i = 0; i < 20 && !shell_interrupted; i++)
        poll(NULL, 0, 50);
    return !shell_interrupted;
}

static struct json_object *percent_json(double v)
{
    return isfinite(v) ? json_object_new_double((double)(long long)(v * 10 + (v < 0 ? -0.5 : 0.5)) / 10) : NULL;
}

static int cmd_host_nodecpustats(struct shell *sh, void *opaque)
{
    struct cpustats_args *a = opaque;
    unsigned long long v[CPU_N] = { 0 }, w[CPU_N] = { 0 };
    bool present[CPU_N] = { false };
    int cpu = a->cpu >= 0 ? (int)a->cpu : VIR_NODE_CPU_STATS_ALL_CPUS;
    if (cpu_read(sh, cpu, v, present) < 0)
        return CMD_FAILED;
    _cleanup_json_ struct json_object *o = json_object_new_object();
    json_object_object_add(o, "cpu", a->cpu >= 0 ? json_object_new_int(cpu) : NULL);
    _cleanup_strbuf_ struct strbuf t = { 0 };
    if (!a->percent) {
        for (int k = 0; k < CPU_USAGE; k++) {
            _cleanup_free_ char *key = xasprintf("%s_ns", cpu_keys[k]);
            json_object_object_add(o, key, present[k] ? json_object_new_uint64(v[k]) : NULL);
            if (present[k])
                strbuf_printf(&t, "%-15s %20llu\n", cpu_labels[k], v[k]);
        }
        out_value(&sh->out, o, strbuf_str(&t));
        return CMD_OK;
    }
    double pct[CPU_N];
    if (present[CPU_USAGE]) { /* the driver's own figure */
        pct[CPU_USAGE] = (double)v[CPU_USAGE];
        for (int k = 0; k < CPU_USAGE; k++)
            pct[k] = NAN;
        pct[2] = 100.0 - pct[CPU_USAGE];
    } else {
        if (!wait_a_second())
            return err_set(sh, 130, "interrupted");
        bool again[CPU_N] = { false };
        if (cpu_read(sh, cpu, w, again) < 0)
            return CMD_FAILED;
        double total = 0;
        for (int k = 0; k < CPU_USAGE; k++)
            total += (double)(w[k] - v[k]);
        pct[CPU_USAGE] = (double)(w[0] - v[0] + w[1] - v[1]) / total * 100;
        for (int k = 0; k < CPU_USAGE; k++)
            pct[k] = present[k] ? (double)(w[k] - v[k]) / total * 100 : NAN;
    }
    strbuf_printf(&t, "%-15s %5.1f%%\n", cpu_labels[CPU_USAGE], pct[CPU_USAGE]);
    for (int k = 0; k < CPU_USAGE; k++)
        if ((present[k] && !present[CPU_USAGE]) || (present[CPU_USAGE] && k == 2))
            strbuf_printf(&t, "%-15s %5.1f%%\n", cpu_labels[k], pct[k]);
    for (int k = 0; k < CPU_N; k++) {
        _cleanup_free_ char *key = xasprintf("%s_percent", cpu_keys[k]);
        json_object_object_add(o, key, percent_json(pct[k]));
    }
    out_value(&sh->out, o, strbuf_str(&t));
    return CMD_OK;
}

/* ------------------------------------------------------------ nodememstats */

struct memstats_args {
    long long cell;
};

static int cmd_host_nodememstats(struct shell *sh, void *opaque)
{
    struct memstats_args *a = opaque;
    static const char *const fields[] = {
        VIR_NODE_MEMORY_STATS_TOTAL, VIR_NODE_MEMORY_STATS_FREE, VIR_NODE_MEMORY_STATS_BUFFERS,
        VIR_NODE_MEMORY_STATS_CACHED,
    };
    virNodeMemoryStats params[16];
    int n = 0; /* the number first: drivers want exactly theirs */
    int cell = a->cell >= 0 ? (int)a->cell : VIR_NODE_MEMORY_STATS_ALL_CELLS;
    if (virNodeGetMemoryStats(sh->conn, cell, NULL, &n, 0) < 0 || n > (int)ARRAY_SIZE(params) ||
        virNodeGetMemoryStats(sh->conn, cell, params, &n, 0) < 0)
        return err_libvirt(sh, "cannot get the host's memory statistics");
    _cleanup_json_ struct json_object *o = json_object_new_object();
    json_object_object_add(o, "cell", a->cell >= 0 ? json_object_new_int(cell) : NULL);
    _cleanup_strbuf_ struct strbuf t = { 0 };
    for (size_t k = 0; k < ARRAY_SIZE(fields); k++) {
        _cleanup_free_ char *key = xasprintf("%s_kib", fields[k]);
        json_object_object_add(o, key, NULL);
    }
    for (int i = 0; i < n; i++) {
        strbuf_printf(&t, "%-7s: %20llu KiB\n", params[i].field, params[i].value);
        _cleanup_free_ char *key = xasprintf("%s_kib", params[i].field);
        if (json_object_object_get_ex(o, key, NULL))
            json_object_object_add(o, key, json_object_new_uint64(params[i].value));
    }
    out_value(&sh->out, o, strbuf_str(&t));
    return CMD_OK;
}

/* ------------------------------------------------------------ nodecpumap */

struct cpumap_args {
    bool pretty;
};

static int cmd_host_nodecpumap(struct shell *sh, void *opaque)
{
    struct cpumap_args *a = opaque;
    unsigned char *map = NULL;
    unsigned int online = 0;
    int n = virNodeGetCPUMap(sh->conn, &map, &online, 0);
    if (n < 0)
        return err_libvirt(sh, "cannot get the host's CPU map");
    _cleanup_json_ struct json_object *o = json_object_new_object();
    struct json_object *cpus = json_object_new_array();
    _cleanup_strbuf_ struct strbuf t = { 0 };
    strbuf_printf(&t, "%-15s %d\n%-15s %u\n%-15s ", "CPUs present:", n, "CPUs online:", online, "CPU map:");
    for (int c = 0, first = 1; c < n; c++) {
        bool on = VIR_CPU_USED(map, c);
        if (on)
            json_object_array_add(cpus, json_object_new_int(c));
        if (!a->pretty) {
            strbuf_addc(&t, on ? 'y' : '-');
        } else if (on && (c == 0 || !VIR_CPU_USED(map, c - 1))) {
            int end = c;
            while (end + 1 < n && VIR_CPU_USED(map, end + 1))
                end++;
            strbuf_printf(&t, end > c ? "%s%d-%d" : "%s%d", first ? "" : ",", c, end);
            first = 0;
        }
    }
    strbuf_addc(&t, '\n');
    free(map);
    json_object_object_add(o, "cpus_present", json_object_new_int(n));
    json_object_object_add(o, "cpus_online", json_object_new_int64(online));
    json_object_object_add(o, "online_cpus", cpus);
    out_value(&sh->out, o, strbuf_str(&t));
    return CMD_OK;
}

/* ------------------------------------------------------------ node-memory-tune */

struct memtune_args {
    const char *pages_to_scan, *sleep_ms, *merge;
};

static int add_uint_param(struct shell *sh, virTypedParameterPtr *p, int *n, int *max, const char *field,
                          const char *opt, const char *value)
{
    long long v;
    if (!value)
        return CMD_OK;
    if (parse_ll(value, 0, UINT_MAX, &v) < 0)
        return usage_error(sh, "invalid value '%s' for '--%s': expected an integer from 0 to %u", value,
                           opt, UINT_MAX);
    if (virTypedParamsAddUInt(p, n, max, field, (unsigned)v) < 0)
        return err_libvirt(sh, "cannot pass '--%s'", opt);
    return CMD_OK;
}

static int memtune_get(struct shell *sh)
{
    int n = 0;
    if (virNodeGetMemoryParameters(sh->conn, NULL, &n, 0) < 0)
        return err_libvirt(sh, "cannot get the host's memory parameters");
    virTypedParameterPtr p = xcalloc((size_t)n + 1, sizeof(*p));
    if (n && virNodeGetMemoryParameters(sh->conn, p, &n, 0) < 0) {
        free(p);
        return err_libvirt(sh, "cannot get the host's memory parameters");
    }
    _cleanup_json_ struct json_object *o = typed_params_json(p, n, 0);
    _cleanup_strbuf_ struct strbuf t = { 0 };
    strbuf_add(&t, n ? "Shared memory:\n" : "");
    for (int i = 0; i < n; i++) {
        _cleanup_free_ char *v = typed_param_text(&p[i], 0);
        strbuf_printf(&t, "\t%-15s %s\n", p[i].field, v ? v : "");
    }
    virTypedParamsFree(p, n);
    if (sh->out.mode == OUT_JSON || n)
        out_value(&sh->out, o, strbuf_str(&t));
    return CMD_OK;
}

static int cmd_host_node_memory_tune(struct shell *sh, void *opaque)
{
    struct memtune_args *a = opaque;
    virTypedParameterPtr p = NULL;
    int n = 0, max = 0;
    if (add_uint_param(sh, &p, &n, &max, VIR_NODE_MEMORY_SHARED_PAGES_TO_SCAN, "shm-pages-to-scan",
                       a->pages_to_scan) != CMD_OK ||
        add_uint_param(sh, &p, &n, &max, VIR_NODE_MEMORY_SHARED_SLEEP_MILLISECS, "shm-sleep-millisecs",
                       a->sleep_ms) != CMD_OK ||
        add_uint_param(sh, &p, &n, &max, VIR_NODE_MEMORY_SHARED_MERGE_ACROSS_NODES,
                       "shm-merge-across-nodes", a->merge) != CMD_OK) {
        virTypedParamsFree(p, n);
        return sh->err.status;
    }
    if (!n)
        return memtune_get(sh);
    int rc = virNodeSetMemoryParameters(sh->conn, p, n, 0);
    _cleanup_json_ struct json_object *o = rc < 0 ? NULL : typed_params_json(p, n, 0);
    virTypedParamsFree(p, n);
    if (rc < 0)
        return err_libvirt(sh, "cannot change the host's memory parameters");
    if (sh->out.mode == OUT_JSON) /* virsh prints nothing */
        out_message(&sh->out, o, "");
    return CMD_OK;
}

/* ------------------------------------------------------------ nodesuspend */

static const char *const suspend_targets[] = { "mem", "disk", "hybrid", NULL };

struct suspend_args {
    int target;
    long long duration;
};

static int cmd_host_nodesuspend(struct shell *sh, void *opaque)
{
    struct suspend_args *a = opaque;
    if (virNodeSuspendForDuration(sh->conn, (unsigned)a->target, (unsigned long long)a->duration, 0) < 0)
        return err_libvirt(sh, "the host was not suspended");
    if (sh->out.mode == OUT_JSON) { /* virsh prints nothing */
        _cleanup_json_ struct json_object *o = json_object_new_object();
        json_object_object_add(o, "result", json_object_new_string("suspending"));
        json_object_object_add(o, "target", json_object_new_string(suspend_targets[a->target]));
        json_object_object_add(o, "duration_s", json_object_new_int64(a->duration));
        out_message(&sh->out, o, "");
    }
    return CMD_OK;
}

/* ------------------------------------------------------------ the rows */

#define CELL_OPT(st, field, what) \
    OPT_INT(st, "cellno", field, 0, INT_MAX, what, .def = "-1", .metavar = "CELL", .flags = OPT_POSITIONAL, \
            .excl = EXCL(0))

const struct cmd_def host_node_cmds[] = {
    { .name = "sysinfo", .summary = "print the host's SMBIOS information as XML",
      .run = cmd_host_sysinfo, .result = RESULT_OBJECT({ "xml", RT_STRING, "the sysinfo XML" }) },
    { .name = "freecell", .summary = "show the free memory of the host or its NUMA cells",
      .desc = "Without options the host's total; --cellno one cell; --all every cell and the total.",
      .run = cmd_host_freecell, .args_size = sizeof(struct freecell_args),
      .opts = OPTS(CELL_OPT(struct freecell_args, cellno, "only this NUMA cell"),
                   OPT_FLAG(struct freecell_args, "all", all, "every NUMA cell", .excl = EXCL(0))),
      .result = RESULT_OBJECT({ "cells", RT_ARRAY, "the cells asked for (none without options)" },
                              { "cells[].cell", RT_INT, "the cell's number" },
                              { "cells[].free_kib", RT_INT, "its free memory" },
                              { "total_kib", RT_INT | RT_NULL, "the host's (null with --cellno)" }) },
    { .name = "freepages", .summary = "show the free pages of each size on NUMA cells",
      .desc = "--cellno with --pagesize: one count; --all (also the default): every cell and every "
              "page size the host has (or only --pagesize). JSON: rows with cell, page_size_kib "
              "and free_pages.",
      .run = cmd_host_freepages, .args_size = sizeof(struct freepages_args),
      .opts = OPTS(CELL_OPT(struct freepages_args, cellno, "this NUMA cell"),
                   OPT_SCALED(struct freepages_args, "pagesize", pagesize, 1024,
                              "only pages of this size (a bare number is KiB)", .flags = OPT_POSITIONAL),
                   OPT_FLAG(struct freepages_args, "all", all, "every NUMA cell", .excl = EXCL(0))),
      .result = RESULT_ARRAY({ "cell", RT_INT, "the NUMA cell" },
                             { "page_size_kib", RT_INT, "the page size" },
                             { "free_pages", RT_INT, "how many are free" }) },
    { .name = "allocpages", .summary = "change the size of the host's pool of huge pages",
      .desc = "Sets (or with --add grows) the pool of PAGESIZE pages to PAGECOUNT, on the host, one "
              "NUMA cell or each one (--all). Prints nothing in text, as virsh.",
      .run = cmd_host_allocpages, .args_size = sizeof(struct allocpages_args), .flags = CMD_MODIFIES,
      .opts = OPTS(OPT_SCALED(struct allocpages_args, "pagesize", pagesize, 1024,
                              "the page size (a bare number is KiB)", .flags = ARG_REQUIRED),
                   OPT_INT(struct allocpages_args, "pagecount", pagecount, 0, LLONG_MAX, "how many pages",
                           .flags = ARG_REQUIRED),
                   CELL_OPT(struct allocpages_args, cellno, "only on this NUMA cell"),
                   OPT_FLAG(struct allocpages_args, "add", add, "add the pages to the pool, not set it"),
                   OPT_FLAG(struct allocpages_args, "all", all, "on every NUMA cell", .excl = EXCL(0))),
      .result = RESULT_OBJECT({ "result", RT_STRING, "allocated or added" },
                              { "page_size_kib", RT_INT, "the page size" },
                              { "page_count", RT_INT, "the count asked for" },
                              { "cell", RT_INT | RT_NULL, "the cell, null for the host or --all" },
                              { "all", RT_BOOL, "on every cell" }) },
    { .name = "nodecpustats", .summary = "show the host's CPU times, or their shares over a second",
      .run = cmd_host_nodecpustats, .args_size = sizeof(struct cpustats_args),
      .opts = OPTS(OPT_INT(struct cpustats_args, "cpu", cpu, 0, INT_MAX, "only this CPU", .def = "-1",
                           .flags = OPT_POSITIONAL),
                   OPT_FLAG(struct cpustats_args, "percent", percent,
                            "the shares of each over one second (Ctrl-C stops)")),
      .result = RESULT_OR(RESULT_OBJECT({ "cpu", RT_INT | RT_NULL, "the CPU, null for all" },
                                        { "user_ns", RT_INT | RT_NULL, "time in user mode" },
                                        { "system_ns", RT_INT | RT_NULL, "time in the kernel" },
                                        { "idle_ns", RT_INT | RT_NULL, "idle time" },
                                        { "iowait_ns", RT_INT | RT_NULL, "time waiting for I/O" },
                                        { "intr_ns", RT_INT | RT_NULL, "time in interrupts" }),
                          RS_OBJECT, { "cpu", RT_INT | RT_NULL, "the CPU, null for all" },
                          { "usage_percent", RT_NUMBER | RT_NULL, "--percent: busy share" },
                          { "user_percent", RT_NUMBER | RT_NULL, "user share" },
                          { "system_percent", RT_NUMBER | RT_NULL, "kernel share" },
                          { "idle_percent", RT_NUMBER | RT_NULL, "idle share" },
                          { "iowait_percent", RT_NUMBER | RT_NULL, "I/O wait share" },
                          { "intr_percent", RT_NUMBER | RT_NULL, "interrupt share" }) },
    { .name = "nodememstats", .summary = "show the host's memory statistics",
      .run = cmd_host_nodememstats, .args_size = sizeof(struct memstats_args),
      .opts = OPTS(OPT_INT(struct memstats_args, "cell", cell, 0, INT_MAX, "only this NUMA cell",
                           .def = "-1", .flags = OPT_POSITIONAL)),
      .result = RESULT_OBJECT({ "cell", RT_INT | RT_NULL, "the cell, null for the host" },
                              { "total_kib", RT_INT | RT_NULL, "all memory" },
                              { "free_kib", RT_INT | RT_NULL, "free memory" },
                              { "buffers_kib", RT_INT | RT_NULL, "buffers" },
                              { "cached_kib", RT_INT | RT_NULL, "page cache" }) },
    { .name = "nodecpumap", .summary = "show which of the host's CPUs are online",
      .run = cmd_host_nodecpumap, .args_size = sizeof(struct cpumap_args),
      .opts = OPTS(OPT_FLAG(struct cpumap_args, "pretty", pretty, "the map as ranges (0-3,6)")),
      .result = RESULT_OBJECT({ "cpus_present", RT_INT, "CPUs present" },
                              { "cpus_online", RT_INT, "CPUs online" },
                              { "online_cpus", RT_ARRAY, "the numbers of the online CPUs" },
                              { "online_cpus[]", RT_INT, "a CPU number" }) },
    { .name = "node-memory-tune", .summary = "show or change the host's memory merging parameters",
      .desc = "Without options, shows the kernel's same-page merging (KSM) parameters; with them, "
              "changes those given (printing nothing in text, as virsh).",
      .run = cmd_host_node_memory_tune, .args_size = sizeof(struct memtune_args),
      .opts = OPTS(OPT_STRING(struct memtune_args, "shm-pages-to-scan", pages_to_scan,
                              "pages to scan before the merging service sleeps", .metavar = "N",
                              .flags = OPT_MODIFIES | OPT_POSITIONAL),
                   OPT_STRING(struct memtune_args, "shm-sleep-millisecs", sleep_ms,
                              "milliseconds it sleeps between scans", .metavar = "N",
                              .flags = OPT_MODIFIES | OPT_POSITIONAL),
                   OPT_STRING(struct memtune_args, "shm-merge-across-nodes", merge,
                              "1: merge pages of different NUMA nodes, 0: do not", .metavar = "N",
                              .flags = OPT_MODIFIES | OPT_POSITIONAL)),
      .result = RESULT_OBJECT({ "shm_pages_to_scan", RT_INT | RT_OPTIONAL, "pages to scan before sleeping" },
                              { "shm_sleep_millisecs", RT_INT | RT_OPTIONAL, "sleep between scans" },
                              { "shm_pages_shared", RT_INT | RT_OPTIONAL, "shared pages in use" },
                              { "shm_pages_sharing", RT_INT | RT_OPTIONAL, "sites sharing them" },
                              { "shm_pages_unshared", RT_INT | RT_OPTIONAL, "pages unique but checked" },
                              { "shm_pages_volatile", RT_INT | RT_OPTIONAL, "pages changing too fast" },
                              { "shm_full_scans", RT_INT | RT_OPTIONAL, "full scans so far" },
                              { "shm_merge_across_nodes", RT_INT | RT_OPTIONAL, "1: across NUMA nodes" }) },
    { .name = "nodesuspend", .summary = "suspend the host for a time, then wake it",
      .run = cmd_host_nodesuspend, .args_size = sizeof(struct suspend_args), .flags = CMD_MODIFIES,
      .opts = OPTS(OPT_ENUM(struct suspend_args, "target", target, suspend_targets,
                            "mem (to RAM), disk (to disk) or hybrid", .flags = ARG_REQUIRED),
                   OPT_INT(struct suspend_args, "duration", duration, 0, INT_MAX,
                           "seconds to stay suspended (the host may want 60 or more)",
                           .flags = ARG_REQUIRED, .metavar = "SECONDS")),
      .result = RESULT_OBJECT({ "result", RT_STRING, "suspending" },
                              { "target", RT_STRING, "mem, disk or hybrid" },
                              { "duration_s", RT_INT, "how long" }) },
    { 0 },
};
