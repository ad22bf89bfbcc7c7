# modes: text json
# iface-bridge moves eth0's address to a new bridge holding eth0 and
# starts it; iface-unbridge gives the address back and removes the bridge.
iface-bridge eth0 br0
iface-list --all
iface-dumpxml br0
iface-unbridge br0
iface-list --all
iface-dumpxml eth0
iface-bridge eth2 br1 --no-stp --delay 5 --no-start
iface-dumpxml br1 --xpath //bridge/@*
iface-list --all
iface-bridge eth2 br1
iface-unbridge eth0
iface-unbridge nosuch
iface-bridge nosuch br2
