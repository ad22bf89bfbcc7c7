/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* qga.c - the direct guest agent client: framing, resync, id matching, timeouts. */
#include "guest/qga.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "core/interrupt.h"
#include "core/util.h"
#include "guest/qga-stream.h"

struct qga_client {
    int fd;
    bool is_socket;
    char *path;             /* NULL when opened from a descriptor */
    struct qga_stream *st;
    bool synced;            /* a sync succeeded and nothing went wrong since */
    bool garbled;           /* garbage seen while waiting for a reply */
    struct json_object *outstanding; /* id of the last request whose reply is still due */
    struct qga_stats stats;
};

#define seterr(err, errlen, ...) snprintf((err), (errlen), __VA_ARGS__)

/* ------------------------------------------------------------ opening */

static int open_path(const char *path, int *ret_fd, bool *ret_socket, char *err, size_t errlen)
{
    struct stat st;
    if (stat(path, &st) < 0)
        return seterr(err, errlen, "cannot access '%s': %s", path, strerror(errno)), QGA_ERR;

    if (S_ISSOCK(st.st_mode)) {
        struct sockaddr_un sa = { .sun_family = AF_UNIX };
        if (strlen(path) >= sizeof(sa.sun_path))
            return seterr(err, errlen, "socket path '%s' is too long", path), QGA_ERR;
        strcpy(sa.sun_path, path);
        int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
        if (fd < 0)
            return seterr(err, errlen, "socket: %s", strerror(errno)), QGA_ERR;
        if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
            int e = errno;
            close(fd);
            if (e == EAGAIN)
                return seterr(err, errlen, "agent socket '%s' is busy", path), QGA_ERR;
            return seterr(err, errlen, "cannot connect to '%s': %s", path, strerror(e)), QGA_ERR;
        }
        *ret_fd = fd;
        *ret_socket = true;
        return QGA_OK;
    }
    if (S_ISCHR(st.st_mode)) {
        int fd = open(path, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
        if (fd < 0)
            return seterr(err, errlen, "cannot open '%s': %s", path, strerror(errno)), QGA_ERR;
        *ret_fd = fd;
        *ret_socket = false;
        return QGA_OK;
    }
    return seterr(err, errlen, "'%s' is not a socket or a character device", path), QGA_ERR;
}

static struct qga_client *client_new(int fd, bool is_socket, const char *path)
{
    struct qga_client *c = xcalloc(1, sizeof(*c));
    c->fd = fd;
    c->is_socket = is_socket;
    c->path = path ? xstrdup(path) : NULL;
    c->st = qga_stream_new(0);
    return c;
}

int qga_open(const char *path, struct qga_client **ret, char *err, size_t errlen)
{
    int fd;
    bool is_socket;
    int r = open_path(path, &fd, &is_socket, err, errlen);
    if (r < 0)
        return r;
    *ret = client_new(fd, is_socket, path);
    return QGA_OK;
}

int qga_open_fd(int fd, struct qga_client **ret, char *err, size_t errlen)
{
    struct stat st;
    if (fstat(fd, &st) < 0)
        return seterr(err, errlen, "bad descriptor: %s", strerror(errno)), QGA_ERR;
    int fl = fcntl(fd, F_GETFL);
    if (fl < 0 || fcntl(fd, F_SETFL, fl | O_NONBLOCK) < 0)
        return seterr(err, errlen, "fcntl: %s", strerror(errno)), QGA_ERR;
    *ret = client_new(fd, S_ISSOCK(st.st_mode), NULL);
    return QGA_OK;
}

/* Read what is already there, so closing does not reset the connection
 * (qemu-ga in unix-listen mode exits when its peer resets). */
static void drain_now(struct qga_client *c)
{
    char buf[4096];
    for (int i = 0; i < 256; i++) {
        ssize_t n = read(c->fd, buf, sizeof(buf));
        if (n <= 0)
            break;
    }
}

static void set_outstanding(struct qga_client *c, struct json_object *id)
{
    json_object_put(c->outstanding);
    c->outstanding = id;
}

/* A reply still due when we hang up would meet a closed socket, and
 * qemu-ga (unix-listen) exits on that: give it a moment to arrive. */
