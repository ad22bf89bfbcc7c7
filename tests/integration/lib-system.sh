# shellcheck shell=bash disable=SC2034  # (globals set here are read by the test scripts)
# tests/integration/lib-system.sh - a private libvirt *system* daemon (as
# root) in namespaces of its own, for networks, node devices, interfaces,
# network filters, secrets and storage: what a session daemon cannot do.
#
# `unshare --net --mount --pid --fork --mount-proc --propagation private
# --kill-child` runs an init script (PID 1 of the new PID namespace) that
#   - mounts a tmpfs on /run and binds $SYS_DIR/run on /run/libvirt (the
#     sockets: clients outside use $SYS_DIR/run/libvirt-sock) and
#     $SYS_DIR/etc on /etc/libvirt (our libvirtd.conf, qemu.conf,
#     virtlogd.conf: nothing of the host's configuration is read);
#   - binds a private /etc/passwd and /etc/group: the host's plus the
#     libvirt-qemu user and kvm group libvirt looks up before it reads
#     qemu.conf (the host needs no such account);
#   - mounts an overlay on /var (upper layer in $SYS_DIR/var: the host's
#     /var is never written) with $SYS_DIR/log on /var/log/libvirt and the
#     QEMU capability cache ($IT_SYS_CACHE if set, so later runs start warm)
#     on /var/cache/libvirt;
#   - mounts a new sysfs on /sys, read-only (nodedev-list and iface-list
#     show this network namespace's interfaces, not the host's; PCI and
#     block devices are the host's and cannot be written: see "Limits"),
#     brings lo up;
#   - starts virtlogd and libvirtd (auth "none" on unix sockets that only
#     root and the test user's group may open) and then only reaps.
# QEMU runs as root without a security driver (qemu.conf: user/group root,
# security_driver "none", dynamic_ownership 0, namespaces [ ],
# cgroup_controllers [ ]): nothing outside is relabelled or chowned (the
# guest kernel and initrd are shared with lib.sh's daemon), and no cgroup
# or systemd is needed; confinement is the namespaces'. Bridges, dnsmasq
# and iptables rules of the networks exist only in the namespace; killing
# its PID 1 ends all of it. Needs root and the packages SYS_PACKAGES
# (dnsmasq-base, iptables; never libvirt-daemon-system, which would start a
# host daemon and a default network).
#
# Limits (the host is shared where the kernel has no namespace): sysfs is
# read-only, so nodedev-detach/reattach/reset, nodedev-create of mdevs,
# allocpages and node-memory-tune with values fail ("Read-only file
# system", "Operation not permitted") instead of changing the host; test
# their errors here and their output on the test driver. /dev is the
# host's: never point a domain disk, a pool or a volume at a host device,
# only at files under a temp dir. Never call nodesuspend. The NAT network
# has no uplink (the namespace has only lo): guests reach the bridge and
# dnsmasq, nothing beyond. Use network names, bridge names (15 characters
# at most) and subnets unique to your script: the daemon is shared.
#
# Clients reach it ONLY by its socket ($SYS_URI =
# qemu+unix:///system?socket=$SYS_DIR/run/libvirt-sock) or from inside with
# sys_nsenter; never by a plain qemu:///system (a real daemon may run).
#
#   #!/bin/bash
#   set -u
#   HERE=$(dirname "$(readlink -f "$0")")
#   source "$HERE/lib.sh"; source "$HERE/lib-system.sh"
#   DESC=(...)
#   it_setup || tap_skip_all "$IT_SKIP_REASON" "${DESC[@]}"
#   sys_setup || tap_skip_all "$IT_SKIP_REASON" "${DESC[@]}"
#   sys_virsh net-define "$xml"; sys_track network sy-nat
#   xml=$(sys_guest_xmlfile sy-g normal --network sy-nat --mac 52:54:00:5e:00:01)
#   sys_virsh start sy-g; sys_wait_lease sy-nat 52:54:00:5e:00:01 60  # SYS_LEASE_ADDR
#   IT_URI=$SYS_URI it_wait_agent sy-g   # any lib.sh helper, on this daemon
#
# Sharing: under run.sh the daemon belongs to run.sh (IT_SHARED_SYS_DIR,
# a root-only directory run.sh made): the first script that calls sys_setup
# starts it, later ones attach, run.sh tears it down after the last script
# with its own TAP line. A script removes what it tracked (sys_track) at
# exit. IT_SYS_PRIVATE=1 makes sys_setup start a daemon of the script's own
# even under run.sh. Run alone, a script owns its daemon.
#
# ------------------------------------------------------------------ API
#   sys_setup                start or attach (after it_setup, as root);
#                            installs the teardown at exit. Returns 1 with
#                            IT_SKIP_REASON if it cannot run. SYS_START_SECS:
#                            seconds from unshare to the first answer (0 when
#                            attached)
#   sys_uri                  prints SYS_URI
#   sys_virsh ARG...         the reference virsh -c $SYS_URI as the test user
#   sys_virtsh ARG...        the virtsh under test -c $SYS_URI, the same way
#   sys_run CMD...           CMD as the test user (lib.sh's env) with
#                            LIBVIRT_DEFAULT_URI=$SYS_URI
#   sys_nsenter CMD...       CMD as root inside the namespaces (mount, net,
#                            pid): `sys_nsenter ip -o link`, `... iptables-save`
#   sys_track KIND NAME      removed at exit, in this order: domain,
#                            nwfilter-binding (NAME = port dev + filter, as
#                            "vnet0 clean-traffic"), network, pool, secret
#                            (NAME = UUID), nwfilter, interface, nodedev
#   sys_guest_xmlfile NAME [MODE [OPTION...]]  it_guest_xmlfile for this
#                            daemon (tracked here); OPTIONs to guest-xml.sh,
#                            e.g. --network NET --mac MAC
#   sys_wait_lease NET MAC [SECONDS]  polls net-dhcp-leases NET --mac MAC
#                            every 0.2 s (default 60 s) until an IPv4 lease
#                            shows; sets SYS_LEASE_ADDR (address/prefix)
#                            and SYS_LEASE_SECS. Not in $(...)
#   sys_daemon_stop          kills libvirtd inside (pid from its pid file)
#   sys_daemon_start         starts libvirtd inside again, waits until it
#                            answers; SYS_DAEMON_SECS
#   sys_teardown             (at exit; run.sh calls it too) attached: removes
#                            what this script tracked. Owner: kills the
#                            namespace's PID 1 by pid and asserts that no
#                            process remains in its namespaces (by namespace
#                            inode), the host's network namespace has the
#                            links, iptables/ip6tables/ebtables rules and
#                            forwarding sysctls it had before, no dnsmasq of
#                            our networks runs there, no mount of $SYS_DIR
#                            remains, the host's /etc/libvirt, /run/libvirt,
#                            /var/lib/libvirt, /var/log/libvirt,
#                            /var/cache/libvirt are as before, and $SYS_DIR is
#                            gone. 0 if clean, else 1 with SYS_TEARDOWN_DIAG
#   Exported: SYS_DIR, SYS_URI, SYS_PID1 (host pid of the namespace's init),
#   SYS_NETNS (e.g. net:[4026532301]), SYS_LOGDIR (libvirtd.log, virtlogd.log,
#   qemu/, init.log), SYS_OWNER.
# ------------------------------------------------------------------

