/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* cmd/monitor.c - looking at domains: list, dominfo, domstate, domid, domname, domuuid. */
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
#include <string.h>

#include "core/util.h"
#include "virt/conn.h"
#include "virt/context.h"
#include "virt/domain.h"
#include "virt/domcache.h"
#include "virt/err.h"
#include "virt/hostobj.h"
#include "cmd/groups.h"
#include "cmd/monitor-stats.h"

struct list_args {
    bool all, inactive;
    bool state_running, state_paused, state_shutoff, state_other;
    bool persistent, transient, autostart, no_autostart;
    bool with_snapshot, without_snapshot, with_checkpoint, without_checkpoint;
    bool with_managed_save, without_managed_save;
    bool name, uuid, id, table, managed_save, title, addresses;
};

struct list_row {
    virDomainPtr dom;
    /* Its name, asked once: every libvirt call on a domain formats its UUID
     * for a debug message, and sorting asks for names n log n times. */
    const char *name;
    int state;
    unsigned int id;
    bool persistent, autostart, saved;
    char *title;
    struct json_object *addrs; /* --addresses: from the DHCP leases */
};

static int row_cmp(const void *a, const void *b)
{
    const struct list_row *x = a, *y = b;
    bool xa = x->id != (unsigned int)-1, ya = y->id != (unsigned int)-1;
    if (xa != ya)
        return xa ? -1 : 1; /* running ones first, by ID; then the rest by name */
    if (xa)
        return x->id < y->id ? -1 : x->id > y->id;
    return strcmp(x->name, y->name);
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
    if (a->with_snapshot)
        f |= VIR_CONNECT_LIST_DOMAINS_HAS_SNAPSHOT;
    if (a->without_snapshot)
        f |= VIR_CONNECT_LIST_DOMAINS_NO_SNAPSHOT;
    if (a->with_checkpoint)
        f |= VIR_CONNECT_LIST_DOMAINS_HAS_CHECKPOINT;
    if (a->without_checkpoint)
        f |= VIR_CONNECT_LIST_DOMAINS_NO_CHECKPOINT;
    if (a->with_managed_save)
        f |= VIR_CONNECT_LIST_DOMAINS_MANAGEDSAVE;
    if (a->without_managed_save)
        f |= VIR_CONNECT_LIST_DOMAINS_NO_MANAGEDSAVE;
    /* Like virsh: with no state filter, only running domains. */
    if (!(f & (VIR_CONNECT_LIST_DOMAINS_ACTIVE | VIR_CONNECT_LIST_DOMAINS_INACTIVE |
               VIR_CONNECT_LIST_DOMAINS_RUNNING | VIR_CONNECT_LIST_DOMAINS_PAUSED |
               VIR_CONNECT_LIST_DOMAINS_SHUTOFF | VIR_CONNECT_LIST_DOMAINS_OTHER)))
        f |= VIR_CONNECT_LIST_DOMAINS_ACTIVE;
    return f;
}

/* The UUIDs of the domains matching some flags, sorted, for membership
 * tests: 16 bytes a domain. */
struct uuid_set {
    unsigned char (*uuid)[VIR_UUID_BUFLEN];
    size_t n;
};

static int uuid_cmp(const void *a, const void *b)
{
    return memcmp(a, b, VIR_UUID_BUFLEN);
}

/* The domains of `flags` that also have the property `with`, as one bulk
 * call: the filter of the same kind is dropped (--transient | PERSISTENT
 * would match all).  -1 with libvirt's error set. */
static int uuid_set_fill(struct uuid_set *set, virConnectPtr c, unsigned int flags,
                         unsigned int with, unsigned int without)
{
    flags = (flags & ~without) | with;
    virDomainPtr *doms = NULL;
    int n = virConnectListAllDomains(c, &doms, flags);
    if (n < 0)
        return -1;
    set->uuid = xcalloc((size_t)n + 1, sizeof(*set->uuid));
    set->n = 0;
    for (int i = 0; i < n; i++) {
        if (virDomainGetUUID(doms[i], set->uuid[set->n]) == 0)
            set->n++;
        virDomainFree(doms[i]);
    }
    free(doms);
    qsort(set->uuid, set->n, sizeof(*set->uuid), uuid_cmp);
    return 0;
}

