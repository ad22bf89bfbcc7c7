/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * cmd/devices-hotplug.c - devices from XML: attach-device, detach-device,
 * detach-device-alias, update-device, update-memory-device.
 */
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
#include <limits.h>
#include <string.h>
#include <strings.h>

#include "core/util.h"
#include "core/xml.h"
#include "virt/conn.h"
#include "virt/context.h"
#include "virt/domain.h"
#include "virt/err.h"
#include "cmd/devices.h"

struct devfile_args {
    const char *domain, *file;
    struct hp_scope scope;
    bool force;
    long long timeout;
};

/* The device XML of a file: its text, and the root element's name and the
 * key that finds it among the domain's devices. */
struct devxml {
    char *text;
    char *kind;       /* "disk", "interface", ... */
    char *alias;      /* <alias name>, if the file names one */
    char *target;     /* disk: target/@dev */
    char *mac;        /* interface: mac/@address */
};

static void devxml_clear(struct devxml *x)
{
    free(x->text);
    free(x->kind);
    free(x->alias);
    free(x->target);
    free(x->mac);
}

static int devxml_read(struct shell *sh, const char *file, struct devxml *ret)
{
    char err[300];
    *ret = (struct devxml){ 0 };
    ret->text = domain_read_xml_file(sh, file);
    if (!ret->text)
        return -1;
    _cleanup_(xml_doc_freep) xmlDocPtr doc = xml_parse(ret->text, strlen(ret->text), err,
                                                       sizeof(err));
    xmlNodePtr root = doc ? xmlDocGetRootElement(doc) : NULL;
    if (!root)
        return error(sh, "'%s' is not well-formed XML: %s", file, err), -1;
    ret->kind = xstrdup((const char *)root->name);
    ret->alias = xml_get(root, "alias/@name");
    ret->target = xml_get(root, "target/@dev");
    ret->mac = xml_get(root, "mac/@address");
    return 0;
}

static int report(struct shell *sh, virDomainPtr d, const char *result, unsigned int flags,
                  bool legacy, const struct devxml *x, const char *text)
{
    _cleanup_json_ struct json_object *o = hp_device_result(d, result, flags, legacy, x->kind,
                                                            x->alias);
    out_message(&sh->out, o, text);
    return CMD_OK;
}

static int cmd_devices_attach_device(struct shell *sh, void *opaque)
{
    struct devfile_args *a = opaque;
    _cleanup_domain_ virDomainPtr d = conn_lookup_domain(sh, a->domain);
    if (!d)
        return CMD_FAILED;
    bool legacy;
    unsigned int flags = hp_flags(&a->scope, d, &legacy);
    _cleanup_(devxml_clear) struct devxml x = { 0 };
    if (devxml_read(sh, a->file, &x) < 0)
        return CMD_FAILED;
    int rc = legacy ? virDomainAttachDevice(d, x.text) : virDomainAttachDeviceFlags(d, x.text, flags);
    if (rc < 0)
        return err_libvirt(sh, "cannot attach the device of '%s' to domain '%s'", a->file,
                           a->domain);
    conn_state_changed(sh);
    return report(sh, d, "attached", flags, legacy, &x, "Device attached successfully");
}

/* The alias of the live device `x` describes, found by its alias, disk
 * target or MAC; NULL if the file says too little (then any device the
 * domain loses counts). */
static char *live_alias(struct shell *sh, virDomainPtr d, const struct devxml *x)
{
    if (x->alias)
        return xstrdup(x->alias);
    _cleanup_(xml_doc_freep) xmlDocPtr doc = dev_domain_xml(sh, d, false, false);
    if (!doc) {
        err_clear(sh);
        return NULL;
    }
    _cleanup_free_ xmlNodePtr *nodes = NULL;
    _cleanup_free_ char *expr = xasprintf("/domain/devices/%s", x->kind);
    int n = dev_select(doc, expr, &nodes);
    for (int i = 0; i < n; i++) {
        _cleanup_free_ char *t = x->target ? dev_get(nodes[i], "target/@dev") : NULL;
        _cleanup_free_ char *m = x->mac ? dev_get(nodes[i], "mac/@address") : NULL;
        if ((t && str_eq(t, x->target)) || (m && strcasecmp(m, x->mac) == 0))
            return dev_alias(nodes[i]);
    }
    return NULL;
}

