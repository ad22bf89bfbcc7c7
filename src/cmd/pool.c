/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * cmd/pool.c - storage pools: what there is (pool-list, pool-info,
 * pool-dumpxml, pool-name, pool-uuid, pool-capabilities,
 * find-storage-pool-sources[-as]).  The group continues in pool-define.c
 * (define, create, edit), pool-state.c (start, stop, build, ...) and
 * pool-event.c.
 */
#include <errno.h>
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

/* ---- one pool's facts, for pool-list and pool-info --------------------- */

struct pool_facts {
    virStoragePoolInfo info;
    bool info_ok;
    int autostart;  /* 0/1, -1 unknown */
    int persistent; /* 0/1, -1 unknown or not asked */
    char *type;     /* from the XML, when asked */
};

static void pool_facts_get(virStoragePoolPtr p, bool persistent, bool type, struct pool_facts *f)
{
    *f = (struct pool_facts){ .autostart = -1, .persistent = -1 };
    f->info_ok = virStoragePoolGetInfo(p, &f->info) == 0;
    if (virStoragePoolGetAutostart(p, &f->autostart) < 0)
        f->autostart = -1;
    if (persistent)
        f->persistent = virStoragePoolIsPersistent(p);
    if (type) {
        _cleanup_free_ char *xml = virStoragePoolGetXMLDesc(p, 0);
        f->type = storage_xml_get(xml, "/pool/@type");
    }
    virResetLastError();
}

/* Sizes are known for a running or degraded pool only. */
static bool sized(const struct pool_facts *f)
{
    return f->info_ok && (f->info.state == VIR_STORAGE_POOL_RUNNING ||
                          f->info.state == VIR_STORAGE_POOL_DEGRADED);
}

static struct json_object *tristate(int v)
{
    return v < 0 ? NULL : json_object_new_boolean(v);
}

static struct json_object *size_json(const struct pool_facts *f, unsigned long long v)
{
    return sized(f) ? json_object_new_int64((int64_t)v) : NULL;
}

static struct json_object *pool_json(virStoragePoolPtr p, const struct pool_facts *f)
{
    struct json_object *o = storage_pool_ident_json(p);
    json_object_object_add(o, "type", storage_json_str(f->type));
    json_object_object_add(o, "state", f->info_ok
                           ? json_object_new_string(storage_pool_state_word(f->info.state)) : NULL);
    json_object_object_add(o, "active", f->info_ok ? json_object_new_boolean(
                               f->info.state != VIR_STORAGE_POOL_INACTIVE) : NULL);
    json_object_object_add(o, "persistent", tristate(f->persistent));
    json_object_object_add(o, "autostart", tristate(f->autostart));
    json_object_object_add(o, "capacity_bytes", size_json(f, f->info.capacity));
    json_object_object_add(o, "allocation_bytes", size_json(f, f->info.allocation));
    json_object_object_add(o, "available_bytes", size_json(f, f->info.available));
    return o;
}

#define POOL_FIELDS \
    { "name", RT_STRING, "the pool's name" }, \
    { "uuid", RT_STRING, "its UUID" }, \
    { "type", RT_STRING | RT_NULL, "its type (dir, fs, logical, ...)" }, \
    { "state", RT_STRING | RT_NULL, "inactive, building, running, degraded or inaccessible" }, \
    { "active", RT_BOOL | RT_NULL, "whether it is active (started)" }, \
    { "persistent", RT_BOOL | RT_NULL, "whether it is defined (not transient)" }, \
    { "autostart", RT_BOOL | RT_NULL, "whether it starts with the host" }, \
    { "capacity_bytes", RT_INT | RT_NULL, "its size; null unless running" }, \
    { "allocation_bytes", RT_INT | RT_NULL, "what its volumes take; null unless running" }, \
    { "available_bytes", RT_INT | RT_NULL, "what is left; null unless running" }

