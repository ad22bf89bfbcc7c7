/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * virt/typed-params.h - libvirt's typed parameter lists (virTypedParameter:
 * guest info, guest vCPUs, tuning and job-completed events, and what
 * domstats, job info, tuning and node stats return) as a JSON object with
 * proper JSON types, and as the "key: value" rows virsh prints.
 */
#pragma once

#include <json-c/json.h>
#include <libvirt/libvirt.h>

enum {
    /* JSON: libvirt's dotted keys nest, "fs.0.disk.1.alias" becoming
     * fs[0].disk[1].alias; a "X.count" key only makes X an array. */
    TYPED_PARAMS_NEST = 1 << 0,
    /* Text: values as virsh's event printer writes them (doubles "%g",
     * booleans 0/1) rather than as its commands do (doubles "%f",
     * booleans yes/no). */
    TYPED_PARAMS_EVENT = 1 << 1,
};

/* One value as JSON: a number, boolean or string; NULL (JSON null) for a
 * NULL string, and for a type libvirt does not define (the list functions
 * leave such a parameter out). */
struct json_object *typed_param_json(const virTypedParameter *p);
/* One value as virsh prints it; NULL for an unknown type. */
char *typed_param_text(const virTypedParameter *p, unsigned flags);

/* The list as one JSON object, field -> value (TYPED_PARAMS_NEST). */
struct json_object *typed_params_json(const virTypedParameter *params, int n, unsigned flags);
/* The list as text rows: `indent`, the field padded to `width`, ": ",
 * the value, a newline (TYPED_PARAMS_EVENT).  "" for an empty list. */
char *typed_params_text(const virTypedParameter *params, int n, const char *indent, int width,
                        unsigned flags);
