/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * install.h - the two configurations of an installation.
 *
 * The *final* configuration is what the guest boots from every time after
 * the installation; the *install* configuration boots the installer once
 * (install media, reboot turned into power-off).  Both carry the same name
 * and UUID, so libvirt treats them as one domain: the install config runs as
 * a transient domain while the final one is already defined for next boot.
 */
#pragma once

#include <stddef.h>

struct install_opts {
    const char *final_xml;    /* text of the final (persistent) config */
    const char *install_xml;  /* text of an explicit install config, or NULL to derive it */
    const char *cdrom;        /* derive: boot this ISO */
    const char *kernel, *initrd, *cmdline; /* derive: direct kernel boot */
    const char *boot;         /* derive: boot device (hd, cdrom, network, fd) */
};

struct install_plan {
    char *name;
    char *uuid;
    char *install_xml;
    char *final_xml;
    int uuid_generated; /* neither file had one */
};

/* Check both configs and produce the two documents.  0, or -1 with a
 * one-line reason in err.  Without install_xml the install config is derived
 * from the final one (the command's table makes sure one of cdrom, kernel or
 * boot is given then, none with install_xml, and initrd/cmdline only with
 * kernel). */
int install_prepare(const struct install_opts *o, struct install_plan *ret, char *err, size_t errlen);
void install_plan_free(struct install_plan *p);
/* Give both configs of a plan whose UUID was generated the UUID of the
 * domain it continues (install --resume).  0, or -1 if they do not parse. */
int install_plan_set_uuid(struct install_plan *p, const char *uuid);

/* A one-off config for an existing domain: must carry `name`; gets `uuid`
 * when it has none; a different UUID is an error. */
int install_adopt_identity(const char *xml, const char *name, const char *uuid, char **ret_xml,
                           char *err, size_t errlen);
