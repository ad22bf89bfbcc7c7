/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* cmd/devices.c - a domain's devices: domiflist, domblklist, domifaddr. */
#include <libvirt/libvirt.h>
#include <string.h>
#include <strings.h>

#include "core/strbuf.h"
#include "core/util.h"
#include "core/xml.h"
#include "virt/conn.h"
#include "virt/context.h"
#include "virt/domain.h"
#include "virt/err.h"
#include "cmd/groups.h"

struct devlist_args {
    const char *domain;
    bool inactive, details;
};

/* The domain's XML parsed, and the device elements `expr` selects in it.
 * NULL with the error recorded. */
static xmlXPathObjectPtr domain_devices(struct shell *sh, const struct devlist_args *a,
                                        const char *expr, xmlDocPtr *ret_doc)
{
    _cleanup_domain_ virDomainPtr d = conn_lookup_domain(sh, a->domain);
    if (!d)
        return NULL;
    _cleanup_free_ char *xml = virDomainGetXMLDesc(d, a->inactive ? VIR_DOMAIN_XML_INACTIVE : 0);
    if (!xml) {
        err_libvirt(sh, "cannot get the XML of domain '%s'", a->domain);
        return NULL;
    }
    char err[300];
    xmlDocPtr doc = xml_parse(xml, strlen(xml), err, sizeof(err));
    if (!doc) {
        error(sh, "cannot parse the XML of domain '%s': %s", virDomainGetName(d), err);
        return NULL;
    }
    xmlXPathObjectPtr r = xml_xpath(doc, NULL, expr, err, sizeof(err));
    if (!r || r->type != XPATH_NODESET) {
        xmlXPathFreeObject(r);
        xmlFreeDoc(doc);
        error(sh, "cannot read the devices of domain '%s'", virDomainGetName(d));
        return NULL;
    }
    *ret_doc = doc;
    return r;
}

/* The first of several attributes a device element has, as JSON (null if none). */
static struct json_object *first_of(xmlNodePtr n, const char *const *exprs)
{
    for (; *exprs; exprs++) {
        _cleanup_free_ char *v = xml_get(n, *exprs);
        if (v)
            return json_object_new_string(v);
    }
    return NULL;
}

static struct json_object *get_json(xmlNodePtr n, const char *expr)
{
    _cleanup_free_ char *v = xml_get(n, expr);
    return v ? json_object_new_string(v) : NULL;
}

static int cmd_devices_domiflist(struct shell *sh, void *opaque)
{
    struct devlist_args *a = opaque;
    xmlDocPtr doc = NULL;
    xmlXPathObjectPtr r = domain_devices(sh, a, "/domain/devices/interface", &doc);
    if (!r)
        return CMD_FAILED;
    static const char *const sources[] = {
        "source/@network", "source/@bridge", "source/@dev", "source/@name", "source/@path", NULL,
    };
    _cleanup_json_ struct json_object *rows = json_object_new_array();
    for (int i = 0; r->nodesetval && i < r->nodesetval->nodeNr; i++) {
        xmlNodePtr n = r->nodesetval->nodeTab[i];
        struct json_object *o = json_object_new_object();
        json_object_object_add(o, "interface", get_json(n, "target/@dev"));
        json_object_object_add(o, "type", get_json(n, "@type"));
        json_object_object_add(o, "source", first_of(n, sources));
        json_object_object_add(o, "model", get_json(n, "model/@type"));
        json_object_object_add(o, "mac", get_json(n, "mac/@address"));
        json_object_array_add(rows, o);
    }
    xmlXPathFreeObject(r);
    xmlFreeDoc(doc);
    static const struct out_col cols[] = {
        { "interface", "Interface", FMT_PLAIN },
        { "type", "Type", FMT_PLAIN },
        { "source", "Source", FMT_PLAIN },
        { "model", "Model", FMT_PLAIN },
        { "mac", "MAC", FMT_PLAIN },
    };
    out_table(&sh->out, rows, cols, ARRAY_SIZE(cols));
    return CMD_OK;
}

