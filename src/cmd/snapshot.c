/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * cmd/snapshot.c - the snapshot group: snapshot-create, snapshot-create-as,
 * snapshot-current, snapshot-dumpxml, snapshot-edit, snapshot-info,
 * snapshot-parent.  snapshot-list is in snapshot-list.c, snapshot-revert
 * and snapshot-delete in snapshot-revert.c.
 */
#include <libvirt/libvirt-qemu.h>
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
#include <string.h>

#include "core/strbuf.h"
#include "core/strv.h"
#include "core/util.h"
#include "core/xmlwrite.h"
#include "virt/conn.h"
#include "virt/context.h"
#include "virt/domain.h"
#include "virt/err.h"
#include "virt/job.h"
#include "virt/moment.h"
#include "virt/xmlout.h"
#include "cmd/groups.h"
#include "cmd/xmlopts.h"
#include "cmd/snapshot.h"
#include "cmd/xmledit.h"

static const struct moment_kind *const K = &moment_snapshot;

int snapshot_report(struct shell *sh, virDomainPtr d, const char *name, const char *result,
                    const char *text)
{
    _cleanup_json_ struct json_object *o = json_object_new_object();
    json_object_object_add(o, "domain", json_object_new_string(virDomainGetName(d)));
    json_object_object_add(o, "name", json_object_new_string(name));
    json_object_object_add(o, "result", json_object_new_string(result));
    out_message(&sh->out, o, text);
    /* virsh prints "created" and "set as current" without a newline: its
     * blank line after the command ends them */
    if (str_eq(result, "created") || str_eq(result, "current"))
        out_line_ends_command(&sh->out);
    return CMD_OK;
}

/* ---- snapshot-create, snapshot-create-as ------------------------------ */

struct create_flags {
    bool no_metadata, halt, disk_only, reuse_external, quiesce, atomic, live, validate;
};

static unsigned int create_flags(const struct create_flags *f)
{
    return (f->no_metadata ? VIR_DOMAIN_SNAPSHOT_CREATE_NO_METADATA : 0) |
           (f->halt ? VIR_DOMAIN_SNAPSHOT_CREATE_HALT : 0) |
           (f->disk_only ? VIR_DOMAIN_SNAPSHOT_CREATE_DISK_ONLY : 0) |
           (f->reuse_external ? VIR_DOMAIN_SNAPSHOT_CREATE_REUSE_EXT : 0) |
           (f->quiesce ? VIR_DOMAIN_SNAPSHOT_CREATE_QUIESCE : 0) |
           (f->atomic ? VIR_DOMAIN_SNAPSHOT_CREATE_ATOMIC : 0) |
           (f->live ? VIR_DOMAIN_SNAPSHOT_CREATE_LIVE : 0) |
           (f->validate ? VIR_DOMAIN_SNAPSHOT_CREATE_VALIDATE : 0);
}

/* --quiesce freezes the guest's file systems through its agent: ask the
 * agent first, so that a missing one is said before anything is made.
 * A hypervisor without QEMU's agent call is left to decide itself. */
int snapshot_check_agent(struct shell *sh, virDomainPtr d)
{
    if (virDomainIsActive(d) != 1) {
        virResetLastError();
        return 0; /* libvirt says what --quiesce needs of an inactive domain */
    }
    char *reply = virDomainQemuAgentCommand(d, "{\"execute\":\"guest-ping\"}", 10, 0);
    if (reply) {
        free(reply);
        return 0;
    }
    if (virGetLastErrorCode() == VIR_ERR_NO_SUPPORT) {
        virResetLastError();
        return 0;
    }
    return err_libvirt(sh, "cannot quiesce domain '%s': its guest agent does not answer, and "
                       "--quiesce needs it to freeze the file systems; nothing was created",
                       virDomainGetName(d));
}

struct create_call {
    virDomainPtr d;
    const char *xml;
    unsigned int flags;
    virDomainSnapshotPtr snap;
};

static int create_in_worker(void *opaque)
{
    struct create_call *c = opaque;
    c->snap = virDomainSnapshotCreateXML(c->d, c->xml, c->flags);
    return c->snap ? 0 : -1;
}

/* Create the snapshot and say so; with memory of a running domain (a long
 * job) with progress, and Ctrl-C aborts it. */
