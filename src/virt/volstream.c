/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "virt/volstream.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/interrupt.h"
#include "core/progress.h"
#include "core/util.h"
#include "virt/err.h"

/* One stream message's worth: libvirt's stream packets carry at most 256 KiB. */
#define CHUNK (256 * 1024)
/* Zero runs shorter than this are sent as data (a file system block). */
#define ZBLOCK 4096

static const char zeros[ZBLOCK];

struct xfer {
    struct shell *sh;
    virStreamPtr st;      /* upload: the open stream of the current run of data, or NULL */
    virStorageVolPtr volp;
    int fd;
    const char *file;     /* the local side, for messages */
    const char *vol;
    struct volstream *x;
    struct progress pr;
    char *buf;            /* CHUNK bytes */
    unsigned long long hole; /* upload: zeros read, not yet written nor skipped */
};

/* The stream, its buffer and the progress line, for one transfer. */
static int xfer_begin(struct shell *sh, virStorageVolPtr vol, int fd, const char *file,
                      struct volstream *x, struct xfer *t)
{
    *t = (struct xfer){ .sh = sh, .fd = fd, .file = file, .x = x, .vol = virStorageVolGetName(vol) };
    if (!(t->st = virStreamNew(sh->conn, 0)))
        return err_libvirt(sh, "cannot create a stream"), -1;
    t->buf = xmalloc(CHUNK);
    progress_begin(&t->pr, stderr, sh->out.quiet, x->what);
    return 0;
}

/* After the transfer: the stream finished (rc 0) or aborted. */
static int xfer_end(struct xfer *t, int rc, const char *what)
{
    progress_end(&t->pr);
    free(t->buf);
    if (rc < 0) {
        virStreamAbort(t->st);
        virResetLastError();
    } else if (virStreamFinish(t->st) < 0) {
        err_libvirt(t->sh, "cannot finish the %s volume '%s'", what, t->vol);
        rc = -1;
    }
    virStreamFree(t->st);
    return rc;
}

static void xfer_progress(struct xfer *t)
{
    progress_update(&t->pr, t->x->done, t->x->total, now_ms());
}

/* ---- upload ------------------------------------------------------------------- */

/* A run of zeros this long is skipped (the stream ends before it and a new
 * one starts after it); a shorter one is written: a stream more costs more. */
#define MIN_SKIP (1024 * 1024)

/* The open stream is done: finish it. */
static int seg_close(struct xfer *t)
{
    if (!t->st)
        return 0;
    int rc = virStreamFinish(t->st);
    if (rc < 0)
        err_libvirt(t->sh, "cannot finish the upload to volume '%s'", t->vol);
    virStreamFree(t->st);
    t->st = NULL;
    return rc < 0 ? -1 : 0;
}

/* A stream that writes the volume from the current position on. */
static int seg_open(struct xfer *t)
{
    if (!(t->st = virStreamNew(t->sh->conn, 0)))
        return err_libvirt(t->sh, "cannot create a stream"), -1;
    if (virStorageVolUpload(t->volp, t->st, t->x->offset + t->x->done, 0, 0) < 0) {
        err_libvirt(t->sh, "cannot upload to volume '%s'", t->vol);
        virStreamFree(t->st);
        t->st = NULL;
        return -1;
    }
    t->x->streams++;
    return 0;
}

static int send_raw(struct xfer *t, const char *p, size_t n)
{
    while (n) {
        int r = virStreamSend(t->st, p, n);
        if (r < 0)
            return err_libvirt(t->sh, "cannot send data to volume '%s'", t->vol), -1;
        p += r, n -= (size_t)r;
        t->x->done += (unsigned long long)r;
    }
    return 0;
}

/* Data at the current position: the zeros before it skipped (a long run,
 * or at the start) or written, then the data. */
static int put_data(struct xfer *t, const char *p, size_t n)
{
    if (t->hole >= MIN_SKIP || (t->hole && !t->st)) {
        if (seg_close(t) < 0)
            return -1;
        t->x->done += t->hole;
        t->x->hole_bytes += t->hole;
        t->hole = 0;
    }
    if (!t->st && seg_open(t) < 0)
        return -1;
    for (; t->hole; t->hole -= t->hole < sizeof(zeros) ? t->hole : sizeof(zeros))
        if (send_raw(t, zeros, t->hole < sizeof(zeros) ? (size_t)t->hole : sizeof(zeros)) < 0)
            return -1;
    if (send_raw(t, p, n) < 0)
        return -1;
    xfer_progress(t);
    return 0;
}

