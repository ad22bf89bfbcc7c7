/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "virt/domain.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <libvirt/virterror.h>
#include <string.h>

#include "core/util.h"
#include "core/xml.h"
#include "virt/domxml.h"
#include "virt/err.h"

/* Indexed by virDomainState: the JSON word, then virsh's text. */
const struct out_word domain_state_words[] = {
    [VIR_DOMAIN_NOSTATE] = { "nostate", "no state" },
    [VIR_DOMAIN_RUNNING] = { "running", "running" },
    [VIR_DOMAIN_BLOCKED] = { "blocked", "idle" },
    [VIR_DOMAIN_PAUSED] = { "paused", "paused" },
    [VIR_DOMAIN_SHUTDOWN] = { "shutdown", "in shutdown" },
    [VIR_DOMAIN_SHUTOFF] = { "shutoff", "shut off" },
    [VIR_DOMAIN_CRASHED] = { "crashed", "crashed" },
    [VIR_DOMAIN_PMSUSPENDED] = { "pmsuspended", "pmsuspended" },
    { NULL, NULL },
};

const char *domain_state_word(int state)
{
    if (state < 0 || state > VIR_DOMAIN_PMSUSPENDED)
        return "nostate";
    return domain_state_words[state].json;
}

const char *domain_state_text(const char *word)
{
    return out_word_text(domain_state_words, word);
}

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

int domain_report_msg(struct shell *sh, virDomainPtr dom, const char *result, const char *msg)
{
    _cleanup_json_ struct json_object *o = domain_ident_json(dom);
    json_object_object_add(o, "result", json_object_new_string(result));
    out_message(&sh->out, o, msg);
    return CMD_OK;
}

int domain_report_as(struct shell *sh, virDomainPtr dom, const char *shown, const char *result,
                     const char *text)
{
    _cleanup_free_ char *msg = xasprintf("Domain '%s' %s", shown, text);
    return domain_report_msg(sh, dom, result, msg);
}

int domain_report(struct shell *sh, virDomainPtr dom, const char *result, const char *text)
{
    return domain_report_as(sh, dom, virDomainGetName(dom), result, text);
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

static char *machine_of(const char *xml)
{
    char why[200];
    xmlDocPtr doc = domxml_parse(xml, why, sizeof(why));
    if (!doc)
        return NULL;
    char *m = domxml_get(doc, "os/type/@machine");
    xmlFreeDoc(doc);
    return m;
}

void domain_note_machine_alias(struct shell *sh, const char *requested_xml, virDomainPtr dom)
{
    _cleanup_free_ char *asked = machine_of(requested_xml);
    if (!asked)
        return;
    unsigned int flags = virDomainIsActive(dom) == 1 ? 0 : VIR_DOMAIN_XML_INACTIVE;
    _cleanup_free_ char *xml = virDomainGetXMLDesc(dom, flags);
    _cleanup_free_ char *got = xml ? machine_of(xml) : NULL;
    virResetLastError();
    if (got && !str_eq(asked, got))
        err_note(sh, "machine type '%s' is an alias: libvirt resolved it to '%s'; write '%s' "
                 "in the XML so the guest keeps its hardware when QEMU is upgraded",
                 asked, got, got);
}

/* "3,4" (virsh's --pass-fds) into fds; each must be open here. */
int domain_parse_fds(struct shell *sh, const char *list, int **ret_fds, unsigned *ret_n)
{
    *ret_n = 0;
    if (!list)
        return CMD_OK;
    _cleanup_free_ char *copy = xstrdup(list);
    _cleanup_free_ int *fds = xcalloc(strlen(list) / 2 + 2, sizeof(*fds));
    unsigned n = 0;
    char *save = NULL;
    for (char *tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        long long fd;
        if (parse_ll(tok, 0, INT_MAX, &fd) < 0)
            return usage_error(sh, "invalid file descriptor '%s' in '--pass-fds %s'", tok, list);
        if (fcntl((int)fd, F_GETFD) < 0)
            return error(sh, "file descriptor %lld is not open", fd);
        fds[n++] = (int)fd;
    }
    if (!n)
        return usage_error(sh, "--pass-fds needs file descriptor numbers: N,M,...");
    *ret_fds = TAKE_PTR(fds);
    *ret_n = n;
    return CMD_OK;
}
