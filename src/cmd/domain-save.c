/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * cmd/domain-save.c - a domain's state saved and brought back (domain
 * group): save, restore, save-image-define, save-image-dumpxml,
 * save-image-edit, managedsave, managedsave-define, managedsave-dumpxml,
 * managedsave-edit, managedsave-remove, dump.  Saving, restoring and
 * dumping run as jobs (virt/job.h): a progress line on a terminal, Ctrl-C
 * aborts the job and the domain runs on.
 */
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
#include <string.h>

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
#include "cmd/xmledit.h"

/* --running / --paused: the state after a restore or start. */
struct state_opts {
    bool running, paused;
};

static unsigned int state_flags(const struct state_opts *s)
{
    return (s->running ? VIR_DOMAIN_SAVE_RUNNING : 0) | (s->paused ? VIR_DOMAIN_SAVE_PAUSED : 0);
}

/* JSON of an action on a domain with a file: name, id, uuid, result, file. */
static int file_report(struct shell *sh, virDomainPtr d, const char *result, const char *file,
                       const char *text)
{
    _cleanup_json_ struct json_object *o = domain_ident_json(d);
    json_object_object_add(o, "result", json_object_new_string(result));
    json_object_object_add(o, "file", json_object_new_string(file));
    out_message(&sh->out, o, text);
    return CMD_OK;
}

/* The failure of a job: Ctrl-C's abort, said with what it left, or libvirt's error. */
static int job_failed(struct shell *sh, const struct job_result *r, virDomainPtr d,
                      const char *verb, const char *after_abort)
{
    const char *name = d ? virDomainGetName(d) : NULL;
    if (r->aborted)
        return error(sh, "%s of domain '%s' stopped by Ctrl-C: %s", verb, name, after_abort);
    if (name)
        return err_libvirt_saved(sh, r->err, "cannot %s domain '%s'", verb, name);
    return err_libvirt_saved(sh, r->err, "cannot %s", verb);
}

/* ---- save, managedsave, dump ---------------------------------------------- */

struct save_args {
    const char *domain, *file;
    bool bypass_cache;
    const char *xml;
    struct state_opts state;
    bool verbose;
};

struct save_call {
    virDomainPtr d;
    const char *file, *xml;
    unsigned int flags;
};

static int save_in_worker(void *opaque)
{
    struct save_call *c = opaque;
    return virDomainSaveFlags(c->d, c->file, c->xml, c->flags);
}

static int cmd_domain_save(struct shell *sh, void *opaque)
{
    struct save_args *a = opaque;
    _cleanup_free_ char *xml = NULL;
    if (a->xml && !(xml = domain_read_xml_file(sh, a->xml)))
        return CMD_FAILED;
    _cleanup_domain_ virDomainPtr d = conn_lookup_domain(sh, a->domain);
    if (!d)
        return CMD_FAILED;
    struct save_call c = { .d = d, .file = a->file, .xml = xml,
                           .flags = state_flags(&a->state) |
                                    (a->bypass_cache ? VIR_DOMAIN_SAVE_BYPASS_CACHE : 0) };
    _cleanup_(job_result_clear) struct job_result r = { 0 };
    _cleanup_free_ char *what = xasprintf("saving '%s'", virDomainGetName(d));
    int rc = job_run(sh, d, what, save_in_worker, &c, &r);
    conn_state_changed(sh);
    if (rc < 0)
        return job_failed(sh, &r, d, "save", "it runs on and nothing was saved");
    _cleanup_free_ char *text = xasprintf("Domain '%s' saved to %s", virDomainGetName(d), a->file);
    return file_report(sh, d, "saved", a->file, text);
}

struct managedsave_args {
    const char *domain;
    bool bypass_cache;
    struct state_opts state;
    bool verbose;
};

static int managedsave_in_worker(void *opaque)
{
    struct save_call *c = opaque;
    return virDomainManagedSave(c->d, c->flags);
}

