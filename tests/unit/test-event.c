/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * test-event.c - the `event` command against libvirt's test driver: events
 * raised by another thread reach the command's thread and are printed as
 * they come (virsh's lines, or one JSON object per line), without --loop
 * only the first, --loop until Ctrl-C (the shell_interrupted flag), which
 * ends it with status 0; --timeout with nothing happening fails.
 *
 * The "driver" thread suspends and resumes the test driver's running domain
 * "test" until the command's output shows an event, so the moment the
 * command registers its callbacks needs no guessing.
 */
#include "unit.h"

#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <unistd.h>

#include <libvirt/libvirt.h>

#include "core/util.h"
#include "virt/conn.h"
#include "virt/err.h"
#include "unit-shell.h"
#include "shell/run.h"


struct driver {
    int rfd;            /* the command's output */
    bool interrupt;     /* Ctrl-C once events came */
    char out[16384];
    size_t len;
};

static void *drive(void *opaque)
{
    struct driver *d = opaque;
    virDomainPtr dom = virDomainLookupByName(sh.conn, "test");
    assert_non_null(dom);
    bool seen = false;
    for (int i = 0; i < 100; i++) {
        if (!seen) {
            virDomainSuspend(dom);
            virDomainResume(dom);
        }
        struct pollfd pf = { .fd = d->rfd, .events = POLLIN };
        if (poll(&pf, 1, 100) > 0) {
            ssize_t n = read(d->rfd, d->out + d->len, sizeof(d->out) - 1 - d->len);
            if (n <= 0)
                break; /* the command is done and closed its end */
            d->len += (size_t)n;
            if (!seen && d->interrupt) {
                usleep(200 * 1000); /* let the pending events through */
                shell_interrupted = 1;
            }
            seen = true;
        } else if (seen && !d->interrupt) {
            break;
        }
    }
    d->out[d->len] = '\0';
    virDomainFree(dom);
    return NULL;
}

/* Run `argv` with its output going to the driver thread; returns the status. */
static int run_driven(struct driver *d, int argc, char **argv)
{
    int fd[2];
    assert_int_equal(pipe(fd), 0);
    d->rfd = fd[0];
    FILE *w = fdopen(fd[1], "w");
    assert_non_null(w);
    sh.out.fp = w;
    pthread_t t;
    assert_int_equal(pthread_create(&t, NULL, drive, d), 0);
    int rc = shell_run_argv(&sh, argc, argv);
    fclose(w);
    sh.out.fp = stdout;
    pthread_join(t, NULL);
    close(fd[0]);
    return rc;
}

UNIT_SHELL("test:///default", true)

static void test_json_loop_until_ctrl_c(void **state)
{
    (void)state;
    struct driver d = { .interrupt = true };
    char *argv[] = { "event", "--domain", "test", "--event", "lifecycle", "--loop" };
    sh.out.mode = OUT_JSON;
    int rc = run_driven(&d, ARRAY_SIZE(argv), argv);
    sh.out.mode = OUT_TEXT;
    assert_int_equal(rc, CMD_OK);
    /* Left set, for a script to stop with 130; the interactive shell (as
     * here) clears it before the next command. */
    assert_int_equal(shell_interrupted, 1);
    shell_interrupted = 0;

    /* one JSON object per line, nothing else */
    size_t lines = 0;
    for (char *line = strtok(d.out, "\n"); line; line = strtok(NULL, "\n"), lines++) {
        struct json_object *o = json_tokener_parse(line);
        if (!o)
            fail_msg("not a JSON line: %s", line);
        const char *type = json_object_get_string(json_object_object_get(o, "type"));
        const char *detail = json_object_get_string(json_object_object_get(o, "detail"));
        assert_string_equal(json_object_get_string(json_object_object_get(o, "event")), "lifecycle");
        assert_string_equal(json_object_get_string(json_object_object_get(o, "domain")), "test");
        assert_int_equal(strlen(json_object_get_string(json_object_object_get(o, "uuid"))), 36);
        const char *ts = json_object_get_string(json_object_object_get(o, "timestamp"));
        assert_non_null(ts);
        assert_int_equal(strlen(ts), 24); /* 2024-05-01T12:00:00.123Z */
        assert_int_equal(ts[23], 'Z');
        if (!((str_eq(type, "suspended") && str_eq(detail, "paused")) ||
              (str_eq(type, "resumed") && str_eq(detail, "unpaused"))))
            fail_msg("unexpected event: %s", line);
        json_object_put(o);
    }
    assert_true(lines >= 1);
}

static void test_text_first_event_only(void **state)
{
    (void)state;
    struct driver d = { .interrupt = false };
    char *argv[] = { "event", "test", "--event", "lifecycle", "--timestamp", "--timeout", "30" };
    int rc = run_driven(&d, ARRAY_SIZE(argv), argv);
    assert_int_equal(rc, CMD_OK);
    /* "YYYY-MM-DD HH:MM:SS.mmm+0000: event 'lifecycle' for domain 'test': Suspended Paused\n" */
    char *nl = strchr(d.out, '\n');
    assert_non_null(nl);
    *nl = '\0';
    assert_true(strlen(d.out) > 30);
    /* the first event may be the resume, if the command registered between the two */
    const char *rest = d.out + 23;
    if (!str_eq(rest, "+0000: event 'lifecycle' for domain 'test': Suspended Paused") &&
        !str_eq(rest, "+0000: event 'lifecycle' for domain 'test': Resumed Unpaused"))
        fail_msg("unexpected first line: %s", d.out);
    assert_true(d.out[4] == '-' && d.out[10] == ' ' && d.out[19] == '.');
    assert_string_equal(nl + 1, "events received: 1\n\n"); /* the blank line after a command */
}

static void test_timeout_without_events(void **state)
{
    (void)state;
    char *argv[] = { "event", "--domain", "test", "--timeout", "1" };
    double t0 = now_ms();
    int rc = shell_run_argv(&sh, ARRAY_SIZE(argv), argv);
    double took = now_ms() - t0;
    assert_int_equal(rc, CMD_FAILED);
    assert_true(took >= 1000 && took < 3000);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_json_loop_until_ctrl_c),
        cmocka_unit_test(test_text_first_event_only),
        cmocka_unit_test(test_timeout_without_events),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
