/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* cmd/devices-iface.c - network interfaces: attach-interface, detach-interface. */
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
#include <string.h>
#include <strings.h>

#include "core/strbuf.h"
#include "core/util.h"
#include "core/xml.h"
#include "virt/conn.h"
#include "virt/context.h"
#include "virt/domain.h"
#include "virt/err.h"
#include "cmd/devices.h"

struct attach_iface_args {
    const char *domain, *type, *source, *target, *mac, *script, *model, *alias, *inbound,
        *outbound;
    struct hp_scope scope;
    bool print_xml, managed;
    int source_mode;
};

#define SOURCE_MODES VALUES("server", "client")

/* average,peak,burst,floor: each optional, numbers. */
struct rate {
    unsigned long long v[4];
};

static int parse_rate(struct shell *sh, const char *opt, const char *s, struct rate *r)
{
    static const char *const fields[] = { "average", "peak", "burst", "floor" };
    *r = (struct rate){ 0 };
    const char *p = s;
    for (int i = 0; ; i++) {
        size_t len = strcspn(p, ",");
        if (i == 4)
            return usage_error(sh, "invalid value '%s' for '--%s': at most four fields, "
                               "average,peak,burst,floor", s, opt);
        if (len) {
            _cleanup_free_ char *num = xstrndup(p, len);
            if (parse_ull(num, &r->v[i]) < 0)
                return usage_error(sh, "invalid value '%s' for '--%s': the %s '%s' is not a "
                                   "number", s, opt, fields[i], num);
        }
        if (!p[len])
            return CMD_OK;
        p += len + 1;
    }
}

static void rate_xml(struct strbuf *b, const char *el, const struct rate *r, bool floor)
{
    static const char *const fields[] = { "average", "peak", "burst", "floor" };
    strbuf_printf(b, "    <%s", el);
    for (int i = 0; i < (floor ? 4 : 3); i++)
        if (r->v[i])
            strbuf_printf(b, " %s='%llu'", fields[i], r->v[i]);
    strbuf_add(b, "/>\n");
}

/* <bandwidth> of --inbound/--outbound.  CMD_OK, or the error recorded. */
static int bandwidth_xml(struct shell *sh, struct strbuf *b, const struct attach_iface_args *a)
{
    struct rate in, out;
    if (!a->inbound && !a->outbound)
        return CMD_OK;
    if (a->inbound && parse_rate(sh, "inbound", a->inbound, &in) != CMD_OK)
        return CMD_USAGE;
    if (a->inbound && !in.v[0] && !in.v[3])
        return usage_error(sh, "invalid value '%s' for '--inbound': it needs an average or a "
                           "floor", a->inbound);
    if (a->outbound && parse_rate(sh, "outbound", a->outbound, &out) != CMD_OK)
        return CMD_USAGE;
    if (a->outbound && !out.v[0])
        return usage_error(sh, "invalid value '%s' for '--outbound': it needs an average",
                           a->outbound);
    if (a->outbound && out.v[3])
        return usage_error(sh, "invalid value '%s' for '--outbound': libvirt has no outbound "
                           "floor", a->outbound);
    strbuf_add(b, "  <bandwidth>\n");
    if (a->inbound)
        rate_xml(b, "inbound", &in, true);
    if (a->outbound)
        rate_xml(b, "outbound", &out, false);
    strbuf_add(b, "  </bandwidth>\n");
    return CMD_OK;
}

