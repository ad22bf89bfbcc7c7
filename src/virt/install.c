/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "virt/install.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "core/util.h"
#include "core/xml.h"
#include "virt/domxml.h"

/* A target name like "hdc"/"sdc" that no disk of the domain uses yet. */
static char *free_target(xmlDocPtr doc, const char *prefix)
{
    for (char c = 'a'; c <= 'z'; c++) {
        _cleanup_free_ char *xp = xasprintf("devices/disk/target[@dev='%s%c']", prefix, c);
        if (!domxml_exists(doc, xp))
            return xasprintf("%s%c", prefix, c);
    }
    return NULL;
}

/* Only one way of saying the boot order: drop per-device <boot order=..>. */
static void set_boot_dev(xmlDocPtr doc, const char *dev)
{
    domxml_remove(doc, "devices/*/boot");
    domxml_remove(doc, "os/boot");
    xmlNodePtr os = domxml_ensure(doc, "os");
    xmlNodePtr b = xmlNewChild(os, NULL, BAD_CAST "boot", NULL);
    xmlNewProp(b, BAD_CAST "dev", BAD_CAST dev);
}

static int derive_install(xmlDocPtr doc, const struct install_opts *o, char *err, size_t errlen)
{
    if (o->cdrom) {
        _cleanup_free_ char *machine = domxml_get(doc, "os/type/@machine");
        bool q35 = machine && strstr(machine, "q35");
        _cleanup_free_ char *dev = free_target(doc, q35 ? "sd" : "hd");
        if (!dev)
            return errbuf(err, errlen, "no free disk target for the CD-ROM");
        xmlNodePtr devices = domxml_ensure(doc, "devices");
        xmlNodePtr disk = xmlNewChild(devices, NULL, BAD_CAST "disk", NULL);
        xmlNewProp(disk, BAD_CAST "type", BAD_CAST "file");
        xmlNewProp(disk, BAD_CAST "device", BAD_CAST "cdrom");
        xmlNodePtr drv = xmlNewChild(disk, NULL, BAD_CAST "driver", NULL);
        xmlNewProp(drv, BAD_CAST "name", BAD_CAST "qemu");
        xmlNewProp(drv, BAD_CAST "type", BAD_CAST "raw");
        xmlNodePtr src = xmlNewChild(disk, NULL, BAD_CAST "source", NULL);
        xmlNewProp(src, BAD_CAST "file", BAD_CAST o->cdrom);
        xmlNodePtr tgt = xmlNewChild(disk, NULL, BAD_CAST "target", NULL);
        xmlNewProp(tgt, BAD_CAST "dev", BAD_CAST dev);
        xmlNewProp(tgt, BAD_CAST "bus", BAD_CAST(q35 ? "sata" : "ide"));
        xmlNewChild(disk, NULL, BAD_CAST "readonly", NULL);
        if (!o->boot && !o->kernel)
            set_boot_dev(doc, "cdrom");
    }
    if (o->kernel) {
        domxml_set_text(doc, "os/kernel", o->kernel);
        if (o->initrd)
            domxml_set_text(doc, "os/initrd", o->initrd);
        else
            domxml_remove(doc, "os/initrd");
        if (o->cmdline)
            domxml_set_text(doc, "os/cmdline", o->cmdline);
        else
            domxml_remove(doc, "os/cmdline");
    }
    if (o->boot) {
        static const char *const devs[] = { "hd", "cdrom", "network", "fd" };
        bool ok = false;
        for (size_t i = 0; i < ARRAY_SIZE(devs); i++)
            ok |= str_eq(devs[i], o->boot);
        if (!ok)
            return errbuf(err, errlen, "invalid boot device '%s': expected hd, cdrom, network or fd",
                        o->boot);
        set_boot_dev(doc, o->boot);
    }
    return 0;
}

