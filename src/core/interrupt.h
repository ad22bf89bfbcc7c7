/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * core/interrupt.h - Ctrl-C.  SIGINT only sets a flag; the shell, and every
 * command that waits or loops, polls it at its safe points.  SIGINT is
 * installed without SA_RESTART, so a blocking wait returns with EINTR.
 */
#pragma once

#include <signal.h>

/* Set when SIGINT arrives; cleared by whoever handles it. */
extern volatile sig_atomic_t shell_interrupted;

/* Install the SIGINT handler (once, at startup). */
void interrupt_install(void);
