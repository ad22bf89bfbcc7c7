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
    /* Text: "FIELD=VALUE" rows (domstats) instead of "FIELD: VALUE". */
    TYPED_PARAMS_ASSIGN = 1 << 2,
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
 * the value, a newline (TYPED_PARAMS_EVENT, TYPED_PARAMS_ASSIGN).  "" for
 * an empty list. */
char *typed_params_text(const virTypedParameter *params, int n, const char *indent, int width,
                        unsigned flags);

/* A libvirt field and the JSON key it becomes (with its unit: "hard_limit"
 * -> "hard_limit_kib"), for commands whose parameters libvirt defines. */
struct typed_key {
    const char *field;
    const char *key;
};

/* The list as one JSON object with exactly the keys of `keys` (ended by
 * { NULL }): each the value of its field, null when the list lacks it.
 * Fields `keys` does not name are left out (a newer libvirt's). */
struct json_object *typed_params_json_keys(const virTypedParameter *params, int n,
                                           const struct typed_key *keys);
/* The parameter `field` of the list, or NULL. */
const virTypedParameter *typed_params_find(const virTypedParameter *params, int n,
                                           const char *field);
/* Its value as an unsigned number (any integer type; a boolean is 0 or 1):
 * 0, or -1 when the list lacks it or it is not a number. */
int typed_params_ull(const virTypedParameter *params, int n, const char *field,
                     unsigned long long *ret);

/*
 * A list being built to set (tuning commands), with libvirt's own
 * virTypedParamsAdd* functions: a zeroed struct is an empty list.
 */
struct typed_list {
    virTypedParameterPtr params;
    int n;
    int max;
};
/* Add `field` with `text` read as a value of `type` (VIR_TYPED_PARAM_*):
 * 0, or -1 with why ("invalid value 'x' for 'weight': expected an
 * integer") in err. */
int typed_list_add_text(struct typed_list *l, const char *field, int type, const char *text,
                        char *err, size_t errlen);
void typed_list_clear(struct typed_list *l);
#define _cleanup_typed_list_ __attribute__((cleanup(typed_list_clear)))
