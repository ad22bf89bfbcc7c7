# modes: text json
# The test driver has no consoles: the error keeps libvirt's reason.  An
# inactive domain is refused before libvirt is asked.
console web1
console build
console nosuch
list --all
