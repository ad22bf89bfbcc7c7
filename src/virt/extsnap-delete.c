/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * virt/extsnap-delete.c - deleting external snapshots libvirt refuses to
 * delete (libvirt 9.0: one whose parent is an internal snapshot, and
 * --children / --children-only over external ones).
 *
 * A snapshot S of disk vda put the overlay O on the image B.  Deleting S
 * merges O into B with a block commit - B then holds what was written
 * after S too, nothing is lost - and the chain is one image shorter.  The
 * commit needs a running QEMU: a shut-off domain is started paused for it
 * (its guest never runs) and stopped again.  Steps, each one libvirt call
 * (man page, WHEN A COMMAND IS CUT SHORT):
 *   1. a shut-off domain started paused
 *   2. per disk whose overlay O is in its chain: the block commit of O
 *      into B (if O is the top image, an active commit, then
 *   3. the pivot to B once the commit is ready)
 *   4. S's metadata deleted
 *   5. O deleted, if a storage pool holds it (else it is left, and said)
 *   6. the domain of step 1 stopped
 * A re-run after a cut goes on where it stopped: a commit job found on the
 * disk is followed, not started again; an overlay no longer in the chain
 * (merged by a run cut short, or left behind by a revert) is not merged
 * again, only dropped.  A snapshot with snapshots below it is refused (they
 * froze its overlay); --children deletes them first, deepest first.
 */
#include "virt/extsnap.h"

#include <libvirt/virterror.h>
#include <poll.h>
#include <string.h>

#include "core/interrupt.h"
#include "core/progress.h"
#include "core/strv.h"
#include "core/util.h"
#include "core/xml.h"
#include "virt/domxml.h"
#include "virt/err.h"
#include "virt/extsnap-int.h"
#include "virt/moment.h"

/* The files of disk `target`'s chain in the running domain, top first. */
static int live_chain(struct shell *sh, virDomainPtr d, const char *target, struct strv *ret)
{
    char why[300];
    _cleanup_free_ char *xml = virDomainGetXMLDesc(d, 0);
    if (!xml)
        return err_libvirt(sh, "cannot get the XML of domain '%s'", virDomainGetName(d));
    _cleanup_(xml_doc_freep) xmlDocPtr doc = domxml_parse(xml, why, sizeof(why));
    if (!doc)
        return error(sh, "cannot read the XML of domain '%s': %s", virDomainGetName(d), why);
    _cleanup_free_ char *expr = xasprintf("/domain/devices/disk[target/@dev='%s']/source/@file | "
                                          "/domain/devices/disk[target/@dev='%s']//backingStore/"
                                          "source/@file", target, target);
    xmlXPathObjectPtr r = xml_xpath(doc, NULL, expr, why, sizeof(why));
    for (int i = 0; r && r->nodesetval && i < r->nodesetval->nodeNr; i++) {
        xmlChar *v = xmlNodeGetContent(r->nodesetval->nodeTab[i]);
        strv_add(ret, (const char *)v);
        xmlFree(v);
    }
    xmlXPathFreeObject(r);
    return CMD_OK;
}

static long chain_index(const struct strv *chain, const char *file)
{
    for (size_t i = 0; i < chain->n; i++)
        if (str_eq(chain->v[i], file))
            return (long)i;
    return -1;
}

/* Until disk's block job is ready (active commit) or gone (commit), with
 * a progress line; Ctrl-C aborts the job (the disk stays as it was). */
static int wait_job(struct shell *sh, virDomainPtr d, const char *disk, bool active)
{
    struct progress p;
    _cleanup_free_ char *what = xasprintf("merging the overlay of '%s'", disk);
    progress_begin(&p, stderr, sh->out.quiet, what);
    int rc = CMD_OK;
    for (;;) {
        virDomainBlockJobInfo info;
        int got = virDomainGetBlockJobInfo(d, disk, &info, 0);
        if (got < 0) {
            rc = err_libvirt(sh, "cannot follow the block commit of disk '%s'", disk);
            break;
        }
        if (got == 0) {
            if (active)
                rc = error(sh, "the block commit of disk '%s' ended before its pivot", disk);
            break;
        }
        progress_update(&p, info.cur, info.end, now_ms());
        if (active && info.end > 0 && info.cur == info.end)
            break;
        if (shell_interrupted) {
            virDomainBlockJobAbort(d, disk, 0);
            rc = error(sh, "interrupted: the merge of disk '%s' was aborted, the disk is as it was; "
                       "run snapshot-delete again", disk);
            break;
        }
        poll(NULL, 0, 200);
    }
    progress_end(&p);
    return rc;
}

