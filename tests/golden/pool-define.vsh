# modes: text json
# filter: s/"uuid":"11111111-/"uuid":"KEEP-/g; s/"uuid":"[0-9a-f-]\{36\}"/"uuid":"@RANDOM@"/g; s/"uuid":"KEEP-/"uuid":"11111111-/g
# pool-define, pool-create and their -as forms; --print-xml connects to
# nothing; the lifecycle of a defined pool, each step shown by pool-list.
pool-define-as p2 dir --target /srv/p2 --print-xml
pool-define-as p3 netfs nfs.example.org /export - - /mnt/p3 nfs --print-xml
pool-define-as p4 iscsi --source-host h --source-dev iqn.2024-01.org.example:disk --source-initiator iqn.2024-01.org.example:host --auth-type chap --auth-username admin --secret-usage "it's & <it>" --print-xml
pool-define-as p5 scsi --adapter-wwnn 20000000c9831b4b --adapter-wwpn 10000000c9831b4b --adapter-parent-fabric-wwn 2000000000000001 --print-xml
pool-define pool-new.xml
pool-define-as p2 dir --target /srv/p2
pool-list --all --details
pool-start newpool
pool-build p2
pool-start p2
pool-refresh p2
pool-autostart p2
pool-list --all --details
pool-autostart p2 --disable
pool-destroy p2
pool-delete p2
pool-undefine p2
pool-create-as p6 dir --target /srv/p6
pool-list --all --details
