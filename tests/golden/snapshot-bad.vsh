# modes: text json
# filter: s/[0-9]\{4\}-[0-9]\{2\}-[0-9]\{2\} [0-9:]\{8\} [+-][0-9]\{4\}/@TIME@/g;s/"creation_time_s":[0-9]*/"creation_time_s":@T@/g;s/<creationTime>[0-9]*</<creationTime>@T@</g
# Bad input: each a one-line error; nothing is created.
snapshot-create-as web1 --memspec ""
snapshot-create-as web1 --memspec bogus
snapshot-create-as web1 --memspec file=/a,/b
snapshot-create-as web1 --diskspec vda,bogus=1
snapshot-create-as web1 --diskspec vda,stype=net
snapshot-create-as web1 --diskspec ""
snapshot-create-as web1 --name ""
snapshot-create-as nosuch s1
snapshot-create web1 nosuch.xml
snapshot-create web1 dom-not-wellformed.xml
snapshot-create web1 --current
snapshot-info web1
snapshot-info web1 s1 --current
snapshot-info web1 nosuch
snapshot-current web1
snapshot-current web1 --name nosuch
snapshot-parent web1 --current
snapshot-dumpxml web1
snapshot-dumpxml web1 nosuch
snapshot-list web1 --tree --name
snapshot-list web1 --tree --parent
snapshot-list web1 --tree --leaves
snapshot-list web1 --roots --from x
snapshot-list web1 --from x --current
snapshot-list web1 --descendants
snapshot-list web1 --from nosuch
snapshot-revert web1
snapshot-revert web1 nosuch
snapshot-revert web1 x --running --paused
snapshot-delete web1 x --children --children-only
snapshot-edit web1 x --rename --clone
snapshot-list web1