static int cmd_devices_domblklist(struct shell *sh, void *opaque)
{
    struct devlist_args *a = opaque;
    xmlDocPtr doc = NULL;
    xmlXPathObjectPtr r = domain_devices(sh, a, "/domain/devices/disk", &doc);
    if (!r)
        return CMD_FAILED;
    static const char *const sources[] = {
        "source/@file", "source/@dev", "source/@dir", "source/@name", NULL,
    };
    _cleanup_json_ struct json_object *rows = json_object_new_array();
    for (int i = 0; r->nodesetval && i < r->nodesetval->nodeNr; i++) {
        xmlNodePtr n = r->nodesetval->nodeTab[i];
        struct json_object *o = json_object_new_object();
        json_object_object_add(o, "type", get_json(n, "@type"));
        json_object_object_add(o, "device", get_json(n, "@device"));
        json_object_object_add(o, "target", get_json(n, "target/@dev"));
        struct json_object *src = first_of(n, sources);
        _cleanup_free_ char *vol = xml_get(n, "source/@volume");
        if (!src && vol) {
            _cleanup_free_ char *pool = xml_get(n, "source/@pool");
            _cleanup_free_ char *s = pool ? xasprintf("%s/%s", pool, vol) : xstrdup(vol);
            src = json_object_new_string(s);
        }
        json_object_object_add(o, "source", src);
        json_object_array_add(rows, o);
    }
    xmlXPathFreeObject(r);
    xmlFreeDoc(doc);
    static const struct out_col cols[] = {
        { "type", "Type", FMT_PLAIN },
        { "device", "Device", FMT_PLAIN },
        { "target", "Target", FMT_PLAIN },
        { "source", "Source", FMT_PLAIN },
    };
    /* JSON rows always carry all four keys; text shows Type and Device with --details. */
    if (a->details)
        out_table(&sh->out, rows, cols, ARRAY_SIZE(cols));
    else
        out_table(&sh->out, rows, cols + 2, 2);
    return CMD_OK;
}

struct domifaddr_args {
    const char *domain;
    const char *interface;
    bool full;
    int source;
};

/* VALUES order is libvirt's VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_* order. */
#define IFADDR_SOURCES VALUES("lease", "agent", "arp")

static const char *addr_type_word(int t)
{
    switch (t) {
    case VIR_IP_ADDR_TYPE_IPV4:
        return "ipv4";
    case VIR_IP_ADDR_TYPE_IPV6:
        return "ipv6";
    }
    return "unknown";
}

/* One address as JSON: {"type", "address", "prefix"}. */
static struct json_object *address_json(const virDomainIPAddress *ip)
{
    struct json_object *o = json_object_new_object();
    json_object_object_add(o, "type", json_object_new_string(addr_type_word(ip->type)));
    json_object_object_add(o, "address", ip->addr ? json_object_new_string(ip->addr) : NULL);
    json_object_object_add(o, "prefix", json_object_new_int(ip->prefix));
    return o;
}

/* One interface as virsh's lines: a line per address, the name and MAC
 * only on the first unless --full; an interface without one says N/A. */
static void interface_text(struct strbuf *b, const virDomainInterface *i, bool full)
{
    const char *name = i->name ? i->name : "";
    if (i->naddrs == 0) {
        strbuf_printf(b, " %-10s %-17s    %-12s %s\n", name, i->hwaddr ? i->hwaddr : "N/A", "N/A",
                      "N/A");
        return;
    }
    for (unsigned int j = 0; j < i->naddrs; j++) {
        const virDomainIPAddress *ip = &i->addrs[j];
        bool first = j == 0 || full;
        strbuf_printf(b, " %-10s %-17s    %-12s %s/%u\n", first ? name : "-",
                      first ? (i->hwaddr ? i->hwaddr : "") : "-", addr_type_word(ip->type),
                      ip->addr ? ip->addr : "", ip->prefix);
    }
}

