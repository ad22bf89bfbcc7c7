/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * cmd/xmledit.h - the edit loop of the *-edit commands that change an XML
 * document libvirt keeps (snapshot-edit, checkpoint-edit, save-image-edit,
 * managedsave-edit): the document in the user's editor, then applied; on a
 * terminal a rejected edit can be edited again.
 */
#pragma once

#include <stdbool.h>

#include "virt/context.h"

/* Apply the edited text.  NULL when it was applied; else why not (a new
 * string), with *fatal set when editing again cannot help. */
typedef char *(*xmledit_apply)(struct shell *sh, const char *edited, void *opaque, bool *fatal);

enum {
    XMLEDIT_APPLIED = 1,
    XMLEDIT_UNCHANGED = 0,
    XMLEDIT_FAILED = -1, /* the error is recorded */
};

/* Edit `orig`; an unchanged text is applied too when `apply_unchanged`. */
int xmledit_run(struct shell *sh, const char *orig, bool apply_unchanged, xmledit_apply apply,
                void *opaque);
