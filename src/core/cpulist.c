/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "core/cpulist.h"

#include <ctype.h>
#include <string.h>

#include "core/strbuf.h"
#include "core/util.h"

/* A CPU number at *p (blanks around it skipped), advancing *p. */
static int read_cpu(const char **p, long *ret)
{
    const char *s = *p;
    while (*s == ' ' || *s == '\t')
        s++;
    if (!isdigit((unsigned char)*s))
        return -1;
    long v = 0;
    for (; isdigit((unsigned char)*s); s++) {
        v = v * 10 + (*s - '0');
        if (v > 1 << 20)
            return -1;
    }
    while (*s == ' ' || *s == '\t')
        s++;
    *p = s;
    *ret = v;
    return 0;
}

static void set_range(unsigned char *map, long from, long to, bool on)
{
    for (long c = from; c <= to; c++) {
        if (on)
            map[c / 8] |= (unsigned char)(1u << (c % 8));
        else
            map[c / 8] &= (unsigned char)~(1u << (c % 8));
    }
}

int cpulist_parse(const char *s, int ncpus, unsigned char *map, char *err, size_t errlen)
{
    size_t len = cpumap_len(ncpus);
    memset(map, 0, len);
    if (str_eq(s, "r")) {
        set_range(map, 0, ncpus - 1, true);
        return 0;
    }
    const char *p = s;
    for (;;) {
        bool exclude = *p == '^';
        long from, to;
        if (exclude)
            p++;
        if (read_cpu(&p, &from) < 0)
            return errbuf(err, errlen, "invalid CPU list '%s'", s);
        to = from;
        if (*p == '-' && !exclude) {
            p++;
            if (read_cpu(&p, &to) < 0 || to < from)
                return errbuf(err, errlen, "invalid CPU list '%s'", s);
        }
        if (to >= ncpus)
            return -1 + errbuf(err, errlen, "CPU %ld in '%s' does not exist: the host has %d CPUs", to,
                          s, ncpus);
        set_range(map, from, to, !exclude);
        if (!*p)
            break;
        if (*p++ != ',')
            return errbuf(err, errlen, "invalid CPU list '%s'", s);
    }
    for (size_t i = 0; i < len; i++)
        if (map[i])
            return 0;
    return -1 + errbuf(err, errlen, "CPU list '%s' leaves no CPU", s);
}

char *cpulist_format(const unsigned char *map, int ncpus)
{
    struct strbuf b = { 0 };
    for (int c = 0; c < ncpus; c++) {
        if (!cpumap_has(map, c))
            continue;
        int end = c;
        while (end + 1 < ncpus && cpumap_has(map, end + 1))
            end++;
        strbuf_printf(&b, b.len ? ",%d" : "%d", c);
        if (end > c)
            strbuf_printf(&b, "-%d", end);
        c = end;
    }
    return strbuf_steal(&b);
}

char *cpulist_yn(const unsigned char *map, int ncpus)
{
    char *s = xmalloc((size_t)(ncpus > 0 ? ncpus : 0) + 1);
    for (int c = 0; c < ncpus; c++)
        s[c] = cpumap_has(map, c) ? 'y' : '-';
    s[ncpus > 0 ? ncpus : 0] = '\0';
    return s;
}

struct json_object *cpulist_json(const unsigned char *map, int ncpus)
{
    struct json_object *a = json_object_new_array();
    for (int c = 0; c < ncpus; c++)
        if (cpumap_has(map, c))
            json_object_array_add(a, json_object_new_int(c));
    return a;
}
