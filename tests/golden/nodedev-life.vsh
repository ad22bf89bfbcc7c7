# modes: text json
# nodedev-create makes a vHBA on scsi_host1 (the test driver copies
# scsi_host11), nodedev-destroy removes it; the rest is not in the test
# driver and fails in one line each.
nodedev-create nodedev-vhba.xml
nodedev-list --tree
nodedev-destroy scsi_host12
nodedev-list
nodedev-define nodedev-vhba.xml
nodedev-start scsi_host11
nodedev-autostart scsi_host11
nodedev-autostart scsi_host11 --disable
nodedev-undefine scsi_host11
nodedev-detach pci_0000_00_02_0
nodedev-detach pci_0000_00_02_0 --driver vfio
nodedev-dettach pci_0000_00_02_0
nodedev-reattach pci_0000_00_02_0
nodedev-reset pci_0000_00_02_0
nodedev-destroy nosuch
nodedev-create dom-not-wellformed.xml
