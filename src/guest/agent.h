/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * agent.h - running guest agent commands for the `agent` command group:
 * through libvirt (virDomainQemuAgentCommand), or straight to a qemu-ga
 * socket (qga.h), with agent errors turned into one clear line, and a
 * per-connection cache of each domain's supported commands (guest-info) for
 * completion and "did you mean".
 */
#pragma once

#include <json-c/json.h>
#include <libvirt/libvirt.h>
#include <stdbool.h>

#include "core/util.h"
#include "virt/context.h"

struct qga_client;

/* Where commands go: a domain through libvirt, or a qemu-ga socket. */
struct agent_target {
    virDomainPtr dom;
    struct qga_client *qga;
    const char *socket_path; /* for messages when qga is set */
};

/* libvirt's timeout values (seconds, or one of these), used for both transports. */
enum {
    AGENT_TIMEOUT_BLOCK = -2,   /* wait as long as it takes */
    AGENT_TIMEOUT_DEFAULT = -1, /* libvirt's default; 30 s on a socket */
    AGENT_TIMEOUT_NOWAIT = 0,   /* send, do not wait for the reply */
};

/*
 * Send `req` ({"execute": ..., "arguments": ...}) and return the whole reply
 * ({"return": ...}) in *ret_reply (NULL when no reply was awaited).  Errors
 * are recorded: an agent error reply reads "agent command 'X' failed: DESC",
 * a command the agent does not have "unknown agent command 'X'" with a
 * suggestion from guest-info.  Returns CMD_OK or CMD_FAILED.
 */
int agent_request(struct shell *sh, const struct agent_target *t, struct json_object *req,
                  int timeout, struct json_object **ret_reply);
/* A target for the qemu-ga socket at `path`, opened on first use and kept
 * open for the shell's life (qemu-ga serves one client at a time). */
int agent_open_socket(struct shell *sh, const char *path, struct agent_target *ret);
/* err_libvirt for libvirt APIs that run agent commands (virDomainFSFreeze,
 * virDomainSetUserPassword, ...): an agent's error reply reads
 * "WHAT: agent command 'X' failed: desc" instead of libvirt's "internal error". */
int agent_err_libvirt(struct shell *sh, const char *fmt, ...) PRINTF(2, 3);
/* Run `cmd` with `args` (consumed; may be NULL) and return its "return"
 * value in *ret (may be NULL if the caller does not care). */
int agent_call(struct shell *sh, const struct agent_target *t, const char *cmd,
               struct json_object *args, int timeout, struct json_object **ret);

/* The names of the commands the domain's agent has enabled, from the cache
 * (filled by guest-info on first use); NULL-terminated, caller frees the
 * array and the strings.  Never records an error: NULL if unknown. */
char **agent_command_names(struct shell *sh, const char *domain);
/* The closest enabled agent command to `name`, from the cache (refreshed
 * first), or NULL.  Caller frees. */
char *agent_suggest(struct shell *sh, const struct agent_target *t, const char *name);
/* Whether `name` answers on success (false for guest-shutdown and
 * guest-suspend-*: success-response in guest-info). */
bool agent_expects_reply(struct shell *sh, const struct agent_target *t, const char *name);

/* Print a JSON reply as qemu-agent-command does: compact, or indented when
 * `pretty` (or in JSON mode, the output layer's way). */
void agent_print_json(struct shell *sh, struct json_object *v, bool pretty);
