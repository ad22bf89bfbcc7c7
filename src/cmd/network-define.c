/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * cmd/network-define.c - net-define-as (beyond virsh): a NAT, routed, open
 * or isolated IPv4 network from a few options, without writing XML.
 *
 * It makes the XML, defines the network and, when asked, starts it and
 * marks it autostarted, in that order: a network that cannot start is
 * never left autostarted.  When the start fails the definition is removed
 * again (nothing changed).  Cut short between the calls, what exists is
 * the definition (then `net-start NAME`, `net-autostart NAME` finish the
 * job) or the running network (then `net-autostart NAME`): man page, WHEN
 * A COMMAND IS CUT SHORT.
 */
#include <arpa/inet.h>
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "core/interrupt.h"
#include "core/strbuf.h"
#include "core/util.h"
#include "core/xml.h"
#include "virt/conn.h"
#include "virt/context.h"
#include "virt/err.h"
#include "virt/hostobj.h"
#include "cmd/network.h"

static const char *const forward_modes[] = { "nat", "route", "open", "isolated", NULL };
enum { FWD_NAT, FWD_ROUTE, FWD_OPEN, FWD_ISOLATED };

struct defas_args {
    const char *name;
    int forward;
    const char *bridge, *subnet, *dhcp_range;
    bool no_dhcp, start, autostart, print_xml;
};

/* The addresses of the network, as host-order integers. */
struct plan {
    uint32_t net, host, bcast, lo, hi; /* lo..hi: the DHCP range, lo 0 if none */
    int prefix;
};

static int parse_ipv4(const char *s, uint32_t *ret)
{
    struct in_addr a;
    if (inet_pton(AF_INET, s, &a) != 1)
        return -1;
    *ret = ntohl(a.s_addr);
    return 0;
}

static void ipv4_text(uint32_t v, char buf[INET_ADDRSTRLEN])
{
    struct in_addr a = { .s_addr = htonl(v) };
    inet_ntop(AF_INET, &a, buf, INET_ADDRSTRLEN);
}

/* --subnet A.B.C.D/P: the network, and the host's address on it (the
 * address given, or the first one when the network's own is given). */
static int plan_subnet(struct shell *sh, const char *subnet, struct plan *p)
{
    const char *slash = strchr(subnet, '/');
    long long prefix;
    uint32_t addr;
    _cleanup_free_ char *ip = slash ? xstrndup(subnet, (size_t)(slash - subnet)) : NULL;
    if (!slash || parse_ipv4(ip, &addr) < 0 || parse_ll(slash + 1, 1, 30, &prefix) < 0)
        return usage_error(sh, "invalid subnet '%s': expected an IPv4 address and a prefix length "
                               "from 1 to 30, such as 192.168.150.0/24", subnet);
    uint32_t mask = (uint32_t)(0xffffffffULL << (32 - prefix));
    p->prefix = (int)prefix;
    p->net = addr & mask;
    p->bcast = p->net | ~mask;
    p->host = addr == p->net ? p->net + 1 : addr;
    if (p->host == p->bcast)
        return usage_error(sh, "invalid subnet '%s': the host's address cannot be the broadcast address",
                           subnet);
    return CMD_OK;
}

/* --dhcp-range START,END (or START-END), inside the subnet; else the
 * addresses after the host's. */
static int plan_dhcp(struct shell *sh, const struct defas_args *a, struct plan *p)
{
    p->lo = p->hi = 0;
    if (a->no_dhcp)
        return CMD_OK;
    if (!a->dhcp_range) {
        if (p->host + 1 >= p->bcast)
            return usage_error(sh, "no room for a DHCP range after %s's host address: give "
                                   "--dhcp-range or --no-dhcp", a->subnet);
        p->lo = p->host + 1;
        p->hi = p->bcast - 1;
        return CMD_OK;
    }
    size_t cut = strcspn(a->dhcp_range, ",-");
    _cleanup_free_ char *first = xstrndup(a->dhcp_range, cut);
    if (!a->dhcp_range[cut] || parse_ipv4(first, &p->lo) < 0 || parse_ipv4(a->dhcp_range + cut + 1, &p->hi) < 0)
        return usage_error(sh, "invalid DHCP range '%s': expected START,END such as "
                               "192.168.150.10,192.168.150.99", a->dhcp_range);
    if (p->lo > p->hi || p->lo <= p->net || p->hi >= p->bcast)
        return usage_error(sh, "invalid DHCP range '%s': it must lie inside %s, from its lower to "
                               "its higher address", a->dhcp_range, a->subnet);
    if (p->host >= p->lo && p->host <= p->hi)
        return usage_error(sh, "invalid DHCP range '%s': it holds the host's own address",
                           a->dhcp_range);
    return CMD_OK;
}

