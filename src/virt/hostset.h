/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * virt/hostset.h - several hosts at once.  Each host has a shell context of
 * its own (its connection, caches and error), made from the shell's
 * settings on first use and kept for the session; work runs on all of them
 * in parallel, one thread a host, each opening its own connection within
 * the connect bound (virt/conn.c).
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "core/inventory.h"
#include "virt/context.h"

struct hostset *hostset_new(const struct selection *sel);
/* The index of the host named `name`, or -1. */
int hostset_find(const struct hostset *hs, const char *name);
/* Host i's context, made from (and kept in step with) parent's settings. */
struct shell *hostset_shell(struct hostset *hs, struct shell *parent, size_t i);

/* Work on one host, in its own thread: hsh is host i's context. */
typedef void (*hostset_fn)(struct shell *hsh, size_t i, void *opaque);
/* fn on every host i with run[i] (run NULL: all), in parallel; returns when
 * every one has. */
void hostset_each(struct hostset *hs, struct shell *parent, const bool *run, hostset_fn fn,
                  void *opaque);
/* "a, b and c" of the hosts with pick[i], for messages (caller frees). */
char *hostset_names(const struct hostset *hs, const bool *pick);

/* From main: -c and the --hosts lists to sh->uri (one host) or
 * sh->hosts (several).  CMD_OK, or a status with the error recorded. */
int hostset_select(struct shell *sh);
/* The shell's `connect`: the hosts `spec` names (one, or "a,b,@group")
 * replace the selection, or with `add` join it; connected at once, in
 * parallel.  CMD_OK, CMD_PARTIAL, or the error recorded. */
int hostset_connect(struct shell *sh, const char *spec, bool add, bool readonly);
