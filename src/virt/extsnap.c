/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * virt/extsnap.c - reverting to external snapshots (see extsnap.h).
 *
 * An external disk snapshot S of disk vda froze the image vda used then
 * (the base, B) and put a new overlay O on it; the domain has written to O
 * (and to the overlays of later snapshots) since.  S's XML names O; S's
 * <domain> (the config when S was taken) names B.  Reverting to S gives
 * each such disk a new, empty overlay R on B - so B, O and every other
 * snapshot stay as they are - and defines S's config with R in place of
 * B.  Steps, each one libvirt call (man page, WHEN A COMMAND IS CUT SHORT):
 *   1. a transient directory pool over B's directory, if no pool has B
 *   2. the overlays R, one volume each (qcow2 backed by B)
 *   3. the domain stopped, if it runs (reverting discards its state)
 *   4. its managed save image removed, if it has one (that state goes too)
 *   5. the config defined: S's, with R in place of B
 *   6. S made the current snapshot (so the next snapshot's parent is S)
 *   7. the domain started (--running, --paused; a snapshot with memory is
 *      restored from its memory file instead)
 *   8. the pool of step 1 stopped (or one a revert cut short left: a
 *      transient pool named virtsh-*)
 * Ctrl-C is looked at between the steps only.
 */
#include "virt/extsnap.h"

#include <libgen.h>
#include <libvirt/virterror.h>
#include <string.h>

#include "core/interrupt.h"
#include "core/strbuf.h"
#include "core/util.h"
#include "core/xml.h"
#include "core/xmlwrite.h"
#include "virt/conn.h"
#include "virt/domxml.h"
#include "virt/err.h"
#include "virt/extsnap-int.h"
#include "virt/moment.h"

bool extsnap_applies(virDomainSnapshotPtr m)
{
    char why[200];
    _cleanup_free_ char *xml = virDomainSnapshotGetXMLDesc(m, 0);
    struct moment_info info;
    if (!xml || moment_info_parse(xml, 0, &info, why, sizeof(why)) < 0) {
        virResetLastError();
        return false;
    }
    bool ext = moment_info_external(&info);
    moment_info_clear(&info);
    return ext;
}

/* ---- what the snapshot says ------------------------------------------------ */

void ext_clear(struct ext *x)
{
    for (size_t i = 0; i < x->n; i++) {
        free(x->disks[i].target);
        free(x->disks[i].overlay);
        free(x->disks[i].base);
        free(x->disks[i].base_format);
        free(x->disks[i].revert);
    }
    free(x->disks);
    free(x->config);
    moment_info_clear(&x->info);
}

/* The source file of disk `target` in a <domain> document, and its format. */
static char *disk_source(xmlDocPtr doc, const char *target, char **ret_format)
{
    _cleanup_free_ char *src = xasprintf("devices/disk[target/@dev='%s']/source/@file", target);
    _cleanup_free_ char *fmt = xasprintf("devices/disk[target/@dev='%s']/driver/@type", target);
    if (ret_format)
        *ret_format = domxml_get(doc, fmt);
    return domxml_get(doc, src);
}

int ext_load(struct shell *sh, virDomainSnapshotPtr m, struct ext *x)
{
    char why[300];
    const char *name = virDomainSnapshotGetName(m);
    _cleanup_free_ char *xml = virDomainSnapshotGetXMLDesc(m, VIR_DOMAIN_SNAPSHOT_XML_SECURE);
    if (!xml)
        return err_libvirt(sh, "cannot get the XML of snapshot '%s'", name);
    if (moment_info_parse(xml, MOMENT_DOMAIN, &x->info, why, sizeof(why)) < 0)
        return error(sh, "cannot read the XML of snapshot '%s': %s", name, why);
    const char *cfg = x->info.inactive_domain_xml ? x->info.inactive_domain_xml
                                                  : x->info.domain_xml;
    if (!cfg)
        return error(sh, "snapshot '%s' keeps no domain config: it cannot be reverted to", name);
    x->config = xstrdup(cfg);
    _cleanup_(xml_doc_freep) xmlDocPtr doc = domxml_parse(cfg, why, sizeof(why));
    if (!doc)
        return error(sh, "cannot read the domain config of snapshot '%s': %s", name, why);
    x->disks = xcalloc(x->info.ndisks + 1, sizeof(*x->disks));
    for (size_t i = 0; i < x->info.ndisks; i++) {
        const struct moment_disk *md = &x->info.disks[i];
        if (!str_eq(md->snapshot, "external"))
            continue;
        struct ext_disk *e = &x->disks[x->n];
        if (!md->source || (md->type && !str_eq(md->type, "file")))
            return error(sh, "disk '%s' of snapshot '%s' is not a file: only file overlays are "
                         "handled", md->name, name);
        e->target = xstrdup(md->name);
        e->overlay = xstrdup(md->source);
        e->base = disk_source(doc, md->name, &e->base_format);
        if (!e->base)
            return error(sh, "the config of snapshot '%s' has no file for disk '%s'", name,
                         md->name);
        x->n++;
    }
    x->memory_file = str_eq(x->info.memory, "external") ? x->info.memory_file : NULL;
    return CMD_OK;
}

bool ext_interrupted(struct shell *sh, const char *done, const char *next)
{
    if (!shell_interrupted)
        return false;
    error(sh, "interrupted: %s; %s", done, next);
    return true;
}

/* ---- volumes ------------------------------------------------------------------ */

/* The pool that holds `path`, or a transient one made over its directory
 * (*ret_made set).  NULL with the error recorded. */
static virStoragePoolPtr pool_of(struct shell *sh, const char *path, bool *ret_made)
{
    *ret_made = false;
    virStorageVolPtr v = virStorageVolLookupByPath(sh->conn, path);
    if (v) {
        virStoragePoolPtr p = virStoragePoolLookupByVolume(v);
        virStorageVolFree(v);
        /* a transient "virtsh-" pool is one a revert cut short left: this
         * run stops it at the end as if it had made it */
        if (p && str_startswith(virStoragePoolGetName(p), "virtsh-") &&
            virStoragePoolIsPersistent(p) == 0)
            *ret_made = true;
        if (p)
            return p;
    }
    virResetLastError();
    _cleanup_free_ char *copy = xstrdup(path);
    const char *dir = dirname(copy);
    unsigned long h = 2166136261u; /* FNV-1a of the directory: one name per directory */
    for (const char *c = dir; *c; c++)
        h = ((h ^ (unsigned char)*c) * 16777619u) & 0xffffffffu;
    _cleanup_free_ char *pname = xasprintf("virtsh-%08lx", h);
    _cleanup_strbuf_ struct strbuf b = { 0 };
    strbuf_printf(&b, "<pool type='dir'><name>%s</name><target><path>", pname);
    xmlw_escaped(&b, dir);
    strbuf_add(&b, "</path></target></pool>");
    virStoragePoolPtr p = virStoragePoolCreateXML(sh->conn, strbuf_str(&b), 0);
    if (!p) {
        err_libvirt(sh, "no storage pool has '%s', and one cannot be made over '%s'", path, dir);
        return NULL;
    }
    *ret_made = true;
    return p;
}

/* A new volume in p: a qcow2 overlay on `base` (of `format`), named after
 * it and the snapshot; its path in *ret_path.  CMD_OK or CMD_FAILED. */
static int make_overlay(struct shell *sh, virStoragePoolPtr p, const char *base, const char *format,
                        const char *snap, char **ret_path)
{
    virStorageVolPtr bv = virStorageVolLookupByPath(sh->conn, base);
    virStorageVolInfo info;
    if (!bv || virStorageVolGetInfo(bv, &info) < 0) {
        if (bv)
            virStorageVolFree(bv);
        return err_libvirt(sh, "cannot find the size of '%s'", base);
    }
    virStorageVolFree(bv);
    _cleanup_free_ char *copy = xstrdup(base);
    const char *file = basename(copy);
    for (int k = 1; k < 1000; k++) {
        _cleanup_free_ char *name = k == 1 ? xasprintf("%s.%s-revert", file, snap)
                                           : xasprintf("%s.%s-revert%d", file, snap, k);
        virStorageVolPtr old = virStorageVolLookupByName(p, name);
        if (old) {
            virStorageVolFree(old);
            continue;
        }
        virResetLastError();
        _cleanup_strbuf_ struct strbuf b = { 0 };
        strbuf_add(&b, "<volume><name>");
        xmlw_escaped(&b, name);
        strbuf_printf(&b, "</name><capacity unit='bytes'>%llu</capacity><target><format "
                      "type='qcow2'/></target><backingStore><path>", info.capacity);
        xmlw_escaped(&b, base);
        strbuf_add(&b, "</path><format type='");
        xmlw_escaped(&b, format ? format : "raw");
        strbuf_add(&b, "'/></backingStore></volume>");
        virStorageVolPtr v = virStorageVolCreateXML(p, strbuf_str(&b), 0);
        if (!v)
            return err_libvirt(sh, "cannot create an overlay on '%s'", base);
        *ret_path = virStorageVolGetPath(v);
        virStorageVolFree(v);
        return *ret_path ? CMD_OK : err_libvirt(sh, "cannot get the path of the new overlay");
    }
    return error(sh, "too many overlays named after '%s' already", base);
}

/* ---- the config ---------------------------------------------------------------- */

/* The snapshot's config with each reverted disk on its new overlay. */
static char *reverted_config(struct shell *sh, const struct ext *x)
{
    char why[300];
    _cleanup_(xml_doc_freep) xmlDocPtr doc = domxml_parse(x->config, why, sizeof(why));
    if (!doc) {
        error(sh, "cannot read the config of the snapshot: %s", why);
        return NULL;
    }
    for (size_t i = 0; i < x->n; i++) {
        _cleanup_free_ char *at = xasprintf("devices/disk[target/@dev='%s']", x->disks[i].target);
        xmlXPathObjectPtr r = xml_xpath(doc, xmlDocGetRootElement(doc), at, why, sizeof(why));
        if (r && r->type == XPATH_NODESET && r->nodesetval && r->nodesetval->nodeNr == 1) {
            xmlNodePtr disk = r->nodesetval->nodeTab[0];
            for (xmlNodePtr c = disk->children, next; c; c = next) {
                next = c->next;
                if (c->type != XML_ELEMENT_NODE)
                    continue;
                if (str_eq((const char *)c->name, "source"))
                    xmlSetProp(c, BAD_CAST "file", BAD_CAST x->disks[i].revert);
                else if (str_eq((const char *)c->name, "driver"))
                    xmlSetProp(c, BAD_CAST "type", BAD_CAST "qcow2");
                else if (str_eq((const char *)c->name, "backingStore")) {
                    xmlUnlinkNode(c);
                    xmlFreeNode(c);
                }
            }
        }
        xmlXPathFreeObject(r);
    }
    return domxml_format(doc);
}

/* ---- revert ------------------------------------------------------------------------ */

/* Steps 1 and 2: the new overlays. */
static int make_overlays(struct shell *sh, struct ext *x, virStoragePoolPtr *made)
{
    for (size_t i = 0; i < x->n; i++) {
        bool fresh = false;
        virStoragePoolPtr p = pool_of(sh, x->disks[i].base, &fresh);
        if (!p)
            return CMD_FAILED;
        if (fresh && !*made) {
            *made = p;
            virStoragePoolRef(p);
        }
        int rc = make_overlay(sh, p, x->disks[i].base, x->disks[i].base_format, x->info.name,
                              &x->disks[i].revert);
        virStoragePoolFree(p);
        if (rc)
            return rc;
    }
    return CMD_OK;
}

/* Steps 3 and 4: nothing of the state being discarded stays. */
static int stop_domain(struct shell *sh, virDomainPtr d)
{
    const char *name = virDomainGetName(d);
    if (virDomainIsActive(d) == 1 && virDomainDestroy(d) < 0)
        return err_libvirt(sh, "cannot stop domain '%s' to revert it", name);
    if (virDomainHasManagedSaveImage(d, 0) == 1 && virDomainManagedSaveRemove(d, 0) < 0)
        return err_libvirt(sh, "cannot remove the managed save image of domain '%s'", name);
    virResetLastError();
    return CMD_OK;
}

/* Steps 5 to 7. */
static int define_and_start(struct shell *sh, virDomainPtr d, virDomainSnapshotPtr m,
                            struct ext *x, unsigned int flags)
{
    const char *name = virDomainGetName(d), *snap = x->info.name;
    _cleanup_free_ char *cfg = reverted_config(sh, x);
    if (!cfg)
        return CMD_FAILED;
    virDomainPtr nd = virDomainDefineXML(sh->conn, cfg);
    if (!nd)
        return err_libvirt(sh, "cannot define the config of snapshot '%s' for domain '%s'", snap,
                           name);
    virDomainFree(nd);
    _cleanup_free_ char *next = xasprintf("run 'snapshot-current %s %s'", name, snap);
    if (ext_interrupted(sh, "the domain's config is the snapshot's, on new overlays", next))
        return CMD_FAILED;
    _cleanup_free_ char *xml = virDomainSnapshotGetXMLDesc(m, VIR_DOMAIN_SNAPSHOT_XML_SECURE);
    unsigned int cf = VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE | VIR_DOMAIN_SNAPSHOT_CREATE_CURRENT;
    if (xml && strstr(xml, "<state>disk-snapshot</state>"))
        cf |= VIR_DOMAIN_SNAPSHOT_CREATE_DISK_ONLY;
    virDomainSnapshotPtr again = xml ? virDomainSnapshotCreateXML(d, xml, cf) : NULL;
    if (again) {
        virDomainSnapshotFree(again);
    } else {
        /* Only the "current" mark is missing (libvirt 9.0 refuses to redefine a
         * snapshot while the domain has checkpoints): the revert goes on. */
        const char *why = virGetLastErrorMessage();
        err_warn(sh, "snapshot '%s' could not be made the current one (%s); the revert goes on",
                 snap, why ? why : "no reason given");
        virResetLastError();
    }
    bool running = flags & VIR_DOMAIN_SNAPSHOT_REVERT_RUNNING;
    bool paused = flags & VIR_DOMAIN_SNAPSHOT_REVERT_PAUSED;
    if (x->memory_file) { /* a snapshot with memory: the domain runs again as it was */
        unsigned int rf = paused ? VIR_DOMAIN_SAVE_PAUSED : running ? VIR_DOMAIN_SAVE_RUNNING : 0;
        if (virDomainRestoreFlags(sh->conn, x->memory_file, cfg, rf) < 0)
            return err_libvirt(sh, "domain '%s' was reverted to the disks of snapshot '%s', but "
                               "its memory could not be restored from %s", name, snap,
                               x->memory_file);
        return CMD_OK;
    }
    if (!running && !paused)
        return CMD_OK; /* a disk snapshot: the domain stays shut off, as libvirt leaves it */
    if (virDomainCreateWithFlags(d, paused ? VIR_DOMAIN_START_PAUSED : 0) < 0)
        return err_libvirt(sh, "domain '%s' was reverted to snapshot '%s', but it did not start",
                           name, snap);
    return CMD_OK;
}

/* The steps up to the start, Ctrl-C looked at between them. */
static int revert_steps(struct shell *sh, virDomainPtr d, virDomainSnapshotPtr m, struct ext *x,
                        unsigned int flags, virStoragePoolPtr *made)
{
    if (make_overlays(sh, x, made))
        return CMD_FAILED;
    if (ext_interrupted(sh, "new overlays were made, nothing else changed",
                        "run snapshot-revert again (vol-delete removes the unused overlays)"))
        return CMD_FAILED;
    if (stop_domain(sh, d))
        return CMD_FAILED;
    if (ext_interrupted(sh, "the domain is stopped, its config unchanged",
                        "run snapshot-revert again"))
        return CMD_FAILED;
    return define_and_start(sh, d, m, x, flags);
}

int extsnap_revert(struct shell *sh, virDomainPtr d, virDomainSnapshotPtr m, unsigned int flags)
{
    const char *name = virDomainGetName(d);
    if (virDomainIsPersistent(d) != 1)
        return error(sh, "domain '%s' is transient: virtsh reverts to an external snapshot by "
                     "defining the domain's config", name);
    _cleanup_(ext_clear) struct ext x = { 0 };
    if (ext_load(sh, m, &x))
        return CMD_FAILED;
    if (!x.n)
        return error(sh, "snapshot '%s' has no external disk overlay to revert to", x.info.name);
    virStoragePoolPtr made = NULL;
    int rc = revert_steps(sh, d, m, &x, flags, &made);
    if (made) {
        if (virStoragePoolDestroy(made) < 0 && !rc)
            err_note(sh, "the transient pool '%s' made for the overlays stays: pool-destroy "
                     "removes it", virStoragePoolGetName(made));
        virStoragePoolFree(made);
    }
    if (!rc)
        for (size_t i = 0; i < x.n; i++)
            err_note(sh, "disk '%s' of domain '%s' is now on %s (a new overlay on %s)",
                     x.disks[i].target, name, x.disks[i].revert, x.disks[i].base);
    return rc;
}