/* <source> for the interface types virsh attaches.  CMD_OK or the error. */
static int iface_source(struct shell *sh, struct strbuf *b, const struct attach_iface_args *a)
{
    if (str_eq(a->type, "network") || str_eq(a->type, "bridge")) {
        strbuf_printf(b, "  <source");
        dev_attr(b, a->type, a->source);
        strbuf_add(b, "/>\n");
    } else if (str_eq(a->type, "direct")) {
        strbuf_add(b, "  <source");
        dev_attr(b, "dev", a->source);
        strbuf_add(b, "/>\n");
    } else if (str_eq(a->type, "hostdev")) {
        _cleanup_free_ char *spec = xasprintf("pci:%s", a->source);
        struct dev_addr addr;
        if (dev_addr_parse(spec, &addr) < 0)
            return usage_error(sh, "invalid PCI address '%s' for a hostdev interface: expected "
                               "DOMAIN:BUS:SLOT.FUNCTION", a->source);
        strbuf_add(b, "  <source>\n");
        dev_addr_format(b, &addr, false, "    ");
        strbuf_add(b, "  </source>\n");
    } else if (str_eq(a->type, "vhostuser")) {
        if (a->source_mode < 0)
            return usage_error(sh, "a vhostuser interface needs '--source-mode server|client'");
        strbuf_add(b, "  <source type='unix'");
        dev_attr(b, "path", a->source);
        dev_attr(b, "mode", a->source_mode ? "client" : "server");
        strbuf_add(b, "/>\n");
    } else {
        return usage_error(sh, "invalid interface type '%s': attach-interface takes network, "
                           "bridge, direct, hostdev or vhostuser", a->type);
    }
    return CMD_OK;
}

/* `el` with one attribute, two spaces in, when value is given. */
static void one_attr(struct strbuf *b, const char *el, const char *attr, const char *value)
{
    if (!value)
        return;
    strbuf_printf(b, "  <%s", el);
    dev_attr(b, attr, value);
    strbuf_add(b, "/>\n");
}

static char *iface_xml(struct shell *sh, const struct attach_iface_args *a)
{
    struct strbuf b = { 0 };
    strbuf_add(&b, "<interface");
    dev_attr(&b, "type", a->type);
    strbuf_add(&b, a->managed ? " managed='yes'>\n" : ">\n");
    if (iface_source(sh, &b, a) != CMD_OK) {
        strbuf_free(&b);
        return NULL;
    }
    one_attr(&b, "target", "dev", a->target);
    one_attr(&b, "mac", "address", a->mac);
    one_attr(&b, "script", "path", a->script);
    one_attr(&b, "model", "type", a->model);
    one_attr(&b, "alias", "name", a->alias);
    if (bandwidth_xml(sh, &b, a) != CMD_OK) {
        strbuf_free(&b);
        return NULL;
    }
    strbuf_add(&b, "</interface>\n");
    return strbuf_steal(&b);
}

/* The MAC the attached interface got: the one given, else the live (or
 * next boot's) definition's last interface of that type.  NULL if unknown. */
static char *attached_mac(struct shell *sh, virDomainPtr d, const struct attach_iface_args *a,
                          bool live)
{
    if (a->mac)
        return xstrdup(a->mac);
    _cleanup_(xml_doc_freep) xmlDocPtr doc = dev_domain_xml(sh, d, !live, false);
    if (!doc) {
        err_clear(sh);
        return NULL;
    }
    _cleanup_free_ xmlNodePtr *nodes = NULL;
    _cleanup_free_ char *expr = xasprintf("/domain/devices/interface[@type='%s']", a->type);
    int n = dev_select(doc, expr, &nodes);
    return n > 0 ? dev_get(nodes[n - 1], "mac/@address") : NULL;
}

static int cmd_devices_attach_interface(struct shell *sh, void *opaque)
{
    struct attach_iface_args *a = opaque;
    _cleanup_free_ char *xml = iface_xml(sh, a);
    if (!xml)
        return CMD_USAGE;
    if (a->print_xml) {
        out_xml(&sh->out, xml);
        return CMD_OK;
    }
    _cleanup_domain_ virDomainPtr d = conn_lookup_domain(sh, a->domain);
    if (!d)
        return CMD_FAILED;
    bool legacy, live, config;
    unsigned int flags = hp_flags(&a->scope, d, &legacy);
    int rc = legacy ? virDomainAttachDevice(d, xml) : virDomainAttachDeviceFlags(d, xml, flags);
    if (rc < 0)
        return err_libvirt(sh, "cannot attach a %s interface to domain '%s'", a->type, a->domain);
    conn_state_changed(sh);
    hp_reach(d, flags, legacy, &live, &config);
    _cleanup_free_ char *mac = attached_mac(sh, d, a, live);
    _cleanup_json_ struct json_object *o =
        hp_device_result(d, "attached", flags, legacy, "interface", a->alias);
    json_object_object_add(o, "type", json_object_new_string(a->type));
    json_object_object_add(o, "source", json_object_new_string(a->source));
    json_object_object_add(o, "mac", mac ? json_object_new_string(mac) : NULL);
    out_message(&sh->out, o, "Interface attached successfully");
    return CMD_OK;
}

