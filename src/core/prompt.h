/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * core/prompt.h - asking the user for a line, and for a secret with the
 * terminal's echo off (a password for the guest agent, a credential for a
 * libvirt connection).  A secret lives in a fixed buffer that is wiped
 * after use, never in the heap.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#define SECRET_MAX 1024 /* bytes of a secret's buffer, its NUL included */

struct secret {
    char buf[SECRET_MAX];
    size_t len;
};

/* Overwrite the secret (for _cleanup_(secret_wipe) too). */
void secret_wipe(struct secret *s);

/*
 * One line from fd into s, without its newline (and a '\r' before it),
 * read byte by byte so nothing after the newline is consumed (the REPL
 * reads the same descriptor).  0, or -1 with errno: E2BIG too long, EINTR
 * Ctrl-C (shell_interrupted), ENODATA nothing before the end of the file.
 */
int secret_read_line(int fd, struct secret *s);

/* Print `prompt` on stderr and read a line from standard input; with
 * `echo` false a terminal does not show it (and a newline follows it,
 * which the user's Enter no longer prints).  As secret_read_line. */
int prompt_line(const char *prompt, bool echo, struct secret *s);
