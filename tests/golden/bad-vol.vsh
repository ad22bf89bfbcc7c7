# modes: text json
# Bad input for the volume commands: a volume or pool that does not exist,
# a name where a pool is needed, a bad size, a resize that would shrink
# without --shrink, what the test driver cannot do (wipe, resize, upload,
# download: the real daemon's cases are in tests/integration); nothing
# changed (vol-list at the end).
vol-info nosuch default
vol-info web1.qcow2
vol-info web1.qcow2 nosuch
vol-info /dev/vg0/lv-data default
vol-list nosuch
vol-create-as default new.img 1.5G
vol-create-as default new.img 10M --allocation x
vol-create-as default web1.qcow2 1G
vol-create-as default new.img 1G --backing-vol nosuch
vol-clone web1.qcow2 db1.raw --pool default
vol-resize web1.qcow2 1G default
vol-resize web1.qcow2 -1G default
vol-resize web1.qcow2 20G default
vol-wipe web1.qcow2 default --algorithm bogus
vol-wipe web1.qcow2 default
vol-upload web1.qcow2 nosuch.img default
vol-upload web1.qcow2 vol-new.xml default --offset 99999999999
vol-download web1.qcow2 . default
vol-download web1.qcow2 nosuchdir/web1.img default
vol-download web1.qcow2 /dev/null default
vol-delete nosuch default
vol-list default --details
