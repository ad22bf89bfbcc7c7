# modes: text json
# send-key (names of the linux, os_x and win32 codesets, numbers),
# inject-nmi, send-process-signal.
send-key web1 KEY_LEFTALT KEY_SYSRQ KEY_H
send-key web1 --holdtime 50 30 0x1e
send-key web1 --codeset win32 VK_A VK_RETURN VK_F12
send-key web1 --codeset os_x ANSI_A Return
send-key web1 --codeset rfb 30
send-key web1 key_a
send-key web1 --codeset xt KEY_A
send-key web1 --codeset bogus 1
send-key web1 KEY_A KEY_B KEY_C KEY_D KEY_E KEY_F KEY_G KEY_H KEY_I KEY_J KEY_K KEY_L KEY_M KEY_N KEY_O KEY_P KEY_Q
send-key web1 99999
send-key web1
send-key build KEY_A
inject-nmi web1
send-process-signal web1 1 sigterm
send-process-signal web1 1 9
send-process-signal web1 1 RT2
send-process-signal web1 1 bogus
send-process-signal web1 x 15
