# args: -r
# modes: text json
# Reads work; every state change is refused and nothing changes.
list --all
start build
destroy web1
define dom-new.xml
undefine build
autostart build
domrename build x
list --all
