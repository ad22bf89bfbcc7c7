/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * cmd/snapshot-list.c - snapshot-list: a table, names, or the tree; JSON
 * gives every snapshot with its parent and children, so a script gets the
 * whole tree in one call.  The listing is one call, then one per snapshot
 * (its XML, or for --tree only its parent), several in flight at once.
 */
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

#include "core/tree.h"
#include "core/util.h"
#include "virt/conn.h"
#include "virt/context.h"
#include "virt/err.h"
#include "virt/moment.h"
#include "cmd/moment-list.h"
#include "cmd/snapshot.h"

struct list_args {
    const char *domain;
    bool parent, roots, leaves, no_leaves, metadata, no_metadata, inactive, active, disk_only;
    bool internal, external, tree;
    const char *from;
    bool current, descendants, name, topological;
};

static unsigned int list_flags(const struct list_args *a)
{
    static const struct {
        size_t off;
        unsigned int flag;
    } map[] = {
        { offsetof(struct list_args, roots), VIR_DOMAIN_SNAPSHOT_LIST_ROOTS },
        { offsetof(struct list_args, leaves), VIR_DOMAIN_SNAPSHOT_LIST_LEAVES },
        { offsetof(struct list_args, no_leaves), VIR_DOMAIN_SNAPSHOT_LIST_NO_LEAVES },
        { offsetof(struct list_args, metadata), VIR_DOMAIN_SNAPSHOT_LIST_METADATA },
        { offsetof(struct list_args, no_metadata), VIR_DOMAIN_SNAPSHOT_LIST_NO_METADATA },
        { offsetof(struct list_args, inactive), VIR_DOMAIN_SNAPSHOT_LIST_INACTIVE },
        { offsetof(struct list_args, active), VIR_DOMAIN_SNAPSHOT_LIST_ACTIVE },
        { offsetof(struct list_args, disk_only), VIR_DOMAIN_SNAPSHOT_LIST_DISK_ONLY },
        { offsetof(struct list_args, internal), VIR_DOMAIN_SNAPSHOT_LIST_INTERNAL },
        { offsetof(struct list_args, external), VIR_DOMAIN_SNAPSHOT_LIST_EXTERNAL },
        { offsetof(struct list_args, descendants), VIR_DOMAIN_SNAPSHOT_LIST_DESCENDANTS },
        { offsetof(struct list_args, topological), VIR_DOMAIN_SNAPSHOT_LIST_TOPOLOGICAL },
    };
    unsigned int f = 0;
    for (size_t i = 0; i < ARRAY_SIZE(map); i++)
        if (*(const bool *)((const char *)a + map[i].off))
            f |= map[i].flag;
    return f;
}

static const char *location(const struct moment_info *i)
{
    return moment_info_external(i) ? "external" : "internal";
}

/* JSON: the snapshot's own fields, beside name, parent and children. */
static void json_fields(struct json_object *o, const struct moment_entry *e)
{
    const struct moment_info *i = &e->info;
    json_object_object_add(o, "creation_time_s",
                           i->creation_time >= 0 ? json_object_new_int64(i->creation_time) : NULL);
    json_object_object_add(o, "state", i->state ? json_object_new_string(i->state) : NULL);
    json_object_object_add(o, "location", json_object_new_string(location(i)));
    json_object_object_add(o, "description",
                           i->description ? json_object_new_string(i->description) : NULL);
}

/* Text: a row of the table. */
static void text_fields(struct json_object *o, const struct moment_entry *e)
{
    char when[64];
    moment_time_text(e->info.creation_time, when, sizeof(when));
    json_object_object_add(o, "time", json_object_new_string(when));
    json_object_object_add(o, "state", json_object_new_string(e->info.state ? e->info.state : ""));
}

static const struct moment_list_view view = {
    .kind = &moment_snapshot,
    .json_fields = json_fields,
    .text_fields = text_fields,
    .cols = (const struct out_col[]){
        { "name", "Name", FMT_PLAIN, NULL },
        { "time", "Creation Time", FMT_PLAIN, NULL },
        { "state", "State", FMT_PLAIN, NULL },
        { "parent", "Parent", FMT_PLAIN, NULL },
    },
    .ncols = 3,
};

