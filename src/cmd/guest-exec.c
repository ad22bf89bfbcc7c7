/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * cmd/guest-exec.c - what virsh lacks: guest-exec that waits for the program and
 * passes its output and exit status on, and chunked file transfers with the
 * guest-file-* commands.
 */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/base64.h"
#include "core/util.h"
#include "virt/conn.h"
#include "virt/context.h"
#include "virt/domain.h"
#include "virt/err.h"
#include "guest/agent.h"
#include "cmd/guest.h"

/*
 * Bytes per guest-file-read and guest-file-write.  Measured on a TCG guest
 * (qemu-ga 7.2, 3 MB file): reads take 0.40 s with 48 KiB chunks, 0.30 s
 * with 256 KiB, no better beyond; writes 0.93 s with 48 KiB, 0.89 s with
 * 64 KiB, 0.84 s with 128 KiB, and a request over about 256 KiB (192 KiB of
 * data in base64) never gets an answer: the agent stops responding until
 * libvirt's timeout.  So writes stay far below that.
 */
#define READ_CHUNK (256u * 1024)
#define WRITE_CHUNK (64u * 1024)
/* The most --stdin sends: it travels in one request. */
#define STDIN_MAX (16u << 20)

/* Sleep ms milliseconds; false if Ctrl-C came. */
static bool nap(long ms)
{
    struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
    while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
        if (shell_interrupted)
            return false;
    return !shell_interrupted;
}

static bool utf8_valid(const unsigned char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        unsigned char c = s[i];
        size_t k;
        if (c < 0x80)
            k = 0;
        else if (c >= 0xC2 && c <= 0xDF)
            k = 1;
        else if ((c & 0xF0) == 0xE0)
            k = 2;
        else if (c >= 0xF0 && c <= 0xF4)
            k = 3;
        else
            return false;
        if (k >= n - i)
            return false;
        for (size_t j = 1; j <= k; j++)
            if ((s[i + j] & 0xC0) != 0x80)
                return false;
        i += k + 1;
    }
    return true;
}

static long long get_int(struct json_object *o, const char *key, long long def)
{
    struct json_object *v;
    if (o && json_object_object_get_ex(o, key, &v) && v)
        return json_object_get_int64(v);
    return def;
}

static bool get_bool(struct json_object *o, const char *key)
{
    struct json_object *v;
    return o && json_object_object_get_ex(o, key, &v) && json_object_get_boolean(v);
}

/* Decode a base64 member; NULL with *len 0 if absent.  -1 if malformed. */
static int get_b64(struct json_object *o, const char *key, unsigned char **ret, size_t *len)
{
    struct json_object *v;
    *ret = NULL;
    *len = 0;
    if (!json_object_object_get_ex(o, key, &v) || !v)
        return 0;
    *ret = base64_decode(json_object_get_string(v), len);
    return *ret ? 0 : -1;
}

/* ---------------------------------------------------------------- guest-exec */

static void add_output(struct json_object *o, const char *key, const unsigned char *data, size_t len)
{
    _cleanup_free_ char *k = xasprintf("%s_base64", key);
    if (utf8_valid(data, len) && !memchr(data, '\0', len)) {
        json_object_object_add(o, key, json_object_new_string_len((const char *)data, (int)len));
        json_object_object_add(o, k, NULL);
    } else {
        _cleanup_free_ char *b64 = base64_encode(data, len);
        json_object_object_add(o, key, NULL);
        json_object_object_add(o, k, json_object_new_string(b64));
    }
}

struct exec_args {
    const char *domain;
    long long timeout;  /* seconds, 0: no limit */
    struct strv env;
    const char *stdin_path;
    struct strv argv;
};

