#!/bin/bash
# it-exclusive: system   (compares whole listings of the host objects with virsh)
# t-network.sh - virtsh's network commands on the private system daemon
# (lib-system.sh): a NAT and an isolated network made with net-define-as,
# the test guest on the NAT one with its DHCP lease as net-dhcp-leases,
# domifaddr --source lease, list --addresses and the guest agent see it,
# net-update adding a DHCP host live, network ports, net-event, a network
# filter bound to the guest's port, and completion of network names.  Text
# output is compared with the reference virsh's on the same daemon.
set -u
HERE=$(dirname "$(readlink -f "$0")")
# shellcheck source=tests/integration/lib.sh
source "$HERE/lib.sh"
# shellcheck source=tests/integration/lib-system.sh
source "$HERE/lib-system.sh"
# shellcheck source=tests/integration/lib-hostobj.sh
source "$HERE/lib-hostobj.sh"

NAT=tn-nat NAT_BR=tnbr-nat0 NAT_NET=192.168.171
ISO=tn-iso ISO_BR=tnbr-iso0 ISO_NET=192.168.172
GUEST=tn-guest MAC=52:54:00:71:00:01 FILTER=tn-filter
TMPNET=tn-tmp TMP_BR=tnbr-tmp0

DESC=(
    "net-define-as NAT --start: its bridge and MASQUERADE rule in the namespace, nothing on the host"
    "net-define-as --forward isolated --start: its bridge inside, traffic rejected, nothing masqueraded"
    "net-list, net-info, net-dumpxml, net-uuid, net-name print what virsh prints"
    "net-event --loop -o json sees the isolated network stopped and started, as virsh's net-event"
    "the test guest boots on the NAT network and gets a DHCP lease"
    "net-dhcp-leases shows the lease as virsh does; JSON has its MAC, IP and hostname"
    "domifaddr --source lease (as virsh), list --addresses and the guest agent agree on the address"
    "net-update adds a DHCP host entry live: in the network's XML and in dnsmasq's hosts file"
    "net-port-create, net-port-list, net-port-dumpxml, net-port-delete on the NAT network"
    "nwfilter-define and nwfilter-binding-create on the guest's port: listed, rules inside, names complete"
    "completion offers the networks that fit (net-start: inactive, net-destroy: active)"
    "net-destroy and net-undefine remove both networks: bridges gone from the namespace"
    "net-create starts a transient network from XML; net-destroy makes it vanish"
    "nwfilter-edit changes the bound filter: the namespace's rules follow the edited port"
)

it_setup || tap_skip_all "$IT_SKIP_REASON" "${DESC[@]}"
sys_setup || tap_skip_all "$IT_SKIP_REASON" "${DESC[@]}"
sys_track network "$NAT"
sys_track network "$ISO"
sys_track network "$TMPNET"

T=$IT_TMPDIR/network-$$
mkdir -p "$T" && chown "$IT_UID:$IT_GID" "$T"

# ------------------------------------------------------------ networks
out=$(sys_virtsh net-define-as "$NAT" "$NAT_NET.0/24" --bridge "$NAT_BR" --dhcp-range "$NAT_NET.10,$NAT_NET.99" \
      --start 2>&1)
rc=$?
inner=$(sys_nsenter iptables-save -t nat 2>&1)
[ $rc = 0 ] && echo "$out" | grep -q "^Network $NAT started" &&
    sys_nsenter ip link show "$NAT_BR" >/dev/null 2>&1 &&
    echo "$inner" | grep -q -- "-s $NAT_NET.0/24 .*-j MASQUERADE" &&
    ! ip link show "$NAT_BR" >/dev/null 2>&1 && ! iptables-save 2>/dev/null | grep -q "$NAT_BR\|$NAT_NET"
tap_result $? "${DESC[0]}" || tap_diag "rc=$rc: $out" "$inner"

out=$(sys_virtsh -o json net-define-as "$ISO" "$ISO_NET.0/24" --forward isolated --bridge "$ISO_BR" \
      --start 2>&1)
rc=$?
inner=$(sys_nsenter iptables-save 2>&1)
[ $rc = 0 ] && echo "$out" | grep -q '"forward":"isolated"' && echo "$out" | grep -q "\"bridge\":\"$ISO_BR\"" &&
    sys_nsenter ip link show "$ISO_BR" >/dev/null 2>&1 && echo "$inner" | grep -q -- "-i $ISO_BR -j REJECT" &&
    ! echo "$inner" | grep -q -- "$ISO_NET.0/24.*MASQUERADE" && ! ip link show "$ISO_BR" >/dev/null 2>&1
tap_result $? "${DESC[1]}" || tap_diag "rc=$rc: $out" "$inner"

