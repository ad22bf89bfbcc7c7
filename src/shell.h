/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* shell.h - the shell context shared by every command, and the run loops. */
#pragma once

#include <libvirt/libvirt.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>

#include "cmd.h"
#include "out.h"

/* The global options, bound by the same option machinery as commands. */
struct global_args {
    const char *connect;
    bool readonly;
    bool quiet;
    bool timing;
    long long keepalive_interval;
    long long keepalive_count;
    const char *escape;
    long long debug;
    const char *log;
    bool help;
    bool version;
    int output;            /* enum out_mode */
    bool halt_on_error;
    const char *file;
};

extern const struct cmd_def global_cmd;

struct shell_error {
    int status;        /* CMD_FAILED or CMD_USAGE; 0 if none */
    int code;          /* libvirt error code, or the status for our own errors */
    const char *domain;/* libvirt error domain word, or "virtsh" */
    char *message;
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
    struct domcache *domcache; /* lookups, for sessions (conn.c) */
    virSecurityModelPtr secmodel; /* the host's security model, once asked */
    struct agent_cache *agent_cache; /* guest-info per domain, for this URI (agent.c) */
    struct qmp_cache *qmp_cache;     /* QMP schema per running domain (qmp.c) */
};

/* Set when SIGINT arrives; long-running commands poll it. */
extern volatile sig_atomic_t shell_interrupted;

void shell_init(struct shell *sh);
void shell_free(struct shell *sh);
/* Run one command given as words.  Returns its exit status. */
int shell_run_argv(struct shell *sh, int argc, char **argv);
/* Run every command in a string (';'/newline separated).  With stop_on_error
 * (or --halt-on-error) stops at the first failure.  Returns the worst status. */
int shell_run_string(struct shell *sh, const char *s, size_t len);
/* Read commands from a stream (script or batch stdin). */
int shell_run_stream(struct shell *sh, FILE *in, const char *name);
/* The interactive loop. */
int shell_run_interactive(struct shell *sh);
/* Set up SIGINT/SIGPIPE handling. */
void shell_install_signals(void);
