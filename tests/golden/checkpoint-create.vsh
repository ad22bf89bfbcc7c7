# modes: text json
# filter: s/[0-9]\{4\}-[0-9]\{2\}-[0-9]\{2\} [0-9:]\{8\} [+-][0-9]\{4\}/@TIME@/g;s/"creation_time_s":[0-9]*/"creation_time_s":@T@/g;s/<creationTime>[0-9]*</<creationTime>@T@</g
# checkpoint-create from a file and with libvirt's name; checkpoint-create-as
# with a name, a description, specs and --print-xml.
checkpoint-create web1 checkpoint-web1.xml
checkpoint-create-as web1 c1 "first one"
checkpoint-create-as --domain web1 --name c2 --description "it's <second>" --diskspec vda,checkpoint=bitmap,bitmap=b2
checkpoint-create-as web1 x d --print-xml --diskspec sda,checkpoint=no vda,checkpoint=bitmap,bitmap=b,,1
checkpoint-create-as web1 --print-xml
checkpoint-list web1 --name
checkpoint-dumpxml web1 c2 --no-domain
checkpoint-dumpxml web1 c2 --xpath //disk/@bitmap
checkpoint-create-as web1 --diskspec vda,bogus
checkpoint-create-as web1 --diskspec ""
checkpoint-create-as web1 --name ""
checkpoint-create web1 --redefine-validate
checkpoint-create web1 dom-not-wellformed.xml
checkpoint-create-as nosuch c
checkpoint-list web1 --name
