/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evqueue.h - events from libvirt's event loop thread to the command that
 * waits for them (`event`, `qemu-monitor-event`).
 *
 * Callbacks run on the event loop thread (virt/conn.c): they only queue the
 * event, already rendered as a JSON object and a text line, and wake the
 * command's thread through a pipe.  The command prints them as they come,
 * one JSON object per line with -o json, flushed at once so `| jq` sees
 * each event live, until the first event (without --loop), the timeout,
 * Ctrl-C or a lost connection.
 */
#pragma once

#include <json-c/json.h>
#include <libvirt/libvirt.h>
#include <stdbool.h>
#include <time.h>

#include "virt/context.h"

struct evqueue;

/* A queue with one reference, held by the command. */
struct evqueue *evqueue_new(struct shell *sh);
/* One more reference, taken for each callback registration (pass the result
 * as its opaque); evqueue_unref is then its free callback, so the queue
 * outlives a callback libvirt is still running. */
void *evqueue_ref(struct evqueue *q);
void evqueue_unref(void *q);

/* {"event": NAME, "domain": ..., "uuid": ...}: the start of every event object. */
struct json_object *evqueue_event_json(const char *name, virDomainPtr dom);
/* From any thread: queue an event (takes obj and text, a line or lines
 * ending in '\n').  `when` is the event's time (NULL: now); JSON output
 * adds it as "timestamp", and text with --timestamp as a prefix. */
void evqueue_push(struct evqueue *q, struct json_object *obj, char *text, const struct timespec *when);

enum {
    EVQ_DONE,        /* the first event came (without loop) */
    EVQ_TIMEOUT,
    EVQ_INTERRUPTED, /* Ctrl-C */
    EVQ_LOST,        /* the connection went away */
};

struct evqueue_opts {
    bool loop;        /* go on after the first event */
    long long timeout_s; /* 0: none */
    bool timestamp;   /* text: prefix each event with its time */
};

/*
 * Print queued events until one of the EVQ_* ends, then report how it ended
 * as virsh does ("event loop timed out", "events received: N"; text only,
 * not with -q).  Returns the command's status: CMD_OK if any event came or
 * the user ended the loop with Ctrl-C (which is consumed: the shell goes
 * on), CMD_FAILED (recorded) on a timeout with no event or a lost
 * connection, or output that cannot be written (a closed pipe).
 */
int evqueue_run(struct shell *sh, struct evqueue *q, const struct evqueue_opts *o);

/*
 * Several hosts' events as ONE stream (shell/fanout.c runs the command on
 * each host at once).  Between evqueue_merge_begin and evqueue_merge_end,
 * evqueue_run counts the events of every host together: without --loop the
 * first event on any host ends every host's wait; a timeout is a failure
 * only when no host had an event; and the closing lines are printed once,
 * by evqueue_merge_end, for the whole stream.  A lost connection stays the
 * host's own error.  evqueue_merge_end returns rc, or CMD_FAILED (recorded
 * in sh) when the stream timed out empty.
 */
void evqueue_merge_begin(void);
int evqueue_merge_end(struct shell *sh, int rc);
