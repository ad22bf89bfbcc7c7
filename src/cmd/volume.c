/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * cmd/volume.c - storage volumes: what there is (vol-list, vol-info,
 * vol-dumpxml, vol-key, vol-name, vol-path, vol-pool).  The group goes on
 * in volume-create.c (create, clone, delete, wipe, resize) and
 * volume-xfer.c (upload, download).
 *
 * vol-list makes one call for the list and one per volume for its sizes
 * (--details), like virsh, but not virsh's one more per volume for the
 * path: in a dir, fs or netfs pool a volume's key is its path, which the
 * list already brought (checked against the pool's target for each).
 */
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/strbuf.h"
#include "core/util.h"
#include "virt/conn.h"
#include "virt/context.h"
#include "virt/err.h"
#include "virt/storage.h"
#include "virt/xmlout.h"
#include "cmd/groups.h"
#include "cmd/pool.h"

/* ---- vol-list --------------------------------------------------------------- */

struct vol_list_args {
    const char *pool;
    bool details;
};

static int by_name(const void *a, const void *b)
{
    return strcasecmp(virStorageVolGetName(*(virStorageVolPtr const *)a),
                      virStorageVolGetName(*(virStorageVolPtr const *)b));
}

/* The directory a volume's key is its path in ("/pool/dir/"), or NULL when
 * the pool's volumes are not plain files named in a directory. */
static char *key_dir(virStoragePoolPtr p)
{
    _cleanup_free_ char *xml = virStoragePoolGetXMLDesc(p, 0);
    _cleanup_free_ char *type = storage_xml_get(xml, "/pool/@type");
    _cleanup_free_ char *target = storage_xml_get(xml, "/pool/target/path");
    virResetLastError();
    if (!type || !target || !(str_eq(type, "dir") || str_eq(type, "fs") || str_eq(type, "netfs")))
        return NULL;
    size_t n = strlen(target);
    return xasprintf("%s%s", target, n && target[n - 1] == '/' ? "" : "/");
}

/* A volume's path: its key when that is DIR/NAME, else asked. */
static char *vol_path(virStorageVolPtr v, const char *dir)
{
    const char *key = virStorageVolGetKey(v), *name = virStorageVolGetName(v);
    if (dir && key && str_startswith(key, dir) && str_eq(key + strlen(dir), name))
        return xstrdup(key);
    char *path = virStorageVolGetPath(v);
    virResetLastError();
    return path;
}

struct vol_row {
    char *path;
    virStorageVolInfo info;
    bool info_ok;
};

static struct json_object *vol_json(virStorageVolPtr v, const struct vol_row *r, bool details)
{
    struct json_object *o = json_object_new_object();
    bool sized = details && r->info_ok;
    json_object_object_add(o, "name", json_object_new_string(virStorageVolGetName(v)));
    json_object_object_add(o, "path", storage_json_str(r->path));
    json_object_object_add(o, "key", storage_json_str(virStorageVolGetKey(v)));
    json_object_object_add(o, "type", sized ? json_object_new_string(storage_vol_type_word(r->info.type))
                                            : NULL);
    json_object_object_add(o, "capacity_bytes", sized ? json_object_new_int64((int64_t)r->info.capacity)
                                                      : NULL);
    json_object_object_add(o, "allocation_bytes",
                           sized ? json_object_new_int64((int64_t)r->info.allocation) : NULL);
    return o;
}

static struct json_object *vol_text(virStorageVolPtr v, const struct vol_row *r)
{
    struct json_object *o = json_object_new_object();
    _cleanup_free_ char *cap = r->info_ok ? storage_pretty_size(r->info.capacity) : xstrdup("unknown");
    _cleanup_free_ char *alloc = r->info_ok ? storage_pretty_size(r->info.allocation)
                                            : xstrdup("unknown");
    json_object_object_add(o, "name", json_object_new_string(virStorageVolGetName(v)));
    json_object_object_add(o, "path", json_object_new_string(r->path ? r->path : "unknown"));
    json_object_object_add(o, "type", json_object_new_string(
                               r->info_ok ? storage_vol_type_word(r->info.type) : "unknown"));
    json_object_object_add(o, "capacity", json_object_new_string(cap));
    json_object_object_add(o, "allocation", json_object_new_string(alloc));
    return o;
}

static int cmd_vol_list(struct shell *sh, void *opaque)
{
    struct vol_list_args *a = opaque;
    _cleanup_pool_ virStoragePoolPtr p = storage_pool_lookup(sh, a->pool);
    if (!p)
        return CMD_FAILED;
    virStorageVolPtr *vols = NULL;
    int n = virStoragePoolListAllVolumes(p, &vols, 0);
    if (n < 0)
        return err_libvirt(sh, "cannot list the volumes of pool '%s'", a->pool);
    qsort(vols, (size_t)n, sizeof(*vols), by_name);
    bool json = sh->out.mode == OUT_JSON;
    _cleanup_free_ char *dir = n ? key_dir(p) : NULL;
    _cleanup_json_ struct json_object *rows = json_object_new_array();
    for (int i = 0; i < n; i++) {
        struct vol_row r = { .path = vol_path(vols[i], dir) };
        if (a->details)
            r.info_ok = virStorageVolGetInfo(vols[i], &r.info) == 0;
        virResetLastError();
        json_object_array_add(rows, json ? vol_json(vols[i], &r, a->details) : vol_text(vols[i], &r));
        free(r.path);
        virStorageVolFree(vols[i]);
    }
    free(vols);
    static const struct out_col cols[] = {
        { "name", "Name", FMT_PLAIN, NULL }, { "path", "Path", FMT_PLAIN, NULL },
        { "type", "Type", FMT_PLAIN, NULL }, { "capacity", "Capacity", FMT_PLAIN, NULL },
        { "allocation", "Allocation", FMT_PLAIN, NULL },
    };
    out_table(&sh->out, rows, cols, a->details ? ARRAY_SIZE(cols) : 2);
    return CMD_OK;
}

/* ---- vol-info ---------------------------------------------------------------- */

struct vol_info_args {
    const char *vol, *pool;
    bool bytes, physical;
};

static char *size_text(unsigned long long v, bool bytes)
{
    return bytes ? xasprintf("%llu bytes", v) : storage_pretty_size(v);
}

static int cmd_vol_info(struct shell *sh, void *opaque)
{
    struct vol_info_args *a = opaque;
    _cleanup_vol_ virStorageVolPtr v = storage_vol_lookup(sh, a->vol, a->pool);
    if (!v)
        return CMD_FAILED;
    virStorageVolInfo info;
    if ((a->physical ? virStorageVolGetInfoFlags(v, &info, VIR_STORAGE_VOL_GET_PHYSICAL)
                     : virStorageVolGetInfo(v, &info)) < 0)
        return err_libvirt(sh, "cannot get the information of volume '%s'", a->vol);
    _cleanup_json_ struct json_object *o = json_object_new_object();
    json_object_object_add(o, "name", json_object_new_string(virStorageVolGetName(v)));
    json_object_object_add(o, "key", storage_json_str(virStorageVolGetKey(v)));
    json_object_object_add(o, "type", json_object_new_string(storage_vol_type_word(info.type)));
    json_object_object_add(o, "capacity_bytes", json_object_new_int64((int64_t)info.capacity));
    json_object_object_add(o, a->physical ? "physical_bytes" : "allocation_bytes",
                           json_object_new_int64((int64_t)info.allocation));
    json_object_object_add(o, a->physical ? "allocation_bytes" : "physical_bytes", NULL);
    _cleanup_free_ char *cap = size_text(info.capacity, a->bytes);
    _cleanup_free_ char *alloc = size_text(info.allocation, a->bytes);
    _cleanup_free_ char *text = xasprintf("%-15s %s\n%-15s %s\n%-15s %s\n%-15s %s\n", "Name:",
                                          virStorageVolGetName(v), "Type:",
                                          storage_vol_type_word(info.type), "Capacity:", cap,
                                          a->physical ? "Physical:" : "Allocation:", alloc);
    out_value(&sh->out, o, text);
    return CMD_OK;
}

/* ---- vol-dumpxml, vol-key, vol-name, vol-path, vol-pool --------------------- */

struct vol_dumpxml_args {
    const char *vol, *pool, *xpath;
    bool wrap;
};

static int cmd_vol_dumpxml(struct shell *sh, void *opaque)
{
    struct vol_dumpxml_args *a = opaque;
    _cleanup_vol_ virStorageVolPtr v = storage_vol_lookup(sh, a->vol, a->pool);
    if (!v)
        return CMD_FAILED;
    _cleanup_free_ char *xml = virStorageVolGetXMLDesc(v, 0);
    if (!xml)
        return err_libvirt(sh, "cannot get the XML of volume '%s'", a->vol);
    return xmlout_print(sh, xml, a->xpath, a->wrap);
}

struct vol_ident_args {
    const char *vol, *pool;
    bool uuid;
};

/* {"name", "key", "path", "pool"} of a volume. */
static struct json_object *ident_json(virStorageVolPtr v, const char *path, virStoragePoolPtr p)
{
    struct json_object *o = json_object_new_object();
    json_object_object_add(o, "name", json_object_new_string(virStorageVolGetName(v)));
    json_object_object_add(o, "key", storage_json_str(virStorageVolGetKey(v)));
    json_object_object_add(o, "path", storage_json_str(path));
    json_object_object_add(o, "pool", p ? storage_pool_ident_json(p) : NULL);
    return o;
}

enum vol_ident { IDENT_KEY, IDENT_NAME, IDENT_PATH, IDENT_POOL };

static int print_ident(struct shell *sh, const struct vol_ident_args *a, enum vol_ident what)
{
    /* vol-name and vol-pool take a key or a path, as in virsh */
    bool by_name = what == IDENT_KEY || what == IDENT_PATH;
    _cleanup_vol_ virStorageVolPtr v = storage_vol_lookup(sh, a->vol, by_name ? a->pool : NULL);
    if (!v)
        return CMD_FAILED;
    _cleanup_free_ char *path = virStorageVolGetPath(v);
    if (!path && what == IDENT_PATH)
        return err_libvirt(sh, "cannot get the path of volume '%s'", a->vol);
    _cleanup_pool_ virStoragePoolPtr p = storage_vol_pool(sh, v);
    if (!p && what == IDENT_POOL)
        return CMD_FAILED;
    err_clear(sh);
    virResetLastError();
    char uuid[VIR_UUID_STRING_BUFLEN] = "";
    const char *text = path;
    if (what == IDENT_KEY)
        text = virStorageVolGetKey(v);
    else if (what == IDENT_NAME)
        text = virStorageVolGetName(v);
    else if (what == IDENT_POOL && a->uuid)
        text = virStoragePoolGetUUIDString(p, uuid) == 0 ? uuid : "";
    else if (what == IDENT_POOL)
        text = virStoragePoolGetName(p);
    _cleanup_json_ struct json_object *o = ident_json(v, path, p);
    out_value(&sh->out, o, text);
    return CMD_OK;
}

static int cmd_vol_key(struct shell *sh, void *opaque)
{
    return print_ident(sh, opaque, IDENT_KEY);
}

static int cmd_vol_name(struct shell *sh, void *opaque)
{
    return print_ident(sh, opaque, IDENT_NAME);
}

static int cmd_vol_path(struct shell *sh, void *opaque)
{
    return print_ident(sh, opaque, IDENT_PATH);
}

static int cmd_vol_pool(struct shell *sh, void *opaque)
{
    return print_ident(sh, opaque, IDENT_POOL);
}

/* ---- the table ------------------------------------------------------------------ */

#define RESULT_IDENT \
    RESULT_OBJECT({ "name", RT_STRING, "the volume's name" }, \
                  { "key", RT_STRING | RT_NULL, "its key" }, \
                  { "path", RT_STRING | RT_NULL, "its path" }, \
                  { "pool", RT_OBJECT | RT_NULL, "its pool" }, \
                  { "pool.name", RT_STRING, "the pool's name" }, \
                  { "pool.uuid", RT_STRING, "the pool's UUID" })

#define VOL_IDENT(nm, fn, summ, by_key_or_path, ...) \
    { .name = nm, .summary = summ, .run = fn, .args_size = sizeof(struct vol_ident_args), \
      .opts = OPTS(OPT_STRING(struct vol_ident_args, "vol", vol, \
                              (by_key_or_path) ? "volume key or path" \
                                               : "volume name (with --pool), key or path", \
                              .flags = ARG_REQUIRED, .complete = COMPL_VOLUME), \
                   ##__VA_ARGS__), \
      .result = RESULT_IDENT }

const struct cmd_group cmd_group_volume = {
    .name = "volume",
    .title = "Storage volumes",
    .more = (const struct cmd_def *const[]){ volume_create_cmds, volume_xfer_cmds, NULL },
    .cmds = (const struct cmd_def[]){
        { .name = "vol-list", .summary = "list the volumes of a storage pool",
          .run = cmd_vol_list, .args_size = sizeof(struct vol_list_args),
          .opts = OPTS(ARG_POOL(struct vol_list_args, pool, COMPL_POOL_ACTIVE),
                       OPT_FLAG(struct vol_list_args, "details", details, "type and sizes too")),
          .result = RESULT_ARRAY({ "name", RT_STRING, "the volume's name" },
                                 { "path", RT_STRING | RT_NULL, "its path" },
                                 { "key", RT_STRING | RT_NULL, "its key" },
                                 { "type", RT_STRING | RT_NULL,
                                   "file, block, dir, network, netdir or ploop; null without --details" },
                                 { "capacity_bytes", RT_INT | RT_NULL,
                                   "its size as the guest sees it; null without --details" },
                                 { "allocation_bytes", RT_INT | RT_NULL,
                                   "what it takes on the host; null without --details" }) },
        { .name = "vol-info", .summary = "show a storage volume's type and sizes",
          .run = cmd_vol_info, .args_size = sizeof(struct vol_info_args),
          .opts = OPTS(ARG_VOL(struct vol_info_args, vol), OPT_VOL_POOL(struct vol_info_args, pool),
                       OPT_FLAG(struct vol_info_args, "bytes", bytes, "sizes in bytes"),
                       OPT_FLAG(struct vol_info_args, "physical", physical,
                                "the size of the file (or device) instead of the allocation")),
          .result = RESULT_OBJECT({ "name", RT_STRING, "the volume's name" },
                                  { "key", RT_STRING | RT_NULL, "its key" },
                                  { "type", RT_STRING, "file, block, dir, network, netdir or ploop" },
                                  { "capacity_bytes", RT_INT, "its size as the guest sees it" },
                                  { "allocation_bytes", RT_INT | RT_NULL,
                                    "what it takes on the host (null with --physical)" },
                                  { "physical_bytes", RT_INT | RT_NULL,
                                    "--physical: the size of its file or device" }) },
        { .name = "vol-dumpxml", .summary = "print a storage volume's XML",
          .desc = "With --xpath, print only what the expression selects, as dumpxml does.",
          .run = cmd_vol_dumpxml, .args_size = sizeof(struct vol_dumpxml_args),
          .opts = OPTS(ARG_VOL(struct vol_dumpxml_args, vol),
                       OPT_VOL_POOL(struct vol_dumpxml_args, pool),
                       OPT_STRING(struct vol_dumpxml_args, "xpath", xpath,
                                  "print only what this XPath expression selects",
                                  .flags = OPT_POSITIONAL, .metavar = "EXPR"),
                       OPT_FLAG(struct vol_dumpxml_args, "wrap", wrap,
                                "wrap the --xpath results in one <nodes> element (ignored without it)")),
          .result = RESULT_OBJECT({ "xml", RT_STRING | RT_OPTIONAL, "the XML document" },
                                  { "nodes", RT_ARRAY | RT_OPTIONAL, "--xpath: the nodes selected" },
                                  { "nodes[]", RT_STRING, "one node, as text" },
                                  { "value", RT_ANY | RT_OPTIONAL, "--xpath: a value selected" }) },
        VOL_IDENT("vol-key", cmd_vol_key, "print a storage volume's key", false,
                  OPT_VOL_POOL(struct vol_ident_args, pool)),
        VOL_IDENT("vol-name", cmd_vol_name, "print the name of the volume with this key or path",
                  true),
        VOL_IDENT("vol-path", cmd_vol_path, "print a storage volume's path", false,
                  OPT_VOL_POOL(struct vol_ident_args, pool)),
        VOL_IDENT("vol-pool", cmd_vol_pool, "print the pool of the volume with this key or path",
                  true, OPT_FLAG(struct vol_ident_args, "uuid", uuid, "print the pool's UUID")),
        { 0 },
    },
};