static struct json_object *exec_request_args(struct exec_args *a, const char *input, size_t input_len)
{
    struct json_object *args = json_object_new_object();
    json_object_object_add(args, "path", json_object_new_string(a->argv.v[0]));
    if (a->argv.n > 1) {
        struct json_object *arg = json_object_new_array();
        for (size_t i = 1; i < a->argv.n; i++)
            json_object_array_add(arg, json_object_new_string(a->argv.v[i]));
        json_object_object_add(args, "arg", arg);
    }
    if (a->env.n) {
        struct json_object *env = json_object_new_array();
        for (size_t i = 0; i < a->env.n; i++)
            json_object_array_add(env, json_object_new_string(a->env.v[i]));
        json_object_object_add(args, "env", env);
    }
    if (input) {
        _cleanup_free_ char *b64 = base64_encode(input, input_len);
        json_object_object_add(args, "input-data", json_object_new_string(b64));
    }
    json_object_object_add(args, "capture-output", json_object_new_boolean(true));
    return args;
}

/* Poll guest-exec-status with growing pauses until the program exits. */
static int exec_wait(struct shell *sh, struct agent_target *t, struct exec_args *a, long long pid,
                     struct json_object **ret_status)
{
    double deadline = a->timeout > 0 ? now_ms() + (double)a->timeout * 1000 : 0;
    long pause = 5;
    for (;;) {
        struct json_object *args = json_object_new_object(), *st = NULL;
        json_object_object_add(args, "pid", json_object_new_int64(pid));
        if (agent_call(sh, t, "guest-exec-status", args, AGENT_TIMEOUT_DEFAULT, &st) != CMD_OK)
            return CMD_FAILED;
        if (get_bool(st, "exited")) {
            *ret_status = st;
            return CMD_OK;
        }
        json_object_put(st);
        if (deadline && now_ms() >= deadline)
            return err_set(sh, 124, "'%s' (pid %lld) still runs in domain '%s' after %lld s: "
                           "stopped waiting", a->argv.v[0], pid, a->domain, a->timeout);
        long ms = pause;
        if (deadline && now_ms() + (double)ms > deadline)
            ms = (long)(deadline - now_ms()) + 1;
        if (!nap(ms))
            return err_set(sh, 130, "interrupted: stopped waiting for '%s' (pid %lld) in domain '%s'; "
                           "it may still be running", a->argv.v[0], pid, a->domain);
        if (pause < 500)
            pause = pause * 3 / 2 + 1;
    }
}

