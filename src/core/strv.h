/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * core/strv.h - the string vector: a growing, NULL-terminated array of
 * strings.  The one used everywhere (option lists, completion candidates,
 * names fetched from the hypervisor, schema words).
 *
 * Whether the vector owns its strings is its user's choice: strv_push()
 * stores the pointer it is given, strv_add() a copy; strv_free() frees the
 * strings too, strv_clear() only the array (the parser's option lists point
 * into argv).  A zeroed struct is an empty vector.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "core/util.h"

struct strv {
    char **v;   /* v[n] == NULL once anything was added; NULL while empty */
    size_t n;
    size_t cap;
};

/* Append s itself. */
void strv_push(struct strv *sv, char *s);
/* Append a copy of s. */
void strv_add(struct strv *sv, const char *s);
/* Append a formatted string. */
void strv_addf(struct strv *sv, const char *fmt, ...) PRINTF(2, 3);
bool strv_contains(const struct strv *sv, const char *s);
/* Sort (strcmp order); with `unique`, drop repeated strings (freeing them:
 * only for a vector that owns its strings). */
void strv_sort(struct strv *sv, bool unique);
/* The strings joined by sep ("" for none); a new string. */
char *strv_join(const struct strv *sv, const char *sep);
/* The same for the first n strings of any array (argv, a part of a vector). */
char *strv_joinv(char *const *v, size_t n, const char *sep);
/* Hand the NULL-terminated array out (never NULL) and leave sv empty. */
char **strv_steal(struct strv *sv);
/* Free the array only, and empty sv. */
void strv_clear(struct strv *sv);
/* Free the strings and the array, and empty sv.  Accepts NULL. */
void strv_free(struct strv *sv);
/* Free a NULL-terminated array of strings (from strv_steal).  Accepts NULL. */
void strv_freev(char **v);

#define _cleanup_strv_ _cleanup_(strv_free)

static inline void strv_freevp(char ***v)
{
    strv_freev(*v);
}
#define _cleanup_strv_array_ _cleanup_(strv_freevp)
