# modes: text json
# every event type libvirt 9.0 has, by virsh's names, in libvirt's order
event --list