static int cmd_agent_guest_exec(struct shell *sh, void *opaque)
{
    struct exec_args *a = opaque;
    for (size_t i = 0; i < a->env.n; i++) {
        const char *eq = strchr(a->env.v[i], '=');
        if (!eq || eq == a->env.v[i])
            return usage_error(sh, "invalid value '%s' for '--env': expected NAME=VALUE", a->env.v[i]);
    }
    _cleanup_free_ char *input = NULL;
    size_t input_len = 0;
    if (a->stdin_path) {
        bool std = str_eq(a->stdin_path, "-");
        int fd = std ? STDIN_FILENO : open(a->stdin_path, O_RDONLY | O_CLOEXEC);
        if (fd < 0)
            return error(sh, "cannot open '%s': %s", a->stdin_path, strerror(errno));
        input = read_fd(fd, STDIN_MAX, &input_len);
        int e = errno;
        if (!std)
            close(fd);
        if (!input && e == EFBIG)
            return error(sh, "'%s' is too large for --stdin (at most %u MiB)", a->stdin_path, STDIN_MAX >> 20);
        if (!input)
            return error(sh, "cannot read '%s': %s", std ? "standard input" : a->stdin_path, strerror(e));
    }

    _cleanup_domain_ virDomainPtr dom = conn_lookup_domain(sh, a->domain);
    if (!dom)
        return CMD_FAILED;
    struct agent_target t = { .dom = dom };
    _cleanup_json_ struct json_object *started = NULL, *st = NULL;
    if (agent_call(sh, &t, "guest-exec", exec_request_args(a, input, input_len), AGENT_TIMEOUT_DEFAULT,
                   &started) != CMD_OK)
        return CMD_FAILED;
    long long pid = get_int(started, "pid", -1);
    if (pid < 0)
        return error(sh, "guest-exec sent no pid");
    int rc = exec_wait(sh, &t, a, pid, &st);
    if (rc != CMD_OK)
        return rc;

    _cleanup_free_ unsigned char *out = NULL, *err = NULL;
    size_t out_len, err_len;
    if (get_b64(st, "out-data", &out, &out_len) < 0 || get_b64(st, "err-data", &err, &err_len) < 0)
        return error(sh, "guest-exec-status sent output that is not base64");
    long long code = get_int(st, "exitcode", -1), sig = get_int(st, "signal", -1);
    int status = sig > 0 ? 128 + (int)(sig & 127) : code >= 0 ? (int)(code & 255) : CMD_FAILED;

    if (sh->out.mode == OUT_JSON) {
        _cleanup_json_ struct json_object *o = json_object_new_object();
        json_object_object_add(o, "pid", json_object_new_int64(pid));
        json_object_object_add(o, "exitcode", code >= 0 ? json_object_new_int64(code) : NULL);
        json_object_object_add(o, "signal", sig > 0 ? json_object_new_int64(sig) : NULL);
        add_output(o, "stdout", out, out_len);
        add_output(o, "stderr", err, err_len);
        json_object_object_add(o, "truncated", json_object_new_boolean(get_bool(st, "out-truncated") ||
                                                                        get_bool(st, "err-truncated")));
        out_value(&sh->out, o, "");
    } else {
        if (out_len)
            fwrite(out, 1, out_len, sh->out.fp);
        fflush(sh->out.fp);
        if (err_len)
            fwrite(err, 1, err_len, stderr);
        fflush(stderr);
    }
    if (get_bool(st, "out-truncated"))
        err_warn(sh, "the agent kept only the start of the program's standard output");
    if (get_bool(st, "err-truncated"))
        err_warn(sh, "the agent kept only the start of the program's standard error");
    if (sig > 0 && sh->out.mode != OUT_JSON && !sh->out.quiet)
        err_note(sh, "'%s' was killed by signal %lld in the guest", a->argv.v[0], sig);
    return status;
}

/* ---------------------------------------------------------------- file transfers */

struct progress {
    bool on;
    const char *what;
    long long total; /* -1: unknown */
    double last;
};

static void human(char *buf, size_t len, long long n)
{
    if (n < 1024)
        snprintf(buf, len, "%lld B", n);
    else if (n < 1024 * 1024)
        snprintf(buf, len, "%.1f KiB", (double)n / 1024);
    else
        snprintf(buf, len, "%.1f MiB", (double)n / (1024 * 1024));
}

static void progress_show(struct progress *p, long long done, bool last)
{
    if (!p->on)
        return;
    double t = now_ms();
    if (!last && t - p->last < 100)
        return;
    p->last = t;
    char d[32], tot[32];
    human(d, sizeof(d), done);
    if (p->total > 0) {
        human(tot, sizeof(tot), p->total);
        fprintf(stderr, "\r%s: %s of %s (%lld%%)\033[K", p->what, d, tot, done * 100 / p->total);
    } else {
        fprintf(stderr, "\r%s: %s\033[K", p->what, d);
    }
    if (last)
        fputs("\r\033[K", stderr);
    fflush(stderr);
}

static void progress_init(struct shell *sh, struct progress *p, const char *what, long long total)
{
    *p = (struct progress){ .on = isatty(STDERR_FILENO) && !sh->out.quiet && sh->out.mode != OUT_JSON,
                            .what = what, .total = total };
}

