# modes: text json
# env: EDITOR=@DATA@/editor-sed.sh EDIT_SED=s|<name>a</name>|<name>z</name>| TMPDIR=@TMP@
# filter: s/[0-9]\{4\}-[0-9]\{2\}-[0-9]\{2\} [0-9:]\{8\} [+-][0-9]\{4\}/@TIME@/g;s/"creation_time_s":[0-9]*/"creation_time_s":@T@/g;s/<creationTime>[0-9]*</<creationTime>@T@</g
# An edit that renames needs --rename (the old name goes) or --clone (both
# stay); without either it is refused and nothing changes.
snapshot-create-as web1 a
snapshot-edit web1 a
snapshot-list web1 --name
snapshot-edit web1 a --clone
snapshot-list web1 --name
snapshot-delete web1 z
snapshot-edit web1 a --rename
snapshot-list web1 --name
