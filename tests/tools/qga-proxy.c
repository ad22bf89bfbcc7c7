/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * qga-proxy - an adversarial proxy in front of a real qemu-ga socket, for
 * the integration tests of the direct agent client.
 *
 *   qga-proxy LISTEN_PATH AGENT_PATH [--stale] [--partial] [--split]
 *             [--delay MS] [--dup] [--swallow-once]
 *
 * Listens on LISTEN_PATH (one client at a time, like qemu-ga) and forwards
 * the client's bytes to the agent unchanged.  What the agent sends back is
 * cut into lines, and before each line the proxy may inject:
 *   --stale         a reply with a foreign id, and an old sync's sentinel and
 *                   reply (0xFF{"return": R, "id": R})
 *   --partial       the start of a reply cut inside a string or a key
 *   --swallow-once  an unbalanced '{"a": ' before the first command reply, so
 *                   that reply is swallowed (the client must time out and
 *                   resync)
 * and it may also
 *   --dup           send each line twice
 *   --delay MS      hold each line back MS milliseconds (order kept)
 *   --split         write in pieces of 1 to 7 bytes, 300 us apart
 * Every injection is logged to stderr as "qga-proxy: inject KIND".
 *
 * The agent connection is opened once and kept across clients: closing it
 * with a reply unread makes qemu-ga (unix-listen) exit.  Ends on SIGTERM or
 * SIGINT.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "core/strbuf.h"
#include "core/util.h"

struct chunk {
    double when;
    char *data;
    size_t len;
};

static struct {
    bool stale, partial, split, dup, swallow_once;
    int delay_ms;
} opt;

static volatile sig_atomic_t quit;
static struct chunk *queue;
static size_t nqueue;
static unsigned injections;

static void on_signal(int sig)
{
    (void)sig;
    quit = 1;
}

static void die(const char *what)
{
    fprintf(stderr, "qga-proxy: %s: %s\n", what, strerror(errno));
    exit(1);
}

static int unix_socket(const char *path, bool listening)
{
    struct sockaddr_un sa = { .sun_family = AF_UNIX };
    if (strlen(path) >= sizeof(sa.sun_path)) {
        fprintf(stderr, "qga-proxy: path too long: %s\n", path);
        exit(2);
    }
    memcpy(sa.sun_path, path, strlen(path) + 1);
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        die("socket");
    if (listening) {
        unlink(path);
        if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0 || listen(fd, 4) < 0)
            die(path);
    } else if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
        die(path);
    }
    return fd;
}

static void write_all(int fd, const char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = send(fd, p, n, MSG_NOSIGNAL);
        if (w < 0 && errno == EINTR)
            continue;
        if (w < 0)
            return; /* the client went away: its loss */
        p += w;
        n -= (size_t)w;
    }
}

static uint64_t rnd(void)
{
    uint64_t v = 0;
    if (getrandom(&v, sizeof(v), 0) != sizeof(v))
        v = (uint64_t)now_ms();
    return v >> 2;
}

static void enqueue(const char *data, size_t len)
{
    queue = xrealloc(queue, (nqueue + 1) * sizeof(*queue));
    struct chunk *c = &queue[nqueue++];
    c->when = now_ms() + opt.delay_ms;
    c->data = xmalloc(len);
    memcpy(c->data, data, len);
    c->len = len;
}

static void inject(const char *kind, const char *data, size_t len)
{
    fprintf(stderr, "qga-proxy: inject %s\n", kind);
    injections++;
    enqueue(data, len);
}

/* One line from the agent (with its newline; a sync reply starts with 0xFF). */
static void agent_line(const char *line, size_t len)
{
    static bool swallowed;
    bool sync_reply = len && (unsigned char)line[0] == 0xff;
    bool stray_error = memmem(line, len, "stray", 5) != NULL;

    if (opt.stale) {
        char buf[160];
        uint64_t r = rnd();
        int n = snprintf(buf, sizeof(buf), "{\"return\": {\"stale\": true}, \"id\": %llu}\n",
                         (unsigned long long)r);
        inject("stale-reply", buf, (size_t)n);
        r = rnd();
        n = snprintf(buf, sizeof(buf), "\xff{\"return\": %llu, \"id\": %llu}\n",
                     (unsigned long long)r, (unsigned long long)r);
        inject("stale-sync", buf, (size_t)n);
    }
    if (opt.partial) {
        static unsigned k;
        static const char *const cuts[] = {
            "{\"return\": {\"version\": \"7.",
            "{\"retu",
            "{\"return\": {\"supported_commands\": [{\"enabled\": tr",
        };
        const char *cut = cuts[k++ % 3];
        /* A cut value followed by another that starts with a quote could
         * form valid JSON by accident; the real line starts with '{' or
         * 0xFF, so these always break. */
        inject("partial", cut, strlen(cut));
    }
    if (opt.swallow_once && !swallowed && !sync_reply && !stray_error) {
        swallowed = true;
        inject("swallow", "{\"a\": ", 6);
    }
    enqueue(line, len);
    if (opt.dup) {
        fprintf(stderr, "qga-proxy: inject dup\n");
        injections++;
        enqueue(line, len);
    }
}

