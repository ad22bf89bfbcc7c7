/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* cmd-monitor.c - looking at domains: list, dominfo, domstate, domid, domname, domuuid. */
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
#include <string.h>

#include "commands.h"
#include "conn.h"
#include "domain.h"
#include "domcache.h"
#include "err.h"
#include "shell.h"
#include "util.h"

struct list_args {
    bool all, inactive;
    bool state_running, state_paused, state_shutoff, state_other;
    bool persistent, transient, autostart, no_autostart;
    bool name, uuid, id, title;
};

struct list_row {
    virDomainPtr dom;
    int state;
    unsigned int id;
};

static int row_cmp(const void *a, const void *b)
{
    const struct list_row *x = a, *y = b;
    bool xa = x->id != (unsigned int)-1, ya = y->id != (unsigned int)-1;
    if (xa != ya)
        return xa ? -1 : 1; /* running ones first, by ID; then the rest by name */
    if (xa)
        return x->id < y->id ? -1 : x->id > y->id;
    return strcmp(virDomainGetName(x->dom), virDomainGetName(y->dom));
}

static unsigned int list_flags(const struct list_args *a)
{
    unsigned int f = 0;
    if (a->all)
        f |= VIR_CONNECT_LIST_DOMAINS_ACTIVE | VIR_CONNECT_LIST_DOMAINS_INACTIVE;
    if (a->inactive)
        f |= VIR_CONNECT_LIST_DOMAINS_INACTIVE;
    if (a->state_running)
        f |= VIR_CONNECT_LIST_DOMAINS_RUNNING;
    if (a->state_paused)
        f |= VIR_CONNECT_LIST_DOMAINS_PAUSED;
    if (a->state_shutoff)
        f |= VIR_CONNECT_LIST_DOMAINS_SHUTOFF;
    if (a->state_other)
        f |= VIR_CONNECT_LIST_DOMAINS_OTHER;
    if (a->persistent)
        f |= VIR_CONNECT_LIST_DOMAINS_PERSISTENT;
    if (a->transient)
        f |= VIR_CONNECT_LIST_DOMAINS_TRANSIENT;
    if (a->autostart)
        f |= VIR_CONNECT_LIST_DOMAINS_AUTOSTART;
    if (a->no_autostart)
        f |= VIR_CONNECT_LIST_DOMAINS_NO_AUTOSTART;
    /* Like virsh: with no state filter, only running domains. */
    if (!(f & (VIR_CONNECT_LIST_DOMAINS_ACTIVE | VIR_CONNECT_LIST_DOMAINS_INACTIVE |
               VIR_CONNECT_LIST_DOMAINS_RUNNING | VIR_CONNECT_LIST_DOMAINS_PAUSED |
               VIR_CONNECT_LIST_DOMAINS_SHUTOFF | VIR_CONNECT_LIST_DOMAINS_OTHER)))
        f |= VIR_CONNECT_LIST_DOMAINS_ACTIVE;
    return f;
}

/* The UUIDs of the domains matching `flags`, for one bulk membership test. */
static struct json_object *uuid_set(virConnectPtr c, unsigned int flags)
{
    virDomainPtr *doms = NULL;
    int n = virConnectListAllDomains(c, &doms, flags);
    if (n < 0)
        return NULL;
    struct json_object *set = json_object_new_object();
    for (int i = 0; i < n; i++) {
        char uuid[VIR_UUID_STRING_BUFLEN];
        virDomainGetUUIDString(doms[i], uuid);
        json_object_object_add(set, uuid, NULL);
        virDomainFree(doms[i]);
    }
    free(doms);
    return set;
}

/*
 * One call lists the domains with their state (virConnectGetAllDomainStats);
 * persistence and autostart, shown in JSON, cost one bulk call each, never one
 * per domain.  Only --title asks every domain for its metadata.
 */
