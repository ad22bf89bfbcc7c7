/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * cmd/pool-define.c - storage pools from XML or from options: pool-define,
 * pool-define-as, pool-create, pool-create-as, pool-edit.
 */
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
#include <string.h>
#include <unistd.h>

#include "core/strbuf.h"
#include "core/util.h"
#include "core/xml.h"
#include "virt/conn.h"
#include "virt/context.h"
#include "virt/domain.h"
#include "virt/editor.h"
#include "virt/err.h"
#include "virt/storage.h"
#include "cmd/pool.h"

/* --build, --overwrite, --no-overwrite as pool creation flags. */
static unsigned int build_flags(bool build, bool overwrite, bool no_overwrite)
{
    return (build ? VIR_STORAGE_POOL_CREATE_WITH_BUILD : 0) |
           (overwrite ? VIR_STORAGE_POOL_CREATE_WITH_BUILD_OVERWRITE : 0) |
           (no_overwrite ? VIR_STORAGE_POOL_CREATE_WITH_BUILD_NO_OVERWRITE : 0);
}

/* ---- pool-define, pool-create ------------------------------------------- */

struct pool_file_args {
    const char *file;
    bool validate, build, no_overwrite, overwrite;
};

static int cmd_pool_define(struct shell *sh, void *opaque)
{
    struct pool_file_args *a = opaque;
    _cleanup_free_ char *xml = domain_read_xml_file(sh, a->file);
    if (!xml)
        return CMD_FAILED;
    _cleanup_pool_ virStoragePoolPtr p =
        virStoragePoolDefineXML(sh->conn, xml, a->validate ? VIR_STORAGE_POOL_DEFINE_VALIDATE : 0);
    if (!p)
        return err_libvirt(sh, "cannot define a pool from '%s'", a->file);
    _cleanup_free_ char *text = xasprintf("defined from %s", a->file);
    return storage_pool_report(sh, p, NULL, "defined", text);
}

static int cmd_pool_create(struct shell *sh, void *opaque)
{
    struct pool_file_args *a = opaque;
    _cleanup_free_ char *xml = domain_read_xml_file(sh, a->file);
    if (!xml)
        return CMD_FAILED;
    _cleanup_pool_ virStoragePoolPtr p =
        virStoragePoolCreateXML(sh->conn, xml, build_flags(a->build, a->overwrite, a->no_overwrite));
    if (!p)
        return err_libvirt(sh, "cannot create a pool from '%s'", a->file);
    _cleanup_free_ char *text = xasprintf("created from %s", a->file);
    return storage_pool_report(sh, p, NULL, "created", text);
}

/* ---- pool-define-as, pool-create-as -------------------------------------- */

struct pool_as_args {
    const char *name, *type;
    bool print_xml;
    const char *source_host, *source_path, *source_dev, *source_name, *target, *source_format;
    const char *auth_type, *auth_username, *secret_usage, *secret_uuid;
    const char *adapter_name, *adapter_wwnn, *adapter_wwpn, *adapter_parent;
    const char *adapter_parent_wwnn, *adapter_parent_wwpn, *adapter_parent_fabric_wwn;
    const char *source_protocol_ver, *source_initiator;
    bool build, no_overwrite, overwrite;
};

/* BEFORE, the value escaped for XML, AFTER. */
static void put(struct strbuf *b, const char *before, const char *value, const char *after)
{
    _cleanup_free_ char *e = storage_xml_escape(value);
    strbuf_add(b, before);
    strbuf_add(b, e);
    strbuf_add(b, after);
}

static void adapter_xml(struct strbuf *b, const struct pool_as_args *a)
{
    if (a->adapter_wwnn && a->adapter_wwpn) {
        strbuf_add(b, "    <adapter type='fc_host'");
        if (a->adapter_parent) {
            put(b, " parent='", a->adapter_parent, "'");
        } else if (a->adapter_parent_wwnn && a->adapter_parent_wwpn) {
            put(b, " parent_wwnn='", a->adapter_parent_wwnn, "'");
            put(b, " parent_wwpn='", a->adapter_parent_wwpn, "'");
        } else if (a->adapter_parent_fabric_wwn) {
            put(b, " parent_fabric_wwn='", a->adapter_parent_fabric_wwn, "'");
        }
        put(b, " wwnn='", a->adapter_wwnn, "'");
        put(b, " wwpn='", a->adapter_wwpn, "'/>\n");
    } else if (a->adapter_name) {
        put(b, "    <adapter type='scsi_host' name='", a->adapter_name, "'/>\n");
    }
}

