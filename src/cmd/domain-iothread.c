/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* cmd/domain-iothread.c - a domain's IOThreads: iothreadinfo, iothreadpin,
 * iothreadadd, iothreaddel, iothreadset. */
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
#include <limits.h>
#include <stdint.h>

#include "core/cpulist.h"
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

struct iothreadinfo_args {
    const char *domain;
    struct scope_args scope;
};

static int cmd_domain_iothreadinfo(struct shell *sh, void *opaque)
{
    struct iothreadinfo_args *a = opaque;
    _cleanup_domain_ virDomainPtr d = conn_lookup_domain(sh, a->domain);
    if (!d)
        return CMD_FAILED;
    int ncpus = host_cpu_count(sh);
    if (ncpus < 0)
        return CMD_FAILED;
    virDomainIOThreadInfoPtr *info = NULL;
    int n = virDomainGetIOThreadInfo(d, &info, scope_flags(&a->scope));
    if (n < 0)
        return err_libvirt(sh, "cannot get the IOThreads of domain '%s'", a->domain);
    _cleanup_json_ struct json_object *rows = json_object_new_array();
    for (int i = 0; i < n; i++) {
        struct json_object *o = json_object_new_object();
        /* a map of fewer bytes than the host's: the CPUs beyond it are not in it */
        _cleanup_free_ unsigned char *map = xcalloc(1, cpumap_len(ncpus));
        int len = info[i]->cpumaplen < (int)cpumap_len(ncpus) ? info[i]->cpumaplen
                                                              : (int)cpumap_len(ncpus);
        for (int k = 0; k < len; k++)
            map[k] = info[i]->cpumap[k];
        json_object_object_add(o, "iothread_id", json_object_new_int64(info[i]->iothread_id));
        json_object_object_add(o, "cpus", cpuset_value(sh, map, ncpus));
        json_object_array_add(rows, o);
        virDomainIOThreadInfoFree(info[i]);
    }
    free(info);
    if (n == 0 && sh->out.mode != OUT_JSON) {
        out_value(&sh->out, rows, "No IOThreads found for the domain");
        out_line_ends_command(&sh->out); /* virsh prints it without a newline */
        return CMD_OK;
    }
    static const struct out_col cols[] = {
        { "iothread_id", "IOThread ID", FMT_PLAIN },
        { "cpus", "CPU Affinity", FMT_PLAIN },
    };
    out_table(&sh->out, rows, cols, ARRAY_SIZE(cols));
    return CMD_OK;
}

struct iothreadpin_args {
    const char *domain;
    long long id;
    const char *cpulist;
    struct scope_args scope;
};

static int cmd_domain_iothreadpin(struct shell *sh, void *opaque)
{
    struct iothreadpin_args *a = opaque;
    _cleanup_domain_ virDomainPtr d = conn_lookup_domain(sh, a->domain);
    if (!d)
        return CMD_FAILED;
    int ncpus = host_cpu_count(sh);
    if (ncpus < 0)
        return CMD_FAILED;
    _cleanup_free_ unsigned char *map = cpuset_parse(sh, "--cpulist", a->cpulist, ncpus);
    if (!map)
        return sh->err.status;
    unsigned int flags = scope_flags(&a->scope);
    if (virDomainPinIOThread(d, (unsigned int)a->id, map, (int)cpumap_len(ncpus), flags) < 0)
        return err_libvirt(sh, "cannot pin IOThread %lld of domain '%s'", a->id, a->domain);
    report_tuned(sh, d, "iothread_pinned", flags);
    return CMD_OK;
}

struct iothread_args {
    const char *domain;
    long long id;
    struct scope_args scope;
};

static int add_del(struct shell *sh, const struct iothread_args *a, bool add)
{
    _cleanup_domain_ virDomainPtr d = conn_lookup_domain(sh, a->domain);
    if (!d)
        return CMD_FAILED;
    unsigned int flags = scope_flags(&a->scope);
    int rc = add ? virDomainAddIOThread(d, (unsigned int)a->id, flags)
                 : virDomainDelIOThread(d, (unsigned int)a->id, flags);
    if (rc < 0)
        return err_libvirt(sh, "cannot %s IOThread %lld %s domain '%s'", add ? "add" : "delete",
                           a->id, add ? "to" : "of", a->domain);
    report_tuned(sh, d, add ? "iothread_added" : "iothread_deleted", flags);
    return CMD_OK;
}

