/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* cmd/monitor-stats.h - the monitor group's files beside cmd/monitor.c, which
 * lists their rows in its `more`, and what they share. */
#pragma once

#include <json-c/json.h>
#include <libvirt/libvirt.h>
#include <libxml/tree.h>
#include <stdbool.h>

#include "core/table.h"
#include "virt/context.h"

extern const struct cmd_def monitor_stats_cmds[]; /* cmd/monitor-stats.c */
extern const struct cmd_def monitor_blk_cmds[];   /* cmd/monitor-blk.c */
extern const struct cmd_def monitor_top_cmds[];   /* cmd/monitor-top.c */

/* A result virsh prints nothing for (it succeeded silently): JSON only. */
void report_json_only(struct shell *sh, struct json_object *o);
/* A result whose text may be empty (virsh then prints nothing): o in JSON,
 * text when there is any. */
void report_value(struct shell *sh, struct json_object *o, const char *text);

/* The domain's XML (its persistent configuration with `config`) parsed,
 * and in *ret_iface its <interface> named `name` (MAC address or device).
 * NULL with the error recorded. */
xmlDocPtr domain_interface_xml(struct shell *sh, virDomainPtr d, const char *name, bool config,
                               xmlNodePtr *ret_iface);
