# modes: text json
# attach-device, detach-device, detach-device-alias, update-device,
# update-memory-device on the test driver, which has no hotplug: the
# options are read, the XML file checked, and libvirt's refusal reported.
attach-device web1 dev-disk.xml
attach-device web1 dev-disk.xml --persistent
attach-device web1 dev-disk.xml --config
detach-device web1 dev-disk.xml --live
detach-device-alias web1 ua-disk1
update-device web1 dev-disk.xml --force
attach-device web1 dom-not-wellformed.xml
attach-device web1 nosuch.xml
attach-device nosuch dev-disk.xml
update-memory-device web1
update-memory-device web1 --alias ua-mem --node 0
update-memory-device web1 --print-xml --requested-size 1G
domblklist web1
