/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "core/suggest.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#define MAX_WORD 64

size_t suggest_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > MAX_WORD || lb > MAX_WORD)
        return SIZE_MAX;
    /* three rows of the edit matrix: i-2, i-1 and i */
    size_t rows[3][MAX_WORD + 1];
    size_t *twoup = rows[0], *up = rows[1], *row = rows[2];
    for (size_t j = 0; j <= lb; j++)
        up[j] = j;
    for (size_t i = 1; i <= la; i++) {
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t best = up[j - 1] + (a[i - 1] != b[j - 1]); /* keep or substitute */
            if (up[j] + 1 < best)
                best = up[j] + 1;                            /* delete */
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;                       /* insert */
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                twoup[j - 2] + 1 < best)
                best = twoup[j - 2] + 1;                     /* swap two neighbours */
            row[j] = best;
        }
        size_t *t = twoup;
        twoup = up;
        up = row;
        row = t;
    }
    return up[lb];
}

size_t suggest_max_edits(size_t len)
{
    return len <= 4 ? 1 : len <= 8 ? 2 : 3;
}

/* Lower case, '_' as '-'; false when the word is too long to weigh. */
static bool fold(char *dst, const char *src)
{
    size_t n = strlen(src);
    if (n > MAX_WORD)
        return false;
    for (size_t i = 0; i <= n; i++)
        dst[i] = src[i] == '_' ? '-' : (char)tolower((unsigned char)src[i]);
    return true;
}

/* Scores, lower is better: the kind of match first, then the edits. */
enum {
    SCORE_EXACT = 0,
    SCORE_EDITS = 1,                     /* + distance */
    SCORE_PREFIX = SCORE_EDITS + 4,      /* past any distance suggest_max_edits allows */
    SCORE_SUFFIX = SCORE_PREFIX + 1,
    SCORE_NONE = SIZE_MAX,
};

static size_t score(const char *typed, const char *cand)
{
    char t[MAX_WORD + 1], c[MAX_WORD + 1];
    if (!fold(t, typed) || !fold(c, cand) || !*t)
        return SCORE_NONE;
    if (strcmp(t, c) == 0)
        return SCORE_EXACT;
    size_t tl = strlen(t), cl = strlen(c);
    size_t d = suggest_distance(t, c);
    if (d <= suggest_max_edits(tl))
        return SCORE_EDITS + d;
    if (tl >= 2 && tl < cl && strncmp(t, c, tl) == 0)
        return SCORE_PREFIX;
    if (tl >= 2 && tl + 1 < cl && c[cl - tl - 1] == '-' && strcmp(c + cl - tl, t) == 0)
        return SCORE_SUFFIX;
    return SCORE_NONE;
}

void suggest_init(struct suggest *s, const char *typed)
{
    *s = (struct suggest){ .typed = typed, .score = SCORE_NONE };
}

void suggest_consider(struct suggest *s, const char *candidate)
{
    if (!candidate || !s->typed)
        return;
    size_t sc = score(s->typed, candidate);
    if (sc < s->score) {
        s->score = sc;
        s->best = candidate;
    }
}

const char *suggest_result(const struct suggest *s)
{
    return s->best;
}

const char *suggest_among(const char *typed, const char *const *candidates, size_t n)
{
    struct suggest s;
    suggest_init(&s, typed);
    for (size_t i = 0; i < n; i++)
        suggest_consider(&s, candidates[i]);
    return suggest_result(&s);
}
