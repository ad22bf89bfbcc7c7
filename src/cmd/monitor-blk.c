/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* cmd/monitor-blk.c - a domain's disks and links: domblkinfo, domblkerror,
 * domcontrol, domif-getlink. */
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
#include "virt/domxml.h"
#include "virt/err.h"
#include "cmd/groups.h"
#include "cmd/monitor-stats.h"

/* ---- domblkinfo ---------------------------------------------------------- */

struct blkinfo_args {
    const char *domain, *device;
    bool human, all;
};

/* virsh's --human: three decimals and a binary unit. */
static char *pretty_bytes(unsigned long long n)
{
    static const char *const units[] = { "B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB" };
    double v = (double)n;
    size_t u = 0;
    while (v >= 1024 && u + 1 < ARRAY_SIZE(units)) {
        v /= 1024;
        u++;
    }
    return xasprintf("%.3f %s", v, units[u]);
}

/* One size: a number in JSON; text as virsh shows it ("-" when the
 * driver knows none of the three). */
static struct json_object *size_value(const virDomainBlockInfo *i, unsigned long long v,
                                      bool json, bool human)
{
    bool unknown = !i->capacity && !i->allocation && !i->physical;
    if (json)
        return unknown ? NULL : json_object_new_uint64(v);
    _cleanup_free_ char *s = unknown ? xstrdup("-") : human ? pretty_bytes(v) : xasprintf("%llu", v);
    return json_object_new_string(s);
}

static struct json_object *blkinfo_json(const char *keyname, const char *dev,
                                        const virDomainBlockInfo *i, bool json, bool human)
{
    struct json_object *o = json_object_new_object();
    json_object_object_add(o, keyname, json_object_new_string(dev));
    json_object_object_add(o, "capacity_bytes", size_value(i, i->capacity, json, human));
    json_object_object_add(o, "allocation_bytes", size_value(i, i->allocation, json, human));
    json_object_object_add(o, "physical_bytes", size_value(i, i->physical, json, human));
    return o;
}

/* The info of one disk of --all; a network disk of a domain that does not
 * run has none (zeros), as with virsh.  -1 with libvirt's error set. */
static int disk_info(virDomainPtr d, xmlNodePtr disk, const char *target, bool active,
                     virDomainBlockInfo *info)
{
    memset(info, 0, sizeof(*info));
    _cleanup_free_ char *source = xml_get(disk, "source"); /* "" for <source .../> */
    if (!source)
        return 0;
    if (virDomainGetBlockInfo(d, target, info, 0) == 0)
        return 0;
    _cleanup_free_ char *protocol = xml_get(disk, "source/@protocol");
    if (protocol && !active && virGetLastErrorCode() == VIR_ERR_INTERNAL_ERROR &&
        virGetLastErrorDomain() == VIR_FROM_STORAGE) {
        virResetLastError();
        memset(info, 0, sizeof(*info));
        return 0;
    }
    return -1;
}

static int blkinfo_all(struct shell *sh, virDomainPtr d, const struct blkinfo_args *a)
{
    _cleanup_free_ char *xml = virDomainGetXMLDesc(d, 0);
    if (!xml)
        return err_libvirt(sh, "cannot get the XML of domain '%s'", a->domain);
    char err[300];
    _cleanup_(xml_doc_freep) xmlDocPtr doc = xml_parse(xml, strlen(xml), err, sizeof(err));
    xmlXPathObjectPtr r = doc ? xml_xpath(doc, NULL, "/domain/devices/disk", err, sizeof(err)) : NULL;
    if (!r || !r->nodesetval) {
        xmlXPathFreeObject(r);
        return error(sh, "cannot read the disks of domain '%s'", a->domain);
    }
    bool active = virDomainIsActive(d) == 1, json = sh->out.mode == OUT_JSON;
    _cleanup_json_ struct json_object *rows = json_object_new_array();
    for (int i = 0; i < r->nodesetval->nodeNr; i++) {
        xmlNodePtr disk = r->nodesetval->nodeTab[i];
        _cleanup_free_ char *target = xml_get(disk, "target/@dev");
        virDomainBlockInfo info;
        if (!target)
            continue;
        if (disk_info(d, disk, target, active, &info) < 0) {
            xmlXPathFreeObject(r);
            return err_libvirt(sh, "cannot get the size of disk '%s' of domain '%s'", target,
                               a->domain);
        }
        json_object_array_add(rows, blkinfo_json("target", target, &info, json, a->human));
    }
    xmlXPathFreeObject(r);
    static const struct out_col cols[] = {
        { "target", "Target", FMT_PLAIN },
        { "capacity_bytes", "Capacity", FMT_PLAIN },
        { "allocation_bytes", "Allocation", FMT_PLAIN },
        { "physical_bytes", "Physical", FMT_PLAIN },
    };
    out_table(&sh->out, rows, cols, ARRAY_SIZE(cols));
    return CMD_OK;
}

