/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * cmd/interface.c - the host's network interfaces: iface-list, iface-name,
 * iface-mac, iface-dumpxml, iface-define, iface-undefine, iface-edit,
 * iface-start, iface-destroy, iface-begin, iface-commit, iface-rollback.
 * iface-bridge and iface-unbridge are in interface-bridge.c.
 */
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
#include <string.h>
#include <strings.h>

#include "core/util.h"
#include "virt/conn.h"
#include "virt/context.h"
#include "virt/err.h"
#include "virt/hostobj.h"
#include "cmd/groups.h"
#include "cmd/interface.h"

OBJKIND_BASICS(ifc, virInterface, hostobj_iface)

static const char *ifc_name(void *obj)
{
    return virInterfaceGetName(obj);
}

static void *ifc_define(virConnectPtr c, const char *xml, unsigned int flags)
{
    return virInterfaceDefineXML(c, xml, flags);
}

OBJKIND_ACT(ifc_undefine, virInterfaceUndefine(obj))
OBJKIND_ACT(ifc_start, virInterfaceCreate(obj, 0))
OBJKIND_ACT(ifc_destroy, virInterfaceDestroy(obj, 0))

static const struct objkind iface_kind = {
    .noun = "interface", .title = "Interface", .lookup = ifc_lookup, .free = ifc_free,
    .name = ifc_name, .xml = ifc_xml, .define = ifc_define, .edit_xml_flags = VIR_INTERFACE_XML_INACTIVE,
};

/* ------------------------------------------------------------ iface-list */

struct iface_list_args {
    bool inactive, all;
};

static int ifc_cmp(const void *x, const void *y)
{
    return strcasecmp(virInterfaceGetName(*(virInterfacePtr const *)x),
                      virInterfaceGetName(*(virInterfacePtr const *)y));
}

static int cmd_iface_list(struct shell *sh, void *opaque)
{
    struct iface_list_args *a = opaque;
    unsigned int flags = a->all        ? VIR_CONNECT_LIST_INTERFACES_ACTIVE | VIR_CONNECT_LIST_INTERFACES_INACTIVE
                         : a->inactive ? VIR_CONNECT_LIST_INTERFACES_INACTIVE
                                       : VIR_CONNECT_LIST_INTERFACES_ACTIVE;
    virInterfacePtr *ifs = NULL;
    int n = virConnectListAllInterfaces(sh->conn, &ifs, flags);
    if (n < 0)
        return err_libvirt(sh, "cannot list interfaces");
    qsort(ifs, (size_t)n, sizeof(*ifs), ifc_cmp);
    _cleanup_json_ struct json_object *rows = json_object_new_array();
    for (int i = 0; i < n; i++) {
        int active = virInterfaceIsActive(ifs[i]);
        struct json_object *o = json_object_new_object();
        hostobj_add_str(o, "name", virInterfaceGetName(ifs[i]));
        hostobj_add_str(o, "state", active < 0 ? NULL : active ? "active" : "inactive");
        hostobj_add_str(o, "mac", virInterfaceGetMACString(ifs[i]));
        json_object_array_add(rows, o);
        virInterfaceFree(ifs[i]);
    }
    free(ifs);
    virResetLastError();
    static const struct out_col cols[] = {
        { "name", "Name", FMT_PLAIN },
        { "state", "State", FMT_PLAIN },
        { "mac", "MAC Address", FMT_PLAIN },
    };
    out_table(&sh->out, rows, cols, ARRAY_SIZE(cols));
    return CMD_OK;
}

/* ------------------------------------------------------------ iface-name, iface-mac */

struct iface_args {
    const char *iface;
};

/* The interface with that MAC (iface-name) or that name (iface-mac), and
 * the other of the two. */
static int iface_convert(struct shell *sh, const char *ident, bool by_mac)
{
    virConnectPtr c = conn_get(sh);
    if (!c)
        return CMD_FAILED;
    _cleanup_iface_ virInterfacePtr i = by_mac ? virInterfaceLookupByMACString(c, ident)
                                               : virInterfaceLookupByName(c, ident);
    if (!i) {
        if (virGetLastErrorCode() != VIR_ERR_NO_INTERFACE)
            return err_libvirt(sh, "cannot look up interface '%s'", ident);
        virResetLastError();
        return error(sh, "interface '%s' not found", ident);
    }
    const char *v = by_mac ? virInterfaceGetName(i) : virInterfaceGetMACString(i);
    if (!v)
        return err_libvirt(sh, "cannot get the %s of interface '%s'", by_mac ? "name" : "MAC address", ident);
    _cleanup_json_ struct json_object *o = json_object_new_object();
    hostobj_add_str(o, by_mac ? "name" : "mac", v);
    out_value(&sh->out, o, v);
    return CMD_OK;
}

static int cmd_iface_name(struct shell *sh, void *opaque)
{
    return iface_convert(sh, ((struct iface_args *)opaque)->iface, true);
}

static int cmd_iface_mac(struct shell *sh, void *opaque)
{
    return iface_convert(sh, ((struct iface_args *)opaque)->iface, false);
}

/* ------------------------------------------------------------ transactions */

struct iface_txn {
    int (*call)(virConnectPtr c, unsigned int flags);
    const char *verb, *result, *text;
};

static int cmd_iface_txn(struct shell *sh, void *opaque)
{
    (void)opaque;
    const struct iface_txn *t = sh->current->data;
    if (t->call(sh->conn, 0) < 0)
        return err_libvirt(sh, "cannot %s the network config change transaction", t->verb);
    _cleanup_json_ struct json_object *o = json_object_new_object();
    hostobj_add_str(o, "result", t->result);
    out_message(&sh->out, o, t->text);
    return CMD_OK;
}

