/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "virt/storage.h"

#include <libvirt/virterror.h>
#include <stdlib.h>
#include <string.h>

#include "core/progress.h"
#include "core/strbuf.h"
#include "core/util.h"
#include "core/worker.h"
#include "core/xml.h"
#include "virt/conn.h"
#include "virt/err.h"

virStoragePoolPtr storage_pool_lookup_by(struct shell *sh, const char *ident, unsigned by)
{
    virConnectPtr c = conn_get(sh);
    virStoragePoolPtr p = NULL;
    if (!c)
        return NULL;
    /* virsh's test: as long as a UUID string */
    if ((by & STORAGE_BY_UUID) && strlen(ident) == VIR_UUID_STRING_BUFLEN - 1)
        p = virStoragePoolLookupByUUIDString(c, ident);
    if (!p && (by & STORAGE_BY_NAME))
        p = virStoragePoolLookupByName(c, ident);
    if (!p) {
        virErrorPtr e = virGetLastError();
        if (e && e->code != VIR_ERR_NO_STORAGE_POOL && e->code != VIR_ERR_INVALID_ARG)
            err_libvirt(sh, "cannot look up pool '%s'", ident);
        else if (by == STORAGE_BY_UUID)
            error(sh, "no pool with UUID '%s'", ident);
        else if (by == STORAGE_BY_NAME)
            error(sh, "no pool named '%s'", ident);
        else
            error(sh, "pool '%s' not found", ident);
        virResetLastError();
    }
    return p;
}

virStoragePoolPtr storage_pool_lookup(struct shell *sh, const char *ident)
{
    return storage_pool_lookup_by(sh, ident, STORAGE_BY_UUID | STORAGE_BY_NAME);
}

virStoragePoolPtr storage_vol_pool(struct shell *sh, virStorageVolPtr vol)
{
    const char *name = virStorageVolGetName(vol); /* before: a call clears the last error */
    virStoragePoolPtr p = virStoragePoolLookupByVolume(vol);
    if (!p)
        err_libvirt(sh, "cannot find the pool of volume '%s'", name);
    return p;
}

/* The volume `ident` names in an active pool: by name, key or path. */
static virStorageVolPtr vol_in_pool(struct shell *sh, const char *ident, virStoragePoolPtr pool)
{
    const char *pname = virStoragePoolGetName(pool);
    virStorageVolPtr v = virStorageVolLookupByName(pool, ident);
    if (!v)
        v = virStorageVolLookupByKey(sh->conn, ident);
    if (!v)
        v = virStorageVolLookupByPath(sh->conn, ident);
    virResetLastError();
    if (!v) {
        error(sh, "volume '%s' not found in pool '%s'", ident, pname);
        return NULL;
    }
    _cleanup_pool_ virStoragePoolPtr in = virStoragePoolLookupByVolume(v);
    if (in && !str_eq(virStoragePoolGetName(in), pname)) {
        error(sh, "volume '%s' is not in pool '%s' but in '%s'", ident, pname,
              virStoragePoolGetName(in));
        virStorageVolFree(v);
        return NULL;
    }
    virResetLastError();
    return v;
}

virStorageVolPtr storage_vol_lookup(struct shell *sh, const char *ident, const char *pool)
{
    if (!conn_get(sh))
        return NULL;
    if (pool) {
        _cleanup_pool_ virStoragePoolPtr p = storage_pool_lookup(sh, pool);
        if (!p)
            return NULL;
        if (virStoragePoolIsActive(p) != 1) {
            virResetLastError();
            error(sh, "pool '%s' is not active", pool);
            return NULL;
        }
        return vol_in_pool(sh, ident, p);
    }
    virStorageVolPtr v = virStorageVolLookupByKey(sh->conn, ident);
    if (!v)
        v = virStorageVolLookupByPath(sh->conn, ident);
    if (!v) {
        virErrorPtr e = virGetLastError();
        if (!e || e->code == VIR_ERR_NO_STORAGE_VOL) {
            virResetLastError();
            error(sh, "volume '%s' not found by key or path (a name needs --pool)", ident);
        } else {
            err_libvirt(sh, "cannot look up volume '%s'", ident);
        }
    }
    return v;
}

const char *storage_pool_state_word(int state)
{
    static const char *const w[] = { "inactive", "building", "running", "degraded", "inaccessible" };
    return state >= 0 && (size_t)state < ARRAY_SIZE(w) ? w[state] : "unknown";
}

