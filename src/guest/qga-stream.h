/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * qga-stream.h - an I/O-free parser for the byte stream a QEMU guest agent
 * sends: JSON values (normally one object per line), the 0xFF sentinel that
 * precedes a guest-sync-delimited reply, and whatever garbage a confused or
 * hostile peer interleaves.
 *
 * Feed it bytes as they arrive, in any split; pull events until it says it
 * needs more.  Values are parsed incrementally with json-c's tokener, so a
 * reply may arrive one byte at a time or several replies in one read.
 *
 * Rules:
 *  - 0xFF is never part of JSON text (not even UTF-8).  It ends whatever was
 *    being parsed (reported as garbage unless it was only white space) and
 *    is reported as a SENTINEL.
 *  - A NUL byte is garbage and also ends the value in progress.
 *  - Every agent message is an object: anything else at the top level is
 *    garbage.  After garbage the bytes are dropped up to the next '{' or the
 *    next 0xFF/NUL; consecutive drops are reported as one GARBAGE event
 *    when nothing else came between.
 *  - A value still incomplete after max_value bytes is dropped as garbage,
 *    with the rest of its line (agent messages end with a newline).
 *  - Garbage that happens to be a valid prefix (an unbalanced "{\"a\":")
 *    swallows the values after it until it closes or a 0xFF arrives; that is
 *    what the sentinel is for.
 */
#pragma once

#include <json-c/json.h>
#include <stdbool.h>
#include <stddef.h>

#define QGA_STREAM_DEFAULT_MAX (128u << 20)

enum qga_stream_event_type {
    QGA_STREAM_NEED_MORE = 0, /* all fed bytes are consumed or part of a value in progress */
    QGA_STREAM_VALUE,         /* a complete JSON object */
    QGA_STREAM_SENTINEL,      /* a 0xFF byte */
    QGA_STREAM_GARBAGE,       /* bytes that are not (part of) a JSON value were dropped */
};

struct qga_stream_event {
    enum qga_stream_event_type type;
    struct json_object *value; /* VALUE: a new reference, owned by the caller */
    size_t offset;             /* position in the whole stream (bytes fed before) */
    size_t len;                /* bytes covered (white space before a value included,
                                  after it not) */
};

struct qga_stream;

/* max_value: the largest value accepted (0: QGA_STREAM_DEFAULT_MAX). */
struct qga_stream *qga_stream_new(size_t max_value);
void qga_stream_free(struct qga_stream *s);
/* Append bytes to the input. */
void qga_stream_feed(struct qga_stream *s, const void *buf, size_t len);
/* The next event; returns its type (NEED_MORE when nothing is left). */
enum qga_stream_event_type qga_stream_next(struct qga_stream *s, struct qga_stream_event *ev);
/* Forget everything fed and not yet reported (the stream offset keeps counting). */
void qga_stream_reset(struct qga_stream *s);
/* Bytes fed but not yet reported in an event. */
size_t qga_stream_pending(const struct qga_stream *s);
/* True when nothing but white space is pending (call after NEED_MORE). */
bool qga_stream_idle(const struct qga_stream *s);
const char *qga_stream_event_name(enum qga_stream_event_type t);
