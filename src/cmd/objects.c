/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* cmd/objects.c - the handlers the groups of host objects share (see objects.h). */
#include "cmd/objects.h"

#include <libvirt/virterror.h>
#include <string.h>
#include <unistd.h>

#include "core/strbuf.h"
#include "core/suggest.h"
#include "core/util.h"
#include "core/xml.h"
#include "virt/conn.h"
#include "virt/domain.h"
#include "virt/editor.h"
#include "virt/err.h"
#include "virt/evqueue.h"
#include "virt/hostobj.h"
#include "virt/xmlout.h"

struct obj_ref {
    const struct objkind *kind;
    void *obj;
};

static void obj_refp(struct obj_ref *r)
{
    if (r->obj)
        r->kind->free(r->obj);
}
#define _cleanup_obj_ _cleanup_(obj_refp)

/* The object's UUID into buf, or NULL when its kind has none. */
static const char *obj_uuid(const struct objkind *k, void *obj, char buf[VIR_UUID_STRING_BUFLEN])
{
    if (!k->uuid || k->uuid(obj, buf) < 0) {
        virResetLastError();
        return NULL;
    }
    return buf;
}

/* A message of the table: each "%s" of `tmpl` replaced by the next of
 * `a`, `b` (no printf: the templates are data). */
static char *fill(const char *tmpl, const char *a, const char *b)
{
    struct strbuf out = { 0 };
    const char *args[] = { a, b };
    size_t next = 0;
    for (const char *p = tmpl; *p; p++) {
        if (p[0] == '%' && p[1] == 's' && next < ARRAY_SIZE(args)) {
            strbuf_add(&out, args[next++] ? args[next - 1] : "");
            p++;
        } else {
            strbuf_addc(&out, *p);
        }
    }
    return strbuf_steal(&out);
}

int cmd_obj_dumpxml(struct shell *sh, void *opaque)
{
    struct obj_dumpxml_args *a = opaque;
    const struct obj_dumpxml *d = sh->current->data;
    _cleanup_obj_ struct obj_ref r = { d->kind, d->kind->lookup(sh, a->ident) };
    if (!r.obj)
        return CMD_FAILED;
    _cleanup_free_ char *xml = d->kind->xml(r.obj, a->inactive ? d->inactive_flag : 0);
    if (!xml)
        return err_libvirt(sh, "cannot get the XML of %s '%s'", d->kind->noun, a->ident);
    return xmlout_print(sh, xml, a->xpath, a->wrap);
}

int cmd_obj_make(struct shell *sh, void *opaque)
{
    struct obj_file_args *a = opaque;
    const struct obj_make *m = sh->current->data;
    if (!conn_get(sh))
        return CMD_FAILED;
    _cleanup_free_ char *xml = domain_read_xml_file(sh, a->file);
    if (!xml)
        return CMD_FAILED;
    _cleanup_obj_ struct obj_ref r = { m->kind, m->make(sh->conn, xml, a->validate ? m->validate_flag : 0) };
    if (!r.obj)
        return err_libvirt(sh, "cannot %s a %s from '%s'", str_eq(m->result, "created") ? "create" : "define",
                           m->kind->noun, a->file);
    char uuid[VIR_UUID_STRING_BUFLEN];
    const char *name = m->kind->name(r.obj);
    _cleanup_free_ char *text = fill(m->fmt, name, a->file);
    return hostobj_report(sh, name, obj_uuid(m->kind, r.obj, uuid), m->result, text);
}

int cmd_obj_act(struct shell *sh, void *opaque)
{
    struct obj_args *a = opaque;
    const struct obj_act *t = sh->current->data;
    _cleanup_obj_ struct obj_ref r = { t->kind, t->kind->lookup(sh, a->ident) };
    if (!r.obj)
        return CMD_FAILED;
    /* (before the action: an undefined transient object has no name after) */
    char uuid[VIR_UUID_STRING_BUFLEN];
    _cleanup_free_ char *name = xstrdup(t->kind->name(r.obj));
    const char *u = obj_uuid(t->kind, r.obj, uuid);
    if (t->act(r.obj, a->disable) < 0)
        return err_libvirt(sh, "cannot %s %s '%s'", t->verb, t->kind->noun, a->ident);
    bool alt = a->disable && t->fmt_disabled;
    _cleanup_free_ char *text = fill(alt ? t->fmt_disabled : t->fmt, a->ident, NULL);
    return hostobj_report(sh, name, u, alt ? t->result_disabled : t->result, text);
}

/* Define the edited XML: NULL and the new object in *ret, else why not. */
static char *edit_define(struct shell *sh, const struct objkind *k, const char *edited, void **ret)
{
    char why[300];
    if (xml_check_wellformed(edited, strlen(edited), why, sizeof(why)) < 0)
        return xasprintf("the edited XML is not well-formed: %s", why);
    *ret = k->define(sh->conn, edited, 0);
    if (*ret)
        return NULL;
    err_libvirt(sh, "cannot define the edited XML");
    char *msg = xstrdup(sh->err.message);
    err_clear(sh);
    return msg;
}

