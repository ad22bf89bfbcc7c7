/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * qmpschema.c - reading QEMU's QMP introspection (see qmpschema.h).
 *
 * The meaning of the SchemaInfo fields follows QEMU's qapi/introspect.json:
 * an object member without "default" is mandatory, with one it is optional;
 * an object with "tag" gets the members of the variant whose "case" equals
 * the tag member's value; an alternate accepts a value of any of its member
 * types; builtins carry their JSON type in "json-type".
 */
#include "guest/qmpschema.h"

#include <stdarg.h>
#include <stdint.h>
#include <string.h>

#include "core/out.h"
#include "core/strbuf.h"
#include "core/strv.h"
#include "core/suggest.h"
#include "core/util.h"

struct qmp_schema {
    struct json_object *info;   /* the array, as given */
    struct json_object *byname; /* name -> SchemaInfo */
};

/*
 * Commands whose arguments go beyond what the schema lists: device_add also
 * takes every property of the device driver it creates, which introspection
 * cannot describe.  Their unknown arguments are passed on unchecked.
 */
static const char *const open_commands[] = { "device_add", NULL };

static const char *get_str(struct json_object *o, const char *key)
{
    struct json_object *v;
    if (!json_object_object_get_ex(o, key, &v) || !json_object_is_type(v, json_type_string))
        return NULL;
    return json_object_get_string(v);
}

static struct json_object *get_array(struct json_object *o, const char *key)
{
    struct json_object *v;
    if (!json_object_object_get_ex(o, key, &v) || !json_object_is_type(v, json_type_array))
        return NULL;
    return v;
}

struct qmp_schema *qmp_schema_new(struct json_object *info, char *err, size_t errlen)
{
    if (!json_object_is_type(info, json_type_array)) {
        errbuf(err, errlen, "the QMP schema is not an array");
        return NULL;
    }
    struct qmp_schema *s = xcalloc(1, sizeof(*s));
    s->info = json_object_get(info);
    s->byname = json_object_new_object();
    size_t n = json_object_array_length(info);
    for (size_t i = 0; i < n; i++) {
        struct json_object *e = json_object_array_get_idx(info, i);
        const char *name = json_object_is_type(e, json_type_object) ? get_str(e, "name") : NULL;
        if (!name || !get_str(e, "meta-type")) {
            errbuf(err, errlen, "the QMP schema has an entry without name or meta-type (#%zu)", i);
            qmp_schema_free(s);
            return NULL;
        }
        json_object_object_add(s->byname, name, json_object_get(e));
    }
    return s;
}

void qmp_schema_free(struct qmp_schema *s)
{
    if (!s)
        return;
    json_object_put(s->byname);
    json_object_put(s->info);
    free(s);
}

static struct json_object *lookup(const struct qmp_schema *s, const char *name)
{
    struct json_object *e;
    if (!name || !json_object_object_get_ex(s->byname, name, &e))
        return NULL;
    return e;
}

const char *qmp_schema_meta_type(const struct qmp_schema *s, const char *name)
{
    struct json_object *e = lookup(s, name);
    return e ? get_str(e, "meta-type") : NULL;
}

char **qmp_schema_names(const struct qmp_schema *s, const char *meta_type)
{
    struct strv v = { 0 };
    for (size_t i = 0; i < json_object_array_length(s->info); i++) {
        struct json_object *e = json_object_array_get_idx(s->info, i);
        if (str_eq(get_str(e, "meta-type"), meta_type))
            strv_add(&v, get_str(e, "name"));
    }
    strv_sort(&v, false);
    return strv_steal(&v);
}

const char *qmp_schema_suggest(const struct qmp_schema *s, const char *meta_type, const char *name)
{
    struct suggest sg;
    suggest_init(&sg, name);
    for (size_t i = 0; i < json_object_array_length(s->info); i++) {
        struct json_object *e = json_object_array_get_idx(s->info, i);
        if (str_eq(get_str(e, "meta-type"), meta_type))
            suggest_consider(&sg, get_str(e, "name"));
    }
    return suggest_result(&sg);
}

static bool is_open_command(const char *name)
{
    for (const char *const *p = open_commands; *p; p++)
        if (str_eq(*p, name))
            return true;
    return false;
}