/* Input that may hold zero blocks: with x->sparse they are skipped where
 * the runs are long enough, else everything is written. */
static int put_scanned(struct xfer *t, const char *p, size_t n)
{
    if (!t->x->sparse)
        return put_data(t, p, n);
    size_t i = 0;
    while (i < n) {
        size_t b = n - i < ZBLOCK ? n - i : ZBLOCK;
        if (memcmp(p + i, zeros, b) == 0) {
            t->hole += b;
            i += b;
            continue;
        }
        size_t j = i + b; /* the run of blocks with data */
        while (j < n) {
            size_t c = n - j < ZBLOCK ? n - j : ZBLOCK;
            if (memcmp(p + j, zeros, c) == 0)
                break;
            j += c;
        }
        if (put_data(t, p + i, j - i) < 0)
            return -1;
        i = j;
    }
    return 0;
}

/* Up to n bytes into buf, from `at` (pread) or the current position
 * (at < 0): a short count only at the end of the input. */
static ssize_t read_some(struct xfer *t, size_t n, off_t at)
{
    size_t got = 0;
    while (got < n) {
        ssize_t r = at >= 0 ? pread(t->fd, t->buf + got, n - got, at + (off_t)got)
                            : read(t->fd, t->buf + got, n - got);
        if (r < 0 && errno == EINTR && !shell_interrupted)
            continue;
        if (r < 0) {
            if (errno != EINTR)
                error(t->sh, "cannot read '%s': %s", t->file, strerror(errno));
            return -1;
        }
        if (r == 0)
            break;
        got += (size_t)r;
    }
    return (ssize_t)got;
}

/* Where the input is: x->done counts what was sent and skipped, t->hole
 * the zeros read but not yet either. */
static unsigned long long in_pos(const struct xfer *t)
{
    return t->x->done + t->hole;
}

/* How much more may be read: the rest of `length`, within `limit`. */
static unsigned long long room(const struct xfer *t)
{
    unsigned long long end = t->x->length ? t->x->length : ULLONG_MAX;
    if (t->x->limit && t->x->limit < end)
        end = t->x->limit + 1; /* one more byte tells the input is too big */
    return end - in_pos(t);
}

/* An input read front to back (a pipe, a device, a file without SEEK_DATA). */
static int upload_stream(struct xfer *t, off_t base)
{
    for (;;) {
        if (shell_interrupted)
            return t->x->interrupted = true, -1;
        unsigned long long left = room(t);
        if (!left)
            return 0;
        ssize_t n = read_some(t, left < CHUNK ? (size_t)left : CHUNK,
                              base >= 0 ? base + (off_t)in_pos(t) : -1);
        if (n < 0)
            return t->x->interrupted = shell_interrupted, -1;
        if (n == 0)
            return 0;
        if (t->x->limit && in_pos(t) + (unsigned long long)n > t->x->limit)
            return t->x->over_limit = true, -1;
        if (put_scanned(t, t->buf, (size_t)n) < 0)
            return -1;
    }
}

/* A regular file: its holes found with SEEK_DATA and SEEK_HOLE. */
static int upload_seeking(struct xfer *t, off_t base, unsigned long long end)
{
    while (in_pos(t) < end) {
        if (shell_interrupted)
            return t->x->interrupted = true, -1;
        off_t pos = base + (off_t)in_pos(t);
        off_t data = lseek(t->fd, pos, SEEK_DATA);
        if (data < 0 && errno != ENXIO)
            return upload_stream(t, base); /* no SEEK_DATA here: read it all */
        unsigned long long hole_to = data < 0 ? end : (unsigned long long)(data - base);
        if (hole_to > in_pos(t)) {
            t->hole += (hole_to < end ? hole_to : end) - in_pos(t);
            continue;
        }
        off_t h = lseek(t->fd, pos, SEEK_HOLE);
        unsigned long long data_to = h < 0 ? end : (unsigned long long)(h - base);
        if (data_to > end)
            data_to = end;
        while (in_pos(t) < data_to) {
            unsigned long long left = data_to - in_pos(t);
            ssize_t n = read_some(t, left < CHUNK ? (size_t)left : CHUNK, base + (off_t)in_pos(t));
            if (n <= 0)
                return n < 0 ? (t->x->interrupted = shell_interrupted, -1) : 0; /* it shrank */
            if (put_scanned(t, t->buf, (size_t)n) < 0)
                return -1;
            if (shell_interrupted)
                return t->x->interrupted = true, -1;
        }
    }
    return 0;
}

