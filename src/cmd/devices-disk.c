/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * cmd/devices-disk.c - disks: attach-disk (also from a pool volume, made
 * on the spot with --size), detach-disk, change-media.
 */
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
#include <string.h>
#include <sys/stat.h>

#include "core/interrupt.h"
#include "core/strbuf.h"
#include "core/util.h"
#include "core/xml.h"
#include "virt/conn.h"
#include "virt/context.h"
#include "virt/domain.h"
#include "virt/err.h"
#include "cmd/devices.h"

#define MODES VALUES("readonly", "shareable")
#define SOURCE_TYPES VALUES("file", "block", "network")
enum { ST_FILE, ST_BLOCK, ST_NETWORK, ST_VOLUME };

struct attach_disk_args {
    const char *domain, *source, *target, *targetbus, *driver, *subdriver, *iothread, *cache,
        *io, *type;
    int mode, sourcetype;
    const char *serial, *wwn, *alias;
    bool rawio;
    const char *address;
    bool multifunction, print_xml;
    const char *protocol, *host_name, *host_transport, *host_socket;
    struct hp_scope scope;
    bool shareable;
    const char *pool, *vol;
    unsigned long long size;
};

/* 0x and 16 hexadecimal digits, or the 16 digits alone. */
static bool wwn_valid(const char *w)
{
    if (str_startswith(w, "0x"))
        w += 2;
    size_t n = strspn(w, "0123456789abcdefABCDEF");
    return n == 16 && !w[n];
}

static int source_type(const struct attach_disk_args *a)
{
    struct stat st;
    if (a->pool)
        return ST_VOLUME;
    if (a->sourcetype >= 0)
        return a->sourcetype;
    if (a->protocol)
        return ST_NETWORK;
    if (!str_eq(a->driver, "file") && !str_eq(a->driver, "tap") && a->source &&
        stat(a->source, &st) == 0 && S_ISBLK(st.st_mode))
        return ST_BLOCK;
    return ST_FILE;
}

/* <source .../> of the disk (two spaces in). */
static void disk_source(struct strbuf *b, const struct attach_disk_args *a, int type)
{
    strbuf_add(b, "  <source");
    switch (type) {
    case ST_FILE:
        dev_attr(b, "file", a->source);
        break;
    case ST_BLOCK:
        dev_attr(b, "dev", a->source);
        break;
    case ST_VOLUME:
        dev_attr(b, "pool", a->pool);
        dev_attr(b, "volume", a->vol);
        break;
    case ST_NETWORK: {
        dev_attr(b, "protocol", a->protocol);
        dev_attr(b, "name", a->source);
        _cleanup_free_ char *name = a->host_name ? xstrdup(a->host_name) : NULL;
        char *port = name ? strchr(name, ':') : NULL;
        if (port)
            *port++ = '\0';
        if (!a->host_transport && !a->host_socket && !name)
            break;
        strbuf_add(b, ">\n    <host");
        dev_attr(b, "transport", a->host_transport);
        dev_attr(b, "socket", a->host_socket);
        dev_attr(b, "name", name);
        dev_attr(b, "port", port);
        strbuf_add(b, "/>\n  </source>\n");
        return;
    }
    }
    strbuf_add(b, "/>\n");
}

/* The <disk> as virsh's attach-disk writes it (the pool volume's format,
 * when known, as the driver type).  NULL with the error recorded. */
