/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * cmd/events.c - the `event` command: wait for libvirt's domain events and
 * print them, as virsh's lines or one JSON object per line.
 *
 * Every callback runs on the event loop thread and only builds the event
 * (JSON object and text line) for the queue in evqueue.c; the command's own
 * thread prints.  Events are printed as libvirt reports them: a guest
 * reboot is a `reboot` event and the domain stays running, so nothing here
 * turns it into a state change.
 */
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
#include <stdarg.h>
#include <string.h>
#include <unistd.h>

#include "core/strbuf.h"
#include "core/suggest.h"
#include "core/util.h"
#include "virt/conn.h"
#include "virt/context.h"
#include "virt/err.h"
#include "virt/evqueue.h"
#include "virt/typed-params.h"
#include "cmd/groups.h"

/* A word as JSON shows it, and as virsh's text line reads it. */
struct word {
    const char *json, *text;
};

#define WORD(a, b) { a, b }
static const struct word lifecycle_types[] = {
    WORD("defined", "Defined"), WORD("undefined", "Undefined"), WORD("started", "Started"),
    WORD("suspended", "Suspended"), WORD("resumed", "Resumed"), WORD("stopped", "Stopped"),
    WORD("shutdown", "Shutdown"), WORD("pmsuspended", "PMSuspended"), WORD("crashed", "Crashed"),
};

static const struct word detail_defined[] = {
    WORD("added", "Added"), WORD("updated", "Updated"), WORD("renamed", "Renamed"),
    WORD("snapshot", "Snapshot"),
};
static const struct word detail_undefined[] = { WORD("removed", "Removed"), WORD("renamed", "Renamed") };
static const struct word detail_started[] = {
    WORD("booted", "Booted"), WORD("migrated", "Migrated"), WORD("restored", "Restored"),
    WORD("snapshot", "Snapshot"), WORD("wakeup", "Event wakeup"),
};
static const struct word detail_suspended[] = {
    WORD("paused", "Paused"), WORD("migrated", "Migrated"), WORD("ioerror", "I/O Error"),
    WORD("watchdog", "Watchdog"), WORD("restored", "Restored"), WORD("snapshot", "Snapshot"),
    WORD("api_error", "API error"), WORD("postcopy", "Post-copy"),
    WORD("postcopy_failed", "Post-copy Error"),
};
static const struct word detail_resumed[] = {
    WORD("unpaused", "Unpaused"), WORD("migrated", "Migrated"), WORD("snapshot", "Snapshot"),
    WORD("postcopy", "Post-copy"), WORD("postcopy_failed", "Post-copy Error"),
};
static const struct word detail_stopped[] = {
    WORD("shutdown", "Shutdown"), WORD("destroyed", "Destroyed"), WORD("crashed", "Crashed"),
    WORD("migrated", "Migrated"), WORD("saved", "Saved"), WORD("failed", "Failed"),
    WORD("snapshot", "Snapshot"),
};
static const struct word detail_shutdown[] = {
    WORD("finished", "Finished"), WORD("guest", "Finished after guest request"),
    WORD("host", "Finished after host request"),
};
static const struct word detail_pmsuspended[] = { WORD("memory", "Memory"), WORD("disk", "Disk") };
static const struct word detail_crashed[] = { WORD("panicked", "Panicked"), WORD("crashloaded", "Crashloaded") };

static const struct {
    const struct word *w;
    size_t n;
} lifecycle_details[] = {
    { detail_defined, ARRAY_SIZE(detail_defined) },
    { detail_undefined, ARRAY_SIZE(detail_undefined) },
    { detail_started, ARRAY_SIZE(detail_started) },
    { detail_suspended, ARRAY_SIZE(detail_suspended) },
    { detail_resumed, ARRAY_SIZE(detail_resumed) },
    { detail_stopped, ARRAY_SIZE(detail_stopped) },
    { detail_shutdown, ARRAY_SIZE(detail_shutdown) },
    { detail_pmsuspended, ARRAY_SIZE(detail_pmsuspended) },
    { detail_crashed, ARRAY_SIZE(detail_crashed) },
};

static const struct word unknown_word = WORD("unknown", "unknown");

