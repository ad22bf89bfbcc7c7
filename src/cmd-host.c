/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* cmd-host.c - the hypervisor and host: uri, version, hostname, nodeinfo, capabilities. */
#include <libvirt/libvirt.h>
#include <string.h>

#include "commands.h"
#include "conn.h"
#include "err.h"
#include "shell.h"
#include "util.h"

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
    unsigned long lib = 0, hv = 0, daemon = 0;
    const char *type = virConnectGetType(sh->conn);

    if (virConnectGetLibVersion(sh->conn, &lib) < 0)
        return err_libvirt(sh, "cannot get the library version");
    if (virConnectGetVersion(sh->conn, &hv) < 0)
        return err_libvirt(sh, "cannot get the hypervisor version");
    if (a->daemon && virConnectGetLibVersion(sh->conn, &daemon) < 0)
        return err_libvirt(sh, "cannot get the daemon version");

    _cleanup_free_ char *compiled = version_string(LIBVIR_VERSION_NUMBER);
    _cleanup_free_ char *libs = version_string(lib);
    _cleanup_free_ char *hvs = version_string(hv);
    _cleanup_free_ char *ds = daemon ? version_string(daemon) : NULL;
    _cleanup_json_ struct json_object *o = json_object_new_object();
    json_object_object_add(o, "compiled_library", json_object_new_string(compiled));
    json_object_object_add(o, "library", json_object_new_string(libs));
    json_object_object_add(o, "api", json_object_new_string(type ? type : "unknown"));
    json_object_object_add(o, "hypervisor", json_object_new_string(hvs));
    if (ds)
        json_object_object_add(o, "daemon", json_object_new_string(ds));

    _cleanup_free_ char *text = xasprintf(
        "Compiled against library: libvirt %s\nUsing library: libvirt %s\n"
        "Using API: %s %s\nRunning hypervisor: %s %s\n%s%s%s",
        compiled, libs, type ? type : "unknown", libs, type ? type : "unknown", hvs,
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
    out_fields(&sh->out, o, f, ARRAY_SIZE(f));
    return CMD_OK;
}

static int cmd_host_capabilities(struct shell *sh, void *opaque)
{
    (void)opaque;
    _cleanup_free_ char *xml = virConnectGetCapabilities(sh->conn);
    if (!xml)
        return err_libvirt(sh, "cannot get capabilities");
    out_xml(&sh->out, xml);
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
    out_xml(&sh->out, xml);
    return CMD_OK;
}

const struct cmd_group cmd_group_host = {
    .name = "host",
    .title = "Host and hypervisor",
    .cmds = (const struct cmd_def[]){
        { .name = "uri", .summary = "print the hypervisor connection URI", .run = cmd_host_uri },
        { .name = "version", .summary = "show library and hypervisor versions",
          .run = cmd_host_version, .args_size = sizeof(struct version_args),
          .opts = OPTS({ .name = "daemon", .type = OPT_BOOL,
                         .offset = offsetof(struct version_args, daemon),
                         .help = "also report the daemon's version" }) },
        { .name = "hostname", .summary = "print the hypervisor host's name", .run = cmd_host_hostname },
        { .name = "nodeinfo", .summary = "show the host's CPUs and memory", .run = cmd_host_nodeinfo },
        { .name = "capabilities", .summary = "print the hypervisor capabilities XML",
          .run = cmd_host_capabilities },
        { .name = "domcapabilities", .summary = "print what domains can use, as XML",
          .run = cmd_host_domcapabilities, .args_size = sizeof(struct domcaps_args),
          .opts = OPTS({ .name = "virttype", .type = OPT_STRING,
                         .offset = offsetof(struct domcaps_args, virttype),
                         .help = "virtualization type (qemu, kvm, ...)" },
                       { .name = "emulatorbin", .type = OPT_STRING, .metavar = "PATH",
                         .offset = offsetof(struct domcaps_args, emulatorbin),
                         .help = "path to the emulator binary", .complete = COMPL_FILE },
                       { .name = "arch", .type = OPT_STRING,
                         .offset = offsetof(struct domcaps_args, arch),
                         .help = "guest architecture" },
                       { .name = "machine", .type = OPT_STRING,
                         .offset = offsetof(struct domcaps_args, machine),
                         .help = "machine type", .complete = COMPL_MACHINE }) },
        { 0 },
    },
};
