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

#include "core/contract.h"
#include "core/util.h"

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
    FMT_WORDS,     /* a word that reads differently in text: looked up in `words` */
    FMT_SECONDS,   /* nanoseconds as seconds with one decimal: "12.5s" */
    FMT_MHZ,       /* number followed by " MHz" */
    FMT_TEXT,      /* as is; null prints nothing (virsh's empty cells) */
};

/* A JSON word and how it reads in text ("shutoff" reads "shut off"). */
struct out_word {
    const char *json, *text;
};

struct out_col {
    const char *key;   /* key in each row object */
    const char *title; /* column heading */
    enum out_fmt fmt;
    const struct out_word *words; /* FMT_WORDS: ends with { NULL }; a word not in it reads as is */
};

struct out_field {
    const char *key;   /* key in the object */
    const char *label; /* text label, without the colon */
    enum out_fmt fmt;
    const struct out_word *words; /* FMT_WORDS, as for columns */
};

struct out {
    enum out_mode mode;
    FILE *fp;          /* stdout */
    bool quiet;        /* suppress informational messages */
    /* With VIRTSH_CHECK_JSON=1: the running command's declared result;
     * every JSON document it prints is checked against it, and a broken
     * promise is reported on stderr as "contract: CMD: ...". */
    const struct result_def *contract;
    const char *contract_cmd;
    bool line_ends_command; /* out_line_ends_command() */
};

/* After each command the run loop calls out_command_done: in text mode it
 * prints the blank line virsh ends every command's output with (unless -q;
 * with -t always, as virsh's timing lines do), unless the command called
 * out_line_ends_command.  So no renderer below ends with a blank line. */
void out_command_done(struct out *o, bool timing);
/* The line just printed takes the place of the blank line: virsh's echo
 * and domtime print their line without its newline, and the blank line
 * ends it. */
void out_line_ends_command(struct out *o);

/* A table: rows is an array of objects.  Under -q (text) the rows alone,
 * without the heading. */
void out_table(struct out *o, struct json_object *rows, const struct out_col *cols, size_t ncols);
/* The same for long listings, made one row at a time and never held whole:
 * `row(rows, r)` returns row r as a new array of the values of `keys` in
 * order; it is called once per row for JSON and twice for text (to measure
 * the columns, then to print).  Text shows `cols` (their keys are among
 * `keys`); JSON is the array of objects with `keys`, written row by row. */
typedef struct json_object *(*out_row_fn)(void *rows, size_t r);
void out_table_gen(struct out *o, size_t nrows, out_row_fn row, void *rows, const char *const *keys,
                   size_t nkeys, const struct out_col *cols, size_t ncols);
/* A list of plain values made one at a time by `value(values, i)` (a new
 * reference): text one value a line (virsh's listings of names); JSON the
 * array, written element by element. */
void out_list_gen(struct out *o, size_t n, out_row_fn value, void *values);
/* A key/value block.  Keys missing from obj are skipped in text. */
void out_fields(struct out *o, struct json_object *obj, const struct out_field *f, size_t nf);
/* The same with the values starting at `column` (from 0) at least, where
 * virsh pads its labels wider than they need ("%-20s "). */
void out_fields_at(struct out *o, struct json_object *obj, const struct out_field *f, size_t nf,
                   size_t column);
/* A result that reads as one line (or block) of text: `text` in text mode, obj in JSON. */
void out_value(struct out *o, struct json_object *obj, const char *text);
/* A result that is JSON by nature (an agent or QMP reply): printed as JSON
 * in both modes, indented when `pretty`. */
void out_json_document(struct out *o, struct json_object *v, bool pretty);
/* An informational message after an action ("Domain 'x' started").  Text: the
 * message unless quiet.  JSON: obj. */
void out_message(struct out *o, struct json_object *obj, const char *text);
/* A list of names: one per line in text, an array of strings in JSON. */
void out_words(struct out *o, const char *const *words, size_t n);
/* An XML document: the text itself, or {"xml": "..."} in JSON. */
void out_xml(struct out *o, const char *xml);
/* Render a single value as text, as the table and field renderers do (caller frees). */
char *out_format_value(struct json_object *v, enum out_fmt fmt, const struct out_word *words);
/* How `word` reads in text, by `words` (itself if not there). */
const char *out_word_text(const struct out_word *words, const char *word);
/* Print obj as one JSON document and a newline.  Every JSON text virtsh
 * prints goes through here: bytes that are not valid UTF-8 (a name or a
 * word the user typed) become U+FFFD, so the output always parses.
 * flags: json-c's JSON_C_TO_STRING_*. */
void out_print_json(FILE *fp, struct json_object *obj, int flags);

static inline void json_putp(struct json_object **p)
{
    if (*p)
        json_object_put(*p);
}
#define _cleanup_json_ _cleanup_(json_putp)
