/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * cmd/nodedev.c - the host's devices: nodedev-list, nodedev-info,
 * nodedev-dumpxml, nodedev-create, nodedev-define, nodedev-destroy,
 * nodedev-undefine, nodedev-start, nodedev-autostart, nodedev-detach,
 * nodedev-reattach, nodedev-reset, nodedev-event.
 */
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
#include <string.h>

#include "core/strbuf.h"
#include "core/util.h"
#include "virt/conn.h"
#include "virt/context.h"
#include "virt/err.h"
#include "virt/evqueue.h"
#include "virt/hostobj.h"
#include "cmd/groups.h"
#include "cmd/objects.h"

OBJKIND_BASICS(dev, virNodeDevice, hostobj_nodedev)

static const char *dev_name(void *obj)
{
    return virNodeDeviceGetName(obj);
}

static void *dev_create(virConnectPtr c, const char *xml, unsigned int flags)
{
    return virNodeDeviceCreateXML(c, xml, flags);
}

static void *dev_define(virConnectPtr c, const char *xml, unsigned int flags)
{
    return virNodeDeviceDefineXML(c, xml, flags);
}

OBJKIND_ACT(dev_destroy, virNodeDeviceDestroy(obj))
OBJKIND_ACT(dev_undefine, virNodeDeviceUndefine(obj, 0))
OBJKIND_ACT(dev_start, virNodeDeviceCreate(obj, 0))
OBJKIND_ACT(dev_reattach, virNodeDeviceReAttach(obj))
OBJKIND_ACT(dev_reset, virNodeDeviceReset(obj))

static int dev_autostart(void *obj, bool disable)
{
    return virNodeDeviceSetAutostart(obj, !disable);
}

static const struct objkind nodedev_kind = {
    .noun = "node device", .title = "Node device", .lookup = dev_lookup, .free = dev_free,
    .name = dev_name, .xml = dev_xml, .define = dev_define,
};

/* ------------------------------------------------------------ nodedev-list */

/* virsh's capability names, in the order of VIR_CONNECT_LIST_NODE_DEVICES_CAP_* bits. */
static const char *const cap_names[] = {
    "system", "pci", "usb_device", "usb", "net", "scsi_host", "scsi_target", "scsi", "storage",
    "fc_host", "vports", "scsi_generic", "drm", "mdev_types", "mdev", "ccw", "css", "vdpa",
    "ap_card", "ap_queue", "ap_matrix", "vpd", NULL,
};

struct dev_list_args {
    bool tree;
    const char *cap;
    bool inactive, all;
};

/* --cap NAME,NAME...: the flags, or -1 (recorded) for an unknown name. */
static long long cap_flags(struct shell *sh, const char *list)
{
    long long flags = 0;
    _cleanup_free_ char *copy = xstrdup(list);
    char *save = NULL;
    for (char *w = strtok_r(copy, ",", &save); w; w = strtok_r(NULL, ",", &save)) {
        int i = 0;
        while (cap_names[i] && !str_eq(cap_names[i], w))
            i++;
        if (!cap_names[i]) {
            _cleanup_free_ char *all = strv_joinv((char *const *)cap_names, ARRAY_SIZE(cap_names) - 1, ", ");
            usage_error(sh, "unknown capability '%s': expected one of %s", w, all);
            return -1;
        }
        flags |= 1LL << i;
    }
    return flags;
}

static int dev_cmp(const void *x, const void *y)
{
    return strcmp(virNodeDeviceGetName(*(virNodeDevicePtr const *)x),
                  virNodeDeviceGetName(*(virNodeDevicePtr const *)y));
}

/* The devices asked for, sorted by name.  A driver that cannot filter by
 * state (the test driver) is asked without, and the state checked here.
 * The count, or -1 with libvirt's error set. */
