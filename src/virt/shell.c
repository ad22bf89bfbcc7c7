/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "virt/shell.h"

#include <stdlib.h>

#include "virt/conn.h"
#include "virt/err.h"

void shell_init(struct shell *sh)
{
    *sh = (struct shell){ 0 };
    sh->out.fp = stdout;
    sh->escape_char = 0x1d; /* ^] */
    sh->g.debug = -1;        /* what the option table's defaults give main() */
}

static void cache_free(struct shell_cache *c)
{
    if (c->data && c->free)
        c->free(c->data);
    *c = (struct shell_cache){ 0 };
}

void shell_cache_move(struct shell_cache *to, struct shell_cache *from)
{
    if (to->data)
        return;
    *to = *from;
    *from = (struct shell_cache){ 0 };
}

/* Several hosts' contexts (context.h), after the event loop stopped. */
void shell_free_hosts(struct hostset *hs)
{
    if (!hs)
        return;
    for (size_t i = 0; i < hs->n; i++) {
        struct shell *c = hs->h[i].sh;
        if (c) {
            /* What a host's context shares with its parent is the parent's. */
            c->event_loop_started = false;
            c->log = NULL;
            c->g = (struct global_args){ 0 };
            shell_free(c);
            free(c);
        }
        free(hs->h[i].name);
        free(hs->h[i].uri);
    }
    free(hs->h);
    free(hs);
}

void shell_free(struct shell *sh)
{
    /* Stop the loop first: closing a connection while the loop thread
     * dispatches its queued events races inside libvirt (heap corruption). */
    conn_stop_event_loop(sh);
    shell_free_hosts(sh->hosts);
    sh->hosts = NULL;
    conn_close(sh);
    err_clear(sh);
    cache_free(&sh->agent_cache);
    cache_free(&sh->qmp_cache);
    strv_free(&sh->said_once);
    free(sh->uri);
    if (sh->log)
        fclose(sh->log);
}