static int cmd_devices_detach_device(struct shell *sh, void *opaque)
{
    struct devfile_args *a = opaque;
    _cleanup_domain_ virDomainPtr d = conn_lookup_domain(sh, a->domain);
    if (!d)
        return CMD_FAILED;
    bool legacy, live, config;
    unsigned int flags = hp_flags(&a->scope, d, &legacy);
    _cleanup_(devxml_clear) struct devxml x = { 0 };
    if (devxml_read(sh, a->file, &x) < 0)
        return CMD_FAILED;
    hp_reach(d, flags, legacy, &live, &config);
    _cleanup_free_ char *alias = live ? live_alias(sh, d, &x) : NULL;
    _cleanup_free_ char *what = alias ? xasprintf("device '%s'", alias)
                                      : xasprintf("the %s of '%s'", x.kind, a->file);
    int st = dev_detach(sh, d, x.text, flags, legacy, alias, what, a->timeout);
    if (st != CMD_OK)
        return st;
    return report(sh, d, "detached", flags, legacy, &x, "Device detached successfully");
}

struct alias_args {
    const char *domain, *alias;
    struct hp_scope scope;
    long long timeout;
};

static int cmd_devices_detach_device_alias(struct shell *sh, void *opaque)
{
    struct alias_args *a = opaque;
    _cleanup_domain_ virDomainPtr d = conn_lookup_domain(sh, a->domain);
    if (!d)
        return CMD_FAILED;
    unsigned int flags = hp_flags(&a->scope, d, NULL);
    _cleanup_free_ char *what = xasprintf("device '%s'", a->alias);
    int st = dev_detach(sh, d, NULL, flags, false, a->alias, what, a->timeout);
    if (st != CMD_OK)
        return st;
    struct devxml x = { .alias = (char *)a->alias };
    return report(sh, d, "detached", flags, false, &x, "Device detach request sent successfully");
}

static int cmd_devices_update_device(struct shell *sh, void *opaque)
{
    struct devfile_args *a = opaque;
    _cleanup_domain_ virDomainPtr d = conn_lookup_domain(sh, a->domain);
    if (!d)
        return CMD_FAILED;
    unsigned int flags = hp_flags(&a->scope, d, NULL);
    _cleanup_(devxml_clear) struct devxml x = { 0 };
    if (devxml_read(sh, a->file, &x) < 0)
        return CMD_FAILED;
    if (virDomainUpdateDeviceFlags(d, x.text, flags | (a->force ? VIR_DOMAIN_DEVICE_MODIFY_FORCE : 0)) < 0)
        return err_libvirt(sh, "cannot update domain '%s' with the device of '%s'", a->domain,
                           a->file);
    conn_state_changed(sh);
    return report(sh, d, "updated", flags, false, &x, "Device updated successfully");
}

/* ---- update-memory-device --------------------------------------------------- */

struct memdev_args {
    const char *domain;
    struct hp_scope scope;
    bool print_xml;
    const char *alias;
    long long node;
    unsigned long long requested;
};

/* The <memory> device the options select in doc, or NULL (error recorded). */
static xmlNodePtr find_memdev(struct shell *sh, xmlDocPtr doc, const struct memdev_args *a)
{
    _cleanup_free_ char *expr = NULL;
    if (a->alias) {
        if (strchr(a->alias, '\''))
            return error(sh, "invalid alias '%s'", a->alias), NULL;
        expr = xasprintf("/domain/devices/memory[alias/@name='%s']", a->alias);
    } else if (a->node >= 0) {
        expr = xasprintf("/domain/devices/memory[target/node='%lld']", a->node);
    } else {
        expr = xstrdup("/domain/devices/memory");
    }
    _cleanup_free_ xmlNodePtr *mems = NULL;
    int n = dev_select(doc, expr, &mems);
    if (n <= 0) {
        error(sh, "domain '%s' has no %smemory device%s%s%s", a->domain, a->alias || a->node >= 0 ? "such " : "",
              a->alias ? " '" : "", a->alias ? a->alias : "", a->alias ? "'" : "");
        return NULL;
    }
    if (n > 1) {
        error(sh, "domain '%s' has %d memory devices: choose one with --alias or --node", a->domain, n);
        return NULL;
    }
    return mems[0];
}

