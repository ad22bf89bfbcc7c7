/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* console.h - an interactive console on a domain's serial/console device. */
#pragma once

#include <libvirt/libvirt.h>
#include <stdbool.h>

#include "virt/context.h"

/* Attach the terminal to the domain's console until the escape character,
 * the end of the stream, or the domain stopping.  Restores the terminal on
 * every path. */
int console_attach(struct shell *sh, virDomainPtr dom, const char *devname, bool force, bool safe);
