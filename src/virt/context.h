/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * virt/context.h - the shell context every command runs in: the global
 * options, the output settings, the connection, the error being reported
 * and what modules remember between commands.  The run loops that drive it
 * are in shell/run.h; a context is made and freed by virt/shell.h.
 */
#pragma once

#include <libvirt/libvirt.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>

#include "core/globals.h"
#include "core/interrupt.h"
#include "core/out.h"
#include "core/strv.h"
#include "core/table.h"

struct shell_error {
    int status;        /* CMD_FAILED or CMD_USAGE; 0 if none */
    int code;          /* libvirt's error code; 0 for our own errors */
    const char *source;/* libvirt's error domain as a word (qemu, rpc, ...); NULL for ours */
    char *message;
};

/* What a module of a higher layer keeps on the shell between commands:
 * freed with the shell by the function the module put beside it. */
struct shell_cache {
    void *data;
    void (*free)(void *data);
};

/* ---- several hosts (virt/hostset.h) ---- */
struct hostctx {
    char *name;
    char *uri;
    struct shell *sh; /* its own context, made on first use */
};

struct hostset {
    struct hostctx *h;
    size_t n;
};

struct shell {
    struct global_args g;
    struct out out;
    char *uri;                 /* what to connect to (NULL: libvirt's default) */
    bool readonly;
    virConnectPtr conn;
    volatile sig_atomic_t conn_lost;  /* set by the close callback */
    bool event_loop_started;
    bool interactive;          /* reading lines from a terminal */
    bool quit;                 /* `quit` was run */
    char escape_char;          /* console escape, default ^] */
    FILE *log;                 /* -l FILE */
    struct shell_error err;
    const struct cmd_def *current; /* the command running, for messages */
    bool session;              /* more than one command may run (not one-shot) */
    struct domcache *domcache; /* lookups, for sessions (virt/conn.c) */
    virSecurityModelPtr secmodel; /* the host's security model, once asked */
    struct shell_cache agent_cache;  /* guest-info per domain, for this URI (guest/agent.c) */
    struct shell_cache qmp_cache;    /* QMP schema per running domain (guest/qmp.c) */
    struct strv said_once;     /* notes a session gives once (machine type aliases) */
    const char *script;        /* running a script: its name, and the line of the */
    unsigned script_line;      /* command running (errors start with "FILE:LINE: ") */
    /* ---- several hosts (virt/hostset.h, shell/fanout.c) ---- */
    struct hostset *hosts;     /* more than one host selected; NULL: the one at `uri` */
    const char *host;          /* a host's own context: its name, which messages show */
    bool reconnect_due;        /* the connection was lost, not reopened yet (virt/conn.c) */
};
