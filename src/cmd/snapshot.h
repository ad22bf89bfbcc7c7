/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* cmd/snapshot.h - what the files of the snapshot group share. */
#pragma once

#include <libvirt/libvirt.h>

#include "core/strbuf.h"
#include "core/strv.h"
#include "core/table.h"
#include "virt/context.h"

/* The other files' rows (snapshot-list.c, snapshot-revert.c). */
extern const struct cmd_def snapshot_list_cmds[];
extern const struct cmd_def snapshot_revert_cmds[];

/* Report an action on snapshot `name` of d: text (unless -q), JSON
 * {"domain": ..., "name": ..., "result": RESULT}.  Returns CMD_OK. */
int snapshot_report(struct shell *sh, virDomainPtr d, const char *name, const char *result,
                    const char *text);
#define SNAPSHOT_REPORT_RESULT(what) \
    RESULT_OBJECT({ "domain", RT_STRING, "the domain" }, \
                  { "name", RT_STRING, "the snapshot" }, \
                  { "result", RT_STRING, what })

/* Make m the current snapshot of d (redefining it as it is).  CMD_OK or
 * CMD_FAILED with the error recorded. */
int snapshot_set_current(struct shell *sh, virDomainPtr d, virDomainSnapshotPtr m);

/* --quiesce (snapshots, checkpoints) needs the guest agent: CMD_OK if it
 * answers (or the hypervisor has no QEMU agent call, or d is not running),
 * else CMD_FAILED with the error recorded, saying nothing was created. */
int snapshot_check_agent(struct shell *sh, virDomainPtr d);

/* The XML snapshot-create-as and checkpoint-create-as make, as virsh
 * writes it. */
struct moment_xml {
    const char *root;             /* "domainsnapshot" */
    const char *name, *description;
    const char *memory;           /* "  <memory .../>\n" or NULL */
    const struct strv *diskspec;  /* --diskspec values */
    const struct strv *words;     /* and the same given as plain words */
    int (*add_disk)(struct shell *sh, struct strbuf *b, const char *spec);
};
/* CMD_OK, or CMD_USAGE with the error recorded. */
int moment_xml_build(struct shell *sh, const struct moment_xml *x, struct strbuf *b);
/* --print-xml: the XML and a blank line; JSON {"xml": TEXT}. */
int moment_xml_print(struct shell *sh, const char *xml);
