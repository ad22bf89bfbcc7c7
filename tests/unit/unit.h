/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * unit.h - what every cmocka unit test program includes.
 *
 * The programs link the same static library as virtsh and print TAP when
 * CMOCKA_MESSAGE_OUTPUT=TAP is set (tests/unit/run.sh and meson test do).
 */
#pragma once

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

/* A FILE* writing into memory: open with capture_open, read the text with
 * capture_text (which closes the stream), free the text after use. */
struct capture {
    FILE *fp;
    char *buf;
    size_t len;
};

static inline void capture_open(struct capture *c)
{
    c->buf = NULL;
    c->len = 0;
    c->fp = open_memstream(&c->buf, &c->len);
    assert_non_null(c->fp);
}

static inline char *capture_text(struct capture *c)
{
    assert_int_equal(fclose(c->fp), 0);
    c->fp = NULL;
    return c->buf;
}
