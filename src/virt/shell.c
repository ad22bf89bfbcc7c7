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

void shell_free(struct shell *sh)
{
    /* Stop the loop first: closing a connection while the loop thread
     * dispatches its queued events races inside libvirt (heap corruption). */
    conn_stop_event_loop(sh);
    conn_close(sh);
    err_clear(sh);
    cache_free(&sh->agent_cache);
    cache_free(&sh->qmp_cache);
    strv_free(&sh->said_once);
    free(sh->uri);
    if (sh->log)
        fclose(sh->log);
}
