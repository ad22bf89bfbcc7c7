/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * cmd/guest.c - the guest agent group: raw forwarding (qemu-agent-command,
 * agent) and the commands built on libvirt's agent APIs (domtime,
 * set-user-password, domfsfreeze/thaw, domfsinfo, guestinfo, guestvcpus).
 * guest-exec and the file transfers are in guest-exec.c, wait in
 * guest-wait.c.
 */
#include <errno.h>
#include <fcntl.h>
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/prompt.h"
#include "core/strbuf.h"
#include "core/strv.h"
#include "core/util.h"
#include "virt/conn.h"
#include "virt/context.h"
#include "virt/domain.h"
#include "virt/err.h"
#include "virt/typed-params.h"
#include "guest/agent.h"
#include "guest/jsonargs.h"
#include "cmd/groups.h"
#include "cmd/guest.h"

static bool stdout_is_tty(struct shell *sh)
{
    return isatty(fileno(sh->out.fp)) == 1;
}

/* ---------------------------------------------------------------- raw */

struct qac_args {
    const char *domain;
    long long timeout;
    bool async, block, pretty;
    struct strv cmd;
};

static int timeout_of(long long timeout, bool async, bool block)
{
    if (async)
        return AGENT_TIMEOUT_NOWAIT;
    if (block)
        return AGENT_TIMEOUT_BLOCK;
    return timeout > 0 ? (int)timeout : AGENT_TIMEOUT_DEFAULT;
}

static int cmd_agent_qemu_agent_command(struct shell *sh, void *opaque)
{
    struct qac_args *a = opaque;
    char err[512];
    _cleanup_free_ char *text = strv_join(&a->cmd, " ");
    while (*text == ' ' || *text == '\t' || *text == '\n')
        memmove(text, text + 1, strlen(text));
    if (text[0] != '{')
        return usage_error(sh, "expected a JSON request like '{\"execute\":\"guest-info\"}'; "
                           "'agent DOMAIN guest-info key=value' takes the short form");
    _cleanup_json_ struct json_object *req = NULL;
    char *words[] = { text };
    if (jsonargs_build(words, 1, &req, err, sizeof(err)) < 0)
        return usage_error(sh, "%s", err);

    _cleanup_domain_ virDomainPtr dom = conn_lookup_domain(sh, a->domain);
    if (!dom)
        return CMD_FAILED;
    struct agent_target t = { .dom = dom };
    _cleanup_json_ struct json_object *reply = NULL;
    if (agent_request(sh, &t, req, timeout_of(a->timeout, a->async, a->block), &reply) != CMD_OK)
        return CMD_FAILED;
    if (!reply)
        return CMD_OK;
    bool pretty = a->pretty || stdout_is_tty(sh);
    agent_print_json(sh, reply, pretty);
    if (pretty && sh->out.mode == OUT_TEXT)
        fputc('\n', sh->out.fp); /* virsh 9.0: indented, the reply is followed by an empty line */
    return CMD_OK;
}

struct agentcmd_args {
    const char *domain;
    const char *socket;
    long long timeout;
    bool async, block, pretty;
    struct strv request;
};

static int cmd_agent_agent(struct shell *sh, void *opaque)
{
    struct agentcmd_args *a = opaque;
    char err[512];
    /* With --socket there is no domain: the first word is the command. */
    _cleanup_free_ char **words = xcalloc(a->request.n + 2, sizeof(*words));
    size_t n = 0;
    if (a->socket && a->domain)
        words[n++] = (char *)a->domain;
    for (size_t i = 0; i < a->request.n; i++)
        words[n++] = a->request.v[i];
    if (n == 0)
        return usage_error(sh, "missing agent command: e.g. 'agent %s guest-info'",
                           a->socket ? "--socket PATH" : a->domain);
    _cleanup_json_ struct json_object *req = NULL;
    if (jsonargs_build(words, n, &req, err, sizeof(err)) < 0)
        return usage_error(sh, "%s", err);

    _cleanup_domain_ virDomainPtr dom = NULL;
    struct agent_target t;
    if (a->socket) {
        if (agent_open_socket(sh, a->socket, &t) != CMD_OK)
            return CMD_FAILED;
    } else {
        if (!(dom = conn_lookup_domain(sh, a->domain)))
            return CMD_FAILED;
        t = (struct agent_target){ .dom = dom };
    }
    _cleanup_json_ struct json_object *reply = NULL;
    if (agent_request(sh, &t, req, timeout_of(a->timeout, a->async, a->block), &reply) != CMD_OK)
        return CMD_FAILED;
    if (!reply)
        return CMD_OK;
    struct json_object *ret = NULL;
    if (!json_object_object_get_ex(reply, "return", &ret))
        ret = reply;
    agent_print_json(sh, ret, a->pretty || stdout_is_tty(sh));
    return CMD_OK;
}