[ -n "${IT_SYS_SOURCED:-}" ] && return 0
IT_SYS_SOURCED=1

SYS_PACKAGES=${SYS_PACKAGES:-dnsmasq-base iptables}
SYS_TRACK_ORDER="domain nwfilter-binding network pool secret nwfilter interface nodedev"
SYS_DIR=""
SYS_URI=""
SYS_PID1=""
SYS_OWNER=0
SYS__TORN_DOWN=1
SYS__AT_EXIT=0
SYS_PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
IT_CLEAN_STALE_HOOKS+=(sys__clean_stale)

sys_uri() {
    echo "$SYS_URI"
}

sys_virsh() {
    IT_URI=$SYS_URI it_hvirsh "$@"
}

sys_virtsh() {
    IT_URI=$SYS_URI it_virtsh "$@"
}

sys_run() {
    it_run env LIBVIRT_DEFAULT_URI="$SYS_URI" "$@"
}

sys_nsenter() {
    nsenter -t "$SYS_PID1" -m -n -p -- env -i PATH="$SYS_PATH" LC_ALL=C "$@"
}

# ================================================================ files
sys__write_config() {
    local d=$1 cache=$2
    mkdir -p "$d"/{etc,run,log,var/upper,var/work,state,host} "$cache" || return 1
    chmod 711 "$d"
    chmod 755 "$d/run"
    cat > "$d/etc/libvirtd.conf" <<EOF
unix_sock_group = "$(id -gn "$IT_USER")"
unix_sock_ro_perms = "0770"
unix_sock_rw_perms = "0770"
unix_sock_admin_perms = "0700"
auth_unix_ro = "none"
auth_unix_rw = "none"
log_outputs = "3:file:/var/log/libvirt/libvirtd.log"
EOF
    cat > "$d/etc/qemu.conf" <<'EOF'
cgroup_controllers = [ ]
user = "root"
group = "root"
security_driver = "none"
dynamic_ownership = 0
remember_owner = 0
namespaces = [ ]
EOF
    echo 'log_outputs = "3:file:/var/log/libvirt/virtlogd.log"' > "$d/etc/virtlogd.conf"
    # libvirt looks these up before it reads qemu.conf; ids unused on the host.
    cp /etc/passwd "$d/passwd" && cp /etc/group "$d/group" || return 1
    sys__add_account "$d" libvirt-qemu 64055 user
    sys__add_account "$d" libvirt-dnsmasq 64056 user
    sys__add_account "$d" kvm 64057 group
    sys__add_account "$d" libvirt 64058 group
    chmod 644 "$d/passwd" "$d/group"
    sys__write_init "$d/init.sh" "$cache"
}

