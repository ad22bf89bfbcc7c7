/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* cmd/hosts.c - several hosts: hosts (the inventory, each host asked at once). */
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
#include <string.h>

#include "core/inventory.h"
#include "core/util.h"
#include "virt/conn.h"
#include "virt/context.h"
#include "virt/err.h"
#include "virt/hostset.h"
#include "virt/shell.h"
#include "cmd/groups.h"
#include "cmd/migrate.h"

struct hosts_args {
    bool no_connect;
    const char *spec;
};

/* What one host said when asked. */
struct probe {
    bool up;
    double connect_ms;
    char *libvirt;   /* the daemon's libvirt version */
    char *hv_type;   /* "QEMU", "Test", ... */
    char *hv;        /* its version */
};

static char *version_string(unsigned long v)
{
    return xasprintf("%lu.%lu.%lu", v / 1000000, (v / 1000) % 1000, v % 1000);
}

static void probe_host(struct shell *hsh, size_t i, void *opaque)
{
    struct probe *p = &((struct probe *)opaque)[i];
    double t0 = now_ms();
    virConnectPtr c = conn_get(hsh);
    p->connect_ms = now_ms() - t0;
    if (!c)
        return;
    unsigned long lib = 0, hv = 0;
    const char *type = virConnectGetType(c);
    if (virConnectGetLibVersion(c, &lib) < 0 || virConnectGetVersion(c, &hv) < 0) {
        err_libvirt(hsh, "cannot get the versions");
        return;
    }
    p->up = true;
    p->libvirt = version_string(lib);
    p->hv_type = xstrdup(type ? type : "unknown");
    p->hv = version_string(hv);
}

static struct json_object *str_or_null(const char *s)
{
    return s ? json_object_new_string(s) : NULL;
}

/* The groups: an array, or in text one comma-separated word ("-": none). */
static struct json_object *groups_of(const struct inv_host *known, bool text)
{
    if (text) {
        _cleanup_free_ char *s = known && known->groups.n ? strv_join(&known->groups, ",") : NULL;
        return str_or_null(s);
    }
    struct json_object *groups = json_object_new_array();
    for (size_t k = 0; known && k < known->groups.n; k++)
        json_object_array_add(groups, json_object_new_string(known->groups.v[k]));
    return groups;
}

static struct json_object *host_row(const struct hostctx *h, const struct inv_host *known,
                                    const struct probe *p, bool asked, bool text)
{
    struct json_object *row = json_object_new_object(), *groups = groups_of(known, text);
    json_object_object_add(row, "name", json_object_new_string(h->name));
    json_object_object_add(row, "uri", json_object_new_string(known && known->alias ? known->uri
                                                                                     : h->uri));
    json_object_object_add(row, "groups", groups);
    json_object_object_add(row, "state", json_object_new_string(!asked ? "-" : p->up ? "up"
                                                                                      : "down"));
    json_object_object_add(row, "connect_ms", asked ? json_object_new_double(p->connect_ms)
                                                    : NULL);
    json_object_object_add(row, "libvirt_version", str_or_null(p->libvirt));
    json_object_object_add(row, "hypervisor", str_or_null(p->hv_type));
    json_object_object_add(row, "hypervisor_version", str_or_null(p->hv));
    return row;
}

/* The hosts to show: those `spec` names, the ones selected, or every known one. */
static int hosts_to_show(struct shell *sh, const struct inventory *inv, const char *spec,
                         struct selection *sel)
{
    char why[512];
    if (spec) {
        if (inventory_select(inv, spec, sel, why, sizeof(why)) < 0)
            return usage_error(sh, "%s", why);
        return CMD_OK;
    }
    for (size_t i = 0; sh->hosts && i < sh->hosts->n; i++)
        selection_add(sel, sh->hosts->h[i].name, sh->hosts->h[i].uri);
    for (size_t i = 0; !sh->hosts && i < inv->n; i++)
        selection_add(sel, inv->h[i].name, inv->h[i].alias ? inv->h[i].name : inv->h[i].uri);
    return CMD_OK;
}

static void probes_free(struct probe *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(p[i].libvirt);
        free(p[i].hv_type);
        free(p[i].hv);
    }
    free(p);
}

static const struct out_col hosts_cols[] = {
    { "name", "Name", FMT_PLAIN, NULL },
    { "uri", "URI", FMT_PLAIN, NULL },
    { "groups", "Groups", FMT_PLAIN, NULL },
    { "state", "State", FMT_PLAIN, NULL },
    { "libvirt_version", "Libvirt", FMT_PLAIN, NULL },
    { "hypervisor", "Hypervisor", FMT_PLAIN, NULL },
    { "hypervisor_version", "Version", FMT_PLAIN, NULL },
};