/* ---------------------------------------------------------------- domtime */

struct domtime_args {
    const char *domain;
    bool now, pretty, sync;
    const char *time;
};

static int cmd_agent_domtime(struct shell *sh, void *opaque)
{
    struct domtime_args *a = opaque;
    long long when = 0;
    if (a->time && parse_ll(a->time, INT64_MIN / 1000000000, INT64_MAX / 1000000000, &when) < 0)
        return usage_error(sh, "invalid value '%s' for '--time': expected seconds since the epoch",
                           a->time);
    bool set = a->now || a->sync || a->time;

    _cleanup_domain_ virDomainPtr dom = conn_lookup_domain(sh, a->domain);
    if (!dom)
        return CMD_FAILED;
    _cleanup_json_ struct json_object *o = domain_ident_json(dom);
    if (set) {
        unsigned int nsec = 0;
        if (a->now) {
            struct timespec ts;
            clock_gettime(CLOCK_REALTIME, &ts);
            when = ts.tv_sec;
            nsec = (unsigned int)ts.tv_nsec;
        }
        if (virDomainSetTime(dom, when, nsec, a->sync ? VIR_DOMAIN_TIME_SYNC : 0) < 0)
            return agent_err_libvirt(sh, "cannot set the time of domain '%s'", a->domain);
        if (sh->out.mode == OUT_JSON) {
            json_object_object_add(o, "result", json_object_new_string(a->sync ? "synced" : "set"));
            json_object_object_add(o, "seconds", a->sync ? NULL : json_object_new_int64(when));
            out_value(&sh->out, o, "");
        }
        return CMD_OK; /* virsh prints nothing */
    }

    long long secs;
    unsigned int nsecs;
    if (virDomainGetTime(dom, &secs, &nsecs, 0) < 0)
        return agent_err_libvirt(sh, "cannot get the time of domain '%s'", a->domain);
    char iso[64] = "";
    time_t tt = (time_t)secs;
    struct tm tm;
    if (gmtime_r(&tt, &tm))
        strftime(iso, sizeof(iso), "%Y-%m-%dT%H:%M:%SZ", &tm);
    json_object_object_add(o, "seconds", json_object_new_int64(secs));
    json_object_object_add(o, "nseconds", json_object_new_int64(nsecs));
    json_object_object_add(o, "utc", json_object_new_string(iso));
    _cleanup_free_ char *text = NULL;
    if (a->pretty) {
        char human[64] = "";
        if (gmtime_r(&tt, &tm))
            strftime(human, sizeof(human), "%Y-%m-%d %H:%M:%S", &tm);
        text = xasprintf("Time: %s", human);
    } else {
        text = xasprintf("Time: %lld", secs);
    }
    out_value(&sh->out, o, text);
    out_line_ends_command(&sh->out);
    return CMD_OK;
}

/* ---------------------------------------------------------------- set-user-password */

struct password_args {
    const char *domain;
    const char *user;
    const char *password;
    const char *password_file;
    bool encrypted;
};

static int secret_error(struct shell *sh, const char *from)
{
    if (errno == EINTR)
        return err_set(sh, 130, "interrupted: no password was set");
    if (errno == E2BIG)
        return error(sh, "the password from %s is too long (at most %d bytes)", from, SECRET_MAX - 1);
    if (errno == ENODATA)
        return error(sh, "no password %s %s", strchr(from, '\'') ? "in" : "on", from);
    return error(sh, "cannot read the password from %s: %s", from, strerror(errno));
}

