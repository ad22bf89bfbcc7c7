# modes: text json
# filter: s/[0-9]\{4\}-[0-9]\{2\}-[0-9]\{2\} [0-9:]\{8\} [+-][0-9]\{4\}/@TIME@/g;s/"creation_time_s":[0-9]*/"creation_time_s":@T@/g;s/<creationTime>[0-9]*</<creationTime>@T@</g
# snapshot-info, snapshot-parent, snapshot-current, snapshot-dumpxml.
snapshot-create-as web1 a "the first"
snapshot-create-as web1 b
snapshot-info web1 a
snapshot-info web1 --current
snapshot-info --domain web1 --snapshotname b
snapshot-parent web1 b
snapshot-parent web1 --current
snapshot-parent web1 a
snapshot-current web1 --name
snapshot-current web1 a
snapshot-current web1 --name
snapshot-dumpxml web1 a --xpath /domainsnapshot/description
snapshot-dumpxml web1 a --xpath //disk/@snapshot --wrap
snapshot-dumpxml web1 b --xpath "count(//disk)"
snapshot-dumpxml web1 b --xpath "//nosuch"
snapshot-dumpxml web1 b --xpath "//["
