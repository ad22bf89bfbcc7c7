/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * unit-shell.h - the shell context of the unit tests that run commands or
 * talk to libvirt: one per program (`sh`), on a URI of libvirt's test
 * driver, opened in cmocka's group setup and freed in its teardown.
 *
 *   UNIT_SHELL("test:///default", true)       // defines sh, setup, teardown
 *   return cmocka_run_group_tests_name("x", tests, setup, teardown);
 */
#pragma once

#include "core/util.h"
#include "virt/conn.h"
#include "virt/err.h"
#include "virt/shell.h"

static struct shell sh;

/* `sh` on `uri`; connected at once when `connect`, else by the first command. */
static inline void unit_shell_open(const char *uri, bool connect)
{
    err_init();
    shell_init(&sh);
    sh.uri = xstrdup(uri);
    if (connect)
        assert_non_null(conn_get(&sh));
}

#define UNIT_SHELL(uri, connect) \
    static int setup(void **state) \
    { \
        (void)state; \
        unit_shell_open((uri), (connect)); \
        return 0; \
    } \
    static int teardown(void **state) \
    { \
        (void)state; \
        shell_free(&sh); \
        return 0; \
    }
