/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* cmd/domain-vcpu.c - virtual CPUs and where they run: vcpuinfo, vcpupin,
 * vcpucount, setvcpu, emulatorpin, cpu-stats. */
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
#include <limits.h>
#include <string.h>

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

/* ---- vcpuinfo ------------------------------------------------------------ */

struct vcpuinfo_args {
    const char *domain;
    bool pretty;
};

static const char *const vcpu_state_words[] = { "offline", "running", "blocked" };

/* One vCPU as JSON; `info` NULL for a domain that does not run. */
static struct json_object *vcpu_json(int n, const virVcpuInfo *info,
                                     const unsigned char *map, int ncpus)
{
    struct json_object *o = json_object_new_object();
    bool known = info && info->state >= 0 && info->state < (int)ARRAY_SIZE(vcpu_state_words);
    json_object_object_add(o, "vcpu", json_object_new_int(info ? (int)info->number : n));
    json_object_object_add(o, "cpu", info ? json_object_new_int(info->cpu) : NULL);
    json_object_object_add(o, "state", info ? json_object_new_string(known ? vcpu_state_words[info->state]
                                                                           : "unknown") : NULL);
    json_object_object_add(o, "cpu_time_ns", info && info->cpuTime ? json_object_new_uint64(info->cpuTime)
                                                                   : NULL);
    json_object_object_add(o, "cpus", cpulist_json(map, ncpus));
    return o;
}

static void vcpu_text(struct strbuf *b, int n, const virVcpuInfo *info, const unsigned char *map,
                      int ncpus, bool pretty)
{
    strbuf_printf(b, "%-15s %d\n", "VCPU:", info ? (int)info->number : n);
    if (info) {
        bool known = info->state >= 0 && info->state < (int)ARRAY_SIZE(vcpu_state_words);
        strbuf_printf(b, "%-15s %d\n", "CPU:", info->cpu);
        strbuf_printf(b, "%-15s %s\n", "State:", known ? vcpu_state_words[info->state] : "no state");
        if (info->cpuTime)
            strbuf_printf(b, "%-15s %.1fs\n", "CPU time:", (double)info->cpuTime / 1e9);
    } else {
        strbuf_printf(b, "%-15s %s\n", "CPU:", "N/A");
        strbuf_printf(b, "%-15s %s\n", "State:", "N/A");
        strbuf_printf(b, "%-15s %s\n", "CPU time", "N/A"); /* sic: virsh has no colon here */
    }
    _cleanup_free_ char *aff = pretty ? cpulist_format(map, ncpus) : cpulist_yn(map, ncpus);
    if (pretty)
        strbuf_printf(b, "%-15s %s (out of %d)\n", "CPU Affinity:", aff, ncpus);
    else
        strbuf_printf(b, "%-15s %s\n", "CPU Affinity:", aff);
}

static int cmd_domain_vcpuinfo(struct shell *sh, void *opaque)
{
    struct vcpuinfo_args *a = opaque;
    _cleanup_domain_ virDomainPtr d = conn_lookup_domain(sh, a->domain);
    virDomainInfo di;
    if (!d)
        return CMD_FAILED;
    if (virDomainGetInfo(d, &di) < 0)
        return err_libvirt(sh, "cannot get information on domain '%s'", a->domain);
    int ncpus = host_cpu_count(sh);
    if (ncpus < 0)
        return CMD_FAILED;
    size_t maplen = cpumap_len(ncpus);
    int nv = di.nrVirtCpu;
    _cleanup_free_ virVcpuInfo *info = xcalloc((size_t)nv + 1, sizeof(*info));
    _cleanup_free_ unsigned char *maps = xcalloc((size_t)nv + 1, maplen);
    int n = virDomainGetVcpus(d, info, nv, maps, (int)maplen);
    bool live = n >= 0;
    if (!live && di.state == VIR_DOMAIN_SHUTOFF) {
        virResetLastError();
        n = virDomainGetVcpuPinInfo(d, nv, maps, (int)maplen, VIR_DOMAIN_AFFECT_CONFIG);
    }
    if (n < 0)
        return err_libvirt(sh, "cannot get the vCPUs of domain '%s'", a->domain);

    _cleanup_json_ struct json_object *arr = json_object_new_array();
    _cleanup_strbuf_ struct strbuf b = { 0 };
    for (int i = 0; i < n; i++) {
        const unsigned char *map = maps + (size_t)i * maplen;
        json_object_array_add(arr, vcpu_json(i, live ? &info[i] : NULL, map, ncpus));
        if (i)
            strbuf_addc(&b, '\n');
        vcpu_text(&b, i, live ? &info[i] : NULL, map, ncpus, a->pretty);
    }
    report_value(sh, arr, strbuf_str(&b));
    return CMD_OK;
}