/* Step 3: the pivot.  QEMU can show the copy complete before libvirt
 * takes the job as ready: "not ready for pivot yet" is retried (30 s). */
static int pivot(virDomainPtr d, const char *disk)
{
    for (int i = 0;; i++) {
        if (virDomainBlockJobAbort(d, disk, VIR_DOMAIN_BLOCK_JOB_ABORT_PIVOT) == 0)
            return 0;
        if (virGetLastErrorCode() != VIR_ERR_BLOCK_COPY_ACTIVE || i >= 150)
            return -1;
        poll(NULL, 0, 200);
    }
}

/* Steps 2 and 3 for one disk: O merged into B.  *merged is set when O
 * left the chain (now or in an earlier run). */
static int merge_disk(struct shell *sh, virDomainPtr d, const struct ext_disk *e, bool *merged)
{
    _cleanup_strv_ struct strv chain = { 0 };
    if (live_chain(sh, d, e->target, &chain))
        return CMD_FAILED;
    long at = chain_index(&chain, e->overlay);
    *merged = at < 0;
    if (at < 0)
        return CMD_OK;
    if ((size_t)at + 1 >= chain.n || !str_eq(chain.v[at + 1], e->base))
        return error(sh, "disk '%s': the image below the snapshot's overlay %s is not %s, as the "
                     "snapshot says: not merging", e->target, e->overlay, e->base);
    bool active = at == 0;
    virDomainBlockJobInfo info;
    int job = virDomainGetBlockJobInfo(d, e->target, &info, 0);
    if (job < 0)
        return err_libvirt(sh, "cannot look at the block jobs of disk '%s'", e->target);
    if (job == 0 && virDomainBlockCommit(d, e->target, e->base, active ? NULL : e->overlay, 0,
                                         active ? VIR_DOMAIN_BLOCK_COMMIT_ACTIVE : 0) < 0)
        return err_libvirt(sh, "cannot merge %s into %s", e->overlay, e->base);
    if (wait_job(sh, d, e->target, active))
        return CMD_FAILED;
    if (active && pivot(d, e->target) < 0)
        return err_libvirt(sh, "the overlay %s was merged into %s, but disk '%s' did not move "
                           "to it: run snapshot-delete again", e->overlay, e->base, e->target);
    *merged = true;
    return CMD_OK;
}

/* Step 5: O, merged, goes if a pool holds it. */
static void drop_overlay(struct shell *sh, const char *file)
{
    virStorageVolPtr v = virStorageVolLookupByPath(sh->conn, file);
    if (v && virStorageVolDelete(v, 0) == 0) {
        virStorageVolFree(v);
        return;
    }
    if (v)
        virStorageVolFree(v);
    virResetLastError();
    err_note(sh, "%s is no longer used by the domain and was left as it is (no storage pool "
             "holds it)", file);
}

