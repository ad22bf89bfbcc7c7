/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * virt/xmldump.h - what a *dumpxml --xpath [--wrap] prints: the nodes an
 * expression selects in an object's XML (domain, pool, volume, ...), one a
 * line, or a number, string or boolean result; with `wrap` the selected
 * nodes under one <nodes> element.  JSON: {"nodes": [...]} or {"value": V},
 * and {"xml": TEXT} with `wrap`.
 */
#pragma once

#include <stdbool.h>

#include "virt/context.h"

/* `what` names the object in messages ("domain": "cannot parse the domain
 * XML").  Returns the command's status, the error recorded. */
int xmldump_xpath(struct shell *sh, const char *xml, const char *what, const char *expr, bool wrap);