static const struct word *word_at(const struct word *w, size_t n, int i)
{
    return i >= 0 && (size_t)i < n ? &w[i] : &unknown_word;
}

/* Queue one event: obj (from evqueue_event_json, plus its details) and its
 * text line, formatted here. */
PRINTF(3, 4) static void emit(void *opaque, struct json_object *obj, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *text = xvasprintf(fmt, ap);
    va_end(ap);
    evqueue_push(opaque, obj, text, NULL);
}

static void add_str(struct json_object *o, const char *key, const char *v)
{
    json_object_object_add(o, key, v ? json_object_new_string(v) : NULL);
}

static const char *nullstr(const char *s)
{
    return s ? s : "(null)";
}

/* ------------------------------------------------------------ callbacks */

static void on_lifecycle(virConnectPtr c, virDomainPtr d, int event, int detail, void *q)
{
    (void)c;
    const struct word *t = word_at(lifecycle_types, ARRAY_SIZE(lifecycle_types), event);
    const struct word *dw = &unknown_word;
    if (event >= 0 && (size_t)event < ARRAY_SIZE(lifecycle_details))
        dw = word_at(lifecycle_details[event].w, lifecycle_details[event].n, detail);
    struct json_object *o = evqueue_event_json("lifecycle", d);
    add_str(o, "type", t->json);
    add_str(o, "detail", dw->json);
    emit(q, o, "event 'lifecycle' for domain '%s': %s %s\n", virDomainGetName(d), t->text, dw->text);
}

/* reboot, control-error: nothing but the domain */
static void generic(const char *name, virDomainPtr d, void *q)
{
    emit(q, evqueue_event_json(name, d), "event '%s' for domain '%s'\n", name, virDomainGetName(d));
}

static void on_reboot(virConnectPtr c, virDomainPtr d, void *q)
{
    (void)c;
    generic("reboot", d, q);
}

static void on_control_error(virConnectPtr c, virDomainPtr d, void *q)
{
    (void)c;
    generic("control-error", d, q);
}

static void on_rtc_change(virConnectPtr c, virDomainPtr d, long long offset, void *q)
{
    (void)c;
    struct json_object *o = evqueue_event_json("rtc-change", d);
    json_object_object_add(o, "utc_offset", json_object_new_int64(offset));
    emit(q, o, "event 'rtc-change' for domain '%s': %lld\n", virDomainGetName(d), offset);
}

static const char *const watchdog_actions[] = {
    "none", "pause", "reset", "poweroff", "shutdown", "debug", "inject-nmi",
};

static void on_watchdog(virConnectPtr c, virDomainPtr d, int action, void *q)
{
    (void)c;
    const char *a = action >= 0 && (size_t)action < ARRAY_SIZE(watchdog_actions) ? watchdog_actions[action]
                                                                                  : "unknown";
    struct json_object *o = evqueue_event_json("watchdog", d);
    add_str(o, "action", a);
    emit(q, o, "event 'watchdog' for domain '%s': %s\n", virDomainGetName(d), a);
}

static const char *io_action(int action)
{
    static const char *const w[] = { "none", "pause", "report" };
    return action >= 0 && (size_t)action < ARRAY_SIZE(w) ? w[action] : "unknown";
}

static void io_error(virDomainPtr d, const char *path, const char *alias, int action, const char *reason,
                     void *q)
{
    struct json_object *o = evqueue_event_json(reason ? "io-error-reason" : "io-error", d);
    add_str(o, "path", path);
    add_str(o, "alias", alias);
    add_str(o, "action", io_action(action));
    if (reason) {
        add_str(o, "reason", reason);
        emit(q, o, "event 'io-error' for domain '%s': %s (%s) %s due to %s\n", virDomainGetName(d),
             nullstr(path), nullstr(alias), io_action(action), reason);
    } else {
        emit(q, o, "event 'io-error' for domain '%s': %s (%s) %s\n", virDomainGetName(d), nullstr(path),
             nullstr(alias), io_action(action));
    }
}

static void on_io_error(virConnectPtr c, virDomainPtr d, const char *path, const char *alias, int action,
                        void *q)
{
    (void)c;
    io_error(d, path, alias, action, NULL, q);
}

