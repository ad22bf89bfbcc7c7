/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * core/progress.h - the progress line of a long operation (save, restore,
 * dump, a block job, a migration, a volume transfer), on standard error,
 * redrawn in place:
 *
 *     saving 'web1':  45%  1.2 GiB of 2.6 GiB  85.3 MiB/s  0:17 left
 *
 * Only on a terminal and never with -q: into a pipe or a log it prints
 * nothing, so scripts see only the command's own output.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct progress {
    FILE *fp;              /* stderr, or a test's stream */
    bool enabled;
    char what[160];        /* "saving 'web1'" */
    double start_ms;       /* when it began */
    double last_draw_ms;   /* redrawn at most every 200 ms */
    double rate;           /* bytes per second, smoothed */
    double rate_ms;        /* when the rate was last measured */
    unsigned long long rate_bytes;
    size_t drawn;          /* width of the line on the screen, to clear it */
    char note[96];         /* more figures at the end ("dirty 3 MiB/s, pass 2"), or "" */
};

/* Start a progress line for `what` ("saving 'web1'"); drawn only when `fp`
 * is a terminal and `quiet` is false. */
void progress_begin(struct progress *p, FILE *fp, bool quiet, const char *what);
/* `done` of `total` bytes (total 0: unknown), at time `now_ms` (now_ms()). */
void progress_update(struct progress *p, unsigned long long done, unsigned long long total,
                     double now_ms);
/* Clear the line (the command prints its own result next). */
void progress_end(struct progress *p);

/* The line progress_update draws, without the drawing: for tests, and for
 * a caller that shows it elsewhere. */
void progress_format(const struct progress *p, unsigned long long done, unsigned long long total,
                     double now_ms, char *buf, size_t len);
/* "512 B", "1.5 KiB", "2.6 GiB": binary units, one decimal from KiB on. */
void progress_bytes(unsigned long long n, char *buf, size_t len);
