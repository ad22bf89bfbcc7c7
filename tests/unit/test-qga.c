/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * test-qga.c - the direct guest agent client (src/qga.c) against a scripted
 * peer thread on a socketpair (or a unix socket): sync and sentinel, stale
 * replies with old ids, split and merged reads, garbage before the sentinel,
 * a reply that never comes, commands without a reply, Ctrl-C, EOF and
 * reconnection.
 */
#include "unit.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "core/interrupt.h"
#include "core/util.h"
#include "guest/qga.h"

/* ------------------------------------------------------------ the peer */

struct peer;
/* Called for each request line; `after_ff` if a 0xFF came before it. */
typedef void (*peer_fn)(struct peer *p, struct json_object *req, const char *exec,
                        const char *id, bool after_ff);

struct peer {
    int fd;            /* the peer's end */
    int listen_fd;     /* >= 0: accept connections on it (one at a time) */
    pthread_t thread;
    pthread_t client;  /* the test's thread, for SIGINT */
    peer_fn fn;
    size_t chunk;      /* write replies this many bytes at a time (0: whole) */
    int echo_id;       /* 1 (default): echo "id" */
    int close_after;   /* close the connection after this many requests (0: never) */
    /* what the peer saw, for assertions */
    char log[4096];
    int nreq, nsync, nff, naccept;
    char held_id[64];  /* id of a request answered later */
    int counter;
    int write_failed;  /* writes that met a closed connection */
};

static void peer_write(struct peer *p, const char *data, size_t len)
{
    size_t step = p->chunk ? p->chunk : len;
    for (size_t i = 0; i < len; i += step) {
        size_t n = len - i < step ? len - i : step;
        ssize_t w = write(p->fd, data + i, n);
        if (w < 0 && (errno == EPIPE || errno == ECONNRESET)) {
            p->write_failed++;
            return;
        }
        assert_int_equal(w, (ssize_t)n);
        if (p->chunk)
            usleep(100);
    }
}

static void peer_printf(struct peer *p, const char *fmt, ...) PRINTF(2, 3);
static void peer_printf(struct peer *p, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    _cleanup_free_ char *s = xvasprintf(fmt, ap);
    va_end(ap);
    peer_write(p, s, strlen(s));
}

static void log_add(struct peer *p, const char *s)
{
    size_t len = strlen(p->log);
    snprintf(p->log + len, sizeof(p->log) - len, "%s%s", len ? " " : "", s);
}

/* The usual agent: answers 0xFF with an error line (as qemu-ga does), the
 * sync with the sentinel, guest-ping and guest-info, others not found. */
static void reply_sync(struct peer *p, struct json_object *req, const char *id)
{
    struct json_object *args, *sid;
    assert_true(json_object_object_get_ex(req, "arguments", &args));
    assert_true(json_object_object_get_ex(args, "id", &sid));
    assert_true(json_object_is_type(sid, json_type_int));
    assert_true(json_object_get_int64(sid) >= 0);
    if (p->echo_id)
        peer_printf(p, "\xff{\"return\": %s, \"id\": %s}\n", json_object_to_json_string(sid), id);
    else
        peer_printf(p, "\xff{\"return\": %s}\n", json_object_to_json_string(sid));
}

static void reply(struct peer *p, const char *id, const char *ret)
{
    if (p->echo_id)
        peer_printf(p, "{\"return\": %s, \"id\": %s}\n", ret, id);
    else
        peer_printf(p, "{\"return\": %s}\n", ret);
}

static void agent_like(struct peer *p, struct json_object *req, const char *exec, const char *id,
                       bool after_ff)
{
    if (after_ff)
        peer_printf(p, "{\"error\": {\"class\": \"GenericError\", \"desc\": \"JSON parse error, "
                       "stray '\\uFFFD'\"}}\n");
    if (str_eq(exec, "guest-sync-delimited"))
        reply_sync(p, req, id);
    else if (str_eq(exec, "guest-ping"))
        reply(p, id, "{}");
    else if (str_eq(exec, "guest-info"))
        reply(p, id, "{\"version\": \"7.2.22\", \"supported_commands\": [{\"enabled\": true, "
                     "\"name\": \"guest-ping\", \"success-response\": true}]}");
    else if (str_eq(exec, "guest-shutdown") || str_eq(exec, "guest-suspend-ram"))
        ; /* no reply on success */
    else
        peer_printf(p, "{\"id\": %s, \"error\": {\"class\": \"CommandNotFound\", \"desc\": "
                       "\"The command %s has not been found\"}}\n", id, exec);
}

