/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * lex.h - a shell-like tokenizer for command lines and scripts.
 *
 * Words are separated by blanks; commands by ';' or newlines.  Single quotes
 * keep everything literal; double quotes honour \" \\ and \<newline>; outside
 * quotes a backslash escapes the next character and \<newline> continues the
 * line.  '#' at the start of a word comments out the rest of the line.
 * Every token records the byte range it came from, for error carets and for
 * completion.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>

struct lex_token {
    char *text;   /* unquoted, unescaped word (owned) */
    size_t start; /* byte offset of the word's first character in the input */
    size_t end;   /* offset just past its last character */
};

struct lex_cmd {
    struct lex_token *tok;
    size_t n;
};

enum lex_error {
    LEX_OK = 0,
    LEX_UNTERMINATED_SINGLE,
    LEX_UNTERMINATED_DOUBLE,
    LEX_TRAILING_BACKSLASH,
    LEX_NUL_BYTE,
};

struct lex_result {
    struct lex_cmd *cmds;
    size_t ncmds;
    enum lex_error error; /* first error; in partial mode the state at the end */
    size_t error_pos;     /* where the offending quote or byte is */
    /* Partial mode: the state the input ended in. */
    char open_quote;      /* '\'' or '"' if the input ended inside quotes, else 0 */
    bool ends_in_word;    /* the last token runs up to the end of input */
};

enum {
    LEX_PARTIAL = 1 << 0, /* never fail: close open quotes at the end (for completion) */
};

/* Split `len` bytes of `input`.  Returns 0, or -1 with ret->error set (ret
 * then holds no commands).  Free with lex_result_free(). */
int lex_split(const char *input, size_t len, unsigned flags, struct lex_result *ret);
void lex_result_free(struct lex_result *r);
const char *lex_strerror(enum lex_error e);
/* True when the error means "more input would complete this" (script continuation). */
bool lex_error_is_incomplete(enum lex_error e);
