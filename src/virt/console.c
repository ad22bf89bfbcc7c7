/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * console.c - the domain console: a libvirt stream bridged to the terminal.
 *
 * Guest output arrives through a stream callback on the event loop thread and
 * is written straight to stdout; the command's own thread reads the keyboard
 * and watches for the escape character.  The terminal is raw only while
 * attached and is restored on every way out.
 */
#include "virt/console.h"

#include <errno.h>
#include <fcntl.h>
#include <libvirt/virterror.h>
#include <poll.h>
#include <pthread.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "core/util.h"
#include "virt/conn.h"
#include "virt/err.h"

struct console {
    virStreamPtr st;
    int wake[2];          /* the stream callback writes here when the stream ends */
    volatile int ended;   /* 1 EOF, 2 error */
};

static void console_end(struct console *c, int why)
{
    if (!c->ended) {
        c->ended = why;
        (void)!write(c->wake[1], "x", 1);
    }
}

/*
 * The attached console, as the stream callback finds it.  libvirt may still
 * call the callback after virStreamEventRemoveCallback has returned (the
 * event loop thread took it just before), and libvirt 9.0's remote streams
 * do not call the callback's free function (ASan saw it leak): so the
 * callback gets no pointer to the command's state, it looks it up here
 * under the lock, and the command clears it (waiting for a call in
 * progress) before it returns.
 */
static pthread_mutex_t attached_lock = PTHREAD_MUTEX_INITIALIZER;
static struct console *attached;

static void stream_cb(virStreamPtr st, int events, void *opaque)
{
    (void)opaque;
    pthread_mutex_lock(&attached_lock);
    struct console *c = attached;
    if (!c || c->st != st) {
        pthread_mutex_unlock(&attached_lock);
        return;
    }
    char buf[4096];
    if (events & VIR_STREAM_EVENT_READABLE) {
        for (;;) {
            int n = virStreamRecv(st, buf, sizeof(buf));
            if (n > 0) {
                (void)write_full(STDOUT_FILENO, buf, (size_t)n);
                continue;
            }
            if (n == -2)
                break; /* nothing more for now */
            console_end(c, n == 0 ? 1 : 2);
            break;
        }
    }
    if (events & (VIR_STREAM_EVENT_HANGUP | VIR_STREAM_EVENT_ERROR))
        console_end(c, events & VIR_STREAM_EVENT_ERROR ? 2 : 1);
    pthread_mutex_unlock(&attached_lock);
}

static int send_all(virStreamPtr st, const char *p, size_t len)
{
    while (len) {
        int n = virStreamSend(st, p, len);
        if (n == -2) {
            poll(NULL, 0, 5);
            continue;
        }
        if (n < 0)
            return -1;
        p += n;
        len -= (size_t)n;
    }
    return 0;
}

static char escape_name(char e, char *buf)
{
    buf[0] = '^';
    buf[1] = (char)(e + '@');
    buf[2] = '\0';
    return buf[1];
}

int console_attach(struct shell *sh, virDomainPtr dom, const char *devname, bool force, bool safe)
{
    struct console c = { .wake = { -1, -1 } };
    struct termios saved;
    bool raw = false;
    int rc = CMD_OK;
    unsigned int flags = (force ? VIR_DOMAIN_CONSOLE_FORCE : 0) | (safe ? VIR_DOMAIN_CONSOLE_SAFE : 0);

    if (!isatty(STDOUT_FILENO) && sh->interactive)
        return error(sh, "the console needs a terminal");
    c.st = virStreamNew(virDomainGetConnect(dom), VIR_STREAM_NONBLOCK);
    if (!c.st)
        return err_libvirt(sh, "cannot create a stream");
    const char *name = virDomainGetName(dom); /* before: every API call clears the last error */
    if (virDomainOpenConsole(dom, devname, c.st, flags) < 0) {
        rc = err_libvirt(sh, "cannot open the console of domain '%s'", name);
        goto out;
    }
    if (pipe2(c.wake, O_CLOEXEC) < 0) {
        rc = error(sh, "cannot create a pipe: %s", strerror(errno));
        goto out;
    }
    pthread_mutex_lock(&attached_lock);
    attached = &c;
    pthread_mutex_unlock(&attached_lock);
    if (virStreamEventAddCallback(c.st, VIR_STREAM_EVENT_READABLE | VIR_STREAM_EVENT_HANGUP |
                                  VIR_STREAM_EVENT_ERROR, stream_cb, NULL, NULL) < 0) {
        rc = err_libvirt(sh, "cannot watch the console stream");
        goto out;
    }

    char esc[3];
    escape_name(sh->escape_char, esc);
    fprintf(stderr, "Connected to domain '%s'\nEscape character is %s\n", virDomainGetName(dom), esc);
    if (isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &saved) == 0) {
        struct termios t = saved;
        cfmakeraw(&t);
        /* TCSADRAIN, not TCSAFLUSH: keys typed ahead are for the guest */
        if (tcsetattr(STDIN_FILENO, TCSADRAIN, &t) == 0)
            raw = true;
    }

    bool stdin_open = true;
    while (!c.ended) {
        struct pollfd pf[2] = {
            { .fd = c.wake[0], .events = POLLIN },
            { .fd = stdin_open ? STDIN_FILENO : -1, .events = POLLIN },
        };
        if (poll(pf, 2, -1) < 0) {
            if (errno == EINTR) {
                if (shell_interrupted && !raw)
                    break;
                continue;
            }
            break;
        }
        if (pf[0].revents)
            break;
        if (pf[1].revents) {
            char buf[1024];
            ssize_t n = read(STDIN_FILENO, buf, sizeof(buf));
            if (n <= 0) {
                stdin_open = false; /* keep showing output until the stream ends */
                continue;
            }
            char *e = memchr(buf, sh->escape_char, (size_t)n);
            size_t keep = e ? (size_t)(e - buf) : (size_t)n;
            if (keep && send_all(c.st, buf, keep) < 0) {
                rc = err_libvirt(sh, "cannot write to the console");
                break;
            }
            if (e)
                break;
        }
    }
    virStreamEventRemoveCallback(c.st);
    if (raw)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
    fputc('\n', stderr);
    if (c.ended == 2 && rc == CMD_OK)
        rc = error(sh, "the console stream of domain '%s' failed", virDomainGetName(dom));
    if (!c.ended)
        virStreamAbort(c.st);
    else
        virStreamFinish(c.st);
    virResetLastError();

out:
    pthread_mutex_lock(&attached_lock);
    attached = NULL;
    pthread_mutex_unlock(&attached_lock);
    if (c.wake[0] >= 0)
        close(c.wake[0]);
    if (c.wake[1] >= 0)
        close(c.wake[1]);
    virStreamFree(c.st);
    return rc;
}