/* ------------------------------------------------------------ describing */

#define MAX_DEPTH 48

struct walk {
    const struct qmp_schema *s;
    const char *path[MAX_DEPTH]; /* object types being expanded */
    size_t depth;
    unsigned anon; /* arrays and alternates entered since the last object */
};

static void describe_into(struct walk *w, const char *tname, struct json_object *out);

static bool on_path(const struct walk *w, const char *tname)
{
    for (size_t i = 0; i < w->depth; i++)
        if (str_eq(w->path[i], tname))
            return true;
    return false;
}

static struct json_object *describe_type(struct walk *w, const char *tname)
{
    struct json_object *o = json_object_new_object();
    describe_into(w, tname, o);
    return o;
}

static void copy_features(struct json_object *from, struct json_object *to)
{
    struct json_object *f = get_array(from, "features");
    if (f && json_object_array_length(f))
        json_object_object_add(to, "features", json_object_get(f));
}

/* The members of an object type (its "members"), each described. */
static struct json_object *describe_members(struct walk *w, struct json_object *obj)
{
    struct json_object *arr = json_object_new_array();
    struct json_object *members = get_array(obj, "members");
    size_t n = members ? json_object_array_length(members) : 0;
    for (size_t i = 0; i < n; i++) {
        struct json_object *m = json_object_array_get_idx(members, i);
        struct json_object *d = json_object_new_object();
        json_object_object_add(d, "name", json_object_new_string(get_str(m, "name") ? get_str(m, "name") : "?"));
        json_object_object_add(d, "required", json_object_new_boolean(!json_object_object_get_ex(m, "default", NULL)));
        describe_into(w, get_str(m, "type"), d);
        copy_features(m, d);
        json_object_array_add(arr, d);
    }
    return arr;
}

/* members, tag and variants of an object type into out */
static void describe_object(struct walk *w, struct json_object *obj, struct json_object *out)
{
    json_object_object_add(out, "members", describe_members(w, obj));
    const char *tag = get_str(obj, "tag");
    struct json_object *variants = get_array(obj, "variants");
    if (!tag || !variants)
        return;
    json_object_object_add(out, "tag", json_object_new_string(tag));
    struct json_object *arr = json_object_new_array();
    for (size_t i = 0; i < json_object_array_length(variants); i++) {
        struct json_object *v = json_object_array_get_idx(variants, i);
        const char *vt = get_str(v, "type");
        struct json_object *vobj = lookup(w->s, vt);
        struct json_object *d = json_object_new_object();
        json_object_object_add(d, "case", json_object_new_string(get_str(v, "case") ? get_str(v, "case") : "?"));
        if (vobj && str_eq(get_str(vobj, "meta-type"), "object") && !on_path(w, vt) && w->depth < MAX_DEPTH) {
            w->path[w->depth++] = vt;
            describe_object(w, vobj, d);
            w->depth--;
        } else {
            json_object_object_add(d, "members", json_object_new_array());
        }
        json_object_array_add(arr, d);
    }
    json_object_object_add(out, "variants", arr);
}

/* "type" (readable) and the details of type `tname` into out. */
static void describe_meta(struct walk *w, const char *tname, struct json_object *e, const char *meta,
                          struct json_object *out);

static void describe_into(struct walk *w, const char *tname, struct json_object *out)
{
    struct json_object *e = lookup(w->s, tname);
    const char *meta = e ? get_str(e, "meta-type") : NULL;

    if (!meta) {
        json_object_object_add(out, "type", json_object_new_string(tname ? tname : "?"));
        return;
    }
    if (w->anon >= 8) { /* an alternate that holds an array of itself, and so on */
        json_object_object_add(out, "type", json_object_new_string("..."));
        return;
    }
    bool object = str_eq(meta, "object");
    unsigned saved = w->anon;
    w->anon = object ? 0 : w->anon + 1;
    describe_meta(w, tname, e, meta, out);
    w->anon = saved;
}

