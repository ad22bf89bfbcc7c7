/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * cmd/secret.c - secrets: secret-list, secret-define, secret-dumpxml,
 * secret-undefine, secret-set-value, secret-get-value, secret-event.
 *
 * A secret's value never comes from the command line (where other users
 * see it and shell history keeps it): from a file, standard input or a
 * prompt only, and a line running secret-set-value or secret-get-value is
 * never recorded in the history (CMD_SECRET).  Values live in fixed
 * buffers that are wiped after use (core/prompt.h); the copies libvirt and
 * base64 make are wiped before they are freed.  secret-get-value does not
 * print a value on a terminal unless asked to (--plain).
 */
#include <errno.h>
#include <fcntl.h>
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
#include <string.h>
#include <unistd.h>

#include "core/base64.h"
#include "core/prompt.h"
#include "core/util.h"
#include "virt/conn.h"
#include "virt/context.h"
#include "virt/domain.h"
#include "virt/err.h"
#include "virt/evqueue.h"
#include "virt/hostobj.h"
#include "cmd/groups.h"
#include "cmd/objects.h"

OBJKIND_BASICS(sec, virSecret, hostobj_secret)

static const char *sec_name(void *obj)
{
    return virSecretGetUsageID(obj);
}

static int sec_uuid(void *obj, char *buf)
{
    return virSecretGetUUIDString(obj, buf);
}

static void *sec_define(virConnectPtr c, const char *xml, unsigned int flags)
{
    return virSecretDefineXML(c, xml, flags);
}

OBJKIND_ACT(sec_undefine, virSecretUndefine(obj))

static const struct objkind secret_kind = {
    .noun = "secret", .title = "Secret", .lookup = sec_lookup, .free = sec_free,
    .name = sec_name, .uuid = sec_uuid, .xml = sec_xml, .define = sec_define,
};

/* ------------------------------------------------------------ secret-list */

struct sec_list_args {
    bool ephemeral, no_ephemeral, private_, no_private;
};

static int sec_cmp(const void *x, const void *y)
{
    char a[VIR_UUID_STRING_BUFLEN] = "", b[VIR_UUID_STRING_BUFLEN] = "";
    virSecretGetUUIDString(*(virSecretPtr const *)x, a);
    virSecretGetUUIDString(*(virSecretPtr const *)y, b);
    return strcmp(a, b);
}

static int cmd_secret_list(struct shell *sh, void *opaque)
{
    struct sec_list_args *a = opaque;
    unsigned int flags = (a->ephemeral ? VIR_CONNECT_LIST_SECRETS_EPHEMERAL : 0) |
                         (a->no_ephemeral ? VIR_CONNECT_LIST_SECRETS_NO_EPHEMERAL : 0) |
                         (a->private_ ? VIR_CONNECT_LIST_SECRETS_PRIVATE : 0) |
                         (a->no_private ? VIR_CONNECT_LIST_SECRETS_NO_PRIVATE : 0);
    virSecretPtr *secs = NULL;
    int n = virConnectListAllSecrets(sh->conn, &secs, flags);
    if (n < 0)
        return err_libvirt(sh, "cannot list secrets");
    qsort(secs, (size_t)n, sizeof(*secs), sec_cmp);
    _cleanup_json_ struct json_object *rows = json_object_new_array();
    _cleanup_json_ struct json_object *text = json_object_new_array();
    for (int i = 0; i < n; i++) {
        char uuid[VIR_UUID_STRING_BUFLEN] = "";
        virSecretGetUUIDString(secs[i], uuid);
        int type = virSecretGetUsageType(secs[i]);
        const char *id = virSecretGetUsageID(secs[i]);
        struct json_object *o = json_object_new_object();
        hostobj_add_str(o, "uuid", uuid);
        hostobj_add_str(o, "usage_type", type > 0 ? hostobj_secret_usage_word(type) : NULL);
        hostobj_add_str(o, "usage_id", type > 0 ? id : NULL);
        json_object_array_add(rows, o);
        _cleanup_free_ char *usage = type > 0 ? xasprintf("%s %s", hostobj_secret_usage_word(type), id ? id : "")
                                              : xstrdup("Unused");
        struct json_object *t = json_object_new_object();
        hostobj_add_str(t, "uuid", uuid);
        hostobj_add_str(t, "usage", usage);
        json_object_array_add(text, t);
        virSecretFree(secs[i]);
    }
    free(secs);
    static const struct out_col cols[] = { { "uuid", "UUID", FMT_PLAIN }, { "usage", "Usage", FMT_PLAIN } };
    out_table(&sh->out, sh->out.mode == OUT_JSON ? rows : text, cols, ARRAY_SIZE(cols));
    return CMD_OK;
}