static void peer_handle_line(struct peer *p, const char *line, bool after_ff)
{
    struct json_object *req = json_tokener_parse(line), *e, *idv;
    if (!req) {
        log_add(p, "<bad>");
        return;
    }
    assert_true(json_object_object_get_ex(req, "execute", &e));
    const char *exec = json_object_get_string(e);
    const char *id = json_object_object_get_ex(req, "id", &idv) ? json_object_to_json_string(idv)
                                                                 : "null";
    _cleanup_free_ char *entry = xasprintf("%s%s", after_ff ? "FF+" : "", exec);
    log_add(p, entry);
    p->nreq++;
    if (str_eq(exec, "guest-sync-delimited"))
        p->nsync++;
    p->fn(p, req, exec, id, after_ff);
    json_object_put(req);
}

static void *peer_main(void *arg)
{
    struct peer *p = arg;
    for (;;) {
        if (p->listen_fd >= 0) {
            p->fd = accept(p->listen_fd, NULL, NULL);
            if (p->fd < 0)
                return NULL;
            p->naccept++;
        }
        char line[65536];
        size_t len = 0;
        bool after_ff = false, closing = false;
        for (;;) {
            char buf[4096];
            ssize_t n = read(p->fd, buf, sizeof(buf));
            if (n <= 0)
                break;
            for (ssize_t i = 0; i < n; i++) {
                if ((unsigned char)buf[i] == 0xff) {
                    after_ff = true;
                    p->nff++;
                    len = 0;
                } else if (buf[i] == '\n') {
                    line[len] = '\0';
                    peer_handle_line(p, line, after_ff);
                    after_ff = false;
                    len = 0;
                    if (p->close_after && p->nreq % p->close_after == 0)
                        closing = true;
                } else if (len < sizeof(line) - 1) {
                    line[len++] = buf[i];
                }
            }
            if (closing)
                break;
        }
        close(p->fd);
        p->fd = -1;
        if (p->listen_fd < 0 || !closing)
            return NULL;
    }
}

/* Start a peer on a socketpair; *ret_client gets the client on the other end. */
static void peer_start(struct peer *p, peer_fn fn, struct qga_client **ret_client)
{
    int sv[2];
    char err[256];
    memset(p, 0, sizeof(*p));
    p->fn = fn;
    p->echo_id = 1;
    p->listen_fd = -1;
    p->client = pthread_self();
    assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv), 0);
    p->fd = sv[1];
    assert_int_equal(qga_open_fd(sv[0], ret_client, err, sizeof(err)), QGA_OK);
    assert_int_equal(pthread_create(&p->thread, NULL, peer_main, p), 0);
}

static void peer_join(struct peer *p)
{
    assert_int_equal(pthread_join(p->thread, NULL), 0);
}

/* ------------------------------------------------------------ helpers */

static struct json_object *request(const char *exec)
{
    struct json_object *req = json_object_new_object();
    json_object_object_add(req, "execute", json_object_new_string(exec));
    return req;
}

/* Run `exec`; returns the status and the reply as compact text in `out`. */
static int run_cmd(struct qga_client *c, const char *exec, int timeout_ms, bool expect_reply,
                   char *out, size_t outlen)
{
    struct json_object *req = request(exec), *rep = (struct json_object *)&rep;
    char err[256] = "";
    int r = qga_command(c, req, timeout_ms, expect_reply, &rep, err, sizeof(err));
    if (r == QGA_OK) {
        snprintf(out, outlen, "%s",
                 rep ? json_object_to_json_string_ext(rep, JSON_C_TO_STRING_PLAIN) : "(none)");
        json_object_put(rep);
    } else {
        /* untouched on failure */
        assert_ptr_equal(rep, (struct json_object *)&rep);
        assert_true(err[0] != '\0');
        snprintf(out, outlen, "%s", err);
    }
    json_object_put(req);
    return r;
}