static void describe_meta(struct walk *w, const char *tname, struct json_object *e, const char *meta,
                          struct json_object *out)
{
    if (str_eq(meta, "builtin")) {
        json_object_object_add(out, "type", json_object_new_string(tname));
    } else if (str_eq(meta, "enum")) {
        json_object_object_add(out, "type", json_object_new_string("enum"));
        struct json_object *vals = get_array(e, "values");
        json_object_object_add(out, "values", vals ? json_object_get(vals) : json_object_new_array());
    } else if (str_eq(meta, "array")) {
        struct json_object *items = json_object_new_object();
        describe_into(w, get_str(e, "element-type"), items);
        struct json_object *it;
        json_object_object_get_ex(items, "type", &it);
        _cleanup_free_ char *name = xasprintf("[%s]", json_object_get_string(it));
        json_object_object_add(out, "type", json_object_new_string(name));
        json_object_object_add(out, "items", items);
    } else if (str_eq(meta, "object")) {
        json_object_object_add(out, "type", json_object_new_string("object"));
        if (on_path(w, tname) || w->depth >= MAX_DEPTH) {
            json_object_object_add(out, "recursive", json_object_new_boolean(true));
            return;
        }
        w->path[w->depth++] = tname;
        describe_object(w, e, out);
        w->depth--;
    } else if (str_eq(meta, "alternate")) {
        struct json_object *alts = json_object_new_array();
        struct json_object *members = get_array(e, "members");
        size_t n = members ? json_object_array_length(members) : 0;
        size_t cap = 1;
        for (size_t i = 0; i < n; i++) {
            struct json_object *d = describe_type(w, get_str(json_object_array_get_idx(members, i), "type"));
            json_object_array_add(alts, d);
            cap += strlen(json_object_get_string(json_object_object_get(d, "type"))) + 1;
        }
        char *name = xcalloc(1, cap);
        for (size_t i = 0; i < n; i++) {
            if (i)
                strcat(name, "|");
            strcat(name, json_object_get_string(json_object_object_get(json_object_array_get_idx(alts, i), "type")));
        }
        json_object_object_add(out, "type", json_object_new_string(name));
        json_object_object_add(out, "alternatives", alts);
        free(name);
    } else {
        json_object_object_add(out, "type", json_object_new_string(tname));
    }
}

struct json_object *qmp_schema_describe(const struct qmp_schema *s, const char *name)
{
    struct json_object *e = lookup(s, name);
    const char *meta = e ? get_str(e, "meta-type") : NULL;
    bool cmd = str_eq(meta, "command");
    if (!cmd && !str_eq(meta, "event"))
        return NULL;
    struct walk w = { .s = s };
    struct json_object *d = json_object_new_object();
    json_object_object_add(d, "name", json_object_new_string(name));
    json_object_object_add(d, "kind", json_object_new_string(meta));
    json_object_object_add(d, cmd ? "arguments" : "data", describe_type(&w, get_str(e, "arg-type")));
    if (cmd) {
        json_object_object_add(d, "returns", describe_type(&w, get_str(e, "ret-type")));
        struct json_object *oob;
        json_object_object_add(d, "allow_oob", json_object_new_boolean(
                                   json_object_object_get_ex(e, "allow-oob", &oob) && json_object_get_boolean(oob)));
        if (is_open_command(name))
            json_object_object_add(d, "other_arguments", json_object_new_boolean(true));
    }
    struct json_object *f = get_array(e, "features");
    json_object_object_add(d, "features", f ? json_object_get(f) : json_object_new_array());
    return d;
}

/* ------------------------------------------------------------ text */

static void text_type_block(struct strbuf *b, struct json_object *type, int indent);

/* "a, b, c" from an array of strings */
static char *join_strings(struct json_object *arr, const char *sep)
{
    struct strbuf b = { 0 };
    size_t n = arr ? json_object_array_length(arr) : 0;
    for (size_t i = 0; i < n; i++)
        strbuf_printf(&b, "%s%s", i ? sep : "", json_object_get_string(json_object_array_get_idx(arr, i)));
    return strbuf_steal(&b);
}

/* Through arrays to the element type that has details (an enum's values,
 * an object's members). */
static struct json_object *innermost(struct json_object *type)
{
    struct json_object *items;
    while (json_object_object_get_ex(type, "items", &items))
        type = items;
    return type;
}

