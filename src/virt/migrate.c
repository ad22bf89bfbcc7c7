/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "virt/migrate.h"

#include <libvirt/virterror.h>
#include <libxml/tree.h>
#include <string.h>

#include "core/inventory.h"
#include "core/util.h"
#include "core/xml.h"
#include "virt/conn.h"
#include "virt/domxml.h"
#include "virt/err.h"
#include "virt/hostset.h"
#include "virt/shell.h"

int migrate_dest_resolve(struct shell *sh, const char *word, struct migrate_dest *d)
{
    *d = (struct migrate_dest){ .name = xstrdup(word) };
    int k = hostset_find(sh->hosts, word);
    if (k >= 0) { /* one of the selected hosts: its context */
        d->uri = xstrdup(sh->hosts->h[k].uri);
        d->sh = hostset_shell(sh->hosts, sh, (size_t)k);
        return CMD_OK;
    }
    if (strchr(word, ':')) {
        d->uri = xstrdup(word);
    } else {
        char why[512];
        struct inventory inv;
        if (inventory_load(&inv, why, sizeof(why)) < 0) {
            inventory_free(&inv);
            return error(sh, "%s", why);
        }
        d->uri = xstrdup(inventory_uri_of(&inv, word));
        inventory_free(&inv);
    }
    d->sh = xmalloc(sizeof(*d->sh));
    shell_init(d->sh);
    d->own = true;
    d->sh->g = sh->g; /* the settings only: its lists stay the shell's */
    d->sh->g.hosts = (struct strv){ 0 };
    d->sh->out = sh->out;
    d->sh->uri = xstrdup(d->uri);
    d->sh->host = d->name;
    return CMD_OK;
}

virConnectPtr migrate_dest_conn(struct shell *sh, struct migrate_dest *d)
{
    if (d->own && conn_start_event_loop(sh) == 0)
        d->sh->event_loop_started = sh->event_loop_started; /* one loop a process: the shell's */
    virConnectPtr c = conn_get(d->sh);
    if (!c) {
        error(sh, "cannot connect to the destination '%s': %s", d->name, d->sh->err.message);
        err_clear(d->sh);
    }
    return c;
}

void migrate_dest_free(struct migrate_dest *d)
{
    if (d->own && d->sh) {
        d->sh->event_loop_started = false; /* the shell's, stopped by it */
        d->sh->g = (struct global_args){ 0 };
        d->sh->log = NULL;
        shell_free(d->sh);
        free(d->sh);
    }
    free(d->name);
    free(d->uri);
    *d = (struct migrate_dest){ 0 };
}

/* A libvirt "not supported" answer: the check cannot be made there. */
static bool unsupported(void)
{
    virErrorPtr e = virGetLastError();
    bool no = e && (e->code == VIR_ERR_NO_SUPPORT || e->code == VIR_ERR_OPERATION_UNSUPPORTED);
    virResetLastError();
    return no;
}

/* The machine type: the destination must know `machine` by that name as a
 * type of its own, not as an alias of another. */
static int check_machine(struct shell *sh, virConnectPtr dconn, const char *dest, xmlDocPtr dom,
                         const char *name)
{
    _cleanup_free_ char *machine = domxml_get(dom, "os/type/@machine");
    _cleanup_free_ char *arch = domxml_get(dom, "os/type/@arch");
    if (!machine || !arch || strchr(machine, '\'') || strchr(arch, '\''))
        return CMD_OK;
    _cleanup_free_ char *caps = virConnectGetCapabilities(dconn);
    if (!caps)
        return unsupported() ? CMD_OK : err_libvirt(sh, "cannot get the capabilities of '%s'", dest);
    char err[200];
    _cleanup_(xml_doc_freep) xmlDocPtr doc = xml_parse(caps, strlen(caps), err, sizeof(err));
    if (!doc)
        return error(sh, "cannot read the capabilities of '%s': %s", dest, err);
    xmlNodePtr root = xmlDocGetRootElement(doc);
    _cleanup_free_ char *q = xasprintf("guest/arch[@name='%s']//machine[.='%s']", arch, machine);
    _cleanup_free_ char *qc = xasprintf("%s/@canonical", q);
    _cleanup_free_ char *found = xml_get(root, q);
    _cleanup_free_ char *canonical = xml_get(root, qc);
    if (found && (!canonical || str_eq(canonical, machine)))
        return CMD_OK;
    if (found)
        return error(sh, "machine type '%s' of domain '%s' is only an alias of '%s' on '%s': "
                     "the guest would change hardware; define it with a machine type '%s' "
                     "has (see machine-types there)", machine, name, canonical, dest, dest);
    return error(sh, "destination '%s' has no machine type '%s' (%s) for domain '%s'; define it "
                 "with a machine type both hosts have (see machine-types on each)", dest,
                 machine, arch, name);
}

