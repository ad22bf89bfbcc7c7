/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * core/strbuf.h - the string builder: text appended piece by piece, always
 * NUL-terminated.  A zeroed struct is an empty builder.
 */
#pragma once

#include <stddef.h>

#include "core/util.h"

struct strbuf {
    char *s;     /* NULL until something is added */
    size_t len;  /* bytes in s, without the NUL */
    size_t cap;
};

/* Make room for `more` bytes after len (and the NUL). */
void strbuf_grow(struct strbuf *b, size_t more);
void strbuf_add(struct strbuf *b, const char *s);
void strbuf_addn(struct strbuf *b, const char *s, size_t n);
void strbuf_printf(struct strbuf *b, const char *fmt, ...) PRINTF(2, 3);

static inline void strbuf_addc(struct strbuf *b, char c)
{
    if (b->len + 2 > b->cap)
        strbuf_grow(b, 1);
    b->s[b->len++] = c;
    b->s[b->len] = '\0';
}

/* The text so far: "" when nothing was added.  Valid until the next change. */
static inline const char *strbuf_str(const struct strbuf *b)
{
    return b->s ? b->s : "";
}

/* Hand the text out (never NULL: "" when nothing was added), leaving b empty. */
char *strbuf_steal(struct strbuf *b);
/* Free the text and empty b.  Accepts NULL. */
void strbuf_free(struct strbuf *b);

#define _cleanup_strbuf_ _cleanup_(strbuf_free)
