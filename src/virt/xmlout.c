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

int xmlout_print(struct shell *sh, const char *xml, const char *expr, bool wrap)
{
    char err[300];
    if (!expr) {
        out_xml(&sh->out, xml);
        return CMD_OK;
    }
    _cleanup_(xml_doc_freep) xmlDocPtr doc = xml_parse(xml, strlen(xml), err, sizeof(err));
    if (!doc)
        return error(sh, "cannot parse the XML: %s", err);
    _cleanup_(xpath_obj_freep) xmlXPathObjectPtr r = xml_xpath(doc, NULL, expr, err, sizeof(err));
    if (!r)
        return usage_error(sh, "invalid XPath expression '%s': %s", expr, err);

    _cleanup_json_ struct json_object *o = json_object_new_object();
    _cleanup_free_ char *text = NULL;
    if (wrap) {
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
        text = xasprintf("%s\n", body);
        out_xml(&sh->out, text);
        return CMD_OK;
    }

    switch (r->type) {
    case XPATH_NODESET: {
        struct json_object *arr = json_object_new_array();
        struct strbuf b = { 0 };
        for (int i = 0; r->nodesetval && i < r->nodesetval->nodeNr; i++) {
            xmlNodePtr n = r->nodesetval->nodeTab[i];
            if (n->type == XML_DOCUMENT_NODE)
                n = xmlDocGetRootElement(doc);
            _cleanup_free_ char *s = xml_node_text(doc, n);
            json_object_array_add(arr, json_object_new_string(s));
            strbuf_printf(&b, "%s\n", s);
        }
        text = strbuf_steal(&b);
        json_object_object_add(o, "nodes", arr);
        break;
    }
    case XPATH_BOOLEAN:
        json_object_object_add(o, "value", json_object_new_boolean(r->boolval));
        text = xstrdup(r->boolval ? "true" : "false");
        break;
    case XPATH_NUMBER: {
        double v = r->floatval;
        if (v == (double)(long long)v && v > -9e15 && v < 9e15)
            json_object_object_add(o, "value", json_object_new_int64((long long)v));
        else
            json_object_object_add(o, "value", json_object_new_double(v));
        xmlChar *s = xmlXPathCastNumberToString(v);
        text = xstrdup((const char *)s);
        xmlFree(s);
        break;
    }
    default: {
        xmlChar *s = xmlXPathCastToString(r);
        text = xstrdup(s ? (const char *)s : "");
        xmlFree(s);
        json_object_object_add(o, "value", json_object_new_string(text));
        break;
    }
    }
    out_value(&sh->out, o, text);
    return CMD_OK;
}
