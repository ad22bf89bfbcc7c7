/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "guest/agent.h"

#include <ctype.h>
#include <limits.h>
#include <stdarg.h>
#include <libvirt/libvirt-qemu.h>
#include <libvirt/virterror.h>
#include <string.h>

#include "core/strv.h"
#include "core/suggest.h"
#include "core/util.h"
#include "virt/conn.h"
#include "virt/err.h"
#include "guest/qga.h"

/* guest-info "return" objects, by domain UUID (or "socket:PATH"), for one
 * URI; and the qemu-ga socket clients, kept open for the shell's life. */
struct agent_cache {
    char *uri;
    struct json_object *by_key;
    struct qga_pool *pool;
};

static void agent_cache_free(void *opaque)
{
    struct agent_cache *c = opaque;
    if (!c)
        return;
    free(c->uri);
    json_object_put(c->by_key);
    qga_pool_free(c->pool);
    free(c);
}

static struct agent_cache *cache_get(struct shell *sh)
{
    const char *uri = sh->uri ? sh->uri : "";
    struct agent_cache *c = sh->agent_cache.data;
    if (c && !str_eq(c->uri, uri)) {
        free(c->uri);
        c->uri = xstrdup(uri);
        json_object_put(c->by_key);
        c->by_key = json_object_new_object();
    }
    if (!c) {
        c = xcalloc(1, sizeof(*c));
        c->uri = xstrdup(uri);
        c->by_key = json_object_new_object();
        sh->agent_cache = (struct shell_cache){ c, agent_cache_free };
    }
    return c;
}

static char *target_key(const struct agent_target *t)
{
    if (t->qga)
        return xasprintf("socket:%s", t->socket_path ? t->socket_path : "");
    char uuid[VIR_UUID_STRING_BUFLEN] = "";
    virDomainGetUUIDString(t->dom, uuid);
    return xstrdup(uuid);
}

static const char *request_name(struct json_object *req)
{
    struct json_object *ex;
    if (json_object_object_get_ex(req, "execute", &ex) && json_object_is_type(ex, json_type_string))
        return json_object_get_string(ex);
    return "?";
}

/* A copy of an agent's sentence with its first letter lowered, as our lines read. */
static char *lower_first(const char *s)
{
    char *m = xstrdup(s);
    if (isupper((unsigned char)m[0]) && islower((unsigned char)m[1]))
        m[0] = (char)tolower((unsigned char)m[0]);
    return m;
}

/*
 * One request, nothing recorded.  Returns 0 with the reply (NULL if none was
 * awaited), or -1 with a message in err and the agent's error class/desc if
 * it answered with an error.
 */
struct raw_result {
    struct json_object *reply;
    char msg[512];          /* transport or protocol problem */
    char *klass, *desc;     /* the agent's error, when it sent one */
    bool libvirt_error;     /* libvirt's last error says what went wrong */
    bool interrupted;       /* Ctrl-C */
};

static void raw_result_clear(struct raw_result *r)
{
    if (r->libvirt_error)
        virResetLastError();
    json_object_put(r->reply);
    free(r->klass);
    free(r->desc);
    *r = (struct raw_result){ 0 };
}

/* Pick class/desc out of {"error": {"class": ..., "desc": ...}}. */
static bool take_error_reply(struct raw_result *r)
{
    struct json_object *e, *v;
    if (!json_object_object_get_ex(r->reply, "error", &e))
        return false;
    r->klass = json_object_object_get_ex(e, "class", &v) ? xstrdup(json_object_get_string(v)) : NULL;
    r->desc = json_object_object_get_ex(e, "desc", &v) ? xstrdup(json_object_get_string(v))
                                                      : xstrdup("the agent reported an error");
    json_object_put(r->reply);
    r->reply = NULL;
    return true;
}

/*
 * libvirt reports an agent's error reply as "internal error: unable to
 * execute QEMU agent command 'NAME': DESC".  DESC (inside msg), with NAME in
 * *ret_name if wanted (caller frees), or NULL for any other message.
 */
