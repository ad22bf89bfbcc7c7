/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * cmd/volume-xfer.c - vol-upload and vol-download: a volume's data to and
 * from a file, or standard input and output ("-"), through
 * virt/volstream.h.
 *
 * A download goes to a temporary file next to the final one
 * (FILE.part-XXXXXX), renamed over FILE only once all of it arrived: a
 * failure, Ctrl-C or a kill never leaves a partial download under FILE
 * (a kill may leave the .part file).  Devices, pipes and standard output
 * are written directly.
 */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <libvirt/libvirt.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/interrupt.h"
#include "core/util.h"
#include "virt/context.h"
#include "virt/err.h"
#include "virt/storage.h"
#include "virt/volstream.h"
#include "cmd/pool.h"

struct xfer_args {
    const char *vol, *file, *pool;
    long long offset, length;
    bool sparse;
};

static void close_fdp(int *fd)
{
    if (*fd > STDERR_FILENO)
        close(*fd);
}
#define _cleanup_fd_ _cleanup_(close_fdp)

/* The JSON of a finished transfer. */
static void report(struct shell *sh, virStorageVolPtr v, const char *result, const struct volstream *x)
{
    if (sh->out.mode != OUT_JSON)
        return; /* virsh prints nothing */
    _cleanup_json_ struct json_object *o = storage_vol_ident_json(v);
    json_object_object_add(o, "result", json_object_new_string(result));
    json_object_object_add(o, "offset_bytes", json_object_new_int64((int64_t)x->offset));
    json_object_object_add(o, "bytes", json_object_new_int64((int64_t)x->done));
    json_object_object_add(o, "hole_bytes", json_object_new_int64((int64_t)x->hole_bytes));
    out_value(&sh->out, o, "");
}

static const char *shown(const char *file)
{
    return str_eq(file, "-") ? "standard input" : file;
}

/* ---- vol-upload ------------------------------------------------------------- */

/* Whether the input fits: a regular file or a device is measured, a pipe
 * is stopped when more comes (x->limit). */
static int check_fit(struct shell *sh, int fd, const char *file, const char *name,
                     const virStorageVolInfo *info, struct volstream *x)
{
    if (x->offset > info->capacity)
        return error(sh, "offset %llu is past the end of volume '%s' (%llu bytes)", x->offset, name,
                     info->capacity);
    x->limit = info->capacity - x->offset;
    struct stat st;
    off_t end = -1;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode))
        end = st.st_size;
    else if (S_ISBLK(st.st_mode) && (end = lseek(fd, 0, SEEK_END)) >= 0)
        lseek(fd, 0, SEEK_SET);
    if (end < 0)
        return CMD_OK;
    unsigned long long size = (unsigned long long)end;
    if (x->length && x->length < size)
        size = x->length;
    x->total = size;
    if (size > x->limit) {
        _cleanup_free_ char *have = storage_pretty_size(size);
        _cleanup_free_ char *room = storage_pretty_size(x->limit);
        return error(sh, "'%s' (%s) does not fit in volume '%s' (%s from offset %llu)", file, have,
                     name, room, x->offset);
    }
    return CMD_OK;
}

/* The volume's file's size: its capacity where the driver cannot tell. */
static unsigned long long physical_size(virStorageVolPtr v, const virStorageVolInfo *info)
{
    virStorageVolInfo phys;
    if (virStorageVolGetInfoFlags(v, &phys, VIR_STORAGE_VOL_GET_PHYSICAL) == 0)
        return phys.allocation; /* with this flag: the physical size */
    virResetLastError();
    return info->capacity;
}