/* ------------------------------------------------------------ secret-define */

static int cmd_secret_define(struct shell *sh, void *opaque)
{
    struct obj_file_args *a = opaque;
    if (!conn_get(sh))
        return CMD_FAILED;
    _cleanup_free_ char *xml = domain_read_xml_file(sh, a->file);
    if (!xml)
        return CMD_FAILED;
    _cleanup_secret_ virSecretPtr s =
        virSecretDefineXML(sh->conn, xml, a->validate ? VIR_SECRET_DEFINE_VALIDATE : 0);
    if (!s)
        return err_libvirt(sh, "cannot define a secret from '%s'", a->file);
    char uuid[VIR_UUID_STRING_BUFLEN] = "";
    virSecretGetUUIDString(s, uuid);
    _cleanup_free_ char *text = xasprintf("Secret %s created", uuid);
    return hostobj_report(sh, virSecretGetUsageID(s), uuid, "defined", text);
}

/* ------------------------------------------------------------ secret-set-value */

struct sec_set_args {
    const char *secret, *file;
    bool plain, interactive;
    const char *base64;
};

static int value_error(struct shell *sh, const char *from)
{
    if (errno == EINTR)
        return err_set(sh, 130, "interrupted: no value was set");
    if (errno == E2BIG)
        return error(sh, "the value from %s is too long (at most %d bytes)", from, SECRET_MAX - 1);
    if (errno == ENODATA)
        return error(sh, "no value %s %s", strchr(from, '\'') ? "in" : "on", from);
    return error(sh, "cannot read the value from %s: %s", from, strerror(errno));
}

/* All of fd (a file, or a pipe to its end) into v; -1 with errno. */
static int read_all(int fd, struct secret *v)
{
    v->len = 0;
    for (;;) {
        ssize_t r = read(fd, v->buf + v->len, sizeof(v->buf) - 1 - v->len);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            return -1;
        if (r == 0)
            break;
        v->len += (size_t)r;
        if (v->len == sizeof(v->buf) - 1) {
            char more;
            if (read(fd, &more, 1) > 0) {
                errno = E2BIG;
                return -1;
            }
            break;
        }
    }
    v->buf[v->len] = '\0';
    if (v->len == 0)
        errno = ENODATA;
    return v->len ? 0 : -1;
}

/* Twice, the same, on the terminal. */
static int prompt_value(struct shell *sh, const char *uuid, struct secret *v)
{
    struct secret again = { 0 };
    _cleanup_free_ char *p = xasprintf("New value for secret %s: ", uuid);
    if (prompt_line(p, false, v) < 0)
        return value_error(sh, "the terminal");
    if (prompt_line("Retype the value: ", false, &again) < 0) {
        secret_wipe(v);
        return value_error(sh, "the terminal");
    }
    bool same = again.len == v->len && memcmp(again.buf, v->buf, v->len) == 0;
    secret_wipe(&again);
    if (!same) {
        secret_wipe(v);
        return error(sh, "the values do not match: nothing was changed");
    }
    return CMD_OK;
}

/* Decode a base64 value in place. */
static int decode_value(struct shell *sh, struct secret *v, const char *from)
{
    size_t len = 0;
    unsigned char *raw = base64_decode(v->buf, &len);
    if (!raw) {
        secret_wipe(v);
        return error(sh, "the value from %s is not base64 (--plain takes it as it is)", from);
    }
    secret_wipe(v);
    memcpy(v->buf, raw, len < sizeof(v->buf) ? len : sizeof(v->buf) - 1);
    v->len = len < sizeof(v->buf) ? len : sizeof(v->buf) - 1;
    explicit_bzero(raw, len);
    free(raw);
    return CMD_OK;
}

/* The value, from where the options say: a file (or "-", standard input
 * to its end), the prompt, or standard input: a terminal is prompted, a
 * pipe gives its first line. */