static int snap_create(struct shell *sh, virDomainPtr d, const char *xml, unsigned int flags,
                       const char *from)
{
    const char *dname = virDomainGetName(d);
    if ((flags & VIR_DOMAIN_SNAPSHOT_CREATE_QUIESCE) && snapshot_check_agent(sh, d))
        return CMD_FAILED;
    struct create_call c = { .d = d, .xml = xml, .flags = flags };
    bool long_job = !(flags & (VIR_DOMAIN_SNAPSHOT_CREATE_DISK_ONLY |
                               VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE)) &&
                    virDomainIsActive(d) == 1;
    virResetLastError();
    if (long_job) {
        _cleanup_(job_result_clear) struct job_result r = { 0 };
        _cleanup_free_ char *what = xasprintf("snapshot of '%s'", dname);
        if (job_run(sh, d, what, create_in_worker, &c, &r) < 0) {
            if (r.aborted)
                return error(sh, "snapshot of domain '%s' stopped by Ctrl-C: nothing was created",
                             dname);
            return err_libvirt_saved(sh, r.err, "cannot create a snapshot of domain '%s'", dname);
        }
    } else if (create_in_worker(&c) < 0) {
        return err_libvirt(sh, "cannot create a snapshot of domain '%s'", dname);
    }
    conn_state_changed(sh);
    _cleanup_free_ char *name = xstrdup(virDomainSnapshotGetName(c.snap));
    virDomainSnapshotFree(c.snap);
    _cleanup_free_ char *text = from ? xasprintf("Domain snapshot %s created from '%s'", name, from)
                                     : xasprintf("Domain snapshot %s created", name);
    return snapshot_report(sh, d, name, "created", text);
}

struct create_args {
    const char *domain, *xmlfile;
    bool redefine, current;
    struct create_flags f;
};

static int cmd_snapshot_create(struct shell *sh, void *opaque)
{
    struct create_args *a = opaque;
    unsigned int flags = create_flags(&a->f) |
                         (a->redefine ? VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE : 0) |
                         (a->current ? VIR_DOMAIN_SNAPSHOT_CREATE_CURRENT : 0);
    _cleanup_domain_ virDomainPtr d = conn_lookup_domain(sh, a->domain);
    if (!d)
        return CMD_FAILED;
    _cleanup_free_ char *xml = a->xmlfile ? domain_read_xml_file(sh, a->xmlfile)
                                          : xstrdup("<domainsnapshot/>");
    if (!xml)
        return CMD_FAILED;
    return snap_create(sh, d, xml, flags, a->xmlfile);
}

struct create_as_args {
    const char *domain, *name, *description;
    bool print_xml;
    struct create_flags f;
    const char *memspec;
    struct strv diskspec, diskspec_words;
};

/* --memspec [file=]PATH[,snapshot=TYPE] as <memory .../>. */
static int add_memspec(struct shell *sh, struct strbuf *b, const char *spec)
{
    _cleanup_strv_ struct strv parts = { 0 };
    const char *snapshot = NULL, *file = NULL;
    if (!*spec)
        return usage_error(sh, "invalid memspec '': it is empty");
    spec_split(spec, &parts);
    for (size_t i = 0; i < parts.n; i++) {
        const char *p = parts.v[i];
        if (spec_take(p, "snapshot", &snapshot) || spec_take(p, "file", &file))
            continue;
        if (!file && p[0] == '/') {
            file = p;
            continue;
        }
        return usage_error(sh, "invalid memspec '%s': expected [file=]PATH[,snapshot=TYPE]", spec);
    }
    strbuf_add(b, "  <memory");
    xmlw_attr(b, "snapshot", snapshot);
    xmlw_attr(b, "file", file);
    strbuf_add(b, "/>\n");
    return CMD_OK;
}

