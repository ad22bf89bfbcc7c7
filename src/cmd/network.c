/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * cmd/network.c - virtual networks: net-list, net-info, net-dumpxml,
 * net-define, net-create, net-start, net-destroy, net-undefine, net-edit,
 * net-autostart, net-update, net-dhcp-leases, net-name, net-uuid.  Ports
 * and events are in network-port.c, net-define-as in network-define.c.
 */
#include <errno.h>
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "core/strbuf.h"
#include "core/util.h"
#include "virt/conn.h"
#include "virt/context.h"
#include "virt/err.h"
#include "virt/hostobj.h"
#include "cmd/groups.h"
#include "cmd/network.h"

OBJKIND_BASICS(net, virNetwork, hostobj_network)

static const char *net_name(void *obj)
{
    return virNetworkGetName(obj);
}

static int net_uuid(void *obj, char *buf)
{
    return virNetworkGetUUIDString(obj, buf);
}

static void *net_define(virConnectPtr c, const char *xml, unsigned int flags)
{
    return virNetworkDefineXMLFlags(c, xml, flags);
}

static void *net_create(virConnectPtr c, const char *xml, unsigned int flags)
{
    return virNetworkCreateXMLFlags(c, xml, flags);
}

OBJKIND_ACT(net_start, virNetworkCreate(obj))
OBJKIND_ACT(net_destroy, virNetworkDestroy(obj))
OBJKIND_ACT(net_undefine, virNetworkUndefine(obj))

static int net_autostart(void *obj, bool disable)
{
    return virNetworkSetAutostart(obj, !disable);
}

const struct objkind network_kind = {
    .noun = "network", .title = "Network", .lookup = net_lookup, .free = net_free,
    .name = net_name, .uuid = net_uuid, .xml = net_xml, .define = net_define,
    .edit_xml_flags = VIR_NETWORK_XML_INACTIVE,
};

/* ------------------------------------------------------------ net-list */

struct net_list_args {
    bool inactive, all, persistent, transient, autostart, no_autostart;
    bool uuid, name, table;
};

static unsigned int net_list_flags(const struct net_list_args *a)
{
    unsigned int f = VIR_CONNECT_LIST_NETWORKS_ACTIVE;
    if (a->inactive)
        f = VIR_CONNECT_LIST_NETWORKS_INACTIVE;
    if (a->all)
        f = VIR_CONNECT_LIST_NETWORKS_ACTIVE | VIR_CONNECT_LIST_NETWORKS_INACTIVE;
    if (a->persistent)
        f |= VIR_CONNECT_LIST_NETWORKS_PERSISTENT;
    if (a->transient)
        f |= VIR_CONNECT_LIST_NETWORKS_TRANSIENT;
    if (a->autostart)
        f |= VIR_CONNECT_LIST_NETWORKS_AUTOSTART;
    if (a->no_autostart)
        f |= VIR_CONNECT_LIST_NETWORKS_NO_AUTOSTART;
    return f;
}

static int net_cmp(const void *x, const void *y)
{
    return strcasecmp(virNetworkGetName(*(virNetworkPtr const *)x),
                      virNetworkGetName(*(virNetworkPtr const *)y));
}

/* One network as a row of net-list and the object of net-info. */
static struct json_object *net_json(virNetworkPtr n)
{
    char uuid[VIR_UUID_STRING_BUFLEN] = "";
    int autostart = 0;
    struct json_object *o = json_object_new_object();
    json_object_object_add(o, "name", json_object_new_string(virNetworkGetName(n)));
    hostobj_add_str(o, "uuid", virNetworkGetUUIDString(n, uuid) == 0 ? uuid : NULL);
    int active = virNetworkIsActive(n), persistent = virNetworkIsPersistent(n);
    hostobj_add_str(o, "state", active < 0 ? NULL : active ? "active" : "inactive");
    json_object_object_add(o, "persistent", persistent < 0 ? NULL : json_object_new_boolean(persistent));
    json_object_object_add(o, "autostart", virNetworkGetAutostart(n, &autostart) < 0
                                               ? NULL : json_object_new_boolean(autostart));
    virResetLastError();
    return o;
}

