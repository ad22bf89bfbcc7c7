# modes: text json
# clone refuses, each before anything is made: a running domain, a name in
# use, a domain that does not exist, an empty name, a disk that is no volume
# (devices has a file outside every pool), a copy's name already taken in
# the pool (a clone cut short leaves that; the message says how to remove
# it).  Nothing changed: the volumes and domains at the end.
clone web1 web2
destroy web1
clone web1 db1
clone nosuch web2
clone web1 ''
define dom-devices.xml
clone devices devices2
vol-create-as default web2.qcow2 1M
clone web1 web2
list --all --name
vol-list default
