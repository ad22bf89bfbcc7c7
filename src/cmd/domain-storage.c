/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * cmd/domain-storage.c - undefine's storage options.  virsh undefines first
 * and then deletes the volumes: a failure or a kill in between leaves
 * volumes nobody knows of any more.  Here the volumes go first and the
 * undefine last, once every check it would fail on has passed: until then
 * the domain stays defined, lists its disks, and the same command goes on
 * where it stopped (a volume already removed is no volume any more, and
 * says so).
 */
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
#include <string.h>

#include "core/interrupt.h"
#include "core/strv.h"
#include "core/util.h"
#include "core/xml.h"
#include "virt/context.h"
#include "virt/domain.h"
#include "virt/domstorage.h"
#include "virt/domxml.h"
#include "virt/err.h"
#include "cmd/domain-storage.h"

bool undefine_storage_wanted(const struct undefine_storage *s)
{
    return s->storage || s->remove_all || s->wipe || s->delete_snapshots;
}

/* The checks libvirt's undefine would fail on, made before anything is
 * removed: the domain must be defined, shut off, and each extra it has
 * (managed save, NVRAM, snapshots, checkpoints) asked for by a flag. */
static int check_undefinable(struct shell *sh, virDomainPtr d, xmlDocPtr doc, unsigned int flags)
{
    const char *name = virDomainGetName(d);
    int snaps = virDomainSnapshotNum(d, 0);
    int checkpoints = virDomainListAllCheckpoints(d, NULL, 0);
    virResetLastError();
    if (virDomainIsActive(d) == 1)
        return error(sh, "domain '%s' is active: its storage can be removed only when it is shut off",
                     name);
    if (virDomainIsPersistent(d) != 1)
        return error(sh, "domain '%s' is not persistent: there is nothing to undefine", name);
    if (virDomainHasManagedSaveImage(d, 0) == 1 && !(flags & VIR_DOMAIN_UNDEFINE_MANAGED_SAVE))
        return error(sh, "domain '%s' has a managed save image: add --managed-save to delete it",
                     name);
    if (domxml_exists(doc, "os/nvram") &&
        !(flags & (VIR_DOMAIN_UNDEFINE_NVRAM | VIR_DOMAIN_UNDEFINE_KEEP_NVRAM)))
        return error(sh, "domain '%s' has a UEFI NVRAM file: add --nvram to delete it or "
                     "--keep-nvram to keep it", name);
    if (snaps > 0 && !(flags & VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA))
        return error(sh, "domain '%s' has %d snapshot%s: add --snapshots-metadata to remove their "
                     "metadata", name, snaps, snaps == 1 ? "" : "s");
    if (checkpoints > 0 && !(flags & VIR_DOMAIN_UNDEFINE_CHECKPOINTS_METADATA))
        return error(sh, "domain '%s' has %d checkpoint%s: add --checkpoints-metadata to remove "
                     "their metadata", name, checkpoints, checkpoints == 1 ? "" : "s");
    virResetLastError();
    return CMD_OK;
}

struct doomed {
    const struct dom_disk *disk;
    virStorageVolPtr vol;
};

/* Whether --storage names the disk (by target or source); marks the word. */
static bool wanted(const struct strv *words, bool *used, const struct dom_disk *disk)
{
    for (size_t i = 0; i < words->n; i++) {
        if (str_eq(words->v[i], disk->target) || (disk->source && str_eq(words->v[i], disk->source))) {
            used[i] = true;
            return true;
        }
    }
    return false;
}

/* The volumes to remove, in disk order.  A disk that is no pool's volume is
 * named on stderr and kept (virsh: "not managed by libvirt"). */
static int plan(struct shell *sh, virDomainPtr d, const struct undefine_storage *s,
                const struct dom_disk *disks, size_t n, struct doomed *out, size_t *ret_n)
{
    _cleanup_strv_ struct strv words = { 0 };
    _cleanup_free_ char *list = s->storage ? xstrdup(s->storage) : NULL;
    char *save = NULL;
    for (char *w = list ? strtok_r(list, ",", &save) : NULL; w; w = strtok_r(NULL, ",", &save))
        strv_add(&words, w);
    _cleanup_free_ bool *used = xcalloc(words.n + 1, sizeof(bool));
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (!disks[i].source || (s->storage && !wanted(&words, used, &disks[i])))
            continue;
        virStorageVolPtr v = domstorage_volume(sh->conn, &disks[i]);
        if (!v) {
            err_warn(sh, "disk '%s' (%s) is no volume of an active pool: not removed, remove it "
                     "yourself if it is still there", disks[i].target, disks[i].source);
            continue;
        }
        out[k++] = (struct doomed){ &disks[i], v };
    }
    *ret_n = k;
    for (size_t i = 0; i < words.n; i++)
        if (!used[i])
            return error(sh, "domain '%s' has no disk '%s' (a target or source path, see domblklist)",
                         virDomainGetName(d), words.v[i]);
    return CMD_OK;
}

