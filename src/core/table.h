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

#include "core/contract.h"
#include "core/strv.h"

struct shell;

/* Exit statuses; handlers return one of these. */
enum {
    CMD_OK = 0,
    CMD_FAILED = 1,
    CMD_USAGE = 2,
    CMD_PARTIAL = 3, /* several hosts: some failed, the others answered (shell/fanout.c) */
};

/* An option's type, and the type of the args struct field it fills.  Rows
 * use the OPT_* macros below, which check the field's type at compile time. */
typedef enum {
    OT_BOOL,   /* bool: --flag */
    OT_STRING, /* const char *: --name VALUE */
    OT_INT,    /* long long, bounded by min/max */
    OT_SCALED, /* unsigned long long bytes: 512M, 2GiB; bare numbers are in `scale` bytes */
    OT_ENUM,   /* int: index into values[]; -1 when not given and no def */
    OT_LIST,   /* struct strv: repeatable --name VALUE */
    OT_ARGV,   /* struct strv: every remaining word (always positional) */
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
    COMPL_NETWORK,      /* any network */
    COMPL_NETWORK_ACTIVE,
    COMPL_NETWORK_INACTIVE,
    COMPL_NETWORK_PERSISTENT,
    COMPL_NODEDEV,      /* a node device */
    COMPL_SECRET,       /* a secret's UUID */
    COMPL_HOST_IFACE,   /* a host interface (iface-*) */
    COMPL_NWFILTER,     /* a network filter */
    COMPL_NWFILTER_BINDING, /* the port device of a network filter binding */
    COMPL_DEVICE_ALIAS, /* a domain's device alias */
    COMPL_MAC,          /* a domain's interface MAC address */
    COMPL_HOST,         /* a host name of the inventory (core/inventory.h), or @GROUP */
    COMPL_POOL,         /* a storage pool */
    COMPL_POOL_ACTIVE,
    COMPL_POOL_INACTIVE,
    COMPL_POOL_PERSISTENT,
    COMPL_VOLUME,       /* a volume: its name in the pool given, else its path */
    COMPL_SNAPSHOT,     /* a domain's snapshot */
    COMPL_CHECKPOINT,   /* a domain's checkpoint */
} compl_kind;

/* True for the kinds that name a domain (COMPL_DOMAIN and its state filters). */
bool compl_kind_is_domain(compl_kind k);

enum {
    OPT_REQUIRED = 1 << 0,   /* must be given */
    OPT_POSITIONAL = 1 << 1, /* may be given without its --name, in table order (an OT_ARGV
                              * always is: its row needs no flag) */
    OPT_SECRET = 1 << 2,     /* never recorded in history or logs */
    OPT_HIDDEN = 1 << 3,     /* accepted, not shown in help */
    OPT_MODIFIES = 1 << 4,   /* giving it makes the command change state (domtime --now):
                              * refused with --readonly; BOOL, STRING, ENUM or LIST only */
    OPT_ARGV_FLAGS = 1 << 5, /* OT_ARGV: among its words "--NAME" is the command's option
                              * NAME (with its value), an unknown one an error, as virsh
                              * reads them (send-key D KEY_A --holdtime 10); after "--"
                              * every word is a word */
    OPT_REQUIRED_LATE = 1 << 6, /* with OPT_REQUIRED: missing, it is an error of the command's
                              * turn (after the commands before it in a line ran, ended with
                              * the command's blank line), as virsh finds it when its option
                              * is optional and the command refuses to go on without it */
    OPT_UNDERSCORES = 1 << 7, /* also accepted spelled with '_' for '-' (--total_bytes_sec),
                              * virsh's older names kept as hidden aliases; never offered */
};

struct opt_def {
    const char *name;            /* long name, without "--" */
    const char *help;
    const char *metavar;         /* shown as --name METAVAR; default: upper-cased name */
    const char *const *values;   /* OT_ENUM: NULL-terminated; OT_STRING: the words a
                                  * comma-separated value is made of (for completion) */
    const char *def;             /* default, parsed like a given value */
    const char *implicit;        /* value when given bare: "--wait" = "--wait=IMPLICIT";
                                  * then a value must be inline, or a following number */
    const char *needs;           /* given, it needs another option: "NAME", or "A|B" for
                                  * either of them */
    const char *why;             /* appended to the message when `excl` or `needs` refuses */
    long long min, max;          /* OT_INT bounds (both 0: unbounded) */
    unsigned scale;              /* OT_SCALED: unit of a bare number, in bytes */
    unsigned excl;               /* exclusion sets, EXCL(k) | ...: two options that share a
                                  * set cannot be given together */
    /* The small fields packed (96 bytes a row, not 128): the table's ~1500
     * rows hold pointers, so every start writes their pages (relocations);
     * test-cmdtable checks that each value fits its bits. */
    unsigned offset : 16;        /* offsetof(args struct, field) */
    unsigned flags : 16;         /* OPT_* */
    opt_type type : 8;
    compl_kind complete : 8;
    char short_name;             /* global options only; 0 if none */
};

#define EXCL(k) (1u << (k))
_Static_assert(OPT_UNDERSCORES < 1 << 16 && COMPL_CHECKPOINT < 1 << 8 && OT_ARGV < 1 << 8,
               "struct opt_def's bit fields are too narrow");