static int get_password(struct shell *sh, struct password_args *a, struct secret *pw)
{
    if (a->password) {
        /* virsh compatibility.  Other users can read a command line: say so,
         * and wipe our copy of the word so it leaves /proc/PID/cmdline. */
        size_t n = strlen(a->password);
        if (n >= sizeof(pw->buf))
            return error(sh, "the password is too long (at most %d bytes)", SECRET_MAX - 1);
        memcpy(pw->buf, a->password, n + 1);
        pw->len = n;
        explicit_bzero((char *)a->password, n);
        err_warn(sh, "a password on the command line can be seen by other users; use the prompt, "
                 "--password-file or standard input");
        return CMD_OK;
    }
    if (a->password_file) {
        int fd = open(a->password_file, O_RDONLY | O_CLOEXEC);
        _cleanup_free_ char *what = xasprintf("'%s'", a->password_file);
        if (fd < 0)
            return error(sh, "cannot open '%s': %s", a->password_file, strerror(errno));
        int rc = secret_read_line(fd, pw);
        int e = errno;
        close(fd);
        errno = e;
        return rc < 0 ? secret_error(sh, what) : CMD_OK;
    }
    if (isatty(STDIN_FILENO)) {
        struct secret again = { 0 };
        _cleanup_free_ char *p1 = xasprintf("New password for '%s': ", a->user);
        if (prompt_line(p1, false, pw) < 0)
            return secret_error(sh, "the terminal");
        if (prompt_line("Retype the password: ", false, &again) < 0) {
            secret_wipe(pw);
            return secret_error(sh, "the terminal");
        }
        bool same = again.len == pw->len && memcmp(again.buf, pw->buf, pw->len) == 0;
        secret_wipe(&again);
        if (!same) {
            secret_wipe(pw);
            return error(sh, "the passwords do not match: nothing was changed");
        }
        return CMD_OK;
    }
    return secret_read_line(STDIN_FILENO, pw) < 0 ? secret_error(sh, "standard input") : CMD_OK;
}

/*
 * libvirt's client library logs virDomainSetUserPassword's arguments,
 * password included, at debug level: with its debug logging switched on by
 * the environment, the password would land in that log.  The variable that
 * does it, or NULL.
 */
static const char *libvirt_debug_env(void)
{
    const char *v = getenv("LIBVIRT_DEBUG");
    if (v && *v && !str_eq(v, "0") && !str_eq(v, "2") && !str_eq(v, "3") && !str_eq(v, "4") &&
        !str_eq(v, "info") && !str_eq(v, "warning") && !str_eq(v, "error"))
        return "LIBVIRT_DEBUG";
    v = getenv("LIBVIRT_LOG_FILTERS");
    if (v && strstr(v, "1:"))
        return "LIBVIRT_LOG_FILTERS";
    return NULL;
}

static int cmd_agent_set_user_password(struct shell *sh, void *opaque)
{
    struct password_args *a = opaque;
    _cleanup_(secret_wipe) struct secret pw = { 0 };
    const char *dbg = libvirt_debug_env();
    if (dbg) {
        if (a->password)
            explicit_bzero((char *)a->password, strlen(a->password));
        return error(sh, "%s turns on libvirt's debug log, which would record the password: "
                     "unset it to run set-user-password", dbg);
    }
    _cleanup_domain_ virDomainPtr dom = conn_lookup_domain(sh, a->domain);
    if (!dom) {
        if (a->password)
            explicit_bzero((char *)a->password, strlen(a->password));
        return CMD_FAILED;
    }
    if (get_password(sh, a, &pw) != CMD_OK)
        return sh->err.status ? sh->err.status : CMD_FAILED;
    if (pw.len == 0)
        return error(sh, "the password is empty: nothing was changed");
    if (virDomainSetUserPassword(dom, a->user, pw.buf, a->encrypted ? VIR_DOMAIN_PASSWORD_ENCRYPTED : 0) < 0)
        return agent_err_libvirt(sh, "cannot set the password of '%s' in domain '%s'", a->user, a->domain);

    _cleanup_json_ struct json_object *o = domain_ident_json(dom);
    json_object_object_add(o, "user", json_object_new_string(a->user));
    json_object_object_add(o, "result", json_object_new_string("password_set"));
    _cleanup_free_ char *text = xasprintf("Password set successfully for %s in %s", a->user,
                                          a->domain);
    out_message(&sh->out, o, text);
    out_line_ends_command(&sh->out); /* virsh's message has no newline: the blank line ends it */
    return CMD_OK;
}

