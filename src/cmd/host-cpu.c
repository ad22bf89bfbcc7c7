/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * cmd/host-cpu.c - CPU models: cpu-models, cpu-baseline, cpu-compare,
 * hypervisor-cpu-compare, hypervisor-cpu-baseline (rows of the host group,
 * through its `more`).
 */
#include <errno.h>
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
#include <string.h>

#include "core/strv.h"
#include "core/util.h"
#include "core/xml.h"
#include "virt/conn.h"
#include "virt/context.h"
#include "virt/err.h"
#include "cmd/host.h"

struct cpu_models_args {
    const char *arch;
};

static int cmd_host_cpu_models(struct shell *sh, void *opaque)
{
    const char *arch = ((struct cpu_models_args *)opaque)->arch;
    char **models = NULL;
    int n = virConnectGetCPUModelNames(sh->conn, arch, &models, 0);
    if (n < 0)
        return err_libvirt(sh, "cannot get the CPU models of '%s'", arch);
    if (n == 0 && sh->out.mode == OUT_TEXT)
        out_message(&sh->out, NULL, "all CPU models are accepted");
    else
        out_words(&sh->out, (const char *const *)models, (size_t)n);
    for (int i = 0; i < n; i++)
        free(models[i]);
    free(models);
    return CMD_OK;
}

/* The <cpu> elements of a file: bare ones (several may follow each
 * other), a domain's, the host's in capabilities, or the host-model of
 * domain capabilities.  In *ret (NULL-terminated); the count, or -1 with
 * the error recorded. */
static int cpu_defs(struct shell *sh, const char *file, struct strv *ret)
{
    size_t len;
    char err[300];
    _cleanup_free_ char *text = read_file(file, &len);
    if (!text)
        return error(sh, "cannot read '%s': %s", file, strerror(errno)), -1;
    const char *body = text;
    if (str_startswith(body, "<?xml") && strstr(body, "?>"))
        body = strstr(body, "?>") + 2;
    _cleanup_free_ char *wrapped = xasprintf("<container>%s</container>", body);
    _cleanup_(xml_doc_freep) xmlDocPtr doc = xml_parse(wrapped, strlen(wrapped), err, sizeof(err));
    if (!doc)
        return error(sh, "'%s' is not well-formed XML: %s", file, err), -1;
    xmlXPathObjectPtr r = xml_xpath(doc, NULL,
                                    "/container/cpu | /container/domain/cpu | /container/capabilities/host/cpu"
                                    " | /container/domainCapabilities/cpu/mode[@name='host-model' and "
                                    "@supported='yes']", err, sizeof(err));
    for (int i = 0; r && r->nodesetval && i < r->nodesetval->nodeNr; i++) {
        xmlNodePtr n = r->nodesetval->nodeTab[i];
        if (xmlStrEqual(n->name, BAD_CAST "mode")) { /* domain capabilities: <mode> is the <cpu> */
            xmlNodeSetName(n, BAD_CAST "cpu");
            while (n->properties)
                xmlRemoveProp(n->properties);
        }
        strv_push(ret, xml_node_text(doc, n));
    }
    xmlXPathFreeObject(r);
    if (!ret->n)
        return error(sh, "'%s' holds no <cpu> element, domain XML, host capabilities or domain "
                         "capabilities", file), -1;
    return (int)ret->n;
}

/* ------------------------------------------------------------ compare */

struct compare_args {
    const char *file, *virttype, *emulator, *arch, *machine;
    bool error, validate;
};

