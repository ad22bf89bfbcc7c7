/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libFuzzer target for the friendly JSON argument builder (src/jsonargs.c):
 * COMMAND key=value key:=JSON, or a whole request.
 *
 * The input is split into words at newlines.  Words that would read a file
 * or stdin (@FILE, -) are left out: the target exercises the parser, not
 * the file system.  Invariants: success gives an object with a string
 * "execute"; failure gives a one-line message.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "guest/jsonargs.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *buf = malloc(size + 1);
    char *words[64];
    size_t n = 0;
    memcpy(buf, data, size);
    buf[size] = '\0';
    for (char *p = buf; p && n < 64;) {
        char *nl = strchr(p, '\n');
        if (nl)
            *nl = '\0';
        words[n++] = p;
        p = nl ? nl + 1 : NULL;
    }
    if (n && (words[0][0] == '@' || strcmp(words[0], "-") == 0)) {
        free(buf);
        return 0;
    }
    struct json_object *req = NULL;
    char err[512] = "";
    if (jsonargs_build(words, n, &req, err, sizeof(err)) == 0) {
        struct json_object *ex;
        check(req && json_object_is_type(req, json_type_object), "a request is an object");
        check(json_object_object_get_ex(req, "execute", &ex) &&
              json_object_is_type(ex, json_type_string), "a request names what to execute");
        json_object_put(req);
    } else {
        check(req == NULL, "no request on failure");
        check(err[0] && !strchr(err, '\n'), "a failure has a one-line message");
    }
    free(buf);
    return 0;
}
