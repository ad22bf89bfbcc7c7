/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "virt/domcache.h"

#include <libvirt/virterror.h>
#include <stdatomic.h>
#include <string.h>

#include "core/util.h"

#define DOMCACHE_MAX 256

struct entry {
    char *ident;
    virDomainPtr dom;
};

/* What one domain's definition says; NULL / -1 until asked. */
struct facts {
    unsigned char uuid[VIR_UUID_BUFLEN];
    char *os_type;
    int persistent;
};

struct domcache {
    virConnectPtr conn;
    int callback;
    atomic_uint generation;  /* bumped by events (event loop thread) */
    unsigned int seen;       /* the generation the entries belong to */
    struct entry e[DOMCACHE_MAX];
    size_t n;
    struct facts f[DOMCACHE_MAX];
    size_t nf;
};

static void on_lifecycle(virConnectPtr conn, virDomainPtr dom, int event, int detail, void *opaque)
{
    struct domcache *c = opaque;
    (void)conn, (void)dom, (void)event, (void)detail;
    atomic_fetch_add(&c->generation, 1);
}

struct domcache *domcache_new(virConnectPtr conn)
{
    struct domcache *c = xcalloc(1, sizeof(*c));
    c->conn = conn;
    c->callback = virConnectDomainEventRegisterAny(conn, NULL, VIR_DOMAIN_EVENT_ID_LIFECYCLE,
                                                   VIR_DOMAIN_EVENT_CALLBACK(on_lifecycle), c, NULL);
    if (c->callback < 0) {
        virResetLastError();
        free(c);
        return NULL;
    }
    return c;
}

void domcache_clear(struct domcache *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->n; i++) {
        free(c->e[i].ident);
        virDomainFree(c->e[i].dom);
    }
    c->n = 0;
    for (size_t i = 0; i < c->nf; i++)
        free(c->f[i].os_type);
    c->nf = 0;
}

void domcache_free(struct domcache *c)
{
    if (!c)
        return;
    virConnectDomainEventDeregisterAny(c->conn, c->callback);
    virResetLastError();
    domcache_clear(c);
    free(c);
}

/* Drop the entries if an event arrived since they were stored. */
static void refresh(struct domcache *c)
{
    unsigned int g = atomic_load(&c->generation);
    if (g != c->seen) {
        domcache_clear(c);
        c->seen = g;
    }
}

virDomainPtr domcache_get(struct domcache *c, const char *ident)
{
    if (!c)
        return NULL;
    refresh(c);
    for (size_t i = 0; i < c->n; i++) {
        if (str_eq(c->e[i].ident, ident)) {
            virDomainRef(c->e[i].dom);
            return c->e[i].dom;
        }
    }
    return NULL;
}

void domcache_put(struct domcache *c, const char *ident, virDomainPtr dom)
{
    if (!c)
        return;
    refresh(c);
    if (c->n == DOMCACHE_MAX)
        domcache_clear(c);
    virDomainRef(dom);
    c->e[c->n].ident = xstrdup(ident);
    c->e[c->n].dom = dom;
    c->n++;
}

/* The facts slot of `dom` (made if new), or NULL without a cache. */
static struct facts *facts_of(struct domcache *c, virDomainPtr dom)
{
    unsigned char uuid[VIR_UUID_BUFLEN];
    if (!c || virDomainGetUUID(dom, uuid) < 0)
        return NULL;
    refresh(c);
    for (size_t i = 0; i < c->nf; i++) {
        if (memcmp(c->f[i].uuid, uuid, sizeof(uuid)) == 0)
            return &c->f[i];
    }
    if (c->nf == DOMCACHE_MAX)
        domcache_clear(c);
    struct facts *f = &c->f[c->nf++];
    memcpy(f->uuid, uuid, sizeof(uuid));
    f->os_type = NULL;
    f->persistent = -1;
    return f;
}

char *domcache_os_type(struct domcache *c, virDomainPtr dom)
{
    struct facts *f = facts_of(c, dom);
    if (f && f->os_type)
        return xstrdup(f->os_type);
    char *os_type = virDomainGetOSType(dom);
    if (f && os_type)
        f->os_type = xstrdup(os_type);
    return os_type;
}

int domcache_persistent(struct domcache *c, virDomainPtr dom)
{
    struct facts *f = facts_of(c, dom);
    if (f && f->persistent >= 0)
        return f->persistent;
    int persistent = virDomainIsPersistent(dom);
    if (f && persistent >= 0)
        f->persistent = persistent;
    return persistent;
}
