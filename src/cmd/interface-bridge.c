/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * cmd/interface-bridge.c - iface-bridge and iface-unbridge: a host
 * interface moved into a new bridge, and back out of it.
 *
 * Both change state in several calls; what a cut leaves and how to go on
 * is in the man page (WHEN A COMMAND IS CUT SHORT):
 *   iface-bridge IF BR:  define BR (IF inside)  ->  destroy IF  ->  start BR
 *   iface-unbridge BR:   destroy BR  ->  define IF alone  ->  undefine BR  ->  start IF
 * The start and destroy steps are left out with --no-start.  Ctrl-C is
 * honoured only before the first call.
 */
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
#include <string.h>

#include "core/interrupt.h"
#include "core/util.h"
#include "core/xml.h"
#include "virt/conn.h"
#include "virt/context.h"
#include "virt/err.h"
#include "virt/hostobj.h"
#include "cmd/interface.h"

/* The interface's configuration (inactive XML when the driver has it),
 * parsed.  NULL with the error recorded. */
static xmlDocPtr iface_doc(struct shell *sh, virInterfacePtr i)
{
    char err[300];
    const char *name = virInterfaceGetName(i);
    char *xml = virInterfaceGetXMLDesc(i, VIR_INTERFACE_XML_INACTIVE);
    if (!xml && virGetLastErrorCode() == VIR_ERR_INVALID_ARG) {
        virResetLastError(); /* a driver without inactive XML (test:///) */
        xml = virInterfaceGetXMLDesc(i, 0);
    }
    if (!xml) {
        err_libvirt(sh, "cannot get the XML of interface '%s'", name);
        return NULL;
    }
    xmlDocPtr doc = xml_parse(xml, strlen(xml), err, sizeof(err));
    free(xml);
    if (!doc)
        error(sh, "cannot parse the XML of interface '%s': %s", name, err);
    return doc;
}

/* Move the elements that belong to whoever is up (start mode, MTU, the
 * addresses) from `from` to `to`, before `to`'s first child. */
static void move_host_settings(xmlNodePtr from, xmlNodePtr to)
{
    static const char *const names[] = { "start", "mtu", "protocol" };
    xmlNodePtr first = to->children;
    for (xmlNodePtr c = from->children, next; c; c = next) {
        next = c->next;
        bool move = false;
        for (size_t k = 0; k < ARRAY_SIZE(names); k++)
            move = move || (c->type == XML_ELEMENT_NODE && xmlStrEqual(c->name, BAD_CAST names[k]));
        if (!move)
            continue;
        xmlUnlinkNode(c);
        if (first)
            xmlAddPrevSibling(first, c);
        else
            xmlAddChild(to, c);
    }
}

static char *doc_text(xmlDocPtr doc, xmlNodePtr root)
{
    _cleanup_free_ char *t = xml_node_text(doc, root);
    return xasprintf("%s\n", t);
}

/* ------------------------------------------------------------ iface-bridge */

struct bridge_args {
    const char *iface, *bridge;
    bool no_stp;
    long long delay;
    bool no_start;
};

/* The bridge's XML: IF's host settings on the bridge, IF inside it. */
static char *bridge_xml(struct shell *sh, virInterfacePtr i, const struct bridge_args *a)
{
    _cleanup_(xml_doc_freep) xmlDocPtr old = iface_doc(sh, i);
    if (!old)
        return NULL;
    xmlNodePtr dev = xmlDocGetRootElement(old);
    _cleanup_free_ char *type = xml_get(dev, "@type");
    if (!str_eq(type, "ethernet") && !str_eq(type, "vlan") && !str_eq(type, "bond")) {
        error(sh, "interface '%s' is a %s: only an ethernet, vlan or bond interface can be bridged",
              a->iface, type ? type : "device of unknown type");
        return NULL;
    }
    _cleanup_(xml_doc_freep) xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
    xmlNodePtr root = xmlNewDocNode(doc, NULL, BAD_CAST "interface", NULL);
    xmlDocSetRootElement(doc, root);
    xmlNewProp(root, BAD_CAST "type", BAD_CAST "bridge");
    xmlNewProp(root, BAD_CAST "name", BAD_CAST a->bridge);
    xmlNodePtr br = xmlNewChild(root, NULL, BAD_CAST "bridge", NULL);
    char delay[32];
    snprintf(delay, sizeof(delay), "%lld", a->delay);
    xmlNewProp(br, BAD_CAST "stp", BAD_CAST(a->no_stp ? "off" : "on"));
    xmlNewProp(br, BAD_CAST "delay", BAD_CAST delay);
    xmlNodePtr moved = xmlDocCopyNode(dev, doc, 1);
    xmlAddChild(br, moved);
    move_host_settings(moved, root);
    return doc_text(doc, root);
}

