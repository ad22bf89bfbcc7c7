# modes: text json
# undefine's storage options refuse before anything is removed: a running
# domain, a disk it does not have, the options' rules, an undefine that
# would fail afterwards (NVRAM, managed save), a wipe the test driver
# cannot do.  Nothing changed: the volumes and domains at the end.
undefine db1 --remove-all-storage
destroy web1
undefine web1 --storage vda,nosuch
undefine web1 --storage vda --remove-all-storage
undefine web1 --wipe-storage
undefine web1 --storage vda --delete-storage-volume-snapshots
undefine efi --remove-all-storage
undefine saved --remove-all-storage
undefine web1 --remove-all-storage --wipe-storage
vol-list default
list --all --name
