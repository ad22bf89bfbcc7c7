/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * cmd/volume-create.c - storage volumes made, changed and removed, one
 * state-changing libvirt call each: vol-create, vol-create-as,
 * vol-create-from, vol-clone, vol-delete, vol-wipe, vol-resize.
 */
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
#include <string.h>

#include "core/args.h"
#include "core/strbuf.h"
#include "core/util.h"
#include "core/xml.h"
#include "virt/conn.h"
#include "virt/context.h"
#include "virt/domain.h"
#include "virt/err.h"
#include "virt/storage.h"
#include "cmd/pool.h"

static int parse_size(struct shell *sh, const char *opt, const char *s, unsigned long long *ret)
{
    if (args_parse_scaled(s, 1, ret) < 0)
        return usage_error(sh, "invalid size '%s' for '--%s': a number of bytes, or with a unit "
                           "(512K, 10M, 2G, 1T)", s, opt);
    return CMD_OK;
}

/* ---- vol-create, vol-create-from ------------------------------------------ */

struct vol_create_args {
    const char *pool, *file, *vol, *inputpool;
    bool prealloc_metadata, reflink, validate;
};

static unsigned int create_flags(const struct vol_create_args *a)
{
    return (a->prealloc_metadata ? VIR_STORAGE_VOL_CREATE_PREALLOC_METADATA : 0) |
           (a->reflink ? VIR_STORAGE_VOL_CREATE_REFLINK : 0) |
           (a->validate ? VIR_STORAGE_VOL_CREATE_VALIDATE : 0);
}

static int cmd_vol_create(struct shell *sh, void *opaque)
{
    struct vol_create_args *a = opaque;
    _cleanup_pool_ virStoragePoolPtr p = storage_pool_lookup(sh, a->pool);
    if (!p)
        return CMD_FAILED;
    _cleanup_free_ char *xml = domain_read_xml_file(sh, a->file);
    if (!xml)
        return CMD_FAILED;
    _cleanup_vol_ virStorageVolPtr v = virStorageVolCreateXML(p, xml, create_flags(a));
    if (!v)
        return err_libvirt(sh, "cannot create a volume from '%s'", a->file);
    _cleanup_free_ char *text = xasprintf("created from %s", a->file);
    return storage_vol_report(sh, v, NULL, "created", text);
}

static int cmd_vol_create_from(struct shell *sh, void *opaque)
{
    struct vol_create_args *a = opaque;
    _cleanup_pool_ virStoragePoolPtr p = storage_pool_lookup(sh, a->pool);
    if (!p)
        return CMD_FAILED;
    _cleanup_vol_ virStorageVolPtr in = storage_vol_lookup(sh, a->vol, a->inputpool);
    if (!in)
        return CMD_FAILED;
    _cleanup_free_ char *xml = domain_read_xml_file(sh, a->file);
    if (!xml)
        return CMD_FAILED;
    _cleanup_free_ char *name = storage_xml_get(xml, "/volume/name");
    _cleanup_vol_ virStorageVolPtr v =
        storage_vol_create_from(sh, p, xml, name ? name : a->file, in, create_flags(a));
    if (!v)
        return CMD_FAILED;
    _cleanup_free_ char *text = xasprintf("created from input vol %s", virStorageVolGetName(in));
    return storage_vol_report(sh, v, NULL, "created", text);
}

/* ---- vol-create-as -------------------------------------------------------------- */

struct vol_as_args {
    const char *pool, *name, *capacity, *allocation, *format, *backing_vol, *backing_vol_format;
    bool prealloc_metadata, print_xml;
};

/* The <backingStore> of --backing-vol: a volume by name in the pool, key
 * or path. */
static int backing_xml(struct shell *sh, virStoragePoolPtr p, const struct vol_as_args *a,
                       struct strbuf *b)
{
    virStorageVolPtr v = virStorageVolLookupByName(p, a->backing_vol);
    if (!v)
        v = virStorageVolLookupByKey(sh->conn, a->backing_vol);
    if (!v)
        v = virStorageVolLookupByPath(sh->conn, a->backing_vol);
    virResetLastError();
    if (!v)
        return error(sh, "backing volume '%s' not found", a->backing_vol);
    _cleanup_free_ char *path = virStorageVolGetPath(v);
    virStorageVolFree(v);
    if (!path)
        return err_libvirt(sh, "cannot get the path of volume '%s'", a->backing_vol);
    _cleanup_free_ char *epath = storage_xml_escape(path);
    strbuf_printf(b, "  <backingStore>\n    <path>%s</path>\n", epath);
    if (a->backing_vol_format) {
        _cleanup_free_ char *f = storage_xml_escape(a->backing_vol_format);
        strbuf_printf(b, "    <format type='%s'/>\n", f);
    }
    strbuf_add(b, "  </backingStore>\n");
    return CMD_OK;
}