static int report_compare(struct shell *sh, int result, const char *file, bool hypervisor)
{
    static const char *const host_texts[] = {
        "CPU described in %s is incompatible with host CPU",
        "CPU described in %s is identical to host CPU",
        "Host CPU is a superset of CPU described in %s",
    };
    static const char *const hv_texts[] = {
        "CPU described in %s is incompatible with the CPU provided by hypervisor on the host",
        "CPU described in %s is identical to the CPU provided by hypervisor on the host",
        "The CPU provided by hypervisor on the host is a superset of CPU described in %s",
    };
    static const char *const words[] = { "incompatible", "identical", "superset" };
    if (result < VIR_CPU_COMPARE_INCOMPATIBLE || result > VIR_CPU_COMPARE_SUPERSET)
        return err_libvirt(sh, "cannot compare the %s CPU with '%s'", hypervisor ? "hypervisor's" : "host's",
                           file);
    const char *tmpl = (hypervisor ? hv_texts : host_texts)[result];
    const char *at = strstr(tmpl, "%s");
    _cleanup_free_ char *text = xasprintf("%.*s%s%s", (int)(at - tmpl), tmpl, file, at + 2);
    _cleanup_json_ struct json_object *o = json_object_new_object();
    json_object_object_add(o, "result", json_object_new_string(words[result]));
    json_object_object_add(o, "file", json_object_new_string(file));
    out_message(&sh->out, o, text);
    /* as virsh: incompatible is a failure, reported by the output line alone */
    return result == VIR_CPU_COMPARE_INCOMPATIBLE ? CMD_FAILED : CMD_OK;
}

static int cmd_host_cpu_compare(struct shell *sh, void *opaque)
{
    struct compare_args *a = opaque;
    bool hypervisor = sh->current->data != NULL;
    _cleanup_(strv_free) struct strv cpus = { 0 };
    if (cpu_defs(sh, a->file, &cpus) < 0)
        return CMD_FAILED;
    unsigned int flags = (a->error ? VIR_CONNECT_COMPARE_CPU_FAIL_INCOMPATIBLE : 0) |
                         (a->validate ? VIR_CONNECT_COMPARE_CPU_VALIDATE_XML : 0);
    int r = hypervisor ? virConnectCompareHypervisorCPU(sh->conn, a->emulator, a->arch, a->machine,
                                                        a->virttype, cpus.v[0], flags)
                       : virConnectCompareCPU(sh->conn, cpus.v[0], flags);
    return report_compare(sh, r, a->file, hypervisor);
}

/* ------------------------------------------------------------ baseline */

struct baseline_args {
    const char *file, *virttype, *emulator, *arch, *machine;
    bool features, migratable;
    const char *model;
};

static int cmd_host_cpu_baseline(struct shell *sh, void *opaque)
{
    struct baseline_args *a = opaque;
    bool hypervisor = sh->current->data != NULL;
    _cleanup_(strv_free) struct strv cpus = { 0 };
    if (a->model && a->file)
        return usage_error(sh, "give a file or --model, not both");
    if (a->model) {
        _cleanup_(xml_doc_freep) xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
        xmlNodePtr cpu = xmlNewDocNode(doc, NULL, BAD_CAST "cpu", NULL);
        xmlDocSetRootElement(doc, cpu);
        xmlNewTextChild(cpu, NULL, BAD_CAST "model", BAD_CAST a->model);
        strv_push(&cpus, xml_node_text(doc, cpu));
    } else if (cpu_defs(sh, a->file, &cpus) < 0) {
        return CMD_FAILED;
    }
    unsigned int flags = (a->features ? VIR_CONNECT_BASELINE_CPU_EXPAND_FEATURES : 0) |
                         (a->migratable ? VIR_CONNECT_BASELINE_CPU_MIGRATABLE : 0);
    _cleanup_free_ char *xml = hypervisor
        ? virConnectBaselineHypervisorCPU(sh->conn, a->emulator, a->arch, a->machine, a->virttype,
                                          (const char **)cpus.v, (unsigned)cpus.n, flags)
        : virConnectBaselineCPU(sh->conn, (const char **)cpus.v, (unsigned)cpus.n, flags);
    if (!xml)
        return err_libvirt(sh, "cannot compute a baseline CPU");
    out_xml(&sh->out, xml);
    return CMD_OK;
}

/* ------------------------------------------------------------ the rows */

#define CPU_FILE(st, what, fl) \
    OPT_STRING(st, "file", file, what, .flags = (fl), .complete = COMPL_FILE)
