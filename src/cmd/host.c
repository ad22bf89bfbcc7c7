/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* cmd/host.c - the hypervisor and host: uri, version, hostname, nodeinfo, capabilities. */
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <string.h>

#include "core/util.h"
#include "core/xml.h"
#include "virt/conn.h"
#include "virt/context.h"
#include "virt/err.h"
#include "cmd/groups.h"

static int cmd_host_uri(struct shell *sh, void *opaque)
{
    (void)opaque;
    _cleanup_free_ char *uri = virConnectGetURI(sh->conn);
    if (!uri)
        return err_libvirt(sh, "cannot get the connection URI");
    _cleanup_json_ struct json_object *o = json_object_new_object();
    json_object_object_add(o, "uri", json_object_new_string(uri));
    out_value(&sh->out, o, uri);
    return CMD_OK;
}

static int cmd_host_hostname(struct shell *sh, void *opaque)
{
    (void)opaque;
    _cleanup_free_ char *name = virConnectGetHostname(sh->conn);
    if (!name)
        return err_libvirt(sh, "cannot get the hostname");
    _cleanup_json_ struct json_object *o = json_object_new_object();
    json_object_object_add(o, "hostname", json_object_new_string(name));
    out_value(&sh->out, o, name);
    return CMD_OK;
}

static char *version_string(unsigned long v)
{
    return xasprintf("%lu.%lu.%lu", v / 1000000, (v / 1000) % 1000, v % 1000);
}

struct version_args {
    bool daemon;
};

static int cmd_host_version(struct shell *sh, void *opaque)
{
    struct version_args *a = opaque;
    unsigned long lib = 0, api = 0, hv = 0, daemon = 0;
    const char *type = virConnectGetType(sh->conn);

    /* The library this process loaded, and its API for the connection's
     * driver type; the daemon's library is --daemon's. */
    if (virGetVersion(&lib, type, &api) < 0)
        return err_libvirt(sh, "cannot get the library version");
    if (virConnectGetVersion(sh->conn, &hv) < 0)
        return err_libvirt(sh, "cannot get the hypervisor version");
    if (a->daemon && virConnectGetLibVersion(sh->conn, &daemon) < 0)
        return err_libvirt(sh, "cannot get the daemon version");

    _cleanup_free_ char *compiled = version_string(LIBVIR_VERSION_NUMBER);
    _cleanup_free_ char *libs = version_string(lib);
    _cleanup_free_ char *apis = version_string(api);
    _cleanup_free_ char *hvs = version_string(hv);
    _cleanup_free_ char *ds = daemon ? version_string(daemon) : NULL;
    _cleanup_json_ struct json_object *o = json_object_new_object();
    json_object_object_add(o, "compiled_library", json_object_new_string(compiled));
    json_object_object_add(o, "library", json_object_new_string(libs));
    json_object_object_add(o, "api_type", json_object_new_string(type ? type : "unknown"));
    json_object_object_add(o, "api", json_object_new_string(apis));
    json_object_object_add(o, "hypervisor", json_object_new_string(hvs));
    if (ds)
        json_object_object_add(o, "daemon", json_object_new_string(ds));

    _cleanup_free_ char *text = xasprintf(
        "Compiled against library: libvirt %s\nUsing library: libvirt %s\n"
        "Using API: %s %s\nRunning hypervisor: %s %s\n%s%s%s",
        compiled, libs, type ? type : "unknown", apis, type ? type : "unknown", hvs,
        ds ? "Running against daemon: " : "", ds ? ds : "", ds ? "\n" : "");
    out_value(&sh->out, o, text);
    return CMD_OK;
}

