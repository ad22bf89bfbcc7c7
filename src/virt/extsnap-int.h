/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* virt/extsnap-int.h - what extsnap.c (revert) and extsnap-delete.c share. */
#pragma once

#include <libvirt/libvirt.h>
#include <stdbool.h>

#include "virt/context.h"
#include "virt/moment.h"

/* One external disk of the snapshot. */
struct ext_disk {
    char *target;      /* "vda" */
    char *overlay;     /* O: the overlay made when the snapshot was taken */
    char *base;        /* B: the image it froze (the disk's file in the snapshot's config) */
    char *base_format; /* its format, from that config */
    char *revert;      /* revert: the new overlay R */
};

struct ext {
    struct moment_info info;
    char *config;            /* the snapshot's domain config (inactive one if kept) */
    struct ext_disk *disks;  /* its external disks */
    size_t n;
    const char *memory_file; /* an external memory snapshot's file, or NULL */
};

/* Read what snapshot m says.  CMD_OK or CMD_FAILED with the error recorded. */
int ext_load(struct shell *sh, virDomainSnapshotPtr m, struct ext *x);
void ext_clear(struct ext *x);
/* At a safe point: if Ctrl-C came, record "interrupted: DONE; NEXT" and
 * return true. */
bool ext_interrupted(struct shell *sh, const char *done, const char *next);