static int cmd_iface_bridge(struct shell *sh, void *opaque)
{
    struct bridge_args *a = opaque;
    _cleanup_iface_ virInterfacePtr i = hostobj_iface(sh, a->iface);
    if (!i)
        return CMD_FAILED;
    virInterfacePtr clash = virInterfaceLookupByName(sh->conn, a->bridge);
    if (clash) {
        virInterfaceFree(clash);
        return error(sh, "interface '%s' already exists", a->bridge);
    }
    virResetLastError();
    _cleanup_free_ char *xml = bridge_xml(sh, i, a);
    if (!xml)
        return CMD_FAILED;
    if (shell_interrupted)
        return err_set(sh, 130, "interrupted: nothing was changed");

    _cleanup_iface_ virInterfacePtr br = virInterfaceDefineXML(sh->conn, xml, 0);
    if (!br)
        return err_libvirt(sh, "cannot define bridge '%s'", a->bridge);
    _cleanup_free_ char *text = xasprintf("Created bridge %s with attached device %s", a->bridge,
                                          virInterfaceGetName(i));
    if (!a->no_start) {
        if (virInterfaceDestroy(i, 0) < 0)
            return err_libvirt(sh, "bridge '%s' is defined, but interface '%s' cannot be stopped: "
                                   "'iface-destroy %s; iface-start %s' goes on", a->bridge,
                               a->iface, a->iface, a->bridge);
        if (virInterfaceCreate(br, 0) < 0)
            return err_libvirt(sh, "bridge '%s' is defined and '%s' stopped, but the bridge cannot "
                                   "start: 'iface-start %s' goes on", a->bridge, a->iface, a->bridge);
        char *more = xasprintf("%s\nBridge interface %s started", text, a->bridge);
        free(text);
        text = more;
    }
    return hostobj_report(sh, a->bridge, NULL, a->no_start ? "bridged" : "bridged_started", text);
}

/* ------------------------------------------------------------ iface-unbridge */

struct unbridge_args {
    const char *bridge;
    bool no_start;
};

/* The device attached to BR, alone, with BR's host settings; its name in
 * *ret_name.  NULL with the error recorded. */
static char *unbridged_xml(struct shell *sh, virInterfacePtr br, const char *bridge, char **ret_name)
{
    _cleanup_(xml_doc_freep) xmlDocPtr old = iface_doc(sh, br);
    if (!old)
        return NULL;
    xmlNodePtr root = xmlDocGetRootElement(old);
    _cleanup_free_ char *type = xml_get(root, "@type");
    if (!str_eq(type, "bridge")) {
        error(sh, "interface '%s' is not a bridge", bridge);
        return NULL;
    }
    char err[200];
    xmlXPathObjectPtr r = xml_xpath(old, root, "bridge/interface", err, sizeof(err));
    int n = r && r->nodesetval ? r->nodesetval->nodeNr : 0;
    if (n != 1) {
        xmlXPathFreeObject(r);
        if (n)
            error(sh, "bridge '%s' has %d attached interfaces: iface-unbridge needs exactly one", bridge, n);
        else
            error(sh, "bridge '%s' has no attached interface", bridge);
        return NULL;
    }
    xmlNodePtr dev = r->nodesetval->nodeTab[0];
    xmlXPathFreeObject(r);
    _cleanup_(xml_doc_freep) xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
    xmlNodePtr copy = xmlDocCopyNode(dev, doc, 1);
    xmlDocSetRootElement(doc, copy);
    xmlNodePtr holder = xmlDocCopyNode(root, doc, 1); /* the bridge's settings, to move */
    move_host_settings(holder, copy);
    xmlFreeNode(holder);
    *ret_name = xml_get(copy, "@name");
    return doc_text(doc, copy);
}