static int cmd_domain_managedsave(struct shell *sh, void *opaque)
{
    struct managedsave_args *a = opaque;
    _cleanup_domain_ virDomainPtr d = conn_lookup_domain(sh, a->domain);
    if (!d)
        return CMD_FAILED;
    struct save_call c = { .d = d, .flags = state_flags(&a->state) |
                                            (a->bypass_cache ? VIR_DOMAIN_SAVE_BYPASS_CACHE : 0) };
    _cleanup_(job_result_clear) struct job_result r = { 0 };
    _cleanup_free_ char *what = xasprintf("saving '%s'", virDomainGetName(d));
    int rc = job_run(sh, d, what, managedsave_in_worker, &c, &r);
    conn_state_changed(sh);
    if (rc < 0)
        return job_failed(sh, &r, d, "managed save", "it runs on and nothing was saved");
    return domain_report(sh, d, "managed_saved", "state saved by libvirt");
}

struct dump_args {
    const char *domain, *file;
    bool live, crash, bypass_cache, reset, verbose, memory_only;
    int format;
};

static const char *const dump_formats[] = { "elf", "kdump-zlib", "kdump-lzo", "kdump-snappy",
                                            "win-dmp", NULL };
static const int dump_format_values[] = {
    VIR_DOMAIN_CORE_DUMP_FORMAT_RAW, VIR_DOMAIN_CORE_DUMP_FORMAT_KDUMP_ZLIB,
    VIR_DOMAIN_CORE_DUMP_FORMAT_KDUMP_LZO, VIR_DOMAIN_CORE_DUMP_FORMAT_KDUMP_SNAPPY,
    VIR_DOMAIN_CORE_DUMP_FORMAT_WIN_DMP,
};

struct dump_call {
    virDomainPtr d;
    const char *file;
    unsigned int format, flags;
};

static int dump_in_worker(void *opaque)
{
    struct dump_call *c = opaque;
    return virDomainCoreDumpWithFormat(c->d, c->file, c->format, c->flags);
}

static int cmd_domain_dump(struct shell *sh, void *opaque)
{
    struct dump_args *a = opaque;
    if (a->format >= 0 && !a->memory_only)
        return usage_error(sh, "option '--format' needs '--memory-only': only a memory-only dump "
                           "has a format");
    _cleanup_domain_ virDomainPtr d = conn_lookup_domain(sh, a->domain);
    if (!d)
        return CMD_FAILED;
    struct dump_call c = {
        .d = d, .file = a->file,
        .format = a->format < 0 ? VIR_DOMAIN_CORE_DUMP_FORMAT_RAW
                                : (unsigned int)dump_format_values[a->format],
        .flags = (a->live ? VIR_DUMP_LIVE : 0) | (a->crash ? VIR_DUMP_CRASH : 0) |
                 (a->bypass_cache ? VIR_DUMP_BYPASS_CACHE : 0) | (a->reset ? VIR_DUMP_RESET : 0) |
                 (a->memory_only ? VIR_DUMP_MEMORY_ONLY : 0),
    };
    _cleanup_(job_result_clear) struct job_result r = { 0 };
    _cleanup_free_ char *what = xasprintf("dumping '%s'", virDomainGetName(d));
    int rc = job_run(sh, d, what, dump_in_worker, &c, &r);
    conn_state_changed(sh);
    if (rc < 0)
        return job_failed(sh, &r, d, "dump", "it runs on; the file may be incomplete");
    _cleanup_free_ char *text = xasprintf("Domain '%s' dumped to %s", virDomainGetName(d), a->file);
    return file_report(sh, d, "dumped", a->file, text);
}

/* ---- restore --------------------------------------------------------------- */

struct restore_args {
    const char *file;
    bool bypass_cache;
    const char *xml;
    struct state_opts state;
    bool reset_nvram;
};

struct restore_call {
    virConnectPtr c;
    const char *file, *xml;
    unsigned int flags;
};

static int restore_in_worker(void *opaque)
{
    struct restore_call *c = opaque;
    return virDomainRestoreFlags(c->c, c->file, c->xml, c->flags);
}

/* The domain the image holds, if libvirt knows it already (a persistent
 * one): its job gives the progress.  NULL otherwise; no error. */
