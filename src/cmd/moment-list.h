/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * cmd/moment-list.h - snapshot-list and checkpoint-list: one listing, told
 * apart by a view (the family, its columns, its JSON fields).
 */
#pragma once

#include <json-c/json.h>
#include <stdbool.h>

#include "core/out.h"
#include "virt/context.h"
#include "virt/moment.h"

struct moment_list_view {
    const struct moment_kind *kind;
    /* JSON: the family's fields of a row (name, parent, children and, if
     * the family has a current one, current are added by the listing) */
    void (*json_fields)(struct json_object *o, const struct moment_entry *e);
    /* text: the row's cells for `cols` other than name and parent */
    void (*text_fields)(struct json_object *o, const struct moment_entry *e);
    /* the table's columns; cols[ncols] is the "parent" column --parent adds */
    const struct out_col *cols;
    size_t ncols;
};

struct moment_list_req {
    const char *domain;
    const char *from;           /* --from NAME */
    bool current;               /* --current: from the current one */
    unsigned int flags;         /* libvirt's list flags from the options */
    unsigned int descendants_flag; /* the family's LIST_DESCENDANTS */
    bool tree, names, parent_column, keep_order;
    bool filtered;              /* a filter flag is given: not every one is listed */
};

int moment_list_run(struct shell *sh, const struct moment_list_view *v,
                    const struct moment_list_req *r);
