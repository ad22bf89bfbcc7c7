/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "virt/domstorage.h"

#include <libvirt/virterror.h>
#include <libxml/xpath.h>
#include <string.h>

#include "core/util.h"
#include "core/xml.h"

/* The value of an attribute of the disk's first child named `child`. */
static char *child_attr(xmlNodePtr disk, const char *child, const char *attr)
{
    for (xmlNodePtr c = disk->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE || !xmlStrEqual(c->name, BAD_CAST child))
            continue;
        xmlChar *v = xmlGetProp(c, BAD_CAST attr);
        char *s = v ? xstrdup((const char *)v) : NULL;
        xmlFree(v);
        return s;
    }
    return NULL;
}

static bool has_child(xmlNodePtr disk, const char *child)
{
    for (xmlNodePtr c = disk->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE && xmlStrEqual(c->name, BAD_CAST child))
            return true;
    return false;
}

/* virsh's order of the attributes that name a disk's source. */
static const char *const source_attrs[] = { "file", "dev", "dir", "name", "volume" };

static void read_disk(xmlNodePtr n, struct dom_disk *d)
{
    xmlChar *v;
    d->node = n;
    d->target = child_attr(n, "target", "dev");
    d->format = child_attr(n, "driver", "type");
    d->pool = child_attr(n, "source", "pool");
    for (size_t i = 0; i < ARRAY_SIZE(source_attrs) && !d->source; i++)
        d->source = child_attr(n, "source", source_attrs[i]);
    v = xmlGetProp(n, BAD_CAST "type");
    d->type = xstrdup(v ? (const char *)v : "file");
    xmlFree(v);
    v = xmlGetProp(n, BAD_CAST "device");
    d->device = xstrdup(v ? (const char *)v : "disk");
    xmlFree(v);
    d->readonly = has_child(n, "readonly");
    d->shareable = has_child(n, "shareable");
}

size_t domstorage_disks(xmlDocPtr doc, struct dom_disk **ret)
{
    char err[256];
    *ret = NULL;
    xmlXPathObjectPtr r = xml_xpath(doc, NULL, "/domain/devices/disk", err, sizeof(err));
    size_t n = r && r->nodesetval ? (size_t)r->nodesetval->nodeNr : 0;
    if (n) {
        *ret = xcalloc(n, sizeof(**ret));
        for (size_t i = 0; i < n; i++)
            read_disk(r->nodesetval->nodeTab[i], &(*ret)[i]);
    }
    xmlXPathFreeObject(r);
    return n;
}

void domstorage_free(struct dom_disk *d, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(d[i].target);
        free(d[i].device);
        free(d[i].type);
        free(d[i].source);
        free(d[i].pool);
        free(d[i].format);
    }
    free(d);
}

virStorageVolPtr domstorage_volume(virConnectPtr conn, const struct dom_disk *disk)
{
    virStorageVolPtr v = NULL;
    if (!disk->source)
        return NULL;
    if (disk->pool) {
        virStoragePoolPtr p = virStoragePoolLookupByName(conn, disk->pool);
        if (p) {
            v = virStorageVolLookupByName(p, disk->source);
            virStoragePoolFree(p);
        }
    } else if (str_eq(disk->type, "file") || str_eq(disk->type, "block")) {
        v = virStorageVolLookupByPath(conn, disk->source);
    }
    virResetLastError();
    return v;
}

void domstorage_set_source(struct dom_disk *disk, const char *value)
{
    for (xmlNodePtr c = disk->node->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE || !xmlStrEqual(c->name, BAD_CAST "source"))
            continue;
        for (size_t i = 0; i < ARRAY_SIZE(source_attrs); i++)
            if (xmlHasProp(c, BAD_CAST source_attrs[i]))
                xmlSetProp(c, BAD_CAST source_attrs[i], BAD_CAST value);
        return;
    }
}
