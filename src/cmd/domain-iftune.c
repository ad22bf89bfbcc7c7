/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* cmd/domain-iftune.c - a network interface's link and bandwidth:
 * domif-setlink, domiftune. */
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
#include <libxml/tree.h>
#include <limits.h>
#include <string.h>

#include "core/strbuf.h"
#include "core/util.h"
#include "core/xml.h"
#include "virt/conn.h"
#include "virt/context.h"
#include "virt/domain.h"
#include "virt/err.h"
#include "virt/typed-params.h"
#include "cmd/domain-tune.h"
#include "cmd/groups.h"
#include "cmd/monitor-stats.h"
#include "cmd/scope.h"

/* ---- domif-setlink ------------------------------------------------------- */

struct setlink_args {
    const char *domain, *interface, *state;
    bool config, persistent, print_xml;
};

/* The <interface> element with <link state=STATE/>, serialized as it
 * stands in the domain's XML (its indentation kept). */
static char *link_xml(xmlDocPtr doc, xmlNodePtr iface, const char *state)
{
    xmlNodePtr link = NULL;
    for (xmlNodePtr c = iface->children; c && !link; c = c->next)
        if (c->type == XML_ELEMENT_NODE && xmlStrEqual(c->name, BAD_CAST "link"))
            link = c;
    if (!link)
        link = xmlNewChild(iface, NULL, BAD_CAST "link", NULL);
    xmlSetProp(link, BAD_CAST "state", BAD_CAST state);
    xmlBufferPtr buf = xmlBufferCreate();
    xmlNodeDump(buf, doc, iface, 0, 0);
    char *s = xstrdup((const char *)xmlBufferContent(buf));
    xmlBufferFree(buf);
    return s;
}

static int cmd_domain_domif_setlink(struct shell *sh, void *opaque)
{
    struct setlink_args *a = opaque;
    if (!str_eq(a->state, "up") && !str_eq(a->state, "down"))
        return usage_error(sh, "invalid value '%s' for '--state': expected up or down", a->state);
    a->config = a->config || a->persistent;
    _cleanup_domain_ virDomainPtr d = conn_lookup_domain(sh, a->domain);
    if (!d)
        return CMD_FAILED;
    xmlNodePtr iface = NULL;
    _cleanup_(xml_doc_freep) xmlDocPtr doc = domain_interface_xml(sh, d, a->interface, a->config,
                                                                  &iface);
    if (!doc)
        return CMD_FAILED;
    _cleanup_free_ char *xml = link_xml(doc, iface, a->state);
    if (a->print_xml) {
        out_xml(&sh->out, xml);
        out_line_ends_command(&sh->out); /* virsh prints the XML without a newline */
        return CMD_OK;
    }
    unsigned int flags = a->config ? VIR_DOMAIN_AFFECT_CONFIG : VIR_DOMAIN_AFFECT_LIVE;
    if (virDomainUpdateDeviceFlags(d, xml, flags) < 0)
        return err_libvirt(sh, "cannot set the link of interface '%s' of domain '%s' %s",
                           a->interface, a->domain, a->state);
    _cleanup_json_ struct json_object *o = domain_ident_json(d);
    json_object_object_add(o, "result", json_object_new_string("link_set"));
    json_object_object_add(o, "interface", json_object_new_string(a->interface));
    json_object_object_add(o, "state", json_object_new_string(a->state));
    scope_json(o, d, flags);
    out_message(&sh->out, o, "Device updated successfully\n");
    return CMD_OK;
}

/* ---- domiftune ----------------------------------------------------------- */

struct iftune_args {
    const char *domain, *interface, *inbound, *outbound;
    struct scope_args scope;
};

static const struct typed_key iftune_keys[] = {
    { VIR_DOMAIN_BANDWIDTH_IN_AVERAGE, "inbound_average_kib_per_s" },
    { VIR_DOMAIN_BANDWIDTH_IN_PEAK, "inbound_peak_kib_per_s" },
    { VIR_DOMAIN_BANDWIDTH_IN_BURST, "inbound_burst_kib" },
    { VIR_DOMAIN_BANDWIDTH_IN_FLOOR, "inbound_floor_kib_per_s" },
    { VIR_DOMAIN_BANDWIDTH_OUT_AVERAGE, "outbound_average_kib_per_s" },
    { VIR_DOMAIN_BANDWIDTH_OUT_PEAK, "outbound_peak_kib_per_s" },
    { VIR_DOMAIN_BANDWIDTH_OUT_BURST, "outbound_burst_kib" },
    { NULL, NULL },
};

