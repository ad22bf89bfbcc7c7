/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * cmd/objects.h - the handlers the groups of host objects share (network,
 * nodedev, secret, interface, nwfilter): dumping an object's XML, making
 * one from a file, an action on one (start, destroy, undefine, autostart,
 * ...), editing one, waiting for their events.  A row names its kind of
 * object and what to do in its .data.
 */
#pragma once

#include <libvirt/libvirt.h>

#include "core/table.h"
#include "virt/context.h"

/* One kind of object, as the shared handlers see it. */
struct objkind {
    const char *noun;  /* "network", in our messages */
    const char *title; /* "Network", virsh's subject in its messages */
    void *(*lookup)(struct shell *sh, const char *ident);
    void (*free)(void *obj);
    const char *(*name)(void *obj);
    int (*uuid)(void *obj, char *buf); /* NULL: the kind has none */
    char *(*xml)(void *obj, unsigned int flags);
    /* define and edit: a persistent object from XML (NULL: none) */
    void *(*define)(virConnectPtr c, const char *xml, unsigned int flags);
    unsigned int edit_xml_flags; /* the XML edit starts from */
};

/* ---- <kind>-dumpxml OBJECT [--inactive] [--xpath EXPR [--wrap]] */
struct obj_dumpxml_args {
    const char *ident;
    bool inactive;
    const char *xpath;
    bool wrap;
};
struct obj_dumpxml {
    const struct objkind *kind;
    unsigned int inactive_flag; /* what --inactive asks libvirt for */
};
int cmd_obj_dumpxml(struct shell *sh, void *args);
#define OBJ_XPATH_OPTS \
    OPT_STRING(struct obj_dumpxml_args, "xpath", xpath, \
               "print only what this XPath expression selects", .metavar = "EXPR"), \
    OPT_FLAG(struct obj_dumpxml_args, "wrap", wrap, \
             "wrap the --xpath results in one <nodes> element", .needs = "xpath")
#define OBJ_DUMPXML_RESULT \
    RESULT_OR(RESULT_OBJECT({ "nodes", RT_ARRAY | RT_OPTIONAL, "--xpath: the nodes selected" }, \
                            { "value", RT_ANY | RT_OPTIONAL, "--xpath: the value of the expression" }), \
              RS_OBJECT, { "xml", RT_STRING, "the XML document" })

/* ---- <kind>-define FILE / <kind>-create FILE [--validate] */
struct obj_file_args {
    const char *file;
    bool validate;
};
struct obj_make {
    const struct objkind *kind;
    void *(*make)(virConnectPtr c, const char *xml, unsigned int flags);
    unsigned int validate_flag;
    const char *result; /* "defined" */
    const char *fmt;    /* virsh's message: "Network %s defined from %s" (name, file) */
};
int cmd_obj_make(struct shell *sh, void *args);
#define OBJ_FILE_ARG(what) \
    OPT_STRING(struct obj_file_args, "file", file, what, .flags = ARG_REQUIRED, .complete = COMPL_FILE)
#define OBJ_VALIDATE_OPT \
    OPT_FLAG(struct obj_file_args, "validate", validate, "validate the XML against the schema")

/* ---- an action on one object: start, destroy, undefine, autostart, ... */
struct obj_args {
    const char *ident;
    bool disable;
};
struct obj_act {
    const struct objkind *kind;
    int (*act)(void *obj, bool disable);
    const char *verb;      /* "cannot VERB network 'x'" */
    const char *result;    /* "started" */
    const char *fmt;       /* virsh's message, %s the object as given: "Network %s started" */
    const char *result_disabled, *fmt_disabled; /* with --disable (autostart) */
};
int cmd_obj_act(struct shell *sh, void *args);

/* ---- <kind>-edit OBJECT */
int cmd_obj_edit(struct shell *sh, void *args);

/* What an action reports (hostobj_report). */
#define OBJ_REPORT_RESULT \
    RESULT_OBJECT({ "name", RT_STRING | RT_NULL, "the object's name, null if it has none" }, \
                  { "uuid", RT_STRING | RT_NULL, "its UUID, null if it has none" }, \
                  { "result", RT_STRING, "what was done" })

/* ---- <kind>-event [OBJECT] [--event TYPE] [--loop] [--timeout S] [--list] [--timestamp] */
struct obj_event_args {
    const char *ident;
    const char *event;
    bool loop, list, timestamp;
    long long timeout;
};
struct obj_event_type {
    const char *name;
    int id;
    void (*cb)(void); /* the kind's generic callback type */
};
struct obj_events {
    const struct objkind *kind;
    const struct obj_event_type *types; /* ends with { NULL } */
    int (*reg)(virConnectPtr c, void *obj, int id, void (*cb)(void), void *opaque, virFreeCallback f);
    int (*dereg)(virConnectPtr c, int id);
};
int cmd_obj_event(struct shell *sh, void *args);
#define OBJ_EVENT_OPTS(objopt, objhelp, compl) \
    OPT_STRING(struct obj_event_args, objopt, ident, objhelp, .complete = (compl), .flags = OPT_POSITIONAL), \
    OPT_STRING(struct obj_event_args, "event", event, \
               "only this event type (see --list); default: every type", .metavar = "TYPE", \
               .flags = OPT_POSITIONAL), \
    OPT_EVENT_WAIT(struct obj_event_args), \
    OPT_FLAG(struct obj_event_args, "list", list, "list the event types and exit"), \
    OPT_FLAG(struct obj_event_args, "timestamp", timestamp, \
             "text: start each event with the time it arrived (JSON always has it)")

/* The wrappers every kind has: PFX_lookup, PFX_free, PFX_xml over
 * libvirt's TFree and TGetXMLDesc (T: virNetwork, virSecret, ...). */
#define OBJKIND_BASICS(pfx, T, lookup_fn) \
    static void *pfx##_lookup(struct shell *sh, const char *ident) \
    { \
        return lookup_fn(sh, ident); \
    } \
    static void pfx##_free(void *obj) \
    { \
        T##Free(obj); \
    } \
    static char *pfx##_xml(void *obj, unsigned int flags) \
    { \
        return T##GetXMLDesc(obj, flags); \
    }
/* An action on one object by libvirt's T##fn(obj) or T##fn(obj, flags). */
#define OBJKIND_ACT(name, call) \
    static int name(void *obj, bool disable) \
    { \
        (void)disable; \
        return call; \
    }

/* A row's data, for the handlers above. */
#define OBJ_DATA(T, ...) (&(const T){ __VA_ARGS__ })
