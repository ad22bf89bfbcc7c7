/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * virt/hostobj.h - the host's objects besides domains: networks and their
 * ports, node devices, secrets, host interfaces, network filters and their
 * bindings.  Lookups by what virsh accepts (and a little more), each
 * failing with one recorded error: "network 'x' not found" when there is
 * no such object, libvirt's reason for anything else.
 */
#pragma once

#include <json-c/json.h>
#include <libvirt/libvirt.h>
#include <stdbool.h>

#include "virt/context.h"

/* How an identifier may be read. */
enum {
    HOSTOBJ_BY_NAME = 1 << 0,
    HOSTOBJ_BY_UUID = 1 << 1,
    HOSTOBJ_BY_ANY = HOSTOBJ_BY_NAME | HOSTOBJ_BY_UUID,
};

/* A network by UUID (when it looks like one) or name, as `by` allows. */
virNetworkPtr hostobj_network_by(struct shell *sh, const char *ident, unsigned by);
virNetworkPtr hostobj_network(struct shell *sh, const char *ident);
/* A port of `net` by its UUID. */
virNetworkPortPtr hostobj_netport(struct shell *sh, virNetworkPtr net, const char *uuid);
/* A node device by name, or a SCSI host by "WWNN,WWPN". */
virNodeDevicePtr hostobj_nodedev(struct shell *sh, const char *ident);
/* A secret by UUID, else by its usage ID (the volume path, the Ceph or
 * iSCSI user name, ...) when exactly one secret has it. */
virSecretPtr hostobj_secret(struct shell *sh, const char *ident);
/* A host interface by name, else by MAC address (when only one has it). */
virInterfacePtr hostobj_iface(struct shell *sh, const char *ident);
/* A network filter by UUID or name. */
virNWFilterPtr hostobj_nwfilter(struct shell *sh, const char *ident);
/* A network filter binding by the port device it filters. */
virNWFilterBindingPtr hostobj_binding(struct shell *sh, const char *portdev);

/* A secret's usage type as virsh writes it ("ceph", "volume", ...), or
 * "unknown". */
const char *hostobj_secret_usage_word(int type);

/* Report an action on an object: text `text` (unless -q), JSON
 * {"name": NAME, "uuid": UUID, "result": RESULT} (null for what the object
 * does not have).  Returns CMD_OK. */
int hostobj_report(struct shell *sh, const char *name, const char *uuid, const char *result,
                   const char *text);

/* The IP addresses of a running domain's interfaces that the DHCP leases
 * of libvirt's networks know, as a JSON array of strings (empty for an
 * inactive domain or when the driver cannot tell; never NULL). */
struct json_object *hostobj_lease_addresses(virDomainPtr dom);
/* Those addresses as a list's cell: the array itself (a new reference) in
 * JSON, else a string joined by ", " (NULL, shown as "-", when empty). */
struct json_object *hostobj_addresses_value(struct json_object *addrs, bool json);

/* "key": string or null, for results. */
void hostobj_add_str(struct json_object *o, const char *key, const char *v);

#define HOSTOBJ_FREEP(type, fn) \
    static inline void fn##p(type *p) \
    { \
        if (*p) \
            fn(*p); \
    }
HOSTOBJ_FREEP(virNetworkPtr, virNetworkFree)
HOSTOBJ_FREEP(virNetworkPortPtr, virNetworkPortFree)
HOSTOBJ_FREEP(virNodeDevicePtr, virNodeDeviceFree)
HOSTOBJ_FREEP(virSecretPtr, virSecretFree)
HOSTOBJ_FREEP(virInterfacePtr, virInterfaceFree)
HOSTOBJ_FREEP(virNWFilterPtr, virNWFilterFree)
HOSTOBJ_FREEP(virNWFilterBindingPtr, virNWFilterBindingFree)
#define _cleanup_network_ _cleanup_(virNetworkFreep)
#define _cleanup_netport_ _cleanup_(virNetworkPortFreep)
#define _cleanup_nodedev_ _cleanup_(virNodeDeviceFreep)
#define _cleanup_secret_ _cleanup_(virSecretFreep)
#define _cleanup_iface_ _cleanup_(virInterfaceFreep)
#define _cleanup_nwfilter_ _cleanup_(virNWFilterFreep)
#define _cleanup_binding_ _cleanup_(virNWFilterBindingFreep)
