# modes: text json
# undefine with storage: each volume is named and removed before the
# domain is undefined.  --storage picks disks by target or source path;
# --remove-all-storage takes every disk that is a pool's volume (web1's
# CD-ROM install.iso too, as in virsh).
destroy db1
undefine db1 --remove-all-storage
destroy web1
undefine web1 --storage /var/lib/libvirt/images/web1.qcow2
vol-list default
list --all --name