static int report_copy(struct shell *sh, virDomainPtr dom, const char *guest_path, const char *local,
                       long long bytes, const char *text)
{
    _cleanup_json_ struct json_object *o = domain_ident_json(dom);
    json_object_object_add(o, "guest_path", json_object_new_string(guest_path));
    json_object_object_add(o, "local", json_object_new_string(local));
    json_object_object_add(o, "bytes", json_object_new_int64(bytes));
    out_message(&sh->out, o, text);
    return CMD_OK;
}

static int file_open(struct shell *sh, struct agent_target *t, const char *path, const char *mode,
                     long long *ret_handle)
{
    struct json_object *args = json_object_new_object(), *h = NULL;
    json_object_object_add(args, "path", json_object_new_string(path));
    json_object_object_add(args, "mode", json_object_new_string(mode));
    if (agent_call(sh, t, "guest-file-open", args, AGENT_TIMEOUT_DEFAULT, &h) != CMD_OK)
        return CMD_FAILED;
    *ret_handle = json_object_get_int64(h);
    json_object_put(h);
    return CMD_OK;
}

static struct json_object *handle_args(long long handle)
{
    struct json_object *args = json_object_new_object();
    json_object_object_add(args, "handle", json_object_new_int64(handle));
    return args;
}

/* Close the guest handle.  On an error path the first error stays the one reported. */
static int file_close(struct shell *sh, struct agent_target *t, long long handle)
{
    return agent_call(sh, t, "guest-file-close", handle_args(handle), AGENT_TIMEOUT_DEFAULT, NULL);
}

/* Seek; returns the new position, or -1 (error recorded unless quiet). */
static long long file_seek(struct shell *sh, struct agent_target *t, long long handle, long long off,
                           const char *whence)
{
    struct json_object *args = handle_args(handle), *r = NULL;
    json_object_object_add(args, "offset", json_object_new_int64(off));
    json_object_object_add(args, "whence", json_object_new_string(whence));
    if (agent_call(sh, t, "guest-file-seek", args, AGENT_TIMEOUT_DEFAULT, &r) != CMD_OK)
        return -1;
    long long pos = get_int(r, "position", -1);
    json_object_put(r);
    return pos;
}

/* Read the open guest file into fd; returns the bytes copied or -1. */
static long long copy_out(struct shell *sh, struct agent_target *t, long long handle, int fd,
                          struct progress *p, const char *guest_path, const char *local)
{
    long long total = 0;
    for (;;) {
        if (shell_interrupted) {
            err_set(sh, 130, "interrupted: the copy of '%s' stopped after %lld bytes", guest_path, total);
            return -1;
        }
        struct json_object *args = handle_args(handle);
        json_object_object_add(args, "count", json_object_new_int64(READ_CHUNK));
        _cleanup_json_ struct json_object *r = NULL;
        if (agent_call(sh, t, "guest-file-read", args, AGENT_TIMEOUT_DEFAULT, &r) != CMD_OK)
            return -1;
        _cleanup_free_ unsigned char *data = NULL;
        size_t len;
        if (get_b64(r, "buf-b64", &data, &len) < 0) {
            error(sh, "guest-file-read sent data that is not base64");
            return -1;
        }
        long long count = get_int(r, "count", -1);
        if (count != (long long)len) {
            error(sh, "guest-file-read said %lld bytes but sent %zu", count, len);
            return -1;
        }
        if (len && write_full(fd, data, len) < 0) {
            error(sh, "cannot write to '%s': %s", local, strerror(errno));
            return -1;
        }
        total += (long long)len;
        progress_show(p, total, false);
        if (get_bool(r, "eof") || len == 0)
            return total;
    }
}

struct file_get_args {
    const char *domain;
    const char *guest_path;
    const char *local;
};