static int cmd_monitor_domblkinfo(struct shell *sh, void *opaque)
{
    struct blkinfo_args *a = opaque;
    _cleanup_domain_ virDomainPtr d = conn_lookup_domain(sh, a->domain);
    if (!d)
        return CMD_FAILED;
    if (a->all)
        return blkinfo_all(sh, d, a);
    virDomainBlockInfo info;
    if (virDomainGetBlockInfo(d, a->device, &info, 0) < 0)
        return err_libvirt(sh, "cannot get the size of disk '%s' of domain '%s'", a->device,
                           a->domain);
    bool json = sh->out.mode == OUT_JSON;
    _cleanup_json_ struct json_object *o = blkinfo_json("device", a->device, &info, json, a->human);
    static const struct out_field f[] = {
        { "capacity_bytes", "Capacity", FMT_PLAIN },
        { "allocation_bytes", "Allocation", FMT_PLAIN },
        { "physical_bytes", "Physical", FMT_PLAIN },
    };
    if (json) {
        out_value(&sh->out, o, "");
        return CMD_OK;
    }
    _cleanup_strbuf_ struct strbuf b = { 0 };
    for (size_t i = 0; i < ARRAY_SIZE(f); i++) {
        struct json_object *v = NULL;
        json_object_object_get_ex(o, f[i].key, &v);
        _cleanup_free_ char *label = xasprintf("%s:", f[i].label);
        strbuf_printf(&b, "%-15s %s\n", label, json_object_get_string(v));
    }
    out_value(&sh->out, o, strbuf_str(&b));
    return CMD_OK;
}

/* ---- domblkerror --------------------------------------------------------- */

struct dom_args {
    const char *domain;
};

static const struct out_word disk_error_words[] = {
    { "none", "no error" },
    { "unspecified", "unspecified error" },
    { "no_space", "no space" },
    { "unknown", "unknown error" },
    { NULL, NULL },
};

static int cmd_monitor_domblkerror(struct shell *sh, void *opaque)
{
    struct dom_args *a = opaque;
    _cleanup_domain_ virDomainPtr d = conn_lookup_domain(sh, a->domain);
    if (!d)
        return CMD_FAILED;
    int n = virDomainGetDiskErrors(d, NULL, 0, 0);
    virDomainDiskErrorPtr errs = NULL;
    if (n > 0) {
        errs = xcalloc((size_t)n, sizeof(*errs));
        n = virDomainGetDiskErrors(d, errs, (unsigned int)n, 0);
    }
    if (n < 0) {
        free(errs);
        return err_libvirt(sh, "cannot get the disk errors of domain '%s'", a->domain);
    }
    _cleanup_json_ struct json_object *arr = json_object_new_array();
    _cleanup_strbuf_ struct strbuf b = { 0 };
    for (int i = 0; i < n; i++) {
        int e = errs[i].error;
        const char *word = e >= 0 && (size_t)e < ARRAY_SIZE(disk_error_words) - 2 ? disk_error_words[e].json
                                                                    : "unknown";
        struct json_object *o = json_object_new_object();
        json_object_object_add(o, "disk", json_object_new_string(errs[i].disk));
        json_object_object_add(o, "error", json_object_new_string(word));
        json_object_array_add(arr, o);
        strbuf_printf(&b, "%s: %s\n", errs[i].disk, out_word_text(disk_error_words, word));
        free(errs[i].disk);
    }
    free(errs);
    out_value(&sh->out, arr, n ? strbuf_str(&b) : "No errors found\n");
    return CMD_OK;
}

/* ---- domcontrol ---------------------------------------------------------- */

static const struct out_word control_words[] = {
    { "ok", "ok" },
    { "job", "background job" },
    { "occupied", "occupied" },
    { "error", "error" },
    { NULL, NULL },
};

static const struct out_word control_reasons[] = {
    { "none", "" },
    { "unknown", "unknown" },
    { "monitor", "monitor failure" },
    { "internal", "internal (locking) error" },
    { NULL, NULL },
};