/* ---------------------------------------------------------------- filesystems */

struct fsfreeze_args {
    const char *domain;
    struct strv mountpoint; /* --mountpoint, repeatable */
    struct strv words;      /* and positional, as virsh takes them */
};

static int fs_freeze_thaw(struct shell *sh, struct fsfreeze_args *a, bool freeze)
{
    _cleanup_domain_ virDomainPtr dom = conn_lookup_domain(sh, a->domain);
    if (!dom)
        return CMD_FAILED;
    size_t n = a->mountpoint.n + a->words.n;
    _cleanup_free_ const char **mp = xcalloc(n + 1, sizeof(*mp));
    for (size_t i = 0; i < a->mountpoint.n; i++)
        mp[i] = a->mountpoint.v[i];
    for (size_t i = 0; i < a->words.n; i++)
        mp[a->mountpoint.n + i] = a->words.v[i];
    int r = freeze ? virDomainFSFreeze(dom, n ? mp : NULL, (unsigned int)n, 0)
                   : virDomainFSThaw(dom, n ? mp : NULL, (unsigned int)n, 0);
    if (r < 0)
        return agent_err_libvirt(sh, "cannot %s the file systems of domain '%s'", freeze ? "freeze" : "thaw",
                           a->domain);
    _cleanup_json_ struct json_object *o = domain_ident_json(dom);
    json_object_object_add(o, freeze ? "frozen" : "thawed", json_object_new_int(r));
    _cleanup_free_ char *text = xasprintf("%s %d filesystem(s)", freeze ? "Froze" : "Thawed", r);
    out_message(&sh->out, o, text);
    return CMD_OK;
}

static int cmd_agent_domfsfreeze(struct shell *sh, void *opaque)
{
    return fs_freeze_thaw(sh, opaque, true);
}

static int cmd_agent_domfsthaw(struct shell *sh, void *opaque)
{
    return fs_freeze_thaw(sh, opaque, false);
}

struct dom_args {
    const char *domain;
};

static int cmd_agent_domfsinfo(struct shell *sh, void *opaque)
{
    struct dom_args *a = opaque;
    _cleanup_domain_ virDomainPtr dom = conn_lookup_domain(sh, a->domain);
    if (!dom)
        return CMD_FAILED;
    virDomainFSInfoPtr *info = NULL;
    int n = virDomainGetFSInfo(dom, &info, 0);
    if (n < 0)
        return agent_err_libvirt(sh, "cannot get the file systems of domain '%s'", a->domain);
    bool json = sh->out.mode == OUT_JSON;
    _cleanup_json_ struct json_object *rows = json_object_new_array();
    for (int i = 0; i < n; i++) {
        struct json_object *r = json_object_new_object();
        json_object_object_add(r, "mountpoint", json_object_new_string(info[i]->mountpoint));
        json_object_object_add(r, "name", json_object_new_string(info[i]->name));
        json_object_object_add(r, "type", json_object_new_string(info[i]->fstype));
        if (json) {
            struct json_object *t = json_object_new_array();
            for (size_t k = 0; k < info[i]->ndevAlias; k++)
                json_object_array_add(t, json_object_new_string(info[i]->devAlias[k]));
            json_object_object_add(r, "targets", t);
        } else {
            _cleanup_strbuf_ struct strbuf joined = { 0 };
            for (size_t k = 0; k < info[i]->ndevAlias; k++)
                strbuf_printf(&joined, "%s%s", k ? "," : "", info[i]->devAlias[k]);
            json_object_object_add(r, "target", json_object_new_string(strbuf_str(&joined)));
        }
        json_object_array_add(rows, r);
        virDomainFSInfoFree(info[i]);
    }
    free(info);
    static const struct out_col cols[] = {
        { "mountpoint", "Mountpoint", FMT_PLAIN },
        { "name", "Name", FMT_PLAIN },
        { "type", "Type", FMT_PLAIN },
        { "target", "Target", FMT_PLAIN },
    };
    out_table(&sh->out, rows, cols, ARRAY_SIZE(cols));
    return CMD_OK;
}