/* ---- vcpucount ----------------------------------------------------------- */

struct vcpucount_args {
    const char *domain;
    bool maximum, active;
    struct scope_args scope;
    bool guest;
};

/* One count: > 0, -1 when it does not apply (the live count of a domain
 * that does not run, with `check_state`), -2 with libvirt's error set. */
static int vcpu_count(virDomainPtr d, unsigned int flags, bool check_state)
{
    if (check_state && (flags & VIR_DOMAIN_AFFECT_LIVE) && virDomainIsActive(d) == 0)
        return -1;
    int n = virDomainGetVcpusFlags(d, flags);
    return n < 0 ? -2 : n;
}

static int vcpucount_all(struct shell *sh, virDomainPtr d, const char *name)
{
    static const struct {
        const char *which, *state, *key;
        unsigned int flags;
    } c[] = {
        { "maximum", "config", "maximum_config", VIR_DOMAIN_AFFECT_CONFIG | VIR_DOMAIN_VCPU_MAXIMUM },
        { "maximum", "live", "maximum_live", VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_VCPU_MAXIMUM },
        { "current", "config", "current_config", VIR_DOMAIN_AFFECT_CONFIG },
        { "current", "live", "current_live", VIR_DOMAIN_AFFECT_LIVE },
    };
    int n[ARRAY_SIZE(c)];
    for (size_t i = 0; i < ARRAY_SIZE(c); i++) {
        /* A transient domain has no configuration to ask. */
        bool config = c[i].flags & VIR_DOMAIN_AFFECT_CONFIG;
        n[i] = config && virDomainIsPersistent(d) == 0 ? -1 : vcpu_count(d, c[i].flags, true);
        if (n[i] == -2)
            return err_libvirt(sh, "cannot count the vCPUs of domain '%s'", name);
    }
    _cleanup_json_ struct json_object *o = json_object_new_object();
    _cleanup_strbuf_ struct strbuf b = { 0 };
    for (size_t i = 0; i < ARRAY_SIZE(c); i++) {
        json_object_object_add(o, c[i].key, n[i] > 0 ? json_object_new_int(n[i]) : NULL);
        if (n[i] > 0)
            strbuf_printf(&b, "%-12s %-12s %3d\n", c[i].which, c[i].state, n[i]);
    }
    report_value(sh, o, strbuf_str(&b));
    return CMD_OK;
}

static int cmd_domain_vcpucount(struct shell *sh, void *opaque)
{
    struct vcpucount_args *a = opaque;
    bool active = a->active, live = a->scope.live, current = a->scope.current;
    /* virsh: a lone --current is the old spelling of --active --live. */
    if (!a->maximum && !active && current) {
        active = live = true;
        current = false;
    }
    if (current && (live || a->scope.config))
        return usage_error(sh, "options '--current' and '--%s' cannot be used together",
                           live ? "live" : "config");
    _cleanup_domain_ virDomainPtr d = conn_lookup_domain(sh, a->domain);
    if (!d)
        return CMD_FAILED;
    if (!a->maximum && !active && !live && !a->scope.config && !a->guest)
        return vcpucount_all(sh, d, a->domain);
    unsigned int flags = (live ? VIR_DOMAIN_AFFECT_LIVE : 0) |
                         (a->scope.config ? VIR_DOMAIN_AFFECT_CONFIG : 0) |
                         (a->maximum ? VIR_DOMAIN_VCPU_MAXIMUM : 0) |
                         (a->guest ? VIR_DOMAIN_VCPU_GUEST : 0);
    int n = vcpu_count(d, flags, false);
    if (n < 0)
        return err_libvirt(sh, "cannot count the vCPUs of domain '%s'", a->domain);
    _cleanup_json_ struct json_object *o = json_object_new_object();
    json_object_object_add(o, "count", json_object_new_int(n));
    _cleanup_free_ char *text = xasprintf("%d\n", n);
    report_value(sh, o, text);
    return CMD_OK;
}

/* ---- vcpupin, emulatorpin ------------------------------------------------ */