static virDomainPtr image_domain(struct shell *sh, const char *file, char **ret_name)
{
    char why[200];
    *ret_name = NULL;
    _cleanup_free_ char *xml = virDomainSaveImageGetXMLDesc(sh->conn, file, 0);
    _cleanup_(xml_doc_freep) xmlDocPtr doc = xml ? xml_parse(xml, strlen(xml), why, sizeof(why))
                                                 : NULL;
    virResetLastError();
    if (!doc)
        return NULL;
    _cleanup_free_ char *uuid = xml_get(xmlDocGetRootElement(doc), "/domain/uuid");
    *ret_name = xml_get(xmlDocGetRootElement(doc), "/domain/name");
    virDomainPtr d = uuid ? virDomainLookupByUUIDString(sh->conn, uuid) : NULL;
    virResetLastError();
    return d;
}

static int cmd_domain_restore(struct shell *sh, void *opaque)
{
    struct restore_args *a = opaque;
    _cleanup_free_ char *xml = NULL;
    if (a->xml && !(xml = domain_read_xml_file(sh, a->xml)))
        return CMD_FAILED;
    if (!conn_get(sh))
        return CMD_FAILED;
    _cleanup_free_ char *name = NULL;
    _cleanup_domain_ virDomainPtr d = image_domain(sh, a->file, &name);
    struct restore_call c = { .c = sh->conn, .file = a->file, .xml = xml,
                              .flags = state_flags(&a->state) |
                                       (a->bypass_cache ? VIR_DOMAIN_SAVE_BYPASS_CACHE : 0) |
                                       (a->reset_nvram ? VIR_DOMAIN_SAVE_RESET_NVRAM : 0) };
    _cleanup_(job_result_clear) struct job_result r = { 0 };
    _cleanup_free_ char *what = xasprintf("restoring %s", a->file);
    int rc = job_run(sh, d, what, restore_in_worker, &c, &r);
    conn_state_changed(sh);
    if (rc < 0) {
        if (r.aborted)
            return error(sh, "restore from %s stopped by Ctrl-C: the domain is not running",
                         a->file);
        return err_libvirt_saved(sh, r.err, "cannot restore a domain from %s", a->file);
    }
    _cleanup_json_ struct json_object *o = json_object_new_object();
    json_object_object_add(o, "name", name ? json_object_new_string(name) : NULL);
    json_object_object_add(o, "result", json_object_new_string("restored"));
    json_object_object_add(o, "file", json_object_new_string(a->file));
    _cleanup_free_ char *text = xasprintf("Domain restored from %s", a->file);
    out_message(&sh->out, o, text);
    return CMD_OK;
}

/* ---- save-image-*, managedsave-* ---------------------------------------------- */

/* What a saved state's XML is read from and written to: an image file, or
 * a domain's managed save image. */
struct image {
    virConnectPtr c;
    const char *file;   /* save-image-* */
    virDomainPtr d;     /* managedsave-* */
};

static char *image_xml(const struct image *im, unsigned int flags)
{
    return im->d ? virDomainManagedSaveGetXMLDesc(im->d, flags)
                 : virDomainSaveImageGetXMLDesc(im->c, im->file, flags);
}

static int image_define(const struct image *im, const char *xml, unsigned int flags)
{
    return im->d ? virDomainManagedSaveDefineXML(im->d, xml, flags)
                 : virDomainSaveImageDefineXML(im->c, im->file, xml, flags);
}

/* "State file F" or "the managed save image of domain 'D'", for messages. */
static char *image_what(const struct image *im)
{
    return im->d ? xasprintf("the managed save image of domain '%s'", virDomainGetName(im->d))
                 : xasprintf("saved state file %s", im->file);
}

/* The image of a save-image-* or managedsave-* command: by file or domain. */
static int image_open(struct shell *sh, const char *file, const char *domain, struct image *ret)
{
    *ret = (struct image){ .file = file };
    if (domain) {
        ret->d = conn_lookup_domain(sh, domain);
        if (!ret->d)
            return CMD_FAILED;
    } else if (!conn_get(sh)) {
        return CMD_FAILED;
    }
    ret->c = sh->conn;
    return CMD_OK;
}

static void image_close(struct image *im)
{
    if (im->d)
        virDomainFree(im->d);
}

