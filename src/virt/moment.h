/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * virt/moment.h - snapshots and checkpoints ("moments", as libvirt calls
 * both): one kind table per family so the snapshot and checkpoint groups
 * share their lookups, their XML read into a struct, and their listings
 * with the parent of each (for --tree, --parent and JSON).
 */
#pragma once

#include <libvirt/libvirt.h>
#include <stdbool.h>
#include <stddef.h>

#include "virt/context.h"

/* One family, its libvirt calls behind void pointers. */
struct moment_kind {
    const char *noun;          /* "snapshot", "checkpoint" */
    const char *root;          /* the XML root element: "domainsnapshot" */
    int not_found;             /* libvirt's error code for a name it does not know */
    unsigned int list_xml;     /* XML flags for what a listing reads (no <domain> if possible) */
    int (*list_all)(virDomainPtr d, void ***ret, unsigned int flags);
    int (*list_children)(void *m, void ***ret, unsigned int flags);
    void *(*lookup)(virDomainPtr d, const char *name);
    void *(*current)(virDomainPtr d); /* NULL: the family has no current one */
    void *(*parent)(void *m);
    const char *(*name)(void *m);
    char *(*xml)(void *m, unsigned int flags);
    void (*free)(void *m);
    void (*ref)(void *m);
};

/* Freed at the end of the scope: after an error has been recorded (every
 * libvirt call, virDomainSnapshotFree too, clears libvirt's last error). */
static inline void snapshot_freep(virDomainSnapshotPtr *m)
{
    if (*m)
        virDomainSnapshotFree(*m);
}
#define _cleanup_snapshot_ __attribute__((cleanup(snapshot_freep)))

static inline void checkpoint_freep(virDomainCheckpointPtr *m)
{
    if (*m)
        virDomainCheckpointFree(*m);
}
#define _cleanup_checkpoint_ __attribute__((cleanup(checkpoint_freep)))

extern const struct moment_kind moment_snapshot;
extern const struct moment_kind moment_checkpoint;

/*
 * `name` of domain d, or with name NULL and `current` its current one.
 * NULL with the error recorded: "snapshot 's1' of domain 'web1' not found",
 * "domain 'web1' has no current snapshot".
 */
void *moment_lookup(struct shell *sh, const struct moment_kind *k, virDomainPtr d, const char *name,
                    bool current);

/* The same from the domain's name, id or uuid: *ret_dom is the domain
 * (NULL if not found; the caller frees it either way). */
void *moment_find(struct shell *sh, const struct moment_kind *k, const char *domain,
                  const char *name, bool current, virDomainPtr *ret_dom);

/* The parent's name of m (NULL: a root).  -1 with libvirt's error set. */
int moment_parent_name(const struct moment_kind *k, void *m, char **ret);

/* A disk of a snapshot or checkpoint, as its XML says. */
struct moment_disk {
    char *name;     /* target ("vda") or source path */
    char *snapshot; /* snapshots: "no", "internal", "external", "manual" or NULL */
    char *checkpoint; /* checkpoints: "no", "bitmap" or NULL */
    char *bitmap;   /* checkpoints: the bitmap's name */
    char *type;     /* "file", "block", ... (NULL: file) */
    char *source;   /* external: the overlay's file or device */
    char *driver;   /* its format ("qcow2") */
};

/* What a snapshot's or checkpoint's XML says. */
struct moment_info {
    char *name, *description, *state, *parent;
    long long creation_time; /* seconds since the epoch; -1 if missing */
    char *memory;            /* <memory snapshot=...>: "no", "internal", "external", NULL */
    char *memory_file;
    struct moment_disk *disks;
    size_t ndisks;
    char *domain_xml;          /* <domain> as a document (with MOMENT_DOMAIN), or NULL */
    char *inactive_domain_xml; /* <inactiveDomain>, renamed <domain>, or NULL */
};

enum {
    MOMENT_DOMAIN = 1 << 0, /* keep the <domain> (and <inactiveDomain>) of the XML */
};

/* Read `xml` into *ret.  0, or -1 with a one-line reason in err. */
int moment_info_parse(const char *xml, unsigned int flags, struct moment_info *ret, char *err,
                      size_t errlen);
void moment_info_clear(struct moment_info *i);
/* A snapshot is external if its memory or any disk is (a disk-only one
 * from before 1.0.1 has no <memory>: by its state). */
bool moment_info_external(const struct moment_info *i);

/* A listing: the moments, and (after moment_list_fetch) what each says. */
struct moment_entry {
    void *m;
    const char *name;        /* k->name(m) */
    char *parent;            /* after moment_list_fetch: NULL for a root */
    struct moment_info info; /* after moment_list_fetch with `xml` */
    bool root;               /* drawn as a root (--from with --tree): no parent fetched */
};

struct moment_list {
    const struct moment_kind *k;
    struct moment_entry *e;
    size_t n;
};

/*
 * The moments of domain d matching libvirt's list flags, or (from != NULL)
 * the children of `from`; with `with_from`, `from` itself first, as a root.
 * Sorted by name (case-insensitive, as virsh) unless `keep_order`.
 * 0, or -1 with the error recorded.
 */
int moment_list_collect(struct shell *sh, const struct moment_kind *k, virDomainPtr d, void *from,
                        unsigned int flags, bool with_from, bool keep_order,
                        struct moment_list *ret);
/* Fill in each entry's parent (one call each) or, with `xml`, its whole
 * XML read into info (one call each; the parent from it).  Several calls
 * are in flight at once.  0, or -1 with the error recorded. */
int moment_list_fetch(struct shell *sh, struct moment_list *l, bool xml);
/* Index of the entry named `name`, or -1. */
long moment_list_find(const struct moment_list *l, const char *name);
void moment_list_free(struct moment_list *l);

/* "2026-12-04 18:12:38 +0000" in local time, as virsh shows creation times. */
void moment_time_text(long long t, char *buf, size_t len);
