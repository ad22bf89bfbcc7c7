/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* virt/hostobj.c - lookups and reports of the host's objects (see hostobj.h). */
#include "virt/hostobj.h"

#include <libvirt/virterror.h>
#include <string.h>

#include "core/strbuf.h"
#include "core/util.h"
#include "virt/conn.h"
#include "virt/err.h"

/* After a failed lookup: "NOUN 'IDENT' not found" when libvirt says there
 * is no such object (code `missing`), its own reason otherwise.  NULL. */
static void *lookup_failed(struct shell *sh, int missing, const char *noun, const char *ident)
{
    virErrorPtr e = virGetLastError();
    if (!e || e->code == missing) {
        virResetLastError();
        error(sh, "%s '%s' not found", noun, ident);
    } else {
        err_libvirt(sh, "cannot look up %s '%s'", noun, ident);
    }
    return NULL;
}

/* 32 hex digits, dashes anywhere: what a UUID lookup may accept. */
static bool looks_like_uuid(const char *s)
{
    size_t hex = 0;
    for (const char *p = s; *p; p++) {
        if ((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f') || (*p >= 'A' && *p <= 'F'))
            hex++;
        else if (*p != '-')
            return false;
    }
    return hex == 32;
}

virNetworkPtr hostobj_network_by(struct shell *sh, const char *ident, unsigned by)
{
    virConnectPtr c = conn_get(sh);
    virNetworkPtr n = NULL;
    if (!c)
        return NULL;
    if ((by & HOSTOBJ_BY_UUID) && looks_like_uuid(ident))
        n = virNetworkLookupByUUIDString(c, ident);
    if (!n && (by & HOSTOBJ_BY_NAME))
        n = virNetworkLookupByName(c, ident);
    return n ? n : lookup_failed(sh, VIR_ERR_NO_NETWORK, "network", ident);
}

virNetworkPtr hostobj_network(struct shell *sh, const char *ident)
{
    return hostobj_network_by(sh, ident, HOSTOBJ_BY_ANY);
}

virNetworkPortPtr hostobj_netport(struct shell *sh, virNetworkPtr net, const char *uuid)
{
    if (!looks_like_uuid(uuid)) {
        usage_error(sh, "invalid port UUID '%s'", uuid);
        return NULL;
    }
    virNetworkPortPtr p = virNetworkPortLookupByUUIDString(net, uuid);
    return p ? p : lookup_failed(sh, VIR_ERR_NO_NETWORK_PORT, "network port", uuid);
}

virNodeDevicePtr hostobj_nodedev(struct shell *sh, const char *ident)
{
    virConnectPtr c = conn_get(sh);
    if (!c)
        return NULL;
    const char *comma = strchr(ident, ',');
    virNodeDevicePtr d;
    if (comma) {
        _cleanup_free_ char *wwnn = xstrndup(ident, (size_t)(comma - ident));
        d = virNodeDeviceLookupSCSIHostByWWN(c, wwnn, comma + 1, 0);
    } else {
        d = virNodeDeviceLookupByName(c, ident);
    }
    return d ? d : lookup_failed(sh, VIR_ERR_NO_NODE_DEVICE, "node device", ident);
}

/* The one secret whose usage ID is `usage`; NULL with the error recorded. */
static virSecretPtr secret_by_usage(struct shell *sh, virConnectPtr c, const char *usage)
{
    virSecretPtr *all = NULL, found = NULL;
    int n = virConnectListAllSecrets(c, &all, 0);
    if (n < 0)
        return lookup_failed(sh, VIR_ERR_NO_SECRET, "secret", usage);
    size_t matches = 0;
    for (int i = 0; i < n; i++) {
        const char *id = virSecretGetUsageID(all[i]);
        if (id && str_eq(id, usage) && !matches++)
            found = all[i];
        else
            virSecretFree(all[i]);
    }
    free(all);
    if (matches > 1) {
        virSecretFree(found);
        error(sh, "%zu secrets have the usage '%s': name one by its UUID", matches, usage);
        return NULL;
    }
    if (!found)
        error(sh, "secret '%s' not found", usage);
    return found;
}

virSecretPtr hostobj_secret(struct shell *sh, const char *ident)
{
    virConnectPtr c = conn_get(sh);
    if (!c)
        return NULL;
    if (looks_like_uuid(ident)) {
        virSecretPtr s = virSecretLookupByUUIDString(c, ident);
        if (s)
            return s;
        virErrorPtr e = virGetLastError();
        if (e && e->code != VIR_ERR_NO_SECRET)
            return lookup_failed(sh, VIR_ERR_NO_SECRET, "secret", ident);
        virResetLastError();
    }
    return secret_by_usage(sh, c, ident);
}

/* xx:xx:xx:xx:xx:xx */
static bool looks_like_mac(const char *s)
{
    for (int i = 0; i < 17; i++) {
        bool colon = i % 3 == 2;
        if (colon ? s[i] != ':' : !((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f') ||
                                    (s[i] >= 'A' && s[i] <= 'F')))
            return false;
    }
    return s[17] == '\0';
}

virInterfacePtr hostobj_iface(struct shell *sh, const char *ident)
{
    virConnectPtr c = conn_get(sh);
    if (!c)
        return NULL;
    virInterfacePtr i = virInterfaceLookupByName(c, ident);
    if (!i) {
        virErrorPtr e = virGetLastError();
        if (e && e->code != VIR_ERR_NO_INTERFACE)
            return lookup_failed(sh, VIR_ERR_NO_INTERFACE, "interface", ident);
        virResetLastError();
        if (looks_like_mac(ident))
            i = virInterfaceLookupByMACString(c, ident);
    }
    return i ? i : lookup_failed(sh, VIR_ERR_NO_INTERFACE, "interface", ident);
}

virNWFilterPtr hostobj_nwfilter(struct shell *sh, const char *ident)
{
    virConnectPtr c = conn_get(sh);
    virNWFilterPtr f = NULL;
    if (!c)
        return NULL;
    if (looks_like_uuid(ident))
        f = virNWFilterLookupByUUIDString(c, ident);
    if (!f)
        f = virNWFilterLookupByName(c, ident);
    return f ? f : lookup_failed(sh, VIR_ERR_NO_NWFILTER, "network filter", ident);
}

virNWFilterBindingPtr hostobj_binding(struct shell *sh, const char *portdev)
{
    virConnectPtr c = conn_get(sh);
    if (!c)
        return NULL;
    virNWFilterBindingPtr b = virNWFilterBindingLookupByPortDev(c, portdev);
    return b ? b : lookup_failed(sh, VIR_ERR_NO_NWFILTER_BINDING, "network filter binding", portdev);
}

const char *hostobj_secret_usage_word(int type)
{
    switch (type) {
    case VIR_SECRET_USAGE_TYPE_NONE:
        return "none";
    case VIR_SECRET_USAGE_TYPE_VOLUME:
        return "volume";
    case VIR_SECRET_USAGE_TYPE_CEPH:
        return "ceph";
    case VIR_SECRET_USAGE_TYPE_ISCSI:
        return "iscsi";
    case VIR_SECRET_USAGE_TYPE_TLS:
        return "tls";
    case VIR_SECRET_USAGE_TYPE_VTPM:
        return "vtpm";
    }
    return "unknown";
}

void hostobj_add_str(struct json_object *o, const char *key, const char *v)
{
    json_object_object_add(o, key, v ? json_object_new_string(v) : NULL);
}

int hostobj_report(struct shell *sh, const char *name, const char *uuid, const char *result,
                   const char *text)
{
    _cleanup_json_ struct json_object *o = json_object_new_object();
    hostobj_add_str(o, "name", name);
    hostobj_add_str(o, "uuid", uuid);
    hostobj_add_str(o, "result", result);
    out_message(&sh->out, o, text);
    return CMD_OK;
}

struct json_object *hostobj_lease_addresses(virDomainPtr dom)
{
    struct json_object *arr = json_object_new_array();
    virDomainInterfacePtr *ifaces = NULL;
    if (virDomainIsActive(dom) != 1) {
        virResetLastError();
        return arr;
    }
    int n = virDomainInterfaceAddresses(dom, &ifaces, VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_LEASE, 0);
    for (int i = 0; i < n; i++) {
        for (unsigned int k = 0; k < ifaces[i]->naddrs; k++)
            if (ifaces[i]->addrs[k].addr)
                json_object_array_add(arr, json_object_new_string(ifaces[i]->addrs[k].addr));
        virDomainInterfaceFree(ifaces[i]);
    }
    free(ifaces);
    virResetLastError();
    return arr;
}

struct json_object *hostobj_addresses_value(struct json_object *addrs, bool json)
{
    size_t n = addrs ? json_object_array_length(addrs) : 0;
    if (json)
        return addrs ? json_object_get(addrs) : json_object_new_array();
    if (!n)
        return NULL;
    struct strbuf b = { 0 };
    for (size_t i = 0; i < n; i++)
        strbuf_printf(&b, "%s%s", i ? ", " : "", json_object_get_string(json_object_array_get_idx(addrs, i)));
    struct json_object *s = json_object_new_string(strbuf_str(&b));
    strbuf_free(&b);
    return s;
}