static struct json_object *net_list_value(void *rows, size_t i)
{
    return json_object_get(json_object_array_get_idx(rows, i));
}

static int cmd_network_list(struct shell *sh, void *opaque)
{
    struct net_list_args *a = opaque;
    virNetworkPtr *nets = NULL;
    int n = virConnectListAllNetworks(sh->conn, &nets, net_list_flags(a));
    if (n < 0)
        return err_libvirt(sh, "cannot list networks");
    qsort(nets, (size_t)n, sizeof(*nets), net_cmp);
    _cleanup_json_ struct json_object *rows = json_object_new_array();
    for (int i = 0; i < n; i++) {
        char uuid[VIR_UUID_STRING_BUFLEN] = "";
        if (a->name)
            json_object_array_add(rows, json_object_new_string(virNetworkGetName(nets[i])));
        else if (a->uuid && virNetworkGetUUIDString(nets[i], uuid) == 0)
            json_object_array_add(rows, json_object_new_string(uuid));
        else if (!a->uuid)
            json_object_array_add(rows, net_json(nets[i]));
        virNetworkFree(nets[i]);
    }
    free(nets);
    if (a->name || a->uuid) {
        out_list_gen(&sh->out, json_object_array_length(rows), net_list_value, rows);
        return CMD_OK;
    }
    static const struct out_col cols[] = {
        { "name", "Name", FMT_PLAIN },
        { "state", "State", FMT_PLAIN },
        { "autostart", "Autostart", FMT_YESNO },
        { "persistent", "Persistent", FMT_YESNO },
    };
    out_table(&sh->out, rows, cols, ARRAY_SIZE(cols));
    return CMD_OK;
}

/* ------------------------------------------------------------ net-info */

struct net_args {
    const char *network;
};

static const char *yes_no(struct json_object *v, const char *unknown)
{
    return !v ? unknown : json_object_get_boolean(v) ? "yes" : "no";
}

static int cmd_network_info(struct shell *sh, void *opaque)
{
    struct net_args *a = opaque;
    _cleanup_network_ virNetworkPtr n = hostobj_network(sh, a->network);
    if (!n)
        return CMD_FAILED;
    _cleanup_json_ struct json_object *o = net_json(n);
    _cleanup_free_ char *bridge = virNetworkGetBridgeName(n);
    virResetLastError();
    hostobj_add_str(o, "bridge", bridge);

    /* virsh's block: labels in 15 columns */
    struct strbuf t = { 0 };
    struct json_object *v;
    strbuf_printf(&t, "%-15s %s\n", "Name:", virNetworkGetName(n));
    if (json_object_object_get_ex(o, "uuid", &v) && v)
        strbuf_printf(&t, "%-15s %s\n", "UUID:", json_object_get_string(v));
    if (json_object_object_get_ex(o, "state", &v) && v)
        strbuf_printf(&t, "%-15s %s\n", "Active:", str_eq(json_object_get_string(v), "active") ? "yes" : "no");
    json_object_object_get_ex(o, "persistent", &v);
    strbuf_printf(&t, "%-15s %s\n", "Persistent:", yes_no(v, "unknown"));
    json_object_object_get_ex(o, "autostart", &v);
    strbuf_printf(&t, "%-15s %s\n", "Autostart:", yes_no(v, "no autostart"));
    if (bridge)
        strbuf_printf(&t, "%-15s %s\n", "Bridge:", bridge);
    _cleanup_free_ char *text = strbuf_steal(&t);
    out_value(&sh->out, o, text);
    return CMD_OK;
}

/* ------------------------------------------------------------ net-name, net-uuid */