static bool uuid_set_has(const struct uuid_set *set, virDomainPtr d)
{
    unsigned char u[VIR_UUID_BUFLEN];
    return set->uuid && virDomainGetUUID(d, u) == 0 &&
           bsearch(u, set->uuid, set->n, sizeof(*set->uuid), uuid_cmp);
}

static void uuid_set_clear(struct uuid_set *set)
{
    free(set->uuid);
    set->uuid = NULL;
}

/* What one listing shows; the rows of the table are made from it one at a
 * time (out_table_gen), in the order of list_keys. */
struct listing {
    struct list_row *rows;
    bool json;
    bool flagged;      /* persistent and autostart are known */
    bool title, saved; /* --title, --managed-save */
    bool addrs;        /* --addresses */
};

static const char *const list_keys[] = {
    "id", "name", "uuid", "state", "persistent", "autostart", "title", "managed_save", "addresses",
};

static struct json_object *listing_row(void *opaque, size_t r)
{
    const struct listing *l = opaque;
    const struct list_row *row = &l->rows[r];
    char uuid[VIR_UUID_STRING_BUFLEN] = "";
    virDomainGetUUIDString(row->dom, uuid);
    /* The table shows a shut off domain with a managed save image as
     * "saved" (virsh's --managed-save); JSON keeps the state and says so. */
    const char *state = domain_state_word(row->state);
    if (!l->json && l->saved && row->saved && row->state == VIR_DOMAIN_SHUTOFF)
        state = "saved";
    struct json_object *o = json_object_new_array_ext(ARRAY_SIZE(list_keys));
    json_object_array_add(o, row->id == (unsigned int)-1 ? NULL : json_object_new_int64(row->id));
    json_object_array_add(o, json_object_new_string(row->name));
    json_object_array_add(o, json_object_new_string(uuid));
    json_object_array_add(o, json_object_new_string(state));
    json_object_array_add(o, l->flagged ? json_object_new_boolean(row->persistent) : NULL);
    json_object_array_add(o, l->flagged ? json_object_new_boolean(row->autostart) : NULL);
    if (l->title)
        json_object_array_add(o, row->title && *row->title ? json_object_new_string(row->title)
                                                           : NULL);
    if (l->saved)
        json_object_array_add(o, json_object_new_boolean(row->saved));
    if (l->addrs)
        json_object_array_add(o, hostobj_addresses_value(row->addrs, l->json));
    return o;
}

/* --uuid, --id, --name: in text the chosen ones side by side, in virsh's
 * order; in JSON (one of them) its values. */
struct listing_column {
    struct list_row *rows;
    const struct list_args *a;
};

static struct json_object *listing_value(void *opaque, size_t r)
{
    const struct listing_column *l = opaque;
    const struct list_row *row = &l->rows[r];
    char uuid[VIR_UUID_STRING_BUFLEN] = "";
    bool active = row->id != (unsigned int)-1;
    if (l->a->id && !l->a->uuid && !l->a->name)
        return json_object_new_int64(row->id);
    if (l->a->name && !l->a->uuid && !l->a->id)
        return json_object_new_string(row->name);
    virDomainGetUUIDString(row->dom, uuid);
    if (!l->a->id && !l->a->name)
        return json_object_new_string(uuid);
    char id[16] = "-";
    if (active)
        snprintf(id, sizeof(id), "%u", row->id);
    _cleanup_free_ char *line = xasprintf("%s%s%s%s%s", l->a->uuid ? uuid : "",
                                          l->a->uuid && l->a->id ? " " : "", l->a->id ? id : "",
                                          (l->a->uuid || l->a->id) && l->a->name ? " " : "",
                                          l->a->name ? row->name : "");
    return json_object_new_string(line);
}

/* Up to this many domains on the host a listing is one stats call (the
 * fastest way).  One reply for many more domains is held three times over
 * for a moment (the message, its decoded form, libvirt's records: some
 * 0.6 KB a domain), so larger hosts get a bulk list of handles and stats
 * calls of LIST_STATS_CHUNK domains, each freed before the next: half again
 * as long, a bounded peak. */
#define LIST_ONE_CALL_MAX 1000
#define LIST_STATS_CHUNK 500

/* The state in a record of VIR_DOMAIN_STATS_STATE. */
static int record_state(const virDomainStatsRecord *rec)
{
    for (int p = 0; p < rec->nparams; p++)
        if (str_eq(rec->params[p].field, "state.state"))
            return rec->params[p].value.i;
    return VIR_DOMAIN_NOSTATE;
}

