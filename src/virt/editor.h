/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * editor.h - letting the user edit a text (an XML configuration) in their
 * editor: $VISUAL, else $EDITOR, else vi, run through /bin/sh on a private
 * temporary file that is removed afterwards.
 */
#pragma once

#include <limits.h>
#include <stdbool.h>

#include "virt/context.h"

struct edit_file {
    char path[PATH_MAX]; /* empty when there is no file */
};

/* Write `text` to a new file (mode 0600, suffix `suffix`) in $TMPDIR or
 * /tmp.  0, or -1 with the error recorded. */
int edit_file_create(struct shell *sh, struct edit_file *f, const char *text, const char *suffix);
/* Run the editor on the file and wait for it.  0, or -1 with the error
 * recorded (editor missing, failed or killed). */
int edit_file_run(struct shell *sh, struct edit_file *f);
/* The file's contents now.  NULL with the error recorded. */
char *edit_file_read(struct shell *sh, struct edit_file *f);
/* Remove the file (safe to call twice). */
void edit_file_remove(struct edit_file *f);

static inline void edit_file_removep(struct edit_file *f)
{
    edit_file_remove(f);
}
#define _cleanup_edit_file_ _cleanup_(edit_file_removep)

/* The editor command that edit_file_run uses. */
const char *edit_editor(void);
/* Quote a word for /bin/sh: 'it'\''s'.  Caller frees. */
char *edit_shell_quote(const char *s);

/* After a failed edit, ask on the terminal what to do.  Answers: 'y' edit
 * again, 'n' give up, 'f' try again as is, and (if `offer_skip_validate`)
 * 'i' try again without schema validation.  Without a terminal, or at end
 * of input, the answer is 'n'. */
int edit_ask_again(bool offer_skip_validate);
