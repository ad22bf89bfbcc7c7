/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* cmd-config.c - a domain's configuration: dumpxml. */
#include <libvirt/libvirt.h>
#include <string.h>

#include "commands.h"
#include "conn.h"
#include "domain.h"
#include "err.h"
#include "shell.h"
#include "util.h"

struct dumpxml_args {
    const char *domain;
    bool inactive, security_info, migratable;
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
    if (a->migratable)
        flags |= VIR_DOMAIN_XML_MIGRATABLE;
    _cleanup_free_ char *xml = virDomainGetXMLDesc(d, flags);
    if (!xml)
        return err_libvirt(sh, "cannot get the XML of domain '%s'", a->domain);
    out_xml(&sh->out, xml);
    return CMD_OK;
}

const struct cmd_group cmd_group_config = {
    .name = "config",
    .title = "Domain configuration",
    .cmds = (const struct cmd_def[]){
        { .name = "dumpxml", .summary = "print a domain's XML configuration",
          .run = cmd_config_dumpxml, .args_size = sizeof(struct dumpxml_args),
          .opts = OPTS(ARG_DOMAIN(struct dumpxml_args, domain, COMPL_DOMAIN),
                       { .name = "inactive", .type = OPT_BOOL,
                         .offset = offsetof(struct dumpxml_args, inactive),
                         .help = "the configuration of the next boot, not the live one" },
                       { .name = "security-info", .type = OPT_BOOL,
                         .offset = offsetof(struct dumpxml_args, security_info),
                         .help = "include security-sensitive data such as passwords" },
                       { .name = "migratable", .type = OPT_BOOL,
                         .offset = offsetof(struct dumpxml_args, migratable),
                         .help = "the XML suitable for migration" }) },
        { 0 },
    },
};
