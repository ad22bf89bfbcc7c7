# modes: text json
# filter: s/[0-9]\{4\}-[0-9]\{2\}-[0-9]\{2\} [0-9:]\{8\} [+-][0-9]\{4\}/@TIME@/g;s/"creation_time_s":[0-9]*/"creation_time_s":@T@/g;s/<creationTime>[0-9]*</<creationTime>@T@</g
# snapshot-revert and snapshot-delete.
snapshot-create-as web1 a
suspend web1
snapshot-create-as web1 b
snapshot-create-as web1 c
destroy web1
snapshot-create-as web1 off
list --all
snapshot-revert web1 a
list --all
snapshot-revert web1 b
domstate web1
snapshot-revert web1 off --running
domstate web1
snapshot-revert web1 --current --paused
domstate web1
snapshot-delete web1 c
snapshot-delete web1 --current
snapshot-list web1 --tree
snapshot-delete web1 a --children-only
snapshot-list web1 --name
snapshot-create-as web1 x
snapshot-delete web1 a --children
snapshot-list web1 --name
snapshot-create-as web1 m
snapshot-delete web1 m --metadata
snapshot-list web1 --name
