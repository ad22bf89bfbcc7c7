/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "core/xml.h"

#include <libxml/parser.h>
#include <libxml/xpathInternals.h>
#include <stdint.h>
#include <string.h>

#include "core/util.h"

static void silent(void *ctx, const char *msg, ...)
{
    (void)ctx;
    (void)msg;
}

int xml_check_wellformed(const char *buf, size_t len, char *err, size_t errlen)
{
    if (len > INT32_MAX) {
        snprintf(err, errlen, "document too large");
        return -1;
    }
    xmlSetGenericErrorFunc(NULL, silent);
    xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
    if (!ctxt) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    xmlDocPtr doc = xmlCtxtReadMemory(ctxt, buf, (int)len, "domain.xml", NULL,
                                      XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    int rc = 0;
    if (!doc) {
        const xmlError *e = xmlCtxtGetLastError(ctxt);
        if (e && e->message) {
            char msg[256];
            snprintf(msg, sizeof(msg), "%s", e->message);
            msg[strcspn(msg, "\n")] = '\0';
            snprintf(err, errlen, "line %d: %s", e->line, msg);
        } else {
            snprintf(err, errlen, "not an XML document");
        }
        rc = -1;
    } else if (!xmlDocGetRootElement(doc)) {
        snprintf(err, errlen, "empty document");
        rc = -1;
    }
    xmlFreeDoc(doc);
    xmlFreeParserCtxt(ctxt);
    return rc;
}

/* Keep the first error libxml2 raises, instead of letting it print. */
static void capture_error(void *ctx, xmlErrorPtr e)
{
    char *buf = ctx;
    if (!buf[0] && e && e->message)
        snprintf(buf, 200, "%s", e->message);
}

xmlDocPtr xml_parse(const char *buf, size_t len, char *err, size_t errlen)
{
    if (xml_check_wellformed(buf, len, err, errlen) < 0)
        return NULL;
    xmlDocPtr doc = xmlReadMemory(buf, (int)len, "domain.xml", NULL,
                                  XML_PARSE_NONET | XML_PARSE_NOBLANKS | XML_PARSE_NOERROR |
                                  XML_PARSE_NOWARNING);
    if (!doc)
        snprintf(err, errlen, "cannot parse the document");
    return doc;
}

xmlXPathObjectPtr xml_xpath(xmlDocPtr doc, xmlNodePtr node, const char *expr, char *err,
                            size_t errlen)
{
    xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
    if (!ctx) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    xmlNodePtr root = xmlDocGetRootElement(doc);
    ctx->node = node ? node : root;
    for (xmlNsPtr ns = root ? root->nsDef : NULL; ns; ns = ns->next)
        if (ns->prefix)
            xmlXPathRegisterNs(ctx, ns->prefix, ns->href);
    char msg[200] = "";
    xmlSetStructuredErrorFunc(msg, capture_error);
    xmlXPathObjectPtr r = xmlXPathEvalExpression(BAD_CAST expr, ctx);
    xmlSetStructuredErrorFunc(NULL, NULL);
    if (!r) {
        msg[strcspn(msg, "\n")] = '\0';
        if (!msg[0])
            snprintf(msg, sizeof(msg), "invalid expression");
        /* libxml2 capitalizes its messages; ours are lowercase. */
        if (msg[0] >= 'A' && msg[0] <= 'Z' && !(msg[1] >= 'A' && msg[1] <= 'Z'))
            msg[0] = (char)(msg[0] - 'A' + 'a');
        snprintf(err, errlen, "%s", msg);
    }
    xmlXPathFreeContext(ctx);
    return r;
}

char *xml_get(xmlNodePtr node, const char *expr)
{
    char err[200];
    xmlXPathObjectPtr r = xml_xpath(node->doc, node, expr, err, sizeof(err));
    char *ret = NULL;
    if (r && r->type == XPATH_NODESET && r->nodesetval && r->nodesetval->nodeNr > 0) {
        xmlChar *s = xmlNodeGetContent(r->nodesetval->nodeTab[0]);
        if (s) {
            ret = xstrdup((const char *)s);
            xmlFree(s);
        }
    }
    xmlXPathFreeObject(r);
    return ret;
}

char *xml_node_text(xmlDocPtr doc, xmlNodePtr node)
{
    if (node->type != XML_ELEMENT_NODE) {
        xmlChar *s = xmlNodeGetContent(node);
        char *ret = xstrdup(s ? (const char *)s : "");
        xmlFree(s);
        return ret;
    }
    return xml_node_dump(doc, node);
}

char *xml_node_dump(xmlDocPtr doc, xmlNodePtr node)
{
    xmlBufferPtr buf = xmlBufferCreate();
    if (!buf)
        return xstrdup("");
    xmlNodeDump(buf, doc, node, 0, 1);
    char *ret = xstrdup((const char *)xmlBufferContent(buf));
    xmlBufferFree(buf);
    return ret;
}
