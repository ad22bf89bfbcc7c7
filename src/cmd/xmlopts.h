/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * cmd/xmlopts.h - the options and the JSON of the *-dumpxml commands of
 * snapshots, checkpoints, backups and saved state (printing through
 * virt/xmlout.h): --xpath EXPR and --wrap, bound to the fields `xpath` and
 * `wrap` of the command's args struct.
 */
#pragma once

#include "core/table.h"

#define XMLOPTS_XPATH(st) \
    OPT_STRING(st, "xpath", xpath, "print only what this XPath expression selects", \
               .metavar = "EXPR"), \
    OPT_FLAG(st, "wrap", wrap, "wrap the --xpath results in one <nodes> element", \
             .needs = "xpath")

#define XMLOPTS_RESULT \
    RESULT_OR(RESULT_OBJECT({ "nodes", RT_ARRAY | RT_OPTIONAL, "--xpath: the nodes selected" }, \
                            { "value", RT_ANY | RT_OPTIONAL, "--xpath: the expression's value" }), \
              RS_OBJECT, { "xml", RT_STRING, "the XML document" })
