/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* cmd/devices-keys.c - key names of the macOS and Windows codesets (cmd/devices-keys.h). */
#include <libvirt/libvirt.h>

#include "core/util.h"
#include "cmd/devices-keys.h"

/* macOS virtual key codes (the kVK_ constants, without the prefix). */
const struct key_name keys_osx[] = {
    { "ANSI_A", 0x00 }, { "ANSI_S", 0x01 }, { "ANSI_D", 0x02 }, { "ANSI_F", 0x03 },
    { "ANSI_H", 0x04 }, { "ANSI_G", 0x05 }, { "ANSI_Z", 0x06 }, { "ANSI_X", 0x07 },
    { "ANSI_C", 0x08 }, { "ANSI_V", 0x09 }, { "ISO_Section", 0x0a }, { "ANSI_B", 0x0b },
    { "ANSI_Q", 0x0c }, { "ANSI_W", 0x0d }, { "ANSI_E", 0x0e }, { "ANSI_R", 0x0f },
    { "ANSI_Y", 0x10 }, { "ANSI_T", 0x11 }, { "ANSI_1", 0x12 }, { "ANSI_2", 0x13 },
    { "ANSI_3", 0x14 }, { "ANSI_4", 0x15 }, { "ANSI_6", 0x16 }, { "ANSI_5", 0x17 },
    { "ANSI_Equal", 0x18 }, { "ANSI_9", 0x19 }, { "ANSI_7", 0x1a }, { "ANSI_Minus", 0x1b },
    { "ANSI_8", 0x1c }, { "ANSI_0", 0x1d }, { "ANSI_RightBracket", 0x1e }, { "ANSI_O", 0x1f },
    { "ANSI_U", 0x20 }, { "ANSI_LeftBracket", 0x21 }, { "ANSI_I", 0x22 }, { "ANSI_P", 0x23 },
    { "Return", 0x24 }, { "ANSI_L", 0x25 }, { "ANSI_J", 0x26 }, { "ANSI_Quote", 0x27 },
    { "ANSI_K", 0x28 }, { "ANSI_Semicolon", 0x29 }, { "ANSI_Backslash", 0x2a },
    { "ANSI_Comma", 0x2b }, { "ANSI_Slash", 0x2c }, { "ANSI_N", 0x2d }, { "ANSI_M", 0x2e },
    { "ANSI_Period", 0x2f }, { "Tab", 0x30 }, { "Space", 0x31 }, { "ANSI_Grave", 0x32 },
    { "Delete", 0x33 }, { "Escape", 0x35 }, { "RightCommand", 0x36 }, { "Command", 0x37 },
    { "Shift", 0x38 }, { "CapsLock", 0x39 }, { "Option", 0x3a }, { "Control", 0x3b },
    { "RightShift", 0x3c }, { "RightOption", 0x3d }, { "RightControl", 0x3e },
    { "Function", 0x3f }, { "F17", 0x40 }, { "ANSI_KeypadDecimal", 0x41 },
    { "ANSI_KeypadMultiply", 0x43 }, { "ANSI_KeypadPlus", 0x45 }, { "ANSI_KeypadClear", 0x47 },
    { "VolumeUp", 0x48 }, { "VolumeDown", 0x49 }, { "Mute", 0x4a },
    { "ANSI_KeypadDivide", 0x4b }, { "ANSI_KeypadEnter", 0x4c }, { "ANSI_KeypadMinus", 0x4e },
    { "F18", 0x4f }, { "F19", 0x50 }, { "ANSI_KeypadEquals", 0x51 }, { "ANSI_Keypad0", 0x52 },
    { "ANSI_Keypad1", 0x53 }, { "ANSI_Keypad2", 0x54 }, { "ANSI_Keypad3", 0x55 },
    { "ANSI_Keypad4", 0x56 }, { "ANSI_Keypad5", 0x57 }, { "ANSI_Keypad6", 0x58 },
    { "ANSI_Keypad7", 0x59 }, { "F20", 0x5a }, { "ANSI_Keypad8", 0x5b }, { "ANSI_Keypad9", 0x5c },
    { "JIS_Yen", 0x5d }, { "JIS_Underscore", 0x5e }, { "JIS_KeypadComma", 0x5f },
    { "F5", 0x60 }, { "F6", 0x61 }, { "F7", 0x62 }, { "F3", 0x63 }, { "F8", 0x64 },
    { "F9", 0x65 }, { "JIS_Eisu", 0x66 }, { "F11", 0x67 }, { "JIS_Kana", 0x68 },
    { "F13", 0x69 }, { "F16", 0x6a }, { "F14", 0x6b }, { "F10", 0x6d }, { "F12", 0x6f },
    { "F15", 0x71 }, { "Help", 0x72 }, { "Home", 0x73 }, { "PageUp", 0x74 },
    { "ForwardDelete", 0x75 }, { "F4", 0x76 }, { "End", 0x77 }, { "F2", 0x78 },
    { "PageDown", 0x79 }, { "F1", 0x7a }, { "LeftArrow", 0x7b }, { "RightArrow", 0x7c },
    { "DownArrow", 0x7d }, { "UpArrow", 0x7e },
    { 0 },
};

