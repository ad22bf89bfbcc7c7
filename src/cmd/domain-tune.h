/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* cmd/domain-tune.h - the domain group's tuning files beside cmd/domain.c
 * (which lists their rows in its `more`), and what they share. */
#pragma once

#include <json-c/json.h>
#include <libvirt/libvirt.h>

#include "core/table.h"
#include "virt/context.h"
#include "virt/typed-params.h"

extern const struct cmd_def domain_tune_cmds[];     /* cmd/domain-tune.c */
extern const struct cmd_def domain_vcpu_cmds[];     /* cmd/domain-vcpu.c */
extern const struct cmd_def domain_iothread_cmds[]; /* cmd/domain-iothread.c */
extern const struct cmd_def domain_iftune_cmds[];   /* cmd/domain-iftune.c */

/* How many CPUs the host has (the size of a CPU map), or -1 with the
 * error recorded. */
int host_cpu_count(struct shell *sh);

/* A set of host CPUs as a command shows it: the array of their numbers in
 * JSON, "0-3,6" in text (the column or field reads it as a plain string). */
struct json_object *cpuset_value(struct shell *sh, const unsigned char *map, int ncpus);

/* Parse a CPU list option for a host of `ncpus` CPUs into a new map (of
 * cpumap_len(ncpus) bytes); NULL with the error recorded (a usage error
 * for what is not a CPU list; sh->err.status tells). */
unsigned char *cpuset_parse(struct shell *sh, const char *opt, const char *list, int ncpus);

/* The JSON of a change that virsh reports with nothing: the domain's name,
 * id and uuid, "result": RESULT, and "live"/"config" as reached by flags.
 * Printed in JSON mode only. */
void report_tuned(struct shell *sh, virDomainPtr d, const char *result, unsigned int flags);

/* libvirt's getters of the form get(dom, params, &n, flags): first asked
 * for the count, then for the values. */
typedef int (*params_getter)(virDomainPtr d, virTypedParameterPtr params, int *n,
                             unsigned int flags);
/* Fill l with what `get` returns; -1 with libvirt's error set. */
int get_params(virDomainPtr d, params_getter get, unsigned int flags, struct typed_list *l);