static int cmd_network_name(struct shell *sh, void *opaque)
{
    struct net_args *a = opaque;
    _cleanup_network_ virNetworkPtr n = hostobj_network_by(sh, a->network, HOSTOBJ_BY_UUID);
    if (!n)
        return CMD_FAILED;
    _cleanup_json_ struct json_object *o = json_object_new_object();
    json_object_object_add(o, "name", json_object_new_string(virNetworkGetName(n)));
    out_value(&sh->out, o, virNetworkGetName(n));
    return CMD_OK;
}

static int cmd_network_uuid(struct shell *sh, void *opaque)
{
    struct net_args *a = opaque;
    char uuid[VIR_UUID_STRING_BUFLEN];
    _cleanup_network_ virNetworkPtr n = hostobj_network_by(sh, a->network, HOSTOBJ_BY_NAME);
    if (!n)
        return CMD_FAILED;
    if (virNetworkGetUUIDString(n, uuid) < 0)
        return err_libvirt(sh, "cannot get the UUID of network '%s'", a->network);
    _cleanup_json_ struct json_object *o = json_object_new_object();
    json_object_object_add(o, "uuid", json_object_new_string(uuid));
    out_value(&sh->out, o, uuid);
    return CMD_OK;
}

/* ------------------------------------------------------------ net-update */

/* In libvirt's VIR_NETWORK_UPDATE_COMMAND_* order from 1 ("add" is add-last). */
static const char *const update_commands[] = { "modify", "delete", "add-last", "add-first", "add", NULL };
/* In libvirt's VIR_NETWORK_SECTION_* order from 1. */
static const char *const update_sections[] = {
    "bridge", "domain", "ip", "ip-dhcp-host", "ip-dhcp-range", "forward", "forward-interface",
    "forward-pf", "portgroup", "dns-host", "dns-txt", "dns-srv", NULL,
};

struct net_update_args {
    const char *network;
    int command, section;
    const char *xml;
    long long parent_index;
    bool config, live, current;
};

/* What an update reached: the flags asked for, or for neither the live
 * state of an active network and the config of an inactive one. */
static void update_scope(virNetworkPtr n, const struct net_update_args *a, bool *live, bool *config)
{
    *live = a->live;
    *config = a->config;
    if (!a->live && !a->config) {
        *live = virNetworkIsActive(n) == 1;
        *config = !*live;
        virResetLastError();
    }
}

static int cmd_network_update(struct shell *sh, void *opaque)
{
    struct net_update_args *a = opaque;
    _cleanup_free_ char *from_file = NULL;
    const char *xml = a->xml;
    if (*xml != '<') { /* a file holding the element */
        size_t len;
        if (!(from_file = read_file(xml, &len)))
            return error(sh, "cannot read '%s': %s", xml, strerror(errno));
        xml = from_file;
    }
    _cleanup_network_ virNetworkPtr n = hostobj_network(sh, a->network);
    if (!n)
        return CMD_FAILED;
    unsigned int flags = a->current ? VIR_NETWORK_UPDATE_AFFECT_CURRENT
                                    : (a->live ? VIR_NETWORK_UPDATE_AFFECT_LIVE : 0) |
                                          (a->config ? VIR_NETWORK_UPDATE_AFFECT_CONFIG : 0);
    unsigned int command = a->command == 4 ? VIR_NETWORK_UPDATE_COMMAND_ADD_LAST : (unsigned)a->command + 1;
    if (virNetworkUpdate(n, command, (unsigned)a->section + 1, (int)a->parent_index, xml, flags) < 0)
        return err_libvirt(sh, "cannot update network '%s'", a->network);

    bool live, config;
    update_scope(n, a, &live, &config);
    char uuid[VIR_UUID_STRING_BUFLEN] = "";
    virNetworkGetUUIDString(n, uuid);
    _cleanup_json_ struct json_object *o = json_object_new_object();
    json_object_object_add(o, "name", json_object_new_string(virNetworkGetName(n)));
    json_object_object_add(o, "uuid", json_object_new_string(uuid));
    json_object_object_add(o, "result", json_object_new_string("updated"));
    json_object_object_add(o, "command", json_object_new_string(update_commands[a->command]));
    json_object_object_add(o, "section", json_object_new_string(update_sections[a->section]));
    json_object_object_add(o, "live", json_object_new_boolean(live));
    json_object_object_add(o, "config", json_object_new_boolean(config));
    _cleanup_free_ char *text = xasprintf("Updated network %s %s", virNetworkGetName(n),
                                          live && config ? "persistent config and live state"
                                          : live         ? "live state"
                                                         : "persistent config");
    out_message(&sh->out, o, text);
    out_line_ends_command(&sh->out); /* virsh's message has no newline: the blank line ends it */
    return CMD_OK;
}

