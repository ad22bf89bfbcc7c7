/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "core/contract.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/util.h"

static const struct result_field *find(const struct result_field *f, const char *key)
{
    for (; f && f->key; f++)
        if (str_eq(f->key, key))
            return f;
    return NULL;
}

/* "parent.name", or "name" at the top. */
static char *child_path(const char *parent, const char *name)
{
    return *parent ? xasprintf("%s.%s", parent, name) : xstrdup(name);
}

/* Is `key` a direct member of the object at `parent`? */
static bool is_member_of(const char *key, const char *parent)
{
    size_t pl = strlen(parent);
    const char *rest = key;
    if (pl) {
        if (strncmp(key, parent, pl) != 0 || key[pl] != '.')
            return false;
        rest = key + pl + 1;
    }
    return *rest && !strpbrk(rest, ".[");
}

/* Does any declared key describe the elements of the array at `path`? */
static bool elements_declared(const struct result_field *f, const char *path)
{
    size_t pl = strlen(path);
    for (; f && f->key; f++)
        if (!strncmp(f->key, path, pl) && !strncmp(f->key + pl, "[]", 2))
            return true;
    return false;
}

static bool type_matches(unsigned type, struct json_object *v)
{
    switch (type & RT_TYPE_MASK) {
    case RT_STRING: return json_object_is_type(v, json_type_string);
    case RT_INT: return json_object_is_type(v, json_type_int);
    case RT_NUMBER:
        return json_object_is_type(v, json_type_int) || json_object_is_type(v, json_type_double);
    case RT_BOOL: return json_object_is_type(v, json_type_boolean);
    case RT_ARRAY: return json_object_is_type(v, json_type_array);
    case RT_OBJECT: return json_object_is_type(v, json_type_object);
    case RT_ANY: return true;
    default: return false;
    }
}

static bool is_plain(struct json_object *v)
{
    return json_object_is_type(v, json_type_string) || json_object_is_type(v, json_type_int) ||
           json_object_is_type(v, json_type_double);
}

PRINTF(3, 4) static int broken(char *why, size_t len, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, len, fmt, ap);
    va_end(ap);
    return -1;
}

static int check_at(const struct result_field *f, const char *path, unsigned type,
                    struct json_object *v, char *why, size_t len);

/* The members of the object `v` at `path`: each declared, each required one there. */
static int check_object(const struct result_field *fields, const char *path, struct json_object *v,
                        char *why, size_t len)
{
    json_object_object_foreach(v, k, child) {
        _cleanup_free_ char *p = child_path(path, k);
        const struct result_field *f = find(fields, p);
        if (!f)
            return broken(why, len, "key '%s' is not declared", p);
        if (check_at(fields, p, f->type, child, why, len) < 0)
            return -1;
    }
    for (const struct result_field *f = fields; f && f->key; f++) {
        if (!is_member_of(f->key, path) || (f->type & RT_OPTIONAL))
            continue;
        const char *name = *path ? f->key + strlen(path) + 1 : f->key;
        if (!json_object_object_get_ex(v, name, NULL))
            return broken(why, len, "key '%s' is missing", f->key);
    }
    return 0;
}

static int check_at(const struct result_field *fields, const char *path, unsigned type,
                    struct json_object *v, char *why, size_t len)
{
    if (!v || json_object_is_type(v, json_type_null)) {
        if (type & RT_NULL)
            return 0;
        return broken(why, len, "'%s' is null", *path ? path : "the result");
    }
    if (!type_matches(type, v))
        return broken(why, len, "'%s' is not of its declared type", *path ? path : "the result");
    if ((type & RT_TYPE_MASK) == RT_OBJECT)
        return check_object(fields, path, v, why, len);
    if ((type & RT_TYPE_MASK) != RT_ARRAY || !elements_declared(fields, path))
        return 0;
    _cleanup_free_ char *elem = xasprintf("%s[]", path);
    const struct result_field *ef = find(fields, elem);
    for (size_t i = 0; i < json_object_array_length(v); i++)
        if (check_at(fields, elem, ef ? ef->type : RT_OBJECT, json_object_array_get_idx(v, i),
                     why, len) < 0)
            return -1;
    return 0;
}

