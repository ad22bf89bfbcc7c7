/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* cmd/devices-common.c - what the devices group's commands share (cmd/devices.h). */
#include <ctype.h>
#include <errno.h>
#include <libvirt/virterror.h>
#include <libxml/parser.h>
#include <stdlib.h>
#include <string.h>

#include "core/strbuf.h"
#include "core/strv.h"
#include "core/util.h"
#include "core/xml.h"
#include "virt/conn.h"
#include "virt/domain.h"
#include "virt/err.h"
#include "cmd/devices.h"

unsigned int hp_flags(const struct hp_scope *s, virDomainPtr d, bool *ret_legacy)
{
    unsigned int flags = 0;
    if (s->config || s->persistent)
        flags |= VIR_DOMAIN_AFFECT_CONFIG;
    if (s->live)
        flags |= VIR_DOMAIN_AFFECT_LIVE;
    if (s->persistent && d && virDomainIsActive(d) == 1)
        flags |= VIR_DOMAIN_AFFECT_LIVE;
    virResetLastError();
    if (ret_legacy)
        *ret_legacy = !flags && !s->current;
    return flags;
}

void hp_reach(virDomainPtr d, unsigned int flags, bool legacy, bool *ret_live, bool *ret_config)
{
    bool live = flags & VIR_DOMAIN_AFFECT_LIVE, config = flags & VIR_DOMAIN_AFFECT_CONFIG;
    if (legacy) {
        live = true;
    } else if (!live && !config) {
        live = virDomainIsActive(d) == 1;
        config = !live;
        virResetLastError();
    }
    *ret_live = live;
    *ret_config = config;
}

struct json_object *hp_result(virDomainPtr d, const char *result, unsigned int flags, bool legacy)
{
    bool live, config;
    struct json_object *o = domain_ident_json(d);
    hp_reach(d, flags, legacy, &live, &config);
    json_object_object_add(o, "result", json_object_new_string(result));
    json_object_object_add(o, "live", json_object_new_boolean(live));
    json_object_object_add(o, "config", json_object_new_boolean(config));
    return o;
}

struct json_object *hp_device_result(virDomainPtr d, const char *result, unsigned int flags,
                                     bool legacy, const char *device, const char *alias)
{
    struct json_object *o = hp_result(d, result, flags, legacy);
    json_object_object_add(o, "device", device ? json_object_new_string(device) : NULL);
    json_object_object_add(o, "alias", alias ? json_object_new_string(alias) : NULL);
    return o;
}

/* ---- the domain XML ---------------------------------------------------- */

xmlDocPtr dev_domain_xml(struct shell *sh, virDomainPtr d, bool inactive, bool secure)
{
    unsigned int flags = (inactive ? VIR_DOMAIN_XML_INACTIVE : 0) | (secure ? VIR_DOMAIN_XML_SECURE : 0);
    const char *name = virDomainGetName(d);
    _cleanup_free_ char *xml = virDomainGetXMLDesc(d, flags);
    if (!xml) {
        err_libvirt(sh, "cannot get the XML of domain '%s'", name);
        return NULL;
    }
    xmlDocPtr doc = xmlReadMemory(xml, (int)strlen(xml), "domain.xml", NULL,
                                  XML_PARSE_NONET | XML_PARSE_NOWARNING | XML_PARSE_NOERROR);
    if (!doc || !xmlDocGetRootElement(doc)) {
        xmlFreeDoc(doc);
        error(sh, "cannot parse the XML of domain '%s'", name);
        return NULL;
    }
    return doc;
}

int dev_select(xmlDocPtr doc, const char *expr, xmlNodePtr **ret)
{
    char err[256];
    *ret = NULL;
    xmlXPathObjectPtr r = xml_xpath(doc, NULL, expr, err, sizeof(err));
    if (!r)
        return -1;
    int n = r->type == XPATH_NODESET && r->nodesetval ? r->nodesetval->nodeNr : 0;
    if (n > 0) {
        *ret = xcalloc((size_t)n, sizeof(xmlNodePtr));
        memcpy(*ret, r->nodesetval->nodeTab, (size_t)n * sizeof(xmlNodePtr));
    }
    xmlXPathFreeObject(r);
    return n;
}