/* One external snapshot, steps 1 to 6. */
static int delete_one(struct shell *sh, virDomainPtr d, virDomainSnapshotPtr m)
{
    const char *name = virDomainGetName(d), *snap = virDomainSnapshotGetName(m);
    int kids = virDomainSnapshotNumChildren(m, 0);
    if (kids < 0)
        return err_libvirt(sh, "cannot count the snapshots below '%s'", snap);
    if (kids > 0) /* their configs name the overlay as their disk: it must stay */
        return error(sh, "snapshot '%s' has %d snapshot%s below it: delete %s first, or add "
                     "--children", snap, kids, kids == 1 ? "" : "s", kids == 1 ? "it" : "them");
    _cleanup_(ext_clear) struct ext x = { 0 };
    if (ext_load(sh, m, &x))
        return CMD_FAILED;
    bool started = false;
    if (x.n && virDomainIsActive(d) != 1) {
        if (virDomainHasManagedSaveImage(d, 0) == 1)
            return error(sh, "domain '%s' has a managed save image: start it (or remove the "
                         "image) before deleting snapshot '%s'", name, snap);
        if (virDomainCreateWithFlags(d, VIR_DOMAIN_START_PAUSED) < 0)
            return err_libvirt(sh, "cannot start domain '%s' paused to merge the overlays of "
                               "snapshot '%s'", name, snap);
        started = true;
    }
    /* (a domain started here is stopped at the end, whatever happened) */
    _cleanup_free_ char *next = xasprintf("run 'snapshot-delete %s %s' again", name, snap);
    bool *merged = xcalloc(x.n + 1, sizeof(bool));
    int rc = CMD_OK;
    if (started && ext_interrupted(sh, "nothing was merged", next))
        rc = CMD_FAILED;
    for (size_t i = 0; i < x.n && !rc; i++) {
        rc = merge_disk(sh, d, &x.disks[i], &merged[i]);
        if (!rc && ext_interrupted(sh, "some overlays are merged", next))
            rc = CMD_FAILED;
    }
    if (!rc && virDomainSnapshotDelete(m, VIR_DOMAIN_SNAPSHOT_DELETE_METADATA_ONLY) < 0)
        rc = err_libvirt(sh, "the overlays of snapshot '%s' were merged, but its metadata could "
                         "not be deleted: %s", snap, next);
    for (size_t i = 0; i < x.n && !rc; i++)
        if (merged[i])
            drop_overlay(sh, x.disks[i].overlay);
    free(merged);
    if (started && virDomainDestroy(d) < 0 && !rc)
        rc = err_libvirt(sh, "snapshot '%s' is deleted, but domain '%s', started paused for it, "
                         "did not stop: run 'destroy %s'", snap, name, name);
    return rc;
}

bool extsnap_delete_refused(int code)
{
    return code == VIR_ERR_CONFIG_UNSUPPORTED || code == VIR_ERR_OPERATION_UNSUPPORTED ||
           code == VIR_ERR_NO_SUPPORT || code == VIR_ERR_INVALID_ARG;
}

/* libvirt's own delete of one snapshot, else ours where it refuses. */
static int delete_any(struct shell *sh, virDomainPtr d, virDomainSnapshotPtr m)
{
    if (virDomainSnapshotDelete(m, 0) == 0)
        return CMD_OK;
    virErrorPtr e = virSaveLastError(); /* extsnap_applies() makes calls */
    int rc = e && extsnap_delete_refused(e->code) && extsnap_applies(m)
                 ? delete_one(sh, d, m)
                 : err_libvirt_saved(sh, e, "cannot delete snapshot '%s'",
                                     virDomainSnapshotGetName(m));
    virFreeError(e);
    return rc;
}

/* --children, --children-only: the descendants one by one, deepest
 * first, then (--children) the snapshot itself. */
static int delete_tree(struct shell *sh, virDomainPtr d, virDomainSnapshotPtr m, bool only)
{
    virDomainSnapshotPtr *kids = NULL;
    int n = virDomainSnapshotListAllChildren(m, &kids, VIR_DOMAIN_SNAPSHOT_LIST_DESCENDANTS |
                                                       VIR_DOMAIN_SNAPSHOT_LIST_TOPOLOGICAL);
    if (n < 0)
        return err_libvirt(sh, "cannot list the snapshots below '%s'", virDomainSnapshotGetName(m));
    int rc = CMD_OK;
    _cleanup_free_ char *next = xasprintf("run the same snapshot-delete again");
    for (int i = n - 1; i >= 0; i--) {
        if (!rc)
            rc = delete_any(sh, d, kids[i]);
        if (!rc && ext_interrupted(sh, "some snapshots below it are deleted", next))
            rc = CMD_FAILED;
        virDomainSnapshotFree(kids[i]);
    }
    free(kids);
    if (!rc && !only)
        rc = delete_any(sh, d, m);
    return rc;
}

int extsnap_delete(struct shell *sh, virDomainPtr d, virDomainSnapshotPtr m, unsigned int flags)
{
    if (flags & (VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN | VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN_ONLY))
        return delete_tree(sh, d, m, flags & VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN_ONLY);
    return delete_one(sh, d, m);
}
