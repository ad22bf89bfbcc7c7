# modes: text json
# net-list: the node file's two networks, active and persistent; the
# filters of one kind combine with OR, kinds with AND (libvirt's flags).
net-list
net-list --all
net-list --inactive
net-list --persistent
net-list --transient
net-list --all --name
net-list --all --uuid
net-list --table
net-autostart lab
net-list --autostart
net-list --no-autostart --name
net-list --name --uuid