/* --diskspec DISK[,snapshot=TYPE][,driver=FMT][,stype=file|block][,file=PATH] as <disk>. */
static int add_diskspec(struct shell *sh, struct strbuf *b, const char *spec)
{
    _cleanup_strv_ struct strv parts = { 0 };
    const char *snapshot = NULL, *driver = NULL, *stype = NULL, *file = NULL;
    spec_split(spec, &parts);
    if (!*parts.v[0])
        return usage_error(sh, "invalid diskspec '%s': it must start with a disk name", spec);
    for (size_t i = 1; i < parts.n; i++) {
        const char *p = parts.v[i];
        if (!spec_take(p, "snapshot", &snapshot) && !spec_take(p, "driver", &driver) &&
            !spec_take(p, "stype", &stype) && !spec_take(p, "file", &file))
            return usage_error(sh, "invalid diskspec '%s': expected DISK[,snapshot=TYPE]"
                               "[,driver=FORMAT][,stype=file|block][,file=PATH]", spec);
    }
    if (stype && !str_eq(stype, "file") && !str_eq(stype, "block"))
        return usage_error(sh, "invalid diskspec '%s': unknown storage type '%s' (file, block)",
                           spec, stype);
    strbuf_add(b, "    <disk");
    xmlw_attr(b, "name", parts.v[0]);
    xmlw_attr(b, "snapshot", snapshot);
    xmlw_attr(b, "type", stype);
    if (!driver && !file) {
        strbuf_add(b, "/>\n");
        return CMD_OK;
    }
    strbuf_add(b, ">\n");
    if (driver) {
        strbuf_add(b, "      <driver");
        xmlw_attr(b, "type", driver);
        strbuf_add(b, "/>\n");
    }
    if (file) {
        strbuf_add(b, "      <source");
        xmlw_attr(b, str_eq(stype, "block") ? "dev" : "file", file);
        strbuf_add(b, "/>\n");
    }
    strbuf_add(b, "    </disk>\n");
    return CMD_OK;
}

int moment_xml_build(struct shell *sh, const struct moment_xml *x, struct strbuf *b)
{
    if ((x->name && !*x->name) || (x->description && !*x->description))
        return usage_error(sh, "invalid %s '': it is empty", x->name && !*x->name ? "name"
                                                                                   : "description");
    strbuf_printf(b, "<%s>\n", x->root);
    xmlw_element(b, "  ", "name", x->name);
    xmlw_element(b, "  ", "description", x->description);
    strbuf_add(b, x->memory ? x->memory : "");
    if (x->diskspec->n || x->words->n) {
        strbuf_add(b, "  <disks>\n");
        for (size_t i = 0; i < x->diskspec->n; i++)
            if (x->add_disk(sh, b, x->diskspec->v[i]))
                return CMD_USAGE;
        for (size_t i = 0; i < x->words->n; i++)
            if (x->add_disk(sh, b, x->words->v[i]))
                return CMD_USAGE;
        strbuf_add(b, "  </disks>\n");
    }
    strbuf_printf(b, "</%s>\n", x->root);
    return CMD_OK;
}

int moment_xml_print(struct shell *sh, const char *xml)
{
    _cleanup_free_ char *text = xasprintf("%s\n", xml);
    _cleanup_json_ struct json_object *o = json_object_new_object();
    json_object_object_add(o, "xml", json_object_new_string(xml));
    out_value(&sh->out, o, text);
    return CMD_OK;
}

static int cmd_snapshot_create_as(struct shell *sh, void *opaque)
{
    struct create_as_args *a = opaque;
    _cleanup_strbuf_ struct strbuf b = { 0 };
    _cleanup_strbuf_ struct strbuf mem = { 0 };
    if (a->memspec && add_memspec(sh, &mem, a->memspec))
        return CMD_USAGE;
    const struct moment_xml x = { .root = "domainsnapshot", .name = a->name,
                                  .description = a->description, .memory = strbuf_str(&mem),
                                  .diskspec = &a->diskspec, .words = &a->diskspec_words,
                                  .add_disk = add_diskspec };
    if (moment_xml_build(sh, &x, &b))
        return CMD_USAGE;
    _cleanup_domain_ virDomainPtr d = conn_lookup_domain(sh, a->domain);
    if (!d)
        return CMD_FAILED;
    if (a->print_xml)
        return moment_xml_print(sh, strbuf_str(&b));
    return snap_create(sh, d, strbuf_str(&b), create_flags(&a->f), NULL);
}

/* ---- snapshot-current --------------------------------------------------- */

struct current_args {
    const char *domain;
    bool name, security_info;
    const char *snapshotname;
};

/* Make `m` the current snapshot: redefine it as it is, with CURRENT. */
int snapshot_set_current(struct shell *sh, virDomainPtr d, virDomainSnapshotPtr m)
{
    const char *name = virDomainSnapshotGetName(m);
    _cleanup_free_ char *xml = virDomainSnapshotGetXMLDesc(m, VIR_DOMAIN_SNAPSHOT_XML_SECURE);
    if (!xml)
        return err_libvirt(sh, "cannot get the XML of snapshot '%s'", name);
    unsigned int flags = VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE | VIR_DOMAIN_SNAPSHOT_CREATE_CURRENT;
    if (strstr(xml, "<state>disk-snapshot</state>"))
        flags |= VIR_DOMAIN_SNAPSHOT_CREATE_DISK_ONLY;
    virDomainSnapshotPtr again = virDomainSnapshotCreateXML(d, xml, flags);
    if (!again)
        return err_libvirt(sh, "cannot make snapshot '%s' the current one", name);
    virDomainSnapshotFree(again);
    return CMD_OK;
}