/* ---------------------------------------------------------------- guestinfo, guestvcpus */

/* virsh's "%-N s: value" lines, and a JSON object. */
static void print_params(struct shell *sh, virTypedParameterPtr params, int n, int width, bool nest)
{
    _cleanup_json_ struct json_object *o = typed_params_json(params, n, nest ? TYPED_PARAMS_NEST : 0);
    _cleanup_free_ char *rows = typed_params_text(params, n, "", width, 0);
    out_value(&sh->out, o, rows); /* the command's blank line ends the block */
}

struct guestinfo_args {
    const char *domain;
    bool user, os, timezone, hostname, filesystem, disk, interface;
};

static int cmd_agent_guestinfo(struct shell *sh, void *opaque)
{
    struct guestinfo_args *a = opaque;
    unsigned int types = 0;
    if (a->user)
        types |= VIR_DOMAIN_GUEST_INFO_USERS;
    if (a->os)
        types |= VIR_DOMAIN_GUEST_INFO_OS;
    if (a->timezone)
        types |= VIR_DOMAIN_GUEST_INFO_TIMEZONE;
    if (a->hostname)
        types |= VIR_DOMAIN_GUEST_INFO_HOSTNAME;
    if (a->filesystem)
        types |= VIR_DOMAIN_GUEST_INFO_FILESYSTEM;
    if (a->disk)
        types |= VIR_DOMAIN_GUEST_INFO_DISKS;
    if (a->interface)
        types |= VIR_DOMAIN_GUEST_INFO_INTERFACES;
    _cleanup_domain_ virDomainPtr dom = conn_lookup_domain(sh, a->domain);
    if (!dom)
        return CMD_FAILED;
    virTypedParameterPtr params = NULL;
    int n = 0;
    if (virDomainGetGuestInfo(dom, types, &params, &n, 0) < 0)
        return agent_err_libvirt(sh, "cannot get guest information from domain '%s'", a->domain);
    print_params(sh, params, n, 20, true);
    virTypedParamsFree(params, n);
    return CMD_OK;
}

struct guestvcpus_args {
    const char *domain;
    const char *cpulist;
    bool enable, disable;
};

static int cmd_agent_guestvcpus(struct shell *sh, void *opaque)
{
    struct guestvcpus_args *a = opaque;
    _cleanup_domain_ virDomainPtr dom = conn_lookup_domain(sh, a->domain);
    if (!dom)
        return CMD_FAILED;
    if (a->cpulist) {
        if (virDomainSetGuestVcpus(dom, a->cpulist, a->enable ? 1 : 0, 0) < 0)
            return agent_err_libvirt(sh, "cannot %s vCPUs '%s' in domain '%s'",
                               a->enable ? "enable" : "disable", a->cpulist, a->domain);
        if (sh->out.mode == OUT_JSON) {
            _cleanup_json_ struct json_object *o = domain_ident_json(dom);
            json_object_object_add(o, a->enable ? "enabled" : "disabled",
                                   json_object_new_string(a->cpulist));
            out_value(&sh->out, o, "");
        }
        return CMD_OK; /* virsh prints nothing */
    }
    virTypedParameterPtr params = NULL;
    unsigned int n = 0;
    if (virDomainGetGuestVcpus(dom, &params, &n, 0) < 0)
        return agent_err_libvirt(sh, "cannot get the guest vCPUs of domain '%s'", a->domain);
    print_params(sh, params, (int)n, 15, false);
    virTypedParamsFree(params, (int)n);
    return CMD_OK;
}