static void on_io_error_reason(virConnectPtr c, virDomainPtr d, const char *path, const char *alias,
                               int action, const char *reason, void *q)
{
    (void)c;
    io_error(d, path, alias, action, reason ? reason : "", q);
}

static const char *addr_family(int f)
{
    static const char *const w[] = { "ipv4", "ipv6", "unix" };
    return f >= 0 && (size_t)f < ARRAY_SIZE(w) ? w[f] : "unknown";
}

static struct json_object *addr_json(const virDomainEventGraphicsAddress *a)
{
    struct json_object *o = json_object_new_object();
    add_str(o, "family", addr_family(a->family));
    add_str(o, "node", a->node);
    add_str(o, "service", a->service);
    return o;
}

static void on_graphics(virConnectPtr c, virDomainPtr d, int phase, const virDomainEventGraphicsAddress *local,
                        const virDomainEventGraphicsAddress *remote, const char *scheme,
                        const virDomainEventGraphicsSubject *subject, void *q)
{
    (void)c;
    static const char *const phases[] = { "connect", "initialize", "disconnect" };
    const char *ph = phase >= 0 && (size_t)phase < ARRAY_SIZE(phases) ? phases[phase] : "unknown";
    struct json_object *o = evqueue_event_json("graphics", d);
    add_str(o, "phase", ph);
    json_object_object_add(o, "local", addr_json(local));
    json_object_object_add(o, "remote", addr_json(remote));
    add_str(o, "auth_scheme", scheme);
    struct json_object *ids = json_object_new_array();
    _cleanup_strbuf_ struct strbuf idtext = { 0 };
    for (int i = 0; subject && i < subject->nidentity; i++) {
        struct json_object *id = json_object_new_object();
        add_str(id, "type", subject->identities[i].type);
        add_str(id, "name", subject->identities[i].name);
        json_object_array_add(ids, id);
        strbuf_printf(&idtext, "\t%s=%s\n", nullstr(subject->identities[i].type),
                      nullstr(subject->identities[i].name));
    }
    json_object_object_add(o, "subject", ids);
    emit(q, o, "event 'graphics' for domain '%s': %s local[%s %s %s] remote[%s %s %s] %s\n%s",
         virDomainGetName(d), ph, addr_family(local->family), nullstr(local->node), nullstr(local->service),
         addr_family(remote->family), nullstr(remote->node), nullstr(remote->service), nullstr(scheme), strbuf_str(&idtext));
}

static const char *block_job_type(int t)
{
    static const char *const w[] = { "unknown", "pull", "copy", "commit", "active-commit", "backup" };
    return t >= 0 && (size_t)t < ARRAY_SIZE(w) ? w[t] : "unknown";
}

static void block_job(const char *name, virDomainPtr d, const char *disk, int type, int status, void *q)
{
    static const char *const st[] = { "completed", "failed", "canceled", "ready" };
    const char *s = status >= 0 && (size_t)status < ARRAY_SIZE(st) ? st[status] : "unknown";
    struct json_object *o = evqueue_event_json(name, d);
    add_str(o, "disk", disk);
    add_str(o, "type", block_job_type(type));
    add_str(o, "status", s);
    emit(q, o, "event '%s' for domain '%s': %s for %s %s\n", name, virDomainGetName(d), block_job_type(type),
         nullstr(disk), s);
}

static void on_block_job(virConnectPtr c, virDomainPtr d, const char *disk, int type, int status, void *q)
{
    (void)c;
    block_job("block-job", d, disk, type, status, q);
}

static void on_block_job_2(virConnectPtr c, virDomainPtr d, const char *disk, int type, int status, void *q)
{
    (void)c;
    block_job("block-job-2", d, disk, type, status, q);
}

static void on_disk_change(virConnectPtr c, virDomainPtr d, const char *old_src, const char *new_src,
                           const char *alias, int reason, void *q)
{
    (void)c;
    const char *r = reason == 0 ? "changed" : reason == 1 ? "dropped" : "unknown";
    struct json_object *o = evqueue_event_json("disk-change", d);
    add_str(o, "alias", alias);
    add_str(o, "old_source", old_src);
    add_str(o, "new_source", new_src);
    add_str(o, "reason", r);
    emit(q, o, "event 'disk-change' for domain '%s' disk %s: %s -> %s: %s\n", virDomainGetName(d),
         nullstr(alias), nullstr(old_src), nullstr(new_src), r);
}

