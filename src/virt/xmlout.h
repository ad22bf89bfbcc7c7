/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * virt/xmlout.h - printing an XML document a command got from libvirt
 * (dumpxml, net-dumpxml, nodedev-dumpxml, ...), whole or as what an --xpath
 * expression selects in it.
 */
#pragma once

#include <stdbool.h>

#include "virt/context.h"

/*
 * Print `xml`: with `xpath` NULL the document itself ({"xml": TEXT} in
 * JSON); else each node the expression selects on a line of its own
 * ({"nodes": [...]}), or its value for an expression that gives a string,
 * number or boolean ({"value": ...}); with `wrap`, the nodes inside one
 * <nodes> element ({"xml": TEXT}).  An invalid expression is a usage error.
 */
int xmlout_print(struct shell *sh, const char *xml, const char *xpath, bool wrap);
