/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "xml.h"

#include <libxml/parser.h>
#include <string.h>

#include "util.h"

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
