/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * cmd/checkpoint.c - the checkpoint group: checkpoint-create,
 * checkpoint-create-as, checkpoint-delete, checkpoint-dumpxml,
 * checkpoint-edit, checkpoint-info, checkpoint-list, checkpoint-parent.
 * A checkpoint marks the disks' state for a later incremental backup
 * (backup-begin with <incremental>).
 */
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

#include "core/strbuf.h"
#include "core/strv.h"
#include "core/util.h"
#include "core/xmlwrite.h"
#include "virt/conn.h"
#include "virt/context.h"
#include "virt/domain.h"
#include "virt/err.h"
#include "virt/moment.h"
#include "virt/xmlout.h"
#include "cmd/groups.h"
#include "cmd/xmlopts.h"
#include "cmd/moment-list.h"
#include "cmd/snapshot.h"
#include "cmd/xmledit.h"

static const struct moment_kind *const K = &moment_checkpoint;

static int report(struct shell *sh, virDomainPtr d, const char *name, const char *result,
                  const char *text)
{
    return snapshot_report(sh, d, name, result, text);
}

/* The domain and its checkpoint `name`; NULL with the error recorded. */
static virDomainCheckpointPtr lookup(struct shell *sh, const char *domain, const char *name,
                                     virDomainPtr *ret_dom)
{
    return moment_find(sh, K, domain, name, false, ret_dom);
}

/* ---- checkpoint-create, checkpoint-create-as ------------------------------ */

static int cp_create(struct shell *sh, virDomainPtr d, const char *xml, unsigned int flags,
                     const char *from)
{
    if ((flags & VIR_DOMAIN_CHECKPOINT_CREATE_QUIESCE) && snapshot_check_agent(sh, d))
        return CMD_FAILED;
    _cleanup_checkpoint_ virDomainCheckpointPtr cp = virDomainCheckpointCreateXML(d, xml, flags);
    if (!cp)
        return err_libvirt(sh, "cannot create a checkpoint of domain '%s'", virDomainGetName(d));
    conn_state_changed(sh);
    _cleanup_free_ char *name = xstrdup(virDomainCheckpointGetName(cp));
    _cleanup_free_ char *text = from ? xasprintf("Domain checkpoint %s created from '%s'", name, from)
                                     : xasprintf("Domain checkpoint %s created", name);
    return report(sh, d, name, "created", text);
}

struct create_args {
    const char *domain, *xmlfile;
    bool redefine, redefine_validate, quiesce;
};

static int cmd_checkpoint_create(struct shell *sh, void *opaque)
{
    struct create_args *a = opaque;
    unsigned int flags = (a->redefine ? VIR_DOMAIN_CHECKPOINT_CREATE_REDEFINE : 0) |
                         (a->redefine_validate ? VIR_DOMAIN_CHECKPOINT_CREATE_REDEFINE_VALIDATE : 0) |
                         (a->quiesce ? VIR_DOMAIN_CHECKPOINT_CREATE_QUIESCE : 0);
    _cleanup_domain_ virDomainPtr d = conn_lookup_domain(sh, a->domain);
    if (!d)
        return CMD_FAILED;
    _cleanup_free_ char *xml = a->xmlfile ? domain_read_xml_file(sh, a->xmlfile)
                                          : xstrdup("<domaincheckpoint/>");
    if (!xml)
        return CMD_FAILED;
    return cp_create(sh, d, xml, flags, a->xmlfile);
}

struct create_as_args {
    const char *domain, *name, *description;
    bool print_xml, quiesce;
    struct strv diskspec, diskspec_words;
};

