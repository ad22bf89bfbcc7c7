/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "virt/typed-params.h"

#include <string.h>

#include "core/strbuf.h"
#include "core/util.h"

struct json_object *typed_param_json(const virTypedParameter *p)
{
    switch (p->type) {
    case VIR_TYPED_PARAM_INT:
        return json_object_new_int64(p->value.i);
    case VIR_TYPED_PARAM_UINT:
        return json_object_new_int64(p->value.ui);
    case VIR_TYPED_PARAM_LLONG:
        return json_object_new_int64(p->value.l);
    case VIR_TYPED_PARAM_ULLONG:
        return json_object_new_uint64(p->value.ul);
    case VIR_TYPED_PARAM_DOUBLE:
        return json_object_new_double(p->value.d);
    case VIR_TYPED_PARAM_BOOLEAN:
        return json_object_new_boolean(p->value.b);
    case VIR_TYPED_PARAM_STRING:
        return p->value.s ? json_object_new_string(p->value.s) : NULL; /* JSON null */
    }
    return NULL;
}

char *typed_param_text(const virTypedParameter *p, unsigned flags)
{
    bool event = flags & TYPED_PARAMS_EVENT;
    switch (p->type) {
    case VIR_TYPED_PARAM_INT:
        return xasprintf("%d", p->value.i);
    case VIR_TYPED_PARAM_UINT:
        return xasprintf("%u", p->value.ui);
    case VIR_TYPED_PARAM_LLONG:
        return xasprintf("%lld", p->value.l);
    case VIR_TYPED_PARAM_ULLONG:
        return xasprintf("%llu", p->value.ul);
    case VIR_TYPED_PARAM_DOUBLE:
        return event ? xasprintf("%g", p->value.d) : xasprintf("%f", p->value.d);
    case VIR_TYPED_PARAM_BOOLEAN:
        return event ? xasprintf("%d", (int)p->value.b) : xstrdup(p->value.b ? "yes" : "no");
    case VIR_TYPED_PARAM_STRING:
        return xstrdup(p->value.s ? p->value.s : "(null)");
    }
    return NULL;
}

static bool all_digits(const char *s)
{
    if (!*s)
        return false;
    for (; *s; s++)
        if (*s < '0' || *s > '9')
            return false;
    return true;
}

/* Child `key` of container `cur` (object, or array when key is an index),
 * created as an array or object if missing.  NULL on a shape conflict. */
static struct json_object *child(struct json_object *cur, const char *key, bool want_array)
{
    struct json_object *c = NULL;
    json_type want = want_array ? json_type_array : json_type_object;
    if (json_object_is_type(cur, json_type_object)) {
        if (!json_object_object_get_ex(cur, key, &c) || !c) {
            c = want_array ? json_object_new_array() : json_object_new_object();
            json_object_object_add(cur, key, c);
        }
    } else if (json_object_is_type(cur, json_type_array) && all_digits(key)) {
        size_t idx = strtoul(key, NULL, 10);
        if (idx > 4096)
            return NULL;
        c = idx < json_object_array_length(cur) ? json_object_array_get_idx(cur, idx) : NULL;
        if (!c) {
            c = want_array ? json_object_new_array() : json_object_new_object();
            json_object_array_put_idx(cur, idx, c);
        }
    } else {
        return NULL;
    }
    return json_object_is_type(c, want) ? c : NULL;
}

/* Put v at the place the dotted `field` names below root (taking v). */
static void nest(struct json_object *root, const char *field, struct json_object *v)
{
    _cleanup_free_ char *copy = xstrdup(field);
    char *comp[32];
    size_t n = 0;
    for (char *save = NULL, *tok = strtok_r(copy, ".", &save); tok && n < ARRAY_SIZE(comp);
         tok = strtok_r(NULL, ".", &save))
        comp[n++] = tok;
    bool count = n >= 2 && str_eq(comp[n - 1], "count");
    if (count)
        n--;
    struct json_object *cur = root;
    for (size_t i = 0; cur && i + 1 < n; i++)
        cur = child(cur, comp[i], all_digits(comp[i + 1]));
    if (n == 0) {
        cur = NULL;
    } else if (cur && count) {
        if (child(cur, comp[n - 1], true)) {
            json_object_put(v);
            return;
        }
    } else if (cur && json_object_is_type(cur, json_type_object)) {
        json_object_object_add(cur, comp[n - 1], v);
        return;
    } else if (cur && json_object_is_type(cur, json_type_array) && all_digits(comp[n - 1])) {
        json_object_array_put_idx(cur, strtoul(comp[n - 1], NULL, 10), v);
        return;
    }
    json_object_object_add(root, field, v); /* an unexpected shape: keep the flat key */
}

struct json_object *typed_params_json(const virTypedParameter *params, int n, unsigned flags)
{
    struct json_object *o = json_object_new_object();
    for (int i = 0; i < n; i++) {
        struct json_object *v = typed_param_json(&params[i]);
        if (!v && params[i].type != VIR_TYPED_PARAM_STRING)
            continue; /* a type this libvirt does not define */
        if (flags & TYPED_PARAMS_NEST)
            nest(o, params[i].field, v);
        else
            json_object_object_add(o, params[i].field, v);
    }
    return o;
}

char *typed_params_text(const virTypedParameter *params, int n, const char *indent, int width,
                        unsigned flags)
{
    struct strbuf b = { 0 };
    for (int i = 0; i < n; i++) {
        _cleanup_free_ char *v = typed_param_text(&params[i], flags);
        if (v)
            strbuf_printf(&b, "%s%-*s: %s\n", indent, width, params[i].field, v);
    }
    return strbuf_steal(&b);
}
