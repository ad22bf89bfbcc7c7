/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * core/table.h - the command table: declarative types only.
 *
 * Every command is one `struct cmd_def` in its group's array.  The same
 * table drives dispatch, option parsing, help, the man page reference,
 * completion and the self-check.  A command's options bind to fields of its
 * own args struct through offsetof(), so a handler reads typed values and
 * never looks an option up by its name.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>

struct shell;

/* Exit statuses; handlers return one of these. */
enum {
    CMD_OK = 0,
    CMD_FAILED = 1,
    CMD_USAGE = 2,
};

typedef enum {
    OPT_BOOL,   /* bool: --flag */
    OPT_STRING, /* const char *: --name VALUE */
    OPT_INT,    /* long long, bounded by min/max */
    OPT_SCALED, /* unsigned long long bytes: 512M, 2GiB; bare numbers are in `scale` bytes */
    OPT_ENUM,   /* int: index into values[]; -1 when not given and no def */
    OPT_LIST,   /* struct strv: repeatable --name VALUE */
    OPT_ARGV,   /* struct strv: every remaining word */
} opt_type;

/* What a value is, for completion. */
typedef enum {
    COMPL_NONE,
    COMPL_DOMAIN,            /* any domain */
    COMPL_DOMAIN_ACTIVE,     /* running or paused */
    COMPL_DOMAIN_INACTIVE,   /* defined and shut off */
    COMPL_DOMAIN_PERSISTENT, /* defined */
    COMPL_DOMAIN_RUNNING,
    COMPL_DOMAIN_PAUSED,
    COMPL_FILE,
    COMPL_DIR,
    COMPL_COMMAND,      /* a virtsh command or group name */
    COMPL_MACHINE,      /* machine type */
    COMPL_AGENT_CMD,    /* guest agent command name */
    COMPL_QMP_CMD,      /* QMP command name */
    COMPL_INTERFACE,    /* a domain's interface */
    COMPL_DISK,         /* a domain's disk target */
} compl_kind;

/* True for the kinds that name a domain (COMPL_DOMAIN and its state filters). */
bool compl_kind_is_domain(compl_kind k);

enum {
    OPT_REQUIRED = 1 << 0,   /* must be given */
    OPT_POSITIONAL = 1 << 1, /* may be given without its --name, in table order */
    OPT_SECRET = 1 << 2,     /* never recorded in history or logs */
    OPT_HIDDEN = 1 << 3,     /* accepted, not shown in help */
    OPT_MODIFIES = 1 << 4,   /* giving it makes the command change state (domtime --now):
                              * refused with --readonly; BOOL, STRING, ENUM or LIST only */
};

struct strv {
    char **v;
    size_t n;
};

struct opt_def {
    const char *name;            /* long name, without "--" */
    char short_name;             /* global options only; 0 if none */
    opt_type type;
    unsigned flags;
    size_t offset;               /* offsetof(args struct, field) */
    const char *help;
    const char *metavar;         /* shown as --name METAVAR; default: upper-cased name */
    const char *const *values;   /* OPT_ENUM: NULL-terminated */
    long long min, max;          /* OPT_INT bounds (both 0: unbounded) */
    unsigned long long scale;    /* OPT_SCALED: unit of a bare number, in bytes */
    const char *def;             /* default, parsed like a given value */
    const char *implicit;        /* value when given bare: "--wait" = "--wait=IMPLICIT";
                                  * then a value must be inline, or a following number */
    unsigned char excl;          /* options sharing a non-zero group exclude each other */
    compl_kind complete;
};

enum {
    CMD_NOCONN = 1 << 0,   /* never opens a connection (help, echo, ...) */
    CMD_MODIFIES = 1 << 1, /* changes state: refused with --readonly */
    CMD_HIDDEN = 1 << 2,   /* not listed by help */
    CMD_SECRET = 1 << 3,   /* a line running it is never recorded in history */
};

typedef int (*cmd_handler)(struct shell *sh, void *args);

struct cmd_def {
    const char *name;
    const char *const *aliases; /* NULL-terminated, or NULL */
    const char *summary;        /* one line, no final period */
    const char *desc;           /* paragraph for `help CMD` and the man page */
    const struct opt_def *opts; /* terminated by an entry with name == NULL; may be NULL */
    size_t args_size;
    cmd_handler run;
    unsigned flags;
};

struct cmd_group {
    const char *name;  /* "domain", "host", ... */
    const char *title; /* heading in help */
    const struct cmd_def *cmds; /* terminated by an entry with name == NULL */
};

/* Helpers to keep table rows short. */
#define OPTS(...) ((const struct opt_def[]){ __VA_ARGS__, { 0 } })
#define ALIASES(...) ((const char *const[]){ __VA_ARGS__, NULL })
#define VALUES(...) ((const char *const[]){ __VA_ARGS__, NULL })
#define NO_OPTS NULL

/* A --NAME flag: sets the bool `field` of the args struct `st`. */
#define OPT_FLAG(st, nm, field, what) \
    { .name = (nm), .type = OPT_BOOL, .offset = offsetof(st, field), .help = (what) }

/* --loop and --timeout of the commands that wait for events (fields `loop`
 * and `timeout`). */
#define OPT_EVENT_WAIT(st) \
    OPT_FLAG(st, "loop", loop, "go on after the first event, until Ctrl-C or the timeout"), \
    { .name = "timeout", .type = OPT_INT, .metavar = "SECONDS", .min = 1, .max = 86400 * 365, \
      .offset = offsetof(st, timeout), .help = "stop after SECONDS; exit 1 if no event came" }

#define ARG_DOMAIN(st, field, compl) \
    { .name = "domain", .type = OPT_STRING, .flags = OPT_REQUIRED | OPT_POSITIONAL, \
      .offset = offsetof(st, field), .help = "domain name, id or uuid", .complete = (compl) }

/* The registry: every group, defined by the command layer (cmd/groups.c).
 * Every group, NULL-terminated, in the order help lists them. */
extern const struct cmd_group *const cmd_groups[];


/* A command by name or alias, or NULL. */
const struct cmd_def *cmd_lookup(const char *name);
/* A group by name, or NULL. */
const struct cmd_group *cmd_group_lookup(const char *name);
/* The closest command name to an unknown one, or NULL. */
const char *cmd_suggest(const char *name);
/* The group a command belongs to. */
const struct cmd_group *cmd_group_of(const struct cmd_def *cmd);

#define FOREACH_CMD(g, c) \
    for (const struct cmd_group *const *g##_it = cmd_groups; ((g) = *g##_it); g##_it++) \
        for ((c) = (g)->cmds; (c)->name; (c)++)
