/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * core/outmerge.h - what a command printed on several hosts, as one result.
 *
 * Each host's context captures its output (out.h, the sink) as items;
 * this prints them together (man page, SEVERAL HOSTS):
 *
 *   text   tables gain a first column Host; key/value blocks a first line
 *          Host:, one block a host; any other text is prefixed line by line
 *          with "HOST: ";
 *   JSON   one document: an array of every host's rows or objects, each
 *          with "host" first (core/contract.h declares it).
 *
 * A command that ran on one host only (the one its domain was found on)
 * prints as it would alone, its tables and blocks with the host added, its
 * messages prefixed; its values (XML, a number) unchanged in text.
 */
#pragma once

#include <stddef.h>

#include "core/contract.h"
#include "core/out.h"

/* What one host printed. */
struct host_out {
    const char *host;
    struct out_item **items;
    size_t n;
    char *raw;       /* text printed straight to the host's stream, or NULL */
};

/* h takes the item. */
void host_out_add(struct host_out *h, struct out_item *item);
void host_out_clear(struct host_out *h);

/* Print the n hosts' outputs on o (which has no sink) as one result.  With
 * `cmd` (VIRTSH_CHECK_JSON=1), the JSON is checked against r (contract.h)
 * and a broken promise reported on stderr as "contract: CMD: ...". */
void outmerge_print(struct out *o, const struct host_out *hosts, size_t n,
                    const struct result_def *r, const char *cmd);
/* One item of a command that runs on one host only, printed at once. */
void outmerge_print_one(struct out *o, const char *host, const struct out_item *it,
                        const struct result_def *r, const char *cmd);
