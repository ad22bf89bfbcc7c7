/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * cmd/domain-misc.c - more of a domain's management: dompmsuspend,
 * dompmwakeup, set-lifecycle-action, desc, metadata.
 */
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
#include <limits.h>
#include <string.h>

#include "core/strv.h"
#include "core/util.h"
#include "core/xml.h"
#include "virt/conn.h"
#include "virt/context.h"
#include "virt/domain.h"
#include "virt/editor.h"
#include "virt/err.h"
#include "cmd/devices.h"
#include "cmd/domain-more.h"

/* ---- dompmsuspend, dompmwakeup ------------------------------------------------------- */

/* VALUES order is libvirt's VIR_NODE_SUSPEND_TARGET_* order. */
#define PM_TARGETS VALUES("mem", "disk", "hybrid")

struct pm_args {
    const char *domain;
    int target;
    long long duration;
};

static int cmd_domain_dompmsuspend(struct shell *sh, void *opaque)
{
    struct pm_args *a = opaque;
    _cleanup_domain_ virDomainPtr d = conn_lookup_domain(sh, a->domain);
    if (!d)
        return CMD_FAILED;
    if (virDomainPMSuspendForDuration(d, (unsigned int)a->target,
                                      (unsigned long long)a->duration, 0) < 0)
        return err_libvirt(sh, "cannot suspend domain '%s' (%s)", a->domain, PM_TARGETS[a->target]);
    conn_state_changed(sh);
    return domain_report(sh, d, "pm_suspended", "successfully suspended");
}

static int cmd_domain_dompmwakeup(struct shell *sh, void *opaque)
{
    struct pm_args *a = opaque;
    _cleanup_domain_ virDomainPtr d = conn_lookup_domain(sh, a->domain);
    if (!d)
        return CMD_FAILED;
    if (virDomainPMWakeup(d, 0) < 0)
        return err_libvirt(sh, "cannot wake domain '%s' up", a->domain);
    conn_state_changed(sh);
    return domain_report(sh, d, "pm_woken_up", "successfully woken up");
}

/* ---- set-lifecycle-action ------------------------------------------------------------ */

/* VALUES orders are libvirt's VIR_DOMAIN_LIFECYCLE_* and _ACTION_* orders. */
#define LIFECYCLE_TYPES VALUES("poweroff", "reboot", "crash")
#define LIFECYCLE_ACTIONS VALUES("destroy", "restart", "rename-restart", "preserve", \
                                 "coredump-destroy", "coredump-restart")

struct lifecycle_args {
    const char *domain;
    int type, action;
    struct hp_scope scope;
};

static int cmd_domain_set_lifecycle_action(struct shell *sh, void *opaque)
{
    struct lifecycle_args *a = opaque;
    _cleanup_domain_ virDomainPtr d = conn_lookup_domain(sh, a->domain);
    if (!d)
        return CMD_FAILED;
    unsigned int flags = hp_flags(&a->scope, d, NULL);
    if (virDomainSetLifecycleAction(d, (unsigned int)a->type, (unsigned int)a->action, flags) < 0)
        return err_libvirt(sh, "cannot set the %s action of domain '%s'",
                           LIFECYCLE_TYPES[a->type], a->domain);
    _cleanup_json_ struct json_object *o = hp_result(d, "lifecycle_action_set", flags, false);
    json_object_object_add(o, "type", json_object_new_string(LIFECYCLE_TYPES[a->type]));
    json_object_object_add(o, "action", json_object_new_string(LIFECYCLE_ACTIONS[a->action]));
    return dev_json_only(sh, o);
}

/* ---- desc ------------------------------------------------------------------------- */

struct desc_args {
    const char *domain;
    struct hp_scope scope;
    bool title, edit;
    struct strv words;
};

/* The description (or title) as the XML has it ("" when none); NULL with
 * the error recorded. */
static char *get_desc(struct shell *sh, virDomainPtr d, bool title, bool inactive)
{
    _cleanup_(xml_doc_freep) xmlDocPtr doc = dev_domain_xml(sh, d, inactive, false);
    if (!doc)
        return NULL;
    char *s = xml_get(xmlDocGetRootElement(doc), title ? "/domain/title" : "/domain/description");
    return s ? s : xstrdup("");
}

/* The text from the editor; NULL with the error recorded. */
static char *edit_desc(struct shell *sh, const char *now, bool title)
{
    _cleanup_edit_file_ struct edit_file f = { "" };
    if (edit_file_create(sh, &f, now, ".txt") < 0 || edit_file_run(sh, &f) < 0)
        return NULL;
    char *s = edit_file_read(sh, &f);
    size_t n = s ? strlen(s) : 0;
    if (s && title && n && s[n - 1] == '\n') /* editors end files with a newline */
        s[n - 1] = '\0';
    return s;
}