static char *yesno(int v)
{
    return xstrdup(v < 0 ? "unknown" : v ? "yes" : "no");
}

/* ---- pool-list ----------------------------------------------------------- */

struct pool_list_args {
    bool inactive, all, transient, persistent, autostart, no_autostart;
    const char *type;
    bool details, uuid, name;
};

static int by_name(const void *a, const void *b)
{
    return strcasecmp(virStoragePoolGetName(*(virStoragePoolPtr const *)a),
                      virStoragePoolGetName(*(virStoragePoolPtr const *)b));
}

static int list_flags(struct shell *sh, const struct pool_list_args *a, unsigned int *ret)
{
    unsigned int flags = VIR_CONNECT_LIST_STORAGE_POOLS_ACTIVE;
    if (a->inactive)
        flags = VIR_CONNECT_LIST_STORAGE_POOLS_INACTIVE;
    if (a->all)
        flags = VIR_CONNECT_LIST_STORAGE_POOLS_ACTIVE | VIR_CONNECT_LIST_STORAGE_POOLS_INACTIVE;
    if (a->autostart)
        flags |= VIR_CONNECT_LIST_STORAGE_POOLS_AUTOSTART;
    if (a->no_autostart)
        flags |= VIR_CONNECT_LIST_STORAGE_POOLS_NO_AUTOSTART;
    if (a->persistent)
        flags |= VIR_CONNECT_LIST_STORAGE_POOLS_PERSISTENT;
    if (a->transient)
        flags |= VIR_CONNECT_LIST_STORAGE_POOLS_TRANSIENT;
    _cleanup_free_ char *types = a->type ? xstrdup(a->type) : NULL;
    char *save = NULL;
    for (char *t = types ? strtok_r(types, ",", &save) : NULL; t; t = strtok_r(NULL, ",", &save)) {
        unsigned int f = storage_pool_type_flag(t);
        if (!f)
            return usage_error(sh, "invalid pool type '%s' for '--type'", t);
        flags |= f;
    }
    *ret = flags;
    return CMD_OK;
}

/* --name, --uuid: virsh's padded lines in text; the names or UUIDs in JSON. */
static int list_idents(struct shell *sh, const struct pool_list_args *a, virStoragePoolPtr *pools,
                       int n)
{
    _cleanup_strbuf_ struct strbuf text = { 0 };
    _cleanup_json_ struct json_object *arr = json_object_new_array();
    for (int i = 0; i < n; i++) {
        char uuid[VIR_UUID_STRING_BUFLEN] = "";
        virStoragePoolGetUUIDString(pools[i], uuid);
        const char *name = virStoragePoolGetName(pools[i]);
        if (a->uuid)
            strbuf_printf(&text, "%-36s%c", uuid, a->name ? ' ' : '\n');
        if (a->name)
            strbuf_printf(&text, "%-20s\n", name);
        json_object_array_add(arr, json_object_new_string(a->uuid ? uuid : name));
    }
    out_value(&sh->out, arr, strbuf_str(&text));
    return CMD_OK;
}

static struct json_object *text_row(virStoragePoolPtr p, const struct pool_facts *f, bool details)
{
    struct json_object *r = json_object_new_object();
    const char *state = !f->info_ok ? "unknown"
                        : details ? storage_pool_state_word(f->info.state)
                        : f->info.state != VIR_STORAGE_POOL_INACTIVE ? "active" : "inactive";
    _cleanup_free_ char *persistent = yesno(f->persistent);
    json_object_object_add(r, "name", json_object_new_string(virStoragePoolGetName(p)));
    json_object_object_add(r, "state", json_object_new_string(state));
    json_object_object_add(r, "autostart", json_object_new_string(
                               f->autostart < 0 ? "no autostart" : f->autostart ? "yes" : "no"));
    json_object_object_add(r, "persistent", json_object_new_string(persistent));
    const unsigned long long sizes[] = { f->info.capacity, f->info.allocation, f->info.available };
    const char *keys[] = { "capacity", "allocation", "available" };
    for (size_t i = 0; i < ARRAY_SIZE(keys); i++) {
        char *s = !f->info_ok ? xstrdup("unknown") : sized(f) ? storage_pretty_size(sizes[i])
                                                               : xstrdup("-");
        json_object_object_add(r, keys[i], json_object_new_string(s));
        free(s);
    }
    return r;
}