static int cmd_host_nodeinfo(struct shell *sh, void *opaque)
{
    virNodeInfo info;
    (void)opaque;
    if (virNodeGetInfo(sh->conn, &info) < 0)
        return err_libvirt(sh, "cannot get node information");

    _cleanup_json_ struct json_object *o = json_object_new_object();
    json_object_object_add(o, "cpu_model", json_object_new_string(info.model));
    json_object_object_add(o, "cpus", json_object_new_int64(info.cpus));
    json_object_object_add(o, "cpu_mhz", json_object_new_int64(info.mhz));
    json_object_object_add(o, "cpu_sockets", json_object_new_int64(info.sockets));
    json_object_object_add(o, "cores_per_socket", json_object_new_int64(info.cores));
    json_object_object_add(o, "threads_per_core", json_object_new_int64(info.threads));
    json_object_object_add(o, "numa_cells", json_object_new_int64(info.nodes));
    json_object_object_add(o, "memory_kib", json_object_new_int64((int64_t)info.memory));
    static const struct out_field f[] = {
        { "cpu_model", "CPU model", FMT_PLAIN },
        { "cpus", "CPU(s)", FMT_PLAIN },
        { "cpu_mhz", "CPU frequency", FMT_MHZ },
        { "cpu_sockets", "CPU socket(s)", FMT_PLAIN },
        { "cores_per_socket", "Core(s) per socket", FMT_PLAIN },
        { "threads_per_core", "Thread(s) per core", FMT_PLAIN },
        { "numa_cells", "NUMA cell(s)", FMT_PLAIN },
        { "memory_kib", "Memory size", FMT_KIB },
    };
    out_fields_at(&sh->out, o, f, ARRAY_SIZE(f), 21); /* virsh's "%-20s %s" */
    return CMD_OK;
}

/* virsh prints these documents with a line break after their own last one. */
static void out_caps(struct shell *sh, const char *xml)
{
    _cleanup_json_ struct json_object *o = json_object_new_object();
    json_object_object_add(o, "xml", json_object_new_string(xml));
    _cleanup_free_ char *text = xasprintf("%s\n", xml);
    out_value(&sh->out, o, text);
}

static int cmd_host_capabilities(struct shell *sh, void *opaque)
{
    (void)opaque;
    _cleanup_free_ char *xml = virConnectGetCapabilities(sh->conn);
    if (!xml)
        return err_libvirt(sh, "cannot get capabilities");
    out_caps(sh, xml);
    return CMD_OK;
}

struct domcaps_args {
    const char *virttype, *emulatorbin, *arch, *machine;
};

static int cmd_host_domcapabilities(struct shell *sh, void *opaque)
{
    struct domcaps_args *a = opaque;
    _cleanup_free_ char *xml = virConnectGetDomainCapabilities(sh->conn, a->emulatorbin, a->arch,
                                                               a->machine, a->virttype, 0);
    if (!xml)
        return err_libvirt(sh, "cannot get domain capabilities");
    out_caps(sh, xml);
    return CMD_OK;
}

struct maxvcpus_args {
    const char *type;
};

/* The most vCPUs a guest of `type` may have: what the domain capabilities
 * say for the default machine type, else the driver's own figure.  -1
 * with libvirt's error when neither answers. */
static int max_vcpus(virConnectPtr conn, const char *type)
{
    _cleanup_free_ char *caps = virConnectGetDomainCapabilities(conn, NULL, NULL, NULL, type, 0);
    char err[200];
    long long n;
    if (caps) {
        _cleanup_(xml_doc_freep) xmlDocPtr doc = xml_parse(caps, strlen(caps), err, sizeof(err));
        _cleanup_free_ char *max = doc ? xml_get(xmlDocGetRootElement(doc), "vcpu/@max") : NULL;
        if (max && parse_ll(max, 1, INT32_MAX, &n) == 0)
            return (int)n;
    }
    virResetLastError();
    return virConnectGetMaxVcpus(conn, type);
}

static int cmd_host_maxvcpus(struct shell *sh, void *opaque)
{
    struct maxvcpus_args *a = opaque;
    int n = max_vcpus(sh->conn, a->type);
    if (n < 0)
        return err_libvirt(sh, "cannot get the maximum number of vCPUs");
    _cleanup_json_ struct json_object *o = json_object_new_object();
    json_object_object_add(o, "max_vcpus", json_object_new_int(n));
    json_object_object_add(o, "type", a->type ? json_object_new_string(a->type) : NULL);
    _cleanup_free_ char *text = xasprintf("%d", n);
    out_value(&sh->out, o, text);
    return CMD_OK;
}

struct machine_args {
    const char *arch, *emulator;
    int domain_type;
};

static const char *const domain_types[] = { "qemu", "kvm", NULL };