static int cmd_snapshot_current(struct shell *sh, void *opaque)
{
    struct current_args *a = opaque;
    _cleanup_domain_ virDomainPtr d = conn_lookup_domain(sh, a->domain);
    if (!d)
        return CMD_FAILED;
    const char *dname = virDomainGetName(d);
    if (a->snapshotname) {
        _cleanup_snapshot_ virDomainSnapshotPtr m = moment_lookup(sh, K, d, a->snapshotname, false);
        if (!m)
            return CMD_FAILED;
        int rc = snapshot_set_current(sh, d, m);
        if (rc)
            return rc;
        _cleanup_free_ char *text = xasprintf("Snapshot %s set as current", a->snapshotname);
        return snapshot_report(sh, d, a->snapshotname, "current", text);
    }
    _cleanup_snapshot_ virDomainSnapshotPtr m = moment_lookup(sh, K, d, NULL, true);
    if (!m)
        return CMD_FAILED;
    _cleanup_free_ char *xml = a->name ? NULL : virDomainSnapshotGetXMLDesc(m, a->security_info
                                                                            ? VIR_DOMAIN_SNAPSHOT_XML_SECURE
                                                                            : 0);
    _cleanup_json_ struct json_object *o = json_object_new_object();
    json_object_object_add(o, "domain", json_object_new_string(dname));
    json_object_object_add(o, "name", json_object_new_string(virDomainSnapshotGetName(m)));
    if (!a->name && xml)
        json_object_object_add(o, "xml", json_object_new_string(xml));
    _cleanup_free_ char *text = xstrdup(a->name ? virDomainSnapshotGetName(m) : xml ? xml : "");
    if (!a->name && !xml)
        return err_libvirt(sh, "cannot get the XML of the current snapshot of domain '%s'", dname);
    out_value(&sh->out, o, text);
    if (a->name) /* virsh prints the name without a newline */
        out_line_ends_command(&sh->out);
    return CMD_OK;
}

/* ---- snapshot-dumpxml ---------------------------------------------------- */

struct dumpxml_args {
    const char *domain, *snapshotname;
    bool security_info;
    const char *xpath;
    bool wrap;
};

static int cmd_snapshot_dumpxml(struct shell *sh, void *opaque)
{
    struct dumpxml_args *a = opaque;
    _cleanup_domain_ virDomainPtr d = NULL;
    _cleanup_snapshot_ virDomainSnapshotPtr m = moment_find(sh, K, a->domain, a->snapshotname, false, &d);
    if (!m)
        return CMD_FAILED;
    _cleanup_free_ char *xml =
        virDomainSnapshotGetXMLDesc(m, a->security_info ? VIR_DOMAIN_SNAPSHOT_XML_SECURE : 0);
    if (!xml)
        return err_libvirt(sh, "cannot get the XML of snapshot '%s'", a->snapshotname);
    return xmlout_print(sh, xml, a->xpath, a->wrap);
}

/* ---- snapshot-edit ------------------------------------------------------- */

struct edit_args {
    const char *domain, *snapshotname;
    bool current, rename, clone;
};

struct edit_state {
    virDomainPtr d;
    unsigned int flags;
    virDomainSnapshotPtr edited;
};

static char *edit_apply(struct shell *sh, const char *edited, void *opaque, bool *fatal)
{
    struct edit_state *st = opaque;
    unsigned int flags = st->flags;
    (void)fatal;
    if (strstr(edited, "<state>disk-snapshot</state>"))
        flags |= VIR_DOMAIN_SNAPSHOT_CREATE_DISK_ONLY;
    st->edited = virDomainSnapshotCreateXML(st->d, edited, flags);
    if (st->edited)
        return NULL;
    err_libvirt(sh, "cannot redefine the snapshot from the edited XML");
    char *why = xstrdup(sh->err.message);
    err_clear(sh);
    return why;
}

/* The edit gave the snapshot another name: with --clone both stay; with
 * --rename the old name's metadata goes; otherwise the new one is taken
 * back and the edit refused. */
