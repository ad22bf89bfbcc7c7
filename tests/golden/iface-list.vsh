# modes: text json
# iface-list, iface-name, iface-mac, iface-dumpxml.
iface-list
iface-list --all
iface-list --inactive
iface-mac eth0
iface-name 52:54:00:c0:ff:ef
iface-name eth0
iface-mac 52:54:00:c0:ff:ee
iface-dumpxml eth0
iface-dumpxml 52:54:00:c0:ff:ef
iface-dumpxml eth0 --xpath //ip/@address
iface-dumpxml eth0 --inactive
iface-dumpxml nosuch
