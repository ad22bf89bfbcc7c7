#!/bin/bash
# t-devices-nic.sh - a network interface hotplugged into a running guest and
# taken out again, on the private system daemon of lib-system.sh (a session
# daemon has no libvirt networks): attach-interface on a network, seen by
# the guest agent's guest-network-get-interfaces; detach-interface waits
# for the guest to release it.
set -u
HERE=$(dirname "$(readlink -f "$0")")
# shellcheck source=tests/integration/lib.sh
source "$HERE/lib.sh"
# shellcheck source=tests/integration/lib-system.sh
source "$HERE/lib-system.sh"

NET=dv-net NET_BR=dvbr-net0 NET_IP=192.168.163
DOM=dv-nic MAC=52:54:00:d7:00:01

DESC=(
    "attach-interface network --persistent: the guest agent lists the NIC with its MAC"
    "the NIC is in the live and the next boot's definitions (domiflist)"
    "detach-interface --persistent waits for the guest: the NIC is gone from the guest and both definitions"
)
skip_all() { tap_skip_all "$1" "${DESC[@]}"; }
it_setup || skip_all "$IT_SKIP_REASON"
it_guest_available || skip_all "${IT_GUEST_SKIP:-no guest built}"
sys_setup || skip_all "$IT_SKIP_REASON"

T=$IT_TMPDIR/devices-nic-$$
mkdir -p "$T" && chown "$IT_UID:$IT_GID" "$T"
cat > "$T/net.xml" <<EOF
<network>
  <name>$NET</name>
  <bridge name='$NET_BR' stp='off'/>
  <ip address='$NET_IP.1' netmask='255.255.255.0'/>
</network>
EOF
chown "$IT_UID:$IT_GID" "$T/net.xml"
sys_track network "$NET"
xml=$(sys_guest_xmlfile "$DOM" normal)
out=$(sys_virsh net-define "$T/net.xml" 2>&1 && sys_virsh net-start "$NET" 2>&1 &&
      sys_virsh define "$xml" 2>&1 && sys_virsh start "$DOM" 2>&1)
if [ $? != 0 ] || ! IT_URI=$SYS_URI it_wait_agent "$DOM" 90; then
    tap_diag "$out"
    skip_all "the guest did not come up on the system daemon"
fi

# The MACs the guest's agent reports.
guest_macs() {
    IT_URI=$SYS_URI it_agent "$DOM" '{"execute":"guest-network-get-interfaces"}' 2>/dev/null |
        grep -o '"hardware-address": *"[^"]*"' | sed 's/.*"\([^"]*\)"$/\1/'
}

out=$(sys_virtsh attach-interface "$DOM" network "$NET" --mac "$MAC" --model virtio --persistent 2>&1)
rc=$?
end=$((SECONDS + 20))
until guest_macs | grep -qx "$MAC" || [ $SECONDS -ge $end ]; do sleep 0.5; done
[ $rc = 0 ] && echo "$out" | grep -q "Interface attached successfully" && guest_macs | grep -qx "$MAC"
tap_result $? "${DESC[0]}" || tap_diag "exit $rc: $out" "guest: $(guest_macs | tr '\n' ' ')"

sys_virtsh domiflist "$DOM" | grep -q "network *$NET *virtio *$MAC" &&
    sys_virtsh domiflist "$DOM" --inactive | grep -q "network *$NET *virtio *$MAC"
tap_result $? "${DESC[1]}" || tap_diag "$(sys_virtsh domiflist "$DOM" 2>&1)"

out=$(sys_virtsh detach-interface "$DOM" network --mac "$MAC" --persistent 2>&1)
rc=$?
[ $rc = 0 ] && echo "$out" | grep -q "Interface detached successfully" && ! guest_macs | grep -qx "$MAC" &&
    ! sys_virtsh domiflist "$DOM" | grep -q "$MAC" &&
    ! sys_virtsh domiflist "$DOM" --inactive | grep -q "$MAC"
tap_result $? "${DESC[2]}" || tap_diag "exit $rc: $out" "guest: $(guest_macs | tr '\n' ' ')"

tap_plan