static const char *agent_desc_in(const char *msg, char **ret_name)
{
    static const char prefix[] = "unable to execute QEMU agent command '";
    const char *m = msg ? strstr(msg, prefix) : NULL;
    const char *name = m ? m + sizeof(prefix) - 1 : NULL;
    const char *end = name ? strstr(name, "': ") : NULL;
    if (!end)
        return NULL;
    if (ret_name)
        *ret_name = xstrndup(name, (size_t)(end - name));
    return end + 3;
}

static int raw_libvirt(virDomainPtr dom, struct json_object *req, int timeout, struct raw_result *r)
{
    const char *text = json_object_to_json_string_ext(req, JSON_C_TO_STRING_PLAIN |
                                                      JSON_C_TO_STRING_NOSLASHESCAPE);
    char *reply = virDomainQemuAgentCommand(dom, text, timeout, 0);
    if (!reply) {
        virErrorPtr e = virGetLastError();
        if (timeout == AGENT_TIMEOUT_NOWAIT && (!e || e->code == VIR_ERR_OK)) {
            virResetLastError();
            return 0; /* sent, no reply awaited */
        }
        /* libvirt passes the agent's desc on inside its message; the class is lost. */
        const char *desc = agent_desc_in(e ? e->message : NULL, NULL);
        if (!desc) {
            r->libvirt_error = true; /* kept for err_libvirt: its code and domain */
            return -1;
        }
        r->desc = xstrdup(desc);
        virResetLastError();
        return -1;
    }
    enum json_tokener_error je;
    r->reply = json_tokener_parse_verbose(reply, &je);
    free(reply);
    if (!r->reply) {
        snprintf(r->msg, sizeof(r->msg), "the agent's reply is not JSON: %s", json_tokener_error_desc(je));
        return -1;
    }
    return take_error_reply(r) ? -1 : 0;
}

static int socket_timeout_ms(int timeout)
{
    if (timeout == AGENT_TIMEOUT_BLOCK)
        return INT_MAX;
    if (timeout == AGENT_TIMEOUT_DEFAULT)
        return 30000;
    return timeout * 1000;
}

static int raw_socket(struct qga_client *c, struct json_object *req, int timeout, bool expect_reply,
                      struct raw_result *r)
{
    int rc = qga_command(c, req, socket_timeout_ms(timeout), expect_reply && timeout != 0, &r->reply,
                         r->msg, sizeof(r->msg));
    if (rc == QGA_TIMEOUT) {
        if (!r->msg[0])
            snprintf(r->msg, sizeof(r->msg), "no reply from the agent in time");
        return -1;
    }
    if (rc == QGA_INTERRUPTED) {
        r->interrupted = true;
        return -1;
    }
    if (rc != QGA_OK)
        return -1;
    if (!r->reply)
        return 0;
    if (!json_object_is_type(r->reply, json_type_object)) {
        snprintf(r->msg, sizeof(r->msg), "the agent's reply is not an object");
        return -1;
    }
    return take_error_reply(r) ? -1 : 0;
}

static int raw_request(const struct agent_target *t, struct json_object *req, int timeout,
                       bool expect_reply, struct raw_result *r)
{
    *r = (struct raw_result){ 0 };
    if (t->qga)
        return raw_socket(t->qga, req, timeout, expect_reply, r);
    return raw_libvirt(t->dom, req, timeout, r);
}

/* The cached guest-info of a target, fetched if missing or if `refresh`. */
static struct json_object *cached_info(struct shell *sh, const struct agent_target *t, bool refresh)
{
    struct agent_cache *c = cache_get(sh);
    _cleanup_free_ char *key = target_key(t);
    struct json_object *info;
    if (!refresh && json_object_object_get_ex(c->by_key, key, &info))
        return info;
    _cleanup_json_ struct json_object *req = json_object_new_object();
    json_object_object_add(req, "execute", json_object_new_string("guest-info"));
    struct raw_result r;
    if (raw_request(t, req, 10, true, &r) < 0) {
        raw_result_clear(&r);
        return NULL;
    }
    if (!json_object_object_get_ex(r.reply, "return", &info) ||
        !json_object_is_type(info, json_type_object)) {
        raw_result_clear(&r);
        return NULL;
    }
    json_object_object_add(c->by_key, key, json_object_get(info));
    raw_result_clear(&r);
    return info;
}