/* --diskspec DISK[,checkpoint=TYPE][,bitmap=NAME] as <disk/>. */
static int add_diskspec(struct shell *sh, struct strbuf *b, const char *spec)
{
    _cleanup_strv_ struct strv parts = { 0 };
    const char *checkpoint = NULL, *bitmap = NULL;
    spec_split(spec, &parts);
    if (!*parts.v[0])
        return usage_error(sh, "invalid diskspec '%s': it must start with a disk name", spec);
    for (size_t i = 1; i < parts.n; i++)
        if (!spec_take(parts.v[i], "checkpoint", &checkpoint) &&
            !spec_take(parts.v[i], "bitmap", &bitmap))
            return usage_error(sh, "invalid diskspec '%s': expected DISK[,checkpoint=TYPE]"
                               "[,bitmap=NAME]", spec);
    strbuf_add(b, "    <disk");
    xmlw_attr(b, "name", parts.v[0]);
    xmlw_attr(b, "checkpoint", checkpoint);
    xmlw_attr(b, "bitmap", bitmap);
    strbuf_add(b, "/>\n");
    return CMD_OK;
}

static int cmd_checkpoint_create_as(struct shell *sh, void *opaque)
{
    struct create_as_args *a = opaque;
    _cleanup_strbuf_ struct strbuf b = { 0 };
    const struct moment_xml x = { .root = "domaincheckpoint", .name = a->name,
                                  .description = a->description, .diskspec = &a->diskspec,
                                  .words = &a->diskspec_words, .add_disk = add_diskspec };
    if (moment_xml_build(sh, &x, &b))
        return CMD_USAGE;
    _cleanup_domain_ virDomainPtr d = conn_lookup_domain(sh, a->domain);
    if (!d)
        return CMD_FAILED;
    if (a->print_xml)
        return moment_xml_print(sh, strbuf_str(&b));
    return cp_create(sh, d, strbuf_str(&b),
                     a->quiesce ? VIR_DOMAIN_CHECKPOINT_CREATE_QUIESCE : 0, NULL);
}

/* ---- checkpoint-delete ------------------------------------------------------- */

struct delete_args {
    const char *domain, *checkpointname;
    bool children, children_only, metadata;
};

static int cmd_checkpoint_delete(struct shell *sh, void *opaque)
{
    struct delete_args *a = opaque;
    _cleanup_domain_ virDomainPtr d = NULL;
    _cleanup_checkpoint_ virDomainCheckpointPtr cp = lookup(sh, a->domain, a->checkpointname, &d);
    if (!cp)
        return CMD_FAILED;
    unsigned int flags = (a->children ? VIR_DOMAIN_CHECKPOINT_DELETE_CHILDREN : 0) |
                         (a->children_only ? VIR_DOMAIN_CHECKPOINT_DELETE_CHILDREN_ONLY : 0) |
                         (a->metadata ? VIR_DOMAIN_CHECKPOINT_DELETE_METADATA_ONLY : 0);
    int rc = virDomainCheckpointDelete(cp, flags);
    if (rc < 0)
        err_libvirt(sh, "cannot delete checkpoint '%s' of domain '%s'", a->checkpointname,
                    a->domain);
    conn_state_changed(sh);
    if (rc < 0)
        return CMD_FAILED;
    _cleanup_free_ char *text =
        a->children_only ? xasprintf("Domain checkpoint %s children deleted", a->checkpointname)
                         : xasprintf("Domain checkpoint %s deleted", a->checkpointname);
    return report(sh, d, a->checkpointname, a->children_only ? "children_deleted" : "deleted",
                  text);
}

/* ---- checkpoint-dumpxml ------------------------------------------------------- */

struct dumpxml_args {
    const char *domain, *checkpointname;
    bool security_info, no_domain, size;
    const char *xpath;
    bool wrap;
};

