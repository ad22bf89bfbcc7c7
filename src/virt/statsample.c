/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "virt/statsample.h"

#include <stdlib.h>
#include <string.h>
#include <sys/time.h>

#include "core/util.h"

/* An integer parameter's value (any integer type). */
static long long int_value(const virTypedParameter *p)
{
    switch (p->type) {
    case VIR_TYPED_PARAM_INT:
        return p->value.i;
    case VIR_TYPED_PARAM_UINT:
        return p->value.ui;
    case VIR_TYPED_PARAM_LLONG:
        return p->value.l;
    case VIR_TYPED_PARAM_ULLONG:
        return (long long)p->value.ul;
    default:
        return -1;
    }
}

/* "block.3.rd.bytes" with prefix "block." and suffix ".rd.bytes": is the
 * middle a device index? */
static bool indexed(const char *field, const char *prefix, const char *suffix)
{
    size_t pl = strlen(prefix), fl = strlen(field), sl = strlen(suffix);
    if (fl <= pl + sl || strncmp(field, prefix, pl) != 0 || !str_eq(field + fl - sl, suffix))
        return false;
    for (const char *c = field + pl; c < field + fl - sl; c++)
        if (*c < '0' || *c > '9')
            return false;
    return true;
}

static void add_to(long long *sum, long long v)
{
    if (v >= 0)
        *sum = (*sum < 0 ? 0 : *sum) + v;
}

/* The balloon's and the guest's figures, by field name. */
static void memory_field(struct sample_dom *d, const char *f, long long v, long long *avail,
                         long long *usable)
{
    if (str_eq(f, "balloon.current"))
        d->balloon_kib = v;
    else if (str_eq(f, "balloon.maximum"))
        d->max_kib = v;
    else if (str_eq(f, "balloon.rss"))
        d->rss_kib = v;
    else if (str_eq(f, "balloon.available"))
        *avail = v;
    else if (str_eq(f, "balloon.usable"))
        *usable = v;
}

static void fill_dom(struct sample_dom *d, const virDomainStatsRecord *r)
{
    long long avail = -1, usable = -1;
    *d = (struct sample_dom){ .id = -1, .state = VIR_DOMAIN_NOSTATE, .vcpus = -1,
                              .balloon_kib = -1, .max_kib = -1, .rss_kib = -1, .used_kib = -1,
                              .cpu_ns = -1, .rd_bytes = -1, .wr_bytes = -1, .rx_bytes = -1,
                              .tx_bytes = -1, .cpu_pct = -1, .rd_bps = -1, .wr_bps = -1,
                              .rx_bps = -1, .tx_bps = -1 };
    d->name = xstrdup(virDomainGetName(r->dom));
    virDomainGetUUID(r->dom, d->uuid);
    sample_uuid_text(d->uuid, d->uuid_str);
    for (int i = 0; i < r->nparams; i++) {
        const char *f = r->params[i].field;
        long long v = int_value(&r->params[i]);
        if (str_eq(f, "state.state"))
            d->state = (int)v;
        else if (str_eq(f, "cpu.time"))
            d->cpu_ns = v;
        else if (str_eq(f, "vcpu.current"))
            d->vcpus = v;
        else if (str_startswith(f, "balloon."))
            memory_field(d, f, v, &avail, &usable);
        else if (indexed(f, "block.", ".rd.bytes"))
            add_to(&d->rd_bytes, v);
        else if (indexed(f, "block.", ".wr.bytes"))
            add_to(&d->wr_bytes, v);
        else if (indexed(f, "net.", ".rx.bytes"))
            add_to(&d->rx_bytes, v);
        else if (indexed(f, "net.", ".tx.bytes"))
            add_to(&d->tx_bytes, v);
    }
    if (avail >= 0 && usable >= 0 && avail >= usable)
        d->used_kib = avail - usable;
    /* a shut off domain has no id: no need to ask */
    unsigned int id = d->state == VIR_DOMAIN_SHUTOFF ? (unsigned int)-1 : virDomainGetID(r->dom);
    d->id = id == (unsigned int)-1 ? -1 : (long long)id;
}

void sample_uuid_text(const unsigned char u[VIR_UUID_BUFLEN], char out[VIR_UUID_STRING_BUFLEN])
{
    static const char hex[] = "0123456789abcdef";
    char *p = out;
    for (int i = 0; i < VIR_UUID_BUFLEN; i++) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            *p++ = '-';
        *p++ = hex[u[i] >> 4];
        *p++ = hex[u[i] & 15];
    }
    *p = '\0';
}

static int uuid_cmp(const void *a, const void *b)
{
    return memcmp(((const struct sample_dom *)a)->uuid, ((const struct sample_dom *)b)->uuid,
                  VIR_UUID_BUFLEN);
}

