#!/bin/bash
# build-guest.sh - build the tiny test guest used by the integration tests.
#
# Usage: build-guest.sh CACHEDIR
#
# Produces, in CACHEDIR (rebuilt only when missing or when this script
# changed):
#   vmlinuz      the Debian kernel, taken from the linux-image-<abi>-amd64
#                package fetched with `apt-get download` (never from /boot)
#   initrd.img   gzip'd cpio (newc) root file system, see below
#   disk.img     pristine 16 MiB raw disk image holding an empty ext2 file
#                system (made on the host with mke2fs from e2fsprogs); tests
#                copy it per domain, never boot it directly
#   guest.env    KVER=..., KPKG=... (informational)
#   .stamp       cache key; its presence marks a complete build
#   dl/          the downloaded kernel .deb (kept; only this one)
#
# The initramfs holds busybox-static (applets installed as symlinks), the
# host's Debian /usr/sbin/qemu-ga with the shared libraries it links and the
# dynamic loader, the virtio / ext2 kernel modules (decompressed at build
# time, loaded by /init in dependency order) and a small /init:
#
#   kernel command line        behaviour
#   virtsh.mode=install        mount /dev/vda on /data, write /data/installed
#                              (a timestamp), sync, umount, power off
#   virtsh.mode=normal / none  mount /dev/vda on /data (/installed is a
#                              symlink to /data/installed), start qemu-ga on
#                              /dev/virtio-ports/org.qemu.guest_agent.0 under
#                              busybox init (respawned), keep running
#   virtsh.console=shell       (normal mode) also a root shell on ttyS0,
#                              respawned: what `virtsh console` talks to
#
# Network (normal mode): if the domain has a virtio NIC (eth0), busybox
# udhcpc runs on it under init (respawned, renews its lease) and sends the
# hostname "virtsh-guest"; its script sets the address and default route
# and prints "virtsh-guest: lease ADDR/PREFIX on eth0" on the console. No
# NIC, no DHCP client.
#
# Progress lines "virtsh-guest: ..." go to the console (console=ttyS0).
# The guest also has /sbin/shutdown (maps qemu-ga's guest-shutdown to
# busybox poweroff/reboot/halt -f), /usr/sbin/chpasswd (busybox-static has
# none; needed by guest-set-user-password), /etc/passwd and /etc/shadow with
# users root and tester, and busybox acpid so an ACPI power-button press
# (virsh shutdown --mode acpi) powers the guest off.
set -euo pipefail

die() { echo "build-guest: error: $*" >&2; exit 1; }
log() { echo "build-guest: $*" >&2; }

