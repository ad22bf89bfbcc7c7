/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * core/suggest.h - "did you mean": the one policy for every unknown word
 * (commands, options, event types, agent and QMP commands, schema members
 * and enum values).
 *
 * Words are compared with case and the difference between '-' and '_'
 * ignored.  A candidate matches when
 *   1. it is the typed word but for case and '-'/'_' (STOP -> stop), or
 *   2. it is within a few edits of it - a letter changed, added, dropped,
 *      or two neighbours swapped (strat -> start) each count one: 1 edit
 *      for words of up to 4 characters, 2 up to 8, 3 beyond - typos, not
 *      a different word; or
 *   3. the typed word, 2 characters or more, starts it (al -> all), or
 *   4. the typed word, 2 characters or more, ends it after a '-'
 *      (info -> guest-info).
 * The best match wins: the kinds in that order, then the fewest edits, then
 * the earliest candidate.  No match, no suggestion.
 */
#pragma once

#include <stddef.h>

struct suggest {
    const char *typed;
    const char *best;  /* the best candidate so far, or NULL */
    size_t score;
};

void suggest_init(struct suggest *s, const char *typed);
/* Weigh one more candidate (NULL is ignored). */
void suggest_consider(struct suggest *s, const char *candidate);
/* The best candidate considered (a pointer given to suggest_consider), or NULL. */
const char *suggest_result(const struct suggest *s);
/* The best of n candidates, or NULL. */
const char *suggest_among(const char *typed, const char *const *candidates, size_t n);

/* Edits from a to b (optimal string alignment: Levenshtein's change, add
 * and drop, and the swap of two neighbours); SIZE_MAX past 64 bytes. */
size_t suggest_distance(const char *a, const char *b);
/* The most edits a word of `len` characters may be away from a suggestion. */
size_t suggest_max_edits(size_t len);