static void source_xml(struct strbuf *b, const struct pool_as_args *a)
{
    if (!(a->source_host || a->source_path || a->source_dev || a->source_initiator ||
          a->source_format || a->source_name || (a->adapter_wwnn && a->adapter_wwpn) ||
          a->adapter_name))
        return;
    strbuf_add(b, "  <source>\n");
    if (a->source_host)
        put(b, "    <host name='", a->source_host, "'/>\n");
    if (a->source_path)
        put(b, "    <dir path='", a->source_path, "'/>\n");
    if (a->source_dev)
        put(b, "    <device path='", a->source_dev, "'/>\n");
    if (a->source_initiator)
        put(b, "    <initiator>\n      <iqn name='", a->source_initiator, "'/>\n    </initiator>\n");
    adapter_xml(b, a);
    if (a->auth_type && a->auth_username && (a->secret_usage || a->secret_uuid)) {
        put(b, "    <auth type='", a->auth_type, "'");
        put(b, " username='", a->auth_username, "'>\n");
        if (a->secret_usage)
            put(b, "      <secret usage='", a->secret_usage, "'/>\n");
        else
            put(b, "      <secret uuid='", a->secret_uuid, "'/>\n");
        strbuf_add(b, "    </auth>\n");
    }
    if (a->source_format)
        put(b, "    <format type='", a->source_format, "'/>\n");
    if (a->source_name)
        put(b, "    <name>", a->source_name, "</name>\n");
    if (a->source_protocol_ver)
        put(b, "    <protocol ver='", a->source_protocol_ver, "'/>\n");
    strbuf_add(b, "  </source>\n");
}

/* The XML virsh's pool-define-as makes from the same options. */
static char *pool_as_xml(const struct pool_as_args *a)
{
    struct strbuf b = { 0 };
    put(&b, "<pool type='", a->type, "'>\n");
    put(&b, "  <name>", a->name, "</name>\n");
    source_xml(&b, a);
    if (a->target)
        put(&b, "  <target>\n    <path>", a->target, "</path>\n  </target>\n");
    strbuf_add(&b, "</pool>\n");
    return strbuf_steal(&b);
}

static int pool_as(struct shell *sh, struct pool_as_args *a, bool create)
{
    if (a->secret_usage && a->secret_uuid) /* both positional: not a declared exclusion */
        return usage_error(sh, "options '--secret-usage' and '--secret-uuid' cannot be used together");
    _cleanup_free_ char *xml = pool_as_xml(a);
    if (a->print_xml) {
        _cleanup_json_ struct json_object *o = json_object_new_object();
        json_object_object_add(o, "xml", json_object_new_string(xml));
        out_value(&sh->out, o, xml);
        return CMD_OK;
    }
    if (!conn_get(sh))
        return CMD_FAILED;
    _cleanup_pool_ virStoragePoolPtr p =
        create ? virStoragePoolCreateXML(sh->conn, xml, build_flags(a->build, a->overwrite,
                                                                    a->no_overwrite))
               : virStoragePoolDefineXML(sh->conn, xml, 0);
    if (!p)
        return err_libvirt(sh, "cannot %s pool '%s'", create ? "create" : "define", a->name);
    return storage_pool_report(sh, p, a->name, create ? "created" : "defined", create ? "created" : "defined");
}

static int cmd_pool_define_as(struct shell *sh, void *opaque)
{
    return pool_as(sh, opaque, false);
}

static int cmd_pool_create_as(struct shell *sh, void *opaque)
{
    return pool_as(sh, opaque, true);
}

/* ---- pool-edit -------------------------------------------------------------- */

/* Why `edited` cannot become the pool's definition, or NULL after defining
 * it.  Sets *fatal for problems re-editing cannot fix. */
static char *edit_try_define(struct shell *sh, virStoragePoolPtr p, const char *orig,
                             const char *edited, unsigned int flags, bool *fatal)
{
    const char *name = virStoragePoolGetName(p);
    char why[300];
    _cleanup_(xml_doc_freep) xmlDocPtr doc = xml_parse(edited, strlen(edited), why, sizeof(why));
    if (!doc)
        return xasprintf("the edited XML is not well-formed: %s", why);
    _cleanup_free_ char *newname = xml_get(xmlDocGetRootElement(doc), "/pool/name");
    if (newname && !str_eq(newname, name))
        return xasprintf("the edited XML renames pool '%s' to '%s': pools cannot be renamed",
                         name, newname);
    /* Someone else may have changed it while the editor ran. */
    _cleanup_free_ char *now = virStoragePoolGetXMLDesc(p, flags);
    if (!now || !str_eq(now, orig)) {
        *fatal = true;
        virResetLastError();
        return xasprintf("pool '%s' was changed by someone else while it was being edited: "
                         "the edits are not applied", name);
    }
    _cleanup_pool_ virStoragePoolPtr np = virStoragePoolDefineXML(sh->conn, edited, 0);
    if (np)
        return NULL;
    err_libvirt(sh, "cannot define the edited XML");
    char *msg = xstrdup(sh->err.message);
    err_clear(sh);
    return msg;
}

