/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * cmd/devices.h - what the files of the devices group share: the rows of
 * the files other than cmd/devices.c (which the group lists in its `more`),
 * the --persistent/--config/--live/--current options as virsh reads them,
 * the domain XML and its devices, and waiting for a guest to let a device
 * go.
 */
#pragma once

#include <json-c/json.h>
#include <libvirt/libvirt.h>
#include <libxml/tree.h>
#include <stdbool.h>

#include "core/table.h"
#include "virt/context.h"

extern const struct cmd_def devices_hotplug_cmds[];  /* cmd/devices-hotplug.c */
extern const struct cmd_def devices_disk_cmds[];     /* cmd/devices-disk.c */
extern const struct cmd_def devices_iface_cmds[];    /* cmd/devices-iface.c */
extern const struct cmd_def devices_blockjob_cmds[]; /* cmd/devices-blockjob.c */
extern const struct cmd_def devices_block_cmds[];    /* cmd/devices-block.c */
extern const struct cmd_def devices_display_cmds[];  /* cmd/devices-display.c */
extern const struct cmd_def devices_input_cmds[];    /* cmd/devices-input.c */

/* Which definitions a change reaches, as virsh's options say it. */
struct hp_scope {
    bool persistent, config, live, current;
};

/* --persistent, --config, --live, --current (field `scope`); --current
 * excludes the three others (exclusion sets 29..31, free for the command's
 * own sets below them). */
#define HP_SCOPE_OPTS(st) \
    OPT_FLAG(st, "persistent", scope.persistent, \
             "change the next boot's definition too (and the running domain if it runs)", \
             .excl = EXCL(31)), \
    OPT_FLAG(st, "config", scope.config, "change the definition of the next boot", \
             .excl = EXCL(30)), \
    OPT_FLAG(st, "live", scope.live, "change the running domain", .excl = EXCL(29)), \
    OPT_FLAG(st, "current", scope.current, \
             "change the running domain if it runs, else the next boot's definition", \
             .excl = EXCL(29) | EXCL(30) | EXCL(31))

/* The same without --persistent (field `scope`). */
#define SCOPE3_OPTS(st) \
    OPT_FLAG(st, "config", scope.config, "change the definition of the next boot", \
             .excl = EXCL(30)), \
    OPT_FLAG(st, "live", scope.live, "change the running domain", .excl = EXCL(29)), \
    OPT_FLAG(st, "current", scope.current, \
             "change the running domain if it runs, else the next boot's definition", \
             .excl = EXCL(29) | EXCL(30))

/* libvirt's VIR_DOMAIN_AFFECT_* flags for `s` (--persistent adds the live
 * domain when it runs).  *ret_legacy: no option was given at all, where
 * virsh calls the flag-less API (the live domain only). */
unsigned int hp_flags(const struct hp_scope *s, virDomainPtr d, bool *ret_legacy);
/* Does a change with `flags` (legacy: live) reach the running domain, the
 * next boot's definition?  --current: the running one if it runs. */
void hp_reach(virDomainPtr d, unsigned int flags, bool legacy, bool *ret_live, bool *ret_config);
/* {name, id, uuid, result, live, config}: the base of every hotplug result. */
struct json_object *hp_result(virDomainPtr d, const char *result, unsigned int flags, bool legacy);

/* hp_result with "device" (the element: disk, interface, ...) and "alias". */
struct json_object *hp_device_result(virDomainPtr d, const char *result, unsigned int flags,
                                     bool legacy, const char *device, const char *alias);

/* The domain's XML (inactive: the next boot's) parsed with its blank text
 * kept, so a device serialises as virsh prints it.  NULL with the error
 * recorded. */
xmlDocPtr dev_domain_xml(struct shell *sh, virDomainPtr d, bool inactive, bool secure);
/* The elements of `doc` an XPath expression selects, into *ret (a new
 * array; caller frees it, not the nodes).  The count, or -1 for a bad
 * expression. */
int dev_select(xmlDocPtr doc, const char *expr, xmlNodePtr **ret);
/* A device element as libvirt wants it: its own text, the indentation the
 * document gave it kept, without a final newline.  Caller frees. */
char *dev_node_xml(xmlDocPtr doc, xmlNodePtr node);
/* A disk by target ("vda") or source path/name, as virsh's detach-disk and
 * change-media find it; `only_cdrom` also requires a CD-ROM or floppy.
 * NULL if none. */
xmlNodePtr dev_find_disk(xmlDocPtr doc, const char *path, bool only_removable);
/* Remove `node`'s child elements named `name` (their indentation stays). */
void dev_drop_child(xmlNodePtr node, const char *name);
/* An attribute or child text of a node (xml_get on it); NULL if absent. */
char *dev_get(xmlNodePtr node, const char *expr);
/* The alias libvirt gave the device (alias/@name), or NULL. */
char *dev_alias(xmlNodePtr node);

/*
 * A domain's events, recorded for a command that waits (cmd/devices-
 * events.c): devices removed or refused by the guest (libvirt's
 * DEVICE_REMOVED, DEVICE_REMOVAL_FAILED) and block job states
 * (BLOCK_JOB, BLOCK_JOB_2).  libvirt's detach returns once the guest was
 * asked, and a block job runs on after its call: start the recorder before
 * that call, so no event falls between.
 */
struct dev_events;

enum {
    DEV_EV_REMOVAL = 1 << 0,
    DEV_EV_BLOCKJOB = 1 << 1,
};

/* NULL with the error recorded (a domain without events still works:
 * callers look at the domain too). */