static int cmd_iface_unbridge(struct shell *sh, void *opaque)
{
    struct unbridge_args *a = opaque;
    _cleanup_iface_ virInterfacePtr br = hostobj_iface(sh, a->bridge);
    if (!br)
        return CMD_FAILED;
    _cleanup_free_ char *dev = NULL;
    _cleanup_free_ char *xml = unbridged_xml(sh, br, a->bridge, &dev);
    if (!xml)
        return CMD_FAILED;
    if (shell_interrupted)
        return err_set(sh, 130, "interrupted: nothing was changed");
    const char *d = dev ? dev : "?";

    if (!a->no_start && virInterfaceIsActive(br) == 1 && virInterfaceDestroy(br, 0) < 0)
        return err_libvirt(sh, "cannot stop bridge '%s'", a->bridge);
    _cleanup_iface_ virInterfacePtr i = virInterfaceDefineXML(sh->conn, xml, 0);
    if (!i)
        return err_libvirt(sh, "cannot define interface '%s' outside bridge '%s'%s", d, a->bridge,
                           a->no_start ? "" : " (the bridge is stopped: 'iface-start' it to go back)");
    if (virInterfaceUndefine(br) < 0)
        return err_libvirt(sh, "interface '%s' is defined on its own, but bridge '%s' cannot be "
                               "undefined: 'iface-undefine %s%s%s' goes on", d, a->bridge, a->bridge,
                           a->no_start ? "" : "; iface-start ", a->no_start ? "" : d);
    _cleanup_free_ char *text = xasprintf("Device %s un-attached from bridge %s", d, a->bridge);
    if (!a->no_start && virInterfaceIsActive(i) != 1) {
        if (virInterfaceCreate(i, 0) < 0)
            return err_libvirt(sh, "bridge '%s' is gone, but interface '%s' cannot start: "
                                   "'iface-start %s' goes on", a->bridge, d, d);
        char *more = xasprintf("%s\nInterface %s started", text, d);
        free(text);
        text = more;
    }
    return hostobj_report(sh, d, NULL, a->no_start ? "unbridged" : "unbridged_started", text);
}

const struct cmd_def iface_bridge_cmds[] = {
    { .name = "iface-bridge", .summary = "put a host interface into a new bridge",
      .desc = "Defines bridge BRIDGE holding INTERFACE (its addresses and start mode move to the "
              "bridge), then stops INTERFACE and starts the bridge unless --no-start. Cut short "
              "between these calls: WHEN A COMMAND IS CUT SHORT. Best inside iface-begin and "
              "iface-commit.",
      .run = cmd_iface_bridge, .args_size = sizeof(struct bridge_args), .flags = CMD_MODIFIES,
      .result = OBJ_REPORT_RESULT,
      .opts = OPTS(ARG_IFACE(struct bridge_args, iface, "the interface to bridge"),
                   OPT_STRING(struct bridge_args, "bridge", bridge, "the new bridge's name",
                              .flags = ARG_REQUIRED),
                   OPT_FLAG(struct bridge_args, "no-stp", no_stp, "no spanning tree on the bridge"),
                   OPT_INT(struct bridge_args, "delay", delay, 0, 3600,
                           "seconds before the bridge forwards on a new port", .metavar = "SECONDS",
                           .flags = OPT_POSITIONAL),
                   OPT_FLAG(struct bridge_args, "no-start", no_start,
                            "only define the bridge: leave the interface as it runs")) },
    { .name = "iface-unbridge", .summary = "take the interface out of a bridge and remove the bridge",
      .desc = "Stops the bridge (unless --no-start), defines its one attached interface on its own "
              "with the bridge's addresses and start mode, undefines the bridge and starts the "
              "interface (unless --no-start). Cut short between these calls: WHEN A COMMAND IS CUT "
              "SHORT.",
      .run = cmd_iface_unbridge, .args_size = sizeof(struct unbridge_args), .flags = CMD_MODIFIES,
      .result = OBJ_REPORT_RESULT,
      .opts = OPTS(OPT_STRING(struct unbridge_args, "bridge", bridge, "the bridge", .flags = ARG_REQUIRED,
                              .complete = COMPL_HOST_IFACE),
                   OPT_FLAG(struct unbridge_args, "no-start", no_start,
                            "neither stop the bridge nor start the interface")) },
    { 0 },
};