static int cmd_devices_domifaddr(struct shell *sh, void *opaque)
{
    struct domifaddr_args *a = opaque;
    _cleanup_domain_ virDomainPtr d = conn_lookup_domain(sh, a->domain);
    if (!d)
        return CMD_FAILED;
    if (virDomainIsActive(d) == 0)
        return error(sh, "domain '%s' is not running", virDomainGetName(d));
    unsigned int source = a->source < 0 ? VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_LEASE
                                        : (unsigned int)a->source;
    virDomainInterfacePtr *ifaces = NULL;
    int n = virDomainInterfaceAddresses(d, &ifaces, source, 0);
    if (n < 0)
        return err_libvirt(sh, "cannot get the interface addresses of domain '%s'", a->domain);

    /* JSON: the interfaces with their addresses.  Text: virsh's fixed
     * columns (its heading unless -q). */
    _cleanup_json_ struct json_object *arr = json_object_new_array();
    struct strbuf b = { 0 };
    if (!sh->out.quiet)
        strbuf_printf(&b, " %-10s %-20s %-8s     %s\n%s%s\n", "Name", "MAC address", "Protocol",
                      "Address", "-------------------------------------------------",
                      "------------------------------");
    for (int k = 0; k < n; k++) {
        virDomainInterfacePtr i = ifaces[k];
        if (a->interface && !str_eq(i->name, a->interface))
            continue; /* by name, as virsh: an unknown one shows nothing */
        struct json_object *o = json_object_new_object();
        struct json_object *addrs = json_object_new_array();
        json_object_object_add(o, "interface", i->name ? json_object_new_string(i->name) : NULL);
        json_object_object_add(o, "mac", i->hwaddr ? json_object_new_string(i->hwaddr) : NULL);
        for (unsigned int j = 0; j < i->naddrs; j++)
            json_object_array_add(addrs, address_json(&i->addrs[j]));
        json_object_object_add(o, "addresses", addrs);
        json_object_array_add(arr, o);
        interface_text(&b, i, a->full);
    }
    for (int k = 0; k < n; k++)
        virDomainInterfaceFree(ifaces[k]);
    free(ifaces);
    out_value(&sh->out, arr, strbuf_str(&b));
    strbuf_free(&b);
    return CMD_OK;
}

const struct cmd_group cmd_group_devices = {
    .name = "devices",
    .title = "Domain devices",
    .cmds = (const struct cmd_def[]){
        { .name = "domiflist", .summary = "list a domain's network interfaces",
          .desc = "List the domain's virtual network interfaces: the host-side device "
                  "(Interface, '-' until the domain runs), type, source, model and MAC address.  JSON: rows with interface, type, source, "
                  "model and mac (null when absent).",
          .run = cmd_devices_domiflist, .args_size = sizeof(struct devlist_args),
          .opts = OPTS(ARG_DOMAIN(struct devlist_args, domain, COMPL_DOMAIN),
                       OPT_FLAG(struct devlist_args, "inactive", inactive,
                                "the configuration of the next boot, not the live one")) },
        { .name = "domblklist", .summary = "list a domain's disks",
          .desc = "List the domain's disks: target and source, and with --details the disk "
                  "type and device.  JSON: rows with type, device, target and source, whatever "
                  "the options (null when absent).",
          .run = cmd_devices_domblklist, .args_size = sizeof(struct devlist_args),
          .opts = OPTS(ARG_DOMAIN(struct devlist_args, domain, COMPL_DOMAIN),
                       OPT_FLAG(struct devlist_args, "inactive", inactive,
                                "the configuration of the next boot, not the live one"),
                       OPT_FLAG(struct devlist_args, "details", details, "also show the disk type and device")) },
        { .name = "domifaddr", .summary = "show the addresses of a running domain's interfaces",
          .desc = "Show the IP addresses of a running domain's network interfaces, as "
                  "libvirt's DHCP leases (lease, the default), the host's ARP table (arp) or "
                  "the guest agent (agent) know them.",
          .run = cmd_devices_domifaddr, .args_size = sizeof(struct domifaddr_args),
          .opts = OPTS(ARG_DOMAIN(struct domifaddr_args, domain, COMPL_DOMAIN_ACTIVE),
                       OPT_STRING(struct domifaddr_args, "interface", interface,
                                  "only this interface (by name)",
                                  .flags = OPT_POSITIONAL,
                                  .metavar = "NAME", .complete = COMPL_INTERFACE),
                       OPT_FLAG(struct domifaddr_args, "full", full,
                                "repeat the name and MAC on every address's row"),
                       OPT_ENUM(struct domifaddr_args, "source", source, IFADDR_SOURCES,
                                "where the addresses come from: lease, agent or arp",
                                .flags = OPT_POSITIONAL)) },
        { 0 },
    },
};
