/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * cmd/install.c - install a guest without ever losing its definition.
 *
 * The final config is defined first; the next call creates the installer
 * from the install config for the same name and UUID, which runs it while
 * the domain stays persistent with the final config for the next boot.  So
 * there is no moment at which the installer runs without the final config:
 *
 *   after the call              what exists                 how to go on
 *   (lookups only)              nothing new                 run install again
 *   1 define the final config   the domain, shut off,       install --resume (same
 *                               final config                words), or start it
 *   2 create the installer      the installer running,      nothing: when it powers
 *                               final config for next boot  off, start the domain
 *   3 (--wait) start            the installed guest         nothing
 *
 * When call 2 fails, what call 1 defined is removed again (with --resume,
 * the definition it replaced is restored).  Ctrl-C is looked at between
 * calls 1 and 2 only: it stops there with the same state as a kill.
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
    bool resume;
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

/* The domain `plan` names, if it exists: none (NULL) is what a fresh install
 * needs; --resume needs one that is persistent and shut off, whose UUID the
 * plan then takes if the files gave none.  NULL with *rc set on error. */
static virDomainPtr check_existing(struct shell *sh, virConnectPtr c, struct install_plan *plan,
                                   const struct install_args *a, int *rc)
{
    virDomainPtr d = virDomainLookupByName(c, plan->name);
    if (!d)
        d = virDomainLookupByUUIDString(c, plan->uuid);
    virResetLastError();
    *rc = CMD_OK;
    if (!d) {
        if (a->resume)
            *rc = error(sh, "domain '%s' does not exist: nothing to resume (leave out --resume)",
                        plan->name);
        return NULL;
    }
    char uuid[VIR_UUID_STRING_BUFLEN] = "";
    virDomainGetUUIDString(d, uuid);
    if (!a->resume)
        *rc = error(sh, "domain '%s' already exists: if an interrupted install defined it, add "
                    "--resume; else undefine it first, or boot it once with 'start %s --xml FILE'",
                    plan->name, plan->name);
    else if (!str_eq(virDomainGetName(d), plan->name) ||
             (!plan->uuid_generated && !str_eq(uuid, plan->uuid)))
        *rc = error(sh, "domain '%s' (UUID %s) is not the one '%s' describes (%s, UUID %s)",
                    virDomainGetName(d), uuid, a->final, plan->name, plan->uuid);
    else if (virDomainIsPersistent(d) != 1 || virDomainIsActive(d) != 0)
        *rc = error(sh, "domain '%s' is running or not persistent: --resume continues an install "
                    "whose installer never started", plan->name);
    else if (plan->uuid_generated)
        *rc = install_plan_set_uuid(plan, uuid) < 0 ? error(sh, "cannot set the UUID") : CMD_OK;
    if (*rc != CMD_OK) {
        virDomainFree(d);
        return NULL;
    }
    return d;
}

static int dry_run(struct shell *sh, const struct install_plan *plan, const struct install_args *a)
{
    _cleanup_json_ struct json_object *j = json_object_new_object();
    json_object_object_add(j, "name", json_object_new_string(plan->name));
    json_object_object_add(j, "uuid", json_object_new_string(plan->uuid));
    json_object_object_add(j, "uuid_generated", json_object_new_boolean(plan->uuid_generated));
    json_object_object_add(j, "install_xml", json_object_new_string(plan->install_xml));
    json_object_object_add(j, "final_xml", json_object_new_string(plan->final_xml));
    json_object_object_add(j, "wait", json_object_new_boolean(a->wait >= 0));
    json_object_object_add(j, "start_after", json_object_new_boolean(a->wait >= 0 && !a->noreboot));
    _cleanup_free_ char *text = xasprintf(
        "Would define the final config of domain '%s' (UUID %s%s),\n"
        "then start the installer from the install config for the same domain.\n%s",
        plan->name, plan->uuid, plan->uuid_generated ? ", generated" : "",
        a->wait < 0 ? "Would not wait for the installer.\n"
        : a->noreboot ? "Would wait for the installer to power off and leave the domain off.\n"
                      : "Would wait for the installer to power off, then start the domain.\n");
    out_value(&sh->out, j, text);
    return CMD_OK;
}

/* The create failed.  Did it, though?  A reply lost with the connection
 * reads as a failure of a call the daemon carried out.  1: the installer
 * runs (*ret_dom set); 0: it does not; -1: the daemon cannot be asked. */
static int installer_running(virDomainPtr defined, virDomainPtr *ret_dom)
{
    int active = virDomainIsActive(defined);
    if (active == 1) {
        virDomainRef(defined);
        *ret_dom = defined;
    }
    return active;
}

/* The create failed and the installer does not run: take the define back -
 * undefine what it defined, or with --resume put back the definition it
 * replaced (`before`). */
static int undo_define(struct shell *sh, virConnectPtr c, virDomainPtr defined, const char *name,
                       const char *before, const char *cause)
{
    if (before) {
        virDomainPtr back = virDomainDefineXML(c, before);
        if (back)
            virDomainFree(back);
        virResetLastError();
        return error(sh, "cannot start the installer of '%s': %s; %s", name, cause,
                     back ? "its previous definition was put back"
                          : "and its previous definition could not be put back");
    }
    /* Files are never deleted: an NVRAM file the config names was not made
     * by this command (libvirt makes one at the first start). */
    int gone = virDomainUndefineFlags(defined, 0);
    if (gone < 0)
        gone = virDomainUndefineFlags(defined, VIR_DOMAIN_UNDEFINE_KEEP_NVRAM);
    virResetLastError();
    return error(sh, "cannot start the installer of '%s': %s; %s", name, cause,
                 gone == 0 ? "the final config this command defined was removed again"
                           : "and the final config it defined could not be removed: "
                             "run 'undefine' by hand");
}

