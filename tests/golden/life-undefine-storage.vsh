# modes: text json
# undefine --storage / --remove-all-storage: checked before anything changes.
# A running domain keeps its storage; a name that is no disk of the domain
# fails; option clashes are usage errors; a disk no storage pool holds is
# left alone with a warning (the test driver's disks are plain files) and
# the domain is undefined.
undefine web1 --remove-all-storage
undefine build --storage vda
undefine build --wipe-storage
undefine build --delete-storage-volume-snapshots
undefine build --storage vda --remove-all-storage
list --all --name
destroy web1
undefine web1 --storage vda,/var/lib/libvirt/images/install.iso --wipe-storage
undefine build --remove-all-storage --delete-storage-volume-snapshots
list --all --name
