/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* cmd/domain.c - domain lifecycle: define, create, start, stop, pause, autostart, rename. */
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
#include <limits.h>
#include <string.h>

#include "core/strv.h"
#include "core/util.h"
#include "core/xml.h"
#include "virt/conn.h"
#include "virt/console.h"
#include "virt/context.h"
#include "virt/domain.h"
#include "virt/err.h"
#include "virt/install.h"
#include "cmd/domain-more.h"
#include "cmd/domain-storage.h"
#include "cmd/domain-tune.h"
#include "cmd/groups.h"

struct dom_args {
    const char *domain;
};

struct start_args {
    const char *domain;
    bool console, paused, autodestroy, bypass_cache, force_boot, reset_nvram;
    const char *pass_fds, *xml;
};

/*
 * Boot a defined, inactive domain once with another config: creating a
 * domain with the same name and UUID as an inactive persistent one runs it
 * with the given config while its persistent config stays as it was.
 */
static virDomainPtr start_oneoff(struct shell *sh, virDomainPtr d, const char *file,
                                 unsigned int flags)
{
    char uuid[VIR_UUID_STRING_BUFLEN], why[512];
    _cleanup_free_ char *text = domain_read_xml_file(sh, file);
    _cleanup_free_ char *xml = NULL;
    if (!text)
        return NULL;
    if (virDomainIsPersistent(d) != 1) {
        error(sh, "domain '%s' is not persistent: use 'create %s'", virDomainGetName(d), file);
        return NULL;
    }
    virDomainGetUUIDString(d, uuid);
    if (install_adopt_identity(text, virDomainGetName(d), uuid, &xml, why, sizeof(why)) < 0) {
        usage_error(sh, "'%s': %s", file, why);
        return NULL;
    }
    const char *name = virDomainGetName(d); /* before: every API call clears the last error */
    virDomainPtr live = virDomainCreateXML(sh->conn, xml, flags);
    if (!live)
        err_libvirt(sh, "cannot start domain '%s' with '%s'", name, file);
    return live;
}

static int create_with(virDomainPtr d, int *fds, unsigned nfds, unsigned int flags)
{
    return nfds ? virDomainCreateWithFiles(d, nfds, fds, flags) : virDomainCreateWithFlags(d, flags);
}

/* Boot d afresh where the driver has no VIR_DOMAIN_START_FORCE_BOOT: drop
 * its managed save image, then start it without the flag, as virsh does
 * (two calls: WHEN A COMMAND IS CUT SHORT in the man page). */
static int start_force_boot(struct shell *sh, virDomainPtr d, int *fds, unsigned nfds,
                            unsigned int flags)
{
    if (create_with(d, fds, nfds, flags | VIR_DOMAIN_START_FORCE_BOOT) == 0)
        return 0;
    virErrorPtr e = virGetLastError();
    if (!e || (e->code != VIR_ERR_NO_SUPPORT && e->code != VIR_ERR_INVALID_ARG))
        return -1;
    virResetLastError();
    if (virDomainHasManagedSaveImage(d, 0) > 0 && virDomainManagedSaveRemove(d, 0) < 0)
        return -1;
    virResetLastError();
    return create_with(d, fds, nfds, flags);
}