/* The states of rows[0..n) from stats calls of LIST_STATS_CHUNK domains;
 * a domain gone since it was listed keeps -1.  -1 with libvirt's error set. */
static int chunked_states(struct list_row *rows, size_t n)
{
    virDomainPtr doms[LIST_STATS_CHUNK + 1];
    for (size_t from = 0; from < n; from += LIST_STATS_CHUNK) {
        size_t len = n - from < LIST_STATS_CHUNK ? n - from : LIST_STATS_CHUNK;
        virDomainStatsRecordPtr *stats = NULL;
        for (size_t i = 0; i < len; i++)
            doms[i] = rows[from + i].dom;
        doms[len] = NULL;
        int got = virDomainListGetStats(doms, VIR_DOMAIN_STATS_STATE, &stats, 0);
        if (got < 0)
            return -1;
        /* Records come in the order asked, without the domains gone since:
         * look for each from where the last one was. */
        size_t k = 0;
        for (int r = 0; r < got; r++) {
            unsigned char want[VIR_UUID_BUFLEN], have[VIR_UUID_BUFLEN];
            virDomainGetUUID(stats[r]->dom, want);
            for (size_t tries = 0; tries < len; tries++, k = (k + 1) % len) {
                virDomainGetUUID(rows[from + k].dom, have);
                if (memcmp(want, have, sizeof(want)) == 0) {
                    rows[from + k].state = record_state(stats[r]);
                    break;
                }
            }
        }
        virDomainStatsRecordListFree(stats);
    }
    return 0;
}

/* How many domains the host has, or -1 with libvirt's error set. */
static long host_domains(virConnectPtr c)
{
    int active = virConnectNumOfDomains(c);
    int inactive = active < 0 ? -1 : virConnectNumOfDefinedDomains(c);
    return inactive < 0 ? -1 : (long)active + inactive;
}

/* The domains matching `flags` with their states, in *out (each row owns
 * its handle).  The number of rows, or -1 with libvirt's error set. */
static int list_rows(virConnectPtr c, unsigned int flags, struct list_row **out)
{
    /* The stats call takes no autostart, managed save, snapshot or
     * checkpoint filter: those go the long way. */
    const unsigned int autoflags =
        VIR_CONNECT_LIST_DOMAINS_AUTOSTART | VIR_CONNECT_LIST_DOMAINS_NO_AUTOSTART |
        VIR_CONNECT_LIST_DOMAINS_MANAGEDSAVE | VIR_CONNECT_LIST_DOMAINS_NO_MANAGEDSAVE |
        VIR_CONNECT_LIST_DOMAINS_HAS_SNAPSHOT | VIR_CONNECT_LIST_DOMAINS_NO_SNAPSHOT |
        VIR_CONNECT_LIST_DOMAINS_HAS_CHECKPOINT | VIR_CONNECT_LIST_DOMAINS_NO_CHECKPOINT;
    struct list_row *rows;
    size_t n = 0;
    long on_host = flags & autoflags ? LIST_ONE_CALL_MAX + 1 : host_domains(c);
    if (on_host < 0)
        return -1;
    if (on_host <= LIST_ONE_CALL_MAX) {
        virDomainStatsRecordPtr *stats = NULL;
        int got = virConnectGetAllDomainStats(c, VIR_DOMAIN_STATS_STATE, &stats, flags);
        if (got < 0)
            return -1;
        rows = xcalloc((size_t)got + 1, sizeof(*rows));
        for (int i = 0; i < got; i++) {
            virDomainRef(stats[i]->dom);
            rows[n++] = (struct list_row){ .dom = stats[i]->dom,
                                           .name = virDomainGetName(stats[i]->dom),
                                           .id = virDomainGetID(stats[i]->dom),
                                           .state = record_state(stats[i]) };
        }
        virDomainStatsRecordListFree(stats);
        *out = rows;
        return (int)n;
    }

    virDomainPtr *doms = NULL;
    int got = virConnectListAllDomains(c, &doms, flags);
    if (got < 0)
        return -1;
    rows = xcalloc((size_t)got + 1, sizeof(*rows));
    for (int i = 0; i < got; i++)
        rows[i] = (struct list_row){ .dom = doms[i], .name = virDomainGetName(doms[i]),
                                     .id = virDomainGetID(doms[i]), .state = -1 };
    free(doms);
    if (chunked_states(rows, (size_t)got) < 0) {
        for (int i = 0; i < got; i++)
            virDomainFree(rows[i].dom);
        free(rows);
        return -1;
    }
    /* Without the domains gone since they were listed. */
    for (int i = 0; i < got; i++) {
        if (rows[i].state >= 0)
            rows[n++] = rows[i];
        else
            virDomainFree(rows[i].dom);
    }
    *out = rows;
    return (int)n;
}

