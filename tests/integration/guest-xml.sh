#!/bin/bash
# guest-xml.sh - print libvirt domain XML for the integration test guest.
#
# Usage: guest-xml.sh --name NAME --kernel VMLINUZ --initrd INITRD
#                     --disk DISK.img --serial-log FILE
#                     [--mode normal|install] [--memory MIB] [--type qemu|kvm]
#                     [--extra-cmdline "ARGS"] [--console file|pty]
#                     [--network NETWORK [--mac MAC]] [--disk-format raw|qcow2]
#
# The guest is built by build-guest.sh.  It is kept cheap to boot under TCG:
# direct kernel boot, 1 vCPU, no USB / balloon / graphics, and no network
# unless --network names a libvirt network: then one virtio NIC on it
# (MAC chosen by libvirt unless --mac), on which the guest asks for a DHCP
# lease at boot.
# --disk-format qcow2 when --disk is a qcow2 image (snapshots need one).
# The serial console (ttyS0) is written to --serial-log (append mode).
# With --console pty it is a pty instead (what `virsh console` attaches to),
# still logged to --serial-log, and the guest runs a root shell on it
# (virtsh.console=shell, see build-guest.sh).
# Paths must be readable (and the log's directory writable) by the user
# running the session daemon.
set -euo pipefail

name="" kernel="" initrd="" disk="" serial_log="" mode=normal memory=192
type=qemu extra="" console=file network="" mac="" disk_format=raw
while [ $# -gt 0 ]; do
    case $1 in
        --name) name=$2 ;;
        --kernel) kernel=$2 ;;
        --initrd) initrd=$2 ;;
        --disk) disk=$2 ;;
        --serial-log) serial_log=$2 ;;
        --mode) mode=$2 ;;
        --memory) memory=$2 ;;
        --type) type=$2 ;;
        --extra-cmdline) extra=$2 ;;
        --console) console=$2 ;;
        --network) network=$2 ;;
        --mac) mac=$2 ;;
        --disk-format) disk_format=$2 ;;
        *) echo "guest-xml.sh: unknown option $1" >&2; exit 2 ;;
    esac
    shift 2
done
for v in name kernel initrd disk serial_log; do
    [ -n "${!v}" ] || { echo "guest-xml.sh: --${v//_/-} is required" >&2; exit 2; }
done
case $mode in normal|install) ;; *) echo "guest-xml.sh: bad --mode $mode" >&2; exit 2 ;; esac
case $console in file|pty) ;; *) echo "guest-xml.sh: bad --console $console" >&2; exit 2 ;; esac
case $disk_format in raw|qcow2) ;; *) echo "guest-xml.sh: bad --disk-format $disk_format" >&2; exit 2 ;; esac

# Escape a value for use inside XML text or a single-quoted attribute.
xml_escape() {
    local s=$1
    s=${s//&/&amp;}
    s=${s//</&lt;}
    s=${s//>/&gt;}
    s=${s//\'/&apos;}
    s=${s//\"/&quot;}
    printf '%s' "$s"
}

cmdline="console=ttyS0 quiet virtsh.mode=$mode${extra:+ $extra}"
[ "$console" = pty ] && cmdline+=" virtsh.console=shell"
log=$(xml_escape "$serial_log")
if [ "$console" = pty ]; then
    serial="<serial type='pty'>
      <log file='$log' append='on'/>
      <target port='0'/>
    </serial>
    <console type='pty'>
      <target type='serial' port='0'/>
    </console>"
else
    serial="<serial type='file'>
      <source path='$log' append='on'/>
      <target port='0'/>
    </serial>
    <console type='file'>
      <source path='$log' append='on'/>
      <target type='serial' port='0'/>
    </console>"
fi

nic=""
if [ -n "$network" ]; then
    nic="<interface type='network'>
      <source network='$(xml_escape "$network")'/>${mac:+
      <mac address='$(xml_escape "$mac")'/>}
      <model type='virtio'/>
    </interface>"
fi

cat <<EOF
<domain type='$(xml_escape "$type")'>
  <name>$(xml_escape "$name")</name>
  <memory unit='MiB'>$(xml_escape "$memory")</memory>
  <vcpu>1</vcpu>
  <os>
    <type arch='x86_64' machine='pc'>hvm</type>
    <kernel>$(xml_escape "$kernel")</kernel>
    <initrd>$(xml_escape "$initrd")</initrd>
    <cmdline>$(xml_escape "$cmdline")</cmdline>
  </os>
  <features>
    <acpi/>
  </features>
  <clock offset='utc'/>
  <on_poweroff>destroy</on_poweroff>
  <on_reboot>restart</on_reboot>
  <on_crash>destroy</on_crash>
  <devices>
    <disk type='file' device='disk'>
      <driver name='qemu' type='$disk_format'/>
      <source file='$(xml_escape "$disk")'/>
      <target dev='vda' bus='virtio'/>
    </disk>
    <controller type='usb' model='none'/>
    <channel type='unix'>
      <target type='virtio' name='org.qemu.guest_agent.0'/>
    </channel>
    $serial
    $nic
    <memballoon model='none'/>
  </devices>
</domain>
EOF