struct vcpupin_args {
    const char *domain;
    long long vcpu; /* -1: not given */
    const char *cpulist;
    struct scope_args scope;
};

static int vcpupin_query(struct shell *sh, virDomainPtr d, const struct vcpupin_args *a,
                         int ncpus)
{
    unsigned int flags = scope_flags(&a->scope);
    unsigned int count_flags = flags ? flags : virDomainIsActive(d) == 1 ? VIR_DOMAIN_AFFECT_LIVE
                                                                         : VIR_DOMAIN_AFFECT_CONFIG;
    int nv = vcpu_count(d, count_flags | VIR_DOMAIN_VCPU_MAXIMUM, true);
    if (nv == -1)
        return error(sh, "domain '%s' does not run: it has no live vCPUs", a->domain);
    if (nv < 0)
        return err_libvirt(sh, "cannot count the vCPUs of domain '%s'", a->domain);
    if (a->vcpu >= nv)
        return error(sh, "domain '%s' has no vCPU %lld: its %s vCPUs are 0 to %d", a->domain,
                     a->vcpu, count_flags & VIR_DOMAIN_AFFECT_LIVE ? "live" : "persistent", nv - 1);
    size_t maplen = cpumap_len(ncpus);
    _cleanup_free_ unsigned char *maps = xcalloc((size_t)nv, maplen);
    int n = virDomainGetVcpuPinInfo(d, nv, maps, (int)maplen, flags);
    if (n < 0)
        return err_libvirt(sh, "cannot get the vCPU pinning of domain '%s'", a->domain);
    _cleanup_json_ struct json_object *rows = json_object_new_array();
    for (int i = 0; i < n; i++) {
        if (a->vcpu >= 0 && i != a->vcpu)
            continue;
        struct json_object *o = json_object_new_object();
        json_object_object_add(o, "vcpu", json_object_new_int(i));
        json_object_object_add(o, "cpus", cpuset_value(sh, maps + (size_t)i * maplen, ncpus));
        json_object_array_add(rows, o);
    }
    static const struct out_col cols[] = {
        { "vcpu", "VCPU", FMT_PLAIN },
        { "cpus", "CPU Affinity", FMT_PLAIN },
    };
    out_table(&sh->out, rows, cols, ARRAY_SIZE(cols));
    return CMD_OK;
}

static int cmd_domain_vcpupin(struct shell *sh, void *opaque)
{
    struct vcpupin_args *a = opaque;
    if (!a->cpulist && a->scope.live && a->scope.config)
        return usage_error(sh, "'--live' and '--config' cannot be shown together: ask for one");
    if (a->cpulist && a->vcpu < 0)
        return usage_error(sh, "a CPU list needs the vCPU to pin: 'vcpupin DOMAIN VCPU CPULIST'");
    _cleanup_domain_ virDomainPtr d = conn_lookup_domain(sh, a->domain);
    if (!d)
        return CMD_FAILED;
    int ncpus = host_cpu_count(sh);
    if (ncpus < 0)
        return CMD_FAILED;
    if (!a->cpulist)
        return vcpupin_query(sh, d, a, ncpus);
    _cleanup_free_ unsigned char *map = cpuset_parse(sh, "--cpulist", a->cpulist, ncpus);
    if (!map)
        return sh->err.status;
    unsigned int flags = scope_flags(&a->scope);
    if (virDomainPinVcpuFlags(d, (unsigned int)a->vcpu, map, (int)cpumap_len(ncpus), flags) < 0)
        return err_libvirt(sh, "cannot pin vCPU %lld of domain '%s'", a->vcpu, a->domain);
    report_tuned(sh, d, "vcpu_pinned", flags);
    return CMD_OK;
}

struct emulatorpin_args {
    const char *domain, *cpulist;
    struct scope_args scope;
};

