/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* util.h - small helpers: allocation that never returns NULL, cleanup attributes. */
#pragma once

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>

#define _cleanup_(f) __attribute__((cleanup(f)))
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define PRINTF(a, b) __attribute__((format(printf, a, b)))

/* Hand ownership out of a _cleanup_ variable. */
#define TAKE_PTR(p) ({ __typeof__(p) _p = (p); (p) = NULL; _p; })

void *xmalloc(size_t n);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) PRINTF(1, 2);
char *xvasprintf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

static inline void freep(void *p)
{
    free(*(void **)p);
}
#define _cleanup_free_ _cleanup_(freep)

static inline void fclosep(FILE **f)
{
    if (*f)
        fclose(*f);
}
#define _cleanup_fclose_ _cleanup_(fclosep)

bool str_eq(const char *a, const char *b);
bool str_startswith(const char *s, const char *prefix);
/* Write a one-line message into err (errlen bytes); returns -1, so
 * functions that report into a caller's buffer can `return errbuf(...)`. */
int errbuf(char *err, size_t errlen, const char *fmt, ...) PRINTF(3, 4);
/* write(2) all of buf, retrying after EINTR and short writes.  0 or -1. */
int write_full(int fd, const void *buf, size_t len);
/* Make `s` print as one line: control characters become '?'. Returns s. */
char *str_one_line(char *s);
/* Strict number parsing: the whole string, no blanks, in range. 0 or -1. */
int parse_ll(const char *s, long long min, long long max, long long *ret);
int parse_ull(const char *s, unsigned long long *ret);
/* Read a whole file (max 64 MiB).  Returns NULL and sets errno on failure. */
char *read_file(const char *path, size_t *ret_len);
/* Read fd to its end (at most `limit` bytes, else EFBIG), NUL-terminated.
 * NULL with errno on failure, EINTR included. */
char *read_fd(int fd, size_t limit, size_t *ret_len);
/* Monotonic clock in milliseconds. */
double now_ms(void);