static int cmd_checkpoint_dumpxml(struct shell *sh, void *opaque)
{
    struct dumpxml_args *a = opaque;
    _cleanup_domain_ virDomainPtr d = NULL;
    _cleanup_checkpoint_ virDomainCheckpointPtr cp = lookup(sh, a->domain, a->checkpointname, &d);
    if (!cp)
        return CMD_FAILED;
    unsigned int flags = (a->security_info ? VIR_DOMAIN_CHECKPOINT_XML_SECURE : 0) |
                         (a->no_domain ? VIR_DOMAIN_CHECKPOINT_XML_NO_DOMAIN : 0) |
                         (a->size ? VIR_DOMAIN_CHECKPOINT_XML_SIZE : 0);
    _cleanup_free_ char *xml = virDomainCheckpointGetXMLDesc(cp, flags);
    if (!xml)
        return err_libvirt(sh, "cannot get the XML of checkpoint '%s'", a->checkpointname);
    return xmlout_print(sh, xml, a->xpath, a->wrap);
}

/* ---- checkpoint-edit ------------------------------------------------------------ */

struct edit_args {
    const char *domain, *checkpointname;
};

struct edit_state {
    virDomainPtr d;
    const char *name;
    char *newname;
};

static char *edit_apply(struct shell *sh, const char *edited, void *opaque, bool *fatal)
{
    struct edit_state *st = opaque;
    (void)fatal;
    _cleanup_checkpoint_ virDomainCheckpointPtr cp =
        virDomainCheckpointCreateXML(st->d, edited, VIR_DOMAIN_CHECKPOINT_CREATE_REDEFINE);
    if (cp) {
        st->newname = xstrdup(virDomainCheckpointGetName(cp));
        return NULL;
    }
    err_libvirt(sh, "cannot redefine the checkpoint from the edited XML");
    char *why = xstrdup(sh->err.message);
    err_clear(sh);
    return why;
}

static int cmd_checkpoint_edit(struct shell *sh, void *opaque)
{
    struct edit_args *a = opaque;
    _cleanup_domain_ virDomainPtr d = NULL;
    _cleanup_checkpoint_ virDomainCheckpointPtr cp = lookup(sh, a->domain, a->checkpointname, &d);
    if (!cp)
        return CMD_FAILED;
    _cleanup_free_ char *orig = virDomainCheckpointGetXMLDesc(cp, VIR_DOMAIN_CHECKPOINT_XML_SECURE);
    if (!orig)
        return err_libvirt(sh, "cannot get the XML of checkpoint '%s'", a->checkpointname);
    struct edit_state st = { .d = d, .name = a->checkpointname };
    int rc = xmledit_run(sh, orig, false, edit_apply, &st);
    _cleanup_free_ char *newname = st.newname;
    if (rc == XMLEDIT_FAILED)
        return CMD_FAILED;
    if (rc == XMLEDIT_UNCHANGED) {
        _cleanup_free_ char *text = xasprintf("Checkpoint %s XML configuration not changed.",
                                              a->checkpointname);
        return report(sh, d, a->checkpointname, "unchanged", text);
    }
    conn_state_changed(sh);
    if (!str_eq(newname, a->checkpointname)) {
        /* A redefinition under another name made a second checkpoint: take it back. */
        _cleanup_checkpoint_ virDomainCheckpointPtr extra =
            virDomainCheckpointLookupByName(d, newname, 0);
        if (!extra || virDomainCheckpointDelete(extra, VIR_DOMAIN_CHECKPOINT_DELETE_METADATA_ONLY) < 0)
            return err_libvirt(sh, "the edit renamed checkpoint '%s' to '%s', which checkpoints "
                               "cannot be; removing '%s' failed: run 'checkpoint-delete %s %s "
                               "--metadata'", a->checkpointname, newname, newname, a->domain,
                               newname);
        return error(sh, "the edit renames checkpoint '%s' to '%s': checkpoints cannot be renamed",
                     a->checkpointname, newname);
    }
    _cleanup_free_ char *text = xasprintf("Checkpoint %s edited.", a->checkpointname);
    return report(sh, d, a->checkpointname, "edited", text);
}

/* ---- checkpoint-info, checkpoint-parent ------------------------------------------ */

struct which_args {
    const char *domain, *checkpointname;
};