#define HV_OPTS(st) \
    OPT_STRING(st, "virttype", virttype, "virtualization type (qemu, kvm, ...)", .flags = OPT_POSITIONAL), \
    OPT_STRING(st, "emulator", emulator, "path to the emulator binary", .metavar = "PATH", \
               .complete = COMPL_FILE, .flags = OPT_POSITIONAL), \
    OPT_STRING(st, "arch", arch, "CPU architecture", .flags = OPT_POSITIONAL), \
    OPT_STRING(st, "machine", machine, "machine type", .complete = COMPL_MACHINE, .flags = OPT_POSITIONAL)
#define COMPARE_FLAGS \
    OPT_FLAG(struct compare_args, "error", error, "an incompatible CPU is an error of libvirt's"), \
    OPT_FLAG(struct compare_args, "validate", validate, "validate the XML against the schema")
#define BASELINE_FLAGS \
    OPT_FLAG(struct baseline_args, "features", features, "list the features of the CPU model too"), \
    OPT_FLAG(struct baseline_args, "migratable", migratable, "leave out features that block migration")
#define COMPARE_RESULT \
    RESULT_OBJECT({ "result", RT_STRING, "incompatible, identical or superset" }, \
                  { "file", RT_STRING, "the file compared" })
#define CPU_SOURCES "FILE holds <cpu> elements, a domain's XML, the host's capabilities or domain capabilities."

const struct cmd_def host_cpu_cmds[] = {
    { .name = "cpu-models", .summary = "list the CPU models the hypervisor knows for an architecture",
      .run = cmd_host_cpu_models, .args_size = sizeof(struct cpu_models_args),
      .opts = OPTS(OPT_STRING(struct cpu_models_args, "arch", arch, "architecture (x86_64, aarch64, ...)",
                              .flags = ARG_REQUIRED)),
      .result = RESULT_VALUES },
    { .name = "cpu-baseline", .summary = "compute a CPU all the given CPUs can provide",
      .desc = CPU_SOURCES,
      .run = cmd_host_cpu_baseline, .args_size = sizeof(struct baseline_args),
      .opts = OPTS(CPU_FILE(struct baseline_args, "file with the CPUs", ARG_REQUIRED), BASELINE_FLAGS),
      .result = RESULT_OBJECT({ "xml", RT_STRING, "the baseline <cpu>" }) },
    { .name = "cpu-compare", .summary = "compare the host's CPU with a CPU described in a file",
      .desc = CPU_SOURCES " An incompatible CPU exits with status 1.",
      .run = cmd_host_cpu_compare, .args_size = sizeof(struct compare_args),
      .opts = OPTS(CPU_FILE(struct compare_args, "file with the CPU", ARG_REQUIRED), COMPARE_FLAGS),
      .result = COMPARE_RESULT },
    { .name = "hypervisor-cpu-compare", .summary = "compare the CPU a hypervisor can give a guest with a file's",
      .desc = CPU_SOURCES " An incompatible CPU exits with status 1.",
      .run = cmd_host_cpu_compare, .args_size = sizeof(struct compare_args), .data = "hypervisor",
      .opts = OPTS(CPU_FILE(struct compare_args, "file with the CPU", ARG_REQUIRED),
                   HV_OPTS(struct compare_args), COMPARE_FLAGS),
      .result = COMPARE_RESULT },
    { .name = "hypervisor-cpu-baseline", .summary = "compute a CPU the hypervisor can give and all the given CPUs provide",
      .desc = CPU_SOURCES " --model M stands for a file holding only <cpu><model>M</model></cpu>.",
      .run = cmd_host_cpu_baseline, .args_size = sizeof(struct baseline_args), .data = "hypervisor",
      .needs = "file|model",
      .opts = OPTS(OPT_STRING(struct baseline_args, "file", file, "file with the CPUs",
                              .flags = OPT_POSITIONAL, .complete = COMPL_FILE),
                   HV_OPTS(struct baseline_args), BASELINE_FLAGS,
                   OPT_STRING(struct baseline_args, "model", model, "one CPU model, without features",
                              .flags = OPT_POSITIONAL)),
      .result = RESULT_OBJECT({ "xml", RT_STRING, "the baseline <cpu>" }) },
    { 0 },
};
