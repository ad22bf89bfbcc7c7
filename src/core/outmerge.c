/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "core/outmerge.h"

#include <string.h>

#include "core/util.h"

void host_out_add(struct host_out *h, struct out_item *item)
{
    h->items = xrealloc(h->items, (h->n + 1) * sizeof(*h->items));
    h->items[h->n++] = item;
}

void host_out_clear(struct host_out *h)
{
    for (size_t i = 0; i < h->n; i++)
        out_item_free(h->items[i]);
    free(h->items);
    free(h->raw);
    h->items = NULL;
    h->n = 0;
    h->raw = NULL;
}

/* obj with "host" first (a new object); what is not an object is wrapped
 * as {"host", KEY: obj}. */
static struct json_object *with_host(const char *host, struct json_object *obj, const char *key)
{
    struct json_object *o = json_object_new_object();
    json_object_object_add(o, CONTRACT_HOST_KEY, json_object_new_string(host));
    if (obj && json_object_is_type(obj, json_type_object)) {
        json_object_object_foreach(obj, k, v)
            if (!str_eq(k, CONTRACT_HOST_KEY))
                json_object_object_add(o, k, json_object_get(v));
    } else {
        json_object_object_add(o, key, json_object_get(obj));
    }
    return o;
}

/* Add the JSON of host's item to arr, as elements of the merged array. */
static void add_json(struct json_object *arr, const char *host, const struct out_item *it)
{
    size_t n = it->obj && json_object_is_type(it->obj, json_type_array)
                   ? json_object_array_length(it->obj) : 0;
    switch (it->kind) {
    case OUT_ITEM_TABLE:
        for (size_t i = 0; i < n; i++)
            json_object_array_add(arr, with_host(host, json_object_array_get_idx(it->obj, i), "value"));
        break;
    case OUT_ITEM_LIST:
        for (size_t i = 0; i < n; i++) {
            struct json_object *o = json_object_new_object();
            json_object_object_add(o, CONTRACT_HOST_KEY, json_object_new_string(host));
            json_object_object_add(o, "value", json_object_get(json_object_array_get_idx(it->obj, i)));
            json_object_array_add(arr, o);
        }
        break;
    case OUT_ITEM_DOCUMENT:
        json_object_array_add(arr, with_host(host, NULL, "result"));
        json_object_object_add(json_object_array_get_idx(arr, json_object_array_length(arr) - 1),
                               "result", json_object_get(it->obj));
        break;
    default:
        json_object_array_add(arr, with_host(host, it->obj, "result"));
        break;
    }
}

static void emit(struct out *o, struct json_object *doc, const struct result_def *r,
                 const char *cmd)
{
    char why[256];
    if (cmd && contract_check_hosts(r, doc, why, sizeof(why)) < 0) {
        fflush(o->fp);
        fprintf(stderr, "contract: %s: %s\n", cmd, why);
    }
    out_print_json(o->fp, doc, JSON_C_TO_STRING_PLAIN);
}

/* Every line of text as "HOST: line". */
static void prefix_lines(FILE *fp, const char *host, const char *text)
{
    while (text && *text) {
        size_t l = strcspn(text, "\n");
        fprintf(fp, "%s:%s%.*s\n", host, l ? " " : "", (int)l, text); /* (no trailing blank) */
        text += l + (text[l] == '\n');
    }
}

/* A text renderer like o into a string: *tmp prints to the returned stream
 * (NULL: none), whose text *buf has once it is closed. */
static FILE *text_into(const struct out *o, struct out *tmp, char **buf, size_t *len)
{
    *buf = NULL;
    *len = 0;
    FILE *fp = open_memstream(buf, len);
    *tmp = (struct out){ .mode = OUT_TEXT, .fp = fp, .quiet = o->quiet };
    return fp;
}

/* An item's text, as the command alone prints it (o has no sink). */
static char *item_text(const struct out *o, const struct out_item *it)
{
    char *buf;
    size_t len;
    struct out tmp;
    FILE *fp = text_into(o, &tmp, &buf, &len);
    if (!fp)
        return xstrdup("");
    switch (it->kind) {
    case OUT_ITEM_LIST:
        for (size_t i = 0; i < json_object_array_length(it->obj); i++)
            fprintf(fp, "%s\n", json_object_get_string(json_object_array_get_idx(it->obj, i)));
        break;
    case OUT_ITEM_DOCUMENT:
        out_json_document(&tmp, it->obj, it->pretty);
        break;
    case OUT_ITEM_MESSAGE:
        out_message(&tmp, it->obj, it->text ? it->text : "");
        break;
    default:
        out_value(&tmp, it->obj, it->text ? it->text : "");
        break;
    }
    fclose(fp);
    return buf;
}

/* The columns (fields) of an item with Host in front. */
static struct out_col *host_cols(const struct out_item *it)
{
    struct out_col *c = xcalloc(it->ncols + 1, sizeof(*c));
    c[0] = (struct out_col){ CONTRACT_HOST_KEY, "Host", FMT_PLAIN, NULL };
    memcpy(c + 1, it->cols, it->ncols * sizeof(*c));
    return c;
}

