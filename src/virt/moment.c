/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "virt/moment.h"

#include <libvirt/virterror.h>
#include <pthread.h>
#include <stdatomic.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "core/util.h"
#include "core/xml.h"
#include "virt/conn.h"
#include "virt/err.h"

/* ---- the two families ------------------------------------------------- */

static int snap_list_all(virDomainPtr d, void ***ret, unsigned int flags)
{
    return virDomainListAllSnapshots(d, (virDomainSnapshotPtr **)ret, flags);
}

static int snap_list_children(void *m, void ***ret, unsigned int flags)
{
    return virDomainSnapshotListAllChildren(m, (virDomainSnapshotPtr **)ret, flags);
}

static void *snap_lookup(virDomainPtr d, const char *name)
{
    return virDomainSnapshotLookupByName(d, name, 0);
}

static void *snap_current(virDomainPtr d)
{
    return virDomainSnapshotCurrent(d, 0);
}

static void *snap_parent(void *m)
{
    return virDomainSnapshotGetParent(m, 0);
}

static const char *snap_name(void *m)
{
    return virDomainSnapshotGetName(m);
}

static char *snap_xml(void *m, unsigned int flags)
{
    return virDomainSnapshotGetXMLDesc(m, flags);
}

static void snap_free(void *m)
{
    virDomainSnapshotFree(m);
}

static void snap_ref(void *m)
{
    virDomainSnapshotRef(m);
}

const struct moment_kind moment_snapshot = {
    .noun = "snapshot", .root = "domainsnapshot", .not_found = VIR_ERR_NO_DOMAIN_SNAPSHOT,
    .list_xml = 0, .list_all = snap_list_all, .list_children = snap_list_children,
    .lookup = snap_lookup, .current = snap_current, .parent = snap_parent, .name = snap_name,
    .xml = snap_xml, .free = snap_free, .ref = snap_ref,
};

static int cp_list_all(virDomainPtr d, void ***ret, unsigned int flags)
{
    return virDomainListAllCheckpoints(d, (virDomainCheckpointPtr **)ret, flags);
}

static int cp_list_children(void *m, void ***ret, unsigned int flags)
{
    return virDomainCheckpointListAllChildren(m, (virDomainCheckpointPtr **)ret, flags);
}

static void *cp_lookup(virDomainPtr d, const char *name)
{
    return virDomainCheckpointLookupByName(d, name, 0);
}

static void *cp_parent(void *m)
{
    return virDomainCheckpointGetParent(m, 0);
}

static const char *cp_name(void *m)
{
    return virDomainCheckpointGetName(m);
}

static char *cp_xml(void *m, unsigned int flags)
{
    return virDomainCheckpointGetXMLDesc(m, flags);
}

static void cp_free(void *m)
{
    virDomainCheckpointFree(m);
}

static void cp_ref(void *m)
{
    virDomainCheckpointRef(m);
}

const struct moment_kind moment_checkpoint = {
    .noun = "checkpoint", .root = "domaincheckpoint", .not_found = VIR_ERR_NO_DOMAIN_CHECKPOINT,
    .list_xml = VIR_DOMAIN_CHECKPOINT_XML_NO_DOMAIN, .list_all = cp_list_all,
    .list_children = cp_list_children, .lookup = cp_lookup, .current = NULL,
    .parent = cp_parent, .name = cp_name, .xml = cp_xml, .free = cp_free, .ref = cp_ref,
};

/* ---- lookups ----------------------------------------------------------- */

void *moment_lookup(struct shell *sh, const struct moment_kind *k, virDomainPtr d, const char *name,
                    bool current)
{
    const char *dname = virDomainGetName(d);
    void *m = name ? k->lookup(d, name) : k->current(d);
    if (m)
        return m;
    if (virGetLastErrorCode() != k->not_found) {
        if (name)
            err_libvirt(sh, "cannot find %s '%s' of domain '%s'", k->noun, name, dname);
        else
            err_libvirt(sh, "cannot find the current %s of domain '%s'", k->noun, dname);
        return NULL;
    }
    virResetLastError();
    if (name)
        error(sh, "%s '%s' of domain '%s' not found", k->noun, name, dname);
    else
        error(sh, "domain '%s' has no current %s", dname, k->noun);
    return NULL;
}

void *moment_find(struct shell *sh, const struct moment_kind *k, const char *domain,
                  const char *name, bool current, virDomainPtr *ret_dom)
{
    *ret_dom = conn_lookup_domain(sh, domain);
    return *ret_dom ? moment_lookup(sh, k, *ret_dom, name, current) : NULL;
}

int moment_parent_name(const struct moment_kind *k, void *m, char **ret)
{
    *ret = NULL;
    void *p = k->parent(m);
    if (p) {
        *ret = xstrdup(k->name(p));
        k->free(p);
        return 0;
    }
    if (virGetLastErrorCode() == k->not_found) {
        virResetLastError(); /* no parent: a root */
        return 0;
    }
    return -1;
}

/* ---- XML --------------------------------------------------------------- */