# sys__add_account DIR NAME ID user|group: a line in the private files
# unless the host has that name (the id then is the host's).
sys__add_account() {
    local d=$1 name=$2 id=$3
    if [ "$4" = user ] && ! getent passwd "$name" >/dev/null; then
        while getent passwd "$id" >/dev/null; do id=$((id + 100)); done
        echo "$name:x:$id:$id::/var/lib/libvirt:/usr/sbin/nologin" >> "$d/passwd"
    fi
    if ! getent group "$name" >/dev/null; then
        while getent group "$id" >/dev/null; do id=$((id + 100)); done
        echo "$name:x:$id:" >> "$d/group"
    fi
}

sys__write_init() {
    cat > "$1" <<EOF
#!/bin/bash
# PID 1 of the private system daemon's namespaces (lib-system.sh).
D=$(printf %q "${1%/*}")
CACHE=$(printf %q "$2")
EOF
    cat >> "$1" <<'EOF'
fail() { echo "init: $*" >&2; exit 1; }
mount -t tmpfs -o mode=755 tmpfs /run || fail "tmpfs on /run"
mkdir -p /run/libvirt /run/lock
mount --bind "$D/run" /run/libvirt || fail "bind /run/libvirt"
mount --bind "$D/etc" /etc/libvirt || fail "bind /etc/libvirt"
mount --bind "$D/passwd" /etc/passwd || fail "bind /etc/passwd"
mount --bind "$D/group" /etc/group || fail "bind /etc/group"
mount -t overlay overlay -o "lowerdir=/var,upperdir=$D/var/upper,workdir=$D/var/work" /var ||
    fail "overlay on /var"
mkdir -p /var/log/libvirt /var/cache/libvirt
mount --bind "$D/log" /var/log/libvirt || fail "bind /var/log/libvirt"
mount --bind "$CACHE" /var/cache/libvirt || fail "bind /var/cache/libvirt"
mount -t sysfs -o ro sysfs /sys || fail "sysfs"
ip link set lo up || fail "lo up"
say() { echo "init: $(date +%T.%N | cut -c1-12) $*" >&2; }
say "namespaces ready"
virtlogd -d || fail "virtlogd"
say "virtlogd started"
libvirtd -d || fail "libvirtd"
say "libvirtd started"
# Reap the orphans (daemonised dnsmasq, QEMU) until killed.
while :; do
    sleep 3600 &
    wait $!
done
EOF
    chmod 700 "$1"
}