char *dev_node_xml(xmlDocPtr doc, xmlNodePtr node)
{
    xmlBufferPtr b = xmlBufferCreate();
    xmlNodeDump(b, doc, node, 0, 0);
    char *s = xstrdup((const char *)xmlBufferContent(b));
    xmlBufferFree(b);
    return s;
}

void dev_drop_child(xmlNodePtr node, const char *name)
{
    for (xmlNodePtr c = node->children, next; c; c = next) {
        next = c->next;
        if (c->type == XML_ELEMENT_NODE && xmlStrEqual(c->name, BAD_CAST name)) {
            xmlUnlinkNode(c);
            xmlFreeNode(c);
        }
    }
}

char *dev_get(xmlNodePtr node, const char *expr)
{
    return xml_get(node, expr);
}

char *dev_alias(xmlNodePtr node)
{
    return xml_get(node, "alias/@name");
}

/* Is `path` the disk's target or its source? */
static bool disk_matches(xmlNodePtr disk, const char *path)
{
    static const char *const exprs[] = {
        "target/@dev", "source/@file", "source/@dev", "source/@dir", "source/@name", NULL,
    };
    for (const char *const *e = exprs; *e; e++) {
        _cleanup_free_ char *v = xml_get(disk, *e);
        if (v && str_eq(v, path))
            return true;
    }
    return false;
}

xmlNodePtr dev_find_disk(xmlDocPtr doc, const char *path, bool only_removable)
{
    _cleanup_free_ xmlNodePtr *disks = NULL;
    int n = dev_select(doc, "/domain/devices/disk", &disks);
    for (int i = 0; i < n; i++) {
        if (!disk_matches(disks[i], path))
            continue;
        _cleanup_free_ char *device = xml_get(disks[i], "@device");
        if (only_removable && !(device && (str_eq(device, "cdrom") || str_eq(device, "floppy"))))
            continue;
        return disks[i];
    }
    return NULL;
}

int dev_detach_outcome(struct shell *sh, virDomainPtr d, int how, const char *what,
                       double timeout_s)
{
    const char *name = virDomainGetName(d);
    switch (how) {
    case DEV_GONE:
        return CMD_OK;
    case DEV_REFUSED:
        return error(sh, "the guest of domain '%s' refused to release %s: it stays attached",
                     name, what);
    case DEV_INTERRUPTED:
        return error(sh, "interrupted while waiting for the guest of domain '%s' to release %s: "
                     "the request stays pending", name, what);
    default:
        return error(sh, "the guest of domain '%s' did not release %s within %g s: the request "
                     "stays pending, the device goes when the guest lets it go", name, what,
                     timeout_s);
    }
}

xmlDocPtr dev_detach_begin(struct shell *sh, const char *domain, const struct hp_scope *s,
                           virDomainPtr *ret_dom, unsigned int *ret_flags, bool *ret_legacy)
{
    *ret_dom = conn_lookup_domain(sh, domain);
    if (!*ret_dom)
        return NULL;
    *ret_flags = hp_flags(s, *ret_dom, ret_legacy);
    return dev_domain_xml(sh, *ret_dom, *ret_flags == VIR_DOMAIN_AFFECT_CONFIG, false);
}

int dev_detach(struct shell *sh, virDomainPtr d, const char *xml, unsigned int flags, bool legacy,
               const char *alias, const char *what, long long timeout)
{
    bool live, config;
    const char *name = virDomainGetName(d); /* not in err_libvirt's arguments: it resets the error */
    hp_reach(d, flags, legacy, &live, &config);
    struct dev_events *w = live ? dev_events_start(sh, d, DEV_EV_REMOVAL) : NULL;
    if (live && !w)
        return CMD_FAILED;
    int rc = !xml ? virDomainDetachDeviceAlias(d, alias, flags)
             : legacy ? virDomainDetachDevice(d, xml) : virDomainDetachDeviceFlags(d, xml, flags);
    if (rc < 0) {
        err_libvirt(sh, "cannot detach %s from domain '%s'", what, name);
        dev_events_free(w);
        return CMD_FAILED;
    }
    conn_state_changed(sh);
    int st = CMD_OK;
    if (w) {
        double t = timeout > 0 ? (double)timeout : DETACH_TIMEOUT_DEFAULT;
        st = dev_detach_outcome(sh, d, dev_wait_removal(w, d, alias, t), what, t);
    }
    dev_events_free(w);
    return st;
}