static int edit_renamed(struct shell *sh, struct edit_args *a, virDomainSnapshotPtr old,
                        virDomainSnapshotPtr edited, const char *name, const char *newname)
{
    if (a->clone) {
        _cleanup_free_ char *text = xasprintf("Snapshot %s cloned to %s.", name, newname);
        return snapshot_report(sh, virDomainSnapshotGetDomain(old), newname, "cloned", text);
    }
    virDomainSnapshotPtr drop = a->rename ? old : edited;
    if (virDomainSnapshotDelete(drop, VIR_DOMAIN_SNAPSHOT_DELETE_METADATA_ONLY) < 0)
        return err_libvirt(sh, "snapshot '%s' was %s as '%s', but removing the metadata of '%s' "
                           "failed: run 'snapshot-delete %s %s --metadata'",
                           name, a->rename ? "renamed" : "copied", newname,
                           a->rename ? name : newname, a->domain, a->rename ? name : newname);
    if (!a->rename)
        return error(sh, "the edit renames snapshot '%s' to '%s': add --rename or --clone",
                     name, newname);
    _cleanup_free_ char *text = xasprintf("Snapshot %s renamed to %s.", name, newname);
    return snapshot_report(sh, virDomainSnapshotGetDomain(old), newname, "renamed", text);
}

static int cmd_snapshot_edit(struct shell *sh, void *opaque)
{
    struct edit_args *a = opaque;
    _cleanup_domain_ virDomainPtr d = NULL;
    _cleanup_snapshot_ virDomainSnapshotPtr m = moment_find(sh, K, a->domain, a->snapshotname, !a->snapshotname, &d);
    if (!m)
        return CMD_FAILED;
    _cleanup_free_ char *name = xstrdup(virDomainSnapshotGetName(m));
    _cleanup_free_ char *orig = virDomainSnapshotGetXMLDesc(m, VIR_DOMAIN_SNAPSHOT_XML_SECURE);
    if (!orig) {
        return err_libvirt(sh, "cannot get the XML of snapshot '%s'", name);
    }
    bool make_current = a->current && a->snapshotname;
    struct edit_state st = { .d = d, .flags = VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE |
                                              (make_current ? VIR_DOMAIN_SNAPSHOT_CREATE_CURRENT : 0) };
    int rc = xmledit_run(sh, orig, make_current, edit_apply, &st);
    if (rc == XMLEDIT_FAILED) {
        return CMD_FAILED;
    }
    if (rc == XMLEDIT_UNCHANGED) {
        _cleanup_free_ char *text = xasprintf("Snapshot %s XML configuration not changed.", name);
        return snapshot_report(sh, d, name, "unchanged", text);
    }
    conn_state_changed(sh);
    const char *newname = virDomainSnapshotGetName(st.edited);
    if (str_eq(newname, name)) {
        _cleanup_free_ char *text = xasprintf("Snapshot %s edited.", name);
        rc = snapshot_report(sh, d, name, "edited", text);
    } else {
        rc = edit_renamed(sh, a, m, st.edited, name, newname);
    }
    virDomainSnapshotFree(st.edited);
    return rc;
}

/* ---- snapshot-info, snapshot-parent --------------------------------------- */

struct which_args {
    const char *domain, *snapshotname;
    bool current;
};

static int cmd_snapshot_info(struct shell *sh, void *opaque)
{
    struct which_args *a = opaque;
    _cleanup_domain_ virDomainPtr d = NULL;
    _cleanup_snapshot_ virDomainSnapshotPtr m = moment_find(sh, K, a->domain, a->snapshotname, a->current, &d);
    if (!m)
        return CMD_FAILED;
    const char *name = virDomainSnapshotGetName(m);
    int current = virDomainSnapshotIsCurrent(m, 0);
    _cleanup_free_ char *xml = current >= 0 ? virDomainSnapshotGetXMLDesc(m, 0) : NULL;
    int children = xml ? virDomainSnapshotNumChildren(m, 0) : -1;
    int descendants = children >= 0 ? virDomainSnapshotNumChildren(m, VIR_DOMAIN_SNAPSHOT_LIST_DESCENDANTS)
                                    : -1;
    int metadata = descendants >= 0 ? virDomainSnapshotHasMetadata(m, 0) : -1;
    if (metadata < 0) {
        err_libvirt(sh, "cannot get the information of snapshot '%s'", name);
        return CMD_FAILED;
    }
    char why[200];
    struct moment_info info;
    if (moment_info_parse(xml, 0, &info, why, sizeof(why)) < 0) {
        return error(sh, "cannot read the XML of snapshot '%s': %s", name, why);
    }
    _cleanup_json_ struct json_object *o = json_object_new_object();
    json_object_object_add(o, "name", json_object_new_string(name));
    json_object_object_add(o, "domain", json_object_new_string(virDomainGetName(d)));
    json_object_object_add(o, "current", json_object_new_boolean(current));
    json_object_object_add(o, "state", info.state ? json_object_new_string(info.state) : NULL);
    json_object_object_add(o, "location",
                           json_object_new_string(moment_info_external(&info) ? "external"
                                                                              : "internal"));
    json_object_object_add(o, "parent", info.parent ? json_object_new_string(info.parent) : NULL);
    json_object_object_add(o, "children", json_object_new_int(children));
    json_object_object_add(o, "descendants", json_object_new_int(descendants));
    json_object_object_add(o, "metadata", json_object_new_boolean(metadata));
    _cleanup_free_ char *text = xasprintf(
        "%-15s %s\n%-15s %s\n%-15s %s\n%-15s %s\n%-15s %s\n%-15s %s\n%-15s %d\n%-15s %d\n"
        "%-15s %s\n",
        "Name:", name, "Domain:", virDomainGetName(d), "Current:", current ? "yes" : "no",
        "State:", info.state ? info.state : "", "Location:",
        moment_info_external(&info) ? "external" : "internal", "Parent:",
        info.parent ? info.parent : "-", "Children:", children, "Descendants:", descendants,
        "Metadata:", metadata ? "yes" : "no");
    out_value(&sh->out, o, text);
    moment_info_clear(&info);
    return CMD_OK;
}