/* "AVERAGE[,PEAK[,BURST[,FLOOR]]]" (fields may be empty: 0) into the
 * parameters of one direction.  0, or the status with the error recorded. */
static int parse_rate(struct shell *sh, const char *opt, const char *s, bool inbound,
                      struct typed_list *l)
{
    static const char *const names[] = { "average", "peak", "burst", "floor" };
    unsigned long long v[4] = { 0 };
    const char *p = s;
    if (!*s)
        return usage_error(sh, "invalid value '' for '%s': expected AVERAGE[,PEAK[,BURST%s]]", opt,
                           inbound ? "[,FLOOR]" : "");
    size_t nf = 1, max = ARRAY_SIZE(names) - !inbound;
    for (const char *c = s; *c; c++)
        nf += *c == ',';
    if (nf > max)
        return usage_error(sh, "invalid value '%s' for '%s': too many fields", s, opt);
    for (size_t i = 0; i < nf; i++) {
        size_t len = strcspn(p, ",");
        _cleanup_free_ char *f = xstrndup(p, len);
        if (*f && (parse_ull(f, &v[i]) < 0 || v[i] > UINT_MAX))
            return usage_error(sh, "invalid value '%s' for '%s': the %s must be a number from 0 "
                               "to %u", s, opt, names[i], UINT_MAX);
        p += len + 1;
    }
    if (!v[0] && !v[3] && (v[1] || v[2]))
        return usage_error(sh, "invalid value '%s' for '%s': a peak or burst needs an average%s",
                           s, opt, inbound ? " or a floor" : "");
    const struct typed_key *k = iftune_keys + (inbound ? 0 : 4);
    for (size_t i = 0; i < max; i++)
        if (i == 0 || v[i])
            virTypedParamsAddUInt(&l->params, &l->n, &l->max, k[i].field, (unsigned int)v[i]);
    return 0;
}

static int iftune_set(struct shell *sh, virDomainPtr d, const struct iftune_args *a,
                      unsigned int flags)
{
    _cleanup_typed_list_ struct typed_list l = { 0 };
    if (a->inbound && parse_rate(sh, "--inbound", a->inbound, true, &l) != 0)
        return CMD_USAGE;
    if (a->outbound && parse_rate(sh, "--outbound", a->outbound, false, &l) != 0)
        return CMD_USAGE;
    if (virDomainSetInterfaceParameters(d, a->interface, l.params, l.n, flags) < 0)
        return err_libvirt(sh, "cannot change the bandwidth of interface '%s' of domain '%s'",
                           a->interface, a->domain);
    report_tuned(sh, d, "interface_tuned", flags);
    return CMD_OK;
}

static int cmd_domain_domiftune(struct shell *sh, void *opaque)
{
    struct iftune_args *a = opaque;
    unsigned int flags = scope_flags(&a->scope);
    _cleanup_domain_ virDomainPtr d = conn_lookup_domain(sh, a->domain);
    if (!d)
        return CMD_FAILED;
    if (a->inbound || a->outbound)
        return iftune_set(sh, d, a, flags);
    _cleanup_typed_list_ struct typed_list l = { 0 };
    int n = 0;
    if (virDomainGetInterfaceParameters(d, a->interface, NULL, &n, flags) == 0) {
        l.params = xcalloc((size_t)n + 1, sizeof(*l.params));
        l.max = n;
        if (n == 0 || virDomainGetInterfaceParameters(d, a->interface, l.params, &n, flags) == 0)
            l.n = n;
        else
            n = -1;
    } else {
        n = -1;
    }
    if (n < 0)
        return err_libvirt(sh, "cannot get the bandwidth of interface '%s' of domain '%s'",
                           a->interface, a->domain);
    _cleanup_json_ struct json_object *o = typed_params_json_keys(l.params, l.n, iftune_keys);
    _cleanup_free_ char *text = typed_params_text(l.params, l.n, "", 15, 0);
    report_value(sh, o, text);
    return CMD_OK;
}

