/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * cmd/install.c - install a guest without ever losing its definition.
 *
 * The installer boots from a transient domain created from the install
 * config; the very next call defines the final config under the same name
 * and UUID, which makes the running domain persistent with the final config
 * as its next-boot config.  From then on an exit or crash of the shell loses
 * nothing: when the installer powers off, `start` boots the installed guest.
 */
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
#include <string.h>
#include <unistd.h>

#include "core/util.h"
#include "virt/conn.h"
#include "virt/context.h"
#include "virt/domain.h"
#include "virt/err.h"
#include "virt/events.h"
#include "virt/install.h"
#include "cmd/groups.h"

struct install_args {
    const char *final;
    const char *install;
    const char *cdrom, *kernel, *initrd, *cmdline, *boot;
    long long wait;  /* -1: do not wait; 0: no time limit; N: seconds */
    bool noreboot;
    int print_xml;   /* index into print_values, -1: not given */
    bool dry_run;
};

static const char *const print_values[] = { "install", "final", NULL };

static int read_text(struct shell *sh, const char *path, char **ret)
{
    *ret = domain_read_xml_file(sh, path);
    return *ret ? CMD_OK : CMD_FAILED;
}

struct progress {
    const char *name;
    bool tty;
};

static void install_tick(double elapsed, int state, void *opaque)
{
    struct progress *p = opaque;
    if (!p->tty)
        return;
    int s = (int)elapsed;
    fprintf(stderr, "\rinstalling '%s': %02d:%02d elapsed, %s   ", p->name, s / 60, s % 60,
            domain_state_text(domain_state_word(state)));
    fflush(stderr);
}

static bool is_inactive(int state, int reason, void *opaque)
{
    (void)reason, (void)opaque;
    return state == VIR_DOMAIN_SHUTOFF || state == VIR_DOMAIN_CRASHED;
}

/* After the install config is running and the final one defined. */
static int install_wait(struct shell *sh, virDomainPtr dom, const struct install_args *a)
{
    struct progress p = { virDomainGetName(dom), isatty(STDERR_FILENO) && !sh->out.quiet };
    int state;
    int rc = events_wait_state(sh, dom, (double)a->wait, is_inactive, install_tick, &p, &state);
    if (p.tty)
        fputc('\n', stderr);
    switch (rc) {
    case WAIT_DONE:
        break;
    case WAIT_TIMEOUT:
        return error(sh, "the installer of '%s' is still %s after %lld s; its final config is "
                     "defined: when it powers off, run 'start %s'", p.name,
                     domain_state_text(domain_state_word(state)), a->wait, p.name);
    case WAIT_INTERRUPTED:
        return error(sh, "stopped waiting; the installer of '%s' keeps running and its final "
                     "config is defined: when it powers off, run 'start %s'", p.name, p.name);
    default:
        return CMD_FAILED;
    }
    if (a->noreboot)
        return domain_report(sh, dom, "installed", "installed; not started (--noreboot)");
    if (virDomainCreate(dom) < 0)
        return err_libvirt(sh, "the installer finished but '%s' could not start", p.name);
    return domain_report(sh, dom, "started", "installed and started with its final config");
}

static int cmd_install_install(struct shell *sh, void *opaque)
{
    struct install_args *a = opaque;
    _cleanup_free_ char *final_text = NULL, *install_text = NULL;
    _cleanup_domain_ virDomainPtr dom = NULL, defined = NULL;
    struct install_plan plan;
    char why[512];

    if (read_text(sh, a->final, &final_text) != CMD_OK)
        return CMD_FAILED;
    if (a->install && read_text(sh, a->install, &install_text) != CMD_OK)
        return CMD_FAILED;
    struct install_opts o = {
        .final_xml = final_text, .install_xml = install_text, .cdrom = a->cdrom,
        .kernel = a->kernel, .initrd = a->initrd, .cmdline = a->cmdline, .boot = a->boot,
    };
    if (install_prepare(&o, &plan, why, sizeof(why)) < 0)
        return usage_error(sh, "%s", why);

    int rc = CMD_OK;
    if (a->print_xml >= 0) {
        out_xml(&sh->out, a->print_xml == 0 ? plan.install_xml : plan.final_xml);
        goto out;
    }

    virConnectPtr c = conn_get(sh);
    if (!c) {
        rc = CMD_FAILED;
        goto out;
    }
    virDomainPtr existing = virDomainLookupByName(c, plan.name);
    if (!existing)
        existing = virDomainLookupByUUIDString(c, plan.uuid);
    virResetLastError();
    if (existing) {
        virDomainFree(existing);
        rc = error(sh, "domain '%s' already exists: undefine it first, or boot it once with "
                   "'start %s --xml FILE'", plan.name, plan.name);
        goto out;
    }
    if (a->dry_run) {
        _cleanup_json_ struct json_object *j = json_object_new_object();
        json_object_object_add(j, "name", json_object_new_string(plan.name));
        json_object_object_add(j, "uuid", json_object_new_string(plan.uuid));
        json_object_object_add(j, "uuid_generated", json_object_new_boolean(plan.uuid_generated));
        json_object_object_add(j, "install_xml", json_object_new_string(plan.install_xml));
        json_object_object_add(j, "final_xml", json_object_new_string(plan.final_xml));
        json_object_object_add(j, "wait", json_object_new_boolean(a->wait >= 0));
        json_object_object_add(j, "start_after", json_object_new_boolean(a->wait >= 0 && !a->noreboot));
        _cleanup_free_ char *text = xasprintf(
            "Would create transient domain '%s' (UUID %s%s) from the install config,\n"
            "then define the final config for the same domain at once.\n%s",
            plan.name, plan.uuid, plan.uuid_generated ? ", generated" : "",
            a->wait < 0 ? "Would not wait for the installer.\n"
            : a->noreboot ? "Would wait for the installer to power off and leave the domain off.\n"
                          : "Would wait for the installer to power off, then start the domain.\n");
        out_value(&sh->out, j, text);
        goto out;
    }

    /* 1. The installer, transient: if this fails nothing exists. */
    dom = virDomainCreateXML(c, plan.install_xml, 0);
    if (!dom) {
        rc = err_libvirt(sh, "cannot start the installer of '%s'", plan.name);
        goto out;
    }
    /* 2. At once, the final config for the same name and UUID. */
    defined = virDomainDefineXML(c, plan.final_xml);
    if (!defined) {
        virErrorPtr e = virSaveLastError();
        int destroyed = virDomainDestroy(dom);
        virResetLastError();
        rc = error(sh, "cannot define the final config of '%s': %s; %s", plan.name,
                   e && e->message ? e->message : "unknown error",
                   destroyed == 0 ? "the installer was stopped and nothing was kept"
                                  : "and the installer could not be stopped: destroy it by hand");
        virFreeError(e);
        goto out;
    }
    domain_note_machine_alias(sh, plan.final_xml, defined);
    domain_report(sh, dom, "installing",
                  "installer started; its final config is defined for the next boot");
    if (a->wait >= 0)
        rc = install_wait(sh, defined, a);

out:
    install_plan_free(&plan);
    return rc;
}