static int list_devices(virConnectPtr c, unsigned int caps, bool active, bool inactive, virNodeDevicePtr **ret)
{
    unsigned int state = (active ? VIR_CONNECT_LIST_NODE_DEVICES_ACTIVE : 0) |
                         (inactive ? VIR_CONNECT_LIST_NODE_DEVICES_INACTIVE : 0);
    int n = virConnectListAllNodeDevices(c, ret, caps | state);
    if (n < 0 && virGetLastErrorCode() == VIR_ERR_INVALID_ARG) {
        virResetLastError();
        n = virConnectListAllNodeDevices(c, ret, caps);
        int kept = 0;
        for (int i = 0; i < n; i++) {
            int on = virNodeDeviceIsActive((*ret)[i]); /* unknown: a driver of active devices */
            if (on < 0 ? active : on ? active : inactive)
                (*ret)[kept++] = (*ret)[i];
            else
                virNodeDeviceFree((*ret)[i]);
        }
        virResetLastError();
        n = n < 0 ? n : kept;
    }
    if (n > 0)
        qsort(*ret, (size_t)n, sizeof(**ret), dev_cmp);
    return n;
}

struct tree {
    struct json_object *rows; /* {name, parent} */
    size_t n;
    struct strbuf out, indent;
};

static const char *row_str(struct tree *t, size_t i, const char *key)
{
    return json_object_get_string(json_object_object_get(json_object_array_get_idx(t->rows, i), key));
}

/* Is the parent of row i among the rows? */
static bool parent_listed(struct tree *t, size_t i)
{
    const char *p = row_str(t, i, "parent");
    for (size_t k = 0; p && k < t->n; k++)
        if (str_eq(row_str(t, k, "name"), p))
            return true;
    return false;
}

static void indent_trim(struct tree *t)
{
    t->indent.len -= 2;
    t->indent.s[t->indent.len] = '\0';
}

/* Row `i` and its children, drawn as virsh draws them: "+- " before a
 * child, "|" down the side while a parent has more children to come. */
static void tree_draw(struct tree *t, size_t i, bool last, bool root)
{
    const char *name = row_str(t, i, "name");
    strbuf_printf(&t->out, "%s%s%s\n", strbuf_str(&t->indent), root ? "" : "+- ", name);
    if (!root)
        strbuf_add(&t->indent, last ? "  " : "| ");
    size_t last_child = t->n;
    for (size_t k = 0; k < t->n; k++)
        if (str_eq(row_str(t, k, "parent"), name))
            last_child = k;
    if (last_child < t->n)
        strbuf_printf(&t->out, "%s  |\n", strbuf_str(&t->indent));
    strbuf_add(&t->indent, "  ");
    for (size_t k = 0; k < t->n; k++)
        if (str_eq(row_str(t, k, "parent"), name))
            tree_draw(t, k, k == last_child, false);
    indent_trim(t);
    if (last_child == t->n && last)
        strbuf_printf(&t->out, "%s\n", strbuf_str(&t->indent));
    if (!root)
        indent_trim(t);
}

static int cmd_nodedev_list(struct shell *sh, void *opaque)
{
    struct dev_list_args *a = opaque;
    long long caps = a->cap ? cap_flags(sh, a->cap) : 0;
    if (caps < 0)
        return CMD_USAGE;
    virNodeDevicePtr *devs = NULL;
    int n = list_devices(sh->conn, (unsigned int)caps, !a->inactive, a->inactive || a->all, &devs);
    if (n < 0)
        return err_libvirt(sh, "cannot list node devices");
    _cleanup_json_ struct json_object *rows = json_object_new_array();
    for (int i = 0; i < n; i++) {
        struct json_object *o = json_object_new_object();
        const char *name = virNodeDeviceGetName(devs[i]);
        json_object_object_add(o, "name", json_object_new_string(name));
        hostobj_add_str(o, "parent", str_eq(name, "computer") ? NULL : virNodeDeviceGetParent(devs[i]));
        json_object_array_add(rows, o);
        virNodeDeviceFree(devs[i]);
    }
    free(devs);
    virResetLastError();
    struct tree t = { rows, (size_t)n, { 0 }, { 0 } };
    strbuf_add(&t.indent, "");
    for (size_t i = 0; i < t.n; i++) {
        if (!a->tree)
            strbuf_printf(&t.out, "%s\n", row_str(&t, i, "name"));
        else if (!parent_listed(&t, i))
            tree_draw(&t, i, true, true);
    }
    if (sh->out.mode == OUT_JSON || t.out.len) /* (no devices: no line at all) */
        out_value(&sh->out, rows, strbuf_str(&t.out));
    strbuf_free(&t.out);
    strbuf_free(&t.indent);
    return CMD_OK;
}