static void pool_list_print(struct shell *sh, const struct pool_list_args *a,
                            virStoragePoolPtr *pools, int n)
{
    bool json = sh->out.mode == OUT_JSON;
    _cleanup_json_ struct json_object *rows = json_object_new_array();
    for (int i = 0; i < n; i++) {
        struct pool_facts f;
        pool_facts_get(pools[i], json || a->details, json, &f);
        json_object_array_add(rows, json ? pool_json(pools[i], &f) : text_row(pools[i], &f, a->details));
        free(f.type);
    }
    static const struct out_col brief[] = {
        { "name", "Name", FMT_PLAIN, NULL }, { "state", "State", FMT_PLAIN, NULL },
        { "autostart", "Autostart", FMT_PLAIN, NULL },
    };
    static const struct out_col details[] = {
        { "name", "Name", FMT_PLAIN, NULL }, { "state", "State", FMT_PLAIN, NULL },
        { "autostart", "Autostart", FMT_PLAIN, NULL }, { "persistent", "Persistent", FMT_PLAIN, NULL },
        { "capacity", "Capacity", FMT_PLAIN, NULL }, { "allocation", "Allocation", FMT_PLAIN, NULL },
        { "available", "Available", FMT_PLAIN, NULL },
    };
    if (a->details)
        out_table(&sh->out, rows, details, ARRAY_SIZE(details));
    else
        out_table(&sh->out, rows, brief, ARRAY_SIZE(brief));
}

static int cmd_pool_list(struct shell *sh, void *opaque)
{
    struct pool_list_args *a = opaque;
    unsigned int flags = 0;
    int rc = list_flags(sh, a, &flags);
    if (rc)
        return rc;
    virStoragePoolPtr *pools = NULL;
    int n = virConnectListAllStoragePools(sh->conn, &pools, flags);
    if (n < 0)
        return err_libvirt(sh, "cannot list pools");
    qsort(pools, (size_t)n, sizeof(*pools), by_name);
    if ((a->uuid || a->name) && !a->details && !(a->uuid && a->name && sh->out.mode == OUT_JSON))
        rc = list_idents(sh, a, pools, n);
    else
        pool_list_print(sh, a, pools, n);
    for (int i = 0; i < n; i++)
        virStoragePoolFree(pools[i]);
    free(pools);
    return rc;
}

/* ---- pool-info ------------------------------------------------------------ */

struct pool_args {
    const char *pool;
};

struct pool_info_args {
    const char *pool;
    bool bytes;
};

static char *size_text(unsigned long long v, bool bytes)
{
    return bytes ? xasprintf("%llu", v) : storage_pretty_size(v);
}