static int cmd_monitor_domcontrol(struct shell *sh, void *opaque)
{
    struct dom_args *a = opaque;
    _cleanup_domain_ virDomainPtr d = conn_lookup_domain(sh, a->domain);
    virDomainControlInfo info;
    if (!d)
        return CMD_FAILED;
    if (virDomainGetControlInfo(d, &info, 0) < 0)
        return err_libvirt(sh, "cannot get the control state of domain '%s'", a->domain);
    bool known = info.state < ARRAY_SIZE(control_words) - 1;
    const char *state = known ? control_words[info.state].json : "unknown";
    const char *reason = NULL;
    if (info.state == VIR_DOMAIN_CONTROL_ERROR)
        reason = info.details < ARRAY_SIZE(control_reasons) - 1
                     ? control_reasons[info.details].json : "unknown";
    bool timed = info.state != VIR_DOMAIN_CONTROL_OK && info.state != VIR_DOMAIN_CONTROL_ERROR;
    _cleanup_json_ struct json_object *o = json_object_new_object();
    json_object_object_add(o, "state", json_object_new_string(state));
    json_object_object_add(o, "reason", reason ? json_object_new_string(reason) : NULL);
    json_object_object_add(o, "state_time_ms", timed ? json_object_new_uint64(info.stateTime) : NULL);
    _cleanup_free_ char *text = NULL;
    const char *st = out_word_text(control_words, state);
    if (timed)
        text = xasprintf("%s (%0.3fs)\n", st, (double)info.stateTime / 1000.0);
    else if (reason && info.details > 0)
        text = xasprintf("%s: %s\n", st, out_word_text(control_reasons, reason));
    else
        text = xasprintf("%s\n", st);
    out_value(&sh->out, o, text);
    return CMD_OK;
}

/* ---- domif-getlink ------------------------------------------------------- */

xmlDocPtr domain_interface_xml(struct shell *sh, virDomainPtr d, const char *name, bool config,
                               xmlNodePtr *ret_iface)
{
    const char *dom = virDomainGetName(d);
    _cleanup_free_ char *xml = virDomainGetXMLDesc(d, config ? VIR_DOMAIN_XML_INACTIVE : 0);
    if (!xml) {
        err_libvirt(sh, "cannot get the XML of domain '%s'", dom);
        return NULL;
    }
    char err[300];
    xmlDocPtr doc = domxml_parse(xml, err, sizeof(err));
    if (!doc) {
        error(sh, "cannot parse the XML of domain '%s': %s", dom, err);
        return NULL;
    }
    int n = domxml_find_interface(doc, name, ret_iface);
    if (n == 1)
        return doc;
    if (n == 0)
        error(sh, "domain '%s' has no interface '%s'", dom, name);
    else
        error(sh, "several interfaces of domain '%s' match '%s'", dom, name);
    xmlFreeDoc(doc);
    return NULL;
}

struct getlink_args {
    const char *domain, *interface;
    bool config, persistent;
};

static int cmd_monitor_domif_getlink(struct shell *sh, void *opaque)
{
    struct getlink_args *a = opaque;
    _cleanup_domain_ virDomainPtr d = conn_lookup_domain(sh, a->domain);
    if (!d)
        return CMD_FAILED;
    xmlNodePtr iface = NULL;
    _cleanup_(xml_doc_freep) xmlDocPtr doc = domain_interface_xml(sh, d, a->interface,
                                                                  a->config || a->persistent, &iface);
    if (!doc)
        return CMD_FAILED;
    _cleanup_free_ char *state = xml_get(iface, "link/@state");
    _cleanup_free_ char *mac = xml_get(iface, "mac/@address");
    _cleanup_json_ struct json_object *o = json_object_new_object();
    json_object_object_add(o, "interface", json_object_new_string(a->interface));
    json_object_object_add(o, "mac", mac ? json_object_new_string(mac) : NULL);
    json_object_object_add(o, "state", json_object_new_string(state ? state : "up"));
    _cleanup_free_ char *text = xasprintf("%s %s", a->interface, state ? state : "up");
    out_value(&sh->out, o, text);
    out_line_ends_command(&sh->out); /* virsh prints it without a newline */
    return CMD_OK;
}

