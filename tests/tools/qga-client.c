/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * qga-client - drives the direct guest agent client (src/qga.c) from
 * stdin, one request per line, for the integration tests (which need one
 * long-lived connection across several commands).
 *
 *   qga-client SOCKET
 *
 * Input lines:
 *   [!][@MS] JSON   send the request; '!' expects no reply, @MS is the
 *                   timeout (default 5000)
 *   bench N         N guest-pings; prints the median, 90th percentile and
 *                   maximum round trip in microseconds
 *   stats           the client's counters as JSON
 *   pid             the process id (to send it SIGINT)
 * Output, one line each: "ok REPLY", "ok (none)", "timeout MSG",
 * "interrupted MSG", "error MSG".  SIGINT stops the wait of the current
 * request (as Ctrl-C does in the shell) and the next one goes on.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/interrupt.h"
#include "core/util.h"
#include "guest/qga.h"

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static void bench(struct qga_client *c, long n)
{
    char err[256];
    double *t = xcalloc((size_t)n, sizeof(*t));
    struct json_object *req = json_tokener_parse("{\"execute\":\"guest-ping\"}");
    for (long i = 0; i < n; i++) {
        struct json_object *rep = NULL;
        double t0 = now_ms();
        int r = qga_command(c, req, 5000, true, &rep, err, sizeof(err));
        t[i] = (now_ms() - t0) * 1000.0;
        json_object_put(rep);
        if (r != QGA_OK) {
            printf("error bench stopped at %ld: %s\n", i, err);
            goto out;
        }
    }
    qsort(t, (size_t)n, sizeof(*t), cmp_double);
    printf("ok bench n=%ld median_us=%.1f p90_us=%.1f max_us=%.1f\n", n, t[n / 2],
           t[n * 9 / 10], t[n - 1]);
out:
    json_object_put(req);
    free(t);
}

int main(int argc, char **argv)
{
    struct qga_client *c;
    char err[512];
    if (argc != 2) {
        fprintf(stderr, "usage: qga-client SOCKET\n");
        return 2;
    }
    interrupt_install();
    signal(SIGPIPE, SIG_IGN);
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (qga_open(argv[1], &c, err, sizeof(err)) < 0) {
        printf("error %s\n", err);
        return 1;
    }

    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    while ((len = getline(&line, &cap, stdin)) >= 0) {
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            line[--len] = '\0';
        if (!len)
            continue;
        if (str_startswith(line, "bench ")) {
            bench(c, atol(line + 6) > 0 ? atol(line + 6) : 1);
            continue;
        }
        if (str_eq(line, "pid")) {
            printf("ok %ld\n", (long)getpid());
            continue;
        }
        if (str_eq(line, "stats")) {
            struct qga_stats s;
            qga_get_stats(c, &s);
            printf("ok {\"syncs\":%u,\"stale\":%u,\"garbage\":%u,\"reconnects\":%u,"
                   "\"echoes_id\":%s}\n",
                   s.syncs, s.stale, s.garbage, s.reconnects, s.echoes_id ? "true" : "false");
            continue;
        }
        char *p = line;
        bool expect_reply = true;
        int timeout = 5000;
        if (*p == '!') {
            expect_reply = false;
            p++;
        }
        if (*p == '@') {
            timeout = (int)strtol(p + 1, &p, 10);
            while (*p == ' ')
                p++;
        }
        struct json_object *req = json_tokener_parse(p), *rep = NULL;
        if (!req) {
            printf("error bad JSON request\n");
            continue;
        }
        shell_interrupted = 0;
        int r = qga_command(c, req, timeout, expect_reply, &rep, err, sizeof(err));
        json_object_put(req);
        switch (r) {
        case QGA_OK:
            printf("ok %s\n", rep ? json_object_to_json_string_ext(rep, JSON_C_TO_STRING_PLAIN)
                                  : "(none)");
            json_object_put(rep);
            break;
        case QGA_TIMEOUT: printf("timeout %s\n", err); break;
        case QGA_INTERRUPTED: printf("interrupted %s\n", err); break;
        default: printf("error %s\n", err); break;
        }
        shell_interrupted = 0;
    }
    free(line);
    qga_close(c);
    return 0;
}