static int cmd_agent_file_get(struct shell *sh, void *opaque)
{
    struct file_get_args *a = opaque;
    bool to_stdout = !a->local || str_eq(a->local, "-");
    const char *local = to_stdout ? "standard output" : a->local;
    _cleanup_domain_ virDomainPtr dom = conn_lookup_domain(sh, a->domain);
    if (!dom)
        return CMD_FAILED;
    struct agent_target t = { .dom = dom };

    /* A temporary file beside LOCAL, renamed over it only once complete. */
    _cleanup_free_ char *tmp = NULL;
    int fd = -1;
    if (to_stdout) {
        fflush(sh->out.fp);
        fd = fileno(sh->out.fp);
    } else {
        struct stat st;
        if (stat(a->local, &st) == 0 && S_ISDIR(st.st_mode))
            return error(sh, "'%s' is a directory: give the file name to write", a->local);
        _cleanup_free_ char *d1 = xstrdup(a->local), *b1 = xstrdup(a->local);
        tmp = xasprintf("%s/.%s.virtsh-XXXXXX", dirname(d1), basename(b1));
        fd = mkostemp(tmp, O_CLOEXEC);
        if (fd < 0)
            return error(sh, "cannot create a file beside '%s': %s", a->local, strerror(errno));
    }

    long long handle, size = -1, got = -1;
    int rc = file_open(sh, &t, a->guest_path, "r", &handle);
    if (rc == CMD_OK) {
        /* The size, to check the copy against: seek to the end and back.
         * Files that cannot seek (pipes, /proc) are copied unchecked. */
        size = file_seek(sh, &t, handle, 0, "end");
        if (size >= 0 && file_seek(sh, &t, handle, 0, "set") != 0) {
            rc = CMD_FAILED;
        } else {
            if (size < 0)
                err_clear(sh);
            struct progress p;
            progress_init(sh, &p, a->guest_path, size);
            got = copy_out(sh, &t, handle, fd, &p, a->guest_path, local);
            progress_show(&p, got < 0 ? 0 : got, true);
            if (got < 0)
                rc = sh->err.status ? sh->err.status : CMD_FAILED;
            else if (size > 0 && got < size)
                rc = error(sh, "'%s' arrived incomplete: %lld of %lld bytes", a->guest_path, got, size);
        }
        if (file_close(sh, &t, handle) != CMD_OK && rc == CMD_OK)
            rc = CMD_FAILED;
    }

    if (to_stdout)
        return rc;
    if (rc == CMD_OK) {
        mode_t mask = umask(0);
        umask(mask);
        if (fchmod(fd, 0666 & ~mask) < 0 || fsync(fd) < 0 || rename(tmp, a->local) < 0)
            rc = error(sh, "cannot write '%s': %s", a->local, strerror(errno));
    }
    close(fd);
    if (rc != CMD_OK) {
        unlink(tmp);
        return rc;
    }
    _cleanup_free_ char *text = xasprintf("Copied %lld bytes from '%s' in domain '%s' to '%s'", got,
                                          a->guest_path, virDomainGetName(dom), a->local);
    return report_copy(sh, dom, a->guest_path, a->local, got, text);
}

/* Send fd to the open guest file; returns the bytes sent or -1. */
static long long copy_in(struct shell *sh, struct agent_target *t, long long handle, int fd,
                         struct progress *p, const char *local)
{
    _cleanup_free_ char *buf = xmalloc(WRITE_CHUNK);
    long long total = 0;
    for (;;) {
        size_t len = 0;
        while (len < WRITE_CHUNK) { /* full chunks, so pipes do not make tiny writes */
            ssize_t n = read(fd, buf + len, WRITE_CHUNK - len);
            if (n < 0 && errno == EINTR && !shell_interrupted)
                continue;
            if (n < 0) {
                if (errno == EINTR)
                    break;
                error(sh, "cannot read '%s': %s", local, strerror(errno));
                return -1;
            }
            if (n == 0)
                break;
            len += (size_t)n;
        }
        if (shell_interrupted) {
            err_set(sh, 130, "interrupted after %lld bytes", total);
            return -1;
        }
        if (len == 0)
            return total;
        struct json_object *args = handle_args(handle), *r = NULL;
        _cleanup_free_ char *b64 = base64_encode(buf, len);
        json_object_object_add(args, "buf-b64", json_object_new_string(b64));
        if (agent_call(sh, t, "guest-file-write", args, AGENT_TIMEOUT_DEFAULT, &r) != CMD_OK)
            return -1;
        long long count = get_int(r, "count", -1);
        json_object_put(r);
        if (count != (long long)len) {
            error(sh, "guest-file-write wrote %lld of %zu bytes", count, len);
            return -1;
        }
        total += (long long)len;
        progress_show(p, total, false);
    }
}