/* ---- detach-interface ---------------------------------------------------------- */

struct detach_iface_args {
    const char *domain, *type, *mac;
    struct hp_scope scope;
    bool print_xml;
    long long timeout;
};

/* The one interface of that type (and MAC).  NULL with the error recorded. */
static xmlNodePtr find_iface(struct shell *sh, xmlDocPtr doc, const struct detach_iface_args *a)
{
    _cleanup_free_ xmlNodePtr *nodes = NULL;
    int n = dev_select(doc, "/domain/devices/interface", &nodes), found = 0;
    xmlNodePtr hit = NULL;
    for (int i = 0; i < n; i++) {
        _cleanup_free_ char *type = dev_get(nodes[i], "@type");
        _cleanup_free_ char *mac = dev_get(nodes[i], "mac/@address");
        if (!type || !str_eq(type, a->type))
            continue;
        if (a->mac && !(mac && strcasecmp(mac, a->mac) == 0))
            continue;
        hit = nodes[i];
        found++;
    }
    if (found == 1)
        return hit;
    if (found > 1)
        error(sh, "domain '%s' has %d %s interfaces: say which one with --mac", a->domain, found,
              a->type);
    else if (a->mac)
        error(sh, "domain '%s' has no %s interface with MAC address %s", a->domain, a->type,
              a->mac);
    else
        error(sh, "domain '%s' has no %s interface", a->domain, a->type);
    return NULL;
}

static int cmd_devices_detach_interface(struct shell *sh, void *opaque)
{
    struct detach_iface_args *a = opaque;
    _cleanup_domain_ virDomainPtr d = NULL;
    bool legacy;
    unsigned int flags;
    _cleanup_(xml_doc_freep) xmlDocPtr doc = dev_detach_begin(sh, a->domain, &a->scope, &d, &flags,
                                                             &legacy);
    if (!doc)
        return CMD_FAILED;
    xmlNodePtr iface = find_iface(sh, doc, a);
    if (!iface)
        return CMD_FAILED;
    _cleanup_free_ char *xml = dev_node_xml(doc, iface);
    if (a->print_xml)
        return dev_print_xml(sh, xml);
    _cleanup_free_ char *alias = dev_alias(iface);
    _cleanup_free_ char *mac = dev_get(iface, "mac/@address");
    _cleanup_free_ char *what = xasprintf("interface %s", mac ? mac : a->type);
    int st = dev_detach(sh, d, xml, flags, legacy, alias, what, a->timeout);
    if (st != CMD_OK)
        return st;
    _cleanup_json_ struct json_object *o =
        hp_device_result(d, "detached", flags, legacy, "interface", alias);
    json_object_object_add(o, "type", json_object_new_string(a->type));
    json_object_object_add(o, "mac", mac ? json_object_new_string(mac) : NULL);
    out_message(&sh->out, o, "Interface detached successfully");
    return CMD_OK;
}

