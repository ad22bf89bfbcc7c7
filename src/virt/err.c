/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "virt/err.h"

#include <ctype.h>
#include <json-c/json.h>
#include <libvirt/virterror.h>
#include <libxml/xmlerror.h>
#include <string.h>
#include <unistd.h>

static void silent_error_func(void *opaque, virErrorPtr e)
{
    (void)opaque;
    (void)e;
}

static void silent_xml_func(void *ctx, const char *msg, ...)
{
    (void)ctx;
    (void)msg;
}

void err_init(void)
{
    virSetErrorFunc(NULL, silent_error_func);
}

void err_quiet_xml(void)
{
    xmlSetGenericErrorFunc(NULL, silent_xml_func);
}

static void err_store(struct shell *sh, int status, int code, const char *source, char *msg)
{
    str_one_line(msg); /* one error, one line, whatever the user typed */
    if (sh->err.status) { /* keep the first: it is the cause */
        free(msg);
        return;
    }
    if (sh->script) { /* where in the script, as its parse errors say */
        char *at = xasprintf("%s:%u: %s", sh->script, sh->script_line, msg);
        free(msg);
        msg = at;
    }
    sh->err.status = status;
    sh->err.code = code;
    sh->err.source = source;
    sh->err.message = msg;
}

/* Colour only on a terminal, never with NO_COLOR (no-color.org) or TERM=dumb. */
static bool use_colour(void)
{
    static int decided = -1;
    if (decided < 0) {
        const char *nc = getenv("NO_COLOR"), *term = getenv("TERM");
        decided = isatty(STDERR_FILENO) && !(nc && *nc) && term && *term && !str_eq(term, "dumb");
    }
    return decided;
}

/* "error", "warning", "note": bold red, yellow, cyan on a colour terminal. */
static const char *label(const char *kind)
{
    if (!use_colour())
        return kind;
    if (str_eq(kind, "error"))
        return "\033[1;31merror\033[0m";
    if (str_eq(kind, "warning"))
        return "\033[1;33mwarning\033[0m";
    return str_eq(kind, "note") ? "\033[1;36mnote\033[0m" : kind;
}

int err_set(struct shell *sh, int status, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = xvasprintf(fmt, ap);
    va_end(ap);
    err_store(sh, status, 0, NULL, msg);
    return status;
}

static const char *vir_domain_word(int d)
{
    static const struct {
        int d;
        const char *w;
    } map[] = {
        { VIR_FROM_NONE, "none" },       { VIR_FROM_XEN, "xen" },
        { VIR_FROM_XML, "xml" },         { VIR_FROM_DOM, "domain" },
        { VIR_FROM_RPC, "rpc" },         { VIR_FROM_QEMU, "qemu" },
        { VIR_FROM_NET, "net" },         { VIR_FROM_TEST, "test" },
        { VIR_FROM_REMOTE, "remote" },   { VIR_FROM_CONF, "conf" },
        { VIR_FROM_STORAGE, "storage" }, { VIR_FROM_NETWORK, "network" },
        { VIR_FROM_SECURITY, "security" }, { VIR_FROM_NODEDEV, "nodedev" },
        { VIR_FROM_STREAMS, "streams" }, { VIR_FROM_CAPABILITIES, "capabilities" },
        { VIR_FROM_DOMAIN, "domain" },   { VIR_FROM_AUTH, "auth" },
        { VIR_FROM_DOMAIN_SNAPSHOT, "snapshot" }, { VIR_FROM_EVENT, "event" },
        { VIR_FROM_SYSTEMD, "systemd" }, { VIR_FROM_THREAD, "thread" },
        { VIR_FROM_ADMIN, "admin" },     { VIR_FROM_LOGGING, "logging" },
    };
    for (size_t i = 0; i < ARRAY_SIZE(map); i++)
        if (map[i].d == d)
            return map[i].w;
    return "libvirt";
}

/* Is the line [p, end) a caret pointing into the line above ("-----^")? */
static bool is_caret_line(const char *p, const char *end)
{
    while (p < end && *p == '-')
        p++;
    return p + 1 == end && *p == '^';
}

/*
 * libvirt's messages may run over several lines: a schema error puts its
 * detail on the next line, an XML parse error adds a context line and a
 * caret.  Keep one line: the first line alone when a caret follows,
 * otherwise the non-blank lines joined with ": ".  Takes and returns msg.
 */