const char *storage_vol_type_word(int type)
{
    static const char *const w[] = { "file", "block", "dir", "network", "netdir", "ploop" };
    return type >= 0 && (size_t)type < ARRAY_SIZE(w) ? w[type] : "unknown";
}

const char *const storage_pool_types[] = {
    "dir", "fs", "netfs", "logical", "disk", "iscsi", "iscsi-direct", "scsi", "mpath",
    "rbd", "sheepdog", "gluster", "zfs", "vstorage", NULL,
};

unsigned int storage_pool_type_flag(const char *type)
{
    static const unsigned int flags[] = {
        VIR_CONNECT_LIST_STORAGE_POOLS_DIR, VIR_CONNECT_LIST_STORAGE_POOLS_FS,
        VIR_CONNECT_LIST_STORAGE_POOLS_NETFS, VIR_CONNECT_LIST_STORAGE_POOLS_LOGICAL,
        VIR_CONNECT_LIST_STORAGE_POOLS_DISK, VIR_CONNECT_LIST_STORAGE_POOLS_ISCSI,
        VIR_CONNECT_LIST_STORAGE_POOLS_ISCSI_DIRECT, VIR_CONNECT_LIST_STORAGE_POOLS_SCSI,
        VIR_CONNECT_LIST_STORAGE_POOLS_MPATH, VIR_CONNECT_LIST_STORAGE_POOLS_RBD,
        VIR_CONNECT_LIST_STORAGE_POOLS_SHEEPDOG, VIR_CONNECT_LIST_STORAGE_POOLS_GLUSTER,
        VIR_CONNECT_LIST_STORAGE_POOLS_ZFS, VIR_CONNECT_LIST_STORAGE_POOLS_VSTORAGE,
    };
    for (size_t i = 0; i < ARRAY_SIZE(flags); i++)
        if (str_eq(storage_pool_types[i], type))
            return flags[i];
    return 0;
}

char *storage_pretty_size(unsigned long long bytes)
{
    static const char *const units[] = { "B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB" };
    double v = (double)bytes;
    size_t u = 0;
    while (v >= 1024 && u + 1 < ARRAY_SIZE(units)) {
        v /= 1024;
        u++;
    }
    return xasprintf("%.2f %s", v, units[u]);
}

char *storage_xml_escape(const char *s)
{
    struct strbuf b = { 0 };
    for (; *s; s++) {
        switch (*s) {
        case '&': strbuf_add(&b, "&amp;"); break;
        case '<': strbuf_add(&b, "&lt;"); break;
        case '>': strbuf_add(&b, "&gt;"); break;
        case '\'': strbuf_add(&b, "&apos;"); break;
        case '"': strbuf_add(&b, "&quot;"); break;
        default: strbuf_addc(&b, *s); break;
        }
    }
    return strbuf_steal(&b);
}

char *storage_xml_get(const char *xml, const char *expr)
{
    char err[256];
    if (!xml)
        return NULL;
    _cleanup_(xml_doc_freep) xmlDocPtr doc = xml_parse(xml, strlen(xml), err, sizeof(err));
    return doc ? xml_get(xmlDocGetRootElement(doc), expr) : NULL;
}

struct json_object *storage_json_str(const char *s)
{
    return s ? json_object_new_string(s) : NULL;
}

struct json_object *storage_pool_ident_json(virStoragePoolPtr pool)
{
    char uuid[VIR_UUID_STRING_BUFLEN] = "";
    struct json_object *o = json_object_new_object();
    virStoragePoolGetUUIDString(pool, uuid);
    json_object_object_add(o, "name", json_object_new_string(virStoragePoolGetName(pool)));
    json_object_object_add(o, "uuid", json_object_new_string(uuid));
    return o;
}

/* "WHAT SHOWN TEXT" (unless -q), or o with "result": RESULT. */
static int report(struct shell *sh, struct json_object *o, const char *what, const char *shown,
                  const char *result, const char *text)
{
    json_object_object_add(o, "result", json_object_new_string(result));
    _cleanup_free_ char *msg = xasprintf("%s %s %s", what, shown, text);
    out_message(&sh->out, o, msg);
    json_object_put(o);
    return CMD_OK;
}

int storage_pool_report(struct shell *sh, virStoragePoolPtr p, const char *shown, const char *result,
                        const char *text)
{
    return report(sh, storage_pool_ident_json(p), "Pool", shown ? shown : virStoragePoolGetName(p),
                  result, text);
}

