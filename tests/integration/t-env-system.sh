#!/bin/bash
# it-exclusive: system   (restarts the system daemon)
# t-env-system.sh - the private system daemon of lib-system.sh is real:
# its life cycle (cold start, teardown, warm start, teardown) on daemons of
# this script's own, then on the shared one (run.sh's, or this script's
# own when run alone): a NAT and an isolated network whose bridges, rules
# and dnsmasq exist only in its namespaces, the test guest on the NAT
# network with a DHCP lease, nodedev-list and iface-list from the
# namespace, a secret, a restart of libvirtd inside. Everything through the
# reference virsh (virtsh has no network commands yet). Figures (start
# times, lease time) are printed as TAP comments.
set -u
HERE=$(dirname "$(readlink -f "$0")")
# shellcheck source=tests/integration/lib.sh
source "$HERE/lib.sh"
# shellcheck source=tests/integration/lib-system.sh
source "$HERE/lib-system.sh"

NAT=es-nat NAT_BR=esbr-nat0 NAT_NET=192.168.150
ISO=es-iso ISO_BR=esbr-iso0 ISO_NET=192.168.151
GUEST=es-guest MAC=52:54:00:e5:00:01

DESC=(
    "cold start: a private system daemon in new namespaces answers on its socket and probes QEMU"
    "its teardown leaves nothing (no process in its namespaces; host links, iptables, sysctls, libvirt dirs as before; temp dir gone)"
    "warm start: a second one answers, with the capability cache of the first (same domcapabilities)"
    "its teardown leaves nothing either"
    "the daemon is libvirtd in system mode, as root in a network namespace of its own, reached by its socket"
    "nodedev-list --cap net and iface-list --all list the namespace's lo and none of the host's interfaces"
    "host-wide kernel state is read-only inside: allocpages fails, the host's huge pages are as before"
    "NAT network $NAT defined and started: its bridge and MASQUERADE rule exist in the namespace, not on the host"
    "isolated network $ISO defined and started: its bridge inside, nothing forwarded or masqueraded for it"
    "dnsmasq of both networks runs in the namespace's network namespace, none in the host's"
    "the test guest boots on $NAT and gets a DHCP lease within 60 s"
    "net-dhcp-leases names the guest, domifaddr --source lease shows the same address"
    "the guest's agent answers through the system daemon and reports that address on eth0"
    "a secret is defined, its value set from a file and read back"
    "libvirtd restarted inside the namespace: networks still active, the guest still running"
    "at the end nothing this script made remains"
)

it_setup || tap_skip_all "$IT_SKIP_REASON" "${DESC[@]}"
sys__require || tap_skip_all "$IT_SKIP_REASON" "${DESC[@]}"

T=$IT_TMPDIR/env-system-$$
mkdir -p "$T" && chown "$IT_UID:$IT_GID" "$T"
# user-readable input files
put() {
    cat > "$T/$1" && chmod 644 "$T/$1" && echo "$T/$1"
}

# ------------------------------------------------------------ life cycle
CACHE=$(mktemp -d /tmp/virtsh-sys.cache-XXXXXXXX)
# shellcheck disable=SC2016 # evaluated at exit
it_at_exit 'rm -rf -- "$CACHE"'

# lifecycle_start: a private daemon with CACHE; sets START, CAPS_SECS and
# writes its domcapabilities to $T/domcaps.N
N_PRIVATE=0
lifecycle_start() {
    local t0
    N_PRIVATE=$((N_PRIVATE + 1))
    IT_SYS_PRIVATE=1 IT_SYS_CACHE=$CACHE sys_setup || { tap_diag "$IT_SKIP_REASON"; return 1; }
    START=$SYS_START_SECS
    t0=$EPOCHREALTIME
    sys_virsh capabilities >/dev/null 2>&1 || return 1
    CAPS_SECS=$(it__elapsed "$t0" "$EPOCHREALTIME")
    sys_virsh domcapabilities > "$T/domcaps.$N_PRIVATE" 2>&1
}

lifecycle_start && [ -n "$(ls "$CACHE"/qemu/capabilities/*.xml 2>/dev/null)" ]
tap_result $? "${DESC[0]}"
tap_diag "cold start: answers after ${START:-?} s, first capabilities call (QEMU probe) ${CAPS_SECS:-?} s"
sys_teardown
tap_result $? "${DESC[1]}" || tap_diag "$SYS_TEARDOWN_DIAG"

lifecycle_start && cmp -s "$T/domcaps.1" "$T/domcaps.2"
tap_result $? "${DESC[2]}" || diff "$T/domcaps.1" "$T/domcaps.2" | head -n 10 | tap_diag
tap_diag "warm start: answers after ${START:-?} s, first capabilities call ${CAPS_SECS:-?} s"
sys_teardown
tap_result $? "${DESC[3]}" || tap_diag "$SYS_TEARDOWN_DIAG"

