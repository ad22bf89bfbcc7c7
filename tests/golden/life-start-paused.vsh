# modes: text json
# The test driver supports no start flags: --paused and --force-boot fail
# and leave the domain shut off.
start --paused build
start --force-boot build
domstate build
