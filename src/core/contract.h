/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * core/contract.h - the JSON a command promises: declared next to its row
 * in the table, listed in the man page, and checked against what it really
 * prints when VIRTSH_CHECK_JSON=1 (the golden and integration suites set it).
 *
 * Conventions every declaration follows (man page, "JSON"):
 *   - keys and result words are lowercase snake_case: "max_memory_kib",
 *     "shutting_down";
 *   - a declared key is always present; a value that is unknown or does not
 *     apply is null (the field is declared RT_NULL), never "" or missing;
 *     RT_OPTIONAL is for keys an option adds (version --daemon);
 *   - sizes say their unit in the key (_kib, _bytes), times theirs (_ns, _s).
 *
 * A field's key is a path: "cpu.model" is member "model" of the object in
 * "cpu"; "disks[].target" is member "target" of every element of the array
 * "disks", and "names[]" declares the type of a plain array's elements.
 * Objects hold only declared keys; an array none of whose elements is
 * declared may hold anything.
 */
#pragma once

#include <json-c/json.h>
#include <stdbool.h>
#include <stddef.h>

enum {
    RT_STRING = 1,
    RT_INT,        /* a JSON integer */
    RT_NUMBER,     /* an integer or a double */
    RT_BOOL,
    RT_ARRAY,
    RT_OBJECT,
    RT_ANY,        /* whatever the source sends (an agent's or QEMU's own JSON) */
    RT_TYPE_MASK = 0xff,
    RT_NULL = 1 << 8,      /* may be null */
    RT_OPTIONAL = 1 << 9,  /* may be missing */
};

struct result_field {
    const char *key;
    unsigned type;         /* RT_* | RT_NULL | RT_OPTIONAL */
    const char *help;
};

typedef enum {
    RS_UNDECLARED = 0,
    RS_OBJECT,    /* each JSON document is one object with `fields` */
    RS_ARRAY,     /* each document is an array of objects with `fields` */
    RS_VALUES,    /* each document is an array of plain values (strings, numbers) */
    RS_FREE,      /* JSON by nature, not ours (agent, QMP replies): not checked */
    RS_NONE,      /* prints no JSON on success */
} result_shape;

struct result_def {
    result_shape shape;
    const struct result_field *fields; /* ends with { NULL } */
    const struct result_def *or;       /* another shape an option selects (list --name), or NULL */
};

#define RESULT_FIELDS(...) ((const struct result_field[]){ __VA_ARGS__, { NULL, 0, NULL } })
#define RESULT_OBJECT(...) (&(const struct result_def){ RS_OBJECT, RESULT_FIELDS(__VA_ARGS__), NULL })
#define RESULT_ARRAY(...) (&(const struct result_def){ RS_ARRAY, RESULT_FIELDS(__VA_ARGS__), NULL })
#define RESULT_VALUES (&(const struct result_def){ RS_VALUES, NULL, NULL })
#define RESULT_FREE (&(const struct result_def){ RS_FREE, NULL, NULL })
#define RESULT_NONE (&(const struct result_def){ RS_NONE, NULL, NULL })
/* Either of two shapes: RESULT_OR(RESULT_VALUES, RS_ARRAY, {...}, ...). */
#define RESULT_OR(other, shp, ...) \
    (&(const struct result_def){ (shp), RESULT_FIELDS(__VA_ARGS__), (other) })

/* Does `doc` (one JSON document a command printed) keep `r`'s promise?
 * 0, or -1 with the first broken promise in why ("key 'x' is not declared"). */
int contract_check(const struct result_def *r, struct json_object *doc, char *why, size_t len);
/* The same for one element of an RS_ARRAY document, printed row by row. */
int contract_check_row(const struct result_def *r, struct json_object *row, char *why, size_t len);
/* "string", "integer or null", ... for the man page. */
const char *contract_type_name(unsigned type, char *buf, size_t len);
/* The declaration is well formed (paths, types): 0, or -1 with why. */
int contract_validate_def(const struct result_def *r, char *why, size_t len);

/* ---- several hosts (shell/fanout.c; man page, SEVERAL HOSTS) ----
 * With more than one host selected, every row or object a command prints
 * gains CONTRACT_HOST_KEY, the host's name; what is not an object is
 * wrapped: {"host": H, "value": V} for each value of an RS_VALUES array,
 * {"host": H, "result": DOC} for an RS_FREE document.  A command run on
 * every host prints one array of these; one run on the host its domain was
 * found on prints its own shape.  Declared here once, for every command. */
#define CONTRACT_HOST_KEY "host"
/* The keys the multi-host output adds, for the man page. */
extern const struct result_field contract_host_fields[];
/* A document printed for several hosts keeps r's promise, as above. */
int contract_check_hosts(const struct result_def *r, struct json_object *doc, char *why, size_t len);
