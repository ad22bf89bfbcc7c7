/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "cmd/moment-list.h"

#include <libvirt/virterror.h>

#include "core/tree.h"
#include "core/util.h"
#include "virt/conn.h"
#include "virt/err.h"

static struct json_object *entry_name(void *opaque, size_t i)
{
    const struct moment_list *l = opaque;
    return json_object_new_string(l->e[i].name);
}

/* --tree in text: the parents only, one call each. */
static int print_tree(struct shell *sh, struct moment_list *l)
{
    if (moment_list_fetch(sh, l, false) < 0)
        return CMD_FAILED;
    const char **names = xcalloc(l->n + 1, sizeof(*names));
    long *parent = xcalloc(l->n + 1, sizeof(*parent));
    for (size_t i = 0; i < l->n; i++) {
        names[i] = l->e[i].name;
        parent[i] = l->e[i].parent ? moment_list_find(l, l->e[i].parent) : -1;
    }
    _cleanup_free_ char *text = tree_text(l->n, names, parent);
    free(names);
    free(parent);
    out_value(&sh->out, NULL, text);
    return CMD_OK;
}

/* The table, from each one's XML. */
static int print_table(struct shell *sh, const struct moment_list_view *v, struct moment_list *l,
                       bool parent_column)
{
    _cleanup_json_ struct json_object *rows = json_object_new_array_ext((int)l->n);
    for (size_t i = 0; i < l->n; i++) {
        struct json_object *o = json_object_new_object();
        json_object_object_add(o, "name", json_object_new_string(l->e[i].name));
        v->text_fields(o, &l->e[i]);
        json_object_object_add(o, "parent",
                               json_object_new_string(l->e[i].parent ? l->e[i].parent : ""));
        json_object_array_add(rows, o);
    }
    out_table(&sh->out, rows, v->cols, v->ncols + (parent_column ? 1 : 0));
    return CMD_OK;
}

/* The name of d's current one, or NULL (none, or the family has none). */
static char *current_name(const struct moment_kind *k, virDomainPtr d)
{
    if (!k->current)
        return NULL;
    void *m = k->current(d);
    virResetLastError();
    if (!m)
        return NULL;
    char *name = xstrdup(k->name(m));
    k->free(m);
    return name;
}

/* JSON: every one listed, with its parent, children and own fields.  The
 * children come from the parents of all the domain's ones: those listed,
 * or when a filter left some out, one more listing and its parents. */
static int print_json(struct shell *sh, const struct moment_list_view *v, virDomainPtr d,
                      struct moment_list *l, bool partial)
{
    struct moment_list all = { .k = v->kind };
    struct moment_list *rel = l;
    if (partial) {
        if (moment_list_collect(sh, v->kind, d, NULL, 0, false, false, &all) < 0 ||
            moment_list_fetch(sh, &all, false) < 0) {
            moment_list_free(&all);
            return CMD_FAILED;
        }
        rel = &all;
    }
    _cleanup_free_ char *current = current_name(v->kind, d);
    _cleanup_json_ struct json_object *rows = json_object_new_array_ext((int)l->n);
    for (size_t i = 0; i < l->n; i++) {
        const struct moment_entry *e = &l->e[i];
        struct json_object *o = json_object_new_object(), *kids = json_object_new_array();
        json_object_object_add(o, "name", json_object_new_string(e->name));
        v->json_fields(o, e);
        json_object_object_add(o, "parent", e->info.parent ? json_object_new_string(e->info.parent)
                                                           : NULL);
        for (size_t j = 0; j < rel->n; j++)
            if (rel->e[j].parent && str_eq(rel->e[j].parent, e->name))
                json_object_array_add(kids, json_object_new_string(rel->e[j].name));
        json_object_object_add(o, "children", kids);
        if (v->kind->current)
            json_object_object_add(o, "current", json_object_new_boolean(str_eq(current, e->name)));
        json_object_array_add(rows, o);
    }
    moment_list_free(&all);
    out_table(&sh->out, rows, v->cols, v->ncols);
    return CMD_OK;
}

int moment_list_run(struct shell *sh, const struct moment_list_view *v,
                    const struct moment_list_req *r)
{
    const struct moment_kind *k = v->kind;
    _cleanup_domain_ virDomainPtr d = conn_lookup_domain(sh, r->domain);
    if (!d)
        return CMD_FAILED;
    void *start = NULL;
    if ((r->from || r->current) && !(start = moment_lookup(sh, k, d, r->from, !r->from)))
        return CMD_FAILED;
    unsigned int flags = r->flags | (r->tree && start ? r->descendants_flag : 0);
    struct moment_list l;
    int rc = moment_list_collect(sh, k, d, start, flags, r->tree && start, r->keep_order, &l);
    if (start)
        k->free(start);
    if (rc < 0)
        return CMD_FAILED;
    if (r->names)
        out_list_gen(&sh->out, l.n, entry_name, &l);
    else if (r->tree && sh->out.mode != OUT_JSON)
        rc = print_tree(sh, &l);
    else if (moment_list_fetch(sh, &l, true) < 0)
        rc = CMD_FAILED;
    else if (sh->out.mode == OUT_JSON)
        rc = print_json(sh, v, d, &l, r->filtered || start);
    else
        rc = print_table(sh, v, &l, r->parent_column);
    moment_list_free(&l);
    return rc;
}
