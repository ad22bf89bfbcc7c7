# modes: text json
# env: EDITOR=@DATA@/editor-sed.sh EDIT_SED=s|<description>one</description>|<description>two</description>| TMPDIR=@TMP@
# filter: s/[0-9]\{4\}-[0-9]\{2\}-[0-9]\{2\} [0-9:]\{8\} [+-][0-9]\{4\}/@TIME@/g;s/"creation_time_s":[0-9]*/"creation_time_s":@T@/g;s/<creationTime>[0-9]*</<creationTime>@T@</g
# checkpoint-edit changes the description; a second edit finds nothing to change.
checkpoint-create-as web1 c1 one
checkpoint-edit web1 c1
checkpoint-dumpxml web1 c1 --xpath /domaincheckpoint/description
checkpoint-edit web1 c1
checkpoint-edit web1 nosuch