static void on_tray_change(virConnectPtr c, virDomainPtr d, const char *alias, int reason, void *q)
{
    (void)c;
    const char *r = reason == 0 ? "opened" : reason == 1 ? "closed" : "unknown";
    struct json_object *o = evqueue_event_json("tray-change", d);
    add_str(o, "alias", alias);
    add_str(o, "tray", r);
    emit(q, o, "event 'tray-change' for domain '%s' disk %s: %s\n", virDomainGetName(d), nullstr(alias), r);
}

static void on_pmwakeup(virConnectPtr c, virDomainPtr d, int reason, void *q)
{
    (void)c, (void)reason;
    generic("pm-wakeup", d, q);
}

static void on_pmsuspend(virConnectPtr c, virDomainPtr d, int reason, void *q)
{
    (void)c, (void)reason;
    generic("pm-suspend", d, q);
}

static void on_pmsuspend_disk(virConnectPtr c, virDomainPtr d, int reason, void *q)
{
    (void)c, (void)reason;
    generic("pm-suspend-disk", d, q);
}

static void on_balloon_change(virConnectPtr c, virDomainPtr d, unsigned long long actual, void *q)
{
    (void)c;
    struct json_object *o = evqueue_event_json("balloon-change", d);
    json_object_object_add(o, "actual_kib", json_object_new_uint64(actual));
    emit(q, o, "event 'balloon-change' for domain '%s': %lluKiB\n", virDomainGetName(d), actual);
}

/* device-removed, device-added, device-removal-failed: an alias */
static void device(const char *name, virDomainPtr d, const char *alias, void *q)
{
    struct json_object *o = evqueue_event_json(name, d);
    add_str(o, "alias", alias);
    emit(q, o, "event '%s' for domain '%s': %s\n", name, virDomainGetName(d), nullstr(alias));
}

static void on_device_removed(virConnectPtr c, virDomainPtr d, const char *alias, void *q)
{
    (void)c;
    device("device-removed", d, alias, q);
}

static void on_device_added(virConnectPtr c, virDomainPtr d, const char *alias, void *q)
{
    (void)c;
    device("device-added", d, alias, q);
}

static void on_device_removal_failed(virConnectPtr c, virDomainPtr d, const char *alias, void *q)
{
    (void)c;
    device("device-removal-failed", d, alias, q);
}

/* tunable, job-completed: typed parameters */
static void with_params(const char *name, virDomainPtr d, virTypedParameterPtr p, int n, void *q)
{
    /* virsh's "\tfield: value" lines, and the same as a JSON object */
    _cleanup_free_ char *lines = typed_params_text(p, n, "\t", 0, TYPED_PARAMS_EVENT);
    struct json_object *o = evqueue_event_json(name, d);
    json_object_object_add(o, "params", typed_params_json(p, n, 0));
    emit(q, o, "event '%s' for domain '%s':\n%s", name, virDomainGetName(d), lines);
}

static void on_tunable(virConnectPtr c, virDomainPtr d, virTypedParameterPtr p, int n, void *q)
{
    (void)c;
    with_params("tunable", d, p, n, q);
}

static void on_job_completed(virConnectPtr c, virDomainPtr d, virTypedParameterPtr p, int n, void *q)
{
    (void)c;
    with_params("job-completed", d, p, n, q);
}

static void on_agent_lifecycle(virConnectPtr c, virDomainPtr d, int state, int reason, void *q)
{
    (void)c;
    static const struct word states[] = {
        WORD("unknown", "unknown"), WORD("connected", "connected"), WORD("disconnected", "disconnected"),
    };
    static const struct word reasons[] = {
        WORD("unknown", "unknown"), WORD("domain_started", "domain started"),
        WORD("channel_event", "channel event"),
    };
    const struct word *s = word_at(states, ARRAY_SIZE(states), state);
    const struct word *r = word_at(reasons, ARRAY_SIZE(reasons), reason);
    struct json_object *o = evqueue_event_json("agent-lifecycle", d);
    add_str(o, "state", s->json);
    add_str(o, "reason", r->json);
    emit(q, o, "event 'agent-lifecycle' for domain '%s': state: '%s' reason: '%s'\n", virDomainGetName(d),
         s->text, r->text);
}