# ------------------------------------------------------------ shared daemon
sys_setup || tap_skip_all "$IT_SKIP_REASON" "${DESC[@]:4}"
[ "$SYS_START_SECS" != 0 ] && tap_diag "this script started the daemon: answers after $SYS_START_SECS s"
HOSTNS=$(readlink /proc/$$/ns/net)

pid=$(sys__libvirtd_pid)
[ "$(sys_virsh uri 2>&1)" = "$SYS_URI" ] && [ -n "$pid" ] &&
    [ "$(ps -o uid= -p "$pid" | tr -d ' ')" = 0 ] &&
    [ "$(readlink "/proc/$pid/ns/net")" = "$SYS_NETNS" ] && [ "$SYS_NETNS" != "$HOSTNS" ] &&
    [ -S "/proc/$pid/root/run/libvirt/libvirt-sock" ] && sys_virsh nodeinfo >/dev/null 2>&1
tap_result $? "${DESC[4]}" || tap_diag "uri: $(sys_virsh uri 2>&1), libvirtd pid '$pid'"

nodedevs=$(sys_virsh -q nodedev-list --cap net 2>&1)
ifaces=$(sys_virsh -q iface-list --all 2>&1)
bad=""
for l in $(ip -o link show | awk -F': ' '{ print $2 }' | sed 's/@.*//'); do
    [ "$l" = lo ] && continue
    echo "$nodedevs" | grep -q "^net_${l}_" && bad+=" nodedev:$l"
    echo "$ifaces" | awk '{ print $1 }' | grep -qxF "$l" && bad+=" iface:$l"
done
echo "$nodedevs" | grep -q '^net_lo_' && echo "$ifaces" | awk '{ print $1 }' | grep -qx lo &&
    [ -z "$bad" ]
tap_result $? "${DESC[5]}" || tap_diag "host's interfaces seen:$bad" "$nodedevs" "$ifaces"

hp=/sys/kernel/mm/hugepages/hugepages-2048kB/nr_hugepages
before=$(cat "$hp" 2>/dev/null)
out=$(sys_virsh allocpages 2M $((${before:-0} + 1)) 2>&1)
rc=$?
[ $rc != 0 ] && echo "$out" | grep -qi 'read-only' && [ "$(cat "$hp" 2>/dev/null)" = "$before" ]
tap_result $? "${DESC[6]}" || tap_diag "rc $rc: $out"

# ------------------------------------------------------------ networks
nat_xml=$(put nat.xml <<EOF
<network>
  <name>$NAT</name>
  <forward mode='nat'/>
  <bridge name='$NAT_BR' stp='off'/>
  <ip address='$NAT_NET.1' netmask='255.255.255.0'>
    <dhcp>
      <range start='$NAT_NET.10' end='$NAT_NET.99'/>
    </dhcp>
  </ip>
</network>
EOF
)
iso_xml=$(put iso.xml <<EOF
<network>
  <name>$ISO</name>
  <bridge name='$ISO_BR' stp='off'/>
  <ip address='$ISO_NET.1' netmask='255.255.255.0'/>
</network>
EOF
)
sys_track network "$NAT"
sys_track network "$ISO"

out=$(sys_virsh net-define "$nat_xml" 2>&1 && sys_virsh net-start "$NAT" 2>&1)
rc=$?
inner=$(sys_nsenter iptables-save -t nat 2>&1)
[ $rc = 0 ] && sys_nsenter ip link show "$NAT_BR" >/dev/null 2>&1 &&
    echo "$inner" | grep -q -- "-s $NAT_NET.0/24 .*-j MASQUERADE" &&
    ! ip link show "$NAT_BR" >/dev/null 2>&1 && ! iptables-save 2>/dev/null | grep -q "$NAT_BR\|$NAT_NET"
tap_result $? "${DESC[7]}" || tap_diag "$out" "$inner"

out=$(sys_virsh net-define "$iso_xml" 2>&1 && sys_virsh net-start "$ISO" 2>&1)
rc=$?
inner=$(sys_nsenter iptables-save 2>&1)
active=$(sys_virsh -q net-list 2>&1 | awk '$2 == "active" { print $1 }' | sort | tr '\n' ' ')
[ $rc = 0 ] && sys_nsenter ip link show "$ISO_BR" >/dev/null 2>&1 &&
    echo "$inner" | grep -q -- "-i $ISO_BR -j REJECT" &&
    ! echo "$inner" | grep -q -- "$ISO_NET.0/24.*MASQUERADE" &&
    ! echo "$inner" | grep -q -- "-A LIBVIRT_FWO -i $ISO_BR .*-j ACCEPT" &&
    [[ " $active" == *" $NAT "* && " $active" == *" $ISO "* ]] &&
    ! ip link show "$ISO_BR" >/dev/null 2>&1
tap_result $? "${DESC[8]}" || tap_diag "$out" "active: $active" "$inner"

