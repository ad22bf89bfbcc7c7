# modes: text json
# env: EDITOR=@DATA@/editor-sed.sh EDIT_SED=s|<description>one</description>|<description>two</description>| TMPDIR=@TMP@
# filter: s/[0-9]\{4\}-[0-9]\{2\}-[0-9]\{2\} [0-9:]\{8\} [+-][0-9]\{4\}/@TIME@/g;s/"creation_time_s":[0-9]*/"creation_time_s":@T@/g;s/<creationTime>[0-9]*</<creationTime>@T@</g
# snapshot-edit changes the description; a second edit finds nothing to
# change; --current also makes it current.
snapshot-create-as web1 a one
snapshot-create-as web1 b
snapshot-edit web1 a
snapshot-dumpxml web1 a --xpath /domainsnapshot/description
snapshot-edit web1 a
snapshot-edit web1 a --current
snapshot-current web1 --name
