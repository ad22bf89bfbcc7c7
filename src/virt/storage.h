/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * virt/storage.h - storage pools and volumes: lookups as virsh makes them
 * (a pool by UUID or name; a volume by name in a given pool, else by key,
 * else by path), their states and types as words, and sizes as virsh
 * prints them ("10.00 GiB").
 */
#pragma once

#include <json-c/json.h>
#include <libvirt/libvirt.h>
#include <stdbool.h>

#include "core/out.h"
#include "virt/context.h"

/* A pool by UUID, else by name.  NULL with "pool 'X' not found" (or
 * libvirt's reason) recorded. */
virStoragePoolPtr storage_pool_lookup(struct shell *sh, const char *ident);
/* The same by UUID or by name only (pool-name, pool-uuid). */
enum { STORAGE_BY_UUID = 1, STORAGE_BY_NAME = 2 };
virStoragePoolPtr storage_pool_lookup_by(struct shell *sh, const char *ident, unsigned by);

/*
 * A volume, as virsh finds it: with `pool` (name or UUID; it must be
 * active), by name in that pool, then by key, then by path (and then it
 * must lie in that pool); without, by key, then by path.  NULL with the
 * error recorded.
 */
virStorageVolPtr storage_vol_lookup(struct shell *sh, const char *ident, const char *pool);

/* The pool a volume lies in; NULL with the error recorded. */
virStoragePoolPtr storage_vol_pool(struct shell *sh, virStorageVolPtr vol);

/* virStoragePoolState as a word: inactive, building, running, degraded,
 * inaccessible ("unknown" for a newer one). */
const char *storage_pool_state_word(int state);
/* virStorageVolType as a word: file, block, dir, network, netdir, ploop. */
const char *storage_vol_type_word(int type);
/* The pool types virsh knows ("dir", "fs", ... "vstorage"), NULL-terminated,
 * in virStoragePoolType order; and the VIR_CONNECT_LIST_STORAGE_POOLS_*
 * flag of one by name (0: unknown). */
extern const char *const storage_pool_types[];
unsigned int storage_pool_type_flag(const char *type);

/* A size as virsh writes it: "%.2lf UNIT" in binary units from B to EiB.
 * Caller frees. */
char *storage_pretty_size(unsigned long long bytes);

/* `s` for XML text or a quoted attribute (&, <, >, ', " escaped).  Caller
 * frees. */
char *storage_xml_escape(const char *s);

/* The text of the first node `expr` selects in `xml`, or NULL. */
char *storage_xml_get(const char *xml, const char *expr);

/* {"name": ..., "uuid": ...} of a pool: the start of the pool results. */
struct json_object *storage_pool_ident_json(virStoragePoolPtr pool);

/* Report an action done to a pool: text "Pool SHOWN TEXT" (unless -q;
 * SHOWN: the pool as the user named it, NULL for its name), JSON {"name",
 * "uuid", "result": RESULT}.  Returns CMD_OK. */
int storage_pool_report(struct shell *sh, virStoragePoolPtr p, const char *shown, const char *result,
                        const char *text);

/* The same for a volume: "Vol SHOWN TEXT", JSON {"name", "key", "path",
 * "result"}. */
int storage_vol_report(struct shell *sh, virStorageVolPtr v, const char *shown, const char *result,
                       const char *text);
/* The volume's XML with another name: what virStorageVolCreateXMLFrom
 * gets to clone it.  NULL with the error recorded. */
char *storage_vol_clone_xml(struct shell *sh, virStorageVolPtr v, const char *newname);
/* virStorageVolCreateXMLFrom in a worker thread, with a progress line (the
 * new volume `name`'s allocation against the source's) on a terminal.
 * libvirt cannot stop a copy: Ctrl-C waits for it (shell_interrupted stays
 * set for the caller).  NULL with the error recorded. */
virStorageVolPtr storage_vol_create_from(struct shell *sh, virStoragePoolPtr pool, const char *xml,
                                         const char *name, virStorageVolPtr src, unsigned int flags);
/* {"name", "key", "path"} of a volume (path null when libvirt has none). */
struct json_object *storage_vol_ident_json(virStorageVolPtr v);

/* The JSON string of s, or null. */
struct json_object *storage_json_str(const char *s);

static inline void storage_pool_freep(virStoragePoolPtr *p)
{
    if (*p)
        virStoragePoolFree(*p);
}
#define _cleanup_pool_ _cleanup_(storage_pool_freep)

static inline void storage_vol_freep(virStorageVolPtr *v)
{
    if (*v)
        virStorageVolFree(*v);
}
#define _cleanup_vol_ _cleanup_(storage_vol_freep)