static int get_value(struct shell *sh, const struct sec_set_args *a, const char *uuid, struct secret *v)
{
    bool plain = a->plain;
    const char *from = "standard input";
    _cleanup_free_ char *what = a->file ? xasprintf("'%s'", a->file) : NULL;
    if (a->file && !str_eq(a->file, "-")) {
        int fd = open(a->file, O_RDONLY | O_CLOEXEC);
        if (fd < 0)
            return error(sh, "cannot open '%s': %s", a->file, strerror(errno));
        int rc = read_all(fd, v), e = errno;
        close(fd);
        errno = e;
        if (rc < 0)
            return value_error(sh, what);
        from = what;
    } else if (a->file) {
        if (read_all(STDIN_FILENO, v) < 0)
            return value_error(sh, from);
    } else if (a->interactive || isatty(STDIN_FILENO)) {
        if (!isatty(STDIN_FILENO))
            return error(sh, "--interactive needs a terminal on standard input");
        if (prompt_value(sh, uuid, v) != CMD_OK)
            return sh->err.status;
        plain = true; /* typed as it is, as virsh takes it */
    } else if (secret_read_line(STDIN_FILENO, v) < 0) {
        return value_error(sh, from);
    }
    return plain ? CMD_OK : decode_value(sh, v, from);
}

static int cmd_secret_set_value(struct shell *sh, void *opaque)
{
    struct sec_set_args *a = opaque;
    if (a->base64) {
        explicit_bzero((char *)a->base64, strlen(a->base64));
        return usage_error(sh, "a secret value on the command line can be seen by other users and "
                               "stays in shell history: give it with --file, --interactive or on "
                               "standard input");
    }
    _cleanup_secret_ virSecretPtr s = hostobj_secret(sh, a->secret);
    if (!s)
        return CMD_FAILED;
    char uuid[VIR_UUID_STRING_BUFLEN] = "";
    virSecretGetUUIDString(s, uuid);
    _cleanup_(secret_wipe) struct secret v = { 0 };
    if (get_value(sh, a, uuid, &v) != CMD_OK)
        return sh->err.status ? sh->err.status : CMD_FAILED;
    if (v.len == 0)
        return error(sh, "the value is empty: nothing was changed");
    if (virSecretSetValue(s, (const unsigned char *)v.buf, v.len, 0) < 0)
        return err_libvirt(sh, "cannot set the value of secret '%s'", a->secret);
    return hostobj_report(sh, virSecretGetUsageID(s), uuid, "value_set", "Secret value set");
}

/* ------------------------------------------------------------ secret-get-value */

struct sec_get_args {
    const char *secret;
    bool plain;
};

static int cmd_secret_get_value(struct shell *sh, void *opaque)
{
    struct sec_get_args *a = opaque;
    if (!a->plain && isatty(fileno(sh->out.fp)))
        return error(sh, "not printing a secret value on a terminal: redirect the output, or give "
                         "--plain to print it as it is");
    _cleanup_secret_ virSecretPtr s = hostobj_secret(sh, a->secret);
    if (!s)
        return CMD_FAILED;
    size_t len = 0;
    unsigned char *value = virSecretGetValue(s, &len, 0);
    if (!value)
        return err_libvirt(sh, "cannot get the value of secret '%s'", a->secret);
    char *b64 = base64_encode(value, len);
    char uuid[VIR_UUID_STRING_BUFLEN] = "";
    virSecretGetUUIDString(s, uuid);
    if (sh->out.mode == OUT_JSON) {
        struct json_object *o = json_object_new_object();
        hostobj_add_str(o, "uuid", uuid);
        hostobj_add_str(o, "value_base64", b64);
        out_value(&sh->out, o, "");
        /* (json-c's copy of the value goes with the object) */
        json_object_put(o);
    } else if (a->plain) { /* the value, then a newline, as virsh */
        fwrite(value, 1, len, sh->out.fp);
        fputc('\n', sh->out.fp);
    } else {
        fprintf(sh->out.fp, "%s\n", b64);
    }
    fflush(sh->out.fp);
    explicit_bzero(b64, strlen(b64));
    explicit_bzero(value, len);
    free(b64);
    free(value);
    return CMD_OK;
}

/* ------------------------------------------------------------ secret-event */

