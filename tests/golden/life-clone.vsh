# modes: text json
# filter: s/"uuid":"11111111-/"uuid":"KEEP-/g; s/"uuid":"[0-9a-f-]\{36\}"/"uuid":"@RANDOM@"/g; s/"uuid":"KEEP-/"uuid":"11111111-/g; s/"macs":\[[^]]*\]/"macs":[@RANDOM@]/
# clone: web1 (shut off first) copied as web2: its disk vda copied in pool
# default as web2.qcow2, the CD-ROM shared, new MAC addresses (none of
# web1's); --linked makes web3 on a qcow2 overlay of web1.qcow2.
destroy web1
clone web1 web2
list --all --name
vol-list default
dumpxml web2 --xpath //disk/source/@file
dumpxml web2 --xpath 'count(//mac[@address="52:54:00:aa:00:01" or @address="52:54:00:aa:00:02"])'
dumpxml web2 --xpath 'count(//interface)'
clone web1 web3 --linked
vol-dumpxml web3.qcow2 default --xpath //backingStore/path
dumpxml web3 --xpath //disk/driver/@type
clone build build2
list --all --name