static void await_outstanding(struct qga_client *c)
{
    double deadline = now_ms() + QGA_CLOSE_GRACE_MS;
    char buf[65536];
    while (c->outstanding) {
        int left = (int)(deadline - now_ms());
        struct pollfd pfd = { .fd = c->fd, .events = POLLIN };
        if (left <= 0 || poll(&pfd, 1, left) <= 0)
            break;
        ssize_t n = read(c->fd, buf, sizeof(buf));
        if (n <= 0)
            break;
        qga_stream_feed(c->st, buf, (size_t)n);
        struct qga_stream_event ev;
        while (qga_stream_next(c->st, &ev) != QGA_STREAM_NEED_MORE) {
            struct json_object *rid;
            if (ev.type == QGA_STREAM_VALUE && json_object_object_get_ex(ev.value, "id", &rid) &&
                json_object_equal(rid, c->outstanding))
                set_outstanding(c, NULL);
            json_object_put(ev.value);
        }
    }
    set_outstanding(c, NULL);
}

static void disconnect(struct qga_client *c)
{
    if (c->fd >= 0) {
        await_outstanding(c);
        drain_now(c);
        close(c->fd);
    }
    set_outstanding(c, NULL);
    c->fd = -1;
    c->synced = false;
    qga_stream_reset(c->st);
}

void qga_close(struct qga_client *c)
{
    if (!c)
        return;
    disconnect(c);
    qga_stream_free(c->st);
    free(c->path);
    free(c);
}

void qga_get_stats(const struct qga_client *c, struct qga_stats *ret)
{
    *ret = c->stats;
}

/* ------------------------------------------------------------ waiting */

static int remaining_ms(double deadline)
{
    double left = deadline - now_ms();
    return left <= 0 ? 0 : left > INT32_MAX ? INT32_MAX : (int)(left + 0.999);
}

/* Wait for `events` on the descriptor until the deadline.  SIGINT is blocked
 * except inside ppoll, so a Ctrl-C cannot slip in between the check of
 * shell_interrupted and the wait.  Returns 1 ready, QGA_TIMEOUT,
 * QGA_INTERRUPTED or QGA_ERR. */
static int wait_fd(struct qga_client *c, short events, double deadline, char *err, size_t errlen)
{
    sigset_t block, old;
    sigemptyset(&block);
    sigaddset(&block, SIGINT);

    for (;;) {
        int left = remaining_ms(deadline);
        struct pollfd pfd = { .fd = c->fd, .events = events };
        struct timespec ts = { .tv_sec = left / 1000, .tv_nsec = (long)(left % 1000) * 1000000L };

        pthread_sigmask(SIG_BLOCK, &block, &old);
        if (shell_interrupted) {
            pthread_sigmask(SIG_SETMASK, &old, NULL);
            return seterr(err, errlen, "interrupted"), QGA_INTERRUPTED;
        }
        int r = ppoll(&pfd, 1, &ts, &old);
        int e = errno;
        pthread_sigmask(SIG_SETMASK, &old, NULL);

        if (r > 0)
            return 1; /* readable, writable, or hung up: the I/O call tells */
        if (r == 0) {
            if (left == 0)
                return QGA_TIMEOUT;
            continue; /* rounding: the deadline is not quite there */
        }
        if (e != EINTR)
            return seterr(err, errlen, "poll: %s", strerror(e)), QGA_ERR;
    }
}

static int write_all(struct qga_client *c, const char *p, size_t n, double deadline, char *err,
                     size_t errlen)
{
    while (n > 0) {
        ssize_t w = c->is_socket ? send(c->fd, p, n, MSG_NOSIGNAL) : write(c->fd, p, n);
        if (w > 0) {
            p += w;
            n -= (size_t)w;
            continue;
        }
        if (w < 0 && errno == EINTR)
            continue;
        if (w < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            int r = wait_fd(c, POLLOUT, deadline, err, errlen);
            if (r == QGA_TIMEOUT)
                return seterr(err, errlen, "cannot send to the agent: timed out"), QGA_TIMEOUT;
            if (r < 0)
                return r;
            continue;
        }
        return seterr(err, errlen, "cannot send to the agent: %s",
                      w < 0 ? strerror(errno) : "short write"), QGA_ERR;
    }
    return QGA_OK;
}