static char *disk_xml(struct shell *sh, const struct attach_disk_args *a, const char *format)
{
    static const char *const type_words[] = { "file", "block", "network", "volume" };
    int type = source_type(a);
    struct dev_addr addr;
    /* (checked here: these may all come as plain words) */
    if (a->host_socket && !a->host_transport)
        return usage_error(sh, "option '--source-host-socket' needs '--source-host-transport'"), NULL;
    if (a->host_socket && a->host_name)
        return usage_error(sh, "options '--source-host-name' and '--source-host-socket' cannot "
                           "be used together"), NULL;
    if ((type == ST_NETWORK) != !!a->protocol)
        return usage_error(sh, "'--source-protocol' and '--sourcetype network' go together"), NULL;
    if (a->wwn && !wwn_valid(a->wwn))
        return usage_error(sh, "invalid WWN '%s': expected 16 hexadecimal digits", a->wwn), NULL;
    if (a->address && dev_addr_parse(a->address, &addr) < 0)
        return usage_error(sh, "invalid address '%s'", a->address), NULL;
    if (a->address) {
        bool ok = true;
        if (str_startswith(a->target, "vd"))
            ok = addr.type == ADDR_PCI || addr.type == ADDR_CCW;
        else if (str_startswith(a->target, "sd"))
            ok = addr.type == ADDR_SCSI || addr.type == ADDR_USB || addr.type == ADDR_SATA;
        else if (str_startswith(a->target, "hd"))
            ok = addr.type == ADDR_IDE;
        if (!ok)
            return usage_error(sh, "address '%s' does not fit target '%s': vd* takes pci: or ccw:, "
                               "sd* scsi:, usb: or sata:, hd* ide:", a->address, a->target), NULL;
    }
    struct strbuf b = { 0 };
    strbuf_printf(&b, "<disk type='%s'", type_words[type]);
    dev_attr(&b, "device", a->type);
    if (a->rawio)
        strbuf_add(&b, " rawio='yes'");
    strbuf_add(&b, ">\n");
    struct strbuf drv = { 0 };
    dev_attr(&drv, "name", a->driver);
    dev_attr(&drv, "type", a->subdriver ? a->subdriver : format);
    dev_attr(&drv, "iothread", a->iothread);
    dev_attr(&drv, "cache", a->cache);
    dev_attr(&drv, "io", a->io);
    if (drv.len)
        strbuf_printf(&b, "  <driver%s/>\n", strbuf_str(&drv));
    strbuf_free(&drv);
    disk_source(&b, a, type);
    strbuf_add(&b, "  <target");
    dev_attr(&b, "dev", a->target);
    dev_attr(&b, "bus", a->targetbus);
    strbuf_add(&b, "/>\n");
    int mode = a->shareable ? 1 : a->mode;
    if (mode >= 0)
        strbuf_printf(&b, "  <%s/>\n", mode == 0 ? "readonly" : "shareable");
    if (a->serial) {
        strbuf_add(&b, "  <serial>");
        dev_escape(&b, a->serial);
        strbuf_add(&b, "</serial>\n");
    }
    if (a->alias) {
        strbuf_add(&b, "  <alias");
        dev_attr(&b, "name", a->alias);
        strbuf_add(&b, "/>\n");
    }
    if (a->wwn)
        strbuf_printf(&b, "  <wwn>%s</wwn>\n", a->wwn);
    if (a->address)
        dev_addr_format(&b, &addr, a->multifunction, "  ");
    strbuf_add(&b, "</disk>\n");
    return strbuf_steal(&b);
}

/* The words: with --pool, SOURCE names the volume, and a lone word after
 * the domain is the target. */
/* A missing argument: virsh finds it while parsing, before the command
 * runs, and so prints no blank line after it. */
static int parse_error(struct shell *sh, const char *msg)
{
    out_line_ends_command(&sh->out);
    return usage_error(sh, "%s", msg);
}

static int disk_words(struct shell *sh, struct attach_disk_args *a)
{
    if (a->pool && a->source && !a->target) {
        a->target = a->source;
        a->source = NULL;
    } else if (a->pool && a->source) {
        if (a->vol)
            return usage_error(sh, "give the volume either as <source> or with '--vol', not both");
        a->vol = a->source;
        a->source = NULL;
    }
    if (a->pool && !a->vol && !a->size)
        return usage_error(sh, "'--pool' needs the volume: <source> or '--vol', or '--size' to "
                           "create one");
    if (!a->source && !a->pool)
        return parse_error(sh, "missing argument <source> for 'attach-disk'");
    if (!a->target)
        return parse_error(sh, "missing argument <target> for 'attach-disk'");
    return CMD_OK;
}