static int cmd_domain_start(struct shell *sh, void *opaque)
{
    struct start_args *a = opaque;
    _cleanup_free_ int *fds = NULL;
    unsigned nfds = 0;
    int rc = domain_parse_fds(sh, a->pass_fds, &fds, &nfds);
    if (rc != CMD_OK)
        return rc;
    /* Only an inactive domain starts: no ID, as in virsh ("start 1" is the
     * domain named "1"). */
    _cleanup_domain_ virDomainPtr d = conn_lookup_domain_by(sh, a->domain, LOOKUP_NAME | LOOKUP_UUID);
    if (!d)
        return CMD_FAILED;
    int state = VIR_DOMAIN_NOSTATE;
    if (virDomainGetState(d, &state, NULL, 0) == 0 && state == VIR_DOMAIN_PAUSED)
        return error(sh, "domain '%s' is already active (paused): use 'resume'", virDomainGetName(d));
    if (virDomainIsActive(d) == 1)
        return error(sh, "domain '%s' is already running", virDomainGetName(d));
    unsigned int flags = (a->paused ? VIR_DOMAIN_START_PAUSED : 0) |
                         (a->autodestroy ? VIR_DOMAIN_START_AUTODESTROY : 0) |
                         (a->bypass_cache ? VIR_DOMAIN_START_BYPASS_CACHE : 0) |
                         (a->reset_nvram ? VIR_DOMAIN_START_RESET_NVRAM : 0);
    if (a->xml) {
        _cleanup_domain_ virDomainPtr live = start_oneoff(sh, d, a->xml, flags);
        if (!live)
            return CMD_FAILED;
        _cleanup_free_ char *text = xasprintf("started once with %s; its persistent config is "
                                              "unchanged", a->xml);
        domain_report(sh, live, "started", text);
    } else {
        const char *name = virDomainGetName(d); /* before: every API call clears the last error */
        rc = a->force_boot ? start_force_boot(sh, d, fds, nfds, flags)
                           : create_with(d, fds, nfds, flags);
        if (rc < 0)
            return err_libvirt(sh, "cannot start domain '%s'", name);
        domain_report(sh, d, "started", "started");
    }
    if (a->console)
        return console_attach(sh, d, NULL, false, false);
    return CMD_OK;
}

struct file_args {
    const char *file;
    bool console, paused, autodestroy, validate, reset_nvram;
    const char *pass_fds;
};

static int cmd_domain_create(struct shell *sh, void *opaque)
{
    struct file_args *a = opaque;
    _cleanup_free_ int *fds = NULL;
    unsigned nfds = 0;
    int rc = domain_parse_fds(sh, a->pass_fds, &fds, &nfds);
    if (rc != CMD_OK)
        return rc;
    _cleanup_free_ char *xml = domain_read_xml_file(sh, a->file);
    if (!xml)
        return CMD_FAILED;
    unsigned int flags = (a->paused ? VIR_DOMAIN_START_PAUSED : 0) |
                         (a->autodestroy ? VIR_DOMAIN_START_AUTODESTROY : 0) |
                         (a->validate ? VIR_DOMAIN_START_VALIDATE : 0) |
                         (a->reset_nvram ? VIR_DOMAIN_START_RESET_NVRAM : 0);
    _cleanup_domain_ virDomainPtr d = nfds ? virDomainCreateXMLWithFiles(sh->conn, xml, nfds, fds, flags)
                                           : virDomainCreateXML(sh->conn, xml, flags);
    if (!d)
        return err_libvirt(sh, "cannot create a domain from '%s'", a->file);
    domain_note_machine_alias(sh, xml, d);
    _cleanup_free_ char *text = xasprintf("created from %s", a->file);
    domain_report(sh, d, "created", text);
    if (a->console)
        return console_attach(sh, d, NULL, false, false);
    return CMD_OK;
}

static int cmd_domain_define(struct shell *sh, void *opaque)
{
    struct file_args *a = opaque;
    _cleanup_free_ char *xml = domain_read_xml_file(sh, a->file);
    if (!xml)
        return CMD_FAILED;
    _cleanup_domain_ virDomainPtr d =
        virDomainDefineXMLFlags(sh->conn, xml, a->validate ? VIR_DOMAIN_DEFINE_VALIDATE : 0);
    if (!d)
        return err_libvirt(sh, "cannot define a domain from '%s'", a->file);
    domain_note_machine_alias(sh, xml, d);
    _cleanup_free_ char *text = xasprintf("defined from %s", a->file);
    return domain_report(sh, d, "defined", text);
}

struct undefine_args {
    const char *domain;
    bool managed_save, snapshots_metadata, checkpoints_metadata, nvram, keep_nvram, tpm, keep_tpm;
    struct undefine_storage storage; /* cmd/domain-storage.h */
};