/* ------------------------------------------------------------ net-dhcp-leases */

struct net_leases_args {
    const char *network;
    const char *mac;
};

static int lease_cmp(const void *x, const void *y)
{
    virNetworkDHCPLeasePtr a = *(virNetworkDHCPLeasePtr const *)x, b = *(virNetworkDHCPLeasePtr const *)y;
    int c = strcmp(a->mac ? a->mac : "", b->mac ? b->mac : "");
    return c ? c : strcmp(a->ipaddr ? a->ipaddr : "", b->ipaddr ? b->ipaddr : "");
}

static const char *lease_type(int t)
{
    return t == VIR_IP_ADDR_TYPE_IPV4 ? "ipv4" : t == VIR_IP_ADDR_TYPE_IPV6 ? "ipv6" : "unknown";
}

/* The lease as JSON (times in seconds since the epoch) and as virsh's row
 * (the expiry in local time, the address with its prefix). */
static void lease_rows(virNetworkDHCPLeasePtr l, struct json_object *json, struct json_object *text)
{
    struct json_object *o = json_object_new_object();
    json_object_object_add(o, "expiry_time_s", json_object_new_int64(l->expirytime));
    hostobj_add_str(o, "mac", l->mac);
    hostobj_add_str(o, "protocol", lease_type(l->type));
    hostobj_add_str(o, "ip", l->ipaddr);
    json_object_object_add(o, "prefix", json_object_new_int(l->prefix));
    hostobj_add_str(o, "hostname", l->hostname);
    hostobj_add_str(o, "client_id", l->clientid);
    hostobj_add_str(o, "iaid", l->iaid);
    hostobj_add_str(o, "interface", l->iface);
    json_object_array_add(json, o);

    char when[64] = "";
    time_t t = (time_t)l->expirytime;
    struct tm tm;
    if (localtime_r(&t, &tm))
        strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%S", &tm);
    _cleanup_free_ char *cidr = xasprintf("%s/%u", l->ipaddr ? l->ipaddr : "", l->prefix);
    struct json_object *r = json_object_new_object();
    hostobj_add_str(r, "expiry", when);
    hostobj_add_str(r, "mac", l->mac);
    hostobj_add_str(r, "protocol", lease_type(l->type));
    hostobj_add_str(r, "address", cidr);
    hostobj_add_str(r, "hostname", l->hostname);
    hostobj_add_str(r, "client_id", l->clientid);
    json_object_array_add(text, r);
}

static int cmd_network_dhcp_leases(struct shell *sh, void *opaque)
{
    struct net_leases_args *a = opaque;
    _cleanup_network_ virNetworkPtr n = hostobj_network(sh, a->network);
    if (!n)
        return CMD_FAILED;
    virNetworkDHCPLeasePtr *leases = NULL;
    int k = virNetworkGetDHCPLeases(n, a->mac, &leases, 0);
    if (k < 0)
        return err_libvirt(sh, "cannot get the DHCP leases of network '%s'", a->network);
    qsort(leases, (size_t)k, sizeof(*leases), lease_cmp);
    _cleanup_json_ struct json_object *json = json_object_new_array();
    _cleanup_json_ struct json_object *text = json_object_new_array();
    for (int i = 0; i < k; i++) {
        lease_rows(leases[i], json, text);
        virNetworkDHCPLeaseFree(leases[i]);
    }
    free(leases);
    static const struct out_col cols[] = {
        { "expiry", "Expiry Time", FMT_PLAIN },
        { "mac", "MAC address", FMT_PLAIN },
        { "protocol", "Protocol", FMT_PLAIN },
        { "address", "IP address", FMT_PLAIN },
        { "hostname", "Hostname", FMT_PLAIN },
        { "client_id", "Client ID or DUID", FMT_PLAIN },
    };
    out_table(&sh->out, sh->out.mode == OUT_JSON ? json : text, cols, ARRAY_SIZE(cols));
    return CMD_OK;
}