/* The nodes an XPath expression selects below `node` (xml.c), or NULL. */
static xmlXPathObjectPtr nodes(xmlNodePtr node, const char *xpath)
{
    char err[200];
    xmlXPathObjectPtr r = xml_xpath(node->doc, node, xpath, err, sizeof(err));
    if (r && (r->type != XPATH_NODESET || !r->nodesetval || !r->nodesetval->nodeNr)) {
        xmlXPathFreeObject(r);
        return NULL;
    }
    return r;
}

/* The machine type libvirt uses when a domain names none. */
static char *default_machine(virConnectPtr c, const char *emulator, const char *arch,
                             const char *virttype)
{
    char err[200];
    _cleanup_free_ char *xml = virConnectGetDomainCapabilities(c, emulator, arch, NULL, virttype, 0);
    virResetLastError();
    _cleanup_(xml_doc_freep) xmlDocPtr doc = xml ? xml_parse(xml, strlen(xml), err, sizeof(err)) : NULL;
    return doc ? xml_get(xmlDocGetRootElement(doc), "machine") : NULL;
}

static void add_machines(struct json_object *rows, xmlNodePtr parent, const char *arch,
                         const char *def)
{
    xmlXPathObjectPtr ms = nodes(parent, "machine");
    for (int i = 0; ms && i < ms->nodesetval->nodeNr; i++) {
        xmlNodePtr m = ms->nodesetval->nodeTab[i];
        _cleanup_free_ char *name = xml_get(m, ".");
        _cleanup_free_ char *canonical = xml_get(m, "@canonical");
        _cleanup_free_ char *maxcpus = xml_get(m, "@maxCpus");
        _cleanup_free_ char *deprecated = xml_get(m, "@deprecated");
        long long cpus = 0;
        struct json_object *o = json_object_new_object();
        json_object_object_add(o, "name", json_object_new_string(name ? name : ""));
        json_object_object_add(o, "canonical", canonical ? json_object_new_string(canonical) : NULL);
        json_object_object_add(o, "arch", json_object_new_string(arch));
        json_object_object_add(o, "max_cpus", maxcpus && parse_ll(maxcpus, 0, 1 << 30, &cpus) == 0
                                                  ? json_object_new_int64(cpus) : NULL);
        json_object_object_add(o, "default", json_object_new_boolean(def && str_eq(def, name)));
        json_object_object_add(o, "deprecated", json_object_new_boolean(str_eq(deprecated, "yes")));
        json_object_array_add(rows, o);
    }
    xmlXPathFreeObject(ms);
}

static int cmd_host_machine_types(struct shell *sh, void *opaque)
{
    struct machine_args *a = opaque;
    char err[200];
    _cleanup_free_ char *caps = virConnectGetCapabilities(sh->conn);
    if (!caps)
        return err_libvirt(sh, "cannot get capabilities");
    _cleanup_(xml_doc_freep) xmlDocPtr doc = xml_parse(caps, strlen(caps), err, sizeof(err));
    if (!doc)
        return error(sh, "cannot parse the capabilities XML: %s", err);
    xmlNodePtr root = xmlDocGetRootElement(doc);
    const char *virttype = a->domain_type >= 0 ? domain_types[a->domain_type] : NULL;
    _cleanup_free_ char *host_arch = xml_get(root, "host/cpu/arch");
    const char *want_arch = a->arch ? a->arch : host_arch;

    _cleanup_json_ struct json_object *rows = json_object_new_array();
    bool arch_seen = false;
    xmlXPathObjectPtr arches = nodes(root, "guest/arch");
    for (int i = 0; arches && i < arches->nodesetval->nodeNr; i++) {
        xmlNodePtr an = arches->nodesetval->nodeTab[i];
        _cleanup_free_ char *arch = xml_get(an, "@name");
        if (want_arch && !str_eq(arch, want_arch))
            continue;
        arch_seen = true;
        _cleanup_free_ char *emulator = xml_get(an, "emulator");
        if (a->emulator && !str_eq(a->emulator, emulator))
            continue;
        xmlNodePtr machines_parent = an;
        if (virttype) {
            _cleanup_free_ char *xp = xasprintf("domain[@type='%s']", virttype);
            xmlXPathObjectPtr dn = nodes(an, xp);
            xmlNodePtr d = dn ? dn->nodesetval->nodeTab[0] : NULL;
            xmlXPathFreeObject(dn);
            if (!d)
                continue;
            /* A domain type may list machines of its own. */
            xmlXPathObjectPtr own = nodes(d, "machine");
            if (own)
                machines_parent = d;
            xmlXPathFreeObject(own);
        }
        _cleanup_free_ char *def = default_machine(sh->conn, a->emulator ? a->emulator : emulator,
                                                   arch, virttype);
        add_machines(rows, machines_parent, arch ? arch : "", def);
    }
    xmlXPathFreeObject(arches);

    if (want_arch && !arch_seen)
        return error(sh, "the hypervisor has no guests of architecture '%s'", want_arch);
    static const struct out_col cols[] = {
        { "name", "Name", FMT_PLAIN },
        { "canonical", "Canonical", FMT_PLAIN },
        { "max_cpus", "Max CPUs", FMT_PLAIN },
        { "default", "Default", FMT_YESNO },
    };
    out_table(&sh->out, rows, cols, ARRAY_SIZE(cols));
    return CMD_OK;
}