static int cmd_checkpoint_info(struct shell *sh, void *opaque)
{
    struct which_args *a = opaque;
    _cleanup_domain_ virDomainPtr d = NULL;
    _cleanup_checkpoint_ virDomainCheckpointPtr cp = lookup(sh, a->domain, a->checkpointname, &d);
    if (!cp)
        return CMD_FAILED;
    _cleanup_free_ char *parent = NULL;
    int children = -1, descendants = -1;
    if (moment_parent_name(K, cp, &parent) == 0 &&
        (children = virDomainCheckpointListAllChildren(cp, NULL, 0)) >= 0)
        descendants = virDomainCheckpointListAllChildren(cp, NULL,
                                                         VIR_DOMAIN_CHECKPOINT_LIST_DESCENDANTS);
    if (descendants < 0)
        return err_libvirt(sh, "cannot get the information of checkpoint '%s'", a->checkpointname);
    _cleanup_json_ struct json_object *o = json_object_new_object();
    json_object_object_add(o, "name", json_object_new_string(a->checkpointname));
    json_object_object_add(o, "domain", json_object_new_string(virDomainGetName(d)));
    json_object_object_add(o, "parent", parent ? json_object_new_string(parent) : NULL);
    json_object_object_add(o, "children", json_object_new_int(children));
    json_object_object_add(o, "descendants", json_object_new_int(descendants));
    _cleanup_free_ char *text = xasprintf("%-15s %s\n%-15s %s\n%-15s %s\n%-15s %d\n%-15s %d\n",
                                          "Name:", a->checkpointname, "Domain:", virDomainGetName(d),
                                          "Parent:", parent ? parent : "-", "Children:", children,
                                          "Descendants:", descendants);
    out_value(&sh->out, o, text);
    return CMD_OK;
}

static int cmd_checkpoint_parent(struct shell *sh, void *opaque)
{
    struct which_args *a = opaque;
    _cleanup_domain_ virDomainPtr d = NULL;
    _cleanup_checkpoint_ virDomainCheckpointPtr cp = lookup(sh, a->domain, a->checkpointname, &d);
    if (!cp)
        return CMD_FAILED;
    _cleanup_free_ char *parent = NULL;
    int rc = moment_parent_name(K, cp, &parent);
    if (rc < 0)
        return err_libvirt(sh, "cannot get the parent of checkpoint '%s'", a->checkpointname);
    if (!parent)
        return error(sh, "checkpoint '%s' has no parent", a->checkpointname);
    _cleanup_json_ struct json_object *o = json_object_new_object();
    json_object_object_add(o, "name", json_object_new_string(a->checkpointname));
    json_object_object_add(o, "parent", json_object_new_string(parent));
    out_value(&sh->out, o, parent);
    out_line_ends_command(&sh->out); /* virsh prints it without a newline */
    return CMD_OK;
}

/* ---- checkpoint-list ----------------------------------------------------------------- */

struct list_args {
    const char *domain;
    bool parent, roots, leaves, no_leaves, tree;
    const char *from;
    bool descendants, name, topological;
};

static void json_fields(struct json_object *o, const struct moment_entry *e)
{
    const struct moment_info *i = &e->info;
    json_object_object_add(o, "creation_time_s",
                           i->creation_time >= 0 ? json_object_new_int64(i->creation_time) : NULL);
    json_object_object_add(o, "description",
                           i->description ? json_object_new_string(i->description) : NULL);
}

static void text_fields(struct json_object *o, const struct moment_entry *e)
{
    char when[64];
    moment_time_text(e->info.creation_time, when, sizeof(when));
    json_object_object_add(o, "time", json_object_new_string(when));
}

static const struct moment_list_view view = {
    .kind = &moment_checkpoint,
    .json_fields = json_fields,
    .text_fields = text_fields,
    .cols = (const struct out_col[]){
        { "name", "Name", FMT_PLAIN, NULL },
        { "time", "Creation Time", FMT_PLAIN, NULL },
        { "parent", "Parent", FMT_PLAIN, NULL },
    },
    .ncols = 2,
};

