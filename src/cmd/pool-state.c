/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * cmd/pool-state.c - what is done to an existing storage pool, one libvirt
 * call each: pool-start, pool-destroy, pool-build, pool-delete,
 * pool-refresh, pool-undefine, pool-autostart.  One handler; each row says
 * what to call and what to say.
 */
#include <libvirt/libvirt.h>

#include "core/util.h"
#include "virt/context.h"
#include "virt/err.h"
#include "virt/storage.h"
#include "cmd/pool.h"

struct pool_state_args {
    const char *pool;
    bool build, no_overwrite, overwrite, disable;
};

struct pool_action {
    int (*act)(virStoragePoolPtr p, const struct pool_state_args *a);
    const char *verb;           /* "cannot VERB pool 'P'" */
    const char *result, *text;  /* what storage_pool_report says */
};

static int do_start(virStoragePoolPtr p, const struct pool_state_args *a)
{
    return virStoragePoolCreate(p, (a->build ? VIR_STORAGE_POOL_CREATE_WITH_BUILD : 0) |
                                   (a->overwrite ? VIR_STORAGE_POOL_CREATE_WITH_BUILD_OVERWRITE : 0) |
                                   (a->no_overwrite ? VIR_STORAGE_POOL_CREATE_WITH_BUILD_NO_OVERWRITE
                                                    : 0));
}

static int do_build(virStoragePoolPtr p, const struct pool_state_args *a)
{
    return virStoragePoolBuild(p, (a->overwrite ? VIR_STORAGE_POOL_BUILD_OVERWRITE : 0) |
                                  (a->no_overwrite ? VIR_STORAGE_POOL_BUILD_NO_OVERWRITE : 0));
}

static int do_destroy(virStoragePoolPtr p, const struct pool_state_args *a)
{
    (void)a;
    return virStoragePoolDestroy(p);
}

static int do_delete(virStoragePoolPtr p, const struct pool_state_args *a)
{
    (void)a;
    return virStoragePoolDelete(p, 0);
}

static int do_refresh(virStoragePoolPtr p, const struct pool_state_args *a)
{
    (void)a;
    return virStoragePoolRefresh(p, 0);
}

static int do_undefine(virStoragePoolPtr p, const struct pool_state_args *a)
{
    (void)a;
    return virStoragePoolUndefine(p);
}

static int do_autostart(virStoragePoolPtr p, const struct pool_state_args *a)
{
    return virStoragePoolSetAutostart(p, !a->disable);
}

static int cmd_pool_state(struct shell *sh, void *opaque)
{
    struct pool_state_args *a = opaque;
    const struct pool_action *act = sh->current->data;
    _cleanup_pool_ virStoragePoolPtr p = storage_pool_lookup(sh, a->pool);
    if (!p)
        return CMD_FAILED;
    bool unmark = act->act == do_autostart && a->disable;
    if (act->act(p, a) < 0)
        return err_libvirt(sh, "cannot %s pool '%s'", unmark ? "unmark as autostarted" : act->verb,
                           a->pool);
    /* virsh names the pool as it was given (a name or a UUID) */
    if (unmark)
        return storage_pool_report(sh, p, a->pool, "autostart_disabled", "unmarked as autostarted");
    return storage_pool_report(sh, p, a->pool, act->result, act->text);
}

#define ACTION(fn, vb, res, txt) \
    (&(const struct pool_action){ .act = (fn), .verb = (vb), .result = (res), .text = (txt) })

#define POOL_STATE(nm, compl, summ, dat, ...) \
    { .name = nm, .summary = summ, .run = cmd_pool_state, .data = dat, \
      .args_size = sizeof(struct pool_state_args), .flags = CMD_MODIFIES, \
      .opts = OPTS(ARG_POOL(struct pool_state_args, pool, compl), ##__VA_ARGS__), \
      .result = RESULT_OBJECT({ "name", RT_STRING, "the pool's name" }, \
                              { "uuid", RT_STRING, "its UUID" }, \
                              { "result", RT_STRING, "what was done" }) }

#define OVERWRITE_OPTS \
    OPT_FLAG(struct pool_state_args, "no-overwrite", no_overwrite, \
             "build only if that overwrites nothing", .excl = EXCL(0)), \
    OPT_FLAG(struct pool_state_args, "overwrite", overwrite, "build even over existing data", \
             .excl = EXCL(0))

const struct cmd_def pool_state_cmds[] = {
    POOL_STATE("pool-start", COMPL_POOL_INACTIVE, "start a defined, inactive storage pool",
               ACTION(do_start, "start", "started", "started"),
               OPT_FLAG(struct pool_state_args, "build", build, "build the pool first"),
               OVERWRITE_OPTS),
    POOL_STATE("pool-destroy", COMPL_POOL_ACTIVE,
               "stop a storage pool (its data stays where it is)",
               ACTION(do_destroy, "destroy", "destroyed", "destroyed")),
    POOL_STATE("pool-build", COMPL_POOL, "build a storage pool (make its directory, label its disk, ...)",
               ACTION(do_build, "build", "built", "built"), OVERWRITE_OPTS),
    POOL_STATE("pool-delete", COMPL_POOL_INACTIVE,
               "delete an inactive storage pool's storage (a dir pool's directory, ...)",
               ACTION(do_delete, "delete", "deleted", "deleted")),
    POOL_STATE("pool-refresh", COMPL_POOL_ACTIVE, "read a storage pool's volumes again",
               ACTION(do_refresh, "refresh", "refreshed", "refreshed")),
    POOL_STATE("pool-undefine", COMPL_POOL_PERSISTENT, "remove an inactive storage pool's definition",
               ACTION(do_undefine, "undefine", "undefined", "has been undefined")),
    POOL_STATE("pool-autostart", COMPL_POOL_PERSISTENT, "start a storage pool when the host boots",
               ACTION(do_autostart, "mark as autostarted", "autostart_enabled",
                      "marked as autostarted"),
               OPT_FLAG(struct pool_state_args, "disable", disable, "turn autostart off")),
    { 0 },
};
