/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * virt/domstorage.h - a domain's disks and the storage volumes behind them,
 * for the commands that copy or remove a domain's storage (clone,
 * undefine --remove-all-storage).
 */
#pragma once

#include <libvirt/libvirt.h>
#include <libxml/tree.h>
#include <stdbool.h>
#include <stddef.h>

struct dom_disk {
    char *target;    /* "vda" */
    char *device;    /* disk, cdrom, floppy, lun */
    char *type;      /* file, block, volume, network, dir */
    char *source;    /* the path; for type volume the volume's name; NULL: no medium */
    char *pool;      /* type volume: its pool */
    char *format;    /* the driver's type (raw, qcow2), or NULL */
    bool readonly, shareable;
    xmlNodePtr node; /* the <disk> element in the document it came from */
};

/* The disks of a parsed domain XML, in order.  *ret (caller frees with
 * domstorage_free) holds n of them. */
size_t domstorage_disks(xmlDocPtr doc, struct dom_disk **ret);
void domstorage_free(struct dom_disk *d, size_t n);

/* The volume a disk is, looked up by path (or by pool and name for type
 * volume); NULL when it is none of an active pool's (libvirt's error is
 * reset: not an error here). */
virStorageVolPtr domstorage_volume(virConnectPtr conn, const struct dom_disk *disk);

/* Set the disk's source in the document: a path (file or block), or a
 * volume's name (type volume). */
void domstorage_set_source(struct dom_disk *disk, const char *value);
