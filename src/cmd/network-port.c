/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * cmd/network-port.c - a network's ports (net-port-list, net-port-create,
 * net-port-delete, net-port-dumpxml) and its events (net-event).
 */
#include <libvirt/libvirt.h>
#include <string.h>

#include "core/util.h"
#include "core/xml.h"
#include "virt/conn.h"
#include "virt/context.h"
#include "virt/domain.h"
#include "virt/err.h"
#include "virt/evqueue.h"
#include "virt/hostobj.h"
#include "virt/xmlout.h"
#include "cmd/network.h"

/* ------------------------------------------------------------ net-port-list */

struct port_list_args {
    const char *network;
    bool uuid, table;
};

static int port_cmp(const void *x, const void *y)
{
    char a[VIR_UUID_STRING_BUFLEN] = "", b[VIR_UUID_STRING_BUFLEN] = "";
    virNetworkPortGetUUIDString(*(virNetworkPortPtr const *)x, a);
    virNetworkPortGetUUIDString(*(virNetworkPortPtr const *)y, b);
    return strcmp(a, b);
}

/* A port: its UUID and, from its XML, the domain that owns it and its MAC. */
static struct json_object *port_json(virNetworkPortPtr p)
{
    char uuid[VIR_UUID_STRING_BUFLEN] = "", err[200];
    virNetworkPortGetUUIDString(p, uuid);
    _cleanup_free_ char *xml = virNetworkPortGetXMLDesc(p, 0);
    _cleanup_(xml_doc_freep) xmlDocPtr doc = xml ? xml_parse(xml, strlen(xml), err, sizeof(err)) : NULL;
    xmlNodePtr root = doc ? xmlDocGetRootElement(doc) : NULL;
    _cleanup_free_ char *owner = root ? xml_get(root, "owner/name") : NULL;
    _cleanup_free_ char *owner_uuid = root ? xml_get(root, "owner/uuid") : NULL;
    _cleanup_free_ char *mac = root ? xml_get(root, "mac/@address") : NULL;
    struct json_object *o = json_object_new_object();
    hostobj_add_str(o, "uuid", uuid);
    hostobj_add_str(o, "owner", owner);
    hostobj_add_str(o, "owner_uuid", owner_uuid);
    hostobj_add_str(o, "mac", mac);
    return o;
}

static struct json_object *port_value(void *rows, size_t i)
{
    struct json_object *uuid = NULL;
    json_object_object_get_ex(json_object_array_get_idx(rows, i), "uuid", &uuid);
    return json_object_get(uuid);
}

static int cmd_network_port_list(struct shell *sh, void *opaque)
{
    struct port_list_args *a = opaque;
    _cleanup_network_ virNetworkPtr n = hostobj_network(sh, a->network);
    if (!n)
        return CMD_FAILED;
    virNetworkPortPtr *ports = NULL;
    int k = virNetworkListAllPorts(n, &ports, 0);
    if (k < 0)
        return err_libvirt(sh, "cannot list the ports of network '%s'", a->network);
    qsort(ports, (size_t)k, sizeof(*ports), port_cmp);
    _cleanup_json_ struct json_object *rows = json_object_new_array();
    for (int i = 0; i < k; i++) {
        json_object_array_add(rows, port_json(ports[i]));
        virNetworkPortFree(ports[i]);
    }
    free(ports);
    virResetLastError();
    if (a->uuid) {
        out_list_gen(&sh->out, json_object_array_length(rows), port_value, rows);
        return CMD_OK;
    }
    static const struct out_col cols[] = { { "uuid", "UUID", FMT_PLAIN } };
    out_table(&sh->out, rows, cols, ARRAY_SIZE(cols));
    return CMD_OK;
}

/* ------------------------------------------------------------ create, delete, dumpxml */

struct port_create_args {
    const char *network, *file;
    bool validate;
};