static int attach_disk_report(struct shell *sh, virDomainPtr d, const struct attach_disk_args *a,
                              unsigned int flags, bool legacy, bool created)
{
    _cleanup_json_ struct json_object *o =
        hp_device_result(d, "attached", flags, legacy, "disk", a->alias);
    json_object_object_add(o, "target", json_object_new_string(a->target));
    json_object_object_add(o, "source", a->source ? json_object_new_string(a->source) : NULL);
    struct json_object *vol = NULL;
    if (a->pool) {
        vol = json_object_new_object();
        json_object_object_add(vol, "pool", json_object_new_string(a->pool));
        json_object_object_add(vol, "name", json_object_new_string(a->vol));
        json_object_object_add(vol, "created", json_object_new_boolean(created));
    }
    json_object_object_add(o, "volume", vol);
    _cleanup_free_ char *text = created ? xasprintf("Volume '%s' created in pool '%s'\n"
                                                    "Disk attached successfully", a->vol, a->pool)
                                        : xstrdup("Disk attached successfully");
    out_message(&sh->out, o, text);
    return CMD_OK;
}

/* The attach of a volume this command created reported a failure: did it
 * happen all the same (a reply lost with the connection)?  0: no, the
 * volume may go.  1: it did: the error is dropped, the command goes on.
 * -1: the daemon cannot be asked: the volume is kept, the error says so. */
static int attach_happened(struct shell *sh, virDomainPtr d, const struct attach_disk_args *a,
                           unsigned int flags, bool legacy)
{
    bool live, config;
    hp_reach(d, flags, legacy, &live, &config);
    _cleanup_(xml_doc_freep) xmlDocPtr doc = dev_domain_xml(sh, d, !live, false);
    if (!doc) {
        _cleanup_free_ char *note = xasprintf("; whether disk '%s' got attached cannot be told: "
                                              "volume '%s' is kept (see domblklist; vol-delete "
                                              "it if the disk is not there)", a->target, a->vol);
        dev_err_append(sh, note);
        return -1;
    }
    xmlNodePtr disk = dev_find_disk(doc, a->target, false);
    _cleanup_free_ char *vol = disk ? dev_get(disk, "source/@volume") : NULL;
    if (!vol || !str_eq(vol, a->vol))
        return 0;
    _cleanup_free_ char *why = xstrdup(sh->err.message ? sh->err.message : "");
    err_clear(sh);
    err_note(sh, "%s; yet disk '%s' is attached: it stays", why, a->target);
    return 1;
}

static int cmd_devices_attach_disk(struct shell *sh, void *opaque)
{
    struct attach_disk_args *a = opaque;
    if (disk_words(sh, a) != CMD_OK)
        return CMD_USAGE;
    _cleanup_(vol_plan_clear) struct vol_plan plan = { 0 };
    if (a->size && !a->vol)
        a->vol = plan.generated = xasprintf("%s-%s.%s", a->domain, a->target,
                                            a->subdriver ? a->subdriver : "qcow2");
    const char *format = a->pool && a->size ? (a->subdriver ? a->subdriver : "qcow2") : NULL;
    _cleanup_free_ char *probe = disk_xml(sh, a, format); /* the options, checked first */
    if (!probe)
        return CMD_USAGE;
    if (a->print_xml) {
        out_xml(&sh->out, probe);
        return CMD_OK;
    }
    _cleanup_domain_ virDomainPtr d = conn_lookup_domain(sh, a->domain);
    if (!d)
        return CMD_FAILED;
    bool legacy;
    unsigned int flags = hp_flags(&a->scope, d, &legacy);
    if (a->pool && vol_plan_prepare(sh, &plan, a->pool, a->vol, a->size, format) < 0)
        return CMD_FAILED;
    _cleanup_free_ char *xml = a->pool ? disk_xml(sh, a, plan.format) : xstrdup(probe);
    if (!xml)
        return CMD_FAILED;
    if (a->size && vol_plan_create(sh, &plan) < 0)
        return CMD_FAILED;
    if (plan.created && shell_interrupted)
        return vol_plan_interrupted(sh, &plan, a->domain, a->target);
    int rc = legacy ? virDomainAttachDevice(d, xml) : virDomainAttachDeviceFlags(d, xml, flags);
    if (rc < 0) {
        err_libvirt(sh, "cannot attach disk '%s' to domain '%s'", a->target, a->domain);
        int happened = plan.created ? attach_happened(sh, d, a, flags, legacy) : 0;
        if (happened == 0)
            vol_plan_undo(sh, &plan);
        if (happened <= 0)
            return CMD_FAILED;
    }
    conn_state_changed(sh);
    return attach_disk_report(sh, d, a, flags, legacy, plan.created);
}

/* ---- detach-disk ---------------------------------------------------------------- */