#define IS(field, nm, what, ...) \
    OPT_STRING(struct attach_iface_args, nm, field, what, .flags = OPT_POSITIONAL, ##__VA_ARGS__)

#define IFACE_BASE \
    DOMAIN_IDENT_FIELDS, \
    { "live", RT_BOOL, "the running domain changed" }, \
    { "config", RT_BOOL, "the next boot's definition changed" }, \
    { "device", RT_STRING, "\"interface\"" }, \
    { "alias", RT_STRING | RT_NULL, "the interface's alias" }, \
    { "type", RT_STRING, "its type" }, \
    { "mac", RT_STRING | RT_NULL, "its MAC address" }

const struct cmd_def devices_iface_cmds[] = {
    { .name = "attach-interface", .summary = "attach a network interface",
      .desc = "Attach an interface of TYPE: network (SOURCE: a libvirt network), bridge (a "
              "host bridge), direct (a host interface, macvtap), hostdev (a host PCI device, "
              "DOMAIN:BUS:SLOT.FUNCTION) or vhostuser (a socket path, with --source-mode).  "
              "--inbound and --outbound limit its traffic: AVERAGE,PEAK,BURST,FLOOR in KiB/s "
              "(KiB for the burst).  With neither --live nor --config the running domain "
              "changes (as virsh); --persistent also changes the next boot's definition.  "
              "--print-xml prints the <interface> instead.  JSON: name, id, uuid, result "
              "\"attached\", live, config, device, alias, type, source, mac (the one it got).",
      .run = cmd_devices_attach_interface, .args_size = sizeof(struct attach_iface_args),
      .flags = CMD_MODIFIES,
      .result = RESULT_OR(RESULT_OBJECT({ "xml", RT_STRING, "the <interface> (--print-xml)" }),
                          RS_OBJECT, IFACE_BASE,
                          { "result", RT_STRING, "\"attached\"" },
                          { "source", RT_STRING, "its source" }),
      .opts = OPTS(ARG_DOMAIN(struct attach_iface_args, domain, COMPL_DOMAIN),
                   OPT_STRING(struct attach_iface_args, "type", type,
                              "network, bridge, direct, hostdev or vhostuser",
                              .flags = ARG_REQUIRED),
                   OPT_STRING(struct attach_iface_args, "source", source,
                              "the network, bridge, host interface, PCI address or socket",
                              .flags = ARG_REQUIRED),
                   IS(target, "target", "the host-side device's name"),
                   IS(mac, "mac", "the MAC address (default: libvirt chooses)"),
                   IS(script, "script", "a script that sets the host side up"),
                   IS(model, "model", "the device model (virtio, e1000, rtl8139)"),
                   IS(alias, "alias", "the device's alias (ua-NAME)"),
                   IS(inbound, "inbound", "limit incoming traffic: AVERAGE,PEAK,BURST,FLOOR"),
                   IS(outbound, "outbound", "limit outgoing traffic: AVERAGE,PEAK,BURST"),
                   HP_SCOPE_OPTS(struct attach_iface_args),
                   OPT_FLAG(struct attach_iface_args, "print-xml", print_xml,
                            "print the <interface> instead of attaching it"),
                   OPT_FLAG(struct attach_iface_args, "managed", managed,
                            "hostdev: libvirt detaches the device from the host and back"),
                   OPT_ENUM(struct attach_iface_args, "source-mode", source_mode, SOURCE_MODES,
                            "vhostuser: server or client", .flags = OPT_POSITIONAL)) },
    { .name = "detach-interface", .summary = "detach a network interface",
      .desc = "Detach the domain's interface of TYPE (network, bridge, ...), the one with MAC "
              "when it has several.  With neither --live nor --config the running domain "
              "changes (as virsh); --persistent also changes the next boot's definition.  When "
              "the running domain is asked to let the interface go, the command waits "
              "(--timeout, default 30 s) until the guest released it, and fails saying so when "
              "the guest refused or did not answer.  --print-xml prints the <interface> "
              "instead.  JSON: name, id, uuid, result \"detached\", live, config, device, "
              "alias, type, mac.",
      .run = cmd_devices_detach_interface, .args_size = sizeof(struct detach_iface_args),
      .flags = CMD_MODIFIES,
      .result = RESULT_OR(RESULT_OBJECT({ "xml", RT_STRING, "the <interface> (--print-xml)" }),
                          RS_OBJECT, IFACE_BASE,
                          { "result", RT_STRING, "\"detached\"" }),
      .opts = OPTS(ARG_DOMAIN(struct detach_iface_args, domain, COMPL_DOMAIN),
                   OPT_STRING(struct detach_iface_args, "type", type,
                              "the interface's type (network, bridge, direct)", .flags = ARG_REQUIRED),
                   OPT_STRING(struct detach_iface_args, "mac", mac, "its MAC address",
                              .flags = OPT_POSITIONAL, .complete = COMPL_MAC),
                   HP_SCOPE_OPTS(struct detach_iface_args),
                   OPT_FLAG(struct detach_iface_args, "print-xml", print_xml,
                            "print the <interface> instead of detaching it"),
                   DETACH_TIMEOUT_OPT(struct detach_iface_args)) },
    { 0 },
};
