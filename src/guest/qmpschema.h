/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * qmpschema.h - QEMU's QMP introspection (the reply of query-qmp-schema)
 * made usable: a command's arguments and return type resolved into readable
 * types, and a request checked against them before it is sent.
 *
 * The schema is an array of SchemaInfo objects, each with a "name" and a
 * "meta-type" (builtin, enum, array, object, alternate, command, event).
 * Type names other than the builtins (str, int, number, bool, null, any)
 * are meaningless numbers, so everything shown here is resolved into
 * readable form: "str", "[int]", "enum", "object", "str|int".  An object
 * member is optional exactly when it has a "default" key (QEMU sends null
 * there; absent means the member is mandatory).
 *
 * Nothing here needs libvirt: the unit tests feed schemas directly.
 */
#pragma once

#include <json-c/json.h>
#include <stdbool.h>
#include <stddef.h>

struct qmp_schema;

/* Index the "return" array of query-qmp-schema (a reference is taken).
 * NULL with a message in err if it is not such an array. */
struct qmp_schema *qmp_schema_new(struct json_object *info, char *err, size_t errlen);
void qmp_schema_free(struct qmp_schema *s);

/* Names of the entities of one meta-type ("command" or "event"), sorted,
 * NULL-terminated; the caller frees the strings and the array. */
char **qmp_schema_names(const struct qmp_schema *s, const char *meta_type);
/* The meta-type of `name` ("command", "event", ...), or NULL if unknown. */
const char *qmp_schema_meta_type(const struct qmp_schema *s, const char *name);
/* The command (or event, with meta_type "event") closest to `name`, or NULL. */
const char *qmp_schema_suggest(const struct qmp_schema *s, const char *meta_type, const char *name);

/*
 * A command or event, whole, as JSON:
 *   {"name", "kind": "command"|"event", "arguments": TYPE (commands) or
 *    "data": TYPE (events), "returns": TYPE, "features": [...], "allow_oob"}
 * where TYPE is {"type": READABLE, ...}: "values" for an enum, "items" for
 * an array, "members" (each also with "name" and "required"), "tag" and
 * "variants" ({"case", "members", ...}) for an object, "alternatives" for
 * an alternate.  A type met again inside itself reads {"type": "object",
 * "recursive": true}.  NULL if there is no command or event of that name.
 */
struct json_object *qmp_schema_describe(const struct qmp_schema *s, const char *name);
/* That description as readable text (caller frees). */
char *qmp_schema_describe_text(struct json_object *desc);

/*
 * Check {"execute": NAME, "arguments": {...}} against the schema: the
 * command exists, every argument is known, every mandatory one is there,
 * and every value has the JSON type the schema asks for (enums: one of
 * their values; objects, arrays and alternates checked inside).  Returns 0,
 * or -1 with one line in err (with "did you mean" where it helps).
 */
int qmp_schema_check(const struct qmp_schema *s, struct json_object *req, char *err, size_t errlen);

/* A command's top-level argument names for completion, each followed by
 * "=" when it takes a string and ":=" otherwise; NULL-terminated, caller
 * frees.  NULL if there is no such command. */
char **qmp_schema_argument_words(const struct qmp_schema *s, const char *command);
