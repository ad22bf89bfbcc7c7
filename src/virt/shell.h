/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* virt/shell.h - a shell context's life: made empty, freed with its connection. */
#pragma once

#include "virt/context.h"

void shell_init(struct shell *sh);
/* Stop the event loop, close the connection, free what modules kept. */
void shell_free(struct shell *sh);
/* Several hosts' contexts and connections (context.h; NULL: nothing). */
void shell_free_hosts(struct hostset *hs);
/* Hand `from`'s cache over to `to` unless `to` has one (completion's worker shell). */
void shell_cache_move(struct shell_cache *to, struct shell_cache *from);
