/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * cmd/domain-guest.c - more of a domain's management, mostly through the
 * hypervisor or the guest agent: domhostname, domfstrim, get-user-sshkeys,
 * set-user-sshkeys, guest-agent-timeout, domxml-from-native,
 * domxml-to-native, domdirtyrate-calc, domlaunchsecinfo.
 */
#include <errno.h>
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
#include <limits.h>
#include <string.h>
#include <unistd.h>

#include "core/strbuf.h"
#include "core/strv.h"
#include "core/util.h"
#include "guest/agent.h"
#include "virt/conn.h"
#include "virt/context.h"
#include "virt/domain.h"
#include "virt/err.h"
#include "virt/typed-params.h"
#include "cmd/devices.h"
#include "cmd/domain-more.h"

struct dom_args {
    const char *domain;
};

/* ---- domhostname, domfstrim ------------------------------------------------------------ */

#define HOSTNAME_SOURCES VALUES("agent", "lease")

struct hostname_args {
    const char *domain;
    int source;
};

static int cmd_domain_domhostname(struct shell *sh, void *opaque)
{
    struct hostname_args *a = opaque;
    unsigned int flags = a->source == 0 ? VIR_DOMAIN_GET_HOSTNAME_AGENT
                         : a->source == 1 ? VIR_DOMAIN_GET_HOSTNAME_LEASE : 0;
    _cleanup_domain_ virDomainPtr d = conn_lookup_domain(sh, a->domain);
    if (!d)
        return CMD_FAILED;
    _cleanup_free_ char *host = virDomainGetHostname(d, flags);
    if (!host)
        return agent_err_libvirt(sh, "cannot get the host name of domain '%s'", a->domain);
    _cleanup_json_ struct json_object *o = json_object_new_object();
    json_object_object_add(o, "hostname", json_object_new_string(host));
    out_value(&sh->out, o, host);
    return CMD_OK;
}

struct fstrim_args {
    const char *domain;
    unsigned long long minimum;
    const char *mountpoint;
};

static int cmd_domain_domfstrim(struct shell *sh, void *opaque)
{
    struct fstrim_args *a = opaque;
    _cleanup_domain_ virDomainPtr d = conn_lookup_domain(sh, a->domain);
    if (!d)
        return CMD_FAILED;
    if (virDomainFSTrim(d, a->mountpoint, a->minimum, 0) < 0)
        return agent_err_libvirt(sh, "cannot trim the file systems of domain '%s'", a->domain);
    _cleanup_json_ struct json_object *o = domain_ident_json(d);
    json_object_object_add(o, "result", json_object_new_string("trimmed"));
    json_object_object_add(o, "mountpoint", a->mountpoint ? json_object_new_string(a->mountpoint) : NULL);
    return dev_json_only(sh, o);
}

/* ---- get-user-sshkeys, set-user-sshkeys ----------------------------------------------- */

struct getkeys_args {
    const char *domain, *user;
};

static int cmd_domain_get_user_sshkeys(struct shell *sh, void *opaque)
{
    struct getkeys_args *a = opaque;
    _cleanup_domain_ virDomainPtr d = conn_lookup_domain(sh, a->domain);
    if (!d)
        return CMD_FAILED;
    char **keys = NULL;
    int n = virDomainAuthorizedSSHKeysGet(d, a->user, &keys, 0);
    if (n < 0)
        return agent_err_libvirt(sh, "cannot get the SSH keys of user '%s' in domain '%s'",
                                 a->user, a->domain);
    _cleanup_json_ struct json_object *o = json_object_new_object();
    struct json_object *arr = json_object_new_array();
    struct strbuf text = { 0 };
    for (int i = 0; i < n; i++) {
        json_object_array_add(arr, json_object_new_string(keys[i]));
        strbuf_printf(&text, "%s\n", keys[i]);
        free(keys[i]);
    }
    free(keys);
    json_object_object_add(o, "user", json_object_new_string(a->user));
    json_object_object_add(o, "keys", arr);
    _cleanup_free_ char *t = strbuf_steal(&text);
    if (sh->out.mode == OUT_TEXT && !*t)
        return CMD_OK;
    out_value(&sh->out, o, t);
    return CMD_OK;
}

