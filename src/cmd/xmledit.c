/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "cmd/xmledit.h"

#include <string.h>
#include <unistd.h>

#include "core/util.h"
#include "core/xml.h"
#include "virt/editor.h"
#include "virt/err.h"

/* Whether the edited text is worth handing to libvirt; NULL or why not. */
static char *check(const char *edited)
{
    char why[300];
    if (xml_check_wellformed(edited, strlen(edited), why, sizeof(why)) < 0)
        return xasprintf("the edited XML is not well-formed: %s", why);
    return NULL;
}

int xmledit_run(struct shell *sh, const char *orig, bool apply_unchanged, xmledit_apply apply,
                void *opaque)
{
    _cleanup_edit_file_ struct edit_file f = { "" };
    if (edit_file_create(sh, &f, orig, ".xml") < 0)
        return XMLEDIT_FAILED;
    bool tty = isatty(STDIN_FILENO) && isatty(STDERR_FILENO), run_editor = true;
    for (;;) {
        if (run_editor && edit_file_run(sh, &f) < 0)
            return XMLEDIT_FAILED;
        _cleanup_free_ char *edited = edit_file_read(sh, &f);
        if (!edited)
            return XMLEDIT_FAILED;
        if (str_eq(edited, orig) && !apply_unchanged)
            return XMLEDIT_UNCHANGED;
        bool fatal = false;
        _cleanup_free_ char *why = check(edited);
        if (!why)
            why = apply(sh, edited, opaque, &fatal);
        if (!why)
            return XMLEDIT_APPLIED;
        err_clear(sh);
        if (fatal || !tty) {
            error(sh, "%s", why);
            return XMLEDIT_FAILED;
        }
        error(sh, "%s", why); /* say what is wrong, offer another go */
        err_report(sh);
        switch (edit_ask_again(false)) {
        case 'y':
            run_editor = true;
            break;
        case 'f':
            run_editor = false;
            break;
        default:
            error(sh, "nothing changed: the edits were discarded");
            return XMLEDIT_FAILED;
        }
    }
}