static int cmd_domain_iothreadadd(struct shell *sh, void *opaque)
{
    return add_del(sh, opaque, true);
}

static int cmd_domain_iothreaddel(struct shell *sh, void *opaque)
{
    return add_del(sh, opaque, false);
}

#define UNSET LLONG_MIN
#define UNSET_TEXT "-9223372036854775808"

struct iothreadset_args {
    const char *domain;
    long long id;
    long long poll_max_ns, poll_grow, poll_shrink, pool_min, pool_max; /* UNSET: not given */
    struct scope_args scope;
};

static int cmd_domain_iothreadset(struct shell *sh, void *opaque)
{
    struct iothreadset_args *a = opaque;
    _cleanup_typed_list_ struct typed_list l = { 0 };
    if (a->poll_max_ns != UNSET)
        virTypedParamsAddULLong(&l.params, &l.n, &l.max, VIR_DOMAIN_IOTHREAD_POLL_MAX_NS,
                                (unsigned long long)a->poll_max_ns);
    if (a->poll_grow != UNSET)
        virTypedParamsAddUInt(&l.params, &l.n, &l.max, VIR_DOMAIN_IOTHREAD_POLL_GROW,
                              (unsigned int)a->poll_grow);
    if (a->poll_shrink != UNSET)
        virTypedParamsAddUInt(&l.params, &l.n, &l.max, VIR_DOMAIN_IOTHREAD_POLL_SHRINK,
                              (unsigned int)a->poll_shrink);
    if (a->pool_min != UNSET)
        virTypedParamsAddInt(&l.params, &l.n, &l.max, VIR_DOMAIN_IOTHREAD_THREAD_POOL_MIN,
                             (int)a->pool_min);
    if (a->pool_max != UNSET)
        virTypedParamsAddInt(&l.params, &l.n, &l.max, VIR_DOMAIN_IOTHREAD_THREAD_POOL_MAX,
                             (int)a->pool_max);
    _cleanup_domain_ virDomainPtr d = conn_lookup_domain(sh, a->domain);
    if (!d)
        return CMD_FAILED;
    unsigned int flags = scope_flags(&a->scope);
    if (virDomainSetIOThreadParams(d, (unsigned int)a->id, l.params, l.n, flags) < 0)
        return err_libvirt(sh, "cannot change IOThread %lld of domain '%s'", a->id, a->domain);
    report_tuned(sh, d, "iothread_changed", flags);
    return CMD_OK;
}

#define ID_OPT(st, what) \
    OPT_INT(st, "id", id, 1, UINT_MAX, what, .flags = ARG_REQUIRED)

#define TUNED_RESULT(what) RESULT_OBJECT(TUNED_FIELDS(what))

#define SET_OPT(nm, field, lo, hi, what) \
    OPT_INT(struct iothreadset_args, nm, field, lo, hi, what, .flags = OPT_POSITIONAL, \
            .def = UNSET_TEXT)