/* The CPU model: what the destination's hypervisor says of the domain's <cpu>. */
static int check_cpu(struct shell *sh, virConnectPtr dconn, const char *dest, xmlDocPtr dom,
                     const char *name)
{
    if (!domxml_exists(dom, "cpu/model"))
        return CMD_OK; /* no model to compare: the hypervisor's default */
    xmlNodePtr cpu = NULL;
    for (xmlNodePtr n = xmlDocGetRootElement(dom)->children; n && !cpu; n = n->next)
        if (n->type == XML_ELEMENT_NODE && str_eq((const char *)n->name, "cpu"))
            cpu = n;
    xmlBufferPtr buf = xmlBufferCreate();
    xmlNodeDump(buf, dom, cpu, 0, 0);
    _cleanup_free_ char *arch = domxml_get(dom, "os/type/@arch");
    _cleanup_free_ char *machine = domxml_get(dom, "os/type/@machine");
    _cleanup_free_ char *virt = domxml_get(dom, "@type");
    int r = virConnectCompareHypervisorCPU(dconn, NULL, arch, machine, virt,
                                           (const char *)xmlBufferContent(buf), 0);
    xmlBufferFree(buf);
    if (r == VIR_CPU_COMPARE_ERROR)
        return unsupported() ? CMD_OK : err_libvirt(sh, "cannot compare the CPU of domain '%s' "
                                                    "with '%s'", name, dest);
    if (r == VIR_CPU_COMPARE_INCOMPATIBLE)
        return error(sh, "the CPU of domain '%s' is not one '%s' can run: choose a CPU model "
                     "both hosts have (cpu-baseline), or move it while shut off", name, dest);
    return CMD_OK;
}

/* Enough free memory for a running domain on the destination. */
static int check_memory(struct shell *sh, virConnectPtr dconn, const char *dest, virDomainPtr dom,
                        const char *name)
{
    virDomainInfo info;
    if (virDomainGetInfo(dom, &info) < 0)
        return err_libvirt(sh, "cannot get the information of domain '%s'", name);
    unsigned long long free_b = virNodeGetFreeMemory(dconn);
    if (!free_b) { /* no figure: libvirt's own check decides */
        virResetLastError();
        return CMD_OK;
    }
    unsigned long long need = (unsigned long long)info.memory * 1024;
    if (free_b < need)
        return error(sh, "destination '%s' has %llu MiB free, domain '%s' uses %llu MiB",
                     dest, free_b >> 20, name, need >> 20);
    return CMD_OK;
}

/* No other domain of the name there; the domain not running there already. */
static int check_name(struct shell *sh, virConnectPtr dconn, const char *dest, virDomainPtr dom,
                      const char *name)
{
    virDomainPtr other = virDomainLookupByName(dconn, name);
    if (!other) {
        virResetLastError();
        return CMD_OK;
    }
    char mine[VIR_UUID_STRING_BUFLEN], theirs[VIR_UUID_STRING_BUFLEN];
    virDomainGetUUIDString(dom, mine);
    virDomainGetUUIDString(other, theirs);
    int active = virDomainIsActive(other);
    virDomainFree(other);
    if (!str_eq(mine, theirs))
        return error(sh, "destination '%s' has another domain named '%s' (UUID %s): rename "
                     "one of them first", dest, name, theirs);
    if (active == 1)
        return error(sh, "domain '%s' already runs on '%s'", name, dest);
    return CMD_OK;
}

int migrate_check(struct shell *sh, virDomainPtr dom, virConnectPtr dconn, const char *dest_name,
                  bool live)
{
    const char *name = virDomainGetName(dom);
    _cleanup_free_ char *xml = virDomainGetXMLDesc(dom, VIR_DOMAIN_XML_MIGRATABLE);
    if (!xml)
        return err_libvirt(sh, "cannot get the XML of domain '%s'", name);
    char why[200];
    _cleanup_(xml_doc_freep) xmlDocPtr doc = domxml_parse(xml, why, sizeof(why));
    if (!doc)
        return error(sh, "cannot read the XML of domain '%s': %s", name, why);
    int rc = check_name(sh, dconn, dest_name, dom, name);
    if (rc == CMD_OK)
        rc = check_machine(sh, dconn, dest_name, doc, name);
    if (rc == CMD_OK)
        rc = check_cpu(sh, dconn, dest_name, doc, name);
    if (rc == CMD_OK && live)
        rc = check_memory(sh, dconn, dest_name, dom, name);
    return rc;
}
