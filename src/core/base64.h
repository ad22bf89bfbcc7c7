/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* base64.h - RFC 4648 base64, as the guest agent's buf-b64, out-data and input-data use it. */
#pragma once

#include <stddef.h>

/* Encode len bytes; returns a NUL-terminated string (caller frees). */
char *base64_encode(const void *data, size_t len);
/* Decode `s` (padding optional, blanks and newlines ignored).  Returns a
 * buffer (NUL-terminated for convenience, caller frees) with its length in
 * *ret_len, or NULL if `s` is not base64. */
unsigned char *base64_decode(const char *s, size_t *ret_len);