struct setkeys_args {
    const char *domain, *user, *file;
    bool reset, remove;
};

/* The keys of FILE ('-': standard input): its lines but blank ones and
 * comments.  -1 with the error recorded. */
static int read_keys(struct shell *sh, const char *file, struct strv *ret)
{
    size_t len;
    _cleanup_free_ char *text = str_eq(file, "-") ? read_fd(STDIN_FILENO, 1 << 20, &len)
                                                  : read_file(file, &len);
    if (!text)
        return error(sh, "cannot read '%s': %s", file, strerror(errno)), -1;
    char *save = NULL;
    for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        size_t n = strlen(line);
        if (n && line[n - 1] == '\r')
            line[--n] = '\0';
        const char *p = line + strspn(line, " \t");
        if (*p && *p != '#')
            strv_add(ret, p);
    }
    if (ret->n == 0)
        return error(sh, "'%s' holds no keys", file), -1;
    return 0;
}

static int cmd_domain_set_user_sshkeys(struct shell *sh, void *opaque)
{
    struct setkeys_args *a = opaque;
    if (!a->file && !a->reset)
        return usage_error(sh, "the keys come from '--file' (only '--reset' goes without: it "
                           "removes every key)");
    _cleanup_strv_ struct strv keys = { 0 };
    if (a->file && read_keys(sh, a->file, &keys) < 0)
        return CMD_FAILED;
    _cleanup_domain_ virDomainPtr d = conn_lookup_domain(sh, a->domain);
    if (!d)
        return CMD_FAILED;
    unsigned int flags = a->remove ? VIR_DOMAIN_AUTHORIZED_SSH_KEYS_SET_REMOVE
                         : a->reset ? 0 : VIR_DOMAIN_AUTHORIZED_SSH_KEYS_SET_APPEND;
    if (virDomainAuthorizedSSHKeysSet(d, a->user, (const char **)keys.v, (unsigned int)keys.n,
                                      flags) < 0)
        return agent_err_libvirt(sh, "cannot change the SSH keys of user '%s' in domain '%s'",
                                 a->user, a->domain);
    _cleanup_json_ struct json_object *o = domain_ident_json(d);
    json_object_object_add(o, "user", json_object_new_string(a->user));
    json_object_object_add(o, "result", json_object_new_string(a->remove ? "removed"
                                                               : a->reset ? "reset" : "added"));
    json_object_object_add(o, "keys", json_object_new_int64((int64_t)keys.n));
    return dev_json_only(sh, o);
}

/* ---- guest-agent-timeout ---------------------------------------------------------------- */

struct timeout_args {
    const char *domain;
    long long timeout;
};

static int cmd_domain_guest_agent_timeout(struct shell *sh, void *opaque)
{
    struct timeout_args *a = opaque;
    _cleanup_domain_ virDomainPtr d = conn_lookup_domain(sh, a->domain);
    if (!d)
        return CMD_FAILED;
    if (virDomainAgentSetResponseTimeout(d, (int)a->timeout, 0) < 0)
        return err_libvirt(sh, "cannot set the agent timeout of domain '%s'", a->domain);
    _cleanup_json_ struct json_object *o = domain_ident_json(d);
    json_object_object_add(o, "timeout_s", json_object_new_int64(a->timeout));
    return dev_json_only(sh, o);
}

/* ---- domxml-from-native, domxml-to-native ----------------------------------------------- */

struct native_args {
    const char *format, *config, *domain, *xml;
};

static int cmd_domain_domxml_from_native(struct shell *sh, void *opaque)
{
    struct native_args *a = opaque;
    size_t len;
    _cleanup_free_ char *native = read_file(a->config, &len);
    if (!native)
        return error(sh, "cannot read '%s': %s", a->config, strerror(errno));
    _cleanup_free_ char *xml = virConnectDomainXMLFromNative(sh->conn, a->format, native, 0);
    if (!xml)
        return err_libvirt(sh, "cannot convert '%s' from %s", a->config, a->format);
    out_xml(&sh->out, xml);
    return CMD_OK;
}

