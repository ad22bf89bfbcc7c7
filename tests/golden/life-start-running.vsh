# modes: text json
# start looks a domain up by name or UUID, not by ID (as virsh): "start 2"
# names a domain "2", and db1 (ID 2) is paused.
start web1
start 2
start db1
list --all
