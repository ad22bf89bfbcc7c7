/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "core/strv.h"

#include <stdarg.h>
#include <string.h>

#include "core/strbuf.h"

void strv_push(struct strv *sv, char *s)
{
    if (sv->n + 2 > sv->cap) {
        sv->cap = sv->cap ? sv->cap * 2 : 8;
        sv->v = xrealloc(sv->v, sv->cap * sizeof(*sv->v));
    }
    sv->v[sv->n++] = s;
    sv->v[sv->n] = NULL;
}

void strv_add(struct strv *sv, const char *s)
{
    strv_push(sv, xstrdup(s));
}

void strv_addf(struct strv *sv, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    strv_push(sv, xvasprintf(fmt, ap));
    va_end(ap);
}

bool strv_contains(const struct strv *sv, const char *s)
{
    for (size_t i = 0; i < sv->n; i++)
        if (strcmp(sv->v[i], s) == 0)
            return true;
    return false;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

void strv_sort(struct strv *sv, bool unique)
{
    if (sv->n < 2)
        return;
    qsort(sv->v, sv->n, sizeof(*sv->v), cmp_str);
    if (!unique)
        return;
    size_t k = 1;
    for (size_t i = 1; i < sv->n; i++) {
        if (strcmp(sv->v[k - 1], sv->v[i]) == 0)
            free(sv->v[i]);
        else
            sv->v[k++] = sv->v[i];
    }
    sv->n = k;
    sv->v[k] = NULL;
}

char *strv_joinv(char *const *v, size_t n, const char *sep)
{
    struct strbuf b = { 0 };
    for (size_t i = 0; i < n; i++) {
        if (i)
            strbuf_add(&b, sep);
        strbuf_add(&b, v[i]);
    }
    return strbuf_steal(&b);
}

char *strv_join(const struct strv *sv, const char *sep)
{
    return strv_joinv(sv->v, sv->n, sep);
}

char **strv_steal(struct strv *sv)
{
    char **v = sv->v ? sv->v : xcalloc(1, sizeof(*v));
    *sv = (struct strv){ 0 };
    return v;
}

void strv_clear(struct strv *sv)
{
    free(sv->v);
    *sv = (struct strv){ 0 };
}

void strv_free(struct strv *sv)
{
    if (!sv)
        return;
    for (size_t i = 0; i < sv->n; i++)
        free(sv->v[i]);
    strv_clear(sv);
}

void strv_freev(char **v)
{
    for (size_t i = 0; v && v[i]; i++)
        free(v[i]);
    free(v);
}
