/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * out.h - one result model (json-c), rendered as text or JSON.
 *
 * Handlers build a json_object and hand it to exactly one out_* call with a
 * description of how it reads as text.  In JSON mode the object is printed
 * as one document; in text mode it becomes an aligned table, a block of
 * "Key: value" lines, or a plain value, close to what virsh prints.
 */
#pragma once

#include <json-c/json.h>
#include <stdbool.h>
#include <stdio.h>

#include "util.h"

enum out_mode {
    OUT_TEXT,
    OUT_JSON,
};

/* How a value reads in text. */
enum out_fmt {
    FMT_PLAIN,     /* as is; null prints "-" */
    FMT_YESNO,     /* boolean: yes / no */
    FMT_ENABLE,    /* boolean: enable / disable (virsh's autostart wording) */
    FMT_KIB,       /* number followed by " KiB" */
    FMT_STATE,     /* domain state word: "shutoff" reads "shut off" */
    FMT_SECONDS,   /* nanoseconds as seconds with one decimal: "12.5s" */
    FMT_MHZ,       /* number followed by " MHz" */
};

struct out_col {
    const char *key;   /* key in each row object */
    const char *title; /* column heading */
    enum out_fmt fmt;
};

struct out_field {
    const char *key;   /* key in the object */
    const char *label; /* text label, without the colon */
    enum out_fmt fmt;
};

struct out {
    enum out_mode mode;
    FILE *fp;          /* stdout */
    bool pretty;       /* JSON: indent */
    bool quiet;        /* suppress informational messages */
};

/* A table: rows is an array of objects. */
void out_table(struct out *o, struct json_object *rows, const struct out_col *cols, size_t ncols);
/* The same for long listings: each row is an array holding the values of
 * `keys` in order (a json-c object costs some 700 bytes of hash table per
 * row).  Text shows `cols` (their keys are among `keys`); JSON is the array
 * of objects with `keys`, written one row at a time. */
void out_table_rows(struct out *o, struct json_object *rows, const char *const *keys, size_t nkeys,
                    const struct out_col *cols, size_t ncols);
/* A key/value block.  Keys missing from obj are skipped in text. */
void out_fields(struct out *o, struct json_object *obj, const struct out_field *f, size_t nf);
/* A result that reads as one line (or block) of text: `text` in text mode, obj in JSON. */
void out_value(struct out *o, struct json_object *obj, const char *text);
/* A result that is JSON by nature (an agent or QMP reply): printed as JSON
 * in both modes, indented when `pretty` or -o json's own setting asks. */
void out_json_document(struct out *o, struct json_object *v, bool pretty);
/* An informational message after an action ("Domain 'x' started").  Text: the
 * message unless quiet.  JSON: obj. */
void out_message(struct out *o, struct json_object *obj, const char *text);
/* A list of names: one per line in text, an array of strings in JSON. */
void out_words(struct out *o, const char *const *words, size_t n);
/* An XML document: the text itself, or {"xml": "..."} in JSON. */
void out_xml(struct out *o, const char *xml);
/* Render a single value as text, as the table and field renderers do (caller frees). */
char *out_format_value(struct json_object *v, enum out_fmt fmt);
/* Serialize obj as JSON the way the output layer does. */
const char *out_json_string(struct out *o, struct json_object *obj);
/* Print obj as one JSON document and a newline.  Every JSON text virtsh
 * prints goes through here: bytes that are not valid UTF-8 (a name or a
 * word the user typed) become U+FFFD, so the output always parses.
 * flags: json-c's JSON_C_TO_STRING_*. */
void out_print_json(FILE *fp, struct json_object *obj, int flags);

/* The words a domain state has in JSON (and in text via FMT_STATE). */
const char *out_state_word(int vir_domain_state);
const char *out_state_text(const char *word);

static inline void json_putp(struct json_object **p)
{
    if (*p)
        json_object_put(*p);
}
#define _cleanup_json_ _cleanup_(json_putp)
