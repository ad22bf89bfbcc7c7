/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * cmd/domain-clone.c - clone DOMAIN NEWNAME [--linked]: a shut-off domain
 * copied under a new name, with a new UUID and new MAC addresses, each of
 * its writable disks copied with vol-clone into the pool it lies in (or,
 * with --linked, given a qcow2 overlay on the original).  virsh has no such
 * command (virt-clone, `qm clone`, `incus copy` and `govc vm.clone` do).
 *
 * Order: every check and lookup first, then the volumes one by one, the
 * definition last.  A failure or Ctrl-C before the definition deletes the
 * volumes this run made; a kill leaves them, named in the output, and no
 * domain (man page, WHEN A COMMAND IS CUT SHORT).
 */
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
#include <string.h>

#include "core/interrupt.h"
#include "core/strbuf.h"
#include "core/util.h"
#include "core/xml.h"
#include "virt/conn.h"
#include "virt/context.h"
#include "virt/domain.h"
#include "virt/domstorage.h"
#include "virt/domxml.h"
#include "virt/err.h"
#include "virt/storage.h"
#include "cmd/domain-storage.h"

struct clone_args {
    const char *domain, *newname;
    bool linked;
};

/* One disk to copy. */
struct copy {
    struct dom_disk *disk;   /* in the new domain's document */
    virStorageVolPtr src;
    virStoragePoolPtr pool;  /* the source's pool: the copy goes there */
    char *name;              /* the copy's name */
    char *src_format;        /* the source volume's format */
    virStorageVolPtr made;   /* the copy, once made */
};

static void copies_free(struct copy *c, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (c[i].src)
            virStorageVolFree(c[i].src);
        if (c[i].pool)
            virStoragePoolFree(c[i].pool);
        if (c[i].made)
            virStorageVolFree(c[i].made);
        free(c[i].name);
        free(c[i].src_format);
    }
    free(c);
}

/* The copy's name: the volume's with the domain's name replaced by the new
 * one ("web1.qcow2" -> "web2.qcow2"), else NEWNAME-TARGET and its suffix. */
static char *copy_name(const char *vol, const char *old, const char *new, const char *target)
{
    const char *at = *old ? strstr(vol, old) : NULL;
    if (at)
        return xasprintf("%.*s%s%s", (int)(at - vol), vol, new, at + strlen(old));
    const char *dot = strrchr(vol, '.');
    return xasprintf("%s-%s%s", new, target, dot ? dot : "");
}

/* Whether a disk is copied: writable disks; read-only and shareable ones
 * (an installer ISO, a shared data disk) and empty drives are kept as they are. */
static bool copied(const struct dom_disk *d)
{
    return d->source && !d->readonly && !d->shareable && !str_eq(d->device, "cdrom") &&
           !str_eq(d->device, "floppy");
}

/* Find each copied disk's volume and the copy's name.  Nothing changes. */
static int plan(struct shell *sh, const char *old, const char *new, struct dom_disk *disks, size_t n,
                struct copy *out, size_t *ret_n)
{
    size_t k = 0;
    *ret_n = 0;
    for (size_t i = 0; i < n; i++) {
        struct dom_disk *d = &disks[i];
        if (!copied(d))
            continue;
        struct copy *c = &out[k++];
        *ret_n = k;
        c->disk = d;
        if (!(c->src = domstorage_volume(sh->conn, d)))
            return error(sh, "disk '%s' (%s) is no volume of an active pool: clone copies volumes "
                         "(a dir pool on its directory makes it one)", d->target, d->source);
        if (!(c->pool = storage_vol_pool(sh, c->src)))
            return CMD_FAILED;
        c->name = copy_name(virStorageVolGetName(c->src), old, new, d->target);
        _cleanup_free_ char *xml = virStorageVolGetXMLDesc(c->src, 0);
        c->src_format = storage_xml_get(xml, "/volume/target/format/@type");
        virStorageVolPtr there = virStorageVolLookupByName(c->pool, c->name);
        virResetLastError();
        if (there) {
            virStorageVolFree(there);
            return error(sh, "volume '%s' already exists in pool '%s' (left by a clone that was cut "
                         "short? 'vol-delete %s --pool %s' removes it)", c->name,
                         virStoragePoolGetName(c->pool), c->name, virStoragePoolGetName(c->pool));
        }
    }
    return CMD_OK;
}