struct detach_disk_args {
    const char *domain, *target;
    struct hp_scope scope;
    bool print_xml;
    long long timeout;
};

static int cmd_devices_detach_disk(struct shell *sh, void *opaque)
{
    struct detach_disk_args *a = opaque;
    _cleanup_domain_ virDomainPtr d = NULL;
    bool legacy;
    unsigned int flags;
    _cleanup_(xml_doc_freep) xmlDocPtr doc = dev_detach_begin(sh, a->domain, &a->scope, &d, &flags,
                                                             &legacy);
    if (!doc)
        return CMD_FAILED;
    xmlNodePtr disk = dev_find_disk(doc, a->target, false);
    if (!disk)
        return error(sh, "domain '%s' has no disk '%s' (a target or source path)", a->domain,
                     a->target);
    dev_drop_child(disk, "backingStore"); /* the chain is libvirt's business, as in virsh */
    _cleanup_free_ char *xml = dev_node_xml(doc, disk);
    if (a->print_xml)
        return dev_print_xml(sh, xml);
    _cleanup_free_ char *alias = dev_alias(disk);
    _cleanup_free_ char *target = dev_get(disk, "target/@dev");
    _cleanup_free_ char *what = xasprintf("disk '%s'", target ? target : a->target);
    int st = dev_detach(sh, d, xml, flags, legacy, alias, what, a->timeout);
    if (st != CMD_OK)
        return st;
    _cleanup_json_ struct json_object *o =
        hp_device_result(d, "detached", flags, legacy, "disk", alias);
    json_object_object_add(o, "target", target ? json_object_new_string(target) : NULL);
    out_message(&sh->out, o, "Disk detached successfully");
    return CMD_OK;
}

/* ---- change-media ------------------------------------------------------------ */

struct media_args {
    const char *domain, *path, *source;
    bool eject, insert, update;
    struct hp_scope scope;
    bool force, print_xml, block;
};

enum { MEDIA_EJECT, MEDIA_INSERT, MEDIA_UPDATE };

static xmlNodePtr child(xmlNodePtr n, const char *name)
{
    for (xmlNodePtr c = n->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE && xmlStrEqual(c->name, BAD_CAST name))
            return c;
    return NULL;
}

/* The disk with its media changed as virsh changes it: the old <source>
 * unlinked (its indentation stays), a new one before <target>. */
static int change_media_node(struct shell *sh, xmlNodePtr disk, int action,
                             const struct media_args *a)
{
    xmlNodePtr src = child(disk, "source");
    static const char *const paths[] = { "file", "dev", "dir", "pool", "name" };
    bool media = false; /* a <source index='7'/> of an empty live drive holds none */
    for (size_t i = 0; src && i < ARRAY_SIZE(paths); i++)
        media = media || xmlHasProp(src, BAD_CAST paths[i]);
    if (action == MEDIA_EJECT && !src)
        return error(sh, "disk '%s' of domain '%s' has no media to eject", a->path, a->domain);
    if (action == MEDIA_INSERT && media)
        return error(sh, "disk '%s' of domain '%s' already has media: use --update", a->path,
                     a->domain);
    _cleanup_free_ char *policy = src ? (char *)xmlGetProp(src, BAD_CAST "startupPolicy") : NULL;
    if (src) {
        xmlUnlinkNode(src);
        xmlFreeNode(src);
    }
    xmlSetProp(disk, BAD_CAST "type", BAD_CAST(a->block ? "block" : "file"));
    if (action == MEDIA_EJECT)
        return CMD_OK;
    xmlNodePtr ns = xmlNewDocNode(disk->doc, NULL, BAD_CAST "source", NULL);
    xmlSetProp(ns, BAD_CAST(a->block ? "dev" : "file"), BAD_CAST a->source);
    if (policy)
        xmlSetProp(ns, BAD_CAST "startupPolicy", BAD_CAST policy);
    xmlNodePtr target = child(disk, "target");
    if (!target) {
        xmlAddChild(disk, ns);
        return CMD_OK;
    }
    xmlNodePtr indent = target->prev && target->prev->type == XML_TEXT_NODE
                            ? xmlNewDocText(disk->doc, target->prev->content) : NULL;
    xmlAddPrevSibling(target, ns);
    if (indent)
        xmlAddPrevSibling(target, indent);
    return CMD_OK;
}