# ================================================================ setup
sys__require() {
    local p
    if [ "$(id -u)" != 0 ]; then
        IT_SKIP_REASON="the private system daemon needs root"
        return 1
    fi
    [ -n "${IT_TMPDIR:-}" ] || { IT_SKIP_REASON="sys_setup before it_setup"; return 1; }
    IT_PACKAGES=$SYS_PACKAGES it_require_packages || return 1
    for p in unshare nsenter setsid ip iptables-save ip6tables-save dnsmasq libvirtd virtlogd; do
        PATH=$PATH:/usr/sbin:/sbin command -v "$p" >/dev/null 2>&1 ||
            { IT_SKIP_REASON="missing program $p"; return 1; }
    done
    return 0
}

# The pid of the namespace's init: the child of unshare (once UP is
# unshare: before its exec, UP is a bash with children of its own).
sys__find_pid1() {
    local up=$1 i c=""
    for ((i = 0; i < 400; i++)); do
        [ "$(cat "/proc/$up/comm" 2>/dev/null)" = unshare ] &&
            c=$(cat "/proc/$up/task/$up/children" 2>/dev/null)
        c=${c%% *}
        [ -n "$c" ] && { echo "$c"; return 0; }
        kill -0 "$up" 2>/dev/null || return 1
        sleep 0.05
    done
    return 1
}

sys__load() {
    SYS_URI="qemu+unix:///system?socket=$SYS_DIR/run/libvirt-sock"
    SYS_LOGDIR=$SYS_DIR/log
    SYS_PID1=$(cat "$SYS_DIR/init.pid" 2>/dev/null)
    SYS_NETNS=$(cat "$SYS_DIR/netns" 2>/dev/null)
    export SYS_DIR SYS_URI SYS_PID1 SYS_NETNS SYS_LOGDIR SYS_OWNER
}

# Is the daemon of SYS_DIR running (its init alive in its own namespace)?
sys__alive() {
    [ -n "$SYS_PID1" ] && [ -n "$SYS_NETNS" ] &&
        [ "$(readlink "/proc/$SYS_PID1/ns/net" 2>/dev/null)" = "$SYS_NETNS" ]
}

# Unshare + init in SYS_DIR, then wait until the test user gets an answer.
sys__start() {
    local cache=${IT_SYS_CACHE:-$SYS_DIR/cache} t0=$EPOCHREALTIME up
    sys__write_config "$SYS_DIR" "$cache" || { IT_SKIP_REASON="cannot write $SYS_DIR"; return 1; }
    sys__snapshot_host > "$SYS_DIR/host/before"
    # setsid: not in the script's process group (a script timeout must not
    # kill a daemon run.sh owns); no fd of ours (the TAP pipe, the lock).
    # (setsid does not fork: a background job of a script is no group
    # leader, so this pid is unshare's)
    ( it__close_fds
      echo "$BASHPID" > "$SYS_DIR/unshare.pid"
      exec setsid env -i PATH="$SYS_PATH" LC_ALL=C unshare --net --mount --pid --fork \
          --mount-proc --propagation private --kill-child bash "$SYS_DIR/init.sh"
    ) </dev/null >>"$SYS_DIR/log/init.log" 2>&1 &
    up=$!
    disown "$up" 2>/dev/null
    SYS_PID1=$(sys__find_pid1 "$up") || {
        IT_SKIP_REASON="unshare did not start: $(tail -n 3 "$SYS_DIR/log/init.log" | tr '\n' ' ')"
        return 1
    }
    echo "$SYS_PID1" > "$SYS_DIR/init.pid"
    readlink "/proc/$SYS_PID1/ns/net" > "$SYS_DIR/netns"
    readlink "/proc/$SYS_PID1/ns/mnt" > "$SYS_DIR/mntns"
    readlink "/proc/$SYS_PID1/ns/pid" > "$SYS_DIR/pidns"
    sys__load
    if [ "$SYS_NETNS" = "$(readlink /proc/$$/ns/net)" ]; then
        IT_SKIP_REASON="unshare did not make a network namespace"
        return 1
    fi
    if ! it__wait_answer "$SYS_PID1" 60 sys_virsh uri; then
        IT_SKIP_REASON="system daemon does not answer: $(tail -n 3 "$SYS_DIR/log/init.log" "$SYS_DIR/log/libvirtd.log" 2>/dev/null | tr '\n' ' ')"
        return 1
    fi
    SYS_START_SECS=$(it__elapsed "$t0" "$EPOCHREALTIME")
    return 0
}