/* A rate from two readings of a counter; -1 when either is unknown or it
 * went back (the domain restarted). */
static double rate(long long now, long long before, double secs)
{
    if (now < 0 || before < 0 || now < before || secs <= 0)
        return -1;
    return (double)(now - before) / secs;
}

void sample_rates(struct sample *s, const struct sample *prev)
{
    if (!prev)
        return;
    s->interval_s = (s->mono_ms - prev->mono_ms) / 1000.0;
    double secs = s->interval_s;
    for (size_t i = 0; i < s->n; i++) {
        struct sample_dom *d = &s->doms[i];
        const struct sample_dom *p = bsearch(d, prev->doms, prev->n, sizeof(*d), uuid_cmp);
        if (!p)
            continue;
        double ns = rate(d->cpu_ns, p->cpu_ns, secs);
        d->cpu_pct = ns < 0 ? -1 : ns / 1e7; /* ns a second, as % of one CPU */
        d->rd_bps = rate(d->rd_bytes, p->rd_bytes, secs);
        d->wr_bps = rate(d->wr_bytes, p->wr_bytes, secs);
        d->rx_bps = rate(d->rx_bytes, p->rx_bytes, secs);
        d->tx_bps = rate(d->tx_bytes, p->tx_bytes, secs);
    }
}

int sample_take(virConnectPtr c, const struct sample *prev, struct sample *out)
{
    virDomainStatsRecordPtr *recs = NULL;
    int n = virConnectGetAllDomainStats(c, SAMPLE_STATS, &recs,
                                        VIR_CONNECT_GET_ALL_DOMAINS_STATS_NOWAIT);
    if (n < 0)
        return -1;
    struct timeval tv;
    gettimeofday(&tv, NULL);
    struct sample s = { .doms = xcalloc((size_t)n + 1, sizeof(*s.doms)), .n = (size_t)n,
                        .mono_ms = now_ms(), .wall_s = (double)tv.tv_sec + tv.tv_usec / 1e6,
                        .interval_s = -1 };
    for (int i = 0; i < n; i++)
        fill_dom(&s.doms[i], recs[i]);
    virDomainStatsRecordListFree(recs);
    qsort(s.doms, s.n, sizeof(*s.doms), uuid_cmp);
    sample_rates(&s, prev);
    *out = s;
    return 0;
}

void sample_clear(struct sample *s)
{
    for (size_t i = 0; i < s->n; i++)
        free(s->doms[i].name);
    free(s->doms);
    *s = (struct sample){ 0 };
}

long long sample_mem_kib(const struct sample_dom *d)
{
    return d->used_kib >= 0 ? d->used_kib : d->rss_kib;
}

/* The value a domain is ordered by: larger first, unknown (< 0) last. */
static double key(const struct sample_dom *d, enum sample_order by)
{
    switch (by) {
    case SAMPLE_BY_CPU:
        return d->cpu_pct;
    case SAMPLE_BY_MEM:
        return (double)sample_mem_kib(d);
    case SAMPLE_BY_DISK:
        return d->rd_bps < 0 && d->wr_bps < 0 ? -1 : (d->rd_bps > 0 ? d->rd_bps : 0) +
                                                        (d->wr_bps > 0 ? d->wr_bps : 0);
    case SAMPLE_BY_NET:
        return d->rx_bps < 0 && d->tx_bps < 0 ? -1 : (d->rx_bps > 0 ? d->rx_bps : 0) +
                                                        (d->tx_bps > 0 ? d->tx_bps : 0);
    case SAMPLE_BY_NAME:
        break;
    }
    return 0;
}

struct order {
    enum sample_order by;
    bool reverse;
};

static int order_cmp(const void *a, const void *b, void *opaque)
{
    const struct order *o = opaque;
    const struct sample_dom *x = *(const struct sample_dom *const *)a;
    const struct sample_dom *y = *(const struct sample_dom *const *)b;
    double kx = key(x, o->by), ky = key(y, o->by);
    int c = kx > ky ? -1 : kx < ky;
    if (c == 0)
        c = strcmp(x->name, y->name);
    if (c == 0 && x->host && y->host)
        c = strcmp(x->host, y->host);
    return o->reverse ? -c : c;
}

const struct sample_dom **sample_order(const struct sample *s, enum sample_order by, bool reverse)
{
    const struct sample_dom **v = xcalloc(s->n + 1, sizeof(*v));
    for (size_t i = 0; i < s->n; i++)
        v[i] = &s->doms[i];
    struct order o = { by, reverse };
    qsort_r(v, s->n, sizeof(*v), order_cmp, &o);
    return v;
}