#define IFACE_OPT(st) \
    OPT_STRING(st, "interface", interface, "the interface: MAC address or device name", \
               .flags = ARG_REQUIRED, .complete = COMPL_INTERFACE)

/* The domain group's rows of this file (see cmd/domain.c). */
const struct cmd_def domain_iftune_cmds[] = {
    { .name = "domif-setlink", .summary = "set a network interface's link up or down",
      .desc = "As if its cable were plugged in (up) or pulled out (down): of the running "
              "domain, or with --config of its persistent configuration. --print-xml prints "
              "the interface's new XML and changes nothing. JSON: name, id, uuid, result "
              "\"link_set\", interface, state, live, config; with --print-xml {\"xml\": TEXT}.",
      .run = cmd_domain_domif_setlink, .args_size = sizeof(struct setlink_args),
      .flags = CMD_MODIFIES,
      .opts = OPTS(ARG_DOMAIN(struct setlink_args, domain, COMPL_DOMAIN),
                   IFACE_OPT(struct setlink_args),
                   OPT_STRING(struct setlink_args, "state", state, "up or down",
                              .flags = ARG_REQUIRED),
                   OPT_FLAG(struct setlink_args, "config", config,
                            "change the persistent configuration (next boot)"),
                   OPT_FLAG(struct setlink_args, "persistent", persistent, "the same as --config",
                            .flags = OPT_HIDDEN),
                   OPT_FLAG(struct setlink_args, "print-xml", print_xml,
                            "print the interface's new XML instead")),
      .result = RESULT_OR(RESULT_OBJECT({ "xml", RT_STRING, "--print-xml: the interface" }),
                          RS_OBJECT,
                          DOMAIN_IDENT_FIELDS,
                          { "result", RT_STRING, "\"link_set\"" },
                          { "interface", RT_STRING, "the interface as given" },
                          { "state", RT_STRING, "up or down" },
                          { "live", RT_BOOL, "the running domain changed" },
                          { "config", RT_BOOL, "its persistent configuration changed" }) },
    { .name = "domiftune", .summary = "show or change a network interface's bandwidth limits",
      .desc = "Without --inbound or --outbound, the interface's limits (0: none); with them, "
              "AVERAGE[,PEAK[,BURST[,FLOOR]]] in KiB/s (burst in KiB; floor inbound only; an "
              "empty field is 0, an average of 0 removes the limits of that direction), and "
              "print nothing. JSON: inbound_average_kib_per_s, inbound_peak_kib_per_s, "
              "inbound_burst_kib, inbound_floor_kib_per_s, outbound_average_kib_per_s, "
              "outbound_peak_kib_per_s, outbound_burst_kib; after a change name, id, uuid, "
              "result \"interface_tuned\", live, config.",
      .run = cmd_domain_domiftune, .args_size = sizeof(struct iftune_args),
      .opts = OPTS(ARG_DOMAIN(struct iftune_args, domain, COMPL_DOMAIN),
                   IFACE_OPT(struct iftune_args),
                   OPT_STRING(struct iftune_args, "inbound", inbound, "limits of incoming traffic",
                              .flags = OPT_POSITIONAL | OPT_MODIFIES,
                              .metavar = "AVERAGE[,PEAK[,BURST[,FLOOR]]]"),
                   OPT_STRING(struct iftune_args, "outbound", outbound,
                              "limits of outgoing traffic", .flags = OPT_POSITIONAL | OPT_MODIFIES,
                              .metavar = "AVERAGE[,PEAK[,BURST]]"),
                   SCOPE_OPTS_RW(struct iftune_args)),
      .result = RESULT_OR(RESULT_OBJECT(
                              TUNED_FIELDS("\"interface_tuned\"")),
                          RS_OBJECT,
                          { "inbound_average_kib_per_s", RT_INT | RT_NULL, "average in" },
                          { "inbound_peak_kib_per_s", RT_INT | RT_NULL, "peak in" },
                          { "inbound_burst_kib", RT_INT | RT_NULL, "burst in" },
                          { "inbound_floor_kib_per_s", RT_INT | RT_NULL, "guaranteed in" },
                          { "outbound_average_kib_per_s", RT_INT | RT_NULL, "average out" },
                          { "outbound_peak_kib_per_s", RT_INT | RT_NULL, "peak out" },
                          { "outbound_burst_kib", RT_INT | RT_NULL, "burst out" }) },
    { 0 },
};
