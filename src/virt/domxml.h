/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * domxml.h - reading and editing domain XML with libxml2, for commands that
 * derive one configuration from another (install, start --xml).
 */
#pragma once

#include <libxml/tree.h>
#include <stddef.h>

/* Parse a <domain> document.  NULL with a one-line reason in err. */
xmlDocPtr domxml_parse(const char *xml, char *err, size_t errlen);
/* The string value of an XPath expression relative to <domain> ("name",
 * "os/type/@machine"), or NULL if it matches nothing.  Caller frees. */
char *domxml_get(xmlDocPtr doc, const char *xpath);
/* Whether an XPath expression (relative to <domain>) matches anything. */
int domxml_exists(xmlDocPtr doc, const char *xpath);
/* Set the text of the element at a slash-separated path under <domain>,
 * creating missing elements ("uuid", "os/kernel"). */
void domxml_set_text(xmlDocPtr doc, const char *path, const char *text);
/* Remove every node an XPath expression (relative to <domain>) matches. */
void domxml_remove(xmlDocPtr doc, const char *xpath);
/* The element at a path under <domain>, created if missing. */
xmlNodePtr domxml_ensure(xmlDocPtr doc, const char *path);
/* Serialize (caller frees). */
char *domxml_format(xmlDocPtr doc);
/* A fresh random (version 4) UUID string. */
void domxml_new_uuid(char out[37]);

/* The <interface> of the domain whose MAC address (in any case, with or
 * without leading zeros: 52:54:0:A:0:1) or target device is `name`: 1 with
 * it in *ret, 0 when there is none, -1 when several match. */
int domxml_find_interface(xmlDocPtr doc, const char *name, xmlNodePtr *ret);
