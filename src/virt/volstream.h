/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * virt/volstream.h - a volume's data through a virStream, to or from a file
 * descriptor, in one buffer whatever the size (memory stays flat), with a
 * progress line on a terminal and Ctrl-C checked between chunks.
 *
 * Holes.  A download with `sparse` asks libvirt for a sparse stream; each
 * hole it reports is skipped with lseek in a seekable output (a regular
 * file: the hole stays a hole) and written as zeros to a pipe.
 *
 * An upload with `sparse` finds the input's holes with SEEK_DATA/SEEK_HOLE
 * (in a pipe or a device, and inside the data, as runs of zero blocks of
 * 64 KiB or more) and sends them as holes, all in one stream.  libvirt
 * writes a hole into a file volume by seeking past it and truncating the
 * file there: what the volume held in the hole stays, and until the upload
 * is over the file ends at the last hole.  So holes are sent only where the
 * volume reads as zeros (the caller sets `sparse` only for a volume that
 * holds nothing yet; elsewhere zeros are written), and with `sparse_stream`
 * the upload ends with a hole up to `size_before`, the file's size before
 * it: a whole upload leaves the volume its size, and one cut short and run
 * again gets it back.
 */
#pragma once

#include <libvirt/libvirt.h>
#include <stdbool.h>

#include "virt/context.h"

struct volstream {
    /* in */
    unsigned long long offset;  /* in the volume */
    unsigned long long length;  /* how much: 0 = to the end (of the input, or the volume) */
    unsigned long long limit;   /* upload: the most the volume takes from offset (0: no limit) */
    unsigned long long total;   /* for the progress line: the expected size (0: unknown) */
    bool sparse;                /* download: a sparse stream; upload: holes, not zeros */
    bool sparse_stream;         /* upload: a stream that takes holes (implied by sparse) */
    unsigned long long size_before; /* upload, with sparse_stream: the file's size before */
    const char *what;           /* the progress line's label: "uploading 'x' to 'y'" */
    /* out */
    unsigned long long done;      /* bytes moved, holes included */
    unsigned long long hole_bytes; /* of which holes (not written) */
    bool interrupted;             /* stopped by Ctrl-C */
    bool over_limit;              /* upload: the input holds more than `limit` */
};

/* Send what `fd` holds (from its current position) to the volume.  0, or -1
 * with the error recorded (nothing recorded for Ctrl-C or over_limit: the
 * caller says what that means for the volume). */
int volstream_upload(struct shell *sh, virStorageVolPtr vol, int fd, const char *input,
                     struct volstream *x);
/* Write the volume's data to `fd`.  0, or -1 with the error recorded
 * (nothing recorded for Ctrl-C). */
int volstream_download(struct shell *sh, virStorageVolPtr vol, int fd, const char *output,
                       struct volstream *x);
