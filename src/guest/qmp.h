/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * qmp.h - QMP to a domain's QEMU through libvirt (libvirt-qemu), and each
 * domain's QMP schema, fetched once with query-qmp-schema and kept for the
 * shell's life (per connection URI, domain UUID and domain ID: a restarted
 * domain runs a new QEMU, possibly another version, and gets a new ID).
 */
#pragma once

#include <json-c/json.h>
#include <libvirt/libvirt.h>
#include <stdbool.h>

#include "virt/context.h"
#include "guest/qmpschema.h"

/* Send `text` (a QMP request, or an HMP command line when `hmp`), passing
 * the open file descriptors fds[0..nfds) along, and return libvirt's reply
 * text in *ret_reply.  CMD_OK, or CMD_FAILED recorded. */
int qmp_send(struct shell *sh, virDomainPtr dom, const char *text, bool hmp, int *fds, unsigned nfds,
             char **ret_reply);

/* The domain's schema (cached).  NULL with the error recorded. */
const struct qmp_schema *qmp_schema_get(struct shell *sh, virDomainPtr dom);

/* For completion (never records an error; NULL if unknown), NULL-terminated,
 * the caller frees the strings and the array:
 * the QMP command names of a domain's QEMU, sorted; */
char **qmp_command_names(struct shell *sh, const char *domain);
/* the argument words of one of its commands: "name=" (string arguments) or
 * "name:=" (any other JSON), sorted. */
char **qmp_argument_words(struct shell *sh, const char *domain, const char *command);
