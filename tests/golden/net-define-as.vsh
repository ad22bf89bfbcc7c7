# modes: text json
# filter: s/[0-9a-f]\{8\}-[0-9a-f]\{4\}-[0-9a-f]\{4\}-[0-9a-f]\{4\}-[0-9a-f]\{12\}/@UUID@/g
# net-define-as (beyond virsh): a network from a few options.  --print-xml
# changes nothing; the define shows in net-list and net-dumpxml.
net-define-as nat1 --subnet 10.1.2.0/24 --print-xml
net-define-as iso1 --subnet 10.1.3.7/24 --forward isolated --dhcp-range 10.1.3.100,10.1.3.110 --bridge br-iso1 --print-xml
net-define-as r1 --subnet 10.1.4.0/28 --forward route --no-dhcp --print-xml
net-define-as nat1 --subnet 10.1.2.0/24 --start --autostart
net-list --all
net-dumpxml nat1
net-define-as iso1 10.1.3.0/24 --forward isolated
net-info iso1
net-define-as nat1 --subnet 10.1.9.0/24
net-define-as bad --subnet 10.1.2.0
net-define-as bad --subnet 10.1.2.0/31
net-define-as bad --subnet 10.1.2.0/24 --dhcp-range 10.1.3.1,10.1.3.9
net-define-as bad --subnet 10.1.2.0/24 --dhcp-range 10.1.2.1-10.1.2.9
net-define-as bad --subnet 10.1.2.0/24 --bridge this-name-is-too-long
net-define-as bad --subnet 10.1.2.0/24 --dhcp-range 10.1.2.5,10.1.2.9 --no-dhcp
net-define-as bad --subnet 10.1.2.0/24 --print-xml --start
net-define-as bad
net-list --all --name