struct file_put_args {
    const char *domain;
    const char *local;
    const char *guest_path;
};

static int cmd_agent_file_put(struct shell *sh, void *opaque)
{
    struct file_put_args *a = opaque;
    bool from_stdin = str_eq(a->local, "-");
    const char *local = from_stdin ? "standard input" : a->local;
    int fd = from_stdin ? STDIN_FILENO : open(a->local, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return error(sh, "cannot open '%s': %s", a->local, strerror(errno));
    struct stat st;
    long long size = -1;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode))
        size = st.st_size;
    else if (!from_stdin && fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        close(fd);
        return error(sh, "'%s' is a directory", a->local);
    }

    _cleanup_domain_ virDomainPtr dom = conn_lookup_domain(sh, a->domain);
    struct agent_target t = { .dom = dom };
    long long handle, sent = -1;
    int rc = dom ? file_open(sh, &t, a->guest_path, "w", &handle) : CMD_FAILED;
    if (rc == CMD_OK) {
        struct progress p;
        progress_init(sh, &p, a->guest_path, size);
        sent = copy_in(sh, &t, handle, fd, &p, local);
        progress_show(&p, sent < 0 ? 0 : sent, true);
        if (sent < 0) {
            rc = sh->err.status ? sh->err.status : CMD_FAILED;
        } else if (agent_call(sh, &t, "guest-file-flush", handle_args(handle), AGENT_TIMEOUT_DEFAULT,
                              NULL) != CMD_OK) {
            rc = CMD_FAILED;
        } else {
            long long end = file_seek(sh, &t, handle, 0, "end");
            if (end < 0)
                rc = CMD_FAILED;
            else if (end != sent)
                rc = error(sh, "'%s' in the guest has %lld bytes, %lld were sent", a->guest_path, end, sent);
            else if (size >= 0 && sent != size)
                rc = error(sh, "'%s' changed while it was sent: %lld bytes sent, it has %lld",
                           local, sent, size);
        }
        if (file_close(sh, &t, handle) != CMD_OK && rc == CMD_OK)
            rc = CMD_FAILED;
        if (rc != CMD_OK)
            err_note(sh, "'%s' in domain '%s' may be incomplete", a->guest_path, a->domain);
    }
    if (!from_stdin)
        close(fd);
    if (rc != CMD_OK)
        return rc;
    _cleanup_free_ char *text = xasprintf("Copied %lld bytes from '%s' to '%s' in domain '%s'", sent,
                                          local, a->guest_path, virDomainGetName(dom));
    return report_copy(sh, dom, a->guest_path, a->local, sent, text);
}

/* The guest group's commands of this file (see cmd/guest.c). */
/* guest-file-get and guest-file-put (report_copy). */
#define COPY_RESULT \
    RESULT_OBJECT(DOMAIN_IDENT_FIELDS, { "guest_path", RT_STRING, "the file in the guest" }, \
                  { "local", RT_STRING, "the local file ('-': standard input or output)" }, \
                  { "bytes", RT_INT, "bytes copied" })

