# modes: text json
# nodedev-list: names, the tree, by capability; the test driver cannot
# filter by state, virtsh does it itself.
nodedev-list
nodedev-list --tree
nodedev-list --cap pci
nodedev-list --cap net,scsi_host
nodedev-list fc_host
nodedev-list --all
nodedev-list --inactive
nodedev-list --cap bogus
nodedev-list --tree --cap pci
nodedev-list --all --inactive
