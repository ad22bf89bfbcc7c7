/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "core/lex.h"

#include <stdlib.h>
#include <string.h>

#include "core/strbuf.h"
#include "core/util.h"

static void cmd_push_token(struct lex_cmd *c, struct strbuf *word, size_t start, size_t end)
{
    c->tok = xrealloc(c->tok, (c->n + 1) * sizeof(*c->tok));
    c->tok[c->n].text = strbuf_steal(word);
    c->tok[c->n].start = start;
    c->tok[c->n].end = end;
    c->n++;
}

static void result_push_cmd(struct lex_result *r, struct lex_cmd *c)
{
    if (c->n == 0)
        return;
    r->cmds = xrealloc(r->cmds, (r->ncmds + 1) * sizeof(*r->cmds));
    r->cmds[r->ncmds++] = *c;
    *c = (struct lex_cmd){ 0 };
}

static void cmd_free(struct lex_cmd *c)
{
    for (size_t i = 0; i < c->n; i++)
        free(c->tok[i].text);
    free(c->tok);
    *c = (struct lex_cmd){ 0 };
}

void lex_result_free(struct lex_result *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->ncmds; i++)
        cmd_free(&r->cmds[i]);
    free(r->cmds);
    r->cmds = NULL;
    r->ncmds = 0;
}

static bool is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r';
}

int lex_split(const char *in, size_t len, unsigned flags, struct lex_result *ret)
{
    struct lex_cmd cur = { 0 };
    struct strbuf word = { 0 };
    bool in_word = false;
    size_t word_start = 0;
    char quote = 0;       /* the quote we are inside, or 0 */
    size_t quote_pos = 0;
    bool partial = flags & LEX_PARTIAL;

    *ret = (struct lex_result){ 0 };

    for (size_t i = 0; i < len; i++) {
        char c = in[i];

        if (c == '\0') {
            if (partial)
                continue;
            ret->error = LEX_NUL_BYTE;
            ret->error_pos = i;
            goto fail;
        }
        if (quote == '\'') {
            if (c == '\'')
                quote = 0;
            else
                strbuf_addc(&word, c);
            continue;
        }
        if (quote == '"') {
            if (c == '"') {
                quote = 0;
            } else if (c == '\\' && i + 1 < len &&
                       (in[i + 1] == '"' || in[i + 1] == '\\' || in[i + 1] == '\n')) {
                i++;
                if (in[i] != '\n')
                    strbuf_addc(&word, in[i]);
            } else {
                strbuf_addc(&word, c);
            }
            continue;
        }

        /* Outside quotes. */
        if (c == '\\') {
            if (i + 1 >= len) {
                if (partial)
                    break;
                ret->error = LEX_TRAILING_BACKSLASH;
                ret->error_pos = i;
                goto fail;
            }
            i++;
            if (in[i] == '\n') /* continuation: not part of any word */
                continue;
            if (!in_word) {
                in_word = true;
                word_start = i - 1;
            }
            strbuf_addc(&word, in[i]);
            continue;
        }
        if (is_blank(c) || c == '\n' || c == ';') {
            if (in_word) {
                cmd_push_token(&cur, &word, word_start, i);
                in_word = false;
            }
            if (c == '\n' || c == ';')
                result_push_cmd(ret, &cur);
            continue;
        }
        if (c == '#' && !in_word) {
            while (i + 1 < len && in[i + 1] != '\n')
                i++;
            continue;
        }
        if (!in_word) {
            in_word = true;
            word_start = i;
        }
        if (c == '\'' || c == '"') {
            quote = c;
            quote_pos = i;
            continue;
        }
        strbuf_addc(&word, c);
    }

    if (quote && !partial) {
        ret->error = quote == '\'' ? LEX_UNTERMINATED_SINGLE : LEX_UNTERMINATED_DOUBLE;
        ret->error_pos = quote_pos;
        goto fail;
    }
    ret->open_quote = quote;
    ret->ends_in_word = in_word;
    if (in_word)
        cmd_push_token(&cur, &word, word_start, len);
    result_push_cmd(ret, &cur);
    if (partial && quote)
        ret->error = quote == '\'' ? LEX_UNTERMINATED_SINGLE : LEX_UNTERMINATED_DOUBLE;
    return 0;

fail:
    strbuf_free(&word);
    cmd_free(&cur);
    lex_result_free(ret);
    return -1;
}

const char *lex_strerror(enum lex_error e)
{
    switch (e) {
    case LEX_OK: return "no error";
    case LEX_UNTERMINATED_SINGLE: return "unterminated single quote";
    case LEX_UNTERMINATED_DOUBLE: return "unterminated double quote";
    case LEX_TRAILING_BACKSLASH: return "backslash at end of input";
    case LEX_NUL_BYTE: return "NUL byte in input";
    }
    return "unknown error";
}

bool lex_error_is_incomplete(enum lex_error e)
{
    return e == LEX_UNTERMINATED_SINGLE || e == LEX_UNTERMINATED_DOUBLE ||
           e == LEX_TRAILING_BACKSLASH;
}
