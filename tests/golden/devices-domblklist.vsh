# modes: text json
# domblklist: targets and sources, --details, every kind of source, an
# empty CD-ROM, a domain without disks.
domblklist web1
domblklist web1 --details
domblklist db1 --inactive
domblklist scratch
define dom-devices.xml
domblklist devices
domblklist devices --details
domblklist nosuch