static int cmd_monitor_list(struct shell *sh, void *opaque)
{
    struct list_args *a = opaque;
    unsigned int flags = list_flags(a);
    virDomainStatsRecordPtr *stats = NULL;
    /* The stats call takes no autostart filter: apply it from one bulk list. */
    const unsigned int autoflags = VIR_CONNECT_LIST_DOMAINS_AUTOSTART |
                                   VIR_CONNECT_LIST_DOMAINS_NO_AUTOSTART;
    _cleanup_json_ struct json_object *keep = NULL;
    if ((flags & autoflags) && !(keep = uuid_set(sh->conn, flags)))
        return err_libvirt(sh, "cannot list domains");
    int n = virConnectGetAllDomainStats(sh->conn, VIR_DOMAIN_STATS_STATE, &stats,
                                        flags & ~autoflags);
    if (n < 0)
        return err_libvirt(sh, "cannot list domains");

    struct list_row *rows = xcalloc((size_t)n + 1, sizeof(*rows));
    int kept = 0;
    for (int i = 0; i < n; i++) {
        char u[VIR_UUID_STRING_BUFLEN];
        virDomainGetUUIDString(stats[i]->dom, u);
        if (keep && !json_object_object_get_ex(keep, u, NULL))
            continue;
        rows[kept].dom = stats[i]->dom;
        rows[kept].id = virDomainGetID(stats[i]->dom);
        rows[kept].state = VIR_DOMAIN_NOSTATE;
        for (int k = 0; k < stats[i]->nparams; k++)
            if (str_eq(stats[i]->params[k].field, "state.state"))
                rows[kept].state = stats[i]->params[k].value.i;
        kept++;
    }
    n = kept;
    qsort(rows, (size_t)n, sizeof(*rows), row_cmp);

    _cleanup_json_ struct json_object *persistent = NULL, *autostart = NULL;
    bool json = sh->out.mode == OUT_JSON;
    if (json && !a->name && !a->uuid && !a->id) {
        /* Drop the filter of the same kind: --transient | PERSISTENT would match all. */
        persistent = uuid_set(sh->conn, (flags & ~VIR_CONNECT_LIST_DOMAINS_TRANSIENT) |
                                            VIR_CONNECT_LIST_DOMAINS_PERSISTENT);
        autostart = uuid_set(sh->conn, (flags & ~VIR_CONNECT_LIST_DOMAINS_NO_AUTOSTART) |
                                           VIR_CONNECT_LIST_DOMAINS_AUTOSTART);
        virResetLastError();
    }

    _cleanup_json_ struct json_object *arr = json_object_new_array();
    for (int i = 0; i < n; i++) {
        virDomainPtr d = rows[i].dom;
        char uuid[VIR_UUID_STRING_BUFLEN];
        virDomainGetUUIDString(d, uuid);
        if (a->name || a->uuid || a->id) {
            if (a->id && rows[i].id == (unsigned int)-1)
                continue;
            json_object_array_add(arr, a->id ? json_object_new_int64(rows[i].id)
                                             : json_object_new_string(a->name ? virDomainGetName(d) : uuid));
            continue;
        }
        /* One array per row, in the order of `keys` below. */
        struct json_object *o = json_object_new_array_ext(7);
        json_object_array_add(o, rows[i].id == (unsigned int)-1 ? NULL
                                                                : json_object_new_int64(rows[i].id));
        json_object_array_add(o, json_object_new_string(virDomainGetName(d)));
        json_object_array_add(o, json_object_new_string(uuid));
        json_object_array_add(o, json_object_new_string(out_state_word(rows[i].state)));
        if (persistent)
            json_object_array_add(o, json_object_new_boolean(json_object_object_get_ex(persistent, uuid, NULL)));
        if (autostart)
            json_object_array_add(o, json_object_new_boolean(json_object_object_get_ex(autostart, uuid, NULL)));
        if (a->title) {
            char *t = virDomainGetMetadata(d, VIR_DOMAIN_METADATA_TITLE, NULL, 0);
            virResetLastError();
            json_object_array_add(o, json_object_new_string(t ? t : ""));
            free(t);
        }
        json_object_array_add(arr, o);
    }
    free(rows);
    virDomainStatsRecordListFree(stats);

    if (a->name || a->uuid || a->id) {
        if (json) {
            out_value(&sh->out, arr, "");
        } else {
            for (size_t i = 0; i < json_object_array_length(arr); i++)
                fprintf(sh->out.fp, "%s\n", json_object_get_string(json_object_array_get_idx(arr, i)));
            fputc('\n', sh->out.fp);
        }
        return CMD_OK;
    }
    static const struct out_col cols[] = {
        { "id", "Id", FMT_PLAIN },
        { "name", "Name", FMT_PLAIN },
        { "state", "State", FMT_STATE },
        { "title", "Title", FMT_PLAIN },
    };
    const char *keys[7] = { "id", "name", "uuid", "state" };
    size_t nkeys = 4;
    if (persistent)
        keys[nkeys++] = "persistent";
    if (autostart)
        keys[nkeys++] = "autostart";
    if (a->title)
        keys[nkeys++] = "title";
    out_table_rows(&sh->out, arr, keys, nkeys, cols, a->title ? 4 : 3);
    return CMD_OK;
}

struct dom_args {
    const char *domain;
};

