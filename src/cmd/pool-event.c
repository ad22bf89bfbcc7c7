/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * cmd/pool-event.c - pool-event: wait for storage pool events (lifecycle,
 * refresh) and print them as virsh does, or one JSON object per line, with
 * --loop and --timeout as `event` has them (virt/evqueue.h).
 */
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

#include "core/suggest.h"
#include "core/util.h"
#include "virt/conn.h"
#include "virt/context.h"
#include "virt/err.h"
#include "virt/evqueue.h"
#include "virt/storage.h"
#include "cmd/pool.h"

/* {"event": NAME, "pool": ..., "uuid": ...} */
static struct json_object *event_json(const char *name, virStoragePoolPtr p)
{
    struct json_object *o = json_object_new_object();
    char uuid[VIR_UUID_STRING_BUFLEN] = "";
    virStoragePoolGetUUIDString(p, uuid);
    json_object_object_add(o, "event", json_object_new_string(name));
    json_object_object_add(o, "pool", json_object_new_string(virStoragePoolGetName(p)));
    json_object_object_add(o, "uuid", json_object_new_string(uuid));
    return o;
}

static void on_lifecycle(virConnectPtr c, virStoragePoolPtr p, int event, int detail, void *q)
{
    static const char *const json[] = { "defined", "undefined", "started", "stopped", "created",
                                        "deleted" };
    static const char *const text[] = { "Defined", "Undefined", "Started", "Stopped", "Created",
                                        "Deleted" };
    (void)c, (void)detail;
    bool known = event >= 0 && (size_t)event < ARRAY_SIZE(json);
    struct json_object *o = event_json("lifecycle", p);
    json_object_object_add(o, "type", json_object_new_string(known ? json[event] : "unknown"));
    evqueue_push(q, o, xasprintf("event 'lifecycle' for storage pool %s: %s\n",
                                 virStoragePoolGetName(p), known ? text[event] : "unknown"),
                 NULL);
}

static void on_refresh(virConnectPtr c, virStoragePoolPtr p, void *q)
{
    (void)c;
    struct json_object *o = event_json("refresh", p);
    json_object_object_add(o, "type", NULL);
    evqueue_push(q, o, xasprintf("event 'refresh' for storage pool %s\n", virStoragePoolGetName(p)),
                 NULL);
}

static const struct {
    const char *name;
    int id;
    virConnectStoragePoolEventGenericCallback cb;
} kinds[] = {
    { "lifecycle", VIR_STORAGE_POOL_EVENT_ID_LIFECYCLE, VIR_STORAGE_POOL_EVENT_CALLBACK(on_lifecycle) },
    { "refresh", VIR_STORAGE_POOL_EVENT_ID_REFRESH, VIR_STORAGE_POOL_EVENT_CALLBACK(on_refresh) },
};

struct pool_event_args {
    const char *pool;
    struct strv event;
    bool loop;
    long long timeout;
    bool list, timestamp;
};

/* Which kinds --event names (all when none): a usage error for a bad name. */
static int chosen_kinds(struct shell *sh, const struct strv *names, bool *chosen)
{
    for (size_t k = 0; k < ARRAY_SIZE(kinds); k++)
        chosen[k] = names->n == 0;
    for (size_t i = 0; i < names->n; i++) {
        struct suggest s;
        suggest_init(&s, names->v[i]);
        size_t k;
        for (k = 0; k < ARRAY_SIZE(kinds) && !str_eq(kinds[k].name, names->v[i]); k++)
            suggest_consider(&s, kinds[k].name);
        if (k < ARRAY_SIZE(kinds)) {
            chosen[k] = true;
            continue;
        }
        if (suggest_result(&s))
            return usage_error(sh, "unknown pool event type '%s'; did you mean '%s'?", names->v[i],
                               suggest_result(&s));
        return usage_error(sh, "unknown pool event type '%s'; 'pool-event --list' shows them",
                           names->v[i]);
    }
    return CMD_OK;
}