static int cmd_checkpoint_list(struct shell *sh, void *opaque)
{
    struct list_args *a = opaque;
    unsigned int flags = (a->roots ? VIR_DOMAIN_CHECKPOINT_LIST_ROOTS : 0) |
                         (a->leaves ? VIR_DOMAIN_CHECKPOINT_LIST_LEAVES : 0) |
                         (a->no_leaves ? VIR_DOMAIN_CHECKPOINT_LIST_NO_LEAVES : 0) |
                         (a->descendants ? VIR_DOMAIN_CHECKPOINT_LIST_DESCENDANTS : 0) |
                         (a->topological ? VIR_DOMAIN_CHECKPOINT_LIST_TOPOLOGICAL : 0);
    struct moment_list_req req = {
        .domain = a->domain, .from = a->from, .flags = flags, .tree = a->tree, .names = a->name,
        .parent_column = a->parent, .keep_order = a->topological,
        .filtered = a->roots || a->leaves || a->no_leaves,
        .descendants_flag = VIR_DOMAIN_CHECKPOINT_LIST_DESCENDANTS,
    };
    return moment_list_run(sh, &view, &req);
}

/* ---- the table ------------------------------------------------------------------------ */

#define CP_ARG(st, what) \
    OPT_STRING(st, "checkpointname", checkpointname, what, \
               .flags = ARG_REQUIRED | OPT_REQUIRED_LATE, \
               .complete = COMPL_CHECKPOINT)

#define CP_REPORT_RESULT(what) \
    RESULT_OBJECT({ "domain", RT_STRING, "the domain" }, \
                  { "name", RT_STRING, "the checkpoint" }, \
                  { "result", RT_STRING, what })