int cmd_obj_edit(struct shell *sh, void *opaque)
{
    struct obj_args *a = opaque;
    const struct objkind *k = sh->current->data;
    _cleanup_obj_ struct obj_ref r = { k, k->lookup(sh, a->ident) };
    if (!r.obj)
        return CMD_FAILED;
    _cleanup_free_ char *name = xstrdup(k->name(r.obj));
    char uuid[VIR_UUID_STRING_BUFLEN];
    _cleanup_free_ char *orig = k->xml(r.obj, k->edit_xml_flags);
    if (!orig && k->edit_xml_flags && virGetLastErrorCode() == VIR_ERR_INVALID_ARG) {
        virResetLastError(); /* a driver without inactive XML (test:///) */
        orig = k->xml(r.obj, 0);
    }
    if (!orig)
        return err_libvirt(sh, "cannot get the XML of %s '%s'", k->noun, name);
    _cleanup_edit_file_ struct edit_file f = { "" };
    if (edit_file_create(sh, &f, orig, ".xml") < 0)
        return CMD_FAILED;

    bool run_editor = true;
    bool tty = isatty(STDIN_FILENO) && isatty(STDERR_FILENO);
    for (;;) {
        if (run_editor && edit_file_run(sh, &f) < 0)
            return CMD_FAILED;
        _cleanup_free_ char *edited = edit_file_read(sh, &f);
        if (!edited)
            return CMD_FAILED;
        if (str_eq(edited, orig)) {
            _cleanup_free_ char *text = xasprintf("%s %s XML configuration not changed.", k->title, name);
            return hostobj_report(sh, name, obj_uuid(k, r.obj, uuid), "unchanged", text);
        }
        _cleanup_obj_ struct obj_ref nr = { k, NULL };
        _cleanup_free_ char *why = edit_define(sh, k, edited, &nr.obj);
        if (!why) {
            const char *nn = k->name(nr.obj);
            _cleanup_free_ char *text = xasprintf("%s %s XML configuration edited.", k->title, nn);
            return hostobj_report(sh, nn, obj_uuid(k, nr.obj, uuid), "edited", text);
        }
        if (!tty)
            return error(sh, "%s", why);
        /* On a terminal, say what is wrong and offer another go. */
        error(sh, "%s", why);
        err_report(sh);
        switch (edit_ask_again(false)) {
        case 'y':
            run_editor = true;
            break;
        case 'f':
            run_editor = false;
            break;
        default:
            return error(sh, "%s '%s' not changed: the edits were discarded", k->noun, name);
        }
    }
}

/* ------------------------------------------------------------ events */

static const struct obj_event_type *event_type(const struct obj_events *ev, const char *name)
{
    for (const struct obj_event_type *t = ev->types; t->name; t++)
        if (str_eq(t->name, name))
            return t;
    return NULL;
}

static int unknown_event(struct shell *sh, const struct obj_events *ev, const char *name)
{
    struct suggest s;
    suggest_init(&s, name);
    for (const struct obj_event_type *t = ev->types; t->name; t++)
        suggest_consider(&s, t->name);
    const char *hint = suggest_result(&s);
    if (hint)
        return usage_error(sh, "unknown event type '%s'; did you mean '%s'?", name, hint);
    return usage_error(sh, "unknown event type '%s'; '%s --list' shows them", name, sh->current->name);
}

static int list_event_types(struct shell *sh, const struct obj_events *ev)
{
    const char *names[8];
    size_t n = 0;
    for (const struct obj_event_type *t = ev->types; t->name && n < ARRAY_SIZE(names); t++)
        names[n++] = t->name;
    out_words(&sh->out, names, n);
    return CMD_OK;
}

int cmd_obj_event(struct shell *sh, void *opaque)
{
    struct obj_event_args *a = opaque;
    const struct obj_events *ev = sh->current->data;
    if (a->list)
        return list_event_types(sh, ev);
    const struct obj_event_type *only = a->event ? event_type(ev, a->event) : NULL;
    if (a->event && !only)
        return unknown_event(sh, ev, a->event);
    if (!conn_get(sh))
        return CMD_FAILED;
    _cleanup_obj_ struct obj_ref r = { ev->kind, NULL };
    if (a->ident && !(r.obj = ev->kind->lookup(sh, a->ident)))
        return CMD_FAILED;

    struct evqueue *q = evqueue_new(sh);
    if (!q)
        return CMD_FAILED;
    int ids[8], rc = CMD_OK;
    size_t n = 0;
    for (const struct obj_event_type *t = ev->types; t->name && n < ARRAY_SIZE(ids); t++) {
        if (only && only != t)
            continue;
        ids[n] = ev->reg(sh->conn, r.obj, t->id, t->cb, evqueue_ref(q), evqueue_unref);
        if (ids[n] >= 0) {
            n++;
            continue;
        }
        evqueue_unref(q); /* libvirt does not call the free callback of a failed registration */
        rc = err_libvirt(sh, "cannot watch '%s' events", t->name);
        break;
    }
    if (rc == CMD_OK) {
        struct evqueue_opts o = { .loop = a->loop, .timeout_s = a->timeout, .timestamp = a->timestamp };
        rc = evqueue_run(sh, q, &o);
    }
    for (size_t i = 0; i < n; i++)
        ev->dereg(sh->conn, ids[i]);
    evqueue_unref(q);
    return rc;
}