sys_setup() {
    SYS_START_SECS=0
    sys__require || return 1
    if [ "$SYS__AT_EXIT" = 0 ]; then
        SYS__AT_EXIT=1
        it_at_exit sys_teardown
    fi
    SYS__TORN_DOWN=0
    if [ -n "${IT_SHARED_SYS_DIR:-}" ] && [ "${IT_SYS_PRIVATE:-0}" != 1 ]; then
        SYS_OWNER=0
        SYS_DIR=$IT_SHARED_SYS_DIR
        # Scripts run side by side: the first to come starts the daemon,
        # the others wait for it here instead of finding it half-started.
        local lock rc
        exec {lock}>"$SYS_DIR/start.lock"
        flock "$lock"
        sys__load
        if sys__alive; then
            rc=0
        elif [ -e "$SYS_DIR/init.pid" ]; then
            IT_SKIP_REASON="the shared system daemon died (see $SYS_DIR/log)"
            rc=1
        else
            sys__start
            rc=$?
        fi
        exec {lock}>&-
        return $rc
    fi
    SYS_OWNER=1
    SYS_DIR=$(mktemp -d /tmp/virtsh-sys.XXXXXXXX) || { IT_SKIP_REASON="mktemp failed"; return 1; }
    sys__start
}

# run.sh: take over the shared daemon of DIR (started by a script, or not
# at all) to tear it down at the end.
sys_adopt() {
    SYS_DIR=$1
    SYS_OWNER=1
    SYS__TORN_DOWN=0
    sys__load
    if [ "$SYS__AT_EXIT" = 0 ]; then
        SYS__AT_EXIT=1
        it_at_exit sys_teardown
    fi
}

# Was a daemon ever started in SYS_DIR?
sys_started() {
    [ -n "$SYS_DIR" ] && [ -e "$SYS_DIR/init.pid" ]
}

# ================================================================ objects
# Tracked objects go to one file per script, as with it_track_domain.
sys_track() {
    local f=$SYS_DIR/state/tracked.$$
    grep -qxF -- "$1 $2" "$f" 2>/dev/null || echo "$1 $2" >> "$f"
}

sys_guest_xmlfile() {
    local f
    f=$(it_guest_xmlfile "$@") || return 1
    sys_track domain "$1"
    echo "$f"
}

# Removes one tracked object; 0 if it is gone.
sys__remove() {
    local kind=$1 name=$2
    case $kind in
        domain) IT_URI=$SYS_URI it__remove_domain "$name"; return ;;
        nwfilter-binding)
            sys_virsh nwfilter-binding-delete "${name%% *}" >/dev/null 2>&1
            ! sys_virsh nwfilter-binding-dumpxml "${name%% *}" >/dev/null 2>&1 ;;
        network | pool | interface | nodedev)
            local p=${kind/network/net}
            p=${p/interface/iface}
            sys_virsh "$p-destroy" "$name" >/dev/null 2>&1
            sys_virsh "$p-undefine" "$name" >/dev/null 2>&1
            ! sys_virsh "$p-dumpxml" "$name" >/dev/null 2>&1 ;;
        secret | nwfilter)
            sys_virsh "$kind-undefine" "$name" >/dev/null 2>&1
            ! sys_virsh "$kind-dumpxml" "$name" >/dev/null 2>&1 ;;
        *) return 1 ;;
    esac
}

sys_wait_lease() {
    local net=$1 mac=$2 secs=${3:-60} t0=$EPOCHREALTIME end
    end=$((SECONDS + secs))
    SYS_LEASE_SECS="" SYS_LEASE_ADDR=""
    while :; do
        SYS_LEASE_ADDR=$(sys_virsh -q net-dhcp-leases "$net" --mac "$mac" 2>/dev/null |
            awk '$4 == "ipv4" { print $5; exit }')
        if [ -n "$SYS_LEASE_ADDR" ]; then
            SYS_LEASE_SECS=$(it__elapsed "$t0" "$EPOCHREALTIME")
            return 0
        fi
        [ $SECONDS -ge $end ] && return 1
        sleep 0.2
    done
}