/* What JSON adds to each row (persistence, autostart) and --managed-save
 * to the table, one bulk call each, never one per domain.  Sets l->flagged
 * when the first two are known. */
static void list_properties(struct shell *sh, unsigned int flags, struct list_row *rows, int n,
                            struct listing *l)
{
    struct uuid_set persistent = { 0 }, autostart = { 0 }, saved = { 0 };
    if (l->json &&
        (uuid_set_fill(&persistent, sh->conn, flags, VIR_CONNECT_LIST_DOMAINS_PERSISTENT,
                       VIR_CONNECT_LIST_DOMAINS_TRANSIENT) < 0 ||
         uuid_set_fill(&autostart, sh->conn, flags, VIR_CONNECT_LIST_DOMAINS_AUTOSTART,
                       VIR_CONNECT_LIST_DOMAINS_NO_AUTOSTART) < 0))
        uuid_set_clear(&persistent); /* unknown: null */
    if (l->saved && uuid_set_fill(&saved, sh->conn, flags, VIR_CONNECT_LIST_DOMAINS_MANAGEDSAVE,
                                  VIR_CONNECT_LIST_DOMAINS_NO_MANAGEDSAVE) < 0)
        uuid_set_clear(&saved);
    virResetLastError();
    l->flagged = persistent.uuid != NULL; /* both sets, or neither */
    for (int i = 0; i < n; i++) {
        rows[i].persistent = uuid_set_has(&persistent, rows[i].dom);
        rows[i].autostart = uuid_set_has(&autostart, rows[i].dom);
        rows[i].saved = uuid_set_has(&saved, rows[i].dom);
    }
    uuid_set_clear(&persistent);
    uuid_set_clear(&autostart);
    uuid_set_clear(&saved);
}

/* Print the listing: a table, or the chosen identifiers of each domain. */
static void list_print(struct shell *sh, const struct list_args *a, struct list_row *rows,
                       size_t shown, struct listing *l)
{
    static const struct out_col cols[] = {
        { "id", "Id", FMT_PLAIN },
        { "name", "Name", FMT_PLAIN },
        { "state", "State", FMT_WORDS, domain_state_words },
        { "title", "Title", FMT_TEXT },
        { "addresses", "Address", FMT_PLAIN },
    };
    size_t selectors = a->name + a->uuid + a->id;
    if (selectors == 0 || (l->json && selectors > 1)) {
        size_t nkeys = 6, ncols = 3;
        const char *keys[ARRAY_SIZE(list_keys)];
        memcpy(keys, list_keys, 6 * sizeof(*keys));
        struct out_col shown_cols[ARRAY_SIZE(cols)] = { cols[0], cols[1], cols[2] };
        if (l->title) {
            keys[nkeys++] = "title";
            shown_cols[ncols++] = cols[3];
        }
        if (l->saved)
            keys[nkeys++] = "managed_save";
        if (l->addrs) {
            keys[nkeys++] = "addresses";
            shown_cols[ncols++] = cols[4];
        }
        out_table_gen(&sh->out, shown, listing_row, l, keys, nkeys, shown_cols, ncols);
    } else {
        struct listing_column lc = { rows, a };
        out_list_gen(&sh->out, shown, listing_value, &lc);
    }
}

/*
 * The domains and their states come from one stats call, or on large hosts
 * from a bulk list and stats calls by chunks (list_rows); what JSON and
 * --managed-save add, from bulk calls (list_properties).  Only --title asks
 * every domain for its metadata.  What stays is a domain handle and a few
 * numbers a row; each row of the output is made as it is printed.
 */