static xmlNodePtr child(xmlNodePtr parent, const char *name, const char *text)
{
    return xmlNewTextChild(parent, NULL, BAD_CAST name, text ? BAD_CAST text : NULL);
}

static void prop(xmlNodePtr n, const char *name, const char *value)
{
    xmlNewProp(n, BAD_CAST name, BAD_CAST value);
}

static char *network_xml(const struct defas_args *a, const struct plan *p)
{
    char host[INET_ADDRSTRLEN], lo[INET_ADDRSTRLEN], hi[INET_ADDRSTRLEN], prefix[8];
    _cleanup_(xml_doc_freep) xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
    xmlNodePtr root = xmlNewDocNode(doc, NULL, BAD_CAST "network", NULL);
    xmlDocSetRootElement(doc, root);
    child(root, "name", a->name);
    if (a->forward != FWD_ISOLATED)
        prop(child(root, "forward", NULL), "mode", forward_modes[a->forward]);
    if (a->bridge) {
        xmlNodePtr br = child(root, "bridge", NULL);
        prop(br, "name", a->bridge);
        prop(br, "stp", "on");
        prop(br, "delay", "0");
    }
    ipv4_text(p->host, host);
    snprintf(prefix, sizeof(prefix), "%d", p->prefix);
    xmlNodePtr ip = child(root, "ip", NULL);
    prop(ip, "address", host);
    prop(ip, "prefix", prefix);
    if (p->lo) {
        ipv4_text(p->lo, lo);
        ipv4_text(p->hi, hi);
        xmlNodePtr range = child(child(ip, "dhcp", NULL), "range", NULL);
        prop(range, "start", lo);
        prop(range, "end", hi);
    }
    _cleanup_free_ char *text = xml_node_text(doc, root);
    return xasprintf("%s\n", text);
}

/* Start (and autostart) the defined network; a failed start undefines it
 * again.  Records the error and returns CMD_FAILED on failure. */
static int bring_up(struct shell *sh, virNetworkPtr n, const struct defas_args *a)
{
    if (a->start && shell_interrupted)
        return error(sh, "interrupted: network '%s' is defined, not started: 'net-start %s' "
                         "goes on", a->name, a->name);
    if (a->start && virNetworkCreate(n) < 0) {
        err_libvirt(sh, "cannot start network '%s'", a->name);
        if (virNetworkUndefine(n) < 0) {
            virResetLastError();
            err_note(sh, "network '%s' stays defined: 'net-undefine %s' removes it", a->name, a->name);
        }
        return CMD_FAILED;
    }
    if (a->autostart && shell_interrupted)
        return error(sh, "interrupted: network '%s' is defined%s, not marked autostarted: "
                         "'net-autostart %s' goes on", a->name, a->start ? " and running" : "", a->name);
    if (a->autostart && virNetworkSetAutostart(n, 1) < 0)
        return err_libvirt(sh, "cannot mark network '%s' as autostarted (it is defined%s): "
                               "'net-autostart %s' goes on", a->name, a->start ? " and running" : "",
                           a->name);
    return CMD_OK;
}

static struct json_object *report_json(virNetworkPtr n, const struct defas_args *a, const struct plan *p,
                                       const char *bridge)
{
    char uuid[VIR_UUID_STRING_BUFLEN] = "", buf[INET_ADDRSTRLEN];
    virNetworkGetUUIDString(n, uuid);
    struct json_object *o = json_object_new_object();
    hostobj_add_str(o, "name", a->name);
    hostobj_add_str(o, "uuid", uuid);
    hostobj_add_str(o, "result", "defined");
    hostobj_add_str(o, "forward", forward_modes[a->forward]);
    hostobj_add_str(o, "bridge", bridge);
    ipv4_text(p->host, buf);
    hostobj_add_str(o, "address", buf);
    json_object_object_add(o, "prefix", json_object_new_int(p->prefix));
    ipv4_text(p->lo, buf);
    hostobj_add_str(o, "dhcp_start", p->lo ? buf : NULL);
    ipv4_text(p->hi, buf);
    hostobj_add_str(o, "dhcp_end", p->lo ? buf : NULL);
    json_object_object_add(o, "started", json_object_new_boolean(a->start));
    json_object_object_add(o, "autostart", json_object_new_boolean(a->autostart));
    return o;
}

