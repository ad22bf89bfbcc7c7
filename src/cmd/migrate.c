/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * cmd/migrate.c - migrate (virsh's, every option) and move (beyond virsh:
 * live, peer-to-peer, persistent on the destination, undefined on the
 * source only after success, with the checks of virt/migrate.h first).
 * One libvirt call moves the domain, in a worker thread (virt/job.h): a
 * progress line on a terminal, Ctrl-C aborts the job and the domain keeps
 * running on the source.  The job commands are in migrate-job.c.
 */
#include <errno.h>
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
#include <string.h>

#include "core/progress.h"
#include "core/util.h"
#include "virt/conn.h"
#include "virt/context.h"
#include "virt/domain.h"
#include "virt/err.h"
#include "virt/job.h"
#include "virt/migrate.h"
#include "cmd/groups.h"
#include "cmd/migrate.h"

struct migrate_args {
    const char *domain, *desturi;
    bool live, offline, p2p, direct, tunnelled, persistent, undefinesource, suspend;
    bool copy_all, copy_inc, copy_sync, change_protection, unsafe, verbose, compressed;
    bool auto_converge, rdma_pin_all, abort_on_error, postcopy, postcopy_after_precopy;
    bool postcopy_resume, zerocopy, timeout_suspend, timeout_postcopy, tls, parallel, check;
    const char *migrateuri, *graphicsuri, *listen_address, *dname, *xml, *migrate_disks;
    const char *disks_uri, *comp_methods, *persistent_xml, *tls_destination;
    long long timeout, disks_port, comp_mt_level, comp_mt_threads, comp_mt_dthreads;
    long long comp_xbzrle_cache, ac_initial, ac_increment, postcopy_bandwidth;
    long long parallel_connections, bandwidth;
};

struct params {
    virTypedParameterPtr p;
    int n, max;
};

static void params_free(struct params *ps)
{
    virTypedParamsFree(ps->p, ps->n);
}

static void add_str(struct params *ps, const char *key, const char *v)
{
    if (v)
        virTypedParamsAddString(&ps->p, &ps->n, &ps->max, key, v);
}

static void add_int(struct params *ps, const char *key, long long v)
{
    if (v >= 0)
        virTypedParamsAddInt(&ps->p, &ps->n, &ps->max, key, (int)v);
}

static void add_ull(struct params *ps, const char *key, long long v)
{
    if (v >= 0)
        virTypedParamsAddULLong(&ps->p, &ps->n, &ps->max, key, (unsigned long long)v);
}

/* Each comma-separated word of v as one value of key. */
static void add_list(struct params *ps, const char *key, const char *v)
{
    if (!v)
        return;
    _cleanup_free_ char *copy = xstrdup(v);
    char *save = NULL;
    for (char *w = strtok_r(copy, ",", &save); w; w = strtok_r(NULL, ",", &save))
        virTypedParamsAddString(&ps->p, &ps->n, &ps->max, key, w);
}

/* A file's text as a parameter. */
static int add_file(struct shell *sh, struct params *ps, const char *key, const char *path,
                    const char *opt)
{
    if (!path)
        return CMD_OK;
    _cleanup_free_ char *text = read_file(path, NULL);
    if (!text)
        return error(sh, "cannot read '%s' (--%s): %s", path, opt, strerror(errno));
    add_str(ps, key, text);
    return CMD_OK;
}

