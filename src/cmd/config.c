/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* cmd/config.c - a domain's configuration: dumpxml, edit, setmem, setmaxmem, setvcpus. */
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
#include <limits.h>
#include <string.h>
#include <unistd.h>

#include "core/util.h"
#include "core/xml.h"
#include "virt/conn.h"
#include "virt/context.h"
#include "virt/domain.h"
#include "virt/editor.h"
#include "virt/err.h"
#include "virt/xmlout.h"
#include "cmd/groups.h"

/* ---- dumpxml ---------------------------------------------------------- */

struct dumpxml_args {
    const char *domain;
    bool inactive, security_info, update_cpu, migratable;
    const char *xpath;
    bool wrap;
};

static int cmd_config_dumpxml(struct shell *sh, void *opaque)
{
    struct dumpxml_args *a = opaque;
    unsigned int flags = 0;
    _cleanup_domain_ virDomainPtr d = conn_lookup_domain(sh, a->domain);
    if (!d)
        return CMD_FAILED;
    if (a->inactive)
        flags |= VIR_DOMAIN_XML_INACTIVE;
    if (a->security_info)
        flags |= VIR_DOMAIN_XML_SECURE;
    if (a->update_cpu)
        flags |= VIR_DOMAIN_XML_UPDATE_CPU;
    if (a->migratable)
        flags |= VIR_DOMAIN_XML_MIGRATABLE;
    _cleanup_free_ char *xml = virDomainGetXMLDesc(d, flags);
    if (!xml)
        return err_libvirt(sh, "cannot get the XML of domain '%s'", a->domain);
    return xmlout_print(sh, xml, a->xpath, a->wrap);
}

/* ---- edit ------------------------------------------------------------- */

struct edit_args {
    const char *domain;
    bool skip_validate;
};

/* Why `edited` cannot become the domain's configuration, or NULL after
 * defining it (*ret_dom set).  Sets *fatal for problems re-editing cannot fix. */
static char *edit_try_define(struct shell *sh, virDomainPtr d, const char *orig, const char *edited,
                             bool validate, virDomainPtr *ret_dom, bool *fatal)
{
    const char *name = virDomainGetName(d);
    char why[300];
    _cleanup_(xml_doc_freep) xmlDocPtr doc = xml_parse(edited, strlen(edited), why, sizeof(why));
    if (!doc)
        return xasprintf("the edited XML is not well-formed: %s", why);
    xmlNodePtr root = xmlDocGetRootElement(doc);
    _cleanup_free_ char *newname = root ? xml_get(root, "/domain/name") : NULL;
    if (newname && !str_eq(newname, name))
        return xasprintf("the edited XML renames domain '%s' to '%s': use domrename for that",
                         name, newname);

    /* Someone else may have changed the domain while the editor ran: defining
     * now would silently undo their change. */
    _cleanup_free_ char *now = virDomainGetXMLDesc(d, VIR_DOMAIN_XML_INACTIVE | VIR_DOMAIN_XML_SECURE);
    if (!now) {
        *fatal = true;
        err_libvirt(sh, "cannot get the XML of domain '%s'", name);
        return xstrdup(sh->err.message ? sh->err.message : "");
    }
    if (!str_eq(now, orig)) {
        *fatal = true;
        return xasprintf("domain '%s' was changed by someone else while it was being edited: "
                         "the edits are not applied", name);
    }

    virDomainPtr nd = virDomainDefineXMLFlags(sh->conn, edited,
                                              validate ? VIR_DOMAIN_DEFINE_VALIDATE : 0);
    if (nd) {
        *ret_dom = nd;
        return NULL;
    }
    err_libvirt(sh, "cannot define the edited XML");
    char *msg = xstrdup(sh->err.message);
    err_clear(sh);
    return msg;
}