static struct json_object *supported(struct json_object *info)
{
    struct json_object *list;
    if (info && json_object_object_get_ex(info, "supported_commands", &list) &&
        json_object_is_type(list, json_type_array))
        return list;
    return NULL;
}

static struct json_object *find_command(struct json_object *info, const char *name)
{
    struct json_object *list = supported(info);
    for (size_t i = 0; list && i < json_object_array_length(list); i++) {
        struct json_object *c = json_object_array_get_idx(list, i), *n;
        if (json_object_object_get_ex(c, "name", &n) && str_eq(json_object_get_string(n), name))
            return c;
    }
    return NULL;
}

static bool command_flag(struct json_object *c, const char *key, bool def)
{
    struct json_object *v;
    if (c && json_object_object_get_ex(c, key, &v) && json_object_is_type(v, json_type_boolean))
        return json_object_get_boolean(v);
    return def;
}

int agent_open_socket(struct shell *sh, const char *path, struct agent_target *ret)
{
    char err[512];
    struct qga_client *c;
    if (qga_pool_get(&cache_get(sh)->pool, path, &c, err, sizeof(err)) < 0)
        return error(sh, "%s", err);
    *ret = (struct agent_target){ .qga = c, .socket_path = path };
    return CMD_OK;
}

char *agent_suggest(struct shell *sh, const struct agent_target *t, const char *name)
{
    struct json_object *list = supported(cached_info(sh, t, true));
    struct suggest s;
    suggest_init(&s, name); /* "info" finds "guest-info" too */
    for (size_t i = 0; list && i < json_object_array_length(list); i++) {
        struct json_object *c = json_object_array_get_idx(list, i), *n;
        if (json_object_object_get_ex(c, "name", &n) && command_flag(c, "enabled", true))
            suggest_consider(&s, json_object_get_string(n));
    }
    return suggest_result(&s) ? xstrdup(suggest_result(&s)) : NULL;
}

bool agent_expects_reply(struct shell *sh, const struct agent_target *t, const char *name)
{
    /* Only the commands qemu-ga documents as silent on success are worth a
     * guest-info round trip; any other command is answered, unless a
     * guest-info already fetched says otherwise. */
    bool maybe_silent = str_eq(name, "guest-shutdown") || str_startswith(name, "guest-suspend-");
    struct agent_cache *cache = cache_get(sh);
    _cleanup_free_ char *key = target_key(t);
    struct json_object *info = NULL;
    if (!json_object_object_get_ex(cache->by_key, key, &info) && maybe_silent)
        info = cached_info(sh, t, false);
    struct json_object *c = find_command(info, name);
    if (c)
        return command_flag(c, "success-response", true);
    return !maybe_silent;
}

char **agent_command_names(struct shell *sh, const char *domain)
{
    virConnectPtr c = conn_get(sh);
    if (!c) {
        err_clear(sh);
        return NULL;
    }
    _cleanup_domain_ virDomainPtr dom = conn_lookup_domain(sh, domain);
    err_clear(sh);
    if (!dom)
        return NULL;
    struct agent_target t = { .dom = dom };
    struct json_object *list = supported(cached_info(sh, &t, false));
    if (!list)
        return NULL;
    struct strv names = { 0 };
    for (size_t i = 0; i < json_object_array_length(list); i++) {
        struct json_object *e = json_object_array_get_idx(list, i), *nm;
        if (json_object_object_get_ex(e, "name", &nm) && command_flag(e, "enabled", true))
            strv_add(&names, json_object_get_string(nm));
    }
    return strv_steal(&names);
}

/* An error reply as one phrase: "CLASS: desc", qemu-ga's "Guest agent
 * command failed, error was '...'" wrapper taken off. */
