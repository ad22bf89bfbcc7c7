/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* complete/fetch-hostobj.c - names of the host's objects (see fetch-hostobj.h). */
#include "complete/fetch-hostobj.h"

#include <libvirt/virterror.h>

static void add(struct strv *out, const char *s)
{
    if (s && *s)
        strv_add(out, s);
}

static void networks(virConnectPtr c, compl_kind k, struct strv *out)
{
    unsigned int flags = k == COMPL_NETWORK_ACTIVE       ? VIR_CONNECT_LIST_NETWORKS_ACTIVE
                         : k == COMPL_NETWORK_INACTIVE   ? VIR_CONNECT_LIST_NETWORKS_INACTIVE
                         : k == COMPL_NETWORK_PERSISTENT ? VIR_CONNECT_LIST_NETWORKS_PERSISTENT
                                                         : 0;
    virNetworkPtr *v = NULL;
    int n = virConnectListAllNetworks(c, &v, flags);
    for (int i = 0; i < n; i++) {
        add(out, virNetworkGetName(v[i]));
        virNetworkFree(v[i]);
    }
    free(v);
}

static void nodedevs(virConnectPtr c, struct strv *out)
{
    virNodeDevicePtr *v = NULL;
    int n = virConnectListAllNodeDevices(c, &v, 0);
    for (int i = 0; i < n; i++) {
        add(out, virNodeDeviceGetName(v[i]));
        virNodeDeviceFree(v[i]);
    }
    free(v);
}

static void secrets(virConnectPtr c, struct strv *out)
{
    virSecretPtr *v = NULL;
    int n = virConnectListAllSecrets(c, &v, 0);
    for (int i = 0; i < n; i++) {
        char uuid[VIR_UUID_STRING_BUFLEN];
        if (virSecretGetUUIDString(v[i], uuid) == 0)
            add(out, uuid);
        virSecretFree(v[i]);
    }
    free(v);
}

static void ifaces(virConnectPtr c, struct strv *out)
{
    virInterfacePtr *v = NULL;
    int n = virConnectListAllInterfaces(c, &v, 0);
    for (int i = 0; i < n; i++) {
        add(out, virInterfaceGetName(v[i]));
        virInterfaceFree(v[i]);
    }
    free(v);
}

static void nwfilters(virConnectPtr c, struct strv *out)
{
    virNWFilterPtr *v = NULL;
    int n = virConnectListAllNWFilters(c, &v, 0);
    for (int i = 0; i < n; i++) {
        add(out, virNWFilterGetName(v[i]));
        virNWFilterFree(v[i]);
    }
    free(v);
}

static void bindings(virConnectPtr c, struct strv *out)
{
    virNWFilterBindingPtr *v = NULL;
    int n = virConnectListAllNWFilterBindings(c, &v, 0);
    for (int i = 0; i < n; i++) {
        add(out, virNWFilterBindingGetPortDev(v[i]));
        virNWFilterBindingFree(v[i]);
    }
    free(v);
}

bool fetch_hostobj_kind(compl_kind k)
{
    return k >= COMPL_NETWORK && k <= COMPL_NWFILTER_BINDING;
}

void fetch_hostobj_names(virConnectPtr c, compl_kind k, struct strv *out)
{
    switch (k) {
    case COMPL_NETWORK:
    case COMPL_NETWORK_ACTIVE:
    case COMPL_NETWORK_INACTIVE:
    case COMPL_NETWORK_PERSISTENT:
        networks(c, k, out);
        break;
    case COMPL_NODEDEV:
        nodedevs(c, out);
        break;
    case COMPL_SECRET:
        secrets(c, out);
        break;
    case COMPL_HOST_IFACE:
        ifaces(c, out);
        break;
    case COMPL_NWFILTER:
        nwfilters(c, out);
        break;
    case COMPL_NWFILTER_BINDING:
        bindings(c, out);
        break;
    default:
        break;
    }
    virResetLastError();
}
