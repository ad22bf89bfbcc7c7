# modes: text json
# domhostname, domfstrim, the agent's SSH keys, guest-agent-timeout,
# domxml conversions, domdirtyrate-calc, domlaunchsecinfo on the test
# driver (it has a host name and fstrim; the others are refused).
domhostname web1
domhostname web1 --source lease
domfstrim web1
domfstrim web1 --minimum 1M --mountpoint /
get-user-sshkeys web1 root
set-user-sshkeys web1 root dom-devices.xml
set-user-sshkeys web1 root
set-user-sshkeys web1 root --remove
set-user-sshkeys web1 root nosuch.pub
guest-agent-timeout web1 --timeout 10
domxml-to-native qemu-argv --domain web1
domxml-to-native qemu-argv
domxml-from-native qemu-argv dev-disk.xml
domdirtyrate-calc web1 5 page-sampling
domdirtyrate-calc web1 --seconds 61
domlaunchsecinfo web1