/* The last error is one of a driver that does not know a flag. */
static bool flag_unsupported(void)
{
    virErrorPtr e = virGetLastError();
    return e && (e->code == VIR_ERR_NO_SUPPORT || e->code == VIR_ERR_INVALID_ARG);
}

/* Where the driver refuses the flags, undefine piecewise as virsh does: the
 * managed save image first (with --managed-save), then a plain undefine
 * (two calls: WHEN A COMMAND IS CUT SHORT in the man page). */
static int undefine_piecewise(struct shell *sh, virDomainPtr d, const struct undefine_args *a)
{
    virResetLastError();
    if (virDomainHasManagedSaveImage(d, 0) > 0) {
        if (!a->managed_save)
            return error(sh, "domain '%s' has a managed save image: add --managed-save to "
                         "delete it", virDomainGetName(d));
        if (virDomainManagedSaveRemove(d, 0) < 0)
            return err_libvirt(sh, "cannot remove the managed save image of domain '%s'",
                               virDomainGetName(d));
    }
    int snaps = virDomainSnapshotNum(d, VIR_DOMAIN_SNAPSHOT_LIST_METADATA);
    virResetLastError();
    if (snaps > 0)
        return error(sh, "cannot undefine domain '%s': the driver cannot remove the metadata of "
                     "its %d snapshots", virDomainGetName(d), snaps);
    if (virDomainUndefine(d) < 0)
        return err_libvirt(sh, "cannot undefine domain '%s'", a->domain);
    return CMD_OK;
}

static int cmd_domain_undefine(struct shell *sh, void *opaque)
{
    struct undefine_args *a = opaque;
    _cleanup_domain_ virDomainPtr d = conn_lookup_domain(sh, a->domain);
    if (!d)
        return CMD_FAILED;
    unsigned int flags = (a->nvram ? VIR_DOMAIN_UNDEFINE_NVRAM : 0) |
                         (a->keep_nvram ? VIR_DOMAIN_UNDEFINE_KEEP_NVRAM : 0) |
                         (a->managed_save ? VIR_DOMAIN_UNDEFINE_MANAGED_SAVE : 0) |
                         (a->snapshots_metadata ? VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA : 0) |
                         (a->checkpoints_metadata ? VIR_DOMAIN_UNDEFINE_CHECKPOINTS_METADATA : 0) |
                         (a->tpm ? VIR_DOMAIN_UNDEFINE_TPM : 0) |
                         (a->keep_tpm ? VIR_DOMAIN_UNDEFINE_KEEP_TPM : 0);
    _cleanup_json_ struct json_object *removed = NULL; /* the volumes go first */
    int rc = undefine_storage_wanted(&a->storage)
                 ? undefine_storage_remove(sh, d, &a->storage, flags, &removed) : CMD_OK;
    if (rc)
        return rc;
    if (virDomainUndefineFlags(d, flags) < 0) {
        virErrorPtr e = virGetLastError();
        if (e && e->message && strstr(e->message, "nvram") && !a->nvram && !a->keep_nvram) {
            virResetLastError();
            return error(sh, "domain '%s' has a UEFI NVRAM file: add --nvram to delete it "
                         "or --keep-nvram to keep it", virDomainGetName(d));
        }
        if (e && e->message && strstr(e->message, "managed save") && !a->managed_save) {
            virResetLastError();
            return error(sh, "domain '%s' has a managed save image: add --managed-save to "
                         "delete it", virDomainGetName(d));
        }
        /* Deleting the NVRAM file cannot be emulated: no fallback then. */
        if (a->nvram || !flag_unsupported())
            return err_libvirt(sh, "cannot undefine domain '%s'", a->domain);
        rc = undefine_piecewise(sh, d, a);
        if (rc != CMD_OK)
            return rc;
    }
    if (removed)
        return undefine_storage_report(sh, d, a->domain, removed);
    return domain_report_as(sh, d, a->domain, "undefined", "has been undefined");
}