inside=0 outside=""
for p in $(pgrep -x dnsmasq); do
    for n in "$NAT" "$ISO"; do
        grep -qF "/var/lib/libvirt/dnsmasq/$n.conf" "/proc/$p/cmdline" 2>/dev/null || continue
        case $(readlink "/proc/$p/ns/net") in
            "$SYS_NETNS") inside=$((inside + 1)) ;;
            *) outside+=" $p" ;;
        esac
    done
done
# (each network: dnsmasq and its helper child)
[ "$inside" -ge 2 ] && [ -z "$outside" ]
tap_result $? "${DESC[9]}" || tap_diag "in the namespace: $inside; elsewhere:$outside"

# ------------------------------------------------------------ guest
if it_guest_available; then
    xml=$(sys_guest_xmlfile "$GUEST" normal --network "$NAT" --mac "$MAC")
    out=$(sys_virsh define "$xml" 2>&1 && sys_virsh start "$GUEST" 2>&1)
    sys_wait_lease "$NAT" "$MAC" 60
    tap_result $? "${DESC[10]}" || { tap_diag "$out"; it_dump_serial "$GUEST"; }
    addr=$SYS_LEASE_ADDR
    tap_diag "lease ${addr:-none} after ${SYS_LEASE_SECS:-?} s (from start)"

    leases=$(sys_virsh -q net-dhcp-leases "$NAT" 2>&1)
    lease_ip=$(sys_virsh -q domifaddr "$GUEST" --source lease 2>&1 | awk '{ print $4 }')
    [ -n "$addr" ] && echo "$leases" | grep -q "$MAC .* $addr .*virtsh-guest" && [ "$lease_ip" = "$addr" ]
    tap_result $? "${DESC[11]}" || tap_diag "$leases" "domifaddr: $lease_ip"

    ifs=""
    IT_URI=$SYS_URI it_wait_agent "$GUEST" 60 &&
        ifs=$(IT_URI=$SYS_URI it_agent "$GUEST" '{"execute":"guest-network-get-interfaces"}' 2>&1) &&
        [ -n "$addr" ] && echo "$ifs" | tr -d ' \n' |
            grep -q "\"name\":\"eth0\",[^]]*\"ip-address\":\"${addr%/*}\""
    tap_result $? "${DESC[12]}" || tap_diag "$ifs"
else
    for i in 10 11 12; do tap_skip "${DESC[$i]}" "${IT_GUEST_SKIP:-no guest built}"; done
fi

# ------------------------------------------------------------ secret
sec_xml=$(put secret.xml <<'EOF'
<secret ephemeral='no' private='no'>
  <description>t-env-system</description>
  <usage type='ceph'>
    <name>client.es secret</name>
  </usage>
</secret>
EOF
)
value=$(printf 'es-%s' "$$" | base64)
printf '%s' "$value" | put secret.value >/dev/null
uuid=$(sys_virsh secret-define "$sec_xml" 2>&1 | awk '/^Secret .* created/ { print $2 }')
[ -n "$uuid" ] && sys_track secret "$uuid"
out=$(sys_virsh secret-set-value "$uuid" --file "$T/secret.value" 2>&1)
[ -n "$uuid" ] && [ "$(sys_virsh secret-get-value "$uuid" 2>&1)" = "$value" ]
tap_result $? "${DESC[13]}" || tap_diag "uuid '$uuid': $out"

# ------------------------------------------------------------ restart
sys_daemon_stop && sys_daemon_start
rc=$?
active=$(sys_virsh -q net-list 2>&1 | awk '$2 == "active" { print $1 }' | sort | tr '\n' ' ')
[ $rc = 0 ] && [[ " $active" == *" $NAT "* && " $active" == *" $ISO "* ]] &&
    { ! it_guest_available || [ "$(IT_URI=$SYS_URI it_domstate "$GUEST")" = running ]; }
tap_result $? "${DESC[14]}" || tap_diag "active: $active"
tap_diag "libvirtd restart inside the namespace: answers after ${SYS_DAEMON_SECS:-?} s"

# ------------------------------------------------------------ teardown
if [ "$SYS_OWNER" = 1 ]; then
    sys_teardown
    tap_result $? "${DESC[15]} (own daemon: nothing left at all)" || tap_diag "$SYS_TEARDOWN_DIAG"
else
    sys_teardown &&
        ! sys_virsh net-info "$NAT" >/dev/null 2>&1 && ! sys_virsh net-info "$ISO" >/dev/null 2>&1 &&
        [ "$(IT_URI=$SYS_URI it_domstate "$GUEST")" = gone ] &&
        ! sys_virsh secret-dumpxml "$uuid" >/dev/null 2>&1 &&
        ! sys_nsenter ip link show "$NAT_BR" >/dev/null 2>&1
    tap_result $? "${DESC[15]} (shared daemon: networks, bridge, guest, secret removed)" ||
        tap_diag "$SYS_TEARDOWN_DIAG"
fi
tap_plan
