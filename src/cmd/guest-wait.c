/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * cmd/guest-wait.c - `wait DOMAIN --agent | --state STATE`: sleep on libvirt
 * events (agent lifecycle, domain lifecycle) instead of polling.
 *
 * --agent: guest-ping answers → done.  Otherwise wait for an agent
 * lifecycle event (the guest opened or closed the channel), then ping again.
 * While libvirt believes no agent is connected a ping fails at once without
 * reaching the guest, so a slow re-ping (every few seconds) as a safety net
 * for a missed or never-sent event costs nothing.
 */
#include <errno.h>
#include <fcntl.h>
#include <libvirt/libvirt-qemu.h>
#include <libvirt/virterror.h>
#include <poll.h>
#include <string.h>
#include <unistd.h>

#include "core/util.h"
#include "virt/conn.h"
#include "virt/domain.h"
#include "virt/err.h"
#include "virt/events.h"
#include "cmd/guest.h"

/* Owned by the callback registrations: freed by libvirt's freecb of the
 * last one, so a late callback never writes to a closed pipe. */
struct agent_waker {
    int fd[2];
    int refs;
};

static void agent_lifecycle_cb(virConnectPtr c, virDomainPtr d, int state, int reason, void *opaque)
{
    struct agent_waker *w = opaque;
    (void)c, (void)d, (void)state, (void)reason;
    (void)!write(w->fd[1], "a", 1);
}

static void domain_lifecycle_cb(virConnectPtr c, virDomainPtr d, int event, int detail, void *opaque)
{
    struct agent_waker *w = opaque;
    (void)c, (void)d, (void)event, (void)detail;
    (void)!write(w->fd[1], "l", 1);
}

static void waker_free(void *opaque)
{
    struct agent_waker *w = opaque;
    if (__atomic_sub_fetch(&w->refs, 1, __ATOMIC_ACQ_REL) > 0)
        return;
    close(w->fd[0]);
    close(w->fd[1]);
    free(w);
}

/* Does the agent answer within `secs`?  1 yes, 0 not yet, -1 never: the
 * driver cannot reach agents, or the domain has no agent channel (libvirt's
 * error is then left for the caller to record). */
static int ping(virDomainPtr dom, int secs, char *why, size_t whylen)
{
    char *r = virDomainQemuAgentCommand(dom, "{\"execute\":\"guest-ping\"}", secs < 1 ? 1 : secs, 0);
    if (r) {
        free(r);
        return 1;
    }
    virErrorPtr e = virGetLastError();
    if (e && (e->code == VIR_ERR_NO_SUPPORT || e->code == VIR_ERR_ARGUMENT_UNSUPPORTED))
        return -1;
    snprintf(why, whylen, "%s", e && e->message ? e->message : "no answer");
    virResetLastError();
    return 0;
}

#define REPING_MS 5000

/* The result object: the domain as it is now (its id changes when it
 * starts), and the seconds waited, to the millisecond. */
static struct json_object *waited_json(virDomainPtr dom, double secs)
{
    unsigned char uuid[VIR_UUID_BUFLEN];
    virDomainPtr fresh = NULL;
    if (virDomainGetUUID(dom, uuid) == 0)
        fresh = virDomainLookupByUUID(virDomainGetConnect(dom), uuid);
    virResetLastError();
    struct json_object *o = domain_ident_json(fresh ? fresh : dom);
    if (fresh)
        virDomainFree(fresh);
    char num[32];
    snprintf(num, sizeof(num), "%.3f", secs);
    json_object_object_add(o, "seconds", json_object_new_double_s(secs, num));
    return o;
}

struct wait_args {
    const char *domain;
    bool agent;
    const char *state;  /* a state word (running, shutoff, ...) or NULL */
    long long timeout;  /* seconds, 0: no limit */
};