[ $# -eq 1 ] || die "usage: $0 CACHEDIR"
CACHE=$1
SELF=$(readlink -f "${BASH_SOURCE[0]}")

# Modules the guest needs; their dependencies are added from modules.dep.
GUEST_MODULES="virtio_pci virtio_console virtio_blk virtio_net ext4 crc32c_generic button evdev"

mkdir -p "$CACHE"
CACHE=$(cd "$CACHE" && pwd)
# Concurrent builds into the same cache wait for each other.
exec {lockfd}>>"$CACHE/.lock"
flock -w 600 "$lockfd" || die "timed out waiting for another build in $CACHE"

# ---------------------------------------------------------------- cache key
# The key covers this script and the host binaries copied into the guest,
# so an upgrade of busybox/qemu-ga or an edit here triggers a rebuild.
cache_key() {
    {
        sha256sum "$SELF" | cut -d' ' -f1
        dpkg-query -W -f='${Package}=${Version}\n' busybox-static qemu-guest-agent 2>/dev/null || true
    } | sha256sum | cut -d' ' -f1
}
KEY=$(cache_key)
if [ -f "$CACHE/.stamp" ] && [ "$(cat "$CACHE/.stamp")" = "$KEY" ] &&
   [ -s "$CACHE/vmlinuz" ] && [ -s "$CACHE/initrd.img" ] && [ -s "$CACHE/disk.img" ]; then
    log "cached guest in $CACHE is up to date"
    exit 0
fi
rm -f "$CACHE/.stamp"

for tool in apt-get apt-cache dpkg-deb depmod cpio gzip ldd qemu-img mke2fs busybox; do
    command -v "$tool" >/dev/null 2>&1 || die "missing tool: $tool"
done
[ -x /bin/busybox ] || die "/bin/busybox missing (install busybox-static)"
[ -x /usr/sbin/qemu-ga ] || die "/usr/sbin/qemu-ga missing (install qemu-guest-agent)"

apt_update_once_done=0
apt_update_once() {
    [ "$apt_update_once_done" = 1 ] && return 0
    apt_update_once_done=1
    if [ "$(id -u)" = 0 ]; then
        log "running apt-get update"
        apt-get update -qq >&2 || log "apt-get update failed"
    fi
}

# ------------------------------------------------------------ kernel package
# linux-image-amd64 is a metapackage depending on the versioned image
# package (e.g. linux-image-6.1.0-56-amd64); fetch that one.
resolve_kpkg() {
    apt-cache depends linux-image-amd64 2>/dev/null |
        awk '/Depends: linux-image-[0-9]/ { print $2; exit }'
}
KPKG=$(resolve_kpkg || true)
if [ -z "$KPKG" ]; then
    apt_update_once
    KPKG=$(resolve_kpkg || true)
fi
[ -n "$KPKG" ] || die "cannot resolve the kernel package behind linux-image-amd64"
KVER=${KPKG#linux-image-}
log "kernel package: $KPKG"

DL="$CACHE/dl"
mkdir -p "$DL"
find_deb() {
    local f
    for f in "$DL/${KPKG}"_*.deb; do
        [ -f "$f" ] && echo "$f" && return 0
    done
    return 1
}
if ! deb=$(find_deb); then
    # apt-get download writes into the current directory.
    if ! (cd "$DL" && apt-get download -q "$KPKG" >&2); then
        apt_update_once
        (cd "$DL" && apt-get download -q "$KPKG" >&2) || die "apt-get download $KPKG failed"
    fi
    deb=$(find_deb) || die "apt-get download left no ${KPKG} .deb in $DL"
fi
# Drop other (older) kernel debs so the cache does not grow.
for f in "$DL"/*.deb; do [ "$f" = "$deb" ] || rm -f "$f"; done

WORK=$(mktemp -d "$CACHE/work.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
log "extracting $(basename "$deb")"
dpkg-deb -x "$deb" "$WORK/kpkg"
KROOT="$WORK/kpkg"
vmlinuz="$KROOT/boot/vmlinuz-$KVER"
[ -f "$vmlinuz" ] || die "no /boot/vmlinuz-$KVER in $deb"
# The package ships no modules.dep (it is made at install time): run
# depmod on the extracted tree.
moddir=""
for base in "$KROOT" "$KROOT/usr"; do
    if [ -d "$base/lib/modules/$KVER/kernel" ]; then
        depmod -b "$base" "$KVER" || die "depmod failed"
        moddir="$base/lib/modules/$KVER"
        break
    fi
done
if [ -z "$moddir" ] || [ ! -f "$moddir/modules.dep" ]; then
    die "no kernel modules in $deb"
fi

# ------------------------------------------------------------ staging tree
ST="$WORK/root"
mkdir -p "$ST"/{bin,sbin,usr/bin,usr/sbin,etc/virtsh-guest,lib/modules,lib64,proc,sys,dev,run,tmp,data,root,home/tester,mnt,var}
chmod 1777 "$ST/tmp"
chmod 700 "$ST/root"
ln -s ../run "$ST/var/run"

# busybox-static and its applets as symlinks.
cp /bin/busybox "$ST/bin/busybox"
/bin/busybox --list-full | while IFS= read -r applet; do
    case $applet in ''|bin/busybox) continue ;; esac
    mkdir -p "$ST/$(dirname "$applet")"
    ln -sf /bin/busybox "$ST/$applet"
done

# qemu-ga, its libraries and the dynamic loader (copied dereferenced).
copy_with_libs() {
    local bin=$1 lib
    mkdir -p "$ST/$(dirname "$bin")"
    cp -L "$bin" "$ST/$bin"
    for lib in $(ldd "$bin" | awk '/=> \// { print $3 } /^\t\// { print $1 }'); do
        mkdir -p "$ST/$(dirname "$lib")"
        cp -L "$lib" "$ST/$lib"
    done
}
copy_with_libs /usr/sbin/qemu-ga
[ -e "$ST/lib64/ld-linux-x86-64.so.2" ] || die "dynamic loader not picked up from ldd"

# Kernel modules: resolve dependencies via modules.dep, decompress, and
# record the load order (dependencies first, in modprobe's order).
declare -A MODPATH=() MODDEPS=() LOADED=()
while IFS= read -r line; do
    file=${line%%:*}
    name=$(basename "$file"); name=${name%%.ko*}; name=${name//-/_}
    MODPATH[$name]=$file
    MODDEPS[$name]=${line#*:}
done < "$moddir/modules.dep"

ORDER=()
add_module() {
    local m=${1//-/_} dn i deps
    [ -n "${LOADED[$m]:-}" ] && return 0
    [ -n "${MODPATH[$m]:-}" ] || die "module $m not found in $KVER"
    LOADED[$m]=1
    # modules.dep lists the full dependency closure; modprobe loads it
    # from the end of the list backwards.
    read -r -a deps <<< "${MODDEPS[$m]}"
    for ((i = ${#deps[@]} - 1; i >= 0; i--)); do
        dn=$(basename "${deps[$i]}"); dn=${dn%%.ko*}
        add_module "$dn"
    done
    ORDER+=("$m")
}
for m in $GUEST_MODULES; do add_module "$m"; done

: > "$ST/etc/virtsh-guest/modules"
for m in "${ORDER[@]}"; do
    src="$moddir/${MODPATH[$m]}"
    dst="$ST/lib/modules/$m.ko"
    case $src in
        *.ko)     cp "$src" "$dst" ;;
        *.ko.xz)  xz -dc "$src" > "$dst" ;;
        *.ko.zst) zstd -qdc "$src" > "$dst" ;;
        *.ko.gz)  gzip -dc "$src" > "$dst" ;;
        *) die "unknown module format: $src" ;;
    esac
    echo "$m" >> "$ST/etc/virtsh-guest/modules"
done
log "modules: ${ORDER[*]}"

# ------------------------------------------------------------ config files
cat > "$ST/etc/passwd" <<'EOF'
root:x:0:0:root:/root:/bin/sh
tester:x:1000:1000:tester:/home/tester:/bin/sh
EOF
cat > "$ST/etc/group" <<'EOF'
root:x:0:
tester:x:1000:
EOF
# Locked passwords; guest-set-user-password (via our chpasswd) sets them.
cat > "$ST/etc/shadow" <<'EOF'
root:*:19700:0:99999:7:::
tester:!:19700:0:99999:7:::
EOF
chmod 600 "$ST/etc/shadow"
chown -R 1000:1000 "$ST/home/tester" 2>/dev/null || true
echo virtsh-guest > "$ST/etc/hostname"
cat > "$ST/etc/os-release" <<'EOF'
NAME="virtsh test guest"
ID=virtsh-guest
VERSION_ID=1
PRETTY_NAME="virtsh test guest 1"
EOF
cat > "$ST/etc/inittab" <<'EOF'
# busybox init, normal mode only (install mode never reaches init).
::respawn:/etc/virtsh-guest/agent-run
::respawn:/sbin/acpid -f -c /etc/acpi -l /run/acpid.log -p /run/acpid.pid
::ctrlaltdel:/bin/busybox reboot -f
::shutdown:/bin/sync
EOF
# busybox acpid runs /etc/acpi/PWRF/00000080 on a power-button press.
mkdir -p "$ST/etc/acpi/PWRF"
cat > "$ST/etc/acpi/PWRF/00000080" <<'EOF'
#!/bin/sh
echo "virtsh-guest: ACPI power button, powering off" > /dev/console
sync
exec /bin/busybox poweroff -f
EOF

# Create /dev/virtio-ports/NAME for every named virtio serial port (no udev).
cat > "$ST/etc/virtsh-guest/mkvports" <<'EOF'
#!/bin/sh
mkdir -p /dev/virtio-ports
for p in /sys/class/virtio-ports/vport*; do
    [ -r "$p/name" ] || continue
    name=$(cat "$p/name")
    [ -n "$name" ] || continue
    [ -e "/dev/virtio-ports/$name" ] && continue
    dev=$(cat "$p/dev")
    mknod "/dev/virtio-ports/$name" c "${dev%%:*}" "${dev##*:}"
    echo "virtsh-guest: /dev/virtio-ports/$name -> $dev" > /dev/console
done
EOF

# Respawned by init: (re)creates the port node and runs the agent.
cat > "$ST/etc/virtsh-guest/agent-run" <<'EOF'
#!/bin/sh
port=/dev/virtio-ports/org.qemu.guest_agent.0
/etc/virtsh-guest/mkvports
if [ ! -e "$port" ]; then
    sleep 1
    exit 1
fi
mkdir -p /run/qemu-ga
echo "virtsh-guest: starting qemu-ga" > /dev/console
exec /usr/sbin/qemu-ga -m virtio-serial -p "$port" -t /run/qemu-ga -f /run/qemu-ga.pid
EOF

# udhcpc's event script ($1 = deconfig | bound | renew | leasefail | nak;
# udhcpc exports interface, ip, mask (prefix length), router, dns).
cat > "$ST/etc/virtsh-guest/udhcpc-script" <<'EOF'
#!/bin/sh
case $1 in
deconfig)
    ip addr flush dev "$interface"
    ip link set "$interface" up
    ;;
bound|renew)
    ip addr flush dev "$interface"
    ip addr add "$ip/${mask:-24}" dev "$interface"
    for r in $router; do
        ip route replace default via "$r" dev "$interface"
        break
    done
    : > /etc/resolv.conf
    for d in $dns; do echo "nameserver $d" >> /etc/resolv.conf; done
    echo "virtsh-guest: lease $ip/${mask:-24} on $interface ($1)" > /dev/console
    ;;
esac
exit 0
EOF

# Respawned by init when there is a NIC: the DHCP client in the foreground.
cat > "$ST/etc/virtsh-guest/net-run" <<'EOF'
#!/bin/sh
ip link set lo up
ip link set eth0 up
exec udhcpc -f -T 1 -t 30 -A 2 -i eth0 -s /etc/virtsh-guest/udhcpc-script -x hostname:virtsh-guest
EOF

# qemu-ga's guest-shutdown runs: /sbin/shutdown -P|-H|-r +0 "message"
cat > "$ST/sbin/shutdown" <<'EOF'
#!/bin/sh
# Minimal shutdown(8) for the test guest: map qemu-ga's requests onto
# busybox's immediate poweroff/reboot/halt.
action=poweroff
for arg in "$@"; do
    case $arg in
        -P|-h|--poweroff) action=poweroff ;;
        -r|--reboot) action=reboot ;;
        -H|--halt) action=halt ;;
    esac
done
echo "virtsh-guest: shutdown $* -> $action -f" > /dev/console
sync
exec /bin/busybox "$action" -f
EOF

# qemu-ga's guest-set-user-password runs `chpasswd [-e]` with
# "user:password" on stdin; busybox-static has no chpasswd applet.
cat > "$ST/usr/sbin/chpasswd" <<'EOF'
#!/bin/sh
# Minimal chpasswd(8): user:password lines on stdin, -e = already crypted.
crypted=0
[ "${1:-}" = "-e" ] && crypted=1
rc=0
while IFS= read -r line || [ -n "$line" ]; do
    user=${line%%:*}
    pass=${line#*:}
    if [ "$crypted" = 1 ]; then
        hash=$pass
    else
        hash=$(printf '%s\n' "$pass" | mkpasswd -m sha512 -P 0) || { rc=1; continue; }
    fi
    if ! grep -q "^$user:" /etc/shadow; then
        echo "chpasswd: unknown user $user" >&2
        rc=1
        continue
    fi
    awk -F: -v OFS=: -v u="$user" -v h="$hash" \
        '$1 == u { $2 = h } { print }' /etc/shadow > /etc/shadow.new &&
        chmod 600 /etc/shadow.new && mv /etc/shadow.new /etc/shadow || rc=1
    echo "virtsh-guest: password of $user changed" > /dev/console
done
exit $rc
EOF

cat > "$ST/init" <<'EOF'
#!/bin/sh
# /init of the virtsh test guest (see tests/integration/build-guest.sh).
export PATH=/sbin:/usr/sbin:/bin:/usr/bin
mount -t devtmpfs devtmpfs /dev
exec </dev/console >/dev/console 2>&1
say() { echo "virtsh-guest: $*"; }
say "init starting"
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t tmpfs -o mode=755 tmpfs /run
mkdir -p /dev/pts && mount -t devpts devpts /dev/pts
hostname -F /etc/hostname

mode=normal
for arg in $(cat /proc/cmdline); do
    case $arg in
        virtsh.mode=*) mode=${arg#virtsh.mode=} ;;
        # a root shell on the serial console (for `virtsh console` tests)
        virtsh.console=shell) echo "ttyS0::respawn:-/bin/sh" >> /etc/inittab ;;
    esac
done
say "mode=$mode"

for m in $(cat /etc/virtsh-guest/modules); do
    insmod "/lib/modules/$m.ko" || say "insmod $m failed"
done
say "modules loaded"

i=0
while [ ! -b /dev/vda ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
if [ -b /dev/vda ] && mount -t ext2 /dev/vda /data; then
    say "disk mounted on /data"
else
    say "WARNING: no disk mounted"
fi
ln -sf /data/installed /installed

case $mode in
install)
    say "installer: writing /data/installed"
    { date -u +%Y-%m-%dT%H:%M:%SZ; echo "installed-by=virtsh-guest"; } > /data/installed
    sync
    umount /data
    say "installer: done, powering off"
    sync
    poweroff -f
    sleep 60
    ;;
esac

# a NIC (virtio_net probed it on insmod): ask for a lease
if [ -e /sys/class/net/eth0 ]; then
    echo "::respawn:/etc/virtsh-guest/net-run" >> /etc/inittab
    say "eth0 present, DHCP client started by init"
fi

/etc/virtsh-guest/mkvports
say "normal boot, handing over to busybox init"
exec /bin/busybox init
EOF

chmod 755 "$ST/init" "$ST/sbin/shutdown" "$ST/usr/sbin/chpasswd" \
    "$ST/etc/acpi/PWRF/00000080" "$ST/etc/virtsh-guest/mkvports" \
    "$ST/etc/virtsh-guest/agent-run" "$ST/etc/virtsh-guest/udhcpc-script" \
    "$ST/etc/virtsh-guest/net-run"
echo "$KEY" > "$ST/etc/virtsh-guest/build-id"

# ------------------------------------------------------------ outputs
log "packing initramfs"
(cd "$ST" && find . -mindepth 1 -print0 | LC_ALL=C sort -z |
    cpio --null -o -H newc --owner=0:0 --quiet) | gzip -6 -n > "$WORK/initrd.img"
cp "$vmlinuz" "$WORK/vmlinuz"

log "creating ext2 disk image"
qemu-img create -q -f raw "$WORK/disk.img" 16M
mke2fs -q -F -t ext2 -L virtsh-data -m 0 "$WORK/disk.img"

printf 'KPKG=%s\nKVER=%s\n' "$KPKG" "$KVER" > "$WORK/guest.env"
for f in vmlinuz initrd.img disk.img guest.env; do
    chmod 644 "$WORK/$f"
    mv -f "$WORK/$f" "$CACHE/$f"
done
echo "$KEY" > "$CACHE/.stamp"
log "guest ready in $CACHE (initrd $(du -k "$CACHE/initrd.img" | cut -f1) KiB)"