# ================================================================ daemon
sys__libvirtd_pid() {
    local p c
    p=$(cat "/proc/$SYS_PID1/root/run/libvirtd.pid" 2>/dev/null) || return 1
    # (a pid of the namespace: find its host pid among init's children)
    for c in $(cat "/proc/$SYS_PID1/task/$SYS_PID1/children" 2>/dev/null); do
        if [ "$(awk '/^NSpid:/ { print $NF }' "/proc/$c/status" 2>/dev/null)" = "$p" ]; then
            echo "$c"
            return 0
        fi
    done
    return 1
}

sys_daemon_stop() {
    local p
    p=$(sys__libvirtd_pid) || return 1
    it__kill_wait "$p"
}

sys_daemon_start() {
    local t0=$EPOCHREALTIME
    SYS_DAEMON_SECS=""
    ( it__close_fds; sys_nsenter libvirtd -d ) </dev/null >>"$SYS_DIR/log/init.log" 2>&1 || return 1
    it__wait_answer "$SYS_PID1" 60 sys_virsh uri || return 1
    SYS_DAEMON_SECS=$(it__elapsed "$t0" "$EPOCHREALTIME")
}

# ================================================================ teardown
# What of the host a private daemon must not change, as text.
sys__snapshot_host() {
    local t
    echo "== links"
    ip -o link show | awk -F': ' '{ print $2 }' | sed 's/@.*//' | sort
    for t in iptables-save ip6tables-save ebtables-save; do
        echo "== $t"
        # (counters and the comment lines with dates differ from run to run)
        command -v "$t" >/dev/null && "$t" 2>/dev/null | grep -v '^#' | sed 's/\[[0-9]*:[0-9]*\]//'
    done
    echo "== sysctl"
    cat /proc/sys/net/ipv4/ip_forward /proc/sys/net/ipv6/conf/all/forwarding 2>/dev/null
    echo "== files"
    find /etc/libvirt /run/libvirt /var/lib/libvirt /var/log/libvirt /var/cache/libvirt \
        -maxdepth 3 -printf '%p %s %T@\n' 2>/dev/null | sort
}

