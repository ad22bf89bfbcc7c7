# modes: text json
# list --addresses (beyond virsh): the running domains' addresses from the
# DHCP leases (the test driver's canned ones: web1 only); "-" for none.
list --addresses
list --all --title --addresses
list --name --addresses
