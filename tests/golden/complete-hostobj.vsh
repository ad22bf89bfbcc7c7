# Completion of the host objects' names (the hidden `complete` command, as
# bash's script and the interactive shell use it): networks by state,
# node devices, interfaces, net-update's words.
complete -- net-info ''
complete -- net-start ''
complete -- 'net-destroy' l
complete -- nodedev-dumpxml s
complete -- iface-dumpxml ''
complete -- iface-unbridge ''
complete -- net-update default ''
complete -- net-update default add ip-dhcp
complete -- nwfilter-dumpxml ''
complete -- secret-dumpxml ''