static int desc_set(struct shell *sh, virDomainPtr d, const struct desc_args *a, const char *text,
                    unsigned int flags)
{
    const char *what = a->title ? "title" : "description";
    if (virDomainSetMetadata(d, a->title ? VIR_DOMAIN_METADATA_TITLE : VIR_DOMAIN_METADATA_DESCRIPTION,
                             *text ? text : NULL, NULL, NULL, flags) < 0)
        return err_libvirt(sh, "cannot set the %s of domain '%s'", what, a->domain);
    conn_state_changed(sh);
    _cleanup_json_ struct json_object *o = hp_result(d, a->title ? "title_set" : "description_set",
                                                      flags, false);
    json_object_object_add(o, a->title ? "title" : "description",
                           *text ? json_object_new_string(text) : NULL);
    _cleanup_free_ char *msg = xasprintf("Domain %s updated successfully", what);
    out_message(&sh->out, o, msg);
    out_line_ends_command(&sh->out); /* virsh prints it without a newline */
    return CMD_OK;
}

static int cmd_domain_desc(struct shell *sh, void *opaque)
{
    struct desc_args *a = opaque;
    const char *what = a->title ? "title" : "description";
    _cleanup_domain_ virDomainPtr d = conn_lookup_domain(sh, a->domain);
    if (!d)
        return CMD_FAILED;
    unsigned int flags = hp_flags(&a->scope, d, NULL);
    _cleanup_free_ char *now = get_desc(sh, d, a->title, a->scope.config);
    if (!now)
        return CMD_FAILED;
    _cleanup_free_ char *given = a->words.n ? strv_join(&a->words, " ") : NULL;
    if (a->edit) {
        _cleanup_free_ char *edited = edit_desc(sh, given ? given : now, a->title);
        if (!edited)
            return CMD_FAILED;
        if (str_eq(edited, now)) {
            _cleanup_json_ struct json_object *o = hp_result(d, "unchanged", flags, false);
            json_object_object_add(o, what, *now ? json_object_new_string(now) : NULL);
            _cleanup_free_ char *msg = xasprintf("Domain %s not changed", what);
            out_message(&sh->out, o, msg);
            return CMD_OK;
        }
        return desc_set(sh, d, a, edited, flags);
    }
    if (given)
        return desc_set(sh, d, a, given, flags);
    _cleanup_json_ struct json_object *o = json_object_new_object();
    json_object_object_add(o, what, *now ? json_object_new_string(now) : NULL);
    if (*now) {
        out_value(&sh->out, o, now);
    } else {
        _cleanup_free_ char *msg = xasprintf("No %s for domain: %s", what, virDomainGetName(d));
        out_message(&sh->out, o, msg);
    }
    out_line_ends_command(&sh->out); /* virsh prints it without a newline */
    return CMD_OK;
}

/* ---- metadata --------------------------------------------------------------------------- */

struct metadata_args {
    const char *domain, *uri;
    struct hp_scope scope;
    bool edit;
    const char *key, *set;
    bool remove;
};

static int metadata_done(struct shell *sh, virDomainPtr d, const struct metadata_args *a,
                         unsigned int flags, const char *result, const char *text)
{
    _cleanup_json_ struct json_object *o = hp_result(d, result, flags, false);
    json_object_object_add(o, "uri", json_object_new_string(a->uri));
    out_message(&sh->out, o, text);
    return CMD_OK;
}

static int metadata_edit(struct shell *sh, virDomainPtr d, const struct metadata_args *a,
                         unsigned int flags)
{
    _cleanup_free_ char *now = virDomainGetMetadata(d, VIR_DOMAIN_METADATA_ELEMENT, a->uri, flags);
    if (!now) {
        virResetLastError();
        now = xstrdup("\n");
    }
    _cleanup_edit_file_ struct edit_file f = { "" };
    if (edit_file_create(sh, &f, now, ".xml") < 0 || edit_file_run(sh, &f) < 0)
        return CMD_FAILED;
    _cleanup_free_ char *edited = edit_file_read(sh, &f);
    if (!edited)
        return CMD_FAILED;
    if (str_eq(edited, now))
        return metadata_done(sh, d, a, flags, "unchanged", "Metadata not changed");
    if (virDomainSetMetadata(d, VIR_DOMAIN_METADATA_ELEMENT, edited, a->key, a->uri, flags) < 0)
        return err_libvirt(sh, "cannot set the metadata '%s' of domain '%s'", a->uri, a->domain);
    conn_state_changed(sh);
    return metadata_done(sh, d, a, flags, "modified", "Metadata modified");
}

