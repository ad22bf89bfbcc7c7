# modes: text json
# The test driver has no ports and no DHCP leases: each fails in one line
# (the real daemon's are in tests/integration/t-network.sh).
net-dhcp-leases default
net-dhcp-leases default --mac 52:54:00:aa:00:01
net-port-list default
net-port-create default net-port.xml
net-port-dumpxml default not-a-uuid
net-port-delete default 22222222-0000-4000-8000-000000000001
net-dhcp-leases nosuch
