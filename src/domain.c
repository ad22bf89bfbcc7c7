/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "domain.h"

#include <errno.h>
#include <string.h>

#include "err.h"
#include "util.h"
#include "xml.h"

struct json_object *domain_ident_json(virDomainPtr dom)
{
    char uuid[VIR_UUID_STRING_BUFLEN] = "";
    unsigned int id = virDomainGetID(dom);
    struct json_object *o = json_object_new_object();
    virDomainGetUUIDString(dom, uuid);
    json_object_object_add(o, "name", json_object_new_string(virDomainGetName(dom)));
    json_object_object_add(o, "id", id == (unsigned int)-1 ? NULL : json_object_new_int64(id));
    json_object_object_add(o, "uuid", json_object_new_string(uuid));
    return o;
}

int domain_report(struct shell *sh, virDomainPtr dom, const char *result, const char *text)
{
    _cleanup_json_ struct json_object *o = domain_ident_json(dom);
    json_object_object_add(o, "result", json_object_new_string(result));
    _cleanup_free_ char *msg = xasprintf("Domain '%s' %s", virDomainGetName(dom), text);
    out_message(&sh->out, o, msg);
    return CMD_OK;
}

char *domain_read_xml_file(struct shell *sh, const char *path)
{
    size_t len;
    char errbuf[300];
    char *xml = read_file(path, &len);
    if (!xml) {
        error(sh, "cannot read '%s': %s", path, strerror(errno));
        return NULL;
    }
    if (memchr(xml, '\0', len)) {
        free(xml);
        error(sh, "'%s' is not an XML file: it contains NUL bytes", path);
        return NULL;
    }
    if (xml_check_wellformed(xml, len, errbuf, sizeof(errbuf)) < 0) {
        free(xml);
        error(sh, "'%s' is not well-formed XML: %s", path, errbuf);
        return NULL;
    }
    return xml;
}

/* Reason words per state, indexed by libvirt's reason enums. */
static const char *const reasons_nostate[] = { "unknown" };
static const char *const reasons_running[] = {
    "unknown", "booted", "migrated", "restored", "from-snapshot", "unpaused",
    "migration-canceled", "save-canceled", "wakeup", "crashed", "post-copy", "post-copy-failed",
};
static const char *const reasons_blocked[] = { "unknown" };
static const char *const reasons_paused[] = {
    "unknown", "user", "migrating", "saving", "dumping", "ioerror", "watchdog",
    "from-snapshot", "shutting-down", "snapshot", "crashed", "starting-up", "post-copy",
    "post-copy-failed", "api-error",
};
static const char *const reasons_shutdown[] = { "unknown", "user" };
static const char *const reasons_shutoff[] = {
    "unknown", "shutdown", "destroyed", "crashed", "migrated", "saved", "failed",
    "from-snapshot", "daemon",
};
static const char *const reasons_crashed[] = { "unknown", "panicked" };
static const char *const reasons_pmsuspended[] = { "unknown" };

const char *domain_reason_word(int state, int reason)
{
#define PICK(tbl) return reason >= 0 && (size_t)reason < ARRAY_SIZE(tbl) ? tbl[reason] : "unknown"
    switch (state) {
    case VIR_DOMAIN_NOSTATE: PICK(reasons_nostate);
    case VIR_DOMAIN_RUNNING: PICK(reasons_running);
    case VIR_DOMAIN_BLOCKED: PICK(reasons_blocked);
    case VIR_DOMAIN_PAUSED: PICK(reasons_paused);
    case VIR_DOMAIN_SHUTDOWN: PICK(reasons_shutdown);
    case VIR_DOMAIN_SHUTOFF: PICK(reasons_shutoff);
    case VIR_DOMAIN_CRASHED: PICK(reasons_crashed);
    case VIR_DOMAIN_PMSUSPENDED: PICK(reasons_pmsuspended);
    }
#undef PICK
    return "unknown";
}
