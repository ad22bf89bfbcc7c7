/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * shell/fanout.h - a command when several hosts are selected (man page,
 * SEVERAL HOSTS).
 *
 * The run loop hands the command over instead of running it: a command
 * about a domain runs on the host that has the domain (found on every host
 * at once; a name on several hosts is an error listing them, unless
 * --all-hosts); any other command runs on every host in parallel, each in
 * its own context (virt/hostset.h), its output captured and printed merged
 * (core/outmerge.h); one that changes state only with --all-hosts.  A
 * command need not know: it runs as on one host.
 */
#pragma once

#include <stdbool.h>

#include "virt/context.h"

/* Take the word "--all-hosts" out of a command's words (before any "--"):
 * true if it was there. */
bool fanout_take_all_hosts(int *argc, char **argv);
/* Whether cmd runs on the selected hosts: one that needs a connection, or
 * one that waits for events (its connection opened by itself); not one
 * that asks the hosts itself (CMD_HOSTS). */
bool fanout_applies(const struct cmd_def *cmd);
/* Run cmd (args parsed from argv) on the hosts it concerns; the status:
 * CMD_PARTIAL when some hosts failed and others did not. */
int fanout_run(struct shell *sh, const struct cmd_def *cmd, void *args, int argc, char **argv,
               bool all_hosts);