static int build_params(struct shell *sh, const struct migrate_args *a, struct params *ps)
{
    add_str(ps, VIR_MIGRATE_PARAM_URI, a->migrateuri);
    add_str(ps, VIR_MIGRATE_PARAM_GRAPHICS_URI, a->graphicsuri);
    add_str(ps, VIR_MIGRATE_PARAM_LISTEN_ADDRESS, a->listen_address);
    add_str(ps, VIR_MIGRATE_PARAM_DEST_NAME, a->dname);
    add_list(ps, VIR_MIGRATE_PARAM_MIGRATE_DISKS, a->migrate_disks);
    add_int(ps, VIR_MIGRATE_PARAM_DISKS_PORT, a->disks_port);
    add_str(ps, VIR_MIGRATE_PARAM_DISKS_URI, a->disks_uri);
    add_list(ps, VIR_MIGRATE_PARAM_COMPRESSION, a->comp_methods);
    add_int(ps, VIR_MIGRATE_PARAM_COMPRESSION_MT_LEVEL, a->comp_mt_level);
    add_int(ps, VIR_MIGRATE_PARAM_COMPRESSION_MT_THREADS, a->comp_mt_threads);
    add_int(ps, VIR_MIGRATE_PARAM_COMPRESSION_MT_DTHREADS, a->comp_mt_dthreads);
    add_ull(ps, VIR_MIGRATE_PARAM_COMPRESSION_XBZRLE_CACHE, a->comp_xbzrle_cache);
    add_int(ps, VIR_MIGRATE_PARAM_AUTO_CONVERGE_INITIAL, a->ac_initial);
    add_int(ps, VIR_MIGRATE_PARAM_AUTO_CONVERGE_INCREMENT, a->ac_increment);
    add_ull(ps, VIR_MIGRATE_PARAM_BANDWIDTH_POSTCOPY, a->postcopy_bandwidth);
    add_int(ps, VIR_MIGRATE_PARAM_PARALLEL_CONNECTIONS, a->parallel_connections);
    add_ull(ps, VIR_MIGRATE_PARAM_BANDWIDTH, a->bandwidth);
    add_str(ps, VIR_MIGRATE_PARAM_TLS_DESTINATION, a->tls_destination);
    if (add_file(sh, ps, VIR_MIGRATE_PARAM_DEST_XML, a->xml, "xml") != CMD_OK)
        return CMD_FAILED;
    return add_file(sh, ps, VIR_MIGRATE_PARAM_PERSIST_XML, a->persistent_xml, "persistent-xml");
}

static unsigned migrate_flags(const struct migrate_args *a)
{
    static const struct { size_t off; unsigned flag; } map[] = {
#define F(field, flag) { offsetof(struct migrate_args, field), flag }
        F(live, VIR_MIGRATE_LIVE), F(offline, VIR_MIGRATE_OFFLINE),
        F(p2p, VIR_MIGRATE_PEER2PEER), F(tunnelled, VIR_MIGRATE_TUNNELLED),
        F(persistent, VIR_MIGRATE_PERSIST_DEST), F(undefinesource, VIR_MIGRATE_UNDEFINE_SOURCE),
        F(suspend, VIR_MIGRATE_PAUSED), F(copy_all, VIR_MIGRATE_NON_SHARED_DISK),
        F(copy_inc, VIR_MIGRATE_NON_SHARED_INC),
        F(copy_sync, VIR_MIGRATE_NON_SHARED_SYNCHRONOUS_WRITES),
        F(change_protection, VIR_MIGRATE_CHANGE_PROTECTION), F(unsafe, VIR_MIGRATE_UNSAFE),
        F(compressed, VIR_MIGRATE_COMPRESSED), F(auto_converge, VIR_MIGRATE_AUTO_CONVERGE),
        F(rdma_pin_all, VIR_MIGRATE_RDMA_PIN_ALL), F(abort_on_error, VIR_MIGRATE_ABORT_ON_ERROR),
        F(postcopy, VIR_MIGRATE_POSTCOPY), F(postcopy_resume, VIR_MIGRATE_POSTCOPY_RESUME),
        F(zerocopy, VIR_MIGRATE_ZEROCOPY), F(tls, VIR_MIGRATE_TLS), F(parallel, VIR_MIGRATE_PARALLEL),
#undef F
    };
    unsigned flags = 0;
    for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
        if (*(const bool *)((const char *)a + map[i].off))
            flags |= map[i].flag;
    return flags;
}

/* ------------------------------------------------------------ the call */

struct migration {
    virDomainPtr dom;
    virConnectPtr dconn;       /* NULL: peer-to-peer or direct, to `uri` */
    const char *uri;
    struct params ps;
    unsigned flags;
    virDomainPtr result;       /* on the destination (not peer-to-peer) */
    /* watching it (the tick): --timeout, --postcopy-after-precopy */
    long long timeout_ms;
    bool timeout_postcopy, after_precopy, acted;
    bool direct;               /* to `uri` without peer-to-peer (virsh --direct) */
};

static void migration_clear(struct migration *m)
{
    params_free(&m->ps);
    if (m->result)
        virDomainFree(m->result);
}

static int do_migrate(void *opaque)
{
    struct migration *m = opaque;
    if (!m->dconn)
        return virDomainMigrateToURI3(m->dom, m->uri, m->ps.p, (unsigned)m->ps.n, m->flags);
    m->result = virDomainMigrate3(m->dom, m->dconn, m->ps.p, (unsigned)m->ps.n, m->flags);
    return m->result ? 0 : -1;
}