/* One member list, names aligned, nested objects indented below their member. */
static void text_members(struct strbuf *b, struct json_object *members, int indent)
{
    size_t n = json_object_array_length(members), width = 0;
    for (size_t i = 0; i < n; i++) {
        size_t l = strlen(get_str(json_object_array_get_idx(members, i), "name"));
        if (l > width)
            width = l;
    }
    for (size_t i = 0; i < n; i++) {
        struct json_object *m = json_object_array_get_idx(members, i);
        struct json_object *req = json_object_object_get(m, "required");
        struct json_object *inner = innermost(m);
        strbuf_printf(b, "%*s%-*s  %s", indent, "", (int)width, get_str(m, "name"), get_str(m, "type"));
        struct json_object *vals = get_array(inner, "values");
        if (vals) {
            _cleanup_free_ char *v = join_strings(vals, ", ");
            strbuf_printf(b, " (%s)", v);
        }
        if (json_object_object_get_ex(inner, "recursive", NULL))
            strbuf_printf(b, " (recursive: as above)");
        if (!json_object_get_boolean(req))
            strbuf_printf(b, ", optional");
        struct json_object *f = get_array(m, "features");
        if (f) {
            _cleanup_free_ char *v = join_strings(f, ", ");
            strbuf_printf(b, " [%s]", v);
        }
        strbuf_printf(b, "\n");
        text_type_block(b, inner, indent + 2);
    }
}

/* Cases of a union, those with the same members written once. */
static void text_variants(struct strbuf *b, struct json_object *type, int indent)
{
    const char *tag = get_str(type, "tag");
    struct json_object *variants = get_array(type, "variants");
    if (!tag || !variants)
        return;
    size_t n = json_object_array_length(variants);
    bool *done = xcalloc(n + 1, sizeof(*done));
    for (size_t i = 0; i < n; i++) {
        struct json_object *v = json_object_array_get_idx(variants, i);
        struct json_object *members = get_array(v, "members");
        if (done[i] || !members || !json_object_array_length(members))
            continue;
        const char *sig = json_object_to_json_string_ext(members, JSON_C_TO_STRING_PLAIN);
        _cleanup_free_ char *mine = xstrdup(sig);
        strbuf_printf(b, "%*swhen %s is '%s'", indent, "", tag, get_str(v, "case"));
        for (size_t k = i + 1; k < n; k++) {
            struct json_object *o = get_array(json_object_array_get_idx(variants, k), "members");
            if (!done[k] && o && str_eq(mine, json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN))) {
                done[k] = true;
                strbuf_printf(b, ", '%s'", get_str(json_object_array_get_idx(variants, k), "case"));
            }
        }
        strbuf_printf(b, ":\n");
        text_type_block(b, v, indent + 2); /* its members, and its own variants */
    }
    free(done);
}

/* What goes below a type's line: an object's members and variants. */
static void text_type_block(struct strbuf *b, struct json_object *type, int indent)
{
    struct json_object *members = get_array(type, "members");
    if (members)
        text_members(b, members, indent);
    text_variants(b, type, indent);
}

static bool is_empty_object(struct json_object *type)
{
    struct json_object *members = get_array(type, "members");
    return str_eq(get_str(type, "type"), "object") && members && !json_object_array_length(members) &&
           !get_str(type, "tag");
}