/* Windows virtual keys (VK_*); letters and digits are filled in by lookup. */
const struct key_name keys_win32[] = {
    { "VK_LBUTTON", 0x01 }, { "VK_RBUTTON", 0x02 }, { "VK_CANCEL", 0x03 },
    { "VK_MBUTTON", 0x04 }, { "VK_BACK", 0x08 }, { "VK_TAB", 0x09 }, { "VK_CLEAR", 0x0c },
    { "VK_RETURN", 0x0d }, { "VK_SHIFT", 0x10 }, { "VK_CONTROL", 0x11 }, { "VK_MENU", 0x12 },
    { "VK_PAUSE", 0x13 }, { "VK_CAPITAL", 0x14 }, { "VK_KANA", 0x15 }, { "VK_JUNJA", 0x17 },
    { "VK_FINAL", 0x18 }, { "VK_KANJI", 0x19 }, { "VK_ESCAPE", 0x1b }, { "VK_CONVERT", 0x1c },
    { "VK_NONCONVERT", 0x1d }, { "VK_ACCEPT", 0x1e }, { "VK_MODECHANGE", 0x1f },
    { "VK_SPACE", 0x20 }, { "VK_PRIOR", 0x21 }, { "VK_NEXT", 0x22 }, { "VK_END", 0x23 },
    { "VK_HOME", 0x24 }, { "VK_LEFT", 0x25 }, { "VK_UP", 0x26 }, { "VK_RIGHT", 0x27 },
    { "VK_DOWN", 0x28 }, { "VK_SELECT", 0x29 }, { "VK_PRINT", 0x2a }, { "VK_EXECUTE", 0x2b },
    { "VK_SNAPSHOT", 0x2c }, { "VK_INSERT", 0x2d }, { "VK_DELETE", 0x2e }, { "VK_HELP", 0x2f },
    { "VK_LWIN", 0x5b }, { "VK_RWIN", 0x5c }, { "VK_APPS", 0x5d }, { "VK_SLEEP", 0x5f },
    { "VK_NUMPAD0", 0x60 }, { "VK_NUMPAD1", 0x61 }, { "VK_NUMPAD2", 0x62 },
    { "VK_NUMPAD3", 0x63 }, { "VK_NUMPAD4", 0x64 }, { "VK_NUMPAD5", 0x65 },
    { "VK_NUMPAD6", 0x66 }, { "VK_NUMPAD7", 0x67 }, { "VK_NUMPAD8", 0x68 },
    { "VK_NUMPAD9", 0x69 }, { "VK_MULTIPLY", 0x6a }, { "VK_ADD", 0x6b }, { "VK_SEPARATOR", 0x6c },
    { "VK_SUBTRACT", 0x6d }, { "VK_DECIMAL", 0x6e }, { "VK_DIVIDE", 0x6f },
    { "VK_NUMLOCK", 0x90 }, { "VK_SCROLL", 0x91 }, { "VK_LSHIFT", 0xa0 }, { "VK_RSHIFT", 0xa1 },
    { "VK_LCONTROL", 0xa2 }, { "VK_RCONTROL", 0xa3 }, { "VK_LMENU", 0xa4 }, { "VK_RMENU", 0xa5 },
    { "VK_BROWSER_BACK", 0xa6 }, { "VK_BROWSER_FORWARD", 0xa7 }, { "VK_BROWSER_REFRESH", 0xa8 },
    { "VK_BROWSER_STOP", 0xa9 }, { "VK_BROWSER_SEARCH", 0xaa }, { "VK_BROWSER_FAVORITES", 0xab },
    { "VK_BROWSER_HOME", 0xac }, { "VK_VOLUME_MUTE", 0xad }, { "VK_VOLUME_DOWN", 0xae },
    { "VK_VOLUME_UP", 0xaf }, { "VK_MEDIA_NEXT_TRACK", 0xb0 }, { "VK_MEDIA_PREV_TRACK", 0xb1 },
    { "VK_MEDIA_STOP", 0xb2 }, { "VK_MEDIA_PLAY_PAUSE", 0xb3 }, { "VK_LAUNCH_MAIL", 0xb4 },
    { "VK_LAUNCH_MEDIA_SELECT", 0xb5 }, { "VK_LAUNCH_APP1", 0xb6 }, { "VK_LAUNCH_APP2", 0xb7 },
    { "VK_OEM_1", 0xba }, { "VK_OEM_PLUS", 0xbb }, { "VK_OEM_COMMA", 0xbc },
    { "VK_OEM_MINUS", 0xbd }, { "VK_OEM_PERIOD", 0xbe }, { "VK_OEM_2", 0xbf },
    { "VK_OEM_3", 0xc0 }, { "VK_OEM_4", 0xdb }, { "VK_OEM_5", 0xdc }, { "VK_OEM_6", 0xdd },
    { "VK_OEM_7", 0xde }, { "VK_OEM_8", 0xdf }, { "VK_OEM_102", 0xe2 }, { "VK_ATTN", 0xf6 },
    { "VK_CRSEL", 0xf7 }, { "VK_EXSEL", 0xf8 }, { "VK_EREOF", 0xf9 }, { "VK_PLAY", 0xfa },
    { "VK_ZOOM", 0xfb }, { "VK_PA1", 0xfd }, { "VK_OEM_CLEAR", 0xfe },
    { 0 },
};

static int table_lookup(const struct key_name *t, const char *name)
{
    for (; t->name; t++)
        if (str_eq(t->name, name))
            return t->code;
    return -1;
}

int key_lookup(int set, const char *name)
{
    switch (set) {
    case VIR_KEYCODE_SET_LINUX:
        return table_lookup(keys_linux, name);
    case VIR_KEYCODE_SET_OSX:
        return table_lookup(keys_osx, name);
    case VIR_KEYCODE_SET_WIN32:
        /* VK_0..VK_9 and VK_A..VK_Z are their ASCII codes */
        if (str_startswith(name, "VK_") && name[3] && !name[4] &&
            ((name[3] >= '0' && name[3] <= '9') || (name[3] >= 'A' && name[3] <= 'Z')))
            return name[3];
        if (str_startswith(name, "VK_F") && name[4]) {
            long long n;
            if (parse_ll(name + 4, 1, 24, &n) == 0)
                return 0x70 + (int)n - 1;
        }
        return table_lookup(keys_win32, name);
    default:
        return -1;
    }
}
