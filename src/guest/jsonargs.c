/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * guest/jsonargs.c - COMMAND key=value key:=JSON, or a whole request, into the
 * {"execute": ..., "arguments": {...}} object the agent and QMP expect.
 *
 * Everything is validated here, before anything is sent: a request that
 * reaches the guest is always well-formed JSON.
 */
#include "guest/jsonargs.h"

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <string.h>
#include <unistd.h>

#include "core/out.h"
#include "core/util.h"

/*
 * json-c's tokener accepts single-quoted strings even in strict mode; JSON
 * has none.  The offset of the first quote outside a double-quoted string,
 * or -1.
 */
static long single_quote_at(const char *s, size_t len)
{
    bool in_str = false;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (in_str) {
            if (c == '\\' && i + 1 < len)
                i++;
            else if (c == '"')
                in_str = false;
        } else if (c == '"') {
            in_str = true;
        } else if (c == '\'') {
            return (long)i;
        }
    }
    return -1;
}

/*
 * Parse one complete JSON value from s[0..len) (s[len] must be '\0': handing
 * the tokener the terminator is what ends a trailing number).  Returns 0 with
 * *ret set (NULL for a JSON null: json-c has no null object), or -1 with
 * *ret_pos the byte offset of the error and *ret_why what is wrong.
 */
static int parse_value(const char *s, size_t len, struct json_object **ret, size_t *ret_pos,
                       const char **ret_why)
{
    long q = single_quote_at(s, len);
    if (q >= 0) {
        *ret_pos = (size_t)q;
        *ret_why = "single quotes are not JSON: strings take double quotes";
        return -1;
    }
    if (len >= (size_t)INT32_MAX) {
        *ret_pos = 0;
        *ret_why = "too long";
        return -1;
    }
    struct json_tokener *tok = json_tokener_new();
    if (!tok) {
        *ret_pos = 0;
        *ret_why = "out of memory";
        return -1;
    }
    json_tokener_set_flags(tok, JSON_TOKENER_STRICT);
    struct json_object *o = json_tokener_parse_ex(tok, s, (int)len + 1);
    enum json_tokener_error e = json_tokener_get_error(tok);
    size_t end = json_tokener_get_parse_end(tok);
    json_tokener_free(tok);
    if (o || e == json_tokener_success) {
        /* Strict mode rejects trailing text itself; blanks are all that may remain. */
        size_t i = end;
        while (i < len && strchr(" \t\r\n", s[i]))
            i++;
        if (i < len) {
            json_object_put(o);
            *ret_pos = i;
            *ret_why = "unexpected text after the value";
            return -1;
        }
        *ret = o;
        return 0;
    }
    *ret_pos = end > len ? len : end;
    if (len == 0 || e == json_tokener_continue)
        *ret_why = "unexpected end of data";
    else
        *ret_why = json_tokener_error_desc(e);
    return -1;
}

/* Line and column (both from 1) of byte offset `pos` in s. */
static void line_col(const char *s, size_t pos, unsigned *line, unsigned *col)
{
    *line = 1;
    *col = 1;
    for (size_t i = 0; i < pos && s[i]; i++) {
        if (s[i] == '\n') {
            (*line)++;
            *col = 1;
        } else {
            (*col)++;
        }
    }
}

/* A whole request read from a file (or stdin). */
static int request_from_text(const char *text, size_t len, const char *what, struct json_object **ret,
                             char *err, size_t errlen)
{
    size_t pos;
    const char *why;
    if (memchr(text, '\0', len))
        return errbuf(err, errlen, "%s is not JSON: it contains NUL bytes", what);
    struct json_object *o;
    if (parse_value(text, len, &o, &pos, &why) < 0) {
        unsigned line, col;
        line_col(text, pos, &line, &col);
        return errbuf(err, errlen, "invalid JSON in %s at line %u, column %u: %s", what, line, col, why);
    }
    if (!json_object_is_type(o, json_type_object)) {
        json_object_put(o);
        return errbuf(err, errlen, "%s is not a request: expected a JSON object like "
                    "{\"execute\": \"guest-ping\"}", what);
    }
    struct json_object *ex;
    if (!json_object_object_get_ex(o, "execute", &ex) || !json_object_is_type(ex, json_type_string) ||
        !*json_object_get_string(ex)) {
        json_object_put(o);
        return errbuf(err, errlen, "%s is not a request: it has no \"execute\" string", what);
    }
    struct json_object *args;
    if (json_object_object_get_ex(o, "arguments", &args) && !json_object_is_type(args, json_type_object)) {
        json_object_put(o);
        return errbuf(err, errlen, "%s is not a request: \"arguments\" must be an object", what);
    }
    *ret = o;
    return 0;
}

