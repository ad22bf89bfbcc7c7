# modes: text json
# net-info, net-name, net-uuid; a network by name or UUID (net-name takes
# only a UUID, net-uuid only a name, as in virsh).
net-info default
net-info 11111111-0000-4000-8000-0000000000a2
net-info --network lab
net-uuid lab
net-name 11111111-0000-4000-8000-0000000000a2
net-name lab
net-uuid 11111111-0000-4000-8000-0000000000a2
net-info nosuch
net-info