/* JSON of a change to an image: the file or the domain, and what was done. */
static int image_report(struct shell *sh, const struct image *im, const char *result,
                        const char *text)
{
    _cleanup_json_ struct json_object *o = json_object_new_object();
    json_object_object_add(o, "file", im->file ? json_object_new_string(im->file) : NULL);
    json_object_object_add(o, "domain", im->d ? json_object_new_string(virDomainGetName(im->d))
                                             : NULL);
    json_object_object_add(o, "result", json_object_new_string(result));
    out_message(&sh->out, o, text);
    return CMD_OK;
}

struct image_args {
    const char *target;  /* file or domain */
    const char *xml;     /* *-define: the XML file */
    struct state_opts state;
    bool security_info;  /* *-dumpxml */
    const char *xpath;
    bool wrap;
};

/* Which of the two a row is about: .data of the rows. */
struct image_kind {
    bool managed;
};

static int image_of_row(struct shell *sh, const struct image_args *a, struct image *ret)
{
    const struct image_kind *k = sh->current->data;
    return image_open(sh, k->managed ? NULL : a->target, k->managed ? a->target : NULL, ret);
}

static int cmd_image_define(struct shell *sh, void *opaque)
{
    struct image_args *a = opaque;
    _cleanup_free_ char *xml = domain_read_xml_file(sh, a->xml);
    if (!xml)
        return CMD_FAILED;
    _cleanup_(image_close) struct image im = { 0 };
    if (image_of_row(sh, a, &im))
        return CMD_FAILED;
    _cleanup_free_ char *what = image_what(&im); /* (before: a libvirt call clears the error) */
    if (image_define(&im, xml, state_flags(&a->state)) < 0)
        return err_libvirt(sh, "cannot update %s", what);
    _cleanup_free_ char *text =
        im.d ? xasprintf("Managed save state file of domain '%s' updated.", virDomainGetName(im.d))
             : xasprintf("State file %s updated.", im.file);
    return image_report(sh, &im, "updated", text);
}

static int cmd_image_dumpxml(struct shell *sh, void *opaque)
{
    struct image_args *a = opaque;
    _cleanup_(image_close) struct image im = { 0 };
    if (image_of_row(sh, a, &im))
        return CMD_FAILED;
    _cleanup_free_ char *what = image_what(&im);
    _cleanup_free_ char *xml = image_xml(&im, a->security_info ? VIR_DOMAIN_SAVE_IMAGE_XML_SECURE : 0);
    if (!xml)
        return err_libvirt(sh, "cannot get the XML of %s", what);
    return xmlout_print(sh, xml, a->xpath, a->wrap);
}

struct image_edit {
    const struct image *im;
    unsigned int flags;
};

static char *image_apply(struct shell *sh, const char *edited, void *opaque, bool *fatal)
{
    struct image_edit *e = opaque;
    (void)fatal;
    if (image_define(e->im, edited, e->flags) == 0)
        return NULL;
    err_libvirt(sh, "cannot apply the edited XML");
    char *why = xstrdup(sh->err.message);
    err_clear(sh);
    return why;
}

static int cmd_image_edit(struct shell *sh, void *opaque)
{
    struct image_args *a = opaque;
    _cleanup_(image_close) struct image im = { 0 };
    if (image_of_row(sh, a, &im))
        return CMD_FAILED;
    _cleanup_free_ char *what = image_what(&im);
    _cleanup_free_ char *orig = image_xml(&im, VIR_DOMAIN_SAVE_IMAGE_XML_SECURE);
    if (!orig)
        return err_libvirt(sh, "cannot get the XML of %s", what);
    struct image_edit e = { .im = &im, .flags = state_flags(&a->state) };
    int rc = xmledit_run(sh, orig, false, image_apply, &e);
    if (rc == XMLEDIT_FAILED)
        return CMD_FAILED;
    const char *dname = im.d ? virDomainGetName(im.d) : NULL;
    _cleanup_free_ char *text =
        rc == XMLEDIT_UNCHANGED
            ? (im.d ? xasprintf("Managed save image of domain '%s' XML configuration not changed.", dname)
                    : xasprintf("Saved image %s XML configuration not changed.", im.file))
            : (im.d ? xasprintf("Managed save image of Domain '%s' XML configuration edited.", dname)
                    : xasprintf("State file %s edited.", im.file));
    return image_report(sh, &im, rc == XMLEDIT_UNCHANGED ? "unchanged" : "edited", text);
}

struct dom_args {
    const char *domain;
};

