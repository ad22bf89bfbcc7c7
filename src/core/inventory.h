/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * core/inventory.h - the hosts virtsh knows by name, and selections of them.
 *
 * Two sources: libvirt's own `uri_aliases` (libvirt.conf, which libvirt
 * itself resolves inside virConnectOpen: an alias is passed on as it is),
 * and virtsh's hosts file, $XDG_CONFIG_HOME/virtsh/hosts:
 *
 *     # NAME   URI                                   GROUPS...
 *     web1     qemu+ssh://root@web1.example/system   web prod
 *     lab      qemu:///session                       lab
 *
 * one host a line: its name, its URI and the groups it belongs to; `#`
 * starts a comment.  Names and groups are letters, digits, '_', '-', '.'.
 * A selection ("web1,lab,@prod,qemu:///system") names hosts, groups (@G,
 * @all for every host) and URIs; the hosts file wins over an alias of the
 * same name.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "core/strv.h"

struct inv_host {
    char *name;
    char *uri;           /* where it is (for an alias: what libvirt.conf says) */
    struct strv groups;
    bool alias;          /* a libvirt uri_alias: virConnectOpen gets the name */
};

struct inventory {
    struct inv_host *h;
    size_t n;
    char *path;          /* virtsh's hosts file (read or not) */
    char *libvirt_path;  /* libvirt.conf (read or not) */
};

/* Read both files; a missing file adds nothing.  0, or -1 with the
 * reason ("'FILE':LINE: ...") in why. */
int inventory_load(struct inventory *inv, char *why, size_t len);
/* The hosts file's text (for tests too): 0, or -1 with why. */
int inventory_parse_hosts(struct inventory *inv, const char *text, const char *path, char *why,
                          size_t len);
/* The uri_aliases of a libvirt.conf text: 0, or -1 with why. */
int inventory_parse_libvirt(struct inventory *inv, const char *text, const char *path, char *why,
                            size_t len);
void inventory_free(struct inventory *inv);

const struct inv_host *inventory_find(const struct inventory *inv, const char *name);
/* Every group name, sorted, once each. */
void inventory_groups(const struct inventory *inv, struct strv *ret);

/* A selected host: the name it is shown by and what virConnectOpen gets. */
struct host_sel {
    char *name;
    char *uri;
};

struct selection {
    struct host_sel *h;
    size_t n;
};

/* Add the hosts `spec` names (comma-separated: NAME, @GROUP, @all, or a
 * URI, which is shown by its inventory name if it has one) to sel, each
 * once.  0, or -1 with why (an unknown name or group, with a suggestion). */
int inventory_select(const struct inventory *inv, const char *spec, struct selection *sel,
                     char *why, size_t len);
/* What `-c NAME` connects to: a hosts-file name's URI, anything else as it
 * is (libvirt resolves its own aliases).  Not to be freed. */
const char *inventory_uri_of(const struct inventory *inv, const char *name);
/* Add one host to sel (unless one of that name is there). */
void selection_add(struct selection *sel, const char *name, const char *uri);
/* Add `word` as -c and connect take it: what inventory_select finds, else
 * the word itself as a URI (libvirt may know it as an alias). */
int selection_add_lenient(const struct inventory *inv, const char *word, struct selection *sel,
                          char *why, size_t len);
void selection_free(struct selection *sel);