static int request_from_source(const char *src, struct json_object **ret, char *err, size_t errlen)
{
    bool is_stdin = str_eq(src, "-");
    const char *path = src + 1;
    size_t len;
    _cleanup_free_ char *what = is_stdin ? xstrdup("standard input") : xasprintf("'%s'", path);
    if (!is_stdin && !*path)
        return errbuf(err, errlen, "'@' needs a file name: @FILE");
    /* Standard input is read as it is: reopening /dev/stdin fails on a pipe
     * another user created. */
    _cleanup_free_ char *text = is_stdin ? read_fd(STDIN_FILENO, 64u << 20, &len) : read_file(path, &len);
    if (!text)
        return errbuf(err, errlen, "cannot read %s: %s", what, strerror(errno));
    return request_from_text(text, len, what, ret, err, errlen);
}

static bool valid_key(const char *k, size_t n)
{
    if (n == 0)
        return false;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)k[i] <= ' ')
            return false;
    return true;
}

/* One `key=value` or `key:=JSON` word into args. */
static int add_argument(struct json_object *args, const char *w, char *err, size_t errlen)
{
    const char *eq = strchr(w, '=');
    if (!eq)
        return errbuf(err, errlen, "invalid argument '%s': expected key=value (a string) or "
                    "key:=JSON", w);
    bool raw = eq > w && eq[-1] == ':';
    size_t klen = (size_t)(eq - w) - (raw ? 1 : 0);
    if (!valid_key(w, klen))
        return errbuf(err, errlen, "invalid argument '%s': the key before '%s' must be a "
                    "non-empty word", w, raw ? ":=" : "=");
    _cleanup_free_ char *key = xstrndup(w, klen);
    if (json_object_object_get_ex(args, key, NULL))
        return errbuf(err, errlen, "argument '%s' given more than once", key);

    struct json_object *v;
    if (raw) {
        const char *val = eq + 1;
        size_t pos;
        const char *why;
        if (parse_value(val, strlen(val), &v, &pos, &why) < 0)
            return errbuf(err, errlen, "invalid JSON for '%s' at offset %zu of '%s': %s", key, pos,
                        val, why);
    } else {
        v = json_object_new_string(eq + 1);
    }
    json_object_object_add(args, key, v);
    return 0;
}

int jsonargs_build(char *const *words, size_t n, struct json_object **ret, char *err, size_t errlen)
{
    if (n == 0)
        return errbuf(err, errlen, "missing command: give a command name with key=value arguments, "
                    "a JSON request, @FILE or -");
    const char *first = words[0];
    bool whole = str_eq(first, "-") || first[0] == '@' || first[0] == '{';
    if (whole && n > 1)
        return errbuf(err, errlen, "a whole request ('%s') takes no other arguments", first);
    if (first[0] == '{')
        return request_from_text(first, strlen(first), "the request", ret, err, errlen);
    if (whole)
        return request_from_source(first, ret, err, errlen);

    if (!*first || strchr(first, '=') || (unsigned char)first[0] <= ' ')
        return errbuf(err, errlen, "invalid command name '%s': expected a command like guest-info "
                    "before its key=value arguments", first);

    _cleanup_json_ struct json_object *req = json_object_new_object();
    json_object_object_add(req, "execute", json_object_new_string(first));
    if (n > 1) {
        struct json_object *args = json_object_new_object();
        json_object_object_add(req, "arguments", args);
        for (size_t i = 1; i < n; i++)
            if (add_argument(args, words[i], err, errlen) < 0)
                return -1;
    }
    *ret = TAKE_PTR(req);
    return 0;
}