/* ------------------------------------------------------------ the table */

#define IFACE_ACT(nm, summ, fn, vb, res, msg) \
    { .name = nm, .summary = summ, .run = cmd_obj_act, .args_size = sizeof(struct obj_args), \
      .flags = CMD_MODIFIES, .result = OBJ_REPORT_RESULT, \
      .data = OBJ_DATA(struct obj_act, .kind = &iface_kind, .act = fn, .verb = vb, .result = res, .fmt = msg), \
      .opts = OPTS(ARG_IFACE(struct obj_args, ident, "interface name or MAC address")) }

#define IFACE_TXN(nm, summ, fn, vb, res, msg) \
    { .name = nm, .summary = summ, .run = cmd_iface_txn, .flags = CMD_MODIFIES, \
      .data = OBJ_DATA(struct iface_txn, .call = fn, .verb = vb, .result = res, .text = msg), \
      .result = RESULT_OBJECT({ "result", RT_STRING, res }) }

static const struct cmd_def iface_cmds[] = {
    { .name = "iface-list", .summary = "list the host's network interfaces",
      .desc = "Without --inactive or --all, only active interfaces. JSON: rows with name, state "
              "(active or inactive) and mac.",
      .run = cmd_iface_list, .args_size = sizeof(struct iface_list_args),
      .opts = OPTS(OPT_FLAG(struct iface_list_args, "inactive", inactive, "inactive interfaces"),
                   OPT_FLAG(struct iface_list_args, "all", all, "active and inactive interfaces")),
      .result = RESULT_ARRAY({ "name", RT_STRING, "the interface's name" },
                             { "state", RT_STRING | RT_NULL, "active or inactive" },
                             { "mac", RT_STRING | RT_NULL, "its MAC address" }) },
    { .name = "iface-name", .summary = "print the name of an interface given its MAC address",
      .run = cmd_iface_name, .args_size = sizeof(struct iface_args),
      .opts = OPTS(OPT_STRING(struct iface_args, "interface", iface, "interface MAC address",
                              .flags = ARG_REQUIRED)),
      .result = RESULT_OBJECT({ "name", RT_STRING, "the interface's name" }) },
    { .name = "iface-mac", .summary = "print the MAC address of an interface given its name",
      .run = cmd_iface_mac, .args_size = sizeof(struct iface_args),
      .opts = OPTS(ARG_IFACE(struct iface_args, iface, "interface name")),
      .result = RESULT_OBJECT({ "mac", RT_STRING, "its MAC address" }) },
    { .name = "iface-dumpxml", .summary = "print a host interface's XML",
      .run = cmd_obj_dumpxml, .args_size = sizeof(struct obj_dumpxml_args),
      .data = OBJ_DATA(struct obj_dumpxml, .kind = &iface_kind, .inactive_flag = VIR_INTERFACE_XML_INACTIVE),
      .opts = OPTS(ARG_IFACE(struct obj_dumpxml_args, ident, "interface name or MAC address"),
                   OPT_FLAG(struct obj_dumpxml_args, "inactive", inactive,
                            "the configuration of the next start, not the live one"),
                   OBJ_XPATH_OPTS),
      .result = OBJ_DUMPXML_RESULT },
    { .name = "iface-define", .summary = "define or change a host interface from an XML file",
      .run = cmd_obj_make, .args_size = sizeof(struct obj_file_args), .flags = CMD_MODIFIES,
      .result = OBJ_REPORT_RESULT,
      .data = OBJ_DATA(struct obj_make, .kind = &iface_kind, .make = ifc_define,
                       .validate_flag = VIR_INTERFACE_DEFINE_VALIDATE, .result = "defined",
                       .fmt = "Interface %s defined from %s"),
      .opts = OPTS(OBJ_FILE_ARG("interface XML file"), OBJ_VALIDATE_OPT) },
    IFACE_ACT("iface-undefine", "remove a host interface's configuration", ifc_undefine, "undefine",
              "undefined", "Interface %s undefined"),
    { .name = "iface-edit", .summary = "edit a host interface's XML in your editor",
      .run = cmd_obj_edit, .args_size = sizeof(struct obj_args), .flags = CMD_MODIFIES,
      .data = &iface_kind, .result = OBJ_REPORT_RESULT,
      .opts = OPTS(ARG_IFACE(struct obj_args, ident, "interface name or MAC address")) },
    IFACE_ACT("iface-start", "start a host interface (if-up)", ifc_start, "start", "started",
              "Interface %s started"),
    IFACE_ACT("iface-destroy", "stop a host interface (if-down)", ifc_destroy, "destroy", "destroyed",
              "Interface %s destroyed"),
    IFACE_TXN("iface-begin", "save the interfaces' settings, to commit or roll back later",
              virInterfaceChangeBegin, "begin", "transaction_started",
              "Network config change transaction started"),
    IFACE_TXN("iface-commit", "keep the changes since iface-begin", virInterfaceChangeCommit, "commit",
              "transaction_committed", "Network config change transaction committed"),
    IFACE_TXN("iface-rollback", "go back to the settings saved by iface-begin", virInterfaceChangeRollback,
              "roll back", "transaction_rolled_back", "Network config change transaction rolled back"),
    { 0 },
};

const struct cmd_group cmd_group_interface = {
    .name = "interface",
    .title = "Host interfaces",
    .cmds = iface_cmds,
    .more = (const struct cmd_def *const[]){ iface_bridge_cmds, NULL },
};
