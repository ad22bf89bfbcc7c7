/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * fuzz.h - what every fuzz target (tests/fuzz/fuzz-*.c) includes: the
 * libFuzzer entry point each defines, and check(), which stops the run at
 * a broken invariant so libFuzzer (or replay.c) reports the input.
 */
#pragma once

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static inline void check(int cond, const char *what)
{
    if (!cond) {
        fprintf(stderr, "invariant broken: %s\n", what);
        abort();
    }
}
