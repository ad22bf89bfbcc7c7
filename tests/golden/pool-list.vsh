# modes: text json
# pool-list and its filters; the node has two active pools (default: dir,
# vg0: logical).  A transient pool and an inactive one show the columns'
# other values.
pool-list
pool-list --all --details
pool-list --name
pool-list --uuid
pool-list --uuid --name
pool-list --type logical
pool-list dir,logical --details
pool-create pool-new.xml
pool-destroy vg0
pool-autostart default
pool-list --all --details
pool-list --inactive
pool-list --transient
pool-list --persistent --autostart
pool-list --no-autostart --all
