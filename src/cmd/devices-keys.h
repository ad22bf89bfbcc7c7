/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * cmd/devices-keys.h - the key names send-key takes, per codeset: Linux's
 * (KEY_A, from linux/input-event-codes.h at build time), macOS's virtual
 * key codes (ANSI_A) and Windows' virtual keys (VK_A).  The other codesets
 * take numbers only, as in virsh.
 */
#pragma once

struct key_name {
    const char *name;
    int code;
};

extern const struct key_name keys_linux[]; /* generated: gen-linux-keys.py */
extern const struct key_name keys_osx[];
extern const struct key_name keys_win32[];

/* The code of `name` in the codeset `set` (VIR_KEYCODE_SET_*), or -1. */
int key_lookup(int set, const char *name);
