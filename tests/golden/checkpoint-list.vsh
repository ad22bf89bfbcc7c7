# modes: text json
# filter: s/[0-9]\{4\}-[0-9]\{2\}-[0-9]\{2\} [0-9:]\{8\} [+-][0-9]\{4\}/@TIME@/g;s/"creation_time_s":[0-9]*/"creation_time_s":@T@/g;s/<creationTime>[0-9]*</<creationTime>@T@</g
# A chain c1 -> c2 -> c3, then checkpoint-list, -info, -parent, -delete.
checkpoint-create-as web1 c1
checkpoint-create-as web1 c2
checkpoint-create-as web1 c3 third
checkpoint-list web1
checkpoint-list web1 --parent
checkpoint-list web1 --tree
checkpoint-list web1 --name --roots
checkpoint-list web1 --leaves
checkpoint-list web1 --no-leaves --name
checkpoint-list web1 c1 --name
checkpoint-list web1 --from c1 --descendants --name
checkpoint-list web1 --from c2 --tree
checkpoint-list web1 --topological --name
checkpoint-info web1 c2
checkpoint-info web1 c1
checkpoint-parent web1 c3
checkpoint-parent web1 c1
checkpoint-info web1
checkpoint-info web1 nosuch
checkpoint-list web1 --tree --name
checkpoint-list web1 --tree --leaves
checkpoint-list web1 --descendants
checkpoint-delete web1 c2
checkpoint-list web1 --parent
checkpoint-delete web1 c1 --children-only
checkpoint-list web1 --name
checkpoint-delete web1 c1 --children --children-only
checkpoint-delete web1 c1
checkpoint-list web1
checkpoint-list db1 --tree