static char *describe_failure(const struct raw_result *r)
{
    static const char wrap[] = "Guest agent command failed, error was '";
    size_t dl = strlen(r->desc);
    _cleanup_free_ char *inner = str_startswith(r->desc, wrap) && dl > sizeof(wrap) && r->desc[dl - 1] == '\''
                                     ? xstrndup(r->desc + sizeof(wrap) - 1, dl - sizeof(wrap))
                                     : NULL;
    _cleanup_free_ char *desc = lower_first(inner ? inner : r->desc);
    return r->klass ? xasprintf("%s: %s", r->klass, desc) : xstrdup(desc);
}

/* Record an error reply (or a transport problem) for command `name`. */
static int record_failure(struct shell *sh, const struct agent_target *t, const char *name,
                          struct raw_result *r)
{
    if (r->interrupted)
        return err_set(sh, 130, "interrupted: no reply to agent command '%s'", name);
    if (r->libvirt_error)
        return err_libvirt(sh, "agent command '%s' failed", name);
    if (!r->desc)
        return error(sh, "%s", r->msg[0] ? r->msg : "the guest agent did not answer");
    bool not_found = str_eq(r->klass, "CommandNotFound") || strstr(r->desc, "has not been found");
    if (not_found && !strstr(r->desc, "has been disabled")) {
        _cleanup_free_ char *hint = agent_suggest(sh, t, name);
        if (hint)
            return error(sh, "unknown agent command '%s'; did you mean '%s'?", name, hint);
        return error(sh, "unknown agent command '%s'; 'agent DOMAIN guest-info' lists the "
                     "supported ones", name);
    }
    _cleanup_free_ char *text = describe_failure(r);
    return error(sh, "agent command '%s' failed: %s", name, text);
}

int agent_err_libvirt(struct shell *sh, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    _cleanup_free_ char *what = xvasprintf(fmt, ap);
    va_end(ap);
    virErrorPtr e = virGetLastError();
    _cleanup_free_ char *name = NULL;
    const char *desc = agent_desc_in(e ? e->message : NULL, &name);
    if (!desc)
        return err_libvirt(sh, "%s", what);
    struct raw_result r = { .desc = xstrdup(desc) };
    virResetLastError();
    _cleanup_free_ char *text = describe_failure(&r);
    raw_result_clear(&r);
    return error(sh, "%s: agent command '%s' failed: %s", what, name, text);
}

int agent_request(struct shell *sh, const struct agent_target *t, struct json_object *req,
                  int timeout, struct json_object **ret_reply)
{
    const char *name = request_name(req);
    bool expect = timeout != AGENT_TIMEOUT_NOWAIT;
    if (t->qga && expect)
        expect = agent_expects_reply(sh, t, name);
    struct raw_result r;
    *ret_reply = NULL;
    if (raw_request(t, req, timeout, expect, &r) < 0) {
        int rc = record_failure(sh, t, name, &r);
        raw_result_clear(&r);
        return rc;
    }
    *ret_reply = TAKE_PTR(r.reply);
    raw_result_clear(&r);
    return CMD_OK;
}

int agent_call(struct shell *sh, const struct agent_target *t, const char *cmd,
               struct json_object *args, int timeout, struct json_object **ret)
{
    _cleanup_json_ struct json_object *req = json_object_new_object();
    json_object_object_add(req, "execute", json_object_new_string(cmd));
    if (args)
        json_object_object_add(req, "arguments", args);
    _cleanup_json_ struct json_object *reply = NULL;
    if (agent_request(sh, t, req, timeout, &reply) != CMD_OK)
        return CMD_FAILED;
    if (ret) {
        struct json_object *v = NULL;
        if (!reply || !json_object_object_get_ex(reply, "return", &v))
            return error(sh, "agent command '%s' sent a reply without \"return\"", cmd);
        *ret = json_object_get(v);
    }
    return CMD_OK;
}

void agent_print_json(struct shell *sh, struct json_object *v, bool pretty)
{
    out_json_document(&sh->out, v, pretty);
}
