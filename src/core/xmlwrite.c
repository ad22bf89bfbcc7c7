/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "core/xmlwrite.h"

#include <string.h>

void xmlw_escaped(struct strbuf *b, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '<': strbuf_add(b, "&lt;"); break;
        case '>': strbuf_add(b, "&gt;"); break;
        case '&': strbuf_add(b, "&amp;"); break;
        case '\'': strbuf_add(b, "&apos;"); break;
        case '"': strbuf_add(b, "&quot;"); break;
        default: strbuf_addc(b, *s);
        }
    }
}

void xmlw_attr(struct strbuf *b, const char *name, const char *value)
{
    if (!value)
        return;
    strbuf_printf(b, " %s='", name);
    xmlw_escaped(b, value);
    strbuf_addc(b, '\'');
}

void xmlw_element(struct strbuf *b, const char *indent, const char *name, const char *text)
{
    if (!text)
        return;
    strbuf_printf(b, "%s<%s>", indent, name);
    xmlw_escaped(b, text);
    strbuf_printf(b, "</%s>\n", name);
}

void spec_split(const char *spec, struct strv *ret)
{
    struct strbuf part = { 0 };
    for (const char *p = spec;; p++) {
        if (*p == ',' && p[1] == ',') {
            strbuf_addc(&part, ',');
            p++;
        } else if (*p == ',' || !*p) {
            strv_push(ret, strbuf_steal(&part));
            if (!*p)
                break;
        } else {
            strbuf_addc(&part, *p);
        }
    }
}

bool spec_take(const char *part, const char *key, const char **slot)
{
    size_t n = strlen(key);
    if (*slot || strncmp(part, key, n) != 0 || part[n] != '=')
        return false;
    *slot = part + n + 1;
    return true;
}
