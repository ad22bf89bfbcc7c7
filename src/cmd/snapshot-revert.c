/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * cmd/snapshot-revert.c - snapshot-revert and snapshot-delete.  libvirt
 * does both where it can; where it refuses an external snapshot (libvirt
 * 9.0 reverts to none and deletes only some), virt/extsnap.c does it with
 * libvirt's storage and block job calls, step by step (man page, WHEN A
 * COMMAND IS CUT SHORT).
 */
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

#include "core/util.h"
#include "virt/conn.h"
#include "virt/context.h"
#include "virt/err.h"
#include "virt/extsnap.h"
#include "virt/moment.h"
#include "cmd/snapshot.h"

static const struct moment_kind *const K = &moment_snapshot;

/* libvirt's refusal of an operation it does not implement for this
 * snapshot (rather than a failure of one it tried). */
static bool refused(const virError *e)
{
    return e && (e->code == VIR_ERR_CONFIG_UNSUPPORTED || e->code == VIR_ERR_OPERATION_UNSUPPORTED ||
                 e->code == VIR_ERR_NO_SUPPORT);
}

static void error_freep(virErrorPtr *e)
{
    virFreeError(*e);
}

struct revert_args {
    const char *domain, *snapshotname;
    bool current, running, paused, force, reset_nvram;
};

static int cmd_snapshot_revert(struct shell *sh, void *opaque)
{
    struct revert_args *a = opaque;
    _cleanup_domain_ virDomainPtr d = NULL;
    _cleanup_snapshot_ virDomainSnapshotPtr m = moment_find(sh, K, a->domain, a->snapshotname, a->current, &d);
    if (!m)
        return CMD_FAILED;
    _cleanup_free_ char *name = xstrdup(virDomainSnapshotGetName(m));
    unsigned int flags = (a->running ? VIR_DOMAIN_SNAPSHOT_REVERT_RUNNING : 0) |
                         (a->paused ? VIR_DOMAIN_SNAPSHOT_REVERT_PAUSED : 0) |
                         (a->reset_nvram ? VIR_DOMAIN_SNAPSHOT_REVERT_RESET_NVRAM : 0);
    int rc = virDomainRevertToSnapshot(m, flags);
    if (rc < 0 && a->force && virGetLastErrorCode() == VIR_ERR_SNAPSHOT_REVERT_RISKY)
        rc = virDomainRevertToSnapshot(m, flags | VIR_DOMAIN_SNAPSHOT_REVERT_FORCE);
    _cleanup_(error_freep) virErrorPtr e = rc < 0 ? virSaveLastError() : NULL;
    if (rc < 0 && refused(e) && extsnap_applies(m))
        rc = extsnap_revert(sh, d, m, flags) == CMD_OK ? 0 : -1;
    else if (rc < 0)
        err_libvirt_saved(sh, e, "cannot revert domain '%s' to snapshot '%s'", a->domain, name);
    conn_state_changed(sh);
    if (rc < 0)
        return CMD_FAILED;
    _cleanup_free_ char *text = xasprintf("Domain snapshot %s reverted", name);
    return snapshot_report(sh, d, name, "reverted", text);
}

struct delete_args {
    const char *domain, *snapshotname;
    bool current, children, children_only, metadata;
};

