# modes: text json
# filter: s/[0-9]\{4\}-[0-9]\{2\}-[0-9]\{2\} [0-9:]\{8\} [+-][0-9]\{4\}/@TIME@/g;s/"creation_time_s":[0-9]*/"creation_time_s":@T@/g;s/<creationTime>[0-9]*</<creationTime>@T@</g
# A tree: a -> b, a -> c -> d (c reverted to a first), and e after d.
snapshot-create-as web1 a
snapshot-create-as web1 b
snapshot-revert web1 a
snapshot-create-as web1 c
snapshot-create-as web1 d
snapshot-create-as web1 e "the last"
snapshot-list web1
snapshot-list --domain web1 --parent
snapshot-list web1 --name
snapshot-list web1 --tree
snapshot-list web1 --roots
snapshot-list web1 --leaves --name
snapshot-list web1 --no-leaves --name
snapshot-list web1 --from a --name
snapshot-list web1 a --descendants --name
snapshot-list web1 --from c --tree
snapshot-list web1 --current --name
snapshot-revert web1 a
snapshot-list web1 --current --descendants --parent
snapshot-list web1 --topological --name
snapshot-list web1 --internal --name
snapshot-list web1 --active --name
snapshot-list web1 --metadata --name
snapshot-list web1 --no-metadata
snapshot-list db1
snapshot-list db1 --tree