uuid=$(sys_virsh net-uuid "$NAT" 2>/dev/null | strip)
ok=0
for args in "net-list" "net-list --all" "net-list --name" "net-list --uuid" "net-info $NAT" "net-info $ISO" \
            "net-dumpxml $NAT" "net-dumpxml $ISO --inactive" "net-uuid $NAT" "net-name $uuid"; do
    # shellcheck disable=SC2086
    same $args || ok=1
done
[ $ok = 0 ] && [ -n "$uuid" ] && sys_virtsh -o json net-info "$NAT" | grep -q "\"bridge\":\"$NAT_BR\""
tap_result $? "${DESC[2]}"

# ------------------------------------------------------------ events
# Both listeners run while virsh stops and starts the isolated network.
( sys_virtsh -o json net-event "$ISO" --loop --timeout 20 > "$T/ev.json" 2>&1 ) &
ev1=$!
( sys_virsh net-event --network "$ISO" --event lifecycle --loop --timeout 20 > "$T/ev.virsh" 2>&1 ) &
ev2=$!
sleep 1.5
sys_virsh net-destroy "$ISO" >/dev/null 2>&1 && sys_virsh net-start "$ISO" >/dev/null 2>&1
for _ in $(seq 100); do
    [ "$(grep -c lifecycle "$T/ev.json" 2>/dev/null)" -ge 2 ] && [ "$(grep -c lifecycle "$T/ev.virsh" 2>/dev/null)" -ge 2 ] && break
    sleep 0.1
done
kill "$ev1" "$ev2" 2>/dev/null
wait "$ev1" "$ev2" 2>/dev/null
python3 - "$T/ev.json" "$ISO" <<'EOF' && grep -q "event 'lifecycle' for network $ISO: Stopped" "$T/ev.virsh" &&
import json, sys
ev = [json.loads(l) for l in open(sys.argv[1]) if l.startswith("{")]
types = [(e["event"], e["network"], e["type"]) for e in ev]
assert types[:2] == [("lifecycle", sys.argv[2], "stopped"), ("lifecycle", sys.argv[2], "started")], types
assert all("timestamp" in e and "uuid" in e for e in ev)
EOF
    grep -q "event 'lifecycle' for network $ISO: Started" "$T/ev.virsh"
tap_result $? "${DESC[3]}" || tap_diag "virtsh: $(tr '\n' '|' < "$T/ev.json")" "virsh: $(tr '\n' '|' < "$T/ev.virsh")"

# ------------------------------------------------------------ guest and lease
addr=""
if it_guest_available; then
    xml=$(sys_guest_xmlfile "$GUEST" normal --network "$NAT" --mac "$MAC")
    out=$(sys_virsh define "$xml" 2>&1 && sys_virsh start "$GUEST" 2>&1)
    sys_wait_lease "$NAT" "$MAC" 60
    tap_result $? "${DESC[4]}" || { tap_diag "$out"; it_dump_serial "$GUEST"; }
    addr=$SYS_LEASE_ADDR
    tap_diag "lease ${addr:-none} after ${SYS_LEASE_SECS:-?} s"

    virsh_rows=$(sys_virsh -q net-dhcp-leases "$NAT" 2>&1 | awk '{ print $3, $4, $5, $6, $7, $8 }')
    virtsh_rows=$(sys_virtsh net-dhcp-leases "$NAT" 2>&1 | sed '1,2d;/^$/d' | awk '{ print $3, $4, $5, $6, $7, $8 }')
    json=$(sys_virtsh -o json net-dhcp-leases "$NAT" --mac "$MAC" 2>&1)
    [ -n "$addr" ] && [ "$virsh_rows" = "$virtsh_rows" ] && same net-dhcp-leases "$NAT" --mac "$MAC" &&
        echo "$json" | grep -q "\"mac\":\"$MAC\",\"protocol\":\"ipv4\",\"ip\":\"${addr%/*}\",\"prefix\":${addr#*/},\"hostname\":\"virtsh-guest\""
    tap_result $? "${DESC[5]}" || tap_diag "virsh: $virsh_rows" "virtsh: $virtsh_rows" "$json"

    lease_ip=$(sys_virtsh domifaddr "$GUEST" --source lease 2>&1 | awk 'NR > 2 && $4 { print $4 }')
    listed=$(sys_virtsh -o json list --addresses 2>&1)
    ifs=""
    IT_URI=$SYS_URI it_wait_agent "$GUEST" 60 &&
        ifs=$(IT_URI=$SYS_URI IT_AGENT_CLIENT=it_virtsh it_agent "$GUEST" '{"execute":"guest-network-get-interfaces"}' 2>&1)
    [ -n "$addr" ] && [ "$lease_ip" = "$addr" ] && same domifaddr "$GUEST" --source lease &&
        echo "$listed" | grep -q "\"name\":\"$GUEST\",[^}]*\"addresses\":\[\"${addr%/*}\"\]" &&
        echo "$ifs" | tr -d ' \n' | grep -q "\"name\":\"eth0\",[^]]*\"ip-address\":\"${addr%/*}\""
    tap_result $? "${DESC[6]}" || tap_diag "domifaddr: $lease_ip" "list: $listed" "agent: $ifs"