enum {
    CMD_NOCONN = 1 << 0,   /* never opens a connection (help, echo, ...) */
    CMD_MODIFIES = 1 << 1, /* changes state: refused with --readonly */
    CMD_HIDDEN = 1 << 2,   /* not listed by help */
    CMD_SECRET = 1 << 3,   /* a line running it is never recorded in history */
    CMD_HOSTS = 1 << 4,    /* asks the selected hosts itself (top): no fan-out (shell/fanout.h) */
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
    const char *needs;          /* one of these options must be given: "A|B|..." */
    const char *why;            /* appended to the message when `needs` refuses */
    const void *data;           /* the row's own data for a handler several rows share;
                                 * the handler reads it as sh->current->data */
    const struct result_def *result; /* what it prints with -o json (core/contract.h) */
};

/* A group of commands, as virsh groups them.  A group too large for one
 * file keeps its first commands in `cmds` and lists the arrays of its other
 * files (src/cmd/GROUP-*.c) in `more`. */
struct cmd_group {
    const char *name;  /* "domain", "host", ... */
    const char *title; /* heading in help */
    const struct cmd_def *cmds; /* terminated by an entry with name == NULL */
    const struct cmd_def *const *more; /* NULL-terminated, or NULL */
};

/* Helpers to keep table rows short. */
#define OPTS(...) ((const struct opt_def[]){ __VA_ARGS__, { 0 } })
#define ALIASES(...) ((const char *const[]){ __VA_ARGS__, NULL })
#define VALUES(...) ((const char *const[]){ __VA_ARGS__, NULL })
#define NO_OPTS NULL

/*
 * Option rows.  Each binds option `nm` to `field` of the args struct `st`
 * and fails to compile when the field's type is not the option's.  Further
 * designated initializers may follow (.flags, .metavar, .def, .complete,
 * .excl, .needs, ...).
 */
#define OPT_FIELD(st, field, type) \
    (offsetof(st, field) + 0 * sizeof(struct { \
        _Static_assert(__builtin_types_compatible_p(__typeof__(((st *)0)->field), type), \
                       "option bound to " #st "." #field ", which is not a " #type); \
        _Static_assert(offsetof(st, field) <= 0xffff, "struct opt_def's offset is 16 bits"); \
        char unused_; }))

#define OPT_FLAG(st, nm, field, what, ...) \
    { .name = (nm), .type = OT_BOOL, .offset = OPT_FIELD(st, field, bool), .help = (what), \
      ##__VA_ARGS__ }
#define OPT_STRING(st, nm, field, what, ...) \
    { .name = (nm), .type = OT_STRING, .offset = OPT_FIELD(st, field, const char *), \
      .help = (what), ##__VA_ARGS__ }
/* An integer from lo to hi. */
#define OPT_INT(st, nm, field, lo, hi, what, ...) \
    { .name = (nm), .type = OT_INT, .offset = OPT_FIELD(st, field, long long), .min = (lo), \
      .max = (hi), .help = (what), ##__VA_ARGS__ }
/* A size in bytes; a bare number counts in units of `unit` bytes. */
#define OPT_SCALED(st, nm, field, unit, what, ...) \
    { .name = (nm), .type = OT_SCALED, .offset = OPT_FIELD(st, field, unsigned long long), \
      .scale = (unit), .help = (what), ##__VA_ARGS__ }
/* One of VALUES(...): the field gets its index, or -1. */
#define OPT_ENUM(st, nm, field, vals, what, ...) \
    { .name = (nm), .type = OT_ENUM, .offset = OPT_FIELD(st, field, int), .values = (vals), \
      .help = (what), ##__VA_ARGS__ }
/* Repeatable: every value given, in order. */
#define OPT_LIST(st, nm, field, what, ...) \
    { .name = (nm), .type = OT_LIST, .offset = OPT_FIELD(st, field, struct strv), \
      .help = (what), ##__VA_ARGS__ }
/* Every remaining word (after the other positionals). */
#define OPT_ARGV(st, nm, field, what, ...) \
    { .name = (nm), .type = OT_ARGV, .offset = OPT_FIELD(st, field, struct strv), \
      .help = (what), ##__VA_ARGS__ }

/* For .flags: a positional argument that must be given. */
#define ARG_REQUIRED (OPT_REQUIRED | OPT_POSITIONAL)

/* The domain a command is about: the first word, required. */
#define ARG_DOMAIN(st, field, compl) \
    OPT_STRING(st, "domain", field, "domain name, id or uuid", .flags = ARG_REQUIRED, \
               .complete = (compl))

/* --loop and --timeout of the commands that wait for events (fields `loop`
 * and `timeout`). */
#define OPT_EVENT_WAIT(st) \
    OPT_FLAG(st, "loop", loop, "go on after the first event, until Ctrl-C or the timeout"), \
    OPT_INT(st, "timeout", timeout, 1, 86400 * 365, "stop after SECONDS; exit 1 if no event came", \
            .metavar = "SECONDS")

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

/* The command after `c` in its group (across the group's files), or NULL. */
const struct cmd_def *cmd_next(const struct cmd_group *g, const struct cmd_def *c);

/* Every command of group g. */
#define FOREACH_GROUP_CMD(g, c) \
    for ((c) = (g)->cmds->name ? (g)->cmds : cmd_next((g), (g)->cmds); (c); (c) = cmd_next((g), (c)))
/* Every command of every group. */
#define FOREACH_CMD(g, c) \
    for (const struct cmd_group *const *g##_it = cmd_groups; ((g) = *g##_it); g##_it++) \
        FOREACH_GROUP_CMD(g, c)
