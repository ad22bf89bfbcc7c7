/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "virt/typed-params.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
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
 * created as an array or object if missing; one that exists is kept
 * whichever container it is ("vcpu.current" made vcpu an object, so
 * "vcpu.0.state" goes to its member "0").  NULL on a shape conflict. */
static struct json_object *child(struct json_object *cur, const char *key, bool want_array)
{
    struct json_object *c = NULL;
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
    return json_object_is_type(c, json_type_array) || json_object_is_type(c, json_type_object)
               ? c : NULL;
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
            strbuf_printf(&b, "%s%-*s%s%s\n", indent, width, params[i].field,
                          flags & TYPED_PARAMS_ASSIGN ? "=" : ": ", v);
    }
    return strbuf_steal(&b);
}

const virTypedParameter *typed_params_find(const virTypedParameter *params, int n,
                                           const char *field)
{
    for (int i = 0; i < n; i++)
        if (str_eq(params[i].field, field))
            return &params[i];
    return NULL;
}

int typed_params_ull(const virTypedParameter *params, int n, const char *field,
                     unsigned long long *ret)
{
    const virTypedParameter *p = typed_params_find(params, n, field);
    if (!p)
        return -1;
    switch (p->type) {
    case VIR_TYPED_PARAM_INT:
        *ret = (unsigned long long)p->value.i;
        return 0;
    case VIR_TYPED_PARAM_UINT:
        *ret = p->value.ui;
        return 0;
    case VIR_TYPED_PARAM_LLONG:
        *ret = (unsigned long long)p->value.l;
        return 0;
    case VIR_TYPED_PARAM_ULLONG:
        *ret = p->value.ul;
        return 0;
    case VIR_TYPED_PARAM_BOOLEAN:
        *ret = p->value.b != 0;
        return 0;
    }
    return -1;
}

struct json_object *typed_params_json_keys(const virTypedParameter *params, int n,
                                           const struct typed_key *keys)
{
    struct json_object *o = json_object_new_object();
    for (const struct typed_key *k = keys; k->field; k++) {
        const virTypedParameter *p = typed_params_find(params, n, k->field);
        json_object_object_add(o, k->key, p ? typed_param_json(p) : NULL);
    }
    return o;
}

/* A boolean as people write it: 0, 1, yes, no, true, false, on, off. */
static int parse_bool(const char *s, bool *ret)
{
    static const char *const yes[] = { "1", "yes", "true", "on" };
    static const char *const no[] = { "0", "no", "false", "off" };
    for (size_t i = 0; i < ARRAY_SIZE(yes); i++) {
        if (str_eq(s, yes[i]) || str_eq(s, no[i])) {
            *ret = str_eq(s, yes[i]);
            return 0;
        }
    }
    return -1;
}

static int parse_double(const char *s, double *ret)
{
    char *end;
    errno = 0;
    double d = strtod(s, &end);
    if (!*s || *end || errno || !isfinite(d))
        return -1;
    *ret = d;
    return 0;
}

int typed_list_add_text(struct typed_list *l, const char *field, int type, const char *text,
                        char *err, size_t errlen)
{
    long long ll;
    unsigned long long ull;
    double d;
    bool b;
    int rc = -2;
    const char *want = "an integer";
    switch (type) {
    case VIR_TYPED_PARAM_INT:
        if (parse_ll(text, INT_MIN, INT_MAX, &ll) == 0)
            rc = virTypedParamsAddInt(&l->params, &l->n, &l->max, field, (int)ll);
        break;
    case VIR_TYPED_PARAM_UINT:
        want = "a number from 0 to 4294967295";
        if (parse_ll(text, 0, UINT_MAX, &ll) == 0)
            rc = virTypedParamsAddUInt(&l->params, &l->n, &l->max, field, (unsigned int)ll);
        break;
    case VIR_TYPED_PARAM_LLONG:
        if (parse_ll(text, LLONG_MIN, LLONG_MAX, &ll) == 0)
            rc = virTypedParamsAddLLong(&l->params, &l->n, &l->max, field, ll);
        break;
    case VIR_TYPED_PARAM_ULLONG:
        want = "a number from 0";
        if (parse_ull(text, &ull) == 0)
            rc = virTypedParamsAddULLong(&l->params, &l->n, &l->max, field, ull);
        break;
    case VIR_TYPED_PARAM_DOUBLE:
        want = "a number";
        if (parse_double(text, &d) == 0)
            rc = virTypedParamsAddDouble(&l->params, &l->n, &l->max, field, d);
        break;
    case VIR_TYPED_PARAM_BOOLEAN:
        want = "yes or no";
        if (parse_bool(text, &b) == 0)
            rc = virTypedParamsAddBoolean(&l->params, &l->n, &l->max, field, b);
        break;
    case VIR_TYPED_PARAM_STRING:
        rc = virTypedParamsAddString(&l->params, &l->n, &l->max, field, text);
        break;
    default:
        return errbuf(err, errlen, "parameter '%s' has a type this virtsh does not know", field);
    }
    if (rc == -2)
        return errbuf(err, errlen, "invalid value '%s' for '%s': expected %s", text, field, want);
    if (rc < 0)
        return errbuf(err, errlen, "cannot add parameter '%s'", field);
    return 0;
}

void typed_list_clear(struct typed_list *l)
{
    if (l->params)
        virTypedParamsFree(l->params, l->n);
    *l = (struct typed_list){ 0 };
}
