/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * cmd/qemu.c - the QEMU monitor: qemu-monitor-command (QMP or HMP
 * passthrough, with the friendly key=value syntax checked against the
 * domain's QMP schema before anything is sent), qmp-schema and
 * qemu-monitor-event.
 */
#include <fcntl.h>
#include <libvirt/libvirt-qemu.h>
#include <libvirt/libvirt.h>
#include <limits.h>
#include <string.h>

#include "core/strv.h"
#include "core/util.h"
#include "virt/conn.h"
#include "virt/context.h"
#include "virt/domain.h"
#include "virt/err.h"
#include "virt/evqueue.h"
#include "guest/jsonargs.h"
#include "guest/qmp.h"
#include "guest/qmpschema.h"
#include "cmd/groups.h"

/* A JSON value in text mode: compact or indented; a string returned by
 * --return-value as the text it holds. */
static void print_json(struct shell *sh, struct json_object *v, bool pretty, bool raw_string)
{
    if (sh->out.mode != OUT_JSON && raw_string && json_object_is_type(v, json_type_string)) {
        const char *s = json_object_get_string(v);
        size_t n = strlen(s);
        fputs(s, sh->out.fp);
        if (n && s[n - 1] != '\n')
            fputc('\n', sh->out.fp);
        return;
    }
    out_json_document(&sh->out, v, pretty);
    if (pretty && sh->out.mode == OUT_TEXT)
        out_line_ends_command(&sh->out); /* virsh 9.0: no blank line after indented JSON */
}

/* ------------------------------------------------------------ qemu-monitor-command */

struct qmc_args {
    const char *domain;
    bool hmp, pretty, return_value, no_check;
    const char *pass_fds;
    struct strv cmd;
};

static int run_hmp(struct shell *sh, virDomainPtr dom, const char *line, int *fds, unsigned nfds)
{
    _cleanup_free_ char *reply = NULL;
    if (qmp_send(sh, dom, line, true, fds, nfds, &reply) != CMD_OK)
        return CMD_FAILED;
    /* Text: the reply as QEMU sent it (CRLF line ends) and a newline, as
     * virsh prints it.  JSON: its lines with plain newlines. */
    _cleanup_free_ char *text = *reply ? xasprintf("%s\n", reply) : xstrdup("");
    char *w = reply;
    for (char *r = reply; *r; r++)
        if (*r != '\r')
            *w++ = *r;
    *w = '\0';
    _cleanup_json_ struct json_object *o = json_object_new_object();
    json_object_object_add(o, "output", json_object_new_string(reply));
    out_value(&sh->out, o, text);
    return CMD_OK;
}

/* The request to send: a JSON object as typed (virsh's way, checked only as
 * JSON), or built from the friendly syntax and checked against the schema. */
static int build_request(struct shell *sh, virDomainPtr dom, struct qmc_args *a, char **words, size_t n,
                         char **ret_text, char **ret_name)
{
    char err[1024];
    _cleanup_json_ struct json_object *req = NULL;
    bool literal = words[0][0] == '{';
    _cleanup_free_ char *joined = literal ? strv_joinv(words, n, " ") : NULL;
    char *one[] = { joined };
    if (jsonargs_build(literal ? one : words, literal ? 1 : n, &req, err, sizeof(err)) < 0)
        return error(sh, "%s", err);
    if (!literal && !a->no_check) {
        const struct qmp_schema *s = qmp_schema_get(sh, dom);
        if (!s)
            return CMD_FAILED;
        if (qmp_schema_check(s, req, err, sizeof(err)) < 0)
            return error(sh, "%s; nothing was sent", err);
    }
    struct json_object *ex = json_object_object_get(req, "execute");
    *ret_name = xstrdup(json_object_get_string(ex));
    *ret_text = literal ? TAKE_PTR(joined)
                        : xstrdup(json_object_to_json_string_ext(req, JSON_C_TO_STRING_PLAIN |
                                                                          JSON_C_TO_STRING_NOSLASHESCAPE));
    return CMD_OK;
}

static int cmd_qemu_monitor_command(struct shell *sh, void *opaque)
{
    struct qmc_args *a = opaque;
    size_t n = a->cmd.n;

    _cleanup_free_ int *fds = NULL;
    unsigned nfds = 0;
    int rc = domain_parse_fds(sh, a->pass_fds, &fds, &nfds);
    if (rc != CMD_OK)
        return rc;

    _cleanup_domain_ virDomainPtr dom = conn_lookup_domain(sh, a->domain);
    if (!dom)
        return CMD_FAILED;
    if (a->hmp) {
        _cleanup_free_ char *line = strv_joinv(a->cmd.v, n, " ");
        return run_hmp(sh, dom, line, fds, nfds);
    }

    _cleanup_free_ char *text = NULL, *name = NULL, *reply = NULL;
    if (build_request(sh, dom, a, a->cmd.v, n, &text, &name) != CMD_OK)
        return CMD_FAILED;
    if (qmp_send(sh, dom, text, false, fds, nfds, &reply) != CMD_OK)
        return CMD_FAILED;

    _cleanup_json_ struct json_object *o = json_tokener_parse(reply);
    struct json_object *e, *ret;
    if (!o) {
        if (sh->out.mode == OUT_JSON || a->return_value)
            return error(sh, "the reply to '%s' is not JSON: %s", name, reply);
        fprintf(sh->out.fp, "%s\n", reply);
        return CMD_OK;
    }
    if (json_object_object_get_ex(o, "error", &e)) {
        const char *cls = json_object_get_string(json_object_object_get(e, "class"));
        const char *desc = json_object_get_string(json_object_object_get(e, "desc"));
        if (cls && !str_eq(cls, "GenericError"))
            return error(sh, "QMP command '%s' failed: %s (%s)", name, desc ? desc : "no description", cls);
        return error(sh, "QMP command '%s' failed: %s", name, desc ? desc : "no description");
    }
    if (a->return_value) {
        if (!json_object_object_get_ex(o, "return", &ret))
            return error(sh, "the reply to '%s' has no 'return' member", name);
        print_json(sh, ret, a->pretty, true);
    } else {
        print_json(sh, o, a->pretty, false);
    }
    return CMD_OK;
}

/* ------------------------------------------------------------ qmp-schema */

struct qmp_schema_args {
    const char *domain;
    const char *name;
    bool events;
};

static int cmd_qemu_qmp_schema(struct shell *sh, void *opaque)
{
    struct qmp_schema_args *a = opaque;
    _cleanup_domain_ virDomainPtr dom = conn_lookup_domain(sh, a->domain);
    if (!dom)
        return CMD_FAILED;
    const struct qmp_schema *s = qmp_schema_get(sh, dom);
    if (!s)
        return CMD_FAILED;

    if (!a->name) {
        char **names = qmp_schema_names(s, a->events ? "event" : "command");
        size_t n = 0;
        while (names[n])
            n++;
        out_words(&sh->out, (const char *const *)names, n);
        for (size_t i = 0; i < n; i++)
            free(names[i]);
        free(names);
        return CMD_OK;
    }

    _cleanup_json_ struct json_object *d = qmp_schema_describe(s, a->name);
    if (!d) {
        const char *hint = qmp_schema_suggest(s, "command", a->name);
        if (!hint)
            hint = qmp_schema_suggest(s, "event", a->name);
        if (hint)
            return error(sh, "no QMP command or event '%s' in domain '%s'; did you mean '%s'?", a->name,
                         a->domain, hint);
        return error(sh, "no QMP command or event '%s' in domain '%s'", a->name, a->domain);
    }
    _cleanup_free_ char *text = qmp_schema_describe_text(d);
    out_value(&sh->out, d, text);
    return CMD_OK;
}

/* ------------------------------------------------------------ qemu-monitor-event */

struct qme_args {
    const char *domain;
    const char *event;
    bool pretty, loop, regex, no_case, timestamp;
    long long timeout;
};

struct qme_ctx {
    struct evqueue *q;
    bool pretty;
};

static void qme_ctx_free(void *opaque)
{
    struct qme_ctx *c = opaque;
    evqueue_unref(c->q);
    free(c);
}

/* On the event loop thread: queue the event with QEMU's own timestamp. */
static void on_qemu_event(virConnectPtr conn, virDomainPtr dom, const char *event, long long seconds,
                          unsigned int micros, const char *details, void *opaque)
{
    (void)conn;
    struct qme_ctx *c = opaque;
    struct json_object *o = evqueue_event_json(event, dom);
    struct json_object *data = details ? json_tokener_parse(details) : NULL;
    const char *shown = "<null>";
    if (data)
        shown = json_object_to_json_string_ext(data, JSON_C_TO_STRING_NOSLASHESCAPE |
                                                         (c->pretty ? JSON_C_TO_STRING_PRETTY |
                                                                          JSON_C_TO_STRING_SPACED
                                                                    : JSON_C_TO_STRING_PLAIN));
    else if (details)
        shown = details;
    char *text = xasprintf("event %s at %lld.%06u for domain '%s': %s\n", event, seconds, micros,
                           virDomainGetName(dom), shown);
    json_object_object_add(o, "data", data);
    struct timespec when = { .tv_sec = (time_t)seconds, .tv_nsec = (long)micros * 1000 };
    evqueue_push(c->q, o, text, &when);
}

static int cmd_qemu_monitor_event(struct shell *sh, void *opaque)
{
    struct qme_args *a = opaque;
    _cleanup_domain_ virDomainPtr dom = NULL;
    if (a->domain && !(dom = conn_lookup_domain(sh, a->domain)))
        return CMD_FAILED;

    struct evqueue *q = evqueue_new(sh);
    if (!q)
        return CMD_FAILED;
    struct qme_ctx *ctx = xcalloc(1, sizeof(*ctx));
    ctx->q = evqueue_ref(q);
    ctx->pretty = a->pretty;
    unsigned flags = (a->regex ? VIR_CONNECT_DOMAIN_QEMU_MONITOR_EVENT_REGISTER_REGEX : 0) |
                     (a->no_case ? VIR_CONNECT_DOMAIN_QEMU_MONITOR_EVENT_REGISTER_NOCASE : 0);
    int id = virConnectDomainQemuMonitorEventRegister(sh->conn, dom, a->event, on_qemu_event, ctx,
                                                      qme_ctx_free, flags);
    int rc;
    if (id < 0) {
        qme_ctx_free(ctx); /* a failed registration does not call the free callback */
        rc = err_libvirt(sh, "cannot watch QEMU monitor events");
    } else {
        struct evqueue_opts o = { .loop = a->loop, .timeout_s = a->timeout, .timestamp = a->timestamp };
        rc = evqueue_run(sh, q, &o);
        virConnectDomainQemuMonitorEventDeregister(sh->conn, id);
    }
    evqueue_unref(q);
    return rc;
}

const struct cmd_group cmd_group_qemu = {
    .name = "qemu",
    .title = "QEMU monitor",
    .cmds = (const struct cmd_def[]){
        { .name = "qemu-monitor-command", .summary = "run a QMP (or HMP) command in a domain's QEMU",
          .desc = "COMMAND is a QMP request as JSON (sent as typed, as virsh does), or a QMP command name "
                  "followed by key=value (a string) and key:=JSON arguments, @FILE or - (a request read from "
                  "a file or standard input). The friendly forms are checked against the domain's QMP schema "
                  "first (see qmp-schema): an unknown command or argument, a missing argument or a value of "
                  "the wrong JSON type is an error and nothing is sent. An error reply from QEMU is an error "
                  "(exit 1). With --hmp the words are one human monitor command line. Options may also follow "
                  "the command words, as in virsh. libvirt marks a domain that got monitor commands as "
                  "tainted (custom-monitor).",
          .run = cmd_qemu_monitor_command, .args_size = sizeof(struct qmc_args), .flags = CMD_MODIFIES,
          /* QEMU's reply as it is; --hmp: {"output": TEXT} */
          .result = RESULT_FREE,
          .opts = OPTS(ARG_DOMAIN(struct qmc_args, domain, COMPL_DOMAIN_ACTIVE),
                       OPT_FLAG(struct qmc_args, "hmp", hmp, "the command is in the human monitor protocol",
                                .excl = EXCL(0) | EXCL(1), .why = "--hmp output is text"),
                       OPT_FLAG(struct qmc_args, "pretty", pretty, "indent the JSON reply",
                                .excl = EXCL(0)),
                       OPT_FLAG(struct qmc_args, "return-value", return_value,
                                "print only the reply's 'return' value (a string as its text)",
                                .excl = EXCL(1)),
                       OPT_FLAG(struct qmc_args, "no-check", no_check, "send a key=value command without checking it "
                                "against the QMP schema"),
                       OPT_STRING(struct qmc_args, "pass-fds", pass_fds,
                                  "pass these open file descriptors along with the command",
                                  .metavar = "N,M,..."),
                       OPT_ARGV(struct qmc_args, "cmd", cmd,
                                "JSON request, or NAME [key=value|key:=JSON]..., @FILE or -",
                                .flags = OPT_REQUIRED | OPT_ARGV_FLAGS, .metavar = "COMMAND",
                                .complete = COMPL_QMP_CMD)) },
        { .name = "qmp-schema", .summary = "show the QMP commands of a domain's QEMU and their arguments",
          .desc = "From the domain's query-qmp-schema (read once per running domain and kept): without NAME "
                  "the command names (--events: the event names); with NAME a command's arguments (name, "
                  "type, required or optional, enum values, object members, union variants) and return "
                  "type, or an event's data. -o json gives the whole description.",
          .run = cmd_qemu_qmp_schema, .args_size = sizeof(struct qmp_schema_args),
          .result = RESULT_OR(RESULT_VALUES, RS_OBJECT,
              { "name", RT_STRING, "the command or event" },
              { "kind", RT_STRING, "command or event" },
              { "arguments", RT_ANY | RT_OPTIONAL, "a command's arguments, described" },
              { "data", RT_ANY | RT_OPTIONAL, "an event's data, described" },
              { "returns", RT_ANY | RT_OPTIONAL, "a command's return type, described" },
              { "allow_oob", RT_BOOL | RT_OPTIONAL, "a command may run out of band" },
              { "other_arguments", RT_BOOL | RT_OPTIONAL, "a command takes arguments the "
                                                          "schema does not list" },
              { "features", RT_ARRAY, "QEMU's feature flags of it (deprecated, unstable, ...)" }),
          .opts = OPTS(ARG_DOMAIN(struct qmp_schema_args, domain, COMPL_DOMAIN_ACTIVE),
                       OPT_STRING(struct qmp_schema_args, "name", name, "a QMP command or event",
                                  .flags = OPT_POSITIONAL, .complete = COMPL_QMP_CMD,
                                  .excl = EXCL(0)),
                       OPT_FLAG(struct qmp_schema_args, "events", events,
                                "list the QMP event names instead of the commands",
                                .excl = EXCL(0), .why = "--events lists every event name")) },
        { .name = "qemu-monitor-event", .summary = "wait for QMP events of QEMU and print them",
          .desc = "Prints each QMP event as virsh does ('event NAME at SECONDS.MICROS for domain 'D': DATA') "
                  "or, with -o json, one JSON object per line (event, domain, uuid, data, timestamp from "
                  "QEMU). Without --loop the command ends after the first event; Ctrl-C ends the loop "
                  "(exit 0); --timeout ends it too, with exit 1 if no event came.",
          .run = cmd_qemu_monitor_event, .args_size = sizeof(struct qme_args),
          .result = RESULT_OBJECT(
              { "event", RT_STRING, "QMP's event name (STOP, RESUME, ...)" },
              { "domain", RT_STRING, "the domain's name" },
              { "uuid", RT_STRING, "the domain's UUID" },
              { "data", RT_ANY | RT_NULL, "the event's data as QEMU sent it" },
              { "timestamp", RT_STRING, "QEMU's time of the event (UTC, ISO 8601)" }),
          .opts = OPTS(OPT_STRING(struct qme_args, "domain", domain,
                                  "only events of this domain (name, id or uuid)",
                                  .flags = OPT_POSITIONAL, .complete = COMPL_DOMAIN_ACTIVE),
                       OPT_STRING(struct qme_args, "event", event,
                                  "only events of this name (e.g. STOP)", .flags = OPT_POSITIONAL,
                                  .metavar = "NAME"),
                       OPT_FLAG(struct qme_args, "pretty", pretty, "indent each event's data"),
                       OPT_EVENT_WAIT(struct qme_args),
                       OPT_FLAG(struct qme_args, "regex", regex, "--event is a regular expression",
                                .needs = "event"),
                       OPT_FLAG(struct qme_args, "no-case", no_case, "--event ignores case",
                                .needs = "event"),
                       OPT_FLAG(struct qme_args, "timestamp", timestamp, "text: start each event with its time")) },
        { 0 },
    },
};
