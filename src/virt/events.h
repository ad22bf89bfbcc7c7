/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * events.h - waiting on domain state without busy polling: a lifecycle
 * event callback (run on the event loop thread) wakes the waiting command,
 * which then reads the state once.
 */
#pragma once

#include <libvirt/libvirt.h>
#include <stdbool.h>

#include "virt/context.h"

enum {
    WAIT_DONE = 0,
    WAIT_TIMEOUT = 1,
    WAIT_INTERRUPTED = 2,
    WAIT_ERROR = 3,
};

/* Called with the current state; true ends the wait. */
typedef bool (*wait_pred)(int state, int reason, void *opaque);
/* Called about once a second while waiting (may be NULL). */
typedef void (*wait_tick)(double elapsed_s, int state, void *opaque);

/* Wait until pred is true for `dom`, the timeout (seconds, <= 0: none)
 * passes, or Ctrl-C.  A domain that disappears (transient, stopped) reads
 * as VIR_DOMAIN_SHUTOFF.  Returns a WAIT_* code; WAIT_ERROR has the error
 * recorded.  *ret_state gets the last state seen. */
int events_wait_state(struct shell *sh, virDomainPtr dom, double timeout_s, wait_pred pred,
                      wait_tick tick, void *opaque, int *ret_state);