static int cmd_domain_emulatorpin(struct shell *sh, void *opaque)
{
    struct emulatorpin_args *a = opaque;
    if (!a->cpulist && a->scope.live && a->scope.config)
        return usage_error(sh, "'--live' and '--config' cannot be shown together: ask for one");
    _cleanup_domain_ virDomainPtr d = conn_lookup_domain(sh, a->domain);
    if (!d)
        return CMD_FAILED;
    int ncpus = host_cpu_count(sh);
    if (ncpus < 0)
        return CMD_FAILED;
    unsigned int flags = scope_flags(&a->scope);
    int maplen = (int)cpumap_len(ncpus);
    if (a->cpulist) {
        _cleanup_free_ unsigned char *map = cpuset_parse(sh, "--cpulist", a->cpulist, ncpus);
        if (!map)
            return sh->err.status;
        if (virDomainPinEmulator(d, map, maplen, flags) < 0)
            return err_libvirt(sh, "cannot pin the emulator threads of domain '%s'", a->domain);
        report_tuned(sh, d, "emulator_pinned", flags);
        return CMD_OK;
    }
    _cleanup_free_ unsigned char *map = xcalloc(1, (size_t)maplen);
    if (virDomainGetEmulatorPinInfo(d, map, maplen, flags) < 0)
        return err_libvirt(sh, "cannot get the emulator pinning of domain '%s'", a->domain);
    _cleanup_json_ struct json_object *o = json_object_new_object();
    json_object_object_add(o, "cpus", cpulist_json(map, ncpus));
    _cleanup_free_ char *list = cpulist_format(map, ncpus);
    _cleanup_free_ char *text = sh->out.quiet
        ? xasprintf("%s\n", list)
        : xasprintf("emulator: CPU Affinity\n----------------------------------\n       *: %s\n", list);
    report_value(sh, o, text);
    return CMD_OK;
}

/* ---- setvcpu ------------------------------------------------------------- */

struct setvcpu_args {
    const char *domain, *vcpulist;
    bool enable, disable;
    struct scope_args scope;
};

static int cmd_domain_setvcpu(struct shell *sh, void *opaque)
{
    struct setvcpu_args *a = opaque;
    _cleanup_domain_ virDomainPtr d = conn_lookup_domain(sh, a->domain);
    if (!d)
        return CMD_FAILED;
    unsigned int flags = scope_flags(&a->scope);
    if (virDomainSetVcpu(d, a->vcpulist, a->enable, flags) < 0)
        return err_libvirt(sh, "cannot %s vCPUs '%s' of domain '%s'",
                           a->enable ? "enable" : "disable", a->vcpulist, a->domain);
    report_tuned(sh, d, a->enable ? "vcpus_enabled" : "vcpus_disabled", flags);
    return CMD_OK;
}

/* ---- cpu-stats ----------------------------------------------------------- */

struct cpustats_args {
    const char *domain;
    bool total;
    long long start, count; /* -1: not given */
};

static const struct typed_key cpu_time_keys[] = {
    { VIR_DOMAIN_CPU_STATS_CPUTIME, "cpu_time_ns" },
    { VIR_DOMAIN_CPU_STATS_VCPUTIME, "vcpu_time_ns" },
    { NULL, NULL },
};

static const struct typed_key total_keys[] = {
    { VIR_DOMAIN_CPU_STATS_CPUTIME, "cpu_time_ns" },
    { VIR_DOMAIN_CPU_STATS_USERTIME, "user_time_ns" },
    { VIR_DOMAIN_CPU_STATS_SYSTEMTIME, "system_time_ns" },
    { NULL, NULL },
};

/* One statistic as virsh prints it: times in seconds with nine decimals. */
static void cpustat_text(struct strbuf *b, const virTypedParameter *p)
{
    bool time = str_eq(p->field, VIR_DOMAIN_CPU_STATS_CPUTIME) ||
                str_eq(p->field, VIR_DOMAIN_CPU_STATS_VCPUTIME) ||
                str_eq(p->field, VIR_DOMAIN_CPU_STATS_USERTIME) ||
                str_eq(p->field, VIR_DOMAIN_CPU_STATS_SYSTEMTIME);
    if (time && p->type == VIR_TYPED_PARAM_ULLONG) {
        strbuf_printf(b, "\t%-12s %9llu.%09llu seconds\n", p->field, p->value.ul / 1000000000,
                      p->value.ul % 1000000000);
        return;
    }
    _cleanup_free_ char *v = typed_param_text(p, 0);
    strbuf_printf(b, "\t%-12s %s\n", p->field, v ? v : "");
}