static char *one_line(char *msg)
{
    size_t len = strlen(msg), n = 0;
    char *out = xmalloc(2 * len + 1);
    for (const char *p = msg; *p;) {
        const char *end = p + strcspn(p, "\n");
        if (is_caret_line(p, end)) {
            msg[strcspn(msg, "\n")] = '\0';
            free(out);
            return msg;
        }
        size_t l = (size_t)(end - p);
        while (l && (p[l - 1] == ' ' || p[l - 1] == ':'))
            l--;
        if (l) {
            if (n)
                out[n++] = ':', out[n++] = ' ';
            memcpy(out + n, p, l);
            n += l;
        }
        p = *end ? end + 1 : end;
    }
    out[n] = '\0';
    free(msg);
    return out;
}

/* Record libvirt error `e` (NULL: none known) after what was being done. */
static int record_libvirt(struct shell *sh, virErrorPtr e, const char *fmt, va_list ap)
{
    _cleanup_free_ char *what = fmt ? xvasprintf(fmt, ap) : NULL;
    char *msg;
    if (e && e->message) {
        char *detail = xstrdup(e->message);
        /* libvirt capitalises its sentences; our lines are lowercase. */
        if (isupper((unsigned char)detail[0]) && islower((unsigned char)detail[1]))
            detail[0] = (char)tolower((unsigned char)detail[0]);
        detail = one_line(detail);
        /* "cannot start domain 'x': <what libvirt said>" */
        msg = what ? xasprintf("%s: %s", what, detail) : xstrdup(detail);
        free(detail);
    } else {
        msg = what ? xstrdup(what) : xstrdup("unknown libvirt error");
    }
    err_store(sh, CMD_FAILED, e ? e->code : 0, e ? vir_domain_word(e->domain) : NULL, msg);
    return CMD_FAILED;
}

int err_libvirt(struct shell *sh, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    record_libvirt(sh, virGetLastError(), fmt, ap);
    va_end(ap);
    virResetLastError();
    return CMD_FAILED;
}

int err_libvirt_saved(struct shell *sh, virErrorPtr e, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    record_libvirt(sh, e, fmt, ap);
    va_end(ap);
    return CMD_FAILED;
}

void err_clear(struct shell *sh)
{
    free(sh->err.message);
    sh->err = (struct shell_error){ 0 };
}

void err_report(struct shell *sh)
{
    if (!sh->err.status)
        return;
    if (sh->out.mode == OUT_JSON) {
        struct json_object *e = json_object_new_object();
        json_object_object_add(e, "message", json_object_new_string(sh->err.message));
        json_object_object_add(e, "exit_status", json_object_new_int(sh->err.status));
        json_object_object_add(e, "libvirt_code",
                               sh->err.code ? json_object_new_int(sh->err.code) : NULL);
        json_object_object_add(e, "libvirt_source",
                               sh->err.source ? json_object_new_string(sh->err.source) : NULL);
        struct json_object *top = json_object_new_object();
        if (sh->host) /* one of several hosts (shell/fanout.c) */
            json_object_object_add(top, CONTRACT_HOST_KEY, json_object_new_string(sh->host));
        json_object_object_add(top, "error", e);
        out_print_json(stderr, top, JSON_C_TO_STRING_PLAIN);
        json_object_put(top);
    } else if (sh->host) {
        fprintf(stderr, "%s: host '%s': %s\n", label("error"), sh->host, sh->err.message);
    } else {
        fprintf(stderr, "%s: %s\n", label("error"), sh->err.message);
    }
    if (sh->log)
        fprintf(sh->log, "error: %s\n", sh->err.message);
    err_clear(sh);
}

__attribute__((format(printf, 3, 0)))
static void vnotice(struct shell *sh, const char *kind, const char *fmt, va_list ap)
{
    _cleanup_free_ char *msg = xvasprintf(fmt, ap);
    if (sh->out.mode == OUT_JSON) {
        struct json_object *top = json_object_new_object();
        if (sh->host) /* one of several hosts (shell/fanout.c) */
            json_object_object_add(top, CONTRACT_HOST_KEY, json_object_new_string(sh->host));
        json_object_object_add(top, kind, json_object_new_string(msg));
        out_print_json(stderr, top, JSON_C_TO_STRING_PLAIN);
        json_object_put(top);
    } else if (sh->host) {
        fprintf(stderr, "%s: host '%s': %s\n", label(kind), sh->host, msg);
    } else {
        fprintf(stderr, "%s: %s\n", label(kind), msg);
    }
}

void err_warn(struct shell *sh, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vnotice(sh, "warning", fmt, ap);
    va_end(ap);
}

void err_note(struct shell *sh, const char *fmt, ...)
{
    if (sh->out.quiet)
        return; /* -q: no notes, only warnings and errors */
    va_list ap;
    va_start(ap, fmt);
    vnotice(sh, "note", fmt, ap);
    va_end(ap);
}