/* The progress line's more figures: dirty rate and pass; the timeout's action. */
static void tick(virDomainPtr dom, double elapsed, void *opaque, char *note, size_t len)
{
    struct migration *m = opaque;
    virTypedParameterPtr p = NULL;
    int n = 0, type = 0;
    unsigned long long dirty = 0, iter = 0, page = 4096;
    if (virDomainGetJobStats(dom, &type, &p, &n, 0) == 0) {
        virTypedParamsGetULLong(p, n, VIR_DOMAIN_JOB_MEMORY_DIRTY_RATE, &dirty);
        virTypedParamsGetULLong(p, n, VIR_DOMAIN_JOB_MEMORY_ITERATION, &iter);
        virTypedParamsGetULLong(p, n, VIR_DOMAIN_JOB_MEMORY_PAGE_SIZE, &page);
        virTypedParamsFree(p, n);
        char rate[32];
        progress_bytes(dirty * page, rate, sizeof(rate));
        if (iter)
            snprintf(note, len, "dirty %s/s  pass %llu", rate, iter);
    }
    virResetLastError();
    if (m->acted)
        return;
    if ((m->timeout_ms > 0 && elapsed >= (double)m->timeout_ms) || (m->after_precopy && iter > 1)) {
        m->acted = true;
        if (m->timeout_postcopy || m->after_precopy)
            virDomainMigrateStartPostCopy(dom, 0);
        else
            virDomainSuspend(dom);
        virResetLastError(); /* too late, or refused: the migration goes on as it is */
    }
}

/* The downtime the destination measured, in ms, or -1. */
static long long downtime_ms(virConnectPtr dconn, virDomainPtr result, const char *name)
{
    virDomainPtr d = result ? result : dconn ? virDomainLookupByName(dconn, name) : NULL;
    virTypedParameterPtr p = NULL;
    int n = 0, type = 0;
    unsigned long long v = 0;
    long long ms = -1;
    if (d && virDomainGetJobStats(d, &type, &p, &n, VIR_DOMAIN_JOB_STATS_COMPLETED) == 0) {
        if (virTypedParamsGetULLong(p, n, VIR_DOMAIN_JOB_DOWNTIME, &v) == 1)
            ms = (long long)v;
        virTypedParamsFree(p, n);
    }
    if (d && d != result)
        virDomainFree(d);
    virResetLastError();
    return ms;
}

/* The report of a migration that worked. */
static void report(struct shell *sh, struct migration *m, virDomainPtr dom, const char *dest,
                   double ms, const char *text)
{
    _cleanup_json_ struct json_object *o = domain_ident_json(dom);
    long long down = downtime_ms(m->dconn, m->result, virDomainGetName(dom));
    json_object_object_add(o, "result", json_object_new_string("migrated"));
    json_object_object_add(o, "destination", json_object_new_string(dest));
    json_object_object_add(o, "live", json_object_new_boolean(m->flags & VIR_MIGRATE_LIVE));
    json_object_object_add(o, "persistent",
                           json_object_new_boolean(m->flags & VIR_MIGRATE_PERSIST_DEST));
    json_object_object_add(o, "source_undefined",
                           json_object_new_boolean(m->flags & VIR_MIGRATE_UNDEFINE_SOURCE));
    json_object_object_add(o, "time_ms", json_object_new_double(ms));
    json_object_object_add(o, "downtime_ms", down >= 0 ? json_object_new_int64(down) : NULL);
    if (text || sh->out.mode == OUT_JSON)
        out_message(&sh->out, o, text ? text : "");
}

/* Move dom to d by m (params and flags set): the checks when asked, the
 * call with progress, the report (text: NULL prints nothing, as virsh). */
