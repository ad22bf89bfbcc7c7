# modes: text json
# detach-disk, change-media, detach-interface: the device XML they find
# (--print-xml), the test driver's refusal, and a device that is not there.
detach-disk web1 vda --print-xml
detach-disk web1 /var/lib/libvirt/images/install.iso --print-xml
detach-disk web1 sda --config --print-xml
detach-disk web1 vda
detach-disk web1 vdz
change-media web1 sda --eject --print-xml
change-media web1 sda /srv/new.iso --print-xml
change-media web1 sda --update /srv/new.iso --block --print-xml
change-media web1 sda /srv/new.iso
change-media web1 sda --insert /srv/new.iso
change-media web1 sda --insert
change-media web1 vda --eject
change-media web1 sda --eject --insert
define dom-devices.xml
change-media devices sdb --insert /srv/new.iso --print-xml
change-media devices sdb --eject
detach-interface web1 network --print-xml
detach-interface web1 bridge --mac 52:54:00:AA:00:02 --print-xml
detach-interface web1 network --mac 52:54:00:aa:00:09
detach-interface web1 direct
detach-interface web1 network