static int cmd_monitor_dominfo(struct shell *sh, void *opaque)
{
    struct dom_args *a = opaque;
    _cleanup_domain_ virDomainPtr d = conn_lookup_domain(sh, a->domain);
    virDomainInfo info;
    if (!d)
        return CMD_FAILED;
    if (virDomainGetInfo(d, &info) < 0)
        return err_libvirt(sh, "cannot get information on domain '%s'", a->domain);

    _cleanup_json_ struct json_object *o = domain_ident_json(d);
    _cleanup_free_ char *ostype = domcache_os_type(sh->domcache, d);
    json_object_object_add(o, "os_type", ostype ? json_object_new_string(ostype) : NULL);
    json_object_object_add(o, "state", json_object_new_string(out_state_word(info.state)));
    json_object_object_add(o, "cpus", json_object_new_int64(info.nrVirtCpu));
    if (info.cpuTime)
        json_object_object_add(o, "cpu_time_ns", json_object_new_uint64(info.cpuTime));
    json_object_object_add(o, "max_memory_kib", json_object_new_uint64(info.maxMem));
    json_object_object_add(o, "used_memory_kib", json_object_new_uint64(info.memory));
    int persistent = domcache_persistent(sh->domcache, d);
    if (persistent >= 0)
        json_object_object_add(o, "persistent", json_object_new_boolean(persistent));
    int autostart;
    if (virDomainGetAutostart(d, &autostart) == 0)
        json_object_object_add(o, "autostart", json_object_new_boolean(autostart));
    int msave = virDomainHasManagedSaveImage(d, 0);
    if (msave >= 0)
        json_object_object_add(o, "managed_save", json_object_new_boolean(msave));
    virSecurityModelPtr model = conn_security_model(sh);
    if (model && model->model[0]) {
        json_object_object_add(o, "security_model", json_object_new_string(model->model));
        json_object_object_add(o, "security_doi", json_object_new_string(model->doi));
        virSecurityLabel label;
        /* Only a running domain has a label: no round trip for the others. */
        bool active = info.state != VIR_DOMAIN_SHUTOFF && info.state != VIR_DOMAIN_NOSTATE;
        if (active && virDomainGetSecurityLabel(d, &label) == 0 && label.label[0]) {
            _cleanup_free_ char *l = xasprintf("%s (%s)", label.label,
                                               label.enforcing ? "enforcing" : "permissive");
            json_object_object_add(o, "security_label", json_object_new_string(l));
        }
    }
    virResetLastError();

    static const struct out_field f[] = {
        { "id", "Id", FMT_PLAIN },
        { "name", "Name", FMT_PLAIN },
        { "uuid", "UUID", FMT_PLAIN },
        { "os_type", "OS Type", FMT_PLAIN },
        { "state", "State", FMT_STATE },
        { "cpus", "CPU(s)", FMT_PLAIN },
        { "cpu_time_ns", "CPU time", FMT_SECONDS },
        { "max_memory_kib", "Max memory", FMT_KIB },
        { "used_memory_kib", "Used memory", FMT_KIB },
        { "persistent", "Persistent", FMT_YESNO },
        { "autostart", "Autostart", FMT_ENABLE },
        { "managed_save", "Managed save", FMT_YESNO },
        { "security_model", "Security model", FMT_PLAIN },
        { "security_doi", "Security DOI", FMT_PLAIN },
        { "security_label", "Security label", FMT_PLAIN },
    };
    out_fields(&sh->out, o, f, ARRAY_SIZE(f));
    return CMD_OK;
}

struct domstate_args {
    const char *domain;
    bool reason;
};

static int cmd_monitor_domstate(struct shell *sh, void *opaque)
{
    struct domstate_args *a = opaque;
    _cleanup_domain_ virDomainPtr d = conn_lookup_domain(sh, a->domain);
    int state, reason;
    if (!d)
        return CMD_FAILED;
    if (virDomainGetState(d, &state, &reason, 0) < 0)
        return err_libvirt(sh, "cannot get the state of domain '%s'", a->domain);

    const char *word = out_state_word(state);
    const char *why = domain_reason_word(state, reason);
    _cleanup_json_ struct json_object *o = json_object_new_object();
    json_object_object_add(o, "state", json_object_new_string(word));
    json_object_object_add(o, "reason", json_object_new_string(why));
    _cleanup_free_ char *text = NULL;
    if (a->reason) {
        _cleanup_free_ char *spaced = xstrdup(why);
        for (char *p = spaced; *p; p++)
            if (*p == '-')
                *p = ' ';
        text = xasprintf("%s (%s)\n", out_state_text(word), spaced);
    } else {
        text = xasprintf("%s\n", out_state_text(word));
    }
    out_value(&sh->out, o, text);
    return CMD_OK;
}

enum ident_kind { IDENT_ID, IDENT_NAME, IDENT_UUID };

