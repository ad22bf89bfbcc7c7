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

/* What one call sends or receives (contrib/BENCHMARKS-storage.md).
 * Sending: libvirt's packets carry up to 256 KiB, but 128 KiB uploads a
 * 1 GiB file 15-20% faster here (a message and its header fit the socket's
 * buffer, so no write stops halfway).  Receiving: the daemon sends 256 KiB
 * packets, and a smaller buffer splits each over several calls, each of
 * which wakes libvirt's event loop (a third more write calls). */
#define SEND_CHUNK (128 * 1024)
#define RECV_CHUNK (256 * 1024)
/* Zero runs shorter than this are sent as data (a file system block). */
#define ZBLOCK 4096

static const char zeros[ZBLOCK];

struct xfer {
    struct shell *sh;
    virStreamPtr st;
    int fd;
    const char *file;     /* the local side, for messages */
    const char *vol;
    struct volstream *x;
    struct progress pr;
    char *buf;            /* SEND_CHUNK or RECV_CHUNK bytes */
    unsigned long long hole; /* upload: zeros read, not yet written nor skipped */
};

/* The stream, its buffer and the progress line, for one transfer. */
static int xfer_begin(struct shell *sh, virStorageVolPtr vol, int fd, const char *file,
                      struct volstream *x, size_t bufsize, struct xfer *t)
{
    *t = (struct xfer){ .sh = sh, .fd = fd, .file = file, .x = x, .vol = virStorageVolGetName(vol) };
    if (!(t->st = virStreamNew(sh->conn, 0)))
        return err_libvirt(sh, "cannot create a stream"), -1;
    t->buf = xmalloc(bufsize);
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

/* A run of zeros this long found in the data becomes a hole (with
 * x->sparse); a shorter one is sent as data. */
#define MIN_HOLE (64 * 1024)

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

/* A hole of the input (counted), or the one after it (not). */
static int send_hole(struct xfer *t, unsigned long long n, bool counted)
{
    if (virStreamSendHole(t->st, (long long)n, 0) < 0)
        return err_libvirt(t->sh, "cannot send data to volume '%s'", t->vol), -1;
    if (counted) {
        t->x->done += n;
        t->x->hole_bytes += n;
    }
    return 0;
}

/* The zeros read and not yet sent: a hole where they may be skipped and
 * are long enough, else zeros. */
static int flush_zeros(struct xfer *t)
{
    if (t->x->sparse && t->hole >= MIN_HOLE) {
        int rc = send_hole(t, t->hole, true);
        t->hole = 0;
        return rc;
    }
    for (; t->hole; t->hole -= t->hole < sizeof(zeros) ? t->hole : sizeof(zeros))
        if (send_raw(t, zeros, t->hole < sizeof(zeros) ? (size_t)t->hole : sizeof(zeros)) < 0)
            return -1;
    return 0;
}

/* Data at the current position, after the zeros before it. */
static int put_data(struct xfer *t, const char *p, size_t n)
{
    if (flush_zeros(t) < 0 || send_raw(t, p, n) < 0)
        return -1;
    xfer_progress(t);
    return 0;
}

/* Input that may hold zero blocks: with x->sparse long runs of them become
 * holes, else everything is sent. */
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

/* Where the input is: x->done counts what was sent (holes included),
 * t->hole the zeros read but not sent yet. */
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

/* What one read for a send takes: a send's worth, or the `left` bytes. */
static size_t send_size(unsigned long long left)
{
    return left < SEND_CHUNK ? (size_t)left : SEND_CHUNK;
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
        ssize_t n = read_some(t, send_size(left), base >= 0 ? base + (off_t)in_pos(t) : -1);
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
            /* with the zeros before it, if any: one hole */
            unsigned long long n = (hole_to < end ? hole_to : end) - in_pos(t) + t->hole;
            t->hole = 0;
            if (send_hole(t, n, true) < 0)
                return -1;
            xfer_progress(t);
            continue;
        }
        off_t h = lseek(t->fd, pos, SEEK_HOLE);
        unsigned long long data_to = h < 0 ? end : (unsigned long long)(h - base);
        if (data_to > end)
            data_to = end;
        while (in_pos(t) < data_to) {
            unsigned long long left = data_to - in_pos(t);
            ssize_t n = read_some(t, send_size(left), base + (off_t)in_pos(t));
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

/* After the input: the zeros at its end, and the file back to the size it
 * had (each hole left it ending there: virt/volstream.h). */
static int upload_tail(struct xfer *t)
{
    if (flush_zeros(t) < 0)
        return -1;
    unsigned long long at = t->x->offset + t->x->done;
    if (t->x->sparse_stream && t->x->size_before > at)
        return send_hole(t, t->x->size_before - at, false);
    return 0;
}

int volstream_upload(struct shell *sh, virStorageVolPtr vol, int fd, const char *input,
                     struct volstream *x)
{
    struct xfer t;
    if (xfer_begin(sh, vol, fd, input, x, SEND_CHUNK, &t) < 0)
        return -1;
    x->sparse_stream |= x->sparse;
    if (virStorageVolUpload(vol, t.st, x->offset, 0,
                            x->sparse_stream ? VIR_STORAGE_VOL_UPLOAD_SPARSE_STREAM : 0) < 0) {
        err_libvirt(sh, "cannot upload to volume '%s'", t.vol);
        return xfer_end(&t, -1, "upload to");
    }
    int rc = upload_body(&t);
    if (rc == 0)
        return xfer_end(&t, upload_tail(&t), "upload to");
    if (!x->interrupted && !x->over_limit)
        return xfer_end(&t, rc, "upload to");
    /* Ctrl-C, or more input than the volume takes: what was read goes in
     * and the file gets its size back, so that the volume holds the input's
     * start; an error here is reported instead. */
    if (xfer_end(&t, upload_tail(&t), "upload to") < 0)
        x->interrupted = x->over_limit = false;
    return -1;
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
        int n = t->x->sparse ? virStreamRecvFlags(t->st, t->buf, RECV_CHUNK, VIR_STREAM_RECV_STOP_AT_HOLE)
                             : virStreamRecv(t->st, t->buf, RECV_CHUNK);
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
    if (xfer_begin(sh, vol, fd, output, x, RECV_CHUNK, &t) < 0)
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