/* The domain group's rows of this file (see cmd/domain.c). */
const struct cmd_def domain_iothread_cmds[] = {
    { .name = "iothreadinfo", .summary = "show a domain's IOThreads",
      .desc = "Each IOThread (a thread that does the I/O of some disks) and the host CPUs it may "
              "run on. JSON: an array of {iothread_id, cpus}.",
      .run = cmd_domain_iothreadinfo, .args_size = sizeof(struct iothreadinfo_args),
      .opts = OPTS(ARG_DOMAIN(struct iothreadinfo_args, domain, COMPL_DOMAIN),
                   SCOPE_OPTS_RW(struct iothreadinfo_args)),
      .result = RESULT_ARRAY(
          { "iothread_id", RT_INT, "the IOThread's id" },
          { "cpus", RT_ARRAY, "the host CPUs it may run on" },
          { "cpus[]", RT_INT, "a host CPU" }) },
    { .name = "iothreadpin", .summary = "change which host CPUs an IOThread may run on",
      .desc = "Pin an IOThread to host CPUs (see vcpupin for the syntax of the list). Prints "
              "nothing. JSON: name, id, uuid, result \"iothread_pinned\", live, config.",
      .run = cmd_domain_iothreadpin, .args_size = sizeof(struct iothreadpin_args),
      .flags = CMD_MODIFIES,
      .opts = OPTS(ARG_DOMAIN(struct iothreadpin_args, domain, COMPL_DOMAIN),
                   OPT_INT(struct iothreadpin_args, "iothread", id, 1, UINT_MAX,
                           "the IOThread's id", .flags = ARG_REQUIRED),
                   OPT_STRING(struct iothreadpin_args, "cpulist", cpulist,
                              "the host CPUs to pin it to", .flags = ARG_REQUIRED),
                   SCOPE_OPTS(struct iothreadpin_args, 0)),
      .result = TUNED_RESULT("\"iothread_pinned\"") },
    { .name = "iothreadadd", .summary = "add an IOThread to a domain",
      .desc = "Add an IOThread with this id (from 1). Prints nothing. JSON: name, id, uuid, "
              "result \"iothread_added\", live, config.",
      .run = cmd_domain_iothreadadd, .args_size = sizeof(struct iothread_args),
      .flags = CMD_MODIFIES,
      .opts = OPTS(ARG_DOMAIN(struct iothread_args, domain, COMPL_DOMAIN),
                   ID_OPT(struct iothread_args, "the new IOThread's id"),
                   SCOPE_OPTS(struct iothread_args, 0)),
      .result = TUNED_RESULT("\"iothread_added\"") },
    { .name = "iothreaddel", .summary = "remove an IOThread from a domain",
      .desc = "Remove the IOThread with this id (no disk may use it). Prints nothing. JSON: "
              "name, id, uuid, result \"iothread_deleted\", live, config.",
      .run = cmd_domain_iothreaddel, .args_size = sizeof(struct iothread_args),
      .flags = CMD_MODIFIES,
      .opts = OPTS(ARG_DOMAIN(struct iothread_args, domain, COMPL_DOMAIN),
                   ID_OPT(struct iothread_args, "the IOThread's id"),
                   SCOPE_OPTS(struct iothread_args, 0)),
      .result = TUNED_RESULT("\"iothread_deleted\"") },
    { .name = "iothreadset", .summary = "change an IOThread's polling and worker pool",
      .desc = "Change how long an IOThread polls for new I/O before it sleeps (--poll-max-ns, "
              "0 never polls) and how that time grows and shrinks, and the bounds of its "
              "worker thread pool (-1: the default). Prints nothing. JSON: name, id, uuid, "
              "result \"iothread_changed\", live, config.",
      .run = cmd_domain_iothreadset, .args_size = sizeof(struct iothreadset_args),
      .flags = CMD_MODIFIES,
      .needs = "poll-max-ns|poll-grow|poll-shrink|thread-pool-min|thread-pool-max",
      .why = "nothing to change",
      .opts = OPTS(ARG_DOMAIN(struct iothreadset_args, domain, COMPL_DOMAIN),
                   ID_OPT(struct iothreadset_args, "the IOThread's id"),
                   SET_OPT("poll-max-ns", poll_max_ns, 0, LLONG_MAX,
                           "the longest it polls, in nanoseconds"),
                   SET_OPT("poll-grow", poll_grow, 0, UINT_MAX,
                           "multiply the polling time by this when it was too short"),
                   SET_OPT("poll-shrink", poll_shrink, 0, UINT_MAX,
                           "divide the polling time by this when it was too long"),
                   SET_OPT("thread-pool-min", pool_min, INT_MIN, INT_MAX,
                           "the fewest worker threads"),
                   SET_OPT("thread-pool-max", pool_max, INT_MIN, INT_MAX,
                           "the most worker threads"),
                   SCOPE_OPTS(struct iothreadset_args, 0)),
      .result = TUNED_RESULT("\"iothread_changed\"") },
    { 0 },
};