static void on_migration_iteration(virConnectPtr c, virDomainPtr d, int iteration, void *q)
{
    (void)c;
    struct json_object *o = evqueue_event_json("migration-iteration", d);
    json_object_object_add(o, "iteration", json_object_new_int(iteration));
    emit(q, o, "event 'migration-iteration' for domain '%s': iteration: '%d'\n", virDomainGetName(d), iteration);
}

static void on_metadata_change(virConnectPtr c, virDomainPtr d, int type, const char *nsuri, void *q)
{
    (void)c;
    static const char *const types[] = { "description", "title", "element" };
    const char *t = type >= 0 && (size_t)type < ARRAY_SIZE(types) ? types[type] : "unknown";
    struct json_object *o = evqueue_event_json("metadata-change", d);
    add_str(o, "type", t);
    add_str(o, "uri", nsuri);
    emit(q, o, "event 'metadata-change' for domain '%s': type %s, uri %s\n", virDomainGetName(d), t,
         nullstr(nsuri));
}

static void on_block_threshold(virConnectPtr c, virDomainPtr d, const char *dev, const char *path,
                               unsigned long long threshold, unsigned long long excess, void *q)
{
    (void)c;
    struct json_object *o = evqueue_event_json("block-threshold", d);
    add_str(o, "dev", dev);
    add_str(o, "path", path);
    json_object_object_add(o, "threshold", json_object_new_uint64(threshold));
    json_object_object_add(o, "excess", json_object_new_uint64(excess));
    emit(q, o, "event 'block-threshold' for domain '%s': dev: %s(%s) %llu %llu\n", virDomainGetName(d),
         nullstr(dev), nullstr(path), threshold, excess);
}

static void on_memory_failure(virConnectPtr c, virDomainPtr d, int recipient, int action, unsigned int flags,
                              void *q)
{
    (void)c;
    static const char *const recipients[] = { "hypervisor", "guest" };
    static const char *const actions[] = { "ignore", "inject", "fatal", "reset" };
    const char *r = recipient >= 0 && (size_t)recipient < ARRAY_SIZE(recipients) ? recipients[recipient]
                                                                                 : "unknown";
    const char *a = action >= 0 && (size_t)action < ARRAY_SIZE(actions) ? actions[action] : "unknown";
    bool required = flags & VIR_DOMAIN_MEMORY_FAILURE_ACTION_REQUIRED;
    bool recursive = flags & VIR_DOMAIN_MEMORY_FAILURE_RECURSIVE;
    struct json_object *o = evqueue_event_json("memory-failure", d);
    add_str(o, "recipient", r);
    add_str(o, "action", a);
    json_object_object_add(o, "action_required", json_object_new_boolean(required));
    json_object_object_add(o, "recursive", json_object_new_boolean(recursive));
    emit(q, o, "event 'memory-failure' for domain '%s':\nrecipient: %s\naction: %s\n"
         "flags:\n\taction required: %d\n\trecursive: %d\n", virDomainGetName(d), r, a, required, recursive);
}

static void on_memory_device_size_change(virConnectPtr c, virDomainPtr d, const char *alias,
                                         unsigned long long size, void *q)
{
    (void)c;
    struct json_object *o = evqueue_event_json("memory-device-size-change", d);
    add_str(o, "alias", alias);
    json_object_object_add(o, "size_kib", json_object_new_uint64(size));
    emit(q, o, "event 'memory-device-size-change' for domain '%s':\nalias: %s\nsize: %llu\n",
         virDomainGetName(d), nullstr(alias), size);
}

/* ------------------------------------------------------------ the table */

struct event_kind {
    const char *name;
    int id;
    virConnectDomainEventGenericCallback cb;
};

