/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * complete.h - one completion engine for the REPL (readline) and for bash
 * (the hidden `complete` command), driven by the command table.
 *
 * The engine reads a partially typed command - a line and a cursor (the
 * REPL), or the words a shell split (bash) - and answers with the raw words
 * that could stand where the cursor is: command names and aliases, options
 * not given yet and not excluded by one given, enum values, and values by
 * their option's completion kind (domains in the state the command wants,
 * machine types, a domain's disks and interfaces, agent commands).  File
 * arguments are left to the front end's own filename completion.
 *
 * Completion never prompts for credentials and never prints: whatever needs
 * the hypervisor runs in a worker thread on a read-only connection without an
 * auth callback, and gives up (answering nothing) after a short bound when
 * the daemon does not answer (VIRTSH_COMPLETE_TIMEOUT_MS, default 1500).
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "core/table.h"
#include "virt/context.h"

enum complete_mode {
    COMPLETE_WORDS, /* the candidates are in cands */
    COMPLETE_FILES, /* a file name: the front end completes it */
    COMPLETE_DIRS,  /* a directory name: the front end completes it */
};

struct complete_result {
    char **cands;           /* raw words, sorted, unique, NULL-terminated; never NULL */
    size_t n;
    enum complete_mode mode;
    char *word;             /* the current word so far, unquoted; every candidate starts with it */
    char quote;             /* the quote left open in the current word: '\'', '"' or 0 */
    size_t value_offset;    /* bytes of `word` before the value: the "--name=" of --name=VALUE */
};

/* Complete the word that ends at byte `cursor` of a partially typed line (a
 * REPL line: commands separated by ';' or newlines, no global options). */
void complete_line(struct shell *sh, const char *line, size_t cursor, struct complete_result *ret);
/* Complete the last of `n` words as a shell split them (raw: quotes still in
 * place): global options first (-c/-r among them are honoured), then the
 * command and its arguments. */
void complete_argv(struct shell *sh, char *const *words, size_t n, struct complete_result *ret);
void complete_result_free(struct complete_result *r);

enum complete_dialect {
    QUOTE_VIRTSH, /* virtsh's own lexer (the REPL) */
    QUOTE_BASH,   /* bash */
};

/*
 * The text that replaces `typed` - the tail of the current word that the
 * front end will replace (readline's word, which starts after an open quote,
 * or after a '=' or ':' for bash) - so that the word reads `cand`, quoted for
 * the quote the word has open, or escaped.  `typed` is kept as the user
 * typed it.  NULL when `cand` cannot be typed there (a newline in it).
 */
char *complete_replacement(const struct complete_result *r, const char *typed, const char *cand,
                           enum complete_dialect d);

/* Hook the engine into readline (Tab completes, a second Tab lists). */
void complete_install_readline(struct shell *sh);


/* The hidden `complete` command: `virtsh complete [--bash TEXT] -- WORDS...`. */
struct complete_args {
    const char *bash;  /* bash mode: the text readline replaces ($2 of the completion function) */
    struct strv words;
};
extern const struct opt_def complete_opts[];
int cmd_shell_complete(struct shell *sh, void *args);

#define COMPLETE_CMD \
    { .name = "complete", .summary = "list the completions of a partial command (for bash)", \
      .desc = "WORDS are the words of a command line up to the cursor, the last one being " \
              "completed, global options included.  One candidate per line; with --bash the " \
              "first line says what follows (words, files, dirs) and candidates are quoted " \
              "for bash.", \
      .run = cmd_shell_complete, .args_size = sizeof(struct complete_args), \
      .flags = CMD_NOCONN | CMD_HIDDEN, .opts = complete_opts, \
      .result = RESULT_NONE /* candidates as text, whatever -o says */ }
