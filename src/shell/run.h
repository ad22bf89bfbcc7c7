/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * shell/run.h - the run loops: one command as words, a string of commands,
 * a script or batch stream, and the interactive shell (shell/repl.c).
 */
#pragma once

#include <stddef.h>
#include <stdio.h>

#include "virt/context.h"

/* Run one command given as words.  Returns its exit status. */
int shell_run_argv(struct shell *sh, int argc, char **argv);
/* Run every command in a string (';'/newline separated).  With
 * --halt-on-error stops at the first failure.  Returns the worst status. */
int shell_run_string(struct shell *sh, const char *s, size_t len);
/* Read commands from a stream (script or batch stdin). */
int shell_run_stream(struct shell *sh, FILE *in, const char *name);
/* The interactive loop. */
int shell_run_interactive(struct shell *sh);