/* CPUs start..start+count-1: their rows in text and an array in JSON. */
static int cpustats_per_cpu(virDomainPtr d, int start, int count,
                            struct strbuf *b, struct json_object **ret)
{
    int np = virDomainGetCPUStats(d, NULL, 0, 0, 1, 0);
    if (np < 0)
        return -1;
    int chunk = 128;
    _cleanup_free_ virTypedParameterPtr params = xcalloc((size_t)np * (size_t)chunk + 1,
                                                         sizeof(*params));
    *ret = json_object_new_array();
    for (int done = 0; done < count; done += chunk) {
        int want = count - done < chunk ? count - done : chunk;
        int got = virDomainGetCPUStats(d, params, (unsigned int)np, start + done, (unsigned int)want, 0);
        if (got < 0)
            return -1;
        for (int c = 0; c < want; c++) {
            virTypedParameterPtr p = params + (size_t)c * (size_t)np;
            struct json_object *o = json_object_new_object();
            _cleanup_json_ struct json_object *t = typed_params_json_keys(p, got, cpu_time_keys);
            json_object_object_add(o, "cpu", json_object_new_int(start + done + c));
            json_object_object_foreach(t, key, val)
                json_object_object_add(o, key, json_object_get(val));
            json_object_array_add(*ret, o);
            strbuf_printf(b, "CPU%d:\n", start + done + c);
            for (int k = 0; k < got; k++)
                if (p[k].type)
                    cpustat_text(b, &p[k]);
        }
        virTypedParamsClear(params, np * want);
    }
    return 0;
}

static int cpustats_total(virDomainPtr d, struct strbuf *b, struct json_object **ret)
{
    int np = virDomainGetCPUStats(d, NULL, 0, -1, 1, 0);
    if (np < 0)
        return -1;
    _cleanup_typed_list_ struct typed_list l = { xcalloc((size_t)np + 1, sizeof(virTypedParameter)),
                                                 0, np };
    l.n = virDomainGetCPUStats(d, l.params, (unsigned int)np, -1, 1, 0);
    if (l.n < 0) {
        l.n = 0;
        return -1;
    }
    *ret = typed_params_json_keys(l.params, l.n, total_keys);
    strbuf_add(b, "Total:\n");
    for (int k = 0; k < l.n; k++)
        cpustat_text(b, &l.params[k]);
    return 0;
}

static int cmd_domain_cpu_stats(struct shell *sh, void *opaque)
{
    struct cpustats_args *a = opaque;
    bool per_cpu = a->start >= 0 || a->count >= 0, total = a->total || !per_cpu;
    _cleanup_domain_ virDomainPtr d = conn_lookup_domain(sh, a->domain);
    if (!d)
        return CMD_FAILED;
    _cleanup_json_ struct json_object *o = json_object_new_object();
    struct json_object *cpus = NULL, *tot = NULL;
    _cleanup_strbuf_ struct strbuf b = { 0 };
    if (per_cpu || !a->total) {
        int max = virDomainGetCPUStats(d, NULL, 0, 0, 0, 0);
        if (max < 0)
            return err_libvirt(sh, "cannot get the CPU statistics of domain '%s'", a->domain);
        int start = a->start >= 0 ? (int)a->start : 0;
        if (start >= max)
            return error(sh, "there is no host CPU %d: the host's CPUs are 0 to %d", start, max - 1);
        int count = a->count >= 0 && a->count <= max - start ? (int)a->count : max - start;
        if (a->count > max - start)
            strbuf_printf(&b, "Only %d CPUs available to show\n", max);
        if (cpustats_per_cpu(d, start, count, &b, &cpus) < 0) {
            json_object_put(cpus);
            return err_libvirt(sh, "cannot get the CPU statistics of domain '%s'", a->domain);
        }
    }
    if (total && cpustats_total(d, &b, &tot) < 0) {
        json_object_put(cpus);
        return err_libvirt(sh, "cannot get the CPU statistics of domain '%s'", a->domain);
    }
    json_object_object_add(o, "cpus", cpus);
    json_object_object_add(o, "total", tot);
    report_value(sh, o, strbuf_str(&b));
    return CMD_OK;
}