static int cmd_network_define_as(struct shell *sh, void *opaque)
{
    struct defas_args *a = opaque;
    struct plan p = { 0 };
    if (a->forward < 0)
        a->forward = FWD_NAT;
    if (a->bridge && (strlen(a->bridge) > 15 || strpbrk(a->bridge, " /%")))
        return usage_error(sh, "invalid bridge name '%s': at most 15 characters, no blank, '/' or '%%'",
                           a->bridge);
    if (plan_subnet(sh, a->subnet, &p) != CMD_OK || plan_dhcp(sh, a, &p) != CMD_OK)
        return CMD_USAGE;
    _cleanup_free_ char *xml = network_xml(a, &p);
    if (a->print_xml) {
        out_xml(&sh->out, xml);
        return CMD_OK;
    }
    if (!conn_get(sh))
        return CMD_FAILED;
    virNetworkPtr old = virNetworkLookupByName(sh->conn, a->name);
    if (old) {
        virNetworkFree(old);
        return error(sh, "network '%s' already exists", a->name);
    }
    virResetLastError();

    _cleanup_network_ virNetworkPtr n = virNetworkDefineXML(sh->conn, xml);
    if (!n)
        return err_libvirt(sh, "cannot define network '%s'", a->name);
    if (bring_up(sh, n, a) != CMD_OK)
        return CMD_FAILED;

    _cleanup_free_ char *bridge = virNetworkGetBridgeName(n);
    virResetLastError();
    _cleanup_json_ struct json_object *o = report_json(n, a, &p, bridge);
    struct strbuf t = { 0 };
    strbuf_printf(&t, "Network %s defined: %s, %s/%d", a->name, forward_modes[a->forward], json_object_get_string(json_object_object_get(o, "address")),
                  p.prefix);
    if (bridge)
        strbuf_printf(&t, " on bridge %s", bridge);
    if (p.lo)
        strbuf_printf(&t, ", DHCP %s-%s", json_object_get_string(json_object_object_get(o, "dhcp_start")),
                      json_object_get_string(json_object_object_get(o, "dhcp_end")));
    if (a->start)
        strbuf_printf(&t, "\nNetwork %s started", a->name);
    if (a->autostart)
        strbuf_printf(&t, "\nNetwork %s marked as autostarted", a->name);
    _cleanup_free_ char *text = strbuf_steal(&t);
    out_message(&sh->out, o, text);
    return CMD_OK;
}

const struct cmd_def network_define_cmds[] = {
    { .name = "net-define-as", .summary = "define a network from a few options, without XML",
      .desc = "A NAT (the default), routed, open or isolated IPv4 network: the host takes the "
              "first address of --subnet (or the address given in it), DHCP hands out the "
              "addresses after it unless --dhcp-range or --no-dhcp say otherwise, and libvirt "
              "names the bridge unless --bridge does. --print-xml shows the XML and changes "
              "nothing. A network that cannot start is undefined again; one cut short between "
              "its calls is finished by net-start and net-autostart (WHEN A COMMAND IS CUT SHORT). "
              "Beyond virsh.",
      .run = cmd_network_define_as, .args_size = sizeof(struct defas_args),
      .flags = CMD_MODIFIES | CMD_NOCONN,
      .opts = OPTS(OPT_STRING(struct defas_args, "name", name, "the new network's name",
                              .flags = ARG_REQUIRED),
                   OPT_STRING(struct defas_args, "subnet", subnet,
                              "its IPv4 subnet, such as 192.168.150.0/24", .flags = ARG_REQUIRED,
                              .metavar = "ADDRESS/PREFIX"),
                   OPT_ENUM(struct defas_args, "forward", forward, forward_modes,
                            "how traffic leaves it: nat (default), route, open or isolated (not at all)"),
                   OPT_STRING(struct defas_args, "bridge", bridge, "the bridge device's name",
                              .metavar = "NAME"),
                   OPT_STRING(struct defas_args, "dhcp-range", dhcp_range,
                              "the addresses DHCP hands out", .metavar = "START,END", .excl = EXCL(0)),
                   OPT_FLAG(struct defas_args, "no-dhcp", no_dhcp, "no DHCP server", .excl = EXCL(0)),
                   OPT_FLAG(struct defas_args, "start", start, "start it too", .excl = EXCL(1)),
                   OPT_FLAG(struct defas_args, "autostart", autostart, "start it when the host boots",
                            .excl = EXCL(2)),
                   OPT_FLAG(struct defas_args, "print-xml", print_xml,
                            "print the XML and change nothing", .excl = EXCL(1) | EXCL(2))),
      .result = RESULT_OR(RESULT_OBJECT({ "xml", RT_STRING, "--print-xml: the network's XML" }), RS_OBJECT,
                          { "name", RT_STRING, "the network's name" },
                          { "uuid", RT_STRING, "its UUID" },
                          { "result", RT_STRING, "defined" },
                          { "forward", RT_STRING, "nat, route, open or isolated" },
                          { "bridge", RT_STRING | RT_NULL, "its bridge device" },
                          { "address", RT_STRING, "the host's address on it" },
                          { "prefix", RT_INT, "the subnet's prefix length" },
                          { "dhcp_start", RT_STRING | RT_NULL, "the first address DHCP hands out" },
                          { "dhcp_end", RT_STRING | RT_NULL, "the last one" },
                          { "started", RT_BOOL, "it was started" },
                          { "autostart", RT_BOOL, "it starts with the host" }) },
    { 0 },
};