static int print_ident(struct shell *sh, const char *ident, enum ident_kind kind)
{
    _cleanup_domain_ virDomainPtr d = conn_lookup_domain(sh, ident);
    if (!d)
        return CMD_FAILED;
    _cleanup_json_ struct json_object *o = domain_ident_json(d);
    _cleanup_free_ char *text = NULL;
    char uuid[VIR_UUID_STRING_BUFLEN];
    unsigned int id = virDomainGetID(d);
    switch (kind) {
    case IDENT_ID:
        text = id == (unsigned int)-1 ? xstrdup("-") : xasprintf("%u", id);
        break;
    case IDENT_NAME:
        text = xstrdup(virDomainGetName(d));
        break;
    case IDENT_UUID:
        virDomainGetUUIDString(d, uuid);
        text = xstrdup(uuid);
        break;
    }
    out_value(&sh->out, o, text);
    return CMD_OK;
}

static int cmd_monitor_domid(struct shell *sh, void *opaque)
{
    return print_ident(sh, ((struct dom_args *)opaque)->domain, IDENT_ID);
}

static int cmd_monitor_domname(struct shell *sh, void *opaque)
{
    return print_ident(sh, ((struct dom_args *)opaque)->domain, IDENT_NAME);
}

static int cmd_monitor_domuuid(struct shell *sh, void *opaque)
{
    return print_ident(sh, ((struct dom_args *)opaque)->domain, IDENT_UUID);
}

#define LIST_BOOL(field, what) \
    { .name = #field, .type = OPT_BOOL, .offset = offsetof(struct list_args, field), .help = what }

const struct cmd_group cmd_group_monitor = {
    .name = "monitor",
    .title = "Domain monitoring",
    .cmds = (const struct cmd_def[]){
        { .name = "list", .summary = "list domains",
          .desc = "Without a filter, only running domains are listed. Filters of one kind (state, "
                  "persistence, autostart) combine with OR, different kinds with AND.",
          .run = cmd_monitor_list, .args_size = sizeof(struct list_args),
          .opts = OPTS(LIST_BOOL(all, "active and inactive domains"),
                       LIST_BOOL(inactive, "inactive domains"),
                       { .name = "state-running", .type = OPT_BOOL,
                         .offset = offsetof(struct list_args, state_running), .help = "running domains" },
                       { .name = "state-paused", .type = OPT_BOOL,
                         .offset = offsetof(struct list_args, state_paused), .help = "paused domains" },
                       { .name = "state-shutoff", .type = OPT_BOOL,
                         .offset = offsetof(struct list_args, state_shutoff), .help = "shut off domains" },
                       { .name = "state-other", .type = OPT_BOOL,
                         .offset = offsetof(struct list_args, state_other),
                         .help = "domains in any other state" },
                       LIST_BOOL(persistent, "persistent domains"),
                       LIST_BOOL(transient, "transient domains"),
                       LIST_BOOL(autostart, "domains that start with the host"),
                       { .name = "no-autostart", .type = OPT_BOOL,
                         .offset = offsetof(struct list_args, no_autostart),
                         .help = "domains that do not start with the host" },
                       { .name = "name", .type = OPT_BOOL, .offset = offsetof(struct list_args, name),
                         .help = "print names only", .excl = 1 },
                       { .name = "uuid", .type = OPT_BOOL, .offset = offsetof(struct list_args, uuid),
                         .help = "print UUIDs only", .excl = 1 },
                       { .name = "id", .type = OPT_BOOL, .offset = offsetof(struct list_args, id),
                         .help = "print IDs of running domains only", .excl = 1 },
                       LIST_BOOL(title, "add a column with each domain's title")) },
        { .name = "dominfo", .summary = "show a domain's basic information",
          .run = cmd_monitor_dominfo, .args_size = sizeof(struct dom_args),
          .opts = OPTS(ARG_DOMAIN(struct dom_args, domain, COMPL_DOMAIN)) },
        { .name = "domstate", .summary = "show a domain's state",
          .run = cmd_monitor_domstate, .args_size = sizeof(struct domstate_args),
          .opts = OPTS(ARG_DOMAIN(struct domstate_args, domain, COMPL_DOMAIN),
                       { .name = "reason", .type = OPT_BOOL,
                         .offset = offsetof(struct domstate_args, reason),
                         .help = "also show why it is in that state" }) },
        { .name = "domid", .summary = "print a domain's ID", .run = cmd_monitor_domid,
          .args_size = sizeof(struct dom_args),
          .opts = OPTS(ARG_DOMAIN(struct dom_args, domain, COMPL_DOMAIN)) },
        { .name = "domname", .summary = "print a domain's name", .run = cmd_monitor_domname,
          .args_size = sizeof(struct dom_args),
          .opts = OPTS(ARG_DOMAIN(struct dom_args, domain, COMPL_DOMAIN)) },
        { .name = "domuuid", .summary = "print a domain's UUID", .run = cmd_monitor_domuuid,
          .args_size = sizeof(struct dom_args),
          .opts = OPTS(ARG_DOMAIN(struct dom_args, domain, COMPL_DOMAIN)) },
        { 0 },
    },
};
