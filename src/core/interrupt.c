/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "core/interrupt.h"

volatile sig_atomic_t shell_interrupted;

static void on_sigint(int sig)
{
    (void)sig;
    shell_interrupted = 1;
}

void interrupt_install(void)
{
    struct sigaction sa = { 0 };
    sa.sa_handler = on_sigint;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0; /* no SA_RESTART: blocking waits see EINTR */
    sigaction(SIGINT, &sa, NULL);
}
