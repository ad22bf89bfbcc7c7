/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* xml.h - small XML checks and edits with libxml2. */
#pragma once

#include <stddef.h>

/* 0 if `buf` is well-formed XML; else -1 and a one-line reason in `err`. */
int xml_check_wellformed(const char *buf, size_t len, char *err, size_t errlen);

#include <libxml/tree.h>
#include <libxml/xpath.h>

/* For _cleanup_(xml_doc_freep) xmlDocPtr doc = ... */
static inline void xml_doc_freep(xmlDocPtr *d)
{
    if (*d)
        xmlFreeDoc(*d);
}

/* Parse a document without network access, dropping blank text so nodes
 * re-serialize with fresh indentation.  NULL with a one-line reason in err. */
xmlDocPtr xml_parse(const char *buf, size_t len, char *err, size_t errlen);
/* Evaluate `expr` with `node` as the context node (NULL: the root element).
 * The root element's namespace prefixes are usable in `expr`.  NULL with a
 * one-line reason in err when the expression is invalid. */
xmlXPathObjectPtr xml_xpath(xmlDocPtr doc, xmlNodePtr node, const char *expr,
                            char *err, size_t errlen);
/* The string value of the first node `expr` selects under `node`, or NULL
 * when it selects nothing.  Caller frees. */
char *xml_get(xmlNodePtr node, const char *expr);
/* A node as text: an element is serialized (indented, double quotes), an
 * attribute or text node gives its value.  Caller frees. */
char *xml_node_text(xmlDocPtr doc, xmlNodePtr node);
/* Any node as libxml2 writes it: an element as XML, an attribute as
 * ` name="value"`, text escaped (what virsh's dumpxml --xpath prints). */
char *xml_node_dump(xmlDocPtr doc, xmlNodePtr node);
