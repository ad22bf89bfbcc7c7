/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * cmd/scope.h - which configuration of a domain a command reads or changes:
 * --live (the running domain), --config (the persistent definition, from
 * the next boot), --current (the running domain if it runs, else the
 * definition: libvirt's default).  virsh's rules: --current excludes the
 * other two; --live --config together is both.
 */
#pragma once

#include <json-c/json.h>
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
#include <stdbool.h>

#include "core/table.h"
#include "virt/domain.h"

struct scope_args {
    bool config, live, current;
};

/* --live/--config as libvirt flags (--current: neither). */
static inline unsigned int scope_flags(const struct scope_args *s)
{
    return (s->live ? VIR_DOMAIN_AFFECT_LIVE : 0) | (s->config ? VIR_DOMAIN_AFFECT_CONFIG : 0);
}

/* "live" and "config" in o: which configurations `flags` reached; with
 * neither flag, the live one of a running domain, else the persistent one. */
static inline void scope_json(struct json_object *o, virDomainPtr d, unsigned int flags)
{
    bool live = flags & VIR_DOMAIN_AFFECT_LIVE, config = flags & VIR_DOMAIN_AFFECT_CONFIG;
    if (!live && !config) {
        live = virDomainIsActive(d) == 1;
        config = !live;
        virResetLastError();
    }
    json_object_object_add(o, "live", json_object_new_boolean(live));
    json_object_object_add(o, "config", json_object_new_boolean(config));
}

/* The three options, with their help; --current excludes --live (set 1)
 * and --config (set 0, which more_config adds to). */
#define SCOPE_OPTS_HELP(st, more_config, config_help, live_help, current_help) \
    OPT_FLAG(st, "config", scope.config, config_help, .excl = EXCL(0) | (more_config)), \
    OPT_FLAG(st, "live", scope.live, live_help, .excl = EXCL(1)), \
    OPT_FLAG(st, "current", scope.current, current_help, .excl = EXCL(0) | EXCL(1))

/* For commands that change something. */
#define SCOPE_OPTS(st, more_config) \
    SCOPE_OPTS_HELP(st, more_config, "change the persistent configuration (next boot)", \
                    "change the running domain", \
                    "change the running domain if it runs, else the configuration (default)")

/* For commands that show something, or change it when given a value. */
#define SCOPE_OPTS_RW(st) \
    SCOPE_OPTS_HELP(st, 0, "the persistent configuration (next boot)", "the running domain", \
                    "the running domain if it runs, else the configuration (default)")

/* The JSON keys of a change made with those options: the domain, the
 * result word, and where it changed. */
#define TUNED_FIELDS(what) \
    DOMAIN_IDENT_FIELDS, \
    { "result", RT_STRING, what }, \
    { "live", RT_BOOL, "the running domain changed" }, \
    { "config", RT_BOOL, "its persistent configuration changed" }