#define KIND(n, i, f) { n, VIR_DOMAIN_EVENT_ID_##i, VIR_DOMAIN_EVENT_CALLBACK(f) }
/* In libvirt's ID order, with virsh's names. */
static const struct event_kind kinds[] = {
    KIND("lifecycle", LIFECYCLE, on_lifecycle),
    KIND("reboot", REBOOT, on_reboot),
    KIND("rtc-change", RTC_CHANGE, on_rtc_change),
    KIND("watchdog", WATCHDOG, on_watchdog),
    KIND("io-error", IO_ERROR, on_io_error),
    KIND("graphics", GRAPHICS, on_graphics),
    KIND("io-error-reason", IO_ERROR_REASON, on_io_error_reason),
    KIND("control-error", CONTROL_ERROR, on_control_error),
    KIND("block-job", BLOCK_JOB, on_block_job),
    KIND("disk-change", DISK_CHANGE, on_disk_change),
    KIND("tray-change", TRAY_CHANGE, on_tray_change),
    KIND("pm-wakeup", PMWAKEUP, on_pmwakeup),
    KIND("pm-suspend", PMSUSPEND, on_pmsuspend),
    KIND("balloon-change", BALLOON_CHANGE, on_balloon_change),
    KIND("pm-suspend-disk", PMSUSPEND_DISK, on_pmsuspend_disk),
    KIND("device-removed", DEVICE_REMOVED, on_device_removed),
    KIND("block-job-2", BLOCK_JOB_2, on_block_job_2),
    KIND("tunable", TUNABLE, on_tunable),
    KIND("agent-lifecycle", AGENT_LIFECYCLE, on_agent_lifecycle),
    KIND("device-added", DEVICE_ADDED, on_device_added),
    KIND("migration-iteration", MIGRATION_ITERATION, on_migration_iteration),
    KIND("job-completed", JOB_COMPLETED, on_job_completed),
    KIND("device-removal-failed", DEVICE_REMOVAL_FAILED, on_device_removal_failed),
    KIND("metadata-change", METADATA_CHANGE, on_metadata_change),
    KIND("block-threshold", BLOCK_THRESHOLD, on_block_threshold),
    KIND("memory-failure", MEMORY_FAILURE, on_memory_failure),
    KIND("memory-device-size-change", MEMORY_DEVICE_SIZE_CHANGE, on_memory_device_size_change),
};

static const struct event_kind *find_kind(const char *name)
{
    for (size_t i = 0; i < ARRAY_SIZE(kinds); i++)
        if (str_eq(kinds[i].name, name))
            return &kinds[i];
    return NULL;
}

static const char *suggest_kind(const char *name)
{
    struct suggest s;
    suggest_init(&s, name);
    for (size_t i = 0; i < ARRAY_SIZE(kinds); i++)
        suggest_consider(&s, kinds[i].name);
    return suggest_result(&s);
}

struct event_args {
    const char *domain;
    struct strv event;
    bool all, loop, list, timestamp;
    long long timeout;
};

static int list_kinds(struct shell *sh)
{
    const char *names[ARRAY_SIZE(kinds)];
    for (size_t i = 0; i < ARRAY_SIZE(kinds); i++)
        names[i] = kinds[i].name;
    out_words(&sh->out, names, ARRAY_SIZE(kinds));
    return CMD_OK;
}

static int watch(struct shell *sh, const struct event_args *a, const bool *chosen, bool all);

static int cmd_events_event(struct shell *sh, void *opaque)
{
    struct event_args *a = opaque;
    if (a->list)
        return list_kinds(sh);

    bool chosen[ARRAY_SIZE(kinds)] = { false };
    for (size_t i = 0; i < a->event.n; i++) {
        const struct event_kind *k = find_kind(a->event.v[i]);
        if (!k) {
            const char *hint = suggest_kind(a->event.v[i]);
            if (hint)
                return usage_error(sh, "unknown event type '%s'; did you mean '%s'?", a->event.v[i], hint);
            return usage_error(sh, "unknown event type '%s'; 'event --list' shows them", a->event.v[i]);
        }
        chosen[k - kinds] = true;
    }
    bool all = a->all || a->event.n == 0; /* virsh insists on --all; no event type means every one */
    int rc = watch(sh, a, chosen, all);
    /* One of several hosts (shell/fanout.c) with --loop: a lost connection
     * is opened again, waiting 1, 2, 4 ... 30 s between tries, until Ctrl-C
     * or the timeout; the other hosts' events go on meanwhile. */
    double deadline = a->timeout > 0 ? now_ms() + (double)a->timeout * 1000 : 0;
    for (unsigned wait_s = 1; rc != CMD_OK && sh->host && a->loop && sh->conn_lost; ) {
        err_clear(sh);
        err_warn(sh, "connection lost; reconnecting (every %u s at most)", wait_s);
        while (!shell_interrupted && (!deadline || now_ms() < deadline)) {
            for (unsigned t = 0; t < wait_s * 4 && !shell_interrupted; t++)
                usleep(250 * 1000);
            if (shell_interrupted || (deadline && now_ms() >= deadline) || conn_get(sh))
                break;
            err_clear(sh);
            wait_s = wait_s >= 16 ? 30 : wait_s * 2;
        }
        if (!sh->conn)
            return shell_interrupted ? CMD_OK : error(sh, "the connection was lost");
        err_clear(sh);
        rc = watch(sh, a, chosen, all);
    }
    return rc;
}

