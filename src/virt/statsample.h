/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * virt/statsample.h - what `top` shows, from ONE virConnectGetAllDomainStats
 * call per sample whatever the number of domains: each domain's state,
 * memory, vCPUs and counters (CPU time, disk and network bytes), and their
 * rates against the previous sample.
 */
#pragma once

#include <libvirt/libvirt.h>
#include <stdbool.h>
#include <stddef.h>

/* One domain in a sample.  -1 (or < 0 for rates) where unknown: a domain
 * that does not run, a driver that does not report it, no previous sample. */
struct sample_dom {
    char *name;
    const char *host;          /* several hosts: the one it is on (not owned); else NULL */
    unsigned char uuid[VIR_UUID_BUFLEN];
    char uuid_str[VIR_UUID_STRING_BUFLEN];
    long long id;
    int state;                 /* virDomainState */
    long long vcpus;
    long long balloon_kib;     /* the memory the guest has now */
    long long max_kib;         /* the most it may have */
    long long rss_kib;         /* resident on the host */
    long long used_kib;        /* in use, as the guest reports it (balloon driver) */
    long long cpu_ns, rd_bytes, wr_bytes, rx_bytes, tx_bytes; /* counters */
    double cpu_pct;            /* % of one host CPU */
    double rd_bps, wr_bps, rx_bps, tx_bps;
};

struct sample {
    struct sample_dom *doms;   /* sorted by UUID */
    size_t n;
    double mono_ms;            /* when it was taken (monotonic) */
    double wall_s;             /* the same, as Unix time */
    double interval_s;         /* since the previous sample; < 0 without one */
};

/* The stats groups a sample asks for. */
#define SAMPLE_STATS (VIR_DOMAIN_STATS_STATE | VIR_DOMAIN_STATS_CPU_TOTAL | \
                      VIR_DOMAIN_STATS_BALLOON | VIR_DOMAIN_STATS_VCPU | \
                      VIR_DOMAIN_STATS_INTERFACE | VIR_DOMAIN_STATS_BLOCK)

/* Take a sample of every domain in one call (groups the driver does not
 * have are left out, and a busy domain does not make it wait), with rates
 * against `prev` (NULL: none).  0, or -1 with libvirt's error set and
 * *out untouched. */
int sample_take(virConnectPtr c, const struct sample *prev, struct sample *out);
void sample_clear(struct sample *s);
/* A UUID as text, as virDomainGetUUIDString writes it but without a library
 * call (which formats a debug message each time: a thousand domains, a
 * thousand messages). */
void sample_uuid_text(const unsigned char u[VIR_UUID_BUFLEN], char out[VIR_UUID_STRING_BUFLEN]);
/* The rates of s (its domains sorted by UUID) against prev, and its
 * interval_s, from the two samples' counters and mono_ms. */
void sample_rates(struct sample *s, const struct sample *prev);

enum sample_order {
    SAMPLE_BY_CPU,
    SAMPLE_BY_MEM,
    SAMPLE_BY_DISK,
    SAMPLE_BY_NET,
    SAMPLE_BY_NAME,
};

/* Memory a domain uses, as top shows it: what the guest reports, else
 * what it has resident on the host; -1 when neither is known. */
long long sample_mem_kib(const struct sample_dom *d);

/* The domains of s in display order (a new array of pointers into s):
 * busiest first (unknown values last), by name; reversed with `reverse`. */
const struct sample_dom **sample_order(const struct sample *s, enum sample_order by, bool reverse);