/* The create reported failure: find out what really happened before
 * touching anything.  CMD_OK with *ret_dom when the installer runs after
 * all. */
static int create_failed(struct shell *sh, virConnectPtr c, virDomainPtr defined, const char *name,
                         const char *before, virDomainPtr *ret_dom)
{
    virErrorPtr e = virSaveLastError();
    _cleanup_free_ char *cause = xstrdup(e && e->message ? e->message : "unknown error");
    virFreeError(e);
    switch (installer_running(defined, ret_dom)) {
    case 1:
        virResetLastError();
        err_warn(sh, "starting the installer of '%s' reported '%s', yet it runs", name, cause);
        return CMD_OK;
    case 0:
        return undo_define(sh, c, defined, name, before, cause);
    default:
        virResetLastError();
        return error(sh, "cannot start the installer of '%s': %s; the daemon cannot be asked "
                     "whether it started: the final config is defined either way - if "
                     "'domstate %s' says shut off, run this install again with --resume",
                     name, cause, name);
    }
}

static int cmd_install_install(struct shell *sh, void *opaque)
{
    struct install_args *a = opaque;
    _cleanup_free_ char *final_text = NULL, *install_text = NULL, *before = NULL;
    _cleanup_domain_ virDomainPtr dom = NULL, defined = NULL, existing = NULL;
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
    virConnectPtr c = NULL;
    if (a->print_xml >= 0) {
        out_xml(&sh->out, a->print_xml == 0 ? plan.install_xml : plan.final_xml);
        goto out;
    }
    if (!(c = conn_get(sh))) {
        rc = CMD_FAILED;
        goto out;
    }
    existing = check_existing(sh, c, &plan, a, &rc);
    if (rc != CMD_OK)
        goto out;
    if (a->dry_run) {
        rc = dry_run(sh, &plan, a);
        goto out;
    }
    if (existing && !(before = virDomainGetXMLDesc(existing, VIR_DOMAIN_XML_INACTIVE |
                                                             VIR_DOMAIN_XML_SECURE))) {
        rc = err_libvirt(sh, "cannot read the definition of '%s'", plan.name);
        goto out;
    }

    /* 1. The final config: from here on the domain exists. */
    defined = virDomainDefineXML(c, plan.final_xml);
    if (!defined) {
        rc = err_libvirt(sh, "cannot define the final config of '%s'", plan.name);
        goto out;
    }
    conn_state_changed(sh);
    domain_note_machine_alias(sh, plan.final_xml, defined);
    if (shell_interrupted) {
        rc = error(sh, "interrupted: the final config of '%s' is defined, its installer was not "
                   "started; run this install again with --resume to start it", plan.name);
        goto out;
    }
    /* 2. The installer, for the same name and UUID. */
    dom = virDomainCreateXML(c, plan.install_xml, 0);
    if (!dom) {
        rc = create_failed(sh, c, defined, plan.name, before, &dom);
        if (rc != CMD_OK)
            goto out;
    }
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
          .desc = "Defines the final config, then starts the install config for the same name "
                  "and UUID, so the installer never runs without the final config, whatever "
                  "happens to the shell. The install config is a second XML file, or derived from the final "
                  "one with --cdrom, --kernel/--initrd/--cmdline or --boot; either way it gets "
                  "on_reboot=destroy. With --wait, waits for the installer to power off, then starts "
                  "the domain with its final config.",
          .run = cmd_install_install, .args_size = sizeof(struct install_args),
          .flags = CMD_MODIFIES | CMD_NOCONN,
          .result = RESULT_OR(
              DOMAIN_REPORT_RESULT("\"installing\", then with --wait \"started\" or "
                                   "\"installed\" (--noreboot)"),
              RS_OBJECT,
              { "xml", RT_STRING | RT_OPTIONAL, "--print-xml: the XML" },
              { "name", RT_STRING | RT_OPTIONAL, "--dry-run: the domain's name" },
              { "uuid", RT_STRING | RT_OPTIONAL, "--dry-run: its UUID" },
              { "uuid_generated", RT_BOOL | RT_OPTIONAL, "--dry-run: the UUID is new" },
              { "install_xml", RT_STRING | RT_OPTIONAL, "--dry-run: the install config" },
              { "final_xml", RT_STRING | RT_OPTIONAL, "--dry-run: the final config" },
              { "wait", RT_BOOL | RT_OPTIONAL, "--dry-run: would wait for the installer" },
              { "start_after", RT_BOOL | RT_OPTIONAL, "--dry-run: would start it afterwards" }),
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
                       "show what would be done and change nothing", .excl = EXCL(0)),
              OPT_FLAG(struct install_args, "resume", resume,
                       "continue an install that defined the domain but did not start its "
                       "installer (killed, interrupted): redefine the final config, then start "
                       "the installer")) },
        { 0 },
    },
};
