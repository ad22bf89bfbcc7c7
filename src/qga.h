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

/* Connect to the agent socket at `path`.  Does not sync yet. */
int qga_open(const char *path, struct qga_client **ret, char *err, size_t errlen);
void qga_close(struct qga_client *c);

/* Send `req` ({"execute": ..., "arguments": ...}) and wait up to timeout_ms
 * for its reply.  With expect_reply false (guest-shutdown, guest-suspend-*),
 * success is the request being written.  *ret_reply gets the whole reply
 * object ({"return": ...} or {"error": ...}); the caller owns it. */
int qga_command(struct qga_client *c, struct json_object *req, int timeout_ms, bool expect_reply,
                struct json_object **ret_reply, char *err, size_t errlen);