static char *prop(xmlNodePtr n, const char *name)
{
    xmlChar *v = xmlGetProp(n, BAD_CAST name);
    char *s = v ? xstrdup((const char *)v) : NULL;
    xmlFree(v);
    return s;
}

static xmlNodePtr child(xmlNodePtr n, const char *name)
{
    for (xmlNodePtr c = n ? n->children : NULL; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE && str_eq((const char *)c->name, name))
            return c;
    return NULL;
}

static char *child_text(xmlNodePtr n, const char *name)
{
    xmlNodePtr c = child(n, name);
    if (!c)
        return NULL;
    xmlChar *v = xmlNodeGetContent(c);
    char *s = xstrdup(v ? (const char *)v : "");
    xmlFree(v);
    return s;
}

static void parse_disk(xmlNodePtr n, struct moment_disk *d)
{
    d->name = prop(n, "name");
    d->snapshot = prop(n, "snapshot");
    d->checkpoint = prop(n, "checkpoint");
    d->bitmap = prop(n, "bitmap");
    d->type = prop(n, "type");
    xmlNodePtr src = child(n, "source"), drv = child(n, "driver");
    if (src) {
        d->source = prop(src, "file");
        if (!d->source)
            d->source = prop(src, "dev");
    }
    if (drv)
        d->driver = prop(drv, "type");
}

/* An element and what is under it, as its own document, named `as`. */
static char *element_document(xmlDocPtr doc, xmlNodePtr n, const char *as)
{
    _cleanup_(xml_doc_freep) xmlDocPtr out = xmlNewDoc(BAD_CAST "1.0");
    xmlNodePtr copy = xmlDocCopyNode(n, out, 1);
    xmlNodeSetName(copy, BAD_CAST as);
    xmlDocSetRootElement(out, copy);
    (void)doc;
    return xml_node_text(out, copy);
}

int moment_info_parse(const char *xml, unsigned int flags, struct moment_info *ret, char *err,
                      size_t errlen)
{
    *ret = (struct moment_info){ .creation_time = -1 };
    _cleanup_(xml_doc_freep) xmlDocPtr doc = xml_parse(xml, strlen(xml), err, errlen);
    if (!doc)
        return -1;
    xmlNodePtr root = xmlDocGetRootElement(doc);
    ret->name = child_text(root, "name");
    ret->description = child_text(root, "description");
    ret->state = child_text(root, "state");
    ret->parent = child_text(child(root, "parent"), "name");
    _cleanup_free_ char *t = child_text(root, "creationTime");
    long long v;
    if (t && parse_ll(t, 0, INT64_MAX, &v) == 0)
        ret->creation_time = v;
    xmlNodePtr mem = child(root, "memory");
    if (mem) {
        ret->memory = prop(mem, "snapshot");
        ret->memory_file = prop(mem, "file");
    }
    xmlNodePtr disks = child(root, "disks");
    for (xmlNodePtr c = disks ? disks->children : NULL; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE && str_eq((const char *)c->name, "disk"))
            ret->ndisks++;
    ret->disks = xcalloc(ret->ndisks + 1, sizeof(*ret->disks));
    size_t i = 0;
    for (xmlNodePtr c = disks ? disks->children : NULL; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE && str_eq((const char *)c->name, "disk"))
            parse_disk(c, &ret->disks[i++]);
    if (flags & MOMENT_DOMAIN) {
        xmlNodePtr dom = child(root, "domain"), inact = child(root, "inactiveDomain");
        if (dom)
            ret->domain_xml = element_document(doc, dom, "domain");
        if (inact)
            ret->inactive_domain_xml = element_document(doc, inact, "domain");
    }
    return 0;
}

void moment_info_clear(struct moment_info *i)
{
    free(i->name);
    free(i->description);
    free(i->state);
    free(i->parent);
    free(i->memory);
    free(i->memory_file);
    for (size_t d = 0; d < i->ndisks; d++) {
        struct moment_disk *x = &i->disks[d];
        free(x->name);
        free(x->snapshot);
        free(x->checkpoint);
        free(x->bitmap);
        free(x->type);
        free(x->source);
        free(x->driver);
    }
    free(i->disks);
    free(i->domain_xml);
    free(i->inactive_domain_xml);
    *i = (struct moment_info){ .creation_time = -1 };
}

bool moment_info_external(const struct moment_info *i)
{
    if (!i->memory)
        return str_eq(i->state, "disk-snapshot");
    if (str_eq(i->memory, "external"))
        return true;
    for (size_t d = 0; d < i->ndisks; d++)
        if (str_eq(i->disks[d].snapshot, "external"))
            return true;
    return false;
}

void moment_time_text(long long t, char *buf, size_t len)
{
    time_t tt = (time_t)t;
    struct tm tm;
    if (t < 0 || !localtime_r(&tt, &tm) || !strftime(buf, len, "%Y-%m-%d %H:%M:%S %z", &tm))
        snprintf(buf, len, "-");
}

/* ---- listings ---------------------------------------------------------- */

static int entry_cmp(const void *a, const void *b)
{
    const struct moment_entry *x = a, *y = b;
    return strcasecmp(x->name, y->name);
}

