/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The fault-injection preload's wrapper macro (see fault.c). */
#pragma once

#include <libvirt/libvirt.h>
#include <libvirt/libvirt-qemu.h>
#include <stddef.h>

enum fault_act { FAULT_RUN, FAULT_FAIL, FAULT_FAIL_AFTER, FAULT_KILL_AFTER, FAULT_INTERRUPT_AFTER };

#define FAULT_HIDDEN __attribute__((visibility("hidden")))

/* The next definition of NAME (the real libvirt function), cached in *SLOT. */
FAULT_HIDDEN void *fault_real(const char *name, void **slot);
/* Before the call: counts it (a call by CALLER outside libvirt) and says what
 * to do; FAULT_FAIL has already set the libvirt error. */
FAULT_HIDDEN enum fault_act fault_enter(const char *name, const void *caller, long *index);
/* After the call: kills for FAULT_KILL_AFTER; true (error set) if the call
 * must report failure. */
FAULT_HIDDEN int fault_leave(const char *name, enum fault_act act, long index);

/* Every function fault-gen.py wrapped, sorted. */
FAULT_HIDDEN extern const char *const fault_functions[];
FAULT_HIDDEN extern const size_t fault_nfunctions;

/* One public libvirt function: TYPE NAME PARAMS, returning ERRVAL on error. */
#define FAULT_WRAP(type, name, errval, params, args)                         \
    type name params                                                         \
    {                                                                        \
        static void *real;                                                   \
        __typeof__(&name) fn = (__typeof__(&name))fault_real(#name, &real);  \
        long index = 0;                                                      \
        enum fault_act act = fault_enter(#name, __builtin_return_address(0), \
                                         &index);                            \
        if (act == FAULT_FAIL)                                               \
            return errval;                                                   \
        type ret = fn args;                                                  \
        if (fault_leave(#name, act, index))                                  \
            return errval;                                                   \
        return ret;                                                          \
    }
