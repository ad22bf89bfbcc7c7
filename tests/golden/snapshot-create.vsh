# modes: text json
# filter: s/[0-9]\{4\}-[0-9]\{2\}-[0-9]\{2\} [0-9:]\{8\} [+-][0-9]\{4\}/@TIME@/g;s/"creation_time_s":[0-9]*/"creation_time_s":@T@/g;s/<creationTime>[0-9]*</<creationTime>@T@</g
# snapshot-create from a file and with libvirt's name; snapshot-create-as
# with a name, a description, --print-xml and its specs.
snapshot-create web1 snap-web1.xml
snapshot-create-as web1 s1 "first one"
snapshot-create-as --domain web1 --name s2 --description "it's <second> & last"
snapshot-create-as web1 s3 --halt
list --all
snapshot-create-as web1 --print-xml --name x --description d --memspec file=/m,,1,snapshot=external vda,snapshot=external,driver=qcow2,file=/a,,b vdb,snapshot=no,stype=block,file=/dev/sdz
snapshot-create-as web1 --print-xml --memspec /mem
snapshot-create-as web1 --print-xml
snapshot-list web1 --name
snapshot-create web1 snap-web1.xml --redefine --current
snapshot-current web1 --name