static int cmd_devices_change_media(struct shell *sh, void *opaque)
{
    struct media_args *a = opaque;
    static const char *const done[] = { "ejected", "inserted", "updated" };
    int action = a->eject ? MEDIA_EJECT : a->insert ? MEDIA_INSERT : MEDIA_UPDATE;
    if (a->update && !a->source)
        action = MEDIA_EJECT; /* --update to nothing is an eject, as in virsh */
    if (action != MEDIA_EJECT && !a->source)
        return usage_error(sh, "the new media (<source>) is missing: give it, or --eject");
    _cleanup_domain_ virDomainPtr d = conn_lookup_domain(sh, a->domain);
    if (!d)
        return CMD_FAILED;
    unsigned int flags = hp_flags(&a->scope, d, NULL);
    _cleanup_(xml_doc_freep) xmlDocPtr doc = dev_domain_xml(sh, d, flags & VIR_DOMAIN_AFFECT_CONFIG,
                                                           false);
    if (!doc)
        return CMD_FAILED;
    xmlNodePtr disk = dev_find_disk(doc, a->path, true);
    if (!disk)
        return error(sh, "domain '%s' has no CD-ROM or floppy '%s' (a target or source path)",
                     a->domain, a->path);
    dev_drop_child(disk, "backingStore");
    if (change_media_node(sh, disk, action, a) != CMD_OK)
        return CMD_FAILED;
    _cleanup_free_ char *xml = dev_node_xml(doc, disk);
    if (a->print_xml)
        return dev_print_xml(sh, xml);
    if (virDomainUpdateDeviceFlags(d, xml, flags | (a->force ? VIR_DOMAIN_DEVICE_MODIFY_FORCE : 0)) < 0)
        return err_libvirt(sh, "cannot change the media of '%s' in domain '%s'", a->path, a->domain);
    conn_state_changed(sh);
    _cleanup_json_ struct json_object *o = hp_result(d, done[action], flags, false);
    _cleanup_free_ char *target = dev_get(disk, "target/@dev");
    json_object_object_add(o, "target", target ? json_object_new_string(target) : NULL);
    json_object_object_add(o, "source", action == MEDIA_EJECT ? NULL : json_object_new_string(a->source));
    _cleanup_free_ char *text = xasprintf("Successfully %s media.", done[action]);
    out_message(&sh->out, o, text);
    return CMD_OK;
}

/* ---- the rows ------------------------------------------------------------------- */

#define DS(field, nm, what) \
    OPT_STRING(struct attach_disk_args, nm, field, what, .flags = OPT_POSITIONAL)

#define BASE_RESULT \
    DOMAIN_IDENT_FIELDS, \
    { "live", RT_BOOL, "the running domain changed" }, \
    { "config", RT_BOOL, "the next boot's definition changed" }