static int wait_agent(struct shell *sh, struct wait_args *a, virDomainPtr dom)
{
    virConnectPtr c = virDomainGetConnect(dom);
    struct agent_waker *w = xcalloc(1, sizeof(*w));
    if (pipe2(w->fd, O_CLOEXEC | O_NONBLOCK) < 0) {
        free(w);
        return error(sh, "cannot create a pipe: %s", strerror(errno));
    }
    /* The agent connects after the domain starts: domain events wake us too. */
    w->refs = 2;
    int cb_agent = virConnectDomainEventRegisterAny(c, dom, VIR_DOMAIN_EVENT_ID_AGENT_LIFECYCLE,
                                                    VIR_DOMAIN_EVENT_CALLBACK(agent_lifecycle_cb), w,
                                                    waker_free);
    if (cb_agent < 0) {
        waker_free(w);
        waker_free(w);
        return err_libvirt(sh, "cannot watch the guest agent of domain '%s'", a->domain);
    }
    int cb_life = virConnectDomainEventRegisterAny(c, dom, VIR_DOMAIN_EVENT_ID_LIFECYCLE,
                                                   VIR_DOMAIN_EVENT_CALLBACK(domain_lifecycle_cb), w,
                                                   waker_free);
    if (cb_life < 0)
        waker_free(w);
    virResetLastError();

    double start = now_ms();
    double deadline = a->timeout > 0 ? start + (double)a->timeout * 1000 : 0;
    char why[512] = "";
    int rc = CMD_FAILED;
    unsigned pings = 0;
    for (;;) {
        /* Ping after registering, so an event between the two is not lost. */
        double left = deadline ? deadline - now_ms() : 5000;
        int secs = left > 5000 ? 5 : (int)(left / 1000) + 1;
        pings++;
        int p = ping(dom, secs, why, sizeof(why));
        if (p < 0) {
            rc = err_libvirt(sh, "cannot wait for the guest agent of domain '%s'", a->domain);
            goto out;
        }
        if (p > 0) {
            rc = CMD_OK;
            break;
        }
        double next = now_ms() + REPING_MS;
        bool woke = false;
        while (!woke) {
            double now = now_ms();
            if (shell_interrupted) {
                rc = err_set(sh, 130, "interrupted: stopped waiting for the guest agent of domain '%s'",
                             a->domain);
                goto out;
            }
            if (deadline && now >= deadline) {
                rc = error(sh, "timed out after %lld s: the guest agent of domain '%s' did not "
                           "answer (%s)", a->timeout, a->domain, why);
                goto out;
            }
            if (now >= next)
                break;
            double until = deadline && deadline < next ? deadline : next;
            int slice = (int)(until - now) + 1;
            if (slice > 250)
                slice = 250; /* a Ctrl-C caught by another thread does not interrupt poll */
            struct pollfd pf = { .fd = w->fd[0], .events = POLLIN };
            if (poll(&pf, 1, slice) > 0) {
                char buf[64];
                while (read(w->fd[0], buf, sizeof(buf)) > 0)
                    ;
                woke = true;
            }
        }
    }

out:
    if (cb_life >= 0)
        virConnectDomainEventDeregisterAny(c, cb_life);
    virConnectDomainEventDeregisterAny(c, cb_agent);
    if (rc != CMD_OK)
        return rc;
    double secs = (now_ms() - start) / 1000;
    _cleanup_json_ struct json_object *o = waited_json(dom, secs);
    json_object_object_add(o, "agent", json_object_new_boolean(true));
    json_object_object_add(o, "pings", json_object_new_int((int)pings));
    _cleanup_free_ char *text = xasprintf("The guest agent of domain '%s' answers (waited %.1f s)",
                                          virDomainGetName(dom), secs);
    out_message(&sh->out, o, text);
    return CMD_OK;
}

static const struct {
    const char *word;
    int state;
} wait_states[] = {
    { "running", VIR_DOMAIN_RUNNING },   { "blocked", VIR_DOMAIN_BLOCKED },
    { "paused", VIR_DOMAIN_PAUSED },     { "shutdown", VIR_DOMAIN_SHUTDOWN },
    { "shutoff", VIR_DOMAIN_SHUTOFF },   { "crashed", VIR_DOMAIN_CRASHED },
    { "pmsuspended", VIR_DOMAIN_PMSUSPENDED },
};