/* ------------------------------------------------------------ nodedev-info */

struct dev_args {
    const char *device;
};

static const char *yes_no(int v)
{
    return v < 0 ? "unknown" : v ? "yes" : "no";
}

static int cmd_nodedev_info(struct shell *sh, void *opaque)
{
    struct dev_args *a = opaque;
    _cleanup_nodedev_ virNodeDevicePtr d = hostobj_nodedev(sh, a->device);
    if (!d)
        return CMD_FAILED;
    const char *parent = virNodeDeviceGetParent(d);
    int active = virNodeDeviceIsActive(d), persistent = virNodeDeviceIsPersistent(d), autostart = 0;
    bool has_autostart = virNodeDeviceGetAutostart(d, &autostart) == 0;
    virResetLastError();
    _cleanup_json_ struct json_object *o = json_object_new_object();
    json_object_object_add(o, "name", json_object_new_string(virNodeDeviceGetName(d)));
    hostobj_add_str(o, "parent", parent);
    json_object_object_add(o, "active", active < 0 ? NULL : json_object_new_boolean(active));
    json_object_object_add(o, "persistent", persistent < 0 ? NULL : json_object_new_boolean(persistent));
    json_object_object_add(o, "autostart", has_autostart ? json_object_new_boolean(autostart) : NULL);
    _cleanup_free_ char *text = xasprintf("%-15s %s\n%-15s %s\n%-15s %s\n%-15s %s\n%-15s %s\n",
                                          "Name:", virNodeDeviceGetName(d), "Parent:", parent ? parent : "",
                                          "Active:", yes_no(active), "Persistent:", yes_no(persistent), "Autostart:",
                                          !has_autostart ? "no autostart" : autostart ? "yes" : "no");
    out_value(&sh->out, o, text);
    return CMD_OK;
}

/* ------------------------------------------------------------ nodedev-detach */

struct dev_detach_args {
    const char *device, *driver;
};

static int cmd_nodedev_detach(struct shell *sh, void *opaque)
{
    struct dev_detach_args *a = opaque;
    _cleanup_nodedev_ virNodeDevicePtr d = hostobj_nodedev(sh, a->device);
    if (!d)
        return CMD_FAILED;
    if (virNodeDeviceDetachFlags(d, a->driver, 0) < 0)
        return err_libvirt(sh, "cannot detach node device '%s'", a->device);
    _cleanup_free_ char *text = xasprintf("Device %s detached", a->device);
    return hostobj_report(sh, virNodeDeviceGetName(d), NULL, "detached", text);
}

/* ------------------------------------------------------------ nodedev-event */

static const char *const dev_event_words[][2] = {
    { "created", "Created" }, { "deleted", "Deleted" }, { "defined", "Defined" }, { "undefined", "Undefined" },
};

static struct json_object *dev_event_json(const char *event, virNodeDevicePtr d)
{
    struct json_object *o = json_object_new_object();
    hostobj_add_str(o, "event", event);
    hostobj_add_str(o, "device", virNodeDeviceGetName(d));
    return o;
}

static void on_lifecycle(virConnectPtr c, virNodeDevicePtr d, int event, int detail, void *q)
{
    (void)c, (void)detail;
    bool known = event >= 0 && (size_t)event < ARRAY_SIZE(dev_event_words);
    struct json_object *o = dev_event_json("lifecycle", d);
    hostobj_add_str(o, "type", known ? dev_event_words[event][0] : "unknown");
    evqueue_push(q, o, xasprintf("event 'lifecycle' for node device %s: %s\n", virNodeDeviceGetName(d),
                                 known ? dev_event_words[event][1] : "unknown"), NULL);
}

static void on_update(virConnectPtr c, virNodeDevicePtr d, void *q)
{
    (void)c;
    evqueue_push(q, dev_event_json("update", d),
                 xasprintf("event 'update' for node device %s\n", virNodeDeviceGetName(d)), NULL);
}