static int cmd_domain_domxml_to_native(struct shell *sh, void *opaque)
{
    struct native_args *a = opaque;
    if (!!a->domain == !!a->xml)
        return usage_error(sh, "give either '--domain' or '--xml'");
    _cleanup_free_ char *xml = NULL;
    if (a->domain) {
        _cleanup_domain_ virDomainPtr d = conn_lookup_domain(sh, a->domain);
        if (!d)
            return CMD_FAILED;
        if (!(xml = virDomainGetXMLDesc(d, 0)))
            return err_libvirt(sh, "cannot get the XML of domain '%s'", a->domain);
    } else if (!(xml = domain_read_xml_file(sh, a->xml))) {
        return CMD_FAILED;
    }
    _cleanup_free_ char *native = virConnectDomainXMLToNative(sh->conn, a->format, xml, 0);
    if (!native)
        return err_libvirt(sh, "cannot convert %s to %s", a->domain ? a->domain : a->xml, a->format);
    _cleanup_json_ struct json_object *o = json_object_new_object();
    json_object_object_add(o, "format", json_object_new_string(a->format));
    json_object_object_add(o, "native", json_object_new_string(native));
    out_value(&sh->out, o, native);
    return CMD_OK;
}

/* ---- domdirtyrate-calc, domlaunchsecinfo ---------------------------------------------- */

#define DIRTYRATE_MODES VALUES("page-sampling", "dirty-bitmap", "dirty-ring")

struct dirtyrate_args {
    const char *domain;
    long long seconds;
    int mode;
};

static int cmd_domain_domdirtyrate_calc(struct shell *sh, void *opaque)
{
    struct dirtyrate_args *a = opaque;
    static const unsigned int modes[] = { VIR_DOMAIN_DIRTYRATE_MODE_PAGE_SAMPLING,
                                          VIR_DOMAIN_DIRTYRATE_MODE_DIRTY_BITMAP,
                                          VIR_DOMAIN_DIRTYRATE_MODE_DIRTY_RING };
    _cleanup_domain_ virDomainPtr d = conn_lookup_domain(sh, a->domain);
    if (!d)
        return CMD_FAILED;
    if (virDomainStartDirtyRateCalc(d, (int)a->seconds, a->mode < 0 ? 0 : modes[a->mode]) < 0)
        return err_libvirt(sh, "cannot start measuring the dirty rate of domain '%s'", a->domain);
    _cleanup_json_ struct json_object *o = domain_ident_json(d);
    json_object_object_add(o, "seconds", json_object_new_int64(a->seconds));
    json_object_object_add(o, "mode", a->mode < 0 ? NULL : json_object_new_string(DIRTYRATE_MODES[a->mode]));
    out_message(&sh->out, o, "Start to calculate domain's memory dirty rate successfully.");
    return CMD_OK;
}

static int cmd_domain_domlaunchsecinfo(struct shell *sh, void *opaque)
{
    struct dom_args *a = opaque;
    _cleanup_domain_ virDomainPtr d = conn_lookup_domain(sh, a->domain);
    if (!d)
        return CMD_FAILED;
    virTypedParameterPtr params = NULL;
    int n = 0;
    if (virDomainGetLaunchSecurityInfo(d, &params, &n, VIR_TYPED_PARAM_STRING_OKAY) < 0)
        return err_libvirt(sh, "cannot get the launch security parameters of domain '%s'",
                           a->domain);
    _cleanup_json_ struct json_object *o = typed_params_json(params, n, 0);
    _cleanup_free_ char *text = typed_params_text(params, n, "", 15, 0);
    virTypedParamsFree(params, n);
    if (sh->out.mode == OUT_TEXT && !*text)
        return CMD_OK;
    out_value(&sh->out, o, text);
    return CMD_OK;
}

/* ---- the rows ------------------------------------------------------------------------- */