int contract_check_row(const struct result_def *r, struct json_object *row, char *why, size_t len)
{
    return check_at(r->fields, "", RT_OBJECT, row, why, len);
}

static int check_shape(const struct result_def *r, struct json_object *doc, char *why, size_t len);

static int check_shape(const struct result_def *r, struct json_object *doc, char *why, size_t len)
{
    switch (r->shape) {
    case RS_OBJECT:
        return check_at(r->fields, "", RT_OBJECT, doc, why, len);
    case RS_ARRAY:
        if (!json_object_is_type(doc, json_type_array))
            return broken(why, len, "the result is not an array");
        for (size_t i = 0; i < json_object_array_length(doc); i++)
            if (contract_check_row(r, json_object_array_get_idx(doc, i), why, len) < 0)
                return -1;
        return 0;
    case RS_VALUES:
        if (!json_object_is_type(doc, json_type_array))
            return broken(why, len, "the result is not an array");
        for (size_t i = 0; i < json_object_array_length(doc); i++)
            if (!is_plain(json_object_array_get_idx(doc, i)))
                return broken(why, len, "element %zu is not a string or a number", i);
        return 0;
    case RS_FREE:
        return 0;
    case RS_NONE:
        return broken(why, len, "the command declares no JSON result, yet printed one");
    case RS_UNDECLARED:
        break;
    }
    return broken(why, len, "the command declares no JSON result");
}

int contract_check(const struct result_def *r, struct json_object *doc, char *why, size_t len)
{
    char other[256];
    if (check_shape(r, doc, why, len) == 0)
        return 0;
    /* The first shape's complaint is the one to read. */
    return r->or && check_shape(r->or, doc, other, sizeof(other)) == 0 ? 0 : -1;
}

const char *contract_type_name(unsigned type, char *buf, size_t len)
{
    static const char *const names[] = {
        [RT_STRING] = "string", [RT_INT] = "integer", [RT_NUMBER] = "number",
        [RT_BOOL] = "boolean", [RT_ARRAY] = "array", [RT_OBJECT] = "object", [RT_ANY] = "any",
    };
    unsigned t = type & RT_TYPE_MASK;
    snprintf(buf, len, "%s%s%s", t < ARRAY_SIZE(names) && names[t] ? names[t] : "?",
             type & RT_NULL ? " or null" : "", type & RT_OPTIONAL ? ", optional" : "");
    return buf;
}

int contract_validate_def(const struct result_def *r, char *why, size_t len)
{
    if (r->or && (r->or->or || contract_validate_def(r->or, why, len) < 0))
        return r->or->or ? broken(why, len, "more than two shapes") : -1;
    if ((r->shape == RS_OBJECT || r->shape == RS_ARRAY) && (!r->fields || !r->fields[0].key))
        return broken(why, len, "an object result without fields");
    for (const struct result_field *f = r->fields; f && f->key; f++) {
        unsigned t = f->type & RT_TYPE_MASK;
        if (t < RT_STRING || t > RT_ANY)
            return broken(why, len, "'%s' has no type", f->key);
        if (!f->help || !*f->help)
            return broken(why, len, "'%s' says nothing of what it means", f->key);
        for (const char *p = f->key; *p; p++)
            if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || strchr("_.[]", *p)))
                return broken(why, len, "'%s' is not lowercase snake_case", f->key);
        for (const struct result_field *g = r->fields; g < f; g++)
            if (str_eq(g->key, f->key))
                return broken(why, len, "'%s' is declared twice", f->key);
        size_t kl = strlen(f->key);
        if (kl > 2 && str_eq(f->key + kl - 2, "[]")) {
            _cleanup_free_ char *base = xstrndup(f->key, kl - 2);
            const struct result_field *bf = find(r->fields, base);
            if (!bf || (bf->type & RT_TYPE_MASK) != RT_ARRAY)
                return broken(why, len, "'%s' has no array '%s' declared before it", f->key, base);
        }
        /* Its parent is declared, as an object or an array. */
        const char *dot = strrchr(f->key, '.');
        if (dot) {
            _cleanup_free_ char *parent = xstrndup(f->key, (size_t)(dot - f->key));
            size_t pl = strlen(parent);
            bool elem = pl > 2 && str_eq(parent + pl - 2, "[]");
            if (elem)
                parent[pl - 2] = '\0';
            const struct result_field *pf = find(r->fields, parent);
            unsigned want = elem ? RT_ARRAY : RT_OBJECT;
            if (!pf || (pf->type & RT_TYPE_MASK) != want)
                return broken(why, len, "'%s' has no %s '%s' declared before it", f->key,
                              elem ? "array" : "object", parent);
        }
    }
    return 0;
}