static int dev_event_reg(virConnectPtr c, void *obj, int id, void (*cb)(void), void *opaque, virFreeCallback f)
{
    return virConnectNodeDeviceEventRegisterAny(c, obj, id, (virConnectNodeDeviceEventGenericCallback)cb,
                                                opaque, f);
}

static const struct obj_events nodedev_events = {
    .kind = &nodedev_kind,
    .types = (const struct obj_event_type[]){
        { "lifecycle", VIR_NODE_DEVICE_EVENT_ID_LIFECYCLE, (void (*)(void))on_lifecycle },
        { "update", VIR_NODE_DEVICE_EVENT_ID_UPDATE, (void (*)(void))on_update },
        { NULL },
    },
    .reg = dev_event_reg,
    .dereg = virConnectNodeDeviceEventDeregisterAny,
};

/* ------------------------------------------------------------ the table */

#define ARG_DEVICE(st, field, what) \
    OPT_STRING(st, "device", field, what, .flags = ARG_REQUIRED, .complete = COMPL_NODEDEV)
#define WWN_HELP "device name or wwn pair in 'wwnn,wwpn' format"

#define DEV_ACT(nm, summ, fn, vb, res, msg, ...) \
    { .name = nm, .summary = summ, .run = cmd_obj_act, .args_size = sizeof(struct obj_args), \
      .flags = CMD_MODIFIES, .result = OBJ_REPORT_RESULT, \
      .data = OBJ_DATA(struct obj_act, .kind = &nodedev_kind, .act = fn, .verb = vb, .result = res, \
                       .fmt = msg), \
      .opts = OPTS(ARG_DEVICE(struct obj_args, ident, WWN_HELP), ##__VA_ARGS__) }

#define DEV_MAKE(nm, summ, fn, vflag, res, msg) \
    { .name = nm, .summary = summ, .run = cmd_obj_make, .args_size = sizeof(struct obj_file_args), \
      .flags = CMD_MODIFIES, .result = OBJ_REPORT_RESULT, \
      .data = OBJ_DATA(struct obj_make, .kind = &nodedev_kind, .make = fn, .validate_flag = vflag, \
                       .result = res, .fmt = msg), \
      .opts = OPTS(OBJ_FILE_ARG("node device XML file"), OBJ_VALIDATE_OPT) }

const struct cmd_group cmd_group_nodedev = {
    .name = "nodedev",
    .title = "Node devices",
    .cmds = (const struct cmd_def[]){
        { .name = "nodedev-list", .summary = "list the host's devices",
          .desc = "Names one a line, or with --tree below their parents. --cap keeps the devices "
                  "with any of the capabilities named. Without --all or --inactive only active "
                  "devices are listed (also by drivers that cannot filter by state). JSON: rows "
                  "with name and parent (null for the root).",
          .run = cmd_nodedev_list, .args_size = sizeof(struct dev_list_args),
          .opts = OPTS(OPT_FLAG(struct dev_list_args, "tree", tree, "show the devices as a tree",
                                .excl = EXCL(0) | EXCL(1)),
                       OPT_STRING(struct dev_list_args, "cap", cap,
                                  "only devices with one of these capabilities (pci, net, ...)",
                                  .metavar = "CAP[,CAP...]", .excl = EXCL(0), .flags = OPT_POSITIONAL),
                       OPT_FLAG(struct dev_list_args, "inactive", inactive, "inactive devices only",
                                .excl = EXCL(1) | EXCL(2)),
                       OPT_FLAG(struct dev_list_args, "all", all, "active and inactive devices",
                                .excl = EXCL(2))),
          .result = RESULT_ARRAY({ "name", RT_STRING, "the device's name" },
                                 { "parent", RT_STRING | RT_NULL, "its parent's, null for the root" }) },
        { .name = "nodedev-info", .summary = "show a node device's basic information",
          .run = cmd_nodedev_info, .args_size = sizeof(struct dev_args),
          .opts = OPTS(ARG_DEVICE(struct dev_args, device, WWN_HELP)),
          .result = RESULT_OBJECT({ "name", RT_STRING, "the device's name" },
                                  { "parent", RT_STRING | RT_NULL, "its parent's" },
                                  { "active", RT_BOOL | RT_NULL, "it is active" },
                                  { "persistent", RT_BOOL | RT_NULL, "it is defined" },
                                  { "autostart", RT_BOOL | RT_NULL, "it starts with the host" }) },
        { .name = "nodedev-dumpxml", .summary = "print a node device's XML",
          .run = cmd_obj_dumpxml, .args_size = sizeof(struct obj_dumpxml_args),
          .data = OBJ_DATA(struct obj_dumpxml, .kind = &nodedev_kind),
          .opts = OPTS(ARG_DEVICE(struct obj_dumpxml_args, ident, WWN_HELP), OBJ_XPATH_OPTS),
          .result = OBJ_DUMPXML_RESULT },
        DEV_MAKE("nodedev-create", "create a device on the host from an XML file", dev_create,
                 VIR_NODE_DEVICE_CREATE_XML_VALIDATE, "created", "Node device %s created from %s"),
        DEV_MAKE("nodedev-define", "define a persistent device on the host from an XML file", dev_define,
                 VIR_NODE_DEVICE_DEFINE_XML_VALIDATE, "defined", "Node device '%s' defined from '%s'"),
        DEV_ACT("nodedev-destroy", "destroy (stop) a device on the host", dev_destroy, "destroy",
                "destroyed", "Destroyed node device '%s'"),
        DEV_ACT("nodedev-undefine", "remove an inactive device's definition", dev_undefine, "undefine",
                "undefined", "Undefined node device '%s'"),
        DEV_ACT("nodedev-start", "start a defined, inactive device", dev_start, "start", "started",
                "Device %s started"),
        { .name = "nodedev-autostart", .summary = "start a defined device when the host boots",
          .run = cmd_obj_act, .args_size = sizeof(struct obj_args), .flags = CMD_MODIFIES,
          .result = OBJ_REPORT_RESULT,
          .data = OBJ_DATA(struct obj_act, .kind = &nodedev_kind, .act = dev_autostart,
                           .verb = "set autostart of", .result = "autostart_enabled",
                           .fmt = "Device %s marked as autostarted", .result_disabled = "autostart_disabled",
                           .fmt_disabled = "Device %s unmarked as autostarted"),
          .opts = OPTS(ARG_DEVICE(struct obj_args, ident, WWN_HELP),
                       OPT_FLAG(struct obj_args, "disable", disable, "turn autostart off")) },
        { .name = "nodedev-detach", .aliases = ALIASES("nodedev-dettach"),
          .summary = "detach a device from its host driver, for a guest",
          .run = cmd_nodedev_detach, .args_size = sizeof(struct dev_detach_args), .flags = CMD_MODIFIES,
          .result = OBJ_REPORT_RESULT,
          .opts = OPTS(ARG_DEVICE(struct dev_detach_args, device, "device name"),
                       OPT_STRING(struct dev_detach_args, "driver", driver,
                                  "the assignment backend (vfio, xen)", .flags = OPT_POSITIONAL)) },
        DEV_ACT("nodedev-reattach", "give a detached device back to its host driver", dev_reattach,
                "reattach", "reattached", "Device %s re-attached"),
        DEV_ACT("nodedev-reset", "reset a device", dev_reset, "reset", "reset", "Device %s reset"),
        { .name = "nodedev-event", .summary = "wait for node device events and print them",
          .desc = "Prints each node device event, as virsh's lines or, with -o json, one JSON "
                  "object per line (event, device, type for lifecycle events, timestamp). Without "
                  "--event every type is watched; without --loop the command ends after the first "
                  "event; --timeout ends it with exit 1 if no event came.",
          .run = cmd_obj_event, .args_size = sizeof(struct obj_event_args), .flags = CMD_NOCONN,
          .data = &nodedev_events,
          .opts = OPTS(OBJ_EVENT_OPTS("device", "only events of this device", COMPL_NODEDEV)),
          .result = RESULT_OR(RESULT_VALUES, RS_OBJECT,
                              { "event", RT_STRING, "lifecycle or update" },
                              { "device", RT_STRING, "the device's name" },
                              { "type", RT_STRING | RT_OPTIONAL,
                                "lifecycle: created, deleted, defined or undefined" },
                              { "timestamp", RT_STRING, "when it came, UTC (ISO 8601)" }) },
        { 0 },
    },
};
