# modes: text json
# attach-interface --print-xml for each type virsh attaches, bandwidth,
# and bad input.
attach-interface web1 network default --print-xml
attach-interface web1 bridge br0 --model virtio --mac 52:54:00:00:00:01 --print-xml
attach-interface web1 direct eth0 --print-xml
attach-interface web1 hostdev 0000:00:03.0 --managed --print-xml
attach-interface web1 vhostuser /run/vhost.sock --source-mode client --print-xml
attach-interface web1 network default --inbound 100,200,300,400 --outbound 10,20,30 --target vnet0 --script /bin/true --alias ua-n --print-xml
attach-interface web1 network default vnet9 52:54:00:00:00:09 --print-xml
attach-interface web1 network default --inbound ,,3 --print-xml
attach-interface web1 network default --inbound 1,2,3,4,5 --print-xml
attach-interface web1 network default --outbound 1,2,3,4 --print-xml
attach-interface web1 network default --outbound x --print-xml
attach-interface web1 user x --print-xml
attach-interface web1 hostdev nonsense --print-xml
attach-interface web1 vhostuser /run/vhost.sock --print-xml
attach-interface web1 network default