/* ---- several hosts ---- */
const struct result_field contract_host_fields[] = {
    { CONTRACT_HOST_KEY, RT_STRING, "the host that answered (its name in the inventory, or its URI)" },
    { "value", RT_ANY, "a plain value of the command's list, for results that are lists of values" },
    { "result", RT_ANY, "the host's document, for results that are JSON by nature" },
    { NULL, 0, NULL },
};

static void json_putp_(struct json_object **p)
{
    json_object_put(*p);
}

/* One element (a row or an object) without its host key, against r. */
static int check_host_element(const struct result_def *r, struct json_object *e, char *why,
                              size_t len)
{
    struct json_object *host = NULL;
    if (!json_object_is_type(e, json_type_object))
        return broken(why, len, "an element is not an object");
    if (!json_object_object_get_ex(e, CONTRACT_HOST_KEY, &host) ||
        !json_object_is_type(host, json_type_string))
        return broken(why, len, "key '%s' is missing or not a string", CONTRACT_HOST_KEY);
    if (!r || r->shape == RS_UNDECLARED)
        return 0;
    _cleanup_(json_putp_) struct json_object *rest = json_object_new_object();
    json_object_object_foreach(e, k, v)
        if (!str_eq(k, CONTRACT_HOST_KEY))
            json_object_object_add(rest, k, json_object_get(v));
    struct json_object *inner = NULL;
    switch (r->shape) {
    case RS_OBJECT:
        return check_shape(r, rest, why, len);
    case RS_ARRAY:
        return contract_check_row(r, rest, why, len);
    case RS_VALUES:
        if (json_object_object_length(rest) != 1 || !json_object_object_get_ex(rest, "value", &inner) ||
            !is_plain(inner))
            return broken(why, len, "a value is not {\"%s\", \"value\"}", CONTRACT_HOST_KEY);
        return 0;
    case RS_FREE:
        if (json_object_object_length(rest) != 1 || !json_object_object_get_ex(rest, "result", NULL))
            return broken(why, len, "a document is not {\"%s\", \"result\"}", CONTRACT_HOST_KEY);
        return 0;
    default:
        return check_shape(r, rest, why, len);
    }
}

static int check_host_doc(const struct result_def *r, struct json_object *doc, char *why, size_t len)
{
    if (!json_object_is_type(doc, json_type_array))
        return check_host_element(r, doc, why, len);
    for (size_t i = 0; i < json_object_array_length(doc); i++)
        if (check_host_element(r, json_object_array_get_idx(doc, i), why, len) < 0)
            return -1;
    return 0;
}

int contract_check_hosts(const struct result_def *r, struct json_object *doc, char *why, size_t len)
{
    char other[256];
    if (check_host_doc(r, doc, why, len) == 0)
        return 0;
    return r && r->or && check_host_doc(r->or, doc, other, sizeof(other)) == 0 ? 0 : -1;
}