static int cmd_monitor_list(struct shell *sh, void *opaque)
{
    struct list_args *a = opaque;
    unsigned int flags = list_flags(a);
    struct list_row *rows = NULL;
    int n = list_rows(sh->conn, flags, &rows);
    if (n < 0)
        return err_libvirt(sh, "cannot list domains");
    bool columns = !a->name && !a->uuid && !a->id;
    struct listing l = { .rows = rows, .json = sh->out.mode == OUT_JSON,
                         .title = columns && a->title, .saved = columns && a->managed_save,
                         .addrs = columns && a->addresses };
    list_properties(sh, flags, rows, n, &l);
    size_t count = (size_t)n, shown = count;
    qsort(rows, count, sizeof(*rows), row_cmp);
    if (a->id && !a->name && !a->uuid) { /* inactive domains have no ID to show */
        shown = 0;
        while (shown < count && rows[shown].id != (unsigned int)-1)
            shown++;
    }
    for (size_t i = 0; l.addrs && i < shown; i++)
        rows[i].addrs = hostobj_lease_addresses(rows[i].dom);
    for (size_t i = 0; l.title && i < shown; i++) {
        rows[i].title = virDomainGetMetadata(rows[i].dom, VIR_DOMAIN_METADATA_TITLE, NULL, 0);
        virResetLastError();
    }
    list_print(sh, a, rows, shown, &l);
    for (size_t i = 0; i < count; i++) {
        free(rows[i].title);
        json_object_put(rows[i].addrs);
        virDomainFree(rows[i].dom);
    }
    free(rows);
    return CMD_OK;
}

struct dom_args {
    const char *domain;
};

/* The domain's messages (taint flags, deprecation notes) into o's
 * "messages": an array, null where the driver cannot tell. */
static void dominfo_messages(virDomainPtr d, struct json_object *o)
{
    char **msgs = NULL;
    int n = virDomainGetMessages(d, &msgs, 0);
    struct json_object *arr = n < 0 ? NULL : json_object_new_array();
    for (int i = 0; i < n; i++) {
        json_object_array_add(arr, json_object_new_string(msgs[i]));
        free(msgs[i]);
    }
    free(msgs);
    virResetLastError();
    json_object_object_add(o, "messages", arr);
}

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
    json_object_object_add(o, "state", json_object_new_string(domain_state_word(info.state)));
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
        json_object_object_add(o, "security_doi",
                               model->doi[0] ? json_object_new_string(model->doi) : NULL);
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
    static const char *const maybe[] = { "security_model", "security_doi", "security_label" };
    for (size_t i = 0; sh->out.mode == OUT_JSON && i < ARRAY_SIZE(maybe); i++)
        if (!json_object_object_get_ex(o, maybe[i], NULL))
            json_object_object_add(o, maybe[i], NULL); /* in place, before messages */
    dominfo_messages(d, o);

    static const struct out_field f[] = {
        { "id", "Id", FMT_PLAIN },
        { "name", "Name", FMT_PLAIN },
        { "uuid", "UUID", FMT_PLAIN },
        { "os_type", "OS Type", FMT_PLAIN },
        { "state", "State", FMT_WORDS, domain_state_words },
        { "cpus", "CPU(s)", FMT_PLAIN },
        { "cpu_time_ns", "CPU time", FMT_SECONDS },
        { "max_memory_kib", "Max memory", FMT_KIB },
        { "used_memory_kib", "Used memory", FMT_KIB },
        { "persistent", "Persistent", FMT_YESNO },
        { "autostart", "Autostart", FMT_ENABLE },
        { "managed_save", "Managed save", FMT_YESNO },
        { "security_model", "Security model", FMT_PLAIN },
        { "security_doi", "Security DOI", FMT_TEXT }, /* null: empty, as virsh */
        { "security_label", "Security label", FMT_PLAIN },
    };
    out_fields(&sh->out, o, f, ARRAY_SIZE(f));
    /* virsh: the first message after "Messages:", the others below it. */
    struct json_object *m = json_object_object_get(o, "messages");
    for (size_t i = 0; sh->out.mode == OUT_TEXT && i < json_object_array_length(m); i++)
        fprintf(sh->out.fp, "%-15s %s\n", i ? "" : "Messages:",
                json_object_get_string(json_object_array_get_idx(m, i)));
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

    const char *word = domain_state_word(state);
    const char *why = domain_reason_word(state, reason);
    _cleanup_json_ struct json_object *o = domain_ident_json(d);
    json_object_object_add(o, "state", json_object_new_string(word));
    json_object_object_add(o, "reason", json_object_new_string(why));
    _cleanup_free_ char *text = NULL;
    if (a->reason) {
        _cleanup_free_ char *spaced = xstrdup(why);
        for (char *p = spaced; *p; p++)
            if (*p == '_')
                *p = ' ';
        text = xasprintf("%s (%s)\n", domain_state_text(word), spaced);
    } else {
        text = xasprintf("%s\n", domain_state_text(word));
    }
    out_value(&sh->out, o, text);
    return CMD_OK;
}