char *qmp_schema_describe_text(struct json_object *desc)
{
    struct strbuf b = { 0 };
    bool cmd = str_eq(get_str(desc, "kind"), "command");
    strbuf_printf(&b, "%s: %s\n", cmd ? "Command" : "Event", get_str(desc, "name"));
    struct json_object *f = get_array(desc, "features");
    if (f && json_object_array_length(f)) {
        _cleanup_free_ char *v = join_strings(f, ", ");
        strbuf_printf(&b, "Features: %s\n", v);
    }
    struct json_object *args = json_object_object_get(desc, cmd ? "arguments" : "data");
    const char *label = cmd ? "Arguments" : "Data";
    if (is_empty_object(args)) {
        strbuf_printf(&b, "%s: none\n", label);
    } else if (str_eq(get_str(args, "type"), "object")) {
        strbuf_printf(&b, "%s:\n", label);
        text_type_block(&b, args, 2);
    } else {
        strbuf_printf(&b, "%s: %s\n", label, get_str(args, "type"));
    }
    struct json_object *other;
    if (json_object_object_get_ex(desc, "other_arguments", &other) && json_object_get_boolean(other))
        strbuf_printf(&b, "  (other arguments are not described by the schema and are passed on unchecked)\n");
    if (cmd) {
        struct json_object *ret = json_object_object_get(desc, "returns");
        if (is_empty_object(ret)) {
            strbuf_printf(&b, "Returns: nothing ({})\n");
        } else {
            struct json_object *inner = innermost(ret);
            strbuf_printf(&b, "Returns: %s", get_str(ret, "type"));
            struct json_object *vals = get_array(inner, "values");
            if (vals) {
                _cleanup_free_ char *v = join_strings(vals, ", ");
                strbuf_printf(&b, " (%s)", v);
            }
            strbuf_printf(&b, "\n");
            text_type_block(&b, inner, 2);
        }
    }
    return strbuf_steal(&b);
}

/* ------------------------------------------------------------ checking */

struct check {
    const struct qmp_schema *s;
    const char *cmd;
    char *err;
    size_t errlen;
    int depth;
};

static const char *json_kind(struct json_object *v)
{
    switch (json_object_get_type(v)) {
    case json_type_null: return "null";
    case json_type_boolean: return "a boolean";
    case json_type_double: return "a number with a fraction";
    case json_type_int: return "an integer";
    case json_type_object: return "an object";
    case json_type_array: return "an array";
    case json_type_string: return "a string";
    }
    return "a value";
}

static const char *builtin_wants(const char *json_type)
{
    if (str_eq(json_type, "string"))
        return "a string";
    if (str_eq(json_type, "int"))
        return "an integer";
    if (str_eq(json_type, "number"))
        return "a number";
    if (str_eq(json_type, "boolean"))
        return "a boolean";
    if (str_eq(json_type, "null"))
        return "null";
    if (str_eq(json_type, "object"))
        return "an object";
    if (str_eq(json_type, "array"))
        return "an array";
    return "a value";
}

static bool builtin_accepts(const char *json_type, struct json_object *v)
{
    enum json_type t = json_object_get_type(v);
    if (str_eq(json_type, "string"))
        return t == json_type_string;
    if (str_eq(json_type, "int"))
        return t == json_type_int;
    if (str_eq(json_type, "number"))
        return t == json_type_int || t == json_type_double;
    if (str_eq(json_type, "boolean"))
        return t == json_type_boolean;
    if (str_eq(json_type, "null"))
        return t == json_type_null;
    if (str_eq(json_type, "object"))
        return t == json_type_object;
    if (str_eq(json_type, "array"))
        return t == json_type_array;
    return true; /* "value": anything */
}

/* "argument 'x.y' of 'cmd'" */
static char *where(const struct check *c, const char *path)
{
    return xasprintf("argument '%s' of '%s'", path, c->cmd);
}

static int check_value(struct check *c, const char *tname, struct json_object *v, const char *path);

/* Whether v fits type tname, without keeping an error message. */
static bool fits_type(struct check *c, const char *tname, struct json_object *v, const char *path)
{
    char scratch[8];
    struct check quiet = *c;
    quiet.err = scratch;
    quiet.errlen = sizeof(scratch);
    return check_value(&quiet, tname, v, path) == 0;
}

/* A top-level string that would fit as JSON: the key=value vs key:=JSON hint. */
static void add_json_hint(struct check *c, const char *tname, const char *path, struct json_object *v)
{
    if (!json_object_is_type(v, json_type_string) || strchr(path, '.') || strchr(path, '['))
        return;
    struct json_object *parsed = json_tokener_parse(json_object_get_string(v));
    bool fits = parsed && !json_object_is_type(parsed, json_type_string) && fits_type(c, tname, parsed, path);
    json_object_put(parsed);
    size_t len = strlen(c->err);
    if (fits && len + 1 < c->errlen)
        snprintf(c->err + len, c->errlen - len, ": key=value gives a string; write %s:=%s for JSON",
                 path, json_object_get_string(v));
}

