# modes: text json
# Well-formed, but a <network>: libvirt says what it expected.
define dom-not-domain.xml
create dom-not-domain.xml
list --all
