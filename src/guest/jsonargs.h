/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * jsonargs.h - the friendly argument syntax of `agent` and
 * `qemu-monitor-command`: COMMAND key=value key:=JSON, or @file / - for a
 * whole request.
 */
#pragma once

#include <json-c/json.h>
#include <stddef.h>

/* Build {"execute": words[0], "arguments": {...}} from words[1..n).
 * `key=value` is a string, `key:=JSON` raw JSON.  A single word `@FILE`
 * reads the whole request (a JSON object) from FILE, `-` from stdin; a single
 * word starting with '{' is a whole request too.  Invalid JSON is rejected
 * with the position of the error.  Returns 0, or -1 with a one-line message
 * in err. */
int jsonargs_build(char *const *words, size_t n, struct json_object **ret, char *err, size_t errlen);