const struct cmd_group cmd_group_install = {
    .name = "installation",
    .title = "Installation",
    .cmds = (const struct cmd_def[]){
        { .name = "install", .summary = "boot an installer once, with the final config already defined",
          .desc = "Starts the install config as a transient domain and immediately defines the final "
                  "config for the same name and UUID, so the domain is never lost, whatever happens "
                  "to the shell. The install config is a second XML file, or derived from the final "
                  "one with --cdrom, --kernel/--initrd/--cmdline or --boot; either way it gets "
                  "on_reboot=destroy. With --wait, waits for the installer to power off, then starts "
                  "the domain with its final config.",
          .run = cmd_install_install, .args_size = sizeof(struct install_args),
          .flags = CMD_MODIFIES | CMD_NOCONN,
          .needs = "install-xml|cdrom|kernel|boot",
          .why = "the install config is a file, or derived from the final one",
          /* An install config file excludes deriving one: --cdrom (set 1), --kernel (2),
           * --boot (3); --initrd and --cmdline need --kernel. */
          .opts = OPTS(
              OPT_STRING(struct install_args, "file", final, "the final (persistent) domain XML",
                         .flags = ARG_REQUIRED, .metavar = "FINAL_XML", .complete = COMPL_FILE),
              OPT_STRING(struct install_args, "install-xml", install, "the install domain XML",
                         .flags = OPT_POSITIONAL, .metavar = "INSTALL_XML", .complete = COMPL_FILE,
                         .excl = EXCL(1) | EXCL(2) | EXCL(3),
                         .why = "the install config is a file or derived, not both"),
              OPT_STRING(struct install_args, "cdrom", cdrom,
                         "derive the install config: boot this ISO image", .metavar = "ISO",
                         .complete = COMPL_FILE, .excl = EXCL(1)),
              OPT_STRING(struct install_args, "kernel", kernel,
                         "derive the install config: boot this kernel", .complete = COMPL_FILE,
                         .excl = EXCL(2)),
              OPT_STRING(struct install_args, "initrd", initrd, "with --kernel: this initrd",
                         .complete = COMPL_FILE, .needs = "kernel"),
              OPT_STRING(struct install_args, "cmdline", cmdline,
                         "with --kernel: this kernel command line", .needs = "kernel"),
              OPT_STRING(struct install_args, "boot", boot,
                         "derive the install config: boot from hd, cdrom, network or fd",
                         .metavar = "DEV", .excl = EXCL(3)),
              OPT_INT(struct install_args, "wait", wait, 0, 31536000,
                      "wait for the installer to power off (at most SECONDS), then start the domain",
                      .metavar = "SECONDS", .def = "-1", .implicit = "0"),
              OPT_FLAG(struct install_args, "noreboot", noreboot,
                       "with --wait: leave the domain off after the installer", .needs = "wait"),
              OPT_ENUM(struct install_args, "print-xml", print_xml, print_values,
                       "print the install or final XML and change nothing", .metavar = "WHICH",
                       .excl = EXCL(0)),
              OPT_FLAG(struct install_args, "dry-run", dry_run,
                       "show what would be done and change nothing", .excl = EXCL(0))) },
        { 0 },
    },
};
