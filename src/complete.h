/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * complete.h - one completion engine for the REPL (readline) and for bash
 * (the hidden `complete` command), driven by the command table.
 */
#pragma once

#include <stddef.h>

#include "shell.h"

/* Candidates for the word at byte offset `cursor` of `line`, NULL-terminated
 * (caller frees each and the array).  Never prompts, never prints. */
char **complete_line(struct shell *sh, const char *line, size_t cursor);
/* Hook the engine into readline. */
void complete_install_readline(struct shell *sh);