const struct cmd_def domain_guest_cmds[] = {
    { .name = "domhostname", .summary = "show a running guest's host name",
      .desc = "Print the guest's host name, as the hypervisor's default source knows it, or "
              "--source agent (the guest agent) or lease (the DHCP leases of libvirt's "
              "networks).  JSON: {hostname}.",
      .run = cmd_domain_domhostname, .args_size = sizeof(struct hostname_args),
      .result = RESULT_OBJECT({ "hostname", RT_STRING, "the guest's host name" }),
      .opts = OPTS(ARG_DOMAIN(struct hostname_args, domain, COMPL_DOMAIN_ACTIVE),
                   OPT_ENUM(struct hostname_args, "source", source, HOSTNAME_SOURCES,
                            "where to ask: agent or lease", .flags = OPT_POSITIONAL)) },
    { .name = "domfstrim", .summary = "discard the unused blocks of a running guest's file systems",
      .desc = "Ask the guest agent to fstrim the guest's mounted file systems (or only "
              "--mountpoint), skipping free ranges smaller than --minimum bytes.  Prints "
              "nothing.  JSON: name, id, uuid, result \"trimmed\", mountpoint.",
      .run = cmd_domain_domfstrim, .args_size = sizeof(struct fstrim_args), .flags = CMD_MODIFIES,
      .result = RESULT_OBJECT(DOMAIN_IDENT_FIELDS, { "result", RT_STRING, "\"trimmed\"" },
                              { "mountpoint", RT_STRING | RT_NULL, "the one trimmed (null: all)" }),
      .opts = OPTS(ARG_DOMAIN(struct fstrim_args, domain, COMPL_DOMAIN_ACTIVE),
                   OPT_SCALED(struct fstrim_args, "minimum", minimum, 1,
                              "skip free ranges smaller than this many bytes",
                              .flags = OPT_POSITIONAL, .metavar = "BYTES"),
                   OPT_STRING(struct fstrim_args, "mountpoint", mountpoint,
                              "only this mount point", .flags = OPT_POSITIONAL)) },
    { .name = "get-user-sshkeys", .summary = "list a guest user's authorized SSH keys",
      .desc = "Print the SSH keys in USER's authorized_keys in the guest (through its agent), "
              "one a line.  JSON: {user, keys}.",
      .run = cmd_domain_get_user_sshkeys, .args_size = sizeof(struct getkeys_args),
      .result = RESULT_OBJECT({ "user", RT_STRING, "the guest user" },
                              { "keys", RT_ARRAY, "the keys" }, { "keys[]", RT_STRING, "a key" }),
      .opts = OPTS(ARG_DOMAIN(struct getkeys_args, domain, COMPL_DOMAIN_ACTIVE),
                   OPT_STRING(struct getkeys_args, "user", user, "the guest user",
                              .flags = ARG_REQUIRED)) },
    { .name = "set-user-sshkeys", .summary = "add, replace or remove a guest user's SSH keys",
      .desc = "Add the keys of --file ('-': standard input; one a line, blank lines and # "
              "comments skipped) to USER's authorized_keys in the guest (through its agent); "
              "--reset replaces the keys with them (without --file: removes every key), "
              "--remove removes them.  Keys come from a file only, never from the command "
              "line.  Prints nothing.  JSON: name, id, uuid, user, result (added, reset, "
              "removed), keys (how many were given).",
      .run = cmd_domain_set_user_sshkeys, .args_size = sizeof(struct setkeys_args),
      .flags = CMD_MODIFIES,
      .result = RESULT_OBJECT(DOMAIN_IDENT_FIELDS, { "user", RT_STRING, "the guest user" },
                              { "result", RT_STRING, "added, reset or removed" },
                              { "keys", RT_INT, "how many keys the file gave" }),
      .opts = OPTS(ARG_DOMAIN(struct setkeys_args, domain, COMPL_DOMAIN_ACTIVE),
                   OPT_STRING(struct setkeys_args, "user", user, "the guest user",
                              .flags = ARG_REQUIRED),
                   OPT_STRING(struct setkeys_args, "file", file,
                              "the file of keys ('-': standard input)", .flags = OPT_POSITIONAL,
                              .complete = COMPL_FILE),
                   OPT_FLAG(struct setkeys_args, "reset", reset,
                            "replace the keys instead of adding", .excl = EXCL(0)),
                   OPT_FLAG(struct setkeys_args, "remove", remove, "remove these keys",
                            .excl = EXCL(0), .needs = "file")) },
    { .name = "guest-agent-timeout", .summary = "set how long libvirt waits for the guest agent",
      .desc = "Set how many seconds libvirt waits for the domain's guest agent to answer: "
              "-2 (the default of this command) waits as long as it takes, -1 is libvirt's "
              "default, 0 does not wait.  Prints nothing.  JSON: name, id, uuid, timeout_s.",
      .run = cmd_domain_guest_agent_timeout, .args_size = sizeof(struct timeout_args),
      .flags = CMD_MODIFIES,
      .result = RESULT_OBJECT(DOMAIN_IDENT_FIELDS, { "timeout_s", RT_INT, "the timeout set" }),
      .opts = OPTS(ARG_DOMAIN(struct timeout_args, domain, COMPL_DOMAIN),
                   OPT_INT(struct timeout_args, "timeout", timeout, -2, INT_MAX,
                           "seconds (-2: wait as long as it takes, -1: libvirt's default, 0: no wait)",
                           .def = "-2", .metavar = "SECONDS")) },
    { .name = "domxml-from-native", .summary = "convert a hypervisor's own configuration to domain XML",
      .desc = "Print the domain XML that CONFIG (a file in FORMAT, e.g. qemu-argv, xen-xm) "
              "stands for, where the hypervisor can convert it.  JSON: {xml}.",
      .run = cmd_domain_domxml_from_native, .args_size = sizeof(struct native_args),
      .result = RESULT_OBJECT({ "xml", RT_STRING, "the domain XML" }),
      .opts = OPTS(OPT_STRING(struct native_args, "format", format,
                              "the configuration's format (qemu-argv, xen-xm, ...)",
                              .flags = ARG_REQUIRED),
                   OPT_STRING(struct native_args, "config", config, "the file to convert",
                              .flags = ARG_REQUIRED, .complete = COMPL_FILE)) },
    { .name = "domxml-to-native", .summary = "convert domain XML to a hypervisor's own configuration",
      .desc = "Print a domain's configuration (--domain) or the domain XML of --xml FILE in "
              "FORMAT (qemu-argv: the QEMU command line).  JSON: {format, native}.",
      .run = cmd_domain_domxml_to_native, .args_size = sizeof(struct native_args),
      .result = RESULT_OBJECT({ "format", RT_STRING, "the format" },
                              { "native", RT_STRING, "the configuration in it" }),
      .opts = OPTS(OPT_STRING(struct native_args, "format", format,
                              "the format to convert to (qemu-argv)", .flags = ARG_REQUIRED),
                   OPT_STRING(struct native_args, "domain", domain, "convert this domain",
                              .complete = COMPL_DOMAIN),
                   OPT_STRING(struct native_args, "xml", xml, "convert this domain XML file",
                              .flags = OPT_POSITIONAL, .complete = COMPL_FILE)) },
    { .name = "domdirtyrate-calc", .summary = "start measuring how fast a guest dirties its memory",
      .desc = "Measure for --seconds (1 to 60, default 1) how fast the guest writes its memory "
              "(--mode page-sampling, dirty-bitmap or dirty-ring); domstats --dirtyrate shows "
              "the result.  JSON: name, id, uuid, seconds, mode.",
      .run = cmd_domain_domdirtyrate_calc, .args_size = sizeof(struct dirtyrate_args),
      .flags = CMD_MODIFIES,
      .result = RESULT_OBJECT(DOMAIN_IDENT_FIELDS, { "seconds", RT_INT, "how long it measures" },
                              { "mode", RT_STRING | RT_NULL, "how (null: the default)" }),
      .opts = OPTS(ARG_DOMAIN(struct dirtyrate_args, domain, COMPL_DOMAIN_ACTIVE),
                   OPT_INT(struct dirtyrate_args, "seconds", seconds, 1, 60,
                           "how long to measure (default 1)", .flags = OPT_POSITIONAL, .def = "1"),
                   OPT_ENUM(struct dirtyrate_args, "mode", mode, DIRTYRATE_MODES,
                            "page-sampling, dirty-bitmap or dirty-ring", .flags = OPT_POSITIONAL)) },
    { .name = "domlaunchsecinfo", .summary = "show a confidential guest's launch security figures",
      .desc = "Print the launch security parameters of a confidential guest (AMD SEV: the "
              "launch measurement, ...), one \"name: value\" a line.  JSON: the parameters as "
              "an object.",
      .run = cmd_domain_domlaunchsecinfo, .args_size = sizeof(struct dom_args),
      .result = RESULT_FREE,
      .opts = OPTS(ARG_DOMAIN(struct dom_args, domain, COMPL_DOMAIN_ACTIVE)) },
    { 0 },
};