/* A member of an object type by name, or NULL. */
static struct json_object *find_member(struct json_object *obj, const char *name)
{
    struct json_object *members = get_array(obj, "members");
    size_t n = members ? json_object_array_length(members) : 0;
    for (size_t i = 0; i < n; i++) {
        struct json_object *m = json_object_array_get_idx(members, i);
        if (str_eq(get_str(m, "name"), name))
            return m;
    }
    return NULL;
}

/* The object types that make up a value of `obj`: itself and, for a union,
 * the variant chosen by the tag (recursively).  At most 8 levels. */
static size_t object_layers(const struct check *c, struct json_object *obj, struct json_object *v,
                            struct json_object **layers, size_t max)
{
    size_t n = 0;
    while (obj && n < max) {
        layers[n++] = obj;
        const char *tag = get_str(obj, "tag");
        struct json_object *variants = get_array(obj, "variants"), *tv;
        if (!tag || !variants || !json_object_object_get_ex(v, tag, &tv) ||
            !json_object_is_type(tv, json_type_string))
            break;
        struct json_object *next = NULL;
        for (size_t i = 0; i < json_object_array_length(variants); i++) {
            struct json_object *var = json_object_array_get_idx(variants, i);
            if (str_eq(get_str(var, "case"), json_object_get_string(tv)))
                next = lookup(c->s, get_str(var, "type"));
        }
        obj = next && str_eq(get_str(next, "meta-type"), "object") ? next : NULL;
    }
    return n;
}

static int check_object(struct check *c, struct json_object *obj, struct json_object *v, const char *path,
                        bool open)
{
    struct json_object *layers[8];
    size_t nl = object_layers(c, obj, v, layers, ARRAY_SIZE(layers));
    const char *cmdword = c->cmd;

    /* unknown members first: a typo explains a "missing" one */
    json_object_object_foreach(v, key, val) {
        (void)val;
        bool known = false;
        for (size_t l = 0; l < nl && !known; l++)
            known = find_member(layers[l], key) != NULL;
        if (known || open)
            continue;
        size_t total = 0;
        for (size_t l = 0; l < nl; l++) {
            struct json_object *m = get_array(layers[l], "members");
            total += m ? json_object_array_length(m) : 0;
        }
        const char **names = xcalloc(total + 1, sizeof(*names));
        size_t k = 0;
        for (size_t l = 0; l < nl; l++) {
            struct json_object *m = get_array(layers[l], "members");
            for (size_t i = 0; m && i < json_object_array_length(m); i++)
                names[k++] = get_str(json_object_array_get_idx(m, i), "name");
        }
        const char *hint = suggest_among(key, names, k);
        _cleanup_free_ char *sub = *path ? xasprintf("'%s' of '%s'", path, cmdword) : xasprintf("'%s'", cmdword);
        int rc;
        if (k == 0)
            rc = errbuf(c->err, c->errlen, "%s takes no arguments, but '%s' was given", sub, key);
        else if (hint)
            rc = errbuf(c->err, c->errlen, "%s has no argument '%s'; did you mean '%s'?", sub, key, hint);
        else if (k <= 12) {
            _cleanup_strbuf_ struct strbuf b = { 0 };
            for (size_t i = 0; i < k; i++)
                strbuf_printf(&b, "%s%s", i ? ", " : "", names[i]);
            rc = errbuf(c->err, c->errlen, "%s has no argument '%s' (it takes: %s)", sub, key,
                        strbuf_str(&b));
        } else {
            rc = errbuf(c->err, c->errlen, "%s has no argument '%s'", sub, key);
        }
        free(names);
        return rc;
    }

    for (size_t l = 0; l < nl; l++) {
        struct json_object *members = get_array(layers[l], "members");
        size_t n = members ? json_object_array_length(members) : 0;
        for (size_t i = 0; i < n; i++) {
            struct json_object *m = json_object_array_get_idx(members, i), *mv;
            const char *name = get_str(m, "name");
            _cleanup_free_ char *sub = *path ? xasprintf("%s.%s", path, name) : xstrdup(name);
            if (json_object_object_get_ex(v, name, &mv)) {
                if (check_value(c, get_str(m, "type"), mv, sub) < 0)
                    return -1;
            } else if (!json_object_object_get_ex(m, "default", NULL)) {
                struct walk w = { .s = c->s };
                _cleanup_json_ struct json_object *t = describe_type(&w, get_str(m, "type"));
                return errbuf(c->err, c->errlen, "'%s' needs argument '%s' (%s)", cmdword, sub,
                            get_str(t, "type"));
            }
        }
    }
    return 0;
}