/* A qcow2 overlay on the source volume (--linked). */
static char *overlay_xml(struct shell *sh, const struct copy *c)
{
    virStorageVolInfo info;
    _cleanup_free_ char *path = virStorageVolGetPath(c->src);
    if (!path || virStorageVolGetInfo(c->src, &info) < 0) {
        err_libvirt(sh, "cannot read volume '%s'", virStorageVolGetName(c->src));
        return NULL;
    }
    _cleanup_free_ char *name = storage_xml_escape(c->name);
    _cleanup_free_ char *epath = storage_xml_escape(path);
    _cleanup_free_ char *fmt = storage_xml_escape(c->src_format ? c->src_format : "raw");
    return xasprintf("<volume>\n  <name>%s</name>\n  <capacity>%llu</capacity>\n  <target>\n"
                     "    <format type='qcow2'/>\n  </target>\n  <backingStore>\n"
                     "    <path>%s</path>\n    <format type='%s'/>\n  </backingStore>\n</volume>\n",
                     name, info.capacity, epath, fmt);
}

/* Make one copy and point the new domain's disk at it. */
static int make_copy(struct shell *sh, struct copy *c, bool linked)
{
    const char *from = virStorageVolGetName(c->src);
    if (linked) {
        _cleanup_free_ char *xml = overlay_xml(sh, c);
        if (!xml)
            return CMD_FAILED;
        if (!(c->made = virStorageVolCreateXML(c->pool, xml, 0)))
            return err_libvirt(sh, "cannot make an overlay '%s' on volume '%s'", c->name, from);
        xmlNodePtr drv = NULL;
        for (xmlNodePtr n = c->disk->node->children; n && !drv; n = n->next)
            if (n->type == XML_ELEMENT_NODE && xmlStrEqual(n->name, BAD_CAST "driver"))
                drv = n;
        if (!drv)
            drv = xmlNewChild(c->disk->node, NULL, BAD_CAST "driver", NULL);
        xmlSetProp(drv, BAD_CAST "type", BAD_CAST "qcow2");
    } else {
        _cleanup_free_ char *xml = storage_vol_clone_xml(sh, c->src, c->name);
        if (!xml || !(c->made = storage_vol_create_from(sh, c->pool, xml, c->name, c->src, 0)))
            return CMD_FAILED;
    }
    _cleanup_free_ char *path = virStorageVolGetPath(c->made);
    virResetLastError();
    domstorage_set_source(c->disk, c->disk->pool ? c->name : path ? path : c->name);
    if (sh->out.mode == OUT_TEXT && !sh->out.quiet) { /* named at once: a kill keeps the line */
        fprintf(sh->out.fp, "Vol %s %s %s\n", c->name, linked ? "made on" : "cloned from", from);
        fflush(sh->out.fp);
    }
    return CMD_OK;
}

/* Delete the copies made so far; what could not be deleted is named. */
static void undo(struct shell *sh, struct copy *c, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (c[i].made && virStorageVolDelete(c[i].made, 0) < 0) {
            err_warn(sh, "cannot delete volume '%s' this clone made: remove it with 'vol-delete %s "
                     "--pool %s'", c[i].name, c[i].name, virStoragePoolGetName(c[i].pool));
            virResetLastError();
        }
    }
}

/* The new domain's XML: name, no UUID (libvirt makes one), no MAC
 * addresses (libvirt makes new ones), no NVRAM path (a fresh one from the
 * template), no SMBIOS UUID. */