/* The domain group's rows of this file (see cmd/domain.c). */
const struct cmd_def domain_vcpu_cmds[] = {
    { .name = "vcpuinfo", .summary = "show a domain's virtual CPUs",
      .desc = "For each vCPU: the host CPU it runs on, its state, the CPU time it used and the "
              "host CPUs it may run on (one character a host CPU, or with --pretty as a list). "
              "For a domain that does not run, its pinning from the configuration. JSON: an array "
              "of {vcpu, cpu, state, cpu_time_ns, cpus} (null where the domain does not run; cpus: "
              "the host CPUs it may use).",
      .run = cmd_domain_vcpuinfo, .args_size = sizeof(struct vcpuinfo_args),
      .opts = OPTS(ARG_DOMAIN(struct vcpuinfo_args, domain, COMPL_DOMAIN),
                   OPT_FLAG(struct vcpuinfo_args, "pretty", pretty,
                            "the host CPUs as a list (0-3,6)")),
      .result = RESULT_ARRAY(
          { "vcpu", RT_INT, "the vCPU's number" },
          { "cpu", RT_INT | RT_NULL, "the host CPU it runs on" },
          { "state", RT_STRING | RT_NULL, "offline, running or blocked" },
          { "cpu_time_ns", RT_INT | RT_NULL, "CPU time it used" },
          { "cpus", RT_ARRAY, "the host CPUs it may run on" },
          { "cpus[]", RT_INT, "a host CPU" }) },
    { .name = "vcpupin", .summary = "show or change which host CPUs a vCPU may run on",
      .desc = "Without a CPU list, a table of each vCPU (or of --vcpu) and the host CPUs it may "
              "run on. With one, pin that vCPU to those CPUs: \"0-3,6\", \"0-7,^2\" (all of 0-7 "
              "but 2), \"r\" (every CPU). JSON: an array of {vcpu, cpus}; after a change name, id, "
              "uuid, result \"vcpu_pinned\", live, config.",
      .run = cmd_domain_vcpupin, .args_size = sizeof(struct vcpupin_args),
      .opts = OPTS(ARG_DOMAIN(struct vcpupin_args, domain, COMPL_DOMAIN),
                   OPT_INT(struct vcpupin_args, "vcpu", vcpu, 0, INT_MAX, "the vCPU",
                           .flags = OPT_POSITIONAL, .def = "-1"),
                   OPT_STRING(struct vcpupin_args, "cpulist", cpulist,
                              "the host CPUs to pin it to", .flags = OPT_POSITIONAL | OPT_MODIFIES),
                   SCOPE_OPTS_RW(struct vcpupin_args)),
      .result = RESULT_OR(RESULT_OBJECT(
                              TUNED_FIELDS("\"vcpu_pinned\"")),
                          RS_ARRAY,
                          { "vcpu", RT_INT, "the vCPU" },
                          { "cpus", RT_ARRAY, "the host CPUs it may run on" },
                          { "cpus[]", RT_INT, "a host CPU" }) },
    { .name = "vcpucount", .summary = "show how many virtual CPUs a domain has",
      .desc = "Without options, the maximum and current counts of the configuration and of "
              "the running domain. Otherwise one count: the maximum (--maximum) or the one in use "
              "(--active), of the running domain (--live), the configuration (--config) or the "
              "one that applies (default); --guest asks the guest agent how many are online. "
              "JSON: "
              "maximum_config, maximum_live, current_config, current_live (null when the "
              "domain does not run, or has no persistent configuration); or count.",
      .run = cmd_domain_vcpucount, .args_size = sizeof(struct vcpucount_args),
      .opts = OPTS(ARG_DOMAIN(struct vcpucount_args, domain, COMPL_DOMAIN),
                   OPT_FLAG(struct vcpucount_args, "maximum", maximum, "the maximum count",
                            .excl = EXCL(2)),
                   OPT_FLAG(struct vcpucount_args, "active", active, "the count in use",
                            .excl = EXCL(2)),
                   OPT_FLAG(struct vcpucount_args, "live", scope.live, "of the running domain"),
                   OPT_FLAG(struct vcpucount_args, "config", scope.config,
                            "of the persistent configuration", .excl = EXCL(3)),
                   OPT_FLAG(struct vcpucount_args, "current", scope.current,
                            "of the running domain if it runs, else of the configuration; "
                            "alone: --active --live"),
                   OPT_FLAG(struct vcpucount_args, "guest", guest,
                            "ask the guest agent how many are online", .excl = EXCL(3))),
      .result = RESULT_OR(RESULT_OBJECT({ "count", RT_INT, "--maximum or --active: the count" }),
                          RS_OBJECT,
                          { "maximum_config", RT_INT | RT_NULL, "most vCPUs from the next boot" },
                          { "maximum_live", RT_INT | RT_NULL, "most vCPUs of the running domain" },
                          { "current_config", RT_INT | RT_NULL, "vCPUs from the next boot" },
                          { "current_live", RT_INT | RT_NULL, "vCPUs of the running domain" }) },
    { .name = "setvcpu", .summary = "enable or disable some of a domain's virtual CPUs",
      .desc = "Turn the listed vCPUs (\"1\", \"2-3\") on or off: hot(un)plug in a running domain, "
              "or in the configuration. Prints nothing. JSON: name, id, uuid, result "
              "(vcpus_enabled, vcpus_disabled), live, config.",
      .run = cmd_domain_setvcpu, .args_size = sizeof(struct setvcpu_args), .flags = CMD_MODIFIES,
      .needs = "enable|disable",
      .opts = OPTS(ARG_DOMAIN(struct setvcpu_args, domain, COMPL_DOMAIN),
                   OPT_STRING(struct setvcpu_args, "vcpulist", vcpulist, "the vCPUs: 1,3 or 2-3",
                              .flags = ARG_REQUIRED),
                   OPT_FLAG(struct setvcpu_args, "enable", enable, "turn them on", .excl = EXCL(2)),
                   OPT_FLAG(struct setvcpu_args, "disable", disable, "turn them off",
                            .excl = EXCL(2)),
                   SCOPE_OPTS(struct setvcpu_args, 0)),
      .result = RESULT_OBJECT(TUNED_FIELDS("vcpus_enabled or vcpus_disabled")) },
    { .name = "emulatorpin", .summary = "show or change which host CPUs the emulator may run on",
      .desc = "Without a CPU list, the host CPUs the domain's emulator threads (those that are "
              "not vCPUs or IOThreads) may run on; with one, pin them there (see vcpupin for "
              "the syntax). JSON: cpus; after a change name, id, uuid, result "
              "\"emulator_pinned\", live, config.",
      .run = cmd_domain_emulatorpin, .args_size = sizeof(struct emulatorpin_args),
      .opts = OPTS(ARG_DOMAIN(struct emulatorpin_args, domain, COMPL_DOMAIN),
                   OPT_STRING(struct emulatorpin_args, "cpulist", cpulist,
                              "the host CPUs to pin them to", .flags = OPT_POSITIONAL | OPT_MODIFIES),
                   SCOPE_OPTS_RW(struct emulatorpin_args)),
      .result = RESULT_OR(RESULT_OBJECT(
                              TUNED_FIELDS("\"emulator_pinned\"")),
                          RS_OBJECT,
                          { "cpus", RT_ARRAY, "the host CPUs the emulator may run on" },
                          { "cpus[]", RT_INT, "a host CPU" }) },
    { .name = "cpu-stats", .summary = "show the host CPU time a domain used, per CPU and in total",
      .desc = "For each host CPU (from --start, at most --count of them) the CPU time the "
              "domain used on it, then the total (user and system time too). --start or "
              "--count shows only the CPUs, --total only the total, both both. JSON: cpus (an "
              "array of {cpu, cpu_time_ns, vcpu_time_ns}) and total ({cpu_time_ns, "
              "user_time_ns, system_time_ns}); null when not shown.",
      .run = cmd_domain_cpu_stats, .args_size = sizeof(struct cpustats_args),
      .opts = OPTS(ARG_DOMAIN(struct cpustats_args, domain, COMPL_DOMAIN_ACTIVE),
                   OPT_FLAG(struct cpustats_args, "total", total, "the total"),
                   OPT_INT(struct cpustats_args, "start", start, 0, INT_MAX,
                           "from this host CPU", .flags = OPT_POSITIONAL, .def = "-1"),
                   OPT_INT(struct cpustats_args, "count", count, 0, INT_MAX,
                           "at most this many host CPUs", .flags = OPT_POSITIONAL, .def = "-1")),
      .result = RESULT_OBJECT(
          { "cpus", RT_ARRAY | RT_NULL, "per host CPU" },
          { "cpus[].cpu", RT_INT, "the host CPU" },
          { "cpus[].cpu_time_ns", RT_INT | RT_NULL, "the domain's CPU time on it" },
          { "cpus[].vcpu_time_ns", RT_INT | RT_NULL, "its vCPUs' time on it" },
          { "total", RT_OBJECT | RT_NULL, "in total" },
          { "total.cpu_time_ns", RT_INT | RT_NULL, "CPU time" },
          { "total.user_time_ns", RT_INT | RT_NULL, "of it in user mode" },
          { "total.system_time_ns", RT_INT | RT_NULL, "of it in the kernel" }) },
    { 0 },
};