static int cmd_pool_event(struct shell *sh, void *opaque)
{
    struct pool_event_args *a = opaque;
    if (a->list) {
        const char *names[ARRAY_SIZE(kinds)];
        for (size_t k = 0; k < ARRAY_SIZE(kinds); k++)
            names[k] = kinds[k].name;
        out_words(&sh->out, names, ARRAY_SIZE(kinds));
        return CMD_OK;
    }
    bool chosen[ARRAY_SIZE(kinds)];
    int rc = chosen_kinds(sh, &a->event, chosen);
    if (rc || !conn_get(sh))
        return rc ? rc : CMD_FAILED;
    _cleanup_pool_ virStoragePoolPtr p = NULL;
    if (a->pool && !(p = storage_pool_lookup(sh, a->pool)))
        return CMD_FAILED;
    struct evqueue *q = evqueue_new(sh);
    if (!q)
        return CMD_FAILED;
    int ids[ARRAY_SIZE(kinds)];
    for (size_t k = 0; k < ARRAY_SIZE(kinds); k++) {
        ids[k] = -1;
        if (!chosen[k] || rc)
            continue;
        ids[k] = virConnectStoragePoolEventRegisterAny(sh->conn, p, kinds[k].id, kinds[k].cb,
                                                       evqueue_ref(q), evqueue_unref);
        if (ids[k] < 0) {
            evqueue_unref(q); /* a failed registration never calls the free callback */
            rc = err_libvirt(sh, "cannot watch '%s' events of pools", kinds[k].name);
        }
    }
    if (rc == CMD_OK) {
        struct evqueue_opts o = { .loop = a->loop, .timeout_s = a->timeout, .timestamp = a->timestamp };
        rc = evqueue_run(sh, q, &o);
    }
    for (size_t k = 0; k < ARRAY_SIZE(kinds); k++)
        if (ids[k] >= 0)
            virConnectStoragePoolEventDeregisterAny(sh->conn, ids[k]);
    evqueue_unref(q);
    return rc;
}

const struct cmd_def pool_event_cmds[] = {
    { .name = "pool-event", .summary = "wait for storage pool events and print them",
      .desc = "Prints each storage pool event (lifecycle: defined, undefined, started, stopped, "
              "created, deleted; refresh) as virsh's lines or, with -o json, one JSON object per "
              "line (event, pool, uuid, type, timestamp).  Without --event both types are watched. "
              "Without --loop the command ends after the first event; Ctrl-C ends the loop (exit "
              "0), --timeout too (exit 1 if no event came).",
      .run = cmd_pool_event, .args_size = sizeof(struct pool_event_args), .flags = CMD_NOCONN,
      .opts = OPTS(OPT_STRING(struct pool_event_args, "pool", pool,
                              "only events of this pool (name or UUID)", .flags = OPT_POSITIONAL,
                              .complete = COMPL_POOL),
                   OPT_LIST(struct pool_event_args, "event", event,
                            "an event type to wait for (repeatable; see --list)", .metavar = "TYPE",
                            .excl = EXCL(0)),
                   OPT_EVENT_WAIT(struct pool_event_args),
                   OPT_FLAG(struct pool_event_args, "list", list, "list the event types and exit",
                            .excl = EXCL(0)),
                   OPT_FLAG(struct pool_event_args, "timestamp", timestamp,
                            "text: start each event with the time it arrived (JSON always has it)")),
      .result = RESULT_OR(RESULT_VALUES, RS_OBJECT,
                          { "event", RT_STRING, "lifecycle or refresh" },
                          { "pool", RT_STRING, "the pool's name" },
                          { "uuid", RT_STRING, "its UUID" },
                          { "type", RT_STRING | RT_NULL,
                            "lifecycle: defined, undefined, started, stopped, created or deleted" },
                          { "timestamp", RT_STRING, "when it came (UTC, ISO 8601)" }) },
    { 0 },
};
