/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "virt/events.h"

#include <errno.h>
#include <fcntl.h>
#include <libvirt/virterror.h>
#include <poll.h>
#include <string.h>
#include <unistd.h>

#include "core/util.h"
#include "virt/conn.h"
#include "virt/err.h"

struct waker {
    int fd[2];
};

static void lifecycle_cb(virConnectPtr c, virDomainPtr d, int event, int detail, void *opaque)
{
    struct waker *w = opaque;
    (void)c, (void)d, (void)event, (void)detail;
    (void)!write(w->fd[1], "e", 1);
}

static int read_state(virDomainPtr dom, int *state, int *reason)
{
    if (virDomainGetState(dom, state, reason, 0) == 0)
        return 0;
    virErrorPtr e = virGetLastError();
    if (e && e->code == VIR_ERR_NO_DOMAIN) { /* a transient domain that stopped is gone */
        virResetLastError();
        *state = VIR_DOMAIN_SHUTOFF;
        *reason = VIR_DOMAIN_SHUTOFF_UNKNOWN;
        return 0;
    }
    return -1;
}

int events_wait_state(struct shell *sh, virDomainPtr dom, double timeout_s, wait_pred pred,
                      wait_tick tick, void *opaque, int *ret_state)
{
    struct waker w = { { -1, -1 } };
    int cb = -1, rc = WAIT_ERROR, state = VIR_DOMAIN_NOSTATE, reason = 0;
    double start = now_ms();
    virConnectPtr c = virDomainGetConnect(dom);
    const char *dom_name = virDomainGetName(dom);

    if (pipe2(w.fd, O_CLOEXEC | O_NONBLOCK) < 0) {
        error(sh, "cannot create a pipe: %s", strerror(errno));
        return WAIT_ERROR;
    }
    cb = virConnectDomainEventRegisterAny(c, dom, VIR_DOMAIN_EVENT_ID_LIFECYCLE,
                                          VIR_DOMAIN_EVENT_CALLBACK(lifecycle_cb), &w, NULL);
    if (cb < 0) {
        err_libvirt(sh, "cannot watch the domain's events");
        goto out;
    }
    bool changed = true; /* read once after registering, so no change falls in between */
    for (;;) {
        if (changed && read_state(dom, &state, &reason) < 0) {
            /* not virDomainGetName() in the arguments: it would clear the error first */
            err_libvirt(sh, "cannot get the state of domain '%s'", dom_name);
            goto out;
        }
        if (changed && pred(state, reason, opaque)) {
            rc = WAIT_DONE;
            break;
        }
        double elapsed = (now_ms() - start) / 1000;
        if (timeout_s > 0 && elapsed >= timeout_s) {
            rc = WAIT_TIMEOUT;
            break;
        }
        if (tick)
            tick(elapsed, state, opaque);
        int slice = 1000;
        if (timeout_s > 0 && (timeout_s - elapsed) * 1000 < slice)
            slice = (int)((timeout_s - elapsed) * 1000) + 1;
        struct pollfd pf = { .fd = w.fd[0], .events = POLLIN };
        int n = poll(&pf, 1, slice);
        if (n < 0 && errno == EINTR && shell_interrupted) {
            rc = WAIT_INTERRUPTED;
            break;
        }
        changed = n > 0;
        if (changed) {
            char buf[64];
            while (read(w.fd[0], buf, sizeof(buf)) > 0)
                ;
        }
    }

out:
    if (cb >= 0)
        virConnectDomainEventDeregisterAny(c, cb);
    close(w.fd[0]);
    close(w.fd[1]);
    *ret_state = state;
    return rc;
}