int install_prepare(const struct install_opts *o, struct install_plan *ret, char *err, size_t errlen)
{
    char why[300];
    _cleanup_(xml_doc_freep) xmlDocPtr fin = NULL;
    _cleanup_(xml_doc_freep) xmlDocPtr ins = NULL;

    *ret = (struct install_plan){ 0 };
    fin = domxml_parse(o->final_xml, why, sizeof(why));
    if (!fin)
        return errbuf(err, errlen, "final config: %s", why);
    ins = domxml_parse(o->install_xml ? o->install_xml : o->final_xml, why, sizeof(why));
    if (!ins)
        return errbuf(err, errlen, "install config: %s", why);

    _cleanup_free_ char *fname = domxml_get(fin, "name");
    _cleanup_free_ char *iname = domxml_get(ins, "name");
    if (!fname || !*fname)
        return errbuf(err, errlen, "final config has no <name>");
    if (!iname || !str_eq(fname, iname))
        return errbuf(err, errlen, "the install config is named '%s' but the final config '%s': "
                    "they must be the same domain", iname ? iname : "", fname);

    _cleanup_free_ char *fuuid = domxml_get(fin, "uuid");
    _cleanup_free_ char *iuuid = domxml_get(ins, "uuid");
    if (fuuid && iuuid && strcasecmp(fuuid, iuuid) != 0)
        return errbuf(err, errlen, "the install config has UUID %s but the final config %s: "
                    "they must be the same domain", iuuid, fuuid);
    char uuid[37];
    if (fuuid)
        snprintf(uuid, sizeof(uuid), "%s", fuuid);
    else if (iuuid)
        snprintf(uuid, sizeof(uuid), "%s", iuuid);
    else {
        domxml_new_uuid(uuid);
        ret->uuid_generated = 1;
    }
    domxml_set_text(fin, "uuid", uuid);
    domxml_set_text(ins, "uuid", uuid);

    if (!o->install_xml && derive_install(ins, o, err, errlen) < 0)
        return -1;
    /* The installer runs once: a reboot at its end must stop the domain, so
     * the next start boots the final config. */
    domxml_set_text(ins, "on_reboot", "destroy");

    ret->name = TAKE_PTR(fname);
    ret->uuid = xstrdup(uuid);
    ret->install_xml = domxml_format(ins);
    ret->final_xml = domxml_format(fin);
    return 0;
}

void install_plan_free(struct install_plan *p)
{
    free(p->name);
    free(p->uuid);
    free(p->install_xml);
    free(p->final_xml);
    *p = (struct install_plan){ 0 };
}

int install_adopt_identity(const char *xml, const char *name, const char *uuid, char **ret_xml,
                           char *err, size_t errlen)
{
    char why[300];
    _cleanup_(xml_doc_freep) xmlDocPtr doc = domxml_parse(xml, why, sizeof(why));
    if (!doc)
        return errbuf(err, errlen, "%s", why);
    _cleanup_free_ char *n = domxml_get(doc, "name");
    if (!n || !str_eq(n, name))
        return errbuf(err, errlen, "the config is named '%s', not '%s'", n ? n : "", name);
    _cleanup_free_ char *u = domxml_get(doc, "uuid");
    if (u && strcasecmp(u, uuid) != 0)
        return errbuf(err, errlen, "the config has UUID %s, but domain '%s' has %s", u, name, uuid);
    domxml_set_text(doc, "uuid", uuid);
    *ret_xml = domxml_format(doc);
    return 0;
}

/* `xml` with its <uuid> set to `uuid` (caller frees), or NULL. */
static char *with_uuid(const char *xml, const char *uuid)
{
    char why[300];
    _cleanup_(xml_doc_freep) xmlDocPtr doc = domxml_parse(xml, why, sizeof(why));
    if (!doc)
        return NULL;
    domxml_set_text(doc, "uuid", uuid);
    return domxml_format(doc);
}

int install_plan_set_uuid(struct install_plan *p, const char *uuid)
{
    char *inst = with_uuid(p->install_xml, uuid);
    char *final = inst ? with_uuid(p->final_xml, uuid) : NULL;
    if (!final) {
        free(inst);
        return -1;
    }
    free(p->install_xml);
    free(p->final_xml);
    free(p->uuid);
    p->install_xml = inst;
    p->final_xml = final;
    p->uuid = xstrdup(uuid);
    return 0;
}