static int cmd_config_edit(struct shell *sh, void *opaque)
{
    struct edit_args *a = opaque;
    _cleanup_domain_ virDomainPtr d = conn_lookup_domain(sh, a->domain);
    if (!d)
        return CMD_FAILED;
    const char *name = virDomainGetName(d);
    _cleanup_free_ char *orig = virDomainGetXMLDesc(d, VIR_DOMAIN_XML_INACTIVE | VIR_DOMAIN_XML_SECURE);
    if (!orig)
        return err_libvirt(sh, "cannot get the XML of domain '%s'", name);

    _cleanup_edit_file_ struct edit_file f = { "" };
    if (edit_file_create(sh, &f, orig, ".xml") < 0)
        return CMD_FAILED;

    bool validate = !a->skip_validate, run_editor = true;
    bool tty = isatty(STDIN_FILENO) && isatty(STDERR_FILENO);
    for (;;) {
        if (run_editor && edit_file_run(sh, &f) < 0)
            return CMD_FAILED;
        _cleanup_free_ char *edited = edit_file_read(sh, &f);
        if (!edited)
            return CMD_FAILED;
        if (str_eq(edited, orig))
            return domain_report(sh, d, "unchanged", "XML configuration not changed");

        _cleanup_domain_ virDomainPtr nd = NULL;
        bool fatal = false;
        _cleanup_free_ char *why = edit_try_define(sh, d, orig, edited, validate, &nd, &fatal);
        if (!why)
            return domain_report(sh, nd, "edited", "XML configuration edited");
        if (fatal || !tty) {
            err_clear(sh);
            return error(sh, "%s", why);
        }
        /* On a terminal, say what is wrong and offer another go. */
        error(sh, "%s", why);
        err_report(sh);
        switch (edit_ask_again(validate)) {
        case 'y':
            run_editor = true;
            break;
        case 'i':
            validate = false;
            run_editor = false;
            break;
        case 'f':
            run_editor = false;
            break;
        default:
            return error(sh, "domain '%s' not changed: the edits were discarded", name);
        }
    }
}

/* ---- setmem, setmaxmem, setvcpus ---------------------------------------- */

struct scope_args {
    bool config, live, current;
};

/* --live/--config as libvirt flags (--current: neither). */
static unsigned int scope_flags(const struct scope_args *s)
{
    return (s->live ? VIR_DOMAIN_AFFECT_LIVE : 0) | (s->config ? VIR_DOMAIN_AFFECT_CONFIG : 0);
}

/* Which configurations a change reached: "--current" means the live one
 * of a running domain, else the persistent one. */
static void add_scope(struct json_object *o, virDomainPtr d, unsigned int flags)
{
    bool live = flags & VIR_DOMAIN_AFFECT_LIVE, config = flags & VIR_DOMAIN_AFFECT_CONFIG;
    if (!live && !config) {
        live = virDomainIsActive(d) == 1;
        config = !live;
        virResetLastError();
    }
    json_object_object_add(o, "live", json_object_new_boolean(live));
    json_object_object_add(o, "config", json_object_new_boolean(config));
}

struct setmem_args {
    const char *domain;
    unsigned long long size;
    struct scope_args scope;
};

static int set_memory(struct shell *sh, struct setmem_args *a, bool maximum)
{
    unsigned int flags = scope_flags(&a->scope);
    if (a->size == 0)
        return usage_error(sh, "invalid memory size 0: it must be at least 1 KiB");
    if (a->size % 1024)
        return usage_error(sh, "invalid memory size %llu bytes: it must be a whole number of KiB",
                           a->size);
    unsigned long long kib = a->size / 1024;
    if (kib > ULONG_MAX)
        return usage_error(sh, "invalid memory size %llu KiB: too large", kib);
    _cleanup_domain_ virDomainPtr d = conn_lookup_domain(sh, a->domain);
    if (!d)
        return CMD_FAILED;
    unsigned int f = flags | (maximum ? VIR_DOMAIN_MEM_MAXIMUM : 0);
    if (virDomainSetMemoryFlags(d, (unsigned long)kib, f) < 0)
        return err_libvirt(sh, "cannot set the %smemory of domain '%s'",
                           maximum ? "maximum " : "", a->domain);

    _cleanup_json_ struct json_object *o = domain_ident_json(d);
    json_object_object_add(o, "result", json_object_new_string(maximum ? "max_memory_set"
                                                                       : "memory_set"));
    json_object_object_add(o, maximum ? "max_memory_kib" : "memory_kib",
                           json_object_new_uint64(kib));
    add_scope(o, d, flags);
    _cleanup_free_ char *msg = xasprintf("Domain '%s' %smemory set to %llu KiB", virDomainGetName(d),
                                         maximum ? "maximum " : "", kib);
    out_message(&sh->out, o, msg);
    return CMD_OK;
}

