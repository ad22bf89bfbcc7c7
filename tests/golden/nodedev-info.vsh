# modes: text json
# nodedev-info and nodedev-dumpxml; the test driver cannot tell a device's
# state (unknown).
nodedev-info computer
nodedev-info --device net_eth0_52_54_00_c0_ff_ee
nodedev-dumpxml pci_0000_00_02_0
nodedev-dumpxml scsi_host1 --xpath //wwnn
nodedev-dumpxml computer --xpath //vendor --wrap
nodedev-info nosuch
nodedev-dumpxml 2000000012341234,1000000012341234