static void rename_xml(xmlDocPtr doc, const char *newname)
{
    domxml_set_text(doc, "name", newname);
    domxml_remove(doc, "uuid");
    domxml_remove(doc, "devices/interface/mac");
    domxml_remove(doc, "devices/interface/target");
    domxml_remove(doc, "os/nvram");
    domxml_remove(doc, "sysinfo/system/entry[@name='uuid']");
}

/* The report: the new domain, its volumes and MAC addresses. */
static int report(struct shell *sh, virDomainPtr nd, const char *from, bool linked,
                  const struct copy *c, size_t n)
{
    _cleanup_json_ struct json_object *o = domain_ident_json(nd);
    json_object_object_add(o, "result", json_object_new_string("cloned"));
    json_object_object_add(o, "source", json_object_new_string(from));
    json_object_object_add(o, "linked", json_object_new_boolean(linked));
    struct json_object *vols = json_object_new_array();
    for (size_t i = 0; i < n; i++) {
        struct json_object *v = storage_vol_ident_json(c[i].made);
        json_object_object_add(v, "target", json_object_new_string(c[i].disk->target));
        json_object_object_add(v, "pool", json_object_new_string(virStoragePoolGetName(c[i].pool)));
        json_object_object_add(v, "source_volume", json_object_new_string(virStorageVolGetName(c[i].src)));
        json_object_array_add(vols, v);
    }
    json_object_object_add(o, "volumes", vols);
    struct json_object *macs = json_object_new_array();
    _cleanup_free_ char *xml = virDomainGetXMLDesc(nd, VIR_DOMAIN_XML_INACTIVE);
    char why[256];
    _cleanup_(xml_doc_freep) xmlDocPtr doc = xml ? domxml_parse(xml, why, sizeof(why)) : NULL;
    xmlXPathObjectPtr r = doc ? xml_xpath(doc, NULL, "/domain/devices/interface/mac/@address", why,
                                          sizeof(why)) : NULL;
    for (int i = 0; r && r->nodesetval && i < r->nodesetval->nodeNr; i++) {
        xmlChar *s = xmlNodeGetContent(r->nodesetval->nodeTab[i]);
        json_object_array_add(macs, json_object_new_string((const char *)s));
        xmlFree(s);
    }
    xmlXPathFreeObject(r);
    virResetLastError();
    json_object_object_add(o, "macs", macs);
    _cleanup_free_ char *msg = xasprintf("Domain '%s' cloned from '%s'", virDomainGetName(nd), from);
    out_message(&sh->out, o, msg);
    return CMD_OK;
}

/* What must hold before anything is made: the source shut off, the name free. */
static int check(struct shell *sh, virDomainPtr d, const char *newname)
{
    const char *name = virDomainGetName(d);
    if (!*newname)
        return usage_error(sh, "the new name must not be empty");
    if (virDomainIsActive(d) == 1)
        return error(sh, "domain '%s' is active: shut it off first (its disks must not change while "
                     "they are copied)", name);
    virDomainPtr other = virDomainLookupByName(sh->conn, newname);
    virResetLastError();
    if (other) {
        virDomainFree(other);
        return error(sh, "domain '%s' already exists", newname);
    }
    return CMD_OK;
}

/* The copies, one by one; Ctrl-C is looked at between two. */
static int copy_all(struct shell *sh, const char *from, struct copy *c, size_t n, bool linked)
{
    for (size_t i = 0; i < n; i++) {
        if (shell_interrupted)
            return error(sh, "clone of '%s' interrupted: the volumes it had made were deleted again "
                         "and nothing was defined", from);
        if (make_copy(sh, &c[i], linked) != CMD_OK)
            return CMD_FAILED;
    }
    if (shell_interrupted)
        return error(sh, "clone of '%s' interrupted: the volumes it had made were deleted again "
                     "and nothing was defined", from);
    return CMD_OK;
}