/* The XML virsh's vol-create-as makes from the same options. */
static int vol_as_xml(struct shell *sh, virStoragePoolPtr p, const struct vol_as_args *a,
                      char **ret)
{
    unsigned long long capacity, allocation = 0;
    int rc = parse_size(sh, "capacity", a->capacity, &capacity);
    if (!rc && a->allocation)
        rc = parse_size(sh, "allocation", a->allocation, &allocation);
    if (rc)
        return rc;
    _cleanup_strbuf_ struct strbuf b = { 0 };
    _cleanup_free_ char *name = storage_xml_escape(a->name);
    strbuf_printf(&b, "<volume>\n  <name>%s</name>\n  <capacity>%llu</capacity>\n", name, capacity);
    if (a->allocation)
        strbuf_printf(&b, "  <allocation>%llu</allocation>\n", allocation);
    if (a->format) {
        _cleanup_free_ char *f = storage_xml_escape(a->format);
        strbuf_printf(&b, "  <target>\n    <format type='%s'/>\n  </target>\n", f);
    }
    if (a->backing_vol && (rc = backing_xml(sh, p, a, &b)))
        return rc;
    strbuf_add(&b, "</volume>\n");
    *ret = strbuf_steal(&b);
    return CMD_OK;
}

static int cmd_vol_create_as(struct shell *sh, void *opaque)
{
    struct vol_as_args *a = opaque;
    int rc;
    _cleanup_pool_ virStoragePoolPtr p = storage_pool_lookup(sh, a->pool);
    if (!p)
        return CMD_FAILED;
    _cleanup_free_ char *xml = NULL;
    if ((rc = vol_as_xml(sh, p, a, &xml)))
        return rc;
    if (a->print_xml) {
        out_xml(&sh->out, xml);
        return CMD_OK;
    }
    _cleanup_vol_ virStorageVolPtr v = virStorageVolCreateXML(
        p, xml, a->prealloc_metadata ? VIR_STORAGE_VOL_CREATE_PREALLOC_METADATA : 0);
    if (!v)
        return err_libvirt(sh, "cannot create volume '%s' in pool '%s'", a->name, a->pool);
    return storage_vol_report(sh, v, a->name, "created", "created");
}

/* ---- vol-clone -------------------------------------------------------------------- */

struct vol_clone_args {
    const char *vol, *newname, *pool;
    bool prealloc_metadata, reflink, print_xml;
};

static int cmd_vol_clone(struct shell *sh, void *opaque)
{
    struct vol_clone_args *a = opaque;
    _cleanup_vol_ virStorageVolPtr v = storage_vol_lookup(sh, a->vol, a->pool);
    if (!v)
        return CMD_FAILED;
    _cleanup_pool_ virStoragePoolPtr p = storage_vol_pool(sh, v);
    if (!p)
        return CMD_FAILED;
    _cleanup_free_ char *xml = storage_vol_clone_xml(sh, v, a->newname);
    if (!xml)
        return CMD_FAILED;
    if (a->print_xml) {
        out_xml(&sh->out, xml);
        /* virsh prints the XML without its last newline: the blank line ends it */
        out_line_ends_command(&sh->out);
        return CMD_OK;
    }
    unsigned int flags = (a->prealloc_metadata ? VIR_STORAGE_VOL_CREATE_PREALLOC_METADATA : 0) |
                         (a->reflink ? VIR_STORAGE_VOL_CREATE_REFLINK : 0);
    _cleanup_vol_ virStorageVolPtr nv = storage_vol_create_from(sh, p, xml, a->newname, v, flags);
    if (!nv)
        return CMD_FAILED;
    _cleanup_free_ char *text = xasprintf("cloned from %s", virStorageVolGetName(v));
    return storage_vol_report(sh, nv, NULL, "cloned", text);
}

/* ---- vol-delete, vol-wipe ------------------------------------------------------------- */

struct vol_change_args {
    const char *vol, *pool;
    bool delete_snapshots;
    int algorithm;
};

