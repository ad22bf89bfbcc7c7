/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* cmd/devices-input.c - input to a running guest: send-key, inject-nmi, send-process-signal. */
#include <ctype.h>
#include <errno.h>
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"
#include "virt/conn.h"
#include "virt/context.h"
#include "virt/domain.h"
#include "virt/err.h"
#include "cmd/devices.h"
#include "cmd/devices-keys.h"

/* ---- send-key ------------------------------------------------------------------ */

/* The codesets in libvirt's order (VIR_KEYCODE_SET_*); "rfb" is qnum's old name. */
#define CODESETS VALUES("linux", "xt", "atset1", "atset2", "atset3", "os_x", "xt_kbd", "usb", \
                        "win32", "qnum", "rfb")

struct sendkey_args {
    const char *domain;
    int codeset;
    long long holdtime;
    struct strv keys;
};

/* A key as a number (decimal, 0x hex or 0 octal, as virsh reads it) or a
 * name of the codeset: its code, or -1. */
static int key_code(int set, const char *word)
{
    char *end;
    errno = 0;
    long v = strtol(word, &end, 0);
    if (*word && !*end && !errno && (isdigit((unsigned char)*word)))
        return v >= 0 && v <= 0xffff ? (int)v : -1;
    return key_lookup(set, word);
}

static int cmd_devices_send_key(struct shell *sh, void *opaque)
{
    struct sendkey_args *a = opaque;
    int set = a->codeset < 0 ? VIR_KEYCODE_SET_LINUX
              : a->codeset == 10 ? VIR_KEYCODE_SET_QNUM : a->codeset;
    unsigned int codes[VIR_DOMAIN_SEND_KEY_MAX_KEYS];
    if (a->keys.n > VIR_DOMAIN_SEND_KEY_MAX_KEYS)
        return usage_error(sh, "too many keys: %zu, at most %d at once", a->keys.n,
                           VIR_DOMAIN_SEND_KEY_MAX_KEYS);
    for (size_t i = 0; i < a->keys.n; i++) {
        int c = key_code(set, a->keys.v[i]);
        if (c < 0)
            return usage_error(sh, "invalid key '%s' in the %s codeset", a->keys.v[i],
                               a->codeset < 0 ? "linux" : CODESETS[a->codeset]);
        codes[i] = (unsigned int)c;
    }
    _cleanup_domain_ virDomainPtr d = conn_lookup_domain(sh, a->domain);
    if (!d)
        return CMD_FAILED;
    if (virDomainSendKey(d, (unsigned int)set, (unsigned int)a->holdtime, codes, (int)a->keys.n,
                         0) < 0)
        return err_libvirt(sh, "cannot send the keys to domain '%s'", a->domain);
    _cleanup_json_ struct json_object *o = domain_ident_json(d);
    struct json_object *arr = json_object_new_array();
    for (size_t i = 0; i < a->keys.n; i++)
        json_object_array_add(arr, json_object_new_int64(codes[i]));
    json_object_object_add(o, "codeset", json_object_new_string(a->codeset < 0 ? "linux"
                                                                 : CODESETS[a->codeset]));
    json_object_object_add(o, "keycodes", arr);
    json_object_object_add(o, "holdtime_ms", json_object_new_int64(a->holdtime));
    return dev_json_only(sh, o);
}

/* ---- inject-nmi ------------------------------------------------------------------- */

struct dom_args {
    const char *domain;
};

static int cmd_devices_inject_nmi(struct shell *sh, void *opaque)
{
    struct dom_args *a = opaque;
    _cleanup_domain_ virDomainPtr d = conn_lookup_domain(sh, a->domain);
    if (!d)
        return CMD_FAILED;
    if (virDomainInjectNMI(d, 0) < 0)
        return err_libvirt(sh, "cannot inject an NMI into domain '%s'", a->domain);
    _cleanup_json_ struct json_object *o = domain_ident_json(d);
    json_object_object_add(o, "result", json_object_new_string("nmi_injected"));
    return dev_json_only(sh, o);
}

/* ---- send-process-signal ---------------------------------------------------------- */

/* libvirt's signal names, indexed by virDomainProcessSignal (rt0..rt32 follow). */
static const char *const signal_names[] = {
    "nop", "hup", "int", "quit", "ill", "trap", "abrt", "bus", "fpe", "kill", "usr1", "segv",
    "usr2", "pipe", "alrm", "term", "stkflt", "chld", "cont", "stop", "tstp", "ttin", "ttou",
    "urg", "xcpu", "xfsz", "vtalrm", "prof", "winch", "poll", "pwr", "sys",
};

/* A signal by number, or name with or without "sig" in any case: its
 * number, or -1. */
