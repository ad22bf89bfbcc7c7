/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * virt/xmlout.h - printing an XML document a command got from libvirt
 * (dumpxml, net-dumpxml, nodedev-dumpxml, ...), whole or as what an --xpath
 * expression selects in it.
 */
#pragma once

#include <stdbool.h>

#include "core/contract.h"
#include "virt/context.h"

/* The JSON of xmlout_print, for the table's declarations. */
#define XMLOUT_RESULT \
    RESULT_OBJECT( \
        { "xml", RT_STRING | RT_NULL, "the whole XML; null with --xpath" }, \
        { "nodes", RT_ARRAY | RT_NULL, "--xpath: what it selected (elements as XML, " \
                                       "attributes and text as their values); else null" }, \
        { "nodes[]", RT_STRING, "one node" }, \
        { "value", RT_ANY | RT_NULL, "--xpath: a number, string or boolean result; else null" })

/*
 * Print `xml`: with `xpath` NULL the document itself; else each node the
 * expression selects on a line of its own, as virsh prints it (an attribute
 * as ` name="value"`), or the value of an expression that gives a string,
 * number or boolean; with `wrap`, the text is the nodes inside one <nodes>
 * element.  JSON always {"xml": TEXT or null, "nodes": [...] or null,
 * "value": ... or null} (XMLOUT_RESULT).  An invalid expression is a usage
 * error.
 */
int xmlout_print(struct shell *sh, const char *xml, const char *xpath, bool wrap);
