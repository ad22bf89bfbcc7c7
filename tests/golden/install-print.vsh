# modes: text json
# What install would use, derived three ways; nothing is created.
install install-final.xml --cdrom /srv/iso/debian.iso --print-xml install
install install-final.xml --kernel /srv/k --initrd /srv/i --cmdline "console=ttyS0 auto" --print-xml install
install install-final.xml --boot network --print-xml install
install install-final.xml install-boot.xml --print-xml install
install install-final.xml install-boot.xml --print-xml final
list --all --name
