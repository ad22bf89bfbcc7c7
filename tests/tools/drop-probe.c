/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * drop-probe - what a libvirt client sees when its daemon goes away, for the
 * self-test of the fault preload (tests/integration/t-fault-harness.sh).
 *
 *   drop-probe GO_FILE
 *
 * Runs the default event loop in a thread (as virtsh does), opens the
 * default URI, prints "ready", waits until GO_FILE exists, then calls
 * virConnectNumOfDomains once and prints what it got:
 *   "result N" or "error domain=D code=C message=M"
 * The test kills the daemon before creating GO_FILE (or freezes it, creates
 * GO_FILE, then kills it) and compares this line with the one the same
 * program prints under the preload's fail= (fail-after=).
 */
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

static void *event_loop(void *opaque)
{
    (void)opaque;
    for (;;)
        virEventRunDefaultImpl();
    return NULL;
}

int main(int argc, char **argv)
{
    pthread_t thread;
    virConnectPtr conn;
    virErrorPtr err;
    int n;

    if (argc != 2) {
        fprintf(stderr, "usage: drop-probe GO_FILE\n");
        return 2;
    }
    if (virEventRegisterDefaultImpl() < 0 ||
        pthread_create(&thread, NULL, event_loop, NULL) != 0 ||
        !(conn = virConnectOpen(NULL))) {
        fprintf(stderr, "drop-probe: cannot connect\n");
        return 1;
    }
    printf("ready\n");
    fflush(stdout);
    while (access(argv[1], F_OK) != 0)
        usleep(20 * 1000);
    n = virConnectNumOfDomains(conn);
    err = virGetLastError();
    if (n >= 0)
        printf("result %d\n", n);
    else
        printf("error domain=%d code=%d message=%s\n", err ? err->domain : -1,
               err ? err->code : -1, err && err->message ? err->message : "");
    fflush(stdout);
    _exit(0); /* (the connection may be dead: no orderly close) */
}