static int cmd_network_port_create(struct shell *sh, void *opaque)
{
    struct port_create_args *a = opaque;
    _cleanup_network_ virNetworkPtr n = hostobj_network(sh, a->network);
    if (!n)
        return CMD_FAILED;
    _cleanup_free_ char *xml = domain_read_xml_file(sh, a->file);
    if (!xml)
        return CMD_FAILED;
    _cleanup_netport_ virNetworkPortPtr p =
        virNetworkPortCreateXML(n, xml, a->validate ? VIR_NETWORK_PORT_CREATE_VALIDATE : 0);
    if (!p)
        return err_libvirt(sh, "cannot create a port of network '%s' from '%s'", a->network, a->file);
    char uuid[VIR_UUID_STRING_BUFLEN] = "";
    virNetworkPortGetUUIDString(p, uuid);
    _cleanup_free_ char *text = xasprintf("Network port %s created from %s", uuid, a->file);
    return hostobj_report(sh, NULL, uuid, "created", text);
}

struct port_args {
    const char *network, *port;
    const char *xpath;
    bool wrap;
};

/* The port the arguments name; NULL with the error recorded. */
static virNetworkPortPtr port_of(struct shell *sh, const struct port_args *a)
{
    _cleanup_network_ virNetworkPtr n = hostobj_network(sh, a->network);
    return n ? hostobj_netport(sh, n, a->port) : NULL;
}

static int cmd_network_port_delete(struct shell *sh, void *opaque)
{
    struct port_args *a = opaque;
    _cleanup_netport_ virNetworkPortPtr p = port_of(sh, a);
    if (!p)
        return CMD_FAILED;
    if (virNetworkPortDelete(p, 0) < 0)
        return err_libvirt(sh, "cannot delete port '%s' of network '%s'", a->port, a->network);
    _cleanup_free_ char *text = xasprintf("Network port %s deleted", a->port);
    return hostobj_report(sh, NULL, a->port, "deleted", text);
}

static int cmd_network_port_dumpxml(struct shell *sh, void *opaque)
{
    struct port_args *a = opaque;
    _cleanup_netport_ virNetworkPortPtr p = port_of(sh, a);
    if (!p)
        return CMD_FAILED;
    _cleanup_free_ char *xml = virNetworkPortGetXMLDesc(p, 0);
    if (!xml)
        return err_libvirt(sh, "cannot get the XML of port '%s'", a->port);
    return xmlout_print(sh, xml, a->xpath, a->wrap);
}

/* ------------------------------------------------------------ net-event */

static const char *const lifecycle_words[][2] = {
    { "defined", "Defined" }, { "undefined", "Undefined" }, { "started", "Started" }, { "stopped", "Stopped" },
};

static void on_lifecycle(virConnectPtr c, virNetworkPtr net, int event, int detail, void *q)
{
    (void)c, (void)detail;
    bool known = event >= 0 && (size_t)event < ARRAY_SIZE(lifecycle_words);
    char uuid[VIR_UUID_STRING_BUFLEN] = "";
    virNetworkGetUUIDString(net, uuid);
    struct json_object *o = json_object_new_object();
    hostobj_add_str(o, "event", "lifecycle");
    hostobj_add_str(o, "network", virNetworkGetName(net));
    hostobj_add_str(o, "uuid", uuid);
    hostobj_add_str(o, "type", known ? lifecycle_words[event][0] : "unknown");
    evqueue_push(q, o, xasprintf("event 'lifecycle' for network %s: %s\n", virNetworkGetName(net),
                                 known ? lifecycle_words[event][1] : "unknown"), NULL);
}

static int net_event_reg(virConnectPtr c, void *obj, int id, void (*cb)(void), void *opaque,
                         virFreeCallback f)
{
    return virConnectNetworkEventRegisterAny(c, obj, id, (virConnectNetworkEventGenericCallback)cb,
                                             opaque, f);
}

static const struct obj_events network_events = {
    .kind = &network_kind,
    .types = (const struct obj_event_type[]){
        { "lifecycle", VIR_NETWORK_EVENT_ID_LIFECYCLE, (void (*)(void))on_lifecycle },
        { NULL },
    },
    .reg = net_event_reg,
    .dereg = virConnectNetworkEventDeregisterAny,
};

