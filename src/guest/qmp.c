/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* guest/qmp.c - QMP through libvirt, and the per-domain schema cache (see guest/qmp.h). */
#include "guest/qmp.h"

#include <libvirt/libvirt-qemu.h>
#include <libvirt/virterror.h>
#include <string.h>
#include <unistd.h>

#include "core/out.h"
#include "core/util.h"
#include "virt/conn.h"
#include "virt/err.h"

/* Schemas kept at most: each is a few hundred KiB of parsed JSON. */
#define QMP_CACHE_MAX 8

struct qmp_cache_entry {
    char *key; /* "URI UUID ID" */
    struct qmp_schema *schema;
    struct qmp_cache_entry *next;
};

struct qmp_cache {
    struct qmp_cache_entry *head; /* most recently used first */
};

static void qmp_cache_free(void *opaque)
{
    struct qmp_cache *c = opaque;
    if (!c)
        return;
    while (c->head) {
        struct qmp_cache_entry *e = c->head;
        c->head = e->next;
        qmp_schema_free(e->schema);
        free(e->key);
        free(e);
    }
    free(c);
}

static char *domain_key(struct shell *sh, virDomainPtr dom)
{
    char uuid[VIR_UUID_STRING_BUFLEN];
    virDomainGetUUIDString(dom, uuid);
    return xasprintf("%s %s %u", sh->uri ? sh->uri : "", uuid, virDomainGetID(dom));
}

int qmp_send(struct shell *sh, virDomainPtr dom, const char *text, bool hmp, int *fds, unsigned nfds,
             char **ret_reply)
{
    char *reply = NULL;
    const char *name = virDomainGetName(dom); /* before the call: every API call resets the last error */
    unsigned flags = hmp ? VIR_DOMAIN_QEMU_MONITOR_COMMAND_HMP : 0;
    int rc;
    if (nfds) {
        unsigned nout = 0;
        int *out = NULL;
        rc = virDomainQemuMonitorCommandWithFiles(dom, text, nfds, fds, &nout, &out, &reply, flags);
        for (unsigned i = 0; i < nout; i++) /* none expected: QEMU hands none back */
            close(out[i]);
        free(out);
    } else {
        rc = virDomainQemuMonitorCommand(dom, text, &reply, flags);
    }
    if (rc < 0)
        return err_libvirt(sh, "cannot run a monitor command on domain '%s'", name);
    *ret_reply = reply ? reply : xstrdup("");
    return CMD_OK;
}

static struct qmp_schema *fetch_schema(struct shell *sh, virDomainPtr dom)
{
    _cleanup_free_ char *reply = NULL;
    if (qmp_send(sh, dom, "{\"execute\":\"query-qmp-schema\"}", false, NULL, 0, &reply) != CMD_OK)
        return NULL;
    _cleanup_json_ struct json_object *o = json_tokener_parse(reply);
    struct json_object *ret;
    if (!o || !json_object_object_get_ex(o, "return", &ret)) {
        error(sh, "cannot read the QMP schema of domain '%s': query-qmp-schema gave no result",
              virDomainGetName(dom));
        return NULL;
    }
    char err[256];
    struct qmp_schema *s = qmp_schema_new(ret, err, sizeof(err));
    if (!s)
        error(sh, "cannot read the QMP schema of domain '%s': %s", virDomainGetName(dom), err);
    return s;
}

const struct qmp_schema *qmp_schema_get(struct shell *sh, virDomainPtr dom)
{
    if (!sh->qmp_cache.data)
        sh->qmp_cache = (struct shell_cache){ xcalloc(1, sizeof(struct qmp_cache)), qmp_cache_free };
    struct qmp_cache *c = sh->qmp_cache.data;
    _cleanup_free_ char *key = domain_key(sh, dom);
    struct qmp_cache_entry **pp = &c->head, *e;
    size_t n = 0;
    for (; (e = *pp); pp = &e->next, n++) {
        if (str_eq(e->key, key)) {
            *pp = e->next; /* move to the front */
            e->next = c->head;
            c->head = e;
            return e->schema;
        }
    }
    struct qmp_schema *s = fetch_schema(sh, dom);
    if (!s)
        return NULL;
    if (n >= QMP_CACHE_MAX) { /* drop the least recently used */
        for (pp = &c->head; (*pp)->next; pp = &(*pp)->next)
            ;
        qmp_schema_free((*pp)->schema);
        free((*pp)->key);
        free(*pp);
        *pp = NULL;
    }
    e = xcalloc(1, sizeof(*e));
    e->key = TAKE_PTR(key);
    e->schema = s;
    e->next = c->head;
    c->head = e;
    return s;
}

/* The schema of a domain named on a half-typed line, quietly. */
static const struct qmp_schema *quiet_schema(struct shell *sh, const char *domain)
{
    if (!domain || !conn_get(sh)) {
        err_clear(sh);
        return NULL;
    }
    _cleanup_domain_ virDomainPtr dom = conn_lookup_domain(sh, domain);
    const struct qmp_schema *s = dom && virDomainIsActive(dom) == 1 ? qmp_schema_get(sh, dom) : NULL;
    err_clear(sh);
    virResetLastError();
    return s;
}

char **qmp_command_names(struct shell *sh, const char *domain)
{
    const struct qmp_schema *s = quiet_schema(sh, domain);
    return s ? qmp_schema_names(s, "command") : NULL;
}

char **qmp_argument_words(struct shell *sh, const char *domain, const char *command)
{
    const struct qmp_schema *s = quiet_schema(sh, domain);
    return s ? qmp_schema_argument_words(s, command) : NULL;
}
