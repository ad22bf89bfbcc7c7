# modes: text json
# domiflist: live and inactive, by name/ID/UUID, a domain without interfaces,
# and every kind of source.
domiflist web1
domiflist 1 --inactive
domiflist 11111111-0000-4000-8000-000000000001
domiflist build
define dom-devices.xml
domiflist devices
domiflist nosuch
domiflist