static int cmd_config_setmem(struct shell *sh, void *opaque)
{
    return set_memory(sh, opaque, false);
}

static int cmd_config_setmaxmem(struct shell *sh, void *opaque)
{
    return set_memory(sh, opaque, true);
}

struct setvcpus_args {
    const char *domain;
    long long count;
    bool maximum;
    struct scope_args scope;
    bool guest, hotpluggable;
};

static int cmd_config_setvcpus(struct shell *sh, void *opaque)
{
    struct setvcpus_args *a = opaque;
    unsigned int flags = scope_flags(&a->scope);
    _cleanup_domain_ virDomainPtr d = conn_lookup_domain(sh, a->domain);
    if (!d)
        return CMD_FAILED;
    unsigned int f = flags;
    if (a->maximum)
        f |= VIR_DOMAIN_VCPU_MAXIMUM;
    if (a->guest)
        f |= VIR_DOMAIN_VCPU_GUEST;
    if (a->hotpluggable)
        f |= VIR_DOMAIN_VCPU_HOTPLUGGABLE;
    if (virDomainSetVcpusFlags(d, (unsigned int)a->count, f) < 0)
        return err_libvirt(sh, "cannot set the vCPUs of domain '%s'", a->domain);

    _cleanup_json_ struct json_object *o = domain_ident_json(d);
    json_object_object_add(o, "result", json_object_new_string(a->maximum ? "max_vcpus_set"
                                                                          : "vcpus_set"));
    json_object_object_add(o, a->maximum ? "max_vcpus" : "vcpus", json_object_new_int64(a->count));
    add_scope(o, d, (unsigned int)flags);
    json_object_object_add(o, "guest", json_object_new_boolean(a->guest));
    _cleanup_free_ char *msg = xasprintf("Domain '%s' %svCPUs set to %lld", virDomainGetName(d),
                                         a->maximum ? "maximum " : "", a->count);
    out_message(&sh->out, o, msg);
    return CMD_OK;
}

/* --current excludes --live (set 1) and --config (set 0, which more_config adds to). */
#define SCOPE_OPTS(st, more_config) \
    OPT_FLAG(st, "config", scope.config, "change the persistent configuration (next boot)", \
             .excl = EXCL(0) | (more_config)), \
    OPT_FLAG(st, "live", scope.live, "change the running domain", .excl = EXCL(1)), \
    OPT_FLAG(st, "current", scope.current, \
             "change the running domain if it runs, else the configuration (default)", \
             .excl = EXCL(0) | EXCL(1))

#define SIZE_OPT(st, what) \
    OPT_SCALED(st, "size", size, 1024, what " as a scaled integer (512M, 2G; a bare number is KiB)", \
               .flags = ARG_REQUIRED)