static int cmd_snapshot_parent(struct shell *sh, void *opaque)
{
    struct which_args *a = opaque;
    _cleanup_domain_ virDomainPtr d = NULL;
    _cleanup_snapshot_ virDomainSnapshotPtr m = moment_find(sh, K, a->domain, a->snapshotname, a->current, &d);
    if (!m)
        return CMD_FAILED;
    _cleanup_free_ char *name = xstrdup(virDomainSnapshotGetName(m));
    _cleanup_free_ char *parent = NULL;
    int rc = moment_parent_name(K, m, &parent);
    if (rc < 0)
        return err_libvirt(sh, "cannot get the parent of snapshot '%s'", name);
    if (!parent)
        return error(sh, "snapshot '%s' has no parent", name);
    _cleanup_json_ struct json_object *o = json_object_new_object();
    json_object_object_add(o, "name", json_object_new_string(name));
    json_object_object_add(o, "parent", json_object_new_string(parent));
    out_value(&sh->out, o, parent);
    out_line_ends_command(&sh->out); /* virsh prints it without a newline */
    return CMD_OK;
}

/* ---- the table ------------------------------------------------------------- */

#define SNAP_ARG(st, what) \
    OPT_STRING(st, "snapshotname", snapshotname, what, .flags = OPT_POSITIONAL, \
               .complete = COMPL_SNAPSHOT, .excl = EXCL(0))
#define CURRENT_FLAG(st, what) OPT_FLAG(st, "current", current, what, .excl = EXCL(0))

#define CREATE_FLAGS(st) \
    OPT_FLAG(st, "no-metadata", f.no_metadata, "take the snapshot but keep no metadata of it"), \
    OPT_FLAG(st, "halt", f.halt, "stop the domain once the snapshot is taken"), \
    OPT_FLAG(st, "disk-only", f.disk_only, "the disks only, not the memory"), \
    OPT_FLAG(st, "reuse-external", f.reuse_external, "use existing external files as they are"), \
    OPT_FLAG(st, "quiesce", f.quiesce, \
             "freeze the guest's file systems meanwhile (needs its guest agent)"), \
    OPT_FLAG(st, "atomic", f.atomic, "all or nothing: no partial snapshot"), \
    OPT_FLAG(st, "live", f.live, "let the guest run while the memory is saved"), \
    OPT_FLAG(st, "validate", f.validate, "validate the XML against the schema")

#define INFO_FIELDS_RESULT \
    RESULT_OBJECT({ "name", RT_STRING, "the snapshot" }, \
                  { "domain", RT_STRING, "its domain" }, \
                  { "current", RT_BOOL, "whether it is the current snapshot" }, \
                  { "state", RT_STRING | RT_NULL, "the domain's state it holds (running, shutoff, " \
                    "disk-snapshot, ...)" }, \
                  { "location", RT_STRING, "internal or external" }, \
                  { "parent", RT_STRING | RT_NULL, "its parent, null for a root" }, \
                  { "children", RT_INT, "how many children it has" }, \
                  { "descendants", RT_INT, "how many descendants it has" }, \
                  { "metadata", RT_BOOL, "whether libvirt keeps metadata of it" })

