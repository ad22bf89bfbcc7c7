# modes: text json
# domifaddr: the test driver's canned addresses from each source, one
# interface by name or MAC, and the errors.
domifaddr web1
domifaddr web1 --full
domifaddr web1 --source lease
domifaddr web1 --source arp
domifaddr web1 --source agent
domifaddr web1 --interface testnet1
domifaddr web1 --interface 52:54:00:AA:00:01
domifaddr web1 --interface eth9
domifaddr build
domifaddr web1 --source dhcp
domifaddr nosuch