const struct cmd_group cmd_group_config = {
    .name = "config",
    .title = "Domain configuration",
    .cmds = (const struct cmd_def[]){
        { .name = "dumpxml", .summary = "print a domain's XML configuration",
          .desc = "Print the domain's XML.  With --xpath, print only what the expression "
                  "selects: elements as XML, attributes and text as their values, one per "
                  "line, or a number, string or boolean result; --wrap puts the selected "
                  "nodes under one <nodes> element.  JSON: {\"xml\": TEXT}; with --xpath "
                  "{\"nodes\": [TEXT, ...]} or {\"value\": NUMBER|STRING|BOOLEAN}.",
          .run = cmd_config_dumpxml, .args_size = sizeof(struct dumpxml_args),
          .opts = OPTS(ARG_DOMAIN(struct dumpxml_args, domain, COMPL_DOMAIN),
                       OPT_FLAG(struct dumpxml_args, "inactive", inactive,
                                "the configuration of the next boot, not the live one"),
                       OPT_FLAG(struct dumpxml_args, "security-info", security_info,
                                "include security-sensitive data such as passwords"),
                       OPT_FLAG(struct dumpxml_args, "update-cpu", update_cpu,
                                "update the guest CPU according to the host CPU"),
                       OPT_FLAG(struct dumpxml_args, "migratable", migratable,
                                "the XML suitable for migration"),
                       OPT_STRING(struct dumpxml_args, "xpath", xpath,
                                  "print only what this XPath expression selects",
                                  .metavar = "EXPR"),
                       OPT_FLAG(struct dumpxml_args, "wrap", wrap,
                                "wrap the --xpath results in one <nodes> element",
                                .needs = "xpath")) },
        { .name = "edit", .summary = "edit a domain's XML configuration",
          .desc = "Open the domain's persistent XML in $VISUAL, $EDITOR or vi, and define "
                  "the result.  Nothing changes if the file is left as it was.  If the result "
                  "is not valid, a terminal user is asked whether to edit it again; otherwise "
                  "the command fails and nothing changes.  If the domain was changed by "
                  "someone else meanwhile, the edits are refused.  JSON: the domain's name, id "
                  "and uuid with \"result\": \"edited\" or \"unchanged\".",
          .run = cmd_config_edit, .args_size = sizeof(struct edit_args), .flags = CMD_MODIFIES,
          .opts = OPTS(ARG_DOMAIN(struct edit_args, domain, COMPL_DOMAIN),
                       OPT_FLAG(struct edit_args, "skip-validate", skip_validate,
                                "do not validate the XML against the schema")) },
        { .name = "setmem", .summary = "change a domain's current memory",
          .desc = "Change the memory allocated to the domain (the balloon target of a "
                  "running one).  It cannot exceed the maximum memory.  JSON: name, id, uuid, "
                  "result, memory_kib, and live and config: which configurations changed.",
          .run = cmd_config_setmem, .args_size = sizeof(struct setmem_args),
          .flags = CMD_MODIFIES,
          .opts = OPTS(ARG_DOMAIN(struct setmem_args, domain, COMPL_DOMAIN),
                       SIZE_OPT(struct setmem_args, "new memory size"),
                       SCOPE_OPTS(struct setmem_args, 0)) },
        { .name = "setmaxmem", .summary = "change a domain's maximum memory",
          .desc = "Change the most memory the domain may have.  Most hypervisors change "
                  "it only in the persistent configuration (--config).  JSON: as setmem, with "
                  "max_memory_kib.",
          .run = cmd_config_setmaxmem, .args_size = sizeof(struct setmem_args),
          .flags = CMD_MODIFIES,
          .opts = OPTS(ARG_DOMAIN(struct setmem_args, domain, COMPL_DOMAIN),
                       SIZE_OPT(struct setmem_args, "new maximum memory size"),
                       SCOPE_OPTS(struct setmem_args, 0)) },
        { .name = "setvcpus", .summary = "change a domain's number of virtual CPUs",
          .desc = "Change the number of virtual CPUs of the domain, or with --maximum --config "
                  "the most it may have from the next boot.  --guest asks the guest agent to "
                  "take CPUs online or offline inside the guest.  JSON: name, id, uuid, result, "
                  "vcpus (max_vcpus with --maximum), live, config, guest.",
          .run = cmd_config_setvcpus, .args_size = sizeof(struct setvcpus_args),
          .flags = CMD_MODIFIES,
          .opts = OPTS(ARG_DOMAIN(struct setvcpus_args, domain, COMPL_DOMAIN),
                       OPT_INT(struct setvcpus_args, "count", count, 1, INT_MAX,
                               "number of virtual CPUs", .flags = ARG_REQUIRED),
                       /* --guest excludes --config (2), --hotpluggable (3), --maximum (4). */
                       OPT_FLAG(struct setvcpus_args, "maximum", maximum,
                                "set the maximum from the next boot (needs --config)",
                                .excl = EXCL(4), .needs = "config",
                                .why = "the maximum changes at the next boot"),
                       SCOPE_OPTS(struct setvcpus_args, EXCL(2)),
                       OPT_FLAG(struct setvcpus_args, "guest", guest,
                                "change the CPUs online in the guest (through its agent)",
                                .excl = EXCL(2) | EXCL(3) | EXCL(4)),
                       OPT_FLAG(struct setvcpus_args, "hotpluggable", hotpluggable,
                                "make added vCPUs hot-unpluggable", .excl = EXCL(3))) },
        { 0 },
    },
};
