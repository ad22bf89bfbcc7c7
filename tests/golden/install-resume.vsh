# modes: text json
# An install killed after its first call left the final config defined and
# the installer not started: a plain install refuses, --resume goes on.
define install-final.xml
install install-final.xml --cdrom /srv/iso/debian.iso
install install-final.xml --cdrom /srv/iso/debian.iso --resume
list --all
dumpxml --xpath /domain/devices/disk/source/@file newvm
dumpxml --inactive --xpath /domain/devices/disk/source/@file newvm
# Only a persistent domain that is shut off can be resumed.
install install-final.xml --cdrom /srv/iso/debian.iso --resume
destroy newvm
# A failed installer puts the previous definition back.
install install-final.xml install-boot-bad.xml --resume
dumpxml --inactive --xpath /domain/devices/disk/source/@file newvm
# Nothing to resume, and a config that is not that domain.
install dom-transient.xml --cdrom /srv/iso/debian.iso --resume
install install-other-uuid.xml --cdrom /srv/iso/debian.iso --resume