static int cmd_managedsave_remove(struct shell *sh, void *opaque)
{
    struct dom_args *a = opaque;
    _cleanup_domain_ virDomainPtr d = conn_lookup_domain(sh, a->domain);
    if (!d)
        return CMD_FAILED;
    int has = virDomainHasManagedSaveImage(d, 0);
    if (has < 0)
        return err_libvirt(sh, "cannot tell whether domain '%s' has a managed save image",
                           a->domain);
    if (!has) {
        _cleanup_free_ char *text = xasprintf("Domain '%s' has no manage save image; removal "
                                              "skipped", virDomainGetName(d));
        _cleanup_json_ struct json_object *o = domain_ident_json(d);
        json_object_object_add(o, "result", json_object_new_string("none"));
        out_message(&sh->out, o, text);
        out_line_ends_command(&sh->out); /* virsh prints it without a newline */
        return CMD_OK;
    }
    if (virDomainManagedSaveRemove(d, 0) < 0)
        return err_libvirt(sh, "cannot remove the managed save image of domain '%s'", a->domain);
    conn_state_changed(sh);
    _cleanup_free_ char *text = xasprintf("Removed managedsave image for domain '%s'",
                                          virDomainGetName(d));
    _cleanup_json_ struct json_object *o = domain_ident_json(d);
    json_object_object_add(o, "result", json_object_new_string("removed"));
    out_message(&sh->out, o, text);
    out_line_ends_command(&sh->out); /* virsh prints it without a newline */
    return CMD_OK;
}

/* ---- the table ------------------------------------------------------------------- */

#define STATE_OPTS(st, when) \
    OPT_FLAG(st, "running", state.running, "running " when, .excl = EXCL(0)), \
    OPT_FLAG(st, "paused", state.paused, "paused " when, .excl = EXCL(0))
#define VERBOSE_OPT(st) \
    OPT_FLAG(st, "verbose", verbose, "show the progress (shown on a terminal anyway)")
#define BYPASS_OPT(st, what) \
    OPT_FLAG(st, "bypass-cache", bypass_cache, "avoid the file system cache when " what)
#define FILE_REPORT_RESULT(what) \
    RESULT_OBJECT({ "name", RT_STRING, "the domain" }, \
                  { "id", RT_INT | RT_NULL, "its id, null when it is not running" }, \
                  { "uuid", RT_STRING, "its UUID" }, \
                  { "result", RT_STRING, what }, \
                  { "file", RT_STRING, "the file" })
#define IMAGE_REPORT_RESULT(what) \
    RESULT_OBJECT({ "file", RT_STRING | RT_NULL, "the saved state file (save-image-*)" }, \
                  { "domain", RT_STRING | RT_NULL, "the domain (managedsave-*)" }, \
                  { "result", RT_STRING, what })
#define XPATH_OPTS \
    OPT_FLAG(struct image_args, "security-info", security_info, "include security-sensitive data"), \
    XMLOPTS_XPATH(struct image_args)
#define IMAGE_FILE \
    OPT_STRING(struct image_args, "file", target, "the saved state file", .flags = ARG_REQUIRED, \
               .complete = COMPL_FILE)
#define IMAGE_DOMAIN \
    OPT_STRING(struct image_args, "domain", target, "domain name, id or uuid", \
               .flags = ARG_REQUIRED, .complete = COMPL_DOMAIN_INACTIVE)
#define IMAGE_XML \
    OPT_STRING(struct image_args, "xml", xml, "the new XML", .flags = ARG_REQUIRED, \
               .metavar = "FILE", .complete = COMPL_FILE)
#define FILE_IMAGE (&(const struct image_kind){ .managed = false })
#define MANAGED_IMAGE (&(const struct image_kind){ .managed = true })