const struct cmd_def guest_exec_cmds[] = {
    { .name = "guest-exec", .summary = "run a program in the guest and wait for it",
      .desc = "PROGRAM runs through the agent's guest-exec with its output captured; virtsh "
              "waits for it to exit, writes its standard output and error to its own, and exits "
              "with the program's exit status (128+N when signal N killed it). --stdin sends a "
              "file ('-': virtsh's standard input) as the program's input. --env replaces the "
              "program's environment (repeatable). With --timeout, virtsh stops waiting after "
              "that many seconds (exit status 124) and Ctrl-C stops waiting (130); the program "
              "keeps running in the guest. Put '--' before PROGRAM when its arguments start "
              "with '--'.",
      .run = cmd_agent_guest_exec, .args_size = sizeof(struct exec_args), .flags = CMD_MODIFIES,
      .result = RESULT_OBJECT(
          { "pid", RT_INT, "the process's ID in the guest" },
          { "exitcode", RT_INT | RT_NULL, "its exit status, null if a signal ended it" },
          { "signal", RT_INT | RT_NULL, "the signal that ended it, or null" },
          { "stdout", RT_STRING | RT_NULL, "its output as text, null when not UTF-8 text" },
          { "stdout_base64", RT_STRING | RT_NULL, "its output in base64 when not text, else null" },
          { "stderr", RT_STRING | RT_NULL, "its error output as text, null when not UTF-8 text" },
          { "stderr_base64", RT_STRING | RT_NULL, "the same in base64 when not text, else null" },
          { "truncated", RT_BOOL, "the agent cut the output short" }),
      .opts = OPTS(DOM_ACTIVE(struct exec_args),
                   OPT_INT(struct exec_args, "timeout", timeout, 1, 86400 * 7,
                           "stop waiting after this many seconds", .metavar = "SECONDS"),
                   OPT_LIST(struct exec_args, "env", env,
                            "an environment variable (repeatable)", .metavar = "NAME=VALUE"),
                   OPT_STRING(struct exec_args, "stdin", stdin_path,
                              "send FILE ('-': standard input) as the program's input",
                              .complete = COMPL_FILE, .metavar = "FILE"),
                   OPT_ARGV(struct exec_args, "program", argv,
                            "the program's path in the guest and its arguments",
                            .flags = OPT_REQUIRED, .metavar = "PROGRAM [ARG]")) },
    { .name = "guest-file-get", .summary = "copy a file out of the guest",
      .desc = "Reads GUEST_PATH through the agent in chunks and writes it to LOCAL (standard "
              "output when omitted or '-'). A progress line shows on a terminal. The copy is "
              "checked against the file's size; on failure LOCAL is left as it was.",
      .run = cmd_agent_file_get, .args_size = sizeof(struct file_get_args),
      .result = COPY_RESULT,
      .opts = OPTS(DOM_ACTIVE(struct file_get_args),
                   OPT_STRING(struct file_get_args, "guest-path", guest_path,
                              "the file in the guest", .flags = ARG_REQUIRED,
                              .metavar = "GUEST_PATH"),
                   OPT_STRING(struct file_get_args, "local", local,
                              "where to write it ('-': standard output)",
                              .flags = OPT_POSITIONAL, .metavar = "LOCAL",
                              .complete = COMPL_FILE)) },
    { .name = "guest-file-put", .summary = "copy a file into the guest",
      .desc = "Writes LOCAL ('-': standard input) to GUEST_PATH through the agent in chunks, "
              "replacing it. A progress line shows on a terminal; the size written is checked.",
      .run = cmd_agent_file_put, .args_size = sizeof(struct file_put_args), .flags = CMD_MODIFIES,
      .result = COPY_RESULT,
      .opts = OPTS(DOM_ACTIVE(struct file_put_args),
                   OPT_STRING(struct file_put_args, "local", local,
                              "the file to send ('-': standard input)", .flags = ARG_REQUIRED,
                              .metavar = "LOCAL", .complete = COMPL_FILE),
                   OPT_STRING(struct file_put_args, "guest-path", guest_path,
                              "where to write it in the guest", .flags = ARG_REQUIRED,
                              .metavar = "GUEST_PATH")) },
    { 0 },
};