int moment_list_collect(struct shell *sh, const struct moment_kind *k, virDomainPtr d, void *from,
                        unsigned int flags, bool with_from, bool keep_order,
                        struct moment_list *ret)
{
    void **items = NULL;
    *ret = (struct moment_list){ .k = k };
    int n = from ? k->list_children(from, &items, flags) : k->list_all(d, &items, flags);
    if (n < 0) {
        err_libvirt(sh, "cannot list the %ss of domain '%s'", k->noun, virDomainGetName(d));
        return -1;
    }
    size_t first = with_from && from ? 1 : 0;
    ret->e = xcalloc((size_t)n + first + 1, sizeof(*ret->e));
    for (int i = 0; i < n; i++) {
        ret->e[i].m = items[i];
        ret->e[i].name = k->name(items[i]);
        ret->e[i].info.creation_time = -1;
    }
    if (first) {
        k->ref(from);
        ret->e[n].m = from;
        ret->e[n].name = k->name(from);
        ret->e[n].info.creation_time = -1;
        ret->e[n].root = true;
    }
    free(items);
    ret->n = first + (size_t)n;
    if (!keep_order)
        qsort(ret->e, ret->n, sizeof(*ret->e), entry_cmp);
    return 0;
}

/* ---- fetching what each entry says, several calls in flight -------------- */

/* libvirt's client sends calls from several threads over one connection
 * without waiting for each reply; the daemon serves up to 5 of a client's
 * calls at once (max_client_requests).  More threads than CPUs only wait
 * for each other (contrib/bench-snapshot.sh, 2 CPUs: 4 threads 20% slower
 * than 2). */
#define FETCH_THREADS 4

static size_t fetch_threads(void)
{
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    return cpus < 1 ? 1 : cpus < FETCH_THREADS ? (size_t)cpus : FETCH_THREADS;
}

struct fetch {
    struct moment_list *l;
    bool xml;
    atomic_size_t next;
    atomic_int failed;
    virErrorPtr err;       /* the first failure's libvirt error */
    pthread_mutex_t lock;
    char why[400];         /* the first XML that would not parse */
};

static int fetch_one(struct fetch *f, struct moment_entry *e)
{
    const struct moment_kind *k = f->l->k;
    if (!f->xml)
        return e->root ? 0 : moment_parent_name(k, e->m, &e->parent);
    _cleanup_free_ char *xml = k->xml(e->m, k->list_xml);
    if (!xml)
        return -1;
    char why[200];
    if (moment_info_parse(xml, 0, &e->info, why, sizeof(why)) < 0) {
        pthread_mutex_lock(&f->lock);
        if (!f->why[0])
            snprintf(f->why, sizeof(f->why), "%s '%s': %s", k->noun, e->name, why);
        pthread_mutex_unlock(&f->lock);
        atomic_store(&f->failed, 1);
        return 0;
    }
    if (!e->root && e->info.parent)
        e->parent = xstrdup(e->info.parent);
    return 0;
}

static void *fetch_thread(void *opaque)
{
    struct fetch *f = opaque;
    for (;;) {
        size_t i = atomic_fetch_add(&f->next, 1);
        if (i >= f->l->n || atomic_load(&f->failed))
            return NULL;
        if (fetch_one(f, &f->l->e[i]) < 0) {
            pthread_mutex_lock(&f->lock);
            if (!f->err)
                f->err = virSaveLastError();
            pthread_mutex_unlock(&f->lock);
            atomic_store(&f->failed, 1);
        }
    }
}

int moment_list_fetch(struct shell *sh, struct moment_list *l, bool xml)
{
    struct fetch f = { .l = l, .xml = xml };
    pthread_t th[FETCH_THREADS];
    size_t started = 0;
    atomic_init(&f.next, 0);
    atomic_init(&f.failed, 0);
    pthread_mutex_init(&f.lock, NULL);
    size_t threads = fetch_threads();
    size_t want = l->n < threads ? l->n : threads;
    for (; started + 1 < want; started++)
        if (pthread_create(&th[started], NULL, fetch_thread, &f) != 0)
            break;
    fetch_thread(&f); /* this thread is one of them */
    for (size_t i = 0; i < started; i++)
        pthread_join(th[i], NULL);
    pthread_mutex_destroy(&f.lock);
    if (f.err) {
        err_libvirt_saved(sh, f.err, "cannot read the %ss", l->k->noun);
        virFreeError(f.err);
        return -1;
    }
    if (atomic_load(&f.failed)) {
        error(sh, "cannot read %s", f.why);
        return -1;
    }
    return 0;
}

long moment_list_find(const struct moment_list *l, const char *name)
{
    for (size_t i = 0; i < l->n; i++)
        if (str_eq(l->e[i].name, name))
            return (long)i;
    return -1;
}

void moment_list_free(struct moment_list *l)
{
    for (size_t i = 0; i < l->n; i++) {
        if (l->e[i].m)
            l->k->free(l->e[i].m);
        free(l->e[i].parent);
        moment_info_clear(&l->e[i].info);
    }
    free(l->e);
    *l = (struct moment_list){ .k = l->k };
}