static void expect_cmd(struct qga_client *c, const char *exec, const char *want)
{
    char out[4096];
    int r = run_cmd(c, exec, 2000, true, out, sizeof(out));
    if (r != QGA_OK)
        fail_msg("%s failed (%d): %s", exec, r, out);
    assert_string_equal(out, want);
}

static struct qga_stats stats(struct qga_client *c)
{
    struct qga_stats s;
    qga_get_stats(c, &s);
    return s;
}

/* ------------------------------------------------------------ tests */

static void test_sync_and_ping(void **state)
{
    struct peer p;
    struct qga_client *c;
    peer_start(&p, agent_like, &c);

    expect_cmd(c, "guest-ping", "{\"return\":{}}");
    expect_cmd(c, "guest-ping", "{\"return\":{}}");
    expect_cmd(c, "guest-info", "{\"return\":{\"version\":\"7.2.22\",\"supported_commands\":"
                                "[{\"enabled\":true,\"name\":\"guest-ping\",\"success-response\":"
                                "true}]}}");
    /* An error reply is a reply: the caller reports it. */
    expect_cmd(c, "guest-nope", "{\"error\":{\"class\":\"CommandNotFound\",\"desc\":"
                                "\"The command guest-nope has not been found\"}}");
    struct qga_stats s = stats(c);
    assert_int_equal(s.syncs, 1);
    assert_true(s.echoes_id);
    assert_int_equal(s.stale, 1); /* the error line answering 0xFF */
    /* An explicit sync. */
    char err[256];
    assert_int_equal(qga_sync(c, 1000, err, sizeof(err)), QGA_OK);
    assert_int_equal(stats(c).syncs, 2);
    qga_close(c);
    peer_join(&p);
    assert_string_equal(p.log, "FF+guest-sync-delimited guest-ping guest-ping guest-info "
                               "guest-nope FF+guest-sync-delimited");
}

/* Before the sentinel: a stale reply, an older sync's sentinel and reply;
 * before the command's reply: stale replies with other ids. */
static void stale_peer(struct peer *p, struct json_object *req, const char *exec, const char *id,
                       bool after_ff)
{
    if (str_eq(exec, "guest-sync-delimited")) {
        peer_printf(p, "{\"return\": {}, \"id\": 1}\n"
                       "\xff{\"return\": 77, \"id\": 77}\n"
                       "\xff{\"return\": 78}\n"
                       "{\"return\": {\"stale\": 1}}\n");
        reply_sync(p, req, id);
        return;
    }
    peer_printf(p, "{\"return\": \"stale\", \"id\": 12345}\n"
                   "{\"return\": \"stale-no-id\"}\n"
                   "{\"error\": {\"class\": \"GenericError\", \"desc\": \"no id\"}}\n"
                   "\xff{\"return\": 79, \"id\": 79}\n");
    reply(p, id, "\"fresh\"");
}

static void test_stale_replies(void **state)
{
    struct peer p;
    struct qga_client *c;
    peer_start(&p, stale_peer, &c);
    expect_cmd(c, "guest-ping", "{\"return\":\"fresh\"}");
    expect_cmd(c, "guest-info", "{\"return\":\"fresh\"}");
    struct qga_stats s = stats(c);
    assert_int_equal(s.syncs, 1);
    assert_int_equal(s.stale, 4 + 2 * 4);
    qga_close(c);
    peer_join(&p);
}

/* Everything the peer writes arrives one byte at a time. */
static void test_split_reads(void **state)
{
    struct peer p;
    struct qga_client *c;
    peer_start(&p, stale_peer, &c);
    p.chunk = 1;
    expect_cmd(c, "guest-ping", "{\"return\":\"fresh\"}");
    p.fn = agent_like;
    expect_cmd(c, "guest-info", "{\"return\":{\"version\":\"7.2.22\",\"supported_commands\":"
                                "[{\"enabled\":true,\"name\":\"guest-ping\",\"success-response\":"
                                "true}]}}");
    p.chunk = 3;
    expect_cmd(c, "guest-ping", "{\"return\":{}}");
    qga_close(c);
    peer_join(&p);
}

