/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * cmd/backup.c - the backup group: backup-begin (push mode: libvirt copies
 * the disks to files; pull mode: an NBD server a client reads them from)
 * and backup-dumpxml.  The backup runs as the domain's job: domjobinfo
 * shows it, domjobabort ends it; backup-begin --wait waits for it with a
 * progress line, and Ctrl-C aborts it.
 */
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
#include <string.h>
#include <unistd.h>

#include "core/util.h"
#include "core/xml.h"
#include "virt/conn.h"
#include "virt/context.h"
#include "virt/domain.h"
#include "virt/err.h"
#include "virt/job.h"
#include "virt/xmlout.h"
#include "cmd/groups.h"
#include "cmd/xmlopts.h"

struct begin_args {
    const char *domain, *backupxml, *checkpointxml;
    bool reuse_external, wait;
};

struct backup_wait {
    virDomainPtr d;
    int type;       /* how the job ended (VIR_DOMAIN_JOB_COMPLETED, _FAILED, ...) */
    char *errmsg;   /* libvirt's word on a failure, or NULL */
};

/* In the worker: until the domain's backup job has ended; 0 if it
 * completed, -1 if it did not (or libvirt could not say). */
static int wait_backup(void *opaque)
{
    struct backup_wait *w = opaque;
    for (;;) {
        virDomainJobInfo info;
        if (virDomainGetJobInfo(w->d, &info) < 0)
            return -1;
        if (info.type == VIR_DOMAIN_JOB_NONE)
            break;
        usleep(100 * 1000);
    }
    virTypedParameterPtr params = NULL;
    int n = 0;
    if (virDomainGetJobStats(w->d, &w->type, &params, &n, VIR_DOMAIN_JOB_STATS_COMPLETED) < 0)
        return -1;
    const char *msg = NULL;
    if (virTypedParamsGetString(params, n, VIR_DOMAIN_JOB_ERRMSG, &msg) == 1 && msg)
        w->errmsg = xstrdup(msg);
    virTypedParamsFree(params, n);
    return w->type == VIR_DOMAIN_JOB_COMPLETED ? 0 : -1;
}

/* The name the checkpoint XML gives, or NULL. */
static char *checkpoint_name(const char *xml)
{
    char why[200];
    if (!xml)
        return NULL;
    _cleanup_(xml_doc_freep) xmlDocPtr doc = xml_parse(xml, strlen(xml), why, sizeof(why));
    return doc ? xml_get(xmlDocGetRootElement(doc), "/domaincheckpoint/name") : NULL;
}

static int cmd_backup_begin(struct shell *sh, void *opaque)
{
    struct begin_args *a = opaque;
    _cleanup_free_ char *bxml = a->backupxml ? domain_read_xml_file(sh, a->backupxml) : NULL;
    _cleanup_free_ char *cxml = a->checkpointxml ? domain_read_xml_file(sh, a->checkpointxml)
                                                 : NULL;
    if ((a->backupxml && !bxml) || (a->checkpointxml && !cxml))
        return CMD_FAILED;
    _cleanup_domain_ virDomainPtr d = conn_lookup_domain(sh, a->domain);
    if (!d)
        return CMD_FAILED;
    const char *name = virDomainGetName(d);
    if (virDomainBackupBegin(d, bxml ? bxml : "<domainbackup/>", cxml,
                             a->reuse_external ? VIR_DOMAIN_BACKUP_BEGIN_REUSE_EXTERNAL : 0) < 0)
        return err_libvirt(sh, "cannot begin a backup of domain '%s'", name);
    conn_state_changed(sh);
    _cleanup_free_ char *cp = checkpoint_name(cxml);
    _cleanup_json_ struct json_object *o = domain_ident_json(d);
    json_object_object_add(o, "checkpoint", cp ? json_object_new_string(cp) : NULL);
    if (!a->wait) {
        json_object_object_add(o, "result", json_object_new_string("started"));
        out_message(&sh->out, o, "Backup started");
        return CMD_OK;
    }
    _cleanup_(job_result_clear) struct job_result r = { 0 };
    _cleanup_free_ char *what = xasprintf("backup of '%s'", name);
    struct backup_wait w = { .d = d };
    int rc = job_run(sh, d, what, wait_backup, &w, &r);
    _cleanup_free_ char *errmsg = w.errmsg;
    if (rc < 0) {
        if (r.aborted)
            return error(sh, "backup of domain '%s' stopped by Ctrl-C: the job was aborted and "
                         "its target files are incomplete", name);
        if (errmsg)
            return error(sh, "backup of domain '%s' failed: %s", name, errmsg);
        if (!w.type)
            return err_libvirt_saved(sh, r.err, "cannot follow the backup of domain '%s'", name);
        return error(sh, "backup of domain '%s' did not complete: see 'domjobinfo %s "
                     "--completed --anystats'", name, name);
    }
    json_object_object_add(o, "result", json_object_new_string("completed"));
    _cleanup_free_ char *text = xasprintf("Backup of domain '%s' completed", name);
    out_message(&sh->out, o, text);
    return CMD_OK;
}

