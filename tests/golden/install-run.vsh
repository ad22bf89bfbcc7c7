# modes: text json
# The installer runs transient; the final config is the next-boot config.
install install-final.xml --cdrom /srv/iso/debian.iso
list --all
dominfo newvm
dumpxml newvm
dumpxml --inactive newvm
# The installer powers off (here: destroy); the domain stays defined.
destroy newvm
list --all
start newvm
dumpxml newvm
