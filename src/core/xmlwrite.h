/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * core/xmlwrite.h - XML written as virsh writes what its *-create-as
 * commands make (single-quoted attributes, two-space indent), and the
 * comma-separated specs those commands read (--diskspec vda,snapshot=no).
 */
#pragma once

#include <stdbool.h>

#include "core/strbuf.h"
#include "core/strv.h"

/* s with < > & ' " as entities. */
void xmlw_escaped(struct strbuf *b, const char *s);
/* " NAME='VALUE'" (escaped); nothing when value is NULL. */
void xmlw_attr(struct strbuf *b, const char *name, const char *value);
/* INDENT<NAME>TEXT</NAME>\n (escaped); nothing when text is NULL. */
void xmlw_element(struct strbuf *b, const char *indent, const char *name, const char *text);

/* A comma-separated spec as its parts, ",," standing for a comma. */
void spec_split(const char *spec, struct strv *ret);
/* Whether `part` is "KEY=VALUE" and *slot still empty; then *slot points
 * at VALUE. */
bool spec_take(const char *part, const char *key, const char **slot);