struct pool_edit_args {
    const char *pool;
};

static int cmd_pool_edit(struct shell *sh, void *opaque)
{
    const char *ident = ((struct pool_edit_args *)opaque)->pool;
    _cleanup_pool_ virStoragePoolPtr p = storage_pool_lookup(sh, ident);
    if (!p)
        return CMD_FAILED;
    const char *name = virStoragePoolGetName(p);
    unsigned int flags = VIR_STORAGE_XML_INACTIVE;
    _cleanup_free_ char *orig = virStoragePoolGetXMLDesc(p, flags);
    virErrorPtr e = orig ? NULL : virGetLastError();
    if (e && e->code == VIR_ERR_INVALID_ARG) { /* a driver without that flag (test:///) */
        flags = 0;
        orig = virStoragePoolGetXMLDesc(p, flags);
    }
    if (!orig)
        return err_libvirt(sh, "cannot get the XML of pool '%s'", name);
    _cleanup_edit_file_ struct edit_file f = { "" };
    if (edit_file_create(sh, &f, orig, ".xml") < 0)
        return CMD_FAILED;
    bool tty = isatty(STDIN_FILENO) && isatty(STDERR_FILENO), run_editor = true;
    for (;;) {
        if (run_editor && edit_file_run(sh, &f) < 0)
            return CMD_FAILED;
        _cleanup_free_ char *edited = edit_file_read(sh, &f);
        if (!edited)
            return CMD_FAILED;
        if (str_eq(edited, orig))
            return storage_pool_report(sh, p, NULL, "unchanged", "XML configuration not changed.");
        bool fatal = false;
        _cleanup_free_ char *why = edit_try_define(sh, p, orig, edited, flags, &fatal);
        if (!why)
            return storage_pool_report(sh, p, NULL, "edited", "XML configuration edited.");
        error(sh, "%s", why);
        if (fatal || !tty)
            return CMD_FAILED;
        err_report(sh); /* on a terminal: say what is wrong and offer another go */
        int answer = edit_ask_again(false);
        if (answer != 'y' && answer != 'f')
            return error(sh, "pool '%s' not changed: the edits were discarded", name);
        run_editor = answer == 'y';
    }
}

/* ---- the rows --------------------------------------------------------------- */

#define POOL_FILE_ARG \
    OPT_STRING(struct pool_file_args, "file", file, "pool XML file", .flags = ARG_REQUIRED, \
               .complete = COMPL_FILE)

#define BUILD_OPTS(st) \
    OPT_FLAG(st, "build", build, "build the pool first"), \
    OPT_FLAG(st, "no-overwrite", no_overwrite, "build only if that overwrites nothing", \
             .excl = EXCL(0)), \
    OPT_FLAG(st, "overwrite", overwrite, "build even over existing data", .excl = EXCL(0))

#define AS_STR(nm, field, what) \
    OPT_STRING(struct pool_as_args, nm, field, what, .flags = OPT_POSITIONAL)