static int cmd_vol_delete(struct shell *sh, void *opaque)
{
    struct vol_change_args *a = opaque;
    _cleanup_vol_ virStorageVolPtr v = storage_vol_lookup(sh, a->vol, a->pool);
    if (!v)
        return CMD_FAILED;
    _cleanup_json_ struct json_object *o = storage_vol_ident_json(v);
    if (virStorageVolDelete(v, a->delete_snapshots ? VIR_STORAGE_VOL_DELETE_WITH_SNAPSHOTS : 0) < 0)
        return err_libvirt(sh, "cannot delete volume '%s'", a->vol);
    json_object_object_add(o, "result", json_object_new_string("deleted"));
    _cleanup_free_ char *msg = xasprintf("Vol %s deleted", a->vol);
    out_message(&sh->out, o, msg);
    return CMD_OK;
}

/* In virStorageVolWipeAlgorithm order. */
static const char *const wipe_algorithms[] = {
    "zero", "nnsa", "dod", "bsi", "gutmann", "schneier", "pfitzner7", "pfitzner33", "random", "trim",
    NULL,
};

static int cmd_vol_wipe(struct shell *sh, void *opaque)
{
    struct vol_change_args *a = opaque;
    _cleanup_vol_ virStorageVolPtr v = storage_vol_lookup(sh, a->vol, a->pool);
    if (!v)
        return CMD_FAILED;
    int alg = a->algorithm < 0 ? VIR_STORAGE_VOL_WIPE_ALG_ZERO : a->algorithm;
    int rc = virStorageVolWipePattern(v, (unsigned int)alg, 0);
    if (rc < 0 && alg == VIR_STORAGE_VOL_WIPE_ALG_ZERO) {
        virErrorPtr e = virGetLastError();
        if (e && e->code == VIR_ERR_NO_SUPPORT) /* an older daemon: the plain call */
            rc = virStorageVolWipe(v, 0);
    }
    if (rc < 0)
        return err_libvirt(sh, "cannot wipe volume '%s'", a->vol);
    return storage_vol_report(sh, v, a->vol, "wiped", "wiped");
}

/* ---- vol-resize ---------------------------------------------------------------------- */

struct vol_resize_args {
    const char *vol, *capacity, *pool;
    bool allocate, delta, shrink;
};

static int cmd_vol_resize(struct shell *sh, void *opaque)
{
    struct vol_resize_args *a = opaque;
    const char *size = a->capacity;
    bool negative = *size == '-';
    if (negative && !a->shrink)
        return usage_error(sh, "a negative size ('%s') needs --shrink", size);
    size += negative; /* virsh takes "-10M --shrink" for "10M --shrink" */
    unsigned long long bytes;
    int rc = parse_size(sh, "capacity", size, &bytes);
    if (rc)
        return rc;
    _cleanup_vol_ virStorageVolPtr v = storage_vol_lookup(sh, a->vol, a->pool);
    if (!v)
        return CMD_FAILED;
    virStorageVolInfo info;
    if (virStorageVolGetInfo(v, &info) < 0)
        return err_libvirt(sh, "cannot get the size of volume '%s'", a->vol);
    const char *name = virStorageVolGetName(v);
    unsigned long long want = a->delta ? (a->shrink ? info.capacity - bytes : info.capacity + bytes)
                                       : bytes;
    if (a->delta && a->shrink && bytes > info.capacity)
        return error(sh, "volume '%s' is smaller than %s: it cannot shrink by that much", name, size);
    if (want < info.capacity && !a->shrink) {
        _cleanup_free_ char *now = storage_pretty_size(info.capacity);
        _cleanup_free_ char *to = storage_pretty_size(want);
        return error(sh, "resizing volume '%s' from %s to %s would shrink it: add --shrink to allow "
                     "that (its data past the new end is lost)", name, now, to);
    }
    unsigned int flags = (a->allocate ? VIR_STORAGE_VOL_RESIZE_ALLOCATE : 0) |
                         (a->delta ? VIR_STORAGE_VOL_RESIZE_DELTA : 0) |
                         (a->shrink ? VIR_STORAGE_VOL_RESIZE_SHRINK : 0);
    if (virStorageVolResize(v, bytes, flags) < 0)
        return err_libvirt(sh, "cannot change the size of volume '%s' %s %s", name,
                           a->delta ? "by" : "to", size);
    _cleanup_json_ struct json_object *o = storage_vol_ident_json(v);
    json_object_object_add(o, "result", json_object_new_string("resized"));
    if (virStorageVolGetInfo(v, &info) == 0)
        json_object_object_add(o, "capacity_bytes", json_object_new_int64((int64_t)info.capacity));
    else
        json_object_object_add(o, "capacity_bytes", NULL);
    virResetLastError();
    _cleanup_free_ char *msg = xasprintf("Size of volume '%s' successfully changed %s %s", name,
                                         a->delta ? "by" : "to", size);
    out_message(&sh->out, o, msg);
    return CMD_OK;
}