/* --mode acpi,agent,...: the flags of a shutdown or a reboot. */
struct mode_flag {
    const char *name;
    unsigned int shutdown, reboot;
};

static const struct mode_flag modes[] = {
    { "acpi", VIR_DOMAIN_SHUTDOWN_ACPI_POWER_BTN, VIR_DOMAIN_REBOOT_ACPI_POWER_BTN },
    { "agent", VIR_DOMAIN_SHUTDOWN_GUEST_AGENT, VIR_DOMAIN_REBOOT_GUEST_AGENT },
    { "initctl", VIR_DOMAIN_SHUTDOWN_INITCTL, VIR_DOMAIN_REBOOT_INITCTL },
    { "signal", VIR_DOMAIN_SHUTDOWN_SIGNAL, VIR_DOMAIN_REBOOT_SIGNAL },
    { "paravirt", VIR_DOMAIN_SHUTDOWN_PARAVIRT, VIR_DOMAIN_REBOOT_PARAVIRT },
};

static int parse_modes(struct shell *sh, const char *spec, bool reboot, unsigned int *ret)
{
    unsigned int flags = 0;
    if (!spec) {
        *ret = 0;
        return CMD_OK;
    }
    _cleanup_free_ char *copy = xstrdup(spec);
    char *save = NULL;
    for (char *m = strtok_r(copy, ",", &save); m; m = strtok_r(NULL, ",", &save)) {
        size_t i;
        for (i = 0; i < ARRAY_SIZE(modes); i++)
            if (str_eq(modes[i].name, m))
                break;
        if (i == ARRAY_SIZE(modes))
            return usage_error(sh, "invalid value '%s' for '--mode': expected one or more of "
                               "acpi, agent, initctl, signal, paravirt", m);
        flags |= reboot ? modes[i].reboot : modes[i].shutdown;
    }
    if (!flags) /* "--mode=" or "--mode ,": not a silent default */
        return usage_error(sh, "invalid value '%s' for '--mode': expected one or more of "
                           "acpi, agent, initctl, signal, paravirt", spec);
    *ret = flags;
    return CMD_OK;
}

/* shutdown, reboot, destroy, reset, suspend, resume: one handler, and per
 * row what to call and what to say. */
struct lifecycle_args {
    const char *domain;
    const char *mode;   /* shutdown, reboot: --mode */
    bool graceful;      /* destroy: --graceful */
    bool remove_logs;   /* destroy: --remove-logs */
};

struct lifecycle {
    int (*act)(virDomainPtr d, unsigned int flags);
    bool reboot;                /* --mode gives reboot flags, not shutdown flags */
    const char *verb;           /* "cannot VERB domain 'D'" */
    const char *result, *text;  /* what domain_report says */
};

static int suspend_domain(virDomainPtr d, unsigned int flags)
{
    (void)flags;
    return virDomainSuspend(d);
}

static int resume_domain(virDomainPtr d, unsigned int flags)
{
    (void)flags;
    return virDomainResume(d);
}

static int cmd_domain_lifecycle(struct shell *sh, void *opaque)
{
    struct lifecycle_args *a = opaque;
    const struct lifecycle *l = sh->current->data;
    unsigned int how = 0;
    int rc = parse_modes(sh, a->mode, l->reboot, &how);
    if (rc)
        return rc;
    _cleanup_domain_ virDomainPtr d = conn_lookup_domain(sh, a->domain);
    if (!d)
        return CMD_FAILED;
    how |= (a->graceful ? VIR_DOMAIN_DESTROY_GRACEFUL : 0) |
           (a->remove_logs ? VIR_DOMAIN_DESTROY_REMOVE_LOGS : 0);
    if (l->act(d, how) < 0)
        return err_libvirt(sh, "cannot %s domain '%s'", l->verb, a->domain);
    return domain_report_as(sh, d, a->domain, l->result, l->text);
}

struct autostart_args {
    const char *domain;
    bool disable;
};