const struct cmd_group cmd_group_checkpoint = {
    .name = "checkpoint",
    .title = "Checkpoints",
    .cmds = (const struct cmd_def[]){
        { .name = "checkpoint-create", .summary = "create a checkpoint from XML",
          .desc = "Mark the state of the domain's disks (a bitmap in each qcow2 image) for a "
                  "later incremental backup, as an XML file describes it or as libvirt chooses.  "
                  "With --quiesce the guest agent is asked first.  JSON: domain, name, result "
                  "\"created\".",
          .run = cmd_checkpoint_create, .args_size = sizeof(struct create_args),
          .flags = CMD_MODIFIES,
          .opts = OPTS(ARG_DOMAIN(struct create_args, domain, COMPL_DOMAIN),
                       OPT_STRING(struct create_args, "xmlfile", xmlfile, "the checkpoint's XML",
                                  .flags = OPT_POSITIONAL, .metavar = "FILE", .complete = COMPL_FILE),
                       OPT_FLAG(struct create_args, "redefine", redefine,
                                "redefine the metadata of an existing checkpoint"),
                       OPT_FLAG(struct create_args, "redefine-validate", redefine_validate,
                                "with --redefine, check the disks' bitmaps", .needs = "redefine"),
                       OPT_FLAG(struct create_args, "quiesce", quiesce,
                                "freeze the guest's file systems meanwhile (needs its guest agent)")),
          .result = CP_REPORT_RESULT("created") },
        { .name = "checkpoint-create-as", .summary = "create a checkpoint from options",
          .desc = "Create a checkpoint named NAME (libvirt picks one if none); --diskspec "
                  "DISK[,checkpoint=TYPE][,bitmap=NAME] for each disk.  --print-xml prints the "
                  "XML instead.  JSON: domain, name, result \"created\"; with --print-xml "
                  "{\"xml\": TEXT}.",
          .run = cmd_checkpoint_create_as, .args_size = sizeof(struct create_as_args),
          .flags = CMD_MODIFIES,
          .opts = OPTS(ARG_DOMAIN(struct create_as_args, domain, COMPL_DOMAIN),
                       OPT_STRING(struct create_as_args, "name", name, "the checkpoint's name",
                                  .flags = OPT_POSITIONAL),
                       OPT_STRING(struct create_as_args, "description", description,
                                  "its description", .flags = OPT_POSITIONAL),
                       OPT_FLAG(struct create_as_args, "print-xml", print_xml,
                                "print the XML rather than create the checkpoint"),
                       OPT_FLAG(struct create_as_args, "quiesce", quiesce,
                                "freeze the guest's file systems meanwhile (needs its guest agent)"),
                       OPT_LIST(struct create_as_args, "diskspec", diskspec,
                                "a disk: DISK[,checkpoint=TYPE][,bitmap=NAME]", .metavar = "SPEC"),
                       /* virsh also takes them as plain words */
                       OPT_ARGV(struct create_as_args, "diskspecs", diskspec_words,
                                "the same as plain words", .flags = OPT_HIDDEN, .metavar = "SPEC")),
          .result = RESULT_OR(RESULT_OBJECT({ "xml", RT_STRING, "--print-xml: the XML" }), RS_OBJECT,
                              { "domain", RT_STRING, "the domain" },
                              { "name", RT_STRING, "the checkpoint" },
                              { "result", RT_STRING, "created" }) },
        { .name = "checkpoint-delete", .summary = "delete a checkpoint",
          .desc = "Delete the checkpoint (--children: with all below it; --children-only: only "
                  "those), its bitmaps merged into the parent's, or with --metadata only "
                  "libvirt's record of it.  JSON: domain, name, result \"deleted\" or "
                  "\"children_deleted\".",
          .run = cmd_checkpoint_delete, .args_size = sizeof(struct delete_args),
          .flags = CMD_MODIFIES,
          .opts = OPTS(ARG_DOMAIN(struct delete_args, domain, COMPL_DOMAIN),
                       CP_ARG(struct delete_args, "the checkpoint"),
                       OPT_FLAG(struct delete_args, "children", children,
                                "also delete every checkpoint below it", .excl = EXCL(0)),
                       OPT_FLAG(struct delete_args, "children-only", children_only,
                                "delete only the checkpoints below it", .excl = EXCL(0)),
                       OPT_FLAG(struct delete_args, "metadata", metadata,
                                "delete only libvirt's metadata, keep the bitmaps")),
          .result = CP_REPORT_RESULT("deleted or children_deleted") },
        { .name = "checkpoint-dumpxml", .summary = "print a checkpoint's XML",
          .desc = "Print the checkpoint's XML (--no-domain: without the domain's, --size: with "
                  "an estimate of what an incremental backup from it holds), or with --xpath "
                  "what the expression selects.  JSON as dumpxml.",
          .run = cmd_checkpoint_dumpxml, .args_size = sizeof(struct dumpxml_args),
          .opts = OPTS(ARG_DOMAIN(struct dumpxml_args, domain, COMPL_DOMAIN),
                       CP_ARG(struct dumpxml_args, "the checkpoint"),
                       OPT_FLAG(struct dumpxml_args, "security-info", security_info,
                                "include security-sensitive data"),
                       OPT_FLAG(struct dumpxml_args, "no-domain", no_domain,
                                "leave the domain's XML out"),
                       OPT_FLAG(struct dumpxml_args, "size", size,
                                "include the size a backup from it would have"),
                       XMLOPTS_XPATH(struct dumpxml_args)),
          .result = XMLOPTS_RESULT },
        { .name = "checkpoint-edit", .summary = "edit a checkpoint's XML",
          .desc = "Open the checkpoint's XML in $VISUAL, $EDITOR or vi and redefine the "
                  "checkpoint from the result (its description, mostly).  JSON: domain, name, "
                  "result \"edited\" or \"unchanged\".",
          .run = cmd_checkpoint_edit, .args_size = sizeof(struct edit_args), .flags = CMD_MODIFIES,
          .opts = OPTS(ARG_DOMAIN(struct edit_args, domain, COMPL_DOMAIN),
                       CP_ARG(struct edit_args, "the checkpoint")),
          .result = CP_REPORT_RESULT("edited or unchanged") },
        { .name = "checkpoint-info", .summary = "show what a checkpoint is",
          .desc = "Name, domain, parent, how many children and descendants it has.",
          .run = cmd_checkpoint_info, .args_size = sizeof(struct which_args),
          .opts = OPTS(ARG_DOMAIN(struct which_args, domain, COMPL_DOMAIN),
                       CP_ARG(struct which_args, "the checkpoint")),
          .result = RESULT_OBJECT({ "name", RT_STRING, "the checkpoint" },
                                  { "domain", RT_STRING, "its domain" },
                                  { "parent", RT_STRING | RT_NULL, "its parent, null for a root" },
                                  { "children", RT_INT, "how many children it has" },
                                  { "descendants", RT_INT, "how many descendants it has" }) },
        { .name = "checkpoint-list", .summary = "list a domain's checkpoints",
          .desc = "A table of the checkpoints (name, creation time; --parent adds the parent), "
                  "their names (--name) or their tree (--tree); --from NAME lists the children "
                  "of one (--descendants: all below it).  JSON: one object per checkpoint with "
                  "its parent and children; with --name the names.",
          .run = cmd_checkpoint_list, .args_size = sizeof(struct list_args),
          .opts = OPTS(ARG_DOMAIN(struct list_args, domain, COMPL_DOMAIN),
                       OPT_FLAG(struct list_args, "parent", parent, "add a column with the parent",
                                .excl = EXCL(1) | EXCL(2)),
                       OPT_FLAG(struct list_args, "roots", roots,
                                "only checkpoints without a parent",
                                .excl = EXCL(1) | EXCL(3) | EXCL(4)),
                       OPT_FLAG(struct list_args, "leaves", leaves,
                                "only checkpoints without children", .excl = EXCL(5)),
                       OPT_FLAG(struct list_args, "no-leaves", no_leaves,
                                "only checkpoints with children", .excl = EXCL(6)),
                       OPT_FLAG(struct list_args, "tree", tree, "draw the checkpoints as a tree",
                                .excl = EXCL(0) | EXCL(2) | EXCL(3) | EXCL(5) | EXCL(6)),
                       OPT_STRING(struct list_args, "from", from,
                                  "only the children of this checkpoint", .flags = OPT_POSITIONAL,
                                  .complete = COMPL_CHECKPOINT, .excl = EXCL(4)),
                       OPT_FLAG(struct list_args, "descendants", descendants,
                                "with --from: every checkpoint below it", .needs = "from"),
                       OPT_FLAG(struct list_args, "name", name, "print the names only",
                                .excl = EXCL(0)),
                       OPT_FLAG(struct list_args, "topological", topological,
                                "parents before children rather than by name")),
          .result = RESULT_OR(RESULT_VALUES, RS_ARRAY,
                              { "name", RT_STRING, "the checkpoint" },
                              { "creation_time_s", RT_INT | RT_NULL, "when it was made, in seconds "
                                "since 1970-01-01 UTC" },
                              { "description", RT_STRING | RT_NULL, "its description" },
                              { "parent", RT_STRING | RT_NULL, "its parent, null for a root" },
                              { "children", RT_ARRAY, "its children's names" },
                              { "children[]", RT_STRING, "a child" }) },
        { .name = "checkpoint-parent", .summary = "print the name of a checkpoint's parent",
          .desc = "A checkpoint without a parent is an error.  JSON: name and parent.",
          .run = cmd_checkpoint_parent, .args_size = sizeof(struct which_args),
          .opts = OPTS(ARG_DOMAIN(struct which_args, domain, COMPL_DOMAIN),
                       CP_ARG(struct which_args, "the checkpoint")),
          .result = RESULT_OBJECT({ "name", RT_STRING, "the checkpoint" },
                                  { "parent", RT_STRING, "its parent" }) },
        { 0 },
    },
};