const struct cmd_def domain_save_cmds[] = {
    { .name = "save", .summary = "save a running domain's state to a file and stop it",
      .desc = "Save the memory and device state to FILE and stop the domain; restore brings it "
              "back.  --xml gives the config to restore with (same disks, other details).  A "
              "progress line on a terminal; Ctrl-C aborts the save and the domain runs on.  "
              "JSON: name, id, uuid, result \"saved\", file.",
      .run = cmd_domain_save, .args_size = sizeof(struct save_args), .flags = CMD_MODIFIES,
      .opts = OPTS(ARG_DOMAIN(struct save_args, domain, COMPL_DOMAIN_ACTIVE),
                   OPT_STRING(struct save_args, "file", file, "where to save the state",
                              .flags = ARG_REQUIRED, .complete = COMPL_FILE),
                   BYPASS_OPT(struct save_args, "saving"),
                   OPT_STRING(struct save_args, "xml", xml, "the config to restore with",
                              .flags = OPT_POSITIONAL, .metavar = "FILE", .complete = COMPL_FILE),
                   STATE_OPTS(struct save_args, "after a restore"),
                   VERBOSE_OPT(struct save_args)),
      .result = FILE_REPORT_RESULT("saved") },
    { .name = "restore", .summary = "start a domain from a saved state file",
      .desc = "Start the domain a save made FILE of, in its saved state (--running or --paused "
              "to choose).  --xml replaces its config (same disks).  A progress line on a "
              "terminal when the domain is defined.  JSON: name (from the file, null if "
              "unknown), result \"restored\", file.",
      .run = cmd_domain_restore, .args_size = sizeof(struct restore_args), .flags = CMD_MODIFIES,
      .opts = OPTS(OPT_STRING(struct restore_args, "file", file, "the saved state",
                              .flags = ARG_REQUIRED, .complete = COMPL_FILE),
                   BYPASS_OPT(struct restore_args, "restoring"),
                   OPT_STRING(struct restore_args, "xml", xml, "the config to restore with",
                              .flags = OPT_POSITIONAL, .metavar = "FILE", .complete = COMPL_FILE),
                   STATE_OPTS(struct restore_args, "afterwards"),
                   OPT_FLAG(struct restore_args, "reset-nvram", reset_nvram,
                            "start again from the NVRAM template")),
      .result = RESULT_OBJECT({ "name", RT_STRING | RT_NULL, "the domain, as the file names it" },
                              { "result", RT_STRING, "restored" },
                              { "file", RT_STRING, "the file" }) },
    { .name = "save-image-define", .summary = "replace the domain XML in a saved state file",
      .desc = "The domain restore will start from FILE gets the config XML (same disks); "
              "--running or --paused changes the state it starts in.  JSON: file, domain "
              "(null), result \"updated\".",
      .run = cmd_image_define, .args_size = sizeof(struct image_args), .flags = CMD_MODIFIES,
      .data = FILE_IMAGE,
      .opts = OPTS(IMAGE_FILE, IMAGE_XML, STATE_OPTS(struct image_args, "after a restore")),
      .result = IMAGE_REPORT_RESULT("updated") },
    { .name = "save-image-dumpxml", .summary = "print the domain XML of a saved state file",
      .desc = "As dumpxml, for the domain a saved state file holds.",
      .run = cmd_image_dumpxml, .args_size = sizeof(struct image_args), .data = FILE_IMAGE,
      .opts = OPTS(IMAGE_FILE, XPATH_OPTS),
      .result = XMLOPTS_RESULT },
    { .name = "save-image-edit", .summary = "edit the domain XML of a saved state file",
      .desc = "Open the XML in $VISUAL, $EDITOR or vi and put the result into the file.  "
              "JSON: file, domain (null), result \"edited\" or \"unchanged\".",
      .run = cmd_image_edit, .args_size = sizeof(struct image_args), .flags = CMD_MODIFIES,
      .data = FILE_IMAGE,
      .opts = OPTS(IMAGE_FILE, STATE_OPTS(struct image_args, "after a restore")),
      .result = IMAGE_REPORT_RESULT("edited or unchanged") },
    { .name = "managedsave", .summary = "save a running domain's state for its next start",
      .desc = "Save the domain's state where libvirt keeps it and stop the domain; the next "
              "start resumes from it (--running or --paused to choose).  A progress line on a "
              "terminal; Ctrl-C aborts the save and the domain runs on.  JSON: name, id, uuid, "
              "result \"managed_saved\".",
      .run = cmd_domain_managedsave, .args_size = sizeof(struct managedsave_args),
      .flags = CMD_MODIFIES,
      .opts = OPTS(ARG_DOMAIN(struct managedsave_args, domain, COMPL_DOMAIN_ACTIVE),
                   BYPASS_OPT(struct managedsave_args, "saving"),
                   STATE_OPTS(struct managedsave_args, "at the next start"),
                   VERBOSE_OPT(struct managedsave_args)),
      .result = DOMAIN_REPORT_RESULT("managed_saved") },
    { .name = "managedsave-define", .summary = "replace the domain XML of a managed save image",
      .desc = "As save-image-define, for the domain's managed save image.  JSON: file (null), "
              "domain, result \"updated\".",
      .run = cmd_image_define, .args_size = sizeof(struct image_args), .flags = CMD_MODIFIES,
      .data = MANAGED_IMAGE,
      .opts = OPTS(IMAGE_DOMAIN, IMAGE_XML, STATE_OPTS(struct image_args, "at the next start")),
      .result = IMAGE_REPORT_RESULT("updated") },
    { .name = "managedsave-dumpxml", .summary = "print the domain XML of a managed save image",
      .desc = "As dumpxml, for the domain's managed save image.",
      .run = cmd_image_dumpxml, .args_size = sizeof(struct image_args), .data = MANAGED_IMAGE,
      .opts = OPTS(IMAGE_DOMAIN, XPATH_OPTS),
      .result = XMLOPTS_RESULT },
    { .name = "managedsave-edit", .summary = "edit the domain XML of a managed save image",
      .desc = "As save-image-edit, for the domain's managed save image.  JSON: file (null), "
              "domain, result \"edited\" or \"unchanged\".",
      .run = cmd_image_edit, .args_size = sizeof(struct image_args), .flags = CMD_MODIFIES,
      .data = MANAGED_IMAGE,
      .opts = OPTS(IMAGE_DOMAIN, STATE_OPTS(struct image_args, "at the next start")),
      .result = IMAGE_REPORT_RESULT("edited or unchanged") },
    { .name = "managedsave-remove", .summary = "remove a domain's managed save image",
      .desc = "The next start boots afresh.  A domain without one is not an error.  JSON: name, "
              "id, uuid, result \"removed\" or \"none\".",
      .run = cmd_managedsave_remove, .args_size = sizeof(struct dom_args), .flags = CMD_MODIFIES,
      .opts = OPTS(ARG_DOMAIN(struct dom_args, domain, COMPL_DOMAIN_INACTIVE)),
      .result = DOMAIN_REPORT_RESULT("removed or none") },
    { .name = "dump", .summary = "dump a domain's memory to a file (core dump)",
      .desc = "Write the guest's memory to FILE for a debugger: the whole core (pausing the "
              "guest unless --live), or --memory-only in --format elf, kdump-zlib, kdump-lzo, "
              "kdump-snappy or win-dmp.  --crash stops the domain afterwards, --reset resets "
              "it.  A progress line on a terminal; Ctrl-C aborts.  JSON: name, id, uuid, result "
              "\"dumped\", file.",
      .run = cmd_domain_dump, .args_size = sizeof(struct dump_args), .flags = CMD_MODIFIES,
      .opts = OPTS(ARG_DOMAIN(struct dump_args, domain, COMPL_DOMAIN_ACTIVE),
                   OPT_STRING(struct dump_args, "file", file, "where to write the dump",
                              .flags = ARG_REQUIRED, .complete = COMPL_FILE),
                   OPT_FLAG(struct dump_args, "live", live, "let the guest run meanwhile",
                            .excl = EXCL(0)),
                   OPT_FLAG(struct dump_args, "crash", crash, "stop the domain afterwards",
                            .excl = EXCL(0) | EXCL(1)),
                   BYPASS_OPT(struct dump_args, "writing"),
                   OPT_FLAG(struct dump_args, "reset", reset, "reset the domain afterwards",
                            .excl = EXCL(1)),
                   VERBOSE_OPT(struct dump_args),
                   OPT_FLAG(struct dump_args, "memory-only", memory_only,
                            "only the memory, in a format a crash tool reads"),
                   OPT_ENUM(struct dump_args, "format", format, dump_formats,
                            "the format of a --memory-only dump", .flags = OPT_POSITIONAL)),
      .result = FILE_REPORT_RESULT("dumped") },
    { 0 },
};