static int cmd_domain_autostart(struct shell *sh, void *opaque)
{
    struct autostart_args *a = opaque;
    _cleanup_domain_ virDomainPtr d = conn_lookup_domain(sh, a->domain);
    if (!d)
        return CMD_FAILED;
    if (virDomainSetAutostart(d, !a->disable) < 0)
        return err_libvirt(sh, "cannot change autostart of domain '%s'", a->domain);
    if (a->disable)
        return domain_report_as(sh, d, a->domain, "autostart_disabled", "unmarked as autostarted");
    return domain_report_as(sh, d, a->domain, "autostart_enabled", "marked as autostarted");
}

struct rename_args {
    const char *domain;
    const char *new_name;
};

static int cmd_domain_rename(struct shell *sh, void *opaque)
{
    struct rename_args *a = opaque;
    _cleanup_domain_ virDomainPtr d = conn_lookup_domain(sh, a->domain);
    if (!d)
        return CMD_FAILED;
    if (!*a->new_name)
        return usage_error(sh, "the new name must not be empty");
    if (virDomainRename(d, a->new_name, 0) < 0)
        return err_libvirt(sh, "cannot rename domain '%s'", a->domain);
    /* d keeps its UUID: look the renamed domain up by it, not by the new
     * name (which may look like another domain's ID). */
    unsigned char uuid[VIR_UUID_BUFLEN];
    _cleanup_domain_ virDomainPtr renamed = virDomainGetUUID(d, uuid) == 0
                                                ? virDomainLookupByUUID(sh->conn, uuid) : NULL;
    virResetLastError();
    return domain_report_msg(sh, renamed ? renamed : d, "renamed", "Domain successfully renamed");
}

struct console_args {
    const char *domain;
    const char *devname;
    bool force, safe;
};

static int cmd_domain_console(struct shell *sh, void *opaque)
{
    struct console_args *a = opaque;
    _cleanup_domain_ virDomainPtr d = conn_lookup_domain(sh, a->domain);
    if (!d)
        return CMD_FAILED;
    if (virDomainIsActive(d) != 1)
        return error(sh, "domain '%s' is not running", virDomainGetName(d));
    return console_attach(sh, d, a->devname, a->force, a->safe);
}

