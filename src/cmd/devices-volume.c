/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * cmd/devices-volume.c - the pool volume of attach-disk --pool/--vol/--size,
 * with libvirt's storage API: looked up, or created before the attach and
 * deleted again if the attach fails (crash table: man page, WHEN A COMMAND
 * IS CUT SHORT).
 */
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
#include <string.h>

#include "core/strbuf.h"
#include "core/util.h"
#include "core/xml.h"
#include "virt/err.h"
#include "cmd/devices.h"

void vol_plan_clear(struct vol_plan *p)
{
    if (p->vol)
        virStorageVolFree(p->vol);
    if (p->pool)
        virStoragePoolFree(p->pool);
    free(p->generated);
    free(p->format);
    free(p->pool_name);
    free(p->vol_name);
    *p = (struct vol_plan){ 0 };
}

/* The format of an existing volume (target/format/@type), or NULL. */
static char *vol_format(virStorageVolPtr vol)
{
    _cleanup_free_ char *xml = virStorageVolGetXMLDesc(vol, 0);
    if (!xml) {
        virResetLastError();
        return NULL;
    }
    char err[256];
    _cleanup_(xml_doc_freep) xmlDocPtr doc = xml_parse(xml, strlen(xml), err, sizeof(err));
    xmlNodePtr root = doc ? xmlDocGetRootElement(doc) : NULL;
    return root ? xml_get(root, "/volume/target/format/@type") : NULL;
}

int vol_plan_prepare(struct shell *sh, struct vol_plan *p, const char *pool, const char *vol,
                     unsigned long long size, const char *format)
{
    p->pool_name = xstrdup(pool);
    p->vol_name = xstrdup(vol);
    p->size = size;
    p->pool = virStoragePoolLookupByName(sh->conn, pool);
    if (!p->pool)
        return err_libvirt(sh, "cannot find storage pool '%s'", pool), -1;
    if (virStoragePoolIsActive(p->pool) != 1)
        return error(sh, "storage pool '%s' is not active: start it with 'pool-start %s'", pool,
                     pool), -1;
    virStorageVolPtr v = virStorageVolLookupByName(p->pool, vol);
    if (size) {
        if (v) {
            virStorageVolFree(v);
            return error(sh, "volume '%s' already exists in pool '%s': attach it without "
                         "'--size'", vol, pool), -1;
        }
        virResetLastError();
        p->format = xstrdup(format);
        return 0;
    }
    if (!v)
        return err_libvirt(sh, "cannot find volume '%s' in pool '%s'", vol, pool), -1;
    p->vol = v;
    p->format = vol_format(v);
    return 0;
}

int vol_plan_create(struct shell *sh, struct vol_plan *p)
{
    struct strbuf b = { 0 };
    strbuf_add(&b, "<volume>\n  <name>");
    dev_escape(&b, p->vol_name);
    strbuf_printf(&b, "</name>\n  <capacity unit='bytes'>%llu</capacity>\n", p->size);
    strbuf_add(&b, "  <target>\n    <format");
    dev_attr(&b, "type", p->format);
    strbuf_add(&b, "/>\n  </target>\n</volume>\n");
    _cleanup_free_ char *xml = strbuf_steal(&b);
    p->vol = virStorageVolCreateXML(p->pool, xml, 0);
    if (!p->vol)
        return err_libvirt(sh, "cannot create volume '%s' in pool '%s'", p->vol_name,
                           p->pool_name), -1;
    p->created = true;
    return 0;
}

void vol_plan_undo(struct shell *sh, struct vol_plan *p)
{
    if (!p->created)
        return;
    _cleanup_free_ char *note = NULL;
    if (virStorageVolDelete(p->vol, 0) == 0) {
        note = xasprintf("; the volume '%s' this command created in pool '%s' was deleted "
                         "again", p->vol_name, p->pool_name);
        p->created = false;
    } else {
        virErrorPtr e = virGetLastError();
        note = xasprintf("; the volume '%s' this command created in pool '%s' could not be "
                         "deleted (%s): delete it with 'vol-delete %s --pool %s'", p->vol_name,
                         p->pool_name, e && e->message ? e->message : "unknown error",
                         p->vol_name, p->pool_name);
        virResetLastError();
    }
    dev_err_append(sh, note);
}

int vol_plan_interrupted(struct shell *sh, struct vol_plan *p, const char *domain,
                         const char *target)
{
    return error(sh, "interrupted: volume '%s' was created in pool '%s' and is not attached; "
                 "attach it with 'attach-disk %s %s --pool %s --vol %s' or delete it with "
                 "'vol-delete %s --pool %s'", p->vol_name, p->pool_name, domain, target,
                 p->pool_name, p->vol_name, p->vol_name, p->pool_name);
}