static int run_migration(struct shell *sh, virDomainPtr dom, struct migrate_dest *d,
                         struct migration *m, bool check, const char *text)
{
    const char *name = virDomainGetName(dom);
    bool to_uri = (m->flags & VIR_MIGRATE_PEER2PEER) || m->direct;
    virConnectPtr dconn = NULL;
    if (check || !to_uri) {
        dconn = migrate_dest_conn(sh, d);
        if (!dconn)
            return CMD_FAILED;
    }
    if (check && migrate_check(sh, dom, dconn, d->name, m->flags & VIR_MIGRATE_LIVE) != CMD_OK)
        return CMD_FAILED;
    m->dom = dom;
    m->dconn = to_uri ? NULL : dconn;
    m->uri = d->uri;
    _cleanup_free_ char *what = xasprintf("migrating '%s' to '%s'", name, d->name);
    _cleanup_(job_result_clear) struct job_result r = { 0 };
    struct job_hooks hooks = { tick, m };
    double t0 = now_ms();
    int rc = job_run_hooks(sh, dom, what, do_migrate, m, &hooks, &r);
    double ms = now_ms() - t0;
    if (rc < 0 && r.aborted)
        return error(sh, "migration of domain '%s' to '%s' stopped by Ctrl-C: the domain is as "
                     "it was on the source", name, d->name);
    if (rc < 0)
        return err_libvirt_saved(sh, r.err, "cannot migrate domain '%s' to '%s'", name, d->name);
    report(sh, m, dom, d->name, ms, text);
    return CMD_OK;
}

/* The domain (NULL: the error recorded) and the destination resolved into d. */
static virDomainPtr domain_and_dest(struct shell *sh, const char *ident, const char *dest,
                                    struct migrate_dest *d)
{
    virDomainPtr dom = conn_lookup_domain(sh, ident);
    if (dom && migrate_dest_resolve(sh, dest, d) != CMD_OK) {
        virDomainFree(dom);
        return NULL;
    }
    return dom;
}

static int cmd_migrate(struct shell *sh, void *opaque)
{
    struct migrate_args *a = opaque;
    if (a->timeout >= 0 && !a->live) /* (not .needs: --timeout-suspend needs --timeout) */
        return usage_error(sh, "option '--timeout' needs '--live'");
    _cleanup_(migrate_dest_free) struct migrate_dest d = { 0 };
    _cleanup_domain_ virDomainPtr dom = domain_and_dest(sh, a->domain, a->desturi, &d);
    if (!dom)
        return CMD_FAILED;
    _cleanup_(migration_clear) struct migration m = { .flags = migrate_flags(a) };
    if (build_params(sh, a, &m.ps) != CMD_OK)
        return CMD_FAILED;
    m.timeout_ms = a->timeout > 0 ? a->timeout * 1000 : 0;
    m.timeout_postcopy = a->timeout_postcopy;
    m.after_precopy = a->postcopy_after_precopy;
    m.direct = a->direct;
    return run_migration(sh, dom, &d, &m, a->check, NULL);
}

struct move_args {
    const char *domain, *host;
    const char *migrateuri, *listen_address, *xml;
    long long bandwidth;
    bool unsafe, copy_all;
};

static int cmd_move(struct shell *sh, void *opaque)
{
    struct move_args *a = opaque;
    _cleanup_(migrate_dest_free) struct migrate_dest d = { 0 };
    _cleanup_domain_ virDomainPtr dom = domain_and_dest(sh, a->domain, a->host, &d);
    if (!dom)
        return CMD_FAILED;
    int active = virDomainIsActive(dom);
    if (active < 0)
        return err_libvirt(sh, "cannot get the state of domain '%s'", a->domain);
    _cleanup_(migration_clear) struct migration m = {
        .flags = VIR_MIGRATE_PEER2PEER | VIR_MIGRATE_PERSIST_DEST | VIR_MIGRATE_UNDEFINE_SOURCE |
                 (active ? VIR_MIGRATE_LIVE : VIR_MIGRATE_OFFLINE) |
                 (a->unsafe ? VIR_MIGRATE_UNSAFE : 0) | (a->copy_all ? VIR_MIGRATE_NON_SHARED_DISK : 0),
    };
    add_str(&m.ps, VIR_MIGRATE_PARAM_URI, a->migrateuri);
    add_str(&m.ps, VIR_MIGRATE_PARAM_LISTEN_ADDRESS, a->listen_address);
    add_ull(&m.ps, VIR_MIGRATE_PARAM_BANDWIDTH, a->bandwidth);
    if (add_file(sh, &m.ps, VIR_MIGRATE_PARAM_DEST_XML, a->xml, "xml") != CMD_OK)
        return CMD_FAILED;
    _cleanup_free_ char *text = xasprintf("Domain '%s' moved to '%s'%s", virDomainGetName(dom),
                                          d.name, active ? "" : " (shut off)");
    return run_migration(sh, dom, &d, &m, true, text);
}

