/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* test-prompt.c - reading a line and a secret (core/prompt.h): from a pipe, and with echo off on a real pseudo-terminal. */
#include "unit.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdbool.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "core/prompt.h"
#include "core/util.h"

/* A pipe holding `data`, its write end closed: reading it ends at `data`'s end. */
static int pipe_with(const char *data)
{
    int p[2];
    assert_int_equal(pipe(p), 0);
    assert_int_equal(write_full(p[1], data, strlen(data)), 0);
    close(p[1]);
    return p[0];
}

static void test_read_line(void **state)
{
    (void)state;
    struct secret s;
    int fd = pipe_with("abc\r\nrest\n");
    assert_int_equal(secret_read_line(fd, &s), 0);
    assert_string_equal(s.buf, "abc");
    assert_int_equal(s.len, 3);
    /* nothing after the newline was consumed */
    char rest[16] = "";
    assert_int_equal(read(fd, rest, sizeof(rest) - 1), 5);
    assert_string_equal(rest, "rest\n");
    close(fd);

    fd = pipe_with("no newline");
    assert_int_equal(secret_read_line(fd, &s), 0);
    assert_string_equal(s.buf, "no newline");
    close(fd);

    fd = pipe_with("\n");
    assert_int_equal(secret_read_line(fd, &s), 0); /* an empty line is a line */
    assert_string_equal(s.buf, "");
    close(fd);
}

static void test_read_line_errors(void **state)
{
    (void)state;
    struct secret s;
    int fd = pipe_with("");
    assert_int_equal(secret_read_line(fd, &s), -1);
    assert_int_equal(errno, ENODATA);
    close(fd);

    char *big = xmalloc(SECRET_MAX + 2);
    memset(big, 'x', SECRET_MAX);
    big[SECRET_MAX] = '\n';
    big[SECRET_MAX + 1] = '\0';
    fd = pipe_with(big);
    assert_int_equal(secret_read_line(fd, &s), -1);
    assert_int_equal(errno, E2BIG);
    for (size_t i = 0; i < sizeof(s.buf); i++) /* what was read is wiped */
        assert_int_equal(s.buf[i], 0);
    assert_int_equal(s.len, 0);
    close(fd);
    free(big);

    /* the longest secret that fits */
    big = xmalloc(SECRET_MAX + 1);
    memset(big, 'y', SECRET_MAX - 1);
    big[SECRET_MAX - 1] = '\n';
    big[SECRET_MAX] = '\0';
    fd = pipe_with(big);
    assert_int_equal(secret_read_line(fd, &s), 0);
    assert_int_equal(s.len, SECRET_MAX - 1);
    close(fd);
    free(big);
}

struct typist {
    int master, slave;
    bool echo_seen; /* the terminal's ECHO flag while the prompt waited */
};

static void *type_a_line(void *opaque)
{
    struct typist *t = opaque;
    struct timespec ts = { 0, 100 * 1000000L };
    nanosleep(&ts, NULL); /* the prompt has set the terminal up by now */
    struct termios now;
    assert_int_equal(tcgetattr(t->slave, &now), 0);
    t->echo_seen = now.c_lflag & ECHO;
    assert_int_equal(write_full(t->master, "hunter2\n", 8), 0);
    return NULL;
}

/* prompt_line on a pseudo-terminal as standard input; returns what the
 * terminal echoed back to its master side. */
static char *prompt_on_pty(bool echo, struct typist *t, struct secret *s, char *err_out, size_t errlen)
{
    t->master = posix_openpt(O_RDWR | O_NOCTTY);
    assert_true(t->master >= 0);
    assert_int_equal(grantpt(t->master), 0);
    assert_int_equal(unlockpt(t->master), 0);
    t->slave = open(ptsname(t->master), O_RDWR | O_NOCTTY);
    assert_true(t->slave >= 0);
    int errp[2];
    assert_int_equal(pipe(errp), 0);
    int saved_in = dup(STDIN_FILENO), saved_err = dup(STDERR_FILENO);
    dup2(t->slave, STDIN_FILENO);
    dup2(errp[1], STDERR_FILENO);

    pthread_t th;
    assert_int_equal(pthread_create(&th, NULL, type_a_line, t), 0);
    int rc = prompt_line("Password: ", echo, s);
    pthread_join(th, NULL);

    dup2(saved_in, STDIN_FILENO);
    dup2(saved_err, STDERR_FILENO);
    close(saved_in);
    close(saved_err);
    close(errp[1]);
    ssize_t n = read(errp[0], err_out, errlen - 1);
    err_out[n > 0 ? n : 0] = '\0';
    close(errp[0]);
    assert_int_equal(rc, 0);

    struct termios after;
    assert_int_equal(tcgetattr(t->slave, &after), 0);
    assert_true(after.c_lflag & ECHO); /* restored */
    char echoed[64] = "";
    struct pollfd pfd = { .fd = t->master, .events = POLLIN };
    if (poll(&pfd, 1, 100) == 1) {
        ssize_t k = read(t->master, echoed, sizeof(echoed) - 1);
        echoed[k > 0 ? k : 0] = '\0';
    }
    close(t->slave);
    close(t->master);
    return xstrdup(echoed);
}

static void test_prompt_echo_off(void **state)
{
    (void)state;
    struct typist t = { 0 };
    struct secret s;
    char err[64];
    char *echoed = prompt_on_pty(false, &t, &s, err, sizeof(err));
    assert_string_equal(s.buf, "hunter2");
    assert_false(t.echo_seen);
    assert_null(strstr(echoed, "hunter2"));
    assert_string_equal(err, "Password: \n"); /* the newline the Enter did not echo */
    free(echoed);
    secret_wipe(&s);
}

static void test_prompt_echo_on(void **state)
{
    (void)state;
    struct typist t = { 0 };
    struct secret s;
    char err[64];
    char *echoed = prompt_on_pty(true, &t, &s, err, sizeof(err));
    assert_string_equal(s.buf, "hunter2");
    assert_true(t.echo_seen);
    assert_non_null(strstr(echoed, "hunter2"));
    assert_string_equal(err, "Password: ");
    free(echoed);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_read_line),
        cmocka_unit_test(test_read_line_errors),
        cmocka_unit_test(test_prompt_echo_off),
        cmocka_unit_test(test_prompt_echo_on),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