/* Watch the chosen events on sh's connection until the end (evqueue_run). */
static int watch(struct shell *sh, const struct event_args *a, const bool *chosen, bool all)
{
    if (!conn_get(sh))
        return CMD_FAILED;
    _cleanup_domain_ virDomainPtr dom = NULL;
    if (a->domain && !(dom = conn_lookup_domain(sh, a->domain)))
        return CMD_FAILED;

    struct evqueue *q = evqueue_new(sh);
    if (!q)
        return CMD_FAILED;
    int ids[ARRAY_SIZE(kinds)];
    int rc = CMD_OK;
    size_t registered = 0;
    for (size_t i = 0; i < ARRAY_SIZE(kinds); i++) {
        ids[i] = -1;
        if (!all && !chosen[i])
            continue;
        ids[i] = virConnectDomainEventRegisterAny(sh->conn, dom, kinds[i].id, kinds[i].cb, evqueue_ref(q),
                                                  evqueue_unref);
        if (ids[i] >= 0) {
            registered++;
            continue;
        }
        evqueue_unref(q); /* libvirt does not call the free callback of a failed registration */
        if (all && registered) { /* an older server without the newer events */
            virResetLastError();
            continue;
        }
        rc = err_libvirt(sh, "cannot watch '%s' events", kinds[i].name);
        break;
    }
    if (rc == CMD_OK) {
        struct evqueue_opts o = { .loop = a->loop, .timeout_s = a->timeout, .timestamp = a->timestamp };
        rc = evqueue_run(sh, q, &o);
    }
    for (size_t i = 0; i < ARRAY_SIZE(kinds); i++)
        if (ids[i] >= 0)
            virConnectDomainEventDeregisterAny(sh->conn, ids[i]);
    evqueue_unref(q);
    return rc;
}

/* A key only some types of event have (may be null where libvirt sends none). */
#define EV_FIELD(k, t, what) { k, (t) | RT_NULL | RT_OPTIONAL, what }
/* graphics' local and remote ends (addr_json) */
#define EV_ADDR(k, what) \
    EV_FIELD(k, RT_OBJECT, what), { k ".family", RT_STRING | RT_NULL, "ipv4, ipv6 or unix" }, \
    { k ".node", RT_STRING | RT_NULL, "address" }, { k ".service", RT_STRING | RT_NULL, "port" }

