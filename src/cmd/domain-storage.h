/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * cmd/domain-storage.h - a domain's storage: clone (domain-clone.c, in the
 * domain group through its .more) and undefine's storage options (--remove-all-storage,
 * --storage, --wipe-storage, --delete-storage-volume-snapshots): the
 * volumes behind a domain's disks, named and removed before the domain is
 * undefined, so that a failure or a kill leaves the domain defined and the
 * same command finishes the job.
 */
#pragma once

#include <json-c/json.h>
#include <libvirt/libvirt.h>
#include <stdbool.h>

#include "core/table.h"
#include "virt/context.h"

/* clone, in cmd_group_domain's .more */
extern const struct cmd_def domain_clone_cmds[];

struct undefine_storage {
    const char *storage;   /* --storage: targets or source paths, comma-separated */
    bool remove_all;       /* --remove-all-storage */
    bool wipe;             /* --wipe-storage */
    bool delete_snapshots; /* --delete-storage-volume-snapshots */
};

/* undefine's options for these, bound to the struct undefine_storage field
 * `field` of its args struct `st`. */
#define UNDEFINE_STORAGE_OPTS(st, field) \
    OPT_STRING(st, "storage", field.storage, \
               "remove these volumes (disk targets or source paths, comma-separated; see " \
               "domblklist)", .flags = OPT_POSITIONAL, .metavar = "TARGET[,TARGET...]", \
               .excl = EXCL(7)), \
    OPT_FLAG(st, "remove-all-storage", field.remove_all, \
             "remove every volume behind the domain's disks (with care)", .excl = EXCL(7)), \
    OPT_FLAG(st, "delete-storage-volume-snapshots", field.delete_snapshots, \
             "delete the removed volumes' snapshots too (rbd)", .needs = "remove-all-storage"), \
    OPT_FLAG(st, "wipe-storage", field.wipe, "overwrite the removed volumes' data first", \
             .needs = "storage|remove-all-storage")

/* Whether any of the options was given. */
bool undefine_storage_wanted(const struct undefine_storage *s);

/*
 * Before undefine's own call: find the volumes, check that the undefine
 * (with `undefine_flags`) will not be refused, then wipe and delete each,
 * naming it first.  CMD_OK and the removed volumes as a JSON array in
 * *ret_removed; else the error is recorded and the domain stays defined.
 */
int undefine_storage_remove(struct shell *sh, virDomainPtr dom, const struct undefine_storage *s,
                            unsigned int undefine_flags, struct json_object **ret_removed);

/* undefine's report with the removed volumes: text "Domain 'SHOWN' has been
 * undefined" (the domain as the user named it), JSON the domain, "result"
 * and "removed_volumes". */
int undefine_storage_report(struct shell *sh, virDomainPtr dom, const char *shown,
                            struct json_object *removed);
