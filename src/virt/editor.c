/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "virt/editor.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/util.h"
#include "virt/err.h"

const char *edit_editor(void)
{
    const char *e = getenv("VISUAL");
    if (!e || !*e)
        e = getenv("EDITOR");
    if (!e || !*e)
        e = "vi";
    return e;
}

char *edit_shell_quote(const char *s)
{
    size_t n = 2;
    for (const char *p = s; *p; p++)
        n += *p == '\'' ? 4 : 1;
    char *out = xmalloc(n + 1), *o = out;
    *o++ = '\'';
    for (const char *p = s; *p; p++) {
        if (*p == '\'') {
            memcpy(o, "'\\''", 4);
            o += 4;
        } else {
            *o++ = *p;
        }
    }
    *o++ = '\'';
    *o = '\0';
    return out;
}

int edit_file_create(struct shell *sh, struct edit_file *f, const char *text, const char *suffix)
{
    const char *dir = getenv("TMPDIR");
    if (!dir || !*dir)
        dir = "/tmp";
    int len = snprintf(f->path, sizeof(f->path), "%s/virtsh-XXXXXX%s", dir, suffix);
    if (len < 0 || (size_t)len >= sizeof(f->path)) {
        f->path[0] = '\0';
        return error(sh, "temporary directory name too long: '%s'", dir), -1;
    }
    mode_t old = umask(077);
    int fd = mkostemps(f->path, (int)strlen(suffix), O_CLOEXEC);
    umask(old);
    if (fd < 0) {
        int e = errno;
        f->path[0] = '\0';
        return error(sh, "cannot create a temporary file in '%s': %s", dir, strerror(e)), -1;
    }
    int rc = fchmod(fd, 0600) < 0 || write_full(fd, text, strlen(text)) < 0 ? -1 : 0;
    int e = errno;
    if (close(fd) < 0 && rc == 0)
        rc = -1, e = errno;
    if (rc < 0) {
        error(sh, "cannot write '%s': %s", f->path, strerror(e));
        edit_file_remove(f);
        return -1;
    }
    return 0;
}

void edit_file_remove(struct edit_file *f)
{
    if (f->path[0])
        unlink(f->path);
    f->path[0] = '\0';
}

int edit_file_run(struct shell *sh, struct edit_file *f)
{
    const char *editor = edit_editor();
    _cleanup_free_ char *quoted = edit_shell_quote(f->path);
    _cleanup_free_ char *cmd = xasprintf("%s %s", editor, quoted);

    /* Like system(): the editor owns the terminal, so ^C and ^\ are its
     * business while it runs, not ours. */
    struct sigaction ign = { .sa_handler = SIG_IGN }, old_int, old_quit;
    sigemptyset(&ign.sa_mask);
    sigaction(SIGINT, &ign, &old_int);
    sigaction(SIGQUIT, &ign, &old_quit);

    fflush(NULL);
    pid_t pid = fork();
    if (pid == 0) {
        struct sigaction dfl = { .sa_handler = SIG_DFL };
        sigemptyset(&dfl.sa_mask);
        sigaction(SIGINT, &dfl, NULL);
        sigaction(SIGQUIT, &dfl, NULL);
        sigaction(SIGPIPE, &dfl, NULL);
        execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
        _exit(127);
    }
    int status = 0, rc = 0;
    if (pid < 0) {
        rc = error(sh, "cannot start the editor: %s", strerror(errno));
    } else {
        while (waitpid(pid, &status, 0) < 0) {
            if (errno != EINTR) {
                rc = error(sh, "cannot wait for the editor: %s", strerror(errno));
                break;
            }
        }
    }
    sigaction(SIGINT, &old_int, NULL);
    sigaction(SIGQUIT, &old_quit, NULL);
    if (rc)
        return -1;

    if (WIFSIGNALED(status))
        return error(sh, "editor '%s' was killed by signal %d", editor, WTERMSIG(status)), -1;
    if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
        return error(sh, "cannot run editor '%s' (set VISUAL or EDITOR)", editor), -1;
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        return error(sh, "editor '%s' failed with exit status %d", editor,
                     WEXITSTATUS(status)), -1;
    return 0;
}

char *edit_file_read(struct shell *sh, struct edit_file *f)
{
    size_t len;
    char *text = read_file(f->path, &len);
    if (!text) {
        error(sh, "cannot read the edited file '%s': %s", f->path, strerror(errno));
        return NULL;
    }
    if (memchr(text, '\0', len)) {
        free(text);
        error(sh, "the edited file contains NUL bytes");
        return NULL;
    }
    return text;
}

/* One line from the terminal without stdio buffering (readline shares fd 0). */
static int read_answer(void)
{
    int answer = 0;
    for (;;) {
        char c;
        ssize_t n = read(STDIN_FILENO, &c, 1);
        if (n < 0 && errno == EINTR)
            return 'n';
        if (n <= 0)
            return answer ? answer : EOF;
        if (c == '\n')
            return answer ? answer : '\n';
        if (!answer && c != ' ' && c != '\t')
            answer = (unsigned char)c;
    }
}

int edit_ask_again(bool offer_skip_validate)
{
    for (;;) {
        fprintf(stderr, "Try again? [y,n,%sf,?]: ", offer_skip_validate ? "i," : "");
        fflush(stderr);
        int c = read_answer();
        switch (c) {
        case EOF:
            fputc('\n', stderr);
            return 'n';
        case 'y': case 'Y':
            return 'y';
        case 'n': case 'N':
            return 'n';
        case 'f': case 'F':
            return 'f';
        case 'i': case 'I':
            if (offer_skip_validate)
                return 'i';
            break;
        default:
            break;
        }
        fputs("y - yes, edit the file again\n"
              "n - no, throw the changes away\n", stderr);
        if (offer_skip_validate)
            fputs("i - try again without validating against the schema\n", stderr);
        fputs("f - try again as it is (the problem was elsewhere)\n"
              "? - print this help\n", stderr);
    }
}