struct dumpxml_args {
    const char *domain, *xpath;
    bool wrap;
};

static int cmd_backup_dumpxml(struct shell *sh, void *opaque)
{
    struct dumpxml_args *a = opaque;
    _cleanup_domain_ virDomainPtr d = conn_lookup_domain(sh, a->domain);
    if (!d)
        return CMD_FAILED;
    _cleanup_free_ char *xml = virDomainBackupGetXMLDesc(d, 0);
    if (!xml)
        return err_libvirt(sh, "cannot get the backup job of domain '%s'", a->domain);
    return xmlout_print(sh, xml, a->xpath, a->wrap);
}

const struct cmd_group cmd_group_backup = {
    .name = "backup",
    .title = "Backups",
    .cmds = (const struct cmd_def[]){
        { .name = "backup-begin", .summary = "start a backup of a running domain's disks",
          .desc = "Start the backup an XML file describes (<domainbackup>: push mode writes "
                  "each disk to a target file; mode='pull' serves them over NBD, e.g. on a "
                  "unix socket, until domjobabort).  Without a file, each disk goes to a file "
                  "next to it.  --checkpointxml also creates a checkpoint for a later "
                  "incremental backup.  The backup runs on as the domain's job (domjobinfo, "
                  "domjobabort); --wait waits for it with a progress line on a terminal, and "
                  "Ctrl-C aborts it.  JSON: name, id, uuid, checkpoint (null if none), result "
                  "\"started\" (\"completed\" with --wait).",
          .run = cmd_backup_begin, .args_size = sizeof(struct begin_args), .flags = CMD_MODIFIES,
          .opts = OPTS(ARG_DOMAIN(struct begin_args, domain, COMPL_DOMAIN_ACTIVE),
                       OPT_STRING(struct begin_args, "backupxml", backupxml, "the backup's XML",
                                  .flags = OPT_POSITIONAL, .metavar = "FILE", .complete = COMPL_FILE),
                       OPT_STRING(struct begin_args, "checkpointxml", checkpointxml,
                                  "also create this checkpoint", .flags = OPT_POSITIONAL,
                                  .metavar = "FILE", .complete = COMPL_FILE),
                       OPT_FLAG(struct begin_args, "reuse-external", reuse_external,
                                "write into target files that exist already"),
                       OPT_FLAG(struct begin_args, "wait", wait,
                                "wait until the backup has ended (push mode)")),
          .result = RESULT_OBJECT({ "name", RT_STRING, "the domain" },
                                  { "id", RT_INT | RT_NULL, "its id" },
                                  { "uuid", RT_STRING, "its UUID" },
                                  { "checkpoint", RT_STRING | RT_NULL, "the checkpoint created" },
                                  { "result", RT_STRING, "started, or completed with --wait" }) },
        { .name = "backup-dumpxml", .summary = "print the XML of a domain's running backup",
          .desc = "The <domainbackup> of the backup job running, with what libvirt chose (target "
                  "files, NBD exports); --xpath as dumpxml.",
          .run = cmd_backup_dumpxml, .args_size = sizeof(struct dumpxml_args),
          .opts = OPTS(ARG_DOMAIN(struct dumpxml_args, domain, COMPL_DOMAIN_ACTIVE),
                       XMLOPTS_XPATH(struct dumpxml_args)),
          .result = XMLOPTS_RESULT },
        { 0 },
    },
};