else
    for i in 4 5 6; do tap_skip "${DESC[$i]}" "${IT_GUEST_SKIP:-no guest built}"; done
fi

# ------------------------------------------------------------ net-update
hostxml="<host mac='52:54:00:71:00:09' name='tn-h9' ip='$NAT_NET.9'/>"
out=$(sys_virtsh net-update "$NAT" add ip-dhcp-host "$hostxml" --live --config 2>&1)
rc=$?
hosts=$(sys_nsenter cat "/var/lib/libvirt/dnsmasq/$NAT.hostsfile" 2>&1)
[ $rc = 0 ] && [ "$out" = "Updated network $NAT persistent config and live state" ] &&
    sys_virsh net-dumpxml "$NAT" | grep -q "52:54:00:71:00:09" &&
    sys_virsh net-dumpxml "$NAT" --inactive | grep -q "52:54:00:71:00:09" &&
    echo "$hosts" | grep -q "52:54:00:71:00:09,$NAT_NET.9,tn-h9"
tap_result $? "${DESC[7]}" || tap_diag "rc=$rc: $out" "hosts: $hosts"

# ------------------------------------------------------------ ports
port=$(put port.xml <<EOF
<networkport>
  <uuid>7e7e7e7e-0000-4000-8000-000000000071</uuid>
  <owner><name>tn-owner</name><uuid>7e7e7e7e-0000-4000-8000-000000000072</uuid></owner>
  <mac address='52:54:00:71:00:08'/>
</networkport>
EOF
)
PORT=7e7e7e7e-0000-4000-8000-000000000071
out=$(sys_virtsh net-port-create "$NAT" "$port" 2>&1)
rc=$?
listed=$(sys_virtsh -o json net-port-list "$NAT" 2>&1)
[ $rc = 0 ] && [ "$out" = "Network port $PORT created from $port" ] &&
    echo "$listed" | grep -q "{\"uuid\":\"$PORT\",\"owner\":\"tn-owner\",[^}]*\"mac\":\"52:54:00:71:00:08\"}" &&
    same net-port-list "$NAT" &&
    same net-port-list "$NAT" --uuid && same net-port-dumpxml "$NAT" "$PORT" &&
    sys_virtsh net-port-delete "$NAT" "$PORT" >/dev/null 2>&1 &&
    ! sys_virsh net-port-list "$NAT" --uuid 2>&1 | grep -q "$PORT"
tap_result $? "${DESC[8]}" || tap_diag "rc=$rc: $out" "$listed"

# ------------------------------------------------------------ nwfilter
if it_guest_available && [ -n "$addr" ]; then
    sys_track nwfilter "$FILTER"
    dev=$(sys_virsh domiflist "$GUEST" 2>/dev/null | awk -v m="$MAC" '$5 == m { print $1 }')
    sys_track nwfilter-binding "$dev $FILTER"
    fxml=$(put filter.xml <<EOF
<filter name='$FILTER' chain='ipv4'>
  <rule action='drop' direction='in' priority='500'>
    <tcp dstportstart='7171'/>
  </rule>
</filter>
EOF
)
    bxml=$(put binding.xml <<EOF
<filterbinding>
  <owner><name>$GUEST</name><uuid>$(sys_virsh domuuid "$GUEST" | strip)</uuid></owner>
  <portdev name='$dev'/>
  <mac address='$MAC'/>
  <filterref filter='$FILTER'/>
</filterbinding>
EOF
)
    o1=$(sys_virtsh nwfilter-define "$fxml" 2>&1) &&
        o2=$(sys_virtsh nwfilter-binding-create "$bxml" 2>&1)
    rc=$?
    rules=$(sys_nsenter iptables-save 2>&1)
    blist=$(sys_virtsh -o json nwfilter-binding-list 2>&1)
    cf=$(sys_virtsh complete -- nwfilter-dumpxml tn- 2>/dev/null | grep . | paste -sd'|')
    cb=$(sys_virtsh complete -- nwfilter-binding-delete '' 2>/dev/null | grep . | paste -sd'|')
    [ $rc = 0 ] && [ "$o1" = "Network filter $FILTER defined from $fxml" ] &&
        [ "$o2" = "Network filter binding on $dev created from $bxml" ] &&
        echo "$blist" | grep -q "{\"portdev\":\"$dev\",\"filter\":\"$FILTER\"}" &&
        same nwfilter-binding-list && same nwfilter-binding-dumpxml "$dev" && same nwfilter-dumpxml "$FILTER" &&
        same nwfilter-list && echo "$rules" | grep -q -- "--dport 7171 -j DROP" &&
        [ "$cf" = "$FILTER" ] && [ "$cb" = "$dev" ]
    tap_result $? "${DESC[9]}" || tap_diag "rc=$rc: $o1 / $o2" "$blist" "completion: $cf, $cb" \
        "$(echo "$rules" | grep -i "$dev" | head -n 5)"

    # A real editor run by nwfilter-edit: the port changes, libvirt
    # rebuilds the binding's rules; then the binding and filter go.
    printf '#!/bin/sh\nexec sed -i -e "s/7171/7172/" "$1"\n' | put editor.sh >/dev/null && chmod 755 "$T/editor.sh"
    oe=$(it_run env EDITOR="$T/editor.sh" TMPDIR="$T" "$VIRTSH" -c "$SYS_URI" nwfilter-edit "$FILTER" 2>&1)
    rc=$?
    rules=$(sys_nsenter iptables-save 2>&1)
    [ $rc = 0 ] && [ "$(echo "$oe" | strip)" = "Network filter $FILTER XML configuration edited." ] &&
        sys_virsh nwfilter-dumpxml "$FILTER" | grep -q "dstportstart='7172'" &&
        echo "$rules" | grep -q -- "--dport 7172 -j DROP" && ! echo "$rules" | grep -q -- "--dport 7171" &&
        sys_virtsh nwfilter-binding-delete "$dev" >/dev/null 2>&1 &&
        ! sys_nsenter iptables-save 2>&1 | grep -q -- "--dport 717" &&
        sys_virtsh nwfilter-undefine "$FILTER" >/dev/null 2>&1 && ! sys_virsh nwfilter-dumpxml "$FILTER" >/dev/null 2>&1
    tap_result $? "${DESC[13]}" || tap_diag "rc=$rc: $oe" "$(echo "$rules" | grep -- "--dport 717" | head -n 5)"