# pids of processes in any namespace named in the files DIR/{netns,mntns,pidns}.
sys__ns_pids() {
    local d=$1 p n l ns=()
    for n in netns mntns pidns; do
        [ -s "$d/$n" ] && ns+=("$(cat "$d/$n")")
    done
    [ ${#ns[@]} -gt 0 ] || return 0
    for p in /proc/[0-9]*; do
        for n in net mnt pid; do
            l=$(readlink "$p/ns/$n" 2>/dev/null) && [ -n "$l" ] || continue
            case " ${ns[*]} " in
                *" $l "*) echo "${p#/proc/}"; break ;;
            esac
        done
    done
}

sys_teardown() {
    local kind name
    [ "$SYS__TORN_DOWN" = 1 ] && return 0
    SYS__TORN_DOWN=1
    SYS_TEARDOWN_DIAG=""
    [ -n "$SYS_DIR" ] && [ -d "$SYS_DIR" ] || return 0
    # (run.sh adopted the directory before a script started the daemon)
    sys__load
    if [ "$SYS_OWNER" = 1 ]; then
        sys__teardown_owner
    elif sys__alive; then
        for kind in $SYS_TRACK_ORDER; do
            while read -r k name; do
                [ "$k" = "$kind" ] || continue
                sys__remove "$kind" "$name" ||
                    SYS_TEARDOWN_DIAG+="$kind $name not removed; "
            done < <(cat "$SYS_DIR/state/tracked.$$" 2>/dev/null)
        done
        rm -f "$SYS_DIR/state/tracked.$$"
    fi
    [ -z "$SYS_TEARDOWN_DIAG" ] && return 0
    printf 'it: system daemon teardown problem: %s\n' "$SYS_TEARDOWN_DIAG" >&2
    return 1
}

sys__teardown_owner() {
    local d=$SYS_DIR links="" nets="" up i pids="" l n before after
    if [ ! -e "$d/init.pid" ]; then
        # (run.sh's directory, never used)
        rm -rf -- "$d"
        return 0
    fi
    # What to look for on the host afterwards: the namespace's links and
    # networks.
    if sys__alive; then
        links=$(sys_nsenter ip -o link show | awk -F': ' '{ print $2 }' | sed 's/@.*//')
        nets=$(ls "/proc/$SYS_PID1/root/var/lib/libvirt/dnsmasq/" 2>/dev/null | sed -n 's/\.conf$//p')
        kill -KILL "$SYS_PID1" 2>/dev/null
    fi
    up=$(cat "$d/unshare.pid" 2>/dev/null)
    # The kernel ends every process of the PID namespace; unshare then exits.
    for ((i = 0; i < 200; i++)); do
        pids=$(sys__ns_pids "$d" | tr '\n' ' ')
        [ -z "${pids// /}" ] && { [ -z "$up" ] || it__pid_gone "$up"; } && break
        sleep 0.05
    done
    if [ -n "${pids// /}" ]; then
        SYS_TEARDOWN_DIAG+="processes remain in its namespaces: $(ps -o pid=,args= -p "${pids// /,}" 2>/dev/null | tr '\n' ';' | cut -c1-300); "
        # shellcheck disable=SC2086
        kill -KILL $pids 2>/dev/null
    fi
    [ -n "$up" ] && ! it__pid_gone "$up" && SYS_TEARDOWN_DIAG+="unshare $up still runs; "

    for l in $links; do
        [ "$l" = lo ] && continue
        ip link show "$l" >/dev/null 2>&1 && SYS_TEARDOWN_DIAG+="link $l in the host's namespace; "
    done
    for n in $nets; do
        for i in $(pgrep -x dnsmasq); do
            [ "$(readlink "/proc/$i/ns/net")" = "$(readlink /proc/$$/ns/net)" ] || continue
            grep -qF "/var/lib/libvirt/dnsmasq/$n.conf" "/proc/$i/cmdline" 2>/dev/null &&
                SYS_TEARDOWN_DIAG+="dnsmasq $i of network $n in the host's namespace; "
        done
    done
    before=$(cat "$d/host/before" 2>/dev/null)
    after=$(sys__snapshot_host)
    if [ "$before" != "$after" ]; then
        SYS_TEARDOWN_DIAG+="the host changed: $(diff <(echo "$before") <(echo "$after") | grep '^[<>]' | head -n 5 | tr '\n' ';'); "
    fi

    if [ -n "${IT_ARTIFACTS:-}" ]; then
        mkdir -p "$IT_ARTIFACTS/system"
        cp -r "$d/log/." "$IT_ARTIFACTS/system/" 2>/dev/null
    fi
    rm -rf -- "$d"
    [ -e "$d" ] && SYS_TEARDOWN_DIAG+="$d remains; "
    findmnt -rn -o TARGET,SOURCE 2>/dev/null | grep -qF "$d" &&
        SYS_TEARDOWN_DIAG+="a mount of $d remains on the host; "
    SYS_PID1=""
}

# With lib.sh's lock held: the namespace of a killed earlier run.
sys__clean_stale() {
    local d p
    for d in /tmp/virtsh-sys.*; do
        [ -d "$d" ] && [ "$(stat -c %u "$d")" = 0 ] || continue
        for p in $(cat "$d/init.pid" "$d/unshare.pid" 2>/dev/null); do
            [[ $p =~ ^[0-9]+$ ]] || continue
            if grep -qF "$d" "/proc/$p/cmdline" 2>/dev/null ||
               [ "$(readlink "/proc/$p/ns/net" 2>/dev/null)" = "$(cat "$d/netns" 2>/dev/null)" ]; then
                it__log "killing the system daemon namespace of an earlier run ($d, pid $p)"
                it__kill_wait "$p"
            fi
        done
        it__log "removing stale system daemon dir $d"
        rm -rf -- "$d"
    done
}
