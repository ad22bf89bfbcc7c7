# modes: text json
# Volumes made, cloned and deleted: vol-create, vol-create-as (its XML
# first), vol-create-from, vol-clone, vol-delete; vol-list shows each step.
vol-create-as default new.img 1G --allocation 10M --format qcow2 --backing-vol web1.qcow2 --backing-vol-format qcow2 --print-xml
vol-create-as default empty.img 64M --allocation 0 --format raw
vol-create-from default vol-new.xml web1.qcow2 --inputpool default
vol-delete new.img default
vol-create default vol-new.xml
vol-clone web1.qcow2 web2.qcow2 --pool default --print-xml
vol-clone /var/lib/libvirt/images/db1.raw db2.raw
vol-list default --details
vol-list vg0 --details
vol-delete web2.qcow2 default
vol-delete /var/lib/libvirt/images/empty.img
vol-list default