static int cmd_pool_info(struct shell *sh, void *opaque)
{
    struct pool_info_args *a = opaque;
    _cleanup_pool_ virStoragePoolPtr p = storage_pool_lookup(sh, a->pool);
    if (!p)
        return CMD_FAILED;
    struct pool_facts f;
    pool_facts_get(p, true, true, &f);
    _cleanup_free_ char *type = f.type;
    if (!f.info_ok)
        return err_libvirt(sh, "cannot get the information of pool '%s'", a->pool);
    _cleanup_json_ struct json_object *o = pool_json(p, &f);
    char uuid[VIR_UUID_STRING_BUFLEN] = "";
    virStoragePoolGetUUIDString(p, uuid);
    _cleanup_free_ char *persistent = yesno(f.persistent);
    _cleanup_strbuf_ struct strbuf t = { 0 };
    strbuf_printf(&t, "%-15s %s\n%-15s %s\n", "Name:", virStoragePoolGetName(p), "UUID:", uuid);
    strbuf_printf(&t, "%-15s %s\n%-15s %s\n%-15s %s\n", "State:", storage_pool_state_word(f.info.state),
                  "Persistent:", persistent, "Autostart:",
                  f.autostart < 0 ? "no autostart" : f.autostart ? "yes" : "no");
    if (sized(&f)) {
        _cleanup_free_ char *c = size_text(f.info.capacity, a->bytes);
        _cleanup_free_ char *al = size_text(f.info.allocation, a->bytes);
        _cleanup_free_ char *av = size_text(f.info.available, a->bytes);
        strbuf_printf(&t, "%-15s %s\n%-15s %s\n%-15s %s\n", "Capacity:", c, "Allocation:", al,
                      "Available:", av);
    }
    out_value(&sh->out, o, strbuf_str(&t));
    return CMD_OK;
}

/* ---- pool-dumpxml, pool-name, pool-uuid, pool-capabilities --------------- */

struct pool_dumpxml_args {
    const char *pool;
    bool inactive;
    const char *xpath;
    bool wrap;
};

static int cmd_pool_dumpxml(struct shell *sh, void *opaque)
{
    struct pool_dumpxml_args *a = opaque;
    _cleanup_pool_ virStoragePoolPtr p = storage_pool_lookup(sh, a->pool);
    if (!p)
        return CMD_FAILED;
    _cleanup_free_ char *xml = virStoragePoolGetXMLDesc(p, a->inactive ? VIR_STORAGE_XML_INACTIVE : 0);
    if (!xml)
        return err_libvirt(sh, "cannot get the XML of pool '%s'", a->pool);
    return xmlout_print(sh, xml, a->xpath, a->wrap);
}

/* pool-name takes a UUID, pool-uuid a name, as in virsh. */
static int print_ident(struct shell *sh, const char *ident, bool name)
{
    _cleanup_pool_ virStoragePoolPtr p =
        storage_pool_lookup_by(sh, ident, name ? STORAGE_BY_UUID : STORAGE_BY_NAME);
    if (!p)
        return CMD_FAILED;
    _cleanup_json_ struct json_object *o = storage_pool_ident_json(p);
    struct json_object *v = NULL;
    json_object_object_get_ex(o, name ? "name" : "uuid", &v);
    out_value(&sh->out, o, json_object_get_string(v));
    return CMD_OK;
}

static int cmd_pool_name(struct shell *sh, void *opaque)
{
    return print_ident(sh, ((struct pool_args *)opaque)->pool, true);
}

static int cmd_pool_uuid(struct shell *sh, void *opaque)
{
    return print_ident(sh, ((struct pool_args *)opaque)->pool, false);
}

static int cmd_pool_capabilities(struct shell *sh, void *opaque)
{
    (void)opaque;
    _cleanup_free_ char *caps = virConnectGetStoragePoolCapabilities(sh->conn, 0);
    if (!caps)
        return err_libvirt(sh, "cannot get the storage pool capabilities");
    out_xml(&sh->out, caps);
    return CMD_OK;
}

/* ---- find-storage-pool-sources[-as] --------------------------------------- */

struct sources_args {
    const char *type;
    const char *src_spec;           /* find-storage-pool-sources */
    const char *host, *port, *initiator; /* -as */
};

static int find_sources(struct shell *sh, const char *type, const char *spec)
{
    _cleanup_free_ char *list = virConnectFindStoragePoolSources(sh->conn, type, spec, 0);
    if (!list)
        return err_libvirt(sh, "cannot find any %s pool sources", type);
    out_xml(&sh->out, list);
    return CMD_OK;
}