const struct cmd_def devices_disk_cmds[] = {
    { .name = "attach-disk", .summary = "attach a disk: a file, a block device, a network disk or a pool volume",
      .desc = "Attach SOURCE (a file or block device, or with --source-protocol a network "
              "disk's name) as TARGET (vdb, sdc, ...).  Beyond virsh: --pool POOL --vol VOL "
              "attaches a volume of a storage pool (SOURCE may name the volume instead of "
              "--vol), and --size SIZE creates that volume first (named DOMAIN-TARGET.qcow2 "
              "without --vol; format qcow2 unless --subdriver says otherwise); if the attach "
              "then fails, the new volume is deleted again.  With neither --live nor --config "
              "the running domain changes (as virsh); --persistent also changes the next "
              "boot's definition.  --print-xml prints the <disk> instead.  JSON: name, id, "
              "uuid, result \"attached\", live, config, device, alias, target, source and "
              "volume ({pool, name, created} or null).",
      .run = cmd_devices_attach_disk, .args_size = sizeof(struct attach_disk_args),
      .flags = CMD_MODIFIES,
      .result = RESULT_OR(RESULT_OBJECT({ "xml", RT_STRING, "the <disk> (--print-xml)" }),
                          RS_OBJECT, BASE_RESULT,
                          { "result", RT_STRING, "\"attached\"" },
                          { "device", RT_STRING, "\"disk\"" },
                          { "alias", RT_STRING | RT_NULL, "the alias given with --alias" },
                          { "target", RT_STRING, "the disk's target" },
                          { "source", RT_STRING | RT_NULL, "its source (null for a volume)" },
                          { "volume", RT_OBJECT | RT_NULL, "the pool volume, or null" },
                          { "volume.pool", RT_STRING, "its pool" },
                          { "volume.name", RT_STRING, "its name" },
                          { "volume.created", RT_BOOL, "this command created it" }),
      .opts = OPTS(ARG_DOMAIN(struct attach_disk_args, domain, COMPL_DOMAIN),
                   OPT_STRING(struct attach_disk_args, "source", source,
                              "the file or block device, a network disk's name, or (with "
                              "--pool) the volume", .flags = OPT_POSITIONAL, .complete = COMPL_FILE),
                   DS(target, "target", "the disk's target (vdb, sdc, hdd)"),
                   DS(targetbus, "targetbus", "the target bus (virtio, scsi, sata, ide, usb)"),
                   DS(driver, "driver", "the driver's name (qemu)"),
                   DS(subdriver, "subdriver", "the image format (raw, qcow2)"),
                   DS(iothread, "iothread", "the IOThread that serves the disk"),
                   DS(cache, "cache", "the cache mode (none, writeback, writethrough)"),
                   DS(io, "io", "the I/O policy: native, threads, io_uring"),
                   DS(type, "type", "the device: disk, cdrom, floppy, lun"),
                   OPT_ENUM(struct attach_disk_args, "mode", mode, MODES,
                            "readonly or shareable", .flags = OPT_POSITIONAL, .excl = EXCL(0)),
                   OPT_ENUM(struct attach_disk_args, "sourcetype", sourcetype, SOURCE_TYPES,
                            "the source's type: file, block or network (default: from the "
                            "source)", .flags = OPT_POSITIONAL, .excl = EXCL(1)),
                   DS(serial, "serial", "the disk's serial number"),
                   DS(wwn, "wwn", "the disk's World Wide Name (16 hexadecimal digits)"),
                   DS(alias, "alias", "the device's alias (ua-NAME)"),
                   OPT_FLAG(struct attach_disk_args, "rawio", rawio, "give the disk raw I/O"),
                   DS(address, "address", "its address: pci:D.B.S.F, ccw:C.S.D, scsi:C.B.U, "
                      "ide:C.B.U, sata:C.B.U or usb:B.P"),
                   OPT_FLAG(struct attach_disk_args, "multifunction", multifunction,
                            "make the PCI address multifunction"),
                   OPT_FLAG(struct attach_disk_args, "print-xml", print_xml,
                            "print the <disk> instead of attaching it"),
                   OPT_STRING(struct attach_disk_args, "source-protocol", protocol,
                              "a network disk's protocol (nbd, iscsi, rbd)",
                              .flags = OPT_POSITIONAL, .excl = EXCL(2)),
                   OPT_STRING(struct attach_disk_args, "source-host-name", host_name,
                              "a network disk's host, HOST[:PORT]", .flags = OPT_POSITIONAL,
                              .needs = "source-protocol"),
                   OPT_STRING(struct attach_disk_args, "source-host-transport", host_transport,
                              "a network disk's transport: tcp, unix, rdma",
                              .flags = OPT_POSITIONAL, .needs = "source-protocol"),
                   OPT_STRING(struct attach_disk_args, "source-host-socket", host_socket,
                              "a network disk's unix socket", .flags = OPT_POSITIONAL,
                              .needs = "source-protocol"),
                   HP_SCOPE_OPTS(struct attach_disk_args),
                   OPT_FLAG(struct attach_disk_args, "shareable", shareable,
                            "the same as --mode shareable", .flags = OPT_HIDDEN, .excl = EXCL(0)),
                   OPT_STRING(struct attach_disk_args, "pool", pool,
                              "attach a volume of this storage pool", .excl = EXCL(1) | EXCL(2)),
                   OPT_STRING(struct attach_disk_args, "vol", vol, "the pool's volume",
                              .needs = "pool"),
                   OPT_SCALED(struct attach_disk_args, "size", size, 1,
                              "create the volume first, this large (10G; a bare number is bytes)",
                              .needs = "pool")) },
    { .name = "detach-disk", .summary = "detach a disk",
      .desc = "Detach the disk with TARGET (or that source path) from the domain.  With "
              "neither --live nor --config the running domain changes (as virsh); "
              "--persistent also changes the next boot's definition.  When the running domain "
              "is asked to let the disk go, the command waits (--timeout, default 30 s) until "
              "the guest released it, and fails saying so when the guest refused or did not "
              "answer.  --print-xml prints the <disk> instead.  JSON: name, id, uuid, result "
              "\"detached\", live, config, device, alias, target.",
      .run = cmd_devices_detach_disk, .args_size = sizeof(struct detach_disk_args),
      .flags = CMD_MODIFIES,
      .result = RESULT_OR(RESULT_OBJECT({ "xml", RT_STRING, "the <disk> (--print-xml)" }),
                          RS_OBJECT, BASE_RESULT,
                          { "result", RT_STRING, "\"detached\"" },
                          { "device", RT_STRING, "\"disk\"" },
                          { "alias", RT_STRING | RT_NULL, "the disk's alias" },
                          { "target", RT_STRING | RT_NULL, "the disk's target" }),
      .opts = OPTS(ARG_DOMAIN(struct detach_disk_args, domain, COMPL_DOMAIN),
                   OPT_STRING(struct detach_disk_args, "target", target,
                              "the disk's target or source path", .flags = ARG_REQUIRED,
                              .complete = COMPL_DISK),
                   HP_SCOPE_OPTS(struct detach_disk_args),
                   OPT_FLAG(struct detach_disk_args, "print-xml", print_xml,
                            "print the <disk> instead of detaching it"),
                   DETACH_TIMEOUT_OPT(struct detach_disk_args)) },
    { .name = "change-media", .summary = "eject, insert or change a CD-ROM's or floppy's media",
      .desc = "Change the media in the CD-ROM or floppy PATH (its target or source path): "
              "--eject takes it out, --insert puts SOURCE in an empty drive, --update (the "
              "default) replaces it (with no SOURCE: ejects).  --block: SOURCE is a block "
              "device.  --force ejects even when the guest locked the drive.  --print-xml "
              "prints the changed <disk> instead.  JSON: name, id, uuid, result \"ejected\", "
              "\"inserted\" or \"updated\", live, config, target, source.",
      .run = cmd_devices_change_media, .args_size = sizeof(struct media_args),
      .flags = CMD_MODIFIES,
      .result = RESULT_OR(RESULT_OBJECT({ "xml", RT_STRING, "the changed <disk> (--print-xml)" }),
                          RS_OBJECT, BASE_RESULT,
                          { "result", RT_STRING, "ejected, inserted or updated" },
                          { "target", RT_STRING | RT_NULL, "the drive's target" },
                          { "source", RT_STRING | RT_NULL, "the new media (null: ejected)" }),
      .opts = OPTS(ARG_DOMAIN(struct media_args, domain, COMPL_DOMAIN),
                   OPT_STRING(struct media_args, "path", path,
                              "the drive's target or source path", .flags = ARG_REQUIRED,
                              .complete = COMPL_DISK),
                   OPT_STRING(struct media_args, "source", source, "the new media",
                              .flags = OPT_POSITIONAL, .complete = COMPL_FILE),
                   OPT_FLAG(struct media_args, "eject", eject, "take the media out",
                            .excl = EXCL(0) | EXCL(1)),
                   OPT_FLAG(struct media_args, "insert", insert, "put media in an empty drive",
                            .excl = EXCL(0)),
                   OPT_FLAG(struct media_args, "update", update, "replace the media (default)",
                            .excl = EXCL(0)),
                   OPT_FLAG(struct media_args, "current", scope.current,
                            "the running domain if it runs, else the next boot's definition",
                            .excl = EXCL(29) | EXCL(30)),
                   OPT_FLAG(struct media_args, "live", scope.live, "change the running domain",
                            .excl = EXCL(29)),
                   OPT_FLAG(struct media_args, "config", scope.config,
                            "change the definition of the next boot", .excl = EXCL(30)),
                   OPT_FLAG(struct media_args, "force", force,
                            "force it, even when the guest locked the drive"),
                   OPT_FLAG(struct media_args, "print-xml", print_xml,
                            "print the changed <disk> instead of changing it"),
                   OPT_FLAG(struct media_args, "block", block, "the media is a block device",
                            .excl = EXCL(1))) },
    { 0 },
};