/* Read once (after waiting) into the stream.  QGA_OK, or an error; an EOF
 * is QGA_ERR with *eof set. */
static int read_some(struct qga_client *c, double deadline, bool *eof, char *err, size_t errlen)
{
    char buf[65536];
    *eof = false;
    for (;;) {
        ssize_t n = read(c->fd, buf, sizeof(buf));
        if (n > 0) {
            qga_stream_feed(c->st, buf, (size_t)n);
            return QGA_OK;
        }
        if (n == 0) {
            *eof = true;
            return seterr(err, errlen, "the agent closed the connection"), QGA_ERR;
        }
        if (errno == EINTR)
            continue;
        if (errno != EAGAIN && errno != EWOULDBLOCK)
            return seterr(err, errlen, "cannot read from the agent: %s", strerror(errno)), QGA_ERR;
        int r = wait_fd(c, POLLIN, deadline, err, errlen);
        if (r < 0)
            return r;
    }
}

/* The next value or sentinel (*ret_value NULL) from the agent.  Garbage is
 * counted and skipped.  On EOF the connection is closed. */
static int next_event(struct qga_client *c, double deadline, struct json_object **ret_value,
                      char *err, size_t errlen)
{
    for (;;) {
        struct qga_stream_event ev;
        switch (qga_stream_next(c->st, &ev)) {
        case QGA_STREAM_VALUE:
            *ret_value = ev.value;
            return QGA_OK;
        case QGA_STREAM_SENTINEL:
            *ret_value = NULL;
            return QGA_OK;
        case QGA_STREAM_GARBAGE:
            c->stats.garbage++;
            c->garbled = true;
            continue;
        case QGA_STREAM_NEED_MORE:
            break;
        }
        bool eof;
        int r = read_some(c, deadline, &eof, err, errlen);
        if (eof)
            disconnect(c);
        if (r < 0)
            return r;
    }
}

/* ------------------------------------------------------------ ids */

static int64_t fresh_id(void)
{
    uint64_t v;
    if (getrandom(&v, sizeof(v), GRND_NONBLOCK) != (ssize_t)sizeof(v)) {
        /* No entropy yet (early boot in a guest): still unpredictable
         * enough to tell our replies from stale ones. */
        static uint64_t counter;
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        v = ((uint64_t)ts.tv_nsec << 32) ^ (uint64_t)ts.tv_sec ^ ((uint64_t)getpid() << 16) ^
            (++counter * 0x9e3779b97f4a7c15ull);
    }
    return (int64_t)(v >> 1); /* in [0, 2^63): qemu-ga wants a signed 64-bit id */
}

/* Is `v` exactly the integer `id`? */
static bool is_int(struct json_object *v, int64_t id)
{
    return v && json_object_is_type(v, json_type_int) && json_object_get_int64(v) == id &&
           json_object_get_uint64(v) == (uint64_t)id;
}

/* ------------------------------------------------------------ sync */

static int sync_deadline(struct qga_client *c, double deadline, int timeout_ms, char *err,
                         size_t errlen)
{
    int64_t id = fresh_id();
    char msg[160];
    int n = snprintf(msg, sizeof(msg),
                     "\xff{\"execute\":\"guest-sync-delimited\",\"arguments\":{\"id\":%" PRId64
                     "},\"id\":%" PRId64 "}\n", id, id);

    c->synced = false;
    int r = write_all(c, msg, (size_t)n, deadline, err, errlen);
    if (r < 0)
        return r;
    set_outstanding(c, json_object_new_int64(id));

    bool after_sentinel = false;
    for (;;) {
        struct json_object *v = NULL;
        r = next_event(c, deadline, &v, err, errlen);
        if (r == QGA_TIMEOUT)
            return seterr(err, errlen, "the agent did not answer guest-sync-delimited within %d ms",
                          timeout_ms), QGA_TIMEOUT;
        if (r < 0)
            return r;
        if (!v) {
            after_sentinel = true;
            continue;
        }
        struct json_object *ret = NULL, *rid = NULL;
        bool has_id = json_object_is_type(v, json_type_object) &&
                      json_object_object_get_ex(v, "id", &rid);
        bool ours = after_sentinel && json_object_is_type(v, json_type_object) &&
                    json_object_object_get_ex(v, "return", &ret) && is_int(ret, id) &&
                    (!has_id || is_int(rid, id));
        json_object_put(v);
        after_sentinel = false;
        if (ours) {
            set_outstanding(c, NULL);
            c->synced = true;
            c->garbled = false;
            c->stats.syncs++;
            c->stats.echoes_id = has_id;
            return QGA_OK;
        }
        c->stats.stale++;
    }
}