static int cmd_domain_clone(struct shell *sh, void *opaque)
{
    struct clone_args *a = opaque;
    _cleanup_domain_ virDomainPtr d = conn_lookup_domain(sh, a->domain);
    if (!d)
        return CMD_FAILED;
    const char *from = virDomainGetName(d);
    int rc = check(sh, d, a->newname);
    if (rc)
        return rc;
    char why[256];
    _cleanup_free_ char *xml = virDomainGetXMLDesc(d, VIR_DOMAIN_XML_INACTIVE | VIR_DOMAIN_XML_SECURE);
    if (!xml)
        return err_libvirt(sh, "cannot get the XML of domain '%s'", from);
    _cleanup_(xml_doc_freep) xmlDocPtr doc = domxml_parse(xml, why, sizeof(why));
    if (!doc)
        return error(sh, "cannot read the XML of domain '%s': %s", from, why);
    struct dom_disk *disks = NULL;
    size_t nd = domstorage_disks(doc, &disks), n = 0;
    struct copy *c = xcalloc(nd + 1, sizeof(*c));
    rc = plan(sh, from, a->newname, disks, nd, c, &n);
    if (!rc)
        rc = copy_all(sh, from, c, n, a->linked);
    virDomainPtr made = NULL;
    if (!rc) {
        rename_xml(doc, a->newname);
        _cleanup_free_ char *newxml = domxml_format(doc);
        if (!(made = virDomainDefineXML(sh->conn, newxml)))
            rc = err_libvirt(sh, "cannot define clone '%s' (the volumes it had made were deleted "
                             "again)", a->newname);
    }
    if (rc)
        undo(sh, c, n);
    else
        report(sh, made, from, a->linked, c, n);
    if (made)
        virDomainFree(made);
    copies_free(c, n);
    domstorage_free(disks, nd);
    return rc;
}

const struct cmd_def domain_clone_cmds[] = {
    { .name = "clone", .summary = "copy a shut-off domain and its disks under a new name",
      .desc = "The copy gets a new UUID and new MAC addresses; each writable disk that is a volume "
              "of a pool is copied into that pool (as vol-clone does), named after the new domain "
              "(web1.qcow2 becomes web2.qcow2), or with --linked gets a qcow2 overlay on the "
              "original, which is then the clone's backing file: keep the original shut off, as a "
              "template, while linked clones use it.  Read-only and shareable disks and CD-ROMs "
              "are shared, not copied; a UEFI domain gets a fresh NVRAM from its template.  The "
              "domain is defined last: a failure or Ctrl-C deletes the volumes made so far.  "
              "virsh has no clone.",
      .run = cmd_domain_clone, .args_size = sizeof(struct clone_args), .flags = CMD_MODIFIES,
      .opts = OPTS(ARG_DOMAIN(struct clone_args, domain, COMPL_DOMAIN_INACTIVE),
                   OPT_STRING(struct clone_args, "newname", newname, "the clone's name",
                              .flags = ARG_REQUIRED),
                   OPT_FLAG(struct clone_args, "linked", linked,
                            "a qcow2 overlay on each original disk instead of a copy")),
      .result = RESULT_OBJECT({ "name", RT_STRING, "the clone's name" },
                              { "id", RT_INT | RT_NULL, "its ID (null: shut off)" },
                              { "uuid", RT_STRING, "its new UUID" },
                              { "result", RT_STRING, "cloned" },
                              { "source", RT_STRING, "the domain it was cloned from" },
                              { "linked", RT_BOOL, "whether its disks are overlays" },
                              { "volumes", RT_ARRAY, "the volumes made for it" },
                              { "volumes[].name", RT_STRING, "a volume's name" },
                              { "volumes[].key", RT_STRING | RT_NULL, "its key" },
                              { "volumes[].path", RT_STRING | RT_NULL, "its path" },
                              { "volumes[].target", RT_STRING, "the disk it is (vda)" },
                              { "volumes[].pool", RT_STRING, "its pool" },
                              { "volumes[].source_volume", RT_STRING, "the volume it copies" },
                              { "macs", RT_ARRAY, "its new MAC addresses" },
                              { "macs[]", RT_STRING, "a MAC address" }) },
    { 0 },
};