struct json_object *storage_vol_ident_json(virStorageVolPtr v)
{
    struct json_object *o = json_object_new_object();
    char *path = virStorageVolGetPath(v);
    virResetLastError();
    json_object_object_add(o, "name", json_object_new_string(virStorageVolGetName(v)));
    json_object_object_add(o, "key", storage_json_str(virStorageVolGetKey(v)));
    json_object_object_add(o, "path", storage_json_str(path));
    free(path);
    return o;
}

int storage_vol_report(struct shell *sh, virStorageVolPtr v, const char *shown, const char *result,
                       const char *text)
{
    return report(sh, storage_vol_ident_json(v), "Vol", shown ? shown : virStorageVolGetName(v),
                  result, text);
}

/* The volume's XML with another name (what virStorageVolCreateXMLFrom gets). */
char *storage_vol_clone_xml(struct shell *sh, virStorageVolPtr v, const char *newname)
{
    const char *name = virStorageVolGetName(v); /* before: a call clears the last error */
    _cleanup_free_ char *xml = virStorageVolGetXMLDesc(v, 0);
    if (!xml) {
        err_libvirt(sh, "cannot get the XML of volume '%s'", name);
        return NULL;
    }
    char why[256];
    _cleanup_(xml_doc_freep) xmlDocPtr doc = xml_parse(xml, strlen(xml), why, sizeof(why));
    xmlNodePtr root = doc ? xmlDocGetRootElement(doc) : NULL;
    xmlNodePtr n = root ? root->children : NULL;
    while (n && !(n->type == XML_ELEMENT_NODE && xmlStrEqual(n->name, BAD_CAST "name")))
        n = n->next;
    if (!n) {
        error(sh, "cannot read the XML of volume '%s': %s", virStorageVolGetName(v),
              doc ? "it has no <name>" : why);
        return NULL;
    }
    xmlNodeSetContent(n, NULL);
    xmlNodeAddContent(n, BAD_CAST newname);
    return xml_node_text(doc, root);
}

/* ---- a volume made from another, with progress ------------------------------ */

struct create_from {
    virStoragePoolPtr pool;
    const char *xml;
    virStorageVolPtr src;
    unsigned int flags;
    virStorageVolPtr made;
    virErrorPtr err; /* the worker thread's error: libvirt keeps it per thread */
};

static void create_from_run(struct worker *w, void *data)
{
    struct create_from *c = data;
    (void)w;
    c->made = virStorageVolCreateXMLFrom(c->pool, c->xml, c->src, c->flags);
    if (!c->made)
        c->err = virSaveLastError();
}

/* How far a copy is: the new volume's allocation (0 while it cannot be asked). */
static unsigned long long copied(virStoragePoolPtr pool, const char *name)
{
    virStorageVolInfo info = { 0 };
    virStorageVolPtr v = virStorageVolLookupByName(pool, name);
    if (v && virStorageVolGetInfo(v, &info) < 0)
        info.allocation = 0;
    if (v)
        virStorageVolFree(v);
    virResetLastError();
    return info.allocation;
}

virStorageVolPtr storage_vol_create_from(struct shell *sh, virStoragePoolPtr pool, const char *xml,
                                         const char *name, virStorageVolPtr src, unsigned int flags)
{
    static const struct worker_ops ops = { .run = create_from_run };
    struct create_from c = { .pool = pool, .xml = xml, .src = src, .flags = flags };
    virStorageVolInfo info = { 0 };
    _cleanup_free_ char *what = xasprintf("copying '%s' to '%s'", virStorageVolGetName(src), name);
    if (virStorageVolGetInfo(src, &info) < 0)
        virResetLastError();
    struct worker *w = worker_start(&ops, &c, 0);
    if (!w) { /* no thread: the call here, without progress */
        create_from_run(NULL, &c);
    } else {
        struct progress p;
        progress_begin(&p, stderr, sh->out.quiet, what);
        /* Ctrl-C cannot stop a copy: the caller sees shell_interrupted after it */
        while (!worker_poll(w, 500))
            if (p.enabled)
                progress_update(&p, copied(pool, name), info.allocation, now_ms());
        worker_wait(w, -1);
        worker_release(w);
        progress_end(&p);
    }
    if (!c.made) {
        err_libvirt_saved(sh, c.err, "cannot copy volume '%s' to '%s'", virStorageVolGetName(src), name);
        virFreeError(c.err);
    }
    return c.made;
}
