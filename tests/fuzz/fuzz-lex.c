/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libFuzzer target for the line lexer (src/lex.c).
 *
 * Every input is split in strict and in partial mode.  Invariants: partial
 * mode never fails; strict mode fails only with an error it can name; every
 * token's byte range lies inside the input, ranges increase, and a token
 * never holds more bytes than its range; a strict success and the partial
 * split of the same input agree.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/lex.h"
#include "fuzz.h"

static void check_ranges(const struct lex_result *r, size_t size)
{
    size_t prev_end = 0;
    for (size_t i = 0; i < r->ncmds; i++) {
        check(r->cmds[i].n > 0, "a command has at least one word");
        for (size_t k = 0; k < r->cmds[i].n; k++) {
            const struct lex_token *t = &r->cmds[i].tok[k];
            check(t->start <= t->end && t->end <= size, "token range inside the input");
            check(t->start >= prev_end, "token ranges increase");
            check(strlen(t->text) <= t->end - t->start, "a word is no longer than its range");
            prev_end = t->end;
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *in = (const char *)data;
    struct lex_result strict, partial;

    int rc = lex_split(in, size, 0, &strict);
    check(lex_split(in, size, LEX_PARTIAL, &partial) == 0, "partial mode never fails");
    check_ranges(&partial, size);
    if (rc == 0) {
        check_ranges(&strict, size);
        check(strict.ncmds == partial.ncmds, "strict and partial agree on commands");
        for (size_t i = 0; i < strict.ncmds; i++) {
            check(strict.cmds[i].n == partial.cmds[i].n, "strict and partial agree on words");
            for (size_t k = 0; k < strict.cmds[i].n; k++)
                check(strcmp(strict.cmds[i].tok[k].text, partial.cmds[i].tok[k].text) == 0,
                      "strict and partial agree on each word");
        }
        lex_result_free(&strict);
    } else {
        check(strict.error != LEX_OK && strict.error_pos < size + 1, "a failure names an error");
        check(strict.ncmds == 0, "a failure returns no commands");
        check(strcmp(lex_strerror(strict.error), "unknown error") != 0, "the error has a text");
    }
    lex_result_free(&partial);
    return 0;
}