/* Set <target><requested unit='KiB'>N</requested> of a memory device. */
static void set_requested(xmlNodePtr mem, unsigned long long kib)
{
    xmlNodePtr target = NULL, req = NULL;
    for (xmlNodePtr c = mem->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE && xmlStrEqual(c->name, BAD_CAST "target"))
            target = c;
    if (!target)
        target = xmlNewChild(mem, NULL, BAD_CAST "target", NULL);
    for (xmlNodePtr c = target->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE && xmlStrEqual(c->name, BAD_CAST "requested"))
            req = c;
    char num[32];
    snprintf(num, sizeof(num), "%llu", kib);
    if (!req)
        req = xmlNewChild(target, NULL, BAD_CAST "requested", NULL);
    xmlNodeSetContent(req, BAD_CAST num);
    xmlSetProp(req, BAD_CAST "unit", BAD_CAST "KiB");
}

static int cmd_devices_update_memory_device(struct shell *sh, void *opaque)
{
    struct memdev_args *a = opaque;
    if (a->alias && a->node >= 0) /* (both may come as plain words: checked here) */
        return usage_error(sh, "options '--alias' and '--node' cannot be used together");
    _cleanup_domain_ virDomainPtr d = conn_lookup_domain(sh, a->domain);
    if (!d)
        return CMD_FAILED;
    unsigned int flags = hp_flags(&a->scope, d, NULL);
    _cleanup_(xml_doc_freep) xmlDocPtr doc = dev_domain_xml(sh, d, a->scope.config, false);
    if (!doc)
        return CMD_FAILED;
    xmlNodePtr mem = find_memdev(sh, doc, a);
    if (!mem)
        return CMD_FAILED;
    if (a->requested)
        set_requested(mem, a->requested / 1024);
    _cleanup_free_ char *xml = dev_node_xml(doc, mem);
    if (a->print_xml)
        return dev_print_xml(sh, xml);
    if (virDomainUpdateDeviceFlags(d, xml, flags) < 0)
        return err_libvirt(sh, "cannot update the memory device of domain '%s'", a->domain);
    conn_state_changed(sh);
    _cleanup_json_ struct json_object *o = hp_result(d, "updated", flags, false);
    _cleanup_free_ char *alias = dev_alias(mem);
    json_object_object_add(o, "alias", alias ? json_object_new_string(alias) : NULL);
    json_object_object_add(o, "requested_kib",
                           a->requested ? json_object_new_uint64(a->requested / 1024) : NULL);
    return dev_json_only(sh, o);
}

/* ---- the rows ------------------------------------------------------------------- */

#define DEVFILE_OPTS(st, what) \
    ARG_DOMAIN(st, domain, COMPL_DOMAIN), \
    OPT_STRING(st, "file", file, what, .flags = ARG_REQUIRED, .complete = COMPL_FILE), \
    HP_SCOPE_OPTS(st)

#define HOTPLUG_RESULT \
    RESULT_OBJECT(DOMAIN_IDENT_FIELDS, \
                  { "result", RT_STRING, "what was done: attached, detached or updated" }, \
                  { "live", RT_BOOL, "the running domain changed" }, \
                  { "config", RT_BOOL, "the next boot's definition changed" }, \
                  { "device", RT_STRING | RT_NULL, "the device's element: disk, interface, ..." }, \
                  { "alias", RT_STRING | RT_NULL, "the device's alias, when known" })

#define SCOPE_DESC \
    "With neither --live nor --config the running domain changes (as virsh: with " \
    "--current, the running domain if it runs, else the next boot's definition); " \
    "--persistent changes the definition and, if the domain runs, the running domain too.  "

#define WAIT_DESC \
    "When the running domain is asked to let the device go, the command waits (--timeout, " \
    "default 30 s) until the guest has released it, and fails saying so when the guest " \
    "refused or did not answer: the request then stays pending.  "