static int cmd_snapshot_list(struct shell *sh, void *opaque)
{
    struct list_args *a = opaque;
    struct moment_list_req req = {
        .domain = a->domain, .from = a->from, .current = a->current, .flags = list_flags(a),
        .tree = a->tree, .names = a->name, .parent_column = a->parent,
        .keep_order = a->topological,
        .filtered = a->roots || a->leaves || a->no_leaves || a->metadata || a->no_metadata ||
                    a->inactive || a->active || a->disk_only || a->internal || a->external,
        .descendants_flag = VIR_DOMAIN_SNAPSHOT_LIST_DESCENDANTS,
    };
    return moment_list_run(sh, &view, &req);
}

/* Each filter excludes --tree (sets 7..13), as in virsh. */
#define FILTER(nm, field, what, set) \
    OPT_FLAG(struct list_args, nm, field, what, .excl = EXCL(set))

const struct cmd_def snapshot_list_cmds[] = {
    { .name = "snapshot-list", .summary = "list a domain's snapshots",
      .desc = "A table of the snapshots (name, creation time, the state each holds; --parent adds "
              "the parent), their names (--name), or their tree (--tree).  --from NAME or "
              "--current lists the children of that snapshot (--descendants: all below it).  "
              "The filters keep roots, leaves, snapshots of an active or inactive domain, "
              "disk-only, internal or external ones, with or without metadata.  JSON: one "
              "object per snapshot with its parent and children (names), whatever the text "
              "shows; with --name the names.",
      .run = cmd_snapshot_list, .args_size = sizeof(struct list_args),
      .opts = OPTS(ARG_DOMAIN(struct list_args, domain, COMPL_DOMAIN),
                   OPT_FLAG(struct list_args, "parent", parent, "add a column with the parent",
                            .excl = EXCL(1) | EXCL(2)),
                   OPT_FLAG(struct list_args, "roots", roots, "only snapshots without a parent",
                            .excl = EXCL(1) | EXCL(3) | EXCL(4) | EXCL(5)),
                   FILTER("leaves", leaves, "only snapshots without children", 7),
                   FILTER("no-leaves", no_leaves, "only snapshots with children", 8),
                   OPT_FLAG(struct list_args, "metadata", metadata,
                            "only snapshots with libvirt metadata (they prevent undefine)"),
                   OPT_FLAG(struct list_args, "no-metadata", no_metadata,
                            "only snapshots without libvirt metadata"),
                   FILTER("inactive", inactive, "only snapshots of a shut-off domain", 9),
                   FILTER("active", active, "only snapshots of a running domain (with memory)", 10),
                   FILTER("disk-only", disk_only, "only disk-only snapshots", 11),
                   FILTER("internal", internal, "only internal snapshots", 12),
                   FILTER("external", external, "only external snapshots", 13),
                   OPT_FLAG(struct list_args, "tree", tree, "draw the snapshots as a tree",
                            .excl = EXCL(0) | EXCL(2) | EXCL(3) | EXCL(7) | EXCL(8) | EXCL(9) |
                                    EXCL(10) | EXCL(11) | EXCL(12) | EXCL(13)),
                   OPT_STRING(struct list_args, "from", from, "only the children of this snapshot",
                              .flags = OPT_POSITIONAL, .complete = COMPL_SNAPSHOT,
                              .excl = EXCL(4) | EXCL(6)),
                   OPT_FLAG(struct list_args, "current", current,
                            "only the children of the current snapshot", .excl = EXCL(5) | EXCL(6)),
                   OPT_FLAG(struct list_args, "descendants", descendants,
                            "with --from or --current: every snapshot below it",
                            .needs = "from|current"),
                   OPT_FLAG(struct list_args, "name", name, "print the names only",
                            .excl = EXCL(0)),
                   OPT_FLAG(struct list_args, "topological", topological,
                            "parents before children rather than by name")),
      .result = RESULT_OR(RESULT_VALUES, RS_ARRAY,
                          { "name", RT_STRING, "the snapshot" },
                          { "creation_time_s", RT_INT | RT_NULL, "when it was taken, in seconds "
                            "since 1970-01-01 UTC" },
                          { "state", RT_STRING | RT_NULL, "the domain's state it holds: running, "
                            "paused, shutoff, disk-snapshot, ..." },
                          { "location", RT_STRING, "internal or external" },
                          { "description", RT_STRING | RT_NULL, "its description" },
                          { "parent", RT_STRING | RT_NULL, "its parent, null for a root" },
                          { "children", RT_ARRAY, "its children's names" },
                          { "children[]", RT_STRING, "a child" },
                          { "current", RT_BOOL, "whether it is the current snapshot" }) },
    { 0 },
};
