# modes: text json
# attach-disk with a pool volume on test:///default (whose domain cannot
# take a disk): a volume it made is deleted again when the attach fails.
connect test:///default
attach-disk test vdb --pool default-pool --size 1M
attach-disk test vdb --pool default-pool --vol nosuch
attach-disk test made.qcow2 vdb --pool default-pool --size 1M
