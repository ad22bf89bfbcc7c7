# modes: text json
# net-update: an element inline or from a file; without --live/--config an
# active network's live state.  Bad commands, sections and scopes are
# usage errors.
net-update default add ip-dhcp-host "<host mac='52:54:00:00:00:09' name='h9' ip='192.168.122.9'/>"
net-dumpxml default --xpath //host
net-update default add-last ip-dhcp-host net-dhcp-host.xml --config
net-update default delete ip-dhcp-host "<host mac='52:54:00:00:00:09' name='h9' ip='192.168.122.9'/>" --live --config
net-dumpxml default --xpath //host
net-update lab modify bridge "<bridge name='virbr9' stp='off'/>" --current
net-update default bogus ip-dhcp-host "<host/>"
net-update default add bogus "<host/>"
net-update default add ip-dhcp-host "<host/>" --current --live
net-update default add ip-dhcp-host nosuch.xml
net-update default add ip-dhcp-host "<host mac='52:54:00:00:00:0b' ip='192.168.122.11'/>" 5
