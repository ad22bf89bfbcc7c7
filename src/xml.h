/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* xml.h - small XML checks and edits with libxml2. */
#pragma once

#include <stddef.h>

/* 0 if `buf` is well-formed XML; else -1 and a one-line reason in `err`. */
int xml_check_wellformed(const char *buf, size_t len, char *err, size_t errlen);