/* Several replies in one write, and output nobody asked for. */
static void merged_peer(struct peer *p, struct json_object *req, const char *exec, const char *id,
                        bool after_ff)
{
    if (str_eq(exec, "guest-sync-delimited")) {
        agent_like(p, req, exec, id, after_ff);
        return;
    }
    p->counter++;
    peer_printf(p, "{\"return\": \"old\", \"id\": 5}\n{\"return\": %d, \"id\": %s}\n"
                   "{\"return\": \"unsolicited\"}\n",
                p->counter, id);
}

static void test_merged_reads(void **state)
{
    struct peer p;
    struct qga_client *c;
    peer_start(&p, merged_peer, &c);
    expect_cmd(c, "guest-ping", "{\"return\":1}");
    /* The unsolicited value left behind makes the client resync first. */
    expect_cmd(c, "guest-ping", "{\"return\":2}");
    qga_close(c);
    peer_join(&p);
    assert_string_equal(p.log, "FF+guest-sync-delimited guest-ping FF+guest-sync-delimited "
                               "guest-ping");
}

/* Garbage before the sentinel: unbalanced braces that would swallow the
 * sync reply if the 0xFF did not reset the parser, binary junk, a broken
 * string. */
static void garbage_peer(struct peer *p, struct json_object *req, const char *exec, const char *id,
                         bool after_ff)
{
    if (str_eq(exec, "guest-sync-delimited")) {
        static const char junk[] = "{{ \"garbage \x01\x02\x00\xfe ]]} {\"a\": {\"b\": ";
        peer_write(p, junk, sizeof(junk) - 1);
        reply_sync(p, req, id);
        return;
    }
    agent_like(p, req, exec, id, after_ff);
}

static void test_garbage_before_sentinel(void **state)
{
    struct peer p;
    struct qga_client *c;
    peer_start(&p, garbage_peer, &c);
    expect_cmd(c, "guest-ping", "{\"return\":{}}");
    assert_true(stats(c).garbage > 0);
    /* Garbage during a sync is expected: no second sync. */
    expect_cmd(c, "guest-ping", "{\"return\":{}}");
    assert_int_equal(stats(c).syncs, 1);
    qga_close(c);
    peer_join(&p);
}

/* Garbage while waiting for a reply: the reply still counts (its id says
 * so), and the next command resyncs. */
static void garbage_reply_peer(struct peer *p, struct json_object *req, const char *exec,
                               const char *id, bool after_ff)
{
    if (!str_eq(exec, "guest-sync-delimited") && p->counter++ == 0)
        peer_printf(p, "]] not json {\"retu");
    agent_like(p, req, exec, id, after_ff);
}

static void test_garbage_before_reply(void **state)
{
    struct peer p;
    struct qga_client *c;
    peer_start(&p, garbage_reply_peer, &c);
    /* "{"retu" + the reply: the broken key ends at the reply's quote, and
     * the parser restarts at the reply's brace. */
    expect_cmd(c, "guest-ping", "{\"return\":{}}");
    expect_cmd(c, "guest-ping", "{\"return\":{}}");
    expect_cmd(c, "guest-ping", "{\"return\":{}}");
    qga_close(c);
    peer_join(&p);
    assert_string_equal(p.log, "FF+guest-sync-delimited guest-ping FF+guest-sync-delimited "
                               "guest-ping guest-ping");
}

/* The first ping is answered only after the client gave up, when the next
 * sync arrives (as a stopped agent does when continued); another late
 * reply comes after the sync reply. */
static void late_peer(struct peer *p, struct json_object *req, const char *exec, const char *id,
                      bool after_ff)
{
    if (str_eq(exec, "guest-sync-delimited")) {
        if (p->held_id[0])
            peer_printf(p, "{\"return\": {\"late\": 1}, \"id\": %s}\n", p->held_id);
        agent_like(p, req, exec, id, after_ff);
        if (p->held_id[0])
            peer_printf(p, "{\"return\": {\"late\": 2}, \"id\": %s}\n", p->held_id);
        return;
    }
    if (p->counter++ == 0) {
        snprintf(p->held_id, sizeof(p->held_id), "%s", id);
        return; /* no answer now */
    }
    peer_printf(p, "{\"return\": {\"n\": %d}, \"id\": %s}\n", p->counter, id);
}