else
    tap_skip "${DESC[9]}" "${IT_GUEST_SKIP:-no guest with a lease}"
    tap_skip "${DESC[13]}" "${IT_GUEST_SKIP:-no guest with a lease}"
fi

# ------------------------------------------------------------ completion
sys_virsh net-destroy "$ISO" >/dev/null 2>&1
c_start=$(sys_virtsh complete -- net-start tn- 2>/dev/null | grep . | paste -sd'|')
c_destroy=$(sys_virtsh complete -- net-destroy tn- 2>/dev/null | grep . | paste -sd'|')
c_info=$(sys_virtsh complete -- net-info --network tn- 2>/dev/null | grep . | paste -sd'|')
[ "$c_start" = "$ISO" ] && [ "$c_destroy" = "$NAT" ] && [ "$c_info" = "$ISO|$NAT" ]
tap_result $? "${DESC[10]}" || tap_diag "net-start: $c_start" "net-destroy: $c_destroy" "net-info: $c_info"

# ------------------------------------------------------------ removal
[ -n "$(IT_URI=$SYS_URI it_domstate "$GUEST")" ] && IT_URI=$SYS_URI it__remove_domain "$GUEST"
o=$(sys_virtsh "net-destroy $NAT; net-undefine $NAT; net-undefine $ISO" 2>&1)
rc=$?
[ $rc = 0 ] && ! sys_virsh net-info "$NAT" >/dev/null 2>&1 && ! sys_virsh net-info "$ISO" >/dev/null 2>&1 &&
    ! sys_nsenter ip link show "$NAT_BR" >/dev/null 2>&1 && ! sys_nsenter ip link show "$ISO_BR" >/dev/null 2>&1
tap_result $? "${DESC[11]}" || tap_diag "rc=$rc: $o"

txml=$(put tmpnet.xml <<EOF
<network>
  <name>$TMPNET</name>
  <bridge name='$TMP_BR'/>
  <ip address='192.168.174.1' prefix='24'/>
</network>
EOF
)
o=$(sys_virtsh net-create "$txml" 2>&1)
rc=$?
info=$(sys_virsh net-info "$TMPNET" 2>&1)
[ $rc = 0 ] && [ "$(echo "$o" | strip)" = "Network $TMPNET created from $txml" ] &&
    echo "$info" | grep -q "^Active: *yes" && echo "$info" | grep -q "^Persistent: *no" &&
    sys_nsenter ip link show "$TMP_BR" >/dev/null 2>&1 && same net-list --transient &&
    sys_virtsh net-destroy "$TMPNET" >/dev/null 2>&1 && ! sys_virsh net-info "$TMPNET" >/dev/null 2>&1 &&
    ! sys_nsenter ip link show "$TMP_BR" >/dev/null 2>&1
tap_result $? "${DESC[12]}" || tap_diag "rc=$rc: $o" "$info"
tap_plan
