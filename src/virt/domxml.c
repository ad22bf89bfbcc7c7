/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "virt/domxml.h"

#include <ctype.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <stdbool.h>
#include <string.h>
#include <sys/random.h>

#include "core/util.h"
#include "core/xml.h"

xmlDocPtr domxml_parse(const char *xml, char *err, size_t errlen)
{
    size_t len = strlen(xml);
    if (xml_check_wellformed(xml, len, err, errlen) < 0)
        return NULL;
    xmlDocPtr doc = xmlReadMemory(xml, (int)len, "domain.xml", NULL,
                                  XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    xmlNodePtr root = doc ? xmlDocGetRootElement(doc) : NULL;
    if (!root || !xmlStrEqual(root->name, BAD_CAST "domain")) {
        snprintf(err, errlen, "the root element is not <domain>");
        xmlFreeDoc(doc);
        return NULL;
    }
    return doc;
}

static xmlXPathObjectPtr eval(xmlDocPtr doc, const char *xpath)
{
    char err[200];
    return xml_xpath(doc, xmlDocGetRootElement(doc), xpath, err, sizeof(err));
}

char *domxml_get(xmlDocPtr doc, const char *xpath)
{
    return xml_get(xmlDocGetRootElement(doc), xpath);
}

int domxml_exists(xmlDocPtr doc, const char *xpath)
{
    xmlXPathObjectPtr r = eval(doc, xpath);
    int found = r && r->type == XPATH_NODESET && r->nodesetval && r->nodesetval->nodeNr > 0;
    xmlXPathFreeObject(r);
    return found;
}

void domxml_remove(xmlDocPtr doc, const char *xpath)
{
    xmlXPathObjectPtr r = eval(doc, xpath);
    if (r && r->type == XPATH_NODESET && r->nodesetval) {
        for (int i = 0; i < r->nodesetval->nodeNr; i++) {
            xmlNodePtr n = r->nodesetval->nodeTab[i];
            if (n->type == XML_ATTRIBUTE_NODE) {
                xmlRemoveProp((xmlAttrPtr)n);
            } else {
                xmlUnlinkNode(n);
                xmlFreeNode(n);
            }
            r->nodesetval->nodeTab[i] = NULL;
        }
    }
    xmlXPathFreeObject(r);
}

xmlNodePtr domxml_ensure(xmlDocPtr doc, const char *path)
{
    xmlNodePtr cur = xmlDocGetRootElement(doc);
    _cleanup_free_ char *copy = xstrdup(path);
    char *save = NULL;
    for (char *part = strtok_r(copy, "/", &save); part; part = strtok_r(NULL, "/", &save)) {
        xmlNodePtr child;
        for (child = cur->children; child; child = child->next)
            if (child->type == XML_ELEMENT_NODE && xmlStrEqual(child->name, BAD_CAST part))
                break;
        if (!child) {
            xmlNodePtr name = NULL;
            /* Keep <uuid> beside <name>, where people look for it. */
            if (str_eq(part, "uuid") && cur == xmlDocGetRootElement(doc))
                for (name = cur->children; name; name = name->next)
                    if (name->type == XML_ELEMENT_NODE && xmlStrEqual(name->name, BAD_CAST "name"))
                        break;
            child = xmlNewNode(NULL, BAD_CAST part);
            if (name)
                xmlAddNextSibling(name, child);
            else
                xmlAddChild(cur, child);
        }
        cur = child;
    }
    return cur;
}

void domxml_set_text(xmlDocPtr doc, const char *path, const char *text)
{
    xmlNodePtr n = domxml_ensure(doc, path);
    xmlChar *esc = xmlEncodeSpecialChars(doc, BAD_CAST text);
    xmlNodeSetContent(n, esc);
    xmlFree(esc);
}

char *domxml_format(xmlDocPtr doc)
{
    xmlChar *buf = NULL;
    int len = 0;
    xmlDocDumpFormatMemory(doc, &buf, &len, 0);
    /* Skip the <?xml ...?> declaration libvirt does not need. */
    const char *start = (const char *)buf;
    if (str_startswith(start, "<?xml")) {
        const char *nl = strchr(start, '\n');
        if (nl)
            start = nl + 1;
    }
    char *ret = xstrdup(start);
    xmlFree(buf);
    return ret;
}

void domxml_new_uuid(char out[37])
{
    unsigned char b[16];
    if (getrandom(b, sizeof(b), 0) != sizeof(b)) {
        for (size_t i = 0; i < sizeof(b); i++)
            b[i] = (unsigned char)random();
    }
    b[6] = (unsigned char)((b[6] & 0x0f) | 0x40); /* version 4 */
    b[8] = (unsigned char)((b[8] & 0x3f) | 0x80); /* RFC 4122 variant */
    snprintf(out, 37, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
             b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12],
             b[13], b[14], b[15]);
}

/* A MAC address as six bytes: 0, or -1 if `s` is not one. */
static int parse_mac(const char *s, unsigned char mac[6])
{
    for (int i = 0; i < 6; i++) {
        unsigned v = 0;
        int digits = 0;
        for (; isxdigit((unsigned char)*s) && digits < 2; s++, digits++)
            v = v * 16 + (unsigned)(isdigit((unsigned char)*s) ? *s - '0'
                                                              : tolower((unsigned char)*s) - 'a' + 10);
        if (!digits || (i < 5 && *s++ != ':'))
            return -1;
        mac[i] = (unsigned char)v;
    }
    return *s ? -1 : 0;
}

int domxml_find_interface(xmlDocPtr doc, const char *name, xmlNodePtr *ret)
{
    unsigned char want[6], have[6];
    bool is_mac = parse_mac(name, want) == 0;
    xmlNodePtr devices = NULL, found = NULL;
    int n = 0;
    for (xmlNodePtr c = xmlDocGetRootElement(doc)->children; c && !devices; c = c->next)
        if (c->type == XML_ELEMENT_NODE && xmlStrEqual(c->name, BAD_CAST "devices"))
            devices = c;
    for (xmlNodePtr c = devices ? devices->children : NULL; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE || !xmlStrEqual(c->name, BAD_CAST "interface"))
            continue;
        _cleanup_free_ char *mac = xml_get(c, "mac/@address");
        _cleanup_free_ char *dev = xml_get(c, "target/@dev");
        bool match = (is_mac && mac && parse_mac(mac, have) == 0 && memcmp(want, have, 6) == 0) ||
                     (dev && str_eq(dev, name));
        if (match) {
            found = c;
            n++;
        }
    }
    if (n > 1)
        return -1;
    *ret = found;
    return n;
}