/* ---- the rows ------------------------------------------------------------------------------ */

#define RESULT_VOL_REPORT \
    RESULT_OBJECT({ "name", RT_STRING, "the volume's name" }, \
                  { "key", RT_STRING | RT_NULL, "its key" }, \
                  { "path", RT_STRING | RT_NULL, "its path" }, \
                  { "result", RT_STRING, "what was done" })
#define RESULT_VOL_OR_XML \
    RESULT_OBJECT({ "name", RT_STRING | RT_OPTIONAL, "the volume's name" }, \
                  { "key", RT_STRING | RT_NULL | RT_OPTIONAL, "its key" }, \
                  { "path", RT_STRING | RT_NULL | RT_OPTIONAL, "its path" }, \
                  { "result", RT_STRING | RT_OPTIONAL, "what was done" }, \
                  { "xml", RT_STRING | RT_OPTIONAL, "--print-xml: the XML" })

#define CREATE_FLAGS(st) \
    OPT_FLAG(st, "prealloc-metadata", prealloc_metadata, \
             "preallocate the metadata (qcow2) instead of the whole volume")

#define VOL_FILE_ARG \
    OPT_STRING(struct vol_create_args, "file", file, "volume XML file", .flags = ARG_REQUIRED, \
               .complete = COMPL_FILE)

