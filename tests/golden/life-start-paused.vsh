# modes: text json
# The test driver supports no start flags: --paused fails and leaves the
# domain shut off; --force-boot is emulated as virsh does (the managed save
# image removed, then a plain start).
start --paused build
domstate build
start --force-boot build
domstate build