enum ident_kind { IDENT_ID, IDENT_NAME, IDENT_UUID };

static int print_ident(struct shell *sh, const char *ident, enum ident_kind kind)
{
    /* As virsh: each by the two other kinds of identifier ("domid 2" is
     * the domain named "2"). */
    static const unsigned by[] = {
        [IDENT_ID] = LOOKUP_NAME | LOOKUP_UUID,
        [IDENT_NAME] = LOOKUP_ID | LOOKUP_UUID,
        [IDENT_UUID] = LOOKUP_ID | LOOKUP_NAME,
    };
    _cleanup_domain_ virDomainPtr d = conn_lookup_domain_by(sh, ident, by[kind]);
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

const struct cmd_group cmd_group_monitor = {
    .name = "monitor",
    .title = "Domain monitoring",
    .more = (const struct cmd_def *const[]){ monitor_stats_cmds, monitor_blk_cmds, monitor_top_cmds,
                                             NULL },
    .cmds = (const struct cmd_def[]){
        { .name = "list", .summary = "list domains",
          .desc = "Without a filter, only running domains are listed. Filters of one kind (state, "
                  "persistence, autostart) combine with OR, different kinds with AND.",
          .run = cmd_monitor_list, .args_size = sizeof(struct list_args),
          .result = RESULT_OR(RESULT_VALUES, RS_ARRAY,
              { "id", RT_INT | RT_NULL, "ID, null when not running" },
              { "name", RT_STRING, "name" },
              { "uuid", RT_STRING, "UUID" },
              { "state", RT_STRING, "state word (as dominfo's)" },
              { "persistent", RT_BOOL | RT_NULL, "has a persistent definition" },
              { "autostart", RT_BOOL | RT_NULL, "starts when the host boots" },
              { "title", RT_STRING | RT_NULL | RT_OPTIONAL, "--title: the title, null if none" },
              { "managed_save", RT_BOOL | RT_OPTIONAL,
                "--managed-save: has a managed save image" },
              { "addresses", RT_ARRAY | RT_NULL | RT_OPTIONAL,
                "--addresses: the running domain's addresses from the DHCP leases, null if none" },
              { "addresses[]", RT_STRING, "an address" }),
          .opts = OPTS(OPT_FLAG(struct list_args, "all", all, "active and inactive domains"),
                       OPT_FLAG(struct list_args, "inactive", inactive, "inactive domains"),
                       OPT_FLAG(struct list_args, "state-running", state_running, "running domains"),
                       OPT_FLAG(struct list_args, "state-paused", state_paused, "paused domains"),
                       OPT_FLAG(struct list_args, "state-shutoff", state_shutoff, "shut off domains"),
                       OPT_FLAG(struct list_args, "state-other", state_other, "domains in any other state"),
                       OPT_FLAG(struct list_args, "persistent", persistent, "persistent domains"),
                       OPT_FLAG(struct list_args, "transient", transient, "transient domains"),
                       OPT_FLAG(struct list_args, "autostart", autostart, "domains that start with the host"),
                       OPT_FLAG(struct list_args, "no-autostart", no_autostart,
                                "domains that do not start with the host"),
                       OPT_FLAG(struct list_args, "with-snapshot", with_snapshot,
                                "domains with snapshots"),
                       OPT_FLAG(struct list_args, "without-snapshot", without_snapshot,
                                "domains without snapshots"),
                       OPT_FLAG(struct list_args, "with-checkpoint", with_checkpoint,
                                "domains with checkpoints"),
                       OPT_FLAG(struct list_args, "without-checkpoint", without_checkpoint,
                                "domains without checkpoints"),
                       OPT_FLAG(struct list_args, "with-managed-save", with_managed_save,
                                "domains with a managed save image"),
                       OPT_FLAG(struct list_args, "without-managed-save", without_managed_save,
                                "domains without a managed save image"),
                       /* --table excludes --uuid (set 0), --name (1), --id (2) */
                       OPT_FLAG(struct list_args, "uuid", uuid,
                                "print UUIDs (with --id and --name: side by side)",
                                .excl = EXCL(0)),
                       OPT_FLAG(struct list_args, "name", name, "print names", .excl = EXCL(1)),
                       OPT_FLAG(struct list_args, "id", id,
                                "print IDs (alone: of running domains only)", .excl = EXCL(2)),
                       OPT_FLAG(struct list_args, "table", table, "print the table (the default)",
                                .excl = EXCL(0) | EXCL(1) | EXCL(2)),
                       OPT_FLAG(struct list_args, "managed-save", managed_save,
                                "table: show a shut off domain with a managed save image as "
                                "'saved'"),
                       OPT_FLAG(struct list_args, "title", title, "add a column with each domain's title"),
                       OPT_FLAG(struct list_args, "addresses", addresses,
                                "add a column with each running domain's addresses from the DHCP "
                                "leases of libvirt's networks (beyond virsh)")) },
        { .name = "dominfo", .summary = "show a domain's basic information",
          .run = cmd_monitor_dominfo, .args_size = sizeof(struct dom_args),
          .result = RESULT_OBJECT(
              DOMAIN_IDENT_FIELDS,
              { "os_type", RT_STRING | RT_NULL, "the guest OS type (hvm, linux, ...)" },
              { "state", RT_STRING, "running, blocked, paused, shutdown, shutoff, crashed, "
                                    "pmsuspended or nostate" },
              { "cpus", RT_INT, "number of virtual CPUs" },
              { "cpu_time_ns", RT_INT | RT_NULL, "CPU time used, null when none" },
              { "max_memory_kib", RT_INT, "maximum memory" },
              { "used_memory_kib", RT_INT, "current memory" },
              { "persistent", RT_BOOL | RT_NULL, "has a persistent definition" },
              { "autostart", RT_BOOL | RT_NULL, "starts when the host boots" },
              { "managed_save", RT_BOOL | RT_NULL, "has a managed save image" },
              { "security_model", RT_STRING | RT_NULL, "the host's security model, null if none" },
              { "security_doi", RT_STRING | RT_NULL, "its domain of interpretation" },
              { "security_label", RT_STRING | RT_NULL,
                "the running domain's label and mode, null when not running" },
              { "messages", RT_ARRAY | RT_NULL,
                "taint and deprecation notes, null where the driver cannot tell" },
              { "messages[]", RT_STRING, "one note" }),
          .opts = OPTS(ARG_DOMAIN(struct dom_args, domain, COMPL_DOMAIN)) },
        { .name = "domstate", .summary = "show a domain's state",
          .run = cmd_monitor_domstate, .args_size = sizeof(struct domstate_args),
          .result = RESULT_OBJECT(DOMAIN_IDENT_FIELDS,
                                  { "state", RT_STRING, "the state word (as dominfo's)" },
                                  { "reason", RT_STRING, "why: booted, user, shutdown, "
                                                         "destroyed, from_snapshot, ... or unknown" }),
          .opts = OPTS(ARG_DOMAIN(struct domstate_args, domain, COMPL_DOMAIN),
                       OPT_FLAG(struct domstate_args, "reason", reason, "also show why it is in that state")) },
        { .name = "domid", .result = DOMAIN_IDENT_RESULT, .summary = "print a domain's ID", .run = cmd_monitor_domid,
          .args_size = sizeof(struct dom_args),
          .opts = OPTS(ARG_DOMAIN(struct dom_args, domain, COMPL_DOMAIN)) },
        { .name = "domname", .result = DOMAIN_IDENT_RESULT, .summary = "print a domain's name", .run = cmd_monitor_domname,
          .args_size = sizeof(struct dom_args),
          .opts = OPTS(ARG_DOMAIN(struct dom_args, domain, COMPL_DOMAIN)) },
        { .name = "domuuid", .result = DOMAIN_IDENT_RESULT, .summary = "print a domain's UUID", .run = cmd_monitor_domuuid,
          .args_size = sizeof(struct dom_args),
          .opts = OPTS(ARG_DOMAIN(struct dom_args, domain, COMPL_DOMAIN)) },
        { 0 },
    },
};