static void test_reply_never_comes(void **state)
{
    struct peer p;
    struct qga_client *c;
    char out[512];
    peer_start(&p, late_peer, &c);

    double t0 = now_ms();
    assert_int_equal(run_cmd(c, "guest-ping", 150, true, out, sizeof(out)), QGA_TIMEOUT);
    double took = now_ms() - t0;
    assert_true(took >= 145 && took < 1500);
    assert_non_null(strstr(out, "no reply from the agent to 'guest-ping' within 150 ms"));

    expect_cmd(c, "guest-ping", "{\"return\":{\"n\":2}}");
    expect_cmd(c, "guest-ping", "{\"return\":{\"n\":3}}");
    struct qga_stats s = stats(c);
    assert_int_equal(s.syncs, 2);
    assert_true(s.stale >= 4); /* 2 error lines, 2 late replies */
    qga_close(c);
    peer_join(&p);
    assert_string_equal(p.log, "FF+guest-sync-delimited guest-ping FF+guest-sync-delimited "
                               "guest-ping guest-ping");
}

/* A peer that never answers anything: the sync itself times out. */
static void mute_peer(struct peer *p, struct json_object *req, const char *exec, const char *id,
                      bool after_ff)
{
}

static void test_sync_timeout(void **state)
{
    struct peer p;
    struct qga_client *c;
    char out[512];
    peer_start(&p, mute_peer, &c);
    double t0 = now_ms();
    assert_int_equal(run_cmd(c, "guest-ping", 100, true, out, sizeof(out)), QGA_TIMEOUT);
    assert_true(now_ms() - t0 < 1500);
    assert_non_null(strstr(out, "did not answer guest-sync-delimited within 100 ms"));
    /* The command was never sent. */
    p.fn = agent_like;
    expect_cmd(c, "guest-ping", "{\"return\":{}}");
    qga_close(c);
    peer_join(&p);
    assert_string_equal(p.log, "FF+guest-sync-delimited FF+guest-sync-delimited guest-ping");
}

static void test_no_reply_commands(void **state)
{
    struct peer p;
    struct qga_client *c;
    char out[512];
    peer_start(&p, agent_like, &c);

    double t0 = now_ms();
    assert_int_equal(run_cmd(c, "guest-shutdown", 5000, false, out, sizeof(out)), QGA_OK);
    double took = now_ms() - t0;
    assert_string_equal(out, "(none)");
    assert_true(took >= QGA_NOREPLY_GRACE_MS - 5 && took < 2000);

    /* An error arriving in the grace period is returned. */
    assert_int_equal(run_cmd(c, "guest-suspend-disk", 5000, false, out, sizeof(out)), QGA_OK);
    assert_string_equal(out, "{\"error\":{\"class\":\"CommandNotFound\",\"desc\":"
                             "\"The command guest-suspend-disk has not been found\"}}");
    expect_cmd(c, "guest-ping", "{\"return\":{}}");
    qga_close(c);
    peer_join(&p);
    /* After a command without a reply the client resyncs. */
    assert_string_equal(p.log, "FF+guest-sync-delimited guest-shutdown FF+guest-sync-delimited "
                               "guest-suspend-disk guest-ping");
}

static void test_eof(void **state)
{
    struct peer p;
    struct qga_client *c;
    char out[512];
    peer_start(&p, agent_like, &c);
    p.close_after = 2; /* sync + ping */
    expect_cmd(c, "guest-ping", "{\"return\":{}}");
    peer_join(&p);
    assert_int_equal(run_cmd(c, "guest-ping", 1000, true, out, sizeof(out)), QGA_ERR);
    assert_string_equal(out, "the agent closed the connection");
    /* No path to reconnect to: it stays closed. */
    assert_int_equal(run_cmd(c, "guest-ping", 1000, true, out, sizeof(out)), QGA_ERR);
    qga_close(c);
}

/* The peer reads the request, then Ctrl-C arrives. */
static void sigint_peer(struct peer *p, struct json_object *req, const char *exec, const char *id,
                        bool after_ff)
{
    if (str_eq(exec, "guest-ping") && p->counter++ == 0) {
        usleep(20000);
        pthread_kill(p->client, SIGINT);
        return;
    }
    agent_like(p, req, exec, id, after_ff);
}

