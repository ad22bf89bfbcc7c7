# modes: text json
# attach-disk --print-xml: the <disk> as virsh writes it, for every kind
# of source, address and option; a pool volume; bad input.
attach-disk web1 /tmp/x.img vdb --print-xml
attach-disk web1 /tmp/x.img vdb --targetbus virtio --driver qemu --subdriver qcow2 --cache none --io native --type disk --mode readonly --serial S1 --wwn 0x5000c500a0b1c2d3 --alias ua-x --rawio --iothread 1 --print-xml
attach-disk web1 /x vdb virtio qemu raw --print-xml
attach-disk web1 '' hdc --type cdrom --print-xml
attach-disk web1 vol1 vdb --source-protocol nbd --source-host-name h1:10809 --print-xml
attach-disk web1 /x vdb --sourcetype network --source-protocol nbd --source-host-transport unix --source-host-socket /run/nbd.sock --print-xml
attach-disk web1 /x vdb --sourcetype block --print-xml
attach-disk web1 /x vdb --address pci:0000.00.0a.0 --multifunction --print-xml
attach-disk web1 /x sdb --address scsi:0.0.1 --print-xml
attach-disk web1 /x sdb --address usb:1.2 --print-xml
attach-disk web1 /x hdb --address ide:0.1.0 --print-xml
attach-disk web1 /x vdb --address ccw:0xfe.0.0x1 --print-xml
attach-disk web1 /x vdb --shareable --print-xml
attach-disk web1 "/x'<&>\"" vdb --serial "a<b" --print-xml
attach-disk web1 data.qcow2 vdb --pool images --print-xml
attach-disk web1 vdb --pool images --size 10G --print-xml
attach-disk web1 vdb --pool images --vol data.img --subdriver raw --print-xml
attach-disk web1 /x vdb
attach-disk web1 /x vdb --address sata:0.0.1 --print-xml
attach-disk web1 /x vdb --address pci:0.0.1 --print-xml
attach-disk web1 /x vdb --mode bogus --print-xml
attach-disk web1 /x vdb --wwn 123 --print-xml
attach-disk web1 /x vdb --sourcetype network --print-xml
attach-disk web1 /x vdb --source-host-name h --print-xml
attach-disk web1 /x vdb --source-protocol nbd --source-host-name h --source-host-transport unix --source-host-socket s --print-xml
attach-disk web1 /x
attach-disk web1 vdb --pool images
attach-disk web1 v1 vdb --pool images --vol v2
attach-disk web1 vdb --vol v1
attach-disk web1 vdb --pool nosuch --size 1G