/* The monitor group's rows of this file (see cmd/monitor.c). */
const struct cmd_def monitor_blk_cmds[] = {
    { .name = "domblkinfo", .summary = "show the sizes of a disk, or of all of them",
      .desc = "Capacity (what the guest sees), allocation (what is in use on the host) and "
              "physical size (of the file or device), in bytes or with --human in binary units. "
              "With --all, a table of every disk (\"-\" where the size cannot be known: no "
              "medium, or a network disk of a domain that does not run). JSON: device (target "
              "with --all), capacity_bytes, allocation_bytes, physical_bytes (null where unknown).",
      .run = cmd_monitor_domblkinfo, .args_size = sizeof(struct blkinfo_args),
      .needs = "device|all",
      .opts = OPTS(ARG_DOMAIN(struct blkinfo_args, domain, COMPL_DOMAIN),
                   OPT_STRING(struct blkinfo_args, "device", device, "the disk (target or path)",
                              .flags = OPT_POSITIONAL, .complete = COMPL_DISK, .excl = EXCL(0)),
                   OPT_FLAG(struct blkinfo_args, "human", human, "sizes in binary units"),
                   OPT_FLAG(struct blkinfo_args, "all", all, "every disk of the domain",
                            .excl = EXCL(0))),
      .result = RESULT_OR(RESULT_ARRAY(
                              { "target", RT_STRING, "--all: the disk" },
                              { "capacity_bytes", RT_INT | RT_NULL, "its capacity" },
                              { "allocation_bytes", RT_INT | RT_NULL, "its allocation" },
                              { "physical_bytes", RT_INT | RT_NULL, "its physical size" }),
                          RS_OBJECT,
                          { "device", RT_STRING, "the disk as given" },
                          { "capacity_bytes", RT_INT | RT_NULL, "what the guest sees" },
                          { "allocation_bytes", RT_INT | RT_NULL, "what is in use on the host" },
                          { "physical_bytes", RT_INT | RT_NULL, "the size of its file or device" }) },
    { .name = "domblkerror", .summary = "show the I/O errors of a domain's disks",
      .desc = "The disks that hit an I/O error (one that paused the domain, for example), and "
              "which. JSON: an array of {disk, error}, error one of unspecified, no_space, "
              "unknown; empty when there is none.",
      .run = cmd_monitor_domblkerror, .args_size = sizeof(struct dom_args),
      .opts = OPTS(ARG_DOMAIN(struct dom_args, domain, COMPL_DOMAIN_ACTIVE)),
      .result = RESULT_ARRAY(
          { "disk", RT_STRING, "the disk's target" },
          { "error", RT_STRING, "unspecified, no_space or unknown" }) },
    { .name = "domcontrol", .summary = "show the state of a domain's control interface",
      .desc = "Whether the hypervisor's control channel (QEMU's monitor) is free (ok), busy with "
              "a background job or occupied by a call (and for how long), or broken (error, with "
              "the reason). JSON: state (ok, job, occupied, error), reason (null unless error: "
              "unknown, monitor, internal), state_time_ms (null unless job or occupied).",
      .run = cmd_monitor_domcontrol, .args_size = sizeof(struct dom_args),
      .opts = OPTS(ARG_DOMAIN(struct dom_args, domain, COMPL_DOMAIN_ACTIVE)),
      .result = RESULT_OBJECT(
          { "state", RT_STRING, "ok, job, occupied or error" },
          { "reason", RT_STRING | RT_NULL, "error: unknown, monitor or internal" },
          { "state_time_ms", RT_INT | RT_NULL, "job or occupied: for how long" }) },
    { .name = "domif-getlink", .summary = "show whether a network interface's link is up",
      .desc = "The link state of an interface named by its MAC address or device name: up "
              "unless it was set down. --config: in the persistent configuration. JSON: "
              "interface (as given), mac, state (up or down).",
      .run = cmd_monitor_domif_getlink, .args_size = sizeof(struct getlink_args),
      .opts = OPTS(ARG_DOMAIN(struct getlink_args, domain, COMPL_DOMAIN),
                   OPT_STRING(struct getlink_args, "interface", interface,
                              "the interface: MAC address or device name",
                              .flags = ARG_REQUIRED, .complete = COMPL_INTERFACE),
                   OPT_FLAG(struct getlink_args, "config", config,
                            "the persistent configuration"),
                   OPT_FLAG(struct getlink_args, "persistent", persistent, "the same as --config",
                            .flags = OPT_HIDDEN)),
      .result = RESULT_OBJECT(
          { "interface", RT_STRING, "the interface as given" },
          { "mac", RT_STRING | RT_NULL, "its MAC address" },
          { "state", RT_STRING, "up or down" }) },
    { 0 },
};