static void test_interrupt(void **state)
{
    struct peer p;
    struct qga_client *c;
    char out[512];
    interrupt_install();
    shell_interrupted = 0;
    peer_start(&p, sigint_peer, &c);
    double t0 = now_ms();
    assert_int_equal(run_cmd(c, "guest-ping", 10000, true, out, sizeof(out)), QGA_INTERRUPTED);
    assert_true(now_ms() - t0 < 3000);
    assert_string_equal(out, "interrupted");
    assert_true(shell_interrupted);
    /* Still interrupted: nothing is waited for. */
    assert_int_equal(run_cmd(c, "guest-ping", 10000, true, out, sizeof(out)), QGA_INTERRUPTED);
    shell_interrupted = 0;
    expect_cmd(c, "guest-ping", "{\"return\":{}}");
    qga_close(c);
    peer_join(&p);
    signal(SIGINT, SIG_DFL);
}

/* guest-info is answered 100 ms late. */
static void slow_peer(struct peer *p, struct json_object *req, const char *exec, const char *id,
                      bool after_ff)
{
    if (str_eq(exec, "guest-info"))
        usleep(100000);
    agent_like(p, req, exec, id, after_ff);
}

/* Closing right after a timeout waits (a little) for the reply still due:
 * qemu-ga in unix-listen mode exits when its reply meets a closed socket. */
static void test_close_waits_for_due_reply(void **state)
{
    struct peer p;
    struct qga_client *c;
    char out[512];
    peer_start(&p, slow_peer, &c);
    expect_cmd(c, "guest-ping", "{\"return\":{}}");
    assert_int_equal(run_cmd(c, "guest-info", 20, true, out, sizeof(out)), QGA_TIMEOUT);
    double t0 = now_ms();
    qga_close(c);
    double took = now_ms() - t0;
    peer_join(&p);
    assert_int_equal(p.write_failed, 0);
    assert_true(took > 50 && took < QGA_CLOSE_GRACE_MS + 100);
}

static void test_agent_without_ids(void **state)
{
    struct peer p;
    struct qga_client *c;
    peer_start(&p, agent_like, &c);
    p.echo_id = 0;
    expect_cmd(c, "guest-ping", "{\"return\":{}}");
    expect_cmd(c, "guest-info", "{\"return\":{\"version\":\"7.2.22\",\"supported_commands\":"
                                "[{\"enabled\":true,\"name\":\"guest-ping\",\"success-response\":"
                                "true}]}}");
    assert_false(stats(c).echoes_id);
    qga_close(c);
    peer_join(&p);
}

static void odd_peer(struct peer *p, struct json_object *req, const char *exec, const char *id,
                     bool after_ff)
{
    if (str_eq(exec, "guest-bad"))
        peer_printf(p, "{\"id\": %s, \"something\": 1}\n", id);
    else if (str_eq(exec, "guest-echo"))
        peer_printf(p, "{\"return\": %s, \"id\": %s}\n", id, id);
    else
        agent_like(p, req, exec, id, after_ff);
}

static void test_requests_and_replies(void **state)
{
    struct peer p;
    struct qga_client *c;
    char out[512], err[256];
    struct json_object *rep = NULL;
    peer_start(&p, odd_peer, &c);

    /* Not a request: nothing is sent. */
    struct json_object *bad = json_object_new_object();
    assert_int_equal(qga_command(c, bad, 100, true, &rep, err, sizeof(err)), QGA_ERR);
    assert_string_equal(err, "a request needs an \"execute\" member");
    json_object_put(bad);

    /* A reply with neither return nor error. */
    assert_int_equal(run_cmd(c, "guest-bad", 1000, true, out, sizeof(out)), QGA_ERR);
    assert_non_null(strstr(out, "malformed reply"));

    /* The caller's own id is used and kept; the request is not modified. */
    struct json_object *req = request("guest-echo");
    json_object_object_add(req, "id", json_object_new_string("mine"));
    assert_int_equal(qga_command(c, req, 1000, true, &rep, err, sizeof(err)), QGA_OK);
    assert_string_equal(json_object_to_json_string_ext(rep, JSON_C_TO_STRING_PLAIN),
                        "{\"return\":\"mine\",\"id\":\"mine\"}");
    assert_string_equal(json_object_to_json_string_ext(req, JSON_C_TO_STRING_PLAIN),
                        "{\"execute\":\"guest-echo\",\"id\":\"mine\"}");
    json_object_put(rep);
    json_object_put(req);

    /* Our own ids are random 63-bit numbers, different each time. */
    char a[64], b[64];
    assert_int_equal(run_cmd(c, "guest-echo", 1000, true, a, sizeof(a)), QGA_OK);
    assert_int_equal(run_cmd(c, "guest-echo", 1000, true, b, sizeof(b)), QGA_OK);
    assert_string_not_equal(a, b);
    qga_close(c);
    peer_join(&p);
    assert_string_equal(p.log, "FF+guest-sync-delimited guest-bad FF+guest-sync-delimited "
                               "guest-echo guest-echo guest-echo");
}