static int ensure_connected(struct qga_client *c, char *err, size_t errlen)
{
    if (c->fd >= 0)
        return QGA_OK;
    if (!c->path)
        return seterr(err, errlen, "the agent closed the connection"), QGA_ERR;
    int r = open_path(c->path, &c->fd, &c->is_socket, err, errlen);
    if (r < 0)
        return r;
    c->stats.reconnects++;
    c->synced = false;
    return QGA_OK;
}

/* Take in whatever arrived since the last command (reconnecting if the
 * agent went away meanwhile).  Anything but white space means the framing
 * is in doubt: resync before the next request. */
static int catch_up(struct qga_client *c, char *err, size_t errlen)
{
    int r = ensure_connected(c, err, errlen);
    if (r < 0)
        return r;
    char buf[65536];
    for (int i = 0; i < 64; i++) { /* an agent that never stops talking: enough */
        ssize_t n = read(c->fd, buf, sizeof(buf));
        if (n > 0) {
            qga_stream_feed(c->st, buf, (size_t)n);
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            break;
        disconnect(c); /* EOF or error */
        return ensure_connected(c, err, errlen);
    }
    struct qga_stream_event ev;
    while (qga_stream_next(c->st, &ev) != QGA_STREAM_NEED_MORE) {
        if (ev.type == QGA_STREAM_VALUE)
            c->stats.stale++;
        else if (ev.type == QGA_STREAM_GARBAGE)
            c->stats.garbage++;
        json_object_put(ev.value);
        c->synced = false;
    }
    if (!qga_stream_idle(c->st))
        c->synced = false;
    return QGA_OK;
}

int qga_sync(struct qga_client *c, int timeout_ms, char *err, size_t errlen)
{
    if (timeout_ms <= 0)
        timeout_ms = QGA_DEFAULT_TIMEOUT_MS;
    int r = catch_up(c, err, errlen);
    if (r < 0)
        return r;
    return sync_deadline(c, now_ms() + timeout_ms, timeout_ms, err, errlen);
}

/* ------------------------------------------------------------ commands */

/* A shallow copy of `req` with an "id" (ours unless it has one). */
static struct json_object *with_id(struct json_object *req, struct json_object **ret_id,
                                   bool *ret_added)
{
    struct json_object *msg = json_object_new_object(), *id = NULL;
    json_object_object_foreach(req, key, val) json_object_object_add(msg, key, json_object_get(val));
    *ret_added = !json_object_object_get_ex(msg, "id", &id);
    if (*ret_added) {
        id = json_object_new_int64(fresh_id());
        json_object_object_add(msg, "id", id);
    }
    *ret_id = json_object_get(id);
    return msg;
}

/* Wait for the reply carrying `id`.  QGA_OK with *ret_reply NULL means the
 * deadline passed when `quiet_ok` (no reply expected) or the agent hung up. */
static int await_reply(struct qga_client *c, struct json_object *id, double deadline,
                       bool quiet_ok, struct json_object **ret_reply, char *err, size_t errlen)
{
    for (;;) {
        struct json_object *v = NULL, *rid = NULL;
        int r = next_event(c, deadline, &v, err, errlen);
        if (quiet_ok && (r == QGA_TIMEOUT || (r == QGA_ERR && c->fd < 0))) {
            *ret_reply = NULL;
            return QGA_OK;
        }
        if (r < 0)
            return r;
        if (!v) /* a sentinel nobody asked for now: an old sync's */
            continue;
        if (!json_object_is_type(v, json_type_object)) {
            c->garbled = true;
            c->stats.garbage++;
        } else if (json_object_object_get_ex(v, "id", &rid)) {
            if (json_object_equal(rid, id)) {
                *ret_reply = v;
                return QGA_OK;
            }
            c->stats.stale++;
        } else if (!c->stats.echoes_id && (json_object_object_get_ex(v, "return", NULL) ||
                                           json_object_object_get_ex(v, "error", NULL))) {
            *ret_reply = v; /* an agent without ids: the first reply after the sync */
            return QGA_OK;
        } else {
            c->stats.stale++;
        }
        json_object_put(v);
    }
}

int qga_command(struct qga_client *c, struct json_object *req, int timeout_ms, bool expect_reply,
                struct json_object **ret_reply, char *err, size_t errlen)
{
    struct json_object *exec = NULL;
    if (!json_object_is_type(req, json_type_object) ||
        !json_object_object_get_ex(req, "execute", &exec) ||
        !json_object_is_type(exec, json_type_string))
        return seterr(err, errlen, "a request needs an \"execute\" member"), QGA_ERR;
    if (shell_interrupted)
        return seterr(err, errlen, "interrupted"), QGA_INTERRUPTED;
    if (timeout_ms <= 0)
        timeout_ms = QGA_DEFAULT_TIMEOUT_MS;
    double deadline = now_ms() + timeout_ms;

    int r = catch_up(c, err, errlen);
    if (r < 0)
        return r;
    if (!c->synced) {
        r = sync_deadline(c, deadline, timeout_ms, err, errlen);
        if (r < 0)
            return r;
    }

    struct json_object *id = NULL, *reply = NULL;
    bool added;
    struct json_object *msg = with_id(req, &id, &added);
    _cleanup_free_ char *text =
        xasprintf("%s\n", json_object_to_json_string_ext(msg, JSON_C_TO_STRING_PLAIN));
    json_object_put(msg);

    r = write_all(c, text, strlen(text), deadline, err, errlen);
    if (r == QGA_OK) {
        if (expect_reply)
            set_outstanding(c, json_object_get(id));
        double until = deadline;
        if (!expect_reply && now_ms() + QGA_NOREPLY_GRACE_MS < until)
            until = now_ms() + QGA_NOREPLY_GRACE_MS;
        r = await_reply(c, id, until, !expect_reply, &reply, err, errlen);
        if (r == QGA_TIMEOUT)
            seterr(err, errlen, "no reply from the agent to '%s' within %d ms",
                   json_object_get_string(exec), timeout_ms);
    }
    json_object_put(id);
    if (r == QGA_OK && reply)
        set_outstanding(c, NULL);

    if (r == QGA_OK && reply && !json_object_object_get_ex(reply, "return", NULL) &&
        !json_object_object_get_ex(reply, "error", NULL)) {
        json_object_put(reply);
        seterr(err, errlen, "malformed reply from the agent (no \"return\" or \"error\")");
        r = QGA_ERR;
    }
    /* Resync before the next command after anything unusual: a timeout, an
     * interruption, garbage, or a command whose reply may still come. */
    if (r < 0 || c->garbled || !reply)
        c->synced = false;
    if (r < 0)
        return r;
    if (reply && added)
        json_object_object_del(reply, "id");
    *ret_reply = reply;
    return QGA_OK;
}

/* ------------------------------------------------------------ pool */

struct qga_pool {
    struct qga_pool *next;
    struct qga_client *client;
    char *path;
};

int qga_pool_get(struct qga_pool **pool, const char *path, struct qga_client **ret, char *err,
                 size_t errlen)
{
    for (struct qga_pool *p = *pool; p; p = p->next) {
        if (str_eq(p->path, path)) {
            *ret = p->client;
            return QGA_OK;
        }
    }
    struct qga_client *c;
    int r = qga_open(path, &c, err, errlen);
    if (r < 0)
        return r;
    struct qga_pool *p = xcalloc(1, sizeof(*p));
    p->client = c;
    p->path = xstrdup(path);
    p->next = *pool;
    *pool = p;
    *ret = c;
    return QGA_OK;
}

void qga_pool_free(struct qga_pool *pool)
{
    while (pool) {
        struct qga_pool *next = pool->next;
        qga_close(pool->client);
        free(pool->path);
        free(pool);
        pool = next;
    }
}