const struct cmd_group cmd_group_host = {
    .name = "host",
    .title = "Host and hypervisor",
    .cmds = (const struct cmd_def[]){
        { .name = "uri", .summary = "print the hypervisor connection URI", .run = cmd_host_uri },
        { .name = "version", .summary = "show library and hypervisor versions",
          .run = cmd_host_version, .args_size = sizeof(struct version_args),
          .opts = OPTS(OPT_FLAG(struct version_args, "daemon", daemon, "also report the daemon's version")) },
        { .name = "hostname", .summary = "print the hypervisor host's name", .run = cmd_host_hostname },
        { .name = "nodeinfo", .summary = "show the host's CPUs and memory", .run = cmd_host_nodeinfo },
        { .name = "capabilities", .summary = "print the hypervisor capabilities XML",
          .run = cmd_host_capabilities },
        { .name = "domcapabilities", .summary = "print what domains can use, as XML",
          .run = cmd_host_domcapabilities, .args_size = sizeof(struct domcaps_args),
          .opts = OPTS(OPT_STRING(struct domcaps_args, "virttype", virttype,
                                  "virtualization type (qemu, kvm, ...)", .flags = OPT_POSITIONAL),
                       OPT_STRING(struct domcaps_args, "emulatorbin", emulatorbin,
                                  "path to the emulator binary", .flags = OPT_POSITIONAL,
                                  .metavar = "PATH", .complete = COMPL_FILE),
                       OPT_STRING(struct domcaps_args, "arch", arch, "guest architecture",
                                  .flags = OPT_POSITIONAL),
                       OPT_STRING(struct domcaps_args, "machine", machine, "machine type",
                                  .flags = OPT_POSITIONAL, .complete = COMPL_MACHINE)) },
        { .name = "maxvcpus", .summary = "show the most vCPUs a guest may have on this connection",
          .desc = "What the domain capabilities say for the default machine type of TYPE (kvm, "
                  "qemu, ...), else the driver's own limit.",
          .run = cmd_host_maxvcpus, .args_size = sizeof(struct maxvcpus_args),
          .opts = OPTS(OPT_STRING(struct maxvcpus_args, "type", type,
                                  "domain type, as in <domain type=...>",
                                  .flags = OPT_POSITIONAL)),
          .result = RESULT_OBJECT(
              { "max_vcpus", RT_INT, "the most vCPUs a guest may have" },
              { "type", RT_STRING | RT_NULL, "the domain type asked about, null for the default" }) },
        { .name = "machine-types", .summary = "list machine types, their aliases and the default",
          .desc = "An alias such as 'pc' names a different versioned type after a QEMU upgrade; "
                  "the Canonical column shows what it stands for today.",
          .run = cmd_host_machine_types, .args_size = sizeof(struct machine_args),
          .opts = OPTS(OPT_STRING(struct machine_args, "arch", arch,
                                  "guest architecture (default: the host's)"),
                       OPT_STRING(struct machine_args, "emulator", emulator,
                                  "only this emulator binary", .metavar = "PATH",
                                  .complete = COMPL_FILE),
                       OPT_ENUM(struct machine_args, "domain-type", domain_type, domain_types,
                                "only machine types usable with this domain type")) },
        { 0 },
    },
};