/* In virsh's order, which is also the order of their plain words. */
#define POOL_AS_OPTS \
    OPT_STRING(struct pool_as_args, "name", name, "the new pool's name", .flags = ARG_REQUIRED), \
    OPT_STRING(struct pool_as_args, "type", type, "its type (dir, fs, netfs, logical, ...)", \
               .flags = ARG_REQUIRED), \
    OPT_FLAG(struct pool_as_args, "print-xml", print_xml, "print the XML instead of using it"), \
    AS_STR("source-host", source_host, "the host of the source storage"), \
    AS_STR("source-path", source_path, "the path of the source storage"), \
    AS_STR("source-dev", source_dev, "the device of the source storage"), \
    AS_STR("source-name", source_name, "the name of the source storage"), \
    AS_STR("target", target, "the target path (dir pools: the directory)"), \
    AS_STR("source-format", source_format, "the format of the source storage"), \
    AS_STR("auth-type", auth_type, "the authentication type (chap, ceph)"), \
    AS_STR("auth-username", auth_username, "the user name to authenticate as"), \
    OPT_STRING(struct pool_as_args, "secret-usage", secret_usage, \
               "the usage of the secret to authenticate with", .flags = OPT_POSITIONAL), \
    OPT_STRING(struct pool_as_args, "secret-uuid", secret_uuid, \
               "the UUID of the secret to authenticate with (not with --secret-usage)", \
               .flags = OPT_POSITIONAL), \
    AS_STR("adapter-name", adapter_name, "the SCSI adapter name"), \
    AS_STR("adapter-wwnn", adapter_wwnn, "the adapter's WWNN"), \
    AS_STR("adapter-wwpn", adapter_wwpn, "the adapter's WWPN"), \
    AS_STR("adapter-parent", adapter_parent, "the parent scsi_hostN of a vHBA"), \
    AS_STR("adapter-parent-wwnn", adapter_parent_wwnn, "the parent's WWNN"), \
    AS_STR("adapter-parent-wwpn", adapter_parent_wwpn, "the parent's WWPN"), \
    AS_STR("adapter-parent-fabric-wwn", adapter_parent_fabric_wwn, "the parent's fabric WWN"), \
    AS_STR("source-protocol-ver", source_protocol_ver, "the NFS version to mount with"), \
    AS_STR("source-initiator", source_initiator, "the initiator IQN")

#define RESULT_POOL_REPORT \
    RESULT_OBJECT({ "name", RT_STRING, "the pool's name" }, { "uuid", RT_STRING, "its UUID" }, \
                  { "result", RT_STRING, "what was done" })
#define RESULT_POOL_AS \
    RESULT_OBJECT({ "name", RT_STRING | RT_OPTIONAL, "the pool's name" }, \
                  { "uuid", RT_STRING | RT_OPTIONAL, "its UUID" }, \
                  { "result", RT_STRING | RT_OPTIONAL, "what was done" }, \
                  { "xml", RT_STRING | RT_OPTIONAL, "--print-xml: the XML" })

const struct cmd_def pool_define_cmds[] = {
    { .name = "pool-define", .summary = "define (but do not start) a storage pool from an XML file",
      .desc = "Also changes the definition of an existing pool of the same name.",
      .run = cmd_pool_define, .args_size = sizeof(struct pool_file_args), .flags = CMD_MODIFIES,
      .opts = OPTS(POOL_FILE_ARG, OPT_FLAG(struct pool_file_args, "validate", validate,
                                            "validate the XML against the schema")),
      .result = RESULT_POOL_REPORT },
    { .name = "pool-define-as", .summary = "define a storage pool from options",
      .desc = "The options are also plain words, in their order: pool-define-as NAME TYPE HOST PATH "
              "DEV SOURCE-NAME TARGET ...",
      .run = cmd_pool_define_as, .args_size = sizeof(struct pool_as_args),
      .flags = CMD_MODIFIES | CMD_NOCONN,
      .opts = OPTS(POOL_AS_OPTS), .result = RESULT_POOL_AS },
    { .name = "pool-create", .summary = "create and start a transient storage pool from an XML file",
      .run = cmd_pool_create, .args_size = sizeof(struct pool_file_args), .flags = CMD_MODIFIES,
      .opts = OPTS(POOL_FILE_ARG, BUILD_OPTS(struct pool_file_args)), .result = RESULT_POOL_REPORT },
    { .name = "pool-create-as", .summary = "create and start a transient storage pool from options",
      .desc = "The options are also plain words, in their order, as for pool-define-as.",
      .run = cmd_pool_create_as, .args_size = sizeof(struct pool_as_args),
      .flags = CMD_MODIFIES | CMD_NOCONN,
      .opts = OPTS(POOL_AS_OPTS, BUILD_OPTS(struct pool_as_args)), .result = RESULT_POOL_AS },
    { .name = "pool-edit", .summary = "edit a storage pool's XML in an editor",
      .desc = "The editor is $VISUAL, else $EDITOR, else vi.  The edited XML becomes the pool's "
              "definition (for its next start).",
      .run = cmd_pool_edit, .args_size = sizeof(struct pool_edit_args), .flags = CMD_MODIFIES,
      .opts = OPTS(ARG_POOL(struct pool_edit_args, pool, COMPL_POOL)),
      .result = RESULT_POOL_REPORT },
    { 0 },
};