/* A value an enum does not have: the closest value, or the list when short. */
static int enum_error(struct check *c, const char *at, struct json_object *vals, struct json_object *v)
{
    size_t n = vals ? json_object_array_length(vals) : 0;
    if (!json_object_is_type(v, json_type_string))
        return errbuf(c->err, c->errlen, "%s must be a string (one of %zu values), not %s", at, n, json_kind(v));
    const char **names = xcalloc(n + 1, sizeof(*names));
    for (size_t i = 0; i < n; i++)
        names[i] = json_object_get_string(json_object_array_get_idx(vals, i));
    const char *hint = suggest_among(json_object_get_string(v), names, n);
    int rc;
    if (hint) {
        rc = errbuf(c->err, c->errlen, "%s has no value '%s'; did you mean '%s'?", at,
                  json_object_get_string(v), hint);
    } else if (n <= 12) {
        _cleanup_free_ char *list = join_strings(vals, ", ");
        rc = errbuf(c->err, c->errlen, "%s has no value '%s' (values: %s)", at, json_object_get_string(v), list);
    } else {
        rc = errbuf(c->err, c->errlen, "%s has no value '%s' (qmp-schema lists its %zu values)", at,
                  json_object_get_string(v), n);
    }
    free(names);
    return rc;
}

static int check_value(struct check *c, const char *tname, struct json_object *v, const char *path)
{
    struct json_object *e = lookup(c->s, tname);
    const char *meta = e ? get_str(e, "meta-type") : NULL;
    if (!meta || c->depth >= 64) /* a type the schema lacks: QEMU will judge */
        return 0;
    c->depth++;
    int rc = 0;
    _cleanup_free_ char *at = where(c, path);

    if (str_eq(meta, "builtin")) {
        const char *jt = get_str(e, "json-type");
        if (!builtin_accepts(jt, v)) {
            rc = errbuf(c->err, c->errlen, "%s must be %s, not %s", at, builtin_wants(jt), json_kind(v));
            add_json_hint(c, tname, path, v);
        }
    } else if (str_eq(meta, "enum")) {
        struct json_object *vals = get_array(e, "values");
        bool found = false;
        if (json_object_is_type(v, json_type_string))
            for (size_t i = 0; vals && i < json_object_array_length(vals) && !found; i++)
                found = str_eq(json_object_get_string(json_object_array_get_idx(vals, i)),
                               json_object_get_string(v));
        if (!found)
            rc = enum_error(c, at, vals, v);
    } else if (str_eq(meta, "array")) {
        if (!json_object_is_type(v, json_type_array)) {
            rc = errbuf(c->err, c->errlen, "%s must be an array, not %s", at, json_kind(v));
            add_json_hint(c, tname, path, v);
        } else {
            for (size_t i = 0; i < json_object_array_length(v) && rc == 0; i++) {
                _cleanup_free_ char *sub = xasprintf("%s[%zu]", path, i);
                rc = check_value(c, get_str(e, "element-type"), json_object_array_get_idx(v, i), sub);
            }
        }
    } else if (str_eq(meta, "object")) {
        if (!json_object_is_type(v, json_type_object)) {
            rc = errbuf(c->err, c->errlen, "%s must be an object, not %s", at, json_kind(v));
            add_json_hint(c, tname, path, v);
        } else {
            rc = check_object(c, e, v, path, false);
        }
    } else if (str_eq(meta, "alternate")) {
        struct json_object *members = get_array(e, "members");
        size_t n = members ? json_object_array_length(members) : 0;
        for (size_t i = 0; i < n; i++)
            if (fits_type(c, get_str(json_object_array_get_idx(members, i), "type"), v, path)) {
                c->depth--;
                return 0;
            }
        /* One alternative of the value's own kind: its error says more. */
        for (size_t i = 0; i < n && rc == 0; i++) {
            const char *mt = get_str(json_object_array_get_idx(members, i), "type");
            struct json_object *me = lookup(c->s, mt);
            const char *mm = me ? get_str(me, "meta-type") : NULL;
            if ((str_eq(mm, "object") && json_object_is_type(v, json_type_object)) ||
                (str_eq(mm, "array") && json_object_is_type(v, json_type_array)) ||
                (str_eq(mm, "enum") && json_object_is_type(v, json_type_string)))
                rc = check_value(c, mt, v, path);
        }
        if (rc == 0) {
            struct walk w = { .s = c->s };
            _cleanup_json_ struct json_object *t = describe_type(&w, tname);
            /* "A|B|[C|D]" reads "A or B or [C|D]": only the outer bars */
            const char *kinds = get_str(t, "type");
            _cleanup_strbuf_ struct strbuf b = { 0 };
            int nest = 0;
            for (const char *p = kinds; *p; p++) {
                nest += *p == '[' ? 1 : *p == ']' ? -1 : 0;
                if (*p == '|' && nest == 0)
                    strbuf_add(&b, " or ");
                else
                    strbuf_addc(&b, *p);
            }
            rc = errbuf(c->err, c->errlen, "%s must be %s, not %s", at, strbuf_str(&b), json_kind(v));
        }
    }
    c->depth--;
    return rc;
}