/* Print the rows of hs; a host that did not answer reports its error. */
static int hosts_print(struct shell *sh, struct hostset *hs, const struct inventory *inv,
                       const struct probe *p, bool asked)
{
    _cleanup_json_ struct json_object *rows = json_object_new_array();
    size_t down = 0;
    for (size_t i = 0; i < hs->n; i++) {
        json_object_array_add(rows, host_row(&hs->h[i], inventory_find(inv, hs->h[i].name), &p[i],
                                             asked, sh->out.mode == OUT_TEXT));
        down += asked && !p[i].up;
    }
    out_table(&sh->out, rows, hosts_cols, sizeof(hosts_cols) / sizeof(hosts_cols[0]));
    fflush(sh->out.fp);
    for (size_t i = 0; asked && i < hs->n; i++)
        if (!p[i].up)
            err_report(hs->h[i].sh);
    if (!down)
        return CMD_OK;
    return down < hs->n ? CMD_PARTIAL : CMD_FAILED;
}

static int cmd_hosts(struct shell *sh, void *opaque)
{
    struct hosts_args *a = opaque;
    char why[512];
    struct inventory inv;
    if (inventory_load(&inv, why, sizeof(why)) < 0) {
        inventory_free(&inv);
        return error(sh, "%s", why);
    }
    struct selection sel = { 0 };
    int rc = hosts_to_show(sh, &inv, a->spec, &sel);
    if (rc == CMD_OK && !sel.n)
        rc = error(sh, "no hosts known: name them in '%s' (see the man page, SEVERAL HOSTS)",
                   inv.path);
    if (rc == CMD_OK) {
        /* The selected hosts' own contexts when these are they, else new ones. */
        bool own = !a->spec && sh->hosts;
        struct hostset *hs = own ? sh->hosts : hostset_new(&sel);
        struct probe *p = xcalloc(hs->n, sizeof(*p));
        if (!a->no_connect)
            hostset_each(hs, sh, NULL, probe_host, p);
        rc = hosts_print(sh, hs, &inv, p, !a->no_connect);
        probes_free(p, hs->n);
        if (!own)
            shell_free_hosts(hs);
    }
    selection_free(&sel);
    inventory_free(&inv);
    return rc;
}

const struct cmd_group cmd_group_hosts = {
    .name = "multihost",
    .title = "Several hosts and migration",
    .cmds = (const struct cmd_def[]){
        { .name = "hosts", .summary = "list the known hosts, whether they answer, their versions",
          .desc = "The hosts of the hosts file and libvirt's uri_aliases (or those selected "
                  "with --hosts, or named by HOSTS), each asked at once in parallel within the "
                  "connect bound: up or down (its error on stderr; exit 3 when some are down), "
                  "the daemon's libvirt version and the hypervisor's.  See the man page, "
                  "SEVERAL HOSTS, for the hosts file.",
          .run = cmd_hosts, .args_size = sizeof(struct hosts_args), .flags = CMD_NOCONN,
          .opts = OPTS(OPT_FLAG(struct hosts_args, "no-connect", no_connect,
                                "list them without asking them"),
                       OPT_STRING(struct hosts_args, "hosts", spec,
                                  "only these: names, @groups, URIs, comma-separated",
                                  .flags = OPT_POSITIONAL, .metavar = "HOSTS",
                                  .complete = COMPL_HOST)),
          .result = RESULT_ARRAY(
              { "name", RT_STRING, "the host's name (its URI when it has none)" },
              { "uri", RT_STRING, "its connection URI" },
              { "groups", RT_ARRAY, "the groups of the hosts file it is in" },
              { "state", RT_STRING, "up, down, or - with --no-connect" },
              { "connect_ms", RT_NUMBER | RT_NULL, "how long opening the connection took" },
              { "libvirt_version", RT_STRING | RT_NULL, "the daemon's libvirt version" },
              { "hypervisor", RT_STRING | RT_NULL, "the hypervisor's type (QEMU, Test, ...)" },
              { "hypervisor_version", RT_STRING | RT_NULL, "the hypervisor's version" }) },
        { 0 },
    },
    .more = (const struct cmd_def *const[]){ migrate_cmds, migrate_job_cmds, NULL },
};