static struct out_field *host_fields(const struct out_item *it)
{
    struct out_field *f = xcalloc(it->nfields + 1, sizeof(*f));
    f[0] = (struct out_field){ CONTRACT_HOST_KEY, "Host", FMT_PLAIN, NULL };
    memcpy(f + 1, it->fields, it->nfields * sizeof(*f));
    return f;
}

/* A key/value block with its Host line, into a string (to separate blocks). */
static char *fields_text(const struct out *o, const char *host, const struct out_item *it)
{
    char *buf;
    size_t len;
    struct out tmp;
    FILE *fp = text_into(o, &tmp, &buf, &len);
    if (!fp)
        return xstrdup("");
    _cleanup_free_ struct out_field *f = host_fields(it);
    _cleanup_json_ struct json_object *obj = with_host(host, it->obj, "result");
    out_fields(&tmp, obj, f, it->nfields + 1);
    fclose(fp);
    return buf;
}

/* Item k of every host that has one, all of one kind: text. */
static void merged_text(struct out *o, const struct host_out *hosts, size_t n, size_t k)
{
    const struct out_item *first = NULL;
    _cleanup_json_ struct json_object *rows = json_object_new_array();
    bool blank_after = false; /* the renderer ends a block with a blank line */
    for (size_t h = 0; h < n; h++) {
        if (k >= hosts[h].n)
            continue;
        const struct out_item *it = hosts[h].items[k];
        if (!first)
            first = it;
        if (it->kind == OUT_ITEM_TABLE) {
            add_json(rows, hosts[h].host, it);
        } else if (it->kind == OUT_ITEM_FIELDS) {
            _cleanup_free_ char *t = fields_text(o, hosts[h].host, it);
            size_t l = strlen(t);
            if (first != it && !blank_after)
                fputc('\n', o->fp);
            fputs(t, o->fp);
            blank_after = l >= 2 && t[l - 1] == '\n' && t[l - 2] == '\n';
        } else {
            _cleanup_free_ char *t = item_text(o, it);
            prefix_lines(o->fp, hosts[h].host, t);
        }
    }
    if (first && first->kind == OUT_ITEM_TABLE) {
        _cleanup_free_ struct out_col *c = host_cols(first);
        out_table(o, rows, c, first->ncols + 1);
    }
}

/* Item k of every host that has one, and all of the same kind? */
static bool same_kind(const struct host_out *hosts, size_t n, size_t k)
{
    int kind = -1;
    for (size_t h = 0; h < n; h++) {
        if (k >= hosts[h].n)
            continue;
        if (kind >= 0 && (int)hosts[h].items[k]->kind != kind)
            return false;
        kind = (int)hosts[h].items[k]->kind;
    }
    return true;
}

void outmerge_print(struct out *o, const struct host_out *hosts, size_t n,
                    const struct result_def *r, const char *cmd)
{
    size_t most = 0;
    for (size_t h = 0; h < n; h++)
        most = hosts[h].n > most ? hosts[h].n : most;
    for (size_t k = 0; k < most; k++) {
        if (!same_kind(hosts, n, k)) { /* not one result: each host's own */
            for (size_t h = 0; h < n; h++)
                if (k < hosts[h].n)
                    outmerge_print_one(o, hosts[h].host, hosts[h].items[k], r, cmd);
            continue;
        }
        if (o->mode == OUT_TEXT) {
            merged_text(o, hosts, n, k);
            continue;
        }
        _cleanup_json_ struct json_object *doc = json_object_new_array();
        for (size_t h = 0; h < n; h++)
            if (k < hosts[h].n)
                add_json(doc, hosts[h].host, hosts[h].items[k]);
        emit(o, doc, r, cmd);
    }
    for (size_t h = 0; h < n; h++)
        prefix_lines(o->fp, hosts[h].host, hosts[h].raw);
}

void outmerge_print_one(struct out *o, const char *host, const struct out_item *it,
                        const struct result_def *r, const char *cmd)
{
    if (o->mode == OUT_JSON) {
        _cleanup_json_ struct json_object *doc = NULL;
        if (it->kind == OUT_ITEM_TABLE || it->kind == OUT_ITEM_LIST) {
            doc = json_object_new_array();
            add_json(doc, host, it);
        } else if (it->kind == OUT_ITEM_DOCUMENT) {
            doc = with_host(host, NULL, "result");
            json_object_object_add(doc, "result", json_object_get(it->obj));
        } else {
            doc = with_host(host, it->obj, "result");
        }
        emit(o, doc, r, cmd);
        return;
    }
    if (it->kind == OUT_ITEM_TABLE || it->kind == OUT_ITEM_FIELDS) {
        struct host_out one = { .host = host, .items = (struct out_item **)&it, .n = 1 };
        merged_text(o, &one, 1, 0);
        return;
    }
    _cleanup_free_ char *t = item_text(o, it);
    if (it->kind == OUT_ITEM_MESSAGE)
        prefix_lines(o->fp, host, t);
    else
        fputs(t, o->fp);
}
