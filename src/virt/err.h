/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * err.h - errors are recorded where they happen and reported once, at the
 * command boundary, as one line ("error: domain 'web1' not found") or, with
 * -o json, as {"error":{"message":"...","exit_status":N,"libvirt_code":N or
 * null,"libvirt_source":"qemu" or null}}.
 */
#pragma once

#include <libvirt/virterror.h>

#include "core/util.h"
#include "virt/context.h"

/* Silence libvirt's own printing; call once at startup. */
void err_init(void);
/* Silence libxml2's own printing in this thread (its handler is per
 * thread): it prints "I/O warning : failed to load external entity" when a
 * driver running in this process (the test driver) reads a missing file,
 * which libvirt reports anyway.  Only where such a driver is opened:
 * setting it wakes libxml2's global state, ~100 KiB resident in a run. */
void err_quiet_xml(void);
/* Record an error; returns `status` so handlers can `return error(...)`. */
int err_set(struct shell *sh, int status, const char *fmt, ...) PRINTF(3, 4);
#define error(sh, ...) err_set((sh), CMD_FAILED, __VA_ARGS__)
#define usage_error(sh, ...) err_set((sh), CMD_USAGE, __VA_ARGS__)
/* Record libvirt's last error, after what was being done:
 * err_libvirt(sh, "cannot start domain '%s'", name) reads
 * "cannot start domain 'x': requested operation is not valid: ...".
 * Returns CMD_FAILED. */
int err_libvirt(struct shell *sh, const char *fmt, ...) PRINTF(2, 3);
/* The same for an error saved earlier (virSaveLastError; another thread's). */
int err_libvirt_saved(struct shell *sh, virErrorPtr e, const char *fmt, ...) PRINTF(3, 4);
/* Print the recorded error (if any) to stderr and clear it. */
void err_report(struct shell *sh);
/* Forget a recorded error without printing it. */
void err_clear(struct shell *sh);
/* Print a warning/note line to stderr ("warning: ..."), honouring -o json. */
void err_warn(struct shell *sh, const char *fmt, ...) PRINTF(2, 3);
/* A note is silenced by -q. */
void err_note(struct shell *sh, const char *fmt, ...) PRINTF(2, 3);