static bool state_is(int state, int reason, void *opaque)
{
    (void)reason;
    return state == *(int *)opaque;
}

static int wait_state(struct shell *sh, struct wait_args *a, virDomainPtr dom)
{
    int want = -1;
    for (size_t i = 0; i < ARRAY_SIZE(wait_states); i++)
        if (str_eq(a->state, wait_states[i].word) || str_eq(a->state, domain_state_text(wait_states[i].word)))
            want = wait_states[i].state;
    if (want < 0)
        return usage_error(sh, "invalid value '%s' for '--state': expected one of running, blocked, "
                           "paused, shutdown, shutoff, crashed, pmsuspended", a->state);
    double start = now_ms();
    int got;
    int r = events_wait_state(sh, dom, (double)a->timeout, state_is, NULL, &want, &got);
    switch (r) {
    case WAIT_DONE:
        break;
    case WAIT_TIMEOUT:
        return error(sh, "timed out after %lld s: domain '%s' is %s, not %s", a->timeout,
                     a->domain, domain_state_text(domain_state_word(got)), a->state);
    case WAIT_INTERRUPTED:
        return err_set(sh, 130, "interrupted: stopped waiting for domain '%s'", a->domain);
    default:
        return CMD_FAILED;
    }
    double secs = (now_ms() - start) / 1000;
    _cleanup_json_ struct json_object *o = waited_json(dom, secs);
    json_object_object_add(o, "state", json_object_new_string(domain_state_word(got)));
    _cleanup_free_ char *text = xasprintf("Domain '%s' is %s (waited %.1f s)", virDomainGetName(dom),
                                          domain_state_text(domain_state_word(got)), secs);
    out_message(&sh->out, o, text);
    return CMD_OK;
}

static int cmd_agent_wait(struct shell *sh, void *opaque)
{
    struct wait_args *a = opaque;
    _cleanup_domain_ virDomainPtr dom = conn_lookup_domain(sh, a->domain);
    if (!dom)
        return CMD_FAILED;
    return a->agent ? wait_agent(sh, a, dom) : wait_state(sh, a, dom);
}

/* The guest group's command of this file (see cmd/guest.c). */
const struct cmd_def guest_wait_cmds[] = {
    { .name = "wait", .summary = "wait until a domain's agent answers, or it reaches a state",
      .desc = "--agent returns when the guest agent answers a guest-ping; --state when the domain "
              "is in that state (running, paused, shutoff, ...; a transient domain that is gone "
              "counts as shutoff). Both follow libvirt events instead of polling (--agent pings once "
              "more every 5 s too, in case an event never comes). Exit status 0 when it happened, "
              "1 on timeout or when the domain cannot have an agent.",
      .run = cmd_agent_wait, .args_size = sizeof(struct wait_args), .needs = "agent|state",
      .result = RESULT_OBJECT(DOMAIN_IDENT_FIELDS,
                              { "seconds", RT_NUMBER, "how long it waited" },
                              { "agent", RT_BOOL | RT_OPTIONAL, "--agent: true, the agent answers" },
                              { "pings", RT_INT | RT_OPTIONAL, "--agent: guest-pings sent" },
                              { "state", RT_STRING | RT_OPTIONAL, "--state: the state reached" }),
      .opts = OPTS(ARG_DOMAIN(struct wait_args, domain, COMPL_DOMAIN),
                   OPT_FLAG(struct wait_args, "agent", agent, "until the guest agent answers",
                            .excl = EXCL(0)),
                   OPT_STRING(struct wait_args, "state", state,
                              "until the domain is in STATE (running, paused, shutoff, ...)",
                              .excl = EXCL(0), .metavar = "STATE"),
                   OPT_INT(struct wait_args, "timeout", timeout, 1, 86400 * 7,
                           "give up after this many seconds", .metavar = "SECONDS")) },
    { 0 },
};