/* Print a line of the removal in text mode (flushed: a kill keeps it). */
PRINTF(3, 4) static void say(struct shell *sh, bool always, const char *fmt, ...)
{
    if (sh->out.mode != OUT_TEXT || (sh->out.quiet && !always))
        return;
    va_list ap;
    va_start(ap, fmt);
    vfprintf(sh->out.fp, fmt, ap);
    va_end(ap);
    fflush(sh->out.fp);
}

/* libvirt's reason for the last failure, then what that means here. */
static int failed(struct shell *sh, const char *what, const struct doomed *v, const char *dom)
{
    virErrorPtr e = virGetLastError();
    _cleanup_free_ char *why = xstrdup(e && e->message ? e->message : "unknown libvirt error");
    virResetLastError();
    return error(sh, "cannot %s volume '%s'(%s): %s; it and the volumes after it were not removed, "
                 "domain '%s' is still defined", what, v->disk->target, v->disk->source, why, dom);
}

static int remove_one(struct shell *sh, const struct undefine_storage *s, const struct doomed *v,
                      const char *dom)
{
    const char *t = v->disk->target, *src = v->disk->source;
    if (s->wipe) {
        say(sh, true, "Wiping volume '%s'(%s) ... ", t, src);
        if (virStorageVolWipe(v->vol, 0) < 0) {
            say(sh, true, "\n");
            return failed(sh, "wipe", v, dom);
        }
        say(sh, true, "Done.\n");
    }
    say(sh, false, "Removing volume '%s'(%s) ... ", t, src);
    if (virStorageVolDelete(v->vol, s->delete_snapshots ? VIR_STORAGE_VOL_DELETE_WITH_SNAPSHOTS : 0) < 0) {
        say(sh, false, "\n");
        return failed(sh, "remove", v, dom);
    }
    say(sh, false, "removed\n");
    return CMD_OK;
}

static struct json_object *removed_json(const struct doomed *v, bool wiped)
{
    struct json_object *o = json_object_new_object();
    json_object_object_add(o, "target", json_object_new_string(v->disk->target));
    json_object_object_add(o, "source", json_object_new_string(v->disk->source));
    json_object_object_add(o, "wiped", json_object_new_boolean(wiped));
    return o;
}

int undefine_storage_remove(struct shell *sh, virDomainPtr dom, const struct undefine_storage *s,
                            unsigned int undefine_flags, struct json_object **ret_removed)
{
    const char *name = virDomainGetName(dom);
    char why[256];
    _cleanup_free_ char *xml = virDomainGetXMLDesc(dom, VIR_DOMAIN_XML_INACTIVE);
    if (!xml)
        return err_libvirt(sh, "cannot get the XML of domain '%s'", name);
    _cleanup_(xml_doc_freep) xmlDocPtr doc = domxml_parse(xml, why, sizeof(why));
    if (!doc)
        return error(sh, "cannot read the XML of domain '%s': %s", name, why);
    int rc = check_undefinable(sh, dom, doc, undefine_flags);
    if (rc)
        return rc;
    struct dom_disk *disks = NULL;
    size_t n = domstorage_disks(doc, &disks), k = 0;
    struct doomed *v = xcalloc(n + 1, sizeof(*v));
    rc = plan(sh, dom, s, disks, n, v, &k);
    struct json_object *removed = json_object_new_array();
    for (size_t i = 0; rc == CMD_OK && i < k; i++) {
        if (shell_interrupted) {
            rc = error(sh, "interrupted after removing %zu of %zu volumes: domain '%s' is still "
                       "defined; run the same undefine again to go on", i, k, name);
            break;
        }
        if ((rc = remove_one(sh, s, &v[i], name)) == CMD_OK)
            json_object_array_add(removed, removed_json(&v[i], s->wipe));
    }
    for (size_t i = 0; i < k; i++)
        virStorageVolFree(v[i].vol);
    free(v);
    domstorage_free(disks, n);
    if (rc) {
        json_object_put(removed);
        return rc;
    }
    *ret_removed = removed;
    return CMD_OK;
}

int undefine_storage_report(struct shell *sh, virDomainPtr dom, const char *shown,
                            struct json_object *removed)
{
    _cleanup_json_ struct json_object *o = domain_ident_json(dom);
    json_object_object_add(o, "result", json_object_new_string("undefined"));
    json_object_object_add(o, "removed_volumes", json_object_get(removed));
    _cleanup_free_ char *msg = xasprintf("Domain '%s' has been undefined", shown);
    out_message(&sh->out, o, msg);
    return CMD_OK;
}