static int cmd_pool_sources(struct shell *sh, void *opaque)
{
    struct sources_args *a = opaque;
    _cleanup_free_ char *spec = NULL;
    if (a->src_spec) {
        spec = read_file(a->src_spec, NULL);
        if (!spec)
            return error(sh, "cannot read '%s': %s", a->src_spec, strerror(errno));
    }
    return find_sources(sh, a->type, spec);
}

static int cmd_pool_sources_as(struct shell *sh, void *opaque)
{
    struct sources_args *a = opaque;
    _cleanup_strbuf_ struct strbuf spec = { 0 };
    if (a->host) {
        _cleanup_free_ char *host = storage_xml_escape(a->host);
        strbuf_printf(&spec, "<source>\n  <host name='%s'", host);
        if (a->port) {
            _cleanup_free_ char *port = storage_xml_escape(a->port);
            strbuf_printf(&spec, " port='%s'", port);
        }
        strbuf_printf(&spec, "/>\n");
        if (a->initiator) {
            _cleanup_free_ char *iqn = storage_xml_escape(a->initiator);
            strbuf_printf(&spec, "  <initiator>\n    <iqn name='%s'/>\n  </initiator>\n", iqn);
        }
        strbuf_printf(&spec, "</source>\n");
    }
    return find_sources(sh, a->type, a->host ? strbuf_str(&spec) : NULL);
}

/* ---- the table -------------------------------------------------------------- */

#define RESULT_POOL RESULT_OBJECT(POOL_FIELDS)
#define RESULT_XML RESULT_OBJECT({ "xml", RT_STRING, "the XML document" })

