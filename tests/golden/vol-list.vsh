# modes: text json
# vol-list, vol-info, vol-dumpxml and the identity commands, by name (with
# the pool), key and path.
vol-list default
vol-list default --details
vol-list --pool vg0 --details
vol-info web1.qcow2 default
vol-info /var/lib/libvirt/images/db1.raw --bytes
vol-info --vol lv-data --pool vg0
vol-dumpxml web1.qcow2 default
vol-dumpxml install.iso default --xpath //capacity
vol-key web1.qcow2 default
vol-path --vol lv-data --pool vg0
vol-name /var/lib/libvirt/images/db1.raw
vol-pool /dev/vg0/lv-data
vol-pool /dev/vg0/lv-data --uuid