#define DOMAIN_CMD(nm, fn, st, compl, summ, flg, res, ...) \
    { .name = nm, .summary = summ, .run = fn, .args_size = sizeof(st), .flags = (flg), \
      .result = (res), .opts = OPTS(ARG_DOMAIN(st, domain, compl), ##__VA_ARGS__) }

/* virsh's --pass-fds: a plain word after the domain fills it too. */
#define PASS_FDS_OPT(st) \
    OPT_STRING(st, "pass-fds", pass_fds, "pass these open file descriptors to the guest", \
               .flags = OPT_POSITIONAL, .metavar = "N,M,...")

#define FILE_ARG(st) \
    OPT_STRING(st, "file", file, "domain XML file", .flags = ARG_REQUIRED, .complete = COMPL_FILE)

#define MODE_OPT \
    OPT_STRING(struct lifecycle_args, "mode", mode, "how: acpi, agent, initctl, signal, paravirt", \
               .metavar = "MODE[,MODE...]", \
               .values = VALUES("acpi", "agent", "initctl", "signal", "paravirt"))

/* A row of cmd_domain_lifecycle, with its struct lifecycle. */
#define LIFECYCLE(nm, compl, summ, dat, ...) \
    { .name = nm, .summary = summ, .run = cmd_domain_lifecycle, \
      .args_size = sizeof(struct lifecycle_args), .flags = CMD_MODIFIES, .data = dat, \
      .result = DOMAIN_REPORT_RESULT("\"shutting_down\", \"rebooting\", \"destroyed\", " \
                                     "\"reset\", \"suspended\" or \"resumed\""), \
      .opts = OPTS(ARG_DOMAIN(struct lifecycle_args, domain, compl), ##__VA_ARGS__) }
#define LIFECYCLE_DATA(fn, rb, vb, res, txt) \
    (&(const struct lifecycle){ .act = (fn), .reboot = (rb), .verb = (vb), .result = (res), \
                                .text = (txt) })

const struct cmd_group cmd_group_domain = {
    .name = "domain",
    .title = "Domain management",
    .more = (const struct cmd_def *const[]){ domain_vcpu_cmds, domain_iothread_cmds,
                                             domain_tune_cmds, domain_iftune_cmds,
                                             domain_misc_cmds, domain_guest_cmds,
                                             domain_clone_cmds, domain_save_cmds,
                                             domain_job_cmds, NULL },
    .cmds = (const struct cmd_def[]){
        { .name = "define", .summary = "define (but do not start) a domain from an XML file",
          .run = cmd_domain_define, .args_size = sizeof(struct file_args), .flags = CMD_MODIFIES,
          .result = DOMAIN_REPORT_RESULT("\"defined\""),
          .opts = OPTS(FILE_ARG(struct file_args),
                       OPT_FLAG(struct file_args, "validate", validate,
                                "validate the XML against the schema")) },
        { .name = "create", .summary = "create and start a transient domain from an XML file",
          .run = cmd_domain_create, .args_size = sizeof(struct file_args), .flags = CMD_MODIFIES,
          .result = DOMAIN_REPORT_RESULT("\"created\""),
          .opts = OPTS(FILE_ARG(struct file_args),
                       OPT_FLAG(struct file_args, "console", console, "attach to the console after creation"),
                       OPT_FLAG(struct file_args, "paused", paused, "leave the guest paused"),
                       OPT_FLAG(struct file_args, "autodestroy", autodestroy,
                                "destroy the guest when the connection closes"),
                       OPT_FLAG(struct file_args, "validate", validate,
                                "validate the XML against the schema"),
                       PASS_FDS_OPT(struct file_args),
                       OPT_FLAG(struct file_args, "reset-nvram", reset_nvram,
                                "recreate the UEFI NVRAM file from its template")) },
        DOMAIN_CMD("start", cmd_domain_start, struct start_args, COMPL_DOMAIN_INACTIVE,
                   "start a defined, inactive domain", CMD_MODIFIES, DOMAIN_REPORT_RESULT("\"started\""),
                   OPT_FLAG(struct start_args, "console", console, "attach to the console after start"),
                   OPT_FLAG(struct start_args, "paused", paused, "leave the guest paused"),
                   OPT_FLAG(struct start_args, "autodestroy", autodestroy,
                            "destroy the guest when the connection closes"),
                   OPT_FLAG(struct start_args, "bypass-cache", bypass_cache,
                            "avoid the host's file system cache when restoring a saved state"),
                   OPT_FLAG(struct start_args, "force-boot", force_boot,
                            "boot afresh, discarding a managed save image", .excl = EXCL(0)),
                   PASS_FDS_OPT(struct start_args),
                   OPT_FLAG(struct start_args, "reset-nvram", reset_nvram,
                            "recreate the UEFI NVRAM file from its template"),
                   OPT_STRING(struct start_args, "xml", xml,
                              "boot once with this config (same name and UUID); the persistent "
                              "config stays as it is",
                              .metavar = "FILE", .complete = COMPL_FILE, .excl = EXCL(0))),
        LIFECYCLE("shutdown", COMPL_DOMAIN_RUNNING, "ask a domain's guest to shut down",
                  LIFECYCLE_DATA(virDomainShutdownFlags, false, "shut down", "shutting_down",
                                 "is being shutdown"),
                  MODE_OPT),
        LIFECYCLE("reboot", COMPL_DOMAIN_RUNNING, "ask a domain's guest to reboot",
                  LIFECYCLE_DATA(virDomainReboot, true, "reboot", "rebooting", "is being rebooted"),
                  MODE_OPT),
        LIFECYCLE("destroy", COMPL_DOMAIN_ACTIVE, "stop a domain at once (pull the plug)",
                  LIFECYCLE_DATA(virDomainDestroyFlags, false, "destroy", "destroyed", "destroyed"),
                  OPT_FLAG(struct lifecycle_args, "graceful", graceful,
                           "give the guest a chance: only SIGTERM the emulator"),
                  OPT_FLAG(struct lifecycle_args, "remove-logs", remove_logs,
                           "remove the domain's log files")),
        LIFECYCLE("reset", COMPL_DOMAIN_ACTIVE, "reset a domain as the reset button would",
                  LIFECYCLE_DATA(virDomainReset, false, "reset", "reset", "was reset")),
        LIFECYCLE("suspend", COMPL_DOMAIN_RUNNING, "pause a running domain",
                  LIFECYCLE_DATA(suspend_domain, false, "suspend", "suspended", "suspended")),
        LIFECYCLE("resume", COMPL_DOMAIN_PAUSED, "resume a paused domain",
                  LIFECYCLE_DATA(resume_domain, false, "resume", "resumed", "resumed")),
        DOMAIN_CMD("undefine", cmd_domain_undefine, struct undefine_args, COMPL_DOMAIN_PERSISTENT,
                   "remove a domain's persistent definition", CMD_MODIFIES,
                   DOMAIN_REPORT_RESULT("\"undefined\""),
                   OPT_FLAG(struct undefine_args, "managed-save", managed_save,
                            "also delete the managed save image"),
                   OPT_FLAG(struct undefine_args, "snapshots-metadata", snapshots_metadata,
                            "also delete snapshot metadata"),
                   OPT_FLAG(struct undefine_args, "checkpoints-metadata", checkpoints_metadata,
                            "also delete checkpoint metadata"),
                   OPT_FLAG(struct undefine_args, "nvram", nvram, "also delete the UEFI NVRAM file",
                            .excl = EXCL(0)),
                   OPT_FLAG(struct undefine_args, "keep-nvram", keep_nvram, "keep the UEFI NVRAM file",
                            .excl = EXCL(0)),
                   OPT_FLAG(struct undefine_args, "tpm", tpm, "also delete the TPM state",
                            .excl = EXCL(1)),
                   OPT_FLAG(struct undefine_args, "keep-tpm", keep_tpm, "keep the TPM state",
                            .excl = EXCL(1)),
                   UNDEFINE_STORAGE_OPTS(struct undefine_args, storage)),
        DOMAIN_CMD("autostart", cmd_domain_autostart, struct autostart_args, COMPL_DOMAIN_PERSISTENT,
                   "start a domain when the host boots", CMD_MODIFIES,
                   DOMAIN_REPORT_RESULT("\"autostart_enabled\" or \"autostart_disabled\""),
                   OPT_FLAG(struct autostart_args, "disable", disable, "turn autostart off")),
        { .name = "domrename", .summary = "rename an inactive domain", .run = cmd_domain_rename,
          .args_size = sizeof(struct rename_args), .flags = CMD_MODIFIES,
          .result = DOMAIN_REPORT_RESULT("\"renamed\"; name is the new name"),
          .opts = OPTS(ARG_DOMAIN(struct rename_args, domain, COMPL_DOMAIN_INACTIVE),
                       OPT_STRING(struct rename_args, "new-name", new_name, "the new name",
                                  .flags = ARG_REQUIRED)) },
        { .name = "console", .summary = "attach to a domain's console",
          .desc = "Leave with the escape character, ^] unless -e says otherwise.",
          .run = cmd_domain_console, .args_size = sizeof(struct console_args),
          .flags = CMD_MODIFIES, .result = RESULT_NONE,
          .opts = OPTS(ARG_DOMAIN(struct console_args, domain, COMPL_DOMAIN_RUNNING),
                       OPT_STRING(struct console_args, "devname", devname,
                                  "console, serial or parallel device alias",
                                  .flags = OPT_POSITIONAL),
                       OPT_FLAG(struct console_args, "force", force,
                                "take the console over from another session"),
                       OPT_FLAG(struct console_args, "safe", safe,
                                "only connect if the console is safe against takeover")) },
        { 0 },
    },
};