const struct cmd_group cmd_group_pool = {
    .name = "pool",
    .title = "Storage pools",
    .more = (const struct cmd_def *const[]){ pool_define_cmds, pool_state_cmds, pool_event_cmds,
                                             NULL },
    .cmds = (const struct cmd_def[]){
        { .name = "pool-list", .summary = "list storage pools",
          .desc = "Without a filter, only active pools are listed.  --type takes a comma-separated "
                  "list of pool types.  JSON: every pool's facts, whatever the options (--name or "
                  "--uuid alone: an array of names or UUIDs).",
          .run = cmd_pool_list, .args_size = sizeof(struct pool_list_args),
          .opts = OPTS(OPT_FLAG(struct pool_list_args, "inactive", inactive, "inactive pools only",
                                .excl = EXCL(0)),
                       OPT_FLAG(struct pool_list_args, "all", all, "active and inactive pools",
                                .excl = EXCL(0)),
                       OPT_FLAG(struct pool_list_args, "transient", transient, "transient pools"),
                       OPT_FLAG(struct pool_list_args, "persistent", persistent, "persistent pools"),
                       OPT_FLAG(struct pool_list_args, "autostart", autostart,
                                "pools that start with the host"),
                       OPT_FLAG(struct pool_list_args, "no-autostart", no_autostart,
                                "pools that do not start with the host"),
                       OPT_STRING(struct pool_list_args, "type", type,
                                  "only pools of these types (dir,fs,netfs,logical,...)",
                                  .flags = OPT_POSITIONAL, .metavar = "TYPE[,TYPE...]"),
                       OPT_FLAG(struct pool_list_args, "details", details,
                                "state, persistence and sizes too", .excl = EXCL(1) | EXCL(2)),
                       OPT_FLAG(struct pool_list_args, "uuid", uuid, "print UUIDs only",
                                .excl = EXCL(1)),
                       OPT_FLAG(struct pool_list_args, "name", name, "print names only",
                                .excl = EXCL(2))),
          .result = RESULT_OR(RESULT_VALUES, RS_ARRAY, POOL_FIELDS) },
        { .name = "pool-info", .summary = "show a storage pool's state and sizes",
          .run = cmd_pool_info, .args_size = sizeof(struct pool_info_args),
          .opts = OPTS(ARG_POOL(struct pool_info_args, pool, COMPL_POOL),
                       OPT_FLAG(struct pool_info_args, "bytes", bytes, "sizes in bytes")),
          .result = RESULT_POOL },
        { .name = "pool-dumpxml", .summary = "print a storage pool's XML",
          .desc = "With --xpath, print only what the expression selects, as dumpxml does.",
          .run = cmd_pool_dumpxml, .args_size = sizeof(struct pool_dumpxml_args),
          .opts = OPTS(ARG_POOL(struct pool_dumpxml_args, pool, COMPL_POOL),
                       OPT_FLAG(struct pool_dumpxml_args, "inactive", inactive,
                                "the XML it will have when next started"),
                       OPT_STRING(struct pool_dumpxml_args, "xpath", xpath,
                                  "print only what this XPath expression selects",
                                  .flags = OPT_POSITIONAL, .metavar = "EXPR"),
                       OPT_FLAG(struct pool_dumpxml_args, "wrap", wrap,
                                "wrap the --xpath results in one <nodes> element (ignored without it)")),
          .result = RESULT_OBJECT({ "xml", RT_STRING | RT_OPTIONAL, "the XML document" },
                                  { "nodes", RT_ARRAY | RT_OPTIONAL, "--xpath: the nodes selected" },
                                  { "nodes[]", RT_STRING, "one node, as text" },
                                  { "value", RT_ANY | RT_OPTIONAL, "--xpath: a value selected" }) },
        { .name = "pool-name", .summary = "print the name of the pool with this UUID",
          .run = cmd_pool_name, .args_size = sizeof(struct pool_args),
          .opts = OPTS(OPT_STRING(struct pool_args, "pool", pool, "the pool's UUID",
                                  .flags = ARG_REQUIRED, .complete = COMPL_POOL)),
          .result = RESULT_OBJECT({ "name", RT_STRING, "the pool's name" },
                                  { "uuid", RT_STRING, "its UUID" }) },
        { .name = "pool-uuid", .summary = "print the UUID of the pool with this name",
          .run = cmd_pool_uuid, .args_size = sizeof(struct pool_args),
          .opts = OPTS(OPT_STRING(struct pool_args, "pool", pool, "the pool's name",
                                  .flags = ARG_REQUIRED, .complete = COMPL_POOL)),
          .result = RESULT_OBJECT({ "name", RT_STRING, "the pool's name" },
                                  { "uuid", RT_STRING, "its UUID" }) },
        { .name = "pool-capabilities", .summary = "print what pool types and formats the host supports",
          .run = cmd_pool_capabilities, .result = RESULT_XML },
        { .name = "find-storage-pool-sources",
          .summary = "find what could become pools of a type (volume groups, exports, ...)",
          .run = cmd_pool_sources, .args_size = sizeof(struct sources_args),
          .opts = OPTS(OPT_STRING(struct sources_args, "type", type, "the pool type",
                                  .flags = ARG_REQUIRED),
                       OPT_STRING(struct sources_args, "srcSpec", src_spec,
                                  "a file with the <source> XML to ask about",
                                  .flags = OPT_POSITIONAL, .metavar = "FILE", .complete = COMPL_FILE)),
          .result = RESULT_XML },
        { .name = "find-storage-pool-sources-as",
          .summary = "find what could become pools of a type, on a host",
          .run = cmd_pool_sources_as, .args_size = sizeof(struct sources_args),
          .opts = OPTS(OPT_STRING(struct sources_args, "type", type, "the pool type",
                                  .flags = ARG_REQUIRED),
                       OPT_STRING(struct sources_args, "host", host, "the host to ask",
                                  .flags = OPT_POSITIONAL),
                       OPT_STRING(struct sources_args, "port", port, "its port",
                                  .flags = OPT_POSITIONAL, .needs = "host"),
                       OPT_STRING(struct sources_args, "initiator", initiator,
                                  "the initiator IQN to ask with", .flags = OPT_POSITIONAL,
                                  .needs = "host")),
          .result = RESULT_XML },
        { 0 },
    },
};