static int upload_body(struct xfer *t)
{
    struct stat st;
    off_t base = lseek(t->fd, 0, SEEK_CUR);
    if (fstat(t->fd, &st) == 0 && S_ISREG(st.st_mode) && base >= 0) {
        unsigned long long size = (unsigned long long)(st.st_size - base);
        unsigned long long end = t->x->length && t->x->length < size ? t->x->length : size;
        if (t->x->sparse)
            return upload_seeking(t, base, end);
    }
    return upload_stream(t, base >= 0 && S_ISREG(st.st_mode) ? base : -1);
}

int volstream_upload(struct shell *sh, virStorageVolPtr vol, int fd, const char *input,
                     struct volstream *x)
{
    struct xfer t = { .sh = sh, .fd = fd, .file = input, .x = x, .volp = vol,
                      .vol = virStorageVolGetName(vol), .buf = xmalloc(CHUNK) };
    progress_begin(&t.pr, stderr, sh->out.quiet, x->what);
    int rc = upload_body(&t);
    if (rc == 0 && t.hole) { /* zeros at the end: the volume has them */
        x->done += t.hole;
        x->hole_bytes += t.hole;
    }
    if (rc == 0)
        rc = seg_close(&t);
    progress_end(&t.pr);
    free(t.buf);
    if (rc < 0 && t.st) {
        virStreamAbort(t.st);
        virStreamFree(t.st);
        virResetLastError();
    }
    return rc;
}

/* ---- download ----------------------------------------------------------------- */

/* A hole of n bytes in the output: skipped where the output can seek,
 * zeros where it cannot. */
static int put_hole(struct xfer *t, unsigned long long n, bool seekable)
{
    if (seekable) {
        if (lseek(t->fd, (off_t)n, SEEK_CUR) < 0)
            return error(t->sh, "cannot seek in '%s': %s", t->file, strerror(errno)), -1;
        return 0;
    }
    while (n) {
        size_t c = n < sizeof(zeros) ? (size_t)n : sizeof(zeros);
        if (write_full(t->fd, zeros, c) < 0)
            return error(t->sh, "cannot write '%s': %s", t->file, strerror(errno)), -1;
        n -= c;
    }
    return 0;
}

static int download_body(struct xfer *t, bool seekable)
{
    for (;;) {
        if (shell_interrupted)
            return t->x->interrupted = true, -1;
        int n = t->x->sparse ? virStreamRecvFlags(t->st, t->buf, CHUNK, VIR_STREAM_RECV_STOP_AT_HOLE)
                             : virStreamRecv(t->st, t->buf, CHUNK);
        if (n == 0)
            return 0;
        if (n == -3) {
            long long len = 0;
            if (virStreamRecvHole(t->st, &len, 0) < 0)
                return err_libvirt(t->sh, "cannot receive data from volume '%s'", t->vol), -1;
            if (put_hole(t, (unsigned long long)len, seekable) < 0)
                return -1;
            t->x->done += (unsigned long long)len;
            t->x->hole_bytes += (unsigned long long)len;
        } else if (n < 0) {
            return err_libvirt(t->sh, "cannot receive data from volume '%s'", t->vol), -1;
        } else {
            if (write_full(t->fd, t->buf, (size_t)n) < 0)
                return error(t->sh, "cannot write '%s': %s", t->file, strerror(errno)), -1;
            t->x->done += (unsigned long long)n;
        }
        xfer_progress(t);
    }
}

int volstream_download(struct shell *sh, virStorageVolPtr vol, int fd, const char *output,
                       struct volstream *x)
{
    struct xfer t;
    if (xfer_begin(sh, vol, fd, output, x, &t) < 0)
        return -1;
    struct stat sb;
    off_t start = lseek(fd, 0, SEEK_CUR);
    bool seekable = fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode) && start >= 0;
    int rc = virStorageVolDownload(vol, t.st, x->offset, x->length,
                                   x->sparse ? VIR_STORAGE_VOL_DOWNLOAD_SPARSE_STREAM : 0);
    if (rc < 0)
        err_libvirt(sh, "cannot download from volume '%s'", t.vol);
    else
        rc = download_body(&t, seekable);
    if (xfer_end(&t, rc, "download from") < 0)
        return -1;
    /* A hole at the end was a seek: the file must still end there. */
    if (seekable && x->hole_bytes && ftruncate(fd, start + (off_t)x->done) < 0)
        return error(sh, "cannot write '%s': %s", output, strerror(errno)), -1;
    return 0;
}