static int cmd_snapshot_delete(struct shell *sh, void *opaque)
{
    struct delete_args *a = opaque;
    _cleanup_domain_ virDomainPtr d = NULL;
    _cleanup_snapshot_ virDomainSnapshotPtr m = moment_find(sh, K, a->domain, a->snapshotname, a->current, &d);
    if (!m)
        return CMD_FAILED;
    _cleanup_free_ char *name = xstrdup(virDomainSnapshotGetName(m));
    unsigned int flags = (a->children ? VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN : 0) |
                         (a->children_only ? VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN_ONLY : 0) |
                         (a->metadata ? VIR_DOMAIN_SNAPSHOT_DELETE_METADATA_ONLY : 0);
    int rc = virDomainSnapshotDelete(m, flags);
    _cleanup_(error_freep) virErrorPtr e = rc < 0 ? virSaveLastError() : NULL;
    if (rc < 0 && !a->metadata && e && extsnap_delete_refused(e->code) &&
        (a->children || a->children_only || extsnap_applies(m)))
        rc = extsnap_delete(sh, d, m, flags) == CMD_OK ? 0 : -1;
    else if (rc < 0)
        err_libvirt_saved(sh, e, "cannot delete snapshot '%s' of domain '%s'", name, a->domain);
    conn_state_changed(sh);
    if (rc < 0)
        return CMD_FAILED;
    _cleanup_free_ char *text = a->children_only
                                    ? xasprintf("Domain snapshot %s children deleted", name)
                                    : xasprintf("Domain snapshot %s deleted", name);
    return snapshot_report(sh, d, name, a->children_only ? "children_deleted" : "deleted", text);
}

#define WHICH(st) \
    ARG_DOMAIN(st, domain, COMPL_DOMAIN), \
    OPT_STRING(st, "snapshotname", snapshotname, "the snapshot", .flags = OPT_POSITIONAL, \
               .complete = COMPL_SNAPSHOT, .excl = EXCL(0)), \
    OPT_FLAG(st, "current", current, "the current snapshot", .excl = EXCL(0))

const struct cmd_def snapshot_revert_cmds[] = {
    { .name = "snapshot-revert", .summary = "revert a domain to a snapshot",
      .desc = "Put the domain back in the state the snapshot holds; --running or --paused "
              "choose the state afterwards.  --force goes on where libvirt sees a risk.  An "
              "external snapshot libvirt cannot revert to (libvirt 9.0 reverts to none) is "
              "reverted by virtsh: the domain is stopped, each of its disks gets a new overlay "
              "on the image the snapshot froze (storage API), the domain's config of the "
              "snapshot is defined with them, and the snapshot becomes the current one.  "
              "Nothing is deleted.  JSON: domain, name, result \"reverted\".",
      .run = cmd_snapshot_revert, .args_size = sizeof(struct revert_args), .flags = CMD_MODIFIES,
      .needs = "snapshotname|current",
      .opts = OPTS(WHICH(struct revert_args),
                   OPT_FLAG(struct revert_args, "running", running, "running afterwards",
                            .excl = EXCL(1)),
                   OPT_FLAG(struct revert_args, "paused", paused, "paused afterwards",
                            .excl = EXCL(1)),
                   OPT_FLAG(struct revert_args, "force", force, "go on where libvirt sees a risk"),
                   OPT_FLAG(struct revert_args, "reset-nvram", reset_nvram,
                            "start again from the NVRAM template")),
      .result = SNAPSHOT_REPORT_RESULT("reverted") },
    { .name = "snapshot-delete", .summary = "delete a snapshot",
      .desc = "Delete the snapshot (--children: with all below it; --children-only: only "
              "those), or with --metadata only libvirt's record of it.  Where libvirt refuses "
              "an external snapshot (libvirt 9.0: one whose parent is internal, or with "
              "--children), virtsh merges the snapshot's overlay into the image below it with "
              "a block commit (a shut-off domain is started paused for it and stopped "
              "again), then drops the metadata: the data written after the snapshot stays.  "
              "JSON: domain, name, result \"deleted\" or \"children_deleted\".",
      .run = cmd_snapshot_delete, .args_size = sizeof(struct delete_args), .flags = CMD_MODIFIES,
      .needs = "snapshotname|current",
      .opts = OPTS(WHICH(struct delete_args),
                   OPT_FLAG(struct delete_args, "children", children,
                            "also delete every snapshot below it", .excl = EXCL(1)),
                   OPT_FLAG(struct delete_args, "children-only", children_only,
                            "delete only the snapshots below it", .excl = EXCL(1)),
                   OPT_FLAG(struct delete_args, "metadata", metadata,
                            "delete only libvirt's metadata, keep the snapshot's data")),
      .result = SNAPSHOT_REPORT_RESULT("deleted or children_deleted") },
    { 0 },
};
