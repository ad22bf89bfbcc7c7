/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "core/prompt.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "core/interrupt.h"

void secret_wipe(struct secret *s)
{
    explicit_bzero(s->buf, sizeof(s->buf));
    s->len = 0;
}

int secret_read_line(int fd, struct secret *s)
{
    bool any = false;
    s->len = 0;
    for (;;) {
        char c;
        ssize_t r = read(fd, &c, 1);
        if (r < 0) {
            if (errno == EINTR && !shell_interrupted)
                continue;
            secret_wipe(s);
            return -1;
        }
        if (r == 0)
            break;
        any = true;
        if (c == '\n')
            break;
        if (s->len + 1 >= sizeof(s->buf)) {
            secret_wipe(s);
            errno = E2BIG;
            return -1;
        }
        s->buf[s->len++] = c;
    }
    if (!any) {
        errno = ENODATA;
        return -1;
    }
    if (s->len && s->buf[s->len - 1] == '\r')
        s->len--;
    s->buf[s->len] = '\0';
    return 0;
}

int prompt_line(const char *prompt, bool echo, struct secret *s)
{
    struct termios old, quiet;
    bool quieted = !echo && tcgetattr(STDIN_FILENO, &old) == 0;
    fputs(prompt, stderr);
    fflush(stderr);
    if (quieted) {
        quiet = old;
        quiet.c_lflag &= ~(tcflag_t)ECHO;
        quiet.c_lflag |= ICANON | ISIG;
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    }
    int rc = secret_read_line(STDIN_FILENO, s);
    int e = errno;
    if (quieted)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
    if (!echo)
        fputc('\n', stderr);
    errno = e;
    return rc;
}
