# Every check and rollback: each leaves nothing behind (see the last list).
install install-final.xml
install install-final.xml install-boot.xml --cdrom /srv/x.iso
install install-final.xml --initrd /srv/i
install install-final.xml --boot floppy
install install-final.xml install-other-name.xml
install install-final.xml install-other-uuid.xml
install dom-not-wellformed.xml --boot cdrom
install install-final.xml dom-not-domain.xml
install install-final.xml missing.xml
install install-final.xml install-boot.xml --print-xml both
install install-final.xml install-boot.xml --print-xml final --dry-run
install install-final.xml install-boot.xml --wait -5
# The installer cannot be created: the final config defined first is removed again.
install install-final.xml install-boot-bad.xml
# The final config cannot be defined: nothing is started.
install install-final-bad.xml install-boot.xml
# A domain of that name exists already.
install web1-oneoff.xml --boot cdrom
list --all