const struct cmd_def volume_create_cmds[] = {
    { .name = "vol-create", .summary = "create a storage volume from an XML file",
      .run = cmd_vol_create, .args_size = sizeof(struct vol_create_args), .flags = CMD_MODIFIES,
      .opts = OPTS(ARG_POOL(struct vol_create_args, pool, COMPL_POOL_ACTIVE), VOL_FILE_ARG,
                   CREATE_FLAGS(struct vol_create_args),
                   OPT_FLAG(struct vol_create_args, "validate", validate,
                            "validate the XML against the schema")),
      .result = RESULT_VOL_REPORT },
    { .name = "vol-create-as", .summary = "create a storage volume from options",
      .desc = "Sizes are bytes, or numbers with a unit (K, M, G, T; KiB, MB, ...).  Give "
              "--allocation 0 for a volume that takes no space until written.",
      .run = cmd_vol_create_as, .args_size = sizeof(struct vol_as_args), .flags = CMD_MODIFIES,
      .opts = OPTS(ARG_POOL(struct vol_as_args, pool, COMPL_POOL_ACTIVE),
                   OPT_STRING(struct vol_as_args, "name", name, "the new volume's name",
                              .flags = ARG_REQUIRED),
                   OPT_STRING(struct vol_as_args, "capacity", capacity, "its size (as the guest sees it)",
                              .flags = ARG_REQUIRED, .metavar = "SIZE"),
                   OPT_STRING(struct vol_as_args, "allocation", allocation,
                              "what to allocate at once (default: the pool's choice)",
                              .flags = OPT_POSITIONAL, .metavar = "SIZE"),
                   OPT_STRING(struct vol_as_args, "format", format,
                              "the format (raw, qcow2, qed, vmdk, and more)", .flags = OPT_POSITIONAL),
                   OPT_STRING(struct vol_as_args, "backing-vol", backing_vol,
                              "a volume to back this one (an overlay on it)", .flags = OPT_POSITIONAL,
                              .complete = COMPL_VOLUME),
                   OPT_STRING(struct vol_as_args, "backing-vol-format", backing_vol_format,
                              "the backing volume's format", .flags = OPT_POSITIONAL,
                              .needs = "backing-vol"),
                   CREATE_FLAGS(struct vol_as_args),
                   OPT_FLAG(struct vol_as_args, "print-xml", print_xml,
                            "print the XML instead of creating the volume")),
      .result = RESULT_VOL_OR_XML },
    { .name = "vol-create-from", .summary = "create a storage volume with another one's data",
      .run = cmd_vol_create_from, .args_size = sizeof(struct vol_create_args), .flags = CMD_MODIFIES,
      .opts = OPTS(ARG_POOL(struct vol_create_args, pool, COMPL_POOL_ACTIVE), VOL_FILE_ARG,
                   OPT_STRING(struct vol_create_args, "vol", vol,
                              "the input volume: name (with --inputpool), key or path",
                              .flags = ARG_REQUIRED, .complete = COMPL_VOLUME),
                   OPT_STRING(struct vol_create_args, "inputpool", inputpool,
                              "the input volume's pool", .flags = OPT_POSITIONAL,
                              .complete = COMPL_POOL_ACTIVE),
                   CREATE_FLAGS(struct vol_create_args),
                   OPT_FLAG(struct vol_create_args, "reflink", reflink,
                            "copy on write where the file system can (btrfs, xfs)"),
                   OPT_FLAG(struct vol_create_args, "validate", validate,
                            "validate the XML against the schema")),
      .result = RESULT_VOL_REPORT },
    { .name = "vol-clone", .summary = "clone a storage volume in its pool",
      .run = cmd_vol_clone, .args_size = sizeof(struct vol_clone_args), .flags = CMD_MODIFIES,
      .opts = OPTS(ARG_VOL(struct vol_clone_args, vol),
                   OPT_STRING(struct vol_clone_args, "newname", newname, "the clone's name",
                              .flags = ARG_REQUIRED),
                   OPT_VOL_POOL(struct vol_clone_args, pool), CREATE_FLAGS(struct vol_clone_args),
                   OPT_FLAG(struct vol_clone_args, "reflink", reflink,
                            "copy on write where the file system can (btrfs, xfs)"),
                   OPT_FLAG(struct vol_clone_args, "print-xml", print_xml,
                            "print the clone's XML instead of cloning")),
      .result = RESULT_VOL_OR_XML },
    { .name = "vol-delete", .summary = "delete a storage volume",
      .run = cmd_vol_delete, .args_size = sizeof(struct vol_change_args), .flags = CMD_MODIFIES,
      .opts = OPTS(ARG_VOL(struct vol_change_args, vol), OPT_VOL_POOL(struct vol_change_args, pool),
                   OPT_FLAG(struct vol_change_args, "delete-snapshots", delete_snapshots,
                            "also delete its snapshots (rbd)")),
      .result = RESULT_VOL_REPORT },
    { .name = "vol-wipe", .summary = "overwrite a storage volume's data",
      .desc = "Ensure that what the volume held cannot be read again: by default it is overwritten "
              "with zeros.",
      .run = cmd_vol_wipe, .args_size = sizeof(struct vol_change_args), .flags = CMD_MODIFIES,
      .opts = OPTS(ARG_VOL(struct vol_change_args, vol), OPT_VOL_POOL(struct vol_change_args, pool),
                   OPT_ENUM(struct vol_change_args, "algorithm", algorithm, wipe_algorithms,
                            "how to overwrite (default zero)", .flags = OPT_POSITIONAL)),
      .result = RESULT_VOL_REPORT },
    { .name = "vol-resize", .summary = "change a storage volume's size",
      .desc = "Safe only for a volume no running guest uses (see blockresize for those).  "
              "Shrinking needs --shrink; with it a leading '-' is allowed and ignored, as in virsh.",
      .run = cmd_vol_resize, .args_size = sizeof(struct vol_resize_args), .flags = CMD_MODIFIES,
      .opts = OPTS(ARG_VOL(struct vol_resize_args, vol),
                   OPT_STRING(struct vol_resize_args, "capacity", capacity,
                              "the new size (or, with --delta, the change)", .flags = ARG_REQUIRED,
                              .metavar = "SIZE"),
                   OPT_VOL_POOL(struct vol_resize_args, pool),
                   OPT_FLAG(struct vol_resize_args, "allocate", allocate,
                            "allocate the new space rather than leaving it sparse"),
                   OPT_FLAG(struct vol_resize_args, "delta", delta, "SIZE is a change, not the new size"),
                   OPT_FLAG(struct vol_resize_args, "shrink", shrink, "allow the volume to shrink")),
      .result = RESULT_OBJECT({ "name", RT_STRING, "the volume's name" },
                              { "key", RT_STRING | RT_NULL, "its key" },
                              { "path", RT_STRING | RT_NULL, "its path" },
                              { "result", RT_STRING, "resized" },
                              { "capacity_bytes", RT_INT | RT_NULL, "its size now" }) },
    { 0 },
};