static void flush_due(int client)
{
    double now = now_ms();
    size_t done = 0;
    while (done < nqueue && queue[done].when <= now) {
        struct chunk *c = &queue[done];
        if (client >= 0) {
            if (!opt.split) {
                write_all(client, c->data, c->len);
            } else {
                for (size_t i = 0; i < c->len;) {
                    size_t n = 1 + rnd() % 7;
                    if (n > c->len - i)
                        n = c->len - i;
                    write_all(client, c->data + i, n);
                    i += n;
                    usleep(300);
                }
            }
        }
        free(c->data);
        done++;
    }
    memmove(queue, queue + done, (nqueue - done) * sizeof(*queue));
    nqueue -= done;
}

static void usage(void)
{
    fprintf(stderr, "usage: qga-proxy LISTEN_PATH AGENT_PATH [--stale] [--partial] [--split] "
                    "[--delay MS] [--dup] [--swallow-once]\n");
    exit(2);
}

int main(int argc, char **argv)
{
    if (argc < 3)
        usage();
    const char *listen_path = argv[1], *agent_path = argv[2];
    for (int i = 3; i < argc; i++) {
        if (!strcmp(argv[i], "--stale"))
            opt.stale = true;
        else if (!strcmp(argv[i], "--partial"))
            opt.partial = true;
        else if (!strcmp(argv[i], "--split"))
            opt.split = true;
        else if (!strcmp(argv[i], "--dup"))
            opt.dup = true;
        else if (!strcmp(argv[i], "--swallow-once"))
            opt.swallow_once = true;
        else if (!strcmp(argv[i], "--delay") && i + 1 < argc)
            opt.delay_ms = atoi(argv[++i]);
        else
            usage();
    }

    struct sigaction sa = { .sa_handler = on_signal };
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);
    setvbuf(stderr, NULL, _IOLBF, 0);

    int lfd = unix_socket(listen_path, true);
    int agent = -1, client = -1;
    struct strbuf line = { 0 };
    fprintf(stderr, "qga-proxy: pid %ld listening on %s\n", (long)getpid(), listen_path);

    while (!quit) {
        struct pollfd pfd[2] = {
            { .fd = client < 0 ? lfd : client, .events = POLLIN },
            { .fd = agent, .events = POLLIN },
        };
        int timeout = -1;
        if (nqueue) {
            double left = queue[0].when - now_ms();
            timeout = left <= 0 ? 0 : (int)left + 1;
        }
        int r = poll(pfd, 2, timeout);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            die("poll");
        }
        if (pfd[0].revents && client < 0) {
            client = accept4(lfd, NULL, NULL, SOCK_CLOEXEC);
            if (client >= 0 && agent < 0)
                agent = unix_socket(agent_path, false);
            fprintf(stderr, "qga-proxy: client connected\n");
        } else if (pfd[0].revents) {
            char buf[65536];
            ssize_t n = read(client, buf, sizeof(buf));
            if (n > 0) {
                write_all(agent, buf, (size_t)n);
            } else if (n == 0 || errno != EINTR) {
                close(client);
                client = -1;
                fprintf(stderr, "qga-proxy: client gone\n");
            }
        }
        if (agent >= 0 && pfd[1].revents) {
            char buf[65536];
            ssize_t n = read(agent, buf, sizeof(buf));
            if (n == 0 || (n < 0 && errno != EINTR)) {
                fprintf(stderr, "qga-proxy: the agent closed the connection\n");
                break;
            }
            for (ssize_t i = 0; i < n; i++) {
                strbuf_addc(&line, buf[i]);
                if (buf[i] == '\n') {
                    agent_line(line.s, line.len);
                    line.len = 0;
                }
            }
        }
        flush_due(client);
    }
    fprintf(stderr, "qga-proxy: exiting after %u injections\n", injections);
    if (client >= 0)
        close(client);
    if (agent >= 0) {
        /* Read what the agent still has for us, so it does not see a reset. */
        struct pollfd p = { .fd = agent, .events = POLLIN };
        char buf[4096];
        while (poll(&p, 1, 200) > 0 && read(agent, buf, sizeof(buf)) > 0)
            ;
        close(agent);
    }
    unlink(listen_path);
    strbuf_free(&line);
    return 0;
}
