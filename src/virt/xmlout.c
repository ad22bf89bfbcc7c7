/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* virt/xmlout.c - an XML document, whole or by XPath (see xmlout.h). */
#include "virt/xmlout.h"

#include <string.h>

#include "core/strbuf.h"
#include "core/util.h"
#include "core/xml.h"
#include "virt/err.h"

static void xpath_obj_freep(xmlXPathObjectPtr *o)
{
    if (*o)
        xmlXPathFreeObject(*o);
}

/* One match of --xpath inside the <nodes> wrapper.  Elements are copied;
 * an attribute or text keeps its context as an element named like the one
 * it belongs to (<mac address="..."/>), so several never merge. */
static void wrap_node(xmlDocPtr doc, xmlNodePtr wrapper, xmlNodePtr n)
{
    if (n->type == XML_DOCUMENT_NODE)
        n = xmlDocGetRootElement((xmlDocPtr)n);
    if (!n)
        return;
    if (n->type == XML_ELEMENT_NODE) {
        xmlAddChild(wrapper, xmlDocCopyNode(n, doc, 1));
        return;
    }
    const xmlChar *name = n->type != XML_NAMESPACE_DECL && n->parent && n->parent->name
                              ? n->parent->name : BAD_CAST "value";
    xmlNodePtr el = xmlNewDocNode(doc, NULL, name, NULL);
    xmlChar *value = xmlNodeGetContent(n);
    if (n->type == XML_ATTRIBUTE_NODE)
        xmlSetProp(el, n->name, value ? value : BAD_CAST "");
    else if (value)
        xmlNodeAddContent(el, value);
    xmlFree(value);
    xmlAddChild(wrapper, el);
}

/* The --wrap text: the selected nodes under one <nodes> element. */
static char *wrapped_text(xmlXPathObjectPtr r)
{
    _cleanup_(xml_doc_freep) xmlDocPtr out = xmlNewDoc(BAD_CAST "1.0");
    xmlNodePtr root = xmlNewDocNode(out, NULL, BAD_CAST "nodes", NULL);
    xmlDocSetRootElement(out, root);
    if (r->type == XPATH_NODESET) {
        for (int i = 0; r->nodesetval && i < r->nodesetval->nodeNr; i++)
            wrap_node(out, root, r->nodesetval->nodeTab[i]);
    } else {
        xmlChar *s = xmlXPathCastToString(r);
        xmlNodeAddContent(root, s);
        xmlFree(s);
    }
    _cleanup_free_ char *body = xml_node_text(out, root);
    return xasprintf("%s\n", body);
}

/* A number, string or boolean result: into o's "value", its text in *text. */
static void xpath_value(xmlXPathObjectPtr r, struct json_object *o, char **text)
{
    struct json_object *v;
    if (r->type == XPATH_BOOLEAN) {
        v = json_object_new_boolean(r->boolval);
        *text = xstrdup(r->boolval ? "true" : "false");
    } else if (r->type == XPATH_NUMBER) {
        double d = r->floatval;
        if (d == (double)(long long)d && d > -9e15 && d < 9e15)
            v = json_object_new_int64((long long)d);
        else
            v = json_object_new_double(d);
        xmlChar *s = xmlXPathCastNumberToString(d);
        *text = xstrdup((const char *)s);
        xmlFree(s);
    } else {
        xmlChar *s = xmlXPathCastToString(r);
        *text = xstrdup(s ? (const char *)s : "");
        xmlFree(s);
        v = json_object_new_string(*text);
    }
    json_object_object_add(o, "value", v);
}

/* The selected nodes: their text as virsh prints them (an attribute as
 * ` name="value"`) into *text, and as JSON strings (elements as XML,
 * attributes and text as their values). */
static struct json_object *xpath_nodes(xmlDocPtr doc, xmlXPathObjectPtr r, char **text)
{
    struct json_object *arr = json_object_new_array();
    struct strbuf b = { 0 };
    for (int i = 0; r->nodesetval && i < r->nodesetval->nodeNr; i++) {
        xmlNodePtr n = r->nodesetval->nodeTab[i];
        if (n->type == XML_DOCUMENT_NODE)
            n = xmlDocGetRootElement(doc);
        _cleanup_free_ char *s = xml_node_text(doc, n);
        _cleanup_free_ char *shown = xml_node_dump(doc, n);
        json_object_array_add(arr, json_object_new_string(s));
        strbuf_printf(&b, "%s\n", shown);
    }
    *text = strbuf_steal(&b);
    return arr;
}

int xmlout_print(struct shell *sh, const char *xml, const char *expr, bool wrap)
{
    char err[300];
    _cleanup_json_ struct json_object *o = json_object_new_object();
    if (!expr) {
        json_object_object_add(o, "xml", json_object_new_string(xml));
        json_object_object_add(o, "nodes", NULL);
        json_object_object_add(o, "value", NULL);
        out_value(&sh->out, o, xml);
        return CMD_OK;
    }
    _cleanup_(xml_doc_freep) xmlDocPtr doc = xml_parse(xml, strlen(xml), err, sizeof(err));
    if (!doc)
        return error(sh, "cannot parse the XML: %s", err);
    _cleanup_(xpath_obj_freep) xmlXPathObjectPtr r = xml_xpath(doc, NULL, expr, err, sizeof(err));
    if (!r)
        return usage_error(sh, "invalid XPath expression '%s': %s", expr, err);

    _cleanup_free_ char *text = NULL;
    json_object_object_add(o, "xml", NULL);
    if (r->type == XPATH_NODESET) {
        json_object_object_add(o, "nodes", xpath_nodes(doc, r, &text));
        json_object_object_add(o, "value", NULL);
    } else {
        json_object_object_add(o, "nodes", NULL);
        xpath_value(r, o, &text);
    }
    if (wrap) { /* text only: JSON is the same with or without it */
        free(text);
        text = wrapped_text(r);
    }
    out_value(&sh->out, o, text);
    return CMD_OK;
}
