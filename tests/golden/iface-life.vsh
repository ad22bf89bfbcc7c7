# modes: text json
# define, start, destroy, undefine; a transaction rolled back and one
# committed.
iface-define iface-new.xml
iface-list --all
iface-destroy eth3
iface-list --inactive
iface-start eth3
iface-undefine eth3
iface-list --all
iface-begin
iface-destroy eth0
iface-rollback
iface-list --all
iface-begin
iface-destroy eth2
iface-commit
iface-list --all
iface-commit
iface-start nosuch
iface-define dom-not-wellformed.xml