static struct json_object *sec_event_json(const char *event, virSecretPtr s, char *uuid)
{
    struct json_object *o = json_object_new_object();
    virSecretGetUUIDString(s, uuid);
    hostobj_add_str(o, "event", event);
    hostobj_add_str(o, "uuid", uuid);
    int type = virSecretGetUsageType(s);
    hostobj_add_str(o, "usage_type", type > 0 ? hostobj_secret_usage_word(type) : NULL);
    hostobj_add_str(o, "usage_id", type > 0 ? virSecretGetUsageID(s) : NULL);
    return o;
}

static void on_lifecycle(virConnectPtr c, virSecretPtr s, int event, int detail, void *q)
{
    (void)c, (void)detail;
    static const char *const words[][2] = { { "defined", "Defined" }, { "undefined", "Undefined" } };
    bool known = event >= 0 && (size_t)event < ARRAY_SIZE(words);
    char uuid[VIR_UUID_STRING_BUFLEN] = "";
    struct json_object *o = sec_event_json("lifecycle", s, uuid);
    hostobj_add_str(o, "type", known ? words[event][0] : "unknown");
    evqueue_push(q, o, xasprintf("event 'lifecycle' for secret %s: %s\n", uuid,
                                 known ? words[event][1] : "unknown"), NULL);
}

static void on_value_changed(virConnectPtr c, virSecretPtr s, void *q)
{
    (void)c;
    char uuid[VIR_UUID_STRING_BUFLEN] = "";
    struct json_object *o = sec_event_json("value-changed", s, uuid);
    evqueue_push(q, o, xasprintf("event 'value-changed' for secret %s\n", uuid), NULL);
}

static int sec_event_reg(virConnectPtr c, void *obj, int id, void (*cb)(void), void *opaque, virFreeCallback f)
{
    return virConnectSecretEventRegisterAny(c, obj, id, (virConnectSecretEventGenericCallback)cb, opaque, f);
}

static const struct obj_events secret_events = {
    .kind = &secret_kind,
    .types = (const struct obj_event_type[]){
        { "lifecycle", VIR_SECRET_EVENT_ID_LIFECYCLE, (void (*)(void))on_lifecycle },
        { "value-changed", VIR_SECRET_EVENT_ID_VALUE_CHANGED, (void (*)(void))on_value_changed },
        { NULL },
    },
    .reg = sec_event_reg,
    .dereg = virConnectSecretEventDeregisterAny,
};

/* ------------------------------------------------------------ the table */

#define ARG_SECRET(st, field) \
    OPT_STRING(st, "secret", field, "secret UUID (or its usage ID)", .flags = ARG_REQUIRED, \
               .complete = COMPL_SECRET)