const struct cmd_group cmd_group_events = {
    .name = "events",
    .title = "Domain events",
    .cmds = (const struct cmd_def[]){
        { .name = "event", .summary = "wait for domain events and print them",
          .desc = "Prints each domain event libvirt reports, as virsh's lines or, with -o json, one JSON "
                  "object per line (event, domain, uuid, the event's details, timestamp) flushed at once, "
                  "so a pipe into jq sees every event as it happens. Without --event or --all every event "
                  "type is watched. Without --loop the command ends after the first event. Ctrl-C ends the "
                  "loop (exit 0); --timeout ends it too, with exit 1 if no event came. A guest reboot is "
                  "reported as 'reboot' events: the domain stays running and there is no lifecycle event.",
          .run = cmd_events_event, .args_size = sizeof(struct event_args), .flags = CMD_NOCONN,
          /* Every event has event, domain, uuid and timestamp; the others
           * belong to some types of event only. */
          .result = RESULT_OR(RESULT_VALUES, RS_OBJECT,
              { "event", RT_STRING, "the event type, as --event names it (lifecycle, "
                                    "rtc-change, ...); --list: an array of these names" },
              { "domain", RT_STRING, "the domain's name" },
              { "uuid", RT_STRING, "the domain's UUID" },
              { "timestamp", RT_STRING, "when it arrived (UTC, ISO 8601)" },
              EV_FIELD("type", RT_STRING, "lifecycle: started, stopped, ...; "
                                          "block-job: its type; metadata-change: its type"),
              EV_FIELD("detail", RT_STRING, "lifecycle: booted, destroyed, ..."),
              EV_FIELD("utc_offset", RT_INT, "rtc-change: seconds from UTC"),
              EV_FIELD("action", RT_STRING, "watchdog, io-error, memory-failure: what was done"),
              EV_FIELD("path", RT_STRING, "io-error: the disk's source"),
              EV_FIELD("dev", RT_STRING, "io-error, block-threshold: the disk's target"),
              EV_FIELD("reason", RT_STRING, "io-error-reason, tray-change, disk-change, "
                                            "agent-lifecycle: why"),
              EV_FIELD("phase", RT_STRING, "graphics: connect, initialize or disconnect"),
              EV_ADDR("local", "graphics: the local end"),
              EV_ADDR("remote", "graphics: the remote end"),
              EV_FIELD("auth_scheme", RT_STRING, "graphics: the authentication scheme"),
              EV_FIELD("subject", RT_ARRAY, "graphics: who connected"),
              EV_FIELD("subject[].type", RT_STRING, "identity type"),
              EV_FIELD("subject[].name", RT_STRING, "identity name"),
              EV_FIELD("disk", RT_STRING, "block-job, disk-change, tray-change: the disk"),
              EV_FIELD("status", RT_STRING, "block-job: completed, failed, canceled or ready"),
              EV_FIELD("old_source", RT_STRING, "disk-change: the source before"),
              EV_FIELD("new_source", RT_STRING, "disk-change: the source after"),
              EV_FIELD("tray", RT_STRING, "tray-change: open or close"),
              EV_FIELD("actual_kib", RT_INT, "balloon-change: the new balloon size"),
              EV_FIELD("alias", RT_STRING, "device-added, device-removed, ...: the device alias"),
              EV_FIELD("params", RT_ANY, "tunable, job-completed: the typed parameters"),
              EV_FIELD("state", RT_STRING, "agent-lifecycle: connected or disconnected"),
              EV_FIELD("iteration", RT_INT, "migration-iteration: the iteration"),
              EV_FIELD("uri", RT_STRING, "metadata-change: the namespace URI"),
              EV_FIELD("threshold", RT_INT, "block-threshold: the threshold in bytes"),
              EV_FIELD("excess", RT_INT, "block-threshold: bytes written past it"),
              EV_FIELD("recipient", RT_STRING, "memory-failure: hypervisor or guest"),
              EV_FIELD("action_required", RT_BOOL, "memory-failure: the guest must act"),
              EV_FIELD("recursive", RT_BOOL, "memory-failure: it happened while handling one"),
              EV_FIELD("size_kib", RT_INT, "memory-device-size-change: the new size")),
          .opts = OPTS(OPT_STRING(struct event_args, "domain", domain,
                                  "only events of this domain (name, id or uuid)",
                                  .flags = OPT_POSITIONAL, .complete = COMPL_DOMAIN),
                       OPT_LIST(struct event_args, "event", event,
                                "an event type to wait for (repeatable; see --list)",
                                .metavar = "TYPE", .excl = EXCL(0)),
                       OPT_FLAG(struct event_args, "all", all, "every event type (the default)",
                                .excl = EXCL(0)),
                       OPT_EVENT_WAIT(struct event_args),
                       OPT_FLAG(struct event_args, "list", list, "list the event types and exit",
                                .excl = EXCL(0)),
                       OPT_FLAG(struct event_args, "timestamp", timestamp,
                                "text: start each event with the time it arrived (JSON always has it)")) },
        { 0 },
    },
};