static int cmd_domain_metadata(struct shell *sh, void *opaque)
{
    struct metadata_args *a = opaque;
    /* (checked here: --key and --set may come as plain words) */
    if (a->set && (a->edit || a->remove))
        return usage_error(sh, "option '--set' goes without '--%s'", a->edit ? "edit" : "remove");
    if ((a->set || a->edit) && !a->key)
        return usage_error(sh, "changing metadata needs '--key', the namespace's prefix");
    _cleanup_domain_ virDomainPtr d = conn_lookup_domain(sh, a->domain);
    if (!d)
        return CMD_FAILED;
    unsigned int flags = hp_flags(&a->scope, d, NULL);
    if (a->edit)
        return metadata_edit(sh, d, a, flags);
    if (a->set || a->remove) {
        if (virDomainSetMetadata(d, VIR_DOMAIN_METADATA_ELEMENT, a->set, a->key, a->uri, flags) < 0)
            return err_libvirt(sh, "cannot %s the metadata '%s' of domain '%s'",
                               a->remove ? "remove" : "set", a->uri, a->domain);
        conn_state_changed(sh);
        return a->remove ? metadata_done(sh, d, a, flags, "removed", "Metadata removed")
                         : metadata_done(sh, d, a, flags, "modified", "Metadata modified");
    }
    _cleanup_free_ char *xml = virDomainGetMetadata(d, VIR_DOMAIN_METADATA_ELEMENT, a->uri, flags);
    if (!xml)
        return err_libvirt(sh, "cannot get the metadata '%s' of domain '%s'", a->uri, a->domain);
    _cleanup_json_ struct json_object *o = json_object_new_object();
    json_object_object_add(o, "uri", json_object_new_string(a->uri));
    json_object_object_add(o, "xml", json_object_new_string(xml));
    _cleanup_free_ char *text = xasprintf("%s\n", xml);
    out_value(&sh->out, o, text);
    return CMD_OK;
}

/* ---- the rows ------------------------------------------------------------------------ */

#define REACH \
    { "live", RT_BOOL, "the running domain changed" }, \
    { "config", RT_BOOL, "the next boot's definition changed" }