static int signal_number(const char *s)
{
    long long n;
    if (parse_ll(s, 0, VIR_DOMAIN_PROCESS_SIGNAL_RT32, &n) == 0)
        return (int)n;
    char low[32];
    size_t i;
    for (i = 0; s[i] && i < sizeof(low) - 1; i++)
        low[i] = (char)tolower((unsigned char)s[i]);
    low[i] = '\0';
    const char *name = str_startswith(low, "sig") ? low + 3 : low;
    for (i = 0; i < ARRAY_SIZE(signal_names); i++)
        if (str_eq(name, signal_names[i]))
            return (int)i;
    if (str_startswith(name, "rt") && parse_ll(name + 2, 0, 32, &n) == 0)
        return VIR_DOMAIN_PROCESS_SIGNAL_RT0 + (int)n;
    return -1;
}

struct signal_args {
    const char *domain;
    long long pid;
    const char *signame;
};

static int cmd_devices_send_process_signal(struct shell *sh, void *opaque)
{
    struct signal_args *a = opaque;
    int sig = signal_number(a->signame);
    if (sig < 0)
        return usage_error(sh, "invalid signal '%s': a number or a name (kill, sigterm, rt1)",
                           a->signame);
    _cleanup_domain_ virDomainPtr d = conn_lookup_domain(sh, a->domain);
    if (!d)
        return CMD_FAILED;
    if (virDomainSendProcessSignal(d, a->pid, (unsigned int)sig, 0) < 0)
        return err_libvirt(sh, "cannot send signal %s to process %lld of domain '%s'",
                           a->signame, a->pid, a->domain);
    _cleanup_json_ struct json_object *o = domain_ident_json(d);
    json_object_object_add(o, "pid", json_object_new_int64(a->pid));
    json_object_object_add(o, "signal", json_object_new_int64(sig));
    return dev_json_only(sh, o);
}

const struct cmd_def devices_input_cmds[] = {
    { .name = "send-key", .summary = "press keys on a running guest's keyboard",
      .desc = "Press KEYCODE... together (at most 16), held for --holdtime milliseconds, then "
              "release them.  A key is a number (decimal, 0x hexadecimal) of --codeset (linux "
              "by default; xt, atset1, atset2, atset3, os_x, xt_kbd, usb, win32, qnum) or, in "
              "the linux, os_x and win32 codesets, a name: KEY_LEFTALT KEY_SYSRQ KEY_H, ANSI_A, "
              "VK_RETURN.  Prints nothing.  JSON: name, id, uuid, codeset, keycodes, holdtime_ms.",
      .run = cmd_devices_send_key, .args_size = sizeof(struct sendkey_args),
      .flags = CMD_MODIFIES,
      .result = RESULT_OBJECT(DOMAIN_IDENT_FIELDS, { "codeset", RT_STRING, "the codeset" },
                              { "keycodes", RT_ARRAY, "the codes sent" },
                              { "keycodes[]", RT_INT, "a code" },
                              { "holdtime_ms", RT_INT, "how long they were held (0: default)" }),
      .opts = OPTS(ARG_DOMAIN(struct sendkey_args, domain, COMPL_DOMAIN_ACTIVE),
                   OPT_ENUM(struct sendkey_args, "codeset", codeset, CODESETS,
                            "the codeset of the keys (default linux)"),
                   OPT_INT(struct sendkey_args, "holdtime", holdtime, 0, UINT_MAX,
                           "how long to hold the keys, in milliseconds", .metavar = "MS"),
                   OPT_ARGV(struct sendkey_args, "keycode", keys, "the keys (names or numbers)",
                            .flags = OPT_REQUIRED | OPT_ARGV_FLAGS)) },
    { .name = "inject-nmi", .summary = "send a non-maskable interrupt to a running guest",
      .desc = "Inject an NMI into the guest (Linux guests log it, or panic when set to).  "
              "Prints nothing.  JSON: name, id, uuid, result \"nmi_injected\".",
      .run = cmd_devices_inject_nmi, .args_size = sizeof(struct dom_args),
      .flags = CMD_MODIFIES,
      .result = RESULT_OBJECT(DOMAIN_IDENT_FIELDS, { "result", RT_STRING, "\"nmi_injected\"" }),
      .opts = OPTS(ARG_DOMAIN(struct dom_args, domain, COMPL_DOMAIN_ACTIVE)) },
    { .name = "send-process-signal", .summary = "send a signal to a process of the guest",
      .desc = "Send SIGNAME (a number, or a name as kill, sigterm, rt1) to the process PID "
              "(for a container: its PID inside).  Prints nothing.  JSON: name, id, uuid, pid, "
              "signal.",
      .run = cmd_devices_send_process_signal, .args_size = sizeof(struct signal_args),
      .flags = CMD_MODIFIES,
      .result = RESULT_OBJECT(DOMAIN_IDENT_FIELDS, { "pid", RT_INT, "the process" },
                              { "signal", RT_INT, "the signal's number" }),
      .opts = OPTS(ARG_DOMAIN(struct signal_args, domain, COMPL_DOMAIN_ACTIVE),
                   OPT_INT(struct signal_args, "pid", pid, LLONG_MIN, LLONG_MAX,
                           "the process ID", .flags = ARG_REQUIRED),
                   OPT_STRING(struct signal_args, "signame", signame,
                              "the signal: a number or a name", .flags = ARG_REQUIRED)) },
    { 0 },
};