const struct cmd_group cmd_group_snapshot = {
    .name = "snapshot",
    .title = "Snapshots",
    .more = (const struct cmd_def *const[]){ snapshot_list_cmds, snapshot_revert_cmds, NULL },
    .cmds = (const struct cmd_def[]){
        { .name = "snapshot-create", .summary = "create a snapshot from XML",
          .desc = "Create a snapshot of the domain (disks and memory of a running one) as an XML "
                  "file describes it, or with no file as libvirt chooses.  A running domain's "
                  "memory is saved with a progress line on a terminal; Ctrl-C aborts.  With "
                  "--quiesce the guest agent is asked first: if it does not answer, nothing is "
                  "made.  JSON: domain, name, result \"created\".",
          .run = cmd_snapshot_create, .args_size = sizeof(struct create_args),
          .flags = CMD_MODIFIES,
          .opts = OPTS(ARG_DOMAIN(struct create_args, domain, COMPL_DOMAIN),
                       OPT_STRING(struct create_args, "xmlfile", xmlfile, "the snapshot's XML",
                                  .flags = OPT_POSITIONAL, .metavar = "FILE",
                                  .complete = COMPL_FILE),
                       OPT_FLAG(struct create_args, "redefine", redefine,
                                "redefine the metadata of an existing snapshot"),
                       OPT_FLAG(struct create_args, "current", current,
                                "with --redefine, make it the current snapshot",
                                .needs = "redefine"),
                       CREATE_FLAGS(struct create_args)),
          .result = SNAPSHOT_REPORT_RESULT("created") },
        { .name = "snapshot-create-as", .summary = "create a snapshot from options",
          .desc = "Create a snapshot named NAME (libvirt picks one if none) described by the "
                  "options: --memspec [file=]PATH[,snapshot=TYPE] for the memory, --diskspec "
                  "DISK[,snapshot=TYPE][,driver=FORMAT][,stype=file|block][,file=PATH] for each "
                  "disk (a comma inside a value is written \",,\").  --print-xml prints the XML "
                  "instead.  As snapshot-create for progress, Ctrl-C and --quiesce.  JSON: domain, "
                  "name, result \"created\"; with --print-xml {\"xml\": TEXT}.",
          .run = cmd_snapshot_create_as, .args_size = sizeof(struct create_as_args),
          .flags = CMD_MODIFIES,
          .opts = OPTS(ARG_DOMAIN(struct create_as_args, domain, COMPL_DOMAIN),
                       OPT_STRING(struct create_as_args, "name", name, "the snapshot's name",
                                  .flags = OPT_POSITIONAL),
                       OPT_STRING(struct create_as_args, "description", description,
                                  "its description", .flags = OPT_POSITIONAL),
                       OPT_FLAG(struct create_as_args, "print-xml", print_xml,
                                "print the XML rather than create the snapshot"),
                       CREATE_FLAGS(struct create_as_args),
                       OPT_STRING(struct create_as_args, "memspec", memspec,
                                  "the memory: [file=]PATH[,snapshot=TYPE]", .metavar = "SPEC"),
                       OPT_LIST(struct create_as_args, "diskspec", diskspec,
                                "a disk: DISK[,snapshot=TYPE][,driver=FORMAT][,stype=file|block]"
                                "[,file=PATH]", .metavar = "SPEC"),
                       /* virsh also takes them as plain words */
                       OPT_ARGV(struct create_as_args, "diskspecs", diskspec_words,
                                "the same as plain words", .flags = OPT_HIDDEN, .metavar = "SPEC")),
          .result = RESULT_OR(RESULT_OBJECT({ "xml", RT_STRING, "--print-xml: the XML" }), RS_OBJECT,
                              { "domain", RT_STRING, "the domain" },
                              { "name", RT_STRING, "the snapshot" },
                              { "result", RT_STRING, "created" }) },
        { .name = "snapshot-current", .summary = "show or set the current snapshot",
          .desc = "Print the current snapshot's XML, or with --name its name.  With a snapshot "
                  "name, make that one the current snapshot.  JSON: domain, name and, without "
                  "--name, xml; when setting, domain, name and result \"current\".",
          .run = cmd_snapshot_current, .args_size = sizeof(struct current_args),
          .opts = OPTS(ARG_DOMAIN(struct current_args, domain, COMPL_DOMAIN),
                       OPT_FLAG(struct current_args, "name", name, "print its name, not its XML",
                                .excl = EXCL(0)),
                       OPT_FLAG(struct current_args, "security-info", security_info,
                                "include security-sensitive data in the XML"),
                       OPT_STRING(struct current_args, "snapshotname", snapshotname,
                                  "make this snapshot the current one", .flags = OPT_POSITIONAL | OPT_MODIFIES,
                                  .complete = COMPL_SNAPSHOT, .excl = EXCL(0))),
          .result = RESULT_OBJECT({ "domain", RT_STRING, "the domain" },
                                  { "name", RT_STRING, "the current snapshot" },
                                  { "xml", RT_STRING | RT_OPTIONAL, "without --name: its XML" },
                                  { "result", RT_STRING | RT_OPTIONAL,
                                    "with a snapshot name: \"current\"" }) },
        { .name = "snapshot-dumpxml", .summary = "print a snapshot's XML",
          .desc = "Print the snapshot's XML, or with --xpath what the expression selects in it "
                  "(as dumpxml).  JSON: {\"xml\": TEXT}, {\"nodes\": [...]} or {\"value\": ...}.",
          .run = cmd_snapshot_dumpxml, .args_size = sizeof(struct dumpxml_args),
          .opts = OPTS(ARG_DOMAIN(struct dumpxml_args, domain, COMPL_DOMAIN),
                       OPT_STRING(struct dumpxml_args, "snapshotname", snapshotname,
                                  "the snapshot", .flags = ARG_REQUIRED, .complete = COMPL_SNAPSHOT),
                       OPT_FLAG(struct dumpxml_args, "security-info", security_info,
                                "include security-sensitive data"),
                       XMLOPTS_XPATH(struct dumpxml_args)),
          .result = XMLOPTS_RESULT },
        { .name = "snapshot-edit", .summary = "edit a snapshot's XML",
          .desc = "Open the snapshot's XML in $VISUAL, $EDITOR or vi and redefine the snapshot "
                  "from the result.  --current also makes it the current snapshot.  An edit that "
                  "changes the name needs --rename (the old name goes) or --clone (both stay).  "
                  "JSON: domain, name, result \"edited\", \"unchanged\", \"renamed\" or \"cloned\".",
          .run = cmd_snapshot_edit, .args_size = sizeof(struct edit_args), .flags = CMD_MODIFIES,
          .needs = "snapshotname|current",
          .opts = OPTS(ARG_DOMAIN(struct edit_args, domain, COMPL_DOMAIN),
                       OPT_STRING(struct edit_args, "snapshotname", snapshotname, "the snapshot",
                                  .flags = OPT_POSITIONAL, .complete = COMPL_SNAPSHOT),
                       OPT_FLAG(struct edit_args, "current", current,
                                "edit the current snapshot; with a name, make it the current one"),
                       OPT_FLAG(struct edit_args, "rename", rename,
                                "the edit may rename the snapshot", .excl = EXCL(1)),
                       OPT_FLAG(struct edit_args, "clone", clone,
                                "the edit may copy the snapshot to a new name", .excl = EXCL(1))),
          .result = SNAPSHOT_REPORT_RESULT("edited, unchanged, renamed or cloned") },
        { .name = "snapshot-info", .summary = "show what a snapshot is",
          .desc = "Name, domain, whether it is the current one, the state it holds, where it is "
                  "kept (internal or external), its parent, how many children and descendants it "
                  "has, and whether libvirt keeps metadata of it.",
          .run = cmd_snapshot_info, .args_size = sizeof(struct which_args),
          .needs = "snapshotname|current",
          .opts = OPTS(ARG_DOMAIN(struct which_args, domain, COMPL_DOMAIN),
                       SNAP_ARG(struct which_args, "the snapshot"),
                       CURRENT_FLAG(struct which_args, "the current snapshot")),
          .result = INFO_FIELDS_RESULT },
        { .name = "snapshot-parent", .summary = "print the name of a snapshot's parent",
          .desc = "A snapshot without a parent is an error.  JSON: name and parent.",
          .run = cmd_snapshot_parent, .args_size = sizeof(struct which_args),
          .needs = "snapshotname|current",
          .opts = OPTS(ARG_DOMAIN(struct which_args, domain, COMPL_DOMAIN),
                       SNAP_ARG(struct which_args, "the snapshot"),
                       CURRENT_FLAG(struct which_args, "the current snapshot")),
          .result = RESULT_OBJECT({ "name", RT_STRING, "the snapshot" },
                                  { "parent", RT_STRING, "its parent" }) },
        { 0 },
    },
};