int dev_print_xml(struct shell *sh, const char *xml)
{
    _cleanup_free_ char *text = xasprintf("%s\n", xml);
    out_xml(&sh->out, text);
    out_line_ends_command(&sh->out); /* virsh prints the element without its newline */
    return CMD_OK;
}

int dev_json_only(struct shell *sh, struct json_object *o)
{
    if (sh->out.mode == OUT_JSON)
        out_value(&sh->out, o, "");
    return CMD_OK;
}

void dev_escape(struct strbuf *b, const char *value)
{
    for (const char *p = value; *p; p++) {
        switch (*p) {
        case '<': strbuf_add(b, "&lt;"); break;
        case '>': strbuf_add(b, "&gt;"); break;
        case '&': strbuf_add(b, "&amp;"); break;
        case '\'': strbuf_add(b, "&apos;"); break;
        case '"': strbuf_add(b, "&quot;"); break;
        default: strbuf_addc(b, *p); break;
        }
    }
}

void dev_attr(struct strbuf *b, const char *name, const char *value)
{
    if (!value)
        return;
    strbuf_printf(b, " %s='", name);
    dev_escape(b, value);
    strbuf_addc(b, '\'');
}

static const struct {
    const char *prefix;
    int type, count, base;
} addr_kinds[] = {
    { "pci", ADDR_PCI, 4, 16 }, { "ccw", ADDR_CCW, 3, 16 }, { "scsi", ADDR_SCSI, 3, 10 },
    { "ide", ADDR_IDE, 3, 10 }, { "sata", ADDR_SATA, 3, 10 }, { "usb", ADDR_USB, 2, 10 },
};

int dev_addr_parse(const char *s, struct dev_addr *ret)
{
    const char *colon = strchr(s, ':');
    if (!colon)
        return -1;
    for (size_t k = 0; k < ARRAY_SIZE(addr_kinds); k++) {
        if (strlen(addr_kinds[k].prefix) != (size_t)(colon - s) ||
            strncmp(s, addr_kinds[k].prefix, (size_t)(colon - s)) != 0)
            continue;
        const char *p = colon + 1;
        *ret = (struct dev_addr){ .type = addr_kinds[k].type };
        for (int i = 0; i < addr_kinds[k].count; i++) {
            char *end;
            if (!((*p >= '0' && *p <= '9') || (addr_kinds[k].base == 16 && isxdigit((unsigned char)*p))))
                return -1;
            errno = 0;
            ret->v[i] = strtoull(p, &end, addr_kinds[k].base);
            if (errno || end == p || ret->v[i] > 0xffffffffULL)
                return -1;
            p = end;
            if (i + 1 < addr_kinds[k].count) {
                if (*p != '.' && *p != ':')
                    return -1;
                p++;
            }
        }
        return *p ? -1 : 0;
    }
    return -1;
}

void dev_addr_format(struct strbuf *b, const struct dev_addr *a, bool multifunction,
                     const char *indent)
{
    const unsigned long long *v = a->v;
    strbuf_add(b, indent);
    switch (a->type) {
    case ADDR_PCI:
        strbuf_printf(b, "<address type='pci' domain='0x%04llx' bus='0x%02llx' slot='0x%02llx' "
                      "function='0x%llx'%s/>\n", v[0], v[1], v[2], v[3],
                      multifunction ? " multifunction='on'" : "");
        break;
    case ADDR_CCW:
        strbuf_printf(b, "<address type='ccw' cssid='0x%02llx' ssid='0x%llx' devno='0x%04llx'/>\n",
                      v[0], v[1], v[2]);
        break;
    case ADDR_USB:
        strbuf_printf(b, "<address type='usb' bus='%llu' port='%llu'/>\n", v[0], v[1]);
        break;
    default:
        strbuf_printf(b, "<address type='drive' controller='%llu' bus='%llu' unit='%llu'/>\n",
                      v[0], v[1], v[2]);
        break;
    }
}

void dev_err_append(struct shell *sh, const char *text)
{
    if (!sh->err.message)
        return;
    char *m = xasprintf("%s%s", sh->err.message, text);
    free(sh->err.message);
    sh->err.message = m;
}