int qmp_schema_check(const struct qmp_schema *s, struct json_object *req, char *err, size_t errlen)
{
    const char *name = get_str(req, "execute");
    if (!name)
        return errbuf(err, errlen, "the request has no \"execute\" string");
    struct json_object *e = lookup(s, name);
    if (!str_eq(e ? get_str(e, "meta-type") : NULL, "command")) {
        const char *hint = qmp_schema_suggest(s, "command", name);
        if (hint)
            return errbuf(err, errlen, "unknown QMP command '%s'; did you mean '%s'?", name, hint);
        return errbuf(err, errlen, "unknown QMP command '%s'", name);
    }
    struct json_object *args = NULL, *argtype = lookup(s, get_str(e, "arg-type"));
    json_object_object_get_ex(req, "arguments", &args);
    if (args && !json_object_is_type(args, json_type_object))
        return errbuf(err, errlen, "the arguments of '%s' must be an object", name);
    if (!argtype || !str_eq(get_str(argtype, "meta-type"), "object"))
        return 0;
    _cleanup_json_ struct json_object *empty = args ? NULL : json_object_new_object();
    struct check c = { .s = s, .cmd = name, .err = err, .errlen = errlen };
    return check_object(&c, argtype, args ? args : empty, "", is_open_command(name));
}

char **qmp_schema_argument_words(const struct qmp_schema *s, const char *command)
{
    struct json_object *e = lookup(s, command);
    if (!e || !str_eq(get_str(e, "meta-type"), "command"))
        return NULL;
    struct json_object *obj = lookup(s, get_str(e, "arg-type"));
    struct json_object *members = obj ? get_array(obj, "members") : NULL;
    /* a union's variant members are offered too: they depend on the tag value */
    struct json_object *variants = obj ? get_array(obj, "variants") : NULL;
    struct strv v = { 0 };
    for (size_t pass = 0; pass < 1 + (variants ? json_object_array_length(variants) : 0); pass++) {
        struct json_object *list = members;
        if (pass > 0) {
            struct json_object *vt = lookup(s, get_str(json_object_array_get_idx(variants, pass - 1), "type"));
            list = vt ? get_array(vt, "members") : NULL;
        }
        for (size_t i = 0; list && i < json_object_array_length(list); i++) {
            struct json_object *m = json_object_array_get_idx(list, i);
            struct json_object *t = lookup(s, get_str(m, "type"));
            const char *meta = t ? get_str(t, "meta-type") : NULL;
            bool string = (str_eq(meta, "builtin") && str_eq(get_str(t, "json-type"), "string")) ||
                          str_eq(meta, "enum");
            strv_addf(&v, "%s%s", get_str(m, "name"), string ? "=" : ":=");
        }
    }
    strv_sort(&v, true);
    return strv_steal(&v);
}