/* A unix socket: the pool keeps one client per path, and the client
 * reconnects when the agent closed the connection between commands. */
static void test_pool_and_reconnect(void **state)
{
    char dir[] = "/tmp/test-qga.XXXXXX", path[64], err[256];
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof(path), "%s/qga.sock", dir);
    struct sockaddr_un sa = { .sun_family = AF_UNIX };
    memcpy(sa.sun_path, path, strlen(path) + 1);

    struct peer p;
    memset(&p, 0, sizeof(p));
    p.fn = agent_like;
    p.echo_id = 1;
    p.close_after = 3; /* sync, ping, ping: then hang up */
    p.listen_fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    assert_true(p.listen_fd >= 0);
    assert_int_equal(bind(p.listen_fd, (struct sockaddr *)&sa, sizeof(sa)), 0);
    assert_int_equal(listen(p.listen_fd, 1), 0);
    assert_int_equal(pthread_create(&p.thread, NULL, peer_main, &p), 0);

    struct qga_pool *pool = NULL;
    struct qga_client *c1, *c2;
    assert_int_equal(qga_pool_get(&pool, path, &c1, err, sizeof(err)), QGA_OK);
    assert_int_equal(qga_pool_get(&pool, path, &c2, err, sizeof(err)), QGA_OK);
    assert_ptr_equal(c1, c2);
    expect_cmd(c1, "guest-ping", "{\"return\":{}}");
    expect_cmd(c2, "guest-ping", "{\"return\":{}}");
    usleep(50000); /* the peer hangs up */
    expect_cmd(c1, "guest-ping", "{\"return\":{}}");
    assert_int_equal(stats(c1).reconnects, 1);
    assert_int_equal(stats(c1).syncs, 2);

    /* Not there, not a socket. */
    struct qga_client *c3;
    char missing[160];
    snprintf(missing, sizeof(missing), "%s/nope", dir);
    assert_int_equal(qga_pool_get(&pool, missing, &c3, err, sizeof(err)), QGA_ERR);
    assert_non_null(strstr(err, "cannot access"));
    assert_int_equal(qga_open(dir, &c3, err, sizeof(err)), QGA_ERR);
    assert_non_null(strstr(err, "is not a socket or a character device"));

    qga_pool_free(pool);
    shutdown(p.listen_fd, SHUT_RDWR);
    peer_join(&p);
    close(p.listen_fd);
    assert_int_equal(p.naccept, 2);
    unlink(path);
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sync_and_ping),
        cmocka_unit_test(test_stale_replies),
        cmocka_unit_test(test_split_reads),
        cmocka_unit_test(test_merged_reads),
        cmocka_unit_test(test_garbage_before_sentinel),
        cmocka_unit_test(test_garbage_before_reply),
        cmocka_unit_test(test_reply_never_comes),
        cmocka_unit_test(test_sync_timeout),
        cmocka_unit_test(test_no_reply_commands),
        cmocka_unit_test(test_eof),
        cmocka_unit_test(test_interrupt),
        cmocka_unit_test(test_close_waits_for_due_reply),
        cmocka_unit_test(test_agent_without_ids),
        cmocka_unit_test(test_requests_and_replies),
        cmocka_unit_test(test_pool_and_reconnect),
    };
    signal(SIGPIPE, SIG_IGN);
    return cmocka_run_group_tests(tests, NULL, NULL);
}