#define S(field, nm, what, ...) OPT_STRING(struct migrate_args, nm, field, what, __VA_ARGS__)
#define B(field, nm, what, ...) OPT_FLAG(struct migrate_args, nm, field, what, ##__VA_ARGS__)
#define N(field, nm, what, ...) \
    OPT_INT(struct migrate_args, nm, field, 0, 0x7fffffff, what, .def = "-1", \
            .metavar = "NUMBER", ##__VA_ARGS__)

/* virsh's options, in virsh's order (its string and number options may be
 * given as plain words after DESTURI, in that order). */
static const struct opt_def migrate_opts[] = {
    ARG_DOMAIN(struct migrate_args, domain, COMPL_DOMAIN),
    S(desturi, "desturi", "connection URI of the destination (from the client; from the source "
      "with --p2p), or a host name", .flags = ARG_REQUIRED, .complete = COMPL_HOST),
    B(live, "live", "live migration", .excl = EXCL(0)),
    B(offline, "offline", "offline migration (the config only)", .excl = EXCL(0)),
    B(p2p, "p2p", "peer-to-peer migration: the source daemon connects to the destination",
      .excl = EXCL(1)),
    B(direct, "direct", "direct migration (the hypervisor's own)", .excl = EXCL(1)),
    B(tunnelled, "tunnelled", "tunnelled migration (through the daemons)", .needs = "p2p"),
    B(persistent, "persistent", "persist the domain on the destination"),
    B(undefinesource, "undefinesource", "undefine the domain on the source (after success)"),
    B(suspend, "suspend", "do not restart the domain on the destination"),
    B(copy_all, "copy-storage-all", "non-shared storage: copy the whole disks", .excl = EXCL(2)),
    B(copy_inc, "copy-storage-inc", "non-shared storage: copy what differs from a shared base",
      .excl = EXCL(2)),
    B(copy_sync, "copy-storage-synchronous-writes", "write the guest's disk writes to the "
      "destination synchronously"),
    B(change_protection, "change-protection", "no configuration change until it ends"),
    B(unsafe, "unsafe", "migrate even when libvirt thinks it unsafe"),
    B(verbose, "verbose", "show the progress (virtsh shows it on a terminal anyway)"),
    B(compressed, "compressed", "compress repeated pages"),
    B(auto_converge, "auto-converge", "slow the guest down until it converges"),
    B(rdma_pin_all, "rdma-pin-all", "pin all memory before an RDMA migration"),
    B(abort_on_error, "abort-on-error", "abort on soft errors"),
    B(postcopy, "postcopy", "allow post-copy (switch with migrate-postcopy)"),
    B(postcopy_after_precopy, "postcopy-after-precopy", "switch to post-copy after the first pass",
      .needs = "postcopy"),
    B(postcopy_resume, "postcopy-resume", "resume a failed post-copy migration"),
    B(zerocopy, "zerocopy", "zero-copy transfer of memory pages"),
    S(migrateuri, "migrateuri", "the hypervisor's migration URI", .flags = OPT_POSITIONAL),
    S(graphicsuri, "graphicsuri", "graphics URI for seamless graphics migration",
      .flags = OPT_POSITIONAL),
    S(listen_address, "listen-address", "the address the destination listens on",
      .flags = OPT_POSITIONAL),
    S(dname, "dname", "the domain's name on the destination", .flags = OPT_POSITIONAL),
    N(timeout, "timeout", "after SECONDS of live migration: suspend (or post-copy); needs --live",
      .flags = OPT_POSITIONAL),
    B(timeout_suspend, "timeout-suspend", "suspend the guest at the timeout", .excl = EXCL(3),
      .needs = "timeout"),
    B(timeout_postcopy, "timeout-postcopy", "switch to post-copy at the timeout", .excl = EXCL(3),
      .needs = "postcopy"),
    S(xml, "xml", "file with the domain's XML for the destination", .flags = OPT_POSITIONAL,
      .complete = COMPL_FILE),
    S(migrate_disks, "migrate-disks", "the disks to copy, comma-separated targets",
      .flags = OPT_POSITIONAL),
    N(disks_port, "disks-port", "port of the destination for the disks", .flags = OPT_POSITIONAL),
    S(disks_uri, "disks-uri", "URI for the disks (instead of --disks-port)",
      .flags = OPT_POSITIONAL),
    S(comp_methods, "comp-methods", "compression methods, comma-separated",
      .flags = OPT_POSITIONAL),
    N(comp_mt_level, "comp-mt-level", "multithread compression level", .flags = OPT_POSITIONAL),
    N(comp_mt_threads, "comp-mt-threads", "compression threads", .flags = OPT_POSITIONAL),
    N(comp_mt_dthreads, "comp-mt-dthreads", "decompression threads", .flags = OPT_POSITIONAL),
    N(comp_xbzrle_cache, "comp-xbzrle-cache", "xbzrle page cache size, bytes",
      .flags = OPT_POSITIONAL),
    N(ac_initial, "auto-converge-initial", "initial CPU throttling, percent",
      .flags = OPT_POSITIONAL),
    N(ac_increment, "auto-converge-increment", "CPU throttling increment, percent",
      .flags = OPT_POSITIONAL),
    S(persistent_xml, "persistent-xml", "file with the persistent XML for the destination",
      .flags = OPT_POSITIONAL, .complete = COMPL_FILE),
    B(tls, "tls", "migrate over TLS"),
    N(postcopy_bandwidth, "postcopy-bandwidth", "post-copy bandwidth limit, MiB/s",
      .flags = OPT_POSITIONAL),
    B(parallel, "parallel", "several connections"),
    N(parallel_connections, "parallel-connections", "how many connections",
      .flags = OPT_POSITIONAL),
    N(bandwidth, "bandwidth", "bandwidth limit, MiB/s", .flags = OPT_POSITIONAL),
    S(tls_destination, "tls-destination", "the host name TLS verifies", .flags = OPT_POSITIONAL),
    B(check, "check", "make move's checks first (machine type, CPU, memory, name)"),
    { 0 },
};
#undef S
#undef B
#undef N

#define MIGRATED_FIELDS \
    { "name", RT_STRING, "the domain's name" }, \
    { "id", RT_INT | RT_NULL, "its ID on the source (null: shut off)" }, \
    { "uuid", RT_STRING, "its UUID" }, \
    { "result", RT_STRING, "migrated" }, \
    { "destination", RT_STRING, "the destination as given" }, \
    { "live", RT_BOOL, "it ran during the migration" }, \
    { "persistent", RT_BOOL, "it is persistent on the destination" }, \
    { "source_undefined", RT_BOOL, "it was undefined on the source" }, \
    { "time_ms", RT_NUMBER, "how long the migration took" }, \
    { "downtime_ms", RT_INT | RT_NULL, "how long the guest was paused (null: not measured)" }

const struct cmd_def migrate_cmds[] = {
    { .name = "migrate", .summary = "migrate a domain to another host",
      .desc = "One libvirt call moves the domain; on a terminal a progress line shows the data "
              "sent, the rate, the guest's dirty rate and the pass.  Ctrl-C aborts the job: the "
              "domain stays on the source as it was.  DESTURI may be a host name of the hosts "
              "file.  Prints nothing on success, as virsh (JSON: what moved).",
      .run = cmd_migrate, .args_size = sizeof(struct migrate_args), .flags = CMD_MODIFIES,
      .opts = migrate_opts, .result = RESULT_OBJECT(MIGRATED_FIELDS) },
    { .name = "move", .summary = "move a domain to another host, safely, in one word",
      .desc = "Live (offline when shut off), peer-to-peer, persistent on the destination, "
              "undefined on the source only once it runs there; checked first: the machine "
              "type under the same canonical name, the CPU model, free memory, no other domain "
              "of the name there.  Ctrl-C aborts and leaves it on the source.",
      .run = cmd_move, .args_size = sizeof(struct move_args), .flags = CMD_MODIFIES,
      .opts = OPTS(ARG_DOMAIN(struct move_args, domain, COMPL_DOMAIN),
                   OPT_STRING(struct move_args, "host", host, "the destination: a host name or URI",
                              .flags = ARG_REQUIRED, .complete = COMPL_HOST),
                   OPT_STRING(struct move_args, "migrateuri", migrateuri,
                              "the hypervisor's migration URI"),
                   OPT_STRING(struct move_args, "listen-address", listen_address,
                              "the address the destination listens on"),
                   OPT_INT(struct move_args, "bandwidth", bandwidth, 0, 0x7fffffff,
                           "bandwidth limit, MiB/s", .def = "-1"),
                   OPT_FLAG(struct move_args, "unsafe", unsafe,
                            "move even when libvirt thinks it unsafe"),
                   OPT_FLAG(struct move_args, "copy-storage-all", copy_all,
                            "copy the disks (storage not shared)"),
                   OPT_STRING(struct move_args, "xml", xml,
                              "file with the domain's XML for the destination",
                              .complete = COMPL_FILE)),
      .result = RESULT_OBJECT(MIGRATED_FIELDS) },
    { 0 },
};