static int cmd_vol_upload(struct shell *sh, void *opaque)
{
    struct xfer_args *a = opaque;
    _cleanup_vol_ virStorageVolPtr v = storage_vol_lookup(sh, a->vol, a->pool);
    if (!v)
        return CMD_FAILED;
    const char *name = virStorageVolGetName(v);
    virStorageVolInfo info;
    if (virStorageVolGetInfo(v, &info) < 0)
        return err_libvirt(sh, "cannot get the size of volume '%s'", a->vol);
    bool in_stdin = str_eq(a->file, "-");
    _cleanup_fd_ int fd = in_stdin ? STDIN_FILENO : open(a->file, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return error(sh, "cannot read '%s': %s", a->file, strerror(errno));
    struct volstream x = { .offset = (unsigned long long)a->offset,
                           .length = (unsigned long long)a->length };
    int rc = check_fit(sh, fd, shown(a->file), name, &info, &x);
    if (rc)
        return rc;
    /* Holes only where the volume reads as zeros; a file volume gets its
     * size back at the end (virt/volstream.h). */
    x.sparse = a->sparse && info.allocation == 0;
    x.sparse_stream = a->sparse;
    if (a->sparse && info.type == VIR_STORAGE_VOL_FILE)
        x.size_before = physical_size(v, &info);
    if (a->sparse && !x.sparse)
        err_note(sh, "volume '%s' already holds data: the file's holes are written as zeros",
                 name);
    _cleanup_free_ char *what = xasprintf("uploading %s to '%s'", in_stdin ? "standard input" : a->file,
                                          name);
    x.what = what;
    if (volstream_upload(sh, v, fd, a->file, &x) == 0) {
        report(sh, v, "uploaded", &x);
        return CMD_OK;
    }
    if (x.interrupted)
        return error(sh, "upload to volume '%s' stopped by Ctrl-C after %llu of its bytes: run "
                     "vol-upload again", name, x.done);
    if (x.over_limit)
        return error(sh, "%s holds more than volume '%s' takes (%llu bytes from offset %llu): the "
                     "upload was stopped, the volume holds the first %llu bytes", shown(a->file), name,
                     x.limit, x.offset, x.done);
    return CMD_FAILED;
}

/* ---- vol-download ------------------------------------------------------------- */

struct out_file {
    char *final;   /* where the data goes (symbolic links followed) */
    char *part;    /* the temporary file, or NULL: written directly */
    int fd;
};

static void out_file_clear(struct out_file *o)
{
    if (o->fd > STDERR_FILENO)
        close(o->fd);
    if (o->part)
        unlink(o->part);
    free(o->part);
    free(o->final);
}

/* Open where the data goes: a temporary file beside a regular (or new)
 * FILE, else FILE itself (a device, a pipe). */
static int out_open(struct shell *sh, const char *file, struct out_file *o)
{
    struct stat st;
    o->final = realpath(file, NULL); /* through symbolic links: replace the file, not the link */
    if (!o->final)
        o->final = xstrdup(file);
    bool exists = stat(o->final, &st) == 0;
    if (exists && S_ISDIR(st.st_mode))
        return error(sh, "cannot create '%s': %s", file, strerror(EISDIR));
    if (exists && !S_ISREG(st.st_mode)) {
        o->fd = open(o->final, O_WRONLY | O_CLOEXEC);
        if (o->fd < 0)
            return error(sh, "cannot open '%s': %s", file, strerror(errno));
        return CMD_OK;
    }
    o->part = xasprintf("%s.part-XXXXXX", o->final);
    o->fd = mkostemp(o->part, O_CLOEXEC);
    if (o->fd < 0) {
        int e = errno;
        free(o->part);
        o->part = NULL;
        _cleanup_free_ char *dir = xstrdup(o->final);
        return error(sh, "cannot create a file in '%s': %s", dirname(dir), strerror(e));
    }
    /* the mode the file would get, or has */
    mode_t mask = umask(0);
    umask(mask);
    if (fchmod(o->fd, exists ? st.st_mode & 07777 : 0666 & ~mask) < 0)
        return error(sh, "cannot create '%s': %s", o->part, strerror(errno));
    return CMD_OK;
}

/* The download is whole: the temporary file becomes FILE. */
static int out_commit(struct shell *sh, const char *file, struct out_file *o)
{
    int fd = o->fd;
    o->fd = -1;
    if (close(fd) < 0)
        return error(sh, "cannot write '%s': %s", file, strerror(errno));
    if (o->part && rename(o->part, o->final) < 0)
        return error(sh, "cannot rename '%s' to '%s': %s", o->part, file, strerror(errno));
    free(o->part);
    o->part = NULL;
    return CMD_OK;
}

static int cmd_vol_download(struct shell *sh, void *opaque)
{
    struct xfer_args *a = opaque;
    bool to_stdout = str_eq(a->file, "-");
    if (to_stdout && isatty(STDOUT_FILENO))
        return usage_error(sh, "standard output is a terminal: give a file, or redirect it");
    if (to_stdout) /* it holds the data and nothing else: no blank line after it */
        out_line_ends_command(&sh->out);
    _cleanup_vol_ virStorageVolPtr v = storage_vol_lookup(sh, a->vol, a->pool);
    if (!v)
        return CMD_FAILED;
    const char *name = virStorageVolGetName(v);
    virStorageVolInfo info;
    if (virStorageVolGetInfoFlags(v, &info, VIR_STORAGE_VOL_GET_PHYSICAL) < 0 &&
        virStorageVolGetInfo(v, &info) < 0)
        return err_libvirt(sh, "cannot get the size of volume '%s'", a->vol);
    virResetLastError();
    _cleanup_(out_file_clear) struct out_file o = { .fd = STDOUT_FILENO };
    int rc = to_stdout ? CMD_OK : out_open(sh, a->file, &o);
    if (rc)
        return rc;
    _cleanup_free_ char *what = xasprintf("downloading '%s' to %s", name,
                                          to_stdout ? "standard output" : a->file);
    struct volstream x = { .offset = (unsigned long long)a->offset,
                           .length = (unsigned long long)a->length, .sparse = a->sparse, .what = what };
    unsigned long long left = info.allocation > x.offset ? info.allocation - x.offset : 0;
    x.total = x.length && x.length < left ? x.length : left;
    if (volstream_download(sh, v, o.fd, to_stdout ? "standard output" : a->file, &x) < 0) {
        if (x.interrupted)
            return error(sh, "download of volume '%s' stopped by Ctrl-C: %s", name,
                         to_stdout ? "the output is incomplete" : "nothing was written to the file");
        return CMD_FAILED;
    }
    if (to_stdout)
        return CMD_OK;
    if ((rc = out_commit(sh, a->file, &o)))
        return rc;
    report(sh, v, "downloaded", &x);
    return CMD_OK;
}

/* ---- the rows -------------------------------------------------------------------- */

#define XFER_OPTS(what_file, offset_help, length_help) \
    ARG_VOL(struct xfer_args, vol), \
    OPT_STRING(struct xfer_args, "file", file, what_file, .flags = ARG_REQUIRED, \
               .complete = COMPL_FILE), \
    OPT_VOL_POOL(struct xfer_args, pool), \
    OPT_INT(struct xfer_args, "offset", offset, 0, LLONG_MAX, offset_help, \
            .flags = OPT_POSITIONAL, .metavar = "BYTES"), \
    OPT_INT(struct xfer_args, "length", length, 0, LLONG_MAX, length_help, \
            .flags = OPT_POSITIONAL, .metavar = "BYTES")

#define RESULT_XFER \
    RESULT_OBJECT({ "name", RT_STRING, "the volume's name" }, \
                  { "key", RT_STRING | RT_NULL, "its key" }, \
                  { "path", RT_STRING | RT_NULL, "its path" }, \
                  { "result", RT_STRING, "uploaded or downloaded" }, \
                  { "offset_bytes", RT_INT, "where in the volume it began" }, \
                  { "bytes", RT_INT, "how much, holes included" }, \
                  { "hole_bytes", RT_INT, "of which holes" })

const struct cmd_def volume_xfer_cmds[] = {
    { .name = "vol-upload", .summary = "write a file's contents into a storage volume",
      .desc = "FILE '-' is standard input.  An input larger than the volume (from --offset) is "
              "refused before anything is written.  With --sparse the file's holes (and, from a "
              "pipe, runs of zero blocks) are not written to a volume that holds no data yet "
              "(allocation 0, as vol-create-as makes a raw volume with --allocation 0), so they "
              "stay holes; a volume that holds data gets zeros there (skipping them would keep its "
              "old data).  "
              "Nothing is printed (JSON: what was sent).  A progress line shows on a terminal; "
              "Ctrl-C stops the upload.",
      .run = cmd_vol_upload, .args_size = sizeof(struct xfer_args), .flags = CMD_MODIFIES,
      .opts = OPTS(XFER_OPTS("the file to read ('-': standard input)",
                             "where in the volume to write", "how much to write (default: all)"),
                   OPT_FLAG(struct xfer_args, "sparse", sparse, "keep the file's holes")),
      .result = RESULT_XFER },
    { .name = "vol-download", .summary = "write a storage volume's contents into a file",
      .desc = "FILE '-' is standard output, which then gets the data and nothing else.  The data "
              "goes to FILE.part-XXXXXX next to FILE and takes FILE's place once complete, so a "
              "failure or Ctrl-C never leaves part of it under FILE.  With --sparse the volume's "
              "holes stay holes in the file (zeros on standard output).  A progress line shows on a "
              "terminal.",
      .run = cmd_vol_download, .args_size = sizeof(struct xfer_args),
      .opts = OPTS(XFER_OPTS("the file to write ('-': standard output)",
                             "where in the volume to start", "how much to read (default: all)"),
                   OPT_FLAG(struct xfer_args, "sparse", sparse, "keep the volume's holes")),
      .result = RESULT_XFER },
    { 0 },
};