/* ------------------------------------------------------------ the table */

#define NET_ACT(nm, compl, summ, fn, vb, res, msg, ...) \
    { .name = nm, .summary = summ, .run = cmd_obj_act, .args_size = sizeof(struct obj_args), \
      .flags = CMD_MODIFIES, .result = OBJ_REPORT_RESULT, \
      .data = OBJ_DATA(struct obj_act, .kind = &network_kind, .act = fn, .verb = vb, .result = res, \
                       .fmt = msg, ##__VA_ARGS__), \
      .opts = OPTS(ARG_NETWORK(struct obj_args, ident, compl)) }

#define NET_MAKE(nm, summ, fn, vflag, res, msg) \
    { .name = nm, .summary = summ, .run = cmd_obj_make, .args_size = sizeof(struct obj_file_args), \
      .flags = CMD_MODIFIES, .result = OBJ_REPORT_RESULT, \
      .data = OBJ_DATA(struct obj_make, .kind = &network_kind, .make = fn, .validate_flag = vflag, \
                       .result = res, .fmt = msg), \
      .opts = OPTS(OBJ_FILE_ARG("network XML file"), OBJ_VALIDATE_OPT) }

#define NET_LIST_FILTER(nm, field, what) OPT_FLAG(struct net_list_args, nm, field, what)

static const struct cmd_def network_cmds[] = {
    { .name = "net-list", .summary = "list networks",
      .desc = "Without a filter, only active networks are listed. JSON: rows with name, uuid, "
              "state (active or inactive), persistent and autostart; with --name or --uuid, the "
              "list of names or UUIDs.",
      .run = cmd_network_list, .args_size = sizeof(struct net_list_args),
      .opts = OPTS(NET_LIST_FILTER("inactive", inactive, "inactive networks"),
                   NET_LIST_FILTER("all", all, "active and inactive networks"),
                   NET_LIST_FILTER("persistent", persistent, "persistent networks"),
                   NET_LIST_FILTER("transient", transient, "transient networks"),
                   NET_LIST_FILTER("autostart", autostart, "networks that start with the host"),
                   NET_LIST_FILTER("no-autostart", no_autostart, "networks that do not start with the host"),
                   OPT_FLAG(struct net_list_args, "uuid", uuid, "print UUIDs only", .excl = EXCL(0)),
                   OPT_FLAG(struct net_list_args, "name", name, "print names only", .excl = EXCL(0)),
                   OPT_FLAG(struct net_list_args, "table", table, "print a table (the default)",
                            .excl = EXCL(0))),
      .result = RESULT_OR(RESULT_VALUES, RS_ARRAY,
                          { "name", RT_STRING, "the network's name" },
                          { "uuid", RT_STRING | RT_NULL, "its UUID" },
                          { "state", RT_STRING | RT_NULL, "active or inactive" },
                          { "persistent", RT_BOOL | RT_NULL, "defined, not only running" },
                          { "autostart", RT_BOOL | RT_NULL, "starts with the host" }) },
    { .name = "net-info", .summary = "show a network's basic information",
      .run = cmd_network_info, .args_size = sizeof(struct net_args),
      .opts = OPTS(ARG_NETWORK(struct net_args, network, COMPL_NETWORK)),
      .result = RESULT_OBJECT({ "name", RT_STRING, "the network's name" },
                              { "uuid", RT_STRING | RT_NULL, "its UUID" },
                              { "state", RT_STRING | RT_NULL, "active or inactive" },
                              { "persistent", RT_BOOL | RT_NULL, "defined, not only running" },
                              { "autostart", RT_BOOL | RT_NULL, "starts with the host" },
                              { "bridge", RT_STRING | RT_NULL, "its bridge device, null if none" }) },
    { .name = "net-dumpxml", .summary = "print a network's XML",
      .desc = "With --xpath, print only what the expression selects, each node on a line of its "
              "own; --wrap puts the nodes under one <nodes> element.",
      .run = cmd_obj_dumpxml, .args_size = sizeof(struct obj_dumpxml_args),
      .data = OBJ_DATA(struct obj_dumpxml, .kind = &network_kind, .inactive_flag = VIR_NETWORK_XML_INACTIVE),
      .opts = OPTS(ARG_NETWORK(struct obj_dumpxml_args, ident, COMPL_NETWORK),
                   OPT_FLAG(struct obj_dumpxml_args, "inactive", inactive,
                            "the configuration of the next start, not the live one"),
                   OBJ_XPATH_OPTS),
      .result = OBJ_DUMPXML_RESULT },
    NET_MAKE("net-define", "define (but do not start) a network from an XML file", net_define,
             VIR_NETWORK_DEFINE_VALIDATE, "defined", "Network %s defined from %s"),
    NET_MAKE("net-create", "create and start a transient network from an XML file", net_create,
             VIR_NETWORK_CREATE_VALIDATE, "created", "Network %s created from %s"),
    NET_ACT("net-start", COMPL_NETWORK_INACTIVE, "start a defined, inactive network", net_start,
            "start", "started", "Network %s started"),
    NET_ACT("net-destroy", COMPL_NETWORK_ACTIVE, "stop a network", net_destroy, "destroy",
            "destroyed", "Network %s destroyed"),
    NET_ACT("net-undefine", COMPL_NETWORK_PERSISTENT, "remove a network's persistent definition",
            net_undefine, "undefine", "undefined", "Network %s has been undefined"),
    { .name = "net-autostart", .summary = "start a network when the host boots",
      .run = cmd_obj_act, .args_size = sizeof(struct obj_args), .flags = CMD_MODIFIES,
      .result = OBJ_REPORT_RESULT,
      .data = OBJ_DATA(struct obj_act, .kind = &network_kind, .act = net_autostart,
                       .verb = "set autostart of", .result = "autostart_enabled",
                       .fmt = "Network %s marked as autostarted", .result_disabled = "autostart_disabled",
                       .fmt_disabled = "Network %s unmarked as autostarted"),
      .opts = OPTS(ARG_NETWORK(struct obj_args, ident, COMPL_NETWORK_PERSISTENT),
                   OPT_FLAG(struct obj_args, "disable", disable, "turn autostart off")) },
    { .name = "net-edit", .summary = "edit a network's XML in your editor",
      .desc = "Edits the persistent configuration with $VISUAL, else $EDITOR, else vi, and "
              "defines the result; on a terminal a rejected edit can be edited again.",
      .run = cmd_obj_edit, .args_size = sizeof(struct obj_args), .flags = CMD_MODIFIES,
      .data = &network_kind, .result = OBJ_REPORT_RESULT,
      .opts = OPTS(ARG_NETWORK(struct obj_args, ident, COMPL_NETWORK)) },
    { .name = "net-update", .summary = "change one part of a network's configuration",
      .desc = "XML is the element itself when it starts with '<', else a file holding it. Without "
              "--live or --config an active network's live state changes, an inactive one's "
              "configuration.",
      .run = cmd_network_update, .args_size = sizeof(struct net_update_args), .flags = CMD_MODIFIES,
      .opts = OPTS(ARG_NETWORK(struct net_update_args, network, COMPL_NETWORK),
                   OPT_ENUM(struct net_update_args, "command", command, update_commands,
                            "what to do: add-first, add-last (add), delete or modify",
                            .flags = ARG_REQUIRED),
                   OPT_ENUM(struct net_update_args, "section", section, update_sections,
                            "which section of the configuration", .flags = ARG_REQUIRED),
                   OPT_STRING(struct net_update_args, "xml", xml,
                              "the XML element, or a file holding it", .flags = ARG_REQUIRED,
                              .complete = COMPL_FILE),
                   OPT_INT(struct net_update_args, "parent-index", parent_index, -1, INT32_MAX,
                           "which parent element to change (an <ip> by its index)", .def = "-1",
                           .metavar = "N", .flags = OPT_POSITIONAL),
                   OPT_FLAG(struct net_update_args, "config", config, "change the persistent configuration",
                            .excl = EXCL(0)),
                   OPT_FLAG(struct net_update_args, "live", live, "change the running network",
                            .excl = EXCL(1)),
                   OPT_FLAG(struct net_update_args, "current", current,
                            "change the live state if active, else the configuration",
                            .excl = EXCL(0) | EXCL(1))),
      .result = RESULT_OBJECT({ "name", RT_STRING, "the network" }, { "uuid", RT_STRING, "its UUID" },
                              { "result", RT_STRING, "updated" },
                              { "command", RT_STRING, "what was done" },
                              { "section", RT_STRING, "to which section" },
                              { "live", RT_BOOL, "the running network changed" },
                              { "config", RT_BOOL, "the persistent configuration changed" }) },
    { .name = "net-dhcp-leases", .summary = "list the DHCP leases of a network",
      .desc = "JSON: rows with expiry_time_s (seconds since the epoch), mac, protocol, ip, prefix, "
              "hostname, client_id, iaid and interface (null when unknown).",
      .run = cmd_network_dhcp_leases, .args_size = sizeof(struct net_leases_args),
      .opts = OPTS(ARG_NETWORK(struct net_leases_args, network, COMPL_NETWORK_ACTIVE),
                   OPT_STRING(struct net_leases_args, "mac", mac, "only the leases of this MAC address",
                              .flags = OPT_POSITIONAL)),
      .result = RESULT_ARRAY({ "expiry_time_s", RT_INT, "when the lease ends, seconds since the epoch" },
                             { "mac", RT_STRING | RT_NULL, "the client's MAC address" },
                             { "protocol", RT_STRING, "ipv4 or ipv6" },
                             { "ip", RT_STRING | RT_NULL, "the address leased" },
                             { "prefix", RT_INT, "its prefix length" },
                             { "hostname", RT_STRING | RT_NULL, "the name the client gave" },
                             { "client_id", RT_STRING | RT_NULL, "the client ID or DUID" },
                             { "iaid", RT_STRING | RT_NULL, "IPv6: the identity association" },
                             { "interface", RT_STRING | RT_NULL, "the network's bridge" }) },
    { .name = "net-name", .summary = "print the name of a network given its UUID",
      .run = cmd_network_name, .args_size = sizeof(struct net_args),
      .opts = OPTS(OPT_STRING(struct net_args, "network", network, "network uuid", .flags = ARG_REQUIRED)),
      .result = RESULT_OBJECT({ "name", RT_STRING, "the network's name" }) },
    { .name = "net-uuid", .summary = "print the UUID of a network given its name",
      .run = cmd_network_uuid, .args_size = sizeof(struct net_args),
      .opts = OPTS(OPT_STRING(struct net_args, "network", network, "network name", .flags = ARG_REQUIRED,
                              .complete = COMPL_NETWORK)),
      .result = RESULT_OBJECT({ "uuid", RT_STRING, "the network's UUID" }) },
    { 0 },
};

const struct cmd_group cmd_group_network = {
    .name = "network",
    .title = "Networking",
    .cmds = network_cmds,
    .more = (const struct cmd_def *const[]){ network_port_cmds, network_define_cmds, NULL },
};