const struct cmd_group cmd_group_secret = {
    .name = "secret",
    .title = "Secrets",
    .cmds = (const struct cmd_def[]){
        { .name = "secret-list", .summary = "list secrets",
          .desc = "JSON: rows with uuid, usage_type (volume, ceph, iscsi, tls, vtpm) and usage_id "
                  "(null when unused).",
          .run = cmd_secret_list, .args_size = sizeof(struct sec_list_args),
          .opts = OPTS(OPT_FLAG(struct sec_list_args, "ephemeral", ephemeral, "ephemeral secrets"),
                       OPT_FLAG(struct sec_list_args, "no-ephemeral", no_ephemeral, "secrets that are kept"),
                       OPT_FLAG(struct sec_list_args, "private", private_, "private secrets"),
                       OPT_FLAG(struct sec_list_args, "no-private", no_private,
                                "secrets whose value can be read")),
          .result = RESULT_ARRAY({ "uuid", RT_STRING, "the secret's UUID" },
                                 { "usage_type", RT_STRING | RT_NULL, "what it is for" },
                                 { "usage_id", RT_STRING | RT_NULL, "for which volume, user or target" }) },
        { .name = "secret-define", .summary = "define or change a secret from an XML file",
          .run = cmd_secret_define, .args_size = sizeof(struct obj_file_args), .flags = CMD_MODIFIES,
          .opts = OPTS(OBJ_FILE_ARG("secret XML file"), OBJ_VALIDATE_OPT), .result = OBJ_REPORT_RESULT },
        { .name = "secret-dumpxml", .summary = "print a secret's XML (not its value)",
          .run = cmd_obj_dumpxml, .args_size = sizeof(struct obj_dumpxml_args),
          .data = OBJ_DATA(struct obj_dumpxml, .kind = &secret_kind),
          .opts = OPTS(ARG_SECRET(struct obj_dumpxml_args, ident), OBJ_XPATH_OPTS),
          .result = OBJ_DUMPXML_RESULT },
        { .name = "secret-undefine", .summary = "remove a secret and its value",
          .run = cmd_obj_act, .args_size = sizeof(struct obj_args), .flags = CMD_MODIFIES,
          .result = OBJ_REPORT_RESULT,
          .data = OBJ_DATA(struct obj_act, .kind = &secret_kind, .act = sec_undefine, .verb = "undefine",
                           .result = "undefined", .fmt = "Secret %s deleted"),
          .opts = OPTS(ARG_SECRET(struct obj_args, ident)) },
        { .name = "secret-set-value", .summary = "set a secret's value, never from the command line",
          .desc = "The value comes from --file FILE (\"-\": standard input to its end), from a prompt "
                  "on the terminal (--interactive, asked twice, taken as typed), or without either "
                  "from standard input: a terminal is prompted, a pipe gives its first line. From a "
                  "file or a pipe the value is base64 unless --plain says it is the value itself. "
                  "--base64 VALUE is refused: a value on the command line can be seen by other users "
                  "and stays in shell history. The line is never recorded in virtsh's history.",
          .run = cmd_secret_set_value, .args_size = sizeof(struct sec_set_args),
          .flags = CMD_MODIFIES | CMD_SECRET,
          .opts = OPTS(ARG_SECRET(struct sec_set_args, secret),
                       OPT_STRING(struct sec_set_args, "file", file,
                                  "read the value from FILE (\"-\": standard input)", .complete = COMPL_FILE,
                                  .excl = EXCL(0), .flags = OPT_POSITIONAL),
                       OPT_FLAG(struct sec_set_args, "plain", plain,
                                "the file or standard input holds the value itself, not base64",
                                .excl = EXCL(1)),
                       OPT_FLAG(struct sec_set_args, "interactive", interactive,
                                "type the value at a prompt", .excl = EXCL(0) | EXCL(1)),
                       OPT_STRING(struct sec_set_args, "base64", base64,
                                  "refused: use --file, --interactive or standard input",
                                  .flags = OPT_POSITIONAL | OPT_SECRET)),
          .result = OBJ_REPORT_RESULT },
        { .name = "secret-get-value", .summary = "print a secret's value",
          .desc = "Prints the value in base64, or with --plain as it is. On a terminal the value is "
                  "printed only with --plain: redirect the output to keep it off the screen. JSON: "
                  "{uuid, value_base64}. The line is never recorded in virtsh's history.",
          .run = cmd_secret_get_value, .args_size = sizeof(struct sec_get_args), .flags = CMD_SECRET,
          .opts = OPTS(ARG_SECRET(struct sec_get_args, secret),
                       OPT_FLAG(struct sec_get_args, "plain", plain,
                                "print the value as it is, not base64 (and allow a terminal)")),
          .result = RESULT_OBJECT({ "uuid", RT_STRING, "the secret's UUID" },
                                  { "value_base64", RT_STRING, "its value, base64" }) },
        { .name = "secret-event", .summary = "wait for secret events and print them",
          .desc = "Prints each secret event, as virsh's lines or, with -o json, one JSON object per "
                  "line (event, uuid, usage_type, usage_id, type for lifecycle events, timestamp). "
                  "Without --event every type is watched; without --loop the command ends after the "
                  "first event; --timeout ends it with exit 1 if no event came.",
          .run = cmd_obj_event, .args_size = sizeof(struct obj_event_args), .flags = CMD_NOCONN,
          .data = &secret_events,
          .opts = OPTS(OBJ_EVENT_OPTS("secret", "only events of this secret (UUID or usage ID)", COMPL_SECRET)),
          .result = RESULT_OR(RESULT_VALUES, RS_OBJECT,
                              { "event", RT_STRING, "lifecycle or value-changed" },
                              { "uuid", RT_STRING, "the secret's UUID" },
                              { "usage_type", RT_STRING | RT_NULL, "what it is for" },
                              { "usage_id", RT_STRING | RT_NULL, "for which volume, user or target" },
                              { "type", RT_STRING | RT_OPTIONAL, "lifecycle: defined or undefined" },
                              { "timestamp", RT_STRING, "when it came, UTC (ISO 8601)" }) },
        { 0 },
    },
};
