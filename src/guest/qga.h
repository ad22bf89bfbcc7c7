/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * qga.h - a direct QEMU guest agent client speaking the wire protocol on a
 * unix socket (a host-side chardev, or the virtio-serial port in a guest),
 * without libvirt.
 *
 * Resynchronisation: on connect and after every timeout or garbled reply the
 * client sends 0xFF and guest-sync-delimited with a fresh random id, then
 * discards everything up to the 0xFF sentinel followed by {"return": id}.
 * Replies to older requests are dropped, never returned for a later one.
 *
 * Matching: every request carries an "id" member (a fresh random number, or
 * the caller's own "id"), which qemu-ga echoes; a reply with another id is
 * stale and dropped.  An agent that does not echo ids (the sync reply tells)
 * gets the first reply after the sync.  The id the client added is removed
 * from the reply it returns.
 *
 * Waiting is bounded by the command's timeout and stops early when SIGINT
 * sets shell_interrupted (QGA_INTERRUPTED); the next command resyncs.
 *
 * qemu-ga -m unix-listen serves one client at a time, and exits when a client
 * hangs up before a reply is written: keep one client open across commands
 * (see qga_pool) rather than reconnecting for each; closing reads what has
 * arrived and waits up to QGA_CLOSE_GRACE_MS for a reply still due.
 */
#pragma once

#include <json-c/json.h>
#include <stdbool.h>
#include <stddef.h>

struct qga_client;

enum {
    QGA_OK = 0,
    QGA_ERR = -1,      /* I/O or protocol error; message in err */
    QGA_TIMEOUT = -2,  /* no reply in time; the next command resyncs first */
    QGA_INTERRUPTED = -3,
};

/* Used when a timeout of 0 or less is given. */
#define QGA_DEFAULT_TIMEOUT_MS 5000
/* How long a command that sends no reply on success waits for an error. */
#define QGA_NOREPLY_GRACE_MS 300
/* How long closing waits for a reply still due (after a timeout). */
#define QGA_CLOSE_GRACE_MS 200

/* Connect to the agent at `path`: a unix socket, or a character device (the
 * virtio-serial port inside a guest).  Does not sync yet. */
int qga_open(const char *path, struct qga_client **ret, char *err, size_t errlen);
/* Use an already connected stream descriptor (the client owns it). */
int qga_open_fd(int fd, struct qga_client **ret, char *err, size_t errlen);
void qga_close(struct qga_client *c);

/* Send `req` ({"execute": ..., "arguments": ...}) and wait up to timeout_ms
 * for its reply.  With expect_reply false (guest-shutdown, guest-suspend-*),
 * success is the request being written; an error reply arriving within
 * QGA_NOREPLY_GRACE_MS is still returned, otherwise *ret_reply is NULL.
 * *ret_reply gets the whole reply object ({"return": ...} or {"error": ...});
 * the caller owns it.  `req` is not modified.  On failure *ret_reply is
 * untouched and err holds a one-line message. */
int qga_command(struct qga_client *c, struct json_object *req, int timeout_ms, bool expect_reply,
                struct json_object **ret_reply, char *err, size_t errlen);
/* Sync now (normally done by qga_command when needed). */
int qga_sync(struct qga_client *c, int timeout_ms, char *err, size_t errlen);

/* Counters, for tests and debugging. */
struct qga_stats {
    unsigned syncs;          /* guest-sync-delimited exchanges completed */
    unsigned stale;          /* replies dropped because their id was not ours */
    unsigned garbage;        /* garbage events (bytes that were not JSON) */
    unsigned reconnects;     /* reconnections after the agent closed the socket */
    bool echoes_id;          /* the agent echoes request ids */
};
void qga_get_stats(const struct qga_client *c, struct qga_stats *ret);

/* Clients kept open by path for the life of a shell (one per socket). */
struct qga_pool;
/* The client for `path`, opened on first use.  The pool owns it. */
int qga_pool_get(struct qga_pool **pool, const char *path, struct qga_client **ret, char *err,
                 size_t errlen);
void qga_pool_free(struct qga_pool *pool);