/* ------------------------------------------------------------ the table */

#define PORT_ARGS(st) \
    ARG_NETWORK(st, network, COMPL_NETWORK_ACTIVE), \
    OPT_STRING(st, "port", port, "port UUID", .flags = ARG_REQUIRED)

const struct cmd_def network_port_cmds[] = {
    { .name = "net-event", .summary = "wait for network events and print them",
      .desc = "Prints each network event libvirt reports, as virsh's lines or, with -o json, one "
              "JSON object per line (event, network, uuid, type, timestamp) flushed at once. "
              "Without --event every type is watched; without --loop the command ends after "
              "the first event. Ctrl-C ends the loop (exit 0); --timeout ends it too, with exit 1 "
              "if no event came.",
      .run = cmd_obj_event, .args_size = sizeof(struct obj_event_args), .flags = CMD_NOCONN,
      .data = &network_events,
      .opts = OPTS(OBJ_EVENT_OPTS("network", "only events of this network (name or uuid)", COMPL_NETWORK)),
      .result = RESULT_OR(RESULT_VALUES, RS_OBJECT,
                          { "event", RT_STRING, "the event type: lifecycle" },
                          { "network", RT_STRING, "the network's name" },
                          { "uuid", RT_STRING, "its UUID" },
                          { "type", RT_STRING, "defined, undefined, started or stopped" },
                          { "timestamp", RT_STRING, "when it came, UTC (ISO 8601)" }) },
    { .name = "net-port-list", .summary = "list the ports of a network",
      .desc = "JSON: rows with uuid, owner (the domain's name), owner_uuid and mac.",
      .run = cmd_network_port_list, .args_size = sizeof(struct port_list_args),
      .opts = OPTS(ARG_NETWORK(struct port_list_args, network, COMPL_NETWORK_ACTIVE),
                   OPT_FLAG(struct port_list_args, "uuid", uuid, "print UUIDs only", .excl = EXCL(0)),
                   OPT_FLAG(struct port_list_args, "table", table, "print a table (the default)",
                            .excl = EXCL(0))),
      .result = RESULT_OR(RESULT_VALUES, RS_ARRAY,
                          { "uuid", RT_STRING, "the port's UUID" },
                          { "owner", RT_STRING | RT_NULL, "the name of the domain it belongs to" },
                          { "owner_uuid", RT_STRING | RT_NULL, "that domain's UUID" },
                          { "mac", RT_STRING | RT_NULL, "the MAC address on the port" }) },
    { .name = "net-port-create", .summary = "create a port of a network from an XML file",
      .run = cmd_network_port_create, .args_size = sizeof(struct port_create_args), .flags = CMD_MODIFIES,
      .opts = OPTS(ARG_NETWORK(struct port_create_args, network, COMPL_NETWORK_ACTIVE),
                   OPT_STRING(struct port_create_args, "file", file, "network port XML file",
                              .flags = ARG_REQUIRED, .complete = COMPL_FILE),
                   OPT_FLAG(struct port_create_args, "validate", validate,
                            "validate the XML against the schema")),
      .result = OBJ_REPORT_RESULT },
    { .name = "net-port-delete", .summary = "delete a port of a network",
      .run = cmd_network_port_delete, .args_size = sizeof(struct port_args), .flags = CMD_MODIFIES,
      .opts = OPTS(PORT_ARGS(struct port_args)), .result = OBJ_REPORT_RESULT },
    { .name = "net-port-dumpxml", .summary = "print the XML of a port of a network",
      .run = cmd_network_port_dumpxml, .args_size = sizeof(struct port_args),
      .opts = OPTS(PORT_ARGS(struct port_args),
                   OPT_STRING(struct port_args, "xpath", xpath,
                              "print only what this XPath expression selects", .metavar = "EXPR"),
                   OPT_FLAG(struct port_args, "wrap", wrap,
                            "wrap the --xpath results in one <nodes> element", .needs = "xpath")),
      .result = OBJ_DUMPXML_RESULT },
    { 0 },
};