const struct cmd_def domain_misc_cmds[] = {
    { .name = "dompmsuspend", .summary = "suspend a running guest to RAM or disk through its agent",
      .desc = "Ask the guest (through its agent) to suspend itself: TARGET mem (to RAM), disk "
              "(to disk) or hybrid (both); --duration wakes it after that many seconds where "
              "the hypervisor can.  JSON: name, id, uuid, result \"pm_suspended\".",
      .run = cmd_domain_dompmsuspend, .args_size = sizeof(struct pm_args), .flags = CMD_MODIFIES,
      .result = RESULT_OBJECT(DOMAIN_IDENT_FIELDS, { "result", RT_STRING, "\"pm_suspended\"" }),
      .opts = OPTS(ARG_DOMAIN(struct pm_args, domain, COMPL_DOMAIN_RUNNING),
                   OPT_ENUM(struct pm_args, "target", target, PM_TARGETS,
                            "mem (suspend to RAM), disk (to disk) or hybrid (both)",
                            .flags = ARG_REQUIRED),
                   OPT_INT(struct pm_args, "duration", duration, 0, LLONG_MAX,
                           "wake the guest up after SECONDS", .metavar = "SECONDS")) },
    { .name = "dompmwakeup", .summary = "wake a guest its power management suspended",
      .desc = "Wake up a domain that dompmsuspend (or the guest itself) suspended to RAM.  "
              "JSON: name, id, uuid, result \"pm_woken_up\".",
      .run = cmd_domain_dompmwakeup, .args_size = sizeof(struct pm_args), .flags = CMD_MODIFIES,
      .result = RESULT_OBJECT(DOMAIN_IDENT_FIELDS, { "result", RT_STRING, "\"pm_woken_up\"" }),
      .opts = OPTS(ARG_DOMAIN(struct pm_args, domain, COMPL_DOMAIN_ACTIVE)) },
    { .name = "set-lifecycle-action", .summary = "choose what happens when the guest powers off, reboots or crashes",
      .desc = "Set what the hypervisor does on the guest's TYPE of event (poweroff, reboot, "
              "crash): ACTION destroy, restart, rename-restart, preserve, coredump-destroy or "
              "coredump-restart.  Prints nothing.  JSON: name, id, uuid, result, live, config, "
              "type, action.",
      .run = cmd_domain_set_lifecycle_action, .args_size = sizeof(struct lifecycle_args),
      .flags = CMD_MODIFIES,
      .result = RESULT_OBJECT(DOMAIN_IDENT_FIELDS, { "result", RT_STRING, "\"lifecycle_action_set\"" }, REACH,
                              { "type", RT_STRING, "poweroff, reboot or crash" },
                              { "action", RT_STRING, "the action set" }),
      .opts = OPTS(ARG_DOMAIN(struct lifecycle_args, domain, COMPL_DOMAIN),
                   OPT_ENUM(struct lifecycle_args, "type", type, LIFECYCLE_TYPES,
                            "poweroff, reboot or crash", .flags = ARG_REQUIRED),
                   OPT_ENUM(struct lifecycle_args, "action", action, LIFECYCLE_ACTIONS,
                            "destroy, restart, rename-restart, preserve, coredump-destroy or "
                            "coredump-restart", .flags = ARG_REQUIRED),
                   SCOPE3_OPTS(struct lifecycle_args)) },
    { .name = "desc", .summary = "show or set a domain's description or title",
      .desc = "Without NEW-DESC, show the domain's description (--title: its title).  With "
              "NEW-DESC (its words joined by blanks; '' removes it) or --edit (in $VISUAL or "
              "$EDITOR), set it.  JSON: {description} or {title} (null when none); after a "
              "change: name, id, uuid, result, live, config and the new text.",
      .run = cmd_domain_desc, .args_size = sizeof(struct desc_args), .flags = CMD_MODIFIES,
      .result = RESULT_OR(RESULT_OBJECT(DOMAIN_IDENT_FIELDS, REACH,
                                        { "result", RT_STRING, "description_set, title_set or unchanged" },
                                        { "description", RT_STRING | RT_NULL | RT_OPTIONAL, "the new description" },
                                        { "title", RT_STRING | RT_NULL | RT_OPTIONAL, "the new title" }),
                          RS_OBJECT,
                          { "description", RT_STRING | RT_NULL | RT_OPTIONAL, "the description" },
                          { "title", RT_STRING | RT_NULL | RT_OPTIONAL, "the title (--title)" }),
      .opts = OPTS(ARG_DOMAIN(struct desc_args, domain, COMPL_DOMAIN),
                   SCOPE3_OPTS(struct desc_args),
                   OPT_FLAG(struct desc_args, "title", title, "the title instead of the description"),
                   OPT_FLAG(struct desc_args, "edit", edit, "edit it in $VISUAL or $EDITOR"),
                   OPT_ARGV(struct desc_args, "new-desc", words, "the new text",
                            .flags = OPT_ARGV_FLAGS, .metavar = "NEW-DESC")) },
    { .name = "metadata", .summary = "show or set a domain's XML metadata of a namespace",
      .desc = "Show the domain's <metadata> element of the namespace URI.  --set XML (with "
              "--key, the prefix its elements get) or --edit sets it, --remove removes it.  "
              "JSON: {uri, xml}; after a change: name, id, uuid, result (modified, removed, "
              "unchanged), live, config, uri.",
      .run = cmd_domain_metadata, .args_size = sizeof(struct metadata_args), .flags = CMD_MODIFIES,
      .result = RESULT_OR(RESULT_OBJECT(DOMAIN_IDENT_FIELDS, REACH,
                                        { "result", RT_STRING, "modified, removed or unchanged" },
                                        { "uri", RT_STRING, "the namespace" }),
                          RS_OBJECT, { "uri", RT_STRING, "the namespace" },
                          { "xml", RT_STRING, "its element" }),
      .opts = OPTS(ARG_DOMAIN(struct metadata_args, domain, COMPL_DOMAIN),
                   OPT_STRING(struct metadata_args, "uri", uri, "the namespace's URI",
                              .flags = ARG_REQUIRED),
                   SCOPE3_OPTS(struct metadata_args),
                   OPT_FLAG(struct metadata_args, "edit", edit, "edit it in $VISUAL or $EDITOR",
                            .excl = EXCL(0)),
                   OPT_STRING(struct metadata_args, "key", key,
                              "the prefix of the namespace's elements", .flags = OPT_POSITIONAL),
                   OPT_STRING(struct metadata_args, "set", set, "the new XML",
                              .flags = OPT_POSITIONAL, .metavar = "XML"),
                   OPT_FLAG(struct metadata_args, "remove", remove, "remove it",
                            .excl = EXCL(0))) },
    { 0 },
};