const struct cmd_def devices_hotplug_cmds[] = {
    { .name = "attach-device", .summary = "attach a device described in an XML file",
      .desc = "Attach the device FILE describes (a <disk>, <interface>, <hostdev>, ...) to the "
              "domain.  " SCOPE_DESC "JSON: name, id, uuid, result \"attached\", live and config "
              "(what changed), device (its element) and alias.",
      .run = cmd_devices_attach_device, .args_size = sizeof(struct devfile_args),
      .flags = CMD_MODIFIES, .result = HOTPLUG_RESULT,
      .opts = OPTS(DEVFILE_OPTS(struct devfile_args, "the device's XML file")) },
    { .name = "detach-device", .summary = "detach a device described in an XML file",
      .desc = "Detach the device FILE describes from the domain.  " SCOPE_DESC WAIT_DESC
              "JSON: as attach-device, with result \"detached\".",
      .run = cmd_devices_detach_device, .args_size = sizeof(struct devfile_args),
      .flags = CMD_MODIFIES, .result = HOTPLUG_RESULT,
      .opts = OPTS(DEVFILE_OPTS(struct devfile_args, "the device's XML file"),
                   DETACH_TIMEOUT_OPT(struct devfile_args)) },
    { .name = "detach-device-alias", .summary = "detach a device by its alias",
      .desc = "Detach the device with ALIAS (dumpxml shows each device's <alias name>) from "
              "the domain.  " SCOPE_DESC WAIT_DESC "JSON: as attach-device, with result "
              "\"detached\".",
      .run = cmd_devices_detach_device_alias, .args_size = sizeof(struct alias_args),
      .flags = CMD_MODIFIES, .result = HOTPLUG_RESULT,
      .opts = OPTS(ARG_DOMAIN(struct alias_args, domain, COMPL_DOMAIN),
                   OPT_STRING(struct alias_args, "alias", alias, "the device's alias",
                              .flags = ARG_REQUIRED, .complete = COMPL_DEVICE_ALIAS),
                   SCOPE3_OPTS(struct alias_args),
                   DETACH_TIMEOUT_OPT(struct alias_args)) },
    { .name = "update-device", .summary = "change a device as an XML file describes it",
      .desc = "Change the domain's device that FILE describes (found by its alias, target or "
              "address) to what FILE says: the media of a CD-ROM, the link state of an "
              "interface, ...  --force forces it (a CD-ROM ejected even when the guest locked "
              "it).  " SCOPE_DESC "JSON: as attach-device, with result \"updated\".",
      .run = cmd_devices_update_device, .args_size = sizeof(struct devfile_args),
      .flags = CMD_MODIFIES, .result = HOTPLUG_RESULT,
      .opts = OPTS(DEVFILE_OPTS(struct devfile_args, "the device's XML file"),
                   OPT_FLAG(struct devfile_args, "force", force, "force the change")) },
    { .name = "update-memory-device", .summary = "change a memory device (virtio-mem's requested size)",
      .desc = "Change the domain's <memory> device: --requested-size sets how much of a "
              "virtio-mem device the guest is asked to use.  With several memory devices, "
              "--alias or --node chooses one.  --print-xml prints the changed device instead.  "
              "JSON: name, id, uuid, result \"updated\", live, config, alias, requested_kib.",
      .run = cmd_devices_update_memory_device, .args_size = sizeof(struct memdev_args),
      .flags = CMD_MODIFIES,
      .result = RESULT_OR(RESULT_OBJECT({ "xml", RT_STRING, "the device's XML (--print-xml)" }),
                          RS_OBJECT,
                          DOMAIN_IDENT_FIELDS,
                          { "result", RT_STRING, "\"updated\"" },
                          { "live", RT_BOOL, "the running domain changed" },
                          { "config", RT_BOOL, "the next boot's definition changed" },
                          { "alias", RT_STRING | RT_NULL, "the memory device's alias" },
                          { "requested_kib", RT_INT | RT_NULL, "the requested size set" }),
      .opts = OPTS(ARG_DOMAIN(struct memdev_args, domain, COMPL_DOMAIN),
                   SCOPE3_OPTS(struct memdev_args),
                   OPT_FLAG(struct memdev_args, "print-xml", print_xml,
                            "print the changed device's XML instead of changing it"),
                   OPT_STRING(struct memdev_args, "alias", alias, "the memory device's alias",
                              .flags = OPT_POSITIONAL, .complete = COMPL_DEVICE_ALIAS),
                   OPT_INT(struct memdev_args, "node", node, 0, INT_MAX,
                           "the memory device's guest NUMA node", .flags = OPT_POSITIONAL,
                           .def = "-1"),
                   OPT_SCALED(struct memdev_args, "requested-size", requested, 1024,
                              "the new requested size (512M, 2G; a bare number is KiB)",
                              .flags = OPT_POSITIONAL, .metavar = "SIZE")) },
    { 0 },
};
