/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * contrib/stream-floor.c - the least a client can do to move a sparse file
 * into or out of a storage volume through libvirt: connect, look the volume
 * up, stream the data (holes as holes), finish.  No shell, no progress, no
 * checks.  contrib/bench-storage times it beside virsh, virtsh and cp: what
 * no libvirt client can go below on this machine.
 *
 *   stream-floor upload|download URI POOL VOLUME FILE
 *
 * Build: cc -O2 -o stream-floor stream-floor.c $(pkg-config --cflags --libs libvirt)
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define SEND_CHUNK (128 * 1024) /* as virtsh sends and receives (src/virt/volstream.c) */
#define RECV_CHUNK (256 * 1024)

static int fail(const char *what)
{
    const char *msg = virGetLastErrorMessage();
    fprintf(stderr, "stream-floor: %s: %s\n", what, msg ? msg : strerror(errno));
    return 1;
}

/* Each run of data as data, each hole as a hole, found with SEEK_DATA/SEEK_HOLE. */
static int upload(virStreamPtr st, int fd, char *buf)
{
    off_t end = lseek(fd, 0, SEEK_END), pos = 0;
    while (pos < end) {
        off_t data = lseek(fd, pos, SEEK_DATA);
        if (data < 0)
            data = end; /* a hole up to the end */
        if (data > pos && virStreamSendHole(st, data - pos, 0) < 0)
            return -1;
        pos = data;
        off_t hole = pos < end ? lseek(fd, pos, SEEK_HOLE) : end;
        while (pos < hole) {
            size_t want = hole - pos < SEND_CHUNK ? (size_t)(hole - pos) : SEND_CHUNK;
            ssize_t got = pread(fd, buf, want, pos);
            if (got <= 0)
                return -1;
            for (ssize_t sent = 0; sent < got;) {
                int n = virStreamSend(st, buf + sent, (size_t)(got - sent));
                if (n < 0)
                    return -1;
                sent += n;
            }
            pos += got;
        }
    }
    return 0;
}

/* Data written, holes skipped; the file cut to its length at the end. */
static int download(virStreamPtr st, int fd, char *buf)
{
    off_t pos = 0;
    for (;;) {
        int got = virStreamRecvFlags(st, buf, RECV_CHUNK, VIR_STREAM_RECV_STOP_AT_HOLE);
        if (got == 0)
            break;
        if (got == -3) {
            long long hole;
            if (virStreamRecvHole(st, &hole, 0) < 0)
                return -1;
            pos += hole;
            continue;
        }
        if (got < 0 || pwrite(fd, buf, (size_t)got, pos) != got)
            return -1;
        pos += got;
    }
    return ftruncate(fd, pos);
}

int main(int argc, char **argv)
{
    if (argc != 6 || (strcmp(argv[1], "upload") && strcmp(argv[1], "download"))) {
        fprintf(stderr, "usage: stream-floor upload|download URI POOL VOLUME FILE\n");
        return 2;
    }
    bool up = strcmp(argv[1], "upload") == 0;
    virConnectPtr conn = virConnectOpen(argv[2]);
    if (!conn)
        return fail("connect");
    virStoragePoolPtr pool = virStoragePoolLookupByName(conn, argv[3]);
    virStorageVolPtr vol = pool ? virStorageVolLookupByName(pool, argv[4]) : NULL;
    if (!vol)
        return fail("volume");
    int fd = up ? open(argv[5], O_RDONLY) : open(argv[5], O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0)
        return fail(argv[5]);
    char *buf = malloc(RECV_CHUNK);
    virStreamPtr st = virStreamNew(conn, 0);
    if (!buf || !st)
        return fail("stream");
    int rc = up ? virStorageVolUpload(vol, st, 0, 0, VIR_STORAGE_VOL_UPLOAD_SPARSE_STREAM)
                : virStorageVolDownload(vol, st, 0, 0, VIR_STORAGE_VOL_DOWNLOAD_SPARSE_STREAM);
    if (rc < 0 || (up ? upload(st, fd, buf) : download(st, fd, buf)) < 0) {
        virStreamAbort(st);
        return fail(up ? "upload" : "download");
    }
    if (virStreamFinish(st) < 0)
        return fail("finish");
    virStreamFree(st);
    free(buf);
    close(fd);
    virStorageVolFree(vol);
    virStoragePoolFree(pool);
    virConnectClose(conn);
    return 0;
}