struct dev_events *dev_events_start(struct shell *sh, virDomainPtr d, unsigned what);
void dev_events_free(struct dev_events *e);
/* Wait up to `ms` for the next event: 1 when one came, 0 when none did,
 * -1 on Ctrl-C. */
int dev_events_wait(struct dev_events *e, int ms);
/* Was the device with `alias` (NULL: any) removed, refused? */
bool dev_events_removed(struct dev_events *e, const char *alias);
bool dev_events_refused(struct dev_events *e, const char *alias);
/* The last block job status (VIR_DOMAIN_BLOCK_JOB_*) of a disk known by
 * any of `names` (its target, its path), or -1. */
int dev_events_job_status(struct dev_events *e, const char *const *names);
/* Whether block job events could be registered. */
bool dev_events_have_jobs(const struct dev_events *e);

enum {
    DEV_GONE,        /* the device was removed */
    DEV_REFUSED,     /* the guest refused to release it */
    DEV_PENDING,     /* no answer within the timeout: the request stays pending */
    DEV_INTERRUPTED, /* Ctrl-C while waiting */
};

/* Wait for the device with `alias` (NULL: any device of the domain) to go,
 * until timeout_s after the recorder started.  A device already gone from
 * the live XML counts as gone. */
int dev_wait_removal(struct dev_events *e, virDomainPtr d, const char *alias, double timeout_s);

/* How a detach that waited ended, as the command's result: CMD_OK when the
 * device is gone, else the error recorded ("the guest refused ...").
 * `what` names the device ("disk 'vdb'"). */
int dev_detach_outcome(struct shell *sh, virDomainPtr d, int how, const char *what,
                       double timeout_s);

/* The start of detach-disk and detach-interface: the domain (*ret_dom, the
 * caller frees it), the flags of the scope and the XML to find the device
 * in (the next boot's for --config alone).  NULL with the error recorded. */
xmlDocPtr dev_detach_begin(struct shell *sh, const char *domain, const struct hp_scope *s,
                           virDomainPtr *ret_dom, unsigned int *ret_flags, bool *ret_legacy);
/* Detach the device `xml` describes (NULL: the one with `alias`, by
 * virDomainDetachDeviceAlias) with `flags` (legacy: the flag-less call);
 * when that reaches the running domain, wait for the guest to release it
 * (timeout 0: the default).  `what` names it in messages ("disk 'vdb'").
 * CMD_OK, or the error recorded. */
int dev_detach(struct shell *sh, virDomainPtr d, const char *xml, unsigned int flags, bool legacy,
               const char *alias, const char *what, long long timeout);
/* --print-xml of a device node: its XML and a newline.  CMD_OK. */
int dev_print_xml(struct shell *sh, const char *xml);

/* ` NAME='VALUE'` with VALUE escaped for XML; nothing when value is NULL. */
struct strbuf;
void dev_attr(struct strbuf *b, const char *name, const char *value);
/* VALUE escaped for XML text or attributes, appended. */
void dev_escape(struct strbuf *b, const char *value);

/* An address as virsh's attach-disk --address takes it: pci:D.B.S.F,
 * ccw:C.S.D (hexadecimal), scsi:C.B.U, ide:C.B.U, sata:C.B.U, usb:B.P. */
enum { ADDR_PCI, ADDR_CCW, ADDR_SCSI, ADDR_IDE, ADDR_SATA, ADDR_USB };
struct dev_addr {
    int type;
    unsigned long long v[4];
};
/* 0, or -1 when `s` is not such an address. */
int dev_addr_parse(const char *s, struct dev_addr *ret);
/* <address .../> and a newline, after `indent`. */
void dev_addr_format(struct strbuf *b, const struct dev_addr *a, bool multifunction,
                     const char *indent);

/* Append `text` to the error recorded (what else happened, what to do). */
void dev_err_append(struct shell *sh, const char *text);

/* A result printed in JSON mode only (virsh prints nothing).  CMD_OK. */
int dev_json_only(struct shell *sh, struct json_object *o);

/* --timeout SECONDS of the detach commands (field `timeout`, 0: default). */
#define DETACH_TIMEOUT_OPT(st) \
    OPT_INT(st, "timeout", timeout, 1, 3600, \
            "seconds to wait for the guest to release the device (default 30)", \
            .metavar = "SECONDS")
#define DETACH_TIMEOUT_DEFAULT 30

/*
 * A pool volume for attach-disk (cmd/devices-volume.c): an existing one
 * looked up, or a new one created before the attach and deleted again when
 * the attach fails.
 */
struct vol_plan {
    char *generated;           /* the volume's name, when the command made it up */
    virStoragePoolPtr pool;
    virStorageVolPtr vol;
    char *format;              /* the volume's format: the disk's driver type */
    char *pool_name, *vol_name;
    unsigned long long size;   /* create it this large (0: it exists) */
    bool created;              /* this command created it */
};

/* Look the pool up and, for an existing volume, the volume and its format;
 * a volume to create must not exist yet.  0, or -1 with the error recorded. */
int vol_plan_prepare(struct shell *sh, struct vol_plan *p, const char *pool, const char *vol,
                     unsigned long long size, const char *format);
/* Create the volume.  0, or -1 with the error recorded. */
int vol_plan_create(struct shell *sh, struct vol_plan *p);
/* After the attach failed: delete the volume this command created, and
 * say so after the recorded error. */
void vol_plan_undo(struct shell *sh, struct vol_plan *p);
/* Ctrl-C after the volume was created: stop, say how to go on.  CMD_FAILED. */
int vol_plan_interrupted(struct shell *sh, struct vol_plan *p, const char *domain,
                         const char *target);
void vol_plan_clear(struct vol_plan *p);