/* ---------------------------------------------------------------- table */

/* --mountpoint MP (repeatable), or the mount points as plain words like virsh. */
#define FS_OPTS(what) \
    OPTS(DOM_ACTIVE(struct fsfreeze_args), \
         OPT_LIST(struct fsfreeze_args, "mountpoint", mountpoint, what), \
         OPT_ARGV(struct fsfreeze_args, "mountpoints", words, "mount points, as virsh takes them", \
                  .flags = OPT_HIDDEN, .metavar = "MOUNTPOINT"))
/* How long to wait for an agent's reply, and how to print it. */
#define REPLY_OPTS(st) \
    OPT_INT(st, "timeout", timeout, 1, 86400, "seconds to wait for the reply", \
            .metavar = "SECONDS", .excl = EXCL(0)), \
    OPT_FLAG(st, "async", async, "send the command without waiting for its reply", .excl = EXCL(0)), \
    OPT_FLAG(st, "block", block, "wait for the reply as long as it takes", .excl = EXCL(0)), \
    OPT_FLAG(st, "pretty", pretty, "indent the reply")

const struct cmd_group cmd_group_agent = {
    .name = "guest", /* not "agent": that is a command, and `help NAME` finds commands first */
    .title = "Guest agent",
    .more = (const struct cmd_def *const[]){ guest_exec_cmds, guest_wait_cmds, NULL },
    .cmds = (const struct cmd_def[]){
        { .name = "qemu-agent-command", .summary = "run a raw guest agent command",
          .desc = "Sends a JSON request to the domain's QEMU guest agent through libvirt and prints "
                  "the whole reply as JSON: indented with --pretty or on a terminal, compact otherwise. "
                  "The request is checked before anything is sent. An error reply from the agent is "
                  "reported as an error (exit status 1). Without --timeout, libvirt's default applies; "
                  "--block waits as long as it takes; --async asks libvirt not to wait, which "
                  "libvirt 9.0 reports as 'Guest agent not available for now' (so does virsh).",
          .run = cmd_agent_qemu_agent_command, .args_size = sizeof(struct qac_args),
          .result = RESULT_FREE, /* the agent's reply as it is */
          .flags = CMD_MODIFIES,
          .opts = OPTS(DOM_ACTIVE(struct qac_args),
                       REPLY_OPTS(struct qac_args),
                       OPT_ARGV(struct qac_args, "cmd", cmd, "the request, e.g. "
                                "'{\"execute\":\"guest-info\"}' (words are joined with blanks)",
                                .flags = OPT_REQUIRED, .metavar = "JSON")) },
        { .name = "agent", .summary = "run a guest agent command, with key=value arguments",
          .desc = "COMMAND [ARG...]: 'agent web1 guest-info', 'agent web1 guest-exec path=/bin/ls "
                  "arg:='[\"-l\"]''. key=value passes a string, key:=JSON any JSON value (number, "
                  "boolean, array, object). A single @FILE reads the whole request from FILE, '-' "
                  "from standard input, and a word starting with '{' is a whole request. Invalid JSON "
                  "is rejected before anything is sent. Prints the command's \"return\" value as "
                  "JSON (indented on a terminal or with --pretty). An unknown command gets a "
                  "suggestion from the agent's own list (guest-info, cached per connection). With "
                  "--socket PATH, virtsh speaks the agent protocol itself on a qemu-ga socket (a "
                  "host-side chardev, or the virtio-serial port inside a guest), resynchronising "
                  "with guest-sync-delimited; the connection stays open for the shell's life.",
          .run = cmd_agent_agent, .args_size = sizeof(struct agentcmd_args),
          .result = RESULT_FREE, /* the agent's "return" value as it is */
          .flags = CMD_MODIFIES | CMD_NOCONN, /* --socket needs no libvirt; the domain path connects */
          .needs = "domain|socket",
          .opts = OPTS(OPT_STRING(struct agentcmd_args, "domain", domain, "domain name, id or uuid",
                                  .flags = OPT_POSITIONAL, .complete = COMPL_DOMAIN_ACTIVE),
                       OPT_STRING(struct agentcmd_args, "socket", socket,
                                  "talk to the qemu-ga socket at PATH directly, without libvirt "
                                  "(no domain then)", .complete = COMPL_FILE, .metavar = "PATH"),
                       REPLY_OPTS(struct agentcmd_args),
                       OPT_ARGV(struct agentcmd_args, "request", request,
                                "the agent command and its key=value / key:=JSON arguments, or "
                                "@FILE, - or a JSON request", .metavar = "COMMAND [ARG]",
                                .complete = COMPL_AGENT_CMD)) },
        { .name = "domtime", .summary = "get or set a domain's clock through the guest agent",
          .desc = "Without options, prints the guest's time in seconds since the epoch (UTC with "
                  "--pretty). --now sets it to the host's time, --time to the given seconds, --sync "
                  "from the guest's own RTC.",
          .run = cmd_agent_domtime, .args_size = sizeof(struct domtime_args),
          .result = RESULT_OBJECT(DOMAIN_IDENT_FIELDS,
              { "seconds", RT_INT | RT_NULL, "the guest's time (seconds since the epoch); "
                                             "setting: the time set, null with --sync" },
              { "nseconds", RT_INT | RT_OPTIONAL, "getting: nanoseconds" },
              { "utc", RT_STRING | RT_OPTIONAL, "getting: the time as ISO 8601 UTC" },
              { "result", RT_STRING | RT_OPTIONAL, "setting: \"set\" or \"synced\"" }),
          .opts = OPTS(DOM_ACTIVE(struct domtime_args),
                       /* --time excludes --now (set 0) and --sync (1); --pretty
                        * formats the time read and is ignored when setting, as in virsh. */
                       OPT_FLAG(struct domtime_args, "now", now,
                                "set the guest's clock to the host's time", .flags = OPT_MODIFIES,
                                .excl = EXCL(0)),
                       OPT_FLAG(struct domtime_args, "pretty", pretty,
                                "print the time as a UTC date and time"),
                       OPT_FLAG(struct domtime_args, "sync", sync,
                                "set the guest's clock from its RTC", .flags = OPT_MODIFIES,
                                .excl = EXCL(1)),
                       OPT_STRING(struct domtime_args, "time", time,
                                  "set the guest's clock to this many seconds since the epoch",
                                  .flags = OPT_MODIFIES | OPT_POSITIONAL, .metavar = "SECONDS",
                                  .excl = EXCL(0) | EXCL(1))) },
        { .name = "set-user-password", .summary = "set a user's password inside a domain",
          .desc = "The password is read from a prompt that does not echo (asked twice) when standard "
                  "input is a terminal, from the first line of --password-file FILE, or from the "
                  "first line of standard input. The PASSWORD argument exists for virsh "
                  "compatibility only: other users can see command lines. Lines running this command "
                  "are never written to the history, and logs (-l) mask the password. With --encrypted "
                  "the password is already a crypt(3) hash.",
          .run = cmd_agent_set_user_password, .args_size = sizeof(struct password_args),
          .result = RESULT_OBJECT(DOMAIN_IDENT_FIELDS, { "user", RT_STRING, "the user" },
                                  { "result", RT_STRING, "\"password_set\"" }),
          .flags = CMD_MODIFIES | CMD_SECRET,
          .opts = OPTS(DOM_ACTIVE(struct password_args),
                       OPT_STRING(struct password_args, "user", user, "the user name",
                                  .flags = ARG_REQUIRED),
                       OPT_STRING(struct password_args, "password", password,
                                  "the new password (visible to other users: prefer the prompt)",
                                  .flags = OPT_POSITIONAL | OPT_SECRET, .excl = EXCL(0)),
                       OPT_STRING(struct password_args, "password-file", password_file,
                                  "read the password from the first line of FILE",
                                  .complete = COMPL_FILE, .metavar = "FILE", .excl = EXCL(0),
                                  .why = "give the password one way"),
                       OPT_FLAG(struct password_args, "encrypted", encrypted, "the password is already encrypted")) },
        { .name = "domfsfreeze", .summary = "freeze a domain's mounted file systems",
          .desc = "Without mount points, every mounted file system is frozen. Mount points may also "
                  "be given as plain words, as virsh takes them.",
          .run = cmd_agent_domfsfreeze, .args_size = sizeof(struct fsfreeze_args), .flags = CMD_MODIFIES,
          .result = RESULT_OBJECT(DOMAIN_IDENT_FIELDS,
                                  { "frozen", RT_INT, "how many file systems were frozen" }),
          .opts = FS_OPTS("a mount point to freeze (repeatable)") },
        { .name = "domfsthaw", .summary = "thaw a domain's frozen file systems",
          .desc = "Without mount points, every frozen file system is thawed. Mount points may also "
                  "be given as plain words, as virsh takes them.",
          .run = cmd_agent_domfsthaw, .args_size = sizeof(struct fsfreeze_args), .flags = CMD_MODIFIES,
          .result = RESULT_OBJECT(DOMAIN_IDENT_FIELDS,
                                  { "thawed", RT_INT, "how many file systems were thawed" }),
          .opts = FS_OPTS("a mount point to thaw (repeatable)") },
        { .name = "domfsinfo", .summary = "list a domain's mounted file systems",
          .run = cmd_agent_domfsinfo, .args_size = sizeof(struct dom_args),
          .result = RESULT_ARRAY({ "mountpoint", RT_STRING, "where it is mounted" },
                                 { "name", RT_STRING, "the guest's device name" },
                                 { "type", RT_STRING, "file system type" },
                                 { "targets", RT_ARRAY, "the disks it is on (their targets)" },
                                 { "targets[]", RT_STRING, "a disk target" }),
          .opts = OPTS(DOM_ACTIVE(struct dom_args)) },
        { .name = "guestinfo", .summary = "show what the guest agent reports about the guest",
          .desc = "Without options, everything. In JSON, libvirt's flat keys are nested: "
                  "\"fs.0.name\" is fs[0].name.",
          .run = cmd_agent_guestinfo, .args_size = sizeof(struct guestinfo_args),
          .result = RESULT_FREE, /* libvirt's typed parameters, nested by their names */
          .opts = OPTS(DOM_ACTIVE(struct guestinfo_args),
                       OPT_FLAG(struct guestinfo_args, "user", user, "active users"),
                       OPT_FLAG(struct guestinfo_args, "os", os, "operating system"),
                       OPT_FLAG(struct guestinfo_args, "timezone", timezone, "time zone"),
                       OPT_FLAG(struct guestinfo_args, "hostname", hostname, "host name"),
                       OPT_FLAG(struct guestinfo_args, "filesystem", filesystem, "file systems"),
                       OPT_FLAG(struct guestinfo_args, "disk", disk, "disks"),
                       OPT_FLAG(struct guestinfo_args, "interface", interface, "network interfaces")) },
        { .name = "guestvcpus", .summary = "show or change which vCPUs the guest uses",
          .desc = "Without options, lists the guest's vCPUs, the online ones and those that can be "
                  "taken offline. --cpulist LIST with --enable or --disable changes them.",
          .run = cmd_agent_guestvcpus, .args_size = sizeof(struct guestvcpus_args),
          .result = RESULT_FREE, /* libvirt's typed parameters; changing: name, id, uuid and
                                  * enabled or disabled: the list */
          .opts = OPTS(DOM_ACTIVE(struct guestvcpus_args),
                       OPT_STRING(struct guestvcpus_args, "cpulist", cpulist,
                                  "vCPUs to change, e.g. 1-3,^2",
                                  .flags = OPT_MODIFIES | OPT_POSITIONAL,
                                  .metavar = "LIST", .needs = "enable|disable"),
                       OPT_FLAG(struct guestvcpus_args, "enable", enable, "bring them online",
                                .excl = EXCL(0), .needs = "cpulist"),
                       OPT_FLAG(struct guestvcpus_args, "disable", disable, "take them offline",
                                .excl = EXCL(0), .needs = "cpulist")) },
        { 0 },
    },
};
